package merge

import (
	"html"
	"strings"
	"testing"
)

const benchLetter = `{{salutation}},

Tak fordi du har handlet hos {{business.name}}{{#if customer_since}} siden {{customer_since}}{{/if}}.
{{#if total_spent > 1000 and segment = "Stamkunder"}}
Du har købt for {{total_spent}} – derfor får du 15 % rabat.
{{#else}}
Velkommen tilbage!
{{/if}}
{{first_name | "Kunde"}} {{last_name}}
{{street1}}
{{postcode}} {{city}}
Svarkode: {{response_code}}`

func BenchmarkRenderLetter(b *testing.B) {
	tpl := mustParse(b, benchLetter)
	env := annaEnv()
	var sb strings.Builder
	b.ReportAllocs()
	for b.Loop() {
		sb.Reset()
		tpl.Render(&sb, env, html.EscapeString)
	}
}

func BenchmarkParseLetter(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(benchLetter); err != nil {
			b.Fatal(err)
		}
	}
}

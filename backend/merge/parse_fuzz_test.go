package merge

import (
	"errors"
	"html"
	"strings"
	"testing"

	"directdesk/backend/marketing"
)

// FuzzParse: no input makes Parse panic; what parses renders (plain and
// HTML-escaped) and reports Missing for a filled contact without panicking;
// every name it lists is accepted or refused by Check with a coded error;
// and a template without tags renders as itself.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		// Danish
		"Kære {{first_name | \"kunde\"}},\n\nTak fordi du har handlet hos {{business.name}} siden {{customer_since}}.\n{{#if total_spent > 5000}}\nSom stamkunde får du 15 % rabat.\n{{#elif orders_count >= 2}}\nDu får 10 % rabat.\n{{#else}}\nVelkommen til!\n{{/if}}\nVenlig hilsen\n{{business.name}}, {{business.street}}, {{business.postcode}} {{business.city}}\nSvarkode: {{response_code}}",
		"{{salutation}}\n{{#if segment = \"Stamkunder\" and not city in (\"København K\", \"Aarhus C\")}}Kom forbi butikken i {{business.city}}!{{/if}}\nDin skostørrelse: {{custom.Skostørrelse | \"ukendt\"}}",
		// Swedish
		"Hej {{first_name}}!\n{{#if age >= 65 or (gender = \"female\" and region = \"Skåne\")}}Pensionärsrabatt gäller.{{/if}}\nDu har handlat för {{total_spent}} ({{orders_count}} köp), senast {{last_order_date}}.\nMed vänliga hälsningar, {{business.name}}",
		// Russian
		"{{salutation}}!\n\n{{#if segment != \"Новые клиенты\"}}Благодарим вас за покупки в магазине «{{business.name}}».{{#else}}Добро пожаловать!{{/if}}\nДата: {{today}}. Ваш код: {{response_code}}.\n{{#if custom.\"Размер обуви\" > 40}}Новые модели больших размеров.{{/if}}",
		// HTML and odd corners
		`<p>{{"{{"}}x{{"}}"}} }} {{first_name|“kunde”}} {{custom."a\"b\\c"}}</p>{{#if a}}{{#if b}}x{{/if}}{{/if}}`,
		"{{#if (", "{{", "}}", "{{#if a}}", "{{/if}}", "{{\"", "{{#if a =", "{{custom.\"", "{{#if segment in (", "\xff{{\xfe}}",
	} {
		f.Add(s)
	}
	known := Known{Custom: []string{"Skostørrelse", "Размер обуви"}, Segments: []string{"Stamkunder"}}
	f.Fuzz(func(t *testing.T, src string) {
		tpl, err := Parse(src)
		if err != nil {
			var e *marketing.Error
			if !errors.As(err, &e) || e.Code != marketing.EInvalid || e.Details["reason"] == "" || e.Details["line"] == "" {
				t.Fatalf("Parse error is not a coded template error: %#v", err)
			}
			return
		}
		for _, lang := range []string{"da", "ru"} {
			env := annaEnv()
			env.Lang = lang
			var b strings.Builder
			tpl.Render(&b, env, nil)
			b.Reset()
			tpl.Render(&b, env, html.EscapeString)
			tpl.Missing(env)
		}
		tpl.Render(new(strings.Builder), nil, nil)
		for _, name := range tpl.Fields() {
			c, isCustom := strings.CutPrefix(name, CustomPrefix)
			if !isCustom {
				continue
			}
			// The menu's token for a custom field reads back as that field.
			one, err := Parse("{{" + customRef(c) + "}}")
			if err != nil {
				t.Fatalf("token for %q does not parse: %v", name, err)
			}
			if got := one.Fields(); len(got) != 1 || got[0] != name {
				t.Fatalf("token for %q reads back as %q", name, got)
			}
			if err := one.Check(Known{Custom: []string{c}}); err != nil {
				t.Fatalf("custom field %q is refused though known: %v", name, err)
			}
		}
		if err := tpl.Check(known); err != nil {
			var e *marketing.Error
			if !errors.As(err, &e) || (e.Details["reason"] != ReasonUnknownField && e.Details["reason"] != ReasonUnknownSegment) || e.Details["name"] == "" {
				t.Fatalf("Check error is not a coded template error: %#v", err)
			}
		}
		if !strings.Contains(src, "{{") {
			var b strings.Builder
			tpl.Render(&b, nil, nil)
			if b.String() != src {
				t.Fatalf("text without tags rendered as %q", b.String())
			}
		}
	})
}

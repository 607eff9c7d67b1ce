package merge

import (
	"html"
	"slices"
	"strings"
	"testing"
)

func TestEachSyntaxElementRendersAsDocumented(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{"plain text is copied unchanged", "Hej med dig!\n", "Hej med dig!\n"},
		{"a field is merged", "Kære {{first_name}},", "Kære Anna,"},
		{"spaces inside the braces are allowed", "{{ first_name }} {{\tlast_name\n}}", "Anna Jensen"},
		{"no-break spaces inside the braces count as spaces", "{{\u00a0first_name\u00a0}}", "Anna"},
		{"a fallback is not used when there is a value", `{{first_name | "kunde"}}`, "Anna"},
		{"a fallback is used when the value is empty", `{{region2 | "x"}}|{{street2 | "ingen"}}`, "x|2. tv."},
		{"a fallback may hold escaped quotes and backslashes", `{{job_title2 | "\"A\\B\""}}`, `"A\B"`},
		{"a quoted text alone prints braces", `{{"{{"}}first_name{{"}}"}}`, "{{first_name}}"},
		{"a stray closing pair is text", "a }} b", "a }} b"},
		{"a single brace is text", "{ first_name }", "{ first_name }"},
		{"typographic quotes from word processors work", "{{nothing | “kunde”}} {{nothing | „Kunde“}} {{nothing | «клиент»}}", "kunde Kunde клиент"},
		{"a custom field with a one-word name", "{{custom.Skostørrelse}}", "38"},
		{"a custom field with a quoted name", `{{custom."Favourite shop"}}`, "Odense"},
		{"an if block is taken when its condition holds", "{{#if first_name}}Hej {{first_name}}{{/if}}!", "Hej Anna!"},
		{"an if block is skipped when its condition fails", "{{#if nothing}}x{{/if}}!", "!"},
		{"elif is taken when if fails", `{{#if city = "Odense"}}O{{#elif city = "aarhus c"}}A{{#else}}E{{/if}}`, "A"},
		{"else is taken when all fail", `{{#if city = "Odense"}}O{{#elif city = "Vejle"}}V{{#else}}E{{/if}}`, "E"},
		{"blocks nest", `{{#if first_name}}[{{#if age > 90}}old{{#else}}{{age}}{{/if}}]{{/if}}`, "[64]"},
		{"a block tag alone on its line removes the line", "Kære kunde\n{{#if first_name}}\nTak, {{first_name}}!\n{{#else}}\nTak!\n{{/if}}\nHilsen\n", "Kære kunde\nTak, Anna!\nHilsen\n"},
		{"an indented block tag alone on its line removes the line", "a\n  {{#if first_name}}  \r\nb\n\t{{/if}}", "a\nb\n"},
		{"a block tag beside text keeps its line", "Hej {{#if first_name}}{{first_name}}{{/if}}\nx", "Hej Anna\nx"},
		{"two block tags on one line keep the line", "{{#if first_name}}{{/if}}\nx", "\nx"},
		{"a tag spanning lines is read", "{{#if first_name\n and last_name}}ok{{/if}}", "ok"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := render(t, tc.src, annaEnv(), nil); got != tc.want {
				t.Errorf("Render(%q) = %q, want %q", tc.src, got, tc.want)
			}
		})
	}
}

func TestParseErrorsNameTheReasonAndLine(t *testing.T) {
	for _, tc := range []struct {
		name, src, reason string
		line              int
		detailName        string
	}{
		{"an if without /if", "Hej\n{{#if first_name}}\nx", ReasonUnclosedBlock, 2, ""},
		{"the inner of two unclosed ifs is named", "{{#if a}}\n{{#if b}}\n{{/if}}\n{{#if c}}", ReasonUnclosedBlock, 4, ""},
		{"a /if without if", "a\n\nb{{/if}}", ReasonUnexpectedEnd, 3, ""},
		{"an else without if", "{{#else}}", ReasonUnexpectedEnd, 1, ""},
		{"an elif without if", "x\n{{#elif a}}", ReasonUnexpectedEnd, 2, ""},
		{"an elif after else", "{{#if a}}\n{{#else}}\n{{#elif b}}{{/if}}", ReasonUnexpectedEnd, 3, ""},
		{"two elses", "{{#if a}}{{#else}}\n{{#else}}{{/if}}", ReasonUnexpectedEnd, 2, ""},
		{"braces never closed", "Hej\n{{first_name\nKære kunde", ReasonSyntax, 2, ""},
		{"empty braces", "a\n{{}}", ReasonSyntax, 2, ""},
		{"a quote never closed", "{{first_name | \"kunde}}", ReasonSyntax, 1, ""},
		{"an unquoted fallback", "{{first_name | kunde}}", ReasonSyntax, 1, ""},
		{"two names in one tag", "\n{{first name}}", ReasonSyntax, 2, ""},
		{"an if without a condition", "{{#if}}x{{/if}}", ReasonSyntax, 1, ""},
		{"an unknown block tag", "{{#each orders}}{{/each}}", ReasonSyntax, 1, ""},
		{"an if without the hash", "{{if first_name}}", ReasonSyntax, 1, ""},
		{"a closing tag for something else", "{{#if a}}{{/each}}", ReasonSyntax, 1, ""},
		{"else with extra text", "{{#if a}}{{#else b}}{{/if}}", ReasonSyntax, 1, ""},
		{"a comparison without a value", "{{#if city = }}x{{/if}}", ReasonSyntax, 1, ""},
		{"a number comparison with text", `{{#if age > "old"}}x{{/if}}`, ReasonSyntax, 1, ""},
		{"an unclosed bracket", "\n\n{{#if (a or b}}x{{/if}}", ReasonSyntax, 3, ""},
		{"an in without brackets", `{{#if city in "Odense"}}x{{/if}}`, ReasonSyntax, 1, ""},
		{"an empty in list", `{{#if city in ()}}x{{/if}}`, ReasonSyntax, 1, ""},
		{"conditions not joined", `{{#if a b}}x{{/if}}`, ReasonSyntax, 1, ""},
		{"an operator with no field", `{{#if and a}}x{{/if}}`, ReasonSyntax, 1, ""},
		{"a segment without a name", `{{#if segment}}x{{/if}}`, ReasonSyntax, 1, ""},
		{"a segment with an empty name", `{{#if segment = " "}}x{{/if}}`, ReasonSyntax, 1, ""},
		{"a segment compared with a number", `{{#if segment = 5}}x{{/if}}`, ReasonSyntax, 1, ""},
		{"a custom field without a name", `{{custom.}}`, ReasonSyntax, 1, ""},
		{"a custom field with empty quotes", `{{custom.""}}`, ReasonSyntax, 1, ""},
		{"brackets nested too deeply", "{{#if " + strings.Repeat("(", 60) + "a" + strings.Repeat(")", 60) + "}}{{/if}}", ReasonSyntax, 1, ""},
		{"blocks nested too deeply", strings.Repeat("{{#if a}}", 60) + strings.Repeat("{{/if}}", 60), ReasonSyntax, 1, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(tc.src)
			if err == nil {
				t.Fatalf("Parse(%q) succeeded", tc.src)
			}
			e := asMarketingError(t, err)
			if e.Details["reason"] != tc.reason || e.Details["line"] != itoa(tc.line) || e.Details["name"] != tc.detailName {
				t.Errorf("Parse(%q) details = %v, want reason %s line %d name %q (%s)", tc.src, e.Details, tc.reason, tc.line, tc.detailName, e.Message)
			}
			if !strings.Contains(e.Message, "line "+itoa(tc.line)) {
				t.Errorf("message %q does not name line %d", e.Message, tc.line)
			}
		})
	}
}

func TestUnexpectedBlockTagsSayWhichTag(t *testing.T) {
	for src, want := range map[string]string{"{{/if}}": "/if", "{{#else}}": "#else", "{{#elif a}}": "#elif"} {
		_, err := Parse(src)
		if e := asMarketingError(t, err); e.Details["tag"] != want {
			t.Errorf("Parse(%q) tag = %q, want %q", src, e.Details["tag"], want)
		}
	}
}

func TestFieldsAndSegmentsAreListedOnceInFirstUseOrder(t *testing.T) {
	tpl := mustParse(t, `{{#if segment = "VIP" or age > 60}}{{first_name}}{{/if}} {{custom."Shoe size"}} {{first_name | "x"}} {{#if segment != "Nye" and segment in ("VIP", "Guld")}}{{custom.Shoe_size}}{{/if}}`)
	if got, want := tpl.Fields(), []string{"age", "first_name", "custom.Shoe size", "custom.Shoe_size"}; !slices.Equal(got, want) {
		t.Errorf("Fields() = %q, want %q", got, want)
	}
	if got, want := tpl.Segments(), []string{"VIP", "Nye", "Guld"}; !slices.Equal(got, want) {
		t.Errorf("Segments() = %q, want %q", got, want)
	}
	if got := mustParse(t, "no fields").Fields(); len(got) != 0 {
		t.Errorf("a template without fields lists %q", got)
	}
}

func TestHTMLEscapingAppliesToValuesButNotToTemplateText(t *testing.T) {
	env := annaEnv()
	env.Contact.Company = `<b>"Jensen" & Co</b>`
	src := `<p class="x">{{company}} &amp; {{nothing | "<i>kunde</i>"}}{{"<br>"}}</p>`
	want := `<p class="x">&lt;b&gt;&#34;Jensen&#34; &amp; Co&lt;/b&gt; &amp; <i>kunde</i><br></p>`
	if got := render(t, src, env, html.EscapeString); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := render(t, "{{company}}", env, nil); got != env.Contact.Company {
		t.Errorf("nil esc changed the value: %q", got)
	}
}

func TestAParsedTemplateRendersConcurrently(t *testing.T) {
	tpl := mustParse(t, `{{salutation}}, {{#if total_spent > 1000}}tak for {{total_spent}}{{#else}}velkommen{{/if}} {{today}}`)
	want := "Kære Anna, tak for 1.234,50\u00a0kr. 2. december 2026"
	done := make(chan string)
	for range 8 {
		go func() {
			var b strings.Builder
			for range 200 {
				b.Reset()
				tpl.Render(&b, annaEnv(), nil)
			}
			done <- b.String()
		}()
	}
	for range 8 {
		if got := <-done; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
}

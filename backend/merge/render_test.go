package merge

import (
	"slices"
	"strings"
	"testing"
	"time"

	"directdesk/backend/marketing"
)

func TestEveryFieldMergesItsValue(t *testing.T) {
	for _, tc := range []struct {
		field, want string
	}{
		{"salutation", "Kære Anna"},
		{"first_name", "Anna"},
		{"middle_name", "Marie"},
		{"last_name", "Jensen"},
		{"full_name", "Anna Marie Jensen"},
		{"company", "Jensen & Co"},
		{"job_title", "Indehaver"},
		{"email", "anna@example.dk"},
		{"phone", "+4533123456"},
		{"mobile", "+4520123456"},
		{"customer_no", "K-1001"},
		{"gender", "kvinde"},
		{"language", "dansk"},
		{"birth_date", "3. december 1961"},
		{"age", "64"},
		{"customer_since", "1. april 2019"},
		{"street1", "Vestergade 4"},
		{"street2", "2. tv."},
		{"postcode", "8000"},
		{"city", "Aarhus C"},
		{"region", "Region Midtjylland"},
		{"country", "Danmark"},
		{"orders_count", "7"},
		{"last_order_date", "3. november 2026"},
		{"total_spent", "1.234,50\u00a0kr."},
		{"business.name", "Cykelsmeden ApS"},
		{"business.street", "Nørregade 12"},
		{"business.postcode", "5000"},
		{"business.city", "Odense C"},
		{"business.country", "Danmark"},
		{"business.reg_no", "12345678"},
		{"business.email", "butik@cykelsmeden.dk"},
		{"business.phone", "+4566112233"},
		{"business.website", "cykelsmeden.dk"},
		{"campaign.name", "Julekatalog 2026"},
		{"response_code", "JUL-7F3K"},
		{"today", "2. december 2026"},
		{"custom.Kundetype", "Guld"},
	} {
		t.Run(tc.field, func(t *testing.T) {
			if got := render(t, "{{"+tc.field+"}}", annaEnv(), nil); got != tc.want {
				t.Errorf("{{%s}} = %q, want %q", tc.field, got, tc.want)
			}
		})
	}
}

func TestEveryBuiltInFieldIsCovered(t *testing.T) {
	// Guards the switch in value: a field added to the table must merge.
	var b strings.Builder
	for _, f := range Fields(nil) {
		b.Reset()
		mustParse(t, f.Token).Render(&b, annaEnv(), nil)
		if b.Len() == 0 {
			t.Errorf("%s merges as empty for a filled contact", f.Name)
		}
	}
}

func TestValuesFollowTheRecipientsLanguage(t *testing.T) {
	src := "{{salutation}}|{{country}}|{{birth_date}}|{{total_spent}}|{{gender}}"
	for _, tc := range []struct {
		lang, defaultLang, currency, want string
	}{
		{"da", "", "DKK", "Kære Anna|Danmark|3. december 1961|1.234,50\u00a0kr.|kvinde"},
		{"sv", "", "SEK", "Hej Anna|Danmark|3 december 1961|1\u00a0234,50\u00a0kr|kvinna"},
		{"nb", "", "NOK", "Kjære Anna|Danmark|3. desember 1961|kr\u00a01\u00a0234,50|kvinne"},
		{"en", "", "DKK", "Dear Anna|Denmark|3 December 1961|DKK\u00a01,234.50|female"},
		{"ru", "", "RUB", "Уважаемая Анна|Дания|3 декабря 1961\u00a0г.|1\u00a0234,50\u00a0₽|женский"},
		{"", "sv", "EUR", "Hej Anna|Danmark|3 december 1961|1\u00a0234,50\u00a0EUR|kvinna"},
		{"de", "nb", "NOK", "Kjære Anna|Danmark|3. desember 1961|kr\u00a01\u00a0234,50|kvinne"},
		{"", "", "", "Dear Anna|Denmark|3 December 1961|1,234.50|female"},
	} {
		t.Run(tc.lang+"/"+tc.defaultLang, func(t *testing.T) {
			env := annaEnv()
			env.Lang, env.DefaultLang, env.Currency = tc.lang, tc.defaultLang, tc.currency
			if tc.lang == "ru" {
				env.Contact.FirstName, env.Contact.MiddleName = "Анна", ""
			}
			if got := render(t, src, env, nil); got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestEmptyAndOddValuesRenderSafely(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  *Env
		src  string
		want string
	}{
		{"a nil env merges nothing", nil, "a{{first_name}}b{{today}}{{salutation}}", "abDear customer"},
		{"a nil contact merges nothing", &Env{Lang: "da"}, "[{{first_name}}{{age}}{{country}}]{{salutation}}", "[]Kære kunde"},
		{"an unknown field merges nothing", annaEnv(), "[{{frist_name}}]", "[]"},
		{"an unknown custom field merges nothing", annaEnv(), "[{{custom.Nope}}]", "[]"},
		{"a blank value takes the fallback", &Env{Contact: &marketing.Contact{FirstName: "  "}}, `{{first_name | "kunde"}}`, "kunde"},
		{"a date that is no date is written as stored", &Env{Contact: &marketing.Contact{BirthDate: "1961-13-45"}}, "{{birth_date}}", "1961-13-45"},
		{"a timestamp is written as its date", &Env{Contact: &marketing.Contact{CustomerSince: "2019-04-01T08:00:00Z"}}, "{{customer_since}}", "1 April 2019"},
		{"money that is no number is written as given", &Env{Extra: map[string]string{"total_spent": "n/a"}}, "{{total_spent}}", "n/a"},
		{"an unknown country code is written as the code", &Env{Contact: &marketing.Contact{Country: "BR"}}, "{{country}}", "BR"},
		{"age is empty without today", &Env{Contact: &marketing.Contact{BirthDate: "1961-12-03"}}, "[{{age}}]", "[]"},
		{"age counts a birthday that is today", &Env{Today: testToday, Contact: &marketing.Contact{BirthDate: "2000-12-02"}}, "{{age}}", "26"},
		{"age waits for a birthday that is tomorrow", &Env{Today: testToday, Contact: &marketing.Contact{BirthDate: "2000-12-03"}}, "{{age}}", "25"},
		{"a 29 February birthday is not reached on 28 February", &Env{Today: time.Date(2026, 2, 28, 23, 0, 0, 0, time.UTC), Contact: &marketing.Contact{BirthDate: "2000-02-29"}}, "{{age}}", "25"},
		{"a 29 February birthday counts from 1 March", &Env{Today: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), Contact: &marketing.Contact{BirthDate: "2000-02-29"}}, "{{age}}", "26"},
		{"full name falls back to the company", &Env{Contact: &marketing.Contact{Company: "Jensen & Co"}}, "{{full_name}}", "Jensen & Co"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := render(t, tc.src, tc.env, nil); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestMissingListsEmptyFieldsThatWouldBeMerged(t *testing.T) {
	noFirst := func() *Env {
		e := annaEnv()
		e.Contact.FirstName, e.Contact.Street2, e.Contact.Company = "", "", ""
		return e
	}
	for _, tc := range []struct {
		name string
		src  string
		env  *Env
		want []string
	}{
		{"nothing is missing for a filled contact", "{{first_name}} {{street2}} {{custom.Kundetype}}", annaEnv(), nil},
		{"an empty field is missing", "Kære {{first_name}}, {{street2}}", noFirst(), []string{"first_name", "street2"}},
		{"a field used with a fallback is not missing", `{{first_name | "kunde"}}`, noFirst(), nil},
		{"a field used both ways is missing", `{{first_name | "kunde"}} {{first_name}}`, noFirst(), []string{"first_name"}},
		{"a field used only in a condition is not missing", `{{#if first_name}}x{{/if}}`, noFirst(), nil},
		{"a field guarded by its condition is not missing", `{{#if first_name}}{{first_name}}{{#else}}kunde{{/if}}`, noFirst(), nil},
		{"a field in the branch taken is missing", `{{#if city}}{{company}}{{/if}}`, noFirst(), []string{"company"}},
		{"fields are listed once in first-use order", "{{street2}}{{company}}{{first_name}}{{street2}}", noFirst(), []string{"street2", "company", "first_name"}},
		{"an unknown field is missing", "{{frist_name}}", annaEnv(), []string{"frist_name"}},
		{"salutation is never missing", "{{salutation}}", noFirst(), nil},
		{"a missing custom value is missing", "{{custom.Nope}}", annaEnv(), []string{"custom.Nope"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := mustParse(t, tc.src).Missing(tc.env); !slices.Equal(got, tc.want) {
				t.Errorf("Missing = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestRenderAllocatesNothingForPlainFields(t *testing.T) {
	tpl := mustParse(t, "Kære {{first_name | \"kunde\"}} {{last_name}},\n{{#if city = \"aarhus c\" and age > 60}}{{street1}}\n{{postcode}} {{city}}{{/if}}\n{{business.name}}")
	env := annaEnv()
	var b strings.Builder
	b.Grow(1024)
	allocs := testing.AllocsPerRun(100, func() {
		b.Reset()
		b.Grow(1024)
		tpl.Render(&b, env, nil)
	})
	if allocs > 1 { // the Grow after Reset
		t.Errorf("Render allocates %.0f times per call", allocs)
	}
}

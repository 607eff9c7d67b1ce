package merge

import (
	"strings"
	"testing"
)

func TestCheckAcceptsKnownNamesAndNamesTheFirstUnknownOne(t *testing.T) {
	known := Known{Custom: []string{"Skostørrelse", "Favourite shop"}, Segments: []string{"Stamkunder", "VIP kunder"}}
	for _, tc := range []struct {
		name, src           string
		reason, detail      string
		line                int
		suggestion, message string
	}{
		{name: "built-in fields are known", src: "{{first_name}} {{business.reg_no}} {{#if total_spent > 5}}{{today}}{{/if}}"},
		{name: "known custom fields are known", src: `{{custom.Skostørrelse}} {{custom."Favourite shop"}}`},
		{name: "known segments are known", src: `{{#if segment = "VIP kunder" or segment != "Stamkunder"}}x{{/if}}`},
		{name: "a typo is an unknown field", src: "Kære\n{{frist_name}}",
			reason: ReasonUnknownField, detail: "frist_name", line: 2, suggestion: "first_name",
			message: "The template uses a field that does not exist: {{frist_name}} (line 2). Did you mean {{first_name}}? Pick fields from “Insert field”."},
		{name: "a name far from any field has no suggestion", src: "{{fornavnet}}",
			reason: ReasonUnknownField, detail: "fornavnet", line: 1,
			message: "The template uses a field that does not exist: {{fornavnet}} (line 1). Pick it from “Insert field”."},
		{name: "an unknown field in a condition is found", src: "\n\n{{#if vip_kunde}}x{{/if}}", reason: ReasonUnknownField, detail: "vip_kunde", line: 3},
		{name: "a custom field the workspace lacks is unknown", src: `{{custom."Shoe size"}}`, reason: ReasonUnknownField, detail: "custom.Shoe size", line: 1},
		{name: "custom names are compared exactly", src: `{{custom.skostørrelse}}`, reason: ReasonUnknownField, detail: "custom.skostørrelse", line: 1, suggestion: "custom.Skostørrelse"},
		{name: "an unknown segment is named", src: "{{first_name}}\n{{#if segment = \"Gamle kunder\"}}x{{/if}}", reason: ReasonUnknownSegment, detail: "Gamle kunder", line: 2},
		{name: "the first unknown name wins", src: "{{#if segment = \"Nope\"}}{{nope}}{{/if}}", reason: ReasonUnknownSegment, detail: "Nope", line: 1},
		{name: "the first unknown field wins over a later segment", src: "{{nope}}{{#if segment = \"Nope\"}}{{/if}}", reason: ReasonUnknownField, detail: "nope", line: 1},
		{name: "upper case is no field", src: "{{First_Name}}", reason: ReasonUnknownField, detail: "First_Name", line: 1, suggestion: "first_name"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := mustParse(t, tc.src).Check(known)
			if tc.reason == "" {
				if err != nil {
					t.Fatalf("Check: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Check accepted %q", tc.src)
			}
			e := asMarketingError(t, err)
			if e.Details["reason"] != tc.reason || e.Details["name"] != tc.detail || e.Details["line"] != itoa(tc.line) || e.Details["suggestion"] != tc.suggestion {
				t.Errorf("details = %v, want reason %s name %q line %d suggestion %q", e.Details, tc.reason, tc.detail, tc.line, tc.suggestion)
			}
			if tc.message != "" && e.Message != tc.message {
				t.Errorf("message = %q\nwant      %q", e.Message, tc.message)
			}
		})
	}
}

func TestTheInsertFieldMenuListsEveryFieldReadyToInsert(t *testing.T) {
	menu := Fields([]string{"Skostørrelse", "Favourite shop", "Say \"hi\"", "Skostørrelse", " "})
	byName := map[string]FieldInfo{}
	for _, f := range menu {
		byName[f.Name] = f
		tpl, err := Parse(f.Token)
		if err != nil {
			t.Errorf("the token of %s does not parse: %v", f.Name, err)
			continue
		}
		if got := tpl.Fields(); len(got) != 1 || got[0] != f.Name {
			t.Errorf("the token %s reads back as %q, want %q", f.Token, got, f.Name)
		}
		if err := tpl.Check(Known{Custom: []string{"Skostørrelse", "Favourite shop", "Say \"hi\""}}); err != nil {
			t.Errorf("the menu's %s is rejected: %v", f.Name, err)
		}
	}
	if len(menu) != int(fieldCount)-int(fSalutation)+3 {
		t.Errorf("menu has %d entries", len(menu))
	}
	for name, want := range map[string]FieldInfo{
		"first_name":            {Name: "first_name", Group: GroupContact, Kind: KindText, Token: "{{first_name}}"},
		"street1":               {Name: "street1", Group: GroupAddress, Kind: KindText, Token: "{{street1}}"},
		"birth_date":            {Name: "birth_date", Group: GroupContact, Kind: KindDate, Token: "{{birth_date}}"},
		"total_spent":           {Name: "total_spent", Group: GroupPurchase, Kind: KindMoney, Token: "{{total_spent}}"},
		"orders_count":          {Name: "orders_count", Group: GroupPurchase, Kind: KindNumber, Token: "{{orders_count}}"},
		"business.reg_no":       {Name: "business.reg_no", Group: GroupBusiness, Kind: KindText, Token: "{{business.reg_no}}"},
		"campaign.name":         {Name: "campaign.name", Group: GroupCampaign, Kind: KindText, Token: "{{campaign.name}}"},
		"today":                 {Name: "today", Group: GroupOther, Kind: KindDate, Token: "{{today}}"},
		"custom.Skostørrelse":   {Name: "custom.Skostørrelse", Group: GroupOther, Kind: KindText, Token: "{{custom.Skostørrelse}}"},
		"custom.Favourite shop": {Name: "custom.Favourite shop", Group: GroupOther, Kind: KindText, Token: `{{custom."Favourite shop"}}`},
		`custom.Say "hi"`:       {Name: `custom.Say "hi"`, Group: GroupOther, Kind: KindText, Token: `{{custom."Say \"hi\""}}`},
	} {
		if got := byName[name]; got != want {
			t.Errorf("menu entry %s = %+v, want %+v", name, got, want)
		}
	}
}

func TestEditDistanceCountsTypos(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"frist_name", "first_name", 1}, {"first_nme", "first_name", 1}, {"", "abc", 3},
		{"købmand", "kobmand", 1}, {"city", "city", 0}, {"abcdef", "a", 3},
	} {
		if got := distance(tc.a, tc.b, 3); got != tc.want {
			t.Errorf("distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
	if s := strings.Repeat("x", 200); distance(s, "first_name", 3) != 3 {
		t.Error("a long name is not capped")
	}
}

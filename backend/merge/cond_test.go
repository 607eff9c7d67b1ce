package merge

import "testing"

func TestConditionsAreTrueExactlyWhenDocumented(t *testing.T) {
	for _, tc := range []struct {
		cond string
		want bool
	}{
		{`first_name`, true},
		{`nothing`, false},
		{`street2`, true},
		{`not first_name`, false},
		{`not nothing`, true},
		{`city = "Aarhus C"`, true},
		{`city = "AARHUS C"`, true},
		{`city = " aarhus c "`, true},
		{`city == "aarhus c"`, true},
		{`city = "Aarhus"`, false},
		{`city != "Odense"`, true},
		{`city <> "aarhus c"`, false},
		{`custom."Kundetype" = "GULD"`, true},
		{`city in ("Odense", "aarhus c")`, true},
		{`city not in ("Odense", "Vejle")`, true},
		{`not city in ("Odense", "Vejle")`, true},
		{`age > 60`, true},
		{`age >= 64`, true},
		{`age > 64`, false},
		{`age < 65`, true},
		{`age <= 63`, false},
		{`age = 64`, true},
		{`age != 64`, false},
		{`age > "60"`, true},
		{`orders_count >= 5`, true},
		{`total_spent > 1234`, true},
		{`total_spent >= 1234.5`, true},
		{`total_spent > 1234.5`, false},
		{`total_spent = 1234.50`, true},
		{`total_spent = "1234.50"`, true},
		{`last_order_date >= "2026-11-01"`, true},
		{`last_order_date < "2026-11-01"`, false},
		{`birth_date < "1970-01-01"`, true},
		{`birth_date = "1961-12-03"`, true},
		{`customer_since > 2018`, false}, // a date is not a number
		{`country = "dk"`, true},
		{`language = "da"`, true},
		{`gender = "female"`, true},
		{`today = "2026-12-02"`, true},
		{`first_name > 3`, false}, // not numeric: false
		{`nothing < 3`, false},    // empty: false
		{`nothing != "x"`, true},
		{`segment = "Stamkunder"`, true},
		{`segment = "VIP"`, false},
		{`segment != "VIP"`, true},
		{`segment in ("VIP", "Stamkunder")`, true},
		{`segment not in ("VIP", "Stamkunder")`, false},
		{`first_name and nothing`, false},
		{`first_name or nothing`, true},
		{`nothing or nothing2 or city`, true},
		{`nothing and nothing2 or city`, true}, // and binds tighter than or
		{`nothing and (nothing2 or city)`, false},
		{`not (nothing or nothing2)`, true},
		{`not not first_name`, true},
		{`(age > 60 and segment = "Stamkunder") and not gender = "male"`, true},
	} {
		t.Run(tc.cond, func(t *testing.T) {
			if got := render(t, "{{#if "+tc.cond+"}}yes{{#else}}no{{/if}}", annaEnv(), nil) == "yes"; got != tc.want {
				t.Errorf("%s = %v, want %v", tc.cond, got, tc.want)
			}
		})
	}
}

func TestConditionSyntaxEdges(t *testing.T) {
	env := annaEnv()
	env.Contact.Custom["Størrelse"] = "37,5"
	for _, tc := range []struct {
		name, src, want string
	}{
		{"a trailing comma in a list is allowed", `{{#if city in ("Odense", "Aarhus C",)}}y{{/if}}`, "y"},
		{"a decimal comma in the value is read as a number", `{{#if custom.Størrelse > 37}}y{{/if}}`, "y"},
		{"a quoted value compares as text", `{{#if custom.Størrelse = "37,5"}}y{{/if}}`, "y"},
		{"an unquoted number compares as a number", `{{#if custom.Størrelse = 37.50}}y{{/if}}`, "y"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := render(t, tc.src, env, nil); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
	env.InSegment = nil
	if got := render(t, `{{#if segment = "Stamkunder"}}y{{#else}}n{{/if}}`, env, nil); got != "n" {
		t.Errorf("a nil InSegment answered yes")
	}
	env.Contact.City = "МОСКВА"
	if got := render(t, `{{#if city = "москва"}}y{{/if}}`, env, nil); got != "y" {
		t.Errorf("Russian text is not compared case-insensitively")
	}
}

func TestNumbersAreReadAsPeopleTypeThem(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want float64
		ok   bool
	}{
		{"42", 42, true}, {" -1.5 ", -1.5, true}, {"37,5", 37.5, true}, {"+3", 3, true},
		{"", 0, false}, {"1.234,50", 0, false}, {"1 234", 0, false}, {"NaN", 0, false},
		{"Inf", 0, false}, {"1e3", 0, false}, {"5.", 0, false}, {",5", 0, false}, {"-", 0, false},
	} {
		if got, ok := parseNumber(tc.in); ok != tc.ok || got != tc.want {
			t.Errorf("parseNumber(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

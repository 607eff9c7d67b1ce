package marketing

import (
	"strings"
	"testing"
)

func TestResponseCodesAreUnambiguousAndSelfChecking(t *testing.T) {
	seen := map[string]bool{}
	for range 2000 {
		c := NewResponseCode()
		if len(c) != ResponseCodeLength || strings.ContainsAny(c, "01OI") {
			t.Fatalf("code %q has the wrong length or an ambiguous character", c)
		}
		if got, err := ParseResponseCode(strings.ToLower(FormatResponseCode(c))); err != nil || got != c {
			t.Fatalf("ParseResponseCode(%q) = %q, %v", FormatResponseCode(c), got, err)
		}
		seen[c] = true
	}
	if len(seen) < 1990 {
		t.Errorf("only %d distinct codes in 2000", len(seen))
	}
}

func TestResponseCodeTyposAreCaught(t *testing.T) {
	caughtSwaps, swaps := 0, 0
	for range 300 {
		c := NewResponseCode()
		for i := 0; i < len(c); i++ {
			for j := 0; j < len(codeAlphabet); j++ {
				if codeAlphabet[j] == c[i] {
					continue
				}
				typo := c[:i] + string(codeAlphabet[j]) + c[i+1:]
				if _, err := ParseResponseCode(typo); err == nil {
					t.Fatalf("single typo %q of %q was accepted", typo, c)
				}
			}
			if i+1 < len(c) && c[i] != c[i+1] {
				swaps++
				sw := c[:i] + string(c[i+1]) + string(c[i]) + c[i+2:]
				if _, err := ParseResponseCode(sw); err != nil {
					caughtSwaps++
				}
			}
		}
	}
	if float64(caughtSwaps) < 0.9*float64(swaps) {
		t.Errorf("only %d of %d swapped neighbours caught", caughtSwaps, swaps)
	}
}

func TestResponseCodeRejectsWhatPeopleMistype(t *testing.T) {
	for _, in := range []string{"", "ABC", "K7MQ-X9A0", "K7MQ-X9Å", "ABCDEFGHJ"} {
		if _, err := ParseResponseCode(in); ErrorCode(err) != EInvalid {
			t.Errorf("ParseResponseCode(%q) err = %v, want invalid", in, err)
		}
	}
}

func TestAddressLinesFollowTheDestinationCountry(t *testing.T) {
	cases := []struct {
		name string
		c    Contact
		from string
		want string
	}{
		{"Danish address at home", Contact{FirstName: "Søren", LastName: "Ærø", Street1: "Vestergade 12, 2. th", Postcode: "2100", City: "København Ø", Country: "DK"}, "DK",
			"Søren Ærø|Vestergade 12, 2. th|2100 København Ø"},
		{"Swedish postcode in two groups", Contact{FirstName: "Åsa", LastName: "Öberg", Street1: "Drottninggatan 5", Postcode: "11455", City: "Stockholm", Country: "SE"}, "SE",
			"Åsa Öberg|Drottninggatan 5|114 55 Stockholm"},
		{"Swedish address from Denmark gets a country line", Contact{FirstName: "Åsa", LastName: "Öberg", Street1: "Drottninggatan 5", Postcode: "114 55", City: "Stockholm", Country: "SE"}, "DK",
			"Åsa Öberg|Drottninggatan 5|114 55 Stockholm|SVERIGE"},
		{"Russian order puts the index last", Contact{FirstName: "Анна", MiddleName: "Петровна", LastName: "Иванова", Street1: "ул. Ленина, д. 5, кв. 10", Postcode: "101000", City: "Москва", Region: "Московская обл.", Country: "RU"}, "RU",
			"Иванова Анна Петровна|ул. Ленина, д. 5, кв. 10|Москва|Московская обл.|101000"},
		{"Company after the person", Contact{FirstName: "Ole", LastName: "Berg", Company: "Berg AS", Street1: "Storgata 1", Postcode: "0150", City: "Oslo", Country: "NO"}, "NO",
			"Ole Berg|Berg AS|Storgata 1|0150 Oslo"},
		{"Russia from Denmark: index, then the country line last", Contact{FirstName: "Анна", LastName: "Иванова", Street1: "ул. Ленина, 5", Postcode: "101000", City: "Москва", Country: "RU"}, "DK",
			"Иванова Анна|ул. Ленина, 5|Москва|101000|RUSLAND"},
		{"US keeps the state", Contact{FirstName: "Ann", LastName: "Lee", Street1: "1 Main St", Postcode: "62704", City: "Springfield", Region: "IL", Country: "US"}, "DK",
			"Ann Lee|1 Main St|Springfield IL 62704|USA"},
		{"No country means the sender's", Contact{FirstName: "Ole", Street1: "Storgata 1", Postcode: "150", City: "Oslo"}, "NO",
			"Ole|Storgata 1|0150 Oslo"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := strings.Join(AddressLines(&c.c, c.from, "da"), "|")
			if c.name == "Swedish address from Denmark gets a country line" {
				got = strings.Join(AddressLines(&c.c, c.from, "sv"), "|")
			}
			if got != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
		})
	}
}

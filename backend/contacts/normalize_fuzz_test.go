package contacts_test

import (
	"errors"
	"strings"
	"testing"

	"directdesk/backend/contacts"
	"directdesk/backend/marketing"
)

// Phone numbers come from every kind of spreadsheet cell: whatever is typed,
// NormalizePhone must not panic, and it either refuses with an invalid-field
// error or returns E.164 ("+" and 2 to 15 digits) that reads back as itself.
func FuzzNormalizePhone(f *testing.F) {
	for _, s := range []string{"20 12 34 56", "+45 20 12 34 56", "0046 70-123 45 67", "070-123 45 67", "8 (916) 123-45-67",
		"+7 916 123 45 67", "+45 20 12 34 56 ext. 5", "00", "+", "++45", "tel:+4520123456", "٠١٢٣", "+45 2O 12 34 56", "1-800-FLOWERS"} {
		f.Add(s, "DK")
		f.Add(s, "RU")
	}
	f.Add("412 34 567", "no")
	f.Add("070-123 45 67", "")
	f.Add("20 12 34 56", "XX")
	f.Fuzz(func(t *testing.T, s, country string) {
		got, err := contacts.NormalizePhone("phone", s, country)
		if err != nil {
			var e *marketing.Error
			if got != "" || !errors.As(err, &e) || e.Code != marketing.EInvalid || e.Field != "phone" {
				t.Fatalf("%q/%q: got %q with bad error %v", s, country, got, err)
			}
			return
		}
		if got == "" {
			if strings.TrimSpace(s) != "" {
				t.Fatalf("%q/%q: nothing and no error", s, country)
			}
			return
		}
		digits := strings.TrimPrefix(got, "+")
		if digits == got || len(digits) < 2 || len(digits) > 15 || strings.Trim(digits, "0123456789") != "" || digits[0] == '0' {
			t.Fatalf("%q/%q: %q is not E.164", s, country, got)
		}
		if again, err := contacts.NormalizePhone("phone", got, country); err != nil || again != got {
			t.Fatalf("%q/%q: %q reads back as %q, %v", s, country, got, again, err)
		}
	})
}

package marketing

import (
	"testing"
	"time"
)

// Whatever is typed into the list terms form, accepted terms are trimmed,
// dated in order and name a known licence.
func FuzzValidateListTerms(f *testing.F) {
	f.Add("Adresse-Huset ApS", "2026-11-01", "once", "2027-05-01", "legitimate_interest")
	f.Add("  ", "2026-02-30", "forever", "2026-01-01", "")
	f.Add("Ø\nA", "2026-11-01", "repeated", "", "x")
	today := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, supplier, acquired, licence, expires, basis string) {
		lt := ListTerms{Supplier: supplier, AcquiredOn: acquired, Licence: licence, ExpiresOn: expires, LegalBasis: basis}
		err := ValidateListTerms(&lt, today)
		if err != nil {
			if e := AsError(err); e.Code != EInvalid || e.Details["reason"] == "" {
				t.Fatalf("%+v: %v", lt, err)
			}
			return
		}
		_, err = time.Parse("2006-01-02", lt.AcquiredOn)
		if err != nil || lt.AcquiredOn > today.Format("2006-01-02") || lt.Supplier == "" || lt.LegalBasis == "" || HasControlChars(lt.Supplier) {
			t.Fatalf("accepted %+v", lt)
		}
		if lt.Licence != LicenceOnce && lt.Licence != LicenceRepeated {
			t.Fatalf("licence %q", lt.Licence)
		}
		if lt.ExpiresOn != "" && lt.ExpiresOn < lt.AcquiredOn {
			t.Fatalf("expires before acquired: %+v", lt)
		}
	})
}

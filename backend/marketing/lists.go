package marketing

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Legal bases the import wizard offers for a bought or rented list; any
// other text the user writes is kept as written.
const (
	LegalBasisLegitimate      = "legitimate_interest" // GDPR art. 6(1)(f)
	LegalBasisSupplierConsent = "supplier_consent"    // consent collected by the supplier
)

// ListTerms are the terms a bought or rented list came with, as the user
// types them when importing it (ImportOptions.List).
type ListTerms struct {
	Supplier   string `json:"supplier"`
	AcquiredOn string `json:"acquiredOn"` // YYYY-MM-DD
	Licence    string `json:"licence"`    // once, repeated
	ExpiresOn  string `json:"expiresOn"`  // YYYY-MM-DD, "" = no end
	LegalBasis string `json:"legalBasis"`
}

// ValidateListTerms trims t and checks it; today (in the user's time
// zone) bounds the date acquired (a list cannot be bought tomorrow).
// Errors are FieldErrors on "list.<field>" with details.reason.
func ValidateListTerms(t *ListTerms, today time.Time) error {
	t.Supplier = strings.Join(strings.Fields(t.Supplier), " ")
	t.AcquiredOn = strings.TrimSpace(t.AcquiredOn)
	t.ExpiresOn = strings.TrimSpace(t.ExpiresOn)
	t.Licence = strings.TrimSpace(t.Licence)
	t.LegalBasis = strings.TrimSpace(t.LegalBasis)
	bad := func(field, reason, msg string) error {
		return FieldError(EInvalid, "list."+field, msg, map[string]string{"reason": reason})
	}
	switch {
	case t.Supplier == "":
		return bad("supplier", "required", "Write who you bought or rented the list from.")
	case utf8.RuneCountInString(t.Supplier) > 200 || HasControlChars(t.Supplier):
		return bad("supplier", "too_long", "The supplier's name is at most 200 characters, on one line.")
	case t.AcquiredOn == "":
		return bad("acquiredOn", "required", "Choose the date you got the list.")
	}
	acquired, err := time.Parse("2006-01-02", t.AcquiredOn)
	if err != nil {
		return bad("acquiredOn", "date", "Choose the date you got the list from the calendar.")
	}
	if t.AcquiredOn > today.Format("2006-01-02") { // by the user's calendar day, not the UTC instant
		return bad("acquiredOn", "future", "The date you got the list cannot be in the future.")
	}
	if t.ExpiresOn != "" {
		expires, err := time.Parse("2006-01-02", t.ExpiresOn)
		if err != nil {
			return bad("expiresOn", "date", "Choose the last day you may use the list from the calendar, or leave it empty.")
		}
		if expires.Before(acquired) {
			return bad("expiresOn", "before_acquired", "The list cannot end before the day you got it. Check the two dates.")
		}
	}
	switch t.Licence {
	case LicenceOnce, LicenceRepeated:
	case "":
		return bad("licence", "required", "Choose whether you may use the list once or several times.")
	default:
		return bad("licence", "choice", "Choose whether you may use the list once or several times.")
	}
	switch {
	case t.LegalBasis == "":
		return bad("legalBasis", "required", "Choose the legal basis for using the list (ask the supplier if you do not know it).")
	case utf8.RuneCountInString(t.LegalBasis) > 500 || strings.ContainsAny(t.LegalBasis, "\x00"):
		return bad("legalBasis", "too_long", "The legal basis is at most 500 characters.")
	}
	return nil
}

// AuditListTerms is the audit action of a change to a list's terms.
const AuditListTerms = "list_terms"

// ListContact is one contact stored from a bought or rented list, as the
// list's page shows it.
type ListContact struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Email    string `json:"email"`
	Phone    string `json:"phone"`
	Mobile   string `json:"mobile"`
	Postcode string `json:"postcode"`
	City     string `json:"city"`
	Country  string `json:"country"`
	Kind     string `json:"kind"`
}

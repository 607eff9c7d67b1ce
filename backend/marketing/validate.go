package marketing

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Field length limits keep one bad paste from filling the workspace.
const (
	maxNameLen  = 200
	maxNotesLen = 20000
	maxTagLen   = 60
)

// ValidateContact checks the rules that need nothing but the contact itself
// and today's date. Email and phone syntax are checked (and normalised) by the
// contacts service, which owns the libraries for them. Values are trimmed in place.
func ValidateContact(c *Contact, today time.Time) error {
	for _, f := range []struct {
		name string
		v    *string
	}{
		{"customerNo", &c.CustomerNo}, {"firstName", &c.FirstName}, {"middleName", &c.MiddleName},
		{"lastName", &c.LastName}, {"company", &c.Company}, {"jobTitle", &c.JobTitle},
		{"street1", &c.Street1}, {"street2", &c.Street2}, {"city", &c.City}, {"region", &c.Region},
		{"source", &c.Source}, {"email", &c.Email}, {"phone", &c.Phone}, {"mobile", &c.Mobile},
		{"postcode", &c.Postcode},
	} {
		*f.v = strings.TrimSpace(*f.v)
		if utf8.RuneCountInString(*f.v) > maxNameLen {
			return FieldError(EInvalid, f.name, "This value is too long (at most 200 characters).", map[string]string{"max": "200"})
		}
		if HasControlChars(*f.v) {
			return FieldError(EInvalid, f.name, "This value contains a line break or an invisible control character. Type it on one line.", nil)
		}
	}
	if utf8.RuneCountInString(c.Notes) > maxNotesLen {
		return FieldError(EInvalid, "notes", "The notes are too long (at most 20,000 characters).", map[string]string{"max": "20000"})
	}
	if c.FirstName == "" && c.LastName == "" && c.Company == "" {
		return FieldError(EInvalid, "lastName", "Give the contact a name or a company name.", nil)
	}
	switch c.Kind {
	case "":
		c.Kind = KindCustomer
	case KindCustomer, KindProspect:
	default:
		return FieldError(EInvalid, "kind", "A contact is either a customer or a prospect.", nil)
	}
	switch c.Gender {
	case GenderUnknown, GenderFemale, GenderMale, GenderOther:
	default:
		return FieldError(EInvalid, "gender", "Choose female, male, other or leave the gender empty.", nil)
	}
	c.Country = strings.ToUpper(strings.TrimSpace(c.Country))
	if c.Country != "" && (len(c.Country) != 2 || c.Country[0] < 'A' || c.Country[0] > 'Z' || c.Country[1] < 'A' || c.Country[1] > 'Z') {
		return FieldError(EInvalid, "country", "Choose the country from the list.", nil)
	}
	if c.Language != "" && !contains(Languages, c.Language) {
		return FieldError(EInvalid, "language", "Choose the language from the list.", nil)
	}
	pc, err := NormalizePostcode(c.Country, c.Postcode)
	if err != nil {
		return err
	}
	c.Postcode = pc
	if err := checkDate("birthDate", &c.BirthDate, today, true); err != nil {
		return err
	}
	if err := checkDate("customerSince", &c.CustomerSince, today, false); err != nil {
		return err
	}
	tags, err := NormalizeTags(c.Tags)
	if err != nil {
		return err
	}
	c.Tags = tags
	for k, v := range c.Custom {
		if strings.TrimSpace(k) == "" || HasControlChars(k) || utf8.RuneCountInString(k) > 60 {
			return FieldError(EInvalid, "custom", "A custom field needs a short name on one line.", nil)
		}
		if utf8.RuneCountInString(v) > 2000 {
			return FieldError(EInvalid, "custom", "A custom field value is too long (at most 2,000 characters).", map[string]string{"name": k})
		}
	}
	c.JobTitleNorm = NormalizeJobTitle(c.JobTitle)
	return nil
}

func checkDate(field string, v *string, today time.Time, birth bool) error {
	*v = strings.TrimSpace(*v)
	if *v == "" {
		return nil
	}
	// Details["reason"] lets the UI say which of the three it is.
	d, err := time.Parse(DateLayout, *v)
	if err != nil {
		return FieldError(EInvalid, field, "This is not a date. Pick it in the calendar.", map[string]string{"reason": "format"})
	}
	// Compare calendar dates as text: today is the user's local date, and a
	// date parsed as UTC midnight would look "future" east of Greenwich.
	if *v > today.Format(DateLayout) {
		if birth {
			return FieldError(EInvalid, field, "The birth date is in the future. Check the year.", map[string]string{"reason": "future"})
		}
		return FieldError(EInvalid, field, "This date is in the future.", map[string]string{"reason": "future"})
	}
	if birth && d.Year() < today.Year()-120 {
		return FieldError(EInvalid, field, "The birth date is more than 120 years ago. Check the year.", map[string]string{"reason": "too_old"})
	}
	return nil
}

// NormalizeTags trims, de-duplicates (case-insensitively) and checks tags.
func NormalizeTags(tags []string) ([]string, error) {
	out := make([]string, 0, len(tags))
	seen := map[string]bool{}
	for _, t := range tags {
		t = strings.TrimSpace(t)
		if t == "" {
			continue
		}
		if HasControlChars(t) || utf8.RuneCountInString(t) > maxTagLen {
			return nil, FieldError(EInvalid, "tags", "A tag is a short word or two on one line (at most 60 characters).", nil)
		}
		if k := Fold(t); !seen[k] {
			seen[k] = true
			out = append(out, t)
		}
	}
	return out, nil
}

// Fold returns s in the form used for case-insensitive matching and sorting:
// Unicode lower case with runs of white space collapsed.
func Fold(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// NormalizeJobTitle folds a job title for matching: lower case, no punctuation
// at the ends, single spaces ("  Direktør. " -> "direktør").
func NormalizeJobTitle(s string) string {
	return strings.Trim(Fold(s), ".,;:-–/ ")
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// callingCodes maps country calling codes to the trunk prefix people dial
// before a national number ("0" in Sweden, "8" in Russia, none in DK/NO).
var callingCodes = map[string]string{
	"45": "", "46": "0", "47": "", "7": "8", "358": "0", "354": "", "49": "0", "44": "0", "1": "1",
	"48": "", "31": "0", "33": "0", "372": "", "371": "", "370": "8", "375": "8", "380": "0",
}

// PhoneSearchForms returns the ways a person may type an E.164 number into a
// search box: with the country code, as the national number, and with the
// national trunk prefix ("+46701234567" -> 46701234567, 701234567, 0701234567).
func PhoneSearchForms(e164 string) []string {
	d := strings.TrimPrefix(e164, "+")
	if d == "" || d == e164 {
		return nil
	}
	out := []string{d}
	for n := 1; n <= 3 && n < len(d); n++ {
		trunk, ok := callingCodes[d[:n]]
		if !ok {
			continue
		}
		national := d[n:]
		out = append(out, national)
		if trunk != "" {
			out = append(out, trunk+national)
		}
		break
	}
	return out
}

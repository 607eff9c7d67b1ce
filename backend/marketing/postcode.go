package marketing

import (
	"strings"
	"unicode"
)

// postcodeRule describes one country's postcode: how many digits and how it is written.
type postcodeRule struct {
	digits  int
	example string
	format  func(d string) string
}

var postcodeRules = map[string]postcodeRule{
	"DK": {4, "2100", func(d string) string { return d }},
	"NO": {4, "0150", func(d string) string { return d }},
	// Sweden writes postcodes as "114 55".
	"SE": {5, "114 55", func(d string) string { return d[:3] + " " + d[3:] }},
	"RU": {6, "101000", func(d string) string { return d }},
}

// PostcodeExample returns a valid postcode for the country, for help texts.
func PostcodeExample(country string) string { return postcodeRules[country].example }

// NormalizePostcode checks a postcode against the country's rules and returns
// it in the country's usual form. Countries without rules pass through trimmed.
// A Norwegian "150" (Excel dropped the leading zero) is repaired to "0150".
func NormalizePostcode(country, postcode string) (string, error) {
	p := strings.TrimSpace(postcode)
	if p == "" {
		return "", nil
	}
	country = strings.ToUpper(strings.TrimSpace(country))
	if HasControlChars(p) {
		return "", FieldError(EInvalid, "postcode", "The postcode contains a line break or an invisible character. Type it on one line.", nil)
	}
	rule, ok := postcodeRules[country]
	if !ok {
		if len([]rune(p)) > 12 {
			return "", FieldError(EInvalid, "postcode", "The postcode is too long.", nil)
		}
		return p, nil
	}
	up := strings.ToUpper(p)
	for _, prefix := range []string{"DK-", "DK ", "S-", "SE-", "SE ", "N-", "NO-", "NO "} {
		up = strings.TrimPrefix(up, prefix)
	}
	var digits strings.Builder
	for _, r := range up {
		switch {
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
		case r == ' ' || r == '-' || r == '\u00a0':
		default:
			return "", postcodeError(country, rule)
		}
	}
	d := digits.String()
	if len(d) < rule.digits && len(d) >= rule.digits-2 && country == "NO" {
		d = strings.Repeat("0", rule.digits-len(d)) + d
	}
	if len(d) != rule.digits || (country == "DK" && d[0] == '0') {
		return "", postcodeError(country, rule)
	}
	return rule.format(d), nil
}

func postcodeError(country string, rule postcodeRule) error {
	return FieldError(EInvalid, "postcode",
		"This postcode does not look right for the country. Example of a valid one: "+rule.example+".",
		map[string]string{"country": country, "example": rule.example, "digits": string(rune('0' + rule.digits))})
}

// HasControlChars reports CR, LF, NUL or other control characters, which are
// never allowed in a value that may end up in a mail header or a file name.
func HasControlChars(s string) bool {
	for _, r := range s {
		if r == '\r' || r == '\n' || r == 0 || (unicode.IsControl(r) && r != '\t') {
			return true
		}
		// Zero-width and direction-changing characters (Cf) and the Unicode
		// line and paragraph separators make invisible duplicates and
		// misleading file names.
		if unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp) {
			return true
		}
	}
	return false
}

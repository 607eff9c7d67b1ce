// Package contacts is the contact service: it normalises and validates what a
// user typed (email, phone numbers with the workspace's default country,
// postcodes) and stores it. Importers reuse its normalisers.
package contacts

import (
	"net/mail"
	"strings"

	"directdesk/backend/marketing"

	"github.com/nyaruka/phonenumbers"
	"golang.org/x/net/idna"
)

// idnaProfile validates international domain names the way mail servers look them up.
var idnaProfile = idna.New(idna.MapForLookup(), idna.BidiRule(), idna.ValidateLabels(true), idna.StrictDomainName(true))

// NormalizeEmail trims an address and checks its syntax. International domains
// (kunde@blomster-ø.dk, почта@пример.рф) are accepted; the domain is kept in
// Unicode, lower-cased, as people read it.
func NormalizeEmail(s string) (string, error) {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(strings.TrimPrefix(s, "mailto:"), "MAILTO:")
	if s == "" {
		return "", nil
	}
	bad := marketing.FieldError(marketing.EInvalid, "email", "This is not a valid email address. It should look like name@example.dk.", map[string]string{"value": s})
	if marketing.HasControlChars(s) || strings.ContainsAny(s, " <>,;\"") || len(s) > 254 {
		return "", bad
	}
	at := strings.LastIndexByte(s, '@')
	if at <= 0 || at == len(s)-1 || strings.Count(s, "@") != 1 {
		return "", bad
	}
	local, domain := s[:at], strings.ToLower(strings.TrimSuffix(s[at+1:], "."))
	if len(local) > 64 || strings.HasPrefix(local, ".") || strings.HasSuffix(local, ".") || strings.Contains(local, "..") {
		return "", bad
	}
	ascii, err := idnaProfile.ToASCII(domain)
	if err != nil || !strings.Contains(ascii, ".") {
		return "", bad
	}
	labels := strings.Split(ascii, ".")
	if tld := labels[len(labels)-1]; len(tld) < 2 || strings.Trim(tld, "0123456789") == "" {
		return "", bad
	}
	// net/mail checks the local part's syntax; an ASCII stand-in keeps it
	// from refusing a Unicode local part that SMTPUTF8 servers accept.
	if _, err := mail.ParseAddress(asciiStandIn(local) + "@" + ascii); err != nil {
		return "", bad
	}
	unicodeDomain, err := idna.ToUnicode(ascii)
	if err != nil {
		return "", bad
	}
	return local + "@" + unicodeDomain, nil
}

func asciiStandIn(s string) string {
	return strings.Map(func(r rune) rune {
		if r > 127 {
			return 'x'
		}
		return r
	}, s)
}

// NormalizePhone parses a phone number as typed ("20 12 34 56", "0046 70-123 45 67",
// "8 (916) 123-45-67") with the default country and returns it in E.164.
func NormalizePhone(field, s, defaultCountry string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	if strings.HasPrefix(s, "00") {
		s = "+" + s[2:]
	}
	region := strings.ToUpper(defaultCountry)
	if region == "" {
		region = "DK"
	}
	num, err := phonenumbers.Parse(s, region)
	if err != nil || !phonenumbers.IsPossibleNumber(num) || !phonenumbers.IsValidNumber(num) {
		return "", marketing.FieldError(marketing.EInvalid, field,
			"This phone number is not valid. Type it with the country code, e.g. +45 20 12 34 56, or as a local number.",
			map[string]string{"value": s, "country": region})
	}
	if num.GetExtension() != "" {
		// E.164 has no room for it, and dropping it silently would lose it.
		return "", marketing.FieldError(marketing.EInvalid, field,
			"Type the phone number without the extension; put the extension in the notes.",
			map[string]string{"value": s, "reason": "extension"})
	}
	return phonenumbers.Format(num, phonenumbers.E164), nil
}

// FormatPhone shows an E.164 number the way people of its country write it.
func FormatPhone(e164 string) string {
	num, err := phonenumbers.Parse(e164, "")
	if err != nil {
		return e164
	}
	return phonenumbers.Format(num, phonenumbers.INTERNATIONAL)
}

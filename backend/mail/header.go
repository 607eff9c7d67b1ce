package mail

import (
	"mime"
	"net/mail"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/idna"

	"directdesk/backend/marketing"
)

// Every value that becomes a header goes through these functions: a CR, LF
// or NUL would let a name, subject or file name add headers of its own
// (or a second message), so such a value is refused, never cleaned.

// checkHeader refuses a header value with CR, LF or NUL, or invalid UTF-8.
func checkHeader(field, v string) error {
	if strings.ContainsAny(v, "\r\n\x00") || !utf8.ValidString(v) {
		return marketing.FieldError(marketing.EInvalid, field,
			"This text contains a line break or a control character, which an email header cannot carry. Remove it and try again.",
			map[string]string{"reason": "header_injection"})
	}
	return nil
}

// Address checks an email address and returns it as it goes on the wire:
// an international domain becomes its ASCII (punycode) form. A local part
// must be ASCII: without SMTPUTF8 most servers refuse anything else.
func Address(field, addr string) (string, error) {
	if err := checkHeader(field, addr); err != nil {
		return "", err
	}
	addr = strings.TrimSpace(addr)
	bad := marketing.FieldError(marketing.EInvalid, field, "This is not a valid email address: "+addr+". Check it for typos.",
		map[string]string{"reason": "email", "value": addr})
	at := strings.LastIndexByte(addr, '@')
	if at <= 0 || at == len(addr)-1 || strings.ContainsAny(addr, " <>,;\"\\()[]\t") {
		return "", bad
	}
	local, domain := addr[:at], addr[at+1:]
	for i := 0; i < len(local); i++ {
		if local[i] < 0x21 || local[i] > 0x7e {
			return "", bad
		}
	}
	if strings.HasPrefix(local, ".") || strings.HasSuffix(local, ".") || strings.Contains(local, "..") || len(local) > 64 {
		return "", bad
	}
	ascii, err := idna.Lookup.ToASCII(strings.ToLower(domain))
	if err != nil || !strings.Contains(ascii, ".") || len(ascii) > 253 {
		return "", bad
	}
	out := local + "@" + ascii
	if _, err := mail.ParseAddress(out); err != nil {
		return "", bad
	}
	return out, nil
}

// Mailbox formats "Display Name <addr>" with the name RFC 2047 encoded when
// it is not plain ASCII (or quoted when it has specials).
func Mailbox(field, name, addr string) (string, error) {
	a, err := Address(field, addr)
	if err != nil {
		return "", err
	}
	if err := checkHeader(field, name); err != nil {
		return "", err
	}
	name = strings.TrimSpace(name)
	if name == "" {
		return a, nil
	}
	return (&mail.Address{Name: name, Address: a}).String(), nil
}

// encodeWord RFC 2047-encodes a header text (subjects, file names) when it
// is not plain printable ASCII.
func encodeWord(field, v string) (string, error) {
	if err := checkHeader(field, v); err != nil {
		return "", err
	}
	return mime.QEncoding.Encode("utf-8", v), nil
}

// Domain returns the ASCII domain of an address ("" when none).
func Domain(addr string) string {
	at := strings.LastIndexByte(addr, '@')
	if at < 0 {
		return ""
	}
	d, err := idna.Lookup.ToASCII(strings.ToLower(strings.TrimSpace(addr[at+1:])))
	if err != nil {
		return ""
	}
	return d
}

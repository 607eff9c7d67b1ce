package marketing

import (
	"crypto/rand"
	"strings"
)

// Response codes are printed on letters, catalogs and coupons and typed back
// by the shop owner (or the customer on a web form) when someone responds.
// They use 32 characters that cannot be mistaken for one another: no 0/O and
// no 1/I. The last character is a Luhn mod 32 check character, so a single
// mistyped character and most swapped neighbours are caught.
const codeAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"

// ResponseCodeLength is the number of characters in a code, check included:
// six random characters give 32^6 (about a billion) codes.
const ResponseCodeLength = 7

var codeValue = func() (v [256]int8) {
	for i := range v {
		v[i] = -1
	}
	for i := 0; i < len(codeAlphabet); i++ {
		v[codeAlphabet[i]] = int8(i)
	}
	return v
}()

// NewResponseCode returns a fresh random code with its check character.
func NewResponseCode() string {
	var raw [ResponseCodeLength - 1]byte
	if _, err := rand.Read(raw[:]); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	b := make([]byte, 0, ResponseCodeLength)
	for _, r := range raw {
		b = append(b, codeAlphabet[r&31])
	}
	return string(append(b, codeCheck(b)))
}

// codeCheck is the Luhn mod N check character of data.
func codeCheck(data []byte) byte {
	const n = len(codeAlphabet)
	factor, sum := 2, 0
	for i := len(data) - 1; i >= 0; i-- {
		add := factor * int(codeValue[data[i]])
		factor = 3 - factor
		sum += add/n + add%n
	}
	return codeAlphabet[(n-sum%n)%n]
}

// FormatResponseCode writes a code in two groups ("K7MQ-X9A") for print.
func FormatResponseCode(code string) string {
	if len(code) != ResponseCodeLength {
		return code
	}
	return code[:4] + "-" + code[4:]
}

// ParseResponseCode normalises what a person typed (any case, spaces and
// dashes) and checks the check character. 0, O, 1 and I never occur in a
// code, so typing one is refused with reason "characters".
func ParseResponseCode(s string) (string, error) {
	var b []byte
	for _, r := range strings.ToUpper(s) {
		switch {
		case r == ' ' || r == '-' || r == '\u00a0':
			continue
		case r < 128 && codeValue[r] >= 0:
			b = append(b, byte(r))
		default:
			return "", FieldError(EInvalid, "code", "A response code has only the letters A–Z (no O or I) and the digits 2–9. Check the code on the letter.", map[string]string{"reason": "characters"})
		}
	}
	if len(b) != ResponseCodeLength {
		return "", FieldError(EInvalid, "code", "A response code has 7 characters, like K7MQ-X9A. Check the code on the letter.", map[string]string{"reason": "length"})
	}
	if codeCheck(b[:len(b)-1]) != b[len(b)-1] {
		return "", FieldError(EInvalid, "code", "This response code has a typing mistake. Check the code on the letter.", map[string]string{"reason": "check"})
	}
	return string(b), nil
}

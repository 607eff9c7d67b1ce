package merge

import (
	"strconv"
	"strings"
	"time"

	"directdesk/backend/marketing"
)

// lang indexes the per-language tables below.
type lang uint8

const (
	langEN lang = iota
	langDA
	langSV
	langNB
	langRU
	langCount
)

// NBSP is the no-break space written between digit groups and between an
// amount and its currency, so a line never breaks inside an amount.
const NBSP = "\u00a0"

// parseLang accepts the app's codes, the other Norwegian codes and region
// forms ("da-DK", "nb_NO"), any case; ok is false for anything else.
func parseLang(s string) (lang, bool) {
	if i := strings.IndexAny(s, "-_"); i >= 0 {
		s = s[:i]
	}
	switch {
	case strings.EqualFold(s, "en"):
		return langEN, true
	case strings.EqualFold(s, "da"):
		return langDA, true
	case strings.EqualFold(s, "sv"):
		return langSV, true
	case strings.EqualFold(s, "nb"), strings.EqualFold(s, "no"), strings.EqualFold(s, "nn"):
		return langNB, true
	case strings.EqualFold(s, "ru"):
		return langRU, true
	}
	return langEN, false
}

func langOf(s string) lang {
	l, _ := parseLang(s)
	return l
}

var monthNames = [langCount][12]string{
	langEN: {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	langDA: {"januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"},
	langSV: {"januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"},
	langNB: {"januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"},
	// Genitive: "2 декабря", never "2 декабрь".
	langRU: {"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
}

// FormatDate writes d's calendar date (in d's own location) as a letter
// would: "2. december 2026" (da), "2 december 2026" (sv), "2. desember 2026"
// (nb), "2 December 2026" (en), "2 декабря 2026 г." (ru, with a no-break
// space before "г."). Unknown languages get English; the zero time gives "".
func FormatDate(lang string, d time.Time) string {
	if d.IsZero() {
		return ""
	}
	y, m, day := d.Date()
	return formatYMD(langOf(lang), y, int(m), day)
}

func formatYMD(l lang, y, m, d int) string {
	b := make([]byte, 0, 32)
	b = strconv.AppendInt(b, int64(d), 10)
	if l == langDA || l == langNB {
		b = append(b, '.')
	}
	b = append(b, ' ')
	b = append(b, monthNames[l][m-1]...)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(y), 10)
	if l == langRU {
		b = append(b, NBSP+"г."...)
	}
	return string(b)
}

// parseISODate reads YYYY-MM-DD without allocating; it rejects days that do
// not exist (2026-02-30).
func parseISODate(s string) (y, m, d int, ok bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, 0, 0, false
	}
	num := func(t string) int {
		n := 0
		for i := 0; i < len(t); i++ {
			if t[i] < '0' || t[i] > '9' {
				return -1
			}
			n = n*10 + int(t[i]-'0')
		}
		return n
	}
	y, m, d = num(s[:4]), num(s[5:7]), num(s[8:])
	if y < 1 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return 0, 0, 0, false
	}
	return y, m, d, true
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// formatISODate formats a stored date; text that is no date is returned as
// it is, so a bad value is visible rather than silently dropped.
func formatISODate(l lang, s string) string {
	y, m, d, ok := parseISODate(strings.TrimSpace(s))
	if !ok {
		return s
	}
	return formatYMD(l, y, m, d)
}

// currencyDecimals is ISO 4217's minor unit count for the currencies that
// do not have two.
func currencyDecimals(cur string) int {
	switch cur {
	case "ISK", "JPY", "KRW", "CLP", "VND", "PYG", "UGX", "XAF", "XOF", "XPF", "KMF", "GNF", "RWF", "VUV", "DJF", "BIF":
		return 0
	case "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND":
		return 3
	}
	return 2
}

// ownCurrency is the currency a language writes with its local sign.
var ownCurrency = [langCount]string{langDA: "DKK", langSV: "SEK", langNB: "NOK", langRU: "RUB"}

// FormatMoney writes an amount given in minor units (øre, öre, kopeks,
// cents) as a letter in lang would:
//
//	da  1.234,50 kr.   (other currencies: 1.234,50 EUR)
//	sv  1 234,50 kr    (1 234,50 EUR)
//	nb  kr 1 234,50    (EUR 1 234,50)
//	ru  1 234,50 ₽     (1 234,50 EUR)
//	en  DKK 1,234.50   (always the ISO code)
//
// The spaces inside amounts are no-break spaces (NBSP). Two decimals are
// written unless the currency has another number of minor units (ISK, JPY:
// none). An empty currency gives the number alone; a minus sign leads.
func FormatMoney(lang string, minor int64, currency string) string {
	l := langOf(lang)
	cur := strings.ToUpper(strings.TrimSpace(currency))
	dec := currencyDecimals(cur)
	group, point := NBSP, ","
	switch l {
	case langEN:
		group, point = ",", "."
	case langDA:
		group = "."
	}
	b := make([]byte, 0, 32)
	neg := minor < 0
	u := uint64(minor)
	if neg {
		u = -u // two's complement also handles math.MinInt64
		b = append(b, '-')
	}
	prefix, suffix := "", ""
	if cur != "" {
		own := cur == ownCurrency[l]
		switch {
		case l == langEN:
			prefix = cur + NBSP
		case l == langNB && own:
			prefix = "kr" + NBSP
		case l == langNB:
			prefix = cur + NBSP
		case own && l == langDA:
			suffix = NBSP + "kr."
		case own && l == langSV:
			suffix = NBSP + "kr"
		case own && l == langRU:
			suffix = NBSP + "₽"
		default:
			suffix = NBSP + cur
		}
	}
	b = append(b, prefix...)
	var pow uint64 = 1
	for range dec {
		pow *= 10
	}
	whole, frac := u/pow, u%pow
	digits := strconv.FormatUint(whole, 10)
	for i := 0; i < len(digits); i++ {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b = append(b, group...)
		}
		b = append(b, digits[i])
	}
	if dec > 0 {
		b = append(b, point...)
		f := strconv.FormatUint(frac, 10)
		for range dec - len(f) {
			b = append(b, '0')
		}
		b = append(b, f...)
	}
	b = append(b, suffix...)
	return string(b)
}

// majorUnits writes minor units as a plain decimal number ("1234.50") for
// conditions: total_spent > 1000.
func majorUnits(minor int64, currency string) string {
	dec := currencyDecimals(strings.ToUpper(strings.TrimSpace(currency)))
	if dec == 0 {
		return strconv.FormatInt(minor, 10)
	}
	s := strconv.FormatInt(minor, 10)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	for len(s) <= dec {
		s = "0" + s
	}
	s = s[:len(s)-dec] + "." + s[len(s)-dec:]
	if neg {
		s = "-" + s
	}
	return s
}

func countryName(l lang, code string) string {
	return marketing.CountryName(l.code(), code)
}

var languageNames = map[string][langCount]string{
	"en": {"English", "engelsk", "engelska", "engelsk", "английский"},
	"da": {"Danish", "dansk", "danska", "dansk", "датский"},
	"sv": {"Swedish", "svensk", "svenska", "svensk", "шведский"},
	"nb": {"Norwegian", "norsk", "norska", "norsk", "норвежский"},
	"ru": {"Russian", "russisk", "ryska", "russisk", "русский"},
}

func languageName(l lang, code string) string {
	if n, ok := languageNames[code]; ok {
		return n[l]
	}
	return code
}

var genderNames = map[string][langCount]string{
	"female": {"female", "kvinde", "kvinna", "kvinne", "женский"},
	"male":   {"male", "mand", "man", "mann", "мужской"},
	"other":  {"other", "andet", "annat", "annet", "другой"},
}

func genderName(l lang, g string) string {
	if n, ok := genderNames[g]; ok {
		return n[l]
	}
	return g
}

var langCodes = [langCount]string{"en", "da", "sv", "nb", "ru"}

func (l lang) code() string { return langCodes[l] }

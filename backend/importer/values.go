package importer

// Value parsers: each reads one cell the way Danish, Swedish, Norwegian,
// Russian and English shop owners type it into Excel or LibreOffice, and
// says in plain words what is wrong when it cannot. Errors carry
// Details["reason"] (a stable token the UI translates) and Details["value"]
// (the text that was refused, shortened); the engine fills in the field.

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"directdesk/backend/marketing"
	"directdesk/backend/sheet"
)

// valueError is the error of a value that cannot be read.
func valueError(reason, msg, value string) *marketing.Error {
	d := map[string]string{"reason": reason}
	if value != "" {
		d["value"] = shortValue(value)
	}
	return marketing.FieldError(marketing.EInvalid, "", msg, d)
}

// shortValue keeps an echoed value short enough for a message list.
func shortValue(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if utf8.RuneCountInString(s) <= 60 {
		return s
	}
	return string([]rune(s)[:59]) + "…"
}

// cellErr refuses the cells no value parser can read: formula errors and
// (where a number or text is expected) booleans.
func cellErr(c sheet.Cell) error {
	switch c.Kind {
	case sheet.KindError:
		return valueError("formula", "The cell shows a formula error ("+c.Text+"). Fix the formula in the spreadsheet, or type the value itself.", c.Text)
	case sheet.KindBool:
		return valueError("format", "The cell holds TRUE or FALSE, not a value DirectDesk can use here.", c.Text)
	}
	return nil
}

// cellString is what the user sees in the cell, trimmed; Raw stands in when a
// reader left Text empty.
func cellString(c sheet.Cell) string {
	s := strings.TrimSpace(c.Text)
	if s == "" && c.Kind != sheet.KindEmpty {
		s = strings.TrimSpace(c.Raw)
	}
	return s
}

// spaceRunes are the spaces spreadsheets put into numbers and dates: Excel
// and LibreOffice in Nordic and Russian locales group thousands with NBSP
// (U+00A0) or narrow NBSP (U+202F); typographers use thin and figure spaces.
var spaceReplacer = strings.NewReplacer(
	"\u00a0", " ", "\u202f", " ", "\u2009", " ", "\u2007", " ", "\u2008", " ", "\u200a", " ", "\u2002", " ", "\u2003", " ", "\t", " ",
)

// cleanSpaces turns every kind of space into one plain space and trims.
func cleanSpaces(s string) string {
	return strings.Join(strings.Fields(spaceReplacer.Replace(s)), " ")
}

// ---------------------------------------------------------------- dates

// ParseDate reads a date from a cell and returns it as YYYY-MM-DD ("" for an
// empty cell). Date cells use their value; number cells are Excel serials
// (an 8-digit whole number is read as yyyymmdd, since a serial that large is
// past year 9999); text is read in the common Nordic, Russian, ISO and
// English forms, day before month unless only month-first makes sense.
func ParseDate(c sheet.Cell, now time.Time) (string, error) {
	if err := cellErr(c); err != nil {
		return "", err
	}
	s := cellString(c)
	if s == "" {
		return "", nil
	}
	switch c.Kind {
	case sheet.KindDate:
		// Years outside 1000-9999 come only from damaged files; they would
		// not read back as the same date.
		if t, ok := c.Time(); ok && t.Year() >= 1000 && t.Year() <= 9999 {
			return t.Format(marketing.DateLayout), nil
		}
		// A date cell whose value cannot be read: try what it shows.
	case sheet.KindNumber:
		return serialDate(c, s)
	}
	y, m, d, err := parseDateText(s, now)
	if err != nil {
		return "", err
	}
	return fmtDate(y, m, d), nil
}

func fmtDate(y, m, d int) string {
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Format(marketing.DateLayout)
}

// maxSerial is 9999-12-31 in Excel's 1900 date system.
const maxSerial = 2958465

func serialDate(c sheet.Cell, shown string) (string, error) {
	raw := strings.TrimSpace(c.Raw)
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return "", dateFormatError(shown)
	}
	// 20240312 typed into a number cell: a serial could never be that large.
	if v == math.Trunc(v) && v >= 10000101 && v <= 99991231 {
		n := int(v)
		if y, m, d := n/10000, n/100%100, n%100; validDate(y, m, d) {
			return fmtDate(y, m, d), nil
		}
	}
	if v < 1 || v >= maxSerial+1 {
		return "", valueError("range", "This number is not a date. Format the column as a date in the spreadsheet, or type dates like 31.12.2024.", shown)
	}
	t, ok := sheet.Cell{Kind: sheet.KindDate, Raw: raw}.Time()
	if !ok {
		return "", dateFormatError(shown)
	}
	return t.Format(marketing.DateLayout), nil
}

func dateFormatError(s string) error {
	return valueError("format", "DirectDesk cannot read this as a date. Write dates like 31.12.2024 or 2024-12-31.", s)
}

func validDate(y, m, d int) bool {
	if y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d && int(t.Month()) == m
}

var (
	// Russian dates often end in "г." (год, year): "12.03.2024 г.".
	yearWordRe = regexp.MustCompile(`(\d)\s*(?:г\.?|года?\.?)$`)
	// A time after the date: "14:30", "14.30", "T14:30:00Z", "kl. 14.30",
	// "в 14:30", "2:30 PM", with an optional zone that is ignored: the date
	// is the date as written.
	timeRe      = regexp.MustCompile(`(?i)^(.*?\d\.?)(?:T|\s+|,\s*|\s+kl\.?\s*|\s+в\s+)(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:[.,]\d{1,9})?)?\s*(am|pm|a\.m\.|p\.m\.)?\s*(?:z|utc|gmt|[+-]\d{2}(?::?\d{2})?)?$`)
	isoDateRe   = regexp.MustCompile(`^(\d{4})\s*([-./])\s*(\d{1,2})\s*([-./])\s*(\d{1,2})\.?$`)
	dmyDateRe   = regexp.MustCompile(`^(\d{1,2})\s*([-./])\s*(\d{1,2})\s*([-./])\s*(\d{4}|\d{2})\.?$`)
	digits8Re   = regexp.MustCompile(`^\d{8}$`)
	ordinalRe   = regexp.MustCompile(`^(\d{1,2})(?:st|nd|rd|th|e|te|de|a|го|е|ое)$`)
	allDigitsRe = regexp.MustCompile(`^\d+$`)
)

func parseDateText(s string, now time.Time) (y, m, d int, err error) {
	s = cleanSpaces(s)
	if len(s) > 100 {
		return 0, 0, 0, dateFormatError(s)
	}
	s = yearWordRe.ReplaceAllString(s, "$1")
	if y, m, d, ok, err := parseDateOnly(s, now); ok || err != nil {
		return y, m, d, err
	}
	if g := timeRe.FindStringSubmatch(s); g != nil {
		h, _ := strconv.Atoi(g[2])
		mi, _ := strconv.Atoi(g[3])
		sec := 0
		if g[4] != "" {
			sec, _ = strconv.Atoi(g[4])
		}
		maxH := 24
		if g[5] != "" {
			maxH = 12
		}
		if h > maxH || mi > 59 || sec > 60 {
			return 0, 0, 0, dateFormatError(s)
		}
		date := strings.TrimSpace(yearWordRe.ReplaceAllString(strings.TrimSpace(g[1]), "$1"))
		if y, m, d, ok, err := parseDateOnly(date, now); ok || err != nil {
			return y, m, d, err
		}
	}
	return 0, 0, 0, dateFormatError(s)
}

// parseDateOnly reads a date without a time. ok=false means "not a form
// this knows"; err is set when the form is known but the date does not exist.
func parseDateOnly(s string, now time.Time) (y, m, d int, ok bool, err error) {
	invalid := func() (int, int, int, bool, error) {
		return 0, 0, 0, false, valueError("calendar", "This date does not exist in the calendar (check the day and the month).", s)
	}
	atoi := func(x string) int { n, _ := strconv.Atoi(x); return n }
	if g := isoDateRe.FindStringSubmatch(s); g != nil && g[2] == g[4] {
		y, m, d = atoi(g[1]), atoi(g[3]), atoi(g[5])
		if !validDate(y, m, d) {
			return invalid()
		}
		return y, m, d, true, nil
	}
	if g := dmyDateRe.FindStringSubmatch(s); g != nil && g[2] == g[4] {
		a, b := atoi(g[1]), atoi(g[3])
		y = atoi(g[5])
		if len(g[5]) == 2 {
			y = pivotYear(y, now)
		}
		// Day first, as everywhere DirectDesk's users live; month first only
		// when the second number cannot be a month (03/25/2024).
		d, m = a, b
		if a <= 12 && b > 12 {
			d, m = b, a
		}
		if !validDate(y, m, d) {
			return invalid()
		}
		return y, m, d, true, nil
	}
	if digits8Re.MatchString(s) {
		n := atoi(s)
		y, m, d = n/10000, n/100%100, n%100
		if y >= 1800 && validDate(y, m, d) {
			return y, m, d, true, nil
		}
		// 31122024: day, month, year without separators.
		if d2, m2, y2 := n/1000000, n/10000%100, n%10000; validDate(y2, m2, d2) {
			return y2, m2, d2, true, nil
		}
		return invalid()
	}
	return parseNamedMonth(s, now)
}

// pivotYear places a two-digit year in this century unless that would be in
// the future: with now in 2025, 25 is 2025 and 26 is 1926.
func pivotYear(yy int, now time.Time) int {
	century := now.Year() / 100 * 100
	if yy <= now.Year()%100 {
		return century + yy
	}
	return century - 100 + yy
}

// monthNames are full month names in en, da, sv, nb and ru (with the
// genitive Russian uses in dates). A word of three or more letters is a
// month when it starts one of these names and all such names agree.
var monthNames = [13][]string{
	1:  {"january", "januar", "januari", "январь", "января"},
	2:  {"february", "februar", "februari", "февраль", "февраля"},
	3:  {"march", "marts", "mars", "март", "марта"},
	4:  {"april", "апрель", "апреля"},
	5:  {"may", "maj", "mai", "май", "мая"},
	6:  {"june", "juni", "июнь", "июня"},
	7:  {"july", "juli", "июль", "июля"},
	8:  {"august", "augusti", "август", "августа"},
	9:  {"september", "сентябрь", "сентября"},
	10: {"october", "oktober", "октябрь", "октября"},
	11: {"november", "ноябрь", "ноября"},
	12: {"december", "desember", "декабрь", "декабря"},
}

func monthOf(w string) int {
	if utf8.RuneCountInString(w) < 3 {
		return 0
	}
	found := 0
	for m := 1; m <= 12; m++ {
		for _, n := range monthNames[m] {
			if strings.HasPrefix(n, w) {
				if found != 0 && found != m {
					return 0
				}
				found = m
			}
		}
	}
	return found
}

var weekdayNames = []string{
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag",
	"måndag", "tisdag", "lördag", "söndag",
	"понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье",
}

func isWeekday(w string) bool {
	if utf8.RuneCountInString(w) < 2 {
		return false
	}
	for _, n := range weekdayNames {
		if strings.HasPrefix(n, w) {
			return true
		}
	}
	return false
}

// dateFiller are words around a written date that carry nothing: "den 12.
// mars", "the 12th of March".
var dateFiller = map[string]bool{"den": true, "the": true, "of": true, "d": true, "e": true, "го": true, "ое": true}

// parseNamedMonth reads "12. marts 2024", "12 марта 2024", "March 12, 2024",
// "12-Mar-2024", "2024 mar 12".
func parseNamedMonth(s string, now time.Time) (y, m, d int, ok bool, err error) {
	low := strings.ToLower(s)
	low = strings.Map(func(r rune) rune {
		switch r {
		case '.', ',', '-', '/', '\'', ':':
			return ' '
		}
		return r
	}, low)
	var words []string
	for _, w := range strings.Fields(low) {
		if dateFiller[w] {
			continue
		}
		if g := ordinalRe.FindStringSubmatch(w); g != nil {
			w = g[1]
		}
		words = append(words, w)
	}
	if len(words) == 4 && !allDigitsRe.MatchString(words[0]) && isWeekday(words[0]) {
		words = words[1:]
	}
	if len(words) != 3 {
		return 0, 0, 0, false, nil
	}
	mi := -1
	for i, w := range words {
		if !allDigitsRe.MatchString(w) {
			if mi >= 0 {
				return 0, 0, 0, false, nil
			}
			mi = i
		}
	}
	if mi < 0 {
		return 0, 0, 0, false, nil
	}
	m = monthOf(words[mi])
	if m == 0 {
		return 0, 0, 0, false, nil
	}
	var nums []string
	for i, w := range words {
		if i != mi {
			nums = append(nums, w)
		}
	}
	dayS, yearS := nums[0], nums[1]
	if len(nums[0]) == 4 && mi == 1 { // 2024 mar 12
		dayS, yearS = nums[1], nums[0]
	}
	if len(dayS) > 2 || (len(yearS) != 2 && len(yearS) != 4) {
		return 0, 0, 0, false, nil
	}
	d, _ = strconv.Atoi(dayS)
	y, _ = strconv.Atoi(yearS)
	if len(yearS) == 2 {
		y = pivotYear(y, now)
	}
	if !validDate(y, m, d) {
		return 0, 0, 0, false, valueError("calendar", "This date does not exist in the calendar (check the day and the month).", s)
	}
	return y, m, d, true, nil
}

// ---------------------------------------------------------------- numbers

// decimal is a number kept as its digits, so that amounts are never rounded
// through a float.
type decimal struct {
	neg       bool
	int, frac string // digits only; int has no leading zeros ("" is 0)
}

func (d decimal) String() string {
	i := d.int
	if i == "" {
		i = "0"
	}
	s := i
	if d.frac != "" {
		s += "." + d.frac
	}
	if d.neg && (d.int != "" || d.frac != "") {
		s = "-" + s
	}
	return s
}

func makeDecimal(neg bool, in, frac string) decimal {
	in = strings.TrimLeft(in, "0")
	frac = strings.TrimRight(frac, "0")
	return decimal{neg: neg && (in != "" || frac != ""), int: in, frac: frac}
}

// maxIntDigits keeps any accepted number inside int64 as minor units.
const maxIntDigits = 15

// currencyWords maps what people write next to an amount to its ISO code;
// "" marks a word that says "money" without saying which (kr is used by
// Denmark, Sweden and Norway alike).
var currencyWords = map[string]string{
	"dkk": "DKK", "dkr": "DKK", "kr": "", "kr.": "", ":-": "",
	"sek": "SEK", "skr": "SEK",
	"nok": "NOK", "nkr": "NOK",
	"rub": "RUB", "rur": "RUB", "руб": "RUB", "р": "RUB", "₽": "RUB", "рублей": "RUB", "рубля": "RUB", "рубль": "RUB",
	"eur": "EUR", "€": "EUR", "euro": "EUR", "евро": "EUR",
	"usd": "USD", "$": "USD", "us$": "USD", "долл": "USD",
	"gbp": "GBP", "£": "GBP",
}

// currencyOf looks a currency word up; known is false for a word that is not
// a currency.
func currencyOf(w string) (code string, known bool) {
	w = strings.ToLower(strings.TrimRight(strings.TrimSpace(w), "."))
	code, known = currencyWords[w]
	return code, known
}

func isCurrencyRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.Is(unicode.Sc, r)
}

// ParseDecimal reads a number as people write it ("1.234,50", "1 234,50",
// "1,234.50", "(12.00)", "12,-", "kr 1.234", "100 руб.") and returns it as a
// plain decimal with a dot ("1234.5") and the currency written with it (""
// when none, or when "kr" leaves it open). Number cells use their value.
func ParseDecimal(c sheet.Cell) (value string, currency string, err error) {
	d, cur, _, err := parseDecimalCell(c)
	if err != nil || d == nil {
		return "", "", err
	}
	return d.String(), cur, nil
}

func parseDecimalCell(c sheet.Cell) (d *decimal, currency string, sawCurrency bool, err error) {
	if err := cellErr(c); err != nil {
		return nil, "", false, err
	}
	s := cellString(c)
	if s == "" {
		return nil, "", false, nil
	}
	switch c.Kind {
	case sheet.KindDate:
		return nil, "", false, valueError("format", "The cell holds a date, not a number. Check that the right column is chosen.", s)
	case sheet.KindNumber:
		if strings.ContainsAny(c.Text, "%‰") {
			return nil, "", false, percentError(s)
		}
		v, ok := plainNumber(strings.TrimSpace(c.Raw))
		if !ok {
			return nil, "", false, numberError(s)
		}
		if len(v.int) > maxIntDigits {
			return nil, "", false, tooLargeError(s)
		}
		// The value is the number; what the cell shows may name the currency.
		if _, cur, saw, err := parseNumberText(c.Text); err == nil {
			currency, sawCurrency = cur, saw
		}
		return &v, currency, sawCurrency, nil
	}
	v, cur, saw, err := parseNumberText(s)
	if err != nil {
		return nil, "", false, err
	}
	return &v, cur, saw, nil
}

var plainNumberRe = regexp.MustCompile(`^([-+]?)(\d*)(?:\.(\d*))?$`)

// plainNumber reads the value of a number cell: "1234.5", "-3", "1E+21".
func plainNumber(raw string) (decimal, bool) {
	if g := plainNumberRe.FindStringSubmatch(raw); g != nil && (g[2] != "" || g[3] != "") {
		return makeDecimal(g[1] == "-", g[2], g[3]), true
	}
	f, err := strconv.ParseFloat(raw, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return decimal{}, false
	}
	g := plainNumberRe.FindStringSubmatch(strconv.FormatFloat(f, 'f', -1, 64))
	if g == nil {
		return decimal{}, false
	}
	return makeDecimal(g[1] == "-", g[2], g[3]), true
}

func numberError(s string) error {
	return valueError("format", "DirectDesk cannot read this as a number. Write numbers like 1234,50 or 1.234,50.", s)
}

func percentError(s string) error {
	return valueError("percent", "This is a percentage, not an amount. Check that the right column is chosen.", s)
}

func tooLargeError(s string) error {
	return valueError("range", "This number is too large. Check the value in the spreadsheet.", s)
}

// moneySuffixes say "whole amount": "12,-" and "12,–" (Danish, Norwegian),
// "100:-" (Swedish kronor), "12.-" (Swiss).
var moneySuffixes = []string{",--", ",-", ".-", ":-"}

func parseNumberText(s string) (d decimal, currency string, sawCurrency bool, err error) {
	orig := s
	s = cleanSpaces(s)
	s = strings.NewReplacer("\u2212", "-", "\u2013", "-", "\u2014", "-").Replace(s)
	if strings.ContainsAny(s, "%‰") {
		return d, "", false, percentError(orig)
	}
	if len(s) > 80 {
		return d, "", false, numberError(orig)
	}
	neg := false
	takeSign := func() bool {
		if s != "" && (s[0] == '-' || s[0] == '+') {
			if neg || strings.HasPrefix(s, "--") {
				return false
			}
			neg = s[0] == '-'
			s = strings.TrimSpace(s[1:])
			return true
		}
		return false
	}
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		neg = true
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	signed := neg || takeSign()
	// Currency before the number: "kr 1.234", "kr.1.234", "€12", "DKK 100".
	rs := []rune(s)
	i := 0
	for i < len(rs) && (isCurrencyRune(rs[i]) || rs[i] == ' ' || (rs[i] == '.' && i > 0 && unicode.IsLetter(rs[i-1]))) {
		i++
	}
	prefix := strings.TrimSpace(string(rs[:i]))
	s = strings.TrimSpace(string(rs[i:]))
	if !signed {
		takeSign()
	}
	// Currency after: "1.234 kr.", "100 руб.", "100 SEK", "12,-".
	rs = []rune(s)
	j := len(rs)
	for j > 0 && (isCurrencyRune(rs[j-1]) || rs[j-1] == ' ' || rs[j-1] == '.') {
		j--
	}
	suffix := strings.TrimSpace(string(rs[j:]))
	s = strings.TrimSpace(string(rs[:j]))
	// A trailing dot belongs to the number ("1234.") unless it ends a word.
	if strings.HasPrefix(suffix, ".") {
		suffix = strings.TrimSpace(strings.TrimLeft(suffix, "."))
	}
	whole := false
	for _, m := range moneySuffixes {
		if strings.HasSuffix(s, m) {
			s, whole = strings.TrimSpace(strings.TrimSuffix(s, m)), true
			if m == ":-" {
				sawCurrency = true
			}
			break
		}
	}
	if prefix != "" && suffix != "" {
		return d, "", false, numberError(orig)
	}
	if w := prefix + suffix; w != "" {
		code, known := currencyOf(w)
		if !known {
			if utf8.RuneCountInString(w) == 3 && strings.ToUpper(w) == w {
				return d, "", false, valueError("currency", "DirectDesk does not handle the currency "+w+". Use DKK, SEK, NOK, RUB, EUR, USD or GBP.", orig)
			}
			return d, "", false, numberError(orig)
		}
		currency, sawCurrency = code, true
	}
	d, err = parseDigits(s, orig)
	if err != nil {
		return d, "", false, err
	}
	if whole && d.frac != "" {
		return d, "", false, numberError(orig)
	}
	d = makeDecimal(neg, d.int, d.frac)
	if len(d.int) > maxIntDigits {
		return d, "", false, tooLargeError(orig)
	}
	return d, currency, sawCurrency, nil
}

// parseDigits reads the number itself: digits with thousands separators
// (dot, comma, space, apostrophe) and one decimal separator (dot or comma).
func parseDigits(s, orig string) (decimal, error) {
	bad := func() (decimal, error) { return decimal{}, numberError(orig) }
	if s == "" {
		return bad()
	}
	dots, commas, groups := strings.Count(s, "."), strings.Count(s, ","), strings.ContainsAny(s, " '’")
	for _, r := range s {
		if !(r >= '0' && r <= '9') && !strings.ContainsRune(".,' ’", r) {
			return bad()
		}
	}
	var dec byte // the decimal separator, 0 for none
	switch {
	case dots > 0 && commas > 0:
		// Both: the last one written is the decimal separator, used once.
		dec = '.'
		if strings.LastIndexByte(s, ',') > strings.LastIndexByte(s, '.') {
			dec = ','
		}
		if strings.Count(s, string(dec)) != 1 {
			return bad()
		}
	case dots+commas > 1:
		// "1.234.567": thousands only.
	case dots+commas == 1:
		sep := byte('.')
		if commas == 1 {
			sep = ','
		}
		k := strings.IndexByte(s, sep)
		before, after := s[:k], s[k+1:]
		dec = sep
		// "1.234" and "1,234" are thousands: three digits after, one to three
		// before (not a lone 0: "0,500" is a half), and no other grouping.
		if !groups && len(after) == 3 && len(before) >= 1 && len(before) <= 3 && before[0] != '0' {
			dec = 0
		}
	}
	intPart, frac := s, ""
	if dec != 0 {
		k := strings.IndexByte(s, dec)
		intPart, frac = s[:k], s[k+1:]
	}
	if strings.ContainsAny(frac, ".,' ’") {
		return bad()
	}
	// The integer part: groups of three after the first, if grouped at all.
	parts := strings.FieldsFunc(intPart, func(r rune) bool { return strings.ContainsRune(".,' ’", r) })
	if len(parts) > 1 || (len(parts) == 1 && parts[0] != intPart) {
		if strings.IndexFunc(intPart, func(r rune) bool { return r >= '0' && r <= '9' }) != 0 ||
			strings.LastIndexFunc(intPart, func(r rune) bool { return r >= '0' && r <= '9' }) != len(intPart)-1 {
			return bad()
		}
		// Every separator between two groups must be a single character
		// (" " collapsed already): "1..234" is not a number.
		seps := strings.FieldsFunc(intPart, func(r rune) bool { return r >= '0' && r <= '9' })
		for _, sp := range seps {
			if utf8.RuneCountInString(sp) != 1 {
				return bad()
			}
		}
		if len(parts[0]) > 3 {
			return bad()
		}
		for _, p := range parts[1:] {
			if len(p) != 3 {
				return bad()
			}
		}
	}
	in := strings.Join(parts, "")
	if in == "" && frac == "" {
		return bad()
	}
	return decimal{int: in, frac: frac}, nil
}

// maxMinor is the largest amount accepted, in minor units (100 billion).
const maxMinor = 1e13

// ParseMoney is ParseDecimal in minor units (øre, öre, kopek, cent), rounded
// half away from zero: "1.234,50" -> 123450.
func ParseMoney(c sheet.Cell) (minor int64, currency string, err error) {
	d, cur, _, err := parseDecimalCell(c)
	if err != nil || d == nil {
		return 0, "", err
	}
	m, err := toMinor(*d, cellString(c))
	if err != nil {
		return 0, "", err
	}
	return m, cur, nil
}

func toMinor(d decimal, shown string) (int64, error) {
	if len(d.int) > 12 { // at least a trillion: over maxMinor whatever the cents
		return 0, tooLargeError(shown)
	}
	frac := d.frac + "000"
	n, _ := strconv.ParseInt("0"+d.int+frac[:2], 10, 64)
	if frac[2] >= '5' {
		n++
	}
	if n > maxMinor {
		return 0, tooLargeError(shown)
	}
	if d.neg {
		n = -n
	}
	return n, nil
}

// countWords are units written after a quantity: "3 stk.", "2 шт.".
var countWords = map[string]bool{
	"stk": true, "st": true, "stk.": true, "st.": true, "stykker": true, "stycken": true, "pcs": true, "pc": true,
	"pcs.": true, "pieces": true, "ea": true, "x": true, "шт": true, "шт.": true, "штук": true, "штуки": true,
}

// ParseInt reads a whole number: "3", "3,0", "1 000", "1.000", "3 stk.".
func ParseInt(c sheet.Cell) (int64, error) {
	if c.Kind == sheet.KindString {
		s := cleanSpaces(c.Text)
		if i := strings.LastIndexByte(s, ' '); i > 0 && countWords[strings.ToLower(s[i+1:])] {
			c.Text, c.Raw = s[:i], s[:i]
		}
	}
	d, _, saw, err := parseDecimalCell(c)
	if err != nil || d == nil {
		return 0, err
	}
	s := cellString(c)
	if saw {
		return 0, valueError("format", "This should be a whole number, without a currency. Check that the right column is chosen.", s)
	}
	if d.frac != "" {
		return 0, valueError("fraction", "This should be a whole number, without decimals.", s)
	}
	if len(d.int) > maxIntDigits {
		return 0, tooLargeError(s)
	}
	n, _ := strconv.ParseInt("0"+d.int, 10, 64)
	if d.neg {
		n = -n
	}
	return n, nil
}

// ---------------------------------------------------------------- words

// wordKey folds a short answer for lookup: lower case, without dots,
// spaces, hyphens and apostrophes ("Hr." -> "hr", "г-жа" -> "гжа").
func wordKey(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r), r == '.', r == '-', r == '–', r == '—', r == '\'', r == '’', r == '_':
			return -1
		case r == 'ё':
			return 'е'
		}
		return unicode.ToLower(r)
	}, spaceReplacer.Replace(strings.ToLower(s)))
}

var genders = map[string]marketing.Gender{}

func init() {
	for g, words := range map[marketing.Gender][]string{
		marketing.GenderFemale: {"k", "f", "kvinde", "kvinna", "kvinne", "kvindelig", "kvinnlig", "kvinnelig", "female", "woman", "fem",
			"fru", "frk", "frøken", "fröken", "frøkn", "mrs", "ms", "miss", "dame", "hun", "hon", "she",
			"ж", "жен", "женский", "женская", "женщина", "гжа", "госпожа", "жена"},
		marketing.GenderMale: {"m", "mand", "man", "mann", "mandlig", "manlig", "mannlig", "male", "mr", "hr", "herr", "herre", "han", "he",
			"м", "муж", "мужской", "мужская", "мужчина", "гн", "господин"},
		marketing.GenderOther: {"other", "anden", "andet", "annan", "annat", "annet", "andre", "x", "nonbinary", "ikkebinær", "ickebinär",
			"другой", "другое", "иное", "иной"},
		marketing.GenderUnknown: {"unknown", "ukendt", "okänd", "ukjent", "неизвестно", "неизвестен", "неуказан", "na", "n/a", "?"},
	} {
		for _, w := range words {
			genders[wordKey(w)] = g
		}
	}
}

// ParseGender reads a gender or a title (Fru, Hr., Mrs, Ж, Муж.) in the five
// languages. Empty or "unknown" gives GenderUnknown.
func ParseGender(s string) (marketing.Gender, error) {
	k := wordKey(s)
	if k == "" {
		return marketing.GenderUnknown, nil
	}
	if g, ok := genders[k]; ok {
		return g, nil
	}
	return marketing.GenderUnknown, valueError("unknown", "DirectDesk does not know this gender. Use K (female), M (male) or Other, or leave the cell empty.", s)
}

var yesNo = map[string]bool{}

func init() {
	for _, w := range []string{"ja", "j", "jo", "yes", "y", "да", "д", "1", "x", "✓", "✔", "☑", "☒", "✅", "true", "sand", "sandt", "sant", "sann", "ok", "истина", "+", "1.0"} {
		yesNo[wordKey(w)] = true
	}
	for _, w := range []string{"nej", "nei", "no", "n", "нет", "н", "0", "false", "falsk", "falskt", "usann", "ложь", "☐", "✗", "✘", "0.0"} {
		yesNo[wordKey(w)] = false
	}
}

// ParseYesNo reads yes/no in the five languages, ticks and crosses, 1/0 and
// Excel's TRUE/FALSE in Nordic and Russian Excel (SAND, SANT, SANN, ИСТИНА).
// given is false for an empty cell: nothing was said.
func ParseYesNo(s string) (value bool, given bool, err error) {
	raw := strings.TrimSpace(s)
	if raw == "" {
		return false, false, nil
	}
	// A dash in a yes/no column is the usual way to write "no".
	if raw == "-" || raw == "–" || raw == "—" {
		return false, true, nil
	}
	if v, ok := yesNo[wordKey(raw)]; ok {
		return v, true, nil
	}
	return false, false, valueError("unknown", "DirectDesk cannot read this as yes or no. Use Ja/Nej, Yes/No, Да/Нет or 1/0.", s)
}

// ---------------------------------------------------------------- countries

// isoCountries are the ISO 3166-1 alpha-2 codes in use.
const isoCountries = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
	"CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
	"GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
	"KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ " +
	"NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW " +
	"SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ " +
	"UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"

var isoCountrySet = map[string]bool{}

func init() {
	for _, c := range strings.Fields(isoCountries) {
		isoCountrySet[c] = true
	}
}

// countryNames are names (and common 3-letter codes) in en, da, sv, nb, ru
// and the country's own language, folded with countryKey.
var countryNames = map[string]string{}

func init() {
	for code, names := range map[string][]string{
		"DK": {"Danmark", "Denmark", "Dänemark", "Дания", "Danemark", "DNK", "Kongeriget Danmark"},
		"SE": {"Sverige", "Sweden", "Schweden", "Швеция", "Suède", "SWE", "Konungariket Sverige"},
		"NO": {"Norge", "Norway", "Noreg", "Norwegen", "Норвегия", "NOR", "Kongeriket Norge"},
		"RU": {"Россия", "Russia", "Rusland", "Ryssland", "Russland", "РФ", "Российская Федерация", "Russian Federation", "Russische Föderation", "RUS", "Рос. Федерация"},
		"FI": {"Finland", "Suomi", "Finnland", "Финляндия", "FIN", "SF"},
		"DE": {"Tyskland", "Germany", "Deutschland", "Германия", "DEU", "BRD"},
		"IS": {"Island", "Iceland", "Ísland", "Исландия", "ISL"},
		"FO": {"Færøerne", "Færøyane", "Færøyene", "Färöarna", "Färöerna", "Faroe Islands", "Faroes", "Føroyar", "Фарерские острова", "Фареры", "FRO"},
		"GL": {"Grønland", "Grönland", "Greenland", "Kalaallit Nunaat", "Гренландия", "GRL"},
		"AX": {"Åland", "Aland", "Ahvenanmaa", "Аланды", "Аландские острова"},
		"EE": {"Estonia", "Estland", "Eesti", "Эстония", "EST"},
		"LV": {"Latvia", "Letland", "Lettland", "Latvija", "Латвия", "LVA"},
		"LT": {"Lithuania", "Litauen", "Lietuva", "Литва", "LTU"},
		"PL": {"Poland", "Polen", "Polska", "Польша", "POL"},
		"NL": {"Netherlands", "The Netherlands", "Holland", "Nederland", "Nederländerna", "Nederlandene", "Niederlande", "Нидерланды", "Голландия", "NLD"},
		"BE": {"Belgium", "Belgien", "Belgia", "België", "Belgique", "Бельгия", "BEL"},
		"LU": {"Luxembourg", "Luxemburg", "Люксембург", "LUX"},
		"FR": {"France", "Frankrig", "Frankrike", "Frankreich", "Франция", "FRA"},
		"ES": {"Spain", "Spanien", "Spania", "España", "Испания", "ESP"},
		"PT": {"Portugal", "Португалия", "PRT"},
		"IT": {"Italy", "Italien", "Italia", "Италия", "ITA"},
		"GB": {"UK", "U.K.", "United Kingdom", "Great Britain", "Britain", "England", "Scotland", "Wales", "Northern Ireland", "Storbritannien", "Storbritannia", "Großbritannien", "Великобритания", "Англия", "Соединённое Королевство", "GBR", "Det Forenede Kongerige"},
		"IE": {"Ireland", "Irland", "Éire", "Ирландия", "IRL"},
		"AT": {"Austria", "Østrig", "Österrike", "Østerrike", "Österreich", "Австрия", "AUT"},
		"CH": {"Switzerland", "Schweiz", "Sveits", "Suisse", "Svizzera", "Швейцария", "CHE"},
		"CZ": {"Czech Republic", "Czechia", "Tjekkiet", "Tjeckien", "Tsjekkia", "Tschechien", "Česko", "Чехия", "CZE"},
		"SK": {"Slovakia", "Slovakiet", "Slovakien", "Slovakia", "Slowakei", "Словакия", "SVK"},
		"HU": {"Hungary", "Ungarn", "Ungern", "Magyarország", "Венгрия", "HUN"},
		"SI": {"Slovenia", "Slovenien", "Словения", "SVN"},
		"HR": {"Croatia", "Kroatien", "Kroatia", "Hrvatska", "Хорватия", "HRV"},
		"RS": {"Serbia", "Serbien", "Сербия", "SRB"},
		"RO": {"Romania", "Rumænien", "Rumänien", "Romania", "Румыния", "ROU"},
		"BG": {"Bulgaria", "Bulgarien", "Болгария", "BGR"},
		"GR": {"Greece", "Grækenland", "Grekland", "Hellas", "Griechenland", "Греция", "GRC"},
		"CY": {"Cyprus", "Cypern", "Kypros", "Zypern", "Кипр", "CYP"},
		"MT": {"Malta", "Мальта", "MLT"},
		"TR": {"Turkey", "Türkiye", "Tyrkiet", "Turkiet", "Tyrkia", "Türkei", "Турция", "TUR"},
		"UA": {"Ukraine", "Ukraina", "Україна", "Украина", "UKR"},
		"BY": {"Belarus", "Hviderusland", "Vitryssland", "Hviterussland", "Weißrussland", "Беларусь", "Белоруссия", "BLR"},
		"MD": {"Moldova", "Moldavien", "Молдова", "Молдавия", "MDA"},
		"KZ": {"Kazakhstan", "Kasakhstan", "Kazakstan", "Kasachstan", "Казахстан", "KAZ"},
		"GE": {"Грузия", "Georgien", "GEO"},
		"AM": {"Armenia", "Armenien", "Армения", "ARM"},
		"AZ": {"Azerbaijan", "Aserbajdsjan", "Azerbajdzjan", "Aserbajdsjan", "Азербайджан", "AZE"},
		"US": {"USA", "U.S.A.", "US", "U.S.", "United States", "United States of America", "America", "Amerika", "USA (United States)", "De Forenede Stater", "Förenta staterna", "Соединённые Штаты", "США"},
		"CA": {"Canada", "Kanada", "Канада", "CAN"},
		"MX": {"Mexico", "Mexiko", "México", "Мексика", "MEX"},
		"BR": {"Brazil", "Brasilien", "Brasil", "Бразилия", "BRA"},
		"AU": {"Australia", "Australien", "Австралия", "AUS"},
		"NZ": {"New Zealand", "New Zealand", "Nya Zeeland", "Ny-Zealand", "Новая Зеландия", "NZL"},
		"CN": {"China", "Kina", "Китай", "CHN"},
		"JP": {"Japan", "Япония", "JPN"},
		"KR": {"South Korea", "Korea", "Sydkorea", "Sør-Korea", "Южная Корея", "KOR"},
		"IN": {"India", "Indien", "Индия", "IND"},
		"IL": {"Israel", "Израиль", "ISR"},
		"TH": {"Thailand", "Таиланд", "THA"},
		"ZA": {"South Africa", "Sydafrika", "Sør-Afrika", "ЮАР", "ZAF"},
		"AE": {"United Arab Emirates", "UAE", "De Forenede Arabiske Emirater", "Förenade Arabemiraten", "ОАЭ", "ARE"},
		"LI": {"Liechtenstein", "Лихтенштейн"},
		"MC": {"Monaco", "Монако"},
		"AD": {"Andorra", "Андорра"},
		"SJ": {"Svalbard", "Svalbard og Jan Mayen", "Шпицберген"},
		"UZ": {"Uzbekistan", "Usbekistan", "Узбекистан"},
		"KG": {"Kyrgyzstan", "Kirgisistan", "Киргизия", "Кыргызстан"},
		"TJ": {"Tajikistan", "Tadsjikistan", "Таджикистан"},
		"TM": {"Turkmenistan", "Туркмения", "Туркменистан"},
		"MN": {"Mongolia", "Mongoliet", "Монголия"},
		"VN": {"Vietnam", "Вьетнам"},
		"EG": {"Egypt", "Egypten", "Египет"},
	} {
		for _, n := range names {
			countryNames[countryKey(n)] = code
		}
	}
}

// countryKey folds a country name: lower case, no dots, single spaces, ё as е.
func countryKey(s string) string {
	s = strings.ToLower(spaceReplacer.Replace(s))
	s = strings.NewReplacer(".", "", "ё", "е", "-", " ", "(", " ", ")", " ").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// ParseCountry reads a country as an ISO code ("DK", "dk") or a name in the
// five languages ("Danmark", "Швеция", "Noreg") and returns the ISO 3166-1
// alpha-2 code. Empty gives "".
func ParseCountry(s string) (string, error) {
	k := countryKey(s)
	if k == "" {
		return "", nil
	}
	if code, ok := countryNames[k]; ok {
		return code, nil
	}
	if len(k) == 2 && k[0] >= 'a' && k[0] <= 'z' && k[1] >= 'a' && k[1] <= 'z' {
		up := strings.ToUpper(k)
		if up == "EL" { // the EU's own code for Greece
			return "GR", nil
		}
		if isoCountrySet[up] {
			return up, nil
		}
	}
	return "", valueError("unknown", "DirectDesk does not know this country. Write its name (Danmark, Sverige, Norge) or its two-letter code (DK, SE, NO).", s)
}

// languageNames maps codes and names of the five languages to their code.
var languageNames = map[string]string{}

func init() {
	for code, names := range map[string][]string{
		"en": {"en", "eng", "english", "engelsk", "engelska", "английский", "англ", "английский язык"},
		"da": {"da", "dan", "dk", "dansk", "danish", "danska", "dänisch", "датский", "датский язык"},
		"sv": {"sv", "swe", "se", "svenska", "svensk", "swedish", "schwedisch", "шведский", "шведский язык"},
		"nb": {"nb", "no", "nn", "nob", "nno", "nor", "norsk", "bokmål", "bokmal", "nynorsk", "norwegian", "norska", "norwegisch", "норвежский", "норвежский язык"},
		"ru": {"ru", "rus", "русский", "russian", "russisk", "ryska", "russisch", "рус", "русский язык"},
	} {
		for _, n := range names {
			languageNames[countryKey(n)] = code
		}
	}
}

// ParseLanguage reads one of DirectDesk's languages as a code ("da",
// "da-DK", "nb_NO") or a name ("dansk", "Russian", "русский"). Empty gives "".
func ParseLanguage(s string) (string, error) {
	k := countryKey(strings.ReplaceAll(s, "_", "-"))
	if k == "" {
		return "", nil
	}
	if code, ok := languageNames[k]; ok {
		return code, nil
	}
	// A locale tag: "da dk" after folding "da-DK".
	if f := strings.Fields(k); len(f) == 2 && len(f[0]) <= 3 && len(f[1]) == 2 {
		if code, ok := languageNames[f[0]]; ok {
			return code, nil
		}
	}
	return "", valueError("unknown", "DirectDesk knows English, Danish, Swedish, Norwegian and Russian. Write one of these (e.g. da, dansk, English) or leave the cell empty.", s)
}

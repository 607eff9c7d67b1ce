package importer

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"directdesk/backend/marketing"
	"directdesk/backend/sheet"
)

// The value parsers read whatever users type into cells: fuzzing checks
// that nothing panics, that every refusal is an invalid-value error with a
// reason, and that what is accepted keeps the API's promises.

func fuzzCheckError(t *testing.T, err error) {
	t.Helper()
	var e *marketing.Error
	if !errors.As(err, &e) || e.Code != marketing.EInvalid || e.Message == "" || e.Details["reason"] == "" {
		t.Fatalf("bad error %T %v", err, err)
	}
}

// fuzzCell builds a cell of any kind from fuzz input.
func fuzzCell(s string, kind uint8) sheet.Cell {
	k := sheet.CellKind(kind % 6)
	if k == sheet.KindEmpty {
		return sheet.Cell{Text: s}
	}
	return sheet.Cell{Text: s, Raw: s, Kind: k}
}

var isoDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"12.03.2024", "2024-03-12T14:30:00Z", "12 марта 2024 г.", "March 12, 2024", "03/25/2024",
		"20240312", "45363.5", "31.02.2024", "12.03.24 14.30", "tirsdag 12. marts 2024", "1e308", "-1", "0"} {
		f.Add(s, uint8(sheet.KindString))
		f.Add(s, uint8(sheet.KindNumber))
	}
	f.Add("2024-03-12", uint8(sheet.KindDate))
	now := time.Date(2025, 6, 15, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string, kind uint8) {
		c := fuzzCell(s, kind)
		got, err := ParseDate(c, now)
		if err != nil {
			if got != "" {
				t.Fatalf("value %q with error", got)
			}
			fuzzCheckError(t, err)
			return
		}
		if got == "" {
			if strings.TrimSpace(s) != "" {
				t.Fatalf("%q: no date and no error", s)
			}
			return
		}
		if _, perr := time.Parse(marketing.DateLayout, got); perr != nil || !isoDate.MatchString(got) {
			t.Fatalf("%q -> %q is no ISO date", s, got)
		}
		// What comes out reads back as itself.
		if again, err := ParseDate(sheet.Cell{Text: got, Raw: got, Kind: sheet.KindString}, now); err != nil || again != got {
			t.Fatalf("%q -> %q -> %q, %v", s, got, again, err)
		}
	})
}

var canonicalDecimal = regexp.MustCompile(`^-?(0|[1-9]\d*)(\.\d*[1-9])?$`)

func FuzzParseDecimal(f *testing.F) {
	for _, s := range []string{"1.234,50", "1 234,50", "1,234.50", "(12.00)", "12,-", "kr 1.234", "100 руб.", "€12", "12 %",
		"-0,005", "99.999.999.999,99", "100:-", "1'234.50", ".5", "1e5", "₽ 100", "0,675"} {
		f.Add(s, uint8(sheet.KindString))
	}
	f.Add("1234.5", uint8(sheet.KindNumber))
	f.Add("1E+21", uint8(sheet.KindNumber))
	f.Fuzz(func(t *testing.T, s string, kind uint8) {
		c := fuzzCell(s, kind)
		v, cur, err := ParseDecimal(c)
		minor, mcur, merr := ParseMoney(c)
		n, ierr := ParseInt(c)
		if err != nil {
			fuzzCheckError(t, err)
			if merr == nil {
				t.Fatalf("%q: ParseDecimal refuses but ParseMoney accepts", s)
			}
			if ierr != nil { // ParseInt also takes "3 stk."
				fuzzCheckError(t, ierr)
			}
			return
		}
		if ierr != nil {
			fuzzCheckError(t, ierr)
		}
		if v == "" {
			if merr != nil || minor != 0 || ierr != nil || n != 0 {
				t.Fatalf("%q: empty but %d %v %d %v", s, minor, merr, n, ierr)
			}
			return
		}
		if !canonicalDecimal.MatchString(v) {
			t.Fatalf("%q -> %q is not a plain decimal", s, v)
		}
		if cur != "" && !slices.Contains(marketing.Currencies, cur) {
			t.Fatalf("%q: currency %q", s, cur)
		}
		// The value is the number: a number cell holding it says the same.
		if again, _, err := ParseDecimal(sheet.Cell{Text: v, Raw: v, Kind: sheet.KindNumber}); err != nil || again != v {
			t.Fatalf("%q -> %q -> %q, %v", s, v, again, err)
		}
		if merr != nil {
			fuzzCheckError(t, merr)
			return
		}
		if mcur != cur || minor > 1e13 || minor < -1e13 {
			t.Fatalf("%q: money %d %q", s, minor, mcur)
		}
		// Minor units written out read back as the same minor units.
		abs, sign := minor, ""
		if abs < 0 {
			abs, sign = -abs, "-"
		}
		text := fmt.Sprintf("%s%d.%02d", sign, abs/100, abs%100)
		if back, _, err := ParseMoney(sheet.Cell{Text: text, Raw: text, Kind: sheet.KindString}); err != nil || back != minor {
			t.Fatalf("%q -> %d -> %q -> %d, %v", s, minor, text, back, err)
		}
		if ierr == nil && fmt.Sprint(n) != v {
			t.Fatalf("%q: int %d, decimal %q", s, n, v)
		}
	})
}

// nameBytes are the bytes of s that are not white space or commas, sorted.
func nameBytes(parts ...string) []byte {
	var b []byte
	for _, p := range parts {
		for _, w := range strings.Fields(strings.ReplaceAll(p, ",", " ")) {
			b = append(b, w...)
		}
	}
	slices.Sort(b)
	return b
}

func FuzzSplitFullName(f *testing.F) {
	for _, s := range []string{"Hansen, Anna", "Anna Marie Hansen", "Jan van der Berg", "Иванов Иван Петрович", "Иван Петрович Иванов",
		"Иванова Анна", ",", " , , ", "a,b,c", "Mr John Smith", "\xff\xfe", "de", "van der"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		first, middle, last := SplitFullName(s)
		if !slices.Equal(nameBytes(s), nameBytes(first, middle, last)) {
			t.Fatalf("%q -> %q / %q / %q: bytes lost or added", s, first, middle, last)
		}
		for _, p := range []string{first, middle, last} {
			if p != strings.Join(strings.Fields(p), " ") || strings.Contains(p, ",") {
				t.Fatalf("%q -> %q: untidy part", s, p)
			}
		}
		if middle != "" && (first == "" || last == "") {
			t.Fatalf("%q -> %q / %q / %q: a middle name alone", s, first, middle, last)
		}
	})
}

var postcodeChars = regexp.MustCompile(`^[0-9 ]*$`)

func FuzzSplitAddress(f *testing.F) {
	for _, s := range []string{"Vestergade 12, 2100 København Ø", "Vestergade 12\n2. th.\n2100 København Ø",
		"Storgatan 1, 114 55 Stockholm, Sverige", "125009, г. Москва, ул. Тверская, д. 1, кв. 5",
		"ул. Тверская, д. 1, кв. 5, г. Москва, 125009", "141400, Московская обл., г. Химки", "DK-2100 København",
		"1600 Amphitheatre Parkway, Mountain View, CA 94043, USA", ",,,", "\n", "Danmark"} {
		f.Add(s, "DK")
		f.Add(s, "RU")
	}
	f.Fuzz(func(t *testing.T, s, country string) {
		a, ok := SplitAddress(s, country)
		if ok && a.Postcode == "" && a.City == "" {
			t.Fatalf("%q: ok without postcode or city: %+v", s, a)
		}
		for _, v := range []string{a.Street1, a.Street2, a.Postcode, a.City, a.Region, a.Country} {
			if strings.ContainsAny(v, "\r\n") || v != strings.TrimSpace(v) {
				t.Fatalf("%q: untidy value %q in %+v", s, v, a)
			}
		}
		if !postcodeChars.MatchString(a.Postcode) {
			t.Fatalf("%q: postcode %q", s, a.Postcode)
		}
		if a.Country != "" && !isoCountrySet[a.Country] {
			t.Fatalf("%q: country %q", s, a.Country)
		}
		pc, city, found := SplitPostcodeCity(s, country)
		if !postcodeChars.MatchString(pc) || (found != "" && !isoCountrySet[found]) || (pc == "" && city == "" && strings.Trim(cleanSpaces(s), " ,;") != "") {
			t.Fatalf("%q: SplitPostcodeCity gave %q %q %q", s, pc, city, found)
		}
	})
}

func FuzzAutoMap(f *testing.F) {
	f.Add("Navn\tE-mail\tPostnr.\tBy", "Anna Hansen\tanna@example.dk\t2100\tKøbenhavn Ø", uint8(0))
	f.Add("Ordrenr.\tDato\tBeløb", "1001\t12.03.2024\t1.234,50", uint8(1))
	f.Add("Varenr.\tNavn\tPris (DKK)", "A-1\tKop\t49,95", uint8(2))
	f.Add("Фамилия\tИмя\tАдрес", "Иванов\tИван\t125009, г. Москва, ул. Тверская, д. 1", uint8(0))
	f.Add("\t\t", "\t\t", uint8(0))
	f.Fuzz(func(t *testing.T, hs, ss string, k uint8) {
		kind := append(slices.Clone(marketing.ImportKinds), "bogus")[int(k)%4]
		headers := strings.Split(hs, "\t")
		var samples [][]string
		for _, s := range strings.Split(ss, "\t") {
			samples = append(samples, strings.Split(s, "|"))
		}
		got := AutoMap(kind, headers, samples)
		if len(got) != len(headers) {
			t.Fatalf("%d fields for %d headers", len(got), len(headers))
		}
		seen := map[string]bool{}
		for _, f := range got {
			if f == "" {
				continue
			}
			if seen[f] || !ValidField(kind, f) {
				t.Fatalf("field %q twice or invalid in %q", f, got)
			}
			seen[f] = true
		}
		if sh := Shape(kind, headers); len(sh) != 32 {
			t.Fatalf("shape %q", sh)
		}
	})
}

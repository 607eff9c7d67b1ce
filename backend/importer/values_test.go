package importer

import (
	"errors"
	"strings"
	"testing"
	"time"

	"directdesk/backend/marketing"
	"directdesk/backend/sheet"
)

// Helpers of the value tests; the names say whose they are, since the
// engine's tests share the package.
func valText(s string) sheet.Cell {
	if s == "" {
		return sheet.Cell{}
	}
	return sheet.Cell{Text: s, Raw: s, Kind: sheet.KindString}
}

func valNumber(raw, text string) sheet.Cell {
	return sheet.Cell{Text: text, Raw: raw, Kind: sheet.KindNumber}
}

// valReason checks that err is an invalid-value *marketing.Error with a
// message and the given reason ("" = any).
func valReason(t *testing.T, err error, reason string) {
	t.Helper()
	var e *marketing.Error
	if !errors.As(err, &e) {
		t.Fatalf("want a *marketing.Error, got %T %v", err, err)
	}
	if e.Code != marketing.EInvalid || e.Message == "" || e.Details["reason"] == "" {
		t.Fatalf("error without code, message or reason: %+v", e)
	}
	if reason != "" && e.Details["reason"] != reason {
		t.Fatalf("reason %q, want %q (%s)", e.Details["reason"], reason, e.Message)
	}
}

var valNow = time.Date(2025, 6, 15, 10, 0, 0, 0, time.UTC)

func TestParseDateText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"   ", ""},
		{"12.03.2024", "2024-03-12"},
		{"1.3.2024", "2024-03-01"},
		{"12-03-2024", "2024-03-12"},
		{"12/03/2024", "2024-03-12"},
		{"2024-03-12", "2024-03-12"},
		{"2024.03.12", "2024-03-12"},
		{"2024/3/12", "2024-03-12"},
		{"20240312", "2024-03-12"},
		{"12032024", "2024-03-12"}, // ddmmyyyy when yyyymmdd cannot be
		{"12.03.24", "2024-03-12"},
		{"12.03.25", "2025-03-12"},
		{"12.03.26", "1926-03-12"}, // no two-digit year lands in the future
		{"01.01.99", "1999-01-01"},
		{"12. 3. 2024", "2024-03-12"},
		{"29.02.2024", "2024-02-29"},
		{"03/25/2024", "2024-03-25"}, // only month-first makes sense
		{"03/04/2024", "2024-04-03"}, // both could be months: day first
		{"12.03.2024 14:30", "2024-03-12"},
		{"12.03.2024 14.30", "2024-03-12"},
		{"12.03.2024 kl. 14.30", "2024-03-12"},
		{"2024-03-12T14:30:00Z", "2024-03-12"},
		{"2024-03-12T23:30:00-05:00", "2024-03-12"},
		{"2024-03-12 14:30:00.123", "2024-03-12"},
		{"03/12/2024 2:30 PM", "2024-12-03"},
		{"12.03.2024 г.", "2024-03-12"},
		{"12.03.2024г", "2024-03-12"},
		{"12. marts 2024", "2024-03-12"},
		{"12 mars 2024", "2024-03-12"},
		{"1. mai 2024", "2024-05-01"},
		{"17. desember 2023", "2023-12-17"},
		{"12 марта 2024", "2024-03-12"},
		{"12 марта 2024 года", "2024-03-12"},
		{"1 сентября 2023 г.", "2023-09-01"},
		{"5 мая 2024", "2024-05-05"},
		{"12-го марта 2024", "2024-03-12"},
		{"March 12, 2024", "2024-03-12"},
		{"Mar 12 2024", "2024-03-12"},
		{"March 12th, 2024", "2024-03-12"},
		{"12th of March 2024", "2024-03-12"},
		{"12-Mar-2024", "2024-03-12"},
		{"12-mar-24", "2024-03-12"},
		{"12. okt. 2023", "2023-10-12"},
		{"den 3 juni 2024", "2024-06-03"},
		{"3:e juni 2024", "2024-06-03"},
		{"Tuesday, March 12, 2024", "2024-03-12"},
		{"tirsdag 12. marts 2024", "2024-03-12"},
		{"2024 Mar 12", "2024-03-12"},
		{"12\u00a0марта\u00a02024", "2024-03-12"},
		{" 12.03.2024 ", "2024-03-12"},
		{"12.03.2024.", "2024-03-12"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDate(valText(tt.in), valNow)
			if err != nil || got != tt.want {
				t.Fatalf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestParseDateRefusesWhatIsNoDate(t *testing.T) {
	tests := []struct{ in, reason string }{
		{"31.02.2024", "calendar"},
		{"29.02.2023", "calendar"},
		{"32.01.2024", "calendar"},
		{"2024-13-01", "calendar"},
		{"13/13/2024", "calendar"},
		{"31 февраля 2024", "calendar"},
		{"hello", "format"},
		{"12.03", "format"},
		{"12.03.2024 25:00", "format"},
		{"12.03-2024", "format"},
		{"2024", "format"},
		{"12345", "format"},
		{"Marts", "format"},
		{"12 Foo 2024", "format"},
		{"12.03.2024 14:30 junk", "format"},
		{"99999999", "calendar"},
		{"ukendt", "format"},
		{strings.Repeat("1", 500), "format"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDate(valText(tt.in), valNow)
			if got != "" {
				t.Fatalf("got %q", got)
			}
			valReason(t, err, tt.reason)
		})
	}
}

func TestParseDateCells(t *testing.T) {
	tests := []struct {
		name string
		c    sheet.Cell
		want string
	}{
		{"xlsx date", sheet.Cell{Text: "2024-03-12", Raw: "45363", Kind: sheet.KindDate}, "2024-03-12"},
		{"xlsx date with time", sheet.Cell{Text: "2024-03-12 14:30", Raw: "45363.6041666667", Kind: sheet.KindDate}, "2024-03-12"},
		{"ods date", sheet.Cell{Text: "12.03.24", Raw: "2024-03-12", Kind: sheet.KindDate}, "2024-03-12"},
		{"ods date-time", sheet.Cell{Text: "12.03.24 14:30", Raw: "2024-03-12T14:30:00", Kind: sheet.KindDate}, "2024-03-12"},
		{"date cell with unreadable raw", sheet.Cell{Text: "12.03.2024", Raw: "?", Kind: sheet.KindDate}, "2024-03-12"},
		{"serial number", valNumber("45363", "45363"), "2024-03-12"},
		{"serial with fraction", valNumber("45363.75", "45363,75"), "2024-03-12"},
		{"serial 1", valNumber("1", "1"), "1900-01-01"},
		{"serial 61", valNumber("61", "61"), "1900-03-01"},
		{"last serial", valNumber("2958465", "2958465"), "9999-12-31"},
		{"yyyymmdd typed as a number", valNumber("20240312", "20240312"), "2024-03-12"},
		{"empty cell", sheet.Cell{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseDate(tt.c, valNow)
			if err != nil || got != tt.want {
				t.Fatalf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
	for _, c := range []sheet.Cell{
		valNumber("0", "0"), valNumber("-5", "-5"), valNumber("2958466", "2958466"), valNumber("1e300", "1E+300"),
		valNumber("NaN", "NaN"), valNumber("abc", "abc"),
		{Text: "#VALUE!", Raw: "#VALUE!", Kind: sheet.KindError}, {Text: "TRUE", Raw: "true", Kind: sheet.KindBool},
	} {
		got, err := ParseDate(c, valNow)
		if got != "" || err == nil {
			t.Fatalf("%+v: got %q, %v", c, got, err)
		}
		valReason(t, err, "")
	}
}

func TestParseDecimal(t *testing.T) {
	tests := []struct{ in, want, cur string }{
		{"", "", ""},
		{"1.234,50", "1234.5", ""},
		{"1 234,50", "1234.5", ""},
		{"1\u00a0234,50", "1234.5", ""},
		{"1\u202f234,50", "1234.5", ""},
		{"1\u2009234,50", "1234.5", ""},
		{"1,234.50", "1234.5", ""},
		{"1234.5", "1234.5", ""},
		{"1234,5", "1234.5", ""},
		{"-12,00", "-12", ""},
		{"−12,00", "-12", ""},
		{"(12.00)", "-12", ""},
		{"12,-", "12", ""},
		{"12,–", "12", ""},
		{"1.234,-", "1234", ""},
		{"100:-", "100", ""},
		{"kr 1.234", "1234", ""},
		{"kr. 1.234,50", "1234.5", ""},
		{"1.234 kr.", "1234", ""},
		{"1.234,50 kr", "1234.5", ""},
		{"DKK 100", "100", "DKK"},
		{"100 DKK", "100", "DKK"},
		{"100 SEK", "100", "SEK"},
		{"100 NOK", "100", "NOK"},
		{"NOK 1 299,00", "1299", "NOK"},
		{"₽ 100", "100", "RUB"},
		{"100 руб.", "100", "RUB"},
		{"1 500 р.", "1500", "RUB"},
		{"100 ₽", "100", "RUB"},
		{"€12", "12", "EUR"},
		{"12 €", "12", "EUR"},
		{"12,50 EUR", "12.5", "EUR"},
		{"$ 5", "5", "USD"},
		{"$5.99", "5.99", "USD"},
		{"£1,000", "1000", "GBP"},
		{"-€12", "-12", "EUR"},
		{"kr -12,50", "-12.5", ""},
		{"(kr 1.234,00)", "-1234", ""},
		{"1.234", "1234", ""},
		{"1,234", "1234", ""},
		{"0,500", "0.5", ""},
		{"0.123", "0.123", ""},
		{"1234.567", "1234.567", ""},
		{"12.345.678", "12345678", ""},
		{"1,234,567.89", "1234567.89", ""},
		{"1.234.567,89", "1234567.89", ""},
		{"1'234.50", "1234.5", ""},
		{"1 234 567", "1234567", ""},
		{",5", "0.5", ""},
		{".5", "0.5", ""},
		{"5.", "5", ""},
		{"007", "7", ""},
		{"0", "0", ""},
		{"-0,00", "0", ""},
		{"+5", "5", ""},
		{"1.5", "1.5", ""},
		{"12,3456", "12.3456", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, cur, err := ParseDecimal(valText(tt.in))
			if err != nil || got != tt.want || cur != tt.cur {
				t.Fatalf("got %q %q, %v; want %q %q", got, cur, err, tt.want, tt.cur)
			}
		})
	}
}

func TestParseDecimalRefuses(t *testing.T) {
	tests := []struct{ in, reason string }{
		{"12 %", "percent"},
		{"12%", "percent"},
		{"abc", "format"},
		{"12 34", "format"},
		{"1.23.4", "format"},
		{"1,2,3", "format"},
		{"1.234.56", "format"},
		{"1.234,56,78", "format"},
		{"1..234", "format"},
		{"--5", "format"},
		{"- -5", "format"},
		{"12,50,-", "format"},
		{"kr 12 kr", "format"},
		{"12 CHF", "currency"},
		{"ca. 100", "format"},
		{"1e5", "format"},
		{"12-", "format"},
		{"-", "format"},
		{"kr", "format"},
		{"(", "format"},
		{"()", "format"},
		{"1234567890123456789", "range"},
		{"12.03.2024", "format"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, _, err := ParseDecimal(valText(tt.in))
			if got != "" {
				t.Fatalf("got %q", got)
			}
			valReason(t, err, tt.reason)
		})
	}
}

func TestParseDecimalNumberCells(t *testing.T) {
	tests := []struct {
		c        sheet.Cell
		want     string
		cur      string
		wantFail bool
	}{
		// A number cell's value is used as it is: 1.234 is one and a bit.
		{c: valNumber("1.234", "1,234"), want: "1.234"},
		{c: valNumber("1234.5", "1.234,50 kr."), want: "1234.5"},
		{c: valNumber("1234.5", "DKK 1.234,50"), want: "1234.5", cur: "DKK"},
		{c: valNumber("-3", "(3,00)"), want: "-3"},
		{c: valNumber("1E+21", "1E+21"), wantFail: true},
		{c: valNumber("1.5E-10", "0"), want: "0.00000000015"},
		{c: valNumber("0.12", "12 %"), wantFail: true},
		{c: sheet.Cell{Text: "2024-03-12", Raw: "45363", Kind: sheet.KindDate}, wantFail: true},
		{c: sheet.Cell{Text: "#DIV/0!", Raw: "#DIV/0!", Kind: sheet.KindError}, wantFail: true},
		{c: sheet.Cell{Text: "TRUE", Raw: "true", Kind: sheet.KindBool}, wantFail: true},
	}
	for _, tt := range tests {
		got, cur, err := ParseDecimal(tt.c)
		if tt.wantFail {
			if err == nil {
				t.Fatalf("%+v: got %q", tt.c, got)
			}
			valReason(t, err, "")
			continue
		}
		if err != nil || got != tt.want || cur != tt.cur {
			t.Fatalf("%+v: got %q %q, %v; want %q %q", tt.c, got, cur, err, tt.want, tt.cur)
		}
	}
}

func TestParseMoney(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		cur  string
	}{
		{"1.234,50", 123450, ""},
		{"1 234,50 kr", 123450, ""},
		{"0,005", 1, ""},
		{"0,004", 0, ""},
		{"-0,005", -1, ""},
		{"0,675", 68, ""},
		{"-0,675", -68, ""},
		{"2,675", 267500, ""}, // three digits after one separator: thousands
		{"2,6750", 268, ""},
		{"12,-", 1200, ""},
		{"(12.00)", -1200, ""},
		{"DKK 100", 10000, "DKK"},
		{"100 руб.", 10000, "RUB"},
		{"99.999.999.999,99", 9999999999999, ""},
		{"100.000.000.000", 1e13, ""},
		{"", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, cur, err := ParseMoney(valText(tt.in))
			if err != nil || got != tt.want || cur != tt.cur {
				t.Fatalf("got %d %q, %v; want %d %q", got, cur, err, tt.want, tt.cur)
			}
		})
	}
	for _, in := range []string{"100.000.000.000,01", "100.000.000.001", "999999999999999", "-100.000.000.001"} {
		_, _, err := ParseMoney(valText(in))
		valReason(t, err, "range")
	}
	if m, _, err := ParseMoney(valNumber("1234.565", "1234,57")); err != nil || m != 123457 {
		t.Fatalf("number cell: %d %v", m, err)
	}
	if _, _, err := ParseMoney(valText("15 %")); err == nil {
		t.Fatal("a percentage is no amount")
	}
}

func TestParseInt(t *testing.T) {
	tests := []struct {
		in   string
		want int64
	}{
		{"3", 3}, {"3,0", 3}, {"3.00", 3}, {"1 000", 1000}, {"1.000", 1000}, {"1,000", 1000}, {"-2", -2},
		{"3 stk.", 3}, {"3 stk", 3}, {"2 шт.", 2}, {"5 pcs", 5}, {"", 0}, {"0", 0},
	}
	for _, tt := range tests {
		got, err := ParseInt(valText(tt.in))
		if err != nil || got != tt.want {
			t.Fatalf("%q: got %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
	if got, err := ParseInt(valNumber("7", "7")); err != nil || got != 7 {
		t.Fatalf("number cell: %d %v", got, err)
	}
	for _, tt := range []struct{ in, reason string }{
		{"3,5", "fraction"}, {"1,5", "fraction"}, {"0,25", "fraction"}, {"tre", "format"}, {"kr 3", "format"},
		{"3 DKK", "format"}, {"12 %", "percent"}, {"9999999999999999", "range"},
	} {
		_, err := ParseInt(valText(tt.in))
		valReason(t, err, tt.reason)
	}
	_, err := ParseInt(valNumber("2.5", "2,5"))
	valReason(t, err, "fraction")
}

func TestParseGender(t *testing.T) {
	tests := map[string]marketing.Gender{
		"": marketing.GenderUnknown, " ": marketing.GenderUnknown, "-": marketing.GenderUnknown, "Ukendt": marketing.GenderUnknown,
		"K": marketing.GenderFemale, "k": marketing.GenderFemale, "Kvinde": marketing.GenderFemale, "kvinna": marketing.GenderFemale,
		"Kvinne": marketing.GenderFemale, "F": marketing.GenderFemale, "Female": marketing.GenderFemale, "WOMAN": marketing.GenderFemale,
		"Fru": marketing.GenderFemale, "Frk.": marketing.GenderFemale, "Mrs.": marketing.GenderFemale, "Ms": marketing.GenderFemale,
		"Miss": marketing.GenderFemale, "Ж": marketing.GenderFemale, "ж.": marketing.GenderFemale, "Жен.": marketing.GenderFemale,
		"женский": marketing.GenderFemale, "Женщина": marketing.GenderFemale, "г-жа": marketing.GenderFemale,
		"M": marketing.GenderMale, "m.": marketing.GenderMale, "Mand": marketing.GenderMale, "Man": marketing.GenderMale,
		"Mann": marketing.GenderMale, "Male": marketing.GenderMale, "Hr.": marketing.GenderMale, "Herr": marketing.GenderMale,
		"Mr": marketing.GenderMale, "Mr.": marketing.GenderMale, "М": marketing.GenderMale, "Муж.": marketing.GenderMale,
		"мужской": marketing.GenderMale, "Мужчина": marketing.GenderMale, "г-н": marketing.GenderMale, " m ": marketing.GenderMale,
		"Other": marketing.GenderOther, "Anden": marketing.GenderOther, "Annan": marketing.GenderOther, "Annet": marketing.GenderOther,
		"Другой": marketing.GenderOther, "ikke-binær": marketing.GenderOther,
	}
	for in, want := range tests {
		got, err := ParseGender(in)
		if err != nil || got != want {
			t.Fatalf("%q: got %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"Frau", "yes", "1", "Mx", "Kat", "ZZ"} {
		g, err := ParseGender(in)
		if g != marketing.GenderUnknown {
			t.Fatalf("%q: got %q", in, g)
		}
		valReason(t, err, "unknown")
	}
}

func TestParseYesNo(t *testing.T) {
	yes := []string{"Ja", "JA", "ja.", "Yes", "y", "Y", "Да", "да", "Д", "J", "1", "x", "X", "✓", "✔", "☑", "true", "TRUE", "Sand",
		"SANDT", "sant", "SANT", "sann", "OK", "ok", "ИСТИНА", "+", "1.0"}
	no := []string{"Nej", "nej", "Nei", "No", "N", "n", "Нет", "нет", "Н", "0", "false", "FALSE", "falsk", "FALSK", "FALSKT", "usann",
		"ЛОЖЬ", "-", "–", "☐"}
	for _, in := range yes {
		v, given, err := ParseYesNo(in)
		if err != nil || !v || !given {
			t.Fatalf("%q: got %v %v %v", in, v, given, err)
		}
	}
	for _, in := range no {
		v, given, err := ParseYesNo(in)
		if err != nil || v || !given {
			t.Fatalf("%q: got %v %v %v", in, v, given, err)
		}
	}
	if v, given, err := ParseYesNo("  "); v || given || err != nil {
		t.Fatalf("empty: %v %v %v", v, given, err)
	}
	for _, in := range []string{"maybe", "måske", "2", "jaja", ".", "возможно"} {
		v, given, err := ParseYesNo(in)
		if v || given {
			t.Fatalf("%q: got %v %v", in, v, given)
		}
		valReason(t, err, "unknown")
	}
}

func TestParseCountry(t *testing.T) {
	tests := map[string]string{
		"": "", "DK": "DK", "dk": "DK", " se ": "SE", "NO": "NO", "no": "NO", "RU": "RU", "FI": "FI", "DE": "DE", "US": "US",
		"CA": "CA", "AU": "AU", "CN": "CN", "JP": "JP", "EE": "EE", "IS": "IS", "FO": "FO", "GL": "GL", "EL": "GR", "PL": "PL",
		"Danmark": "DK", "Denmark": "DK", "DANMARK": "DK", "Dänemark": "DK", "Дания": "DK", "DNK": "DK",
		"Sverige": "SE", "Sweden": "SE", "Швеция": "SE",
		"Norge": "NO", "Norway": "NO", "Noreg": "NO", "Норвегия": "NO",
		"Россия": "RU", "Russia": "RU", "Rusland": "RU", "Ryssland": "RU", "Russland": "RU", "РФ": "RU", "Российская Федерация": "RU",
		"Finland": "FI", "Suomi": "FI", "Финляндия": "FI",
		"Tyskland": "DE", "Germany": "DE", "Deutschland": "DE", "Германия": "DE",
		"Island": "IS", "Ísland": "IS", "Iceland": "IS", "Færøerne": "FO", "Grønland": "GL", "Greenland": "GL",
		"Estonia": "EE", "Estland": "EE", "Eesti": "EE", "Latvia": "LV", "Litauen": "LT",
		"UK": "GB", "U.K.": "GB", "United Kingdom": "GB", "Storbritannien": "GB", "England": "GB", "Великобритания": "GB",
		"USA": "US", "U.S.A.": "US", "United States": "US", "США": "US",
		"Holland": "NL", "Nederland": "NL", "Frankrig": "FR", "Spanien": "ES", "Østrig": "AT", "Schweiz": "CH", "Polen": "PL",
		"Украина": "UA", "Беларусь": "BY", "Kazakhstan": "KZ", "Kina": "CN", "Japan": "JP", "Canada": "CA", "Australien": "AU",
		"russia": "RU", "  Sverige  ": "SE",
	}
	for in, want := range tests {
		got, err := ParseCountry(in)
		if err != nil || got != want {
			t.Fatalf("%q: got %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"XX", "QQ", "Atlantis", "Danmar", "D", "1", "København"} {
		got, err := ParseCountry(in)
		if got != "" {
			t.Fatalf("%q: got %q", in, got)
		}
		valReason(t, err, "unknown")
	}
}

func TestParseLanguage(t *testing.T) {
	tests := map[string]string{
		"": "", "da": "da", "DA": "da", "dansk": "da", "Danish": "da", "датский": "da", "da-DK": "da", "da_DK": "da", "dk": "da",
		"sv": "sv", "svenska": "sv", "Swedish": "sv", "шведский": "sv", "sv-SE": "sv",
		"nb": "nb", "no": "nb", "nn": "nb", "norsk": "nb", "Bokmål": "nb", "nynorsk": "nb", "Norwegian": "nb", "nb-NO": "nb",
		"en": "en", "English": "en", "engelsk": "en", "английский": "en", "en-GB": "en", "en_US": "en",
		"ru": "ru", "русский": "ru", "Russian": "ru", "russisk": "ru", "ru-RU": "ru", "Русский язык": "ru",
	}
	for in, want := range tests {
		got, err := ParseLanguage(in)
		if err != nil || got != want {
			t.Fatalf("%q: got %q, %v; want %q", in, got, err, want)
		}
		if got != "" && !valContains(marketing.Languages, got) {
			t.Fatalf("%q: %q is no DirectDesk language", in, got)
		}
	}
	for _, in := range []string{"de", "Deutsch", "fi", "suomi", "klingon", "xx-YY"} {
		got, err := ParseLanguage(in)
		if got != "" {
			t.Fatalf("%q: got %q", in, got)
		}
		valReason(t, err, "unknown")
	}
}

func valContains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

package merge

import (
	"math"
	"testing"
	"time"
)

func TestDatesAreWrittenAsEachLanguageWritesThem(t *testing.T) {
	d := time.Date(2026, 12, 2, 23, 30, 0, 0, time.UTC)
	for _, tc := range []struct {
		lang string
		d    time.Time
		want string
	}{
		{"da", d, "2. december 2026"},
		{"sv", d, "2 december 2026"},
		{"nb", d, "2. desember 2026"},
		{"en", d, "2 December 2026"},
		{"ru", d, "2 декабря 2026\u00a0г."},
		{"ru", time.Date(2026, 3, 8, 0, 0, 0, 0, time.UTC), "8 марта 2026\u00a0г."},
		{"da", time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC), "1. maj 2026"},
		{"nb", time.Date(2026, 5, 17, 0, 0, 0, 0, time.UTC), "17. mai 2026"},
		{"sv", time.Date(2026, 8, 1, 0, 0, 0, 0, time.UTC), "1 augusti 2026"},
		{"xx", d, "2 December 2026"},
		{"da", d.In(time.FixedZone("CET", 3600)), "3. december 2026"}, // the date where the time is
		{"da", time.Time{}, ""},
	} {
		if got := FormatDate(tc.lang, tc.d); got != tc.want {
			t.Errorf("FormatDate(%s, %v) = %q, want %q", tc.lang, tc.d, got, tc.want)
		}
	}
}

func TestMoneyIsWrittenAsEachLanguageWritesIt(t *testing.T) {
	for _, tc := range []struct {
		lang     string
		minor    int64
		currency string
		want     string
	}{
		{"da", 123450, "DKK", "1.234,50 kr."},
		{"sv", 123450, "SEK", "1 234,50 kr"},
		{"nb", 123450, "NOK", "kr 1 234,50"},
		{"ru", 123450, "RUB", "1 234,50 ₽"},
		{"en", 123450, "DKK", "DKK 1,234.50"},
		{"da", 123450, "EUR", "1.234,50 EUR"},
		{"sv", 123450, "DKK", "1 234,50 DKK"},
		{"nb", 123450, "EUR", "EUR 1 234,50"},
		{"ru", 123450, "USD", "1 234,50 USD"},
		{"en", 123450, "GBP", "GBP 1,234.50"},
		{"da", 5, "dkk", "0,05 kr."},
		{"da", 0, "DKK", "0,00 kr."},
		{"da", 99, "DKK", "0,99 kr."},
		{"da", 100000, "DKK", "1.000,00 kr."},
		{"da", 99999, "DKK", "999,99 kr."},
		{"en", 123456789012, "USD", "USD 1,234,567,890.12"},
		{"da", -123450, "DKK", "-1.234,50 kr."},
		{"nb", -50, "NOK", "-kr 0,50"},
		{"sv", 123450, "ISK", "123 450 ISK"},
		{"en", 1234567, "KWD", "KWD 1,234.567"},
		{"da", 123450, "", "1.234,50"},
		{"en", math.MinInt64, "USD", "-USD 92,233,720,368,547,758.08"},
		{"xx", 100, "DKK", "DKK 1.00"},
	} {
		// Written with plain spaces for readability; every space is NBSP.
		want := []rune(tc.want)
		for i, r := range want {
			if r == ' ' {
				want[i] = '\u00a0'
			}
		}
		if got := FormatMoney(tc.lang, tc.minor, tc.currency); got != string(want) {
			t.Errorf("FormatMoney(%s, %d, %s) = %q, want %q", tc.lang, tc.minor, tc.currency, got, string(want))
		}
	}
}

func TestMoneyInConditionsIsANumberOfMajorUnits(t *testing.T) {
	for _, tc := range []struct {
		minor    int64
		currency string
		want     string
	}{
		{123450, "DKK", "1234.50"}, {5, "DKK", "0.05"}, {-5, "DKK", "-0.05"}, {0, "", "0.00"}, {1234, "ISK", "1234"}, {1234, "KWD", "1.234"},
	} {
		if got := majorUnits(tc.minor, tc.currency); got != tc.want {
			t.Errorf("majorUnits(%d, %s) = %q, want %q", tc.minor, tc.currency, got, tc.want)
		}
	}
}

func TestCountriesAreNamedInTheRecipientsLanguage(t *testing.T) {
	for _, tc := range []struct {
		lang, code, want string
	}{
		{"da", "SE", "Sverige"}, {"sv", "DK", "Danmark"}, {"nb", "RU", "Russland"}, {"ru", "NO", "Норвегия"},
		{"en", "FI", "Finland"}, {"da", "DE", "Tyskland"}, {"ru", "GB", "Великобритания"}, {"sv", "US", "USA"},
		{"en", "BR", "BR"}, {"da", "", ""},
	} {
		if got := countryName(langOf(tc.lang), tc.code); got != tc.want {
			t.Errorf("countryName(%s, %s) = %q, want %q", tc.lang, tc.code, got, tc.want)
		}
	}
	for _, code := range []string{"DK", "SE", "NO", "RU", "FI", "DE", "GB", "US"} {
		for l := range langCount {
			if countryName(l, code) == code {
				t.Errorf("%s has no name in %s", code, l.code())
			}
		}
	}
}

func TestLanguageCodesAreReadLeniently(t *testing.T) {
	for in, want := range map[string]lang{"da": langDA, "DA": langDA, "da-DK": langDA, "sv_SE": langSV, "no": langNB, "nn": langNB, "nb": langNB, "ru": langRU, "en-GB": langEN} {
		if got, ok := parseLang(in); !ok || got != want {
			t.Errorf("parseLang(%q) = %v, %v", in, got, ok)
		}
	}
	for _, in := range []string{"", "de", "d", "-da"} {
		if _, ok := parseLang(in); ok {
			t.Errorf("parseLang(%q) accepted", in)
		}
	}
}

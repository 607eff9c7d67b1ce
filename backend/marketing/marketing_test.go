package marketing_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"directdesk/backend/marketing"
)

var today = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

func TestNormalizePostcode(t *testing.T) {
	tests := []struct {
		country, in, want string
		ok                bool
	}{
		{"DK", "2100", "2100", true},
		{"DK", "DK-2100", "2100", true},
		{"DK", " 8000 ", "8000", true},
		{"DK", "0800", "", false}, // Danish postcodes never start with 0
		{"DK", "210", "", false},
		{"DK", "21000", "", false},
		{"SE", "11455", "114 55", true},
		{"SE", "114 55", "114 55", true},
		{"SE", "S-114 55", "114 55", true},
		{"SE", "1145", "", false},
		{"NO", "0150", "0150", true},
		{"NO", "150", "0150", true}, // Excel dropped the leading zero
		{"NO", "5003", "5003", true},
		{"NO", "ABCD", "", false},
		{"RU", "101000", "101000", true},
		{"RU", "10100", "", false},
		{"DE", "10115", "10115", true},
		{"", "", "", true},
		{"GB", "SW1A 1AA", "SW1A 1AA", true},
	}
	for _, tt := range tests {
		t.Run(tt.country+"/"+tt.in, func(t *testing.T) {
			got, err := marketing.NormalizePostcode(tt.country, tt.in)
			if tt.ok != (err == nil) {
				t.Fatalf("err %v, want ok=%v", err, tt.ok)
			}
			if err != nil {
				e := marketing.AsError(err)
				if e.Field != "postcode" || e.Details["example"] == "" {
					t.Fatalf("error lacks field or example: %+v", e)
				}
			}
			if got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestValidateContact(t *testing.T) {
	tests := []struct {
		name  string
		c     marketing.Contact
		field string // "" = valid
	}{
		{"a name is enough", marketing.Contact{FirstName: "Anna"}, ""},
		{"a company is enough", marketing.Contact{Company: "Bageriet ApS"}, ""},
		{"no name at all", marketing.Contact{Email: "a@example.com"}, "lastName"},
		{"birth date in the future", marketing.Contact{LastName: "A", BirthDate: "2030-01-01"}, "birthDate"},
		{"birth date today is fine", marketing.Contact{LastName: "A", BirthDate: "2026-11-23"}, ""},
		{"birth date not a date", marketing.Contact{LastName: "A", BirthDate: "23.11.1980"}, "birthDate"},
		{"birth date 130 years ago", marketing.Contact{LastName: "A", BirthDate: "1896-01-01"}, "birthDate"},
		{"bad Danish postcode", marketing.Contact{LastName: "A", Country: "DK", Postcode: "123"}, "postcode"},
		{"line break in a name", marketing.Contact{LastName: "A\r\nBcc: x"}, "lastName"},
		{"unknown gender", marketing.Contact{LastName: "A", Gender: "x"}, "gender"},
		{"unknown kind", marketing.Contact{LastName: "A", Kind: "friend"}, "kind"},
		{"bad country", marketing.Contact{LastName: "A", Country: "Denmark"}, "country"},
		{"bad language", marketing.Contact{LastName: "A", Language: "de"}, "language"},
		{"tag too long", marketing.Contact{LastName: "A", Tags: []string{string(make([]rune, 61))}}, "tags"},
		{"customer since in the future", marketing.Contact{LastName: "A", CustomerSince: "2027-01-01"}, "customerSince"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := marketing.ValidateContact(&tt.c, today)
			if tt.field == "" {
				if err != nil {
					t.Fatalf("unexpected %v", err)
				}
				return
			}
			e := marketing.AsError(err)
			if e == nil || e.Code != marketing.EInvalid || e.Field != tt.field {
				t.Fatalf("got %+v, want invalid %s", e, tt.field)
			}
		})
	}
}

func TestValidateContactNormalises(t *testing.T) {
	c := marketing.Contact{FirstName: "  Anna ", LastName: "Hansen", Country: "dk", Postcode: "DK-2100",
		JobTitle: "  Direktør. ", Tags: []string{"VIP", " vip ", "", "Nyhedsbrev"}}
	if err := marketing.ValidateContact(&c, today); err != nil {
		t.Fatal(err)
	}
	if c.FirstName != "Anna" || c.Country != "DK" || c.Postcode != "2100" || c.JobTitleNorm != "direktør" ||
		c.Kind != marketing.KindCustomer || fmt.Sprint(c.Tags) != "[VIP Nyhedsbrev]" {
		t.Fatalf("got %+v", c)
	}
}

func TestAsErrorHidesInternalCauses(t *testing.T) {
	e := marketing.AsError(errors.New("sqlite: disk I/O error at page 7"))
	if e.Code != marketing.EInternal || e.Message == "" || e.Err == nil {
		t.Fatalf("got %+v", e)
	}
	if marketing.AsError(nil) != nil || marketing.ErrorCode(nil) != "" {
		t.Fatal("nil must stay nil")
	}
	wrapped := fmt.Errorf("saving: %w", marketing.FieldError(marketing.EConflict, "email", "dup", nil))
	if marketing.ErrorCode(wrapped) != marketing.EConflict {
		t.Fatal("wrapped coded errors keep their code")
	}
}

func TestDefaultSettingsFollowTheOSLanguage(t *testing.T) {
	for lang, want := range map[string]string{"da": "DK/DKK", "sv": "SE/SEK", "nb": "NO/NOK", "nn": "NO/NOK", "ru": "RU/RUB", "de": "DK/DKK", "": "DK/DKK"} {
		s := marketing.DefaultSettings(lang)
		if got := s.Country + "/" + s.Currency; got != want {
			t.Errorf("%q: got %s, want %s", lang, got, want)
		}
		if err := marketing.ValidateSettings(&s); err != nil {
			t.Errorf("%q: defaults invalid: %v", lang, err)
		}
	}
}

func TestContactQueryNormalize(t *testing.T) {
	q := marketing.ContactQuery{Limit: 100000, Offset: -5, Search: "  hansen "}
	if err := q.Normalize(); err != nil || q.Limit != marketing.MaxPageSize || q.Offset != 0 || q.Sort != "name" || q.Search != "hansen" {
		t.Fatalf("got %+v %v", q, err)
	}
}

func TestPhoneSearchForms(t *testing.T) {
	for in, want := range map[string]string{
		"+4520123456":  "[4520123456 20123456]",
		"+46701234567": "[46701234567 701234567 0701234567]",
		"+79161234567": "[79161234567 9161234567 89161234567]",
		"+35850123456": "[35850123456 50123456 050123456]",
		"":             "[]",
		"20123456":     "[]",
	} {
		if got := fmt.Sprint(marketing.PhoneSearchForms(in)); got != want {
			t.Errorf("%q: got %s, want %s", in, got, want)
		}
	}
}

func TestTodayIsNotTheFutureEastOfGreenwich(t *testing.T) {
	// 08:00 on 23 November in UTC+10 is still 22 November in UTC.
	today := time.Date(2026, 11, 23, 8, 0, 0, 0, time.FixedZone("UTC+10", 10*3600))
	c := marketing.Contact{LastName: "A", BirthDate: "2026-11-23", CustomerSince: "2026-11-23"}
	if err := marketing.ValidateContact(&c, today); err != nil {
		t.Fatalf("today refused: %v", err)
	}
	c.BirthDate = "2026-11-24"
	if err := marketing.ValidateContact(&c, today); marketing.AsError(err).Field != "birthDate" {
		t.Fatalf("tomorrow accepted: %v", err)
	}
}

func TestInvisibleCharactersAreRefused(t *testing.T) {
	for _, s := range []string{"an\u200bna", "an\u202ena", "a\u2028b", "12\x0034", "1\r\n2"} {
		if !marketing.HasControlChars(s) {
			t.Errorf("%q passed", s)
		}
		c := marketing.Contact{LastName: "A", Postcode: s, Country: "DE"}
		if err := marketing.ValidateContact(&c, today); marketing.AsError(err).Field != "postcode" {
			t.Errorf("postcode %q: %v", s, err)
		}
	}
	if marketing.HasControlChars("Ødegård\tAS") {
		t.Error("ordinary text refused")
	}
}

package contacts_test

import (
	"testing"
	"time"

	"directdesk/backend/contacts"
	"directdesk/backend/marketing"
)

func TestNormalizeEmail(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"  anna@example.com ", "anna@example.com", true},
		{"Anna.Hansen@Example.DK", "Anna.Hansen@example.dk", true},
		{"mailto:bo@example.se", "bo@example.se", true},
		{"kunde@blomster-ø.dk", "kunde@blomster-ø.dk", true},
		{"kunde@xn--blomster--t8a.dk", "kunde@blomster-ø.dk", true},
		{"иван@пример.рф", "иван@пример.рф", true},
		{"", "", true},
		{"anna@", "", false},
		{"anna", "", false},
		{"anna@example", "", false},
		{"anna@@example.com", "", false},
		{"anna hansen@example.com", "", false},
		{"anna@example..com", "", false},
		{".anna@example.com", "", false},
		{"anna@example.com\r\nBcc: x@example.com", "", false},
		{"Anna <anna@example.com>", "", false},
		{"anna@exa_mple.com", "", false},
		{"anna@example.c", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := contacts.NormalizeEmail(tt.in)
			if tt.ok != (err == nil) {
				t.Fatalf("err = %v, want ok=%v", err, tt.ok)
			}
			if err != nil {
				if e := marketing.AsError(err); e.Code != marketing.EInvalid || e.Field != "email" {
					t.Fatalf("error %+v is not an invalid-email error", e)
				}
				return
			}
			if got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNormalizePhone(t *testing.T) {
	tests := []struct {
		in, country, want string
		ok                bool
	}{
		{"20 12 34 56", "DK", "+4520123456", true},
		{"+45 20 12 34 56", "SE", "+4520123456", true},
		{"0046 70-123 45 67", "DK", "+46701234567", true},
		{"070-123 45 67", "SE", "+46701234567", true},
		{"412 34 567", "NO", "+4741234567", true},
		{"8 (916) 123-45-67", "RU", "+79161234567", true},
		{"+7 916 123 45 67", "DK", "+79161234567", true},
		{"", "DK", "", true},
		{"123", "DK", "", false},
		{"call me", "DK", "", false},
		{"20 12 34 56 78 90 12", "DK", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in+"/"+tt.country, func(t *testing.T) {
			got, err := contacts.NormalizePhone("mobile", tt.in, tt.country)
			if tt.ok != (err == nil) {
				t.Fatalf("err = %v, want ok=%v", err, tt.ok)
			}
			if got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func FuzzNormalizeEmail(f *testing.F) {
	for _, s := range []string{"anna@example.com", "иван@пример.рф", "a@b", "@", "x@xn--", "a@-b.com"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := contacts.NormalizeEmail(s)
		if err != nil {
			return
		}
		if marketing.HasControlChars(got) {
			t.Fatalf("accepted control characters: %q", got)
		}
		again, err := contacts.NormalizeEmail(got)
		if err != nil || again != got {
			t.Fatalf("not idempotent: %q -> %q (%v)", got, again, err)
		}
	})
}

func TestAnAddressWithoutCountryGetsTheShopsCountry(t *testing.T) {
	s := &contacts.Service{DefaultCountry: func() string { return "DK" }, Now: time.Now}
	c := marketing.Contact{LastName: "A", Postcode: "123", City: "Aarhus"}
	if err := s.Normalize(&c); marketing.AsError(err).Field != "postcode" {
		t.Fatalf("a three-digit postcode in a Danish shop: %v", err)
	}
	c = marketing.Contact{LastName: "A", Postcode: "8000", City: "Aarhus"}
	if err := s.Normalize(&c); err != nil || c.Country != "DK" {
		t.Fatalf("got %q, %v", c.Country, err)
	}
	c = marketing.Contact{LastName: "A"}
	if err := s.Normalize(&c); err != nil || c.Country != "" {
		t.Fatalf("no address, no country: got %q, %v", c.Country, err)
	}
}

func TestAnExtensionIsNotDroppedSilently(t *testing.T) {
	_, err := contacts.NormalizePhone("phone", "+45 20 12 34 56 ext. 5", "DK")
	if e := marketing.AsError(err); e == nil || e.Field != "phone" || e.Details["reason"] != "extension" {
		t.Fatalf("got %+v", e)
	}
}

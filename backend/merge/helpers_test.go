package merge

import (
	"errors"
	"strings"
	"testing"
	"time"

	"directdesk/backend/marketing"
)

var testToday = time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)

// annaEnv is a Danish customer with every field filled.
func annaEnv() *Env {
	return &Env{
		Lang:    "da",
		Today:   testToday,
		Contact: annaContact(),
		Business: marketing.BusinessProfile{
			Name: "Cykelsmeden ApS", Street: "Nørregade 12", Postcode: "5000", City: "Odense C",
			Country: "DK", RegNo: "12345678", Email: "butik@cykelsmeden.dk", Phone: "+4566112233", Website: "cykelsmeden.dk",
		},
		Campaign:     "Julekatalog 2026",
		ResponseCode: "JUL-7F3K",
		Currency:     "DKK",
		InSegment:    func(name string) bool { return name == "Stamkunder" },
		Extra:        map[string]string{"orders_count": "7", "last_order_date": "2026-11-03", "total_spent": "123450"},
	}
}

func annaContact() *marketing.Contact {
	return &marketing.Contact{
		ID: 1, CustomerNo: "K-1001", Kind: marketing.KindCustomer,
		FirstName: "Anna", MiddleName: "Marie", LastName: "Jensen", Company: "Jensen & Co",
		JobTitle: "Indehaver", Gender: marketing.GenderFemale, BirthDate: "1961-12-03",
		Email: "anna@example.dk", Phone: "+4533123456", Mobile: "+4520123456",
		Street1: "Vestergade 4", Street2: "2. tv.", Postcode: "8000", City: "Aarhus C", Region: "Region Midtjylland",
		Country: "DK", Language: "da", CustomerSince: "2019-04-01",
		Custom: map[string]string{"Skostørrelse": "38", "Favourite shop": "Odense", "Kundetype": "Guld"},
	}
}

func mustParse(t testing.TB, src string) *Template {
	t.Helper()
	tpl, err := Parse(src)
	if err != nil {
		t.Fatalf("Parse(%q): %v", src, err)
	}
	return tpl
}

func render(t testing.TB, src string, env *Env, esc func(string) string) string {
	t.Helper()
	var b strings.Builder
	mustParse(t, src).Render(&b, env, esc)
	return b.String()
}

// asMarketingError fails the test unless err is a *marketing.Error of this
// package's shape.
func asMarketingError(t *testing.T, err error) *marketing.Error {
	t.Helper()
	var e *marketing.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not a *marketing.Error", err, err)
	}
	if e.Code != marketing.EInvalid || e.Field != "body" || e.Details["reason"] == "" || e.Details["line"] == "" || e.Message == "" {
		t.Fatalf("error is not shaped as documented: %+v", e)
	}
	return e
}

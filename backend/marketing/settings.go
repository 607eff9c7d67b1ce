package marketing

import "strings"

// BusinessProfile is the sender that letters and emails are signed with.
type BusinessProfile struct {
	Name     string `json:"name"`
	Street   string `json:"street"`
	Postcode string `json:"postcode"`
	City     string `json:"city"`
	Country  string `json:"country"`
	RegNo    string `json:"regNo"` // CVR, org.nr., org.nr., ИНН/ОГРН
	Email    string `json:"email"`
	Phone    string `json:"phone"`
	Website  string `json:"website"`
	HasLogo  bool   `json:"hasLogo"`
}

// Settings are the workspace's preferences. Setup is true once the first-run
// screen has been completed (or skipped), so it is not offered again.
type Settings struct {
	Language string          `json:"language"` // UI language
	Country  string          `json:"country"`  // default country for phones and postcodes
	Currency string          `json:"currency"` // ISO 4217
	Theme    string          `json:"theme"`    // system, light, dark
	Business BusinessProfile `json:"business"`
	Setup    bool            `json:"setup"`
	// Columns shown in the contact list, in order.
	ContactColumns []string `json:"contactColumns"`
}

// Currencies offered in settings; the first per country is its default.
var Currencies = []string{"DKK", "SEK", "NOK", "RUB", "EUR", "USD", "GBP"}

// DefaultCurrency returns the usual currency of a country.
func DefaultCurrency(country string) string {
	switch country {
	case "DK":
		return "DKK"
	case "SE":
		return "SEK"
	case "NO":
		return "NOK"
	case "RU":
		return "RUB"
	}
	return "EUR"
}

// DefaultSettings are what a new workspace starts with, given the OS language.
func DefaultSettings(osLanguage string) Settings {
	lang := "en"
	country := "DK"
	switch strings.ToLower(osLanguage) {
	case "da":
		lang, country = "da", "DK"
	case "sv":
		lang, country = "sv", "SE"
	case "nb", "nn", "no":
		lang, country = "nb", "NO"
	case "ru":
		lang, country = "ru", "RU"
	}
	return Settings{
		Language: lang, Country: country, Currency: DefaultCurrency(country), Theme: "system",
		ContactColumns: []string{"name", "company", "email", "mobile", "city", "country", "tags"},
	}
}

// ValidateSettings checks settings before they are saved.
func ValidateSettings(s *Settings) error {
	if !contains(Languages, s.Language) {
		return FieldError(EInvalid, "language", "Choose a language from the list.", nil)
	}
	s.Country = strings.ToUpper(strings.TrimSpace(s.Country))
	if len(s.Country) != 2 {
		return FieldError(EInvalid, "country", "Choose a country from the list.", nil)
	}
	if !contains(Currencies, s.Currency) {
		return FieldError(EInvalid, "currency", "Choose a currency from the list.", nil)
	}
	switch s.Theme {
	case "", "system", "light", "dark":
	default:
		return FieldError(EInvalid, "theme", "Choose system, light or dark.", nil)
	}
	if s.Theme == "" {
		s.Theme = "system"
	}
	b := &s.Business
	for _, f := range []struct {
		name string
		v    *string
	}{{"business.name", &b.Name}, {"business.street", &b.Street}, {"business.city", &b.City},
		{"business.regNo", &b.RegNo}, {"business.email", &b.Email}, {"business.phone", &b.Phone}, {"business.website", &b.Website}} {
		*f.v = strings.TrimSpace(*f.v)
		if HasControlChars(*f.v) || len(*f.v) > 300 {
			return FieldError(EInvalid, f.name, "Type this on one line (at most 300 characters).", nil)
		}
	}
	b.Country = strings.ToUpper(strings.TrimSpace(b.Country))
	pc, err := NormalizePostcode(b.Country, b.Postcode)
	if err != nil {
		e := err.(*Error)
		e.Field = "business.postcode"
		return e
	}
	b.Postcode = pc
	for _, c := range s.ContactColumns {
		if !contains(ContactColumns, c) {
			return FieldError(EInvalid, "contactColumns", "Unknown column.", map[string]string{"value": c})
		}
	}
	return nil
}

// ContactColumns are the columns the contact list can show.
var ContactColumns = []string{"name", "customerNo", "kind", "company", "jobTitle", "gender", "birthDate", "email", "phone", "mobile", "street1", "postcode", "city", "region", "country", "language", "customerSince", "source", "tags", "createdAt", "updatedAt"}

// WorkspaceInfo is what the app shows about the open workspace.
type WorkspaceInfo struct {
	Dir      string          `json:"dir"`
	File     string          `json:"file"`
	Version  string          `json:"version"`
	Counts   WorkspaceCounts `json:"counts"`
	Settings Settings        `json:"settings"`
	// DemoContacts is how many demo contacts are in the workspace now.
	DemoContacts int `json:"demoContacts"`
	// Health is the result of the integrity check run at start:
	// "checking", "ok" or "damaged".
	Health string `json:"health"`
}

// Progress reports how far a long job has come; total may be 0 when unknown.
type Progress func(done, total int)

package marketing

import "strings"

// countryNames holds the names a letter's country line uses, per language.
// Only countries our users commonly write to; others print their ISO code.
var countryNames = map[string][5]string{ // en, da, sv, nb, ru
	"DK": {"Denmark", "Danmark", "Danmark", "Danmark", "Дания"},
	"SE": {"Sweden", "Sverige", "Sverige", "Sverige", "Швеция"},
	"NO": {"Norway", "Norge", "Norge", "Norge", "Норвегия"},
	"RU": {"Russia", "Rusland", "Ryssland", "Russland", "Россия"},
	"FI": {"Finland", "Finland", "Finland", "Finland", "Финляндия"},
	"IS": {"Iceland", "Island", "Island", "Island", "Исландия"},
	"FO": {"Faroe Islands", "Færøerne", "Färöarna", "Færøyene", "Фарерские острова"},
	"GL": {"Greenland", "Grønland", "Grönland", "Grønland", "Гренландия"},
	"DE": {"Germany", "Tyskland", "Tyskland", "Tyskland", "Германия"},
	"GB": {"United Kingdom", "Storbritannien", "Storbritannien", "Storbritannia", "Великобритания"},
	"US": {"United States", "USA", "USA", "USA", "США"},
	"NL": {"Netherlands", "Nederlandene", "Nederländerna", "Nederland", "Нидерланды"},
	"PL": {"Poland", "Polen", "Polen", "Polen", "Польша"},
	"FR": {"France", "Frankrig", "Frankrike", "Frankrike", "Франция"},
	"ES": {"Spain", "Spanien", "Spanien", "Spania", "Испания"},
	"IT": {"Italy", "Italien", "Italien", "Italia", "Италия"},
	"EE": {"Estonia", "Estland", "Estland", "Estland", "Эстония"},
	"LV": {"Latvia", "Letland", "Lettland", "Latvia", "Латвия"},
	"LT": {"Lithuania", "Litauen", "Litauen", "Litauen", "Литва"},
	"BY": {"Belarus", "Belarus", "Belarus", "Belarus", "Беларусь"},
	"UA": {"Ukraine", "Ukraine", "Ukraina", "Ukraina", "Украина"},
	"KZ": {"Kazakhstan", "Kasakhstan", "Kazakstan", "Kasakhstan", "Казахстан"},
}

// CountryName is the country's name in lang (en, da, sv, nb, ru), or the
// code itself when DirectDesk has no name for it.
func CountryName(lang, code string) string {
	code = strings.ToUpper(strings.TrimSpace(code))
	names, ok := countryNames[code]
	if !ok {
		return code
	}
	for i, l := range Languages {
		if l == lang {
			return names[i]
		}
	}
	return names[0]
}

// AddressLines formats a contact's postal address the way the post of the
// destination country expects, for a letter sent from fromCountry with the
// country line (for mail abroad) in lang. Empty parts leave no blank line.
//
//	DK/NO/SE and most of Europe: name, company, street lines, "postcode city"
//	Russia: name, company, street lines, city, region, postcode (the index last)
//	US: "City ST ZIP"; UK: post town and postcode on lines of their own
//	abroad: a last line with the country's name in capitals (UPU)
func AddressLines(c *Contact, fromCountry, lang string) []string {
	lines := make([]string, 0, 7)
	add := func(s string) {
		if s = strings.Join(strings.Fields(s), " "); s != "" {
			lines = append(lines, s)
		}
	}
	country := strings.ToUpper(strings.TrimSpace(c.Country))
	if country == "" {
		country = strings.ToUpper(fromCountry)
	}
	name := strings.TrimSpace(c.FirstName + " " + c.MiddleName + " " + c.LastName)
	if country == "RU" {
		// Russian order: surname first is usual on envelopes.
		name = strings.TrimSpace(c.LastName + " " + c.FirstName + " " + c.MiddleName)
	}
	add(name)
	if c.Company != "" && !strings.EqualFold(strings.TrimSpace(c.Company), strings.Join(strings.Fields(name), " ")) {
		add(c.Company)
	}
	add(c.Street1)
	add(c.Street2)
	postcode := strings.TrimSpace(c.Postcode)
	if p, err := NormalizePostcode(country, postcode); err == nil {
		postcode = p
	}
	switch country {
	case "RU":
		add(c.City)
		if !strings.EqualFold(strings.TrimSpace(c.Region), strings.TrimSpace(c.City)) {
			add(c.Region)
		}
		add(postcode)
	case "US":
		add(c.City + " " + c.Region + " " + postcode) // "Springfield IL 62704"
	case "GB":
		add(c.City) // the post town, then the postcode on its own line
		add(postcode)
	default:
		add(postcode + " " + c.City)
	}
	if country != strings.ToUpper(fromCountry) {
		add(strings.ToUpper(CountryName(lang, country)))
	}
	return lines
}

package importer

import (
	"regexp"
	"strings"
	"unicode"
)

// Address is an address split out of one or two cells. Postcode is as
// written; the engine normalises it for the country.
type Address struct{ Street1, Street2, Postcode, City, Region, Country string }

// postcodePrefixes are the letters written before a postcode to say the
// country ("DK-2100", "S-114 55", "N-0150"). One-letter ones need the hyphen.
var postcodePrefixes = map[string]string{
	"DK": "DK", "D": "DE", "DE": "DE", "S": "SE", "SE": "SE", "N": "NO", "NO": "NO", "RU": "RU",
	"FI": "FI", "SF": "FI", "FIN": "FI", "IS": "IS", "FO": "FO", "GL": "GL",
}

var (
	prefixRe = regexp.MustCompile(`^(?i:(DK|DE|SE|NO|RU|FI|FIN|IS|FO|GL)\s*-?\s*|(D|S|N|SF)\s*-\s*)(\d)`)
	// The postcode and city of one cell: "2100 København Ø", "114 55
	// Stockholm", "125009, Москва", "Москва 125009".
	leadPCRe  = regexp.MustCompile(`^(\d{3} \d{2}|\d{3,6})(?:\s*,\s*|\s+)(\pL[^\d]*)$`)
	trailPCRe = regexp.MustCompile(`^(\pL[^\d]*?)(?:\s*,\s*|\s+)(\d{3} \d{2}|\d{3,6})$`)
	onlyPCRe  = regexp.MustCompile(`^(\d{3} \d{2}|\d{3,6})$`)
	// Inside a whole address: a postcode of four to six digits (or Sweden's
	// "114 55") followed by a city, maybe after the street on the same line.
	addrPCRe      = regexp.MustCompile(`^(?:(.*\pL.*?)\s+)?(\d{3} \d{2}|\d{4,6})\s+(\pL[^\d]*)$`)
	addrPCNoRe    = regexp.MustCompile(`^(?:(.*\pL.*?)\s+)?(\d{3,4})\s+(\pL[^\d]*)$`)
	addrTrailPCRe = regexp.MustCompile(`^(\pL[^\d]*?)\s+(\d{3} \d{2}|\d{5,6})$`)
	addrOnlyPCRe  = regexp.MustCompile(`^(\d{3} \d{2}|\d{4,6})$`)
	// "г. Москва", "город Москва", "гор. Москва".
	cityMarkRe = regexp.MustCompile(`(?i)^(?:г\.\s*|г\s+|город\s+|гор\.\s*)(\pL.*)$`)
	usStateRe  = regexp.MustCompile(`^[A-Z]{2}$`)
)

// cutPostcodePrefix removes "DK-" and the like before a postcode and says
// which country it named.
func cutPostcodePrefix(s string) (rest, country string) {
	if g := prefixRe.FindStringSubmatchIndex(s); g != nil {
		code := ""
		if g[2] >= 0 {
			code = s[g[2]:g[3]]
		} else {
			code = s[g[4]:g[5]]
		}
		return s[g[6]:], postcodePrefixes[strings.ToUpper(code)]
	}
	return s, ""
}

// cityName drops the "г." (town) Russians write before a city.
func cityName(s string) string {
	s = strings.TrimSpace(s)
	if g := cityMarkRe.FindStringSubmatch(s); g != nil {
		return strings.TrimSpace(g[1])
	}
	return s
}

// SplitPostcodeCity splits a cell holding a postcode and a city ("2100
// København Ø", "DK-2100 København", "114 55 Stockholm", "Москва 125009").
// A country prefix (DK-, S-, N-, RU-, D-) is returned as an ISO code in
// foundCountry. With no postcode the whole text is the city.
func SplitPostcodeCity(s, country string) (postcode, city, foundCountry string) {
	s = strings.Trim(cleanSpaces(s), " ,;")
	if s == "" {
		return "", "", ""
	}
	rest, fc := cutPostcodePrefix(s)
	if g := leadPCRe.FindStringSubmatch(rest); g != nil {
		return g[1], cityName(g[2]), fc
	}
	if g := onlyPCRe.FindStringSubmatch(rest); g != nil {
		return g[1], "", fc
	}
	if g := trailPCRe.FindStringSubmatch(s); g != nil {
		return g[2], cityName(strings.TrimRight(g[1], " ,")), ""
	}
	return "", s, ""
}

// regionWords make a part of a Russian address its region ("Московская
// обл.", "Краснодарский край", "Респ. Татарстан").
var regionWords = map[string]bool{"обл.": true, "обл": true, "область": true, "край": true, "респ.": true, "респ": true, "республика": true, "ао": true, "округ": true}

func isRegionPart(p string) bool {
	for _, w := range strings.Fields(strings.ToLower(p)) {
		if regionWords[w] {
			return true
		}
	}
	return false
}

// streetMarks begin the street parts of a Russian address.
var streetMarks = []string{"ул.", "ул ", "улица", "пр.", "пр-т", "проспект", "пер.", "переулок", "ш.", "шоссе", "б-р", "бульвар",
	"наб.", "набережная", "пл.", "площадь", "д.", "дом", "кв.", "квартира", "корп.", "корпус", "стр.", "строение", "офис", "оф.", "мкр", "а/я"}

func isStreetPart(p string) bool {
	l := strings.ToLower(p)
	for _, m := range streetMarks {
		if strings.HasPrefix(l, m) {
			return true
		}
	}
	return false
}

func hasDigit(s string) bool { return strings.IndexFunc(s, unicode.IsDigit) >= 0 }

// countryPart reads a part of an address as a country: a name in any of the
// five languages, or an ISO code written in capitals.
func countryPart(p string) string {
	if hasDigit(p) {
		return ""
	}
	code, err := ParseCountry(p)
	if err != nil || code == "" {
		return ""
	}
	if k := countryKey(p); len([]rune(k)) <= 3 && strings.ToUpper(p) != p {
		return "" // "tv", "th": floor sides, not Tuvalu
	}
	return code
}

// SplitAddress splits a whole address written in one cell, with commas or
// line breaks between its parts: the street lines, postcode and city, a
// Russian region, and a country name at either end. ok is false when no
// postcode or city is found; Street1 then holds the whole address on one line.
func SplitAddress(s, country string) (Address, bool) {
	var parts []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' || r == ',' || r == ';' }) {
		if p = strings.Trim(cleanSpaces(p), " ,"); p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return Address{}, false
	}
	whole := strings.Join(parts, ", ")
	var a Address
	if len(parts) >= 2 {
		if c := countryPart(parts[len(parts)-1]); c != "" {
			a.Country, parts = c, parts[:len(parts)-1]
		} else if c := countryPart(parts[0]); c != "" {
			a.Country, parts = c, parts[1:]
		}
	}
	if country == "" {
		country = a.Country
	}
	used := make([]bool, len(parts))
	for i, p := range parts {
		if a.Region == "" && isRegionPart(p) && !hasDigit(p) {
			a.Region, used[i] = p, true
		}
	}
	// extra is street text on the same line as the postcode and city.
	extra, extraAt := "", -1
	pcAt := -1
	// The postcode and city together, searched from the end.
	for i := len(parts) - 1; i >= 0 && pcAt < 0; i-- {
		if used[i] {
			continue
		}
		rest, fc := cutPostcodePrefix(parts[i])
		re := addrPCRe
		if country == "NO" || fc == "NO" {
			re = addrPCNoRe
		}
		if g := re.FindStringSubmatch(rest); g != nil && (g[1] == "" || fc == "") {
			a.Postcode, a.City, pcAt = g[2], cityName(g[3]), i
			if fc != "" && a.Country == "" {
				a.Country = fc
			}
			extra, extraAt = g[1], i
		} else if g := addrTrailPCRe.FindStringSubmatch(parts[i]); g != nil && !isStreetPart(g[1]) {
			a.Postcode, a.City, pcAt = g[2], cityName(g[1]), i
			// "Mountain View, CA 94043": a US state, the city before it.
			if usStateRe.MatchString(g[1]) && i > 0 && !used[i-1] && !hasDigit(parts[i-1]) {
				a.Region, a.City = g[1], parts[i-1]
				used[i-1] = true
			}
		}
		if pcAt >= 0 {
			used[i] = true
		}
	}
	// A postcode on its own ("125009, г. Москва, ул. Тверская, д. 1") with
	// the city in a part of its own.
	if pcAt < 0 {
		for i := len(parts) - 1; i >= 0; i-- {
			if !used[i] && addrOnlyPCRe.MatchString(parts[i]) {
				a.Postcode, pcAt, used[i] = parts[i], i, true
				break
			}
		}
	}
	if a.City == "" {
		cityAt := -1
		for i, p := range parts {
			if !used[i] && cityMarkRe.MatchString(p) {
				cityAt = i
				break
			}
		}
		if cityAt < 0 && pcAt >= 0 {
			// The part next to the postcode, if it is no street.
			for _, i := range []int{pcAt + 1, pcAt - 1} {
				if i >= 0 && i < len(parts) && !used[i] && !hasDigit(parts[i]) && !isStreetPart(parts[i]) {
					cityAt = i
					break
				}
			}
		}
		if cityAt >= 0 {
			a.City, used[cityAt] = cityName(parts[cityAt]), true
		}
	}
	if a.Postcode == "" && a.City == "" {
		return Address{Street1: whole, Country: a.Country}, false
	}
	var streets []string
	for i, p := range parts {
		if i == extraAt && extra != "" {
			streets = append(streets, extra)
		}
		if !used[i] {
			streets = append(streets, p)
		}
	}
	if isCyrillicText(whole) || country == "RU" {
		// "ул. Тверская, д. 1, кв. 5" is one street line in Russian.
		a.Street1 = strings.Join(streets, ", ")
	} else if len(streets) > 0 {
		a.Street1, a.Street2 = streets[0], strings.Join(streets[1:], ", ")
	}
	return a, true
}

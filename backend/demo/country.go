package demo

import (
	"strconv"
	"strings"

	"directdesk/backend/marketing"
)

// country is one country's tables in the form the hot path wants: names with
// their ASCII email forms, weights ready for picking and job titles already
// normalised, so Contact does no string work beyond copying.
type country struct {
	code, lang, dial string
	nsnLen           int    // digits after the country code in a phone number
	capital          string // the "flagship store" city for custom fields

	female, male         nameList
	lastM, lastF         []string
	lastMLat, lastFLat   []string
	lastW                weights
	middles              []string // DK surname-like middle names
	patronymM, patronymF []string
	patronymW            weights

	places  []place
	placeW  weights
	streets []string
	mobile  []string

	bossJobs, bossJobsNorm []string
	jobs, jobsNorm         []string
	retired, retiredNorm   [2]string // [male, female]
	student, studentNorm   [2]string

	companies *nordicCompanies // nil for Russia
}

// nameList is a list of first names with their ASCII email forms.
type nameList struct{ names, latin []string }

const numCountries = 4

// countries is in pickCountry order: DK, SE, NO, RU.
var countries [numCountries]country

// commonTags are the demo tags' weights; their names per language are in
// tagNames (demo.go), followed by the "regular customer" tag.
var commonTags = []struct {
	name string
	w    int
}{
	{"Newsletter", 30}, {"VIP", 7}, {"Trade fair", 10}, {"Wholesale", 6},
	{"Christmas", 12}, {"Webshop", 12}, {"Summer sale", 8},
}

const localTagWeight = 10

func init() {
	countries[0] = build("DK", "da", "+45", 8, "København", foldDanish,
		dkFemale, dkMale, dkLast, nil, dkPlaces, dkStreets, dkMobile,
		dkBossJobs, dkJobs, dkRetired, dkStudent, &dkCompanies)
	countries[0].middles = dkMiddle
	countries[1] = build("SE", "sv", "+46", 9, "Stockholm", foldSwedish,
		seFemale, seMale, seLast, nil, sePlaces, seStreets, seMobile,
		seBossJobs, seJobs, seRetired, seStudent, &seCompanies)
	countries[2] = build("NO", "nb", "+47", 8, "Oslo", foldNorwegian,
		noFemale, noMale, noLast, nil, noPlaces, noStreets, noMobile,
		noBossJobs, noJobs, noRetired, noStudent, &noCompanies)
	countries[3] = build("RU", "ru", "+7", 10, "Москва", transliterate,
		ruFemale, ruMale, ruLast, ruPatronyms, ruPlaces, ruStreets, ruMobile,
		ruBossJobs, ruJobs, ruRetired, ruStudent, nil)
}

func build(code, lang, dial string, nsnLen int, capital string, latin func(string) string,
	female, male []string, last []surname, patronyms []patronym, places []place, streets, mobile []string,
	boss, jobs []string, retired, student [2]string, companies *nordicCompanies) country {
	c := country{code: code, lang: lang, dial: dial, nsnLen: nsnLen, capital: capital,
		places: places, streets: streets, mobile: mobile, companies: companies,
		bossJobs: boss, jobs: jobs, retired: retired, student: student}
	c.female = nameList{female, mapStrings(female, latin)}
	c.male = nameList{male, mapStrings(male, latin)}
	w := make([]int, len(last))
	for i, s := range last {
		c.lastM = append(c.lastM, s.m)
		f := s.f
		if f == "" {
			f = s.m
		}
		c.lastF = append(c.lastF, f)
		w[i] = s.w
	}
	c.lastW = newWeights(w)
	c.lastMLat = mapStrings(c.lastM, latin)
	c.lastFLat = mapStrings(c.lastF, latin)
	if len(patronyms) > 0 {
		pw := make([]int, len(patronyms))
		for i, p := range patronyms {
			c.patronymM = append(c.patronymM, p.m)
			c.patronymF = append(c.patronymF, p.f)
			pw[i] = p.w
		}
		c.patronymW = newWeights(pw)
	}
	plw := make([]int, len(places))
	for i, p := range places {
		plw[i] = p.w
	}
	c.placeW = newWeights(plw)
	c.bossJobsNorm = mapStrings(boss, marketing.NormalizeJobTitle)
	c.jobsNorm = mapStrings(jobs, marketing.NormalizeJobTitle)
	for k := range 2 {
		c.retiredNorm[k] = marketing.NormalizeJobTitle(retired[k])
		c.studentNorm[k] = marketing.NormalizeJobTitle(student[k])
	}
	return c
}

func mapStrings(in []string, f func(string) string) []string {
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = f(s)
	}
	return out
}

// middleName gives a Nordic second name: Danes often carry a surname-like
// middle name (Anne Skov Jensen), Swedes and Norwegians a second given name.
func (c *country) middleName(r *rng, firsts *nameList, first int) string {
	if len(c.middles) > 0 && r.chance(60) {
		return c.middles[r.intn(len(c.middles))]
	}
	// Another given name of the same gender, never the first name itself.
	k := (first + 1 + r.intn(len(firsts.names)-1)) % len(firsts.names)
	return firsts.names[k]
}

// houseNumber favours low numbers, as most streets are short.
func houseNumber(r *rng) int {
	return 1 + min(r.intn(120), r.intn(120))
}

// appendStreet writes a street line in the country's postal style:
// DK "Nørregade 12, 2. th.", SE "Storgatan 5 lgh 1102", NO "Storgata 14B",
// RU "ул. Ленина, д. 15, кв. 42".
func (c *country) appendStreet(b []byte, r *rng, pl *place) []byte {
	street := c.streets[r.intn(len(c.streets))]
	n := houseNumber(r)
	switch c.code {
	case "DK":
		b = append(b, street...)
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(n), 10)
		if r.chance(8) {
			b = append(b, byte('A'+r.intn(4)))
		}
		if r.chance(40) { // a flat: floor and side
			if f := r.intn(6); f == 0 {
				b = append(b, ", st."...)
			} else {
				b = append(b, ", "...)
				b = strconv.AppendInt(b, int64(f), 10)
				b = append(b, '.')
			}
			b = append(b, [...]string{" th.", " tv.", " mf."}[r.intn(3)]...)
		}
	case "SE":
		b = append(b, street...)
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(n), 10)
		if r.chance(12) {
			b = append(b, byte('A'+r.intn(3)))
		}
		if r.chance(30) { // Swedish flat numbers: floor 10-16, door 01-09
			b = append(b, " lgh 1"...)
			b = append(b, byte('0'+r.intn(7)), '0', byte('1'+r.intn(9)))
		}
	case "NO":
		b = append(b, street...)
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(n), 10)
		if r.chance(20) {
			b = append(b, byte('A'+r.intn(4)))
		}
	case "RU":
		b = append(b, street...)
		b = append(b, ", д. "...)
		b = strconv.AppendInt(b, int64(n), 10)
		if r.chance(12) {
			b = append(b, ", корп. "...)
			b = strconv.AppendInt(b, int64(1+r.intn(4)), 10)
		}
		if r.chance(85) { // most Russians live in flats
			b = append(b, ", кв. "...)
			b = strconv.AppendInt(b, int64(1+r.intn(240)), 10)
		}
	}
	return b
}

// appendMobile writes an E.164 mobile number in an operator range.
func (c *country) appendMobile(b []byte, r *rng) []byte {
	p := c.mobile[r.intn(len(c.mobile))]
	b = append(b, c.dial...)
	b = append(b, p...)
	// Danish mobile ranges exclude a 0 right after the prefix.
	b = append(b, byte('1'+r.intn(9)))
	return appendDigits(b, r, c.nsnLen-len(p)-1)
}

// appendLandline writes an E.164 landline with the place's area prefix; the
// subscriber number never starts with 0 or 1 (trunk and service prefixes).
func (c *country) appendLandline(b []byte, r *rng, pl *place) []byte {
	b = append(b, c.dial...)
	b = append(b, pl.area...)
	b = append(b, byte('2'+r.intn(8)))
	return appendDigits(b, r, c.nsnLen-len(pl.area)-1)
}

func (c *country) appendCompany(b []byte, r *rng, last, first, middle string) []byte {
	if c.companies == nil {
		return appendRussianCompany(b, r, last, first, middle)
	}
	return appendNordicCompany(b, r, c.companies, last)
}

// ASCII forms of names for email addresses, the way people actually write
// them: Danish ø→o, æ→ae, å→aa; Swedish å/ä→a, ö→o; Norwegian å→a;
// Russian in the common passport-style transliteration (Наталья → natalya).

var (
	foldDanish    = folder(strings.NewReplacer("æ", "ae", "ø", "o", "å", "aa", "é", "e", "ü", "u"))
	foldSwedish   = folder(strings.NewReplacer("å", "a", "ä", "a", "ö", "o", "é", "e", "ü", "u"))
	foldNorwegian = folder(strings.NewReplacer("æ", "ae", "ø", "o", "å", "a", "é", "e", "ü", "u"))
)

func folder(rep *strings.Replacer) func(string) string {
	return func(s string) string {
		return asciiLocal(rep.Replace(strings.ToLower(s)))
	}
}

var cyrillicLatin = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "yo", 'ж': "zh", 'з': "z",
	'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r",
	'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch",
	'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya",
}

func transliterate(s string) string {
	var sb strings.Builder
	for _, r := range strings.ToLower(s) {
		if l, ok := cyrillicLatin[r]; ok {
			sb.WriteString(l)
		} else {
			sb.WriteRune(r)
		}
	}
	return asciiLocal(sb.String())
}

// asciiLocal keeps a-z and hyphens (Anne-Marie → anne-marie); anything else
// is dropped. No digits: appendEmail relies on names having none.
func asciiLocal(s string) string {
	var sb strings.Builder
	for _, r := range s {
		if (r >= 'a' && r <= 'z') || r == '-' {
			sb.WriteRune(r)
		}
	}
	if sb.Len() == 0 {
		panic("demo: name without an ASCII form: " + s)
	}
	return sb.String()
}

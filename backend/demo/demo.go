// Package demo generates realistic, deterministic demo data (contacts, a
// product catalogue and purchase histories) for Denmark, Sweden, Norway and
// Russia. It backs the "Load demo data" button and `directdesk demo --contacts N`.
//
// The generator is built for volume: a contact costs a handful of PRNG draws
// and, apart from its tags and the occasional custom field, one string
// allocation that all its generated text fields share. Contact i depends only
// on (seed, i), so contacts can be generated in any order or in parallel.
package demo

import (
	"math/bits"
	"strconv"
	"strings"
	"time"

	"directdesk/backend/marketing"
)

// Generator produces the same data for the same seed and "today".
// It is read-only after New, so one Generator may be used from many goroutines.
type Generator struct {
	seed  uint64
	today int // the UTC date of "today" as days since 1970-01-01
	year  int
	tags  [numCountries][]string
	tagW  [numCountries]weights
}

// Streams keep the contact and order draws of one index independent, so
// changing how orders are made never changes the contacts.
const (
	streamContact = 0x6a09e667f3bcc908
	streamOrders  = 0xbb67ae8584caa73b
)

// New returns a generator for seed, with dates relative to today. Only the
// date of today matters: its UTC calendar day is used as the latest date, so
// no generated date is ever after today, whatever time zone today is in.
func New(seed int64, today time.Time) *Generator {
	g := &Generator{seed: mix64(uint64(seed) ^ 0x3c6ef372fe94f82b)}
	g.today = int(floorDiv(today.Unix(), 86400))
	g.year, _, _ = civilFromDays(g.today)
	g.UseLanguage("en")
	return g
}

// tagNames are the demo tags in each UI language, in commonTags order and
// then the "regular customer" tag: a shop tags in its owner's language, so
// the whole demo workspace does too. "%d" is the demo's year.
var tagNames = map[string][]string{
	"en": {"Newsletter", "VIP", "Trade fair %d", "Wholesale", "Christmas", "Webshop", "Summer sale", "Regular customer"},
	"da": {"Nyhedsbrev", "VIP", "Messe %d", "Engros", "Jul", "Webshop", "Sommerudsalg", "Stamkunde"},
	"sv": {"Nyhetsbrev", "VIP", "Mässa %d", "Grossist", "Jul", "Webbshop", "Sommarrea", "Stamkund"},
	"nb": {"Nyhetsbrev", "VIP", "Messe %d", "Engros", "Jul", "Nettbutikk", "Sommersalg", "Fast kunde"},
	"ru": {"Рассылка", "VIP", "Выставка %d", "Опт", "Новый год", "Интернет-магазин", "Летняя распродажа", "Постоянный клиент"},
}

// UseLanguage names the demo tags in lang (en, da, sv, nb, ru; others get
// English). Only the names change: every contact keeps the same tags.
func (g *Generator) UseLanguage(lang string) {
	names, ok := tagNames[lang]
	if !ok {
		names = tagNames["en"]
	}
	year := strconv.Itoa(g.year)
	for k := range countries {
		list := make([]string, 0, len(commonTags)+1)
		w := make([]int, 0, len(commonTags)+1)
		for i, t := range commonTags {
			list = append(list, strings.Replace(names[i], "%d", year, 1))
			w = append(w, t.w)
		}
		list = append(list, names[len(commonTags)])
		w = append(w, localTagWeight)
		g.tags[k] = list
		g.tagW[k] = newWeights(w)
	}
}

// rng is splitmix64: tiny, fast and statistically fine for demo data. It lives
// on the stack, so a per-contact generator costs nothing to create.
type rng struct{ s uint64 }

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	return mix64(r.s)
}

// intn returns a number in [0, n) by multiply-shift (no modulo bias worth
// mentioning for the small n used here).
func (r *rng) intn(n int) int {
	hi, _ := bits.Mul64(r.next(), uint64(n))
	return int(hi)
}

// chance reports true with probability pct/100.
func (r *rng) chance(pct int) bool { return r.intn(100) < pct }

func mix64(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// rngFor derives the PRNG for index i. Mixing (not just adding i) keeps the
// streams of neighbouring indexes from overlapping.
func (g *Generator) rngFor(i int, stream uint64) rng {
	return rng{s: mix64(g.seed ^ mix64(uint64(i)+stream))}
}

// weights picks an index with probability proportional to its weight.
type weights struct {
	cum   []int32
	total int
}

func newWeights(w []int) weights {
	cum := make([]int32, len(w))
	t := 0
	for i, x := range w {
		t += x
		cum[i] = int32(t)
	}
	return weights{cum: cum, total: t}
}

func (w *weights) pick(r *rng) int {
	x := int32(r.intn(w.total))
	lo, hi := 0, len(w.cum)-1
	for lo < hi { // first index with cum > x
		m := int(uint(lo+hi) >> 1)
		if w.cum[m] > x {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return lo
}

// span marks a field inside the contact's shared text buffer.
type span struct{ a, b int32 }

func (s span) of(str string) string {
	if s.a == s.b {
		return ""
	}
	return str[s.a:s.b]
}

func mark(b []byte, start int) span { return span{int32(start), int32(len(b))} }

// Contact returns demo contact number i (0-based). It is deterministic in
// (seed, i): the same i gives the same contact regardless of call order.
// ID stays 0 (the store assigns it); CustomerNo is "D" + 7 digits of i+1.
func (g *Generator) Contact(i int) marketing.Contact {
	r := g.rngFor(i, streamContact)
	ci := pickCountry(&r)
	cd := &countries[ci]

	// The name always has a gender; ~3% of contacts just have it unrecorded.
	female := r.intn(2) == 0
	gender := marketing.GenderMale
	if female {
		gender = marketing.GenderFemale
	}
	if r.chance(3) {
		gender = marketing.GenderUnknown
	}
	firsts := &cd.male
	if female {
		firsts = &cd.female
	}
	fi := r.intn(len(firsts.names))
	li := cd.lastW.pick(&r)
	last, lastLat := cd.lastM[li], cd.lastMLat[li]
	if female {
		last, lastLat = cd.lastF[li], cd.lastFLat[li]
	}
	middle := ""
	if cd.code == "RU" {
		p := cd.patronymW.pick(&r)
		middle = cd.patronymM[p]
		if female {
			middle = cd.patronymF[p]
		}
	} else if r.chance(10) {
		middle = cd.middleName(&r, firsts, fi)
	}

	pl := &cd.places[cd.placeW.pick(&r)]
	age := pickAge(&r)
	// One day more than age years back (leap days included), so the age is
	// exactly age on the latest possible birth date.
	birth := g.today - (age*36525/100 + 1) - r.intn(364)

	c := marketing.Contact{
		Kind:       marketing.KindCustomer,
		FirstName:  firsts.names[fi],
		MiddleName: middle,
		LastName:   last,
		Gender:     gender,
		Postcode:   pl.postcode,
		City:       pl.city,
		Region:     pl.region,
		Country:    cd.code,
		Language:   cd.lang,
		Source:     "demo",
	}
	if cd.code != "RU" && r.chance(3) {
		c.Language = "en"
	}
	isCustomer := r.intn(100) < 75
	if !isCustomer {
		c.Kind = marketing.KindProspect
	}

	// Pensioners and students get that as their title and no company; of
	// the others about 46% have a company, usually as owner or manager.
	hasCompany := pickJob(&r, cd, &c, age, female)

	// All generated text goes into one stack buffer and becomes one string.
	var arr [400]byte
	b := arr[:0]
	var sNo, sBirth, sSince, sStreet, sCompany, sEmail, sMobile, sPhone span

	s := len(b)
	b = append(b, 'D')
	b = appendPadded(b, i+1, 7)
	sNo = mark(b, s)

	s = len(b)
	b = appendDate(b, birth)
	sBirth = mark(b, s)

	if isCustomer {
		// Customer for 1-15 years, but not since before the age of 16.
		maxYears := min(15, age-16)
		since := g.today - 366 - r.intn(max(1, (maxYears-1)*365))
		s = len(b)
		b = appendDate(b, since)
		sSince = mark(b, s)
	}

	s = len(b)
	b = cd.appendStreet(b, &r, pl)
	sStreet = mark(b, s)

	if hasCompany {
		s = len(b)
		b = cd.appendCompany(b, &r, last, firsts.names[fi], middle)
		sCompany = mark(b, s)
	}

	if r.chance(80) {
		s = len(b)
		b = appendEmail(b, &r, firsts.latin[fi], lastLat, i)
		sEmail = mark(b, s)
	}
	if r.chance(85) {
		s = len(b)
		b = cd.appendMobile(b, &r)
		sMobile = mark(b, s)
	}
	if r.chance(25) {
		s = len(b)
		b = cd.appendLandline(b, &r, pl)
		sPhone = mark(b, s)
	}

	str := string(b)
	c.CustomerNo = sNo.of(str)
	c.BirthDate = sBirth.of(str)
	c.CustomerSince = sSince.of(str)
	c.Street1 = sStreet.of(str)
	c.Company = sCompany.of(str)
	c.Email = sEmail.of(str)
	c.Mobile = sMobile.of(str)
	c.Phone = sPhone.of(str)

	c.Tags = g.pickTags(&r, ci)
	if r.chance(20) {
		store := pl.city
		if r.chance(25) {
			store = cd.capital // the flagship store in the capital
		}
		c.Custom = map[string]string{"favourite_store": store}
	}
	return c
}

// companyPct is the share of working contacts with a company; with pensioners
// and students excluded it gives about 40% of all contacts.
const companyPct = 46

func pickCountry(r *rng) int {
	// 35% DK, 25% SE, 20% NO, 20% RU.
	switch x := r.intn(100); {
	case x < 35:
		return 0
	case x < 60:
		return 1
	case x < 80:
		return 2
	}
	return 3
}

// pickAge gives adults 18-89 with the bulk of a customer base aged 30-65.
func pickAge(r *rng) int {
	switch x := r.intn(100); {
	case x < 14:
		return 18 + r.intn(12) // 18-29
	case x < 82:
		return 30 + r.intn(36) // 30-65
	}
	return 66 + r.intn(24) // 66-89
}

// pickJob sets the job title and reports whether the contact has a company.
// Without a company ~24% leave the title empty, with one ~8%, which with the
// always-titled pensioners and students gives about 15% empty overall.
func pickJob(r *rng, cd *country, c *marketing.Contact, age int, female bool) (hasCompany bool) {
	g := 0
	if female {
		g = 1
	}
	switch {
	case age >= 67 && r.chance(65):
		c.JobTitle, c.JobTitleNorm = cd.retired[g], cd.retiredNorm[g]
		return false
	case age < 25 && r.chance(40):
		c.JobTitle, c.JobTitleNorm = cd.student[g], cd.studentNorm[g]
		return false
	}
	hasCompany = r.chance(companyPct)
	emptyPct, bossPct := 24, 6
	if hasCompany {
		emptyPct, bossPct = 8, 55
	}
	switch {
	case r.chance(emptyPct):
	case r.chance(bossPct):
		k := r.intn(len(cd.bossJobs))
		c.JobTitle, c.JobTitleNorm = cd.bossJobs[k], cd.bossJobsNorm[k]
	default:
		k := r.intn(len(cd.jobs))
		c.JobTitle, c.JobTitleNorm = cd.jobs[k], cd.jobsNorm[k]
	}
	return hasCompany
}

func (g *Generator) pickTags(r *rng, ci int) []string {
	n := 0
	switch x := r.intn(100); {
	case x < 40:
		return nil
	case x < 75:
		n = 1
	case x < 93:
		n = 2
	default:
		n = 3
	}
	list, w := g.tags[ci], &g.tagW[ci]
	var idx [3]int
	tags := make([]string, 0, n)
	for len(tags) < n {
		k := w.pick(r)
		dup := false
		for _, j := range idx[:len(tags)] {
			dup = dup || j == k
		}
		if !dup {
			idx[len(tags)] = k
			tags = append(tags, list[k])
		}
	}
	return tags
}

// emailDomains are reserved example domains (RFC 2606) so that demo mail can
// never reach a real person.
var emailDomains = [...]string{"example.com", "example.net", "example.org", "mail.example.com", "post.example.net"}

// appendEmail builds a name-based address. The trailing number is i+1: the
// letters before it never contain digits, so the address is unique per i.
func appendEmail(b []byte, r *rng, first, last string, i int) []byte {
	switch x := r.intn(100); {
	case x < 45: // anna.hansen
		b = append(b, first...)
		b = append(b, '.')
		b = append(b, last...)
	case x < 55: // annahansen
		b = append(b, first...)
		b = append(b, last...)
	case x < 70: // a.hansen
		b = append(b, first[0], '.')
		b = append(b, last...)
	case x < 78: // anna_hansen
		b = append(b, first...)
		b = append(b, '_')
		b = append(b, last...)
	case x < 88: // annah
		b = append(b, first...)
		b = append(b, last[0])
	case x < 95: // hansen.anna
		b = append(b, last...)
		b = append(b, '.')
		b = append(b, first...)
	default: // anna
		b = append(b, first...)
	}
	b = strconv.AppendInt(b, int64(i)+1, 10)
	b = append(b, '@')
	return append(b, emailDomains[r.intn(len(emailDomains))]...)
}

// appendDigits appends n random decimal digits (n <= 19) from one draw.
func appendDigits(b []byte, r *rng, n int) []byte {
	v := r.next()
	for ; n > 0; n-- {
		b = append(b, byte('0'+v%10))
		v /= 10
	}
	return b
}

// appendPadded appends v in decimal, left-padded with zeros to width digits.
func appendPadded(b []byte, v, width int) []byte {
	var tmp [20]byte
	t := strconv.AppendInt(tmp[:0], int64(v), 10)
	for k := len(t); k < width; k++ {
		b = append(b, '0')
	}
	return append(b, t...)
}

// Dates are handled as day numbers (days since 1970-01-01) so the hot path
// needs no time.Time arithmetic; the conversions are Howard Hinnant's
// civil-calendar algorithms.

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func daysFromCivil(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

func civilFromDays(z int) (y, m, d int) {
	z += 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era = (z - 146096) / 146097
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

// appendDate appends the day as YYYY-MM-DD.
func appendDate(b []byte, days int) []byte {
	y, m, d := civilFromDays(days)
	b = appendPadded(b, y, 4)
	b = append(b, '-', byte('0'+m/10), byte('0'+m%10), '-', byte('0'+d/10), byte('0'+d%10))
	return b
}

// parseDate reads YYYY-MM-DD into a day number.
func parseDate(s string) (int, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, false
	}
	num := func(p string) (int, bool) {
		v := 0
		for k := 0; k < len(p); k++ {
			if p[k] < '0' || p[k] > '9' {
				return 0, false
			}
			v = v*10 + int(p[k]-'0')
		}
		return v, true
	}
	y, ok1 := num(s[:4])
	m, ok2 := num(s[5:7])
	d, ok3 := num(s[8:])
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 || d > 31 {
		return 0, false
	}
	return daysFromCivil(y, m, d), true
}

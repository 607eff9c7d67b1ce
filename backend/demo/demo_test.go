package demo

import (
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"directdesk/backend/marketing"
)

var testToday = time.Date(2026, 11, 24, 14, 30, 0, 0, time.UTC)

func newTestGen() *Generator { return New(42, testToday) }

func TestContactDeterministic(t *testing.T) {
	a, b := newTestGen(), newTestGen()
	const n = 2000
	forward := make([]marketing.Contact, n)
	for i := range n {
		forward[i] = a.Contact(i)
	}
	// Another generator, reverse order and interleaved with orders: same contacts.
	products := b.Products("DKK")
	for i := n - 1; i >= 0; i-- {
		c := b.Contact(i)
		if !reflect.DeepEqual(c, forward[i]) {
			t.Fatalf("contact %d differs between runs:\n%+v\n%+v", i, c, forward[i])
		}
		o1 := a.Orders(i, &c, products)
		o2 := b.Orders(i, &c, products)
		if !reflect.DeepEqual(o1, o2) {
			t.Fatalf("orders of %d differ between runs", i)
		}
	}
	// A different seed gives different data.
	other := New(43, testToday)
	same := 0
	for i := range 200 {
		if reflect.DeepEqual(other.Contact(i), forward[i]) {
			same++
		}
	}
	if same > 0 {
		t.Errorf("%d of 200 contacts identical under another seed", same)
	}
}

// TestConcurrentUse: one Generator serves many goroutines (run with -race).
func TestConcurrentUse(t *testing.T) {
	g := newTestGen()
	products := g.Products("SEK")
	want := make([]marketing.Contact, 400)
	for i := range want {
		want[i] = g.Contact(i)
	}
	var wg sync.WaitGroup
	errs := make(chan int, len(want))
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(want); i += 4 {
				c := g.Contact(i)
				g.Orders(i, &c, products)
				if !reflect.DeepEqual(c, want[i]) {
					errs <- i
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for i := range errs {
		t.Errorf("contact %d differs when generated concurrently", i)
	}
}

func TestCustomerNoAndEmailUnique(t *testing.T) {
	g := newTestGen()
	const n = 100_000
	nos := make(map[string]int, n)
	emails := make(map[string]int, n)
	for i := range n {
		c := g.Contact(i)
		if c.ID != 0 {
			t.Fatalf("contact %d: ID = %d, want 0", i, c.ID)
		}
		if len(c.CustomerNo) != 8 || c.CustomerNo[0] != 'D' {
			t.Fatalf("contact %d: customer number %q", i, c.CustomerNo)
		}
		if j, dup := nos[c.CustomerNo]; dup {
			t.Fatalf("customer number %q for %d and %d", c.CustomerNo, j, i)
		}
		nos[c.CustomerNo] = i
		if c.Email == "" {
			continue
		}
		key := strings.ToLower(c.Email)
		if j, dup := emails[key]; dup {
			t.Fatalf("email %q for %d and %d", c.Email, j, i)
		}
		emails[key] = i
	}
	if g.Contact(0).CustomerNo != "D0000001" || g.Contact(41).CustomerNo != "D0000042" {
		t.Errorf("customer numbers: %q, %q", g.Contact(0).CustomerNo, g.Contact(41).CustomerNo)
	}
}

func TestContactsValidate(t *testing.T) {
	g := newTestGen()
	for i := range 20_000 {
		c := g.Contact(i)
		v := c
		v.Tags = append([]string(nil), c.Tags...)
		if err := marketing.ValidateContact(&v, testToday); err != nil {
			t.Fatalf("contact %d does not validate: %v\n%+v", i, err, c)
		}
		// Validation must find nothing to fix: the generator writes clean data.
		if v.Postcode != c.Postcode || v.JobTitleNorm != c.JobTitleNorm || v.Kind != c.Kind ||
			v.Country != c.Country || len(v.Tags) != len(c.Tags) {
			t.Fatalf("contact %d changed by validation:\n%+v\n%+v", i, c, v)
		}
		for _, s := range []string{c.FirstName, c.MiddleName, c.LastName, c.Company, c.JobTitle, c.Street1, c.City, c.Region, c.Email} {
			if s != strings.TrimSpace(s) || strings.Contains(s, "  ") || !utf8.ValidString(s) {
				t.Fatalf("contact %d: untidy value %q", i, s)
			}
		}
		if c.Source != "demo" {
			t.Fatalf("contact %d: source %q", i, c.Source)
		}
		if c.FirstName == "" || c.LastName == "" || c.Street1 == "" || c.City == "" || c.Region == "" || c.BirthDate == "" {
			t.Fatalf("contact %d: missing basics: %+v", i, c)
		}
	}
}

// TestShares checks the mix of countries and fields against the targets.
func TestShares(t *testing.T) {
	g := newTestGen()
	const n = 50_000
	count := map[string]int{}
	nordic := 0
	for i := range n {
		c := g.Contact(i)
		count["country "+c.Country]++
		count["gender "+string(c.Gender)]++
		count["kind "+string(c.Kind)]++
		if c.Country != "RU" {
			nordic++
			if c.MiddleName != "" {
				count["nordic middle"]++
			}
		}
		for name, has := range map[string]bool{
			"email": c.Email != "", "mobile": c.Mobile != "", "phone": c.Phone != "",
			"company": c.Company != "", "no job": c.JobTitle == "", "custom": c.Custom != nil,
			"tags": len(c.Tags) > 0, "english": c.Language == "en",
		} {
			if has {
				count[name]++
			}
		}
	}
	tests := []struct {
		key       string
		of        int
		want, tol float64 // percent
	}{
		{"country DK", n, 35, 1.5}, {"country SE", n, 25, 1.5}, {"country NO", n, 20, 1.5}, {"country RU", n, 20, 1.5},
		{"gender female", n, 48.5, 1.5}, {"gender male", n, 48.5, 1.5}, {"gender ", n, 3, 1},
		{"kind customer", n, 75, 1.5}, {"kind prospect", n, 25, 1.5},
		{"email", n, 80, 1.5}, {"mobile", n, 85, 1.5}, {"phone", n, 25, 1.5},
		{"company", n, 40, 3}, {"no job", n, 15, 3}, {"custom", n, 20, 1.5}, {"tags", n, 60, 2},
		{"english", n, 2.4, 1}, {"nordic middle", nordic, 10, 1.5},
	}
	for _, tc := range tests {
		got := 100 * float64(count[tc.key]) / float64(tc.of)
		if got < tc.want-tc.tol || got > tc.want+tc.tol {
			t.Errorf("%s: %.1f%%, want %.1f%% ± %.1f", tc.key, got, tc.want, tc.tol)
		}
	}
}

func TestRussianNamesAgreeWithGender(t *testing.T) {
	female := map[string]bool{}
	male := map[string]bool{}
	for _, s := range ruLast {
		f := s.f
		if f == "" {
			f = s.m
		}
		female[f] = true
		male[s.m] = true
	}
	firstF := setOf(ruFemale)
	firstM := setOf(ruMale)
	g := newTestGen()
	seen := 0
	for i := 0; seen < 5000; i++ {
		c := g.Contact(i)
		if c.Country != "RU" {
			continue
		}
		seen++
		for _, s := range []string{c.FirstName, c.MiddleName, c.LastName} {
			if !isCyrillicName(s) {
				t.Fatalf("contact %d: %q is not written in Cyrillic", i, s)
			}
		}
		if c.MiddleName == "" {
			t.Fatalf("contact %d: Russian contact without patronymic", i)
		}
		switch c.Gender {
		case marketing.GenderFemale:
			if !female[c.LastName] || !firstF[c.FirstName] || !strings.HasSuffix(c.MiddleName, "на") {
				t.Fatalf("contact %d: female %s %s %s", i, c.FirstName, c.MiddleName, c.LastName)
			}
		case marketing.GenderMale:
			if !male[c.LastName] || !firstM[c.FirstName] || !strings.HasSuffix(c.MiddleName, "ич") {
				t.Fatalf("contact %d: male %s %s %s", i, c.FirstName, c.MiddleName, c.LastName)
			}
		}
		if c.Gender == marketing.GenderFemale && strings.HasSuffix(c.LastName, "ов") {
			t.Fatalf("contact %d: masculine surname %q for a woman", i, c.LastName)
		}
	}
	// The table itself: feminine forms of -ов/-ев/-ин/-ский names.
	for _, s := range ruLast {
		switch {
		case strings.HasSuffix(s.m, "ов") || strings.HasSuffix(s.m, "ев") || strings.HasSuffix(s.m, "ёв") || strings.HasSuffix(s.m, "ин"):
			if s.f != s.m+"а" {
				t.Errorf("feminine of %s is %s", s.m, s.f)
			}
		case strings.HasSuffix(s.m, "ский"):
			if s.f != strings.TrimSuffix(s.m, "ий")+"ая" {
				t.Errorf("feminine of %s is %s", s.m, s.f)
			}
		}
	}
	for _, p := range ruPatronyms {
		if !strings.HasSuffix(p.m, "ич") || !strings.HasSuffix(p.f, "на") {
			t.Errorf("patronymic pair %s/%s", p.m, p.f)
		}
	}
}

func isCyrillicName(s string) bool {
	for _, r := range s {
		if !(r >= 'А' && r <= 'я' || r == 'ё' || r == 'Ё' || r == '-') {
			return false
		}
	}
	return s != ""
}

func setOf(list []string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, s := range list {
		m[s] = true
	}
	return m
}

func TestTableSizes(t *testing.T) {
	for _, c := range countries {
		for name, got := range map[string]int{
			"female names": len(c.female.names), "male names": len(c.male.names), "surnames": len(c.lastM),
			"places": len(c.places), "streets": len(c.streets), "job titles": len(c.jobs) + len(c.bossJobs),
		} {
			min := 40
			switch name {
			case "job titles":
				min = 25
			case "streets":
				min = 30
			}
			if got < min {
				t.Errorf("%s: %d %s, want at least %d", c.code, got, name, min)
			}
		}
		if dup := firstDuplicate(c.female.names); dup != "" {
			t.Errorf("%s: duplicate female name %q", c.code, dup)
		}
		if dup := firstDuplicate(c.male.names); dup != "" {
			t.Errorf("%s: duplicate male name %q", c.code, dup)
		}
		if dup := firstDuplicate(c.lastM); dup != "" {
			t.Errorf("%s: duplicate surname %q", c.code, dup)
		}
		if dup := firstDuplicate(append(append([]string(nil), c.jobs...), c.bossJobs...)); dup != "" {
			t.Errorf("%s: duplicate job title %q", c.code, dup)
		}
		for k, s := range c.female.latin {
			if s == "" || strings.Trim(s, "abcdefghijklmnopqrstuvwxyz-") != "" {
				t.Errorf("%s: email form %q of %q", c.code, s, c.female.names[k])
			}
		}
	}
	// The common surnames lead, as in the registers.
	top := map[string][]string{"DK": {"Jensen", "Nielsen", "Hansen"}, "SE": {"Andersson", "Johansson"}, "NO": {"Hansen", "Johansen", "Olsen"}, "RU": {"Иванов", "Смирнов"}}
	for _, c := range countries {
		for k, s := range top[c.code] {
			if c.lastM[k] != s {
				t.Errorf("%s: surname %d is %s, want %s", c.code, k, c.lastM[k], s)
			}
		}
	}
}

func firstDuplicate(list []string) string {
	seen := map[string]bool{}
	for _, s := range list {
		if seen[s] {
			return s
		}
		seen[s] = true
	}
	return ""
}

func TestPostcodesNormalizeUnchanged(t *testing.T) {
	for _, c := range countries {
		seen := map[string]bool{}
		for _, p := range c.places {
			got, err := marketing.NormalizePostcode(c.code, p.postcode)
			if err != nil || got != p.postcode {
				t.Errorf("%s %q %s: normalised to %q, %v", c.code, p.postcode, p.city, got, err)
			}
			if seen[p.postcode] {
				t.Errorf("%s: postcode %s listed twice", c.code, p.postcode)
			}
			seen[p.postcode] = true
		}
	}
	g := newTestGen()
	for i := range 10_000 {
		c := g.Contact(i)
		if got, err := marketing.NormalizePostcode(c.Country, c.Postcode); err != nil || got != c.Postcode {
			t.Fatalf("contact %d: postcode %q -> %q, %v", i, c.Postcode, got, err)
		}
	}
}

func TestEmailsOnlyAtExampleDomains(t *testing.T) {
	g := newTestGen()
	for i := range 50_000 {
		c := g.Contact(i)
		if c.Email == "" {
			continue
		}
		at := strings.IndexByte(c.Email, '@')
		if at <= 0 || strings.Count(c.Email, "@") != 1 {
			t.Fatalf("contact %d: malformed email %q", i, c.Email)
		}
		local, domain := c.Email[:at], c.Email[at+1:]
		ok := false
		for _, d := range []string{"example.com", "example.net", "example.org"} {
			ok = ok || domain == d || strings.HasSuffix(domain, "."+d)
		}
		if !ok {
			t.Fatalf("contact %d: email %q is not at a reserved example domain", i, c.Email)
		}
		if strings.Trim(local, "abcdefghijklmnopqrstuvwxyz0123456789._-") != "" || strings.HasPrefix(local, ".") {
			t.Fatalf("contact %d: local part %q is not plain ASCII", i, local)
		}
	}
	// Russian names are transliterated.
	for _, tc := range []struct{ in, want string }{
		{"Наталья", "natalya"}, {"Соловьёва", "solovyova"}, {"Кузнецов", "kuznetsov"}, {"Щукин", "shchukin"},
		{"Юлия", "yuliya"}, {"Черных", "chernykh"},
	} {
		if got := transliterate(tc.in); got != tc.want {
			t.Errorf("transliterate(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct {
		fold     func(string) string
		in, want string
	}{
		{foldDanish, "Søren", "soren"}, {foldDanish, "Kjær", "kjaer"}, {foldDanish, "Anne-Marie", "anne-marie"},
		{foldSwedish, "Håkansson", "hakansson"}, {foldSwedish, "Björk", "bjork"}, {foldNorwegian, "Nygård", "nygard"},
	} {
		if got := tc.fold(tc.in); got != tc.want {
			t.Errorf("fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestPhonesLookNational(t *testing.T) {
	// Country code, national number length, and the allowed mobile starts.
	rules := map[string]struct {
		cc      string
		nsn     int
		mobile  []string
		landErr []string // national prefixes a landline must not have
	}{
		"DK": {"+45", 8, []string{"2", "3", "4", "5", "6", "7", "8", "9"}, nil},
		"SE": {"+46", 9, []string{"70", "72", "73", "76"}, []string{"7"}},
		"NO": {"+47", 8, []string{"4", "9"}, []string{"4", "9"}},
		"RU": {"+7", 10, []string{"9"}, []string{"9"}},
	}
	g := newTestGen()
	for i := range 20_000 {
		c := g.Contact(i)
		rule := rules[c.Country]
		for _, p := range []string{c.Mobile, c.Phone} {
			if p == "" {
				continue
			}
			nsn, ok := strings.CutPrefix(p, rule.cc)
			if !ok || len(nsn) != rule.nsn || strings.Trim(nsn, "0123456789") != "" {
				t.Fatalf("contact %d (%s): phone %q is not E.164 for the country", i, c.Country, p)
			}
		}
		if c.Mobile != "" && !hasAnyPrefix(strings.TrimPrefix(c.Mobile, rule.cc), rule.mobile) {
			t.Fatalf("contact %d: mobile %q outside mobile ranges", i, c.Mobile)
		}
		if c.Phone != "" && hasAnyPrefix(strings.TrimPrefix(c.Phone, rule.cc), rule.landErr) {
			t.Fatalf("contact %d: landline %q in a mobile range", i, c.Phone)
		}
	}
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func TestDates(t *testing.T) {
	g := newTestGen()
	today := testToday.Format(marketing.DateLayout)
	ages := map[int]int{}
	for i := range 20_000 {
		c := g.Contact(i)
		b, err := time.Parse(marketing.DateLayout, c.BirthDate)
		if err != nil {
			t.Fatalf("contact %d: birth date %q: %v", i, c.BirthDate, err)
		}
		age := ageOn(b, testToday)
		if age < 18 || age > 90 {
			t.Fatalf("contact %d: age %d (born %s)", i, age, c.BirthDate)
		}
		ages[age/10*10]++
		switch c.Kind {
		case marketing.KindProspect:
			if c.CustomerSince != "" {
				t.Fatalf("prospect %d has customerSince %q", i, c.CustomerSince)
			}
		case marketing.KindCustomer:
			s, err := time.Parse(marketing.DateLayout, c.CustomerSince)
			if err != nil {
				t.Fatalf("customer %d: customerSince %q: %v", i, c.CustomerSince, err)
			}
			if years := ageOn(s, testToday); years < 1 || years > 14 || c.CustomerSince > today {
				t.Fatalf("customer %d: customer for %d years (%s)", i, years, c.CustomerSince)
			}
			if ageOn(b, s) < 16 {
				t.Fatalf("customer %d: customer since the age of %d", i, ageOn(b, s))
			}
		default:
			t.Fatalf("contact %d: kind %q", i, c.Kind)
		}
	}
	// Most contacts are of working age.
	if mid := ages[30] + ages[40] + ages[50] + ages[60]; mid < 20_000*60/100 {
		t.Errorf("only %d of 20000 aged 30-69: %v", mid, ages)
	}
}

func ageOn(birth, day time.Time) int {
	y := day.Year() - birth.Year()
	if day.Month() < birth.Month() || (day.Month() == birth.Month() && day.Day() < birth.Day()) {
		y--
	}
	return y
}

// TestTodayInAnyZone: just after midnight in Copenhagen it is still
// yesterday in UTC, and ValidateContact compares dates with the instant.
func TestTodayInAnyZone(t *testing.T) {
	cph := time.FixedZone("CET", 3600)
	today := time.Date(2026, 3, 1, 0, 30, 0, 0, cph)
	g := New(1, today)
	products := g.Products("DKK")
	for i := range 5000 {
		c := g.Contact(i)
		if err := marketing.ValidateContact(&c, today); err != nil {
			t.Fatalf("contact %d: %v", i, err)
		}
		for _, o := range g.Orders(i, &c, products) {
			d, _ := time.Parse(marketing.DateLayout, o.Date)
			if d.After(today) {
				t.Fatalf("order %s dated %s after %v", o.OrderNo, o.Date, today)
			}
		}
	}
}

func TestCalendar(t *testing.T) {
	start := time.Date(1890, 1, 1, 0, 0, 0, 0, time.UTC)
	for d := start; d.Year() < 2110; d = d.AddDate(0, 0, 1) {
		days := int(floorDiv(d.Unix(), 86400))
		if got := daysFromCivil(d.Year(), int(d.Month()), d.Day()); got != days {
			t.Fatalf("daysFromCivil(%v) = %d, want %d", d, got, days)
		}
		if got := string(appendDate(nil, days)); got != d.Format(marketing.DateLayout) {
			t.Fatalf("appendDate(%d) = %s, want %s", days, got, d.Format(marketing.DateLayout))
		}
		if back, ok := parseDate(d.Format(marketing.DateLayout)); !ok || back != days {
			t.Fatalf("parseDate(%v) = %d, %v", d, back, ok)
		}
	}
	for _, bad := range []string{"", "2026-1-01", "2026-13-01", "2026-00-10", "20260101xx", "abcd-01-01"} {
		if _, ok := parseDate(bad); ok {
			t.Errorf("parseDate(%q) accepted", bad)
		}
	}
}

func TestProducts(t *testing.T) {
	g := newTestGen()
	for _, cur := range []string{"DKK", "SEK", "NOK", "RUB", "EUR", "USD", "GBP"} {
		ps := g.Products(cur)
		if len(ps) < 36 || len(ps) > 48 {
			t.Errorf("%s: %d products", cur, len(ps))
		}
		cats := map[string]bool{}
		skus := map[string]bool{}
		for _, p := range ps {
			cats[p.Category] = true
			if skus[p.SKU] {
				t.Errorf("duplicate SKU %s", p.SKU)
			}
			skus[p.SKU] = true
			if p.ID != 0 || p.Name == "" || p.Price.Currency != cur || p.Price.Minor <= 0 {
				t.Errorf("%s: bad product %+v", cur, p)
			}
		}
		if len(cats) < 6 || len(cats) > 8 {
			t.Errorf("%s: %d categories", cur, len(cats))
		}
	}
	// Charm prices: kroner end in 9, euro in .95, roubles in 9 or 90.
	for _, tc := range []struct {
		cur       string
		sku       string
		wantMinor int64
	}{
		{"DKK", "COF-001", 8900}, {"DKK", "CLO-003", 149900}, {"EUR", "COF-001", 1195},
	} {
		for _, p := range g.Products(tc.cur) {
			if p.SKU == tc.sku && p.Price.Minor != tc.wantMinor {
				t.Errorf("%s %s: %d, want %d", tc.cur, tc.sku, p.Price.Minor, tc.wantMinor)
			}
		}
	}
	for _, p := range g.Products("SEK") {
		if p.Price.Minor%100 != 0 || (p.Price.Minor/100)%10 != 9 {
			t.Errorf("SEK price %d is not a charm price", p.Price.Minor)
		}
	}
}

func TestOrders(t *testing.T) {
	g := newTestGen()
	products := g.Products("NOK")
	price := map[string]int64{}
	for _, p := range products {
		price[p.SKU] = p.Price.Minor
	}
	today := testToday.Format(marketing.DateLayout)
	lostLimit := testToday.AddDate(0, -18, 0).Format(marketing.DateLayout)
	orderNos := map[string]bool{}
	var customers, buyers, loyal, lost, fewOrders int
	channels := map[string]int{}
	for i := range 20_000 {
		c := g.Contact(i)
		orders := g.Orders(i, &c, products)
		if c.Kind == marketing.KindProspect {
			if len(orders) != 0 {
				t.Fatalf("prospect %d has %d orders", i, len(orders))
			}
			continue
		}
		customers++
		if len(orders) == 0 {
			continue
		}
		buyers++
		if len(orders) > 25 {
			t.Fatalf("customer %d: %d orders", i, len(orders))
		}
		if len(orders) >= 10 {
			loyal++
		}
		if len(orders) <= 3 {
			fewOrders++
		}
		if orders[0].Date != c.CustomerSince {
			t.Fatalf("customer %d: first order %s, customer since %s", i, orders[0].Date, c.CustomerSince)
		}
		if orders[len(orders)-1].Date < lostLimit {
			lost++
		}
		prev := ""
		for k, o := range orders {
			if o.ID != 0 || o.ContactID != 0 {
				t.Fatalf("order %s has IDs set", o.OrderNo)
			}
			if orderNos[o.OrderNo] {
				t.Fatalf("duplicate order number %s", o.OrderNo)
			}
			orderNos[o.OrderNo] = true
			if o.Date < c.CustomerSince || o.Date > today || o.Date < prev {
				t.Fatalf("customer %d order %d dated %s (since %s, previous %s)", i, k, o.Date, c.CustomerSince, prev)
			}
			prev = o.Date
			if len(o.Lines) == 0 || len(o.Lines) > 4 {
				t.Fatalf("order %s has %d lines", o.OrderNo, len(o.Lines))
			}
			var sum int64
			for _, l := range o.Lines {
				if l.Quantity < 1 || l.UnitMinor != price[l.SKU] || price[l.SKU] == 0 {
					t.Fatalf("order %s: bad line %+v", o.OrderNo, l)
				}
				sum += int64(l.Quantity) * l.UnitMinor
			}
			if o.Total.Minor != sum || o.Total.Currency != "NOK" {
				t.Fatalf("order %s: total %v, lines sum to %d", o.OrderNo, o.Total, sum)
			}
			channels[o.Channel]++
		}
	}
	pct := func(a, b int) float64 { return 100 * float64(a) / float64(b) }
	if p := pct(buyers, customers); p < 67 || p > 73 {
		t.Errorf("%.1f%% of customers have orders, want about 70%%", p)
	}
	if p := pct(fewOrders, buyers); p < 60 {
		t.Errorf("only %.1f%% of buyers have 1-3 orders", p)
	}
	if p := pct(loyal, buyers); p < 8 || p > 20 {
		t.Errorf("%.1f%% of buyers have 10+ orders", p)
	}
	if p := pct(lost, buyers); p < 10 {
		t.Errorf("only %.1f%% of buyers lapsed (no order in 18 months)", p)
	}
	for _, ch := range []string{"shop", "web", "phone", "mail"} {
		if channels[ch] == 0 {
			t.Errorf("no orders through %s", ch)
		}
	}
	if len(channels) != 4 {
		t.Errorf("channels: %v", channels)
	}
}

func TestOrdersEdgeCases(t *testing.T) {
	g := newTestGen()
	products := g.Products("DKK")
	// nil contact: generated from i.
	var withOrders int
	for i := range 50 {
		c := g.Contact(i)
		if !reflect.DeepEqual(g.Orders(i, nil, products), g.Orders(i, &c, products)) {
			t.Fatalf("Orders(%d, nil) differs from Orders with the contact", i)
		}
		if len(g.Orders(i, &c, products)) > 0 {
			withOrders++
		}
		if g.Orders(i, &c, nil) != nil {
			t.Fatalf("orders without a catalogue")
		}
	}
	if withOrders == 0 {
		t.Fatal("no orders at all")
	}
	// A one-product catalogue still works (one line per order).
	for i := range 200 {
		c := g.Contact(i)
		for _, o := range g.Orders(i, &c, products[:1]) {
			if len(o.Lines) != 1 {
				t.Fatalf("order %s has %d lines from a one-product catalogue", o.OrderNo, len(o.Lines))
			}
		}
	}
	// Appending to one order's lines must not touch the next order's.
	for i := range 500 {
		c := g.Contact(i)
		os := g.Orders(i, &c, products)
		if len(os) < 2 {
			continue
		}
		next := os[1].Lines[0]
		os[0].Lines = append(os[0].Lines, marketing.OrderLine{SKU: "X"})
		if os[1].Lines[0] != next {
			t.Fatal("orders share line storage")
		}
		return
	}
}

func BenchmarkContact(b *testing.B) {
	g := New(1, testToday)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		c := g.Contact(i)
		if c.CustomerNo == "" {
			b.Fatal("empty contact")
		}
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "contacts/s")
}

func BenchmarkOrders(b *testing.B) {
	g := New(1, testToday)
	products := g.Products("DKK")
	contacts := make([]marketing.Contact, 1024)
	for i := range contacts {
		contacts[i] = g.Contact(i)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		k := i & 1023
		_ = g.Orders(k, &contacts[k], products)
		i++
	}
}

func TestTagsFollowTheWorkspaceLanguage(t *testing.T) {
	en := New(7, time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC))
	da := New(7, time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC))
	da.UseLanguage("da")
	danish := map[string]bool{}
	for _, n := range tagNames["da"] {
		danish[strings.Replace(n, "%d", "2026", 1)] = true
	}
	tagged := 0
	for i := 0; i < 2000; i++ {
		a, b := en.Contact(i), da.Contact(i)
		if len(a.Tags) != len(b.Tags) {
			t.Fatalf("contact %d: %v vs %v: the language changed which tags a contact has", i, a.Tags, b.Tags)
		}
		for _, tag := range b.Tags {
			if !danish[tag] {
				t.Fatalf("contact %d has non-Danish tag %q", i, tag)
			}
			tagged++
		}
	}
	if tagged == 0 {
		t.Fatal("no tags at all")
	}
	for lang, names := range tagNames {
		if len(names) != len(commonTags)+1 {
			t.Errorf("%s has %d tag names, want %d", lang, len(names), len(commonTags)+1)
		}
	}
}

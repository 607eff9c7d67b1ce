package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"directdesk/backend/marketing"
	"directdesk/backend/segment"
	"directdesk/backend/store"
)

// Pools the random contacts and filters draw from, so that they collide:
// case and accent variants, boundary birthdays, leap days, empty values.
var (
	segToday    = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	poolBirth   = []string{"", "1996-03-01", "1996-02-29", "1996-03-02", "1996-02-28", "1980-02-29", "2000-02-29", "1990-12-31", "1991-01-01", "1956-03-01", "2008-03-01", "1970-07-15", "1985-11-23", "2025-06-01"}
	poolGender  = []marketing.Gender{"", "female", "male", "other"}
	poolCountry = []string{"", "DK", "SE", "NO", "RU"}
	poolRegion  = []string{"", "Region Hovedstaden", "region hovedstaden", "REGION  HOVEDSTADEN", "Skåne", "SKÅNE", "Москва", "МОСКВА", "Ёлкино", "ёлкино", "Østlandet"}
	poolCity    = []string{"", "København Ø", "KØBENHAVN Ø", "Malmö", "MALMÖ", "Oslo", "Санкт-Петербург"}
	poolTitle   = []string{"", "Direktør", "direktør.", "CEO", "Indehaver", "Генеральный директор", "ГЕНЕРАЛЬНЫЙ ДИРЕКТОР", "Sælger", "Lærer"}
	poolCompany = []string{"", "Blomster ApS", "BLOMSTER APS", "Åkerö AB", "ООО Ромашка"}
	poolPost    = []string{"", "0150", "2100", "114 55", "11455", "8000", "SW1A 1AA", "101000"}
	poolLang    = []string{"", "da", "sv", "nb", "ru", "en"}
	poolSource  = []string{"", "import", "demo", "Messe 2026", "messe 2026"}
	poolSince   = []string{"", "2025-03-01", "2026-02-01", "2026-02-28", "2026-03-01", "2020-01-01"}
	poolTags    = []string{"VIP", "vip", "Messe", "Øko", "Клиент"}
	poolCustom  = []string{"", "Guld", "guld", "Sølv", "Бронза"}
	poolConsent = []string{"", marketing.ConsentGranted, marketing.ConsentRefused}
	poolOrderOn = []string{"2023-01-15", "2024-03-01", "2025-03-01", "2025-03-02", "2025-12-24", "2026-02-28", "2026-03-01"}
	poolTotal   = []int64{0, 9900, 25000, 100000, 250000, 25000}
	poolCat     = []string{"Blomster", "BLOMSTER", "Gødning", "Vaser", "Ёлки"}
	poolSKU     = []string{"A1", "B2", "C3"}
)

// randomOrders gives a contact 0 to 6 orders with one or two lines each.
func randomOrders(r *rand.Rand, contactID int64, seq *int) []marketing.Order {
	var out []marketing.Order
	for k := 0; k < r.IntN(7)-1; k++ {
		*seq++
		o := marketing.Order{ContactID: contactID, OrderNo: "O" + strconv.Itoa(*seq), Date: pick(r, poolOrderOn),
			Total: marketing.Money{Minor: pick(r, poolTotal), Currency: "DKK"}}
		for l := 0; l < 1+r.IntN(2); l++ {
			o.Lines = append(o.Lines, marketing.OrderLine{SKU: pick(r, poolSKU), Category: pick(r, poolCat), Quantity: 1, UnitMinor: 100})
		}
		out = append(out, o)
	}
	return out
}

func pick[T any](r *rand.Rand, pool []T) T { return pool[r.IntN(len(pool))] }

func randomContact(r *rand.Rand, i int) (marketing.Contact, []marketing.Consent) {
	c := marketing.Contact{
		FirstName: "P" + strconv.Itoa(i), BirthDate: pick(r, poolBirth), Gender: pick(r, poolGender), Country: pick(r, poolCountry),
		Region: pick(r, poolRegion), City: pick(r, poolCity), JobTitle: pick(r, poolTitle), Company: pick(r, poolCompany),
		Postcode: pick(r, poolPost), Language: pick(r, poolLang), Source: pick(r, poolSource), CustomerSince: pick(r, poolSince),
		Kind: pick(r, []marketing.Kind{marketing.KindCustomer, marketing.KindProspect}),
	}
	c.JobTitleNorm = marketing.NormalizeJobTitle(c.JobTitle)
	if r.IntN(2) == 0 {
		c.Email = fmt.Sprintf("p%d@example.dk", i)
	}
	if r.IntN(2) == 0 {
		c.Mobile = fmt.Sprintf("+4520%06d", i)
	}
	if r.IntN(3) == 0 {
		c.Phone = fmt.Sprintf("+4533%06d", i)
	}
	if r.IntN(2) == 0 {
		c.Street1 = "Vestergade " + strconv.Itoa(i)
	}
	for _, t := range poolTags {
		if r.IntN(4) == 0 && !slices.ContainsFunc(c.Tags, func(x string) bool { return marketing.Fold(x) == marketing.Fold(t) }) {
			c.Tags = append(c.Tags, t)
		}
	}
	if v := pick(r, poolCustom); v != "" {
		c.Custom = map[string]string{"Kundetype": v}
	}
	var consents []marketing.Consent
	for _, ch := range []string{marketing.ChannelEmail, marketing.ChannelSMS, marketing.ChannelPost, marketing.ChannelPhone} {
		if st := pick(r, poolConsent); st != "" {
			consents = append(consents, marketing.Consent{Channel: ch, Status: st, At: "2026-01-01T00:00:00Z", Method: "import"})
		}
	}
	return c, consents
}

// randomValues picks values for a condition, mostly from the pools (so they
// hit), sometimes nonsense (so the validator gets exercised too).
func randomCondition(r *rand.Rand) segment.Node {
	f := pick(r, segment.Fields)
	if r.IntN(12) == 0 {
		f = segment.Field{Name: "custom:Kundetype", Kind: segment.KindCustom, Ops: []string{"in", "notIn", "contains", "empty", "notEmpty"}}
	}
	n := segment.Node{Field: f.Name, Op: pick(r, f.Ops)}
	several := func(pool []string) []string {
		var out []string
		for k := 0; k < 1+r.IntN(3); k++ {
			if v := pick(r, pool); v != "" {
				out = append(out, v)
			}
		}
		if len(out) == 0 {
			out = []string{pool[len(pool)-1]}
		}
		return out
	}
	num := func(lo, hi int) string { return strconv.Itoa(lo + r.IntN(hi-lo+1)) }
	switch n.Op {
	case segment.OpKnown, segment.OpUnknown, segment.OpEmpty, segment.OpNotEmpty:
		return n
	}
	switch f.Kind {
	case segment.KindAge:
		n.Values = []string{num(0, 80)}
		if n.Op == segment.OpBetween {
			n.Values = append(n.Values, num(0, 80))
		}
		if r.IntN(4) == 0 {
			n.AsOf = pick(r, []string{"2024-02-29", "2025-02-28", "2026-03-01", "2030-12-31"})
		}
	case segment.KindBirthday:
		if n.Op == segment.OpWithinDays {
			n.Values = []string{num(0, 400)}
		} else {
			n.Values = []string{num(1, 12), num(1, 12)}
		}
	case segment.KindEnum:
		n.Values = several(f.Enum)
	case segment.KindFlag:
		n.Values = []string{pick(r, []string{"true", "false"})}
	case segment.KindDate:
		switch n.Op {
		case segment.OpWithinDays, segment.OpNotWithinDays:
			n.Values = []string{num(0, 800)}
		case segment.OpBetween:
			n.Values = []string{pick(r, poolSince[1:]), pick(r, poolOrderOn)}
		default:
			n.Values = []string{pick(r, append(poolSince[1:], poolOrderOn...))}
		}
	case segment.KindPostcode:
		if n.Op == segment.OpBetween {
			n.Values = []string{num(0, 9000), num(0, 20000)}
		} else if n.Op == segment.OpStartsWith {
			n.Values = []string{pick(r, []string{"0", "1", "21", "114 5", "sw1"})}
		} else {
			n.Values = several(poolPost)
		}
	case segment.KindTag:
		n.Values = several(poolTags)
	case segment.KindNumber, segment.KindMoney:
		hi := 7
		if f.Kind == segment.KindMoney {
			hi = 4000
		}
		n.Values = []string{num(0, hi)}
		if n.Op == segment.OpBetween {
			n.Values = append(n.Values, num(0, hi))
		}
		if r.IntN(2) == 0 && n.Field != "lifetimeValue" {
			n.Days = pick(r, []int{1, 30, 365, 400, 1200})
		}
	case segment.KindScore:
		n.Values = several([]string{"1", "2", "3", "4", "5"})
	case segment.KindList:
		if n.Field == "boughtCategory" {
			n.Values = several(poolCat)
		} else {
			n.Values = several(poolSKU)
		}
		if r.IntN(2) == 0 {
			n.Days = pick(r, []int{1, 30, 365, 400})
		}
	case segment.KindCustom:
		n.Values = several(append(poolCustom, "uld"))
	default:
		pool := map[string][]string{"region": poolRegion, "city": poolCity, "jobTitle": append(poolTitle, "ДИРЕКТОР", "ktør"),
			"company": poolCompany, "language": poolLang, "source": poolSource, "country": append(poolCountry, "dk")}[f.Name]
		n.Values = several(pool)
		if n.Op == segment.OpContains {
			for i, v := range n.Values {
				rs := []rune(v)
				n.Values[i] = string(rs[r.IntN(len(rs)):]) // a tail of a real value
			}
		}
	}
	return n
}

func randomNode(r *rand.Rand, depth int) segment.Node {
	if depth >= 3 || r.IntN(3) == 0 {
		return randomCondition(r)
	}
	var kids []segment.Node
	for k := 0; k < r.IntN(4); k++ {
		kids = append(kids, randomNode(r, depth+1))
	}
	switch r.IntN(3) {
	case 0:
		return segment.Node{All: kids}
	case 1:
		if kids == nil {
			kids = []segment.Node{}
		}
		return segment.Node{Any: kids}
	}
	n := randomNode(r, depth+1)
	return segment.Node{Not: &n}
}

// TestSegmentSQLAndEvaluatorAgree is the property test of the two filter
// implementations: thousands of random filters over random contacts, the
// SQL count and the in-memory count must be the same, and so must the sets.
func TestSegmentSQLAndEvaluatorAgree(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	r := rand.New(rand.NewPCG(1, 2))
	sess, err := db.BeginImport(ctx, &marketing.ImportBatch{Kind: marketing.ImportContacts, FileName: "random.xlsx"}, false)
	if err != nil {
		t.Fatal(err)
	}
	seq := 0
	for i := 0; i < 700; i++ {
		c, consents := randomContact(r, i)
		if err := sess.CreateContact(ctx, &c, consents, "test"); err != nil {
			t.Fatal(err)
		}
		for _, o := range randomOrders(r, c.ID, &seq) {
			if err := sess.CreateOrder(ctx, &o); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := sess.Commit(ctx, &marketing.ImportBatch{}); err != nil {
		t.Fatal(err)
	}
	// A bought list: its contacts' origin is "bought".
	bought := &marketing.ImportBatch{Kind: marketing.ImportContacts, FileName: "list.csv", Options: marketing.ImportOptions{ListKind: "bought"}}
	if sess, err = db.BeginImport(ctx, bought, false); err != nil {
		t.Fatal(err)
	}
	for i := 700; i < 800; i++ {
		c, consents := randomContact(r, i)
		if err := sess.CreateContact(ctx, &c, consents, "test"); err != nil {
			t.Fatal(err)
		}
	}
	if err := sess.Commit(ctx, bought); err != nil {
		t.Fatal(err)
	}
	cols := loadColumns(t, db)
	origin := segment.Filter{Root: segment.Node{Field: "origin", Op: "in", Values: []string{"bought"}}}
	origin.Validate(segToday)
	if n := cols.Count(&origin, segToday); n != 100 {
		t.Fatalf("%d contacts from the bought list", n)
	}
	if cols.Len() != 800 || cols.Bounds.Buyers < 300 {
		t.Fatalf("%d contacts in the columns, %d buyers", cols.Len(), cols.Bounds.Buyers)
	}
	checked, nonEmpty, partial := 0, 0, 0
	for k := 0; k < 3000; k++ {
		f := segment.Filter{Version: segment.Version, Root: randomNode(r, 0)}
		raw, _ := json.Marshal(f)
		if err := f.Validate(segToday); err != nil {
			continue
		}
		checked++
		want, err := db.CountFilter(ctx, &f, segToday, &cols.Bounds)
		if err != nil {
			t.Fatalf("SQL for %s: %v", raw, err)
		}
		got, err := cols.EvalWith(&f, segToday, orderValues(db))
		if err != nil {
			t.Fatal(err)
		}
		if got.Count() != want {
			t.Fatalf("filter %s: evaluator %d, SQL %d", raw, got.Count(), want)
		}
		if want > 0 {
			nonEmpty++
		}
		if want > 0 && want < 800 {
			partial++
		}
		if k%10 == 0 {
			var ids []int64
			db.FilterIDs(ctx, &f, segToday, &cols.Bounds, func(id int64) error { ids = append(ids, id); return nil })
			var mine []int64
			got.Each(func(i int) bool { mine = append(mine, cols.IDs[i]); return true })
			if !slices.Equal(ids, mine) {
				t.Fatalf("filter %s: different contacts", raw)
			}
		}
	}
	// The test is only worth something if most filters were valid and cut
	// the contacts somewhere in the middle.
	if checked < 2000 || partial < checked/3 {
		t.Fatalf("only %d valid filters, %d with some but not all contacts", checked, partial)
	}
	t.Logf("%d filters agreed (%d matched someone, %d some but not all)", checked, nonEmpty, partial)
}

func loadColumns(t testing.TB, db *store.DB) *segment.Columns {
	t.Helper()
	b := segment.NewBuilder()
	ctx := context.Background()
	if err := db.EachSegmentRow(ctx, nil, func(r *segment.Row) error { b.Add(r); return nil }); err != nil {
		t.Fatal(err)
	}
	cols := b.Columns()
	err := cols.SetPurchases(func(add func(p *segment.Purchase)) error {
		return db.EachPurchase(ctx, func(p *segment.Purchase) error { add(p); return nil })
	}, segment.DefaultPurchaseRules)
	if err != nil {
		t.Fatal(err)
	}
	return cols
}

func orderValues(db *store.DB) segment.OrderValues {
	return func(n *segment.Node) (map[int64]int64, error) {
		return db.OrderValues(context.Background(), n, segToday)
	}
}

// Boundaries a shop owner would check by hand: a birthday today makes the
// person a year older today, 29 February birthdays count from 1 March in
// common years, and Unicode case folds for Nordic and Cyrillic letters.
func TestSegmentBoundaries(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	sess, err := db.BeginImport(ctx, &marketing.ImportBatch{Kind: marketing.ImportContacts, FileName: "b.xlsx"}, false)
	if err != nil {
		t.Fatal(err)
	}
	people := []marketing.Contact{
		{FirstName: "Today30", BirthDate: "1996-03-01", Region: "REGION HOVEDSTADEN", JobTitle: "DIREKTØR"},
		{FirstName: "Leap", BirthDate: "1996-02-29", Region: "Москва", JobTitle: "Генеральный Директор"},
		{FirstName: "Tomorrow30", BirthDate: "1996-03-02", City: "MALMÖ"},
		{FirstName: "NoBirth", Region: "ЁЛКИНО"},
	}
	for i := range people {
		people[i].JobTitleNorm = marketing.NormalizeJobTitle(people[i].JobTitle)
		if err := sess.CreateContact(ctx, &people[i], nil, ""); err != nil {
			t.Fatal(err)
		}
	}
	sess.Commit(ctx, &marketing.ImportBatch{})
	cols := loadColumns(t, db)
	names := func(f segment.Filter, today time.Time) []string {
		t.Helper()
		if err := f.Validate(today); err != nil {
			t.Fatal(err)
		}
		var out []string
		cols.Eval(&f, today).Each(func(i int) bool { out = append(out, people[i].FirstName); return true })
		if n, _ := db.CountFilter(ctx, &f, today, &cols.Bounds); n != len(out) {
			t.Errorf("SQL counts %d, evaluator %d", n, len(out))
		}
		return out
	}
	cond := func(field, op string, values ...string) segment.Filter {
		return segment.Filter{Root: segment.Node{Field: field, Op: op, Values: values}}
	}
	day := func(s string) time.Time { d, _ := time.Parse(marketing.DateLayout, s); return d }
	for _, tc := range []struct {
		name  string
		f     segment.Filter
		today string
		want  []string
	}{
		{"30 on the birthday itself", cond("age", "atLeast", "30"), "2026-03-01", []string{"Today30", "Leap"}},
		{"29 February counts from 1 March in a common year", cond("age", "atLeast", "30"), "2026-02-28", nil},
		{"...and on 29 February in a leap year", cond("age", "atLeast", "32"), "2028-02-29", []string{"Leap"}},
		{"between includes both ends", cond("age", "between", "29", "30"), "2026-03-02", []string{"Today30", "Leap", "Tomorrow30"}},
		{"at most 29 the day before", cond("age", "atMost", "29"), "2026-02-28", []string{"Today30", "Leap", "Tomorrow30"}},
		{"unknown ages are neither young nor old", cond("age", "unknown"), "2026-03-01", []string{"NoBirth"}},
		{"birthday today brings the leap-day people along", cond("birthday", "withinDays", "0"), "2026-03-01", []string{"Today30", "Leap"}},
		{"region folds ÆØÅ-style upper case", cond("region", "in", "Region Hovedstaden"), "2026-03-01", []string{"Today30"}},
		{"region folds Cyrillic", cond("region", "in", "МОСКВА"), "2026-03-01", []string{"Leap"}},
		{"Ё folds to ё", cond("region", "in", "Ёлкино"), "2026-03-01", []string{"NoBirth"}},
		{"job title ignores case and punctuation", cond("jobTitle", "in", "direktør."), "2026-03-01", []string{"Today30"}},
		{"job title contains, Cyrillic", cond("jobTitle", "contains", "ДИРЕКТОР"), "2026-03-01", []string{"Leap"}},
		{"city with Ö", cond("city", "in", "malmö"), "2026-03-01", []string{"Tomorrow30"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := names(tc.f, day(tc.today)); !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

// FuzzCompileFilter: whatever a filter holds, its values reach SQL only as
// parameters. The WHERE clause holds no quote but the fixed ” and 'none',
// one parameter per argument, and it runs.
func FuzzCompileFilter(f *testing.F) {
	f.Add([]byte(`{"root":{"all":[{"field":"region","op":"in","values":["x'); DROP TABLE contacts; --"]},{"field":"custom:a\"b","op":"contains","values":["?"]}]}}`))
	f.Add([]byte(`{"root":{"any":[{"field":"tag","op":"allOf","values":["a","b"]},{"not":{"field":"age","op":"between","values":["1","2"]}}]}}`))
	db := MustOpenDB(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		flt, err := segment.Parse(data, segToday)
		if err != nil {
			return
		}
		where, args := store.CompileFilterForTest(&flt, segToday)
		clean := strings.NewReplacer("''", "", "'none'", "").Replace(where)
		if strings.ContainsAny(clean, "'\";") || strings.Contains(clean, "--") {
			t.Fatalf("a literal reached the SQL: %s", where)
		}
		if strings.Count(where, "?") != len(args) {
			t.Fatalf("%d placeholders, %d arguments: %s", strings.Count(where, "?"), len(args), where)
		}
		if _, err := db.CountFilter(context.Background(), &flt, segToday, nil); err != nil {
			t.Fatalf("%s: %v", where, err)
		}
	})
}

// TestSegmentColumnsFollowEveryWrite: after each kind of write the cached
// columns (patched, not rebuilt) give the same answers as SQL.
func TestSegmentColumnsFollowEveryWrite(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	cache := segment.NewCache(db)
	r := rand.New(rand.NewPCG(5, 6))
	var filters []segment.Filter
	for len(filters) < 200 {
		f := segment.Filter{Root: randomNode(r, 0)}
		if f.Validate(segToday) == nil {
			filters = append(filters, f)
		}
	}
	check := func(step string) {
		t.Helper()
		for i := range filters {
			var got int
			var bounds segment.PurchaseBounds
			if err := cache.Select(ctx, &filters[i], segToday, func(c *segment.Columns, sel *segment.Bitset) error {
				got, bounds = sel.Count(), c.Bounds
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			want, err := db.CountFilter(ctx, &filters[i], segToday, &bounds)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				raw, _ := json.Marshal(filters[i])
				t.Fatalf("after %s: columns %d, SQL %d for %s", step, got, want, raw)
			}
		}
	}
	seq := 0
	importSome := func(n, from int) int64 {
		b := &marketing.ImportBatch{Kind: marketing.ImportContacts, FileName: "f.xlsx", Options: marketing.ImportOptions{ListKind: pick(r, []string{"own", "rented"})}}
		sess, err := db.BeginImport(ctx, b, false)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < n; i++ {
			c, consents := randomContact(r, from+i)
			if err := sess.CreateContact(ctx, &c, consents, ""); err != nil {
				t.Fatal(err)
			}
			for _, o := range randomOrders(r, c.ID, &seq) {
				if err := sess.CreateOrder(ctx, &o); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := sess.Commit(ctx, b); err != nil {
			t.Fatal(err)
		}
		return b.ID
	}
	check("an empty workspace")
	importSome(300, 0)
	check("an import")
	a := mustCreate(t, db, marketing.Contact{FirstName: "Anna", Region: "Region Hovedstaden", BirthDate: "1996-03-01", Tags: []string{"VIP"}})
	check("a new contact")
	a.Region, a.JobTitle, a.Tags, a.Custom = "Skåne", "Direktør", []string{"Messe"}, map[string]string{"Kundetype": "Guld"}
	a.JobTitleNorm = marketing.NormalizeJobTitle(a.JobTitle)
	if err := db.UpdateContact(ctx, &a); err != nil {
		t.Fatal(err)
	}
	check("an edit")
	if _, err := db.TagContacts(ctx, []int64{1, 2, 3, a.ID}, "Øko", true); err != nil {
		t.Fatal(err)
	}
	check("tagging")
	if _, err := db.TagContacts(ctx, []int64{2, a.ID}, "VIP", false); err != nil {
		t.Fatal(err)
	}
	check("untagging")
	if _, err := db.DeleteContacts(ctx, []int64{5, 6, a.ID}); err != nil {
		t.Fatal(err)
	}
	check("deleting the newest and others")
	batch := importSome(50, 1000)
	check("a second import")
	if _, err := db.UndoImport(ctx, batch, nil); err != nil {
		t.Fatal(err)
	}
	check("undoing it")
	mustCreate(t, db, marketing.Contact{FirstName: "After", Region: "Москва"})
	check("a contact after the undo")
	if n := cache.Builds(); n != 1 {
		t.Errorf("the columns were built %d times; every write after the first build should patch them", n)
	}
}

// TestSegmentCountsWhileWriting runs counts and writes at the same time
// (for the race detector) and checks the final answer.
func TestSegmentCountsWhileWriting(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	cache := segment.NewCache(db)
	f := segment.Filter{Root: segment.Node{Field: "region", Op: "in", Values: []string{"Skåne"}}}
	if err := f.Validate(segToday); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < 40; i++ {
			mustCreate(t, db, marketing.Contact{FirstName: "P" + strconv.Itoa(i), Region: "SKÅNE"})
		}
	}()
	for k := 0; k < 200; k++ {
		cache.Read(ctx, func(c *segment.Columns) error { c.Count(&f, segToday); return nil })
	}
	<-done
	var got int
	cache.Read(ctx, func(c *segment.Columns) error { got = c.Count(&f, segToday); return nil })
	if got != 40 {
		t.Fatalf("%d, want 40", got)
	}
}

// TestSegmentExplainAgreesWithEval: for random filters and contacts, the
// explanation's verdict is the evaluator's.
func TestSegmentExplainAgreesWithEval(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	r := rand.New(rand.NewPCG(8, 9))
	sess, _ := db.BeginImport(ctx, &marketing.ImportBatch{Kind: marketing.ImportContacts, FileName: "e.xlsx"}, false)
	for i := 0; i < 60; i++ {
		c, consents := randomContact(r, i)
		sess.CreateContact(ctx, &c, consents, "")
	}
	sess.Commit(ctx, &marketing.ImportBatch{})
	cols := loadColumns(t, db)
	for k := 0; k < 500; k++ {
		f := segment.Filter{Root: randomNode(r, 0)}
		if f.Validate(segToday) != nil {
			continue
		}
		sel, _ := cols.EvalWith(&f, segToday, orderValues(db))
		for i, id := range cols.IDs {
			e, ok := cols.Explain(&f, id, segToday, orderValues(db))
			if !ok || e.Met != sel.Has(i) {
				raw, _ := json.Marshal(f)
				t.Fatalf("contact %d, filter %s: explain says %v, eval %v", id, raw, e.Met, sel.Has(i))
			}
		}
	}
	if _, ok := cols.Explain(&segment.Filter{}, 999999, segToday, nil); ok {
		t.Error("an unknown contact was explained")
	}
}

func TestSavedSegmentsAndFrozenLists(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	a := mustCreate(t, db, marketing.Contact{FirstName: "Anna", Region: "Skåne"})
	b := mustCreate(t, db, marketing.Contact{FirstName: "Bo", Region: "Skåne"})
	f := segment.Filter{Version: segment.Version, Root: segment.Node{Field: "region", Op: "in", Values: []string{"skåne"}}}
	s := segment.Saved{Name: "  Kunder i  Skåne ", Filter: f, Size: 2}
	if err := db.SaveSegment(ctx, &s); err != nil {
		t.Fatal(err)
	}
	if s.Name != "Kunder i Skåne" || s.Kind != segment.Dynamic || s.ID == 0 {
		t.Fatalf("saved %+v", s)
	}
	if err := db.SaveSegment(ctx, &segment.Saved{Name: "KUNDER I SKÅNE"}); marketing.ErrorCode(err) != marketing.EConflict {
		t.Fatalf("a second segment with the same name (other case): %v", err)
	}
	if err := db.SaveSegment(ctx, &segment.Saved{Name: " "}); marketing.ErrorCode(err) != marketing.EInvalid {
		t.Fatalf("an empty name: %v", err)
	}
	list := segment.Saved{Name: "Skåne, launch 1 December", Filter: f}
	if err := db.FreezeSegment(ctx, &list, []int64{a.ID, b.ID, 999}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.DeleteContacts(ctx, []int64{b.ID}); err != nil {
		t.Fatal(err)
	}
	got, err := db.SegmentByName(ctx, "skåne, LAUNCH 1 december")
	if err != nil {
		t.Fatal(err)
	}
	if got.Kind != segment.Frozen || got.Size != 1 || got.FrozenAt == "" {
		t.Fatalf("frozen list after a member was deleted: %+v", got)
	}
	members, _ := db.SegmentMembers(ctx, got.ID)
	if !slices.Equal(members, []int64{a.ID}) {
		t.Fatalf("members %v", members)
	}
	all, _ := db.Segments(ctx)
	if len(all) != 2 || all[0].Name != "Kunder i Skåne" || all[0].Filter.Root.Field != "region" {
		t.Fatalf("list %+v", all)
	}
	// Renaming a frozen list keeps it frozen with its members; a "frozen"
	// segment cannot be made without members through SaveSegment.
	got.Name, got.Size = "Skåne, launch", 99
	if err := db.SaveSegment(ctx, &got); err != nil || got.Kind != segment.Frozen || got.Size != 1 || got.Name != "Skåne, launch" {
		t.Fatalf("renamed frozen list %+v %v", got, err)
	}
	fake := segment.Saved{Name: "2", Kind: segment.Frozen}
	if err := db.SaveSegment(ctx, &fake); err != nil || fake.Kind != segment.Dynamic {
		t.Fatalf("a new segment is dynamic: %+v %v", fake, err)
	}
	// A segment named "2" wins over the segment numbered 2.
	if byName, err := db.SegmentByName(ctx, "2"); err != nil || byName.ID != fake.ID {
		t.Fatalf("by name %+v %v", byName, err)
	}
	if err := db.DeleteSegment(ctx, got.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SegmentByName(ctx, got.Name); marketing.ErrorCode(err) != marketing.ENotFound {
		t.Fatalf("deleted segment found: %v", err)
	}
}

// TestExplorerOverlapAndSplits: every explorer cell's own filter selects
// exactly its count; overlaps add up; splits are reproducible, sized by
// their percentages and spread over the strata.
func TestExplorerOverlapAndSplits(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	r := rand.New(rand.NewPCG(11, 12))
	sess, _ := db.BeginImport(ctx, &marketing.ImportBatch{Kind: marketing.ImportContacts, FileName: "x.xlsx"}, false)
	seq := 0
	for i := 0; i < 800; i++ {
		c, consents := randomContact(r, i)
		sess.CreateContact(ctx, &c, consents, "")
		for _, o := range randomOrders(r, c.ID, &seq) {
			sess.CreateOrder(ctx, &o)
		}
	}
	sess.Commit(ctx, &marketing.ImportBatch{})
	cols := loadColumns(t, db)
	base := segment.Filter{Root: segment.Node{Field: "hasEmail", Op: "is", Values: []string{"true"}}}
	if err := base.Validate(segToday); err != nil {
		t.Fatal(err)
	}
	sel := cols.Eval(&base, segToday)
	tgroups := []segment.TitleGroup{{Name: "Chefer", Titles: []string{"Direktør", "CEO", "Генеральный директор"}}, {Name: "Alle direktører", Titles: []string{"direktør", "Indehaver"}}}
	for _, dims := range [][2]string{{"ageBand", "region"}, {"jobTitle", "gender"}, {"valueTier", "lifecycle"}, {"rfmRecency", "city"}, {"jobGroup", "origin"}} {
		tab, ok := cols.Explore(base.Root, sel, dims[0], dims[1], segToday, tgroups)
		if !ok {
			t.Fatalf("%v refused", dims)
		}
		sum := 0
		for ri, row := range tab.Cells {
			for ci, cell := range row {
				sum += cell.Count
				if cell.Filter == nil {
					continue
				}
				f := *cell.Filter
				if err := f.Validate(segToday); err != nil {
					t.Fatalf("%v cell %s/%s: %v", dims, tab.Rows[ri].Value, tab.Cols[ci].Value, err)
				}
				f, err := segment.Expand(f, tgroups)
				if err != nil {
					t.Fatal(err)
				}
				if n := cols.Count(&f, segToday); n != cell.Count {
					t.Fatalf("%v cell %s/%s: %d in the table, its filter finds %d", dims, tab.Rows[ri].Value, tab.Cols[ci].Value, cell.Count, n)
				}
			}
		}
		if sum != sel.Count() || tab.Total.Count != sum {
			t.Fatalf("%v: cells add up to %d, the segment has %d", dims, sum, sel.Count())
		}
	}
	// Overlap of three segments: the regions add up to the union, and each
	// set is the sum of the regions that contain it.
	var sels []*segment.Bitset
	for _, field := range []string{"hasEmail", "hasMobile", "hasAddress"} {
		f := segment.Filter{Root: segment.Node{Field: field, Op: "is", Values: []string{"true"}}}
		f.Validate(segToday)
		sels = append(sels, cols.Eval(&f, segToday))
	}
	ov := segment.Overlap(sels)
	for j, s := range sels {
		n := 0
		for m := 1; m < len(ov); m++ {
			if m&(1<<j) != 0 {
				n += ov[m]
			}
		}
		if n != s.Count() {
			t.Fatalf("set %d: regions add up to %d, the set has %d", j, n, s.Count())
		}
	}
	// A 10 % control group, stratified by region.
	all := cols.Eval(&segment.Filter{}, segToday)
	groups, ok := cols.Split(all, []int{90, 10}, 42, "region", segToday)
	again, _ := cols.Split(all, []int{90, 10}, 42, "region", segToday)
	other, _ := cols.Split(all, []int{90, 10}, 43, "region", segToday)
	if !ok || len(groups[0])+len(groups[1]) != 800 || !slices.Equal(groups[1], again[1]) || slices.Equal(groups[1], other[1]) {
		t.Fatalf("split: %d + %d, reproducible %v, differs by seed %v", len(groups[0]), len(groups[1]), slices.Equal(groups[1], again[1]), !slices.Equal(groups[1], other[1]))
	}
	if n := len(groups[1]); n < 70 || n > 90 {
		t.Fatalf("control group of %d from 800", n)
	}
}

// TestCountDuringABigImportDoesNotLoseIt: a count while an import too big
// to list contact by contact is still open must not make the columns
// forget the import once it commits.
func TestCountDuringABigImportDoesNotLoseIt(t *testing.T) {
	defer store.SetMaxNoted(50)()
	db := MustOpenDB(t)
	ctx := context.Background()
	cache := segment.NewCache(db)
	all := segment.Filter{}
	count := func() int {
		n := 0
		cache.Select(ctx, &all, segToday, func(_ *segment.Columns, sel *segment.Bitset) error { n = sel.Count(); return nil })
		return n
	}
	count()
	b := &marketing.ImportBatch{Kind: marketing.ImportContacts, FileName: "big.csv"}
	sess, err := db.BeginImport(ctx, b, false)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 80; i++ {
		c := marketing.Contact{FirstName: "P" + strconv.Itoa(i)}
		if err := sess.CreateContact(ctx, &c, nil, ""); err != nil {
			t.Fatal(err)
		}
		if i == 70 {
			if n := count(); n != 0 {
				t.Fatalf("%d contacts counted before the import committed", n)
			}
		}
	}
	if err := sess.Commit(ctx, b); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 80 {
		t.Fatalf("%d contacts after the import, want 80", n)
	}
}

// TestOriginStaysWithTheContactNotItsID: a contact typed in by hand that
// gets the id of a deleted contact from a bought list is the shop's own.
func TestOriginStaysWithTheContactNotItsID(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	b := &marketing.ImportBatch{Kind: marketing.ImportContacts, FileName: "list.csv", Options: marketing.ImportOptions{ListKind: "bought"}}
	sess, _ := db.BeginImport(ctx, b, false)
	c := marketing.Contact{FirstName: "Listed"}
	sess.CreateContact(ctx, &c, nil, "")
	sess.Commit(ctx, b)
	if _, err := db.DeleteContacts(ctx, []int64{c.ID}); err != nil {
		t.Fatal(err)
	}
	own := mustCreate(t, db, marketing.Contact{FirstName: "Typed"})
	if own.ID != c.ID {
		t.Fatalf("the test needs SQLite to reuse the deleted id (%d, %d)", own.ID, c.ID)
	}
	f := segment.Filter{Root: segment.Node{Field: "origin", Op: "in", Values: []string{"bought"}}}
	f.Validate(segToday)
	if n, _ := db.CountFilter(ctx, &f, segToday, nil); n != 0 {
		t.Fatalf("the hand-typed contact counts as bought")
	}
	if got, _ := db.GetContact(ctx, own.ID); got.Origin != "own" {
		t.Fatalf("origin %q", got.Origin)
	}
}

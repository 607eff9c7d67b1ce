package store

import (
	"context"
	"fmt"
	"hash/fnv"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"testing"
	"time"

	"directdesk/backend/demo"
	"directdesk/backend/marketing"
	"directdesk/backend/segment"
)

// TestBenchReport is `make bench`: it builds (once, cached under build/bench)
// a workspace of DIRECTDESK_BENCH_CONTACTS demo contacts (default 1,000,000)
// and prints each figure beside its floor, the bare SQL of the same work
// measured in the same run, as a ratio. It never fails on timings.
func TestBenchReport(t *testing.T) {
	if os.Getenv("DIRECTDESK_BENCH") == "" {
		t.Skip("set DIRECTDESK_BENCH=1 (make bench)")
	}
	n := 1_000_000
	if v, err := strconv.Atoi(os.Getenv("DIRECTDESK_BENCH_CONTACTS")); err == nil && v > 0 {
		n = v
	}
	ctx := context.Background()
	dir := filepath.Join("..", "..", "build", "bench")
	os.MkdirAll(dir, 0o755)
	// The cache is keyed by the schema, so a changed migration rebuilds it.
	path := filepath.Join(dir, fmt.Sprintf("contacts-%d-%s.db", n, schemaHash()))
	if _, err := os.Stat(path); err != nil {
		buildBenchWorkspace(t, path+".tmp", n)
		if err := os.Rename(path+".tmp", path); err != nil {
			t.Fatal(err)
		}
		os.Remove(path + ".tmp-wal")
		os.Remove(path + ".tmp-shm")
	}

	var rows []benchRow
	add := func(name string, ours, floor time.Duration, note string) {
		rows = append(rows, benchRow{name, ours, floor, note})
	}

	// Start: what the app does before its first screen is usable.
	ours := median(5, func() {
		db, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Counts(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ListContacts(ctx, marketing.ContactQuery{Limit: 50}); err != nil {
			t.Fatal(err)
		}
		db.Close()
	})
	floor := median(5, func() {
		db, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		db.read.QueryRow("SELECT 1").Scan(new(int))
		db.Close()
	})
	add("start: open + counts + first page", ours, floor, "floor: open + SELECT 1 (quick_check runs later, in the background)")

	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	list := func(q marketing.ContactQuery) func() {
		return func() {
			if _, err := db.ListContacts(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
	}
	bare := func(query string, args ...any) func() {
		return func() {
			r, err := db.read.QueryContext(ctx, query, args...)
			if err != nil {
				t.Fatal(err)
			}
			for r.Next() {
			}
			r.Close()
		}
	}
	const cols = "SELECT id, first_name, last_name, email, city FROM contacts"
	add("page 1 sorted by last name (50 rows + total)",
		median(21, list(marketing.ContactQuery{Limit: 50})),
		median(21, bare(cols+" ORDER BY sort_name, id LIMIT 50")), "floor: bare SELECT of the page")
	add("page at offset n/2 sorted by last name",
		median(11, list(marketing.ContactQuery{Limit: 50, Offset: n / 2})),
		median(11, bare(cols+" ORDER BY sort_name, id LIMIT 50 OFFSET ?", n/2)), "floor: bare SELECT with OFFSET")
	add("page 1 sorted by city, descending",
		median(21, list(marketing.ContactQuery{Limit: 50, Sort: "city", Desc: true})),
		median(21, bare(cols+" ORDER BY city_fold DESC, id DESC LIMIT 50")), "floor: bare SELECT of the page")
	add(`search "hansen", page 1 + total`,
		median(11, list(marketing.ContactQuery{Search: "hansen", Limit: 50})),
		median(11, func() {
			bare("SELECT count(*) FROM contact_search WHERE contact_search MATCH ?", `"hansen"*`)()
			bare("SELECT id FROM contacts INDEXED BY contacts_id_name WHERE id IN (SELECT rowid FROM contact_search WHERE contact_search MATCH ?) ORDER BY sort_name, id LIMIT 50", `"hansen"*`)()
		}), "floor: the same two bare SQL queries")
	add(`search "hansen" (reference: LIKE scan, no index)`,
		median(3, list(marketing.ContactQuery{Search: "hansen", Limit: 50})),
		median(3, bare("SELECT count(*) FROM contacts WHERE last_name LIKE '%hansen%' OR first_name LIKE '%hansen%' OR email LIKE '%hansen%'")), "floor here is the slow way; ratio < 1 is the win")
	add(`search "an" (a very common prefix), page 1 + total`,
		median(5, list(marketing.ContactQuery{Search: "an", Limit: 50})),
		median(5, func() {
			bare("SELECT count(*) FROM contact_search WHERE contact_search MATCH ?", `"an"*`)()
			bare("SELECT id FROM contacts INDEXED BY contacts_id_name WHERE id IN (SELECT rowid FROM contact_search WHERE contact_search MATCH ?) ORDER BY sort_name, id LIMIT 50", `"an"*`)()
		}), "floor: the same two bare SQL queries")
	add(`search "anna hansen" sorted by city`,
		median(11, list(marketing.ContactQuery{Search: "anna hansen", Sort: "city", Limit: 50})),
		median(11, bare(cols+" WHERE id IN (SELECT rowid FROM contact_search WHERE contact_search MATCH ?) ORDER BY city_fold, id LIMIT 50", `"anna"* AND "hansen"*`)), "floor: bare SELECT of the page")
	add(`search "h" (one letter: name prefix)`,
		median(11, list(marketing.ContactQuery{Search: "h", Limit: 50})),
		median(11, bare(cols+" WHERE sort_name >= 'h' AND sort_name < 'i' ORDER BY sort_name, id LIMIT 50")), "floor: bare range SELECT")
	add("filter country=SE, page 1",
		median(11, list(marketing.ContactQuery{Country: "SE", Limit: 50})),
		median(11, bare(cols+" WHERE country = 'SE' ORDER BY sort_name, id LIMIT 50")), "floor: bare SELECT of the page")
	add("filter tag=VIP, page 1",
		median(11, list(marketing.ContactQuery{Tag: "VIP", Limit: 50})),
		median(11, bare(cols+" WHERE id IN (SELECT ct.contact_id FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE t.name_fold = 'vip') ORDER BY sort_name, id LIMIT 50")), "floor: bare SELECT of the page")
	add("filter country=SE, tag=VIP, page 1",
		median(11, list(marketing.ContactQuery{Country: "SE", Tag: "VIP", Limit: 50})),
		median(11, bare(cols+" WHERE country = 'SE' AND id IN (SELECT ct.contact_id FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE t.name_fold = 'vip') ORDER BY sort_name, id LIMIT 50")), "floor: bare SELECT of the page")
	add("facets, first time (countries, regions, tags)",
		median(5, func() {
			if _, err := contactFacets(ctx, db.read); err != nil { // bypasses the cache
				t.Fatal(err)
			}
		}),
		median(5, bare("SELECT country, count(*) FROM contacts GROUP BY country")), "floor: one GROUP BY")

	segmentBench(t, db, add)

	fmt.Printf("\nDirectDesk benchmarks on %d contacts (%s)\n", n, path)
	fmt.Printf("%-52s %12s %12s %8s  %s\n", "figure", "ours", "floor", "ratio", "")
	for _, r := range rows {
		fmt.Printf("%-52s %12s %12s %7.2fx  %s\n", r.name, ms(r.ours), ms(r.floor), float64(r.ours)/float64(max(r.floor, 1)), r.note)
	}
	fmt.Println()
}

func schemaHash() string {
	h := fnv.New32a()
	names, _ := fs.Glob(migrationFS, "migrations/*.sql")
	for _, n := range names {
		b, _ := migrationFS.ReadFile(n)
		h.Write(b)
	}
	return fmt.Sprintf("%08x", h.Sum32())
}

type benchRow struct {
	name        string
	ours, floor time.Duration
	note        string
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }

func median(runs int, fn func()) time.Duration {
	fn() // warm the page cache the same way for both sides
	d := make([]time.Duration, runs)
	for i := range d {
		start := time.Now()
		fn()
		d[i] = time.Since(start)
	}
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	return d[runs/2]
}

// buildBenchWorkspace fills a workspace with demo contacts and prints the
// insert rate beside a floor: the same contacts into a bare table with no
// indexes or search index.
func buildBenchWorkspace(t *testing.T, path string, n int) {
	ctx := context.Background()
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	gen := demo.New(20261123, time.Now())
	products := gen.Products("DKK")
	if err := db.UpsertProducts(ctx, products); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	const batch = 10000
	for i := 0; i < n; i += batch {
		b := &ContactBatch{EventKind: marketing.EventCreated, EventSummary: "Demo contact created"}
		for k := i; k < min(i+batch, n); k++ {
			c := gen.Contact(k)
			b.Contacts = append(b.Contacts, c)
			b.Orders = append(b.Orders, gen.Orders(k, &c, products))
		}
		if err := db.InsertContactBatch(ctx, b); err != nil {
			t.Fatal(err)
		}
		if (i/batch)%10 == 0 {
			fmt.Printf("building bench workspace: %d / %d\n", i+batch, n)
		}
	}
	took := time.Since(start)
	fmt.Printf("demo load: %d contacts with orders in %.1f s = %.0f contacts/s\n", n, took.Seconds(), float64(n)/took.Seconds())
}

// segmentBench measures segment counts: the in-memory columns (load time
// and size), and counts for random filters built from the plain conditions
// (age, region, job title, gender, consent, tags, in any combination)
// beside a bare full-scan count.
func segmentBench(t *testing.T, db *DB, add func(name string, ours, floor time.Duration, note string)) {
	ctx := context.Background()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var cols *segment.Columns
	load := median(3, func() {
		b := segment.NewBuilder()
		if err := db.EachSegmentRow(ctx, nil, func(r *segment.Row) error { b.Add(r); return nil }); err != nil {
			t.Fatal(err)
		}
		cols = b.Columns()
	})
	runtime.GC()
	runtime.ReadMemStats(&after)
	scan := func() {
		var n int
		if err := db.read.QueryRowContext(ctx, "SELECT count(*) FROM contacts WHERE gender = 'female' AND birth_date BETWEEN '1980-01-01' AND '1995-12-31'").Scan(&n); err != nil {
			t.Fatal(err)
		}
	}
	add("segment columns: load every contact", load, median(3, scan),
		fmt.Sprintf("floor: one full-scan count; columns hold %d MB", (int64(after.HeapAlloc)-int64(before.HeapAlloc))>>20))
	purchases := median(3, func() {
		err := cols.SetPurchases(func(add func(p *segment.Purchase)) error {
			return db.EachPurchase(ctx, func(p *segment.Purchase) error { add(p); return nil })
		}, segment.DefaultPurchaseRules)
		if err != nil {
			t.Fatal(err)
		}
	})
	var orderRows int
	db.read.QueryRowContext(ctx, "SELECT n FROM row_counts WHERE name = 'orders'").Scan(&orderRows)
	add("segment purchases: sum all orders, RFM and tier bounds", purchases,
		median(3, func() {
			db.read.QueryRowContext(ctx, "SELECT count(*), sum(total_minor) FROM orders").Scan(new(int), new(int64))
		}),
		fmt.Sprintf("floor: one pass over the orders; %d orders, %d buyers (goal: RFM for 1M contacts, 5M orders <= 10 s)", orderRows, cols.Bounds.Buyers))

	values := func(q string) []string {
		rows, err := db.read.QueryContext(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var v string
			rows.Scan(&v)
			out = append(out, v)
		}
		return out
	}
	regions := values("SELECT region FROM contacts WHERE region <> '' GROUP BY region LIMIT 30")
	titles := values("SELECT job_title FROM contacts WHERE job_title <> '' GROUP BY job_title_norm LIMIT 40")
	tags := values("SELECT name FROM tags LIMIT 20")
	r := rand.New(rand.NewPCG(3, 4))
	some := func(pool []string) []string {
		var out []string
		for k := 0; k < 1+r.IntN(3) && len(pool) > 0; k++ {
			out = append(out, pool[r.IntN(len(pool))])
		}
		return out
	}
	today := time.Now()
	var filters []segment.Filter
	for len(filters) < 60 {
		var conds []segment.Node
		for _, k := range r.Perm(6)[:1+r.IntN(6)] {
			var c segment.Node
			switch k {
			case 0:
				a := 18 + r.IntN(50)
				c = segment.Node{Field: "age", Op: "between", Values: []string{strconv.Itoa(a), strconv.Itoa(a + 5 + r.IntN(20))}}
			case 1:
				c = segment.Node{Field: "region", Op: "in", Values: some(regions)}
			case 2:
				c = segment.Node{Field: "jobTitle", Op: "in", Values: some(titles)}
			case 3:
				c = segment.Node{Field: "gender", Op: "in", Values: []string{[]string{"female", "male"}[r.IntN(2)]}}
			case 4:
				c = segment.Node{Field: "consentEmail", Op: "in", Values: []string{"granted"}}
			case 5:
				c = segment.Node{Field: "tag", Op: "anyOf", Values: some(tags)}
			}
			if len(c.Values) > 0 {
				conds = append(conds, c)
			}
		}
		f := segment.Filter{Version: segment.Version, Root: segment.Node{All: conds}}
		if r.IntN(4) == 0 {
			f.Root = segment.Node{Any: conds}
		}
		if f.Validate(today) == nil {
			filters = append(filters, f)
		}
	}
	var times []time.Duration
	for i := range filters {
		start := time.Now()
		cols.Count(&filters[i], today)
		times = append(times, time.Since(start))
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	add("segment count, random plain filters (median)", times[len(times)/2], median(5, scan), "floor: one full-scan count in SQL")
	add("segment count, random plain filters (slowest)", times[len(times)-1], median(5, scan), "goal: median <= 30 ms, never > 100 ms")
	groupBy := func() {
		rows, err := db.read.QueryContext(ctx, "SELECT region, count(*) FROM contacts WHERE birth_date <> '' AND birth_date <= '2008-12-01' GROUP BY region")
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
		}
		rows.Close()
	}
	broad := segment.Filter{Root: segment.Node{Field: "age", Op: "atLeast", Values: []string{"18"}}}
	broad.Validate(today)
	add("segment breakdown (age, gender, regions, titles) of adults", median(5, func() {
		cols.Breakdown(cols.Eval(&broad, today), today)
	}), median(5, groupBy), "floor: one GROUP BY region in SQL; goal <= 300 ms")
	add("micro-segment explorer: age band x region of adults", median(5, func() {
		cols.Explore(broad.Root, cols.Eval(&broad, today), "ageBand", "region", today, nil)
	}), median(5, groupBy), "floor: one GROUP BY region in SQL; goal <= 300 ms")
	lost := segment.Filter{Root: segment.Node{All: []segment.Node{{Field: "lifecycle", Op: "in", Values: []string{"lost", "lapsing"}}, {Field: "valueTier", Op: "in", Values: []string{"A"}}}}}
	lost.Validate(today)
	add("segment count: lost or lapsing A customers", median(5, func() { cols.Count(&lost, today) }), median(5, scan), "floor: one full-scan count in SQL")
	recent := segment.Filter{Root: segment.Node{All: []segment.Node{
		{Field: "orderCount", Op: "atLeast", Values: []string{"1"}, Days: 365},
		{Field: "gender", Op: "in", Values: []string{"female"}}}}}
	recent.Validate(today)
	orderValues := func(n *segment.Node) (map[int64]int64, error) { return db.OrderValues(ctx, n, today) }
	add("segment count: women who bought in the last year", median(3, func() {
		if _, err := cols.EvalWith(&recent, today, orderValues); err != nil {
			t.Fatal(err)
		}
	}), median(3, func() {
		db.read.QueryRowContext(ctx, "SELECT count(DISTINCT contact_id) FROM orders WHERE date >= ?", segment.DaysAgo(365, today)).Scan(new(int))
	}), "floor: one SQL count of last year's buyers (the window is answered from the orders in SQL)")
	add("segment count in SQL (the compiler, first filter)",
		median(3, func() {
			if _, err := db.CountFilter(ctx, &filters[0], today, &cols.Bounds); err != nil {
				t.Fatal(err)
			}
		}), median(5, scan), "the reference the columns are tested against")
}

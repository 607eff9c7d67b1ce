package campaign

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"directdesk/backend/demo"
	"directdesk/backend/marketing"
	"directdesk/backend/segment"
	"directdesk/backend/store"
)

// TestPreflightBenchReport is the campaign part of the privacy figures in
// `make bench`: the preflight of a four-channel campaign (letter, email,
// SMS, phone) to DIRECTDESK_BENCH_CAMPAIGN demo contacts (default 100,000)
// with a register, erased people and STOP replies in the workspace, beside
// a floor of the same contact reads without the privacy facts, in the same
// run. It never fails on timings. (It lives here, not in backend/store,
// because store cannot import campaign.)
func TestPreflightBenchReport(t *testing.T) {
	if os.Getenv("DIRECTDESK_BENCH") == "" {
		t.Skip("set DIRECTDESK_BENCH=1 (make bench)")
	}
	n := 100_000
	if v, err := strconv.Atoi(os.Getenv("DIRECTDESK_BENCH_CAMPAIGN")); err == nil && v > 0 {
		n = v
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "preflight.db")
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	f := &fixture{t: t, ctx: ctx, db: db, now: monday10}
	clock := func() time.Time { return f.now }
	db.Now = clock
	f.s = New(db)
	f.s.Now = clock
	seg := segment.Saved{Name: "Everyone", Kind: segment.Dynamic, Filter: segment.Filter{Version: 1, Root: segment.Node{All: []segment.Node{{Field: "kind", Op: "in", Values: []string{"customer", "prospect"}}}}}}
	if err := db.SaveSegment(ctx, &seg); err != nil {
		t.Fatal(err)
	}
	f.segment = seg.ID

	// n demo contacts with their orders, as the store's bench workspace.
	start := time.Now()
	gen := demo.New(20261123, f.now)
	products := gen.Products("DKK")
	if err := db.UpsertProducts(ctx, products); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	var regKeys []string
	for i := 0; i < n; i += 10000 {
		b := &store.ContactBatch{EventKind: marketing.EventCreated, EventSummary: "Demo contact created"}
		for k := i; k < min(i+10000, n); k++ {
			c := gen.Contact(k)
			b.Contacts = append(b.Contacts, c)
			b.Orders = append(b.Orders, gen.Orders(k, &c, products))
		}
		if err := db.InsertContactBatch(ctx, b); err != nil {
			t.Fatal(err)
		}
		for k, c := range b.Contacts {
			ids = append(ids, c.ID)
			// A tenth of the people are on the register: by number or
			// by name and address.
			switch {
			case k%20 == 0 && c.Mobile != "":
				regKeys = append(regKeys, marketing.RegisterPhoneKey(c.Mobile))
			case k%20 == 10:
				regKeys = append(regKeys, marketing.RegisterNameKey(c.FirstName, c.LastName, c.Street1, c.Postcode))
			}
		}
	}
	// The rest of the register: as many people again who are not ours.
	for i := len(regKeys); i < n; i++ {
		regKeys = append(regKeys, fmt.Sprintf("p:+4599%06d", i))
	}
	_, err = db.ReplaceRegister(ctx, store.RegisterFile{Register: marketing.RegisterRobinson, FileName: "robinson.csv", ListDate: f.now.Format(time.DateOnly), By: "bench"},
		func(yield func(string, error) bool) {
			for _, k := range regKeys {
				if !yield(k, nil) {
					return
				}
			}
		})
	if err != nil {
		t.Fatal(err)
	}
	// Some erased people and STOP replies, written straight into the file.
	raw, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=10000&_cache_size=-65536")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	raw.SetMaxOpenConns(1)
	erased, stops := 0, 0
	r, err := raw.QueryContext(ctx, `SELECT id, coalesce(email_fold, ''), mobile FROM contacts WHERE id % 100 IN (7, 1)`)
	if err != nil {
		t.Fatal(err)
	}
	var hashes, mobiles []string
	for r.Next() {
		var id int64
		var email, mobile string
		r.Scan(&id, &email, &mobile)
		if id%100 == 7 && email != "" && id%1000 == 7 {
			hashes = append(hashes, db.HashEmail(email))
		} else if id%100 == 1 && mobile != "" {
			mobiles = append(mobiles, mobile)
		}
	}
	r.Close()
	for _, h := range hashes {
		if _, err := raw.ExecContext(ctx, `INSERT OR IGNORE INTO erased_hashes (hash, kind, created_at) VALUES (?, 'email', '2026-01-01')`, h); err != nil {
			t.Fatal(err)
		}
		erased++
	}
	for _, m := range mobiles {
		if _, err := raw.ExecContext(ctx, `INSERT OR IGNORE INTO phone_suppressions (phone, reason, source, created_at) VALUES (?, 'stop', 'bench', '2026-01-01')`, m); err != nil {
			t.Fatal(err)
		}
		stops++
	}
	setup := time.Since(start)

	lt := f.template(marketing.KindLetter, "Letter", "<p>Dear {{first_name}}</p>")
	et := f.template(marketing.KindEmail, "Email", "")
	a := f.account()
	c := f.draft("Bench preflight",
		letter(lt, 0),
		marketing.Touch{Channel: marketing.TouchEmail, TemplateID: et.ID, AccountID: a.ID, OffsetDays: 3},
		marketing.Touch{Channel: marketing.TouchSMS, SMSText: "Spring offer", OffsetDays: 7},
		marketing.Touch{Channel: marketing.TouchPhone, OffsetDays: 14, Script: "Call"})

	var pf marketing.CampaignPreflight
	ours := benchMedian(3, func() {
		if pf, err = f.s.Preflight(ctx, c.ID, ids); err != nil {
			t.Fatal(err)
		}
	})
	// The floor: the campaign columns the preflight reads (store's
	// campaignContactCols without privacyCols) in the same 500-id chunks,
	// twice, as the preflight reads the target group twice (the plan, then
	// the reach of each channel).
	plain := func() {
		for start := 0; start < len(ids); start += 500 {
			part := ids[start:min(len(ids), start+500)]
			args := []any{marketing.Timestamp(f.now.AddDate(0, 0, -30))}
			for _, id := range part {
				args = append(args, id)
			}
			rows, err := raw.QueryContext(ctx, plainCampaignCols+` WHERE c.id IN (`+strings.TrimSuffix(strings.Repeat("?,", len(part)), ",")+`)`, args...)
			if err != nil {
				t.Fatal(err)
			}
			cs, _ := rows.Columns()
			dest := make([]any, len(cs))
			for i := range dest {
				dest[i] = new(sql.RawBytes)
			}
			for rows.Next() {
				if err := rows.Scan(dest...); err != nil {
					t.Fatal(err)
				}
			}
			rows.Close()
		}
	}
	floor := benchMedian(3, func() { plain(); plain() })
	contacts := benchMedian(3, func() {
		if _, err := db.CampaignContacts(ctx, ids, marketing.Timestamp(f.now.AddDate(0, 0, -30))); err != nil {
			t.Fatal(err)
		}
	})
	once := benchMedian(3, plain)
	facts := benchMedian(3, func() {
		if _, err := db.ContactPrivacy(ctx, ids); err != nil {
			t.Fatal(err)
		}
	})

	var excl []string
	for _, e := range pf.Exclusions {
		excl = append(excl, fmt.Sprintf("%s %d", e.Reason, e.Count))
	}
	var reach []string
	for _, tf := range pf.Touches {
		reach = append(reach, fmt.Sprintf("%s %d", tf.Channel, tf.Reach))
	}
	fmt.Printf("\nDirectDesk preflight benchmark: %d contacts (set up in %.1f s), register of %d keys, %d erased, %d STOP numbers\n",
		n, setup.Seconds(), len(regKeys), erased, stops)
	fmt.Printf("preflight: target %d, control %d; excluded: %s; reach: %s\n", pf.Target, pf.Control, strings.Join(excl, ", "), strings.Join(reach, ", "))
	fmt.Printf("%-56s %12s %12s %8s  %s\n", "figure", "ours", "floor", "ratio", "")
	for _, r := range []struct {
		name        string
		ours, floor time.Duration
		note        string
	}{
		{fmt.Sprintf("preflight, 4 channels, %d members", len(ids)), ours, floor, "floor: the campaign columns without the privacy facts, read twice (as the preflight does)"},
		{fmt.Sprintf("  part: CampaignContacts of %d (with privacy facts)", len(ids)), contacts, once, "floor: the same columns without the privacy facts, once"},
		{fmt.Sprintf("  part: ContactPrivacy of %d", len(ids)), facts, once, "floor: as above (the privacy facts alone cost this much)"},
	} {
		fmt.Printf("%-56s %12s %12s %7.2fx  %s\n", r.name, benchMS(r.ours), benchMS(r.floor), float64(r.ours)/float64(max(r.floor, 1)), r.note)
	}
	fmt.Println()
}

// plainCampaignCols is store's campaignContactCols without privacyCols
// (kept in step by hand; it is only the floor of a benchmark).
const plainCampaignCols = `SELECT c.id, c.first_name, c.middle_name, c.last_name, c.company, c.kind, c.email, c.mobile, c.phone,
	c.street1, c.street2, c.postcode, c.city, c.country,
	coalesce((SELECT status FROM contact_consent k WHERE k.contact_id = c.id AND k.channel = 'email'), ''),
	coalesce((SELECT status FROM contact_consent k WHERE k.contact_id = c.id AND k.channel = 'sms'), ''),
	coalesce((SELECT status FROM contact_consent k WHERE k.contact_id = c.id AND k.channel = 'post'), ''),
	coalesce((SELECT status FROM contact_consent k WHERE k.contact_id = c.id AND k.channel = 'phone'), ''),
	c.email_fold IS NOT NULL AND EXISTS (SELECT 1 FROM suppressions s WHERE s.email_fold = c.email_fold),
	(SELECT count(*) FROM contact_touches ct WHERE ct.contact_id = c.id AND ct.at >= ?),
	(SELECT count(*) FROM orders o WHERE o.contact_id = c.id),
	coalesce((SELECT max(o.date) FROM orders o WHERE o.contact_id = c.id), ''),
	coalesce((SELECT sum(o.total_minor) FROM orders o WHERE o.contact_id = c.id), 0),
	c.country, c.kind, coalesce(c.list_id, 0)
	FROM contacts c`

func benchMedian(runs int, fn func()) time.Duration {
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

func benchMS(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }

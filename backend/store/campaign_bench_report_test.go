package store

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"directdesk/backend/marketing"
)

// TestCampaignBenchReport is the campaigns part of `make bench`: a launched
// campaign of DIRECTDESK_BENCH_CAMPAIGN members (default 100,000) with a
// letter, an SMS and a phone touch released, and what its screens read
// (results, the call list, the campaign list) beside a floor of bare SQL
// doing the same minimal work in the same run. It never fails on timings.
func TestCampaignBenchReport(t *testing.T) {
	if os.Getenv("DIRECTDESK_BENCH") == "" {
		t.Skip("set DIRECTDESK_BENCH=1 (make bench)")
	}
	n := 100_000
	if v, err := strconv.Atoi(os.Getenv("DIRECTDESK_BENCH_CAMPAIGN")); err == nil && v > 0 {
		n = v
	}
	ctx := context.Background()
	// The contacts come from the cached bench workspace of that size; the
	// campaign goes into a copy, so the cache stays as TestBenchReport
	// expects it.
	path := filepath.Join(t.TempDir(), "campaign.db")
	copyFile(t, cachedBenchWorkspace(t, n), path)
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	now := time.Now().UTC().Truncate(time.Second)
	setupStart := time.Now()
	id, touches := benchCampaign(t, db, now)
	setup := time.Since(setupStart)
	var members, work int
	db.read.QueryRowContext(ctx, `SELECT count(*) FROM campaign_members WHERE campaign_id = ?`, id).Scan(&members)
	db.read.QueryRowContext(ctx, `SELECT count(*) FROM touch_work`).Scan(&work)

	var rows []benchRow
	add := func(name string, ours, floor time.Duration, note string) {
		rows = append(rows, benchRow{name, ours, floor, note})
	}
	bare := func(query string, args ...any) func() {
		return func() {
			r, err := db.read.QueryContext(ctx, query, args...)
			if err != nil {
				t.Fatal(err)
			}
			for r.Next() {
			}
			if err := r.Err(); err != nil {
				t.Fatal(err)
			}
			r.Close()
		}
	}

	add(fmt.Sprintf("results of a campaign of %d, 3 touches", members),
		median(5, func() {
			if _, err := db.CampaignResultFacts(ctx, id, now); err != nil {
				t.Fatal(err)
			}
		}),
		median(5, bare(`SELECT w.touch_id, m.lifecycle, count(*), sum(w.state = 'done'), sum(w.cost_minor)
			FROM touch_work w JOIN campaign_members m ON m.campaign_id = ? AND m.contact_id = w.contact_id
			WHERE w.touch_id IN (?, ?, ?) GROUP BY w.touch_id, m.lifecycle`, id, touches[0], touches[1], touches[2])),
		"floor: one grouped count/sum over touch_work x campaign_members")
	phone := touches[2]
	localNow := now.Format("2006-01-02T15:04")
	add("call list: first page of 50 in call order",
		median(21, func() {
			if _, _, _, err := db.WorkPage(ctx, WorkFilter{TouchID: phone, Channel: marketing.TouchPhone, Limit: 50, LocalNow: localNow}); err != nil {
				t.Fatal(err)
			}
		}),
		median(21, bare(`SELECT id, contact_id, state, priority FROM touch_work WHERE touch_id = ? ORDER BY priority DESC LIMIT 50`, phone)),
		"floor: bare SELECT of 50 rows by priority (no counts, names or codes)")
	add("call list: first page of 50 due calls",
		median(21, func() {
			if _, _, _, err := db.WorkPage(ctx, WorkFilter{TouchID: phone, Channel: marketing.TouchPhone, State: marketing.WorkDue, Limit: 50, LocalNow: localNow}); err != nil {
				t.Fatal(err)
			}
		}),
		median(21, bare(`SELECT id, contact_id, state, priority FROM touch_work WHERE touch_id = ? AND state = 'due' ORDER BY priority DESC LIMIT 50`, phone)),
		"floor: bare SELECT of 50 due rows by priority")
	add("campaign list figures (every campaign)",
		median(11, func() {
			if _, err := db.AllCampaignFigures(ctx); err != nil {
				t.Fatal(err)
			}
		}),
		median(11, bare(`SELECT count(*) FROM campaign_members`)),
		"floor: count(*) over campaign_members (ours also sums done work and responses)")

	fmt.Printf("\nDirectDesk campaign benchmarks: %d members, %d work rows, set up (launch + 3 releases) in %.1f s (%s)\n",
		members, work, setup.Seconds(), path)
	fmt.Printf("%-52s %12s %12s %8s  %s\n", "figure", "ours", "floor", "ratio", "")
	for _, r := range rows {
		fmt.Printf("%-52s %12s %12s %7.2fx  %s\n", r.name, ms(r.ours), ms(r.floor), float64(r.ours)/float64(max(r.floor, 1)), r.note)
	}
	fmt.Println()
}

// cachedBenchWorkspace returns the cached bench workspace of n demo
// contacts (as TestBenchReport keeps it), building it the first time.
func cachedBenchWorkspace(t *testing.T, n int) string {
	dir := filepath.Join("..", "..", "build", "bench")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, fmt.Sprintf("contacts-%d-%s.db", n, schemaHash()))
	if _, err := os.Stat(path); err != nil {
		buildBenchWorkspace(t, path+".tmp", n)
		if err := os.Rename(path+".tmp", path); err != nil {
			t.Fatal(err)
		}
		os.Remove(path + ".tmp-wal")
		os.Remove(path + ".tmp-shm")
	}
	return path
}

func copyFile(t *testing.T, from, to string) {
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// benchCampaign launches a campaign of every contact (a tenth in the
// control group) through the store's own launch and release, with a
// letter, an SMS and a phone touch, then marks work done and adds
// responses in SQL as weeks of use would. Returns the campaign and its
// touches in order.
func benchCampaign(t *testing.T, db *DB, now time.Time) (int64, []int64) {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(8, 8))
	c := marketing.Campaign{Name: "Bench spring", KPI: marketing.KPIResponseRate, Currency: "DKK", StopOn: []string{},
		ControlPct: 10, OrderValueMinor: 45000, MarginPct: 40, PressureDays: 30, AttributionDays: 30,
		Touches: []marketing.Touch{
			{Name: "Letter", Channel: marketing.TouchLetter, TemplateID: 1, UnitCostMinor: 1200},
			{Name: "SMS", Channel: marketing.TouchSMS, SMSText: "Spring offer", OffsetDays: 7, UnitCostMinor: 50},
			{Name: "Call", Channel: marketing.TouchPhone, OffsetDays: 14, UnitCostMinor: 2500},
		}}
	launched := now.AddDate(0, 0, -20)
	if err := db.SaveCampaignDraft(ctx, &c, marketing.Timestamp(launched)); err != nil {
		t.Fatal(err)
	}
	ids := []int64{}
	rows, err := db.read.QueryContext(ctx, `SELECT id FROM contacts ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		ids = append(ids, id)
	}
	rows.Close()
	stages := []string{"new", "active", "loyal", "lapsing", "lost", "prospect"}
	l := &CampaignLaunch{ID: c.ID, Status: marketing.CampaignRunning, StartDate: launched.Format(time.DateOnly), CodeKey: c.Name,
		Now: marketing.Timestamp(launched), Seqs: map[int64]int{}, Versions: map[int64]int{}}
	for i, tc := range c.Touches {
		l.Seqs[tc.ID] = i + 1
	}
	for _, id := range ids {
		m := CampaignMember{ContactID: id, Group: marketing.GroupTarget, Lifecycle: stages[r.IntN(len(stages))]}
		if r.IntN(10) == 0 {
			m.Group = marketing.GroupControl
		}
		l.Members = append(l.Members, m)
	}
	if err := db.LaunchCampaign(ctx, l); err != nil {
		t.Fatal(err)
	}
	touches := []int64{}
	for i, tc := range c.Touches {
		_, err := db.ReleaseTouch(ctx, tc.ID, launched.AddDate(0, 0, tc.OffsetDays), func(in *ReleaseInput) ([]ReleaseRow, error) {
			out := make([]ReleaseRow, 0, len(in.Members))
			for _, m := range in.Members {
				row := ReleaseRow{ContactID: m.ID, Priority: r.IntN(1000)}
				if r.IntN(20) == 0 {
					row.Reason = marketing.SkipNoConsent
				}
				out = append(out, row)
			}
			return out, nil
		})
		if err != nil {
			t.Fatalf("release of touch %d: %v", i+1, err)
		}
		touches = append(touches, tc.ID)
	}
	// The letters were posted and the SMS sent; a third of the calls were
	// made; some people responded.
	ts := marketing.Timestamp(now)
	for i, q := range []string{
		`UPDATE touch_work SET state = 'done', done_at = ?, cost_minor = 1200 WHERE touch_id = ? AND state = 'due'`,
		`UPDATE touch_work SET state = 'done', done_at = ?, parts = 1, cost_minor = 50 WHERE touch_id = ? AND state = 'due'`,
		`UPDATE touch_work SET state = 'done', done_at = ?, outcome = 'reached', attempts = 1, cost_minor = 2500 WHERE touch_id = ? AND state = 'due' AND id % 3 = 0`,
	} {
		if _, err := db.write.ExecContext(ctx, q, ts, touches[i]); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.write.ExecContext(ctx, `UPDATE touch_work SET callback_at = ? WHERE touch_id = ? AND state = 'due' AND id % 7 = 0`,
		now.Add(-time.Hour).Format("2006-01-02T15:04"), touches[2]); err != nil {
		t.Fatal(err)
	}
	if _, err := db.write.ExecContext(ctx, `INSERT INTO responses (campaign_id, touch_id, contact_id, kind, at, value_minor, source, grp, created_at)
		SELECT m.campaign_id, ?, m.contact_id, CASE WHEN m.contact_id % 2 = 0 THEN 'order' ELSE 'coupon' END, ?,
			CASE WHEN m.contact_id % 2 = 0 THEN 45000 ELSE 0 END, 'import', m.grp, ?
		FROM campaign_members m WHERE m.campaign_id = ? AND m.contact_id % 29 = 0`, touches[0], ts, ts, c.ID); err != nil {
		t.Fatal(err)
	}
	return c.ID, touches
}

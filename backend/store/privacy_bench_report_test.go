package store

import (
	"context"
	"database/sql"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"directdesk/backend/marketing"
)

// TestPrivacyBenchReport is the privacy part of `make bench`, on a copy of
// the cached bench workspace (DIRECTDESK_BENCH_CONTACTS, default
// 1,000,000): a register import of as many keys (half phone, half name
// keys) with its peak heap, the register's match count, and the privacy
// facts every send check reads (ContactPrivacy) for 100,000 people, each
// beside a floor of bare SQL doing the same minimal work in the same run.
// Diagnostic rows split a figure into its parts. It never fails on timings.
func TestPrivacyBenchReport(t *testing.T) {
	if os.Getenv("DIRECTDESK_BENCH") == "" {
		t.Skip("set DIRECTDESK_BENCH=1 (make bench)")
	}
	n := 1_000_000
	if v, err := strconv.Atoi(os.Getenv("DIRECTDESK_BENCH_CONTACTS")); err == nil && v > 0 {
		n = v
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "privacy.db")
	copyFile(t, cachedBenchWorkspace(t, n), path)
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	var rows []benchRow
	add := func(name string, ours, floor time.Duration, note string) {
		rows = append(rows, benchRow{name, ours, floor, note})
	}
	exec := func(q string, args ...any) {
		if _, err := db.write.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	count := func(q string, args ...any) int {
		var k int
		if err := db.read.QueryRowContext(ctx, q, args...).Scan(&k); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return k
	}

	// The register file: as many keys as contacts, half phone and half
	// name keys. A tenth of the contacts are on it (by phone or by name and
	// address, read from the workspace); the rest of the keys are people
	// who are not customers, as in a real register.
	keys := benchRegisterKeys(t, db, n)
	var phoneKeys, nameKeys int
	for _, k := range keys {
		if strings.HasPrefix(k, "p:") {
			phoneKeys++
		} else {
			nameKeys++
		}
	}
	seq := func(yield func(string, error) bool) {
		for _, k := range keys {
			if !yield(k, nil) {
				return
			}
		}
	}

	// 1. Register import, first into an empty table, then the monthly
	// refresh that replaces it, with the heap sampled while it runs.
	file := RegisterFile{Register: marketing.RegisterRobinson, FileName: "robinson.csv", ListDate: time.Now().Format(time.DateOnly), By: "bench"}
	var stored int
	importOnce := func() {
		if stored, err = db.ReplaceRegister(ctx, file, iter.Seq2[string, error](seq)); err != nil {
			t.Fatal(err)
		}
	}
	// bareImport is the floor: the same keys into the scratch table with
	// bare INSERTs in one transaction (after a bare DELETE when replacing).
	bareImport := func(replace bool) func() {
		return func() {
			tx, err := db.write.BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			if replace {
				if _, err := tx.ExecContext(ctx, `DELETE FROM bench_register`); err != nil {
					t.Fatal(err)
				}
			}
			ins, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO bench_register (key, register) VALUES (?, ?)`)
			if err != nil {
				t.Fatal(err)
			}
			for _, k := range keys {
				if _, err := ins.ExecContext(ctx, k, file.Register); err != nil {
					t.Fatal(err)
				}
			}
			ins.Close()
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
		}
	}
	first, peak, alloc := measureHeap(importOnce)
	exec(`CREATE TABLE bench_register (key TEXT NOT NULL, register TEXT NOT NULL, PRIMARY KEY (key, register)) WITHOUT ROWID`)
	floor := timeIt(bareImport(false))
	add(fmt.Sprintf("register import: %d keys into an empty register", len(keys)), first, floor,
		fmt.Sprintf("floor: bare INSERTs into a WITHOUT ROWID (key, register) table, one tx; %d stored", stored))
	add("register import: peak heap above the keys held by the test", 0, 0,
		fmt.Sprintf("%.1f MB peak (HeapAlloc sampled every 10 ms), %.0f MB allocated in all", mb(peak), mb(alloc)))
	replace, peak2, _ := measureHeap(importOnce)
	floorReplace := timeIt(bareImport(true))
	add("register import: replace the stored file (refresh)", replace, floorReplace,
		fmt.Sprintf("floor: bare DELETE + INSERTs into the scratch table, one tx; peak heap %.1f MB", mb(peak2)))
	// Part: the scratch table with register_entries' second index.
	exec(`DELETE FROM bench_register`)
	exec(`CREATE INDEX bench_register_register ON bench_register (register)`)
	add("  part: the floor with register_entries' (register) index", timeIt(bareImport(false)), floor, "diagnostic: what the second index costs an import")
	exec(`DROP TABLE bench_register`)
	exec(`CREATE TABLE bench_register (key TEXT NOT NULL, register TEXT NOT NULL REFERENCES registers (register) ON DELETE CASCADE,
		PRIMARY KEY (key, register)) WITHOUT ROWID`)
	exec(`CREATE INDEX bench_register_register ON bench_register (register)`)
	add("  part: ... and its foreign key (register_entries' shape)", timeIt(bareImport(false)), floor, "diagnostic: the index and the parent-key check per row")
	exec(`DROP TABLE bench_register`)

	// Some erased people and STOP replies, so that those lookups can hit.
	exec(`INSERT OR IGNORE INTO erased_hashes (hash, kind, created_at)
		SELECT dd_hmac(email_fold), 'email', '2026-01-01' FROM contacts WHERE id % 1000 = 7 AND email_fold IS NOT NULL`)
	exec(`INSERT OR IGNORE INTO phone_suppressions (phone, reason, source, created_at)
		SELECT mobile, 'stop', 'bench', '2026-01-01' FROM contacts WHERE id % 100 = 1 AND mobile <> ''`)
	// No ANALYZE: the app never runs it, so the plans are the ones users get.
	erased, suppressed := count(`SELECT count(*) FROM erased_hashes`), count(`SELECT count(*) FROM phone_suppressions`)

	// 2. Register matches: the count the Registers page shows.
	// The counts are cached until the next write; a moved write
	// generation makes each run count afresh, as after any change.
	var matches int
	registers := func() {
		rs, err := db.Registers(ctx)
		if err != nil {
			t.Fatal(err)
		}
		matches = 0
		for _, r := range rs {
			matches += r.Matches
		}
	}
	cached := median(5, registers)
	ours := median(3, func() {
		db.writes.Add(1)
		rs, err := db.Registers(ctx)
		if err != nil {
			t.Fatal(err)
		}
		matches = 0
		for _, r := range rs {
			matches += r.Matches
		}
	})
	exec(`CREATE TABLE bench_phones (phone TEXT PRIMARY KEY) WITHOUT ROWID`)
	exec(`INSERT INTO bench_phones SELECT substr(key, 3) FROM register_entries WHERE register = ? AND key LIKE 'p:%'`, file.Register)
	phoneFloor := median(3, func() {
		count(`SELECT count(*) FROM (SELECT c.id FROM bench_phones b JOIN contacts c ON c.phone = b.phone AND c.phone <> ''
			UNION SELECT c.id FROM bench_phones b JOIN contacts c ON c.mobile = b.phone AND c.mobile <> '')`)
	})
	add(fmt.Sprintf("register matches over %d contacts (Registers)", n), ours, phoneFloor,
		fmt.Sprintf("floor: indexed count of contacts whose phone or mobile is in a table of the %d phones; %d matches", phoneKeys, matches))
	add("  the same, cached (no write since)", cached, phoneFloor, "the cache of registers.go: valid until the next write")
	add("  part: the same scan, phone keys only (no dd_regkey)", median(3, func() {
		count(`SELECT count(*) FROM contacts c WHERE EXISTS (SELECT 1 FROM register_entries e WHERE e.register = ? AND e.key IN ('p:' || c.phone, 'p:' || c.mobile))`, file.Register)
	}), phoneFloor, "diagnostic: registerMatch without the name key")
	add("  part: dd_regkey of every contact, no lookup", median(3, func() {
		count(`SELECT count(*) FROM contacts c WHERE dd_regkey(c.first_name, c.last_name, c.street1, c.postcode) <> ''`)
	}), phoneFloor, "diagnostic: the Go name key computed per row")
	add("  part: full scan reading the key columns", median(3, func() {
		count(`SELECT count(*) FROM contacts c WHERE c.phone || c.mobile || c.first_name || c.last_name || c.street1 || c.postcode <> ''`)
	}), phoneFloor, "diagnostic: the row reads alone")
	// Fix sketch: the name key stored with the contact (here a side table
	// joined by id, an upper bound of a contacts column).
	exec(`CREATE TABLE bench_regkeys (id INTEGER PRIMARY KEY, key TEXT NOT NULL)`)
	exec(`INSERT INTO bench_regkeys SELECT id, dd_regkey(first_name, last_name, street1, postcode) FROM contacts`)
	add("  fix sketch: name key stored, no dd_regkey per row", median(3, func() {
		count(`SELECT count(*) FROM contacts c JOIN bench_regkeys k ON k.id = c.id
			WHERE EXISTS (SELECT 1 FROM register_entries e WHERE e.register = ? AND e.key IN ('p:' || c.phone, 'p:' || c.mobile, k.key))`, file.Register)
	}), phoneFloor, "diagnostic: the stored key read from a side table joined by id")
	exec(`DROP TABLE bench_phones`)

	// 3. The privacy facts of a send check for 100,000 people (a tenth of
	// the ids, spread over the table as a segment is).
	var ids []int64
	step := max(1, n/100_000)
	r, err := db.read.QueryContext(ctx, `SELECT id FROM contacts WHERE id % ? = ? ORDER BY id LIMIT 100000`, step, 3%step)
	if err != nil {
		t.Fatal(err)
	}
	for r.Next() {
		var id int64
		r.Scan(&id)
		ids = append(ids, id)
	}
	r.Close()
	var facts map[int64]PrivacyFacts
	ours = median(3, func() {
		if facts, err = db.ContactPrivacy(ctx, ids); err != nil {
			t.Fatal(err)
		}
	})
	var onRegister, isErased, isSuppressed int
	for _, f := range facts {
		if f.Register != "" {
			onRegister++
		}
		if f.Erased {
			isErased++
		}
		if f.PhoneSuppressed {
			isSuppressed++
		}
	}
	byChunks := func(cols string) func() {
		return func() {
			for start := 0; start < len(ids); start += 500 {
				part := ids[start:min(len(ids), start+500)]
				rows, err := db.read.QueryContext(ctx, "SELECT c.id, "+cols+" FROM contacts c WHERE c.id IN ("+qmarks(len(part))+")", int64Args(part)...)
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
	}
	plain := byChunks(`c.country, c.kind, c.phone, c.mobile, c.email_fold, c.first_name, c.last_name, c.street1, c.postcode, coalesce(c.list_id, 0)`)
	plainFloor := median(3, plain)
	add(fmt.Sprintf("ContactPrivacy of %d ids", len(ids)), ours, plainFloor,
		fmt.Sprintf("floor: the same rows' plain columns, same 500-id chunks; %d on the register, %d erased, %d phone-suppressed", onRegister, isErased, isSuppressed))
	regOnly := `coalesce((SELECT min(e.register) FROM register_entries e WHERE e.key IN ('p:' || c.phone, 'p:' || c.mobile, dd_regkey(c.first_name, c.last_name, c.street1, c.postcode))), '')`
	add("  part: register lookup only", median(3, byChunks(regOnly)), plainFloor, "diagnostic: dd_regkey + 3 key probes")
	add("  part: register lookup, phone keys only", median(3, byChunks(`EXISTS (SELECT 1 FROM register_entries e WHERE e.key IN ('p:' || c.phone, 'p:' || c.mobile))`)), plainFloor, "diagnostic: 2 key probes, no dd_regkey")
	add("  part: erased lookup only", median(3, byChunks(`EXISTS (SELECT 1 FROM erased_hashes h WHERE h.hash IN (dd_hmac(c.email_fold), dd_hmac(c.phone), dd_hmac(c.mobile)))`)), plainFloor,
		fmt.Sprintf("diagnostic: 3 dd_hmac + probes; %d erased hashes", erased))
	add("  part: dd_hmac x3 alone", median(3, byChunks(`dd_hmac(c.email_fold), dd_hmac(c.phone), dd_hmac(c.mobile)`)), plainFloor, "diagnostic: the HMACs, no lookup")
	add("  part: a cheap Go SQL function x3 (dd_fold)", median(3, byChunks(`dd_fold(c.email), dd_fold(c.phone), dd_fold(c.mobile)`)), plainFloor, "diagnostic: the cost of calling into Go from SQL")
	add("  fix sketch: dd_hmac only of non-empty values", median(3, byChunks(`EXISTS (SELECT 1 FROM erased_hashes h WHERE h.hash IN (
		CASE WHEN c.email_fold <> '' THEN dd_hmac(c.email_fold) END, CASE WHEN c.phone <> '' THEN dd_hmac(c.phone) END, CASE WHEN c.mobile <> '' THEN dd_hmac(c.mobile) END))`)), plainFloor,
		"diagnostic: no call into Go for an empty value")
	add("  fix sketch: register lookup with the stored name key", median(3, byChunks(`coalesce((SELECT min(e.register) FROM register_entries e
		WHERE e.key IN ('p:' || c.phone, 'p:' || c.mobile, (SELECT k.key FROM bench_regkeys k WHERE k.id = c.id))), '')`)), plainFloor,
		"diagnostic: the key read from the side table")
	add("  part: phone suppression lookup only", median(3, byChunks(`EXISTS (SELECT 1 FROM phone_suppressions p WHERE p.phone IN (c.phone, c.mobile))`)), plainFloor,
		fmt.Sprintf("diagnostic: 2 probes; %d suppressed numbers", suppressed))
	add(fmt.Sprintf("ContactPrivacy of %d ids, measured again", len(ids)), median(3, func() {
		if _, err := db.ContactPrivacy(ctx, ids); err != nil {
			t.Fatal(err)
		}
	}), median(3, plain), "the first figure again, to show the noise of a shared machine")

	exec(`DROP TABLE bench_regkeys`)

	fmt.Printf("\nDirectDesk privacy benchmarks on %d contacts; register of %d keys (%d phone, %d name)\n", n, len(keys), phoneKeys, nameKeys)
	fmt.Printf("%-56s %12s %12s %8s  %s\n", "figure", "ours", "floor", "ratio", "")
	for _, r := range rows {
		if r.ours == 0 && r.floor == 0 {
			fmt.Printf("%-56s %12s %12s %8s  %s\n", r.name, "", "", "", r.note)
			continue
		}
		fmt.Printf("%-56s %12s %12s %7.2fx  %s\n", r.name, ms(r.ours), ms(r.floor), float64(r.ours)/float64(max(r.floor, 1)), r.note)
	}
	fmt.Println()
	for _, q := range []struct{ name, sql string }{
		{"register matches", `SELECT count(*) FROM contacts c WHERE ` + registerMatch},
		{"ContactPrivacy", `SELECT c.id, ` + privacyCols + ` FROM contacts c WHERE c.id IN (1, 2, 3)`},
	} {
		fmt.Printf("EXPLAIN QUERY PLAN, %s:\n", q.name)
		args := []any{}
		if strings.Contains(q.sql, "?") {
			args = append(args, file.Register)
		}
		r, err := db.read.QueryContext(ctx, "EXPLAIN QUERY PLAN "+q.sql, args...)
		if err != nil {
			t.Fatal(err)
		}
		for r.Next() {
			var id, parent, notused int
			var detail string
			r.Scan(&id, &parent, &notused, &detail)
			fmt.Printf("  %d %d %s\n", id, parent, detail)
		}
		r.Close()
	}
	fmt.Println()
}

// benchRegisterKeys makes n register keys, half phone and half name keys:
// those of every tenth contact (phone keys from some, name keys from
// others), the rest made up. The order is shuffled, as a file's is not
// sorted by our keys.
func benchRegisterKeys(t *testing.T, db *DB, n int) []string {
	ctx := context.Background()
	keys := make([]string, 0, n)
	rows, err := db.read.QueryContext(ctx, `SELECT id, phone, mobile, first_name, last_name, street1, postcode FROM contacts WHERE id % 10 IN (0, 5)`)
	if err != nil {
		t.Fatal(err)
	}
	var phones, names int
	for rows.Next() {
		var id int64
		var phone, mobile, first, last, street, postcode string
		if err := rows.Scan(&id, &phone, &mobile, &first, &last, &street, &postcode); err != nil {
			t.Fatal(err)
		}
		switch {
		case id%10 == 0 && (mobile != "" || phone != "") && phones < n/2:
			keys = append(keys, marketing.RegisterPhoneKey(firstNonEmpty(mobile, phone)))
			phones++
		case id%10 == 5 && names < n/2:
			if k := regKey(first, last, street, postcode); k != "" {
				keys = append(keys, k)
				names++
			}
		}
	}
	rows.Close()
	for i := 0; phones < n/2; i++ {
		keys = append(keys, fmt.Sprintf("p:+4599%06d", i))
		phones++
	}
	for i := 0; names < n-n/2; i++ {
		keys = append(keys, fmt.Sprintf("n:bench person %d|nowhere street %d|%04d", i, i%200, i%10000))
		names++
	}
	// A fixed shuffle, so every run inserts in the same order.
	s := uint64(88172645463325252)
	for i := len(keys) - 1; i > 0; i-- {
		s ^= s << 13
		s ^= s >> 7
		s ^= s << 17
		j := int(s % uint64(i+1))
		keys[i], keys[j] = keys[j], keys[i]
	}
	return keys
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func timeIt(fn func()) time.Duration {
	start := time.Now()
	fn()
	return time.Since(start)
}

// measureHeap times fn and samples the heap while it runs: the peak
// HeapAlloc above what was live before (after a GC), and the bytes
// allocated in all.
func measureHeap(fn func()) (took time.Duration, peak, alloc uint64) {
	var base runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&base)
	var top atomic.Uint64
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		var m runtime.MemStats
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				runtime.ReadMemStats(&m)
				if m.HeapAlloc > top.Load() {
					top.Store(m.HeapAlloc)
				}
			}
		}
	}()
	took = timeIt(fn)
	close(done)
	<-stopped
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	p := max(top.Load(), after.HeapAlloc)
	if p > base.HeapAlloc {
		peak = p - base.HeapAlloc
	}
	return took, peak, after.TotalAlloc - base.TotalAlloc
}

func mb(b uint64) float64 { return float64(b) / (1 << 20) }

package backup_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"directdesk/backend/backup"
	"directdesk/backend/marketing"
	"directdesk/backend/store"
	"directdesk/backend/workspace"

	_ "github.com/mattn/go-sqlite3"
)

func openWS(t *testing.T, dir string, demo int) *workspace.Workspace {
	t.Helper()
	ws, err := workspace.Open(context.Background(), dir, "test")
	if err != nil {
		t.Fatal(err)
	}
	if demo > 0 {
		if err := ws.LoadDemo(context.Background(), demo, nil); err != nil {
			t.Fatal(err)
		}
	}
	return ws
}

func contacts(t *testing.T, ws *workspace.Workspace) int {
	t.Helper()
	c, err := ws.DB.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c.Contacts
}

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, time.Local)
	if err != nil {
		panic(err)
	}
	return t
}

func name(t time.Time, kind string) string {
	return "directdesk-" + t.UTC().Format("20060102-150405") + "-" + kind + ".db"
}

// Rotation: the last backup of each of the newest 7 days, the first of
// each of the newest 4 ISO weeks; manual and before_* are never rotated.
func TestRotationKeepsSevenDailyFourWeeklyAndManual(t *testing.T) {
	var list []backup.Info
	add := func(s, kind string) string {
		tm := at(s)
		n := name(tm, kind)
		list = append(list, backup.Info{Name: n, Kind: kind, Time: tm.UTC().Truncate(time.Second)})
		return n
	}
	// 2026-11-02 is a Monday. Six weeks of one daily backup at 09:00 and
	// a close backup at 17:00 (which replaces that day's 09:00 daily).
	first := at("2026-11-02 09:00")
	var dailies, closes []string
	for d := 0; d < 42; d++ {
		day := first.AddDate(0, 0, d)
		dailies = append(dailies, add(day.Format("2006-01-02")+" 09:00", backup.Daily))
		closes = append(closes, add(day.Format("2006-01-02")+" 17:00", backup.Close))
	}
	manual := add("2026-11-03 12:00", backup.Manual)
	before := add("2026-11-04 12:00", backup.BeforeRestore)
	moved := add("2026-11-05 12:00", backup.BeforeMove)

	keep := backup.Keepers(list)
	var want []string
	// Days 35..41: the 17:00 close backup of each.
	want = append(want, closes[35:]...)
	// Weeks 3..6 (the newest four): their Monday 09:00 daily.
	for _, d := range []int{14, 21, 28, 35} {
		want = append(want, dailies[d])
	}
	var got []string
	for n := range keep {
		got = append(got, n)
	}
	sort.Strings(got)
	sort.Strings(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("kept\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, n := range []string{manual, before, moved} {
		if keep[n] {
			t.Fatalf("%s is not rotated, so Keepers does not list it", n)
		}
	}

	// Prune on real files deletes exactly the automatic ones not kept.
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, backup.Folder), 0o700)
	for _, b := range list {
		os.WriteFile(filepath.Join(dir, backup.Folder, b.Name), []byte("x"), 0o600)
	}
	os.WriteFile(filepath.Join(dir, backup.Folder, "notes.txt"), []byte("mine"), 0o600)
	removed, err := backup.Prune(dir, at("2026-12-13 18:00"))
	if err != nil {
		t.Fatal(err)
	}
	if len(removed) != 84-len(want) {
		t.Fatalf("removed %d, want %d", len(removed), 84-len(want))
	}
	left, _ := backup.List(dir)
	if len(left) != len(want)+3 {
		t.Fatalf("left %d backups, want %d", len(left), len(want)+3)
	}
	if _, err := os.Stat(filepath.Join(dir, backup.Folder, "notes.txt")); err != nil {
		t.Fatal("a file that is not a backup was touched")
	}
	// Newest first.
	for i := 1; i < len(left); i++ {
		if left[i].Time.After(left[i-1].Time) {
			t.Fatalf("not newest first: %v", left)
		}
	}
}

// Two backups on one day: the later replaces the earlier as that day's daily.
func TestLaterBackupReplacesTheEarlierOfTheSameDay(t *testing.T) {
	a, b := at("2026-12-02 08:00"), at("2026-12-02 20:00")
	list := []backup.Info{{Name: name(a, backup.Daily), Kind: backup.Daily, Time: a}, {Name: name(b, backup.Close), Kind: backup.Close, Time: b}}
	keep := backup.Keepers(list)
	// The 08:00 one is the first of its week, so it is kept as weekly.
	if !keep[list[0].Name] || !keep[list[1].Name] {
		t.Fatalf("%v", keep)
	}
	c := at("2026-12-02 21:00")
	list = append(list, backup.Info{Name: name(c, backup.Daily), Kind: backup.Daily, Time: c})
	keep = backup.Keepers(list)
	if keep[list[1].Name] || !keep[list[2].Name] || !keep[list[0].Name] {
		t.Fatalf("the 20:00 one should be replaced by 21:00: %v", keep)
	}
}

func TestCreateListCheckDelete(t *testing.T) {
	dir := t.TempDir()
	ws := openWS(t, dir, 50)
	defer ws.Close()
	ctx := context.Background()
	now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	b1, err := backup.Create(ctx, ws.DB, dir, backup.Manual, now)
	if err != nil {
		t.Fatal(err)
	}
	b2, err := backup.Create(ctx, ws.DB, dir, backup.Manual, now) // same second
	if err != nil {
		t.Fatal(err)
	}
	if b1.Name == b2.Name || b1.Name != "directdesk-20261202-100000-manual.db" || b2.Name != "directdesk-20261202-100000-manual-2.db" {
		t.Fatalf("names %s %s", b1.Name, b2.Name)
	}
	fi, err := os.Stat(filepath.Join(dir, backup.Folder, b1.Name))
	if err != nil || fi.Mode().Perm() != 0o600 || fi.Size() != b1.Size {
		t.Fatalf("file %v %v", fi, err)
	}
	list, err := backup.List(dir)
	if err != nil || len(list) != 2 || list[0].Kind != backup.Manual {
		t.Fatalf("list %+v %v", list, err)
	}
	before, _ := os.ReadFile(filepath.Join(dir, backup.Folder, b1.Name))
	st, err := backup.Check(ctx, dir, b1.Name)
	if err != nil || !st.OK || st.Contacts != 50 {
		t.Fatalf("check %+v %v", st, err)
	}
	after, _ := os.ReadFile(filepath.Join(dir, backup.Folder, b1.Name))
	if string(before) != string(after) {
		t.Fatal("Check changed the backup file")
	}
	if ents, _ := os.ReadDir(filepath.Join(dir, backup.Folder)); len(ents) != 2 {
		t.Fatalf("Check left files beside the backup: %d entries", len(ents))
	}
	for _, bad := range []string{"../directdesk.db", "directdesk.db", "x/../" + b1.Name, ""} {
		if err := backup.Delete(dir, bad); marketing.ErrorCode(err) != marketing.EInvalid {
			t.Fatalf("Delete(%q): %v", bad, err)
		}
	}
	if err := backup.Delete(dir, b1.Name); err != nil {
		t.Fatal(err)
	}
	if _, err := backup.Check(ctx, dir, b1.Name); marketing.ErrorCode(err) != marketing.ENotFound {
		t.Fatalf("deleted backup: %v", err)
	}
	// The audit log notes each backup.
	var n int
	raw, _ := sql.Open("sqlite3", "file:"+filepath.Join(dir, "directdesk.db")+"?mode=ro")
	defer raw.Close()
	raw.QueryRow("SELECT count(*) FROM audit_log WHERE action = 'backup'").Scan(&n)
	if n != 2 {
		t.Fatalf("audit lines %d", n)
	}
}

func copyTo(t *testing.T, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestRestoreRefusesBadFiles(t *testing.T) {
	dir := t.TempDir()
	ws := openWS(t, dir, 30)
	ctx := context.Background()
	good, err := backup.Create(ctx, ws.DB, dir, backup.Manual, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	ws.Close()
	goodPath := filepath.Join(dir, backup.Folder, good.Name)
	other := t.TempDir()

	text := filepath.Join(other, "customers.db")
	os.WriteFile(text, []byte(strings.Repeat("Name;Email\nAnna;anna@example.dk\n", 200)), 0o600)

	foreign := filepath.Join(other, "foreign.db")
	fdb, _ := sql.Open("sqlite3", foreign)
	fdb.Exec("CREATE TABLE orders (id INTEGER PRIMARY KEY, total INTEGER)")
	fdb.Exec("INSERT INTO orders (total) VALUES (1), (2)")
	fdb.Close()

	newer := filepath.Join(other, "newer.db")
	copyTo(t, goodPath, newer)
	ndb, _ := sql.Open("sqlite3", newer)
	if _, err := ndb.Exec("PRAGMA user_version = 999"); err != nil {
		t.Fatal(err)
	}
	ndb.Close()

	damaged := filepath.Join(other, "damaged.db")
	copyTo(t, goodPath, damaged)
	flipMiddle(t, damaged)

	empty := filepath.Join(other, "empty.db")
	os.WriteFile(empty, nil, 0o600)

	cur, _ := os.ReadFile(filepath.Join(dir, "directdesk.db"))
	for _, c := range []struct {
		path, code, reason string
	}{
		{text, marketing.EDamaged, "backup_damaged"},
		{foreign, marketing.EUnsupportedFile, "not_workspace"},
		{newer, marketing.EConflict, "newer"},
		{damaged, marketing.EDamaged, "backup_damaged"},
		{empty, marketing.EUnsupportedFile, "not_workspace"},
		{filepath.Join(other, "missing.db"), marketing.ENotFound, ""},
	} {
		_, err := backup.Restore(ctx, dir, c.path, false, time.Now())
		me := marketing.AsError(err)
		if me == nil || me.Code != c.code || me.Details["reason"] != c.reason {
			t.Errorf("%s: %v (%+v), want %s/%s", filepath.Base(c.path), err, me, c.code, c.reason)
		}
	}
	now, _ := os.ReadFile(filepath.Join(dir, "directdesk.db"))
	if string(now) != string(cur) {
		t.Fatal("a refused restore changed the workspace file")
	}
	if list, _ := backup.List(dir); len(list) != 1 {
		t.Fatalf("a refused restore wrote backups: %+v", list)
	}
}

// flipMiddle overwrites bytes in the middle of a database file (inside
// the contacts table's pages for the demo workspaces used here).
func flipMiddle(t *testing.T, p string) {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	page := 4096
	mid := (len(b) / 2 / page) * page
	for i := mid; i < mid+page && i < len(b); i++ {
		b[i] ^= 0xA5
	}
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestRestoreKeepsTheCurrentFileAside(t *testing.T) {
	dir := t.TempDir()
	ws := openWS(t, dir, 20)
	ctx := context.Background()
	b, err := backup.Create(ctx, ws.DB, dir, backup.Manual, time.Now().Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if err := ws.LoadDemo(ctx, 15, nil); err != nil {
		t.Fatal(err)
	}
	if n := contacts(t, ws); n != 35 {
		t.Fatalf("contacts %d", n)
	}
	ws.Close()
	res, err := workspace.RestoreDir(ctx, dir, filepath.Join(dir, backup.Folder, b.Name), false, "test")
	if err != nil {
		t.Fatal(err)
	}
	if res.Aside == "" || !strings.HasSuffix(res.Aside, "-before_restore.db") || res.From != b.Name || res.Contacts != 20 {
		t.Fatalf("%+v", res)
	}
	ws = openWS(t, dir, 0)
	defer ws.Close()
	if n := contacts(t, ws); n != 20 {
		t.Fatalf("after restore %d contacts, want 20", n)
	}
	st, err := backup.Check(ctx, dir, res.Aside)
	if err != nil || !st.OK || st.Contacts != 35 {
		t.Fatalf("aside %+v %v", st, err)
	}
	var n int
	raw, _ := sql.Open("sqlite3", "file:"+filepath.Join(dir, "directdesk.db")+"?mode=ro")
	defer raw.Close()
	raw.QueryRow("SELECT count(*) FROM audit_log WHERE action = 'restore'").Scan(&n)
	if n != 1 {
		t.Fatalf("restore audit lines %d", n)
	}
	_ = store.SchemaLatest
}

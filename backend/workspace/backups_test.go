package workspace_test

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"directdesk/backend/backup"
	"directdesk/backend/marketing"
	"directdesk/backend/store"
	"directdesk/backend/workspace"
)

// The kill tests build one workspace with demo data (several MB) and
// copy it for every kill.
const (
	killBackedUp = 6000 // contacts in the backup
	killCurrent  = 7000 // contacts in the workspace after it
)

var (
	killOnce     sync.Once
	killTemplate string
	killBackup   string
	killErr      error
)

func killFixture(t *testing.T) (dir string, backupName string) {
	t.Helper()
	killOnce.Do(func() {
		killTemplate, killErr = os.MkdirTemp("", "dd-kill-template-")
		if killErr != nil {
			return
		}
		ctx := context.Background()
		ws, err := workspace.Open(ctx, killTemplate, "test")
		if err != nil {
			killErr = err
			return
		}
		defer ws.Close()
		if killErr = ws.LoadDemo(ctx, killBackedUp, nil); killErr != nil {
			return
		}
		b, err := ws.Backup(ctx, backup.Manual)
		if err != nil {
			killErr = err
			return
		}
		killBackup = b.Name
		killErr = ws.LoadDemo(ctx, killCurrent-killBackedUp, nil)
	})
	if killErr != nil {
		t.Fatal(killErr)
	}
	dir = t.TempDir()
	if err := copyDir(killTemplate, dir); err != nil {
		t.Fatal(err)
	}
	return dir, killBackup
}

func copyDir(src, dst string) error {
	return filepath.Walk(src, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if fi.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o700)
		}
		if strings.HasSuffix(p, ".lock") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o600)
	})
}

// TestKillChild is the process the kill tests kill: it runs one backup or
// restore and, at the hook point named in DD_KILL_POINT, says so and waits
// to be killed.
func TestKillChild(t *testing.T) {
	job := os.Getenv("DD_KILL_JOB")
	if job == "" {
		t.Skip("run by the kill tests")
	}
	dir, point := os.Getenv("DD_KILL_DIR"), os.Getenv("DD_KILL_POINT")
	backup.Hook = func(p string) {
		if p == point {
			fmt.Println("AT " + p)
			time.Sleep(time.Hour)
		}
	}
	ctx := context.Background()
	switch job {
	case "backup":
		ws, err := workspace.Open(ctx, dir, "test")
		if err != nil {
			t.Fatal(err)
		}
		fmt.Println("START")
		if _, err := ws.Backup(ctx, backup.Manual); err != nil {
			t.Fatal(err)
		}
	case "restore":
		fmt.Println("START")
		if _, err := workspace.RestoreDir(ctx, dir, filepath.Join(dir, backup.Folder, os.Getenv("DD_KILL_FROM")), false, "test"); err != nil {
			t.Fatal(err)
		}
	}
	fmt.Println("DONE")
}

// runKilled starts the child and kills it with SIGKILL after delay from
// its start, or when it reaches point.
func runKilled(t *testing.T, job, dir, from, point string, delay time.Duration) (finished bool) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillChild$", "-test.v")
	cmd.Env = append(os.Environ(), "DD_KILL_JOB="+job, "DD_KILL_DIR="+dir, "DD_KILL_POINT="+point, "DD_KILL_FROM="+from)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 16)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	deadline := time.After(2 * time.Minute)
	var timer <-chan time.Time
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				cmd.Wait()
				return true
			}
			switch {
			case l == "START" && point == "":
				timer = time.After(delay)
			case l == "AT "+point:
				cmd.Process.Signal(syscall.SIGKILL)
				cmd.Wait()
				return false
			case l == "DONE":
				// Let it exit by itself: the job is complete.
			}
		case <-timer:
			cmd.Process.Signal(syscall.SIGKILL)
			cmd.Wait()
			return false
		case <-deadline:
			cmd.Process.Kill()
			t.Fatal("child did not finish")
		}
	}
}

// afterKill opens the workspace as the next start would and checks it.
func afterKill(t *testing.T, dir string, want ...int) int {
	t.Helper()
	ctx := context.Background()
	ws, err := workspace.Open(ctx, dir, "test")
	if err != nil {
		t.Fatalf("open after kill: %v", err)
	}
	defer ws.Close()
	if res, err := ws.DB.IntegrityCheck(ctx); err != nil || res != "ok" {
		t.Fatalf("integrity_check after kill: %q %v", res, err)
	}
	n := contacts(t, ws)
	ok := false
	for _, w := range want {
		ok = ok || n == w
	}
	if !ok {
		t.Fatalf("contacts %d after kill, want one of %v", n, want)
	}
	left, _ := filepath.Glob(filepath.Join(dir, backup.Folder, "*.tmp"))
	left2, _ := filepath.Glob(filepath.Join(dir, "*.tmp"))
	if len(left)+len(left2) > 0 {
		t.Fatalf("leftover tmp files after the next start: %v %v", left, left2)
	}
	// Every backup under its final name is complete.
	list, _ := backup.List(dir)
	for _, b := range list {
		if st, err := backup.Check(ctx, dir, b.Name); err != nil || !st.OK {
			t.Fatalf("backup %s after kill: %+v %v", b.Name, st, err)
		}
	}
	return n
}

func contacts(t *testing.T, ws *workspace.Workspace) int {
	t.Helper()
	c, err := ws.DB.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c.Contacts
}

func TestKillDuringBackupLeavesTheWorkspaceIntact(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a workspace of several MB")
	}
	cases := []struct {
		point string
		delay time.Duration
	}{{"", 0}, {"", 20 * time.Millisecond}, {"", 50 * time.Millisecond}, {"", 100 * time.Millisecond}, {"", 300 * time.Millisecond}, {"create:tmp", 0}, {"create:renamed", 0}}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s%v", c.point, c.delay), func(t *testing.T) {
			dir, _ := killFixture(t)
			finished := runKilled(t, "backup", dir, "", c.point, c.delay)
			afterKill(t, dir, killCurrent)
			if c.point == "create:renamed" {
				if list, _ := backup.List(dir); len(list) != 2 {
					t.Fatalf("the renamed backup should be listed: %+v", list)
				}
			}
			t.Logf("finished before the kill: %v", finished)
		})
	}
}

func TestKillDuringRestoreLeavesOldOrNew(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a workspace of several MB")
	}
	cases := []struct {
		point string
		delay time.Duration
		want  []int
	}{
		{"", 0, []int{killCurrent, killBackedUp}},
		{"", 20 * time.Millisecond, []int{killCurrent, killBackedUp}},
		{"", 50 * time.Millisecond, []int{killCurrent, killBackedUp}},
		{"", 100 * time.Millisecond, []int{killCurrent, killBackedUp}},
		{"", 300 * time.Millisecond, []int{killCurrent, killBackedUp}},
		{"restore:aside", 0, []int{killCurrent}},
		{"restore:tmp", 0, []int{killCurrent}},
		{"restore:renamed", 0, []int{killBackedUp}},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s%v", c.point, c.delay), func(t *testing.T) {
			dir, from := killFixture(t)
			finished := runKilled(t, "restore", dir, from, c.point, c.delay)
			n := afterKill(t, dir, c.want...)
			if c.point != "" && c.point != "restore:aside" {
				// The aside copy was complete before the new file was written.
				found := false
				list, _ := backup.List(dir)
				for _, b := range list {
					st, _ := backup.Check(context.Background(), dir, b.Name)
					found = found || (b.Kind == backup.BeforeRestore && st.Contacts == killCurrent)
				}
				if !found {
					t.Fatalf("no before_restore backup with the old data: %+v", list)
				}
			}
			t.Logf("finished before the kill: %v, contacts %d", finished, n)
		})
	}
}

// damage returns a workspace with a good backup (20 contacts) and more
// contacts after it, closed, whose file is then damaged by how.
func damagedWorkspace(t *testing.T, how func(t *testing.T, path string)) (dir, good string) {
	t.Helper()
	dir = t.TempDir()
	ctx := context.Background()
	ws := mustOpen(t, dir)
	if err := ws.LoadDemo(ctx, 2000, nil); err != nil {
		t.Fatal(err)
	}
	b, err := ws.Backup(ctx, backup.Manual)
	if err != nil {
		t.Fatal(err)
	}
	if err := ws.LoadDemo(ctx, 500, nil); err != nil {
		t.Fatal(err)
	}
	ws.Close()
	how(t, filepath.Join(dir, workspace.FileName))
	return dir, b.Name
}

func truncateHalf(t *testing.T, p string) {
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(p, fi.Size()/2/4096*4096); err != nil {
		t.Fatal(err)
	}
}

// flipContactsPage overwrites a page of the contacts table's b-tree.
func flipContactsPage(t *testing.T, p string) {
	db, err := sql.Open("sqlite3", "file:"+p+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	var pageSize, root int
	db.QueryRow("PRAGMA page_size").Scan(&pageSize)
	db.QueryRow("SELECT rootpage FROM sqlite_schema WHERE name = 'contacts'").Scan(&root)
	// A leaf in the middle of the table: its rows are read by any scan.
	var mid int
	db.QueryRow("SELECT count(*) FROM contacts").Scan(&mid)
	db.Close()
	f, err := os.OpenFile(p, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fi, _ := f.Stat()
	pages := int(fi.Size()) / pageSize
	buf := make([]byte, pageSize)
	for _, pg := range []int{root, pages / 2} {
		off := int64(pg-1) * int64(pageSize)
		f.ReadAt(buf, off)
		for i := 8; i < len(buf); i++ {
			buf[i] ^= 0x5A
		}
		f.WriteAt(buf, off)
	}
}

func damagedOffered(t *testing.T, dir, good string) {
	t.Helper()
	ctx := context.Background()
	before, _ := os.ReadFile(filepath.Join(dir, workspace.FileName))
	old := store.HealthCheckDelay
	store.HealthCheckDelay = 0
	defer func() { store.HealthCheckDelay = old }()
	ws, err := workspace.Open(ctx, dir, "test")
	if err == nil {
		// The file opened: the background check finds the damage.
		err = ws.Damaged(ctx)
		ws.Close()
	}
	me := marketing.AsError(err)
	if me == nil || me.Code != marketing.EDamaged {
		t.Fatalf("damage not reported: %v", err)
	}
	if me.Details["backup"] != good || me.Details["dir"] != dir || me.Details["backupTime"] == "" {
		t.Fatalf("details %v, want backup %s", me.Details, good)
	}
	after, _ := os.ReadFile(filepath.Join(dir, workspace.FileName))
	if len(after) < len(before) || string(after[:len(before)/2]) != string(before[:len(before)/2]) {
		t.Fatal("opening changed the damaged file")
	}
	res, err := workspace.RestoreDir(ctx, dir, filepath.Join(dir, backup.Folder, good), true, "test")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(res.Aside, "damaged-") {
		t.Fatalf("aside %q", res.Aside)
	}
	kept, err := os.ReadFile(filepath.Join(dir, backup.Folder, res.Aside))
	if err != nil || string(kept) != string(before) {
		t.Fatalf("the damaged file was not kept byte for byte (%v)", err)
	}
	ws = mustOpen(t, dir)
	defer ws.Close()
	if n := contacts(t, ws); n != 2000 {
		t.Fatalf("restored %d contacts, want 2000", n)
	}
	if err := ws.Damaged(ctx); err != nil {
		t.Fatalf("restored file: %v", err)
	}
	// The damaged copy is listed, never offered as the newest good backup.
	if b, ok, _ := backup.NewestGood(ctx, dir); !ok || b.Name == res.Aside {
		t.Fatalf("newest good %v %v", b, ok)
	}
}

func TestTruncatedFileIsReportedWithTheNewestGoodBackup(t *testing.T) {
	dir, good := damagedWorkspace(t, truncateHalf)
	damagedOffered(t, dir, good)
}

func TestFlippedBytesAreReportedWithTheNewestGoodBackup(t *testing.T) {
	dir, good := damagedWorkspace(t, flipContactsPage)
	damagedOffered(t, dir, good)
}

func TestNewestGoodSkipsDamagedBackups(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	ws := mustOpen(t, dir)
	ws.LoadDemo(ctx, 300, nil)
	older, _ := ws.Backup(ctx, backup.Manual)
	ws.DB.Now = func() time.Time { return time.Now().Add(time.Hour) }
	newer, err := ws.Backup(ctx, backup.Daily)
	ws.Close()
	if err != nil {
		t.Fatal(err)
	}
	if b, ok, _ := backup.NewestGood(ctx, dir); !ok || b.Name != newer.Name {
		t.Fatalf("newest good %v, want %s", b, newer.Name)
	}
	truncateHalf(t, filepath.Join(dir, backup.Folder, newer.Name))
	if b, ok, _ := backup.NewestGood(ctx, dir); !ok || b.Name != older.Name {
		t.Fatalf("newest good %v, want %s (the newer one is damaged)", b, older.Name)
	}
}

func TestCloseMakesABackupOnlyWithAutoBackup(t *testing.T) {
	dir := t.TempDir()
	ws := mustOpen(t, dir)
	ws.Close()
	if list, _ := backup.List(dir); len(list) != 0 {
		t.Fatalf("backups without AutoBackup: %+v", list)
	}
	ws = mustOpen(t, dir)
	ws.StartAutoBackup()
	ws.Close()
	list, _ := backup.List(dir)
	if len(list) != 1 || list[0].Kind != backup.Close {
		t.Fatalf("close backup: %+v", list)
	}
	// A second close within 10 minutes is skipped: quitting stays quick.
	ws = mustOpen(t, dir)
	ws.StartAutoBackup()
	ws.Close()
	if list, _ := backup.List(dir); len(list) != 1 {
		t.Fatalf("close backup not skipped: %+v", list)
	}
}

func TestDailyTimerBacksUpWhenTheNewestIsOld(t *testing.T) {
	oldFirst, oldEvery := workspace.AutoBackupFirst, workspace.AutoBackupEvery
	workspace.AutoBackupFirst, workspace.AutoBackupEvery = time.Millisecond, 10*time.Millisecond
	defer func() { workspace.AutoBackupFirst, workspace.AutoBackupEvery = oldFirst, oldEvery }()
	dir := t.TempDir()
	ws := mustOpen(t, dir)
	ws.StartAutoBackup()
	deadline := time.Now().Add(30 * time.Second)
	var list []backup.Info
	for time.Now().Before(deadline) {
		if list, _ = backup.List(dir); len(list) > 0 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	// Several ticks later there is still one: the newest is not 24 h old.
	time.Sleep(100 * time.Millisecond)
	list, _ = backup.List(dir)
	ws.CloseNoBackup()
	if len(list) != 1 || list[0].Kind != backup.Daily {
		t.Fatalf("daily backups: %+v", list)
	}
}

func TestLeftoverTmpFilesAreDeletedAtStart(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, backup.Folder), 0o700)
	junk := []string{filepath.Join(dir, backup.Folder, "directdesk-20261202-100000-manual.db.tmp"), filepath.Join(dir, "directdesk.db.restore.tmp")}
	for _, j := range junk {
		os.WriteFile(j, []byte("half"), 0o600)
	}
	keep := filepath.Join(dir, backup.Folder, "mine.txt")
	os.WriteFile(keep, []byte("x"), 0o600)
	ws := mustOpen(t, dir)
	ws.Close()
	for _, j := range junk {
		if _, err := os.Stat(j); err == nil {
			t.Fatalf("%s left", j)
		}
	}
	if _, err := os.Stat(keep); err != nil {
		t.Fatal("an unrelated file was deleted")
	}
}

func TestMoveCopiesChecksAndRemembers(t *testing.T) {
	home := t.TempDir()
	t.Setenv("XDG_DATA_HOME", home)
	def, _ := workspace.DefaultDir()
	ctx := context.Background()
	ws := mustOpen(t, def)
	ws.LoadDemo(ctx, 200, nil)
	if _, err := ws.Backup(ctx, backup.Manual); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(def, "outbox-7.journal"), []byte("journal"), 0o600)

	for _, c := range []struct {
		dest, code, reason string
	}{
		{filepath.Join(def, "inside"), marketing.EInvalid, "inside"},
		{def, marketing.EInvalid, "inside"},
		{"relative/folder", marketing.EInvalid, ""},
		{"/proc/directdesk-cannot", marketing.EInvalid, "not_writable"},
	} {
		_, err := ws.Move(ctx, c.dest)
		if me := marketing.AsError(err); me == nil || me.Code != c.code || me.Details["reason"] != c.reason {
			t.Errorf("Move(%s): %v", c.dest, err)
		}
	}
	occupied := t.TempDir()
	other := mustOpen(t, occupied)
	other.Close()
	if _, err := ws.Move(ctx, occupied); marketing.ErrorCode(err) != marketing.EConflict {
		t.Fatalf("move onto a workspace: %v", err)
	}
	if n := contacts(t, ws); n != 200 {
		t.Fatalf("refused moves changed the workspace: %d", n)
	}

	dest := filepath.Join(t.TempDir(), "Shop data")
	res, err := ws.Move(ctx, dest)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Remembered || res.Dir != dest {
		t.Fatalf("%+v", res)
	}
	if _, err := os.Stat(filepath.Join(def, workspace.FileName)); !os.IsNotExist(err) {
		t.Fatal("the old database file is still there")
	}
	if got, _ := workspace.ResolveDir(); got != dest {
		t.Fatalf("next start opens %s, want %s", got, dest)
	}
	if b, err := os.ReadFile(filepath.Join(dest, "outbox-7.journal")); err != nil || string(b) != "journal" {
		t.Fatal("other files were not copied")
	}
	moved := mustOpen(t, dest)
	defer moved.Close()
	if n := contacts(t, moved); n != 200 {
		t.Fatalf("moved workspace has %d contacts", n)
	}
	list, _ := backup.List(dest)
	kinds := map[string]bool{}
	for _, b := range list {
		kinds[b.Kind] = true
	}
	if !kinds[backup.Manual] || !kinds[backup.BeforeMove] {
		t.Fatalf("backups were not moved along: %+v", list)
	}
}

package workspace_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"directdesk/backend/marketing"
	"directdesk/backend/workspace"
)

func mustOpen(t *testing.T, dir string) *workspace.Workspace {
	t.Helper()
	ws, err := workspace.Open(context.Background(), dir, "test")
	if err != nil {
		t.Fatal(err)
	}
	return ws
}

func TestASecondOpenOfTheSameFolderIsRefused(t *testing.T) {
	dir := t.TempDir()
	ws := mustOpen(t, dir)
	_, err := workspace.Open(context.Background(), dir, "test")
	if e := marketing.AsError(err); e == nil || e.Code != marketing.ELocked {
		t.Fatalf("second open: %v, want locked", err)
	}
	ws.Close()
	ws = mustOpen(t, dir) // free again once closed
	ws.Close()
}

func TestDefaultDirFollowsXDG(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", "/tmp/xdg-test")
	d, err := workspace.DefaultDir()
	if err != nil || d != "/tmp/xdg-test/directdesk" {
		t.Fatalf("got %q %v", d, err)
	}
}

func TestSettingsDefaultFromOSLanguageAndValidate(t *testing.T) {
	ws := mustOpen(t, t.TempDir())
	defer ws.Close()
	ws.OSLanguage = "nb"
	ctx := context.Background()
	s, err := ws.Settings(ctx)
	if err != nil || s.Language != "nb" || s.Country != "NO" || s.Currency != "NOK" || s.Setup {
		t.Fatalf("defaults %+v %v", s, err)
	}
	s.Business.Postcode = "12345"
	s.Business.Country = "NO"
	if _, err := ws.SaveSettings(ctx, s); marketing.AsError(err).Field != "business.postcode" {
		t.Fatalf("bad postcode accepted: %v", err)
	}
	got, _ := ws.Settings(ctx)
	if got.Business.Postcode != "" {
		t.Fatalf("invalid settings were stored: %+v", got.Business)
	}
	s.Business.Postcode = "150"
	s.Setup = true
	saved, err := ws.SaveSettings(ctx, s)
	if err != nil || saved.Business.Postcode != "0150" || !saved.Setup {
		t.Fatalf("saved %+v %v", saved.Business, err)
	}
}

func TestLogoMustBeAPictureAndIsCopied(t *testing.T) {
	ws := mustOpen(t, t.TempDir())
	defer ws.Close()
	ctx := context.Background()
	dir := t.TempDir()
	txt := filepath.Join(dir, "logo.png")
	os.WriteFile(txt, []byte("not really a picture"), 0o600)
	if err := ws.SetLogo(ctx, txt); marketing.ErrorCode(err) != marketing.EUnsupportedFile {
		t.Fatalf("text file as logo: %v", err)
	}
	png := filepath.Join(dir, "real.png")
	os.WriteFile(png, append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 64)...), 0o600)
	if err := ws.SetLogo(ctx, png); err != nil {
		t.Fatal(err)
	}
	os.Remove(png) // the workspace keeps its own copy
	url, err := ws.LogoDataURL(ctx)
	if err != nil || len(url) < 30 || url[:22] != "data:image/png;base64," {
		t.Fatalf("logo %q %v", url, err)
	}
	if err := ws.SetLogo(ctx, filepath.Join(dir, "gone.png")); marketing.ErrorCode(err) != marketing.ENotFound {
		t.Fatalf("missing file: %v", err)
	}
}

func TestLoadDemoAddsContactsOrdersAndProducts(t *testing.T) {
	ws := mustOpen(t, t.TempDir())
	defer ws.Close()
	ctx := context.Background()
	var calls int
	if err := ws.LoadDemo(ctx, 1200, func(done, total int) { calls++ }); err != nil {
		t.Fatal(err)
	}
	info, err := ws.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if info.Counts.Contacts != 1200 || info.Counts.Orders == 0 || info.Counts.Products == 0 || info.DemoContacts != 1200 || calls == 0 {
		t.Fatalf("info %+v, progress calls %d", info, calls)
	}
	// A second load adds new people, never the same ones again.
	if err := ws.LoadDemo(ctx, 300, nil); err != nil {
		t.Fatal(err)
	}
	info, _ = ws.Info(ctx)
	if info.Counts.Contacts != 1500 {
		t.Fatalf("contacts %d, want 1500", info.Counts.Contacts)
	}
}

func TestLoadDemoCancelledKeepsWholeBatchesAndResumes(t *testing.T) {
	ws := mustOpen(t, t.TempDir())
	defer ws.Close()
	ctx, cancel := context.WithCancel(context.Background())
	err := ws.LoadDemo(ctx, 12000, func(done, total int) {
		if done >= 5000 {
			cancel()
		}
	})
	if marketing.ErrorCode(err) != marketing.ECanceled {
		t.Fatalf("got %v, want canceled", err)
	}
	info, _ := ws.Info(context.Background())
	if info.Counts.Contacts != 5000 || info.DemoContacts != 5000 {
		t.Fatalf("after cancel: %+v", info)
	}
	if err := ws.LoadDemo(context.Background(), 12000, nil); err != nil {
		t.Fatal(err)
	}
	info, _ = ws.Info(context.Background())
	if info.Counts.Contacts != 12000 {
		t.Fatalf("resumed to %d contacts, want the 12000 asked for first", info.Counts.Contacts)
	}
}

// TestKillDuringDemoLeavesAConsistentWorkspace runs the demo loader in a
// child process, kills it with SIGKILL in the middle, and checks that the
// workspace passes integrity_check and holds only whole batches.
func TestKillDuringDemoLeavesAConsistentWorkspace(t *testing.T) {
	if dir := os.Getenv("DIRECTDESK_CHILD_DEMO"); dir != "" {
		ws := mustOpen(t, dir)
		ws.LoadDemo(context.Background(), 200000, nil)
		return
	}
	if testing.Short() {
		t.Skip("spawns a child process")
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillDuringDemoLeavesAConsistentWorkspace$")
	cmd.Env = append(os.Environ(), "DIRECTDESK_CHILD_DEMO="+dir)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until at least one batch is in (the WAL grows), then kill.
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if st, err := os.Stat(filepath.Join(dir, workspace.FileName+"-wal")); err == nil && st.Size() > 8<<20 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()

	ws := mustOpen(t, dir)
	defer ws.Close()
	ctx := context.Background()
	res, err := ws.DB.IntegrityCheck(ctx)
	if err != nil || res != "ok" {
		t.Fatalf("integrity_check: %q %v", res, err)
	}
	info, err := ws.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var progress struct{ Next int }
	if _, err := ws.DB.GetValue(ctx, "demo.progress", &progress); err != nil {
		t.Fatal(err)
	}
	if info.Counts.Contacts%5000 != 0 || info.Counts.Contacts != progress.Next || info.DemoContacts != info.Counts.Contacts {
		t.Fatalf("half a batch: %d contacts, progress says %d, demo count %d", info.Counts.Contacts, progress.Next, info.DemoContacts)
	}
	t.Logf("killed after %s contacts", strconv.Itoa(info.Counts.Contacts))
}

func TestRemoveDemoKeepsTheUsersOwnContacts(t *testing.T) {
	ws := mustOpen(t, t.TempDir())
	defer ws.Close()
	ctx := context.Background()
	if err := ws.LoadDemo(ctx, 700, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := ws.DB.DeleteContacts(ctx, []int64{1, 2}); err != nil {
		t.Fatal(err)
	}
	if info, _ := ws.Info(ctx); info.DemoContacts != 698 {
		t.Fatalf("demo count after deleting two: %d", info.DemoContacts)
	}
	own := marketing.Contact{FirstName: "Mette", LastName: "Egen", Source: "manual"}
	if err := ws.DB.CreateContact(ctx, &own); err != nil {
		t.Fatal(err)
	}
	n, err := ws.RemoveDemo(ctx)
	if err != nil || n != 698 {
		t.Fatalf("removed %d, %v", n, err)
	}
	info, _ := ws.Info(ctx)
	if info.Counts.Contacts != 1 || info.Counts.Orders != 0 || info.Counts.Products != 0 || info.DemoContacts != 0 {
		t.Fatalf("after removal: %+v", info)
	}
	if _, err := ws.DB.GetContact(ctx, own.ID); err != nil {
		t.Fatalf("own contact gone: %v", err)
	}
	// Loading again starts over.
	if err := ws.LoadDemo(ctx, 100, nil); err != nil {
		t.Fatal(err)
	}
	if info, _ = ws.Info(ctx); info.Counts.Contacts != 101 {
		t.Fatalf("reload: %+v", info.Counts)
	}
}

// TestKillDuringEditsLeavesWholeEdits SIGKILLs a child process that saves
// edits in a loop: every edit changes two fields and adds a timeline event in
// one transaction, so afterwards all three agree.
func TestKillDuringEditsLeavesWholeEdits(t *testing.T) {
	if dir := os.Getenv("DIRECTDESK_CHILD_EDITS"); dir != "" {
		ws := mustOpen(t, dir)
		ctx := context.Background()
		c, err := ws.DB.GetContact(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		for i := 1; ; i++ {
			c.City, c.Notes = "City "+strconv.Itoa(i), "Note "+strconv.Itoa(i)
			if err := ws.DB.UpdateContact(ctx, &c); err != nil {
				t.Fatal(err)
			}
		}
	}
	if testing.Short() {
		t.Skip("spawns a child process")
	}
	dir := t.TempDir()
	ws := mustOpen(t, dir)
	ctx := context.Background()
	first := marketing.Contact{FirstName: "Anna", LastName: "Hansen"}
	if err := ws.DB.CreateContact(ctx, &first); err != nil {
		t.Fatal(err)
	}
	ws.Close()

	cmd := exec.Command(os.Args[0], "-test.run=^TestKillDuringEditsLeavesWholeEdits$")
	cmd.Env = append(os.Environ(), "DIRECTDESK_CHILD_EDITS="+dir)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(700 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()

	ws = mustOpen(t, dir)
	defer ws.Close()
	if res, err := ws.DB.IntegrityCheck(ctx); err != nil || res != "ok" {
		t.Fatalf("integrity_check: %q %v", res, err)
	}
	c, err := ws.DB.GetContact(ctx, first.ID)
	if err != nil {
		t.Fatal(err)
	}
	events, err := ws.DB.ContactEvents(ctx, first.ID, 1000)
	if err != nil {
		t.Fatal(err)
	}
	// Both fields come from the same edit, and that edit's timeline event is
	// the newest one (the list holds at most 1000, so count only below that).
	n := strings.TrimPrefix(c.City, "City ")
	if c.Notes != "Note "+n || len(events) < 2 || events[0].Kind != marketing.EventEdited || events[0].At != c.UpdatedAt {
		t.Fatalf("after kill: city %q, notes %q, newest event %+v, contact updated %s", c.City, c.Notes, events[0], c.UpdatedAt)
	}
	if len(events) < 1000 && strconv.Itoa(len(events)-1) != n {
		t.Fatalf("%d edit events for %s edits", len(events)-1, n)
	}
	t.Logf("killed after %s whole edits", n)
}

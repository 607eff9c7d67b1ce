package app_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"directdesk/app"
	"directdesk/backend/backup"
	"directdesk/backend/marketing"
	"directdesk/backend/store"
	"directdesk/backend/workspace"
)

func contactTotal(t *testing.T, a *app.App) int {
	t.Helper()
	p, err := a.Contacts.List(marketing.ContactQuery{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return p.Total
}

// Back up, change something, restore: the change is gone, the app keeps
// working on the reopened workspace, the replaced file is listed.
func TestRestoreReopensTheWorkspaceInProcess(t *testing.T) {
	dir := t.TempDir()
	ws, err := workspace.Open(context.Background(), dir, "test")
	if err != nil {
		t.Fatal(err)
	}
	a := app.New(ws, nil, "test")
	t.Cleanup(func() { a.Close() })
	a.SetUI(&recordingUI{})
	if _, err := a.Contacts.Create(marketing.Contact{FirstName: "Anna", LastName: "Berg", Email: "anna@example.dk", Country: "DK"}); err != nil {
		t.Fatal(err)
	}
	b, err := a.Backups.Create()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Contacts.Create(marketing.Contact{FirstName: "Bo", LastName: "Holm", Email: "bo@example.dk", Country: "DK"}); err != nil {
		t.Fatal(err)
	}
	if n := contactTotal(t, a); n != 2 {
		t.Fatalf("before restore %d", n)
	}
	res, err := a.Backups.Restore(b.Name)
	if err != nil {
		t.Fatal(err)
	}
	if n := contactTotal(t, a); n != 1 {
		t.Fatalf("after restore %d contacts, want 1", n)
	}
	// Still writable through the rewired services.
	if _, err := a.Contacts.Create(marketing.Contact{FirstName: "Cai", LastName: "Lund", Email: "cai@example.dk", Country: "DK"}); err != nil {
		t.Fatal(err)
	}
	list, err := a.Backups.List()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, it := range list.Items {
		found = found || (it.Name == res.Aside && it.Kind == backup.BeforeRestore)
	}
	if !found {
		t.Fatalf("before_restore backup not listed: %+v", list.Items)
	}
	if _, err := a.Backups.Restore("../directdesk.db"); marketing.ErrorCode(err) != marketing.EInvalid {
		t.Fatalf("restore of a path: %v", err)
	}
	if _, err := a.Workspace.Info(); err != nil {
		t.Fatal(err)
	}
}

// The damaged screen: the workspace failed to open, yet the backups can
// be listed and the newest good one restored, after which the app works.
func TestDamagedWorkspaceCanBeRestoredFromTheFatalScreen(t *testing.T) {
	dir := t.TempDir()
	ws, err := workspace.Open(context.Background(), dir, "test")
	if err != nil {
		t.Fatal(err)
	}
	if err := ws.LoadDemo(context.Background(), 40, nil); err != nil {
		t.Fatal(err)
	}
	good, err := ws.Backup(context.Background(), backup.Manual)
	if err != nil {
		t.Fatal(err)
	}
	ws.Close()
	// Not a database any more: Open fails with EDamaged.
	os.WriteFile(filepath.Join(dir, workspace.FileName), []byte(strings.Repeat("garbage ", 4096)), 0o600)
	_, openErr := workspace.Open(context.Background(), dir, "test")
	if marketing.ErrorCode(openErr) != marketing.EDamaged {
		t.Fatalf("open: %v", openErr)
	}
	a := app.New(nil, openErr, "test")
	t.Cleanup(func() { a.Close() })
	a.SetUI(&recordingUI{})
	if _, err := a.Workspace.Info(); marketing.ErrorCode(err) != marketing.EDamaged {
		t.Fatalf("info: %v", err)
	}
	ng, err := a.Backups.NewestGood()
	if err != nil || !ng.Found || ng.Backup.Name != good.Name {
		t.Fatalf("newest good %+v %v", ng, err)
	}
	list, err := a.Backups.List()
	if err != nil || !list.Damage || len(list.Items) != 1 {
		t.Fatalf("list %+v %v", list, err)
	}
	res, err := a.Backups.Restore(good.Name)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(res.Aside, "damaged-") {
		t.Fatalf("aside %q", res.Aside)
	}
	if _, err := a.Workspace.Info(); err != nil {
		t.Fatalf("after restore: %v", err)
	}
	if n := contactTotal(t, a); n != 40 {
		t.Fatalf("contacts %d", n)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, backup.Folder, res.Aside)); !strings.HasPrefix(string(b), "garbage") {
		t.Fatal("the damaged file was not kept")
	}
}

// Damage found by the background check after opening reaches the UI as
// an event and makes Info fail with it (the window shows the damaged screen).
func TestDamageFoundLaterIsReported(t *testing.T) {
	old := store.HealthCheckDelay
	store.HealthCheckDelay = 0
	defer func() { store.HealthCheckDelay = old }()
	dir := t.TempDir()
	ws, err := workspace.Open(context.Background(), dir, "test")
	if err != nil {
		t.Fatal(err)
	}
	ws.LoadDemo(context.Background(), 1500, nil)
	ws.Backup(context.Background(), backup.Manual)
	ws.Close()
	p := filepath.Join(dir, workspace.FileName)
	// Bytes flipped in a data page: the file opens, the check finds it.
	b, _ := os.ReadFile(p)
	mid := len(b) * 3 / 4 / 4096 * 4096
	for i := mid + 8; i < mid+4096; i++ {
		b[i] ^= 0x5A
	}
	os.WriteFile(p, b, 0o600)
	ws, err = workspace.Open(context.Background(), dir, "test")
	if err != nil {
		t.Skipf("damage already found at open: %v", err)
	}
	a := app.New(ws, nil, "test")
	t.Cleanup(func() { a.Close() })
	got := make(chan struct{}, 1)
	ui := &recordingUI{onEmit: func(name string) {
		if name == "workspace:damaged" {
			got <- struct{}{}
		}
	}}
	a.SetUI(ui)
	<-got
	if _, err := a.Workspace.Info(); marketing.ErrorCode(err) != marketing.EDamaged || marketing.AsError(err).Details["backup"] == "" {
		t.Fatalf("info after damage found: %v", err)
	}
}

func TestRestoreAndMoveAreRefusedWhileAJobRuns(t *testing.T) {
	a, ui := newApp(t)
	b, err := a.Backups.Create()
	if err != nil {
		t.Fatal(err)
	}
	var restoreErr, moveErr error
	tried := false
	// Called from inside the running demo job (its progress event).
	ui.onEmit = func(name string) {
		if name == "job:progress" && !tried {
			tried = true
			_, restoreErr = a.Backups.Restore(b.Name)
			_, moveErr = a.Backups.Move(t.TempDir())
		}
	}
	if _, err := a.Workspace.LoadDemo(200); err != nil {
		t.Fatal(err)
	}
	if !tried {
		t.Fatal("no progress event")
	}
	for _, err := range []error{restoreErr, moveErr} {
		if me := marketing.AsError(err); me == nil || me.Code != marketing.EConflict || me.Details["reason"] != "busy" {
			t.Fatalf("during a job: %v", err)
		}
	}
	if n := contactTotal(t, a); n != 200 {
		t.Fatalf("contacts %d", n)
	}
}

func TestMoveReopensTheWorkspaceInTheNewFolder(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	def, _ := workspace.DefaultDir()
	ws, err := workspace.Open(context.Background(), def, "test")
	if err != nil {
		t.Fatal(err)
	}
	a := app.New(ws, nil, "test")
	t.Cleanup(func() { a.Close() })
	a.SetUI(&recordingUI{})
	if _, err := a.Contacts.Create(marketing.Contact{FirstName: "Anna", LastName: "Berg", Email: "anna@example.dk", Country: "DK"}); err != nil {
		t.Fatal(err)
	}
	// The dialog was cancelled: nothing happens.
	if m, err := a.Backups.Move(""); err != nil || m.Dir != "" {
		t.Fatalf("cancelled move: %+v %v", m, err)
	}
	if _, err := a.Backups.Move(filepath.Join(def, "sub")); marketing.ErrorCode(err) != marketing.EInvalid {
		t.Fatalf("move inside: %v", err)
	}
	// A refused move keeps the workspace working.
	if n := contactTotal(t, a); n != 1 {
		t.Fatalf("after refused move: %d", n)
	}
	dest := filepath.Join(t.TempDir(), "moved")
	m, err := a.Backups.Move(dest)
	if err != nil || m.Dir != dest || !m.Remembered {
		t.Fatalf("move %+v %v", m, err)
	}
	if n := contactTotal(t, a); n != 1 {
		t.Fatalf("after move: %d", n)
	}
	info, err := a.Workspace.Info()
	if err != nil || info.Dir != dest {
		t.Fatalf("info %+v %v", info.Dir, err)
	}
	l, err := a.Backups.List()
	if err != nil || l.Dir != filepath.Join(dest, "backups") {
		t.Fatalf("list %+v %v", l, err)
	}
}

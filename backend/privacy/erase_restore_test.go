package privacy_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"directdesk/backend/backup"
	"directdesk/backend/marketing"
	"directdesk/backend/privacy"
	"directdesk/backend/workspace"
)

// erasedAfterBackup makes a workspace with the person and Karen, a
// manual backup, then erases the person (with the safety backup first)
// and closes the workspace. It returns the folder and the manual backup.
func erasedAfterBackup(t *testing.T) (dir, before string) {
	t.Helper()
	ctx := context.Background()
	dir = t.TempDir()
	ws, err := workspace.Open(ctx, dir, "test")
	if err != nil {
		t.Fatal(err)
	}
	importFile(t, ws, personSheet(t), true)
	id, err := ws.DB.ContactByEmailFold(ctx, "zebulon.quaxworth@example.dk")
	if err != nil || id == 0 {
		ws.Close()
		t.Fatalf("person not imported: %d %v", id, err)
	}
	info, err := ws.Backup(ctx, backup.Manual)
	if err != nil {
		ws.Close()
		t.Fatal(err)
	}
	safety, err := ws.BackupBeforeErase(ctx)
	if err != nil || safety.Kind != backup.BeforeErase {
		ws.Close()
		t.Fatalf("safety backup %+v %v", safety, err)
	}
	res, err := privacy.ErasePerson(ctx, ws.DB, id, "test")
	if err != nil || res.ScrubPending {
		ws.Close()
		t.Fatalf("erase %+v %v", res, err)
	}
	if err := ws.CloseNoBackup(); err != nil {
		t.Fatal(err)
	}
	return dir, filepath.Join(dir, backup.Folder, info.Name)
}

// TestErasureSurvivesRestore is the review's critical case: restoring a
// backup made before an erasure must not bring the person back. The
// restored workspace has no contact with their email, keeps their hash and
// erasure audit line, and its file holds no byte of them; Karen, who was
// not erased, is back as in the backup.
func TestErasureSurvivesRestore(t *testing.T) {
	ctx := context.Background()
	dir, before := erasedAfterBackup(t)
	if found := scanFile(t, before); len(found) == 0 {
		t.Fatal("the backup made before the erasure should hold the person (the test would prove nothing)")
	}
	res, err := workspace.RestoreDir(ctx, dir, before, false, "test")
	if err != nil {
		t.Fatal(err)
	}
	if res.Erased != 1 || res.ErasuresLost {
		t.Fatalf("restore %+v", res)
	}
	ws, err := workspace.Open(ctx, dir, "test")
	if err != nil {
		t.Fatal(err)
	}
	if id, _ := ws.DB.ContactByEmailFold(ctx, "zebulon.quaxworth@example.dk"); id != 0 {
		t.Errorf("the erased person is back as contact %d", id)
	}
	if ok, _ := ws.DB.IsErased(ctx, "zebulon.quaxworth@example.dk"); !ok {
		t.Error("the erased hash was not carried over")
	}
	if id, _ := ws.DB.ContactByEmailFold(ctx, "karen.blixen@example.dk"); id == 0 {
		t.Error("Karen, who was not erased, is missing")
	}
	page, err := ws.DB.AuditLog(ctx, marketing.AuditPersonErase, 0, 10)
	if err != nil || page.Total != 1 {
		t.Errorf("person_erase lines after restore: %+v %v", page, err)
	}
	if err := ws.CloseNoBackup(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, backup.DBFile)
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if found := scanFile(t, p); len(found) != 0 {
			t.Errorf("%s still holds %v", filepath.Base(p), found)
		}
	}
}

// TestErasureRestoreFromDamagedFileSaysItCouldNotCarry: when the replaced
// file is damaged beyond reading, the restore still works and says that
// people erased after the backup could not be carried over.
func TestErasureRestoreFromDamagedFileSaysItCouldNotCarry(t *testing.T) {
	ctx := context.Background()
	dir, before := erasedAfterBackup(t)
	// The header says it is no database any more.
	path := filepath.Join(dir, backup.DBFile)
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt([]byte(strings.Repeat("x", 100)), 0); err != nil {
		t.Fatal(err)
	}
	f.Close()
	res, err := workspace.RestoreDir(ctx, dir, before, true, "test")
	if err != nil {
		t.Fatal(err)
	}
	if !res.ErasuresLost || res.Erased != 0 || !strings.HasPrefix(res.Aside, "damaged-") {
		t.Fatalf("restore %+v", res)
	}
	ws, err := workspace.Open(ctx, dir, "test")
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	page, err := ws.DB.AuditLog(ctx, marketing.AuditRestore, 0, 1)
	if err != nil || page.Total != 1 || page.Items[0].Detail["erasures_lost"] != "1" {
		t.Errorf("restore audit %+v %v", page, err)
	}
}

// TestErasureDeletesPersonExports: the person's export files kept for
// download (browser mode) go with them; another contact's stay.
func TestErasureDeletesPersonExports(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"person-7-Zebulon-Quaxworth-101500.xlsx", "person-7-Zebulon-Quaxworth-101500.json", "person-70-Karen-101500.xlsx", "print-2026.pdf"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if n := privacy.DeleteExports(dir, 7); n != 2 {
		t.Fatalf("deleted %d files, want 2", n)
	}
	left, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(left) != 2 {
		t.Fatalf("left %v", left)
	}
	if privacy.DeleteExports("", 7) != 0 {
		t.Fatal("no folder, nothing to delete")
	}
}

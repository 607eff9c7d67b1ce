package app_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"directdesk/app"
	"directdesk/backend/backup"
	"directdesk/backend/marketing"
	"directdesk/backend/workspace"
)

// TestBackupBeforeEraseAndRestoreKeepTheErasure: erasing makes a
// before_erase backup first and deletes the person's export files kept for
// download; restoring a backup made before the erasure keeps them erased.
func TestBackupBeforeEraseAndRestoreKeepTheErasure(t *testing.T) {
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
	bo, err := a.Contacts.Create(marketing.Contact{FirstName: "Bo", LastName: "Holm", Email: "bo@example.dk", Country: "DK"})
	if err != nil {
		t.Fatal(err)
	}
	old, err := a.Backups.Create()
	if err != nil {
		t.Fatal(err)
	}
	exp, err := a.Privacy.ExportPerson(bo.ID, "Bo-Holm.xlsx")
	if err != nil || len(exp.Files) != 2 {
		t.Fatalf("export %+v %v", exp, err)
	}
	res, err := a.Privacy.ErasePerson(bo.ID, "ERASE")
	if err != nil {
		t.Fatal(err)
	}
	if res.Backup == "" || res.ScrubPending {
		t.Fatalf("erase %+v", res)
	}
	for _, f := range exp.Files {
		if _, err := os.Stat(f.Path); !os.IsNotExist(err) {
			t.Errorf("export %s still there after the erasure", f.Name)
		}
	}
	list, err := a.Backups.List()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, b := range list.Items {
		found = found || (b.Name == res.Backup && b.Kind == backup.BeforeErase)
	}
	if !found {
		t.Fatalf("the before_erase backup %s is not listed: %+v", res.Backup, list.Items)
	}
	r, err := a.Backups.Restore(old.Name)
	if err != nil {
		t.Fatal(err)
	}
	if r.Erased != 1 || contactTotal(t, a) != 1 {
		t.Fatalf("restore %+v, %d contacts (want Bo erased again)", r, contactTotal(t, a))
	}
}

// TestBackupBeforeEraseFailingErasesNothing: no safety backup, no erasure.
func TestBackupBeforeEraseFailingErasesNothing(t *testing.T) {
	dir := t.TempDir()
	ws, err := workspace.Open(context.Background(), dir, "test")
	if err != nil {
		t.Fatal(err)
	}
	a := app.New(ws, nil, "test")
	t.Cleanup(func() { a.Close() })
	bo, err := a.Contacts.Create(marketing.Contact{FirstName: "Bo", LastName: "Holm", Email: "bo@example.dk", Country: "DK"})
	if err != nil {
		t.Fatal(err)
	}
	// A file where the backups folder should be: no backup can be written.
	if err := os.WriteFile(filepath.Join(dir, backup.Folder), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = a.Privacy.ErasePerson(bo.ID, "ERASE")
	if me := marketing.AsError(err); me == nil || me.Details["reason"] != "backup_before_erase" {
		t.Fatalf("erase without a backup: %v", err)
	}
	if _, err := a.Contacts.Get(bo.ID); err != nil {
		t.Fatalf("Bo was erased without a safety backup: %v", err)
	}
}

package workspace_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"directdesk/backend/backup"
	"directdesk/backend/marketing"
	"directdesk/backend/workspace"
)

// TestKillAfterRestoreRenameStillCarriesErasures: a restore killed right
// after the backup replaced the file, before the erasures were carried
// over, finishes that work on the next open: the person erased after the
// backup stays erased.
func TestKillAfterRestoreRenameStillCarriesErasures(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	ws, err := workspace.Open(ctx, dir, "test")
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, c := range []marketing.Contact{
		{FirstName: "Anna", LastName: "Berg", Email: "anna@example.dk"},
		{FirstName: "Bo", LastName: "Holm", Email: "bo@example.dk", Mobile: "+4571829364"},
	} {
		if err := ws.DB.CreateContact(ctx, &c); err != nil {
			ws.Close()
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
	}
	b, err := ws.Backup(ctx, backup.Manual)
	if err != nil {
		ws.Close()
		t.Fatal(err)
	}
	if _, err := ws.DB.ErasePerson(ctx, ids[1], "test"); err != nil {
		ws.Close()
		t.Fatal(err)
	}
	if err := ws.CloseNoBackup(); err != nil {
		t.Fatal(err)
	}
	if finished := runKilled(t, "restore", dir, b.Name, "restore:renamed", 0); finished {
		t.Fatal("the child was not killed")
	}
	if _, err := os.Stat(filepath.Join(dir, backup.CarryFile)); err != nil {
		t.Fatalf("the kill should leave the carry-over to the next open: %v", err)
	}
	ws, err = workspace.Open(ctx, dir, "test")
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	if id, _ := ws.DB.ContactByEmailFold(ctx, "bo@example.dk"); id != 0 {
		t.Fatalf("Bo, erased after the backup, is back as %d", id)
	}
	if id, _ := ws.DB.ContactByEmailFold(ctx, "anna@example.dk"); id == 0 {
		t.Fatal("Anna is missing")
	}
	if _, err := os.Stat(filepath.Join(dir, backup.CarryFile)); !os.IsNotExist(err) {
		t.Fatalf("the marker is still there: %v", err)
	}
}

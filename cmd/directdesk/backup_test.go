package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"directdesk/backend/workspace"
)

func TestBackupAndRestoreFromTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := runCLI(t, "demo", "--data", dir, "--contacts", "120", "--quiet"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	code, out, errOut := runCLI(t, "backup", "--data", dir, "--json")
	if code != 0 {
		t.Fatalf("backup: %d %s", code, errOut)
	}
	var b struct {
		File string `json:"file"`
		Size int64  `json:"size"`
	}
	if err := json.Unmarshal([]byte(out), &b); err != nil || b.Size == 0 || filepath.Dir(b.File) != filepath.Join(dir, "backups") {
		t.Fatalf("backup output %q %v", out, err)
	}
	usb := filepath.Join(t.TempDir(), "shop.db")
	if code, out, errOut := runCLI(t, "backup", "--data", dir, "--out", usb); code != 0 || !strings.Contains(out, "Backed up the workspace to "+usb) {
		t.Fatalf("backup --out: %d %q %s", code, out, errOut)
	}
	if code, _, errOut := runCLI(t, "backup", "--data", dir, "--out", usb); code != 1 || !strings.Contains(errOut, "already exists") {
		t.Fatalf("overwrite: %d %s", code, errOut)
	}
	if code, _, errOut := runCLI(t, "demo", "--data", dir, "--contacts", "30", "--quiet"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}

	// Without --yes it asks, and anything but yes restores nothing.
	stdin = strings.NewReader("no\n")
	if code, _, errOut := runCLI(t, "restore", usb, "--data", dir); code != 1 || !strings.Contains(errOut, "Nothing was restored") {
		t.Fatalf("unconfirmed restore: %d %s", code, errOut)
	}
	if _, out, _ := runCLI(t, "info", "--data", dir); !strings.Contains(out, "Contacts:   150") {
		t.Fatalf("unconfirmed restore changed the workspace: %s", out)
	}

	// While DirectDesk has the folder open, restore is refused.
	ws, err := workspace.Open(t.Context(), dir, "test")
	if err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runCLI(t, "restore", usb, "--data", dir, "--yes"); code != 1 || !strings.Contains(errOut, "already open") {
		t.Fatalf("restore while open: %d %s", code, errOut)
	}
	ws.Close()

	code, out, errOut = runCLI(t, "restore", usb, "--data", dir, "--yes", "--json")
	if code != 0 {
		t.Fatalf("restore: %d %s", code, errOut)
	}
	var r struct {
		Aside    string `json:"aside"`
		Contacts int    `json:"contacts"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil || r.Contacts != 120 || !strings.Contains(r.Aside, "before_restore") {
		t.Fatalf("restore output %q", out)
	}
	if _, out, _ := runCLI(t, "info", "--data", dir); !strings.Contains(out, "Contacts:   120") {
		t.Fatalf("after restore: %s", out)
	}

	// Not a workspace: refused, nothing changed.
	junk := filepath.Join(t.TempDir(), "list.db")
	os.WriteFile(junk, []byte("Name;Email\n"), 0o600)
	if code, _, errOut := runCLI(t, "restore", junk, "--data", dir, "--yes"); code != 1 || !strings.Contains(errOut, "damaged") {
		t.Fatalf("junk restore: %d %s", code, errOut)
	}
	if code, _, errOut := runCLI(t, "restore", "--data", dir, "--yes"); code != 1 || !strings.Contains(errOut, "Name one backup file") {
		t.Fatalf("no file: %d %s", code, errOut)
	}
}

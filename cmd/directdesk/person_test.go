package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPersonExportAndEraseFromTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(t.TempDir(), "kunder.csv")
	os.WriteFile(csv, []byte("Fornavn;Efternavn;E-mail;Mobil;By\nZebulon;Quaxworth;zebulon.quaxworth@example.dk;+45 28 19 37 46;Aarhus\nKaren;Blixen;karen@example.dk;;Rungsted\n"), 0o600)
	if code, _, errOut := runCLI(t, "import", "contacts", csv, "--data", dir); code != 0 {
		t.Fatalf("import: %s", errOut)
	}

	// Bad input: no such person, no --out, a format it cannot write.
	if code, _, errOut := runCLI(t, "person", "export", "--data", dir, "--email", "nobody@example.dk", "--out", "x.json"); code != 1 || !strings.Contains(errOut, "No contact has the email address nobody@example.dk") {
		t.Fatalf("unknown person: %d %s", code, errOut)
	}
	if code, _, errOut := runCLI(t, "person", "export", "--data", dir, "--email", "zebulon.quaxworth@example.dk"); code != 1 || !strings.Contains(errOut, "--out") {
		t.Fatalf("no --out: %d %s", code, errOut)
	}
	if code, _, errOut := runCLI(t, "person", "export", "--data", dir, "--email", "zebulon.quaxworth@example.dk", "--out", "x.pdf"); code != 1 || !strings.Contains(errOut, ".xlsx or .json") {
		t.Fatalf("pdf: %d %s", code, errOut)
	}

	out := t.TempDir()
	js := filepath.Join(out, "zebulon.json")
	code, stdout, errOut := runCLI(t, "person", "export", "--data", dir, "--email", "ZEBULON.Quaxworth@example.dk", "--out", js, "--json")
	if code != 0 {
		t.Fatalf("export json: %d %s", code, errOut)
	}
	var res struct {
		Name string `json:"name"`
		File string `json:"file"`
	}
	if json.Unmarshal([]byte(stdout), &res) != nil || res.Name != "Zebulon Quaxworth" || res.File != js {
		t.Fatalf("export output %q", stdout)
	}
	var data struct {
		Data map[string][]map[string]any `json:"data"`
	}
	b, _ := os.ReadFile(js)
	if json.Unmarshal(b, &data) != nil || data.Data["contact"][0]["mobile"] != "+4528193746" || len(data.Data["imports"]) != 1 {
		t.Fatalf("exported json: %s", b)
	}
	xl := filepath.Join(out, "zebulon.xlsx")
	if code, stdout, errOut := runCLI(t, "person", "export", "--data", dir, "--email", "zebulon.quaxworth@example.dk", "--out", xl); code != 0 || !strings.Contains(stdout, "Imports") {
		t.Fatalf("export xlsx: %d %s %s", code, stdout, errOut)
	}
	if st, err := os.Stat(xl); err != nil || st.Size() == 0 {
		t.Fatalf("xlsx not written: %v", err)
	}

	// Erase: not without a yes; a terminal asks and takes only ERASE or the name.
	personTerminal = func() bool { return false }
	if code, _, errOut := runCLI(t, "person", "erase", "--data", dir, "--email", "zebulon.quaxworth@example.dk"); code != 1 || !strings.Contains(errOut, "--yes") {
		t.Fatalf("erase without terminal: %d %s", code, errOut)
	}
	personTerminal = func() bool { return true }
	defer func() { personTerminal = func() bool { return false } }()
	personIn = strings.NewReader("yes\n")
	if code, _, errOut := runCLI(t, "person", "erase", "--data", dir, "--email", "zebulon.quaxworth@example.dk"); code != 1 || !strings.Contains(errOut, "Nothing was erased") || !strings.Contains(errOut, "cannot be undone") {
		t.Fatalf("unconfirmed erase: %d %s", code, errOut)
	}
	personIn = strings.NewReader("  zebulon   QUAXWORTH \n")
	code, stdout, errOut = runCLI(t, "person", "erase", "--data", dir, "--email", "zebulon.quaxworth@example.dk")
	if code != 0 || !strings.Contains(stdout, "Erased Zebulon Quaxworth") || !strings.Contains(stdout, "safety backup made just before") {
		t.Fatalf("erase: %d %s %s", code, stdout, errOut)
	}
	// The safety backup was made first and still holds them.
	safety, _ := filepath.Glob(filepath.Join(dir, "backups", "directdesk-*-before_erase.db"))
	if len(safety) != 1 {
		t.Fatalf("before_erase backups: %v", safety)
	}
	if b, _ := os.ReadFile(safety[0]); !strings.Contains(string(b), "zebulon.quaxworth@example.dk") {
		t.Fatal("the safety backup does not hold the person")
	}
	if code, _, errOut := runCLI(t, "person", "export", "--data", dir, "--email", "zebulon.quaxworth@example.dk", "--out", js); code != 1 || !strings.Contains(errOut, "was erased earlier") {
		t.Fatalf("export after erase: %d %s", code, errOut)
	}
	if code, stdout, _ := runCLI(t, "person", "erase", "--data", dir, "--email", "karen@example.dk", "--yes", "--json"); code != 0 || !strings.Contains(stdout, `"contactId"`) {
		t.Fatalf("erase --yes --json: %d %s", code, stdout)
	}
	if _, stdout, _ := runCLI(t, "info", "--data", dir); !strings.Contains(stdout, "Contacts:   0") {
		t.Fatalf("info after erasing both: %s", stdout)
	}
	// Restoring the backup made before the first erasure keeps both erased.
	code, stdout, errOut = runCLI(t, "restore", safety[0], "--data", dir, "--yes")
	if code != 0 || !strings.Contains(stdout, "2 people erased after this backup was made were erased again") {
		t.Fatalf("restore: %d %s %s", code, stdout, errOut)
	}
	if _, stdout, _ := runCLI(t, "info", "--data", dir); !strings.Contains(stdout, "Contacts:   0") {
		t.Fatalf("info after restoring the safety backup: %s", stdout)
	}
}

package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRegisterImportCLI(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "robinson.csv")
	if err := os.WriteFile(file, []byte("Fornavn;Efternavn;Adresse;Postnr;Telefon\nJørgen;Ærø;Nørregade 12;1165;20111111\n;;;;\nX;;;;\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(dir, "ws")
	var out, errb bytes.Buffer
	if rc := run([]string{"register", "import", file, "--register", "robinson", "--date", "2026-11-30", "--data", data, "--json"}, &out, &errb); rc != 0 {
		t.Fatalf("rc %d: %s", rc, errb.String())
	}
	var res struct {
		Entries, Unusable, Matches, Rows int
		UnusableRows                     []int
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil || res.Entries != 2 || res.Unusable != 1 || res.Rows != 2 || len(res.UnusableRows) != 1 || res.UnusableRows[0] != 4 {
		t.Fatalf("%s %v %+v", out.String(), err, res)
	}
	out.Reset()
	errb.Reset()
	if rc := run([]string{"register", "import", file, "--data", data}, &out, &errb); rc != 1 || !strings.Contains(errb.String(), "--register robinson") {
		t.Fatalf("without --register: rc %d %q", rc, errb.String())
	}
	errb.Reset()
	if rc := run([]string{"register", "import", file, "--register", "nix", "--date", "30.11.2026", "--data", data}, &out, &errb); rc != 1 || !strings.Contains(errb.String(), "2026-11-30") {
		t.Fatalf("bad date: rc %d %q", rc, errb.String())
	}
}

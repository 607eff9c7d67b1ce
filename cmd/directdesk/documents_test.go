package main

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestLettersLabelsAndCatalogsFromTheCommandLine runs the commands
// on a demo workspace and reads the PDFs back.
func TestLettersLabelsAndCatalogsFromTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := runCLI(t, "demo", "--data", dir, "--contacts", "600", "--quiet"); code != 0 {
		t.Fatalf("demo: %d %s", code, errOut)
	}
	out := filepath.Join(t.TempDir(), "offer.pdf")
	code, stdout, errOut := runCLI(t, "letters", "--data", dir, "--template", "offer-letter", "--age", "30-45", "--region", "Hovedstaden", "--out", out, "--json")
	if code != 0 {
		t.Fatalf("letters: %d %s", code, errOut)
	}
	var res struct {
		Recipients int      `json:"recipients"`
		Pages      int      `json:"pages"`
		Files      []string `json:"files"`
	}
	if err := json.Unmarshal([]byte(stdout), &res); err != nil || res.Recipients == 0 || res.Pages < res.Recipients || len(res.Files) != 1 {
		t.Fatalf("letters printed %q (%v)", stdout, err)
	}
	text, err := exec.Command("pdftotext", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(text), "Region Hovedstaden") && !strings.Contains(string(text), "København") && !strings.Contains(string(text), "Frederiksberg") {
		t.Errorf("the letters do not go to Hovedstaden:\n%.600s", text)
	}
	for _, cmd := range [][]string{
		{"labels", "--template", "standard-labels", "--segment", "", "--country", "SE"},
		{"catalog", "--template", "standard-catalog", "--age", "60-"},
		{"letters", "--per-person", "--gender", "f", "--age", "75-"},
	} {
		target := filepath.Join(t.TempDir(), cmd[0]+".pdf")
		if cmd[1] == "--per-person" {
			target = filepath.Join(t.TempDir(), "folder")
		}
		args := append([]string{cmd[0], "--data", dir, "--out", target, "--quiet"}, cmd[1:]...)
		if code, _, errOut := runCLI(t, args...); code != 0 {
			t.Errorf("%v: %d %s", cmd, code, errOut)
		}
	}
	// A template of another kind, or one that does not exist, is refused in words.
	if code, _, errOut := runCLI(t, "labels", "--data", dir, "--template", "standard-letter", "--out", filepath.Join(t.TempDir(), "x.pdf")); code != 1 || !strings.Contains(errOut, "directdesk letters") {
		t.Errorf("wrong kind: %d %q", code, errOut)
	}
	if code, _, errOut := runCLI(t, "letters", "--data", dir, "--template", "nope", "--out", filepath.Join(t.TempDir(), "x.pdf")); code != 1 || !strings.Contains(errOut, "no template called") {
		t.Errorf("unknown template: %d %q", code, errOut)
	}
	if code, stdout, _ := runCLI(t, "templates", "--data", dir); code != 0 || !strings.Contains(stdout, "standard-catalog") {
		t.Errorf("templates: %d %q", code, stdout)
	}
}

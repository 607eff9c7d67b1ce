package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestVersionAndUsage(t *testing.T) {
	if code, out, _ := runCLI(t, "version"); code != 0 || !strings.HasPrefix(out, "DirectDesk ") {
		t.Fatalf("version: %d %q", code, out)
	}
	if code, _, errOut := runCLI(t, "frobnicate"); code != 2 || !strings.Contains(errOut, "unknown command") || !strings.Contains(errOut, "contacts list") {
		t.Fatalf("unknown: %d %q", code, errOut)
	}
}

func TestDemoThenListAsJSON(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := runCLI(t, "demo", "--data", dir, "--contacts", "300", "--quiet"); code != 0 {
		t.Fatalf("demo: %d %s", code, errOut)
	}
	code, out, errOut := runCLI(t, "contacts", "list", "--data", dir, "--json", "--limit", "5", "--sort", "city")
	if code != 0 {
		t.Fatalf("list: %d %s", code, errOut)
	}
	var page struct {
		Total int `json:"total"`
		Items []struct {
			City string `json:"city"`
		} `json:"items"`
	}
	if err := json.Unmarshal([]byte(out), &page); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if page.Total != 300 || len(page.Items) != 5 {
		t.Fatalf("page %+v", page)
	}
	code, out, _ = runCLI(t, "info", "--data", dir)
	if code != 0 || !strings.Contains(out, "Contacts:   300") {
		t.Fatalf("info: %d %q", code, out)
	}
}

func TestBadInputGetsAShopOwnerMessage(t *testing.T) {
	dir := t.TempDir()
	code, _, errOut := runCLI(t, "contacts", "list", "--data", dir, "--sort", "password")
	if code != 1 || !strings.Contains(errOut, "cannot be sorted by that column") {
		t.Fatalf("bad sort: %d %q", code, errOut)
	}
	code, out, _ := runCLI(t, "demo", "--data", dir, "--contacts", "0", "--json")
	if code != 1 || !strings.Contains(out, `"code":"invalid"`) {
		t.Fatalf("zero contacts: %d %q", code, out)
	}
}

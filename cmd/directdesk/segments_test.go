package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"directdesk/backend/marketing"
	"directdesk/backend/workspace"
)

// TestSegmentCountAgreesWithAHandCount counts "women 30-45 in one region
// with one of two job titles" with the CLI and by hand over every contact.
func TestSegmentCountAgreesWithAHandCount(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := runCLI(t, "demo", "--data", dir, "--contacts", "2000", "--quiet"); code != 0 {
		t.Fatalf("demo: %d %s", code, errOut)
	}
	ctx := context.Background()
	ws, err := workspace.Open(ctx, dir, "test")
	if err != nil {
		t.Fatal(err)
	}
	var all []marketing.Contact
	ws.DB.EachContact(ctx, marketing.ContactQuery{}, func(c *marketing.Contact, _ []marketing.Consent, _ int) error {
		all = append(all, *c)
		return nil
	})
	ws.Close()
	// The most common region, then the two most common job titles of the
	// women 30-45 there.
	today := time.Now()
	age := func(c marketing.Contact) int {
		b, err := time.Parse(marketing.DateLayout, c.BirthDate)
		if err != nil {
			return -1
		}
		a := today.Year() - b.Year()
		if today.Month() < b.Month() || today.Month() == b.Month() && today.Day() < b.Day() {
			a--
		}
		return a
	}
	best := func(m map[string]int, not string) string {
		out, n := "", 0
		for k, v := range m {
			if k != "" && k != not && (v > n || v == n && k < out) {
				out, n = k, v
			}
		}
		return out
	}
	regions := map[string]int{}
	for _, c := range all {
		regions[c.Region]++
	}
	region := best(regions, "")
	titles := map[string]int{}
	for _, c := range all {
		if a := age(c); c.Gender == marketing.GenderFemale && c.Region == region && a >= 30 && a <= 45 {
			titles[c.JobTitle]++
		}
	}
	t1 := best(titles, "")
	t2 := best(titles, t1)
	want := titles[t1] + titles[t2]
	// Job titles match in any case and spacing.
	code, out, errOut := runCLI(t, "segment", "count", "--data", dir, "--json", "--age", "30-45", "--gender", "f",
		"--region", strings.ToUpper(region), "--job-title", "  "+strings.ToLower(t1)+" ", "--job-title", t2)
	if code != 0 {
		t.Fatalf("segment count: %d %s", code, errOut)
	}
	var got struct{ Count int }
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if got.Count != want || want == 0 {
		t.Fatalf("CLI counted %d, by hand %d (region %q, titles %q %q)", got.Count, want, region, t1, t2)
	}

	// Export the same selection; an empty one writes an empty sheet.
	xlsx := filepath.Join(t.TempDir(), "seg.xlsx")
	code, out, errOut = runCLI(t, "segment", "export", "--data", dir, "--json", "--quiet", "--out", xlsx, "--age", "30-45", "--gender", "f",
		"--region", region, "--job-title", t1, "--job-title", t2)
	if code != 0 || !strings.Contains(out, `"rows":`+itoa(want)) {
		t.Fatalf("export: %d %s %s", code, out, errOut)
	}
	code, out, _ = runCLI(t, "segment", "export", "--data", dir, "--json", "--quiet", "--out", xlsx, "--region", "Nowhere")
	if code != 0 || !strings.Contains(out, `"rows":0`) {
		t.Fatalf("empty export: %d %s", code, out)
	}
	csv := filepath.Join(t.TempDir(), "aud.csv")
	code, out, errOut = runCLI(t, "segment", "export", "--data", dir, "--json", "--out", csv, "--audience", "google", "--region", region)
	if code != 0 || !strings.Contains(out, `"rows":`) {
		t.Fatalf("audience: %d %s %s", code, out, errOut)
	}
	code, _, errOut = runCLI(t, "segment", "count", "--data", dir, "--age", "forty")
	if code != 1 || !strings.Contains(errOut, "whole number") {
		t.Fatalf("bad age: %d %s", code, errOut)
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"directdesk/backend/marketing"
	"directdesk/backend/workspace"
)

// `segment export --for letters` leaves out a person who refused post and
// an erased person imported again, and says so; without --for the file
// holds everyone.
func TestSegmentExportForLetters(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	ws, err := workspace.Open(ctx, dir, "test")
	if err != nil {
		t.Fatal(err)
	}
	people := []marketing.Contact{
		{FirstName: "Niels", LastName: "Nejtak", Street1: "Algade 5", Postcode: "4000", City: "Roskilde", Country: "DK", Kind: marketing.KindCustomer},
		{FirstName: "Søren", LastName: "Fri", Street1: "Algade 3", Postcode: "4000", City: "Roskilde", Country: "DK", Kind: marketing.KindCustomer},
		{FirstName: "Erik", LastName: "Gone", Email: "erik@example.dk", Street1: "Havnevej 9", Postcode: "5000", City: "Odense", Country: "DK", Kind: marketing.KindCustomer},
	}
	for i := range people {
		if err := ws.DB.CreateContact(ctx, &people[i]); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := ws.DB.RecordConsent(ctx, people[0].ID, marketing.ConsentEvent{Channel: marketing.ChannelPost, Status: marketing.ConsentRefused,
		At: marketing.Timestamp(time.Now()), Method: marketing.MethodWritten, Source: "letter"}); err != nil {
		t.Fatal(err)
	}
	if _, err := ws.DB.ErasePerson(ctx, people[2].ID, "test"); err != nil {
		t.Fatal(err)
	}
	again := marketing.Contact{FirstName: "Erik", LastName: "Again", Email: "ERIK@example.dk", Street1: "Havnevej 9", Postcode: "5000", City: "Odense", Country: "DK", Kind: marketing.KindCustomer}
	if err := ws.DB.CreateContact(ctx, &again); err != nil {
		t.Fatal(err)
	}
	ws.Close()

	letters := filepath.Join(dir, "letters.csv")
	code, out, errOut := runCLI(t, "segment", "export", "--data", dir, "--json", "--quiet", "--out", letters, "--for", "letters")
	if code != 0 {
		t.Fatalf("for letters: %d %s %s", code, out, errOut)
	}
	var res struct {
		Rows     int            `json:"rows"`
		For      string         `json:"for"`
		Excluded map[string]int `json:"excluded"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || res.Rows != 1 || res.For != marketing.ChannelPost ||
		res.Excluded[marketing.ExcludeNoConsent] != 1 || res.Excluded[marketing.ExcludeErased] != 1 {
		t.Fatalf("for letters: %s %v %+v", out, err, res)
	}
	b, _ := os.ReadFile(letters)
	if !strings.Contains(string(b), "Søren") || strings.Contains(string(b), "Niels") || strings.Contains(string(b), "Erik") {
		t.Errorf("the file for letters holds:\n%s", b)
	}

	// Plain text names the counts by reason.
	code, out, _ = runCLI(t, "segment", "export", "--data", dir, "--quiet", "--out", letters, "--for", "letters")
	if code != 0 || !strings.Contains(out, "2 contacts may not get letters") || !strings.Contains(out, "erased") || !strings.Contains(out, "no_consent") {
		t.Errorf("text output: %d %q", code, out)
	}

	own := filepath.Join(dir, "own.csv")
	res.Excluded = nil
	code, out, errOut = runCLI(t, "segment", "export", "--data", dir, "--json", "--quiet", "--out", own)
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil || res.Rows != 3 || len(res.Excluded) != 0 {
		t.Fatalf("own use: %d %s %s", code, out, errOut)
	}

	code, _, errOut = runCLI(t, "segment", "export", "--data", dir, "--quiet", "--out", own, "--for", "fax")
	if code == 0 || !strings.Contains(errOut, "--for letters") {
		t.Errorf("--for fax: %d %q", code, errOut)
	}
}

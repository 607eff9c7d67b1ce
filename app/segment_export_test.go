package app_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"directdesk/app"
	"directdesk/backend/marketing"
	"directdesk/backend/segment"
	"directdesk/backend/workspace"
)

// The Export dialog's calls: the preflight of a file for letters counts
// who is left out by reason, "see who" names them (also within a frozen
// list), the file leaves them out, and a file for own use holds everyone.
func TestSegmentExportForSendingChecksPrivacy(t *testing.T) {
	ctx := context.Background()
	ws, err := workspace.Open(ctx, t.TempDir(), "test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	a := app.New(ws, nil, "test")
	people := []marketing.Contact{
		{FirstName: "Niels", Street1: "Algade 5", Postcode: "4000", City: "Roskilde", Country: "DK", Kind: marketing.KindCustomer},
		{FirstName: "Søren", Street1: "Algade 3", Postcode: "5000", City: "Odense", Country: "DK", Kind: marketing.KindCustomer},
		{FirstName: "Bent", Street1: "Algade 1", Postcode: "4000", City: "Roskilde", Country: "DK", Kind: marketing.KindCustomer},
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
	everyone := segment.Filter{}
	check, err := a.Segments.ExportCheck(everyone, 0, marketing.ChannelPost)
	if err != nil || check.Selected != 3 || check.Kept != 2 || check.Excluded[marketing.ExcludeNoConsent] != 1 {
		t.Fatalf("preflight: %+v %v", check, err)
	}
	res, err := a.Segments.Export(everyone, 0, filepath.Join(t.TempDir(), "letters.xlsx"), marketing.ChannelPost)
	if err != nil || res.Rows != 2 || res.Excluded[marketing.ExcludeNoConsent] != 1 {
		t.Fatalf("for letters: %+v %v", res, err)
	}
	res, err = a.Segments.Export(everyone, 0, filepath.Join(t.TempDir(), "own.xlsx"), "")
	if err != nil || res.Rows != 3 {
		t.Fatalf("own use: %+v %v", res, err)
	}
	if _, err := a.Segments.ExportCheck(everyone, 0, "fax"); marketing.ErrorCode(err) != marketing.EInvalid {
		t.Fatalf("purpose fax: %v", err)
	}

	// "See who" within a frozen list of Niels and Bent.
	list, err := a.Segments.Freeze(segment.Filter{Root: segment.Node{Field: "postcode", Op: "in", Values: []string{"4000"}}}, "Nogle")
	if err != nil {
		t.Fatal(err)
	}
	who, err := a.Privacy.Excluded(app.ExcludedRequest{
		Query:     marketing.ExcludedQuery{Source: marketing.ExcludedExport, Channel: marketing.ChannelPost},
		Selection: app.DocumentSelection{Filter: everyone}, FrozenID: list.ID,
	})
	if err != nil || who.Total != 1 || who.Items[0].ContactID != people[0].ID || who.Items[0].Reason != marketing.ExcludeNoConsent {
		t.Fatalf("see who: %+v %v", who, err)
	}
	// Within a list of Søren alone, nobody is left out.
	soren, err := a.Segments.Freeze(segment.Filter{Root: segment.Node{Field: "postcode", Op: "in", Values: []string{"5000"}}}, "Søren")
	if err != nil {
		t.Fatal(err)
	}
	who, err = a.Privacy.Excluded(app.ExcludedRequest{
		Query:     marketing.ExcludedQuery{Source: marketing.ExcludedExport, Channel: marketing.ChannelPost},
		Selection: app.DocumentSelection{Filter: everyone}, FrozenID: soren.ID,
	})
	if err != nil || who.Total != 0 {
		t.Fatalf("see who within Søren's list: %+v %v", who, err)
	}
}

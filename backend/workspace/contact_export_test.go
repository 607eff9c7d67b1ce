package workspace_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"directdesk/backend/exporter"
	"directdesk/backend/marketing"
	"directdesk/backend/store"
)

// A contacts file "for letters" (to a letter shop) leaves out and counts a
// person on the Robinson list, one who refused post and an erased person
// imported again; the same selection exported for the user's own use
// holds everyone. "See who" names the people left out.
func TestContactExportForSendingLeavesOutAndCounts(t *testing.T) {
	ws := emailWorkspace(t)
	ctx := context.Background()
	st, err := ws.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st.Country = "DK"
	if _, err := ws.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	ids := addPeople(t, ws,
		marketing.Contact{FirstName: "Rikke", LastName: "Robinson", Mobile: "+4520111111", Street1: "Vestergade 1", Postcode: "8000", City: "Aarhus", Country: "DK"},
		marketing.Contact{FirstName: "Niels", LastName: "Nejtak", Street1: "Algade 5", Postcode: "4000", City: "Roskilde", Country: "DK"},
		marketing.Contact{FirstName: "Søren", LastName: "Fri", Street1: "Algade 3", Postcode: "4000", City: "Roskilde", Country: "DK"},
		marketing.Contact{FirstName: "Erik", LastName: "Gone", Email: "erik@example.dk", Street1: "Havnevej 9", Postcode: "5000", City: "Odense", Country: "DK"},
	)
	rikke, niels, soren, erik := ids[0], ids[1], ids[2], ids[3]
	if _, err := ws.DB.ReplaceRegister(ctx, store.RegisterFile{Register: marketing.RegisterRobinson, FileName: "robinson.csv", ListDate: time.Now().Format("2006-01-02")},
		keys(marketing.RegisterPhoneKey("+4520111111"))); err != nil {
		t.Fatal(err)
	}
	if _, err := ws.DB.RecordConsent(ctx, niels, marketing.ConsentEvent{Channel: marketing.ChannelPost, Status: marketing.ConsentRefused,
		At: marketing.Timestamp(time.Now()), Method: marketing.MethodWritten, Source: "letter"}); err != nil {
		t.Fatal(err)
	}
	if _, err := ws.DB.ErasePerson(ctx, erik, "test"); err != nil {
		t.Fatal(err)
	}
	erik = addPeople(t, ws, marketing.Contact{FirstName: "Erik", LastName: "Again", Email: "Erik@Example.dk", Street1: "Havnevej 9", Postcode: "5000", City: "Odense", Country: "DK"})[0]
	all := []int64{rikke, niels, soren, erik}
	dir := t.TempDir()

	check, err := ws.CheckExport(ctx, all, marketing.ChannelPost)
	if err != nil {
		t.Fatal(err)
	}
	if check.Selected != 4 || check.Kept != 1 || check.Excluded[marketing.ExcludeRegister] != 1 || check.Excluded[marketing.ExcludeNoConsent] != 1 || check.Excluded[marketing.ExcludeErased] != 1 {
		t.Errorf("preflight: %+v", check)
	}

	letters := filepath.Join(dir, "letters.csv")
	res, err := ws.ExportContacts(ctx, all, marketing.ChannelPost, letters, exporter.Options{Language: "en"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Rows != 1 || res.Excluded[marketing.ExcludeRegister] != 1 || res.Excluded[marketing.ExcludeNoConsent] != 1 || res.Excluded[marketing.ExcludeErased] != 1 {
		t.Errorf("for letters: %+v", res)
	}
	body := read(t, letters)
	if !strings.Contains(body, "Søren") || strings.Contains(body, "Rikke") || strings.Contains(body, "Niels") || strings.Contains(body, "Erik") {
		t.Errorf("the file for letters holds:\n%s", body)
	}

	own := filepath.Join(dir, "own.csv")
	res, err = ws.ExportContacts(ctx, all, "", own, exporter.Options{Language: "en"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Rows != 4 || len(res.Excluded) != 0 {
		t.Errorf("own use: %+v", res)
	}
	if body := read(t, own); !strings.Contains(body, "Rikke") || !strings.Contains(body, "Niels") || !strings.Contains(body, "Erik") {
		t.Errorf("the own-use file holds:\n%s", body)
	}

	who, err := ws.Excluded(ctx, marketing.ExcludedQuery{Source: marketing.ExcludedExport, Channel: marketing.ChannelPost, Limit: 10}, all)
	if err != nil || who.Total != 3 {
		t.Fatalf("see who: %+v %v", who, err)
	}
	reasons := map[int64]string{}
	for _, p := range who.Items {
		reasons[p.ContactID] = p.Reason
	}
	if reasons[rikke] != marketing.ExcludeRegister || reasons[niels] != marketing.ExcludeNoConsent || reasons[erik] != marketing.ExcludeErased {
		t.Errorf("see who: %+v", who.Items)
	}

	// Bad input: an unknown purpose writes nothing; "see who" for an
	// export needs the channel.
	bad := filepath.Join(dir, "bad.csv")
	if _, err := ws.ExportContacts(ctx, all, "fax", bad, exporter.Options{}, nil); marketing.ErrorCode(err) != marketing.EInvalid {
		t.Errorf("purpose fax: %v", err)
	}
	if _, err := os.Stat(bad); err == nil {
		t.Error("a file was written for an unknown purpose")
	}
	if _, err := ws.Excluded(ctx, marketing.ExcludedQuery{Source: marketing.ExcludedExport}, all); marketing.ErrorCode(err) != marketing.EInvalid {
		t.Errorf("see who without a channel: %v", err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

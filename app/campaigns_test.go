package app_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"directdesk/app"
	"directdesk/backend/campaign"
	"directdesk/backend/marketing"
	"directdesk/backend/segment"
	"directdesk/backend/workspace"
)

// An SMS file that cannot be put in its place leaves the messages due:
// they were not given to anyone, so they must not count as sent, and the
// next export writes them again.
// smsApp is an app with two customers with mobiles and a launched
// campaign of the given SMS touches (all due today).
func smsApp(t *testing.T, touches int) (*app.App, campaign.Released) {
	t.Helper()
	ctx := context.Background()
	ws, err := workspace.Open(ctx, t.TempDir(), "test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	a := app.New(ws, nil, "test")
	a.SetUI(&recordingUI{})
	for _, c := range []marketing.Contact{
		{FirstName: "Søren", Mobile: "+4520123456", Country: "DK", Tags: []string{"Kunde"}},
		{FirstName: "Åsa", Mobile: "+46701234567", Country: "SE", Tags: []string{"Kunde"}},
	} {
		c.Kind = marketing.KindCustomer
		if err := ws.DB.CreateContact(ctx, &c); err != nil {
			t.Fatal(err)
		}
	}
	seg := segment.Saved{Name: "Kunder", Kind: segment.Dynamic, Filter: segment.Filter{Version: 1, Root: segment.Node{All: []segment.Node{{Field: "tag", Op: "anyOf", Values: []string{"Kunde"}}}}}}
	if err := ws.DB.SaveSegment(ctx, &seg); err != nil {
		t.Fatal(err)
	}
	cp := marketing.Campaign{Name: "SMS", SegmentID: seg.ID, Selection: seg.Name}
	for range touches {
		cp.Touches = append(cp.Touches, marketing.Touch{Channel: marketing.TouchSMS, SMSText: "Hej {{first_name}}", UnitCostMinor: 45})
	}
	c, err := a.Campaigns.Save(cp)
	if err != nil {
		t.Fatal(err)
	}
	rel, err := a.Campaigns.Launch(c.ID)
	if err != nil || len(rel.Touches) != touches || rel.Touches[0].Count != 2 {
		t.Fatalf("launched %+v %v", rel, err)
	}
	return a, rel
}

func TestSMSExportThatCannotBeSavedMarksNothing(t *testing.T) {
	a, rel := smsApp(t, 1)
	touch := rel.Touches[0].TouchID
	due := func() int {
		t.Helper()
		p, err := a.Campaigns.Work(campaign.WorkQuery{TouchID: touch, Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		return p.Counts[marketing.WorkDue]
	}
	// The chosen name is taken by a folder with something in it: the
	// finished file cannot be renamed into place.
	dir := t.TempDir()
	blocked := filepath.Join(dir, "sms.csv")
	if err := os.MkdirAll(filepath.Join(blocked, "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Campaigns.ExportSMS(touch, blocked); err == nil {
		t.Fatal("a file that could not be saved was not reported")
	}
	if n := due(); n != 2 {
		t.Fatalf("after a failed save %d still due, want 2: the messages went nowhere", n)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*part*")); len(left) != 0 {
		t.Errorf("left behind %v", left)
	}
	out, err := a.Campaigns.ExportSMS(touch, filepath.Join(dir, "ok.csv"))
	if err != nil || out.Result.Rows != 2 || due() != 0 {
		t.Fatalf("export %+v %v", out, err)
	}
	if _, err := os.Stat(out.Path); err != nil {
		t.Error(err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) != 0 {
		t.Errorf("left behind %v", left)
	}
}

// Two touches exported one after the other into the download folder (the
// browser) get a file each: the second does not replace the first.
func TestSMSDownloadsOfTwoTouchesKeepTheirFiles(t *testing.T) {
	a, rel := smsApp(t, 2)
	first, err := a.Campaigns.ExportSMS(rel.Touches[0].TouchID, "")
	if err != nil {
		t.Fatal(err)
	}
	second, err := a.Campaigns.ExportSMS(rel.Touches[1].TouchID, "")
	if err != nil {
		t.Fatal(err)
	}
	if first.Download == second.Download {
		t.Fatalf("both exports went to %s", first.Download)
	}
	for _, out := range []app.SMSExport{first, second} {
		b, err := os.ReadFile(a.DownloadPath(out.Download))
		if err != nil || strings.Count(string(b), "\n") != 3 {
			t.Errorf("%s: %q %v", out.Download, b, err)
		}
	}
}

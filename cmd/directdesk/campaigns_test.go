package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"directdesk/backend/campaign"
	"directdesk/backend/marketing"
	"directdesk/backend/segment"
	"directdesk/backend/workspace"
)

// TestCampaignFromTheCommandLine plans a letter campaign in the workspace,
// then lists, shows, dry-runs, launches it, redeems a code (a typo is
// refused) and reads the results, all through the CLI.
func TestCampaignFromTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := runCLI(t, "demo", "--data", dir, "--contacts", "200", "--quiet"); code != 0 {
		t.Fatalf("demo: %d %s", code, errOut)
	}
	ctx := context.Background()
	ws, err := workspace.Open(ctx, dir, "test")
	if err != nil {
		t.Fatal(err)
	}
	page, err := ws.DB.ListContacts(ctx, marketing.ContactQuery{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, c := range page.Items {
		ids = append(ids, c.ID)
	}
	seg := segment.Saved{Name: "Alle", Kind: segment.Frozen}
	if err := ws.DB.FreezeSegment(ctx, &seg, ids); err != nil {
		t.Fatal(err)
	}
	letters, _ := ws.Templates(ctx, marketing.KindLetter)
	c := marketing.Campaign{Name: "Høstbrev", Currency: "DKK", SegmentID: seg.ID, Selection: seg.Name, ControlPct: 10,
		OrderValueMinor: 40000, MarginPct: 50,
		Touches: []marketing.Touch{{Channel: marketing.TouchLetter, TemplateID: letters[0].ID, UnitCostMinor: 1500}}}
	if err := ws.Campaigns().Save(ctx, &c); err != nil {
		t.Fatal(err)
	}
	ws.Close()

	if code, out, errOut := runCLI(t, "campaign", "list", "--data", dir); code != 0 || !strings.Contains(out, "Høstbrev\tdraft") {
		t.Fatalf("list: %d %q %s", code, out, errOut)
	}
	code, out, errOut := runCLI(t, "campaign", "launch", "høstbrev", "--data", dir, "--dry-run", "--json")
	if code != 0 {
		t.Fatalf("dry run: %d %s", code, errOut)
	}
	var dry launchResult
	if err := json.Unmarshal([]byte(out), &dry); err != nil || !dry.DryRun || dry.Preflight == nil || dry.Preflight.Segment != len(ids) || dry.Status != marketing.CampaignDraft {
		t.Fatalf("dry run: %v %s", err, out)
	}
	if code, out, errOut = runCLI(t, "campaign", "launch", "Høstbrev", "--data", dir); code != 0 || !strings.Contains(out, "Launched: running") {
		t.Fatalf("launch: %d %q %s", code, out, errOut)
	}
	if code, _, errOut = runCLI(t, "campaign", "launch", "Høstbrev", "--data", dir); code != 1 || !strings.Contains(errOut, "launched already") {
		t.Fatalf("a second launch: %d %s", code, errOut)
	}
	if code, out, _ = runCLI(t, "campaign", "show", "Høstbrev", "--data", dir); code != 0 || !strings.Contains(out, "1. letter") || !strings.Contains(out, "under way") {
		t.Fatalf("show: %d %q", code, out)
	}

	// A code from the letter touch's list.
	ws, err = workspace.Open(ctx, dir, "test")
	if err != nil {
		t.Fatal(err)
	}
	c, _ = ws.Campaigns().Get(ctx, c.ID)
	// Codes are made when the letters are printed.
	if _, err := ws.PrintTouch(ctx, workspace.PrintTouchRequest{TouchID: c.Touches[0].ID, Path: filepath.Join(t.TempDir(), "letters.pdf")}, nil); err != nil {
		t.Fatal(err)
	}
	// Not marked as posted yet: the response counts for the campaign, not
	// for the letter touch.
	work, err := ws.Campaigns().Work(ctx, workWithCode(c.Touches[0].ID))
	ws.Close()
	if err != nil || len(work.Items) == 0 || work.Items[0].ResponseCode == "" {
		t.Fatalf("work %+v %v", work, err)
	}
	code0 := work.Items[0].ResponseCode
	typo := []rune(code0)
	if typo[0] == 'K' {
		typo[0] = 'M'
	} else {
		typo[0] = 'K'
	}
	if code, _, errOut = runCLI(t, "redeem", string(typo), "--data", dir); code != 1 || !strings.Contains(strings.ToLower(errOut), "typ") {
		t.Fatalf("typo: %d %s", code, errOut)
	}
	if code, out, errOut = runCLI(t, "redeem", strings.ToLower(code0), "--value", "1.249,50", "--data", dir); code != 0 || !strings.Contains(out, "Recorded: order, 1249.50") {
		t.Fatalf("redeem: %d %q %s", code, out, errOut)
	}
	code, out, errOut = runCLI(t, "campaign", "results", "Høstbrev", "--data", dir, "--json")
	if code != 0 {
		t.Fatalf("results: %d %s", code, errOut)
	}
	var res marketing.CampaignResults
	if err := json.Unmarshal([]byte(out), &res); err != nil || res.Totals.Orders != 1 || res.Totals.Responses != 1 || res.Totals.RevenueMinor != 124950 ||
		len(res.Touches) != 1 || res.Touches[0].Orders != 0 {
		t.Fatalf("results %v %+v %+v", err, res.Totals, res.Touches)
	}
}

func workWithCode(touchID int64) campaign.WorkQuery {
	return campaign.WorkQuery{TouchID: touchID, Limit: 5}
}

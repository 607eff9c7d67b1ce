package app_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"directdesk/app"
	"directdesk/backend/marketing"
	"directdesk/backend/segment"
	"directdesk/backend/workspace"
)

// TestSegmentsFromEditToExport drives the segment editor's calls: count
// with breakdown and sample, values to pick from, explain, save, freeze,
// list and export; and a bad filter is refused with a coded reason.
func TestSegmentsFromEditToExport(t *testing.T) {
	ctx := context.Background()
	ws, err := workspace.Open(ctx, t.TempDir(), "test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	a := app.New(ws, nil, "test")
	db := ws.DB
	for _, c := range []marketing.Contact{
		{FirstName: "Anna", Gender: "female", BirthDate: "1985-05-01", Region: "Region Hovedstaden", JobTitle: "Direktør"},
		{FirstName: "Bo", Gender: "male", BirthDate: "1990-01-01", Region: "Region Hovedstaden"},
		{FirstName: "Cecilie", Gender: "female", BirthDate: "1950-01-01", Region: "Region Sjælland"},
	} {
		c.JobTitleNorm = marketing.NormalizeJobTitle(c.JobTitle)
		if err := db.CreateContact(ctx, &c); err != nil {
			t.Fatal(err)
		}
	}
	women := segment.Filter{Root: segment.Node{All: []segment.Node{
		{Field: "gender", Op: "in", Values: []string{"female"}},
		{Field: "region", Op: "in", Values: []string{"region hovedstaden"}},
	}}}
	res, err := a.Segments.Count(women)
	if err != nil {
		t.Fatal(err)
	}
	if res.Count != 1 || res.Total != 3 || len(res.Sample) != 1 || res.Sample[0].FirstName != "Anna" {
		t.Fatalf("count %+v", res)
	}
	if res.Ages[3].Value != "40-49" || res.Ages[3].Count != 1 {
		t.Errorf("age bands %+v", res.Ages)
	}
	regions, err := a.Segments.Values("region")
	if err != nil || len(regions) != 2 || regions[0].Label != "Region Hovedstaden" || regions[0].Count != 2 {
		t.Fatalf("regions %+v %v", regions, err)
	}
	why, err := a.Segments.Explain(women, res.Sample[0].ID+1) // Bo
	if err != nil || why.Met || !why.Children[1].Met || why.Children[0].Met {
		t.Fatalf("explain Bo %+v %v", why, err)
	}
	if v := why.Children[1].Values; len(v) != 1 || v[0] != "region hovedstaden" {
		t.Errorf("the explanation keeps the values as sent: %q", v)
	}
	now, err := a.Segments.Freeze(women, "Kvinder nu")
	if err != nil {
		t.Fatal(err)
	}
	if lr, err := a.Segments.CountList(now.ID); err != nil || lr.Count != 1 || len(lr.Sample) != 1 {
		t.Fatalf("count a frozen list %+v %v", lr.Breakdown, err)
	}
	if err := a.Segments.Delete(now.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Segments.CountList(now.ID); marketing.ErrorCode(err) != marketing.ENotFound {
		t.Fatalf("a deleted list: %v", err)
	}
	saved, err := a.Segments.Save(segment.Saved{Name: "Kvinder i Hovedstaden", Filter: women})
	if err != nil || saved.Size != 1 {
		t.Fatalf("save %+v %v", saved, err)
	}
	if _, err := a.Segments.Freeze(women, "Kvinder, 1. december"); err != nil {
		t.Fatal(err)
	}
	list, _ := a.Segments.List()
	if len(list) != 2 {
		t.Fatalf("list %+v", list)
	}
	out := filepath.Join(t.TempDir(), "kvinder.xlsx")
	exp, err := a.Segments.Export(women, 0, out, "")
	if err != nil || exp.Rows != 1 {
		t.Fatalf("export %+v %v", exp, err)
	}
	tab, err := a.Segments.Explore(segment.Filter{}, "ageBand", "region")
	if err != nil || tab.Total.Count != 3 || len(tab.Rows) != 3 || len(tab.Cols) != 2 || tab.Max != 1 {
		t.Fatalf("explore %+v %v", tab, err)
	}
	if _, err := a.Segments.Explore(segment.Filter{}, "region", "region"); marketing.ErrorCode(err) != marketing.EInvalid {
		t.Fatalf("the same dimension twice: %v", err)
	}
	groups, err := a.Segments.Split(segment.Filter{}, []string{"Test", "Kontrol"}, []int{67, 33}, 7, "")
	if err != nil || len(groups) != 2 || groups[0].Size+groups[1].Size != 3 || groups[1].Size != 1 {
		t.Fatalf("split %+v %v", groups, err)
	}
	ov, err := a.Segments.Overlap([]int64{saved.ID, groups[1].ID})
	if err != nil || len(ov.Regions) != 4 || ov.Regions[1]+ov.Regions[3] != 1 {
		t.Fatalf("overlap %+v %v", ov, err)
	}
	aud, err := a.Segments.Audience(women, 0, filepath.Join(t.TempDir(), "kvinder.csv"), "meta")
	if err != nil || aud.Rows+aud.Skipped != 1 {
		t.Fatalf("audience %+v %v", aud, err)
	}
	// Job-title groups: "Decision makers" holds Direktør by default; a
	// group that no longer exists is named in the error.
	deciders := segment.Filter{Root: segment.Node{Field: "jobTitle", Op: "inGroup", Values: []string{"decision MAKERS"}}}
	if res, err := a.Segments.Count(deciders); err != nil || res.Count != 1 {
		t.Fatalf("decision makers: %+v %v", res.Breakdown, err)
	}
	if _, err := a.Segments.SaveTitleGroups([]segment.TitleGroup{{Name: "Ejere", Titles: []string{"Indehaver", " indehaver "}}}); err != nil {
		t.Fatal(err)
	}
	if tg, _ := a.Segments.TitleGroups(); len(tg) != 1 || len(tg[0].Titles) != 1 {
		t.Fatalf("groups %+v", tg)
	}
	if _, err := a.Segments.Count(deciders); marketing.ErrorCode(err) != marketing.EInvalid || !strings.Contains(err.Error(), "decision MAKERS") {
		t.Fatalf("a removed group: %v", err)
	}
	bad := segment.Filter{Root: segment.Node{Field: "age", Op: "between", Values: []string{"30"}}}
	if _, err := a.Segments.Count(bad); marketing.ErrorCode(err) != marketing.EInvalid {
		t.Fatalf("a half-filled age range: %v", err)
	}
}

package store_test

import (
	"context"
	"testing"
	"time"

	"directdesk/backend/campaign"
	"directdesk/backend/marketing"
	"directdesk/backend/segment"
	"directdesk/backend/store"
)

// licenceWorld is a workspace with a letter template and a segment of
// everyone, and a campaign service on the same clock.
type licenceWorld struct {
	t      *testing.T
	ctx    context.Context
	db     *store.DB
	s      *campaign.Service
	seg    int64
	letter int64
	now    time.Time
}

func newLicenceWorld(t *testing.T) *licenceWorld {
	ctx := context.Background()
	db := MustOpenDB(t)
	w := &licenceWorld{t: t, ctx: ctx, db: db, now: time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)}
	db.Now = func() time.Time { return w.now }
	w.s = campaign.New(db)
	w.s.Now = db.Now
	if err := db.SaveSettings(ctx, marketing.Settings{Country: "DK", Currency: "DKK"}); err != nil {
		t.Fatal(err)
	}
	seg := segment.Saved{Name: "Everyone", Kind: segment.Dynamic, Filter: segment.Filter{Version: 1,
		Root: segment.Node{All: []segment.Node{{Field: "kind", Op: "in", Values: []string{"customer", "prospect"}}}}}}
	if err := db.SaveSegment(ctx, &seg); err != nil {
		t.Fatal(err)
	}
	w.seg = seg.ID
	tpl := marketing.Template{Kind: marketing.KindLetter, Title: "Brev", Lang: "da", Body: "<p>Kære {{first_name}}</p>"}
	if err := db.SaveTemplate(ctx, &tpl); err != nil {
		t.Fatal(err)
	}
	w.letter = tpl.ID
	return w
}

// people imports two addressed Danes as a list with these terms.
func (w *licenceWorld) people(terms *marketing.ListTerms) []int64 {
	w.t.Helper()
	importList(w.t, w.db, terms, []marketing.Contact{
		{FirstName: "Anna", LastName: "Berg", Street1: "Vestergade 1", Postcode: "8000", City: "Aarhus", Country: "DK", Phone: "+4520000001"},
		{FirstName: "Bo", LastName: "Dal", Street1: "Østergade 2", Postcode: "8000", City: "Aarhus", Country: "DK", Phone: "+4520000002"},
	})
	var ids []int64
	for _, name := range []string{"Anna", "Bo"} {
		var id int64
		if err := w.db.ReadRaw(w.ctx, "SELECT id FROM contacts WHERE first_name = ? ORDER BY id DESC LIMIT 1", name).Scan(&id); err != nil {
			w.t.Fatal(err)
		}
		ids = append(ids, id)
	}
	return ids
}

// washed imports a fresh Robinson list that holds nobody of ours.
func (w *licenceWorld) washed(listDate string) {
	w.t.Helper()
	if err := w.db.PutRegisterForTest(w.ctx, marketing.RegisterRobinson, listDate, marketing.RegisterPhoneKey("+4599999999")); err != nil {
		w.t.Fatal(err)
	}
}

func (w *licenceWorld) campaign(name string, offsets ...int) marketing.Campaign {
	w.t.Helper()
	c := marketing.Campaign{Name: name, SegmentID: w.seg, Selection: "Everyone", PressureDays: 0}
	for _, o := range offsets {
		c.Touches = append(c.Touches, marketing.Touch{Channel: marketing.TouchLetter, TemplateID: w.letter, OffsetDays: o, UnitCostMinor: 1000})
	}
	if err := w.s.Save(w.ctx, &c); err != nil {
		w.t.Fatal(err)
	}
	return c
}

// excluded is the preflight's count per exclusion reason.
func (w *licenceWorld) excluded(c marketing.Campaign, ids []int64) (map[string]int, int) {
	w.t.Helper()
	pf, err := w.s.Preflight(w.ctx, c.ID, ids)
	if err != nil {
		w.t.Fatal(err)
	}
	out := map[string]int{}
	for _, e := range pf.Exclusions {
		out[e.Reason] += e.Count
	}
	return out, pf.Target
}

// A one-time list goes into one campaign: the second campaign's preflight
// leaves its people out as licence_used (and launching it anyway fails),
// while the first campaign's later letters still reach them.
func TestOneTimeListCannotGoIntoASecondCampaign(t *testing.T) {
	w := newLicenceWorld(t)
	w.washed("2026-11-20")
	ids := w.people(onceTerms())
	a := w.campaign("Forår A", 0, 14)
	if ex, target := w.excluded(a, ids); target != 2 || len(ex) != 0 {
		t.Fatalf("campaign A: target %d, excluded %v", target, ex)
	}
	if _, err := w.s.Launch(w.ctx, a.ID, ids); err != nil {
		t.Fatal(err)
	}
	lists, err := w.db.SupplierLists(w.ctx, w.now, "DK")
	if err != nil || !lists[0].UsedUp || len(lists[0].UsedBy) != 1 || lists[0].UsedBy[0] != "Forår A" {
		t.Fatalf("after A: %+v %v", lists, err)
	}

	b := w.campaign("Sommer B", 0)
	ex, target := w.excluded(b, ids)
	if ex[marketing.ExcludeLicenceUsed] != 2 || target != 0 {
		t.Fatalf("campaign B: target %d, excluded %v", target, ex)
	}
	if _, err := w.s.Launch(w.ctx, b.ID, ids); err == nil {
		t.Error("campaign B launched with nobody it may reach")
	}

	// Two weeks later A's second letter goes to both of them.
	w.now = w.now.AddDate(0, 0, 14)
	if _, err := w.s.ReleaseDue(w.ctx); err != nil {
		t.Fatal(err)
	}
	got := w.db.ReadRaw(w.ctx, `SELECT count(*) FROM touch_work k JOIN campaign_touches t ON t.id = k.touch_id
		WHERE t.campaign_id = ? AND t.seq = 2 AND k.state = 'due'`, a.ID)
	var due int
	if err := got.Scan(&due); err != nil || due != 2 {
		t.Errorf("A's second letter is due for %d people (%v), want 2", due, err)
	}
}

// A repeated-use list may go into several campaigns until it expires.
func TestExpiredRentedListIsLeftOut(t *testing.T) {
	w := newLicenceWorld(t)
	w.washed("2026-11-20")
	terms := onceTerms()
	terms.Licence, terms.ExpiresOn = marketing.LicenceRepeated, "2026-11-30"
	ids := w.people(terms)
	a := w.campaign("A", 0)
	if _, err := w.s.Launch(w.ctx, a.ID, ids); err != nil {
		t.Fatal(err)
	}
	b := w.campaign("B", 0)
	if ex, target := w.excluded(b, ids); target != 2 || len(ex) != 0 {
		t.Fatalf("repeated use before expiry: target %d, excluded %v", target, ex)
	}
	w.now = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	w.washed("2026-11-30")
	ex, target := w.excluded(b, ids)
	if ex[marketing.ExcludeLicenceExpired] != 2 || target != 0 {
		t.Fatalf("after expiry: target %d, excluded %v", target, ex)
	}
	if lists, _ := w.db.SupplierLists(w.ctx, w.now, "DK"); !lists[0].Expired {
		t.Errorf("list %+v not shown as expired", lists[0])
	}
}

// Bought people are not_washed until the register of their country is
// imported, and again once that file is older than its refresh period.
func TestListPeopleAreNotWashedWithoutAFreshRegister(t *testing.T) {
	w := newLicenceWorld(t)
	ids := w.people(onceTerms())
	own := []int64{mustCreate(t, w.db, marketing.Contact{FirstName: "Kirsten", LastName: "Holm", Street1: "Torvet 3", Postcode: "8000", City: "Aarhus", Country: "DK"}).ID}
	all := append(append([]int64{}, ids...), own...)
	c := w.campaign("A", 0)
	ex, target := w.excluded(c, all)
	if ex[marketing.ExcludeNotWashed] != 2 || target != 1 {
		t.Fatalf("no register: target %d, excluded %v", target, ex)
	}
	if lists, _ := w.db.SupplierLists(w.ctx, w.now, "DK"); !lists[0].NotWashed {
		t.Errorf("list %+v", lists[0])
	}
	w.washed("2026-07-01") // 145 days old: Robinson is refreshed every 90
	if ex, _ := w.excluded(c, all); ex[marketing.ExcludeNotWashed] != 2 {
		t.Fatalf("stale register: excluded %v", ex)
	}
	w.washed("2026-11-20")
	if ex, target := w.excluded(c, all); len(ex) != 0 || target != 3 {
		t.Fatalf("washed: target %d, excluded %v", target, ex)
	}
	if lists, _ := w.db.SupplierLists(w.ctx, w.now, "DK"); lists[0].NotWashed {
		t.Errorf("washed list %+v", lists[0])
	}
	// A match on the register is left out as such, list or not.
	if err := w.db.PutRegisterForTest(w.ctx, marketing.RegisterRobinson, "2026-11-20", marketing.RegisterPhoneKey("+4520000001")); err != nil {
		t.Fatal(err)
	}
	if ex, target := w.excluded(c, all); ex[marketing.ExcludeRegister] != 1 || target != 2 {
		t.Fatalf("register match: target %d, excluded %v", target, ex)
	}
}

// A no on the phone and a STOP to an SMS put the person's numbers on the
// suppression list, so the next campaign's caller or SMS export skips them.
func TestRefusedCallAndSMSStopSuppressTheNumbers(t *testing.T) {
	w := newLicenceWorld(t)
	anna := mustCreate(t, w.db, marketing.Contact{FirstName: "Anna", Phone: "+4520000001", Mobile: "+4530000001", Country: "DK", Kind: marketing.KindCustomer})
	bo := mustCreate(t, w.db, marketing.Contact{FirstName: "Bo", Mobile: "+4530000002", Country: "DK", Kind: marketing.KindCustomer})
	// Danish sales calls need a yes first: Anna gave one, and takes it back on the call.
	if _, err := w.db.RecordConsent(w.ctx, anna.ID, marketing.ConsentEvent{Channel: marketing.ChannelPhone, Status: marketing.ConsentGranted,
		At: "2026-01-01T10:00:00Z", Method: marketing.MethodWritten, Source: "sign-up card"}); err != nil {
		t.Fatal(err)
	}
	c := marketing.Campaign{Name: "Ring og skriv", SegmentID: w.seg, Selection: "Everyone", Touches: []marketing.Touch{
		{Channel: marketing.TouchPhone, Script: "Hej", UnitCostMinor: 500},
		{Channel: marketing.TouchSMS, SMSText: "Hej {{first_name}}", UnitCostMinor: 50},
	}}
	if err := w.s.Save(w.ctx, &c); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.Launch(w.ctx, c.ID, []int64{anna.ID, bo.ID}); err != nil {
		t.Fatal(err)
	}
	c, _ = w.s.Get(w.ctx, c.ID)
	var phoneTouch, smsTouch int64
	for _, tc := range c.Touches {
		switch tc.Channel {
		case marketing.TouchPhone:
			phoneTouch = tc.ID
		case marketing.TouchSMS:
			smsTouch = tc.ID
		}
	}
	page, err := w.s.Work(w.ctx, campaign.WorkQuery{TouchID: phoneTouch, State: marketing.WorkDue, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range page.Items {
		if it.ContactID == anna.ID {
			if err := w.s.RecordCall(w.ctx, campaign.CallOutcome{WorkID: it.ID, Outcome: marketing.CallRefused, Note: "vil ikke ringes op"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := w.s.AddResponse(w.ctx, campaign.NewResponse{CampaignID: c.ID, ContactID: bo.ID, Kind: marketing.ResponseOptOut, TouchID: smsTouch, Source: marketing.SourceManual, Detail: "STOP"}); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	list, _, err := w.db.SuppressionList(w.ctx, "", "phone", 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range list {
		got[e.Value] = e.Reason
	}
	for _, n := range []string{"+4520000001", "+4530000001", "+4530000002"} {
		if got[n] != marketing.SuppressOptOut {
			t.Errorf("%s: %q (list %v)", n, got[n], got)
		}
	}
}

package campaign

import (
	"context"
	"errors"
	"math"
	"testing"
	"time"

	"directdesk/backend/marketing"
	"directdesk/backend/store"
)

// racingStore is the store as one release sees it while another release
// (the home screen asks for today's work again and again) does the same
// work between its reads and its writes.
type racingStore struct {
	*store.DB
	meanwhile func()
}

func (r *racingStore) ActiveCampaigns(ctx context.Context) ([]marketing.Campaign, error) {
	list, err := r.DB.ActiveCampaigns(ctx)
	if r.meanwhile != nil {
		r.meanwhile()
		r.meanwhile = nil
	}
	return list, err
}

// Two releases at once: the other one starts the scheduled campaign whose
// day came and makes its list. This one must not fail with "a running
// campaign cannot become running", nor make the list again.
func TestReleaseDueRacesAnotherRelease(t *testing.T) {
	f := newFixture(t)
	lt := f.template(marketing.KindLetter, "Brev", "<p>Kære {{first_name}}</p>")
	ids := f.add(person{c: addressed("A")}, person{c: addressed("B")})
	c := f.draft("Later", letter(lt, 0))
	c.StartDate = f.now.AddDate(0, 0, 2).Format(time.DateOnly)
	if err := f.s.Save(f.ctx, &c); err != nil {
		t.Fatal(err)
	}
	f.launch(c, ids)
	f.advance(2)
	other := New(f.db)
	other.Now = f.s.Now
	rs := &racingStore{DB: f.db}
	rs.meanwhile = func() {
		if rel, err := other.ReleaseDue(f.ctx); err != nil || len(rel.Touches) != 1 {
			t.Errorf("the other release: %+v %v", rel, err)
		}
	}
	mine := New(rs)
	mine.Now = f.s.Now
	rel, err := mine.ReleaseDue(f.ctx)
	if err != nil {
		t.Fatalf("a release beside another one failed: %v", err)
	}
	if len(rel.Touches) != 0 {
		t.Errorf("released again: %+v", rel)
	}
	got := f.get(c.ID)
	if got.Status != marketing.CampaignRunning {
		t.Errorf("status %s", got.Status)
	}
	if n := f.counts(got.Touches[0].ID); n[marketing.WorkDue] != 2 {
		t.Errorf("work %v", n)
	}
}

// A campaign paused before its first day and resumed starts on its day,
// not on the day it was resumed.
func TestResumeBeforeTheStartKeepsTheDay(t *testing.T) {
	f := newFixture(t)
	lt := f.template(marketing.KindLetter, "Brev", "<p>Kære {{first_name}}</p>")
	ids := f.add(person{c: addressed("A")})
	c := f.draft("Later", letter(lt, 0))
	start := f.now.AddDate(0, 0, 5).Format(time.DateOnly)
	c.StartDate = start
	if err := f.s.Save(f.ctx, &c); err != nil {
		t.Fatal(err)
	}
	f.launch(c, ids)
	if err := f.s.SetStatus(f.ctx, c.ID, marketing.CampaignPaused, ""); err != nil {
		t.Fatal(err)
	}
	if err := f.s.SetStatus(f.ctx, c.ID, marketing.CampaignRunning, ""); err != nil {
		t.Fatal(err)
	}
	rel, err := f.s.ReleaseDue(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := f.get(c.ID)
	if len(rel.Touches) != 0 || got.StartDate != start || got.Status != marketing.CampaignScheduled || got.PauseReason != "" {
		t.Fatalf("resumed: %s from %s (want scheduled from %s), released %+v", got.Status, got.StartDate, start, rel.Touches)
	}
	f.advance(5)
	if rel, err := f.s.ReleaseDue(f.ctx); err != nil || len(rel.Touches) != 1 {
		t.Fatalf("on its day: %+v %v", rel, err)
	}
}

// The break-even response rate of the preflight: the plan's cost per
// person of the target group over the margin one response brings, by
// hand: touch 1, letters to A and B at 10.01 = 20.02; touch 2, a call to
// C at 10.00; 30.02 over 3 people = 10.0067 each; margin 50 % of 100.00 =
// 50.00; 10.0067 / 50.00 = 0.200133.
func TestPreflightBreakEvenIsNotRoundedDown(t *testing.T) {
	f := newFixture(t)
	lt := f.template(marketing.KindLetter, "Brev", "<p>Kære {{first_name}}</p>")
	ids := f.add(person{c: addressed("A")}, person{c: addressed("B")}, person{c: marketing.Contact{FirstName: "C", Phone: "+4520000003", Country: "DK"}})
	l := letter(lt, 0)
	l.UnitCostMinor = 1001
	c := f.draft("Break-even", l, marketing.Touch{Channel: marketing.TouchPhone, Script: "Hej", OffsetDays: 7, UnitCostMinor: 1000})
	c.OrderValueMinor, c.MarginPct = 10000, 50
	if err := f.s.Save(f.ctx, &c); err != nil {
		t.Fatal(err)
	}
	pf, err := f.s.Preflight(f.ctx, c.ID, ids)
	if err != nil {
		t.Fatal(err)
	}
	if pf.Target != 3 || pf.CostMinor != 3002 {
		t.Fatalf("preflight %+v", pf)
	}
	if want := 3002.0 / 3 / 5000; math.Abs(pf.BreakEvenRate-want) > 1e-12 {
		t.Errorf("break-even %v, want %v", pf.BreakEvenRate, want)
	}
}

// crashingStore loses the process after a call's outcome was stored:
// nothing written later reaches the file.
type crashingStore struct{ *store.DB }

func (crashingStore) AddResponse(context.Context, store.ResponseInput) (marketing.Response, bool, error) {
	return marketing.Response{}, false, errors.New("the process ended")
}

func (crashingStore) ReopenCallWork(context.Context, store.WorkRef, time.Time) error {
	return errors.New("the process ended")
}

// An order taken on the phone is the call and its response together: a
// crash between the two must not leave the call done without the order.
func TestCallOrderIsOneTransaction(t *testing.T) {
	f := newFixture(t)
	ids := f.add(person{c: marketing.Contact{FirstName: "Dan", Phone: "+4520000004", Country: "DK"}})
	c := f.draft("Calls", marketing.Touch{Channel: marketing.TouchPhone, Script: "Hej", UnitCostMinor: 2500})
	touch := f.launch(c, ids).Touches[0].TouchID
	work := f.work(touch)
	s := New(crashingStore{f.db})
	s.Now = f.s.Now
	err := s.RecordCall(f.ctx, CallOutcome{WorkID: work[0].ID, Outcome: marketing.CallOrder, ValueMinor: 75000})
	rs, rerr := f.s.Responses(f.ctx, ResponseQuery{CampaignID: c.ID})
	if rerr != nil {
		t.Fatal(rerr)
	}
	n := f.counts(touch)
	switch {
	case n[marketing.WorkDone] == 1 && rs.Total == 1 && rs.Items[0].ValueMinor == 75000 && rs.Items[0].TouchID == touch:
	case n[marketing.WorkDue] == 1 && rs.Total == 0 && err != nil:
	default:
		t.Fatalf("half written: work %v, responses %+v, error %v", n, rs.Items, err)
	}
}

// The campaign list and the results page show the same campaign's sent,
// cost, responses and revenue: an email the server refused counts as
// sent (and paid for) in both, and the control group's answers count in
// neither.
func TestListFiguresMatchTheResults(t *testing.T) {
	sc := newScenario(t)
	f := sc.f
	f.respond(NewResponse{CampaignID: sc.c.ID, ContactID: sc.control[0], Kind: marketing.ResponseOrder, ValueMinor: 20000})
	r, err := f.s.Results(f.ctx, sc.c.ID)
	if err != nil {
		t.Fatal(err)
	}
	list, err := f.s.List(f.ctx, false)
	if err != nil || len(list) != 1 {
		t.Fatal(list, err)
	}
	got, want := list[0], r.Totals
	if got.Sent != want.Sent || got.CostMinor != want.CostMinor || got.Responses != want.Responses || got.RevenueMinor != want.RevenueMinor {
		t.Errorf("list: sent %d, cost %d, responses %d, revenue %d; results: sent %d, cost %d, responses %d, revenue %d",
			got.Sent, got.CostMinor, got.Responses, got.RevenueMinor, want.Sent, want.CostMinor, want.Responses, want.RevenueMinor)
	}
}

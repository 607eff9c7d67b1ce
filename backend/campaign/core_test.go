package campaign

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"directdesk/backend/marketing"
	"directdesk/backend/segment"
	"directdesk/backend/store"
)

// fixture is a workspace file with the campaign service on a fake clock.
type fixture struct {
	t       *testing.T
	ctx     context.Context
	db      *store.DB
	s       *Service
	now     time.Time
	segment int64
	seq     int
}

// monday10 is a Monday morning, inside every country's calling hours.
var monday10 = time.Date(2026, 3, 2, 10, 0, 0, 0, time.Local)

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "w.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	f := &fixture{t: t, ctx: ctx, db: db, now: monday10}
	clock := func() time.Time { return f.now }
	db.Now = clock
	f.s = New(db)
	f.s.Now = clock
	seg := segment.Saved{Name: "Everyone", Kind: segment.Dynamic, Filter: segment.Filter{Version: 1, Root: segment.Node{All: []segment.Node{{Field: "kind", Op: "in", Values: []string{"customer", "prospect"}}}}}}
	if err := db.SaveSegment(ctx, &seg); err != nil {
		t.Fatal(err)
	}
	f.segment = seg.ID
	return f
}

func (f *fixture) today() string { return f.now.Format(time.DateOnly) }

func (f *fixture) advance(days int) { f.now = f.now.AddDate(0, 0, days) }

// person is a contact to add with its consents and orders.
type person struct {
	c       marketing.Contact
	consent map[string]string // channel -> granted/refused
	orders  []int64           // order totals (minor units), dated 2025-06-01
}

// add stores people in one import session and returns their ids.
func (f *fixture) add(people ...person) []int64 {
	f.t.Helper()
	sess, err := f.db.BeginImport(f.ctx, &marketing.ImportBatch{Kind: marketing.ImportContacts, FileName: "people.xlsx"}, false)
	if err != nil {
		f.t.Fatal(err)
	}
	ids := make([]int64, 0, len(people))
	for _, p := range people {
		c := p.c
		if c.Kind == "" {
			c.Kind = marketing.KindCustomer
		}
		var cons []marketing.Consent
		if _, said := p.consent[marketing.ChannelPhone]; !said && c.Kind == marketing.KindCustomer && c.Phone+c.Mobile != "" && (c.Country == "DK" || c.Country == "") {
			// Danish sales calls need a prior yes, customers too: the
			// shop's customers in these tests gave one.
			cons = append(cons, marketing.Consent{Channel: marketing.ChannelPhone, Status: marketing.ConsentGranted, At: "2026-01-01T00:00:00Z", Method: "import"})
		}
		for ch, st := range p.consent {
			cons = append(cons, marketing.Consent{Channel: ch, Status: st, At: "2026-01-01T00:00:00Z", Method: "import"})
		}
		if err := sess.CreateContact(f.ctx, &c, cons, "test"); err != nil {
			f.t.Fatal(err)
		}
		for _, total := range p.orders {
			f.seq++
			o := marketing.Order{ContactID: c.ID, OrderNo: fmt.Sprintf("O%d", f.seq), Date: "2025-06-01", Total: marketing.Money{Minor: total, Currency: "DKK"}}
			if err := sess.CreateOrder(f.ctx, &o); err != nil {
				f.t.Fatal(err)
			}
		}
		ids = append(ids, c.ID)
	}
	if err := sess.Commit(f.ctx, &marketing.ImportBatch{}); err != nil {
		f.t.Fatal(err)
	}
	return ids
}

// order adds an order for a contact on a day.
func (f *fixture) order(contactID int64, date string, total int64) {
	f.t.Helper()
	sess, err := f.db.BeginImport(f.ctx, &marketing.ImportBatch{Kind: marketing.ImportOrders, FileName: "orders.xlsx"}, false)
	if err != nil {
		f.t.Fatal(err)
	}
	f.seq++
	o := marketing.Order{ContactID: contactID, OrderNo: fmt.Sprintf("O%d", f.seq), Date: date, Total: marketing.Money{Minor: total, Currency: "DKK"}}
	if err := sess.CreateOrder(f.ctx, &o); err != nil {
		f.t.Fatal(err)
	}
	if err := sess.Commit(f.ctx, &marketing.ImportBatch{}); err != nil {
		f.t.Fatal(err)
	}
}

// addressed is a contact with a postal address.
func addressed(first string) marketing.Contact {
	return marketing.Contact{FirstName: first, LastName: "Hansen", Street1: "Vestergade 1", Postcode: "8000", City: "Aarhus", Country: "DK"}
}

func (f *fixture) template(kind marketing.TemplateKind, title, body string) marketing.Template {
	f.t.Helper()
	t := marketing.Template{Kind: kind, Title: title, Lang: "da", Body: body}
	if kind == marketing.KindEmail {
		t.Layout.Email.Subject = "Hej {{first_name}}"
		t.Layout.Email.Blocks = []marketing.EmailBlock{{Kind: marketing.BlockText, Text: "<p>Hej {{first_name}}</p>"}}
	}
	if err := f.db.SaveTemplate(f.ctx, &t); err != nil {
		f.t.Fatal(err)
	}
	return t
}

func (f *fixture) account() marketing.MailAccount {
	f.t.Helper()
	a := marketing.MailAccount{Name: "Shop", FromEmail: "shop@blomster.example.dk", SMTPHost: "127.0.0.1", SMTPPort: 2525, SMTPSecurity: marketing.SecurityPlain, IMAPSecurity: marketing.SecurityTLS}
	if err := f.db.SaveMailAccount(f.ctx, &a); err != nil {
		f.t.Fatal(err)
	}
	return a
}

// draft saves a campaign with these touches (unit cost 1000 each unless set).
func (f *fixture) draft(name string, touches ...marketing.Touch) marketing.Campaign {
	f.t.Helper()
	for i := range touches {
		if touches[i].UnitCostMinor == 0 {
			touches[i].UnitCostMinor = 1000
		}
	}
	c := marketing.Campaign{Name: name, SegmentID: f.segment, Selection: "Everyone", Touches: touches, PressureDays: 30}
	if err := f.s.Save(f.ctx, &c); err != nil {
		f.t.Fatal(err)
	}
	return c
}

func (f *fixture) launch(c marketing.Campaign, ids []int64) Released {
	f.t.Helper()
	r, err := f.s.Launch(f.ctx, c.ID, ids)
	if err != nil {
		f.t.Fatal(err)
	}
	return r
}

func (f *fixture) get(id int64) marketing.Campaign {
	f.t.Helper()
	c, err := f.s.Get(f.ctx, id)
	if err != nil {
		f.t.Fatal(err)
	}
	return c
}

// work lists a touch's work rows (all states).
func (f *fixture) work(touchID int64) []marketing.WorkItem {
	f.t.Helper()
	p, err := f.s.Work(f.ctx, WorkQuery{TouchID: touchID, Limit: 500})
	if err != nil {
		f.t.Fatal(err)
	}
	return p.Items
}

func reasonOf(err error) string {
	var me *marketing.Error
	if errors.As(err, &me) {
		return me.Code + "/" + me.Details["reason"]
	}
	if err == nil {
		return ""
	}
	return err.Error()
}

// members counts a campaign's list by "group" and "group/reason".
func (f *fixture) members(campaignID int64) map[string]int {
	f.t.Helper()
	list, err := f.db.CampaignMembers(f.ctx, campaignID)
	if err != nil {
		f.t.Fatal(err)
	}
	out := map[string]int{}
	for _, m := range list {
		out[m.Group]++
		if m.Reason != "" {
			out[m.Group+"/"+m.Reason]++
		}
		if m.StopReason != "" {
			out["stopped/"+m.StopReason]++
		}
		out["lifecycle/"+m.Lifecycle]++
	}
	return out
}

func (f *fixture) member(campaignID, contactID int64) store.CampaignMemberRow {
	f.t.Helper()
	list, err := f.db.CampaignMembers(f.ctx, campaignID)
	if err != nil {
		f.t.Fatal(err)
	}
	for _, m := range list {
		if m.ContactID == contactID {
			return m
		}
	}
	return store.CampaignMemberRow{}
}

// counts is a touch's work per state.
func (f *fixture) counts(touchID int64) map[string]int {
	f.t.Helper()
	p, err := f.s.Work(f.ctx, WorkQuery{TouchID: touchID, Limit: 1})
	if err != nil {
		f.t.Fatal(err)
	}
	delete(p.Counts, "printed") // a part of due, checked where printing is
	return p.Counts
}

func letter(t marketing.Template, offset int) marketing.Touch {
	return marketing.Touch{Channel: marketing.TouchLetter, TemplateID: t.ID, OffsetDays: offset}
}

func TestSaveDraft(t *testing.T) {
	f := newFixture(t)
	lt := f.template(marketing.KindLetter, "Brev", "<p>Kære {{first_name}}</p>")
	c := marketing.Campaign{Name: "  Forår  ", SegmentID: f.segment, Touches: []marketing.Touch{
		{Channel: marketing.TouchPhone, OffsetDays: 28, Script: "Ring"},
		{Channel: marketing.TouchLetter, TemplateID: lt.ID, OffsetDays: 0},
		{Channel: marketing.TouchSMS, DueDate: "2026-03-10", SMSText: "Hej"},
	}}
	if err := f.s.Save(f.ctx, &c); err != nil {
		t.Fatal(err)
	}
	got := f.get(c.ID)
	if got.Name != "Forår" || got.Kind != marketing.CampaignKindCampaign || got.Status != marketing.CampaignDraft || got.Currency == "" {
		t.Errorf("stored %+v", got)
	}
	if len(got.StopOn) != 3 {
		t.Errorf("default stop rules %v", got.StopOn)
	}
	var order []string
	for i, tc := range got.Touches {
		order = append(order, tc.Channel)
		if tc.Seq != i+1 {
			t.Errorf("touch %d has seq %d", i, tc.Seq)
		}
	}
	// Today is 2 March: letter (0), SMS (10 March), phone (30 March).
	if strings.Join(order, ",") != "letter,sms,phone" {
		t.Errorf("touches in order %v", order)
	}
	// The touches are replaced as a whole.
	got.Touches = got.Touches[:1]
	if err := f.s.Save(f.ctx, &got); err != nil {
		t.Fatal(err)
	}
	if n := len(f.get(c.ID).Touches); n != 1 {
		t.Errorf("%d touches after saving one", n)
	}
	// Names are unique among campaigns, whatever the case.
	dup := marketing.Campaign{Name: "FORÅR"}
	if err := f.s.Save(f.ctx, &dup); reasonOf(err) != "conflict/name_taken" {
		t.Errorf("same name: %v", err)
	}
	if err := f.s.Save(f.ctx, &marketing.Campaign{Name: ""}); reasonOf(err) != "invalid/required" {
		t.Errorf("no name: %v", err)
	}
	// A copy keeps the plan under a new name.
	cp, err := f.s.Duplicate(f.ctx, c.ID)
	if err != nil || cp.Name != "Forår (copy)" || cp.Status != marketing.CampaignDraft || len(cp.Touches) != 1 {
		t.Fatalf("copy %+v %v", cp, err)
	}
	if cp2, err := f.s.Duplicate(f.ctx, c.ID); err != nil || cp2.Name != "Forår (copy 2)" {
		t.Errorf("second copy %q %v", cp2.Name, err)
	}
	if err := f.s.Delete(f.ctx, cp.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Get(f.ctx, cp.ID); marketing.ErrorCode(err) != marketing.ENotFound {
		t.Errorf("deleted draft: %v", err)
	}
	list, err := f.s.List(f.ctx, false)
	if err != nil || len(list) != 2 {
		t.Fatalf("list %v %v", list, err)
	}
}

// setup gets a fresh campaign into a status along allowed moves.
func (f *fixture) campaignIn(status string, lt marketing.Template, ids []int64) marketing.Campaign {
	f.t.Helper()
	f.seq++
	c := f.draft(fmt.Sprintf("C%d %s", f.seq, status), letter(lt, 0), letter(lt, 14))
	move := func(to string) {
		if err := f.s.SetStatus(f.ctx, c.ID, to, ""); err != nil {
			f.t.Fatalf("%s -> %s: %v", f.get(c.ID).Status, to, err)
		}
	}
	switch status {
	case marketing.CampaignDraft:
	case marketing.CampaignScheduled:
		c.StartDate = f.now.AddDate(0, 0, 7).Format(time.DateOnly)
		if err := f.s.Save(f.ctx, &c); err != nil {
			f.t.Fatal(err)
		}
		f.launch(c, ids)
	default:
		f.launch(c, ids)
		switch status {
		case marketing.CampaignPaused:
			move(marketing.CampaignPaused)
		case marketing.CampaignFinished:
			move(marketing.CampaignFinished)
		case marketing.CampaignArchived:
			move(marketing.CampaignFinished)
			move(marketing.CampaignArchived)
		}
	}
	if got := f.get(c.ID).Status; got != status {
		f.t.Fatalf("set up %s, got %s", status, got)
	}
	return f.get(c.ID)
}

func TestStateMachine(t *testing.T) {
	f := newFixture(t)
	lt := f.template(marketing.KindLetter, "Brev", "<p>Kære {{first_name}}</p>")
	ids := f.add(person{c: addressed("Søren")}, person{c: addressed("Åsa")})
	statuses := []string{marketing.CampaignDraft, marketing.CampaignScheduled, marketing.CampaignRunning,
		marketing.CampaignPaused, marketing.CampaignFinished, marketing.CampaignArchived}
	for _, from := range statuses {
		for _, to := range statuses {
			if from == to {
				continue
			}
			c := f.campaignIn(from, lt, ids)
			err := f.s.SetStatus(f.ctx, c.ID, to, "")
			got := f.get(c.ID).Status
			switch {
			case !marketing.CanMove(from, to):
				if reasonOf(err) != "conflict/status" || got != from {
					t.Errorf("%s -> %s was allowed: %v, now %s", from, to, err, got)
				}
			case from == marketing.CampaignDraft && to != marketing.CampaignArchived:
				// Only a launch makes the list.
				if reasonOf(err) != "conflict/launch" || got != from {
					t.Errorf("%s -> %s without a launch: %v", from, to, err)
				}
			default:
				if err != nil || got != to {
					t.Errorf("%s -> %s: %v, now %s", from, to, err, got)
				}
			}
		}
	}
	// Unscheduling drops the list and the frozen versions.
	c := f.campaignIn(marketing.CampaignScheduled, lt, ids)
	if n := f.members(c.ID)["target"]; n != 2 {
		t.Fatalf("%d members", n)
	}
	if err := f.s.SetStatus(f.ctx, c.ID, marketing.CampaignDraft, ""); err != nil {
		t.Fatal(err)
	}
	if m := f.members(c.ID); len(m) != 0 {
		t.Errorf("members after unscheduling: %v", m)
	}
	if got := f.get(c.ID); got.Touches[0].TemplateVersion != 0 || got.LaunchedAt != "" {
		t.Errorf("still frozen: %+v", got)
	}
	// Finishing sets finished_at and cancels the work left.
	r := f.campaignIn(marketing.CampaignRunning, lt, ids)
	if err := f.s.SetStatus(f.ctx, r.ID, marketing.CampaignFinished, ""); err != nil {
		t.Fatal(err)
	}
	if got := f.get(r.ID); got.FinishedAt == "" {
		t.Errorf("no finished_at")
	}
	if n := f.counts(f.get(r.ID).Touches[0].ID); n[marketing.WorkDue] != 0 || n[marketing.WorkCancelled] != 2 {
		t.Errorf("work after finishing: %v", n)
	}
}

func TestLaunchFreezes(t *testing.T) {
	f := newFixture(t)
	lt := f.template(marketing.KindLetter, "Brev", "<p>Kære {{first_name}}</p>")
	ids := f.add(person{c: addressed("Søren")}, person{c: addressed("Åsa")})
	c := f.draft("Frozen", letter(lt, 0), letter(lt, 14))
	f.launch(c, ids[:1])
	got := f.get(c.ID)
	if got.Status != marketing.CampaignRunning || got.LaunchedAt == "" || got.StartDate != f.today() || got.CodeKey != "Frozen" {
		t.Fatalf("launched %+v", got)
	}
	if got.Touches[0].TemplateVersion != lt.Version || got.Touches[1].TemplateVersion != lt.Version {
		t.Fatalf("versions %d %d, want %d", got.Touches[0].TemplateVersion, got.Touches[1].TemplateVersion, lt.Version)
	}
	// Editing the template later does not change what the campaign sends.
	lt.Body = "<p>Ny tekst</p>"
	if err := f.db.SaveTemplate(f.ctx, &lt); err != nil {
		t.Fatal(err)
	}
	if v := f.get(c.ID).Touches[1].TemplateVersion; v != lt.Version-1 {
		t.Errorf("touch 2 version %d after the template became %d", v, lt.Version)
	}
	// The list is frozen: a second launch with more people is refused.
	if _, err := f.s.Launch(f.ctx, c.ID, ids); reasonOf(err) != "conflict/status" {
		t.Errorf("second launch: %v", err)
	}
	if n := f.members(c.ID)["target"]; n != 1 {
		t.Errorf("%d members", n)
	}
	// Only the goal and the notes may change.
	edit := f.get(c.ID)
	edit.BudgetMinor = 99999
	if err := f.s.Save(f.ctx, &edit); reasonOf(err) != "conflict/frozen" {
		t.Errorf("budget of a running campaign: %v", err)
	}
	edit = f.get(c.ID)
	edit.Touches[0].TemplateID = 999
	if err := f.s.Save(f.ctx, &edit); reasonOf(err) != "conflict/frozen" {
		t.Errorf("template of a running campaign: %v", err)
	}
	edit = f.get(c.ID)
	edit.Name = "Renamed"
	if err := f.s.Save(f.ctx, &edit); reasonOf(err) != "conflict/frozen" {
		t.Errorf("name of a running campaign: %v", err)
	}
	edit = f.get(c.ID)
	edit.Goal, edit.Notes = "Sell tulips", "Went well"
	if err := f.s.Save(f.ctx, &edit); err != nil {
		t.Fatal(err)
	}
	if got := f.get(c.ID); got.Goal != "Sell tulips" || got.Notes != "Went well" || got.Touches[0].TemplateVersion != lt.Version-1 {
		t.Errorf("after editing notes %+v", got)
	}
	if err := f.s.Delete(f.ctx, c.ID); reasonOf(err) != "conflict/not_draft" {
		t.Errorf("delete running: %v", err)
	}
}

func TestLaunchChecksTemplates(t *testing.T) {
	f := newFixture(t)
	et := f.template(marketing.KindEmail, "Mail", "")
	ids := f.add(person{c: addressed("Søren")})
	c := f.draft("Wrong kind", letter(et, 0))
	if _, err := f.s.Launch(f.ctx, c.ID, ids); reasonOf(err) != "invalid/template_kind" {
		t.Errorf("email template on a letter: %v", err)
	}
	c2 := f.draft("No account", marketing.Touch{Channel: marketing.TouchEmail, TemplateID: et.ID})
	if _, err := f.s.Launch(f.ctx, c2.ID, ids); reasonOf(err) != "invalid/required" {
		t.Errorf("email without account: %v", err)
	}
	if got := f.get(c.ID).Status; got != marketing.CampaignDraft {
		t.Errorf("failed launch left %s", got)
	}
}

func TestLaunchExclusions(t *testing.T) {
	f := newFixture(t)
	a := f.account()
	et := f.template(marketing.KindEmail, "Mail", "")
	lt := f.template(marketing.KindLetter, "Brev", "<p>Kære {{first_name}}</p>")
	post := addressed
	refusedPost := map[string]string{marketing.ChannelPost: marketing.ConsentRefused}
	ids := f.add(
		person{c: marketing.Contact{FirstName: "Email", Email: "ok@example.dk"}}, // target
		person{c: post("Letter")}, // target (second touch)
		person{c: marketing.Contact{FirstName: "Supp", Email: "gone@example.dk"}},                                                                                                                                                         // suppressed
		person{c: marketing.Contact{FirstName: "Bad", Email: "not an address"}},                                                                                                                                                           // invalid
		person{c: marketing.Contact{FirstName: "Pros", Kind: marketing.KindProspect, Email: "p@example.dk"}},                                                                                                                              // no_consent
		person{c: marketing.Contact{FirstName: "Pros2", Kind: marketing.KindProspect, Email: "p2@example.dk", Street1: "Vej 2", Postcode: "2100", City: "København"}},                                                                     // letter: target
		person{c: func() marketing.Contact { c := post("Refused"); c.Email = "r@example.dk"; return c }(), consent: map[string]string{marketing.ChannelEmail: marketing.ConsentRefused, marketing.ChannelPost: marketing.ConsentRefused}}, // no_consent
		person{c: marketing.Contact{FirstName: "Nothing"}},                                                                                                                                                                                // missing_address
		person{c: marketing.Contact{FirstName: "Nothing2", Phone: "+4520123456"}, consent: refusedPost},                                                                                                                                   // missing_address
		person{c: marketing.Contact{FirstName: "Recent", Email: "recent@example.dk"}},                                                                                                                                                     // recently_contacted
	)
	if err := f.db.AddSuppression(f.ctx, marketing.Suppression{Email: "GONE@example.dk", Reason: marketing.SuppressUnsubscribe}); err != nil {
		t.Fatal(err)
	}
	// "Recent" got a mailing yesterday: mailings count towards the cap.
	f.advance(-1)
	m := marketing.Mailing{Name: "Nyhedsbrev", AccountID: a.ID, TemplateID: et.ID, TemplateVersion: et.Version}
	if err := f.db.CreateMailing(f.ctx, &m, []store.OutboxRow{{ContactID: ids[9], Email: "recent@example.dk", State: marketing.OutboxQueued, MessageID: "<m1@x>", Token: "t1"}}); err != nil {
		t.Fatal(err)
	}
	f.advance(1)
	c := f.draft("Exclusions",
		marketing.Touch{Channel: marketing.TouchEmail, TemplateID: et.ID, AccountID: a.ID},
		letter(lt, 7))
	c.PressureMax, c.PressureDays = 1, 30
	if err := f.s.Save(f.ctx, &c); err != nil {
		t.Fatal(err)
	}
	pf, err := f.s.Preflight(f.ctx, c.ID, ids)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{marketing.ExcludeSuppressed: 1, marketing.ExcludeInvalid: 1, marketing.ExcludeNoConsent: 2,
		marketing.ExcludeNoAddress: 2, marketing.ExcludeRecent: 1}
	got := map[string]int{}
	for _, e := range pf.Exclusions {
		got[e.Reason] = e.Count
		if len(e.Contacts) != e.Count {
			t.Errorf("%s lists %d of %d", e.Reason, len(e.Contacts), e.Count)
		}
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("excluded %s = %d, want %d (%v)", k, got[k], v, got)
		}
	}
	if pf.Segment != 10 || pf.Target != 3 || pf.Control != 0 || len(pf.Problems) != 0 {
		t.Errorf("preflight %d/%d/%d problems %v", pf.Segment, pf.Target, pf.Control, pf.Problems)
	}
	// Touch 1 (email) reaches the one with an address; touch 2 (letters) the two with a postal address.
	if pf.Touches[0].Reach != 1 || pf.Touches[1].Reach != 2 || pf.CostMinor != 3000 {
		t.Errorf("touches %+v cost %d", pf.Touches, pf.CostMinor)
	}
	f.launch(c, ids)
	rows := f.members(c.ID)
	if rows["target"] != 3 || rows["excluded"] != 7 || rows["control"] != 0 {
		t.Errorf("members %v", rows)
	}
	for k, v := range want {
		if n := rows["excluded/"+k]; n != v {
			t.Errorf("stored %s = %d, want %d", k, n, v)
		}
	}
	// The person left out for the cap is told why on their timeline.
	evs, err := f.db.ContactEvents(f.ctx, ids[9], 50)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range evs {
		if e.Kind == EventExcluded && e.Details["reason"] == marketing.ExcludeRecent && strings.Contains(e.Summary, "Exclusions") {
			found = true
		}
	}
	if !found {
		t.Errorf("no timeline note for the recently contacted: %+v", evs)
	}
	// Lifecycle at launch: nobody bought, so all are prospects.
	if n := rows["lifecycle/prospect"]; n != 10 {
		t.Errorf("%d prospects", n)
	}
	// The email touch went out at launch: one queued row with a code, and
	// the email-less target member skipped for it.
	var queued, skipped int
	page, total, err := f.db.OutboxPage(f.ctx, f.get(c.ID).Touches[0].ID, "", "", 0, 50)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range page {
		if e.State == marketing.OutboxQueued {
			queued++
			if e.ResponseCode == "" || e.MessageID == "" || e.Email != "ok@example.dk" {
				t.Errorf("queued row %+v", e)
			}
		} else {
			skipped++
		}
	}
	if total != 3 || queued != 1 || skipped != 2 {
		t.Errorf("outbox %d rows, %d queued, %d skipped", total, queued, skipped)
	}
}

func TestControlGroup(t *testing.T) {
	f := newFixture(t)
	lt := f.template(marketing.KindLetter, "Brev", "<p>Kære {{first_name}}</p>")
	var people []person
	for i := range 203 {
		people = append(people, person{c: addressed(fmt.Sprintf("P%03d", i))})
	}
	people = append(people, person{c: marketing.Contact{FirstName: "No address"}})
	ids := f.add(people...)
	c := f.draft("Control", letter(lt, 0))
	c.ControlPct = 10
	if err := f.s.Save(f.ctx, &c); err != nil {
		t.Fatal(err)
	}
	pf1, err := f.s.Preflight(f.ctx, c.ID, ids)
	if err != nil {
		t.Fatal(err)
	}
	// 10 % of the 203 eligible, rounded: 20.
	if pf1.Control != 20 || pf1.Target != 183 {
		t.Fatalf("control %d target %d", pf1.Control, pf1.Target)
	}
	p1, _ := f.s.plan(f.ctx, &c, ids)
	rev := slices.Clone(ids)
	slices.Reverse(rev)
	p2, _ := f.s.plan(f.ctx, &c, rev)
	if !slices.Equal(p1.control, p2.control) {
		t.Errorf("the control group depends on the order of the segment")
	}
	other := c
	other.ID = c.ID + 1000
	p3, _ := f.s.plan(f.ctx, &other, ids)
	if slices.Equal(p1.control, p3.control) {
		t.Errorf("two campaigns picked the same control group")
	}
	f.launch(c, ids)
	var stored []int64
	list, _ := f.db.CampaignMembers(f.ctx, c.ID)
	for _, m := range list {
		if m.Group == marketing.GroupControl {
			stored = append(stored, m.ContactID)
		}
	}
	if !slices.Equal(stored, p1.control) {
		t.Errorf("launched control group differs from the preflight's")
	}
	// The control group gets nothing.
	touch := f.get(c.ID).Touches[0].ID
	control := map[int64]bool{}
	for _, id := range stored {
		control[id] = true
	}
	for _, it := range f.work(touch) {
		if control[it.ContactID] {
			t.Errorf("control member %d on the list", it.ContactID)
		}
	}
	if n := f.counts(touch); n[marketing.WorkDue] != 183 || len(n) != 1 {
		t.Errorf("letters %v", n)
	}
}

func TestReleaseOnce(t *testing.T) {
	f := newFixture(t)
	lt := f.template(marketing.KindLetter, "Brev", "<p>Kære {{first_name}}</p>")
	ids := f.add(person{c: addressed("A")}, person{c: addressed("B")})
	c := f.draft("Once", letter(lt, 0), letter(lt, 14))
	rel := f.launch(c, ids)
	if len(rel.Touches) != 1 || rel.Touches[0].Count != 2 || rel.Touches[0].Channel != marketing.TouchLetter {
		t.Fatalf("released %+v", rel)
	}
	t1, t2 := f.get(c.ID).Touches[0], f.get(c.ID).Touches[1]
	if t1.ReleasedAt == "" || t2.ReleasedAt != "" {
		t.Fatalf("released marks %q %q", t1.ReleasedAt, t2.ReleasedAt)
	}
	if _, err := f.s.Release(f.ctx, t1.ID); reasonOf(err) != "conflict/released" {
		t.Errorf("second release: %v", err)
	}
	if r, err := f.s.ReleaseDue(f.ctx); err != nil || len(r.Touches) != 0 {
		t.Errorf("release due again: %+v %v", r, err)
	}
	if n := f.counts(t1.ID); n[marketing.WorkDue] != 2 || len(n) != 1 {
		t.Errorf("rows after releasing twice: %v", n)
	}
	for _, id := range ids {
		if ct, err := f.db.ContactTouches(f.ctx, id); err != nil || len(ct) != 1 || ct[0].TouchID != t1.ID {
			t.Errorf("contact touches of %d: %v %v", id, ct, err)
		}
	}
	// The user may release touch 2 early; a paused campaign releases nothing.
	if err := f.s.SetStatus(f.ctx, c.ID, marketing.CampaignPaused, "holiday"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Release(f.ctx, t2.ID); reasonOf(err) != "conflict/not_running" {
		t.Errorf("release while paused: %v", err)
	}
	f.advance(14)
	if r, err := f.s.ReleaseDue(f.ctx); err != nil || len(r.Touches) != 0 {
		t.Errorf("release due while paused: %+v %v", r, err)
	}
	if err := f.s.SetStatus(f.ctx, c.ID, marketing.CampaignRunning, ""); err != nil {
		t.Fatal(err)
	}
	if r, err := f.s.ReleaseDue(f.ctx); err != nil || len(r.Touches) != 1 || r.Touches[0].TouchID != t2.ID {
		t.Errorf("release due after resuming: %+v %v", r, err)
	}
}

func TestScheduledStartsOnItsDay(t *testing.T) {
	f := newFixture(t)
	lt := f.template(marketing.KindLetter, "Brev", "<p>Kære {{first_name}}</p>")
	ids := f.add(person{c: addressed("A")})
	c := f.draft("Later", letter(lt, 0))
	c.StartDate = f.now.AddDate(0, 0, 3).Format(time.DateOnly)
	if err := f.s.Save(f.ctx, &c); err != nil {
		t.Fatal(err)
	}
	if rel := f.launch(c, ids); len(rel.Touches) != 0 || f.get(c.ID).Status != marketing.CampaignScheduled {
		t.Fatalf("launched early: %+v %s", rel, f.get(c.ID).Status)
	}
	f.advance(3)
	rel, err := f.s.ReleaseDue(f.ctx)
	if err != nil || len(rel.Touches) != 1 {
		t.Fatalf("on its day: %+v %v", rel, err)
	}
	if got := f.get(c.ID); got.Status != marketing.CampaignRunning || got.StartedAt == "" {
		t.Errorf("after its day: %+v", got)
	}
	// Posting every letter finishes the touch, and with it the campaign.
	touch := f.get(c.ID).Touches[0].ID
	if err := f.s.MarkPrinted(f.ctx, touch, ids); err != nil {
		t.Fatal(err)
	}
	if n, err := f.s.MarkPosted(f.ctx, touch, nil); err != nil || n != 1 {
		t.Fatalf("posted %d %v", n, err)
	}
	if _, err := f.s.ReleaseDue(f.ctx); err != nil {
		t.Fatal(err)
	}
	if got := f.get(c.ID); got.Status != marketing.CampaignFinished || got.Touches[0].FinishedAt == "" {
		t.Errorf("not finished: %s %q", got.Status, got.Touches[0].FinishedAt)
	}
}

func TestStopRules(t *testing.T) {
	f := newFixture(t)
	lt := f.template(marketing.KindLetter, "Brev", "<p>Kære {{first_name}}</p>")
	withEmail := func(first string) marketing.Contact {
		c := addressed(first)
		c.Email = strings.ToLower(first) + "@example.dk"
		return c
	}
	ids := f.add(person{c: withEmail("Responder")}, person{c: withEmail("Buyer")}, person{c: withEmail("Quitter")},
		person{c: withEmail("Refuser")}, person{c: withEmail("Stays")})
	c := f.draft("Sequence", letter(lt, 0), letter(lt, 14), letter(lt, 28))
	f.launch(c, ids)
	touches := f.get(c.ID).Touches
	// Between touch 1 and 2: a response, an order, an unsubscribe, a refusal.
	f.advance(3)
	if _, err := f.s.AddResponse(f.ctx, NewResponse{CampaignID: c.ID, ContactID: ids[0], Kind: marketing.ResponseInquiry}); err != nil && !errors.Is(err, errNotYet) {
		t.Fatal(err)
	}
	f.order(ids[1], f.today(), 50000)
	if err := f.db.AddSuppression(f.ctx, marketing.Suppression{Email: "quitter@example.dk", Reason: marketing.SuppressUnsubscribe}); err != nil {
		t.Fatal(err)
	}
	sess, err := f.db.BeginImport(f.ctx, &marketing.ImportBatch{Kind: marketing.ImportContacts, FileName: "no.xlsx"}, false)
	if err != nil {
		t.Fatal(err)
	}
	before, cons, err := sess.Contact(f.ctx, ids[3])
	if err != nil {
		t.Fatal(err)
	}
	after := before
	if err := sess.UpdateContact(f.ctx, &before, cons, &after, append(cons, marketing.Consent{Channel: marketing.ChannelSMS, Status: marketing.ConsentRefused, At: "2026-03-05T00:00:00Z", Method: "form"}), "test"); err != nil {
		t.Fatal(err)
	}
	if err := sess.Commit(f.ctx, &marketing.ImportBatch{}); err != nil {
		t.Fatal(err)
	}
	f.advance(11)
	if _, err := f.s.ReleaseDue(f.ctx); err != nil {
		t.Fatal(err)
	}
	due := func(touch int64) []int64 {
		var out []int64
		for _, it := range f.work(touch) {
			if it.State == marketing.WorkDue {
				out = append(out, it.ContactID)
			}
		}
		return out
	}
	if got := due(touches[1].ID); !slices.Equal(got, ids[4:]) {
		t.Errorf("touch 2 goes to %v, want %v", got, ids[4:])
	}
	reasons := map[string]string{}
	rows, err := f.s.Work(f.ctx, WorkQuery{TouchID: touches[1].ID, State: marketing.WorkSkipped})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range rows.Items {
		reasons[it.Name] = it.Reason
	}
	for _, name := range []string{"Buyer Hansen", "Quitter Hansen", "Refuser Hansen"} {
		if reasons[name] != marketing.ExcludeStopped {
			t.Errorf("%s: %q (%v)", name, reasons[name], reasons)
		}
	}
	want := map[int64]string{ids[1]: marketing.StopPurchase, ids[2]: marketing.StopOptOut, ids[3]: marketing.StopOptOut}
	if !errors.Is(func() error { _, err := f.s.AddResponse(f.ctx, NewResponse{}); return err }(), errNotYet) {
		want[ids[0]] = marketing.StopResponse
	}
	for id, rule := range want {
		if m := f.member(c.ID, id); m.StoppedAt == "" || m.StopReason != rule {
			t.Errorf("contact %d: %+v, want stopped for %s", id, m, rule)
		}
	}
	// The stopped are not on later lists at all.
	f.advance(14)
	if _, err := f.s.ReleaseDue(f.ctx); err != nil {
		t.Fatal(err)
	}
	if items := f.work(touches[2].ID); len(items) != 1 || items[0].ContactID != ids[4] {
		t.Errorf("touch 3 list %+v", items)
	}
}

func TestSetStatusSameIsNoop(t *testing.T) {
	f := newFixture(t)
	lt := f.template(marketing.KindLetter, "Brev", "<p>x</p>")
	ids := f.add(person{c: addressed("A")})
	c := f.campaignIn(marketing.CampaignPaused, lt, ids)
	if err := f.s.SetStatus(f.ctx, c.ID, marketing.CampaignPaused, "user"); err != nil {
		t.Errorf("pausing a paused campaign: %v", err)
	}
}

package campaign

import (
	"slices"
	"strings"
	"testing"

	"directdesk/backend/marketing"
	"directdesk/backend/store"
)

// refuse records that a contact said no to a channel, as editing the
// contact does.
func (f *fixture) refuse(contactID int64, channel string) {
	f.t.Helper()
	sess, err := f.db.BeginImport(f.ctx, &marketing.ImportBatch{Kind: marketing.ImportContacts, FileName: "no.xlsx"}, false)
	if err != nil {
		f.t.Fatal(err)
	}
	before, cons, err := sess.Contact(f.ctx, contactID)
	if err != nil {
		f.t.Fatal(err)
	}
	after := before
	if err := sess.UpdateContact(f.ctx, &before, cons, &after, append(cons, marketing.Consent{Channel: channel, Status: marketing.ConsentRefused,
		At: marketing.Timestamp(f.now), Method: "form"}), "test"); err != nil {
		f.t.Fatal(err)
	}
	if err := sess.Commit(f.ctx, &marketing.ImportBatch{}); err != nil {
		f.t.Fatal(err)
	}
}

// Someone who says no to calls after the call list was made is not on
// the list the caller works from.
func TestCallListLeavesOutWhoRefusedSince(t *testing.T) {
	f := newFixture(t)
	ids := f.add(
		person{c: marketing.Contact{FirstName: "Anna", Phone: "+4520000001", Country: "DK"}},
		person{c: marketing.Contact{FirstName: "Bo", Phone: "+4520000002", Country: "DK"}},
	)
	c := f.draft("Calls", marketing.Touch{Channel: marketing.TouchPhone, Script: "Hej"})
	rel := f.launch(c, ids)
	touch := rel.Touches[0].TouchID
	f.refuse(ids[1], marketing.ChannelPhone)
	page, err := f.s.Work(f.ctx, WorkQuery{TouchID: touch, State: marketing.WorkDue})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 1 || page.Items[0].ContactID != ids[0] {
		t.Fatalf("call list %+v: Bo said no to calls", page.Items)
	}
	if today, _ := f.s.Today(f.ctx); len(today.Due) != 1 || today.Due[0].Count != 1 {
		t.Errorf("today %+v", today.Due)
	}
}

// A no on the phone ends the person's sequence at once: the letter of the
// campaign still waiting to be printed is not sent either.
func TestRefusedCallSkipsWhatIsStillDue(t *testing.T) {
	f := newFixture(t)
	lt := f.template(marketing.KindLetter, "Brev", "<p>Kære {{first_name}}</p>")
	mk := func(first, phone string) person {
		c := addressed(first)
		c.Phone = phone
		return person{c: c}
	}
	ids := f.add(mk("Anna", "+4520000001"), mk("Bo", "+4520000002"))
	c := f.draft("Both", letter(lt, 0), marketing.Touch{Channel: marketing.TouchPhone, Script: "Hej"})
	f.launch(c, ids)
	touches := f.get(c.ID).Touches
	var callID int64
	for _, it := range f.work(touches[1].ID) {
		if it.ContactID == ids[1] {
			callID = it.ID
		}
	}
	if err := f.s.RecordCall(f.ctx, CallOutcome{WorkID: callID, Outcome: marketing.CallRefused}); err != nil {
		t.Fatal(err)
	}
	// (DueIDs also takes off who refused post; Bo refused calls only.)
	due, err := f.s.DueIDs(f.ctx, touches[0].ID, false)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(due, ids[:1]) {
		t.Fatalf("letters to print %v: Bo said no on the phone", due)
	}
}

// A paused campaign prints nothing, as it sends no SMS and no email; and
// printing again leaves out who refused post since the first print.
func TestPrintingFollowsStatusAndConsent(t *testing.T) {
	f := newFixture(t)
	lt := f.template(marketing.KindLetter, "Brev", "<p>Kære {{first_name}}</p>")
	ids := f.add(person{c: addressed("A")}, person{c: addressed("B")})
	c := f.draft("Print", letter(lt, 0))
	tid := f.launch(c, ids).Touches[0].TouchID
	due, err := f.s.DueIDs(f.ctx, tid, false)
	if err != nil || len(due) != 2 {
		t.Fatal(due, err)
	}
	if err := f.s.MarkPrinted(f.ctx, tid, due); err != nil {
		t.Fatal(err)
	}
	f.refuse(ids[1], marketing.ChannelPost)
	if again, err := f.s.DueIDs(f.ctx, tid, true); err != nil || !slices.Equal(again, ids[:1]) {
		t.Errorf("printing again %v %v: B refused post", again, err)
	}
	if err := f.s.SetStatus(f.ctx, c.ID, marketing.CampaignPaused, "user"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.DueIDs(f.ctx, tid, true); reasonOf(err) != "conflict/not_running" {
		t.Errorf("printing a paused campaign: %v", err)
	}
}

// Two SMS exports of one touch at once (a double click, two windows):
// the one that marks second must fail and mark nothing, so only one file
// goes to the provider.
func TestSecondSMSExportOfTheSameMessagesIsAConflict(t *testing.T) {
	f := newFixture(t)
	ids := f.add(person{c: marketing.Contact{FirstName: "Søren", Mobile: "+4520123456", Country: "DK"}},
		person{c: marketing.Contact{FirstName: "Åsa", Mobile: "+46701234567", Country: "SE"}})
	c := f.draft("SMS", marketing.Touch{Channel: marketing.TouchSMS, SMSText: "Hej {{first_name}}", UnitCostMinor: 45})
	tid := f.launch(c, ids).Touches[0].TouchID
	due, err := f.db.DueSMS(f.ctx, tid)
	if err != nil || len(due) != 2 {
		t.Fatal(due, err)
	}
	// The other export read the same list and wrote its file meanwhile.
	var buf strings.Builder
	if _, err := f.s.ExportSMS(f.ctx, tid, &buf); err != nil {
		t.Fatal(err)
	}
	late := []store.SMSDone{{WorkID: due[0].WorkID, Parts: 1, CostMinor: 45}, {WorkID: due[1].WorkID, Parts: 1, CostMinor: 45}}
	if err := f.db.FinishSMSExport(f.ctx, tid, late, f.now); reasonOf(err) != "conflict/exported" {
		t.Fatalf("the second export marked its file as sent too: %v", err)
	}
}

// A file that cannot be written says so in a way the screen can
// translate (reason "write"), not as any invalid input.
func TestSMSWriteFailureHasAReason(t *testing.T) {
	f := newFixture(t)
	ids := f.add(person{c: marketing.Contact{FirstName: "Søren", Mobile: "+4520123456", Country: "DK"}})
	c := f.draft("SMS", marketing.Touch{Channel: marketing.TouchSMS, SMSText: "Hej {{first_name}}", UnitCostMinor: 45})
	tid := f.launch(c, ids).Touches[0].TouchID
	if _, err := f.s.ExportSMS(f.ctx, tid, &failWriter{n: 10}); reasonOf(err) != "invalid/write" {
		t.Errorf("a failed write: %v", reasonOf(err))
	}
}

// A page of the call list checks only its own rows: who said no on the
// page is taken off and the page filled again from the list, whoever said
// no further down is taken off when their page is shown (not before), and
// nobody who said no is ever on a page.
func TestCallListPageChecksItsOwnRows(t *testing.T) {
	f := newFixture(t)
	// Sweden: calls are allowed unless the person said no.
	ids := f.add(
		person{c: marketing.Contact{FirstName: "Anna", Phone: "+46700000001", Country: "SE"}},
		person{c: marketing.Contact{FirstName: "Bo", Phone: "+46700000002", Country: "SE"}},
		person{c: marketing.Contact{FirstName: "Cia", Phone: "+46700000003", Country: "SE"}},
		person{c: marketing.Contact{FirstName: "Dan", Phone: "+46700000004", Country: "SE"}},
	)
	c := f.draft("Calls", marketing.Touch{Channel: marketing.TouchPhone, Script: "Hej"})
	touch := f.launch(c, ids).Touches[0].TouchID
	f.refuse(ids[1], marketing.ChannelPhone)
	f.refuse(ids[3], marketing.ChannelPhone)
	names := func(p WorkPage) []string {
		var out []string
		for _, it := range p.Items {
			out = append(out, it.Name)
		}
		return out
	}
	page, err := f.s.Work(f.ctx, WorkQuery{TouchID: touch, State: marketing.WorkDue, Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if got := names(page); !slices.Equal(got, []string{"Anna", "Cia"}) {
		t.Fatalf("first page %q: Bo said no, Cia moves up", got)
	}
	state := func(contactID int64) string {
		// Read as stored: Work would check the rows it reads.
		all, _, _, err := f.db.WorkPage(f.ctx, store.WorkFilter{TouchID: touch, Channel: marketing.TouchPhone, Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range all {
			if it.ContactID == contactID {
				return it.State
			}
		}
		return ""
	}
	if state(ids[1]) != marketing.WorkSkipped || state(ids[3]) != marketing.WorkDue {
		t.Fatalf("Bo %s, Dan %s: only the page shown is checked", state(ids[1]), state(ids[3]))
	}
	page, err = f.s.Work(f.ctx, WorkQuery{TouchID: touch, State: marketing.WorkDue, Offset: 2, Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 0 || state(ids[3]) != marketing.WorkSkipped {
		t.Fatalf("second page %q, Dan %s: Dan said no", names(page), state(ids[3]))
	}
	skipped, total, err := f.db.SkippedWork(f.ctx, touch, "", 0, 10)
	if err != nil || total != 2 || skipped[0].Reason == "" {
		t.Fatalf("skipped %+v %d %v", skipped, total, err)
	}
}

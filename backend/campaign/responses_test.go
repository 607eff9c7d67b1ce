package campaign

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"directdesk/backend/importer"
	"directdesk/backend/marketing"
	"directdesk/backend/sheet"
)

func asError(err error) *marketing.Error {
	var me *marketing.Error
	if errors.As(err, &me) {
		return me
	}
	return &marketing.Error{}
}

// small is a launched campaign of a letter and an email the same day,
// with ten customers (two in the control group) and the letters' codes.
type small struct {
	f       *fixture
	c       marketing.Campaign
	target  []int64
	control []int64
	codes   map[int64]string
	emails  map[int64]string
}

func newSmall(t *testing.T, stopOn []string, controlPct int) *small {
	f := newFixture(t)
	var ps []person
	for i := 1; i <= 10; i++ {
		c := addressed(fmt.Sprintf("Ярослав%02d", i))
		c.Email = fmt.Sprintf("k%02d@example.se", i)
		c.Phone = fmt.Sprintf("+4670%07d", 1234500+i)
		c.CustomerNo = fmt.Sprintf("%d", 5000+i)
		ps = append(ps, person{c: c, consent: map[string]string{marketing.ChannelEmail: marketing.ConsentGranted}})
	}
	ids := f.add(ps...)
	lt := f.template(marketing.KindLetter, "Brev", "<p>Hej</p>")
	et := f.template(marketing.KindEmail, "Mail", "")
	acc := f.account()
	c := marketing.Campaign{Name: "Höstkampanj", SegmentID: f.segment, Selection: "Everyone", ControlPct: controlPct, StopOn: stopOn, PressureDays: 30,
		Touches: []marketing.Touch{
			{Channel: marketing.TouchLetter, TemplateID: lt.ID, UnitCostMinor: 1000},
			{Channel: marketing.TouchEmail, TemplateID: et.ID, AccountID: acc.ID, UnitCostMinor: 50},
		}}
	if err := f.s.Save(f.ctx, &c); err != nil {
		t.Fatal(err)
	}
	f.launch(c, ids)
	s := &small{f: f, c: f.get(c.ID), emails: map[int64]string{}}
	for i, id := range ids {
		s.emails[id] = fmt.Sprintf("k%02d@example.se", i+1)
	}
	members, err := f.db.CampaignMembers(f.ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range members {
		switch m.Group {
		case marketing.GroupTarget:
			s.target = append(s.target, m.ContactID)
		case marketing.GroupControl:
			s.control = append(s.control, m.ContactID)
		}
	}
	if s.codes, err = f.db.ResponseCodes(f.ctx, s.c.CodeKey, ids); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestRedeemCatchesEveryTypo(t *testing.T) {
	s := newSmall(t, nil, 0)
	f := s.f
	who := s.target[2]
	code := s.codes[who]
	r, err := f.s.Redeem(f.ctx, "  "+strings.ToLower(code[:3])+" "+code[3:]+" ")
	if err != nil {
		t.Fatal(err)
	}
	if r.ContactID != who || r.CampaignID != s.c.ID || r.Campaign != "Höstkampanj" || r.Group != marketing.GroupTarget ||
		r.Code != marketing.FormatResponseCode(code) || r.ContactName != "Ярослав03 Hansen" || r.Previous == nil || len(r.Previous) != 0 {
		t.Errorf("redemption %+v", r)
	}
	// Nothing was posted yet: the response would count for no touch.
	if r.TouchID != 0 {
		t.Errorf("attributed before any touch was done: %+v", r)
	}

	// Every single mistyped character is caught by the check character.
	const alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
	tried := 0
	for i := range code {
		for _, c := range alphabet {
			if byte(c) == code[i] {
				continue
			}
			typo := code[:i] + string(c) + code[i+1:]
			tried++
			_, err := f.s.Redeem(f.ctx, typo)
			if reasonOf(err) != "invalid/check" {
				t.Fatalf("typo %s of %s: %v", typo, code, err)
			}
			if me := asError(err); me.Field != "code" {
				t.Fatalf("typo error field %q", me.Field)
			}
		}
	}
	if tried != 7*31 {
		t.Errorf("tried %d typos", tried)
	}
	for typed, want := range map[string]string{"K7MQ-X9": "invalid/length", "K7MQ-X9AB": "invalid/length", "K7M0-X9A": "invalid/characters", "": "invalid/length"} {
		if _, err := f.s.Redeem(f.ctx, typed); reasonOf(err) != want {
			t.Errorf("%q: %v, want %s", typed, err, want)
		}
	}
	// A well-formed code nobody was given.
	unknown := marketing.NewResponseCode()
	for _, c := range s.codes {
		if c == unknown {
			t.Skip("random code collided")
		}
	}
	if _, err := f.s.Redeem(f.ctx, unknown); reasonOf(err) != "not_found/unknown" {
		t.Errorf("unknown code: %v", err)
	} else if me := asError(err); me.Field != "code" || !strings.Contains(me.Message, "Check the code") {
		t.Errorf("unknown code error %+v", me)
	}

	// After the letters are posted the code's response counts for touch 1,
	// and the redemption shows what was recorded with it before.
	due, _ := f.s.DueIDs(f.ctx, s.c.Touches[0].ID, false)
	if err := f.s.MarkPrinted(f.ctx, s.c.Touches[0].ID, due); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.MarkPosted(f.ctx, s.c.Touches[0].ID, nil); err != nil {
		t.Fatal(err)
	}
	f.advance(1)
	got := f.respond(NewResponse{Code: code, Kind: marketing.ResponseCoupon})
	if got.TouchSeq != 1 || got.TouchID != s.c.Touches[0].ID || got.Source != marketing.SourceRedeem || got.Code != marketing.FormatResponseCode(code) {
		t.Errorf("recorded %+v", got)
	}
	r, err = f.s.Redeem(f.ctx, code)
	if err != nil || len(r.Previous) != 1 || r.Previous[0].ID != got.ID || r.TouchSeq != 1 || r.Channel != marketing.TouchLetter {
		t.Errorf("second redemption %+v %v", r, err)
	}
}

func TestCodeOutsideACampaign(t *testing.T) {
	f := newFixture(t)
	ids := f.add(person{c: addressed("Kirsten")})
	// A letter printed from the Documents screen for a campaign key no
	// campaign has.
	codes, err := f.db.ResponseCodes(f.ctx, "Nyhedsbrev marts", ids)
	if err != nil {
		t.Fatal(err)
	}
	r, err := f.s.Redeem(f.ctx, codes[ids[0]])
	if err != nil || r.CampaignID != 0 || r.ContactID != ids[0] || r.Group != "" {
		t.Fatalf("redeem %+v %v", r, err)
	}
	got := f.respond(NewResponse{Code: codes[ids[0]], Kind: marketing.ResponseOrder, ValueMinor: 12500})
	if got.CampaignID != 0 || got.TouchID != 0 || got.ContactID != ids[0] {
		t.Errorf("recorded %+v", got)
	}
	// The same order number twice outside a campaign: one response.
	a := f.respond(NewResponse{ContactID: ids[0], Kind: marketing.ResponseOrder, Ref: "B-1", ValueMinor: 100})
	b := f.respond(NewResponse{ContactID: ids[0], Kind: marketing.ResponseOrder, Ref: "B-1", ValueMinor: 100})
	if a.ID != b.ID {
		t.Errorf("ref recorded twice: %d %d", a.ID, b.ID)
	}
}

func TestAddResponseChecks(t *testing.T) {
	s := newSmall(t, []string{}, 20)
	f := s.f
	if len(s.control) != 2 {
		t.Fatalf("control group %v", s.control)
	}
	outsider := f.add(person{c: addressed("Udenfor")})[0]
	cases := []struct {
		r    NewResponse
		want string
	}{
		{NewResponse{CampaignID: s.c.ID, ContactID: outsider, Kind: marketing.ResponseOrder}, "invalid/not_member"},
		{NewResponse{CampaignID: s.c.ID, ContactID: s.target[0], Kind: "bought"}, "invalid/choice"},
		{NewResponse{CampaignID: s.c.ID, ContactID: s.target[0], Kind: marketing.ResponseOrder, ValueMinor: -1}, "invalid/negative"},
		{NewResponse{CampaignID: s.c.ID, ContactID: s.target[0], Kind: marketing.ResponseOrder, At: "31.02.2026"}, "invalid/date"},
		{NewResponse{CampaignID: s.c.ID, ContactID: s.target[0], Kind: marketing.ResponseOrder, At: "2027-01-01"}, "invalid/future"},
		{NewResponse{CampaignID: s.c.ID, Kind: marketing.ResponseOrder}, "invalid/required"},
		{NewResponse{CampaignID: s.c.ID, ContactID: s.target[0], Kind: marketing.ResponseRequest, Fulfil: "pizza"}, "invalid/choice"},
		{NewResponse{CampaignID: s.c.ID, ContactID: s.target[0], Kind: marketing.ResponseOrder, Source: "fax"}, "invalid/choice"},
		{NewResponse{CampaignID: 999, ContactID: s.target[0], Kind: marketing.ResponseOrder}, "not_found/campaign"},
		{NewResponse{Code: s.codes[s.target[1]], ContactID: s.target[0], Kind: marketing.ResponseOrder}, "invalid/other_contact"},
	}
	for _, c := range cases {
		if _, err := f.s.AddResponse(f.ctx, c.r); reasonOf(err) != c.want {
			t.Errorf("%+v: %v, want %s", c.r, err, c.want)
		}
	}
	page, err := f.s.Responses(f.ctx, ResponseQuery{CampaignID: s.c.ID})
	if err != nil || page.Total != 0 || page.Items == nil {
		t.Fatalf("refused responses were stored: %+v %v", page, err)
	}

	// The control group got nothing: its responses count for no touch.
	c := f.respond(NewResponse{CampaignID: s.c.ID, ContactID: s.control[0], Kind: marketing.ResponseOrder, ValueMinor: 5000, At: f.today()})
	if c.Group != marketing.GroupControl || c.TouchID != 0 || c.At != f.today() {
		t.Errorf("control response %+v", c)
	}
	// The same order number for the same campaign and kind: recorded once.
	a := f.respond(NewResponse{CampaignID: s.c.ID, ContactID: s.target[0], Kind: marketing.ResponseOrder, Ref: "O-9", ValueMinor: 100})
	b := f.respond(NewResponse{CampaignID: s.c.ID, ContactID: s.target[0], Kind: marketing.ResponseOrder, Ref: "O-9", ValueMinor: 100})
	if a.ID != b.ID {
		t.Errorf("same ref twice: %d %d", a.ID, b.ID)
	}
	// A caller that knows the touch (a call being recorded) names it.
	emailTouch := s.c.Touches[1]
	e := f.respond(NewResponse{CampaignID: s.c.ID, ContactID: s.target[2], Kind: marketing.ResponseCall, TouchID: emailTouch.ID})
	if e.TouchID != emailTouch.ID || e.TouchSeq != emailTouch.Seq {
		t.Errorf("named touch %+v", e)
	}
	if _, err := f.s.AddResponse(f.ctx, NewResponse{CampaignID: s.c.ID, ContactID: s.target[2], Kind: marketing.ResponseCall, TouchID: 9999}); reasonOf(err) != "invalid/touch" {
		t.Errorf("a touch of no campaign: %v", err)
	}
	// A local time is stored in UTC.
	lt := f.now.Add(-2 * time.Hour)
	d := f.respond(NewResponse{CampaignID: s.c.ID, ContactID: s.target[1], Kind: marketing.ResponseVisit, At: lt.Format("2006-01-02T15:04")})
	if d.At != marketing.Timestamp(lt) {
		t.Errorf("local time stored as %s, want %s", d.At, marketing.Timestamp(lt))
	}
	page, err = f.s.Responses(f.ctx, ResponseQuery{CampaignID: s.c.ID, Limit: 2})
	if err != nil || page.Total != 4 || len(page.Items) != 2 {
		t.Fatalf("page %+v %v", page, err)
	}
	// Newest first (the same time: the last recorded first), with names.
	if page.Items[0].ID != e.ID || page.Items[1].ID != a.ID || page.Items[0].ContactName == "" || page.Items[0].Campaign != "Höstkampanj" {
		t.Errorf("first of page %+v", page.Items[0])
	}
	// The timeline tells.
	ev, err := f.db.ContactEvents(f.ctx, s.target[0], 10)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range ev {
		found = found || e.Kind == "response" && strings.Contains(e.Summary, "Höstkampanj")
	}
	if !found {
		t.Errorf("no response on the timeline: %+v", ev)
	}
	if err := f.s.DeleteResponse(f.ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.s.DeleteResponse(f.ctx, a.ID); reasonOf(err) != "not_found/" {
		t.Errorf("deleting twice: %v", err)
	}
}

func TestStopRuleSkipsWhatIsStillDue(t *testing.T) {
	s := newSmall(t, nil, 0) // the default: stop on response, purchase and opt-out
	f := s.f
	letterTouch, emailTouch := s.c.Touches[0].ID, s.c.Touches[1].ID
	// Both touches were released at launch: letters due, emails queued.
	if n := f.counts(letterTouch)[marketing.WorkDue]; n != 10 {
		t.Fatalf("%d letters due", n)
	}
	responder, buyer, leaver := s.target[0], s.target[1], s.target[2]
	f.respond(NewResponse{CampaignID: s.c.ID, ContactID: responder, Kind: marketing.ResponseInquiry})
	f.respond(NewResponse{CampaignID: s.c.ID, ContactID: buyer, Kind: marketing.ResponseOrder, ValueMinor: 100})
	f.respond(NewResponse{CampaignID: s.c.ID, ContactID: leaver, Kind: marketing.ResponseOptOut})
	// A "no" is neither a response nor an opt-out: no stop.
	f.respond(NewResponse{CampaignID: s.c.ID, ContactID: s.target[3], Kind: marketing.ResponseNotBuyer})

	for id, reason := range map[int64]string{responder: marketing.StopResponse, buyer: marketing.StopPurchase, leaver: marketing.StopOptOut, s.target[3]: ""} {
		m := f.member(s.c.ID, id)
		if m.StopReason != reason || (reason != "") != (m.StoppedAt != "") {
			t.Errorf("member %d stopped %q at %q, want %q", id, m.StopReason, m.StoppedAt, reason)
		}
	}
	stopped := map[int64]bool{responder: true, buyer: true, leaver: true}
	for _, w := range f.work(letterTouch) {
		want := marketing.WorkDue
		if stopped[w.ContactID] {
			want = marketing.WorkSkipped
		}
		if w.State != want || (want == marketing.WorkSkipped && w.Reason != "stopped") {
			t.Errorf("letter of %d: %s %s, want %s", w.ContactID, w.State, w.Reason, want)
		}
	}
	var entries []marketing.OutboxEntry
	if err := f.db.EachOutbox(f.ctx, emailTouch, func(e *marketing.OutboxEntry) error { entries = append(entries, *e); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(entries) != 10 {
		t.Fatalf("%d outbox rows", len(entries))
	}
	for _, e := range entries {
		want := marketing.OutboxQueued
		if stopped[e.ContactID] {
			want = marketing.OutboxSkipped
		}
		if e.State != want || (want == marketing.OutboxSkipped && e.Reason != "stopped") {
			t.Errorf("email to %d: %s %s, want %s", e.ContactID, e.State, e.Reason, want)
		}
	}
	// Deleting the response does not bring the person back.
	page, _ := f.s.Responses(f.ctx, ResponseQuery{ContactID: responder})
	if err := f.s.DeleteResponse(f.ctx, page.Items[0].ID); err != nil {
		t.Fatal(err)
	}
	if m := f.member(s.c.ID, responder); m.StopReason != marketing.StopResponse {
		t.Errorf("stop undone: %+v", m)
	}
}

func TestFulfilmentTasks(t *testing.T) {
	s := newSmall(t, []string{}, 0)
	f := s.f
	r1 := f.respond(NewResponse{CampaignID: s.c.ID, ContactID: s.target[0], Kind: marketing.ResponseRequest, Fulfil: marketing.FulfilSample, FulfilDays: 5, Detail: "Vil gerne have en prøve", At: "2026-03-01"})
	f.respond(NewResponse{CampaignID: s.c.ID, ContactID: s.target[1], Kind: marketing.ResponseRequest, Fulfil: marketing.FulfilCallBack, At: "2026-03-02"})
	f.respond(NewResponse{CampaignID: s.c.ID, ContactID: s.target[2], Kind: marketing.ResponseInquiry})
	tasks, err := f.s.Fulfilments(f.ctx, false, 10)
	if err != nil {
		t.Fatal(err)
	}
	// The sample is due 5 days after 1 March (the 6th), the call back
	// the default 3 days after 2 March (the 5th): the call back first.
	if len(tasks) != 2 || tasks[0].DueDate != "2026-03-05" || tasks[1].DueDate != "2026-03-06" || tasks[0].Kind != marketing.FulfilCallBack ||
		tasks[1].ResponseID != r1.ID || tasks[1].Note != "Vil gerne have en prøve" || tasks[1].Campaign != "Höstkampanj" || tasks[1].ContactName == "" {
		t.Fatalf("tasks %+v", tasks)
	}
	if err := f.s.CompleteFulfilment(f.ctx, tasks[1].ID, true); err != nil {
		t.Fatal(err)
	}
	open, _ := f.s.Fulfilments(f.ctx, false, 10)
	all, _ := f.s.Fulfilments(f.ctx, true, 10)
	if len(open) != 1 || open[0].ID != tasks[0].ID || len(all) != 2 || all[1].DoneAt != marketing.Timestamp(f.now) {
		t.Errorf("open %+v all %+v", open, all)
	}
	if err := f.s.CompleteFulfilment(f.ctx, tasks[1].ID, false); err != nil {
		t.Fatal(err)
	}
	if open, _ = f.s.Fulfilments(f.ctx, false, 10); len(open) != 2 {
		t.Errorf("reopened: %+v", open)
	}
	if err := f.s.CompleteFulfilment(f.ctx, 999, true); marketing.ErrorCode(err) != marketing.ENotFound {
		t.Errorf("unknown task: %v", err)
	}
	// Deleting a response removes its task.
	if err := f.s.DeleteResponse(f.ctx, r1.ID); err != nil {
		t.Fatal(err)
	}
	if open, _ = f.s.Fulfilments(f.ctx, true, 10); len(open) != 1 {
		t.Errorf("task of a deleted response: %+v", open)
	}
}

func TestInboxReplyIsAResponse(t *testing.T) {
	s := newSmall(t, nil, 20)
	f := s.f
	emailTouch := s.c.Touches[1].ID
	rows := f.sendEmails(emailTouch, nil)
	who := s.target[0]
	if _, err := f.db.RecordInbox(f.ctx, marketing.InboxEvent{AccountID: 1, UID: 7, MessageID: "<reply1@example.se>", Kind: marketing.InboxReply,
		From: s.emails[who], Subject: "Re: Hej", OutboxID: rows[who], Snippet: "Ja tack", ReceivedAt: marketing.Timestamp(f.now)}); err != nil {
		t.Fatal(err)
	}
	page, err := f.s.Responses(f.ctx, ResponseQuery{CampaignID: s.c.ID})
	if err != nil || page.Total != 1 {
		t.Fatalf("%+v %v", page, err)
	}
	r := page.Items[0]
	if r.Source != marketing.SourceInbox || r.Group != marketing.GroupTarget || r.Code != marketing.FormatResponseCode(s.codes[who]) || r.TouchID != emailTouch || r.Kind != marketing.ResponseReply {
		t.Errorf("reply %+v", r)
	}
	// The reply stops the sequence: the letter still due is skipped.
	if m := f.member(s.c.ID, who); m.StopReason != marketing.StopResponse {
		t.Errorf("member after reply %+v", m)
	}
}

// ---------------------------------------------------------------- files

func TestImportResponsesIdempotentByOrderNumber(t *testing.T) {
	s := newSmall(t, []string{}, 0)
	f := s.f
	dir := t.TempDir()
	file := filepath.Join(dir, "orders.xlsx")
	T := s.target
	writeXLSX(t, file, [][]any{
		{"Svarskod", "Ordernr", "Datum", "E-post", "Telefon", "Kundnummer", "Belopp"},
		{marketing.FormatResponseCode(s.codes[T[0]]), "S-1", "2026-03-01", "", "", "", "1 234,50"},
		{"", "S-2", "01.03.2026", s.emails[T[1]], "", "", "99,95"},
		{"", "S-3", "2026-03-01", "", "070-123 45 03", "", "10"},            // T3 by phone (local Swedish number)
		{"", "S-4", "2026-03-01", "", "", "5004", "1.000,00"},               // by customer number
		{"", "S-5", "2026-03-01", "nobody@example.se", "", "", "5"},         // no_match
		{"", "S-6", "2026-03-01", s.emails[T[5]], "", "", "tolv"},           // bad_value
		{"", "S-7", "32.13.2026", s.emails[T[6]], "", "", "12"},             // bad_date
		{marketing.NewResponseCode(), "S-8", "2026-03-01", "", "", "", "1"}, // bad_code (well-formed, unknown)
		{"K7MQ-X9", "S-9", "2026-03-01", "", "", "", "1"},                   // bad_code (too short)
		{"", "S-2", "2026-03-01", s.emails[T[1]], "", "", "99,95"},          // the same order again in the file
		{},
		{"", "", "", "", "", "", ""},
	})
	if err := f.db.SaveSettings(f.ctx, marketing.Settings{Language: "sv", Country: "SE", Currency: "SEK"}); err != nil {
		t.Fatal(err)
	}
	p, err := f.s.PreviewResponseFile(f.ctx, file)
	if err != nil {
		t.Fatal(err)
	}
	m := p.Mapping
	if m.Code != 0 || m.OrderNo != 1 || m.Date != 2 || m.Email != 3 || m.Phone != 4 || m.CustomerNo != 5 || m.Value != 6 || m.HeaderRow != 1 || m.Kind != marketing.ResponseOrder {
		t.Fatalf("guessed mapping %+v", m)
	}
	if len(p.Columns) != 7 || p.Columns[0] != "Svarskod" || len(p.Sample) == 0 || p.Sample[0][1] != "S-1" || len(p.Sheets) != 1 {
		t.Errorf("preview %+v", p)
	}
	m.CampaignID = s.c.ID
	var calls int
	res, err := f.s.ImportResponses(f.ctx, file, m, func(done, total int) { calls++ })
	if err != nil {
		t.Fatal(err)
	}
	// 10 rows with data: S-1..S-4 added; the second S-2 a duplicate; five problems.
	if res.Rows != 10 || res.Added != 4 || res.Duplicates != 1 || res.Unmatched != 5 || res.ValueMinor != 123450+9995+1000+100000 || calls == 0 {
		t.Errorf("first import %+v", res)
	}
	reasons := map[int]string{}
	for _, p := range res.Problems {
		reasons[p.Row] = p.Reason
		if p.Message == "" {
			t.Errorf("problem without words %+v", p)
		}
	}
	wantReasons := map[int]string{6: "no_match", 7: "bad_value", 8: "bad_date", 9: "bad_code", 10: "bad_code"}
	if fmt.Sprint(reasons) != fmt.Sprint(wantReasons) {
		t.Errorf("problems %v, want %v", reasons, wantReasons)
	}
	page, _ := f.s.Responses(f.ctx, ResponseQuery{CampaignID: s.c.ID, Limit: 50})
	who := map[string]int64{}
	for _, r := range page.Items {
		who[r.Ref] = r.ContactID
		if r.Source != marketing.SourceImport || r.Kind != marketing.ResponseOrder {
			t.Errorf("imported %+v", r)
		}
	}
	if who["S-1"] != T[0] || who["S-2"] != T[1] || who["S-3"] != T[2] || who["S-4"] != T[3] {
		t.Errorf("matched %v, target %v", who, T[:4])
	}
	// The same file again adds nothing.
	res, err = f.s.ImportResponses(f.ctx, file, m, nil)
	if err != nil || res.Added != 0 || res.Duplicates != 5 || res.ValueMinor != 0 {
		t.Errorf("second import %+v %v", res, err)
	}
	if page, _ := f.s.Responses(f.ctx, ResponseQuery{CampaignID: s.c.ID}); page.Total != 4 {
		t.Errorf("%d responses after importing twice", page.Total)
	}

	// Someone outside the campaign's groups is named, not recorded.
	f.add(person{c: marketing.Contact{FirstName: "Nils", Email: "nils@example.se"}})
	csv := filepath.Join(dir, "more.csv")
	if err := os.WriteFile(csv, []byte("E-post;Summa;Order\nnils@example.se;10,00;X-1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	p, err = f.s.PreviewResponseFile(f.ctx, csv)
	if err != nil {
		t.Fatal(err)
	}
	p.Mapping.CampaignID = s.c.ID
	res, err = f.s.ImportResponses(f.ctx, csv, p.Mapping, nil)
	if err != nil || res.Added != 0 || len(res.Problems) != 1 || res.Problems[0].Reason != "not_member" || res.Problems[0].Value != "nils@example.se" {
		t.Errorf("outsider %+v %v", res, err)
	}
}

func TestImportResponsesAllOrNothing(t *testing.T) {
	s := newSmall(t, []string{}, 0)
	f := s.f
	file := filepath.Join(t.TempDir(), "big.xlsx")
	rows := [][]any{{"Email", "Amount", "Order no"}}
	for i := 0; i < 1200; i++ {
		rows = append(rows, []any{s.emails[s.target[i%len(s.target)]], 10, fmt.Sprintf("N-%d", i)})
	}
	writeXLSX(t, file, rows)
	p, err := f.s.PreviewResponseFile(f.ctx, file)
	if err != nil {
		t.Fatal(err)
	}
	p.Mapping.CampaignID = s.c.ID
	// Cancelled while reading, and cancelled while writing: nothing stays.
	for _, at := range []int{300, 1500} {
		ctx, cancel := context.WithCancel(f.ctx)
		_, err := f.s.ImportResponses(ctx, file, p.Mapping, func(done, total int) {
			if done >= at {
				cancel()
			}
		})
		cancel()
		if marketing.ErrorCode(err) != marketing.ECanceled {
			t.Errorf("cancel at %d: %v", at, err)
		}
		if page, _ := f.s.Responses(f.ctx, ResponseQuery{CampaignID: s.c.ID}); page.Total != 0 {
			t.Errorf("cancel at %d left %d responses", at, page.Total)
		}
	}
	res, err := f.s.ImportResponses(f.ctx, file, p.Mapping, nil)
	if err != nil || res.Added != 1200 {
		t.Fatalf("whole import %+v %v", res, err)
	}
}

func TestImportResponsesBadFiles(t *testing.T) {
	s := newSmall(t, []string{}, 0)
	f := s.f
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	empty := write("empty.xlsx", nil)
	prose := write("letter.xlsx", []byte("Kære kunde,\nTak for dit køb i sidste måned.\nVenlig hilsen\nButikken\n"))
	pdf := write("report.xlsx", []byte("%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n"))
	noKey := filepath.Join(dir, "nokey.xlsx")
	writeXLSX(t, noKey, [][]any{{"Produkt", "Farve"}, {"Tulipan", "Rød"}, {"Rose", "Hvid"}})

	guess := func(path string) (ResponseMapping, error) {
		p, err := f.s.PreviewResponseFile(f.ctx, path)
		if err != nil {
			return ResponseMapping{}, err
		}
		if p.Mapping.Code != -1 || p.Mapping.Email != -1 || p.Mapping.Phone != -1 || p.Mapping.CustomerNo != -1 {
			t.Errorf("%s: guessed %+v", path, p.Mapping)
		}
		p.Mapping.CampaignID = s.c.ID
		return p.Mapping, nil
	}
	for path, want := range map[string]string{empty: "unsupported_file/empty", pdf: "unsupported_file/pdf", prose: "invalid/no_key_column", noKey: "invalid/no_key_column"} {
		m, err := guess(path)
		if err == nil {
			_, err = f.s.ImportResponses(f.ctx, path, m, nil)
		}
		if reasonOf(err) != want {
			t.Errorf("%s: %v, want %s", filepath.Base(path), err, want)
		}
	}
	// A file with emails but no campaign for rows without a code.
	csv := write("x.csv", []byte("Email;Amount\n"+s.emails[s.target[0]]+";5\n"))
	p, err := f.s.PreviewResponseFile(f.ctx, csv)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.ImportResponses(f.ctx, csv, p.Mapping, nil); reasonOf(err) != "invalid/campaign_required" {
		t.Errorf("no campaign: %v", err)
	}
	p.Mapping.Kind = "gift"
	p.Mapping.CampaignID = s.c.ID
	if _, err := f.s.ImportResponses(f.ctx, csv, p.Mapping, nil); reasonOf(err) != "invalid/choice" {
		t.Errorf("bad kind: %v", err)
	}
	if page, _ := f.s.Responses(f.ctx, ResponseQuery{}); page.Total != 0 {
		t.Errorf("bad files stored %d responses", page.Total)
	}
}

func TestGuessMappingLanguages(t *testing.T) {
	for _, tc := range []struct {
		headers []string
		want    string // code email phone customerNo value date orderNo
	}{
		{[]string{"Code", "Email", "Phone", "Customer no", "Amount", "Date", "Order no"}, "0 1 2 3 4 5 6"},
		{[]string{"Kode", "E-mail", "Telefon", "Kundenummer", "Beløb", "Dato", "Ordrenr"}, "0 1 2 3 4 5 6"},
		{[]string{"Kod", "E-post", "Mobil", "Kundnummer", "Belopp", "Datum", "Ordernummer"}, "0 1 2 3 4 5 6"},
		{[]string{"Kupong", "E-post", "Telefon", "Kundenr", "Beløp", "Dato", "Ordre"}, "0 1 2 3 4 5 6"},
		{[]string{"Код", "Почта", "Телефон", "Номер клиента", "Сумма", "Дата", "Заказ"}, "0 1 2 3 4 5 6"},
		{[]string{"Kupon", "Værdi"}, "0 -1 -1 -1 1 -1 -1"},
		{[]string{"", "Total"}, "-1 -1 -1 -1 1 -1 -1"},
	} {
		m := guessMapping(tc.headers, importer.AutoMap(marketing.ImportOrders, tc.headers, nil), nil)
		got := fmt.Sprint(m.Code, m.Email, m.Phone, m.CustomerNo, m.Value, m.Date, m.OrderNo)
		if got != tc.want {
			t.Errorf("%v: %s, want %s", tc.headers, got, tc.want)
		}
	}
	// A column without a header, full of codes, is the code column; one
	// with a value that is no code is not.
	c := marketing.FormatResponseCode(marketing.NewResponseCode())
	if m := guessMapping([]string{"", "Sum"}, []string{"", "amount"}, [][]string{{c, strings.ToLower(c)}, {"10"}}); m.Code != 0 || m.Value != 1 {
		t.Errorf("headerless codes: %+v", m)
	}
	if m := guessMapping([]string{"", "Sum"}, []string{"", "amount"}, [][]string{{c, "Tulipan"}, {"10"}}); m.Code != -1 {
		t.Errorf("a column of words taken for codes: %+v", m)
	}
}

// FuzzResponseRow throws arbitrary cells at the row reader: it never
// panics, a used row has a key, a parsed code, a value of 0 or more and a
// date or timestamp.
func FuzzResponseRow(f *testing.F) {
	f.Add("K7MQ-X9A", "a@b.dk", "+45 20 12 34 56", "1001", "1.234,50", "14.03.2026", "A-1")
	f.Add("", "", "070-123 45 67", "", "1 234,50", "2026-03-14", "")
	f.Add("0000000", "x", "abc", "", "-5", "31.02.2026", "\x00")
	f.Add("", "", "", "", "12", "", "")
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	m := ResponseMapping{Code: 0, Email: 1, Phone: 2, CustomerNo: 3, Value: 4, Date: 5, OrderNo: 6, Kind: marketing.ResponseOrder}
	f.Fuzz(func(t *testing.T, code, email, phone, cust, value, date, ref string) {
		cells := []sheet.Cell{}
		for _, v := range []string{code, email, phone, cust, value, date, ref} {
			cells = append(cells, sheet.Cell{Text: v, Raw: v, Kind: sheet.KindString})
		}
		row, problem, blank := parseResponseRow(cells, 2, m, "DK", now)
		if blank || problem != nil {
			if problem != nil && problemText[problem.Reason] == "" {
				t.Fatalf("problem without words: %+v", problem)
			}
			return
		}
		if row.Code+row.Email+row.Phone+row.CustomerNo == "" {
			t.Fatalf("used row without a key: %+v", row)
		}
		if row.Code != "" {
			if _, err := marketing.ParseResponseCode(row.Code); err != nil {
				t.Fatalf("bad code kept: %q", row.Code)
			}
		}
		if row.ValueMinor < 0 {
			t.Fatalf("negative value %d", row.ValueMinor)
		}
		if _, err := time.Parse(marketing.DateLayout, row.At); err != nil {
			if _, err := time.Parse(marketing.TimestampLayout, row.At); err != nil {
				t.Fatalf("at %q", row.At)
			}
		}
		headers := []string{code, email, phone, cust, value, date, ref}
		g := guessMapping(headers, make([]string, len(headers)), [][]string{{code}, {email}})
		seen := map[int]bool{}
		for _, c := range []int{g.Code, g.Email, g.Phone, g.CustomerNo, g.Value, g.Date, g.OrderNo} {
			if c >= len(headers) || c < -1 || (c >= 0 && seen[c]) {
				t.Fatalf("mapping %+v for %q", g, headers)
			}
			seen[c] = true
		}
	})
}

package campaign

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"directdesk/backend/marketing"
)

func TestCallingHours(t *testing.T) {
	at := func(zone string, y int, m time.Month, d, h, min int) time.Time {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Fatal(err)
		}
		return time.Date(y, m, d, h, min, 0, 0, loc)
	}
	cases := []struct {
		country string
		t       time.Time
		can     bool
		hours   string
	}{
		// Norway: weekdays 09–21 only (markedsføringsloven § 14).
		{"NO", at("Europe/Oslo", 2026, 3, 2, 9, 0), true, "09:00–21:00"},
		{"NO", at("Europe/Oslo", 2026, 3, 2, 8, 59), false, "09:00–21:00"},
		{"NO", at("Europe/Oslo", 2026, 3, 2, 20, 59), true, "09:00–21:00"},
		{"NO", at("Europe/Oslo", 2026, 3, 2, 21, 0), false, "09:00–21:00"},
		{"NO", at("Europe/Oslo", 2026, 3, 7, 12, 0), false, ""},  // Saturday
		{"NO", at("Europe/Oslo", 2027, 5, 17, 12, 0), false, ""}, // Constitution Day, a Monday in 2027
		{"NO", at("Europe/Oslo", 2026, 4, 2, 12, 0), false, ""},  // Maundy Thursday 2026
		{"NO", at("Europe/Oslo", 2026, 5, 14, 12, 0), false, ""}, // Ascension Day 2026
		// The same moment is evening in Oslo: the person's own time counts.
		{"NO", time.Date(2026, 3, 2, 20, 30, 0, 0, time.UTC), false, "09:00–21:00"},
		// Denmark and Sweden: weekdays 09–20, Saturdays 10–16.
		{"DK", at("Europe/Copenhagen", 2026, 3, 7, 10, 30), true, "10:00–16:00"},
		{"DK", at("Europe/Copenhagen", 2026, 3, 2, 20, 0), false, "09:00–20:00"},
		{"DK", at("Europe/Copenhagen", 2026, 3, 8, 12, 0), false, ""}, // Sunday
		{"DK", at("Europe/Copenhagen", 2026, 4, 6, 12, 0), false, ""}, // Easter Monday
		{"SE", at("Europe/Stockholm", 2026, 6, 19, 12, 0), false, ""}, // Midsummer Eve
		{"SE", at("Europe/Stockholm", 2026, 6, 18, 12, 0), true, "09:00–20:00"},
		{"SE", at("Europe/Stockholm", 2026, 1, 6, 12, 0), false, ""}, // Epiphany
		// Russia: Moscow time, weekdays 09–21, Saturdays 10–18.
		{"RU", at("Europe/Moscow", 2026, 3, 10, 20, 30), true, "09:00–21:00"},
		{"RU", at("Europe/Moscow", 2026, 3, 7, 18, 30), false, "10:00–18:00"},
		{"RU", at("Europe/Moscow", 2026, 11, 4, 12, 0), false, ""},
		{"RU", at("Europe/Moscow", 2026, 1, 5, 12, 0), false, ""},
	}
	for _, c := range cases {
		if got := marketing.CanCall(c.country, c.t); got != c.can {
			t.Errorf("CanCall(%s, %s) = %v", c.country, c.t, got)
		}
		if got := marketing.CallHours(c.country, c.t); got != c.hours {
			t.Errorf("CallHours(%s, %s) = %q, want %q", c.country, c.t, got, c.hours)
		}
	}
}

func TestCallListOrderAndOutcomes(t *testing.T) {
	f := newFixture(t)
	phone := func(first, number, country string) marketing.Contact {
		return marketing.Contact{FirstName: first, LastName: "Berg", Phone: number, Country: country}
	}
	ids := f.add(
		person{c: phone("Anna", "+4520000001", "DK"), orders: []int64{10000}},
		person{c: phone("Bo", "+4520000002", "DK"), orders: []int64{500000}},
		person{c: phone("Cia", "+4520000003", "DK"), orders: []int64{10000}},
		person{c: phone("Dan", "+4790000004", "NO"), orders: []int64{200000, 100000}},
		person{c: phone("Eva", "+4520000005", "DK")},
		person{c: marketing.Contact{FirstName: "Prospect", Kind: marketing.KindProspect, Phone: "+4520000006"}},
	)
	c := f.draft("Calls", marketing.Touch{Channel: marketing.TouchPhone, Script: "Hej, det er Blomster", UnitCostMinor: 2500})
	rel := f.launch(c, ids)
	if rel.Touches[0].Count != 5 {
		t.Fatalf("released %+v", rel)
	}
	touch := rel.Touches[0].TouchID
	names := func(items []marketing.WorkItem) []string {
		var out []string
		for _, it := range items {
			out = append(out, it.Name)
		}
		return out
	}
	page, err := f.s.Work(f.ctx, WorkQuery{TouchID: touch, State: marketing.WorkDue})
	if err != nil {
		t.Fatal(err)
	}
	// By priority (total order value in whole units), then by name.
	want := []string{"Bo Berg", "Dan Berg", "Anna Berg", "Cia Berg", "Eva Berg"}
	if got := names(page.Items); !slices.Equal(got, want) {
		t.Fatalf("call order %v, want %v", got, want)
	}
	if page.Items[0].Priority != 5000 || page.Items[0].Phone != "+45 20 00 00 02" || !page.Items[0].CallableNow || page.Items[0].CallHours != "09:00–20:00" {
		t.Errorf("first item %+v", page.Items[0])
	}
	if page.Items[1].CallHours != "09:00–21:00" {
		t.Errorf("Norwegian hours %q", page.Items[1].CallHours)
	}
	// Paging: two at a time.
	p2, err := f.s.Work(f.ctx, WorkQuery{TouchID: touch, State: marketing.WorkDue, Offset: 2, Limit: 2})
	if err != nil || !slices.Equal(names(p2.Items), want[2:4]) || p2.Total != 5 {
		t.Fatalf("page 2 %v total %d %v", names(p2.Items), p2.Total, err)
	}
	if p, _ := f.s.Work(f.ctx, WorkQuery{TouchID: touch, Query: "cia"}); p.Total != 1 || p.Items[0].Name != "Cia Berg" {
		t.Errorf("search %+v", p)
	}
	item := func(name string) marketing.WorkItem {
		for _, it := range page.Items {
			if it.Name == name {
				return it
			}
		}
		t.Fatalf("no %s", name)
		return marketing.WorkItem{}
	}
	// Cia asks to be called back in an hour; Eva does not answer.
	if err := f.s.RecordCall(f.ctx, CallOutcome{WorkID: item("Cia Berg").ID, Outcome: marketing.CallBack, CallbackAt: f.now.Add(time.Hour).Format(localMinute)}); err != nil {
		t.Fatal(err)
	}
	if err := f.s.RecordCall(f.ctx, CallOutcome{WorkID: item("Eva Berg").ID, Outcome: marketing.CallNoAnswer}); err != nil {
		t.Fatal(err)
	}
	if err := f.s.RecordCall(f.ctx, CallOutcome{WorkID: item("Eva Berg").ID, Outcome: "maybe"}); reasonOf(err) != "invalid/choice" {
		t.Errorf("unknown outcome: %v", err)
	}
	if err := f.s.RecordCall(f.ctx, CallOutcome{WorkID: item("Anna Berg").ID, Outcome: marketing.CallBack, CallbackAt: f.now.Add(-time.Hour).Format(localMinute)}); reasonOf(err) != "invalid/past" {
		t.Errorf("call back in the past: %v", err)
	}
	if err := f.s.RecordCall(f.ctx, CallOutcome{WorkID: item("Anna Berg").ID, Outcome: marketing.CallBack, CallbackAt: "tomorrow"}); reasonOf(err) != "invalid/format" {
		t.Errorf("call back without a time: %v", err)
	}
	// Before the hour: Cia's call-back waits at the end of the due list.
	page, _ = f.s.Work(f.ctx, WorkQuery{TouchID: touch, State: marketing.WorkDue})
	if got := names(page.Items); !slices.Equal(got, []string{"Bo Berg", "Dan Berg", "Anna Berg", "Eva Berg", "Cia Berg"}) {
		t.Errorf("before the call-back: %v", got)
	}
	// Its time has come: first on the list.
	f.now = f.now.Add(2 * time.Hour)
	page, _ = f.s.Work(f.ctx, WorkQuery{TouchID: touch, State: marketing.WorkDue})
	if got := names(page.Items); !slices.Equal(got, []string{"Cia Berg", "Bo Berg", "Dan Berg", "Anna Berg", "Eva Berg"}) {
		t.Errorf("after the call-back's time: %v", got)
	}
	if page.Items[0].Outcome != marketing.CallBack || page.Items[0].Attempts != 1 || page.Items[0].CallbackAt == "" {
		t.Errorf("call-back row %+v", page.Items[0])
	}
	// Bo refuses: done, phone consent refused, his sequence stopped.
	if err := f.s.RecordCall(f.ctx, CallOutcome{WorkID: item("Bo Berg").ID, Outcome: marketing.CallRefused, Note: "Ikke interesseret"}); err != nil {
		t.Fatal(err)
	}
	if err := f.s.RecordCall(f.ctx, CallOutcome{WorkID: item("Bo Berg").ID, Outcome: marketing.CallReached}); reasonOf(err) != "conflict/not_due" {
		t.Errorf("recording a done call again: %v", err)
	}
	if m := f.member(c.ID, ids[1]); m.StopReason != marketing.StopOptOut {
		t.Errorf("Bo's membership %+v", m)
	}
	cs, err := f.db.CampaignContacts(f.ctx, ids[1:2], "")
	if err != nil || cs[0].ConsentPhone != marketing.ConsentRefused {
		t.Errorf("Bo's phone consent %+v %v", cs, err)
	}
	evs, _ := f.db.ContactEvents(f.ctx, ids[1], 20)
	if len(evs) == 0 || evs[0].Kind != EventCall || !strings.Contains(evs[0].Summary, "refused") || !strings.Contains(evs[0].Summary, "Ikke interesseret") {
		t.Errorf("Bo's timeline %+v", evs)
	}
	// Dan orders on the phone: done at the call's cost, and a response with the value.
	err = f.s.RecordCall(f.ctx, CallOutcome{WorkID: item("Dan Berg").ID, Outcome: marketing.CallOrder, ValueMinor: 75000})
	if errors.Is(err, errNotYet) {
		t.Log("responses are not built yet: the order is not checked")
	} else if err != nil {
		t.Fatal(err)
	} else {
		rs, err := f.s.Responses(f.ctx, ResponseQuery{ContactID: ids[3]})
		if err != nil || rs.Total != 1 || rs.Items[0].Kind != marketing.ResponseOrder || rs.Items[0].ValueMinor != 75000 || rs.Items[0].Source != marketing.SourcePhone {
			t.Errorf("Dan's response %+v %v", rs, err)
		}
	}
	counts := f.counts(touch)
	wantDone := 1
	if err == nil {
		wantDone = 2
	}
	if counts[marketing.WorkDone] != wantDone || counts[marketing.WorkDue] != 5-wantDone || len(counts) != 2 {
		t.Errorf("counts %v", counts)
	}
	// The prospect never said yes to calls: not on the list at all.
	if m := f.member(c.ID, ids[5]); m.Reason != marketing.ExcludeNoConsent {
		t.Errorf("prospect %+v", m)
	}
	p, _ := f.s.Work(f.ctx, WorkQuery{TouchID: touch, State: marketing.WorkDone})
	for _, it := range p.Items {
		if it.DoneAt == "" {
			t.Errorf("done without a time: %+v", it)
		}
	}
	sum, _ := f.s.List(f.ctx, false)
	if sum[0].CostMinor != int64(wantDone)*2500 || sum[0].Sent != wantDone {
		t.Errorf("cost %d sent %d", sum[0].CostMinor, sum[0].Sent)
	}
}

func TestPrintAndPost(t *testing.T) {
	f := newFixture(t)
	lt := f.template(marketing.KindLetter, "Brev", "<p>Kære {{first_name}}</p>")
	labels := f.template(marketing.KindLabels, "Etiketter", "{{first_name}}")
	mk := func(first, postcode, country string) person {
		c := addressed(first)
		c.Postcode, c.Country = postcode, country
		return person{c: c}
	}
	ids := f.add(mk("Z", "9000", "DK"), mk("S", "11122", "SE"), mk("A", "2100", "DK"), mk("B", "800", "DK"))
	touch := letter(lt, 0)
	touch.LabelTemplateID = labels.ID
	touch.UnitCostMinor = 1200
	c := f.draft("Print", touch)
	rel := f.launch(c, ids)
	tid := rel.Touches[0].TouchID
	due, err := f.s.DueIDs(f.ctx, tid, false)
	if err != nil {
		t.Fatal(err)
	}
	// Postal order: home country first, by postcode as a number.
	if !slices.Equal(due, []int64{ids[3], ids[2], ids[0], ids[1]}) {
		t.Errorf("postal order %v (ids %v)", due, ids)
	}
	today, err := f.s.Today(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(today.Due) != 1 || today.Due[0].Count != 4 || today.Due[0].Printed != 0 || !today.Due[0].Labels || !today.Due[0].Released {
		t.Errorf("today %+v", today.Due)
	}
	if err := f.s.MarkPrinted(f.ctx, tid, due[:3]); err != nil {
		t.Fatal(err)
	}
	if left, _ := f.s.DueIDs(f.ctx, tid, false); !slices.Equal(left, due[3:]) {
		t.Errorf("still to print %v", left)
	}
	if printed, _ := f.s.DueIDs(f.ctx, tid, true); len(printed) != 3 {
		t.Errorf("printed %v", printed)
	}
	today, _ = f.s.Today(f.ctx)
	if today.Due[0].Count != 1 || today.Due[0].Printed != 3 {
		t.Errorf("today after printing %+v", today.Due[0])
	}
	// Posting one by id, then the rest of the printed ones.
	if n, err := f.s.MarkPosted(f.ctx, tid, due[:1]); err != nil || n != 1 {
		t.Fatalf("posted %d %v", n, err)
	}
	if n, err := f.s.MarkPosted(f.ctx, tid, nil); err != nil || n != 2 {
		t.Fatalf("posted the rest: %d %v", n, err)
	}
	counts := f.counts(tid)
	if counts[marketing.WorkDone] != 3 || counts[marketing.WorkDue] != 1 {
		t.Errorf("counts %v", counts)
	}
	if sum, _ := f.s.List(f.ctx, false); sum[0].CostMinor != 3600 || sum[0].Sent != 3 {
		t.Errorf("cost %d sent %d", sum[0].CostMinor, sum[0].Sent)
	}
	if _, err := f.s.DueIDs(f.ctx, f.draft("SMS", marketing.Touch{Channel: marketing.TouchSMS, SMSText: "x"}).Touches[0].ID, false); reasonOf(err) != "invalid/channel" {
		t.Errorf("printing an SMS touch: %v", err)
	}
}

func TestSMSExport(t *testing.T) {
	f := newFixture(t)
	ids := f.add(
		person{c: marketing.Contact{FirstName: "Søren", Mobile: "+4520123456", Country: "DK"}},
		// Russia needs a prior yes for advertising by SMS, customers too.
		person{c: marketing.Contact{FirstName: "Ирина", Mobile: "+79161234567", Country: "RU"}, consent: map[string]string{marketing.ChannelSMS: marketing.ConsentGranted}},
		person{c: marketing.Contact{FirstName: "Åsa", Mobile: "+46701234567", Country: "SE"}},
		person{c: marketing.Contact{FirstName: "Nils", Phone: "+4721000000", Country: "NO"}}, // a landline: no SMS
		person{c: marketing.Contact{FirstName: "Later", Mobile: "+4520123457", Country: "DK"}},
	)
	text := "Hej {{first_name}}! Vis koden {{response_code}} i butikken og få 20 % på blomster. Mvh Blomster"
	c := f.draft("Forår SMS", marketing.Touch{Channel: marketing.TouchSMS, SMSText: text, UnitCostMinor: 45})
	rel := f.launch(c, ids)
	if rel.Touches[0].Count != 4 || rel.Touches[0].Skipped != 0 {
		t.Fatalf("released %+v", rel)
	}
	// Nils has a landline only: no SMS reaches him.
	if m := f.member(c.ID, ids[3]); m.Group != marketing.GroupExcluded || m.Reason != marketing.ExcludeNoAddress {
		t.Errorf("Nils %+v", m)
	}
	tid := rel.Touches[0].TouchID
	// "Later" says no to SMS before the export: left out.
	sess, err := f.db.BeginImport(f.ctx, &marketing.ImportBatch{Kind: marketing.ImportContacts, FileName: "no.xlsx"}, false)
	if err != nil {
		t.Fatal(err)
	}
	before, cons, _ := sess.Contact(f.ctx, ids[4])
	after := before
	if err := sess.UpdateContact(f.ctx, &before, cons, &after, []marketing.Consent{{Channel: marketing.ChannelSMS, Status: marketing.ConsentRefused, At: "2026-03-02T09:00:00Z", Method: "sms"}}, "test"); err != nil {
		t.Fatal(err)
	}
	if err := sess.Commit(f.ctx, &marketing.ImportBatch{}); err != nil {
		t.Fatal(err)
	}
	pv, err := f.s.PreviewSMS(f.ctx, text, ids[1])
	if err != nil || pv.Encoding != "ucs2" || !strings.HasPrefix(pv.Text, "Hej Ирина!") || pv.Parts != 2 || len(pv.Missing) != 0 {
		t.Fatalf("preview %+v %v", pv, err)
	}
	if pv, _ := f.s.PreviewSMS(f.ctx, "Hej {{first_name}}", 0); pv.Encoding != "gsm7" || pv.Parts != 1 || !slices.Equal(pv.Missing, []string{"first_name"}) {
		t.Errorf("empty preview %+v", pv)
	}
	var buf bytes.Buffer
	res, err := f.s.ExportSMS(f.ctx, tid, &buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(buf.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || strings.Join(rows[0], ",") != "phone,message,name,code" {
		t.Fatalf("csv %q", rows)
	}
	byPhone := map[string][]string{}
	for _, r := range rows[1:] {
		byPhone[r[0]] = r
	}
	sr, ru, se := byPhone["+4520123456"], byPhone["+79161234567"], byPhone["+46701234567"]
	if sr == nil || ru == nil || se == nil {
		t.Fatalf("phones %q", rows)
	}
	// Æ, Ø, Å, Ä and Ö are GSM-7: one part; Cyrillic makes it UCS-2: two parts.
	if !strings.HasPrefix(sr[1], "Hej Søren! Vis koden ") || marketing.CountSMS(sr[1]).Parts != 1 || marketing.CountSMS(sr[1]).Encoding != "GSM-7" {
		t.Errorf("Danish message %q", sr[1])
	}
	if !strings.HasPrefix(ru[1], "Hej Ирина!") || marketing.CountSMS(ru[1]).Parts != 2 {
		t.Errorf("Russian message %q", ru[1])
	}
	if !strings.Contains(se[1], se[3]) || len(se[3]) != 8 || se[2] != "Åsa" {
		t.Errorf("Swedish row %q", se)
	}
	if res.Rows != 3 || res.Parts != 4 || res.CostMinor != 4*45 {
		t.Errorf("result %+v", res)
	}
	counts := f.counts(tid)
	if counts[marketing.WorkDone] != 3 || counts[marketing.WorkSkipped] != 1 || counts[marketing.WorkDue] != 0 {
		t.Errorf("counts %v", counts)
	}
	done, _ := f.s.Work(f.ctx, WorkQuery{TouchID: tid, State: marketing.WorkSkipped})
	if len(done.Items) != 1 || done.Items[0].Name != "Later" || done.Items[0].Reason != marketing.ExcludeNoConsent {
		t.Errorf("skipped %+v", done.Items)
	}
	// Exporting again writes nothing and marks nothing.
	buf.Reset()
	if _, err := f.s.ExportSMS(f.ctx, tid, &buf); reasonOf(err) != "invalid/nothing_due" || buf.Len() != 0 {
		t.Errorf("second export: %v %q", err, buf.String())
	}
	if sum, _ := f.s.List(f.ctx, false); sum[0].CostMinor != 180 || sum[0].Sent != 3 {
		t.Errorf("cost %d sent %d", sum[0].CostMinor, sum[0].Sent)
	}
}

// failWriter fails after n bytes.
type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		return 0, errors.New("disk full")
	}
	w.n -= len(p)
	return len(p), nil
}

func TestSMSExportFailsWhole(t *testing.T) {
	f := newFixture(t)
	var people []person
	for i := range 300 {
		people = append(people, person{c: marketing.Contact{FirstName: fmt.Sprint("P", i), Mobile: fmt.Sprintf("+4520%06d", 100000+i), Country: "DK"}})
	}
	c := f.draft("Big SMS", marketing.Touch{Channel: marketing.TouchSMS, SMSText: "Hej {{first_name}}", UnitCostMinor: 45})
	rel := f.launch(c, f.add(people...))
	if _, err := f.s.ExportSMS(f.ctx, rel.Touches[0].TouchID, &failWriter{n: 2000}); err == nil {
		t.Fatal("a failed write was not reported")
	}
	if counts := f.counts(rel.Touches[0].TouchID); counts[marketing.WorkDue] != 300 {
		t.Errorf("after a failed export %v", counts)
	}
}

func TestTodayListsTheWork(t *testing.T) {
	f := newFixture(t)
	lt := f.template(marketing.KindLetter, "Brev", "<p>Kære {{first_name}}</p>")
	ids := f.add(person{c: func() marketing.Contact { c := addressed("A"); c.Phone = "+4520000001"; return c }()},
		person{c: func() marketing.Contact { c := addressed("B"); c.Mobile = "+4520000002"; return c }()})
	a := f.draft("Letters and calls", letter(lt, 0), marketing.Touch{Channel: marketing.TouchPhone, Script: "Ring", OffsetDays: 2},
		marketing.Touch{Channel: marketing.TouchSMS, SMSText: "Hej", OffsetDays: 20})
	f.launch(a, ids)
	b := f.draft("Paused", letter(lt, 0))
	f.launch(b, ids)
	if err := f.s.SetStatus(f.ctx, b.ID, marketing.CampaignPaused, "holiday"); err != nil {
		t.Fatal(err)
	}
	soon := f.draft("Soon", letter(lt, 0))
	soon.StartDate = f.now.AddDate(0, 0, 2).Format(time.DateOnly)
	if err := f.s.Save(f.ctx, &soon); err != nil {
		t.Fatal(err)
	}
	f.launch(soon, ids)
	// Two days on (before the due work is released): the phone touch is
	// due but its list is not made; the letters wait to be printed.
	f.advance(2)
	today, err := f.s.Today(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range today.Due {
		got = append(got, fmt.Sprintf("%s:%d:%s:%v:%d", d.Campaign, d.Seq, d.Channel, d.Released, d.Count))
	}
	want := []string{"Letters and calls:1:letter:true:2", "Letters and calls:2:phone:false:2", "Soon:1:letter:false:2"}
	if !slices.Equal(got, want) {
		t.Errorf("due %v, want %v", got, want)
	}
	codes := map[string]string{}
	for _, w := range today.Warnings {
		codes[w.Code] = w.Campaign + " " + w.Params["reason"]
	}
	if codes["campaign_paused"] != "Paused holiday" {
		t.Errorf("warnings %+v", today.Warnings)
	}
	if today.Date != f.today() || today.Fulfilments == nil || today.NewResponses != 0 {
		t.Errorf("today %+v", today)
	}
	// Released, then four days later: the letters are overdue.
	if _, err := f.s.ReleaseDue(f.ctx); err != nil {
		t.Fatal(err)
	}
	f.advance(2)
	today, _ = f.s.Today(f.ctx)
	var overdue []string
	for _, w := range today.Warnings {
		if w.Code == "touch_overdue" {
			overdue = append(overdue, w.Campaign+":"+w.Params["channel"]+":"+w.Params["due"])
		}
	}
	// Four days past its date; "Soon"'s letters are two days past theirs.
	if !slices.Equal(overdue, []string{"Letters and calls:letter:2026-03-02"}) {
		t.Errorf("overdue warnings %+v", today.Warnings)
	}
	var phone *DueTouch
	for i := range today.Due {
		if today.Due[i].Channel == marketing.TouchPhone {
			phone = &today.Due[i]
		}
	}
	if phone == nil || !phone.Released || phone.Count != 2 {
		t.Errorf("phone touch %+v", phone)
	}
}

package campaign

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"directdesk/backend/marketing"
	"directdesk/backend/store"
)

// The results test walks a small campaign through its life and checks
// every figure against numbers worked out by hand (the arithmetic is in
// the comments). The plan:
//
//	45 customers in the segment, all reachable by letter, email and phone;
//	control group 10 % -> round(4.5) = 5 people, target group 40.
//	Touch 1 letter, day 0,  12.50 per letter (1250 øre)
//	Touch 2 email,  day 14,  0.50 per email  (50 øre)
//	Touch 3 phone,  day 28, 30.00 per call   (3000 øre)
//	Order value 500.00 (50000), margin 40 %, no stop rules (every touch
//	goes to all 40), attribution window 30 days.
//
// T1..T40 are the target members by id (the lowest ids are the loyal
// customers, the highest the prospects).

// rscenario is the campaign of the hand-worked example, run to day 29.
type rscenario struct {
	f       *fixture
	c       marketing.Campaign
	touches [3]int64 // letter, email, phone
	target  []int64
	control []int64
	life    map[int64]string // lifecycle at launch
	before  map[int64]int64  // order revenue in the year before launch
	codes   map[int64]string
	emails  map[int64]string
}

// scenarioPeople adds 45 customers: 1-15 loyal (4 orders of 100.00 on
// 2025-06-01), 16-30 first-time buyers (one order of 200.00), 31-45 with
// no orders (prospects by their stage).
func (f *fixture) scenarioPeople() []int64 {
	var ps []person
	for i := 1; i <= 45; i++ {
		c := addressed(fmt.Sprintf("Åse%02d", i))
		c.Email = fmt.Sprintf("p%02d@kunde.example.dk", i)
		c.Phone = fmt.Sprintf("+4520%06d", 100000+i)
		c.CustomerNo = fmt.Sprintf("K%04d", i)
		p := person{c: c, consent: map[string]string{marketing.ChannelEmail: marketing.ConsentGranted, marketing.ChannelPhone: marketing.ConsentGranted}}
		switch {
		case i <= 15:
			p.orders = []int64{10000, 10000, 10000, 10000}
		case i <= 30:
			p.orders = []int64{20000}
		}
		ps = append(ps, p)
	}
	return f.add(ps...)
}

// orderNo adds an order with a given number to the orders table.
func (f *fixture) orderNo(contactID int64, no, date string, total int64) {
	f.t.Helper()
	sess, err := f.db.BeginImport(f.ctx, &marketing.ImportBatch{Kind: marketing.ImportOrders, FileName: "shop.xlsx"}, false)
	if err != nil {
		f.t.Fatal(err)
	}
	o := marketing.Order{ContactID: contactID, OrderNo: no, Date: date, Total: marketing.Money{Minor: total, Currency: "DKK"}}
	if err := sess.CreateOrder(f.ctx, &o); err != nil {
		f.t.Fatal(err)
	}
	if err := sess.Commit(f.ctx, &marketing.ImportBatch{}); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) respond(r NewResponse) marketing.Response {
	f.t.Helper()
	out, err := f.s.AddResponse(f.ctx, r)
	if err != nil {
		f.t.Fatalf("response %+v: %v", r, err)
	}
	return out
}

// sendEmails sends a released email touch as the runner would: all rows
// reserved, failed for the contacts in fail, sent for the rest.
func (f *fixture) sendEmails(touchID int64, fail map[int64]bool) map[int64]int64 {
	f.t.Helper()
	batch, err := f.db.ReserveBatch(f.ctx, touchID, f.now, 1000, "test-boot")
	if err != nil {
		f.t.Fatal(err)
	}
	var outs []store.Outcome
	rows := map[int64]int64{}
	for _, e := range batch {
		state := marketing.OutboxSent
		if fail[e.ContactID] {
			state = marketing.OutboxHardFailed
		}
		outs = append(outs, store.Outcome{ID: e.ID, State: state, Tries: 1})
		rows[e.ContactID] = e.ID
	}
	if err := f.db.SaveOutcomes(f.ctx, outs); err != nil {
		f.t.Fatal(err)
	}
	return rows
}

func (f *fixture) bounce(outboxID int64, n int) {
	f.t.Helper()
	if _, err := f.db.RecordInbox(f.ctx, marketing.InboxEvent{AccountID: 1, UID: uint32(n), MessageID: fmt.Sprintf("<bounce%d@mx.example>", n),
		Kind: marketing.InboxBounceHard, Status: "5.1.1", OutboxID: outboxID, ReceivedAt: marketing.Timestamp(f.now)}); err != nil {
		f.t.Fatal(err)
	}
}

// writeXLSX writes rows as a workbook (the first row the header).
func writeXLSX(t *testing.T, path string, rows [][]any) {
	t.Helper()
	x := excelize.NewFile()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func newScenario(t *testing.T) *rscenario {
	f := newFixture(t)
	ids := f.scenarioPeople()
	lt := f.template(marketing.KindLetter, "Forårsbrev", "<p>Kære {{first_name}}</p>")
	et := f.template(marketing.KindEmail, "Forårsmail", "")
	acc := f.account()
	c := marketing.Campaign{Name: "Forårstilbud 2026", SegmentID: f.segment, Selection: "Everyone", ControlPct: 10,
		OrderValueMinor: 50000, MarginPct: 40, StopOn: []string{}, AttributionDays: 30, PressureDays: 30,
		Touches: []marketing.Touch{
			{Channel: marketing.TouchLetter, TemplateID: lt.ID, OffsetDays: 0, UnitCostMinor: 1250},
			{Channel: marketing.TouchEmail, TemplateID: et.ID, AccountID: acc.ID, OffsetDays: 14, UnitCostMinor: 50},
			{Channel: marketing.TouchPhone, Script: "Ring og spørg", OffsetDays: 28, UnitCostMinor: 3000},
		}}
	if err := f.s.Save(f.ctx, &c); err != nil {
		t.Fatal(err)
	}
	sc := &rscenario{f: f, life: map[int64]string{}, before: map[int64]int64{}, emails: map[int64]string{}}
	for i, id := range ids {
		sc.emails[id] = fmt.Sprintf("p%02d@kunde.example.dk", i+1)
		switch {
		case i < 15:
			sc.before[id] = 40000
		case i < 30:
			sc.before[id] = 20000
		}
	}

	// Day 0 (Monday 2 March 2026): launch; the letters are printed and posted.
	f.launch(c, ids)
	sc.c = f.get(c.ID)
	for i, tc := range sc.c.Touches {
		sc.touches[i] = tc.ID
	}
	members, err := f.db.CampaignMembers(f.ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range members {
		sc.life[m.ContactID] = m.Lifecycle
		switch m.Group {
		case marketing.GroupTarget:
			sc.target = append(sc.target, m.ContactID)
		case marketing.GroupControl:
			sc.control = append(sc.control, m.ContactID)
		}
	}
	if len(sc.target) != 40 || len(sc.control) != 5 {
		t.Fatalf("target %d, control %d; want 40 and 5", len(sc.target), len(sc.control))
	}
	// The letters' codes, as printing them makes them.
	if sc.codes, err = f.db.ResponseCodes(f.ctx, sc.c.CodeKey, sc.target); err != nil {
		t.Fatal(err)
	}
	due, err := f.s.DueIDs(f.ctx, sc.touches[0], false)
	if err != nil || len(due) != 40 {
		t.Fatalf("due letters %d %v", len(due), err)
	}
	if err := f.s.MarkPrinted(f.ctx, sc.touches[0], due); err != nil {
		t.Fatal(err)
	}
	if n, err := f.s.MarkPosted(f.ctx, sc.touches[0], nil); err != nil || n != 40 {
		t.Fatalf("posted %d %v", n, err)
	}
	T := sc.target

	// Day 5: four answer the letter. T1 and T2 order (400.00, 600.00) with
	// the code on the letter; T3 asks a question; T4 asks for a catalog.
	f.advance(5)
	f.respond(NewResponse{Code: sc.codes[T[0]], Kind: marketing.ResponseOrder, ValueMinor: 40000})
	f.respond(NewResponse{Code: strings.ToLower(sc.codes[T[1]]), Kind: marketing.ResponseOrder, ValueMinor: 60000})
	f.respond(NewResponse{CampaignID: c.ID, ContactID: T[2], Kind: marketing.ResponseInquiry})
	f.respond(NewResponse{CampaignID: c.ID, ContactID: T[3], Kind: marketing.ResponseRequest, Fulfil: marketing.FulfilCatalog})

	// Day 7: the catalog goes out (2 days after the request).
	f.advance(2)
	tasks, err := f.s.Fulfilments(f.ctx, false, 10)
	if err != nil || len(tasks) != 1 {
		t.Fatalf("tasks %v %v", tasks, err)
	}
	if err := f.s.CompleteFulfilment(f.ctx, tasks[0].ID, true); err != nil {
		t.Fatal(err)
	}

	// Day 12: T36, who had never bought, buys in the shop (350.00, orders
	// table only): a prospect at launch, a first-time buyer now.
	f.advance(5)
	f.order(T[35], "2026-03-14", 35000)

	// Day 14: the email. T40's message is refused by the server; T38 and
	// T39 bounce later.
	f.advance(2)
	if _, err := f.s.ReleaseDue(f.ctx); err != nil {
		t.Fatal(err)
	}
	rows := f.sendEmails(sc.touches[1], map[int64]bool{T[39]: true})
	if len(rows) != 40 {
		t.Fatalf("%d emails reserved", len(rows))
	}
	f.bounce(rows[T[37]], 1)
	f.bounce(rows[T[38]], 2)

	// Day 15: the web site's log: T1 clicks the email's link, T1 and T3
	// load its picture.
	f.advance(1)
	logPath := filepath.Join(t.TempDir(), "access.log")
	logAt := f.now.UTC().Format("02/Jan/2006:15:04:05 -0700")
	lines := []string{
		`203.0.113.5 - - [` + logAt + `] "GET /tilbud?dd=` + sc.codes[T[0]] + `&utm_content=touch2 HTTP/1.1" 200 5120 "-" "Mozilla/5.0"`,
		`203.0.113.5 - - [` + logAt + `] "GET /t/p.gif?dd=` + sc.codes[T[0]] + `&t=2 HTTP/1.1" 200 43 "-" "Mozilla/5.0"`,
		`198.51.100.7 - - [` + logAt + `] "GET /t/p.gif?dd=` + sc.codes[T[2]] + `&t=2 HTTP/1.1" 304 0 "-" "GoogleImageProxy"`,
		`198.51.100.7 - - [` + logAt + `] "GET /index.html HTTP/1.1" 200 900 "-" "Mozilla/5.0"`,
	}
	if err := os.WriteFile(logPath, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if res, err := f.s.ImportAccessLog(f.ctx, logPath, nil); err != nil || res.Added != 3 {
		t.Fatalf("access log %+v %v", res, err)
	}

	// Day 16: T1 orders again by code (100.00, counted for the email);
	// the shop's order list brings T5 (300.00, order A-1001) and T6
	// (200.00, A-1002) by their email addresses. T5's order is also in the
	// orders table: counted once in the uplift's revenue.
	f.advance(1)
	f.respond(NewResponse{Code: sc.codes[T[0]], Kind: marketing.ResponseOrder, ValueMinor: 10000, Ref: "WEB-77"})
	f.orderNo(T[4], "A-1001", "2026-03-18", 30000)
	file := filepath.Join(t.TempDir(), "ordrer.xlsx")
	writeXLSX(t, file, [][]any{
		{"Ordrenr.", "Dato", "E-mail", "Beløb"},
		{"A-1001", "18.03.2026", sc.emails[T[4]], "300,00"},
		{"A-1002", "18.03.2026", strings.ToUpper(sc.emails[T[5]]), "200,00"},
	})
	p, err := f.s.PreviewResponseFile(f.ctx, file)
	if err != nil {
		t.Fatal(err)
	}
	p.Mapping.CampaignID = c.ID
	if res, err := f.s.ImportResponses(f.ctx, file, p.Mapping, nil); err != nil || res.Added != 2 {
		t.Fatalf("import %+v %v", res, err)
	}

	// Day 28: the calls. 30 people are reached, 10 do not answer. T7
	// orders on the phone (500.00); T8 says no more.
	f.advance(12)
	if _, err := f.s.ReleaseDue(f.ctx); err != nil {
		t.Fatal(err)
	}
	calls := f.work(sc.touches[2])
	if len(calls) != 40 {
		t.Fatalf("%d calls", len(calls))
	}
	noAnswer := map[int64]bool{}
	for _, id := range T[30:40] {
		noAnswer[id] = true
	}
	for _, w := range calls {
		out := marketing.CallReached
		if noAnswer[w.ContactID] {
			out = marketing.CallNoAnswer
		}
		if err := f.s.RecordCall(f.ctx, CallOutcome{WorkID: w.ID, Outcome: out}); err != nil {
			t.Fatal(err)
		}
	}
	f.now = f.now.Add(time.Minute)
	f.respond(NewResponse{CampaignID: c.ID, ContactID: T[6], Kind: marketing.ResponseOrder, Source: marketing.SourcePhone, ValueMinor: 50000})
	f.respond(NewResponse{CampaignID: c.ID, ContactID: T[7], Kind: marketing.ResponseOptOut, Source: marketing.SourcePhone})
	f.advance(1)
	return sc
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestResultsHandComputed(t *testing.T) {
	sc := newScenario(t)
	f := sc.f
	r, err := f.s.Results(f.ctx, sc.c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Touches) != 3 {
		t.Fatalf("%d touch lines", len(r.Touches))
	}
	type want struct {
		recipients, sent, bounced, delivered, responses, orders, clicks, opens int
		revenue, cost, cpr, cpo, profit                                        int64
		rate, orderRate, roi, breakEven                                        float64
	}
	check := func(name string, l marketing.ResultLine, w want) {
		t.Helper()
		got := want{l.Recipients, l.Sent, l.Bounced, l.Delivered, l.Responses, l.Orders, l.Clicks, l.Opens,
			l.RevenueMinor, l.CostMinor, l.CostPerResponseMinor, l.CostPerOrderMinor, l.ProfitMinor,
			l.ResponseRate, l.OrderRate, l.ROI, l.BreakEvenRate}
		if got.recipients != w.recipients || got.sent != w.sent || got.bounced != w.bounced || got.delivered != w.delivered ||
			got.responses != w.responses || got.orders != w.orders || got.clicks != w.clicks || got.opens != w.opens ||
			got.revenue != w.revenue || got.cost != w.cost || got.cpr != w.cpr || got.cpo != w.cpo || got.profit != w.profit ||
			!near(got.rate, w.rate) || !near(got.orderRate, w.orderRate) || !near(got.roi, w.roi) || !near(got.breakEven, w.breakEven) {
			t.Errorf("%s:\n got %+v\nwant %+v", name, got, w)
		}
	}
	// Touch 1, letter: 40 posted at 12.50 = 500.00. Responses T1 T2 T3 T4
	// (4 people), orders T1 T2 = 400 + 600 = 1,000.00.
	// rate 4/40 = 0.1; orders 2/40 = 0.05; cost per response 50000/4 =
	// 12500; per order 50000/2 = 25000; gross margin 100000 x 40 % =
	// 40000; profit 40000 - 50000 = -10000; ROI -10000/50000 = -0.2;
	// break-even: cost per delivered 50000/40 = 1250 against a margin per
	// response of 50000 x 40 % = 20000 -> 0.0625.
	check("letter", r.Touches[0], want{40, 40, 0, 40, 4, 2, 0, 0, 100000, 50000, 12500, 25000, -10000, 0.1, 0.05, -0.2, 0.0625})
	// Touch 2, email: 40 went to the server (39 sent, 1 refused), 2 of the
	// sent bounced: sent 40, bounced 3, delivered 37; cost 40 x 0.50 =
	// 20.00. Responses T1 (second order, 100.00), T5 (300.00), T6
	// (200.00): 3 people, 3 orders, 600.00. Rate 3/37; cost per response
	// 2000/3 = 666.67 -> 667; gross 60000 x 40 % = 24000; profit 22000;
	// ROI 22000/2000 = 11; break-even: 2000/37 = 54.05 -> 54 per
	// delivered / 20000 = 0.0027. One click (T1), two pictures (T1, T3).
	check("email", r.Touches[1], want{40, 40, 3, 37, 3, 3, 1, 2, 60000, 2000, 667, 667, 22000, 3.0 / 37, 3.0 / 37, 11, 0.0027})
	// Touch 3, phone: 40 on the list, 30 reached (done) at 30.00 = 900.00.
	// T7 orders 500.00; T8's opt-out is no response. Rate 1/30; gross
	// 20000; profit -70000; ROI -70000/90000; break-even 90000/30 = 3000
	// / 20000 = 0.15.
	check("phone", r.Touches[2], want{40, 30, 0, 30, 1, 1, 0, 0, 50000, 90000, 90000, 90000, -70000, 1.0 / 30, 1.0 / 30, -70000.0 / 90000, 0.15})
	// Total: 40 target members, all reached by the letter. Sent 40 + 40 +
	// 30 = 110, bounced 3. Cost 50000 + 2000 + 90000 = 142000. People who
	// responded: T1..T7 = 7; orders 2 + 3 + 1 = 6; revenue 100000 + 60000
	// + 50000 = 210000. Rate 7/40 = 0.175; orders 6/40 = 0.15; cost per
	// response 142000/7 = 20285.7 -> 20286; per order 142000/6 = 23666.7
	// -> 23667; gross 84000; profit -58000; ROI -58000/142000; break-even
	// 142000/40 = 3550 / 20000 = 0.1775.
	check("total", r.Totals, want{40, 110, 3, 40, 7, 6, 1, 2, 210000, 142000, 20286, 23667, -58000, 0.175, 0.15, -58000.0 / 142000, 0.1775})

	// Channels: one touch each, so the same figures (people = rows here).
	if len(r.Channels) != 3 || r.Channels[0].Key != "channel:letter" || r.Channels[1].Key != "channel:email" || r.Channels[2].Key != "channel:phone" {
		t.Fatalf("channels %+v", r.Channels)
	}
	check("channel letter", r.Channels[0], want{40, 40, 0, 40, 4, 2, 0, 0, 100000, 50000, 12500, 25000, -10000, 0.1, 0.05, -0.2, 0.0625})
	check("channel email", r.Channels[1], want{40, 40, 3, 37, 3, 3, 1, 2, 60000, 2000, 667, 667, 22000, 3.0 / 37, 3.0 / 37, 11, 0.0027})

	// The follow-up curve: orders 2, 3, 1 of 6 -> 2/6, 5/6, 6/6.
	shares := []float64{2.0 / 6, 5.0 / 6, 1}
	for i, p := range r.FollowUp {
		if p.Seq != i+1 || !near(p.CumulativeShare, shares[i]) {
			t.Errorf("follow-up %d: %+v, want share %v", i, p, shares[i])
		}
	}
	if len(r.FollowUp) != 3 || r.FollowUp[1].Orders != 3 || r.FollowUp[1].RevenueMinor != 60000 {
		t.Errorf("follow-up %+v", r.FollowUp)
	}

	// Uplift: target buyers since launch = T1 T2 T5 T6 T7 (order
	// responses) + T36 (shop order) = 6 of 40 = 0.15; control 0 of 5.
	// Expected yes-counts in the control group 6 x 5/45 = 0.67 < 5, so
	// Fisher's exact test. The observed table [[6,34],[0,5]] is the most
	// likely of all tables with these margins (P = C(40,6)C(5,0)/C(45,6) =
	// 0.4713 > P(5) = 0.4039 > ...), so every table counts: p = 1 ->
	// not_shown. Wald 95 %: se = sqrt(0.15 x 0.85 / 40) = 0.056458;
	// 0.15 -/+ 1.96 x se = 0.039344 .. 0.260656.
	u := r.Uplift
	if !u.Measured || u.TargetN != 40 || u.TargetBuyers != 6 || u.ControlN != 5 || u.ControlBuyers != 0 ||
		!near(u.TargetRate, 0.15) || u.ControlRate != 0 || !near(u.Uplift, 0.15) || u.Test != "fisher" || u.P < 0.9999999 ||
		u.Verdict != "not_shown" || math.Abs(u.Low-0.039344453410764244) > 1e-9 || math.Abs(u.High-0.26065554658923573) > 1e-9 {
		t.Errorf("uplift %+v", u)
	}
	// Revenue since launch, target: shop orders 35000 (T36) + 30000 (T5,
	// A-1001) + order responses not in the shop's list 40000 + 10000 (T1)
	// + 60000 (T2) + 20000 (T6) + 50000 (T7) = 245000 -> 6125 per person;
	// control 0; the campaign added (6125 - 0) x 40 = 245000.
	if u.TargetRevenuePerPersonMinor != 6125 || u.ControlRevenuePerPersonMinor != 0 || u.IncrementalRevenueMinor != 245000 {
		t.Errorf("uplift revenue %+v", u)
	}

	// LTV: the year before launch, each loyal customer bought 4 x 100.00,
	// each first-time buyer 200.00 (all on 2025-06-01).
	var before, ctlBefore int64
	for _, id := range sc.target {
		before += sc.before[id]
	}
	for _, id := range sc.control {
		ctlBefore += sc.before[id]
	}
	if r.LTV.TargetBeforeMinor != int64(math.Round(float64(before)/40)) || r.LTV.ControlBeforeMinor != int64(math.Round(float64(ctlBefore)/5)) ||
		r.LTV.TargetSinceMinor != 6125 || r.LTV.TargetLifetimeMinor != int64(math.Round(float64(before+245000)/40)) || r.LTV.SinceDays != 29 {
		t.Errorf("ltv %+v (before %d, control %d)", r.LTV, before, ctlBefore)
	}

	// Segments: the lifecycle at launch of each target member; T1..T9 are
	// the lowest ids, so loyal ones (ids 1-15 of the 45).
	seg := map[string]marketing.ResultLine{}
	sum := 0
	for _, l := range r.Segments {
		seg[l.Key] = l
		sum += l.Recipients
	}
	if sum != 40 {
		t.Errorf("segments hold %d people: %+v", sum, r.Segments)
	}
	wantSeg := map[string]int{}
	for _, id := range sc.target {
		wantSeg[sc.life[id]]++
	}
	for st, n := range wantSeg {
		if seg["segment:"+st].Recipients != n {
			t.Errorf("segment %s: %d people, want %d", st, seg["segment:"+st].Recipients, n)
		}
	}
	responders := map[string]int{}
	for _, id := range sc.target[:7] {
		responders[sc.life[id]]++
	}
	for st, n := range responders {
		if seg["segment:"+st].Responses != n {
			t.Errorf("segment %s: %d responders, want %d", st, seg["segment:"+st].Responses, n)
		}
	}

	// Lifecycle moves: every target member once; T36 went from prospect
	// to first-time buyer, T5 (loyal, one more order) stays loyal.
	moved, firstBuy := 0, 0
	for _, m := range r.Lifecycle {
		moved += m.Count
		if m.From == "prospect" && m.To == "firstTime" {
			firstBuy = m.Count
		}
	}
	if moved != 40 || firstBuy != 1 {
		t.Errorf("lifecycle moves count %d people, %d first buys: %+v", moved, firstBuy, r.Lifecycle)
	}
	// Every responder T1..T7 was loyal at launch (ids 1-15).
	if l := seg["segment:loyal"]; l.Responses != 7 || !near(l.ResponseRate, 7/float64(wantSeg["loyal"])) {
		t.Errorf("loyal segment %+v", l)
	}

	// Daily: day 5 (7 March) 4 people, 2 orders, 1,000.00; day 16
	// (18 March) 3 people, 3 orders, 600.00; day 28 (30 March): T7's
	// order (T8's opt-out is no response).
	wantDaily := []marketing.DailyPoint{{Date: "2026-03-07", Responses: 4, Orders: 2, RevenueMinor: 100000},
		{Date: "2026-03-18", Responses: 3, Orders: 3, RevenueMinor: 60000}, {Date: "2026-03-30", Responses: 1, Orders: 1, RevenueMinor: 50000}}
	if fmt.Sprint(r.Daily) != fmt.Sprint(wantDaily) {
		t.Errorf("daily %+v\nwant %+v", r.Daily, wantDaily)
	}

	// Fulfilment: one catalog, asked on day 5, sent on day 7: 2 days.
	if r.OpenFulfilments != 0 || r.FulfilmentDays != 2 {
		t.Errorf("fulfilment %d open, %v days", r.OpenFulfilments, r.FulfilmentDays)
	}

	// The findings: the uplift in words, break-even not reached (0.175 <
	// 0.1775), the letter worked best (0.1 > 3/37 > 1/30).
	codes := map[string]marketing.Finding{}
	for _, fd := range r.Findings {
		codes[fd.Code] = fd
	}
	if fd := codes["uplift"]; fd.Text != "15.0 % against 0.0 %: no real effect shown yet, p = 1.00." || fd.Params["verdict"] != "not_shown" {
		t.Errorf("uplift finding %+v", fd)
	}
	if fd := codes["break_even"]; fd.Params["state"] != "not_yet" || fd.Params["breakEven"] != "0.1775" {
		t.Errorf("break-even finding %+v", fd)
	}
	if fd := codes["best_touch"]; fd.Params["seq"] != "1" || fd.Params["channel"] != "letter" {
		t.Errorf("best touch %+v", fd)
	}
	if _, ok := codes["after_fifth"]; ok {
		t.Errorf("after_fifth with 3 touches")
	}
}

func TestResultsOfACampaignWithoutResponses(t *testing.T) {
	f := newFixture(t)
	ids := f.add(person{c: addressed("Ole")}, person{c: addressed("Mette")})
	lt := f.template(marketing.KindLetter, "Brev", "<p>Hej</p>")
	c := f.draft("Stille", letter(lt, 0))
	r, err := f.s.Results(f.ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	// A draft: nothing sent, nothing to divide by; every list is empty, not null.
	if r.Totals.Sent != 0 || r.Totals.ResponseRate != 0 || r.Totals.ROI != 0 || r.Uplift.Measured || r.Findings == nil || r.Daily == nil || r.Lifecycle == nil {
		t.Errorf("draft results %+v", r)
	}
	f.launch(c, ids)
	due, _ := f.s.DueIDs(f.ctx, c.Touches[0].ID, false)
	if err := f.s.MarkPrinted(f.ctx, c.Touches[0].ID, due); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.MarkPosted(f.ctx, c.Touches[0].ID, nil); err != nil {
		t.Fatal(err)
	}
	r, err = f.s.Results(f.ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	// 2 letters at 10.00; no margin given: profit = revenue - cost =
	// -2000, ROI -1; break-even unknown (0).
	if r.Totals.Delivered != 2 || r.Totals.CostMinor != 2000 || r.Totals.ProfitMinor != -2000 || r.Totals.ROI != -1 || r.Totals.BreakEvenRate != 0 ||
		r.Totals.CostPerResponseMinor != 0 {
		t.Errorf("totals %+v", r.Totals)
	}
	if len(r.Findings) != 1 || r.Findings[0].Code != "no_responses" {
		t.Errorf("findings %+v", r.Findings)
	}
	if _, err := f.s.Results(f.ctx, 9999); marketing.ErrorCode(err) != marketing.ENotFound {
		t.Errorf("unknown campaign: %v", err)
	}
}

// TestFollowUpAfterTheFifthTouch: seven touches, orders 1, 1, 0, 1, 1, 3,
// 3 (10 in all): 4 of 10 up to the 5th touch, so 60 % came after it.
// Without orders the curve follows the revenue.
func TestFollowUpAfterTheFifthTouch(t *testing.T) {
	f := &store.ResultFacts{Campaign: store.ResultCampaign{ID: 1, Name: "Lang", Status: marketing.CampaignRunning, LaunchedAt: "2026-01-05T09:00:00Z"},
		ByTouch: map[int64]*store.ResultCounts{}, BySegment: map[string]*store.ResultCounts{}, ByChannel: map[string]*store.ResultCounts{},
		Daily: []marketing.DailyPoint{}, Lifecycle: []marketing.LifecycleMove{}}
	orders := []int{1, 1, 0, 1, 1, 3, 3}
	for i, n := range orders {
		id := int64(i + 1)
		f.Touches = append(f.Touches, store.ResultTouch{ID: id, Seq: i + 1, Channel: marketing.TouchLetter, OffsetDays: 14 * i})
		f.ByTouch[id] = &store.ResultCounts{Listed: 100, Sent: 100, Delivered: 100, People: 100, Responders: n, Orders: n, RevenueMinor: int64(n) * 1000}
		f.Total.Orders += n
		f.Total.Responders += n
		f.Total.RevenueMinor += int64(n) * 1000
	}
	f.Total.Members, f.Total.Delivered = 100, 100
	r := buildResults(f, time.Date(2026, 4, 1, 12, 0, 0, 0, time.UTC))
	want := []float64{0.1, 0.2, 0.2, 0.3, 0.4, 0.7, 1}
	for i, p := range r.FollowUp {
		if !near(p.CumulativeShare, want[i]) {
			t.Errorf("touch %d: share %v, want %v", i+1, p.CumulativeShare, want[i])
		}
	}
	var after marketing.Finding
	for _, fd := range r.Findings {
		if fd.Code == "after_fifth" {
			after = fd
		}
	}
	if after.Params["share"] != "0.6" || after.Params["basis"] != "orders" || after.Text != "60.0 % of the orders came after the 5th touch." {
		t.Errorf("after the fifth: %+v", after)
	}
	// Touch 7's due day: start (the launch day) + 84 days.
	if r.Touches[6].Due != "2026-03-30" {
		t.Errorf("due %s", r.Touches[6].Due)
	}
	if got := reportLang("da").finding(findingLike(after)); got != "60,0\u00a0% af ordrerne kom efter 5. trin." {
		t.Errorf("in Danish: %q", got)
	}

	// No orders, only revenue (values of other responses): by revenue.
	for _, c := range f.ByTouch {
		c.Orders = 0
	}
	f.Total.Orders = 0
	r = buildResults(f, time.Date(2026, 4, 1, 12, 0, 0, 0, time.UTC))
	if !near(r.FollowUp[4].CumulativeShare, 0.4) {
		t.Errorf("by revenue: %+v", r.FollowUp)
	}
	for _, fd := range r.Findings {
		if fd.Code == "after_fifth" && fd.Params["basis"] != "revenue" {
			t.Errorf("basis %+v", fd)
		}
	}
}

func TestReportWords(t *testing.T) {
	// Every language has every word English has.
	for lang, m := range reportWords {
		for k := range reportWords["en"] {
			if m[k] == "" {
				t.Errorf("%s lacks %q", lang, k)
			}
		}
	}
	for _, c := range []struct {
		lang        string
		money, rate string
	}{
		{"en", "-1,234,567.05", "1,234.5\u00a0%"},
		{"da", "-1.234.567,05", "1.234,5\u00a0%"},
		{"sv", "-1\u00a0234\u00a0567,05", "1\u00a0234,5\u00a0%"},
		{"nb-NO", "-1\u00a0234\u00a0567,05", "1\u00a0234,5\u00a0%"},
		{"ru", "-1\u00a0234\u00a0567,05", "1\u00a0234,5\u00a0%"},
		{"de", "-1,234,567.05", "1,234.5\u00a0%"},
	} {
		w := reportLang(c.lang)
		if got := w.money(-123456705); got != c.money {
			t.Errorf("%s money %q", c.lang, got)
		}
		if got := w.pct(12.345); got != c.rate {
			t.Errorf("%s rate %q", c.lang, got)
		}
	}
	// A real effect downwards is said as one.
	if got := reportLang("en").verdict("likely", -0.02); got != "likely really lower" {
		t.Errorf("lower: %q", got)
	}
	if got := reportLang("ru").verdict("not_shown", -0.02); got != "реальный эффект пока не показан" {
		t.Errorf("not shown: %q", got)
	}
	if got := reportLang("en").money(5); got != "0.05" {
		t.Errorf("five øre: %q", got)
	}
}

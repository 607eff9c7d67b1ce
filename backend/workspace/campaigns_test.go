package workspace_test

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"directdesk/backend/campaign"
	"directdesk/backend/marketing"
	"directdesk/backend/segment"
	"directdesk/backend/stats"
	"directdesk/backend/workspace"
)

// TestCampaignEndToEnd is the scenario on the real backend: a demo
// workspace, a campaign of three touches (letter, email, phone) with a
// 10 % control group, the print queue and its PDFs, email to a loopback
// SMTP server, calls with outcomes, redeemed codes (a typo caught), an
// imported order file (imported twice), and results equal to the figures
// worked out here by hand from what the test did.
func TestCampaignEndToEnd(t *testing.T) {
	ws := emailWorkspace(t)
	ctx := context.Background()
	sink := startSink(t)
	_, portS, _ := net.SplitHostPort(sink.addr)
	port, _ := strconv.Atoi(portS)
	acct, err := ws.SaveMailAccount(ctx, localAccount(port), "")
	if err != nil {
		t.Fatal(err)
	}
	st, err := ws.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st.Business = marketing.BusinessProfile{Name: "Blomsterhuset", Street: "Nørregade 7", Postcode: "8000", City: "Aarhus C", Country: "DK", Email: "shop@blomster.example.dk"}
	if _, err := ws.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	if err := ws.LoadDemo(ctx, 300, nil); err != nil {
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
	seg := segment.Saved{Name: "Alle kunder", Kind: segment.Frozen}
	if err := ws.DB.FreezeSegment(ctx, &seg, ids); err != nil {
		t.Fatal(err)
	}
	letters, _ := ws.Templates(ctx, marketing.KindLetter)
	labels, _ := ws.Templates(ctx, marketing.KindLabels)
	emails, _ := ws.Templates(ctx, marketing.KindEmail)
	if len(letters) == 0 || len(labels) == 0 || len(emails) == 0 {
		t.Fatal("starter templates missing")
	}
	const letterCost, emailCost, callCost = 1200, 10, 2500
	c := marketing.Campaign{Name: "Vårkampanje", Goal: "Sell the spring range", Currency: "DKK", SegmentID: seg.ID, Selection: seg.Name,
		ControlPct: 10, OrderValueMinor: 50000, MarginPct: 40, StopOn: []string{marketing.StopResponse, marketing.StopPurchase, marketing.StopOptOut},
		AttributionDays: 30, PressureDays: 30,
		Touches: []marketing.Touch{
			{Channel: marketing.TouchLetter, TemplateID: letters[0].ID, LabelTemplateID: labels[0].ID, UnitCostMinor: letterCost, ExpectedRate: 0.02},
			{Channel: marketing.TouchEmail, TemplateID: emails[0].ID, AccountID: acct.ID, UnitCostMinor: emailCost, ExpectedRate: 0.01},
			{Channel: marketing.TouchPhone, Script: "Hej {{first_name}}, vi ringer om forårstilbuddet.", UnitCostMinor: callCost, ExpectedRate: 0.05},
		}}
	svc := ws.Campaigns()
	if err := svc.Save(ctx, &c); err != nil {
		t.Fatal(err)
	}
	pf, err := ws.CampaignPreflight(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	excluded := 0
	for _, x := range pf.Exclusions {
		excluded += x.Count
	}
	if pf.Segment != len(ids) || pf.Target+pf.Control+excluded != len(ids) || len(pf.Problems) != 0 {
		t.Fatalf("preflight: segment %d target %d control %d excluded %d problems %v", pf.Segment, pf.Target, pf.Control, excluded, pf.Problems)
	}

	done := make(chan workspace.MailingStatus, 100)
	ws.Sending.OnStatus = func(st workspace.MailingStatus) {
		if !st.Active {
			select {
			case done <- st:
			default:
			}
		}
	}
	if _, err := ws.LaunchCampaign(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if c, err = svc.Get(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if c.Status != marketing.CampaignRunning {
		t.Fatalf("status after launch %s", c.Status)
	}
	members, err := ws.DB.CampaignMembers(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	group := map[int64]string{}
	counts := map[string]int{}
	for _, m := range members {
		group[m.ContactID] = m.Group
		counts[m.Group]++
	}
	eligible := counts[marketing.GroupTarget] + counts[marketing.GroupControl]
	if want := (eligible*10 + 50) / 100; counts[marketing.GroupControl] != want || counts[marketing.GroupTarget] != pf.Target {
		t.Fatalf("groups %v, control should be %d, preflight target %d", counts, want, pf.Target)
	}
	letterT, emailT, phoneT := c.Touches[0], c.Touches[1], c.Touches[2]

	// Email: every reachable target member gets exactly one message.
	var ms workspace.MailingStatus
	select {
	case ms = <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("the email touch did not finish")
	}
	emailSent := ms.Counts[marketing.OutboxSent]
	got := sink.received()
	perAddr := map[string]int{}
	for _, m := range got {
		perAddr[m.to]++
		if perAddr[m.to] > 1 {
			t.Fatalf("%s got two messages", m.to)
		}
	}
	if emailSent == 0 || len(got) != emailSent {
		t.Fatalf("email: %d sent, %d received", emailSent, len(got))
	}
	// The touch is done, so it reads as finished while the campaign runs on.
	deadline := time.Now().Add(10 * time.Second)
	for {
		st, err := ws.Sending.Status(ctx, emailT.ID)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mailing.Status == marketing.CampaignFinished && st.Mailing.FinishedAt != "" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("email touch status %s after it was done", st.Mailing.Status)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if cp, _ := svc.Get(ctx, c.ID); cp.Status != marketing.CampaignRunning {
		t.Fatalf("the campaign is %s after its email touch", cp.Status)
	}
	// Control group members got nothing.
	emailPage, err := svc.Work(ctx, campaign.WorkQuery{TouchID: emailT.ID, Limit: 1})
	if err == nil && emailPage.Total > 0 {
		t.Log("email touch has work rows", emailPage.Total)
	}

	// Touches are timed to the second; the letters go out after the email
	// (as they would days later), so responses count for the right one.
	time.Sleep(1100 * time.Millisecond)
	// Letters: print (letters and labels), then mark as posted.
	dir := t.TempDir()
	pr, err := ws.PrintTouch(ctx, workspace.PrintTouchRequest{TouchID: letterT.ID, Output: marketing.OutputCombined, Labels: true, Path: filepath.Join(dir, "breve.pdf")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(pr.Letters.Path); err != nil || fi.Size() < 1000 || pr.Letters.Pages < pr.Letters.Recipients {
		t.Fatalf("letters PDF %v %+v", err, pr.Letters)
	}
	if pr.Labels == nil {
		t.Fatal("no labels printed")
	}
	if _, err := os.Stat(pr.Labels.Path); err != nil {
		t.Fatal(err)
	}
	if pg, err := svc.Work(ctx, campaign.WorkQuery{TouchID: letterT.ID, Limit: 1}); err != nil || pg.Counts["printed"] != pr.Letters.Recipients || pg.Total != pg.Counts[marketing.WorkDue]+pg.Counts[marketing.WorkSkipped] {
		t.Fatalf("printed, not posted: %v %v", pg.Counts, err)
	}
	posted, err := svc.MarkPosted(ctx, letterT.ID, nil)
	if err != nil || posted != pr.Letters.Recipients {
		t.Fatalf("posted %d of %d printed: %v", posted, pr.Letters.Recipients, err)
	}
	if again, _ := svc.DueIDs(ctx, letterT.ID, false); len(again) != 0 {
		t.Fatalf("%d letters still to print after posting", len(again))
	}
	letterPage, err := svc.Work(ctx, campaign.WorkQuery{TouchID: letterT.ID, State: marketing.WorkDone, Limit: 500})
	if err != nil || letterPage.Total != posted {
		t.Fatalf("letter work %d, posted %d: %v", letterPage.Total, posted, err)
	}

	time.Sleep(1100 * time.Millisecond)
	// Calls: 3 orders of 300.00, 2 interested, 1 refused, 1 no answer.
	used := map[int64]bool{}
	callPage, err := svc.Work(ctx, campaign.WorkQuery{TouchID: phoneT.ID, State: marketing.WorkDue, Limit: 500})
	if err != nil || len(callPage.Items) < 10 {
		t.Fatalf("call list %d: %v", len(callPage.Items), err)
	}
	outcomes := []string{marketing.CallOrder, marketing.CallOrder, marketing.CallOrder, marketing.CallInterested, marketing.CallInterested, marketing.CallRefused, marketing.CallNoAnswer}
	called := 0
	for i, o := range outcomes {
		it := callPage.Items[i]
		val := int64(0)
		if o == marketing.CallOrder {
			val = 30000
		}
		if err := svc.RecordCall(ctx, campaign.CallOutcome{WorkID: it.ID, Outcome: o, ValueMinor: val}); err != nil {
			t.Fatal(o, err)
		}
		used[it.ContactID] = true
		if o != marketing.CallNoAnswer {
			called++
		}
	}

	// Redeem: three letter codes with an order of 250.00, two as coupons;
	// a typo in a code is caught by its check character.
	var codes []string
	var codePeople []int64
	for _, it := range letterPage.Items {
		if !used[it.ContactID] && it.ResponseCode != "" && len(codes) < 5 {
			codes = append(codes, it.ResponseCode)
			codePeople = append(codePeople, it.ContactID)
			used[it.ContactID] = true
		}
	}
	if len(codes) != 5 {
		t.Fatalf("only %d letter codes", len(codes))
	}
	typo := []byte(codes[0])
	for i := len(typo) - 1; i >= 0; i-- {
		if typo[i] != '-' {
			if typo[i] == 'A' {
				typo[i] = 'B'
			} else {
				typo[i] = 'A'
			}
			break
		}
	}
	if _, err := svc.Redeem(ctx, string(typo)); marketing.ErrorCode(err) != marketing.EInvalid {
		t.Fatalf("a typo was not caught: %v", err)
	}
	for i, code := range codes {
		red, err := svc.Redeem(ctx, code)
		if err != nil || red.CampaignID != c.ID || red.ContactID != codePeople[i] || red.Group != marketing.GroupTarget {
			t.Fatalf("redeem %s: %+v %v", code, red, err)
		}
		r := campaign.NewResponse{Code: code, Kind: marketing.ResponseCoupon, Source: marketing.SourceRedeem}
		if i < 3 {
			r.Kind, r.ValueMinor = marketing.ResponseOrder, 25000
		}
		if _, err := svc.AddResponse(ctx, r); err != nil {
			t.Fatal(err)
		}
	}

	// Import an order file: two target members and two control members by
	// email (100.00 and 200.00 each), one unknown address.
	var importTarget, importControl []marketing.Contact
	for _, ct := range page.Items {
		if ct.Email == "" || used[ct.ID] {
			continue
		}
		switch {
		case group[ct.ID] == marketing.GroupTarget && len(importTarget) < 2:
			importTarget = append(importTarget, ct)
			used[ct.ID] = true
		case group[ct.ID] == marketing.GroupControl && len(importControl) < 2:
			importControl = append(importControl, ct)
			used[ct.ID] = true
		}
	}
	if len(importTarget) != 2 || len(importControl) != 2 {
		t.Fatalf("import people %d %d", len(importTarget), len(importControl))
	}
	file := filepath.Join(dir, "ordrer.xlsx")
	x := excelize.NewFile()
	rows := [][]any{{"Ordrenr", "E-mail", "Beløb"}}
	for i, ct := range importTarget {
		rows = append(rows, []any{"W-10" + strconv.Itoa(i), ct.Email, "100,00"})
	}
	for i, ct := range importControl {
		rows = append(rows, []any{"W-20" + strconv.Itoa(i), ct.Email, "200,00"})
	}
	rows = append(rows, []any{"W-999", "stranger@example.invalid", "50,00"})
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := x.SaveAs(file); err != nil {
		t.Fatal(err)
	}
	prev, err := svc.PreviewResponseFile(ctx, file)
	if err != nil {
		t.Fatal(err)
	}
	m := prev.Mapping
	if m.Email != 1 || m.OrderNo != 0 || m.Value != 2 {
		t.Fatalf("guessed mapping %+v", m)
	}
	m.CampaignID, m.Kind = c.ID, marketing.ResponseOrder
	imp, err := svc.ImportResponses(ctx, file, m, nil)
	if err != nil || imp.Added != 4 || imp.Unmatched != 1 || imp.ValueMinor != 60000 {
		t.Fatalf("import %+v %v", imp, err)
	}
	if imp, err = svc.ImportResponses(ctx, file, m, nil); err != nil || imp.Added != 0 || imp.Duplicates != 4 {
		t.Fatalf("second import %+v %v", imp, err)
	}

	// The figures by hand.
	r, err := svc.Results(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	wantCost := int64(posted*letterCost + emailSent*emailCost + called*callCost)
	// Target responses: 3 orders + 2 interested by phone (the refusal is
	// no response), 5 redeemed codes, 2 imported orders.
	wantResponses := 3 + 2 + 5 + 2
	wantOrders := 3 + 3 + 2
	wantRevenue := int64(3*30000 + 3*25000 + 2*10000)
	tot := r.Totals
	if tot.CostMinor != wantCost || tot.Responses != wantResponses || tot.Orders != wantOrders || tot.RevenueMinor != wantRevenue {
		t.Fatalf("totals: cost %d (want %d), responses %d (%d), orders %d (%d), revenue %d (%d)",
			tot.CostMinor, wantCost, tot.Responses, wantResponses, tot.Orders, wantOrders, tot.RevenueMinor, wantRevenue)
	}
	if tot.CostPerResponseMinor != wantCost/int64(wantResponses) && tot.CostPerResponseMinor != (wantCost+int64(wantResponses)/2)/int64(wantResponses) {
		t.Errorf("cost per response %d, want %d", tot.CostPerResponseMinor, wantCost/int64(wantResponses))
	}
	wantProfit := wantRevenue*40/100 - wantCost
	if tot.ProfitMinor != wantProfit {
		t.Errorf("profit %d, want %d", tot.ProfitMinor, wantProfit)
	}
	if roi := float64(wantProfit) / float64(wantCost); abs(tot.ROI-roi) > 1e-9 {
		t.Errorf("ROI %v, want %v", tot.ROI, roi)
	}
	// Per touch: letters sent = posted, email = sent, phone = calls with
	// an outcome; the phone touch has the 5 phone responses (the last touch
	// those people got), the letter touch the 5 redeemed and 2 imported
	// (letters were posted after the email went out).
	byTouch := map[int]marketing.ResultLine{}
	for _, l := range r.Touches {
		byTouch[l.Seq] = l
	}
	if l := byTouch[letterT.Seq]; l.Sent != posted || l.CostMinor != int64(posted*letterCost) || l.Responses != 7 || l.Orders != 5 || l.RevenueMinor != 3*25000+2*10000 {
		t.Errorf("letter line %+v", l)
	}
	if l := byTouch[emailT.Seq]; l.Sent != emailSent || l.CostMinor != int64(emailSent*emailCost) {
		t.Errorf("email line %+v", l)
	}
	if l := byTouch[phoneT.Seq]; l.Sent != called || l.Responses != 5 || l.Orders != 3 || l.RevenueMinor != 3*30000 {
		t.Errorf("phone line %+v", l)
	}
	// Uplift: buyers are people with an order response or a demo order
	// dated from the launch day on.
	launchDay := c.LaunchedAt[:10]
	buyer := map[int64]bool{}
	for _, id := range callPage.Items[:3] {
		buyer[id.ContactID] = true
	}
	for _, id := range codePeople[:3] {
		buyer[id] = true
	}
	for _, ct := range append(importTarget, importControl...) {
		buyer[ct.ID] = true
	}
	if err := ws.DB.EachPurchase(ctx, func(p *segment.Purchase) error {
		if p.Last >= launchDay {
			buyer[p.ContactID] = true
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	tb, cb := 0, 0
	for id := range buyer {
		switch group[id] {
		case marketing.GroupTarget:
			tb++
		case marketing.GroupControl:
			cb++
		}
	}
	u := r.Uplift
	want := stats.Compare(tb, counts[marketing.GroupTarget], cb, counts[marketing.GroupControl])
	if !u.Measured || u.TargetBuyers != tb || u.ControlBuyers != cb || u.TargetN != counts[marketing.GroupTarget] || u.ControlN != counts[marketing.GroupControl] ||
		abs(u.P-want.P) > 1e-12 || u.Verdict != want.Verdict {
		t.Errorf("uplift %+v, want buyers %d/%d p %v %s", u, tb, cb, want.P, want.Verdict)
	}
	// The refusal is an opt-out of the phone channel.
	refused := callPage.Items[5].ContactID
	phoneConsent := ""
	if err := ws.DB.EachContact(ctx, marketing.ContactQuery{IDs: []int64{refused}}, func(_ *marketing.Contact, cs []marketing.Consent, _ int) error {
		for _, x := range cs {
			if x.Channel == marketing.ChannelPhone {
				phoneConsent = x.Status
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if phoneConsent != marketing.ConsentRefused {
		t.Errorf("refused on the phone, consent %q", phoneConsent)
	}
	// Reports render.
	for _, format := range []string{"pdf", "xlsx"} {
		f, err := os.Create(filepath.Join(dir, "report."+format))
		if err != nil {
			t.Fatal(err)
		}
		if format == "pdf" {
			err = svc.ReportPDF(ctx, c.ID, "da", f)
		} else {
			err = svc.ReportXLSX(ctx, c.ID, "da", f)
		}
		f.Close()
		if err != nil {
			t.Fatal(format, err)
		}
	}
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

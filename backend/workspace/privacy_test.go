package workspace_test

import (
	"context"
	"net"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"directdesk/backend/exporter"
	"directdesk/backend/marketing"
	"directdesk/backend/store"
	"directdesk/backend/workspace"
)

// keys streams register keys for store.ReplaceRegister.
func keys(ks ...string) func(yield func(string, error) bool) {
	return func(yield func(string, error) bool) {
		for _, k := range ks {
			if !yield(k, nil) {
				return
			}
		}
	}
}

// Every send path for letters leaves out a person on the do-not-contact
// register with reason "register" — unless they said yes to letters
// themselves; the registers do not cover email — and every path leaves out
// and an erased person who was imported again with reason "erased": the
// campaign preflight and its touch lists, the email preflight, the print
// from the Documents screen and the ad audience file.
func TestEverySendPathExcludesRegisterAndErased(t *testing.T) {
	ws := emailWorkspace(t)
	ctx := context.Background()
	st, err := ws.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st.Country = "DK"
	if _, err := ws.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	ids := addPeople(t, ws,
		// On Robinson by phone.
		marketing.Contact{FirstName: "Rikke", LastName: "Holm", Email: "rikke@example.dk", Mobile: "+4520111111", Street1: "Vestergade 1", Postcode: "8000", City: "Aarhus", Country: "DK"},
		// On Robinson by name + address, written differently there.
		marketing.Contact{FirstName: "Jørgen", LastName: "Ærø", Email: "jorgen@example.dk", Street1: "Nørregade 12, 2. tv", Postcode: "1165", City: "København K", Country: "DK"},
		// Free to contact.
		marketing.Contact{FirstName: "Søren", LastName: "Lund", Email: "soren@example.dk", Mobile: "+4520333333", Street1: "Algade 3", Postcode: "4000", City: "Roskilde", Country: "DK"},
		// Will be erased, then imported again.
		marketing.Contact{FirstName: "Erik", LastName: "Gone", Email: "erik@example.dk", Street1: "Havnevej 9", Postcode: "5000", City: "Odense", Country: "DK"},
	)
	rikke, jorgen, soren, erik := ids[0], ids[1], ids[2], ids[3]
	n, err := ws.DB.ReplaceRegister(ctx, store.RegisterFile{Register: marketing.RegisterRobinson, FileName: "robinson.csv", ListDate: time.Now().Format("2006-01-02")},
		keys(marketing.RegisterPhoneKey("+4520111111"), marketing.RegisterNameKey("JØRGEN", "ærø", "Nørregade  12 2.tv", "DK-1165"), marketing.RegisterPhoneKey("+4599999999")))
	if err != nil || n != 3 {
		t.Fatalf("register: %d %v", n, err)
	}
	if _, err := ws.DB.ErasePerson(ctx, erik, "test"); err != nil {
		t.Fatal(err)
	}
	erik = addPeople(t, ws, marketing.Contact{FirstName: "Erik", LastName: "Again", Email: "Erik@Example.dk", Street1: "Havnevej 9", Postcode: "5000", City: "Odense", Country: "DK"})[0]
	all := []int64{rikke, jorgen, soren, erik}

	// Print from the Documents screen: post.
	letters, _ := ws.Templates(ctx, marketing.KindLetter)
	req, err := ws.PrintRequest(ctx, letters[0], all, "test")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(req.IDs, []int64{soren}) || req.Excluded[marketing.ExcludeRegister] != 2 || req.Excluded[marketing.ExcludeErased] != 1 {
		// An erased person asked to be left alone: no channel reaches them.
		t.Errorf("print: ids %v excluded %v", req.IDs, req.Excluded)
	}

	// Email: the customers may get email without a yes in Denmark, also
	// while on the register (it covers letters and calls), but not when erased.
	a, err := ws.SaveMailAccount(ctx, localAccount(2525), "")
	if err != nil {
		t.Fatal(err)
	}
	mails, _ := ws.Templates(ctx, marketing.KindEmail)
	rep, err := ws.EmailPreflight(ctx, mails[0], a.ID, all, "test")
	if err != nil {
		t.Fatal(err)
	}
	if rep.Skipped[marketing.ExcludeRegister] != 0 || rep.Skipped[marketing.ExcludeErased] != 1 || rep.WillSend != 3 {
		t.Errorf("email preflight: %+v", rep)
	}

	// Ad audience (matched by email).
	res, err := ws.Audience(ctx, all, filepath.Join(t.TempDir(), "a.csv"), exporter.AudienceMeta)
	if err != nil {
		t.Fatal(err)
	}
	if res.Rows != 3 || res.Excluded[marketing.ExcludeRegister] != 0 || res.Excluded[marketing.ExcludeErased] != 1 {
		t.Errorf("audience: %+v", res)
	}

	// Campaign: a letter touch.
	c := marketing.Campaign{Name: "Forår", Selection: "test", PressureDays: 30,
		Touches: []marketing.Touch{{Channel: marketing.TouchLetter, TemplateID: letters[0].ID, UnitCostMinor: 900}}}
	if err := ws.Campaigns().Save(ctx, &c); err != nil {
		t.Fatal(err)
	}
	pf, err := ws.Campaigns().Preflight(ctx, c.ID, all)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, e := range pf.Exclusions {
		got[e.Reason] = e.Count
	}
	if got[marketing.ExcludeRegister] != 2 || pf.Segment != 4 {
		t.Errorf("campaign preflight: %+v", pf.Exclusions)
	}

	// "See who": the campaign's list (touch 0) and the email preflight name them.
	who, err := ws.Campaigns().Excluded(ctx, c.ID, all, 0, marketing.ExcludeRegister, 0, 1)
	if err != nil || who.Total != 2 || len(who.Items) != 1 || who.Items[0].Detail != marketing.RegisterRobinson || who.Items[0].Name == "" {
		t.Errorf("see who (campaign): %+v %v", who, err)
	}
	who, err = ws.Excluded(ctx, marketing.ExcludedQuery{Source: marketing.ExcludedEmail, Offset: 0, Limit: 10}, all)
	if err != nil || who.Total != 1 || who.Items[0].Reason != marketing.ExcludeErased {
		t.Errorf("see who (email): %+v %v", who, err)
	}
	who, err = ws.Excluded(ctx, marketing.ExcludedQuery{Source: marketing.ExcludedPrint, Reason: marketing.ExcludeErased}, all)
	if err != nil || who.Total != 1 || who.Items[0].ContactID != erik {
		t.Errorf("see who (print): %+v %v", who, err)
	}

	// Jørgen says yes to letters himself: the register no longer bars him.
	if _, err := ws.DB.RecordConsent(ctx, jorgen, marketing.ConsentEvent{Channel: marketing.ChannelPost, Status: marketing.ConsentGranted,
		At: marketing.Timestamp(time.Now()), Method: marketing.MethodWritten, Source: "letter"}); err != nil {
		t.Fatal(err)
	}
	req, err = ws.PrintRequest(ctx, letters[0], all, "test")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(req.IDs, jorgen) || slices.Contains(req.IDs, rikke) || req.Excluded[marketing.ExcludeRegister] != 1 {
		t.Errorf("after his yes: ids %v excluded %v", req.IDs, req.Excluded)
	}
	pf, err = ws.Campaigns().Preflight(ctx, c.ID, all)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range pf.Exclusions {
		if e.Reason == marketing.ExcludeRegister && (e.Count != 1 || e.Contacts[0].ID != rikke) {
			t.Errorf("campaign after his yes: %+v", e)
		}
	}
	// Calls: Rikke is on the register by her number and gets no call.
	facts, err := ws.DB.ContactPrivacy(ctx, []int64{rikke})
	if err != nil || facts[rikke].Register != marketing.RegisterRobinson {
		t.Fatalf("Rikke's facts: %+v %v", facts, err)
	}
}

// A "no" recorded while a mailing waits in the outbox stops the message to
// that person: the runner asks privacy.Checker again for every batch it
// reserves.
func TestRefusalAfterTheMailingStopsItsMessage(t *testing.T) {
	ws := emailWorkspace(t)
	ctx := context.Background()
	s := startSink(t)
	_, portS, _ := net.SplitHostPort(s.addr)
	port, _ := strconv.Atoi(portS)
	a, err := ws.SaveMailAccount(ctx, localAccount(port), "")
	if err != nil {
		t.Fatal(err)
	}
	ids := addPeople(t, ws,
		marketing.Contact{FirstName: "Søren", Email: "soren@example.dk", Country: "DK"},
		marketing.Contact{FirstName: "Rikke", Email: "rikke@example.dk", Mobile: "+4520111111", Country: "DK"},
	)
	list, _ := ws.Templates(ctx, marketing.KindEmail)
	done := make(chan workspace.MailingStatus, 100)
	ws.Sending.OnStatus = func(st workspace.MailingStatus) {
		if !st.Active {
			select {
			case done <- st:
			default:
			}
		}
	}
	m, err := ws.CreateMailing(ctx, workspace.MailingRequest{TemplateID: list[0].ID, AccountID: a.ID, IDs: ids, Selection: "test", Name: "Jul"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ws.DB.RecordConsent(ctx, ids[1], marketing.ConsentEvent{Channel: marketing.ChannelEmail, Status: marketing.ConsentRefused,
		At: marketing.Timestamp(time.Now()), Method: marketing.MethodPhone, Source: "call"}); err != nil {
		t.Fatal(err)
	}
	ws.Sending.Start(ctx, m.TouchID)
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("mailing did not finish")
	}
	got := s.received()
	if len(got) != 1 || got[0].to != "soren@example.dk" {
		t.Fatalf("delivered %+v", got)
	}
	page, total, err := ws.DB.OutboxPage(ctx, m.TouchID, "rikke", "", 0, 10)
	if err != nil || total != 1 || page[0].State != marketing.OutboxSkipped || page[0].Reason != marketing.ExcludeNoConsent {
		t.Fatalf("Rikke's row %+v %d %v", page, total, err)
	}
}

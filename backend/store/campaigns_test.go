package store_test

import (
	"context"
	"testing"
	"time"

	"directdesk/backend/marketing"
	"directdesk/backend/store"
)

// A mailing counts towards the campaigns' contact-pressure cap, keeps its
// name as the key of its response codes, and ends with its one touch; a
// campaign's email touch ends alone, and only a released one is resumed.
func TestMailingsAndCampaignEmailTouches(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	a := marketing.MailAccount{Name: "Shop", FromEmail: "shop@example.dk", SMTPHost: "127.0.0.1", SMTPPort: 2525, SMTPSecurity: marketing.SecurityPlain, IMAPSecurity: marketing.SecurityTLS}
	if err := db.SaveMailAccount(ctx, &a); err != nil {
		t.Fatal(err)
	}
	p1 := mustCreate(t, db, marketing.Contact{FirstName: "Søren", Email: "soren@example.dk"})
	p2 := mustCreate(t, db, marketing.Contact{FirstName: "Åsa", Email: "asa@example.se"})
	m := marketing.Mailing{Name: "Nyhedsbrev", AccountID: a.ID, TemplateID: 1, TemplateVersion: 1}
	rows := []store.OutboxRow{
		{ContactID: p1.ID, Email: p1.Email, State: marketing.OutboxQueued, MessageID: "<1@x>", Token: "t1"},
		{ContactID: p2.ID, Email: p2.Email, State: marketing.OutboxSkipped, Reason: marketing.SkipNoConsent, MessageID: "<2@x>", Token: "t2"},
	}
	if err := db.CreateMailing(ctx, &m, rows); err != nil {
		t.Fatal(err)
	}
	if ct, err := db.ContactTouches(ctx, p1.ID); err != nil || len(ct) != 1 || ct[0].TouchID != m.TouchID || ct[0].CampaignID != m.CampaignID {
		t.Errorf("queued recipient's touches %+v %v", ct, err)
	}
	if ct, _ := db.ContactTouches(ctx, p2.ID); len(ct) != 0 {
		t.Errorf("a skipped recipient counts as touched: %+v", ct)
	}
	mc, err := db.Campaign(ctx, m.CampaignID)
	if err != nil || mc.CodeKey != "Nyhedsbrev" || mc.Kind != marketing.CampaignKindMailing || mc.Touches[0].ReleasedAt == "" {
		t.Fatalf("mailing as a campaign %+v %v", mc, err)
	}
	// A campaign with an email touch: a draft's touch is no mailing to send.
	c := marketing.Campaign{Name: "Forår", KPI: marketing.KPIResponseRate, StopOn: []string{}, AttributionDays: 30,
		Touches: []marketing.Touch{{Channel: marketing.TouchEmail, TemplateID: 1, AccountID: a.ID}, {Channel: marketing.TouchLetter, TemplateID: 2, OffsetDays: 14}}}
	if err := db.SaveCampaignDraft(ctx, &c, "2026-11-23T10:00:00Z"); err != nil {
		t.Fatal(err)
	}
	list, err := db.Mailings(ctx)
	if err != nil || len(list) != 1 || list[0].TouchID != m.TouchID {
		t.Errorf("mailings %+v %v", list, err)
	}
	if ids, _ := db.RunningTouches(ctx); len(ids) != 1 || ids[0] != m.TouchID {
		t.Errorf("running touches %v", ids)
	}
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	launch := &store.CampaignLaunch{ID: c.ID, Status: marketing.CampaignRunning, StartDate: "2026-11-23", CodeKey: c.Name, Now: marketing.Timestamp(now),
		Versions: map[int64]int{c.Touches[0].ID: 1}, Members: []store.CampaignMember{{ContactID: p1.ID, Group: marketing.GroupTarget, Lifecycle: "prospect"}}}
	if err := db.LaunchCampaign(ctx, launch); err != nil {
		t.Fatal(err)
	}
	if ids, _ := db.RunningTouches(ctx); len(ids) != 1 {
		t.Errorf("an unreleased campaign touch would be resumed: %v", ids)
	}
	res, err := db.ReleaseTouch(ctx, c.Touches[0].ID, now, func(in *store.ReleaseInput) ([]store.ReleaseRow, error) {
		if len(in.Members) != 1 || in.Members[0].Recent != 1 || in.Touch.ID != c.Touches[0].ID {
			t.Errorf("release input %+v", in)
		}
		return []store.ReleaseRow{{ContactID: p1.ID, Email: p1.Email, Name: "Søren", MessageID: "<3@x>", Token: "t3"}}, nil
	})
	if err != nil || res.Count != 1 {
		t.Fatalf("release %+v %v", res, err)
	}
	if ids, _ := db.RunningTouches(ctx); len(ids) != 2 {
		t.Errorf("the released touch is not resumed: %v", ids)
	}
	page, _, err := db.OutboxPage(ctx, c.Touches[0].ID, "", "", 0, 10)
	if err != nil || len(page) != 1 || page[0].ResponseCode == "" {
		t.Fatalf("outbox %+v %v", page, err)
	}
	if owner, key, err := db.CodeOwner(ctx, page[0].ResponseCode); err != nil || owner != p1.ID || key != "Forår" {
		t.Errorf("code owner %d %q %v", owner, key, err)
	}
	// Its outbox done: the touch ends, the campaign goes on.
	if err := db.FinishEmailTouch(ctx, c.Touches[0].ID); err != nil {
		t.Fatal(err)
	}
	got, _ := db.Campaign(ctx, c.ID)
	if got.Status != marketing.CampaignRunning || got.Touches[0].FinishedAt == "" || got.Touches[1].FinishedAt != "" {
		t.Errorf("campaign after its email touch: %s %q %q", got.Status, got.Touches[0].FinishedAt, got.Touches[1].FinishedAt)
	}
	if ids, _ := db.RunningTouches(ctx); len(ids) != 1 {
		t.Errorf("a finished campaign touch would be resumed: %v", ids)
	}
	// Sending again (a retry) opens it again, while the campaign runs.
	if err := db.ReopenEmailTouch(ctx, c.Touches[0].ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Campaign(ctx, c.ID); got.Touches[0].FinishedAt != "" {
		t.Errorf("not reopened")
	}
	// The mailing ends with its touch.
	if err := db.FinishEmailTouch(ctx, m.TouchID); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Mailing(ctx, m.TouchID); got.Status != marketing.CampaignFinished || got.FinishedAt == "" {
		t.Errorf("mailing %+v", got)
	}
	if err := db.MoveCampaign(ctx, c.ID, marketing.CampaignRunning, marketing.CampaignFinished, "", now); err != nil {
		t.Fatal(err)
	}
	if err := db.ReopenEmailTouch(ctx, c.Touches[0].ID); marketing.ErrorCode(err) != marketing.EConflict {
		t.Errorf("a finished campaign sends again: %v", err)
	}
	// A second release of the same touch never makes a second list.
	if _, err := db.ReleaseTouch(ctx, c.Touches[0].ID, now, func(*store.ReleaseInput) ([]store.ReleaseRow, error) {
		t.Error("decided twice")
		return nil, nil
	}); marketing.ErrorCode(err) != marketing.EConflict {
		t.Errorf("second release: %v", err)
	}
}

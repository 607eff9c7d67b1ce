package store_test

import (
	"context"
	"slices"
	"testing"

	"directdesk/backend/marketing"
	"directdesk/backend/store"
)

// A finished mailing whose failed recipients are tried again sends again;
// if DirectDesk closes meanwhile, the next start resumes it (its touch is
// no longer marked finished).
func TestRetriedMailingResumesAfterARestart(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	a := marketing.MailAccount{Name: "Shop", FromEmail: "shop@example.dk", SMTPHost: "127.0.0.1", SMTPPort: 2525, SMTPSecurity: marketing.SecurityPlain, IMAPSecurity: marketing.SecurityTLS}
	if err := db.SaveMailAccount(ctx, &a); err != nil {
		t.Fatal(err)
	}
	p := mustCreate(t, db, marketing.Contact{FirstName: "Søren", Email: "soren@example.dk"})
	m := marketing.Mailing{Name: "Nyhedsbrev", AccountID: a.ID, TemplateID: 1, TemplateVersion: 1}
	if err := db.CreateMailing(ctx, &m, []store.OutboxRow{{ContactID: p.ID, Email: p.Email, State: marketing.OutboxQueued, MessageID: "<1@x>", Token: "t1"}}); err != nil {
		t.Fatal(err)
	}
	// Its first run ends with the recipient failed: the mailing finished.
	if err := db.FinishEmailTouch(ctx, m.TouchID); err != nil {
		t.Fatal(err)
	}
	// What Sending.RetryFailed does: reopen, queue again, set running.
	if err := db.ReopenEmailTouch(ctx, m.TouchID); err != nil {
		t.Fatal(err)
	}
	if err := db.SetCampaignStatus(ctx, m.CampaignID, marketing.CampaignRunning, ""); err != nil {
		t.Fatal(err)
	}
	if ids, err := db.RunningTouches(ctx); err != nil || !slices.Contains(ids, m.TouchID) {
		t.Fatalf("after a restart the retried mailing is not resumed: %v %v", ids, err)
	}
}

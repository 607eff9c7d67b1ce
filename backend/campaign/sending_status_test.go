package campaign_test

import (
	"context"
	"net"
	"strconv"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"directdesk/backend/marketing"
	"directdesk/backend/secrets"
	"directdesk/backend/segment"
	"directdesk/backend/store"
	"directdesk/backend/workspace"
)

// emailCampaign is a workspace with a loopback SMTP server and a draft
// campaign of one email touch to two people.
func emailCampaign(t *testing.T) (*workspace.Workspace, *sink, marketing.Campaign, []int64) {
	t.Helper()
	ctx := context.Background()
	s := &sink{}
	srv := smtp.NewServer(s)
	srv.Domain = "localhost"
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	_, portS, _ := net.SplitHostPort(ln.Addr().String())
	port, _ := strconv.Atoi(portS)
	ws, err := workspace.Open(ctx, t.TempDir(), "test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	ws.Secrets = secrets.NewMemory()
	ws.MailTimeout = 5 * time.Second
	a, err := ws.SaveMailAccount(ctx, marketing.MailAccount{Name: "Shop", FromName: "Blomster", FromEmail: "shop@blomster.example.dk",
		SMTPHost: "127.0.0.1", SMTPPort: port, SMTPSecurity: marketing.SecurityPlain}, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []marketing.Contact{
		{FirstName: "Søren", Email: "soren@example.dk", Tags: []string{"Kunde"}},
		{FirstName: "Åsa", Email: "asa@example.se", Country: "SE", Tags: []string{"Kunde"}},
	} {
		c.Kind = marketing.KindCustomer
		if err := ws.DB.CreateContact(ctx, &c); err != nil {
			t.Fatal(err)
		}
	}
	seg := segment.Saved{Name: "Kunder", Kind: segment.Dynamic, Filter: segment.Filter{Version: 1, Root: segment.Node{All: []segment.Node{{Field: "tag", Op: "anyOf", Values: []string{"Kunde"}}}}}}
	if err := ws.DB.SaveSegment(ctx, &seg); err != nil {
		t.Fatal(err)
	}
	emails, _ := ws.Templates(ctx, marketing.KindEmail)
	if len(emails) == 0 {
		t.Fatal("no starter templates")
	}
	c := marketing.Campaign{Name: "Forår", SegmentID: seg.ID, Selection: seg.Name, Touches: []marketing.Touch{
		{Channel: marketing.TouchEmail, TemplateID: emails[0].ID, AccountID: a.ID, UnitCostMinor: 10},
	}}
	if err := ws.Campaigns().Save(ctx, &c); err != nil {
		t.Fatal(err)
	}
	ids, err := ws.SegmentIDs(ctx, seg.Name, "en")
	if err != nil || len(ids) != 2 {
		t.Fatal(ids, err)
	}
	return ws, s, c, ids
}

// waitIdle waits until no sender works on the touch.
func waitIdle(t *testing.T, ws *workspace.Workspace, touchID int64) workspace.MailingStatus {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		st, err := ws.Sending.Status(context.Background(), touchID)
		if err != nil {
			t.Fatal(err)
		}
		if !st.Active {
			return st
		}
		if time.Now().After(deadline) {
			t.Fatal("the sender did not stop")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// The home screen releases a due email touch and then starts its sender;
// the user may pause the campaign in between (there is no sender yet to
// halt). The sender that starts after the pause must send nothing, leave
// the campaign paused and the touch open, so resuming sends it.
func TestSenderStartedAfterPauseSendsNothing(t *testing.T) {
	ctx := context.Background()
	ws, s, c, ids := emailCampaign(t)
	svc := ws.Campaigns()
	// What Today does: the list is made (no sender started yet) ...
	rel, err := svc.Launch(ctx, c.ID, ids)
	if err != nil || len(rel.Touches) != 1 || rel.Touches[0].Count != 2 {
		t.Fatalf("released %+v %v", rel, err)
	}
	touch := rel.Touches[0].TouchID
	// ... the user pauses ...
	if err := ws.SetCampaignStatus(ctx, c.ID, marketing.CampaignPaused); err != nil {
		t.Fatal(err)
	}
	// ... and then Today starts the sender of what it released.
	ws.Sending.Start(ctx, touch)
	st := waitIdle(t, ws, touch)
	s.mu.Lock()
	sent := len(s.to)
	s.mu.Unlock()
	if sent != 0 {
		t.Fatalf("a paused campaign sent %d emails", sent)
	}
	got, err := svc.Get(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != marketing.CampaignPaused || got.Touches[0].FinishedAt != "" || st.Counts[marketing.OutboxQueued] != 2 {
		t.Fatalf("after the stopped sender: %s, touch finished %q, outbox %v", got.Status, got.Touches[0].FinishedAt, st.Counts)
	}
	// Resuming sends them, once.
	if err := ws.SetCampaignStatus(ctx, c.ID, marketing.CampaignRunning); err != nil {
		t.Fatal(err)
	}
	waitIdle(t, ws, touch)
	s.mu.Lock()
	sent = len(s.to)
	s.mu.Unlock()
	if sent != 2 {
		t.Fatalf("after resuming sent %d, want 2", sent)
	}
}

// A sender that stops with a problem after the user finished the campaign
// must not bring the finished campaign back as paused.
func TestSenderPauseDoesNotReviveAFinishedCampaign(t *testing.T) {
	ctx := context.Background()
	ws, _, c, ids := emailCampaign(t)
	svc := ws.Campaigns()
	if _, err := svc.Launch(ctx, c.ID, ids); err != nil {
		t.Fatal(err)
	}
	if err := svc.SetStatus(ctx, c.ID, marketing.CampaignFinished, ""); err != nil {
		t.Fatal(err)
	}
	// What the sender's loop does when its run ends with a problem.
	if err := ws.DB.SetCampaignStatus(ctx, c.ID, marketing.CampaignPaused, "error: connection refused"); err != nil {
		t.Fatal(err)
	}
	if got, _ := svc.Get(ctx, c.ID); got.Status != marketing.CampaignFinished {
		t.Fatalf("a finished campaign became %s", got.Status)
	}
}

// "Try the failed ones again" on the Email screen for a paused campaign's
// touch queues them, and they go when the campaign is resumed: the retry
// does not resume the campaign behind the user's back.
func TestRetryDoesNotResumeAPausedCampaign(t *testing.T) {
	ctx := context.Background()
	ws, s, c, ids := emailCampaign(t)
	svc := ws.Campaigns()
	rel, err := svc.Launch(ctx, c.ID, ids)
	if err != nil {
		t.Fatal(err)
	}
	touch := rel.Touches[0].TouchID
	// Both failed on a first run (as a server that was down leaves them).
	rows, err := ws.DB.ReserveBatch(ctx, touch, time.Now(), 10, "test")
	if err != nil || len(rows) != 2 {
		t.Fatal(rows, err)
	}
	var outs []store.Outcome
	for _, r := range rows {
		outs = append(outs, store.Outcome{ID: r.ID, State: marketing.OutboxHardFailed, Reason: "connection refused"})
	}
	if err := ws.DB.SaveOutcomes(ctx, outs); err != nil {
		t.Fatal(err)
	}
	if err := ws.SetCampaignStatus(ctx, c.ID, marketing.CampaignPaused); err != nil {
		t.Fatal(err)
	}
	if n, err := ws.Sending.RetryFailed(ctx, touch); err != nil || n != 2 {
		t.Fatalf("retry %d %v", n, err)
	}
	waitIdle(t, ws, touch)
	s.mu.Lock()
	sent := len(s.to)
	s.mu.Unlock()
	if got, _ := svc.Get(ctx, c.ID); got.Status != marketing.CampaignPaused || sent != 0 {
		t.Fatalf("after a retry: %s, %d sent", got.Status, sent)
	}
	// Resuming it on the Email screen resumes the campaign: they go.
	if err := ws.Sending.Resume(ctx, touch); err != nil {
		t.Fatal(err)
	}
	waitIdle(t, ws, touch)
	s.mu.Lock()
	sent = len(s.to)
	s.mu.Unlock()
	if got, _ := svc.Get(ctx, c.ID); got.Status != marketing.CampaignRunning || got.Touches[0].FinishedAt == "" || sent != 2 {
		t.Fatalf("after resuming: %s, touch finished %q, %d sent", got.Status, got.Touches[0].FinishedAt, sent)
	}
}

package campaign_test

import (
	"context"
	"errors"
	"io"
	"net"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"directdesk/backend/marketing"
	"directdesk/backend/secrets"
	"directdesk/backend/segment"
	"directdesk/backend/workspace"
)

// sink is a loopback SMTP server that counts what it is given.
type sink struct {
	mu sync.Mutex
	to []string
}

func (s *sink) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{s: s}, nil }

type session struct {
	s  *sink
	to string
}

func (x *session) AuthMechanisms() []string                  { return nil }
func (x *session) Auth(string) (any, error)                  { return nil, errors.New("unused") }
func (x *session) Mail(string, *smtp.MailOptions) error      { return nil }
func (x *session) Rcpt(to string, _ *smtp.RcptOptions) error { x.to = to; return nil }
func (x *session) Reset()                                    {}
func (x *session) Logout() error                             { return nil }
func (x *session) Data(r io.Reader) error {
	io.Copy(io.Discard, r)
	x.s.mu.Lock()
	x.s.to = append(x.s.to, x.to)
	x.s.mu.Unlock()
	return nil
}

// A campaign's email touch goes out through the outbox and the sender as a
// mailing does; when it is sent, that touch ends and the campaign runs on
// to its next touch.
func TestCampaignEmailTouchSends(t *testing.T) {
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
		{FirstName: "Søren", Email: "soren@example.dk", Street1: "Vestergade 1", Postcode: "8000", City: "Aarhus", Tags: []string{"Kunde"}},
		{FirstName: "Åsa", Email: "asa@example.se", Street1: "Storgatan 1", Postcode: "11122", City: "Stockholm", Country: "SE", Tags: []string{"Kunde"}},
		{FirstName: "Ole", Street1: "Vej 2", Postcode: "2100", City: "København", Tags: []string{"Kunde"}},
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
	letters, _ := ws.Templates(ctx, marketing.KindLetter)
	if len(emails) == 0 || len(letters) == 0 {
		t.Fatal("no starter templates")
	}
	svc := ws.Campaigns()
	c := marketing.Campaign{Name: "Forår", SegmentID: seg.ID, Selection: seg.Name, Touches: []marketing.Touch{
		{Channel: marketing.TouchEmail, TemplateID: emails[0].ID, AccountID: a.ID, UnitCostMinor: 10},
		{Channel: marketing.TouchLetter, TemplateID: letters[0].ID, OffsetDays: 14, UnitCostMinor: 1200},
	}}
	if err := svc.Save(ctx, &c); err != nil {
		t.Fatal(err)
	}
	rel, err := ws.LaunchCampaign(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(rel.Touches) != 1 || rel.Touches[0].Count != 2 || rel.Touches[0].Skipped != 1 {
		t.Fatalf("released %+v", rel)
	}
	deadline := time.Now().Add(20 * time.Second)
	var got marketing.Campaign
	for {
		if got, err = svc.Get(ctx, c.ID); err != nil {
			t.Fatal(err)
		}
		if got.Touches[0].FinishedAt != "" || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if got.Touches[0].FinishedAt == "" {
		t.Fatal("the email touch did not finish")
	}
	if got.Status != marketing.CampaignRunning || got.Touches[1].ReleasedAt != "" {
		t.Errorf("after the email touch: %s, touch 2 released %q", got.Status, got.Touches[1].ReleasedAt)
	}
	s.mu.Lock()
	sent := append([]string(nil), s.to...)
	s.mu.Unlock()
	if len(sent) != 2 {
		t.Errorf("sent to %v", sent)
	}
	if ids, _ := ws.DB.RunningTouches(ctx); len(ids) != 0 {
		t.Errorf("a finished touch would be resumed: %v", ids)
	}
	st, err := ws.Sending.Status(ctx, got.Touches[0].ID)
	if err != nil || st.Counts[marketing.OutboxSent] != 2 || st.Counts[marketing.OutboxSkipped] != 1 {
		t.Errorf("outbox %+v %v", st.Counts, err)
	}
	if sum, _ := svc.List(ctx, false); sum[0].Sent != 2 || sum[0].CostMinor != 20 || sum[0].NextChannel != marketing.TouchLetter {
		t.Errorf("summary %+v", sum[0])
	}
}

package workspace_test

import (
	"context"
	"errors"
	"io"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"directdesk/backend/marketing"
	"directdesk/backend/secrets"
	"directdesk/backend/segment"
	"directdesk/backend/workspace"
)

// sink is a go-smtp server on loopback that keeps what it is given.
type sink struct {
	mu   sync.Mutex
	msgs []sunk
	addr string
}

type sunk struct {
	from, to string
	data     string
}

func (s *sink) NewSession(*smtp.Conn) (smtp.Session, error) { return &sinkSession{s: s}, nil }

type sinkSession struct {
	s        *sink
	from, to string
}

func (x *sinkSession) AuthMechanisms() []string { return []string{"PLAIN"} }
func (x *sinkSession) Auth(string) (sasl any, err error) {
	return nil, errors.New("unused")
}
func (x *sinkSession) Mail(from string, _ *smtp.MailOptions) error { x.from = from; return nil }
func (x *sinkSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	if strings.HasPrefix(to, "nobody@") {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "No such user"}
	}
	x.to = to
	return nil
}
func (x *sinkSession) Data(r io.Reader) error {
	b, _ := io.ReadAll(r)
	x.s.mu.Lock()
	x.s.msgs = append(x.s.msgs, sunk{x.from, x.to, string(b)})
	x.s.mu.Unlock()
	return nil
}
func (x *sinkSession) Reset()        {}
func (x *sinkSession) Logout() error { return nil }

func startSink(t *testing.T) *sink {
	t.Helper()
	s := &sink{}
	srv := smtp.NewServer(s)
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.addr = ln.Addr().String()
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return s
}

func (s *sink) received() []sunk {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]sunk(nil), s.msgs...)
}

func localAccount(port int) marketing.MailAccount {
	return marketing.MailAccount{Name: "Shop", FromName: "Blomster", FromEmail: "shop@blomster.example.dk",
		SMTPHost: "127.0.0.1", SMTPPort: port, SMTPSecurity: marketing.SecurityPlain}
}

func emailWorkspace(t *testing.T) *workspace.Workspace {
	t.Helper()
	ws := mustOpen(t, t.TempDir())
	ws.Secrets = secrets.NewMemory()
	ws.MailTimeout = 5 * time.Second
	t.Cleanup(func() { ws.Close() })
	return ws
}

func TestMailAccountBadInput(t *testing.T) {
	ws := emailWorkspace(t)
	ctx := context.Background()
	cases := []struct {
		field string
		a     marketing.MailAccount
	}{
		{"fromEmail", marketing.MailAccount{FromEmail: "not an address", SMTPHost: "smtp.example.com"}},
		{"smtpHost", marketing.MailAccount{FromEmail: "a@b.dk", SMTPHost: "smtp example com"}},
		{"smtpSecurity", marketing.MailAccount{FromEmail: "a@b.dk", SMTPHost: "smtp.example.com", SMTPSecurity: marketing.SecurityPlain}},
		{"smtpPort", marketing.MailAccount{FromEmail: "a@b.dk", SMTPHost: "smtp.example.com", SMTPPort: 70000}},
		{"name", marketing.MailAccount{Name: "Shop\r\nBcc: x@y.z", FromEmail: "a@b.dk", SMTPHost: "smtp.example.com"}},
		{"unsubscribeUrl", marketing.MailAccount{FromEmail: "a@b.dk", SMTPHost: "smtp.example.com", UnsubscribeURL: "http://b.dk/u"}},
		{"imapSecurity", marketing.MailAccount{FromEmail: "a@b.dk", SMTPHost: "smtp.example.com", IMAPHost: "imap.example.com", IMAPSecurity: marketing.SecurityPlain}},
	}
	for _, c := range cases {
		_, err := ws.SaveMailAccount(ctx, c.a, "pw")
		var me *marketing.Error
		if !errors.As(err, &me) || me.Field != c.field {
			t.Errorf("%s: got %v", c.field, err)
		}
	}
	if list, _ := ws.MailAccounts(ctx); len(list) != 0 {
		t.Fatalf("a refused account was stored: %v", list)
	}
	// Defaults: ports by security, the processed folder, the name.
	a, err := ws.SaveMailAccount(ctx, marketing.MailAccount{FromEmail: " Shop@Example.DK ", SMTPHost: "SMTP.example.com", SMTPSecurity: marketing.SecurityTLS, IMAPHost: "imap.example.com"}, "")
	if err != nil {
		t.Fatal(err)
	}
	if a.SMTPPort != 465 || a.IMAPPort != 993 || a.ProcessedFolder != "DirectDesk" || a.SMTPHost != "smtp.example.com" || a.Name == "" {
		t.Errorf("defaults: %+v", a)
	}
	if ws.HasPassword(marketing.MailAccount{SMTPUser: "u", SMTPHost: "smtp.example.com"}) {
		t.Errorf("password without one saved")
	}
}

func TestEmailTemplateSaveChecks(t *testing.T) {
	ws := emailWorkspace(t)
	ctx := context.Background()
	list, err := ws.Templates(ctx, marketing.KindEmail)
	if err != nil || len(list) != 1 || list[0].Layout.Email.Subject == "" {
		t.Fatalf("email starter: %v %v", list, err)
	}
	tpl := list[0]
	bad := tpl
	bad.Layout.Email.Subject = "Hej {{frist_name}}"
	err = ws.SaveTemplate(ctx, &bad)
	var me *marketing.Error
	if !errors.As(err, &me) || me.Field != "subject" || me.Details["reason"] != "unknown_field" {
		t.Errorf("unknown field in subject: %v", err)
	}
	bad = tpl
	bad.Layout.Email.Blocks = []marketing.EmailBlock{{Kind: marketing.BlockButton, Text: "Klik", URL: "javascript:alert(1)"}}
	if err := ws.SaveTemplate(ctx, &bad); !errors.As(err, &me) || me.Field != "blocks" || me.Details["block"] != "1" {
		t.Errorf("javascript link: %v", err)
	}
	bad = tpl
	bad.Layout.Email.Subject = "Hej\r\nBcc: x@y.z"
	if err := ws.SaveTemplate(ctx, &bad); !errors.As(err, &me) || me.Field != "subject" {
		t.Errorf("newline in subject: %v", err)
	}
	good := tpl
	good.Layout.Email.Blocks = append([]marketing.EmailBlock{{Kind: marketing.BlockText, Text: `<p onclick="x()">Hej <script>bad()</script>{{first_name}}</p>`}}, good.Layout.Email.Blocks...)
	if err := ws.SaveTemplate(ctx, &good); err != nil {
		t.Fatal(err)
	}
	got, _ := ws.DB.TemplateByID(ctx, good.ID)
	if b := got.Layout.Email.Blocks[0].Text; strings.Contains(b, "script") || strings.Contains(b, "onclick") || !strings.Contains(b, "{{first_name}}") {
		t.Errorf("text block not cleaned: %q", b)
	}
	if got.Version != tpl.Version+1 {
		t.Errorf("version %d", got.Version)
	}
}

// addPeople adds the contacts a mailing is tried on; returns their ids.
func addPeople(t *testing.T, ws *workspace.Workspace, cs ...marketing.Contact) []int64 {
	t.Helper()
	var ids []int64
	for i := range cs {
		if cs[i].Kind == "" {
			cs[i].Kind = marketing.KindCustomer
		}
		if err := ws.DB.CreateContact(context.Background(), &cs[i]); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, cs[i].ID)
	}
	return ids
}

func TestMailingSkipsAndSendsOnce(t *testing.T) {
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
		marketing.Contact{FirstName: "Søren", LastName: "Ærø", Email: "soren@example.dk"},
		marketing.Contact{FirstName: "Åsa", Email: "asa@example.se"},
		marketing.Contact{FirstName: "Pia", Kind: marketing.KindProspect, Email: "pia@example.dk"},
		marketing.Contact{FirstName: "Ole"},
		marketing.Contact{FirstName: "Gone", Email: "gone@example.dk"},
		marketing.Contact{FirstName: "Nobody", Email: "nobody@example.dk"},
	)
	if err := ws.DB.AddSuppression(ctx, marketing.Suppression{Email: "GONE@example.dk", Reason: marketing.SuppressUnsubscribe}); err != nil {
		t.Fatal(err)
	}
	list, _ := ws.Templates(ctx, marketing.KindEmail)
	tpl := list[0]
	rep, err := ws.EmailPreflight(ctx, tpl, a.ID, ids, "test")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{marketing.SkipNoConsent: 1, marketing.SkipNoEmail: 1, marketing.SkipSuppressed: 1}
	for k, v := range want {
		if rep.Skipped[k] != v {
			t.Errorf("skipped %s = %d, want %d (%v)", k, rep.Skipped[k], v, rep.Skipped)
		}
	}
	if rep.WillSend != 3 || rep.Recipients != 6 {
		t.Errorf("will send %d of %d", rep.WillSend, rep.Recipients)
	}
	codes := map[string]bool{}
	for _, w := range rep.Warnings {
		codes[w.Code] = true
	}
	if !codes["sender_identification_missing"] || codes["unsubscribe_missing"] {
		t.Errorf("warnings %v", rep.Warnings)
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
	m, err := ws.CreateMailing(ctx, workspace.MailingRequest{TemplateID: tpl.ID, AccountID: a.ID, IDs: ids, Selection: "test", Name: "Forår"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ws.Sending.Start(ctx, m.TouchID)
	var st workspace.MailingStatus
	select {
	case st = <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("mailing did not finish")
	}
	if st.Mailing.Status != marketing.CampaignFinished || st.Counts[marketing.OutboxSent] != 2 || st.Counts[marketing.OutboxHardFailed] != 1 || st.Counts[marketing.OutboxSkipped] != 3 {
		t.Fatalf("status %+v", st)
	}
	got := s.received()
	seen := map[string]int{}
	for _, m := range got {
		seen[m.to]++
		if !strings.Contains(m.data, "List-Unsubscribe: <mailto:shop@blomster.example.dk?subject=unsubscribe%20unsub-") {
			t.Errorf("no List-Unsubscribe in message to %s", m.to)
		}
		if m.from != "shop@blomster.example.dk" {
			t.Errorf("envelope from %q", m.from)
		}
	}
	if len(got) != 2 || seen["soren@example.dk"] != 1 || seen["asa@example.se"] != 1 {
		t.Fatalf("delivered %v", seen)
	}
	// Starting it again sends nothing more.
	ws.Sending.Start(ctx, m.TouchID)
	time.Sleep(300 * time.Millisecond)
	if n := len(s.received()); n != 2 {
		t.Fatalf("a finished mailing sent again: %d", n)
	}
	page, total, err := ws.DB.OutboxPage(ctx, m.TouchID, "nobody", "failed", 0, 50)
	if err != nil || total != 1 || !strings.Contains(page[0].Reason, "550 5.1.1") {
		t.Fatalf("failed row %v %d %v", page, total, err)
	}
}

func TestMailingNeedsThePassword(t *testing.T) {
	ws := emailWorkspace(t)
	ctx := context.Background()
	acc := localAccount(2525)
	acc.SMTPUser = "shop"
	a, err := ws.SaveMailAccount(ctx, acc, "")
	if err != nil {
		t.Fatal(err)
	}
	ids := addPeople(t, ws, marketing.Contact{FirstName: "Søren", Email: "soren@example.dk"})
	list, _ := ws.Templates(ctx, marketing.KindEmail)
	_, err = ws.CreateMailing(ctx, workspace.MailingRequest{TemplateID: list[0].ID, AccountID: a.ID, IDs: ids, Name: "X"}, nil)
	var me *marketing.Error
	if !errors.As(err, &me) || me.Details["reason"] != "password_missing" {
		t.Fatalf("got %v", err)
	}
	if ms, _ := ws.DB.Mailings(ctx); len(ms) != 0 {
		t.Fatalf("a mailing was stored: %v", ms)
	}
}

func TestAttachedCatalogIsPersonalAndSmall(t *testing.T) {
	ws := emailWorkspace(t)
	ctx := context.Background()
	s := startSink(t)
	_, portS, _ := net.SplitHostPort(s.addr)
	port, _ := strconv.Atoi(portS)
	a, err := ws.SaveMailAccount(ctx, localAccount(port), "")
	if err != nil {
		t.Fatal(err)
	}
	ids := addPeople(t, ws, marketing.Contact{FirstName: "Søren", LastName: "Ærø", Email: "soren@example.dk", Street1: "Vestergade 1", Postcode: "8000", City: "Aarhus", Country: "DK"})
	if err := ws.DB.SaveProduct(ctx, &marketing.Product{SKU: "T1", Name: "Tulipaner", Price: marketing.Money{Minor: 14950, Currency: "DKK"}, Active: true}); err != nil {
		t.Fatal(err)
	}
	cats, _ := ws.Templates(ctx, marketing.KindCatalog)
	list, _ := ws.Templates(ctx, marketing.KindEmail)
	tpl := list[0]
	tpl.Layout.Email.Attachments = []marketing.EmailAttachment{{Kind: "catalog", TemplateID: cats[0].ID, FileName: "Katalog"}}
	if err := ws.SaveTemplate(ctx, &tpl); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{}, 10)
	ws.Sending.OnStatus = func(st workspace.MailingStatus) {
		if !st.Active {
			done <- struct{}{}
		}
	}
	m, err := ws.CreateMailing(ctx, workspace.MailingRequest{TemplateID: tpl.ID, AccountID: a.ID, IDs: ids, Name: "Katalog 2026"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ws.Sending.Start(ctx, m.TouchID)
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("not sent")
	}
	got := s.received()
	if len(got) != 1 {
		t.Fatalf("delivered %d", len(got))
	}
	if !strings.Contains(got[0].data, "application/pdf") || !strings.Contains(got[0].data, `filename="Katalog.pdf"`) {
		t.Errorf("no catalog attached:\n%.2000s", got[0].data)
	}
}

// A saved segment names a tag as the user typed it; letters and email
// must find the same people as the segment screen's count.
func TestSavedSegmentValuesAreNormalised(t *testing.T) {
	ws := emailWorkspace(t)
	ctx := context.Background()
	addPeople(t, ws, marketing.Contact{FirstName: "A", Tags: []string{"Newsletter"}}, marketing.Contact{FirstName: "B", Tags: []string{"newsletter"}}, marketing.Contact{FirstName: "C"})
	s := segment.Saved{Name: "Readers", Kind: segment.Dynamic, Filter: segment.Filter{Version: 1, Root: segment.Node{All: []segment.Node{{Field: "tag", Op: "anyOf", Values: []string{"NewsLetter"}}}}}}
	if err := ws.DB.SaveSegment(ctx, &s); err != nil {
		t.Fatal(err)
	}
	ids, err := ws.SegmentIDs(ctx, "Readers", "en")
	if err != nil || len(ids) != 2 {
		t.Fatalf("ids %v %v", ids, err)
	}
}

// A mailing that was sending when DirectDesk closed carries on at the next
// start, and nobody gets it twice.
func TestMailingResumesAfterReopen(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	s := startSink(t)
	_, portS, _ := net.SplitHostPort(s.addr)
	port, _ := strconv.Atoi(portS)
	ws := mustOpen(t, dir)
	ws.Secrets = secrets.NewMemory()
	a, err := ws.SaveMailAccount(ctx, localAccount(port), "")
	if err != nil {
		t.Fatal(err)
	}
	var people []marketing.Contact
	for i := range 30 {
		people = append(people, marketing.Contact{FirstName: "P" + strconv.Itoa(i), Email: "p" + strconv.Itoa(i) + "@example.dk"})
	}
	ids := addPeople(t, ws, people...)
	list, _ := ws.Templates(ctx, marketing.KindEmail)
	if _, err := ws.CreateMailing(ctx, workspace.MailingRequest{TemplateID: list[0].ID, AccountID: a.ID, IDs: ids, Name: "Resume"}, nil); err != nil {
		t.Fatal(err)
	}
	// Closed before it could send (as if the app quit right away).
	ws.Close()
	ws = mustOpen(t, dir)
	defer ws.Close()
	ws.Secrets = secrets.NewMemory()
	done := make(chan workspace.MailingStatus, 10)
	ws.Sending.OnStatus = func(st workspace.MailingStatus) {
		if !st.Active {
			select {
			case done <- st:
			default:
			}
		}
	}
	if err := ws.Sending.ResumeAll(ctx); err != nil {
		t.Fatal(err)
	}
	select {
	case st := <-done:
		if st.Mailing.Status != marketing.CampaignFinished || st.Counts[marketing.OutboxSent] != 30 {
			t.Fatalf("status %+v", st)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("not finished")
	}
	seen := map[string]int{}
	for _, m := range s.received() {
		seen[m.to]++
	}
	for to, n := range seen {
		if n != 1 {
			t.Errorf("%s got %d", to, n)
		}
	}
	if len(seen) != 30 {
		t.Errorf("%d recipients", len(seen))
	}
}

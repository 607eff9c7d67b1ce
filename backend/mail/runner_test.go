package mail_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"directdesk/backend/mail"
	"directdesk/backend/marketing"
	"directdesk/backend/store"
)

// fixture is a workspace database with contacts and one mailing to them.
type fixture struct {
	db       *store.DB
	touch    int64
	account  int64
	ids      []int64
	composer *mail.Composer
	journal  string
}

// testLayout is an email with text, a button and a product, about 5 KB
// once composed.
func testLayout() (marketing.EmailLayout, []marketing.Product) {
	products := []marketing.Product{{ID: 7, SKU: "BIKE-1", Name: "Ladcykel Christiania Light", Description: "Håndbygget i Danmark, plads til to børn og en uges indkøb.",
		Price: marketing.Money{Minor: 2499500, Currency: "DKK"}, Active: true}}
	return marketing.EmailLayout{
		Subject:   `{{first_name | "Hej"}}, forårets nyheder fra {{business.name}}`,
		Preheader: "Sæsonens bedste tilbud på cykler og udstyr",
		Blocks: []marketing.EmailBlock{
			{Kind: marketing.BlockText, Text: "<h1>Nyt fra {{business.name}}</h1><p>{{salutation}}</p>" +
				"<p>Tak fordi du er kunde hos os. I denne sæson har vi fået nye cykler, hjelme og tasker hjem, som vi tror, du vil synes om.</p>" +
				"<p>Kom forbi butikken på Nørrebrogade, eller se det hele i vores webshop. Som kunde får du 10 % på dit næste køb.</p>" +
				"<p>.En linje der starter med et punktum.</p>"},
			{Kind: marketing.BlockButton, Text: "Se tilbuddene", URL: "https://shop.example.com/tilbud"},
			{Kind: marketing.BlockProduct, ProductID: 7, URL: "https://shop.example.com/ladcykel"},
			{Kind: marketing.BlockDivider},
			{Kind: marketing.BlockText, Text: "<p>Venlig hilsen<br>{{business.name}}</p>"},
		},
	}, products
}

func newComposer(t testing.TB) *mail.Composer {
	t.Helper()
	layout, products := testLayout()
	return composerFor(t, layout, products)
}

// newSmallComposer makes messages of about 1.5 KB: a subject and one
// short text block.
func newSmallComposer(t testing.TB) *mail.Composer {
	t.Helper()
	return composerFor(t, marketing.EmailLayout{Subject: `Hej {{first_name}}`,
		Blocks: []marketing.EmailBlock{{Kind: marketing.BlockText, Text: "<p>{{salutation}}</p><p>Nyt fra {{business.name}}.</p>"}}}, nil)
}

func composerFor(t testing.TB, layout marketing.EmailLayout, products []marketing.Product) *mail.Composer {
	t.Helper()
	c, err := mail.NewComposer(layout, mail.Options{
		Lang: "da", Currency: "DKK", Campaign: "Forårstilbud 2026", TouchSeq: 1, Products: products,
		Business: marketing.BusinessProfile{Name: "Nørrebro Cykler ApS", Street: "Nørrebrogade 12", Postcode: "2200", City: "København N", Website: "https://shop.example.com"},
		Sender:   mail.Sender{Name: "Nørrebro Cykler", Email: "shop@example.com"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func recipientEmail(i int) string { return fmt.Sprintf("anna%d@example.com", i) }

// newFixture creates the database at path with n contacts
// (anna0@example.com ...) and a mailing to all of them.
func newFixture(t testing.TB, path string, n int) *fixture {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{db: db, journal: path + ".journal"}
	acc := marketing.MailAccount{Name: "Shop", FromName: "Nørrebro Cykler", FromEmail: "shop@example.com", SMTPHost: "127.0.0.1", SMTPPort: 25,
		SMTPSecurity: marketing.SecurityPlain, IMAPSecurity: marketing.SecurityTLS}
	if err := db.SaveMailAccount(ctx, &acc); err != nil {
		t.Fatal(err)
	}
	f.account = acc.ID
	for start := 0; start < n; start += 1000 {
		b := &store.ContactBatch{}
		for i := start; i < min(n, start+1000); i++ {
			b.Contacts = append(b.Contacts, marketing.Contact{FirstName: fmt.Sprintf("Anna%d", i), LastName: "Ærø-Hansen", Gender: "female",
				Email: recipientEmail(i), Street1: "Vestergade 12", Postcode: "2100", City: "København Ø", Country: "DK", Language: "da"})
		}
		if err := db.InsertContactBatch(ctx, b); err != nil {
			t.Fatal(err)
		}
		for _, c := range b.Contacts {
			f.ids = append(f.ids, c.ID)
		}
	}
	rows := make([]store.OutboxRow, n)
	for i := range rows {
		rows[i] = store.OutboxRow{ContactID: f.ids[i], Email: recipientEmail(i), Name: fmt.Sprintf("Anna%d Ærø-Hansen", i), State: marketing.OutboxQueued,
			MessageID: mail.NewMessageID("example.com"), Token: mail.NewToken(), ResponseCode: fmt.Sprintf("K%07d", i)}
	}
	m := marketing.Mailing{Name: "Forårstilbud 2026", AccountID: acc.ID, Selection: "all"}
	if err := db.CreateMailing(ctx, &m, rows); err != nil {
		t.Fatal(err)
	}
	f.touch = m.TouchID
	f.composer = newComposer(t)
	return f
}

func openFixture(t testing.TB, n int) *fixture {
	t.Helper()
	f := newFixture(t, filepath.Join(t.TempDir(), "w.db"), n)
	t.Cleanup(func() { f.db.Close() })
	return f
}

func (f *fixture) runner(cfg mail.Config) *mail.Runner {
	return &mail.Runner{Store: f.db, TouchID: f.touch, AccountID: f.account, From: "shop@example.com", Composer: f.composer, Transport: cfg, Journal: f.journal}
}

// outbox reads the touch's rows by email.
func (f *fixture) outbox(t testing.TB) map[string]marketing.OutboxEntry {
	t.Helper()
	out := map[string]marketing.OutboxEntry{}
	err := f.db.EachOutbox(context.Background(), f.touch, func(e *marketing.OutboxEntry) error {
		out[e.Email] = *e
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func (f *fixture) counts(t testing.TB) map[string]int {
	t.Helper()
	c, err := f.db.OutboxCounts(context.Background(), f.touch)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// checkDelivered fails unless the server received each message at most
// once, and each row sent by the server's 250.
func checkDelivered(t *testing.T, f *fixture, s *testServer) {
	t.Helper()
	seen := map[string]int{}
	for _, m := range s.Received() {
		seen[m.MessageID]++
	}
	for email, e := range f.outbox(t) {
		if seen[e.MessageID] > 1 {
			t.Errorf("%s received %d times", email, seen[e.MessageID])
		}
		if e.State == marketing.OutboxSent && seen[e.MessageID] != 1 {
			t.Errorf("%s is sent but the server has %d copies", email, seen[e.MessageID])
		}
	}
}

// clock is a fake time the tests move.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *clock { return &clock{now: time.Now().UTC().Truncate(time.Second)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	c.now = t
	c.mu.Unlock()
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

func TestRunnerSendsEveryRecipientOnce(t *testing.T) {
	f := openFixture(t, 25)
	s := startServer(t, serverOptions{})
	var last mail.Stats
	r := f.runner(s.config())
	r.Progress = func(st mail.Stats) { last = st }
	if err := r.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if c := f.counts(t); c[marketing.OutboxSent] != 25 || len(c) != 1 {
		t.Fatalf("counts %v", c)
	}
	if last.Sent != 25 {
		t.Fatalf("stats %+v", last)
	}
	got := s.Received()
	if len(got) != 25 || s.Conns() != 1 || s.Count("RSET") != 0 {
		t.Fatalf("%d received over %d connections, %d RSET", len(got), s.Conns(), s.Count("RSET"))
	}
	rows := f.outbox(t)
	for _, m := range got {
		e, ok := rows[m.To[0]]
		if !ok || e.MessageID != m.MessageID || m.From != "shop@example.com" || e.SentAt == "" {
			t.Fatalf("message to %v with id %s, row %+v", m.To, m.MessageID, e)
		}
		// Quoted-printable, roughly undone.
		body := strings.NewReplacer("=\r\n", "", "=3D", "=").Replace(string(m.Data))
		if !strings.Contains(body, "dd="+e.ResponseCode) || !strings.Contains(body, "unsub-"+e.Token) || !strings.Contains(body, "List-Unsubscribe:") {
			t.Fatalf("message lacks its response code or unsubscribe header:\n%s", m.Data)
		}
	}
	checkDelivered(t, f, s)
	// A second run finds nothing to send.
	if err := f.runner(s.config()).Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(s.Received()) != 25 {
		t.Fatal("a second run sent again")
	}
}

// 452 makes a soft failure retried when due (the runner's clock moves),
// and then sent.
func TestA452IsRetriedLaterAndThenSent(t *testing.T) {
	f := openFixture(t, 6)
	s := startServer(t, serverOptions{Rules: []*rule{{Stage: atRcpt, Rcpt: recipientEmail(3), Times: 1,
		Fault: fault{Code: 452, Enhanced: smtp.EnhancedCode{4, 2, 2}, Text: "Mailbox full"}}}})
	clk := newClock()
	run := func() error {
		r := f.runner(s.config())
		r.Now = clk.Now
		return r.Run(context.Background())
	}
	err := run()
	var later *mail.RetryLater
	if !errors.As(err, &later) || !later.At.Equal(clk.Now().Add(5*time.Minute)) {
		t.Fatalf("want RetryLater in 5 minutes, got %v", err)
	}
	e := f.outbox(t)[recipientEmail(3)]
	if e.State != marketing.OutboxSoftFailed || e.Attempts != 1 || !strings.Contains(e.Reason, "452 4.2.2") || e.NextAttempt != marketing.Timestamp(later.At) {
		t.Fatalf("row after 452: %+v", e)
	}
	if c := f.counts(t); c[marketing.OutboxSent] != 5 {
		t.Fatalf("counts %v", c)
	}
	// Not due yet: nothing happens.
	clk.Add(4 * time.Minute)
	if err := run(); !errors.As(err, &later) {
		t.Fatalf("before the retry time: %v", err)
	}
	if f.outbox(t)[recipientEmail(3)].Attempts != 1 {
		t.Fatal("retried too early")
	}
	clk.Set(later.At.Add(time.Second))
	if err := run(); err != nil {
		t.Fatal(err)
	}
	e = f.outbox(t)[recipientEmail(3)]
	if e.State != marketing.OutboxSent || e.Attempts != 2 {
		t.Fatalf("row after the retry: %+v", e)
	}
	if len(s.Received()) != 6 {
		t.Fatalf("%d received", len(s.Received()))
	}
	checkDelivered(t, f, s)
}

// 550 5.1.1 fails that recipient for good; the run goes on.
func TestA550UnknownUserFailsOneRecipientAndTheRunGoesOn(t *testing.T) {
	f := openFixture(t, 8)
	s := startServer(t, serverOptions{Rules: []*rule{{Stage: atRcpt, Rcpt: recipientEmail(2),
		Fault: fault{Code: 550, Enhanced: smtp.EnhancedCode{5, 1, 1}, Text: "No such user"}}}})
	var last mail.Stats
	r := f.runner(s.config())
	r.Progress = func(st mail.Stats) { last = st }
	if err := r.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	e := f.outbox(t)[recipientEmail(2)]
	if e.State != marketing.OutboxHardFailed || e.Reason != "550 5.1.1 No such user" {
		t.Fatalf("row %+v", e)
	}
	if c := f.counts(t); c[marketing.OutboxSent] != 7 || c[marketing.OutboxHardFailed] != 1 {
		t.Fatalf("counts %v", c)
	}
	if last.HardFailed != 1 || last.Sent != 7 || s.Conns() != 1 {
		t.Fatalf("stats %+v, %d connections", last, s.Conns())
	}
	checkDelivered(t, f, s)
}

// Five connection failures in a row pause the run; nothing is claimed.
func TestFiveConnectionFailuresPause(t *testing.T) {
	f := openFixture(t, 4)
	s := startServer(t, serverOptions{})
	s.DropOnConnect.Store(true)
	err := f.runner(s.config()).Run(context.Background())
	var pause *mail.PauseError
	if !errors.As(err, &pause) || pause.Reason != "connection" || pause.Err == nil || pause.Err.Message == "" {
		t.Fatalf("want a PauseError for the connection, got %v", err)
	}
	if s.Conns() != 5 {
		t.Fatalf("%d connections, want 5", s.Conns())
	}
	if c := f.counts(t); c[marketing.OutboxQueued] != 4 {
		t.Fatalf("counts %v", c)
	}
	// The server comes back: Resume sends everything.
	s.DropOnConnect.Store(false)
	if err := f.runner(s.config()).Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if c := f.counts(t); c[marketing.OutboxSent] != 4 {
		t.Fatalf("counts %v", c)
	}
}

// A wrong password pauses at once: waiting will not fix it.
func TestAWrongPasswordPausesAtOnce(t *testing.T) {
	f := openFixture(t, 2)
	s := startServer(t, serverOptions{TLS: tlsImplicit, User: "shop", Password: "secret"})
	cfg := s.config()
	cfg.Password = "wrong"
	err := f.runner(cfg).Run(context.Background())
	var pause *mail.PauseError
	if !errors.As(err, &pause) || pause.Reason != "auth" || s.Conns() != 1 {
		t.Fatalf("got %v after %d connections", err, s.Conns())
	}
}

// A connection lost after the final dot makes that row unknown; a second
// run does not send it again.
func TestALostConnectionAfterTheDotLeavesTheRowUnknown(t *testing.T) {
	f := openFixture(t, 6)
	s := startServer(t, serverOptions{Rules: []*rule{{Stage: atData, Rcpt: recipientEmail(2), Fault: fault{Drop: true}}}})
	if err := f.runner(s.config()).Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	e := f.outbox(t)[recipientEmail(2)]
	if e.State != marketing.OutboxUnknown || !strings.Contains(e.Reason, "handed over") {
		t.Fatalf("row %+v", e)
	}
	if c := f.counts(t); c[marketing.OutboxSent] != 5 || c[marketing.OutboxUnknown] != 1 {
		t.Fatalf("counts %v", c)
	}
	if err := f.runner(s.config()).Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, m := range s.Received() {
		if m.MessageID == e.MessageID {
			n++
		}
	}
	if n != 1 || len(s.Received()) != 6 {
		t.Fatalf("the unknown message reached the server %d times (%d messages)", n, len(s.Received()))
	}
	checkDelivered(t, f, s)
}

// A connection lost before the data is sent again on a new connection.
func TestALostConnectionBeforeTheDataIsRetried(t *testing.T) {
	f := openFixture(t, 5)
	s := startServer(t, serverOptions{Rules: []*rule{{Stage: atRcpt, Rcpt: recipientEmail(1), Times: 2, Fault: fault{Drop: true}}}})
	if err := f.runner(s.config()).Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	e := f.outbox(t)[recipientEmail(1)]
	if e.State != marketing.OutboxSent || e.Attempts != 3 || s.Conns() != 3 {
		t.Fatalf("row %+v after %d connections", e, s.Conns())
	}
	checkDelivered(t, f, s)
}

// Suppressed addresses and deleted contacts are skipped, not sent.
func TestSuppressedAndDeletedRecipientsAreSkipped(t *testing.T) {
	f := openFixture(t, 6)
	ctx := context.Background()
	if err := f.db.AddSuppression(ctx, marketing.Suppression{Email: "Anna4@Example.com", Reason: marketing.SuppressUnsubscribe}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.DeleteContacts(ctx, []int64{f.ids[1]}); err != nil {
		t.Fatal(err)
	}
	s := startServer(t, serverOptions{})
	if err := f.runner(s.config()).Run(ctx); err != nil {
		t.Fatal(err)
	}
	rows := f.outbox(t)
	if e := rows[recipientEmail(4)]; e.State != marketing.OutboxSkipped || e.Reason != marketing.SkipSuppressed {
		t.Fatalf("suppressed row %+v", e)
	}
	if e := rows[recipientEmail(1)]; e.State != marketing.OutboxSkipped || e.Reason != "contact_deleted" {
		t.Fatalf("deleted contact's row %+v", e)
	}
	for _, m := range s.Received() {
		if m.To[0] == recipientEmail(4) || m.To[0] == recipientEmail(1) {
			t.Fatalf("sent to %s", m.To[0])
		}
	}
	if c := f.counts(t); c[marketing.OutboxSent] != 4 || c[marketing.OutboxSkipped] != 2 {
		t.Fatalf("counts %v", c)
	}
}

// PerMinute=3: no minute (on the runner's clock) sees more than three
// messages; the runner waits for the window instead.
func TestARateLimitMakesTheRunnerWait(t *testing.T) {
	f := openFixture(t, 7)
	s := startServer(t, serverOptions{})
	clk := newClock()
	var sends, waits []time.Time
	lastSent := 0
	r := f.runner(s.config())
	r.Now = clk.Now
	r.Limits = mail.Limits{PerMinute: 3}
	r.Progress = func(st mail.Stats) {
		if st.Sent > lastSent {
			lastSent = st.Sent
			sends = append(sends, clk.Now())
			// Each message "takes" just under 20 s: the fourth finds the
			// window full for a moment.
			clk.Add(19990 * time.Millisecond)
		}
		if st.Waiting == "rate_limit" {
			waits = append(waits, st.Until)
			clk.Set(st.Until)
		}
	}
	began := time.Now()
	if err := r.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(sends) != 7 || len(s.Received()) != 7 {
		t.Fatalf("%d sent, %d received", len(sends), len(s.Received()))
	}
	if len(waits) < 2 {
		t.Fatalf("the runner waited %d times, want 2", len(waits))
	}
	for i := 3; i < len(sends); i++ {
		if d := sends[i].Sub(sends[i-3]); d < time.Minute {
			t.Fatalf("messages %d and %d only %s apart: more than 3 a minute", i-3, i, d)
		}
	}
	if waits[0] != sends[0].Add(time.Minute) {
		t.Fatalf("first wait until %s, first send at %s", waits[0], sends[0])
	}
	if took := time.Since(began); took > 5*time.Second {
		t.Fatalf("took %s of real time", took)
	}
}

// Stopping a run (pause, shutdown) while a message waits for the server
// before its final dot leaves that row queued: it was not handed over,
// so the next run sends it rather than calling it unknown.
func TestStoppingBeforeTheDotLeavesTheRowQueued(t *testing.T) {
	f := openFixture(t, 3)
	s := startServer(t, serverOptions{Rules: []*rule{{Stage: atRcpt, Rcpt: recipientEmail(1), Times: 1, Fault: fault{Delay: 10 * time.Second}}}})
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for len(s.Received()) < 1 || s.Mails() < 2 {
			time.Sleep(5 * time.Millisecond)
		}
		time.Sleep(50 * time.Millisecond)
		cancel()
	}()
	if err := f.runner(s.config()).Run(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("want the run cancelled, got %v", err)
	}
	if e := f.outbox(t)[recipientEmail(1)]; e.State != marketing.OutboxQueued {
		t.Fatalf("row after the stop: %+v", e)
	}
	if err := f.runner(s.config()).Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if c := f.counts(t); c[marketing.OutboxSent] != 3 {
		t.Fatalf("counts %v", c)
	}
	checkDelivered(t, f, s)
}

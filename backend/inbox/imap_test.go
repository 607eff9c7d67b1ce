package inbox_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"log"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"directdesk/backend/inbox"
	"directdesk/backend/marketing"
	"directdesk/backend/store"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
)

// ---------------------------------------------------------------------------
// A real IMAP server on loopback: go-imap's server with its memory backend.

type serverMode int

const (
	modeTLS      serverMode = iota // implicit TLS
	modeSTARTTLS                   // plain port that offers STARTTLS
	modePlain                      // no TLS at all (and so no STARTTLS)
)

type testServer struct {
	host     string
	port     int
	user     *imapmemserver.User
	roots    *x509.CertPool
	failMove atomic.Bool // MOVE answers NO while set
	mu       sync.Mutex
	wire     bytes.Buffer // what the clients sent and got (DebugWriter)
}

func (ts *testServer) Write(p []byte) (int, error) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return ts.wire.Write(p)
}

func (ts *testServer) traffic() string {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return ts.wire.String()
}

// moveSession lets a test make MOVE fail (a full mailbox, a quota).
type moveSession struct {
	imapserver.Session
	ts *testServer
}

func (s *moveSession) Move(w *imapserver.MoveWriter, numSet imap.NumSet, dest string) error {
	if s.ts.failMove.Load() {
		return &imap.Error{Type: imap.StatusResponseTypeNo, Code: imap.ResponseCodeOverQuota, Text: "Quota exceeded"}
	}
	return s.Session.(imapserver.SessionMove).Move(w, numSet, dest)
}

var defaultCaps = imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapMove: {}, imap.CapUIDPlus: {}}

// startServer serves one user "shop@example.dk" / "secret" with an empty
// INBOX. certNames are the names the server certificate is valid for.
func startServer(t *testing.T, mode serverMode, caps imap.CapSet, certNames ...string) *testServer {
	t.Helper()
	if caps == nil {
		caps = defaultCaps
	}
	if len(certNames) == 0 {
		certNames = []string{"127.0.0.1"}
	}
	cert, roots := selfSigned(t, certNames...)
	ts := &testServer{host: "127.0.0.1", roots: roots}
	mem := imapmemserver.New()
	ts.user = imapmemserver.NewUser("shop@example.dk", "secret")
	if err := ts.user.Create("INBOX", nil); err != nil {
		t.Fatal(err)
	}
	mem.AddUser(ts.user)
	tlsCfg := &tls.Config{Certificates: []tls.Certificate{cert}}
	opts := &imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return &moveSession{Session: mem.NewSession(), ts: ts}, nil, nil
		},
		Caps:         caps,
		Logger:       log.New(io.Discard, "", 0),
		InsecureAuth: mode == modePlain,
		DebugWriter:  ts,
	}
	if mode == modeSTARTTLS {
		opts.TLSConfig = tlsCfg
	}
	srv := imapserver.New(opts)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts.port = ln.Addr().(*net.TCPAddr).Port
	if mode == modeTLS {
		ln = tls.NewListener(ln, tlsCfg)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ts
}

// selfSigned makes a certificate for names (IP addresses or host names)
// and a pool that trusts it.
func selfSigned(t *testing.T, names ...string) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "DirectDesk test"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	for _, n := range names {
		if ip := net.ParseIP(n); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else {
			tmpl.DNSNames = append(tmpl.DNSNames, n)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool
}

func (ts *testServer) account(sec marketing.MailSecurity) marketing.MailAccount {
	return marketing.MailAccount{ID: 1, Name: "Shop", FromEmail: "shop@example.dk", SMTPUser: "shop@example.dk",
		IMAPHost: ts.host, IMAPPort: ts.port, IMAPSecurity: sec}
}

func (ts *testServer) options() inbox.Options {
	return inbox.Options{TLSConfig: &tls.Config{RootCAs: ts.roots}, Timeout: 5 * time.Second}
}

type literal struct{ *bytes.Reader }

func (l literal) Size() int64 { return int64(l.Len()) }

// deliver puts a message in the INBOX as if it arrived at t (zero: now).
func (ts *testServer) deliver(t *testing.T, raw []byte, at time.Time, flags ...imap.Flag) {
	t.Helper()
	raw = bytes.ReplaceAll(raw, []byte("\n"), []byte("\r\n"))
	if _, err := ts.user.Append("INBOX", literal{bytes.NewReader(raw)}, &imap.AppendOptions{Time: at, Flags: flags}); err != nil {
		t.Fatal(err)
	}
}

func (ts *testServer) deliverFile(t *testing.T, name string) {
	t.Helper()
	raw, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	ts.deliver(t, raw, time.Time{})
}

// count returns the number of messages, unseen ones and ones marked
// \Deleted in a folder (-1s when it does not exist).
func (ts *testServer) count(folder string) (n, unseen, deleted int) {
	st, err := ts.user.Status(folder, &imap.StatusOptions{NumMessages: true, NumUnseen: true, NumDeleted: true})
	if err != nil {
		return -1, -1, -1
	}
	return int(*st.NumMessages), int(*st.NumUnseen), int(*st.NumDeleted)
}

// ---------------------------------------------------------------------------
// A store in memory

type fakeStore struct {
	mu             sync.Mutex
	validity, last uint32
	saves          int
	refs           map[string]inbox.OutboxRef // message ID, "token:"+token or "to:"+address
	events         []marketing.InboxEvent
	seen           map[string]bool
}

func newFakeStore() *fakeStore {
	return &fakeStore{refs: map[string]inbox.OutboxRef{}, seen: map[string]bool{}}
}

func (s *fakeStore) InboxCheckpoint(ctx context.Context, accountID int64) (uint32, uint32, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.validity, s.last, nil
}

func (s *fakeStore) SaveInboxCheckpoint(ctx context.Context, accountID int64, validity, last uint32) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.validity, s.last = validity, last
	s.saves++
	return nil
}

func (s *fakeStore) FindOutbox(ctx context.Context, ids []string, token, recipient string) (inbox.OutboxRef, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range ids {
		if r, ok := s.refs[id]; ok {
			return r, true, nil
		}
	}
	if r, ok := s.refs["token:"+token]; ok && token != "" {
		return r, true, nil
	}
	r, ok := s.refs["to:"+strings.ToLower(recipient)]
	return r, ok && recipient != "", nil
}

func (s *fakeStore) RecordInbox(ctx context.Context, e marketing.InboxEvent) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.seen[e.MessageID] {
		return false, nil
	}
	s.seen[e.MessageID] = true
	s.events = append(s.events, e)
	return true, nil
}

func (s *fakeStore) kinds() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]int{}
	for _, e := range s.events {
		out[e.Kind]++
	}
	return out
}

// ours is a store that knows the campaign mails of the fixtures.
func ours() *fakeStore {
	st := newFakeStore()
	st.refs["dd.q7z2m4k8w3x5c6v1@blomsterhuset.dk"] = inbox.OutboxRef{OutboxID: 1, ContactID: 11, CampaignID: 5, TouchID: 6, Email: "jens.hansen@example.dk"}
	st.refs["dd.p2q3r4s5t6u7v2w3@blomsterhuset.dk"] = inbox.OutboxRef{OutboxID: 2, ContactID: 12, CampaignID: 5, TouchID: 6, Email: "lars.poulsen@gmail.com"}
	st.refs["dd.a2b3c4d5e6f7g2h3@blomsterhuset.dk"] = inbox.OutboxRef{OutboxID: 3, ContactID: 13, CampaignID: 5, TouchID: 6, Email: "karen.skov@privat-mail.dk"}
	st.refs["dd.h7j2k3l4z5x6c7v2@designboden.dk"] = inbox.OutboxRef{OutboxID: 4, ContactID: 14, CampaignID: 5, TouchID: 6, Email: "peter.jones@northwind.co.uk"}
	st.refs["dd.w3e4r5t6y7u2i3o4@gmail.com"] = inbox.OutboxRef{OutboxID: 5, ContactID: 15, CampaignID: 5, TouchID: 6, Email: "peter@langsom-server.dk"}
	st.refs["token:abcdefghij234567"] = inbox.OutboxRef{OutboxID: 1, ContactID: 11, CampaignID: 5, TouchID: 6, Email: "jens.hansen@example.dk"}
	// Known by address only: the Exim report's Message-ID is not ours.
	st.refs["to:ola.nordmann@eksempel.no"] = inbox.OutboxRef{OutboxID: 7, ContactID: 17, CampaignID: 5, TouchID: 6, Email: "ola.nordmann@eksempel.no"}
	return st
}

const foreignReply = "From: Nabo <nabo@example.dk>\nSubject: Re: Grillaften\nMessage-ID: <grill-2@example.dk>\nIn-Reply-To: <grill-1@shop.example.dk>\n\nJeg kommer!\n"

// ---------------------------------------------------------------------------

func TestSyncMovesOurMailAndLeavesTheRest(t *testing.T) {
	ts := startServer(t, modeTLS, nil)
	for _, f := range []string{"postfix_511.eml", "reply_human.eml", "newsletter.eml", "unsubscribe_token.eml", "autoreply_da.eml", "exim_plain.eml"} {
		ts.deliverFile(t, f)
	}
	ts.deliver(t, []byte(foreignReply), time.Time{})
	// Ours, but two months old: the first sync does not dig that far.
	old, _ := os.ReadFile("testdata/autoreply_en_exchange.eml")
	ts.deliver(t, old, time.Now().AddDate(0, -2, 0))

	st := ours()
	opt := ts.options()
	var progress [2]int
	opt.Progress = func(done, total int) { progress = [2]int{done, total} }
	res, err := inbox.Sync(context.Background(), ts.account(marketing.SecurityTLS), "secret", st, opt)
	if err != nil {
		t.Fatal(err)
	}
	if progress != [2]int{7, 7} {
		t.Fatalf("progress %v", progress)
	}
	want := map[string]int{marketing.InboxBounceHard: 2, marketing.InboxReply: 1, marketing.InboxUnsubscribe: 1, marketing.InboxAutoReply: 1}
	// The reply stays in the INBOX for the shop owner to answer.
	if res.Checked != 7 || res.Moved != 4 || !sameCounts(res.Counts, want) || len(res.Events) != 5 {
		t.Fatalf("result %+v", res)
	}
	if got := st.kinds(); !sameCounts(got, want) {
		t.Fatalf("recorded %v", got)
	}
	// Unrelated and old mail stays in the INBOX, unread; ours is in the
	// processed folder (created on the way), unread too.
	if n, unseen, _ := ts.count("INBOX"); n != 4 || unseen != 4 {
		t.Fatalf("INBOX holds %d (%d unseen), want 4", n, unseen)
	}
	if n, unseen, _ := ts.count(inbox.DefaultFolder); n != 4 || unseen != 4 {
		t.Fatalf("%s holds %d (%d unseen), want 4", inbox.DefaultFolder, n, unseen)
	}
	for _, e := range res.Events {
		switch e.Kind {
		case marketing.InboxBounceHard:
			if !(e.OutboxID == 1 && e.Recipient == "jens.hansen@example.dk" && e.Status == "5.1.1") && !(e.OutboxID == 7 && e.Recipient == "ola.nordmann@eksempel.no") {
				t.Errorf("bounce %+v", e)
			}
		case marketing.InboxReply:
			if e.OutboxID != 2 || e.ContactID != 12 || e.CampaignID != 5 || !strings.HasPrefix(e.Snippet, "Hej Har I stadig") || e.UID == 0 || e.AccountID != 1 {
				t.Errorf("reply %+v", e)
			}
		case marketing.InboxUnsubscribe:
			if e.OutboxID != 1 || e.Recipient != "jens.hansen@example.dk" {
				t.Errorf("unsubscribe %+v", e)
			}
		}
	}
	// The checkpoint is past everything that was there.
	if st.validity == 0 || st.last != 8 {
		t.Fatalf("checkpoint %d/%d", st.validity, st.last)
	}

	// The next sync reads only what came since.
	ts.deliverFile(t, "gmail_delay.eml")
	res, err = inbox.Sync(context.Background(), ts.account(marketing.SecurityTLS), "secret", st, ts.options())
	if err != nil || res.Checked != 1 || res.Counts[marketing.InboxBounceSoft] != 1 || len(res.Counts) != 1 {
		t.Fatalf("second sync %+v %v", res, err)
	}
	res, err = inbox.Sync(context.Background(), ts.account(marketing.SecurityTLS), "secret", st, ts.options())
	if err != nil || res.Checked != 0 || res.Moved != 0 {
		t.Fatalf("third sync %+v %v", res, err)
	}
}

func sameCounts(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestSyncOverSTARTTLS(t *testing.T) {
	ts := startServer(t, modeSTARTTLS, nil)
	ts.deliverFile(t, "postfix_511.eml")
	acct := ts.account(marketing.SecuritySTARTTLS)
	acct.ProcessedFolder = "Behandlet"
	res, err := inbox.Sync(context.Background(), acct, "secret", ours(), ts.options())
	if err != nil || res.Moved != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	if n, _, _ := ts.count("Behandlet"); n != 1 {
		t.Fatalf("Behandlet holds %d", n)
	}
	if err := inbox.Check(context.Background(), acct, "secret", ts.options()); err != nil {
		t.Fatal(err)
	}
}

// Without MOVE: COPY, \Deleted and UID EXPUNGE of that message only. Mail
// the user marked deleted (but did not expunge) is left as it is.
func TestSyncWithoutMove(t *testing.T) {
	for _, tc := range []struct {
		name        string
		caps        imap.CapSet
		inbox, dels int // what stays in the INBOX, and how many of those are marked \Deleted
	}{
		{"UIDPLUS", imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapUIDPlus: {}}, 1, 1},
		// No way to expunge one UID: ours stays, marked \Deleted, for the
		// user's mail program to clean up.
		{"neither", imap.CapSet{imap.CapIMAP4rev1: {}}, 2, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts := startServer(t, modePlain, tc.caps)
			ts.deliver(t, []byte(foreignReply), time.Time{}, imap.FlagDeleted)
			ts.deliverFile(t, "postfix_511.eml")
			res, err := inbox.Sync(context.Background(), ts.account(marketing.SecurityPlain), "secret", ours(), ts.options())
			if err != nil || res.Moved != 1 {
				t.Fatalf("%+v %v", res, err)
			}
			if n, _, d := ts.count("INBOX"); n != tc.inbox || d != tc.dels {
				t.Fatalf("INBOX holds %d (%d deleted), want %d (%d)", n, d, tc.inbox, tc.dels)
			}
			if n, _, _ := ts.count(inbox.DefaultFolder); n != 1 {
				t.Fatalf("folder holds %d", n)
			}
		})
	}
}

// Record first, move second: a failed move leaves the message where it
// is, the checkpoint before it, and the next sync moves it without
// recording it twice.
func TestSyncMoveFailsThenSucceeds(t *testing.T) {
	ts := startServer(t, modeTLS, nil)
	ts.deliverFile(t, "autoreply_da.eml")
	ts.deliverFile(t, "postfix_511.eml")
	ts.failMove.Store(true)
	st := ours()
	res, err := inbox.Sync(context.Background(), ts.account(marketing.SecurityTLS), "secret", st, ts.options())
	if reason(err) != "move" || res.Moved != 0 || len(st.events) != 1 {
		t.Fatalf("%+v %v (%d recorded)", res, err, len(st.events))
	}
	if st.last != 0 {
		t.Fatalf("checkpoint moved past the message to %d", st.last)
	}
	ts.failMove.Store(false)
	res, err = inbox.Sync(context.Background(), ts.account(marketing.SecurityTLS), "secret", st, ts.options())
	if err != nil || res.Moved != 2 || len(res.Events) != 1 || res.Events[0].Kind != marketing.InboxBounceHard || len(st.events) != 2 {
		t.Fatalf("retry %+v %v", res, err)
	}
	if n, _, _ := ts.count("INBOX"); n != 0 {
		t.Fatalf("INBOX holds %d", n)
	}
}

// When the server renumbers the INBOX (UIDVALIDITY changes), the old
// checkpoint means nothing: everything recent is looked at again.
func TestSyncUIDValidityChanged(t *testing.T) {
	ts := startServer(t, modeTLS, nil)
	ts.deliverFile(t, "postfix_511.eml")
	st := ours()
	st.validity, st.last = 4242, 1000
	res, err := inbox.Sync(context.Background(), ts.account(marketing.SecurityTLS), "secret", st, ts.options())
	if err != nil || res.Checked != 1 || res.Moved != 1 || st.validity == 4242 {
		t.Fatalf("%+v %v, checkpoint %d/%d", res, err, st.validity, st.last)
	}
}

func reason(err error) string {
	var me *marketing.Error
	if errors.As(err, &me) && me.Details != nil {
		return me.Details["reason"]
	}
	if err != nil {
		return "not ours: " + err.Error()
	}
	return ""
}

func TestSyncConnectionErrors(t *testing.T) {
	tlsServer := startServer(t, modeTLS, nil)
	wrongName := startServer(t, modeTLS, nil, "imap.other.example")
	noSTARTTLS := startServer(t, modePlain, nil)
	plain := startServer(t, modePlain, nil)

	// A port where nothing listens.
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	closedPort := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	// A server that accepts and then says nothing.
	silent, _ := net.Listen("tcp", "127.0.0.1:0")
	defer silent.Close()
	go func() {
		for {
			c, err := silent.Accept()
			if err != nil {
				return
			}
			defer c.Close()
		}
	}()
	canceled, cancel := context.WithCancel(context.Background())
	cancel()

	fast := inbox.Options{Timeout: 500 * time.Millisecond}
	for _, tc := range []struct {
		name     string
		acct     marketing.MailAccount
		password string
		opt      inbox.Options
		ctx      context.Context
		reason   string
	}{
		{"unknown authority", tlsServer.account(marketing.SecurityTLS), "secret", inbox.Options{}, nil, "certificate"},
		{"certificate for another name", wrongName.account(marketing.SecurityTLS), "secret", wrongName.options(), nil, "certificate"},
		{"STARTTLS not offered", noSTARTTLS.account(marketing.SecuritySTARTTLS), "secret", noSTARTTLS.options(), nil, "starttls_missing"},
		{"TLS to a plain port", plain.account(marketing.SecurityTLS), "secret", plain.options(), nil, "tls"},
		{"wrong password", tlsServer.account(marketing.SecurityTLS), "guess", tlsServer.options(), nil, "auth"},
		{"nothing listens", marketing.MailAccount{IMAPHost: "127.0.0.1", IMAPPort: closedPort, IMAPSecurity: marketing.SecurityTLS}, "secret", fast, nil, "refused"},
		{"silent server", marketing.MailAccount{IMAPHost: "127.0.0.1", IMAPPort: silent.Addr().(*net.TCPAddr).Port, IMAPSecurity: marketing.SecurityTLS}, "secret", fast, nil, "timeout"},
		{"silent server, plain", marketing.MailAccount{IMAPHost: "127.0.0.1", IMAPPort: silent.Addr().(*net.TCPAddr).Port, IMAPSecurity: marketing.SecurityPlain}, "secret", fast, nil, "timeout"},
		{"no such host", marketing.MailAccount{IMAPHost: "imap.does-not-exist.invalid", IMAPSecurity: marketing.SecurityTLS}, "secret", inbox.Options{Timeout: 3 * time.Second}, nil, "dns"},
		{"no server", marketing.MailAccount{}, "secret", inbox.Options{}, nil, "no_server"},
	} {
		ctx := tc.ctx
		if ctx == nil {
			ctx = context.Background()
		}
		start := time.Now()
		_, err := inbox.Sync(ctx, tc.acct, tc.password, newFakeStore(), tc.opt)
		got := reason(err)
		t.Logf("%s: %v", tc.name, err)
		if tc.name == "no such host" && (got == "timeout" || got == "connect") {
			continue // a sandbox without a resolver cannot say "no such name"
		}
		if got != tc.reason {
			t.Errorf("%s: reason %q, want %q (%v)", tc.name, got, tc.reason, err)
			continue
		}
		var me *marketing.Error
		if errors.As(err, &me); me.Code != marketing.EInvalid || me.Field != "imap" || me.Message == "" {
			t.Errorf("%s: %+v", tc.name, me)
		}
		if d := time.Since(start); d > 4*time.Second {
			t.Errorf("%s took %v", tc.name, d)
		}
	}
	// The password never crossed a connection without TLS.
	if strings.Contains(noSTARTTLS.traffic(), "secret") || strings.Contains(noSTARTTLS.traffic(), "LOGIN") {
		t.Fatalf("the client logged in without STARTTLS:\n%s", noSTARTTLS.traffic())
	}
	if _, err := inbox.Sync(canceled, tlsServer.account(marketing.SecurityTLS), "secret", newFakeStore(), tlsServer.options()); marketing.ErrorCode(err) != marketing.ECanceled {
		t.Fatalf("canceled: %v", err)
	}
}

// The certificate error names the problem for the user, not just a code.
func TestCertificateErrorSaysSo(t *testing.T) {
	ts := startServer(t, modeTLS, nil, "imap.other.example")
	err := inbox.Check(context.Background(), ts.account(marketing.SecurityTLS), "secret", ts.options())
	var me *marketing.Error
	if !errors.As(err, &me) || !strings.Contains(me.Message, "certificate") || me.Details["host"] != "127.0.0.1" {
		t.Fatalf("%v", err)
	}
}

// The whole way through the real workspace store: a bounce and an opt-out
// from the same person end as a bounced outbox row, one suppression and a
// refused consent; a second sync changes nothing.
func TestSyncWithTheRealStore(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.db")
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	jens := marketing.Contact{FirstName: "Jens", LastName: "Hansen", Email: "jens.hansen@example.dk"}
	if err := marketing.ValidateContact(&jens, time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateContact(ctx, &jens); err != nil {
		t.Fatal(err)
	}
	// One sent message in the outbox, made the way a mailing makes it.
	acct := marketing.MailAccount{Name: "Shop", FromEmail: "butik@blomsterhuset.dk", SMTPHost: "smtp.example.dk", SMTPPort: 465, SMTPSecurity: marketing.SecurityTLS, IMAPSecurity: marketing.SecurityTLS}
	if err := db.SaveMailAccount(ctx, &acct); err != nil {
		t.Fatal(err)
	}
	m := marketing.Mailing{Name: "Forårstilbud", AccountID: acct.ID}
	if err := db.CreateMailing(ctx, &m, []store.OutboxRow{{ContactID: jens.ID, Email: jens.Email, Name: "Jens Hansen", State: marketing.OutboxQueued,
		MessageID: "dd.q7z2m4k8w3x5c6v1@blomsterhuset.dk", Token: "abcdefghij234567"}}); err != nil {
		t.Fatal(err)
	}
	rows, _, err := db.OutboxPage(ctx, m.TouchID, "", "", 0, 10)
	if err != nil || len(rows) != 1 {
		t.Fatal(rows, err)
	}
	if _, err := db.ReserveBatch(ctx, m.TouchID, time.Now(), 10, "test"); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveOutcomes(ctx, []store.Outcome{{ID: rows[0].ID, State: marketing.OutboxSent}}); err != nil {
		t.Fatal(err)
	}

	ts := startServer(t, modeTLS, nil)
	ts.deliverFile(t, "postfix_511.eml")       // ours by Message-ID
	ts.deliverFile(t, "unsubscribe_token.eml") // ours by token
	ts.deliverFile(t, "reply_human.eml")       // a reply to a mail we do not know
	res, err := inbox.Sync(ctx, ts.account(marketing.SecurityTLS), "secret", db, ts.options())
	if err != nil || res.Moved != 2 || res.Counts[marketing.InboxBounceHard] != 1 || res.Counts[marketing.InboxUnsubscribe] != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	if ok, _ := db.IsSuppressed(ctx, "Jens.Hansen@example.dk"); !ok {
		t.Fatal("not suppressed")
	}
	list, total, err := db.Suppressions(ctx, "", 10, 0)
	if err != nil || total != 1 || list[0].Reason != marketing.SuppressHardBounce {
		t.Fatalf("suppressions %+v %v", list, err)
	}
	if rows, _, err = db.OutboxPage(ctx, m.TouchID, "", "", 0, 10); err != nil || rows[0].State != marketing.OutboxBounced {
		t.Fatalf("outbox %+v %v", rows, err)
	}
	if c, err := db.MailCandidates(ctx, []int64{jens.ID}); err != nil || len(c) != 1 || c[0].Consent != marketing.ConsentRefused {
		t.Fatalf("consent %+v %v", c, err)
	}
	log, err := db.InboxLog(ctx, acct.ID, 10)
	if err != nil || len(log) != 2 || log[0].Kind != marketing.InboxUnsubscribe || log[1].CampaignID != m.CampaignID {
		t.Fatalf("log %+v %v", log, err)
	}
	if v, last, _ := db.InboxCheckpoint(ctx, acct.ID); v == 0 || last != 3 {
		t.Fatalf("checkpoint %d/%d", v, last)
	}
	if n, _, _ := ts.count("INBOX"); n != 1 {
		t.Fatalf("INBOX holds %d", n)
	}
	res, err = inbox.Sync(ctx, ts.account(marketing.SecurityTLS), "secret", db, ts.options())
	if err != nil || res.Checked != 0 {
		t.Fatalf("second sync %+v %v", res, err)
	}
}

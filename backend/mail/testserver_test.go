package mail_test

import (
	"bytes"
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
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"directdesk/backend/mail"
	"directdesk/backend/marketing"
)

// A reusable SMTP server on 127.0.0.1 for the tests of this package
// (go-smtp). It records every message whose final dot arrived, counts
// connections, records the commands each connection sent (while the
// connection is readable in the clear), and injects faults: a reply at
// MAIL, RCPT or after the data, a connection dropped before, during or
// after the data, or a delay.

// tlsMode is how the test server protects its connections.
type tlsMode int

const (
	tlsNone     tlsMode = iota // plain; STARTTLS not offered
	tlsImplicit                // TLS from the first byte (port 465 style)
	tlsStartTLS                // plain, STARTTLS offered (port 587 style)
)

// Stages at which a fault can strike.
const (
	atMail = "mail"
	atRcpt = "rcpt"
	atData = "data" // the reply after the final dot (or during the data)
)

// fault is what the server does instead of accepting a step.
type fault struct {
	Code     int // reply with this code (and Enhanced, Text)
	Enhanced smtp.EnhancedCode
	Text     string
	// Drop closes the connection without replying. At atMail or atRcpt the
	// message never reaches DATA; at atData it is dropped after the final
	// dot (the message was received, no reply), or with Partial after the
	// first bytes of the data (during DATA).
	Drop    bool
	Partial bool
	// Delay comes before the reply (or the drop).
	Delay time.Duration
}

// rule applies a fault at a stage, to a message number (MAIL commands
// counted from 1 across the server) and/or a recipient; Times limits how
// often it fires (0 = always).
type rule struct {
	Stage string
	Msg   int
	Rcpt  string
	Fault fault
	Times int
	used  int
}

// received is one message whose final dot reached the server.
type received struct {
	Conn      int
	Msg       int
	From      string
	To        []string
	Data      []byte
	MessageID string
	// Reply is the server's answer to the final dot: 250, a rejection,
	// or 0 when the connection was dropped without one.
	Reply int
	// Acked: the server accepted it (250).
	Acked bool
}

// command is one command line a connection sent; Batch counts the reads
// that brought commands in, so pipelined commands share a batch.
type command struct {
	Verb, Line string
	Batch      int
}

type serverOptions struct {
	TLS tlsMode
	// NoPipelining hides PIPELINING from the EHLO reply (plain and
	// implicit TLS connections only).
	NoPipelining bool
	// User and Password require AUTH PLAIN (offered only then).
	User, Password string
	// Cert is the server's certificate; by default one for 127.0.0.1 and
	// localhost.
	Cert *tls.Certificate
	// HelloDelay delays the reply to EHLO.
	HelloDelay time.Duration
	// AckAndClose is asked after each accepted message: true writes the
	// 250 and closes the connection at once.
	AckAndClose func(r *received) bool
	// Discard keeps only the Message-ID of each message (benchmarks).
	Discard bool
	Rules   []*rule
}

type testServer struct {
	t    testing.TB
	Host string
	Port int
	// Pool trusts the server's certificate.
	Pool *x509.CertPool
	opt  serverOptions
	srv  *smtp.Server
	done chan struct{}

	// DropOnConnect closes each new connection before the greeting.
	DropOnConnect atomic.Bool

	acked atomic.Int64

	mu       sync.Mutex
	conns    int
	msgs     int
	got      []received
	commands map[int][]command
	authTry  int
}

func startServer(t testing.TB, opt serverOptions) *testServer {
	t.Helper()
	s := &testServer{t: t, opt: opt, done: make(chan struct{}), commands: map[int][]command{}}
	raw, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := raw.Addr().(*net.TCPAddr)
	s.Host, s.Port = "127.0.0.1", addr.Port
	var tcfg *tls.Config
	if opt.TLS != tlsNone {
		cert := opt.Cert
		if cert == nil {
			c, _ := newCert(t, "localhost", "127.0.0.1")
			cert = &c
		}
		tcfg = &tls.Config{Certificates: []tls.Certificate{*cert}, MinVersion: tls.VersionTLS12}
		s.Pool = x509.NewCertPool()
		leaf, err := x509.ParseCertificate(cert.Certificate[0])
		if err != nil {
			t.Fatal(err)
		}
		s.Pool.AddCert(leaf)
	}
	var l net.Listener = raw
	if opt.TLS == tlsImplicit {
		// The recorder sits above TLS, so it sees the commands.
		l = tls.NewListener(raw, tcfg)
	}
	s.srv = smtp.NewServer(smtp.BackendFunc(s.newSession))
	s.srv.Domain = "localhost"
	s.srv.AllowInsecureAuth = true
	s.srv.ErrorLog = log.New(io.Discard, "", 0)
	if opt.TLS == tlsStartTLS {
		s.srv.TLSConfig = tcfg
	}
	go s.srv.Serve(&wireListener{Listener: l, s: s})
	t.Cleanup(func() {
		close(s.done)
		s.srv.Close()
	})
	return s
}

// config is a client configuration for this server.
func (s *testServer) config() mail.Config {
	cfg := mail.Config{Host: s.Host, Port: s.Port, Security: marketing.SecurityPlain, Hello: "example.com", Timeout: 5 * time.Second}
	switch s.opt.TLS {
	case tlsImplicit:
		cfg.Security = marketing.SecurityTLS
	case tlsStartTLS:
		cfg.Security = marketing.SecuritySTARTTLS
	}
	if s.Pool != nil {
		cfg.TLSConfig = &tls.Config{RootCAs: s.Pool}
	}
	cfg.User, cfg.Password = s.opt.User, s.opt.Password
	return cfg
}

func (s *testServer) addRule(r *rule) {
	s.mu.Lock()
	s.opt.Rules = append(s.opt.Rules, r)
	s.mu.Unlock()
}

// match returns the first rule that fires at this step.
func (s *testServer) match(stage string, msg int, rcpts []string) *fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range s.opt.Rules {
		if r.Stage != stage || (r.Msg != 0 && r.Msg != msg) || (r.Times != 0 && r.used >= r.Times) {
			continue
		}
		if r.Rcpt != "" && !containsFold(rcpts, r.Rcpt) {
			continue
		}
		r.used++
		f := r.Fault
		return &f
	}
	return nil
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

// Received returns the messages whose final dot arrived.
func (s *testServer) Received() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]received(nil), s.got...)
}

// Acked counts the messages accepted with 250.
func (s *testServer) Acked() int { return int(s.acked.Load()) }

// Conns counts the connections accepted.
func (s *testServer) Conns() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conns
}

// Mails counts the MAIL commands that reached a session.
func (s *testServer) Mails() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.msgs
}

// AuthTries counts AUTH attempts.
func (s *testServer) AuthTries() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.authTry
}

// Commands returns every connection's commands, in connection order.
func (s *testServer) Commands() [][]command {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([][]command, s.conns)
	for i := range out {
		out[i] = append([]command(nil), s.commands[i+1]...)
	}
	return out
}

// Count counts a command verb over all connections.
func (s *testServer) Count(verb string) int {
	n := 0
	for _, cs := range s.Commands() {
		for _, c := range cs {
			if c.Verb == verb {
				n++
			}
		}
	}
	return n
}

// wait sleeps d, or less when the server stops.
func (s *testServer) wait(d time.Duration) {
	select {
	case <-time.After(d):
	case <-s.done:
	}
}

type session struct {
	s      *testServer
	conn   *smtp.Conn
	id     int
	authed bool
	msg    int
	from   string
	to     []string
}

func (s *testServer) newSession(c *smtp.Conn) (smtp.Session, error) {
	if s.opt.HelloDelay > 0 {
		s.wait(s.opt.HelloDelay)
	}
	id := 0
	nc := c.Conn()
	if tc, ok := nc.(*tls.Conn); ok {
		nc = tc.NetConn()
	}
	if w, ok := nc.(*wireConn); ok {
		id = w.id
	}
	return &session{s: s, conn: c, id: id}, nil
}

func (ss *session) AuthMechanisms() []string {
	if ss.s.opt.Password == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (ss *session) Auth(mech string) (sasl.Server, error) {
	ss.s.mu.Lock()
	ss.s.authTry++
	ss.s.mu.Unlock()
	return sasl.NewPlainServer(func(identity, user, pass string) error {
		if user != ss.s.opt.User || pass != ss.s.opt.Password {
			return &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "Authentication credentials invalid"}
		}
		ss.authed = true
		return nil
	}), nil
}

// apply carries out a fault; nil means go on.
func (ss *session) apply(f *fault) error {
	if f == nil {
		return nil
	}
	if f.Delay > 0 {
		ss.s.wait(f.Delay)
	}
	if f.Drop {
		ss.conn.Conn().Close()
		return errors.New("dropped")
	}
	if f.Code != 0 {
		text := f.Text
		if text == "" {
			text = "Injected fault"
		}
		return &smtp.SMTPError{Code: f.Code, EnhancedCode: f.Enhanced, Message: text}
	}
	return nil
}

func (ss *session) Mail(from string, _ *smtp.MailOptions) error {
	if ss.s.opt.Password != "" && !ss.authed {
		return smtp.ErrAuthRequired
	}
	ss.s.mu.Lock()
	ss.s.msgs++
	ss.msg = ss.s.msgs
	ss.s.mu.Unlock()
	ss.from, ss.to = from, nil
	return ss.apply(ss.s.match(atMail, ss.msg, nil))
}

func (ss *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if err := ss.apply(ss.s.match(atRcpt, ss.msg, []string{to})); err != nil {
		return err
	}
	ss.to = append(ss.to, to)
	return nil
}

func (ss *session) Data(r io.Reader) error {
	f := ss.s.match(atData, ss.msg, ss.to)
	if f != nil && f.Drop && f.Partial {
		io.ReadFull(r, make([]byte, 256))
		ss.conn.Conn().Close()
		return errors.New("dropped during data")
	}
	var data []byte
	var err error
	if ss.s.opt.Discard {
		data, err = readHeader(r)
	} else {
		data, err = io.ReadAll(r)
	}
	if err != nil {
		return err // the connection ended before the final dot
	}
	rec := received{Conn: ss.id, Msg: ss.msg, From: ss.from, To: append([]string(nil), ss.to...), Data: data, MessageID: messageID(data)}
	if ss.s.opt.Discard {
		rec.Data = nil
	}
	if f != nil && f.Delay > 0 {
		ss.s.wait(f.Delay)
	}
	switch {
	case f == nil || (!f.Drop && f.Code == 0):
		rec.Reply, rec.Acked = 250, true
	case !f.Drop:
		rec.Reply = f.Code
	}
	ss.s.mu.Lock()
	ss.s.got = append(ss.s.got, rec)
	ss.s.mu.Unlock()
	if rec.Acked {
		ss.s.acked.Add(1)
	}
	if f != nil && f.Drop {
		ss.conn.Conn().Close()
		return errors.New("dropped after the final dot")
	}
	if f != nil && f.Code != 0 {
		return ss.apply(&fault{Code: f.Code, Enhanced: f.Enhanced, Text: f.Text})
	}
	if ss.s.opt.AckAndClose != nil && ss.s.opt.AckAndClose(&rec) {
		// The reply go-smtp would write, then the connection is gone.
		ss.conn.Conn().Write([]byte("250 2.0.0 OK: queued\r\n"))
		ss.conn.Conn().Close()
		return errors.New("closed after acknowledging")
	}
	return nil
}

// readHeader keeps the header and throws the body away.
func readHeader(r io.Reader) ([]byte, error) {
	var head []byte
	buf := make([]byte, 8192)
	for {
		n, err := r.Read(buf)
		if len(head) < 4096 {
			head = append(head, buf[:min(n, 4096)]...)
		}
		if err == io.EOF {
			return head, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// messageID finds the Message-Id header of a message, without <>.
func messageID(data []byte) string {
	head, _, _ := bytes.Cut(data, []byte("\r\n\r\n"))
	for _, line := range strings.Split(string(head), "\r\n") {
		k, v, ok := strings.Cut(line, ":")
		if ok && strings.EqualFold(strings.TrimSpace(k), "Message-Id") {
			return strings.Trim(strings.TrimSpace(v), "<>")
		}
	}
	return ""
}

func (ss *session) Reset()        { ss.from, ss.to = "", nil }
func (ss *session) Logout() error { return nil }

// wireListener counts connections and wraps each to record its commands.
type wireListener struct {
	net.Listener
	s *testServer
}

func (l *wireListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		l.s.mu.Lock()
		l.s.conns++
		id := l.s.conns
		l.s.mu.Unlock()
		if l.s.DropOnConnect.Load() {
			c.Close()
			continue
		}
		return &wireConn{Conn: c, s: l.s, id: id}, nil
	}
}

// wireConn records the commands a client sends (until STARTTLS makes the
// stream unreadable) and can hide PIPELINING.
type wireConn struct {
	net.Conn
	s  *testServer
	id int

	mu      sync.Mutex
	partial []byte
	batch   int
	inData  bool
	starttl bool
	opaque  bool
}

func (c *wireConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 {
		c.observe(p[:n])
	}
	return n, err
}

func (c *wireConn) observe(b []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.opaque {
		return
	}
	c.batch++
	c.partial = append(c.partial, b...)
	for {
		i := bytes.IndexByte(c.partial, '\n')
		if i < 0 {
			break
		}
		line := string(c.partial[:i+1])
		c.partial = c.partial[i+1:]
		if c.inData {
			if line == ".\r\n" {
				c.inData = false
			}
			continue
		}
		line = strings.TrimRight(line, "\r\n")
		verb, _, _ := strings.Cut(line, " ")
		verb = strings.ToUpper(verb)
		if verb == "STARTTLS" {
			c.starttl = true
		}
		c.s.mu.Lock()
		c.s.commands[c.id] = append(c.s.commands[c.id], command{Verb: verb, Line: line, Batch: c.batch})
		c.s.mu.Unlock()
	}
	if len(c.partial) > 64*1024 {
		c.partial = nil // a long data line: not a command
	}
}

func (c *wireConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	if !c.opaque {
		if c.s.opt.NoPipelining && string(p) == "250-PIPELINING\r\n" {
			c.mu.Unlock()
			return len(p), nil
		}
		switch {
		case bytes.HasPrefix(p, []byte("354")):
			c.inData = true
		case c.starttl && bytes.HasPrefix(p, []byte("220")):
			c.opaque = true
		}
	}
	c.mu.Unlock()
	return c.Conn.Write(p)
}

// newCert makes a self-signed certificate for hosts (names or IPs) and a
// pool that trusts it.
func newCert(t testing.TB, hosts ...string) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tpl := &x509.Certificate{
		SerialNumber:          big.NewInt(time.Now().UnixNano()),
		Subject:               pkix.Name{CommonName: hosts[0]},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	for _, h := range hosts {
		if ip := net.ParseIP(h); ip != nil {
			tpl.IPAddresses = append(tpl.IPAddresses, ip)
		} else {
			tpl.DNSNames = append(tpl.DNSNames, h)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool
}

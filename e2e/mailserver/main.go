// Command mailserver is a small mail provider for the end-to-end tests: an
// SMTP server to send campaigns through and an IMAP server whose INBOX
// receives what real recipients would send back. Both listen on 127.0.0.1
// without TLS (the account is set up as an allowed local relay).
//
//	go run ./e2e/mailserver [-user shop@example.test] [-log FILE]
//
// It prints one JSON line, {"smtp": PORT, "imap": PORT}, and runs until
// SIGTERM or SIGINT, or until its stdin reaches EOF when stdin is a pipe (so
// a test runner that dies takes it along; spawn it with stdin "pipe").
//
// SMTP accepts AUTH PLAIN with any user name and the password "secret" and
// keeps every message (see -log). What it sends back to the IMAP user's
// INBOX, per recipient:
//   - a domain of bounce.test: a Postfix delivery report (5.1.1 user
//     unknown) carrying the original's headers, so its Message-ID is found;
//   - a local part starting with "leave": a mail from the recipient with
//     the subject of the List-Unsubscribe mailto, as if they clicked it.
//
// IMAP: user -user, password "secret", an in-memory mailbox.
package main

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"mime"
	"net"
	"net/mail"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

const password = "secret"

func main() {
	user := flag.String("user", "shop@example.test", "the IMAP user name (its password is \"secret\")")
	logPath := flag.String("log", "", "append one JSON line per received message to this file")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("mailserver: ")

	mem := imapmemserver.New()
	imapUser := imapmemserver.NewUser(*user, password)
	if err := imapUser.Create("INBOX", nil); err != nil {
		log.Fatal(err)
	}
	mem.AddUser(imapUser)
	imapSrv := imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapMove: {}, imap.CapUIDPlus: {}},
		InsecureAuth: true, // loopback only
		Logger:       log.New(io.Discard, "", 0),
	})

	b := &backend{inbox: imapUser}
	if *logPath != "" {
		f, err := os.OpenFile(*logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
		if err != nil {
			log.Fatal(err)
		}
		defer f.Close()
		b.log = f
	}
	smtpSrv := smtp.NewServer(b) // advertises PIPELINING, 8BITMIME, ENHANCEDSTATUSCODES
	smtpSrv.Domain = "localhost"
	smtpSrv.AllowInsecureAuth = true // loopback only
	smtpSrv.MaxMessageBytes = 50 << 20
	smtpSrv.MaxRecipients = 100
	smtpSrv.ReadTimeout = time.Minute
	smtpSrv.WriteTimeout = time.Minute

	smtpLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	imapLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	go func() {
		if err := smtpSrv.Serve(smtpLn); err != nil && !errors.Is(err, smtp.ErrServerClosed) {
			log.Print(err)
		}
	}()
	go imapSrv.Serve(imapLn)

	out, _ := json.Marshal(map[string]int{"smtp": smtpLn.Addr().(*net.TCPAddr).Port, "imap": imapLn.Addr().(*net.TCPAddr).Port})
	fmt.Println(string(out))

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	done := make(chan struct{})
	// Stdin EOF stops us only when stdin is a pipe: /dev/null (a runner
	// that ignores stdin) would stop us at once.
	if fi, err := os.Stdin.Stat(); err == nil && fi.Mode()&os.ModeNamedPipe != 0 {
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			close(done)
		}()
	}
	select {
	case <-stop:
	case <-done:
	}
	smtpSrv.Close()
	imapSrv.Close()
}

// backend is the SMTP side: it keeps what it receives and writes the
// replies recipients would send into the IMAP INBOX.
type backend struct {
	inbox *imapmemserver.User
	mu    sync.Mutex
	log   *os.File
	kept  [][]byte // every message received (kept for the life of the process)
}

func (b *backend) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{b: b}, nil }

type session struct {
	b      *backend
	authed bool
	from   string
	to     []string
}

func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *session) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(identity, username, pw string) error {
		if pw != password {
			return smtp.ErrAuthFailed
		}
		s.authed = true
		return nil
	}), nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	if !s.authed {
		return smtp.ErrAuthRequired
	}
	s.from = from
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.to = append(s.to, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	return s.b.received(s.from, s.to, raw)
}

func (s *session) Reset()        { s.from, s.to = "", nil }
func (s *session) Logout() error { return nil }

func (b *backend) received(from string, to []string, raw []byte) error {
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 6, 0}, Message: "Message is not RFC 5322"}
	}
	dec := &mime.WordDecoder{}
	subject, err := dec.DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		subject = msg.Header.Get("Subject")
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.kept = append(b.kept, raw)
	if b.log != nil {
		line, _ := json.Marshal(map[string]any{"from": from, "to": to, "subject": subject,
			"messageId": strings.Trim(msg.Header.Get("Message-Id"), "<> "), "size": len(raw)})
		if _, err := b.log.Write(append(line, '\n')); err != nil {
			log.Print(err)
		}
	}
	sender := from
	if a, err := mail.ParseAddress(msg.Header.Get("From")); err == nil {
		sender = a.Address
	}
	for _, rcpt := range to {
		local, domain, _ := strings.Cut(rcpt, "@")
		switch {
		case strings.EqualFold(domain, "bounce.test"):
			b.deliver(bounce(from, rcpt, headerBlock(raw)))
		case strings.HasPrefix(strings.ToLower(local), "leave"):
			b.deliver(unsubscribe(rcpt, sender, msg.Header.Get("List-Unsubscribe")))
		}
	}
	return nil
}

type literal struct{ *bytes.Reader }

func (l literal) Size() int64 { return int64(l.Len()) }

func (b *backend) deliver(msg string) {
	msg = strings.ReplaceAll(msg, "\n", "\r\n")
	if _, err := b.inbox.Append("INBOX", literal{bytes.NewReader([]byte(msg))}, &imap.AppendOptions{Time: time.Now()}); err != nil {
		log.Print(err)
	}
}

// headerBlock returns the header of a raw message, lines ending in LF.
func headerBlock(raw []byte) string {
	var sb strings.Builder
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if line == "" {
			break
		}
		sb.WriteString(line + "\n")
	}
	return sb.String()
}

func newID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b) + "@mailserver.test"
}

// bounce is the report Postfix sends when the receiving server says 5.1.1.
func bounce(sender, rcpt, originalHeaders string) string {
	now := time.Now()
	date := now.Format(time.RFC1123Z)
	boundary := "dsn." + hex.EncodeToString([]byte(now.Format("150405.000")))
	return fmt.Sprintf(`Return-Path: <>
Date: %[1]s
From: MAILER-DAEMON@mailserver.test (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: %[2]s
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="%[3]s"
Message-Id: <%[4]s>

This is a MIME-encapsulated message.

--%[3]s
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mailserver.test.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

                   The mail system

<%[5]s>: host mx.bounce.test[192.0.2.1] said: 550 5.1.1
    <%[5]s>: Recipient address rejected: User unknown in local
    recipient table (in reply to RCPT TO command)

--%[3]s
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mailserver.test
X-Postfix-Sender: rfc822; %[2]s
Arrival-Date: %[1]s

Final-Recipient: rfc822; %[5]s
Original-Recipient: rfc822;%[5]s
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.bounce.test
Diagnostic-Code: smtp; 550 5.1.1 <%[5]s>: Recipient address rejected: User
    unknown in local recipient table

--%[3]s
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

%[6]s
--%[3]s--
`, date, sender, boundary, newID(), rcpt, originalHeaders)
}

// unsubscribe is the mail a mail program writes when its user clicks the
// List-Unsubscribe mailto link: to that address, with its subject.
func unsubscribe(from, to, listUnsubscribe string) string {
	subject := "unsubscribe"
	for _, part := range strings.Split(listUnsubscribe, ",") {
		u, err := url.Parse(strings.Trim(strings.TrimSpace(part), "<>"))
		if err != nil || u.Scheme != "mailto" {
			continue
		}
		if u.Opaque != "" {
			to = u.Opaque
		}
		if s := u.Query().Get("subject"); s != "" {
			subject = s
		}
		break
	}
	return fmt.Sprintf("From: %s\nTo: %s\nSubject: %s\nDate: %s\nMessage-ID: <%s>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n",
		from, to, mime.QEncoding.Encode("utf-8", subject), time.Now().Format(time.RFC1123Z), newID())
}

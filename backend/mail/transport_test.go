package mail_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"directdesk/backend/mail"
)

// rawMessage is a small message with a Message-Id, CRLF line ends.
func rawMessage(id, body string) []byte {
	return []byte("From: shop@example.com\r\nTo: someone@example.com\r\nMessage-Id: <" + id + ">\r\nSubject: Test\r\n\r\n" + body + "\r\n")
}

func dial(t *testing.T, cfg mail.Config) *mail.Client {
	t.Helper()
	c, err := mail.Dial(context.Background(), cfg)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func sendErr(t *testing.T, err error) *mail.SendError {
	t.Helper()
	var se *mail.SendError
	if !errors.As(err, &se) {
		t.Fatalf("want a *SendError, got %T %v", err, err)
	}
	return se
}

func connErr(t *testing.T, err error) *mail.ConnError {
	t.Helper()
	var ce *mail.ConnError
	if !errors.As(err, &ce) {
		t.Fatalf("want a *ConnError, got %T %v", err, err)
	}
	return ce
}

func verbs(cs []command) string {
	var v []string
	for _, c := range cs {
		v = append(v, c.Verb)
	}
	return strings.Join(v, " ")
}

// A 550 at RCPT is a permanent failure of that one message: the same
// connection sends the next one, after the only RSET of the session.
func TestA550AtRcptFailsOneMessageAndTheConnectionGoesOn(t *testing.T) {
	for _, pipe := range []bool{true, false} {
		t.Run(fmt.Sprintf("pipelining=%v", pipe), func(t *testing.T) {
			s := startServer(t, serverOptions{NoPipelining: !pipe, Rules: []*rule{
				{Stage: atRcpt, Rcpt: "nobody@example.com", Fault: fault{Code: 550, Enhanced: smtp.EnhancedCode{5, 1, 1}, Text: "No such user"}},
			}})
			c := dial(t, s.config())
			if c.Pipelining() != pipe {
				t.Fatalf("Pipelining() = %v", c.Pipelining())
			}
			ctx := context.Background()
			if err := c.Send(ctx, "shop@example.com", "a@example.com", rawMessage("1@x", "one")); err != nil {
				t.Fatal(err)
			}
			se := sendErr(t, c.Send(ctx, "shop@example.com", "nobody@example.com", rawMessage("2@x", "two")))
			if se.Reply.Code != 550 || se.Reply.Enhanced != "5.1.1" || !se.Permanent() || se.Handed || se.Broken {
				t.Fatalf("550 at RCPT: %+v", se)
			}
			if err := c.Send(ctx, "shop@example.com", "b@example.com", rawMessage("3@x", "three")); err != nil {
				t.Fatalf("the next message on the same connection: %v", err)
			}
			if n := s.Conns(); n != 1 {
				t.Fatalf("%d connections, want 1 (no reconnect)", n)
			}
			got := s.Received()
			if len(got) != 2 || got[0].MessageID != "1@x" || got[1].MessageID != "3@x" {
				t.Fatalf("received %+v", got)
			}
			cmds := verbs(s.Commands()[0])
			want := "EHLO MAIL RCPT DATA MAIL RCPT DATA RSET MAIL RCPT DATA"
			if !pipe {
				want = "EHLO MAIL RCPT DATA MAIL RCPT RSET MAIL RCPT DATA"
			}
			if cmds != want {
				t.Fatalf("commands:\n got %s\nwant %s", cmds, want)
			}
		})
	}
}

// 50 messages without a failure: one connection, no RSET, MAIL RCPT DATA
// written together each time.
func TestACleanRunSendsNoRSET(t *testing.T) {
	s := startServer(t, serverOptions{})
	c := dial(t, s.config())
	for i := range 50 {
		if err := c.Send(context.Background(), "shop@example.com", fmt.Sprintf("r%d@example.com", i), rawMessage(fmt.Sprintf("%d@x", i), "hello")); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(s.Received()); n != 50 {
		t.Fatalf("%d received", n)
	}
	if n := s.Count("RSET"); n != 0 {
		t.Fatalf("%d RSETs in a clean run", n)
	}
	if s.Conns() != 1 || s.Count("MAIL") != 50 {
		t.Fatalf("%d connections, %d MAIL", s.Conns(), s.Count("MAIL"))
	}
	// Pipelined: MAIL, RCPT and DATA arrive in one read.
	cmds := s.Commands()[0]
	for i, cm := range cmds {
		if cm.Verb == "MAIL" && (cmds[i+1].Batch != cm.Batch || cmds[i+2].Batch != cm.Batch) {
			t.Fatalf("MAIL, RCPT, DATA not pipelined: %+v", cmds[i:i+3])
		}
	}
}

// Each fault the server can throw and what Send makes of it.
func TestEveryServerFaultHasItsSendResult(t *testing.T) {
	const timeout = 400 * time.Millisecond
	big := bytes.Repeat([]byte("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ012345678\r\n"), 16<<20/74)
	type want struct {
		code            int
		handed, broken  bool
		permanent       bool
		timeout         bool
		receivedUnacked bool // the server got the final dot but did not answer
	}
	cases := []struct {
		name  string
		rule  rule
		msg   []byte
		want  want
		after bool // the connection stays usable for another message
	}{
		{name: "421 at MAIL", rule: rule{Stage: atMail, Fault: fault{Code: 421, Enhanced: smtp.EnhancedCode{4, 3, 2}, Text: "Shutting down"}}, want: want{code: 421, broken: true}},
		{name: "421 at RCPT", rule: rule{Stage: atRcpt, Fault: fault{Code: 421}}, want: want{code: 421, broken: true}},
		{name: "421 after DATA", rule: rule{Stage: atData, Fault: fault{Code: 421}}, want: want{code: 421, broken: true}},
		{name: "451 at MAIL", rule: rule{Stage: atMail, Fault: fault{Code: 451, Enhanced: smtp.EnhancedCode{4, 3, 0}}}, want: want{code: 451}, after: true},
		{name: "452 at RCPT", rule: rule{Stage: atRcpt, Fault: fault{Code: 452, Enhanced: smtp.EnhancedCode{4, 2, 2}, Text: "Mailbox full"}}, want: want{code: 452}, after: true},
		{name: "451 after DATA", rule: rule{Stage: atData, Fault: fault{Code: 451}}, want: want{code: 451}, after: true},
		{name: "550 at MAIL", rule: rule{Stage: atMail, Fault: fault{Code: 550, Enhanced: smtp.EnhancedCode{5, 7, 1}}}, want: want{code: 550, permanent: true}, after: true},
		{name: "554 at RCPT", rule: rule{Stage: atRcpt, Fault: fault{Code: 554, Enhanced: smtp.EnhancedCode{5, 7, 1}}}, want: want{code: 554, permanent: true}, after: true},
		{name: "554 after DATA", rule: rule{Stage: atData, Fault: fault{Code: 554, Enhanced: smtp.EnhancedCode{5, 6, 0}, Text: "Spam"}}, want: want{code: 554, permanent: true}, after: true},
		{name: "drop at MAIL", rule: rule{Stage: atMail, Fault: fault{Drop: true}}, want: want{broken: true}},
		{name: "drop at RCPT", rule: rule{Stage: atRcpt, Fault: fault{Drop: true}}, want: want{broken: true}},
		// A big message: the client learns of the drop while writing it.
		{name: "drop during DATA (16 MB)", rule: rule{Stage: atData, Fault: fault{Drop: true, Partial: true}}, msg: big, want: want{broken: true}},
		// A small message is written whole before the drop can be seen:
		// the client cannot tell it from a drop after the dot.
		{name: "drop during DATA (small)", rule: rule{Stage: atData, Fault: fault{Drop: true, Partial: true}}, want: want{broken: true, handed: true}},
		{name: "drop after the final dot", rule: rule{Stage: atData, Fault: fault{Drop: true}}, want: want{broken: true, handed: true, receivedUnacked: true}},
		{name: "slow at MAIL", rule: rule{Stage: atMail, Fault: fault{Delay: 10 * timeout}}, want: want{broken: true, timeout: true}},
		{name: "slow at RCPT", rule: rule{Stage: atRcpt, Fault: fault{Delay: 10 * timeout}}, want: want{broken: true, timeout: true}},
		{name: "slow after the final dot", rule: rule{Stage: atData, Fault: fault{Delay: 10 * timeout}}, want: want{broken: true, handed: true, timeout: true}},
	}
	for _, pipe := range []bool{true, false} {
		for _, tc := range cases {
			t.Run(fmt.Sprintf("%s/pipelining=%v", tc.name, pipe), func(t *testing.T) {
				t.Parallel()
				r := tc.rule
				r.Msg = 2
				s := startServer(t, serverOptions{NoPipelining: !pipe, Rules: []*rule{&r}})
				cfg := s.config()
				cfg.Timeout = timeout
				c := dial(t, cfg)
				ctx := context.Background()
				if err := c.Send(ctx, "shop@example.com", "a@example.com", rawMessage("1@x", "first")); err != nil {
					t.Fatal(err)
				}
				msg := tc.msg
				if msg == nil {
					msg = rawMessage("2@x", "second")
				}
				began := time.Now()
				se := sendErr(t, c.Send(ctx, "shop@example.com", "b@example.com", msg))
				took := time.Since(began)
				w := tc.want
				if se.Reply.Code != w.code || se.Handed != w.handed || se.Broken != w.broken || se.Permanent() != w.permanent {
					t.Fatalf("got code %d handed %v broken %v permanent %v (%v); want %+v", se.Reply.Code, se.Handed, se.Broken, se.Permanent(), se, w)
				}
				var ne net.Error
				if isTimeout := errors.As(se, &ne) && ne.Timeout(); isTimeout != w.timeout {
					t.Fatalf("timeout error %v, want %v: %v", isTimeout, w.timeout, se)
				}
				if w.timeout && took > timeout+time.Second {
					t.Fatalf("a slow server took %s to give up, Timeout is %s", took, timeout)
				}
				unacked := 0
				for _, m := range s.Received() {
					if m.Reply == 0 {
						unacked++
					}
				}
				if (unacked == 1) != w.receivedUnacked {
					t.Fatalf("%d messages received without a reply", unacked)
				}
				if tc.after {
					if err := c.Send(ctx, "shop@example.com", "c@example.com", rawMessage("3@x", "third")); err != nil {
						t.Fatalf("the connection should go on: %v", err)
					}
					if s.Conns() != 1 {
						t.Fatalf("%d connections", s.Conns())
					}
					got := s.Received()
					if last := got[len(got)-1]; last.MessageID != "3@x" || !last.Acked {
						t.Fatalf("third message: %+v", last)
					}
				}
			})
		}
	}
}

// A server that takes longer than Timeout to answer EHLO fails Dial in
// about Timeout.
func TestDialGivesUpOnASlowServer(t *testing.T) {
	s := startServer(t, serverOptions{HelloDelay: 5 * time.Second})
	cfg := s.config()
	cfg.Timeout = 300 * time.Millisecond
	began := time.Now()
	_, err := mail.Dial(context.Background(), cfg)
	if ce := connErr(t, err); ce.Stage != "timeout" {
		t.Fatalf("stage %q: %v", ce.Stage, err)
	}
	if took := time.Since(began); took > cfg.Timeout+time.Second {
		t.Fatalf("took %s", took)
	}
}

// STARTTLS required but not offered: Dial refuses before any MAIL (or
// password) goes out in the clear.
func TestSTARTTLSRequiredButNotOfferedRefuses(t *testing.T) {
	s := startServer(t, serverOptions{User: "shop", Password: "secret"})
	cfg := s.config()
	cfg.Security = "starttls"
	_, err := mail.Dial(context.Background(), cfg)
	ce := connErr(t, err)
	if ce.Stage != "starttls_missing" {
		t.Fatalf("stage %q: %v", ce.Stage, err)
	}
	if ue := mail.UserError(err); ue.Details["reason"] != "starttls_missing" {
		t.Fatalf("user error %+v", ue)
	}
	time.Sleep(50 * time.Millisecond) // let the server read what was sent
	if got := verbs(s.Commands()[0]); got != "EHLO" {
		t.Fatalf("commands %q, want only EHLO", got)
	}
	if s.Mails() != 0 || s.AuthTries() != 0 {
		t.Fatalf("%d MAIL, %d AUTH reached the server", s.Mails(), s.AuthTries())
	}
}

// A certificate that is not trusted, or not for the host name, stops
// Dial at Stage "certificate" with nothing sent.
func TestABadCertificateStopsBeforeAnythingIsSent(t *testing.T) {
	wrongName, _ := newCert(t, "mail.example.org")
	for _, mode := range []tlsMode{tlsImplicit, tlsStartTLS} {
		for _, bad := range []string{"untrusted", "wrong name"} {
			t.Run(fmt.Sprintf("%s/%d", bad, mode), func(t *testing.T) {
				opt := serverOptions{TLS: mode, User: "shop", Password: "secret"}
				if bad == "wrong name" {
					opt.Cert = &wrongName
				}
				s := startServer(t, opt)
				cfg := s.config()
				if bad == "untrusted" {
					cfg.TLSConfig = nil // the system roots do not know it
				}
				_, err := mail.Dial(context.Background(), cfg)
				if ce := connErr(t, err); ce.Stage != "certificate" {
					t.Fatalf("stage %q: %v", ce.Stage, err)
				}
				if ue := mail.UserError(err); ue.Details["reason"] != "certificate" {
					t.Fatalf("user error %+v", ue)
				}
				time.Sleep(50 * time.Millisecond)
				if s.Mails() != 0 || s.AuthTries() != 0 || len(s.Received()) != 0 {
					t.Fatalf("%d MAIL, %d AUTH reached the server", s.Mails(), s.AuthTries())
				}
				if mode == tlsStartTLS {
					if got := verbs(s.Commands()[0]); got != "EHLO STARTTLS" {
						t.Fatalf("commands %q", got)
					}
				}
			})
		}
	}
}

// A wrong password fails at Stage "auth" with the server's reply; the
// right one sends, over implicit TLS and STARTTLS.
func TestLogin(t *testing.T) {
	for _, mode := range []tlsMode{tlsImplicit, tlsStartTLS} {
		s := startServer(t, serverOptions{TLS: mode, User: "shop", Password: "secret"})
		cfg := s.config()
		cfg.Password = "guess"
		_, err := mail.Dial(context.Background(), cfg)
		ce := connErr(t, err)
		if ce.Stage != "auth" || ce.Reply.Code != 535 {
			t.Fatalf("mode %d: stage %q reply %+v: %v", mode, ce.Stage, ce.Reply, err)
		}
		if ue := mail.UserError(err); ue.Details["reason"] != "auth" {
			t.Fatalf("user error %+v", ue)
		}
		c := dial(t, s.config())
		if err := c.Send(context.Background(), "shop@example.com", "a@example.com", rawMessage("1@x", "hi")); err != nil {
			t.Fatal(err)
		}
		if got := s.Received(); len(got) != 1 || got[0].MessageID != "1@x" || s.Mails() != 1 {
			t.Fatalf("mode %d: received %+v", mode, got)
		}
	}
}

// Implicit TLS without a login sends; a ServerName the certificate does
// not name fails at Stage "certificate".
func TestTLSConnectionWithoutLoginCanSend(t *testing.T) {
	s := startServer(t, serverOptions{TLS: tlsImplicit})
	c := dial(t, s.config())
	if err := c.Send(context.Background(), "shop@example.com", "a@example.com", rawMessage("1@x", "hi")); err != nil {
		t.Fatal(err)
	}
	// A client that insists on a certificate name the server lacks fails.
	cfg := s.config()
	cfg.TLSConfig = &tls.Config{RootCAs: s.Pool, ServerName: "other.example"}
	if _, err := mail.Dial(context.Background(), cfg); connErr(t, err).Stage != "certificate" {
		t.Fatal(err)
	}
}

// With and without PIPELINING the server receives the same bytes, and
// lines starting with a dot arrive intact.
func TestPipeliningOrNotTheSameBytesArriveWithDotsIntact(t *testing.T) {
	body := "Line one\n.\n..\n.hidden line\n. space\nend without newline"
	msg := []byte("From: shop@example.com\nTo: a@example.com\nMessage-Id: <dots@x>\nSubject: Dots\n\n" + body)
	want := strings.ReplaceAll(string(msg), "\n", "\r\n") + "\r\n"
	var got [][]byte
	for _, pipe := range []bool{true, false} {
		s := startServer(t, serverOptions{NoPipelining: !pipe})
		c := dial(t, s.config())
		if c.Pipelining() != pipe {
			t.Fatalf("Pipelining() = %v", c.Pipelining())
		}
		if err := c.Send(context.Background(), "shop@example.com", "a@example.com", msg); err != nil {
			t.Fatal(err)
		}
		// CRLF already there stays as it is.
		if err := c.Send(context.Background(), "shop@example.com", "a@example.com", []byte(want)); err != nil {
			t.Fatal(err)
		}
		r := s.Received()
		if len(r) != 2 {
			t.Fatalf("received %d", len(r))
		}
		for _, m := range r {
			if string(m.Data) != want {
				t.Fatalf("pipelining=%v: got\n%q\nwant\n%q", pipe, m.Data, want)
			}
		}
		got = append(got, r[0].Data)
		cmds := s.Commands()[0]
		var mailBatch, dataBatch int
		for _, cm := range cmds {
			switch cm.Verb {
			case "MAIL":
				mailBatch = cm.Batch
			case "DATA":
				dataBatch = cm.Batch
			}
		}
		if (mailBatch == dataBatch) != pipe {
			t.Fatalf("pipelining=%v but MAIL in read %d, DATA in read %d", pipe, mailBatch, dataBatch)
		}
	}
	if !bytes.Equal(got[0], got[1]) {
		t.Fatal("pipelined and unpipelined bytes differ")
	}
}

// A cancelled context stops a Send that waits on a slow server at once.
func TestSendStopsWhenTheContextEnds(t *testing.T) {
	s := startServer(t, serverOptions{Rules: []*rule{{Stage: atData, Fault: fault{Delay: 5 * time.Second}}}})
	c := dial(t, s.config())
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	began := time.Now()
	se := sendErr(t, c.Send(ctx, "shop@example.com", "a@example.com", rawMessage("1@x", "hi")))
	if !se.Handed || !se.Broken {
		t.Fatalf("%+v", se)
	}
	if took := time.Since(began); took > time.Second {
		t.Fatalf("took %s", took)
	}
}

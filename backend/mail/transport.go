package mail

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"time"

	"directdesk/backend/marketing"
)

// Our own SMTP client: net/smtp and go-smtp's client cost a round trip
// per command and an RSET per message. This one sends MAIL, RCPT and DATA
// in one write where the server offers PIPELINING, resets only after a
// failed transaction, puts a deadline on every step, and knows at each
// moment whether the message may have been handed over (see SendError).

// Config says where and how to connect.
type Config struct {
	Host     string
	Port     int
	Security marketing.MailSecurity
	User     string
	Password string
	// Hello is the name we give in EHLO (the sender's domain).
	Hello string
	// TLSConfig overrides the default (tests trust their own certificate).
	TLSConfig *tls.Config
	// Timeout bounds every step (connect, each reply); default 30 s.
	Timeout time.Duration
}

// Client is one open SMTP session.
type Client struct {
	cfg   Config
	conn  net.Conn
	r     *bufio.Reader
	w     *bufio.Writer
	ext   map[string]string
	dirty bool // a transaction failed half-way: RSET before the next
	tls   bool
}

// Reply is an SMTP server reply.
type Reply struct {
	Code     int    `json:"code"`
	Enhanced string `json:"enhanced"` // "5.1.1", "" when the server gave none
	Text     string `json:"text"`
}

func (r Reply) String() string {
	s := strconv.Itoa(r.Code)
	if r.Enhanced != "" {
		s += " " + r.Enhanced
	}
	return s + " " + r.Text
}

// SendError says why a message was not (certainly) delivered.
type SendError struct {
	Reply Reply // the server's reply, Code 0 when the connection failed
	// Handed: the final "." may have reached the server: the message may
	// have been accepted, so it must never be sent again automatically.
	Handed bool
	// Broken: the connection is unusable; dial again.
	Broken bool
	Err    error
}

func (e *SendError) Error() string {
	if e.Reply.Code != 0 {
		return "smtp: " + e.Reply.String()
	}
	return "smtp: " + e.Err.Error()
}

func (e *SendError) Unwrap() error { return e.Err }

// Permanent tells a 5xx reply: retrying will not help.
func (e *SendError) Permanent() bool { return e.Reply.Code >= 500 }

const defaultTimeout = 30 * time.Second

// Dial connects, greets, secures and logs in.
func Dial(ctx context.Context, cfg Config) (*Client, error) {
	if cfg.Timeout <= 0 {
		cfg.Timeout = defaultTimeout
	}
	if cfg.Hello == "" {
		cfg.Hello = "localhost"
	}
	addr := net.JoinHostPort(cfg.Host, strconv.Itoa(cfg.Port))
	d := net.Dialer{Timeout: cfg.Timeout}
	dctx, cancel := context.WithTimeout(ctx, cfg.Timeout)
	defer cancel()
	conn, err := d.DialContext(dctx, "tcp", addr)
	if err != nil {
		return nil, &ConnError{Stage: stageOf(err, "connect"), Err: err}
	}
	c := &Client{cfg: cfg}
	if cfg.Security == marketing.SecurityTLS {
		tc := tls.Client(conn, c.tlsConfig())
		tc.SetDeadline(time.Now().Add(cfg.Timeout))
		if err := tc.HandshakeContext(dctx); err != nil {
			conn.Close()
			return nil, &ConnError{Stage: stageOf(err, "tls"), Err: err}
		}
		conn, c.tls = tc, true
	}
	c.setConn(conn)
	// Closing on cancel interrupts a blocked read at once.
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	if _, err := c.expect(220); err != nil {
		c.conn.Close()
		return nil, connErr("greeting", err)
	}
	if err := c.hello(); err != nil {
		c.conn.Close()
		return nil, connErr("hello", err)
	}
	switch cfg.Security {
	case marketing.SecuritySTARTTLS:
		if _, ok := c.ext["STARTTLS"]; !ok {
			c.conn.Close()
			return nil, &ConnError{Stage: "starttls_missing", Err: errors.New("server does not offer STARTTLS")}
		}
		if err := c.cmd(220, "STARTTLS"); err != nil {
			c.conn.Close()
			return nil, connErr("tls", err)
		}
		tc := tls.Client(c.conn, c.tlsConfig())
		tc.SetDeadline(time.Now().Add(cfg.Timeout))
		if err := tc.HandshakeContext(ctx); err != nil {
			c.conn.Close()
			return nil, &ConnError{Stage: stageOf(err, "tls"), Err: err}
		}
		c.setConn(tc)
		c.tls = true
		if err := c.hello(); err != nil {
			c.conn.Close()
			return nil, connErr("hello", err)
		}
	case marketing.SecurityTLS:
	case marketing.SecurityPlain:
	default:
		c.conn.Close()
		return nil, &ConnError{Stage: "config", Err: errors.New("unknown security " + string(cfg.Security))}
	}
	if cfg.User != "" {
		if err := c.auth(); err != nil {
			c.conn.Close()
			return nil, err
		}
	}
	return c, nil
}

func (c *Client) tlsConfig() *tls.Config {
	if c.cfg.TLSConfig != nil {
		t := c.cfg.TLSConfig.Clone()
		if t.ServerName == "" {
			t.ServerName = c.cfg.Host
		}
		return t
	}
	return &tls.Config{ServerName: c.cfg.Host, MinVersion: tls.VersionTLS12}
}

func (c *Client) setConn(conn net.Conn) {
	c.conn = conn
	c.r = bufio.NewReaderSize(conn, 4096)
	c.w = bufio.NewWriterSize(conn, 32*1024)
}

func (c *Client) deadline(extra time.Duration) {
	c.conn.SetDeadline(time.Now().Add(c.cfg.Timeout + extra))
}

// readReply reads one (possibly multi-line) reply.
func (c *Client) readReply() (Reply, []string, error) {
	var lines []string
	code := 0
	for {
		line, err := c.r.ReadString('\n')
		if err != nil {
			return Reply{}, nil, err
		}
		line = strings.TrimRight(line, "\r\n")
		if len(line) < 3 {
			return Reply{}, nil, fmt.Errorf("malformed reply %q", line)
		}
		n, err := strconv.Atoi(line[:3])
		if err != nil || n < 200 || n > 599 {
			return Reply{}, nil, fmt.Errorf("malformed reply %q", line)
		}
		if code == 0 {
			code = n
		}
		rest := ""
		if len(line) > 4 {
			rest = line[4:]
		}
		lines = append(lines, rest)
		if len(line) == 3 || line[3] == ' ' {
			break
		}
		if len(lines) > 1000 {
			return Reply{}, nil, errors.New("reply too long")
		}
	}
	r := Reply{Code: code, Text: strings.Join(lines, " ")}
	if f := strings.Fields(r.Text); len(f) > 0 && enhanced(f[0]) && f[0][0] == byte('0'+code/100) {
		r.Enhanced, r.Text = f[0], strings.TrimSpace(strings.TrimPrefix(r.Text, f[0]))
	}
	return r, lines, nil
}

func enhanced(s string) bool {
	p := strings.Split(s, ".")
	if len(p) != 3 || (p[0] != "2" && p[0] != "4" && p[0] != "5") {
		return false
	}
	for _, x := range p[1:] {
		if _, err := strconv.Atoi(x); err != nil || len(x) > 3 {
			return false
		}
	}
	return true
}

// replyError is a reply other than the one expected.
type replyError struct{ Reply Reply }

func (e *replyError) Error() string { return e.Reply.String() }

func (c *Client) expect(code int) ([]string, error) {
	c.deadline(0)
	r, lines, err := c.readReply()
	if err != nil {
		return nil, err
	}
	if r.Code != code {
		return lines, &replyError{r}
	}
	return lines, nil
}

func (c *Client) cmd(code int, format string, args ...any) error {
	c.deadline(0)
	fmt.Fprintf(c.w, format+"\r\n", args...)
	if err := c.w.Flush(); err != nil {
		return err
	}
	_, err := c.expect(code)
	return err
}

func (c *Client) hello() error {
	c.deadline(0)
	fmt.Fprintf(c.w, "EHLO %s\r\n", c.cfg.Hello)
	if err := c.w.Flush(); err != nil {
		return err
	}
	lines, err := c.expect(250)
	if err != nil {
		return err
	}
	c.ext = map[string]string{}
	for _, l := range lines[1:] {
		k, v, _ := strings.Cut(l, " ")
		c.ext[strings.ToUpper(k)] = v
	}
	return nil
}

func (c *Client) auth() error {
	mechs := " " + strings.ToUpper(c.ext["AUTH"]) + " "
	fail := func(err error) error {
		var re *replyError
		if errors.As(err, &re) && (re.Reply.Code == 535 || re.Reply.Code == 534 || re.Reply.Code == 530 || re.Reply.Code == 454) {
			return &ConnError{Stage: "auth", Err: err, Reply: re.Reply}
		}
		return connErr("auth", err)
	}
	switch {
	case strings.Contains(mechs, " PLAIN "):
		tok := base64.StdEncoding.EncodeToString([]byte("\x00" + c.cfg.User + "\x00" + c.cfg.Password))
		if err := c.cmd(235, "AUTH PLAIN %s", tok); err != nil {
			return fail(err)
		}
	case strings.Contains(mechs, " LOGIN "):
		if err := c.cmd(334, "AUTH LOGIN"); err != nil {
			return fail(err)
		}
		if err := c.cmd(334, "%s", base64.StdEncoding.EncodeToString([]byte(c.cfg.User))); err != nil {
			return fail(err)
		}
		if err := c.cmd(235, "%s", base64.StdEncoding.EncodeToString([]byte(c.cfg.Password))); err != nil {
			return fail(err)
		}
	default:
		return &ConnError{Stage: "auth_unsupported", Err: errors.New("server offers no PLAIN or LOGIN login")}
	}
	return nil
}

// Pipelining tells whether the server takes commands in batches.
func (c *Client) Pipelining() bool { _, ok := c.ext["PIPELINING"]; return ok }

// Send delivers one message to one recipient. A nil error means the server
// accepted it (250 after the final dot).
func (c *Client) Send(ctx context.Context, from, to string, msg []byte) error {
	stop := context.AfterFunc(ctx, func() { c.conn.SetDeadline(time.Unix(1, 0)) })
	defer stop()
	broken := func(err error, handed bool) error {
		return &SendError{Err: err, Broken: true, Handed: handed}
	}
	if c.dirty {
		if err := c.cmd(250, "RSET"); err != nil {
			return broken(err, false)
		}
		c.dirty = false
	}
	c.deadline(0)
	mail := "MAIL FROM:<" + from + ">"
	if _, ok := c.ext["SIZE"]; ok {
		mail += " SIZE=" + strconv.Itoa(len(msg))
	}
	if _, ok := c.ext["8BITMIME"]; ok {
		mail += " BODY=8BITMIME"
	}
	replies := make([]Reply, 0, 3)
	if c.Pipelining() {
		c.w.WriteString(mail + "\r\nRCPT TO:<" + to + ">\r\nDATA\r\n")
		if err := c.w.Flush(); err != nil {
			return broken(err, false)
		}
		for range 3 {
			c.deadline(0)
			r, _, err := c.readReply()
			if err != nil {
				return broken(err, false)
			}
			replies = append(replies, r)
		}
	} else {
		for _, line := range []string{mail, "RCPT TO:<" + to + ">", "DATA"} {
			c.deadline(0)
			c.w.WriteString(line + "\r\n")
			if err := c.w.Flush(); err != nil {
				return broken(err, false)
			}
			r, _, err := c.readReply()
			if err != nil {
				return broken(err, false)
			}
			replies = append(replies, r)
			if r.Code >= 400 {
				break
			}
		}
	}
	want := []int{250, 250, 354}
	for i, r := range replies {
		if r.Code == 421 {
			c.conn.Close()
			return &SendError{Reply: r, Broken: true}
		}
		ok := r.Code == want[i] || (i == 1 && r.Code == 251)
		if ok {
			continue
		}
		// A pipelined DATA may still have been accepted: end it empty.
		if len(replies) == 3 && replies[2].Code == 354 {
			c.w.WriteString(".\r\n")
			c.w.Flush()
			c.deadline(0)
			c.readReply()
		}
		c.dirty = true
		return &SendError{Reply: r}
	}
	// The body, dot-stuffed, and the final dot in one write. Until the
	// dot is written the server throws the message away if the connection
	// drops; what bufio could not write tells whether the dot went out.
	c.deadline(time.Duration(len(msg)/(32*1024)) * time.Second)
	writeDotted(c.w, msg)
	c.w.WriteString(".\r\n")
	if err := c.w.Flush(); err != nil {
		return broken(err, c.w.Buffered() < 3)
	}
	c.deadline(0)
	r, _, err := c.readReply()
	if err != nil {
		return broken(err, true)
	}
	if r.Code == 421 {
		c.conn.Close()
		return &SendError{Reply: r, Broken: true}
	}
	if r.Code != 250 {
		return &SendError{Reply: r}
	}
	return nil
}

// writeDotted writes msg with CRLF line ends and leading dots doubled,
// a line at a time.
func writeDotted(w *bufio.Writer, msg []byte) {
	for len(msg) > 0 {
		if msg[0] == '.' {
			w.WriteByte('.')
		}
		n := bytes.IndexByte(msg, '\n')
		if n < 0 {
			w.Write(msg)
			w.WriteString("\r\n")
			return
		}
		line := msg[:n]
		if len(line) > 0 && line[len(line)-1] == '\r' {
			line = line[:len(line)-1]
		}
		w.Write(line)
		w.WriteString("\r\n")
		msg = msg[n+1:]
	}
}

// Noop checks that the connection is alive.
func (c *Client) Noop() error { return c.cmd(250, "NOOP") }

// Close says goodbye and closes the connection.
func (c *Client) Close() error {
	c.conn.SetDeadline(time.Now().Add(2 * time.Second))
	c.w.WriteString("QUIT\r\n")
	c.w.Flush()
	return c.conn.Close()
}

// ConnError is a failure to connect or log in; Stage says which step, in
// words the account screen can translate.
type ConnError struct {
	Stage string // dns, connect, refused, timeout, tls, certificate, starttls_missing, greeting, hello, auth, auth_unsupported
	Reply Reply
	Err   error
}

func (e *ConnError) Error() string { return "smtp " + e.Stage + ": " + e.Err.Error() }
func (e *ConnError) Unwrap() error { return e.Err }

func connErr(stage string, err error) error {
	var re *replyError
	if errors.As(err, &re) {
		return &ConnError{Stage: stage, Reply: re.Reply, Err: err}
	}
	return &ConnError{Stage: stageOf(err, stage), Err: err}
}

// stageOf names a network failure the way a user can act on it.
func stageOf(err error, fallback string) string {
	var dnsErr *net.DNSError
	var certErr *tls.CertificateVerificationError
	var unknownAuth x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalid x509.CertificateInvalidError
	var ne net.Error
	switch {
	case errors.As(err, &dnsErr):
		return "dns"
	case errors.As(err, &certErr), errors.As(err, &unknownAuth), errors.As(err, &hostErr), errors.As(err, &invalid):
		return "certificate"
	case errors.As(err, &ne) && ne.Timeout():
		return "timeout"
	case strings.Contains(err.Error(), "connection refused"):
		return "refused"
	case errors.Is(err, io.EOF):
		return fallback
	}
	return fallback
}

// UserError turns a connection failure into a message for a shop owner.
func UserError(err error) *marketing.Error {
	var ce *ConnError
	if !errors.As(err, &ce) {
		var me *marketing.Error
		if errors.As(err, &me) {
			return me
		}
		return &marketing.Error{Code: marketing.EInvalid, Field: "smtp", Message: "Sending failed: " + err.Error(), Details: map[string]string{"reason": "other", "detail": err.Error()}, Err: err}
	}
	if ce.Stage == "tls" {
		ce.Stage = stageOf(ce.Err, "tls")
	}
	msg := map[string]string{
		"dns":              "The mail server's name could not be found. Check the server name (for example smtp.yourprovider.com) and that the computer is online.",
		"connect":          "The mail server could not be reached. Check the server name and port, and that the computer is online.",
		"refused":          "The mail server refused the connection on this port. Check the port: usually 465 (TLS) or 587 (STARTTLS).",
		"timeout":          "The mail server did not answer in time. Check the server name and port, or try again later.",
		"tls":              "A secure connection to the mail server could not be made. Check the port and the security setting (465 = TLS, 587 = STARTTLS).",
		"certificate":      "The mail server's certificate is not valid for this name. Use the exact server name your provider gives; DirectDesk will not send over an unverified connection.",
		"starttls_missing": "The mail server does not offer encryption (STARTTLS) on this port, so DirectDesk will not send your password or mail over it. Use port 465 with TLS, or ask your provider.",
		"greeting":         "The mail server did not greet correctly. Check that the port is the one for sending mail (SMTP).",
		"hello":            "The mail server refused our greeting. Check the server settings.",
		"auth":             "The mail server did not accept the user name and password. Check them; some providers (Gmail, Outlook) need an app password.",
		"auth_unsupported": "The mail server offers no login method DirectDesk knows (PLAIN or LOGIN).",
		"config":           "The security setting of this account is not valid.",
	}[ce.Stage]
	if msg == "" {
		msg = "The connection to the mail server failed."
	}
	d := map[string]string{"reason": ce.Stage, "detail": ce.Err.Error()}
	if ce.Reply.Code != 0 {
		d["reply"] = ce.Reply.String()
	}
	return &marketing.Error{Code: marketing.EInvalid, Field: "smtp", Message: msg, Details: d, Err: err}
}

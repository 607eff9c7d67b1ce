package inbox

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"slices"
	"strconv"
	"sync/atomic"
	"syscall"
	"time"

	"directdesk/backend/marketing"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// OutboxRef names the message of ours an incoming message is about.
type OutboxRef = marketing.OutboxRef

// Store is what inbox processing needs from the workspace (*store.DB).
type Store interface {
	// InboxCheckpoint returns the INBOX's UIDVALIDITY and the last UID
	// processed (0, 0 before the first sync).
	InboxCheckpoint(ctx context.Context, accountID int64) (uidValidity, lastUID uint32, err error)
	SaveInboxCheckpoint(ctx context.Context, accountID int64, uidValidity, lastUID uint32) error
	// FindOutbox finds our message by referenced Message-IDs, else by the
	// token, else (recipient given) by the address we sent to.
	FindOutbox(ctx context.Context, messageIDs []string, token, recipient string) (ref OutboxRef, found bool, err error)
	// RecordInbox records an event and what follows from it; isNew is
	// false when the message was recorded before.
	RecordInbox(ctx context.Context, e marketing.InboxEvent) (isNew bool, err error)
}

// Options tune Sync; the zero value is what the app uses.
type Options struct {
	// TLSConfig for implicit TLS and STARTTLS (nil: the system's roots).
	// Tests pass one that trusts their own certificate.
	TLSConfig *tls.Config
	// Timeout is the deadline of every network step (default 30 s).
	Timeout time.Duration
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Progress, when set, hears how many of the new messages are done.
	Progress marketing.Progress
}

// Result is what one Sync did.
type Result struct {
	Checked int                    `json:"checked"` // new messages looked at
	Moved   int                    `json:"moved"`   // moved to the processed folder
	Counts  map[string]int         `json:"counts"`  // newly recorded events per kind
	Events  []marketing.InboxEvent `json:"events"`
}

// DefaultFolder is where processed mail goes when the account names none.
const DefaultFolder = "DirectDesk"

const (
	defaultTimeout = 30 * time.Second
	batchSize      = 20
	// maxFetchBytes is how much of one message is read: enough for any
	// report or reply, while a bounce that carries back a 10 MB catalog
	// costs only this much.
	maxFetchBytes = 2 << 20
	// firstSyncDays: the first sync (or one after the server renumbered
	// the INBOX) looks at this many days, not at years of old mail.
	firstSyncDays = 30
)

var bodySection = &imap.FetchItemBodySection{Peek: true, Partial: &imap.SectionPartial{Offset: 0, Size: maxFetchBytes}}

// Sync reads the account's INBOX from where the last sync stopped. Each new
// message is classified; what is about our mail (a referenced Message-ID,
// a token, or a report or opt-out from an address we mailed) is recorded
// through st and then moved to the processed folder. Everything else stays
// in the INBOX untouched (fetched with BODY.PEEK, so it stays unread).
// Recording comes before moving: if a move fails, the checkpoint stays
// before that message, the next sync sees it again and the store knows it.
func Sync(ctx context.Context, acct marketing.MailAccount, password string, st Store, opt Options) (Result, error) {
	res := Result{Counts: map[string]int{}, Events: []marketing.InboxEvent{}}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	s, err := open(ctx, acct, password, opt)
	if err != nil {
		return res, err
	}
	defer s.close()
	sel, err := s.selectInbox()
	if err != nil {
		return res, err
	}
	validity, last, err := st.InboxCheckpoint(ctx, acct.ID)
	if err != nil {
		return res, err
	}
	var since time.Time
	if validity != sel.UIDValidity {
		// First sync, or the server renumbered the INBOX (old UIDs mean
		// nothing now): start over within the recent days. Messages seen
		// before are known to the store by their Message-ID.
		last, since = 0, opt.Now().AddDate(0, 0, -firstSyncDays)
	}
	uids, err := s.search(last, since)
	if err != nil {
		return res, err
	}
	done := last // every UID up to done is handled
	for start := 0; start < len(uids); start += batchSize {
		msgs, err := s.fetch(uids[start:min(len(uids), start+batchSize)])
		if err != nil {
			return res, saveThen(ctx, st, acct.ID, sel.UIDValidity, done, last, err)
		}
		for _, m := range msgs {
			if err := ctx.Err(); err != nil {
				return res, saveThen(ctx, st, acct.ID, sel.UIDValidity, done, last, marketing.ErrCanceled)
			}
			if err := s.handle(ctx, m, st, opt, &res); err != nil {
				return res, saveThen(ctx, st, acct.ID, sel.UIDValidity, done, last, err)
			}
			done = uint32(m.UID)
		}
		if err := st.SaveInboxCheckpoint(ctx, acct.ID, sel.UIDValidity, done); err != nil {
			return res, err
		}
		if opt.Progress != nil {
			opt.Progress(min(len(uids), start+batchSize), len(uids))
		}
	}
	// On a first sync, mail older than the window was skipped on purpose:
	// the next sync starts after everything that was there.
	if !since.IsZero() && sel.UIDNext > 0 {
		done = max(done, uint32(sel.UIDNext)-1)
	}
	if err := st.SaveInboxCheckpoint(ctx, acct.ID, sel.UIDValidity, done); err != nil {
		return res, err
	}
	return res, nil
}

// saveThen saves the checkpoint reached before a failure (if it moved)
// and returns the failure.
func saveThen(ctx context.Context, st Store, accountID int64, validity, done, last uint32, err error) error {
	if done != last {
		_ = st.SaveInboxCheckpoint(context.WithoutCancel(ctx), accountID, validity, done)
	}
	return err
}

// Check connects, logs in and opens the INBOX: the account screen's test.
func Check(ctx context.Context, acct marketing.MailAccount, password string, opt Options) error {
	s, err := open(ctx, acct, password, opt)
	if err != nil {
		return err
	}
	defer s.close()
	_, err = s.selectInbox()
	return err
}

// handle classifies one message, records it when it is ours and moves it.
func (s *session) handle(ctx context.Context, m *imapclient.FetchMessageBuffer, st Store, opt Options, res *Result) error {
	raw := m.FindBodySection(bodySection)
	if raw == nil {
		return nil // expunged while we looked
	}
	res.Checked++
	c := Classify(raw)
	if c.Kind == marketing.InboxOther {
		return nil
	}
	// The address only counts for reports and opt-outs: a reply from
	// someone we once mailed is not about our mail unless it says so.
	recipient := ""
	if c.Kind == marketing.InboxBounceHard || c.Kind == marketing.InboxBounceSoft || c.Kind == marketing.InboxUnsubscribe {
		recipient = c.Recipient
	}
	ref, found, err := st.FindOutbox(ctx, c.ReferencedIDs, c.Token, recipient)
	if err != nil || !found {
		return err
	}
	e := marketing.InboxEvent{
		AccountID: s.acct.ID, UID: uint32(m.UID), MessageID: c.MessageID, Kind: c.Kind,
		From: c.From, Subject: c.Subject, Recipient: c.Recipient, Status: c.Status, Diagnostic: c.Diagnostic,
		OutboxID: ref.OutboxID, ContactID: ref.ContactID, CampaignID: ref.CampaignID,
		ReceivedAt: c.ReceivedAt, Snippet: c.Snippet,
	}
	if e.Recipient == "" && c.Kind != marketing.InboxReply && c.Kind != marketing.InboxAutoReply {
		e.Recipient = ref.Email
	}
	if e.ReceivedAt == "" {
		e.ReceivedAt = marketing.Timestamp(opt.Now())
		if !m.InternalDate.IsZero() {
			e.ReceivedAt = marketing.Timestamp(m.InternalDate)
		}
	}
	isNew, err := st.RecordInbox(ctx, e)
	if err != nil {
		return err
	}
	// A person's reply stays in the INBOX: the shop owner answers it in
	// their own mail program. Reports and opt-outs are filed away.
	if e.Kind != marketing.InboxReply {
		if err := s.move(m.UID); err != nil {
			return err
		}
		res.Moved++
	}
	if isNew {
		res.Counts[e.Kind]++
		res.Events = append(res.Events, e)
	}
	return nil
}

// ---------------------------------------------------------------------------
// The IMAP session

// session is one connection. Every network step runs under a watchdog
// that closes the connection when the step's deadline passes or ctx is
// cancelled, so nothing waits on a silent server.
type session struct {
	ctx     context.Context
	acct    marketing.MailAccount
	folder  string
	conn    net.Conn
	c       *imapclient.Client
	timeout time.Duration
	timer   *time.Timer
	expired atomic.Bool
	stopCtx func() bool
	created bool // the processed folder is known to exist
}

func open(ctx context.Context, acct marketing.MailAccount, password string, opt Options) (*session, error) {
	if acct.IMAPHost == "" {
		return nil, imapErr("no_server", acct, errors.New("no IMAP server"))
	}
	s := &session{ctx: ctx, acct: acct, folder: acct.ProcessedFolder, timeout: opt.Timeout}
	if s.folder == "" {
		s.folder = DefaultFolder
	}
	if s.timeout <= 0 {
		s.timeout = defaultTimeout
	}
	port := acct.IMAPPort
	if port == 0 {
		port = 993
		if acct.IMAPSecurity == marketing.SecuritySTARTTLS || acct.IMAPSecurity == marketing.SecurityPlain {
			port = 143
		}
	}
	dctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	conn, err := (&net.Dialer{}).DialContext(dctx, "tcp", net.JoinHostPort(acct.IMAPHost, strconv.Itoa(port)))
	if err != nil {
		return nil, s.fail("connect", err)
	}
	s.conn = conn
	s.timer = time.AfterFunc(time.Hour, func() { s.expired.Store(true); conn.Close() })
	s.timer.Stop()
	s.stopCtx = context.AfterFunc(ctx, func() { conn.Close() })

	cfg := &tls.Config{}
	if opt.TLSConfig != nil {
		cfg = opt.TLSConfig.Clone()
	}
	if cfg.ServerName == "" {
		cfg.ServerName = acct.IMAPHost
	}
	cfg.MinVersion = max(cfg.MinVersion, tls.VersionTLS12)

	switch acct.IMAPSecurity {
	case marketing.SecurityPlain: // only when the user chose it (a local server)
		s.c = imapclient.New(conn, nil)
	case marketing.SecuritySTARTTLS:
		// STARTTLS must succeed: a server that does not offer it never
		// sees the password.
		err = s.step("starttls_missing", "tls", func() error {
			c, err := imapclient.NewStartTLS(conn, &imapclient.Options{TLSConfig: cfg})
			s.c = c
			return err
		})
	default:
		tc := tls.Client(conn, cfg)
		if err = s.step("tls", "tls", func() error { return tc.HandshakeContext(ctx) }); err == nil {
			s.c = imapclient.New(tc, nil)
		}
	}
	if err == nil {
		err = s.step("greeting", "greeting", s.c.WaitGreeting)
	}
	if err == nil {
		user := firstNonEmpty(acct.IMAPUser, acct.SMTPUser, acct.FromEmail)
		err = s.step("auth", "connection", func() error { return s.c.Login(user, password).Wait() })
	}
	if err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

// step runs one network step under the watchdog. An IMAP "NO"/"BAD" is
// reported as answered (e.g. login rejected), anything else as the
// network failure it is, or as netReason when it is none we recognise.
func (s *session) step(answered, netReason string, fn func() error) error {
	s.timer.Reset(s.timeout)
	err := fn()
	s.timer.Stop()
	if err == nil {
		return nil
	}
	var ie *imap.Error
	if errors.As(err, &ie) && !s.expired.Load() {
		return imapErr(answered, s.acct, err)
	}
	return s.fail(netReason, err)
}

func (s *session) fail(fallback string, err error) error {
	if s.ctx.Err() != nil {
		return marketing.ErrCanceled
	}
	if s.expired.Load() {
		return imapErr("timeout", s.acct, err)
	}
	return imapErr(reasonOf(err, fallback), s.acct, err)
}

func (s *session) close() {
	if s.c != nil {
		_ = s.step("", "", func() error { return s.c.Logout().Wait() })
		s.c.Close()
	} else if s.conn != nil {
		s.conn.Close()
	}
	if s.timer != nil {
		s.timer.Stop()
	}
	if s.stopCtx != nil {
		s.stopCtx()
	}
}

func (s *session) selectInbox() (*imap.SelectData, error) {
	var sel *imap.SelectData
	err := s.step("inbox", "connection", func() (err error) {
		sel, err = s.c.Select("INBOX", nil).Wait()
		return err
	})
	return sel, err
}

// search lists the UIDs after last (received since since, when given).
func (s *session) search(last uint32, since time.Time) ([]imap.UID, error) {
	crit := &imap.SearchCriteria{UID: []imap.UIDSet{{{Start: imap.UID(last + 1), Stop: 0}}}, Since: since}
	var uids []imap.UID
	err := s.step("connection", "connection", func() error {
		data, err := s.c.UIDSearch(crit, nil).Wait()
		if err != nil {
			return err
		}
		if set, ok := data.All.(imap.UIDSet); ok {
			uids, _ = set.Nums() // a dynamic set would be a server bug: nothing
		}
		return nil
	})
	// "last+1:*" includes the highest UID even when it is below last+1.
	uids = slices.DeleteFunc(uids, func(u imap.UID) bool { return uint32(u) <= last })
	slices.Sort(uids)
	return uids, err
}

// fetch reads a batch of messages (at most maxFetchBytes of each). The
// deadline is per message, so a slow line is not cut off mid-batch.
func (s *session) fetch(uids []imap.UID) ([]*imapclient.FetchMessageBuffer, error) {
	var out []*imapclient.FetchMessageBuffer
	err := s.step("connection", "connection", func() error {
		cmd := s.c.Fetch(imap.UIDSetNum(uids...), &imap.FetchOptions{UID: true, InternalDate: true, BodySection: []*imap.FetchItemBodySection{bodySection}})
		for msg := cmd.Next(); msg != nil; msg = cmd.Next() {
			buf, err := msg.Collect()
			if err != nil {
				cmd.Close()
				return err
			}
			if buf.UID != 0 {
				out = append(out, buf)
			}
			s.timer.Reset(s.timeout)
		}
		return cmd.Close()
	})
	slices.SortFunc(out, func(a, b *imapclient.FetchMessageBuffer) int { return int(a.UID) - int(b.UID) })
	return out, err
}

// move moves one message to the processed folder: UID MOVE, or where the
// server lacks it COPY, \Deleted and UID EXPUNGE of that UID only. Without
// UIDPLUS there is no expunge of one UID, and a plain EXPUNGE would also
// remove what the user marked deleted: the copy stays marked \Deleted for
// the user's mail program to clean up. Nothing is ever deleted otherwise.
func (s *session) move(uid imap.UID) error {
	if err := s.ensureFolder(); err != nil {
		return err
	}
	set := imap.UIDSetNum(uid)
	return s.step("move", "connection", func() error {
		caps := s.c.Caps()
		if caps.Has(imap.CapMove) {
			_, err := s.c.Move(set, s.folder).Wait()
			return err
		}
		if _, err := s.c.Copy(set, s.folder).Wait(); err != nil {
			return err
		}
		if err := s.c.Store(set, &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{imap.FlagDeleted}}, nil).Close(); err != nil {
			return err
		}
		if caps.Has(imap.CapUIDPlus) {
			return s.c.UIDExpunge(set).Close()
		}
		return nil
	})
}

func (s *session) ensureFolder() error {
	if s.created {
		return nil
	}
	err := s.step("folder", "connection", func() error {
		list, err := s.c.List("", s.folder, nil).Collect()
		if err != nil || len(list) > 0 {
			return err
		}
		err = s.c.Create(s.folder, nil).Wait()
		var ie *imap.Error
		if errors.As(err, &ie) && ie.Code == imap.ResponseCodeAlreadyExists {
			return nil
		}
		return err
	})
	s.created = err == nil
	return err
}

// ---------------------------------------------------------------------------
// Errors a shop owner can act on

// reasonOf names a network failure the way the account screen explains it.
func reasonOf(err error, fallback string) string {
	var dnsErr *net.DNSError
	var certErr *tls.CertificateVerificationError
	var unknownAuth x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalid x509.CertificateInvalidError
	var header tls.RecordHeaderError
	var ne net.Error
	switch {
	case errors.As(err, &dnsErr):
		return "dns"
	case errors.As(err, &certErr), errors.As(err, &unknownAuth), errors.As(err, &hostErr), errors.As(err, &invalid):
		return "certificate"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "refused"
	case errors.As(err, &ne) && ne.Timeout(), errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	case errors.As(err, &header):
		return "tls" // TLS spoken to a port that does not speak it
	case errors.Is(err, io.EOF) && fallback == "tls":
		return "tls"
	}
	return fallback
}

var imapMessages = map[string]string{
	"no_server":        "No incoming mail server (IMAP) is set for this account. Add it in the account settings to read bounces and replies.",
	"dns":              "The incoming mail server's name could not be found. Check the IMAP server name (for example imap.yourprovider.com) and that the computer is online.",
	"connect":          "The incoming mail server could not be reached. Check the IMAP server name and port, and that the computer is online.",
	"refused":          "The incoming mail server refused the connection on this port. Check the port: usually 993 (TLS) or 143 (STARTTLS).",
	"timeout":          "The incoming mail server did not answer in time. Check the server name and port, or try again later.",
	"tls":              "A secure connection to the incoming mail server could not be made. Check the port and the security setting (993 = TLS, 143 = STARTTLS).",
	"certificate":      "The incoming mail server's certificate could not be verified: it is not valid for this server name, has expired, or is not signed by a known authority. Use the exact server name your provider gives; DirectDesk will not log in over an unverified connection.",
	"starttls_missing": "The incoming mail server does not offer encryption (STARTTLS) on this port, so DirectDesk will not send your password over it. Use port 993 with TLS, or ask your provider.",
	"greeting":         "The server did not greet like an IMAP server. Check that the port is the one for reading mail (IMAP, usually 993).",
	"auth":             "The incoming mail server did not accept the user name and password. Check them; some providers (Gmail, Outlook, Yandex) need an app password, and some need IMAP switched on.",
	"inbox":            "The mailbox has no INBOX folder that DirectDesk can open. Check the account on your provider's web mail.",
	"folder":           "DirectDesk could not create or open the folder for processed mail. Choose another folder name in the account settings (some servers want it under INBOX, like INBOX.DirectDesk).",
	"move":             "DirectDesk could not move processed mail to its folder. It will try again next time; check that the folder exists and the mailbox is not full.",
	"connection":       "The connection to the incoming mail server broke off. Try again later.",
}

// imapErr is a mail-server failure for the UI: the same shape as the SMTP
// side's (code invalid, field "imap", details reason and detail).
func imapErr(reason string, acct marketing.MailAccount, err error) *marketing.Error {
	msg := imapMessages[reason]
	if msg == "" {
		reason, msg = "connection", imapMessages["connection"]
	}
	return &marketing.Error{Code: marketing.EInvalid, Field: "imap", Message: msg,
		Details: map[string]string{"reason": reason, "detail": err.Error(), "host": acct.IMAPHost}, Err: err}
}

package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"time"

	"directdesk/backend/marketing"
	"directdesk/backend/workspace"
)

// Email is bound for the email channel: the user's mail accounts, the
// composer's preview, preflight and test send, mailings with their send
// tracking, and the inbox (bounces, unsubscribes, replies).
type Email struct {
	app *App
}

// AccountView is an account with where its password stands.
type AccountView struct {
	Account marketing.MailAccount `json:"account"`
	// PasswordSaved: a password is known (keychain, or this session).
	PasswordSaved bool `json:"passwordSaved"`
	// Keychain: the computer has a password store; false means the
	// password is asked once per session and never written anywhere.
	Keychain bool `json:"keychain"`
}

// ConnectionStep is the outcome of testing SMTP or IMAP.
type ConnectionStep struct {
	OK         bool              `json:"ok"`
	Skipped    bool              `json:"skipped"` // no IMAP server given
	Reason     string            `json:"reason"`  // dns, connect, refused, timeout, tls, certificate, starttls_missing, auth, ...
	Message    string            `json:"message"` // English fallback of the translated reason
	Details    map[string]string `json:"details"`
	TLS        bool              `json:"tls"`
	Pipelining bool              `json:"pipelining"`
}

// ConnectionReport is what "Test connection" found.
type ConnectionReport struct {
	SMTP ConnectionStep `json:"smtp"`
	IMAP ConnectionStep `json:"imap"`
}

// DomainProblem is one finding of the sender-domain check.
type DomainProblem struct {
	Code    string            `json:"code"`
	Params  map[string]string `json:"params"`
	Message string            `json:"message"`
}

// DomainFinding is the state of one record (SPF, DKIM or DMARC).
type DomainFinding struct {
	Status   string          `json:"status"` // ok, warning, missing, error
	Record   string          `json:"record"`
	Problems []DomainProblem `json:"problems"`
}

// DomainReport is the sender-domain check.
type DomainReport struct {
	Domain string        `json:"domain"`
	SPF    DomainFinding `json:"spf"`
	DKIM   DomainFinding `json:"dkim"`
	DMARC  DomainFinding `json:"dmarc"`
	// DKIMName and DKIMRecord: the DNS record to publish for signing.
	DKIMName   string `json:"dkimName"`
	DKIMRecord string `json:"dkimRecord"`
}

// SendRequest starts a mailing: a stored email template to a selection.
type SendRequest struct {
	TemplateID int64             `json:"templateId"`
	AccountID  int64             `json:"accountId"`
	Selection  DocumentSelection `json:"selection"`
	Name       string            `json:"name"` // campaign name; "" = the template's title and today's date
}

// RecipientPage is one page of a touch's per-recipient log.
type RecipientPage struct {
	Rows  []marketing.OutboxEntry `json:"rows"`
	Total int                     `json:"total"`
}

// SuppressionPage is one page of the suppression list.
type SuppressionPage struct {
	Rows  []marketing.Suppression `json:"rows"`
	Total int                     `json:"total"`
}

// InboxResult is what one inbox sync did.
type InboxResult struct {
	Counts map[string]int         `json:"counts"` // per kind
	Events []marketing.InboxEvent `json:"events"`
}

func (e *Email) ws() (*workspace.Workspace, error) {
	if err := e.app.ready(); err != nil {
		return nil, err
	}
	return e.app.Workspace.ws, nil
}

// Accounts lists the mail accounts.
func (e *Email) Accounts() ([]AccountView, error) {
	ws, err := e.ws()
	if err != nil {
		return nil, err
	}
	list, err := ws.MailAccounts(context.Background())
	if err != nil {
		return nil, err
	}
	out := make([]AccountView, 0, len(list))
	for _, a := range list {
		out = append(out, e.view(ws, a))
	}
	return out, nil
}

func (e *Email) view(ws *workspace.Workspace, a marketing.MailAccount) AccountView {
	return AccountView{Account: a, PasswordSaved: ws.HasPassword(a), Keychain: ws.Keychain()}
}

// SaveAccount stores an account; a non-empty password is kept in the
// keychain (or for this session when there is none).
func (e *Email) SaveAccount(a marketing.MailAccount, password string) (AccountView, error) {
	ws, err := e.ws()
	if err != nil {
		return AccountView{}, err
	}
	saved, err := ws.SaveMailAccount(context.Background(), a, password)
	if err != nil {
		return AccountView{}, err
	}
	if password != "" {
		ws.Sending.Kick() // mailings paused for this password carry on
	}
	return e.view(ws, saved), nil
}

// Keychain tells whether the computer has a password store (false: the
// password is asked once per session and kept in memory only).
func (e *Email) Keychain() (bool, error) {
	ws, err := e.ws()
	if err != nil {
		return false, err
	}
	return ws.Keychain(), nil
}

// DeleteAccount removes an account and its stored password.
func (e *Email) DeleteAccount(id int64) error {
	ws, err := e.ws()
	if err != nil {
		return err
	}
	return ws.DeleteMailAccount(context.Background(), id)
}

// SetPassword gives an account its password (asked per session where the
// computer has no keychain).
func (e *Email) SetPassword(id int64, password string) error {
	ws, err := e.ws()
	if err != nil {
		return err
	}
	if err := ws.SetMailPassword(context.Background(), id, password); err != nil {
		return err
	}
	ws.Sending.Kick()
	return nil
}

// TestAccount connects to SMTP (and IMAP when given) and logs in; password
// "" uses the stored one.
func (e *Email) TestAccount(a marketing.MailAccount, password string) (ConnectionReport, error) {
	var rep ConnectionReport
	ws, err := e.ws()
	if err != nil {
		return rep, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	r := ws.TestMailAccount(ctx, a, password)
	rep.SMTP = step(r.SMTP)
	rep.IMAP = step(r.IMAP)
	return rep, nil
}

func step(s workspace.ConnStep) ConnectionStep {
	out := ConnectionStep{OK: s.Err == nil && !s.Skipped, Skipped: s.Skipped, TLS: s.TLS, Pipelining: s.Pipelining, Details: map[string]string{}}
	if s.Err != nil {
		out.Reason, out.Message = s.Err.Details["reason"], s.Err.Message
		for k, v := range s.Err.Details {
			out.Details[k] = v
		}
	}
	return out
}

// CheckDomain looks up SPF, DKIM and DMARC of the account's sender domain.
func (e *Email) CheckDomain(accountID int64) (DomainReport, error) {
	ws, err := e.ws()
	if err != nil {
		return DomainReport{}, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	r, err := ws.CheckSenderDomain(ctx, accountID)
	if err != nil {
		return DomainReport{}, err
	}
	conv := func(f workspace.DomainFinding) DomainFinding {
		out := DomainFinding{Status: f.Status, Record: f.Record, Problems: []DomainProblem{}}
		for _, p := range f.Problems {
			out.Problems = append(out.Problems, DomainProblem{Code: p.Code, Params: p.Params, Message: p.Message})
		}
		return out
	}
	return DomainReport{Domain: r.Domain, SPF: conv(r.SPF), DKIM: conv(r.DKIM), DMARC: conv(r.DMARC), DKIMName: r.DKIMName, DKIMRecord: r.DKIMRecord}, nil
}

// CreateDKIMKey makes a new signing key for the account (signing stays
// off until the user has published the record and switches it on).
func (e *Email) CreateDKIMKey(accountID int64) (AccountView, error) {
	ws, err := e.ws()
	if err != nil {
		return AccountView{}, err
	}
	a, err := ws.CreateDKIMKey(context.Background(), accountID)
	if err != nil {
		return AccountView{}, err
	}
	return e.view(ws, a), nil
}

// SetDKIM switches DKIM signing on or off.
func (e *Email) SetDKIM(accountID int64, enabled bool) (AccountView, error) {
	ws, err := e.ws()
	if err != nil {
		return AccountView{}, err
	}
	a, err := ws.SetDKIM(context.Background(), accountID, enabled)
	if err != nil {
		return AccountView{}, err
	}
	return e.view(ws, a), nil
}

// Preview renders the (unsaved) template for the recipient at index of the
// selection; pictures come as data: URLs.
func (e *Email) Preview(t marketing.Template, accountID int64, sel DocumentSelection, index int) (workspace.EmailPreview, error) {
	ws, err := e.ws()
	if err != nil {
		return workspace.EmailPreview{}, err
	}
	ctx := context.Background()
	ids, words, err := e.app.Documents.recipients(ctx, sel, false)
	if err != nil {
		return workspace.EmailPreview{}, err
	}
	return ws.EmailPreview(ctx, t, accountID, ids, words, index)
}

// Preflight checks the template and the selection before sending.
func (e *Email) Preflight(t marketing.Template, accountID int64, sel DocumentSelection) (workspace.EmailPreflight, error) {
	ws, err := e.ws()
	if err != nil {
		return workspace.EmailPreflight{}, err
	}
	ctx := context.Background()
	ids, words, err := e.app.Documents.recipients(ctx, sel, false)
	if err != nil {
		return workspace.EmailPreflight{}, err
	}
	return ws.EmailPreflight(ctx, t, accountID, ids, words)
}

// TestSend sends the recipient at index's version of the template to the
// address to (the user's own), marked as a test.
func (e *Email) TestSend(t marketing.Template, accountID int64, sel DocumentSelection, index int, to string) error {
	ws, err := e.ws()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	ids, words, err := e.app.Documents.recipients(ctx, sel, false)
	if err != nil {
		return err
	}
	return ws.TestSend(ctx, t, accountID, ids, words, index, to)
}

// Send freezes the selection into a mailing's outbox and starts sending in
// the background; progress arrives as "email:status" events.
func (e *Email) Send(req SendRequest) (marketing.Mailing, error) {
	ws, err := e.ws()
	if err != nil {
		return marketing.Mailing{}, err
	}
	ctx := context.Background()
	var m marketing.Mailing
	err = e.app.run("email", func(ctx context.Context, p marketing.Progress) error {
		ids, words, err := e.app.Documents.recipients(ctx, req.Selection, false)
		if err != nil {
			return err
		}
		m, err = ws.CreateMailing(ctx, workspace.MailingRequest{
			TemplateID: req.TemplateID, AccountID: req.AccountID, IDs: ids, Selection: words,
			SegmentID: req.Selection.SegmentID, Name: strings.TrimSpace(req.Name),
		}, p)
		return err
	})
	if err != nil {
		return m, err
	}
	ws.Sending.Start(ctx, m.TouchID)
	return m, nil
}

// Mailings lists the mailings, newest first, with their counts.
func (e *Email) Mailings() ([]workspace.MailingStatus, error) {
	ws, err := e.ws()
	if err != nil {
		return nil, err
	}
	return ws.Sending.List(context.Background())
}

// Status is one mailing's counts, rate and time left.
func (e *Email) Status(touchID int64) (workspace.MailingStatus, error) {
	ws, err := e.ws()
	if err != nil {
		return workspace.MailingStatus{}, err
	}
	return ws.Sending.Status(context.Background(), touchID)
}

// Recipients pages the per-recipient log; query searches name and
// address, state "" means all, "failed" soft and hard failures.
func (e *Email) Recipients(touchID int64, query, state string, offset, limit int) (RecipientPage, error) {
	ws, err := e.ws()
	if err != nil {
		return RecipientPage{}, err
	}
	rows, total, err := ws.DB.OutboxPage(context.Background(), touchID, query, state, offset, limit)
	if rows == nil {
		rows = []marketing.OutboxEntry{}
	}
	return RecipientPage{Rows: rows, Total: total}, err
}

// Pause stops sending after the message in flight.
func (e *Email) Pause(touchID int64) error {
	ws, err := e.ws()
	if err != nil {
		return err
	}
	return ws.Sending.Pause(context.Background(), touchID)
}

// Resume continues a paused mailing.
func (e *Email) Resume(touchID int64) error {
	ws, err := e.ws()
	if err != nil {
		return err
	}
	return ws.Sending.Resume(context.Background(), touchID)
}

// Cancel stops a mailing for good: recipients not yet sent are cancelled.
func (e *Email) Cancel(touchID int64) error {
	ws, err := e.ws()
	if err != nil {
		return err
	}
	return ws.Sending.Cancel(context.Background(), touchID)
}

// RetryFailed queues the failed recipients again; returns how many.
func (e *Email) RetryFailed(touchID int64) (int, error) {
	ws, err := e.ws()
	if err != nil {
		return 0, err
	}
	return ws.Sending.RetryFailed(context.Background(), touchID)
}

// ResolveUnknown settles the recipients whose message may or may not have
// gone out: resend queues them again, otherwise they count as sent.
func (e *Email) ResolveUnknown(touchID int64, resend bool) (int, error) {
	ws, err := e.ws()
	if err != nil {
		return 0, err
	}
	return ws.Sending.ResolveUnknown(context.Background(), touchID, resend)
}

// ExportRecipients writes the per-recipient log to an .xlsx file at path;
// with path "" (browser mode) it returns the name to download.
func (e *Email) ExportRecipients(touchID int64, path string) (string, error) {
	ws, err := e.ws()
	if err != nil {
		return "", err
	}
	browser := path == "" || filepath.Base(path) == path
	if browser {
		dir := e.app.downloadDir()
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return "", err
		}
		path = filepath.Join(dir, "mailing-"+time.Now().Format("2006-01-02-150405")+".xlsx")
	}
	if err := ws.ExportOutbox(context.Background(), touchID, path); err != nil {
		return "", err
	}
	if browser {
		return filepath.Base(path), nil
	}
	return path, nil
}

// SyncInbox reads the account's inbox: bounces, unsubscribes, replies.
// Job "inbox".
func (e *Email) SyncInbox(accountID int64) (InboxResult, error) {
	var res InboxResult
	ws, err := e.ws()
	if err != nil {
		return res, err
	}
	err = e.app.run("inbox", func(ctx context.Context, p marketing.Progress) error {
		counts, events, err := ws.SyncInbox(ctx, accountID, p)
		res.Counts, res.Events = counts, events
		return err
	})
	if res.Counts == nil {
		res.Counts = map[string]int{}
	}
	if res.Events == nil {
		res.Events = []marketing.InboxEvent{}
	}
	return res, err
}

// InboxLog lists what the inbox processing found, newest first.
func (e *Email) InboxLog(accountID int64) ([]marketing.InboxEvent, error) {
	ws, err := e.ws()
	if err != nil {
		return nil, err
	}
	list, err := ws.DB.InboxLog(context.Background(), accountID, 200)
	if list == nil {
		list = []marketing.InboxEvent{}
	}
	return list, err
}

// Suppressions pages the addresses that are never mailed.
func (e *Email) Suppressions(query string, offset, limit int) (SuppressionPage, error) {
	ws, err := e.ws()
	if err != nil {
		return SuppressionPage{}, err
	}
	rows, total, err := ws.DB.Suppressions(context.Background(), query, limit, offset)
	if rows == nil {
		rows = []marketing.Suppression{}
	}
	return SuppressionPage{Rows: rows, Total: total}, err
}

// AddSuppression blocks an address by hand.
func (e *Email) AddSuppression(address string) error {
	ws, err := e.ws()
	if err != nil {
		return err
	}
	return ws.AddSuppression(context.Background(), address)
}

// RemoveSuppression allows an address again (after the person asked).
func (e *Email) RemoveSuppression(address string) error {
	ws, err := e.ws()
	if err != nil {
		return err
	}
	return ws.DB.RemoveSuppression(context.Background(), address)
}

// CancelJob stops a running Send preparation or inbox sync.
func (e *Email) CancelJob(name string) bool {
	if name != "email" && name != "inbox" {
		return false
	}
	return e.app.cancelJob(name)
}

package workspace

import (
	"context"
	"errors"
	"fmt"
	"net"
	"regexp"
	"strings"
	"sync"
	"time"

	"directdesk/backend/contacts"
	"directdesk/backend/document"
	"directdesk/backend/mail"
	"directdesk/backend/mailauth"
	"directdesk/backend/marketing"
	"directdesk/backend/secrets"
	"directdesk/backend/store"
)

// Email: accounts and their passwords, composing a template for preview,
// preflight and test sends, and creating mailings. Sending itself runs in
// Sending (sending.go); the inbox in inbox.go.

// passwordKey names an account's password in the keychain: the same
// account in two workspaces shares it.
func passwordKey(a marketing.MailAccount) string {
	return "smtp:" + strings.ToLower(a.SMTPUser) + "@" + strings.ToLower(a.SMTPHost)
}

// keeper returns the password store, opening it on first use.
func (w *Workspace) keeper() *secrets.Keeper {
	w.secretsOnce.Do(func() {
		if w.Secrets == nil {
			w.Secrets = secrets.New("DirectDesk")
		}
	})
	return w.Secrets
}

// Keychain tells whether passwords are kept in the OS keychain.
func (w *Workspace) Keychain() bool { return w.keeper().Persistent() }

// HasPassword tells whether an account's password is known.
func (w *Workspace) HasPassword(a marketing.MailAccount) bool {
	if a.SMTPUser == "" {
		return true // a local relay without login
	}
	_, err := w.keeper().Get(passwordKey(a))
	return err == nil
}

func (w *Workspace) password(a marketing.MailAccount) (string, error) {
	if a.SMTPUser == "" {
		return "", nil
	}
	p, err := w.keeper().Get(passwordKey(a))
	if errors.Is(err, secrets.ErrNotFound) {
		return "", marketing.FieldError(marketing.EInvalid, "password", "DirectDesk needs the password of the mail account "+a.Name+". Enter it under Settings → Email.", map[string]string{"reason": "password_missing", "account": a.Name})
	}
	if err != nil {
		// A locked keychain or a refused prompt: say so, not "enter it".
		return "", err
	}
	return p, nil
}

// MailAccounts lists the accounts.
func (w *Workspace) MailAccounts(ctx context.Context) ([]marketing.MailAccount, error) {
	list, err := w.DB.MailAccounts(ctx)
	for i := range list {
		w.withDKIMRecord(ctx, &list[i])
	}
	return list, err
}

func (w *Workspace) withDKIMRecord(ctx context.Context, a *marketing.MailAccount) {
	if key, err := w.DB.DKIMKey(ctx, a.ID); err == nil && key != "" {
		a.DKIMRecord, _ = mailauth.DNSRecord(key)
	}
}

var hostRe = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$|^\[[0-9a-fA-F:.]+\]$|^[0-9.]+$`)

// ValidateAccount checks and tidies an account before it is stored.
func ValidateAccount(a *marketing.MailAccount) error {
	a.Name = strings.TrimSpace(a.Name)
	a.FromName = strings.TrimSpace(a.FromName)
	a.SMTPHost = strings.TrimSpace(strings.ToLower(a.SMTPHost))
	a.IMAPHost = strings.TrimSpace(strings.ToLower(a.IMAPHost))
	a.SMTPUser, a.IMAPUser = strings.TrimSpace(a.SMTPUser), strings.TrimSpace(a.IMAPUser)
	for field, v := range map[string]string{"name": a.Name, "fromName": a.FromName, "smtpUser": a.SMTPUser, "imapUser": a.IMAPUser, "processedFolder": a.ProcessedFolder} {
		if strings.ContainsAny(v, "\r\n\x00") {
			return marketing.FieldError(marketing.EInvalid, field, "This field may not contain line breaks.", map[string]string{"reason": "header_injection"})
		}
	}
	from, err := contacts.NormalizeEmail(a.FromEmail)
	if err != nil || from == "" {
		return marketing.FieldError(marketing.EInvalid, "fromEmail", "Enter the address your mail is sent from, like shop@example.dk.", map[string]string{"reason": "email"})
	}
	if _, err := mail.Address("fromEmail", from); err != nil {
		return err
	}
	a.FromEmail = from
	if a.ReplyTo = strings.TrimSpace(a.ReplyTo); a.ReplyTo != "" {
		if _, err := mail.Address("replyTo", a.ReplyTo); err != nil {
			return err
		}
	}
	if a.Name == "" {
		a.Name = a.FromEmail
	}
	if a.SMTPHost == "" || !hostRe.MatchString(a.SMTPHost) {
		return marketing.FieldError(marketing.EInvalid, "smtpHost", "Enter the name of your provider's outgoing mail server, like smtp.example.com.", map[string]string{"reason": "host"})
	}
	switch a.SMTPSecurity {
	case marketing.SecurityTLS, marketing.SecuritySTARTTLS, marketing.SecurityPlain:
	default:
		a.SMTPSecurity = marketing.SecurityTLS
	}
	if a.SMTPSecurity == marketing.SecurityPlain && !localHost(a.SMTPHost) {
		return marketing.FieldError(marketing.EInvalid, "smtpSecurity", "Sending without encryption is only allowed to a mail relay on this computer or your own network (localhost, 127.0.0.1, 192.168.x.x, 10.x.x.x). Use TLS or STARTTLS.", map[string]string{"reason": "plain_remote"})
	}
	if a.SMTPPort == 0 {
		a.SMTPPort = map[marketing.MailSecurity]int{marketing.SecurityTLS: 465, marketing.SecuritySTARTTLS: 587, marketing.SecurityPlain: 25}[a.SMTPSecurity]
	}
	if a.SMTPPort < 1 || a.SMTPPort > 65535 {
		return marketing.FieldError(marketing.EInvalid, "smtpPort", "The port is a number from 1 to 65535, usually 465 or 587.", map[string]string{"reason": "port"})
	}
	if a.IMAPHost != "" {
		if !hostRe.MatchString(a.IMAPHost) {
			return marketing.FieldError(marketing.EInvalid, "imapHost", "Enter the name of your provider's incoming mail server (IMAP), like imap.example.com, or leave it empty.", map[string]string{"reason": "host"})
		}
		switch a.IMAPSecurity {
		case marketing.SecurityTLS, marketing.SecuritySTARTTLS, marketing.SecurityPlain:
		default:
			a.IMAPSecurity = marketing.SecurityTLS
		}
		if a.IMAPSecurity == marketing.SecurityPlain && !localHost(a.IMAPHost) {
			return marketing.FieldError(marketing.EInvalid, "imapSecurity", "Reading mail without encryption is only allowed from a server on this computer or your own network. Use TLS.", map[string]string{"reason": "plain_remote"})
		}
		if a.IMAPPort == 0 {
			a.IMAPPort = map[marketing.MailSecurity]int{marketing.SecurityTLS: 993, marketing.SecuritySTARTTLS: 143, marketing.SecurityPlain: 143}[a.IMAPSecurity]
		}
		if a.IMAPPort < 1 || a.IMAPPort > 65535 {
			return marketing.FieldError(marketing.EInvalid, "imapPort", "The port is a number from 1 to 65535, usually 993.", map[string]string{"reason": "port"})
		}
	} else if a.IMAPSecurity == "" {
		a.IMAPSecurity = marketing.SecurityTLS
	}
	if a.ProcessedFolder = strings.TrimSpace(a.ProcessedFolder); a.ProcessedFolder == "" {
		a.ProcessedFolder = "DirectDesk"
	}
	if a.PerMinute < 0 || a.PerHour < 0 || a.PerDay < 0 {
		return marketing.FieldError(marketing.EInvalid, "perMinute", "A sending limit is a number of messages, 0 for no limit.", map[string]string{"reason": "limit"})
	}
	if u := strings.TrimSpace(a.UnsubscribeURL); u != "" && !strings.HasPrefix(u, "https://") {
		return marketing.FieldError(marketing.EInvalid, "unsubscribeUrl", "The unsubscribe page must be an https:// address, or leave it empty.", map[string]string{"reason": "https"})
	}
	a.UnsubscribeURL = strings.TrimSpace(a.UnsubscribeURL)
	return nil
}

func localHost(h string) bool {
	h = strings.Trim(h, "[]")
	if h == "localhost" {
		return true
	}
	// Only an address, never a name that merely starts like one
	// ("10.mail.example.com" is somewhere on the internet).
	ip := net.ParseIP(h)
	return ip != nil && (ip.IsLoopback() || ip.IsPrivate())
}

// SaveMailAccount validates and stores an account; a non-empty password
// goes to the keychain.
func (w *Workspace) SaveMailAccount(ctx context.Context, a marketing.MailAccount, password string) (marketing.MailAccount, error) {
	if err := ValidateAccount(&a); err != nil {
		return a, err
	}
	if strings.ContainsAny(password, "\r\n\x00") {
		return a, marketing.FieldError(marketing.EInvalid, "password", "The password may not contain line breaks.", nil)
	}
	if err := w.DB.SaveMailAccount(ctx, &a); err != nil {
		return a, err
	}
	if password != "" {
		if err := w.keeper().Set(passwordKey(a), password); err != nil {
			return a, marketing.FieldError(marketing.EInternal, "password", "The password could not be saved in the computer's password store: "+err.Error(), nil)
		}
	}
	w.withDKIMRecord(ctx, &a)
	return a, nil
}

// DeleteMailAccount removes an account and forgets its password.
func (w *Workspace) DeleteMailAccount(ctx context.Context, id int64) error {
	a, err := w.DB.MailAccount(ctx, id)
	if err != nil {
		return err
	}
	if err := w.DB.DeleteMailAccount(ctx, id); err != nil {
		return err
	}
	// Another account on the same server and user shares the password.
	others, err := w.DB.MailAccounts(ctx)
	if err != nil {
		return err
	}
	for _, o := range others {
		if passwordKey(o) == passwordKey(a) {
			return nil
		}
	}
	w.keeper().Delete(passwordKey(a))
	return nil
}

// SetMailPassword stores the password of an account.
func (w *Workspace) SetMailPassword(ctx context.Context, id int64, password string) error {
	a, err := w.DB.MailAccount(ctx, id)
	if err != nil {
		return err
	}
	if password == "" || strings.ContainsAny(password, "\r\n\x00") {
		return marketing.FieldError(marketing.EInvalid, "password", "Enter the password of the mail account.", nil)
	}
	return w.keeper().Set(passwordKey(a), password)
}

// ConnStep is one side of a connection test.
type ConnStep struct {
	Err        *marketing.Error
	Skipped    bool
	TLS        bool
	Pipelining bool
}

// ConnTest is what TestMailAccount found.
type ConnTest struct{ SMTP, IMAP ConnStep }

// TestMailAccount connects and logs in to SMTP and (when given) IMAP.
func (w *Workspace) TestMailAccount(ctx context.Context, a marketing.MailAccount, password string) ConnTest {
	var r ConnTest
	if err := ValidateAccount(&a); err != nil {
		me := &marketing.Error{}
		errors.As(err, &me)
		r.SMTP.Err = me
		r.IMAP.Skipped = true
		return r
	}
	if password == "" && a.ID != 0 {
		if stored, err := w.DB.MailAccount(ctx, a.ID); err == nil && passwordKey(stored) == passwordKey(a) {
			password, _ = w.password(stored)
		}
	}
	c, err := mail.Dial(ctx, w.transport(a, password))
	if err != nil {
		r.SMTP.Err = mail.UserError(err)
	} else {
		r.SMTP.TLS = a.SMTPSecurity != marketing.SecurityPlain
		r.SMTP.Pipelining = c.Pipelining()
		c.Close()
	}
	if a.IMAPHost == "" {
		r.IMAP.Skipped = true
		return r
	}
	if err := w.testIMAP(ctx, a, password); err != nil {
		me := &marketing.Error{}
		if !errors.As(err, &me) {
			me = &marketing.Error{Code: marketing.EInvalid, Message: err.Error(), Details: map[string]string{"reason": "other"}}
		}
		r.IMAP.Err = me
	} else {
		r.IMAP.TLS = a.IMAPSecurity != marketing.SecurityPlain
	}
	return r
}

// transport is the SMTP configuration of an account.
func (w *Workspace) transport(a marketing.MailAccount, password string) mail.Config {
	return mail.Config{
		Host: a.SMTPHost, Port: a.SMTPPort, Security: a.SMTPSecurity, User: a.SMTPUser, Password: password,
		Hello: mail.Domain(a.FromEmail), TLSConfig: w.MailTLS, Timeout: w.MailTimeout,
	}
}

// CheckSenderDomain looks up the SPF, DKIM and DMARC records of the
// account's sender domain.
func (w *Workspace) CheckSenderDomain(ctx context.Context, id int64) (DomainReport, error) {
	a, err := w.DB.MailAccount(ctx, id)
	if err != nil {
		return DomainReport{}, err
	}
	key, err := w.DB.DKIMKey(ctx, id)
	if err != nil {
		return DomainReport{}, err
	}
	want := ""
	if key != "" {
		want, _ = mailauth.DNSRecord(key)
	}
	r := mailauth.CheckDomain(ctx, w.Resolver, a.FromEmail, a.DKIMSelector, want)
	conv := func(f mailauth.Finding) DomainFinding {
		out := DomainFinding{Status: f.Status, Record: f.Record}
		for _, p := range f.Problems {
			out.Problems = append(out.Problems, DomainProblem{Code: p.Code, Params: p.Params, Message: p.Message})
		}
		return out
	}
	rep := DomainReport{Domain: r.Domain, SPF: conv(r.SPF), DKIM: conv(r.DKIM), DMARC: conv(r.DMARC), DKIMRecord: want}
	if a.DKIMSelector != "" {
		rep.DKIMName = a.DKIMSelector + "._domainkey." + r.ASCII
	}
	return rep, nil
}

// DomainReport is the sender-domain check in the workspace's words.
type DomainReport struct {
	Domain               string
	SPF, DKIM, DMARC     DomainFinding
	DKIMName, DKIMRecord string
}

// DomainFinding is one record's verdict.
type DomainFinding struct {
	Status, Record string
	Problems       []DomainProblem
}

// DomainProblem is one finding with its translation code.
type DomainProblem struct {
	Code    string
	Params  map[string]string
	Message string
}

// CreateDKIMKey makes a new signing key; signing stays off until the user
// has published the record.
func (w *Workspace) CreateDKIMKey(ctx context.Context, id int64) (marketing.MailAccount, error) {
	if _, err := w.DB.MailAccount(ctx, id); err != nil {
		return marketing.MailAccount{}, err
	}
	key, err := mailauth.GenerateKey()
	if err != nil {
		return marketing.MailAccount{}, err
	}
	sel := "dd" + time.Now().UTC().Format("200601")
	if err := w.DB.SetDKIM(ctx, id, sel, key, false); err != nil {
		return marketing.MailAccount{}, err
	}
	a, err := w.DB.MailAccount(ctx, id)
	w.withDKIMRecord(ctx, &a)
	return a, err
}

// SetDKIM switches signing on or off.
func (w *Workspace) SetDKIM(ctx context.Context, id int64, on bool) (marketing.MailAccount, error) {
	a, err := w.DB.MailAccount(ctx, id)
	if err != nil {
		return a, err
	}
	if on && a.DKIMSelector == "" {
		return a, marketing.FieldError(marketing.EInvalid, "dkim", "Create a signing key first, and publish its record.", map[string]string{"reason": "no_key"})
	}
	if err := w.DB.SetDKIM(ctx, id, "", "", on); err != nil {
		return a, err
	}
	a, err = w.DB.MailAccount(ctx, id)
	w.withDKIMRecord(ctx, &a)
	return a, err
}

// signer returns the account's DKIM signer, nil when signing is off.
func (w *Workspace) signer(ctx context.Context, a marketing.MailAccount) (mail.Signer, error) {
	if !a.DKIMEnabled || a.DKIMSelector == "" {
		return nil, nil
	}
	key, err := w.DB.DKIMKey(ctx, a.ID)
	if err != nil || key == "" {
		return nil, err
	}
	return mailauth.NewSigner(mail.Domain(a.FromEmail), a.DKIMSelector, key)
}

// emailSource joins the texts of an email template, so the segment names
// its conditions use can be found as for a letter.
func emailSource(l marketing.EmailLayout) string {
	parts := []string{l.Subject, l.Preheader}
	for _, b := range l.Blocks {
		parts = append(parts, b.Text)
	}
	return strings.Join(parts, "\n")
}

// composer prepares an email template for the contacts ids.
func (w *Workspace) composer(ctx context.Context, t marketing.Template, a marketing.MailAccount, ids []int64, words, campaign string, seq int) (*mail.Composer, error) {
	if t.Kind != marketing.KindEmail {
		return nil, marketing.FieldError(marketing.EInvalid, "template", "This template is not an email. Pick an email template.", nil)
	}
	src := t
	src.Body = emailSource(t.Layout.Email)
	req, err := w.DocumentRequest(ctx, src, ids, words)
	if err != nil {
		return nil, err
	}
	products, err := w.DB.Products(ctx)
	if err != nil {
		return nil, err
	}
	lang := t.Lang
	if lang == "" {
		lang = req.Sender.Lang
	}
	opt := mail.Options{
		Lang: lang, Business: req.Sender.Business, Currency: req.Currency, Today: req.Today,
		Campaign: campaign, TouchSeq: seq, Known: req.Known, Segments: req.Segments, Products: products, Media: w.DB,
		Sender: mail.Sender{Name: firstNonBlank(a.FromName, req.Sender.Business.Name), Email: a.FromEmail, ReplyTo: a.ReplyTo, UnsubscribeURL: a.UnsubscribeURL},
	}
	if len(t.Layout.Email.Attachments) > 0 {
		opt.Attach = w.attachments(t.Layout.Email.Attachments, campaign, words)
	}
	return mail.NewComposer(t.Layout.Email, opt)
}

func firstNonBlank(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// smallPictures serves the workspace's pictures scaled for an attached
// PDF: a catalog with full-size pictures would make every email megabytes.
type smallPictures struct {
	*store.DB
	cache sync.Map // name -> []byte
}

func (s *smallPictures) Media(ctx context.Context, name string) (string, []byte, error) {
	if v, ok := s.cache.Load(name); ok {
		return "image/jpeg", v.([]byte), nil
	}
	mime, data, err := s.DB.Media(ctx, name)
	if err != nil || len(data) == 0 || !strings.HasPrefix(mime, "image/") {
		return mime, data, err
	}
	small, err := document.Thumbnail(data, 700)
	if err != nil {
		return mime, data, nil
	}
	s.cache.Store(name, small)
	return "image/jpeg", small, nil
}

// attachments makes each recipient's personalised PDFs.
func (w *Workspace) attachments(list []marketing.EmailAttachment, campaign, words string) func(ctx context.Context, r *mail.Recipient) ([]mail.Attachment, error) {
	pics := &smallPictures{DB: w.DB}
	// The document request (sender, segments a catalog's variants name)
	// is made once per attached template, not once per recipient.
	var mu sync.Mutex
	reqs := map[int]document.Request{}
	request := func(ctx context.Context, i int) (document.Request, error) {
		mu.Lock()
		defer mu.Unlock()
		if req, ok := reqs[i]; ok {
			return req, nil
		}
		at := list[i]
		t, err := w.DB.TemplateByID(ctx, at.TemplateID)
		if err == nil && at.Version > 0 {
			// The version frozen when the mailing was made.
			t, err = w.DB.TemplateVersion(ctx, at.TemplateID, at.Version)
		}
		if err != nil {
			return document.Request{}, err
		}
		req, err := w.DocumentRequest(ctx, t, nil, words)
		if err != nil {
			return req, err
		}
		req.Campaign = campaign
		reqs[i] = req
		return req, nil
	}
	return func(ctx context.Context, r *mail.Recipient) ([]mail.Attachment, error) {
		var out []mail.Attachment
		for i, at := range list {
			req, err := request(ctx, i)
			if err != nil {
				return nil, err
			}
			req.IDs = []int64{r.Contact.ID}
			data, err := document.RenderOne(ctx, pics, req, r.Contact.ID)
			if err != nil {
				return nil, err
			}
			name := strings.TrimSpace(at.FileName)
			if name == "" {
				name = req.Template.Title
			}
			name = strings.NewReplacer("/", "-", "\\", "-", "\"", "", "\r", "", "\n", "").Replace(name)
			if !strings.HasSuffix(strings.ToLower(name), ".pdf") {
				name += ".pdf"
			}
			out = append(out, mail.Attachment{Name: name, ContentType: "application/pdf", Data: data})
		}
		return out, nil
	}
}

// EmailPreview is one recipient's email as the composer shows it.
type EmailPreview struct {
	ContactID int64    `json:"contactId"`
	Name      string   `json:"name"`
	Email     string   `json:"email"`
	Index     int      `json:"index"`
	Total     int      `json:"total"`
	Subject   string   `json:"subject"`
	Preheader string   `json:"preheader"`
	HTML      string   `json:"html"` // pictures as data: URLs
	Text      string   `json:"text"`
	Missing   []string `json:"missing"`
	Size      int      `json:"size"` // bytes of the whole message
}

// previewAccount is the account a preview composes with: the given one,
// or the first, or a stand-in from the business profile.
func (w *Workspace) previewAccount(ctx context.Context, id int64) (marketing.MailAccount, error) {
	if id != 0 {
		return w.DB.MailAccount(ctx, id)
	}
	list, err := w.DB.MailAccounts(ctx)
	if err != nil || len(list) > 0 {
		if len(list) > 0 {
			return list[0], nil
		}
		return marketing.MailAccount{}, err
	}
	s, err := w.Settings(ctx)
	if err != nil {
		return marketing.MailAccount{}, err
	}
	from := s.Business.Email
	if from == "" {
		from = "shop@example.com"
	}
	return marketing.MailAccount{Name: s.Business.Name, FromName: s.Business.Name, FromEmail: from}, nil
}

// EmailPreview renders t for the recipient at index of ids.
func (w *Workspace) EmailPreview(ctx context.Context, t marketing.Template, accountID int64, ids []int64, words string, index int) (EmailPreview, error) {
	var p EmailPreview
	p.Total = len(ids)
	if p.Total == 0 {
		return p, marketing.FieldError(marketing.EInvalid, "selection", "The selection has no contacts. Pick a segment with people in it.", map[string]string{"reason": "empty"})
	}
	a, err := w.previewAccount(ctx, accountID)
	if err != nil {
		return p, err
	}
	index = max(0, min(index, p.Total-1))
	c, err := w.composer(ctx, t, a, ids[index:index+1], words, firstNonBlank(t.Title), 1)
	if err != nil {
		return p, err
	}
	r, err := w.recipient(ctx, ids[index], "XXXXXXX")
	if err != nil {
		return p, err
	}
	msg, rd, err := c.Message(ctx, r, time.Now())
	if err != nil {
		return p, err
	}
	p.ContactID, p.Name, p.Email, p.Index = r.Contact.ID, r.Contact.DisplayName(), r.Contact.Email, index
	p.Subject, p.Preheader, p.Text, p.Missing, p.Size = rd.Subject, rd.Preheader, rd.Text, rd.Missing, len(msg)
	p.HTML = c.InlineForPreview(rd.HTML)
	if p.Missing == nil {
		p.Missing = []string{}
	}
	return p, nil
}

// recipient loads one contact as a message's addressee (a preview or
// test: fresh identifiers that are never stored).
func (w *Workspace) recipient(ctx context.Context, id int64, code string) (*mail.Recipient, error) {
	list, err := w.DB.ContactsInOrder(ctx, []int64{id})
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, marketing.Errorf(marketing.ENotFound, "This contact has been deleted.")
	}
	buys, err := w.DB.PurchaseSummaries(ctx, []int64{id})
	if err != nil {
		return nil, err
	}
	r := &mail.Recipient{Contact: &list[0], Email: list[0].Email, MessageID: mail.NewMessageID("preview.invalid"), Token: mail.NewToken(), ResponseCode: code}
	if r.Email == "" {
		r.Email = "no-address@example.invalid"
	}
	if p, ok := buys[id]; ok {
		r.Buys = &p
	}
	return r, nil
}

// EmailPreflight is the check before a mailing goes out.
type EmailPreflight struct {
	Recipients int            `json:"recipients"`
	WillSend   int            `json:"willSend"`
	Skipped    map[string]int `json:"skipped"` // per reason
	// Warnings about the email itself: unsubscribe_missing,
	// sender_identification_missing, image_only, too_large,
	// no_account, password_missing, rate_limit_days.
	Warnings []EmailWarning `json:"warnings"`
	Gaps     []document.Gap `json:"gaps"` // fields empty for some recipients
	Size     int            `json:"size"` // bytes of the first recipient's message
	HTMLSize int            `json:"htmlSize"`
}

// EmailWarning is one preflight finding with its translation parameters.
type EmailWarning struct {
	Code   string            `json:"code"`
	Params map[string]string `json:"params"`
}

// gapSample is how many recipients the preflight merges to find empty
// fields: a full merge per person, so large lists are sampled from the
// start (which finds every field in practice); counts of who is left out
// always cover everyone.
const gapSample = 20000

// maxMailSize is where Gmail starts clipping a message.
const maxMailSize = 100 * 1024

// EmailPreflight checks the email and every recipient of ids.
func (w *Workspace) EmailPreflight(ctx context.Context, t marketing.Template, accountID int64, ids []int64, words string) (EmailPreflight, error) {
	rep := EmailPreflight{Recipients: len(ids), Skipped: map[string]int{}, Warnings: []EmailWarning{}, Gaps: []document.Gap{}}
	a, err := w.previewAccount(ctx, accountID)
	if err != nil {
		return rep, err
	}
	if a.ID == 0 {
		rep.Warnings = append(rep.Warnings, EmailWarning{Code: "no_account"})
	} else if !w.HasPassword(a) {
		rep.Warnings = append(rep.Warnings, EmailWarning{Code: "password_missing", Params: map[string]string{"account": a.Name}})
	}
	c, err := w.composer(ctx, t, a, ids, words, firstNonBlank(t.Title), 1)
	if err != nil {
		return rep, err
	}
	rows, err := w.mailingRows(ctx, ids, a, "", false)
	if err != nil {
		return rep, err
	}
	gaps := map[string]*document.Gap{}
	first := true
	for i, r := range rows {
		if i%256 == 0 && ctx.Err() != nil {
			return rep, ctx.Err()
		}
		if r.State == marketing.OutboxSkipped {
			rep.Skipped[r.Reason]++
			continue
		}
		rep.WillSend++
		if rep.WillSend > gapSample {
			continue
		}
		rec, err := w.recipient(ctx, r.ContactID, "XXXXXXX")
		if err != nil {
			continue
		}
		if first {
			first = false
			msg, rd, err := c.Message(ctx, rec, time.Now())
			if err != nil {
				return rep, err
			}
			rep.Size, rep.HTMLSize = len(msg), len(rd.HTML)
			if !strings.Contains(rd.HTML, c.UnsubscribeLink(rec)) {
				rep.Warnings = append(rep.Warnings, EmailWarning{Code: "unsubscribe_missing"})
			}
			if rd.Images > 0 && rd.TextChars < 200 {
				rep.Warnings = append(rep.Warnings, EmailWarning{Code: "image_only", Params: map[string]string{"chars": fmt.Sprint(rd.TextChars)}})
			}
			if len(msg) > maxMailSize {
				rep.Warnings = append(rep.Warnings, EmailWarning{Code: "too_large", Params: map[string]string{"kb": fmt.Sprint(len(msg) / 1024)}})
			}
		}
		{
			rd, err := c.Render(ctx, rec)
			if err != nil {
				return rep, err
			}
			for _, f := range rd.Missing {
				g := gaps[f]
				if g == nil {
					g = &document.Gap{Key: f, Kind: "field"}
					gaps[f] = g
				}
				g.Count++
				if len(g.Contacts) < 100 {
					g.Contacts = append(g.Contacts, document.ContactRef{ID: rec.Contact.ID, Name: rec.Contact.DisplayName()})
				}
			}
		}
	}
	for _, g := range gaps {
		rep.Gaps = append(rep.Gaps, *g)
	}
	s, err := w.Settings(ctx)
	if err != nil {
		return rep, err
	}
	b := s.Business
	if strings.TrimSpace(b.Name) == "" || strings.TrimSpace(b.Street+b.Postcode+b.City) == "" {
		rep.Warnings = append(rep.Warnings, EmailWarning{Code: "sender_identification_missing"})
	}
	if a.PerDay > 0 && rep.WillSend > a.PerDay {
		rep.Warnings = append(rep.Warnings, EmailWarning{Code: "rate_limit_days", Params: map[string]string{"days": fmt.Sprint((rep.WillSend + a.PerDay - 1) / a.PerDay), "perDay": fmt.Sprint(a.PerDay)}})
	}
	return rep, nil
}

// mailingRows decides for each contact whether it is mailed or skipped,
// and why. With fresh, each row gets its Message-ID and token.
func (w *Workspace) mailingRows(ctx context.Context, ids []int64, a marketing.MailAccount, campaign string, fresh bool) ([]store.OutboxRow, error) {
	cands, err := w.DB.MailCandidates(ctx, ids)
	if err != nil {
		return nil, err
	}
	var codes map[int64]string
	if fresh && campaign != "" {
		if codes, err = w.DB.ResponseCodes(ctx, campaign, ids); err != nil {
			return nil, err
		}
	}
	chk, err := w.checker(ctx, 0)
	if err != nil {
		return nil, err
	}
	domain := mail.Domain(a.FromEmail)
	seen := map[string]bool{}
	out := make([]store.OutboxRow, 0, len(cands))
	for _, m := range cands {
		r := store.OutboxRow{ContactID: m.ID, Email: m.Email, Name: m.Name, State: marketing.OutboxQueued}
		fold := strings.ToLower(strings.TrimSpace(m.Email))
		// Consent, country rules, registers, erasures and licences are
		// the privacy.Checker's (prospects need a yes first; existing
		// customers may get offers of similar products with an easy way
		// out, where the country allows it).
		why, _ := chk.Reason(marketing.ChannelEmail, m.Consent, false, m.Privacy)
		switch {
		case fold == "":
			r.State, r.Reason = marketing.OutboxSkipped, marketing.SkipNoEmail
		case m.Suppressed:
			r.State, r.Reason = marketing.OutboxSkipped, marketing.SkipSuppressed
		case why != "":
			r.State, r.Reason = marketing.OutboxSkipped, why
		case seen[fold]:
			r.State, r.Reason = marketing.OutboxSkipped, marketing.SkipDuplicate
		default:
			if _, err := mail.Address("to", m.Email); err != nil {
				r.State, r.Reason = marketing.OutboxSkipped, marketing.SkipInvalid
			}
		}
		if fold != "" {
			seen[fold] = true
		}
		if fresh {
			r.MessageID, r.Token, r.ResponseCode = mail.NewMessageID(domain), mail.NewToken(), codes[m.ID]
		}
		out = append(out, r)
	}
	return out, nil
}

// TestSend sends the index-th recipient's version to the user.
func (w *Workspace) TestSend(ctx context.Context, t marketing.Template, accountID int64, ids []int64, words string, index int, to string) error {
	if len(ids) == 0 {
		return marketing.FieldError(marketing.EInvalid, "selection", "The selection has no contacts. Pick a segment with people in it.", map[string]string{"reason": "empty"})
	}
	a, err := w.DB.MailAccount(ctx, accountID)
	if err != nil {
		return err
	}
	if strings.TrimSpace(to) == "" {
		to = a.FromEmail
	}
	if _, err := mail.Address("testTo", to); err != nil {
		return err
	}
	pw, err := w.password(a)
	if err != nil {
		return err
	}
	index = max(0, min(index, len(ids)-1))
	c, err := w.composer(ctx, t, a, ids[index:index+1], words, firstNonBlank(t.Title), 1)
	if err != nil {
		return err
	}
	r, err := w.recipient(ctx, ids[index], "TEST000")
	if err != nil {
		return err
	}
	r.Email, r.MessageID = to, mail.NewMessageID(mail.Domain(a.FromEmail))
	msg, _, err := c.Message(ctx, r, time.Now())
	if err != nil {
		return err
	}
	if s, err := w.signer(ctx, a); err != nil {
		return err
	} else if s != nil {
		if msg, err = s.Sign(msg); err != nil {
			return err
		}
	}
	cl, err := mail.Dial(ctx, w.transport(a, pw))
	if err != nil {
		return mail.UserError(err)
	}
	defer cl.Close()
	rcpt, _ := mail.Address("testTo", to)
	from, err := mail.Address("fromEmail", a.FromEmail)
	if err != nil {
		return err
	}
	if err := cl.Send(ctx, from, rcpt, msg); err != nil {
		return &marketing.Error{Code: marketing.EInvalid, Field: "testTo", Message: "The mail server did not accept the test message: " + err.Error(), Details: map[string]string{"reason": "rejected", "detail": err.Error()}, Err: err}
	}
	return nil
}

// MailingRequest starts a mailing.
type MailingRequest struct {
	TemplateID int64
	AccountID  int64
	IDs        []int64
	Selection  string
	SegmentID  int64
	Name       string
}

// CreateMailing freezes the list into the outbox of a new one-touch
// campaign. Sending starts with Sending.Start.
func (w *Workspace) CreateMailing(ctx context.Context, req MailingRequest, progress marketing.Progress) (marketing.Mailing, error) {
	var m marketing.Mailing
	t, err := w.DB.TemplateByID(ctx, req.TemplateID)
	if err != nil {
		return m, err
	}
	a, err := w.DB.MailAccount(ctx, req.AccountID)
	if err != nil {
		return m, err
	}
	if _, err := w.password(a); err != nil {
		return m, err
	}
	if len(req.IDs) == 0 {
		return m, marketing.FieldError(marketing.EInvalid, "selection", "The selection has no contacts. Pick a segment with people in it.", map[string]string{"reason": "empty"})
	}
	name := req.Name
	if name == "" {
		name = t.Title + " " + time.Now().Format("2006-01-02")
	}
	if err := checkNoNewline("name", name); err != nil {
		return m, err
	}
	// The content must compose before anything is stored.
	if _, err := w.composer(ctx, t, a, req.IDs[:1], req.Selection, name, 1); err != nil {
		return m, err
	}
	rows, err := w.mailingRows(ctx, req.IDs, a, name, true)
	if err != nil {
		return m, err
	}
	queued := 0
	for _, r := range rows {
		if r.State == marketing.OutboxQueued {
			queued++
		}
	}
	if queued == 0 {
		return m, marketing.FieldError(marketing.EInvalid, "selection", "Nobody in this selection can be mailed (no address, no consent or unsubscribed). Check the preflight.", map[string]string{"reason": "nobody"})
	}
	m = marketing.Mailing{Name: name, AccountID: a.ID, TemplateID: t.ID, TemplateVersion: t.Version, SegmentID: req.SegmentID, Selection: req.Selection}
	// Attached letters and catalogs are frozen at their current versions too.
	for _, at := range t.Layout.Email.Attachments {
		v, err := w.DB.TemplateByID(ctx, at.TemplateID)
		if err != nil {
			return m, marketing.FieldError(marketing.EInvalid, "attachments", "An attached letter or catalog template no longer exists. Pick another.", map[string]string{"reason": "attachment_missing"})
		}
		if m.Attachments == nil {
			m.Attachments = map[int64]int{}
		}
		m.Attachments[at.TemplateID] = v.Version
	}
	if err := w.DB.CreateMailing(ctx, &m, rows); err != nil {
		return m, err
	}
	if progress != nil {
		progress(len(rows), len(rows))
	}
	return m, nil
}

func checkNoNewline(field, v string) error {
	if strings.ContainsAny(v, "\r\n\x00") {
		return marketing.FieldError(marketing.EInvalid, field, "This text may not contain line breaks.", map[string]string{"reason": "header_injection"})
	}
	return nil
}

// AddSuppression blocks an address by hand.
func (w *Workspace) AddSuppression(ctx context.Context, address string) error {
	e, err := contacts.NormalizeEmail(address)
	if err != nil || e == "" {
		return marketing.FieldError(marketing.EInvalid, "email", "This is not a valid email address. It should look like name@example.dk.", map[string]string{"reason": "email"})
	}
	return w.DB.AddSuppression(ctx, marketing.Suppression{Email: e, Reason: marketing.SuppressManual, Source: "added by hand"})
}

// saveEmailTemplate cleans each text block and checks the whole email
// (fields, segments, products, links) before it is stored.
func (w *Workspace) saveEmailTemplate(ctx context.Context, t *marketing.Template) error {
	if !isLanguage(t.Lang) {
		return marketing.FieldError(marketing.EInvalid, "lang", "Pick the language the template is written in.", nil)
	}
	l := &t.Layout.Email
	size := len(l.Subject) + len(l.Preheader)
	for i := range l.Blocks {
		if l.Blocks[i].Kind == marketing.BlockText {
			l.Blocks[i].Text = document.Sanitize(l.Blocks[i].Text)
		}
		size += len(l.Blocks[i].Text)
	}
	if size > 1<<20 {
		return marketing.FieldError(marketing.ETooLarge, "body", "The email is too long. Keep it under 1 MB of text (pictures are stored apart).", nil)
	}
	if len(l.Blocks) > 100 {
		return marketing.FieldError(marketing.ETooLarge, "blocks", "An email can have at most 100 blocks.", nil)
	}
	if l.Blocks == nil {
		l.Blocks = []marketing.EmailBlock{}
	}
	if l.Attachments == nil {
		l.Attachments = []marketing.EmailAttachment{}
	}
	for _, f := range []struct{ field, v string }{{"subject", l.Subject}, {"preheader", l.Preheader}} {
		if err := checkNoNewline(f.field, f.v); err != nil {
			return err
		}
	}
	for _, a := range l.Attachments {
		if a.Kind != "catalog" && a.Kind != "letter" {
			return marketing.FieldError(marketing.EInvalid, "attachments", "An attachment is a letter or a catalog made for each recipient.", map[string]string{"reason": "attachment_kind"})
		}
		at, err := w.DB.TemplateByID(ctx, a.TemplateID)
		if err != nil {
			return marketing.FieldError(marketing.EInvalid, "attachments", "An attached letter or catalog template no longer exists. Pick another.", map[string]string{"reason": "attachment_missing"})
		}
		if string(at.Kind) != a.Kind {
			return marketing.FieldError(marketing.EInvalid, "attachments", "The attached template is not a "+a.Kind+".", map[string]string{"reason": "attachment_kind"})
		}
		if err := checkNoNewline("attachments", a.FileName); err != nil {
			return err
		}
	}
	known, err := w.Known(ctx)
	if err != nil {
		return err
	}
	products, err := w.DB.Products(ctx)
	if err != nil {
		return err
	}
	if _, err := mail.NewComposer(*l, mail.Options{Lang: t.Lang, Known: known, Products: products}); err != nil {
		return err
	}
	t.Body = ""
	return w.DB.SaveTemplate(ctx, t)
}

// Package inbox reads the user's own IMAP mailbox after a mailing and
// works out what came back: delivery reports (bounces), auto-replies,
// unsubscribe requests and human replies. Classify looks at one raw message
// (a pure function); Sync walks the INBOX, records what is about our mail
// through a small Store and moves those messages to a folder of their own.
// Mail that is not about our campaigns is never touched.
package inbox

import (
	"bufio"
	"bytes"
	"io"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"directdesk/backend/marketing"

	"github.com/emersion/go-message"
	// Registers the charsets real bounces and replies use (koi8-r,
	// windows-1251, iso-8859-1, ...) with go-message.
	_ "github.com/emersion/go-message/charset"
	"github.com/emersion/go-message/mail"
	"github.com/emersion/go-message/textproto"
	"golang.org/x/net/idna"
)

// Classification is what one incoming message means to DirectDesk.
type Classification struct {
	Kind      string // marketing.Inbox*
	From      string // the sender's address
	Subject   string
	MessageID string // the incoming message's own Message-ID, without <>
	// ReferencedIDs are message IDs (without <>) this message points at:
	// In-Reply-To, References and, for delivery reports, the Message-ID
	// of the returned original. One of them may be ours.
	ReferencedIDs []string
	Token         string // an unsubscribe token (unsub-TOKEN) found in it
	Recipient     string // the address that failed or asked to leave
	Status        string // "5.1.1" (or a basic "550" when that is all there is)
	Diagnostic    string // what the receiving server said
	Snippet       string // the first ~200 characters of a person's own words
	ReceivedAt    string // the Date header, UTC YYYY-MM-DDTHH:MM:SSZ
}

// Limits that keep a hostile or broken message cheap to look at.
const (
	maxDepth     = 8
	maxParts     = 64
	maxTextBytes = 256 << 10
	maxIDs       = 64
	snippetRunes = 200
)

// Classify reads one raw RFC 5322 message. It never panics: whatever it
// cannot read is "other", which Sync leaves alone.
func Classify(raw []byte) (c Classification) {
	defer func() {
		if recover() != nil {
			c = Classification{Kind: marketing.InboxOther}
		}
	}()
	return classify(raw)
}

// classify is Classify without the safety net, so the fuzz test sees panics.
func classify(raw []byte) (c Classification) {
	c.Kind = marketing.InboxOther
	e, err := message.Read(bytes.NewReader(raw))
	if e == nil || (err != nil && !message.IsUnknownCharset(err) && !message.IsUnknownEncoding(err)) {
		return c
	}
	h := mail.Header{Header: e.Header}
	c.From = headerAddress(h, "From")
	c.Subject = oneLine(headerText(h, "Subject"))
	c.MessageID = firstID(h, "Message-Id")
	if t, err := h.Date(); err == nil && !t.IsZero() {
		c.ReceivedAt = marketing.Timestamp(t)
	}
	refs := append(msgIDs(h, "In-Reply-To"), msgIDs(h, "References")...)

	var w walker
	w.walk(e, 0)
	text := w.ownText()
	own := ownLines(text)

	// Tokens: one in the subject or in the person's own words is a
	// request to leave; one anywhere else (a quoted footer, the returned
	// original's List-Unsubscribe) only tells us which mail it is about.
	strong := findToken(c.Subject)
	if strong == "" {
		strong = findToken(strings.Join(own, "\n"))
	}
	c.Token = strong
	if c.Token == "" {
		c.Token = firstNonEmpty(findToken(text), findToken(w.originalHeaders), findURLToken(text))
	}

	bounce := c.bounce(h, &w, text)
	if bounce {
		// The returned original names our message: in a message/rfc822 or
		// text/rfc822-headers part, or copied into the text.
		refs = append(refs, w.originalIDs...)
		refs = append(refs, inlineIDs(text)...)
	}
	c.ReferencedIDs = cleanIDs(refs, c.MessageID)
	if bounce {
		return c
	}
	if w.report && w.reportType == "delivery-status" {
		return c // a report that something was delivered or relayed
	}

	snippet := makeSnippet(own)
	// A read receipt (RFC 8098) is as automatic as a vacation notice.
	auto := isAutomatic(h, c.Subject) || (w.report && w.reportType == "disposition-notification")
	switch {
	case auto:
		c.Kind, c.Snippet = marketing.InboxAutoReply, snippet
	case strong != "" || (!isBulk(h) && leaving(c, own)):
		c.Kind, c.Snippet, c.Recipient = marketing.InboxUnsubscribe, snippet, c.From
	case len(c.ReferencedIDs) > 0:
		c.Kind, c.Snippet = marketing.InboxReply, snippet
	}
	return c
}

// ---------------------------------------------------------------------------
// Walking the MIME tree

type dsnRecipient struct {
	recipient, action, status, diagnostic string
}

// walker collects what classification needs from the MIME tree: the
// message's own text, delivery-status fields and the returned original's
// headers (whose body is never read as the message's own text).
type walker struct {
	report     bool   // top level is multipart/report
	reportType string // its report-type
	plain      []string
	html       []string
	dsn        []dsnRecipient
	// originalIDs and originalTo come from the returned original's headers.
	originalIDs     []string
	originalTo      []string
	originalHeaders string
	parts           int
}

func (w *walker) walk(e *message.Entity, depth int) {
	w.parts++
	if depth > maxDepth || w.parts > maxParts {
		return
	}
	mt, params := mediaType(e.Header)
	if depth == 0 && mt == "multipart/report" {
		w.report = true
		w.reportType = strings.ToLower(params["report-type"])
	}
	switch {
	case strings.HasPrefix(mt, "multipart/"):
		if params["boundary"] == "" {
			w.plain = append(w.plain, readText(e.Body))
			return
		}
		mr := e.MultipartReader()
		for mr != nil {
			p, err := mr.NextPart()
			if p == nil || (err != nil && !message.IsUnknownCharset(err) && !message.IsUnknownEncoding(err)) {
				break // the end, or a truncated message: keep what we have
			}
			w.walk(p, depth+1)
			if w.parts > maxParts {
				break
			}
		}
	case mt == "message/delivery-status" || mt == "message/global-delivery-status":
		body := readText(e.Body)
		w.dsn = append(w.dsn, parseDSN(body)...)
		// Gmail names the original here too, even when it sends no copy.
		for _, m := range reOriginalID.FindAllStringSubmatch(body, maxIDs) {
			w.originalIDs = append(w.originalIDs, m[1])
		}
	case mt == "message/rfc822" || mt == "message/global" || mt == "text/rfc822-headers" || mt == "message/global-headers":
		w.original(readText(e.Body))
	case mt == "text/plain":
		if !isAttachment(e.Header) {
			w.plain = append(w.plain, readText(e.Body))
		}
	case mt == "text/html":
		if !isAttachment(e.Header) {
			w.html = append(w.html, htmlToText(readText(e.Body)))
		}
	}
}

// original reads the headers of a returned message (only its headers:
// its body is our own campaign text and says nothing about the bounce).
func (w *walker) original(body string) {
	if i := strings.Index(body, "\r\n\r\n"); i >= 0 {
		body = body[:i]
	} else if i := strings.Index(body, "\n\n"); i >= 0 {
		body = body[:i]
	}
	w.originalHeaders += body + "\n"
	th, err := textproto.ReadHeader(bufio.NewReader(strings.NewReader(body + "\r\n\r\n")))
	if err != nil {
		w.originalIDs = append(w.originalIDs, inlineIDs(body)...)
		return
	}
	h := mail.Header{Header: message.Header{Header: th}}
	if id := firstID(h, "Message-Id"); id != "" {
		w.originalIDs = append(w.originalIDs, id)
	}
	if list, err := h.AddressList("To"); err == nil {
		for _, a := range list {
			w.originalTo = append(w.originalTo, a.Address)
		}
	}
}

// ownText is the message's readable text: its text/plain parts, or its
// HTML as text when it has no plain part.
func (w *walker) ownText() string {
	parts := w.plain
	if strings.TrimSpace(strings.Join(parts, "")) == "" {
		parts = w.html
	}
	return strings.ReplaceAll(strings.Join(parts, "\n"), "\r\n", "\n")
}

func mediaType(h message.Header) (string, map[string]string) {
	mt, params, err := h.ContentType()
	if err != nil {
		mt, _, _ = strings.Cut(mt, ";")
	}
	if params == nil {
		params = map[string]string{}
	}
	return strings.ToLower(strings.TrimSpace(mt)), params
}

func isAttachment(h message.Header) bool {
	disp, _, _ := h.ContentDisposition()
	return strings.EqualFold(disp, "attachment")
}

// readText reads at most maxTextBytes of a (decoded) body; a body that
// breaks off (truncated fetch, bad base64) gives what was read.
func readText(r io.Reader) string {
	b, _ := io.ReadAll(io.LimitReader(r, maxTextBytes))
	if !utf8.Valid(b) {
		b = bytes.ToValidUTF8(b, []byte("\uFFFD"))
	}
	return string(b)
}

var (
	reTag     = regexp.MustCompile(`(?s)<(script|style)\b.*?</(script|style)>|<br\s*/?>|</(p|div|tr|li|h[1-6])>|<[^>]*>`)
	reSpaces  = regexp.MustCompile(`[ \t]+`)
	reEntites = strings.NewReplacer("&nbsp;", " ", "&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#39;", "'")
)

// htmlToText is a rough HTML-to-text: enough to read a short reply or a
// bounce that came as HTML only.
func htmlToText(s string) string {
	s = reTag.ReplaceAllStringFunc(s, func(t string) string {
		l := strings.ToLower(t)
		if strings.HasPrefix(l, "<br") || strings.HasPrefix(l, "</") && !strings.HasPrefix(l, "</script") && !strings.HasPrefix(l, "</style") {
			return "\n"
		}
		if strings.HasPrefix(l, "<blockquote") {
			return "\n> " // quoted text in HTML replies
		}
		return ""
	})
	return reSpaces.ReplaceAllString(reEntites.Replace(s), " ")
}

// ---------------------------------------------------------------------------
// Headers

func headerText(h mail.Header, key string) string {
	s, err := h.Text(key)
	if err != nil && s == "" {
		s = h.Get(key)
	}
	return s
}

var reAddress = regexp.MustCompile(`[\p{L}\p{N}._%+=&'/!#$^{}|~*?\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)+`)

func headerAddress(h mail.Header, key string) string {
	if list, err := h.AddressList(key); err == nil && len(list) > 0 {
		return normalizeAddress(list[0].Address)
	}
	return normalizeAddress(reAddress.FindString(headerText(h, key)))
}

func headerAddresses(h mail.Header, keys ...string) []string {
	var out []string
	for _, k := range keys {
		for _, a := range reAddress.FindAllString(headerText(h, k), -1) {
			out = append(out, normalizeAddress(a))
		}
	}
	return out
}

// normalizeAddress trims an address and shows an internationalised domain
// in Unicode, the way contacts store it (xn--blomster-ga.dk -> blomster-ø.dk).
func normalizeAddress(a string) string {
	a = strings.Trim(strings.TrimSpace(a), "<>.;,'\"")
	local, domain, ok := strings.Cut(a, "@")
	if !ok {
		return a
	}
	domain = strings.ToLower(domain)
	if strings.Contains(domain, "xn--") {
		if u, err := idna.ToUnicode(domain); err == nil {
			domain = u
		}
	}
	return local + "@" + domain
}

var reMsgID = regexp.MustCompile(`<([^<>\s]{1,250}@[^<>\s]{1,250})>`)

func firstID(h mail.Header, key string) string {
	if id, err := h.MessageID(); key == "Message-Id" && err == nil && id != "" {
		return id
	}
	if m := reMsgID.FindStringSubmatch(h.Get(key)); m != nil {
		return m[1]
	}
	return ""
}

func msgIDs(h mail.Header, key string) []string {
	if ids, err := h.MsgIDList(key); err == nil {
		return ids
	}
	var out []string
	for _, m := range reMsgID.FindAllStringSubmatch(h.Get(key), maxIDs) {
		out = append(out, m[1])
	}
	return out
}

var reOriginalID = regexp.MustCompile(`(?im)^X-Original-Message-Id:\s*<([^<>\s]{1,250}@[^<>\s]{1,250})>`)

var reInlineID = regexp.MustCompile(`(?im)^\s*Message-Id:\s*<([^<>\s]{1,250}@[^<>\s]{1,250})>`)

// inlineIDs finds "Message-ID: <...>" lines of an original copied into a
// bounce's text (Exim and many others quote the returned headers inline).
func inlineIDs(text string) []string {
	var out []string
	for _, m := range reInlineID.FindAllStringSubmatch(text, maxIDs) {
		out = append(out, m[1])
	}
	return out
}

// cleanIDs drops duplicates, empties and the message's own ID.
func cleanIDs(ids []string, own string) []string {
	var out []string
	for _, id := range ids {
		id = strings.Trim(strings.TrimSpace(id), "<>")
		if id == "" || id == own || slices.Contains(out, id) || len(id) > 500 {
			continue
		}
		out = append(out, id)
		if len(out) == maxIDs {
			break
		}
	}
	return out
}

var (
	reToken    = regexp.MustCompile(`(?i)unsub-([a-z2-7]{16})(?:[^a-z0-9]|$)`)
	reURLToken = regexp.MustCompile(`[?&]u=([a-z2-7]{16})(?:[^a-zA-Z0-9]|$)`)
)

func findToken(s string) string {
	if m := reToken.FindStringSubmatch(s); m != nil {
		return strings.ToLower(m[1])
	}
	return ""
}

// findURLToken finds the token of our https unsubscribe link (?u=TOKEN),
// e.g. in a quoted footer.
func findURLToken(s string) string {
	if m := reURLToken.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	return ""
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// ---------------------------------------------------------------------------
// Delivery reports

// parseDSN reads the per-recipient fields of a message/delivery-status body
// (RFC 3464): blocks of "Name: value" lines separated by blank lines.
func parseDSN(body string) []dsnRecipient {
	var out []dsnRecipient
	body = strings.ReplaceAll(body, "\r\n", "\n")
	for _, block := range strings.Split(body, "\n\n") {
		f := map[string]string{}
		var last string
		for _, line := range strings.Split(block, "\n") {
			if line == "" {
				continue
			}
			if (line[0] == ' ' || line[0] == '\t') && last != "" {
				f[last] += " " + strings.TrimSpace(line)
				continue
			}
			k, v, ok := strings.Cut(line, ":")
			if !ok {
				continue
			}
			last = strings.ToLower(strings.TrimSpace(k))
			f[last] = strings.TrimSpace(v)
		}
		r := dsnRecipient{
			recipient:  dsnAddress(firstNonEmpty(f["final-recipient"], f["original-recipient"], f["x-actual-recipient"])),
			action:     strings.ToLower(f["action"]),
			status:     enhanced(f["status"]),
			diagnostic: oneLine(dsnValue(f["diagnostic-code"])),
		}
		if r.recipient != "" || r.action != "" {
			out = append(out, r)
		}
	}
	return out
}

// dsnValue drops the type of a typed DSN field ("smtp; 550 ..." -> "550 ...").
func dsnValue(v string) string {
	if t, rest, ok := strings.Cut(v, ";"); ok && !strings.ContainsAny(t, " @") {
		return strings.TrimSpace(rest)
	}
	return strings.TrimSpace(v)
}

func dsnAddress(v string) string {
	return normalizeAddress(reAddress.FindString(dsnValue(v)))
}

var (
	// An enhanced status code (RFC 3463) of class 2, 4 or 5 that is not part
	// of a longer dotted number (an IP address, a version).
	reEnhanced = regexp.MustCompile(`(?:^|[^\d.])([245]\.\d{1,3}\.\d{1,3})(?:[^\d.]|$)`)
	// A basic SMTP reply code where servers put it: at the start of a line,
	// after "said:", "smtp;", "#" or "(".
	reBasic = regexp.MustCompile(`(?m)(?:^\s*|:\s*|;\s*|#|\()([45][0-5]\d)(?:[ \t\-]|$)`)
)

// enhanced returns the first enhanced status code in s, of any class.
func enhanced(s string) string {
	if m := reEnhanced.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	return ""
}

// enhancedCode finds the first 4.x.x or 5.x.x code in s and the line it is on.
func enhancedCode(s string) (code, line string) {
	for _, m := range reEnhanced.FindAllStringSubmatchIndex(s, -1) {
		c := s[m[2]:m[3]]
		if c[0] == '4' || c[0] == '5' {
			return c, lineAt(s, m[2])
		}
	}
	return "", ""
}

func basicCode(s string) (code, line string) {
	if m := reBasic.FindStringSubmatchIndex(s); m != nil {
		return s[m[2]:m[3]], lineAt(s, m[2])
	}
	return "", ""
}

func lineAt(s string, i int) string {
	start := strings.LastIndexByte(s[:i], '\n') + 1
	end := strings.IndexByte(s[i:], '\n')
	if end < 0 {
		end = len(s) - i
	}
	return cut(oneLine(s[start:i+end]), 200)
}

var (
	// Subjects of bounces that do not follow RFC 3464 (or do and say so).
	bounceSubjects = []string{
		"undelivered mail returned to sender", "mail delivery failed", "delivery status notification",
		"undeliverable", "undelivered mail", "delivery failure", "failure notice", "returned mail",
		"mail delivery subsystem", "returned to sender", "nondeliverable", "non-delivery",
		"недоставленное сообщение", "не удалось доставить", "сообщение не доставлено", "не доставлено",
		"kunne ikke leveres", "ikke leveret", "kunde inte levereras", "kan ikke leveres", "ikke levert",
		"unzustellbar",
	}
	successSubjects = []string{"(success)", "(relay)", "delivered:", "доставлено:"}
	daemonLocals    = []string{"mailer-daemon", "postmaster", "mail-daemon", "maildaemon", "mailerdaemon"}
	hardWords       = []string{"failed", "failure", "permanent", "does not exist", "doesn't exist", "user unknown",
		"no such user", "не удалось", "не существует", "постоянн"}
	softWords = []string{"delay", "temporar", "will retry", "will be retried", "will keep trying", "still trying",
		"временн", "повтор"}
)

// bounce decides whether the message is a delivery report about a failure
// and fills kind, recipient, status and diagnostic. RFC 3464 reports are
// read field by field; other bounces (From MAILER-DAEMON, well-known
// subjects) by the SMTP codes and addresses in their text.
func (c *Classification) bounce(h mail.Header, w *walker, text string) bool {
	// RFC 3464: the per-recipient fields decide.
	var picked *dsnRecipient
	for i := range w.dsn {
		r := &w.dsn[i]
		if r.action == "failed" || (r.action == "" && strings.HasPrefix(r.status, "5")) {
			picked = r
			break
		}
		if picked == nil && (r.action == "delayed" || strings.HasPrefix(r.status, "4")) {
			picked = r
		}
	}
	if picked != nil {
		c.Recipient = picked.recipient
		c.Status, c.Diagnostic = picked.status, picked.diagnostic
		// Exim reports "Status: 5.0.0" and the real code in the diagnostic.
		if d, _ := enhancedCode(picked.diagnostic); d != "" && (c.Status == "" || strings.HasSuffix(c.Status, ".0.0") && d[0] == c.Status[0]) {
			c.Status = d
		}
		switch {
		case strings.HasPrefix(c.Status, "5"):
			c.Kind = marketing.InboxBounceHard
		case strings.HasPrefix(c.Status, "4"), picked.action == "delayed":
			c.Kind = marketing.InboxBounceSoft
		default: // failed without a (usable) status
			c.Kind = marketing.InboxBounceHard
		}
		if c.Recipient == "" {
			c.Recipient = c.guessRecipient(h, w, text)
		}
		return true
	}
	for _, r := range w.dsn {
		if r.action == "delivered" || r.action == "relayed" || r.action == "expanded" || strings.HasPrefix(r.status, "2") {
			return false // a report of success
		}
	}

	subject := strings.ToLower(c.Subject)
	local, _, _ := strings.Cut(strings.ToLower(c.From), "@")
	bySubject := containsAny(subject, bounceSubjects...)
	if containsAny(subject, successSubjects...) {
		return false
	}
	fromDaemon := slices.Contains(daemonLocals, local)
	if !bySubject && !fromDaemon && !(w.report && w.reportType == "delivery-status") {
		return false
	}
	lower := strings.ToLower(text)
	code, line := enhancedCode(text)
	basic, bline := basicCode(text)
	hard := containsAny(lower, hardWords...) && !containsAny(lower, softWords...)
	if !bySubject && code == "" && basic == "" && !hard && !containsAny(lower, softWords...) {
		return false // a person writing from postmaster@, say
	}
	switch {
	case code != "":
		c.Status, c.Diagnostic = code, line
		hard = code[0] == '5'
	case basic != "":
		c.Status, c.Diagnostic = basic, bline
		hard = basic[0] == '5'
	}
	if hard {
		c.Kind = marketing.InboxBounceHard
	} else {
		c.Kind = marketing.InboxBounceSoft
	}
	c.Recipient = c.guessRecipient(h, w, text)
	return true
}

// guessRecipient finds the failed address in a bounce: the Exim header
// X-Failed-Recipients, else the first address in the text that is not the
// sender, the bounce's own addresses or a message ID, else the To of the
// returned original (our campaign mail has exactly one recipient).
func (c *Classification) guessRecipient(h mail.Header, w *walker, text string) string {
	if a := headerAddresses(h, "X-Failed-Recipients"); len(a) > 0 {
		return a[0]
	}
	skip := append(headerAddresses(h, "From", "To", "Cc", "Sender", "Return-Path", "Reply-To", "Delivered-To"), w.originalIDs...)
	skip = append(skip, inlineIDs(text)...)
	skip = append(skip, originalSenders(text)...)
	for _, a := range reAddress.FindAllString(text, 200) {
		a = normalizeAddress(a)
		local, _, _ := strings.Cut(strings.ToLower(a), "@")
		if slices.Contains(daemonLocals, local) || containsFold(skip, a) || strings.HasPrefix(local, "dd.") {
			continue
		}
		return a
	}
	if len(w.originalTo) > 0 {
		return normalizeAddress(w.originalTo[0])
	}
	return ""
}

var reInlineFrom = regexp.MustCompile(`(?im)^\s*(?:From|Return-Path|Sender|Reply-To):.*$`)

// originalSenders are the addresses on From-like lines of an original
// copied into the text: our user, not the failed recipient.
func originalSenders(text string) []string {
	var out []string
	for _, l := range reInlineFrom.FindAllString(text, 20) {
		out = append(out, reAddress.FindAllString(l, -1)...)
	}
	return out
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(normalizeAddress(v), s) {
			return true
		}
	}
	return false
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// ---------------------------------------------------------------------------
// Auto-replies, bulk mail and requests to leave

var autoSubjects = []string{
	"automatic reply", "auto reply", "autoreply", "auto-reply", "auto:", "autosvar", "automatisk svar",
	"automatiskt svar", "fraværsmelding", "fravær", "frånvaro", "out of office", "out of the office",
	"abwesenheit", "абонент отсутствует", "автоответ", "автоматический ответ", "я в отпуске",
}

// isAutomatic follows RFC 3834 and the headers and subjects that the
// common vacation responders (Exchange, Gmail, Dovecot, Yandex) use.
func isAutomatic(h mail.Header, subject string) bool {
	if v := strings.ToLower(strings.TrimSpace(h.Get("Auto-Submitted"))); v != "" && !strings.HasPrefix(v, "no") {
		return true
	}
	if h.Get("X-Autoreply") != "" || h.Get("X-Autorespond") != "" || h.Get("X-Autoresponse") != "" {
		return true
	}
	if strings.EqualFold(strings.TrimSpace(h.Get("Precedence")), "auto_reply") {
		return true
	}
	s := strings.TrimLeft(strings.ToLower(subject), " [(")
	for _, p := range autoSubjects {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return containsAny(s, "out of office", "autoreply", "auto-reply", "автоответ", "fraværsmelding")
}

// isBulk says the message is a newsletter or list mail: its footer words
// ("unsubscribe") are not a request to us.
func isBulk(h mail.Header) bool {
	p := strings.ToLower(strings.TrimSpace(h.Get("Precedence")))
	return p == "bulk" || p == "list" || p == "junk" || h.Get("List-Id") != "" || h.Get("List-Unsubscribe") != ""
}

// leaveWords ask to be taken off the list, in our five languages. A word
// matches at the start of a word; whole words must also end there.
var leaveWords = []struct {
	w     string
	whole bool
}{
	{"afmeld", false}, {"avregistrera", false}, {"avsluta", false}, {"avmeld", false}, {"avslutt", false},
	{"отписаться", false}, {"отпишите", false}, {"отпишись", false}, {"отписк", false},
	{"unsubscribe", false}, {"stop sending", false}, {"remove me", true}, {"stop", true},
}

// leaving tells a request to leave by its words. In an answer to our
// mail the person's own lines count, and the subject only when they wrote
// it: "Re: Avslutt sommeren med oss" is our own subject coming back. A
// new mail counts only when its subject is the request itself
// ("Afmeld", "Unsubscribe me"): a customer writing about "afmelde mig
// workshoppen" is not leaving the list.
func leaving(c Classification, own []string) bool {
	subject := ownSubject(c.Subject)
	if len(c.ReferencedIDs) > 0 {
		return asksToLeave(subject, own)
	}
	return len(strings.Fields(subject)) <= 4 && asksToLeave(subject, nil)
}

var reReplySubject = regexp.MustCompile(`(?i)^\s*(re|sv|aw|vs|vb|antw|ref|odp|ответ|отв|fwd?|wg)\s*(\[\d+\])?\s*:`)

// ownSubject is the subject when the person wrote it, "" when it is ours
// answered or forwarded.
func ownSubject(s string) string {
	if reReplySubject.MatchString(s) {
		return ""
	}
	return s
}

// asksToLeave looks at the subject and the first lines a person wrote
// (not what they quoted).
func asksToLeave(subject string, own []string) bool {
	text := strings.ToLower(subject)
	n := 0
	for _, l := range own {
		if strings.TrimSpace(l) == "" {
			continue
		}
		text += "\n" + strings.ToLower(l)
		if n++; n == 5 {
			break
		}
	}
	for _, lw := range leaveWords {
		if lw.w == "stop" {
			// "STOP" alone (SMS habit) is a request; "stop" in a sentence is not.
			if slices.ContainsFunc(strings.Split(text, "\n"), func(l string) bool {
				return strings.Trim(l, " .!") == "stop"
			}) {
				return true
			}
			continue
		}
		for i := 0; ; {
			j := strings.Index(text[i:], lw.w)
			if j < 0 {
				break
			}
			j += i
			before, _ := utf8.DecodeLastRuneInString(text[:j])
			after, _ := utf8.DecodeRuneInString(text[j+len(lw.w):])
			if (j == 0 || !unicode.IsLetter(before)) && (!lw.whole || !unicode.IsLetter(after)) {
				return true
			}
			i = j + len(lw.w)
		}
	}
	return false
}

var (
	reQuoteHeader = regexp.MustCompile(`(?i)^(-{2,}\s*(original message|oprindelig meddelelse|ursprungligt meddelande|opprinnelig melding|forwarded message|исходное сообщение|пересылаемое сообщение)\s*-{2,}|_{10,})$`)
	// The first line of an Outlook-style header block of the quoted mail.
	reQuoteFrom = regexp.MustCompile(`(?i)^(from|fra|från|от|von):\s`)
	reQuoteSent = regexp.MustCompile(`(?i)^(sent|sendt|skickat|date|dato|datum|отправлено|дата|gesendet):\s`)
	// "... wrote:", or Gmail's Russian "Вт, 1 дек. 2026 г. в 13:05, Shop <a@b>:".
	reWroteLine = regexp.MustCompile(`(?i)((wrote|skrev|schrieb|пишет|написал|написала|a écrit)\s*:?|<[^<>\s]+@[^<>\s]+>\s*:)\s*$`)
	reIntro     = regexp.MustCompile(`(?i)^(on|den|am|le|el|в)\s|^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}`)
)

// ownLines returns the lines a person wrote themselves: everything before
// the quoted original ("On ... wrote:", "> ...", an Outlook header block)
// and before the signature separator.
func ownLines(text string) []string {
	var out []string
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, ">") || t == "--" || reQuoteHeader.MatchString(t) {
			break
		}
		if reQuoteFrom.MatchString(t) && (strings.Contains(t, "@") || i+1 < len(lines) && reQuoteSent.MatchString(strings.TrimSpace(lines[i+1]))) {
			break
		}
		if reWroteLine.MatchString(t) {
			// "On Mon, 23 Nov 2026 at 10:00, Shop <a@b>" may be wrapped
			// onto two lines: drop the first half too.
			if n := len(out); n > 0 && !reIntro.MatchString(t) && reIntro.MatchString(out[n-1]) {
				out = out[:n-1]
			}
			break
		}
		out = append(out, t)
	}
	return out
}

func makeSnippet(own []string) string {
	return cut(oneLine(strings.Join(own, " ")), snippetRunes)
}

// oneLine collapses all white space (and control characters) to single spaces.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }), " ")
}

// cut shortens s to at most n runes, at a word boundary when there is one.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	if i := strings.LastIndexByte(string(r), ' '); i > len(string(r))/2 {
		return strings.TrimSpace(string(r)[:i]) + "…"
	}
	return string(r) + "…"
}

// Package mail composes personalised campaign emails (with
// jordan-wright/email), sends them over the user's own SMTP account with one
// reused connection (transport.go), and runs the outbox so that every
// recipient of a touch gets a message exactly once (runner.go).
package mail

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base32"
	"encoding/base64"
	"fmt"
	"html"
	"image"
	_ "image/jpeg"
	"mime"
	"net/textproto"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/jordan-wright/email"

	"directdesk/backend/document"
	"directdesk/backend/marketing"
	"directdesk/backend/merge"
)

// maxSubjectBytes keeps the encoded Subject header under the 998-byte line
// limit (jordan-wright does not fold headers; a folded or rejected line
// would also break a DKIM signature).
const maxSubjectBytes = 900

// fitSubject shortens a subject until its encoded form fits one line.
func fitSubject(s string) string {
	r := []rune(s)
	for len(r) > 0 && len(mime.QEncoding.Encode("UTF-8", string(r))) > maxSubjectBytes {
		r = r[:len(r)*9/10]
	}
	return string(r)
}

// Sender is who a message comes from.
type Sender struct {
	Name    string
	Email   string
	ReplyTo string
	// UnsubscribeURL is the user's own https page, "" when none.
	UnsubscribeURL string
}

// MediaSource reads stored pictures ("logo", "img/<hex>").
type MediaSource interface {
	Media(ctx context.Context, name string) (string, []byte, error)
}

// Options are what a composer needs besides the content.
type Options struct {
	Lang     string // the template's language
	Business marketing.BusinessProfile
	Currency string
	Today    time.Time
	Campaign string // the campaign's name, for {{campaign}} and utm_campaign
	TouchSeq int    // utm_content=touchN
	Sender   Sender
	Known    merge.Known
	Segments map[string]map[int64]bool
	Products []marketing.Product
	Media    MediaSource
	// Attach makes a recipient's personalised attachments (nil: none).
	Attach func(ctx context.Context, r *Recipient) ([]Attachment, error)
}

// Attachment is a file sent with one message.
type Attachment struct {
	Name        string
	ContentType string
	Data        []byte
}

// Recipient is one message's addressee and its fixed identifiers.
type Recipient struct {
	Contact      *marketing.Contact
	Email        string
	MessageID    string // without <>
	Token        string // unsubscribe token
	ResponseCode string // raw code (formatted when shown)
	Buys         *marketing.PurchaseSummary
}

// Rendered is one recipient's email before it becomes MIME.
type Rendered struct {
	Subject   string   `json:"subject"`
	Preheader string   `json:"preheader"`
	HTML      string   `json:"html"`
	Text      string   `json:"text"`
	Missing   []string `json:"missing"`
	// TextChars is how much readable text the body has besides the footer
	// (the preflight warns about image-only mail).
	TextChars int `json:"textChars"`
	Images    int `json:"images"`
}

// Composer renders one template for many recipients.
type Composer struct {
	opt       Options
	subject   *merge.Template
	preheader *merge.Template
	blocks    []cblock
	products  map[int64]marketing.Product
	images    map[string]*inlineImage
	imagesMu  sync.Mutex
	utmCamp   string
	words     words
}

type cblock struct {
	b    marketing.EmailBlock
	text *merge.Template // text body or button label
	// plain is a text block's plain-text part, made from the template
	// once rather than from each merged body (nil: from the body).
	plain *merge.Template
}

type inlineImage struct {
	cid   string
	data  []byte
	width int // pixels of the scaled picture
	err   error
}

// NewComposer parses and checks the layout once for a whole touch.
func NewComposer(l marketing.EmailLayout, opt Options) (*Composer, error) {
	if opt.Today.IsZero() {
		opt.Today = time.Now()
	}
	c := &Composer{opt: opt, products: map[int64]marketing.Product{}, images: map[string]*inlineImage{}, words: wordsFor(opt.Lang)}
	var err error
	if strings.TrimSpace(l.Subject) == "" {
		return nil, marketing.FieldError(marketing.EInvalid, "subject", "The email has no subject. Write one: it is the first thing people see.", map[string]string{"reason": "required"})
	}
	if c.subject, err = parseField("subject", l.Subject, opt.Known); err != nil {
		return nil, err
	}
	if c.preheader, err = parseField("preheader", l.Preheader, opt.Known); err != nil {
		return nil, err
	}
	for _, p := range opt.Products {
		c.products[p.ID] = p
	}
	for i, b := range l.Blocks {
		cb := cblock{b: b}
		switch b.Kind {
		case marketing.BlockText:
			src := document.Sanitize(b.Text)
			if cb.text, err = parseField("body", src, opt.Known); err == nil {
				if p, perr := merge.Parse(document.PlainText(src)); perr == nil {
					cb.plain = p
				}
			}
		case marketing.BlockButton:
			cb.text, err = parseField("body", b.Text, opt.Known)
			if err == nil && !webURL(b.URL) {
				err = blockError(i, "button_url", "A button needs a web address starting with https:// (or http://).")
			}
		case marketing.BlockImage:
			if !mediaRef(b.Image) {
				err = blockError(i, "image_missing", "An image block has no picture. Pick one or remove the block.")
			} else if b.URL != "" && !webURL(b.URL) {
				err = blockError(i, "image_url", "The link of an image must start with https:// (or http://).")
			}
		case marketing.BlockProduct:
			if _, ok := c.products[b.ProductID]; !ok {
				err = blockError(i, "product_missing", "A product block names a product that is no longer in the catalog. Pick another.")
			} else if b.URL != "" && !webURL(b.URL) {
				err = blockError(i, "product_url", "The link of a product must start with https:// (or http://).")
			}
		case marketing.BlockDivider:
		default:
			err = blockError(i, "block_kind", "Unknown block type "+b.Kind+".")
		}
		if err != nil {
			return nil, err
		}
		c.blocks = append(c.blocks, cb)
	}
	c.utmCamp = slug(opt.Campaign)
	return c, nil
}

func blockError(i int, reason, msg string) error {
	return marketing.FieldError(marketing.EInvalid, "blocks", msg, map[string]string{"reason": reason, "block": strconv.Itoa(i + 1)})
}

func parseField(field, src string, known merge.Known) (*merge.Template, error) {
	t, err := merge.Parse(src)
	if err == nil {
		err = t.Check(known)
	}
	if me, ok := err.(*marketing.Error); ok && me.Field == "body" && field != "body" {
		cp := *me
		cp.Field = field
		return nil, &cp
	}
	return t, err
}

func webURL(s string) bool {
	u, err := url.Parse(strings.TrimSpace(s))
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" && !strings.ContainsAny(s, "\"'<> \r\n")
}

func mediaRef(s string) bool {
	h, ok := strings.CutPrefix(s, "media:img/")
	if s == "media:logo" {
		return true
	}
	if !ok || len(h) != 24 {
		return false
	}
	for _, r := range h {
		if !strings.ContainsRune("0123456789abcdef", r) {
			return false
		}
	}
	return true
}

var slugRe = regexp.MustCompile(`[^a-z0-9]+`)

// slug makes a campaign name fit for utm_campaign: "Forårstilbud 2026" ->
// "foraarstilbud-2026".
func slug(s string) string {
	r := strings.NewReplacer("æ", "ae", "ø", "oe", "å", "aa", "ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss", "é", "e")
	s = r.Replace(strings.ToLower(s))
	s = strings.Trim(slugRe.ReplaceAllString(translit(s), "-"), "-")
	if len(s) > 60 {
		s = strings.TrimRight(s[:60], "-")
	}
	return s
}

func translit(s string) string {
	const cyr = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
	lat := []string{"a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"}
	var b strings.Builder
	for _, r := range s {
		if i := strings.IndexRune(cyr, r); i >= 0 {
			b.WriteString(lat[len([]rune(cyr[:i]))])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// env builds the merge environment of one recipient, the way letters do.
func (c *Composer) env(r *Recipient) *merge.Env {
	ct := r.Contact
	e := &merge.Env{
		Lang: c.opt.Lang, DefaultLang: c.opt.Lang, Today: c.opt.Today, Contact: ct,
		Business: c.opt.Business, Campaign: c.opt.Campaign, ResponseCode: marketing.FormatResponseCode(r.ResponseCode),
		Currency: c.opt.Currency,
		InSegment: func(name string) bool {
			return ct != nil && c.opt.Segments[name][ct.ID]
		},
		Extra: map[string]string{"orders_count": "0"},
	}
	if p := r.Buys; p != nil {
		e.Extra = map[string]string{"orders_count": strconv.Itoa(p.Orders), "last_order_date": p.LastDate, "total_spent": strconv.FormatInt(p.TotalMinor, 10)}
	}
	return e
}

func renderPlain(t *merge.Template, e *merge.Env) string {
	var b strings.Builder
	t.Render(&b, e, func(s string) string { return s })
	return strings.Join(strings.Fields(b.String()), " ")
}

// Render merges subject, preheader and body for one recipient.
func (c *Composer) Render(ctx context.Context, r *Recipient) (Rendered, error) {
	var out Rendered
	e := c.env(r)
	out.Subject = fitSubject(renderPlain(c.subject, e))
	out.Preheader = renderPlain(c.preheader, e)
	missing := map[string]bool{}
	for _, t := range []*merge.Template{c.subject, c.preheader} {
		for _, f := range t.Missing(e) {
			missing[f] = true
		}
	}
	var h, txt strings.Builder
	h.Grow(8192)
	h.WriteString(`<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>`)
	h.WriteString(html.EscapeString(out.Subject))
	h.WriteString(`</title></head><body style="margin:0;padding:0;background:#f3f4f6">`)
	if out.Preheader != "" {
		// Shown by mail lists beside the subject, hidden in the message.
		h.WriteString(`<div style="display:none;max-height:0;overflow:hidden;opacity:0;color:transparent">`)
		h.WriteString(html.EscapeString(out.Preheader))
		h.WriteString(`</div>`)
	}
	h.WriteString(`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f4f6"><tr><td align="center" style="padding:24px 8px">`)
	h.WriteString(`<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%;background:#ffffff;border-radius:6px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1f2937">`)
	for _, cb := range c.blocks {
		h.WriteString(`<tr><td style="padding:12px 32px">`)
		switch cb.b.Kind {
		case marketing.BlockText:
			var body strings.Builder
			cb.text.Render(&body, e, html.EscapeString)
			for _, f := range cb.text.Missing(e) {
				missing[f] = true
			}
			s, err := c.inlineImages(ctx, styleText(body.String()), &out)
			if err != nil {
				return out, err
			}
			h.WriteString(s)
			var t string
			if cb.plain != nil {
				var pb strings.Builder
				cb.plain.Render(&pb, e, func(v string) string { return v })
				t = pb.String()
			} else {
				t = document.PlainText(body.String())
			}
			out.TextChars += utf8.RuneCountInString(strings.TrimSpace(t))
			txt.WriteString(t)
			txt.WriteString("\n\n")
		case marketing.BlockImage:
			cid, err := c.image(ctx, cb.b.Image)
			if err != nil {
				return out, err
			}
			out.Images++
			w := strconv.Itoa(c.imageWidth(cid))
			img := `<img src="cid:` + cid + `" alt="` + html.EscapeString(cb.b.Alt) + `" width="` + w + `" style="display:block;width:` + w + `px;max-width:100%;height:auto;border:0">`
			if cb.b.URL != "" {
				link := c.link(cb.b.URL, r)
				img = `<a href="` + html.EscapeString(link) + `">` + img + `</a>`
				if cb.b.Alt != "" {
					txt.WriteString(cb.b.Alt + ": " + link + "\n\n")
				}
			}
			h.WriteString(img)
		case marketing.BlockButton:
			label := renderPlain(cb.text, e)
			for _, f := range cb.text.Missing(e) {
				missing[f] = true
			}
			link := c.link(cb.b.URL, r)
			h.WriteString(button(label, link))
			out.TextChars += len([]rune(label))
			txt.WriteString(label + ": " + link + "\n\n")
		case marketing.BlockProduct:
			if err := c.product(ctx, &h, &txt, cb.b, r, &out); err != nil {
				return out, err
			}
		case marketing.BlockDivider:
			h.WriteString(`<hr style="border:0;border-top:1px solid #e5e7eb;margin:8px 0">`)
			txt.WriteString("----------\n\n")
		}
		h.WriteString(`</td></tr>`)
	}
	c.footer(&h, &txt, r)
	h.WriteString(`</table></td></tr></table></body></html>`)
	out.HTML, out.Text = h.String(), txt.String()
	out.Missing = make([]string, 0, len(missing))
	for f := range missing {
		out.Missing = append(out.Missing, f)
	}
	return out, nil
}

// styleText gives the letters' HTML subset the inline styles mail
// programs need (they ignore style sheets).
var textStyles = strings.NewReplacer(
	"<p>", `<p style="margin:0 0 12px">`,
	"<h1>", `<h1 style="margin:0 0 12px;font-size:26px;line-height:1.25;color:#111827">`,
	"<h2>", `<h2 style="margin:0 0 10px;font-size:20px;line-height:1.3;color:#111827">`,
	"<ul>", `<ul style="margin:0 0 12px;padding-left:22px">`,
	"<ol>", `<ol style="margin:0 0 12px;padding-left:22px">`,
)

func styleText(s string) string { return textStyles.Replace(s) }

var imgSrc = regexp.MustCompile(`src="(media:[a-z0-9/]+)"`)

// inlineImages turns pictures inside a text block into inline parts.
func (c *Composer) inlineImages(ctx context.Context, s string, out *Rendered) (string, error) {
	var err error
	s = imgSrc.ReplaceAllStringFunc(s, func(m string) string {
		ref := imgSrc.FindStringSubmatch(m)[1]
		cid, e := c.image(ctx, ref)
		if e != nil {
			err = e
			return m
		}
		out.Images++
		return `style="max-width:100%;height:auto" src="cid:` + cid + `"`
	})
	return s, err
}

func button(label, link string) string {
	return `<table role="presentation" cellpadding="0" cellspacing="0" style="margin:8px 0"><tr><td style="background:#1d4ed8;border-radius:6px">` +
		`<a href="` + html.EscapeString(link) + `" style="display:inline-block;padding:12px 28px;color:#ffffff;font-weight:bold;text-decoration:none;font-family:Arial,Helvetica,sans-serif">` +
		html.EscapeString(label) + `</a></td></tr></table>`
}

func (c *Composer) product(ctx context.Context, h, txt *strings.Builder, b marketing.EmailBlock, r *Recipient, out *Rendered) error {
	p := c.products[b.ProductID]
	price := merge.FormatMoney(c.opt.Lang, p.Price.Minor, firstNonEmpty(p.Price.Currency, c.opt.Currency))
	h.WriteString(`<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr>`)
	if p.ImagePath != "" {
		cid, err := c.image(ctx, p.ImagePath)
		if err != nil {
			return err
		}
		out.Images++
		h.WriteString(`<td width="180" valign="top" style="padding-right:16px"><img src="cid:` + cid + `" alt="` + html.EscapeString(p.Name) + `" width="180" style="display:block;width:180px;height:auto;border:0;border-radius:4px"></td>`)
	}
	h.WriteString(`<td valign="top"><div style="font-size:18px;font-weight:bold;color:#111827">` + html.EscapeString(p.Name) + `</div>`)
	if d := strings.TrimSpace(p.Description); d != "" {
		h.WriteString(`<div style="margin:4px 0;color:#4b5563">` + html.EscapeString(d) + `</div>`)
	}
	h.WriteString(`<div style="margin:6px 0;font-size:18px;color:#111827">` + html.EscapeString(price) + `</div>`)
	txt.WriteString(p.Name + " – " + price + "\n")
	out.TextChars += len([]rune(p.Name + p.Description))
	target := firstNonEmpty(b.URL, c.opt.Business.Website)
	if webURL(target) {
		link := c.link(target, r)
		h.WriteString(button(c.words.view, link))
		txt.WriteString(link + "\n")
	} else if target = strings.TrimSpace(target); target != "" && !strings.Contains(target, "://") && webURL("https://"+target) {
		link := c.link("https://"+target, r)
		h.WriteString(button(c.words.view, link))
		txt.WriteString(link + "\n")
	}
	txt.WriteString("\n")
	h.WriteString(`</td></tr></table>`)
	return nil
}

// footer identifies the sender and offers the way out: both are required
// of marketing mail in the Nordic countries and Russia.
func (c *Composer) footer(h, txt *strings.Builder, r *Recipient) {
	b := c.opt.Business
	var lines []string
	for _, s := range []string{b.Name, strings.TrimSpace(b.Street), strings.TrimSpace(strings.TrimSpace(b.Postcode + " " + b.City))} {
		if s = strings.TrimSpace(s); s != "" {
			lines = append(lines, s)
		}
	}
	if b.RegNo != "" {
		lines = append(lines, c.words.regNo+" "+b.RegNo)
	}
	unsub := c.UnsubscribeLink(r)
	h.WriteString(`<tr><td style="padding:16px 32px 24px;border-top:1px solid #e5e7eb;font-size:12px;line-height:1.5;color:#6b7280">`)
	if len(lines) > 0 {
		h.WriteString(html.EscapeString(strings.Join(lines, " · ")) + `<br>`)
	}
	h.WriteString(html.EscapeString(c.words.why) + ` <a href="` + html.EscapeString(unsub) + `" style="color:#6b7280">` + html.EscapeString(c.words.unsubscribe) + `</a>`)
	h.WriteString(`</td></tr>`)
	txt.WriteString("--\n")
	if len(lines) > 0 {
		txt.WriteString(strings.Join(lines, "\n") + "\n")
	}
	txt.WriteString(c.words.unsubscribe + ": " + unsub + "\n")
}

// UnsubscribeLink is the footer's link: the user's page when there is one,
// else a mail to the sender that the inbox processing understands.
func (c *Composer) UnsubscribeLink(r *Recipient) string {
	if u := c.unsubscribeURL(r); u != "" {
		return u
	}
	return c.unsubscribeMailto(r)
}

func (c *Composer) unsubscribeMailto(r *Recipient) string {
	to := c.opt.Sender.Email
	if a, err := Address("from", to); err == nil {
		to = a // an international domain in its ASCII form: a header must be ASCII
	}
	return "mailto:" + to + "?subject=" + url.PathEscape("unsubscribe "+UnsubscribePrefix+r.Token)
}

func (c *Composer) unsubscribeURL(r *Recipient) string {
	u, err := url.Parse(strings.TrimSpace(c.opt.Sender.UnsubscribeURL))
	if err != nil || u.Scheme != "https" || u.Host == "" {
		return ""
	}
	q := u.Query()
	q.Set("u", r.Token)
	u.RawQuery = q.Encode()
	return u.String()
}

// UnsubscribePrefix marks a token in an unsubscribe mail's subject.
const UnsubscribePrefix = "unsub-"

// link adds the campaign parameters and the recipient's response code, so
// orders from the web shop can be attributed when they are imported.
func (c *Composer) link(raw string, r *Recipient) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return raw
	}
	q := u.Query()
	q.Set("utm_source", "directdesk")
	q.Set("utm_medium", "email")
	if c.utmCamp != "" {
		q.Set("utm_campaign", c.utmCamp)
	}
	q.Set("utm_content", "touch"+strconv.Itoa(max(1, c.opt.TouchSeq)))
	if r.ResponseCode != "" {
		q.Set("dd", r.ResponseCode)
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// image loads a stored picture once per composer, scaled for mail.
func (c *Composer) image(ctx context.Context, ref string) (string, error) {
	c.imagesMu.Lock()
	defer c.imagesMu.Unlock()
	if im, ok := c.images[ref]; ok {
		return im.cid, im.err
	}
	im := &inlineImage{cid: fmt.Sprintf("img%d@directdesk", len(c.images)+1)}
	c.images[ref] = im
	if c.opt.Media == nil {
		im.err = marketing.Errorf(marketing.ENotFound, "A picture of this email is missing from the workspace. Pick it again.")
		return "", im.err
	}
	_, data, err := c.opt.Media.Media(ctx, strings.TrimPrefix(ref, "media:"))
	if err == nil && len(data) == 0 {
		err = marketing.Errorf(marketing.ENotFound, "A picture of this email is missing from the workspace. Pick it again.")
	}
	if err == nil {
		// 1200 px wide stays sharp on high-density screens at 600 px.
		data, err = document.Thumbnail(data, 1200)
	}
	if err == nil {
		if cfg, _, derr := image.DecodeConfig(bytes.NewReader(data)); derr == nil {
			im.width = cfg.Width
		}
	}
	im.data, im.err = data, err
	return im.cid, err
}

// imageWidth is how wide a picture shows in the 536 px column: its own
// width on a standard screen (half its pixels), never stretched.
func (c *Composer) imageWidth(cid string) int {
	c.imagesMu.Lock()
	defer c.imagesMu.Unlock()
	for _, im := range c.images {
		if im.cid == cid && im.width > 0 {
			return min(536, max(1, im.width/2))
		}
	}
	return 536
}

// Message builds the complete RFC 5322 message of one recipient.
func (c *Composer) Message(ctx context.Context, r *Recipient, date time.Time) ([]byte, Rendered, error) {
	rd, err := c.Render(ctx, r)
	if err != nil {
		return nil, rd, err
	}
	var atts []Attachment
	if c.opt.Attach != nil {
		if atts, err = c.opt.Attach(ctx, r); err != nil {
			return nil, rd, err
		}
	}
	b, err := c.build(r, rd, atts, date)
	return b, rd, err
}

func (c *Composer) build(r *Recipient, rd Rendered, atts []Attachment, date time.Time) ([]byte, error) {
	s := c.opt.Sender
	from, err := Mailbox("from", s.Name, s.Email)
	if err != nil {
		return nil, err
	}
	name := ""
	if r.Contact != nil {
		// jordan-wright splits address lists at commas, so a comma in a
		// display name would break it in two.
		name = strings.ReplaceAll(r.Contact.DisplayName(), ",", " ")
	}
	to, err := Mailbox("to", name, r.Email)
	if err != nil {
		return nil, err
	}
	if err := checkHeader("subject", rd.Subject); err != nil {
		return nil, err
	}
	if strings.ContainsAny(r.MessageID, "<>\r\n\x00 ") || !strings.Contains(r.MessageID, "@") {
		return nil, marketing.Errorf(marketing.EInternal, "A message identifier is malformed.")
	}
	e := &email.Email{
		From:    from,
		To:      []string{to},
		Subject: rd.Subject,
		Text:    []byte(rd.Text),
		HTML:    []byte(rd.HTML),
		Headers: textproto.MIMEHeader{},
	}
	if s.ReplyTo != "" {
		rt, err := Address("replyTo", s.ReplyTo)
		if err != nil {
			return nil, err
		}
		e.ReplyTo = []string{rt}
	}
	e.Headers.Set("Message-Id", "<"+r.MessageID+">")
	e.Headers.Set("Date", date.Format(time.RFC1123Z))
	lu := "<" + c.unsubscribeMailto(r) + ">"
	if u := c.unsubscribeURL(r); u != "" {
		lu += ", <" + u + ">"
		// One-click unsubscribe (RFC 8058) needs the https URL.
		e.Headers.Set("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
	}
	e.Headers.Set("List-Unsubscribe", lu)
	e.Headers.Set("X-Mailer", "DirectDesk")
	for h, v := range e.Headers {
		if err := checkHeader(h, strings.Join(v, "")); err != nil {
			return nil, err
		}
	}
	c.imagesMu.Lock()
	for _, im := range c.images {
		if im.err == nil && bytes.Contains(e.HTML, []byte("cid:"+im.cid)) {
			a, _ := e.Attach(bytes.NewReader(im.data), strings.TrimSuffix(im.cid, "@directdesk")+".jpg", "image/jpeg")
			a.HTMLRelated = true
			a.Header.Set("Content-ID", "<"+im.cid+">")
		}
	}
	c.imagesMu.Unlock()
	for _, a := range atts {
		if err := checkHeader("attachment", a.Name); err != nil {
			return nil, err
		}
		if strings.ContainsAny(a.Name, `"\/`) {
			return nil, marketing.FieldError(marketing.EInvalid, "attachment", "An attachment's file name may not contain quotes or slashes: "+a.Name, map[string]string{"reason": "file_name"})
		}
		if _, err := e.Attach(bytes.NewReader(a.Data), a.Name, a.ContentType); err != nil {
			return nil, err
		}
	}
	return e.Bytes()
}

// NewToken returns a fresh unsubscribe token: 16 characters of lower-case
// base32 (80 random bits).
func NewToken() string {
	var b [10]byte
	rand.Read(b[:])
	return strings.ToLower(base32.StdEncoding.EncodeToString(b[:]))
}

// NewMessageID returns a Message-ID (without <>) in the sender's domain.
func NewMessageID(domain string) string {
	var b [12]byte
	rand.Read(b[:])
	if domain == "" {
		domain = "directdesk.invalid"
	}
	return "dd." + strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b[:])) + "@" + domain
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// InlineForPreview replaces the cid: pictures of a rendered body with
// data: URLs, so the composer can show it.
func (c *Composer) InlineForPreview(h string) string {
	c.imagesMu.Lock()
	defer c.imagesMu.Unlock()
	for _, im := range c.images {
		if im.err == nil {
			h = strings.ReplaceAll(h, `"cid:`+im.cid+`"`, `"data:image/jpeg;base64,`+base64.StdEncoding.EncodeToString(im.data)+`"`)
		}
	}
	return h
}

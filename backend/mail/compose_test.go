package mail

import (
	"bytes"
	"context"
	"html"
	"io"
	"mime"
	netmail "net/mail"
	"net/url"
	"strings"
	"testing"
	"time"

	"directdesk/backend/document"
	"directdesk/backend/marketing"
)

func testLayout() marketing.EmailLayout {
	return marketing.EmailLayout{
		Subject:   "{{first_name | \"Hej\"}}, forårstilbud fra {{business.name}}",
		Preheader: "Kun i denne uge",
		Blocks: []marketing.EmailBlock{
			{Kind: marketing.BlockText, Text: "<h1>Forår</h1><p>{{salutation}}</p><p>Din kode: {{response_code}}</p><script>alert(1)</script>"},
			{Kind: marketing.BlockButton, Text: "Se tilbud", URL: "https://shop.example.dk/tilbud?x=1"},
			{Kind: marketing.BlockDivider},
			{Kind: marketing.BlockProduct, ProductID: 7},
		},
	}
}

func testComposer(t testing.TB, l marketing.EmailLayout, s Sender) *Composer {
	t.Helper()
	c, err := NewComposer(l, Options{
		Lang: "da", Currency: "DKK", Campaign: "Forårstilbud 2026", TouchSeq: 2,
		Business: marketing.BusinessProfile{Name: "Blomster & Co", Street: "Vestergade 1", Postcode: "8000", City: "Aarhus", RegNo: "12345678", Website: "blomster.example.dk"},
		Products: []marketing.Product{{ID: 7, SKU: "T1", Name: "Tulipaner", Description: "20 løg", Price: marketing.Money{Minor: 14950, Currency: "DKK"}}},
		Sender:   s,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func testRecipient() *Recipient {
	return &Recipient{
		Contact:   &marketing.Contact{ID: 1, FirstName: "Søren", LastName: "Ærø", Gender: "male", Email: "soren@example.dk"},
		Email:     "soren@example.dk",
		MessageID: "dd.abc@blomster.example.dk", Token: "abcdefghijklmnop", ResponseCode: "K7MQX9A",
	}
}

// parse reads a composed message back with the standard library: what a
// receiving mail program sees.
func parse(t *testing.T, msg []byte) *netmail.Message {
	t.Helper()
	m, err := netmail.ReadMessage(bytes.NewReader(msg))
	if err != nil {
		t.Fatalf("message does not parse: %v\n%s", err, msg)
	}
	return m
}

func TestMessageHeadersAndParts(t *testing.T) {
	c := testComposer(t, testLayout(), Sender{Name: "Blomster & Co, Aarhus", Email: "shop@blomster.example.dk", UnsubscribeURL: "https://blomster.example.dk/afmeld"})
	r := testRecipient()
	date := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	msg, rd, err := c.Message(context.Background(), r, date)
	if err != nil {
		t.Fatal(err)
	}
	m := parse(t, msg)
	dec := new(mime.WordDecoder)
	subj, _ := dec.DecodeHeader(m.Header.Get("Subject"))
	if subj != "Søren, forårstilbud fra Blomster & Co" || rd.Subject != subj {
		t.Errorf("subject %q (rendered %q)", subj, rd.Subject)
	}
	if got := m.Header.Get("Message-Id"); got != "<dd.abc@blomster.example.dk>" {
		t.Errorf("Message-ID %q", got)
	}
	if d, err := m.Header.Date(); err != nil || !d.Equal(date) {
		t.Errorf("Date %v %v", d, err)
	}
	to, err := m.Header.AddressList("To")
	if err != nil || len(to) != 1 || to[0].Address != "soren@example.dk" || to[0].Name != "Søren Ærø" {
		t.Errorf("To %v %v", to, err)
	}
	from, err := m.Header.AddressList("From")
	if err != nil || len(from) != 1 || from[0].Address != "shop@blomster.example.dk" {
		t.Errorf("From %v %v (raw %q)", from, err, m.Header.Get("From"))
	}
	lu := m.Header.Get("List-Unsubscribe")
	if !strings.Contains(lu, "<mailto:shop@blomster.example.dk?subject=unsubscribe%20unsub-abcdefghijklmnop>") || !strings.Contains(lu, "<https://blomster.example.dk/afmeld?u=abcdefghijklmnop>") {
		t.Errorf("List-Unsubscribe %q", lu)
	}
	if m.Header.Get("List-Unsubscribe-Post") != "List-Unsubscribe=One-Click" {
		t.Errorf("List-Unsubscribe-Post missing")
	}
	if strings.Contains(rd.HTML, "<script") || strings.Contains(rd.HTML, "alert(1)") {
		t.Errorf("script survived: %s", rd.HTML)
	}
	for _, want := range []string{"Kære Søren", "K7MQ-X9A", "Tulipaner", "149,50", "Afmeld", "CVR 12345678", "Kun i denne uge"} {
		if !strings.Contains(rd.HTML, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	if !strings.Contains(rd.Text, "Kære Søren") || !strings.Contains(rd.Text, "Se tilbud: https://shop.example.dk/tilbud?") {
		t.Errorf("text part:\n%s", rd.Text)
	}
	body, _ := io.ReadAll(m.Body)
	if !bytes.Contains(body, []byte("multipart/alternative")) && !strings.Contains(m.Header.Get("Content-Type"), "multipart/alternative") {
		t.Errorf("no text+HTML alternative: %s", m.Header.Get("Content-Type"))
	}
}

func TestLinksCarryCampaignAndCode(t *testing.T) {
	c := testComposer(t, testLayout(), Sender{Email: "shop@blomster.example.dk"})
	rd, err := c.Render(context.Background(), testRecipient())
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(rd.Text, "Se tilbud: ")
	link := strings.Fields(rd.Text[i+len("Se tilbud: "):])[0]
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	want := map[string]string{"x": "1", "utm_source": "directdesk", "utm_medium": "email", "utm_campaign": "foraarstilbud-2026", "utm_content": "touch2", "dd": "K7MQX9A"}
	for k, v := range want {
		if q.Get(k) != v {
			t.Errorf("%s = %q, want %q (%s)", k, q.Get(k), v, link)
		}
	}
	// Without an https page the footer's link is the mailto.
	if !strings.Contains(rd.HTML, `href="mailto:shop@blomster.example.dk?subject=unsubscribe%20unsub-abcdefghijklmnop"`) {
		t.Errorf("footer unsubscribe link missing")
	}
	if got := slug("Летняя распродажа"); got != "letnyaya-rasprodazha" {
		t.Errorf("slug %q", got)
	}
}

func TestInternationalDomainsAndNames(t *testing.T) {
	a, err := Address("to", "Kunde@Blomster-Ærø.dk")
	if err != nil || a != "Kunde@xn--blomster-r-l6a1t.dk" {
		t.Errorf("IDN address %q %v", a, err)
	}
	if _, err := Address("to", "søren@example.dk"); err == nil {
		t.Errorf("non-ASCII local part accepted")
	}
	mb, err := Mailbox("to", "Анна Иванова", "anna@магазин.рф")
	if err != nil {
		t.Fatal(err)
	}
	got, err := netmail.ParseAddress(mb)
	if err != nil || got.Name != "Анна Иванова" || got.Address != "anna@xn--80aairftm.xn--p1ai" {
		t.Errorf("mailbox %q -> %v %v", mb, got, err)
	}
}

func TestBadContentIsRefused(t *testing.T) {
	cases := map[string]marketing.EmailLayout{
		"subject":    {Subject: ""},
		"field":      {Subject: "Hej {{first_nam}}"},
		"button_url": {Subject: "x", Blocks: []marketing.EmailBlock{{Kind: marketing.BlockButton, Text: "Go", URL: "javascript:alert(1)"}}},
		"image":      {Subject: "x", Blocks: []marketing.EmailBlock{{Kind: marketing.BlockImage, Image: "/etc/passwd"}}},
		"product":    {Subject: "x", Blocks: []marketing.EmailBlock{{Kind: marketing.BlockProduct, ProductID: 99}}},
	}
	for name, l := range cases {
		_, err := NewComposer(l, Options{Lang: "da"})
		var me *marketing.Error
		if err == nil || !asError(err, &me) || me.Code != marketing.EInvalid {
			t.Errorf("%s: got %v", name, err)
		}
	}
}

func asError(err error, me **marketing.Error) bool {
	e, ok := err.(*marketing.Error)
	*me = e
	return ok
}

// Header injection through every path a user's text reaches a header:
// names, subjects (via fields), addresses, reply-to, attachment names.
func TestHeaderInjectionRefused(t *testing.T) {
	for _, bad := range []string{"Eve\r\nBcc: victim@example.com", "Eve\nX-Evil: 1", "Eve\x00", "Eve\rBcc: x@y.z"} {
		c := testComposer(t, marketing.EmailLayout{Subject: "Hej {{first_name}}"}, Sender{Name: "Shop", Email: "shop@example.dk"})
		r := testRecipient()
		r.Contact.FirstName = bad
		msg, _, err := c.Message(context.Background(), r, time.Now())
		checkNoInjection(t, msg, err)
		c = testComposer(t, marketing.EmailLayout{Subject: "Hej"}, Sender{Name: bad, Email: "shop@example.dk"})
		msg, _, err = c.Message(context.Background(), testRecipient(), time.Now())
		checkNoInjection(t, msg, err)
		r = testRecipient()
		r.Email = "soren@example.dk" + bad[3:]
		msg, _, err = c.Message(context.Background(), r, time.Now())
		checkNoInjection(t, msg, err)
		c = testComposer(t, marketing.EmailLayout{Subject: "Hej"}, Sender{Name: "Shop", Email: "shop@example.dk", ReplyTo: "a@b.dk" + bad[3:]})
		msg, _, err = c.Message(context.Background(), testRecipient(), time.Now())
		checkNoInjection(t, msg, err)
		c = testComposer(t, marketing.EmailLayout{Subject: "Hej"}, Sender{Name: "Shop", Email: "shop@example.dk"})
		b, err := c.build(testRecipient(), Rendered{Subject: "x"}, []Attachment{{Name: "katalog" + bad + ".pdf", ContentType: "application/pdf", Data: []byte("%PDF")}}, time.Now())
		checkNoInjection(t, b, err)
	}
}

// checkNoInjection: either the message was refused, or it parses with no
// header our text could have added.
func checkNoInjection(t *testing.T, msg []byte, err error) {
	t.Helper()
	if err != nil {
		return
	}
	m, perr := netmail.ReadMessage(bytes.NewReader(msg))
	if perr != nil {
		return // not a message at all is not an injection either
	}
	for k := range m.Header {
		switch strings.ToLower(k) {
		case "bcc", "x-evil":
			t.Fatalf("header %s got through:\n%s", k, msg)
		}
	}
	if len(m.Header["To"]) != 1 {
		t.Fatalf("To header count %d", len(m.Header["To"]))
	}
}

// FuzzHeaders drives names, subjects, addresses and file names through
// composition: a message either is refused or carries exactly our headers.
func FuzzHeaders(f *testing.F) {
	f.Add("Søren", "Hej", "soren@example.dk", "katalog.pdf", "Shop")
	f.Add("Eve\r\nBcc: x@y.z", "a\nb", "x@y.z\r\nBcc: q@r.s", "a\r\n.pdf", "S\rX")
	f.Add("=?utf-8?q?x?=", "\x00", "a@b", "\"", "Hansen, Søren")
	f.Fuzz(func(t *testing.T, name, subject, addr, file, sender string) {
		c, err := NewComposer(marketing.EmailLayout{Subject: "x{{custom.S}}"}, Options{Lang: "en", Sender: Sender{Name: sender, Email: "shop@example.dk"}})
		if err != nil {
			t.Skip()
		}
		r := &Recipient{Contact: &marketing.Contact{FirstName: name, Custom: map[string]string{"S": subject}}, Email: addr, MessageID: "dd.x@example.dk", Token: "abcdefghijklmnop"}
		msg, _, err := c.Message(context.Background(), r, time.Now())
		if err == nil {
			checkFuzzed(t, msg)
		}
		b, err := c.build(r, Rendered{Subject: subject}, []Attachment{{Name: file, ContentType: "application/pdf", Data: []byte("%PDF")}}, time.Now())
		if err == nil {
			checkFuzzed(t, b)
		}
	})
}

var ourHeaders = map[string]bool{"from": true, "to": true, "subject": true, "date": true, "message-id": true, "mime-version": true,
	"content-type": true, "list-unsubscribe": true, "list-unsubscribe-post": true, "x-mailer": true, "reply-to": true, "content-transfer-encoding": true}

func checkFuzzed(t *testing.T, msg []byte) {
	m, err := netmail.ReadMessage(bytes.NewReader(msg))
	if err != nil {
		t.Fatalf("composed message does not parse: %v", err)
	}
	for k, v := range m.Header {
		if !ourHeaders[strings.ToLower(k)] {
			t.Fatalf("unexpected header %q: %q", k, v)
		}
		if len(v) != 1 {
			t.Fatalf("header %q repeated", k)
		}
	}
}

// A long Russian subject is shortened to fit one header line; a sender
// domain with æ/ø/å gives an ASCII List-Unsubscribe.
func TestLongSubjectAndInternationalSender(t *testing.T) {
	c := testComposer(t, marketing.EmailLayout{Subject: strings.Repeat("Распродажа ", 60)}, Sender{Name: "Blomster", Email: "butik@blomster-ærø.dk"})
	msg, _, err := c.Message(context.Background(), testRecipient(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(msg), "\r\n") {
		if len(line) > 998 {
			t.Fatalf("a line of %d bytes: %.80s", len(line), line)
		}
		if strings.HasPrefix(line, "List-Unsubscribe:") && !strings.Contains(line, "<mailto:butik@xn--blomster-r-l6a1t.dk?subject=") {
			t.Errorf("List-Unsubscribe: %s", line)
		}
	}
}

// The plain-text part is made from the template once; it must read as the
// merged HTML body's text would.
func TestPlainPartMatchesTheBody(t *testing.T) {
	for _, src := range []string{
		`<h1>Forår &amp; sommer</h1><p>{{salutation}}</p><ul><li>{{first_name | "Kunde"}}</li><li>B &lt; C</li></ul>`,
		`{{#if gender = "female"}}<p>Kære {{first_name}}</p>{{#else}}<p>Hej {{first_name}}</p>{{/if}}<p>Slut</p>`,
		`<p>{{last_name | "a &amp; b"}} <b>fed</b> <i>kursiv</i><br>ny linje</p>`,
	} {
		c := testComposer(t, marketing.EmailLayout{Subject: "x", Blocks: []marketing.EmailBlock{{Kind: marketing.BlockText, Text: src}}}, Sender{Email: "shop@example.dk"})
		for _, r := range []*Recipient{testRecipient(), {Contact: &marketing.Contact{ID: 2, FirstName: "Åsa <b>", Gender: "female"}, Email: "a@b.se", Token: "t"}} {
			rd, err := c.Render(context.Background(), r)
			if err != nil {
				t.Fatal(err)
			}
			var body strings.Builder
			c.blocks[0].text.Render(&body, c.env(r), html.EscapeString)
			want := document.PlainText(body.String())
			if got, _, _ := strings.Cut(rd.Text, "\n\n--\n"); strings.TrimSpace(got) != strings.TrimSpace(want) {
				t.Errorf("%s\nplain %q\nwant  %q", src, got, want)
			}
		}
	}
}

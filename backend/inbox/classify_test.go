package inbox_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"directdesk/backend/inbox"
	"directdesk/backend/marketing"
)

// want is what a fixture must classify as; empty fields are not checked
// (except Recipient and Status, which must be empty when not given for
// kinds that do not have them).
type want struct {
	kind, from, recipient, status, ref, token, snippet, subject, received string
}

var fixtures = map[string]want{
	// Delivery reports (RFC 3464 and not).
	"postfix_511.eml": {kind: marketing.InboxBounceHard, from: "MAILER-DAEMON@mail.blomsterhuset.dk",
		recipient: "jens.hansen@example.dk", status: "5.1.1", ref: "dd.q7z2m4k8w3x5c6v1@blomsterhuset.dk",
		token: "abcdefghij234567", received: "2026-11-23T09:02:14Z"},
	"exim_dsn.eml": {kind: marketing.InboxBounceHard, recipient: "anna.lindqvist@gammalt-foretag.se",
		status: "5.2.1", ref: "dd.n5b6v7c8x9z2a3s4@kafferisteriet.se"},
	"exim_plain.eml": {kind: marketing.InboxBounceHard, recipient: "ola.nordmann@eksempel.no",
		status: "5.1.1", ref: "dd.h2j3k4l5m6n7p2q3@sykkelverkstedet.no", token: "qwertyuiop234567"},
	"exchange_5110.eml": {kind: marketing.InboxBounceHard, recipient: "mette.kjaer@contoso-moebler.dk",
		status: "5.1.10", ref: "dd.t6y7u8i9o2p3a4s5@designboden.dk"},
	"outlook_541.eml": {kind: marketing.InboxBounceHard, recipient: "kari.holm@firmapost.no",
		status: "5.4.1", ref: "dd.f4g5h6j7k2l3z4x5@urtebutikken.no"},
	"gmail_failure.eml": {kind: marketing.InboxBounceHard, recipient: "lone.madsen@eksempel-mail.dk",
		status: "5.1.1", ref: "dd.r2t3y4u5i6o7p2a3@gmail.com"},
	"gmail_delay.eml": {kind: marketing.InboxBounceSoft, recipient: "peter@langsom-server.dk",
		status: "4.4.1", ref: "dd.w3e4r5t6y7u2i3o4@gmail.com"},
	"yandex_utf8.eml": {kind: marketing.InboxBounceHard, recipient: "ivan.petrov@primer-pochta.ru",
		status: "5.7.1", ref: "dd.b4n5m6k7j2h3g4f5@yandex.ru", subject: "Недоставленное сообщение"},
	"mailru_koi8.eml": {kind: marketing.InboxBounceHard, recipient: "olga.smirnova@staraya-firma.ru",
		status: "550", ref: "dd.c5v6b7n2m3k4j5h6@kniga-lavka.ru", subject: "Не удалось доставить сообщение"},
	"mailbox_full_452.eml": {kind: marketing.InboxBounceSoft, recipient: "birthe.fuld@postkasse.dk",
		status: "4.2.2", ref: "dd.d6f7g2h3j4k5l6z7@gartneriet.dk"},

	// Vacation notices in our five languages.
	"autoreply_da.eml": {kind: marketing.InboxAutoReply, ref: "dd.a2b3c4d5e6f7g2h3@blomsterhuset.dk",
		snippet: "Tak for din mail. Jeg holder ferie"},
	"autoreply_sv.eml": {kind: marketing.InboxAutoReply, ref: "dd.s3d4f5g6h7j2k3l4@kafferisteriet.se",
		subject: "Frånvaro: Höstens kaffe – 10 % rabatt", snippet: "Hej! Jag är tjänstledig"},
	"autoreply_nb.eml": {kind: marketing.InboxAutoReply, ref: "dd.u4i5o6p7a2s3d4f5@sykkelverkstedet.no"},
	"autoreply_ru.eml": {kind: marketing.InboxAutoReply, ref: "dd.e5r6t7y2u3i4o5p6@yandex.ru",
		subject: "Автоответ: Весенняя распродажа", snippet: "Здравствуйте! Я в отпуске"},
	"autoreply_en_exchange.eml": {kind: marketing.InboxAutoReply, ref: "dd.h7j2k3l4z5x6c7v2@designboden.dk"},
	"autoreply_en_ooo.eml":      {kind: marketing.InboxAutoReply},

	// People.
	"unsubscribe_token.eml": {kind: marketing.InboxUnsubscribe, from: "jens.hansen@example.dk",
		recipient: "jens.hansen@example.dk", token: "abcdefghij234567"},
	"reply_afmeld_da.eml": {kind: marketing.InboxUnsubscribe, recipient: "karen.nielsen@mail.dk",
		ref: "dd.k2l3z4x5c6v7b2n3@blomsterhuset.dk", snippet: "Afmeld mig venligst jeres nyhedsbrev. Mvh Karen"},
	"reply_otpishite_ru.eml": {kind: marketing.InboxUnsubscribe, recipient: "maria.k@pochta-primer.ru",
		ref: "dd.m3n4b5v6c7x2z3l4@yandex.ru", snippet: "Здравствуйте! Отпишите меня, пожалуйста, от вашей рассылки. Спасибо, Мария"},
	// Quotes our footer (afmeld, unsub-TOKEN, ?u=TOKEN) below the reply:
	// still a reply, and the quoted token helps find the mail.
	"reply_human.eml": {kind: marketing.InboxReply, from: "lars.poulsen@gmail.com", ref: "dd.p2q3r4s5t6u7v2w3@blomsterhuset.dk",
		token: "p2q3r4s5t6u7v2w3", received: "2026-11-23T12:05:59Z",
		snippet: "Hej Har I stadig de røde tulipaner? Jeg vil gerne bestille 20 stk. til fredag og hente dem i butikken. Venlig hilsen Lars"},

	// Noise.
	"newsletter.eml": {kind: marketing.InboxOther},
	"spam.eml":       {kind: marketing.InboxOther},
}

func TestClassifyFixtures(t *testing.T) {
	files, err := filepath.Glob("testdata/*.eml")
	if err != nil || len(files) == 0 {
		t.Fatal("no fixtures", err)
	}
	for _, f := range files {
		name := filepath.Base(f)
		w, ok := fixtures[name]
		if !ok {
			t.Errorf("%s: fixture without expectation", name)
			continue
		}
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		// Real mail has CRLF line ends; the files have LF. Both must read the same.
		crlf := bytes.ReplaceAll(raw, []byte("\n"), []byte("\r\n"))
		for _, variant := range [][]byte{raw, crlf} {
			c := inbox.Classify(variant)
			check := func(field, got, want string) {
				t.Helper()
				if got != want {
					t.Errorf("%s: %s = %q, want %q", name, field, got, want)
				}
			}
			check("kind", c.Kind, w.kind)
			check("recipient", c.Recipient, w.recipient)
			check("status", c.Status, w.status)
			if w.from != "" {
				check("from", c.From, w.from)
			}
			if w.token != "" {
				check("token", c.Token, w.token)
			}
			if w.subject != "" {
				check("subject", c.Subject, w.subject)
			}
			if w.received != "" {
				check("receivedAt", c.ReceivedAt, w.received)
			}
			if w.ref != "" && !slices.Contains(c.ReferencedIDs, w.ref) {
				t.Errorf("%s: referenced %q, want it to hold %q", name, c.ReferencedIDs, w.ref)
			}
			if w.snippet != "" && !strings.HasPrefix(c.Snippet, w.snippet) {
				t.Errorf("%s: snippet %q, want it to start with %q", name, c.Snippet, w.snippet)
			}
			if c.MessageID == "" || strings.ContainsAny(c.MessageID, "<>") {
				t.Errorf("%s: message id %q", name, c.MessageID)
			}
			if strings.HasPrefix(c.Kind, "bounce") && c.Diagnostic == "" {
				t.Errorf("%s: bounce without a diagnostic", name)
			}
		}
	}
}

// Small hand-made messages for the rules the fixtures do not pin down.
func TestClassifyRules(t *testing.T) {
	const ours = "In-Reply-To: <dd.aaaabbbbccccdddd@shop.dk>\n"
	for _, tc := range []struct {
		name, raw, kind string
	}{
		{"empty", "", marketing.InboxOther},
		{"garbage", "\x00\x01\xff not a mail at all", marketing.InboxOther},
		{"headers only", "From: a@b.dk\nSubject: hi\n", marketing.InboxOther},
		{"reply without quote", "From: a@b.dk\nSubject: Re: Tilbud\n" + ours + "\nTak, jeg kommer forbi.\n", marketing.InboxReply},
		{"references only", "From: a@b.dk\nSubject: Re: x\nReferences: <x@y> <dd.aaaabbbbccccdddd@shop.dk>\n\nOk.\n", marketing.InboxReply},
		{"unsubscribe in subject", "From: a@b.dk\nSubject: Unsubscribe\n\n", marketing.InboxUnsubscribe},
		{"stop sending", "From: a@b.dk\nSubject: Re: Tilbud\n" + ours + "\nPlease stop sending me these.\n", marketing.InboxUnsubscribe},
		{"STOP alone", "From: a@b.dk\nSubject: Re: Tilbud\n" + ours + "\nSTOP\n", marketing.InboxUnsubscribe},
		{"stop in a sentence", "From: a@b.dk\nSubject: Re: Tilbud\n" + ours + "\nI will stop by on Friday.\n", marketing.InboxReply},
		{"remove me", "From: a@b.dk\nSubject: Re: Offer\n" + ours + "\nremove me from your list\n", marketing.InboxUnsubscribe},
		{"remove meat", "From: a@b.dk\nSubject: Re: Offer\n" + ours + "\nCan you remove meat from the menu?\n", marketing.InboxReply},
		{"avregistrera sv", "From: a@b.se\nSubject: Sv: Erbjudande\n" + ours + "\nAvregistrera mig tack.\n", marketing.InboxUnsubscribe},
		{"avmeld nb", "From: a@b.no\nSubject: SV: Tilbud\n" + ours + "\nVennligst avmeld meg.\n", marketing.InboxUnsubscribe},
		{"avslutt nb", "From: a@b.no\nSubject: Avslutt\n\n", marketing.InboxUnsubscribe},
		{"отписаться ru", "From: a@b.ru\nSubject: =?utf-8?b?0L7RgtC/0LjRgdCw0YLRjNGB0Y8=?=\n\n", marketing.InboxUnsubscribe},
		{"leave word only in the quote", "From: a@b.dk\nSubject: Re: Tilbud\n" + ours + "\nHvad koster de?\n\n> Afmeld her\n> unsub-aaaabbbbccccdddd\n", marketing.InboxReply},
		{"token in own text", "From: a@b.dk\nSubject: hej\n\nunsub-aaaabbbbccccdddd\n", marketing.InboxUnsubscribe},
		{"token too long", "From: a@b.dk\nSubject: unsub-aaaabbbbccccddddee\n\n", marketing.InboxOther},
		{"auto-submitted wins over words", "From: a@b.dk\nSubject: Unsubscribe\nAuto-Submitted: auto-generated\n\n", marketing.InboxAutoReply},
		{"auto-submitted no", "From: a@b.dk\nSubject: Re: Tilbud\nAuto-Submitted: no\n" + ours + "\nJa tak\n", marketing.InboxReply},
		{"precedence auto_reply", "From: a@b.dk\nSubject: Hello\nPrecedence: auto_reply\n" + ours + "\nAway\n", marketing.InboxAutoReply},
		{"bulk footer is not a request", "From: news@x.dk\nSubject: News\nList-Id: <x.dk>\n\nUnsubscribe here\n", marketing.InboxOther},
		{"postmaster person", "From: postmaster@shop.dk\nSubject: Re: Tilbud\n" + ours + "\nTak for tilbuddet.\n", marketing.InboxReply},
		{"bounce words, no code, permanent", "From: MAILER-DAEMON@x.dk\nSubject: Returned mail\n\nDelivery to a@b.dk failed permanently.\n", marketing.InboxBounceHard},
		{"bounce words, no code", "From: MAILER-DAEMON@x.dk\nSubject: Returned mail\n\nYour message to a@b.dk is queued.\n", marketing.InboxBounceSoft},
		{"success DSN", "From: MAILER-DAEMON@x.dk\nSubject: Delivery Status Notification (Success)\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\n\n--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b.dk\nAction: delivered\nStatus: 2.0.0\n--b--\n", marketing.InboxOther},
		{"read receipt", "From: a@b.dk\nSubject: Read: Tilbud\nContent-Type: multipart/report; report-type=disposition-notification; boundary=b\n" + ours + "\n--b\nContent-Type: text/plain\n\nYour message was read.\n--b--\n", marketing.InboxAutoReply},
		{"multipart without boundary", "From: a@b.dk\nSubject: Re: x\nContent-Type: multipart/mixed\n" + ours + "\nhello\n", marketing.InboxReply},
		{"unknown charset", "From: a@b.dk\nSubject: Re: x\nContent-Type: text/plain; charset=x-klingon\n" + ours + "\nhello\n", marketing.InboxReply},
	} {
		c := inbox.Classify([]byte(tc.raw))
		if c.Kind != tc.kind {
			t.Errorf("%s: kind %q, want %q (%+v)", tc.name, c.Kind, tc.kind, c)
		}
	}
}

// A delivery report cut off in the middle (a size-limited fetch) still
// says which mail bounced and why.
func TestClassifyTruncatedReport(t *testing.T) {
	raw, err := os.ReadFile("testdata/postfix_511.eml")
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(raw, []byte("List-Unsubscribe:"))
	c := inbox.Classify(raw[:i])
	if c.Kind != marketing.InboxBounceHard || c.Recipient != "jens.hansen@example.dk" || !slices.Contains(c.ReferencedIDs, "dd.q7z2m4k8w3x5c6v1@blomsterhuset.dk") {
		t.Fatalf("truncated report: %+v", c)
	}
	// Cut in the delivery-status part: the text still tells.
	i = bytes.Index(raw, []byte("Action: failed"))
	if c := inbox.Classify(raw[:i]); c.Kind != marketing.InboxBounceHard || c.Status != "5.1.1" {
		t.Fatalf("report cut in the status part: %+v", c)
	}
}

// Bounces name the failed address in an internationalised domain in
// punycode; contacts keep it in Unicode.
func TestClassifyPunycodeRecipient(t *testing.T) {
	raw := "From: MAILER-DAEMON@x.dk\nSubject: Undelivered Mail Returned to Sender\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\n\n" +
		"--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; x\n\nFinal-Recipient: rfc822; Kunde@XN--BLOMSTER--T8A.DK\nAction: failed\nStatus: 5.1.1\n--b--\n"
	c := inbox.Classify([]byte(raw))
	if c.Kind != marketing.InboxBounceHard || c.Recipient != "Kunde@blomster-ø.dk" {
		t.Fatalf("%+v", c)
	}
}

func TestSnippetIsShort(t *testing.T) {
	body := strings.Repeat("Tulipaner og roser til hele familien. ", 40)
	c := inbox.Classify([]byte("From: a@b.dk\nSubject: Re: x\nIn-Reply-To: <dd.x@y.dk>\n\n" + body))
	if c.Kind != marketing.InboxReply || len([]rune(c.Snippet)) > 201 || !strings.HasSuffix(c.Snippet, "…") {
		t.Fatalf("snippet %q", c.Snippet)
	}
}

// Gmail's report names the original in the delivery-status part, which
// is all there is when no copy of the original comes back.
func TestClassifyOriginalIDInReport(t *testing.T) {
	raw := "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\nSubject: Delivery Status Notification (Failure)\n" +
		"Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n--b\nContent-Type: message/delivery-status\n\n" +
		"Reporting-MTA: dns; googlemail.com\nX-Original-Message-ID: <dd.zzzzyyyyxxxxwwww@shop.dk>\n\n" +
		"Final-Recipient: rfc822; a@b.dk\nAction: failed\nStatus: 5.1.1\n--b--\n"
	c := inbox.Classify([]byte(raw))
	if c.Kind != marketing.InboxBounceHard || !slices.Contains(c.ReferencedIDs, "dd.zzzzyyyyxxxxwwww@shop.dk") {
		t.Fatalf("%+v", c)
	}
}

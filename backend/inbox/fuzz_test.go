package inbox

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"directdesk/backend/marketing"
)

var (
	reFuzzTime   = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)
	reFuzzToken  = regexp.MustCompile(`^[a-z2-7]{16}$`)
	reFuzzStatus = regexp.MustCompile(`^([45]\.\d{1,3}\.\d{1,3}|[45][0-5]\d|2\.\d{1,3}\.\d{1,3})$`)
)

// Whatever arrives in a mailbox, classify must not panic (Classify would
// hide it as "other"; this calls the unguarded function) and its answer
// must keep its promises: a known kind, IDs without brackets, a UTC
// timestamp, a short valid snippet.
func FuzzClassify(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.eml")
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{"", "From: a@b\n\n", "Content-Type: multipart/report; report-type=delivery-status; boundary=x\n\n--x\nContent-Type: message/delivery-status\n\nAction: failed\n--x--",
		"Subject: =?koi8-r?B?7sU=?=\n\n", "Content-Type: multipart/mixed; boundary=\"\"\n\n--\n--", "Content-Type: message/rfc822\n\nMessage-ID: <a@b>\n"} {
		f.Add([]byte(s))
	}
	kinds := []string{marketing.InboxBounceHard, marketing.InboxBounceSoft, marketing.InboxAutoReply, marketing.InboxUnsubscribe, marketing.InboxReply, marketing.InboxOther}
	f.Fuzz(func(t *testing.T, raw []byte) {
		c := classify(raw)
		ok := false
		for _, k := range kinds {
			ok = ok || c.Kind == k
		}
		if !ok {
			t.Fatalf("kind %q", c.Kind)
		}
		if strings.ContainsAny(c.MessageID, "<>") {
			t.Fatalf("message id %q", c.MessageID)
		}
		for _, id := range c.ReferencedIDs {
			if id == "" || strings.ContainsAny(id, "<> \t\r\n") || id == c.MessageID {
				t.Fatalf("referenced id %q", id)
			}
		}
		if c.ReceivedAt != "" && !reFuzzTime.MatchString(c.ReceivedAt) {
			t.Fatalf("receivedAt %q", c.ReceivedAt)
		}
		if c.Token != "" && !reFuzzToken.MatchString(c.Token) {
			t.Fatalf("token %q", c.Token)
		}
		if c.Status != "" && !reFuzzStatus.MatchString(c.Status) {
			t.Fatalf("status %q", c.Status)
		}
		if !utf8.ValidString(c.Snippet) || utf8.RuneCountInString(c.Snippet) > snippetRunes+1 || strings.ContainsAny(c.Snippet, "\r\n") {
			t.Fatalf("snippet %q", c.Snippet)
		}
		if strings.HasPrefix(c.Kind, "bounce") != (c.Kind == marketing.InboxBounceHard || c.Kind == marketing.InboxBounceSoft) {
			t.Fatal("unreachable")
		}
	})
}

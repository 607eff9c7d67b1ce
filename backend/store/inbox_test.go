package store

// An internal test: the outbox and campaigns are seeded with SQL so these
// tests do not depend on how mailings are created.

import (
	"context"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"directdesk/backend/marketing"
)

type inboxFixture struct {
	db                *DB
	anna, bo          int64 // contacts
	annaOut, boOut    int64 // their outbox rows (sent)
	oldAnna, queuedBo int64 // an older sent row to Anna, a queued one to Bo
}

func openInboxFixture(t *testing.T) *inboxFixture {
	t.Helper()
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "w.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC) }
	f := &inboxFixture{db: db}
	for _, c := range []struct {
		id    *int64
		first string
		email string
	}{{&f.anna, "Anna", "Anna.Hansen@example.dk"}, {&f.bo, "Bo", "bo@example.dk"}} {
		ct := marketing.Contact{FirstName: c.first, LastName: "Test", Email: c.email}
		if err := marketing.ValidateContact(&ct, db.Now()); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateContact(ctx, &ct); err != nil {
			t.Fatal(err)
		}
		*c.id = ct.ID
	}
	now := db.now()
	f.exec(t, `INSERT INTO mail_accounts (id, name, from_email, smtp_host, smtp_port, smtp_security, created_at, updated_at)
		VALUES (1, 'Shop', 'butik@blomsterhuset.dk', 'smtp.example.dk', 465, 'tls', ?, ?)`, now, now)
	f.exec(t, `INSERT INTO campaigns (id, name, status, created_at, updated_at) VALUES (1, 'Vintersalg', 'finished', ?, ?), (2, 'Forårstilbud', 'running', ?, ?)`, now, now, now, now)
	f.exec(t, `INSERT INTO campaign_touches (id, campaign_id, channel, account_id, created_at) VALUES (1, 1, 'email', 1, ?), (2, 2, 'email', 1, ?)`, now, now)
	out := func(touch, contact int64, email, state, msgID, token, sentAt string) int64 {
		res, err := db.write.Exec(`INSERT INTO outbox (touch_id, contact_id, account_id, email, email_fold, state, message_id, token, updated_at, sent_at)
			VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?)`, touch, contact, email, foldEmail(email), state, msgID, token, now, sentAt)
		if err != nil {
			t.Fatal(err)
		}
		id, _ := res.LastInsertId()
		return id
	}
	f.oldAnna = out(1, f.anna, "Anna.Hansen@example.dk", "sent", "dd.old1@blomsterhuset.dk", "aaaaaaaaaaaaaaaa", "2026-01-10T09:00:00Z")
	f.annaOut = out(2, f.anna, "Anna.Hansen@example.dk", "sent", "dd.anna2@blomsterhuset.dk", "bbbbbbbbbbbbbbbb", "2026-11-23T09:00:00Z")
	f.boOut = out(2, f.bo, "bo@example.dk", "sent", "dd.bo2@blomsterhuset.dk", "cccccccccccccccc", "2026-11-23T09:00:01Z")
	f.queuedBo = out(1, f.bo, "bo@example.dk", "queued", "dd.bo1@blomsterhuset.dk", "dddddddddddddddd", "")
	return f
}

func (f *inboxFixture) exec(t *testing.T, q string, args ...any) {
	t.Helper()
	if _, err := f.db.write.Exec(q, args...); err != nil {
		t.Fatal(err)
	}
}

func (f *inboxFixture) str(t *testing.T, q string, args ...any) string {
	t.Helper()
	var s string
	if err := f.db.read.QueryRow(q, args...).Scan(&s); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return s
}

func (f *inboxFixture) count(t *testing.T, table string) int {
	t.Helper()
	var n int
	if err := f.db.read.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestFindOutbox(t *testing.T) {
	f := openInboxFixture(t)
	ctx := context.Background()
	for _, tc := range []struct {
		name      string
		ids       []string
		token, to string
		want      int64
	}{
		{"message id among others", []string{"x@y", "dd.bo2@blomsterhuset.dk"}, "", "", f.boOut},
		{"message id wins over token", []string{"dd.anna2@blomsterhuset.dk"}, "cccccccccccccccc", "bo@example.dk", f.annaOut},
		{"token", []string{"unknown@x"}, "aaaaaaaaaaaaaaaa", "", f.oldAnna},
		{"recipient, any case, most recent sent", nil, "", "ANNA.hansen@Example.dk", f.annaOut},
		{"recipient: queued rows are not sent", nil, "", "bo@example.dk", f.boOut},
		{"nothing", []string{"x@y"}, "zzzzzzzzzzzzzzzz", "nobody@example.dk", 0},
		{"empty", nil, "", "", 0},
	} {
		ref, found, err := f.db.FindOutbox(ctx, tc.ids, tc.token, tc.to)
		if err != nil {
			t.Fatal(err)
		}
		if found != (tc.want != 0) || ref.OutboxID != tc.want {
			t.Errorf("%s: got %+v found=%v, want outbox %d", tc.name, ref, found, tc.want)
		}
	}
	ref, _, _ := f.db.FindOutbox(ctx, []string{"dd.anna2@blomsterhuset.dk"}, "", "")
	if ref.ContactID != f.anna || ref.CampaignID != 2 || ref.TouchID != 2 || ref.Email != "Anna.Hansen@example.dk" {
		t.Fatalf("ref %+v", ref)
	}
}

func TestRecordInboxHardBounceSuppressesOnce(t *testing.T) {
	f := openInboxFixture(t)
	ctx := context.Background()
	e := marketing.InboxEvent{AccountID: 1, UID: 7, MessageID: "bounce1@mx", Kind: marketing.InboxBounceHard, From: "MAILER-DAEMON@mx",
		Subject: "Undelivered Mail Returned to Sender", Recipient: "anna.hansen@example.dk", Status: "5.1.1",
		Diagnostic: "550 5.1.1 User unknown", OutboxID: f.annaOut, ReceivedAt: "2026-11-23T09:05:00Z"}
	isNew, err := f.db.RecordInbox(ctx, e)
	if err != nil || !isNew {
		t.Fatal(isNew, err)
	}
	if s := f.str(t, "SELECT state || '|' || reason FROM outbox WHERE id = ?", f.annaOut); s != "bounced|5.1.1 550 5.1.1 User unknown" {
		t.Fatalf("outbox %q", s)
	}
	if s := f.str(t, "SELECT email || '|' || reason || '|' || source FROM suppressions WHERE email_fold = 'anna.hansen@example.dk'"); s != "Anna.Hansen@example.dk|hard_bounce|bounce 5.1.1" {
		t.Fatalf("suppression %q", s)
	}
	for _, addr := range []string{"anna.hansen@example.dk", " ANNA.HANSEN@EXAMPLE.DK "} {
		if ok, err := f.db.IsSuppressed(ctx, addr); err != nil || !ok {
			t.Fatalf("IsSuppressed(%q) = %v, %v", addr, ok, err)
		}
	}
	// The same report again (a move that failed, a second sync): nothing new.
	e.UID = 9
	if isNew, err := f.db.RecordInbox(ctx, e); err != nil || isNew {
		t.Fatalf("repeat: %v %v", isNew, err)
	}
	if n := f.count(t, "inbox_log"); n != 1 {
		t.Fatalf("%d log rows", n)
	}
	// The log links the contact and campaign from the outbox row.
	log, err := f.db.InboxLog(ctx, 1, 0)
	if err != nil || len(log) != 1 || log[0].ContactID != f.anna || log[0].CampaignID != 2 || log[0].Status != "5.1.1" {
		t.Fatalf("log %+v %v", log, err)
	}
}

func TestRecordInboxSoftBounceKeepsSent(t *testing.T) {
	f := openInboxFixture(t)
	_, err := f.db.RecordInbox(context.Background(), marketing.InboxEvent{AccountID: 1, UID: 3, MessageID: "d@mx", Kind: marketing.InboxBounceSoft,
		Status: "4.2.2", Diagnostic: "452 4.2.2 Mailbox full", OutboxID: f.boOut})
	if err != nil {
		t.Fatal(err)
	}
	if s := f.str(t, "SELECT state || '|' || reason FROM outbox WHERE id = ?", f.boOut); s != "sent|4.2.2 452 4.2.2 Mailbox full" {
		t.Fatalf("outbox %q", s)
	}
	if n := f.count(t, "suppressions"); n != 0 {
		t.Fatalf("%d suppressions", n)
	}
}

func TestRecordInboxUnsubscribeRefusesConsent(t *testing.T) {
	f := openInboxFixture(t)
	ctx := context.Background()
	f.exec(t, "INSERT INTO contact_consent (contact_id, channel, status, at, method, evidence) VALUES (?, 'email', 'granted', '2026-01-01T00:00:00Z', 'form', 'web shop')", f.anna)
	f.db.TakeContactChanges()
	isNew, err := f.db.RecordInbox(ctx, marketing.InboxEvent{AccountID: 1, UID: 11, MessageID: "u1@mail.example.dk", Kind: marketing.InboxUnsubscribe,
		From: "anna.hansen@example.dk", Subject: "unsubscribe unsub-bbbbbbbbbbbbbbbb", Recipient: "anna.hansen@example.dk",
		OutboxID: f.annaOut, ReceivedAt: "2026-11-23T09:30:00Z"})
	if err != nil || !isNew {
		t.Fatal(isNew, err)
	}
	if s := f.str(t, "SELECT reason || '|' || source FROM suppressions"); s != "unsubscribe|inbox: unsubscribe from Forårstilbud" {
		t.Fatalf("suppression %q", s)
	}
	if s := f.str(t, "SELECT status || '|' || method || '|' || at FROM contact_consent WHERE contact_id = ? AND channel = 'email'", f.anna); s != "refused|unsubscribe|2026-11-23T10:00:00Z" {
		t.Fatalf("consent %q", s)
	}
	if s := f.str(t, "SELECT evidence FROM contact_consent WHERE contact_id = ?", f.anna); s != `email from anna.hansen@example.dk "unsubscribe unsub-bbbbbbbbbbbbbbbb" 2026-11-23T09:30:00Z` {
		t.Fatalf("evidence %q", s)
	}
	if s := f.str(t, "SELECT kind FROM events WHERE contact_id = ? ORDER BY id DESC LIMIT 1", f.anna); s != "unsubscribe" {
		t.Fatalf("event %q", s)
	}
	// The segment columns learn that Anna's consent changed.
	if ids, _, _ := f.db.TakeContactChanges(); !slices.Contains(ids, f.anna) {
		t.Fatalf("changes %v", ids)
	}
}

// A request to leave without an outbox row (matched by address elsewhere,
// or the contact deleted) still suppresses, and refuses consent when the
// address is a contact's.
func TestRecordInboxUnsubscribeWithoutOutbox(t *testing.T) {
	f := openInboxFixture(t)
	ctx := context.Background()
	if _, err := f.db.RecordInbox(ctx, marketing.InboxEvent{AccountID: 1, MessageID: "u2@x", Kind: marketing.InboxUnsubscribe,
		From: "bo@example.dk", Subject: "afmeld", Recipient: "BO@example.dk"}); err != nil {
		t.Fatal(err)
	}
	if s := f.str(t, "SELECT status FROM contact_consent WHERE contact_id = ?", f.bo); s != "refused" {
		t.Fatalf("consent %q", s)
	}
	if _, err := f.db.DeleteContacts(ctx, []int64{f.anna}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.RecordInbox(ctx, marketing.InboxEvent{AccountID: 1, MessageID: "u3@x", Kind: marketing.InboxUnsubscribe,
		From: "anna.hansen@example.dk", Subject: "afmeld", OutboxID: f.annaOut}); err != nil {
		t.Fatal(err)
	}
	if ok, _ := f.db.IsSuppressed(ctx, "anna.hansen@example.dk"); !ok {
		t.Fatal("not suppressed")
	}
}

func TestRecordInboxReplyAndAutoReply(t *testing.T) {
	f := openInboxFixture(t)
	ctx := context.Background()
	if _, err := f.db.RecordInbox(ctx, marketing.InboxEvent{AccountID: 1, UID: 4, MessageID: "r1@gmail.com", Kind: marketing.InboxReply,
		From: "bo@example.dk", Subject: "Re: Forårstilbud", Snippet: "Har I røde tulipaner?", OutboxID: f.boOut,
		ReceivedAt: "2026-11-23T09:45:00Z"}); err != nil {
		t.Fatal(err)
	}
	if s := f.str(t, "SELECT kind || '|' || campaign_id || '|' || touch_id || '|' || contact_id || '|' || at || '|' || detail FROM responses"); s != "reply|2|2|"+strconv.FormatInt(f.bo, 10)+"|2026-11-23T09:45:00Z|Har I røde tulipaner?" {
		t.Fatalf("response %q", s)
	}
	if s := f.str(t, "SELECT kind || '|' || summary FROM events WHERE contact_id = ? ORDER BY id DESC LIMIT 1", f.bo); s != "email_reply|Replied: Har I røde tulipaner?" {
		t.Fatalf("event %q", s)
	}
	if _, err := f.db.RecordInbox(ctx, marketing.InboxEvent{AccountID: 1, UID: 5, MessageID: "a1@x", Kind: marketing.InboxAutoReply, OutboxID: f.annaOut}); err != nil {
		t.Fatal(err)
	}
	if f.count(t, "responses") != 1 || f.count(t, "suppressions") != 0 || f.count(t, "inbox_log") != 2 {
		t.Fatal("an auto-reply did more than log")
	}
	if s := f.str(t, "SELECT state FROM outbox WHERE id = ?", f.annaOut); s != "sent" {
		t.Fatalf("outbox %q", s)
	}
}

// Without a Message-ID the UID identifies a message, with its sender,
// subject and date (inbox_log keeps no UIDVALIDITY).
func TestRecordInboxWithoutMessageID(t *testing.T) {
	f := openInboxFixture(t)
	ctx := context.Background()
	e := marketing.InboxEvent{AccountID: 1, UID: 12, Kind: marketing.InboxAutoReply, From: "a@b.dk", Subject: "Autosvar", ReceivedAt: "2026-11-23T09:00:00Z"}
	for i, want := range []bool{true, false} {
		if isNew, err := f.db.RecordInbox(ctx, e); err != nil || isNew != want {
			t.Fatalf("%d: %v %v", i, isNew, err)
		}
	}
	e.Subject = "Autosvar: noget andet" // the UID was reused after a renumbering
	if isNew, _ := f.db.RecordInbox(ctx, e); !isNew {
		t.Fatal("a different message with a reused UID was taken for a repeat")
	}
	e.AccountID = 2 // another account's UID 12
	if isNew, _ := f.db.RecordInbox(ctx, e); !isNew {
		t.Fatal("another account's message was taken for a repeat")
	}
}

func TestInboxCheckpoint(t *testing.T) {
	f := openInboxFixture(t)
	ctx := context.Background()
	if v, l, err := f.db.InboxCheckpoint(ctx, 1); v != 0 || l != 0 || err != nil {
		t.Fatal(v, l, err)
	}
	for _, c := range [][2]uint32{{77, 10}, {77, 42}, {4000000000, 4000000001}} {
		if err := f.db.SaveInboxCheckpoint(ctx, 1, c[0], c[1]); err != nil {
			t.Fatal(err)
		}
		if v, l, err := f.db.InboxCheckpoint(ctx, 1); v != c[0] || l != c[1] || err != nil {
			t.Fatal(v, l, err)
		}
	}
	if s := f.str(t, "SELECT synced_at FROM inbox_state WHERE account_id = 1"); s != "2026-11-23T10:00:00Z" {
		t.Fatalf("synced_at %q", s)
	}
}

func TestInboxLogNewestFirst(t *testing.T) {
	f := openInboxFixture(t)
	ctx := context.Background()
	for i, id := range []string{"m1@x", "m2@x", "m3@x"} {
		if _, err := f.db.RecordInbox(ctx, marketing.InboxEvent{AccountID: 1, UID: uint32(i + 1), MessageID: id, Kind: marketing.InboxAutoReply}); err != nil {
			t.Fatal(err)
		}
	}
	log, err := f.db.InboxLog(ctx, 1, 2)
	if err != nil || len(log) != 2 || log[0].MessageID != "m3@x" || log[1].MessageID != "m2@x" || log[0].UID != 3 {
		t.Fatalf("%+v %v", log, err)
	}
	if log, _ := f.db.InboxLog(ctx, 2, 10); len(log) != 0 || log == nil {
		t.Fatalf("other account: %+v", log)
	}
}

func TestSuppressionList(t *testing.T) {
	f := openInboxFixture(t)
	ctx := context.Background()
	for i, s := range []marketing.Suppression{
		{Email: "Kunde@Example.dk", Source: "asked by phone"},
		{Email: "ole_100%@example.dk", Reason: marketing.SuppressComplaint, Source: "spam complaint"},
		{Email: "per@firma.se", Reason: marketing.SuppressUnsubscribe, Source: "inbox: unsubscribe from Vintersalg"},
	} {
		day := i
		f.db.Now = func() time.Time { return time.Date(2026, 11, 20+day, 10, 0, 0, 0, time.UTC) }
		if err := f.db.AddSuppression(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	// Adding again keeps the first reason.
	if err := f.db.AddSuppression(ctx, marketing.Suppression{Email: "kunde@example.dk", Reason: marketing.SuppressHardBounce}); err != nil {
		t.Fatal(err)
	}
	all, total, err := f.db.Suppressions(ctx, "", 10, 0)
	if err != nil || total != 3 || len(all) != 3 || all[0].Email != "per@firma.se" || all[2].Email != "Kunde@Example.dk" || all[2].Reason != marketing.SuppressManual {
		t.Fatalf("%+v %d %v", all, total, err)
	}
	page, total, _ := f.db.Suppressions(ctx, "", 1, 1)
	if total != 3 || len(page) != 1 || page[0].Email != "ole_100%@example.dk" {
		t.Fatalf("page %+v", page)
	}
	for q, want := range map[string]int{"KUNDE": 1, "100%": 1, "_": 1, "vinter": 1, "example.dk": 2, "nobody": 0} {
		if _, n, err := f.db.Suppressions(ctx, q, 10, 0); err != nil || n != want {
			t.Errorf("query %q: %d (%v), want %d", q, n, err, want)
		}
	}
	for _, bad := range []marketing.Suppression{{Email: ""}, {Email: "no-at-sign"}, {Email: "a@b.dk\r\nBcc: x@y"}, {Email: "a@b.dk", Reason: "whim"}} {
		if err := f.db.AddSuppression(ctx, bad); marketing.ErrorCode(err) != marketing.EInvalid {
			t.Errorf("%+v: %v", bad, err)
		}
	}
	if err := f.db.RemoveSuppression(ctx, "KUNDE@example.dk"); err != nil {
		t.Fatal(err)
	}
	if ok, _ := f.db.IsSuppressed(ctx, "kunde@example.dk"); ok {
		t.Fatal("still suppressed")
	}
	if err := f.db.RemoveSuppression(ctx, "kunde@example.dk"); marketing.ErrorCode(err) != marketing.ENotFound {
		t.Fatalf("remove twice: %v", err)
	}
}

package store_test

import (
	"context"
	"strings"
	"testing"

	"directdesk/backend/marketing"
	"directdesk/backend/store"
)

func consentOf(t *testing.T, db *store.DB, id int64, channel string) marketing.Consent {
	t.Helper()
	cc, err := db.ContactConsent(context.Background(), id, "DK")
	if err != nil {
		t.Fatal(err)
	}
	for _, ch := range cc.Channels {
		if ch.Channel == channel && ch.Current != nil {
			return *ch.Current
		}
	}
	return marketing.Consent{}
}

func record(t *testing.T, db *store.DB, id int64, channel, status, at string) {
	t.Helper()
	if _, err := db.RecordConsent(context.Background(), id, marketing.ConsentEvent{Channel: channel, Status: status, At: at,
		Method: marketing.MethodPhone, Wording: "May we call you about offers?", By: "Mette"}); err != nil {
		t.Fatal(err)
	}
}

func TestRecordConsentNewestWinsAndARefusalIsNotUndoneByAnOlderGrant(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	c := mustCreate(t, db, marketing.Contact{FirstName: "Anna", LastName: "Hansen", Phone: "+4512345678"})
	ph := marketing.ChannelPhone

	record(t, db, c.ID, ph, marketing.ConsentGranted, "2026-11-01T10:00:00Z")
	if got := consentOf(t, db, c.ID, ph); got.Status != marketing.ConsentGranted || got.At != "2026-11-01T10:00:00Z" || got.Method != "phone" {
		t.Fatalf("after the first yes: %+v", got)
	}
	record(t, db, c.ID, ph, marketing.ConsentRefused, "2026-11-05T10:00:00Z")
	// A yes written down later but given before the no must not win.
	record(t, db, c.ID, ph, marketing.ConsentGranted, "2026-11-03T10:00:00Z")
	if got := consentOf(t, db, c.ID, ph); got.Status != marketing.ConsentRefused {
		t.Fatalf("an older yes overrode the no: %+v", got)
	}
	// Same instant: the no wins, whichever was written first.
	record(t, db, c.ID, ph, marketing.ConsentGranted, "2026-11-05T10:00:00Z")
	if got := consentOf(t, db, c.ID, ph); got.Status != marketing.ConsentRefused {
		t.Fatalf("a yes at the same instant overrode the no: %+v", got)
	}
	record(t, db, c.ID, marketing.ChannelSMS, marketing.ConsentGranted, "2026-11-06T10:00:00Z")
	record(t, db, c.ID, marketing.ChannelSMS, marketing.ConsentRefused, "2026-11-06T10:00:00Z")
	if got := consentOf(t, db, c.ID, marketing.ChannelSMS); got.Status != marketing.ConsentRefused {
		t.Fatalf("same instant, no written second: %+v", got)
	}
	// A newer yes does win.
	record(t, db, c.ID, ph, marketing.ConsentGranted, "2026-11-20T09:00:00Z")
	if got := consentOf(t, db, c.ID, ph); got.Status != marketing.ConsentGranted || got.At != "2026-11-20T09:00:00Z" {
		t.Fatalf("a newer yes did not win: %+v", got)
	}

	h, err := db.ConsentHistory(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 7 {
		t.Fatalf("history has %d answers, want all 7", len(h))
	}
	for i := 1; i < len(h); i++ {
		if h[i-1].At < h[i].At {
			t.Fatalf("history not newest first at %d: %s before %s", i, h[i-1].At, h[i].At)
		}
	}
	if h[0].At != "2026-11-20T09:00:00Z" || h[0].Wording != "May we call you about offers?" || h[0].By != "Mette" || h[0].RecordedAt == "" {
		t.Fatalf("newest answer lost its evidence: %+v", h[0])
	}
	// The standing answer is what the history says, channel by channel.
	for _, ch := range []string{ph, marketing.ChannelSMS} {
		want, _ := marketing.CurrentConsent(h, ch)
		if got := consentOf(t, db, c.ID, ch); got.Status != want.Status || got.At != want.At {
			t.Fatalf("%s: standing %+v, history says %+v", ch, got, want)
		}
	}
	var audits int
	if err := db.ReadRaw(ctx, "SELECT count(*) FROM audit_log WHERE action = 'consent_change' AND contact_id = ?", c.ID).Scan(&audits); err != nil {
		t.Fatal(err)
	}
	if audits != 7 {
		t.Fatalf("%d audit lines, want one per recorded answer (7)", audits)
	}
}

func TestConsentHistoryIsAppendOnly(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	c := mustCreate(t, db, marketing.Contact{FirstName: "Bo", LastName: "Berg", Email: "bo@example.com"})
	record(t, db, c.ID, marketing.ChannelEmail, marketing.ConsentGranted, "2026-11-01T10:00:00Z")
	err := db.ExecRawForTest(ctx, "UPDATE consent_events SET status = 'refused' WHERE contact_id = ?", c.ID)
	if err == nil || !strings.Contains(err.Error(), "append-only") {
		t.Fatalf("updating the history: %v, want the append-only trigger to refuse", err)
	}
	h, _ := db.ConsentHistory(ctx, c.ID)
	if len(h) != 1 || h[0].Status != marketing.ConsentGranted {
		t.Fatalf("history changed: %+v", h)
	}
}

func TestRecordConsentForAMissingContact(t *testing.T) {
	db := MustOpenDB(t)
	_, err := db.RecordConsent(context.Background(), 999, marketing.ConsentEvent{Channel: "email", Status: "granted", At: "2026-11-01T10:00:00Z", Method: "form"})
	if marketing.ErrorCode(err) != marketing.ENotFound {
		t.Fatalf("err %v, want not_found", err)
	}
}

// importPeople imports contacts with consents through a real import session.
func importPeople(t *testing.T, db *store.DB, file string, fn func(s *store.ImportSession)) int64 {
	t.Helper()
	ctx := context.Background()
	b := &marketing.ImportBatch{Kind: marketing.ImportContacts, FileName: file}
	s, err := db.BeginImport(ctx, b, false)
	if err != nil {
		t.Fatal(err)
	}
	fn(s)
	if err := s.Commit(ctx, b); err != nil {
		t.Fatal(err)
	}
	return b.ID
}

func TestImportWritesConsentHistoryAndUndoKeepsItConsistent(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	var anna, bo marketing.Contact
	importPeople(t, db, "first.xlsx", func(s *store.ImportSession) {
		anna = marketing.Contact{FirstName: "Anna", LastName: "Holm", Email: "anna@example.com", Kind: marketing.KindCustomer}
		bo = marketing.Contact{FirstName: "Bo", LastName: "Dahl", Email: "bo@example.com", Kind: marketing.KindCustomer}
		if err := s.CreateContact(ctx, &anna, []marketing.Consent{{Channel: "email", Status: "granted", At: "2026-10-01T08:00:00Z", Method: "import", Evidence: "first.xlsx, row 2"}}, "t"); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateContact(ctx, &bo, nil, "t"); err != nil {
			t.Fatal(err)
		}
	})
	h, _ := db.ConsentHistory(ctx, anna.ID)
	if len(h) != 1 || h[0].Method != "import" || h[0].Source != "first.xlsx, row 2" {
		t.Fatalf("import left no history: %+v", h)
	}
	// A second file: Anna says no to email and yes to SMS, Bo says yes to email.
	second := importPeople(t, db, "second.xlsx", func(s *store.ImportSession) {
		for _, x := range []struct {
			c   marketing.Contact
			new []marketing.Consent
		}{
			{anna, []marketing.Consent{{Channel: "email", Status: "refused", At: "2026-11-23T10:00:00Z", Method: "import", Evidence: "second.xlsx, row 2"},
				{Channel: "sms", Status: "granted", At: "2026-11-23T10:00:00Z", Method: "import", Evidence: "second.xlsx, row 2"}}},
			{bo, []marketing.Consent{{Channel: "email", Status: "granted", At: "2026-11-23T10:00:00Z", Method: "import", Evidence: "second.xlsx, row 3"}}},
		} {
			before, beforeCons, err := s.Contact(ctx, x.c.ID)
			if err != nil {
				t.Fatal(err)
			}
			after := before
			after.City = "Aarhus"
			// The importer hands over the stored answers plus the file's.
			cons := append([]marketing.Consent(nil), x.new...)
			if err := s.UpdateContact(ctx, &before, beforeCons, &after, cons, "t"); err != nil {
				t.Fatal(err)
			}
		}
	})
	if got := consentOf(t, db, anna.ID, "email"); got.Status != "refused" {
		t.Fatalf("the file's no did not stand: %+v", got)
	}
	if got := consentOf(t, db, bo.ID, "email"); got.Status != "granted" {
		t.Fatalf("the file's yes did not stand: %+v", got)
	}
	if h, _ := db.ConsentHistory(ctx, anna.ID); len(h) != 3 {
		t.Fatalf("Anna's history after two files: %+v", h)
	}

	if _, err := db.UndoImport(ctx, second, nil); err != nil {
		t.Fatal(err)
	}
	// Undo takes the file's yes answers back and keeps its no.
	if got := consentOf(t, db, anna.ID, "email"); got.Status != "refused" {
		t.Fatalf("undo gave consent back: %+v", got)
	}
	if got := consentOf(t, db, anna.ID, "sms"); got.Status != "" {
		t.Fatalf("undo kept the file's SMS yes: %+v", got)
	}
	if got := consentOf(t, db, bo.ID, "email"); got.Status != "" {
		t.Fatalf("undo kept the file's email yes: %+v", got)
	}
	for _, id := range []int64{anna.ID, bo.ID} {
		h, _ := db.ConsentHistory(ctx, id)
		for _, ch := range []string{"email", "sms", "post", "phone"} {
			want, ok := marketing.CurrentConsent(h, ch)
			got := consentOf(t, db, id, ch)
			if (ok && (got.Status != want.Status || got.At != want.At)) || (!ok && got.Status != "") {
				t.Fatalf("contact %d %s: standing %+v but history says %+v (%v)", id, ch, got, want, ok)
			}
		}
	}
}

func TestImportDoesNotRepeatUnchangedAnswersInTheHistory(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	var c marketing.Contact
	yes := marketing.Consent{Channel: "post", Status: "granted", At: "2026-10-01T08:00:00Z", Method: "import", Evidence: "a.xlsx, row 2"}
	importPeople(t, db, "a.xlsx", func(s *store.ImportSession) {
		c = marketing.Contact{FirstName: "Cai", LastName: "Lund"}
		if err := s.CreateContact(ctx, &c, []marketing.Consent{yes}, "t"); err != nil {
			t.Fatal(err)
		}
	})
	importPeople(t, db, "b.xlsx", func(s *store.ImportSession) {
		before, cons, _ := s.Contact(ctx, c.ID)
		after := before
		after.City = "Odense"
		if err := s.UpdateContact(ctx, &before, cons, &after, cons, "t"); err != nil {
			t.Fatal(err)
		}
	})
	if h, _ := db.ConsentHistory(ctx, c.ID); len(h) != 1 {
		t.Fatalf("an unchanged answer was written again: %+v", h)
	}
}

func TestUnsubscribeReplyRefusesEmailWithHistory(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	c := mustCreate(t, db, marketing.Contact{FirstName: "Dora", LastName: "Ek", Email: "dora@example.se"})
	record(t, db, c.ID, "email", "granted", "2026-11-01T10:00:00Z")
	if _, err := db.RecordInbox(ctx, marketing.InboxEvent{AccountID: 1, UID: 9, MessageID: "u1@mx", Kind: marketing.InboxUnsubscribe,
		From: "dora@example.se", Recipient: "dora@example.se", Subject: "unsubscribe", ContactID: c.ID, ReceivedAt: "2026-11-23T09:00:00Z"}); err != nil {
		t.Fatal(err)
	}
	if got := consentOf(t, db, c.ID, "email"); got.Status != "refused" || got.Method != marketing.MethodUnsubscribe {
		t.Fatalf("after the unsubscribe: %+v", got)
	}
	h, _ := db.ConsentHistory(ctx, c.ID)
	if len(h) != 2 || h[0].Status != "refused" || h[0].Method != marketing.MethodUnsubscribe || !strings.Contains(h[0].Source, "dora@example.se") {
		t.Fatalf("history: %+v", h)
	}
}

func TestOptOutResponseRefusesEveryChannel(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	c := mustCreate(t, db, marketing.Contact{FirstName: "Eva", LastName: "Moe", Email: "eva@example.no", Phone: "+4791234567"})
	for _, ch := range []string{"email", "sms", "post", "phone"} {
		record(t, db, c.ID, ch, "granted", "2026-11-01T10:00:00Z")
	}
	// A date-only opt-out the same day as a later yes: the no wins the day.
	record(t, db, c.ID, "post", "granted", "2026-11-22T15:00:00Z")
	if _, _, err := db.AddResponse(ctx, store.ResponseInput{ContactID: c.ID, Kind: marketing.ResponseOptOut, Source: marketing.SourcePhone, At: "2026-11-22"}); err != nil {
		t.Fatal(err)
	}
	for _, ch := range []string{"email", "sms", "post", "phone"} {
		if got := consentOf(t, db, c.ID, ch); got.Status != "refused" || got.Method != marketing.MethodPhone || !strings.HasPrefix(got.Evidence, "response") {
			t.Fatalf("%s after an opt-out: %+v", ch, got)
		}
	}
	h, _ := db.ConsentHistory(ctx, c.ID)
	if len(h) != 9 {
		t.Fatalf("history has %d answers, want 9", len(h))
	}
	cc, err := db.ContactConsent(ctx, c.ID, "DK")
	if err != nil {
		t.Fatal(err)
	}
	for _, ch := range cc.Channels {
		if ch.Reason != marketing.ExcludeNoConsent {
			t.Fatalf("%s: reason %q after an opt-out, want no_consent", ch.Channel, ch.Reason)
		}
	}
}

func TestContactConsentExplainsTheCountryRule(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	dk := mustCreate(t, db, marketing.Contact{FirstName: "Fie", LastName: "Nør", Email: "fie@example.dk", Kind: marketing.KindCustomer, Country: "DK"})
	ru := mustCreate(t, db, marketing.Contact{FirstName: "Ivan", LastName: "Petrov", Email: "ivan@example.ru", Kind: marketing.KindCustomer, Country: "RU"})
	noCountry := mustCreate(t, db, marketing.Contact{FirstName: "Gro", LastName: "Li", Email: "gro@example.no", Kind: marketing.KindProspect})
	reason := func(id int64, ch string) (string, string) {
		cc, err := db.ContactConsent(ctx, id, "NO")
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cc.Channels {
			if c.Channel == ch {
				return c.Reason, c.Basis
			}
		}
		t.Fatalf("no %s", ch)
		return "", ""
	}
	if r, b := reason(dk.ID, "email"); r != "" || b != marketing.BasisCustomer {
		t.Fatalf("DK customer email: %q %q, want the existing-customer exception", r, b)
	}
	if r, _ := reason(ru.ID, "email"); r != marketing.ExcludeNoConsent {
		t.Fatalf("RU customer email without a yes: %q", r)
	}
	if r, b := reason(ru.ID, "post"); r != "" || b != marketing.BasisAllowed {
		t.Fatalf("RU post: %q %q", r, b)
	}
	if r, _ := reason(noCountry.ID, "sms"); r != marketing.ExcludeNoConsent {
		t.Fatalf("prospect SMS without a yes: %q", r)
	}
	record(t, db, ru.ID, "email", "granted", "2026-11-20T10:00:00Z")
	if r, b := reason(ru.ID, "email"); r != "" || b != marketing.BasisConsent {
		t.Fatalf("RU email with a yes: %q %q", r, b)
	}
	cc, _ := db.ContactConsent(ctx, noCountry.ID, "NO")
	if cc.Country != "NO" || !cc.CountryFromWorkspace {
		t.Fatalf("a contact without a country gets the workspace's: %+v", cc)
	}
}

func TestRecordConsentRefusesBadInputAndStoresNothing(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	c := mustCreate(t, db, marketing.Contact{FirstName: "Hans", LastName: "Ruud"})
	_, err := db.RecordConsent(ctx, c.ID, marketing.ConsentEvent{Channel: "email", Status: "granted", At: "2026-12-24T10:00:00Z", Method: "form"})
	if e := marketing.AsError(err); e == nil || e.Field != "at" || e.Details["reason"] != "future" {
		t.Fatalf("a yes dated next month: %v", err)
	}
	if h, _ := db.ConsentHistory(ctx, c.ID); len(h) != 0 {
		t.Fatalf("a refused answer was stored: %+v", h)
	}
}

package store_test

import (
	"context"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"directdesk/backend/marketing"
	"directdesk/backend/store"
)

// zebulon is a person whose name, email and numbers appear nowhere else.
var zebulon = marketing.Contact{FirstName: "Zebulon", LastName: "Quaxworth", Email: "Zebulon.Quaxworth@example.dk",
	Phone: "+4528193746", Mobile: "+4571829364", Street1: "Quaxvej 17", Postcode: "8000", City: "Aarhus C", Country: "DK",
	Custom: map[string]string{"Skostørrelse": "44"}, Tags: []string{"vip"}}

// fillPerson stores zebulon with a row in every table that can hold
// something about a person (an import batch, orders, consent history, a
// campaign, a mailing, the inbox, web hits, a document run, suppression),
// plus another contact who must survive the erasure.
func fillPerson(t *testing.T, db *store.DB) (id, other int64) {
	t.Helper()
	ctx := context.Background()
	o := mustCreate(t, db, marketing.Contact{FirstName: "Anna", LastName: "Hansen", Email: "anna@example.dk", Phone: "+4520123456"})
	other = o.ID

	b := marketing.ImportBatch{Kind: marketing.ImportContacts, FileName: "kunder.xlsx"}
	s, err := db.BeginImport(ctx, &b, false)
	if err != nil {
		t.Fatal(err)
	}
	c := zebulon
	if err := marketing.ValidateContact(&c, time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	consents := []marketing.Consent{{Channel: marketing.ChannelEmail, Status: marketing.ConsentGranted, At: "2026-01-02T10:00:00Z", Method: "import", Evidence: "kunder.xlsx, row 2"}}
	if err := s.CreateContact(ctx, &c, consents, "Imported from kunder.xlsx, row 2"); err != nil {
		t.Fatal(err)
	}
	ord := marketing.Order{ContactID: c.ID, OrderNo: "ZQ-1001", Date: "2026-03-04", Total: marketing.Money{Minor: 129900, Currency: "DKK"}, Channel: "web",
		Lines: []marketing.OrderLine{{SKU: "TEA-1", Name: "Quaxworth te", Quantity: 2, UnitMinor: 64950}}}
	if err := s.CreateOrder(ctx, &ord); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(ctx, &b); err != nil {
		t.Fatal(err)
	}
	id = c.ID
	if _, err := db.RecordConsent(ctx, id, marketing.ConsentEvent{Channel: marketing.ChannelPhone, Status: marketing.ConsentGranted,
		At: "2026-05-06T09:00:00Z", Method: marketing.MethodPhone, Source: "call on 2026-05-06", Wording: "Må vi ringe til dig?", By: "Mette"}); err != nil {
		t.Fatal(err)
	}
	now := "2026-06-01T10:00:00Z"
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{"INSERT INTO segments (id, name, name_fold, kind, created_at, updated_at) VALUES (901, 'Stamkunder', 'stamkunder', 'frozen', ?, ?)", []any{now, now}},
		{"INSERT INTO segment_members (segment_id, contact_id) VALUES (901, ?), (901, ?)", []any{id, other}},
		{"INSERT INTO campaigns (id, name, kind, status, created_at, updated_at) VALUES (801, 'Forår', 'campaign', 'running', ?, ?)", []any{now, now}},
		{"INSERT INTO campaign_touches (id, campaign_id, seq, channel, created_at) VALUES (701, 801, 1, 'letter', ?), (702, 801, 2, 'email', ?)", []any{now, now}},
		{"INSERT INTO campaign_members (campaign_id, contact_id, grp) VALUES (801, ?, 'target'), (801, ?, 'target')", []any{id, other}},
		{"INSERT INTO touch_work (touch_id, contact_id, state, updated_at) VALUES (701, ?, 'done', ?)", []any{id, now}},
		{"INSERT INTO contact_touches (contact_id, touch_id, at) VALUES (?, 701, ?), (?, 701, ?)", []any{id, now, other, now}},
		{"INSERT INTO response_codes (code, campaign, contact_id, created_at) VALUES ('ZQ7K2', 'Forår', ?, ?), ('AN1X9', 'Forår', ?, ?)", []any{id, now, other, now}},
		{"INSERT INTO responses (id, campaign_id, touch_id, contact_id, kind, at, detail, code) VALUES (601, 801, 701, ?, 'order', ?, 'Zebulon ringede', 'ZQ7K2')", []any{id, now}},
		{"INSERT INTO fulfilment_tasks (response_id, campaign_id, contact_id, kind, due_date, note, created_at) VALUES (601, 801, ?, 'catalog', '2026-06-08', 'Send katalog til Zebulon', ?)", []any{id, now}},
		{`INSERT INTO outbox (id, touch_id, contact_id, account_id, email, email_fold, name, state, message_id, token, response_code, updated_at, sent_at)
			VALUES (501, 702, ?, 1, 'Zebulon.Quaxworth@example.dk', 'zebulon.quaxworth@example.dk', 'Zebulon Quaxworth', 'sent', '<m1@x>', 'tok1', 'ZQ7K3', ?, ?),
			       (502, 702, ?, 1, 'anna@example.dk', 'anna@example.dk', 'Anna Hansen', 'sent', '<m2@x>', 'tok2', 'AN1X8', ?, ?)`, []any{id, now, now, other, now, now}},
		{`INSERT INTO inbox_log (account_id, uid, message_id, kind, from_addr, subject, recipient, outbox_id, contact_id, snippet, processed_at)
			VALUES (1, 7, '<r1@x>', 'reply', 'Zebulon Quaxworth <zebulon.quaxworth@example.dk>', 'Re: Forår', '', 501, ?, 'Hej, Zebulon her', ?)`, []any{id, now}},
		{"INSERT INTO web_hits (code, touch_seq, kind, at, url) VALUES ('ZQ7K2', 1, 'click', ?, 'https://shop.example.dk/?dd=ZQ7K2'), ('AN1X9', 1, 'click', ?, 'https://shop.example.dk/?dd=AN1X9')", []any{now, now}},
		{"INSERT INTO document_runs (id, kind, template_name, template_version, output, path, recipients, pages, created_at) VALUES (401, 'letter', 'Brev', 1, 'combined', '/tmp/none.pdf', 2, 2, ?)", []any{now}},
		{"INSERT INTO document_recipients (run_id, contact_id, response_code) VALUES (401, ?, 'ZQ7K2'), (401, ?, 'AN1X9')", []any{id, other}},
		{"INSERT INTO suppressions (email_fold, email, reason, created_at) VALUES ('zebulon.quaxworth@example.dk', 'Zebulon.Quaxworth@example.dk', 'complaint', ?)", []any{now}},
		{"INSERT INTO phone_suppressions (phone, reason, created_at) VALUES ('+4571829364', 'optout', ?), ('+4520123456', 'optout', ?)", []any{now, now}},
		{`INSERT INTO audit_log (at, action, contact_id, detail) VALUES (?, 'suppression_change', NULL, '{"email":"zebulon.quaxworth@example.dk"}')`, []any{now}},
	} {
		if err := db.ExecRaw(ctx, q.sql, q.args...); err != nil {
			t.Fatalf("%s: %v", q.sql, err)
		}
	}
	return id, other
}

// contactTables lists every table with a contact_id column.
func contactTables(t *testing.T, db *store.DB) []string {
	t.Helper()
	tables, err := db.QueryStrings(context.Background(), `SELECT m.name FROM sqlite_schema m, pragma_table_info(m.name) p
		WHERE m.type = 'table' AND p.name = 'contact_id' ORDER BY m.name`)
	if err != nil {
		t.Fatal(err)
	}
	return tables
}

func countWhere(t *testing.T, db *store.DB, table, where string, args ...any) int {
	t.Helper()
	var n int
	if err := db.ReadRaw(context.Background(), "SELECT count(*) FROM "+table+" WHERE "+where, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", table, err)
	}
	return n
}

func TestPersonExportHoldsEveryArea(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	id, _ := fillPerson(t, db)
	// The fixture covers every table that points at a contact, so a new
	// table nobody taught the GDPR tools about fails here.
	for _, table := range contactTables(t, db) {
		if n := countWhere(t, db, table, "contact_id = ?", id); n == 0 {
			t.Errorf("fixture has no %s row; add one (and teach store/gdpr.go about the table)", table)
		}
	}
	d, err := db.PersonData(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if d.Name != "Zebulon Quaxworth" {
		t.Fatalf("name %q", d.Name)
	}
	empty := map[string]bool{"registers": true, "source_list": true}
	for _, k := range store.PersonAreaKeys() {
		a := d.Area(k)
		if len(a.Rows) == 0 && !empty[k] {
			t.Errorf("area %s is empty", k)
		}
	}
	if got := d.Area("consent_history"); len(got.Rows) != 2 {
		t.Errorf("consent history %v", got.Rows)
	}
	if got := d.Area("custom_fields"); len(got.Rows) != 1 || got.Rows[0][0] != "Skostørrelse" || got.Rows[0][1] != "44" {
		t.Errorf("custom fields %v", got.Rows)
	}
	if got := d.Area("web_hits"); len(got.Rows) != 1 {
		t.Errorf("web hits %v (only their own code)", got.Rows)
	}
	if got := d.Area("suppression"); len(got.Rows) != 2 {
		t.Errorf("suppression %v", got.Rows)
	}
	s, _, err := db.PersonSummary(ctx, id)
	if err != nil || s.Email != "Zebulon.Quaxworth@example.dk" || s.SharedDocuments != 1 {
		t.Fatalf("summary %+v %v", s, err)
	}
	if _, err := db.PersonData(ctx, 999999); marketing.AsError(err).Code != marketing.ENotFound {
		t.Fatalf("missing person: %v", err)
	}
}

func TestErasePersonLeavesOnlyHashes(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	id, other := fillPerson(t, db)
	db.TakeContactChanges()
	res, err := db.ErasePerson(ctx, id, "Mette")
	if err != nil {
		t.Fatal(err)
	}
	if res.Hashes != 3 || res.Counts["orders"] != 1 || res.Counts["mailings"] != 1 || res.Counts["consent_history"] != 2 {
		t.Fatalf("result %+v", res)
	}
	if err := db.ScrubFile(ctx); err != nil {
		t.Fatal(err)
	}
	for _, table := range contactTables(t, db) {
		if table == "audit_log" {
			// The log keeps what was done, and when, to a contact number.
			if n := countWhere(t, db, table, "contact_id = ? AND detail <> '{}' AND action <> 'person_erase'", id); n != 0 {
				t.Errorf("audit_log still has %d lines with details about the erased contact", n)
			}
			continue
		}
		if n := countWhere(t, db, table, "contact_id = ?", id); n != 0 {
			t.Errorf("%s still has %d rows of the erased contact", table, n)
		}
		if table != "inbox_log" && table != "audit_log" && countWhere(t, db, table, "contact_id = ?", other) == 0 && table != "orders" &&
			table != "consent_events" && table != "contact_consent" && table != "events" && table != "fulfilment_tasks" &&
			table != "responses" && table != "touch_work" && table != "contact_tags" {
			t.Errorf("%s lost the other contact's rows", table)
		}
	}
	for table, where := range map[string]string{
		"contacts":           "email_fold = 'zebulon.quaxworth@example.dk'",
		"outbox":             "email_fold = 'zebulon.quaxworth@example.dk' OR name LIKE '%Quaxworth%'",
		"inbox_log":          "from_addr LIKE '%quaxworth%' OR snippet LIKE '%Zebulon%'",
		"suppressions":       "email_fold LIKE '%quaxworth%'",
		"phone_suppressions": "phone = '+4571829364'",
		"web_hits":           "code = 'ZQ7K2'",
		"import_changes":     "entity = 'contact' AND entity_id = " + strconv.FormatInt(id, 10),
		"audit_log":          "detail LIKE '%quaxworth%'",
	} {
		if n := countWhere(t, db, table, where); n != 0 {
			t.Errorf("%s: %d rows still say who it was", table, n)
		}
	}
	// The other person keeps everything that is theirs.
	if n := countWhere(t, db, "phone_suppressions", "phone = '+4520123456'") + countWhere(t, db, "web_hits", "code = 'AN1X9'") +
		countWhere(t, db, "outbox", "email_fold = 'anna@example.dk'"); n != 3 {
		t.Errorf("other person's rows: %d of 3", n)
	}
	// The mailing still counts one message sent to someone.
	if n := countWhere(t, db, "outbox", "id = 501 AND state = 'sent' AND email = ''"); n != 1 {
		t.Errorf("anonymous outbox row kept: %d", n)
	}
	for _, v := range []struct{ email, phone string }{{"ZEBULON.quaxworth@example.dk", ""}, {"", "+4528193746"}, {"", "+4571829364"}} {
		if ok, err := db.IsErased(ctx, v.email, v.phone); err != nil || !ok {
			t.Errorf("%v not suppressed by hash: %v %v", v, ok, err)
		}
	}
	if ok, _ := db.IsErased(ctx, "anna@example.dk", "+4520123456"); ok {
		t.Error("the other person is not erased")
	}
	// The segment columns hear of the deletion (contact and orders).
	ids, _, orders := db.TakeContactChanges()
	if !slices.Contains(ids, id) || !orders {
		t.Errorf("changes %v orders %v", ids, orders)
	}
	// One audit line without personal data.
	page, err := db.AuditLog(ctx, marketing.AuditPersonErase, 0, 10)
	if err != nil || page.Total != 1 || page.Items[0].ContactID != id || page.Items[0].By != "Mette" {
		t.Fatalf("audit %+v %v", page, err)
	}
	for k, v := range page.Items[0].Detail {
		if strings.Contains(strings.ToLower(k+v), "quaxworth") {
			t.Errorf("audit detail holds personal data: %s=%s", k, v)
		}
	}
	// The WAL was checkpointed and truncated.
	if st, err := os.Stat(db.Path + "-wal"); err == nil && st.Size() != 0 {
		t.Errorf("WAL is %d bytes after the scrub", st.Size())
	}
	if _, err := db.ErasePerson(ctx, id, ""); marketing.AsError(err).Code != marketing.ENotFound {
		t.Errorf("second erase: %v", err)
	}
	// Everything else still works: the other contact is searchable.
	p, err := db.ListContacts(ctx, marketing.ContactQuery{Search: "anna", Limit: 10})
	if err != nil || p.Total != 1 {
		t.Fatalf("search after erase: %+v %v", p, err)
	}
	if p, _ := db.ListContacts(ctx, marketing.ContactQuery{Search: "zebulon", Limit: 10}); p.Total != 0 {
		t.Fatalf("erased contact still found by search")
	}
}

func TestRetentionPreviewAndRun(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	clock := time.Date(2020, 1, 10, 9, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return clock }
	old := make([]int64, 0, 7)
	for i := range 7 {
		c := mustCreate(t, db, marketing.Contact{FirstName: "Gammel", LastName: string(rune('A' + i)), Email: "old" + strconv.Itoa(i) + "@example.dk"})
		old = append(old, c.ID)
	}
	// Two old contacts said no back then: a refused channel, the
	// suppression list. Their "no" must outlive the retention erasure.
	if _, err := db.RecordConsent(ctx, old[5], marketing.ConsentEvent{Channel: marketing.ChannelEmail, Status: marketing.ConsentRefused, At: "2020-01-05T10:00:00Z", Method: marketing.MethodWritten}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddSuppressionEntry(ctx, "email", "old6@example.dk", "manual", "", ""); err != nil {
		t.Fatal(err)
	}
	// One old contact ordered recently, one gave consent recently.
	clock = time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC)
	if err := db.ExecRaw(ctx, "INSERT INTO orders (contact_id, order_no, date, total_minor, currency) VALUES (?, 'R-1', '2025-12-01', 100, 'DKK')", old[0]); err != nil {
		t.Fatal(err)
	}
	if _, err := db.RecordConsent(ctx, old[1], marketing.ConsentEvent{Channel: marketing.ChannelPost, Status: marketing.ConsentRefused, At: "2025-06-01T10:00:00Z", Method: marketing.MethodWritten}); err != nil {
		t.Fatal(err)
	}
	fresh := mustCreate(t, db, marketing.Contact{FirstName: "Ny", LastName: "Kunde"})
	clock = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

	if _, err := db.RetentionPreview(ctx, 0, 0, 10); marketing.AsError(err).Code != marketing.EInvalid {
		t.Fatalf("0 years: %v", err)
	}
	if _, err := db.RetentionPreview(ctx, 21, 0, 10); marketing.AsError(err).Code != marketing.EInvalid {
		t.Fatalf("21 years: %v", err)
	}
	p, err := db.RetentionPreview(ctx, 3, 0, 2)
	if err != nil {
		t.Fatal(err)
	}
	if p.Total != 5 || len(p.People) != 2 || p.Cutoff != "2023-11-23" || !strings.HasPrefix(p.People[0].LastActivity, "2020-01-10") {
		t.Fatalf("preview %+v", p)
	}
	// Eight years: nobody is that old.
	if p, _ := db.RetentionPreview(ctx, 8, 0, 10); p.Total != 0 {
		t.Fatalf("8 years: %+v", p)
	}
	// Batches of two: three transactions, each with its audit line.
	var erased []int64
	for {
		b, err := db.EraseInactiveBatch(ctx, p.Cutoff, 3, 2, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(b) == 0 {
			break
		}
		for _, e := range b {
			erased = append(erased, e.ContactID)
		}
	}
	slices.Sort(erased)
	if !slices.Equal(erased, old[2:]) {
		t.Fatalf("erased %v, want %v", erased, old[2:])
	}
	for _, id := range append([]int64{old[0], old[1]}, fresh.ID) {
		if _, err := db.GetContact(ctx, id); err != nil {
			t.Errorf("active contact %d erased: %v", id, err)
		}
	}
	page, err := db.AuditLog(ctx, marketing.AuditRetentionErase, 0, 10)
	if err != nil || page.Total != 3 || page.Items[0].Detail["count"] != "1" {
		t.Fatalf("audit %+v %v", page, err)
	}
	// Inactive is not "erase me": a returning customer may come back...
	for _, e := range []string{"old2@example.dk", "old3@example.dk", "old4@example.dk"} {
		if ok, _ := db.IsErased(ctx, e); ok {
			t.Errorf("retention kept a suppression hash for %s, who never said no", e)
		}
	}
	// ...but a "no" stays.
	for _, e := range []string{"old5@example.dk", "old6@example.dk"} {
		if ok, _ := db.IsErased(ctx, e); !ok {
			t.Errorf("retention dropped the \"no\" of %s", e)
		}
	}
}

func TestAuditLogPagesNewestFirst(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	for i, a := range []string{marketing.AuditBackup, marketing.AuditPersonExport, marketing.AuditBackup} {
		at := time.Date(2026, 1, 1+i, 0, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return at }
		if err := db.AddAudit(ctx, a, int64(i), map[string]string{"n": strconv.Itoa(i)}, "Mette"); err != nil {
			t.Fatal(err)
		}
	}
	all, err := db.AuditLog(ctx, "", 0, 2)
	if err != nil || all.Total != 3 || len(all.Items) != 2 || all.Items[0].Detail["n"] != "2" || all.Items[1].Action != marketing.AuditPersonExport {
		t.Fatalf("all %+v %v", all, err)
	}
	b, _ := db.AuditLog(ctx, marketing.AuditBackup, 1, 10)
	if b.Total != 2 || len(b.Items) != 1 || b.Items[0].Detail["n"] != "0" || b.Items[0].ContactID != 0 {
		t.Fatalf("backups page 2 %+v", b)
	}
}

package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"sort"
	"strconv"
	"time"

	"directdesk/backend/marketing"
)

// The GDPR tools' SQL: everything held about one person (export, summary),
// erasing them, and the retention rule's inactive contacts.
//
// A person is their contact row and every row that points at it
// (contact_id), plus rows that only know their address or number: the
// outbox, the inbox log, the email and phone suppression lists, register
// entries and the web hits of their response codes.

// personKeys are the values rows about a person are found by.
type personKeys struct {
	id                   int64
	emailFold            string // "" when none
	phone, mobile        string // E.164 or ""
	regKey               string
	listID               int64
	first, middle, last  string
	company              string
	displayName, city    string
	emailShown, phoneRaw string
}

func loadPersonKeys(ctx context.Context, q querier, id int64) (personKeys, error) {
	k := personKeys{id: id}
	var street, postcode string
	err := q.QueryRowContext(ctx, `SELECT coalesce(email_fold, ''), email, phone, mobile, first_name, middle_name, last_name, company,
		street1, postcode, city, coalesce(list_id, 0) FROM contacts WHERE id = ?`, id).Scan(
		&k.emailFold, &k.emailShown, &k.phone, &k.mobile, &k.first, &k.middle, &k.last, &k.company, &street, &postcode, &k.city, &k.listID)
	if errors.Is(err, sql.ErrNoRows) {
		return k, &marketing.Error{Code: marketing.ENotFound, Message: "This contact no longer exists. It may have been erased or deleted."}
	} else if err != nil {
		return k, err
	}
	c := marketing.Contact{FirstName: k.first, MiddleName: k.middle, LastName: k.last, Company: k.company}
	k.displayName = c.DisplayName()
	k.regKey = regKey(k.first, k.last, street, postcode)
	k.phoneRaw = k.phone
	if k.phoneRaw == "" {
		k.phoneRaw = k.mobile
	}
	return k, nil
}

// personArea is one area of a person's data: its query and arguments.
type personArea struct {
	key   string
	query string
	args  func(k personKeys) []any
}

func byID(k personKeys) []any { return []any{k.id} }

// theirCodes are the response codes printed or mailed to the person (web
// hits are stored by code only).
const theirCodes = `(SELECT code FROM response_codes WHERE contact_id = ?1
	UNION SELECT response_code FROM outbox WHERE contact_id = ?1 AND response_code <> ''
	UNION SELECT code FROM responses WHERE contact_id = ?1 AND code <> '')`

// personAreas lists every table that holds something about a person. The
// erasure test checks that every table with a contact_id column is here.
var personAreas = []personArea{
	{"contact", `SELECT id, coalesce(customer_no, '') AS customer_no, kind, first_name, middle_name, last_name, company, job_title,
		gender, birth_date, email, phone, mobile, street1, street2, postcode, city, region, country, language, customer_since,
		source, origin, notes, created_at, updated_at FROM contacts WHERE id = ?`, byID},
	{"custom_fields", "", nil}, // from the contact's custom JSON (see PersonData)
	{"tags", `SELECT t.name AS tag FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = ? ORDER BY t.name_fold`, byID},
	{"consent", `SELECT channel, status, at, method, evidence FROM contact_consent WHERE contact_id = ? ORDER BY channel`, byID},
	{"consent_history", `SELECT channel, status, at, recorded_at, method, source, wording, by_whom FROM consent_events
		WHERE contact_id = ? ORDER BY id`, byID},
	{"timeline", `SELECT at, kind, summary, details FROM events WHERE contact_id = ? ORDER BY id`, byID},
	{"orders", `SELECT order_no, date, total_minor, currency, channel FROM orders WHERE contact_id = ? ORDER BY date, id`, byID},
	{"order_lines", `SELECT o.order_no, l.line_no, l.sku, l.name, l.category, l.quantity, l.unit_minor
		FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.contact_id = ? ORDER BY o.date, o.id, l.line_no`, byID},
	{"lists", `SELECT s.name AS list, s.kind FROM segment_members m JOIN segments s ON s.id = m.segment_id
		WHERE m.contact_id = ? ORDER BY s.name_fold`, byID},
	{"campaigns", `SELECT c.name AS campaign, m.grp AS grp, m.reason, m.lifecycle, m.stopped_at, m.stop_reason
		FROM campaign_members m JOIN campaigns c ON c.id = m.campaign_id WHERE m.contact_id = ? ORDER BY c.id`, byID},
	{"campaign_work", `SELECT c.name AS campaign, t.seq AS touch, t.channel, w.state, w.reason, w.outcome, w.callback_at,
		w.attempts, w.printed_at, w.done_at, w.updated_at FROM touch_work w JOIN campaign_touches t ON t.id = w.touch_id
		JOIN campaigns c ON c.id = t.campaign_id WHERE w.contact_id = ? ORDER BY w.id`, byID},
	{"touches", `SELECT c.name AS campaign, t.seq AS touch, t.channel, ct.at FROM contact_touches ct
		JOIN campaign_touches t ON t.id = ct.touch_id JOIN campaigns c ON c.id = t.campaign_id
		WHERE ct.contact_id = ? ORDER BY ct.at`, byID},
	{"responses", `SELECT coalesce(c.name, '') AS campaign, r.kind, r.at, r.detail, r.value_minor, r.code, r.source, r.ref, r.grp AS grp
		FROM responses r LEFT JOIN campaigns c ON c.id = r.campaign_id WHERE r.contact_id = ? ORDER BY r.at, r.id`, byID},
	{"fulfilment", `SELECT kind, due_date, note, created_at, done_at FROM fulfilment_tasks WHERE contact_id = ? ORDER BY id`, byID},
	{"mailings", `SELECT coalesce(c.name, '') AS campaign, o.email, o.name, o.state, o.reason, o.attempts, o.sent_at, o.updated_at,
		o.response_code FROM outbox o LEFT JOIN campaign_touches t ON t.id = o.touch_id LEFT JOIN campaigns c ON c.id = t.campaign_id
		WHERE o.contact_id = ? OR (? <> '' AND o.email_fold = ?) ORDER BY o.id`,
		func(k personKeys) []any { return []any{k.id, k.emailFold, k.emailFold} }},
	{"inbox", `SELECT kind, from_addr, subject, recipient, status, diagnostic, snippet, received_at, processed_at FROM inbox_log
		WHERE contact_id = ? OR (? <> '' AND (instr(lower(from_addr), ?) > 0 OR instr(lower(recipient), ?) > 0)) ORDER BY id`,
		func(k personKeys) []any { return []any{k.id, k.emailFold, k.emailFold, k.emailFold} }},
	{"documents", `SELECT r.kind, r.template_name, r.campaign, r.output, r.path, r.created_at, d.response_code, d.variant
		FROM document_recipients d JOIN document_runs r ON r.id = d.run_id WHERE d.contact_id = ? ORDER BY r.id`, byID},
	{"response_codes", `SELECT code, campaign, created_at FROM response_codes WHERE contact_id = ? ORDER BY created_at`, byID},
	{"web_hits", `SELECT code, touch_seq, kind, at, url FROM web_hits WHERE code IN ` + theirCodes + ` ORDER BY at`, byID},
	{"imports", `SELECT b.file_name, b.started_at, ic.entity, ic.action, ic.before FROM import_changes ic
		JOIN import_batches b ON b.id = ic.batch_id
		WHERE (ic.entity = 'contact' AND ic.entity_id = ?1)
		   OR (ic.entity = 'order' AND ic.entity_id IN (SELECT id FROM orders WHERE contact_id = ?1)) ORDER BY b.id`, byID},
	{"suppression", `SELECT 'email' AS kind, email AS value, reason, source, created_at FROM suppressions WHERE ?1 <> '' AND email_fold = ?1
		UNION ALL SELECT 'phone', phone, reason, source, created_at FROM phone_suppressions WHERE phone IN (?2, ?3) AND phone <> ''`,
		func(k personKeys) []any { return []any{k.emailFold, k.phone, k.mobile} }},
	{"registers", `SELECT register, CASE WHEN key LIKE 'p:%' THEN 'phone' ELSE 'name_address' END AS matched_by
		FROM register_entries WHERE key IN (?, ?, ?) AND key <> ''`,
		func(k personKeys) []any {
			return []any{marketing.RegisterPhoneKey(k.phone), marketing.RegisterPhoneKey(k.mobile), k.regKey}
		}},
	{"source_list", `SELECT kind, supplier, acquired_on, licence, expires_on, legal_basis FROM supplier_lists WHERE id = ?`,
		func(k personKeys) []any { return []any{k.listID} }},
	{"audit", `SELECT at, action, detail, by_whom FROM audit_log WHERE contact_id = ? ORDER BY id`, byID},
}

// PersonAreaKeys lists the areas of a person's data in export order.
func PersonAreaKeys() []string {
	out := make([]string, len(personAreas))
	for i, a := range personAreas {
		out[i] = a.key
	}
	return out
}

// PersonData reads everything stored about contact id from one snapshot.
func (db *DB) PersonData(ctx context.Context, id int64) (marketing.PersonData, error) {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return marketing.PersonData{}, err
	}
	defer tx.Rollback()
	k, err := loadPersonKeys(ctx, tx, id)
	if err != nil {
		return marketing.PersonData{}, err
	}
	d := marketing.PersonData{ContactID: id, Name: k.displayName, ExportedAt: db.now()}
	for _, a := range personAreas {
		var area marketing.PersonArea
		if a.key == "custom_fields" {
			area, err = customArea(ctx, tx, id)
		} else {
			area, err = queryArea(ctx, tx, a.key, a.query, a.args(k)...)
		}
		if err != nil {
			return d, err
		}
		d.Areas = append(d.Areas, area)
	}
	return d, nil
}

func customArea(ctx context.Context, q querier, id int64) (marketing.PersonArea, error) {
	a := marketing.PersonArea{Key: "custom_fields", Columns: []string{"field", "value"}, Rows: [][]any{}}
	var raw string
	if err := q.QueryRowContext(ctx, "SELECT custom FROM contacts WHERE id = ?", id).Scan(&raw); err != nil {
		return a, err
	}
	m := map[string]string{}
	_ = json.Unmarshal([]byte(raw), &m)
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		a.Rows = append(a.Rows, []any{n, m[n]})
	}
	return a, nil
}

// queryArea reads any query into an area: column names and plain values.
func queryArea(ctx context.Context, q querier, key, query string, args ...any) (marketing.PersonArea, error) {
	a := marketing.PersonArea{Key: key, Rows: [][]any{}}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return a, err
	}
	defer rows.Close()
	if a.Columns, err = rows.Columns(); err != nil {
		return a, err
	}
	for rows.Next() {
		vals := make([]any, len(a.Columns))
		ptrs := make([]any, len(vals))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return a, err
		}
		for i, v := range vals {
			switch x := v.(type) {
			case []byte:
				vals[i] = string(x)
			case bool:
				vals[i] = map[bool]int64{false: 0, true: 1}[x]
			}
		}
		a.Rows = append(a.Rows, vals)
	}
	return a, rows.Err()
}

// PersonSummary counts what is held about contact id, per area, and the
// document runs that hold them (per-person folders, shared print files).
func (db *DB) PersonSummary(ctx context.Context, id int64) (marketing.PersonSummary, []string, error) {
	d, err := db.PersonData(ctx, id)
	if err != nil {
		return marketing.PersonSummary{}, nil, err
	}
	c := d.Area("contact")
	s := marketing.PersonSummary{ContactID: id, Name: d.Name, Areas: []marketing.AreaCount{}}
	if len(c.Rows) == 1 {
		s.Email, s.Phone, s.City = areaString(c, 0, "email"), areaString(c, 0, "phone"), areaString(c, 0, "city")
		if s.Phone == "" {
			s.Phone = areaString(c, 0, "mobile")
		}
	}
	for _, a := range d.Areas {
		if len(a.Rows) > 0 {
			s.Areas = append(s.Areas, marketing.AreaCount{Key: a.Key, Count: len(a.Rows)})
		}
	}
	folders, shared, err := db.personDocuments(ctx, db.read, id)
	s.SharedDocuments = shared
	return s, folders, err
}

func areaString(a marketing.PersonArea, row int, col string) string {
	for i, c := range a.Columns {
		if c == col {
			s, _ := a.Rows[row][i].(string)
			return s
		}
	}
	return ""
}

// personDocuments returns the folders of the one-PDF-per-recipient runs the
// person is in, and how many combined print files hold them with others.
func (db *DB) personDocuments(ctx context.Context, q querier, id int64) (folders []string, shared int, err error) {
	rows, err := q.QueryContext(ctx, `SELECT r.output, r.path FROM document_recipients d JOIN document_runs r ON r.id = d.run_id
		WHERE d.contact_id = ? ORDER BY r.id`, id)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	for rows.Next() {
		var output, path string
		if err := rows.Scan(&output, &path); err != nil {
			return nil, 0, err
		}
		if output == string(marketing.OutputPerPerson) && path != "" {
			folders = append(folders, path)
		} else {
			shared++
		}
	}
	return folders, shared, rows.Err()
}

// ErasedPerson is what the caller needs after an erasure's commit to delete
// the person's document files: the folders of one-PDF-per-recipient runs
// and the name their file was made under.
type ErasedPerson struct {
	marketing.ErasureResult
	DisplayName string
	Folders     []string
}

// ErasePerson erases contact id in one transaction: their suppression
// hashes are kept (erased_hashes), and every row about them is deleted or
// made anonymous (see erasePerson). An audit line person_erase with the
// counts, without personal data, is written in the same transaction.
func (db *DB) ErasePerson(ctx context.Context, id int64, by string) (ErasedPerson, error) {
	var out ErasedPerson
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		if out, err = db.erasePerson(ctx, tx, id, true, hashAlways); err != nil {
			return err
		}
		detail := map[string]string{"hashes": strconv.Itoa(out.Hashes)}
		for k, n := range out.Counts {
			detail[k] = strconv.Itoa(n)
		}
		return writeAudit(ctx, tx, db.now(), marketing.AuditPersonErase, id, detail, by)
	})
	return out, err
}

// hashPolicy says whether an erasure keeps the person's suppression hashes.
type hashPolicy int

const (
	// hashAlways: they asked to be erased, so they must never be
	// contacted (or re-imported) again.
	hashAlways hashPolicy = iota
	// hashIfRefused: retention erases inactive people, who asked for
	// nothing; only a "no" they gave (a refused consent, a suppression)
	// must survive them. Others may come back as customers.
	hashIfRefused
)

// saidNo says whether a person refused consent on some channel (now or
// ever) or is on the email or phone suppression list.
func saidNo(ctx context.Context, tx *sql.Tx, k personKeys) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT
		EXISTS (SELECT 1 FROM contact_consent WHERE contact_id = ?1 AND status = 'refused')
		OR EXISTS (SELECT 1 FROM consent_events WHERE contact_id = ?1 AND status = 'refused')
		OR EXISTS (SELECT 1 FROM suppressions WHERE ?2 <> '' AND email_fold = ?2)
		OR EXISTS (SELECT 1 FROM phone_suppressions WHERE phone IN (?3, ?4) AND phone <> '')`,
		k.id, k.emailFold, k.phone, k.mobile).Scan(&n)
	return n != 0, err
}

// erasePerson does the erasure of one person inside tx. withCounts counts
// the rows per area first (the single erasure reports them; retention
// erases hundreds at a time and only counts people).
func (db *DB) erasePerson(ctx context.Context, tx *sql.Tx, id int64, withCounts bool, policy hashPolicy) (ErasedPerson, error) {
	out := ErasedPerson{ErasureResult: marketing.ErasureResult{ContactID: id, Counts: map[string]int{}}}
	k, err := loadPersonKeys(ctx, tx, id)
	if err != nil {
		return out, err
	}
	out.DisplayName = k.displayName
	if withCounts {
		for _, a := range personAreas {
			if a.key == "custom_fields" || a.key == "registers" || a.key == "source_list" || a.key == "audit" {
				continue // not removed: the contact's own JSON, public register files, the list's terms, the log
			}
			var n int
			if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM ("+a.query+")", a.args(k)...).Scan(&n); err != nil {
				return out, err
			}
			if n > 0 {
				out.Counts[a.key] = n
			}
		}
	}
	if out.Folders, _, err = db.personDocuments(ctx, tx, id); err != nil {
		return out, err
	}
	// The hashes that keep them suppressed, and nothing readable.
	keep := policy == hashAlways
	if !keep {
		if keep, err = saidNo(ctx, tx, k); err != nil {
			return out, err
		}
	}
	now := db.now()
	for _, h := range [][2]string{{"email", db.HashEmail(k.emailFold)}, {"phone", db.HashPhone(k.phone)}, {"phone", db.HashPhone(k.mobile)}} {
		if h[1] == "" || !keep {
			continue
		}
		res, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO erased_hashes (hash, kind, created_at) VALUES (?, ?, ?)", h[1], h[0], now)
		if err != nil {
			return out, err
		}
		if n, _ := res.RowsAffected(); n > 0 {
			out.Hashes++
		}
	}
	steps := []struct {
		query string
		args  []any
	}{
		{"DELETE FROM web_hits WHERE code IN " + theirCodes, []any{id}},
		{"DELETE FROM suppressions WHERE ? <> '' AND email_fold = ?", []any{k.emailFold, k.emailFold}},
		{"DELETE FROM phone_suppressions WHERE phone IN (?, ?) AND phone <> ''", []any{k.phone, k.mobile}},
		// The inbox log and the outbox keep their rows (they stop a message
		// being processed twice, and a provider's hourly limit counts sent
		// rows) but lose everything that says who it was.
		{`UPDATE inbox_log SET from_addr = '', subject = '', recipient = '', diagnostic = '', snippet = '', contact_id = NULL
			WHERE contact_id = ?1 OR outbox_id IN (SELECT id FROM outbox WHERE contact_id = ?1)
			   OR (?2 <> '' AND (instr(lower(from_addr), ?2) > 0 OR instr(lower(recipient), ?2) > 0))`, []any{id, k.emailFold}},
		{`UPDATE outbox SET email = '', email_fold = '', name = '', contact_id = NULL,
			reason = CASE WHEN state IN ('queued', 'soft_failed') THEN 'erased' ELSE reason END,
			state = CASE WHEN state IN ('queued', 'soft_failed') THEN 'cancelled' ELSE state END
			WHERE contact_id = ?1 OR (?2 <> '' AND email_fold = ?2)`, []any{id, k.emailFold}},
		{`DELETE FROM import_changes WHERE (entity = 'contact' AND entity_id = ?1)
			OR (entity = 'order' AND entity_id IN (SELECT id FROM orders WHERE contact_id = ?1))`, []any{id}},
		// Audit lines about them keep what was done and when, not what it said.
		{`UPDATE audit_log SET detail = '{}' WHERE contact_id = ?1
			OR (?2 <> '' AND instr(lower(detail), ?2) > 0) OR (?3 <> '' AND instr(detail, ?3) > 0)
			OR (?4 <> '' AND instr(detail, ?4) > 0)`, []any{id, k.emailFold, k.phone, k.mobile}},
		// Orders are deleted by hand (not by the cascade) so the segment
		// columns hear of it through the update hook and re-sum purchases.
		{"DELETE FROM orders WHERE contact_id = ?", []any{id}},
		{"DELETE FROM contacts WHERE id = ?", []any{id}},
		{"DELETE FROM contact_search WHERE rowid = ?", []any{id}},
	}
	for _, s := range steps {
		if _, err := tx.ExecContext(ctx, s.query, s.args...); err != nil {
			return out, err
		}
	}
	return out, nil
}

// Retention: a contact is inactive when nothing happened with them since
// the cutoff: not created or changed, no order, response, consent answer
// or touch.
const retentionWhere = `c.created_at < ?1 AND c.updated_at < ?1
	AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.contact_id = c.id AND o.date >= ?1)
	AND NOT EXISTS (SELECT 1 FROM responses r WHERE r.contact_id = c.id AND r.at >= ?1)
	AND NOT EXISTS (SELECT 1 FROM consent_events e WHERE e.contact_id = c.id AND e.at >= ?1)
	AND NOT EXISTS (SELECT 1 FROM contact_touches t WHERE t.contact_id = c.id AND t.at >= ?1)`

const lastActivity = `max(c.created_at, c.updated_at,
	coalesce((SELECT max(o.date) FROM orders o WHERE o.contact_id = c.id), ''),
	coalesce((SELECT max(r.at) FROM responses r WHERE r.contact_id = c.id), ''),
	coalesce((SELECT max(e.at) FROM consent_events e WHERE e.contact_id = c.id), ''),
	coalesce((SELECT max(t.at) FROM contact_touches t WHERE t.contact_id = c.id), ''))`

// RetentionCutoff is the first day that counts as activity for a rule of
// years, at now.
func (db *DB) RetentionCutoff(years int) string {
	return db.Now().UTC().AddDate(-years, 0, 0).Format("2006-01-02")
}

// RetentionPreview counts the contacts inactive for years and lists one
// page of them, the longest inactive first.
func (db *DB) RetentionPreview(ctx context.Context, years, offset, limit int) (marketing.RetentionPreview, error) {
	p := marketing.RetentionPreview{Years: years, Cutoff: db.RetentionCutoff(years), People: []marketing.RetentionPerson{}}
	if err := marketing.ValidRetentionYears(years); err != nil {
		return p, err
	}
	limit = min(max(limit, 1), 500)
	offset = max(offset, 0)
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return p, err
	}
	defer tx.Rollback()
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM contacts c WHERE "+retentionWhere, p.Cutoff).Scan(&p.Total); err != nil {
		return p, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT c.id, c.first_name, c.middle_name, c.last_name, c.company, c.city, `+lastActivity+` AS last
		FROM contacts c WHERE `+retentionWhere+` ORDER BY last, c.id LIMIT ?2 OFFSET ?3`, p.Cutoff, limit, offset)
	if err != nil {
		return p, err
	}
	defer rows.Close()
	for rows.Next() {
		var r marketing.RetentionPerson
		var c marketing.Contact
		if err := rows.Scan(&r.ContactID, &c.FirstName, &c.MiddleName, &c.LastName, &c.Company, &r.City, &r.LastActivity); err != nil {
			return p, err
		}
		r.Name = c.DisplayName()
		p.People = append(p.People, r)
	}
	return p, rows.Err()
}

// EraseInactiveBatch erases up to batch contacts inactive since cutoff in
// one transaction (all or none) with one retention_erase audit line, and
// returns them. An empty result means nobody is left.
func (db *DB) EraseInactiveBatch(ctx context.Context, cutoff string, years, batch int, by string) ([]ErasedPerson, error) {
	var out []ErasedPerson
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		out = nil
		ids, err := queryIDs(ctx, tx, "SELECT c.id FROM contacts c WHERE "+retentionWhere+" ORDER BY c.id LIMIT ?2", cutoff, batch)
		if err != nil || len(ids) == 0 {
			return err
		}
		for _, id := range ids {
			p, err := db.erasePerson(ctx, tx, id, false, hashIfRefused)
			if err != nil {
				return err
			}
			out = append(out, p)
		}
		return writeAudit(ctx, tx, db.now(), marketing.AuditRetentionErase, 0,
			map[string]string{"count": strconv.Itoa(len(ids)), "years": strconv.Itoa(years), "cutoff": cutoff}, by)
	})
	return out, err
}

// CountInactive counts the contacts inactive since cutoff.
func (db *DB) CountInactive(ctx context.Context, cutoff string) (int, error) {
	var n int
	err := db.read.QueryRowContext(ctx, "SELECT count(*) FROM contacts c WHERE "+retentionWhere, cutoff).Scan(&n)
	return n, err
}

// ScrubFile makes sure erased data leaves no bytes behind: the search
// index is rewritten (secure-delete removes a deleted row's words from its
// doclists, but a word can stay in the index's term pages), then the WAL
// is checkpointed into the main file and truncated. secure_delete (DSN)
// zeroes every freed page and cell on the way.
func (db *DB) ScrubFile(ctx context.Context) error {
	if err := db.OptimizeSearch(ctx); err != nil {
		return err
	}
	return db.Checkpoint(ctx)
}

// ScrubRetries and ScrubWait: how often ScrubSoon tries the checkpoint
// again while a reader holds the WAL, and how long it waits in between
// (each try already waits out the busy timeout).
var (
	ScrubRetries = 2
	ScrubWait    = 500 * time.Millisecond
)

// ScrubSoon is ScrubFile for after an erasure has committed: a busy file
// is tried again a few times; if it stays busy, the scrub is left to
// Close (which checkpoints and truncates the WAL) and pending is true. The
// erasure itself stands either way.
func (db *DB) ScrubSoon(ctx context.Context) (pending bool) {
	for i := 0; ; i++ {
		err := db.ScrubFile(ctx)
		if err == nil {
			return false
		}
		if i >= ScrubRetries || ctx.Err() != nil {
			db.scrubOnClose.Store(true)
			return true
		}
		select {
		case <-ctx.Done():
		case <-time.After(ScrubWait):
		}
	}
}

// Checkpoint copies the WAL into the main file and truncates it to zero
// bytes, so no old page stays in the -wal file.
func (db *DB) Checkpoint(ctx context.Context) error {
	var busy, logPages, done int
	if err := db.write.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logPages, &done); err != nil {
		return err
	}
	if busy != 0 {
		return &marketing.Error{Code: marketing.EConflict, Message: "DirectDesk could not finish cleaning the workspace file because it is busy. Try again in a moment."}
	}
	return nil
}

// ContactByEmailFold returns the contact whose email folds to email's fold, 0 if none.
func (db *DB) ContactByEmailFold(ctx context.Context, email string) (int64, error) {
	var id int64
	err := db.read.QueryRowContext(ctx, "SELECT id FROM contacts WHERE email_fold = ?", marketing.Fold(email)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}

// ErasedMatcher loads the erased people's hashes (a few rows) and returns
// a function that reports whether an email or any of the numbers is one of
// theirs, or nil when nobody was erased (an import then hashes nothing).
func (db *DB) ErasedMatcher(ctx context.Context) (func(email string, phones ...string) bool, error) {
	return db.erasedMatcher(ctx, db.read)
}

// ErasedMatcher is DB.ErasedMatcher inside the import's snapshot.
func (s *ImportSession) ErasedMatcher(ctx context.Context) (func(email string, phones ...string) bool, error) {
	return s.db.erasedMatcher(ctx, s.tx)
}

func (db *DB) erasedMatcher(ctx context.Context, q querier) (func(email string, phones ...string) bool, error) {
	rows, err := q.QueryContext(ctx, "SELECT hash FROM erased_hashes")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	set := map[string]struct{}{}
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			return nil, err
		}
		set[h] = struct{}{}
	}
	if err := rows.Err(); err != nil || len(set) == 0 {
		return nil, err
	}
	return func(email string, phones ...string) bool {
		if email != "" {
			if _, ok := set[db.HashEmail(email)]; ok {
				return true
			}
		}
		for _, p := range phones {
			if p == "" {
				continue
			}
			if _, ok := set[db.HashPhone(p)]; ok {
				return true
			}
		}
		return false
	}, nil
}

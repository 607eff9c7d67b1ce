package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"

	"directdesk/backend/marketing"
)

// ImportSession is one import in progress: a write transaction when the
// import is committed, or a read snapshot for a dry run (the summary before
// committing), with the lookups and writes an import needs. A dry run makes
// the same calls; its writes only hand out stand-in ids.
type ImportSession struct {
	db      *DB
	tx      *sql.Tx
	dry     bool
	batchID int64
	now     string
	fakeID  int64
	file    string
	stmts   map[string]*sql.Stmt
	tagIDs  map[string]int64
	added   rowCounts // rows inserted, for the counters (see addCounts)
	origin  string    // of the contacts it creates: own, bought or rented (the batch's list kind)
	// listID is the supplier list a bought or rented list's import
	// created (0 none), with its terms (see lists.go).
	listID    int64
	listTerms marketing.ListTerms
}

// BeginImport starts an import. For a real one, b is recorded as a batch
// (its ID is filled in) in the same transaction as everything it stores:
// a cancelled or crashed import leaves no trace, not even the batch.
func (db *DB) BeginImport(ctx context.Context, b *marketing.ImportBatch, dry bool) (*ImportSession, error) {
	s := &ImportSession{db: db, dry: dry, now: db.now(), file: b.FileName, stmts: map[string]*sql.Stmt{}, tagIDs: map[string]int64{}, origin: b.Options.ListKind}
	var err error
	if dry {
		// Not tied to ctx: a cancel must not roll back under a running loop;
		// the loop checks ctx between chunks and rolls back itself.
		s.tx, err = db.read.BeginTx(context.WithoutCancel(ctx), &sql.TxOptions{ReadOnly: true})
		return s, err
	}
	if s.tx, err = db.write.BeginTx(context.WithoutCancel(ctx), nil); err != nil {
		return nil, err
	}
	if b.StartedAt == "" {
		b.StartedAt = s.now
	}
	res, err := s.tx.ExecContext(ctx, `INSERT INTO import_batches (kind, file_name, size, sha256, started_at, mapping, options)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, string(b.Kind), b.FileName, b.Size, b.SHA256, b.StartedAt, jsonText(b.Mapping), jsonText(b.Options))
	if err == nil {
		b.ID, err = res.LastInsertId()
	}
	if err != nil {
		s.tx.Rollback()
		return nil, err
	}
	s.batchID = b.ID
	if err := s.beginList(ctx, b); err != nil {
		s.tx.Rollback()
		return nil, err
	}
	return s, nil
}

// Dry reports whether this is a dry run.
func (s *ImportSession) Dry() bool { return s.dry }

// Commit records the batch's outcome and makes the import permanent.
func (s *ImportSession) Commit(ctx context.Context, b *marketing.ImportBatch) error {
	defer s.closeStmts()
	if s.dry {
		return s.tx.Rollback()
	}
	b.FinishedAt = s.db.now()
	_, err := s.tx.ExecContext(ctx, "UPDATE import_batches SET finished_at = ?, counts = ?, seconds = ? WHERE id = ?",
		b.FinishedAt, jsonText(b.Counts), b.Seconds, s.batchID)
	if err == nil {
		err = addCounts(ctx, s.tx, s.added)
	}
	if err == nil {
		err = s.finishList(ctx, b)
	}
	if err != nil {
		s.Rollback()
		return err
	}
	defer s.db.writes.Add(1)
	defer s.db.changes.commit()
	return s.tx.Commit()
}

// Rollback drops everything the session did. Safe after Commit.
func (s *ImportSession) Rollback() {
	s.closeStmts()
	s.tx.Rollback()
	s.db.changes.commit() // re-reading the contacts it touched finds them as they were
}

func (s *ImportSession) closeStmts() {
	for k, st := range s.stmts {
		st.Close()
		delete(s.stmts, k)
	}
}

// stmt prepares query once per session: an import runs the same few
// statements a million times.
func (s *ImportSession) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := s.stmts[query]; ok {
		return st, nil
	}
	st, err := s.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	s.stmts[query] = st
	return st, nil
}

func (s *ImportSession) queryID(ctx context.Context, query string, args ...any) (int64, error) {
	// Without a cancel channel go-sqlite3 runs the statement inline instead
	// of in a goroutine that watches ctx; the import loop checks ctx itself
	// between chunks, and a rollback undoes whatever a cancel interrupts.
	ctx = context.WithoutCancel(ctx)
	st, err := s.stmt(ctx, query)
	if err != nil {
		return 0, err
	}
	var id int64
	err = st.QueryRowContext(ctx, args...).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}

func (s *ImportSession) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	ctx = context.WithoutCancel(ctx) // see queryID
	st, err := s.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

// ContactKeys calls fn with the match keys of every stored contact: kind
// "c" customer number, "e" folded email, "p" phone or mobile, "n" the name
// key (see NameKey). The import keeps them hashed in memory so that it asks
// SQLite only about rows that may match: most rows of most files are new.
func (s *ImportSession) ContactKeys(ctx context.Context, fn func(kind, value string)) error {
	rows, err := s.tx.QueryContext(ctx, "SELECT coalesce(customer_no, ''), coalesce(email_fold, ''), phone, mobile, postcode, sort_name FROM contacts")
	if err != nil {
		return err
	}
	defer rows.Close()
	var no, email, phone, mobile, postcode, name string
	for rows.Next() {
		if err := rows.Scan(&no, &email, &phone, &mobile, &postcode, &name); err != nil {
			return err
		}
		for _, k := range [][2]string{{"c", no}, {"e", email}, {"p", phone}, {"p", mobile}} {
			if k[1] != "" {
				fn(k[0], k[1])
			}
		}
		if postcode != "" && name != "" {
			fn("n", postcode+"\x00"+name)
		}
	}
	return rows.Err()
}

// NameKey is the "n" key ContactKeys gives for a contact with this name and
// postcode ("" when it has no such key).
func NameKey(c *marketing.Contact) string {
	name := sortName(c)
	if c.Postcode == "" || name == "" || (c.FirstName == "" && c.LastName == "") {
		return ""
	}
	return c.Postcode + "\x00" + name
}

// NameKey is NameKey, for the importer's Session interface.
func (s *ImportSession) NameKey(c *marketing.Contact) string { return NameKey(c) }

// ContactByCustomerNo returns the contact with that customer number, or 0.
func (s *ImportSession) ContactByCustomerNo(ctx context.Context, no string) (int64, error) {
	if no == "" {
		return 0, nil
	}
	return s.queryID(ctx, "SELECT id FROM contacts WHERE customer_no = ?", no)
}

// ContactByEmail returns the contact with that email address (any case), or 0.
func (s *ImportSession) ContactByEmail(ctx context.Context, email string) (int64, error) {
	if email == "" {
		return 0, nil
	}
	return s.queryID(ctx, "SELECT id FROM contacts WHERE email_fold = ?", strings.ToLower(email))
}

// ContactsByPhone returns up to five contacts with that E.164 number as
// phone or mobile: the import picks the one whose name fits.
func (s *ImportSession) ContactsByPhone(ctx context.Context, e164 string) ([]int64, error) {
	if e164 == "" {
		return nil, nil
	}
	st, err := s.stmt(ctx, `SELECT DISTINCT id FROM (SELECT id FROM contacts WHERE phone = ?1 AND phone <> ''
		UNION ALL SELECT id FROM contacts WHERE mobile = ?1 AND mobile <> '') LIMIT 5`)
	if err != nil {
		return nil, err
	}
	return scanIDs(st.QueryContext(context.WithoutCancel(ctx), e164))
}

// ContactByPhone returns the one contact with that E.164 number as phone or
// mobile; 0 when none or several have it (a household's landline tells
// nobody apart).
func (s *ImportSession) ContactByPhone(ctx context.Context, e164 string) (int64, error) {
	if e164 == "" {
		return 0, nil
	}
	st, err := s.stmt(ctx, `SELECT DISTINCT id FROM (SELECT id FROM contacts WHERE phone = ?1 AND phone <> ''
		UNION ALL SELECT id FROM contacts WHERE mobile = ?1 AND mobile <> '') LIMIT 2`) // <> '' lets SQLite use the partial indexes
	if err != nil {
		return 0, err
	}
	ids, err := scanIDs(st.QueryContext(context.WithoutCancel(ctx), e164))
	if err != nil || len(ids) != 1 {
		return 0, err
	}
	return ids[0], nil
}

// ContactByNamePostcode returns the one contact with c's name and postcode;
// 0 when there is none or more than one (then it is not a safe match).
func (s *ImportSession) ContactByNamePostcode(ctx context.Context, c *marketing.Contact) (int64, error) {
	name := sortName(c)
	if c.Postcode == "" || name == "" || (c.FirstName == "" && c.LastName == "") {
		return 0, nil
	}
	st, err := s.stmt(ctx, "SELECT id FROM contacts WHERE postcode = ? AND sort_name = ? LIMIT 2")
	if err != nil {
		return 0, err
	}
	ids, err := scanIDs(st.QueryContext(ctx, c.Postcode, name))
	if err != nil || len(ids) != 1 {
		return 0, err
	}
	return ids[0], nil
}

func scanIDs(rows *sql.Rows, err error) ([]int64, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// Contact reads one stored contact with its tags and consents.
func (s *ImportSession) Contact(ctx context.Context, id int64) (marketing.Contact, []marketing.Consent, error) {
	c, err := findContact(ctx, s.tx, id)
	if err != nil {
		return c, nil, err
	}
	cons, err := contactConsents(ctx, s.tx, id)
	return c, cons, err
}

func contactConsents(ctx context.Context, q querier, id int64) ([]marketing.Consent, error) {
	rows, err := q.QueryContext(ctx, "SELECT channel, status, at, method, evidence FROM contact_consent WHERE contact_id = ? ORDER BY channel", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []marketing.Consent
	for rows.Next() {
		var c marketing.Consent
		if err := rows.Scan(&c.Channel, &c.Status, &c.At, &c.Method, &c.Evidence); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// CreateContact stores a new, validated contact with its consents and an
// "imported" timeline entry, and records it in the batch.
func (s *ImportSession) CreateContact(ctx context.Context, c *marketing.Contact, consents []marketing.Consent, summary string) error {
	if s.dry {
		s.fakeID--
		c.ID = s.fakeID
		return nil
	}
	c.CreatedAt, c.UpdatedAt = s.now, s.now
	if c.Origin == "" {
		c.Origin = s.origin
	}
	res, err := s.exec(ctx, contactInsertSQL, insertArgs(c)...)
	if err != nil {
		return contactConflict(err)
	}
	if c.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	s.added.count(c)
	if err := s.linkToList(ctx, c.ID); err != nil {
		return err
	}
	if _, err := s.exec(ctx, "INSERT INTO contact_search (rowid, body) VALUES (?, ?)", c.ID, searchBody(c)); err != nil {
		return err
	}
	if err := s.addTags(ctx, c.ID, c.Tags); err != nil {
		return err
	}
	if err := s.setConsents(ctx, c.ID, nil, consents); err != nil {
		return err
	}
	if _, err := s.exec(ctx, "INSERT INTO events (contact_id, at, kind, summary) VALUES (?, ?, ?, ?)", c.ID, s.now, marketing.EventImported, summary); err != nil {
		return err
	}
	return s.record(ctx, "contact", c.ID, "created", "")
}

// UpdateContact saves the import's version of a stored contact (before is
// how it was) and keeps before in the batch for undo.
func (s *ImportSession) UpdateContact(ctx context.Context, before *marketing.Contact, beforeConsents []marketing.Consent, c *marketing.Contact, consents []marketing.Consent, summary string) error {
	if s.dry {
		return nil
	}
	snapshot := jsonText(contactSnapshot{Contact: *before, Consents: beforeConsents})
	if err := s.record(ctx, "contact", c.ID, "updated", snapshot); err != nil {
		return err
	}
	c.CreatedAt, c.UpdatedAt = before.CreatedAt, s.now
	if err := s.writeContact(ctx, c); err != nil {
		return err
	}
	if err := s.setConsents(ctx, c.ID, beforeConsents, consents); err != nil {
		return err
	}
	_, err := s.exec(ctx, "INSERT INTO events (contact_id, at, kind, summary) VALUES (?, ?, ?, ?)", c.ID, s.now, marketing.EventImported, summary)
	return err
}

// contactSnapshot is a contact as it was before an import changed it.
type contactSnapshot struct {
	Contact  marketing.Contact   `json:"contact"`
	Consents []marketing.Consent `json:"consents"`
}

const contactUpdateSQL = `UPDATE contacts SET customer_no=?, kind=?, first_name=?, middle_name=?, last_name=?,
	company=?, job_title=?, job_title_norm=?, gender=?, birth_date=?, email=?, email_fold=?, phone=?, mobile=?,
	street1=?, street2=?, postcode=?, city=?, region=?, country=?, language=?, customer_since=?, source=?,
	notes=?, custom=?, created_at=?, updated_at=?, sort_name=?, city_fold=?, company_fold=? WHERE id=?`

// writeContact overwrites a stored contact row, its search words and tags.
func (s *ImportSession) writeContact(ctx context.Context, c *marketing.Contact) error {
	if _, err := s.exec(ctx, contactUpdateSQL, append(contactArgs(c), c.ID)...); err != nil {
		return contactConflict(err)
	}
	if _, err := s.exec(ctx, "DELETE FROM contact_search WHERE rowid = ?", c.ID); err != nil {
		return err
	}
	if _, err := s.exec(ctx, "INSERT INTO contact_search (rowid, body) VALUES (?, ?)", c.ID, searchBody(c)); err != nil {
		return err
	}
	if _, err := s.exec(ctx, "DELETE FROM contact_tags WHERE contact_id = ?", c.ID); err != nil {
		return err
	}
	return s.addTags(ctx, c.ID, c.Tags)
}

func (s *ImportSession) addTags(ctx context.Context, id int64, tags []string) error {
	for _, t := range tags {
		k := marketing.Fold(t)
		tid, ok := s.tagIDs[k]
		if !ok {
			var err error
			if tid, err = ensureTag(ctx, s.tx, t); err != nil {
				return err
			}
			s.tagIDs[k] = tid
		}
		if _, err := s.exec(ctx, "INSERT OR IGNORE INTO contact_tags (contact_id, tag_id) VALUES (?, ?)", id, tid); err != nil {
			return err
		}
	}
	return nil
}

// setConsents records the answers of consents that differ from before
// (the stored ones) as history with their evidence; the store decides
// which answer stands (recordConsent), the importer which ones to offer.
func (s *ImportSession) setConsents(ctx context.Context, id int64, before, consents []marketing.Consent) error {
	if !s.dry {
		s.db.noteContacts(id)
	}
next:
	for _, c := range consents {
		for _, b := range before {
			if b == c {
				continue next
			}
		}
		_, err := writeConsent(ctx, sessionExec{s}, marketing.ConsentEvent{ContactID: id, Channel: c.Channel, Status: c.Status,
			At: c.At, RecordedAt: s.now, Method: c.Method, Source: c.Evidence}, s.batchID)
		if err != nil {
			return err
		}
	}
	return nil
}

// record notes what the batch did to one row. The first record of a row
// wins: a contact updated twice by one file is restored to how it was
// before the file.
// after is the updated_at the import leaves on the row: undo leaves rows
// alone that were changed since.
func (s *ImportSession) record(ctx context.Context, entity string, id int64, action, before string) error {
	_, err := s.exec(ctx, "INSERT OR IGNORE INTO import_changes (batch_id, entity, entity_id, action, before, after) VALUES (?, ?, ?, ?, ?, ?)",
		s.batchID, entity, id, action, before, s.now)
	return err
}

// OrderLineState says whether a stored order has this line already, and
// which contact the order belongs to.
func (s *ImportSession) OrderLineState(ctx context.Context, orderID int64, l marketing.OrderLine) (contactID int64, has bool, err error) {
	if contactID, err = s.queryID(ctx, "SELECT contact_id FROM orders WHERE id = ?", orderID); err != nil {
		return 0, false, err
	}
	n, err := s.queryID(ctx, "SELECT count(*) FROM order_lines WHERE order_id = ? AND sku = ? AND name = ? AND quantity = ? AND unit_minor = ?",
		orderID, l.SKU, l.Name, l.Quantity, l.UnitMinor)
	return contactID, n > 0, err
}

// orderSnapshot is an order as it was before an import added lines to it.
type orderSnapshot struct {
	Lines int   `json:"lines"`
	Total int64 `json:"total"`
}

// AddLineToStoredOrder adds a line to an order an earlier import (or the
// shop) stored: the file's other lines came in before, this one was fixed
// since. Undo takes the line off again.
func (s *ImportSession) AddLineToStoredOrder(ctx context.Context, orderID int64, l marketing.OrderLine, amount int64) error {
	if s.dry {
		return nil
	}
	var snap orderSnapshot
	if err := s.tx.QueryRowContext(ctx, "SELECT total_minor, (SELECT coalesce(max(line_no), 0) FROM order_lines WHERE order_id = ?1) FROM orders WHERE id = ?1", orderID).Scan(&snap.Total, &snap.Lines); err != nil {
		return err
	}
	if err := s.record(ctx, "order", orderID, "updated", jsonText(snap)); err != nil {
		return err
	}
	return s.AddOrderLines(ctx, orderID, snap.Lines, []marketing.OrderLine{l}, amount)
}

// OrderByNo returns the stored order with that number, or 0.
func (s *ImportSession) OrderByNo(ctx context.Context, no string) (int64, error) {
	return s.queryID(ctx, "SELECT id FROM orders WHERE order_no = ?", no)
}

// CreateOrder stores a new order with its lines.
func (s *ImportSession) CreateOrder(ctx context.Context, o *marketing.Order) error {
	if s.dry {
		s.fakeID--
		o.ID = s.fakeID
		return nil
	}
	res, err := s.exec(ctx, "INSERT INTO orders (contact_id, order_no, date, total_minor, currency, channel) VALUES (?, ?, ?, ?, ?, ?)",
		o.ContactID, o.OrderNo, o.Date, o.Total.Minor, o.Total.Currency, o.Channel)
	if err != nil {
		return err
	}
	if o.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	s.added.orders++
	if err := s.AddOrderLines(ctx, o.ID, 0, o.Lines, 0); err != nil {
		return err
	}
	return s.record(ctx, "order", o.ID, "created", "")
}

// AddOrderLines appends lines to an order this import created (a file with
// one row per order line) and adds to its total.
func (s *ImportSession) AddOrderLines(ctx context.Context, orderID int64, after int, lines []marketing.OrderLine, addTotal int64) error {
	if s.dry {
		return nil
	}
	for k, l := range lines {
		if _, err := s.exec(ctx, "INSERT INTO order_lines (order_id, line_no, sku, name, category, quantity, unit_minor) VALUES (?, ?, ?, ?, ?, ?, ?)",
			orderID, after+k+1, l.SKU, l.Name, l.Category, l.Quantity, l.UnitMinor); err != nil {
			return err
		}
	}
	if addTotal != 0 {
		_, err := s.exec(ctx, "UPDATE orders SET total_minor = total_minor + ? WHERE id = ?", addTotal, orderID)
		return err
	}
	return nil
}

// ProductBySKU returns the stored product with that SKU.
func (s *ImportSession) ProductBySKU(ctx context.Context, sku string) (marketing.Product, bool, error) {
	st, err := s.stmt(ctx, "SELECT id, sku, name, description, category, price_minor, currency, image_path, active FROM products WHERE sku = ?")
	if err != nil {
		return marketing.Product{}, false, err
	}
	var p marketing.Product
	err = st.QueryRowContext(ctx, sku).Scan(&p.ID, &p.SKU, &p.Name, &p.Description, &p.Category, &p.Price.Minor, &p.Price.Currency, &p.ImagePath, &p.Active)
	if errors.Is(err, sql.ErrNoRows) {
		return p, false, nil
	}
	return p, err == nil, err
}

// SaveProduct creates p (ID 0) or overwrites the stored one (before is how
// it was), recording either in the batch.
func (s *ImportSession) SaveProduct(ctx context.Context, before *marketing.Product, p *marketing.Product) error {
	if s.dry {
		if p.ID == 0 {
			s.fakeID--
			p.ID = s.fakeID
		}
		return nil
	}
	if before == nil {
		res, err := s.exec(ctx, `INSERT INTO products (sku, name, description, category, price_minor, currency, image_path, active, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, p.SKU, p.Name, p.Description, p.Category, p.Price.Minor, p.Price.Currency, p.ImagePath, p.Active, s.now, s.now)
		if err != nil {
			return err
		}
		if p.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		return s.record(ctx, "product", p.ID, "created", "")
	}
	if err := s.record(ctx, "product", p.ID, "updated", jsonText(before)); err != nil {
		return err
	}
	return writeProduct(ctx, s.tx, p, s.now)
}

// PutMedia stores a picture in the import's transaction (once per content).
func (s *ImportSession) PutMedia(ctx context.Context, name, mime string, data []byte) error {
	_, err := s.exec(ctx, "INSERT INTO media (name, mime, data) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING", name, mime, data)
	return err
}

func writeProduct(ctx context.Context, tx *sql.Tx, p *marketing.Product, now string) error {
	_, err := tx.ExecContext(ctx, `UPDATE products SET name = ?, description = ?, category = ?, price_minor = ?, currency = ?,
		image_path = ?, active = ?, updated_at = ? WHERE id = ?`, p.Name, p.Description, p.Category, p.Price.Minor, p.Price.Currency, p.ImagePath, p.Active, now, p.ID)
	return err
}

// ImportMappingFor returns the mapping last used for files of this shape.
func (db *DB) ImportMappingFor(ctx context.Context, shape string) (marketing.ImportMapping, bool, error) {
	var text string
	var m marketing.ImportMapping
	err := db.read.QueryRowContext(ctx, "SELECT mapping FROM import_mappings WHERE shape = ?", shape).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		return m, false, nil
	}
	if err != nil {
		return m, false, err
	}
	return m, json.Unmarshal([]byte(text), &m) == nil, nil
}

// RememberImportMapping keeps the mapping for the next file of this shape.
func (db *DB) RememberImportMapping(ctx context.Context, shape string, m marketing.ImportMapping) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO import_mappings (shape, kind, mapping, used_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (shape) DO UPDATE SET mapping = excluded.mapping, used_at = excluded.used_at`, shape, string(m.Kind), jsonText(m), db.now())
		return err
	})
}

const batchColumns = "id, kind, file_name, size, sha256, started_at, finished_at, mapping, options, counts, seconds, undone_at, undo_kept"

func scanBatch(r rowScanner) (marketing.ImportBatch, error) {
	var b marketing.ImportBatch
	var mapping, options, counts string
	err := r.Scan(&b.ID, &b.Kind, &b.FileName, &b.Size, &b.SHA256, &b.StartedAt, &b.FinishedAt, &mapping, &options, &counts, &b.Seconds, &b.UndoneAt, &b.UndoKept)
	if err != nil {
		return b, err
	}
	_ = json.Unmarshal([]byte(mapping), &b.Mapping)
	_ = json.Unmarshal([]byte(options), &b.Options)
	_ = json.Unmarshal([]byte(counts), &b.Counts)
	return b, nil
}

// ImportBatches lists the committed imports, newest first (at most 500).
func (db *DB) ImportBatches(ctx context.Context) ([]marketing.ImportBatch, error) {
	rows, err := db.read.QueryContext(ctx, "SELECT "+batchColumns+" FROM import_batches ORDER BY id DESC LIMIT 500")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []marketing.ImportBatch{}
	for rows.Next() {
		b, err := scanBatch(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// ImportBatch returns one batch.
func (db *DB) ImportBatch(ctx context.Context, id int64) (marketing.ImportBatch, error) {
	b, err := scanBatch(db.read.QueryRowContext(ctx, "SELECT "+batchColumns+" FROM import_batches WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return b, marketing.Errorf(marketing.ENotFound, "That import is not in this workspace any more.")
	}
	return b, err
}

// UndoImport removes what batch id created and restores what it changed, in
// one transaction. A batch whose rows a later import changed again must wait
// until that import is undone: undoing out of order would bring back values
// neither import left.
func (db *DB) UndoImport(ctx context.Context, id int64, progress marketing.Progress) (marketing.ImportBatch, error) {
	b, err := db.ImportBatch(ctx, id)
	if err != nil {
		return b, err
	}
	if b.UndoneAt != "" {
		return b, &marketing.Error{Code: marketing.EConflict, Message: "This import was already undone.", Details: map[string]string{"reason": "undone"}}
	}
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		var later string
		err := tx.QueryRowContext(ctx, `SELECT bb.file_name FROM import_changes a
			JOIN import_changes b ON b.entity = a.entity AND b.entity_id = a.entity_id AND b.batch_id > a.batch_id
			JOIN import_batches bb ON bb.id = b.batch_id AND bb.undone_at = ''
			WHERE a.batch_id = ? ORDER BY bb.id DESC LIMIT 1`, id).Scan(&later)
		if err == nil {
			return &marketing.Error{Code: marketing.EConflict, Message: "A later import (" + later + ") changed the same rows. Undo that import first.",
				Details: map[string]string{"reason": "later", "file": later}}
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		var total int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM import_changes WHERE batch_id = ?", id).Scan(&total); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, "SELECT entity, entity_id, action, before, after FROM import_changes WHERE batch_id = ? ORDER BY entity, entity_id", id)
		if err != nil {
			return err
		}
		type change struct {
			entity, action, before, after string
			id                            int64
		}
		var changes []change
		for rows.Next() {
			var c change
			if err := rows.Scan(&c.entity, &c.id, &c.action, &c.before, &c.after); err != nil {
				rows.Close()
				return err
			}
			changes = append(changes, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		s := &ImportSession{db: db, tx: tx, batchID: id, now: db.now(), stmts: map[string]*sql.Stmt{}, tagIDs: map[string]int64{}}
		defer s.closeStmts()
		for i, c := range changes {
			if i%1000 == 0 {
				if err := ctx.Err(); err != nil {
					return marketing.ErrCanceled
				}
				if progress != nil {
					progress(i, total)
				}
			}
			kept, err := s.undoChange(ctx, c.entity, c.action, c.id, c.before, c.after)
			if err != nil {
				return err
			}
			if kept {
				b.UndoKept++
			}
		}
		if progress != nil {
			progress(total, total)
		}
		if err := undoBatchList(ctx, tx, id); err != nil {
			return err
		}
		b.UndoneAt = db.now()
		_, err = tx.ExecContext(ctx, "UPDATE import_batches SET undone_at = ?, undo_kept = ? WHERE id = ?", b.UndoneAt, b.UndoKept, id)
		return err
	})
	return b, err
}

// undoChange reverts one row. A row changed after the import (edited by
// hand, tagged, given orders) is kept as it is now: undo must not destroy
// work done since. kept reports that.
func (s *ImportSession) undoChange(ctx context.Context, entity, action string, id int64, before, after string) (kept bool, err error) {
	switch entity {
	case "contact":
		var now string
		var orders int
		err := s.tx.QueryRowContext(ctx, "SELECT updated_at, (SELECT count(*) FROM orders WHERE contact_id = ?1) FROM contacts WHERE id = ?1", id).Scan(&now, &orders)
		if errors.Is(err, sql.ErrNoRows) {
			return false, nil // deleted since: nothing to undo
		}
		if err != nil {
			return false, err
		}
		if now != after || (action == "created" && orders > 0) {
			return true, nil
		}
		if action == "created" {
			if _, err := s.exec(ctx, "DELETE FROM contacts WHERE id = ?", id); err != nil {
				return false, err
			}
			_, err := s.exec(ctx, "DELETE FROM contact_search WHERE rowid = ?", id)
			return false, err
		}
		var snap contactSnapshot
		if err := json.Unmarshal([]byte(before), &snap); err != nil {
			return false, err
		}
		c := snap.Contact
		c.ID = id
		if err := s.writeContact(ctx, &c); err != nil {
			return false, err
		}
		// The file's "yes" answers leave the history and the standing
		// answers follow what remains; a "no" stays a "no".
		if err := undoImportConsents(ctx, s, id); err != nil {
			return false, err
		}
		_, err = s.exec(ctx, "INSERT INTO events (contact_id, at, kind, summary) VALUES (?, ?, ?, ?)", id, s.now, marketing.EventEdited, "Import undone: values restored")
		return false, err
	case "order":
		if action == "created" {
			_, err := s.exec(ctx, "DELETE FROM orders WHERE id = ?", id)
			return false, err
		}
		var snap orderSnapshot
		if err := json.Unmarshal([]byte(before), &snap); err != nil {
			return false, err
		}
		if _, err := s.exec(ctx, "DELETE FROM order_lines WHERE order_id = ? AND line_no > ?", id, snap.Lines); err != nil {
			return false, err
		}
		_, err := s.exec(ctx, "UPDATE orders SET total_minor = ? WHERE id = ?", snap.Total, id)
		return false, err
	case "product":
		var now string
		err := s.tx.QueryRowContext(ctx, "SELECT updated_at FROM products WHERE id = ?", id).Scan(&now)
		if errors.Is(err, sql.ErrNoRows) {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		if now != after {
			return true, nil
		}
		if action == "created" {
			_, err := s.exec(ctx, "DELETE FROM products WHERE id = ?", id)
			return false, err
		}
		var p marketing.Product
		if err := json.Unmarshal([]byte(before), &p); err != nil {
			return false, err
		}
		p.ID = id
		return false, writeProduct(ctx, s.tx, &p, s.now)
	}
	return false, nil
}

func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "{}"
	}
	return string(b)
}

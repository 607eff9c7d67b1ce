package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"directdesk/backend/marketing"

	sqlite3 "github.com/mattn/go-sqlite3"
)

const contactColumns = `c.id, coalesce(c.customer_no, ''), c.kind, c.first_name, c.middle_name, c.last_name,
	c.company, c.job_title, c.job_title_norm, c.gender, c.birth_date, c.email, c.phone, c.mobile,
	c.street1, c.street2, c.postcode, c.city, c.region, c.country, c.language, c.customer_since,
	c.source, c.notes, c.custom, c.created_at, c.updated_at, c.origin`

type rowScanner interface{ Scan(dest ...any) error }

func scanContact(r rowScanner, c *marketing.Contact) error {
	var custom string
	err := r.Scan(&c.ID, &c.CustomerNo, &c.Kind, &c.FirstName, &c.MiddleName, &c.LastName,
		&c.Company, &c.JobTitle, &c.JobTitleNorm, &c.Gender, &c.BirthDate, &c.Email, &c.Phone, &c.Mobile,
		&c.Street1, &c.Street2, &c.Postcode, &c.City, &c.Region, &c.Country, &c.Language, &c.CustomerSince,
		&c.Source, &c.Notes, &custom, &c.CreatedAt, &c.UpdatedAt, &c.Origin)
	if err != nil {
		return err
	}
	c.Custom = map[string]string{}
	if custom != "" && custom != "{}" {
		_ = json.Unmarshal([]byte(custom), &c.Custom)
	}
	c.Tags = []string{}
	return nil
}

// sortColumns maps the public sort names to indexed columns.
var sortColumns = map[string]string{
	"name":       "c.sort_name",
	"email":      "c.email_fold",
	"city":       "c.city_fold",
	"postcode":   "c.postcode, c.sort_name", // by name within a postcode, from one index
	"company":    "c.company_fold",
	"customerNo": "c.customer_no",
	"country":    "c.country, c.sort_name",
	"createdAt":  "c.created_at",
	"updatedAt":  "c.updated_at",
}

// ListContacts returns one page of contacts, sorted and filtered in SQL.
func (db *DB) ListContacts(ctx context.Context, q marketing.ContactQuery) (marketing.ContactPage, error) {
	if err := q.Normalize(); err != nil {
		return marketing.ContactPage{}, err
	}
	page := marketing.ContactPage{Items: []marketing.Contact{}, Offset: q.Offset, Limit: q.Limit}
	terms := searchTerms(q.Search) // parsed once: the filter, the count and the plan all need it
	where, args := contactFilter(q, terms)

	order := sortColumns[q.Sort]
	dir := ""
	if q.Desc {
		dir = " DESC"
	}
	var ob []string
	for _, col := range strings.Split(order, ", ") {
		ob = append(ob, col+dir)
	}
	ob = append(ob, "c.id"+dir)

	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return page, err
	}
	defer tx.Rollback()

	total, err := countContacts(ctx, tx, q, terms, where, args)
	if err != nil {
		return page, err
	}
	page.Total = total
	if total == 0 || q.Offset >= total {
		return page, nil
	}

	// Step one finds the page's ids from indexes alone; step two reads the
	// wide rows of just those ids.
	from := " FROM contacts c"
	pageWhere, pageArgs := where, args
	if q.Sort == "name" && q.Country == "" && q.Region == "" && (terms.match != "" || q.Tag != "") {
		// A search or tag can match tens of thousands of ids: sort them by
		// name through the narrow (id, sort_name) index, not the wide rows.
		from = " FROM contacts c INDEXED BY contacts_id_name"
		if terms.match == "" {
			all, err := tableCount(ctx, tx)
			if err != nil {
				return page, err
			}
			if total*20 >= all {
				// A common tag (5% or more): walk the name index in order and
				// check each contact's tag; a page needs a few hundred probes.
				from = " FROM contacts c INDEXED BY contacts_sort_name"
				pageWhere = " WHERE EXISTS (SELECT 1 FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = c.id AND t.name_fold = ?)"
				pageArgs = []any{marketing.Fold(q.Tag)}
			}
		}
	}
	ids, err := queryIDs(ctx, tx, "SELECT c.id"+from+pageWhere+" ORDER BY "+strings.Join(ob, ", ")+" LIMIT ? OFFSET ?",
		append(pageArgs, q.Limit, q.Offset)...)
	if err != nil {
		return page, err
	}
	if page.Items, err = contactsByID(ctx, tx, ids); err != nil {
		return page, err
	}
	return page, attachTags(ctx, tx, page.Items)
}

func queryIDs(ctx context.Context, q querier, query string, args ...any) ([]int64, error) {
	rows, err := q.QueryContext(ctx, query, args...)
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

// contactsByID reads full contacts in the order of ids.
func contactsByID(ctx context.Context, q querier, ids []int64) ([]marketing.Contact, error) {
	out := make([]marketing.Contact, 0, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	pos := make(map[int64]int, len(ids))
	ph := make([]string, len(ids))
	args := make([]any, len(ids))
	for i, id := range ids {
		pos[id], ph[i], args[i] = i, "?", id
	}
	rows, err := q.QueryContext(ctx, "SELECT "+contactColumns+" FROM contacts c WHERE c.id IN ("+strings.Join(ph, ",")+")", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out = out[:len(ids)]
	for rows.Next() {
		var c marketing.Contact
		if err := scanContact(rows, &c); err != nil {
			return nil, err
		}
		out[pos[c.ID]] = c
	}
	return out, rows.Err()
}

// countContacts answers the total cheaply: the whole table from its
// smallest index, a bare search from the search index alone.
func countContacts(ctx context.Context, tx *sql.Tx, q marketing.ContactQuery, terms search, where string, args []any) (int, error) {
	var n int
	var err error
	switch {
	case where == "":
		return tableCount(ctx, tx)
	case q.Country == "" && q.Region == "" && q.Tag == "" && terms.match != "":
		err = tx.QueryRowContext(ctx, "SELECT count(*) FROM contact_search WHERE contact_search MATCH ?", terms.match).Scan(&n)
	case q.Country == "" && q.Region == "" && q.Search == "" && q.Tag != "":
		err = tx.QueryRowContext(ctx, "SELECT count(*) FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE t.name_fold = ?", marketing.Fold(q.Tag)).Scan(&n)
	default:
		err = tx.QueryRowContext(ctx, "SELECT count(*) FROM contacts c"+where, args...).Scan(&n)
	}
	return n, err
}

// tableCount is the number of contacts, from the trigger-kept counter.
func tableCount(ctx context.Context, tx *sql.Tx) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, "SELECT n FROM row_counts WHERE name = 'contacts'").Scan(&n)
	return n, err
}

type search struct {
	match  string // FTS5 query: every word as a prefix, all required
	prefix string // a lone one-letter search: names starting with it
}

// searchTerms turns the search box into an FTS5 query. Words are split the
// way the index's tokenizer splits them (anything but letters and digits
// separates), so "anna.hansen@" searches "anna"* AND "hansen"*. A single
// letter would match most of the workspace: it matches the start of the
// name instead, through the name index.
func searchTerms(s string) search {
	words := strings.FieldsFunc(marketing.Fold(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
	})
	if len(words) == 0 {
		return search{}
	}
	words = joinDigitGroups(words)
	if len(words) == 1 && utf8.RuneCountInString(words[0]) == 1 {
		return search{prefix: words[0]}
	}
	phrases := make([]string, len(words))
	for i, w := range words {
		phrases[i] = `"` + w + `"*` // w has letters and digits only: nothing to escape
	}
	return search{match: strings.Join(phrases, " AND ")}
}

// joinDigitGroups joins neighbouring all-digit words: phone numbers and
// postcodes are typed in groups ("20 12 34 56", "114 55") but indexed whole.
func joinDigitGroups(words []string) []string {
	out := words[:0:0]
	for _, w := range words {
		if n := len(out); n > 0 && allDigits(w) && allDigits(out[n-1]) {
			out[n-1] += w
			continue
		}
		out = append(out, w)
	}
	return out
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

func contactFilter(q marketing.ContactQuery, t search) (string, []any) {
	var conds []string
	var args []any
	if t.match != "" {
		conds = append(conds, "c.id IN (SELECT rowid FROM contact_search WHERE contact_search MATCH ?)")
		args = append(args, t.match)
	}
	if t.prefix != "" {
		// A range on the sort key uses its index: "h" finds Hansen, Haugen...
		conds = append(conds, "c.sort_name >= ? AND c.sort_name < ?")
		args = append(args, t.prefix, t.prefix+"\U0010FFFF")
	}
	if q.Country != "" {
		conds = append(conds, "c.country = ?")
		args = append(args, strings.ToUpper(q.Country))
	}
	if q.Region != "" {
		conds = append(conds, "c.region = ?")
		args = append(args, q.Region)
	}
	if q.Tag != "" {
		conds = append(conds, "c.id IN (SELECT ct.contact_id FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE t.name_fold = ?)")
		args = append(args, marketing.Fold(q.Tag))
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func attachTags(ctx context.Context, q querier, items []marketing.Contact) error {
	if len(items) == 0 {
		return nil
	}
	idx := make(map[int64]int, len(items))
	ph := make([]string, len(items))
	args := make([]any, len(items))
	for i := range items {
		idx[items[i].ID] = i
		ph[i] = "?"
		args[i] = items[i].ID
	}
	rows, err := q.QueryContext(ctx, `SELECT ct.contact_id, t.name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id
		WHERE ct.contact_id IN (`+strings.Join(ph, ",")+`) ORDER BY t.name_fold`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return err
		}
		items[idx[id]].Tags = append(items[idx[id]].Tags, name)
	}
	return rows.Err()
}

// GetContact returns one contact with its tags.
func (db *DB) GetContact(ctx context.Context, id int64) (marketing.Contact, error) {
	return findContact(ctx, db.read, id)
}

func findContact(ctx context.Context, q querier, id int64) (marketing.Contact, error) {
	var c marketing.Contact
	err := scanContact(q.QueryRowContext(ctx, "SELECT "+contactColumns+" FROM contacts c WHERE c.id = ?", id), &c)
	if errors.Is(err, sql.ErrNoRows) {
		return c, &marketing.Error{Code: marketing.ENotFound, Message: "This contact no longer exists. It may have been deleted."}
	} else if err != nil {
		return c, err
	}
	items := []marketing.Contact{c}
	err = attachTags(ctx, q, items)
	return items[0], err
}

// CreateContact inserts a validated contact and records "created" on its timeline.
// source describes where it came from for the timeline ("manual", "import", "demo").
func (db *DB) CreateContact(ctx context.Context, c *marketing.Contact) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		now := db.now()
		c.CreatedAt, c.UpdatedAt = now, now
		if err := insertContact(ctx, tx, c); err != nil {
			return err
		}
		return insertEvent(ctx, tx, &marketing.Event{ContactID: c.ID, At: now, Kind: marketing.EventCreated, Summary: "Contact created"})
	})
}

// contactInsertSQL is shared by single and bulk inserts.
const contactInsertSQL = `INSERT INTO contacts (customer_no, kind, first_name, middle_name, last_name, company,
	job_title, job_title_norm, gender, birth_date, email, email_fold, phone, mobile, street1, street2,
	postcode, city, region, country, language, customer_since, source, notes, custom, created_at, updated_at,
	sort_name, city_fold, company_fold, origin)
	VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`

// insertArgs are contactArgs plus the origin, which only an insert sets.
func insertArgs(c *marketing.Contact) []any {
	switch c.Origin {
	case "bought", "rented":
	default:
		c.Origin = "own"
	}
	return append(contactArgs(c), c.Origin)
}

func contactArgs(c *marketing.Contact) []any {
	if c.Kind == "" {
		c.Kind = marketing.KindCustomer
	}
	return []any{nullIfEmpty(c.CustomerNo), string(c.Kind), c.FirstName, c.MiddleName, c.LastName, c.Company,
		c.JobTitle, c.JobTitleNorm, string(c.Gender), c.BirthDate, c.Email, nullIfEmpty(strings.ToLower(c.Email)),
		c.Phone, c.Mobile, c.Street1, c.Street2, c.Postcode, c.City, c.Region, c.Country, c.Language,
		c.CustomerSince, c.Source, c.Notes, customJSON(c.Custom), c.CreatedAt, c.UpdatedAt,
		sortName(c), marketing.Fold(c.City), marketing.Fold(c.Company)}
}

func insertContact(ctx context.Context, tx *sql.Tx, c *marketing.Contact) error {
	res, err := tx.ExecContext(ctx, contactInsertSQL, insertArgs(c)...)
	if err != nil {
		return contactConflict(err)
	}
	if c.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	var n rowCounts
	n.count(c)
	if err := addCounts(ctx, tx, n); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO contact_search (rowid, body) VALUES (?, ?)", c.ID, searchBody(c)); err != nil {
		return err
	}
	return setTags(ctx, tx, c.ID, c.Tags)
}

// UpdateContact saves an edited contact. UpdatedAt must match the stored one,
// so an edit made elsewhere in the meantime is not silently overwritten.
func (db *DB) UpdateContact(ctx context.Context, c *marketing.Contact) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		old, err := findContact(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		if c.UpdatedAt != "" && c.UpdatedAt != old.UpdatedAt {
			return &marketing.Error{Code: marketing.EConflict, Message: "This contact was changed somewhere else after you opened it. Close it, open it again and redo your change."}
		}
		changed := changedFields(&old, c)
		c.CreatedAt = old.CreatedAt
		if len(changed) == 0 {
			c.UpdatedAt = old.UpdatedAt
			return nil
		}
		c.UpdatedAt = db.now()
		args := contactArgs(c)
		_, err = tx.ExecContext(ctx, `UPDATE contacts SET customer_no=?, kind=?, first_name=?, middle_name=?, last_name=?,
			company=?, job_title=?, job_title_norm=?, gender=?, birth_date=?, email=?, email_fold=?, phone=?, mobile=?,
			street1=?, street2=?, postcode=?, city=?, region=?, country=?, language=?, customer_since=?, source=?,
			notes=?, custom=?, created_at=?, updated_at=?, sort_name=?, city_fold=?, company_fold=? WHERE id=?`,
			append(args, c.ID)...)
		if err != nil {
			return contactConflict(err)
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM contact_search WHERE rowid = ?", c.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO contact_search (rowid, body) VALUES (?, ?)", c.ID, searchBody(c)); err != nil {
			return err
		}
		if err := setTags(ctx, tx, c.ID, c.Tags); err != nil {
			return err
		}
		return insertEvent(ctx, tx, &marketing.Event{ContactID: c.ID, At: c.UpdatedAt, Kind: marketing.EventEdited,
			Summary: "Changed: " + strings.Join(changed, ", "), Details: map[string]string{"fields": strings.Join(changed, ",")}})
	})
}

// changedFields lists the public names of the fields that differ.
func changedFields(a, b *marketing.Contact) []string {
	var out []string
	cmp := func(name, x, y string) {
		if x != y {
			out = append(out, name)
		}
	}
	cmp("customerNo", a.CustomerNo, b.CustomerNo)
	cmp("kind", string(a.Kind), string(b.Kind))
	cmp("firstName", a.FirstName, b.FirstName)
	cmp("middleName", a.MiddleName, b.MiddleName)
	cmp("lastName", a.LastName, b.LastName)
	cmp("company", a.Company, b.Company)
	cmp("jobTitle", a.JobTitle, b.JobTitle)
	cmp("gender", string(a.Gender), string(b.Gender))
	cmp("birthDate", a.BirthDate, b.BirthDate)
	cmp("email", a.Email, b.Email)
	cmp("phone", a.Phone, b.Phone)
	cmp("mobile", a.Mobile, b.Mobile)
	cmp("street1", a.Street1, b.Street1)
	cmp("street2", a.Street2, b.Street2)
	cmp("postcode", a.Postcode, b.Postcode)
	cmp("city", a.City, b.City)
	cmp("region", a.Region, b.Region)
	cmp("country", a.Country, b.Country)
	cmp("language", a.Language, b.Language)
	cmp("customerSince", a.CustomerSince, b.CustomerSince)
	cmp("source", a.Source, b.Source)
	cmp("notes", a.Notes, b.Notes)
	// Tags match case-insensitively ("vip" is the stored "VIP"): not a change.
	cmp("tags", marketing.Fold(strings.Join(sortedTags(a.Tags), "\x00")), marketing.Fold(strings.Join(sortedTags(b.Tags), "\x00")))
	cmp("custom", customJSON(a.Custom), customJSON(b.Custom))
	return out
}

// DeleteContacts deletes the contacts and everything hanging off them, all or nothing.
func (db *DB) DeleteContacts(ctx context.Context, ids []int64) (int, error) {
	n := 0
	err := db.inTx(ctx, func(tx *sql.Tx) (err error) {
		n, err = deleteContacts(ctx, tx, ids)
		return err
	})
	return n, err
}

// DeleteContactsMatching deletes every contact the query finds (all pages),
// all or nothing, and returns how many.
func (db *DB) DeleteContactsMatching(ctx context.Context, q marketing.ContactQuery) (int, error) {
	n := 0
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		ids, err := matchingIDs(ctx, tx, q)
		if err != nil {
			return err
		}
		n, err = deleteContacts(ctx, tx, ids)
		return err
	})
	return n, err
}

// DeleteDemoContacts deletes the contacts the demo generator made (source
// "demo") with their orders, and forgets the demo's progress.
func (db *DB) DeleteDemoContacts(ctx context.Context, progressKey string, demoSKUs []string) (int, error) {
	n := 0
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		ids, err := queryIDs(ctx, tx, "SELECT id FROM contacts WHERE source = 'demo'")
		if err != nil {
			return err
		}
		if n, err = deleteContacts(ctx, tx, ids); err != nil {
			return err
		}
		for _, sku := range demoSKUs {
			// A demo product someone now sells for real (an order refers to it) stays.
			if _, err := tx.ExecContext(ctx, "DELETE FROM products WHERE sku = ? AND NOT EXISTS (SELECT 1 FROM order_lines WHERE sku = ?)", sku, sku); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, "DELETE FROM settings WHERE key = ?", progressKey)
		return err
	})
	return n, err
}

func deleteContacts(ctx context.Context, tx *sql.Tx, ids []int64) (int, error) {
	n := 0
	for _, id := range ids {
		res, err := tx.ExecContext(ctx, "DELETE FROM contacts WHERE id = ?", id)
		if err != nil {
			return 0, err
		}
		if k, _ := res.RowsAffected(); k == 0 {
			continue
		}
		n++
		if _, err := tx.ExecContext(ctx, "DELETE FROM contact_search WHERE rowid = ?", id); err != nil {
			return 0, err
		}
	}
	return n, nil
}

// OptimizeSearch rewrites the search index into one segment. Deleting a
// contact marks its words deleted (secure-delete removes them from the
// doclists) but the words can stay in the index's term pages until this runs.
// It reads and writes the whole index: run it after erasing people, not after
// every delete.
func (db *DB) OptimizeSearch(ctx context.Context) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO contact_search (contact_search) VALUES ('optimize')")
		return err
	})
}

// matchingIDs returns the ids of every contact the query's filters find.
func matchingIDs(ctx context.Context, tx *sql.Tx, q marketing.ContactQuery) ([]int64, error) {
	if err := q.Normalize(); err != nil {
		return nil, err
	}
	where, args := contactFilter(q, searchTerms(q.Search))
	return queryIDs(ctx, tx, "SELECT c.id FROM contacts c"+where, args...)
}

// TagContacts adds or removes one tag on many contacts in one transaction and
// returns how many contacts changed.
func (db *DB) TagContacts(ctx context.Context, ids []int64, tag string, add bool) (int, error) {
	n := 0
	err := db.inTx(ctx, func(tx *sql.Tx) (err error) {
		n, err = db.tagContacts(ctx, tx, ids, tag, add)
		return err
	})
	return n, err
}

// TagContactsMatching tags (or untags) every contact the query finds.
func (db *DB) TagContactsMatching(ctx context.Context, q marketing.ContactQuery, tag string, add bool) (int, error) {
	n := 0
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		ids, err := matchingIDs(ctx, tx, q)
		if err != nil {
			return err
		}
		n, err = db.tagContacts(ctx, tx, ids, tag, add)
		return err
	})
	return n, err
}

func (db *DB) tagContacts(ctx context.Context, tx *sql.Tx, ids []int64, tag string, add bool) (int, error) {
	tags, err := marketing.NormalizeTags([]string{tag})
	if err != nil {
		return 0, err
	}
	if len(tags) == 0 {
		return 0, marketing.FieldError(marketing.EInvalid, "tag", "Type the tag to add or remove.", nil)
	}
	now := db.now()
	tagID, err := ensureTag(ctx, tx, tags[0])
	if err != nil {
		return 0, err
	}
	n := 0
	for _, id := range ids {
		var res sql.Result
		kind := marketing.EventTagged
		if add {
			res, err = tx.ExecContext(ctx, "INSERT OR IGNORE INTO contact_tags (contact_id, tag_id) SELECT id, ? FROM contacts WHERE id = ?", tagID, id)
		} else {
			kind = marketing.EventUntagged
			res, err = tx.ExecContext(ctx, "DELETE FROM contact_tags WHERE contact_id = ? AND tag_id = ?", id, tagID)
		}
		if err != nil {
			return 0, err
		}
		if k, _ := res.RowsAffected(); k == 0 {
			continue
		}
		n++
		if _, err := tx.ExecContext(ctx, "UPDATE contacts SET updated_at = ? WHERE id = ?", now, id); err != nil {
			return 0, err
		}
		if err := insertEvent(ctx, tx, &marketing.Event{ContactID: id, At: now, Kind: kind, Summary: kind + ": " + tags[0], Details: map[string]string{"tag": tags[0]}}); err != nil {
			return 0, err
		}
	}
	return n, nil
}

func ensureTag(ctx context.Context, tx *sql.Tx, name string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, "SELECT id FROM tags WHERE name_fold = ?", marketing.Fold(name)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		res, err := tx.ExecContext(ctx, "INSERT INTO tags (name, name_fold) VALUES (?, ?)", name, marketing.Fold(name))
		if err != nil {
			return 0, err
		}
		return res.LastInsertId()
	}
	return id, err
}

func setTags(ctx context.Context, tx *sql.Tx, contactID int64, tags []string) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM contact_tags WHERE contact_id = ?", contactID); err != nil {
		return err
	}
	for _, t := range tags {
		id, err := ensureTag(ctx, tx, t)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO contact_tags (contact_id, tag_id) VALUES (?, ?)", contactID, id); err != nil {
			return err
		}
	}
	return nil
}

// ContactFacets counts contacts per country, region and tag for the filters.
// The answer is kept until the next write: on a million contacts it reads
// three indexes whole.
func (db *DB) ContactFacets(ctx context.Context) (marketing.ContactFacets, error) {
	db.facets.Lock()
	defer db.facets.Unlock()
	at := db.writes.Load()
	if db.facets.valid && db.facets.at == at {
		return db.facets.value, nil
	}
	f, err := contactFacets(ctx, db.read)
	if err == nil {
		db.facets.at, db.facets.valid, db.facets.value = at, true, f
	}
	return f, err
}

func contactFacets(ctx context.Context, q querier) (marketing.ContactFacets, error) {
	var f marketing.ContactFacets
	var err error
	if f.Countries, err = valueCounts(ctx, q, false, "SELECT country, count(*) FROM contacts WHERE country <> '' GROUP BY country ORDER BY count(*) DESC"); err != nil {
		return f, err
	}
	if f.Regions, err = valueCounts(ctx, q, true, "SELECT country, region, count(*) FROM contacts WHERE region <> '' GROUP BY country, region ORDER BY count(*) DESC LIMIT 500"); err != nil {
		return f, err
	}
	f.Tags, err = valueCounts(ctx, q, false, "SELECT t.name, count(*) FROM tags t JOIN contact_tags ct ON ct.tag_id = t.id GROUP BY t.id ORDER BY count(*) DESC LIMIT 500")
	return f, err
}

// valueCounts reads (value, count) rows, or (group, value, count) rows
// when grouped is set.
func valueCounts(ctx context.Context, q querier, grouped bool, query string, args ...any) ([]marketing.ValueCount, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []marketing.ValueCount{}
	for rows.Next() {
		var v marketing.ValueCount
		dest := []any{&v.Value, &v.Count}
		if grouped {
			dest = append([]any{&v.Group}, dest...)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// ContactEvents returns the newest events of a contact's timeline first.
func (db *DB) ContactEvents(ctx context.Context, contactID int64, limit int) ([]marketing.Event, error) {
	if limit <= 0 || limit > 1000 {
		limit = 200
	}
	rows, err := db.read.QueryContext(ctx, "SELECT id, contact_id, at, kind, summary, details FROM events WHERE contact_id = ? ORDER BY id DESC LIMIT ?", contactID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []marketing.Event{}
	for rows.Next() {
		var e marketing.Event
		var details string
		if err := rows.Scan(&e.ID, &e.ContactID, &e.At, &e.Kind, &e.Summary, &details); err != nil {
			return nil, err
		}
		e.Details = map[string]string{}
		_ = json.Unmarshal([]byte(details), &e.Details)
		out = append(out, e)
	}
	return out, rows.Err()
}

func insertEvent(ctx context.Context, tx *sql.Tx, e *marketing.Event) error {
	details := "{}"
	if len(e.Details) > 0 {
		b, _ := json.Marshal(e.Details)
		details = string(b)
	}
	res, err := tx.ExecContext(ctx, "INSERT INTO events (contact_id, at, kind, summary, details) VALUES (?, ?, ?, ?, ?)",
		e.ContactID, e.At, e.Kind, e.Summary, details)
	if err != nil {
		return err
	}
	e.ID, err = res.LastInsertId()
	return err
}

// contactConflict turns a UNIQUE violation into the coded error the user reads.
func contactConflict(err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintUnique {
		switch {
		case strings.Contains(se.Error(), "email_fold"):
			return marketing.FieldError(marketing.EConflict, "email", "Another contact already has this email address. Search for it and edit that contact instead.", nil)
		case strings.Contains(se.Error(), "customer_no"):
			return marketing.FieldError(marketing.EConflict, "customerNo", "Another contact already has this customer number.", nil)
		}
	}
	return err
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func customJSON(m map[string]string) string {
	if len(m) == 0 {
		return "{}"
	}
	b, _ := json.Marshal(m) // map keys are sorted: stable text for comparisons
	return string(b)
}

func sortedTags(t []string) []string {
	out := slices.Clone(t)
	slices.SortStableFunc(out, func(a, b string) int { return strings.Compare(marketing.Fold(a), marketing.Fold(b)) })
	return out
}

// sortName is the folded key contacts are sorted by: last name, then first
// and middle name; the company when there is no name.
func sortName(c *marketing.Contact) string {
	parts := make([]string, 0, 4)
	for _, p := range []string{c.LastName, c.FirstName, c.MiddleName} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		parts = append(parts, c.Company)
	}
	return marketing.Fold(strings.Join(parts, " "))
}

// searchBody is the text the search box matches against: names, company,
// email, city, customer number, postcode (also without its space), and each
// phone number in the forms people type it.
func searchBody(c *marketing.Contact) string {
	var b strings.Builder
	for _, p := range []string{c.FirstName, c.MiddleName, c.LastName, c.Company, c.Email, c.City, c.CustomerNo, c.Postcode} {
		if p != "" {
			b.WriteString(p)
			b.WriteByte(' ')
		}
	}
	if strings.Contains(c.Postcode, " ") {
		b.WriteString(strings.ReplaceAll(c.Postcode, " ", ""))
		b.WriteByte(' ')
	}
	for _, p := range []string{c.Phone, c.Mobile} {
		for _, f := range marketing.PhoneSearchForms(p) {
			b.WriteString(f)
			b.WriteByte(' ')
		}
	}
	return marketing.Fold(b.String())
}

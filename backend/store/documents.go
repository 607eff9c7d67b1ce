package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"unicode/utf8"

	"directdesk/backend/marketing"
)

// Templates, generation runs and response codes (migration 0006).

const templateColumns = `id, name, kind, title, lang, body, layout, version, starter, updated_at`

func scanTemplate(r rowScanner, t *marketing.Template) error {
	var layout string
	if err := r.Scan(&t.ID, &t.Name, &t.Kind, &t.Title, &t.Lang, &t.Body, &layout, &t.Version, &t.Starter, &t.UpdatedAt); err != nil {
		return err
	}
	return json.Unmarshal([]byte(layout), &t.Layout)
}

// Templates lists the templates of a kind ("" for all), by title.
func (db *DB) Templates(ctx context.Context, kind marketing.TemplateKind) ([]marketing.Template, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+templateColumns+` FROM templates WHERE ? = '' OR kind = ? ORDER BY kind, title COLLATE NOCASE, id`, kind, kind)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []marketing.Template{}
	for rows.Next() {
		var t marketing.Template
		if err := scanTemplate(rows, &t); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Template finds a template by name (the starters' stable keys) or, failing
// that, by title, case-insensitively.
func (db *DB) Template(ctx context.Context, name string) (marketing.Template, error) {
	var t marketing.Template
	err := scanTemplate(db.read.QueryRowContext(ctx, `SELECT `+templateColumns+` FROM templates
		WHERE name = ? OR lower(title) = lower(?) ORDER BY name = ? DESC, id LIMIT 1`, name, name, name), &t)
	if errors.Is(err, sql.ErrNoRows) {
		return t, marketing.FieldError(marketing.ENotFound, "template", "There is no template called \""+name+"\". Pick one from the list of templates.", map[string]string{"name": name})
	}
	return t, err
}

// TemplateByID returns one template.
func (db *DB) TemplateByID(ctx context.Context, id int64) (marketing.Template, error) {
	var t marketing.Template
	err := scanTemplate(db.read.QueryRowContext(ctx, `SELECT `+templateColumns+` FROM templates WHERE id = ?`, id), &t)
	if errors.Is(err, sql.ErrNoRows) {
		return t, marketing.Errorf(marketing.ENotFound, "The template no longer exists. It may have been deleted.")
	}
	return t, err
}

// TemplateVersion returns the body and layout a template had at version v.
func (db *DB) TemplateVersion(ctx context.Context, id int64, v int) (marketing.Template, error) {
	t, err := db.TemplateByID(ctx, id)
	if err != nil {
		return t, err
	}
	var layout string
	err = db.read.QueryRowContext(ctx, `SELECT body, layout FROM template_versions WHERE template_id = ? AND version = ?`, id, v).Scan(&t.Body, &layout)
	if errors.Is(err, sql.ErrNoRows) {
		return t, marketing.Errorf(marketing.ENotFound, "That version of the template is not stored.")
	} else if err != nil {
		return t, err
	}
	t.Version = v
	return t, json.Unmarshal([]byte(layout), &t.Layout)
}

// SaveTemplate creates (ID 0) or updates a template; every save stores a new
// version so documents made earlier can say what they were made from.
// Validation of the body (fields, syntax) is the caller's.
func (db *DB) SaveTemplate(ctx context.Context, t *marketing.Template) error {
	t.Title = strings.Join(strings.Fields(t.Title), " ")
	if t.Title == "" || utf8.RuneCountInString(t.Title) > 100 || marketing.HasControlChars(t.Title) {
		return marketing.FieldError(marketing.EInvalid, "title", "Give the template a name of at most 100 characters.", map[string]string{"reason": "required"})
	}
	layout, err := json.Marshal(t.Layout)
	if err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		now := db.now()
		if t.ID == 0 {
			if t.Name == "" {
				t.Name = templateKey(t.Title)
			}
			res, err := tx.ExecContext(ctx, `INSERT INTO templates (name, kind, title, lang, body, layout, version, starter, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`, t.Name, t.Kind, t.Title, t.Lang, t.Body, string(layout), t.Starter, now, now)
			if isUniqueViolation(err) {
				// Two templates titled alike: keep the key unique with a number.
				t.Name = t.Name + "-" + strings.ReplaceAll(now, ":", "")
				res, err = tx.ExecContext(ctx, `INSERT INTO templates (name, kind, title, lang, body, layout, version, starter, created_at, updated_at)
					VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`, t.Name, t.Kind, t.Title, t.Lang, t.Body, string(layout), t.Starter, now, now)
			}
			if err != nil {
				return err
			}
			t.ID, _ = res.LastInsertId()
			t.Version = 1
		} else {
			var kind marketing.TemplateKind
			err := tx.QueryRowContext(ctx, `UPDATE templates SET title = ?, lang = ?, body = ?, layout = ?, version = version + 1, updated_at = ?
				WHERE id = ? RETURNING version, kind, name, starter`, t.Title, t.Lang, t.Body, string(layout), now, t.ID).Scan(&t.Version, &kind, &t.Name, &t.Starter)
			if errors.Is(err, sql.ErrNoRows) {
				return marketing.Errorf(marketing.ENotFound, "The template no longer exists. It may have been deleted.")
			} else if err != nil {
				return err
			}
			t.Kind = kind
		}
		t.UpdatedAt = now
		_, err := tx.ExecContext(ctx, `INSERT INTO template_versions (template_id, version, body, layout, saved_at) VALUES (?, ?, ?, ?, ?)`,
			t.ID, t.Version, t.Body, string(layout), now)
		return err
	})
}

// templateKey makes a stable ASCII-ish key from a title.
func templateKey(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		if r < 128 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9') || r >= 128 && (r > 0xBF) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	k := strings.TrimSuffix(b.String(), "-")
	if k == "" {
		k = "template"
	}
	return k
}

// DeleteTemplate removes a template; runs made with it keep its name and version.
func (db *DB) DeleteTemplate(ctx context.Context, id int64) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM templates WHERE id = ?`, id)
		return err
	})
}

// ResponseCodes returns each contact's response code for campaign, creating
// the missing ones: a contact keeps its code when a campaign's documents are
// made again, and no code is ever given to two people.
func (db *DB) ResponseCodes(ctx context.Context, campaign string, ids []int64) (map[int64]string, error) {
	out := make(map[int64]string, len(ids))
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		sel, err := tx.PrepareContext(ctx, `SELECT code FROM response_codes WHERE campaign = ? AND contact_id = ?`)
		if err != nil {
			return err
		}
		defer sel.Close()
		ins, err := tx.PrepareContext(ctx, `INSERT INTO response_codes (code, campaign, contact_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (code) DO NOTHING`)
		if err != nil {
			return err
		}
		defer ins.Close()
		now := db.now()
		for i, id := range ids {
			if i%1024 == 0 && ctx.Err() != nil {
				return marketing.Errorf(marketing.ECanceled, "Cancelled. Nothing was made.")
			}
			var code string
			err := sel.QueryRowContext(ctx, campaign, id).Scan(&code)
			if err == nil {
				out[id] = code
				continue
			} else if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			for {
				code = marketing.NewResponseCode()
				res, err := ins.ExecContext(ctx, code, campaign, id, now)
				if err != nil {
					return err
				}
				if n, _ := res.RowsAffected(); n == 1 {
					break
				}
			}
			out[id] = code
		}
		return nil
	})
	return out, err
}

// CodeOwner finds whose response code this is (for the tracking of replies).
func (db *DB) CodeOwner(ctx context.Context, code string) (contactID int64, campaign string, err error) {
	err = db.read.QueryRowContext(ctx, `SELECT contact_id, campaign FROM response_codes WHERE code = ?`, code).Scan(&contactID, &campaign)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", marketing.FieldError(marketing.ENotFound, "code", "No letter was sent with this response code.", nil)
	}
	return contactID, campaign, err
}

// RecordDocumentRun stores a finished run, its recipients and a line on each
// recipient's timeline, in one transaction.
func (db *DB) RecordDocumentRun(ctx context.Context, r *marketing.DocumentRun, recipients []marketing.DocumentRecipient) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		r.CreatedAt = db.now()
		res, err := tx.ExecContext(ctx, `INSERT INTO document_runs (kind, template_id, template_name, template_version, campaign, selection, output, path, recipients, pages, skipped, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.Kind, r.TemplateID, r.TemplateName, r.TemplateVersion, r.Campaign, r.Selection, r.Output, r.Path, r.Recipients, r.Pages, r.Skipped, r.CreatedAt)
		if err != nil {
			return err
		}
		r.ID, _ = res.LastInsertId()
		rec, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO document_recipients (run_id, contact_id, response_code, variant) VALUES (?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer rec.Close()
		ev, err := tx.PrepareContext(ctx, `INSERT INTO events (contact_id, at, kind, summary, details) VALUES (?, ?, 'document', ?, ?)`)
		if err != nil {
			return err
		}
		defer ev.Close()
		summary := string(r.Kind) + ": " + r.TemplateName
		for _, p := range recipients {
			if _, err := rec.ExecContext(ctx, r.ID, p.ContactID, p.ResponseCode, p.Variant); err != nil {
				return err
			}
			details := jsonText(map[string]any{"run": r.ID, "template": r.TemplateName, "version": r.TemplateVersion, "code": p.ResponseCode, "campaign": r.Campaign})
			if _, err := ev.ExecContext(ctx, p.ContactID, r.CreatedAt, summary, details); err != nil {
				return err
			}
		}
		return nil
	})
}

// DocumentRuns lists the latest runs, newest first.
func (db *DB) DocumentRuns(ctx context.Context, limit int) ([]marketing.DocumentRun, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, kind, coalesce(template_id, 0), template_name, template_version, campaign, selection, output, path, recipients, pages, skipped, created_at
		FROM document_runs ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []marketing.DocumentRun{}
	for rows.Next() {
		var r marketing.DocumentRun
		if err := rows.Scan(&r.ID, &r.Kind, &r.TemplateID, &r.TemplateName, &r.TemplateVersion, &r.Campaign, &r.Selection, &r.Output, &r.Path, &r.Recipients, &r.Pages, &r.Skipped, &r.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// RunRecipients returns the contacts of a run with their codes.
func (db *DB) RunRecipients(ctx context.Context, runID int64) ([]marketing.DocumentRecipient, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT contact_id, response_code, variant FROM document_recipients WHERE run_id = ? ORDER BY contact_id`, runID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []marketing.DocumentRecipient
	for rows.Next() {
		var r marketing.DocumentRecipient
		if err := rows.Scan(&r.ContactID, &r.ResponseCode, &r.Variant); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ContactsInOrder returns the contacts of ids in that order, without their
// tags (documents do not print them; reading them cost a fifth of a letter
// run); contacts deleted meanwhile are left out.
func (db *DB) ContactsInOrder(ctx context.Context, ids []int64) ([]marketing.Contact, error) {
	out := make([]marketing.Contact, 0, len(ids))
	for len(ids) > 0 {
		chunk := ids[:min(len(ids), 500)]
		ids = ids[len(chunk):]
		cs, err := contactsByID(ctx, db.read, chunk)
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			if c.ID != 0 {
				out = append(out, c)
			}
		}
	}
	return out, nil
}

// PostalOrder sorts ids the way bulk mail is handed in to the post: the
// home country's first, then by country, postcode (digits compared as
// numbers) and name. A contact without a country counts as home.
func (db *DB) PostalOrder(ctx context.Context, ids []int64, home string) ([]int64, error) {
	type key struct {
		id                 int64
		country, zip, name string
	}
	keys := make([]key, 0, len(ids))
	for rest := ids; len(rest) > 0; {
		chunk := rest[:min(len(rest), 500)]
		rest = rest[len(chunk):]
		ph := strings.Repeat(",?", len(chunk))[1:]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		rows, err := db.read.QueryContext(ctx, `SELECT id, country, postcode, sort_name FROM contacts WHERE id IN (`+ph+`)`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var k key
			if err := rows.Scan(&k.id, &k.country, &k.zip, &k.name); err != nil {
				rows.Close()
				return nil, err
			}
			k.zip = strings.Map(func(r rune) rune {
				if r == ' ' || r == '-' {
					return -1
				}
				return r
			}, k.zip)
			if k.country == "" || k.country == home {
				k.country = "" // sorts first
			}
			keys = append(keys, k)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	slices.SortStableFunc(keys, func(a, b key) int {
		return cmp.Or(cmp.Compare(a.country, b.country), cmp.Compare(len(a.zip), len(b.zip)), cmp.Compare(a.zip, b.zip), cmp.Compare(a.name, b.name), cmp.Compare(a.id, b.id))
	})
	out := make([]int64, len(keys))
	for i, k := range keys {
		out[i] = k.id
	}
	return out, nil
}

// PurchaseSummaries returns each contact's number of orders, last order date
// and total spent (minor units of the workspace currency), for merge fields.
func (db *DB) PurchaseSummaries(ctx context.Context, ids []int64) (map[int64]marketing.PurchaseSummary, error) {
	out := make(map[int64]marketing.PurchaseSummary, len(ids))
	for rest := ids; len(rest) > 0; {
		chunk := rest[:min(len(rest), 500)]
		rest = rest[len(chunk):]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		rows, err := db.read.QueryContext(ctx, `SELECT contact_id, count(*), max(date), sum(total_minor) FROM orders
			WHERE contact_id IN (`+strings.Repeat(",?", len(chunk))[1:]+`) GROUP BY contact_id`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			var p marketing.PurchaseSummary
			if err := rows.Scan(&id, &p.Orders, &p.LastDate, &p.TotalMinor); err != nil {
				rows.Close()
				return nil, err
			}
			out[id] = p
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// SeedTemplates stores the starter templates once per workspace: a starter
// the user deleted does not come back.
func (db *DB) SeedTemplates(ctx context.Context, starters []marketing.Template) error {
	var seeded bool
	if ok, err := db.GetValue(ctx, "templates.seeded", &seeded); err != nil || (ok && seeded) {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var again bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM settings WHERE key = 'templates.seeded')`).Scan(&again); err != nil || again {
			return err
		}
		now := db.now()
		for _, t := range starters {
			layout, err := json.Marshal(t.Layout)
			if err != nil {
				return err
			}
			res, err := tx.ExecContext(ctx, `INSERT INTO templates (name, kind, title, lang, body, layout, version, starter, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?) ON CONFLICT (name) DO NOTHING`, t.Name, t.Kind, t.Title, t.Lang, t.Body, string(layout), t.Starter, now, now)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				continue
			}
			id, _ := res.LastInsertId()
			if _, err := tx.ExecContext(ctx, `INSERT INTO template_versions (template_id, version, body, layout, saved_at) VALUES (?, 1, ?, ?, ?)`, id, t.Body, string(layout), now); err != nil {
				return err
			}
		}
		return setValue(ctx, tx, "templates.seeded", true)
	})
}

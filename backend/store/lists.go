package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"directdesk/backend/marketing"
)

// Bought and rented lists: the import of one creates a supplier_lists row
// in the import's own transaction, and the contacts that import creates
// point at it (contacts.list_id). Contacts the list shares with the
// workspace keep their own origin and list.

// beginList records the list an import of a bought or rented list brings
// (nothing for an own list, a dry run, or a batch without terms).
func (s *ImportSession) beginList(ctx context.Context, b *marketing.ImportBatch) error {
	o := b.Options
	if s.dry || o.List == nil || (o.ListKind != marketing.ListBought && o.ListKind != marketing.ListRented) {
		return nil
	}
	t := o.List
	res, err := s.tx.ExecContext(ctx, `INSERT INTO supplier_lists (batch_id, kind, supplier, acquired_on, licence, expires_on, legal_basis, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, s.batchID, o.ListKind, t.Supplier, t.AcquiredOn, t.Licence, t.ExpiresOn, t.LegalBasis, s.now)
	if err != nil {
		return err
	}
	s.listID, err = res.LastInsertId()
	s.listTerms = *t
	return err
}

// linkToList points a contact the import created at the import's list.
func (s *ImportSession) linkToList(ctx context.Context, contactID int64) error {
	if s.listID == 0 {
		return nil
	}
	_, err := s.exec(ctx, "UPDATE contacts SET list_id = ? WHERE id = ?", s.listID, contactID)
	return err
}

// finishList writes the audit line of a list import once its contacts are in.
func (s *ImportSession) finishList(ctx context.Context, b *marketing.ImportBatch) error {
	if s.listID == 0 {
		return nil
	}
	var n int
	if err := s.tx.QueryRowContext(ctx, "SELECT count(*) FROM contacts WHERE list_id = ?", s.listID).Scan(&n); err != nil {
		return err
	}
	return writeAudit(ctx, s.tx, s.now, marketing.AuditListImport, 0, map[string]string{
		"listId": strconv.FormatInt(s.listID, 10), "batchId": strconv.FormatInt(s.batchID, 10), "kind": b.Options.ListKind,
		"supplier": s.listTerms.Supplier, "licence": s.listTerms.Licence, "expiresOn": s.listTerms.ExpiresOn,
		"file": b.FileName, "contacts": strconv.Itoa(n), "alreadyStored": strconv.Itoa(b.Counts.DuplicatesExisting),
	}, "")
}

// undoBatchList removes the list an undone import brought, unless some of
// its contacts were kept (changed since the import): they still need the
// licence checked.
func undoBatchList(ctx context.Context, tx *sql.Tx, batchID int64) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM supplier_lists WHERE batch_id = ?
		AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.list_id = supplier_lists.id)`, batchID)
	return err
}

// SupplierLists lists the bought and rented lists, newest first, with how
// many of their contacts are still stored, the campaigns that used them,
// and whether they may be used today (now): expired, used up (a one-time
// list already used), not washed (a register its contacts' countries need
// is missing or stale). defaultCountry stands in for contacts without one.
func (db *DB) SupplierLists(ctx context.Context, now time.Time, defaultCountry string) ([]marketing.SupplierList, error) {
	st, err := db.LoadPrivacyState(ctx)
	if err != nil {
		return nil, err
	}
	fresh := map[string]bool{}
	for _, r := range st.Registers {
		stale, _ := marketing.RegisterStale(r.Register, r.ListDate, now)
		fresh[r.Register] = !stale
	}
	rows, err := db.read.QueryContext(ctx, `SELECT l.id, coalesce(l.batch_id, 0), l.kind, l.supplier, l.acquired_on, l.licence, l.expires_on, l.legal_basis, l.created_at,
		(SELECT count(*) FROM contacts c WHERE c.list_id = l.id),
		coalesce((SELECT group_concat(DISTINCT upper(coalesce(nullif(c.country, ''), ?))) FROM contacts c WHERE c.list_id = l.id), ''),
		coalesce((SELECT json_group_array(coalesce(k.name, '#' || u.campaign_id)) FROM (SELECT * FROM list_uses WHERE list_id = l.id ORDER BY used_at, campaign_id) u
			LEFT JOIN campaigns k ON k.id = u.campaign_id), '[]')
		FROM supplier_lists l ORDER BY l.created_at DESC, l.id DESC`, defaultCountry)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	day := now.Format("2006-01-02")
	out := []marketing.SupplierList{}
	for rows.Next() {
		var l marketing.SupplierList
		var countries, used string
		if err := rows.Scan(&l.ID, &l.BatchID, &l.Kind, &l.Supplier, &l.AcquiredOn, &l.Licence, &l.ExpiresOn, &l.LegalBasis, &l.CreatedAt,
			&l.Contacts, &countries, &used); err != nil {
			return nil, err
		}
		l.UsedBy = []string{}
		_ = json.Unmarshal([]byte(used), &l.UsedBy)
		l.Expired = l.ExpiresOn != "" && day > l.ExpiresOn
		l.UsedUp = l.Licence == marketing.LicenceOnce && len(st.UsedBy[l.ID]) > 0
		for _, cc := range strings.Split(countries, ",") {
			if reg := marketing.RegisterForCountry(cc); reg != "" && !fresh[reg] {
				l.NotWashed = true
			}
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// SaveListTerms corrects a list's terms (a typo in the supplier, a longer
// licence) and notes the change in the audit log. The kind stays.
func (db *DB) SaveListTerms(ctx context.Context, id int64, t marketing.ListTerms, by string) error {
	if err := marketing.ValidateListTerms(&t, db.Now()); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var old marketing.ListTerms
		err := tx.QueryRowContext(ctx, "SELECT supplier, acquired_on, licence, expires_on, legal_basis FROM supplier_lists WHERE id = ?", id).
			Scan(&old.Supplier, &old.AcquiredOn, &old.Licence, &old.ExpiresOn, &old.LegalBasis)
		if errors.Is(err, sql.ErrNoRows) {
			return marketing.FieldError(marketing.ENotFound, "id", "This list is not in the workspace any more. It may have been removed by undoing its import.", nil)
		} else if err != nil {
			return err
		}
		if old == t {
			return nil
		}
		if _, err := tx.ExecContext(ctx, "UPDATE supplier_lists SET supplier = ?, acquired_on = ?, licence = ?, expires_on = ?, legal_basis = ? WHERE id = ?",
			t.Supplier, t.AcquiredOn, t.Licence, t.ExpiresOn, t.LegalBasis, id); err != nil {
			return err
		}
		detail := map[string]string{"listId": strconv.FormatInt(id, 10)}
		for _, f := range []struct{ k, was, is string }{
			{"supplier", old.Supplier, t.Supplier}, {"acquiredOn", old.AcquiredOn, t.AcquiredOn}, {"licence", old.Licence, t.Licence},
			{"expiresOn", old.ExpiresOn, t.ExpiresOn}, {"legalBasis", old.LegalBasis, t.LegalBasis},
		} {
			if f.was != f.is {
				detail[f.k+"Was"], detail[f.k] = f.was, f.is
			}
		}
		return writeAudit(ctx, tx, db.now(), marketing.AuditListTerms, 0, detail, by)
	})
}

// SupplierListContacts pages through the contacts stored from a list, by name.
func (db *DB) SupplierListContacts(ctx context.Context, id int64, offset, limit int) ([]marketing.ListContact, int, error) {
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	var total int
	if err := db.read.QueryRowContext(ctx, "SELECT count(*) FROM contacts WHERE list_id = ?", id).Scan(&total); err != nil {
		return nil, 0, err
	}
	rows, err := db.read.QueryContext(ctx, `SELECT id, first_name, middle_name, last_name, company, coalesce(email, ''), phone, mobile, postcode, city, country, kind
		FROM contacts WHERE list_id = ? ORDER BY sort_name, id LIMIT ? OFFSET ?`, id, limit, max(offset, 0))
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	out := []marketing.ListContact{}
	for rows.Next() {
		var c marketing.Contact
		var lc marketing.ListContact
		var kind string
		if err := rows.Scan(&lc.ID, &c.FirstName, &c.MiddleName, &c.LastName, &c.Company, &lc.Email, &lc.Phone, &lc.Mobile, &lc.Postcode, &lc.City, &lc.Country, &kind); err != nil {
			return nil, 0, err
		}
		lc.Name, lc.Kind = c.DisplayName(), kind
		out = append(out, lc)
	}
	return out, total, rows.Err()
}

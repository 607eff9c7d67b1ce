package store

import (
	"context"
	"database/sql"
	"encoding/json"

	"directdesk/backend/marketing"
)

// AddAudit appends one audit log line in its own transaction (for actions
// whose work is not a database write, such as an export).
func (db *DB) AddAudit(ctx context.Context, action string, contactID int64, detail map[string]string, by string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		return writeAudit(ctx, tx, db.now(), action, contactID, detail, by)
	})
}

// AuditLog returns one page of the audit log, newest first; action ""
// means every action.
func (db *DB) AuditLog(ctx context.Context, action string, offset, limit int) (marketing.AuditPage, error) {
	page := marketing.AuditPage{Items: []marketing.AuditEntry{}}
	limit = min(max(limit, 1), 1000)
	offset = max(offset, 0)
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return page, err
	}
	defer tx.Rollback()
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM audit_log WHERE ?1 = '' OR action = ?1", action).Scan(&page.Total); err != nil {
		return page, err
	}
	err = eachAudit(ctx, tx, action, offset, limit, func(e marketing.AuditEntry) error {
		page.Items = append(page.Items, e)
		return nil
	})
	return page, err
}

// EachAudit calls fn for every audit line (newest first) with action, or
// all lines for "": the audit export streams them.
func (db *DB) EachAudit(ctx context.Context, action string, fn func(e marketing.AuditEntry) error) error {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return eachAudit(ctx, tx, action, 0, -1, fn)
}

func eachAudit(ctx context.Context, q querier, action string, offset, limit int, fn func(e marketing.AuditEntry) error) error {
	rows, err := q.QueryContext(ctx, `SELECT id, at, action, coalesce(contact_id, 0), detail, by_whom FROM audit_log
		WHERE ?1 = '' OR action = ?1 ORDER BY at DESC, id DESC LIMIT ?2 OFFSET ?3`, action, limit, offset)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var e marketing.AuditEntry
		var detail string
		if err := rows.Scan(&e.ID, &e.At, &e.Action, &e.ContactID, &detail, &e.By); err != nil {
			return err
		}
		e.Detail = map[string]string{}
		_ = json.Unmarshal([]byte(detail), &e.Detail)
		if err := fn(e); err != nil {
			return err
		}
	}
	return rows.Err()
}

package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"unicode/utf8"

	"directdesk/backend/contacts"
	"directdesk/backend/marketing"
)

// The whole suppression list: email addresses (suppressions: unsubscribes,
// hard bounces, complaints, added by hand) and phone numbers
// (phone_suppressions: STOP replies, a no on the phone, added by hand).
// Erased people are kept only as hashes (erased_hashes) and are counted,
// never listed: there is nothing readable to show.

// Suppression kinds.
const (
	SuppressKindEmail = "email"
	SuppressKindPhone = "phone"
)

// suppressionUnion is both lists as (kind, value, fold, reason, source, created_at).
const suppressionUnion = `SELECT 'email' AS kind, email AS value, email_fold AS fold, reason, source, created_at FROM suppressions
	UNION ALL SELECT 'phone', phone, phone, reason, source, created_at FROM phone_suppressions`

// SuppressionList pages through the suppression list, newest first. kind
// is "", email or phone; query matches part of an address, the digits of
// a number, or the source. The total counts all matches.
func (db *DB) SuppressionList(ctx context.Context, query, kind string, offset, limit int) ([]marketing.SuppressionEntry, int, error) {
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	var where []string
	var args []any
	switch kind {
	case "":
	case SuppressKindEmail, SuppressKindPhone:
		where, args = append(where, "kind = ?"), append(args, kind)
	default:
		return nil, 0, marketing.FieldError(marketing.EInvalid, "kind", "Choose email addresses, phone numbers or both.", map[string]string{"reason": "choice"})
	}
	if q := strings.TrimSpace(query); q != "" {
		esc := strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`)
		like := "%" + esc.Replace(marketing.Fold(q)) + "%"
		cond := `fold LIKE ? ESCAPE '\' OR dd_fold(source) LIKE ? ESCAPE '\'`
		args = append(args, like, like)
		// "20 12 34 56" finds +4520123456: numbers are stored in E.164.
		if digits := onlyDigits(q); len(digits) >= 3 {
			cond += ` OR (kind = 'phone' AND fold LIKE ?)`
			args = append(args, "%"+digits+"%")
		}
		where = append(where, "("+cond+")")
	}
	w := ""
	if len(where) > 0 {
		w = " WHERE " + strings.Join(where, " AND ")
	}
	var total int
	if err := db.read.QueryRowContext(ctx, "SELECT count(*) FROM ("+suppressionUnion+")"+w, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	rows, err := db.read.QueryContext(ctx, "SELECT kind, value, reason, source, created_at FROM ("+suppressionUnion+")"+w+
		" ORDER BY created_at DESC, kind, fold LIMIT ? OFFSET ?", append(args, limit, max(offset, 0))...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	out := []marketing.SuppressionEntry{}
	for rows.Next() {
		var e marketing.SuppressionEntry
		if err := rows.Scan(&e.Kind, &e.Value, &e.Reason, &e.Source, &e.CreatedAt); err != nil {
			return nil, 0, err
		}
		out = append(out, e)
	}
	return out, total, rows.Err()
}

// EachSuppression calls fn for every entry of the list (emails, then
// numbers), for the export; erased people are not in it.
func (db *DB) EachSuppression(ctx context.Context, fn func(e *marketing.SuppressionEntry) error) error {
	rows, err := db.read.QueryContext(ctx, "SELECT kind, value, reason, source, created_at FROM ("+suppressionUnion+") ORDER BY kind, fold")
	if err != nil {
		return err
	}
	defer rows.Close()
	var e marketing.SuppressionEntry
	for rows.Next() {
		if err := rows.Scan(&e.Kind, &e.Value, &e.Reason, &e.Source, &e.CreatedAt); err != nil {
			return err
		}
		if err := fn(&e); err != nil {
			return err
		}
	}
	return rows.Err()
}

// ErasedCount is how many addresses and numbers of erased people are kept
// suppressed as a code (one person may leave an email and two numbers).
func (db *DB) ErasedCount(ctx context.Context) (int, error) {
	var n int
	err := db.read.QueryRowContext(ctx, "SELECT count(*) FROM erased_hashes").Scan(&n)
	return n, err
}

// NormalizeSuppression checks an address or number typed for the
// suppression list: an email must be a real address (folded for the key),
// a number is put in E.164 with the workspace's country (country).
func NormalizeSuppression(kind, value, country string) (string, error) {
	value = strings.TrimSpace(value)
	switch kind {
	case SuppressKindEmail:
		if value == "" {
			return "", marketing.FieldError(marketing.EInvalid, "value", "Type the email address to block, like name@example.dk.", map[string]string{"reason": "required"})
		}
		v, err := contacts.NormalizeEmail(value)
		if err != nil {
			return "", marketing.FieldError(marketing.EInvalid, "value", "This is not a valid email address. It should look like name@example.dk.", map[string]string{"reason": "email", "value": clip(value, 80)})
		}
		return v, nil
	case SuppressKindPhone:
		if value == "" {
			return "", marketing.FieldError(marketing.EInvalid, "value", "Type the phone number to block, e.g. +45 20 12 34 56.", map[string]string{"reason": "required"})
		}
		v, err := contacts.NormalizePhone("value", value, country)
		if err != nil {
			return "", marketing.FieldError(marketing.EInvalid, "value", "This phone number is not valid. Type it with the country code, e.g. +45 20 12 34 56, or as a local number.",
				map[string]string{"reason": "phone", "value": clip(value, 40)})
		}
		return v, nil
	}
	return "", marketing.FieldError(marketing.EInvalid, "kind", "Choose whether you block an email address or a phone number.", map[string]string{"reason": "choice"})
}

// Reasons a person may put on the list by hand, per kind.
func manualReason(kind, reason string) bool {
	switch reason {
	case marketing.SuppressManual, marketing.SuppressOptOut:
		return true
	case marketing.SuppressUnsubscribe, marketing.SuppressHardBounce, marketing.SuppressComplaint:
		return kind == SuppressKindEmail
	}
	return false
}

// AddSuppressionEntry puts an email address or phone number on the
// suppression list (value as typed; see NormalizeSuppression) and notes it
// in the audit log. One already on the list is a conflict: it keeps its
// first reason.
func (db *DB) AddSuppressionEntry(ctx context.Context, kind, value, reason, source, by string) (marketing.SuppressionEntry, error) {
	var e marketing.SuppressionEntry
	if reason == "" {
		reason = marketing.SuppressManual
	}
	if kind != SuppressKindEmail && kind != SuppressKindPhone {
		return e, marketing.FieldError(marketing.EInvalid, "kind", "Choose whether you block an email address or a phone number.", map[string]string{"reason": "choice"})
	}
	if !manualReason(kind, reason) {
		return e, marketing.FieldError(marketing.EInvalid, "reason", "Choose why the address or number is blocked.", map[string]string{"reason": "choice", "value": clip(reason, 40)})
	}
	source = strings.TrimSpace(source)
	if marketing.HasControlChars(source) || utf8.RuneCountInString(source) > 200 {
		return e, marketing.FieldError(marketing.EInvalid, "source", "The note is at most 200 characters, on one line.", map[string]string{"reason": "too_long"})
	}
	settings, err := db.Settings(ctx, marketing.Settings{})
	if err != nil {
		return e, err
	}
	v, err := NormalizeSuppression(kind, value, settings.Country)
	if err != nil {
		return e, err
	}
	e = marketing.SuppressionEntry{Kind: kind, Value: v, Reason: reason, Source: source, CreatedAt: db.now()}
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		var res sql.Result
		var err error
		if kind == SuppressKindEmail {
			res, err = tx.ExecContext(ctx, "INSERT OR IGNORE INTO suppressions (email_fold, email, reason, source, created_at) VALUES (?, ?, ?, ?, ?)",
				foldEmail(v), v, reason, source, e.CreatedAt)
		} else {
			res, err = tx.ExecContext(ctx, "INSERT OR IGNORE INTO phone_suppressions (phone, reason, source, created_at) VALUES (?, ?, ?, ?)",
				v, reason, source, e.CreatedAt)
		}
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return marketing.FieldError(marketing.EConflict, "value", "This is already on the suppression list.", map[string]string{"reason": "duplicate", "value": v})
		}
		return writeAudit(ctx, tx, e.CreatedAt, marketing.AuditSuppression, 0,
			map[string]string{"change": "add", "kind": kind, "value": maskValue(kind, v), "reason": reason}, by)
	})
	return e, err
}

// RemoveSuppressionEntry takes an address or number off the list, e.g.
// when the person asks to hear from the shop again (that is no consent:
// consent is recorded separately). An opt-out or manual entry goes at
// once; a hard bounce or complaint only when confirmed (the mail server or
// the person said so, and sending again can harm the shop's sending).
// Erased people are not on this list and cannot be taken off.
func (db *DB) RemoveSuppressionEntry(ctx context.Context, kind, value string, confirmed bool, by string) error {
	settings, err := db.Settings(ctx, marketing.Settings{})
	if err != nil {
		return err
	}
	v, err := NormalizeSuppression(kind, value, settings.Country)
	if err != nil {
		// A stored value that today's rules refuse is still removable.
		if kind != SuppressKindEmail && kind != SuppressKindPhone {
			return err
		}
		v = strings.TrimSpace(value)
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var reason string
		var err error
		if kind == SuppressKindEmail {
			err = tx.QueryRowContext(ctx, "SELECT reason FROM suppressions WHERE email_fold = ?", foldEmail(v)).Scan(&reason)
		} else {
			err = tx.QueryRowContext(ctx, "SELECT reason FROM phone_suppressions WHERE phone = ?", v).Scan(&reason)
		}
		if errors.Is(err, sql.ErrNoRows) {
			return marketing.FieldError(marketing.ENotFound, "value", "This is not on the suppression list.", map[string]string{"reason": "not_found", "value": clip(v, 80)})
		} else if err != nil {
			return err
		}
		if (reason == marketing.SuppressHardBounce || reason == marketing.SuppressComplaint) && !confirmed {
			return &marketing.Error{Code: marketing.EConflict, Field: "value",
				Message: "This address was blocked because of a " + strings.ReplaceAll(reason, "_", " ") + ". Confirm that you want to mail it again.",
				Details: map[string]string{"reason": "confirm", "was": reason}}
		}
		if kind == SuppressKindEmail {
			_, err = tx.ExecContext(ctx, "DELETE FROM suppressions WHERE email_fold = ?", foldEmail(v))
		} else {
			_, err = tx.ExecContext(ctx, "DELETE FROM phone_suppressions WHERE phone = ?", v)
		}
		if err != nil {
			return err
		}
		return writeAudit(ctx, tx, db.now(), marketing.AuditSuppression, 0,
			map[string]string{"change": "remove", "kind": kind, "value": maskValue(kind, v), "was": reason}, by)
	})
}

// suppressPhones puts a contact's numbers on the phone suppression list
// inside tx: the person said no on the phone or by SMS.
func suppressPhones(ctx context.Context, tx *sql.Tx, contactID int64, reason, source, now string) error {
	_, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO phone_suppressions (phone, reason, source, created_at)
		SELECT n, ?1, ?2, ?3 FROM (SELECT phone AS n FROM contacts WHERE id = ?4 UNION SELECT mobile FROM contacts WHERE id = ?4) WHERE n <> ''`,
		reason, clip(source, 200), now, contactID)
	return err
}

// maskValue keeps enough of an address or number in the audit log to
// recognise it, not enough to contact the person after an erasure.
func maskValue(kind, v string) string {
	r := []rune(v)
	if kind == SuppressKindPhone {
		if len(r) <= 4 {
			return v
		}
		return string(r[:3]) + strings.Repeat("•", len(r)-5) + string(r[len(r)-2:])
	}
	at := strings.LastIndexByte(v, '@')
	if at < 0 {
		return "•••"
	}
	local := []rune(v[:at])
	return string(local[:min(2, len(local))]) + "•••" + v[at:]
}

func onlyDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

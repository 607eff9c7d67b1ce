package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"directdesk/backend/marketing"
)

// ReachRow is what privacy.Checker needs about one contact for one consent
// channel: their current consent for it, whether their email address is
// suppressed, and the privacy facts (privacyCols).
type ReachRow struct {
	ID              int64
	Name            string
	Consent         string // granted, refused or ""
	EmailSuppressed bool
	Facts           PrivacyFacts
}

// reachCols reads a ReachRow over contact c; the first argument is the
// consent channel.
const reachCols = `c.id, c.first_name, c.middle_name, c.last_name, c.company,
	coalesce((SELECT status FROM contact_consent k WHERE k.contact_id = c.id AND k.channel = ?), ''),
	c.email_fold IS NOT NULL AND EXISTS (SELECT 1 FROM suppressions s WHERE s.email_fold = c.email_fold),
	` + privacyCols

func scanReach(r rowScanner, m *ReachRow) error {
	var first, middle, last, company string
	if err := r.Scan(append([]any{&m.ID, &first, &middle, &last, &company, &m.Consent, &m.EmailSuppressed}, m.Facts.dest()...)...); err != nil {
		return err
	}
	m.Name = displayName(first, middle, last, company)
	return nil
}

func displayName(first, middle, last, company string) string {
	if n := strings.Join(strings.Fields(first+" "+middle+" "+last), " "); n != "" {
		return n
	}
	return company
}

// ReachRows reads the reach facts of ids for a consent channel, in the
// order of ids (deleted contacts left out), 500 at a time.
func (db *DB) ReachRows(ctx context.Context, ids []int64, channel string) ([]ReachRow, error) {
	return reachRows(ctx, db.read, ids, channel)
}

func reachRows(ctx context.Context, q querier, ids []int64, channel string) ([]ReachRow, error) {
	return rowsByID(ctx, q, reachCols, ids, []any{channel}, scanReach, func(m *ReachRow) int64 { return m.ID })
}

// rowsByID reads the contacts of ids with cols (which may take the lead
// arguments first), 500 ids per query, and returns them in the order of
// ids; deleted contacts are left out.
func rowsByID[T any](ctx context.Context, q querier, cols string, ids []int64, lead []any,
	scan func(rowScanner, *T) error, id func(*T) int64) ([]T, error) {
	out := make([]T, 0, len(ids))
	for start := 0; start < len(ids); start += 500 {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		part := ids[start:min(len(ids), start+500)]
		args := append(append([]any{}, lead...), int64Args(part)...)
		rows, err := q.QueryContext(ctx, `SELECT `+cols+` FROM contacts c WHERE c.id IN (`+qmarks(len(part))+`)`, args...)
		if err != nil {
			return nil, err
		}
		got := make(map[int64]T, len(part))
		for rows.Next() {
			var m T
			if err := scan(rows, &m); err != nil {
				rows.Close()
				return nil, err
			}
			got[id(&m)] = m
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		for _, i := range part {
			if m, ok := got[i]; ok {
				out = append(out, m)
			}
		}
	}
	return out, nil
}

// ReachCheck says why a person may not be contacted ("" = may): the send
// paths pass privacy.Checker.Reason through it, so the store applies the
// one rule without knowing it.
type ReachCheck func(r *ReachRow) (reason, detail string)

// SkipBlockedWork takes off a touch's due list (letters, SMS, calls) the
// people who may no longer be contacted on the consent channel — they said
// no, were erased, turned up on a register, their list's licence ran out —
// with check's reason, in one transaction. It counts them by reason.
func (db *DB) SkipBlockedWork(ctx context.Context, touchID int64, channel string, now time.Time, check ReachCheck) (map[string]int, error) {
	return db.skipBlockedWork(ctx, touchID, nil, channel, now, check)
}

// SkipBlockedWorkItems is SkipBlockedWork for the due rows among workIDs
// only (a page of the list being shown): reading the privacy facts of a
// whole list on every page view held the write lock for seconds.
func (db *DB) SkipBlockedWorkItems(ctx context.Context, touchID int64, workIDs []int64, channel string, now time.Time, check ReachCheck) (map[string]int, error) {
	if len(workIDs) == 0 {
		return map[string]int{}, nil
	}
	return db.skipBlockedWork(ctx, touchID, workIDs, channel, now, check)
}

func (db *DB) skipBlockedWork(ctx context.Context, touchID int64, workIDs []int64, channel string, now time.Time, check ReachCheck) (map[string]int, error) {
	n := map[string]int{}
	where, args := ``, []any{channel, touchID}
	if workIDs != nil {
		where = ` AND w.id IN (` + qmarks(len(workIDs)) + `)`
		args = append(args, int64Args(workIDs)...)
	}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		clear(n)
		rows, err := tx.QueryContext(ctx, `SELECT w.id, `+reachCols+` FROM touch_work w JOIN contacts c ON c.id = w.contact_id
			WHERE w.touch_id = ? AND w.state = 'due'`+where+` ORDER BY w.id`, args...)
		if err != nil {
			return err
		}
		type skip struct {
			id     int64
			reason string
		}
		var skips []skip
		for rows.Next() {
			var wid int64
			var m ReachRow
			var first, middle, last, company string
			if err := rows.Scan(append([]any{&wid, &m.ID, &first, &middle, &last, &company, &m.Consent, &m.EmailSuppressed}, m.Facts.dest()...)...); err != nil {
				rows.Close()
				return err
			}
			if r, _ := check(&m); r != "" {
				skips = append(skips, skip{wid, r})
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		up, err := tx.PrepareContext(ctx, `UPDATE touch_work SET state = 'skipped', reason = ?, updated_at = ? WHERE id = ? AND state = 'due'`)
		if err != nil {
			return err
		}
		defer up.Close()
		ts := marketing.Timestamp(now)
		for _, s := range skips {
			if _, err := up.ExecContext(ctx, s.reason, ts, s.id); err != nil {
				return err
			}
		}
		for _, s := range skips {
			n[s.reason]++
		}
		return nil
	})
	return n, err
}

// SkippedWork pages the people of a touch's list who were left out, with
// the reason (reason "" = any), by name.
func (db *DB) SkippedWork(ctx context.Context, touchID int64, reason string, offset, limit int) ([]marketing.ExcludedPerson, int, error) {
	cond, args := `w.touch_id = ? AND w.state = 'skipped'`, []any{touchID}
	if reason != "" {
		cond += ` AND w.reason = ?`
		args = append(args, reason)
	}
	var total int
	if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM touch_work w WHERE `+cond, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	rows, err := db.read.QueryContext(ctx, `SELECT w.contact_id, c.first_name, c.middle_name, c.last_name, c.company, w.reason
		FROM touch_work w JOIN contacts c ON c.id = w.contact_id WHERE `+cond+` ORDER BY w.id LIMIT ? OFFSET ?`,
		append(args, max(1, limit), max(0, offset))...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	out := []marketing.ExcludedPerson{}
	for rows.Next() {
		var p marketing.ExcludedPerson
		var first, middle, last, company string
		if err := rows.Scan(&p.ContactID, &first, &middle, &last, &company, &p.Reason); err != nil {
			return nil, 0, err
		}
		p.Name = displayName(first, middle, last, company)
		out = append(out, p)
	}
	return out, total, rows.Err()
}

// checkListLicence refuses, inside a launch or mailing transaction that
// has just recorded its list uses, a one-time list that another campaign
// used meanwhile (two launches at once both passed their preflight).
func checkListLicence(ctx context.Context, tx *sql.Tx, campaignID int64) error {
	var supplier string
	err := tx.QueryRowContext(ctx, `SELECT l.supplier FROM list_uses u JOIN supplier_lists l ON l.id = u.list_id
		WHERE u.campaign_id = ? AND l.licence = 'once'
		AND EXISTS (SELECT 1 FROM list_uses o WHERE o.list_id = u.list_id AND o.campaign_id <> ?) LIMIT 1`, campaignID, campaignID).Scan(&supplier)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return err
	}
	return marketing.FieldError(marketing.EConflict, "selection", "The list bought from "+supplier+" may be used once, and another campaign has just used it. Check the preflight again.",
		map[string]string{"reason": marketing.ExcludeLicenceUsed, "supplier": supplier})
}

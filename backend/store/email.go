package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"directdesk/backend/marketing"
)

// Mail accounts, mailings (campaign + touch), the outbox and its runner's
// steps (migration 0007). The runner never holds a transaction across
// network I/O: each step here is one short transaction.

const accountColumns = `id, name, from_name, from_email, reply_to, smtp_host, smtp_port, smtp_security, smtp_user,
	imap_host, imap_port, imap_security, imap_user, processed_folder, per_minute, per_hour, per_day,
	unsubscribe_url, dkim_selector, dkim_enabled, dkim_key <> '', created_at, updated_at`

func scanAccount(r rowScanner, a *marketing.MailAccount) error {
	var hasKey bool
	err := r.Scan(&a.ID, &a.Name, &a.FromName, &a.FromEmail, &a.ReplyTo, &a.SMTPHost, &a.SMTPPort, &a.SMTPSecurity, &a.SMTPUser,
		&a.IMAPHost, &a.IMAPPort, &a.IMAPSecurity, &a.IMAPUser, &a.ProcessedFolder, &a.PerMinute, &a.PerHour, &a.PerDay,
		&a.UnsubscribeURL, &a.DKIMSelector, &a.DKIMEnabled, &hasKey, &a.CreatedAt, &a.UpdatedAt)
	if !hasKey {
		a.DKIMSelector = ""
	}
	return err
}

// MailAccounts lists the accounts by name.
func (db *DB) MailAccounts(ctx context.Context) ([]marketing.MailAccount, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+accountColumns+` FROM mail_accounts ORDER BY name COLLATE NOCASE, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []marketing.MailAccount{}
	for rows.Next() {
		var a marketing.MailAccount
		if err := scanAccount(rows, &a); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// MailAccount returns one account.
func (db *DB) MailAccount(ctx context.Context, id int64) (marketing.MailAccount, error) {
	var a marketing.MailAccount
	err := scanAccount(db.read.QueryRowContext(ctx, `SELECT `+accountColumns+` FROM mail_accounts WHERE id = ?`, id), &a)
	if errors.Is(err, sql.ErrNoRows) {
		return a, marketing.FieldError(marketing.ENotFound, "account", "This mail account no longer exists. Pick another or add one under Settings → Email.", nil)
	}
	return a, err
}

// SaveMailAccount inserts (ID 0) or updates an account; the DKIM key is
// kept (use SetDKIMKey).
func (db *DB) SaveMailAccount(ctx context.Context, a *marketing.MailAccount) error {
	now := db.now()
	return db.inTx(ctx, func(tx *sql.Tx) error {
		args := []any{a.Name, a.FromName, a.FromEmail, a.ReplyTo, a.SMTPHost, a.SMTPPort, a.SMTPSecurity, a.SMTPUser,
			a.IMAPHost, a.IMAPPort, a.IMAPSecurity, a.IMAPUser, a.ProcessedFolder, a.PerMinute, a.PerHour, a.PerDay,
			a.UnsubscribeURL, now}
		if a.ID == 0 {
			res, err := tx.ExecContext(ctx, `INSERT INTO mail_accounts (name, from_name, from_email, reply_to, smtp_host, smtp_port, smtp_security, smtp_user,
				imap_host, imap_port, imap_security, imap_user, processed_folder, per_minute, per_hour, per_day, unsubscribe_url, updated_at, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, append(args, now)...)
			if err != nil {
				return err
			}
			a.ID, _ = res.LastInsertId()
			a.CreatedAt = now
		} else {
			res, err := tx.ExecContext(ctx, `UPDATE mail_accounts SET name = ?, from_name = ?, from_email = ?, reply_to = ?, smtp_host = ?, smtp_port = ?,
				smtp_security = ?, smtp_user = ?, imap_host = ?, imap_port = ?, imap_security = ?, imap_user = ?, processed_folder = ?,
				per_minute = ?, per_hour = ?, per_day = ?, unsubscribe_url = ?, updated_at = ? WHERE id = ?`, append(args, a.ID)...)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return marketing.FieldError(marketing.ENotFound, "account", "This mail account no longer exists.", nil)
			}
		}
		a.UpdatedAt = now
		return nil
	})
}

// DeleteMailAccount removes an account unless a mailing still sends with it.
func (db *DB) DeleteMailAccount(ctx context.Context, id int64) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var busy int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM campaign_touches t JOIN campaigns c ON c.id = t.campaign_id
			WHERE t.account_id = ? AND c.status IN ('running', 'paused', 'scheduled')`, id).Scan(&busy); err != nil {
			return err
		}
		if busy > 0 {
			return marketing.Errorf(marketing.EConflict, "A mailing is still sending with this account. Finish or cancel it first.")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE campaign_touches SET account_id = NULL WHERE account_id = ?`, id); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM mail_accounts WHERE id = ?`, id)
		return err
	})
}

// DKIMKey returns an account's private signing key ("" when none).
func (db *DB) DKIMKey(ctx context.Context, id int64) (string, error) {
	var k string
	err := db.read.QueryRowContext(ctx, `SELECT dkim_key FROM mail_accounts WHERE id = ?`, id).Scan(&k)
	return k, err
}

// SetDKIM stores a new key and selector (key "" keeps the key) and whether
// signing is on.
func (db *DB) SetDKIM(ctx context.Context, id int64, selector, key string, enabled bool) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE mail_accounts SET dkim_selector = CASE WHEN ? = '' THEN dkim_selector ELSE ? END,
			dkim_key = CASE WHEN ? = '' THEN dkim_key ELSE ? END, dkim_enabled = ?, updated_at = ? WHERE id = ?`,
			selector, selector, key, key, enabled, db.now(), id)
		return err
	})
}

// MailCandidate is a contact as the mailing's list check sees it.
type MailCandidate struct {
	ID         int64
	Name       string
	Email      string
	Kind       string // customer, prospect
	Consent    string // the email consent: granted, refused or ""
	Suppressed bool
	Privacy    PrivacyFacts // for privacy.Checker
}

// MailCandidates reads the contacts of ids (in that order, deleted ones
// left out) with their email consent and suppression.
func (db *DB) MailCandidates(ctx context.Context, ids []int64) ([]MailCandidate, error) {
	out := make([]MailCandidate, 0, len(ids))
	for start := 0; start < len(ids); start += 500 {
		part := ids[start:min(len(ids), start+500)]
		q := `SELECT c.id, c.first_name, c.middle_name, c.last_name, c.company, c.email, c.kind,
			coalesce((SELECT status FROM contact_consent k WHERE k.contact_id = c.id AND k.channel = 'email'), ''),
			EXISTS (SELECT 1 FROM suppressions s WHERE s.email_fold = c.email_fold),
			` + privacyCols + `
			FROM contacts c WHERE c.id IN (` + qmarks(len(part)) + `)`
		rows, err := db.read.QueryContext(ctx, q, int64Args(part)...)
		if err != nil {
			return nil, err
		}
		got := make(map[int64]MailCandidate, len(part))
		for rows.Next() {
			var m MailCandidate
			var first, middle, last, company string
			if err := rows.Scan(append([]any{&m.ID, &first, &middle, &last, &company, &m.Email, &m.Kind, &m.Consent, &m.Suppressed}, m.Privacy.dest()...)...); err != nil {
				rows.Close()
				return nil, err
			}
			m.Name = strings.Join(strings.Fields(first+" "+middle+" "+last), " ")
			if m.Name == "" {
				m.Name = company
			}
			got[m.ID] = m
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		for _, id := range part {
			if m, ok := got[id]; ok {
				out = append(out, m)
			}
		}
	}
	return out, nil
}

// OutboxRow is one recipient as a mailing is created.
type OutboxRow struct {
	ContactID    int64
	Email, Name  string
	State        string // queued or skipped
	Reason       string
	MessageID    string
	Token        string
	ResponseCode string
}

// CreateMailing stores a campaign with one email touch and its outbox, in
// one transaction: the list is frozen as it is now.
func (db *DB) CreateMailing(ctx context.Context, m *marketing.Mailing, rows []OutboxRow) error {
	now := db.now()
	return db.inTx(ctx, func(tx *sql.Tx) error {
		// The name is the key of the mailing's response codes (mailingRows).
		res, err := tx.ExecContext(ctx, `INSERT INTO campaigns (name, kind, status, created_at, updated_at, started_at, launched_at, code_key)
			VALUES (?, 'mailing', 'running', ?, ?, ?, ?, ?)`, m.Name, now, now, now, now, m.Name)
		if err != nil {
			return err
		}
		m.CampaignID, _ = res.LastInsertId()
		atts, err := json.Marshal(m.Attachments)
		if err != nil || m.Attachments == nil {
			atts = []byte("{}")
		}
		res, err = tx.ExecContext(ctx, `INSERT INTO campaign_touches (campaign_id, seq, channel, template_id, template_version, account_id, segment_id, selection, attachments, created_at, started_at, released_at)
			VALUES (?, 1, 'email', ?, ?, ?, ?, ?, ?, ?, ?, ?)`, m.CampaignID, m.TemplateID, m.TemplateVersion, m.AccountID, m.SegmentID, m.Selection, string(atts), now, now, now)
		if err != nil {
			return err
		}
		m.TouchID, _ = res.LastInsertId()
		m.Status, m.CreatedAt, m.StartedAt = marketing.CampaignRunning, now, now
		ins, err := tx.PrepareContext(ctx, `INSERT INTO outbox (touch_id, contact_id, account_id, email, email_fold, name, state, reason, message_id, token, response_code, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer ins.Close()
		// A mailing counts towards campaigns' contact-pressure caps.
		touched, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO contact_touches (contact_id, touch_id, at) VALUES (?, ?, ?)`)
		if err != nil {
			return err
		}
		defer touched.Close()
		for i, r := range rows {
			if i%1024 == 0 && ctx.Err() != nil {
				return marketing.Errorf(marketing.ECanceled, "Cancelled. Nothing was sent.")
			}
			var cid any = r.ContactID
			if r.ContactID == 0 {
				cid = nil
			}
			if _, err := ins.ExecContext(ctx, m.TouchID, cid, m.AccountID, r.Email, foldEmail(r.Email), r.Name, r.State, r.Reason, r.MessageID, r.Token, r.ResponseCode, now); err != nil {
				return err
			}
			if r.ContactID != 0 && r.State == marketing.OutboxQueued {
				if _, err := touched.ExecContext(ctx, r.ContactID, m.TouchID, now); err != nil {
					return err
				}
			}
		}
		// The bought and rented lists of the people queued are used now.
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO list_uses (list_id, campaign_id, used_at)
			SELECT DISTINCT c.list_id, ?, ? FROM outbox o JOIN contacts c ON c.id = o.contact_id
			WHERE o.touch_id = ? AND o.state = 'queued' AND c.list_id IS NOT NULL`, m.CampaignID, now, m.TouchID); err != nil {
			return err
		}
		return checkListLicence(ctx, tx, m.CampaignID)
	})
}

// A campaign's email touch that is done reads as finished (with its own
// end), whatever its campaign still has to do.
const mailingColumns = `c.id, t.id, c.name,
	CASE WHEN c.kind <> 'mailing' AND t.finished_at <> '' THEN 'finished' ELSE c.status END,
	coalesce(t.account_id, 0), coalesce(t.template_id, 0), t.template_version,
	t.segment_id, t.selection, c.pause_reason, c.created_at, c.started_at,
	CASE WHEN c.kind <> 'mailing' THEN t.finished_at ELSE c.finished_at END, t.attachments`

func scanMailing(r rowScanner, m *marketing.Mailing) error {
	var atts string
	if err := r.Scan(&m.CampaignID, &m.TouchID, &m.Name, &m.Status, &m.AccountID, &m.TemplateID, &m.TemplateVersion,
		&m.SegmentID, &m.Selection, &m.PauseReason, &m.CreatedAt, &m.StartedAt, &m.FinishedAt, &atts); err != nil {
		return err
	}
	return json.Unmarshal([]byte(atts), &m.Attachments)
}

// Mailings lists email touches, newest first.
func (db *DB) Mailings(ctx context.Context) ([]marketing.Mailing, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+mailingColumns+` FROM campaign_touches t JOIN campaigns c ON c.id = t.campaign_id
		WHERE t.channel = 'email' AND (c.kind = 'mailing' OR t.released_at <> '') ORDER BY t.id DESC LIMIT 500`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []marketing.Mailing{}
	for rows.Next() {
		var m marketing.Mailing
		if err := scanMailing(rows, &m); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// Mailing returns the mailing of an email touch.
func (db *DB) Mailing(ctx context.Context, touchID int64) (marketing.Mailing, error) {
	var m marketing.Mailing
	err := scanMailing(db.read.QueryRowContext(ctx, `SELECT `+mailingColumns+` FROM campaign_touches t JOIN campaigns c ON c.id = t.campaign_id WHERE t.id = ?`, touchID), &m)
	if errors.Is(err, sql.ErrNoRows) {
		return m, marketing.Errorf(marketing.ENotFound, "This mailing no longer exists.")
	}
	return m, err
}

// SetCampaignStatus moves a campaign to status with a reason (for paused).
// Only a running (or paused) campaign can be paused: a sender that stops
// after the user finished or archived the campaign must not bring it back.
func (db *DB) SetCampaignStatus(ctx context.Context, campaignID int64, status, reason string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		now := db.now()
		fin := ""
		if status == marketing.CampaignFinished {
			fin = now
		}
		_, err := tx.ExecContext(ctx, `UPDATE campaigns SET status = ?, pause_reason = ?, updated_at = ?,
			finished_at = CASE WHEN ? <> '' THEN ? ELSE finished_at END
			WHERE id = ? AND (? <> 'paused' OR status IN ('running', 'paused'))`, status, reason, now, fin, fin, campaignID, status)
		if err == nil && fin != "" {
			_, err = tx.ExecContext(ctx, `UPDATE campaign_touches SET finished_at = ? WHERE campaign_id = ? AND finished_at = ''`, fin, campaignID)
		}
		return err
	})
}

// RunningTouches lists email touches of running campaigns whose list was
// made and that have not finished (to resume after a restart).
func (db *DB) RunningTouches(ctx context.Context) ([]int64, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT t.id FROM campaign_touches t JOIN campaigns c ON c.id = t.campaign_id
		WHERE c.status = 'running' AND t.channel = 'email' AND (c.kind = 'mailing' OR t.released_at <> '') AND t.finished_at = '' ORDER BY t.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// OutboxCounts counts a touch's recipients per state.
func (db *DB) OutboxCounts(ctx context.Context, touchID int64) (map[string]int, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT state, count(*) FROM outbox WHERE touch_id = ? GROUP BY state`, touchID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var s string
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return nil, err
		}
		out[s] = n
	}
	return out, rows.Err()
}

const outboxColumns = `id, touch_id, coalesce(contact_id, 0), name, email, state, reason, attempts, next_attempt_at, message_id, response_code, updated_at, sent_at, token`

func scanOutbox(r rowScanner, e *marketing.OutboxEntry) error {
	return r.Scan(&e.ID, &e.TouchID, &e.ContactID, &e.Name, &e.Email, &e.State, &e.Reason, &e.Attempts, &e.NextAttempt, &e.MessageID, &e.ResponseCode, &e.UpdatedAt, &e.SentAt, &e.Token)
}

// OutboxPage pages a touch's recipients by id; query matches name or
// address, state "" = all, "failed" = soft and hard failures.
func (db *DB) OutboxPage(ctx context.Context, touchID int64, query, state string, offset, limit int) ([]marketing.OutboxEntry, int, error) {
	where := `touch_id = ?`
	args := []any{touchID}
	switch state {
	case "":
	case "failed":
		where += ` AND state IN ('soft_failed', 'hard_failed')`
	default:
		where += ` AND state = ?`
		args = append(args, state)
	}
	if q := strings.TrimSpace(query); q != "" {
		where += ` AND (instr(lower(email), lower(?)) > 0 OR instr(lower(name), lower(?)) > 0)`
		args = append(args, q, q)
	}
	var total int
	if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM outbox WHERE `+where, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	limit = max(1, min(limit, 500))
	rows, err := db.read.QueryContext(ctx, `SELECT `+outboxColumns+` FROM outbox WHERE `+where+` ORDER BY id LIMIT ? OFFSET ?`, append(args, limit, max(0, offset))...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	out := []marketing.OutboxEntry{}
	for rows.Next() {
		var e marketing.OutboxEntry
		if err := scanOutbox(rows, &e); err != nil {
			return nil, 0, err
		}
		out = append(out, e)
	}
	return out, total, rows.Err()
}

// EachOutbox streams a touch's recipients in id order (the export).
func (db *DB) EachOutbox(ctx context.Context, touchID int64, fn func(e *marketing.OutboxEntry) error) error {
	rows, err := db.read.QueryContext(ctx, `SELECT `+outboxColumns+` FROM outbox WHERE touch_id = ? ORDER BY id`, touchID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var e marketing.OutboxEntry
		if err := scanOutbox(rows, &e); err != nil {
			return err
		}
		if err := fn(&e); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Recovered is what the runner's journal says about one row of a run
// that did not end cleanly.
type Recovered struct {
	Started bool     // its message was about to go out
	Outcome *Outcome // the server's answer, when it came
}

// RecoverSending settles what a run that did not end cleanly left, from
// its journal, in one synced transaction: a row with an outcome gets it;
// a row started without one may have reached the server, so it becomes
// "unknown" for the user to decide, never resent on its own; a row never
// started is queued again, but only when the computer has not restarted
// since it was reserved (a power loss may have lost journal lines: then
// it is unknown too). Returns how many became unknown.
func (db *DB) RecoverSending(ctx context.Context, touchID int64, boot string, journal map[int64]Recovered) (int, error) {
	unknown := 0
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		unknown = 0
		rows, err := tx.QueryContext(ctx, `SELECT id, boot FROM outbox WHERE touch_id = ? AND state IN ('reserved', 'sending')`, touchID)
		if err != nil {
			return err
		}
		type left struct {
			id   int64
			boot string
		}
		var list []left
		for rows.Next() {
			var l left
			if err := rows.Scan(&l.id, &l.boot); err != nil {
				rows.Close()
				return err
			}
			list = append(list, l)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		var outs []Outcome
		for _, l := range list {
			r := journal[l.id]
			switch {
			case r.Outcome != nil && r.Outcome.State != marketing.OutboxReserved:
				o := *r.Outcome
				o.Tries = 1
				outs = append(outs, o)
			case r.Started && r.Outcome == nil:
				outs = append(outs, Outcome{ID: l.id, State: marketing.OutboxUnknown, Reason: "interrupted", Tries: 1})
			case boot != "" && l.boot == boot:
				outs = append(outs, Outcome{ID: l.id, State: marketing.OutboxQueued})
			default:
				outs = append(outs, Outcome{ID: l.id, State: marketing.OutboxUnknown, Reason: "interrupted_restart"})
			}
			if outs[len(outs)-1].State == marketing.OutboxUnknown {
				unknown++
			}
		}
		return saveOutcomes(ctx, tx, db.now(), outs)
	})
	return unknown, err
}

// SaveOutcomes records the outcomes of a run's messages in one synced
// transaction (every 100 messages or second: the journal holds them in
// between).
func (db *DB) SaveOutcomes(ctx context.Context, outs []Outcome) error {
	if len(outs) == 0 {
		return nil
	}
	return db.inTx(ctx, func(tx *sql.Tx) error { return saveOutcomes(ctx, tx, db.now(), outs) })
}

func saveOutcomes(ctx context.Context, tx *sql.Tx, now string, outs []Outcome) error {
	supp, err := tx.PrepareContext(ctx, `INSERT INTO suppressions (email_fold, email, reason, source, created_at)
		SELECT email_fold, email, 'hard_bounce', ?, ? FROM outbox WHERE id = ? AND email <> ''
		ON CONFLICT (email_fold) DO NOTHING`)
	if err != nil {
		return err
	}
	defer supp.Close()
	up, err := tx.PrepareContext(ctx, `UPDATE outbox SET state = ?, reason = ?, next_attempt_at = ?, attempts = attempts + ?,
		sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END, updated_at = ?
		WHERE id = ? AND state IN ('reserved', 'sending')`)
	if err != nil {
		return err
	}
	defer up.Close()
	for _, o := range outs {
		na := ""
		if !o.NextAttempt.IsZero() {
			na = marketing.Timestamp(o.NextAttempt)
		}
		if _, err := up.ExecContext(ctx, o.State, o.Reason, na, o.Tries, o.State, now, now, o.ID); err != nil {
			return err
		}
		if o.Suppress {
			if _, err := supp.ExecContext(ctx, "refused by the mail server: "+o.Reason, now, o.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

// ReserveBatch picks up to limit recipients due for sending (queued, or
// soft-failed whose retry time has come), in id order, and marks them
// "reserved" with the boot in one synced transaction. Recipients
// suppressed or opted out since the list was frozen are skipped first.
// Only a running campaign or mailing sends: otherwise (paused, finished
// while a sender was starting) it is a conflict with reason not_running
// and nothing is reserved.
func (db *DB) ReserveBatch(ctx context.Context, touchID int64, now time.Time, limit int, boot string) ([]marketing.OutboxEntry, error) {
	return db.ReserveBatchChecked(ctx, touchID, now, limit, boot, nil)
}

// ReserveBatchChecked is ReserveBatch that also asks check (privacy.Checker
// for email, see privacy.SendGuard) about every contact of the batch, in
// the same transaction: a register imported or a licence that ran out
// since the list was frozen keeps the message from going.
func (db *DB) ReserveBatchChecked(ctx context.Context, touchID int64, now time.Time, limit int, boot string, check ReachCheck) ([]marketing.OutboxEntry, error) {
	ts := marketing.Timestamp(now)
	var out []marketing.OutboxEntry
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		out = out[:0]
		var status string
		err := tx.QueryRowContext(ctx, `SELECT c.status FROM campaign_touches t JOIN campaigns c ON c.id = t.campaign_id WHERE t.id = ?`, touchID).Scan(&status)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if status != marketing.CampaignRunning {
			return NotRunningError(status)
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+outboxColumns+`,
			CASE WHEN EXISTS (SELECT 1 FROM suppressions s WHERE s.email_fold = o.email_fold) THEN 'suppressed'
			     WHEN EXISTS (SELECT 1 FROM contact_consent k WHERE k.contact_id = o.contact_id AND k.channel = 'email' AND k.status = 'refused') THEN 'no_consent'
			     WHEN EXISTS (SELECT 1 FROM erased_hashes h WHERE h.hash = dd_hmac(o.email_fold)) THEN 'erased'
			     ELSE '' END
			FROM (SELECT * FROM outbox WHERE touch_id = ? AND state = 'queued'
				UNION ALL SELECT * FROM outbox WHERE touch_id = ? AND state = 'soft_failed' AND next_attempt_at <= ?
				ORDER BY id LIMIT ?) o ORDER BY id`, touchID, touchID, ts, limit)
		if err != nil {
			return err
		}
		type block struct {
			id     int64
			reason string
		}
		var blocked []block
		for rows.Next() {
			var e marketing.OutboxEntry
			var no string
			if err := rows.Scan(&e.ID, &e.TouchID, &e.ContactID, &e.Name, &e.Email, &e.State, &e.Reason, &e.Attempts, &e.NextAttempt, &e.MessageID, &e.ResponseCode, &e.UpdatedAt, &e.SentAt, &e.Token, &no); err != nil {
				rows.Close()
				return err
			}
			if no != "" {
				// Suppressed or opted out since the list was frozen.
				blocked = append(blocked, block{e.ID, no})
				continue
			}
			out = append(out, e)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if check != nil && len(out) > 0 {
			ids := make([]int64, 0, len(out))
			for _, e := range out {
				if e.ContactID != 0 {
					ids = append(ids, e.ContactID)
				}
			}
			facts, err := reachRows(ctx, tx, ids, marketing.ChannelEmail)
			if err != nil {
				return err
			}
			why := make(map[int64]string, len(facts))
			for i := range facts {
				if r, _ := check(&facts[i]); r != "" {
					why[facts[i].ID] = r
				}
			}
			kept := out[:0]
			for _, e := range out {
				if r := why[e.ContactID]; r != "" && e.ContactID != 0 {
					blocked = append(blocked, block{e.ID, r})
					continue
				}
				kept = append(kept, e)
			}
			out = kept
		}
		skip, err := tx.PrepareContext(ctx, `UPDATE outbox SET state = 'skipped', reason = ?, updated_at = ? WHERE id = ?`)
		if err != nil {
			return err
		}
		defer skip.Close()
		for _, b := range blocked {
			if _, err := skip.ExecContext(ctx, b.reason, ts, b.id); err != nil {
				return err
			}
		}
		up, err := tx.PrepareContext(ctx, `UPDATE outbox SET state = 'reserved', boot = ?, updated_at = ? WHERE id = ?`)
		if err != nil {
			return err
		}
		defer up.Close()
		for _, e := range out {
			if _, err := up.ExecContext(ctx, boot, ts, e.ID); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil && len(out) == 0 {
		// Everything picked was blocked: look further, the queue may not be empty.
		var more int
		if qerr := db.read.QueryRowContext(ctx, `SELECT count(*) FROM outbox WHERE touch_id = ? AND state = 'queued'`, touchID).Scan(&more); qerr == nil && more > 0 {
			return db.ReserveBatchChecked(ctx, touchID, now, limit, boot, check)
		}
	}
	return out, err
}

// ReleaseReserved puts a stopped run's untouched rows back in the queue.
func (db *DB) ReleaseReserved(ctx context.Context, touchID int64) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE outbox SET state = 'queued', updated_at = ? WHERE touch_id = ? AND state = 'reserved'`, db.now(), touchID)
		return err
	})
}

// NextRetry is when the earliest soft-failed recipient is due ("" = none).
func (db *DB) NextRetry(ctx context.Context, touchID int64) (string, error) {
	var s sql.NullString
	err := db.read.QueryRowContext(ctx, `SELECT min(next_attempt_at) FROM outbox WHERE touch_id = ? AND state = 'soft_failed'`, touchID).Scan(&s)
	return s.String, err
}

// Outcome is what happened to one message.
type Outcome struct {
	ID          int64
	State       string // sent, soft_failed, hard_failed, unknown, skipped, queued
	Reason      string
	NextAttempt time.Time // soft_failed
	Tries       int       // how often it went to the server in this run
	// Suppress: the server refused the address itself (5.1.x): it goes
	// on the suppression list, so later mailings skip it.
	Suppress bool
}

// Blocked tells whether an address is suppressed or its contact refused
// email, checked again right before sending.
func (db *DB) Blocked(ctx context.Context, contactID int64, email string) (bool, string, error) {
	var reason string
	err := db.read.QueryRowContext(ctx, `SELECT CASE
		WHEN EXISTS (SELECT 1 FROM suppressions WHERE email_fold = ?) THEN 'suppressed'
		WHEN EXISTS (SELECT 1 FROM contact_consent WHERE contact_id = ? AND channel = 'email' AND status = 'refused') THEN 'no_consent'
		WHEN EXISTS (SELECT 1 FROM erased_hashes WHERE hash = dd_hmac(?)) THEN 'erased'
		ELSE '' END`, foldEmail(email), contactID, foldEmail(email)).Scan(&reason)
	return reason != "", reason, err
}

// SentTimes lists when the account sent its latest messages since t
// (at most limit, oldest first): the rate limits count them.
func (db *DB) SentTimes(ctx context.Context, accountID int64, since time.Time, limit int) ([]time.Time, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT sent_at FROM (SELECT sent_at FROM outbox WHERE account_id = ? AND sent_at >= ? AND sent_at <> ''
		ORDER BY sent_at DESC LIMIT ?) ORDER BY sent_at`, accountID, marketing.Timestamp(since), max(1, limit))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []time.Time
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			out = append(out, t)
		}
	}
	return out, rows.Err()
}

// SentSince counts the account's messages sent since t (rate limits).
func (db *DB) SentSince(ctx context.Context, accountID int64, t time.Time) (int, error) {
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM outbox WHERE account_id = ? AND sent_at >= ? AND sent_at <> ''`, accountID, marketing.Timestamp(t)).Scan(&n)
	return n, err
}

// RequeueOutbox moves a touch's rows in the given states back to queued
// (retry failed; resend unknown), or marks unknown ones sent. Returns how
// many rows moved.
func (db *DB) RequeueOutbox(ctx context.Context, touchID int64, from []string, to, reason string) (int, error) {
	var n int64
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		args := []any{to, reason, db.now(), touchID}
		for _, s := range from {
			args = append(args, s)
		}
		res, err := tx.ExecContext(ctx, `UPDATE outbox SET state = ?, reason = ?, next_attempt_at = '', updated_at = ?
			WHERE touch_id = ? AND state IN (`+qmarks(len(from))+`)`, args...)
		if err == nil {
			n, _ = res.RowsAffected()
		}
		return err
	})
	return int(n), err
}

func qmarks(n int) string {
	if n <= 0 {
		return "NULL"
	}
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

func int64Args(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

package store

import (
	"context"
	"database/sql"
	"strings"
	"unicode/utf8"

	"directdesk/backend/marketing"
)

// Inbox processing and the suppression list: what the user's mailbox told
// us about our mail (backend/inbox reads it), and the addresses that must
// never be mailed again.

// Timeline event kinds written by inbox processing.
const (
	eventUnsubscribe = "unsubscribe"
	eventEmailReply  = "email_reply"
)

// foldEmail is the key of the suppression list: the address in lower case,
// as contacts.email_fold is.
func foldEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// InboxCheckpoint returns where inbox processing of the account got to: the
// INBOX's UIDVALIDITY and the last UID looked at (0, 0 before the first sync).
func (db *DB) InboxCheckpoint(ctx context.Context, accountID int64) (uidValidity, lastUID uint32, err error) {
	err = db.read.QueryRowContext(ctx, "SELECT uidvalidity, last_uid FROM inbox_state WHERE account_id = ?", accountID).Scan(&uidValidity, &lastUID)
	if err == sql.ErrNoRows {
		return 0, 0, nil
	}
	return uidValidity, lastUID, err
}

// SaveInboxCheckpoint records where inbox processing got to.
func (db *DB) SaveInboxCheckpoint(ctx context.Context, accountID int64, uidValidity, lastUID uint32) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO inbox_state (account_id, uidvalidity, last_uid, synced_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (account_id) DO UPDATE SET uidvalidity = excluded.uidvalidity, last_uid = excluded.last_uid, synced_at = excluded.synced_at`,
			accountID, uidValidity, lastUID, db.now())
		return err
	})
}

// FindOutbox finds the message of ours an incoming message is about: by the
// message IDs it references, else by the unsubscribe token, else (a
// delivery report or a request to leave with neither) by the address, the
// most recent message we sent to it.
func (db *DB) FindOutbox(ctx context.Context, messageIDs []string, token, recipient string) (marketing.OutboxRef, bool, error) {
	const sel = `SELECT o.id, coalesce(o.contact_id, 0), t.campaign_id, o.touch_id, o.email
		FROM outbox o JOIN campaign_touches t ON t.id = o.touch_id `
	var ref marketing.OutboxRef
	try := func(q string, args ...any) (bool, error) {
		err := db.read.QueryRowContext(ctx, sel+q, args...).Scan(&ref.OutboxID, &ref.ContactID, &ref.CampaignID, &ref.TouchID, &ref.Email)
		if err == sql.ErrNoRows {
			return false, nil
		}
		return err == nil, err
	}
	if ids := nonEmpty(messageIDs, 500); len(ids) > 0 {
		args := make([]any, len(ids))
		for i, id := range ids {
			args[i] = id
		}
		if ok, err := try("WHERE o.message_id IN ("+strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")+") ORDER BY o.id DESC LIMIT 1", args...); ok || err != nil {
			return ref, ok, err
		}
	}
	if token != "" {
		if ok, err := try("WHERE o.token = ?", token); ok || err != nil {
			return ref, ok, err
		}
	}
	if r := foldEmail(recipient); r != "" {
		// By the lower-cased address (indexed), for reports that carry
		// neither our Message-ID nor the token. A repeated report for a
		// bounced row, or one for a row whose send ended without an answer
		// (unknown), is about a sent message too.
		ok, err := try("WHERE o.email_fold = ? AND o.state IN ('sent', 'unknown', 'bounced') ORDER BY o.sent_at DESC, o.id DESC LIMIT 1", foldEmail(r))
		return ref, ok, err
	}
	return ref, false, nil
}

func nonEmpty(list []string, max int) []string {
	var out []string
	for _, s := range list {
		if s != "" && len(out) < max {
			out = append(out, s)
		}
	}
	return out
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// RecordInbox records what one incoming message meant, all in one
// transaction: the inbox log and what follows from it (a bounced outbox
// row and a suppression, an opt-out with its consent and timeline event, a
// response). It returns false and changes nothing when the message was
// recorded before (same account and Message-ID; without a Message-ID the
// same UID, sender, subject and date), so processing can be repeated.
func (db *DB) RecordInbox(ctx context.Context, e marketing.InboxEvent) (bool, error) {
	isNew := false
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var seen bool
		var err error
		if e.MessageID != "" {
			err = tx.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM inbox_log WHERE account_id = ? AND message_id = ?)", e.AccountID, e.MessageID).Scan(&seen)
		} else {
			// inbox_log has no UIDVALIDITY column: the sender, subject and
			// date stand in for it, so a reused UID is not taken for a repeat.
			err = tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM inbox_log WHERE account_id = ? AND message_id = ''
				AND uid = ? AND from_addr = ? AND subject = ? AND received_at = ?)`, e.AccountID, e.UID, e.From, e.Subject, e.ReceivedAt).Scan(&seen)
		}
		if err != nil || seen {
			return err
		}
		isNew = true

		// The outbox row is the truth about who was mailed and in which
		// campaign; the event's copies fill in when it is gone.
		var row struct {
			email, code   string
			touch, campID int64
			contact       int64
			campaign      string
		}
		if e.OutboxID != 0 {
			err := tx.QueryRowContext(ctx, `SELECT o.email, o.response_code, o.touch_id, t.campaign_id, coalesce(o.contact_id, 0), c.name
				FROM outbox o JOIN campaign_touches t ON t.id = o.touch_id JOIN campaigns c ON c.id = t.campaign_id WHERE o.id = ?`,
				e.OutboxID).Scan(&row.email, &row.code, &row.touch, &row.campID, &row.contact, &row.campaign)
			if err == sql.ErrNoRows {
				e.OutboxID = 0
			} else if err != nil {
				return err
			} else {
				e.ContactID, e.CampaignID = row.contact, row.campID
			}
		}
		email := firstOf(row.email, e.Recipient)
		now := db.now()
		at := firstOf(e.ReceivedAt, now)

		if _, err := tx.ExecContext(ctx, `INSERT INTO inbox_log (account_id, uid, message_id, kind, from_addr, subject, recipient, status,
			diagnostic, outbox_id, contact_id, campaign_id, snippet, received_at, processed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			e.AccountID, e.UID, e.MessageID, e.Kind, e.From, clip(e.Subject, 500), e.Recipient, e.Status, clip(e.Diagnostic, 1000),
			nullID(e.OutboxID), nullID(e.ContactID), nullID(e.CampaignID), clip(e.Snippet, 500), e.ReceivedAt, now); err != nil {
			return err
		}

		switch e.Kind {
		case marketing.InboxBounceHard:
			reason := clip(strings.TrimSpace(e.Status+" "+e.Diagnostic), 500)
			if e.OutboxID != 0 {
				if _, err := tx.ExecContext(ctx, `UPDATE outbox SET state = 'bounced', reason = ?, updated_at = ?
					WHERE id = ? AND state IN ('sent', 'unknown', 'bounced')`, reason, now, e.OutboxID); err != nil {
					return err
				}
			}
			return suppress(ctx, tx, email, marketing.SuppressHardBounce, strings.TrimSpace("bounce "+e.Status), now)
		case marketing.InboxBounceSoft:
			// A delay or a full mailbox: the address may work tomorrow, so
			// the row stays sent and only says what happened.
			if e.OutboxID == 0 {
				return nil
			}
			_, err := tx.ExecContext(ctx, "UPDATE outbox SET reason = ?, updated_at = ? WHERE id = ? AND state <> 'bounced'",
				clip(strings.TrimSpace(e.Status+" "+e.Diagnostic), 500), now, e.OutboxID)
			return err
		case marketing.InboxUnsubscribe:
			source := "inbox: " + clip(e.Subject, 120)
			if row.campaign != "" {
				source = "inbox: unsubscribe from " + clip(row.campaign, 120)
			}
			if err := suppress(ctx, tx, email, marketing.SuppressUnsubscribe, source, now); err != nil {
				return err
			}
			contact := e.ContactID
			if contact == 0 && email != "" {
				if err := tx.QueryRowContext(ctx, "SELECT coalesce((SELECT id FROM contacts WHERE email_fold = ?), 0)", foldEmail(email)).Scan(&contact); err != nil {
					return err
				}
			}
			if contact == 0 {
				return nil
			}
			// An opt-out always wins over an earlier grant.
			evidence := clip(strings.TrimSpace("email from "+e.From+" \""+clip(e.Subject, 150)+"\" "+at), 500)
			if _, err := db.recordConsent(ctx, tx, marketing.ConsentEvent{ContactID: contact, Channel: marketing.ChannelEmail,
				Status: marketing.ConsentRefused, At: now, RecordedAt: now, Method: marketing.MethodUnsubscribe, Source: evidence}, true); err != nil {
				return err
			}
			return insertEvent(ctx, tx, &marketing.Event{ContactID: contact, At: now, Kind: eventUnsubscribe,
				Summary: "Unsubscribed from email by email: " + clip(e.Subject, 120),
				Details: eventDetails(e, row.campaign)})
		case marketing.InboxReply:
			// A campaign's control group got no email, so a reply comes
			// from its target group (a mailing has no members: target).
			if _, err := tx.ExecContext(ctx, `INSERT INTO responses (campaign_id, touch_id, contact_id, outbox_id, kind, at, detail, code, source, grp, created_at)
				VALUES (?, ?, ?, ?, 'reply', ?, ?, ?, 'inbox',
				coalesce((SELECT grp FROM campaign_members WHERE campaign_id = ? AND contact_id = ?), 'target'), ?)`,
				nullID(e.CampaignID), nullID(row.touch), nullID(e.ContactID), nullID(e.OutboxID), at, clip(e.Snippet, 500), row.code,
				e.CampaignID, e.ContactID, now); err != nil {
				return err
			}
			if e.ContactID == 0 {
				return nil
			}
			if e.CampaignID != 0 {
				// A reply is a response: the campaign's stop rules apply.
				rc, err := loadRespCampaign(ctx, tx, e.CampaignID)
				if err != nil {
					return err
				}
				if err := applyStopRules(ctx, tx, rc, e.ContactID, marketing.ResponseReply, now); err != nil {
					return err
				}
			}
			return insertEvent(ctx, tx, &marketing.Event{ContactID: e.ContactID, At: at, Kind: eventEmailReply,
				Summary: "Replied: " + clip(firstOf(e.Snippet, e.Subject), 120), Details: eventDetails(e, row.campaign)})
		}
		return nil // auto-replies and the rest: the log is enough
	})
	return isNew, err
}

func eventDetails(e marketing.InboxEvent, campaign string) map[string]string {
	d := map[string]string{"from": e.From, "subject": e.Subject, "messageId": e.MessageID}
	if campaign != "" {
		d["campaign"] = campaign
	}
	return d
}

// suppress adds an address to the suppression list unless it is there
// already (the first reason stays).
func suppress(ctx context.Context, tx *sql.Tx, email, reason, source, now string) error {
	if foldEmail(email) == "" {
		return nil
	}
	_, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO suppressions (email_fold, email, reason, source, created_at) VALUES (?, ?, ?, ?, ?)",
		foldEmail(email), strings.TrimSpace(email), reason, clip(source, 200), now)
	return err
}

func firstOf(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// clip shortens s to at most n runes.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// InboxLog returns what inbox processing recorded for an account, newest
// first (at most limit rows, 100 when limit is 0, never more than 1,000).
func (db *DB) InboxLog(ctx context.Context, accountID int64, limit int) ([]marketing.InboxEvent, error) {
	if limit <= 0 {
		limit = 100
	}
	limit = min(limit, 1000)
	rows, err := db.read.QueryContext(ctx, `SELECT account_id, uid, message_id, kind, from_addr, subject, recipient, status, diagnostic,
		coalesce(outbox_id, 0), coalesce(contact_id, 0), coalesce(campaign_id, 0), received_at, snippet
		FROM inbox_log WHERE account_id = ? ORDER BY id DESC LIMIT ?`, accountID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []marketing.InboxEvent{}
	for rows.Next() {
		var e marketing.InboxEvent
		if err := rows.Scan(&e.AccountID, &e.UID, &e.MessageID, &e.Kind, &e.From, &e.Subject, &e.Recipient, &e.Status, &e.Diagnostic,
			&e.OutboxID, &e.ContactID, &e.CampaignID, &e.ReceivedAt, &e.Snippet); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Suppressions pages through the suppression list, newest first. query
// matches part of the address or of the source; the total counts all matches.
func (db *DB) Suppressions(ctx context.Context, query string, limit, offset int) ([]marketing.Suppression, int, error) {
	if limit <= 0 || limit > 500 {
		limit = 500
	}
	where, args := "", []any{}
	if q := foldEmail(query); q != "" {
		like := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(q) + "%"
		where = ` WHERE email_fold LIKE ? ESCAPE '\' OR dd_fold(source) LIKE ? ESCAPE '\'`
		args = append(args, like, like)
	}
	var total int
	if err := db.read.QueryRowContext(ctx, "SELECT count(*) FROM suppressions"+where, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	rows, err := db.read.QueryContext(ctx, "SELECT email, reason, source, created_at FROM suppressions"+where+
		" ORDER BY created_at DESC, email_fold LIMIT ? OFFSET ?", append(args, limit, max(offset, 0))...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	out := []marketing.Suppression{}
	for rows.Next() {
		var s marketing.Suppression
		if err := rows.Scan(&s.Email, &s.Reason, &s.Source, &s.CreatedAt); err != nil {
			return nil, 0, err
		}
		out = append(out, s)
	}
	return out, total, rows.Err()
}

// IsSuppressed says whether an address must not be mailed.
func (db *DB) IsSuppressed(ctx context.Context, email string) (bool, error) {
	var ok bool
	err := db.read.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM suppressions WHERE email_fold = ?)", foldEmail(email)).Scan(&ok)
	return ok, err
}

// AddSuppression adds an address by hand (or from an import). An address
// already on the list keeps its first reason.
func (db *DB) AddSuppression(ctx context.Context, s marketing.Suppression) error {
	s.Email = strings.TrimSpace(s.Email)
	if s.Reason == "" {
		s.Reason = marketing.SuppressManual
	}
	switch {
	case s.Email == "" || !strings.Contains(s.Email, "@") || marketing.HasControlChars(s.Email) || len(s.Email) > 254:
		return marketing.FieldError(marketing.EInvalid, "email", "Enter the email address to block, like name@example.dk.", map[string]string{"value": s.Email})
	case s.Reason != marketing.SuppressManual && s.Reason != marketing.SuppressUnsubscribe &&
		s.Reason != marketing.SuppressHardBounce && s.Reason != marketing.SuppressComplaint:
		return marketing.FieldError(marketing.EInvalid, "reason", "Choose why the address is blocked.", map[string]string{"value": s.Reason})
	case marketing.HasControlChars(s.Source) || utf8.RuneCountInString(s.Source) > 200:
		return marketing.FieldError(marketing.EInvalid, "source", "The note is at most 200 characters, on one line.", nil)
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		return suppress(ctx, tx, s.Email, s.Reason, s.Source, db.now())
	})
}

// RemoveSuppression takes an address off the list, e.g. when a customer
// asks to be mailed again. It does not grant consent: that is a separate,
// recorded answer.
func (db *DB) RemoveSuppression(ctx context.Context, email string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM suppressions WHERE email_fold = ?", foldEmail(email))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return marketing.FieldError(marketing.ENotFound, "email", "This address is not on the list of blocked addresses.", map[string]string{"value": email})
		}
		return nil
	})
}

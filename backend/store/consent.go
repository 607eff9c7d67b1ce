package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"directdesk/backend/marketing"
)

// Consent: contact_consent holds the answer that stands per channel (what
// every send check reads); consent_events is the append-only history
// behind it. Every writer goes through recordConsent, so the two cannot
// disagree: the standing answer is always marketing.CurrentConsent of the
// history.

// execer is a transaction, or an import session's prepared statements.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// consentUpsert replaces the standing answer only when the new one is
// newer, or as new and a refusal (marketing.CurrentConsent): a grant older
// than a refusal never brings consent back.
const consentUpsert = `INSERT INTO contact_consent (contact_id, channel, status, at, method, evidence) VALUES (?, ?, ?, ?, ?, ?)
	ON CONFLICT (contact_id, channel) DO UPDATE SET status = excluded.status, at = excluded.at, method = excluded.method, evidence = excluded.evidence
	WHERE excluded.at > contact_consent.at OR (excluded.at = contact_consent.at AND (excluded.status = 'refused' OR contact_consent.status = 'granted'))`

const consentEventInsert = `INSERT INTO consent_events (contact_id, channel, status, at, recorded_at, method, source, wording, by_whom, batch_id)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// recordConsent appends ev to the contact's history and makes it the
// standing answer when it is (see consentUpsert); changed reports whether
// it did. audit adds a consent_change line to the audit log. ev must be
// complete (ContactID, Channel, Status, At, RecordedAt).
func (db *DB) recordConsent(ctx context.Context, tx *sql.Tx, ev marketing.ConsentEvent, audit bool) (changed bool, err error) {
	changed, err = writeConsent(ctx, tx, ev, 0)
	if err != nil {
		return false, err
	}
	db.noteContacts(ev.ContactID) // consent is a segment column
	if audit {
		err = writeAudit(ctx, tx, ev.RecordedAt, marketing.AuditConsent, ev.ContactID,
			map[string]string{"channel": ev.Channel, "status": ev.Status, "method": ev.Method, "at": ev.At, "source": ev.Source}, ev.By)
	}
	return changed, err
}

// writeConsent is recordConsent's SQL; batch is the import batch that
// wrote the event (0 none), so that undoing the import can take its
// grants back.
func writeConsent(ctx context.Context, x execer, ev marketing.ConsentEvent, batch int64) (bool, error) {
	var b any
	if batch != 0 {
		b = batch
	}
	if _, err := x.ExecContext(ctx, consentEventInsert, ev.ContactID, ev.Channel, ev.Status, ev.At, ev.RecordedAt,
		ev.Method, clip(ev.Source, 500), clip(ev.Wording, 2000), clip(ev.By, 200), b); err != nil {
		return false, err
	}
	res, err := x.ExecContext(ctx, consentUpsert, ev.ContactID, ev.Channel, ev.Status, ev.At, ev.Method, clip(ev.Source, 500))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// RecordConsent validates one consent answer given by hand
// (marketing.ValidateConsentEvent) and stores it in one transaction with
// its audit line; it returns the contact's standing answers.
func (db *DB) RecordConsent(ctx context.Context, contactID int64, ev marketing.ConsentEvent) ([]marketing.Consent, error) {
	if err := marketing.ValidateConsentEvent(&ev, db.Now()); err != nil {
		return nil, err
	}
	ev.ContactID = contactID
	ev.RecordedAt = db.now()
	var out []marketing.Consent
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		if err := contactExists(ctx, tx, contactID); err != nil {
			return err
		}
		changed, err := db.recordConsent(ctx, tx, ev, true)
		if err != nil {
			return err
		}
		summary := consentSummary(ev)
		if !changed {
			summary += " (an answer given later stands)"
		}
		if err := insertEvent(ctx, tx, &marketing.Event{ContactID: contactID, At: ev.RecordedAt, Kind: marketing.EventEdited, Summary: summary,
			Details: map[string]string{"channel": ev.Channel, "status": ev.Status, "method": ev.Method}}); err != nil {
			return err
		}
		out, err = contactConsents(ctx, tx, contactID)
		return err
	})
	return out, err
}

func consentSummary(ev marketing.ConsentEvent) string {
	word := "Consent given"
	if ev.Status == marketing.ConsentRefused {
		word = "Consent refused"
	}
	return word + " for " + ev.Channel + " (" + ev.Method + ")"
}

func contactExists(ctx context.Context, q querier, id int64) error {
	var n int
	err := q.QueryRowContext(ctx, "SELECT 1 FROM contacts WHERE id = ?", id).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return &marketing.Error{Code: marketing.ENotFound, Field: "contactId", Message: "This contact no longer exists. It may have been deleted."}
	}
	return err
}

// ConsentHistory returns every consent answer recorded for the contact,
// newest first (by when it was given, then by when it was written).
func (db *DB) ConsentHistory(ctx context.Context, contactID int64) ([]marketing.ConsentEvent, error) {
	return consentHistory(ctx, db.read, contactID)
}

func consentHistory(ctx context.Context, q querier, contactID int64) ([]marketing.ConsentEvent, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, contact_id, channel, status, at, recorded_at, method, source, wording, by_whom
		FROM consent_events WHERE contact_id = ? ORDER BY at DESC, id DESC`, contactID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []marketing.ConsentEvent{}
	for rows.Next() {
		var e marketing.ConsentEvent
		if err := rows.Scan(&e.ID, &e.ContactID, &e.Channel, &e.Status, &e.At, &e.RecordedAt, &e.Method, &e.Source, &e.Wording, &e.By); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// ContactConsent reads what the contact drawer shows about consent: the
// standing answers, the history, and the facts the country rules need,
// turned into a plain verdict per channel by marketing.ExplainConsent.
func (db *DB) ContactConsent(ctx context.Context, contactID int64, defaultCountry string) (marketing.ContactConsent, error) {
	var out marketing.ContactConsent
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return out, err
	}
	defer tx.Rollback()
	var f PrivacyFacts
	var email string
	err = tx.QueryRowContext(ctx, "SELECT coalesce(c.email_fold, ''), "+privacyCols+" FROM contacts c WHERE c.id = ?", contactID).
		Scan(append([]any{&email}, f.dest()...)...)
	if errors.Is(err, sql.ErrNoRows) {
		return out, &marketing.Error{Code: marketing.ENotFound, Field: "contactId", Message: "This contact no longer exists. It may have been deleted."}
	} else if err != nil {
		return out, err
	}
	suppressed := false
	if email != "" {
		if err := tx.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM suppressions WHERE email_fold = ?)", email).Scan(&suppressed); err != nil {
			return out, err
		}
	}
	current, err := contactConsents(ctx, tx, contactID)
	if err != nil {
		return out, err
	}
	history, err := consentHistory(ctx, tx, contactID)
	if err != nil {
		return out, err
	}
	return marketing.ExplainConsent(marketing.ConsentFacts{ContactID: contactID, Country: f.Country, DefaultCountry: defaultCountry,
		Kind: f.Kind, Register: f.Register, Erased: f.Erased, EmailSuppressed: suppressed, PhoneSuppressed: f.PhoneSuppressed,
		FromList: f.ListID != 0}, current, history), nil
}

// optOutAt is when an opt-out response counts from: its own time, a
// date-only one at the end of its day (so the "no" wins the day), but
// never later than now.
func optOutAt(at, ts string) string {
	if len(at) == len(marketing.DateLayout) {
		at += "T23:59:59Z"
	}
	if at == "" || at > ts {
		return ts
	}
	return at
}

// responseConsentMethod is how an opt-out response reached the shop.
func responseConsentMethod(source string) string {
	switch source {
	case marketing.SourcePhone:
		return marketing.MethodPhone
	case marketing.SourceInbox:
		return marketing.MethodReply
	case marketing.SourceImport:
		return marketing.MethodImport
	case marketing.SourceRedeem:
		return marketing.MethodWritten
	}
	return marketing.MethodManual
}

// refuseAllChannels records an objection (an opt-out response): a "no" on
// every channel at once.
func (db *DB) refuseAllChannels(ctx context.Context, tx *sql.Tx, contactID int64, at, recordedAt, method, source string) error {
	for _, ch := range []string{marketing.ChannelPost, marketing.ChannelEmail, marketing.ChannelSMS, marketing.ChannelPhone} {
		if _, err := db.recordConsent(ctx, tx, marketing.ConsentEvent{ContactID: contactID, Channel: ch, Status: marketing.ConsentRefused,
			At: at, RecordedAt: recordedAt, Method: method, Source: strings.TrimSpace(source)}, true); err != nil {
			return err
		}
	}
	return nil
}

// undoImportConsents takes back the "yes" answers an import batch wrote
// for a contact (its "no" answers stay: undoing a file never gives consent
// back) and sets the standing answers of those channels from what remains
// of the history, so history and standing answer still agree.
func undoImportConsents(ctx context.Context, s *ImportSession, contactID int64) error {
	rows, err := s.tx.QueryContext(ctx, "SELECT DISTINCT channel FROM consent_events WHERE contact_id = ? AND batch_id = ? AND status = 'granted'", contactID, s.batchID)
	if err != nil {
		return err
	}
	var channels []string
	for rows.Next() {
		var ch string
		if err := rows.Scan(&ch); err != nil {
			rows.Close()
			return err
		}
		channels = append(channels, ch)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(channels) == 0 {
		return err
	}
	if _, err := s.exec(ctx, "DELETE FROM consent_events WHERE contact_id = ? AND batch_id = ? AND status = 'granted'", contactID, s.batchID); err != nil {
		return err
	}
	history, err := consentHistory(ctx, s.tx, contactID)
	if err != nil {
		return err
	}
	for _, ch := range channels {
		cur, ok := marketing.CurrentConsent(history, ch)
		if !ok {
			if _, err := s.exec(ctx, "DELETE FROM contact_consent WHERE contact_id = ? AND channel = ?", contactID, ch); err != nil {
				return err
			}
			continue
		}
		if _, err := s.exec(ctx, `INSERT INTO contact_consent (contact_id, channel, status, at, method, evidence) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (contact_id, channel) DO UPDATE SET status = excluded.status, at = excluded.at, method = excluded.method, evidence = excluded.evidence`,
			contactID, ch, cur.Status, cur.At, cur.Method, cur.Source); err != nil {
			return err
		}
	}
	s.db.noteContacts(contactID)
	return nil
}

// sessionExec runs statements through an import session's prepared ones.
type sessionExec struct{ s *ImportSession }

func (x sessionExec) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return x.s.exec(ctx, query, args...)
}

package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"directdesk/backend/marketing"
)

// Responses to campaigns: what a response code belongs to, responses with
// their attribution to the last touch and the stop rules, fulfilment tasks,
// imported response files and the visits of a web access log. The rules
// (what counts, which kinds exist) live in backend/campaign; this file is
// their SQL.

// respCampaign is what recording a response needs to know of a campaign.
type respCampaign struct {
	id          int64
	name, kind  string
	codeKey     string
	stopOn      []string
	attribution int
}

func (c *respCampaign) stops(rule string) bool {
	for _, s := range c.stopOn {
		if s == rule {
			return true
		}
	}
	return false
}

func loadRespCampaign(ctx context.Context, q querier, id int64) (*respCampaign, error) {
	c := &respCampaign{id: id}
	var stop string
	err := q.QueryRowContext(ctx, `SELECT name, kind, code_key, stop_on, attribution_days FROM campaigns WHERE id = ?`, id).
		Scan(&c.name, &c.kind, &c.codeKey, &stop, &c.attribution)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, marketing.FieldError(marketing.ENotFound, "campaignId", "This campaign no longer exists. It may have been deleted.", map[string]string{"reason": "campaign"})
	} else if err != nil {
		return nil, err
	}
	for _, s := range strings.Split(stop, ",") {
		if s = strings.TrimSpace(s); s != "" {
			c.stopOn = append(c.stopOn, s)
		}
	}
	if c.attribution <= 0 {
		c.attribution = 30
	}
	if c.codeKey == "" && c.kind == marketing.CampaignKindMailing {
		c.codeKey = c.name // a mailing's codes are keyed by its name (workspace.CreateMailing)
	}
	return c, nil
}

// codeCampaign finds the campaign a response code was given for: the
// newest campaign whose code key it is; else the campaign of an email that
// carried it; else the newest mailing keyed by it. 0: documents printed
// outside a campaign.
func codeCampaign(ctx context.Context, q querier, code, key string) (int64, error) {
	var id int64
	err := q.QueryRowContext(ctx, `SELECT coalesce(
		(SELECT id FROM campaigns WHERE kind = 'campaign' AND code_key = ?1 AND code_key <> '' ORDER BY id DESC LIMIT 1),
		(SELECT t.campaign_id FROM outbox o JOIN campaign_touches t ON t.id = o.touch_id WHERE o.response_code = ?2 ORDER BY o.id DESC LIMIT 1),
		(SELECT id FROM campaigns WHERE kind = 'mailing' AND (code_key = ?1 OR code_key = '' AND name = ?1) AND ?1 <> '' ORDER BY id DESC LIMIT 1),
		0)`, key, code).Scan(&id)
	return id, err
}

// CodeCampaign is the campaign of a response code whose owner and key
// CodeOwner returned (0 = none).
func (db *DB) CodeCampaign(ctx context.Context, code, key string) (int64, error) {
	return codeCampaign(ctx, db.read, code, key)
}

// memberGroup is the group the contact is in: target or control, "" when
// not a member (or excluded). A mailing has no frozen members: whoever
// its outbox holds is its target group.
func memberGroup(ctx context.Context, q querier, c *respCampaign, contactID int64) (string, error) {
	var grp string
	var err error
	if c.kind == marketing.CampaignKindMailing {
		err = q.QueryRowContext(ctx, `SELECT 'target' FROM outbox o JOIN campaign_touches t ON t.id = o.touch_id
			WHERE t.campaign_id = ? AND o.contact_id = ? LIMIT 1`, c.id, contactID).Scan(&grp)
	} else {
		err = q.QueryRowContext(ctx, `SELECT grp FROM campaign_members WHERE campaign_id = ? AND contact_id = ?`, c.id, contactID).Scan(&grp)
	}
	if errors.Is(err, sql.ErrNoRows) || grp == marketing.GroupExcluded {
		return "", nil
	}
	return grp, err
}

// attribution is the touch a response is counted for.
type attribution struct {
	touchID, outboxID int64
	seq               int
	channel           string
}

// windowBounds turns a response time and a window of days into the bounds
// a touch's time must fall between. A date-only response covers its whole
// day; the window starts at the beginning of its first day, so touch times
// stored as dates or as timestamps compare alike.
func windowBounds(at string, days int) (lo, hi string) {
	hi = at
	if len(at) == len(marketing.DateLayout) {
		hi = at + "T23:59:59Z"
	}
	d, err := time.Parse(marketing.DateLayout, at[:min(len(at), len(marketing.DateLayout))])
	if err != nil {
		return "", hi
	}
	return d.AddDate(0, 0, -days).Format(marketing.DateLayout), hi
}

// attribute finds the last touch the person got at or before at, within
// the window: emails by their sent time, other channels by when they were
// done (posted, exported, called), else when they were planned for the
// person (contact_touches).
func attribute(ctx context.Context, q querier, campaignID, contactID int64, at string, days int) (attribution, error) {
	lo, hi := windowBounds(at, days)
	var a attribution
	err := q.QueryRowContext(ctx, `SELECT touch_id, seq, channel, coalesce(outbox_id, 0) FROM (
		SELECT o.touch_id, t.seq, t.channel, o.sent_at AS at, o.id AS outbox_id
		  FROM outbox o JOIN campaign_touches t ON t.id = o.touch_id
		 WHERE t.campaign_id = ?1 AND o.contact_id = ?2 AND o.state IN ('sent', 'bounced') AND o.sent_at <> ''
		UNION ALL
		SELECT w.touch_id, t.seq, t.channel,
		       CASE WHEN w.done_at <> '' THEN w.done_at
		            ELSE coalesce((SELECT ct.at FROM contact_touches ct WHERE ct.contact_id = w.contact_id AND ct.touch_id = w.touch_id), '') END,
		       NULL
		  FROM touch_work w JOIN campaign_touches t ON t.id = w.touch_id
		 WHERE t.campaign_id = ?1 AND w.contact_id = ?2 AND w.state = 'done' AND t.channel <> 'email'
	) WHERE at <> '' AND at <= ?3 AND at >= ?4 ORDER BY at DESC, seq DESC LIMIT 1`, campaignID, contactID, hi, lo).
		Scan(&a.touchID, &a.seq, &a.channel, &a.outboxID)
	if errors.Is(err, sql.ErrNoRows) {
		return attribution{}, nil
	}
	return a, err
}

// ResponsePerson is a contact as a response would be recorded for it now.
type ResponsePerson struct {
	ContactID    int64
	Name         string
	City         string
	Email        string
	CampaignID   int64
	Campaign     string
	Group        string // target, control; "" = not a member
	TouchID      int64  // the touch a response at the given time is attributed to (0 = none)
	TouchSeq     int
	Channel      string
	CampaignKind string
}

// ResponsePerson looks up a contact and, with a campaign, the group it is in
// and the touch a response at at (a date or timestamp) would count for.
func (db *DB) ResponsePerson(ctx context.Context, campaignID, contactID int64, at string) (ResponsePerson, error) {
	p := ResponsePerson{ContactID: contactID, CampaignID: campaignID}
	var c marketing.Contact
	err := db.read.QueryRowContext(ctx, `SELECT first_name, middle_name, last_name, company, city, email FROM contacts WHERE id = ?`, contactID).
		Scan(&c.FirstName, &c.MiddleName, &c.LastName, &c.Company, &p.City, &p.Email)
	if errors.Is(err, sql.ErrNoRows) {
		return p, &marketing.Error{Code: marketing.ENotFound, Field: "contactId", Message: "This contact no longer exists. It may have been deleted."}
	} else if err != nil {
		return p, err
	}
	p.Name = c.DisplayName()
	if campaignID == 0 {
		return p, nil
	}
	rc, err := loadRespCampaign(ctx, db.read, campaignID)
	if err != nil {
		return p, err
	}
	p.Campaign, p.CampaignKind = rc.name, rc.kind
	if p.Group, err = memberGroup(ctx, db.read, rc, contactID); err != nil || p.Group != marketing.GroupTarget {
		return p, err
	}
	a, err := attribute(ctx, db.read, campaignID, contactID, at, rc.attribution)
	p.TouchID, p.TouchSeq, p.Channel = a.touchID, a.seq, a.channel
	return p, err
}

// ResponseInput is a response to record. At is a date (YYYY-MM-DD) or a
// UTC timestamp; FulfilDue the due date of the task Fulfil asks for.
type ResponseInput struct {
	CampaignID int64
	ContactID  int64
	TouchID    int64 // the touch it came from, when known; 0 = attribute
	Kind       string
	Source     string
	Code       string
	Ref        string
	Detail     string
	At         string
	ValueMinor int64
	Fulfil     string
	FulfilDue  string
}

// errNotMember is the error of a response by someone the campaign did not
// include.
func errNotMember(campaign string) error {
	return marketing.FieldError(marketing.EInvalid, "contactId",
		fmt.Sprintf("This person is not in the target or control group of %q, so a response cannot be counted for it. Pick the campaign the person got, or record it without a campaign.", campaign),
		map[string]string{"reason": "not_member", "campaign": campaign})
}

// AddResponse records a response in one transaction: attributed to the
// person's last touch within the campaign's window (none for the control
// group), the stop rules applied, a fulfilment task when it asks for
// something, and a line on the timeline. A response whose Ref the campaign
// already has for this kind is returned as it was, with created false.
func (db *DB) AddResponse(ctx context.Context, in ResponseInput) (r marketing.Response, created bool, err error) {
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		w := responseWriter{db: db, tx: tx, now: db.now(), campaigns: map[int64]*respCampaign{}}
		r, created, err = w.add(ctx, in)
		return err
	})
	return r, created, err
}

// responseWriter records responses inside one transaction (one response,
// or a whole imported file), caching the campaigns it meets.
type responseWriter struct {
	db        *DB
	tx        *sql.Tx
	now       string
	campaigns map[int64]*respCampaign
}

func (w *responseWriter) campaign(ctx context.Context, id int64) (*respCampaign, error) {
	if c, ok := w.campaigns[id]; ok {
		return c, nil
	}
	c, err := loadRespCampaign(ctx, w.tx, id)
	if err == nil {
		w.campaigns[id] = c
	}
	return c, err
}

func (w *responseWriter) add(ctx context.Context, in ResponseInput) (marketing.Response, bool, error) {
	r := marketing.Response{CampaignID: in.CampaignID, ContactID: in.ContactID, Kind: in.Kind, Source: in.Source,
		Code: marketing.FormatResponseCode(in.Code), Ref: in.Ref, At: in.At, Detail: in.Detail, ValueMinor: in.ValueMinor, Group: marketing.GroupTarget}
	var c marketing.Contact
	err := w.tx.QueryRowContext(ctx, `SELECT first_name, middle_name, last_name, company FROM contacts WHERE id = ?`, in.ContactID).
		Scan(&c.FirstName, &c.MiddleName, &c.LastName, &c.Company)
	if errors.Is(err, sql.ErrNoRows) {
		return r, false, &marketing.Error{Code: marketing.ENotFound, Field: "contactId", Message: "This contact no longer exists. It may have been deleted."}
	} else if err != nil {
		return r, false, err
	}
	r.ContactName = c.DisplayName()
	var rc *respCampaign
	if in.CampaignID != 0 {
		if rc, err = w.campaign(ctx, in.CampaignID); err != nil {
			return r, false, err
		}
		r.Campaign = rc.name
	}
	if in.Ref != "" {
		// The partial unique index holds for campaigns; responses without
		// one (NULL) are checked here too.
		var id int64
		err := w.tx.QueryRowContext(ctx, `SELECT id FROM responses WHERE campaign_id IS ? AND kind = ? AND ref = ?`, nullID(in.CampaignID), in.Kind, in.Ref).Scan(&id)
		if err == nil {
			old, err := responseByID(ctx, w.tx, id)
			return old, false, err
		} else if !errors.Is(err, sql.ErrNoRows) {
			return r, false, err
		}
	}
	var a attribution
	if rc != nil {
		if r.Group, err = memberGroup(ctx, w.tx, rc, in.ContactID); err != nil {
			return r, false, err
		}
		if r.Group == "" {
			return r, false, errNotMember(rc.name)
		}
		if r.Group == marketing.GroupTarget {
			// The control group got nothing: its responses count for no touch.
			if a, err = w.attribution(ctx, rc, in); err != nil {
				return r, false, err
			}
		}
	}
	r.TouchID, r.TouchSeq = a.touchID, a.seq
	res, err := w.tx.ExecContext(ctx, `INSERT INTO responses (campaign_id, touch_id, contact_id, outbox_id, kind, at, detail, value_minor, code, source, ref, grp, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		nullID(in.CampaignID), nullID(a.touchID), in.ContactID, nullID(a.outboxID), in.Kind, in.At, in.Detail, in.ValueMinor, in.Code, in.Source, in.Ref, r.Group, w.now)
	if err != nil {
		return r, false, err
	}
	r.ID, _ = res.LastInsertId()
	if rc != nil && r.Group == marketing.GroupTarget {
		if err := applyStopRules(ctx, w.tx, rc, in.ContactID, in.Kind, w.now); err != nil {
			return r, false, err
		}
	}
	if in.Kind == marketing.ResponseOptOut {
		// An opt-out is an objection to all marketing: a "no" on every
		// channel at once, whatever campaign it came through.
		src := "response"
		if rc != nil {
			src += " to " + clip(rc.name, 120)
		}
		if in.Code != "" {
			src += ", code " + r.Code
		}
		if err := w.db.refuseAllChannels(ctx, w.tx, in.ContactID, optOutAt(in.At, w.now), w.now, responseConsentMethod(in.Source), src); err != nil {
			return r, false, err
		}
		if a.channel == marketing.TouchSMS {
			// A STOP to an SMS: the number goes on the suppression list.
			if err := suppressPhones(ctx, w.tx, in.ContactID, marketing.SuppressOptOut, "SMS "+src, w.now); err != nil {
				return r, false, err
			}
		}
	}
	if in.Fulfil != "" {
		if _, err := w.tx.ExecContext(ctx, `INSERT INTO fulfilment_tasks (response_id, campaign_id, contact_id, kind, due_date, note, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, r.ID, nullID(in.CampaignID), in.ContactID, in.Fulfil, in.FulfilDue, clip(in.Detail, 500), w.now); err != nil {
			return r, false, err
		}
	}
	summary := "Response: " + in.Kind
	if rc != nil {
		summary = "Response to " + clip(rc.name, 120) + ": " + in.Kind
	}
	if in.ValueMinor != 0 {
		summary += ", " + formatMinor(in.ValueMinor)
	}
	details := map[string]string{"responseId": fmt.Sprint(r.ID), "kind": in.Kind, "source": in.Source}
	if rc != nil {
		details["campaign"], details["campaignId"] = rc.name, fmt.Sprint(rc.id)
	}
	if in.Code != "" {
		details["code"] = r.Code
	}
	if in.Ref != "" {
		details["ref"] = in.Ref
	}
	if in.Fulfil != "" {
		details["fulfil"], details["due"] = in.Fulfil, in.FulfilDue
	}
	err = insertEvent(ctx, w.tx, &marketing.Event{ContactID: in.ContactID, At: in.At, Kind: "response", Summary: summary, Details: details})
	return r, true, err
}

// attribution is the touch a target member's response counts for: the
// one the caller names (a call being recorded), else the last one within
// the window.
func (w *responseWriter) attribution(ctx context.Context, rc *respCampaign, in ResponseInput) (attribution, error) {
	if in.TouchID != 0 {
		a := attribution{touchID: in.TouchID}
		err := w.tx.QueryRowContext(ctx, `SELECT seq, channel FROM campaign_touches WHERE id = ? AND campaign_id = ?`, in.TouchID, rc.id).Scan(&a.seq, &a.channel)
		if errors.Is(err, sql.ErrNoRows) {
			return a, marketing.FieldError(marketing.EInvalid, "touchId", "This touch is not part of the campaign.", map[string]string{"reason": "touch"})
		}
		return a, err
	}
	return attribute(ctx, w.tx, rc.id, in.ContactID, in.At, rc.attribution)
}

func formatMinor(v int64) string {
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	return fmt.Sprintf("%s%d.%02d", sign, v/100, v%100)
}

// applyStopRules ends the sequence for a person when the campaign stops on
// this kind of response: the member is marked stopped, and the person's
// work still due and email still queued in this campaign are skipped with
// reason "stopped" (rows a send run has reserved are the runner's).
func applyStopRules(ctx context.Context, tx *sql.Tx, c *respCampaign, contactID int64, kind, now string) error {
	reason := ""
	switch {
	case kind == marketing.ResponseOptOut && c.stops(marketing.StopOptOut):
		reason = marketing.StopOptOut
	case kind == marketing.ResponseOrder && c.stops(marketing.StopPurchase):
		reason = marketing.StopPurchase
	case kind != marketing.ResponseOptOut && kind != marketing.ResponseNotBuyer && c.stops(marketing.StopResponse):
		reason = marketing.StopResponse
	}
	if reason == "" {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE campaign_members SET stopped_at = ?, stop_reason = ?
		WHERE campaign_id = ? AND contact_id = ? AND stopped_at = ''`, now, reason, c.id, contactID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE touch_work SET state = 'skipped', reason = 'stopped', updated_at = ?
		WHERE contact_id = ? AND state = 'due' AND touch_id IN (SELECT id FROM campaign_touches WHERE campaign_id = ?)`, now, contactID, c.id); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `UPDATE outbox SET state = 'skipped', reason = 'stopped', updated_at = ?
		WHERE contact_id = ? AND state = 'queued' AND touch_id IN (SELECT id FROM campaign_touches WHERE campaign_id = ?)`, now, contactID, c.id)
	return err
}

const responseSelect = `SELECT r.id, coalesce(r.campaign_id, 0), coalesce(c.name, ''), coalesce(r.touch_id, 0), coalesce(t.seq, 0),
	coalesce(r.contact_id, 0), coalesce(k.first_name, ''), coalesce(k.middle_name, ''), coalesce(k.last_name, ''), coalesce(k.company, ''),
	r.kind, r.source, r.code, r.ref, r.grp, r.at, r.detail, r.value_minor
	FROM responses r LEFT JOIN campaigns c ON c.id = r.campaign_id LEFT JOIN campaign_touches t ON t.id = r.touch_id
	LEFT JOIN contacts k ON k.id = r.contact_id `

func scanResponse(s rowScanner, r *marketing.Response) error {
	var c marketing.Contact
	if err := s.Scan(&r.ID, &r.CampaignID, &r.Campaign, &r.TouchID, &r.TouchSeq, &r.ContactID, &c.FirstName, &c.MiddleName, &c.LastName, &c.Company,
		&r.Kind, &r.Source, &r.Code, &r.Ref, &r.Group, &r.At, &r.Detail, &r.ValueMinor); err != nil {
		return err
	}
	r.ContactName = c.DisplayName()
	r.Code = marketing.FormatResponseCode(r.Code)
	return nil
}

func responseByID(ctx context.Context, q querier, id int64) (marketing.Response, error) {
	var r marketing.Response
	err := scanResponse(q.QueryRowContext(ctx, responseSelect+"WHERE r.id = ?", id), &r)
	if errors.Is(err, sql.ErrNoRows) {
		return r, &marketing.Error{Code: marketing.ENotFound, Message: "This response no longer exists. It may have been deleted."}
	}
	return r, err
}

func queryResponses(ctx context.Context, q querier, where string, args ...any) ([]marketing.Response, error) {
	rows, err := q.QueryContext(ctx, responseSelect+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []marketing.Response{}
	for rows.Next() {
		var r marketing.Response
		if err := scanResponse(rows, &r); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ResponsesWithCode lists the responses recorded with a response code,
// newest first.
func (db *DB) ResponsesWithCode(ctx context.Context, code string) ([]marketing.Response, error) {
	return queryResponses(ctx, db.read, "WHERE r.code = ? ORDER BY r.at DESC, r.id DESC LIMIT 100", code)
}

// Responses pages responses newest first, of one campaign and/or contact
// (0 = all), with the total.
func (db *DB) Responses(ctx context.Context, campaignID, contactID int64, offset, limit int) ([]marketing.Response, int, error) {
	var conds []string
	var args []any
	if campaignID != 0 {
		conds, args = append(conds, "r.campaign_id = ?"), append(args, campaignID)
	}
	if contactID != 0 {
		conds, args = append(conds, "r.contact_id = ?"), append(args, contactID)
	}
	where := ""
	if len(conds) > 0 {
		where = "WHERE " + strings.Join(conds, " AND ") + " "
	}
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	var total int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM responses r "+where, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	items, err := queryResponses(ctx, tx, where+"ORDER BY r.at DESC, r.id DESC LIMIT ? OFFSET ?", append(args, limit, offset)...)
	return items, total, err
}

// EachCampaignResponse calls fn for every response of a campaign, oldest
// first (the report's list).
func (db *DB) EachCampaignResponse(ctx context.Context, campaignID int64, fn func(r *marketing.Response) error) error {
	rows, err := db.read.QueryContext(ctx, responseSelect+"WHERE r.campaign_id = ? ORDER BY r.at, r.id", campaignID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var r marketing.Response
		if err := scanResponse(rows, &r); err != nil {
			return err
		}
		if err := fn(&r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// DeleteResponse removes a response and its fulfilment task. A stop rule
// it set stays: the touches it skipped are not planned again.
func (db *DB) DeleteResponse(ctx context.Context, id int64) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM responses WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return &marketing.Error{Code: marketing.ENotFound, Message: "This response no longer exists. It may have been deleted."}
		}
		return nil
	})
}

// Fulfilments lists fulfilment tasks: the open ones first by due date,
// then (with all) the done ones, most recent first.
func (db *DB) Fulfilments(ctx context.Context, all bool, limit int) ([]marketing.FulfilmentTask, error) {
	where := "WHERE f.done_at = '' "
	if all {
		where = ""
	}
	rows, err := db.read.QueryContext(ctx, `SELECT f.id, f.response_id, coalesce(f.campaign_id, 0), coalesce(c.name, ''), coalesce(f.contact_id, 0),
		coalesce(k.first_name, ''), coalesce(k.middle_name, ''), coalesce(k.last_name, ''), coalesce(k.company, ''),
		f.kind, f.due_date, f.note, f.created_at, f.done_at
		FROM fulfilment_tasks f LEFT JOIN campaigns c ON c.id = f.campaign_id LEFT JOIN contacts k ON k.id = f.contact_id `+where+`
		ORDER BY f.done_at <> '', CASE WHEN f.done_at = '' THEN f.due_date END, f.done_at DESC, f.id LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []marketing.FulfilmentTask{}
	for rows.Next() {
		var t marketing.FulfilmentTask
		var c marketing.Contact
		if err := rows.Scan(&t.ID, &t.ResponseID, &t.CampaignID, &t.Campaign, &t.ContactID, &c.FirstName, &c.MiddleName, &c.LastName, &c.Company,
			&t.Kind, &t.DueDate, &t.Note, &t.CreatedAt, &t.DoneAt); err != nil {
			return nil, err
		}
		t.ContactName = c.DisplayName()
		out = append(out, t)
	}
	return out, rows.Err()
}

// CompleteFulfilment marks a task done now, or open again.
func (db *DB) CompleteFulfilment(ctx context.Context, id int64, done bool) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		at := ""
		if done {
			at = db.now()
		}
		res, err := tx.ExecContext(ctx, `UPDATE fulfilment_tasks SET done_at = ? WHERE id = ?`, at, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return &marketing.Error{Code: marketing.ENotFound, Message: "This task no longer exists. Its response may have been deleted."}
		}
		return nil
	})
}

// ResponseRow is one row of an imported response or order file, its
// values parsed: Code normalised, Phone in E.164.
type ResponseRow struct {
	Row        int
	Code       string
	Email      string
	Phone      string
	CustomerNo string
	Kind       string
	At         string
	ValueMinor int64
	Ref        string
	Detail     string
}

// Outcomes of an imported row.
const (
	RowAdded     = "added"
	RowDuplicate = "duplicate"
)

// ImportResponses matches each row to a person (by code, else email, else
// phone, else customer number) and records it in ONE transaction: the
// code's campaign, or campaignID for rows without a code. It returns each
// row's outcome: RowAdded, RowDuplicate or the reason it was not used
// (no_match, bad_code, not_member). Cancelling ctx leaves nothing written.
func (db *DB) ImportResponses(ctx context.Context, rows []ResponseRow, campaignID int64, progress func(done int)) ([]string, error) {
	out := make([]string, len(rows))
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		w := responseWriter{db: db, tx: tx, now: db.now(), campaigns: map[int64]*respCampaign{}}
		var first *respCampaign
		if campaignID != 0 {
			var err error
			if first, err = w.campaign(ctx, campaignID); err != nil {
				return err
			}
		}
		stmts := map[string]*sql.Stmt{}
		for k, q := range map[string]string{
			"code":     `SELECT contact_id, campaign FROM response_codes WHERE code = ?`,
			"email":    `SELECT id FROM contacts WHERE email_fold = ?`,
			"phone":    `SELECT DISTINCT id FROM (SELECT id FROM contacts WHERE phone = ?1 AND phone <> '' UNION ALL SELECT id FROM contacts WHERE mobile = ?1 AND mobile <> '') LIMIT 5`,
			"customer": `SELECT id FROM contacts WHERE customer_no = ?`,
		} {
			st, err := tx.PrepareContext(ctx, q)
			if err != nil {
				return err
			}
			defer st.Close()
			stmts[k] = st
		}
		one := func(st *sql.Stmt, v string) (int64, error) {
			var id int64
			err := st.QueryRowContext(ctx, v).Scan(&id)
			if errors.Is(err, sql.ErrNoRows) {
				return 0, nil
			}
			return id, err
		}
		var err error
		for i, row := range rows {
			if i%256 == 0 {
				if ctx.Err() != nil {
					return marketing.Errorf(marketing.ECanceled, "Cancelled. No responses were recorded.")
				}
				if progress != nil {
					progress(i)
				}
			}
			camp, contact := campaignID, int64(0)
			if row.Code != "" {
				var key string
				err := stmts["code"].QueryRowContext(ctx, row.Code).Scan(&contact, &key)
				if errors.Is(err, sql.ErrNoRows) {
					out[i] = "bad_code"
					continue
				} else if err != nil {
					return err
				}
				if camp, err = codeCampaign(ctx, tx, row.Code, key); err != nil {
					return err
				}
			}
			// Without a code: the first of email, phone and customer number
			// that finds someone.
			if contact == 0 && row.Email != "" {
				if contact, err = one(stmts["email"], foldEmail(row.Email)); err != nil {
					return err
				}
			}
			if contact == 0 && row.Phone != "" {
				ids, err := scanIDs(stmts["phone"].QueryContext(ctx, row.Phone))
				if err != nil {
					return err
				}
				if len(ids) > 0 {
					contact = ids[0]
				}
				if len(ids) > 1 && camp != 0 {
					// A shared number: the one in the campaign is meant.
					for _, id := range ids {
						if g, err := memberGroup(ctx, tx, first, id); err != nil {
							return err
						} else if g != "" {
							contact = id
							break
						}
					}
				}
			}
			if contact == 0 && row.CustomerNo != "" {
				if contact, err = one(stmts["customer"], row.CustomerNo); err != nil {
					return err
				}
			}
			if contact == 0 {
				out[i] = "no_match"
				continue
			}
			if camp == 0 && row.Code == "" {
				out[i] = "no_match"
				continue
			}
			in := ResponseInput{CampaignID: camp, ContactID: contact, Kind: row.Kind, Source: marketing.SourceImport, Code: row.Code,
				Ref: row.Ref, Detail: row.Detail, At: row.At, ValueMinor: row.ValueMinor}
			_, created, err := w.add(ctx, in)
			var me *marketing.Error
			switch {
			case errors.As(err, &me) && me.Details["reason"] == "not_member":
				out[i] = "not_member"
			case err != nil:
				return err
			case created:
				out[i] = RowAdded
			default:
				out[i] = RowDuplicate
			}
		}
		if progress != nil {
			progress(len(rows))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// WebHit is one tracked visit or picture load from a web access log.
type WebHit struct {
	Code string // normalised response code
	Seq  int    // touch number (0 = not said)
	Kind string // click or open
	At   string // UTC timestamp
	URL  string
}

// RecordWebHits stores the hits whose code belongs to someone, in one
// transaction; a hit stored before adds nothing. It returns how many hits
// had a known code and how many were new.
func (db *DB) RecordWebHits(ctx context.Context, hits []WebHit) (matched, added int, err error) {
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		matched, added = 0, 0
		known, err := tx.PrepareContext(ctx, `SELECT EXISTS (SELECT 1 FROM response_codes WHERE code = ?)`)
		if err != nil {
			return err
		}
		defer known.Close()
		ins, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO web_hits (code, touch_seq, kind, at, url) VALUES (?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer ins.Close()
		seen := map[string]bool{}
		for i, h := range hits {
			if i%1024 == 0 && ctx.Err() != nil {
				return marketing.Errorf(marketing.ECanceled, "Cancelled. No visits were recorded.")
			}
			ok, cached := seen[h.Code]
			if !cached {
				if err := known.QueryRowContext(ctx, h.Code).Scan(&ok); err != nil {
					return err
				}
				seen[h.Code] = ok
			}
			if !ok {
				continue
			}
			matched++
			res, err := ins.ExecContext(ctx, h.Code, h.Seq, h.Kind, h.At, clip(h.URL, 500))
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n > 0 {
				added++
			}
		}
		return nil
	})
	return matched, added, err
}

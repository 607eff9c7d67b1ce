package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	"directdesk/backend/marketing"
)

// Campaigns (migration 0008): plans with their touches, the list frozen at
// launch, each touch's list made in one transaction, the work of the
// non-email channels and the home screen's figures. The rules (who can be
// reached, the stop rules, the contact-pressure cap) are the campaign
// package's: the store reads the facts and writes what was decided.

const campaignCols = `c.id, c.name, c.kind, c.status, c.goal, c.kpi, c.budget_minor, c.currency, c.order_value_minor,
	c.margin_pct, c.segment_id, c.selection, c.control_pct, c.stop_on, c.pressure_max, c.pressure_days,
	c.attribution_days, c.start_date, c.notes, c.pause_reason, c.code_key, c.created_at, c.updated_at,
	c.launched_at, c.started_at, c.finished_at`

func scanCampaign(r rowScanner, c *marketing.Campaign) error {
	var stop string
	err := r.Scan(&c.ID, &c.Name, &c.Kind, &c.Status, &c.Goal, &c.KPI, &c.BudgetMinor, &c.Currency, &c.OrderValueMinor,
		&c.MarginPct, &c.SegmentID, &c.Selection, &c.ControlPct, &stop, &c.PressureMax, &c.PressureDays,
		&c.AttributionDays, &c.StartDate, &c.Notes, &c.PauseReason, &c.CodeKey, &c.CreatedAt, &c.UpdatedAt,
		&c.LaunchedAt, &c.StartedAt, &c.FinishedAt)
	c.StopOn = []string{}
	for _, s := range strings.Split(stop, ",") {
		if s = strings.TrimSpace(s); s != "" {
			c.StopOn = append(c.StopOn, s)
		}
	}
	c.Touches = []marketing.Touch{}
	return err
}

const touchCols = `t.id, t.campaign_id, t.seq, t.name, t.channel, coalesce(t.template_id, 0), t.template_version,
	coalesce(t.label_template_id, 0), coalesce(t.account_id, 0), t.sms_text, t.script, t.due_date, t.offset_days,
	t.unit_cost_minor, t.expected_rate, t.released_at, t.finished_at`

func scanTouch(r rowScanner, t *marketing.Touch) error {
	return r.Scan(&t.ID, &t.CampaignID, &t.Seq, &t.Name, &t.Channel, &t.TemplateID, &t.TemplateVersion,
		&t.LabelTemplateID, &t.AccountID, &t.SMSText, &t.Script, &t.DueDate, &t.OffsetDays,
		&t.UnitCostMinor, &t.ExpectedRate, &t.ReleasedAt, &t.FinishedAt)
}

func campaignNotFound() error {
	return marketing.FieldError(marketing.ENotFound, "campaign", "This campaign no longer exists. It may have been deleted.", nil)
}

// readCampaigns reads the campaigns a WHERE clause picks, newest first,
// with their touches in sequence order.
func readCampaigns(ctx context.Context, q querier, where string, args ...any) ([]marketing.Campaign, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+campaignCols+` FROM campaigns c WHERE `+where+` ORDER BY c.id DESC`, args...)
	if err != nil {
		return nil, err
	}
	out := []marketing.Campaign{}
	at := map[int64]int{}
	for rows.Next() {
		var c marketing.Campaign
		if err := scanCampaign(rows, &c); err != nil {
			rows.Close()
			return nil, err
		}
		at[c.ID] = len(out)
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	trows, err := q.QueryContext(ctx, `SELECT `+touchCols+` FROM campaign_touches t
		WHERE t.campaign_id IN (SELECT c.id FROM campaigns c WHERE `+where+`) ORDER BY t.campaign_id, t.seq`, args...)
	if err != nil {
		return nil, err
	}
	defer trows.Close()
	for trows.Next() {
		var t marketing.Touch
		if err := scanTouch(trows, &t); err != nil {
			return nil, err
		}
		if i, ok := at[t.CampaignID]; ok {
			out[i].Touches = append(out[i].Touches, t)
		}
	}
	return out, trows.Err()
}

func readCampaign(ctx context.Context, q querier, id int64) (marketing.Campaign, error) {
	list, err := readCampaigns(ctx, q, `c.id = ?`, id)
	if err != nil {
		return marketing.Campaign{}, err
	}
	if len(list) == 0 {
		return marketing.Campaign{}, campaignNotFound()
	}
	return list[0], nil
}

// Campaign returns one campaign (or mailing) with its touches.
func (db *DB) Campaign(ctx context.Context, id int64) (marketing.Campaign, error) {
	return readCampaign(ctx, db.read, id)
}

// CampaignOfTouch returns the campaign a touch belongs to, with its touches.
func (db *DB) CampaignOfTouch(ctx context.Context, touchID int64) (marketing.Campaign, error) {
	var id int64
	err := db.read.QueryRowContext(ctx, `SELECT campaign_id FROM campaign_touches WHERE id = ?`, touchID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return marketing.Campaign{}, marketing.FieldError(marketing.ENotFound, "touchId", "This touch no longer exists. Its campaign may have been deleted.", nil)
	} else if err != nil {
		return marketing.Campaign{}, err
	}
	return readCampaign(ctx, db.read, id)
}

// CampaignList returns the campaigns (not mailings) newest first; archived
// ones only with archived.
func (db *DB) CampaignList(ctx context.Context, archived bool) ([]marketing.Campaign, error) {
	if archived {
		return readCampaigns(ctx, db.read, `c.kind = 'campaign'`)
	}
	return readCampaigns(ctx, db.read, `c.kind = 'campaign' AND c.status <> 'archived'`)
}

// ActiveCampaigns returns the scheduled, running and paused campaigns:
// the ones whose touches may come due.
func (db *DB) ActiveCampaigns(ctx context.Context) ([]marketing.Campaign, error) {
	return readCampaigns(ctx, db.read, `c.kind = 'campaign' AND c.status IN ('scheduled', 'running', 'paused')`)
}

// CampaignFigures are a campaign's headline numbers for the list.
type CampaignFigures struct {
	Target, Control int
	Sent            int // posted, exported, called, sent (an email the server refused too, as in the results)
	Responses       int // target-group people who responded (not opt-outs or "no"), as in the results
	RevenueMinor    int64
	CostMinor       int64
}

// AllCampaignFigures counts every campaign's figures with a few grouped
// queries (the list shows them all).
func (db *DB) AllCampaignFigures(ctx context.Context) (map[int64]*CampaignFigures, error) {
	out := map[int64]*CampaignFigures{}
	get := func(id int64) *CampaignFigures {
		f := out[id]
		if f == nil {
			f = &CampaignFigures{}
			out[id] = f
		}
		return f
	}
	type query struct {
		sql  string
		scan func(id int64, a, b int64)
	}
	qs := []query{
		{`SELECT m.campaign_id, sum(m.grp = 'target'), sum(m.grp = 'control') FROM campaign_members m
			JOIN campaigns c ON c.id = m.campaign_id WHERE c.kind = 'campaign' GROUP BY m.campaign_id`,
			func(id int64, a, b int64) { get(id).Target, get(id).Control = int(a), int(b) }},
		{`SELECT t.campaign_id, count(*), sum(w.cost_minor) FROM touch_work w JOIN campaign_touches t ON t.id = w.touch_id
			JOIN campaigns c ON c.id = t.campaign_id WHERE c.kind = 'campaign' AND w.state = 'done' GROUP BY t.campaign_id`,
			func(id int64, a, b int64) { get(id).Sent += int(a); get(id).CostMinor += b }},
		{`SELECT t.campaign_id, count(*), sum(t.unit_cost_minor) FROM outbox o JOIN campaign_touches t ON t.id = o.touch_id
			JOIN campaigns c ON c.id = t.campaign_id WHERE c.kind = 'campaign' AND o.state IN ('sent', 'bounced', 'hard_failed') GROUP BY t.campaign_id`,
			func(id int64, a, b int64) { get(id).Sent += int(a); get(id).CostMinor += b }},
		{`SELECT r.campaign_id, count(DISTINCT CASE WHEN r.kind NOT IN ('optout', 'no') THEN r.contact_id END), coalesce(sum(r.value_minor), 0)
			FROM responses r JOIN campaigns c ON c.id = r.campaign_id WHERE c.kind = 'campaign' AND r.grp = 'target' GROUP BY r.campaign_id`,
			func(id int64, a, b int64) { get(id).Responses, get(id).RevenueMinor = int(a), b }},
	}
	for _, q := range qs {
		rows, err := db.read.QueryContext(ctx, q.sql)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			var a, b sql.NullInt64
			if err := rows.Scan(&id, &a, &b); err != nil {
				rows.Close()
				return nil, err
			}
			q.scan(id, a.Int64, b.Int64)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func nameTaken(ctx context.Context, tx *sql.Tx, name string, id int64) error {
	var other int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM campaigns WHERE kind = 'campaign' AND dd_fold(name) = dd_fold(?) AND id <> ? LIMIT 1`, name, id).Scan(&other)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		return err
	}
	return marketing.FieldError(marketing.EConflict, "name", "Another campaign already has this name. Pick a name of its own: it is also the key of the campaign's response codes.", map[string]string{"reason": "name_taken"})
}

// NotRunningError is the conflict of sending or releasing something of a
// campaign (or mailing) that is not running.
func NotRunningError(status string) error {
	return marketing.FieldError(marketing.EConflict, "status", "The campaign is not running, so no touch of it can go out. Resume it first.", map[string]string{"reason": "not_running", "status": status})
}

func frozenError() error {
	return marketing.FieldError(marketing.EConflict, "status", "This campaign has been launched: its plan, list and messages are frozen. Only the goal and the notes can still change. Duplicate it to plan a new one.", map[string]string{"reason": "frozen"})
}

// SaveCampaignDraft inserts (ID 0) or updates a draft with its touches,
// which replace the stored ones as a whole (in the order given: seq 1..n).
// A name another campaign has is a conflict; so is a campaign that is no
// longer a draft.
func (db *DB) SaveCampaignDraft(ctx context.Context, c *marketing.Campaign, now string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if err := nameTaken(ctx, tx, c.Name, c.ID); err != nil {
			return err
		}
		for i, t := range c.Touches {
			if t.AccountID == 0 {
				continue
			}
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM mail_accounts WHERE id = ?`, t.AccountID).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return marketing.FieldError(marketing.ENotFound, fmt.Sprintf("touches.%d.accountId", i), "The mail account of this touch no longer exists. Pick another.", map[string]string{"reason": "account_gone", "touch": fmt.Sprint(i + 1)})
			}
		}
		args := []any{c.Name, c.Goal, c.KPI, c.BudgetMinor, c.Currency, c.OrderValueMinor, c.MarginPct, c.SegmentID, c.Selection,
			c.ControlPct, strings.Join(c.StopOn, ","), c.PressureMax, c.PressureDays, c.AttributionDays, c.StartDate, c.Notes, now}
		if c.ID == 0 {
			res, err := tx.ExecContext(ctx, `INSERT INTO campaigns (name, goal, kpi, budget_minor, currency, order_value_minor, margin_pct,
				segment_id, selection, control_pct, stop_on, pressure_max, pressure_days, attribution_days, start_date, notes, updated_at,
				created_at, kind, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'campaign', 'draft')`, append(args, now)...)
			if err != nil {
				return err
			}
			c.ID, _ = res.LastInsertId()
			c.CreatedAt = now
		} else {
			var status, kind, created string
			err := tx.QueryRowContext(ctx, `SELECT status, kind, created_at FROM campaigns WHERE id = ?`, c.ID).Scan(&status, &kind, &created)
			if errors.Is(err, sql.ErrNoRows) {
				return campaignNotFound()
			} else if err != nil {
				return err
			}
			if status != marketing.CampaignDraft || kind != marketing.CampaignKindCampaign {
				return frozenError()
			}
			if _, err := tx.ExecContext(ctx, `UPDATE campaigns SET name = ?, goal = ?, kpi = ?, budget_minor = ?, currency = ?,
				order_value_minor = ?, margin_pct = ?, segment_id = ?, selection = ?, control_pct = ?, stop_on = ?, pressure_max = ?,
				pressure_days = ?, attribution_days = ?, start_date = ?, notes = ?, updated_at = ? WHERE id = ?`, append(args, c.ID)...); err != nil {
				return err
			}
			c.CreatedAt = created
			if _, err := tx.ExecContext(ctx, `DELETE FROM campaign_touches WHERE campaign_id = ?`, c.ID); err != nil {
				return err
			}
		}
		c.Kind, c.Status, c.UpdatedAt = marketing.CampaignKindCampaign, marketing.CampaignDraft, now
		ins, err := tx.PrepareContext(ctx, `INSERT INTO campaign_touches (campaign_id, seq, name, channel, template_id, label_template_id,
			account_id, sms_text, script, due_date, offset_days, unit_cost_minor, expected_rate, segment_id, selection, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer ins.Close()
		for i := range c.Touches {
			t := &c.Touches[i]
			res, err := ins.ExecContext(ctx, c.ID, i+1, t.Name, t.Channel, nullID(t.TemplateID), nullID(t.LabelTemplateID), nullID(t.AccountID),
				t.SMSText, t.Script, t.DueDate, t.OffsetDays, t.UnitCostMinor, t.ExpectedRate, c.SegmentID, c.Selection, now)
			if err != nil {
				return err
			}
			t.ID, _ = res.LastInsertId()
			t.CampaignID, t.Seq, t.TemplateVersion, t.ReleasedAt, t.FinishedAt = c.ID, i+1, 0, "", ""
		}
		return nil
	})
}

// UpdateCampaignNotes changes what may change after a launch: the goal and
// the notes.
func (db *DB) UpdateCampaignNotes(ctx context.Context, id int64, goal, notes, now string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE campaigns SET goal = ?, notes = ?, updated_at = ? WHERE id = ?`, goal, notes, now, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return campaignNotFound()
		}
		return nil
	})
}

// DeleteCampaignDraft removes a draft campaign and its touches.
func (db *DB) DeleteCampaignDraft(ctx context.Context, id int64) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var status, kind string
		err := tx.QueryRowContext(ctx, `SELECT status, kind FROM campaigns WHERE id = ?`, id).Scan(&status, &kind)
		if errors.Is(err, sql.ErrNoRows) {
			return campaignNotFound()
		} else if err != nil {
			return err
		}
		if status != marketing.CampaignDraft || kind != marketing.CampaignKindCampaign {
			return marketing.FieldError(marketing.EConflict, "status", "Only a draft can be deleted. A launched campaign keeps its list and results; archive it instead.", map[string]string{"reason": "not_draft"})
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM campaigns WHERE id = ?`, id)
		return err
	})
}

// CampaignContact is a person as a campaign's rules see them: where they
// can be reached, what they allowed, how often they were contacted lately,
// what they bought and (as a touch's list is made) whether a stop rule
// applies.
type CampaignContact struct {
	ID                           int64
	Name                         string
	Kind                         string // customer, prospect
	Email, Mobile, Phone         string
	Street1, Street2             string
	Postcode, City, Country      string
	ConsentEmail, ConsentSMS     string // granted, refused or ""
	ConsentPost, ConsentPhone    string
	Suppressed                   bool // the email address is on the suppression list
	Recent                       int  // contact touches since the pressure window's start
	Orders                       int  // all orders
	LastOrder                    string
	OrderValueMinor              int64        // all orders
	Responded, Bought, OptedOutR bool         // release only: this campaign's responses, purchases since launch, an opt-out response
	Privacy                      PrivacyFacts // registers, erasure, phone suppression, bought list (privacy.Checker)
}

// Consent returns the contact's consent for a channel (email, sms, post, phone).
func (c *CampaignContact) Consent(channel string) string {
	switch channel {
	case marketing.ChannelEmail:
		return c.ConsentEmail
	case marketing.ChannelSMS:
		return c.ConsentSMS
	case marketing.ChannelPost:
		return c.ConsentPost
	}
	return c.ConsentPhone
}

// campaignContactCols reads a CampaignContact from contacts c; the first
// argument is the start of the pressure window.
const campaignContactCols = `c.id, c.first_name, c.middle_name, c.last_name, c.company, c.kind, c.email, c.mobile, c.phone,
	c.street1, c.street2, c.postcode, c.city, c.country,
	coalesce((SELECT status FROM contact_consent k WHERE k.contact_id = c.id AND k.channel = 'email'), ''),
	coalesce((SELECT status FROM contact_consent k WHERE k.contact_id = c.id AND k.channel = 'sms'), ''),
	coalesce((SELECT status FROM contact_consent k WHERE k.contact_id = c.id AND k.channel = 'post'), ''),
	coalesce((SELECT status FROM contact_consent k WHERE k.contact_id = c.id AND k.channel = 'phone'), ''),
	c.email_fold IS NOT NULL AND EXISTS (SELECT 1 FROM suppressions s WHERE s.email_fold = c.email_fold),
	(SELECT count(*) FROM contact_touches ct WHERE ct.contact_id = c.id AND ct.at >= ?),
	(SELECT count(*) FROM orders o WHERE o.contact_id = c.id),
	coalesce((SELECT max(o.date) FROM orders o WHERE o.contact_id = c.id), ''),
	coalesce((SELECT sum(o.total_minor) FROM orders o WHERE o.contact_id = c.id), 0),
	` + privacyCols

func scanCampaignContact(r rowScanner, m *CampaignContact, extra ...any) error {
	var first, middle, last, company string
	dest := []any{&m.ID, &first, &middle, &last, &company, &m.Kind, &m.Email, &m.Mobile, &m.Phone,
		&m.Street1, &m.Street2, &m.Postcode, &m.City, &m.Country,
		&m.ConsentEmail, &m.ConsentSMS, &m.ConsentPost, &m.ConsentPhone, &m.Suppressed, &m.Recent,
		&m.Orders, &m.LastOrder, &m.OrderValueMinor}
	dest = append(dest, m.Privacy.dest()...)
	if err := r.Scan(append(dest, extra...)...); err != nil {
		return err
	}
	m.Name = strings.Join(strings.Fields(first+" "+middle+" "+last), " ")
	if m.Name == "" {
		m.Name = company
	}
	return nil
}

// CampaignContacts reads the contacts of ids (in that order; deleted ones
// left out) as the campaign rules see them; Recent counts their contact
// touches since windowStart (a timestamp).
func (db *DB) CampaignContacts(ctx context.Context, ids []int64, windowStart string) ([]CampaignContact, error) {
	return rowsByID(ctx, db.read, campaignContactCols, ids, []any{windowStart},
		func(r rowScanner, m *CampaignContact) error { return scanCampaignContact(r, m) }, func(m *CampaignContact) int64 { return m.ID })
}

// CampaignMember is one person of the frozen list.
type CampaignMember struct {
	ContactID int64
	Group     string // target, control, excluded
	Reason    string // why excluded
	Lifecycle string
}

// CampaignLaunch is what a launch writes.
type CampaignLaunch struct {
	ID          int64
	Status      string // running or scheduled
	StartDate   string
	CodeKey     string
	Now         string
	Seqs        map[int64]int    // touch id -> its number in date order
	Versions    map[int64]int    // touch id -> template version frozen
	Attachments map[int64]string // touch id -> JSON of attached template id -> version
	Members     []CampaignMember
	Events      []marketing.Event // timeline notes (left out for recent contact)
	// MemberSeq and EventSeq, when set, are read instead of Members and
	// Events: the list is streamed into the transaction, so a launch to a
	// million people need not hold a million structs.
	MemberSeq iter.Seq[CampaignMember]
	EventSeq  iter.Seq[marketing.Event]
}

// memberBatch rows go in one INSERT: bulk statements cost far less per
// row than one statement per member on 100,000 people.
const memberBatch = 200

// LaunchCampaign freezes a draft's list and template versions and sets it
// running or scheduled, all in one transaction.
func (db *DB) LaunchCampaign(ctx context.Context, l *CampaignLaunch) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var status string
		err := tx.QueryRowContext(ctx, `SELECT status FROM campaigns WHERE id = ? AND kind = 'campaign'`, l.ID).Scan(&status)
		if errors.Is(err, sql.ErrNoRows) {
			return campaignNotFound()
		} else if err != nil {
			return err
		}
		if status != marketing.CampaignDraft {
			return marketing.MoveError(status, l.Status)
		}
		started := ""
		if l.Status == marketing.CampaignRunning {
			started = l.Now
		}
		if _, err := tx.ExecContext(ctx, `UPDATE campaigns SET status = ?, start_date = ?, code_key = ?, launched_at = ?, started_at = ?,
			pause_reason = '', finished_at = '', updated_at = ? WHERE id = ?`, l.Status, l.StartDate, l.CodeKey, l.Now, started, l.Now, l.ID); err != nil {
			return err
		}
		// Two passes: (campaign_id, seq) is unique at every step.
		for touch, seq := range l.Seqs {
			if _, err := tx.ExecContext(ctx, `UPDATE campaign_touches SET seq = ? WHERE id = ? AND campaign_id = ?`, -seq, touch, l.ID); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE campaign_touches SET seq = -seq WHERE campaign_id = ? AND seq < 0`, l.ID); err != nil {
			return err
		}
		for touch, v := range l.Versions {
			atts := l.Attachments[touch]
			if atts == "" {
				atts = "{}"
			}
			if _, err := tx.ExecContext(ctx, `UPDATE campaign_touches SET template_version = ?, attachments = ? WHERE id = ? AND campaign_id = ?`,
				v, atts, touch, l.ID); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM campaign_members WHERE campaign_id = ?`, l.ID); err != nil {
			return err
		}
		full, err := tx.PrepareContext(ctx, memberInsert(memberBatch))
		if err != nil {
			return err
		}
		defer full.Close()
		members := l.MemberSeq
		if members == nil {
			members = slices.Values(l.Members)
		}
		args := make([]any, 0, 5*memberBatch)
		flush := func() error {
			if ctx.Err() != nil {
				return marketing.Errorf(marketing.ECanceled, "Cancelled. The campaign was not launched.")
			}
			var err error
			if len(args) == 5*memberBatch {
				_, err = full.ExecContext(ctx, args...)
			} else {
				_, err = tx.ExecContext(ctx, memberInsert(len(args)/5), args...)
			}
			args = args[:0]
			return err
		}
		for m := range members {
			args = append(args, l.ID, m.ContactID, m.Group, m.Reason, m.Lifecycle)
			if len(args) == 5*memberBatch {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		if len(args) > 0 {
			if err := flush(); err != nil {
				return err
			}
		}
		// The bought and rented lists the members came from are used now:
		// a one-time list cannot go into a second campaign.
		if err := recordListUses(ctx, tx, l.ID, l.Now); err != nil {
			return err
		}
		if err := checkListLicence(ctx, tx, l.ID); err != nil {
			return err
		}
		events := l.EventSeq
		if events == nil {
			events = slices.Values(l.Events)
		}
		for e := range events {
			if err := insertEvent(ctx, tx, &e); err != nil {
				return err
			}
		}
		return nil
	})
}

func memberInsert(n int) string {
	return `INSERT INTO campaign_members (campaign_id, contact_id, grp, reason, lifecycle) VALUES ` +
		strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?),", n), ",")
}

// MoveCampaign changes a campaign's status from `from` to `to` (the caller
// checked the move) with what belongs to it: back to draft drops the list
// and the frozen versions (only while no touch was released); running
// clears the pause reason and starts a scheduled campaign today at the
// latest; paused keeps the reason; finished cancels the work left and
// ends the touches; finished and archived set finished_at.
func (db *DB) MoveCampaign(ctx context.Context, id int64, from, to, reason string, now time.Time) error {
	ts := marketing.Timestamp(now)
	today := now.Format(time.DateOnly)
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var status string
		err := tx.QueryRowContext(ctx, `SELECT status FROM campaigns WHERE id = ?`, id).Scan(&status)
		if errors.Is(err, sql.ErrNoRows) {
			return campaignNotFound()
		} else if err != nil {
			return err
		}
		if status != from {
			return marketing.MoveError(status, to)
		}
		exec := func(q string, args ...any) error {
			_, err := tx.ExecContext(ctx, q, args...)
			return err
		}
		switch to {
		case marketing.CampaignDraft:
			var released int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM campaign_touches WHERE campaign_id = ? AND released_at <> ''`, id).Scan(&released); err != nil {
				return err
			}
			if released > 0 {
				return marketing.FieldError(marketing.EConflict, "status", "A touch of this campaign has gone out already, so it cannot become a draft again. Pause or finish it instead.", map[string]string{"reason": "released"})
			}
			if err := exec(`DELETE FROM campaign_members WHERE campaign_id = ?`, id); err != nil {
				return err
			}
			// Nothing went out: the lists it would have used are free again.
			if err := exec(`DELETE FROM list_uses WHERE campaign_id = ?`, id); err != nil {
				return err
			}
			if err := exec(`UPDATE campaign_touches SET template_version = 0, attachments = '{}' WHERE campaign_id = ?`, id); err != nil {
				return err
			}
			return exec(`UPDATE campaigns SET status = 'draft', launched_at = '', started_at = '', code_key = '', pause_reason = '', updated_at = ? WHERE id = ?`, ts, id)
		case marketing.CampaignRunning:
			return exec(`UPDATE campaigns SET status = 'running', pause_reason = '', updated_at = ?,
				started_at = CASE WHEN started_at = '' THEN ? ELSE started_at END,
				start_date = CASE WHEN start_date = '' OR start_date > ? THEN ? ELSE start_date END WHERE id = ?`, ts, ts, today, today, id)
		case marketing.CampaignPaused:
			return exec(`UPDATE campaigns SET status = 'paused', pause_reason = ?, updated_at = ? WHERE id = ?`, reason, ts, id)
		case marketing.CampaignFinished:
			if err := exec(`UPDATE touch_work SET state = 'cancelled', reason = 'campaign_finished', updated_at = ?
				WHERE state = 'due' AND touch_id IN (SELECT id FROM campaign_touches WHERE campaign_id = ?)`, ts, id); err != nil {
				return err
			}
			if err := exec(`UPDATE outbox SET state = 'cancelled', reason = 'cancelled', updated_at = ?
				WHERE state IN ('queued', 'soft_failed') AND touch_id IN (SELECT id FROM campaign_touches WHERE campaign_id = ?)`, ts, id); err != nil {
				return err
			}
			if err := exec(`UPDATE campaign_touches SET finished_at = ? WHERE campaign_id = ? AND finished_at = ''`, ts, id); err != nil {
				return err
			}
			return exec(`UPDATE campaigns SET status = 'finished', pause_reason = '', finished_at = ?, updated_at = ? WHERE id = ?`, ts, ts, id)
		case marketing.CampaignArchived:
			return exec(`UPDATE campaigns SET status = 'archived', updated_at = ?,
				finished_at = CASE WHEN finished_at = '' THEN ? ELSE finished_at END WHERE id = ?`, ts, ts, id)
		case marketing.CampaignScheduled:
			return exec(`UPDATE campaigns SET status = 'scheduled', pause_reason = '', updated_at = ? WHERE id = ?`, ts, id)
		}
		return marketing.MoveError(from, to)
	})
}

// ReleaseInput is what a touch's list is decided from: the campaign, the
// touch and target members not stopped yet (a page of them: see
// ReleaseTouch), read in the release's own transaction so two releases
// never count the same pressure twice.
type ReleaseInput struct {
	Campaign marketing.Campaign
	Touch    marketing.Touch
	Members  []CampaignContact
}

// ReleaseRow is the decision about one member.
type ReleaseRow struct {
	ContactID int64
	Reason    string // "" = on the list; else skipped with this reason
	Stop      string // a stop rule ended the person's sequence (response, purchase, optout)
	Priority  int    // call order
	// Email touches: the outbox row's address, name, Message-ID and token.
	Email, Name      string
	MessageID, Token string
	// Event is a timeline note (why the person was left out).
	Event *marketing.Event
}

// ReleaseResult counts a touch's list.
type ReleaseResult struct {
	Count, Skipped int
}

// ReleaseTouch makes a touch's list in one transaction: decide gets the
// facts and returns a row per member; the rows become outbox rows (email)
// or touch work, with the contact touches the pressure cap counts, the
// members stopped and the timeline notes; the touch is marked released.
// The campaign must be running and the touch not released yet (else a
// conflict with reason not_running or released). decide runs inside the
// transaction and must not use the store; it is called once per page of
// at most ReleasePage members, in contact id order.
func (db *DB) ReleaseTouch(ctx context.Context, touchID int64, now time.Time, decide func(in *ReleaseInput) ([]ReleaseRow, error)) (ReleaseResult, error) {
	var res ReleaseResult
	ts := marketing.Timestamp(now)
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		res = ReleaseResult{}
		var campaignID int64
		err := tx.QueryRowContext(ctx, `SELECT campaign_id FROM campaign_touches WHERE id = ?`, touchID).Scan(&campaignID)
		if errors.Is(err, sql.ErrNoRows) {
			return marketing.FieldError(marketing.ENotFound, "touchId", "This touch no longer exists.", nil)
		} else if err != nil {
			return err
		}
		c, err := readCampaign(ctx, tx, campaignID)
		if err != nil {
			return err
		}
		in := &ReleaseInput{Campaign: c}
		for _, t := range c.Touches {
			if t.ID == touchID {
				in.Touch = t
			}
		}
		if c.Status != marketing.CampaignRunning {
			return NotRunningError(c.Status)
		}
		if in.Touch.ReleasedAt != "" {
			return marketing.FieldError(marketing.EConflict, "touchId", "This touch's list was made already. It is never made twice.", map[string]string{"reason": "released"})
		}
		window := marketing.Timestamp(now.AddDate(0, 0, -c.PressureDays))
		launchDay := c.LaunchedAt
		if t, err := time.Parse(time.RFC3339, c.LaunchedAt); err == nil {
			launchDay = t.In(now.Location()).Format(time.DateOnly)
		}
		// A page of members at a time, in contact id order: a list of a
		// million people is never in memory at once.
		var after int64
		for {
			rows, err := tx.QueryContext(ctx, `SELECT `+campaignContactCols+`,
				EXISTS (SELECT 1 FROM responses r WHERE r.campaign_id = ? AND r.contact_id = c.id AND r.kind NOT IN ('optout', 'no')),
				EXISTS (SELECT 1 FROM orders o WHERE o.contact_id = c.id AND o.date >= ?)
					OR EXISTS (SELECT 1 FROM responses r WHERE r.contact_id = c.id AND r.kind = 'order' AND r.at >= ?),
				EXISTS (SELECT 1 FROM responses r WHERE r.campaign_id = ? AND r.contact_id = c.id AND r.kind = 'optout')
				FROM campaign_members m JOIN contacts c ON c.id = m.contact_id
				WHERE m.campaign_id = ? AND m.grp = 'target' AND m.stopped_at = '' AND m.contact_id > ? ORDER BY m.contact_id LIMIT ?`,
				window, c.ID, launchDay, c.LaunchedAt, c.ID, c.ID, after, ReleasePage)
			if err != nil {
				return err
			}
			in.Members = in.Members[:0]
			for rows.Next() {
				var m CampaignContact
				if err := scanCampaignContact(rows, &m, &m.Responded, &m.Bought, &m.OptedOutR); err != nil {
					rows.Close()
					return err
				}
				in.Members = append(in.Members, m)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
			if len(in.Members) == 0 {
				break
			}
			after = in.Members[len(in.Members)-1].ID
			list, err := decide(in)
			if err != nil {
				return err
			}
			if err := writeRelease(ctx, tx, in, list, ts, &res); err != nil {
				return err
			}
			if len(in.Members) < ReleasePage {
				break
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE campaign_touches SET released_at = ?, started_at = ? WHERE id = ? AND released_at = ''`, ts, ts, touchID)
		return err
	})
	return res, err
}

// ReleasePage is how many members a touch's release reads and decides at
// a time.
const ReleasePage = 1000

func writeRelease(ctx context.Context, tx *sql.Tx, in *ReleaseInput, list []ReleaseRow, ts string, res *ReleaseResult) error {
	t := &in.Touch
	email := t.Channel == marketing.TouchEmail
	var codes map[int64]string
	if email {
		var ids []int64
		for _, r := range list {
			if r.Reason == "" {
				ids = append(ids, r.ContactID)
			}
		}
		var err error
		if codes, err = codesInTx(ctx, tx, in.Campaign.CodeKey, ids, ts); err != nil {
			return err
		}
	}
	stop, err := tx.PrepareContext(ctx, `UPDATE campaign_members SET stopped_at = ?, stop_reason = ? WHERE campaign_id = ? AND contact_id = ? AND stopped_at = ''`)
	if err != nil {
		return err
	}
	defer stop.Close()
	touched, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO contact_touches (contact_id, touch_id, at) VALUES (?, ?, ?)`)
	if err != nil {
		return err
	}
	defer touched.Close()
	var ins *sql.Stmt
	if email {
		ins, err = tx.PrepareContext(ctx, `INSERT INTO outbox (touch_id, contact_id, account_id, email, email_fold, name, state, reason, message_id, token, response_code, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	} else {
		ins, err = tx.PrepareContext(ctx, `INSERT INTO touch_work (touch_id, contact_id, state, reason, priority, updated_at) VALUES (?, ?, ?, ?, ?, ?)`)
	}
	if err != nil {
		return err
	}
	defer ins.Close()
	for i, r := range list {
		if i%1024 == 0 && ctx.Err() != nil {
			return marketing.Errorf(marketing.ECanceled, "Cancelled. Nothing of this touch went out.")
		}
		if r.Stop != "" {
			if _, err := stop.ExecContext(ctx, ts, r.Stop, in.Campaign.ID, r.ContactID); err != nil {
				return err
			}
		}
		state := marketing.WorkDue
		if email {
			state = marketing.OutboxQueued
		}
		if r.Reason != "" {
			state = marketing.WorkSkipped
			res.Skipped++
		} else {
			res.Count++
			if _, err := touched.ExecContext(ctx, r.ContactID, t.ID, ts); err != nil {
				return err
			}
		}
		if email {
			_, err = ins.ExecContext(ctx, t.ID, r.ContactID, t.AccountID, r.Email, foldEmail(r.Email), r.Name, state, r.Reason, r.MessageID, r.Token, codes[r.ContactID], ts)
		} else {
			_, err = ins.ExecContext(ctx, t.ID, r.ContactID, state, r.Reason, r.Priority, ts)
		}
		if err != nil {
			return err
		}
		if r.Event != nil {
			if err := insertEvent(ctx, tx, r.Event); err != nil {
				return err
			}
		}
	}
	return nil
}

// codesInTx is ResponseCodes inside a transaction the caller holds (a
// touch's list and its codes are made together).
func codesInTx(ctx context.Context, tx *sql.Tx, campaign string, ids []int64, now string) (map[int64]string, error) {
	out := make(map[int64]string, len(ids))
	sel, err := tx.PrepareContext(ctx, `SELECT code FROM response_codes WHERE campaign = ? AND contact_id = ?`)
	if err != nil {
		return nil, err
	}
	defer sel.Close()
	ins, err := tx.PrepareContext(ctx, `INSERT INTO response_codes (code, campaign, contact_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (code) DO NOTHING`)
	if err != nil {
		return nil, err
	}
	defer ins.Close()
	for _, id := range ids {
		var code string
		err := sel.QueryRowContext(ctx, campaign, id).Scan(&code)
		if err == nil {
			out[id] = code
			continue
		} else if !errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
		for {
			code = marketing.NewResponseCode()
			res, err := ins.ExecContext(ctx, code, campaign, id, now)
			if err != nil {
				return nil, err
			}
			if n, _ := res.RowsAffected(); n == 1 {
				break
			}
		}
		out[id] = code
	}
	return out, nil
}

// FinishDoneTouches marks the released touches of running campaigns whose
// work is done (email: nothing left to send; others: nothing due) as
// finished, then the running campaigns whose touches are all released and
// finished. Returns the campaigns it finished.
func (db *DB) FinishDoneTouches(ctx context.Context, now time.Time) ([]int64, error) {
	ts := marketing.Timestamp(now)
	var done []int64
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		done = done[:0]
		if _, err := tx.ExecContext(ctx, `UPDATE campaign_touches SET finished_at = ?
			WHERE finished_at = '' AND released_at <> ''
			AND campaign_id IN (SELECT id FROM campaigns WHERE kind = 'campaign' AND status = 'running')
			AND CASE WHEN channel = 'email'
				THEN NOT EXISTS (SELECT 1 FROM outbox o WHERE o.touch_id = campaign_touches.id AND o.state IN ('queued', 'reserved', 'sending', 'soft_failed'))
				ELSE NOT EXISTS (SELECT 1 FROM touch_work w WHERE w.touch_id = campaign_touches.id AND w.state = 'due') END`, ts); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT c.id FROM campaigns c WHERE c.kind = 'campaign' AND c.status = 'running'
			AND EXISTS (SELECT 1 FROM campaign_touches t WHERE t.campaign_id = c.id)
			AND NOT EXISTS (SELECT 1 FROM campaign_touches t WHERE t.campaign_id = c.id AND (t.released_at = '' OR t.finished_at = ''))`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			done = append(done, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, id := range done {
			if _, err := tx.ExecContext(ctx, `UPDATE campaigns SET status = 'finished', finished_at = ?, updated_at = ? WHERE id = ? AND status = 'running'`, ts, ts, id); err != nil {
				return err
			}
		}
		return nil
	})
	return done, err
}

// FinishEmailTouch ends an email touch whose outbox has nothing left to
// send: a mailing ends with its one touch; a campaign's touch alone is
// finished (the campaign goes on with its other touches).
func (db *DB) FinishEmailTouch(ctx context.Context, touchID int64) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		now := db.now()
		var campaignID int64
		var kind string
		err := tx.QueryRowContext(ctx, `SELECT c.id, c.kind FROM campaign_touches t JOIN campaigns c ON c.id = t.campaign_id WHERE t.id = ?`, touchID).Scan(&campaignID, &kind)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		} else if err != nil {
			return err
		}
		if kind == marketing.CampaignKindMailing {
			if _, err := tx.ExecContext(ctx, `UPDATE campaigns SET status = 'finished', pause_reason = '', updated_at = ?,
				finished_at = CASE WHEN finished_at = '' THEN ? ELSE finished_at END WHERE id = ?`, now, now, campaignID); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE campaign_touches SET finished_at = ? WHERE id = ? AND finished_at = ''`, now, touchID)
		return err
	})
}

// ReopenEmailTouch clears an email touch's finished mark when it sends
// again (resume, retry, resend), so a restart of the app resumes it
// (RunningTouches skips finished touches). A campaign that has finished
// does not send again (a conflict); a finished mailing may (a retry of its
// failed recipients).
func (db *DB) ReopenEmailTouch(ctx context.Context, touchID int64) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var kind, status string
		err := tx.QueryRowContext(ctx, `SELECT c.kind, c.status FROM campaign_touches t JOIN campaigns c ON c.id = t.campaign_id WHERE t.id = ?`, touchID).Scan(&kind, &status)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		} else if err != nil {
			return err
		}
		if kind != marketing.CampaignKindCampaign {
			_, err = tx.ExecContext(ctx, `UPDATE campaign_touches SET finished_at = '' WHERE id = ?`, touchID)
			return err
		}
		if status != marketing.CampaignRunning && status != marketing.CampaignPaused {
			return marketing.FieldError(marketing.EConflict, "status", "This campaign has ended, so its email is not sent again.", map[string]string{"reason": "status", "from": status, "to": marketing.CampaignRunning})
		}
		_, err = tx.ExecContext(ctx, `UPDATE campaign_touches SET finished_at = '' WHERE id = ?`, touchID)
		return err
	})
}

// WorkFilter pages a touch's work.
type WorkFilter struct {
	TouchID  int64
	Channel  string
	State    string // "" = all
	Query    string // folded words: name, city or phone
	Offset   int
	Limit    int
	LocalNow string // YYYY-MM-DDTHH:MM, for call-backs that are due
}

// WorkPage pages a touch's work with the contacts' names and phones (the
// mobile for SMS, else the phone or the mobile), the response code and
// the counts per state. Phone touches come in call order: call-backs due
// now, the rest by priority, future call-backs, then done ones.
func (db *DB) WorkPage(ctx context.Context, f WorkFilter) ([]marketing.WorkItem, int, map[string]int, error) {
	where := `w.touch_id = ?`
	args := []any{f.TouchID}
	if q := strings.TrimSpace(f.Query); q != "" {
		where += ` AND (instr(c.sort_name, ?) > 0 OR instr(c.city_fold, ?) > 0 OR instr(c.phone, ?) > 0 OR instr(c.mobile, ?) > 0 OR instr(dd_fold(c.company), ?) > 0)`
		args = append(args, q, q, q, q, q)
	}
	counts := map[string]int{}
	if f.Channel == marketing.TouchLetter || f.Channel == marketing.TouchCatalog {
		counts["printed"] = 0
	}
	// "printed" counts due letters printed and not yet posted (a part of
	// "due"), for the print queue's "mark as posted".
	// Without a search the counts need no contact: skipping the join made
	// them ~15x faster on a 100,000-member touch (make bench).
	from := ` FROM touch_work w JOIN contacts c ON c.id = w.contact_id WHERE `
	if strings.TrimSpace(f.Query) == "" {
		from = ` FROM touch_work w WHERE `
	}
	rows, err := db.read.QueryContext(ctx, `SELECT w.state, count(*), sum(w.state = 'due' AND w.printed_at <> '')`+from+where+` GROUP BY w.state`, args...)
	if err != nil {
		return nil, 0, nil, err
	}
	for rows.Next() {
		var s string
		var n, printed int
		if err := rows.Scan(&s, &n, &printed); err != nil {
			rows.Close()
			return nil, 0, nil, err
		}
		counts[s] = n
		if _, paper := counts["printed"]; paper {
			counts["printed"] += printed
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, nil, err
	}
	total := 0
	if f.State != "" {
		where += ` AND w.state = ?`
		args = append(args, f.State)
		total = counts[f.State]
	} else {
		for k, n := range counts {
			if k != "printed" {
				total += n
			}
		}
	}
	order := `c.sort_name, w.id`
	if f.Channel == marketing.TouchPhone {
		order = `CASE WHEN w.state = 'due' AND w.callback_at <> '' AND w.callback_at <= ? THEN 0
			WHEN w.state = 'due' AND w.callback_at = '' THEN 1 WHEN w.state = 'due' THEN 2 ELSE 3 END,
			w.priority DESC, c.sort_name, w.id`
		args = append(args, f.LocalNow)
	}
	phone := `CASE WHEN c.phone <> '' THEN c.phone ELSE c.mobile END`
	if f.Channel == marketing.TouchSMS {
		phone = `CASE WHEN c.mobile <> '' THEN c.mobile ELSE c.phone END`
	}
	limit := max(1, min(f.Limit, 500))
	if f.Limit == 0 {
		limit = 100
	}
	rows, err = db.read.QueryContext(ctx, `SELECT w.id, w.touch_id, w.contact_id, c.first_name, c.middle_name, c.last_name, c.company,
		`+phone+`, c.country, c.city, w.state, w.reason, w.outcome, w.callback_at, w.attempts, w.priority, w.printed_at, w.done_at,
		coalesce((SELECT rc.code FROM response_codes rc WHERE rc.campaign = k.code_key AND rc.contact_id = w.contact_id), '')
		FROM touch_work w JOIN contacts c ON c.id = w.contact_id
		JOIN campaign_touches t ON t.id = w.touch_id JOIN campaigns k ON k.id = t.campaign_id
		WHERE `+where+` ORDER BY `+order+` LIMIT ? OFFSET ?`, append(args, limit, max(0, f.Offset))...)
	if err != nil {
		return nil, 0, nil, err
	}
	defer rows.Close()
	items := []marketing.WorkItem{}
	for rows.Next() {
		var it marketing.WorkItem
		var first, middle, last, company, code string
		if err := rows.Scan(&it.ID, &it.TouchID, &it.ContactID, &first, &middle, &last, &company, &it.Phone, &it.Country, &it.City,
			&it.State, &it.Reason, &it.Outcome, &it.CallbackAt, &it.Attempts, &it.Priority, &it.PrintedAt, &it.DoneAt, &code); err != nil {
			return nil, 0, nil, err
		}
		it.Name = strings.Join(strings.Fields(first+" "+middle+" "+last), " ")
		if it.Name == "" {
			it.Name = company
		}
		it.ResponseCode = marketing.FormatResponseCode(code)
		items = append(items, it)
	}
	return items, total, counts, rows.Err()
}

// SkipRefusedWork takes people off a touch's due work who refused the
// channel's consent since its list was made (or whose email address was
// suppressed, for any channel that reads it): never to someone who said no.
func (db *DB) SkipRefusedWork(ctx context.Context, touchID int64, consentChannel string, now time.Time) (int, error) {
	var n int64
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE touch_work SET state = 'skipped', reason = 'no_consent', updated_at = ?
			WHERE touch_id = ? AND state = 'due' AND EXISTS (SELECT 1 FROM contact_consent k
				WHERE k.contact_id = touch_work.contact_id AND k.channel = ? AND k.status = 'refused')`,
			marketing.Timestamp(now), touchID, consentChannel)
		if err == nil {
			n, _ = res.RowsAffected()
		}
		return err
	})
	return int(n), err
}

// TouchDueIDs lists the contacts of a touch's due work that were never
// printed (printed=false), or printed and not posted yet (printed=true).
func (db *DB) TouchDueIDs(ctx context.Context, touchID int64, printed bool) ([]int64, error) {
	cond := `printed_at = ''`
	if printed {
		cond = `printed_at <> ''`
	}
	rows, err := db.read.QueryContext(ctx, `SELECT contact_id FROM touch_work WHERE touch_id = ? AND state = 'due' AND `+cond+` ORDER BY id`, touchID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []int64{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// MarkTouchPrinted records that these people's letters of a touch were
// printed (due work only).
func (db *DB) MarkTouchPrinted(ctx context.Context, touchID int64, ids []int64, now time.Time) (int, error) {
	ts := marketing.Timestamp(now)
	var n int64
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		n = 0
		for start := 0; start < len(ids); start += 500 {
			part := ids[start:min(len(ids), start+500)]
			res, err := tx.ExecContext(ctx, `UPDATE touch_work SET printed_at = ?, updated_at = ? WHERE touch_id = ? AND state = 'due'
				AND contact_id IN (`+qmarks(len(part))+`)`, append([]any{ts, ts, touchID}, int64Args(part)...)...)
			if err != nil {
				return err
			}
			k, _ := res.RowsAffected()
			n += k
		}
		return nil
	})
	return int(n), err
}

// MarkTouchPosted marks printed letters of a touch as posted: done, at the
// touch's unit cost each. nil ids: every printed one.
func (db *DB) MarkTouchPosted(ctx context.Context, touchID int64, ids []int64, now time.Time) (int, error) {
	ts := marketing.Timestamp(now)
	var n int64
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		n = 0
		const upd = `UPDATE touch_work SET state = 'done', done_at = ?, updated_at = ?,
			cost_minor = (SELECT unit_cost_minor FROM campaign_touches WHERE id = touch_work.touch_id)
			WHERE touch_id = ? AND state = 'due' AND printed_at <> ''`
		if ids == nil {
			res, err := tx.ExecContext(ctx, upd, ts, ts, touchID)
			if err != nil {
				return err
			}
			n, _ = res.RowsAffected()
			return nil
		}
		for start := 0; start < len(ids); start += 500 {
			part := ids[start:min(len(ids), start+500)]
			res, err := tx.ExecContext(ctx, upd+` AND contact_id IN (`+qmarks(len(part))+`)`, append([]any{ts, ts, touchID}, int64Args(part)...)...)
			if err != nil {
				return err
			}
			k, _ := res.RowsAffected()
			n += k
		}
		return nil
	})
	return int(n), err
}

// WorkRef is one work row with its touch and campaign.
type WorkRef struct {
	ID, TouchID, ContactID, CampaignID int64
	State, Channel, Campaign           string
	CampaignStatus                     string
	Outcome, CallbackAt                string
	Seq, Attempts                      int
	UnitCostMinor                      int64
}

// TouchWork returns one work row.
func (db *DB) TouchWork(ctx context.Context, id int64) (WorkRef, error) {
	var w WorkRef
	err := db.read.QueryRowContext(ctx, `SELECT w.id, w.touch_id, w.contact_id, t.campaign_id, w.state, t.channel, c.name, c.status,
		w.outcome, w.callback_at, t.seq, w.attempts, t.unit_cost_minor
		FROM touch_work w JOIN campaign_touches t ON t.id = w.touch_id JOIN campaigns c ON c.id = t.campaign_id WHERE w.id = ?`, id).Scan(
		&w.ID, &w.TouchID, &w.ContactID, &w.CampaignID, &w.State, &w.Channel, &w.Campaign, &w.CampaignStatus,
		&w.Outcome, &w.CallbackAt, &w.Seq, &w.Attempts, &w.UnitCostMinor)
	if errors.Is(err, sql.ErrNoRows) {
		return w, marketing.FieldError(marketing.ENotFound, "workId", "This person is no longer on the list. The contact or the campaign may have been deleted.", nil)
	}
	return w, err
}

// CallRecord is a call's outcome as it is stored.
type CallRecord struct {
	WorkID     int64
	Outcome    string
	Done       bool   // the call is over: done at the touch's unit cost
	CallbackAt string // call_back: when (local YYYY-MM-DDTHH:MM)
	// Refused: the person's phone consent becomes refused with this
	// evidence and their sequence stops (optout).
	Refused  bool
	Evidence string
	Event    marketing.Event // the call on the person's timeline
	Now      time.Time
	// Response (interested, order) is recorded with the call in the same
	// transaction, for the person and campaign of the work row and
	// attributed to its touch: a call is never done without its order.
	Response *ResponseInput
}

// RecordCallOutcome stores a call on its work row (only while it is due),
// and for a refusal the consent and the stop, in one transaction.
func (db *DB) RecordCallOutcome(ctx context.Context, r CallRecord) error {
	ts := marketing.Timestamp(r.Now)
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var contactID, campaignID, touchID int64
		var state string
		err := tx.QueryRowContext(ctx, `SELECT w.contact_id, t.campaign_id, w.touch_id, w.state FROM touch_work w JOIN campaign_touches t ON t.id = w.touch_id WHERE w.id = ?`,
			r.WorkID).Scan(&contactID, &campaignID, &touchID, &state)
		if errors.Is(err, sql.ErrNoRows) {
			return marketing.FieldError(marketing.ENotFound, "workId", "This person is no longer on the list.", nil)
		} else if err != nil {
			return err
		}
		if state != marketing.WorkDue {
			return marketing.FieldError(marketing.EConflict, "workId", "This call was recorded already.", map[string]string{"reason": "not_due", "state": state})
		}
		if r.Done {
			_, err = tx.ExecContext(ctx, `UPDATE touch_work SET state = 'done', outcome = ?, callback_at = '', attempts = attempts + 1, done_at = ?,
				cost_minor = (SELECT unit_cost_minor FROM campaign_touches WHERE id = touch_work.touch_id), updated_at = ? WHERE id = ?`, r.Outcome, ts, ts, r.WorkID)
		} else {
			_, err = tx.ExecContext(ctx, `UPDATE touch_work SET outcome = ?, callback_at = ?, attempts = attempts + 1, updated_at = ? WHERE id = ?`,
				r.Outcome, r.CallbackAt, ts, r.WorkID)
		}
		if err != nil {
			return err
		}
		if r.Refused {
			// A no on the phone wins over an earlier yes, as every opt-out does.
			if _, err := db.recordConsent(ctx, tx, marketing.ConsentEvent{ContactID: contactID, Channel: marketing.ChannelPhone,
				Status: marketing.ConsentRefused, At: ts, RecordedAt: ts, Method: marketing.MethodPhone, Source: clip(r.Evidence, 500)}, true); err != nil {
				return err
			}
			// Their numbers go on the suppression list too: the no holds for
			// whoever calls or texts them next, in any campaign.
			if err := suppressPhones(ctx, tx, contactID, marketing.SuppressOptOut, "call: "+clip(r.Evidence, 180), ts); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE campaign_members SET stopped_at = ?, stop_reason = 'optout' WHERE campaign_id = ? AND contact_id = ? AND stopped_at = ''`,
				ts, campaignID, contactID); err != nil {
				return err
			}
			// The sequence ends now, not at the next touch: what of this
			// campaign is still due for the person (a letter not yet
			// posted, an SMS not exported, an email queued) is skipped, as
			// an opt-out response does.
			if _, err := tx.ExecContext(ctx, `UPDATE touch_work SET state = 'skipped', reason = 'stopped', updated_at = ?
				WHERE contact_id = ? AND state = 'due' AND id <> ? AND touch_id IN (SELECT id FROM campaign_touches WHERE campaign_id = ?)`,
				ts, contactID, r.WorkID, campaignID); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE outbox SET state = 'skipped', reason = 'stopped', updated_at = ?
				WHERE contact_id = ? AND state = 'queued' AND touch_id IN (SELECT id FROM campaign_touches WHERE campaign_id = ?)`,
				ts, contactID, campaignID); err != nil {
				return err
			}
		}
		e := r.Event
		e.ContactID = contactID
		if e.At == "" {
			e.At = ts
		}
		if err := insertEvent(ctx, tx, &e); err != nil {
			return err
		}
		if r.Response != nil {
			in := *r.Response
			in.CampaignID, in.ContactID, in.TouchID = campaignID, contactID, touchID
			w := responseWriter{db: db, tx: tx, now: db.now(), campaigns: map[int64]*respCampaign{}}
			if _, _, err := w.add(ctx, in); err != nil {
				return err
			}
		}
		return nil
	})
}

// SMSWork is one due SMS of a touch with the contact's numbers.
type SMSWork struct {
	WorkID, ContactID int64
	Mobile, Phone     string
	Country           string
}

// DueSMS lists a touch's due SMS work in id order.
func (db *DB) DueSMS(ctx context.Context, touchID int64) ([]SMSWork, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT w.id, w.contact_id, c.mobile, c.phone, c.country FROM touch_work w JOIN contacts c ON c.id = w.contact_id
		WHERE w.touch_id = ? AND w.state = 'due' ORDER BY w.id`, touchID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []SMSWork{}
	for rows.Next() {
		var s SMSWork
		if err := rows.Scan(&s.WorkID, &s.ContactID, &s.Mobile, &s.Phone, &s.Country); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// SMSDone is one exported (or left out) SMS.
type SMSDone struct {
	WorkID    int64
	Reason    string // "" = exported; else skipped
	Parts     int
	CostMinor int64
}

// FinishSMSExport marks exported SMS done with their parts and cost, and
// the ones left out skipped, in one transaction. Every row must still be
// due: when one is not (another export took it), nothing is marked and it
// is a conflict with reason "exported", so the file just written is not
// given to the provider beside the other one.
func (db *DB) FinishSMSExport(ctx context.Context, touchID int64, rows []SMSDone, now time.Time) error {
	ts := marketing.Timestamp(now)
	return db.inTx(ctx, func(tx *sql.Tx) error {
		done, err := tx.PrepareContext(ctx, `UPDATE touch_work SET state = 'done', parts = ?, cost_minor = ?, done_at = ?, updated_at = ?
			WHERE id = ? AND touch_id = ? AND state = 'due'`)
		if err != nil {
			return err
		}
		defer done.Close()
		skip, err := tx.PrepareContext(ctx, `UPDATE touch_work SET state = 'skipped', reason = ?, updated_at = ? WHERE id = ? AND touch_id = ? AND state = 'due'`)
		if err != nil {
			return err
		}
		defer skip.Close()
		for _, r := range rows {
			var res sql.Result
			if r.Reason != "" {
				res, err = skip.ExecContext(ctx, r.Reason, ts, r.WorkID, touchID)
			} else {
				res, err = done.ExecContext(ctx, r.Parts, r.CostMinor, ts, ts, r.WorkID, touchID)
			}
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return marketing.FieldError(marketing.EConflict, "touchId", "These messages were exported or changed at the same time by another export. Nothing was marked as sent by this one; use the other file.", map[string]string{"reason": "exported"})
			}
		}
		return nil
	})
}

// TouchCounts is a touch's open work for the home screen.
type TouchCounts struct {
	Due       int // due and (letters) not printed
	Printed   int // printed, not posted
	Callbacks int // call-backs whose time has come
	Sending   int // email: queued, reserved or waiting for a retry
}

// OpenTouchWork counts the open work of every released touch of the
// given campaigns; localNow (YYYY-MM-DDTHH:MM) decides which call-backs
// are due.
func (db *DB) OpenTouchWork(ctx context.Context, campaignIDs []int64, localNow string) (map[int64]TouchCounts, error) {
	out := map[int64]TouchCounts{}
	if len(campaignIDs) == 0 {
		return out, nil
	}
	in := `(SELECT id FROM campaign_touches WHERE released_at <> '' AND campaign_id IN (` + qmarks(len(campaignIDs)) + `))`
	rows, err := db.read.QueryContext(ctx, `SELECT touch_id, sum(printed_at = ''), sum(printed_at <> ''),
		sum(callback_at <> '' AND callback_at <= ?) FROM touch_work WHERE state = 'due' AND touch_id IN `+in+` GROUP BY touch_id`,
		append([]any{localNow}, int64Args(campaignIDs)...)...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		var c TouchCounts
		if err := rows.Scan(&id, &c.Due, &c.Printed, &c.Callbacks); err != nil {
			rows.Close()
			return nil, err
		}
		out[id] = c
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = db.read.QueryContext(ctx, `SELECT touch_id, count(*) FROM outbox WHERE state IN ('queued', 'reserved', 'sending', 'soft_failed')
		AND touch_id IN `+in+` GROUP BY touch_id`, int64Args(campaignIDs)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		c := out[id]
		c.Sending = n
		out[id] = c
	}
	return out, rows.Err()
}

// OpenMembers counts each campaign's target members not stopped: the
// list an unreleased touch would get at most.
func (db *DB) OpenMembers(ctx context.Context, campaignIDs []int64) (map[int64]int, error) {
	out := map[int64]int{}
	if len(campaignIDs) == 0 {
		return out, nil
	}
	rows, err := db.read.QueryContext(ctx, `SELECT campaign_id, count(*) FROM campaign_members WHERE grp = 'target' AND stopped_at = ''
		AND campaign_id IN (`+qmarks(len(campaignIDs))+`) GROUP BY campaign_id`, int64Args(campaignIDs)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}

// OpenFulfilmentTasks lists the fulfilment tasks not done, earliest due first.
func (db *DB) OpenFulfilmentTasks(ctx context.Context, limit int) ([]marketing.FulfilmentTask, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT f.id, f.response_id, coalesce(f.campaign_id, 0), coalesce(k.name, ''), coalesce(f.contact_id, 0),
		coalesce(c.first_name, ''), coalesce(c.middle_name, ''), coalesce(c.last_name, ''), coalesce(c.company, ''),
		f.kind, f.due_date, f.note, f.created_at, f.done_at
		FROM fulfilment_tasks f LEFT JOIN campaigns k ON k.id = f.campaign_id LEFT JOIN contacts c ON c.id = f.contact_id
		WHERE f.done_at = '' ORDER BY f.due_date, f.id LIMIT ?`, max(1, min(limit, 1000)))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []marketing.FulfilmentTask{}
	for rows.Next() {
		var t marketing.FulfilmentTask
		var first, middle, last, company string
		if err := rows.Scan(&t.ID, &t.ResponseID, &t.CampaignID, &t.Campaign, &t.ContactID, &first, &middle, &last, &company,
			&t.Kind, &t.DueDate, &t.Note, &t.CreatedAt, &t.DoneAt); err != nil {
			return nil, err
		}
		t.ContactName = strings.Join(strings.Fields(first+" "+middle+" "+last), " ")
		if t.ContactName == "" {
			t.ContactName = company
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// CountResponsesSince counts the responses recorded at or after since (a timestamp).
func (db *DB) CountResponsesSince(ctx context.Context, since string) (int, error) {
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM responses WHERE at >= ?`, since).Scan(&n)
	return n, err
}

// CampaignMemberRow is one person of a launched campaign's list.
type CampaignMemberRow struct {
	ContactID             int64
	Group, Reason         string
	Lifecycle             string
	StoppedAt, StopReason string
}

// CampaignMembers lists a campaign's frozen list by contact id.
func (db *DB) CampaignMembers(ctx context.Context, campaignID int64) ([]CampaignMemberRow, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT contact_id, grp, reason, lifecycle, stopped_at, stop_reason FROM campaign_members
		WHERE campaign_id = ? ORDER BY contact_id`, campaignID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []CampaignMemberRow{}
	for rows.Next() {
		var m CampaignMemberRow
		if err := rows.Scan(&m.ContactID, &m.Group, &m.Reason, &m.Lifecycle, &m.StoppedAt, &m.StopReason); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// ContactTouch is one touch a person got (or has due), in any campaign or
// mailing.
type ContactTouch struct {
	TouchID, CampaignID int64
	At                  string
}

// ContactTouches lists the touches a person got, oldest first.
func (db *DB) ContactTouches(ctx context.Context, contactID int64) ([]ContactTouch, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT ct.touch_id, t.campaign_id, ct.at FROM contact_touches ct
		JOIN campaign_touches t ON t.id = ct.touch_id WHERE ct.contact_id = ? ORDER BY ct.at, ct.touch_id`, contactID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []ContactTouch{}
	for rows.Next() {
		var c ContactTouch
		if err := rows.Scan(&c.TouchID, &c.CampaignID, &c.At); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

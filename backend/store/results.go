package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"directdesk/backend/marketing"
	"directdesk/backend/segment"
)

// Campaign results: the raw counts of step 8, grouped in SQL so a campaign
// of 100,000 people is a handful of queries, never one per person.
// backend/campaign turns them into rates, money and findings.

// ResultCampaign is what results need of a campaign's plan.
type ResultCampaign struct {
	ID              int64
	Name            string
	Kind            string
	Status          string
	Currency        string
	CodeKey         string
	LaunchedAt      string
	StartedAt       string
	StartDate       string
	MarginPct       int
	OrderValueMinor int64
	AttributionDays int
}

// LaunchDay is the day the campaign was launched (or started), "" before.
func (c *ResultCampaign) LaunchDay() string {
	for _, s := range []string{c.LaunchedAt, c.StartedAt} {
		if len(s) >= len(marketing.DateLayout) {
			return s[:len(marketing.DateLayout)]
		}
	}
	return ""
}

// ResultTouch is one touch of the plan.
type ResultTouch struct {
	ID            int64
	Seq           int
	Name          string
	Channel       string
	DueDate       string
	OffsetDays    int
	UnitCostMinor int64
}

// ResultCounts are the counts of one results line.
type ResultCounts struct {
	Listed    int   // list rows not skipped or cancelled
	Sent      int   // list rows done (posted, exported, called; emails sent, bounced or refused)
	Bounced   int   // emails bounced or refused
	CostMinor int64 // what the done rows cost
	People    int   // distinct people on the lists
	Delivered int   // distinct people with a delivered touch
	Members   int   // target-group members (segments and the total)

	Responders   int // distinct target-group people with an attributed response that is not an opt-out or a no
	Orders       int
	RevenueMinor int64
	Clicks       int // distinct people
	Opens        int
}

// ResultFacts are a campaign's counts, all read from one snapshot.
type ResultFacts struct {
	Campaign  ResultCampaign
	Touches   []ResultTouch
	ByTouch   map[int64]*ResultCounts
	BySegment map[string]*ResultCounts // lifecycle stage at launch
	ByChannel map[string]*ResultCounts
	Total     ResultCounts
	Daily     []marketing.DailyPoint

	// Uplift and value, since the launch day: buyers have an order in the
	// orders table or an order response of this campaign.
	TargetN, ControlN             int
	TargetBuyers, ControlBuyers   int
	TargetRevenue, ControlRevenue int64 // since launch
	TargetBefore, ControlBefore   int64 // the 365 days before launch
	TargetLifetime                int64

	Lifecycle       []marketing.LifecycleMove
	OpenFulfilments int
	FulfilmentDays  float64
}

// the dimensions results are grouped by: the SQL of the line's key.
const (
	dimTouch   = "t.id"
	dimChannel = "t.channel"
	dimSegment = "coalesce(cm.lifecycle, '')"
	dimTotal   = "''"
)

// CampaignResultFacts reads a campaign's counts. today is the day the
// lifecycle stages "now" are worked out for.
func (db *DB) CampaignResultFacts(ctx context.Context, id int64, today time.Time) (ResultFacts, error) {
	f := ResultFacts{ByTouch: map[int64]*ResultCounts{}, BySegment: map[string]*ResultCounts{}, ByChannel: map[string]*ResultCounts{},
		Daily: []marketing.DailyPoint{}, Lifecycle: []marketing.LifecycleMove{}}
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return f, err
	}
	defer tx.Rollback()
	c := &f.Campaign
	err = tx.QueryRowContext(ctx, `SELECT id, name, kind, status, currency, code_key, launched_at, started_at, start_date, margin_pct,
		order_value_minor, attribution_days FROM campaigns WHERE id = ?`, id).Scan(&c.ID, &c.Name, &c.Kind, &c.Status, &c.Currency, &c.CodeKey,
		&c.LaunchedAt, &c.StartedAt, &c.StartDate, &c.MarginPct, &c.OrderValueMinor, &c.AttributionDays)
	if errors.Is(err, sql.ErrNoRows) {
		return f, &marketing.Error{Code: marketing.ENotFound, Message: "This campaign no longer exists. It may have been deleted."}
	} else if err != nil {
		return f, err
	}
	if c.CodeKey == "" && c.Kind == marketing.CampaignKindMailing {
		c.CodeKey = c.Name
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, seq, name, channel, due_date, offset_days, unit_cost_minor FROM campaign_touches
		WHERE campaign_id = ? ORDER BY seq, id`, id)
	if err != nil {
		return f, err
	}
	for rows.Next() {
		var t ResultTouch
		if err := rows.Scan(&t.ID, &t.Seq, &t.Name, &t.Channel, &t.DueDate, &t.OffsetDays, &t.UnitCostMinor); err != nil {
			rows.Close()
			return f, err
		}
		f.Touches = append(f.Touches, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return f, err
	}

	if err := resultLists(ctx, tx, &f); err != nil {
		return f, err
	}
	for _, dim := range []string{dimTouch, dimChannel, dimSegment, dimTotal} {
		line := func(key string) *ResultCounts {
			switch dim {
			case dimTouch:
				id, _ := strconv.ParseInt(key, 10, 64)
				if f.ByTouch[id] == nil {
					f.ByTouch[id] = &ResultCounts{}
				}
				return f.ByTouch[id]
			case dimChannel:
				if f.ByChannel[key] == nil {
					f.ByChannel[key] = &ResultCounts{}
				}
				return f.ByChannel[key]
			case dimSegment:
				if f.BySegment[key] == nil {
					f.BySegment[key] = &ResultCounts{}
				}
				return f.BySegment[key]
			}
			return &f.Total
		}
		if err := resultLines(ctx, tx, dim, id, c.CodeKey, line); err != nil {
			return f, err
		}
	}

	if err := resultDaily(ctx, tx, &f); err != nil {
		return f, err
	}
	if day := c.LaunchDay(); day != "" {
		if err := resultUplift(ctx, tx, &f, day); err != nil {
			return f, err
		}
	}
	if err := resultLifecycle(ctx, tx, &f, today); err != nil {
		return f, err
	}
	var open sql.NullInt64
	var days sql.NullFloat64
	if err := tx.QueryRowContext(ctx, `SELECT sum(f.done_at = ''), avg(CASE WHEN f.done_at <> '' THEN julianday(f.done_at) - julianday(r.at) END)
		FROM fulfilment_tasks f JOIN responses r ON r.id = f.response_id WHERE f.campaign_id = ?`, id).Scan(&open, &days); err != nil {
		return f, err
	}
	f.OpenFulfilments, f.FulfilmentDays = int(open.Int64), max(days.Float64, 0)
	return f, nil
}

// resultLines fills the lines of one dimension with the responses, the
// members and the web visits, each one grouped query (these tables are
// small beside the lists).
func resultLines(ctx context.Context, tx *sql.Tx, dim string, id int64, codeKey string, line func(key string) *ResultCounts) error {
	members := ""
	if dim == dimSegment {
		members = " LEFT JOIN campaign_members cm ON cm.campaign_id = ?1 AND cm.contact_id = r.contact_id"
	}
	// The total and the segments count every target-group response of the
	// campaign, also one no touch could be credited with yet (a coupon
	// redeemed before its letters were marked posted); touches and
	// channels only the attributed ones.
	join := " JOIN"
	if dim == dimSegment || dim == dimTotal {
		join = " LEFT JOIN"
	}
	q := `SELECT ` + dim + `, count(DISTINCT CASE WHEN r.kind NOT IN ('optout', 'no') THEN r.contact_id END), sum(r.kind = 'order'), sum(r.value_minor)
		FROM responses r` + join + ` campaign_touches t ON t.id = r.touch_id` + members + `
		WHERE r.campaign_id = ?1 AND r.grp = 'target' GROUP BY 1`
	if err := groupRows(ctx, tx, q, []any{id}, line, func(c *ResultCounts, v []int64) {
		c.Responders, c.Orders, c.RevenueMinor = int(v[0]), int(v[1]), v[2]
	}); err != nil {
		return err
	}

	if dim == dimSegment || dim == dimTotal {
		q = `SELECT ` + dim + `, count(*) FROM campaign_members cm WHERE cm.campaign_id = ?1 AND cm.grp = 'target' GROUP BY 1`
		if err := groupRows(ctx, tx, q, []any{id}, line, func(c *ResultCounts, v []int64) { c.Members = int(v[0]) }); err != nil {
			return err
		}
	}

	if codeKey == "" {
		return nil
	}
	// Visits and picture loads of the campaign's codes; the touch is the
	// number the link carried.
	q = `SELECT ` + dim + `, count(DISTINCT CASE WHEN h.kind = 'click' THEN r.contact_id END), count(DISTINCT CASE WHEN h.kind = 'open' THEN r.contact_id END)
		FROM response_codes r JOIN web_hits h ON h.code = r.code
		LEFT JOIN campaign_touches t ON t.campaign_id = ?1 AND t.seq = h.touch_seq` + members + `
		WHERE r.campaign = ?2 GROUP BY 1`
	return groupRows(ctx, tx, q, []any{id, codeKey}, line, func(c *ResultCounts, v []int64) { c.Clicks, c.Opens = int(v[0]), int(v[1]) })
}

// listRows are the rows of every touch's list: touch_work for letters,
// catalogs, SMS and calls, the outbox for email. An email the server
// refused counts as sent and bounced, so delivered = sent - bounced holds.
const listRows = `WITH rows AS (
	SELECT w.touch_id, w.contact_id, w.state NOT IN ('skipped', 'cancelled') AS listed, w.state = 'done' AS sent, 0 AS bounced,
	       CASE WHEN w.state = 'done' THEN w.cost_minor ELSE 0 END AS cost
	  FROM touch_work w JOIN campaign_touches t ON t.id = w.touch_id WHERE t.campaign_id = ?1 AND t.channel <> 'email'
	UNION ALL
	SELECT o.touch_id, o.contact_id, o.state NOT IN ('skipped', 'cancelled'), o.state IN ('sent', 'bounced', 'hard_failed'),
	       o.state IN ('bounced', 'hard_failed'), CASE WHEN o.state IN ('sent', 'bounced', 'hard_failed') THEN t.unit_cost_minor ELSE 0 END
	  FROM outbox o JOIN campaign_touches t ON t.id = o.touch_id WHERE t.campaign_id = ?1 AND t.channel = 'email') `

// channelBits number the channels for the people query's bit masks.
var channelBits = []string{marketing.TouchLetter, marketing.TouchCatalog, marketing.TouchEmail, marketing.TouchSMS, marketing.TouchPhone}

// resultLists counts the lists in two passes over their rows: sums per
// touch and stage (rows of one touch are people already), and the people
// on any list or reached by any touch, as bit masks of their channels
// (sum of distinct powers of two is their OR), per stage — so the
// distinct counts of every line come from one grouping.
func resultLists(ctx context.Context, tx *sql.Tx, f *ResultFacts) error {
	channel := map[int64]string{}
	for _, t := range f.Touches {
		channel[t.ID] = t.Channel
	}
	seg := func(k string) *ResultCounts {
		if f.BySegment[k] == nil {
			f.BySegment[k] = &ResultCounts{}
		}
		return f.BySegment[k]
	}
	ch := func(k string) *ResultCounts {
		if f.ByChannel[k] == nil {
			f.ByChannel[k] = &ResultCounts{}
		}
		return f.ByChannel[k]
	}
	rows, err := tx.QueryContext(ctx, listRows+`SELECT r.touch_id, coalesce(cm.lifecycle, ''), sum(r.listed), sum(r.sent), sum(r.bounced), sum(r.cost),
		sum(r.sent AND NOT r.bounced)
		FROM rows r LEFT JOIN campaign_members cm ON cm.campaign_id = ?1 AND cm.contact_id = r.contact_id GROUP BY 1, 2`, f.Campaign.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var touch int64
		var stage string
		var listed, sent, bounced, delivered int
		var cost int64
		if err := rows.Scan(&touch, &stage, &listed, &sent, &bounced, &cost, &delivered); err != nil {
			return err
		}
		if f.ByTouch[touch] == nil {
			f.ByTouch[touch] = &ResultCounts{}
		}
		for _, c := range []*ResultCounts{f.ByTouch[touch], seg(stage), ch(channel[touch]), &f.Total} {
			c.Listed += listed
			c.Sent += sent
			c.Bounced += bounced
			c.CostMinor += cost
		}
		f.ByTouch[touch].People += listed
		f.ByTouch[touch].Delivered += delivered
	}
	if err := rows.Err(); err != nil {
		return err
	}
	rows.Close()

	bit := "CASE t.channel"
	for i, c := range channelBits {
		bit += fmt.Sprintf(" WHEN '%s' THEN %d", c, 1<<i)
	}
	bit += " ELSE 0 END"
	rows, err = tx.QueryContext(ctx, listRows+`SELECT stage, listed, reached, count(*) FROM (
		SELECT coalesce(cm.lifecycle, '') AS stage, sum(DISTINCT CASE WHEN r.listed THEN `+bit+` END) AS listed,
		       sum(DISTINCT CASE WHEN r.sent AND NOT r.bounced THEN `+bit+` END) AS reached
		  FROM rows r JOIN campaign_touches t ON t.id = r.touch_id
		  LEFT JOIN campaign_members cm ON cm.campaign_id = ?1 AND cm.contact_id = r.contact_id
		 WHERE r.contact_id IS NOT NULL GROUP BY r.contact_id) GROUP BY 1, 2, 3`, f.Campaign.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var stage string
		var listed, reached sql.NullInt64
		var n int
		if err := rows.Scan(&stage, &listed, &reached, &n); err != nil {
			return err
		}
		for _, c := range []*ResultCounts{seg(stage), &f.Total} {
			if listed.Int64 != 0 {
				c.People += n
			}
			if reached.Int64 != 0 {
				c.Delivered += n
			}
		}
		for i, name := range channelBits {
			if listed.Int64&(1<<i) != 0 {
				ch(name).People += n
			}
			if reached.Int64&(1<<i) != 0 {
				ch(name).Delivered += n
			}
		}
	}
	return rows.Err()
}

// groupRows runs a grouped query whose first column is the line's key and
// the rest numbers, and hands each row's numbers to set with its line.
// Rows without a key (a visit of a touch number the plan does not have)
// count only in the total.
func groupRows(ctx context.Context, tx *sql.Tx, q string, args []any, line func(key string) *ResultCounts, set func(c *ResultCounts, v []int64)) error {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	var key sql.NullString
	nums := make([]sql.NullInt64, len(cols)-1)
	dest := make([]any, len(cols))
	dest[0] = &key
	for i := range nums {
		dest[i+1] = &nums[i]
	}
	v := make([]int64, len(nums))
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		if !key.Valid {
			continue
		}
		for i, n := range nums {
			v[i] = n.Int64
		}
		set(line(key.String), v)
	}
	return rows.Err()
}

// resultDaily counts the target group's attributed responses per day.
func resultDaily(ctx context.Context, tx *sql.Tx, f *ResultFacts) error {
	rows, err := tx.QueryContext(ctx, `SELECT substr(r.at, 1, 10), count(DISTINCT CASE WHEN r.kind NOT IN ('optout', 'no') THEN r.contact_id END),
		sum(r.kind = 'order'), sum(r.value_minor)
		FROM responses r WHERE r.campaign_id = ? AND r.grp = 'target' AND r.touch_id IS NOT NULL GROUP BY 1 ORDER BY 1`, f.Campaign.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var d marketing.DailyPoint
		if err := rows.Scan(&d.Date, &d.Responses, &d.Orders, &d.RevenueMinor); err != nil {
			return err
		}
		f.Daily = append(f.Daily, d)
	}
	return rows.Err()
}

// resultUplift counts buyers and revenue of the target and control groups
// since the launch day, and their revenue the year before. An order
// response whose order number is in the orders table is counted once.
func resultUplift(ctx context.Context, tx *sql.Tx, f *ResultFacts, day string) error {
	d, err := time.Parse(marketing.DateLayout, day)
	if err != nil {
		return nil
	}
	yearBefore := d.AddDate(0, 0, -365).Format(marketing.DateLayout)
	// The campaign's order responses are summed per person first: looked
	// up per member, SQLite would walk the campaign's responses each time.
	rows, err := tx.QueryContext(ctx, `WITH resp AS MATERIALIZED (
		SELECT r.contact_id, sum(CASE WHEN r.ref <> '' AND EXISTS (SELECT 1 FROM orders o WHERE o.order_no = r.ref) THEN 0 ELSE r.value_minor END) AS rev
		  FROM responses r WHERE r.campaign_id = ?1 AND r.kind = 'order' AND r.at >= ?2 AND r.contact_id IS NOT NULL GROUP BY r.contact_id)
		SELECT cm.grp, count(*),
		sum(resp.contact_id IS NOT NULL OR EXISTS (SELECT 1 FROM orders o WHERE o.contact_id = cm.contact_id AND o.date >= ?2)),
		sum(coalesce((SELECT sum(o.total_minor) FROM orders o WHERE o.contact_id = cm.contact_id AND o.date >= ?2), 0)),
		sum(coalesce(resp.rev, 0)),
		sum(coalesce((SELECT sum(o.total_minor) FROM orders o WHERE o.contact_id = cm.contact_id AND o.date >= ?3 AND o.date < ?2), 0)),
		sum(coalesce((SELECT sum(o.total_minor) FROM orders o WHERE o.contact_id = cm.contact_id), 0))
		FROM campaign_members cm LEFT JOIN resp ON resp.contact_id = cm.contact_id
		WHERE cm.campaign_id = ?1 AND cm.grp IN ('target', 'control') GROUP BY cm.grp`, f.Campaign.ID, day, yearBefore)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var grp string
		var n, buyers int
		var orders, responseOnly, before, lifetime int64
		if err := rows.Scan(&grp, &n, &buyers, &orders, &responseOnly, &before, &lifetime); err != nil {
			return err
		}
		if grp == marketing.GroupTarget {
			f.TargetN, f.TargetBuyers, f.TargetRevenue, f.TargetBefore = n, buyers, orders+responseOnly, before
			f.TargetLifetime = lifetime + responseOnly
		} else {
			f.ControlN, f.ControlBuyers, f.ControlRevenue, f.ControlBefore = n, buyers, orders+responseOnly, before
		}
	}
	return rows.Err()
}

// resultLifecycle counts target-group people by their stage at launch and
// their stage now (the segment rules over the orders table).
func resultLifecycle(ctx context.Context, tx *sql.Tx, f *ResultFacts, today time.Time) error {
	rows, err := tx.QueryContext(ctx, `SELECT cm.lifecycle, count(o.id), coalesce(max(o.date), '')
		FROM campaign_members cm LEFT JOIN orders o ON o.contact_id = cm.contact_id
		WHERE cm.campaign_id = ? AND cm.grp = 'target' GROUP BY cm.contact_id`, f.Campaign.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	bounds := segment.PurchaseBounds{Rules: segment.DefaultPurchaseRules}
	type move struct{ from, to string }
	counts := map[move]int{}
	for rows.Next() {
		var from, last string
		var n int64
		if err := rows.Scan(&from, &n, &last); err != nil {
			return err
		}
		ymd, _ := strconv.Atoi(strings.ReplaceAll(last, "-", ""))
		counts[move{from, bounds.Lifecycle(uint32(n), int32(ymd), today)}]++
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for m, n := range counts {
		f.Lifecycle = append(f.Lifecycle, marketing.LifecycleMove{From: m.from, To: m.to, Count: n})
	}
	sort.Slice(f.Lifecycle, func(i, j int) bool {
		a, b := f.Lifecycle[i], f.Lifecycle[j]
		if a.From != b.From {
			return a.From < b.From
		}
		return a.To < b.To
	})
	return nil
}

package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"directdesk/backend/marketing"
	"directdesk/backend/segment"
)

// The SQL side of segment filters. compileFilter turns a validated filter
// tree into a WHERE clause over "contacts c" with bound parameters only: a
// field name selects one of the fixed expressions below, values are always
// parameters, and custom-field names are parameters too. The in-memory
// evaluator (backend/segment) answers counts fast; this compiler is the
// reference it is tested against, and it serves lists and exports.

// segmentExpr is the SQL of each text field, folded exactly as EachSegmentRow
// reads it for the evaluator (which folds region, source and postcode in Go
// with the functions dd_fold and dd_postcode wrap).
var segmentExpr = map[string]string{
	"country":  "c.country",
	"region":   "dd_fold(c.region)",
	"city":     "c.city_fold",
	"jobTitle": "c.job_title_norm",
	"company":  "c.company_fold",
	"language": "c.language",
	"source":   "dd_fold(c.source)",
	"postcode": "dd_postcode(c.postcode)",
}

// hasAddressSQL is what "has a postal address" means: a street, a postcode and a city.
const hasAddressSQL = "(c.street1 <> '' AND c.postcode <> '' AND c.city <> '')"

var flagSQL = map[string]string{
	"hasEmail":   "(c.email <> '')",
	"hasMobile":  "(c.mobile <> '')",
	"hasPhone":   "(c.phone <> '')",
	"hasAddress": hasAddressSQL,
}

type filterSQL struct {
	today  time.Time
	bounds *segment.PurchaseBounds
	args   []any
}

// compileFilter returns a WHERE clause (without WHERE) and its arguments.
// bounds are the RFM and value-tier bounds over all buyers (computed by
// segment.ComputeBounds); nil when the filter has no such condition.
func compileFilter(f *segment.Filter, today time.Time, bounds *segment.PurchaseBounds) (string, []any) {
	if bounds == nil {
		bounds = &segment.PurchaseBounds{Rules: segment.DefaultPurchaseRules}
	}
	c := &filterSQL{today: today, bounds: bounds}
	return c.node(&f.Root), c.args
}

// Purchase figures of contact c, straight from the orders.
const (
	ordersSQL  = "(SELECT count(*) FROM orders o WHERE o.contact_id = c.id)"
	revenueSQL = "coalesce((SELECT sum(o.total_minor) FROM orders o WHERE o.contact_id = c.id), 0)"
	lastSQL    = "coalesce((SELECT max(o.date) FROM orders o WHERE o.contact_id = c.id), '')"
	firstSQL   = "coalesce((SELECT min(o.date) FROM orders o WHERE o.contact_id = c.id), '')"
)

// ymdText turns a YYYYMMDD bound into the stored date form.
func ymdText(v int64) string {
	return fmt.Sprintf("%04d-%02d-%02d", v/10000, v/100%100, v%100)
}

// purchase compiles the purchase conditions.
func (c *filterSQL) purchase(n *segment.Node) string {
	since := func() string {
		if n.Days > 0 {
			return " AND o.date >= " + c.arg(segment.DaysAgo(n.Days, c.today))
		}
		return ""
	}
	rng := func(expr string, unit int64) string {
		v := func(k int) int64 { return int64(segment.Int(n.Values[k])) * unit }
		switch n.Op {
		case segment.OpAtLeast:
			return expr + " >= " + c.arg(v(0))
		case segment.OpAtMost:
			return expr + " <= " + c.arg(v(0))
		}
		return expr + " BETWEEN " + c.arg(v(0)) + " AND " + c.arg(v(1))
	}
	score := func(expr string, b [4]int64, date bool) string {
		parts := make([]string, 4)
		for k, x := range b {
			var bound any = x
			if date {
				bound = ymdText(x)
			}
			parts[k] = "(" + expr + " >= " + c.arg(bound) + ")"
		}
		// The scores are numbers: bind them as numbers (5 IN ('5') is false in SQL).
		scores := make([]string, len(n.Values))
		for i, v := range n.Values {
			scores[i] = c.arg(segment.Int(v))
		}
		return "(CASE WHEN " + ordersSQL + " = 0 THEN 0 ELSE 1 + " + strings.Join(parts, " + ") + " END) IN (" + strings.Join(scores, ", ") + ")"
	}
	switch n.Field {
	case "orderCount":
		return rng("(SELECT count(*) FROM orders o WHERE o.contact_id = c.id"+since()+")", 1)
	case "orderAmount":
		return rng("coalesce((SELECT sum(o.total_minor) FROM orders o WHERE o.contact_id = c.id"+since()+"), 0)", segment.MinorPerUnit)
	case "lifetimeValue":
		return rng(revenueSQL, segment.MinorPerUnit)
	case "lastOrder":
		if n.Op == segment.OpNotWithinDays {
			return lastSQL + " <> '' AND " + lastSQL + " < " + c.arg(segment.DaysAgo(segment.Int(n.Values[0]), c.today))
		}
		return c.date(lastSQL, n)
	case "firstOrder":
		return c.date(firstSQL, n)
	case "boughtCategory", "boughtProduct":
		col := "l.sku"
		if n.Field == "boughtCategory" {
			col = "dd_fold(l.category)"
		}
		exists := "EXISTS (SELECT 1 FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.contact_id = c.id" + since() +
			" AND " + col + " IN (" + c.in(n.Values) + "))"
		if n.Op == segment.OpNoneOf {
			return "NOT " + exists
		}
		return exists
	case "rfmRecency":
		return score(lastSQL, c.bounds.Recency, true)
	case "rfmFrequency":
		return score(ordersSQL, c.bounds.Frequency, false)
	case "rfmMonetary":
		return score(revenueSQL, c.bounds.Monetary, false)
	case "valueTier":
		return "(CASE WHEN " + ordersSQL + " = 0 THEN 'none' WHEN " + revenueSQL + " >= " + c.arg(c.bounds.TierA) +
			" THEN 'A' WHEN " + revenueSQL + " >= " + c.arg(c.bounds.TierB) + " THEN 'B' ELSE 'C' END) IN (" + c.in(n.Values) + ")"
	case "lifecycle":
		r := c.bounds.Rules
		return "(CASE WHEN " + ordersSQL + " = 0 THEN 'prospect' WHEN " + lastSQL + " < " + c.arg(segment.DaysAgo(r.LostDays, c.today)) +
			" THEN 'lost' WHEN " + lastSQL + " < " + c.arg(segment.DaysAgo(r.LapsingDays, c.today)) +
			" THEN 'lapsing' WHEN " + ordersSQL + " >= " + c.arg(r.LoyalOrders) + " THEN 'loyal' WHEN " + ordersSQL +
			" >= 2 THEN 'repeat' ELSE 'firstTime' END) IN (" + c.in(n.Values) + ")"
	}
	return "0"
}

// purchaseFields are answered by purchase().
var purchaseFields = map[string]bool{"orderCount": true, "orderAmount": true, "lifetimeValue": true, "lastOrder": true,
	"firstOrder": true, "boughtCategory": true, "boughtProduct": true, "rfmRecency": true, "rfmFrequency": true,
	"rfmMonetary": true, "valueTier": true, "lifecycle": true}

func (c *filterSQL) node(n *segment.Node) string {
	switch {
	case n.Not != nil:
		return "NOT " + c.node(n.Not)
	case len(n.All) > 0 || len(n.Any) > 0:
		list, join := n.All, " AND "
		if len(n.Any) > 0 {
			list, join = n.Any, " OR "
		}
		parts := make([]string, 0, len(list))
		for i := range list {
			parts = append(parts, c.node(&list[i]))
		}
		return "(" + strings.Join(parts, join) + ")"
	case n.IsGroup():
		return "1"
	}
	return "(" + c.cond(n) + ")"
}

// in appends values as parameters and returns "?, ?, ?".
func (c *filterSQL) in(values []string) string {
	for _, v := range values {
		c.args = append(c.args, v)
	}
	return strings.TrimSuffix(strings.Repeat("?, ", len(values)), ", ")
}

func (c *filterSQL) arg(v any) string {
	c.args = append(c.args, v)
	return "?"
}

func (c *filterSQL) cond(n *segment.Node) string {
	f, _ := segment.Lookup(n.Field)
	if purchaseFields[n.Field] {
		return c.purchase(n)
	}
	switch f.Kind {
	case segment.KindAge:
		switch n.Op {
		case segment.OpKnown:
			return "c.birth_date <> ''"
		case segment.OpUnknown:
			return "c.birth_date = ''"
		}
		lo, hi := segment.AgeBounds(n, c.today)
		s := "c.birth_date <> ''"
		if lo != "" {
			s += " AND c.birth_date > " + c.arg(lo)
		}
		if hi != "" {
			s += " AND c.birth_date <= " + c.arg(hi)
		}
		return s
	case segment.KindBirthday:
		if n.Op == segment.OpWithinDays {
			return "c.birth_date <> '' AND substr(c.birth_date, 6, 5) IN (" + c.in(segment.BirthdayDays(segment.Int(n.Values[0]), c.today)) + ")"
		}
		months := make([]string, len(n.Values))
		for i, v := range n.Values {
			months[i] = fmt.Sprintf("%02d", segment.Int(v))
		}
		return "c.birth_date <> '' AND substr(c.birth_date, 6, 2) IN (" + c.in(months) + ")"
	case segment.KindEnum:
		if ch, ok := segment.ConsentChannel[n.Field]; ok {
			return "coalesce((SELECT cc.status FROM contact_consent cc WHERE cc.contact_id = c.id AND cc.channel = " + c.arg(ch) + "), 'none') IN (" + c.in(n.Values) + ")"
		}
		col := "c.kind"
		if n.Field == "origin" {
			col = "c.origin"
		}
		values := n.Values
		if n.Field == "gender" {
			col = "c.gender"
			values = make([]string, len(n.Values))
			for i, v := range n.Values {
				if v == segment.GenderUnknown {
					v = ""
				}
				values[i] = v
			}
		}
		if n.Op == segment.OpNotIn {
			return col + " NOT IN (" + c.in(values) + ")"
		}
		return col + " IN (" + c.in(values) + ")"
	case segment.KindFlag:
		want := 0
		if n.Values[0] == "true" {
			want = 1
		}
		return flagSQL[n.Field] + " = " + c.arg(want)
	case segment.KindDate:
		return c.date("c.customer_since", n)
	case segment.KindPostcode:
		if n.Op == segment.OpBetween {
			return "dd_postnum(c.postcode) BETWEEN " + c.arg(segment.Int(n.Values[0])) + " AND " + c.arg(segment.Int(n.Values[1]))
		}
		return c.text(fixed(segmentExpr["postcode"]), n)
	case segment.KindText:
		return c.text(fixed(segmentExpr[n.Field]), n)
	case segment.KindCustom:
		key := strings.TrimPrefix(n.Field, segment.CustomPrefix)
		return c.text(func() string {
			return "dd_fold(coalesce((SELECT je.value FROM json_each(c.custom) je WHERE je.key = " + c.arg(key) + "), ''))"
		}, n)
	case segment.KindTag:
		has := func() string {
			return "SELECT 1 FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = c.id AND t.name_fold IN (" + c.in(n.Values) + ")"
		}
		switch n.Op {
		case segment.OpNoneOf:
			return "NOT EXISTS (" + has() + ")"
		case segment.OpAllOf:
			return "(SELECT count(*) FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = c.id AND t.name_fold IN (" +
				c.in(n.Values) + ")) = " + c.arg(len(n.Values))
		}
		return "EXISTS (" + has() + ")"
	}
	return "0"
}

// fixed is an expression without parameters.
func fixed(expr string) func() string { return func() string { return expr } }

// text compiles a text condition; expr is called once per use, so an
// expression with a parameter (a custom field's name) binds it each time.
func (c *filterSQL) text(expr func() string, n *segment.Node) string {
	switch n.Op {
	case segment.OpIn:
		return expr() + " IN (" + c.in(n.Values) + ")"
	case segment.OpNotIn:
		return expr() + " NOT IN (" + c.in(n.Values) + ")"
	case segment.OpContains, segment.OpStartsWith:
		want := " > 0"
		if n.Op == segment.OpStartsWith {
			want = " = 1"
		}
		parts := make([]string, len(n.Values))
		for i, v := range n.Values {
			parts[i] = "instr(" + expr() + ", " + c.arg(v) + ")" + want
		}
		return strings.Join(parts, " OR ")
	case segment.OpEmpty:
		return expr() + " = ''"
	case segment.OpNotEmpty:
		return expr() + " <> ''"
	}
	return "0"
}

func (c *filterSQL) date(col string, n *segment.Node) string {
	switch n.Op {
	case segment.OpEmpty:
		return col + " = ''"
	case segment.OpNotEmpty:
		return col + " <> ''"
	case segment.OpBefore:
		return col + " <> '' AND " + col + " < " + c.arg(n.Values[0])
	case segment.OpAfter:
		return col + " > " + c.arg(n.Values[0])
	case segment.OpBetween:
		return col + " BETWEEN " + c.arg(n.Values[0]) + " AND " + c.arg(n.Values[1])
	case segment.OpWithinDays:
		return col + " >= " + c.arg(segment.DaysAgo(segment.Int(n.Values[0]), c.today))
	}
	return "0"
}

// CountFilter counts the contacts that match a validated filter, in SQL.
func (db *DB) CountFilter(ctx context.Context, f *segment.Filter, today time.Time, bounds *segment.PurchaseBounds) (int, error) {
	where, args := compileFilter(f, today, bounds)
	var n int
	err := db.read.QueryRowContext(ctx, "SELECT count(*) FROM contacts c WHERE "+where, args...).Scan(&n)
	return n, err
}

// FilterIDs calls fn with the id of each contact that matches f, in id order.
func (db *DB) FilterIDs(ctx context.Context, f *segment.Filter, today time.Time, bounds *segment.PurchaseBounds, fn func(id int64) error) error {
	where, args := compileFilter(f, today, bounds)
	rows, err := db.read.QueryContext(ctx, "SELECT c.id FROM contacts c WHERE "+where+" ORDER BY c.id", args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		if err := fn(id); err != nil {
			return err
		}
	}
	return rows.Err()
}

// EachSegmentRow reads contacts in id order as the segment columns need
// them: every contact when ids is nil, else those of ids that exist. Text
// is folded by the same SQL expressions the compiler uses (or the same Go
// functions), with consent, tags and custom fields merged in from their
// tables. It reads one snapshot (a read transaction), streaming.
func (db *DB) EachSegmentRow(ctx context.Context, ids []int64, fn func(r *segment.Row) error) error {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if ids == nil {
		return eachSegmentRow(ctx, tx, "", nil, fn)
	}
	for len(ids) > 0 {
		chunk := ids[:min(len(ids), 500)]
		ids = ids[len(chunk):]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		if err := eachSegmentRow(ctx, tx, "IN ("+strings.TrimSuffix(strings.Repeat("?, ", len(chunk)), ", ")+")", args, fn); err != nil {
			return err
		}
	}
	return nil
}

// eachSegmentRow reads the contacts whose id satisfies "id <in>" (all when in is "").
func eachSegmentRow(ctx context.Context, tx *sql.Tx, in string, args []any, fn func(r *segment.Row) error) error {
	where := func(col string) string {
		if in == "" {
			return ""
		}
		return " WHERE " + col + " " + in
	}
	consent, err := tx.QueryContext(ctx, "SELECT contact_id, channel, status FROM contact_consent"+where("contact_id")+" ORDER BY contact_id", args...)
	if err != nil {
		return err
	}
	defer consent.Close()
	tags, err := tx.QueryContext(ctx, "SELECT ct.contact_id, t.name_fold, t.name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id"+where("ct.contact_id")+" ORDER BY ct.contact_id", args...)
	if err != nil {
		return err
	}
	defer tags.Close()

	// Raw columns, folded here with the same Go functions the SQL functions
	// wrap: a cgo call per value would triple the load time.
	rows, err := tx.QueryContext(ctx, `SELECT c.id, c.birth_date, c.gender, c.kind, `+segmentExpr["country"]+`, c.region,
		c.postcode, `+segmentExpr["city"]+`, `+segmentExpr["jobTitle"]+`, `+segmentExpr["company"]+`,
		`+segmentExpr["language"]+`, c.source, c.customer_since,
		`+flagSQL["hasEmail"]+`, `+flagSQL["hasMobile"]+`, `+flagSQL["hasPhone"]+`, `+flagSQL["hasAddress"]+`, c.custom,
		c.city, c.job_title, c.company, c.origin
		FROM contacts c`+where("c.id")+` ORDER BY c.id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	cs := &mergeCursor{rows: consent}
	ts := &mergeCursor{rows: tags}
	var r segment.Row
	var custom string
	shown := map[string]string{}
	for rows.Next() {
		r = segment.Row{Shown: shown}
		var city, title, company string
		if err := rows.Scan(&r.ID, &r.BirthDate, &r.Gender, &r.Kind, &r.Country, &r.Region, &r.Postcode, &r.City, &r.JobTitle,
			&r.Company, &r.Language, &r.Source, &r.CustomerSince, &r.HasEmail, &r.HasMobile, &r.HasPhone, &r.HasAddress, &custom,
			&city, &title, &company, &r.Origin); err != nil {
			return err
		}
		// The text as typed goes along for lists of values to pick from.
		shown["region"], shown["source"], shown["city"], shown["jobTitle"], shown["company"] = r.Region, r.Source, city, title, company
		r.Region, r.Source, r.Postcode = marketing.Fold(r.Region), marketing.Fold(r.Source), segment.FoldPostcode(r.Postcode)
		if custom != "" && custom != "{}" {
			var m map[string]string
			if json.Unmarshal([]byte(custom), &m) == nil {
				r.Custom = make(map[string]string, len(m))
				for k, v := range m {
					r.Custom[k] = marketing.Fold(v)
				}
			}
		}
		if err := cs.each(r.ID, func(a, b string) {
			if r.Consent == nil {
				r.Consent = map[string]string{}
			}
			r.Consent[a] = b
		}); err != nil {
			return err
		}
		if err := ts.each(r.ID, func(a, b string) { r.Tags, r.TagLabels = append(r.Tags, a), append(r.TagLabels, b) }); err != nil {
			return err
		}
		if err := fn(&r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// mergeCursor walks rows (contact_id, a[, b]) ordered by contact_id beside
// the contacts, handing each contact its own rows.
type mergeCursor struct {
	rows    *sql.Rows
	id      int64
	a, b    string
	loaded  bool
	done    bool
	columns int
}

func (m *mergeCursor) each(id int64, fn func(a, b string)) error {
	for !m.done {
		if !m.loaded {
			if !m.rows.Next() {
				m.done = true
				return m.rows.Err()
			}
			if m.columns == 0 {
				cols, _ := m.rows.Columns()
				m.columns = len(cols)
			}
			var err error
			if m.columns == 3 {
				err = m.rows.Scan(&m.id, &m.a, &m.b)
			} else {
				err = m.rows.Scan(&m.id, &m.a)
			}
			if err != nil {
				return err
			}
			m.loaded = true
		}
		if m.id > id {
			return nil
		}
		if m.id == id {
			fn(m.a, m.b)
		}
		m.loaded = false
	}
	return nil
}

// EachPurchase sums the orders of every contact who has any, in contact order.
func (db *DB) EachPurchase(ctx context.Context, fn func(p *segment.Purchase) error) error {
	rows, err := db.read.QueryContext(ctx, `SELECT contact_id, count(*), sum(total_minor), min(date), max(date)
		FROM orders GROUP BY contact_id ORDER BY contact_id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	var p segment.Purchase
	for rows.Next() {
		if err := rows.Scan(&p.ContactID, &p.Orders, &p.Revenue, &p.First, &p.Last); err != nil {
			return err
		}
		if err := fn(&p); err != nil {
			return err
		}
	}
	return rows.Err()
}

// OrderValues answers a condition from the orders (segment.NeedsOrders):
// per contact the number of orders or the amount (minor units) in the last
// n.Days days, or 1 for each contact who bought one of n.Values.
func (db *DB) OrderValues(ctx context.Context, n *segment.Node, today time.Time) (map[int64]int64, error) {
	var q string
	var args []any
	since := "0000-00-00"
	if n.Days > 0 {
		since = segment.DaysAgo(n.Days, today)
	}
	switch n.Field {
	case "orderCount":
		q, args = "SELECT contact_id, count(*) FROM orders WHERE date >= ? GROUP BY contact_id", []any{since}
	case "orderAmount":
		q, args = "SELECT contact_id, sum(total_minor) FROM orders WHERE date >= ? GROUP BY contact_id", []any{since}
	case "boughtCategory", "boughtProduct":
		col := "l.sku"
		if n.Field == "boughtCategory" {
			col = "dd_fold(l.category)"
		}
		c := &filterSQL{}
		q = "SELECT DISTINCT o.contact_id, 1 FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.date >= ? AND " + col + " IN (" + c.in(n.Values) + ")"
		args = append([]any{since}, c.args...)
	default:
		return nil, marketing.Errorf(marketing.EInvalid, "That condition is not answered from the orders.")
	}
	rows, err := db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]int64{}
	for rows.Next() {
		var id, v int64
		if err := rows.Scan(&id, &v); err != nil {
			return nil, err
		}
		out[id] = v
	}
	return out, rows.Err()
}

// OrderValueCounts lists the categories (field boughtCategory) or products
// (boughtProduct: SKU, labelled with its name) people bought, with how many
// contacts bought each, most first.
func (db *DB) OrderValueCounts(ctx context.Context, field string) ([]segment.Bucket, error) {
	var q string
	switch field {
	case "boughtCategory":
		q = `SELECT dd_fold(l.category), min(l.category), count(DISTINCT o.contact_id) FROM order_lines l JOIN orders o ON o.id = l.order_id
			WHERE l.category <> '' GROUP BY dd_fold(l.category) ORDER BY 3 DESC, 1 LIMIT 1000`
	case "boughtProduct":
		q = `SELECT l.sku, coalesce(nullif(max(p.name), ''), nullif(max(l.name), ''), l.sku), count(DISTINCT o.contact_id)
			FROM order_lines l JOIN orders o ON o.id = l.order_id LEFT JOIN products p ON p.sku = l.sku
			WHERE l.sku <> '' GROUP BY l.sku ORDER BY 3 DESC, 1 LIMIT 1000`
	default:
		return nil, marketing.FieldError(marketing.EInvalid, "field", "That field has no list of values.", map[string]string{"reason": "values", "field": field})
	}
	rows, err := db.read.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []segment.Bucket{}
	for rows.Next() {
		var b segment.Bucket
		if err := rows.Scan(&b.Value, &b.Label, &b.Count); err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

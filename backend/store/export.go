package store

import (
	"context"
	"database/sql"
	"slices"

	"directdesk/backend/marketing"
)

// exportChunk is how many rows an export reads at a time: enough to keep
// SQLite busy, few enough that a million-row export holds little memory.
const exportChunk = 1000

// EachContact calls fn for every contact the query's filters find (paging
// fields are ignored), in id order, with tags and consents, reading in
// chunks from a read snapshot so the export is consistent and memory stays
// bounded. total is known before the first call.
func (db *DB) EachContact(ctx context.Context, q marketing.ContactQuery, fn func(c *marketing.Contact, consents []marketing.Consent, total int) error) error {
	if err := q.Normalize(); err != nil {
		return err
	}
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	filtered := q.IDs != nil || q.Search != "" || q.Country != "" || q.Region != "" || q.Tag != ""
	var ids []int64
	total := 0
	if q.IDs != nil {
		ids = slices.Clone(q.IDs)
		slices.Sort(ids)
		total = len(ids)
	} else if filtered {
		where, args := contactFilter(q, searchTerms(q.Search))
		if ids, err = queryIDs(ctx, tx, "SELECT c.id FROM contacts c"+where+" ORDER BY c.id", args...); err != nil {
			return err
		}
		total = len(ids)
	} else if total, err = tableCount(ctx, tx); err != nil {
		return err
	}
	var last int64
	for done := 0; ; {
		if err := ctx.Err(); err != nil {
			return marketing.ErrCanceled
		}
		var chunk []int64
		if filtered {
			if done >= len(ids) {
				return nil
			}
			chunk = ids[done:min(done+exportChunk, len(ids))]
		} else {
			if chunk, err = queryIDs(ctx, tx, "SELECT id FROM contacts WHERE id > ? ORDER BY id LIMIT ?", last, exportChunk); err != nil {
				return err
			}
			if len(chunk) == 0 {
				return nil
			}
			last = chunk[len(chunk)-1]
		}
		done += len(chunk)
		items, err := contactsByID(ctx, tx, chunk)
		if err != nil {
			return err
		}
		if err := attachTags(ctx, tx, items); err != nil {
			return err
		}
		consents, err := consentsByContact(ctx, tx, chunk)
		if err != nil {
			return err
		}
		for i := range items {
			if err := fn(&items[i], consents[items[i].ID], total); err != nil {
				return err
			}
		}
	}
}

func consentsByContact(ctx context.Context, tx *sql.Tx, ids []int64) (map[int64][]marketing.Consent, error) {
	out := map[int64][]marketing.Consent{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := tx.QueryContext(ctx, "SELECT contact_id, channel, status, at, method, evidence FROM contact_consent WHERE contact_id BETWEEN ? AND ?", ids[0], ids[len(ids)-1])
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	want := make(map[int64]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	for rows.Next() {
		var id int64
		var c marketing.Consent
		if err := rows.Scan(&id, &c.Channel, &c.Status, &c.At, &c.Method, &c.Evidence); err != nil {
			return nil, err
		}
		if want[id] {
			out[id] = append(out[id], c)
		}
	}
	return out, rows.Err()
}

// CustomFieldNames lists the custom field names in use, for export columns.
func (db *DB) CustomFieldNames(ctx context.Context) ([]string, error) {
	return queryStrings(ctx, db.read, "SELECT DISTINCT j.key FROM contacts c, json_each(c.custom) j WHERE c.custom <> '{}' ORDER BY j.key LIMIT 200")
}

func queryStrings(ctx context.Context, q querier, query string, args ...any) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// EachOrderLine calls fn for every order line (an order without lines once,
// with LineNo 0), by order date, from one read snapshot.
func (db *DB) EachOrderLine(ctx context.Context, fn func(r *marketing.OrderLineRow, total int) error) error {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var total int
	if err := tx.QueryRowContext(ctx, "SELECT n FROM row_counts WHERE name = 'orders'").Scan(&total); err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT o.id, o.order_no, o.date, o.total_minor, o.currency, o.channel,
		coalesce(c.customer_no, ''), c.email, trim(c.first_name || ' ' || c.last_name),
		coalesce(l.line_no, 0), coalesce(l.sku, ''), coalesce(l.name, ''), coalesce(l.category, ''), coalesce(l.quantity, 0), coalesce(l.unit_minor, 0)
		FROM orders o JOIN contacts c ON c.id = o.contact_id LEFT JOIN order_lines l ON l.order_id = o.id
		ORDER BY o.date, o.id, l.line_no`)
	if err != nil {
		return err
	}
	defer rows.Close()
	var r marketing.OrderLineRow
	for n := 0; rows.Next(); n++ {
		if n%exportChunk == 0 && ctx.Err() != nil {
			return marketing.ErrCanceled
		}
		if err := rows.Scan(&r.Order.ID, &r.Order.OrderNo, &r.Order.Date, &r.Order.Total.Minor, &r.Order.Total.Currency, &r.Order.Channel,
			&r.CustomerNo, &r.Email, &r.Name, &r.LineNo, &r.Line.SKU, &r.Line.Name, &r.Line.Category, &r.Line.Quantity, &r.Line.UnitMinor); err != nil {
			return err
		}
		if err := fn(&r, total); err != nil {
			return err
		}
	}
	return rows.Err()
}

// EachProduct calls fn for every product, by SKU.
func (db *DB) EachProduct(ctx context.Context, fn func(p *marketing.Product, total int) error) error {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var total int
	if err := tx.QueryRowContext(ctx, "SELECT n FROM row_counts WHERE name = 'products'").Scan(&total); err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, "SELECT id, sku, name, description, category, price_minor, currency, image_path, active FROM products ORDER BY sku")
	if err != nil {
		return err
	}
	defer rows.Close()
	var p marketing.Product
	for rows.Next() {
		if err := rows.Scan(&p.ID, &p.SKU, &p.Name, &p.Description, &p.Category, &p.Price.Minor, &p.Price.Currency, &p.ImagePath, &p.Active); err != nil {
			return err
		}
		if err := fn(&p, total); err != nil {
			return err
		}
	}
	return rows.Err()
}

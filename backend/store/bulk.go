package store

import (
	"context"
	"database/sql"
	"strings"

	"directdesk/backend/marketing"
)

// ContactBatch is a slice of contacts inserted together, each with its orders.
// Orders[i] belongs to Contacts[i] (may be nil).
type ContactBatch struct {
	Contacts []marketing.Contact
	Orders   [][]marketing.Order
	// Event is recorded on each new contact's timeline ("imported", "created").
	EventKind    string
	EventSummary string
	// ProgressKey/ProgressValue are stored in the same transaction, so a job
	// that is killed can resume exactly after the last whole batch.
	ProgressKey   string
	ProgressValue any
}

// InsertContactBatch inserts a batch in one transaction: all of it or nothing.
// Contacts must be validated. IDs are filled in.
func (db *DB) InsertContactBatch(ctx context.Context, b *ContactBatch) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		ins, err := tx.PrepareContext(ctx, contactInsertSQL)
		if err != nil {
			return err
		}
		defer ins.Close()
		fts, err := tx.PrepareContext(ctx, "INSERT INTO contact_search (rowid, body) VALUES (?, ?)")
		if err != nil {
			return err
		}
		defer fts.Close()
		ev, err := tx.PrepareContext(ctx, "INSERT INTO events (contact_id, at, kind, summary) VALUES (?, ?, ?, ?)")
		if err != nil {
			return err
		}
		defer ev.Close()
		ord, err := tx.PrepareContext(ctx, "INSERT INTO orders (contact_id, order_no, date, total_minor, currency, channel) VALUES (?, ?, ?, ?, ?, ?)")
		if err != nil {
			return err
		}
		defer ord.Close()
		line, err := tx.PrepareContext(ctx, "INSERT INTO order_lines (order_id, line_no, sku, quantity, unit_minor) VALUES (?, ?, ?, ?, ?)")
		if err != nil {
			return err
		}
		defer line.Close()
		tagIDs := map[string]int64{}
		now := db.now()
		var added rowCounts
		for i := range b.Contacts {
			c := &b.Contacts[i]
			if c.CreatedAt == "" {
				c.CreatedAt = now
			}
			if c.UpdatedAt == "" {
				c.UpdatedAt = c.CreatedAt
			}
			res, err := ins.ExecContext(ctx, insertArgs(c)...)
			if err != nil {
				if e, ok := contactConflict(err).(*marketing.Error); ok {
					e.Row = i + 1
					return e
				}
				return err
			}
			if c.ID, err = res.LastInsertId(); err != nil {
				return err
			}
			added.count(c)
			if _, err := fts.ExecContext(ctx, c.ID, searchBody(c)); err != nil {
				return err
			}
			if b.EventKind != "" {
				if _, err := ev.ExecContext(ctx, c.ID, now, b.EventKind, b.EventSummary); err != nil {
					return err
				}
			}
			for _, t := range c.Tags {
				k := strings.ToLower(t)
				id, ok := tagIDs[k]
				if !ok {
					if id, err = ensureTag(ctx, tx, t); err != nil {
						return err
					}
					tagIDs[k] = id
				}
				if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO contact_tags (contact_id, tag_id) VALUES (?, ?)", c.ID, id); err != nil {
					return err
				}
			}
			if i >= len(b.Orders) {
				continue
			}
			for _, o := range b.Orders[i] {
				res, err := ord.ExecContext(ctx, c.ID, o.OrderNo, o.Date, o.Total.Minor, o.Total.Currency, o.Channel)
				if err != nil {
					return err
				}
				oid, _ := res.LastInsertId()
				added.orders++
				for k, l := range o.Lines {
					if _, err := line.ExecContext(ctx, oid, k+1, l.SKU, l.Quantity, l.UnitMinor); err != nil {
						return err
					}
				}
			}
		}
		if err := addCounts(ctx, tx, added); err != nil {
			return err
		}
		if b.ProgressKey != "" {
			return setValue(ctx, tx, b.ProgressKey, b.ProgressValue)
		}
		return nil
	})
}

// rowCounts are rows a transaction inserted, for the counters in row_counts.
type rowCounts struct{ contacts, demo, orders int }

func (n *rowCounts) count(c *marketing.Contact) {
	n.contacts++
	if c.Source == "demo" {
		n.demo++
	}
}

// addCounts adds inserted rows to the counters in the same transaction.
// Inserts count in Go rather than by trigger: see migration 0003.
func addCounts(ctx context.Context, tx *sql.Tx, n rowCounts) error {
	for _, c := range []struct {
		name string
		n    int
	}{{"contacts", n.contacts}, {"demo", n.demo}, {"orders", n.orders}} {
		if c.n == 0 {
			continue
		}
		if _, err := tx.ExecContext(ctx, "UPDATE row_counts SET n = n + ? WHERE name = ?", c.n, c.name); err != nil {
			return err
		}
	}
	return nil
}

// UpsertProducts inserts or updates products by SKU in one transaction.
func (db *DB) UpsertProducts(ctx context.Context, products []marketing.Product) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		now := db.now()
		for _, p := range products {
			_, err := tx.ExecContext(ctx, `INSERT INTO products (sku, name, description, category, price_minor, currency, image_path, active, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (sku) DO UPDATE SET name = excluded.name, description = excluded.description, category = excluded.category,
				price_minor = excluded.price_minor, currency = excluded.currency, image_path = excluded.image_path, active = excluded.active, updated_at = excluded.updated_at`,
				p.SKU, p.Name, p.Description, p.Category, p.Price.Minor, p.Price.Currency, p.ImagePath, p.Active, now, now)
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// Counts returns the number of contacts, orders and products, from the
// counters the triggers keep.
func (db *DB) Counts(ctx context.Context) (marketing.WorkspaceCounts, error) {
	var c marketing.WorkspaceCounts
	err := db.read.QueryRowContext(ctx, `SELECT
		(SELECT n FROM row_counts WHERE name = 'contacts'),
		(SELECT n FROM row_counts WHERE name = 'orders'),
		(SELECT n FROM row_counts WHERE name = 'products'),
		(SELECT n FROM row_counts WHERE name = 'demo')`).Scan(&c.Contacts, &c.Orders, &c.Products, &c.Demo)
	return c, err
}

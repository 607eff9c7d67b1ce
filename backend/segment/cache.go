package segment

import (
	"context"
	"maps"
	"sync"
	"time"
)

// Source is where the columns come from: the workspace's store.
type Source interface {
	// EachSegmentRow reads contacts in id order: all when ids is nil.
	EachSegmentRow(ctx context.Context, ids []int64, fn func(r *Row) error) error
	// TakeContactChanges returns the contacts changed since the last call,
	// all=true when too many changed to list, and orders=true when any
	// order changed.
	TakeContactChanges() (ids []int64, all, orders bool)
	// EachPurchase sums every buyer's orders.
	EachPurchase(ctx context.Context, fn func(p *Purchase) error) error
	// OrderValues answers a condition from the orders (see NeedsOrders).
	OrderValues(ctx context.Context, n *Node, today time.Time) (map[int64]int64, error)
}

// Cache keeps the columns in step with the store: built once (seconds on a
// million contacts), then patched with the contacts each write touched.
type Cache struct {
	src     Source
	refresh sync.Mutex   // one refresh at a time
	mu      sync.RWMutex // readers of cols against a patch
	cols    *Columns
	stale   bool // a refresh failed half-way: rebuild next time
	builds  int
}

// Builds is how many times the columns were built from scratch.
func (c *Cache) Builds() int {
	c.refresh.Lock()
	defer c.refresh.Unlock()
	return c.builds
}

func NewCache(src Source) *Cache { return &Cache{src: src} }

// Read brings the columns up to date and calls fn with them. fn must not
// keep them: they change in place after it returns.
func (c *Cache) Read(ctx context.Context, fn func(cols *Columns) error) error {
	if err := c.update(ctx); err != nil {
		return err
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	return fn(c.cols)
}

func (c *Cache) update(ctx context.Context) error {
	c.refresh.Lock()
	defer c.refresh.Unlock()
	// Take the changes before reading: a write committed meanwhile is either
	// in what we read or in the next Take, never lost.
	ids, all, orders := c.src.TakeContactChanges()
	if c.cols == nil || all || c.stale {
		return c.rebuild(ctx)
	}
	if len(ids) > 0 {
		if err := c.patch(ctx, ids); err != nil {
			return err
		}
	}
	if orders {
		c.mu.Lock()
		err := c.cols.SetPurchases(c.eachPurchase(ctx), DefaultPurchaseRules)
		c.mu.Unlock()
		if err != nil {
			c.stale = true
			return err
		}
	}
	return nil
}

func (c *Cache) eachPurchase(ctx context.Context) func(add func(p *Purchase)) error {
	return func(add func(p *Purchase)) error {
		return c.src.EachPurchase(ctx, func(p *Purchase) error { add(p); return nil })
	}
}

func (c *Cache) patch(ctx context.Context, ids []int64) error {
	rows := make(map[int64]*Row, len(ids))
	err := c.src.EachSegmentRow(ctx, ids, func(r *Row) error {
		cp := *r
		cp.Shown = maps.Clone(r.Shown) // the reader reuses its map
		rows[r.ID] = &cp
		return nil
	})
	if err != nil {
		c.stale = true
		return err
	}
	c.mu.Lock()
	ok := c.cols.apply(ids, rows)
	c.mu.Unlock()
	if !ok {
		return c.rebuild(ctx)
	}
	return nil
}

func (c *Cache) rebuild(ctx context.Context) error {
	b := NewBuilder()
	if err := c.src.EachSegmentRow(ctx, nil, func(r *Row) error { b.Add(r); return nil }); err != nil {
		c.stale = true
		return err
	}
	cols := b.Columns()
	if err := cols.SetPurchases(c.eachPurchase(ctx), DefaultPurchaseRules); err != nil {
		c.stale = true
		return err
	}
	c.mu.Lock()
	c.cols, c.stale = cols, false
	c.builds++
	c.mu.Unlock()
	return nil
}

// Select brings the columns up to date, evaluates f and calls fn with the
// columns and the selection (under the read lock: fn must not keep cols).
func (c *Cache) Select(ctx context.Context, f *Filter, today time.Time, fn func(cols *Columns, sel *Bitset) error) error {
	return c.Read(ctx, func(cols *Columns) error {
		sel, err := cols.EvalWith(f, today, c.Values(ctx, today))
		if err != nil {
			return err
		}
		return fn(cols, sel)
	})
}

// Values answers order conditions from the store.
func (c *Cache) Values(ctx context.Context, today time.Time) OrderValues {
	return func(n *Node) (map[int64]int64, error) { return c.src.OrderValues(ctx, n, today) }
}

// IDs lists, in id order, the contacts f selects; with within not nil
// (a frozen list's members), only those among them. Never nil: a nil list
// in a marketing.ContactQuery means every contact.
func (c *Cache) IDs(ctx context.Context, f *Filter, today time.Time, within []int64) ([]int64, error) {
	ids := []int64{}
	err := c.Select(ctx, f, today, func(cols *Columns, sel *Bitset) error {
		if within != nil {
			sel.And(cols.Positions(within))
		}
		sel.Each(func(i int) bool { ids = append(ids, cols.IDs[i]); return true })
		return nil
	})
	return ids, err
}

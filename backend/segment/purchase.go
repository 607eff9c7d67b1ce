package segment

import (
	"math"
	"slices"
	"time"
)

// Purchase behaviour comes from the orders. Per contact the columns hold
// the number of orders, the revenue and the first and last order date;
// RFM scores, value tiers and lifecycle stages are derived from those with
// the bounds below, computed over all buyers at once.

// PurchaseRules are the thresholds of the lifecycle stages.
type PurchaseRules struct {
	LoyalOrders int // this many orders or more: loyal
	LapsingDays int // no order for this many days: lapsing
	LostDays    int // no order for this many days: lost
}

// DefaultPurchaseRules: loyal from 4 orders; lapsing after a year without
// an order, lost after two.
var DefaultPurchaseRules = PurchaseRules{LoyalOrders: 4, LapsingDays: 365, LostDays: 730}

// MinorPerUnit converts whole currency units (what users type) to the
// minor units orders are stored in. Every currency we serve has 2 decimals.
const MinorPerUnit = 100

// PurchaseBounds are the facts that depend on all buyers together.
type PurchaseBounds struct {
	Buyers int
	// RFM quintile bounds: a value at or above bound k scores k+2; below
	// the first, 1. Recency is the last order date (YYYYMMDD).
	Recency, Frequency, Monetary [4]int64
	// A value tier is A for revenue >= TierA, B for >= TierB, else C.
	TierA, TierB int64
	Rules        PurchaseRules
}

// ComputeBounds derives the bounds from per-contact orders, revenue and
// last order date; alive says which positions count.
func ComputeBounds(orders []uint32, revenue []int64, last []int32, alive func(i int) bool, rules PurchaseRules) PurchaseBounds {
	b := PurchaseBounds{Rules: rules}
	var r, f, m []int64
	for i := range orders {
		if orders[i] == 0 || !alive(i) {
			continue
		}
		r = append(r, int64(last[i]))
		f = append(f, int64(orders[i]))
		m = append(m, revenue[i])
	}
	b.Buyers = len(f)
	b.Recency, b.Frequency, b.Monetary = quintiles(r), quintiles(f), quintiles(m)
	b.TierA, b.TierB = tierBounds(m)
	return b
}

// quintiles returns the values at 20, 40, 60 and 80 % of the sorted values
// (index k*n/5), so ties always fall into the same score.
func quintiles(v []int64) [4]int64 {
	var q [4]int64
	if len(v) == 0 {
		return q
	}
	slices.Sort(v)
	for k := 1; k <= 4; k++ {
		q[k-1] = v[k*len(v)/5]
	}
	return q
}

// tierBounds walks the revenues from the biggest down: the revenue at which
// the running total reaches 80 % of all revenue is TierA, at 95 % TierB.
// Customers with the same revenue share a tier.
func tierBounds(m []int64) (a, b int64) {
	a, b = math.MaxInt64, math.MaxInt64
	desc := slices.Clone(m)
	slices.Sort(desc)
	slices.Reverse(desc)
	var total int64
	for _, v := range desc {
		total += v
	}
	if total <= 0 {
		return
	}
	var run int64
	for _, v := range desc {
		run += v
		if a == math.MaxInt64 && run*100 >= total*80 {
			a = v
		}
		if run*100 >= total*95 {
			b = v
			break
		}
	}
	return
}

// Score is an RFM score: 1 to 5, or 0 for someone who has not bought.
func Score(v int64, bounds [4]int64) int {
	s := 1
	for _, x := range bounds {
		if v >= x {
			s++
		}
	}
	return s
}

// Tier is the value tier of a contact with n orders and revenue rev.
func (b *PurchaseBounds) Tier(n uint32, rev int64) string {
	switch {
	case n == 0:
		return TierNone
	case rev >= b.TierA:
		return TierA
	case rev >= b.TierB:
		return TierB
	}
	return TierC
}

// Lifecycle is the stage of a contact with n orders, the last on last
// (YYYYMMDD).
func (b *PurchaseBounds) Lifecycle(n uint32, last int32, today time.Time) string {
	return b.lifecycleAt(n, last, dateInt(DaysAgo(b.Rules.LostDays, today)), dateInt(DaysAgo(b.Rules.LapsingDays, today)))
}

// lifecycleAt is Lifecycle with the lost and lapsing dates worked out.
func (b *PurchaseBounds) lifecycleAt(n uint32, last, lost, lapsing int32) string {
	switch {
	case n == 0:
		return "prospect"
	case last < lost:
		return "lost"
	case last < lapsing:
		return "lapsing"
	case int(n) >= b.Rules.LoyalOrders:
		return "loyal"
	case n >= 2:
		return "repeat"
	}
	return "firstTime"
}

// Purchase is one contact's orders, as the store sums them.
type Purchase struct {
	ContactID   int64
	Orders      uint32
	Revenue     int64 // minor units
	First, Last string
}

// NeedsOrders reports whether a condition is answered from the orders
// themselves (a window of days, or what was bought), not from the columns.
func NeedsOrders(n *Node) bool {
	f, _ := Lookup(n.Field)
	return f.Kind == KindList || (f.Kind == KindNumber || f.Kind == KindMoney) && n.Days > 0
}

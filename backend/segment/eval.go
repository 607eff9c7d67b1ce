package segment

import (
	"slices"
	"strings"
	"time"
)

// OrderValues answers a condition the columns cannot (see NeedsOrders)
// from the orders: per contact id the number of orders or the amount in
// minor units in the window, or 1 for "bought one of these". Contacts left
// out have 0.
type OrderValues func(n *Node) (map[int64]int64, error)

// Eval returns the positions of the contacts that match f. f must be
// validated. A condition is a pass over one small column (a predicate per
// contact, or whole bitsets for tags); groups combine bitsets. Conditions
// that need the orders themselves see no orders here (so "at most 2 orders
// in the last 30 days" holds for everyone): use EvalWith.
func (c *Columns) Eval(f *Filter, today time.Time) *Bitset {
	b, _ := c.EvalWith(f, today, nil)
	return b
}

// EvalWith is Eval with the orders at hand for the conditions that need them.
func (c *Columns) EvalWith(f *Filter, today time.Time, values OrderValues) (*Bitset, error) {
	e := &evaluation{c: c, today: today, values: values}
	b := e.node(&f.Root)
	if c.dead != nil {
		b.AndNot(c.dead)
	}
	return b, e.err
}

// Count is the number of contacts that match f.
func (c *Columns) Count(f *Filter, today time.Time) int {
	return c.Eval(f, today).Count()
}

type evaluation struct {
	c      *Columns
	today  time.Time
	values OrderValues
	err    error
}

func (e *evaluation) node(n *Node) *Bitset {
	c := e.c
	size := c.Len()
	switch {
	case n.Not != nil:
		b := e.node(n.Not)
		b.Not(size)
		return b
	case len(n.All) > 0:
		var b *Bitset
		for i := range n.All {
			if isEmptyGroup(&n.All[i]) {
				continue
			}
			x := e.node(&n.All[i])
			if b == nil {
				b = x
			} else {
				b.And(x)
			}
		}
		if b == nil {
			return NewFull(size)
		}
		return b
	case len(n.Any) > 0:
		var b *Bitset
		for i := range n.Any {
			if isEmptyGroup(&n.Any[i]) {
				return NewFull(size) // an empty group holds for everyone
			}
			x := e.node(&n.Any[i])
			if b == nil {
				b = x
			} else {
				b.Or(x)
			}
		}
		return b
	case n.IsGroup():
		return NewFull(size)
	}
	if b := c.leafSet(n); b != nil {
		return b
	}
	pred := e.leaf(n)
	b := &Bitset{w: make([]uint64, (size+63)/64)}
	for i := 0; i < size; i++ {
		if pred(i) {
			b.w[i/64] |= 1 << (i % 64)
		}
	}
	return b
}

func isEmptyGroup(n *Node) bool {
	return n.IsGroup() && n.Not == nil && len(n.All) == 0 && len(n.Any) == 0
}

// leafSet answers tag conditions from the tag bitsets directly.
func (c *Columns) leafSet(n *Node) *Bitset {
	if n.Field != "tag" {
		return nil
	}
	size := c.Len()
	var b *Bitset
	switch n.Op {
	case OpAllOf:
		b = NewFull(size)
		for _, t := range n.Values {
			if bs := c.tags[t]; bs != nil {
				b.And(bs)
			} else {
				return &Bitset{w: make([]uint64, (size+63)/64)}
			}
		}
	default: // anyOf, noneOf
		b = &Bitset{w: make([]uint64, (size+63)/64)}
		for _, t := range n.Values {
			if bs := c.tags[t]; bs != nil {
				b.Or(bs)
			}
		}
		if n.Op == OpNoneOf {
			b.Not(size)
		}
	}
	return b
}

// leaf is the predicate of a condition, from the orders when it needs them.
func (e *evaluation) leaf(n *Node) func(i int) bool {
	if !NeedsOrders(n) {
		return e.c.leaf(n, e.today)
	}
	var m map[int64]int64
	if e.values != nil && e.err == nil {
		m, e.err = e.values(n)
	}
	ids := e.c.IDs
	if f, _ := Lookup(n.Field); f.Kind == KindList {
		want := n.Op == OpAnyOf
		return func(i int) bool { _, ok := m[ids[i]]; return ok == want }
	}
	in := rangeTest(n)
	return func(i int) bool { return in(m[ids[i]]) }
}

// rangeTest is a number condition; money is compared in minor units.
func rangeTest(n *Node) func(v int64) bool {
	unit := int64(1)
	if f, _ := Lookup(n.Field); f.Kind == KindMoney {
		unit = MinorPerUnit
	}
	v := func(k int) int64 { return int64(Int(n.Values[k])) * unit }
	switch n.Op {
	case OpAtLeast:
		lo := v(0)
		return func(x int64) bool { return x >= lo }
	case OpAtMost:
		hi := v(0)
		return func(x int64) bool { return x <= hi }
	}
	lo, hi := v(0), v(1)
	return func(x int64) bool { return x >= lo && x <= hi }
}

// Matches reports whether the contact at position i meets condition n.
func (c *Columns) Matches(n *Node, i int, today time.Time, values OrderValues) bool {
	if b := c.leafSet(n); b != nil {
		return b.Has(i)
	}
	e := &evaluation{c: c, today: today, values: values}
	return e.leaf(n)(i)
}

// leaf compiles a condition into a predicate over positions.
func (c *Columns) leaf(n *Node, today time.Time) func(i int) bool {
	f, _ := Lookup(n.Field)
	never := func(int) bool { return false }
	switch f.Kind {
	case KindAge:
		return c.ageLeaf(n, today)
	case KindBirthday:
		return c.birthdayLeaf(n, today)
	case KindEnum:
		return c.enumLeaf(n, today)
	case KindFlag:
		bit := map[string]uint8{"hasEmail": flagEmail, "hasMobile": flagMobile, "hasPhone": flagPhone, "hasAddress": flagAddress}[n.Field]
		want := n.Values[0] == "true"
		return func(i int) bool { return (c.flags[i]&bit != 0) == want }
	case KindDate:
		switch n.Field {
		case "lastOrder":
			return dateLeaf(c.lastOrder, n, today)
		case "firstOrder":
			return dateLeaf(c.firstOrder, n, today)
		}
		return dateLeaf(c.since, n, today)
	case KindNumber:
		in := rangeTest(n)
		return func(i int) bool { return in(int64(c.orders[i])) }
	case KindMoney:
		in := rangeTest(n)
		return func(i int) bool { return in(c.revenue[i]) }
	case KindScore:
		var want [6]bool
		for _, v := range n.Values {
			want[Int(v)] = true
		}
		var value func(i int) int64
		var bounds [4]int64
		switch n.Field {
		case "rfmRecency":
			value, bounds = func(i int) int64 { return int64(c.lastOrder[i]) }, c.Bounds.Recency
		case "rfmFrequency":
			value, bounds = func(i int) int64 { return int64(c.orders[i]) }, c.Bounds.Frequency
		default:
			value, bounds = func(i int) int64 { return c.revenue[i] }, c.Bounds.Monetary
		}
		return func(i int) bool { return c.orders[i] > 0 && want[Score(value(i), bounds)] }
	case KindPostcode:
		if n.Op == OpBetween {
			lo, hi := int32(Int(n.Values[0])), int32(Int(n.Values[1]))
			return func(i int) bool { p := c.postNum[i]; return p >= 0 && p >= lo && p <= hi }
		}
		return textLeaf(c.postcodes, n)
	case KindText:
		return textLeaf(c.text[n.Field], n)
	case KindCustom:
		col := c.custom[strings.TrimPrefix(n.Field, CustomPrefix)]
		if col == nil {
			col = &textColumn{dict: []string{""}}
			if n.Op == OpEmpty || n.Op == OpNotIn {
				return func(int) bool { return true }
			}
			return never
		}
		return textLeaf(col, n)
	}
	return never
}

func (c *Columns) ageLeaf(n *Node, today time.Time) func(i int) bool {
	switch n.Op {
	case OpKnown:
		return func(i int) bool { return c.birth[i] != 0 }
	case OpUnknown:
		return func(i int) bool { return c.birth[i] == 0 }
	}
	lo, hi := AgeBounds(n, today)
	loI, hiI := dateInt(lo), dateInt(hi)
	return func(i int) bool {
		b := c.birth[i]
		return b != 0 && (lo == "" || b > loI) && (hi == "" || b <= hiI)
	}
}

func (c *Columns) birthdayLeaf(n *Node, today time.Time) func(i int) bool {
	var days [1232]bool // MMDD
	if n.Op == OpWithinDays {
		for _, md := range BirthdayDays(Int(n.Values[0]), today) {
			days[Int(md[:2])*100+Int(md[3:])] = true
		}
	} else {
		for _, v := range n.Values {
			m := Int(v)
			for d := 1; d <= 31; d++ {
				days[m*100+d] = true
			}
		}
	}
	return func(i int) bool {
		b := c.birth[i]
		return b != 0 && days[b%10000]
	}
}

func (c *Columns) enumLeaf(n *Node, today time.Time) func(i int) bool {
	switch n.Field {
	case "valueTier":
		want := map[string]bool{}
		for _, v := range n.Values {
			want[v] = true
		}
		a, b, cc, none := want[TierA], want[TierB], want[TierC], want[TierNone]
		ta, tb := c.Bounds.TierA, c.Bounds.TierB
		return func(i int) bool {
			switch r := c.revenue[i]; {
			case c.orders[i] == 0:
				return none
			case r >= ta:
				return a
			case r >= tb:
				return b
			}
			return cc
		}
	case "lifecycle":
		lost := dateInt(DaysAgo(c.Bounds.Rules.LostDays, today))
		lapsing := dateInt(DaysAgo(c.Bounds.Rules.LapsingDays, today))
		var want [8]bool
		for _, v := range n.Values {
			want[slices.Index(Lifecycles, v)] = true
		}
		return func(i int) bool {
			return want[slices.Index(Lifecycles, c.Bounds.lifecycleAt(c.orders[i], c.lastOrder[i], lost, lapsing))]
		}
	}
	if ch, ok := ConsentChannel[n.Field]; ok {
		shift := consentShift[ch]
		var want [4]bool
		for _, v := range n.Values {
			want[slices.Index([]string{ConsentNone, "granted", "refused"}, v)] = true
		}
		return func(i int) bool { return want[(c.consent[i]>>shift)&3] }
	}
	if n.Field == "origin" {
		var want [3]bool
		for _, v := range n.Values {
			want[slices.Index(Origins, v)] = true
		}
		return func(i int) bool { return want[c.origin[i]] }
	}
	if n.Field == "kind" {
		var want [2]bool
		for _, v := range n.Values {
			want[slices.Index(kinds, v)] = true
		}
		return func(i int) bool { return want[c.kind[i]] }
	}
	var want [4]bool // gender
	for _, v := range n.Values {
		if v == GenderUnknown {
			v = ""
		}
		want[slices.Index(genders, v)] = true
	}
	if n.Op == OpNotIn {
		for k := range want {
			want[k] = !want[k]
		}
	}
	return func(i int) bool { return want[c.gender[i]] }
}

func dateLeaf(col []int32, n *Node, today time.Time) func(i int) bool {
	v := func(k int) int32 { return dateInt(n.Values[k]) }
	switch n.Op {
	case OpEmpty:
		return func(i int) bool { return col[i] == 0 }
	case OpNotEmpty:
		return func(i int) bool { return col[i] != 0 }
	case OpBefore:
		d := v(0)
		return func(i int) bool { return col[i] != 0 && col[i] < d }
	case OpAfter:
		d := v(0)
		return func(i int) bool { return col[i] > d }
	case OpBetween:
		a, b := v(0), v(1)
		return func(i int) bool { return col[i] >= a && col[i] <= b }
	case OpWithinDays:
		d := dateInt(DaysAgo(Int(n.Values[0]), today))
		return func(i int) bool { return col[i] >= d }
	case OpNotWithinDays:
		d := dateInt(DaysAgo(Int(n.Values[0]), today))
		return func(i int) bool { return col[i] != 0 && col[i] < d }
	}
	return func(int) bool { return false }
}

// textLeaf decides once per distinct value, then looks codes up.
func textLeaf(col *textColumn, n *Node) func(i int) bool {
	match := make([]bool, len(col.dict))
	if n.Op == OpIn || n.Op == OpNotIn {
		// Through the dictionary's index: a list of 1,000 companies must
		// not be compared with each of half a million names.
		for _, v := range n.Values {
			if code, ok := col.index[v]; ok {
				match[code] = true
			}
		}
		if n.Op == OpNotIn {
			for k := range match {
				match[k] = !match[k]
			}
		}
		codes := col.codes
		return func(i int) bool { return match[codes[i]] }
	}
	for code, v := range col.dict {
		match[code] = textMatches(n.Op, v, n.Values)
	}
	codes := col.codes
	return func(i int) bool { return match[codes[i]] }
}

// textMatches is one text condition on one (folded) value.
func textMatches(op, v string, values []string) bool {
	switch op {
	case OpIn:
		return slices.Contains(values, v)
	case OpNotIn:
		return !slices.Contains(values, v)
	case OpContains:
		for _, x := range values {
			if strings.Contains(v, x) {
				return true
			}
		}
	case OpStartsWith:
		for _, x := range values {
			if strings.HasPrefix(v, x) {
				return true
			}
		}
	case OpEmpty:
		return v == ""
	case OpNotEmpty:
		return v != ""
	}
	return false
}

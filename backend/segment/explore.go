package segment

import (
	"cmp"
	"encoding/binary"
	"hash/fnv"
	"slices"
	"strconv"
	"time"

	"directdesk/backend/marketing"
)

// The micro-segment explorer: a segment split by two dimensions into a
// cross-table of counts (and, where orders exist, revenue and order
// frequency), each cell one click away from a saved segment.

// Dimensions the explorer can split by.
var Dimensions = []string{"ageBand", "gender", "region", "country", "jobTitle", "jobGroup", "city", "valueTier", "lifecycle", "origin", "rfmRecency", "rfmFrequency", "rfmMonetary", "language"}

// maxDimValues bounds a dimension of many values (regions, job titles) to
// its biggest ones; the rest is one "other" row.
const maxDimValues = 15

// Cell is one cell of the cross-table.
type Cell struct {
	Count int `json:"count"`
	// Buyers is how many of them have orders; Revenue and Orders are their
	// averages (minor units, and orders per buyer).
	Buyers  int     `json:"buyers"`
	Revenue float64 `json:"revenue"`
	Orders  float64 `json:"orders"`
	// Filter selects exactly this cell's contacts within the segment: the
	// segment's filter AND the two dimension conditions. Empty for the
	// "other" row or column, which has no single condition.
	Filter *Filter `json:"filter,omitempty"`
}

// CrossTab is the explorer's table: Rows × Cols, Cells[r][c].
type CrossTab struct {
	RowDim string   `json:"rowDim"`
	ColDim string   `json:"colDim"`
	Rows   []Bucket `json:"rows"`
	Cols   []Bucket `json:"cols"`
	Cells  [][]Cell `json:"cells"`
	Total  Cell     `json:"total"`
	Max    int      `json:"max"` // the biggest cell count, for the heat-map colouring
}

// dimension maps positions to a value index, with the values' buckets and
// the condition that selects each value.
type dimension struct {
	values []Bucket
	of     func(i int) int // -1: leave out (cannot happen for the dims here)
	cond   func(k int) *Node
}

func (c *Columns) dimension(name string, sel *Bitset, today time.Time, groups []TitleGroup) (dimension, bool) {
	switch name {
	case "jobGroup":
		// A contact goes to the first group that has its title; a cell's
		// filter says "in this group and none before it", so it selects
		// exactly the cell.
		col := c.text["jobTitle"]
		index := make([]int, len(col.dict))
		d := dimension{}
		for _, g := range groups {
			d.values = append(d.values, Bucket{Value: g.Name, Label: g.Name})
		}
		other := len(groups)
		d.values = append(d.values, Bucket{Value: "*", Label: ""}, Bucket{Value: "", Label: ""})
		for code, title := range col.dict {
			index[code] = other
			if code == 0 {
				index[code] = other + 1
				continue
			}
			for k, g := range groups {
				if slices.ContainsFunc(g.Titles, func(t string) bool { return marketing.NormalizeJobTitle(t) == title }) {
					index[code] = k
					break
				}
			}
		}
		d.of = func(i int) int { return index[col.codes[i]] }
		d.cond = func(k int) *Node {
			switch {
			case k == other:
				return nil
			case k == other+1:
				return &Node{Field: "jobTitle", Op: OpEmpty}
			}
			n := &Node{Field: "jobTitle", Op: OpInGroup, Values: []string{groups[k].Name}}
			if k == 0 {
				return n
			}
			var before []string
			for _, g := range groups[:k] {
				before = append(before, g.Name)
			}
			return &Node{All: []Node{*n, {Not: &Node{Field: "jobTitle", Op: OpInGroup, Values: before}}}}
		}
		return d, true
	case "origin":
		d := dimension{}
		for _, o := range Origins {
			d.values = append(d.values, Bucket{Value: o, Label: o})
		}
		d.of = func(i int) int { return int(c.origin[i]) }
		d.cond = func(k int) *Node { return &Node{Field: "origin", Op: OpIn, Values: []string{Origins[k]}} }
		return d, true
	case "ageBand":
		d := dimension{}
		for _, b := range AgeBands {
			d.values = append(d.values, Bucket{Value: b.Value, Label: b.Value})
		}
		d.values = append(d.values, Bucket{Value: "", Label: ""})
		d.of = func(i int) int {
			b := c.birth[i]
			if b == 0 {
				return len(AgeBands)
			}
			a := Age(b, today)
			for k, band := range AgeBands {
				if a >= band.Min && a <= band.Max {
					return k
				}
			}
			return len(AgeBands)
		}
		d.cond = func(k int) *Node {
			if k == len(AgeBands) {
				return &Node{Field: "age", Op: OpUnknown}
			}
			band := AgeBands[k]
			if band.Max >= 1000 {
				return &Node{Field: "age", Op: OpAtLeast, Values: []string{strconv.Itoa(band.Min)}}
			}
			return &Node{Field: "age", Op: OpBetween, Values: []string{strconv.Itoa(band.Min), strconv.Itoa(band.Max)}}
		}
		return d, true
	case "gender":
		d := dimension{}
		for _, g := range genders {
			v := g
			if v == "" {
				v = GenderUnknown
			}
			d.values = append(d.values, Bucket{Value: v, Label: v})
		}
		d.of = func(i int) int { return int(c.gender[i]) }
		d.cond = func(k int) *Node { return &Node{Field: "gender", Op: OpIn, Values: []string{d.values[k].Value}} }
		return d, true
	case "valueTier", "lifecycle":
		values := []string{TierA, TierB, TierC, TierNone}
		if name == "lifecycle" {
			values = Lifecycles
		}
		d := dimension{}
		for _, v := range values {
			d.values = append(d.values, Bucket{Value: v, Label: v})
		}
		lost := dateInt(DaysAgo(c.Bounds.Rules.LostDays, today))
		lapsing := dateInt(DaysAgo(c.Bounds.Rules.LapsingDays, today))
		d.of = func(i int) int {
			v := c.Bounds.Tier(c.orders[i], c.revenue[i])
			if name == "lifecycle" {
				v = c.Bounds.lifecycleAt(c.orders[i], c.lastOrder[i], lost, lapsing)
			}
			return slices.Index(values, v)
		}
		d.cond = func(k int) *Node { return &Node{Field: name, Op: OpIn, Values: []string{values[k]}} }
		return d, true
	case "rfmRecency", "rfmFrequency", "rfmMonetary":
		d := dimension{values: []Bucket{{Value: "0", Label: "0"}}}
		for s := 1; s <= 5; s++ {
			d.values = append(d.values, Bucket{Value: strconv.Itoa(s), Label: strconv.Itoa(s)})
		}
		d.of = func(i int) int {
			if c.orders[i] == 0 {
				return 0
			}
			switch name {
			case "rfmRecency":
				return Score(int64(c.lastOrder[i]), c.Bounds.Recency)
			case "rfmFrequency":
				return Score(int64(c.orders[i]), c.Bounds.Frequency)
			}
			return Score(c.revenue[i], c.Bounds.Monetary)
		}
		d.cond = func(k int) *Node {
			if k == 0 {
				return &Node{Field: "orderCount", Op: OpAtMost, Values: []string{"0"}}
			}
			return &Node{Field: name, Op: OpIn, Values: []string{strconv.Itoa(k)}}
		}
		return d, true
	}
	col := c.text[name]
	if col == nil {
		return dimension{}, false
	}
	// Text: the biggest values within the selection, then "other", then empty.
	counts := make([]int, len(col.dict))
	sel.Each(func(i int) bool { counts[col.codes[i]]++; return true })
	order := []int{}
	for code := 1; code < len(counts); code++ {
		if counts[code] > 0 {
			order = append(order, code)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Or(cmp.Compare(counts[b], counts[a]), cmp.Compare(col.dict[a], col.dict[b]))
	})
	if len(order) > maxDimValues {
		order = order[:maxDimValues]
	}
	index := make([]int, len(col.dict))
	d := dimension{}
	for k, code := range order {
		index[code] = k
		d.values = append(d.values, Bucket{Value: col.dict[code], Label: col.shown[code]})
	}
	others := 0
	for code := 1; code < len(counts); code++ {
		if counts[code] > 0 {
			others++
		}
	}
	others -= len(order)
	other := len(d.values)
	// As in breakdowns, the "other" bucket's label is how many values it holds.
	d.values = append(d.values, Bucket{Value: "*", Label: strconv.Itoa(others)}, Bucket{Value: "", Label: ""})
	for code := 1; code < len(index); code++ {
		if !slices.Contains(order, code) {
			index[code] = other
		}
	}
	index[0] = other + 1
	d.of = func(i int) int { return index[col.codes[i]] }
	d.cond = func(k int) *Node {
		switch {
		case k == other:
			return nil
		case k == other+1:
			return &Node{Field: name, Op: OpEmpty}
		}
		return &Node{Field: name, Op: OpIn, Values: []string{d.values[k].Value}}
	}
	return d, true
}

// Explore splits the selection sel by two dimensions. base is the
// segment's filter as the user wrote it (job-title groups by name): each
// cell's filter is base AND the two dimension conditions.
func (c *Columns) Explore(base Node, sel *Bitset, rowDim, colDim string, today time.Time, groups []TitleGroup) (CrossTab, bool) {
	rd, ok1 := c.dimension(rowDim, sel, today, groups)
	cd, ok2 := c.dimension(colDim, sel, today, groups)
	if !ok1 || !ok2 || rowDim == colDim {
		return CrossTab{}, false
	}
	type acc struct {
		n, buyers int
		revenue   int64
		orders    int64
	}
	grid := make([][]acc, len(rd.values))
	for r := range grid {
		grid[r] = make([]acc, len(cd.values))
	}
	var total acc
	sel.Each(func(i int) bool {
		a := &grid[rd.of(i)][cd.of(i)]
		for _, x := range []*acc{a, &total} {
			x.n++
			if c.orders[i] > 0 {
				x.buyers++
				x.revenue += c.revenue[i]
				x.orders += int64(c.orders[i])
			}
		}
		return true
	})
	cell := func(a acc) Cell {
		out := Cell{Count: a.n, Buyers: a.buyers}
		if a.buyers > 0 {
			out.Revenue = float64(a.revenue) / float64(a.buyers)
			out.Orders = float64(a.orders) / float64(a.buyers)
		}
		return out
	}
	t := CrossTab{RowDim: rowDim, ColDim: colDim, Total: cell(total)}
	keepRow := make([]bool, len(rd.values))
	keepCol := make([]bool, len(cd.values))
	for r := range grid {
		for k := range grid[r] {
			if grid[r][k].n > 0 {
				keepRow[r], keepCol[k] = true, true
			}
		}
	}
	var cols []int
	for k := range cd.values {
		if keepCol[k] {
			cols = append(cols, k)
			b := cd.values[k]
			for r := range grid {
				b.Count += grid[r][k].n
			}
			t.Cols = append(t.Cols, b)
		}
	}
	for r := range rd.values {
		if !keepRow[r] {
			continue
		}
		b := rd.values[r]
		var row []Cell
		for _, k := range cols {
			x := cell(grid[r][k])
			b.Count += x.Count
			t.Max = max(t.Max, x.Count)
			if rc, cc := rd.cond(r), cd.cond(k); rc != nil && cc != nil && x.Count > 0 {
				x.Filter = &Filter{Version: Version, Root: Node{All: []Node{base, *rc, *cc}}}
			}
			row = append(row, x)
		}
		t.Rows = append(t.Rows, b)
		t.Cells = append(t.Cells, row)
	}
	return t, true
}

// Overlap counts the contacts in each combination of up to four
// selections: Regions[m] is the number in exactly the sets whose bits are
// in m (m from 1 to 2^k-1).
func Overlap(sels []*Bitset) []int {
	k := len(sels)
	out := make([]int, 1<<k)
	words := 0
	for _, s := range sels {
		words = max(words, len(s.w))
	}
	for w := 0; w < words; w++ {
		var union uint64
		for _, s := range sels {
			if w < len(s.w) {
				union |= s.w[w]
			}
		}
		for union != 0 {
			bit := union & -union
			m := 0
			for j, s := range sels {
				if w < len(s.w) && s.w[w]&bit != 0 {
					m |= 1 << j
				}
			}
			out[m]++
			union &^= bit
		}
	}
	return out
}

// Split divides the selection into groups of the given percentages
// (summing to 100) at random, reproducibly: the same seed gives the same
// groups. With a stratum (ageBand, region, gender...) each group gets its
// share of every stratum, so a 10 % control group has 10 % of each region.
func (c *Columns) Split(sel *Bitset, percents []int, seed uint64, stratum string, today time.Time) ([][]int64, bool) {
	strat := func(int) int { return 0 }
	if stratum != "" {
		d, ok := c.dimension(stratum, sel, today, nil)
		if !ok {
			return nil, false
		}
		strat = d.of
	}
	type member struct {
		key uint64
		pos int
	}
	groups := map[int][]member{}
	var buf [16]byte
	sel.Each(func(i int) bool {
		binary.LittleEndian.PutUint64(buf[:8], seed)
		binary.LittleEndian.PutUint64(buf[8:], uint64(c.IDs[i]))
		h := fnv.New64a()
		h.Write(buf[:])
		s := strat(i)
		groups[s] = append(groups[s], member{h.Sum64(), i})
		return true
	})
	out := make([][]int64, len(percents))
	strata := make([]int, 0, len(groups))
	for s := range groups {
		strata = append(strata, s)
	}
	slices.Sort(strata)
	// The strata laid end to end, cut by cumulative shares of the running
	// total: every group gets its share of each stratum to within one
	// contact, and the group sizes add up exactly.
	seen := 0
	cut := func(n, acc int) int { return (n*acc + 50) / 100 }
	for _, s := range strata {
		m := groups[s]
		slices.SortFunc(m, func(a, b member) int { return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.pos, b.pos)) })
		start, acc := 0, 0
		for g, p := range percents {
			acc += p
			end := cut(seen+len(m), acc) - cut(seen, acc)
			if g == len(percents)-1 {
				end = len(m)
			}
			end = min(max(end, start), len(m))
			for _, x := range m[start:end] {
				out[g] = append(out[g], c.IDs[x.pos])
			}
			start = end
		}
		seen += len(m)
	}
	for g := range out {
		slices.Sort(out[g])
	}
	return out, true
}

package segment

import "time"

// Explanation is one node of a filter with whether a contact meets it: the
// answer to "why is Anna (not) in this segment?".
type Explanation struct {
	Group    string        `json:"group,omitempty"` // all, any, not; "" for a condition
	Field    string        `json:"field,omitempty"`
	Op       string        `json:"op,omitempty"`
	Values   []string      `json:"values,omitempty"`
	AsOf     string        `json:"asOf,omitempty"`
	Days     int           `json:"days,omitempty"`
	Met      bool          `json:"met"`
	Children []Explanation `json:"children,omitempty"`
}

// Explain evaluates f for one contact, node by node. ok is false when the
// contact is not in the workspace.
func (c *Columns) Explain(f *Filter, id int64, today time.Time, values OrderValues) (Explanation, bool) {
	i := c.Index(id)
	if i < 0 {
		return Explanation{}, false
	}
	return c.explain(&f.Root, i, today, values), true
}

func (c *Columns) explain(n *Node, i int, today time.Time, values OrderValues) Explanation {
	switch {
	case n.Not != nil:
		kid := c.explain(n.Not, i, today, values)
		return Explanation{Group: "not", Met: !kid.Met, Children: []Explanation{kid}}
	case n.All != nil || n.Any != nil || n.IsGroup():
		e := Explanation{Group: "all", Met: true}
		list := n.All
		if n.Any != nil {
			e.Group, list = "any", n.Any
		}
		anyMet := false
		for k := range list {
			kid := c.explain(&list[k], i, today, values)
			e.Children = append(e.Children, kid)
			if kid.Met {
				anyMet = true
			} else if e.Group == "all" {
				e.Met = false
			}
		}
		if e.Group == "any" && len(list) > 0 && !isEmptyAny(list) {
			e.Met = anyMet
		}
		return e
	}
	return Explanation{Field: n.Field, Op: n.Op, Values: n.Values, AsOf: n.AsOf, Days: n.Days, Met: c.Matches(n, i, today, values)}
}

// isEmptyAny: an "any" group holding an empty group holds for everyone, as
// in Eval.
func isEmptyAny(list []Node) bool {
	for k := range list {
		if isEmptyGroup(&list[k]) {
			return true
		}
	}
	return false
}

// WordsOf puts the conditions as the user wrote them (before validation
// folded the values and Expand replaced job-title groups) into e, which
// was made from the same tree.
func WordsOf(e *Explanation, n *Node) {
	switch {
	case e.Group == "not" && n.Not != nil && len(e.Children) == 1:
		WordsOf(&e.Children[0], n.Not)
	case e.Group != "":
		list := n.All
		if n.Any != nil {
			list = n.Any
		}
		for k := range e.Children {
			if k < len(list) {
				WordsOf(&e.Children[k], &list[k])
			}
		}
	case n.Field != "":
		e.Field, e.Op, e.Values, e.AsOf, e.Days = n.Field, n.Op, n.Values, n.AsOf, n.Days
	}
}

// Clone copies a filter deeply (validation changes values in place).
func Clone(f Filter) Filter {
	f.Root = mapNodes(f.Root, func(n Node) Node { return n })
	return f
}

// mapNodes copies the tree under n (values included), giving each copied
// node to fn on the way back up.
func mapNodes(n Node, fn func(Node) Node) Node {
	out := n
	out.Values = append([]string(nil), n.Values...)
	if n.Not != nil {
		x := mapNodes(*n.Not, fn)
		out.Not = &x
	}
	if n.All != nil {
		out.All = make([]Node, len(n.All))
		for i := range n.All {
			out.All[i] = mapNodes(n.All[i], fn)
		}
	}
	if n.Any != nil {
		out.Any = make([]Node, len(n.Any))
		for i := range n.Any {
			out.Any[i] = mapNodes(n.Any[i], fn)
		}
	}
	return fn(out)
}

package merge

import "slices"

// Known is what exists in the workspace besides the built-in fields.
type Known struct {
	Custom   []string // custom field names, as in Contact.Custom
	Segments []string // saved segment names
}

// Fields lists the distinct fields the template refers to, in text and in
// conditions, in first-use order: "first_name", "custom.Shoe size".
func (t *Template) Fields() []string {
	out := make([]string, len(t.refs))
	for i, f := range t.refs {
		out[i] = f.name
	}
	return out
}

// Segments lists the distinct segment names the conditions ask about.
func (t *Template) Segments() []string {
	out := make([]string, len(t.segs))
	for i, s := range t.segs {
		out[i] = s.name
	}
	return out
}

// Check reports the first field or segment (in the order they appear) that
// does not exist: a *marketing.Error with reason unknown_field or
// unknown_segment, the name and its line. Names are compared exactly, as
// Render looks them up.
func (t *Template) Check(k Known) error {
	for _, u := range t.uses {
		if u.seg {
			s := t.segs[u.i]
			if !slices.Contains(k.Segments, s.name) {
				return templateError(ReasonUnknownSegment, s.line, s.name,
					"The template asks whether the recipient is in the segment “"+s.name+"”, but there is no saved segment with that name"+lineSuffix(s.line)+". Check the name under Segments.")
			}
			continue
		}
		f := &t.refs[u.i]
		switch f.id {
		case fCustom:
			if slices.Contains(k.Custom, f.custom) {
				continue
			}
		case fUnknown:
		default:
			continue
		}
		msg := "The template uses a field that does not exist: " + f.display() + lineSuffix(f.line) + ". Pick it from “Insert field”."
		e := templateError(ReasonUnknownField, f.line, f.name, msg)
		if s := suggest(f, k.Custom); s != "" {
			e.Details["suggestion"] = s
			e.Message = "The template uses a field that does not exist: " + f.display() + lineSuffix(f.line) + ". Did you mean {{" + s + "}}? Pick fields from “Insert field”."
		}
		return e
	}
	return nil
}

// suggest finds the field a typo most likely meant ({{frist_name}} ->
// first_name), or "" when none is close.
func suggest(f *fieldRef, custom []string) string {
	best, bestD := "", 3 // at most two edits away
	try := func(name, token string) {
		if d := distance(f.name, name, bestD); d < bestD {
			best, bestD = token, d
		}
	}
	for id := fSalutation; id < fieldCount; id++ {
		try(builtins[id].name, builtins[id].name)
	}
	for _, c := range custom {
		try(CustomPrefix+c, customRef(c))
	}
	return best
}

// distance is the Damerau (optimal string alignment) edit distance of a
// and b over runes, or max when it is at least max.
func distance(a, b string, max int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d >= max || -d >= max {
		return max
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(rb)], max)
}

package merge

import (
	"strconv"
	"strings"
)

// cond is a parsed {{#if}} condition.
type cond struct {
	op   condOp
	cmp  tokKind // tLt, tLe, tGt, tGe for cCmp
	kids []*cond // cOr, cAnd, cNot
	ref  int     // field index for cPresent, cEq, cCmp
	lits []lit   // cEq: true when the value equals any of them
	num  float64 // cCmp against a number
	date string  // cCmp against a date (YYYY-MM-DD), compared as text
	segs []int   // cSeg: true when the recipient is in any of them
}

type condOp uint8

const (
	cOr condOp = iota
	cAnd
	cNot
	cPresent // the field is not empty
	cEq      // = and in; != and not in are cNot around it
	cCmp     // < <= > >=
	cSeg     // segment = "Name"
)

// lit is a value to compare with: text (compared case-insensitively) or,
// when written without quotes, a number (compared as numbers).
type lit struct {
	s   string
	n   float64
	num bool
}

func (p *parser) isWord(w string) bool { return p.tok.kind == tIdent && p.tok.text == w }

// parseOr reads: and-expression { "or" and-expression }.
func (p *parser) parseOr() (*cond, error) {
	c, err := p.parseAnd()
	if err != nil {
		return nil, err
	}
	for p.isWord("or") {
		p.advance()
		d, err := p.parseAnd()
		if err != nil {
			return nil, err
		}
		c = join(cOr, c, d)
	}
	return c, nil
}

func (p *parser) parseAnd() (*cond, error) {
	c, err := p.parseUnary()
	if err != nil {
		return nil, err
	}
	for p.isWord("and") {
		p.advance()
		d, err := p.parseUnary()
		if err != nil {
			return nil, err
		}
		c = join(cAnd, c, d)
	}
	return c, nil
}

// join keeps a or b or c flat, which makes evaluation a simple loop.
func join(op condOp, a, b *cond) *cond {
	if a.op == op {
		a.kids = append(a.kids, b)
		return a
	}
	return &cond{op: op, kids: []*cond{a, b}}
}

func not(c *cond) *cond { return &cond{op: cNot, kids: []*cond{c}} }

func (p *parser) parseUnary() (*cond, error) {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > maxCondDepth {
		return nil, p.syntax(p.tok.pos, "The condition has too many brackets or nots inside each other; simplify it.")
	}
	switch p.tok.kind {
	case tLParen:
		open := p.tok.pos
		p.advance()
		c, err := p.parseOr()
		if err != nil {
			return nil, err
		}
		if p.tok.kind != tRParen {
			if p.tok.kind == tBadString {
				return nil, p.badString()
			}
			return nil, p.syntax(open, "A “(” is not closed with “)”.")
		}
		p.advance()
		return c, nil
	case tIdent:
		switch p.tok.text {
		case "not":
			p.advance()
			c, err := p.parseUnary()
			if err != nil {
				return nil, err
			}
			return not(c), nil
		case "and", "or", "in":
			return nil, p.syntax(p.tok.pos, "A field is missing before “"+p.tok.text+"”.")
		case "segment":
			return p.parseSegment()
		}
		return p.parseTerm()
	case tCustom:
		return p.parseTerm()
	case tBadString:
		return nil, p.badString()
	}
	return nil, p.syntax(p.tok.pos, "A condition starts with a field, for example {{#if first_name}} or {{#if city = \"Odense\"}}.")
}

func (p *parser) parseTerm() (*cond, error) {
	ref, err := p.fieldToken()
	if err != nil {
		return nil, err
	}
	p.advance()
	switch k := p.tok.kind; k {
	case tEq, tNe:
		p.advance()
		l, err := p.literal()
		if err != nil {
			return nil, err
		}
		c := &cond{op: cEq, ref: ref, lits: []lit{l}}
		if k == tNe {
			c = not(c)
		}
		return c, nil
	case tLt, tLe, tGt, tGe:
		p.advance()
		c := &cond{op: cCmp, cmp: k, ref: ref}
		switch {
		case p.tok.kind == tNumber:
			c.num = p.tok.num
		case p.tok.kind == tString && isISODate(strings.TrimSpace(p.tok.text)):
			c.date = strings.TrimSpace(p.tok.text)
		case p.tok.kind == tString:
			n, ok := parseNumber(p.tok.text)
			if !ok {
				return nil, p.syntax(p.tok.pos, "Compare with a number, for example age >= 60, or a date, for example last_order_date < \"2026-01-01\".")
			}
			c.num = n
		case p.tok.kind == tBadString:
			return nil, p.badString()
		default:
			return nil, p.syntax(p.tok.pos, "Compare with a number, for example age >= 60.")
		}
		p.advance()
		return c, nil
	case tIdent:
		switch p.tok.text {
		case "in":
			lits, err := p.list()
			if err != nil {
				return nil, err
			}
			return &cond{op: cEq, ref: ref, lits: lits}, nil
		case "not":
			p.advance()
			if !p.isWord("in") {
				return nil, p.syntax(p.tok.pos, "Write not before a condition, for example not city = \"Odense\", or use not in (…).")
			}
			lits, err := p.list()
			if err != nil {
				return nil, err
			}
			return not(&cond{op: cEq, ref: ref, lits: lits}), nil
		}
	}
	return &cond{op: cPresent, ref: ref}, nil
}

// literal reads the value after = or !=.
func (p *parser) literal() (lit, error) {
	t := p.tok
	switch t.kind {
	case tString:
		p.advance()
		return lit{s: strings.TrimSpace(t.text)}, nil
	case tNumber:
		p.advance()
		return lit{s: t.text, n: t.num, num: true}, nil
	case tBadString:
		return lit{}, p.badString()
	}
	return lit{}, p.syntax(t.pos, "Put the value in quotes, for example city = \"Odense\".")
}

// list reads ("a", "b", ...) after the current "in".
func (p *parser) list() ([]lit, error) {
	p.advance()
	hint := "Write the values in brackets, for example city in (\"Odense\", \"Vejle\")."
	if p.tok.kind != tLParen {
		return nil, p.syntax(p.tok.pos, hint)
	}
	p.advance()
	var lits []lit
	for p.tok.kind != tRParen {
		l, err := p.literal()
		if err != nil {
			return nil, err
		}
		lits = append(lits, l)
		if p.tok.kind == tComma {
			p.advance()
		} else if p.tok.kind != tRParen {
			if p.tok.kind == tBadString {
				return nil, p.badString()
			}
			return nil, p.syntax(p.tok.pos, hint)
		}
	}
	if len(lits) == 0 {
		return nil, p.syntax(p.tok.pos, hint)
	}
	p.advance()
	return lits, nil
}

// parseSegment reads segment = "Name", != "Name", in (...) or not in (...).
func (p *parser) parseSegment() (*cond, error) {
	p.advance()
	hint := "Write segment = \"Name of the segment\"."
	names := func() ([]int, error) {
		var segs []int
		if p.tok.kind != tString {
			if p.tok.kind == tBadString {
				return nil, p.badString()
			}
			return nil, p.syntax(p.tok.pos, hint)
		}
		if isBlank(p.tok.text) {
			return nil, p.syntax(p.tok.pos, "Write the segment's name in the quotes, for example segment = \"Stamkunder\".")
		}
		segs = append(segs, p.segment(p.tok.text, p.tok.pos))
		p.advance()
		return segs, nil
	}
	negate := false
	var segs []int
	switch {
	case p.tok.kind == tEq || p.tok.kind == tNe:
		negate = p.tok.kind == tNe
		p.advance()
		s, err := names()
		if err != nil {
			return nil, err
		}
		segs = s
	case p.isWord("in") || p.isWord("not"):
		if p.isWord("not") {
			negate = true
			p.advance()
			if !p.isWord("in") {
				return nil, p.syntax(p.tok.pos, hint)
			}
		}
		p.advance()
		if p.tok.kind != tLParen {
			return nil, p.syntax(p.tok.pos, hint)
		}
		p.advance()
		for p.tok.kind != tRParen {
			s, err := names()
			if err != nil {
				return nil, err
			}
			segs = append(segs, s...)
			if p.tok.kind == tComma {
				p.advance()
			} else if p.tok.kind != tRParen {
				return nil, p.syntax(p.tok.pos, hint)
			}
		}
		if len(segs) == 0 {
			return nil, p.syntax(p.tok.pos, hint)
		}
		p.advance()
	default:
		return nil, p.syntax(p.tok.pos, hint)
	}
	c := &cond{op: cSeg, segs: segs}
	if negate {
		c = not(c)
	}
	return c, nil
}

func (c *cond) eval(r *renderer) bool {
	switch c.op {
	case cOr:
		for _, k := range c.kids {
			if k.eval(r) {
				return true
			}
		}
		return false
	case cAnd:
		for _, k := range c.kids {
			if !k.eval(r) {
				return false
			}
		}
		return true
	case cNot:
		return !c.kids[0].eval(r)
	case cPresent:
		return !isBlank(r.raw(c.ref))
	case cEq:
		v := strings.TrimSpace(r.raw(c.ref))
		for i := range c.lits {
			l := &c.lits[i]
			if l.num {
				if n, ok := parseNumber(v); ok && n == l.n {
					return true
				}
			} else if strings.EqualFold(v, l.s) {
				return true
			}
		}
		return false
	case cCmp:
		v := strings.TrimSpace(r.raw(c.ref))
		var d int
		if c.date != "" {
			if !isISODate(v) {
				return false
			}
			d = strings.Compare(v, c.date)
		} else {
			n, ok := parseNumber(v)
			if !ok {
				return false
			}
			switch {
			case n < c.num:
				d = -1
			case n > c.num:
				d = 1
			}
		}
		switch c.cmp {
		case tLt:
			return d < 0
		case tLe:
			return d <= 0
		case tGt:
			return d > 0
		}
		return d >= 0
	case cSeg:
		in := r.env.InSegment
		if in == nil {
			return false
		}
		for _, s := range c.segs {
			if in(r.t.segs[s].name) {
				return true
			}
		}
		return false
	}
	return false
}

// parseNumber reads a plain decimal number as people type it: optional
// sign, digits, and a decimal point or comma ("42", "-1.5", "37,5").
// Anything else (thousands separators, units, NaN) is not a number.
func parseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	digits, comma := 0, -1
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case (c == '.' || c == ',') && comma < 0 && digits > 0:
			comma = i
		default:
			return 0, false
		}
	}
	if digits == 0 || comma == len(s)-1 {
		return 0, false
	}
	if comma >= 0 && s[comma] == ',' {
		s = s[:comma] + "." + s[comma+1:]
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

// isISODate reports whether s looks like YYYY-MM-DD.
func isISODate(s string) bool {
	_, _, _, ok := parseISODate(s)
	return ok
}

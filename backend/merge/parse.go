package merge

import (
	"strings"

	"directdesk/backend/marketing"
)

// Template is a parsed template. It is never changed after Parse, so one
// Template may be rendered from many goroutines at once.
type Template struct {
	nodes []node
	refs  []fieldRef // distinct fields in first-use order
	segs  []segRef   // distinct segments in first-use order
	uses  []use      // fields and segments interleaved in first-use order, for Check
}

type segRef struct {
	name string
	line int
}

type use struct {
	seg bool
	i   int
}

type nodeKind uint8

const (
	nText  nodeKind = iota // text: copied as is
	nField                 // refs[ref]; text is the fallback when fallback is set
	nIf                    // ifn
)

type node struct {
	kind     nodeKind
	fallback bool
	ref      int
	text     string
	ifn      *ifNode
}

// ifNode holds the branches of one {{#if}}: bodies[i] is taken when
// conds[i] is the first true one; a last extra body is the {{#else}}.
type ifNode struct {
	conds  []*cond
	bodies [][]node
}

// Nesting limits keep a pathological template from using deep recursion.
const (
	maxBlockDepth = 50
	maxCondDepth  = 50
)

// Parse reads a template. It checks the syntax only; names that are no field
// are kept (and render as empty) until Check reports them, so call Check
// before the template is used for real.
func Parse(src string) (*Template, error) {
	p := &parser{src: src, lline: 1, t: &Template{}, refIdx: map[string]int{}, segIdx: map[string]int{}}
	if err := p.parse(); err != nil {
		return nil, err
	}
	return p.t, nil
}

type parser struct {
	src    string
	t      *Template
	refIdx map[string]int
	segIdx map[string]int

	lpos, lline int // lineAt's cursor: line number at byte lpos

	lx       lexer
	tok      token // current token inside a tag
	tagStart int
	depth    int // condition nesting
}

// frame is one open block; the root frame has ifn == nil.
type frame struct {
	ifn     *ifNode
	line    int
	hasElse bool
	body    []node
	text    []byte // literal text not yet in body; joined so {{"a"}}{{"b"}} stays one node
}

func (f *frame) addText(s string) { f.text = append(f.text, s...) }

// flush ends the current run of text: before a node, and when the body is done.
func (f *frame) flush() []node {
	if len(f.text) > 0 {
		f.body = append(f.body, node{kind: nText, text: string(f.text)})
		f.text = f.text[:0]
	}
	return f.body
}

type tagKind uint8

const (
	tagText tagKind = iota
	tagField
	tagIf
	tagElif
	tagElse
	tagEnd
)

type tag struct {
	kind tagKind
	node node  // tagText, tagField
	cond *cond // tagIf, tagElif
	end  int   // byte after }}
}

func (p *parser) lineAt(pos int) int {
	if pos < p.lpos {
		p.lpos, p.lline = 0, 1
	}
	p.lline += strings.Count(p.src[p.lpos:pos], "\n")
	p.lpos = pos
	return p.lline
}

func (p *parser) parse() error {
	stack := []frame{{}}
	textStart, prevTagEnd := 0, 0
	for {
		i := strings.Index(p.src[textStart:], "{{")
		if i < 0 {
			stack[len(stack)-1].addText(p.src[textStart:])
			break
		}
		tagStart := textStart + i
		line := p.lineAt(tagStart) // before the tag's own fields, so the cursor only moves forward
		tg, err := p.parseTag(tagStart)
		if err != nil {
			return err
		}
		textEnd, next := tagStart, tg.end
		if tg.kind >= tagIf {
			// A block tag alone on its line takes the line with it, so
			// that plain-text letters and SMS get no blank lines from it.
			if ls, le, ok := standalone(p.src, prevTagEnd, tagStart, tg.end); ok {
				textEnd, next = ls, le
			}
		}
		top := &stack[len(stack)-1]
		top.addText(p.src[textStart:textEnd])
		prevTagEnd, textStart = tg.end, next
		if tg.kind != tagText {
			top.flush()
		}
		switch tg.kind {
		case tagText:
			top.addText(tg.node.text)
		case tagField:
			top.body = append(top.body, tg.node)
		case tagIf:
			if len(stack) > maxBlockDepth {
				return templateError(ReasonSyntax, line, "", "The template has too many {{#if}} blocks inside each other"+lineSuffix(line)+". Simplify it.")
			}
			stack = append(stack, frame{ifn: &ifNode{conds: []*cond{tg.cond}}, line: line})
		case tagElif, tagElse:
			name := "#elif"
			if tg.kind == tagElse {
				name = "#else"
			}
			if top.ifn == nil {
				return unexpected(line, name, "There is a {{"+name+"}} without an {{#if}} before it"+lineSuffix(line)+". Remove it, or add the missing {{#if}}.")
			}
			if top.hasElse {
				return unexpected(line, name, "There is a {{"+name+"}} after the {{#else}} of the same {{#if}}"+lineSuffix(line)+". {{#else}} must come last.")
			}
			top.ifn.bodies = append(top.ifn.bodies, top.body)
			top.body = nil
			if tg.kind == tagElse {
				top.hasElse = true
			} else {
				top.ifn.conds = append(top.ifn.conds, tg.cond)
			}
		case tagEnd:
			if top.ifn == nil {
				return unexpected(line, "/if", "There is a {{/if}} without an {{#if}} before it"+lineSuffix(line)+". Remove it, or add the missing {{#if}}.")
			}
			top.ifn.bodies = append(top.ifn.bodies, top.body)
			n := node{kind: nIf, ifn: top.ifn}
			stack = stack[:len(stack)-1]
			parent := &stack[len(stack)-1]
			parent.body = append(parent.body, n)
		}
	}
	if len(stack) > 1 {
		top := stack[len(stack)-1]
		return templateError(ReasonUnclosedBlock, top.line, "",
			"The {{#if}} on line "+itoa(top.line)+" is never closed. Add {{/if}} where its text should end.")
	}
	p.t.nodes = stack[0].flush()
	return nil
}

func unexpected(line int, tagName, msg string) error {
	e := templateError(ReasonUnexpectedEnd, line, "", msg)
	e.Details["tag"] = tagName
	return e
}

// standalone reports whether the tag src[start:end] is the only thing on its
// line apart from spaces and tabs, as in Mustache. If so the text before the
// tag ends at ls (the line's start) and the text after it starts at le (after
// the line break).
func standalone(src string, prevTagEnd, start, end int) (ls, le int, ok bool) {
	// Look back no further than the previous tag: a minified HTML email
	// is one long line with many tags.
	i := strings.LastIndexByte(src[prevTagEnd:start], '\n')
	if i < 0 && prevTagEnd > 0 {
		return 0, 0, false // another tag is on this line
	}
	ls = prevTagEnd + i + 1
	if !blank(src[ls:start]) {
		return 0, 0, false
	}
	le = end
	for le < len(src) && (src[le] == ' ' || src[le] == '\t') {
		le++
	}
	switch {
	case le == len(src):
	case src[le] == '\n':
		le++
	case strings.HasPrefix(src[le:], "\r\n"):
		le += 2
	default:
		return 0, 0, false
	}
	return ls, le, true
}

func blank(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != ' ' && s[i] != '\t' {
			return false
		}
	}
	return true
}

// advance moves to the next token of the current tag.
func (p *parser) advance() { p.tok = p.lx.next() }

// parseTag reads the tag that starts at src[start:] ("{{").
func (p *parser) parseTag(start int) (tag, error) {
	p.tagStart = start
	p.lx = lexer{src: p.src, pos: start + 2}
	p.depth = 0
	p.advance()
	var tg tag
	switch p.tok.kind {
	case tClose:
		line := p.lineAt(start)
		return tg, templateError(ReasonSyntax, line, "", "There are empty braces {{}} on line "+itoa(line)+". Put a field between them, or remove them.")
	case tString:
		tg = tag{kind: tagText, node: node{kind: nText, text: p.tok.text}}
		p.advance()
	case tIdent, tCustom:
		if p.tok.kind == tIdent {
			switch p.tok.text {
			case "if", "elif", "else", "endif", "end":
				return tg, p.syntax(p.tok.pos, "Block tags start with # and end with /: {{#if …}}, {{#elif …}}, {{#else}}, {{/if}}.")
			}
		}
		ref, err := p.fieldToken()
		if err != nil {
			return tg, err
		}
		p.advance()
		tg = tag{kind: tagField, node: node{kind: nField, ref: ref}}
		if p.tok.kind == tPipe {
			p.advance()
			if p.tok.kind != tString {
				if p.tok.kind == tBadString {
					return tg, p.badString()
				}
				return tg, p.syntax(p.tok.pos, "Put the text to use instead in quotes, for example {{first_name | \"kunde\"}}.")
			}
			tg.node.fallback, tg.node.text = true, p.tok.text
			p.advance()
		}
	case tHash:
		p.advance()
		word := ""
		if p.tok.kind == tIdent {
			word = p.tok.text
		}
		switch word {
		case "if", "elif":
			tg.kind = tagIf
			if word == "elif" {
				tg.kind = tagElif
			}
			p.advance()
			if p.tok.kind == tClose {
				return tg, p.syntax(p.tok.pos, "{{#"+word+"}} needs a condition, for example {{#"+word+" first_name}}.")
			}
			c, err := p.parseOr()
			if err != nil {
				return tg, err
			}
			tg.cond = c
		case "else":
			tg.kind = tagElse
			p.advance()
		default:
			return tg, p.syntax(p.tok.pos, "A template can use {{#if …}}, {{#elif …}}, {{#else}} and {{/if}}; nothing else starts with #.")
		}
	case tSlash:
		p.advance()
		if p.tok.kind != tIdent || p.tok.text != "if" {
			return tg, p.syntax(p.tok.pos, "Close a block with {{/if}}.")
		}
		tg.kind = tagEnd
		p.advance()
	case tBadString:
		return tg, p.badString()
	case tEOF:
		return tg, p.unclosedTag()
	default:
		return tg, p.syntax(p.tok.pos, "Pick fields from “Insert field”, or write {{\"{{\"}} to print two braces.")
	}
	switch p.tok.kind {
	case tClose:
		tg.end = p.tok.pos + 2
		return tg, nil
	case tBadString:
		return tg, p.badString()
	case tEOF:
		return tg, p.unclosedTag()
	}
	switch tg.kind {
	case tagElse, tagEnd:
		return tg, p.syntax(p.tok.pos, "{{#else}} and {{/if}} take nothing after them.")
	case tagIf, tagElif:
		return tg, p.syntax(p.tok.pos, "Join two conditions with “and” or “or”, for example {{#if city = \"Odense\" and age > 60}}.")
	case tagField:
		if p.tok.kind == tIdent || p.tok.kind == tNumber {
			return tg, p.syntax(p.tok.pos, "Field names have no spaces; pick the field from “Insert field”.")
		}
	}
	return tg, p.syntax(p.tok.pos, "Only a field and, after |, a text in quotes go between {{ and }}.")
}

// fieldToken turns the current tIdent or tCustom token into a field
// reference and records its first use.
func (p *parser) fieldToken() (int, error) {
	name := p.tok.text
	if p.tok.kind == tCustom {
		if name == "" {
			return 0, p.syntax(p.tok.pos, "Write the custom field's name in the quotes, for example {{custom.\"Shoe size\"}}.")
		}
		name = CustomPrefix + name
	} else if name == CustomPrefix {
		return 0, p.syntax(p.tok.pos, "Write the custom field's name after custom., for example {{custom.\"Shoe size\"}}.")
	}
	if i, ok := p.refIdx[name]; ok {
		return i, nil
	}
	f := resolveField(name)
	f.line = p.lineAt(p.tok.pos)
	i := len(p.t.refs)
	p.t.refs = append(p.t.refs, f)
	p.t.uses = append(p.t.uses, use{i: i})
	p.refIdx[name] = i
	return i, nil
}

func (p *parser) segment(name string, pos int) int {
	if i, ok := p.segIdx[name]; ok {
		return i
	}
	i := len(p.t.segs)
	p.t.segs = append(p.t.segs, segRef{name: name, line: p.lineAt(pos)})
	p.t.uses = append(p.t.uses, use{seg: true, i: i})
	p.segIdx[name] = i
	return i
}

// snippet is the tag being read, as the user wrote it, for messages.
func (p *parser) snippet() string {
	s := p.src[p.tagStart:]
	if i := strings.Index(s[2:], "}}"); i >= 0 {
		s = s[:i+4]
	} else if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return shorten(strings.TrimSpace(s), 60)
}

func (p *parser) syntax(pos int, hint string) *marketing.Error {
	if !strings.Contains(p.src[p.tagStart+2:], "}}") {
		return p.unclosedTag()
	}
	line := p.lineAt(pos)
	e := templateError(ReasonSyntax, line, "", "DirectDesk cannot read “"+p.snippet()+"”"+lineSuffix(line)+". "+hint)
	e.Details["tag"] = p.snippet()
	return e
}

func (p *parser) unclosedTag() *marketing.Error {
	line := p.lineAt(p.tagStart)
	e := templateError(ReasonSyntax, line, "", "The {{ on line "+itoa(line)+" is never closed with }}. Close it, or write {{\"{{\"}} to print two braces.")
	e.Details["tag"] = p.snippet()
	return e
}

func (p *parser) badString() *marketing.Error {
	line := p.lineAt(p.tok.pos)
	e := templateError(ReasonSyntax, line, "", "A text in quotes on line "+itoa(line)+" has no closing quote. Add \" at its end.")
	e.Details["tag"] = p.snippet()
	return e
}

package document

import (
	"html"
	"strconv"
	"strings"

	xhtml "golang.org/x/net/html"
)

// Letters are written in a small HTML subset that the editor produces and
// email can use as is: p, h1, h2, b/strong, i/em, ul/ol/li, br and img
// (src "media:img/<hash>"). Anything else is reduced to its text.

type blockKind uint8

const (
	para blockKind = iota
	heading1
	heading2
	bullet
	numbered
	picture
)

type run struct {
	text string
	st   style
}

type block struct {
	kind  blockKind
	runs  []run
	num   int     // numbered list position
	src   string  // picture: media name
	width float64 // picture: wanted width in mm (0 = natural, capped to the frame)
	align string  // "", "center", "right"
}

// parseRich turns (merged) HTML into blocks. It never fails: unknown tags
// keep their text, broken markup is read the way browsers read it.
func parseRich(src string) []block {
	z := xhtml.NewTokenizer(strings.NewReader(src))
	var (
		out        []block
		cur        *block
		boldDepth  int
		italDepth  int
		listStack  []blockKind
		listCounts []int
	)
	flush := func() {
		if cur != nil && (len(cur.runs) > 0 || cur.kind == picture) {
			out = append(out, *cur)
		}
		cur = nil
	}
	open := func(k blockKind) {
		flush()
		cur = &block{kind: k}
	}
	st := func() style {
		s := regular
		if boldDepth > 0 {
			s |= bold
		}
		if italDepth > 0 {
			s |= italic
		}
		return s
	}
	for {
		tt := z.Next()
		switch tt {
		case xhtml.ErrorToken:
			flush()
			return out
		case xhtml.TextToken:
			t := string(z.Text())
			if strings.TrimSpace(t) == "" && (cur == nil || len(cur.runs) == 0) {
				continue
			}
			if cur == nil {
				open(para)
			}
			cur.runs = append(cur.runs, run{text: t, st: st()})
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken, xhtml.EndTagToken:
			name, hasAttr := z.TagName()
			tag := string(name)
			end := tt == xhtml.EndTagToken
			var attrs map[string]string
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				if attrs == nil {
					attrs = map[string]string{}
				}
				attrs[string(k)] = string(v)
			}
			switch tag {
			case "b", "strong":
				boldDepth = depth(boldDepth, end)
			case "i", "em":
				italDepth = depth(italDepth, end)
			case "p", "div":
				if end {
					flush()
				} else {
					open(para)
					cur.align = alignOf(attrs)
				}
			case "h1", "h2", "h3":
				if end {
					flush()
				} else if tag == "h1" {
					open(heading1)
				} else {
					open(heading2)
				}
			case "ul", "ol":
				flush()
				if end {
					if len(listStack) > 0 {
						listStack, listCounts = listStack[:len(listStack)-1], listCounts[:len(listCounts)-1]
					}
				} else if tag == "ul" {
					listStack, listCounts = append(listStack, bullet), append(listCounts, 0)
				} else {
					listStack, listCounts = append(listStack, numbered), append(listCounts, 0)
				}
			case "li":
				if end {
					flush()
					continue
				}
				k := bullet
				if len(listStack) > 0 {
					k = listStack[len(listStack)-1]
					listCounts[len(listCounts)-1]++
				}
				open(k)
				if len(listCounts) > 0 {
					cur.num = listCounts[len(listCounts)-1]
				}
			case "br":
				if cur == nil {
					open(para)
				}
				cur.runs = append(cur.runs, run{text: "\n", st: st()})
			case "img":
				if end {
					continue
				}
				keep := cur
				flush()
				b := block{kind: picture, src: strings.TrimPrefix(attrs["src"], "media:"), align: alignOf(attrs)}
				if w, err := strconv.ParseFloat(strings.TrimSuffix(attrs["data-width"], "mm"), 64); err == nil && w > 0 {
					b.width = w
				}
				if isMediaRef(attrs["src"]) {
					out = append(out, b)
				}
				if keep != nil && len(keep.runs) > 0 {
					cur = &block{kind: keep.kind, align: keep.align}
				}
			}
		}
	}
}

func depth(d int, end bool) int {
	if end {
		return max(0, d-1)
	}
	return d + 1
}

func alignOf(attrs map[string]string) string {
	a := attrs["data-align"]
	if strings.Contains(attrs["style"], "text-align: center") || strings.Contains(attrs["style"], "text-align:center") {
		a = "center"
	}
	if strings.Contains(attrs["style"], "text-align: right") || strings.Contains(attrs["style"], "text-align:right") {
		a = "right"
	}
	if a == "center" || a == "right" {
		return a
	}
	return ""
}

var allowedTags = map[string]bool{"p": true, "h1": true, "h2": true, "b": true, "strong": true, "i": true, "em": true, "ul": true, "ol": true, "li": true, "br": true, "img": true}

// Sanitize keeps only the subset DirectDesk lays out: what the editor (or a
// paste from Word) sends is reduced to safe, printable markup. Template tags
// split by formatting ("{{<b>first</b>_name}}") are joined again, and the
// quotes and comparison signs inside them are turned back into text.
func Sanitize(src string) string {
	z := xhtml.NewTokenizer(strings.NewReader(src))
	var b strings.Builder
	skip := 0 // inside script/style
	for {
		tt := z.Next()
		switch tt {
		case xhtml.ErrorToken:
			return joinTemplateTags(b.String())
		case xhtml.TextToken:
			if skip == 0 {
				b.WriteString(html.EscapeString(string(z.Text())))
			}
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken, xhtml.EndTagToken:
			name, hasAttr := z.TagName()
			tag := string(name)
			if tag == "script" || tag == "style" || tag == "head" || tag == "title" {
				if tt == xhtml.StartTagToken {
					skip++
				} else if tt == xhtml.EndTagToken {
					skip = max(0, skip-1)
				}
				continue
			}
			if tag == "div" {
				tag = "p"
			}
			if tag == "h3" || tag == "h4" {
				tag = "h2"
			}
			if !allowedTags[tag] || skip > 0 {
				continue
			}
			if tt == xhtml.EndTagToken {
				if tag != "br" && tag != "img" {
					b.WriteString("</" + tag + ">")
				}
				continue
			}
			var keep []string
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				key, val := string(k), string(v)
				switch {
				case tag == "img" && key == "src" && isMediaRef(val):
				case tag == "img" && key == "data-width":
				case key == "data-align" && (val == "center" || val == "right"):
				case key == "style" && tag == "p" && (strings.Contains(val, "text-align: center") || strings.Contains(val, "text-align: right")):
					if strings.Contains(val, "center") {
						val = "text-align: center"
					} else {
						val = "text-align: right"
					}
				default:
					continue
				}
				keep = append(keep, key+`="`+html.EscapeString(val)+`"`)
			}
			if tag == "img" && len(keep) == 0 {
				continue
			}
			b.WriteString("<" + tag)
			for _, a := range keep {
				b.WriteString(" " + a)
			}
			b.WriteString(">")
		}
	}
}

// isMediaRef accepts only pictures stored in the workspace
// ("media:img/<24 hex>") or the logo.
func isMediaRef(src string) bool {
	if src == "media:logo" {
		return true
	}
	h, ok := strings.CutPrefix(src, "media:img/")
	if !ok || len(h) != 24 {
		return false
	}
	return strings.Trim(h, "0123456789abcdef") == ""
}

// joinTemplateTags removes markup inside {{ }} and unescapes the entities
// the editor writes there, so the template parser sees what the user typed
// (age > 60, "quotes"). Inside quoted text (fallbacks and literals, which
// the engine copies as template text) <, > and & stay escaped: typed text
// must never become markup.
func joinTemplateTags(s string) string {
	if !strings.Contains(s, "{{") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "{{")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := strings.Index(s[i:], "}}")
		if j < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		inner := s[i : i+j+2]
		var t strings.Builder
		inTag := false
		for _, r := range inner {
			switch {
			case r == '<':
				inTag = true
			case r == '>' && inTag:
				inTag = false
			case !inTag:
				t.WriteRune(r)
			}
		}
		b.WriteString(escapeQuoted(strings.ReplaceAll(html.UnescapeString(t.String()), "\u00a0", " ")))
		s = s[i+j+2:]
	}
}

// PlainText is the text of a body without markup (SMS, previews, search).
func PlainText(src string) string {
	var b strings.Builder
	for i, bl := range parseRich(src) {
		if i > 0 {
			b.WriteString("\n")
		}
		for _, r := range bl.runs {
			b.WriteString(r.text)
		}
	}
	return b.String()
}

// escapeQuoted HTML-escapes <, > and & inside the quoted strings of a
// template tag ("…" with \" escapes, and the typographic “…”, „…“, «…»
// the engine also reads), leaving the rest (comparisons) as it is.
func escapeQuoted(tag string) string {
	if !strings.ContainsAny(tag, "<>&") {
		return tag
	}
	var b strings.Builder
	var closer rune // the quote that ends the string we are in; 0 outside
	esc := false
	for _, r := range tag {
		switch {
		case closer != 0 && esc:
			esc = false
		case closer == '"' && r == '\\':
			esc = true
		case closer != 0 && r == closer:
			closer = 0
		case closer == 0 && r == '"':
			closer = '"'
		case closer == 0 && r == '“':
			closer = '”'
		case closer == 0 && r == '„':
			closer = '“'
		case closer == 0 && r == '«':
			closer = '»'
		case closer != 0 && r == '<':
			b.WriteString("&lt;")
			continue
		case closer != 0 && r == '>':
			b.WriteString("&gt;")
			continue
		case closer != 0 && r == '&':
			b.WriteString("&amp;")
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

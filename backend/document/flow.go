package document

import (
	"strconv"
	"strings"
	"unicode"
)

// Text flow: blocks are broken into lines that fit a frame's width, and the
// lines are placed frame after frame (page after page).

type textStyle struct {
	size    float64 // points
	leading float64 // line height as a multiple of size
}

var (
	bodyText = textStyle{10.5, 1.4}
	h1Text   = textStyle{16, 1.25}
	h2Text   = textStyle{12.5, 1.3}
)

type piece struct {
	text string
	st   style
	x    float64 // offset from the line start
}

type line struct {
	pieces []piece
	size   float64
	height float64 // mm, including leading
	before float64 // space above (paragraph spacing)
	indent float64
	marker string // list bullet or number, drawn in the indent
	width  float64
	align  string
	image  *block  // picture line
	imgH   float64 // mm
	last   bool    // last line of its paragraph (not justified, not widowed)
}

func styleFor(k blockKind) (textStyle, style) {
	switch k {
	case heading1:
		return h1Text, bold
	case heading2:
		return h2Text, bold
	}
	return bodyText, regular
}

// word is a unit that is never broken unless it alone is wider than the frame.
type word struct {
	text  string
	st    style
	w     float64
	space float64 // width of the space after it (0 at a hard break or run end without space)
	brk   bool    // a hard line break follows
}

// layoutBlocks breaks blocks into lines of at most width mm. scale shrinks
// the text (1 = normal) so callers can fit a fixed box.
func layoutBlocks(blocks []block, width, scale float64, imageAspect func(string) float64) []line {
	var lines []line
	for bi, b := range blocks {
		ts, base := styleFor(b.kind)
		size := ts.size * scale
		lh := size * ts.leading * ptToMM
		before := 0.0
		if bi > 0 {
			before = size * 0.55 * ptToMM
			if b.kind == heading1 || b.kind == heading2 {
				before = size * 0.8 * ptToMM
			}
			if (b.kind == bullet || b.kind == numbered) && (blocks[bi-1].kind == bullet || blocks[bi-1].kind == numbered) {
				before = size * 0.15 * ptToMM
			}
		}
		if b.kind == picture {
			aspect := 0.0
			if imageAspect != nil {
				aspect = imageAspect(b.src)
			}
			if aspect <= 0 {
				continue
			}
			w := b.width
			if w <= 0 || w > width {
				w = min(width, 60)
			}
			h := w * aspect
			if h > 80 {
				h, w = 80, 80/aspect
			}
			bb := b
			bb.width = w
			lines = append(lines, line{image: &bb, imgH: h, height: h, before: before, width: w, align: b.align, last: true})
			continue
		}
		indent, marker := 0.0, ""
		if b.kind == bullet {
			indent, marker = 6*scale, "•"
		} else if b.kind == numbered {
			indent, marker = 7*scale, strconv.Itoa(b.num)+"."
		}
		words := splitWords(b.runs, base, size)
		first := len(lines)
		for _, ln := range breakLines(words, width-indent, size) {
			ln.size, ln.height, ln.indent, ln.align = size, lh, indent, b.align
			lines = append(lines, ln)
		}
		if len(lines) > first {
			lines[first].before = before
			lines[first].marker = marker
			lines[len(lines)-1].last = true
		}
	}
	return lines
}

// splitWords cuts runs at spaces, measuring each word once.
func splitWords(runs []run, base style, size float64) []word {
	var words []word
	for _, r := range runs {
		st := r.st | base
		if r.text == "\n" {
			if len(words) > 0 {
				words[len(words)-1].brk = true
				words[len(words)-1].space = 0
			} else {
				words = append(words, word{brk: true, st: st})
			}
			continue
		}
		text := r.text
		for len(text) > 0 {
			i := strings.IndexFunc(text, isBreakSpace)
			if i == 0 {
				// Space at a run boundary belongs to the previous word.
				if len(words) > 0 && words[len(words)-1].space == 0 && !words[len(words)-1].brk {
					words[len(words)-1].space = textWidth(" ", st, size)
				}
				text = strings.TrimLeftFunc(text, isBreakSpace)
				continue
			}
			w := word{st: st}
			if i < 0 {
				w.text, text = text, ""
			} else {
				w.text, text = text[:i], strings.TrimLeftFunc(text[i:], isBreakSpace)
				w.space = textWidth(" ", st, size)
			}
			w.w = textWidth(w.text, st, size)
			words = append(words, w)
		}
	}
	return words
}

// isBreakSpace is a space a line may break at (not the no-break space that
// keeps "1 234,50 kr" together).
func isBreakSpace(r rune) bool { return r != '\u00a0' && unicode.IsSpace(r) }

func breakLines(words []word, width, size float64) []line {
	var (
		lines []line
		cur   line
		x     float64
	)
	push := func() {
		cur.width = x
		lines = append(lines, cur)
		cur, x = line{}, 0
	}
	joinable := false // the previous word on this line ended in one plain space
	for _, w := range words {
		if w.text != "" {
			if x > 0 && x+w.w > width+0.01 {
				// trailing space of the previous word does not count
				push()
				joinable = false
			}
			if w.w > width {
				// A word longer than the line (a long URL, a company name
				// without spaces) is cut by characters.
				for _, part := range cutWord(w.text, w.st, size, width-x) {
					if x > 0 && x+part.w > width+0.01 {
						push()
					}
					cur.pieces = append(cur.pieces, piece{text: part.text, st: w.st, x: x})
					x += part.w
				}
			} else if n := len(cur.pieces); n > 0 && cur.pieces[n-1].st == w.st && joinable {
				// Same style after a plain space: one text run per line and
				// style keeps the PDF small (one operator instead of one a word).
				cur.pieces[n-1].text += " " + w.text
				x += w.w
			} else {
				cur.pieces = append(cur.pieces, piece{text: w.text, st: w.st, x: x})
				x += w.w
			}
			joinable = false
			if !w.brk && w.space > 0 && w.w <= width {
				// Space is added lazily: a line never ends in measured space.
				x += w.space
				joinable = x <= width
				if x > width {
					x = width
				}
			}
		}
		if w.brk {
			push()
			joinable = false
		}
	}
	if len(cur.pieces) > 0 || len(lines) == 0 {
		push()
	}
	// Trim the trailing space from widths.
	for i := range lines {
		if n := len(lines[i].pieces); n > 0 {
			p := lines[i].pieces[n-1]
			lines[i].width = p.x + textWidth(p.text, p.st, size)
		}
	}
	return lines
}

type part struct {
	text string
	w    float64
}

func cutWord(s string, st style, size, first float64) []part {
	var parts []part
	limit := first
	if limit < 5 {
		limit = 1e9 // the first piece goes on a new line anyway
	}
	var b strings.Builder
	w := 0.0
	for _, r := range s {
		rw := textWidth(string(r), st, size)
		if w+rw > limit && b.Len() > 0 {
			parts = append(parts, part{b.String(), w})
			b.Reset()
			w = 0
			limit = first
		}
		b.WriteRune(r)
		w += rw
	}
	if b.Len() > 0 {
		parts = append(parts, part{b.String(), w})
	}
	return parts
}

// frame is a rectangle on a page that lines flow into.
type frame struct{ x, y, w, h float64 }

// placed is a line at its position.
type placed struct {
	line
	page int // 0-based, relative to the flow's first page
	y    float64
}

// paginate places lines into frames: first for the first page, next for
// every following page. A heading is kept with the line after it.
func paginate(lines []line, first, next frame) (out []placed, pages int) {
	page, f := 0, first
	y := f.y
	for i, ln := range lines {
		gap := ln.before
		if y == f.y {
			gap = 0
		}
		need := gap + ln.height
		// Keep a heading with its next line; avoid a lone last line at the top.
		if i+1 < len(lines) && ln.last && ln.marker == "" && ln.size > bodyText.size && lines[i+1].image == nil {
			need += lines[i+1].height
		}
		if y+need > f.y+f.h && y > f.y {
			page++
			f = next
			y = f.y
			gap = 0
		}
		y += gap
		out = append(out, placed{line: ln, page: page, y: y})
		y += ln.height
	}
	return out, page + 1
}

// drawLine draws one placed line in a frame of width w at x.
func (d *doc) drawLine(p placed, x, w float64) {
	if p.image != nil {
		ix := x
		switch p.align {
		case "center":
			ix = x + (w-p.width)/2
		case "right":
			ix = x + w - p.width
		}
		d.image(p.image.src, ix, p.y, p.width, p.imgH, "left")
		return
	}
	// Baseline: the font's ascent below the line top.
	base := p.y + p.size*ptToMM*0.95
	start := x + p.indent
	switch p.align {
	case "center":
		start = x + (w-p.width)/2
	case "right":
		start = x + w - p.width
	}
	if p.marker != "" {
		d.font(regular, p.size)
		d.text(x+p.indent-textWidth(p.marker+" ", regular, p.size), base, p.marker)
	}
	for _, pc := range p.pieces {
		d.font(pc.st, p.size)
		d.text(start+pc.x, base, pc.text)
	}
}

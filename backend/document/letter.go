package document

import (
	"strings"

	"directdesk/backend/marketing"
)

// Sender is the business a document comes from.
type Sender struct {
	Business marketing.BusinessProfile
	Logo     string // media name of the logo, "" for none
	Lang     string // language of the printed words when the recipient has none
}

func (s *Sender) addressLine() string {
	b := s.Business
	parts := []string{}
	for _, p := range []string{b.Name, b.Street, strings.TrimSpace(b.Postcode + " " + b.City)} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " · ")
}

func (s *Sender) footerLine() string {
	b := s.Business
	parts := []string{}
	for _, p := range []string{b.Name, b.Street, strings.TrimSpace(b.Postcode + " " + b.City), b.Phone, b.Email, b.Website, b.RegNo} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " · ")
}

// letterGeometry is where things go on a letter's first page (millimetres).
type letterGeometry struct {
	paper               paper
	marginL, marginR    float64
	window              frame // the envelope's address window
	bodyTop, bodyBottom float64
	nextTop             float64
	folds               []float64
}

// geometryFor follows DIN 5008 form B, which the Nordic window envelopes
// (DL, C6/5 and C5, window 20 mm from the side, 45 mm from the top) share:
// the address field is 85 × 45 mm and its text starts 25 mm from the edge,
// in line with the body. A DL or C6/5 envelope takes the letter folded in
// three (marks at 105 and 210 mm), a C5 folded once (148.5 mm).
func geometryFor(l marketing.LetterLayout) letterGeometry {
	g := letterGeometry{paper: paperA4, marginL: 25, marginR: 20, bodyTop: 108, bodyBottom: 270, nextTop: 25}
	g.window = frame{x: 20, y: 45, w: 85, h: 45}
	if l.Paper == "Letter" {
		// US #10 window envelope: window 7/8" from the left, about 2" down the folded letter.
		g.paper = paperLetter
		g.marginL, g.marginR = 22, 20
		g.window = frame{x: 19, y: 47, w: 85, h: 42}
		g.bodyBottom = 252
	}
	if l.Window == "right" {
		g.window.x = g.paper.w - 20 - g.window.w
	}
	g.window.x += l.OffsetX
	g.window.y += l.OffsetY
	switch {
	case l.Envelope == "C5":
		g.folds = []float64{g.paper.h / 2}
	case g.paper.name == "Letter":
		g.folds = []float64{g.paper.h / 3, 2 * g.paper.h / 3}
	default:
		g.folds = []float64{105, 210}
	}
	return g
}

// Letter is one recipient's letter, ready to draw.
type Letter struct {
	Address []string
	Date    string // the date line, already in the recipient's language
	Body    string // merged HTML
	Lang    string // language of printed words (page numbers)
	lines   []line // the body laid out ahead (see prepareAhead), nil to lay it out here
}

// bodyWidth is the width a letter's body is set in.
func bodyWidth(l marketing.LetterLayout) float64 {
	g := geometryFor(l)
	return g.paper.w - g.marginL - g.marginR
}

// Problem is something the preflight reports about one recipient.
type Problem struct {
	Reason string `json:"reason"` // address_missing, address_too_long, body_too_long, field_missing
	Detail string `json:"detail"`
}

// drawLetter draws one letter from the current position (new pages) and
// returns its page count and what had to be shrunk or cut.
func (d *doc) drawLetter(l marketing.LetterLayout, s *Sender, lt *Letter) (int, []Problem) {
	g := geometryFor(l)
	var problems []Problem
	width := g.paper.w - g.marginL - g.marginR
	lines := lt.lines
	if lines == nil {
		lines = layoutBlocks(parseRich(lt.Body), width, 1, d.aspect)
	}
	first := frame{x: g.marginL, y: g.bodyTop, w: width, h: g.bodyBottom - g.bodyTop}
	next := frame{x: g.marginL, y: g.nextTop, w: width, h: g.bodyBottom - g.nextTop}
	placedLines, pages := paginate(lines, first, next)
	if pages > 6 {
		problems = append(problems, Problem{Reason: "body_too_long", Detail: "pages"})
	}
	start := d.pages
	for p := 0; p < pages; p++ {
		d.addPage(g.paper)
		if p == 0 {
			problems = append(problems, d.letterHead(l, g, s, lt)...)
		}
		if l.Footer {
			d.footer(g, s)
		}
		if pages > 1 {
			d.font(regular, 8)
			d.color(90, 90, 90)
			label := say(lt.Lang, "page", p+1, pages)
			d.text(g.paper.w-g.marginR-textWidth(label, regular, 8), g.paper.h-10, label)
			d.color(0, 0, 0)
		}
	}
	d.color(0, 0, 0)
	for _, pl := range placedLines {
		d.pdf.SetPage(start + pl.page + 1)
		d.drawLine(pl, g.marginL, width)
	}
	d.pdf.SetPage(start + pages)
	return pages, problems
}

func (d *doc) letterHead(l marketing.LetterLayout, g letterGeometry, s *Sender, lt *Letter) []Problem {
	var problems []Problem
	pw := g.paper.w
	right := l.Window == "right"
	// Fold and punch marks in the left margin.
	d.pdf.SetDrawColor(150, 150, 150)
	d.pdf.SetLineWidth(0.2)
	for _, y := range g.folds {
		d.pdf.Line(4, y, 9, y)
	}
	d.pdf.Line(4, g.paper.h/2, 7, g.paper.h/2)
	// Logo opposite the window.
	if l.Logo && s.Logo != "" {
		if right {
			d.image(s.Logo, g.marginL, 12, 60, 24, "left")
		} else {
			d.image(s.Logo, pw-g.marginR-60, 12, 60, 24, "right")
		}
	}
	// Sender block beside the window.
	sx, sw := pw-g.marginR-62, 62.0
	if right {
		sx = g.marginL
	}
	y := g.window.y + 4
	b := s.Business
	d.color(40, 40, 40)
	for i, t := range []string{b.Name, b.Street, strings.TrimSpace(b.Postcode + " " + b.City), b.Phone, b.Email, b.Website, b.RegNo} {
		if t = strings.TrimSpace(t); t == "" {
			continue
		}
		st := regular
		if i == 0 {
			st = bold
		}
		size := fitSize(t, st, 9, 6.5, sw)
		d.font(st, size)
		d.text(sx, y, clip(t, st, size, sw))
		y += 4.1
		if i == 0 {
			y += 0.8
		}
	}
	d.color(0, 0, 0)
	// Address window: return line, then the address, shrunk to fit.
	w := g.window
	tx := w.x + 5
	tw := w.w - 8
	top := w.y + 5
	if l.Sender {
		ret := s.addressLine()
		size := fitSize(ret, regular, 7, 5.5, tw)
		d.font(regular, size)
		d.color(70, 70, 70)
		ret = clip(ret, regular, size, tw)
		d.text(tx, top+2.2, ret)
		d.pdf.SetDrawColor(70, 70, 70)
		d.pdf.SetLineWidth(0.15)
		d.pdf.Line(tx, top+3.0, tx+textWidth(ret, regular, size), top+3.0)
		d.color(0, 0, 0)
	}
	top = w.y + 12.7 // the address zone starts below the 5-line note zone's first lines
	problems = append(problems, d.addressBlock(lt.Address, frame{x: tx, y: top, w: tw, h: w.y + w.h - 2 - top}, 10.5, 7)...)
	// Date line, right-aligned above the body.
	if lt.Date != "" {
		d.font(regular, 10)
		d.text(pw-g.marginR-textWidth(lt.Date, regular, 10), g.bodyTop-8, lt.Date)
	}
	return problems
}

func (d *doc) footer(g letterGeometry, s *Sender) {
	t := s.footerLine()
	if t == "" {
		return
	}
	w := g.paper.w - g.marginL - g.marginR
	size := fitSize(t, regular, 7.5, 5.5, w)
	t = clip(t, regular, size, w)
	d.font(regular, size)
	d.color(100, 100, 100)
	d.text(g.marginL+(w-textWidth(t, regular, size))/2, g.paper.h-16, t)
	d.color(0, 0, 0)
}

// addressBlock writes address lines into box at the largest size from max
// down to min that fits; what still does not fit is cut with an ellipsis
// (and reported), never drawn outside the window.
func (d *doc) addressBlock(lines []string, box frame, maxSize, minSize float64) []Problem {
	if len(lines) == 0 {
		return []Problem{{Reason: "address_missing"}}
	}
	var problems []Problem
	size := maxSize
	for ; size > minSize; size -= 0.5 {
		if addressFits(lines, box, size) {
			break
		}
	}
	lh := size * 1.2 * ptToMM
	n := len(lines)
	if float64(n)*lh > box.h {
		n = int(box.h / lh)
		problems = append(problems, Problem{Reason: "address_too_long", Detail: "lines"})
	}
	// When lines must go, the last ones stay (postcode line, and the
	// country line of mail abroad): they matter more than a second street
	// line or the company.
	if n < len(lines) {
		keep := 1
		if last := lines[len(lines)-1]; len(lines) > 2 && last == strings.ToUpper(last) && strings.ToLower(last) != last {
			keep = 2
		}
		keep = min(keep, n)
		lines = append(append([]string{}, lines[:n-keep]...), lines[len(lines)-keep:]...)
	}
	d.font(regular, size)
	for i := 0; i < n; i++ {
		t := lines[i]
		if textWidth(t, regular, size) > box.w {
			t = clip(t, regular, size, box.w)
			if len(problems) == 0 {
				problems = append(problems, Problem{Reason: "address_too_long", Detail: "width"})
			}
		}
		d.text(box.x, box.y+size*ptToMM+float64(i)*lh, t)
	}
	return problems
}

func addressFits(lines []string, box frame, size float64) bool {
	if float64(len(lines))*size*1.2*ptToMM > box.h {
		return false
	}
	for _, l := range lines {
		if textWidth(l, regular, size) > box.w {
			return false
		}
	}
	return true
}

// fitSize is the largest size from max down to min at which s fits w.
func fitSize(s string, st style, maxSize, minSize, w float64) float64 {
	tw := textWidth(s, st, maxSize)
	if tw <= w {
		return maxSize
	}
	return max(minSize, maxSize*w/tw)
}

// clip cuts s with an ellipsis so it fits w, measuring each rune once.
func clip(s string, st style, size, w float64) string {
	if textWidth(s, st, size) <= w {
		return s
	}
	room := w - textWidth("…", st, size)
	used := 0.0
	for i, r := range s {
		used += textWidth(string(r), st, size)
		if used > room {
			return strings.TrimSpace(s[:i]) + "…"
		}
	}
	return s
}

// aspect is a stored picture's height/width, 0 when it cannot be used.
func (d *doc) aspect(name string) float64 {
	ref, seen := d.images[name]
	if !seen {
		ref = d.register(name)
		d.images[name] = ref
	}
	if !ref.ok || ref.w <= 0 {
		return 0
	}
	return ref.h / ref.w
}

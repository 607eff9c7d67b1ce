package document

import (
	"directdesk/backend/marketing"
)

// sheet is a label sheet's geometry in millimetres.
type sheet struct {
	paper                   paper
	cols, rows              int
	w, h, top, left, gx, gy float64
	envelope                bool // one envelope per page
}

// Sheets DirectDesk knows by name (Avery/Zweckform A4 sizes) and envelopes.
var sheets = map[string]sheet{
	"L7160": {paper: paperA4, cols: 3, rows: 7, w: 63.5, h: 38.1, top: 15.15, left: 7.21, gx: 2.54, gy: 0},
	"L7161": {paper: paperA4, cols: 3, rows: 6, w: 63.5, h: 46.6, top: 8.8, left: 7.21, gx: 2.54, gy: 0},
	"L7162": {paper: paperA4, cols: 2, rows: 8, w: 99.1, h: 33.9, top: 12.9, left: 4.65, gx: 2.54, gy: 0},
	"L7163": {paper: paperA4, cols: 2, rows: 7, w: 99.1, h: 38.1, top: 15.15, left: 4.65, gx: 2.54, gy: 0},
	"L7165": {paper: paperA4, cols: 2, rows: 4, w: 99.1, h: 67.7, top: 13.1, left: 4.65, gx: 2.54, gy: 0},
	"DL":    {paper: paper{"DL", 220, 110}, cols: 1, rows: 1, envelope: true},
	"C5":    {paper: paper{"C5", 229, 162}, cols: 1, rows: 1, envelope: true},
}

// SheetNames lists the named sheets in the order the editor offers them.
var SheetNames = []string{"L7160", "L7163", "L7161", "L7162", "L7165", "DL", "C5", "custom"}

// sheetFor resolves a layout to its geometry; a custom sheet is checked so
// labels stay on the paper.
func sheetFor(l marketing.LabelLayout) (sheet, error) {
	if s, ok := sheets[l.Sheet]; ok {
		return s, nil
	}
	if l.Sheet != "custom" {
		return sheet{}, marketing.FieldError(marketing.EInvalid, "sheet", "Pick a label sheet from the list.", map[string]string{"reason": "sheet"})
	}
	s := sheet{paper: paperA4, cols: l.Columns, rows: l.Rows, w: l.Width, h: l.Height, top: l.Top, left: l.Left, gx: l.GapX, gy: l.GapY}
	switch {
	case s.cols < 1 || s.cols > 10 || s.rows < 1 || s.rows > 30:
		return s, marketing.FieldError(marketing.EInvalid, "columns", "A label sheet has 1–10 columns and 1–30 rows.", map[string]string{"reason": "grid"})
	case s.w < 20 || s.h < 10:
		return s, marketing.FieldError(marketing.EInvalid, "width", "Labels must be at least 20 × 10 mm to hold an address.", map[string]string{"reason": "small"})
	case s.left < 0 || s.top < 0 || s.gx < 0 || s.gy < 0 ||
		s.left+float64(s.cols)*s.w+float64(s.cols-1)*s.gx > s.paper.w+0.5 ||
		s.top+float64(s.rows)*s.h+float64(s.rows-1)*s.gy > s.paper.h+0.5:
		return s, marketing.FieldError(marketing.EInvalid, "width", "These labels do not fit on an A4 sheet. Check the sizes and margins.", map[string]string{"reason": "fit"})
	}
	return s, nil
}

// perPage is how many labels one page holds.
func (s sheet) perPage() int { return s.cols * s.rows }

// labelRun places labels one after another, starting at a given position
// on the first sheet (a partly used sheet goes through the printer again).
type labelRun struct {
	s      sheet
	slot   int // next slot on the current page
	sender *Sender
	layout marketing.LabelLayout
}

func newLabelRun(l marketing.LabelLayout, s *Sender) (*labelRun, error) {
	sh, err := sheetFor(l)
	if err != nil {
		return nil, err
	}
	start := max(1, l.Start)
	if start > sh.perPage() {
		return nil, marketing.FieldError(marketing.EInvalid, "start", "The first label must be on the sheet: pick a position from 1 to the number of labels on it.", map[string]string{"reason": "start"})
	}
	return &labelRun{s: sh, slot: start - 1, sender: s, layout: l}, nil
}

// add draws one address on the next label, starting a page when needed.
func (r *labelRun) add(d *doc, address []string, first bool) []Problem {
	if first || r.slot >= r.s.perPage() {
		d.addPage(r.s.paper)
		if !first {
			r.slot = 0
		}
	}
	if r.s.envelope {
		r.slot = r.s.perPage()
		return d.envelope(r.s, r.layout, r.sender, address)
	}
	col, row := r.slot%r.s.cols, r.slot/r.s.cols
	r.slot++
	x := r.s.left + float64(col)*(r.s.w+r.s.gx)
	y := r.s.top + float64(row)*(r.s.h+r.s.gy)
	pad := min(5.0, r.s.w*0.07)
	box := frame{x: x + pad, y: y + 2.5, w: r.s.w - 2*pad, h: r.s.h - 5}
	// Centre the block vertically: printers shift a little, the middle is safest.
	size := 10.0
	for ; size > 6; size -= 0.5 {
		if addressFits(address, box, size) {
			break
		}
	}
	used := float64(len(address)) * size * 1.2 * ptToMM
	if used < box.h {
		box.y += (box.h - used) / 2
		box.h = used + 0.01
	}
	return d.addressBlock(address, box, size, 6)
}

// envelope prints an address on a DL or C5 envelope fed through the printer.
func (d *doc) envelope(s sheet, l marketing.LabelLayout, sender *Sender, address []string) []Problem {
	pw, ph := s.paper.w, s.paper.h
	if l.Sender && sender != nil {
		b := sender.Business
		y := 12.0
		for i, t := range []string{b.Name, b.Street, b.Postcode + " " + b.City} {
			st := regular
			if i == 0 {
				st = bold
			}
			d.font(st, 8.5)
			d.text(12, y, clip(t, st, 8.5, 90))
			y += 3.8
		}
	}
	// The address sits right of centre in the lower half, clear of the franking zone.
	box := frame{x: pw * 0.45, y: ph * 0.45, w: pw*0.55 - 15, h: ph*0.55 - 12}
	return d.addressBlock(address, box, 11, 7)
}

// SheetInfo describes a label sheet for the editor's picture of it.
type SheetInfo struct {
	Name     string  `json:"name"`
	Columns  int     `json:"columns"`
	Rows     int     `json:"rows"`
	Width    float64 `json:"width"`
	Height   float64 `json:"height"`
	Top      float64 `json:"top"`
	Left     float64 `json:"left"`
	GapX     float64 `json:"gapX"`
	GapY     float64 `json:"gapY"`
	PaperW   float64 `json:"paperW"`
	PaperH   float64 `json:"paperH"`
	Envelope bool    `json:"envelope"`
}

// Sheets lists the named sheets and envelopes.
func Sheets() []SheetInfo {
	out := []SheetInfo{}
	for _, n := range SheetNames {
		s, ok := sheets[n]
		if !ok {
			continue
		}
		out = append(out, SheetInfo{Name: n, Columns: s.cols, Rows: s.rows, Width: s.w, Height: s.h, Top: s.top, Left: s.left, GapX: s.gx, GapY: s.gy, PaperW: s.paper.w, PaperH: s.paper.h, Envelope: s.envelope})
	}
	return out
}

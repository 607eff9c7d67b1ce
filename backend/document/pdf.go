package document

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"directdesk/backend/document/internal/fpdf"
)

// Paper sizes in millimetres.
type paper struct {
	name string
	w, h float64
}

var (
	paperA4     = paper{"A4", 210, 297}
	paperLetter = paper{"Letter", 215.9, 279.4}
)

// doc wraps one fpdf document: fonts registered on first use (a folder of
// one-letter PDFs should not parse four fonts per file), text drawn
// without fpdf's cell machinery, images registered once per document.
type doc struct {
	pdf        *fpdf.Fpdf
	registered [4]bool
	cur        style
	size       float64
	images     map[string]imageRef
	pages      int
	media      MediaSource
}

type imageRef struct {
	w, h float64 // pixels
	ok   bool
}

// MediaSource gives pictures by their stored name (logo, product images).
type MediaSource interface {
	Image(name string) (mime string, data []byte, err error)
}

func newDoc(p paper, media MediaSource, title string, created time.Time) *doc {
	f := fpdf.NewCustom(&fpdf.InitType{UnitStr: "mm", Size: fpdf.SizeType{Wd: p.w, Ht: p.h}, OrientationStr: "P"})
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(0, 0, 0)
	f.SetCompression(true)
	f.SetCreator("DirectDesk", true)
	f.SetProducer("DirectDesk", true)
	if title != "" {
		f.SetTitle(title, true)
	}
	// A fixed date keeps files reproducible in tests; callers pass the run's time.
	f.SetCreationDate(created)
	f.SetModificationDate(created)
	return &doc{pdf: f, cur: 255, images: map[string]imageRef{}, media: media}
}

func (d *doc) addPage(p paper) {
	if p.w > p.h {
		d.pdf.AddPageFormat("L", fpdf.SizeType{Wd: p.h, Ht: p.w})
	} else {
		d.pdf.AddPageFormat("P", fpdf.SizeType{Wd: p.w, Ht: p.h})
	}
	d.pages++
	d.cur = 255 // fpdf re-emits the font on a new page only if asked
}

func (d *doc) font(s style, size float64) {
	if !d.registered[s] {
		d.pdf.AddUTF8FontFromBytes(family, styleNames[s], loadMetrics().bytes[s])
		d.registered[s] = true
	}
	if d.cur != s || d.size != size {
		d.pdf.SetFont(family, styleNames[s], size)
		d.cur, d.size = s, size
	}
}

// text draws s with its baseline at y.
func (d *doc) text(x, y float64, s string) {
	if s == "" {
		return
	}
	if !utf8.ValidString(s) {
		// fpdf indexes past the end of a broken sequence; data from old
		// files can hold one.
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	d.pdf.Text(x, y, s)
}

func (d *doc) color(r, g, b int) { d.pdf.SetTextColor(r, g, b) }

// image draws a stored picture fitted into the box (keeping its shape,
// centred), registering it in the document the first time it is used.
func (d *doc) image(name string, x, y, w, h float64, align string) bool {
	ref, seen := d.images[name]
	if !seen {
		ref = d.register(name)
		d.images[name] = ref
	}
	if !ref.ok || ref.w <= 0 || ref.h <= 0 {
		return false
	}
	iw, ih := w, w*ref.h/ref.w
	if ih > h {
		ih, iw = h, h*ref.w/ref.h
	}
	ix, iy := x+(w-iw)/2, y+(h-ih)/2
	switch align {
	case "left":
		ix = x
	case "right":
		ix = x + w - iw
	}
	if align != "" {
		iy = y
	}
	d.pdf.ImageOptions(name, ix, iy, iw, ih, false, fpdf.ImageOptions{}, 0, "")
	return true
}

func (d *doc) register(name string) imageRef {
	// Pictures come only from the workspace: a name that is a path on this
	// computer is never read (a page in browser mode could otherwise pull
	// any picture into a PDF it downloads).
	if d.media == nil || strings.ContainsAny(strings.TrimPrefix(name, "media:"), `\.:`) {
		return imageRef{}
	}
	mime, data, err := d.media.Image(strings.TrimPrefix(name, "media:"))
	if err != nil || len(data) == 0 {
		return imageRef{}
	}
	tp := "JPG"
	if mime == "image/png" {
		tp = "PNG"
	}
	info := d.pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: tp}, bytes.NewReader(data))
	if d.pdf.Err() {
		// A broken picture must not spoil the document: leave it out.
		d.pdf.ClearError()
		return imageRef{}
	}
	return imageRef{w: info.Width(), h: info.Height(), ok: true}
}

func (d *doc) output(w io.Writer) error {
	if err := d.pdf.Output(w); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	return nil
}

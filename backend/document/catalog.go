package document

import (
	"strings"

	"directdesk/backend/marketing"
)

// CatalogItem is a product as one recipient's catalog shows it.
type CatalogItem struct {
	marketing.Product
	ListMinor int64 // the list price, shown struck through when Price is lower
}

// CatalogSection is one category's products.
type CatalogSection struct {
	Category string
	Items    []CatalogItem
}

// Catalog is one recipient's catalog, ready to draw.
type Catalog struct {
	Title, Season string
	Intro         string // merged HTML of the personalised letter, "" for none
	Recipient     string // name for the cover
	Address       []string
	Code          string // response code, "" for none
	Lang          string
	Grid          string
	Contents      bool
	Reply         bool
	Sections      []CatalogSection
	Money         func(minor int64, currency string) string
}

var brand = [3]int{31, 78, 95} // a calm dark teal for bands and headings

func gridOf(g string) (cols, rows int) {
	switch g {
	case "2x2":
		return 2, 2
	case "3x4":
		return 3, 4
	}
	return 2, 3
}

// drawCatalog draws one catalog and returns its page count.
func (d *doc) drawCatalog(c *Catalog, s *Sender) (int, []Problem) {
	var problems []Problem
	p := paperA4
	start := d.pages
	cols, rows := gridOf(c.Grid)
	per := cols * rows
	// Where each section starts, for the table of contents.
	first := 2 // the cover is page 1
	if c.Intro != "" {
		first++
	}
	if c.Contents {
		first++
	}
	starts := make([]int, len(c.Sections))
	next := first
	for i, sec := range c.Sections {
		starts[i] = next
		next += max(1, (len(sec.Items)+per-1)/per)
	}
	problems = append(problems, d.catalogCover(c, s)...)
	if c.Intro != "" {
		d.addPage(p)
		lines := layoutBlocks(parseRich(c.Intro), p.w-45, 1, d.aspect)
		placedLines, pages := paginate(lines, frame{x: 25, y: 30, w: p.w - 45, h: 240}, frame{x: 25, y: 30, w: p.w - 45, h: 240})
		if pages > 1 {
			problems = append(problems, Problem{Reason: "body_too_long", Detail: "intro"})
		}
		for _, pl := range placedLines {
			if pl.page == 0 {
				d.drawLine(pl, 25, p.w-45)
			}
		}
		d.pageNumber(p, d.pages-start, c.Lang)
	}
	if c.Contents {
		d.addPage(p)
		d.sectionHeader(p, say(c.Lang, "contents"))
		y := 48.0
		for i, sec := range c.Sections {
			d.font(regular, 12)
			name := clip(sec.Category, regular, 12, 140)
			d.text(25, y, name)
			num := say(c.Lang, "page1", starts[i])
			d.text(p.w-20-textWidth(num, regular, 12), y, num)
			d.pdf.SetDrawColor(180, 180, 180)
			d.pdf.SetDashPattern([]float64{0.4, 1.2}, 0)
			d.pdf.Line(27+textWidth(name, regular, 12), y, p.w-22-textWidth(num, regular, 12), y)
			d.pdf.SetDashPattern(nil, 0)
			y += 9
			if y > 270 {
				break
			}
		}
		d.pageNumber(p, d.pages-start, c.Lang)
	}
	for _, sec := range c.Sections {
		d.catalogSection(p, sec, cols, rows, c, start)
	}
	if c.Reply {
		d.replyPage(p, c, s)
		d.pageNumber(p, d.pages-start, c.Lang)
	}
	return d.pages - start, problems
}

func (d *doc) catalogCover(c *Catalog, s *Sender) []Problem {
	p := paperA4
	d.addPage(p)
	d.pdf.SetFillColor(brand[0], brand[1], brand[2])
	d.pdf.Rect(0, 0, p.w, 120, "F")
	if s.Logo != "" {
		d.pdf.SetFillColor(255, 255, 255)
		d.pdf.RoundedRect(p.w-20-64, 14, 64, 30, 3, "1234", "F")
		d.image(s.Logo, p.w-20-60, 16, 56, 26, "")
	}
	d.color(255, 255, 255)
	y := 70.0
	for _, ln := range wrapText(c.Title, bold, 30, p.w-50, 2) {
		d.font(bold, 30)
		d.text(25, y, ln)
		y += 13
	}
	if c.Season != "" {
		d.font(regular, 16)
		d.text(25, y+2, clip(c.Season, regular, 16, p.w-50))
	}
	d.color(0, 0, 0)
	if c.Recipient != "" {
		t := say(c.Lang, "for", c.Recipient)
		d.font(italic, 14)
		d.color(brand[0], brand[1], brand[2])
		d.text(25, 140, clip(t, italic, 14, p.w-50))
		d.color(0, 0, 0)
	}
	// The address where a C5 window envelope shows it (catalog folded once or not at all).
	var problems []Problem
	if len(c.Address) > 0 {
		problems = d.addressBlock(c.Address, frame{x: 25, y: 205, w: 80, h: 32}, 10.5, 7)
	}
	d.font(bold, 11)
	d.color(60, 60, 60)
	d.text(25, 280, clip(s.Business.Name, bold, 11, 100))
	d.font(regular, 9)
	contact := strings.Join(nonEmpty(s.Business.Website, s.Business.Phone, s.Business.Email), " · ")
	d.text(p.w-20-textWidth(clip(contact, regular, 9, 95), regular, 9), 280, clip(contact, regular, 9, 95))
	d.color(0, 0, 0)
	return problems
}

func (d *doc) sectionHeader(p paper, title string) {
	d.pdf.SetFillColor(brand[0], brand[1], brand[2])
	d.pdf.Rect(0, 0, p.w, 30, "F")
	d.color(255, 255, 255)
	d.font(bold, 18)
	d.text(25, 20, clip(title, bold, 18, p.w-45))
	d.color(0, 0, 0)
}

func (d *doc) pageNumber(p paper, n int, lang string) {
	d.font(regular, 8)
	d.color(110, 110, 110)
	t := say(lang, "page1", n)
	d.text((p.w-textWidth(t, regular, 8))/2, p.h-10, t)
	d.color(0, 0, 0)
}

func (d *doc) catalogSection(p paper, sec CatalogSection, cols, rows int, c *Catalog, start int) {
	per := cols * rows
	gap := 6.0
	top, bottom := 40.0, p.h-18
	cw := (p.w - 40 - float64(cols-1)*gap) / float64(cols)
	ch := (bottom - top - float64(rows-1)*gap) / float64(rows)
	items := sec.Items
	for page := 0; page == 0 || len(items) > 0; page++ {
		d.addPage(p)
		d.sectionHeader(p, sec.Category)
		n := min(per, len(items))
		for i := 0; i < n; i++ {
			x := 20 + float64(i%cols)*(cw+gap)
			y := top + float64(i/cols)*(ch+gap)
			d.productCell(items[i], frame{x: x, y: y, w: cw, h: ch}, c)
		}
		items = items[n:]
		d.pageNumber(p, d.pages-start, c.Lang)
	}
}

func (d *doc) productCell(it CatalogItem, f frame, c *Catalog) {
	d.pdf.SetDrawColor(220, 220, 220)
	d.pdf.SetLineWidth(0.2)
	d.pdf.Rect(f.x, f.y, f.w, f.h, "D")
	pad := 3.0
	imgH := f.h * 0.5
	if !d.image(it.ImagePath, f.x+pad, f.y+pad, f.w-2*pad, imgH-pad, "") {
		d.pdf.SetFillColor(240, 243, 244)
		d.pdf.Rect(f.x+pad, f.y+pad, f.w-2*pad, imgH-pad, "F")
	}
	y := f.y + imgH + 2
	w := f.w - 2*pad
	nameSize := 10.5
	if f.w < 60 {
		nameSize = 9
	}
	for _, ln := range wrapText(it.Name, bold, nameSize, w, 2) {
		d.font(bold, nameSize)
		d.text(f.x+pad, y+nameSize*ptToMM, ln)
		y += nameSize * 1.25 * ptToMM
	}
	descSize := nameSize - 2
	room := int((f.y + f.h - 12 - y) / (descSize * 1.3 * ptToMM))
	if room > 0 && it.Description != "" {
		d.color(70, 70, 70)
		for _, ln := range wrapText(it.Description, regular, descSize, w, room) {
			d.font(regular, descSize)
			d.text(f.x+pad, y+descSize*ptToMM+0.8, ln)
			y += descSize * 1.3 * ptToMM
		}
		d.color(0, 0, 0)
	}
	// Price and item number on the cell's last line.
	base := f.y + f.h - pad - 0.5
	price := c.Money(it.Price.Minor, it.Price.Currency)
	d.font(bold, nameSize+1)
	d.color(brand[0], brand[1], brand[2])
	d.text(f.x+pad, base, price)
	px := f.x + pad + textWidth(price, bold, nameSize+1) + 2
	d.color(0, 0, 0)
	if it.ListMinor > it.Price.Minor {
		list := c.Money(it.ListMinor, it.Price.Currency)
		d.font(regular, descSize)
		d.color(120, 120, 120)
		d.text(px, base, list)
		lw := textWidth(list, regular, descSize)
		d.pdf.SetDrawColor(120, 120, 120)
		d.pdf.Line(px, base-descSize*ptToMM*0.33, px+lw, base-descSize*ptToMM*0.33)
		d.color(0, 0, 0)
		px += lw + 2
	}
	// The item number takes what the prices leave; in a narrow cell it
	// goes on the line above them rather than over them.
	sku, skuBase := it.SKU, base
	space := f.x + f.w - pad - px
	if space < 12 {
		space, skuBase = w, base-(nameSize+1)*ptToMM*1.2
	}
	d.font(regular, 7.5)
	d.color(110, 110, 110)
	sku = clip(sku, regular, 7.5, space)
	d.text(f.x+f.w-pad-textWidth(sku, regular, 7.5), skuBase, sku)
	d.color(0, 0, 0)
}

// replyPage is the back page: an order form and a reply card to cut out,
// carrying the recipient's response code and a QR code of it.
func (d *doc) replyPage(p paper, c *Catalog, s *Sender) {
	d.addPage(p)
	d.sectionHeader(p, say(c.Lang, "order"))
	// Order table.
	x, y := 20.0, 42.0
	cols := []struct {
		key string
		w   float64
	}{{"item", 30}, {"product", 90}, {"qty", 20}, {"price", 30}}
	d.pdf.SetDrawColor(150, 150, 150)
	d.pdf.SetLineWidth(0.25)
	cx := x
	for _, col := range cols {
		d.font(bold, 9)
		d.text(cx+2, y+5, say(c.Lang, col.key))
		cx += col.w
	}
	for r := 0; r <= 9; r++ {
		d.pdf.Line(x, y+float64(r)*8, x+170, y+float64(r)*8)
	}
	cx = x
	for _, col := range cols {
		d.pdf.Line(cx, y, cx, y+72)
		cx += col.w
	}
	d.pdf.Line(cx, y, cx, y+72)
	// Customer fields.
	y = 125
	for _, key := range []string{"name", "address", "phone", "email", "signature"} {
		d.font(regular, 9)
		d.text(x, y, say(c.Lang, key))
		d.pdf.Line(x+40, y+0.8, x+170, y+0.8)
		y += 10
	}
	// Cut line and reply card.
	cut := 185.0
	d.pdf.SetDashPattern([]float64{2, 1.5}, 0)
	d.pdf.Line(10, cut, p.w-10, cut)
	d.pdf.SetDashPattern(nil, 0)
	d.font(regular, 10)
	d.text(12, cut-1.5, "✂")
	d.font(bold, 13)
	d.text(x, cut+12, say(c.Lang, "reply"))
	d.font(regular, 9)
	for i, ln := range wrapText(say(c.Lang, "replyHint"), regular, 9, 95, 3) {
		d.text(x, cut+19+float64(i)*4.2, ln)
	}
	if len(c.Address) > 0 {
		d.addressBlock(c.Address, frame{x: x, y: cut + 34, w: 95, h: 40}, 10.5, 7)
	}
	if c.Code != "" {
		code := marketing.FormatResponseCode(c.Code)
		d.font(regular, 9)
		d.text(125, cut+16, say(c.Lang, "code"))
		d.font(bold, 18)
		d.text(125, cut+25, code)
		d.qr(c.Code, 125, cut+31, 36)
	}
	// The business's address as the card's destination.
	d.font(regular, 8.5)
	d.color(80, 80, 80)
	d.text(x, p.h-14, clip(s.addressLine(), regular, 8.5, 170))
	d.color(0, 0, 0)
}

// wrapText breaks s into at most maxLines lines of width w; the last line
// ends with an ellipsis when text was left out.
func wrapText(s string, st style, size, w float64, maxLines int) []string {
	if strings.TrimSpace(s) == "" || maxLines <= 0 {
		return nil
	}
	words := splitWords([]run{{text: s, st: st}}, regular, size)
	lines := breakLines(words, w, size)
	out := make([]string, 0, min(len(lines), maxLines))
	for i, ln := range lines {
		var b strings.Builder
		for j, pc := range ln.pieces {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(pc.text)
		}
		if i == maxLines-1 && i < len(lines)-1 {
			out = append(out, clip(b.String()+" …", st, size, w))
			break
		}
		out = append(out, b.String())
	}
	return out
}

func nonEmpty(ss ...string) []string {
	out := ss[:0:0]
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

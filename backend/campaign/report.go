package campaign

import (
	"context"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
	"github.com/xuri/excelize/v2"

	"directdesk/backend/document"
	"directdesk/backend/marketing"
	"directdesk/backend/sheet"
)

// The campaign report: the results of step 8 as a workbook (one sheet per
// table, numbers as numbers so the user can go on calculating) and as a
// PDF with charts (below). Both are in the workspace's language.

// cell kinds of the workbook.
const (
	xText = iota
	xInt
	xMoney
	xPct
	xDec
	xDate
	xDateTime
	xHead
	xTitle
	xBold
	xBoldInt
	xBoldMoney
	xBoldPct
	xKinds
)

// xcell is one value with its kind.
type xcell struct {
	kind int
	v    any
}

func txt(s string) xcell          { return xcell{xText, s} }
func integer(n int) xcell         { return xcell{xInt, n} }
func moneyCell(minor int64) xcell { return xcell{xMoney, float64(minor) / 100} }
func pctCell(v float64) xcell     { return xcell{xPct, v} }

// bold makes a total row's cell bold, keeping its number format.
func bold(c xcell) xcell {
	switch c.kind {
	case xInt:
		c.kind = xBoldInt
	case xMoney:
		c.kind = xBoldMoney
	case xPct:
		c.kind = xBoldPct
	case xText:
		c.kind = xBold
	}
	return c
}

// xbook writes the workbook's sheets one after the other, streamed.
type xbook struct {
	f      *excelize.File
	styles [xKinds]int
	sheets int
}

func newXBook() (*xbook, error) {
	b := &xbook{f: excelize.NewFile()}
	pctFmt, dateFmt, dtFmt, decFmt := "0.0%", "yyyy-mm-dd", "yyyy-mm-dd hh:mm", "0.0000"
	border := []excelize.Border{{Type: "bottom", Color: "999999", Style: 1}}
	defs := [xKinds]*excelize.Style{
		xText:      {},
		xInt:       {NumFmt: 3},
		xMoney:     {NumFmt: 4},
		xPct:       {CustomNumFmt: &pctFmt},
		xDec:       {CustomNumFmt: &decFmt},
		xDate:      {CustomNumFmt: &dateFmt},
		xDateTime:  {CustomNumFmt: &dtFmt},
		xHead:      {Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E8EEF5"}}, Border: border, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}},
		xTitle:     {Font: &excelize.Font{Bold: true, Size: 14}},
		xBold:      {Font: &excelize.Font{Bold: true}},
		xBoldInt:   {Font: &excelize.Font{Bold: true}, NumFmt: 3},
		xBoldMoney: {Font: &excelize.Font{Bold: true}, NumFmt: 4},
		xBoldPct:   {Font: &excelize.Font{Bold: true}, CustomNumFmt: &pctFmt},
	}
	for k, st := range defs {
		id, err := b.f.NewStyle(st)
		if err != nil {
			return nil, err
		}
		b.styles[k] = id
	}
	return b, nil
}

// sheet starts a streamed sheet with its column widths.
func (b *xbook) sheet(name string, widths []float64) (*xsheet, error) {
	name = sheetName(name)
	if b.sheets == 0 {
		if err := b.f.SetSheetName("Sheet1", name); err != nil {
			return nil, err
		}
	} else if _, err := b.f.NewSheet(name); err != nil {
		return nil, err
	}
	b.sheets++
	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return nil, err
		}
	}
	return &xsheet{b: b, sw: sw}, nil
}

// sheetName keeps a name within Excel's rules (31 characters, no []:*?/\).
func sheetName(s string) string {
	r := []rune(s)
	out := make([]rune, 0, len(r))
	for _, c := range r {
		switch c {
		case '[', ']', ':', '*', '?', '/', '\\':
			c = ' '
		}
		out = append(out, c)
	}
	if len(out) > 31 {
		out = out[:31]
	}
	return string(out)
}

type xsheet struct {
	b   *xbook
	sw  *excelize.StreamWriter
	row int
}

// add writes the next row.
func (s *xsheet) add(cells ...xcell) error {
	s.row++
	vals := make([]any, len(cells))
	for i, c := range cells {
		v := c.v
		if str, ok := v.(string); ok {
			// Text from contacts and files must never become a formula.
			v = sheet.EscapeFormula(str)
			if str == "" {
				vals[i] = nil
				continue
			}
		}
		vals[i] = excelize.Cell{StyleID: s.b.styles[c.kind], Value: v}
	}
	cell, _ := excelize.CoordinatesToCellName(1, s.row)
	return s.sw.SetRow(cell, vals)
}

func (s *xsheet) blank() { s.row++ }

func (s *xsheet) head(titles ...string) error {
	cells := make([]xcell, len(titles))
	for i, t := range titles {
		cells[i] = xcell{xHead, t}
	}
	return s.add(cells...)
}

func (s *xsheet) done() error { return s.sw.Flush() }

// lineColumns are the headers of a results line's numbers.
func lineColumns(w words, cur string) []string {
	m := func(k string) string {
		if cur == "" {
			return w.t(k)
		}
		return w.t(k) + " (" + cur + ")"
	}
	return []string{w.t("recipients"), w.t("sent"), w.t("delivered"), w.t("bounced"), w.t("responses"), w.t("responseRate"),
		w.t("orders"), w.t("orderRate"), m("revenue"), m("cost"), m("costPerResponse"), m("costPerOrder"), m("profit"),
		w.t("roi"), w.t("breakEven"), w.t("clicks"), w.t("opens")}
}

func lineCells(l marketing.ResultLine) []xcell {
	return []xcell{integer(l.Recipients), integer(l.Sent), integer(l.Delivered), integer(l.Bounced), integer(l.Responses),
		pctCell(l.ResponseRate), integer(l.Orders), pctCell(l.OrderRate), moneyCell(l.RevenueMinor), moneyCell(l.CostMinor),
		moneyCell(l.CostPerResponseMinor), moneyCell(l.CostPerOrderMinor), moneyCell(l.ProfitMinor), pctCell(l.ROI),
		pctCell(l.BreakEvenRate), integer(l.Clicks), integer(l.Opens)}
}

func widths(first []float64, n int, w float64) []float64 {
	out := append([]float64(nil), first...)
	for range n {
		out = append(out, w)
	}
	return out
}

// ReportXLSX writes the results as a workbook in the user's language:
// Summary, Touches, Segments, Follow-up, Daily and Responses.
func (s *Service) ReportXLSX(ctx context.Context, id int64, lang string, out io.Writer) error {
	r, err := s.Results(ctx, id)
	if err != nil {
		return err
	}
	w := reportLang(lang)
	b, err := newXBook()
	if err != nil {
		return err
	}
	defer b.f.Close()
	cur := r.Currency
	money := func(k string) string {
		if cur == "" {
			return w.t(k)
		}
		return w.t(k) + " (" + cur + ")"
	}

	// Summary.
	sh, err := b.sheet(w.t("sheet.summary"), []float64{44, 20, 20})
	if err != nil {
		return err
	}
	t := r.Totals
	rows := [][]xcell{
		{{xTitle, r.Name}},
		{txt(w.t("status")), txt(w.t("status." + r.Status))},
		{txt(w.t("asOf")), asOfCell(r.AsOf)},
		{txt(w.t("currency")), txt(cur)},
		nil,
		{txt(w.t("recipients")), integer(t.Recipients)},
		{txt(w.t("sent")), integer(t.Sent)},
		{txt(w.t("delivered")), integer(t.Delivered)},
		{txt(w.t("bounced")), integer(t.Bounced)},
		{txt(w.t("responses")), integer(t.Responses)},
		{txt(w.t("responseRate")), pctCell(t.ResponseRate)},
		{txt(w.t("orders")), integer(t.Orders)},
		{txt(w.t("orderRate")), pctCell(t.OrderRate)},
		{txt(money("revenue")), moneyCell(t.RevenueMinor)},
		{txt(money("cost")), moneyCell(t.CostMinor)},
		{txt(money("costPerResponse")), moneyCell(t.CostPerResponseMinor)},
		{txt(money("costPerOrder")), moneyCell(t.CostPerOrderMinor)},
		{txt(money("profit")), moneyCell(t.ProfitMinor)},
		{txt(w.t("roi")), pctCell(t.ROI)},
		{txt(w.t("breakEven")), pctCell(t.BreakEvenRate)},
		{txt(w.t("clicks")), integer(t.Clicks)},
		{txt(w.t("opens")), integer(t.Opens)},
		nil,
		{{xHead, w.t("uplift")}, {xHead, w.t("targetGroup")}, {xHead, w.t("controlGroup")}},
		{txt(w.t("people")), integer(r.Uplift.TargetN), integer(r.Uplift.ControlN)},
		{txt(w.t("buyers")), integer(r.Uplift.TargetBuyers), integer(r.Uplift.ControlBuyers)},
		{txt(w.t("buyRate")), pctCell(r.Uplift.TargetRate), pctCell(r.Uplift.ControlRate)},
		{txt(money("revPerPerson")), moneyCell(r.Uplift.TargetRevenuePerPersonMinor), moneyCell(r.Uplift.ControlRevenuePerPersonMinor)},
		{txt(money("ltvBefore")), moneyCell(r.LTV.TargetBeforeMinor), moneyCell(r.LTV.ControlBeforeMinor)},
		{txt(money("ltvSince")), moneyCell(r.LTV.TargetSinceMinor), moneyCell(r.LTV.ControlSinceMinor)},
		{txt(money("ltvLifetime")), moneyCell(r.LTV.TargetLifetimeMinor)},
		{txt(w.t("difference")), pctCell(r.Uplift.Uplift)},
		{txt(w.t("ci")), pctCell(r.Uplift.Low), pctCell(r.Uplift.High)},
		{txt(w.t("pValue")), xcell{xDec, r.Uplift.P}},
		{txt(w.t("test")), txt(testName(w, r.Uplift.Test))},
		{txt(w.t("verdict")), txt(w.verdict(r.Uplift.Verdict, r.Uplift.Uplift))},
		{txt(money("incremental")), moneyCell(r.Uplift.IncrementalRevenueMinor)},
		nil,
		{txt(w.t("openTasks")), integer(r.OpenFulfilments)},
		{txt(w.t("fulfilDays")), xcell{xDec, r.FulfilmentDays}},
	}
	if len(r.Findings) > 0 {
		rows = append(rows, nil, []xcell{{xHead, w.t("findings")}})
		for _, f := range r.Findings {
			rows = append(rows, []xcell{txt(w.finding(findingLike(f)))})
		}
	}
	for _, row := range rows {
		if row == nil {
			sh.blank()
			continue
		}
		if err := sh.add(row...); err != nil {
			return err
		}
	}
	if err := sh.done(); err != nil {
		return err
	}

	// Touches, with the total.
	cols := lineColumns(w, cur)
	if sh, err = b.sheet(w.t("sheet.touches"), widths([]float64{10, 14, 12}, len(cols), 13)); err != nil {
		return err
	}
	if err := sh.head(append([]string{w.t("touch"), w.t("channel"), w.t("due")}, cols...)...); err != nil {
		return err
	}
	for _, l := range r.Touches {
		if err := sh.add(append([]xcell{integer(l.Seq), txt(w.t("channel." + l.Channel)), dateCell(l.Due)}, lineCells(l)...)...); err != nil {
			return err
		}
	}
	total := []xcell{bold(txt(w.t("total"))), {}, {}}
	for _, c := range lineCells(r.Totals) {
		total = append(total, bold(c))
	}
	if err := sh.add(total...); err != nil {
		return err
	}
	if err := sh.done(); err != nil {
		return err
	}

	// Segments, channels and the lifecycle moves.
	if sh, err = b.sheet(w.t("sheet.segments"), widths([]float64{24}, len(cols), 13)); err != nil {
		return err
	}
	if err := sh.head(append([]string{w.t("segment")}, cols...)...); err != nil {
		return err
	}
	for _, l := range r.Segments {
		if err := sh.add(append([]xcell{txt(w.t("stage." + l.Key[len("segment:"):]))}, lineCells(l)...)...); err != nil {
			return err
		}
	}
	sh.blank()
	if err := sh.head(append([]string{w.t("channel")}, cols...)...); err != nil {
		return err
	}
	for _, l := range r.Channels {
		if err := sh.add(append([]xcell{txt(w.t("channel." + l.Channel))}, lineCells(l)...)...); err != nil {
			return err
		}
	}
	if len(r.Lifecycle) > 0 {
		sh.blank()
		if err := sh.head(w.t("from"), w.t("to"), w.t("count")); err != nil {
			return err
		}
		for _, m := range r.Lifecycle {
			if err := sh.add(txt(w.t("stage."+stageKey(m.From))), txt(w.t("stage."+stageKey(m.To))), integer(m.Count)); err != nil {
				return err
			}
		}
	}
	if err := sh.done(); err != nil {
		return err
	}

	// The follow-up curve.
	if sh, err = b.sheet(w.t("sheet.followup"), []float64{10, 14, 13, 13, 16, 18}); err != nil {
		return err
	}
	if err := sh.head(w.t("touch"), w.t("channel"), w.t("responses"), w.t("orders"), money("revenue"), w.t("cumShare")); err != nil {
		return err
	}
	for _, p := range r.FollowUp {
		if err := sh.add(integer(p.Seq), txt(w.t("channel."+p.Channel)), integer(p.Responses), integer(p.Orders), moneyCell(p.RevenueMinor), pctCell(p.CumulativeShare)); err != nil {
			return err
		}
	}
	if err := sh.done(); err != nil {
		return err
	}

	// Per day.
	if sh, err = b.sheet(w.t("sheet.daily"), []float64{12, 13, 13, 16}); err != nil {
		return err
	}
	if err := sh.head(w.t("date"), w.t("responses"), w.t("orders"), money("revenue")); err != nil {
		return err
	}
	for _, d := range r.Daily {
		if err := sh.add(dateCell(d.Date), integer(d.Responses), integer(d.Orders), moneyCell(d.RevenueMinor)); err != nil {
			return err
		}
	}
	if err := sh.done(); err != nil {
		return err
	}

	// Every response, streamed from the store.
	if sh, err = b.sheet(w.t("sheet.responses"), []float64{17, 26, 12, 15, 11, 14, 16, 8, 14, 40}); err != nil {
		return err
	}
	if err := sh.head(w.t("date"), w.t("contact"), w.t("kind"), w.t("source"), w.t("code"), w.t("ref"), w.t("group"), w.t("touch"), money("value"), w.t("detail")); err != nil {
		return err
	}
	n := 0
	err = s.db.EachCampaignResponse(ctx, id, func(x *marketing.Response) error {
		if n++; n%1024 == 0 && ctx.Err() != nil {
			return marketing.Errorf(marketing.ECanceled, "Cancelled. The report was not written.")
		}
		touch := xcell{}
		if x.TouchSeq > 0 {
			touch = integer(x.TouchSeq)
		}
		return sh.add(asOfCell(x.At), txt(x.ContactName), txt(w.t("kind."+x.Kind)), txt(w.t("source."+x.Source)), txt(x.Code), txt(x.Ref),
			txt(w.t("group."+x.Group)), touch, moneyCell(x.ValueMinor), txt(x.Detail))
	})
	if err != nil {
		return err
	}
	if err := sh.done(); err != nil {
		return err
	}
	b.f.SetActiveSheet(0)
	return b.f.Write(out)
}

// stageKey is a lifecycle stage's word key ("" is unknown).
func stageKey(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

func testName(w words, test string) string {
	if test == "" {
		return ""
	}
	return w.t("test." + test)
}

// dateCell is a YYYY-MM-DD date as a date cell (text when it is not one).
func dateCell(s string) xcell {
	if t, err := time.Parse(marketing.DateLayout, s); err == nil {
		return xcell{xDate, t}
	}
	return txt(s)
}

// asOfCell is a date or UTC timestamp as a date (and time) cell, in the
// computer's time zone as the user reads times.
func asOfCell(s string) xcell {
	if t, err := time.Parse(marketing.TimestampLayout, s); err == nil {
		lt := t.Local()
		// excelize writes the wall time it is given.
		return xcell{xDateTime, time.Date(lt.Year(), lt.Month(), lt.Day(), lt.Hour(), lt.Minute(), lt.Second(), 0, time.UTC)}
	}
	return dateCell(s)
}

// itoa keeps strconv in one place for the PDF's labels.
func itoa(n int) string { return strconv.Itoa(n) }

// ---------------------------------------------------------------- PDF

// The PDF is drawn with fpdf (the library of package document) in
// DejaVu Sans from package document, so Nordic and Cyrillic letters
// print. A4 portrait: page 1 has the headline figures, the plain-words
// findings, the touches and two charts; page 2 the key figures, the
// control-group comparison with its chart and the segments.

type rgb struct{ r, g, b int }

var (
	colInk     = rgb{33, 37, 41}
	colMuted   = rgb{108, 117, 125}
	colAccent  = rgb{31, 97, 164}
	colOrange  = rgb{224, 122, 31}
	colLight   = rgb{242, 245, 249}
	colGrid    = rgb{222, 226, 230}
	colControl = rgb{150, 160, 170}
	colGood    = rgb{40, 130, 80}
	colBad     = rgb{190, 55, 45}
)

const (
	pageW    = 210.0
	pageH    = 297.0
	margin   = 15.0
	contentW = pageW - 2*margin
	bottomY  = pageH - 17
)

type pdfReport struct {
	p *fpdf.Fpdf
	w words
	r *marketing.CampaignResults
	y float64
}

func (d *pdfReport) font(isBold bool, size float64) {
	st := ""
	if isBold {
		st = "B"
	}
	d.p.SetFont("dejavu", st, size)
}

// fitFont sets the largest size up to size (and down to 5.5) at which s
// fits w.
func (d *pdfReport) fitFont(s string, w float64, isBold bool, size float64) {
	for ; size > 5.5; size -= 0.25 {
		d.font(isBold, size)
		if d.p.GetStringWidth(s) <= w {
			return
		}
	}
	d.font(isBold, 5.5)
}

func (d *pdfReport) ink(c rgb)  { d.p.SetTextColor(c.r, c.g, c.b) }
func (d *pdfReport) fill(c rgb) { d.p.SetFillColor(c.r, c.g, c.b) }
func (d *pdfReport) draw(c rgb) { d.p.SetDrawColor(c.r, c.g, c.b) }

// text draws s with its baseline at y; align "L", "R" or "C" about x.
func (d *pdfReport) text(x, y float64, s, align string) {
	w := d.p.GetStringWidth(s)
	switch align {
	case "R":
		x -= w
	case "C":
		x -= w / 2
	}
	d.p.Text(x, y, s)
}

// fit shortens s with an ellipsis until it is at most w wide.
func (d *pdfReport) fit(s string, w float64) string {
	if d.p.GetStringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 1 {
		r = r[:len(r)-1]
		if t := string(r) + "…"; d.p.GetStringWidth(t) <= w {
			return t
		}
	}
	return string(r)
}

// need starts a new page when h more millimetres do not fit.
func (d *pdfReport) need(h float64) {
	if d.y+h > bottomY {
		d.page()
	}
}

func (d *pdfReport) page() {
	d.p.AddPage()
	d.y = margin
	if d.p.PageNo() > 1 {
		d.font(false, 8)
		d.ink(colMuted)
		d.text(margin, margin+2, d.fit(d.r.Name, contentW-60), "L")
		d.text(pageW-margin, margin+2, d.w.t("title"), "R")
		d.draw(colGrid)
		d.p.SetLineWidth(0.2)
		d.p.Line(margin, margin+4, pageW-margin, margin+4)
		d.y = margin + 9
	}
}

func (d *pdfReport) heading(s string) {
	d.need(12)
	d.font(true, 11)
	d.ink(colInk)
	d.text(margin, d.y+4, s, "L")
	d.y += 8
}

// ReportPDF writes the results with their charts as a PDF.
func (s *Service) ReportPDF(ctx context.Context, id int64, lang string, out io.Writer) error {
	r, err := s.Results(ctx, id)
	if err != nil {
		return err
	}
	w := reportLang(lang)
	p := fpdf.New("P", "mm", "A4", "")
	p.AddUTF8FontFromBytes("dejavu", "", document.FontTTF(false))
	p.AddUTF8FontFromBytes("dejavu", "B", document.FontTTF(true))
	p.SetMargins(margin, margin, margin)
	p.SetAutoPageBreak(false, 0)
	p.SetTitle(w.t("title")+": "+r.Name, true)
	p.SetCreator("DirectDesk", true)
	now := s.Now()
	p.SetCreationDate(now)
	p.SetModificationDate(now)
	p.AliasNbPages("{nb}")
	d := &pdfReport{p: p, w: w, r: &r}
	p.SetFooterFunc(func() {
		d.font(false, 7.5)
		d.ink(colMuted)
		d.text(margin, pageH-9, "DirectDesk · "+w.t("made")+" "+w.date(now), "L")
		d.text(pageW-margin, pageH-9, w.t("page")+" "+itoa(p.PageNo())+" "+w.t("of")+" {nb}", "R")
	})
	d.page()
	d.header(now)
	d.cards()
	d.findings()
	d.touchTable()
	d.charts()
	d.page()
	d.summary()
	d.segmentTable()
	d.lifecycle()
	if p.Err() {
		return p.Error()
	}
	return p.Output(out)
}

func (d *pdfReport) header(now time.Time) {
	w := d.w
	d.font(true, 8)
	d.ink(colAccent)
	d.text(margin, d.y+3, strings.ToUpper(w.t("title")), "L")
	d.y += 6
	d.font(true, 18)
	d.ink(colInk)
	for _, line := range d.p.SplitText(d.r.Name, contentW) {
		d.text(margin, d.y+6, line, "L")
		d.y += 8
	}
	d.font(false, 9)
	d.ink(colMuted)
	meta := w.t("status") + ": " + w.t("status."+d.r.Status)
	if d.r.Currency != "" {
		meta += "   ·   " + w.t("currency") + ": " + d.r.Currency
	}
	if t, err := time.Parse(marketing.TimestampLayout, d.r.AsOf); err == nil {
		meta += "   ·   " + w.t("asOf") + " " + w.date(t.Local()) + " " + t.Local().Format("15:04")
	}
	d.text(margin, d.y+3, meta, "L")
	d.y += 6
	d.draw(colGrid)
	d.p.SetLineWidth(0.3)
	d.p.Line(margin, d.y, pageW-margin, d.y)
	d.y += 5
}

// cards are the headline figures, two rows of four.
func (d *pdfReport) cards() {
	w, t, u := d.w, d.r.Totals, d.r.Uplift
	cur := d.r.Currency
	profitColor := colGood
	if t.ProfitMinor < 0 {
		profitColor = colBad
	}
	type card struct {
		label, value, sub string
		color             rgb
	}
	beSub := ""
	if t.BreakEvenRate > 0 {
		beSub = w.t("responseRate") + " " + w.pct(t.ResponseRate)
	}
	upValue, upSub := "—", w.t("verdict.no_data")
	if u.Measured {
		upValue = signed(w.dec(u.Uplift*100, 1)) + " " + w.t("pp")
		upSub = w.pct(u.TargetRate) + " / " + w.pct(u.ControlRate)
	}
	cards := []card{
		{w.t("responses"), w.int(int64(t.Responses)), w.t("responseRate") + " " + w.pct(t.ResponseRate), colInk},
		{w.t("orders"), w.int(int64(t.Orders)), w.t("orderRate") + " " + w.pct(t.OrderRate), colInk},
		{w.t("revenue"), w.money(t.RevenueMinor), cur, colInk},
		{w.t("cost"), w.money(t.CostMinor), w.t("costPerResponse") + " " + w.money(t.CostPerResponseMinor), colInk},
		{w.t("profit"), w.money(t.ProfitMinor), cur, profitColor},
		{w.t("roi"), w.pct(t.ROI), "", profitColor},
		{w.t("breakEven"), w.pct(t.BreakEvenRate), beSub, colInk},
		{w.t("upliftCard"), upValue, upSub, colInk},
	}
	const gap, h = 4.0, 19.0
	cw := (contentW - 3*gap) / 4
	for i, c := range cards {
		x := margin + float64(i%4)*(cw+gap)
		y := d.y + float64(i/4)*(h+gap)
		d.fill(colLight)
		d.p.RoundedRect(x, y, cw, h, 1.5, "1234", "F")
		d.fitFont(c.label, cw-6, false, 7)
		d.ink(colMuted)
		d.text(x+3, y+5, d.fit(c.label, cw-6), "L")
		d.font(true, 13)
		d.ink(c.color)
		d.text(x+3, y+12, d.fit(c.value, cw-6), "L")
		d.font(false, 6.5)
		d.ink(colMuted)
		d.text(x+3, y+16.5, d.fit(c.sub, cw-6), "L")
	}
	d.y += 2*h + gap + 6
}

func signed(s string) string {
	if strings.HasPrefix(s, "-") {
		return "−" + s[1:]
	}
	return "+" + s
}

func (d *pdfReport) findings() {
	if len(d.r.Findings) == 0 {
		return
	}
	d.heading(d.w.t("findings"))
	d.font(false, 9)
	for _, f := range d.r.Findings {
		lines := d.p.SplitText(d.w.finding(findingLike(f)), contentW-6)
		d.need(float64(len(lines))*4.6 + 1)
		d.fill(colAccent)
		d.p.Circle(margin+1.3, d.y+2.3, 0.8, "F")
		d.ink(colInk)
		for _, l := range lines {
			d.text(margin+5, d.y+3.4, l, "L")
			d.y += 4.6
		}
		d.y += 0.8
	}
	d.y += 4
}

// table draws a header and rows; cols give widths and alignment; the
// last row is bold when total is set.
type pdfCol struct {
	head  string
	width float64
	right bool
}

// wrap breaks s into lines at most w wide at spaces, never inside a word.
func (d *pdfReport) wrap(s string, w float64) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		if line != "" && d.p.GetStringWidth(line+" "+word) > w {
			lines = append(lines, line)
			line = word
			continue
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	return append(lines, line)
}

// headLines sets the font size at which a column header fits its width
// in at most two lines without breaking a word, and returns the lines.
func (d *pdfReport) headLines(s string, w float64) ([]string, float64) {
	for size := 6.8; ; size -= 0.3 {
		d.font(true, size)
		lines := d.wrap(s, w)
		fits := len(lines) <= 2
		for _, l := range lines {
			fits = fits && d.p.GetStringWidth(l) <= w
		}
		if fits || size < 5.3 {
			if len(lines) > 2 {
				lines = []string{lines[0], d.fit(strings.Join(lines[1:], " "), w)}
			}
			return lines, size
		}
	}
}

func (d *pdfReport) table(cols []pdfCol, rows [][]string, total bool) {
	const rh = 5.6
	d.need(rh * float64(min(len(rows), 4)+1))
	// The header: words may need two lines (or a smaller size) in narrow
	// columns.
	heads := make([][]string, len(cols))
	sizes := make([]float64, len(cols))
	hh := rh
	for i, c := range cols {
		heads[i], sizes[i] = d.headLines(c.head, c.width-2)
		if len(heads[i]) > 1 {
			hh = 2 * 3.4
		}
	}
	hh += 1.5
	d.fill(colLight)
	d.p.Rect(margin, d.y, contentW, hh, "F")
	d.ink(colMuted)
	x := margin
	for i, c := range cols {
		d.font(true, sizes[i])
		for k, l := range heads[i] {
			yy := d.y + 3.9 + float64(k)*3.4
			if c.right {
				d.text(x+c.width-1, yy, l, "R")
			} else {
				d.text(x+1, yy, l, "L")
			}
		}
		x += c.width
	}
	d.y += hh
	for i, row := range rows {
		if d.y+rh > bottomY {
			d.page()
		}
		last := total && i == len(rows)-1
		d.font(last, 7.5)
		d.ink(colInk)
		if last {
			d.draw(colMuted)
			d.p.SetLineWidth(0.3)
			d.p.Line(margin, d.y, margin+contentW, d.y)
		}
		x := margin
		for j, c := range cols {
			if j < len(row) {
				s := d.fit(row[j], c.width-2)
				if c.right {
					d.text(x+c.width-1, d.y+3.9, s, "R")
				} else {
					d.text(x+1, d.y+3.9, s, "L")
				}
			}
			x += c.width
		}
		d.y += rh
		if !last {
			d.draw(colGrid)
			d.p.SetLineWidth(0.15)
			d.p.Line(margin, d.y, margin+contentW, d.y)
		}
	}
	d.y += 5
}

func (d *pdfReport) lineRow(first []string, l marketing.ResultLine) []string {
	w := d.w
	return append(first, w.int(int64(l.Sent)), w.int(int64(l.Delivered)), w.int(int64(l.Responses)), w.pct(l.ResponseRate),
		w.int(int64(l.Orders)), w.money(l.RevenueMinor), w.money(l.CostMinor), w.money(l.CostPerResponseMinor), w.pct(l.ROI))
}

func (d *pdfReport) lineCols(first []pdfCol) []pdfCol {
	w := d.w
	// 141 mm of numbers; the first columns get the remaining 39.
	return append(first, pdfCol{w.t("sent"), 10, true}, pdfCol{w.t("delivered"), 15, true}, pdfCol{w.t("responses"), 15, true},
		pdfCol{w.t("responseRate"), 14, true}, pdfCol{w.t("orders"), 11, true}, pdfCol{w.t("revenue"), 20, true},
		pdfCol{w.t("cost"), 18, true}, pdfCol{w.t("costPerResponse"), 18, true}, pdfCol{w.t("roi"), 20, true})
}

func (d *pdfReport) touchTable() {
	w := d.w
	d.heading(w.t("sheet.touches"))
	cols := d.lineCols([]pdfCol{{w.t("touch"), 21, false}, {w.t("due"), 18, false}})
	var rows [][]string
	for _, l := range d.r.Touches {
		rows = append(rows, d.lineRow([]string{itoa(l.Seq) + "  " + w.t("channel."+l.Channel), w.shortDate(l.Due)}, l))
	}
	rows = append(rows, d.lineRow([]string{w.t("total"), ""}, d.r.Totals))
	d.table(cols, rows, true)
}

// charts draws the responses by touch and the follow-up curve side by side.
func (d *pdfReport) charts() {
	const h = 64.0
	d.need(h + 4)
	cw := (contentW - 8) / 2
	d.barChart(margin, d.y, cw, h)
	d.followUpChart(margin+cw+8, d.y, cw, h)
	d.y += h + 6
}

// niceMax is a round number at or above v for an axis.
func niceMax(v float64) float64 {
	if v <= 0 {
		return 1
	}
	e := math.Pow(10, math.Floor(math.Log10(v)))
	for _, f := range []float64{1, 2, 2.5, 5, 10} {
		if f*e >= v {
			return f * e
		}
	}
	return 10 * e
}

// chartFrame draws a chart's title and returns its plot area.
func (d *pdfReport) chartFrame(x, y, w, h float64, title string) (px, py, pw, ph float64) {
	d.draw(colGrid)
	d.p.SetLineWidth(0.2)
	d.p.RoundedRect(x, y, w, h, 1.5, "1234", "D")
	d.font(true, 8.5)
	d.ink(colInk)
	lines := d.p.SplitText(title, w-6)
	for i, l := range lines[:min(len(lines), 2)] {
		d.text(x+3, y+5.5+float64(i)*4, l, "L")
	}
	top := y + 5.5 + float64(min(len(lines), 2))*4 + 3
	return x + 12, top, w - 16, y + h - 12 - top
}

func (d *pdfReport) yAxis(px, py, pw, ph, max float64, format func(v float64) string) {
	d.font(false, 6)
	for i := 0; i <= 4; i++ {
		v := max * float64(i) / 4
		yy := py + ph - ph*float64(i)/4
		d.draw(colGrid)
		d.p.SetLineWidth(0.15)
		d.p.Line(px, yy, px+pw, yy)
		d.ink(colMuted)
		d.text(px-1.5, yy+1, format(v), "R")
	}
}

func (d *pdfReport) empty(px, py, pw, ph float64) {
	d.font(false, 8)
	d.ink(colMuted)
	d.text(px+pw/2, py+ph/2, d.w.t("nothing"), "C")
}

func (d *pdfReport) legend(x, y float64, items ...any) {
	d.font(false, 6.5)
	for i := 0; i+1 < len(items); i += 2 {
		c, label := items[i].(rgb), items[i+1].(string)
		d.fill(c)
		d.p.Rect(x, y-2.2, 2.6, 2.6, "F")
		d.ink(colMuted)
		d.text(x+3.6, y, label, "L")
		x += 3.6 + d.p.GetStringWidth(label) + 5
	}
}

// barChart: responses and orders per touch, side by side.
func (d *pdfReport) barChart(x, y, w, h float64) {
	px, py, pw, ph := d.chartFrame(x, y, w, h, d.w.t("chart.byTouch"))
	touches := d.r.Touches
	top := 0
	for _, t := range touches {
		top = max(top, t.Responses, t.Orders)
	}
	if len(touches) == 0 || top == 0 {
		d.empty(px, py, pw, ph)
		return
	}
	// Whole steps: four gridlines of 1, 2, 5, 10, ... people.
	step := 1.0
	for i := 0; step*4 < float64(top); i++ {
		step = []float64{1, 2, 5}[(i+1)%3] * math.Pow(10, float64((i+1)/3))
	}
	mx := step * 4
	d.yAxis(px, py, pw, ph, mx, func(v float64) string { return d.w.dec(v, 0) })
	slot := pw / float64(len(touches))
	bw := math.Min(slot*0.32, 7)
	for i, t := range touches {
		cx := px + slot*(float64(i)+0.5)
		for j, v := range []int{t.Responses, t.Orders} {
			c := colAccent
			if j == 1 {
				c = colOrange
			}
			bh := ph * float64(v) / mx
			bx := cx - bw + float64(j)*bw
			d.fill(c)
			if bh > 0 {
				d.p.Rect(bx, py+ph-bh, bw*0.92, bh, "F")
			}
			d.font(false, 5.5)
			d.ink(colMuted)
			if v > 0 {
				d.text(bx+bw*0.46, py+ph-bh-0.8, itoa(v), "C")
			}
		}
		d.font(false, 6)
		d.ink(colInk)
		d.text(cx, py+ph+3.2, itoa(t.Seq), "C")
		d.ink(colMuted)
		d.font(false, 5)
		d.text(cx, py+ph+5.8, d.fit(d.w.t("channel."+t.Channel), slot-1), "C")
	}
	d.legend(px, y+h-2.5, colAccent, d.w.t("responses"), colOrange, d.w.t("orders"))
}

// followUpChart: each touch's share of the orders (bars) and the
// cumulative share (line).
func (d *pdfReport) followUpChart(x, y, w, h float64) {
	title := d.w.t("chart.followUp")
	if d.r.Totals.Orders == 0 && d.r.Totals.RevenueMinor > 0 {
		title = d.w.t("chart.followUpRevenue")
	}
	px, py, pw, ph := d.chartFrame(x, y, w, h, title)
	pts := d.r.FollowUp
	if len(pts) == 0 || pts[len(pts)-1].CumulativeShare == 0 {
		d.empty(px, py, pw, ph)
		return
	}
	d.yAxis(px, py, pw, ph, 1, func(v float64) string { return d.w.dec(v*100, 0) + " %" })
	slot := pw / float64(len(pts))
	bw := math.Min(slot*0.5, 9)
	prev := 0.0
	var line []fpdf.PointType
	for i, p := range pts {
		cx := px + slot*(float64(i)+0.5)
		share := p.CumulativeShare - prev
		prev = p.CumulativeShare
		if bh := ph * share; bh > 0.05 {
			d.fill(rgb{190, 210, 232})
			d.p.Rect(cx-bw/2, py+ph-bh, bw, bh, "F")
		}
		line = append(line, fpdf.PointType{X: cx, Y: py + ph - ph*p.CumulativeShare})
		d.font(false, 6)
		d.ink(colInk)
		d.text(cx, py+ph+3.2, itoa(p.Seq), "C")
	}
	d.draw(colAccent)
	d.p.SetLineWidth(0.6)
	for i := 1; i < len(line); i++ {
		d.p.Line(line[i-1].X, line[i-1].Y, line[i].X, line[i].Y)
	}
	d.fill(colAccent)
	for i, pt := range line {
		d.p.Circle(pt.X, pt.Y, 0.9, "F")
		if i == len(line)-1 || len(line) <= 6 {
			d.font(true, 5.5)
			d.ink(colAccent)
			d.text(pt.X, pt.Y-1.8, d.w.dec(pts[i].CumulativeShare*100, 0)+" %", "C")
		}
	}
	d.legend(px, y+h-2.5, rgb{190, 210, 232}, d.w.t("touchShare"), colAccent, d.w.t("cumShare"))
}

// summary is page 2's top: the key figures on the left, the control
// group comparison with its chart on the right.
func (d *pdfReport) summary() {
	w, t, u, l := d.w, d.r.Totals, d.r.Uplift, d.r.LTV
	d.heading(w.t("sheet.summary"))
	top := d.y
	half := (contentW - 8) / 2
	rows := [][2]string{
		{w.t("recipients"), w.int(int64(t.Recipients))},
		{w.t("sent"), w.int(int64(t.Sent))},
		{w.t("delivered"), w.int(int64(t.Delivered))},
		{w.t("bounced"), w.int(int64(t.Bounced))},
		{w.t("responses"), w.int(int64(t.Responses))},
		{w.t("responseRate"), w.pct(t.ResponseRate)},
		{w.t("orders"), w.int(int64(t.Orders))},
		{w.t("orderRate"), w.pct(t.OrderRate)},
		{w.t("revenue"), w.money(t.RevenueMinor)},
		{w.t("cost"), w.money(t.CostMinor)},
		{w.t("costPerResponse"), w.money(t.CostPerResponseMinor)},
		{w.t("costPerOrder"), w.money(t.CostPerOrderMinor)},
		{w.t("profit"), w.money(t.ProfitMinor)},
		{w.t("roi"), w.pct(t.ROI)},
		{w.t("breakEven"), w.pct(t.BreakEvenRate)},
		{w.t("clicks") + " / " + w.t("opens"), w.int(int64(t.Clicks)) + " / " + w.int(int64(t.Opens))},
		{w.t("ltvBefore"), w.money(l.TargetBeforeMinor)},
		{w.t("ltvSince"), w.money(l.TargetSinceMinor)},
		{w.t("ltvLifetime"), w.money(l.TargetLifetimeMinor)},
		{w.t("openTasks"), w.int(int64(d.r.OpenFulfilments))},
		{w.t("fulfilDays"), w.dec(d.r.FulfilmentDays, 1)},
	}
	const rh = 5.2
	for i, r := range rows {
		yy := top + float64(i)*rh
		if i%2 == 0 {
			d.fill(colLight)
			d.p.Rect(margin, yy, half, rh, "F")
		}
		d.fitFont(r[0], half-30, false, 7.5)
		d.ink(colMuted)
		d.text(margin+2, yy+3.6, d.fit(r[0], half-30), "L")
		d.font(true, 7.5)
		d.ink(colInk)
		d.text(margin+half-2, yy+3.6, r[1], "R")
	}
	left := top + float64(len(rows))*rh

	// The control group.
	x := margin + half + 8
	y := top
	d.font(true, 9)
	d.ink(colInk)
	for _, line := range d.p.SplitText(w.t("uplift"), half) {
		d.text(x, y+3.5, line, "L")
		y += 4.5
	}
	y += 2
	if !u.Measured {
		d.font(false, 8)
		d.ink(colMuted)
		d.text(x, y+4, w.t("verdict.no_data"), "L")
		d.y = max(left, y+8) + 6
		return
	}
	// Bars of the buying rates.
	mx := niceMax(math.Max(u.TargetRate, u.ControlRate) * 1.15)
	labelW := 33.0
	barW := half - labelW - 18
	for i, g := range []struct {
		label string
		rate  float64
		c     rgb
	}{{w.t("targetGroup"), u.TargetRate, colAccent}, {w.t("controlGroup"), u.ControlRate, colControl}} {
		yy := y + float64(i)*9
		d.fitFont(g.label, labelW-2, false, 7.5)
		d.ink(colInk)
		d.text(x, yy+4.6, d.fit(g.label, labelW-2), "L")
		d.fill(colLight)
		d.p.Rect(x+labelW, yy+1, barW, 5.5, "F")
		d.fill(g.c)
		if bw := barW * g.rate / mx; bw > 0 {
			d.p.Rect(x+labelW, yy+1, bw, 5.5, "F")
		}
		d.font(true, 7.5)
		d.text(x+labelW+barW+1.5, yy+4.9, w.pct(g.rate), "L")
	}
	y += 20
	d.font(false, 7.5)
	grid := [][3]string{
		{"", w.t("targetShort"), w.t("controlShort")},
		{w.t("people"), w.int(int64(u.TargetN)), w.int(int64(u.ControlN))},
		{w.t("buyers"), w.int(int64(u.TargetBuyers)), w.int(int64(u.ControlBuyers))},
		{w.t("revPerPerson"), w.money(u.TargetRevenuePerPersonMinor), w.money(u.ControlRevenuePerPersonMinor)},
		{w.t("yearBefore"), w.money(l.TargetBeforeMinor), w.money(l.ControlBeforeMinor)},
	}
	for i, r := range grid {
		yy := y + float64(i)*rh
		d.fitFont(r[0], half-46, false, 7)
		d.ink(colMuted)
		d.text(x, yy+3.6, d.fit(r[0], half-46), "L")
		for k, v := range r[1:] {
			d.fitFont(v, 21, i == 0, 7)
			d.ink(colInk)
			d.text(x+half-22+float64(k)*22, yy+3.6, d.fit(v, 21), "R")
		}
	}
	y += float64(len(grid))*rh + 2
	facts := [][2]string{
		{w.t("difference"), signed(w.dec(u.Uplift*100, 1)) + " " + w.t("pp")},
		{w.t("ci"), signed(w.dec(u.Low*100, 1)) + " … " + signed(w.dec(u.High*100, 1)) + " " + w.t("pp")},
		{w.t("pValue"), w.pValue(u.P)},
		{w.t("test"), testName(w, u.Test)},
		{w.t("incremental"), w.money(u.IncrementalRevenueMinor)},
	}
	for i, f := range facts {
		yy := y + float64(i)*rh
		d.fitFont(f[0], half-40, false, 7)
		d.ink(colMuted)
		d.text(x, yy+3.6, d.fit(f[0], half-40), "L")
		d.font(true, 7)
		d.ink(colInk)
		d.text(x+half, yy+3.6, d.fit(f[1], 40), "R")
	}
	y += float64(len(facts))*rh + 2
	verdict := w.tf("f.uplift", map[string]string{"target": w.pct(u.TargetRate), "control": w.pct(u.ControlRate),
		"verdict": w.verdict(u.Verdict, u.Uplift), "p": w.pValue(u.P)})
	d.font(true, 8)
	d.ink(colAccent)
	for _, line := range d.p.SplitText(verdict, half) {
		d.text(x, y+3.5, line, "L")
		y += 4.3
	}
	d.y = max(left, y) + 6
}

func (d *pdfReport) segmentTable() {
	w := d.w
	if len(d.r.Segments) == 0 && len(d.r.Channels) == 0 {
		return
	}
	d.heading(w.t("sheet.segments"))
	cols := d.lineCols([]pdfCol{{w.t("segment"), 39, false}})
	var rows [][]string
	for _, l := range d.r.Segments {
		rows = append(rows, d.lineRow([]string{w.t("stage." + l.Key[len("segment:"):])}, l))
	}
	for _, l := range d.r.Channels {
		rows = append(rows, d.lineRow([]string{w.t("channel") + ": " + w.t("channel."+l.Channel)}, l))
	}
	d.table(cols, rows, false)
}

func (d *pdfReport) lifecycle() {
	w := d.w
	if len(d.r.Lifecycle) == 0 {
		return
	}
	d.heading(w.t("lifecycle"))
	var rows [][]string
	for _, m := range d.r.Lifecycle {
		rows = append(rows, []string{w.t("stage." + stageKey(m.From)), w.t("stage." + stageKey(m.To)), w.int(int64(m.Count))})
	}
	d.table([]pdfCol{{w.t("from"), 70, false}, {w.t("to"), 70, false}, {w.t("count"), 40, true}}, rows, false)
}

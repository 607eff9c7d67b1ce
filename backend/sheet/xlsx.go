package sheet

import (
	"archive/zip"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// xlsx reading pairs two streams over the same worksheet:
//   - excelize's Rows().Columns() gives the text as formatted by the cell's
//     number format ("0150" for 150 formatted 0000, "25%", "kr 1.234").
//   - scanMeta (xlsxscan.go) gives each cell's type, style and raw value,
//     which Columns() does not; we need them for dates, numbers and kinds.
// scanMeta runs in its own goroutine, so on two cores the pair costs little
// more than excelize alone. Merged header cells come from a byte scan of the
// worksheet's <mergeCells>, because excelize's GetMergeCells would load the
// whole sheet into memory.

// neutralFmt is a number format id excelize knows nowhere: cells styled with
// it come out of Columns() unformatted. We give it to date styles because
// excelize formats dates slowly (three quarters of its read time on a sheet
// with dates) and we show dates ourselves.
const neutralFmt = 1 << 30

type xlsxBook struct {
	opt      Options
	f        *excelize.File
	closer   io.Closer
	sheets   []SheetInfo
	parts    map[string]*zip.File
	date1904 bool
	dates    []fmtKind // by cell style index
	seconds  []bool    // by style index: the date format shows seconds
}

func openXLSX(zf zipped, opt Options) (_ *xlsxBook, err error) {
	b := &xlsxBook{opt: opt, closer: zf.closer, parts: map[string]*zip.File{}}
	defer func() {
		if r := recover(); r != nil {
			err = recovered(r)
		}
		if err != nil {
			b.Close()
		}
	}()
	budget := opt.unzipBudget(zf.size)
	var total, inMemory uint64
	for _, f := range zf.z.File {
		total += f.UncompressedSize64
		n := strings.ToLower(f.Name)
		if !strings.HasPrefix(n, "xl/worksheets/sheet") && n != "xl/sharedstrings.xml" {
			inMemory += f.UncompressedSize64 // excelize reads these parts whole
		}
		if n == "xl/workbook.bin" {
			return nil, unsupported("xlsb", "This is an Excel Binary Workbook (.xlsb), which DirectDesk cannot read. Open it in Excel and save it as Excel Workbook (.xlsx), then import that file.")
		}
	}
	if total > uint64(budget) || inMemory > smallPartLimit*8 {
		return nil, unpacksTooBig(budget)
	}
	b.f, err = zf.excel(excelize.Options{UnzipSizeLimit: budget, UnzipXMLSizeLimit: min(budget, 16<<20)})
	if err != nil {
		if strings.Contains(err.Error(), "unzip size") {
			return nil, unpacksTooBig(budget)
		}
		return nil, damaged(err)
	}
	wb, err := readWorkbook(zf.z)
	if err != nil {
		return nil, damaged(err)
	}
	hidden := map[string]bool{}
	for _, s := range wb {
		if p := findPart(zf.z, s.part); p != nil && s.part != "" {
			b.parts[s.name] = p
		}
		hidden[s.name] = s.hidden
	}
	for _, name := range b.f.GetSheetList() {
		p := b.parts[name]
		rows, cols := sheetDimension(p)
		b.sheets = append(b.sheets, SheetInfo{Name: name, Rows: rows, Cols: cols, Hidden: hidden[name]})
	}
	if props, err := b.f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		b.date1904 = *props.Date1904
	}
	b.readStyles()
	return b, nil
}

// readStyles finds the date styles and hands them the neutral format (see
// neutralFmt). It reaches into excelize's parsed styles: there is no API to
// change a loaded style's number format. If excelize ever changes this,
// dates still come out right (we replace their text), only slower.
func (b *xlsxBook) readStyles() {
	if _, err := b.f.GetStyle(0); err != nil && b.f.Styles == nil {
		return
	}
	st := b.f.Styles
	if st == nil || st.CellXfs == nil {
		return
	}
	custom := map[int]string{}
	if st.NumFmts != nil {
		for _, nf := range st.NumFmts.NumFmt {
			if nf != nil {
				custom[nf.NumFmtID] = nf.FormatCode
			}
		}
	}
	b.dates = make([]fmtKind, len(st.CellXfs.Xf))
	b.seconds = make([]bool, len(st.CellXfs.Xf))
	neutral := neutralFmt
	for i := range st.CellXfs.Xf {
		xf := &st.CellXfs.Xf[i]
		id := 0
		if xf.NumFmtID != nil {
			id = *xf.NumFmtID
		}
		if code, ok := custom[id]; ok {
			b.dates[i] = customFormatKind(code)
			b.seconds[i] = strings.Contains(strings.ToLower(code), "s")
		} else {
			b.dates[i] = builtinFormatKind(id)
		}
		if b.dates[i] != fmtNumber {
			xf.NumFmtID = &neutral
		}
	}
}

func (b *xlsxBook) Format() string      { return "xlsx" }
func (b *xlsxBook) Sheets() []SheetInfo { return append([]SheetInfo(nil), b.sheets...) }

func (b *xlsxBook) Close() error {
	var err error
	if b.f != nil {
		err = b.f.Close()
		b.f = nil
	}
	if b.closer != nil {
		if cerr := b.closer.Close(); err == nil {
			err = cerr
		}
		b.closer = nil
	}
	return err
}

func (b *xlsxBook) Rows(sheet string) (_ RowIter, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = recovered(r)
		}
	}()
	name := ""
	for _, s := range b.sheets {
		if s.Name == sheet || (name == "" && strings.EqualFold(s.Name, sheet)) {
			name = s.Name
		}
	}
	if name == "" || b.f == nil {
		return nil, unknownSheet(sheet)
	}
	rows, err := b.f.Rows(name)
	if err != nil {
		return nil, damaged(err)
	}
	done := make(chan struct{})
	s := &xlsxSource{b: b, rows: rows, done: done}
	if part := b.parts[name]; part != nil {
		meta := make(chan metaBatch, 4)
		s.meta = meta
		go scanMeta(part, meta, done, 64)
		merges := make(chan []rect, 1)
		s.mergeCh = merges
		go func() {
			var m []rect
			defer func() {
				_ = recover() // merges are cosmetic: a broken scan means none
				merges <- m
			}()
			m, _ = scanMerges(part, b.opt.MaxCols, done)
		}()
	}
	return newIter(s, b.opt), nil
}

type xlsxSource struct {
	b    *xlsxBook
	rows *excelize.Rows
	k    int   // excelize's current row number
	err  error // io.EOF or the error that ended the sheet

	meta    <-chan metaBatch
	batch   []metaRow
	metaErr error
	done    chan struct{}

	mergeCh <-chan []rect
	merges  []rect
	known   bool     // merges are known
	ahead   [][]Cell // rows read while waiting for the merges
	aheadOK bool
}

func (s *xlsxSource) next() ([]Cell, int, error) {
	var cells []Cell
	if len(s.ahead) > 0 {
		cells, s.ahead = s.ahead[0], s.ahead[1:]
	} else {
		var err error
		if cells, err = s.read(); err != nil {
			return nil, 0, err
		}
	}
	row := s.k - len(s.ahead)
	if row <= headerRows {
		s.awaitMerges()
		cells = s.fill(row, cells)
	}
	return cells, 1, nil
}

// awaitMerges waits for the merge scan, reading rows ahead meanwhile so the
// wait overlaps useful work.
func (s *xlsxSource) awaitMerges() {
	if s.known {
		return
	}
	if s.mergeCh == nil {
		s.known = true
		return
	}
	for len(s.ahead) < 4096 && s.err == nil {
		select {
		case s.merges = <-s.mergeCh:
			s.known = true
			return
		default:
		}
		cells, err := s.read()
		if err != nil {
			break // read() remembers EOF and errors for later
		}
		s.ahead = append(s.ahead, cells)
	}
	s.merges, s.known = <-s.mergeCh, true
}

// fill spreads each merged range's top-left value over the range.
func (s *xlsxSource) fill(row int, cells []Cell) []Cell {
	for i := range s.merges {
		m := &s.merges[i]
		if row < m.r1 || row > m.r2 {
			continue
		}
		if row == m.r1 && !m.seen {
			if m.c1-1 < len(cells) {
				m.anchor = cells[m.c1-1]
			}
			m.seen = true
		}
		if m.anchor.Kind == KindEmpty && m.anchor.Text == "" {
			continue
		}
		for c := m.c1; c <= m.c2; c++ {
			if row == m.r1 && c == m.c1 {
				continue
			}
			for len(cells) < c {
				cells = append(cells, Cell{})
			}
			cells[c-1] = m.anchor
		}
	}
	return cells
}

// read reads the next excelize row and dresses it with the scanned types.
// The first error (or io.EOF) is remembered and returned from then on.
func (s *xlsxSource) read() ([]Cell, error) {
	if s.err != nil {
		return nil, s.err
	}
	cells, err := s.readRow()
	if err != nil {
		s.err = err
	}
	return cells, err
}

func (s *xlsxSource) readRow() ([]Cell, error) {
	if !s.rows.Next() {
		if err := s.rows.Error(); err != nil {
			if errors.Is(err, excelize.ErrMaxRows) {
				return nil, tooManyRows(s.b.opt.MaxRows)
			}
			return nil, damaged(err)
		}
		return nil, s.endErr()
	}
	s.k++
	texts, err := s.rows.Columns()
	if err != nil {
		return nil, damaged(err)
	}
	if s.metaErr != nil {
		return nil, damaged(s.metaErr)
	}
	cells := make([]Cell, len(texts))
	for i, t := range texts {
		cells[i] = Cell{Text: t, Raw: t}
		if t != "" {
			cells[i].Kind = KindString
		}
	}
	if mr := s.metaFor(s.k); mr != nil {
		for _, mc := range mr.cells {
			if mc.col >= 1 && mc.col <= len(cells) {
				s.dress(&cells[mc.col-1], mc)
			}
		}
	}
	return cells, nil
}

func (s *xlsxSource) endErr() error {
	if s.metaErr != nil {
		return damaged(s.metaErr)
	}
	if s.meta != nil {
		// A scan that ended in an XML error means excelize stopped early too:
		// the file is damaged, and importing half of it would be worse.
		for b := range s.meta {
			if b.err != nil {
				s.metaErr = b.err
				return damaged(b.err)
			}
		}
		s.meta = nil
	}
	return io.EOF
}

// metaFor returns the scanned row numbered k, if there is one.
func (s *xlsxSource) metaFor(k int) *metaRow {
	for {
		for len(s.batch) > 0 && s.batch[0].num < k {
			s.batch = s.batch[1:]
		}
		if len(s.batch) > 0 {
			if s.batch[0].num == k {
				return &s.batch[0]
			}
			return nil
		}
		if s.meta == nil {
			return nil
		}
		b, ok := <-s.meta
		if !ok {
			s.meta = nil
			return nil
		}
		if b.err != nil {
			s.metaErr = b.err
		}
		s.batch = b.rows
	}
}

// dress sets Kind and Raw from the cell's type and style; Text stays as
// excelize formatted it, except for dates.
func (s *xlsxSource) dress(c *Cell, mc metaCell) {
	switch mc.t {
	case "s", "inlineStr", "str":
		return // text: excelize's value is right
	case "b":
		c.Kind, c.Raw = KindBool, "false"
		if strings.TrimSpace(mc.v) == "1" || strings.EqualFold(mc.v, "true") {
			c.Raw = "true"
		}
	case "e":
		c.Kind, c.Raw = KindError, mc.v
	case "d":
		if c.Text != "" {
			c.Kind, c.Raw = KindDate, mc.v
		}
	case "", "n":
		v := strings.TrimSpace(mc.v)
		if v == "" {
			return
		}
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return // not a number after all: keep it as text
		}
		c.Kind, c.Raw = KindNumber, normNumber(v)
		if mc.style < 0 || mc.style >= len(s.b.dates) || s.b.dates[mc.style] == fmtNumber {
			return
		}
		if t, ok := serialTime(f, s.b.date1904); ok {
			c.Kind = KindDate
			c.Text = dateText(t, s.b.dates[mc.style], s.b.seconds[mc.style])
			if s.b.date1904 {
				c.Raw = normNumber(strconv.FormatFloat(f+1462, 'f', -1, 64))
			}
		}
	}
}

func (s *xlsxSource) close() error {
	if s.done != nil {
		close(s.done)
		s.done = nil
	}
	if s.rows == nil {
		return nil
	}
	rows := s.rows
	s.rows, s.err = nil, io.EOF
	return rows.Close()
}

package sheet

import (
	"archive/zip"
	"errors"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"directdesk/backend/marketing"
)

// xlsx reading: excelize opens the book (sheet list, styles, the 1904 flag)
// and formats the odd number; the rows come from our own tokeniser of the
// worksheet XML (xlsxcells.go), which runs in its own goroutine so reading
// overlaps the import. Merged header cells come from a byte scan of the
// worksheet's <mergeCells>, because excelize's GetMergeCells would load the
// whole sheet into memory.

// neutralFmt is a number format id excelize knows nowhere: date styles get
// it so that excelize never spends time formatting a date (we show dates
// ourselves) should a date cell reach it.
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
	numFmts  []int     // by style index: the number format id
	fmtState
	sstState
}

func openXLSX(zf zipped, opt Options) (_ *xlsxBook, err error) {
	b := &xlsxBook{opt: opt, closer: zf.closer, parts: map[string]*zip.File{}}
	b.fmtCache = map[fmtKey]string{}
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
	wb, sstPart, err := readWorkbook(zf.z)
	if err != nil {
		return nil, damaged(err)
	}
	if sstPart != "" {
		b.sstPart = findPart(zf.z, sstPart)
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
	b.numFmts = make([]int, len(st.CellXfs.Xf))
	neutral := neutralFmt
	for i := range st.CellXfs.Xf {
		xf := &st.CellXfs.Xf[i]
		id := 0
		if xf.NumFmtID != nil {
			id = *xf.NumFmtID
		}
		b.numFmts[i] = id
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
	b.fmtMu.Lock() // a row scan may be formatting a number with b.f
	defer b.fmtMu.Unlock()
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
	part := b.parts[name]
	if name == "" || b.f == nil {
		return nil, unknownSheet(sheet)
	}
	if part == nil {
		return nil, damaged(errors.New("no worksheet part for sheet " + name))
	}
	done := make(chan struct{})
	rows := make(chan rowBatch, 4)
	go b.scanRows(part, rows, done)
	merges := make(chan []rect, 1)
	go func() {
		var m []rect
		defer func() {
			_ = recover() // merges are cosmetic: a broken scan means none
			merges <- m
		}()
		m, _ = scanMerges(part, b.opt.MaxCols, done)
	}()
	return newIter(&xlsxSource{rows: rows, done: done, mergeCh: merges}, b.opt), nil
}

type xlsxSource struct {
	rows  <-chan rowBatch
	batch []xrow
	err   error // io.EOF or the error that ended the sheet
	done  chan struct{}

	mergeCh <-chan []rect
	merges  []rect
	known   bool   // merges are known
	ahead   []xrow // rows read while waiting for the merges
}

func (s *xlsxSource) next() ([]Cell, int, error) {
	var r xrow
	if len(s.ahead) > 0 {
		r, s.ahead = s.ahead[0], s.ahead[1:]
	} else {
		var err error
		if r, err = s.read(); err != nil {
			return nil, 0, err
		}
	}
	if r.num <= headerRows {
		s.awaitMerges()
		r.cells = s.fill(r.num, r.cells)
	}
	return r.cells, r.n, nil
}

// awaitMerges waits for the merge scan, reading rows ahead meanwhile so the
// wait overlaps useful work.
func (s *xlsxSource) awaitMerges() {
	if s.known {
		return
	}
	for len(s.ahead) < 4096 && s.err == nil {
		select {
		case s.merges = <-s.mergeCh:
			s.known = true
			return
		default:
		}
		r, err := s.read()
		if err != nil {
			break // read() remembers EOF and errors for later
		}
		s.ahead = append(s.ahead, r)
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

// read hands out the next scanned row. The first error (or io.EOF) is
// remembered and returned from then on; rows scanned before an error are
// handed out first only if the scan ended cleanly, because a sheet whose XML
// breaks half-way is damaged and importing half of it would be worse.
func (s *xlsxSource) read() (xrow, error) {
	for len(s.batch) == 0 {
		if s.err != nil {
			return xrow{}, s.err
		}
		b, ok := <-s.rows
		if !ok {
			s.err = io.EOF
			continue
		}
		if b.err != nil {
			var e *marketing.Error
			if !errors.As(b.err, &e) {
				b.err = damaged(b.err)
			}
			s.err, s.batch = b.err, nil
			continue
		}
		s.batch = b.rows
	}
	r := s.batch[0]
	s.batch = s.batch[1:]
	return r, nil
}

func (s *xlsxSource) close() error {
	if s.done != nil {
		close(s.done)
		s.done = nil
	}
	s.err, s.batch, s.ahead = io.EOF, nil, nil
	return nil
}

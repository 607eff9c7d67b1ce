package sheet

import (
	"archive/zip"
	"bufio"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
	"sync"
)

// This file turns the XML of one worksheet into rows of Cells. It replaced
// excelize's Rows().Columns() for reading: that loop costs ~140 µs per
// 15-column row here (the floor in `make bench`), this encoding/xml token
// loop ~38 µs, and it runs beside the parsing and storing of the import. excelize
// still opens the book (sheet list, styles, 1904 flag) and formats the rare
// numbers whose style is neither General nor a date (see numberText), so the
// text a user sees stays the text Excel shows.

// sst is the shared-string table, every string back to back in one buffer:
// a million unique emails cost their bytes plus 8 bytes each, not a Go
// string header and struct per item as excelize's parsed table does.
type sst struct {
	buf  []byte
	ends []int // string i is buf[ends[i-1]:ends[i]]
}

func (s *sst) get(i int) (string, bool) {
	if i < 0 || i >= len(s.ends) {
		return "", false
	}
	start := 0
	if i > 0 {
		start = s.ends[i-1]
	}
	return string(s.buf[start:s.ends[i]]), true
}

// sharedStrings reads the book's string table once, for every RowIter.
func (b *xlsxBook) sharedStrings() (*sst, error) {
	b.sstOnce.Do(func() {
		b.sst = &sst{}
		if b.sstPart == nil {
			return // a book with numbers only has no table
		}
		b.sstErr = readSST(b.sstPart, b.sst, b.opt.MaxCellChars*4+4)
	})
	return b.sst, b.sstErr
}

// readSST collects <si> items: the text of <t> directly under <si> or inside
// rich-text runs <r>, never the phonetic guides <rPh>, as Excel shows them.
func readSST(f *zip.File, out *sst, maxItem int) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = recovered(r)
		}
	}()
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	d := newXMLDecoder(bufio.NewReaderSize(rc, 64<<10))
	var (
		inSI  bool
		inT   bool
		rph   int
		start int
	)
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				inSI, start = true, len(out.buf)
			case "rPh":
				rph++
			case "t":
				inT = inSI && rph == 0
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				if inSI {
					out.buf = append(out.buf[:start], bstrUnmarshal(string(out.buf[start:]))...)
					out.ends = append(out.ends, len(out.buf))
				}
				inSI, inT = false, false
			case "rPh":
				rph--
			case "t":
				inT = false
			}
		case xml.CharData:
			if inT && len(out.buf)-start < maxItem {
				out.buf = append(out.buf, t[:min(len(t), maxItem)]...)
			}
		}
	}
}

// bstrUnmarshal decodes the _xHHHH_ escapes Excel writes for characters XML
// 1.0 cannot hold (and _x005F_ for a literal underscore), as excelize does.
func bstrUnmarshal(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if i+7 <= len(s) && s[i] == '_' && s[i+1] == 'x' && s[i+6] == '_' {
			if v, err := strconv.ParseUint(s[i+2:i+6], 16, 16); err == nil && isHex4(s[i+2:i+6]) {
				b.WriteRune(rune(v))
				i += 7
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

func isHex4(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// xrow is one sheet row, or with n > 1 a run of blank rows starting at num.
type xrow struct {
	num, n int
	cells  []Cell
}

type rowBatch struct {
	rows []xrow
	err  error
}

// lastSheetRow is the last row a worksheet can have (Excel's limit).
const lastSheetRow = 1 << 20

// scanRows tokenises a worksheet's <sheetData> into rows and sends them in
// batches, so reading overlaps whatever the consumer does with the rows.
// Rows and cells without a reference are numbered on from the previous one;
// gaps become blank rows (runs of them past the header region). Empty cells
// are not materialised: a row is as long as its last cell with a value. It
// stops when done is closed.
func (b *xlsxBook) scanRows(f *zip.File, out chan<- rowBatch, done <-chan struct{}) {
	defer close(out)
	send := func(rb rowBatch) bool {
		select {
		case out <- rb:
			return true
		case <-done:
			return false
		}
	}
	var batch []xrow
	defer func() {
		if r := recover(); r != nil {
			send(rowBatch{rows: batch, err: recovered(r)})
		}
	}()
	strs, err := b.sharedStrings()
	if err != nil {
		send(rowBatch{err: err})
		return
	}
	rc, err := f.Open()
	if err != nil {
		send(rowBatch{err: err})
		return
	}
	defer rc.Close()
	d := newXMLDecoder(bufio.NewReaderSize(rc, 64<<10))
	maxV := b.opt.MaxCellChars*4 + 4
	var (
		cells   []Cell
		inRow   bool
		inC     bool
		inV     bool
		inIS    bool
		inT     bool
		rph     int
		hasIS   bool
		rowNum  int
		lastRow int
		colNum  int
		typ     string
		style   int
		v, is   []byte
	)
	emit := func(r xrow) bool {
		batch = append(batch, r)
		if len(batch) >= 256 {
			if !send(rowBatch{rows: batch}) {
				return false
			}
			batch = nil
		}
		return true
	}
	// gap hands out the blank rows between the last row and row num.
	gap := func(num int) bool {
		for next := lastRow + 1; next < num; {
			n := num - next
			if next <= headerRows {
				n = 1 // merged header cells may fill a blank header row
			}
			if !emit(xrow{num: next, n: n}) {
				return false
			}
			next += n
		}
		return true
	}
	fail := func(err error) {
		send(rowBatch{rows: batch, err: err})
	}
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			fail(err)
			return
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				rowNum = lastRow + 1
				if r, err := strconv.Atoi(attr(t.Attr, "r")); err == nil && r > lastRow {
					rowNum = r
				}
				if rowNum > lastSheetRow {
					fail(tooManyRows(b.opt.MaxRows))
					return
				}
				if !gap(rowNum) {
					return
				}
				inRow, cells, colNum = true, nil, 0
			case "c":
				colNum++
				if ref := attr(t.Attr, "r"); ref != "" {
					if c, ok := refColumn(ref); ok {
						colNum = c
					}
				}
				style, _ = strconv.Atoi(attr(t.Attr, "s"))
				typ = attr(t.Attr, "t")
				inC, hasIS, v, is = inRow, false, v[:0], is[:0]
			case "v":
				inV = inC
			case "is":
				inIS, hasIS = inC, inC
			case "rPh":
				rph++
			case "t":
				inT = inIS && rph == 0
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "v":
				inV = false
			case "is":
				inIS = false
			case "rPh":
				rph--
			case "t":
				inT = false
			case "c":
				if !inC {
					break
				}
				inC = false
				if len(v) == 0 && !hasIS {
					break // formatted but empty
				}
				cell, err := b.cellFrom(strs, typ, style, v, is, hasIS)
				if err != nil {
					fail(err)
					return
				}
				if cell.Kind == KindEmpty && cell.Text == "" {
					break
				}
				if colNum > b.opt.MaxCols {
					fail(tooManyCols(b.opt.MaxCols, rowNum))
					return
				}
				for len(cells) < colNum-1 {
					cells = append(cells, Cell{})
				}
				if colNum >= 1 && colNum == len(cells)+1 {
					cells = append(cells, cell)
				} else if colNum >= 1 {
					cells[colNum-1] = cell // a repeated reference: the last one wins
				}
			case "row":
				if inRow {
					inRow, lastRow = false, rowNum
					if !emit(xrow{num: rowNum, n: 1, cells: cells}) {
						return
					}
				}
			case "sheetData":
				send(rowBatch{rows: batch})
				return
			}
		case xml.CharData:
			switch {
			case inV && len(v) < maxV:
				v = append(v, t[:min(len(t), maxV)]...)
			case inT && len(is) < maxV:
				is = append(is, t[:min(len(t), maxV)]...)
			}
		}
	}
	send(rowBatch{rows: batch})
}

// refColumn reads the column of a cell reference such as "AB12".
func refColumn(ref string) (int, bool) {
	col := 0
	for i := 0; i < len(ref); i++ {
		c := ref[i]
		switch {
		case c >= 'A' && c <= 'Z':
			col = col*26 + int(c-'A') + 1
		case c >= 'a' && c <= 'z':
			col = col*26 + int(c-'a') + 1
		case c == '$':
		default:
			return col, col > 0 && col <= 16384
		}
		if col > 16384 {
			return 0, false
		}
	}
	return col, col > 0
}

// cellFrom makes the Cell the user sees from a <c>: its type t, style, <v>
// and the text of its <is> (inline string).
func (b *xlsxBook) cellFrom(strs *sst, t string, style int, v, is []byte, hasIS bool) (Cell, error) {
	text := func(s string) Cell {
		c := Cell{Text: s, Raw: s}
		if s != "" {
			c.Kind = KindString
		}
		return c
	}
	switch t {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(string(v)))
		if err != nil {
			return Cell{}, errors.New("shared string index " + strconv.Quote(string(v)))
		}
		s, ok := strs.get(i)
		if !ok {
			return Cell{}, errors.New("shared string index " + strconv.Itoa(i) + " out of range")
		}
		return text(s), nil
	case "inlineStr":
		if hasIS {
			return text(bstrUnmarshal(string(is))), nil
		}
		return text(string(v)), nil
	case "str":
		return text(string(v)), nil
	case "b":
		c := Cell{Kind: KindBool, Text: string(v), Raw: "false"}
		switch c.Text {
		case "1":
			c.Text = "TRUE"
		case "0":
			c.Text = "FALSE"
		}
		if s := strings.TrimSpace(c.Text); s == "1" || strings.EqualFold(s, "true") {
			c.Raw = "true"
		}
		return c, nil
	case "e":
		return Cell{Kind: KindError, Text: string(v), Raw: string(v)}, nil
	case "d":
		raw := string(v)
		c := Cell{Kind: KindDate, Text: raw, Raw: raw}
		if tm, ok := c.Time(); ok {
			kind := fmtDate
			if tm.Hour() != 0 || tm.Minute() != 0 || tm.Second() != 0 {
				kind = fmtDateTime
			}
			c.Text = dateText(tm, kind, tm.Second() != 0)
		}
		return c, nil
	}
	return b.numberCell(string(v), style), nil
}

// numberCell types a number cell by its style: a date, or a number whose
// text is what Excel shows (General, or the style's number format).
func (b *xlsxBook) numberCell(v string, style int) Cell {
	trimmed := strings.TrimSpace(v)
	f, err := strconv.ParseFloat(trimmed, 64)
	if trimmed == "" || err != nil {
		c := Cell{Text: v, Raw: v} // not a number after all: text
		if v != "" {
			c.Kind = KindString
		}
		return c
	}
	c := Cell{Kind: KindNumber, Raw: normNumber(trimmed), Text: generalText(v)}
	if style <= 0 || style >= len(b.dates) {
		return c
	}
	if b.dates[style] != fmtNumber {
		if t, ok := serialTime(f, b.date1904); ok {
			c.Kind = KindDate
			c.Text = dateText(t, b.dates[style], b.seconds[style])
			if b.date1904 {
				c.Raw = normNumber(strconv.FormatFloat(f+1462, 'f', -1, 64))
			}
		}
		return c
	}
	if id := b.numFmts[style]; id != 0 && id != 49 { // General and "@" show the number as it is
		c.Text = b.formatNumber(v, style)
	}
	return c
}

// generalText is a number in Excel's General format, as excelize gives it:
// no exponent, and at most 15 significant digits.
func generalText(v string) string {
	if strings.Contains(v, "_") {
		return v
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return v
	}
	plain := strconv.FormatFloat(f, 'f', -1, 64)
	if digits := len(plain) - strings.Count(plain, "."); digits > 15 && !withinPrecision(v) {
		return strconv.FormatFloat(f, 'G', 15, 64)
	}
	return plain
}

func withinPrecision(s string) bool {
	if strings.ContainsAny(s, ".Ee") {
		return false
	}
	s = strings.TrimLeft(s, "+-0")
	return len(strings.TrimRight(s, "0")) <= 15
}

// formatNumber shows a number in its cell style's number format ("0150" for
// 150 formatted 0000, "25.00%", "1,234.50 kr") with excelize's formatter,
// through a scratch sheet of the opened book: excelize has no API that
// formats a value on its own. Results are cached; most such columns repeat
// a few thousand values (postcodes, prices).
func (b *xlsxBook) formatNumber(v string, style int) string {
	b.fmtMu.Lock()
	defer b.fmtMu.Unlock()
	key := fmtKey{v, style}
	if s, ok := b.fmtCache[key]; ok {
		return s
	}
	out := generalText(v)
	if b.f == nil {
		return out
	}
	if b.fmtSheet == "" {
		name := "directdesk-format"
		for i := 2; i < 100; i++ {
			if idx, _ := b.f.GetSheetIndex(name); idx < 0 {
				break
			}
			name = "directdesk-format-" + strconv.Itoa(i)
		}
		if _, err := b.f.NewSheet(name); err != nil {
			return out
		}
		b.fmtSheet = name
	}
	if b.f.SetCellDefault(b.fmtSheet, "A1", v) == nil && b.f.SetCellStyle(b.fmtSheet, "A1", "A1", style) == nil {
		if s, err := b.f.GetCellValue(b.fmtSheet, "A1"); err == nil {
			out = s
		}
	}
	if len(b.fmtCache) >= 1<<14 {
		clear(b.fmtCache)
	}
	b.fmtCache[key] = out
	return out
}

type fmtKey struct {
	v     string
	style int
}

// fmtState is the formatter's part of xlsxBook.
type fmtState struct {
	fmtMu    sync.Mutex
	fmtSheet string
	fmtCache map[fmtKey]string
}

// sstState is the shared-string part of xlsxBook.
type sstState struct {
	sstPart *zip.File
	sstOnce sync.Once
	sst     *sst
	sstErr  error
}

package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"html"
	"io"
	"strconv"
	"strings"
)

// ODS is read from content.xml token by token: the document can be hundreds
// of megabytes, and LibreOffice pads every sheet with runs like "the next
// 1,048,553 rows are empty", which must not be expanded.

const (
	nsOffice  = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
	nsTable   = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
	nsText    = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
	nsCalcExt = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"
)

type odsBook struct {
	opt     Options
	closer  io.Closer
	content *zip.File
	budget  int64
	sheets  []SheetInfo
}

func openODS(zf zipped, opt Options) (_ *odsBook, err error) {
	b := &odsBook{opt: opt, closer: zf.closer, budget: opt.unzipBudget(zf.size)}
	defer func() {
		if r := recover(); r != nil {
			err = recovered(r)
		}
		if err != nil {
			b.Close()
		}
	}()
	if m := findPart(zf.z, "META-INF/manifest.xml"); m != nil {
		if rc, err := m.Open(); err == nil {
			manifest, _ := io.ReadAll(io.LimitReader(rc, 1<<20))
			rc.Close()
			if bytes.Contains(manifest, []byte("encryption-data")) {
				return nil, unsupported("encrypted", "The file is protected with a password. Open it in LibreOffice, remove the password (File > Properties > Security, or File > Save As without \"Save with password\") and save it again, then import that file.")
			}
		}
	}
	b.content = findPart(zf.z, "content.xml")
	if b.content == nil {
		return nil, damaged(errors.New("ods without content.xml"))
	}
	if b.content.UncompressedSize64 > uint64(b.budget) {
		return nil, unpacksTooBig(b.budget)
	}
	if b.sheets, err = b.scanTables(); err != nil {
		return nil, err
	}
	return b, nil
}

// scanTables lists the sheets with a byte search for <table:table and
// <table:table-row tags. LibreOffice always writes these prefixes; files
// that use others get a full XML pass instead.
func (b *odsBook) scanTables() ([]SheetInfo, error) {
	rc, err := b.openContent()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var sheets []SheetInfo
	err = scanTags(rc, "<table:table", nil, func(tag []byte) {
		rest := tag[len("<table:table"):]
		switch {
		case len(rest) == 0 || isSpace(rest[0]) || rest[0] == '/':
			name, _ := attrValue(rest, "table:name")
			sheets = append(sheets, SheetInfo{Name: html.UnescapeString(name), Rows: 0, Cols: -1})
		case bytes.HasPrefix(rest, []byte("-row")) && (len(rest) == 4 || isSpace(rest[4]) || rest[4] == '/') && len(sheets) > 0:
			sheets[len(sheets)-1].Rows++
		}
	})
	if err != nil {
		return nil, asLimitErr(err)
	}
	if len(sheets) > 0 {
		return sheets, nil
	}
	return b.decodeTables()
}

func (b *odsBook) decodeTables() ([]SheetInfo, error) {
	rc, err := b.openContent()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var sheets []SheetInfo
	d := newXMLDecoder(rc)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return sheets, nil
		}
		if err != nil {
			return nil, asLimitErr(err)
		}
		if t, ok := tok.(xml.StartElement); ok && t.Name.Space == nsTable {
			switch t.Name.Local {
			case "table":
				sheets = append(sheets, SheetInfo{Name: xmlAttr(t, nsTable, "name"), Cols: -1})
			case "table-row":
				if len(sheets) > 0 {
					sheets[len(sheets)-1].Rows++
				}
			}
		}
	}
}

// openContent opens content.xml, counting the bytes: archive/zip already
// stops at the declared size, and we checked that against the budget.
func (b *odsBook) openContent() (io.ReadCloser, error) {
	rc, err := b.content.Open()
	if err != nil {
		return nil, damaged(err)
	}
	return &capReader{rc: rc, left: b.budget, budget: b.budget}, nil
}

type capReader struct {
	rc     io.ReadCloser
	left   int64
	budget int64
}

type overBudget struct{ budget int64 }

func (o *overBudget) Error() string { return "unzipped data over budget" }

func (c *capReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		return 0, &overBudget{c.budget}
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.rc.Read(p)
	c.left -= int64(n)
	return n, err
}

func (c *capReader) Close() error { return c.rc.Close() }

func asLimitErr(err error) error {
	var ob *overBudget
	if errors.As(err, &ob) {
		return unpacksTooBig(ob.budget)
	}
	return damaged(err)
}

func (b *odsBook) Format() string      { return "ods" }
func (b *odsBook) Sheets() []SheetInfo { return append([]SheetInfo(nil), b.sheets...) }

func (b *odsBook) Close() error {
	if b.closer == nil {
		return nil
	}
	c := b.closer
	b.closer = nil
	return c.Close()
}

func (b *odsBook) Rows(sheet string) (_ RowIter, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = recovered(r)
		}
	}()
	if b.closer == nil {
		return nil, unknownSheet(sheet)
	}
	rc, err := b.openContent()
	if err != nil {
		return nil, err
	}
	s := &odsSource{rc: rc, d: newXMLDecoder(rc), opt: b.opt}
	if err := s.seek(sheet); err != nil {
		rc.Close()
		return nil, err
	}
	return newIter(s, b.opt), nil
}

type odsSource struct {
	rc    io.ReadCloser
	d     *xml.Decoder
	opt   Options
	rowNo int    // sheet rows read so far
	spans []rect // merged cells in the header region
	done  bool
}

// seek moves to the start of the named table.
func (s *odsSource) seek(sheet string) error {
	for {
		tok, err := s.d.Token()
		if err == io.EOF {
			return unknownSheet(sheet)
		}
		if err != nil {
			return asLimitErr(err)
		}
		if t, ok := tok.(xml.StartElement); ok && t.Name.Space == nsTable && t.Name.Local == "table" {
			if xmlAttr(t, nsTable, "name") == sheet {
				return nil
			}
			if err := s.d.Skip(); err != nil {
				return asLimitErr(err)
			}
		}
	}
}

func (s *odsSource) next() ([]Cell, int, error) {
	if s.done {
		return nil, 0, io.EOF
	}
	for {
		tok, err := s.d.Token()
		if err != nil {
			return nil, 0, asLimitErr(err) // EOF inside a table is damage too
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Space != nsTable {
				if err := s.d.Skip(); err != nil {
					return nil, 0, asLimitErr(err)
				}
				continue
			}
			switch t.Name.Local {
			case "table-row":
				return s.row(t)
			case "table-header-rows", "table-row-group", "table-rows":
				// rows inside: descend
			default: // columns, nested tables, shapes, named ranges
				if err := s.d.Skip(); err != nil {
					return nil, 0, asLimitErr(err)
				}
			}
		case xml.EndElement:
			if t.Name.Space == nsTable && t.Name.Local == "table" {
				s.done = true
				return nil, 0, io.EOF
			}
		}
	}
}

// row reads one <table:row>. Empty cells are counted, not stored, until a
// value follows them: rows end in runs of a thousand formatted empty cells.
func (s *odsSource) row(start xml.StartElement) ([]Cell, int, error) {
	rep := clampInt(xmlAttr(start, nsTable, "number-rows-repeated"), 1, s.opt.MaxRows+1)
	rowNum := s.rowNo + 1
	s.rowNo = min(s.rowNo+rep, 1<<40)
	var cells []Cell
	empty := 0 // empty cells after the last one stored
	for {
		tok, err := s.d.Token()
		if err != nil {
			return nil, 0, asLimitErr(err)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if t.Name.Space == nsTable && t.Name.Local == "table-row" {
				return cells, rep, nil
			}
		case xml.StartElement:
			covered := t.Name.Space == nsTable && t.Name.Local == "covered-table-cell"
			if !covered && (t.Name.Space != nsTable || t.Name.Local != "table-cell") {
				if err := s.d.Skip(); err != nil {
					return nil, 0, asLimitErr(err)
				}
				continue
			}
			col := len(cells) + empty + 1
			c, err := s.cell(t, rowNum, col)
			if err != nil {
				return nil, 0, err
			}
			n := clampInt(xmlAttr(t, nsTable, "number-columns-repeated"), 1, s.opt.MaxCols+1)
			if c.Kind == KindEmpty && c.Text == "" {
				if !covered || rowNum > headerRows || len(s.spans) == 0 {
					empty = min(empty+n, 1<<30)
					continue
				}
				// A covered cell is hidden under a merged one: in the header
				// region it takes the merged cell's value.
				for i := range n {
					at := len(cells) + empty + 1
					if at > s.opt.MaxCols {
						empty += n - i
						break
					}
					if a, ok := s.anchor(rowNum, at); ok {
						cells = append(appendEmpty(cells, empty), a)
						empty = 0
					} else {
						empty++
					}
				}
				continue
			}
			if len(cells)+empty+n > s.opt.MaxCols {
				return nil, 0, tooManyCols(s.opt.MaxCols, rowNum)
			}
			cells = appendEmpty(cells, empty)
			empty = 0
			if rowNum <= headerRows && len(s.spans) < maxMerges {
				cs := clampInt(xmlAttr(t, nsTable, "number-columns-spanned"), 1, s.opt.MaxCols)
				rs := clampInt(xmlAttr(t, nsTable, "number-rows-spanned"), 1, headerRows)
				if cs > 1 || rs > 1 {
					s.spans = append(s.spans, rect{r1: rowNum, c1: col, r2: rowNum + rs - 1, c2: col + cs - 1, anchor: c})
				}
			}
			for range n {
				cells = append(cells, c)
			}
		}
	}
}

func appendEmpty(cells []Cell, n int) []Cell {
	for range n {
		cells = append(cells, Cell{})
	}
	return cells
}

func (s *odsSource) anchor(row, col int) (Cell, bool) {
	for i := range s.spans {
		if s.spans[i].contains(row, col) {
			return s.spans[i].anchor, true
		}
	}
	return Cell{}, false
}

// cell reads one cell: its value attributes and its paragraphs.
func (s *odsSource) cell(start xml.StartElement, rowNum, col int) (Cell, error) {
	text, err := s.cellText(rowNum, col)
	if err != nil {
		return Cell{}, err
	}
	c := Cell{Text: text, Raw: text}
	if text != "" {
		c.Kind = KindString
	}
	if xmlAttr(start, nsCalcExt, "value-type") == "error" {
		c.Kind = KindError
		return c, nil
	}
	switch xmlAttr(start, nsOffice, "value-type") {
	case "float", "percentage", "currency":
		if v := xmlAttr(start, nsOffice, "value"); v != "" {
			c.Kind, c.Raw = KindNumber, normNumber(v)
		}
	case "date":
		if v := xmlAttr(start, nsOffice, "date-value"); v != "" {
			c.Kind, c.Raw = KindDate, v
		}
	case "time":
		if f, ok := isoDuration(xmlAttr(start, nsOffice, "time-value")); ok {
			c.Kind, c.Raw = KindNumber, normNumber(strconv.FormatFloat(f, 'f', -1, 64))
		}
	case "boolean":
		c.Kind, c.Raw = KindBool, "false"
		if v := xmlAttr(start, nsOffice, "boolean-value"); v == "true" || v == "1" {
			c.Raw = "true"
		}
	case "string":
		if v := xmlAttr(start, nsOffice, "string-value"); v != "" && text == "" {
			c.Text, c.Raw, c.Kind = v, v, KindString
		}
	}
	if c.Kind != KindEmpty && c.Text == "" {
		c.Text = c.Raw
	}
	return c, nil
}

// cellText joins a cell's paragraphs with newlines, expanding <text:s/>
// (runs of spaces), tabs and line breaks, and leaving out comments.
func (s *odsSource) cellText(rowNum, col int) (string, error) {
	var b strings.Builder
	maxBytes := s.opt.MaxCellChars * 4
	grow := func(str string) error {
		if b.Len()+len(str) > maxBytes {
			return cellTooLong(s.opt.MaxCellChars, rowNum, col, false)
		}
		b.WriteString(str)
		return nil
	}
	depth, inP, paras := 1, 0, 0
	for depth > 0 {
		tok, err := s.d.Token()
		if err != nil {
			return "", asLimitErr(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if (t.Name.Space == nsOffice && t.Name.Local == "annotation") || (t.Name.Space == nsTable && t.Name.Local == "table") {
				if err := s.d.Skip(); err != nil {
					return "", asLimitErr(err)
				}
				continue
			}
			depth++
			if t.Name.Space != nsText {
				continue
			}
			switch t.Name.Local {
			case "p", "h":
				if paras > 0 && inP == 0 {
					if err := grow("\n"); err != nil {
						return "", err
					}
				}
				paras++
				inP++
			case "s":
				n := clampInt(xmlAttr(t, nsText, "c"), 1, maxBytes+1)
				if err := grow(strings.Repeat(" ", min(n, maxBytes+1-b.Len()))); err != nil {
					return "", err
				}
			case "tab":
				if err := grow("\t"); err != nil {
					return "", err
				}
			case "line-break":
				if err := grow("\n"); err != nil {
					return "", err
				}
			}
		case xml.EndElement:
			depth--
			if t.Name.Space == nsText && (t.Name.Local == "p" || t.Name.Local == "h") && inP > 0 {
				inP--
			}
		case xml.CharData:
			if inP > 0 {
				if err := grow(string(t)); err != nil {
					return "", err
				}
			}
		}
	}
	return b.String(), nil
}

func (s *odsSource) close() error {
	if s.rc == nil {
		return nil
	}
	rc := s.rc
	s.rc, s.done = nil, true
	return rc.Close()
}

func xmlAttr(t xml.StartElement, space, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local && a.Name.Space == space {
			return a.Value
		}
	}
	return ""
}

// clampInt reads a repeat or span count: missing or broken means def.
func clampInt(s string, def, hi int) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return def
	}
	return min(n, hi)
}

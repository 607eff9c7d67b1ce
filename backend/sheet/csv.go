package sheet

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/text/transform"

	"directdesk/backend/marketing"
)

// Text files are parsed by hand rather than with encoding/csv: it keeps a
// whole record in memory (an unclosed quote in a 500 MB file is one 500 MB
// field), skips blank lines (which shifts row numbers against what Excel
// shows) and has no field size limit.

// sampleSize is how much of a text file encoding and delimiter are guessed from.
const sampleSize = 256 << 10

type csvBook struct {
	name    string
	format  string // "csv" or "paste"
	open    func() (io.ReadCloser, error)
	enc     textEncoding
	bom     int  // bytes of UTF-8 byte order mark to skip
	sepLine bool // the file starts with Excel's "sep=;" line
	delim   byte
	rows    int
	opt     Options
}

func openCSV(path string, size int64, opt Options) (Book, error) {
	open := func() (io.ReadCloser, error) { return os.Open(path) }
	name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	return newTextBook(name, "csv", open, size, opt)
}

// newTextBook reads a sample of the text to choose encoding and delimiter.
func newTextBook(name, format string, open func() (io.ReadCloser, error), size int64, opt Options) (*csvBook, error) {
	rc, err := open()
	if err != nil {
		return nil, err
	}
	sample := make([]byte, sampleSize)
	n, err := io.ReadFull(rc, sample)
	rc.Close()
	atEOF := errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
	if err != nil && !atEOF {
		return nil, err
	}
	sample = sample[:n]
	b := &csvBook{name: name, format: format, open: open, opt: opt}
	if name == "" {
		b.name = "Sheet1"
	}
	var bom int
	b.enc, bom = detectEncoding(sample, atEOF)
	if opt.Encoding != "" {
		e, ok := encodingByName(opt.Encoding)
		if !ok {
			return nil, &marketing.Error{Code: marketing.EInvalid, Field: "encoding",
				Message: "DirectDesk does not know the text encoding \"" + opt.Encoding + "\". Pick one from the list.",
				Details: map[string]string{"encoding": opt.Encoding}}
		}
		b.enc = e
	}
	if b.enc == encUTF8 && bom == 3 {
		b.bom = 3
	}
	text := sample[b.bom:]
	if d := b.enc.utf16(); d != nil {
		text, _, _ = transform.Bytes(d, sample)
	}
	if looksBinary(text) {
		return nil, notSpreadsheet()
	}
	if d, ok := sepLine(text); ok {
		b.delim, b.sepLine = d, true
	} else {
		var records, used int
		b.delim, records, used = sniffDelimiter(text, atEOF)
		b.rows = records
		if !atEOF && used > 0 {
			b.rows = int(float64(size) * float64(records) / float64(used) * float64(len(text)) / float64(len(sample)))
		}
	}
	switch d := opt.Delimiter; d {
	case 0:
	case ',', ';', '\t', '|':
		b.delim = byte(d)
	default:
		return nil, &marketing.Error{Code: marketing.EInvalid, Field: "delimiter",
			Message: "Columns can be separated by comma, semicolon, tab or |. Pick one of those.",
			Details: map[string]string{"delimiter": string(d)}}
	}
	return b, nil
}

func (b *csvBook) Format() string   { return b.format }
func (b *csvBook) Encoding() string { return b.enc.String() }
func (b *csvBook) Delimiter() rune  { return rune(b.delim) }
func (b *csvBook) Close() error     { return nil }
func (b *csvBook) Sheets() []SheetInfo {
	rows := b.rows
	if rows == 0 {
		rows = -1
	}
	return []SheetInfo{{Name: b.name, Rows: rows, Cols: -1}}
}

func (b *csvBook) Rows(sheet string) (_ RowIter, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = recovered(r)
		}
	}()
	if sheet != b.name {
		return nil, unknownSheet(sheet)
	}
	rc, err := b.open()
	if err != nil {
		return nil, err
	}
	raw := bufio.NewReaderSize(rc, 64<<10)
	if _, err := raw.Discard(b.bom); err != nil {
		rc.Close()
		return nil, io.ErrUnexpectedEOF
	}
	r := raw
	if b.enc == encUTF16LE || b.enc == encUTF16BE {
		r = bufio.NewReaderSize(b.enc.decoder(raw), 64<<10)
	}
	if b.sepLine {
		skipLine(r)
	}
	p := &csvParser{r: r, delim: b.delim, maxField: b.opt.MaxCellChars * 4, maxCols: b.opt.MaxCols, maxChars: b.opt.MaxCellChars}
	return newIter(&csvSource{p: p, enc: b.enc, rc: rc}, b.opt), nil
}

func skipLine(r *bufio.Reader) {
	for {
		c, err := r.ReadByte()
		if err != nil || c == '\n' {
			return
		}
		if c == '\r' {
			if next, err := r.Peek(1); err == nil && next[0] == '\n' {
				r.ReadByte()
			}
			return
		}
	}
}

type csvSource struct {
	p   *csvParser
	enc textEncoding
	rc  io.Closer
}

func (s *csvSource) next() ([]Cell, int, error) {
	if err := s.p.record(); err != nil {
		return nil, 0, err
	}
	cells := make([]Cell, len(s.p.ends))
	start := 0
	for i, end := range s.p.ends {
		if end > start {
			t := s.enc.decodeField(s.p.buf[start:end])
			cells[i] = Cell{Text: t, Raw: t, Kind: KindString}
		}
		start = end
	}
	return cells, 1, nil
}

func (s *csvSource) close() error {
	if s.rc == nil {
		return nil
	}
	rc := s.rc
	s.rc = nil
	return rc.Close()
}

// csvParser splits records the way Excel reads CSV: a field that starts with
// " is quoted, "" inside it is one quote, newlines inside it belong to the
// field, and text after the closing quote is kept. \r\n, \n and a lone \r
// all end a record. A blank line is a record with one empty field.
type csvParser struct {
	r        *bufio.Reader
	delim    byte
	maxField int // bytes in one field, to bound memory
	maxChars int // for the message
	maxCols  int
	buf      []byte // the fields of the current record, back to back
	ends     []int  // where each field ends in buf
	row      int
	err      error
}

func (p *csvParser) record() error {
	if p.err != nil {
		return p.err
	}
	p.buf, p.ends = p.buf[:0], p.ends[:0]
	c, ok := p.read()
	if !ok {
		return p.err
	}
	p.row++
	start := 0
	for {
		if c == '"' {
			for {
				if c, ok = p.read(); !ok {
					break // a quote never closed: the field runs to the end
				}
				if c == '"' {
					if c, ok = p.read(); !ok || c != '"' {
						break
					}
				}
				if err := p.add(c, start); err != nil {
					return err
				}
			}
		}
		for ok && c != p.delim && c != '\n' && c != '\r' {
			if err := p.add(c, start); err != nil {
				return err
			}
			c, ok = p.read()
		}
		if err := p.endField(start); err != nil {
			return err
		}
		start = len(p.buf)
		if !ok {
			if errors.Is(p.err, io.EOF) {
				return nil // the last record ends at the end of the file
			}
			return p.err
		}
		if c == p.delim {
			if c, ok = p.read(); !ok {
				if errors.Is(p.err, io.EOF) {
					return p.endField(start)
				}
				return p.err
			}
			continue
		}
		if c == '\r' {
			if next, err := p.r.Peek(1); err == nil && next[0] == '\n' {
				p.r.ReadByte()
			}
		}
		return nil
	}
}

func (p *csvParser) read() (byte, bool) {
	c, err := p.r.ReadByte()
	if err != nil {
		p.err = err
		return 0, false
	}
	return c, true
}

func (p *csvParser) add(c byte, start int) error {
	if len(p.buf)-start >= p.maxField {
		p.err = cellTooLong(p.maxChars, p.row, len(p.ends)+1, true)
		return p.err
	}
	p.buf = append(p.buf, c)
	return nil
}

// endField closes a field. Empty fields past the column limit are dropped
// (Excel writes ;;;;; to the width of the widest row); data there is an error.
func (p *csvParser) endField(start int) error {
	if len(p.ends) >= p.maxCols {
		if len(p.buf) > start {
			p.err = tooManyCols(p.maxCols, p.row)
			return p.err
		}
		return nil
	}
	p.ends = append(p.ends, len(p.buf))
	return nil
}

// sepLine reads Excel's "sep=;" first line, which names the delimiter.
func sepLine(s []byte) (byte, bool) {
	if len(s) >= 6 && strings.EqualFold(string(s[:4]), "sep=") && (s[5] == '\n' || s[5] == '\r') {
		return s[4], true
	}
	return 0, false
}

var delimiters = []byte{'\t', ';', ',', '|'}

// sniffDelimiter picks the delimiter whose count per record (outside quotes)
// is the most consistent over the first 50 records. On a tie the order of
// delimiters decides: ; before , because Nordic and Russian numbers use
// decimal commas (1,5;2,5 is two fields). It also returns the records seen
// and the bytes they took, for a row estimate.
func sniffDelimiter(s []byte, atEOF bool) (delim byte, records, used int) {
	var counts [][4]int
	var cur [4]int
	inQ, blank := false, true
	for i := 0; i < len(s) && len(counts) < 50; i++ {
		c := s[i]
		switch {
		case c == '"':
			inQ, blank = !inQ, false
		case inQ:
		case c == '\n' || c == '\r':
			if c == '\r' && i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			records++
			used = i + 1
			if !blank {
				counts = append(counts, cur)
			}
			cur, blank = [4]int{}, true
		default:
			blank = false
			if k := bytes.IndexByte(delimiters, c); k >= 0 {
				cur[k]++
			}
		}
	}
	if atEOF && !blank && len(counts) < 50 {
		counts = append(counts, cur)
		records++
		used = len(s)
	}
	delim = ','
	best := 0.0
	for k, d := range delimiters {
		freq := map[int]int{}
		mode := 0
		for _, c := range counts {
			freq[c[k]]++
			if n := c[k]; freq[n] > freq[mode] || (freq[n] == freq[mode] && n > mode) {
				mode = n
			}
		}
		if mode == 0 {
			continue
		}
		if score := float64(freq[mode]) / float64(len(counts)); score > best+1e-9 {
			delim, best = d, score
		}
	}
	return delim, records, used
}

// looksBinary tells a text file from binary junk: text has no NUL bytes and
// almost no other control characters.
func looksBinary(s []byte) bool {
	ctrl := 0
	for _, c := range s {
		switch {
		case c == 0:
			return true
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1A:
			ctrl++
		}
	}
	return ctrl*100 > len(s)
}

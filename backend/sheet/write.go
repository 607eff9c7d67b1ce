package sheet

// The writing side: streamed export of one table to .xlsx or .csv.
//
// Rows go to a temporary file beside the target and Close renames it over the
// target, so a cancelled or failed export never leaves a half-written file
// and never destroys the file the user had until the new one is complete.
//
// xlsx is written with excelize's StreamWriter, with two detours around
// excelize's habit of holding the whole output in memory (see finishXLSX):
// the zip goes straight to our temporary file through SetZipWriter instead of
// File.WriteTo's in-memory buffer, and the autofilter is put on the streamed
// worksheet before Flush (after Flush, excelize would start a second,
// empty copy of the sheet).

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"directdesk/backend/marketing"
)

// ColumnKind says how a column's values are written.
type ColumnKind uint8

const (
	ColText     ColumnKind = iota // text cell, always escaped against formula injection
	ColNumber                     // value "1234.5" (dot decimal) -> numeric cell; "" -> empty cell; not a number -> written as text
	ColInteger                    // "42" -> numeric cell, format "0"
	ColMoney                      // "1234.50" -> numeric cell with format "#,##0.00"
	ColDate                       // "YYYY-MM-DD" -> a real date cell (format "yyyy-mm-dd"); anything else -> text
	ColDateTime                   // "YYYY-MM-DDTHH:MM:SSZ" -> date-time cell "yyyy-mm-dd hh:mm" in the computer's time zone
)

// Column describes one exported column.
type Column struct {
	Header string
	Kind   ColumnKind
	Width  float64 // 0 = choose from the header and kind
}

// WriteOptions choose the file format and its details.
type WriteOptions struct {
	Format    string // "xlsx" or "csv"; "" = from the path's extension (.xlsx/.csv/.txt), else error
	Delimiter rune   // csv only: ',' or ';' (or '\t'); 0 = ';'
	SheetName string // xlsx only; "" = "Sheet1". Made valid for Excel (<=31 chars, no []:*?/\)
}

// Excel's limits.
const (
	maxSheetRows = 1_048_576 // rows in a sheet, header included
	maxSheetCols = 16_384
	maxCellUnits = 32_767 // UTF-16 code units in one cell
	maxSheetName = 31
	maxColWidth  = 255
)

// zipLevel trades file size for speed. Deflating a 200,000-row sheet's XML
// (144 MB): level 1 takes 1.0 s of CPU for 23 MB, level 2 1.1 s for 20 MB,
// level 3 1.6 s for 19 MB, the default (6) 3.7 s for 17 MB. Level 2 keeps
// most of the saving at almost level 1's speed; compressing is a quarter of
// the whole export at level 2 and would be over half at level 6.
const zipLevel = 2

// Writer streams one table to a file. It is not safe for concurrent use.
type Writer struct {
	path    string
	tmpPath string // "" once renamed or removed
	tmp     *os.File
	out     *bufio.Writer // over tmp
	cols    []Column
	format  string
	rows    int
	err     error // the first failure; the temporary file is gone by then
	closed  bool

	// csv
	delim    rune
	decComma bool
	line     []byte

	// xlsx
	f      *excelize.File
	sw     *excelize.StreamWriter
	sheet  string
	styles []int // number-format style per column; 0 = none
	quote  int   // text style with Excel's quotePrefix: shown as typed, never a formula
	cells  []excelize.Cell
	vals   []any
	spill  string // our private folder for excelize's spill file, "" if none
	zw     *zipOut
}

// Create starts writing path. The file appears only when Close succeeds: rows
// go to a temporary file in the same folder that Close renames over path.
// Errors are *marketing.Error: EInvalid with Field "path" (Details reason
// "extension" or "write", see writeError), ETooLarge (reason "columns"),
// EInternal for a programming error.
func Create(path string, cols []Column, opt WriteOptions) (w *Writer, err error) {
	defer func() {
		if r := recover(); r != nil {
			if w != nil {
				w.Abort()
			}
			w, err = nil, marketing.AsError(panicError{r})
		}
	}()
	format := strings.ToLower(opt.Format)
	switch format {
	case "":
		if format, err = FormatOf(path); err != nil {
			return nil, err
		}
	case "xlsx", "csv":
	default:
		return nil, marketing.AsError(fmt.Errorf("sheet: unknown format %q", opt.Format))
	}
	if len(cols) == 0 {
		return nil, marketing.AsError(errors.New("sheet: no columns to write"))
	}
	if format == "xlsx" && len(cols) > maxSheetCols {
		return nil, &marketing.Error{Code: marketing.ETooLarge,
			Message: "The export has " + strconv.Itoa(len(cols)) + " columns, more than the " + strconv.Itoa(maxSheetCols) + " an Excel sheet holds. Export to CSV instead, or leave out columns you do not need.",
			Details: map[string]string{"reason": "columns", "limit": strconv.Itoa(maxSheetCols)}}
	}
	delim := opt.Delimiter
	switch delim {
	case 0:
		delim = ';'
	case ',', ';', '\t':
	default:
		return nil, marketing.AsError(fmt.Errorf("sheet: unsupported delimiter %q", delim))
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return nil, &marketing.Error{Code: marketing.EInvalid, Field: "path",
			Message: "There is a folder called \"" + filepath.Base(path) + "\" where the file should be saved. Pick another file name.",
			Details: map[string]string{"reason": "write", "cause": "is_folder", "name": filepath.Base(path)}}
	}
	// A fixed short name: the target's own name could push the temporary
	// name over the 255-byte limit of most file systems.
	tmp, err := os.CreateTemp(filepath.Dir(path), ".directdesk-export-*.tmp")
	if err != nil {
		return nil, writeError(err, path)
	}
	w = &Writer{path: path, tmpPath: tmp.Name(), tmp: tmp, out: bufio.NewWriterSize(tmp, 256<<10),
		cols: append([]Column(nil), cols...), format: format, delim: delim, decComma: delim == ';'}
	if format == "csv" {
		err = w.startCSV()
	} else {
		err = w.startXLSX(sheetName(opt.SheetName))
	}
	if err != nil {
		return nil, w.fail(err)
	}
	return w, nil
}

// Rows is how many data rows were written.
func (w *Writer) Rows() int { return w.rows }

// Write adds one row; values[i] belongs to cols[i] (fewer values = empty
// cells, more = error). After an error the Writer is finished: the temporary
// file is removed and every later call returns the same error.
func (w *Writer) Write(values []string) (err error) {
	if w.err != nil {
		return w.err
	}
	if w.closed {
		return marketing.AsError(errors.New("sheet: Write after Close"))
	}
	defer func() {
		if r := recover(); r != nil {
			err = w.fail(marketing.AsError(panicError{r}))
		}
	}()
	if len(values) > len(w.cols) {
		return w.fail(marketing.AsError(fmt.Errorf("sheet: row %d has %d values for %d columns", w.rows+1, len(values), len(w.cols))))
	}
	if w.format == "csv" {
		err = w.writeCSV(values)
	} else {
		err = w.writeXLSX(values)
	}
	if err != nil {
		return w.fail(err)
	}
	w.rows++
	return nil
}

// Close finishes the file and moves it into place. After an error the
// temporary file is removed. Closing twice returns the first result.
func (w *Writer) Close() (err error) {
	if w.err != nil || w.closed {
		return w.err
	}
	w.closed = true
	defer func() {
		if r := recover(); r != nil {
			err = w.fail(marketing.AsError(panicError{r}))
		}
	}()
	if err := w.finish(); err != nil {
		return w.fail(err)
	}
	return nil
}

// Abort drops the temporary file, leaving any file at path as it was. It is
// safe after Close (a completed file stays) and safe to call twice.
func (w *Writer) Abort() {
	if w.closed && w.err == nil {
		return
	}
	if w.err == nil {
		w.err = marketing.ErrCanceled
	}
	w.cleanup()
}

// fail records the first error and removes everything temporary.
func (w *Writer) fail(err error) error {
	if w.err == nil {
		w.err = err
	}
	w.cleanup()
	return w.err
}

func (w *Writer) cleanup() {
	if w.f != nil {
		_ = w.f.Close() // removes excelize's spill file
		w.f = nil
	}
	if w.spill != "" {
		_ = os.Remove(w.spill) // only if empty: never a recursive delete
		w.spill = ""
	}
	if w.tmp != nil {
		_ = w.tmp.Close()
		w.tmp = nil
	}
	if w.tmpPath != "" {
		_ = os.Remove(w.tmpPath)
		w.tmpPath = ""
	}
}

// finish completes the temporary file, makes it durable and renames it over
// the target: readers see the old file or the whole new one, never a part.
func (w *Writer) finish() error {
	if w.format == "xlsx" {
		if err := w.finishXLSX(); err != nil {
			return err
		}
	}
	if err := w.out.Flush(); err != nil {
		return writeError(err, w.path)
	}
	if w.zw != nil && w.zw.first > math.MaxUint32 {
		if err := patchZip64(w.tmp); err != nil {
			return writeError(err, w.path)
		}
	}
	if err := w.tmp.Sync(); err != nil {
		return writeError(err, w.path)
	}
	// CreateTemp makes the file private (0600); give it the mode of the file
	// it replaces, or the usual one.
	perm := fs.FileMode(0o644)
	if fi, err := os.Stat(w.path); err == nil && fi.Mode().IsRegular() {
		perm = fi.Mode().Perm()
	}
	_ = w.tmp.Chmod(perm)
	err := w.tmp.Close()
	w.tmp = nil
	if err != nil {
		return writeError(err, w.path)
	}
	if err := os.Rename(w.tmpPath, w.path); err != nil {
		return replaceError(err, w.path)
	}
	w.tmpPath = ""
	w.cleanup()
	return nil
}

// ---- csv ----

func (w *Writer) startCSV() error {
	// The BOM makes Excel read UTF-8; without it Excel on Windows shows
	// æøå and Cyrillic as mojibake.
	line := []byte("\xEF\xBB\xBF")
	for i, c := range w.cols {
		if i > 0 {
			line = utf8.AppendRune(line, w.delim)
		}
		line = w.appendField(line, cellText(c.Header))
	}
	line = append(line, '\r', '\n')
	if _, err := w.out.Write(line); err != nil {
		return writeError(err, w.path)
	}
	return nil
}

func (w *Writer) writeCSV(values []string) error {
	line := w.line[:0]
	for i := range w.cols {
		if i > 0 {
			line = utf8.AppendRune(line, w.delim)
		}
		if i < len(values) && values[i] != "" {
			line = w.appendField(line, w.csvValue(w.cols[i].Kind, values[i]))
		}
	}
	line = append(line, '\r', '\n') // Excel on Windows expects CRLF
	w.line = line
	if _, err := w.out.Write(line); err != nil {
		return writeError(err, w.path)
	}
	return nil
}

// csvValue is what a CSV field holds. A CSV carries no types, so everything
// that is not a plain number or date is text and is escaped.
func (w *Writer) csvValue(kind ColumnKind, v string) string {
	switch kind {
	case ColNumber, ColInteger, ColMoney:
		if _, ok := plainNumber(v); ok {
			if w.decComma {
				// Nordic and Russian Excel read "1234,50" as a number
				// when the list separator is ';', and "1234.50" as text.
				return strings.Replace(v, ".", ",", 1)
			}
			return v
		}
	case ColDate:
		if _, ok := parseDate(v); ok {
			return v
		}
	case ColDateTime:
		if t, err := time.Parse(time.RFC3339, v); err == nil {
			return t.In(time.Local).Format("2006-01-02 15:04:05")
		}
	}
	return cellText(v)
}

// appendField appends one field, quoted per RFC 4180 when it holds the
// delimiter, a quote or a line break.
func (w *Writer) appendField(line []byte, s string) []byte {
	if !strings.ContainsAny(s, "\"\r\n") && !strings.ContainsRune(s, w.delim) {
		return append(line, s...)
	}
	line = append(line, '"')
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			break
		}
		line = append(line, s[:i+1]...)
		line = append(line, '"')
		s = s[i+1:]
	}
	line = append(line, s...)
	return append(line, '"')
}

// ---- xlsx ----

func (w *Writer) startXLSX(name string) error {
	// excelize spills the sheet to a temporary file once it passes 16 MB. If
	// it cannot create that file it silently keeps everything in memory, so
	// give it a folder we know is writable: a private one in the system's
	// temporary folder, else the target's folder (where we just wrote).
	spillDir := filepath.Dir(w.path)
	if d, err := os.MkdirTemp("", "directdesk-export-"); err == nil {
		spillDir, w.spill = d, d
	}
	// A new workbook reads nothing, so excelize's unzip limits do not apply;
	// TmpDir is the one option that matters for writing.
	f := excelize.NewFile(excelize.Options{TmpDir: spillDir})
	w.f = f
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter {
		w.zw = newZipOut(w.out)
		return w.zw
	})
	if name != "Sheet1" {
		if err := f.SetSheetName("Sheet1", name); err != nil {
			return marketing.AsError(err)
		}
	}
	w.sheet = name
	now := time.Now().UTC().Format("2006-01-02T15:04:05Z")
	_ = f.SetDocProps(&excelize.DocProperties{Creator: "DirectDesk", LastModifiedBy: "DirectDesk", Created: now, Modified: now})

	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return marketing.AsError(err)
	}
	dateFmt, dateTimeFmt := "yyyy-mm-dd", "yyyy-mm-dd hh:mm"
	kindStyle := map[ColumnKind]*excelize.Style{
		ColInteger:  {NumFmt: 1}, // 0
		ColMoney:    {NumFmt: 4}, // #,##0.00
		ColDate:     {CustomNumFmt: &dateFmt},
		ColDateTime: {CustomNumFmt: &dateTimeFmt},
	}
	ids := map[ColumnKind]int{}
	for k, st := range kindStyle {
		if ids[k], err = f.NewStyle(st); err != nil {
			return marketing.AsError(err)
		}
	}
	// Text that looks like a formula ("+4520123456", "=1+2") is a text
	// cell (never evaluated) with quotePrefix, Excel's own "typed with an
	// apostrophe" flag: it shows as typed, stays text when edited, and mail
	// merges and labels get the number without a stray apostrophe.
	if w.quote, err = f.NewStyle(&excelize.Style{NumFmt: 49}); err != nil {
		return marketing.AsError(err)
	}
	if f.Styles == nil || f.Styles.CellXfs == nil || w.quote >= len(f.Styles.CellXfs.Xf) {
		return marketing.AsError(errors.New("sheet: excelize style table not as expected"))
	}
	yes := true
	f.Styles.CellXfs.Xf[w.quote].QuotePrefix = &yes
	w.sw, err = f.NewStreamWriter(name)
	if err != nil {
		return marketing.AsError(err)
	}
	// Widths and panes must be set before the first row.
	w.styles = make([]int, len(w.cols))
	for i, c := range w.cols {
		w.styles[i] = ids[c.Kind]
		if err := w.sw.SetColWidth(i+1, i+1, colWidth(c)); err != nil {
			return marketing.AsError(err)
		}
	}
	if err := w.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return marketing.AsError(err)
	}
	w.cells = make([]excelize.Cell, len(w.cols))
	w.vals = make([]any, len(w.cols))
	for i, c := range w.cols {
		w.vals[i] = nil
		if h := cellText(c.Header); h != "" {
			w.cells[i] = excelize.Cell{StyleID: bold, Value: h}
			w.vals[i] = &w.cells[i]
		}
	}
	if err := w.sw.SetRow("A1", w.vals); err != nil {
		return writeError(err, w.path)
	}
	return nil
}

func (w *Writer) writeXLSX(values []string) error {
	if w.rows+1 >= maxSheetRows {
		return &marketing.Error{Code: marketing.ETooLarge,
			Message: "The export has more than " + strconv.Itoa(maxSheetRows-1) + " rows, the most an Excel sheet holds. Export to CSV instead, or narrow the list with a filter or segment.",
			Details: map[string]string{"reason": "rows", "limit": strconv.Itoa(maxSheetRows - 1)}}
	}
	for i := range w.cols {
		w.vals[i] = nil
		if i >= len(values) || values[i] == "" {
			continue
		}
		c := &w.cells[i]
		c.Value, c.StyleID = w.xlsxValue(i, values[i])
		w.vals[i] = c // a pointer: boxing it does not allocate
	}
	if err := w.sw.SetRow("A"+strconv.Itoa(w.rows+2), w.vals); err != nil {
		return writeError(err, w.path)
	}
	return nil
}

// xlsxValue is the typed value of a cell and its style. Values that do not
// fit the column's kind are written as (escaped) text without a style.
func (w *Writer) xlsxValue(i int, v string) (any, int) {
	switch w.cols[i].Kind {
	case ColNumber, ColMoney:
		if _, ok := plainNumber(v); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				return f, w.styles[i]
			}
		}
	case ColInteger:
		if isInt, ok := plainNumber(v); ok {
			if n, err := strconv.ParseInt(v, 10, 64); isInt && err == nil {
				return n, w.styles[i]
			}
			// A decimal in an integer column: format "0" would round what
			// the user sees, so show it as it is.
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				return f, 0
			}
		}
	case ColDate:
		if t, ok := parseDate(v); ok {
			if s, ok := excelSerial(t); ok {
				return s, w.styles[i]
			}
		}
	case ColDateTime:
		if t, err := time.Parse(time.RFC3339, v); err == nil {
			if s, ok := excelSerial(t.In(time.Local)); ok {
				return s, w.styles[i]
			}
		}
	}
	t := truncateUnits(cleanText(v), maxCellUnits)
	if EscapeFormula(t) != t {
		return t, w.quote
	}
	return t, 0
}

// finishXLSX ends the sheet and writes the workbook into the temporary file.
func (w *Writer) finishXLSX() error {
	last, err := excelize.ColumnNumberToName(len(w.cols))
	if err != nil {
		return marketing.AsError(err)
	}
	// The autofilter must be set before Flush: Flush writes the worksheet's
	// <autoFilter> and then forgets the worksheet; afterwards f.AutoFilter
	// would load a new empty copy that overwrites the streamed sheet.
	if err := w.f.AutoFilter(w.sheet, "A1:"+last+strconv.Itoa(w.rows+1), nil); err != nil {
		return marketing.AsError(err)
	}
	quoteFilterName(w.f, w.sheet)
	if err := w.sw.Flush(); err != nil {
		return writeError(err, w.path)
	}
	// File.Write builds the whole zip in a bytes.Buffer (over 100 MB for a
	// million rows); the ZipWriter hook set in startXLSX sends it to w.out
	// instead, and only an empty buffer reaches io.Discard.
	if err := w.f.Write(io.Discard); err != nil {
		return writeError(err, w.path)
	}
	if w.zw == nil {
		return marketing.AsError(errors.New("sheet: excelize did not use the zip writer hook"))
	}
	return nil
}

// quoteFilterName repairs the hidden _xlnm._FilterDatabase name excelize
// writes for the autofilter: it quotes the sheet name but does not double an
// apostrophe inside it, which Excel then reports as damage.
func quoteFilterName(f *excelize.File, sheet string) {
	if !strings.Contains(sheet, "'") || f.WorkBook == nil || f.WorkBook.DefinedNames == nil {
		return
	}
	bad := "'" + sheet + "'!"
	good := "'" + strings.ReplaceAll(sheet, "'", "''") + "'!"
	for i := range f.WorkBook.DefinedNames.DefinedName {
		d := &f.WorkBook.DefinedNames.DefinedName[i]
		if strings.HasPrefix(d.Data, bad) {
			d.Data = good + strings.TrimPrefix(d.Data, bad)
		}
	}
}

// zipOut is the zip writer excelize saves through. It counts the bytes of
// the first part, which is the streamed worksheet (excelize writes streams
// first), for the zip64 repair in patchZip64.
type zipOut struct {
	*zip.Writer
	parts int
	first int64
}

func newZipOut(w io.Writer) *zipOut {
	z := &zipOut{Writer: zip.NewWriter(w)}
	z.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, zipLevel)
	})
	return z
}

func (z *zipOut) Create(name string) (io.Writer, error) {
	fw, err := z.Writer.Create(name)
	if err != nil {
		return nil, err
	}
	z.parts++
	if z.parts == 1 && strings.HasPrefix(name, "xl/worksheets/") {
		return &countWriter{w: fw, n: &z.first}, nil
	}
	return fw, nil
}

type countWriter struct {
	w io.Writer
	n *int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	*c.n += int64(n)
	return n, err
}

// patchZip64 marks the first local file header as needing zip 4.5, as
// excelize does for its in-memory zips: Go writes version 2.0 there even for
// a part over 4 GiB, and Excel then calls the file damaged.
func patchZip64(f *os.File) error {
	head := make([]byte, 4)
	if _, err := f.ReadAt(head, 0); err != nil {
		return err
	}
	if string(head) != "PK\x03\x04" {
		return nil
	}
	_, err := f.WriteAt([]byte{45, 0}, 4)
	return err
}

// ---- values ----

// EscapeFormula makes a text value safe to open in a spreadsheet: values
// starting with = + - @, tab or CR get a leading apostrophe, per OWASP's CSV
// injection guidance. A plain negative number such as "-12" is escaped too:
// this is for text, and numbers go to numeric columns. Other values are
// returned unchanged.
func EscapeFormula(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// DelimiterFor returns the csv delimiter people in that UI language expect:
// ',' for English, ';' for everyone else (Danish, Swedish, Norwegian and
// Russian Windows use a decimal comma, so their list separator is ';').
func DelimiterFor(lang string) rune {
	lang = strings.ToLower(strings.TrimSpace(lang))
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	if lang == "en" {
		return ','
	}
	return ';'
}

// FormatOf returns "xlsx" or "csv" for a path by its extension.
func FormatOf(path string) (string, error) {
	ext := strings.ToLower(filepath.Ext(path))
	switch ext {
	case ".xlsx":
		return "xlsx", nil
	case ".csv", ".txt":
		return "csv", nil
	}
	return "", &marketing.Error{Code: marketing.EInvalid, Field: "path",
		Message: "DirectDesk saves lists as Excel (.xlsx) or CSV (.csv) files. Pick a file name that ends in .xlsx or .csv.",
		Details: map[string]string{"reason": "extension", "extension": ext}}
}

// cellText is a text value made safe for a cell: characters XML cannot hold
// removed, formulas escaped, cut to Excel's cell limit. The same rules apply
// to csv, so DirectDesk (and Excel) can read its own exports back.
func cellText(s string) string {
	return truncateUnits(EscapeFormula(cleanText(s)), maxCellUnits)
}

// cleanText removes the control characters XML 1.0 forbids (all below
// U+0020 but tab, LF and CR, and U+FFFE/U+FFFF) and replaces invalid UTF-8.
// Almost every value is clean; the scan avoids copying those.
func cleanText(s string) string {
	bad, high := false, false
	for i := 0; i < len(s) && !bad; i++ {
		c := s[i]
		bad = c < 0x20 && c != '\t' && c != '\n' && c != '\r'
		high = high || c >= 0x80
	}
	if !bad && high {
		bad = !utf8.ValidString(s) || strings.Contains(s, "\uFFFE") || strings.Contains(s, "\uFFFF")
	}
	if !bad {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s { // invalid bytes come out as U+FFFD
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0xFFFE || r == 0xFFFF {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// truncateUnits cuts s to at most n UTF-16 code units (Excel counts in
// those), never inside a character.
func truncateUnits(s string, n int) string {
	if len(s) <= n { // a UTF-16 unit takes at least one UTF-8 byte
		return s
	}
	units := 0
	for i, r := range s {
		u := 1
		if r >= 0x10000 {
			u = 2
		}
		if units+u > n {
			return s[:i]
		}
		units += u
	}
	return s
}

// plainNumber reports whether s is a decimal as DirectDesk writes one:
// optional minus, digits, optional dot and digits, and no more than the 15
// significant digits Excel keeps (longer ones are written as text so no
// digit is silently lost).
func plainNumber(s string) (isInt, ok bool) {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	digits, sig, dot := 0, 0, false
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
			if sig > 0 || c != '0' {
				sig++
			}
		case c == '.' && !dot && digits > 0:
			dot = true
			if i == len(s)-1 {
				return false, false
			}
		default:
			return false, false
		}
	}
	return !dot, digits > 0 && sig <= 15
}

func parseDate(s string) (time.Time, bool) {
	if len(s) != 10 {
		return time.Time{}, false
	}
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil
}

var (
	excelEpoch  = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	firstSerial = time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC)
)

// excelSerial is t's wall-clock time as an Excel serial day number (1900
// date system). Dates before March 1900 (where Excel counts a day that never
// was, 29 Feb 1900) are refused and written as text.
func excelSerial(t time.Time) (float64, bool) {
	u := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
	if u.Before(firstSerial) || u.Year() > 9999 {
		return 0, false
	}
	secs := u.Unix() - excelEpoch.Unix()
	return float64(secs)/86400 + float64(u.Nanosecond())/86400e9, true
}

// colWidth is the column's width in characters: the caller's, or wide
// enough for the header (plus the filter button) and the kind's values.
func colWidth(c Column) float64 {
	if c.Width > 0 {
		return min(c.Width, maxColWidth)
	}
	least := 12.0
	switch c.Kind {
	case ColInteger:
		least = 10
	case ColMoney:
		least = 14
	case ColDateTime:
		least = 17 // 2024-01-15 14:03
	}
	return min(max(least, float64(utf8.RuneCountInString(c.Header)+2)), 40)
}

// sheetName makes name valid for Excel: no []:*?/\, no apostrophe at either
// end, at most 31 characters, not blank and not the reserved "History".
func sheetName(name string) string {
	name = strings.Map(func(r rune) rune {
		switch r {
		case '/', '\\', ':':
			return '-'
		case '[':
			return '('
		case ']':
			return ')'
		case '*', '?':
			return '_'
		}
		return r
	}, cleanText(name))
	name = strings.Trim(name, "' \t\r\n")
	name = strings.TrimRight(truncateUnits(name, maxSheetName), "' \t\r\n")
	switch {
	case name == "":
		return "Sheet1"
	case strings.EqualFold(name, "History"):
		return name + "_"
	}
	return name
}

// ---- errors ----

// writeError is the error for a file or folder that could not be written.
// Details: reason "write", cause (no_folder, permission, disk_full, other)
// and name, so the UI can say what to do.
func writeError(err error, path string) *marketing.Error {
	var me *marketing.Error
	if errors.As(err, &me) {
		return me
	}
	name := filepath.Base(path)
	e := &marketing.Error{Code: marketing.EInvalid, Field: "path", Err: err,
		Details: map[string]string{"reason": "write", "name": name}}
	switch {
	case diskFull(err):
		e.Details["cause"] = "disk_full"
		e.Message = "The disk is full, so \"" + name + "\" could not be saved. Free some space (empty the recycle bin, delete large files you do not need) or pick another drive, then try again."
	case errors.Is(err, fs.ErrNotExist):
		e.Details["cause"] = "no_folder"
		e.Message = "The folder for \"" + name + "\" does not exist; it may have been moved or renamed, or its drive unplugged. Pick another folder and try again."
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		e.Details["cause"] = "permission"
		e.Message = "DirectDesk may not save files in this folder. Pick another folder, such as Documents, and try again."
	default:
		e.Code = marketing.EInternal
		e.Details["cause"] = "other"
		e.Message = "DirectDesk could not save \"" + name + "\". Check that the drive is connected and has free space, or pick another folder, then try again."
	}
	return e
}

// replaceError is the error when the finished file cannot take the target's
// place; on Windows that is mostly a target open in Excel.
func replaceError(err error, path string) *marketing.Error {
	e := writeError(err, path)
	if e.Details["cause"] == "permission" {
		e.Details["cause"] = "in_use"
		e.Message = "DirectDesk could not replace \"" + filepath.Base(path) + "\". If it is open in Excel or another program, close it and try again, or save under another name."
	}
	return e
}

func diskFull(err error) bool {
	var en syscall.Errno
	if !errors.As(err, &en) {
		return false
	}
	if runtime.GOOS == "windows" {
		return en == 112 || en == 39 // ERROR_DISK_FULL, ERROR_HANDLE_DISK_FULL
	}
	return en == syscall.ENOSPC || en == syscall.EDQUOT
}

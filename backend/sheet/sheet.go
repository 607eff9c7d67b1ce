// Package sheet reads the spreadsheets shop owners really have: .xlsx/.xlsm
// (Excel, LibreOffice, Google Sheets), .ods (LibreOffice), .csv/.txt in the
// encodings Nordic and Russian PCs write, and rows pasted from Excel or
// LibreOffice.
//
// Everything streams: a Book lists its sheets cheaply and a RowIter hands out
// one row at a time, so a million-row file needs memory for a few rows, not
// for the file. Files that are not spreadsheets, or are old (.xls),
// password-protected or damaged, give a *marketing.Error whose message tells
// the owner how to re-save the file; Details["reason"] names the case for the
// translation. Parsers never panic across this package's API: a panic inside
// one becomes an EUnsupportedFile error.
//
// Row n of a RowIter is row n of the sheet as the user sees it (blank rows
// included, trailing blank rows dropped), so row numbers in messages match
// the spreadsheet. Each row is trimmed of trailing empty cells; rows can
// therefore have different lengths.
package sheet

import (
	"strconv"

	"directdesk/backend/marketing"
)

// Options bound what a file may cost. Zero fields take the defaults.
type Options struct {
	MaxRows      int   // rows in one sheet; default 2,000,000
	MaxCols      int   // columns holding data; default 1,000
	MaxBytes     int64 // size of the file; default 512 MiB. A zipped workbook may unpack to 250× its size (at least 256 MiB), never more than 8 × MaxBytes
	MaxCellChars int   // characters in one cell; default 32,767 (Excel's own limit)

	// Encoding and Delimiter override detection for text files, for when the
	// user picks them by hand. Encoding is one of EncodingNames; Delimiter is
	// one of , ; tab |.
	Encoding  string
	Delimiter rune
}

const (
	defaultMaxRows      = 2_000_000
	defaultMaxCols      = 1_000
	defaultMaxBytes     = 512 << 20
	defaultMaxCellChars = 32_767
	// headerRows is how far down merged cells are spread and headers are looked for.
	headerRows = 30
)

func (o Options) withDefaults() Options {
	if o.MaxRows <= 0 {
		o.MaxRows = defaultMaxRows
	}
	if o.MaxCols <= 0 {
		o.MaxCols = defaultMaxCols
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = defaultMaxBytes
	}
	if o.MaxCellChars <= 0 {
		o.MaxCellChars = defaultMaxCellChars
	}
	return o
}

// unzipBudget is how many bytes the parts of a zipped workbook may unpack to.
// Real sheets compress 10-50 times; a zip bomb compresses ~1000 times. So a
// file may unpack to 250 times its size (at least 256 MiB, so small files are
// never refused), and never more than 8 × MaxBytes.
func (o Options) unzipBudget(fileSize int64) int64 {
	b := max(250*fileSize, 256<<20)
	return min(b, 8*o.MaxBytes)
}

// Book is an opened spreadsheet. It is not safe for concurrent use; a new
// RowIter may be started while another is open.
type Book interface {
	// Format is "xlsx", "ods", "csv" or "paste".
	Format() string
	// Sheets lists the sheets in workbook order with cheap size estimates.
	Sheets() []SheetInfo
	// Rows streams the rows of the named sheet.
	Rows(sheet string) (RowIter, error)
	Close() error
}

// TextBook is the Book of a text file or a paste: it tells how the text was
// read, so the UI can show it and offer Options.Encoding/Delimiter.
type TextBook interface {
	Book
	Encoding() string // one of EncodingNames
	Delimiter() rune
}

// SheetInfo describes one sheet. Rows and Cols are estimates (the used
// range where the file records one), -1 when not cheap to know.
type SheetInfo struct {
	Name   string
	Rows   int
	Cols   int
	Hidden bool
}

// RowIter streams rows: for it.Next() { it.Row() }; then check it.Err().
// Always Close it: an xlsx RowIter reads with two goroutines until closed.
// Err is a *marketing.Error: ETooLarge (Details reason rows, columns or cell,
// with limit, row and column) or EUnsupportedFile for a damaged file.
type RowIter interface {
	Next() bool
	// Row is the current row; the slice belongs to the caller.
	Row() []Cell
	// RowNumber is the current row's 1-based number in the sheet.
	RowNumber() int
	Err() error
	Close() error
}

// Cell is one cell as the user sees it plus the value behind it.
type Cell struct {
	// Text is what the user sees: the formatted value. Dates from xlsx are
	// shown as ISO 8601 (2024-01-15, with " 15:04" when the format shows time)
	// because the file does not say which locale's short date the user sees.
	Text string
	// Raw is the value behind Text: for numbers the plain number with a dot
	// ("1234.5", not "1.234,50"); for xlsx dates the serial day number in the
	// 1900 date system (1904 workbooks are converted, so one rule reads all);
	// for ods dates the ISO date (office:date-value); "true"/"false" for
	// booleans; for text the same as Text. Use Time for dates.
	Raw  string
	Kind CellKind
}

// CellKind says what a cell holds. Text files carry no types: their cells
// are KindString or KindEmpty.
type CellKind uint8

const (
	KindEmpty CellKind = iota
	KindString
	KindNumber
	KindDate
	KindBool
	KindError // a formula error such as #DIV/0!
)

func (k CellKind) String() string {
	switch k {
	case KindEmpty:
		return "empty"
	case KindString:
		return "string"
	case KindNumber:
		return "number"
	case KindDate:
		return "date"
	case KindBool:
		return "bool"
	case KindError:
		return "error"
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Errors. Messages are for a shop owner: what happened and what to do.
// Details["reason"] tells the frontend which translation to use.

func unsupported(reason, msg string) *marketing.Error {
	return &marketing.Error{Code: marketing.EUnsupportedFile, Message: msg, Details: map[string]string{"reason": reason}}
}

// damaged is the error for a file that claims a format but breaks its rules.
func damaged(err error) *marketing.Error {
	e := unsupported("damaged", "The spreadsheet seems to be damaged and cannot be read. Open it in Excel or LibreOffice, save it again as Excel Workbook (.xlsx) and try again.")
	e.Err = err
	return e
}

func tooManyRows(limit int) *marketing.Error {
	return &marketing.Error{Code: marketing.ETooLarge,
		Message: "The sheet has more than " + strconv.Itoa(limit) + " rows, the most DirectDesk reads from one file. Split the list into several files and import them one by one.",
		Details: map[string]string{"reason": "rows", "limit": strconv.Itoa(limit)}}
}

func tooManyCols(limit, row int) *marketing.Error {
	return &marketing.Error{Code: marketing.ETooLarge, Row: row,
		Message: "Row " + strconv.Itoa(row) + " has data in more than " + strconv.Itoa(limit) + " columns, the most DirectDesk reads. Delete the columns you do not need and save the file again.",
		Details: map[string]string{"reason": "columns", "limit": strconv.Itoa(limit), "row": strconv.Itoa(row)}}
}

func cellTooLong(limit, row, col int, text bool) *marketing.Error {
	msg := "A cell in row " + strconv.Itoa(row) + " holds more than " + strconv.Itoa(limit) + " characters, more than a spreadsheet cell can hold."
	if text {
		msg += " This usually means a quotation mark (\") is not closed; check that row in a text editor."
	} else {
		msg += " Shorten that cell and save the file again."
	}
	return &marketing.Error{Code: marketing.ETooLarge, Row: row, Message: msg,
		Details: map[string]string{"reason": "cell", "limit": strconv.Itoa(limit), "row": strconv.Itoa(row), "column": strconv.Itoa(col)}}
}

func tooBig(limitBytes, size int64) *marketing.Error {
	mb := func(n int64) string { return strconv.FormatInt((n+(1<<20)-1)>>20, 10) }
	return &marketing.Error{Code: marketing.ETooLarge,
		Message: "The file is " + mb(size) + " MB; DirectDesk reads files up to " + mb(limitBytes) + " MB. Split the list into smaller files, or save only the columns you need.",
		Details: map[string]string{"reason": "file", "size_mb": mb(size), "limit_mb": mb(limitBytes)}}
}

func unpacksTooBig(budget int64) *marketing.Error {
	return &marketing.Error{Code: marketing.ETooLarge,
		Message: "The spreadsheet unpacks to more than " + strconv.FormatInt(budget>>20, 10) + " MB, which is more than DirectDesk reads (or the file is built to fill the memory). Copy the list into a new workbook, save it and try again.",
		Details: map[string]string{"reason": "unpacked", "limit_mb": strconv.FormatInt(budget>>20, 10)}}
}

func unknownSheet(name string) *marketing.Error {
	return &marketing.Error{Code: marketing.EInvalid, Field: "sheet",
		Message: "The file has no sheet called \"" + name + "\". Pick one of the sheets shown.",
		Details: map[string]string{"sheet": name}}
}

// recovered turns a parser panic into the error the user sees.
func recovered(r any) error {
	if e, ok := r.(error); ok {
		return damaged(e)
	}
	return damaged(panicError{r})
}

type panicError struct{ v any }

func (p panicError) Error() string { return "panic: " + stringify(p.v) }

func stringify(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	if s, ok := v.(interface{ String() string }); ok {
		return s.String()
	}
	return "unknown value"
}

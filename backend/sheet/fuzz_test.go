package sheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"unicode/utf8"

	"directdesk/backend/marketing"
)

// Fuzzing checks that no input panics, hangs or escapes the error codes,
// and that what comes out keeps the promises of the API.

var fuzzOpt = Options{MaxRows: 5000, MaxCols: 200, MaxCellChars: 2000, MaxBytes: 8 << 20}

func checkOutcome(t *testing.T, opt Options, rows [][]Cell, err error) {
	t.Helper()
	if err != nil {
		var e *marketing.Error
		if !errors.As(err, &e) {
			t.Fatalf("error of type %T: %v", err, err)
		}
		switch e.Code {
		case marketing.EUnsupportedFile, marketing.ETooLarge, marketing.EInvalid:
		default:
			t.Fatalf("unexpected code %s: %v", e.Code, err)
		}
	}
	opt = opt.withDefaults()
	if len(rows) > opt.MaxRows {
		t.Fatalf("%d rows over the limit", len(rows))
	}
	for i, r := range rows {
		if len(r) > opt.MaxCols {
			t.Fatalf("row %d has %d cells", i+1, len(r))
		}
		if n := len(r); n > 0 && r[n-1].Kind == KindEmpty && r[n-1].Text == "" {
			t.Fatalf("row %d ends in an empty cell", i+1)
		}
		for _, c := range r {
			if !utf8.ValidString(c.Text) || !utf8.ValidString(c.Raw) || c.Kind > KindError {
				t.Fatalf("row %d has a bad cell %+v", i+1, c)
			}
			if utf8.RuneCountInString(c.Text) > opt.MaxCellChars {
				t.Fatalf("row %d has a cell over the limit", i+1)
			}
		}
	}
}

// readBook reads every sheet of whatever Open makes of the bytes.
func readBook(t *testing.T, data []byte) {
	b, err := openBytes(t, data, fuzzOpt)
	if err != nil {
		checkOutcome(t, fuzzOpt, nil, err)
		return
	}
	defer b.Close()
	for _, s := range b.Sheets() {
		rows, err := tryReadAll(b, s.Name)
		checkOutcome(t, fuzzOpt, rows, err)
		if err == nil {
			DetectHeader(rows)
		}
	}
	PickSheet(b)
}

func seedFiles(f *testing.F, glob string) {
	files, _ := filepath.Glob(filepath.Join("testdata", glob))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
}

func FuzzCSV(f *testing.F) {
	seedFiles(f, "*.csv")
	seedFiles(f, "*.txt")
	for _, s := range []string{"a,b\n\"c\nd\",e\r\n", "sep=;\na;b", "\"unclosed", "a\tb\tc\n1\t2\t3", "\xef\xbb\xbfNavn;By\nS\xf8ren;\xc6r\xf8\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := textBook(t, data, fuzzOpt)
		if err != nil {
			checkOutcome(t, fuzzOpt, nil, err)
			return
		}
		rows, err := tryReadAll(b, "data")
		checkOutcome(t, fuzzOpt, rows, err)
	})
}

func FuzzPaste(f *testing.F) {
	for _, s := range []string{"Navn\tBy\r\nAnna\tKøbenhavn\r\n", "a\t\"b\nc\"\td\n", "\"\"\"\t\"", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		b, err := ReadPaste(text)
		if err != nil {
			checkOutcome(t, Options{}, nil, err)
			return
		}
		rows, err := tryReadAll(b, "Pasted rows")
		checkOutcome(t, Options{}, rows, err)
	})
}

// FuzzODS wraps content.xml bytes in an ODS package.
func FuzzODS(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join("testdata", "kunder.ods")); err == nil {
		if content, err := partOf(b, "content.xml"); err == nil {
			// Styles and fonts are noise here and make minimising slow.
			for _, re := range []string{`(?s)<office:automatic-styles>.*?</office:automatic-styles>`, `(?s)<office:font-face-decls>.*?</office:font-face-decls>`, ` table:style-name="[^"]*"`} {
				content = regexp.MustCompile(re).ReplaceAll(content, nil)
			}
			f.Add(content)
		}
	}
	f.Add([]byte(odsFiles(`<table:table table:name="A"><table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-spanned="2" office:value-type="float" office:value="1"><text:p>1<text:s text:c="2"/></text:p></table:table-cell><table:covered-table-cell/></table:table-row></table:table>`)["content.xml"]))
	f.Fuzz(func(t *testing.T, content []byte) {
		files := odsFiles("")
		files["content.xml"] = string(content)
		readBook(t, zipBytes(t, files))
	})
}

// FuzzXLSX feeds whole files: mostly it exercises the zip and package checks.
func FuzzXLSX(f *testing.F) {
	seedFiles(f, "*.xlsx")
	f.Add(zipBytes(f, xlsxFiles(`<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="B1" s="0"><v>1</v></c></row>`)))
	f.Fuzz(func(t *testing.T, data []byte) {
		readBook(t, data)
	})
}

// FuzzXLSXSheet wraps worksheet XML in a valid package, to reach the row
// readers that mutated zips rarely get to.
func FuzzXLSXSheet(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join("testdata", "kunder.xlsx")); err == nil {
		if sheet, err := partOf(b, "xl/worksheets/sheet1.xml"); err == nil {
			f.Add(sheet)
		}
	}
	f.Add([]byte(xlsxFiles(`<row r="1"><c r="A1" t="e"><v>#N/A</v></c><c r="C1" t="b"><v>1</v></c></row><row r="3"><c r="B3"><v>45306</v></c></row>`, `<mergeCells><mergeCell ref="A1:B2"/></mergeCells>`)["xl/worksheets/sheet1.xml"]))
	f.Fuzz(func(t *testing.T, sheet []byte) {
		files := xlsxFiles("")
		files["xl/worksheets/sheet1.xml"] = string(sheet)
		readBook(t, zipBytes(t, files))
	})
}

func partOf(zipData []byte, name string) ([]byte, error) {
	z, err := zip.NewReader(bytes.NewReader(zipData), int64(len(zipData)))
	if err != nil {
		return nil, err
	}
	f := findPart(z, name)
	if f == nil {
		return nil, errors.New("no " + name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

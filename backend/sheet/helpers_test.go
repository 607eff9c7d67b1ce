package sheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"directdesk/backend/marketing"
)

// openT opens a file that must open.
func openT(t testing.TB, path string, opt Options) Book {
	t.Helper()
	b, err := Open(path, opt)
	if err != nil {
		t.Fatalf("Open(%s): %v", filepath.Base(path), err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

// readAll reads a whole sheet (the picked one when sheet is "").
func readAll(t testing.TB, b Book, sheet string) [][]Cell {
	t.Helper()
	rows, err := tryReadAll(b, sheet)
	if err != nil {
		t.Fatalf("reading %q: %v", sheet, err)
	}
	return rows
}

func tryReadAll(b Book, sheet string) ([][]Cell, error) {
	if sheet == "" {
		sheet = PickSheet(b)
	}
	it, err := b.Rows(sheet)
	if err != nil {
		return nil, err
	}
	defer it.Close()
	var rows [][]Cell
	for it.Next() {
		if it.RowNumber() != len(rows)+1 {
			return rows, errors.New("row numbers out of step")
		}
		rows = append(rows, it.Row())
	}
	return rows, it.Err()
}

func texts(r []Cell) []string {
	out := make([]string, len(r))
	for i, c := range r {
		out[i] = c.Text
	}
	return out
}

func cellAt(rows [][]Cell, r, c int) Cell {
	if r < len(rows) && c < len(rows[r]) {
		return rows[r][c]
	}
	return Cell{}
}

// wantErr checks a *marketing.Error's code and Details["reason"].
func wantErr(t testing.TB, err error, code, reason string) *marketing.Error {
	t.Helper()
	var e *marketing.Error
	if !errors.As(err, &e) {
		t.Fatalf("want a %s error (%s), got %v", code, reason, err)
	}
	if e.Code != code || (reason != "" && e.Details["reason"] != reason) {
		t.Fatalf("want %s/%s, got %s/%s: %s", code, reason, e.Code, e.Details["reason"], e.Message)
	}
	return e
}

func writeFile(t testing.TB, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// zipBytes builds a zip; "mimetype" goes first and stored, as ODF wants.
func zipBytes(t testing.TB, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	if mt, ok := files["mimetype"]; ok {
		f, _ := w.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
		f.Write([]byte(mt))
	}
	for name, body := range files {
		if name == "mimetype" {
			continue
		}
		f, err := w.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store}) // stored: fuzzing wants speed
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte(body))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// odsFiles wraps table XML in a minimal ODS package.
func odsFiles(tables string) map[string]string {
	return map[string]string{
		"mimetype": "application/vnd.oasis.opendocument.spreadsheet",
		"content.xml": `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.2"><office:body><office:spreadsheet>` +
			tables + `</office:spreadsheet></office:body></office:document-content>`,
	}
}

// xlsxFiles is a minimal hand-written xlsx package with one sheet, for
// cell types excelize's writer does not produce.
func xlsxFiles(sheetData string, extra ...string) map[string]string {
	return map[string]string{
		"[Content_Types].xml":        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
		"_rels/.rels":                `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml":   `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + sheetData + `</sheetData>` + strings.Join(extra, "") + `</worksheet>`,
	}
}

// excelizeFile writes a workbook built by fill and returns its path.
func excelizeFile(t testing.TB, fill func(f *excelize.File)) string {
	t.Helper()
	f := excelize.NewFile()
	fill(f)
	p := filepath.Join(t.TempDir(), "book.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return p
}

func style(t testing.TB, f *excelize.File, s *excelize.Style) int {
	t.Helper()
	id, err := f.NewStyle(s)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// openBytes opens a file's bytes as Open would; zips without the disk
// (fuzzing wants speed), anything else through a temporary file.
func openBytes(t testing.TB, data []byte, opt Options) (Book, error) {
	opt = opt.withDefaults()
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) || int64(len(data)) > opt.MaxBytes {
		return Open(writeFile(t, "file", data), opt)
	}
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, damaged(err)
	}
	return openZipped(zipped{z: z, closer: io.NopCloser(nil), size: int64(len(data)),
		excel: func(o excelize.Options) (*excelize.File, error) { return excelize.OpenReader(bytes.NewReader(data), o) }}, opt)
}

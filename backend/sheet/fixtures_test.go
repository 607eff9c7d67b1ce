package sheet

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"directdesk/backend/marketing"
)

// The files in testdata/ were written by LibreOffice (see testdata/README.md).

func TestWorkbooksWrittenByLibreOfficeReadAsTheUserSeesThem(t *testing.T) {
	for _, tc := range []struct {
		name, file, format string
		amount             string // "Købt for" 1234.5 as shown: xlsx keeps no locale, ods does
	}{
		{"an xlsx from LibreOffice", "kunder.xlsx", "xlsx", "1,234.50"},
		{"an ods from LibreOffice", "kunder.ods", "ods", "1.234,50"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := openT(t, filepath.Join("testdata", tc.file), Options{})
			if b.Format() != tc.format {
				t.Errorf("format %q, want %q", b.Format(), tc.format)
			}
			var names []string
			for _, s := range b.Sheets() {
				names = append(names, s.Name)
			}
			if !slices.Equal(names, []string{"Kunder", "Noter"}) || PickSheet(b) != "Kunder" {
				t.Fatalf("sheets %v, picked %q", names, PickSheet(b))
			}
			rows := readAll(t, b, "Kunder")
			if len(rows) != 6 {
				t.Fatalf("%d rows, want 6 (title, blank, header, 3 customers): %q", len(rows), rows)
			}
			if h, ok := DetectHeader(rows); h != 2 || !ok {
				t.Errorf("header row %d %v, want 2 (below the title and the blank row)", h, ok)
			}
			if len(rows[1]) != 0 {
				t.Errorf("the blank row 2 reads as %q", texts(rows[1]))
			}
			title := "Kundeliste – Hansens Blomster ApS"
			if got := texts(rows[0]); !slices.Equal(got, []string{title, title, title, title}) {
				t.Errorf("merged title spreads over its four cells: %q", got)
			}
			wantHeader := []string{"Kundenr.", "Navn", "Navn", "Adresse", "Postnr.", "By", "Fødselsdato", "Købt for", "Nyhedsbrev"}
			if got := texts(rows[2]); !slices.Equal(got, wantHeader) {
				t.Errorf("header %q, want %q (the merged Navn over both name columns)", got, wantHeader)
			}
			check := func(what string, got Cell, text, raw string, kind CellKind) {
				t.Helper()
				if got.Text != text || got.Raw != raw || got.Kind != kind {
					t.Errorf("%s: got %q/%q/%v, want %q/%q/%v", what, got.Text, got.Raw, got.Kind, text, raw, kind)
				}
			}
			check("customer number", rows[3][0], "1001", "1001", KindNumber)
			check("Danish letters", rows[3][2], "Ærø", "Ærø", KindString)
			check("two-line address", rows[3][3], "Nørregade  5\n2. sal", "Nørregade  5\n2. sal", KindString)
			check("Norwegian postcode 0150 stored as the number 150", rows[4][4], "0150", "150", KindNumber)
			check("Swedish postcode typed as text", rows[5][4], "114 55", "114 55", KindString)
			check("amount with decimals", rows[3][7], tc.amount, "1234.5", KindNumber)
			check("yes", rows[3][8], "TRUE", "true", KindBool)
			check("no", rows[4][8], "FALSE", "false", KindBool)
			if d := rows[4][6]; d.Kind != KindDate {
				t.Errorf("birthday %+v is not a date", d)
			} else if tm, ok := d.Time(); !ok || !tm.Equal(time.Date(1990, 12, 1, 0, 0, 0, 0, time.UTC)) {
				t.Errorf("birthday %+v reads as %v", d, tm)
			}
			if len(rows[5]) != 8 {
				t.Errorf("the last row ends in an empty cell and must be trimmed: %d cells", len(rows[5]))
			}
			if notes := readAll(t, b, "Noter"); len(notes) != 1 || notes[0][0].Text != "Opdateret af Bo" {
				t.Errorf("second sheet: %q", notes)
			}
		})
	}
}

func TestTextFilesInTheEncodingsShopOwnersHave(t *testing.T) {
	for _, tc := range []struct {
		name, file, enc string
		delim           rune
		rows            int
		cell            [2]int
		want            string
	}{
		{"a Danish CSV in Windows-1252 with semicolons", "kunder-cp1252.csv", "windows-1252", ';', 6, [2]int{4, 2}, "Ødegård"},
		{"Unicode text (UTF-16 with BOM, tabs) as Excel saves it", "kunder-utf16.txt", "utf-16le", '\t', 6, [2]int{3, 5}, "København Ø"},
		{"a Russian CSV in Windows-1251", "russian-cp1251.csv", "windows-1251", ';', 5, [2]int{1, 2}, "Петрович"},
		{"a Russian CSV in KOI8-R with commas", "russian-koi8r.csv", "koi8-r", ',', 5, [2]int{4, 3}, "Екатеринбург"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := openT(t, filepath.Join("testdata", tc.file), Options{})
			tb, ok := b.(TextBook)
			if !ok || b.Format() != "csv" {
				t.Fatalf("%T %q is no text book", b, b.Format())
			}
			if tb.Encoding() != tc.enc || tb.Delimiter() != tc.delim {
				t.Errorf("read as %s with %q, want %s with %q", tb.Encoding(), tb.Delimiter(), tc.enc, tc.delim)
			}
			rows := readAll(t, b, b.Sheets()[0].Name)
			if len(rows) != tc.rows {
				t.Fatalf("%d rows, want %d", len(rows), tc.rows)
			}
			if got := cellAt(rows, tc.cell[0], tc.cell[1]); got.Text != tc.want || got.Kind != KindString {
				t.Errorf("cell %v = %+v, want %q", tc.cell, got, tc.want)
			}
			if strings.HasPrefix(tc.file, "kunder") {
				if got := rows[3][3].Text; got != "Nørregade  5\n2. sal" {
					t.Errorf("quoted cell with a line break: %q", got)
				}
				if got := rows[4][4].Text; got != "0150" {
					t.Errorf("postcode as text keeps its zero: %q", got)
				}
			}
		})
	}
}

func TestOldAndPasswordProtectedExcelFilesAreRefusedWithAdvice(t *testing.T) {
	for _, tc := range []struct {
		name, file, reason, advice string
	}{
		{"an old .xls from LibreOffice", "kunder.xls", "legacy_xls", "save it as Excel Workbook (.xlsx)"},
		{"an xlsx LibreOffice saved with a password", "kunder-password.xlsx", "encrypted", "remove the password"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Open(filepath.Join("testdata", tc.file), Options{})
			e := wantErr(t, err, marketing.EUnsupportedFile, tc.reason)
			if !strings.Contains(e.Message, tc.advice) {
				t.Errorf("message %q does not say %q", e.Message, tc.advice)
			}
		})
	}
}

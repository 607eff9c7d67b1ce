package sheet

import (
	"slices"
	"testing"

	"directdesk/backend/marketing"
)

func TestRowsPastedFromExcelOrLibreOffice(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       [][]string
	}{
		{"Excel on Windows (CRLF, a trailing newline)", "Navn\tBy\r\nAnna\tKøbenhavn\r\n", [][]string{{"Navn", "By"}, {"Anna", "København"}}},
		{"LibreOffice on Linux (LF)", "Navn\tBy\nAnna\tOslo", [][]string{{"Navn", "By"}, {"Anna", "Oslo"}}},
		{"a cell with a line break is quoted", "Navn\tAdresse\r\nAnna\t\"Vestergade 1\n2. sal\"\r\n", [][]string{{"Navn", "Adresse"}, {"Anna", "Vestergade 1\n2. sal"}}},
		{"a quoted cell with quotes inside", "\"Say \"\"hi\"\"\nthere\"\tx\r\n", [][]string{{"Say \"hi\"\nthere", "x"}}},
		{"commas stay in their cell", "Hansen, Anna\tOslo\n", [][]string{{"Hansen, Anna", "Oslo"}}},
		{"empty cells in the middle and at the end", "a\t\tc\t\t\r\n", [][]string{{"a", "", "c"}}},
		{"a single column", "anna@x.dk\r\nbo@x.dk\r\n", [][]string{{"anna@x.dk"}, {"bo@x.dk"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := ReadPaste(tc.text)
			if err != nil {
				t.Fatal(err)
			}
			if b.Format() != "paste" || len(b.Sheets()) != 1 {
				t.Fatalf("format %q sheets %+v", b.Format(), b.Sheets())
			}
			rows := readAll(t, b, b.Sheets()[0].Name)
			if len(rows) != len(tc.want) {
				t.Fatalf("rows %q, want %q", rows, tc.want)
			}
			for i, r := range rows {
				if got := texts(r); !slices.Equal(got, tc.want[i]) {
					t.Errorf("row %d: %q, want %q", i+1, got, tc.want[i])
				}
			}
		})
	}
}

func TestAnEmptyPasteSaysWhatToDo(t *testing.T) {
	_, err := ReadPaste(" \r\n")
	wantErr(t, err, marketing.EInvalid, "")
}

func TestPastedBinaryIsRefusedAsAPasteProblem(t *testing.T) {
	_, err := ReadPaste("a\x00b\x00\x01\x02\x03")
	wantErr(t, err, marketing.EInvalid, "")
}

package sheet

import (
	"strings"
	"testing"
)

// sheetOf builds rows from "|"-separated lines; cells that parse as numbers
// are KindNumber, "" is empty, the rest strings.
func sheetOf(lines ...string) [][]Cell {
	var rows [][]Cell
	for _, l := range lines {
		var r []Cell
		if l != "" {
			for _, t := range strings.Split(l, "|") {
				c := Cell{Text: t, Raw: t}
				switch {
				case t == "":
				case strings.Trim(t, "0123456789.,- ") == "":
					c.Kind = KindNumber
				default:
					c.Kind = KindString
				}
				r = append(r, c)
			}
		}
		rows = append(rows, r)
	}
	return rows
}

func TestTheHeaderRowIsFoundBelowTitlesAndBlankRows(t *testing.T) {
	for _, tc := range []struct {
		name  string
		rows  [][]Cell
		want  int
		found bool
	}{
		{"a header on the first row", sheetOf("Navn|Email|Postnr.", "Anna|anna@x.dk|2100", "Bo|bo@x.dk|8000"), 0, true},
		{"a title and a blank row above", sheetOf("Kundeliste 2024", "", "Navn|Email|Postnr.", "Anna|anna@x.dk|2100"), 2, true},
		{"a title and a print date above", sheetOf("Kundeliste|Udskrevet 15.01.2024", "", "Fornavn|Efternavn|Adresse|Postnr.|By|Telefon", "Anna|Holm|Vej 1|2100|København|12345678"), 2, true},
		{"a merged title repeated over its cells", sheetOf("Kunder|Kunder|Kunder", "Navn|By|Postnr.", "Anna|Oslo|0150"), 1, true},
		{"a header in Russian", sheetOf("Клиенты", "Фамилия|Имя|Индекс", "Иванов|Иван|101000"), 1, true},
		{"a one-column list", sheetOf("Email", "anna@x.dk", "bo@x.dk"), 0, true},
		{"a header over an empty list", sheetOf("Noter", "", "Navn|By|Telefon"), 2, true},
		{"no header, just data with numbers", sheetOf("1001|2100|12.5", "1002|8000|3"), 0, false},
		{"names only, no clear header: the first row is taken", sheetOf("Anna|Holm", "Bo|Berg"), 0, true},
		{"nothing", nil, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := DetectHeader(tc.rows)
			if got != tc.want || ok != tc.found {
				t.Errorf("DetectHeader = %d, %v; want %d, %v", got, ok, tc.want, tc.found)
			}
		})
	}
}

type fakeBook struct{ sheets []SheetInfo }

func (f fakeBook) Format() string               { return "fake" }
func (f fakeBook) Sheets() []SheetInfo          { return f.sheets }
func (f fakeBook) Rows(string) (RowIter, error) { return nil, nil }
func (f fakeBook) Close() error                 { return nil }

func TestTheSheetWithMostDataIsPicked(t *testing.T) {
	for _, tc := range []struct {
		name   string
		sheets []SheetInfo
		want   string
	}{
		{"the largest area", []SheetInfo{{Name: "Info", Rows: 3, Cols: 2}, {Name: "Kunder", Rows: 120, Cols: 8}, {Name: "Lang", Rows: 200, Cols: 1}}, "Kunder"},
		{"visible before hidden", []SheetInfo{{Name: "Data", Rows: 5000, Cols: 9, Hidden: true}, {Name: "Kunder", Rows: 2, Cols: 2}}, "Kunder"},
		{"the first on a tie or when unknown", []SheetInfo{{Name: "A", Rows: -1, Cols: -1}, {Name: "B", Rows: -1, Cols: -1}}, "A"},
		{"a hidden one when all are hidden", []SheetInfo{{Name: "H", Rows: 1, Cols: 1, Hidden: true}}, "H"},
		{"none", nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := PickSheet(fakeBook{tc.sheets}); got != tc.want {
				t.Errorf("picked %q, want %q", got, tc.want)
			}
		})
	}
}

package sheet

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// DetectHeader finds the header row in the first rows of a sheet (pass up to
// 30; more are ignored), below title rows and blank rows: the first row with
// several non-empty, mostly textual, distinct cells that is followed by a
// data row it covers. It first asks for a column where the header has a label
// and the data a number, date or email ("Postnr." over 2100), which tells a
// header from a first row of names; if no row has one it settles for the
// rest. headerRow indexes rows; ok is false (and headerRow 0) when no row
// looks like a header.
func DetectHeader(rows [][]Cell) (headerRow int, ok bool) {
	rows = rows[:min(len(rows), headerRows)]
	widest := 0
	for _, r := range rows {
		widest = max(widest, nonEmpty(r))
	}
	for _, contrast := range []bool{true, false} {
		for i, r := range rows {
			if headerLike(r, widest) && followedByData(rows, i, contrast) {
				return i, true
			}
		}
	}
	return 0, false
}

func headerLike(r []Cell, widest int) bool {
	n := nonEmpty(r)
	if n == 0 || (n < 2 && widest >= 2) {
		return false
	}
	labels := 0
	seen := map[string]bool{}
	for _, c := range r {
		if isBlank(c) {
			continue
		}
		if isLabel(c) {
			labels++
		}
		seen[strings.ToLower(strings.TrimSpace(c.Text))] = true
	}
	return labels*4 >= n*3 && len(seen)*5 >= n*4
}

// followedByData checks the next non-blank row (within three rows): most of
// its cells must sit under the candidate's labels, and with contrast, one of
// them must be data under a label.
func followedByData(rows [][]Cell, i int, contrast bool) bool {
	for j := i + 1; j < len(rows) && j <= i+3; j++ {
		d := rows[j]
		n := nonEmpty(d)
		if n == 0 {
			continue
		}
		covered, contrasted := 0, false
		for k, c := range d {
			if isBlank(c) || k >= len(rows[i]) || isBlank(rows[i][k]) {
				continue
			}
			covered++
			if isLabel(rows[i][k]) && !isLabel(c) {
				contrasted = true
			}
		}
		return covered*2 >= n && (contrasted || !contrast)
	}
	// Nothing follows in the sample: a header over an empty list is still one.
	for _, r := range rows[i+1:] {
		if nonEmpty(r) > 0 {
			return false
		}
	}
	return !contrast
}

// isLabel says a cell reads like a column name: short text with a letter,
// not a number, date, email or web address.
func isLabel(c Cell) bool {
	t := strings.TrimSpace(c.Text)
	if c.Kind != KindString || t == "" || utf8.RuneCountInString(t) > 60 || strings.Contains(t, "@") || strings.Contains(t, "://") {
		return false
	}
	return strings.IndexFunc(t, unicode.IsLetter) >= 0
}

func isBlank(c Cell) bool { return strings.TrimSpace(c.Text) == "" }

func nonEmpty(r []Cell) int {
	n := 0
	for _, c := range r {
		if !isBlank(c) {
			n++
		}
	}
	return n
}

// PickSheet returns the sheet that most likely holds the list: the visible
// one with the largest estimated area (rows × columns), the first on a tie;
// a hidden sheet only when all are hidden. "" for a book without sheets.
func PickSheet(b Book) string {
	best, bestW := "", int64(-2)
	for _, s := range b.Sheets() {
		w := max(int64(s.Rows), 0) * max(int64(s.Cols), 1)
		if s.Hidden {
			w = -1
		}
		if w > bestW {
			best, bestW = s.Name, w
		}
	}
	return best
}

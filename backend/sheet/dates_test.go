package sheet

import (
	"testing"
	"time"
)

func TestNumberFormatsThatShowDates(t *testing.T) {
	for _, tc := range []struct {
		code string
		want fmtKind
	}{
		{"dd.mm.yyyy", fmtDate},
		{`[$-406]d\.\ mmmm\ yyyy`, fmtDate},
		{"mmm-yy", fmtDate},
		{"yyyy-mm-dd hh:mm:ss", fmtDateTime},
		{"m/d/yyyy h:mm AM/PM", fmtDateTime},
		{"[$-F800]dddd, mmmm dd, yyyy", fmtDate},
		{"h:mm", fmtNumber},
		{"[h]:mm:ss", fmtNumber},
		{"mm:ss", fmtNumber},
		{"0000", fmtNumber},
		{"#,##0.00", fmtNumber},
		{`#,##0.00 "kr"`, fmtNumber},
		{`0" dage"`, fmtNumber},
		{`[Red]#,##0;[Blue]-#,##0`, fmtNumber},
		{"0.00E+00", fmtNumber},
		{"General", fmtNumber},
		{`"SAND";"SAND";"FALSK"`, fmtNumber},
		{"@", fmtNumber},
		{`\d0`, fmtNumber},
	} {
		if got := customFormatKind(tc.code); got != tc.want {
			t.Errorf("customFormatKind(%q) = %d, want %d", tc.code, got, tc.want)
		}
	}
	for id, want := range map[int]fmtKind{0: fmtNumber, 14: fmtDate, 17: fmtDate, 18: fmtNumber, 22: fmtDateTime, 45: fmtNumber, 49: fmtNumber} {
		if got := builtinFormatKind(id); got != want {
			t.Errorf("builtinFormatKind(%d) = %d, want %d", id, got, want)
		}
	}
}

func TestExcelSerialsBecomeCalendarDays(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		serial float64
		d1904  bool
		want   time.Time
		ok     bool
	}{
		{1, false, day(1900, 1, 1), true},
		{59, false, day(1900, 2, 28), true},
		{60, false, day(1900, 2, 28), true}, // Excel's 29 February 1900 never was
		{61, false, day(1900, 3, 1), true},
		{45306, false, day(2024, 1, 15), true},
		{45306.5, false, day(2024, 1, 15).Add(12 * time.Hour), true},
		{45306.999999, false, day(2024, 1, 16), true}, // rounds to the second
		{0, true, day(1904, 1, 1), false},             // zero is no date in either system
		{43844, true, day(2024, 1, 15), true},
		{0.5, false, time.Time{}, false},
		{-3, false, time.Time{}, false},
		{3e6, false, time.Time{}, false},
	} {
		got, ok := serialTime(tc.serial, tc.d1904)
		if ok != tc.ok || (ok && !got.Equal(tc.want)) {
			t.Errorf("serialTime(%v, 1904=%v) = %v %v, want %v %v", tc.serial, tc.d1904, got, ok, tc.want, tc.ok)
		}
	}
	for raw, want := range map[string]time.Time{
		"45306":               day(2024, 1, 15),
		"2024-01-15":          day(2024, 1, 15),
		"2024-01-15T13:45:00": day(2024, 1, 15).Add(13*time.Hour + 45*time.Minute),
	} {
		if got, ok := (Cell{Raw: raw, Kind: KindDate}).Time(); !ok || !got.Equal(want) {
			t.Errorf("Time(%q) = %v %v", raw, got, ok)
		}
	}
	if _, ok := (Cell{Raw: "45306", Kind: KindNumber}).Time(); ok {
		t.Error("only date cells have a Time")
	}
}

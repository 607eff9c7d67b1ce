package sheet

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// fmtKind is what a number format shows.
type fmtKind uint8

const (
	fmtNumber   fmtKind = iota
	fmtDate             // a calendar date
	fmtDateTime         // a date with a time of day
)

// builtinFormatKind classifies Excel's built-in number formats. 14-17 are
// dates and 22 a date with time. 18-21 and 45-47 are times of day or
// durations: they stay numbers (with the time as Text) because a time alone
// is no calendar date. 27-36 and 50-58 are East Asian dates we do not expect.
func builtinFormatKind(id int) fmtKind {
	switch {
	case id >= 14 && id <= 17:
		return fmtDate
	case id == 22:
		return fmtDateTime
	}
	return fmtNumber
}

// customFormatKind classifies a format code: a date if its first section
// shows a day, month or year (d, m, y) once literals ("kr", \x, [$-406],
// colours) are removed. "m" alone is minutes when next to h or s.
func customFormatKind(code string) fmtKind {
	s := strings.ToLower(code)
	if s == "" || s == "general" || s == "@" {
		return fmtNumber
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ';':
			i = len(s) // only the first (positive) section
		case '"':
			if j := strings.IndexByte(s[i+1:], '"'); j >= 0 {
				i += j + 1
			} else {
				i = len(s)
			}
		case '\\', '_', '*':
			i++ // escaped, padding and fill characters
		case '[':
			j := strings.IndexByte(s[i:], ']')
			if j < 0 {
				i = len(s)
				break
			}
			// [h], [mm], [ss] are elapsed times: keep their letters.
			if in := s[i+1 : i+j]; in != "" && strings.Trim(in, "hms") == "" {
				b.WriteString(in)
			}
			i += j
		default:
			b.WriteByte(c)
		}
	}
	t := strings.NewReplacer("am/pm", "", "a/p", "").Replace(b.String())
	hasH, hasS := strings.ContainsRune(t, 'h'), strings.ContainsRune(t, 's')
	date := strings.ContainsAny(t, "dy") || (strings.ContainsRune(t, 'm') && !hasH && !hasS)
	switch {
	case date && (hasH || hasS):
		return fmtDateTime
	case date:
		return fmtDate
	}
	return fmtNumber
}

// maxSerial is 9999-12-31, the last day Excel shows.
const maxSerial = 2958465

// serialTime converts an Excel serial day number to a time (UTC, to the
// second). In the 1900 system Excel counts a 29 February 1900 that never
// was: serials below 60 start a day later, and 60 itself becomes 28 February.
func serialTime(v float64, date1904 bool) (time.Time, bool) {
	if math.IsNaN(v) || v < 1 || v >= maxSerial+1 {
		return time.Time{}, false
	}
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	switch {
	case date1904:
		base = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	case v < 61:
		base = time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC)
		if v >= 60 {
			v--
		}
	}
	days := math.Floor(v)
	secs := math.Round((v - days) * 86400)
	return base.AddDate(0, 0, int(days)).Add(time.Duration(secs) * time.Second), true
}

// dateText is how a date cell from xlsx is shown: ISO 8601, unambiguous in
// every locale, with the time when the format shows one.
func dateText(t time.Time, kind fmtKind, seconds bool) string {
	switch {
	case kind != fmtDateTime:
		return t.Format("2006-01-02")
	case seconds:
		return t.Format("2006-01-02 15:04:05")
	}
	return t.Format("2006-01-02 15:04")
}

// Time returns the date (and time) of a KindDate cell: Raw is either a
// 1900-system serial (xlsx) or ISO 8601 (ods, and xlsx cells stored as ISO
// dates). Times are UTC wall-clock values: spreadsheets have no time zones.
func (c Cell) Time() (time.Time, bool) {
	if c.Kind != KindDate {
		return time.Time{}, false
	}
	if v, err := strconv.ParseFloat(c.Raw, 64); err == nil {
		return serialTime(v, false)
	}
	for _, layout := range []string{"2006-01-02", "2006-01-02T15:04:05", "2006-01-02T15:04:05.999999999", time.RFC3339Nano} {
		if t, err := time.Parse(layout, c.Raw); err == nil {
			y, m, d := t.Date()
			return time.Date(y, m, d, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC), true
		}
	}
	return time.Time{}, false
}

// normNumber gives the number Excel stores as the user would type it: Excel
// keeps 15 significant digits, and files often carry binary noise after them
// (0.30000000000000004 for 0.3).
func normNumber(v string) string {
	if len(v) <= 15 && !strings.ContainsAny(v, "eE") {
		return v
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsInf(f, 0) {
		return v
	}
	f, _ = strconv.ParseFloat(strconv.FormatFloat(f, 'g', 15, 64), 64)
	if math.Abs(f) >= 1e21 || (f != 0 && math.Abs(f) < 1e-9) {
		return strconv.FormatFloat(f, 'g', -1, 64)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// isoDuration reads an ODS time value (PT10H30M00S) as a fraction of a day,
// the way xlsx stores times.
func isoDuration(s string) (float64, bool) {
	rest, ok := strings.CutPrefix(s, "PT")
	if !ok {
		return 0, false
	}
	var secs float64
	for rest != "" {
		i := strings.IndexAny(rest, "HMS")
		if i <= 0 {
			return 0, false
		}
		n, err := strconv.ParseFloat(rest[:i], 64)
		if err != nil || n < 0 || math.IsInf(n, 0) {
			return 0, false
		}
		secs += n * map[byte]float64{'H': 3600, 'M': 60, 'S': 1}[rest[i]]
		rest = rest[i+1:]
	}
	return secs / 86400, true
}

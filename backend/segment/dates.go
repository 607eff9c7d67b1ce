package segment

import (
	"fmt"
	"time"

	"directdesk/backend/marketing"
)

// Dates in the store are YYYY-MM-DD text, so comparing them as text compares
// them as dates; the helpers here give the SQL compiler and the evaluator the
// same bounds, so they cannot disagree about a birthday.

// ymd formats a date that may not exist (29 February of a common year): as
// a bound it still sorts where it should.
func ymd(y int, m time.Month, d int) string { return fmt.Sprintf("%04d-%02d-%02d", y, int(m), d) }

// AgeBounds turns an age condition into birth-date bounds: the contact's
// birth date b must satisfy lo < b <= hi ("" = no bound). Someone born on
// 29 February turns a year older on 1 March in common years. A person is
// at least a years old on day D when (b.year+a, b.month, b.day) <= D, that
// is b <= (D.year-a, D.month, D.day) compared as text.
func AgeBounds(n *Node, today time.Time) (lo, hi string) {
	d := today
	if n.AsOf != "" {
		d, _ = time.Parse(marketing.DateLayout, n.AsOf)
	}
	y, m, day := d.Date()
	atLeast := func(a int) string { return ymd(y-a, m, day) }
	switch n.Op {
	case OpAtLeast:
		return "", atLeast(Int(n.Values[0]))
	case OpAtMost:
		return atLeast(Int(n.Values[0]) + 1), ""
	case OpBetween:
		return atLeast(Int(n.Values[1]) + 1), atLeast(Int(n.Values[0]))
	}
	return "", ""
}

// BirthdayDays lists the month-days ("12-24") of the next n days from today,
// today included; 1 March of a common year brings "02-29" along.
func BirthdayDays(n int, today time.Time) []string {
	y, m, d := today.Date()
	start := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	var out []string
	for k := 0; k <= n && k < 366; k++ {
		t := start.AddDate(0, 0, k)
		out = append(out, fmt.Sprintf("%02d-%02d", int(t.Month()), t.Day()))
		if t.Month() == time.March && t.Day() == 1 && !leap(t.Year()) {
			out = append(out, "02-29")
		}
	}
	return dedupe(out)
}

func leap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// DaysAgo is the date n days before today, for "in the last n days".
func DaysAgo(n int, today time.Time) string {
	y, m, d := today.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -n).Format(marketing.DateLayout)
}

package marketing

import (
	"fmt"
	"time"
	_ "time/tzdata" // Windows has no zone database: the call list needs Oslo's and Moscow's time anywhere
)

// Allowed calling hours for marketing calls to consumers, per country, in
// the country's own time. Where the law sets no hours we pick hours well
// inside common practice, so a call the app says is fine never needs a
// lawyer. No calls on Sundays or public holidays anywhere.
//
//   - NO: markedsføringsloven § 14 forbids telephone marketing to consumers
//     on Saturdays, Sundays and public holidays (and days the law treats
//     as such) and on weekdays before 09.00 and after 21.00 (Prop. 43 L
//     (2016–2017) ch. 2.1; Forbrukertilsynet's guide on telephone sales).
//   - DK: a call that sells needs the consumer's prior request
//     (forbrugeraftaleloven § 4, Forbrugerombudsmanden's overview of the
//     rules for telephone sales); the law sets no hours, so we use weekdays
//     09–20 and Saturdays 10–16.
//   - SE: the Marketing Act (2008:486), the Distance Contracts Act
//     (2005:59) and NIX-Telefon set no hours; Kontakta and SWEDMA's
//     ethical rules (2021) govern practice. Conservative: weekdays 09–20,
//     Saturdays 10–16.
//   - RU: the Advertising Law (38-FZ art. 18) needs prior consent and sets
//     no hours; the closest statutory hours are those for debt collectors
//     (230-FZ art. 7: workdays 08–22, weekends and holidays 09–20, the
//     person's local time). We stay inside them: weekdays 09–21,
//     Saturdays 10–18, Moscow time (the contact's region is not mapped to
//     one of Russia's eleven zones).
//   - Anywhere else: weekdays 09–20 in the computer's own time.
type callRules struct {
	zone     string
	weekday  [2]int // minutes after midnight: from, to (exclusive)
	saturday [2]int // {0, 0}: no calls
	holidays func(y int) map[string]bool
}

var callingRules = map[string]callRules{
	"NO": {zone: "Europe/Oslo", weekday: [2]int{9 * 60, 21 * 60}, holidays: holidaysNO},
	"DK": {zone: "Europe/Copenhagen", weekday: [2]int{9 * 60, 20 * 60}, saturday: [2]int{10 * 60, 16 * 60}, holidays: holidaysDK},
	"SE": {zone: "Europe/Stockholm", weekday: [2]int{9 * 60, 20 * 60}, saturday: [2]int{10 * 60, 16 * 60}, holidays: holidaysSE},
	"RU": {zone: "Europe/Moscow", weekday: [2]int{9 * 60, 21 * 60}, saturday: [2]int{10 * 60, 18 * 60}, holidays: holidaysRU},
}

var otherRules = callRules{weekday: [2]int{9 * 60, 20 * 60}}

func rulesFor(country string) (callRules, *time.Location) {
	r, ok := callingRules[country]
	if !ok {
		return otherRules, time.Local
	}
	loc, err := time.LoadLocation(r.zone)
	if err != nil {
		return r, time.Local
	}
	return r, loc
}

// callWindow is the window of the day t falls on, in the country's time:
// minutes after midnight, from and to (to exclusive); from == to: none.
func callWindow(country string, t time.Time) (int, int, time.Time) {
	r, loc := rulesFor(country)
	lt := t.In(loc)
	if r.holidays != nil && r.holidays(lt.Year())[lt.Format(time.DateOnly)] {
		return 0, 0, lt
	}
	switch lt.Weekday() {
	case time.Sunday:
		return 0, 0, lt
	case time.Saturday:
		return r.saturday[0], r.saturday[1], lt
	}
	return r.weekday[0], r.weekday[1], lt
}

// CanCall says whether a marketing call to a consumer in the country
// (ISO code) may be made at t.
func CanCall(country string, t time.Time) bool {
	from, to, lt := callWindow(country, t)
	m := lt.Hour()*60 + lt.Minute()
	return from < to && m >= from && m < to
}

// CallHours is the calling window of t's day in the country's time, such
// as "09:00–21:00"; "" when no calls are allowed that day.
func CallHours(country string, t time.Time) string {
	from, to, _ := callWindow(country, t)
	if from >= to {
		return ""
	}
	return fmt.Sprintf("%02d:%02d–%02d:%02d", from/60, from%60, to/60, to%60)
}

// easter is Easter Sunday of year y (Gregorian; the anonymous algorithm).
func easter(y int) time.Time {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(y, time.Month(month), day, 12, 0, 0, 0, time.UTC)
}

func dayset(y int, fixed []string, easterOffsets []int) map[string]bool {
	out := map[string]bool{}
	for _, md := range fixed {
		out[fmt.Sprintf("%04d-%s", y, md)] = true
	}
	e := easter(y)
	for _, off := range easterOffsets {
		out[e.AddDate(0, 0, off).Format(time.DateOnly)] = true
	}
	return out
}

// Public holidays (Sundays are closed anyway). Christmas Eve and New
// Year's Eve are added where they are not holidays by law: nobody wants a
// sales call then.
func holidaysNO(y int) map[string]bool {
	// Maundy Thursday, Good Friday, Easter, Easter Monday, Ascension, Whitsun, Whit Monday.
	return dayset(y, []string{"01-01", "05-01", "05-17", "12-24", "12-25", "12-26", "12-31"}, []int{-3, -2, 0, 1, 39, 49, 50})
}

func holidaysDK(y int) map[string]bool {
	offsets := []int{-3, -2, 0, 1, 39, 49, 50}
	if y < 2024 {
		offsets = append(offsets, 26) // Store Bededag, abolished from 2024
	}
	return dayset(y, []string{"01-01", "06-05", "12-24", "12-25", "12-26", "12-31"}, offsets)
}

func holidaysSE(y int) map[string]bool {
	out := dayset(y, []string{"01-01", "01-06", "05-01", "06-06", "12-24", "12-25", "12-26", "12-31"}, []int{-2, 0, 1, 39, 49})
	// Midsummer Eve and Day: the Friday and Saturday between 19 and 26 June;
	// All Saints' Day: the Saturday between 31 October and 6 November.
	for d := time.Date(y, 6, 19, 12, 0, 0, 0, time.UTC); d.Month() == 6 && d.Day() <= 25; d = d.AddDate(0, 0, 1) {
		if d.Weekday() == time.Friday {
			out[d.Format(time.DateOnly)] = true
			out[d.AddDate(0, 0, 1).Format(time.DateOnly)] = true
		}
	}
	for d := time.Date(y, 10, 31, 12, 0, 0, 0, time.UTC); d.Before(time.Date(y, 11, 7, 0, 0, 0, 0, time.UTC)); d = d.AddDate(0, 0, 1) {
		if d.Weekday() == time.Saturday {
			out[d.Format(time.DateOnly)] = true
		}
	}
	return out
}

// holidaysRU are the non-working holidays of the Labour Code art. 112
// (the government's yearly moves of days off are not known ahead).
func holidaysRU(y int) map[string]bool {
	return dayset(y, []string{"01-01", "01-02", "01-03", "01-04", "01-05", "01-06", "01-07", "01-08",
		"02-23", "03-08", "05-01", "05-09", "06-12", "11-04"}, nil)
}

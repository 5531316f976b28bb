package ladder

import (
	"fmt"
	"time"
)

// Dates in ladder are civil dates: a year, a month and a day, with no time of
// day and no time zone. They travel as time.Time values at midnight UTC; the
// functions here read only the date of the value they are given.

// civil returns t's date as midnight UTC.
func civil(t time.Time) time.Time {
	if t.Location() == time.UTC && t.Unix()%86400 == 0 && t.Nanosecond() == 0 {
		return t // already a civil date
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Today returns today's date in UTC as midnight UTC.
func Today() time.Time { return civil(time.Now().UTC()) }

// ParseDate parses a civil date written as YYYY-MM-DD and returns it as
// midnight UTC. Impossible dates such as 2026-02-30 are errors, and so are
// dates before 1900: in a career record they are typos (1022 for 2022), and
// 0001-01-01 would read as the zero time, "not given".
func ParseDate(s string) (time.Time, error) {
	ok := len(s) == 10 && s[4] == '-' && s[7] == '-'
	for i := 0; ok && i < len(s); i++ {
		ok = i == 4 || i == 7 || ('0' <= s[i] && s[i] <= '9')
	}
	if !ok {
		return time.Time{}, fmt.Errorf("want a date as YYYY-MM-DD, got %q", s)
	}
	num := func(d string) int { // two or four digits, without time.Parse's cost
		n := 0
		for i := 0; i < len(d); i++ {
			n = n*10 + int(d[i]-'0')
		}
		return n
	}
	y, m, d := num(s[:4]), time.Month(num(s[5:7])), num(s[8:])
	if m < time.January || m > time.December || d < 1 || d > daysIn(y, m) {
		return time.Time{}, fmt.Errorf("no such date %q", s)
	}
	if s < "1900" { // s is YYYY-MM-DD, so text order is date order
		return time.Time{}, fmt.Errorf("date %q is before 1900", s)
	}
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
}

// AddMonths returns the date n whole months after t's date (before it when n
// is negative), clamped to the last day of the month it lands in:
// January 31 plus one month is February 28, or February 29 in a leap year.
//
// Dates saturate at 9999-12-31, the last date ladder reads or writes: a
// result past it is 9999-12-31.
func AddMonths(t time.Time, n int) time.Time {
	const maxStep = 12 * 10000 // more than spans any two dates ladder reads
	n = min(max(n, -maxStep), maxStep)
	y, m, d := t.Date()
	if y > 9999 {
		return lastDate
	}
	total := y*12 + int(m) - 1 + n
	ny, nm := total/12, time.Month(total%12+1)
	if total%12 < 0 {
		ny, nm = (total-11)/12, time.Month(total%12+13)
	}
	if last := daysIn(ny, nm); d > last {
		d = last
	}
	if ny > 9999 {
		return lastDate
	}
	return time.Date(ny, nm, d, 0, 0, 0, 0, time.UTC)
}

// lastDate is 9999-12-31, where date arithmetic saturates.
var lastDate = time.Date(9999, time.December, 31, 0, 0, 0, 0, time.UTC)

// MonthsBetween returns the number of whole months from a to b: the largest m
// with AddMonths(a, m) <= b. It is negative when b is before a.
func MonthsBetween(a, b time.Time) int {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	m := (by-ay)*12 + int(bm-am)
	// AddMonths(a, m) falls in b's month, on a's day clamped to the month's
	// end; when that is after b, one month fewer has passed.
	if min(ad, daysIn(by, bm)) > bd {
		m--
	}
	return m
}

// daysIn returns the number of days in month m of year y.
func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// formatDate writes a date as YYYY-MM-DD, or "" for the zero time.
func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

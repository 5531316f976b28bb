package ladder

import "time"

// awayMonths is the whole months of breaks that fall inside [from, to):
// each break is cut to that span and counts its whole months. Breaks do not
// overlap (validation sees to it), so the sum never counts a day twice.
func awayMonths(breaks []Break, from, to time.Time) int {
	n := 0
	for _, b := range breaks {
		s, u := civil(b.From), civil(b.Until)
		if s.Before(from) {
			s = from
		}
		if u.After(to) {
			u = to
		}
		if u.After(s) {
			n += MonthsBetween(s, u)
		}
	}
	return n
}

// earliestAfter is the first date on which min whole months have passed
// since start, the whole months of the recorded breaks after start not
// counting: a break that is still running on the evaluation date counts to
// its recorded end, so the date does not depend on which day of the break
// the evaluation is made. The date is never inside a break: one that falls
// in a break moves to the first day back. Breaks are oldest first and do not
// overlap (validation sees to it).
func earliestAfter(start time.Time, min int, breaks []Break) time.Time {
	d := AddMonths(start, min)
	away := 0
	for _, b := range breaks {
		from, until := civil(b.From), civil(b.Until)
		if !from.Before(d) {
			break // this break, and every later one, starts on or after the date
		}
		if !until.After(start) {
			continue
		}
		away += MonthsBetween(later(start, from), until)
		d = later(d, AddMonths(start, min+away))
		if d.Before(until) {
			d = until
		}
	}
	return d
}

// onBreak returns the first day back of the break the person is on at
// date, or the zero time when they are not on one.
func onBreak(breaks []Break, date time.Time) time.Time {
	for _, b := range breaks {
		if from, until := civil(b.From), civil(b.Until); !date.Before(from) && date.Before(until) {
			return until
		}
	}
	return time.Time{}
}

// validateBreaks reports breaks without both dates, ending before they
// start, overlapping the one before (breaks are oldest first), or outside
// the career: starting before joined or after the evaluation date.
// Without joined, where the career starts is not known (level_since is
// only the start of the current level), so only the end is checked.
func validateBreaks(p *Person, asOf time.Time, add func(path string, err error, format string, args ...any)) {
	start := civil0(p.Joined)
	var prevUntil time.Time
	for i, b := range p.Breaks {
		path := at("breaks", i, "")
		switch {
		case b.From.IsZero():
			add(path+".from", nil, "missing: the first day away")
		case !start.IsZero() && civil(b.From).Before(start):
			add(path+".from", nil, "break starts %s, before joined %s: a break must fall inside the career", formatDate(b.From), formatDate(start))
		case civil(b.From).After(asOf):
			add(path+".from", nil, "break starts %s, after the evaluation date %s", formatDate(b.From), formatDate(asOf))
		case !prevUntil.IsZero() && civil(b.From).Before(prevUntil):
			add(path+".from", nil, "break starts %s, before the break before it ends on %s: breaks must not overlap and must be oldest first", formatDate(b.From), formatDate(prevUntil))
		}
		switch {
		case b.Until.IsZero():
			add(path+".until", nil, "missing: the first day back")
		case !b.From.IsZero() && !civil(b.Until).After(civil(b.From)):
			add(path+".until", nil, "before from: the break ends %s, on or before it starts on %s", formatDate(b.Until), formatDate(b.From))
		}
		if !b.Until.IsZero() {
			prevUntil = civil(b.Until)
		}
	}
}

package ladder_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/ladderkit/ladder"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAddMonths(t *testing.T) {
	tests := []struct {
		name, reason string
		from         time.Time // when zero, date is parsed
		date         string
		n            int
		want         time.Time // when zero, wantDate is parsed
		wantDate     string
	}{
		{name: "Jan 31 + 1 clamps to Feb 28", date: "2025-01-31", n: 1, wantDate: "2025-02-28"},
		{name: "Jan 31 + 1 in a leap year is Feb 29", date: "2024-01-31", n: 1, wantDate: "2024-02-29"},
		{name: "Jan 30 + 1 clamps too", date: "2025-01-30", n: 1, wantDate: "2025-02-28"},
		{name: "Mar 31 - 1 is Feb 28", date: "2025-03-31", n: -1, wantDate: "2025-02-28"},
		{name: "Mar 31 - 1 in a leap year is Feb 29", date: "2024-03-31", n: -1, wantDate: "2024-02-29"},
		{name: "Aug 31 + 1 is Sep 30", date: "2025-08-31", n: 1, wantDate: "2025-09-30"},
		{name: "Oct 31 + 4 is Feb 28", date: "2025-10-31", n: 4, wantDate: "2026-02-28"},
		{name: "Dec + 1 crosses the year", date: "2025-12-15", n: 1, wantDate: "2026-01-15"},
		{name: "Dec 31 + 2 is Feb 28 next year", date: "2025-12-31", n: 2, wantDate: "2026-02-28"},
		{name: "Jan - 1 crosses the year back", date: "2025-01-15", n: -1, wantDate: "2024-12-15"},
		{name: "negative n over a year", date: "2025-03-15", n: -14, wantDate: "2024-01-15"},
		{name: "minus 12 is the same day a year back", date: "2025-01-01", n: -12, wantDate: "2024-01-01"},
		{name: "zero is the same date", date: "2025-05-31", n: 0, wantDate: "2025-05-31"},
		{name: "large n", date: "2025-01-31", n: 1200, wantDate: "2125-01-31"},
		{name: "large n onto a non-leap century", reason: "2100 is not a leap year", date: "2000-02-29", n: 1200, wantDate: "2100-02-28"},
		{name: "large negative n", date: "2025-07-31", n: -3000, wantDate: "1775-07-31"},
		{name: "Feb 29 + 12 is Feb 28", date: "2024-02-29", n: 12, wantDate: "2025-02-28"},
		{name: "Feb 29 + 48 is Feb 29", date: "2024-02-29", n: 48, wantDate: "2028-02-29"},
		{name: "Feb 29 - 48 is Feb 29", date: "2024-02-29", n: -48, wantDate: "2020-02-29"},
		{name: "Feb 28 + 1 is Mar 28, not the month end", date: "2025-02-28", n: 1, wantDate: "2025-03-28"},
		{
			name: "before year 0: one month back", reason: "month arithmetic below year 0 must not truncate toward zero",
			from: time.Date(0, time.January, 15, 0, 0, 0, 0, time.UTC), n: -1,
			want: time.Date(-1, time.December, 15, 0, 0, 0, 0, time.UTC),
		},
		{
			name: "before year 0: twelve months back",
			from: time.Date(0, time.January, 31, 0, 0, 0, 0, time.UTC), n: -12,
			want: time.Date(-1, time.January, 31, 0, 0, 0, 0, time.UTC),
		},
		{
			name: "before year 0: thirteen months back, clamped", reason: "year -2 is not a leap year; year 0 and -4 are",
			from: time.Date(-1, time.March, 31, 0, 0, 0, 0, time.UTC), n: -13,
			want: time.Date(-2, time.February, 28, 0, 0, 0, 0, time.UTC),
		},
		{
			name: "only the date counts", reason: "the time of day and zone are dropped; the result is midnight UTC of the date",
			from: time.Date(2025, time.January, 31, 23, 30, 0, 0, time.FixedZone("UTC+5", 5*3600)), n: 1,
			want: time.Date(2025, time.February, 28, 0, 0, 0, 0, time.UTC),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			from, want := tt.from, tt.want
			if from.IsZero() {
				from = date(t, tt.date)
			}
			if want.IsZero() {
				want = date(t, tt.wantDate)
			}
			assert.Equal(t, want, ladder.AddMonths(from, tt.n), tt.reason)
		})
	}
}

func TestMonthsBetween(t *testing.T) {
	tests := []struct {
		name, reason string
		a, b         string
		want         int
	}{
		{name: "same day", a: "2025-05-17", b: "2025-05-17", want: 0},
		{name: "Jan 31 to Feb 28 is a month", reason: "Jan 31 + 1 month clamps to Feb 28", a: "2025-01-31", b: "2025-02-28", want: 1},
		{name: "Jan 31 to Feb 27 is not", a: "2025-01-31", b: "2025-02-27", want: 0},
		{name: "Jan 31 to Feb 29 in a leap year", a: "2024-01-31", b: "2024-02-29", want: 1},
		{name: "Jan 31 to Feb 28 in a leap year is not", a: "2024-01-31", b: "2024-02-28", want: 0},
		{name: "Feb 28 to Mar 28", a: "2025-02-28", b: "2025-03-28", want: 1},
		{name: "Feb 28 to Mar 27", a: "2025-02-28", b: "2025-03-27", want: 0},
		{name: "Mar 31 to Apr 30", a: "2025-03-31", b: "2025-04-30", want: 1},
		{name: "Feb 29 2024 to Feb 28 2025", reason: "Feb 29 + 12 months clamps to Feb 28", a: "2024-02-29", b: "2025-02-28", want: 12},
		{name: "Feb 29 2024 to Feb 27 2025", a: "2024-02-29", b: "2025-02-27", want: 11},
		{name: "Feb 29 2024 to Feb 29 2028", a: "2024-02-29", b: "2028-02-29", want: 48},
		{name: "a day before the anniversary", a: "2020-06-10", b: "2025-06-09", want: 59},
		{name: "on the anniversary", a: "2020-06-10", b: "2025-06-10", want: 60},
		{name: "across the year", a: "2025-12-15", b: "2026-01-15", want: 1},
		{name: "b before a", a: "2025-03-15", b: "2025-01-15", want: -2},
		{name: "b a day before a", reason: "add_months(a, -1) = Feb 15 <= Mar 14", a: "2025-03-15", b: "2025-03-14", want: -1},
		{name: "b before a, between anniversaries", reason: "add_months(a, -1) = Feb 15 > Jan 16; add_months(a, -2) = Jan 15", a: "2025-03-15", b: "2025-01-16", want: -2},
		{name: "b before a, clamped", reason: "add_months(Mar 31, -1) = Feb 28", a: "2025-03-31", b: "2025-02-28", want: -1},
		{name: "b before a, clamped, a day earlier", reason: "add_months(Mar 31, -2) = Jan 31 <= Feb 27", a: "2025-03-31", b: "2025-02-27", want: -2},
		{name: "a century", a: "1900-01-01", b: "2000-01-01", want: 1200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, ladder.MonthsBetween(date(t, tt.a), date(t, tt.b)), tt.reason)
		})
	}
}

func TestMonthsBetweenIgnoresTimeOfDay(t *testing.T) {
	a := time.Date(2025, time.January, 31, 23, 59, 0, 0, time.UTC)
	b := time.Date(2025, time.February, 28, 0, 0, 1, 0, time.UTC)
	assert.Equal(t, 1, ladder.MonthsBetween(a, b))
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    time.Time
		wantErr string
	}{
		{in: "2026-02-03", want: time.Date(2026, time.February, 3, 0, 0, 0, 0, time.UTC)},
		{in: "2024-02-29", want: time.Date(2024, time.February, 29, 0, 0, 0, 0, time.UTC)},
		{in: "1900-01-01", want: time.Date(1900, time.January, 1, 0, 0, 0, 0, time.UTC)},
		{in: "9999-12-31", want: time.Date(9999, time.December, 31, 0, 0, 0, 0, time.UTC)},
		{in: "1899-12-31", wantErr: `date "1899-12-31" is before 1900`},
		{in: "1022-09-01", wantErr: `date "1022-09-01" is before 1900`},
		{in: "0001-01-01", wantErr: `date "0001-01-01" is before 1900`},
		{in: "0000-01-01", wantErr: `date "0000-01-01" is before 1900`},
		{in: "2026-02-30", wantErr: `no such date "2026-02-30"`},
		{in: "2025-02-29", wantErr: `no such date "2025-02-29"`},
		{in: "2026-13-01", wantErr: `no such date "2026-13-01"`},
		{in: "2026-00-10", wantErr: `no such date "2026-00-10"`},
		{in: "2026-04-31", wantErr: `no such date "2026-04-31"`},
		{in: "2026-2-3", wantErr: `want a date as YYYY-MM-DD, got "2026-2-3"`},
		{in: "01/02/2026", wantErr: `want a date as YYYY-MM-DD, got "01/02/2026"`},
		{in: "", wantErr: `want a date as YYYY-MM-DD, got ""`},
		{in: "2026-02-03T00:00:00Z", wantErr: `want a date as YYYY-MM-DD, got "2026-02-03T00:00:00Z"`},
		{in: " 2026-02-03", wantErr: `want a date as YYYY-MM-DD, got " 2026-02-03"`},
		{in: "2026-02-0x", wantErr: `want a date as YYYY-MM-DD, got "2026-02-0x"`},
		{in: "+026-02-03", wantErr: `want a date as YYYY-MM-DD, got "+026-02-03"`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ladder.ParseDate(tt.in)
			if tt.wantErr != "" {
				require.EqualError(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

// ParseDate reads its own digits; for every day, month and year around the
// edges it takes exactly the dates time.Parse takes, as the same times.
func TestParseDateAgreesWithTimeParse(t *testing.T) {
	for _, y := range []int{1900, 1999, 2000, 2023, 2024, 2100, 2400, 9999} {
		for m := 0; m <= 13; m++ {
			for d := 0; d <= 32; d++ {
				s := fmt.Sprintf("%04d-%02d-%02d", y, m, d)
				want, wantErr := time.Parse(time.DateOnly, s)
				got, err := ladder.ParseDate(s)
				if wantErr != nil {
					require.EqualError(t, err, fmt.Sprintf("no such date %q", s))
					continue
				}
				require.NoError(t, err, s)
				require.Equal(t, want, got, s)
			}
		}
	}
}

// calCheckMonths checks the DESIGN §5 properties of MonthsBetween and AddMonths
// for dates a and b and a month count n, and reports the first violation.
func calCheckMonths(t *testing.T, a, b time.Time, n int) {
	t.Helper()
	m := ladder.MonthsBetween(a, b)
	if lo := ladder.AddMonths(a, m); lo.After(b) {
		t.Fatalf("MonthsBetween(%s, %s) = %d, but AddMonths(a, %d) = %s is after b", calDay(a), calDay(b), m, m, calDay(lo))
	}
	if hi := ladder.AddMonths(a, m+1); !hi.After(b) {
		t.Fatalf("MonthsBetween(%s, %s) = %d, but AddMonths(a, %d) = %s is not after b: m is not the largest", calDay(a), calDay(b), m, m+1, calDay(hi))
	}
	// AddMonths(a, ·) is strictly increasing, so the largest m with
	// AddMonths(a, m) <= AddMonths(a, n) is n itself, clamped or not.
	to := ladder.AddMonths(a, n)
	if got := ladder.MonthsBetween(a, to); got != n {
		t.Fatalf("MonthsBetween(%s, AddMonths(a, %d) = %s) = %d, want %d", calDay(a), n, calDay(to), got, n)
	}
	// AddMonths lands in the right month, on a's day or the month's last day.
	y, mo, d := a.Date()
	wantY, wantM := y+(int(mo)-1+n)/12, (int(mo)-1+n)%12
	if wantM < 0 {
		wantY, wantM = wantY-1, wantM+12
	}
	ty, tm, td := to.Date()
	last := time.Date(ty, tm+1, 0, 0, 0, 0, 0, time.UTC).Day()
	if ty != wantY || int(tm) != wantM+1 || td != min(d, last) || to.Location() != time.UTC || to.Hour() != 0 {
		t.Fatalf("AddMonths(%s, %d) = %s, want %04d-%02d-%02d", calDay(a), n, to, wantY, wantM+1, min(d, last))
	}
}

func calDay(t time.Time) string { return t.Format(time.DateOnly) }

func TestMonthsProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 31))
	lo := time.Date(1900, time.January, 1, 0, 0, 0, 0, time.UTC)
	span := int(time.Date(2201, time.January, 1, 0, 0, 0, 0, time.UTC).Sub(lo).Hours() / 24)
	for range 100_000 {
		a := lo.AddDate(0, 0, r.IntN(span))
		var b time.Time
		switch r.IntN(3) {
		case 0: // anywhere in 1900–2200
			b = lo.AddDate(0, 0, r.IntN(span))
		case 1: // within a few months of a, either side, where clamping bites
			b = a.AddDate(0, 0, r.IntN(200)-100)
		default: // a month end near a month end
			b = ladder.AddMonths(a, r.IntN(48)-24)
			b = time.Date(b.Year(), b.Month()+1, 0, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -r.IntN(3))
		}
		calCheckMonths(t, a, b, r.IntN(2401)-1200)
	}
}

// calFuzzEpoch is day 0 of FuzzMonths' inputs; calFuzzDays is the number of days
// from it to 9999-12-31, so every input maps into years 1–9999.
var (
	calFuzzEpoch = time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC)
	calFuzzDays  = int64(time.Date(10000, time.January, 1, 0, 0, 0, 0, time.UTC).Sub(calFuzzEpoch).Hours() / 24)
)

func calFuzzDay(s string) int64 {
	d, err := time.Parse(time.DateOnly, s) // ParseDate refuses years before 1900
	if err != nil {
		panic(err)
	}
	return int64(d.Sub(calFuzzEpoch).Hours() / 24)
}

// FuzzMonths checks the MonthsBetween and AddMonths properties on two days
// (counted from 0001-01-01, wrapped into years 1–9999) and a month count
// (wrapped into ±12000).
func FuzzMonths(f *testing.F) {
	edges := []struct {
		a, b string
		n    int
	}{
		{"2024-01-31", "2024-02-29", 1},
		{"2025-01-31", "2025-02-28", 1},
		{"2024-02-29", "2025-02-28", 12},
		{"2024-02-29", "2028-02-29", 48},
		{"2025-03-31", "2025-02-28", -1},
		{"2025-08-31", "2025-09-30", 1},
		{"2025-12-31", "2026-01-31", 1},
		{"2000-02-29", "2100-02-28", 1200},
		{"1900-02-28", "1900-03-31", 1},
		{"0001-01-01", "9999-12-31", -1},
		{"9999-12-31", "0001-01-01", 12000},
		{"2020-06-10", "2025-06-09", 0},
	}
	for _, e := range edges {
		f.Add(calFuzzDay(e.a), calFuzzDay(e.b), e.n)
	}
	f.Fuzz(func(t *testing.T, da, db int64, n int) {
		wrap := func(d int64) time.Time {
			d %= calFuzzDays
			if d < 0 {
				d += calFuzzDays
			}
			return calFuzzEpoch.AddDate(0, 0, int(d))
		}
		n %= 12001
		calCheckMonths(t, wrap(da), wrap(db), n)
	})
}

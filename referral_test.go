package ladder_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"math/big"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/ladderkit/ladder"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The referral tests evaluate profiles through the public API. Expected
// amounts are worked out by hand in the tables: rate × percent in cents,
// then rounded half up once per month.

func rfMoney(t testing.TB, amount, currency string) ladder.Money {
	t.Helper()
	m, err := ladder.ParseMoney(amount, currency)
	require.NoError(t, err)
	return m
}

// rfEvaluate parses profile and evaluates it on the Worca track at date at.
func rfEvaluate(t testing.TB, profile, at string) *ladder.Report {
	t.Helper()
	return rfEvaluateOn(t, ladder.Default(), profile, at)
}

func rfEvaluateOn(t testing.TB, l *ladder.Ladder, profile, at string) *ladder.Report {
	t.Helper()
	p, err := ladder.ParsePerson([]byte(profile))
	require.NoError(t, err)
	r, err := l.Evaluate(p, ladder.At(date(t, at)))
	require.NoError(t, err)
	return r
}

// rfPlacement is a profile with one placed mentee, ana.
type rfPlacement struct {
	mentor      string // the mentor's level
	extra       string // more top-level YAML for the mentor, e.g. level_since and history
	menteeLevel string // ana's level now; default L1
	fromLevel   string // ana's from_level; "" for none
	rate, cur   string // the monthly rate and its currency
	placed      string // the placement date
	until       string // when the placement ended; "" while it runs
}

func (p rfPlacement) yaml() string {
	if !strings.Contains(p.extra, "level_since") && !strings.Contains(p.extra, "history") {
		// At the level well before the placement, so the terms are known.
		p.extra = "level_since: 2001-01-01\n" + p.extra
	}
	level := p.menteeLevel
	if level == "" {
		level = "L1"
	}
	from, until := "", ""
	if p.fromLevel != "" {
		from = ", from_level: " + p.fromLevel
	}
	if p.until != "" {
		until = ", until: " + p.until
	}
	return fmt.Sprintf("id: mentor\nlevel: %s\n%smentees:\n  - {id: ana, level: %s%s, since: %s, placement: {date: %s, monthly_rate: %q, currency: %s%s}}\n",
		p.mentor, p.extra, level, from, p.placed, p.placed, p.rate, p.cur, until)
}

// rfOnly evaluates p at date at and returns its one referral.
func rfOnly(t testing.TB, p rfPlacement, at string) (*ladder.Report, ladder.Referral) {
	t.Helper()
	r := rfEvaluate(t, p.yaml(), at)
	require.Len(t, r.Referrals, 1)
	return r, r.Referrals[0]
}

func TestReferralWorcaTerms(t *testing.T) {
	tests := []struct {
		name, reason string
		in           rfPlacement
		at           string
		want         ladder.Referral // Start and End as dates in start, end
		start, end   string
		monthly      string // want.Monthly, Earned and Remaining in in.cur
		earned       string
		remaining    string
	}{
		{
			name: "L4: 3% for 6 months", reason: "456789 ¢ × 3% = 13703.67 ¢ → 137.04; Feb, Mar and Apr 15 have passed",
			in: rfPlacement{mentor: "L4", menteeLevel: "L2", rate: "4567.89", cur: "USD", placed: "2025-01-15"}, at: "2025-04-15",
			want:  ladder.Referral{Level: "L4", Percent: 300, Months: 6, Status: "active", MonthsEarned: 3},
			start: "2025-01-15", end: "2025-07-15", monthly: "137.04", earned: "411.12", remaining: "411.12",
		},
		{
			name: "L5: 4% for 9 months, complete", reason: "999999 ¢ × 4% = 39999.96 ¢ → 400.00; the ninth month ends on the evaluation date",
			in: rfPlacement{mentor: "L5", menteeLevel: "L3", rate: "9999.99", cur: "USD", placed: "2024-05-01"}, at: "2025-02-01",
			want:  ladder.Referral{Level: "L5", Percent: 400, Months: 9, Status: "complete", MonthsEarned: 9},
			start: "2024-05-01", end: "2025-02-01", monthly: "400.00", earned: "3600.00", remaining: "0.00",
		},
		{
			name: "L7: 6% for 12 months", reason: "900050 ¢ × 6% = 54003 ¢ exactly; Apr–Aug 10 have passed, Sep 10 has not",
			in: rfPlacement{mentor: "L7", menteeLevel: "L5", rate: "9000.50", cur: "USD", placed: "2025-03-10"}, at: "2025-09-09",
			want:  ladder.Referral{Level: "L7", Percent: 600, Months: 12, Status: "active", MonthsEarned: 5},
			start: "2025-03-10", end: "2026-03-10", monthly: "540.03", earned: "2700.15", remaining: "3780.21",
		},
		{
			name: "L7: 12000.00 at 6% is 720.00",
			in:   rfPlacement{mentor: "L7", rate: "12000.00", cur: "USD", placed: "2025-01-01"}, at: "2025-06-01",
			want:  ladder.Referral{Level: "L7", Percent: 600, Months: 12, Status: "active", MonthsEarned: 5},
			start: "2025-01-01", end: "2026-01-01", monthly: "720.00", earned: "3600.00", remaining: "5040.00",
		},
		{
			name: "L8: 7% for 18 months", reason: "123457 ¢ × 7% = 8641.99 ¢ → 86.42; from Nov 30 the months end Dec 30, Jan 30, Feb 29 (leap), … Nov 30 2024: 12 earned",
			in: rfPlacement{mentor: "L8", menteeLevel: "L6", rate: "1234.57", cur: "USD", placed: "2023-11-30"}, at: "2024-12-01",
			want:  ladder.Referral{Level: "L8", Percent: 700, Months: 18, Status: "active", MonthsEarned: 12},
			start: "2023-11-30", end: "2025-05-30", monthly: "86.42", earned: "1037.04", remaining: "518.52",
		},
		{
			name: "L9: 8% for 24 months", reason: "765432106 ¢ × 8% = 61234568.48 ¢ → 612345.68 (rounds down)",
			in: rfPlacement{mentor: "L9", menteeLevel: "L7", rate: "7654321.06", cur: "USD", placed: "2021-07-01"}, at: "2022-01-15",
			want:  ladder.Referral{Level: "L9", Percent: 800, Months: 24, Status: "active", MonthsEarned: 6},
			start: "2021-07-01", end: "2023-07-01", monthly: "612345.68", earned: "3674074.08", remaining: "11022222.24",
		},
		{
			name: "L9: complete after 24 months", reason: "24 × 612345.68",
			in: rfPlacement{mentor: "L9", menteeLevel: "L7", rate: "7654321.06", cur: "USD", placed: "2021-07-01"}, at: "2030-01-01",
			want:  ladder.Referral{Level: "L9", Percent: 800, Months: 24, Status: "complete", MonthsEarned: 24},
			start: "2021-07-01", end: "2023-07-01", monthly: "612345.68", earned: "14696296.32", remaining: "0.00",
		},
		{
			name: "JPY has no minor unit", reason: "¥123457 × 6% = ¥7407.42 → ¥7407",
			in: rfPlacement{mentor: "L7", rate: "123457", cur: "JPY", placed: "2025-01-01"}, at: "2025-03-01",
			want:  ladder.Referral{Level: "L7", Percent: 600, Months: 12, Status: "active", MonthsEarned: 2},
			start: "2025-01-01", end: "2026-01-01", monthly: "7407", earned: "14814", remaining: "74070",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := rfOnly(t, tt.in, tt.at)
			want := tt.want
			want.Mentee = "ana"
			want.Start, want.End = date(t, tt.start), date(t, tt.end)
			want.Monthly = rfMoney(t, tt.monthly, tt.in.cur)
			want.Earned = rfMoney(t, tt.earned, tt.in.cur)
			want.Remaining = rfMoney(t, tt.remaining, tt.in.cur)
			assert.Equal(t, want, got, tt.reason)
		})
	}
}

func TestReferralRoundingWorca(t *testing.T) {
	tests := []struct {
		name, reason      string
		mentor, rate, cur string
		want              string // the monthly cut
	}{
		{name: "exactly half a cent rounds up", reason: "50 ¢ × 3% = 1.5 ¢", mentor: "L4", rate: "0.50", cur: "USD", want: "0.02"},
		{name: "0.49 of a cent rounds down", reason: "83 ¢ × 3% = 2.49 ¢", mentor: "L4", rate: "0.83", cur: "USD", want: "0.02"},
		{name: "0.51 of a cent rounds up", reason: "17 ¢ × 3% = 0.51 ¢", mentor: "L4", rate: "0.17", cur: "USD", want: "0.01"},
		{name: "under half a cent is nothing", reason: "16 ¢ × 3% = 0.48 ¢", mentor: "L4", rate: "0.16", cur: "USD", want: "0.00"},
		{name: "the smallest rate", reason: "1 ¢ × 8% = 0.08 ¢", mentor: "L9", rate: "0.01", cur: "USD", want: "0.00"},
		{name: "exact at 4%", reason: "1250 ¢ × 4% = 50 ¢", mentor: "L5", rate: "12.50", cur: "USD", want: "0.50"},
		{name: "1.48 cents at 4%", reason: "37 ¢ × 4% = 1.48 ¢", mentor: "L5", rate: "0.37", cur: "USD", want: "0.01"},
		{name: "half a cent at 6%", reason: "25 ¢ × 6% = 1.5 ¢", mentor: "L7", rate: "0.25", cur: "USD", want: "0.02"},
		{name: "4.5 cents at 6%", reason: "75 ¢ × 6% = 4.5 ¢", mentor: "L7", rate: "0.75", cur: "USD", want: "0.05"},
		{name: "1.44 cents at 6%", reason: "24 ¢ × 6% = 1.44 ¢", mentor: "L7", rate: "0.24", cur: "EUR", want: "0.01"},
		{name: "10.5 cents at 7%", reason: "150 ¢ × 7% = 10.5 ¢", mentor: "L8", rate: "1.50", cur: "USD", want: "0.11"},
		{name: "0.49 of a cent at 7%", reason: "7 ¢ × 7% = 0.49 ¢", mentor: "L8", rate: "0.07", cur: "USD", want: "0.00"},
		{name: "1.52 cents at 8%", reason: "19 ¢ × 8% = 1.52 ¢ (8% never gives exactly half a cent)", mentor: "L9", rate: "0.19", cur: "USD", want: "0.02"},
		{name: "0.48 of a cent at 8%", reason: "6 ¢ × 8% = 0.48 ¢", mentor: "L9", rate: "0.06", cur: "USD", want: "0.00"},
		{name: "JPY: half a yen rounds up", reason: "¥125 × 6% = ¥7.5", mentor: "L7", rate: "125", cur: "JPY", want: "8"},
		{name: "JPY: 0.44 of a yen rounds down", reason: "¥124 × 6% = ¥7.44", mentor: "L7", rate: "124", cur: "JPY", want: "7"},
		{name: "KWD: half a fils rounds up", reason: "25 fils × 6% = 1.5 fils", mentor: "L7", rate: "0.025", cur: "KWD", want: "0.002"},
		{name: "KWD: exact", reason: "1250 fils × 6% = 75 fils", mentor: "L7", rate: "1.250", cur: "KWD", want: "0.075"},
		{name: "a large rate", reason: "1,000,000,000 ¢ × 8% = 80,000,000 ¢", mentor: "L9", rate: "10000000.00", cur: "USD", want: "800000.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := rfOnly(t, rfPlacement{mentor: tt.mentor, rate: tt.rate, cur: tt.cur, placed: "2025-01-01"}, "2025-01-01")
			assert.Equal(t, rfMoney(t, tt.want, tt.cur), got.Monthly, tt.reason)
			var sum int64
			for _, m := range got.Schedule() {
				sum += m.Amount.Amount
			}
			assert.Equal(t, got.Monthly.Amount*int64(got.Months), sum, "the schedule is the rounded monthly cut, every month")
		})
	}
}

// rfRoundingLadder has percents that the Worca track does not: 2.5%,
// 33.33%, 0.01% and 100%, each for 3 months, with C1 mentees.
func rfRoundingLadder(t testing.TB) *ladder.Ladder {
	t.Helper()
	level := func(id string, rank int, next, percent string) string {
		s := fmt.Sprintf("  - id: %s\n    rank: %d\n", id, rank)
		if next != "" {
			s += fmt.Sprintf("    promotion: {to: %s, published: false}\n", next)
		}
		if percent != "" {
			s += fmt.Sprintf("    mentorship: {slots: 3, mentee_levels: {min: C1, max: C1}, referral: {percent: %s, months: 3}}\n", percent)
		}
		return s
	}
	src := "id: cuts\nname: Referral rounding\nlevels:\n" +
		level("C1", 1, "C2", "") + level("C2", 2, "C3", "2.5") + level("C3", 3, "C4", "33.33") +
		level("C4", 4, "C5", "0.01") + level("C5", 5, "", "100")
	l, err := ladder.Load(fstest.MapFS{"cuts/ladder.yaml": {Data: []byte(src)}}, "cuts")
	require.NoError(t, err)
	return l
}

func TestReferralRoundingBasisPoints(t *testing.T) {
	l := rfRoundingLadder(t)
	tests := []struct {
		name, reason      string
		mentor, rate, cur string
		want              string
	}{
		{name: "2.5%: the Cut example", reason: "1234 ¢ × 2.5% = 30.85 ¢", mentor: "C2", rate: "12.34", cur: "USD", want: "0.31"},
		{name: "2.5%: a quarter cent rounds down", reason: "123450 ¢ × 2.5% = 3086.25 ¢", mentor: "C2", rate: "1234.50", cur: "USD", want: "30.86"},
		{name: "2.5%: exactly half a cent", reason: "20 ¢ × 2.5% = 0.5 ¢", mentor: "C2", rate: "0.20", cur: "USD", want: "0.01"},
		{name: "2.5%: 0.475 of a cent", reason: "19 ¢ × 2.5% = 0.475 ¢", mentor: "C2", rate: "0.19", cur: "USD", want: "0.00"},
		{name: "33.33%: .4999 rounds down", reason: "5003 ¢ × 33.33% = 1667.4999 ¢", mentor: "C3", rate: "50.03", cur: "USD", want: "16.67"},
		{name: "33.33%: exactly .5 rounds up", reason: "5000 ¢ × 33.33% = 1666.5 ¢", mentor: "C3", rate: "50.00", cur: "USD", want: "16.67"},
		{name: "33.33%: .5001 rounds up", reason: "4997 ¢ × 33.33% = 1665.5001 ¢", mentor: "C3", rate: "49.97", cur: "USD", want: "16.66"},
		{name: "0.01%: 0.4999 of a cent is nothing", reason: "4999 ¢ × 0.01% = 0.4999 ¢", mentor: "C4", rate: "49.99", cur: "USD", want: "0.00"},
		{name: "0.01%: exactly half a cent", reason: "5000 ¢ × 0.01% = 0.5 ¢", mentor: "C4", rate: "50.00", cur: "USD", want: "0.01"},
		{name: "0.01%: half a yen", reason: "¥5000 × 0.01% = ¥0.5", mentor: "C4", rate: "5000", cur: "JPY", want: "1"},
		{name: "0.01%: 0.4999 of a yen", reason: "¥4999 × 0.01% = ¥0.4999", mentor: "C4", rate: "4999", cur: "JPY", want: "0"},
		{name: "100% is the rate", mentor: "C5", rate: "1234.56", cur: "USD", want: "1234.56"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			profile := fmt.Sprintf("{id: m, level: %s, level_since: 2020-01-06, mentees: [{id: ana, level: C1, since: 2025-01-01, placement: {date: 2025-01-01, monthly_rate: %q, currency: %s}}]}", tt.mentor, tt.rate, tt.cur)
			r := rfEvaluateOn(t, l, profile, "2025-04-01")
			require.Len(t, r.Referrals, 1)
			got := r.Referrals[0]
			want := rfMoney(t, tt.want, tt.cur)
			assert.Equal(t, want, got.Monthly, tt.reason)
			assert.Equal(t, ladder.ReferralComplete, got.Status)
			assert.Equal(t, ladder.Money{Amount: 3 * want.Amount, Currency: tt.cur}, got.Earned, "rounded once per month, then summed")
		})
	}
}

func TestReferralIneligible(t *testing.T) {
	tests := []struct {
		name, reason string
		in           rfPlacement
		want         ladder.Referral // Mentee, Start and the zero money are filled in
		end          string
	}{
		{
			name: "L6 publishes no terms",
			in:   rfPlacement{mentor: "L6", rate: "5000.00", cur: "USD", placed: "2025-01-01"},
			want: ladder.Referral{Level: "L6", Status: "unpublished", Reason: "L6 publishes no referral terms"},
		},
		{
			name: "L10 publishes no terms",
			in:   rfPlacement{mentor: "L10", rate: "5000.00", cur: "USD", placed: "2025-01-01"},
			want: ladder.Referral{Level: "L10", Status: "unpublished", Reason: "L10 publishes no referral terms"},
		},
		{
			name: "L3 has no slots and no terms",
			in:   rfPlacement{mentor: "L3", rate: "5000.00", cur: "USD", placed: "2025-01-01"},
			want: ladder.Referral{Level: "L3", Status: "unpublished", Reason: "L3 publishes no referral terms"},
		},
		{
			name: "mentee above the L4 range", reason: "from_level defaults to the mentee's level, L3; L4 takes L1–L2",
			in: rfPlacement{mentor: "L4", menteeLevel: "L3", rate: "5000.00", cur: "USD", placed: "2025-01-01"},
			want: ladder.Referral{Level: "L4", Percent: 300, Months: 6, Status: "ineligible",
				Reason: "mentee started at L3, outside the L4 mentee range L1–L2 when mentoring began"},
			end: "2025-07-01",
		},
		{
			name: "from_level outside the range although the level now is in it",
			in:   rfPlacement{mentor: "L7", menteeLevel: "L5", fromLevel: "L6", rate: "5000.00", cur: "EUR", placed: "2025-01-01"},
			want: ladder.Referral{Level: "L7", Percent: 600, Months: 12, Status: "ineligible",
				Reason: "mentee started at L6, outside the L7 mentee range L1–L5 when mentoring began"},
			end: "2026-01-01",
		},
		{
			name: "out of the range of the level held when mentoring began", reason: "an L8 takes L1–L6 but was L7 (L1–L5) when the L6 mentee was taken on and placed",
			in: rfPlacement{mentor: "L8", extra: "level_since: 2025-01-01\nhistory: [{level: L7, since: 2022-01-01}]\n",
				menteeLevel: "L6", rate: "5000.00", cur: "USD", placed: "2024-06-01"},
			want: ladder.Referral{Level: "L7", Percent: 600, Months: 12, Status: "ineligible",
				Reason: "mentee started at L6, outside the L7 mentee range L1–L5 when mentoring began"},
			end: "2025-06-01",
		},
		{
			name: "history level without terms", reason: "the L8 was L6 on the placement date",
			in: rfPlacement{mentor: "L8", extra: "level_since: 2025-01-01\nhistory: [{level: L6, since: 2019-03-01}, {level: L7, since: 2022-01-01}]\n",
				rate: "5000.00", cur: "USD", placed: "2020-06-01"},
			want: ladder.Referral{Level: "L6", Status: "unpublished", Reason: "L6 publishes no referral terms"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, got := rfOnly(t, tt.in, "2025-06-15")
			want := tt.want
			want.Mentee = "ana"
			want.Start = date(t, tt.in.placed)
			if tt.end != "" {
				want.End = date(t, tt.end)
			}
			zero := ladder.Money{Currency: tt.in.cur}
			want.Monthly, want.Earned, want.Remaining = zero, zero, zero
			assert.Equal(t, want, got, tt.reason)
			assert.Nil(t, got.Schedule(), "an ineligible referral has no schedule")
			assert.Empty(t, r.Totals, "ineligible referrals add nothing to the totals")
			assert.Empty(t, r.Upcoming, "ineligible referrals add nothing to the totals")
		})
	}
}

func TestReferralTermsFromHistory(t *testing.T) {
	const l8 = "level_since: 2025-01-01\nhistory: [{level: L5, since: 2018-01-01}, {level: L7, since: 2022-01-01}]\n"
	tests := []struct {
		name, reason string
		extra        string
		placed       string
		wantLevel    ladder.LevelID // "" when the level on the placement date is not recorded: the referral is unknown
		wantPercent  ladder.Percent
		wantMonths   int
		wantMissing  []string
	}{
		{name: "while L7", reason: "an L8 whose placement predates level_since gets the L7 terms", extra: l8, placed: "2024-06-01",
			wantLevel: "L7", wantPercent: 600, wantMonths: 12},
		{name: "the day before level_since", extra: l8, placed: "2024-12-31", wantLevel: "L7", wantPercent: 600, wantMonths: 12},
		{name: "on level_since", extra: l8, placed: "2025-01-01", wantLevel: "L8", wantPercent: 700, wantMonths: 18},
		{name: "on a history date", extra: l8, placed: "2022-01-01", wantLevel: "L7", wantPercent: 600, wantMonths: 12},
		{name: "while L5", extra: l8, placed: "2021-12-31", wantLevel: "L5", wantPercent: 400, wantMonths: 9},
		// Issue 23, case 3: the current level's terms were assumed for
		// these before (DESIGN §5 then); the profile says nothing of them.
		{name: "before any history", reason: "no history entry covers the date: not recorded", extra: l8, placed: "2017-06-01",
			wantMissing: []string{"history"}},
		{name: "no history", extra: "level_since: 2025-01-01\n", placed: "2020-06-01", wantMissing: []string{"history"}},
		{name: "no level_since, between two history entries", reason: "the next entry bounds the earlier one: the L5 entry covers 2018–2022",
			extra: "history: [{level: L5, since: 2018-01-01}, {level: L7, since: 2022-01-01}]\n", placed: "2020-06-01",
			wantLevel: "L5", wantPercent: 400, wantMonths: 9},
		{name: "no level_since, after the last history entry", reason: "without level_since it is unknown when L7 ended and L8 began",
			extra: "history: [{level: L5, since: 2018-01-01}, {level: L7, since: 2022-01-01}]\n", placed: "2024-06-01",
			wantMissing: []string{"level_since", "history"}},
		{name: "no level_since, the last history entry is the current level", reason: "from that entry on, the level is L8 whenever the step was",
			extra: "history: [{level: L7, since: 2022-01-01}, {level: L8, since: 2024-01-01}]\n", placed: "2024-06-01",
			wantLevel: "L8", wantPercent: 700, wantMonths: 18},
		{name: "no level_since, no history", extra: "roles: []\nhistory: []\n", placed: "2024-06-01", wantMissing: []string{"level_since", "history"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, got := rfOnly(t, rfPlacement{mentor: "L8", extra: tt.extra, rate: "1000.00", cur: "USD", placed: tt.placed}, "2025-06-15")
			assert.Equal(t, tt.wantLevel, got.Level, tt.reason)
			assert.Equal(t, tt.wantPercent, got.Percent, tt.reason)
			assert.Equal(t, tt.wantMonths, got.Months, tt.reason)
			if tt.wantLevel == "" {
				assert.Equal(t, ladder.ReferralUnknown, got.Status)
				assert.Equal(t, tt.wantMissing, got.Missing)
				assert.Contains(t, got.Reason, "the mentor's level on the placement date "+tt.placed+" is not recorded")
				assert.False(t, got.Pays())
				assert.Nil(t, got.Schedule())
				assert.Empty(t, r.Totals, "no money in the totals for an unknown referral")
				assert.Empty(t, r.Upcoming)
				return
			}
			assert.Equal(t, ladder.AddMonths(got.Start, tt.wantMonths), got.End)
			assert.Equal(t, rfMoney(t, fmt.Sprintf("%d.00", int(tt.wantPercent)/10), "USD"), got.Monthly, "1000.00 × the percent")
		})
	}
}

// rfStatuses expands counts into a schedule's statuses: rfStatuses(2,
// "earned", 10, "due") is 2 × earned then 10 × due.
func rfStatuses(pairs ...any) []string {
	var out []string
	for i := 0; i < len(pairs); i += 2 {
		for range pairs[i].(int) {
			out = append(out, pairs[i+1].(string))
		}
	}
	return out
}

func TestReferralSchedule(t *testing.T) {
	// sixth is 1000.00 × 6% (L7) = 60.00 a month; full is 12000.00 × 6% = 720.00.
	sixth := rfPlacement{mentor: "L7", rate: "1000.00", cur: "USD"}
	full := rfPlacement{mentor: "L7", rate: "12000.00", cur: "USD", placed: "2025-01-15"}
	with := func(p rfPlacement, placed, until string) rfPlacement {
		if placed != "" {
			p.placed = placed
		}
		p.until = until
		return p
	}
	tests := []struct {
		name, reason      string
		in                rfPlacement
		at                string
		status, why       string
		monthsEarned      int
		earned, remaining string
		end               string
		starts            []string // every month's start; nil: not checked
		statuses          []string // every month's status
	}{
		{
			name: "placed on the 31st", reason: "each month starts on add_months(date, i): the 31st, clamped to the month's last day",
			in: with(sixth, "2025-01-31", ""), at: "2025-06-01",
			status: "active", monthsEarned: 4, earned: "240.00", remaining: "480.00", end: "2026-01-31",
			starts: []string{"2025-01-31", "2025-02-28", "2025-03-31", "2025-04-30", "2025-05-31", "2025-06-30",
				"2025-07-31", "2025-08-31", "2025-09-30", "2025-10-31", "2025-11-30", "2025-12-31"},
			statuses: rfStatuses(4, "earned", 8, "due"),
		},
		{
			name: "placed on the 31st, evaluated on Feb 28", reason: "the first month ends on the clamped Feb 28 and counts that day",
			in: with(sixth, "2025-01-31", ""), at: "2025-02-28",
			status: "active", monthsEarned: 1, earned: "60.00", remaining: "660.00", end: "2026-01-31",
			statuses: rfStatuses(1, "earned", 11, "due"),
		},
		{
			name: "placed on the 31st, evaluated on Feb 27",
			in:   with(sixth, "2025-01-31", ""), at: "2025-02-27",
			status: "active", monthsEarned: 0, earned: "0.00", remaining: "720.00", end: "2026-01-31",
			statuses: rfStatuses(12, "due"),
		},
		{
			name: "placed on 29 February 2024", reason: "months start on the 29th, and on Feb 28 in 2025; the 12th month ends on 2025-02-28",
			in: rfPlacement{mentor: "L9", rate: "1000.00", cur: "USD", placed: "2024-02-29"}, at: "2025-02-28",
			status: "active", monthsEarned: 12, earned: "960.00", remaining: "960.00", end: "2026-02-28",
			starts: []string{"2024-02-29", "2024-03-29", "2024-04-29", "2024-05-29", "2024-06-29", "2024-07-29",
				"2024-08-29", "2024-09-29", "2024-10-29", "2024-11-29", "2024-12-29", "2025-01-29",
				"2025-02-28", "2025-03-29", "2025-04-29", "2025-05-29", "2025-06-29", "2025-07-29",
				"2025-08-29", "2025-09-29", "2025-10-29", "2025-11-29", "2025-12-29", "2026-01-29"},
			statuses: rfStatuses(12, "earned", 12, "due"),
		},
		{
			name: "placed on 29 February 2024, a day before the anniversary",
			in:   rfPlacement{mentor: "L9", rate: "1000.00", cur: "USD", placed: "2024-02-29"}, at: "2025-02-27",
			status: "active", monthsEarned: 11, earned: "880.00", remaining: "1040.00", end: "2026-02-28",
			statuses: rfStatuses(11, "earned", 13, "due"),
		},
		{
			name: "evaluation before the placement", reason: "nothing earned yet; every month remains",
			in: full, at: "2025-01-14",
			status: "upcoming", earned: "0.00", remaining: "8640.00", end: "2026-01-15",
			statuses: rfStatuses(12, "due"),
		},
		{
			name: "upcoming with a known end", reason: "only the months the placement will run through remain",
			in: with(full, "", "2025-03-20"), at: "2025-01-01",
			status: "upcoming", earned: "0.00", remaining: "1440.00", end: "2026-01-15",
			statuses: rfStatuses(2, "due", 10, "forfeited"),
		},
		{
			name: "evaluation on the placement date",
			in:   full, at: "2025-01-15",
			status: "active", earned: "0.00", remaining: "8640.00", end: "2026-01-15",
			statuses: rfStatuses(12, "due"),
		},
		{
			name: "evaluation on a month boundary", reason: "a month that ends on the evaluation date is earned",
			in: full, at: "2025-02-15",
			status: "active", monthsEarned: 1, earned: "720.00", remaining: "7920.00", end: "2026-01-15",
			statuses: rfStatuses(1, "earned", 11, "due"),
		},
		{
			name: "evaluation a day before a month boundary",
			in:   full, at: "2025-02-14",
			status: "active", earned: "0.00", remaining: "8640.00", end: "2026-01-15",
			statuses: rfStatuses(12, "due"),
		},
		{
			name: "complete on the last day", reason: "the window is [Start, End); the last month ends on End",
			in: full, at: "2026-01-15",
			status: "complete", monthsEarned: 12, earned: "8640.00", remaining: "0.00", end: "2026-01-15",
			statuses: rfStatuses(12, "earned"),
		},
		{
			name: "a day before complete",
			in:   full, at: "2026-01-14",
			status: "active", monthsEarned: 11, earned: "7920.00", remaining: "720.00", end: "2026-01-15",
			statuses: rfStatuses(11, "earned", 1, "due"),
		},
		{
			name: "ended mid-month", reason: "the months ending Feb–May 15 ran in full; the one ending Jun 15 did not and is forfeited",
			in: with(full, "", "2025-05-20"), at: "2025-07-01",
			status: "ended", why: "the placement ended on 2025-05-20, 4 of 12 months in",
			monthsEarned: 4, earned: "2880.00", remaining: "0.00", end: "2026-01-15",
			statuses: rfStatuses(4, "earned", 8, "forfeited"),
		},
		{
			name: "ended, evaluated on the end date",
			in:   with(full, "", "2025-05-20"), at: "2025-05-20",
			status: "ended", why: "the placement ended on 2025-05-20, 4 of 12 months in",
			monthsEarned: 4, earned: "2880.00", remaining: "0.00", end: "2026-01-15",
			statuses: rfStatuses(4, "earned", 8, "forfeited"),
		},
		{
			name: "ending mid-month, evaluated before the end", reason: "still running: months to May 15 remain; the rest are forfeited already",
			in: with(full, "", "2025-05-20"), at: "2025-04-01",
			status: "active", monthsEarned: 2, earned: "1440.00", remaining: "1440.00", end: "2026-01-15",
			statuses: rfStatuses(2, "earned", 2, "due", 8, "forfeited"),
		},
		{
			name: "ending mid-month, every month before the end earned", reason: "active until the placement ends, though nothing more can be earned",
			in: with(full, "", "2025-05-20"), at: "2025-05-19",
			status: "active", monthsEarned: 4, earned: "2880.00", remaining: "0.00", end: "2026-01-15",
			statuses: rfStatuses(4, "earned", 8, "forfeited"),
		},
		{
			name: "ended on a month boundary", reason: "choice: a month that ends on the until date counts: the placement ran through it",
			in: with(full, "", "2025-05-15"), at: "2025-06-01",
			status: "ended", why: "the placement ended on 2025-05-15, 4 of 12 months in",
			monthsEarned: 4, earned: "2880.00", remaining: "0.00", end: "2026-01-15",
			statuses: rfStatuses(4, "earned", 8, "forfeited"),
		},
		{
			name: "ended a day before a month boundary",
			in:   with(full, "", "2025-05-14"), at: "2025-06-01",
			status: "ended", why: "the placement ended on 2025-05-14, 3 of 12 months in",
			monthsEarned: 3, earned: "2160.00", remaining: "0.00", end: "2026-01-15",
			statuses: rfStatuses(3, "earned", 9, "forfeited"),
		},
		{
			name: "ended on the placement date",
			in:   with(full, "", "2025-01-15"), at: "2025-01-15",
			status: "ended", why: "the placement ended on 2025-01-15, 0 of 12 months in",
			earned: "0.00", remaining: "0.00", end: "2026-01-15",
			statuses: rfStatuses(12, "forfeited"),
		},
		{
			name: "until on the window's end", reason: "the placement ran through the last month: complete, not ended",
			in: with(full, "", "2026-01-15"), at: "2026-02-01",
			status: "complete", monthsEarned: 12, earned: "8640.00", remaining: "0.00", end: "2026-01-15",
			statuses: rfStatuses(12, "earned"),
		},
		{
			name: "until on the window's end, still running",
			in:   with(full, "", "2026-01-15"), at: "2025-06-01",
			status: "active", monthsEarned: 4, earned: "2880.00", remaining: "5760.00", end: "2026-01-15",
			statuses: rfStatuses(4, "earned", 8, "due"),
		},
		{
			name: "until after the window", reason: "the placement outlived the window: complete",
			in: with(full, "", "2026-03-01"), at: "2026-03-01",
			status: "complete", monthsEarned: 12, earned: "8640.00", remaining: "0.00", end: "2026-01-15",
			statuses: rfStatuses(12, "earned"),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := rfOnly(t, tt.in, tt.at)
			assert.Equal(t, tt.status, string(got.Status), tt.reason)
			assert.Equal(t, tt.why, got.Reason, tt.reason)
			assert.Equal(t, tt.monthsEarned, got.MonthsEarned, tt.reason)
			assert.Equal(t, rfMoney(t, tt.earned, "USD"), got.Earned, tt.reason)
			assert.Equal(t, rfMoney(t, tt.remaining, "USD"), got.Remaining, tt.reason)
			assert.Equal(t, date(t, tt.in.placed), got.Start)
			assert.Equal(t, date(t, tt.end), got.End)

			sched := got.Schedule()
			require.Len(t, sched, got.Months)
			var statuses []string
			for i, m := range sched {
				statuses = append(statuses, string(m.Status))
				assert.Equal(t, got.Monthly, m.Amount)
				assert.Equal(t, ladder.AddMonths(got.Start, i), m.Start)
			}
			assert.Equal(t, tt.statuses, statuses, tt.reason)
			if tt.starts != nil {
				var starts []string
				for _, m := range sched {
					starts = append(starts, m.Start.Format(time.DateOnly))
				}
				assert.Equal(t, tt.starts, starts, tt.reason)
			}
		})
	}
}

func TestReferralTotals(t *testing.T) {
	// An L7 (6% for 12 months) on 2025-06-01. ana: 720.00 USD a month, 5
	// months earned; bo: 300.00 EUR, 4 earned; cy: 60.00 USD, 3 earned; di is
	// out of range (ineligible, CHF); ed is placed after the date (GBP
	// 120.00 a month, upcoming); fy ended after 2 months (USD 30.00).
	const profile = `
id: mentor
level: L7
level_since: 2020-01-06
mentor: {id: z, level: L10}
mentees:
  - {id: ana, level: L2, since: 2024-12-01, placement: {date: 2025-01-01, monthly_rate: "12000.00", currency: USD}}
  - {id: bo, level: L3, since: 2025-01-01, placement: {date: 2025-02-01, monthly_rate: "5000.00", currency: EUR}}
  - {id: cy, level: L1, since: 2025-01-01, placement: {date: 2025-03-01, monthly_rate: "1000.00", currency: USD}}
  - {id: di, level: L6, since: 2025-01-01, placement: {date: 2025-03-01, monthly_rate: "9999.00", currency: CHF}}
  - {id: ed, level: L4, since: 2025-05-01, placement: {date: 2025-07-01, monthly_rate: "2000.00", currency: GBP}}
  - {id: fy, level: L1, since: 2024-01-01, until: 2025-04-01, placement: {date: 2025-01-10, monthly_rate: "500.00", currency: USD, until: 2025-03-20}}
`
	r := rfEvaluate(t, profile, "2025-06-01")
	var got []string
	for _, f := range r.Referrals {
		got = append(got, fmt.Sprintf("%s %s %v %v %v", f.Mentee, f.Status, f.Monthly, f.Earned, f.Remaining))
	}
	assert.Equal(t, []string{
		"ana active USD 720.00 USD 3,600.00 USD 5,040.00",
		"bo active EUR 300.00 EUR 1,200.00 EUR 2,400.00",
		"cy active USD 60.00 USD 180.00 USD 540.00",
		"di ineligible CHF 0.00 CHF 0.00 CHF 0.00",
		"ed upcoming GBP 120.00 GBP 0.00 GBP 1,440.00",
		"fy ended USD 30.00 USD 60.00 USD 0.00",
	}, got, "referrals in profile order")
	assert.Equal(t, []ladder.Money{rfMoney(t, "1200.00", "EUR"), rfMoney(t, "0.00", "GBP"), rfMoney(t, "3840.00", "USD")}, r.Totals,
		"earned per currency, sorted by currency; the ineligible CHF referral is left out; an upcoming one totals 0")
	assert.Equal(t, []ladder.Money{rfMoney(t, "2400.00", "EUR"), rfMoney(t, "1440.00", "GBP"), rfMoney(t, "5580.00", "USD")}, r.Upcoming,
		"remaining per currency, sorted by currency")
	assert.Equal(t, ladder.Mentorship{Slots: 4, Published: true, Active: 5, Issues: []string{
		"5 active mentees for 4 slots at L7: 1 over",
		"mentee di started at L6, outside the L7 mentee range L1–L5",
	}}, r.Mentorship, "fy's mentoring ended on 2025-04-01; the other five are active")
}

func TestReferralNone(t *testing.T) {
	r := rfEvaluate(t, `{id: m, level: L7, level_since: 2020-01-06, mentees: [{id: a, level: L2, since: 2025-01-01}]}`, "2025-06-01")
	assert.Empty(t, r.Referrals)
	assert.Empty(t, r.Totals)
	assert.Empty(t, r.Upcoming)
	assert.NotContains(t, r.Text(), "Referrals")
}

func TestMentorshipWorca(t *testing.T) {
	tests := []struct {
		name, reason string
		profile      string
		at           string
		want         ladder.Mentorship
	}{
		{
			name: "active counting", reason: "since ≤ date < until: a and c (starting on the date) are active; b ended on the date; d starts later",
			profile: `{id: m, level: L7, level_since: 2020-01-06, mentor: {id: z, level: L10}, mentees: [
				{id: a, level: L2, since: 2024-01-01},
				{id: b, level: L2, since: 2025-01-01, until: 2025-06-01},
				{id: c, level: L3, since: 2025-06-01},
				{id: d, level: L1, since: 2025-07-01}]}`,
			at:   "2025-06-01",
			want: ladder.Mentorship{Slots: 4, Published: true, Active: 2},
		},
		{
			name:    "active the day before until",
			profile: `{id: m, level: L7, level_since: 2020-01-06, mentor: {id: z, level: L10}, mentees: [{id: b, level: L2, since: 2025-01-01, until: 2025-06-01}]}`,
			at:      "2025-05-31",
			want:    ladder.Mentorship{Slots: 4, Published: true, Active: 1},
		},
		{
			name:    "over the slots",
			profile: `{id: m, level: L4, level_since: 2020-01-06, mentor: {id: z, level: L10}, mentees: [{id: a, level: L1, since: 2024-01-01}, {id: b, level: L2, since: 2024-06-01}]}`,
			at:      "2025-06-01",
			want:    ladder.Mentorship{Slots: 1, Published: true, Active: 2, Issues: []string{"2 active mentees for 1 slot at L4: 1 over"}},
		},
		{
			name:    "exactly the slots",
			profile: `{id: m, level: L5, level_since: 2020-01-06, mentor: {id: z, level: L10}, mentees: [{id: a, level: L1, since: 2024-01-01}, {id: b, level: L3, since: 2024-06-01}]}`,
			at:      "2025-06-01",
			want:    ladder.Mentorship{Slots: 2, Published: true, Active: 2},
		},
		{
			name: "no slots", reason: "L1–L3 publish 0 slots",
			profile: `{id: m, level: L3, level_since: 2020-01-06, mentor: {id: z, level: L10}, mentees: [{id: a, level: L1, since: 2024-01-01}]}`,
			at:      "2025-06-01",
			want:    ladder.Mentorship{Slots: 0, Published: true, Active: 1, Issues: []string{"L3 has no mentee slots, but 1 mentee is active"}},
		},
		{
			name: "slots not published", reason: "L6 publishes no mentorship",
			profile: `{id: m, level: L6, level_since: 2020-01-06, mentor: {id: z, level: L10}, mentees: [{id: a, level: L1, since: 2024-01-01}, {id: b, level: L1, since: 2024-01-01}]}`,
			at:      "2025-06-01",
			want:    ladder.Mentorship{Active: 2, Issues: []string{"L6 publishes no mentee slots; 2 mentees are active"}},
		},
		{
			name: "from_level defaults to the level", reason: "e is L6 now and gives no from_level: out of the L7 range L1–L5; f started at L4",
			profile: `{id: m, level: L7, level_since: 2020-01-06, mentor: {id: z, level: L10}, mentees: [{id: e, level: L6, since: 2024-01-01}, {id: f, level: L6, from_level: L4, since: 2024-01-01}]}`,
			at:      "2025-06-01",
			want:    ladder.Mentorship{Slots: 4, Published: true, Active: 2, Issues: []string{"mentee e started at L6, outside the L7 mentee range L1–L5"}},
		},
		{
			name: "a single-level range", reason: "the L4 range is L1–L2",
			profile: `{id: m, level: L4, level_since: 2020-01-06, mentor: {id: z, level: L10}, mentees: [{id: g, level: L3, from_level: L3, since: 2024-01-01}]}`,
			at:      "2025-06-01",
			want:    ladder.Mentorship{Slots: 1, Published: true, Active: 1, Issues: []string{"mentee g started at L3, outside the L4 mentee range L1–L2"}},
		},
		{
			name:    "a past mentee out of range is not reported",
			profile: `{id: m, level: L7, level_since: 2020-01-06, mentor: {id: z, level: L10}, mentees: [{id: e, level: L6, since: 2024-01-01, until: 2025-01-01}]}`,
			at:      "2025-06-01",
			want:    ladder.Mentorship{Slots: 4, Published: true},
		},
		{
			name:    "slots first, then each mentee out of range",
			profile: `{id: m, level: L4, level_since: 2020-01-06, mentor: {id: z, level: L10}, mentees: [{id: a, level: L3, since: 2024-01-01}, {id: b, level: L4, since: 2024-01-01}]}`,
			at:      "2025-06-01",
			want: ladder.Mentorship{Slots: 1, Published: true, Active: 2, Issues: []string{
				"2 active mentees for 1 slot at L4: 1 over",
				"mentee a started at L3, outside the L4 mentee range L1–L2",
				"mentee b started at L4, outside the L4 mentee range L1–L2",
			}, Notes: []string{"mentee b is now L4, the mentor's own level"}},
		},
		// Issue 23, case 7: the L4 page says an L4 receives an L5 mentor, so
		// an L5 mentoring an L4 is in order, though outside the L5 range
		// L1–L3; whether it takes a slot is not published.
		{
			name:    "mentoring the mentee's own level prescribes",
			profile: `{id: m, level: L5, level_since: 2020-01-06, mentees: [{id: a, level: L4, since: 2024-01-01}, {id: b, level: L1, since: 2024-01-01}, {id: c, level: L2, since: 2024-01-01}]}`,
			at:      "2025-06-01",
			want: ladder.Mentorship{Slots: 2, Published: true, Active: 3, Prescribed: 1, Notes: []string{
				"mentee a started at L4, outside the L5 mentee range L1–L3, but an L4 is mentored by L5 or above, or the role worca-leadership, so the mentoring is in order; whether it takes a slot or earns a referral cut is not published",
				"with a, 3 mentees are active for 2 slots at L5: whether such mentoring takes a slot is not published",
			}},
		},
		{
			name:    "an L10 mentoring an L8",
			profile: `{id: m, level: L10, level_since: 2020-01-06, mentees: [{id: a, level: L8, since: 2024-01-01}]}`,
			at:      "2025-06-01",
			want: ladder.Mentorship{Active: 1, Prescribed: 1, Notes: []string{
				"mentee a started at L8, and L10 publishes no mentee range, but an L8 is mentored by L10 or above, or the role founder, so the mentoring is in order; whether it takes a slot or earns a referral cut is not published",
				"L10 publishes no mentee slots; 1 mentee is active, mentoring in order as above",
			}},
		},
		{
			name:    "a founder mentoring an L9",
			profile: `{id: m, level: L7, level_since: 2020-01-06, roles: [founder], mentor: {id: z, level: L10}, mentees: [{id: a, level: L9, since: 2024-01-01}]}`,
			at:      "2025-06-01",
			want: ladder.Mentorship{Slots: 4, Published: true, Active: 1, Prescribed: 1, Notes: []string{
				"mentee a started at L9, outside the L7 mentee range L1–L5, but an L9 is mentored by the role founder, so the mentoring is in order; whether it takes a slot or earns a referral cut is not published",
				"mentee a is now L9, above the mentor's level L7",
			}},
		},
		// Issue 23, case 5: one definition of in range, by the level held
		// when mentoring began, for the notes as for the counts.
		{
			name:    "taken on at L6, which publishes no range",
			profile: `{id: m, level: L7, level_since: 2023-01-02, history: [{level: L6, since: 2020-01-06}], mentor: {id: z, level: L10}, mentees: [{id: s1, level: L6, from_level: L6, since: 2021-03-01}, {id: s2, level: L7, from_level: L6, since: 2021-03-01}]}`,
			at:      "2026-12-01",
			want: ladder.Mentorship{Slots: 4, Published: true, Active: 2, Notes: []string{
				"not known whether mentee s1 was in range: L6, the level held when mentoring s1 began, publishes no mentee range",
				"not known whether mentee s2 was in range: L6, the level held when mentoring s2 began, publishes no mentee range",
				"mentee s2 is now L7, the mentor's own level",
			}},
		},
		{
			name:    "taken on while L5, out of that range",
			profile: `{id: m, level: L7, level_since: 2023-01-02, history: [{level: L5, since: 2020-01-06}], mentor: {id: z, level: L10}, mentees: [{id: a, level: L5, from_level: L5, since: 2021-03-01}]}`,
			at:      "2026-12-01",
			want: ladder.Mentorship{Slots: 4, Published: true, Active: 1, Issues: []string{
				"mentee a started at L5, outside the L5 mentee range L1–L3 (the mentor's level when mentoring began)",
			}},
		},
		{
			name:    "no mentor recorded",
			profile: `{id: m, level: L8, level_since: 2020-01-06}`,
			at:      "2025-06-01",
			want:    ladder.Mentorship{Slots: 5, Published: true, Notes: []string{"no mentor recorded: an L8 is mentored by L10 or above, or the role founder"}},
		},
		{
			name:    "the mentor not recorded in the input",
			profile: `{id: m, level: L9, level_since: 2020-01-06, unrecorded: [mentor]}`,
			at:      "2025-06-01",
			want:    ladder.Mentorship{Slots: 7, Published: true, Notes: []string{"mentor not recorded in this input: an L9 is mentored by the role founder"}},
		},
		{
			name:    "a level that does not say who mentors it",
			profile: `{id: m, level: L5, level_since: 2020-01-06}`,
			at:      "2025-06-01",
			want:    ladder.Mentorship{Slots: 2, Published: true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, rfEvaluate(t, tt.profile, tt.at).Mentorship, tt.reason)
		})
	}
}

func TestReferralRender(t *testing.T) {
	const profile = `
id: maya
name: Maya Chen
level: L7
level_since: 2022-09-01
mentees:
  - {id: sam, level: L3, from_level: L2, since: 2024-11-01, placement: {date: 2025-01-01, monthly_rate: "12000.00", currency: USD}}
  - {id: lee, level: L6, since: 2025-01-01, placement: {date: 2025-02-01, monthly_rate: "8000.00", currency: EUR}}
`
	r := rfEvaluate(t, profile, "2025-06-01")

	text := r.Text()
	for _, line := range []string{
		"Mentorship: 2 of 4 slots in use\n",
		"  ! mentee lee started at L6, outside the L7 mentee range L1–L5\n",
		"\nReferrals\n",
		"  sam  6% for 12 months, 2025-01-01 to 2026-01-01: USD 720.00 a month, earned USD 3,600.00, remaining USD 5,040.00, active\n",
		"  lee  ineligible: mentee started at L6, outside the L7 mentee range L1–L5 when mentoring began\n",
		"  earned in all: USD 3,600.00; still to come: USD 5,040.00\n",
	} {
		assert.Contains(t, text, line)
	}

	md := r.Markdown()
	for _, line := range []string{
		"### Mentorship\n\n2 of 4 slots in use.\n\n- mentee lee started at L6, outside the L7 mentee range L1–L5\n",
		"### Referrals\n\n| Mentee | Terms | Window | Monthly | Earned | Remaining | Status |\n|---|---|---|---|---|---|---|\n",
		"| sam | 6% for 12 months (L7) | 2025-01-01 to 2026-01-01 | USD 720.00 | USD 3,600.00 | USD 5,040.00 | active |\n",
		"| lee | 6% for 12 months (L7) | 2025-02-01 to 2026-02-01 | — | — | — | ineligible: mentee started at L6, outside the L7 mentee range L1–L5 when mentoring began |\n",
		"Earned in all: **USD 3,600.00**; still to come: USD 5,040.00.\n",
	} {
		assert.Contains(t, md, line)
	}

	data, err := r.JSON()
	require.NoError(t, err)
	type money struct{ Amount, Currency string }
	var j struct {
		Mentorship struct {
			Slots     int      `json:"slots"`
			Published bool     `json:"published"`
			Active    int      `json:"active"`
			Issues    []string `json:"issues"`
		} `json:"mentorship"`
		Referrals []struct {
			Mentee       string `json:"mentee"`
			Level        string `json:"level"`
			Percent      string `json:"percent"`
			Months       int    `json:"months"`
			Start        string `json:"start"`
			End          string `json:"end"`
			Monthly      money  `json:"monthly"`
			Earned       money  `json:"earned"`
			Remaining    money  `json:"remaining"`
			Status       string `json:"status"`
			Reason       string `json:"reason"`
			MonthsEarned int    `json:"months_earned"`
			Schedule     []struct {
				Start  string `json:"start"`
				Amount money  `json:"amount"`
				Status string `json:"status"`
			} `json:"schedule"`
		} `json:"referrals"`
		Earned    []money `json:"earned"`
		Remaining []money `json:"remaining"`
	}
	require.NoError(t, json.Unmarshal(data, &j), string(data))
	assert.Equal(t, 4, j.Mentorship.Slots)
	assert.Equal(t, 2, j.Mentorship.Active)
	assert.Equal(t, []string{"mentee lee started at L6, outside the L7 mentee range L1–L5"}, j.Mentorship.Issues)
	require.Len(t, j.Referrals, 2)
	sam := j.Referrals[0]
	assert.Equal(t, "sam", sam.Mentee)
	assert.Equal(t, "L7", sam.Level)
	assert.Equal(t, "6%", sam.Percent)
	assert.Equal(t, 12, sam.Months)
	assert.Equal(t, "2025-01-01", sam.Start)
	assert.Equal(t, "2026-01-01", sam.End)
	assert.Equal(t, money{"720.00", "USD"}, sam.Monthly)
	assert.Equal(t, money{"3600.00", "USD"}, sam.Earned)
	assert.Equal(t, money{"5040.00", "USD"}, sam.Remaining)
	assert.Equal(t, "active", sam.Status)
	assert.Equal(t, 5, sam.MonthsEarned)
	require.Len(t, sam.Schedule, 12)
	assert.Equal(t, "2025-01-01", sam.Schedule[0].Start)
	assert.Equal(t, money{"720.00", "USD"}, sam.Schedule[0].Amount)
	assert.Equal(t, "earned", sam.Schedule[4].Status)
	assert.Equal(t, "due", sam.Schedule[5].Status)
	assert.Equal(t, "2025-12-01", sam.Schedule[11].Start)
	lee := j.Referrals[1]
	assert.Equal(t, "ineligible", lee.Status)
	assert.Equal(t, "mentee started at L6, outside the L7 mentee range L1–L5 when mentoring began", lee.Reason)
	assert.Empty(t, lee.Schedule)
	assert.Equal(t, []money{{"3600.00", "USD"}}, j.Earned)
	assert.Equal(t, []money{{"5040.00", "USD"}}, j.Remaining)

	var raw map[string]any
	require.NoError(t, json.Unmarshal(data, &raw))
	monthly := raw["referrals"].([]any)[0].(map[string]any)["monthly"].(map[string]any)
	assert.Equal(t, "720.00", monthly["amount"], "money is an exact decimal string, never a JSON number")
	_, hasSchedule := raw["referrals"].([]any)[1].(map[string]any)["schedule"]
	assert.False(t, hasSchedule, "an ineligible referral has no schedule")
}

// rfWorcaTerms are the Worca referral terms by level, as published (see
// levels/worca), written out here independently of the ladder files.
var rfWorcaTerms = map[ladder.LevelID]struct {
	bp      int64
	months  int
	maxRank int // mentees from L1 up to this rank
}{
	"L4": {300, 6, 2}, "L5": {400, 9, 3}, "L7": {600, 12, 5}, "L8": {700, 18, 6}, "L9": {800, 24, 7},
}

// rfCutRat is rate × bp / 10000 rounded half up, in math/big.Rat.
func rfCutRat(rate, bp int64) int64 {
	x := new(big.Rat).SetFrac(new(big.Int).Mul(big.NewInt(rate), big.NewInt(bp)), big.NewInt(10000))
	x.Add(x, big.NewRat(1, 2))
	q := new(big.Int).Quo(x.Num(), x.Denom()) // both positive: floor
	return q.Int64()
}

func TestReferralProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(2025, 6))
	levels := []ladder.LevelID{"L4", "L5", "L7", "L8", "L9"}
	currencies := []string{"USD", "EUR", "JPY", "KWD"}
	lo := time.Date(2000, time.January, 1, 0, 0, 0, 0, time.UTC)
	span := int(time.Date(2031, time.January, 1, 0, 0, 0, 0, time.UTC).Sub(lo).Hours() / 24)
	l := ladder.Default()
	checked, ineligible := 0, 0
	for i := range 3000 {
		lv := levels[r.IntN(len(levels))]
		terms := rfWorcaTerms[lv]
		anchor := lo.AddDate(0, 0, r.IntN(span))
		var at time.Time
		switch r.IntN(4) {
		case 0: // around the anchor
			at = anchor.AddDate(0, 0, r.IntN(60)-30)
		case 1: // on a month boundary of a placement at the anchor
			at = ladder.AddMonths(anchor, r.IntN(terms.months+2)-1)
		default: // up to 3 years after
			at = anchor.AddDate(0, 0, r.IntN(3*366))
		}
		// At the level since before every placement, so its terms apply.
		p := ladder.Person{ID: fmt.Sprintf("p%d", i), Level: lv, LevelSince: time.Date(1999, time.January, 4, 0, 0, 0, 0, time.UTC)}
		for k := range 1 + r.IntN(3) {
			placed := anchor.AddDate(0, 0, r.IntN(400)-200)
			if r.IntN(10) == 0 {
				placed = time.Date(2000+4*r.IntN(8), time.February, 29, 0, 0, 0, 0, time.UTC)
			} else if r.IntN(5) == 0 { // a month end
				placed = time.Date(placed.Year(), placed.Month()+1, 0, 0, 0, 0, 0, time.UTC)
			}
			cur := currencies[r.IntN(len(currencies))]
			var rate int64
			switch r.IntN(3) {
			case 0: // 0.01 to 10,000,000.00 with random cents
				rate = 1 + r.Int64N(1_000_000_000)
			case 1: // small rates, where rounding matters most
				rate = 1 + r.Int64N(10_000)
			default: // whole amounts plus .50 or .49
				rate = 100*r.Int64N(100_000) + 49 + r.Int64N(2)
			}
			pl := &ladder.Placement{Date: placed, MonthlyRate: ladder.Money{Amount: rate, Currency: cur}}
			if r.IntN(3) == 0 {
				pl.Until = placed.AddDate(0, 0, r.IntN(terms.months*31+60))
			}
			rank := 1
			if r.IntN(4) == 0 {
				rank = 1 + r.IntN(8)
			}
			p.Mentees = append(p.Mentees, ladder.Mentee{ID: fmt.Sprintf("m%d", k), Level: ladder.LevelID(fmt.Sprintf("L%d", rank)),
				Since: placed.AddDate(0, 0, -30), Placement: pl})
		}
		rep, err := l.Evaluate(p, ladder.At(at))
		require.NoError(t, err)
		require.Len(t, rep.Referrals, len(p.Mentees))

		earned, remaining := map[string]int64{}, map[string]int64{}
		for k, f := range rep.Referrals {
			pl := p.Mentees[k].Placement
			rate := pl.MonthlyRate
			msg := fmt.Sprintf("%s at %s: %s %v placed %s until %s", lv, at.Format(time.DateOnly), f.Mentee, rate,
				pl.Date.Format(time.DateOnly), pl.Until.Format(time.DateOnly))
			require.Equal(t, ladder.LevelID(lv), f.Level, msg)
			require.Equal(t, ladder.Percent(terms.bp), f.Percent, msg)
			require.Equal(t, terms.months, f.Months, msg)
			require.Equal(t, pl.Date, f.Start, msg)
			require.Equal(t, ladder.AddMonths(pl.Date, terms.months), f.End, msg)
			if rank := int(p.Mentees[k].Level[1] - '0'); rank > terms.maxRank {
				if lv == "L5" && rank == 4 { // the L4 page names an L5 mentor: in order, terms unpublished (issue 23)
					require.Equal(t, ladder.ReferralUnpublished, f.Status, msg)
					require.Contains(t, f.Reason, "no referral terms are published for it", msg)
				} else {
					require.Equal(t, ladder.ReferralIneligible, f.Status, msg)
					require.Equal(t, fmt.Sprintf("mentee started at %s, outside the %s mentee range L1–L%d when mentoring began", p.Mentees[k].Level, lv, terms.maxRank), f.Reason, msg)
				}
				zero := ladder.Money{Currency: rate.Currency}
				require.Equal(t, []ladder.Money{zero, zero, zero}, []ladder.Money{f.Monthly, f.Earned, f.Remaining}, msg)
				require.Nil(t, f.Schedule(), msg)
				ineligible++
				continue // and not in the totals
			}

			// (2) the monthly cut agrees with an independent big.Rat computation.
			monthly := rfCutRat(rate.Amount, terms.bp)
			require.Equal(t, ladder.Money{Amount: monthly, Currency: rate.Currency}, f.Monthly, msg)
			total := monthly * int64(terms.months)

			// (1) and (5): the schedule sums to monthly × months, month i
			// starting on AddMonths(Start, i); (4) Earned and Remaining are
			// the earned and due months.
			sched := f.Schedule()
			require.Len(t, sched, terms.months, msg)
			var sum, nEarned, nDue int64
			for i, m := range sched {
				require.Equal(t, ladder.AddMonths(f.Start, i), m.Start, msg)
				require.Equal(t, f.Monthly, m.Amount, msg)
				sum += m.Amount.Amount
				switch m.Status {
				case "earned":
					nEarned++
				case "due":
					nDue++
				default:
					require.Equal(t, ladder.MonthForfeited, m.Status, msg)
				}
			}
			require.Equal(t, total, sum, msg)
			require.Equal(t, monthly*nEarned, f.Earned.Amount, msg)
			require.Equal(t, monthly*nDue, f.Remaining.Amount, msg)
			require.Equal(t, int(nEarned), f.MonthsEarned, msg)

			// The earned months, independently: whole months from the start
			// to the evaluation date or the placement's end, if earlier.
			stop := at
			if !pl.Until.IsZero() && pl.Until.Before(stop) {
				stop = pl.Until
			}
			wantEarned := 0
			if !stop.Before(f.Start) {
				wantEarned = min(terms.months, ladder.MonthsBetween(f.Start, stop))
			}
			require.Equal(t, wantEarned, f.MonthsEarned, msg)

			// (3) a running placement earns the whole total in the end.
			running := pl.Until.IsZero() || !pl.Until.Before(f.End)
			if running {
				require.Equal(t, total, f.Earned.Amount+f.Remaining.Amount, msg)
				require.Zero(t, len(sched)-int(nEarned+nDue), msg)
			} else {
				require.LessOrEqual(t, f.Earned.Amount+f.Remaining.Amount, total, msg)
			}

			var wantStatus string
			switch {
			case at.Before(f.Start):
				wantStatus = "upcoming"
			case wantEarned == terms.months:
				wantStatus = "complete"
			case !pl.Until.IsZero() && !at.Before(pl.Until):
				wantStatus = "ended"
			default:
				wantStatus = "active"
			}
			require.Equal(t, wantStatus, string(f.Status), msg)
			if wantStatus == "ended" {
				require.Zero(t, f.Remaining.Amount, msg)
			}
			earned[rate.Currency] += f.Earned.Amount
			remaining[rate.Currency] += f.Remaining.Amount
			checked++
		}

		// Totals are exact sums per currency, sorted by currency.
		var wantTotals, wantUpcoming []ladder.Money
		for _, c := range slices.Sorted(maps.Keys(earned)) {
			wantTotals = append(wantTotals, ladder.Money{Amount: earned[c], Currency: c})
			wantUpcoming = append(wantUpcoming, ladder.Money{Amount: remaining[c], Currency: c})
		}
		require.Equal(t, wantTotals, rep.Totals)
		require.Equal(t, wantUpcoming, rep.Upcoming)
	}
	assert.Greater(t, checked, 4000)
	assert.Greater(t, ineligible, 300)
}

// TestReferralJSONRoundTrip checks that every amount in the JSON report
// parses back to the exact Money of the report.
func TestReferralJSONRoundTrip(t *testing.T) {
	r := rfEvaluate(t, rfPlacement{mentor: "L8", rate: "1234.57", cur: "USD", placed: "2023-11-30"}.yaml(), "2024-12-01")
	data, err := r.JSON()
	require.NoError(t, err)
	var j struct {
		Referrals []struct {
			Monthly  ladder.Money `json:"monthly"`
			Earned   ladder.Money `json:"earned"`
			Schedule []struct {
				Amount ladder.Money `json:"amount"`
				Status string       `json:"status"`
			} `json:"schedule"`
		} `json:"referrals"`
	}
	require.NoError(t, json.Unmarshal(data, &j))
	require.Len(t, j.Referrals, 1)
	assert.Equal(t, r.Referrals[0].Monthly, j.Referrals[0].Monthly)
	assert.Equal(t, r.Referrals[0].Earned, j.Referrals[0].Earned)
	require.Len(t, j.Referrals[0].Schedule, 18)
	var sum ladder.Money
	for _, m := range j.Referrals[0].Schedule {
		if m.Status == "earned" {
			sum, err = sum.Add(m.Amount)
			require.NoError(t, err)
		}
	}
	assert.Equal(t, r.Referrals[0].Earned, sum, "the payroll export adds up to Earned")
}

func TestReferralOverflow(t *testing.T) {
	// placed lists n mentees, each placed on 2025-01-01 at the largest rate:
	// math.MaxInt64 cents.
	placed := func(n int) string {
		var ms []string
		for i := range n {
			ms = append(ms, fmt.Sprintf(`{id: m%d, level: L1, since: 2025-01-01, placement: {date: 2025-01-01, monthly_rate: "92233720368547758.07", currency: USD}}`, i))
		}
		return "[" + strings.Join(ms, ", ") + "]"
	}
	tests := []struct {
		name, reason string
		profile      string
		wantErr      string
	}{
		{
			name: "a window total over int64", reason: "8% of the largest rate is 737869762948382065 ¢ a month; 24 months do not fit",
			profile: "{id: m, level: L9, level_since: 2020-01-06, mentees: " + placed(1) + "}",
			wantErr: "mentees[0].placement.monthly_rate: referral amounts are too large to compute exactly in int64 minor units",
		},
		{
			name: "a currency total over int64", reason: "3% for 6 months of the largest rate is about 1.66e18 ¢; the sixth such referral overflows the USD total",
			profile: "{id: m, level: L4, level_since: 2020-01-06, mentees: " + placed(6) + "}",
			wantErr: "mentees[5].placement.monthly_rate: referral amounts are too large to compute exactly in int64 minor units",
		},
		{
			name: "five such referrals fit", profile: "{id: m, level: L4, level_since: 2020-01-06, mentees: " + placed(5) + "}",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ladder.ParsePerson([]byte(tt.profile))
			require.NoError(t, err)
			r, err := ladder.Evaluate(p, ladder.At(date(t, "2025-01-01")))
			if tt.wantErr == "" {
				require.NoError(t, err)
				assert.Equal(t, []ladder.Money{{Amount: 5 * 6 * 276701161105643274, Currency: "USD"}}, r.Upcoming, "5 × 6 × 3% of MaxInt64 ¢, rounded once a month")
				return
			}
			require.EqualError(t, err, tt.wantErr, tt.reason)
			var errs ladder.ProfileErrors
			require.ErrorAs(t, err, &errs)
		})
	}
}

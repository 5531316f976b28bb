package ladder_test

import (
	"fmt"
	"testing"

	"github.com/ladderkit/ladder"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Breaks: months at the level and in the track do not count the whole
// months of breaks inside their span, and the earliest dates move later by
// the same months, on the calendar (month ends clamp).
func TestBreaks(t *testing.T) {
	const l4 = "id: a\nlevel: L4\nlevel_since: %s\njoined: 2020-01-06\nbreaks: [%s]"
	tests := []struct {
		name, since, breaks string
		detail              string
		earliest            string
		months              int // months_at_level, as rules see it
	}{
		{name: "no break", since: "2025-01-06", detail: "22 months at L4 since 2025-01-06 (18 required)", earliest: "2026-07-06", months: 22},
		{name: "6 months away", since: "2025-01-06", breaks: "{from: 2025-03-03, until: 2025-09-03}",
			detail: "16 of 18 months at L4, not counting 6 months away; tenure allows promotion from 2027-01-06", earliest: "2027-01-06", months: 16},
		{name: "under a month counts nothing", since: "2025-01-06", breaks: "{from: 2025-03-03, until: 2025-04-02}",
			detail: "22 months at L4 since 2025-01-06 (18 required)", earliest: "2026-07-06", months: 22},
		{name: "a break before level_since does not count", since: "2025-01-06", breaks: "{from: 2022-03-01, until: 2023-03-01}",
			detail: "22 months at L4 since 2025-01-06", earliest: "2026-07-06", months: 22},
		// 2024-12-06 to 2025-04-06 is cut to 2025-01-06 to 2025-04-06: 3 months.
		{name: "a break across level_since counts from it", since: "2025-01-06", breaks: "{from: 2024-12-06, until: 2025-04-06}",
			detail: "19 months at L4 since 2025-01-06, not counting 3 months away (18 required)", earliest: "2026-10-06", months: 19},
		// Still away on the evaluation date: months at the level count to
		// it (cut to 2026-11-20, 2 months away); the break started after
		// tenure was reached on 2026-07-06, so that date stands (issue 23:
		// it moved to 2026-09-06 before).
		{name: "a break after tenure was reached leaves the date", since: "2025-01-06", breaks: "{from: 2026-09-14, until: 2027-03-01}",
			detail: "20 months at L4 since 2025-01-06, not counting 2 months away", earliest: "2026-07-06", months: 20},
		// Issue 23, case 2: still away, and short of tenure. The known rest
		// of the break counts: 2026-09-14 to 2027-03-01 is 5 whole months,
		// so 18 + 5 months from 2025-06-02 is 2027-05-02, whatever day of
		// the break the evaluation is made.
		{name: "the rest of a running break counts", since: "2025-06-02", breaks: "{from: 2026-09-14, until: 2027-03-01}",
			detail:   "15 of 18 months at L4, not counting 2 months away; on a break until 2027-03-01, whose rest does not count either; tenure allows promotion from 2027-05-02",
			earliest: "2027-05-02", months: 15},
		// 2026-07-06 falls in a break of less than a month: the earliest
		// date is the first day back.
		{name: "never a date inside a break", since: "2025-01-06", breaks: "{from: 2026-06-20, until: 2026-07-15}",
			detail: "22 months at L4 since 2025-01-06 (18 required)", earliest: "2026-07-15", months: 22},
		// 2025-03-31 + 1 month is 2025-04-30: one whole month away. 18 + 1
		// months from 2025-01-31 is 2026-08-31.
		{name: "month ends clamp", since: "2025-01-31", breaks: "{from: 2025-03-31, until: 2025-04-30}",
			detail: "20 months at L4 since 2025-01-31, not counting 1 month away", earliest: "2026-08-31", months: 20},
		{name: "two breaks add up", since: "2025-01-06", breaks: "{from: 2025-02-03, until: 2025-05-03}, {from: 2025-08-04, until: 2026-02-04}",
			detail: "13 of 18 months at L4, not counting 9 months away; tenure allows promotion from 2027-04-06", earliest: "2027-04-06", months: 13},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ladder.Evaluate(person(t, fmt.Sprintf(l4, tt.since, tt.breaks)), ladder.At(date(t, "2026-11-20")))
			require.NoError(t, err)
			c := check(t, r, "tenure")
			assert.Contains(t, c.Detail, tt.detail)
			assert.Equal(t, date(t, tt.earliest), r.Promotion.Earliest)
			require.NotNil(t, r.Curriculum)
			assert.Equal(t, tt.months+1, r.Curriculum.Month, "the curriculum reads months at the level without breaks")
		})
	}
}

// The 10-year rule (L7 → L8: 120 months in the track) counts experience
// "in the system": breaks move it.
func TestBreaksMoveTheTenYearRule(t *testing.T) {
	const p = "id: a\nlevel: L7\nlevel_since: 2020-01-06\njoined: 2016-01-04\nbreaks: [%s]"
	r, err := ladder.Evaluate(person(t, fmt.Sprintf(p, "")), ladder.At(date(t, "2026-11-20")))
	require.NoError(t, err)
	assert.Equal(t, ladder.Met, check(t, r, "track_tenure").Status)
	assert.Equal(t, date(t, "2026-01-04"), r.Promotion.Earliest)

	r, err = ladder.Evaluate(person(t, fmt.Sprintf(p, "{from: 2017-05-01, until: 2018-05-01}")), ladder.At(date(t, "2026-11-20")))
	require.NoError(t, err)
	c := check(t, r, "track_tenure")
	assert.Equal(t, ladder.Unmet, c.Status)
	assert.Equal(t, "118 of 120 months in the track, not counting 12 months away; tenure allows promotion from 2027-01-04", c.Detail)
	assert.Equal(t, date(t, "2027-01-04"), r.Promotion.Earliest)
	assert.Equal(t, ladder.Met, check(t, r, "tenure").Status, "the break was before level_since")
}

func TestBreaksTestLadder(t *testing.T) {
	// M1: 6 months at the level and 6 in the track; a 2-month break moves
	// both earliest dates from 2026-07-06 to 2026-09-06.
	r, err := mentoringLadder(t).Evaluate(person(t, "id: a\nlevel: M1\nlevel_since: 2026-01-06\njoined: 2026-01-06\nbreaks: [{from: 2026-02-02, until: 2026-04-02}]"),
		ladder.At(date(t, "2026-08-20")))
	require.NoError(t, err)
	assert.Equal(t, ladder.Unmet, check(t, r, "tenure").Status)
	assert.Equal(t, ladder.Unmet, check(t, r, "track_tenure").Status)
	assert.Equal(t, date(t, "2026-09-06"), r.Promotion.Earliest)
}

func TestBreakProfileErrors(t *testing.T) {
	const p = "id: a\nlevel: L4\nlevel_since: 2024-01-08\njoined: 2020-01-06\nbreaks: [%s]"
	tests := map[string]struct{ breaks, want string }{
		"until before from": {"{from: 2025-03-03, until: 2025-01-01}", "breaks[0].until: before from: the break ends 2025-01-01, on or before it starts on 2025-03-03"},
		"until equals from": {"{from: 2025-03-03, until: 2025-03-03}", "breaks[0].until: before from"},
		"no from":           {"{until: 2025-01-01}", "breaks[0].from: missing: the first day away"},
		"no until":          {"{from: 2025-01-01}", "breaks[0].until: missing: the first day back"},
		"overlapping": {"{from: 2024-03-04, until: 2024-09-02}, {from: 2024-08-05, until: 2024-10-07}",
			"breaks[1].from: break starts 2024-08-05, before the break before it ends on 2024-09-02: breaks must not overlap and must be oldest first"},
		"out of order":   {"{from: 2024-08-05, until: 2024-10-07}, {from: 2024-03-04, until: 2024-05-06}", "breaks[1].from: break starts 2024-03-04, before the break before it ends"},
		"before joined":  {"{from: 2019-06-03, until: 2020-03-02}", "breaks[0].from: break starts 2019-06-03, before joined 2020-01-06: a break must fall inside the career"},
		"after the date": {"{from: 2027-01-04, until: 2027-03-01}", "breaks[0].from: break starts 2027-01-04, after the evaluation date 2026-11-20"},
		"unknown key":    {"{from: 2025-01-06, until: 2025-03-03, why: leave}", "breaks[0].why"},
		"not a date":     {"{from: soon, until: 2025-03-03}", "breaks[0].from"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			pr, err := ladder.ParsePerson([]byte(fmt.Sprintf(p, tt.breaks)))
			if err == nil {
				_, err = ladder.Evaluate(pr, ladder.At(date(t, "2026-11-20")))
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
	t.Run("before level_since is fine: time away at an earlier level", func(t *testing.T) {
		_, err := ladder.Evaluate(person(t, "id: a\nlevel: L4\nlevel_since: 2024-01-08\nbreaks: [{from: 2023-01-02, until: 2023-03-06}]"), ladder.At(date(t, "2026-11-20")))
		require.NoError(t, err)
	})
}

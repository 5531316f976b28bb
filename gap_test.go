package ladder_test

import (
	"math"
	"os"
	"testing"
	"time"

	"github.com/ladderkit/ladder"
	"github.com/ladderkit/ladder/internal/reporttest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func loadGaps(t testing.TB) *ladder.Ladder {
	t.Helper()
	l, err := ladder.Load(os.DirFS("testdata/ladders"), "gaps")
	require.NoError(t, err)
	return l
}

// gapsAsOf is the evaluation date of the gap tests.
var gapsAsOf = ladder.At(time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC))

// gapsPerson is at G1 since a month end, joined on a leap day, with every
// metric a little short.
func gapsPerson() ladder.Person {
	return ladder.Person{
		ID: "gus", Level: "G1",
		LevelSince: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC),
		Joined:     time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC),
		Metrics:    map[string]any{"cuts": 2, "incidents": 2, "hit_rate": 0.69, "across": false, "revenue": 10.5},
		Mentees:    []ladder.Mentee{{ID: "mo", Level: "G2", Since: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}},
		Nominations: []ladder.Nomination{
			{By: "ann", Date: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)},
			{By: "gus", Date: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)},
		},
	}
}

func checkOf(t testing.TB, checks []ladder.Check, id string) ladder.Check {
	t.Helper()
	for _, c := range checks {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("no check %q", id)
	return ladder.Check{}
}

var unknown = math.Inf(-1) // how reporttest.PlainGap writes an unknown Have

func TestGapsOfEveryShape(t *testing.T) {
	l := loadGaps(t)
	tests := []struct {
		id     string
		status ladder.Status
		gaps   []ladder.Gap // exported fields; an unknown Have as -Inf
		words  []string
	}{
		{"ge", ladder.Unmet, []ladder.Gap{{Input: "cuts", Op: ">=", Have: 2, Want: 3, Short: 1}}, []string{"needs 1 more cut (2 of 3)"}},
		{"gt", ladder.Unmet, []ladder.Gap{{Input: "cuts", Op: ">", Have: 2, Want: 2, Short: 1}}, []string{"needs 1 more cut (2, wanted more than 2)"}},
		{"le", ladder.Unmet, []ladder.Gap{{Input: "incidents", Op: "<=", Have: 2, Want: 1, Short: 1}}, []string{"needs 1 fewer incident (2, wanted at most 1)"}},
		{"lt", ladder.Unmet, []ladder.Gap{{Input: "incidents", Op: "<", Have: 2, Want: 2, Short: 1}}, []string{"needs 1 fewer incident (2, wanted less than 2)"}},
		{"eq", ladder.Unmet, []ladder.Gap{{Input: "incidents", Op: "==", Have: 2, Want: 0, Short: 2}}, []string{"incidents: 2, wanted 0"}},
		{"ne", ladder.Unmet, []ladder.Gap{{Input: "cuts", Op: "!=", Have: 2, Want: 2, Short: 1}}, []string{"cuts: 2, wanted anything but 2"}},
		{"pct", ladder.Unmet, []ladder.Gap{{Input: "hit_rate", Op: ">=", Have: 0.69, Want: 0.70, Short: 0.70 - 0.69}}, []string{"hit rate at 69% of 70%"}},
		{"left", ladder.Unmet, []ladder.Gap{{Input: "cuts", Op: ">=", Have: 2, Want: 3, Short: 1}}, []string{"needs 1 more cut (2 of 3)"}},
		{"left-gt", ladder.Unmet, []ladder.Gap{{Input: "incidents", Op: "<", Have: 2, Want: 1, Short: 2}}, []string{"needs 2 fewer incidents (2, wanted less than 1)"}},
		{"bool", ladder.Unmet, []ladder.Gap{{Input: "across", Op: "==", Have: 0, Want: 1, Short: 1}}, []string{"across: no, wanted yes"}},
		{"bool-eq", ladder.Unmet, []ladder.Gap{{Input: "across", Op: "==", Have: 0, Want: 1, Short: 1}}, []string{"across: no, wanted yes"}},
		{"bool-ne", ladder.Unmet, []ladder.Gap{{Input: "across", Op: "==", Have: 0, Want: 1, Short: 1}}, []string{"across: no, wanted yes"}},
		{"not-bool", ladder.Met, nil, nil},
		{"num", ladder.Unmet, []ladder.Gap{{Input: "revenue", Op: ">", Have: 10.5, Want: 10.5, Short: 0}}, []string{"revenue: 10.5, wanted more than 10.5"}},
		{"count", ladder.Unmet, []ladder.Gap{{Input: "mentees", Op: ">=", Have: 1, Want: 2, Short: 1}}, []string{"needs 1 more mentee with rank >= 2 (1 of 2)"}},
		{"len", ladder.Unmet, []ladder.Gap{{Input: "roles", Op: ">=", Have: 0, Want: 1, Short: 1}}, []string{"needs 1 more role (0 of 1)"}},
		{"and", ladder.Unmet, []ladder.Gap{{Input: "hit_rate", Op: ">=", Have: 0.69, Want: 0.70, Short: 0.70 - 0.69}}, []string{"hit rate at 69% of 70%"}},
		{"and-two", ladder.Unmet, []ladder.Gap{{Input: "cuts", Op: ">=", Have: 2, Want: 5, Short: 3}, {Input: "incidents", Op: "==", Have: 2, Want: 0, Short: 2}},
			[]string{"needs 3 more cuts (2 of 5)", "incidents: 2, wanted 0"}},
		{"let", ladder.Unmet, []ladder.Gap{{Input: "points", Op: ">=", Have: 4, Want: 8, Short: 4}}, []string{"needs 4 more points (4 of 8)"}},
		{"or", ladder.Unmet, nil, nil},
		{"arith", ladder.Unmet, nil, nil},
	}
	r, err := l.Evaluate(gapsPerson(), gapsAsOf)
	require.NoError(t, err)
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			c := checkOf(t, r.Standards, tt.id)
			require.Equal(t, tt.status, c.Status)
			if tt.gaps == nil {
				assert.Nil(t, c.Gaps)
				return
			}
			require.Len(t, c.Gaps, len(tt.gaps))
			for i, g := range c.Gaps {
				want := tt.gaps[i]
				got := reporttest.PlainGap(g)
				assert.InDelta(t, want.Short, got.Short, 1e-9)
				assert.InDelta(t, want.Have, got.Have, 1e-9)
				want.Short, got.Short, want.Have, got.Have = 0, 0, 0, 0
				assert.Equal(t, want, got)
				assert.Equal(t, tt.words[i], g.String())
			}
		})
	}
}

func TestGapsOfUnknownInputs(t *testing.T) {
	l := loadGaps(t)
	p := gapsPerson()
	delete(p.Metrics, "hit_rate")
	p.Metrics["cuts"] = 0
	delete(p.Metrics, "across")
	r, err := l.Evaluate(p, gapsAsOf)
	require.NoError(t, err)

	pct := checkOf(t, r.Standards, "pct")
	require.Equal(t, ladder.Unknown, pct.Status)
	require.Len(t, pct.Gaps, 1)
	assert.Equal(t, ladder.Gap{Input: "hit_rate", Op: ">=", Have: unknown, Want: 0.7}, reporttest.PlainGap(pct.Gaps[0]))
	assert.False(t, pct.Gaps[0].Known())
	assert.Equal(t, "hit rate not given (wanted: 70% or more)", pct.Gaps[0].String())

	// A conjunction that is unknown lists its unknown part and its unmet
	// part, and not its met ones.
	and := checkOf(t, r.Standards, "and")
	require.Equal(t, ladder.Unknown, and.Status)
	require.Len(t, and.Gaps, 2)
	assert.Equal(t, ladder.Gap{Input: "cuts", Op: ">=", Have: 0, Want: 1, Short: 1}, reporttest.PlainGap(and.Gaps[0]))
	assert.Equal(t, ladder.Gap{Input: "hit_rate", Op: ">=", Have: unknown, Want: 0.7}, reporttest.PlainGap(and.Gaps[1]))

	b := checkOf(t, r.Standards, "bool")
	require.Len(t, b.Gaps, 1)
	assert.Equal(t, "across not given (wanted: yes)", b.Gaps[0].String())

	// JSON has numbers, and null for what is unknown.
	js, err := r.JSON()
	require.NoError(t, err)
	assert.Contains(t, string(js), `"gaps": [
        {
          "input": "hit_rate",
          "op": ">=",
          "have": null,
          "want": 0.7,
          "short": 0
        }
      ]`)
}

func TestGapsOfTenureAndNomination(t *testing.T) {
	l := loadGaps(t)
	r, err := l.Evaluate(gapsPerson(), gapsAsOf)
	require.NoError(t, err)
	checks := r.Promotion.Checks

	// 2025-12-31 + 13 months is 2027-01-31; 10 whole months have passed.
	tenure := checkOf(t, checks, "tenure")
	require.Len(t, tenure.Gaps, 1)
	assert.Equal(t, ladder.Gap{Input: "months_at_level", Op: ">=", Have: 10, Want: 13, Short: 3,
		Clears: time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC)}, reporttest.PlainGap(tenure.Gaps[0]))
	assert.Equal(t, "clears on 2027-01-31 (3 more months at G1)", tenure.Gaps[0].String())

	// 2024-02-29 + 36 months is 2027-02-28, clamped to the month's end.
	track := checkOf(t, checks, "track_tenure")
	require.Len(t, track.Gaps, 1)
	assert.Equal(t, ladder.Gap{Input: "months_in_track", Op: ">=", Have: 32, Want: 36, Short: 4,
		Clears: time.Date(2027, 2, 28, 0, 0, 0, 0, time.UTC)}, reporttest.PlainGap(track.Gaps[0]))
	assert.Equal(t, "clears on 2027-02-28 (4 more months in the track)", track.Gaps[0].String())

	// The self-nomination does not count: 1 of 2.
	nom := checkOf(t, checks, "nomination")
	require.Len(t, nom.Gaps, 1)
	assert.Equal(t, ladder.Gap{Input: "nominations", Op: ">=", Have: 1, Want: 2, Short: 1}, reporttest.PlainGap(nom.Gaps[0]))
	assert.Equal(t, "needs 1 more nomination (1 of 2)", nom.Gaps[0].String())

	// Without level_since, tenure is unknown and its gap has no date.
	p := gapsPerson()
	p.LevelSince = time.Time{}
	r, err = l.Evaluate(p, gapsAsOf)
	require.NoError(t, err)
	tenure = checkOf(t, r.Promotion.Checks, "tenure")
	require.Len(t, tenure.Gaps, 1)
	assert.Equal(t, ladder.Gap{Input: "months_at_level", Op: ">=", Have: unknown, Want: 13}, reporttest.PlainGap(tenure.Gaps[0]))
	assert.Equal(t, "months at level not given (wanted: 13 or more)", tenure.Gaps[0].String())

	// Met and waived checks have no gaps.
	p = gapsPerson()
	p.LevelSince = time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC)
	p.Waivers = []ladder.Waiver{{Check: "track_tenure", By: "ann", Date: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)}}
	r, err = l.Evaluate(p, gapsAsOf)
	require.NoError(t, err)
	assert.Equal(t, ladder.Met, checkOf(t, r.Promotion.Checks, "tenure").Status)
	assert.Nil(t, checkOf(t, r.Promotion.Checks, "tenure").Gaps)
	assert.Equal(t, ladder.Waived, checkOf(t, r.Promotion.Checks, "track_tenure").Status)
	assert.Nil(t, checkOf(t, r.Promotion.Checks, "track_tenure").Gaps)
}

func TestPath(t *testing.T) {
	l := loadGaps(t)
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, time.UTC) }

	// G1 → G2: tenure clears 2027-01-31, track tenure (36 months from
	// 2024-02-29) 2027-02-28: track tenure binds. G2 → G3: 6 months from
	// 2027-02-28 is 2027-08-28, but 60 months in the track only
	// 2029-02-28: track tenure binds again. G3 → G4 is unpublished.
	steps, err := l.Path(gapsPerson(), gapsAsOf)
	require.NoError(t, err)
	assert.Equal(t, []ladder.Step{
		{From: "G1", To: "G2", Published: true, Earliest: d(2027, 2, 28), Needs: []string{"nomination", "standards"}},
		{From: "G2", To: "G3", Published: true, Earliest: d(2029, 2, 28), Needs: []string{"demo", "standards"}},
		{From: "G3", To: "G4"},
	}, steps)
	assert.Equal(t, "G2 from 2027-02-28 at the earliest; G3 from 2029-02-28; G4: criteria unpublished", ladder.PathText(steps))

	// Tenure long cleared: the first step is the evaluation date, never
	// earlier, and the next counts its months from there.
	p := gapsPerson()
	p.LevelSince, p.Joined = d(2019, 5, 31), d(2015, 1, 1)
	steps, err = l.Path(p, gapsAsOf)
	require.NoError(t, err)
	require.Len(t, steps, 3)
	assert.Equal(t, d(2026, 11, 20), steps[0].Earliest)
	assert.Equal(t, d(2027, 5, 20), steps[1].Earliest)

	// Without joined, track tenure is unknown: no dates, and the first
	// step needs it.
	p = gapsPerson()
	p.Joined = time.Time{}
	steps, err = l.Path(p, gapsAsOf)
	require.NoError(t, err)
	assert.True(t, steps[0].Earliest.IsZero())
	assert.True(t, steps[1].Earliest.IsZero())
	assert.Equal(t, []string{"track_tenure", "nomination", "standards"}, steps[0].Needs)

	// At the top level the path is empty; an invalid profile is an error.
	p = gapsPerson()
	p.Level = "G4"
	steps, err = l.Path(p, gapsAsOf)
	require.NoError(t, err)
	assert.Empty(t, steps)
	assert.Equal(t, "at the top level", ladder.PathText(steps))
	p.Level = "G9"
	_, err = l.Path(p, gapsAsOf)
	assert.ErrorIs(t, err, ladder.ErrUnknownLevel)
}

func TestStandings(t *testing.T) {
	l := loadGaps(t)
	p := ladder.Person{ID: "new", Level: "G1", Metrics: map[string]any{"cuts": 6}}
	got, err := l.Standings(p, gapsAsOf)
	require.NoError(t, err)
	// G1: cuts alone meets ge, gt, ne, left and let; count and len are
	// unmet (no mentees, no roles); the 14 others read a missing input.
	assert.Equal(t, []ladder.Standing{
		{Level: "G1", Met: 5, Unmet: 2, Unknown: 14},
		{Level: "G2", Met: 1},
		{Level: "G3", Unknown: 1},
		{Level: "G4", Unmet: 1},
	}, got)
	level, ok := ladder.Supported(got)
	assert.True(t, ok)
	assert.Equal(t, ladder.LevelID("G2"), level)

	p.Metrics["hit_rate"] = 0.5
	got, err = l.Standings(p, gapsAsOf)
	require.NoError(t, err)
	level, _ = ladder.Supported(got)
	assert.Equal(t, ladder.LevelID("G3"), level, "meets the G3 standard while at G1")

	_, ok = ladder.Supported([]ladder.Standing{{Level: "G1"}, {Level: "G2", Met: 1, Unknown: 1}})
	assert.False(t, ok, "a level with no standards, or one unknown, is not met")
}

// TestExampleProfilesHaveGaps checks every example profile on the Worca
// track: every rule of the track has a threshold form, so each unmet or
// unknown check says what it needs, and a met or waived check has no gaps.
func TestExampleProfilesHaveGaps(t *testing.T) {
	for _, name := range exampleProfiles(t) {
		t.Run(name, func(t *testing.T) {
			r := evalExample(t, nil, "examples/profiles/"+name+".yaml")
			checks := r.Standards
			if r.Promotion != nil {
				checks = append(checks, r.Promotion.Checks...)
			}
			for _, c := range checks {
				switch {
				case c.Status == ladder.Met || c.Status == ladder.Waived:
					assert.Nil(t, c.Gaps, c.ID)
				case c.Kind == ladder.KindAssessment || c.Kind == ladder.KindStandards:
					assert.Nil(t, c.Gaps, c.ID)
				default:
					assert.NotEmpty(t, c.Gaps, "%s is %s", c.ID, c.Status)
					for _, g := range c.Gaps {
						assert.NotEmpty(t, g.String())
						if g.Known() {
							assert.Positive(t, g.Short, "%s: %s", c.ID, g)
						}
					}
				}
			}
		})
	}
}

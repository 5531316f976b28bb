package ladder_test

import (
	"testing"
	"testing/fstest"

	"github.com/ladderkit/ladder"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The report names the curriculum phase from months at the level: month
// n is months_at_level + 1.
func TestCurriculumPlace(t *testing.T) {
	tests := []struct {
		name, profile string
		l             *ladder.Ladder
		want          *ladder.CurriculumPlace
		text          string
	}{
		{name: "L7 first day", profile: "id: a\nlevel: L7\nlevel_since: 2026-11-20",
			want: &ladder.CurriculumPlace{Month: 1, Phase: "Product Strategy", Months: "1-12", Last: 36},
			text: "Curriculum: month 1 of L7: Product Strategy (months 1-12 of 36)"},
		{name: "L7 month 14", profile: "id: a\nlevel: L7\nlevel_since: 2025-10-01",
			want: &ladder.CurriculumPlace{Month: 14, Phase: "Execution at Scale", Months: "13-24", Last: 36},
			text: "Curriculum: month 14 of L7: Execution at Scale (months 13-24 of 36)"},
		{name: "L7 month 36", profile: "id: a\nlevel: L7\nlevel_since: 2023-12-01",
			want: &ladder.CurriculumPlace{Month: 36, Phase: "Strategic Authority", Months: "25-36", Last: 36}},
		{name: "L7 complete", profile: "id: a\nlevel: L7\nlevel_since: 2023-11-20",
			want: &ladder.CurriculumPlace{Month: 37, Last: 36, Complete: true},
			text: "Curriculum: all 36 months of the L7 curriculum complete (now in month 37 at L7)"},
		// 13 calendar months, 2 of them away: month 12, still Product Strategy.
		{name: "L7 with a break", profile: "id: a\nlevel: L7\nlevel_since: 2025-10-20\nbreaks: [{from: 2026-01-05, until: 2026-03-05}]",
			want: &ladder.CurriculumPlace{Month: 12, Phase: "Product Strategy", Months: "1-12", Last: 36}},
		{name: "L4 month 7", profile: "id: a\nlevel: L4\nlevel_since: 2026-05-01",
			want: &ladder.CurriculumPlace{Month: 7, Phase: "Technical Leadership", Months: "7-12", Last: 18}},
		{name: "no level_since", profile: "id: a\nlevel: L7"},
		{name: "L1 publishes no curriculum", profile: "id: a\nlevel: L1\nlevel_since: 2026-01-05"},
		{name: "between phases", l: mentoringLadder(t), profile: "id: a\nlevel: M1\nlevel_since: 2026-07-20",
			want: &ladder.CurriculumPlace{Month: 5, Phase: "Practice", Months: "5-6", Last: 6}},
		{name: "in a gap", l: mentoringLadder(t), profile: "id: a\nlevel: M1\nlevel_since: 2026-08-20",
			want: &ladder.CurriculumPlace{Month: 4, Last: 6}, text: "Curriculum: month 4 of M1: between phases"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := tt.l
			if l == nil {
				l = ladder.Default()
			}
			r, err := l.Evaluate(person(t, tt.profile), ladder.At(date(t, "2026-11-20")))
			require.NoError(t, err)
			assert.Equal(t, tt.want, r.Curriculum)
			if tt.want == nil {
				assert.NotContains(t, r.Text(), "Curriculum")
				assert.NotContains(t, r.Markdown(), "Curriculum")
			}
			if tt.text != "" {
				assert.Contains(t, r.Text(), "\n"+tt.text+"\n")
			}
		})
	}
}

func TestCurriculumRendered(t *testing.T) {
	r, err := ladder.Evaluate(person(t, "id: a\nlevel: L7\nlevel_since: 2025-10-01"), ladder.At(date(t, "2026-11-20")))
	require.NoError(t, err)
	assert.Contains(t, r.Markdown(), "\n### Curriculum\n\nMonth 14 of L7: Execution at Scale (months 13-24 of 36).\n")
	js, err := r.JSON()
	require.NoError(t, err)
	assert.Contains(t, string(js), `"curriculum": {
    "month": 14,
    "phase": "Execution at Scale",
    "months": "13-24",
    "last": 36,
    "complete": false
  },`)
}

func TestCurriculumLoadErrors(t *testing.T) {
	base := "id: x\nname: X\nlevels:\n  - id: A\n    rank: 1\n    curriculum: "
	tests := map[string]struct{ curriculum, want string }{
		"not a range":  {"[{months: soon, title: T}]", `curriculum[0].months: want a month range such as 1-12, got "soon"`},
		"backwards":    {"[{months: 6-1, title: T}]", `want a month range such as 1-12, got "6-1"`},
		"month zero":   {"[{months: 0-3, title: T}]", `got "0-3"`},
		"overlapping":  {"[{months: 1-6, title: T}, {months: 6-12, title: U}]", "curriculum[1].months: phase months 6-12 overlap or precede the phase before, which ends in month 6"},
		"out of order": {"[{months: 7-12, title: T}, {months: 1-6, title: U}]", "curriculum[1].months: phase months 1-6 overlap or precede"},
		"missing":      {"[{title: T}]", `missing required key "months"`},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := ladder.Load(fstest.MapFS{"x/ladder.yaml": {Data: []byte(base + tt.curriculum + "\n")}}, "x")
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
	t.Run("one-month phase and an en dash", func(t *testing.T) {
		_, err := ladder.Load(fstest.MapFS{"x/ladder.yaml": {Data: []byte(base + "[{months: 1, title: T}, {months: 2–4, title: U}]\n")}}, "x")
		require.NoError(t, err)
	})
}

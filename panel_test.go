package ladder_test

import (
	"fmt"
	"testing"
	"testing/fstest"

	"github.com/ladderkit/ladder"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A passed assessment whose recorded panel includes someone not allowed to
// sit on it is unmet, naming the panelist and the rule. A panelist whose
// level or roles publish no panel duty is noted and does not count against
// the result (issue 23, case 1; roles: case 8).
func TestPanel(t *testing.T) {
	const l4 = "id: a\nlevel: L4\nassessments: {mentee-outcome: {result: %s, date: 2026-10-01, panel: [%s]}}"
	const l7 = "id: a\nlevel: L7\nassessments: {mentee-outcomes: {result: passed, date: 2026-10-01, panel: [%s]}}"
	tests := []struct {
		name, profile, check string
		want                 ladder.Status
		detail               string
	}{
		{"L4: an L7 may sit", fmt.Sprintf(l4, "passed", "{by: p, level: L7}"), "mentee-outcome", ladder.Met, "passed on 2026-10-01"},
		{"L4: an L5 may sit (our reading: L1–L4)", fmt.Sprintf(l4, "passed", "{by: p, level: L5}"), "mentee-outcome", ladder.Met, "passed on 2026-10-01"},
		{"L4: an L6's panel duty is not published", fmt.Sprintf(l4, "passed", "{by: p, level: L7}, {by: q, level: L6}"), "mentee-outcome", ladder.Met,
			"passed on 2026-10-01; q (L6) on the panel: L6's panel duty is not published, so it does not count against the result"},
		{"L4: an L8's panel duty is not published", fmt.Sprintf(l4, "passed", "{by: p, level: L8}"), "mentee-outcome", ladder.Met,
			"p (L8) on the panel: L8's panel duty is not published, so it does not count against the result"},
		{"L4: an L10's panel duty is not published", fmt.Sprintf(l4, "passed", "{by: p, level: L10}"), "mentee-outcome", ladder.Met,
			"p (L10) on the panel: L10's panel duty is not published"},
		// Evaluation panel service unlocks at L5 (seed 003): an L4 does
		// not sit on panels, nor do the levels below.
		{"L4: an L4 may not", fmt.Sprintf(l4, "passed", "{by: p, level: L4}"), "mentee-outcome", ladder.Unmet,
			"p (L4) may not sit on the panel: L4 sits on no qualification panels"},
		{"L4: an L3 may not", fmt.Sprintf(l4, "passed", "{by: p, level: L3}"), "mentee-outcome", ladder.Unmet,
			"p (L3) may not sit on the panel: L3 sits on no qualification panels"},
		{"L4: a founder, by roles alone", fmt.Sprintf(l4, "passed", "{by: f, roles: [founder]}"), "mentee-outcome", ladder.Met,
			"passed on 2026-10-01; f (founder) on the panel: the panel duty of a founder is not published, so it does not count against the result"},
		{"L4: Worca leadership at L7", fmt.Sprintf(l4, "passed", "{by: w, level: L7, roles: [worca-leadership]}"), "mentee-outcome", ladder.Met, "passed on 2026-10-01"},
		{"L4: an L4 who is also Worca leadership", fmt.Sprintf(l4, "passed", "{by: w, level: L4, roles: [worca-leadership]}"), "mentee-outcome", ladder.Met,
			"w (L4, worca-leadership) on the panel: L4 sits on no qualification panels, but the panel duty of a worca-leadership is not published"},
		{"L4: nobody judges their own", fmt.Sprintf(l4, "passed", "{by: a, level: L7}"), "mentee-outcome", ladder.Unmet,
			"a may not sit on the panel: no one judges their own assessment"},
		{"L4: a refusal stands beside a note", fmt.Sprintf(l4, "passed", "{by: p, level: L8}, {by: q, level: L2}"), "mentee-outcome", ladder.Unmet,
			"p (L8) on the panel: L8's panel duty is not published, so it does not count against the result; q (L2) may not sit on the panel: L2 sits on no qualification panels"},
		{"L4: failed stays failed", fmt.Sprintf(l4, "failed", "{by: p, level: L7}"), "mentee-outcome", ladder.Unmet, "failed on 2026-10-01"},
		{"L4: no panel recorded", "id: a\nlevel: L4\nassessments: {mentee-outcome: {result: passed}}", "mentee-outcome", ladder.Met, "passed"},
		// No Worca level is published to sit on panels for promotions from
		// L7, so the pages do not say who may: any panel stands, but no
		// one judges their own assessment at any step.
		{"L7: no rule covers the step", fmt.Sprintf(l7, "{by: p, level: L3}"), "mentee-outcomes", ladder.Met, "passed on 2026-10-01"},
		{"L7: nobody judges their own", fmt.Sprintf(l7, "{by: p, level: L9}, {by: a, level: L7}"), "mentee-outcomes", ladder.Unmet,
			"passed on 2026-10-01; a may not sit on the panel: no one judges their own assessment"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ladder.Evaluate(person(t, tt.profile), ladder.At(date(t, "2026-11-20")))
			require.NoError(t, err)
			c := check(t, r, tt.check)
			assert.Equal(t, tt.want, c.Status)
			assert.Contains(t, c.Detail, tt.detail)
		})
	}
}

func TestPanelTestLadder(t *testing.T) {
	l := mentoringLadder(t)
	tests := []struct {
		name, profile, check string
		want                 ladder.Status
		detail               string
	}{
		{"M2 on an M1 panel", "id: a\nlevel: M1\nassessments: {review: {result: passed, panel: [{by: p, level: M2}]}}", "review", ladder.Met, "passed"},
		{"M3 on an M2 panel", "id: a\nlevel: M2\nassessments: {demo: {result: passed, panel: [{by: p, level: M3}]}}", "demo", ladder.Met, "passed"},
		{"M2 on an M2 panel", "id: a\nlevel: M2\nassessments: {demo: {result: passed, panel: [{by: p, level: M3}, {by: q, level: M2}]}}", "demo", ladder.Unmet,
			"passed; q (M2) may not sit on the panel: M2 sits on panels for promotions from M1 only"},
		{"M4 on an M1 panel", "id: a\nlevel: M1\nassessments: {review: {result: passed, panel: [{by: p, level: M4}]}}", "review", ladder.Unmet,
			"p (M4) may not sit on the panel: M4 sits on no qualification panels"},
		{"nobody sits on M3 panels", "id: a\nlevel: M3\nassessments: {talk: {result: passed, panel: [{by: p, level: M1}]}}", "talk", ladder.Met, "passed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := l.Evaluate(person(t, tt.profile), ladder.At(date(t, "2026-11-20")))
			require.NoError(t, err)
			c := check(t, r, tt.check)
			assert.Equal(t, tt.want, c.Status)
			assert.Contains(t, c.Detail, tt.detail)
			if tt.want == ladder.Unmet {
				assert.Equal(t, ladder.NotEligible, r.Promotion.Verdict)
			}
		})
	}
}

func TestPanelProfileErrors(t *testing.T) {
	tests := map[string]struct{ panel, want string }{
		"no by":         {"[{level: L7}]", "assessments.mentee-outcome.panel[0].by: missing: who sat on the panel"},
		"no level":      {"[{by: p}]", "assessments.mentee-outcome.panel[0].level: missing: the panelist's level, or roles for someone who holds none (a founder)"},
		"unknown role":  {"[{by: p, roles: [ceo]}]", `assessments.mentee-outcome.panel[0].roles[0]: unknown role "ceo"`},
		"unknown level": {"[{by: p, level: L7}, {by: q, level: L77}]", `assessments.mentee-outcome.panel[1].level: unknown level "L77"`},
		"unknown key":   {"[{by: p, level: L7, vote: yes}]", "assessments.mentee-outcome.panel[0].vote"},
		"not a list":    {"{by: p}", "assessments.mentee-outcome.panel: want a list"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			p, err := ladder.ParsePerson([]byte("id: a\nlevel: L4\nassessments: {mentee-outcome: {result: passed, panel: " + tt.panel + "}}"))
			if err == nil {
				_, err = ladder.Evaluate(p, ladder.At(date(t, "2026-11-20")))
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestPanelLoadErrors(t *testing.T) {
	base := "id: x\nname: X\nlevels:\n  - {id: A, rank: 1, promotion: {to: B}}\n  - id: B\n    rank: 2\n    panel: "
	tests := map[string]struct{ panel, want string }{
		"no levels":     {"{}", `missing required key "levels"`},
		"no max":        {"{levels: {min: A}}", `missing required key "max"`},
		"unknown level": {"{levels: {min: A, max: Z}}", `unknown level "Z"`},
		"backwards":     {"{levels: {min: B, max: A}}", "panel level range runs backwards: B ranks above A"},
		"unknown key":   {"{ranks: {min: A, max: A}}", "ranks"},
		"unpublished, with levels": {"{published: false, levels: {min: A, max: A}}",
			"panel.levels: a panel duty that is not published (published: false) has no levels"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := ladder.Load(fstest.MapFS{"x/ladder.yaml": {Data: []byte(base + tt.panel + "\n")}}, "x")
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

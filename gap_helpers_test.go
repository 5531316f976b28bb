package ladder_test

import (
	"math"
	"slices"

	"github.com/ladderkit/ladder"
)

// comparableReport returns a copy of r that assert.Equal can compare: the
// gaps keep their exported fields only, with an unknown Have (NaN, which
// equals nothing) as -Inf, and their words go into the check's Detail.
func comparableReport(r *ladder.Report) *ladder.Report {
	if r == nil {
		return nil
	}
	c := *r
	c.Standards = comparableChecks(r.Standards)
	if r.Promotion != nil {
		p := *r.Promotion
		p.Checks = comparableChecks(p.Checks)
		c.Promotion = &p
	}
	return &c
}

func comparableChecks(checks []ladder.Check) []ladder.Check {
	out := slices.Clone(checks)
	for i := range out {
		if out[i].Gaps == nil {
			continue
		}
		gaps := make([]ladder.Gap, len(out[i].Gaps))
		for j, g := range out[i].Gaps {
			gaps[j] = plainGap(g)
		}
		out[i].Gaps = gaps
	}
	return out
}

// plainGap is g with its exported fields only and an unknown Have as -Inf.
func plainGap(g ladder.Gap) ladder.Gap {
	have := g.Have
	if math.IsNaN(have) {
		have = math.Inf(-1)
	}
	return ladder.Gap{Input: g.Input, Op: g.Op, Have: have, Want: g.Want, Short: g.Short, Clears: g.Clears}
}

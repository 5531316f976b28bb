// Package reporttest helps tests compare reports.
package reporttest

import (
	"math"
	"slices"

	"github.com/ladderkit/ladder"
)

// Comparable returns a copy of r that assert.Equal can compare: the gaps
// keep their exported fields only (their words are left out), with an
// unknown Have (NaN, which equals nothing) as -Inf.
func Comparable(r *ladder.Report) *ladder.Report {
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
			gaps[j] = PlainGap(g)
		}
		out[i].Gaps = gaps
	}
	return out
}

// PlainGap is g with its exported fields only and an unknown Have as -Inf.
func PlainGap(g ladder.Gap) ladder.Gap {
	have := g.Have
	if math.IsNaN(have) {
		have = math.Inf(-1)
	}
	return ladder.Gap{Input: g.Input, Op: g.Op, Have: have, Want: g.Want, Short: g.Short, Clears: g.Clears}
}

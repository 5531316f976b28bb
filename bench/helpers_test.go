package bench_test

import (
	"math"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/ladderkit/ladder"
	"github.com/stretchr/testify/require"
)

// benchL7 is the profile BenchmarkEvaluate/L7 evaluates.
var benchL7 = func() string {
	data, err := os.ReadFile("../testdata/bench/l7.yaml")
	if err != nil {
		panic(err)
	}
	return string(data)
}()

// benchAsOf is the evaluation date of BenchmarkEvaluate.
var benchAsOf = time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)

func mustParse(tb testing.TB, profile string) ladder.Person {
	tb.Helper()
	p, err := ladder.ParsePerson([]byte(profile))
	require.NoError(tb, err)
	return p
}

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

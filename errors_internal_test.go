package ladder

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Problems are listed folder by folder, ladder.yaml first, then level files
// in natural order.
func TestCompareFiles(t *testing.T) {
	files := []string{"a/L10.yaml", "a/L2.yaml", "a/L02.yaml", "a/ladder.yaml", "", "a/L1.yaml", "b/ladder.yaml", "a/L02b.yaml", "a/L2.yaml", "a/L2a.yaml", "a/M1.yaml"}
	slices.SortStableFunc(files, compareFiles)
	assert.Equal(t, []string{"", "a/ladder.yaml", "a/L1.yaml", "a/L02.yaml", "a/L2.yaml", "a/L2.yaml", "a/L2a.yaml", "a/L02b.yaml", "a/L10.yaml", "a/M1.yaml", "b/ladder.yaml"}, files)
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"L9", "L10", -1}, {"L10", "L9", 1}, {"L01", "L1", 0}, {"x", "x1", -1}, {"1x", "1y", -1}, {"", "", 0},
		{"99999999999999999999999", "100000000000000000000000", -1}, // beyond 64 bits
	} {
		assert.Equal(t, c.want, compareNatural(c.a, c.b), "%q %q", c.a, c.b)
	}
}

// ProfileErrors come in document order; those without a position keep
// their order after the others.
func TestProfileErrorsSortByPosition(t *testing.T) {
	es := ProfileErrors{
		{Path: "level_since", Line: 7, Column: 14},
		{Message: "and 3 more problems"},
		{Path: "metrics.zzz", Line: 4, Column: 3},
		{Path: "history", Message: "first"},
		{Path: "metrics.c", Line: 5, Column: 21},
		{Path: "metrics.b", Line: 5, Column: 3},
	}
	es.sortByPosition()
	var got []string
	for _, e := range es {
		got = append(got, e.Path)
	}
	assert.Equal(t, []string{"metrics.zzz", "metrics.b", "metrics.c", "level_since", "", "history"}, got)
}

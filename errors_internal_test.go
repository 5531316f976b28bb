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

package ladder_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladderkit/ladder"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPointsLadder loads the Snowflake-style points ladder in
// examples/ladders/points and checks that Standings places every example
// profile in the band its points fall in, the points summed here in Go
// from the Snowflake table rather than by the ladder's rules. The reports
// are golden files in testdata/golden/points.
func TestPointsLadder(t *testing.T) {
	const dir = "examples/ladders/points"
	l, err := ladder.Load(os.DirFS(dir), ".")
	require.NoError(t, err)
	milestonePoints := []int{0, 1, 3, 6, 12, 20}
	bands := []struct {
		level ladder.LevelID
		min   int
	}{{"P1", 0}, {"P2", 10}, {"P3", 25}, {"P4", 45}, {"P5", 70}}

	files, err := filepath.Glob(filepath.Join(dir, "profiles", "*.yaml"))
	require.NoError(t, err)
	require.Len(t, files, 5)
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".yaml")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			require.NoError(t, err)
			p, err := ladder.ParsePerson(data)
			require.NoError(t, err)

			points := 0
			for _, m := range l.Metrics() {
				var milestone int
				switch v := p.Metrics[m.ID].(type) {
				case int:
					milestone = v
				case int64:
					milestone = int(v)
				default:
					t.Fatalf("%s: %v is not a milestone", m.ID, v)
				}
				points += milestonePoints[milestone]
			}
			var band ladder.LevelID
			for _, b := range bands {
				if points >= b.min {
					band = b.level
				}
			}

			standings, err := l.Standings(p, ladder.At(date(t, examplesDate)))
			require.NoError(t, err)
			require.Len(t, standings, len(bands))
			for i, s := range standings {
				assert.Equal(t, bands[i].level, s.Level)
				assert.Equal(t, points >= bands[i].min, s.Meets(), "%s with %d points", s.Level, points)
			}
			got, ok := ladder.Supported(standings)
			require.True(t, ok)
			assert.Equal(t, band, got, "%d points", points)

			r := evalExample(t, l, f)
			if r.Promotion != nil {
				next := checkOf(t, r.Promotion.Checks, "next-band")
				if next.Status == ladder.Unmet {
					require.Len(t, next.Gaps, 1)
					assert.Equal(t, "points", next.Gaps[0].Input)
					assert.Equal(t, float64(points), next.Gaps[0].Have)
				}
			}
			assertGoldenFile(t, filepath.Join("testdata/golden/points", name+".txt"), []byte(r.Text()))
		})
	}
}

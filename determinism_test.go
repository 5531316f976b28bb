package ladder_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ladderkit/ladder"
	"github.com/stretchr/testify/require"
)

// The same ladder, profile and date give byte-identical text, Markdown and
// JSON every time, whatever order Go iterates maps in (it changes from one
// range statement to the next).
func TestRenderingIsDeterministic(t *testing.T) {
	files, err := filepath.Glob("examples/profiles/*.yaml")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	at := ladder.At(time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC))
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			require.NoError(t, err)
			render := func() (string, string, string) {
				p, err := ladder.ParsePerson(data)
				require.NoError(t, err)
				r, err := ladder.Evaluate(p, at)
				require.NoError(t, err)
				j, err := r.JSON()
				require.NoError(t, err)
				return r.Text(), r.Markdown(), string(j)
			}
			text, md, js := render()
			for range 25 {
				t2, md2, js2 := render()
				require.Equal(t, text, t2)
				require.Equal(t, md, md2)
				require.Equal(t, js, js2)
			}
		})
	}
}

// Problems found while ranging over a profile's maps (metrics,
// assessments) are reported in the same order every time.
func TestProfileErrorsAreDeterministic(t *testing.T) {
	p, err := ladder.ParsePerson([]byte(`
id: x
level: L7
metrics: {zeta: 1, alpha: 2, feature_hit_rate: 74, products_owned: "many", mu: true}
assessments: {nope: {result: passed}, also-nope: {result: maybe}, roadmap-defense: {result: won}}
`))
	require.NoError(t, err)
	_, first := ladder.Evaluate(p)
	require.Error(t, first)
	for range 50 {
		_, again := ladder.Evaluate(p)
		require.Equal(t, first.Error(), again.Error())
	}
}

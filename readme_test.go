package ladder_test

import (
	"os"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The command output shown in README.md is copied from golden files that
// tests keep true; this test keeps the copies true to the goldens. With
// -update it copies the goldens in.
func TestReadmeOutputMatchesGoldens(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	block := regexp.MustCompile("(?s)(<!-- golden: (\\S+) -->\n```text\n)(.*?)```\n")
	blocks := block.FindAllSubmatch(readme, -1)
	require.NotEmpty(t, blocks, "README.md shows no golden output")
	if *update {
		readme = block.ReplaceAllFunc(readme, func(b []byte) []byte {
			m := block.FindSubmatch(b)
			golden, err := os.ReadFile(string(m[2]))
			require.NoError(t, err)
			return append(append(append([]byte{}, m[1]...), golden...), "```\n"...)
		})
		require.NoError(t, os.WriteFile("README.md", readme, 0o644))
		return
	}
	for _, b := range blocks {
		golden, err := os.ReadFile(string(b[2]))
		require.NoError(t, err)
		assert.Equal(t, string(golden), string(b[3]), "README block from %s is stale: run go test -run Readme -update", b[2])
	}
}

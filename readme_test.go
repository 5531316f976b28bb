package ladder_test

import (
	"os"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The command output shown in README.md is copied from golden files that
// tests keep true; this test keeps the copies true to the goldens.
func TestReadmeOutputMatchesGoldens(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	blocks := regexp.MustCompile("(?s)<!-- golden: (\\S+) -->\n```text\n(.*?)```\n").FindAllSubmatch(readme, -1)
	require.NotEmpty(t, blocks, "README.md shows no golden output")
	for _, b := range blocks {
		golden, err := os.ReadFile(string(b[1]))
		require.NoError(t, err)
		assert.Equal(t, string(golden), string(b[2]), "README block from %s is stale: copy the golden file in again", b[1])
	}
}

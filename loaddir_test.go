package ladder_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/ladderkit/ladder"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLoadDir(t *testing.T) {
	abs, err := filepath.Abs("testdata/ladders/small")
	require.NoError(t, err)
	want, err := ladder.Load(os.DirFS("testdata/ladders"), "small")
	require.NoError(t, err)
	for _, dir := range []string{"testdata/ladders/small", "./testdata/ladders/small/", abs, "testdata/bad-ladders/../ladders/small"} {
		t.Run(dir, func(t *testing.T) {
			l, err := ladder.LoadDir(dir)
			require.NoError(t, err)
			assert.Equal(t, want.Info(), l.Info())
			assert.Equal(t, len(want.Levels()), len(l.Levels()))
		})
	}
	t.Run("an overlay reaches its base outside the directory", func(t *testing.T) {
		l, err := ladder.LoadDir("examples/ladders/acme-worca")
		require.NoError(t, err)
		assert.NotEmpty(t, l.Levels())
	})
	t.Run("problems name files as the directory was given", func(t *testing.T) {
		for _, dir := range []string{"testdata/bad-ladders/duplicate-level-id", filepath.Join(abs, "../../bad-ladders/duplicate-level-id")} {
			_, err := ladder.LoadDir(dir)
			var des ladder.DefinitionErrors
			require.True(t, errors.As(err, &des), "%v", err)
			assert.Equal(t, filepath.Join(dir, "L2.yaml"), des[0].File)
			assert.Equal(t, `duplicate level id "L1" (first at L1.yaml:1:5)`, des[0].Message)
		}
	})
	for _, tc := range []struct{ dir, want string }{
		{"testdata/ladders/nowhere", "testdata/ladders/nowhere: file does not exist"},
		{"testdata/ladders/small/ladder.yaml", "testdata/ladders/small/ladder.yaml: not a directory"},
	} {
		t.Run(tc.dir, func(t *testing.T) {
			_, err := ladder.LoadDir(tc.dir)
			require.Error(t, err)
			assert.Equal(t, tc.want, err.Error())
		})
	}
	_, err = ladder.LoadDir("testdata/ladders/nowhere")
	assert.ErrorIs(t, err, fs.ErrNotExist)
}

// An fs.FS path is unrooted: Load says so, and points to LoadDir.
func TestLoadRootedPath(t *testing.T) {
	abs, err := filepath.Abs("testdata/ladders/small")
	require.NoError(t, err)
	for _, dir := range []string{filepath.ToSlash(abs), "/ladders/small", "../ladders/small"} {
		_, err := ladder.Load(os.DirFS("/"), dir)
		require.Error(t, err)
		assert.Equal(t, fmt.Sprintf(`%s: %q is not an fs.FS path: fs paths are unrooted and slash-separated, with no . or .. elements, such as "ladders/acme"; for a directory on disk, use LoadDir`, dir, dir), err.Error())
	}
}

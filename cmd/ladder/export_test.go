package main

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ladderkit/ladder"
)

// embeddedFiles returns the files of the embedded track by name.
func embeddedFiles(t *testing.T) map[string][]byte {
	t.Helper()
	fsys, root := ladder.DefaultFS()
	entries, err := fs.ReadDir(fsys, root)
	require.NoError(t, err)
	files := map[string][]byte{}
	for _, e := range entries {
		data, err := fs.ReadFile(fsys, path.Join(root, e.Name()))
		require.NoError(t, err)
		files[e.Name()] = data
	}
	require.Contains(t, files, "ladder.yaml")
	require.Contains(t, files, "L10.yaml")
	require.Contains(t, files, "README.md")
	return files
}

func TestExport(t *testing.T) {
	want := embeddedFiles(t)
	dir := filepath.Join(t.TempDir(), "my-ladder") // created by export

	got := runLadder(t, "", "export", dir)
	require.Equal(t, exitOK, got.code, got.stderr)
	assert.Empty(t, got.stderr)
	lines := strings.Split(strings.TrimSpace(got.stdout), "\n")
	require.Len(t, lines, len(want)+1)
	assert.Equal(t, "wrote "+filepath.Join(dir, "L01.yaml"), lines[0])
	assert.Equal(t, dir+": 12 files of the Worca track; use it with --ladder "+dir, lines[len(lines)-1])

	t.Run("the files are byte-identical to the embedded ones", func(t *testing.T) {
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		assert.Len(t, entries, len(want))
		for name, data := range want {
			written, err := os.ReadFile(filepath.Join(dir, name))
			require.NoError(t, err)
			assert.Equal(t, string(data), string(written), name)
		}
	})

	t.Run("the exported directory loads as the default ladder", func(t *testing.T) {
		l, err := ladder.Load(os.DirFS(dir), ".")
		require.NoError(t, err)
		assert.Equal(t, ladder.Default().Info(), l.Info())
		assert.Equal(t, ladder.Default().Levels(), l.Levels())
		assert.Equal(t, ladder.Default().Metrics(), l.Metrics())
		lint := runLadder(t, "", "lint", dir)
		assert.Equal(t, exitOK, lint.code, lint.stderr)
		assert.Equal(t, dir+": ok (10 levels, 21 metrics)\n", lint.stdout)
	})

	t.Run("existing files are refused, and nothing is written", func(t *testing.T) {
		edited := []byte("id: L7\nrank: 7\n# edited\n")
		require.NoError(t, os.WriteFile(filepath.Join(dir, "L07.yaml"), edited, 0o644))
		require.NoError(t, os.Remove(filepath.Join(dir, "L03.yaml")))
		again := runLadder(t, "", "export", dir)
		assert.Equal(t, exitInvalid, again.code)
		assert.Empty(t, again.stdout)
		assert.Contains(t, again.stderr, filepath.Join(dir, "ladder.yaml")+": already exists\n")
		assert.Contains(t, again.stderr, filepath.Join(dir, "L07.yaml")+": already exists\n")
		assert.NotContains(t, again.stderr, "L03.yaml")
		assert.True(t, strings.HasSuffix(again.stderr, "ladder export: nothing written; use --force to overwrite 11 files\n"), again.stderr)
		data, err := os.ReadFile(filepath.Join(dir, "L07.yaml"))
		require.NoError(t, err)
		assert.Equal(t, edited, data, "an existing file is left alone")
		_, err = os.Stat(filepath.Join(dir, "L03.yaml"))
		assert.ErrorIs(t, err, fs.ErrNotExist, "nothing is written, not even the missing files")
	})

	t.Run("--force overwrites", func(t *testing.T) {
		forced := runLadder(t, "", "export", "--force", dir, "--format", "json")
		require.Equal(t, exitOK, forced.code, forced.stderr)
		var out struct {
			Dir   string   `json:"dir"`
			Files []string `json:"files"`
		}
		require.NoError(t, json.Unmarshal([]byte(forced.stdout), &out))
		assert.Equal(t, dir, out.Dir)
		assert.Len(t, out.Files, len(want))
		data, err := os.ReadFile(filepath.Join(dir, "L07.yaml"))
		require.NoError(t, err)
		assert.Equal(t, string(want["L07.yaml"]), string(data))
	})

	t.Run("a file where DIR should be", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "file")
		require.NoError(t, os.WriteFile(file, nil, 0o644))
		got := runLadder(t, "", "export", file)
		assert.Equal(t, exitInvalid, got.code)
		assert.NotEmpty(t, got.stderr)
		assert.Empty(t, got.stdout)
	})
}

// export --ladder writes the ladder as it loads: an overlay merged with
// what it extends, which lints and loads equal to the overlay.
func TestExportLadder(t *testing.T) {
	// small with a referral of 0%, a value that an omitted key would not give.
	zero := filepath.Join(t.TempDir(), "zero-percent")
	require.NoError(t, os.CopyFS(zero, os.DirFS("testdata/ladders/small")))
	main, err := os.ReadFile(filepath.Join(zero, "ladder.yaml"))
	require.NoError(t, err)
	require.Contains(t, string(main), "referral: {percent: 2.5, months: 3}")
	require.NoError(t, os.WriteFile(filepath.Join(zero, "ladder.yaml"), []byte(strings.Replace(string(main), "percent: 2.5,", "percent: 0,", 1)), 0o644))

	for _, src := range []string{"../../examples/ladders/acme-worca", "testdata/ladders/small", "../../examples/ladders/product-knowledge", zero} {
		t.Run(src, func(t *testing.T) {
			want, err := ladder.LoadDir(src)
			require.NoError(t, err)
			dir := filepath.Join(t.TempDir(), "merged")
			got := runLadder(t, "", "export", "--ladder", src, dir)
			require.Equal(t, exitOK, got.code, got.stderr)
			assert.Empty(t, got.stderr)
			lines := strings.Split(strings.TrimSpace(got.stdout), "\n")
			assert.Equal(t, "wrote "+filepath.Join(dir, "ladder.yaml"), lines[0])
			assert.Equal(t, fmt.Sprintf("%s: %d files of the ladder %s; use it with --ladder %s", dir, len(want.Levels())+1, want.Info().ID, dir), lines[len(lines)-1])

			main, err := os.ReadFile(filepath.Join(dir, "ladder.yaml"))
			require.NoError(t, err)
			assert.NotContains(t, string(main), "extends:")
			assert.NotContains(t, string(main), "levels:")

			lint := runLadder(t, "", "lint", dir)
			require.Equal(t, exitOK, lint.code, lint.stderr)

			l, err := ladder.LoadDir(dir)
			require.NoError(t, err)
			assert.Equal(t, want.Info(), l.Info())
			assert.Equal(t, want.Metrics(), l.Metrics())
			assert.Equal(t, want.Levels(), l.Levels())
		})
	}
	t.Run("a ladder that does not load is reported, and nothing is written", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "merged")
		got := runLadder(t, "", "export", "--ladder", "testdata/ladders/misspelt", dir)
		assert.Equal(t, exitInvalid, got.code)
		assert.Contains(t, got.stderr, "testdata/ladders/misspelt/L1.yaml:7:11: ")
		assert.NoDirExists(t, dir)
	})
}

func TestSchemaCommand(t *testing.T) {
	for _, kind := range []string{"ladder", "level", "profile"} {
		want, err := ladder.Schema(kind)
		require.NoError(t, err)
		for _, format := range []string{"text", "json"} {
			got := runLadder(t, "", "schema", kind, "--format", format)
			assert.Equal(t, exitOK, got.code)
			assert.Equal(t, string(want), got.stdout, kind)
			assert.Empty(t, got.stderr)
			assert.True(t, json.Valid([]byte(got.stdout)))
		}
	}
	extra := runLadder(t, "", "schema", "ladder", "level")
	assert.Equal(t, exitUsage, extra.code)
	assert.Equal(t, "ladder schema: unexpected argument \"level\"\nrun 'ladder schema --help' for usage\n", extra.stderr)
}

// TestLintOverlayThroughCommand checks that a ladder extending another by a
// relative path loads through --ladder and lint, from any working path.
func TestLintOverlayThroughCommand(t *testing.T) {
	abs, err := filepath.Abs("testdata/ladders/bad-overlay")
	require.NoError(t, err)
	for _, dir := range []string{abs, "testdata/ladders/../ladders/bad-overlay", "./testdata/ladders/bad-overlay/"} {
		got := runLadder(t, "", "lint", dir)
		assert.Equal(t, exitInvalid, got.code)
		assert.Contains(t, got.stderr, filepath.Join(dir, "ladder.yaml")+":5:10: remove[0]: removing metric csat breaks ../small/ladder.yaml:32:15", dir)
		assert.Contains(t, got.stderr, filepath.Join(dir, "S2.yaml")+":5:11: ", dir)
	}

	// A base that is not a sibling: two directories up.
	root := t.TempDir()
	small, err := os.ReadFile("testdata/ladders/small/ladder.yaml")
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(filepath.Join(root, "shared", "support"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(root, "shared", "support", "ladder.yaml"), small, 0o644))
	team := filepath.Join(root, "teams", "berlin", "support")
	require.NoError(t, os.MkdirAll(team, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(team, "ladder.yaml"), []byte("id: berlin\nextends: ../../../shared/support\nname: Berlin support\n"), 0o644))
	got := runLadder(t, "", "levels", "--ladder", team)
	assert.Equal(t, exitOK, got.code, got.stderr)
	assert.Contains(t, got.stdout, "Berlin support (berlin)")

	// An error in the base is named by its path from the overlay as given.
	broken := strings.Replace(string(small), "rule: csat >= 0.9", "rule: csatt >= 0.9", 1)
	require.NotEqual(t, string(small), broken)
	require.NoError(t, os.WriteFile(filepath.Join(root, "shared", "support", "ladder.yaml"), []byte(broken), 0o644))
	got = runLadder(t, "", "lint", team)
	assert.Equal(t, exitInvalid, got.code)
	assert.Contains(t, got.stderr, filepath.Join(root, "shared", "support", "ladder.yaml")+":32:15: levels[0].standards[1].rule: unknown name csatt")
}

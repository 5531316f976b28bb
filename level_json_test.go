package ladder_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ladderkit/ladder"
)

// A level's JSON is a valid level file: every Worca level written as JSON
// (JSON is YAML) loads back as the same level, and its JSON is the same.
func TestLevelJSONIsALevelFile(t *testing.T) {
	l := ladder.Default()
	dir := t.TempDir()
	head, err := json.Marshal(map[string]any{"id": "worca-json", "roles": l.Info().Roles, "metrics": l.Metrics()})
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "ladder.yaml"), head, 0o644))
	levels := l.Levels()
	for _, lv := range levels {
		data, err := json.MarshalIndent(lv, "", "  ")
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, string(lv.ID)+".yaml"), data, 0o644))
	}
	back, err := ladder.LoadDir(dir)
	require.NoError(t, err)
	require.Len(t, back.Levels(), len(levels))
	for i, lv := range back.Levels() {
		want, err := json.Marshal(levels[i])
		require.NoError(t, err)
		got, err := json.Marshal(lv)
		require.NoError(t, err)
		assert.JSONEq(t, string(want), string(got), lv.ID)
	}
}

// json.Unmarshal reads a level's JSON back into the same Level, defaults
// written out.
func TestLevelJSONUnmarshal(t *testing.T) {
	for _, lv := range ladder.Default().Levels() {
		data, err := json.Marshal(lv)
		require.NoError(t, err)
		var back ladder.Level
		require.NoError(t, json.Unmarshal(data, &back), lv.ID)
		again, err := json.Marshal(back)
		require.NoError(t, err)
		assert.Equal(t, string(data), string(again), lv.ID)
	}
}

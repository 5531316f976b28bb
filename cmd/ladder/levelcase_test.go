package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLevelInAnyCase: a profile that writes l7 for L7 is evaluated as L7,
// and what the command and the server write of the person says L7.
func TestLevelInAnyCase(t *testing.T) {
	profile := strings.Replace(readFile(t, "../../examples/profiles/maya.yaml"), "\nlevel: L7\n", "\nlevel: l7\n", 1)
	require.Contains(t, profile, "\nlevel: l7\n")
	for _, cmd := range []string{"evaluate", "path", "standings"} {
		t.Run(cmd, func(t *testing.T) {
			lower := runLadder(t, profile, cmd, "--at", at, "-")
			require.Equal(t, exitOK, lower.code, lower.stderr)
			exact := runLadder(t, strings.Replace(profile, "\nlevel: l7\n", "\nlevel: L7\n", 1), cmd, "--at", at, "-")
			assert.Equal(t, exact.stdout, lower.stdout)
			assert.NotContains(t, lower.stdout, "l7")
		})
	}
	s := testServer(t)
	for _, path := range []string{"/v1/evaluate", "/v1/path", "/v1/standings"} {
		w := do(s, "POST", path+"?at="+at, "application/yaml", strings.NewReader(profile))
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		var got struct {
			Level string `json:"level"`
		}
		require.NoError(t, json.Unmarshal(w.Body.Bytes(), &got))
		assert.Equal(t, "L7", got.Level, path)
	}
}

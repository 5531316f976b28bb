package ladder_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Helpers the package's tests share.

// date parses a civil date written YYYY-MM-DD. It takes any year, where
// ParseDate refuses years before 1900, so that calendar tests can reach the
// edges.
func date(t testing.TB, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.DateOnly, s)
	require.NoError(t, err)
	return d
}

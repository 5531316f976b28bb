package bench_test

import (
	"os"
	"testing"
	"time"

	"github.com/ladderkit/ladder"
	"github.com/stretchr/testify/require"
)

// benchL7 is the profile BenchmarkEvaluate/L7 evaluates.
var benchL7 = func() string {
	data, err := os.ReadFile("../testdata/bench/l7.yaml")
	if err != nil {
		panic(err)
	}
	return string(data)
}()

// benchAsOf is the evaluation date of BenchmarkEvaluate.
var benchAsOf = time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)

func mustParse(tb testing.TB, profile string) ladder.Person {
	tb.Helper()
	p, err := ladder.ParsePerson([]byte(profile))
	require.NoError(tb, err)
	return p
}

package ladder_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/ladderkit/ladder"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Hostile inputs are refused quickly with a clear error, never by hanging
// or overflowing the stack. (Timing is not asserted: the inputs are sized
// so that refusing them slowly would make this test visibly slow.)
func TestHostileProfiles(t *testing.T) {
	tests := []struct {
		name, doc, want string
	}{
		{"deep flow nesting", "id: x\nlevel: L1\nmetrics: " + strings.Repeat("[", 100000) + strings.Repeat("]", 100000),
			"3:74: nested too deeply: more than 64 levels of [ or {"},
		{"deep block nesting", "id: x\nroles:\n  " + strings.Repeat("- ", 100000) + "x\n",
			"3:257: nested too deeply: content starts past column 256"},
		{"deep indentation", "id: x\nroles:\n" + strings.Repeat(" ", 100000) + "- x\n",
			"3:257: nested too deeply: content starts past column 256"},
		{"billion laughs", "id: x\nlevel: L1\nroles: &a [x, x, x, x, x, x, x, x, x]\nchecklist: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nname: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n",
			"4:16: checklist[0]: YAML aliases are not supported: write the value out"},
		{"too large", "id: x\nlevel: L1\nname: " + strings.Repeat("x", 5<<20) + "\n",
			"profile is 5242903 bytes, over the limit of 1048576"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ladder.ParsePerson([]byte(tt.doc))
			require.Error(t, err)
			assert.Equal(t, tt.want, strings.SplitN(err.Error(), "\n", 2)[0])
		})
	}
}

func TestAliasesRefused(t *testing.T) {
	_, err := ladder.ParsePerson([]byte("id: &i x\nlevel: L1\nname: *i\n"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "YAML aliases are not supported")
}

func TestHostileLadders(t *testing.T) {
	manyLevels := fstest.MapFS{"x/ladder.yaml": {Data: []byte("id: x\nlevels:\n" + func() string {
		var b strings.Builder
		for i := range 201 {
			fmt.Fprintf(&b, "  - {id: L%d, rank: %d}\n", i+1, i+1)
		}
		return b.String()
	}())}}
	manyMetrics := fstest.MapFS{"x/ladder.yaml": {Data: []byte("id: x\nlevels: [{id: L1, rank: 1}]\nmetrics:\n" + func() string {
		var b strings.Builder
		for i := range 501 {
			fmt.Fprintf(&b, "  - {id: m%d, type: int}\n", i)
		}
		return b.String()
	}())}}
	longRule := fstest.MapFS{"x/ladder.yaml": {Data: []byte("id: x\nlevels:\n  - id: L1\n    rank: 1\n    standards:\n      - {id: s, name: S, rule: \"" +
		strings.Repeat("(", 5000) + "true" + strings.Repeat(")", 5000) + "\"}\n")}}
	deep := fstest.MapFS{"x/ladder.yaml": {Data: []byte("id: x\nroles: " + strings.Repeat("[", 1000000) + "\n")}}
	tests := []struct {
		name string
		fsys fstest.MapFS
		want string
	}{
		{"too many levels", manyLevels, "x/ladder.yaml:1:1: the ladder has 201 levels, over the limit of 200"},
		{"too many metrics", manyMetrics, "x/ladder.yaml:1:1: the ladder has 501 metrics, over the limit of 500"},
		{"rule too long", longRule, "x/ladder.yaml:6:33: levels[0].standards[0].rule: rule is 10004 bytes long, over the limit of 4096"},
		{"deep nesting", deep, "x/ladder.yaml:2:72: nested too deeply: more than 64 levels of [ or {"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := ladder.Load(tt.fsys, "x")
			require.Error(t, err)
			assert.Equal(t, tt.want, strings.SplitN(err.Error(), "\n", 2)[0])
			t.Logf("refused in %v", time.Since(start))
		})
	}
}

func TestProfileErrorsLocate(t *testing.T) {
	doc := []byte("id: x\nlevel: L7\nmetrics:\n  feature_hit_rate: 74\n  products_owned: 2\nwaivers:\n  - {check: nomination, by: ana}\n")
	p, err := ladder.ParsePerson(doc)
	require.NoError(t, err)
	_, err = ladder.Evaluate(p)
	var pes ladder.ProfileErrors
	require.ErrorAs(t, err, &pes)
	pes.Locate(doc)
	assert.Equal(t, "4:21: metrics.feature_hit_rate: want percent between 0 and 1, got 74\n"+
		`7:13: waivers[0].check: only tenure and track_tenure can be waived, got "nomination"`, pes.Error())
}

// An error lists at most 100 problems and counts the rest in a last line.
func TestProblemsAreCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString("id: x\nlevel: L4\nmetrics:\n")
	for i := range 150 {
		fmt.Fprintf(&b, "  nope_%d: 1\n", i)
	}
	p, err := ladder.ParsePerson([]byte(b.String()))
	require.NoError(t, err)
	_, err = ladder.Evaluate(p)
	var pes ladder.ProfileErrors
	require.ErrorAs(t, err, &pes)
	require.Len(t, pes, 101)
	assert.Equal(t, "and 50 more problems (only the first 100 are listed)", pes[100].Error())

	b.Reset()
	b.WriteString("id: x\nmetrics:\n")
	for i := range 120 {
		fmt.Fprintf(&b, "  - {id: m%d, type: integer}\n", i)
	}
	_, err = ladder.Load(fstest.MapFS{"x/ladder.yaml": {Data: []byte(b.String())}, "x/L1.yaml": {Data: []byte("id: L1\nrank: 1\n")}}, "x")
	var des ladder.DefinitionErrors
	require.ErrorAs(t, err, &des)
	require.Len(t, des, 101)
	assert.Equal(t, "x/ladder.yaml: and 20 more problems (only the first 100 are listed)", des[100].Error())
}

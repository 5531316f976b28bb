package ladder_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/ladderkit/ladder"
	"github.com/ladderkit/ladder/internal/reporttest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// naturalExampleProfiles lists examples/profiles in natural order (l4 before l10).
func naturalExampleProfiles(t *testing.T) []string {
	files, err := filepath.Glob("examples/profiles/*.yaml")
	require.NoError(t, err)
	num := regexp.MustCompile(`^l(\d+)-`)
	key := func(f string) (int, string) {
		base := filepath.Base(f)
		if m := num.FindStringSubmatch(base); m != nil {
			n, _ := strconv.Atoi(m[1])
			return n, base
		}
		return 1 << 30, base
	}
	sort.Slice(files, func(i, j int) bool {
		ni, bi := key(files[i])
		nj, bj := key(files[j])
		if ni != nj {
			return ni < nj
		}
		return bi < bj
	})
	return files
}

// metricCell writes a metric value as a CSV cell that reads back the same.
func metricCell(v any) string {
	switch v := v.(type) {
	case float64:
		s := strconv.FormatFloat(v, 'f', -1, 64)
		if !strings.ContainsAny(s, ".e") {
			s += ".0"
		}
		return s
	case string:
		return v
	}
	data, _ := json.Marshal(v)
	return string(data)
}

// TestExamplePeopleExports keeps examples/cycle/people.jsonl (every example
// profile, one a line) and people.csv (their flat part) true to
// examples/profiles, and checks that the JSON Lines export reads back to
// the same reports. Regenerate with: go test -run TestExamplePeopleExports -update .
func TestExamplePeopleExports(t *testing.T) {
	var jsonl bytes.Buffer
	var people []ladder.Person
	var reports []*ladder.Report
	for _, f := range naturalExampleProfiles(t) {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		var v any
		require.NoError(t, yaml.Unmarshal(data, &v))
		line, err := json.Marshal(v)
		require.NoError(t, err)
		jsonl.Write(line)
		jsonl.WriteByte('\n')
		p, err := ladder.ParsePerson(data)
		require.NoError(t, err, f)
		people = append(people, p)
		r, err := ladder.Evaluate(p, batchDate)
		require.NoError(t, err, f)
		reports = append(reports, r)
	}
	assertGoldenFile(t, "examples/cycle/people.jsonl", jsonl.Bytes())

	var metrics []string
	for _, p := range people {
		for m := range p.Metrics {
			if !slices.Contains(metrics, m) {
				metrics = append(metrics, m)
			}
		}
	}
	slices.Sort(metrics)
	var out bytes.Buffer
	w := csv.NewWriter(&out)
	header := []string{"id", "name", "level", "level_since", "joined", "roles", "checklist"}
	for _, m := range metrics {
		header = append(header, "metrics."+m)
	}
	require.NoError(t, w.Write(header))
	day := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(time.DateOnly)
	}
	for _, p := range people {
		row := []string{p.ID, p.Name, string(p.Level), day(p.LevelSince), day(p.Joined),
			strings.Join(p.Roles, ";"), strings.Join(p.Checklist, ";")}
		for _, m := range metrics {
			cell := ""
			if v, ok := p.Metrics[m]; ok {
				cell = metricCell(v)
			}
			row = append(row, cell)
		}
		require.NoError(t, w.Write(row))
	}
	w.Flush()
	assertGoldenFile(t, "examples/cycle/people.csv", out.Bytes())

	i := 0
	for r := range ladder.Default().EvaluateStream(ladder.ReadPeople(bytes.NewReader(jsonl.Bytes())), batchDate) {
		require.NoError(t, r.Err)
		assert.Equal(t, reporttest.Comparable(reports[i]), reporttest.Comparable(r.Report), "record %d", i)
		assert.Equal(t, i+1, r.Line)
		i++
	}
	assert.Equal(t, len(reports), i)

	// The CSV export carries the flat part of each profile.
	i = 0
	for p, err := range ladder.ReadPeople(bytes.NewReader(out.Bytes())) {
		require.NoError(t, err)
		want := people[i]
		if len(want.Roles) == 0 {
			want.Roles = nil
		}
		assert.Equal(t, []any{want.ID, want.Name, want.Level, want.LevelSince, want.Joined, want.Roles, want.Checklist, want.Metrics},
			[]any{p.ID, p.Name, p.Level, p.LevelSince, p.Joined, p.Roles, p.Checklist, p.Metrics}, want.ID)
		i++
	}
	assert.Equal(t, len(people), i)
}

// TestCycleGoldens renders the cycle of the example people, with two
// broken records added, in every form.
func TestCycleGoldens(t *testing.T) {
	data, err := os.ReadFile("examples/cycle/people.jsonl")
	require.NoError(t, err)
	examples := bytes.Count(data, []byte("\n"))
	data = append(data, "{\"id\": \"typo\", \"level\": \"L77\"}\n{\"id\": \"cut\", \"level\":\n"...)
	c := &ladder.Cycle{By: time.Date(2027, 5, 20, 0, 0, 0, 0, time.UTC)}
	for r := range ladder.Default().EvaluateStream(ladder.ReadPeople(bytes.NewReader(data)), batchDate) {
		c.Add(r)
	}
	assert.Equal(t, examples+2, c.People)
	assert.Equal(t, 2, c.Invalid)
	assertGoldenFile(t, "testdata/golden/cycle/cycle.txt", []byte(c.Text()))
	assertGoldenFile(t, "testdata/golden/cycle/cycle.md", []byte(c.Markdown()))
	js, err := c.JSON()
	require.NoError(t, err)
	assert.True(t, json.Valid(js))
	assertGoldenFile(t, "testdata/golden/cycle/cycle.json", js)
}

// Money that would overflow the totals is left out whole, and said so,
// never added in part.
func TestCycleMoneyOverflow(t *testing.T) {
	big := ladder.Money{Amount: math.MaxInt64 - 10, Currency: "USD"}
	c := &ladder.Cycle{}
	for _, totals := range [][]ladder.Money{{big}, {{Amount: 500, Currency: "EUR"}, big}, {{Amount: 7, Currency: "USD"}}} {
		c.Add(ladder.Result{Report: &ladder.Report{Level: "L4", Totals: totals}})
	}
	assert.Equal(t, []ladder.Money{{Amount: math.MaxInt64 - 3, Currency: "USD"}}, c.Earned, "the second person's money is left out whole")
	assert.Equal(t, 1, c.Uncounted)
	assert.Contains(t, c.Text(), "(leaving out the cuts of 1 person: too large to add exactly)")
	js, err := c.JSON()
	require.NoError(t, err)
	assert.Contains(t, string(js), `"money_uncounted": 1`)
}

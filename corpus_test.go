package ladder_test

import (
	"bytes"
	"cmp"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ladderkit/ladder"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// golden compares got with the golden file at path, or rewrites the file
// when the test runs with -update.
func golden(t testing.TB, path, got string) {
	t.Helper()
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got+"\n"), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run with -update to create it")
	assert.Equal(t, strings.TrimSuffix(string(want), "\n"), got)
}

// caseDirs returns the names of the directories in dir.
func caseDirs(t testing.TB, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	require.NotEmpty(t, names)
	return names
}

// definitionErrors requires err to be definition errors, each with a file
// and, unless the file as a whole is at fault, a position.
func definitionErrors(t testing.TB, err error) []*ladder.DefinitionError {
	t.Helper()
	require.Error(t, err)
	var first *ladder.DefinitionError
	require.True(t, errors.As(err, &first), "want a *DefinitionError, got %T", err)
	var des ladder.DefinitionErrors
	require.True(t, errors.As(err, &des), "want DefinitionErrors, got %T", err)
	for _, e := range des {
		assert.NotEmpty(t, e.File, "%v", e)
		assert.NotEmpty(t, e.Message, "%v", e)
		if !wholeFileProblem(e) {
			assert.Positive(t, e.Line, "no line: %v", e)
			assert.Positive(t, e.Column, "no column: %v", e)
		}
	}
	return des
}

// wholeFileProblem reports whether e is about a file as a whole, which has
// no position: a file that is missing, empty or too large.
func wholeFileProblem(e *ladder.DefinitionError) bool {
	return e.Path == "" && (e.Message == "file is empty" || strings.HasPrefix(e.Message, "cannot read: ") ||
		strings.Contains(e.Message, "over the limit"))
}

// TestBadLadders loads every ladder in testdata/bad-ladders, each a copy of
// testdata/ladders/small with a mistake, and compares the error with the
// case's want.txt.
func TestBadLadders(t *testing.T) {
	const dir = "testdata/bad-ladders"
	fsys := os.DirFS(dir)
	for _, name := range caseDirs(t, dir) {
		t.Run(name, func(t *testing.T) {
			l, err := ladder.Load(fsys, name)
			require.Error(t, err)
			assert.Nil(t, l)
			des := definitionErrors(t, err)
			for i := 1; i < len(des); i++ {
				a, b := des[i-1], des[i]
				// Folder by folder, ladder.yaml first (the level files here
				// are L1 to L3, so byte order is natural order).
				file := func(f string) string { return strings.Replace(f, "/ladder.yaml", "/", 1) }
				assert.LessOrEqual(t, cmp.Or(cmp.Compare(file(a.File), file(b.File)), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column)), 0,
					"not sorted: %v before %v", a, b)
			}
			golden(t, filepath.Join(dir, name, "want.txt"), err.Error())
		})
	}
}

// TestBadLadderCauses checks the causes that callers test with errors.Is.
func TestBadLadderCauses(t *testing.T) {
	tests := []struct {
		name   string
		target error
		want   bool
	}{
		{"promotion-to-unknown", ladder.ErrUnknownLevel, true},
		{"from-min-level-unknown", ladder.ErrUnknownLevel, true},
		{"mentee-levels-unknown", ladder.ErrUnknownLevel, true},
		{"promotion-skips-rank", ladder.ErrUnknownLevel, false},
		{"rule-unknown-name", ladder.ErrUnknownMetric, true},
		{"rule-quoted", ladder.ErrUnknownMetric, true},
		{"rule-block-literal", ladder.ErrUnknownMetric, true},
		{"rule-now", ladder.ErrUnknownMetric, false}, // now is a disabled function, not a metric
		{"rule-not-bool", ladder.ErrUnknownMetric, false},
		{"ladder-yaml-missing", fs.ErrNotExist, true},
	}
	fsys := os.DirFS("testdata/bad-ladders")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ladder.Load(fsys, tt.name)
			require.Error(t, err)
			assert.Equal(t, tt.want, errors.Is(err, tt.target), "errors.Is(err, %v) for\n%v", tt.target, err)
		})
	}
}

// TestBadLadderTooLarge checks that a file over 1 MiB is refused before it
// is parsed. It is made here rather than committed.
func TestBadLadderTooLarge(t *testing.T) {
	fsys := smallLadderFS(t)
	big := append([]byte("id: L3\nrank: 3\nsummary: "), bytes.Repeat([]byte("x"), 1<<20)...)
	fsys["small/L3.yaml"] = &fstest.MapFile{Data: append(big, '\n')}
	_, err := ladder.Load(fsys, "small")
	des := definitionErrors(t, err)
	require.Len(t, des, 1)
	assert.Equal(t, "small/L3.yaml: file is 1048601 bytes, over the limit of 1048576", err.Error())
}

// smallLadderFS returns testdata/ladders/small in memory, as "small/...".
func smallLadderFS(t testing.TB) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	entries, err := os.ReadDir("testdata/ladders/small")
	require.NoError(t, err)
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join("testdata/ladders/small", e.Name()))
		require.NoError(t, err)
		fsys["small/"+e.Name()] = &fstest.MapFile{Data: data}
	}
	return fsys
}

// smallLadder loads testdata/ladders/small, the base of the bad cases.
func smallLadder(t testing.TB) *ladder.Ladder {
	t.Helper()
	l, err := ladder.Load(os.DirFS("testdata/ladders"), "small")
	require.NoError(t, err)
	return l
}

// evalDate is the fixed evaluation date of the profile tests.
func evalDate(t testing.TB) ladder.Option {
	t.Helper()
	d, err := ladder.ParseDate("2026-03-01")
	require.NoError(t, err)
	return ladder.At(d)
}

// profileErrors requires err to be profile errors, each naming its field
// path unless the document as a whole is at fault.
func profileErrors(t testing.TB, err error) ladder.ProfileErrors {
	t.Helper()
	require.Error(t, err)
	var first *ladder.ProfileError
	require.True(t, errors.As(err, &first), "want a *ProfileError, got %T", err)
	var pes ladder.ProfileErrors
	require.True(t, errors.As(err, &pes), "want ProfileErrors, got %T", err)
	for _, e := range pes {
		assert.NotEmpty(t, e.Message, "%v", e)
		if e.Path == "" {
			assert.True(t, wholeDocumentProblem(e), "no path: %v", e)
		}
	}
	return pes
}

// wholeDocumentProblem reports whether e is about a profile as a whole:
// its syntax, its encoding, its size, or a top-level key it lacks.
func wholeDocumentProblem(e *ladder.ProfileError) bool {
	for _, prefix := range []string{"invalid YAML:", "invalid JSON:", "file is not", "profile is ", "missing required key", "want a mapping"} {
		if strings.HasPrefix(e.Message, prefix) {
			return true
		}
	}
	return false
}

// TestBadProfiles parses every profile in testdata/bad-profiles and, when
// it parses, evaluates it against testdata/ladders/small on 2026-03-01. The
// error must match the case's .want.txt.
func TestBadProfiles(t *testing.T) {
	const dir = "testdata/bad-profiles"
	l := smallLadder(t)
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	n := 0
	for _, e := range entries {
		ext := filepath.Ext(e.Name())
		if ext != ".yaml" && ext != ".json" {
			continue
		}
		n++
		name := strings.TrimSuffix(e.Name(), ext)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, e.Name()))
			require.NoError(t, err)
			p, err := ladder.ParsePerson(data)
			if err == nil {
				var r *ladder.Report
				r, err = l.Evaluate(p, evalDate(t))
				assert.Nil(t, r)
			}
			profileErrors(t, err)
			golden(t, filepath.Join(dir, name+".want.txt"), err.Error())
		})
	}
	require.GreaterOrEqual(t, n, 25)
}

// TestBadProfileCauses checks the causes that callers test with errors.Is.
func TestBadProfileCauses(t *testing.T) {
	tests := []struct {
		name   string
		target error
		want   bool
	}{
		{"unknown-metric", ladder.ErrUnknownMetric, true},
		{"unknown-level", ladder.ErrUnknownLevel, true},
		{"history-unknown-level", ladder.ErrUnknownLevel, true},
		{"several-problems", ladder.ErrUnknownLevel, true},
		{"several-problems", ladder.ErrUnknownMetric, false},
		{"unknown-checklist-item", ladder.ErrUnknownLevel, false},
	}
	l := smallLadder(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata/bad-profiles", tt.name+".yaml"))
			require.NoError(t, err)
			p, err := ladder.ParsePerson(data)
			require.NoError(t, err)
			_, err = l.Evaluate(p, evalDate(t))
			require.Error(t, err)
			assert.Equal(t, tt.want, errors.Is(err, tt.target), "errors.Is(err, %v) for\n%v", tt.target, err)
		})
	}
}

// validProfileYAML and validProfileJSON are one profile in both formats.
const validProfileYAML = `id: maya
name: Maya Chen
level: L2
level_since: 2025-01-15
joined: 2023-06-01
history: [{level: L1, since: 2023-06-01}]
roles: [founder]
metrics: {products_owned: 2, feature_hit_rate: "74%", client_trust: true, revenue: 120.5}
checklist: [owns-roadmap]
nominations: [{by: lee, level: L3, date: 2026-01-05}]
waivers: [{check: tenure, by: ana, reason: exceptional year, date: 2026-01-10}]
mentees:
  - id: sam
    level: L2
    from_level: L1
    since: 2025-02-01
    advanced: true
    placement: {date: 2025-03-01, monthly_rate: "12000.50", currency: USD}
  - {id: kim, level: L1, since: 2025-05-01, until: 2026-01-01}
`

const validProfileJSON = `{
  "id": "maya",
  "name": "Maya Chen",
  "level": "L2",
  "level_since": "2025-01-15",
  "joined": "2023-06-01",
  "history": [{"level": "L1", "since": "2023-06-01"}],
  "roles": ["founder"],
  "metrics": {"products_owned": 2, "feature_hit_rate": "74%", "client_trust": true, "revenue": 120.5},
  "checklist": ["owns-roadmap"],
  "nominations": [{"by": "lee", "level": "L3", "date": "2026-01-05"}],
  "waivers": [{"check": "tenure", "by": "ana", "reason": "exceptional year", "date": "2026-01-10"}],
  "mentees": [
    {"id": "sam", "level": "L2", "from_level": "L1", "since": "2025-02-01", "advanced": true,
     "placement": {"date": "2025-03-01", "monthly_rate": "12000.50", "currency": "USD"}},
    {"id": "kim", "level": "L1", "since": "2025-05-01", "until": "2026-01-01"}
  ]
}`

// TestProfileJSONAndYAML checks that one profile written in JSON and in
// YAML parses and evaluates the same.
func TestProfileJSONAndYAML(t *testing.T) {
	l := smallLadder(t)
	fromYAML, err := ladder.ParsePerson([]byte(validProfileYAML))
	require.NoError(t, err)
	fromJSON, err := ladder.ParsePerson([]byte(validProfileJSON))
	require.NoError(t, err)
	assert.Equal(t, fromYAML, fromJSON)

	want, err := l.Evaluate(fromYAML, evalDate(t))
	require.NoError(t, err)
	got, err := l.Evaluate(fromJSON, evalDate(t))
	require.NoError(t, err)
	assert.Equal(t, want, got)
	// The profile exercises the report, so that equal reports mean something.
	require.NotNil(t, want.Promotion)
	assert.Equal(t, ladder.LevelID("L3"), want.Promotion.To)
	require.Len(t, want.Referrals, 1)
	assert.Equal(t, ladder.Money{Amount: 60003, Currency: "USD"}, want.Referrals[0].Monthly)
	assert.Equal(t, 1, want.Mentorship.Active)
}

// TestByteOrderMark checks that files saved with a UTF-8 byte order mark,
// as some editors do, load and parse like files without one.
func TestByteOrderMark(t *testing.T) {
	const bom = "\uFEFF"
	fsys := smallLadderFS(t)
	for _, f := range fsys {
		f.Data = append([]byte(bom), f.Data...)
	}
	_, err := ladder.Load(fsys, "small")
	require.NoError(t, err)

	want, err := ladder.ParsePerson([]byte(validProfileYAML))
	require.NoError(t, err)
	for _, doc := range []string{validProfileYAML, validProfileJSON} {
		got, err := ladder.ParsePerson([]byte(bom + doc))
		require.NoError(t, err)
		assert.Equal(t, want, got)
	}
}

// TestSmallLadder guards the base of the bad cases: it loads, and a person
// at each of its levels evaluates.
func TestSmallLadder(t *testing.T) {
	l := smallLadder(t)
	levels := l.Levels()
	require.Len(t, levels, 3)
	for _, lv := range levels {
		_, err := l.Evaluate(ladder.Person{ID: "x", Level: lv.ID}, evalDate(t))
		require.NoError(t, err, lv.ID)
	}
}

package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// at is the evaluation date of every test, so the goldens do not age.
const at = "2026-11-20"

// result is what one run of the command produced.
type result struct {
	code           int
	stdout, stderr string
}

// runLadder runs the command as main would, with stdin as standard input.
func runLadder(t testing.TB, stdin string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errOut)
	return result{code, out.String(), errOut.String()}
}

// goldenCases run through run() and compare stdout and stderr with
// testdata/golden/<name>.stdout and .stderr (a missing file means empty).
var goldenCases = []struct {
	name   string
	args   []string
	stdin  string
	code   int
	noAt   bool   // do not append --at (help and argument-free cases)
	reason string // why the case exists, when not obvious
}{
	// help and usage
	{name: "no-args", args: nil, code: exitUsage, noAt: true, reason: "the overview goes to stderr with exit 2"},
	{name: "help", args: []string{"help"}, code: exitOK, noAt: true},
	{name: "help-flag", args: []string{"--help"}, code: exitOK, noAt: true},
	{name: "help-evaluate", args: []string{"help", "evaluate"}, code: exitOK, noAt: true},
	{name: "levels-help", args: []string{"levels", "--help"}, code: exitOK},
	{name: "show-help", args: []string{"show", "-h"}, code: exitOK},
	{name: "evaluate-help", args: []string{"evaluate", "--help"}, code: exitOK},
	{name: "referrals-help", args: []string{"referrals", "--help"}, code: exitOK},
	{name: "lint-help", args: []string{"lint", "--help"}, code: exitOK},
	{name: "graph-help", args: []string{"graph", "--help"}, code: exitOK},
	{name: "unknown-command", args: []string{"evalute", "x.yaml"}, code: exitUsage},
	{name: "help-help", args: []string{"help", "--help"}, code: exitOK, noAt: true, reason: "help's own --help is the overview"},
	{name: "version", args: []string{"version"}, code: exitOK, noAt: true},
	{name: "version-flag", args: []string{"--version"}, code: exitOK, noAt: true},
	{name: "unknown-flag-suggest", args: []string{"evaluate", "--sumary", "testdata/profiles/maya.yaml"}, code: exitUsage,
		reason: "a misspelt flag gets a did-you-mean, as a misspelt command does"},
	{name: "unknown-flag", args: []string{"evaluate", "--bogus", "testdata/profiles/maya.yaml"}, code: exitUsage},
	{name: "bad-at", args: []string{"evaluate", "--at", "2026-02-30", "testdata/profiles/maya.yaml"}, code: exitUsage, noAt: true},
	{name: "bad-format", args: []string{"levels", "--format", "yaml"}, code: exitUsage},
	{name: "missing-profile", args: []string{"evaluate"}, code: exitUsage},
	{name: "missing-level", args: []string{"show"}, code: exitUsage},
	{name: "extra-argument", args: []string{"levels", "L7"}, code: exitUsage},
	{name: "flag-before-command", args: []string{"--at", at, "--format", "markdown", "levels"}, code: exitOK, noAt: true,
		reason: "the common flags may come before the command too (issue 23)"},
	{name: "flags-before-and-after-command", args: []string{"--ladder=testdata/ladders/small", "evaluate", "testdata/profiles/acme-ivy.yaml", "--at", at}, code: exitOK, noAt: true},
	{name: "command-flag-before-command", args: []string{"--summary", "evaluate", "testdata/profiles/maya.yaml"}, code: exitUsage, noAt: true,
		reason: "only the common flags may come before the command"},
	{name: "flag-before-nothing", args: []string{"--at", at}, code: exitUsage, noAt: true},
	{name: "flag-before-command-no-value", args: []string{"--ladder"}, code: exitUsage, noAt: true},

	// levels, show, graph
	{name: "levels", args: []string{"levels"}, code: exitOK},
	{name: "levels-markdown", args: []string{"levels", "--format", "markdown"}, code: exitOK},
	{name: "levels-json", args: []string{"levels", "--format", "json"}, code: exitOK},
	{name: "levels-custom", args: []string{"levels", "--ladder", "testdata/ladders/small"}, code: exitOK},
	{name: "levels-bad-ladder", args: []string{"levels", "--ladder", "testdata/ladders/misspelt"}, code: exitInvalid},
	{name: "show-L7", args: []string{"show", "L7"}, code: exitOK},
	{name: "show-L8-markdown", args: []string{"show", "L8", "--format", "markdown"}, code: exitOK},
	{name: "show-L4-json", args: []string{"show", "--format", "json", "L4"}, code: exitOK},
	{name: "show-by-rank", args: []string{"show", "1"}, code: exitOK, reason: "a rank and a lower-case id find the level too"},
	{name: "show-top", args: []string{"show", "l10"}, code: exitOK},
	{name: "show-unknown", args: []string{"show", "L11"}, code: exitInvalid},
	{name: "show-custom", args: []string{"show", "S1", "--ladder", "testdata/ladders/small"}, code: exitOK},
	{name: "graph", args: []string{"graph"}, code: exitOK},
	{name: "graph-markdown", args: []string{"graph", "--format", "markdown"}, code: exitOK},
	{name: "graph-json", args: []string{"graph", "--format", "json", "--ladder", "testdata/ladders/small"}, code: exitOK},

	// evaluate
	{name: "evaluate-maya", args: []string{"evaluate", "testdata/profiles/maya.yaml"}, code: exitOK},
	{name: "evaluate-dev-json-file", args: []string{"evaluate", "testdata/profiles/dev.json"}, code: exitOK, reason: "a JSON profile; a waived tenure check"},
	{name: "evaluate-lee", args: []string{"evaluate", "testdata/profiles/lee.yaml"}, code: exitOK, reason: "unknown inputs and a rejected self-nomination"},
	{name: "evaluate-noor", args: []string{"evaluate", "testdata/profiles/noor.yaml"}, code: exitOK, reason: "criteria unpublished"},
	{name: "evaluate-top", args: []string{"evaluate", "testdata/profiles/top.yaml"}, code: exitOK},
	{name: "evaluate-markdown", args: []string{"evaluate", "--format", "markdown", "testdata/profiles/maya.yaml"}, code: exitOK},
	{name: "evaluate-json", args: []string{"evaluate", "--format", "json", "testdata/profiles/maya.yaml"}, code: exitOK},
	{name: "evaluate-stdin", args: []string{"evaluate", "-"}, stdin: "id: kim\nlevel: L4\nlevel_since: 2026-01-01\n", code: exitOK},
	{name: "evaluate-several", args: []string{"evaluate", "testdata/profiles/lee.yaml", "testdata/profiles/top.yaml"}, code: exitOK},
	{name: "evaluate-several-markdown", args: []string{"evaluate", "--format", "markdown", "testdata/profiles/noor.yaml", "testdata/profiles/top.yaml"}, code: exitOK},
	{name: "evaluate-several-json", args: []string{"evaluate", "--format", "json", "testdata/profiles/noor.yaml", "testdata/profiles/top.yaml"}, code: exitOK},
	{name: "evaluate-folder-summary", args: []string{"evaluate", "testdata/team", "--summary"}, code: exitInvalid,
		reason: "zed.yaml is invalid; the others are still summarised; notes.txt is not a profile"},
	{name: "evaluate-folder-summary-json", args: []string{"evaluate", "--summary", "--format", "json", "testdata/team"}, code: exitInvalid},
	{name: "evaluate-folder", args: []string{"evaluate", "testdata/team"}, code: exitInvalid},
	{name: "evaluate-syntax-error", args: []string{"evaluate", "testdata/invalid/bad-syntax.yaml"}, code: exitInvalid},
	{name: "evaluate-problems-in-order", args: []string{"evaluate", "testdata/invalid/many-problems.yaml"}, code: exitInvalid,
		reason: "problems found against the ladder come in document order, as ParsePerson's do"},
	{name: "evaluate-json-array", args: []string{"evaluate", "testdata/invalid/team-array.json"}, code: exitInvalid, reason: "says what is supported"},
	{name: "evaluate-yaml-list-stdin", args: []string{"evaluate", "-"}, stdin: "- id: kim\n  level: L4\n", code: exitInvalid},
	{name: "evaluate-missing-file", args: []string{"evaluate", "testdata/profiles/nobody.yaml", "testdata/profiles/top.yaml"}, code: exitInvalid},
	{name: "evaluate-empty-folder", args: []string{"evaluate", "testdata/ladders"}, code: exitInvalid},
	{name: "evaluate-custom-ladder", args: []string{"evaluate", "--ladder", "testdata/ladders/small", "testdata/profiles/acme-ivy.yaml"}, code: exitOK},
	{name: "evaluate-wrong-ladder", args: []string{"evaluate", "--ladder", "testdata/ladders/small", "testdata/profiles/maya.yaml"}, code: exitInvalid,
		reason: "a Worca profile against another ladder: unknown level and metrics"},
	{name: "evaluate-double-dash", args: []string{"evaluate", "--", "-"}, stdin: "id: kim\nlevel: L2\n", code: exitOK},

	// streams of people, the summary, the cycle and the payroll sheet
	{name: "evaluate-stream", args: []string{"evaluate", "testdata/stream/people.jsonl"}, code: exitInvalid, reason: "over 1,000 people would drop the table; here it leads"},
	{name: "evaluate-stream-jsonl", args: []string{"evaluate", "--format", "jsonl", "testdata/stream/people.jsonl"}, code: exitInvalid},
	{name: "evaluate-stream-summary-csv", args: []string{"evaluate", "--summary", "--format", "csv", "testdata/stream/people.jsonl"}, code: exitInvalid},
	{name: "evaluate-stream-summary-sorted", args: []string{"evaluate", "--summary", "--sort", "earliest", "testdata/stream/people.jsonl"}, code: exitInvalid},
	{name: "evaluate-stream-only-eligible", args: []string{"evaluate", "--summary", "--only", "eligible", "--format", "markdown", "testdata/stream/people.jsonl"}, code: exitInvalid},
	{name: "evaluate-stream-only-invalid-json", args: []string{"evaluate", "--summary", "--only", "invalid", "--format", "json", "testdata/stream/people.jsonl"}, code: exitInvalid},
	{name: "evaluate-csv-export", args: []string{"evaluate", "--summary", "--sort", "level", "testdata/stream/people.csv"}, code: exitInvalid},
	{name: "evaluate-natural-order", args: []string{"evaluate", "--summary", "testdata/natural"}, code: exitOK, reason: "p1 before p2 before p10; a stream inside a folder"},
	{name: "evaluate-stdin-stream", args: []string{"evaluate", "--summary", "-"}, stdin: "id: a\nlevel: L2\n---\nid: b\nlevel: L9\n", code: exitOK},
	{name: "evaluate-json-several-with-invalid", args: []string{"evaluate", "--format", "json", "testdata/natural/p1.jsonl", "testdata/invalid/bad-syntax.yaml"}, code: exitInvalid},
	{name: "evaluate-bad-only", args: []string{"evaluate", "--summary", "--only", "eligable", "testdata/natural"}, code: exitUsage},
	{name: "evaluate-only-without-summary", args: []string{"evaluate", "--only", "eligible", "testdata/natural"}, code: exitUsage},
	{name: "evaluate-bad-sort", args: []string{"evaluate", "--summary", "--sort", "name", "testdata/natural"}, code: exitUsage},
	{name: "evaluate-summary-waived", args: []string{"evaluate", "--summary", "../../examples/profiles/l4-fast-track.yaml", "../../examples/profiles/l7-fast-track-refused.yaml"}, code: exitOK,
		reason: "a waiver that cleared tenure still shows the date tenure alone allows, marked waived (issue 14)"},
	{name: "evaluate-summary-waived-json", args: []string{"evaluate", "--summary", "--format", "json", "../../examples/profiles/l4-fast-track.yaml"}, code: exitOK},
	{name: "evaluate-summary-waived-csv", args: []string{"evaluate", "--summary", "--format", "csv", "../../examples/profiles/l4-fast-track.yaml"}, code: exitOK},
	{name: "cycle-help", args: []string{"cycle", "--help"}, code: exitOK},
	{name: "cycle", args: []string{"cycle", "--by", "2027-05-20", "testdata/stream/people.jsonl"}, code: exitInvalid},
	{name: "cycle-markdown", args: []string{"cycle", "--by", "2027-05-20", "--format", "markdown", "../../examples/cycle/people.jsonl"}, code: exitOK},
	{name: "cycle-html", args: []string{"cycle", "--by", "2027-05-20", "--format", "html", "testdata/stream/people.jsonl"}, code: exitInvalid,
		reason: "the page of the server's /cycle, standing alone; invalid records listed"},
	{name: "cycle-json", args: []string{"cycle", "--by", "2027-05-20", "--format", "json", "../../examples/cycle/people.jsonl"}, code: exitOK},
	{name: "cycle-examples", args: []string{"cycle", "--by", "2027-05-20", "../../examples/cycle/people.jsonl"}, code: exitOK, reason: "shown in the README"},
	{name: "cycle-bad-by", args: []string{"cycle", "--by", "2027-05", "testdata/natural"}, code: exitUsage},
	{name: "referrals-due", args: []string{"referrals", "--due", "2026-06", "../../examples/cycle/people.jsonl"}, code: exitOK, reason: "shown in the README"},
	{name: "referrals-due-csv", args: []string{"referrals", "--due", "2026-06", "--format", "csv", "../../examples/cycle/people.jsonl"}, code: exitOK},
	{name: "referrals-due-json", args: []string{"referrals", "--due", "2025-11", "--format", "json", "../../examples/cycle/people.jsonl"}, code: exitOK},
	{name: "referrals-due-markdown", args: []string{"referrals", "--due", "2025-11", "--format", "markdown", "testdata/stream/people.jsonl"}, code: exitInvalid},
	{name: "referrals-due-none", args: []string{"referrals", "--due", "2019-01", "testdata/natural"}, code: exitOK},
	{name: "referrals-bad-due", args: []string{"referrals", "--due", "2026-13", "testdata/natural"}, code: exitUsage},
	{name: "referrals-csv-without-due", args: []string{"referrals", "--format", "csv", "testdata/natural"}, code: exitUsage},

	// referrals
	{name: "referrals-maya", args: []string{"referrals", "testdata/profiles/maya.yaml"}, code: exitOK},
	{name: "referrals-schedule", args: []string{"referrals", "--schedule", "testdata/profiles/maya.yaml"}, code: exitOK},
	{name: "referrals-several", args: []string{"referrals", "testdata/profiles/maya.yaml", "testdata/profiles/dev.json", "testdata/profiles/top.yaml"}, code: exitOK},
	{name: "referrals-markdown", args: []string{"referrals", "--format", "markdown", "--schedule", "testdata/profiles/dev.json"}, code: exitOK},
	{name: "referrals-json", args: []string{"referrals", "--format", "json", "--schedule", "testdata/profiles/maya.yaml"}, code: exitOK},
	{name: "referrals-folder", args: []string{"referrals", "testdata/team"}, code: exitInvalid},
	{name: "referrals-level-not-recorded", args: []string{"referrals", "--at", "2026-12-01", "../../testdata/issue23/03-level-not-recorded.yaml"}, code: exitOK, noAt: true,
		reason: "issue 23, case 3: a placement before level_since that no history covers is unknown, with no money (it paid the current level's terms)"},
	{name: "referrals-prescribed-mentoring", args: []string{"referrals", "--at", "2026-12-01", "../../testdata/issue23/07a-l5-mentors-l4.yaml"}, code: exitOK, noAt: true,
		reason: "issue 23, case 7: an L5 mentoring an L4 is in order; its terms are unpublished, not ineligible"},
	{name: "evaluate-one-range", args: []string{"evaluate", "--at", "2026-12-01", "../../testdata/issue23/05-one-range.yaml"}, code: exitOK, noAt: true,
		reason: "issue 23, case 5: one definition of in range for the notes and the counts"},
	{name: "referrals-before-joined", args: []string{"referrals", "../../testdata/issue23/04-mentoring-before-joined.yaml"}, code: exitInvalid,
		reason: "issue 23, case 4: mentoring and a placement before joined are errors, not a payout"},

	// path and standings
	{name: "path-maya", args: []string{"path", "testdata/profiles/maya.yaml"}, code: exitOK},
	{name: "path-ten-year-rule", args: []string{"path", "../../examples/profiles/l7-ten-year-rule.yaml"}, code: exitOK,
		reason: "track tenure binds the first step; shown in README.md"},
	{name: "path-several", args: []string{"path", "testdata/profiles/lee.yaml", "testdata/profiles/noor.yaml", "testdata/profiles/top.yaml"}, code: exitOK,
		reason: "unknown inputs, an unpublished first step, the top level"},
	{name: "path-markdown", args: []string{"path", "--format", "markdown", "testdata/profiles/maya.yaml"}, code: exitOK},
	{name: "path-json", args: []string{"path", "--format", "json", "testdata/profiles/lee.yaml"}, code: exitOK},
	{name: "path-invalid", args: []string{"path", "testdata/profiles/maya.yaml", "testdata/team"}, code: exitInvalid},
	{name: "standings-maya", args: []string{"standings", "testdata/profiles/maya.yaml"}, code: exitOK},
	{name: "standings-points", args: []string{"standings", "--ladder", "../../examples/ladders/points", "../../examples/ladders/points/profiles"}, code: exitOK,
		reason: "a points ladder: cy meets the P3 band while at P2"},
	{name: "standings-markdown", args: []string{"standings", "--format", "markdown", "testdata/profiles/lee.yaml"}, code: exitOK},
	{name: "standings-json", args: []string{"standings", "--format", "json", "testdata/profiles/maya.yaml"}, code: exitOK},
	{name: "path-help", args: []string{"path", "--help"}, code: exitOK},
	{name: "path-break-running", args: []string{"path", "--at", "2026-02-01", "../../testdata/issue23/02-break-running.yaml"}, code: exitOK, noAt: true,
		reason: "issue 23, case 2: inside a break recorded as running, its rest counts; the date is the one given on 2026-06-01, after the break"},

	// lint
	{name: "lint-ok", args: []string{"lint", "testdata/ladders/small"}, code: exitOK},
	{name: "lint-misspelt", args: []string{"lint", "testdata/ladders/small", "testdata/ladders/misspelt"}, code: exitInvalid},
	{name: "lint-json", args: []string{"lint", "--format", "json", "testdata/ladders/misspelt", "testdata/ladders/small"}, code: exitInvalid},
	{name: "lint-missing-dir", args: []string{"lint", "testdata/ladders/nowhere"}, code: exitInvalid},
	{name: "lint-ladder-flag", args: []string{"lint", "--ladder", "testdata/ladders/small"}, code: exitOK},
	{name: "lint-no-dir", args: []string{"lint"}, code: exitUsage},
	{name: "lint-overlay", args: []string{"lint", "../../examples/ladders/acme-worca"}, code: exitOK, reason: "a ladder that extends the embedded track"},
	{name: "lint-bad-overlay", args: []string{"lint", "testdata/ladders/bad-overlay"}, code: exitInvalid,
		reason: "problems at the overlay's lines, one of them breaking its base ../small"},
	{name: "lint-rule-colon-unquoted", args: []string{"lint", "../../testdata/bad-ladders/rule-colon-unquoted"}, code: exitInvalid,
		reason: "a rule holding ': ' says to quote it and shows how"},
	{name: "lint-key-over-indented", args: []string{"lint", "../../testdata/bad-ladders/key-over-indented"}, code: exitInvalid,
		reason: "reported on the over-indented key's own line"},
	{name: "lint-key-duplicate", args: []string{"lint", "../../testdata/bad-ladders/key-duplicate"}, code: exitInvalid},
	{name: "lint-list-unclosed", args: []string{"lint", "../../testdata/bad-ladders/list-unclosed"}, code: exitInvalid},
	{name: "lint-duplicate-level-id", args: []string{"lint", "../../testdata/bad-ladders/duplicate-level-id-copy"}, code: exitInvalid,
		reason: "both files are named"},
	{name: "lint-duplicate-metric", args: []string{"lint", "../../testdata/bad-ladders/metric-duplicate-id"}, code: exitInvalid},
	{name: "lint-from-min-level-beyond", args: []string{"lint", "../../testdata/bad-ladders/from-min-level-beyond"}, code: exitInvalid,
		reason: "an unknown level with no likely typo lists the levels there are"},
	{name: "evaluate-overlay", args: []string{"evaluate", "--ladder", "../../examples/ladders/acme-worca", "../../examples/ladders/acme-worca/profiles"}, code: exitOK},
	{name: "levels-overlay", args: []string{"levels", "--ladder", "../../examples/ladders/acme-worca"}, code: exitOK},

	// export and schema (export itself is in TestExport: it writes files)
	{name: "export-help", args: []string{"export", "--help"}, code: exitOK},
	{name: "export-no-dir", args: []string{"export"}, code: exitUsage},
	{name: "schema-help", args: []string{"schema", "--help"}, code: exitOK},
	{name: "schema-unknown", args: []string{"schema", "levl"}, code: exitUsage},
	{name: "schema-no-kind", args: []string{"schema"}, code: exitUsage},
	{name: "serve-help", args: []string{"serve", "--help"}, code: exitOK},
}

func TestGolden(t *testing.T) {
	seen := map[string]bool{}
	for _, tc := range goldenCases {
		require.NotEmpty(t, tc.name)
		require.False(t, seen[tc.name], "duplicate case %q", tc.name)
		seen[tc.name] = true
		t.Run(tc.name, func(t *testing.T) {
			args := tc.args
			if !tc.noAt { // before "--", which ends the flags
				i := slices.Index(args, "--")
				if i < 0 {
					i = len(args)
				}
				args = slices.Concat(args[:i], []string{"--at", at}, args[i:])
			}
			got := runLadder(t, tc.stdin, args...)
			assert.Equal(t, tc.code, got.code, "exit status of ladder %s\nstderr:\n%s", strings.Join(args, " "), got.stderr)
			checkGolden(t, tc.name+".stdout", got.stdout)
			checkGolden(t, tc.name+".stderr", got.stderr)
			assert.NotContains(t, got.stdout+got.stderr, "\x1b[", "no colour outside a terminal")
			assert.NotContains(t, got.stdout+got.stderr, "goroutine ", "no stack traces")
		})
	}
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if got == "" {
			if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
				t.Fatal(err)
			}
			return
		}
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		want, err = nil, nil
	}
	require.NoError(t, err)
	assert.Equal(t, string(want), got, "%s differs; run 'go test ./cmd/ladder -update' to accept the new output", path)
}

// TestGoldenFilesUsed fails on golden files that no case writes any more.
func TestGoldenFilesUsed(t *testing.T) {
	names := map[string]bool{}
	for _, tc := range goldenCases {
		names[tc.name] = true
	}
	files, err := filepath.Glob(filepath.Join("testdata", "golden", "*"))
	require.NoError(t, err)
	for _, f := range files {
		base := filepath.Base(f)
		name := strings.TrimSuffix(strings.TrimSuffix(base, ".stdout"), ".stderr")
		assert.True(t, names[name], "stale golden file %s", f)
	}
}

func TestExitCodes(t *testing.T) {
	t.Run("unknown flag is a usage error", func(t *testing.T) {
		for _, cmd := range []string{"levels", "show", "evaluate", "referrals", "lint", "graph", "export", "schema"} {
			got := runLadder(t, "", cmd, "--nope", "--at", at)
			assert.Equal(t, exitUsage, got.code, cmd)
			assert.Equal(t, fmt.Sprintf("ladder %s: unknown flag --nope\nrun 'ladder %s --help' for usage\n", cmd, cmd), got.stderr)
			assert.Empty(t, got.stdout)
		}
	})
	t.Run("every command has help with an example", func(t *testing.T) {
		for _, c := range commands {
			for _, h := range []string{"-h", "--help", "-help"} {
				got := runLadder(t, "", c.name, h)
				assert.Equal(t, exitOK, got.code)
				assert.Contains(t, got.stdout, "Usage: ladder "+c.name)
				assert.Contains(t, got.stdout, "Example:\n  ladder "+c.name)
				assert.Empty(t, got.stderr)
			}
		}
	})
	t.Run("lint of a misspelt rule names file, line and column", func(t *testing.T) {
		got := runLadder(t, "", "lint", "testdata/ladders/misspelt", "--at", at)
		assert.Equal(t, exitInvalid, got.code)
		assert.Contains(t, got.stderr, "testdata/ladders/misspelt/L1.yaml:7:11: standards[0].rule: unknown name feature_hitrate (did you mean feature_hit_rate?)")
		assert.Regexp(t, regexp.MustCompile(`(?m)^testdata/ladders/misspelt/L1\.yaml:\d+:\d+: `), got.stderr)
		assert.Empty(t, got.stdout)
	})
	t.Run("lint through an absolute path and a path with ..", func(t *testing.T) {
		abs, err := filepath.Abs("testdata/ladders/misspelt")
		require.NoError(t, err)
		for _, dir := range []string{abs, "testdata/ladders/../ladders/misspelt", "./testdata/ladders/misspelt/"} {
			got := runLadder(t, "", "lint", dir)
			assert.Equal(t, exitInvalid, got.code)
			assert.Contains(t, got.stderr, filepath.Join(dir, "L1.yaml")+":7:11: ", dir)
		}
	})
	t.Run("a folder with one invalid profile still reports the valid ones", func(t *testing.T) {
		got := runLadder(t, "", "evaluate", "--at", at, "testdata/team")
		assert.Equal(t, exitInvalid, got.code)
		for _, who := range []string{"Maya Chen (maya)", "Dev Patel (dev)", "noor ·"} {
			assert.Contains(t, got.stdout, who)
		}
		assert.Regexp(t, `(?m)^zed, testdata/team/zed\.yaml +— +invalid `, got.stdout, "the invalid profile is a row of the summary, with its id")
		assert.NotContains(t, got.stdout, "zed ·", "but has no report")
		assert.Contains(t, got.stderr, "testdata/team/zed.yaml:7:3: metrics.feature_hitrate: unknown metric")
		for _, line := range strings.Split(strings.TrimSpace(got.stderr), "\n") {
			assert.True(t, strings.HasPrefix(line, "testdata/team/zed.yaml:"), "every problem names its file: %q", line)
		}
	})
	t.Run("flags after the arguments", func(t *testing.T) {
		a := runLadder(t, "", "evaluate", "testdata/team", "--summary", "--at", at)
		b := runLadder(t, "", "evaluate", "--summary", "--at", at, "testdata/team")
		assert.Equal(t, b, a)
		assert.Equal(t, exitInvalid, a.code)
	})
	t.Run("a syntax error names line and column", func(t *testing.T) {
		got := runLadder(t, "", "evaluate", "--at", at, "testdata/invalid/bad-syntax.yaml")
		assert.Equal(t, exitInvalid, got.code)
		assert.Regexp(t, `^testdata/invalid/bad-syntax\.yaml:\d+:\d+: `, got.stderr)
	})
}

func TestJSONOutputIsValid(t *testing.T) {
	cases := [][]string{
		{"evaluate", "testdata/profiles/maya.yaml"},
		{"evaluate", "testdata/profiles/maya.yaml", "testdata/profiles/dev.json", "testdata/profiles/lee.yaml"},
		{"evaluate", "testdata/team"},
		{"evaluate", "--summary", "testdata/team"},
		{"evaluate", "testdata/profiles/nobody.yaml", "testdata/profiles/other.yaml"},
		{"referrals", "testdata/profiles/maya.yaml"},
		{"referrals", "--schedule", "testdata/team"},
		{"levels"},
		{"show", "L7"},
		{"graph"},
		{"lint", "testdata/ladders/misspelt", "testdata/ladders/small"},
	}
	for _, args := range cases {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			got := runLadder(t, "", append(args, "--format", "json", "--at", at)...)
			assert.True(t, json.Valid([]byte(got.stdout)), "not valid JSON:\n%s", got.stdout)
		})
	}
	t.Run("one object for one profile, an array for several", func(t *testing.T) {
		one := runLadder(t, "", "evaluate", "--format", "json", "--at", at, "testdata/profiles/maya.yaml")
		var obj map[string]any
		require.NoError(t, json.Unmarshal([]byte(one.stdout), &obj))
		assert.Equal(t, "maya", obj["person"])
		assert.Equal(t, "not_eligible", obj["promotion"].(map[string]any)["verdict"])

		several := runLadder(t, "", "evaluate", "--format", "json", "--at", at, "testdata/profiles/maya.yaml", "testdata/profiles/dev.json")
		var arr []map[string]any
		require.NoError(t, json.Unmarshal([]byte(several.stdout), &arr))
		require.Len(t, arr, 2)
		assert.Equal(t, "dev", arr[1]["person"])
	})
}

func TestStdin(t *testing.T) {
	profile, err := os.ReadFile("testdata/profiles/dev.json")
	require.NoError(t, err)
	fromStdin := runLadder(t, string(profile), "evaluate", "--at", at, "-")
	fromFile := runLadder(t, "", "evaluate", "--at", at, "testdata/profiles/dev.json")
	assert.Equal(t, fromFile, fromStdin)

	bad := runLadder(t, "id: x\nlevel: L99\n", "evaluate", "--at", at, "-")
	assert.Equal(t, exitInvalid, bad.code)
	assert.Equal(t, "<stdin>:2:8: level: unknown level \"L99\" (did you mean L9?)\n", bad.stderr)
}

// TestInputsUntouched checks that no command writes to its inputs.
func TestInputsUntouched(t *testing.T) {
	before := hashTree(t, "testdata")
	for _, tc := range goldenCases {
		runLadder(t, tc.stdin, tc.args...)
	}
	assert.Equal(t, before, hashTree(t, "testdata"))
}

func hashTree(t *testing.T, root string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		fmt.Fprintf(h, "%s %d\n", path, len(b))
		h.Write(b)
		return err
	})
	require.NoError(t, err)
	return fmt.Sprintf("%x", h.Sum(nil))
}

func TestTableAlignsByRunes(t *testing.T) {
	tb := &table{header: []string{"Mark", "Name", "Amount"}, right: map[int]bool{2: true}}
	tb.addText("✓", "Roadmap ownership", "USD 1.00")
	tb.addText("✗", "Scope – cuts", "USD 1,000.00")
	var b bytes.Buffer
	tb.write(&b, "  ", false)
	assert.Equal(t, ""+
		"  Mark  Name                     Amount\n"+
		"  ✓     Roadmap ownership      USD 1.00\n"+
		"  ✗     Scope – cuts       USD 1,000.00\n", b.String())
}

func TestColour(t *testing.T) {
	assert.False(t, wantColor(&bytes.Buffer{}), "a buffer is not a terminal")
	f, err := os.CreateTemp(t.TempDir(), "out")
	require.NoError(t, err)
	defer f.Close()
	assert.False(t, wantColor(f), "a file is not a terminal")

	text := "Promotion to L8: NOT ELIGIBLE\n  ✓ Months at level  ok\n  ✗ Roadmap defense  no result\n  ? Metric  not provided\n"
	got := colorReport(text)
	assert.Contains(t, got, ": "+red+"NOT ELIGIBLE"+reset)
	assert.Contains(t, got, "  "+green+"✓"+reset+" Months at level")
	assert.Contains(t, got, "  "+red+"✗"+reset+" Roadmap defense")
	assert.Contains(t, got, "  "+yellow+"?"+reset+" Metric")
	assert.Equal(t, text, regexp.MustCompile(`\x1b\[[0-9;]*m`).ReplaceAllString(got, ""))
}

func TestWrap(t *testing.T) {
	var b bytes.Buffer
	wrap(&b, "one two three four five six", "  - ", "    ", 14)
	assert.Equal(t, "  - one two\n    three four\n    five six\n", b.String())
}

// TestBinary builds the command and runs it as a user would.
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	bin := filepath.Join(t.TempDir(), "ladder")
	build := exec.Command("go", "build", "-o", bin, ".")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "go build: %s", out)

	cmd := exec.Command(bin, "evaluate", "--at", at, "testdata/profiles/maya.yaml")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Run(), "stderr: %s", stderr.String())
	assert.Contains(t, stdout.String(), "Maya Chen (maya) · L7 Sr Product Owner · as of 2026-11-20")
	assert.Contains(t, stdout.String(), "Promotion to L8: NOT ELIGIBLE")
	assert.NotContains(t, stdout.String(), "\x1b[", "no colour when stdout is a pipe")
	assert.Empty(t, stderr.String())

	cmd = exec.Command(bin, "evaluate", "--frobnicate", "testdata/profiles/maya.yaml")
	stdout.Reset()
	stderr.Reset()
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	var exitErr *exec.ExitError
	require.ErrorAs(t, err, &exitErr)
	assert.Equal(t, exitUsage, exitErr.ExitCode())
	assert.Empty(t, stdout.String())
	assert.Equal(t, "ladder evaluate: unknown flag --frobnicate\nrun 'ladder evaluate --help' for usage\n", stderr.String())
}

func TestVersion(t *testing.T) {
	tests := []struct {
		name string
		info *debug.BuildInfo
		ok   bool
		want string
	}{
		{"release", &debug.BuildInfo{Main: debug.Module{Path: "github.com/ladderkit/ladder", Version: "v1.2.3"}}, true, "v1.2.3"},
		{"pseudo-version", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261125203500-28c76dd1a2b3"}}, true, "v0.0.0-20261125203500-28c76dd1a2b3"},
		{"devel", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, true, "(devel)"},
		{"no version recorded", &debug.BuildInfo{}, true, "(devel)"},
		{"no build info", nil, false, "(devel)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, version(tc.info, tc.ok))
		})
	}
}

// tuneGC sets the command's GOGC and memory limit, and leaves them alone
// where the environment sets them.
func TestTuneGC(t *testing.T) {
	restore := func(percent int, limit int64) {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
	defer restore(debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64))

	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	tuneGC()
	assert.Equal(t, gcPercent, debug.SetGCPercent(100), "GOGC")
	assert.Equal(t, int64(memoryLimit), debug.SetMemoryLimit(math.MaxInt64), "memory limit")

	t.Setenv("GOGC", "150")
	t.Setenv("GOMEMLIMIT", "1GiB")
	tuneGC()
	assert.Equal(t, 100, debug.SetGCPercent(100), "GOGC set by the environment is left alone")
	assert.Equal(t, int64(math.MaxInt64), debug.SetMemoryLimit(math.MaxInt64), "GOMEMLIMIT set by the environment is left alone")
}

package ladder_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ladderkit/ladder"
)

// Hostile ladders and profiles (issue 12). Each case runs in a child
// process, the test binary run again with hostileEnv naming the case, so
// that a fatal error (out of memory) or a hang fails one test and not the
// suite. The parent waits at most hostileWatchdog, far above the well
// under a second each case takes, and compares the child's answer exactly
// with its golden file in testdata/hostile. The child writes its answer to
// the file hostileOutEnv names, not to its output, which the test framework
// shares (go test -cover adds a coverage line to it; issue 24).

const (
	hostileEnv      = "LADDER_HOSTILE_CASE"
	hostileOutEnv   = "LADDER_HOSTILE_OUT"
	hostileWatchdog = 10 * time.Second
)

// hostileCase runs one hostile input and returns its outcome as text.
type hostileCase struct {
	name string
	run  func() string
}

// ruleLadder is a one-level ladder whose standard is rule, over metrics
// s (number), n (int), z (number) and c (percent).
func ruleLadder(rule string) fstest.MapFS {
	return fstest.MapFS{
		"x/ladder.yaml": {Data: []byte("id: x\nmetrics: [{id: s, type: number}, {id: n, type: int}, {id: z, type: number}, {id: c, type: percent}]\n")},
		"x/L1.yaml":     {Data: []byte(fmt.Sprintf("id: L1\nrank: 1\nstandards:\n  - id: r\n    name: R\n    rule: '%s'\n", strings.ReplaceAll(rule, "'", "''")))},
	}
}

// ruleOutcome loads ruleLadder(rule) and evaluates a person with metrics;
// it returns the load error, or the check's status and detail.
func ruleOutcome(rule string, metrics map[string]any) string {
	l, err := ladder.Load(ruleLadder(rule), "x")
	if err != nil {
		return err.Error()
	}
	r, err := l.Evaluate(ladder.Person{ID: "p", Level: "L1", Metrics: metrics}, ladder.At(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)))
	if err != nil {
		return "evaluate: " + err.Error()
	}
	return fmt.Sprintf("%s: %s", r.Standards[0].Status, r.Standards[0].Detail)
}

// loadOutcome loads ladder x from fsys and returns its error, or "loaded".
func loadOutcome(fsys fstest.MapFS) string {
	if _, err := ladder.Load(fsys, "x"); err != nil {
		return err.Error()
	}
	return "loaded"
}

// promotionLadder is a two-level ladder whose first level has the given
// promotion and mentorship lines.
func promotionLadder(promotion, mentorship string) fstest.MapFS {
	return fstest.MapFS{
		"x/ladder.yaml": {Data: []byte("id: x\n")},
		"x/L1.yaml":     {Data: []byte("id: L1\nrank: 1\npromotion:\n  to: L2\n" + promotion + mentorship)},
		"x/L2.yaml":     {Data: []byte("id: L2\nrank: 2\n")},
	}
}

// personOutcome parses a profile and returns its error, or its metrics.
func personOutcome(profile string) string {
	p, err := ladder.ParsePerson([]byte(profile))
	if err != nil {
		return err.Error()
	}
	if len(p.Metrics) > 5 {
		return fmt.Sprintf("%d metrics", len(p.Metrics))
	}
	return fmt.Sprintf("%v", p.Metrics)
}

var hostileCases = []hostileCase{
	// 1. Rules that build huge strings, or loop without bound.
	{"repeat", func() string { return ruleOutcome(`len(repeat(repeat("a", 100000), 100000)) > 0`, nil) }},
	{"reduce-range-concat", func() string { return ruleOutcome(`reduce(1..100000, #acc + "xxxxxxxxxx", "") != ""`, nil) }},
	{"reduce-doubling", func() string { return ruleOutcome(`len(reduce(1..40, #acc + #acc, "ab")) > 0`, nil) }},
	{"string-plus", func() string { return ruleOutcome(`len("ab" + "cd") > 0`, nil) }},
	{"map-join-upper", func() string { return ruleOutcome(`len(join(map(roles, upper(#)), ",")) > 0`, nil) }},
	{"list-plus", func() string { return ruleOutcome(`len([1] + [2]) > 0`, nil) }},
	{"replace", func() string { return ruleOutcome(`replace("a", "a", "aa") == "aa"`, nil) }},
	{"range", func() string { return ruleOutcome(`count(1..1000000000, # > n) > 0`, nil) }},
	{"nested-predicates", func() string { return ruleOutcome(`count(mentees, count(mentees, .rank > 1) > 0) > 0`, nil) }},
	{"dynamic-matches", func() string { return ruleOutcome(`any(roles, "founder" matches #)`, nil) }},
	// 2. Division by zero, NaN and infinities make the check unknown.
	{"divide-by-zero", func() string { return ruleOutcome(`s / (n - 3) >= 10`, map[string]any{"s": 5.0, "n": 3}) }},
	{"nan", func() string { return ruleOutcome(`z / z == z / z`, map[string]any{"z": 0.0}) }},
	{"modulo-zero", func() string { return ruleOutcome(`n % (n - n) == 0`, map[string]any{"n": 4}) }},
	{"power-overflow", func() string { return ruleOutcome(`s ** n > 1`, map[string]any{"s": 10.0, "n": 400}) }},
	{"float-overflow", func() string { return ruleOutcome(`s * s > 1`, map[string]any{"s": 1e300}) }},
	{"int-overflow", func() string { return ruleOutcome(`n * n > 0`, map[string]any{"n": 1 << 40}) }},
	{"sum-overflow", func() string { return ruleOutcome(`sum([s, s]) > 0`, map[string]any{"s": 1e308}) }},
	{"sum-int-overflow", func() string { return ruleOutcome(`sum([n, 9223372036854775807]) > 0`, map[string]any{"n": 1}) }},
	{"sum-predicate-int-overflow", func() string { return ruleOutcome(`sum([n, 9223372036854775807], # * 1) > 0`, map[string]any{"n": 1}) }},
	{"sum-ints", func() string { return ruleOutcome(`sum([n, n, 1]) == 7`, map[string]any{"n": 3}) }},
	// Unary minus and abs of the smallest whole number overflow (issue 24).
	{"negate-min-int", func() string { return ruleOutcome(`-(-9223372036854775807 - 1) > 0`, nil) }},
	{"abs-min-int", func() string { return ruleOutcome(`abs(-9223372036854775807 - 1) > 0`, nil) }},
	{"negate-min-int-predicate", func() string { return ruleOutcome(`count([-9223372036854775807 - 1], -# > 0) == 1`, nil) }},
	{"metric-min-int", func() string {
		// The smallest whole number is out of the range int metrics hold,
		// and is said to be (it was "want a whole number").
		var b strings.Builder
		fmt.Fprintln(&b, ruleOutcome(`-n > 0`, map[string]any{"n": math.MinInt64}))
		p, err := ladder.ParsePerson([]byte("id: p\nlevel: L1\nmetrics: {n: -9223372036854775808}\n"))
		if err != nil {
			return err.Error()
		}
		l, err := ladder.Load(ruleLadder(`-n > 0`), "x")
		if err != nil {
			return err.Error()
		}
		_, err = l.Evaluate(p, ladder.At(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)))
		fmt.Fprint(&b, err)
		return b.String()
	}},
	{"negate-and-abs", func() string {
		return ruleOutcome(`-n == -3 and abs(n - 5) == 2 and -s == -1.5 and abs(-s) == 1.5 and -(-n) == n and abs(-n) == 3`, map[string]any{"n": 3, "s": 1.5})
	}},
	// 3. Month counts and dates.
	{"referral-months", func() string {
		return loadOutcome(promotionLadder("", "mentorship:\n  slots: 1\n  referral: {percent: 10%, months: 2000000000}\n"))
	}},
	{"min-months", func() string { return loadOutcome(promotionLadder("  min_months: 9223372036854775807\n", "")) }},
	{"min-months-in-track", func() string { return loadOutcome(promotionLadder("  min_months_in_track: 1200\n", "")) }},
	{"earliest-saturates", func() string {
		l, err := ladder.Load(promotionLadder("  min_months: 1199\n", ""), "x")
		if err != nil {
			return err.Error()
		}
		r, err := l.Evaluate(ladder.Person{ID: "p", Level: "L1", LevelSince: time.Date(9990, 1, 1, 0, 0, 0, 0, time.UTC)},
			ladder.At(time.Date(9999, 6, 1, 0, 0, 0, 0, time.UTC)))
		if err != nil {
			return err.Error()
		}
		return r.Promotion.Earliest.Format(time.DateOnly) + "\n" + r.Promotion.Checks[0].Detail
	}},
	{"ladder-numbers", func() string {
		return loadOutcome(promotionLadder("  min_months: 010\n  min_months_in_track: 0x10\n", "mentorship:\n  slots: 1_0\n"))
	}},
	{"schedule-by-hand", func() string {
		s := ladder.Referral{Months: 2000000000, Start: time.Date(9990, 1, 1, 0, 0, 0, 0, time.UTC)}.Schedule()
		return fmt.Sprintf("%d months, last %s", len(s), s[len(s)-1].Start.Format(time.DateOnly))
	}},
	{"add-months", func() string {
		return ladder.AddMonths(time.Date(9999, 1, 31, 0, 0, 0, 0, time.UTC), 1199).Format(time.DateOnly) + " " +
			ladder.AddMonths(time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC), 1<<62).Format(time.DateOnly)
	}},
	// 4. Files that are not regular files are refused before being read.
	{"fifo-mapfs", func() string {
		fsys := ruleLadder("n > 1")
		fsys["x/L9.yaml"] = &fstest.MapFile{Mode: os.ModeNamedPipe}
		return loadOutcome(fsys)
	}},
	{"device-mapfs", func() string {
		fsys := ruleLadder("n > 1")
		fsys["x/L9.yaml"] = &fstest.MapFile{Mode: os.ModeDevice | os.ModeCharDevice}
		return loadOutcome(fsys)
	}},
	{"socket-mapfs", func() string {
		fsys := ruleLadder("n > 1")
		fsys["x/L9.yaml"] = &fstest.MapFile{Mode: os.ModeSocket}
		return loadOutcome(fsys)
	}},
	{"symlink-unresolvable", func() string {
		// A file system that lists a symbolic link but cannot say where it
		// leads: the link is refused, as it may lead outside (issue 24).
		fsys := ruleLadder("n > 1")
		fsys["x/L9.yaml"] = &fstest.MapFile{Mode: fs.ModeSymlink, Data: []byte("../secret")}
		fsys["secret"] = &fstest.MapFile{Data: []byte("SECRET_TOKEN=abc123: x\n")}
		_, err := ladder.Load(openOnly{fsys}, "x")
		return fmt.Sprint(err)
	}},
	{"file-grows", func() string {
		fsys := ruleLadder("n > 1")
		fsys["x/L9.yaml"] = &fstest.MapFile{Data: []byte("id: L9\nrank: 9\n")}
		_, err := ladder.Load(growingFS{fsys, "x/L9.yaml"}, "x")
		return fmt.Sprint(err)
	}},
	// 5. The directory is bounded before anything is parsed.
	{"directory-bytes", func() string {
		fsys := ruleLadder("n > 1")
		big := bytes.Repeat([]byte("# 1 MB of comment\n"), 1000000/18)
		for i := range 400 {
			fsys[fmt.Sprintf("x/L%03d.yaml", i+2)] = &fstest.MapFile{Data: big}
		}
		return loadOutcome(fsys)
	}},
	{"directory-files", func() string {
		fsys := ruleLadder("n > 1")
		for i := range 200 {
			fsys[fmt.Sprintf("x/L%03d.yaml", i+2)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("id: L%d\nrank: %d\n", i+2, i+2))}
		}
		return loadOutcome(fsys)
	}},
	{"directory-nine-mib", func() string {
		fsys := ruleLadder("n > 1")
		big := bytes.Repeat([]byte("# comment\n"), 1<<20/10)
		for i := range 9 {
			fsys[fmt.Sprintf("x/L%03d.yaml", i+2)] = &fstest.MapFile{Data: big}
		}
		return loadOutcome(fsys)
	}},
	{"ladder-file-size", func() string {
		fsys := ruleLadder("n > 1")
		fsys["x/L2.yaml"] = &fstest.MapFile{Data: bytes.Repeat([]byte("# comment\n"), 1<<20/10+1)}
		return loadOutcome(fsys)
	}},
	{"ladder-file-lines", func() string {
		fsys := ruleLadder("n > 1")
		fsys["x/L2.yaml"] = &fstest.MapFile{Data: []byte("id: L2\nrank: 2\n" + strings.Repeat("#\n", 5000))}
		return loadOutcome(fsys)
	}},
	{"rules-in-ladder", func() string {
		fsys := ruleLadder("n > 1")
		var b strings.Builder
		b.WriteString("id: L2\nrank: 2\nstandards:\n")
		for i := range 2000 {
			fmt.Fprintf(&b, "  - {id: s%d, name: S, rule: n > %d}\n", i, i)
		}
		fsys["x/L2.yaml"] = &fstest.MapFile{Data: []byte(b.String())}
		return loadOutcome(fsys)
	}},
	{"rule-nodes", func() string { return ruleOutcome(strings.Repeat("n+", 600)+"n > 0", nil) }},
	// A pattern of matches compiles to a bounded program, and so do all
	// the patterns of a ladder (issue 24): 100 rules of 4 KB patterns took
	// a minute and 1.5 GB to load.
	{"regex-pattern-size", func() string {
		return ruleOutcome(`any(roles, # matches "`+strings.Repeat("a{1000}", 570)+`")`, nil)
	}},
	{"regex-pattern-at-limit", func() string {
		return ruleOutcome(`any(roles, # matches "^`+strings.Repeat("a{1000}", 9)+strings.Repeat("b", 996)+`$")`, nil)
	}},
	{"regex-ladder-patterns", func() string {
		var b strings.Builder
		b.WriteString("id: L1\nrank: 1\nstandards:\n")
		for i := range 100 {
			fmt.Fprintf(&b, "  - {id: s%d, name: S, rule: 'any(roles, # matches \"%s%d\")'}\n", i, strings.Repeat("a{1000}", 9), i)
		}
		fsys := fstest.MapFS{"x/ladder.yaml": {Data: []byte("id: x\n")}, "x/L1.yaml": {Data: []byte(b.String())}}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err := ladder.Load(fsys, "x")
		runtime.ReadMemStats(&after)
		var des ladder.DefinitionErrors
		if !errors.As(err, &des) {
			return fmt.Sprint(err)
		}
		mb := (after.TotalAlloc - before.TotalAlloc) >> 20
		return fmt.Sprintf("%d problems, the first:\n%s\nallocated under 100 MiB: %t", len(des), des[0], mb < 100)
	}},
	{"regex-pattern-behind-let", func() string {
		// The gap analysis compiles a part's let bindings with it: a
		// pattern behind let would be compiled again for every part.
		parts := make([]string, 240)
		for i := range parts {
			parts[i] = fmt.Sprintf("x > %d", i)
		}
		rule := `let x = count(mentees, .id matches "` + strings.Repeat("a{1000}", 9) + `"); ` + strings.Join(parts, " && ")
		allocs, err := chainAllocs(rule, 11)
		return fmt.Sprintf("loaded: %t\nallocated under 100 MiB: %t", err == nil, allocs < 100<<20)
	}},
	// Loading is linear in the ladder's size (issue 24): ten rules ten
	// times as long allocate about what a hundred short ones do, where
	// printing every subtree of a rule made it ten times as much.
	{"long-rule-chains", func() string {
		var b strings.Builder
		for _, shape := range []struct {
			name string
			rule func(k int) string
		}{
			{"and", func(k int) string { return strings.Repeat("b && ", k) + "b" }},
			{"or", func(k int) string { return strings.Repeat("b || ", k) + "b" }},
			{"plus", func(k int) string { return strings.Repeat("n + ", k) + "n > 0" }},
			{"minus", func(k int) string { return strings.Repeat("-", k) + "n > 0" }},
			{"abs", func(k int) string { return strings.Repeat("abs(", k) + "n" + strings.Repeat(")", k) + " > 0" }},
			{"ternary", func(k int) string { return strings.Repeat("b ? b : ", k) + "b" }},
			{"comparisons", func(k int) string {
				parts := make([]string, k/2)
				for i := range parts {
					parts[i] = fmt.Sprintf("n > %d", i)
				}
				return strings.Join(parts, " && ")
			}},
			{"lets", func(k int) string {
				var lets, parts []string
				for i := range k / 4 {
					lets = append(lets, fmt.Sprintf("let x%d = n + %d;", i, i))
					parts = append(parts, fmt.Sprintf("x%d > 0", i))
				}
				return strings.Join(lets, " ") + " " + strings.Join(parts, " && ")
			}},
		} {
			short, err1 := chainAllocs(shape.rule(30), 100)
			long, err2 := chainAllocs(shape.rule(300), 10)
			verdict := "linear"
			switch {
			case err1 != nil || err2 != nil:
				verdict = fmt.Sprint(errors.Join(err1, err2))
			case long > 2*short:
				verdict = fmt.Sprintf("not linear: %.1f times the allocations", float64(long)/float64(short))
			}
			fmt.Fprintf(&b, "%s: %s\n", shape.name, verdict)
		}
		return b.String()
	}},
	// 6. A flow mapping of 60,000 keys parses in linear time.
	{"flow-mapping", func() string { return personOutcome(manyKeys(60000, "")) }},
	{"flow-mapping-duplicate", func() string { return personOutcome(manyKeys(60000, ", m0: 1")) }},
	{"flow-mapping-at-limit", func() string { return personOutcome(manyKeys(5000, "")) }},
	{"flow-mapping-at-limit-duplicate", func() string { return personOutcome(manyKeys(4999, ", m0: 1")) }},
	// 8. CSV input within the limits (issue 24): a header's columns are
	// checked in linear time, its problems are capped as every list of
	// problems is, and a quoted cell is held to the record limit, line
	// breaks or not.
	{"csv-wide-header", func() string {
		var b strings.Builder
		b.WriteString("id,level")
		for i := 0; b.Len() < 1<<20-20; i++ {
			fmt.Fprintf(&b, ",metrics.m%d", i)
		}
		b.WriteString("\nx,L1\n")
		return csvOutcome(b.String())
	}},
	{"csv-wide-header-problems", func() string {
		var b strings.Builder
		b.WriteString("id,level")
		for i := 0; b.Len() < 1<<20-20; i++ {
			fmt.Fprintf(&b, ",c%d", i)
		}
		b.WriteString("\nx,L1\n")
		return csvOutcome(b.String())
	}},
	{"csv-header-problems", func() string {
		var b strings.Builder
		b.WriteString("id,level")
		for i := range 300 {
			fmt.Fprintf(&b, ",c%d", i)
		}
		b.WriteString("\nx,L1\n")
		return csvOutcome(b.String())
	}},
	{"csv-quoted-line-breaks", func() string {
		cell := strings.Repeat(strings.Repeat("a", 999)+"\n", 3000) // 3 MB
		return csvOutcome("id,level,name\nx,L1,\"" + cell + "\"\ny,L1,Y\n")
	}},
	{"csv-quoted-line-breaks-under-limit", func() string {
		cell := strings.Repeat(strings.Repeat("a", 999)+"\n", 1000) // 1 MB less a little
		return csvOutcome("id,level,name\nx,L1,\"" + cell + "\"\ny,L1,Y\n")
	}},
	// 7. Numbers mean their decimal digits, or are located errors.
	{"number-forms", func() string {
		var b strings.Builder
		for _, v := range []string{"010", "-010", "09", "+1", "1e3", "1.5e3", "0x1F", "0o12", "1_000", "0b101", "1e400"} {
			for _, form := range []string{"metrics: {m: %s}", "metrics:\n  m: %s"} {
				fmt.Fprintf(&b, "%s\t%q\t%s\n", v, form[:10], personOutcome("id: x\nlevel: L1\n"+fmt.Sprintf(form, v)+"\n"))
			}
		}
		return b.String()
	}},
}

// chainAllocs returns the bytes allocated to load a ladder of n standards
// with rule rule, over metrics b (bool) and n (int).
func chainAllocs(rule string, n int) (uint64, error) {
	var b strings.Builder
	b.WriteString("id: L1\nrank: 1\nstandards:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - {id: s%d, name: S, rule: '%s'}\n", i, rule)
	}
	fsys := fstest.MapFS{
		"x/ladder.yaml": {Data: []byte("id: x\nmetrics: [{id: b, type: bool}, {id: n, type: int}]\n")},
		"x/L1.yaml":     {Data: []byte(b.String())},
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := ladder.Load(fsys, "x")
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc, err
}

// csvOutcome reads a CSV stream of people and says what came of each
// record: its problems, cut at 300 bytes each and counted, or the person's
// id and the length of their name.
func csvOutcome(data string) string {
	var b strings.Builder
	for p, err := range ladder.ReadPeople(strings.NewReader(data)) {
		if err == nil {
			fmt.Fprintf(&b, "person %s, a name of %d bytes\n", p.ID, len(p.Name))
			continue
		}
		var pes ladder.ProfileErrors
		if !errors.As(err, &pes) {
			fmt.Fprintf(&b, "error: %v\n", err)
			continue
		}
		fmt.Fprintf(&b, "%d problems:\n", len(pes))
		for i, pe := range pes {
			if i == 3 && len(pes) > 5 {
				fmt.Fprintf(&b, "  …\n")
			}
			if i >= 3 && i < len(pes)-2 {
				continue
			}
			msg := pe.Error()
			if len(msg) > 300 {
				msg = msg[:300] + "…"
			}
			fmt.Fprintf(&b, "  %s\n", msg)
		}
	}
	return b.String()
}

// manyKeys is a profile whose metrics are a flow mapping of n keys.
func manyKeys(n int, extra string) string {
	var b strings.Builder
	b.WriteString("id: x\nlevel: L1\nmetrics: {")
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "m%d: %d", i, i)
	}
	b.WriteString(extra + "}\n")
	return b.String()
}

// TestHostileChild runs the case hostileEnv names, in the child process.
func TestHostileChild(t *testing.T) {
	name := os.Getenv(hostileEnv)
	if name == "" {
		t.Skip("runs only as the child of TestHostile")
	}
	for _, c := range append(hostileCases, hostileUnixCases(t)...) {
		if c.name == name {
			require.NoError(t, os.WriteFile(os.Getenv(hostileOutEnv), []byte(c.run()), 0o644))
			return
		}
	}
	t.Fatalf("no hostile case %q", name)
}

func TestHostile(t *testing.T) {
	for _, c := range append(hostileCases, hostileUnixCases(t)...) {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), hostileWatchdog)
			defer cancel()
			outcome := filepath.Join(t.TempDir(), "outcome")
			cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestHostileChild$", "-test.count=1")
			cmd.Env = append(os.Environ(), hostileEnv+"="+c.name, hostileOutEnv+"="+outcome)
			start := time.Now()
			out, err := cmd.CombinedOutput()
			t.Logf("took %v", time.Since(start))
			require.NoError(t, ctx.Err(), "the case did not answer within %v", hostileWatchdog)
			require.NoError(t, err, "the child failed:\n%s", out)
			got, err := os.ReadFile(outcome)
			require.NoError(t, err, "no outcome; the child said:\n%s", out)
			golden(t, "testdata/hostile/"+c.name+".golden", string(got))
		})
	}
}

// Rules compare decimals as people read them (issue 16): arithmetic on
// numbers rounds its results to 9 decimal places.
func TestRuleDecimals(t *testing.T) {
	for _, c := range []struct {
		rule    string
		metrics map[string]any
		want    string
	}{
		{`c * 100 >= 57`, map[string]any{"c": "57%"}, "met: c: 57%; wanted: c * 100 >= 57"},
		{`c * 100 == 57`, map[string]any{"c": "57%"}, "met: c: 57%; wanted: c * 100 == 57"},
		{`c + 0.1 + 0.2 == 0.87`, map[string]any{"c": "57%"}, "met: c: 57%; wanted: c + 0.1 + 0.2 == 0.87"},
		{`s - 1 == 0.0000001`, map[string]any{"s": 1.0000001}, "met: s: 1.0000001; wanted: s - 1 == 0.0000001"},
		{`s / 3 * 3 == s`, map[string]any{"s": 1.0}, "unmet: s: 1; wanted: s / 3 * 3 == s"}, // 0.333333333 * 3
		{`s / 3 * 3 >= 0.999999999`, map[string]any{"s": 1.0}, "met: s: 1; wanted: s / 3 * 3 >= 0.999999999"},
		{`s * 3 == 0.9`, map[string]any{"s": 0.3}, "met: s: 0.3; wanted: s * 3 == 0.9"},
		{`s * 3 > 0.9`, map[string]any{"s": 0.3}, "unmet: s: 0.3; wanted: s * 3 > 0.9"},
		{`c >= 0.57`, map[string]any{"c": "57%"}, "met: c: 57%; wanted: c >= 0.57"},
		{`c * 100 > 57`, map[string]any{"c": "57%"}, "unmet: c: 57%; wanted: c * 100 > 57"},
		{`s / 7 == 0.142857143`, map[string]any{"s": 1.0}, "met: s: 1; wanted: s / 7 == 0.142857143"},
		{`s * 1000000 == 5700000`, map[string]any{"s": 5.7}, "met: s: 5.7; wanted: s * 1000000 == 5700000"},
		{`n + 1 == 4 and n - 1 == 2 and n * 2 == 6 and n % 2 == 1`, map[string]any{"n": 3}, "met: n: 3; wanted: n + 1 == 4 and n - 1 == 2 and n * 2 == 6 and n % 2 == 1"},
	} {
		t.Run(c.rule, func(t *testing.T) {
			require.Equal(t, c.want, ruleOutcome(c.rule, c.metrics))
		})
	}
}

// openOnly is a file system that can only open files, not say where a
// symbolic link leads.
type openOnly struct{ fsys fs.FS }

func (o openOnly) Open(name string) (fs.File, error) { return o.fsys.Open(name) }

// growingFS is fsys where file name reports a size of 16 bytes but reads
// on for ever, as a file that grows after it was measured.
type growingFS struct {
	fsys fstest.MapFS
	name string
}

func (g growingFS) Open(name string) (fs.File, error) {
	f, err := g.fsys.Open(name)
	if err != nil || name != g.name {
		return f, err
	}
	return growingFile{f}, nil
}

type growingFile struct{ fs.File }

func (f growingFile) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = '#'
	}
	return len(p), nil
}

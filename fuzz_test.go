package ladder_test

import (
	"encoding/json"
	"errors"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/ladderkit/ladder"
)

// fuzzDate is the evaluation date of the fuzz targets.
var fuzzDate = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

// fuzzBase is a ladder directory whose files a fuzz input replaces one at a
// time.
type fuzzBase struct {
	dir   string
	fsys  fstest.MapFS
	files []string // sorted; FuzzLoad's file index picks one
}

// fuzzBases are the ladders FuzzLoad starts from: FuzzLoad's base index
// picks one.
func fuzzBases(t testing.TB) []fuzzBase {
	t.Helper()
	var bases []fuzzBase
	for _, dir := range []string{"testdata/ladders/small", "levels/worca"} {
		b := fuzzBase{dir: path.Base(dir), fsys: fstest.MapFS{}}
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if filepath.Ext(e.Name()) != ".yaml" {
				continue
			}
			data, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			b.fsys[b.dir+"/"+e.Name()] = &fstest.MapFile{Data: data}
			b.files = append(b.files, e.Name())
		}
		slices.Sort(b.files)
		bases = append(bases, b)
	}
	return bases
}

// FuzzLoad replaces one file of a valid ladder with the fuzzer's data. Load
// must not panic; its error must be DefinitionErrors naming a file each; a
// ladder that loads must evaluate a minimal person at each of its levels
// without error.
func FuzzLoad(f *testing.F) {
	bases := fuzzBases(f)
	for bi, b := range bases {
		for fi, name := range b.files {
			f.Add(uint8(bi), uint8(fi), []byte(b.fsys[b.dir+"/"+name].Data))
		}
	}
	// Every file of every bad ladder, in place of the small ladder's file
	// of the same name (or of ladder.yaml).
	small := bases[0]
	cases, err := filepath.Glob("testdata/bad-ladders/*/*.yaml")
	if err != nil {
		f.Fatal(err)
	}
	for _, c := range cases {
		data, err := os.ReadFile(c)
		if err != nil {
			f.Fatal(err)
		}
		fi := slices.Index(small.files, filepath.Base(c))
		if fi < 0 {
			fi = slices.Index(small.files, "ladder.yaml")
		}
		f.Add(uint8(0), uint8(fi), data)
	}
	// Hostile level files (issue 12), in place of the small ladder's first
	// level file.
	lf := slices.IndexFunc(small.files, func(n string) bool { return n != "ladder.yaml" })
	for _, doc := range hostileLevelSeeds {
		f.Add(uint8(0), uint8(lf), []byte(doc))
	}
	f.Fuzz(func(t *testing.T, base, file uint8, data []byte) {
		b := bases[int(base)%len(bases)]
		name := b.dir + "/" + b.files[int(file)%len(b.files)]
		fsys := fstest.MapFS{}
		for k, v := range b.fsys {
			fsys[k] = v
		}
		fsys[name] = &fstest.MapFile{Data: data}

		l, err := ladder.Load(fsys, b.dir)
		if err != nil {
			var des ladder.DefinitionErrors
			if !errors.As(err, &des) || len(des) == 0 {
				t.Fatalf("want DefinitionErrors, got %T: %v", err, err)
			}
			for _, e := range des {
				if e.File == "" || e.Message == "" || e.Line < 0 || e.Column < 0 {
					t.Errorf("incomplete error %#v", e)
				}
			}
			_ = err.Error()
			return
		}
		levels := l.Levels()
		if len(levels) == 0 {
			t.Fatal("a ladder loaded without levels")
		}
		for _, lv := range levels {
			r, err := l.Evaluate(ladder.Person{ID: "x", Level: lv.ID}, ladder.At(fuzzDate))
			if err != nil {
				t.Fatalf("evaluating a minimal person at %s: %v", lv.ID, err)
			}
			_ = r.Text()
		}
	})
}

// FuzzParsePerson parses the fuzzer's data as a profile. ParsePerson must
// not panic and must fail with ProfileErrors; a profile that parses must
// evaluate on the default and the small ladder without panic, and fail, if
// at all, with ProfileErrors that name their field.
func FuzzParsePerson(f *testing.F) {
	var seeds []string
	for _, pattern := range []string{"examples/profiles/*.yaml", "examples/profiles/*.json",
		"testdata/bad-profiles/*.yaml", "testdata/bad-profiles/*.json"} {
		files, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, files...)
	}
	for _, name := range seeds {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(validProfileYAML))
	f.Add([]byte(validProfileJSON))
	for _, doc := range ladder.HostileProfileSeeds() {
		f.Add([]byte(doc))
	}
	ladders := []*ladder.Ladder{ladder.Default(), smallLadder(f)}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ladder.ParsePerson(data)
		if err != nil {
			var pes ladder.ProfileErrors
			if !errors.As(err, &pes) || len(pes) == 0 {
				t.Fatalf("want ProfileErrors, got %T: %v", err, err)
			}
			_ = err.Error()
			// The person as far as it decoded never evaluates: it gives
			// the problems again, with the ladder's.
			for _, l := range ladders {
				r, err := l.Evaluate(p, ladder.At(fuzzDate))
				if r != nil || err == nil {
					t.Fatalf("a profile that did not parse evaluated: %v", err)
				}
				var all ladder.ProfileErrors
				if !errors.As(err, &all) || len(all) < len(pes) {
					t.Fatalf("want ProfileErrors holding the %d of parsing, got %T: %v", len(pes), err, err)
				}
			}
			return
		}
		for _, l := range ladders {
			r, err := l.Evaluate(p, ladder.At(fuzzDate))
			if err != nil {
				checkEvaluateError(t, err)
				continue
			}
			checkReport(t, r)
		}
	})
}

// FuzzEvaluate builds a person from the fuzzer's numbers — level, dates,
// metric values, checklist, assessments, nominations, waivers, mentees and
// placements — and evaluates them on the Worca track and the test ladders at
// a fuzzed date. Evaluate must not panic and may fail only with
// ProfileErrors that name their field; a report must be consistent: the
// verdict follows from the checks, a referral's schedule sums to its
// monthly cut times its months, and the JSON is valid.
func FuzzEvaluate(f *testing.F) {
	f.Add(uint8(6), uint16(1500), uint16(4000), uint16(3000), int64(74), uint8(0b1011), uint8(2), uint32(1200000), uint8(3))
	f.Add(uint8(3), uint16(0), uint16(0), uint16(0), int64(-1), uint8(0), uint8(0), uint32(0), uint8(0))
	f.Add(uint8(7), uint16(60000), uint16(1), uint16(65535), int64(1<<40), uint8(255), uint8(9), uint32(1<<31), uint8(255))
	rules, err := ladder.Load(os.DirFS("testdata/ladders"), "rules")
	if err != nil {
		f.Fatal(err)
	}
	arith, err := ladder.Load(arithLadder, "x")
	if err != nil {
		f.Fatal(err)
	}
	ladders := []*ladder.Ladder{ladder.Default(), rules, smallLadder(f), arith}
	epoch := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, levelIdx uint8, since, joined, asOf uint16, metric int64, flags, mentees uint8, rate uint32, extra uint8) {
		for _, l := range ladders {
			levels := l.Levels()
			lv := levels[int(levelIdx)%len(levels)]
			p := ladder.Person{ID: "fuzz", Level: lv.ID, Roles: nil, Metrics: map[string]any{}}
			at := epoch.AddDate(0, 0, int(asOf))
			if flags&1 != 0 {
				p.LevelSince = epoch.AddDate(0, 0, int(since))
			}
			if flags&2 != 0 {
				p.Joined = epoch.AddDate(0, 0, int(joined))
			}
			for i, m := range l.Metrics() {
				if (int(extra)+i)%3 == 0 {
					continue // not provided
				}
				switch m.Type {
				case ladder.MetricBool:
					p.Metrics[m.ID] = (metric+int64(i))%2 == 0
				case ladder.MetricPercent:
					p.Metrics[m.ID] = float64(uint64(metric)%101) / 100
				default:
					p.Metrics[m.ID] = metric % 1000
				}
			}
			for i, c := range lv.Checklist {
				if (int(flags)>>(i%8))&1 != 0 {
					p.Checklist = append(p.Checklist, c.ID)
				}
			}
			if pr := lv.Promotion; pr != nil {
				results := []ladder.Outcome{ladder.ResultPassed, ladder.ResultFailed, ladder.ResultPending}
				p.Assessments = map[string]ladder.AssessmentResult{}
				for i, a := range pr.Assessments {
					res := ladder.AssessmentResult{Result: results[(int(extra)+i)%3], Date: at.AddDate(0, 0, int(extra)-128)}
					if flags&16 != 0 {
						res.Panel = []ladder.Panelist{{By: "p", Level: levels[(int(extra)+i)%len(levels)].ID}}
					}
					p.Assessments[a.ID] = res
				}
			}
			if flags&32 != 0 {
				p.Mentor = &ladder.Mentor{ID: "m", Level: levels[int(metric%int64(len(levels))+int64(len(levels)))%len(levels)].ID}
				// Breaks around the level's start: some inside the span,
				// some across it, some too early or overlapping (errors).
				from := p.LevelSince.AddDate(0, 0, int(extra)-64)
				p.Breaks = []ladder.Break{{From: from, Until: from.AddDate(0, 0, int(since%400))},
					{From: from.AddDate(0, 0, 200), Until: from.AddDate(0, 0, 200+int(extra))}}
			}
			if flags&4 != 0 {
				p.Waivers = []ladder.Waiver{{Check: "tenure", By: "w", Date: at.AddDate(0, 0, -int(extra))}}
			}
			if flags&8 != 0 {
				nominator := levels[int(extra)%len(levels)].ID
				p.Nominations = []ladder.Nomination{{By: "fuzz"}, {By: "n", Level: nominator, Date: at.AddDate(0, 0, int(extra)-200)}}
				if roles := l.Info().Roles; len(roles) > 0 {
					p.Nominations = append(p.Nominations, ladder.Nomination{By: "r", Roles: roles[:1]})
				}
			}
			for i := range int(mentees % 8) {
				ml := levels[(int(extra)+i)%len(levels)].ID
				m := ladder.Mentee{ID: string(rune('a' + i)), Level: ml, Since: epoch.AddDate(0, 0, int(since)+i*37)}
				if i%3 != 2 { // otherwise derived from the levels
					adv := i%2 == 0
					m.Advanced = &adv
				}
				if i%3 == 1 {
					m.Until = m.Since.AddDate(0, 0, int(extra)+1)
				}
				if rate > 0 && i%2 == 0 {
					m.Placement = &ladder.Placement{Date: m.Since.AddDate(0, 0, i*11),
						MonthlyRate: ladder.Money{Amount: int64(rate) * int64(i+1), Currency: []string{"USD", "EUR", "JPY"}[i%3]}}
					if i%4 == 2 {
						m.Placement.Until = m.Placement.Date.AddDate(0, 0, int(extra)*3)
					}
				}
				p.Mentees = append(p.Mentees, m)
			}
			r, err := l.Evaluate(p, ladder.At(at))
			if err != nil {
				checkEvaluateError(t, err)
				continue
			}
			checkReport(t, r)
		}
	})
}

// checkEvaluateError checks that Evaluate failed with ProfileErrors, each
// naming its field, but for a last line counting problems left out.
func checkEvaluateError(t *testing.T, err error) {
	t.Helper()
	var pes ladder.ProfileErrors
	if !errors.As(err, &pes) || len(pes) == 0 {
		t.Fatalf("want ProfileErrors, got %T: %v", err, err)
	}
	for i, e := range pes {
		summary := i == len(pes)-1 && strings.HasPrefix(e.Message, "and ")
		if (e.Path == "" && !summary) || e.Message == "" {
			t.Errorf("error without a path or message: %#v", e)
		}
	}
}

// checkReport checks that a report is consistent with itself.
func checkReport(t *testing.T, r *ladder.Report) {
	t.Helper()
	if pr := r.Promotion; pr != nil && pr.Published {
		want := ladder.Eligible
		for _, c := range pr.Checks {
			switch c.Status {
			case ladder.Unmet:
				want = ladder.NotEligible
			case ladder.Unknown:
				if want == ladder.Eligible {
					want = ladder.Undetermined
				}
			case ladder.Met, ladder.Waived:
			default:
				t.Errorf("check %s has status %q", c.ID, c.Status)
			}
			if c.Detail == "" {
				t.Errorf("check %s has no detail", c.ID)
			}
		}
		if pr.Verdict != want {
			t.Errorf("verdict %s, but the checks say %s", pr.Verdict, want)
		}
	}
	for _, ref := range r.Referrals {
		if !ref.Pays() {
			continue
		}
		var sum int64
		for _, m := range ref.Schedule() {
			sum += m.Amount.Amount
		}
		if sum != ref.Monthly.Amount*int64(ref.Months) {
			t.Errorf("referral %s: schedule sums to %d, want %d × %d", ref.Mentee, sum, ref.Monthly.Amount, ref.Months)
		}
		if got := ref.Earned.Amount + ref.Remaining.Amount; got > sum {
			t.Errorf("referral %s: earned + remaining %d exceeds the total %d", ref.Mentee, got, sum)
		}
	}
	_ = r.Text()
	_ = r.Markdown()
	js, err := r.JSON()
	if err != nil || !json.Valid(js) {
		t.Errorf("JSON: %v\n%s", err, js)
	}
}

// hostileLevelSeeds are level files of the families of issue 12: rules
// that build strings or loop, arithmetic that fails, month counts past any
// career.
var hostileLevelSeeds = []string{
	"id: L1\nrank: 1\nstandards:\n  - {id: a, name: A, rule: 'len(repeat(repeat(\"a\", 100000), 100000)) > 0'}\n",
	"id: L1\nrank: 1\nstandards:\n  - {id: a, name: A, rule: 'reduce(1..100000, #acc + \"xxxxxxxxxx\", \"\") != \"\"'}\n",
	"id: L1\nrank: 1\nstandards:\n  - {id: a, name: A, rule: 'len(reduce(1..40, #acc + #acc, \"ab\")) > 0'}\n",
	"id: L1\nrank: 1\nstandards:\n  - {id: a, name: A, rule: 'count(mentees, count(mentees, .rank > 1) > 0) > 0'}\n",
	"id: L1\nrank: 1\nstandards:\n  - {id: a, name: A, rule: 'checklist_done / (checklist_total - checklist_total) >= 10'}\n  - {id: b, name: B, rule: 'rank ** 1000 > 1 and rank * 9223372036854775807 > 0'}\n",
	"id: L1\nrank: 1\npromotion:\n  to: L2\n  min_months: 9223372036854775807\n  min_months_in_track: 1199\nmentorship:\n  slots: 1\n  referral: {percent: 10%, months: 2000000000}\n",
	// Issue 24: regex literals, long chains, the smallest whole number.
	"id: L1\nrank: 1\nstandards:\n  - {id: a, name: A, rule: 'any(roles, # matches \"a{1000}a{1000}(?:ab|cd){1000}\")'}\n",
	"id: L1\nrank: 1\nstandards:\n  - {id: a, name: A, rule: 'let x = count(mentees, .id matches \"^a+$\"); x > 0 && x > 1 && x < 9'}\n",
	"id: L1\nrank: 1\nstandards:\n  - {id: a, name: A, rule: '" + strings.Repeat("rank > 0 && ", 200) + "rank > 0'}\n",
	"id: L1\nrank: 1\nstandards:\n  - {id: a, name: A, rule: '-(-9223372036854775807 - 1) > 0 or abs(-9223372036854775807 - 1) > 0 or - - - rank < 0'}\n",
}

// arithLadder is a ladder whose rules do arithmetic that can divide by
// zero, overflow or need decimal rounding.
var arithLadder = fstest.MapFS{
	"x/ladder.yaml": {Data: []byte("id: x\nmetrics: [{id: s, type: number}, {id: n, type: int}, {id: c, type: percent}]\n")},
	"x/L1.yaml": {Data: []byte(`id: L1
rank: 1
standards:
  - {id: a, name: A, rule: "s / (n - 3) >= 10"}
  - {id: b, name: B, rule: "s / s == s / s"}
  - {id: c, name: C, rule: "c * 100 >= 57 and c + 0.1 + 0.2 > 0.5"}
  - {id: d, name: D, rule: "n * n * n * n * n * n * n > 0"}
  - {id: e, name: E, rule: "s ** n > 1 and n % (n - 1) == 0"}
  - {id: f, name: F, rule: "sum([s, s, s]) - mean([s, n]) > months_at_level / 12"}
`)},
}

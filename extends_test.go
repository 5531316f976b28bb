package ladder_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ladderkit/ladder"
)

// TestBadExtends loads every overlay in testdata/bad-extends and compares
// the error with the case's want.txt.
func TestBadExtends(t *testing.T) {
	const dir = "testdata/bad-extends"
	fsys := os.DirFS("testdata")
	for _, name := range caseDirs(t, dir) {
		t.Run(name, func(t *testing.T) {
			l, err := ladder.Load(fsys, "bad-extends/"+name)
			require.Error(t, err)
			assert.Nil(t, l)
			definitionErrors(t, err)
			golden(t, filepath.Join(dir, name, "want.txt"), err.Error())
		})
	}
}

// extendsBase is the base ladder of the merge tests, as base/ladder.yaml.
const extendsBase = `id: base
name: Base
publisher: Pub
edition: "1"
sources: [https://example.com/a]
roles: [founder, cto]
metrics:
  - {id: shipped, type: int, unit: features}
  - {id: hit_rate, type: percent}
  - {id: trusted, type: bool}
levels:
  - id: A1
    rank: 1
    title: One
    checklist: [{id: c1, text: First item}]
    standards: [{id: s1, name: Ships, rule: shipped >= 1}]
    promotion:
      to: A2
      min_months: 6
      assessments: [{id: demo, name: Demo}]
    mentorship: {slots: 1, mentee_levels: {min: A1, max: A1}, referral: {percent: 3, months: 6}}
  - id: A2
    rank: 2
    title: Two
    standards: [{id: s2, name: Hits, rule: hit_rate >= 0.5}]
    promotion: {to: A3, published: false}
  - id: A3
    rank: 3
    title: Three
    standards: [{id: s3, name: Trusted, rule: trusted}]
`

// overlayFS returns a file system with the base ladder in base/ and the
// given files (name → content) beside it.
func overlayFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{"base/ladder.yaml": {Data: []byte(extendsBase)}}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

func levelIDs(l *ladder.Ladder) []ladder.LevelID {
	var ids []ladder.LevelID
	for _, lv := range l.Levels() {
		ids = append(ids, lv.ID)
	}
	return ids
}

func metricIDs(l *ladder.Ladder) []string {
	var ids []string
	for _, m := range l.Metrics() {
		ids = append(ids, m.ID)
	}
	return ids
}

func mustLevel(t testing.TB, l *ladder.Ladder, id ladder.LevelID) ladder.Level {
	t.Helper()
	lv, ok := l.Level(id)
	require.True(t, ok, "no level %s", id)
	return lv
}

// TestExtendsMergeRules checks each merge rule of "Extending a ladder" in
// docs/format.md on the small base above.
func TestExtendsMergeRules(t *testing.T) {
	base, err := ladder.Load(overlayFS(nil), "base")
	require.NoError(t, err)
	tests := []struct {
		name  string
		files map[string]string // besides base/; the overlay is over/
		check func(t *testing.T, l *ladder.Ladder)
	}{
		{
			name:  "nothing given: the base as it is, but for the keys given",
			files: map[string]string{"over/ladder.yaml": "extends: ../base\n"},
			check: func(t *testing.T, l *ladder.Ladder) {
				assert.Equal(t, base.Info(), l.Info())
				assert.Equal(t, base.Levels(), l.Levels())
				assert.Equal(t, base.Metrics(), l.Metrics())
			},
		},
		{
			name:  "top-level scalars given replace the base's; the others are kept",
			files: map[string]string{"over/ladder.yaml": "id: over\nname: Over\nextends: ../base\n"},
			check: func(t *testing.T, l *ladder.Ladder) {
				assert.Equal(t, ladder.Info{ID: "over", Name: "Over", Publisher: "Pub", Edition: "1",
					Sources: []string{"https://example.com/a"}, Roles: []string{"founder", "cto"}}, l.Info())
			},
		},
		{
			name:  "sources and roles replace the base's whole lists",
			files: map[string]string{"over/ladder.yaml": "extends: ../base\nsources: [https://example.com/b]\nroles: [cto]\n"},
			check: func(t *testing.T, l *ladder.Ladder) {
				assert.Equal(t, []string{"https://example.com/b"}, l.Info().Sources)
				assert.Equal(t, []string{"cto"}, l.Info().Roles)
			},
		},
		{
			name: "metrics: an existing id is replaced in place, a new id is added at the end",
			files: map[string]string{"over/ladder.yaml": `extends: ../base
metrics:
  - {id: velocity, type: number, unit: points}
  - {id: hit_rate, type: number, unit: share}
`},
			check: func(t *testing.T, l *ladder.Ladder) {
				assert.Equal(t, []ladder.Metric{
					{ID: "shipped", Type: ladder.MetricInt, Unit: "features"},
					{ID: "hit_rate", Type: ladder.MetricNumber, Unit: "share"},
					{ID: "trusted", Type: ladder.MetricBool},
					{ID: "velocity", Type: ladder.MetricNumber, Unit: "points"},
				}, l.Metrics())
			},
		},
		{
			name: "levels: each key given replaces the base level's key whole; the others are kept",
			files: map[string]string{"over/ladder.yaml": `extends: ../base
levels:
  - id: A1
    title: Uno
    promotion: {to: A2, min_months: 3}
`},
			check: func(t *testing.T, l *ladder.Ladder) {
				a1, was := mustLevel(t, l, "A1"), mustLevel(t, base, "A1")
				assert.Equal(t, "Uno", a1.Title)
				assert.Equal(t, 1, a1.Rank, "rank is kept")
				require.NotNil(t, a1.Promotion)
				assert.Equal(t, 3, *a1.Promotion.MinMonths)
				assert.Empty(t, a1.Promotion.Assessments, "promotion is replaced whole, assessments and all")
				assert.Equal(t, was.Checklist, a1.Checklist)
				assert.Equal(t, was.Standards, a1.Standards)
				assert.Equal(t, was.Mentorship, a1.Mentorship)
				assert.Equal(t, base.Levels()[1:], l.Levels()[1:])
			},
		},
		{
			name:  "a level key given as null clears it",
			files: map[string]string{"over/ladder.yaml": "extends: ../base\nlevels:\n  - {id: A1, mentorship: ~, standards: []}\n"},
			check: func(t *testing.T, l *ladder.Ladder) {
				a1 := mustLevel(t, l, "A1")
				assert.Nil(t, a1.Mentorship)
				assert.Empty(t, a1.Standards)
				assert.Equal(t, "One", a1.Title)
			},
		},
		{
			name: "level files in the overlay directory patch levels too",
			files: map[string]string{
				"over/ladder.yaml": "extends: ../base\n",
				"over/A2.yaml":     "id: A2\nsummary: The second level.\n",
			},
			check: func(t *testing.T, l *ladder.Ladder) {
				a2 := mustLevel(t, l, "A2")
				assert.Equal(t, "The second level.", a2.Summary)
				assert.Equal(t, "Two", a2.Title)
			},
		},
		{
			name: "a new level is added",
			files: map[string]string{"over/ladder.yaml": `extends: ../base
levels:
  - {id: A3, promotion: {to: A4, published: false}}
  - {id: A4, rank: 4, title: Four}
`},
			check: func(t *testing.T, l *ladder.Ladder) {
				assert.Equal(t, []ladder.LevelID{"A1", "A2", "A3", "A4"}, levelIDs(l))
				assert.Equal(t, ladder.LevelID("A4"), mustLevel(t, l, "A3").Promotion.To)
			},
		},
		{
			name: "remove drops levels and metrics",
			files: map[string]string{"over/ladder.yaml": `extends: ../base
remove: [A3, trusted]
levels:
  - {id: A2, promotion: ~}
`},
			check: func(t *testing.T, l *ladder.Ladder) {
				assert.Equal(t, []ladder.LevelID{"A1", "A2"}, levelIDs(l))
				assert.Equal(t, []string{"shipped", "hit_rate"}, metricIDs(l))
			},
		},
		{
			name: "remove, then define again: the level is replaced whole",
			files: map[string]string{"over/ladder.yaml": `extends: ../base
remove: [A2]
levels:
  - {id: A2, rank: 2, promotion: {to: A3, published: false}}
`},
			check: func(t *testing.T, l *ladder.Ladder) {
				a2 := mustLevel(t, l, "A2")
				assert.Empty(t, a2.Title)
				assert.Empty(t, a2.Standards)
				assert.Equal(t, []ladder.LevelID{"A1", "A2", "A3"}, levelIDs(l))
			},
		},
		{
			name: "an overlay can fix a base's rule by replacing it",
			files: map[string]string{
				"broken/ladder.yaml": strings.Replace(extendsBase, "rule: trusted", "rule: trustd", 1),
				"over/ladder.yaml":   "extends: ../broken\nlevels:\n  - {id: A3, standards: [{id: s3, name: Trusted, rule: trusted}]}\n",
			},
			check: func(t *testing.T, l *ladder.Ladder) {
				assert.Equal(t, "trusted", mustLevel(t, l, "A3").Standards[0].Rule)
			},
		},
		{
			name: "a chain: an overlay of an overlay",
			files: map[string]string{
				"mid/ladder.yaml":  "id: mid\nextends: ../base\nmetrics: [{id: velocity, type: number}]\nlevels: [{id: A1, title: Mid}]\n",
				"over/ladder.yaml": "extends: ../mid\nlevels: [{id: A2, title: Top}]\n",
			},
			check: func(t *testing.T, l *ladder.Ladder) {
				assert.Equal(t, "mid", l.Info().ID)
				assert.Equal(t, []string{"shipped", "hit_rate", "trusted", "velocity"}, metricIDs(l))
				assert.Equal(t, "Mid", mustLevel(t, l, "A1").Title)
				assert.Equal(t, "Top", mustLevel(t, l, "A2").Title)
				assert.Equal(t, "Three", mustLevel(t, l, "A3").Title)
			},
		},
		{
			name: "a base in a subdirectory and one further up",
			files: map[string]string{
				"team/over/ladder.yaml":      "extends: ../../base\nname: Team\n",
				"team/over/sub/ladder.yaml":  "id: ignored\n",
				"team/over/notes/README.md":  "not a level\n",
				"team/over/sub/extra/a.yaml": "id: ignored\n",
			},
			check: func(t *testing.T, l *ladder.Ladder) {
				assert.Equal(t, "Team", l.Info().Name)
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := "over"
			if _, ok := tt.files["team/over/ladder.yaml"]; ok {
				dir = "team/over"
			}
			l, err := ladder.Load(overlayFS(tt.files), dir)
			require.NoError(t, err)
			tt.check(t, l)
		})
	}
}

// TestExtendsPositions checks that each problem is reported in the file that
// gave the offending value: the overlay's, or the base's for content kept.
func TestExtendsPositions(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{
			name: "a problem in base content the overlay kept is in the base file",
			files: map[string]string{
				"broken/ladder.yaml": strings.Replace(extendsBase, "rule: trusted", "rule: trustd", 1),
				"over/ladder.yaml":   "extends: ../broken\nlevels: [{id: A1, title: Uno}]\n",
			},
			want: "broken/ladder.yaml:30:47: levels[2].standards[0].rule: unknown name trustd (did you mean trusted?)\n" +
				" |     standards: [{id: s3, name: Trusted, rule: trustd}]\n" +
				" | ..............................................^",
		},
		{
			name:  "a problem in a key the overlay gave is in the overlay",
			files: map[string]string{"over/ladder.yaml": "extends: ../base\nlevels:\n  - id: A1\n    promotion: {to: A3}\n"},
			want: "over/ladder.yaml:4:21: levels[0].promotion.to: promotion to A3 (rank 3) does not go to the next rank: want A2 (rank 2)\n" +
				" |     promotion: {to: A3}\n" +
				" | ....................^",
		},
		{
			name:  "a base rule reading a metric the overlay removed is reported at the removal",
			files: map[string]string{"over/ladder.yaml": "extends: ../base\nremove: [trusted]\n"},
			want: "over/ladder.yaml:2:10: remove[0]: removing metric trusted breaks ../base/ladder.yaml:30:47 (levels[2].standards[0].rule): unknown name trusted\n" +
				" | remove: [trusted]\n" +
				" | .........^",
		},
		{
			name: "a base's own removal, read by the overlay",
			files: map[string]string{
				"mid/ladder.yaml":  "extends: ../base\nremove: [A3]\nlevels: [{id: A2, promotion: ~}]\n",
				"over/ladder.yaml": "extends: ../mid\nlevels: [{id: A2, promotion: {to: A3}}]\n",
			},
			want: "over/ladder.yaml:2:35: levels[0].promotion.to: unknown level \"A3\": ../mid/ladder.yaml:2:10 removes it\n" +
				" | levels: [{id: A2, promotion: {to: A3}}]\n" +
				" | ..................................^",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ladder.Load(overlayFS(tt.files), "over")
			definitionErrors(t, err)
			assert.Equal(t, tt.want, err.Error())
		})
	}
}

// TestExtendsChainLimit checks the length limit of extends chains and that
// a cycle is refused.
func TestExtendsChainLimit(t *testing.T) {
	chain := func(n int) fstest.MapFS { // l0 extends l1 … extends l(n-1), which extends base
		files := map[string]string{}
		for i := range n {
			next := fmt.Sprintf("../l%d", i+1)
			if i == n-1 {
				next = "../base"
			}
			files[fmt.Sprintf("l%d/ladder.yaml", i)] = "extends: " + next + "\n"
		}
		return overlayFS(files)
	}
	_, err := ladder.Load(chain(8), "l0") // eight extends: allowed
	require.NoError(t, err)
	_, err = ladder.Load(chain(9), "l0")
	des := definitionErrors(t, err)
	require.Len(t, des, 1)
	assert.Equal(t, "l8/ladder.yaml", des[0].File)
	assert.Equal(t, `"../base" makes the chain of extended ladders longer than 8`, des[0].Message)

	_, err = ladder.Load(overlayFS(map[string]string{
		"a/ladder.yaml": "extends: ../b\n",
		"b/ladder.yaml": "extends: ../c\n",
		"c/ladder.yaml": "extends: ../a\n",
	}), "a")
	des = definitionErrors(t, err)
	require.Len(t, des, 1)
	assert.Equal(t, "c/ladder.yaml", des[0].File)
	assert.Equal(t, `"../a" makes a cycle: ../a → ../b → this ladder → ../a`, des[0].Message)
}

// TestExtendsCauses checks the causes callers test with errors.Is.
func TestExtendsCauses(t *testing.T) {
	tests := []struct {
		overlay string
		target  error
	}{
		{"extends: ../base\nremove: [A9]\n", ladder.ErrUnknownLevel},
		{"extends: ../base\nremove: [shiped]\n", ladder.ErrUnknownMetric},
		{"extends: ../base\nremove: [some_metric]\n", ladder.ErrUnknownMetric},
		{"extends: ../base\nremove: [A3]\n", ladder.ErrUnknownLevel},       // A2 still promotes to A3
		{"extends: ../base\nremove: [trusted]\n", ladder.ErrUnknownMetric}, // A3 still reads trusted
		{"extends: ../nowhere\n", fs.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.overlay, func(t *testing.T) {
			_, err := ladder.Load(overlayFS(map[string]string{"over/ladder.yaml": tt.overlay}), "over")
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.target)
		})
	}
}

// TestAcmeWorca loads examples/ladders/acme-worca, which extends the
// embedded track, and evaluates its example profiles.
func TestAcmeWorca(t *testing.T) {
	const dir = "examples/ladders/acme-worca"
	l, err := ladder.Load(os.DirFS(dir), ".")
	require.NoError(t, err)
	worca := ladder.Default()

	assert.Equal(t, "acme-worca", l.Info().ID)
	assert.Equal(t, worca.Info().Sources, l.Info().Sources)
	assert.Equal(t, worca.Info().Roles, l.Info().Roles)
	assert.Equal(t, append(metricIDs(worca), "builders_led", "playbook_adopted"), metricIDs(l))

	// L5: Worca's, with the promotion filled in.
	l5, w5 := mustLevel(t, l, "L5"), mustLevel(t, worca, "L5")
	require.NotNil(t, l5.Promotion)
	assert.True(t, l5.Promotion.IsPublished())
	assert.False(t, w5.Promotion.IsPublished())
	assert.Equal(t, ladder.LevelID("L6"), l5.Promotion.To)
	assert.Equal(t, 24, *l5.Promotion.MinMonths)
	assert.Len(t, l5.Promotion.Assessments, 2)
	assert.Equal(t, []ladder.Requirement{
		{ID: "leads-builders", Name: "Leads a team of three or more builders", Rule: "builders_led >= 3"},
		{ID: "playbook-adopted", Name: "Onboarding playbook adopted by another team", Rule: "playbook_adopted"},
	}, l5.Promotion.Requirements)
	w5.Promotion = l5.Promotion
	assert.Equal(t, w5, l5, "L5 is Worca's but for its promotion")

	// L7: Worca's, with a 7% referral.
	l7, w7 := mustLevel(t, l, "L7"), mustLevel(t, worca, "L7")
	require.NotNil(t, l7.Mentorship)
	assert.Equal(t, ladder.ReferralTerms{Percent: 700, Months: 12}, *l7.Mentorship.Referral)
	assert.Equal(t, ladder.ReferralTerms{Percent: 600, Months: 12}, *w7.Mentorship.Referral)
	w7.Mentorship.Referral = l7.Mentorship.Referral
	assert.Equal(t, w7, l7, "L7 is Worca's but for its referral")

	// Every other level is Worca's.
	for i, lv := range l.Levels() {
		if lv.ID != "L5" && lv.ID != "L7" {
			assert.Equal(t, worca.Levels()[i], lv)
		}
	}

	// An L5 now gets a verdict; on Worca the step is undetermined.
	rosa := evalExample(t, l, filepath.Join(dir, "profiles/rosa-l5-ready.yaml"))
	require.NotNil(t, rosa.Promotion)
	assert.Equal(t, ladder.Eligible, rosa.Promotion.Verdict)
	assert.Equal(t, ladder.LevelID("L6"), rosa.Promotion.To)
	assert.Len(t, rosa.Promotion.Checks, 5)
	onWorca, err := worca.Evaluate(ladder.Person{ID: "rosa", Level: "L5", LevelSince: date(t, "2024-09-02")}, ladder.At(date(t, examplesDate)))
	require.NoError(t, err)
	assert.Equal(t, ladder.Undetermined, onWorca.Promotion.Verdict)

	// An L7 earns 7% of the placement.
	omar := evalExample(t, l, filepath.Join(dir, "profiles/omar-l7-referral.yaml"))
	ref := referralOf(t, omar, "nina-park")
	assert.Equal(t, money(t, "700.00", "USD"), ref.Monthly)
	assert.Equal(t, money(t, "6300.00", "USD"), ref.Earned)
	assert.Equal(t, money(t, "2100.00", "USD"), ref.Remaining)
	assert.Equal(t, ladder.NotEligible, omar.Promotion.Verdict)

	for name, r := range map[string]*ladder.Report{"rosa-l5-ready": rosa, "omar-l7-referral": omar} {
		js, err := r.JSON()
		require.NoError(t, err)
		assertGoldenFile(t, filepath.Join("testdata/golden/acme-worca", name+".txt"), []byte(r.Text()))
		assertGoldenFile(t, filepath.Join("testdata/golden/acme-worca", name+".json"), js)
	}
}

// TestReadmeExtendsExample loads the extends example of README.md, so that
// it stays a working ladder with the effect the README describes.
func TestReadmeExtendsExample(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	m := regexp.MustCompile("(?s)```yaml\n(id: acme-worca\n.*?)```\n").FindSubmatch(readme)
	require.NotNil(t, m, "README.md has no extends example")
	l, err := ladder.Load(fstest.MapFS{"acme/ladder.yaml": {Data: m[1]}}, "acme")
	require.NoError(t, err)
	acme, err := ladder.Load(os.DirFS("examples/ladders/acme-worca"), ".")
	require.NoError(t, err)
	assert.Equal(t, mustLevel(t, acme, "L7"), mustLevel(t, l, "L7"), "the README's L7 is the example's")
	assert.Equal(t, 24, *mustLevel(t, l, "L5").Promotion.MinMonths)
	assert.Equal(t, mustLevel(t, ladder.Default(), "L5").Sections, mustLevel(t, l, "L5").Sections)
}

// FuzzExtends loads an overlay ladder.yaml and level file from the fuzzer
// over the small base of the merge tests or over the embedded track. Load
// must not panic, its errors must name a file each, and a ladder that loads
// must evaluate a minimal person at each of its levels.
func FuzzExtends(f *testing.F) {
	files, err := filepath.Glob("testdata/bad-extends/*/ladder.yaml")
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, []byte("id: L5\npromotion: ~\n"))
	}
	f.Add([]byte("extends: ../base\nremove: [A3, trusted]\nlevels: [{id: A2, promotion: ~}]\n"), []byte("id: A1\nrank: 4\n"))
	f.Add([]byte("extends: ../base\nroles: []\n"), []byte("id: A9\nrank: 0\npromotion: {to: A1}\n"))
	f.Fuzz(func(t *testing.T, overlay, level []byte) {
		fsys := overlayFS(map[string]string{"over/ladder.yaml": string(overlay), "over/X.yaml": string(level)})
		l, err := ladder.Load(fsys, "over")
		if err != nil {
			var des ladder.DefinitionErrors
			if !errors.As(err, &des) || len(des) == 0 {
				t.Fatalf("want DefinitionErrors, got %T %v", err, err)
			}
			for _, de := range des {
				if de.File == "" || de.Message == "" {
					t.Fatalf("a problem without file or message: %#v", de)
				}
			}
			return
		}
		for _, lv := range l.Levels() {
			if _, err := l.Evaluate(ladder.Person{ID: "x", Level: lv.ID}, ladder.At(fuzzDate)); err != nil {
				t.Fatalf("evaluating at %s: %v", lv.ID, err)
			}
		}
	})
}

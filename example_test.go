package ladder_test

import (
	"errors"
	"fmt"
	"os"
	"testing/fstest"
	"time"

	"github.com/ladderkit/ladder"
)

// The whole job: parse a profile, evaluate it on the embedded Worca track,
// and read the verdict and what blocks it.
func Example() {
	p, err := ladder.ParsePerson([]byte(`
id: nadia
name: Nadia Rahman
level: L7
level_since: 2024-09-01
joined: 2015-05-01
metrics: {products_owned: 2, feature_hit_rate: "74%"}
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := ladder.Evaluate(p, ladder.At(time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("verdict:", r.Promotion.Verdict)
	tenure := r.Promotion.Checks[0]
	fmt.Println(tenure.ID, tenure.Status, "-", tenure.Detail)
	// Output:
	// verdict: not_eligible
	// tenure unmet - 26 of 36 months at L7; tenure allows promotion from 2027-09-01
}

func ExampleEvaluate() {
	p := ladder.Person{
		ID:         "sam",
		Level:      "L4",
		LevelSince: time.Date(2025, 1, 31, 0, 0, 0, 0, time.UTC),
		Metrics:    map[string]any{"product_decisions_adopted": 4, "data_driven_kills": 0},
	}
	r, err := ladder.Evaluate(p, ladder.At(time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range r.Standards[:3] {
		fmt.Printf("%-8s %s\n", c.Status, c.Name)
	}
	fmt.Println("earliest:", r.Promotion.Earliest.Format(time.DateOnly))
	// Output:
	// met      Product decisions adopted
	// unknown  Feature instrumentation
	// unmet    Data-driven kills
	// earliest: 2026-07-31
}

func ExampleLoad() {
	l, err := ladder.Load(os.DirFS("testdata/ladders"), "rules")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, lv := range l.Levels() {
		fmt.Println(lv.Rank, lv.Name())
	}
	// Output:
	// 1 A1 Apprentice
	// 2 A2 Builder
	// 3 A3 Lead
	// 4 A4 Principal
	// 5 A5 Partner
}

// LoadDir loads a ladder directory on disk, relative to the working
// directory or absolute.
func ExampleLoadDir() {
	l, err := ladder.LoadDir("testdata/ladders/small")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(l.Info().Name)
	for _, lv := range l.Levels() {
		fmt.Println(lv.Rank, lv.Name())
	}
	// Output:
	// Small test ladder
	// 1 L1 Builder
	// 2 L2 Owner
	// 3 L3 Lead
}

// A misspelt metric in a rule is a load error that points into the file.
func ExampleDefinitionError() {
	fsys := fstest.MapFS{
		"team/ladder.yaml": {Data: []byte(`id: team
metrics:
  - {id: feature_hit_rate, type: percent}
`)},
		"team/L1.yaml": {Data: []byte(`id: L1
rank: 1
standards:
  - id: hits
    name: Hit rate
    rule: feature_hitrate >= 0.70
`)},
	}
	_, err := ladder.Load(fsys, "team")
	fmt.Println(err)
	var de *ladder.DefinitionError
	if errors.As(err, &de) {
		fmt.Println(de.File, de.Line, de.Column, errors.Is(err, ladder.ErrUnknownMetric))
	}
	// Output:
	// team/L1.yaml:6:11: standards[0].rule: unknown name feature_hitrate (did you mean feature_hit_rate?)
	//  |     rule: feature_hitrate >= 0.70
	//  | ..........^
	// team/L1.yaml 6 11 true
}

func ExampleReport_Text() {
	l, _ := ladder.Load(os.DirFS("testdata/ladders"), "rules")
	p, _ := ladder.ParsePerson([]byte(`{id: ann, name: Ann Lee, level: A1, level_since: 2025-01-15, metrics: {shipped: 3}, checklist: [ships]}`))
	r, _ := l.Evaluate(p, ladder.At(time.Date(2025, 11, 20, 0, 0, 0, 0, time.UTC)))
	fmt.Print(r.Text())
	// Output:
	// Ann Lee (ann) · A1 Apprentice · as of 2025-11-20
	//
	// Ranking standard · 1 of 1 met
	//   ✓ Shipping  shipped: 3; wanted: 2+ features
	//
	// Checklist [██████░░░░░░░░░░░░░░] 1 of 3 done
	//   to do: reviews, writes
	//
	// Promotion to A2: NOT ELIGIBLE
	//   ✗ Months at level         [████████░░] 10 of 12 months at A1; tenure allows promotion from 2026-01-15
	//                             → clears on 2026-01-15 (2 more months at A1)
	//   ✗ Demo day                no result recorded
	//   ✗ A mentee advanced       mentees: none; wanted: A mentee advanced (count(mentees, .advanced) >= 1)
	//                             → needs 1 more advanced mentee (0 of 1)
	//   ✓ Ranking standard of A1  1 of 1 standards met
	//   earliest date tenure allows: 2026-01-15
	//   unlocks at A2:
	//     - A mentee slot
}

// Time away does not count towards the 10-year rule for L8, and the
// earliest date moves later by the same months. The report also says
// where the person is in their level's curriculum.
func ExampleBreak() {
	p, err := ladder.ParsePerson([]byte(`
id: priya
level: L7
level_since: 2024-06-03
joined: 2016-03-14
breaks: [{from: 2019-02-01, until: 2020-04-01}]
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := ladder.Evaluate(p, ladder.At(time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Promotion.Checks[1].Detail)
	fmt.Printf("month %d of %s: %s\n", r.Curriculum.Month, r.Level, r.Curriculum.Phase)
	// Output:
	// 114 of 120 months in the track, not counting 14 months away; tenure allows promotion from 2027-05-14
	// month 30 of L7: Strategic Authority
}

// A recorded panel is checked against who may sit on it, and the person's
// own mentor against who may mentor their level.
func ExamplePanelist() {
	p, err := ladder.ParsePerson([]byte(`
id: lucia
level: L4
mentor: {id: dev, level: L4}
assessments:
  live-scope-exercise:
    result: passed
    panel: [{by: grace, level: L7}, {by: tomas, level: L4}]
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := ladder.Evaluate(p, ladder.At(time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range r.Promotion.Checks {
		if c.ID == "live-scope-exercise" {
			fmt.Println(c.Status, "-", c.Detail)
		}
	}
	fmt.Println(r.Mentorship.Issues[0])
	// Output:
	// unmet - passed; tomas (L4) may not sit on the panel: L4 sits on no qualification panels
	// mentor dev (L4) does not qualify: a mentor of an L4 must be L5 or above or hold the role worca-leadership
}

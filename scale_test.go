package ladder_test

// How cost grows with the size of a ladder and of a profile. The scaling
// benchmarks load and evaluate synthetic ladders built in memory, and
// multiply one dimension at a time by ten from a base of 10 levels, 5
// standards per level and 3 mentees:
//
//	BenchmarkScale/levels=10, levels=100   Load, and Evaluate of an L7 person
//	BenchmarkScale/rules=5, rules=50       standards per level: Load and Evaluate
//	BenchmarkScale/mentees=3, mentees=30   mentees in the profile: Evaluate
//
// Every level of a synthetic ladder has the shape of a Worca level: a
// 10-item checklist, the standards (rules on int, percent, bool and number
// metrics, and one mentee count), a promotion with both tenures, a
// nomination, three assessments and a requirement, and mentorship with a
// referral cut. The person is always at L7, so the level evaluated is the
// same whatever the number of levels.

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ladderkit/ladder"
	"github.com/stretchr/testify/require"
)

// scaleBase is the base size that every scaling benchmark multiplies one
// dimension of by ten.
var scaleBase = scaleSize{levels: 10, rules: 5, mentees: 3}

type scaleSize struct{ levels, rules, mentees int }

// scaleMetric returns the id, type and standard rule of metric j (from 1)
// of a synthetic ladder.
func scaleMetric(j int) (id, typ, rule string) {
	id = fmt.Sprintf("m%03d", j)
	switch j % 4 {
	case 1:
		return id, "int", id + " >= 2"
	case 2:
		return id, "percent", id + " >= 0.5"
	case 3:
		return id, "bool", id
	}
	return id, "number", id + " > 10.5"
}

// scaleLadder returns a synthetic ladder of n levels with rules standards
// per level (rules-1 on metrics, one mentee count), in the directory "scale".
func scaleLadder(n, rules int) (fs.FS, string) {
	fsys := fstest.MapFS{}
	var b strings.Builder
	fmt.Fprintf(&b, "id: scale\nname: Synthetic ladder, %d levels of %d standards\nroles: [founder]\nmetrics:\n", n, rules)
	for j := 1; j < rules; j++ {
		id, typ, _ := scaleMetric(j)
		fmt.Fprintf(&b, "  - {id: %s, type: %s, unit: things, description: Metric %d of the synthetic ladder.}\n", id, typ, j)
	}
	fsys["scale/ladder.yaml"] = &fstest.MapFile{Data: []byte(b.String())}
	for i := 1; i <= n; i++ {
		b.Reset()
		fmt.Fprintf(&b, "id: L%d\nrank: %d\ntitle: Level %d\ntrack: Synthetic\nsummary: Level %d of a synthetic ladder.\n", i, i, i, i)
		b.WriteString("checklist:\n")
		for k := 1; k <= 10; k++ {
			fmt.Fprintf(&b, "  - {id: item-%d, text: Item %d of the checklist.}\n", k, k)
		}
		b.WriteString("standards:\n")
		for j := 1; j < rules; j++ {
			_, _, rule := scaleMetric(j)
			fmt.Fprintf(&b, "  - {id: std-%d, name: Standard %d, threshold: \"the published wording of standard %d\", rule: \"%s\"}\n", j, j, j, rule)
		}
		b.WriteString("  - {id: mentees-up, name: Mentee advancement, threshold: 2+ mentees at L2+, rule: \"count(mentees, .rank >= 2) >= 2\"}\n")
		if i < n {
			fmt.Fprintf(&b, "promotion:\n  to: L%d\n  min_months: 24\n  min_months_in_track: 60\n", i+1)
			fmt.Fprintf(&b, "  nomination: {required: true, from_min_level: L%d, from_roles: [founder]}\n", min(i+2, n))
			b.WriteString("  assessments:\n")
			for k := 1; k <= 3; k++ {
				fmt.Fprintf(&b, "    - {id: assessment-%d, name: Assessment %d}\n", k, k)
			}
			b.WriteString("  requirements:\n    - {id: settled, name: Settled at the level, rule: \"months_at_level >= 6 and checklist_done >= 3\"}\n")
			fmt.Fprintf(&b, "  unlocks: [More scope at L%d., A larger referral cut.]\n", i+1)
		}
		fmt.Fprintf(&b, "mentorship:\n  slots: 40\n  mentee_levels: {min: L1, max: L%d}\n  referral: {percent: 5, months: 12}\n", max(1, i-1))
		fsys[fmt.Sprintf("scale/L%03d.yaml", i)] = &fstest.MapFile{Data: []byte(b.String())}
	}
	return fsys, "scale"
}

// scaleProfile returns a full L7 profile for a synthetic ladder with rules
// standards per level: every metric (about half of them met), 4 of 10
// checklist items, 2 of 3 assessments, history, two nominations, a waiver,
// and mentees at ranks 1–6, two in three placed, one in four past.
func scaleProfile(rules, mentees int) string {
	var b strings.Builder
	b.WriteString("id: sam\nname: Sam Synthetic\nlevel: L7\nlevel_since: 2023-04-01\njoined: 2016-09-01\n")
	b.WriteString("history: [{level: L5, since: 2016-09-01}, {level: L6, since: 2020-02-01}]\nmetrics:\n")
	for j := 1; j < rules; j++ {
		id, typ, _ := scaleMetric(j)
		switch typ {
		case "int":
			fmt.Fprintf(&b, "  %s: %d\n", id, j%4)
		case "percent":
			fmt.Fprintf(&b, "  %s: %g\n", id, float64(j%10)/10)
		case "bool":
			fmt.Fprintf(&b, "  %s: %t\n", id, j%8 == 3)
		default:
			fmt.Fprintf(&b, "  %s: %d.25\n", id, 5+j%12)
		}
	}
	b.WriteString("checklist: [item-1, item-3, item-4, item-8]\n")
	b.WriteString("assessments:\n  assessment-1: {result: passed, date: 2026-03-02}\n  assessment-2: {result: pending}\n")
	b.WriteString("nominations: [{by: ana, roles: [founder], date: 2026-10-01}, {by: lee, level: L8, date: 2026-10-15}]\n")
	b.WriteString("waivers: [{check: tenure, by: ana, reason: a strong year, date: 2026-09-01}]\nmentees:\n")
	for k := range mentees {
		fmt.Fprintf(&b, "  - {id: mentee-%d, level: L%d, since: %d-%02d-01", k, 1+k%6, 2023+k%3, 1+k%12)
		if k%4 == 3 {
			fmt.Fprintf(&b, ", until: 2026-%02d-15", 1+k%9)
		}
		if k%3 != 2 {
			fmt.Fprintf(&b, ",\n     placement: {date: 2026-%02d-01, monthly_rate: \"%d.50\", currency: USD}", 1+k%10, 4000+100*k)
		}
		b.WriteString("}\n")
	}
	return b.String()
}

func TestScaleLadders(t *testing.T) {
	for _, s := range []scaleSize{scaleBase, {100, 5, 3}, {10, 50, 3}, {10, 5, 30}} {
		l, err := ladder.Load(scaleLadder(s.levels, s.rules))
		require.NoError(t, err)
		require.Len(t, l.Levels(), s.levels)
		p, err := ladder.ParsePerson([]byte(scaleProfile(s.rules, s.mentees)))
		require.NoError(t, err)
		r, err := l.Evaluate(p, ladder.At(benchAsOf))
		require.NoError(t, err)
		require.Len(t, r.Standards, s.rules)
		require.Len(t, r.Promotion.Checks, 2+1+3+1+1)
		require.Equal(t, (s.mentees*2+2)/3, len(r.Referrals))
		for _, c := range append(r.Standards, r.Promotion.Checks...) {
			require.NotEqual(t, ladder.Unknown, c.Status, "%s: %s", c.ID, c.Detail)
		}
	}
}

// BenchmarkScale measures how Load and Evaluate grow with the number of
// levels, of standards per level and of mentees.
func BenchmarkScale(b *testing.B) {
	load := func(s scaleSize) func(*testing.B) {
		return func(b *testing.B) {
			fsys, dir := scaleLadder(s.levels, s.rules)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ladder.Load(fsys, dir); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	evaluate := func(s scaleSize) func(*testing.B) {
		return func(b *testing.B) {
			l, err := ladder.Load(scaleLadder(s.levels, s.rules))
			require.NoError(b, err)
			p, err := ladder.ParsePerson([]byte(scaleProfile(s.rules, s.mentees)))
			require.NoError(b, err)
			at := ladder.At(benchAsOf)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := l.Evaluate(p, at); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	for _, c := range []struct {
		name string
		size scaleSize
		load bool
	}{
		{"levels=10", scaleBase, true},
		{"levels=100", scaleSize{100, scaleBase.rules, scaleBase.mentees}, true},
		{"rules=5", scaleBase, true},
		{"rules=50", scaleSize{scaleBase.levels, 50, scaleBase.mentees}, true},
		{"mentees=3", scaleBase, false},
		{"mentees=30", scaleSize{scaleBase.levels, scaleBase.rules, 30}, false},
	} {
		if c.load {
			b.Run(c.name+"/op=load", load(c.size))
		}
		b.Run(c.name+"/op=evaluate", evaluate(c.size))
	}
}

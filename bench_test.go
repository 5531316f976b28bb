package ladder_test

import (
	"testing"
	"time"

	"github.com/ladderkit/ladder"
	"github.com/stretchr/testify/require"
)

// benchL7 is a full L7 profile: every metric, a checklist, assessments,
// history, a waiver and placed mentees.
const benchL7 = `
id: maya
name: Maya Chen
level: L7
level_since: 2022-09-01
joined: 2014-05-01
history: [{level: L5, since: 2017-01-01}, {level: L6, since: 2019-03-01}]
metrics:
  products_owned: 2
  weeks_with_user_conversations: 1.0
  feature_hit_rate: 0.74
  successful_scope_cuts: 4
  major_misalignment_incidents: 0
  external_contributions: 2
  works_across_surfaces: true
checklist: [owns-roadmap, weekly-users, cut-major-feature]
assessments:
  product-strategy-presentation: {result: passed, date: 2026-06-01}
  roadmap-defense: {result: pending}
nominations: [{by: lee, level: L10, date: 2026-09-01}]
waivers: [{check: tenure, by: ana, reason: exceptional year, date: 2026-10-01}]
mentees:
  - {id: sam, level: L4, from_level: L3, since: 2025-02-01, advanced: true,
     placement: {date: 2025-03-01, monthly_rate: "12000.00", currency: USD}}
  - {id: kim, level: L5, since: 2024-02-01, placement: {date: 2026-03-31, monthly_rate: "9000.50", currency: USD}}
  - {id: lou, level: L2, since: 2026-01-10}
`

func BenchmarkDefault(b *testing.B) {
	fsys, dir := ladder.DefaultFS()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ladder.Load(fsys, dir); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEvaluate(b *testing.B) {
	p, err := ladder.ParsePerson([]byte(benchL7))
	require.NoError(b, err)
	l := ladder.Default()
	at := ladder.At(time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC))
	_, err = l.Evaluate(p, at)
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := l.Evaluate(p, at); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParsePerson(b *testing.B) {
	data := []byte(benchL7)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ladder.ParsePerson(data); err != nil {
			b.Fatal(err)
		}
	}
}

package ladder_test

// The benchmarks of the issue "Benchmarks": go test -run '^$' -bench . -benchmem
// runs them all; scripts/bench.sh runs them the way docs/performance.md
// reports them. Speed is never asserted: the benchmarks are the measure.

import (
	"bytes"
	"encoding/json"
	"iter"
	"os"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/ladderkit/ladder"
	"github.com/stretchr/testify/require"
)

// benchL7 is a full L7 profile (testdata/bench/l7.yaml, which bench/ reads too): every metric, a checklist, assessments,
// history, a waiver and placed mentees.
var benchL7 = mustRead("testdata/bench/l7.yaml")

// mustRead returns the text of file name, for package-level test data.
func mustRead(name string) string {
	data, err := os.ReadFile(name)
	if err != nil {
		panic(err)
	}
	return string(data)
}

// benchL4 is a full L4 profile: every L4 metric, a checklist, assessments,
// history, a tenure waiver that counts (fast-tracking is allowed from L4),
// and three mentees of whom one is active, two with placements.
const benchL4 = `
id: noor
name: Noor Haddad
level: L4
level_since: 2026-01-05
joined: 2021-02-15
history: [{level: L1, since: 2021-02-15}, {level: L2, since: 2022-01-10}, {level: L3, since: 2023-06-01}]
metrics:
  product_decisions_adopted: 4
  feature_instrumentation_rate: "100%"
  data_driven_kills: 1
  mentee_improving: true
  helpful_review_citations: 3
  client_trust: true
  client_retention: true
checklist: [client-adopted-alternative, data-driven-descope, instruments-features, mentee-improving, problem-to-spec]
assessments:
  product-decision-portfolio: {result: passed, date: 2026-09-15}
  team-building-simulation: {result: passed, date: 2026-10-02}
  mentee-outcome: {result: pending}
waivers: [{check: tenure, by: ana, reason: led the Atlas rescue, date: 2026-10-20}]
mentees:
  - {id: ivo, level: L2, from_level: L1, since: 2026-01-05, advanced: true,
     placement: {date: 2026-06-01, monthly_rate: "4200.00", currency: EUR}}
  - {id: ada, level: L2, since: 2026-02-02, until: 2026-07-31,
     placement: {date: 2026-03-01, monthly_rate: "3900.00", currency: EUR, until: 2026-08-31}}
  - {id: tom, level: L1, since: 2026-01-12, until: 2026-04-30}
`

// benchL8 is a full L8 profile: every L8 metric, a checklist, assessments,
// history, nominations (one counts, one does not), a tenure waiver that does
// not count (no fast-tracking from L7 up) and four mentees with placements.
const benchL8 = `
id: rui
name: Rui Santos
level: L8
level_since: 2024-06-01
joined: 2012-03-01
history: [{level: L5, since: 2015-04-01}, {level: L6, since: 2017-09-01}, {level: L7, since: 2020-05-01}]
metrics:
  product_surfaces_owned: 3
  build_vs_buy_successes: 4
  treated_as_technical_cofounder: true
  preventable_outages: 0
  team_structure_successes: 2
  presented_to_investors: true
  industry_recognition: false
checklist: [strategy-two-surfaces, build-buy-saved-time, technical-cofounder, team-restructure, owns-infrastructure, mentees-span-l1-l6]
assessments:
  technical-strategy-portfolio: {result: passed, date: 2026-05-20}
  team-building-case-study: {result: passed, date: 2026-07-08}
  cross-product-architecture-review: {result: failed, date: 2026-08-30}
  founder-references: {result: pending}
nominations:
  - {by: ana, roles: [founder], date: 2026-10-01}
  - {by: lee, level: L9, date: 2026-10-15}
waivers: [{check: tenure, by: ana, reason: runs two surfaces, date: 2026-10-01}]
mentees:
  - {id: eva, level: L6, from_level: L5, since: 2023-01-09, advanced: true,
     placement: {date: 2023-03-01, monthly_rate: "15000.00", currency: USD}}
  - {id: jon, level: L5, from_level: L4, since: 2024-09-01, advanced: true,
     placement: {date: 2025-01-15, monthly_rate: "11000.00", currency: USD}}
  - {id: mia, level: L4, since: 2025-05-01,
     placement: {date: 2025-08-01, monthly_rate: "8000.00", currency: GBP, until: 2026-06-30}}
  - {id: ben, level: L3, since: 2026-02-01, placement: {date: 2026-12-01, monthly_rate: "6500.00", currency: USD}}
`

// benchL7Unmet is an L7 profile short on most things, so its report has
// several gaps: four standards unmet (a count, a percent, an int, an ==),
// tenure and track tenure unmet, a requirement unmet, one metric missing.
const benchL7Unmet = `
id: omar
name: Omar Reyes
level: L7
level_since: 2025-01-31
joined: 2017-02-28
metrics:
  products_owned: 1
  weeks_with_user_conversations: 0.92
  feature_hit_rate: 0.69
  successful_scope_cuts: 2
  major_misalignment_incidents: 1
  works_across_surfaces: false
checklist: [owns-roadmap]
mentees:
  - {id: sam, level: L4, from_level: L3, since: 2025-02-01, advanced: true}
`

// benchAsOf is the fixed evaluation date of every benchmark.
var benchAsOf = time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)

func mustParse(tb testing.TB, profile string) ladder.Person {
	tb.Helper()
	p, err := ladder.ParsePerson([]byte(profile))
	require.NoError(tb, err)
	return p
}

func mustEvaluate(tb testing.TB, p ladder.Person) *ladder.Report {
	tb.Helper()
	r, err := ladder.Default().Evaluate(p, ladder.At(benchAsOf))
	require.NoError(tb, err)
	return r
}

// BenchmarkDefault loads and compiles the embedded track, as Default does
// once per process.
func BenchmarkDefault(b *testing.B) {
	fsys, dir := ladder.DefaultFS()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ladder.Load(fsys, dir); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEvaluate evaluates one full, parsed profile per level.
func BenchmarkEvaluate(b *testing.B) {
	for _, c := range []struct{ name, profile string }{
		{"L4", benchL4}, {"L7", benchL7}, {"L8", benchL8}, {"L7-unmet", benchL7Unmet},
	} {
		b.Run(c.name, func(b *testing.B) {
			p := mustParse(b, c.profile)
			l, at := ladder.Default(), ladder.At(benchAsOf)
			mustEvaluate(b, p)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := l.Evaluate(p, at); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkParsePerson parses the typical (L7) profile. It is inside the
// YAML fast path's subset, as profiles written by hand or by tools are.
func BenchmarkParsePerson(b *testing.B) {
	data := []byte(benchL7)
	if _, ok := ladder.ParseFastYAMLPerson(data); !ok {
		b.Fatal("the typical profile does not take the fast path")
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ladder.ParsePerson(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParsePersonFullPath parses the same profile the full way, as a
// profile outside the fast path's subset (anchors, block scalars, tabs,
// CRLF line ends) or with a problem to report is parsed.
func BenchmarkParsePersonFullPath(b *testing.B) {
	data := []byte(benchL7)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ladder.ParseYAMLPerson(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParsePersonJSON parses the same L7 profile written as JSON, the
// form exports from other systems usually take; it goes through the JSON
// fast path.
func BenchmarkParsePersonJSON(b *testing.B) {
	var v any
	require.NoError(b, yaml.Unmarshal([]byte(benchL7), &v))
	data, err := json.Marshal(v)
	require.NoError(b, err)
	want := mustParse(b, benchL7)
	got, err := ladder.ParsePerson(data)
	require.NoError(b, err)
	require.Equal(b, want.ID, got.ID)
	require.Len(b, got.Mentees, len(want.Mentees))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ladder.ParsePerson(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRender renders the L7 report in each format.
func BenchmarkRender(b *testing.B) {
	r := mustEvaluate(b, mustParse(b, benchL7))
	b.Run("text", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = r.Text()
		}
	})
	b.Run("markdown", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = r.Markdown()
		}
	})
	b.Run("json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := r.JSON(); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// streamPerson returns person i of a generated stream: the same people as
// generatedPeople (across the Worca levels, every tenth one invalid), made
// one at a time so a stream of any length holds none of them in a slice.
func streamPerson(i int) ladder.Person {
	levels := [...]ladder.LevelID{"L1", "L2", "L3", "L4", "L5", "L6", "L7", "L8", "L9", "L10"}
	p := ladder.Person{
		ID:         "p" + strconv.Itoa(1_000_000 + i)[1:],
		Level:      levels[i%len(levels)],
		LevelSince: time.Date(2018+i%7, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC),
		Joined:     time.Date(2010+i%5, 1, 1, 0, 0, 0, 0, time.UTC),
		Metrics: map[string]any{
			"products_owned": i % 3, "feature_hit_rate": float64(i%100) / 100,
			"product_decisions_adopted": i % 5, "preventable_outages": i % 2,
		},
	}
	if i%10 == 9 {
		p.Metrics["no_such_metric"] = 1
	}
	return p
}

// peopleStream yields n generated people, making each as it is asked for.
func peopleStream(n int) iter.Seq[ladder.Person] {
	return func(yield func(ladder.Person) bool) {
		for i := range n {
			if !yield(streamPerson(i)) {
				return
			}
		}
	}
}

// heapSampleEvery is how many results pass between two heap samples in
// BenchmarkEvaluateSeq1M: 100 samples at 100,000 people, 1,000 at 1,000,000,
// so both runs catch the heap near its peak in many GC cycles.
const heapSampleEvery = 1_000

// BenchmarkEvaluateSeq1M evaluates a generated stream through EvaluateSeq,
// consuming every result, and reports the growth of the in-use heap over
// the heap before the stream started, sampled every heapSampleEvery
// results: its peak over the whole stream (peak-heap-MiB) and over the last
// 100,000 results (last-100k-peak-heap-MiB). Memory is flat when the last
// 100,000 people of a 1,000,000-person stream peak no higher than a
// 100,000-person stream does; the peak over the whole stream also counts
// the rare GC spikes of ten times as many GC cycles. scripts/bench.sh runs
// it with -benchtime 1x.
func BenchmarkEvaluateSeq1M(b *testing.B) {
	const window = 100_000
	for _, c := range []struct {
		name string
		n    int
	}{{"people=100k", 100_000}, {"people=1M", 1_000_000}} {
		b.Run(c.name, func(b *testing.B) {
			l := ladder.Default()
			var peak, lastPeak uint64
			var ms runtime.MemStats
			b.ReportAllocs()
			for b.Loop() {
				runtime.GC()
				runtime.ReadMemStats(&ms)
				base := ms.HeapInuse
				n, failed := 0, 0
				var windowPeak uint64
				for r := range l.EvaluateSeq(peopleStream(c.n), batchDate) {
					if r.Err != nil {
						failed++
					}
					n++
					if n%heapSampleEvery == 0 {
						runtime.ReadMemStats(&ms)
						if ms.HeapInuse > base {
							windowPeak = max(windowPeak, ms.HeapInuse-base)
						}
					}
					if n%window == 0 {
						peak = max(peak, windowPeak)
						if n == c.n {
							lastPeak = max(lastPeak, windowPeak)
						}
						windowPeak = 0
					}
				}
				if n != c.n || failed != c.n/10 {
					b.Fatalf("got %d results, %d failed; want %d, %d", n, failed, c.n, c.n/10)
				}
			}
			b.ReportMetric(float64(c.n)*float64(b.N)/b.Elapsed().Seconds(), "people/s")
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
			b.ReportMetric(float64(lastPeak)/(1<<20), "last-100k-peak-heap-MiB")
		})
	}
}

// BenchmarkReadPeopleEvaluateStream reads 100,000 JSON Lines records (the
// example people of examples/cycle, over and over) with ReadPeople and
// evaluates them with EvaluateStream, in process: the cycle's path without
// the command's output.
func BenchmarkReadPeopleEvaluateStream(b *testing.B) {
	one, err := os.ReadFile("examples/cycle/people.jsonl")
	require.NoError(b, err)
	lines := bytes.Count(one, []byte("\n"))
	data := bytes.Repeat(one, 100_000/lines)
	n := 0
	b.ResetTimer()
	for range b.N {
		for r := range ladder.Default().EvaluateStream(ladder.ReadPeople(bytes.NewReader(data)), ladder.At(benchAsOf)) {
			if r.Err != nil {
				b.Fatal(r.Err)
			}
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "people/s")
}

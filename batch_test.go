package ladder_test

import (
	"fmt"
	"iter"
	"testing"
	"time"

	"github.com/ladderkit/ladder"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// generatedPeople returns n people across the Worca levels, every tenth one
// invalid (an unknown metric), deterministic for a given n.
func generatedPeople(n int) []ladder.Person {
	levels := []ladder.LevelID{"L1", "L2", "L3", "L4", "L5", "L6", "L7", "L8", "L9", "L10"}
	out := make([]ladder.Person, n)
	for i := range out {
		p := ladder.Person{
			ID:         fmt.Sprintf("p%06d", i),
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
		out[i] = p
	}
	return out
}

var batchDate = ladder.At(time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC))

func TestEvaluateAll(t *testing.T) {
	people := generatedPeople(500)
	got := ladder.Default().EvaluateAll(people, batchDate)
	require.Len(t, got, len(people))
	for i, r := range got {
		want, wantErr := ladder.Default().Evaluate(people[i], batchDate)
		assert.Equal(t, i, r.Index)
		assert.Equal(t, wantErr, r.Err, "person %d", i)
		assert.Equal(t, want, r.Report, "person %d", i)
		if i%10 == 9 {
			assert.ErrorIs(t, r.Err, ladder.ErrUnknownMetric)
		}
	}
	assert.Empty(t, ladder.Default().EvaluateAll(nil, batchDate))
}

func TestEvaluateSeq(t *testing.T) {
	people := generatedPeople(3000)
	seq := func(yield func(ladder.Person) bool) {
		for _, p := range people {
			if !yield(p) {
				return
			}
		}
	}
	n := 0
	for r := range ladder.Default().EvaluateSeq(seq, batchDate) {
		require.Equal(t, n, r.Index, "results come in input order")
		require.Equal(t, people[n].ID == "" || r.Err != nil, r.Report == nil)
		if r.Report != nil {
			require.Equal(t, people[n].ID, r.Report.Person)
		}
		n++
	}
	assert.Equal(t, len(people), n)
}

func TestEvaluateSeqStopsEarly(t *testing.T) {
	read := 0
	infinite := func(yield func(ladder.Person) bool) {
		for _, p := range infinitePeople() {
			read++
			if !yield(p) {
				return
			}
		}
	}
	n := 0
	for r := range ladder.Default().EvaluateSeq(infinite, batchDate) {
		require.Equal(t, n, r.Index)
		n++
		if n == 100 {
			break
		}
	}
	assert.Equal(t, 100, n)
	assert.Less(t, read, 100000, "reading stops soon after the consumer does")
}

func infinitePeople() iter.Seq2[int, ladder.Person] {
	return func(yield func(int, ladder.Person) bool) {
		for i := 0; ; i++ {
			if !yield(i, ladder.Person{ID: fmt.Sprint(i), Level: "L4"}) {
				return
			}
		}
	}
}

func BenchmarkEvaluateAll(b *testing.B) {
	people := generatedPeople(100_000)
	l := ladder.Default()
	b.ReportAllocs()
	for b.Loop() {
		l.EvaluateAll(people, batchDate)
	}
	b.ReportMetric(float64(len(people))*float64(b.N)/b.Elapsed().Seconds(), "people/s")
}

package ladder_test

import (
	"fmt"
	"iter"
	"testing"
	"time"

	"github.com/ladderkit/ladder"
	"github.com/ladderkit/ladder/internal/reporttest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// generatedPeople returns n people across the Worca levels, every tenth one
// invalid (an unknown metric): streamPerson(0) … streamPerson(n-1).
func generatedPeople(n int) []ladder.Person {
	out := make([]ladder.Person, n)
	for i := range out {
		out[i] = streamPerson(i)
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
		assert.Equal(t, reporttest.Comparable(want), reporttest.Comparable(r.Report), "person %d", i)
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

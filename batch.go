package ladder

import (
	"iter"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/ladderkit/ladder/internal/ordered"
)

// Result is the outcome of evaluating one person of a batch: its Report,
// or the error that kept it from being evaluated.
type Result struct {
	Index int // the person's position in the input, from 0
	Line  int // the line the person's record starts on, when read by ReadPeople; 0 otherwise
	// ID and Name are the person's id and name as far as they could be
	// read, also when the record is invalid: "" when they could not be
	// (a record whose syntax is broken, or that has no id).
	ID     string
	Name   string
	Report *Report
	Err    error
}

// EvaluateAll evaluates people on every core and returns one Result per
// person, in input order. A person whose profile is invalid gets an Err and
// does not stop the others.
func (l *Ladder) EvaluateAll(people []Person, opts ...Option) []Result {
	out := make([]Result, len(people))
	workers := min(runtime.GOMAXPROCS(0), len(people))
	var next atomic.Int64
	var wg sync.WaitGroup
	wg.Add(workers)
	for range workers {
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(people) {
					return
				}
				r, err := l.Evaluate(people[i], opts...)
				out[i] = Result{Index: i, ID: people[i].ID, Name: people[i].Name, Report: r, Err: err}
			}
		}()
	}
	wg.Wait()
	return out
}

// EvaluateSeq evaluates a stream of people on every core and yields their
// results in input order, like EvaluateStream for people that need no
// parsing.
func (l *Ladder) EvaluateSeq(people iter.Seq[Person], opts ...Option) iter.Seq[Result] {
	return l.EvaluateStream(func(yield func(Person, error) bool) {
		for p := range people {
			if !yield(p, nil) {
				return
			}
		}
	}, opts...)
}

// EvaluateStream evaluates a stream of people, such as ReadPeople's, on
// every core and yields one Result per record, in input order. A record
// that failed to parse, or a person Evaluate rejects, is a Result with Err
// and its Index, never dropped; for people read by ReadPeople the
// problems carry their line in the stream, and Result.Line is the line the
// record starts on. A record of ReadPeople that did not read whole has
// every problem at once: those of reading it and those the ladder finds
// in the fields that did read (an unknown level, a misspelt metric), in
// document order, and the ID and Name of its Result as far as they read. It holds a bounded number of people at a time, so
// memory stays flat however long the stream is. Stopping the iteration
// early stops reading people.
func (l *Ladder) EvaluateStream(people iter.Seq2[Person, error], opts ...Option) iter.Seq[Result] {
	type item struct {
		i   int
		p   Person
		err error
	}
	items := func(yield func(item) bool) {
		i := 0
		for p, err := range people {
			if !yield(item{i, p, err}) {
				return
			}
			i++
		}
	}
	return ordered.Map(items, runtime.GOMAXPROCS(0), func(it item) Result {
		res := Result{Index: it.i, ID: it.p.ID, Name: it.p.Name, Err: it.err}
		rec := it.p.src
		if rec != nil {
			res.Line = rec.line
		}
		switch {
		case it.err == nil:
			res.Report, res.Err = l.Evaluate(it.p, opts...)
			if res.Err != nil && (rec == nil || rec.failed == nil) {
				rec.locate(res.Err) // a failed record's problems are placed already
			}
		case rec != nil && rec.decoded && rec.owns(it.err):
			_, res.Err = l.Evaluate(it.p, opts...) // the record's problems, with the ladder's
		}
		return res
	})
}

// owns reports whether err is the record's own problems of reading, as
// ReadPeople yields them with its person.
func (rec *record) owns(err error) bool {
	pes, ok := err.(ProfileErrors)
	return ok && len(pes) > 0 && len(pes) == len(rec.failed) && &pes[0] == &rec.failed[0]
}

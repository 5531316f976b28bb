package ladder

import (
	"iter"
	"runtime"
	"sync"
	"sync/atomic"
)

// Result is the outcome of evaluating one person of a batch: its Report,
// or the error that kept it from being evaluated.
type Result struct {
	Index  int // the person's position in the input, from 0
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
				out[i] = Result{Index: i, Report: r, Err: err}
			}
		}()
	}
	wg.Wait()
	return out
}

// streamWindow is how many people per core EvaluateSeq holds at once,
// between reading them and yielding their results.
const streamWindow = 64

// EvaluateSeq evaluates a stream of people on every core and yields their
// results in input order. It holds a bounded number of people at a time, so
// memory stays flat however long the stream is. Stopping the iteration
// early stops reading people.
func (l *Ladder) EvaluateSeq(people iter.Seq[Person], opts ...Option) iter.Seq[Result] {
	return func(yield func(Result) bool) {
		workers := runtime.GOMAXPROCS(0)
		window := workers * streamWindow
		type job struct {
			i int
			p Person
		}
		jobs := make(chan job, window)
		results := make(chan Result, window)
		slots := make(chan struct{}, window) // one per person read and not yet yielded
		done := make(chan struct{})

		go func() {
			defer close(jobs)
			i := 0
			for p := range people {
				select {
				case slots <- struct{}{}:
				case <-done:
					return
				}
				jobs <- job{i, p}
				i++
			}
		}()
		var wg sync.WaitGroup
		wg.Add(workers)
		for range workers {
			go func() {
				defer wg.Done()
				for j := range jobs {
					r, err := l.Evaluate(j.p, opts...)
					results <- Result{Index: j.i, Report: r, Err: err}
				}
			}()
		}
		go func() {
			wg.Wait()
			close(results)
		}()

		stop := func() {
			close(done)
			for range results { // let the workers finish what they hold
			}
		}
		pending := make(map[int]Result, window)
		next := 0
		for r := range results {
			pending[r.Index] = r
			for {
				x, ok := pending[next]
				if !ok {
					break
				}
				delete(pending, next)
				next++
				<-slots
				if !yield(x) {
					stop()
					return
				}
			}
		}
	}
}

// Package ordered maps a function over a sequence on several goroutines and
// yields the results in input order, holding a bounded number of items.
package ordered

import (
	"fmt"
	"iter"
	"runtime/debug"
	"sync"
	"sync/atomic"
)

// MaxChunk is the most items a worker takes at once.
const MaxChunk = 64

// chunksPerWorker is how many chunks per worker may be between being read
// and being yielded.
const chunksPerWorker = 4

type chunk[In, Out any] struct {
	seq      int
	in       []In
	out      []Out
	panicked *Panic // f panicked on an item of the chunk
}

// Panic is what Map panics with, on the goroutine that ranges over it, when
// f panics on a worker or the input panics on Map's reader: a panic there
// would end the program, out of reach of the caller's recover (an HTTP
// server's, say).
type Panic struct {
	Value any    // what f panicked with
	Stack []byte // the worker's stack when it did
}

func (p *Panic) Error() string {
	return fmt.Sprintf("panic in ordered.Map: %v\n\n%s", p.Value, p.Stack)
}

// Map yields f of each item of in, in input order, computing them on
// workers goroutines. At most (workers × 4 + 2) × MaxChunk items are held at
// once, so memory does not grow with the length of in. Items go to the
// workers in chunks that grow while the workers are busy and stay small
// while they wait, so a slow input is not held back. Stopping the
// iteration stops reading in and the work queued; Map returns once in is
// no longer read and every worker has finished. When f or in panics, Map
// stops the same way and then panics with a *Panic; when the caller's loop
// body panics, Map stops too.
func Map[In, Out any](in iter.Seq[In], workers int, f func(In) Out) iter.Seq[Out] {
	workers = max(workers, 1)
	return func(yield func(Out) bool) {
		window := workers * chunksPerWorker
		jobs := make(chan *chunk[In, Out], window)
		results := make(chan *chunk[In, Out], window)
		slots := make(chan struct{}, window) // one per chunk read and not yet yielded
		done := make(chan struct{})
		readerDone := make(chan struct{})
		var busy atomic.Int64  // chunks sent to the workers and not finished
		var readerPanic *Panic // in panicked; read once readerDone is closed

		go func() {
			defer close(readerDone)
			defer close(jobs)
			defer func() {
				if v := recover(); v != nil {
					readerPanic = asPanic(v)
				}
			}()
			seq := 0
			var cur *chunk[In, Out]
			send := func() bool {
				select {
				case <-done: // stopped: no new work, even with a free slot
					return false
				default:
				}
				select {
				case slots <- struct{}{}:
				case <-done:
					return false
				}
				busy.Add(1)
				jobs <- cur
				cur = nil
				seq++
				return true
			}
			for x := range in {
				if cur == nil {
					cur = &chunk[In, Out]{seq: seq, in: make([]In, 0, MaxChunk)}
				}
				cur.in = append(cur.in, x)
				if len(cur.in) == MaxChunk || busy.Load() < int64(workers) {
					if !send() {
						return
					}
				}
			}
			if cur != nil {
				send()
			}
		}()

		var wg sync.WaitGroup
		wg.Add(workers)
		for range workers {
			go func() {
				defer wg.Done()
				for c := range jobs {
					c.out = make([]Out, len(c.in))
					c.panicked = apply(c, f, done)
					c.in = nil
					busy.Add(-1)
					results <- c
				}
			}()
		}
		go func() {
			wg.Wait()
			close(results)
		}()

		pending := make([]*chunk[In, Out], window) // by seq % window
		next := 0
		var once sync.Once
		stop := func() {
			once.Do(func() {
				close(done)
				<-readerDone
				for range results {
					// wait for the workers, which skip what is left
				}
			})
		}
		// Also when the caller's loop body panics: no goroutine is left.
		defer stop()
		for c := range results {
			if c.panicked != nil {
				stop()
				panic(c.panicked)
			}
			pending[c.seq%window] = c
			for pending[next%window] != nil && pending[next%window].seq == next {
				c := pending[next%window]
				pending[next%window] = nil
				next++
				<-slots
				for _, o := range c.out {
					if !yield(o) {
						stop()
						return
					}
				}
			}
		}
		<-readerDone
		if readerPanic != nil {
			panic(readerPanic)
		}
	}
}

// asPanic is v, recovered, as a *Panic: as it is when it is one already
// (a Map inside a Map's input), with the stack of the recovering goroutine
// otherwise.
func asPanic(v any) *Panic {
	if p, ok := v.(*Panic); ok {
		return p
	}
	return &Panic{Value: v, Stack: debug.Stack()}
}

// apply fills c.out with f of each item of c.in until done is closed, and
// returns the panic of f, if it panics.
func apply[In, Out any](c *chunk[In, Out], f func(In) Out, done <-chan struct{}) (p *Panic) {
	defer func() {
		if v := recover(); v != nil {
			p = asPanic(v)
		}
	}()
	for i, x := range c.in {
		if stopped(done) {
			break // the results are no longer wanted
		}
		c.out[i] = f(x)
	}
	return nil
}

// stopped reports whether done is closed.
func stopped(done <-chan struct{}) bool {
	select {
	case <-done:
		return true
	default:
		return false
	}
}

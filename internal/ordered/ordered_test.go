package ordered

import (
	"runtime"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func count(n int, read *atomic.Int64) func(func(int) bool) {
	return func(yield func(int) bool) {
		for i := range n {
			read.Add(1)
			if !yield(i) {
				return
			}
		}
	}
}

func TestMapKeepsOrder(t *testing.T) {
	for _, workers := range []int{1, 2, 7} {
		var read atomic.Int64
		got := slices.Collect(Map(count(5000, &read), workers, func(i int) int {
			if i%97 == 0 {
				time.Sleep(time.Millisecond) // finish out of order
			}
			return i * 2
		}))
		require.Len(t, got, 5000)
		for i, v := range got {
			require.Equal(t, i*2, v)
		}
	}
	assert.Empty(t, slices.Collect(Map(func(func(int) bool) {}, 2, func(i int) int { return i })))
}

func TestMapHoldsABoundedWindow(t *testing.T) {
	const workers = 2
	var read, done atomic.Int64
	var most int64
	for range Map(count(200_000, &read), workers, func(i int) int { return i }) {
		done.Add(1)
		most = max(most, read.Load()-done.Load())
	}
	// The window, the chunk being yielded (its slot already freed) and the
	// chunk being filled.
	assert.LessOrEqual(t, most, int64((workers*chunksPerWorker+2)*MaxChunk), "items read and not yet yielded")
}

func TestMapStopsEarly(t *testing.T) {
	before := runtime.NumGoroutine()
	var read, calls atomic.Int64
	n := 0
	slow := func(i int) int {
		calls.Add(1)
		time.Sleep(time.Microsecond)
		return i
	}
	for range Map(count(1_000_000, &read), 2, slow) {
		if n++; n == 10 {
			break
		}
	}
	assert.Less(t, read.Load(), int64((2*chunksPerWorker+3)*MaxChunk), "reading stopped: the window, the chunk yielded, the chunk filled")
	done := calls.Load()
	time.Sleep(50 * time.Millisecond)
	assert.Equal(t, done, calls.Load(), "no work once Map has returned")
	waitForGoroutines(t, before)
}

// A panic of f reaches the goroutine ranging over Map, as a *Panic, after
// the workers have stopped, so the caller's recover sees it.
func TestMapPanicReachesTheCaller(t *testing.T) {
	before := runtime.NumGoroutine()
	var read atomic.Int64
	got := 0
	caught := func() (v any) {
		defer func() { v = recover() }()
		for range Map(count(1_000_000, &read), 2, func(i int) int {
			if i == 500 {
				panic("boom at 500")
			}
			return i
		}) {
			got++
		}
		return nil
	}()
	var p *Panic
	require.ErrorAs(t, caught.(error), &p)
	assert.Equal(t, "boom at 500", p.Value)
	assert.Contains(t, string(p.Stack), "ordered_test.go", "the worker's stack")
	assert.Contains(t, p.Error(), "boom at 500")
	assert.LessOrEqual(t, got, 500, "nothing after the panic is yielded")
	assert.Less(t, read.Load(), int64(1_000_000), "reading stopped")
	waitForGoroutines(t, before)
}

// A panic in Map's input, such as a Map inside a Map's input (how
// EvaluateStream reads ReadPeople), reaches the caller too.
func TestMapNestedPanicReachesTheCaller(t *testing.T) {
	before := runtime.NumGoroutine()
	var read atomic.Int64
	inner := Map(count(1_000_000, &read), 2, func(i int) int {
		if i == 300 {
			panic("inner boom")
		}
		return i
	})
	caught := func() (v any) {
		defer func() { v = recover() }()
		for range Map(inner, 2, func(i int) int { return i }) {
		}
		return nil
	}()
	var p *Panic
	require.ErrorAs(t, caught.(error), &p)
	assert.Equal(t, "inner boom", p.Value)
	waitForGoroutines(t, before)
}

// When the caller's loop body panics, Map stops its goroutines.
func TestMapCallerPanicLeavesNoGoroutine(t *testing.T) {
	before := runtime.NumGoroutine()
	var read atomic.Int64
	func() {
		defer func() { _ = recover() }()
		for i := range Map(count(1_000_000, &read), 2, func(i int) int { return i }) {
			if i == 100 {
				panic("body")
			}
		}
	}()
	waitForGoroutines(t, before)
}

func waitForGoroutines(t *testing.T, before int) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	assert.LessOrEqual(t, runtime.NumGoroutine(), before, "no goroutine left behind")
}

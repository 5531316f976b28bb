package ladder_test

import (
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/ladderkit/ladder"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// One *Ladder evaluated from many goroutines at once gives every goroutine
// the same report; run under -race this also proves no shared state is
// written.
func TestEvaluateConcurrently(t *testing.T) {
	p, err := ladder.ParsePerson([]byte(benchL7))
	require.NoError(t, err)
	at := ladder.At(time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC))
	want, err := ladder.Evaluate(p, at)
	require.NoError(t, err)
	wantJSON, err := want.JSON()
	require.NoError(t, err)

	var wg sync.WaitGroup
	got := make([][]byte, 16)
	errs := make([]error, 16)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				r, err := ladder.Default().Evaluate(p, at)
				if err != nil {
					errs[i] = err
					return
				}
				if got[i], err = r.JSON(); err != nil {
					errs[i] = err
					return
				}
			}
		}()
	}
	wg.Wait()
	for i := range got {
		require.NoError(t, errs[i], "goroutine %d", i)
		assert.Equal(t, string(wantJSON), string(got[i]), "goroutine %d", i)
	}
}

// Accessors hand out copies: changing what they return does not change the
// ladder.
func TestAccessorsReturnCopies(t *testing.T) {
	l := ladder.Default()
	lv, ok := l.Level("L7")
	require.True(t, ok)
	lv.Standards[0].Rule = "false"
	lv.Checklist[0].ID = "changed"
	*lv.Promotion.MinMonths = 0
	lv.Promotion.Unlocks[0] = "changed"
	*lv.Mentorship.Slots = 99
	levels := l.Levels()
	levels[6].Title = "changed"
	l.Metrics()[0].ID = "changed"
	l.Info().Sources[0] = "changed"

	again, _ := l.Level("L7")
	assert.NotEqual(t, "false", again.Standards[0].Rule)
	assert.NotEqual(t, "changed", again.Checklist[0].ID)
	assert.Equal(t, 36, *again.Promotion.MinMonths)
	assert.NotEqual(t, "changed", again.Promotion.Unlocks[0])
	assert.Equal(t, 4, *again.Mentorship.Slots)
	assert.Equal(t, "Sr Product Owner", again.Title)
	assert.NotEqual(t, "changed", l.Metrics()[0].ID)
	assert.NotEqual(t, "changed", l.Info().Sources[0])
}

// Evaluate does not change the person it is given.
func TestEvaluateLeavesPersonAlone(t *testing.T) {
	p, err := ladder.ParsePerson([]byte(benchL7))
	require.NoError(t, err)
	before, err := ladder.ParsePerson([]byte(benchL7))
	require.NoError(t, err)
	_, err = ladder.Evaluate(p, ladder.At(time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)))
	require.NoError(t, err)
	assert.Equal(t, before, p)
}

// Default's first use may come from many goroutines at once. The check runs
// in a child process, where no other test has loaded Default yet.
func TestDefaultConcurrentFirstUse(t *testing.T) {
	if os.Getenv("LADDER_FIRST_USE_CHILD") == "1" {
		var wg sync.WaitGroup
		got := make([]*ladder.Ladder, 32)
		for i := range got {
			wg.Add(1)
			go func() {
				defer wg.Done()
				got[i] = ladder.Default()
			}()
		}
		wg.Wait()
		for i := range got {
			if got[i] == nil || got[i] != got[0] {
				t.Fatalf("goroutine %d got %p, goroutine 0 got %p", i, got[i], got[0])
			}
		}
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestDefaultConcurrentFirstUse$", "-test.count=1")
	cmd.Env = append(os.Environ(), "LADDER_FIRST_USE_CHILD=1")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	assert.Contains(t, string(out), "PASS")
}

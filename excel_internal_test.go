package ladder

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestFoldLevels: a level id written in another case is the level whose id
// folds to it, unless two ids fold alike; then neither is guessed.
func TestFoldLevels(t *testing.T) {
	l7, lower, upper := &level{def: Level{ID: "L7"}}, &level{def: Level{ID: "ab"}}, &level{def: Level{ID: "AB"}}
	l := &Ladder{byID: map[LevelID]*level{"L7": l7, "ab": lower, "AB": upper}}
	l.byFold = foldLevels(l.byID)
	tests := []struct {
		id   LevelID
		want *level
	}{
		{"L7", l7},
		{"l7", l7},
		{"ab", lower},
		{"AB", upper},
		{"Ab", nil},
		{"L8", nil},
		{"", nil},
	}
	for _, tt := range tests {
		assert.Same(t, tt.want, l.lookupLevel(tt.id), "%q", tt.id)
	}
}

func TestOnlyNumber(t *testing.T) {
	tests := []struct {
		s    string
		want int
		ok   bool
	}{
		{"Level 7", 7, true}, {"level07", 7, true}, {"7", 7, true}, {"L10", 10, true},
		{"Level", 0, false}, {"7.5", 0, false}, {"L1-2", 0, false}, {"", 0, false},
		{"L99999999999999999999", 0, false},
	}
	for _, tt := range tests {
		n, ok := onlyNumber(tt.s)
		assert.Equal(t, tt.ok, ok, "%q", tt.s)
		assert.Equal(t, tt.want, n, "%q", tt.s)
	}
}

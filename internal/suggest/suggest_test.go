package suggest

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDidYouMean(t *testing.T) {
	levels := []string{"L1", "L2", "L3", "L10"}
	for _, c := range []struct {
		name       string
		candidates []string
		want       string
	}{
		{"levle", []string{"level", "levels_since", "id"}, " (did you mean level?)"},
		{"LEVEL", []string{"level"}, " (did you mean level?)"}, // case is ignored
		{"L9", levels, ""},       // L1, L2 and L3 tie
		{"L11", levels, ""},      // L1 and L10 tie
		{"x", []string{"y"}, ""}, // everything is one edit from one rune
		{"feature_hitrate", []string{"feature_hit_rate"}, " (did you mean feature_hit_rate?)"},
		{"feature_hit_rte_x", []string{"feature_hit_rate"}, " (did you mean feature_hit_rate?)"}, // 3 edits, long name
		{"ab", []string{"abcde"}, ""},                          // too far
		{"naïve", []string{"naive"}, " (did you mean naive?)"}, // runes, not bytes
		{"name", nil, ""},
	} {
		assert.Equal(t, c.want, DidYouMean(c.name, c.candidates), "%s in %v", c.name, c.candidates)
	}
}

func TestDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"", "abc", 3}, {"kitten", "sitting", 3}, {"flaw", "lawn", 2}, {"ü", "u", 1},
		{string(make([]byte, 100)), "", 100}, // longer than the stack buffers
	} {
		assert.Equal(t, c.want, Distance(c.a, c.b), "%q %q", c.a, c.b)
		assert.Equal(t, c.want, Distance(c.b, c.a), "%q %q", c.b, c.a)
	}
}

func ExampleDidYouMean() {
	fmt.Printf("unknown key %q%s\n", "levle", DidYouMean("levle", []string{"id", "level", "name"}))
	// Output: unknown key "levle" (did you mean level?)
}

// Package suggest finds the name a user most likely meant, for "did you
// mean" hints in the library's errors and in the ladder command.
package suggest

import (
	"strings"
	"unicode/utf8"
)

// DidYouMean returns " (did you mean x?)" for the candidate closest to name,
// or "" when none is close enough to be a likely typo, or when several are
// equally close: for "L9" among L1, L2 and L3, any guess would mislead.
func DidYouMean(name string, candidates []string) string {
	limit := 2
	if len(name) > 8 {
		limit = 3
	}
	lower := strings.ToLower(name)
	n := utf8.RuneCountInString(lower)
	best, bestDist, tie := "", 0, false
	for _, c := range candidates {
		// A candidate whose length is further off than the limit cannot be
		// within it, nor tie with one that is.
		if m := utf8.RuneCountInString(c); m < n-limit || m > n+limit {
			continue
		}
		d := Distance(lower, strings.ToLower(c))
		switch {
		case best == "" || d < bestDist:
			best, bestDist, tie = c, d, false
		case d == bestDist && c != best:
			tie = true
		}
	}
	if best == "" || tie || bestDist > limit || bestDist >= len(name) {
		return ""
	}
	return " (did you mean " + best + "?)"
}

// Distance is the Levenshtein distance between a and b, counting runes.
func Distance(a, b string) int {
	var bufA, bufB [64]rune
	var rowP, rowC [65]int
	ra, rb := bufA[:0], bufB[:0]
	for _, r := range a {
		ra = append(ra, r)
	}
	for _, r := range b {
		rb = append(rb, r)
	}
	prev, cur := rowP[:0], rowC[:0]
	if len(rb) >= len(rowP) {
		prev, cur = make([]int, 0, len(rb)+1), make([]int, 0, len(rb)+1)
	}
	prev, cur = prev[:len(rb)+1], cur[:len(rb)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

package ladder

import (
	"slices"
	"strings"
)

// Totals adds up amounts of money per currency, exactly, and counts what
// it cannot add. Each call to [Totals.Add] adds all of its amounts or, when
// a sum would not fit in int64 minor units, none of them: then the addition
// is counted as left out and its currencies are marked incomplete, so a
// total that cannot be computed is always known, never silently short.
//
// The zero Totals is empty and ready to use. A Totals is not safe for
// concurrent use.
type Totals struct {
	sums       []Money  // per currency, in currency order
	leftOut    int      // additions left out
	incomplete []string // currencies of the additions left out, in order
}

// Add adds the amounts ms to the sums of their currencies, all of them or
// none. The zero Money adds as nothing. It returns false, adds nothing and
// counts one addition left out when any sum would overflow.
func (t *Totals) Add(ms ...Money) bool {
	if !t.fits(ms) {
		t.leftOut++
		for _, m := range ms {
			if m == (Money{}) {
				continue
			}
			if i, found := slices.BinarySearch(t.incomplete, m.Currency); !found {
				t.incomplete = slices.Insert(t.incomplete, i, m.Currency)
			}
		}
		return false
	}
	for _, m := range ms {
		if m != (Money{}) {
			t.sums, _ = addTotal(t.sums, m) // fits checked every sum
		}
	}
	return true
}

// fits reports whether adding ms would keep every sum within int64 minor
// units.
func (t *Totals) fits(ms []Money) bool {
	for i, m := range ms {
		if m == (Money{}) || slices.ContainsFunc(ms[:i], func(p Money) bool { return p.Currency == m.Currency }) {
			continue // a currency is checked at its first amount
		}
		sum := t.sum(m.Currency)
		for _, o := range ms[i:] {
			if o.Currency != m.Currency {
				continue
			}
			var err error
			if sum, err = sum.Add(o); err != nil {
				return false
			}
		}
	}
	return true
}

// sum is the sum of a currency, or the zero Money.
func (t *Totals) sum(currency string) Money {
	i, found := slices.BinarySearchFunc(t.sums, currency, func(s Money, c string) int { return strings.Compare(s.Currency, c) })
	if !found {
		return Money{}
	}
	return t.sums[i]
}

// Sums returns the sum of each currency added, in the order of the
// currency codes, or nil when nothing was added. A currency that
// [Totals.Incomplete] lists has a sum that leaves something out.
func (t *Totals) Sums() []Money { return slices.Clone(t.sums) }

// LeftOut returns how many additions Add left out because a sum would have
// overflowed.
func (t *Totals) LeftOut() int { return t.leftOut }

// Incomplete returns the currencies whose sums leave out an addition, in
// order, or nil when every addition is in the sums.
func (t *Totals) Incomplete() []string { return slices.Clone(t.incomplete) }

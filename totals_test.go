package ladder_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/ladderkit/ladder"
	"github.com/stretchr/testify/assert"
)

func ExampleTotals() {
	var paid ladder.Totals
	paid.Add(ladder.Money{Amount: 58800, Currency: "EUR"})
	paid.Add(ladder.Money{Amount: 180000, Currency: "USD"}, ladder.Money{Amount: 67500, Currency: "EUR"})
	for range 20 {
		paid.Add(ladder.Money{Amount: 553402322211286548, Currency: "JPY"})
	}
	fmt.Println(paid.Sums())
	fmt.Println(paid.LeftOut(), "left out of", paid.Incomplete())
	// Output:
	// [EUR 1,263.00 JPY 8,854,437,155,380,584,768 USD 1,800.00]
	// 4 left out of [JPY]
}

func TestTotals(t *testing.T) {
	usd := func(cents int64) ladder.Money { return ladder.Money{Amount: cents, Currency: "USD"} }
	eur := func(cents int64) ladder.Money { return ladder.Money{Amount: cents, Currency: "EUR"} }
	jpy := func(yen int64) ladder.Money { return ladder.Money{Amount: yen, Currency: "JPY"} }
	repeat := func(n int, ms ...ladder.Money) [][]ladder.Money {
		out := make([][]ladder.Money, n)
		for i := range out {
			out[i] = ms
		}
		return out
	}
	tests := []struct {
		name       string
		adds       [][]ladder.Money
		want       []ladder.Money
		leftOut    int
		incomplete []string
		reason     string
	}{
		{name: "nothing", adds: nil, want: nil},
		{name: "zero money adds as nothing", adds: [][]ladder.Money{{{}}, {}}, want: nil},
		{name: "currency order", adds: [][]ladder.Money{{usd(100)}, {jpy(5)}, {eur(7), usd(1)}}, want: []ladder.Money{eur(7), jpy(5), usd(101)}},
		{name: "a zero amount keeps its currency", adds: [][]ladder.Money{{usd(0)}}, want: []ladder.Money{usd(0)}},
		{
			name: "twenty big yen amounts", adds: repeat(20, jpy(553402322211286548)),
			want: []ladder.Money{jpy(16 * 553402322211286548)}, leftOut: 4, incomplete: []string{"JPY"},
			reason: "issue 22: the payroll sheet summed these to a wrong figure without a word",
		},
		{
			name: "all or none", adds: [][]ladder.Money{{usd(math.MaxInt64 - 10)}, {eur(500), usd(11)}, {eur(1), usd(10)}},
			want: []ladder.Money{eur(1), usd(math.MaxInt64)}, leftOut: 1, incomplete: []string{"EUR", "USD"},
			reason: "the EUR 5.00 of the refused addition is not added either, so EUR is incomplete too",
		},
		{
			name: "amounts of one currency in one addition", adds: [][]ladder.Money{{usd(math.MaxInt64 / 2), usd(math.MaxInt64 / 2), usd(2)}},
			want: nil, leftOut: 1, incomplete: []string{"USD"},
			reason: "each amount fits alone; together they do not",
		},
		{name: "negative amounts", adds: [][]ladder.Money{{usd(500)}, {usd(-700)}}, want: []ladder.Money{usd(-200)}},
		{
			name: "negative overflow", adds: [][]ladder.Money{{usd(math.MinInt64 + 1)}, {usd(-2)}, {jpy(3)}},
			want: []ladder.Money{jpy(3), usd(math.MinInt64 + 1)}, leftOut: 1, incomplete: []string{"USD"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var tot ladder.Totals
			added := 0
			for _, ms := range tt.adds {
				if tot.Add(ms...) {
					added++
				}
			}
			assert.Equal(t, tt.want, tot.Sums(), tt.reason)
			assert.Equal(t, tt.leftOut, tot.LeftOut(), tt.reason)
			assert.Equal(t, len(tt.adds)-tt.leftOut, added, "Add returns false for each addition left out")
			assert.Equal(t, tt.incomplete, tot.Incomplete(), tt.reason)
		})
	}
}

// Sums returns a copy: changing it changes no total.
func TestTotalsSumsIsACopy(t *testing.T) {
	var tot ladder.Totals
	tot.Add(ladder.Money{Amount: 5, Currency: "USD"})
	tot.Sums()[0].Amount = 99
	assert.Equal(t, []ladder.Money{{Amount: 5, Currency: "USD"}}, tot.Sums())
}

package rulesafe

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecimal(t *testing.T) {
	for _, c := range []struct{ in, want float64 }{
		{0.57 * 100, 57},
		{0.57 + 0.1 + 0.2, 0.87},
		{0.1 + 0.2, 0.3},
		{1.0000001 - 1, 0.0000001},
		{1.0 / 3, 0.333333333},
		{-1.0 / 3, -0.333333333},
		{0.0000000005, 0.000000001}, // halves away from zero
		{5.7 * 1000000, 5700000},
		{123456789.123456789, 123456789.123457},
		{1e15 + 0.5, 1e15 + 0.5}, // past 15 digits: as it is
		{0, 0},
	} {
		assert.Equal(t, c.want, Decimal(c.in), "Decimal(%v)", c.in)
	}
}

func TestArith(t *testing.T) {
	for _, c := range []struct {
		op      string
		a, b    any
		want    any
		wantErr string
	}{
		{"+", 2, 3, 5, ""},
		{"+", math.MaxInt, 1, nil, "x overflows"},
		{"-", math.MinInt, 1, nil, "x overflows"},
		{"-", 1, math.MinInt, nil, "x overflows"},
		{"*", math.MinInt, -1, nil, "x overflows"},
		{"*", 1 << 32, 1 << 31, nil, "x overflows"},
		{"*", -3, 4, -12, ""},
		{"%", 7, 0, nil, "division by zero in x"},
		{"%", math.MinInt, -1, 0, ""},
		{"%", 7, 3, 1, ""},
		{"/", 1, 0, nil, "division by zero in x"},
		{"/", 0.0, 0.0, nil, "division by zero in x"},
		{"/", 1, 4, 0.25, ""},
		{"**", 10.0, 400, nil, "x is not a finite number"},
		{"**", -8.0, 0.5, nil, "x is not a finite number"},
		{"*", 1e300, 1e300, nil, "x is not a finite number"},
		{"+", 0.57, 0.1, 0.67, ""},
		{"+", "a", 1, nil, "x: + works on numbers only, got string and int"},
	} {
		got, err := arith(c.op, c.a, c.b, "x")
		if c.wantErr != "" {
			require.EqualError(t, err, c.wantErr, "%v %s %v", c.a, c.op, c.b)
			continue
		}
		require.NoError(t, err)
		assert.Equal(t, c.want, got, "%v %s %v", c.a, c.op, c.b)
	}
}

// Unary minus and abs of the smallest whole number overflow (issue 24).
func TestNegAbs(t *testing.T) {
	for _, c := range []struct {
		name    string
		fn      func(...any) (any, error)
		in      any
		want    any
		wantErr string
	}{
		{"neg", neg, 3, -3, ""},
		{"neg", neg, -1.5, 1.5, ""},
		{"neg", neg, math.MaxInt, -math.MaxInt, ""},
		{"neg", neg, math.MinInt, nil, "x overflows"},
		{"neg", neg, "a", nil, "x: - works on numbers only, got string"},
		{"abs", abs, -3, 3, ""},
		{"abs", abs, 3, 3, ""},
		{"abs", abs, -2.5, 2.5, ""},
		{"abs", abs, math.MinInt + 1, math.MaxInt, ""},
		{"abs", abs, math.MinInt, nil, "x overflows"},
		{"abs", abs, true, nil, "x: abs works on numbers only, got bool"},
	} {
		got, err := c.fn(c.in, "x")
		if c.wantErr != "" {
			require.EqualError(t, err, c.wantErr, "%s(%v)", c.name, c.in)
			continue
		}
		require.NoError(t, err)
		assert.Equal(t, c.want, got, "%s(%v)", c.name, c.in)
	}
}

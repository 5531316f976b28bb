package rulesafe

import (
	"fmt"
	"math"
	"regexp/syntax"
	"testing"

	"github.com/expr-lang/expr/parser"

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

// ProgramSize is never below the size of the program regexp compiles a
// pattern to, and close to it (issue 24).
func TestProgramSize(t *testing.T) {
	for _, pattern := range []string{
		`a`, `abc`, `^[a-z]+@example\.com$`, `a{1000}`, `(?:ab|cd){1000}`, `(?:a{30}){30}`,
		`[\pL\pN]{1000}`, `x*y+z?`, `(a|b|c|d)*`, `a{2,5}`, `a{3,}`, `(?i)founder|owner`,
		`.{1000}`, `(?:(?:a|b){10}c){10}`, `\d{4}-\d{2}-\d{2}`,
	} {
		re, err := syntax.Parse(pattern, syntax.Perl)
		require.NoError(t, err, pattern)
		prog, err := syntax.Compile(re.Simplify())
		require.NoError(t, err, pattern)
		got := ProgramSize(re)
		assert.GreaterOrEqual(t, got, int64(len(prog.Inst)), pattern)
		assert.LessOrEqual(t, got, 2*int64(len(prog.Inst))+4, pattern)
	}
}

// A PatternBudget refuses a pattern over its own limit and the pattern
// that takes the budget's total over its limit, and counts the others.
func TestPatternBudget(t *testing.T) {
	b := &PatternBudget{Each: 1100, Total: 2500}
	for _, c := range []struct{ rule, want string }{
		{`roles[0] matches "^a+$"`, ""},
		{`roles[0] matches "a{1000}" and roles[1] matches "(?:bb){600}"`, "the pattern of matches compiles to 1202 instructions, over the limit of 1100: write fewer or shorter repetitions (1:48)"},
		{`roles[0] matches "a{1000}"`, ""},
		{`roles[0] matches "a{1000}"`, ""},
		{`roles[0] matches "a{500}"`, "with this pattern of matches (502 instructions), the patterns of the ladder's rules compile to 2512 instructions, over the limit of 2500 in all (1:17)"},
		{`roles[0] matches "a{400}"`, ""},    // 402 more make 2412
		{`roles[0] matches "(unclosed"`, ""}, // left to the checker
		{`any(roles, "founder" matches #)`, ""},
	} {
		tree, err := parser.Parse(c.rule)
		require.NoError(t, err, c.rule)
		fe := b.Check(&tree.Node, c.rule)
		if c.want == "" {
			assert.Nil(t, fe, c.rule)
			continue
		}
		require.NotNil(t, fe, c.rule)
		assert.Equal(t, c.want, fmt.Sprintf("%s (%d:%d)", fe.Message, fe.Line, fe.Column), c.rule)
	}
}

func TestHasMatches(t *testing.T) {
	for rule, want := range map[string]bool{
		`count(mentees, .id matches "^a")`: true,
		`roles[0] matches "x" || n > 1`:    true,
		`count(mentees, .rank > 1)`:        false,
		`hasPrefix(roles[0], "matches")`:   false,
	} {
		tree, err := parser.Parse(rule)
		require.NoError(t, err, rule)
		assert.Equal(t, want, HasMatches(tree.Node), rule)
	}
}

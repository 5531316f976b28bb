// Package rulesafe decides, when a ladder loads, what a rule may do, and
// rewrites the arithmetic of accepted rules so that it cannot mislead: a
// division by zero, an overflow or any result that is not a finite number
// makes the rule fail (its check is then unknown), and results with a
// fraction are rounded to decimals, so rules compare as people reading
// decimals would (0.57 * 100 is 57).
//
// Rules compare numbers. What a ladder never needs and what could make one
// evaluation take seconds or gigabytes is refused at load: building
// strings (+ on strings, repeat, replace, join, upper …), ranges (1..n),
// reduce, a predicate inside another predicate (count inside count), calls
// other than the allowed functions, matches with a pattern that is not
// written in the rule, and patterns whose compiled programs would be too
// large (PatternBudget), measured before expr compiles them.
package rulesafe

import (
	"fmt"
	"math"
	"reflect"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/parser"
)

// Allowed lists the functions a rule may call.
var Allowed = []string{"all", "any", "none", "one", "count", "filter", "map", "find", "findIndex",
	"findLast", "findLastIndex", "first", "last", "len", "sum", "mean", "median", "min", "max",
	"abs", "ceil", "floor", "round", "hasPrefix", "hasSuffix"}

// The functions arithmetic is rewritten into. Their names cannot be written
// in a rule: calls other than Allowed are refused before the rewrite.
const (
	fnArith  = "$arith"
	fnFinite = "$finite"
	fnSum    = "$sum"
	fnNeg    = "$neg"
	fnAbs    = "$abs"
)

// Options returns the expr options that define the checked functions the
// rewritten rules call.
func Options() []expr.Option {
	return []expr.Option{
		expr.Function(fnArith, arith),
		expr.Function(fnFinite, finite),
		expr.Function(fnSum, sum),
		expr.Function(fnNeg, neg),
		expr.Function(fnAbs, abs),
	}
}

// Check returns the first thing in tree that rules may not do, located in
// src, or nil. tree must be type-checked.
func Check(tree *ast.Node, src string) *file.Error {
	c := &checker{}
	ast.Walk(tree, c)
	if c.err == nil {
		return nil
	}
	return c.err.Bind(file.NewSource(src))
}

type checker struct{ err *file.Error }

func (c *checker) fail(n ast.Node, format string, args ...any) {
	if c.err == nil || n.Location().From < c.err.From {
		c.err = &file.Error{Location: n.Location(), Message: fmt.Sprintf(format, args...)}
	}
}

const compareNumbers = "rules compare numbers"

func (c *checker) Visit(np *ast.Node) {
	switch n := (*np).(type) {
	case *ast.BinaryNode:
		switch n.Operator {
		case "..":
			c.fail(n, "ranges (a..b) are not allowed in rules: %s; count or compare the inputs instead", compareNumbers)
		case "+":
			for _, side := range []ast.Node{n.Left, n.Right} {
				switch kind(side) {
				case reflect.String:
					c.fail(n, "+ on text is not allowed in rules: %s and may not build strings", compareNumbers)
				case reflect.Slice, reflect.Array, reflect.Map:
					c.fail(n, "+ on lists is not allowed in rules: %s", compareNumbers)
				}
			}
		case "matches":
			if _, ok := n.Right.(*ast.StringNode); !ok {
				c.fail(n, "matches needs its pattern written in the rule, as a quoted string")
			}
		}
	case *ast.BuiltinNode:
		if !slices.Contains(Allowed, n.Name) {
			c.fail(n, "%s() is not allowed in rules: %s; the functions rules may call are %s",
				n.Name, compareNumbers, strings.Join(Allowed, ", "))
		}
	case *ast.CallNode:
		c.fail(n, "%s is not a function rules may call; they are %s", n.Callee, strings.Join(Allowed, ", "))
	case *ast.PredicateNode:
		inner := &innerPredicate{}
		ast.Walk(&n.Node, inner)
		if inner.found != nil {
			c.fail(inner.found, "a predicate inside another one (such as count inside count) is not allowed in rules: its cost multiplies")
		}
	}
}

// innerPredicate finds a predicate inside a predicate's body.
type innerPredicate struct{ found ast.Node }

func (p *innerPredicate) Visit(np *ast.Node) {
	if _, ok := (*np).(*ast.PredicateNode); ok && p.found == nil {
		p.found = *np
	}
}

func kind(n ast.Node) reflect.Kind {
	t := n.Type()
	if t == nil {
		return reflect.Interface
	}
	return t.Kind()
}

// Rewrite replaces, in a checked tree parsed from src, every arithmetic
// operation by a call of a checked function, and wraps sum and mean, which
// add up floats, in a check that their result is finite. Unary minus and
// abs of a whole number are checked too: the negation of the smallest one
// overflows. A rule without arithmetic is left as it is and runs at full
// speed.
//
// The text of an operation, for the message of a failure, is printed only
// when it fails, from a tree parsed again from src: printing every
// operation when the rule loads would take time quadratic in the rule's
// length (issue 24).
func Rewrite(tree *ast.Node, src string) {
	r := rewriter{originals(tree, src)}
	ast.Walk(tree, r)
}

// Text is the text of an operation as written, printed when first asked
// for; it is safe for concurrent use.
type Text struct{ text func() string }

func (t *Text) String() string { return t.text() }

func newText(n ast.Node) *Text { return &Text{sync.OnceValue(n.String)} }

// originals pairs each node of tree with the same node of a tree parsed
// again from src, which the rewrite leaves untouched. When the two do not
// match (the checker changed the tree's shape), nodes are paired with
// themselves and their text is printed at once.
func originals(tree *ast.Node, src string) map[ast.Node]*Text {
	var checked, parsed nodeList
	ast.Walk(tree, &checked)
	if !slices.ContainsFunc(checked, rewritten) {
		return nil
	}
	if t, err := parser.Parse(src); err == nil {
		ast.Walk(&t.Node, &parsed)
	}
	out := map[ast.Node]*Text{}
	same := len(checked) == len(parsed)
	for i := 0; same && i < len(checked); i++ {
		same = reflect.TypeOf(checked[i]) == reflect.TypeOf(parsed[i])
	}
	for i, n := range checked {
		if !rewritten(n) {
			continue
		}
		if same {
			out[n] = newText(parsed[i])
		} else {
			text := n.String()
			out[n] = &Text{func() string { return text }}
		}
	}
	return out
}

type nodeList []ast.Node

func (l *nodeList) Visit(np *ast.Node) { *l = append(*l, *np) }

// rewritten reports whether the rewrite replaces n.
func rewritten(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.BinaryNode:
		switch n.Operator {
		case "+", "-", "*", "/", "%", "**", "^":
			return true
		}
	case *ast.UnaryNode:
		return n.Operator == "-" && mayBeWhole(n.Node) && !literal(n.Node) && !negated(n.Node)
	case *ast.BuiltinNode:
		switch n.Name {
		case "sum", "mean", "median":
			return true
		case "abs":
			return len(n.Arguments) == 1 && mayBeWhole(n.Arguments[0]) && !negated(n.Arguments[0])
		}
	}
	return false
}

// negated reports whether n is a negation or an absolute value, which is
// never the smallest whole number once checked (or negating a number
// written in the rule), so that negating it or taking its absolute value
// again cannot overflow: in - - - n only the innermost minus is checked.
func negated(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.UnaryNode:
		return n.Operator == "-"
	case *ast.BuiltinNode:
		return n.Name == "abs"
	}
	return false
}

// mayBeWhole reports whether n may be a whole number, by its type.
func mayBeWhole(n ast.Node) bool {
	k := kind(n)
	return k == reflect.Int || k == reflect.Interface
}

// literal reports whether n is a number written in the rule, whose
// negation cannot overflow.
func literal(n ast.Node) bool {
	switch n.(type) {
	case *ast.IntegerNode, *ast.FloatNode:
		return true
	}
	return false
}

type rewriter struct{ texts map[ast.Node]*Text }

func (r rewriter) Visit(np *ast.Node) {
	n := *np
	text, ok := r.texts[n]
	if !ok {
		return
	}
	arg := &ast.ConstantNode{Value: text}
	switch n := n.(type) {
	case *ast.BinaryNode:
		op := n.Operator
		if op == "^" {
			op = "**"
		}
		call := &ast.CallNode{
			Callee:    &ast.IdentifierNode{Value: fnArith},
			Arguments: []ast.Node{&ast.StringNode{Value: op}, n.Left, n.Right, arg},
		}
		patch(np, call, n.Type())
	case *ast.UnaryNode:
		patch(np, &ast.CallNode{Callee: &ast.IdentifierNode{Value: fnNeg}, Arguments: []ast.Node{n.Node, arg}}, n.Type())
	case *ast.BuiltinNode:
		switch n.Name {
		case "sum":
			// sum adds whole numbers without an overflow check: add them
			// with one, over the list or the values the predicate maps to.
			list := n.Arguments[0]
			if len(n.Arguments) == 2 {
				list = &ast.BuiltinNode{Name: "map", Arguments: n.Arguments}
			}
			call := &ast.CallNode{
				Callee:    &ast.IdentifierNode{Value: fnSum},
				Arguments: []ast.Node{list, arg},
			}
			patch(np, call, n.Type())
		case "mean", "median":
			call := &ast.CallNode{
				Callee:    &ast.IdentifierNode{Value: fnFinite},
				Arguments: []ast.Node{n, arg},
			}
			patch(np, call, n.Type())
		case "abs":
			patch(np, &ast.CallNode{Callee: &ast.IdentifierNode{Value: fnAbs}, Arguments: []ast.Node{n.Arguments[0], arg}}, n.Type())
		}
	}
}

// patch replaces *np by call, keeping its location and, when it is a number
// type, its type, so the compiled rule stays typed.
func patch(np *ast.Node, call *ast.CallNode, t reflect.Type) {
	ast.Patch(np, call)
	if t != nil && (t.Kind() == reflect.Int || t.Kind() == reflect.Float64) {
		call.SetType(t)
	}
}

// arith computes op(a, b) for a rewritten operation written as text: ints
// stay ints (an overflow is an error), a result with a fraction is rounded
// by Decimal, and a division by zero or a result that is not a finite number
// is an error.
func arith(params ...any) (any, error) {
	op, _ := params[0].(string)
	a, b, text := params[1], params[2], params[3]
	ai, aInt := a.(int)
	bi, bInt := b.(int)
	if aInt && bInt {
		switch op {
		case "+":
			if s := ai + bi; (s > ai) == (bi > 0) {
				return s, nil
			}
			return nil, fmt.Errorf("%s overflows", text)
		case "-":
			if s := ai - bi; (s < ai) == (bi > 0) {
				return s, nil
			}
			return nil, fmt.Errorf("%s overflows", text)
		case "*":
			if ai == 0 || bi == 0 {
				return 0, nil
			}
			if p := ai * bi; p/bi == ai && !(ai == -1 && bi == math.MinInt) && !(bi == -1 && ai == math.MinInt) {
				return p, nil
			}
			return nil, fmt.Errorf("%s overflows", text)
		case "%":
			if bi == 0 {
				return nil, fmt.Errorf("division by zero in %s", text)
			}
			if bi == -1 {
				return 0, nil
			}
			return ai % bi, nil
		}
	}
	x, okA := toFloat(a)
	y, okB := toFloat(b)
	if !okA || !okB {
		return nil, fmt.Errorf("%s: %s works on numbers only, got %T and %T", text, op, a, b)
	}
	var r float64
	switch op {
	case "+":
		r = x + y
	case "-":
		r = x - y
	case "*":
		r = x * y
	case "/", "%":
		if y == 0 {
			return nil, fmt.Errorf("division by zero in %s", text)
		}
		if op == "%" {
			return nil, fmt.Errorf("%s: %% works on whole numbers only", text)
		}
		r = x / y
	case "**":
		r = math.Pow(x, y)
	}
	if math.IsNaN(r) || math.IsInf(r, 0) {
		return nil, fmt.Errorf("%s is not a finite number", text)
	}
	return Decimal(r), nil
}

// sum adds up a list of numbers: whole numbers stay whole and an overflow
// is an error; a sum with a fraction must be a finite number.
func sum(params ...any) (any, error) {
	v := reflect.ValueOf(params[0])
	if v.Kind() != reflect.Slice && v.Kind() != reflect.Array {
		return nil, fmt.Errorf("%s: not a list", params[1])
	}
	total, isFloat, f := 0, false, 0.0
	for i := range v.Len() {
		switch x := v.Index(i).Interface().(type) {
		case int:
			if isFloat {
				f += float64(x)
				continue
			}
			s := total + x
			if (x > 0 && s < total) || (x < 0 && s > total) {
				return nil, fmt.Errorf("whole-number overflow in %s", params[1])
			}
			total = s
		case float64:
			if !isFloat {
				isFloat, f = true, float64(total)
			}
			f += x
		default:
			return nil, fmt.Errorf("%s: %v is not a number", params[1], x)
		}
	}
	if !isFloat {
		return total, nil
	}
	return finite(f, params[1])
}

// neg negates a number; the negation of the smallest whole number
// overflows.
func neg(params ...any) (any, error) {
	switch x := params[0].(type) {
	case int:
		if x == math.MinInt {
			return nil, fmt.Errorf("%s overflows", params[1])
		}
		return -x, nil
	case float64:
		return -x, nil
	}
	return nil, fmt.Errorf("%s: - works on numbers only, got %T", params[1], params[0])
}

// abs is the absolute value of a number; that of the smallest whole number
// overflows.
func abs(params ...any) (any, error) {
	switch x := params[0].(type) {
	case int:
		if x == math.MinInt {
			return nil, fmt.Errorf("%s overflows", params[1])
		}
		return max(x, -x), nil
	case float64:
		return math.Abs(x), nil
	}
	return nil, fmt.Errorf("%s: abs works on numbers only, got %T", params[1], params[0])
}

// finite passes a float through when it is a finite number.
func finite(params ...any) (any, error) {
	if f, ok := params[0].(float64); ok && (math.IsNaN(f) || math.IsInf(f, 0)) {
		return nil, fmt.Errorf("%s is not a finite number", params[1])
	}
	return params[0], nil
}

func toFloat(v any) (float64, bool) {
	switch v := v.(type) {
	case int:
		return float64(v), true
	case float64:
		return v, true
	}
	return 0, false
}

// pow10 holds the exact powers of ten Decimal scales by.
var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9}

// Decimal rounds x to 9 decimal places, and to 15 significant digits when
// x is a million or more (floats hold 15 digits exactly). Sums and products
// of decimals then come out as the decimals people write: 0.57 * 100 is 57
// and 0.57 + 0.1 + 0.2 is 0.87, where binary floating point gives
// 56.99999999999999 and 0.8699999999999999. Halves round away from zero.
func Decimal(x float64) float64 {
	a := math.Abs(x)
	switch {
	case a < 1e6:
		return math.Round(x*1e9) / 1e9
	case a < 1e15:
		e := int(math.Log10(a)) // 6 … 14: keep 14-e decimals
		if e < 6 {
			e = 6
		}
		if e > 14 {
			e = 14
		}
		s := pow10[14-e]
		return math.Round(x*s) / s
	}
	return x
}

// A PatternBudget bounds the programs that the matches patterns written in
// rules compile to: a short pattern can compile to a program of millions
// of instructions (a{1000} repeated), which takes seconds and gigabytes.
// Each pattern's program may hold at most Each instructions, and the
// patterns checked against one budget at most Total in all.
type PatternBudget struct {
	Each, Total int
	used        int
}

// Check checks the matches patterns written in tree, which is parsed but
// not yet type-checked: expr compiles each pattern as it checks a rule, so
// they must be measured before. A pattern within the limits is counted
// against the budget. A pattern that does not parse is left to the
// checker, which says why. Check returns the first pattern over a limit,
// located in src, or nil; the patterns of a rule it refuses are not
// counted.
func (b *PatternBudget) Check(tree *ast.Node, src string) *file.Error {
	p := &patterns{b: b}
	ast.Walk(tree, p)
	if p.err == nil {
		b.used += p.size
		return nil
	}
	return p.err.Bind(file.NewSource(src))
}

type patterns struct {
	b    *PatternBudget
	size int // of the rule's patterns so far
	err  *file.Error
}

func (p *patterns) Visit(np *ast.Node) {
	n, ok := (*np).(*ast.BinaryNode)
	if !ok || n.Operator != "matches" || p.err != nil {
		return
	}
	s, ok := n.Right.(*ast.StringNode)
	if !ok {
		return
	}
	re, err := syntax.Parse(s.Value, syntax.Perl)
	if err != nil {
		return
	}
	switch size := ProgramSize(re); {
	case size > int64(p.b.Each):
		p.err = &file.Error{Location: s.Location(), Message: fmt.Sprintf(
			"the pattern of matches compiles to %d instructions, over the limit of %d: write fewer or shorter repetitions", size, p.b.Each)}
	case p.b.used+p.size+int(size) > p.b.Total:
		p.err = &file.Error{Location: s.Location(), Message: fmt.Sprintf(
			"with this pattern of matches (%d instructions), the patterns of the ladder's rules compile to %d instructions, over the limit of %d in all",
			size, p.b.used+p.size+int(size), p.b.Total)}
	default:
		p.size += int(size)
	}
}

// ProgramSize returns the number of instructions that the program Go's
// regexp package compiles re to holds at most, without compiling it: the
// estimate regexp/syntax makes to refuse patterns too large to compile,
// taken on the parsed pattern.
func ProgramSize(re *syntax.Regexp) int64 {
	return size(re) + 2 // the program's start and match
}

func size(re *syntax.Regexp) int64 {
	var n int64
	switch re.Op {
	case syntax.OpLiteral:
		n = int64(len(re.Rune))
	case syntax.OpCapture, syntax.OpStar:
		n = 2 + size(re.Sub[0])
	case syntax.OpPlus, syntax.OpQuest:
		n = 1 + size(re.Sub[0])
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			n += size(sub)
		}
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			n += size(sub)
		}
		n += int64(len(re.Sub)) - 1
	case syntax.OpRepeat:
		sub := size(re.Sub[0])
		switch {
		case re.Max == -1 && re.Min == 0:
			n = 2 + sub
		case re.Max == -1:
			n = 1 + int64(re.Min)*sub
		default:
			n = int64(re.Max)*sub + int64(re.Max-re.Min)
		}
	}
	return min(max(n, 1), math.MaxInt32) // regexp/syntax refuses far less
}

// HasMatches reports whether n holds a matches operator, whose pattern is
// compiled each time n is.
func HasMatches(n ast.Node) bool {
	f := &findMatches{}
	ast.Walk(&n, f)
	return f.found
}

type findMatches struct{ found bool }

func (f *findMatches) Visit(np *ast.Node) {
	if b, ok := (*np).(*ast.BinaryNode); ok && b.Operator == "matches" {
		f.found = true
	}
}

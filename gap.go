package ladder

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/expr-lang/expr"
	exprast "github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/parser"
	"github.com/expr-lang/expr/vm"
	"github.com/ladderkit/ladder/internal/jsonform"
	"github.com/ladderkit/ladder/internal/rulesafe"
)

// Gap is what one unmet or unknown part of a check still needs: a threshold
// on one input, the value now and how far it is from the threshold.
type Gap struct {
	Input  string    `json:"input"`            // the metric or built-in the threshold is on: successful_scope_cuts, months_at_level, nominations…
	Op     string    `json:"op"`               // >=, >, <=, <, ==, !=
	Have   float64   `json:"have"`             // the value now (true/false as 1/0, a percent as a fraction); NaN (null in JSON) when unknown
	Want   float64   `json:"want"`             // the threshold
	Short  float64   `json:"short"`            // how far Have is from meeting it, in the input's unit (3 − 2 = 1); 0 when that part is met
	Clears time.Time `json:"clears,omitempty"` // for time checks: the date the check clears by itself; zero otherwise

	words string // the gap as a manager would say it, written at evaluation
}

// MarshalJSON writes the gap as in a report: have is null when unknown,
// clears is a date (YYYY-MM-DD) or absent.
func (g Gap) MarshalJSON() ([]byte, error) { return jsonform.MarshalFields(g) }

// String returns the gap as a manager would say it: "needs 1 more
// successful scope cut (2 of 3)", "feature hit rate 69% of 70%", "clears on
// 2027-03-01 (5 more months at L7)".
func (g Gap) String() string {
	if g.words != "" {
		return g.words
	}
	var t textBuf
	t.gap(g, gapWords{noun: words(g.Input), one: singular(words(g.Input))})
	return t.b.String()
}

// Known reports whether the input's value is known (Have is not NaN).
func (g Gap) Known() bool { return !math.IsNaN(g.Have) }

// part is one threshold of a rule, found when the rule is compiled:
// input op want, where the rule is a conjunction of such parts.
type part struct {
	input string      // Gap.Input
	op    string      // with the input on the left
	want  float64     // the constant
	bool  bool        // the input is a bool: op is == and want 1 or 0
	prog  *vm.Program // computes the input when it is not a plain env name
	reads []string    // env names the input reads
	words gapWords
	// mentees: the input reads the mentees, whose range may be unknown
	mentees bool
}

// gapWords are the words a gap is said with.
type gapWords struct {
	noun, one string // "successful scope cuts", "successful scope cut"
	kind      string // how values read: "" (whole numbers), "number", "percent" (69%) or "bool" (yes, no)
	where     string // for tenure: "at L7", "in the track"
	notKnown  bool   // the value is unknown for a reason other than an input not given
}

// analyseRule splits the rule src into threshold parts: input op constant,
// constant op input, count(…) op constant, len(…) op constant, a bool input
// (x, not x, x == true), each optionally behind let bindings, and && of
// those. Any other rule has no parts (nil): its check explains itself in its
// Detail alone. src has compiled against env already.
func analyseRule(src string, env map[string]any) (parts []part) {
	defer func() {
		if recover() != nil { // printing a node can panic on odd constants
			parts = nil
		}
	}()
	tree, err := parser.Parse(src)
	if err != nil {
		return nil
	}
	a := analyser{env: env, budget: analysisBudget*len(src) + 1024, letText: map[*exprast.VariableDeclaratorNode]string{}}
	if !a.node(tree.Node) {
		return nil
	}
	return a.parts
}

type analyser struct {
	env   map[string]any
	lets  []*exprast.VariableDeclaratorNode // enclosing let bindings, outermost first
	parts []part
	// budget is what is left of the bytes the parts may compile: each
	// part compiles its enclosing let bindings again, so that many lets
	// and many parts would take time quadratic in the rule (issue 24).
	// A rule over it has no parts.
	budget  int
	letText map[*exprast.VariableDeclaratorNode]string // each binding printed once
}

// analysisBudget bounds the text the parts of a rule compile, as a
// multiple of the rule's length (plus 1 KiB, for short rules).
const analysisBudget = 4

func (a *analyser) node(n exprast.Node) bool {
	switch n := n.(type) {
	case *exprast.VariableDeclaratorNode:
		a.lets = append(a.lets, n)
		return a.node(n.Expr)
	case *exprast.BinaryNode:
		switch n.Operator {
		case "&&", "and":
			return a.node(n.Left) && a.node(n.Right)
		case ">=", ">", "<=", "<", "==", "!=":
			return a.compare(n)
		}
	case *exprast.IdentifierNode:
		return a.add(n, "==", 1, true)
	case *exprast.UnaryNode:
		if n.Operator == "not" || n.Operator == "!" {
			if id, ok := n.Node.(*exprast.IdentifierNode); ok {
				return a.add(id, "==", 0, true)
			}
		}
	}
	return false
}

var flipped = map[string]string{">=": "<=", ">": "<", "<=": ">=", "<": ">", "==": "==", "!=": "!="}

func (a *analyser) compare(n *exprast.BinaryNode) bool {
	op, input, c := n.Operator, n.Left, n.Right
	_, isBool := input.(*exprast.BoolNode)
	if _, ok := constant(input); ok || isBool {
		op, input, c = flipped[op], n.Right, n.Left
	}
	if b, ok := c.(*exprast.BoolNode); ok {
		want := 0.0
		if b.Value == (op == "==") {
			want = 1
		}
		if op != "==" && op != "!=" {
			return false
		}
		return a.add(input, "==", want, true)
	}
	want, ok := constant(c)
	if !ok {
		return false
	}
	return a.add(input, op, want, false)
}

// constant returns the value of a number literal: 3, 0.7, -1.
func constant(n exprast.Node) (float64, bool) {
	switch n := n.(type) {
	case *exprast.IntegerNode:
		return float64(n.Value), true
	case *exprast.FloatNode:
		return n.Value, true
	case *exprast.UnaryNode:
		if v, ok := constant(n.Node); ok && (n.Operator == "-" || n.Operator == "+") {
			if n.Operator == "-" {
				v = -v
			}
			return v, true
		}
	}
	return 0, false
}

// add records input op want when input is a metric, a built-in, a let
// binding, count(list, predicate) or len(list).
func (a *analyser) add(input exprast.Node, op string, want float64, isBool bool) bool {
	p := part{op: op, want: want, bool: isBool}
	switch n := input.(type) {
	case *exprast.IdentifierNode:
		p.input = n.Value
		p.words.noun = words(n.Value)
		if a.bound(n.Value) {
			p.prog = a.compile(n)
			break
		}
		v, ok := a.env[n.Value]
		if !ok {
			return false
		}
		if _, isB := v.(bool); isB != isBool {
			return false
		}
		p.reads = []string{n.Value}
	case *exprast.BuiltinNode:
		if isBool || (n.Name != "count" && n.Name != "len") || len(n.Arguments) == 0 {
			return false
		}
		list, ok := n.Arguments[0].(*exprast.IdentifierNode)
		if !ok || a.bound(list.Value) {
			return false
		}
		if _, ok := a.env[list.Value]; !ok {
			return false
		}
		p.input = list.Value
		p.words.noun = words(list.Value)
		p.words.one = singular(p.words.noun)
		if n.Name == "count" && len(n.Arguments) == 2 {
			p.words.noun, p.words.one = predicateWords(list.Value, n.Arguments[1])
		}
		p.prog = a.compile(n)
	default:
		return false
	}
	if p.prog == nil && p.reads == nil {
		return false
	}
	if p.prog != nil {
		c := readsCollector{env: a.env, reads: &p.reads}
		for _, l := range a.lets {
			v := l.Value
			exprast.Walk(&v, c)
		}
		exprast.Walk(&input, c)
	}
	p.mentees = slices.Contains(p.reads, builtinMentees)
	if p.words.one == "" {
		p.words.one = singular(p.words.noun)
	}
	a.parts = append(a.parts, p)
	return true
}

func (a *analyser) bound(name string) bool {
	for _, l := range a.lets {
		if l.Name == name {
			return true
		}
	}
	return false
}

// compile compiles the input n, behind the enclosing let bindings, into a
// program that computes its value.
func (a *analyser) compile(n exprast.Node) *vm.Program {
	var b strings.Builder
	for _, l := range a.lets {
		text, ok := a.letText[l]
		if !ok {
			text = "let " + l.Name + " = " + l.Value.String() + "; "
			if rulesafe.HasMatches(l.Value) {
				text = "" // its pattern would be compiled again for every part
			}
			a.letText[l] = text
		}
		if text == "" {
			return nil
		}
		if b.WriteString(text); b.Len() > a.budget {
			return nil
		}
	}
	b.WriteString(n.String())
	if a.budget -= b.Len(); a.budget < 0 {
		return nil
	}
	opts := []expr.Option{expr.Env(a.env), expr.MaxNodes(maxRuleNodes)}
	for _, name := range clockBuiltins {
		opts = append(opts, expr.DisableBuiltin(name))
	}
	prog, err := expr.Compile(b.String(), opts...)
	if err != nil {
		return nil
	}
	return prog
}

// predicateWords names what count(list, pred) counts, in the plural and
// for one: "advanced mentees", "mentees in range with rank >= 4". The
// predicate's && parts are read one by one: a flag of the item (.advanced)
// qualifies the noun, a comparison follows "with".
func predicateWords(list string, pred exprast.Node) (many, one string) {
	if p, ok := pred.(*exprast.PredicateNode); ok {
		pred = p.Node
	}
	var before, after, with []string
	var walk func(n exprast.Node)
	walk = func(n exprast.Node) {
		if b, ok := n.(*exprast.BinaryNode); ok && (b.Operator == "&&" || b.Operator == "and") {
			walk(b.Left)
			walk(b.Right)
			return
		}
		if m, ok := n.(*exprast.MemberNode); ok {
			if s, ok := m.Property.(*exprast.StringNode); ok {
				if _, ok := m.Node.(*exprast.PointerNode); ok {
					if w := words(s.Value); strings.Contains(w, " ") {
						after = append(after, w)
					} else {
						before = append(before, w)
					}
					return
				}
			}
		}
		with = append(with, strings.ReplaceAll(strings.TrimPrefix(n.String(), "."), " .", " "))
	}
	walk(pred)
	phrase := func(noun string) string {
		out := strings.Join(slices.Concat(before, []string{noun}), " ")
		if len(after) > 0 {
			out += " " + strings.Join(after, " and ")
		}
		if len(with) > 0 {
			out += " with " + strings.Join(with, " and ")
		}
		return out
	}
	return phrase(words(list)), phrase(singular(words(list)))
}

// words turns an id into words: successful_scope_cuts is "successful scope cuts".
func words(id string) string { return strings.ReplaceAll(id, "_", " ") }

// singular returns the noun phrase for one: "successful scope cut",
// "mentee with rank >= 4". Phrases whose head word does not end in a plain
// s stay as they are.
func singular(noun string) string {
	head, rest, _ := strings.Cut(noun, " with ")
	if rest != "" {
		rest = " with " + rest
	}
	if strings.HasSuffix(head, "s") && !strings.HasSuffix(head, "ss") {
		head = head[:len(head)-1]
	}
	return head + rest
}

// ruleGaps returns a gap for each part of r that is unmet or unknown, or nil
// when r has no parts. It runs only for checks that are unmet or unknown.
func (e *evaluation) ruleGaps(r *rule) []Gap {
	if len(r.parts) == 0 {
		return nil
	}
	var gaps []Gap
	for i := range r.parts {
		p := &r.parts[i]
		g := Gap{Input: p.input, Op: p.op, Want: p.want, Have: math.NaN()}
		unknown := false
		for _, name := range p.reads {
			if e.missingField(name) != "" {
				unknown = true
			}
		}
		whole := p.bool
		notKnown := false // the part reads mentees whose range is not known, and depends on it
		if !unknown {
			var v any
			if p.prog == nil {
				v = e.env[p.input]
			} else {
				out, known, err := e.run(p.prog, p.mentees)
				if err != nil {
					continue
				}
				v, notKnown = out, !known
			}
			switch x := v.(type) {
			case nil:
				continue
			case int:
				g.Have, whole = float64(x), true
			case float64:
				g.Have = x
			case bool:
				g.Have = 0
				if x {
					g.Have = 1
				}
			default:
				continue
			}
			// As decimals, as rule arithmetic is: 1 - 0.92 is 0.08; but
			// never 0 for a part that is not met.
			g.Short = short(g.Op, g.Have, g.Want, whole)
			if d := rulesafe.Decimal(g.Short); d != 0 {
				g.Short = d
			}
			if holds(g.Op, g.Have, g.Want) && !notKnown {
				continue
			}
			if notKnown {
				g.Have, g.Short = math.NaN(), 0
			}
		}
		if gaps == nil {
			gaps = make([]Gap, 0, len(r.parts)-i)
		}
		w := p.words
		w.notKnown = notKnown
		if p.bool {
			w.kind = "bool"
		} else if j, ok := e.l.metricIdx[p.input]; ok && e.l.metrics[j].Type == MetricPercent {
			w.kind = "percent"
		} else if !whole {
			w.kind = "number"
		}
		m := e.t.mark()
		e.t.gap(g, w)
		g.words = e.t.since(m)
		gaps = append(gaps, g)
	}
	return gaps
}

// holds reports whether have op want.
func holds(op string, have, want float64) bool {
	switch op {
	case ">=":
		return have >= want
	case ">":
		return have > want
	case "<=":
		return have <= want
	case "<":
		return have < want
	case "==":
		return have == want
	case "!=":
		return have != want
	}
	return false
}

// short is how far have is from meeting have op want; for whole-number
// inputs (counts, int metrics, bools) in whole steps, so that > 2 needs 3.
func short(op string, have, want float64, whole bool) float64 {
	if holds(op, have, want) {
		return 0
	}
	switch op {
	case "<=", "<": // have < want is -have > -want
		return short(">"+op[1:], -have, -want, whole)
	case ">=":
		if whole {
			want = math.Ceil(want)
		}
		return want - have
	case ">":
		if whole {
			return math.Floor(want) + 1 - have
		}
		return want - have
	case "==":
		return math.Abs(have - want)
	case "!=":
		if whole {
			return 1
		}
	}
	return 0
}

// gap writes g as a manager would say it.
func (t *textBuf) gap(g Gap, w gapWords) {
	num := func(v float64) {
		switch w.kind {
		case "percent":
			t.b.Write(strconv.AppendFloat(t.scratch[:0], roundPercent(v), 'f', -1, 64))
			t.str("%")
		case "bool":
			if v != 0 {
				t.str("yes")
			} else {
				t.str("no")
			}
		default:
			t.b.Write(strconv.AppendFloat(t.scratch[:0], v, 'f', -1, 64))
		}
	}
	wanted := func() {
		switch g.Op {
		case ">=":
			num(g.Want)
			t.str(" or more")
		case ">":
			t.str("more than ")
			num(g.Want)
		case "<=":
			t.str("at most ")
			num(g.Want)
		case "<":
			t.str("less than ")
			num(g.Want)
		case "==":
			num(g.Want)
		case "!=":
			t.str("anything but ")
			num(g.Want)
		}
	}
	noun := func(n float64) string {
		if n == 1 {
			return w.one
		}
		return w.noun
	}
	switch {
	case !g.Clears.IsZero():
		t.str("clears on ").date(g.Clears)
		if g.Known() && g.Short > 0 {
			t.str(" (")
			num(g.Short)
			t.str(" more ").str(noun(g.Short))
			if w.where != "" {
				t.str(" ").str(w.where)
			}
			t.str(")")
		}
	case !g.Known() && w.notKnown:
		t.str(w.noun).str(" not known (wanted: ")
		wanted()
		t.str(")")
	case !g.Known():
		t.str(w.noun).str(" not given (wanted: ")
		wanted()
		t.str(")")
	case w.kind != "" || g.Op == "==" || g.Op == "!=":
		if w.kind == "percent" {
			t.str(w.noun).str(" at ")
		} else {
			t.str(w.noun).str(": ")
		}
		num(g.Have)
		if w.kind == "percent" && g.Op == ">=" {
			t.str(" of ")
			num(g.Want)
			return
		}
		t.str(", wanted ")
		wanted()
	case g.Op == ">=" || g.Op == ">":
		t.str("needs ")
		num(g.Short)
		t.str(" more ").str(noun(g.Short)).str(" (")
		num(g.Have)
		if g.Op == ">=" {
			t.str(" of ")
			num(g.Want)
		} else {
			t.str(", wanted more than ")
			num(g.Want)
		}
		t.str(")")
	default: // <= or <
		t.str("needs ")
		num(g.Short)
		t.str(" fewer ").str(noun(g.Short)).str(" (")
		num(g.Have)
		t.str(", wanted ")
		wanted()
		t.str(")")
	}
}

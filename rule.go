package ladder

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/expr-lang/expr"
	exprast "github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/checker"
	"github.com/expr-lang/expr/compiler"
	"github.com/expr-lang/expr/conf"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/optimizer"
	"github.com/expr-lang/expr/parser"
	"github.com/expr-lang/expr/vm"
	"github.com/ladderkit/ladder/internal/rulesafe"
	"github.com/ladderkit/ladder/internal/suggest"
	"github.com/ladderkit/ladder/internal/yamlsrc"
)

// This file compiles a ladder's rules with expr, against the metrics and
// builtins a rule may read, and maps expr's positions back to the YAML.

// compileSafe compiles src as expr.Compile does, and in between refuses
// what rules may not do and rewrites their arithmetic (internal/rulesafe):
// every accepted rule evaluates within a small, bounded budget. Its
// matches patterns are measured against patterns before expr compiles
// them.
func compileSafe(src string, env map[string]any, patterns *rulesafe.PatternBudget) (*vm.Program, error) {
	config := conf.CreateNew()
	opts := append([]expr.Option{expr.Env(env), expr.AsBool(), expr.MaxNodes(maxRuleNodes)}, rulesafe.Options()...)
	for _, name := range clockBuiltins {
		opts = append(opts, expr.DisableBuiltin(name))
	}
	for _, op := range opts {
		op(config)
	}
	for name := range config.Disabled {
		delete(config.Builtins, name)
	}
	config.Check()
	tree, err := parser.ParseWithConfig(src, config)
	if err != nil {
		return nil, err
	}
	if fe := patterns.Check(&tree.Node, src); fe != nil {
		return nil, fe
	}
	if _, err := new(checker.Checker).PatchAndCheck(tree, config); err != nil {
		return nil, err
	}
	if fe := rulesafe.Check(&tree.Node, src); fe != nil {
		return nil, fe
	}
	rulesafe.Rewrite(&tree.Node, src)
	if _, err := checker.Check(tree, config); err != nil {
		return nil, err
	}
	if err := optimizer.Optimize(&tree.Node, config); err != nil {
		var fe *file.Error
		if errors.As(err, &fe) {
			return nil, fe.Bind(tree.Source)
		}
		return nil, err
	}
	return compiler.Compile(tree, config)
}

// rule is a compiled boolean rule and the inputs it reads.
type rule struct {
	src   string
	prog  *vm.Program
	reads []string // names of metrics and built-ins read, in order of first use
	parts []part   // its thresholds, for gaps (gap.go); nil when it has none
	// mentees: the rule reads the mentees, and so may depend on whether
	// each was in range, which is not always known (evaluate.go).
	mentees bool
}

// compileEnv returns the typed environment rules are checked against: a
// zero value of the right type for every metric and built-in.
func compileEnv(metrics []Metric) map[string]any {
	env := map[string]any{
		builtinMonthsAtLevel:  0,
		builtinMonthsInTrack:  0,
		builtinRank:           0,
		builtinChecklistDone:  0,
		builtinChecklistTotal: 0,
		builtinMentees:        []ruleMentee{},
		builtinRoles:          []string{},
	}
	for _, m := range metrics {
		switch m.Type {
		case MetricInt:
			env[m.ID] = 0
		case MetricNumber, MetricPercent:
			env[m.ID] = 0.0
		case MetricBool:
			env[m.ID] = false
		}
	}
	return env
}

// compileRule compiles src against env. On failure it returns expr's error
// (with its position inside src) with a "did you mean" hint for unknown names.
func compileRule(src string, env map[string]any) (*rule, *file.Error) {
	return compileRuleWithin(src, env, newPatternBudget())
}

// newPatternBudget returns the budget of the matches patterns of one
// ladder's rules.
func newPatternBudget() *rulesafe.PatternBudget {
	return &rulesafe.PatternBudget{Each: maxPatternSize, Total: maxLadderPatternSize}
}

// compileRuleWithin is compileRule with the patterns of src counted
// against patterns, the budget of the ladder's rules.
func compileRuleWithin(src string, env map[string]any, patterns *rulesafe.PatternBudget) (*rule, *file.Error) {
	if len(src) > maxRuleLength {
		return nil, &file.Error{Message: fmt.Sprintf("rule is %d bytes long, over the limit of %d", len(src), maxRuleLength)}
	}
	prog, err := compileSafe(src, env, patterns)
	if err != nil {
		var fe *file.Error
		if !errors.As(err, &fe) {
			fe = &file.Error{Message: err.Error()}
		}
		fe = copyFileError(fe)
		if name, ok := strings.CutPrefix(fe.Message, "unknown name "); ok && slices.Contains(clockBuiltins, name) {
			fe.Message = name + "() is not available in rules: they may depend only on the ladder, the person and the evaluation date"
		} else if ok {
			names := make([]string, 0, len(env))
			for k := range env {
				names = append(names, k)
			}
			fe.Message += suggest.DidYouMean(name, names)
			fe.Prev = ErrUnknownMetric
		}
		return nil, fe
	}
	r := &rule{src: src, prog: prog}
	node := prog.Node()
	exprast.Walk(&node, readsCollector{env: env, reads: &r.reads})
	r.mentees = slices.Contains(r.reads, builtinMentees)
	r.parts = analyseRule(src, env)
	return r, nil
}

// ruleNames returns the names of env that src reads, or nil when src does
// not parse.
func ruleNames(src string, env map[string]any) []string {
	tree, err := parser.Parse(src)
	if err != nil {
		return nil
	}
	var reads []string
	exprast.Walk(&tree.Node, readsCollector{env: env, reads: &reads})
	return reads
}

func copyFileError(fe *file.Error) *file.Error {
	c := *fe
	return &c
}

// readsCollector records the environment names an expression reads.
type readsCollector struct {
	env   map[string]any
	reads *[]string
}

func (c readsCollector) Visit(n *exprast.Node) {
	id, ok := (*n).(*exprast.IdentifierNode)
	if !ok {
		return
	}
	if _, known := c.env[id.Value]; !known {
		return
	}
	for _, r := range *c.reads {
		if r == id.Value {
			return
		}
	}
	*c.reads = append(*c.reads, id.Value)
}

// exprPos maps a position inside the rule src (expr's 1-based line and
// 0-based column, in runes) onto the file holding the rule's YAML scalar n.
// It walks src and the scalar's text in the file side by side: they differ
// only in whitespace (indentation, folded line breaks) and in the escapes
// of quoted scalars. It falls back to the scalar's start.
func exprPos(n *node, lines []string, src string, eline, ecol int) (int, int) {
	startLine, startCol := nodePos(n)
	if startLine == 0 {
		return 0, 0
	}
	line, col := startLine, startCol
	var quote rune
	if n.Kind != yamlsrc.String {
		return line, col
	}
	switch n.Style {
	case yamlsrc.Block:
		line, col = line+1, 1 // a block scalar starts on the line after its indicator
	case yamlsrc.DoubleQuoted:
		quote, col = '"', col+1
	case yamlsrc.SingleQuoted:
		quote, col = '\'', col+1
	}

	// The target as an offset in the runes of src.
	rs := []rune(src)
	target := 0
	for l := 1; target < len(rs) && l < eline; target++ {
		if rs[target] == '\n' {
			l++
		}
	}
	target = min(target+ecol, len(rs))

	var text []rune // the current line of the file
	at := func() (rune, bool) {
		if line > len(lines) {
			return 0, false
		}
		if text == nil {
			text = []rune(lines[line-1])
		}
		if col-1 < len(text) {
			return text[col-1], true
		}
		return '\n', true
	}
	next := func() {
		if col-1 < len(text) {
			col++
			return
		}
		line, col, text = line+1, 1, nil
	}
	skipSpace := func() {
		for r, ok := at(); ok && unicode.IsSpace(r); r, ok = at() {
			next()
		}
	}
	if quote == 0 {
		skipSpace() // a block scalar's indentation
	}
	for i := 0; i < target; {
		r, ok := at()
		switch {
		case !ok:
			return startLine, startCol
		case quote == '"' && r == '\\':
			size := 2 // an escape is one rune of src: \n, \x41, \u00e9, \U0001F600
			if col < len(text) {
				switch text[col] {
				case 'x':
					size = 4
				case 'u':
					size = 6
				case 'U':
					size = 10
				}
			}
			for range size {
				next()
			}
			i++
		case quote == '\'' && r == '\'':
			next() // '' is one quote
			next()
			i++
		case unicode.IsSpace(rs[i]):
			for i < target && unicode.IsSpace(rs[i]) {
				i++
			}
			skipSpace()
		case r != rs[i]:
			return startLine, startCol
		default:
			next()
			i++
		}
	}
	if target < len(rs) && !unicode.IsSpace(rs[target]) {
		skipSpace()
	}
	return line, col
}

// compile compiles the rule at path p, mapping any error onto the file.
func (ld *loader) compile(s levelSource, p, src string, env map[string]any) *rule {
	r, fe := compileRuleWithin(src, env, ld.patterns)
	if fe == nil {
		return r
	}
	if len(ruleNames(src, ld.untyped)) > 0 {
		return nil // it reads a metric whose type is reported as wrong
	}
	f, fp := s.where(p)
	n := f.dec.nodes[fp]
	line, col := exprPos(n, f.dec.lines, src, max(fe.Line, 1), fe.Column)
	if ld.blameRule(f, fp, line, col, src, env, fe.Prev, fe.Message) {
		return nil
	}
	ld.add(f, line, col, fp, fe.Prev, "%s", fe.Message)
	return nil
}

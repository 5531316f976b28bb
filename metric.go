package ladder

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/expr-lang/expr"
	exprast "github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/builtin"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/vm"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"
)

// MetricType is the type of a metric's values.
type MetricType string

// The metric types. A percent is a fraction between 0 and 1 (0.74 is 74%).
const (
	MetricInt     MetricType = "int"
	MetricNumber  MetricType = "number"
	MetricPercent MetricType = "percent"
	MetricBool    MetricType = "bool"
)

var metricTypes = []string{string(MetricInt), string(MetricNumber), string(MetricPercent), string(MetricBool)}

// Metric is an input that rules may read, declared in ladder.yaml. People
// supply its value in their profile's metrics.
type Metric struct {
	ID          string     `yaml:"id" json:"id"`
	Type        MetricType `yaml:"type" json:"type"`
	Unit        string     `yaml:"unit" json:"unit,omitempty"`
	Description string     `yaml:"description" json:"description,omitempty"`
}

// The built-in inputs every rule may read, besides the declared metrics.
const (
	builtinMonthsAtLevel  = "months_at_level"
	builtinMonthsInTrack  = "months_in_track"
	builtinRank           = "rank"
	builtinChecklistDone  = "checklist_done"
	builtinChecklistTotal = "checklist_total"
	builtinMentees        = "mentees"
	builtinRoles          = "roles"
)

var builtinNames = []string{builtinMonthsAtLevel, builtinMonthsInTrack, builtinRank,
	builtinChecklistDone, builtinChecklistTotal, builtinMentees, builtinRoles}

// ruleMentee is how a mentee looks to rules: mentees[i].rank and so on.
type ruleMentee struct {
	ID       string `expr:"id"`
	Level    string `expr:"level"`
	Rank     int    `expr:"rank"`
	Advanced bool   `expr:"advanced"`
	Active   bool   `expr:"active"`
}

var snakeCase = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

// reservedNames are words a metric may not be named: expr's keywords and
// functions, which a metric of that name would hide or clash with.
var reservedNames = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{"true", "false", "nil", "in", "not", "and", "or", "matches",
		"contains", "startswith", "endswith", "let", "if", "else", "env"} {
		m[w] = true
	}
	for _, f := range builtin.Builtins {
		m[f.Name] = true
	}
	return m
}()

// clockBuiltins read the clock or the time zone database: rules must depend
// only on the ladder, the person and the evaluation date.
var clockBuiltins = []string{"now", "date", "duration", "timezone"}

// maxRuleNodes bounds the size of a rule, so a hostile ladder cannot make
// evaluation slow.
const maxRuleNodes = 1000

// rule is a compiled boolean rule and the inputs it reads.
type rule struct {
	src   string
	prog  *vm.Program
	reads []string // names of metrics and built-ins read, in order of first use
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
	opts := []expr.Option{expr.Env(env), expr.AsBool(), expr.MaxNodes(maxRuleNodes)}
	for _, name := range clockBuiltins {
		opts = append(opts, expr.DisableBuiltin(name))
	}
	prog, err := expr.Compile(src, opts...)
	if err != nil {
		var fe *file.Error
		if !errors.As(err, &fe) {
			fe = &file.Error{Message: err.Error()}
		}
		fe = copyFileError(fe)
		if name, ok := strings.CutPrefix(fe.Message, "unknown name "); ok {
			names := make([]string, 0, len(env))
			for k := range env {
				names = append(names, k)
			}
			fe.Message += didYouMean(name, names)
			fe.Prev = ErrUnknownMetric
		}
		return nil, fe
	}
	r := &rule{src: src, prog: prog}
	node := prog.Node()
	exprast.Walk(&node, readsCollector{env: env, reads: &r.reads})
	return r, nil
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

// exprPos maps a position inside a rule (expr's 1-based line and 0-based
// column) onto the file holding the rule's YAML scalar.
func exprPos(n ast.Node, lines []string, eline, ecol int) (int, int) {
	line, col := nodePos(n)
	if line == 0 {
		return 0, 0
	}
	switch t := n.(type) {
	case *ast.LiteralNode:
		// A block scalar: its text starts on the line after the indicator,
		// at the indentation of its first line.
		first := t.Start.Position.Line + 1
		if first-1 < len(lines) {
			indent := len(lines[first-1]) - len(strings.TrimLeft(lines[first-1], " "))
			return first + eline - 1, indent + ecol + 1
		}
	case *ast.StringNode:
		if eline == 1 {
			quoted := t.Token.Type == token.DoubleQuoteType || t.Token.Type == token.SingleQuoteType
			if quoted {
				return line, col + ecol + 1
			}
			return line, col + ecol
		}
	}
	return line, col
}

// formatValue writes a metric value for people: 74% for a percent, yes or no
// for a bool.
func formatValue(t MetricType, v any) string {
	switch x := v.(type) {
	case bool:
		if x {
			return "yes"
		}
		return "no"
	case int:
		return strconv.Itoa(x)
	case float64:
		if t == MetricPercent {
			return formatPercentValue(x)
		}
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// formatPercentValue writes a fraction as a percent with at most two
// decimals: 0.74 → "74%", 0.705 → "70.5%".
func formatPercentValue(f float64) string {
	s := strconv.FormatFloat(math.Round(f*10000)/100, 'f', -1, 64)
	return s + "%"
}

package ladder

import (
	"regexp"

	"github.com/expr-lang/expr/builtin"
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
	Advanced bool   `expr:"advanced"` // as given, or derived: rank above from_rank
	Active   bool   `expr:"active"`
	// FromLevel and FromRank are where mentoring started; InRange is whether
	// the mentee was the mentor's to mentor (menteeRange). When that is not
	// known, InRange is false and the evaluation lists the mentee among
	// those whose range is unknown, and rules that read the mentees are
	// run both ways.
	FromLevel string `expr:"from_level"`
	FromRank  int    `expr:"from_rank"`
	InRange   bool   `expr:"in_range"`
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

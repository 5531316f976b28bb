package ladder

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/vm"
)

// Evaluate evaluates p on the Default ladder. See Ladder.Evaluate.
func Evaluate(p Person, opts ...Option) (*Report, error) {
	l, err := defaultLadder()
	if err != nil {
		return nil, err
	}
	return l.Evaluate(p, opts...)
}

// Evaluate checks p against the ladder and evaluates every check as of the
// evaluation date (At; default today in UTC). A profile that does not fit
// the ladder (an unknown level or metric, a wrong value, a date after the
// evaluation date…) is an error, a ProfileErrors listing every problem; an
// input that is merely missing makes the checks that read it unknown.
func (l *Ladder) Evaluate(p Person, opts ...Option) (*Report, error) {
	var cfg evalConfig
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.asOf.IsZero() {
		cfg.asOf = Today()
	}
	c, errs := l.validate(&p, cfg.asOf)
	if len(errs) > 0 {
		return nil, errs
	}
	e := newEvaluation(l, &p, c, cfg.asOf)
	r := &Report{Person: p.ID, Name: p.Name, Level: p.Level, Title: c.level.def.Title, AsOf: cfg.asOf}
	r.Standards = e.standards()
	r.Checklist = e.checklist()
	r.Promotion = e.promotion(r.Standards)
	r.Mentorship = e.mentorship()
	var err error
	if r.Referrals, r.Totals, r.Upcoming, err = e.referrals(); err != nil {
		return nil, err
	}
	return r, nil
}

// evaluation is the state of one Evaluate call.
type evaluation struct {
	l       *Ladder
	p       *Person
	lv      *level
	asOf    time.Time
	metrics map[string]any
	env     map[string]any
	// missing maps a built-in that cannot be computed to the profile field
	// that would provide it.
	missing map[string]string
}

func newEvaluation(l *Ladder, p *Person, c checked, asOf time.Time) *evaluation {
	e := &evaluation{l: l, p: p, lv: c.level, asOf: asOf, metrics: c.metrics}
	env := make(map[string]any, len(c.metrics)+len(builtinNames))
	for k, v := range c.metrics {
		env[k] = v
	}
	if p.LevelSince.IsZero() {
		e.missing = map[string]string{builtinMonthsAtLevel: "level_since"}
	} else {
		env[builtinMonthsAtLevel] = MonthsBetween(p.LevelSince, asOf)
	}
	if p.Joined.IsZero() {
		if e.missing == nil {
			e.missing = map[string]string{}
		}
		e.missing[builtinMonthsInTrack] = "joined"
	} else {
		env[builtinMonthsInTrack] = MonthsBetween(p.Joined, asOf)
	}
	env[builtinRank] = c.level.def.Rank
	env[builtinChecklistDone] = len(p.Checklist)
	env[builtinChecklistTotal] = len(c.level.def.Checklist)
	mentees := make([]ruleMentee, 0, len(p.Mentees))
	for _, m := range p.Mentees {
		if civil(m.Since).After(asOf) {
			continue // not yet mentored on the evaluation date
		}
		mentees = append(mentees, ruleMentee{ID: m.ID, Level: string(m.Level), Rank: l.byID[m.Level].def.Rank,
			Advanced: m.Advanced, Active: menteeActive(m, asOf)})
	}
	env[builtinMentees] = mentees
	roles := p.Roles
	if roles == nil {
		roles = []string{}
	}
	env[builtinRoles] = roles
	e.env = env
	return e
}

// menteeActive reports whether m is being mentored on date: since <= date < until.
func menteeActive(m Mentee, date time.Time) bool {
	return !civil(m.Since).After(date) && (m.Until.IsZero() || date.Before(civil(m.Until)))
}

// standards evaluates the ranking standard of the person's level.
func (e *evaluation) standards() []Check {
	defs := e.lv.def.Standards
	checks := make([]Check, len(defs))
	for i, st := range defs {
		checks[i] = e.ruleCheck(e.lv.standards[i], Check{ID: st.ID, Name: st.Name, Kind: KindStandard}, st.Threshold)
	}
	return checks
}

// ruleCheck evaluates r into c. wanted is the published threshold, if any.
func (e *evaluation) ruleCheck(r *rule, c Check, wanted string) Check {
	if wanted == "" {
		wanted = r.src
	}
	var seen []string
	for _, name := range r.reads {
		if field, ok := e.missing[name]; ok {
			c.Missing = append(c.Missing, field)
			continue
		}
		v, ok := e.env[name]
		if !ok {
			c.Missing = append(c.Missing, name)
			continue
		}
		val := e.formatInput(name, v)
		c.Values = append(c.Values, Value{Name: name, Value: val})
		seen = append(seen, name+": "+val)
	}
	if len(c.Missing) > 0 {
		c.Status = Unknown
		c.Detail = "not provided: " + strings.Join(c.Missing, ", ") + "; wanted: " + wanted
		return c
	}
	out, err := vm.Run(r.prog, e.env)
	if err != nil {
		c.Status = Unknown
		c.Detail = "the rule could not be evaluated: " + runtimeMessage(err)
		return c
	}
	if ok, _ := out.(bool); ok {
		c.Status = Met
	} else {
		c.Status = Unmet
	}
	c.Detail = strings.Join(seen, ", ") + "; wanted: " + wanted
	return c
}

// runtimeMessage is the message of a rule's run-time error, without expr's
// position and snippet.
func runtimeMessage(err error) string {
	msg := err.Error()
	var fe *file.Error
	if errors.As(err, &fe) {
		msg = fe.Message
	}
	msg, _, _ = strings.Cut(msg, "\n")
	return strings.TrimPrefix(msg, "runtime error: ")
}

// formatInput writes a rule input as people read it.
func (e *evaluation) formatInput(name string, v any) string {
	switch name {
	case builtinMentees:
		ms := v.([]ruleMentee)
		if len(ms) == 0 {
			return "none"
		}
		parts := make([]string, len(ms))
		for i, m := range ms {
			parts[i] = m.ID + " (" + m.Level
			if m.Advanced {
				parts[i] += ", advanced"
			}
			if !m.Active {
				parts[i] += ", past"
			}
			parts[i] += ")"
		}
		return strings.Join(parts, ", ")
	case builtinRoles:
		rs := v.([]string)
		if len(rs) == 0 {
			return "none"
		}
		return strings.Join(rs, ", ")
	}
	if i, ok := e.l.metricIdx[name]; ok {
		return formatValue(e.l.metrics[i].Type, v)
	}
	return formatValue(MetricNumber, v)
}

// checklist reports progress on the level's self-evaluation checklist.
func (e *evaluation) checklist() Progress {
	defs := e.lv.def.Checklist
	pr := Progress{Done: len(e.p.Checklist), Total: len(defs)}
	done := make(map[string]bool, len(e.p.Checklist))
	for _, id := range e.p.Checklist {
		done[id] = true
	}
	for _, item := range defs {
		if !done[item.ID] {
			pr.Missing = append(pr.Missing, item.ID)
		}
	}
	return pr
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

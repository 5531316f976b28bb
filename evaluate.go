package ladder

import (
	"errors"
	"slices"
	"strings"
	"sync"
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
	e, s, err := l.begin(&p, opts)
	if err != nil {
		return nil, err
	}
	defer s.release()

	// One allocation holds the report and its promotion, one all its checks.
	lv := e.lv
	type reportAlloc struct {
		r    Report
		p    Promotion
		note [1]string // Mentorship.Notes when it is one note
	}
	ra := &reportAlloc{r: Report{Person: p.ID, Name: p.Name, Level: p.Level, Title: lv.def.Title, AsOf: e.asOf}}
	r := &ra.r
	nStd := len(lv.def.Standards)
	checks := make([]Check, nStd, nStd+lv.maxPromotionChecks())
	r.Standards = e.standards(checks[:nStd:nStd])
	r.Checklist = e.checklist()
	r.Curriculum = e.curriculum()
	if lv.def.Promotion != nil {
		r.Promotion = &ra.p
		e.promotion(&ra.p, checks[nStd:nStd], r.Standards)
	}
	r.Mentorship = e.mentorship(&ra.note)
	if r.Referrals, r.Totals, r.Upcoming, err = e.referrals(); err != nil {
		return nil, err
	}
	if e.unrecorded != 0 {
		r.Unrecorded = e.unrecordedNote(r)
		r.Warnings = []string{r.Unrecorded.String()}
	}
	return r, nil
}

// begin validates p as of the options' date and sets up its evaluation,
// with working memory from the pool that the caller gives back with
// s.release once done.
func (l *Ladder) begin(p *Person, opts []Option) (*evaluation, *scratch, error) {
	var cfg evalConfig
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.asOf.IsZero() {
		cfg.asOf = Today()
	}
	s := scratchPool.Get().(*scratch)
	c, errs := l.validate(p, cfg.asOf, s.env)
	if len(errs) > 0 {
		s.release()
		return nil, nil, errs
	}
	return newEvaluation(l, p, c, cfg.asOf, s), s, nil
}

// scratch is the reusable working memory of one evaluation: the rule
// environment and expr's virtual machine. Nothing in it is reachable from a
// report.
type scratch struct {
	env     map[string]any
	mentees []ruleMentee
	unknown []int        // the mentees whose range is unknown, by index in mentees
	ranges  []menteeSpan // each of the person's mentees' range, by index in Person.Mentees
	vm      vm.VM
	// boxed is the mentees as an any, the value rules read: the slice of
	// boxedLen starting at boxedFirst.
	boxed      any
	boxedLen   int
	boxedFirst *ruleMentee
}

// noRoles is the roles of a person who holds none, as rules read them.
var noRoles any = []string{}

// menteeSpan is a mentee's range (menteeRange) and the level the person
// held when mentoring began (nil when not recorded).
type menteeSpan struct {
	st    rangeState
	began *level
}

var scratchPool = sync.Pool{New: func() any { return &scratch{env: map[string]any{}} }}

func (s *scratch) release() {
	clear(s.env)
	clear(s.mentees)
	s.mentees = s.mentees[:0]
	s.unknown = s.unknown[:0]
	clear(s.ranges)
	s.ranges = s.ranges[:0]
	scratchPool.Put(s)
}

// evaluation is the state of one Evaluate call.
type evaluation struct {
	l       *Ladder
	p       *Person
	lv      *level
	asOf    time.Time
	env     map[string]any
	vm      *vm.VM
	t       textBuf
	values  []Value // backing store of every check's Values
	noSince bool    // level_since not given: months_at_level is unknown
	noJoin  bool    // joined not given: months_in_track is unknown
	// awayLevel and awayTrack are the whole months of breaks since
	// level_since and joined, which do not count.
	awayLevel, awayTrack int
	unrecorded           unrecorded // the list fields the person's input had no place for
	// unknownRange lists the mentees of the rules' mentees (by index) of
	// whom it is not known whether they were the person's to mentor;
	// rangeMatters is set while the values of a check that is unknown for
	// that are written. ranges holds every mentee's range, by index in the
	// person's mentees.
	unknownRange []int
	rangeMatters bool
	ranges       []menteeSpan
}

func newEvaluation(l *Ladder, p *Person, c checked, asOf time.Time, s *scratch) *evaluation {
	e := &evaluation{l: l, p: p, lv: c.level, asOf: asOf, env: s.env, vm: &s.vm,
		noSince: p.LevelSince.IsZero(), noJoin: p.Joined.IsZero(), unrecorded: c.unrecorded}
	n, values := c.level.sizes()
	e.t.b.Grow(n)
	e.values = make([]Value, 0, values)
	env := s.env // holds the metric values already
	if !e.noSince {
		e.awayLevel = awayMonths(p.Breaks, civil(p.LevelSince), asOf)
		env[builtinMonthsAtLevel] = max(0, MonthsBetween(p.LevelSince, asOf)-e.awayLevel)
	}
	if !e.noJoin {
		e.awayTrack = awayMonths(p.Breaks, civil(p.Joined), asOf)
		env[builtinMonthsInTrack] = max(0, MonthsBetween(p.Joined, asOf)-e.awayTrack)
	}
	env[builtinRank] = c.level.def.Rank
	env[builtinChecklistDone] = len(p.Checklist)
	env[builtinChecklistTotal] = len(c.level.def.Checklist)
	mentees, unknown, ranges := s.mentees[:0], s.unknown[:0], s.ranges[:0]
	for _, m := range p.Mentees {
		st, began := e.menteeRange(m)
		ranges = append(ranges, menteeSpan{st, began})
		if civil(m.Since).After(asOf) {
			continue // not yet mentored on the evaluation date
		}
		from := l.byID[fromLevel(m)]
		if !st.known() {
			unknown = append(unknown, len(mentees))
		}
		mentees = append(mentees, ruleMentee{ID: m.ID, Level: string(m.Level), Rank: l.byID[m.Level].def.Rank,
			FromLevel: string(from.def.ID), FromRank: from.def.Rank, Advanced: advanced(l, m),
			Active: menteeActive(m, asOf), InRange: st.counts()})
	}
	s.mentees, s.unknown, e.unknownRange = mentees, unknown, unknown
	s.ranges, e.ranges = ranges, ranges
	// The mentees as the rules see them, boxed once for as long as the
	// list is the same slice: people in a row often have as many mentees.
	var first *ruleMentee
	if len(mentees) > 0 {
		first = &mentees[0]
	}
	if s.boxed == nil || s.boxedLen != len(mentees) || s.boxedFirst != first {
		s.boxed, s.boxedLen, s.boxedFirst = mentees, len(mentees), first
	}
	env[builtinMentees] = s.boxed
	if p.Roles == nil {
		env[builtinRoles] = noRoles
	} else {
		env[builtinRoles] = p.Roles
	}
	return e
}

// sizes estimates the text a report at this level writes and counts the
// values its checks can read, so both are allocated once.
func (lv *level) sizes() (text, values int) {
	for _, r := range lv.standards {
		values += len(r.reads)
	}
	for _, r := range lv.requirements {
		values += len(r.reads)
		text += len(r.src) // a requirement's detail says its rule
	}
	checks := len(lv.standards) + lv.maxPromotionChecks()
	return text + 128 + 112*checks, values + checks
}

// maxPromotionChecks is the most checks the level's promotion can make.
func (lv *level) maxPromotionChecks() int {
	pr := lv.def.Promotion
	if pr == nil {
		return 0
	}
	return 4 + len(pr.Assessments) + len(pr.Requirements)
}

// advanced reports whether m advanced at least one level while mentored:
// the flag when the profile gives it, otherwise whether the mentee's level
// now ranks above the level they started at.
func advanced(l *Ladder, m Mentee) bool {
	if m.Advanced != nil {
		return *m.Advanced
	}
	return l.byID[m.Level].def.Rank > l.byID[fromLevel(m)].def.Rank
}

// menteeActive reports whether m is being mentored on date: since <= date < until.
func menteeActive(m Mentee, date time.Time) bool {
	return !civil(m.Since).After(date) && (m.Until.IsZero() || date.Before(civil(m.Until)))
}

// standards evaluates the ranking standard of the person's level into checks.
func (e *evaluation) standards(checks []Check) []Check {
	for i, st := range e.lv.def.Standards {
		checks[i] = e.ruleCheck(e.lv.standards[i], Check{ID: st.ID, Name: st.Name, Kind: KindStandard}, st.Threshold, "")
	}
	return checks
}

// missingField returns the profile field a rule input comes from when the
// profile does not give it, or "" when it is given.
func (e *evaluation) missingField(name string) string {
	switch name {
	case builtinMonthsAtLevel:
		if e.noSince {
			return "level_since"
		}
		return ""
	case builtinMonthsInTrack:
		if e.noJoin {
			return "joined"
		}
		return ""
	case builtinMentees:
		if e.unrecorded.has(unrecordedMentees) {
			return "mentees"
		}
		return ""
	}
	if _, ok := e.env[name]; !ok {
		return name
	}
	return ""
}

// ruleCheck evaluates r into c. What was wanted is written as wanted, with
// the rule in parentheses when rule is given.
func (e *evaluation) ruleCheck(r *rule, c Check, wanted, rule string) Check {
	if wanted == "" {
		wanted, rule = r.src, ""
	}
	for _, name := range r.reads {
		if f := e.missingField(name); f != "" {
			c.Missing = append(c.Missing, f)
		}
	}
	t := &e.t
	m := t.mark()
	if len(c.Missing) > 0 {
		c.Status = Unknown
		t.str("not provided: ")
		for i, f := range c.Missing {
			if i > 0 {
				t.str(", ")
			}
			t.str(f)
		}
		e.wanted(m, wanted, rule)
		c.Detail = t.since(m)
		c.Gaps = e.ruleGaps(r)
		return c
	}
	out, known, err := e.run(r.prog, r.mentees)
	if err != nil {
		c.Status = Unknown
		c.Detail = "the rule could not be evaluated: " + runtimeMessage(err)
		return c
	}
	switch ok, _ := out.(bool); {
	case !known:
		c.Status = Unknown
	case ok:
		c.Status = Met
	default:
		c.Status = Unmet
	}
	first := len(e.values)
	m = t.mark()
	e.rangeMatters = !known
	for i, name := range r.reads {
		if i > 0 {
			t.str(", ")
		}
		t.str(name).str(": ")
		vm := t.mark()
		e.writeInput(name, e.env[name])
		e.values = append(e.values, Value{Name: name, Value: t.since(vm)})
	}
	e.rangeMatters = false
	if !known {
		c.Missing = e.rangeUnknown()
	}
	e.wanted(m, wanted, rule)
	c.Detail = t.since(m)
	c.Values = e.values[first:len(e.values):len(e.values)]
	if c.Status != Met {
		c.Gaps = e.ruleGaps(r)
	}
	return c
}

// maxUnknownRanges is the most mentees of unknown range a rule is run for
// both ways; with more, a rule that reads the mentees is unknown.
const maxUnknownRanges = 8

// run runs prog. When mentees is set (prog reads the mentees) and some
// mentees' range is unknown, it runs prog for every way their in_range
// could be, and known reports whether all runs agree; the result is then
// theirs. Rules are pure, so agreeing runs are the answer whatever the
// truth.
func (e *evaluation) run(prog *vm.Program, mentees bool) (out any, known bool, err error) {
	out, err = e.vm.Run(prog, e.env)
	if err != nil || !mentees || len(e.unknownRange) == 0 {
		return out, true, err
	}
	if len(e.unknownRange) > maxUnknownRanges {
		return out, false, nil
	}
	ms := e.env[builtinMentees].([]ruleMentee)
	defer func() {
		for _, i := range e.unknownRange {
			ms[i].InRange = false
		}
	}()
	for way := 1; way < 1<<len(e.unknownRange); way++ {
		for j, i := range e.unknownRange {
			ms[i].InRange = way>>j&1 == 1
		}
		o, err := e.vm.Run(prog, e.env)
		if err != nil {
			return o, true, err
		}
		if o != out {
			return out, false, nil
		}
	}
	return out, true, nil
}

func (e *evaluation) wanted(m int, wanted, rule string) {
	if e.t.mark() > m {
		e.t.str("; ")
	}
	e.t.str("wanted: ").str(wanted)
	if rule != "" {
		e.t.str(" (").str(rule).str(")")
	}
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

// writeInput writes a rule input as people read it.
func (e *evaluation) writeInput(name string, v any) {
	t := &e.t
	switch name {
	case builtinMentees:
		ms := v.([]ruleMentee)
		t.list(len(ms), func(i int) {
			m := ms[i]
			t.str(m.ID).str(" (").str(m.Level)
			if m.Advanced {
				t.str(", advanced")
			}
			switch unknown := e.rangeIsUnknown(i); {
			case unknown && e.rangeMatters:
				t.str(", range unknown")
			case !unknown && !m.InRange:
				t.str(", started at ").str(m.FromLevel).str(", outside the range")
			}
			if !m.Active {
				t.str(", past")
			}
			t.str(")")
		})
		return
	case builtinRoles:
		rs := v.([]string)
		t.list(len(rs), func(i int) { t.str(rs[i]) })
		return
	}
	typ := MetricNumber
	if i, ok := e.l.metricIdx[name]; ok {
		typ = e.l.metrics[i].Type
	}
	t.value(typ, v)
}

// checklist reports progress on the level's self-evaluation checklist.
func (e *evaluation) checklist() Progress {
	defs := e.lv.def.Checklist
	pr := Progress{Done: len(e.p.Checklist), Total: len(defs)}
	if pr.Done < pr.Total {
		pr.Missing = make([]string, 0, pr.Total-pr.Done)
	}
	// Ticked items are checked against the level at validation, so a
	// linear search over them is short; a long list uses a set.
	var done map[string]bool
	if len(e.p.Checklist) > 16 {
		done = make(map[string]bool, len(e.p.Checklist))
		for _, id := range e.p.Checklist {
			done[id] = true
		}
	}
	for _, item := range defs {
		ticked := done[item.ID]
		if done == nil {
			ticked = slices.Contains(e.p.Checklist, item.ID)
		}
		if !ticked {
			pr.Missing = append(pr.Missing, item.ID)
		}
	}
	return pr
}

package ladder

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ladderkit/ladder/internal/suggest"
	"github.com/ladderkit/ladder/internal/yamlsrc"
)

// Person is one person's profile: where they are on the ladder, since when,
// and the evidence the ladder's rules read. Dates are civil dates (see
// ParseDate); the zero time means "not given". ParsePerson reads a Person
// from YAML or JSON; Evaluate checks it against the ladder.
type Person struct {
	ID          string                      `yaml:"id" json:"id"`
	Name        string                      `yaml:"name" json:"name,omitempty"`
	Level       LevelID                     `yaml:"level" json:"level"`
	LevelSince  time.Time                   `yaml:"level_since" json:"level_since"` // promotion into the current level
	Joined      time.Time                   `yaml:"joined" json:"joined"`           // first day on the track
	History     []LevelSpan                 `yaml:"history" json:"history,omitempty"`
	Roles       []string                    `yaml:"roles" json:"roles,omitempty"`
	Metrics     map[string]any              `yaml:"metrics" json:"metrics,omitempty"` // int, float64, bool, or a string like "74%"
	Checklist   []string                    `yaml:"checklist" json:"checklist,omitempty"`
	Assessments map[string]AssessmentResult `yaml:"assessments" json:"assessments,omitempty"`
	Nominations []Nomination                `yaml:"nominations" json:"nominations,omitempty"`
	Waivers     []Waiver                    `yaml:"waivers" json:"waivers,omitempty"`
	Mentees     []Mentee                    `yaml:"mentees" json:"mentees,omitempty"`
	Mentor      *Mentor                     `yaml:"mentor" json:"mentor,omitempty"` // the person's own mentor
	Breaks      []Break                     `yaml:"breaks" json:"breaks,omitempty"` // time away, oldest first

	src *record // where ReadPeople read the person, if it did
}

// Mentor is the person's own mentor: who they are, their level and roles,
// which the level's mentorship rule (MentorshipRule.Mentor) is checked
// against.
type Mentor struct {
	ID    string   `yaml:"id" json:"id"`
	Level LevelID  `yaml:"level" json:"level,omitempty"`
	Roles []string `yaml:"roles" json:"roles,omitempty"`
}

// Break is time away from the track: [From, Until), Until being the first
// day back. The whole months of a break that fall between level_since (or
// joined) and the evaluation date do not count towards months at the level
// (or in the track).
type Break struct {
	From  time.Time `yaml:"from" json:"from"`
	Until time.Time `yaml:"until" json:"until"`
}

// Panelist is one member of the panel that judged an assessment component.
type Panelist struct {
	By    string  `yaml:"by" json:"by"`
	Level LevelID `yaml:"level" json:"level"`
}

// LevelSpan is an earlier level of a person and the date they reached it.
type LevelSpan struct {
	Level LevelID   `yaml:"level" json:"level"`
	Since time.Time `yaml:"since" json:"since"`
}

// AssessmentResult is a person's result in one assessment component.
type AssessmentResult struct {
	Result string     `yaml:"result" json:"result"` // "passed", "failed" or "pending"
	Date   time.Time  `yaml:"date" json:"date"`
	Panel  []Panelist `yaml:"panel" json:"panel,omitempty"` // who judged it, when recorded
}

// The results of an assessment component.
const (
	ResultPassed  = "passed"
	ResultFailed  = "failed"
	ResultPending = "pending"
)

// Nomination is someone's nomination of the person for promotion. Level and
// Roles describe the nominator.
type Nomination struct {
	By    string    `yaml:"by" json:"by"`
	Level LevelID   `yaml:"level" json:"level,omitempty"`
	Roles []string  `yaml:"roles" json:"roles,omitempty"`
	Date  time.Time `yaml:"date" json:"date"`
}

// Waiver waives a tenure check ("tenure" or "track_tenure") for a
// fast-track promotion. It counts only where the step allows fast-tracking.
type Waiver struct {
	Check  string    `yaml:"check" json:"check"`
	By     string    `yaml:"by" json:"by"`
	Reason string    `yaml:"reason" json:"reason,omitempty"`
	Date   time.Time `yaml:"date" json:"date"`
}

// Mentee is someone the person mentors or has mentored.
type Mentee struct {
	ID        string     `yaml:"id" json:"id"`
	Level     LevelID    `yaml:"level" json:"level"`                     // the mentee's level now
	FromLevel LevelID    `yaml:"from_level" json:"from_level,omitempty"` // level when mentoring started; default Level
	Since     time.Time  `yaml:"since" json:"since"`                     // mentoring started
	Until     time.Time  `yaml:"until" json:"until"`                     // mentoring ended; zero while it goes on
	Advanced  *bool      `yaml:"advanced" json:"advanced,omitempty"`     // advanced at least one level while mentored; nil: derived from the levels
	Placement *Placement `yaml:"placement" json:"placement,omitempty"`
}

// Placement is a mentee's placement with a client, on which the mentor earns
// a referral cut.
type Placement struct {
	Date        time.Time `json:"date"`
	MonthlyRate Money     `json:"monthly_rate"`
	Until       time.Time `json:"until"` // the placement ended; zero while it runs
}

// placementFile is how a placement is written in a profile.
type placementFile struct {
	Date        time.Time `yaml:"date"`
	MonthlyRate string    `yaml:"monthly_rate"`
	Currency    string    `yaml:"currency"`
	Until       time.Time `yaml:"until"`
}

func (p *Placement) unmarshalNode(d *decoder, n *node, path string) {
	var f placementFile
	d.decodeStruct(n, reflect.ValueOf(&f).Elem(), path)
	p.Date, p.Until = f.Date, f.Until
	if field(n, "date") == nil {
		d.addf(n, path, nil, "missing required key %q", "date")
	}
	if field(n, "monthly_rate") == nil {
		d.addf(n, path, nil, "missing required key %q", "monthly_rate")
		return
	}
	m, err := ParseMoney(f.MonthlyRate, f.Currency)
	if err != nil {
		key := "monthly_rate"
		if f.Currency == "" || strings.Contains(err.Error(), "currency") {
			key = "currency"
		}
		at := field(n, key)
		if at == nil {
			at = n
		}
		d.addf(at, d.join(path, key), err, "%v", err)
		return
	}
	p.MonthlyRate = m
}

// ParsePerson parses a profile written in YAML or JSON. It is strict: unknown
// keys and values of the wrong type are errors. Every problem is reported at
// once, as ProfileErrors naming each field path with its line and column.
// Checks that need the ladder (known levels, metrics, checklist items)
// happen in Evaluate.
func ParsePerson(data []byte) (Person, error) {
	var p Person
	if len(data) > maxFileSize {
		return p, ProfileErrors{{Message: fmt.Sprintf("profile is %d bytes, over the limit of %d", len(data), maxFileSize)}}
	}
	if fast, ok := parseJSONPerson(data); ok {
		return fast, nil
	}
	if fast, ok := parseFastYAMLPerson(data); ok {
		return fast, nil
	}
	return parseYAMLPerson(data)
}

// Most profiles are plain JSON, or YAML in the block-and-flow style people
// write by hand, and general YAML parsing is most of ParsePerson's cost. The
// fast readers of internal/yamlsrc read those into the same node tree as the
// full parser, and the same decoder reads the Person from it. A document the
// fast readers decline, or one with a problem, goes the full way, which
// reports every problem with its position.

// parseJSONPerson reads a plain JSON profile, or returns false when data
// must go the full way.
func parseJSONPerson(data []byte) (Person, bool) {
	root, ok := yamlsrc.ParseJSON(data)
	if !ok {
		return Person{}, false
	}
	p, d := decodePerson(root, nil, true)
	return p, len(d.problems) == 0
}

// parseFastYAMLPerson reads a profile in the usual subset of YAML, or
// returns false when data must go the full way.
func parseFastYAMLPerson(data []byte) (Person, bool) {
	root, ok := yamlsrc.ParseFast(data)
	if !ok {
		return Person{}, false
	}
	p, d := decodePerson(root, nil, true)
	return p, len(d.problems) == 0
}

// decodePerson decodes the profile in the document root, whose lines are
// lines, and checks that it has the keys every profile needs.
func decodePerson(root *node, lines []string, fast bool) (Person, *decoder) {
	var p Person
	d := &decoder{fast: true}
	if !fast {
		d = newDecoder(lines)
	}
	d.decode(root, reflect.ValueOf(&p).Elem(), "")
	if len(d.problems) == 0 {
		if p.ID == "" {
			d.addf(root, "", nil, "missing required key %q", "id")
		}
		if p.Level == "" {
			d.addf(root, "", nil, "missing required key %q", "level")
		}
	}
	return p, d
}

// parseYAMLPerson is ParsePerson's full path: every document, and every
// problem with its position and field path.
func parseYAMLPerson(data []byte) (Person, error) {
	root, lines, prob := parseYAML(data)
	if prob != nil {
		msg := prob.msg
		if trimmed := bytes.TrimSpace(data); len(trimmed) > 0 && trimmed[0] == '{' {
			msg = strings.Replace(msg, "invalid YAML: ", "invalid JSON: ", 1) // JSON parses as YAML
		}
		return Person{}, ProfileErrors{{Line: prob.line, Column: prob.col, Message: msg}}
	}
	if root == nil {
		return Person{}, ProfileErrors{{Message: "profile is empty"}}
	}
	p, d := decodePerson(root, lines, false)
	if len(d.problems) > 0 {
		errs := make(ProfileErrors, len(d.problems))
		for i, pr := range d.problems {
			errs[i] = &ProfileError{Path: pr.path, Line: pr.line, Column: pr.col, Message: pr.msg, Err: pr.err}
		}
		errs.sortByPosition()
		if d.dropped > 0 {
			errs = append(errs, &ProfileError{Message: moreProblems(d.dropped)})
		}
		return Person{}, errs
	}
	return p, nil
}

// checked is a person validated against a ladder.
type checked struct {
	level *level
}

// at returns the field path prefix[i]suffix, or prefix+suffix when i < 0.
// Validation builds paths only for problems it reports.
func at(prefix string, i int, suffix string) string {
	if i < 0 {
		return prefix + suffix
	}
	return indexPath(prefix, i) + suffix
}

// validate checks p against the ladder as of asOf and reports every problem.
// It writes the profile's metric values, converted to the types rules
// expect, into metrics.
func (l *Ladder) validate(p *Person, asOf time.Time, metrics map[string]any) (checked, ProfileErrors) {
	var errs ProfileErrors
	dropped := 0
	add := func(path string, err error, format string, args ...any) {
		if len(errs) >= maxProblems {
			dropped++
			return
		}
		errs = append(errs, &ProfileError{Path: path, Message: fmt.Sprintf(format, args...), Err: err})
	}
	// hint is didYouMean, skipped once the problems are too many to list.
	hint := func(name string, candidates func() []string) string {
		if len(errs) >= maxProblems {
			return ""
		}
		return suggest.DidYouMean(name, candidates())
	}
	levelRef := func(prefix string, i int, suffix string, id LevelID) *level {
		if lv := l.byID[id]; lv != nil {
			return lv
		}
		add(at(prefix, i, suffix), ErrUnknownLevel, "unknown level %q%s", id, hint(string(id), l.levelIDs))
		return nil
	}
	roleRefs := func(path string, roles []string) {
		for i, r := range roles {
			if !l.roles[r] {
				add(indexPath(path, i), nil, "unknown role %q%s", r, hint(r, func() []string { return l.info.Roles }))
			}
		}
	}
	notAfter := func(path string, t time.Time, what string) {
		if t.After(asOf) {
			add(path, nil, "%s %s is after the evaluation date %s", what, formatDate(t), formatDate(asOf))
		}
	}

	var c checked
	if p.ID == "" {
		add("id", nil, "missing: every profile needs an id")
	}
	if p.Level == "" {
		add("level", nil, "missing: every profile needs a level")
	} else {
		c.level = levelRef("level", -1, "", p.Level)
	}
	notAfter("level_since", civil0(p.LevelSince), "level_since")
	notAfter("joined", civil0(p.Joined), "joined")
	if !p.Joined.IsZero() && !p.LevelSince.IsZero() && civil(p.Joined).After(civil(p.LevelSince)) {
		add("joined", nil, "joined %s is after level_since %s", formatDate(p.Joined), formatDate(p.LevelSince))
	}
	for i, h := range p.History {
		levelRef("history", i, ".level", h.Level)
		if h.Since.IsZero() {
			add(at("history", i, ".since"), nil, "missing: when the person reached %s", h.Level)
		} else if i > 0 && !p.History[i-1].Since.IsZero() && h.Since.Before(p.History[i-1].Since) {
			add(at("history", i, ".since"), nil, "history must be oldest first: %s is before %s", formatDate(h.Since), formatDate(p.History[i-1].Since))
		}
	}
	roleRefs("roles", p.Roles)
	l.checkMetricValues(p.Metrics, metrics, add, hint, &errs)

	var seen map[string]bool
	if c.level != nil {
		for i, id := range p.Checklist {
			switch {
			case !c.level.checklist[id]:
				add(indexPath("checklist", i), nil, "%s has no checklist item %q%s", p.Level, id, hint(id, func() []string { return mapKeys(c.level.checklist) }))
			case listedBefore(p.Checklist, i, func(s string) string { return s }, &seen):
				add(indexPath("checklist", i), nil, "checklist item %q is listed twice", id)
			}
		}
		first := len(errs)
		for id, a := range p.Assessments {
			if !c.level.assessments[id] {
				add("assessments."+id, nil, "the promotion from %s has no assessment %q%s", p.Level, id, hint(id, func() []string { return mapKeys(c.level.assessments) }))
			}
			switch a.Result {
			case ResultPassed, ResultFailed, ResultPending:
			case "":
				add("assessments."+id+".result", nil, "missing: want passed, failed or pending")
			default:
				add("assessments."+id+".result", nil, "want passed, failed or pending, got %q", a.Result)
			}
			for i, pn := range a.Panel {
				if pn.By == "" {
					add(at("assessments."+id+".panel", i, ".by"), nil, "missing: who sat on the panel")
				}
				if pn.Level == "" {
					add(at("assessments."+id+".panel", i, ".level"), nil, "missing: the panelist's level")
				} else {
					levelRef("assessments."+id+".panel", i, ".level", pn.Level)
				}
			}
		}
		sortByPath(errs[first:])
	}
	for i, n := range p.Nominations {
		if n.By == "" {
			add(at("nominations", i, ".by"), nil, "missing: who made the nomination")
		}
		if n.Level != "" {
			levelRef("nominations", i, ".level", n.Level)
		}
		if len(n.Roles) > 0 {
			roleRefs(at("nominations", i, ".roles"), n.Roles)
		}
	}
	for i, w := range p.Waivers {
		if w.Check != "tenure" && w.Check != "track_tenure" {
			add(at("waivers", i, ".check"), nil, "only tenure and track_tenure can be waived, got %q", w.Check)
		}
		if w.By == "" {
			add(at("waivers", i, ".by"), nil, "missing: who granted the waiver")
		}
	}
	if mt := p.Mentor; mt != nil {
		if mt.ID == "" {
			add("mentor.id", nil, "missing: the mentor's id")
		} else if mt.ID == p.ID {
			add("mentor.id", nil, "a person cannot be their own mentor")
		}
		if mt.Level != "" {
			levelRef("mentor", -1, ".level", mt.Level)
		}
		roleRefs("mentor.roles", mt.Roles)
	}
	validateBreaks(p, asOf, add)
	var menteeIDs map[string]bool
	for i, m := range p.Mentees {
		switch {
		case m.ID == "":
			add(at("mentees", i, ".id"), nil, "missing: the mentee's id")
		case listedBefore(p.Mentees, i, func(m Mentee) string { return m.ID }, &menteeIDs):
			add(at("mentees", i, ".id"), nil, "mentee %q is listed twice", m.ID)
		}
		if m.Level == "" {
			add(at("mentees", i, ".level"), nil, "missing: the mentee's level now")
		} else {
			levelRef("mentees", i, ".level", m.Level)
		}

		var from, now *level
		if m.FromLevel != "" {
			from = levelRef("mentees", i, ".from_level", m.FromLevel)
		}
		if m.Level != "" {
			now = l.byID[m.Level]
		}
		if m.Advanced != nil && *m.Advanced && from != nil && now != nil && now.def.Rank <= from.def.Rank {
			add(at("mentees", i, ".advanced"), nil, "advanced is true, but the mentee is at %s, no higher than %s where mentoring started", m.Level, m.FromLevel)
		}
		if m.Since.IsZero() {
			add(at("mentees", i, ".since"), nil, "missing: when mentoring started")
		}
		if !m.Until.IsZero() && !m.Since.IsZero() && m.Until.Before(m.Since) {
			add(at("mentees", i, ".until"), nil, "mentoring ends %s, before it started on %s", formatDate(m.Until), formatDate(m.Since))
		}
		if pl := m.Placement; pl != nil {
			if pl.Date.IsZero() {
				add(at("mentees", i, ".placement.date"), nil, "missing: the placement date")
			}
			if pl.MonthlyRate.Amount < 0 {
				add(at("mentees", i, ".placement.monthly_rate"), nil, "must not be negative")
			}
			if pl.MonthlyRate.Currency == "" {
				add(at("mentees", i, ".placement.currency"), nil, "missing: the currency of the monthly rate")
			}
			if !pl.Until.IsZero() && pl.Until.Before(pl.Date) {
				add(at("mentees", i, ".placement.until"), nil, "placement ends %s, before it started on %s", formatDate(pl.Until), formatDate(pl.Date))
			}
		}
	}
	if dropped > 0 {
		errs = append(errs, &ProfileError{Message: moreProblems(dropped)})
	}
	return c, errs
}

// listedBefore reports whether the key of list[i] is the key of an earlier
// entry. Short lists are searched; long ones use the set *seen, which it
// builds as i advances, so a hostile list stays linear.
func listedBefore[T any](list []T, i int, key func(T) string, seen *map[string]bool) bool {
	k := key(list[i])
	if len(list) <= 16 {
		for _, x := range list[:i] {
			if key(x) == k {
				return true
			}
		}
		return false
	}
	if *seen == nil {
		*seen = make(map[string]bool, len(list))
	}
	if (*seen)[k] {
		return true
	}
	(*seen)[k] = true
	return false
}

// sortByPath puts problems found by ranging over a map in path order, so
// the same profile always gives the same error text.
func sortByPath(errs ProfileErrors) {
	slices.SortStableFunc(errs, func(a, b *ProfileError) int { return strings.Compare(a.Path, b.Path) })
}

// civil0 is civil that keeps the zero time zero.
func civil0(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return civil(t)
}

// checkMetricValues converts the profile's metric values to the types rules
// expect (int, float64 or bool) into out, reporting unknown names and wrong
// values in path order.
func (l *Ladder) checkMetricValues(in, out map[string]any, add func(string, error, string, ...any),
	hint func(string, func() []string) string, errs *ProfileErrors) {
	first := len(*errs)
	for name, v := range in {
		i, ok := l.metricIdx[name]
		if !ok {
			add("metrics."+name, ErrUnknownMetric, "unknown metric %q%s", name, hint(name, l.metricIDs))
			continue
		}
		if v == nil {
			continue // null: not provided
		}
		got, err := metricValue(l.metrics[i].Type, v)
		if err != "" {
			add("metrics."+name, nil, "%s", err)
			continue
		}
		out[name] = got
	}
	sortByPath((*errs)[first:])
}

func (l *Ladder) levelIDs() []string {
	ids := make([]string, len(l.levels))
	for i, lv := range l.levels {
		ids[i] = string(lv.def.ID)
	}
	return ids
}

func (l *Ladder) metricIDs() []string {
	ids := make([]string, len(l.metrics))
	for i, m := range l.metrics {
		ids[i] = m.ID
	}
	return ids
}

// metricValue converts v to the Go type of metric type t, or explains why
// it cannot.
func metricValue(t MetricType, v any) (any, string) {
	num, isNum := toFloat(v)
	switch t {
	case MetricBool:
		if b, ok := v.(bool); ok {
			return b, ""
		}
		return nil, fmt.Sprintf("want true or false, got %s", describeValue(v))
	case MetricInt:
		if isNum && num == math.Trunc(num) && math.Abs(num) <= 1<<53 {
			return int(num), ""
		}
		return nil, fmt.Sprintf("want a whole number, got %s", describeValue(v))
	case MetricNumber:
		if isNum && !math.IsNaN(num) && !math.IsInf(num, 0) {
			return num, ""
		}
		return nil, fmt.Sprintf("want a number, got %s", describeValue(v))
	case MetricPercent:
		if s, ok := v.(string); ok {
			pct, found := strings.CutSuffix(strings.TrimSpace(s), "%")
			f, err := strconv.ParseFloat(strings.TrimSpace(pct), 64)
			if !found || err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
				return nil, fmt.Sprintf("want a percent such as 0.74 or \"74%%\", got %q", s)
			}
			if f < 0 || f > 100 {
				return nil, fmt.Sprintf("want percent between 0%% and 100%%, got %q", s)
			}
			return f / 100, ""
		}
		if !isNum || math.IsNaN(num) || math.IsInf(num, 0) {
			return nil, fmt.Sprintf("want a percent such as 0.74 or \"74%%\", got %s", describeValue(v))
		}
		if num < 0 || num > 1 {
			return nil, fmt.Sprintf("want percent between 0 and 1, got %s", describeValue(v))
		}
		return num, ""
	}
	return nil, fmt.Sprintf("metric has unknown type %q", t)
}

func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case int8:
		return float64(x), true
	case int16:
		return float64(x), true
	case int32:
		return float64(x), true
	case int64:
		return float64(x), true
	case uint:
		return float64(x), true
	case uint8:
		return float64(x), true
	case uint16:
		return float64(x), true
	case uint32:
		return float64(x), true
	case uint64:
		return float64(x), true
	case float32:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

func describeValue(v any) string {
	switch x := v.(type) {
	case string:
		return strconv.Quote(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func mapKeys(m map[string]bool) []string { return sortedKeys(m) }

// Locate sets Line and Column on the problems that have none, by finding
// their field paths in data, the document the profile was parsed from, and
// then puts the problems in document order.
// Evaluate reports problems by field path alone, so that it needs nothing
// but the Person; a caller that still has the document, such as a command
// reporting on files, can point at the line too.
func (es ProfileErrors) Locate(data []byte) {
	root, lines, prob := parseYAML(data)
	if prob != nil || root == nil {
		return
	}
	d := newDecoder(lines)
	var p Person
	d.decode(root, reflect.ValueOf(&p).Elem(), "")
	for _, e := range es {
		switch {
		case e.Line != 0 || e.Path == "":
		case errors.Is(e.Err, ErrUnknownMetric):
			e.Line, e.Column = d.keyPos(e.Path) // the name is what is wrong
		default:
			e.Line, e.Column = d.pos(e.Path)
		}
	}
	es.sortByPosition()
}

package ladder

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ladderkit/ladder/internal/suggest"
)

// This file checks a Person against a Ladder before it is evaluated: known
// levels, roles, metrics and checklist items, dates in order, and metric
// values of the metric's type.

// checked is a person validated against a ladder.
type checked struct {
	level      *level
	unrecorded unrecorded
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
	// A person whose record did not read whole is checked for what did
	// read, and reported with the problems of reading it.
	var failed ProfileErrors
	if rec := p.src; rec != nil && rec.failed != nil {
		if !rec.decoded {
			return checked{}, rec.withLadderProblems(nil, 0)
		}
		failed = rec.failed
	}
	var errs ProfileErrors
	dropped := 0
	add := func(path string, err error, format string, args ...any) {
		if failed != nil && readFailed(failed, path) {
			return // a field that did not read is reported for that alone
		}
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
		if lv := l.lookupLevel(id); lv != nil {
			return lv
		}
		h := ""
		if len(errs) < maxProblems {
			h = l.unknownLevelHint(id)
		}
		add(at(prefix, i, suffix), ErrUnknownLevel, "unknown level %q%s", id, h)
		return nil
	}
	// A level id matched regardless of case is written back in the
	// ladder's spelling, so that the report says L7 for l7. The lists
	// are the caller's: each is copied before its first change.
	var own struct{ history, assessments, nominations, mentees bool }
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
	} else if c.level = levelRef("level", -1, "", p.Level); c.level != nil {
		p.Level = c.level.def.ID
	}
	notAfter("level_since", civil0(p.LevelSince), "level_since")
	notAfter("joined", civil0(p.Joined), "joined")
	if !p.Joined.IsZero() && !p.LevelSince.IsZero() && civil(p.Joined).After(civil(p.LevelSince)) {
		add("joined", nil, "joined %s is after level_since %s", formatDate(p.Joined), formatDate(p.LevelSince))
	}
	for i, h := range p.History {
		if lv := levelRef("history", i, ".level", h.Level); lv != nil && lv.def.ID != h.Level {
			p.History = owned(p.History, &own.history)
			p.History[i].Level, h.Level = lv.def.ID, lv.def.ID
		}
		if h.Since.IsZero() {
			add(at("history", i, ".since"), nil, "missing: when the person reached %s", h.Level)
		} else if i > 0 && !p.History[i-1].Since.IsZero() && h.Since.Before(p.History[i-1].Since) {
			add(at("history", i, ".since"), nil, "history must be oldest first: %s is before %s", formatDate(h.Since), formatDate(p.History[i-1].Since))
		}
	}
	roleRefs("roles", p.Roles)
	var bad int
	if c.unrecorded, bad = parseUnrecorded(p.Unrecorded); bad >= 0 {
		add(indexPath("unrecorded", bad), nil, "want a list field of the profile (history, assessments, nominations, waivers, mentees, mentor, breaks), got %q", p.Unrecorded[bad])
	}
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
			ownPanel := false
			for i, pn := range a.Panel {
				if pn.By == "" {
					add(at("assessments."+id+".panel", i, ".by"), nil, "missing: who sat on the panel")
				}
				if len(pn.Roles) > 0 {
					roleRefs(at("assessments."+id+".panel", i, ".roles"), pn.Roles)
				}
				if pn.Level == "" {
					if len(pn.Roles) == 0 {
						add(at("assessments."+id+".panel", i, ".level"), nil, "missing: the panelist's level, or roles for someone who holds none (a founder)")
					}
				} else if lv := levelRef("assessments."+id+".panel", i, ".level", pn.Level); lv != nil && lv.def.ID != pn.Level {
					if !own.assessments {
						p.Assessments, own.assessments = maps.Clone(p.Assessments), true
					}
					a.Panel = owned(a.Panel, &ownPanel)
					a.Panel[i].Level = lv.def.ID
					p.Assessments[id] = a
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
			if lv := levelRef("nominations", i, ".level", n.Level); lv != nil && lv.def.ID != n.Level {
				p.Nominations = owned(p.Nominations, &own.nominations)
				p.Nominations[i].Level = lv.def.ID
			}
		}
		if len(n.Roles) > 0 {
			roleRefs(at("nominations", i, ".roles"), n.Roles)
		}
	}
	for i, w := range p.Waivers {
		if w.Check != KindTenure && w.Check != KindTrackTenure {
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
			if lv := levelRef("mentor", -1, ".level", mt.Level); lv != nil && lv.def.ID != mt.Level {
				respelt := *mt
				respelt.Level = lv.def.ID
				p.Mentor = &respelt
			}
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
		var from, now *level
		if m.Level == "" {
			add(at("mentees", i, ".level"), nil, "missing: the mentee's level now")
		} else if now = levelRef("mentees", i, ".level", m.Level); now != nil && now.def.ID != m.Level {
			p.Mentees = owned(p.Mentees, &own.mentees)
			p.Mentees[i].Level = now.def.ID
		}
		if m.FromLevel != "" {
			if from = levelRef("mentees", i, ".from_level", m.FromLevel); from != nil && from.def.ID != m.FromLevel {
				p.Mentees = owned(p.Mentees, &own.mentees)
				p.Mentees[i].FromLevel = from.def.ID
			}
		}
		if m.Advanced != nil && *m.Advanced && from != nil && now != nil && now.def.Rank <= from.def.Rank {
			add(at("mentees", i, ".advanced"), nil, "advanced is true, but the mentee is at %s, no higher than %s where mentoring started", now.def.ID, from.def.ID)
		}
		if m.Since.IsZero() {
			add(at("mentees", i, ".since"), nil, "missing: when mentoring started")
		} else if !p.Joined.IsZero() && civil(m.Since).Before(civil(p.Joined)) {
			add(at("mentees", i, ".since"), nil, "mentoring starts %s, before joined %s: mentoring must fall inside the career", formatDate(m.Since), formatDate(p.Joined))
		}
		if !m.Until.IsZero() && !m.Since.IsZero() && m.Until.Before(m.Since) {
			add(at("mentees", i, ".until"), nil, "mentoring ends %s, before it started on %s", formatDate(m.Until), formatDate(m.Since))
		}
		if pl := m.Placement; pl != nil {
			if pl.Date.IsZero() {
				add(at("mentees", i, ".placement.date"), nil, "missing: the placement date")
			} else if !p.Joined.IsZero() && civil(pl.Date).Before(civil(p.Joined)) {
				add(at("mentees", i, ".placement.date"), nil, "placement on %s, before joined %s: a referral cut is earned inside the career", formatDate(pl.Date), formatDate(p.Joined))
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
	if failed != nil {
		return c, p.src.withLadderProblems(errs, dropped)
	}
	if dropped > 0 {
		errs = append(errs, &ProfileError{Message: moreProblems(dropped)})
	}
	return c, errs
}

// withLadderProblems returns the problems of a record that did not read
// whole: its own and those the ladder found in the fields that did read
// (found, and dropped more, which validate keeps clear of the fields that
// failed to read), placed in the stream and in document order. The
// record's own problems are copied, so that callers may place or change
// what they get.
func (rec *record) withLadderProblems(found ProfileErrors, dropped int) ProfileErrors {
	out := make(ProfileErrors, 0, len(rec.failed)+len(found))
	for _, e := range rec.failed {
		c := *e
		out = append(out, &c)
	}
	if len(found) == 0 && dropped == 0 {
		return out
	}
	rec.locate(found)
	out = append(out, found...)
	if rec.table != nil {
		out.sortByTable()
	} else {
		out.sortByPosition()
	}
	if len(out) > maxProblems {
		dropped += len(out) - maxProblems
		out = out[:maxProblems]
	}
	if dropped > 0 {
		out = append(out, &ProfileError{Message: moreProblems(dropped)})
	}
	return out
}

// readFailed reports whether one of the problems of reading a record is
// about the field at path or a field that holds it: the person has no
// value there, and what the ladder says of it is no news.
func readFailed(failed ProfileErrors, path string) bool {
	for _, f := range failed {
		var key missingKey
		switch {
		case f.Path == path, errors.As(f.Err, &key) && string(key) == path:
			return true
		case f.Path != "" && strings.HasPrefix(path, f.Path) && (path[len(f.Path)] == '.' || path[len(f.Path)] == '['):
			return true
		}
	}
	return false
}

// owned returns list, copied the first time (when *copied is false), so
// that validation can write to the copy and leave the caller's list as it
// is.
func owned[T any](list []T, copied *bool) []T {
	if *copied {
		return list
	}
	*copied = true
	return slices.Clone(list)
}

// lookupLevel returns the level id names: exactly, or else regardless of
// case ("l7" for L7) when exactly one level's id is spelt so.
func (l *Ladder) lookupLevel(id LevelID) *level {
	if lv := l.byID[id]; lv != nil || id == "" {
		return lv
	}
	return l.byFold[strings.ToLower(string(id))]
}

// foldLevels maps the lower-case spelling of each level id to its level;
// ids that fold alike (there should be none) map to nil, as neither can be
// told from the other.
func foldLevels(byID map[LevelID]*level) map[string]*level {
	fold := make(map[string]*level, len(byID))
	for id, lv := range byID {
		k := strings.ToLower(string(id))
		if _, twice := fold[k]; twice {
			lv = nil
		}
		fold[k] = lv
	}
	return fold
}

// unknownLevelHint helps with a level id the ladder does not have: the id
// it most likely is by its spelling, or else the level whose rank or id
// number is the one number it holds ("Level 7", "level7" and "7" for L7).
func (l *Ladder) unknownLevelHint(id LevelID) string {
	if h := suggest.DidYouMean(string(id), l.levelIDs()); h != "" {
		return h
	}
	n, ok := onlyNumber(string(id))
	if !ok {
		return ""
	}
	var named []string
	for _, lv := range l.levels {
		if m, ok := onlyNumber(string(lv.def.ID)); lv.def.Rank == n || ok && m == n {
			named = append(named, string(lv.def.ID))
		}
	}
	if len(named) == 0 {
		return ""
	}
	return " (did you mean " + strings.Join(named, " or ") + "?)"
}

// onlyNumber returns the number s holds when it holds one run of digits
// ("Level 07" holds 7).
func onlyNumber(s string) (int, bool) {
	start := strings.IndexAny(s, "0123456789")
	if start < 0 {
		return 0, false
	}
	end := start
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		end++
	}
	if strings.ContainsAny(s[end:], "0123456789") {
		return 0, false
	}
	n, err := strconv.Atoi(s[start:end])
	if err != nil {
		return 0, false
	}
	return n, true
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
		if isNum && (num == 1 || num == 0) {
			return num == 1, "" // as spreadsheets write booleans
		}
		return nil, fmt.Sprintf("want true or false, got %s", describeValue(v))
	case MetricInt:
		if isNum && num == math.Trunc(num) && math.Abs(num) <= 1<<53 {
			return int(num), ""
		}
		if isNum && num == math.Trunc(num) {
			return nil, fmt.Sprintf("whole number out of range: want one from -%d to %d, got %s", 1<<53, 1<<53, describeValue(v))
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

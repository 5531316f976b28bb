package ladder

import (
	"math"
	"slices"
	"time"
)

// promotion evaluates the promotion from the person's level to the next
// into out, appending its checks to checks.
func (e *evaluation) promotion(out *Promotion, checks []Check, standards []Check) {
	lv := e.lv
	pr := lv.def.Promotion
	*out = Promotion{To: pr.To, Published: pr.IsPublished(), Unlocks: slices.Clone(pr.Unlocks)}
	if !out.Published {
		out.Verdict = Undetermined
		return
	}
	if pr.MinMonths != nil {
		c, earliest := e.tenure(KindTenure, *pr.MinMonths, e.p.LevelSince, "level_since", e.awayLevel)
		checks = append(checks, c)
		out.Earliest = later(out.Earliest, earliest)
	}
	if pr.MinMonthsInTrack != nil {
		c, earliest := e.tenure(KindTrackTenure, *pr.MinMonthsInTrack, e.p.Joined, "joined", e.awayTrack)
		checks = append(checks, c)
		out.Earliest = later(out.Earliest, earliest)
	}
	if n := pr.Nomination; n != nil && n.Required {
		checks = append(checks, e.nomination(n))
	}
	for _, a := range pr.Assessments {
		checks = append(checks, e.assessment(a))
	}
	for i, r := range pr.Requirements {
		checks = append(checks, e.ruleCheck(lv.requirements[i], Check{ID: r.ID, Name: r.Name, Kind: KindRequirement}, r.Name, r.Rule))
	}
	if pr.RequiresStandards() && len(standards) > 0 {
		checks = append(checks, e.standardsCheck(standards))
	}
	out.Checks = checks
	out.Verdict = verdict(checks)
}

// verdict is eligible when every check is met or waived, not eligible when
// any is unmet, and undetermined otherwise.
func verdict(checks []Check) Verdict {
	v := Eligible
	for _, c := range checks {
		switch c.Status {
		case Unmet:
			return NotEligible
		case Unknown:
			v = Undetermined
		}
	}
	return v
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// tenure checks min whole months since the date in field (level_since or
// joined), not counting away, the whole months of breaks since then. It
// returns the date tenure allows promotion, which breaks move later by the
// same months, or the zero time when the check does not block (waived) or
// cannot be computed.
func (e *evaluation) tenure(kind CheckKind, min int, since time.Time, field string, away int) (Check, time.Time) {
	c := Check{ID: string(kind), Kind: kind, Name: "Months at level"}
	if kind == KindTrackTenure {
		c.Name = "Months in the track"
	}
	t := &e.t
	where := func() {
		if kind == KindTrackTenure {
			t.str(" in the track")
		} else {
			t.str(" at ").str(string(e.lv.def.ID))
		}
	}
	m := t.mark()
	if since.IsZero() {
		c.Status = Unknown
		c.Missing = []string{field}
		t.str(field).str(" not given; ").count(min, "month", "months")
		where()
		t.str(" required")
		c.Detail = t.since(m)
		c.Gaps = e.tenureGap(kind, math.NaN(), min, time.Time{})
		return c, time.Time{}
	}
	since = civil(since)
	months := max(0, MonthsBetween(since, e.asOf)-away)
	earliest := AddMonths(since, min+away)
	var back time.Time // the first day back from a break running on the evaluation date
	if len(e.p.Breaks) > 0 {
		earliest = earliestAfter(since, min, e.p.Breaks)
		back = onBreak(e.p.Breaks, e.asOf)
	}
	vm := t.date(since).mark()
	e.values = append(e.values, Value{Name: field, Value: t.since(m)})
	c.Values = e.values[len(e.values)-1 : len(e.values) : len(e.values)]
	m = vm
	if months >= min && !e.asOf.Before(earliest) {
		c.Status = Met
		t.count(months, "month", "months")
		where()
		t.str(" since ").date(since)
		e.awayNote(away)
		t.str(" (").int(min).str(" required)")
		c.Detail = t.since(m)
		return c, earliest
	}
	c.Status = Unmet
	t.int(months).str(" of ").count(min, "month", "months")
	where()
	e.awayNote(away)
	if !back.IsZero() {
		t.str("; on a break until ").date(back).str(", whose rest does not count either")
	}
	w, ok := e.waiver(kind)
	switch {
	case ok && e.lv.def.Promotion.AllowsFastTrack():
		c.Status = Waived
		t.str("; waived by ").str(w.By)
		if !w.Date.IsZero() {
			t.str(" on ").date(w.Date)
		}
		if w.Reason != "" {
			t.str(": ").str(w.Reason)
		}
		c.Detail = t.since(m)
		return c, time.Time{}
	case ok:
		t.str("; tenure allows promotion from ").date(earliest)
		t.str("; the waiver by ").str(w.By).str(" does not count: fast-tracking is not allowed for this step")
	default:
		t.str("; tenure allows promotion from ").date(earliest)
	}
	c.Detail = t.since(m)
	c.Gaps = e.tenureGap(kind, float64(months), min, earliest)
	return c, earliest
}

// awayNote says how many months of breaks a tenure does not count.
func (e *evaluation) awayNote(away int) {
	if away > 0 {
		e.t.str(", not counting ").count(away, "month", "months").str(" away")
	}
}

// waiver returns the first waiver of check dated on or before the
// evaluation date.
func (e *evaluation) waiver(check CheckKind) (Waiver, bool) {
	for _, w := range e.p.Waivers {
		if w.Check == check && !civil0(w.Date).After(e.asOf) {
			return w, true
		}
	}
	return Waiver{}, false
}

// nomination counts the nominations that meet rule n, listing each one that
// does not count with its reason.
func (e *evaluation) nomination(n *NominationRule) Check {
	c := Check{ID: "nomination", Name: "Nomination", Kind: KindNomination}
	noms := e.p.Nominations
	reasons := make([]string, len(noms)) // "" for a nomination that counts
	count := 0
	var countedBy map[string]bool // nominators already counted
	for i, nom := range noms {
		switch {
		case civil0(nom.Date).After(e.asOf):
			reasons[i] = "after"
		case nom.By == e.p.ID && !n.Self:
			reasons[i] = "self-nomination is not allowed for this step"
		case !e.nominatorQualifies(n, nom):
			reasons[i] = "needs"
		case countedBy[nom.By]:
			reasons[i] = "already counted once"
		default:
			count++
			if countedBy == nil {
				countedBy = make(map[string]bool, len(noms))
			}
			countedBy[nom.By] = true
		}
	}
	t := &e.t
	m := t.mark()
	t.int(count)
	e.values = append(e.values, Value{Name: "nominations", Value: t.since(m)})
	c.Values = e.values[len(e.values)-1 : len(e.values) : len(e.values)]
	t.str(" of ").count(n.MinCount(), "nomination", "nominations").str(" from ")
	e.nominatorsWanted(n)
	for pass, label := range []string{"; counted: ", "; not counted: "} {
		first := true
		for i, nom := range noms {
			if (reasons[i] == "") != (pass == 0) {
				continue
			}
			if first {
				t.str(label)
			} else if pass == 0 {
				t.str(", ")
			} else {
				t.str("; ")
			}
			first = false
			e.nominator(nom)
			switch reasons[i] {
			case "":
				if !nom.Date.IsZero() {
					t.str(" on ").date(nom.Date)
				}
			case "after":
				t.str(": dated ").date(nom.Date).str(", after the evaluation date")
			case "needs":
				t.str(": needs ")
				e.nominatorsWanted(n)
			default:
				t.str(": ").str(reasons[i])
			}
		}
	}
	c.Detail = t.since(m)
	if count >= n.MinCount() {
		c.Status = Met
	} else if len(noms) == 0 && e.unrecorded.has(unrecordedNominations) {
		c.Status, c.Missing = Unknown, []string{"nominations"}
		c.Detail = "not recorded: the input has no place for nominations"
	} else {
		c.Status = Unmet
		g := Gap{Input: "nominations", Op: ">=", Have: float64(count), Want: float64(n.MinCount()), Short: float64(n.MinCount() - count)}
		m := t.mark()
		t.gap(g, gapWords{noun: "nominations", one: "nomination"})
		g.words = t.since(m)
		c.Gaps = []Gap{g}
	}
	return c
}

// nominator writes who made a nomination: "lee (L10)", "ana (founder)".
func (e *evaluation) nominator(nom Nomination) { e.who(nom.By, nom.Level, nom.Roles) }

// who writes a person named in a profile with their level and roles, as
// given: "lee (L10)", "ana (founder)", "wil (L7, worca-leadership)".
func (e *evaluation) who(by string, level LevelID, roles []string) {
	t := &e.t
	t.str(by)
	if level == "" && len(roles) == 0 {
		return
	}
	t.str(" (")
	sep := ""
	if level != "" {
		t.str(string(level))
		sep = ", "
	}
	for _, r := range roles {
		t.str(sep).str(r)
		sep = ", "
	}
	t.str(")")
}

func (e *evaluation) nominatorQualifies(n *NominationRule, nom Nomination) bool {
	if n.FromMinLevel == "" && len(n.FromRoles) == 0 {
		return true
	}
	if lv := e.l.byID[nom.Level]; n.FromMinLevel != "" && lv != nil && lv.def.Rank >= e.lv.nomFromRank {
		return true
	}
	for _, r := range nom.Roles {
		if slices.Contains(n.FromRoles, r) {
			return true
		}
	}
	return false
}

// nominatorsWanted writes who may nominate: "L10 or above or a founder".
func (e *evaluation) nominatorsWanted(n *NominationRule) {
	t := &e.t
	if n.FromMinLevel == "" && len(n.FromRoles) == 0 {
		t.str("anyone")
		return
	}
	sep := ""
	if n.FromMinLevel != "" {
		t.str(string(n.FromMinLevel)).str(" or above")
		sep = " or "
	}
	for _, r := range n.FromRoles {
		t.str(sep).str("a ").str(r)
		sep = " or "
	}
}

// assessment checks one qualification component: passed is met; failed,
// pending or no result is unmet.
func (e *evaluation) assessment(a Assessment) Check {
	c := Check{ID: a.ID, Name: a.Name, Kind: KindAssessment, Status: Unmet}
	res, ok := e.p.Assessments[a.ID]
	t := &e.t
	m := t.mark()
	switch {
	case !ok && e.unrecorded.has(unrecordedAssessments):
		c.Status, c.Missing = Unknown, []string{"assessments." + a.ID}
		c.Detail = "not recorded: the input has no place for assessments"
		return c
	case !ok:
		c.Detail = "no result recorded"
		return c
	case civil0(res.Date).After(e.asOf):
		t.str("no result as of ").date(e.asOf).str(" (the ").str(string(res.Result)).str(" result is dated ").date(res.Date).str(")")
		c.Detail = t.since(m)
		return c
	}
	e.values = append(e.values, Value{Name: "result", Value: string(res.Result)})
	c.Values = e.values[len(e.values)-1 : len(e.values) : len(e.values)]
	t.str(string(res.Result))
	if !res.Date.IsZero() {
		t.str(" on ").date(res.Date)
	}
	if res.Result == ResultPassed && e.panel(res.Panel) { // the panel writes who may not sit on it
		c.Status = Met
	}
	c.Detail = t.since(m)
	return c
}

// standardsCheck sums up the ranking standard as one promotion check.
func (e *evaluation) standardsCheck(standards []Check) Check {
	c := Check{ID: "standards", Name: "Ranking standard of " + string(e.lv.def.ID), Kind: KindStandards}
	met, unmet, unknown := 0, 0, 0
	for _, s := range standards {
		switch s.Status {
		case Met:
			met++
		case Unmet:
			unmet++
		case Unknown:
			unknown++
			for _, m := range s.Missing {
				if !slices.Contains(c.Missing, m) {
					c.Missing = append(c.Missing, m)
				}
			}
		}
	}
	t := &e.t
	m := t.mark()
	t.int(met).str(" of ").int(len(standards)).str(" standards met")
	for _, part := range []struct {
		label string
		st    Status
		n     int
	}{{"; unmet: ", Unmet, unmet}, {"; unknown: ", Unknown, unknown}} {
		if part.n == 0 {
			continue
		}
		t.str(part.label)
		sep := ""
		for _, s := range standards {
			if s.Status == part.st {
				t.str(sep).str(s.ID)
				sep = ", "
			}
		}
	}
	c.Detail = t.since(m)
	switch {
	case unmet > 0:
		c.Status = Unmet
	case unknown > 0:
		c.Status = Unknown
	default:
		c.Status = Met
	}
	return c
}

// tenureGap is the gap of an unmet or unknown tenure check: have months of
// min, clearing on clears.
func (e *evaluation) tenureGap(kind CheckKind, have float64, min int, clears time.Time) []Gap {
	g := Gap{Input: builtinMonthsAtLevel, Op: ">=", Have: have, Want: float64(min), Clears: clears}
	w := gapWords{noun: "months", one: "month", where: "at " + string(e.lv.def.ID)}
	if kind == KindTrackTenure {
		g.Input, w.where = builtinMonthsInTrack, "in the track"
	}
	if g.Known() {
		g.Short = max(0, g.Want-have)
	} else {
		w.noun = words(g.Input)
	}
	m := e.t.mark()
	e.t.gap(g, w)
	g.words = e.t.since(m)
	return []Gap{g}
}

package ladder

import (
	"slices"
	"strings"
	"time"
)

// promotion evaluates the promotion from the person's level to the next, or
// returns nil at the top level.
func (e *evaluation) promotion(standards []Check) *Promotion {
	lv := e.lv
	pr := lv.def.Promotion
	if pr == nil {
		return nil
	}
	out := &Promotion{To: pr.To, Published: pr.IsPublished(), Unlocks: slices.Clone(pr.Unlocks)}
	if !out.Published {
		out.Verdict = Undetermined
		return out
	}
	if pr.MinMonths != nil {
		c, earliest := e.tenure(KindTenure, *pr.MinMonths, e.p.LevelSince, "level_since", "at "+string(lv.def.ID))
		out.Checks = append(out.Checks, c)
		out.Earliest = later(out.Earliest, earliest)
	}
	if pr.MinMonthsInTrack != nil {
		c, earliest := e.tenure(KindTrackTenure, *pr.MinMonthsInTrack, e.p.Joined, "joined", "in the track")
		out.Checks = append(out.Checks, c)
		out.Earliest = later(out.Earliest, earliest)
	}
	if n := pr.Nomination; n != nil && n.Required {
		out.Checks = append(out.Checks, e.nomination(n))
	}
	for _, a := range pr.Assessments {
		out.Checks = append(out.Checks, e.assessment(a))
	}
	for i, r := range pr.Requirements {
		out.Checks = append(out.Checks, e.ruleCheck(lv.requirements[i], Check{ID: r.ID, Name: r.Name, Kind: KindRequirement}, r.Name+" ("+r.Rule+")"))
	}
	if pr.StandardsRequired() && len(standards) > 0 {
		out.Checks = append(out.Checks, standardsCheck(lv.def.ID, standards))
	}
	out.Verdict = verdict(out.Checks)
	return out
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
// joined). It returns the date tenure allows promotion, or the zero time
// when the check does not block (waived) or cannot be computed.
func (e *evaluation) tenure(kind CheckKind, min int, since time.Time, field, where string) (Check, time.Time) {
	c := Check{ID: string(kind), Kind: kind, Name: "Months at level"}
	if kind == KindTrackTenure {
		c.Name = "Months in the track"
	}
	if since.IsZero() {
		c.Status = Unknown
		c.Missing = []string{field}
		c.Detail = sprintf("%s not given; %s %s required", field, plural(min, "month", "months"), where)
		return c, time.Time{}
	}
	since = civil(since)
	months := MonthsBetween(since, e.asOf)
	earliest := AddMonths(since, min)
	c.Values = []Value{{Name: field, Value: formatDate(since)}}
	if months >= min {
		c.Status = Met
		c.Detail = sprintf("%s %s since %s (%d required)", plural(months, "month", "months"), where, formatDate(since), min)
		return c, earliest
	}
	c.Status = Unmet
	c.Detail = sprintf("%d of %s %s; tenure allows promotion from %s", months, plural(min, "month", "months"), where, formatDate(earliest))
	w, ok := e.waiver(string(kind))
	if !ok {
		return c, earliest
	}
	if !e.lv.def.Promotion.FastTrackAllowed() {
		c.Detail += sprintf("; the waiver by %s does not count: fast-tracking is not allowed for this step", w.By)
		return c, earliest
	}
	c.Status = Waived
	c.Detail = sprintf("%d of %s %s; waived by %s", months, plural(min, "month", "months"), where, w.By)
	if !w.Date.IsZero() {
		c.Detail += " on " + formatDate(w.Date)
	}
	if w.Reason != "" {
		c.Detail += ": " + w.Reason
	}
	return c, time.Time{}
}

// waiver returns the first waiver of check dated on or before the
// evaluation date.
func (e *evaluation) waiver(check string) (Waiver, bool) {
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
	var counted, rejected []string
	seen := map[string]bool{}
	for _, nom := range e.p.Nominations {
		who := nom.By
		if about := append([]string{string(nom.Level)}, nom.Roles...); nom.Level != "" || len(nom.Roles) > 0 {
			if nom.Level == "" {
				about = about[1:]
			}
			who += " (" + strings.Join(about, ", ") + ")"
		}
		reason := ""
		switch {
		case civil0(nom.Date).After(e.asOf):
			reason = "dated " + formatDate(nom.Date) + ", after the evaluation date"
		case nom.By == e.p.ID && !n.Self:
			reason = "self-nomination is not allowed for this step"
		case !e.nominatorQualifies(n, nom):
			reason = "needs " + nominatorsWanted(n)
		case seen[nom.By]:
			reason = "already counted once"
		}
		if reason != "" {
			rejected = append(rejected, who+": "+reason)
			continue
		}
		seen[nom.By] = true
		if !nom.Date.IsZero() {
			who += " on " + formatDate(nom.Date)
		}
		counted = append(counted, who)
	}
	need := n.MinCount()
	c.Values = []Value{{Name: "nominations", Value: sprintf("%d", len(counted))}}
	c.Detail = sprintf("%d of %s from %s", len(counted), plural(need, "nomination", "nominations"), nominatorsWanted(n))
	if len(counted) > 0 {
		c.Detail += "; counted: " + strings.Join(counted, ", ")
	}
	if len(rejected) > 0 {
		c.Detail += "; not counted: " + strings.Join(rejected, "; ")
	}
	if len(counted) >= need {
		c.Status = Met
	} else {
		c.Status = Unmet
	}
	return c
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

// nominatorsWanted describes who may nominate: "L10 or above, or a founder".
func nominatorsWanted(n *NominationRule) string {
	var parts []string
	if n.FromMinLevel != "" {
		parts = append(parts, string(n.FromMinLevel)+" or above")
	}
	for _, r := range n.FromRoles {
		parts = append(parts, "a "+r)
	}
	if len(parts) == 0 {
		return "anyone"
	}
	return strings.Join(parts, " or ")
}

// assessment checks one qualification component: passed is met; failed,
// pending or no result is unmet.
func (e *evaluation) assessment(a Assessment) Check {
	c := Check{ID: a.ID, Name: a.Name, Kind: KindAssessment, Status: Unmet}
	res, ok := e.p.Assessments[a.ID]
	switch {
	case !ok:
		c.Detail = "no result recorded"
		return c
	case civil0(res.Date).After(e.asOf):
		c.Detail = sprintf("no result as of %s (the %s result is dated %s)", formatDate(e.asOf), res.Result, formatDate(res.Date))
		return c
	}
	c.Values = []Value{{Name: "result", Value: res.Result}}
	c.Detail = res.Result
	if !res.Date.IsZero() {
		c.Detail += " on " + formatDate(res.Date)
	}
	if res.Result == ResultPassed {
		c.Status = Met
	}
	return c
}

// standardsCheck sums up the ranking standard as one promotion check.
func standardsCheck(id LevelID, standards []Check) Check {
	c := Check{ID: "standards", Name: "Ranking standard of " + string(id), Kind: KindStandards}
	var unmet, unknown []string
	met := 0
	for _, s := range standards {
		switch s.Status {
		case Met:
			met++
		case Unmet:
			unmet = append(unmet, s.ID)
		case Unknown:
			unknown = append(unknown, s.ID)
			for _, m := range s.Missing {
				if !slices.Contains(c.Missing, m) {
					c.Missing = append(c.Missing, m)
				}
			}
		}
	}
	c.Detail = sprintf("%d of %d standards met", met, len(standards))
	if len(unmet) > 0 {
		c.Detail += "; unmet: " + strings.Join(unmet, ", ")
	}
	if len(unknown) > 0 {
		c.Detail += "; unknown: " + strings.Join(unknown, ", ")
	}
	switch {
	case len(unmet) > 0:
		c.Status = Unmet
	case len(unknown) > 0:
		c.Status = Unknown
	default:
		c.Status = Met
	}
	return c
}

// Package bench_test holds the hand-written floor of BenchmarkEvaluate/L7,
// apart from the package's own tests.
package bench_test

// The hand-written floor: the L7 evaluation of the embedded Worca track
// written directly in Go, with no rules engine, no ladder files and no
// compiled rules. BenchmarkEvaluateHandWritten measures it on the profile
// BenchmarkEvaluate/L7 evaluates, and TestHandWrittenMatches proves it
// builds the same Report, field for field, so the two are compared on the
// same work. It is written as a competent engineer would write it by hand:
// plain comparisons, string concatenation and strconv, one slice or string
// per piece of the report; nothing is pooled or shared between calls.
//
// Like Evaluate, it validates the profile first (level, dates, metric names
// and types, checklist items, assessments, nominations, waivers, mentees),
// though it returns a plain error rather than ProfileErrors naming paths.

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ladderkit/ladder"
	"github.com/ladderkit/ladder/internal/reporttest"
	"github.com/stretchr/testify/require"
)

// The L7 level of the Worca track, as Go constants.
const (
	handL7Title          = "Sr Product Owner"
	handL7MinMonths      = 36
	handL7MinInTrack     = 120
	handL7Slots          = 4
	handL7MenteeMin      = 1 // L1
	handL7MenteeMax      = 5 // L5
	handL7MenteeRange    = "L1–L5"
	handL7MinMenteesAtL4 = 2 // mentees at L4+
)

var handL7Checklist = [...]string{"owns-roadmap", "weekly-users", "cut-major-feature",
	"explains-in-business-terms", "roadmap-follows-evidence", "risk-reducing-release",
	"competitive-positioning", "respected-pushback", "mentees-think-business", "board-product-review"}

var handL7Assessments = [...]struct{ id, name string }{
	{"product-strategy-presentation", "Product strategy presentation"},
	{"roadmap-defense", "Roadmap defense"},
	{"user-research-methodology", "User research methodology"},
	{"multi-product-scenario", "Multi-product scenario"},
	{"mentee-outcomes", "Mentee outcomes"},
}

var handL8Unlocks = []string{
	"Ownership of the full technical product strategy: several product surfaces, infrastructure and vendors.",
	"Acting as the startup's fractional CTO or technical co-founder.",
	"Authority to coordinate across teams.",
	"5 mentee slots (L1–L6).",
	"Referral cut of 7% for 18 months.",
	"A speaking slot at The Gathering.",
}

// handRank returns the rank of a Worca level id, L1 … L10.
func handRank(id ladder.LevelID) (int, bool) {
	if len(id) < 2 || id[0] != 'L' {
		return 0, false
	}
	n, err := strconv.Atoi(string(id[1:]))
	if err != nil || n < 1 || n > 10 || strconv.Itoa(n) != string(id[1:]) {
		return 0, false
	}
	return n, true
}

// handMetricType returns the type of a metric the Worca track declares.
func handMetricType(name string) (ladder.MetricType, bool) {
	switch name {
	case "product_decisions_adopted", "data_driven_kills", "helpful_review_citations",
		"products_owned", "successful_scope_cuts", "major_misalignment_incidents",
		"external_contributions", "product_surfaces_owned", "build_vs_buy_successes",
		"preventable_outages", "team_structure_successes":
		return ladder.MetricInt, true
	case "feature_instrumentation_rate", "weeks_with_user_conversations", "feature_hit_rate":
		return ladder.MetricPercent, true
	case "mentee_improving", "client_trust", "client_retention", "works_across_surfaces",
		"treated_as_technical_cofounder", "presented_to_investors", "industry_recognition":
		return ladder.MetricBool, true
	}
	return "", false
}

// handReferralTerms is a Worca level's referral cut and mentee range; ok is
// false for the levels that publish no referral terms.
func handReferralTerms(rank int) (pct ladder.Percent, months, minRank, maxRank int, ok bool) {
	switch rank {
	case 4:
		return 300, 6, 1, 2, true
	case 5:
		return 400, 9, 1, 3, true
	case 7:
		return 600, 12, 1, 5, true
	}
	return 0, 0, 0, 0, false
}

// handDay returns t's date as midnight UTC.
func handDay(t time.Time) time.Time {
	if t.Location() == time.UTC && t.Unix()%86400 == 0 && t.Nanosecond() == 0 {
		return t
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func handDay0(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return handDay(t)
}

func handDate(t time.Time) string { return t.Format(time.DateOnly) }

func handCount(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

func handYesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func handPercent(f float64) string {
	return strconv.FormatFloat(math.Round(f*10000)/100, 'f', -1, 64) + "%"
}

func handNumber(v any) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case uint64:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

// handMetricValue converts a profile value to the metric's type: int, float64
// (a percent as a fraction) or bool.
func handMetricValue(t ladder.MetricType, v any) (any, error) {
	switch t {
	case ladder.MetricBool:
		if b, ok := v.(bool); ok {
			return b, nil
		}
	case ladder.MetricInt:
		if f, ok := handNumber(v); ok && f == math.Trunc(f) && math.Abs(f) <= 1<<53 {
			return int(f), nil
		}
	case ladder.MetricPercent:
		if s, ok := v.(string); ok {
			num, found := strings.CutSuffix(strings.TrimSpace(s), "%")
			f, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
			if found && err == nil && f >= 0 && f <= 100 {
				return f / 100, nil
			}
		} else if f, ok := handNumber(v); ok && f >= 0 && f <= 1 {
			return f, nil
		}
	}
	return nil, fmt.Errorf("metric value %v is not a valid %s", v, t)
}

// handL7Inputs are the metric values the L7 rules read.
type handL7Inputs struct {
	productsOwned, scopeCuts, incidents, contributions  int
	weeksWithUsers, hitRate                             float64
	acrossSurfaces                                      bool
	hasProducts, hasScopeCuts, hasIncidents, hasContrib bool
	hasWeeks, hasHitRate, hasAcross                     bool
}

// handValidate checks an L7 profile as Evaluate does and reads the L7
// metrics.
func handValidate(p *ladder.Person, asOf time.Time) (in handL7Inputs, err error) {
	fail := func(format string, args ...any) (handL7Inputs, error) {
		return handL7Inputs{}, fmt.Errorf(format, args...)
	}
	if p.ID == "" || p.Level == "" {
		return fail("missing id or level")
	}
	if p.Level != "L7" {
		return fail("not an L7 profile: %s", p.Level)
	}
	since, joined := handDay0(p.LevelSince), handDay0(p.Joined)
	if since.After(asOf) || joined.After(asOf) || !joined.IsZero() && !since.IsZero() && joined.After(since) {
		return fail("level_since or joined out of order")
	}
	for i, h := range p.History {
		if _, ok := handRank(h.Level); !ok || h.Since.IsZero() || i > 0 && h.Since.Before(p.History[i-1].Since) {
			return fail("history[%d] is invalid", i)
		}
	}
	for _, r := range p.Roles {
		if r != "founder" {
			return fail("unknown role %q", r)
		}
	}
	for name, v := range p.Metrics {
		t, ok := handMetricType(name)
		if !ok {
			return fail("unknown metric %q", name)
		}
		if v == nil {
			continue
		}
		x, err := handMetricValue(t, v)
		if err != nil {
			return fail("metrics.%s: %v", name, err)
		}
		switch name {
		case "products_owned":
			in.productsOwned, in.hasProducts = x.(int), true
		case "weeks_with_user_conversations":
			in.weeksWithUsers, in.hasWeeks = x.(float64), true
		case "feature_hit_rate":
			in.hitRate, in.hasHitRate = x.(float64), true
		case "successful_scope_cuts":
			in.scopeCuts, in.hasScopeCuts = x.(int), true
		case "major_misalignment_incidents":
			in.incidents, in.hasIncidents = x.(int), true
		case "external_contributions":
			in.contributions, in.hasContrib = x.(int), true
		case "works_across_surfaces":
			in.acrossSurfaces, in.hasAcross = x.(bool), true
		}
	}
	for i, id := range p.Checklist {
		if !slices.Contains(handL7Checklist[:], id) || slices.Contains(p.Checklist[:i], id) {
			return fail("checklist[%d]: %q", i, id)
		}
	}
	for id, a := range p.Assessments {
		known := false
		for _, d := range handL7Assessments {
			known = known || d.id == id
		}
		if !known || a.Result != ladder.ResultPassed && a.Result != ladder.ResultFailed && a.Result != ladder.ResultPending {
			return fail("assessments.%s is invalid", id)
		}
	}
	for i, n := range p.Nominations {
		if n.By == "" {
			return fail("nominations[%d]: missing by", i)
		}
		if _, ok := handRank(n.Level); n.Level != "" && !ok {
			return fail("nominations[%d]: unknown level", i)
		}
		for _, r := range n.Roles {
			if r != "founder" {
				return fail("nominations[%d]: unknown role %q", i, r)
			}
		}
	}
	for i, w := range p.Waivers {
		if w.Check != "tenure" && w.Check != "track_tenure" || w.By == "" {
			return fail("waivers[%d] is invalid", i)
		}
	}
	for i, m := range p.Mentees {
		_, okLevel := handRank(m.Level)
		_, okFrom := handRank(m.FromLevel)
		switch {
		case m.ID == "" || !okLevel || m.FromLevel != "" && !okFrom || m.Since.IsZero():
			return fail("mentees[%d] is invalid", i)
		case !m.Until.IsZero() && m.Until.Before(m.Since):
			return fail("mentees[%d]: until before since", i)
		case !p.Joined.IsZero() && handDay(m.Since).Before(handDay(p.Joined)):
			return fail("mentees[%d]: mentoring starts before joined", i)
		case m.Placement != nil && !m.Placement.Date.IsZero() && !p.Joined.IsZero() && handDay(m.Placement.Date).Before(handDay(p.Joined)):
			return fail("mentees[%d]: placement before joined", i)
		}
		for _, o := range p.Mentees[:i] {
			if o.ID == m.ID {
				return fail("mentees[%d]: listed twice", i)
			}
		}
		if pl := m.Placement; pl != nil && (pl.Date.IsZero() || pl.MonthlyRate.Amount < 0 ||
			pl.MonthlyRate.Currency == "" || !pl.Until.IsZero() && pl.Until.Before(pl.Date)) {
			return fail("mentees[%d].placement is invalid", i)
		}
	}
	return in, nil
}

// handEvaluateL7 evaluates an L7 profile of the Worca track as of asOf (a
// civil date), as Default().Evaluate(p, At(asOf)) does.
func handEvaluateL7(p ladder.Person, asOf time.Time) (*ladder.Report, error) {
	in, err := handValidate(&p, asOf)
	if err != nil {
		return nil, err
	}
	r := &ladder.Report{Person: p.ID, Name: p.Name, Level: p.Level, Title: handL7Title, AsOf: asOf}

	// The mentees of the rules: those mentored on or before asOf. Only
	// mentees who were the person's to mentor count, by the level held when
	// mentoring began; where that is unknown, "2+ at L4+" is settled only
	// if it holds, or fails, whichever way the unknown ones go.
	type handListed struct {
		m        ladder.Mentee
		from     ladder.LevelID
		advanced bool
		st       handRangeState
	}
	var listed []handListed
	atL4, unknownAtL4, unknownN := 0, 0, 0
	for _, m := range p.Mentees {
		if handDay(m.Since).After(asOf) {
			continue
		}
		from := handFrom(m)
		rank, _ := handRank(m.Level)
		fromRank, _ := handRank(from)
		advanced := rank > fromRank
		if m.Advanced != nil {
			advanced = *m.Advanced
		}
		st, _ := handMenteeRange(&p, m)
		switch {
		case st >= handNoRecord:
			unknownN++
			if rank >= 4 {
				unknownAtL4++
			}
		case rank >= 4 && st <= handPrescribed:
			atL4++
		}
		listed = append(listed, handListed{m, from, advanced, st})
	}
	advKnown := unknownN == 0 || unknownN <= 8 && (atL4 >= handL7MinMenteesAtL4 || atL4+unknownAtL4 < handL7MinMenteesAtL4)
	var mentees strings.Builder
	for _, l := range listed {
		if mentees.Len() > 0 {
			mentees.WriteString(", ")
		}
		mentees.WriteString(l.m.ID + " (" + string(l.m.Level))
		if l.advanced {
			mentees.WriteString(", advanced")
		}
		switch {
		case l.st >= handNoRecord && !advKnown:
			mentees.WriteString(", range unknown")
		case l.st == handOut:
			mentees.WriteString(", started at " + string(l.from) + ", outside the range")
		}
		if !handMenteeActive(l.m, asOf) {
			mentees.WriteString(", past")
		}
		mentees.WriteString(")")
	}
	menteeList := mentees.String()
	if menteeList == "" {
		menteeList = "none"
	}
	advancement := handStandard("mentee-advancement", "Mentee advancement", "mentees", true,
		atL4 >= handL7MinMenteesAtL4, menteeList, "2+ mentees at L4+",
		handGap("mentees", ">=", float64(atL4), handL7MinMenteesAtL4))
	if unknownAtL4 > 0 || unknownN > 8 {
		for i := range advancement.Gaps {
			advancement.Gaps[i].Have, advancement.Gaps[i].Short = math.NaN(), 0
		}
	}
	if !advKnown {
		var why []string
		var ids []string
		var said []ladder.LevelID
		for _, l := range listed {
			if l.st < handNoRecord {
				continue
			}
			ids = append(ids, l.m.ID)
			_, began := handMenteeRange(&p, l.m)
			if l.st == handNoRecord {
				why = append(why, "the level held on "+handDate(handDay(l.m.Since))+", when mentoring "+l.m.ID+" began, is not recorded"+handLevelSettle(&p))
				advancement.Missing = handLevelMissing(&p)
				continue
			}
			if slices.Contains(said, began) {
				continue
			}
			said = append(said, began)
			var same []string
			for _, o := range listed {
				if _, b := handMenteeRange(&p, o.m); o.st == handUnpublished && b == began {
					same = append(same, o.m.ID)
				}
			}
			why = append(why, string(began)+", the level held when mentoring "+strings.Join(same, " and ")+" began, publishes no mentee range")
		}
		counts := " count: "
		if len(ids) == 1 {
			counts = " counts: "
		}
		advancement.Status = ladder.Unknown
		advancement.Detail = "mentees: " + menteeList + "; not known whether " + strings.Join(ids, ", ") + counts +
			strings.Join(why, ", and ") + "; wanted: 2+ mentees at L4+"
		if advancement.Gaps == nil {
			advancement.Gaps = []ladder.Gap{{Input: "mentees", Op: ">=", Have: math.NaN(), Want: handL7MinMenteesAtL4}}
		}
	}

	r.Standards = []ladder.Check{
		handStandard("roadmap-ownership", "Roadmap ownership", "products_owned", in.hasProducts,
			in.productsOwned >= 1, strconv.Itoa(in.productsOwned), "Full roadmap authority for 1+ product",
			handGap("products_owned", ">=", float64(in.productsOwned), 1)),
		handStandard("user-research-cadence", "User research cadence", "weeks_with_user_conversations", in.hasWeeks,
			in.weeksWithUsers >= 1.0, handPercent(in.weeksWithUsers), "Weekly user conversations",
			handGap("weeks_with_user_conversations", ">=", in.weeksWithUsers, 1)),
		handStandard("prioritization-accuracy", "Prioritization accuracy", "feature_hit_rate", in.hasHitRate,
			in.hitRate >= 0.70, handPercent(in.hitRate), "70%+ of shipped features hit their intended metrics within 2 quarters",
			handGap("feature_hit_rate", ">=", in.hitRate, 0.70)),
		handStandard("scope-management", "Scope management", "successful_scope_cuts", in.hasScopeCuts,
			in.scopeCuts >= 3, strconv.Itoa(in.scopeCuts), "3+ features or projects scoped down or cut, with a positive outcome",
			handGap("successful_scope_cuts", ">=", float64(in.scopeCuts), 3)),
		handStandard("stakeholder-alignment", "Stakeholder alignment", "major_misalignment_incidents", in.hasIncidents,
			in.incidents == 0, strconv.Itoa(in.incidents), "Zero major misalignment incidents (no team or founder caught off guard by the direction)",
			handGap("major_misalignment_incidents", "==", float64(in.incidents), 0)),
		advancement,
		handStandard("external-contribution", "External contribution", "external_contributions", in.hasContrib,
			in.contributions >= 1, strconv.Itoa(in.contributions), "1+ published piece or speaking engagement",
			handGap("external_contributions", ">=", float64(in.contributions), 1)),
	}

	r.Checklist = ladder.Progress{Done: len(p.Checklist), Total: len(handL7Checklist)}
	for _, id := range handL7Checklist {
		if !slices.Contains(p.Checklist, id) {
			r.Checklist.Missing = append(r.Checklist.Missing, id)
		}
	}

	if !p.LevelSince.IsZero() {
		// Curriculum: months 1-12 Product Strategy, 13-24 Execution at Scale,
		// 25-36 Strategic Authority.
		month := ladder.MonthsBetween(handDay(p.LevelSince), asOf) + 1
		cu := &ladder.CurriculumPlace{Month: month, Last: 36, Complete: month > 36}
		switch {
		case month <= 12:
			cu.Phase, cu.Months = "Product Strategy", "1-12"
		case month <= 24:
			cu.Phase, cu.Months = "Execution at Scale", "13-24"
		case month <= 36:
			cu.Phase, cu.Months = "Strategic Authority", "25-36"
		}
		r.Curriculum = cu
	}

	r.Promotion = handPromotion(&p, in, r.Standards, asOf)
	r.Mentorship = handMentorship(&p, asOf)
	if r.Referrals, r.Totals, r.Upcoming, err = handReferrals(&p, asOf); err != nil {
		return nil, err
	}
	return r, nil
}

// handStandard is the check of one standard that reads one input; gap is
// its gap when unmet.
func handStandard(id, name, input string, given, met bool, value, wanted string, gap ladder.Gap) ladder.Check {
	c := ladder.Check{ID: id, Name: name, Kind: ladder.KindStandard}
	if !given {
		c.Status = ladder.Unknown
		c.Missing = []string{input}
		c.Detail = "not provided: " + input + "; wanted: " + wanted
		gap.Have, gap.Short = math.NaN(), 0
		c.Gaps = []ladder.Gap{gap}
		return c
	}
	c.Status = ladder.Unmet
	if met {
		c.Status = ladder.Met
	} else {
		c.Gaps = []ladder.Gap{gap}
	}
	c.Detail = input + ": " + value + "; wanted: " + wanted
	c.Values = []ladder.Value{{Name: input, Value: value}}
	return c
}

// handGap is the gap of the threshold have op want (>= or ==).
func handGap(input, op string, have, want float64) ladder.Gap {
	short := max(0, want-have)
	if op == "==" {
		short = math.Abs(have - want)
	}
	short = math.Round(short*1e9) / 1e9 // as a decimal, as the library does
	return ladder.Gap{Input: input, Op: op, Have: have, Want: want, Short: short}
}

func handMenteeActive(m ladder.Mentee, date time.Time) bool {
	return !handDay(m.Since).After(date) && (m.Until.IsZero() || date.Before(handDay(m.Until)))
}

// handPromotion checks the promotion from L7 to L8.
func handPromotion(p *ladder.Person, in handL7Inputs, standards []ladder.Check, asOf time.Time) *ladder.Promotion {
	pr := &ladder.Promotion{To: "L8", Published: true, Unlocks: slices.Clone(handL8Unlocks)}
	checks := make([]ladder.Check, 0, 9)

	tenure, earliest := handTenure(p, ladder.KindTenure, "Months at level", " at L7", handL7MinMonths, p.LevelSince, "level_since", asOf)
	checks = append(checks, tenure)
	pr.Earliest = earliest
	track, earliest := handTenure(p, ladder.KindTrackTenure, "Months in the track", " in the track", handL7MinInTrack, p.Joined, "joined", asOf)
	checks = append(checks, track)
	if earliest.After(pr.Earliest) {
		pr.Earliest = earliest
	}

	for _, a := range handL7Assessments {
		c := ladder.Check{ID: a.id, Name: a.name, Kind: ladder.KindAssessment, Status: ladder.Unmet}
		res, ok := p.Assessments[a.id]
		switch {
		case !ok:
			c.Detail = "no result recorded"
		case handDay0(res.Date).After(asOf):
			c.Detail = "no result as of " + handDate(asOf) + " (the " + string(res.Result) + " result is dated " + handDate(res.Date) + ")"
		default:
			c.Values = []ladder.Value{{Name: "result", Value: string(res.Result)}}
			c.Detail = string(res.Result)
			if !res.Date.IsZero() {
				c.Detail += " on " + handDate(res.Date)
			}
			if res.Result == ladder.ResultPassed {
				c.Status = ladder.Met
			}
		}
		checks = append(checks, c)
	}

	req := ladder.Check{ID: "works-across-surfaces", Name: "Works across product surfaces", Kind: ladder.KindRequirement}
	const wanted = "; wanted: Works across product surfaces (works_across_surfaces)"
	if !in.hasAcross {
		req.Status, req.Missing = ladder.Unknown, []string{"works_across_surfaces"}
		req.Detail = "not provided: works_across_surfaces" + wanted
		req.Gaps = []ladder.Gap{{Input: "works_across_surfaces", Op: "==", Have: math.NaN(), Want: 1}}
	} else {
		req.Status = ladder.Unmet
		if in.acrossSurfaces {
			req.Status = ladder.Met
		} else {
			req.Gaps = []ladder.Gap{{Input: "works_across_surfaces", Op: "==", Have: 0, Want: 1, Short: 1}}
		}
		req.Detail = "works_across_surfaces: " + handYesNo(in.acrossSurfaces) + wanted
		req.Values = []ladder.Value{{Name: "works_across_surfaces", Value: handYesNo(in.acrossSurfaces)}}
	}
	checks = append(checks, req)

	// The ranking standard as one check.
	sc := ladder.Check{ID: "standards", Name: "Ranking standard of L7", Kind: ladder.KindStandards}
	met := 0
	var unmet, unknown []string
	for _, s := range standards {
		switch s.Status {
		case ladder.Met:
			met++
		case ladder.Unmet:
			unmet = append(unmet, s.ID)
		case ladder.Unknown:
			unknown = append(unknown, s.ID)
			for _, m := range s.Missing {
				if !slices.Contains(sc.Missing, m) {
					sc.Missing = append(sc.Missing, m)
				}
			}
		}
	}
	sc.Detail = strconv.Itoa(met) + " of " + strconv.Itoa(len(standards)) + " standards met"
	if len(unmet) > 0 {
		sc.Detail += "; unmet: " + strings.Join(unmet, ", ")
	}
	if len(unknown) > 0 {
		sc.Detail += "; unknown: " + strings.Join(unknown, ", ")
	}
	switch {
	case len(unmet) > 0:
		sc.Status = ladder.Unmet
	case len(unknown) > 0:
		sc.Status = ladder.Unknown
	default:
		sc.Status = ladder.Met
	}
	checks = append(checks, sc)

	pr.Checks = checks
	pr.Verdict = ladder.Eligible
	for _, c := range checks {
		if c.Status == ladder.Unmet {
			pr.Verdict = ladder.NotEligible
			break
		}
		if c.Status == ladder.Unknown {
			pr.Verdict = ladder.Undetermined
		}
	}
	return pr
}

// handTenure checks min whole months since the date since. Fast-tracking is
// forbidden from L7, so a waiver never counts. It returns the date tenure
// allows promotion, zero when unknown.
func handTenure(p *ladder.Person, kind ladder.CheckKind, name, where string, min int, since time.Time, field string, asOf time.Time) (ladder.Check, time.Time) {
	c := ladder.Check{ID: string(kind), Name: name, Kind: kind}
	if since.IsZero() {
		c.Status, c.Missing = ladder.Unknown, []string{field}
		c.Detail = field + " not given; " + handCount(min, "month", "months") + where + " required"
		c.Gaps = []ladder.Gap{{Input: handTenureInput(kind), Op: ">=", Have: math.NaN(), Want: float64(min)}}
		return c, time.Time{}
	}
	since = handDay(since)
	months := ladder.MonthsBetween(since, asOf)
	earliest := ladder.AddMonths(since, min)
	c.Values = []ladder.Value{{Name: field, Value: handDate(since)}}
	if months >= min {
		c.Status = ladder.Met
		c.Detail = handCount(months, "month", "months") + where + " since " + handDate(since) + " (" + strconv.Itoa(min) + " required)"
		return c, earliest
	}
	c.Status = ladder.Unmet
	c.Gaps = []ladder.Gap{{Input: handTenureInput(kind), Op: ">=", Have: float64(months), Want: float64(min),
		Short: float64(min - months), Clears: earliest}}
	c.Detail = strconv.Itoa(months) + " of " + handCount(min, "month", "months") + where + "; tenure allows promotion from " + handDate(earliest)
	for _, w := range p.Waivers {
		if w.Check == kind && !handDay0(w.Date).After(asOf) {
			c.Detail += "; the waiver by " + w.By + " does not count: fast-tracking is not allowed for this step"
			break
		}
	}
	return c, earliest
}

func handTenureInput(kind ladder.CheckKind) string {
	if kind == ladder.KindTrackTenure {
		return "months_in_track"
	}
	return "months_at_level"
}

// handMentorship counts active mentees against the 4 L7 slots, with the
// issues and notes of their range by the level held when mentoring began,
// of mentees at or above L7, and of a mentor not recorded.
func handMentorship(p *ladder.Person, asOf time.Time) ladder.Mentorship {
	m := ladder.Mentorship{Published: true, Slots: handL7Slots}
	var prescribed []string
	for _, me := range p.Mentees {
		if !handMenteeActive(me, asOf) {
			continue
		}
		m.Active++
		from := handFrom(me)
		st, began := handMenteeRange(p, me)
		switch st {
		case handOut:
			_, _, lo, hi, ranged := handReferralTerms(mustRank(began))
			switch {
			case began == "L7":
				m.Issues = append(m.Issues, "mentee "+me.ID+" started at "+string(from)+", outside the L7 mentee range "+handL7MenteeRange)
			case !ranged:
				m.Issues = append(m.Issues, "mentee "+me.ID+" started at "+string(from)+" while the mentor was "+string(began)+", which has no mentee slots")
			default:
				m.Issues = append(m.Issues, "mentee "+me.ID+" started at "+string(from)+", outside the "+string(began)+" mentee range L"+
					strconv.Itoa(lo)+"–L"+strconv.Itoa(hi)+" (the mentor's level when mentoring began)")
			}
		case handPrescribed:
			prescribed = append(prescribed, me.ID)
			m.Notes = append(m.Notes, "mentee "+me.ID+" started at "+string(from)+", "+handOutsideRange(began)+", but "+handMentoredBy(from)+
				", so the mentoring is in order; whether it takes a slot or earns a referral cut is not published")
		case handUnpublished:
			m.Notes = append(m.Notes, "not known whether mentee "+me.ID+" was in range: "+string(began)+", the level held when mentoring "+me.ID+" began, publishes no mentee range")
		case handNoRecord:
			m.Notes = append(m.Notes, "not known whether mentee "+me.ID+" was in range: the level held on "+handDate(handDay(me.Since))+", when mentoring "+me.ID+" began, is not recorded"+handLevelSettle(p))
		}
		switch rank, _ := handRank(me.Level); {
		case rank == 7:
			m.Notes = append(m.Notes, "mentee "+me.ID+" is now L7, the mentor's own level")
		case rank > 7:
			m.Notes = append(m.Notes, "mentee "+me.ID+" is now "+string(me.Level)+", above the mentor's level L7")
		}
	}
	m.Prescribed = len(prescribed)
	if slotted := m.Active - m.Prescribed; slotted > handL7Slots {
		m.Issues = append([]string{handCount(slotted, "active mentee", "active mentees") + " for " +
			handCount(handL7Slots, "slot", "slots") + " at L7: " + strconv.Itoa(slotted-handL7Slots) + " over"}, m.Issues...)
	} else if m.Active > handL7Slots {
		m.Notes = append(m.Notes, "with "+strings.Join(prescribed, ", ")+", "+handCount(m.Active, "mentee is active", "mentees are active")+
			" for "+handCount(handL7Slots, "slot", "slots")+" at L7: whether such mentoring takes a slot is not published")
	}
	if p.Mentor == nil {
		m.Notes = append(m.Notes, "no mentor recorded: an L7 is mentored by L9 or above, or the role founder")
	}
	return m
}

// handFrom is the level mentoring m started at.
func handFrom(m ladder.Mentee) ladder.LevelID {
	if m.FromLevel != "" {
		return m.FromLevel
	}
	return m.Level
}

// The range states of a mentee, as the engine's.
type handRangeState int

const (
	handIn handRangeState = iota
	handPrescribed
	handOut
	handNoRecord
	handUnpublished
)

// handMenteeRange says whether m was the person's to mentor, by the level
// held when mentoring began (returned; "" when not recorded).
func handMenteeRange(p *ladder.Person, m ladder.Mentee) (handRangeState, ladder.LevelID) {
	began := handLevelOn(p, handDay(m.Since))
	if began == "" {
		return handNoRecord, ""
	}
	fr, br := mustRank(handFrom(m)), mustRank(began)
	_, _, lo, hi, ranged := handReferralTerms(br)
	switch {
	case ranged && fr >= lo && fr <= hi:
		return handIn, began
	case handPrescribes(p, fr, br):
		return handPrescribed, began
	case ranged || br <= 3:
		return handOut, began
	}
	return handUnpublished, began
}

// handPrescribes reports whether the level of rank from names the level of
// rank mentor (or a role of the person) as its mentor.
func handPrescribes(p *ladder.Person, from, mentor int) bool {
	has := func(role string) bool { return slices.Contains(p.Roles, role) }
	switch from {
	case 4:
		return mentor >= 5 || has("worca-leadership")
	case 7:
		return mentor >= 9 || has("founder")
	case 8:
		return mentor >= 10 || has("founder")
	case 9:
		return has("founder")
	}
	return false
}

func handOutsideRange(began ladder.LevelID) string {
	br := mustRank(began)
	if _, _, lo, hi, ok := handReferralTerms(br); ok {
		return "outside the " + string(began) + " mentee range L" + strconv.Itoa(lo) + "–L" + strconv.Itoa(hi)
	}
	if br <= 3 {
		return "and " + string(began) + " has no mentee slots"
	}
	return "and " + string(began) + " publishes no mentee range"
}

func handMentoredBy(from ladder.LevelID) string {
	switch from {
	case "L4":
		return "an L4 is mentored by L5 or above, or the role worca-leadership"
	case "L7":
		return "an L7 is mentored by L9 or above, or the role founder"
	case "L8":
		return "an L8 is mentored by L10 or above, or the role founder"
	}
	return "an L9 is mentored by the role founder"
}

// handLevelSettle and handLevelMissing say what would record the person's
// level on a date before their current level.
func handLevelSettle(p *ladder.Person) string {
	if p.LevelSince.IsZero() {
		return " (level_since is not given, and no history entry covers it): give level_since, or the history of levels"
	}
	return " (before level_since " + handDate(handDay(p.LevelSince)) + ", and no history entry covers it): add the history of levels"
}

func handLevelMissing(p *ladder.Person) []string {
	if p.LevelSince.IsZero() {
		return []string{"level_since", "history"}
	}
	return []string{"history"}
}

// handLevelOn is the person's level on date: the current level from
// level_since on; before, the latest history entry on or before it, which
// the last one covers only up to level_since; "" when not recorded.
func handLevelOn(p *ladder.Person, date time.Time) ladder.LevelID {
	if !p.LevelSince.IsZero() && !date.Before(handDay(p.LevelSince)) {
		return p.Level
	}
	var level ladder.LevelID
	for i, h := range p.History {
		if handDay(h.Since).After(date) {
			break
		}
		level = h.Level
		if i == len(p.History)-1 && p.LevelSince.IsZero() && h.Level != p.Level {
			level = ""
		}
	}
	return level
}

func mustRank(id ladder.LevelID) int {
	r, _ := handRank(id)
	return r
}

// handReferrals computes the referral cut on each placed mentee under the
// terms of the level the person held on the placement date, and the totals
// per currency over the eligible ones.
func handReferrals(p *ladder.Person, asOf time.Time) (refs []ladder.Referral, earned, remaining []ladder.Money, err error) {
	for _, me := range p.Mentees {
		pl := me.Placement
		if pl == nil {
			continue
		}
		cur := pl.MonthlyRate.Currency
		start := handDay(pl.Date)
		r := ladder.Referral{Mentee: me.ID, Start: start, Monthly: ladder.Money{Currency: cur},
			Earned: ladder.Money{Currency: cur}, Remaining: ladder.Money{Currency: cur}, PlacementEnd: handDay0(pl.Until)}

		r.Level = handLevelOn(p, start)
		if r.Level == "" {
			r.Status, r.Missing = ladder.ReferralUnknown, handLevelMissing(p)
			r.Reason = "the mentor's level on the placement date " + handDate(start) + " is not recorded, so neither are the terms" + handLevelSettle(p)
			refs = append(refs, r)
			continue
		}
		pct, months, _, _, ok := handReferralTerms(mustRank(r.Level))
		if !ok {
			r.Status, r.Reason = ladder.ReferralUnpublished, string(r.Level)+" publishes no referral terms"
			refs = append(refs, r)
			continue
		}
		r.Percent, r.Months = pct, months
		r.End = ladder.AddMonths(start, months)
		from := handFrom(me)
		st, began := handMenteeRange(p, me)
		switch st {
		case handNoRecord:
			r.Status, r.Missing = ladder.ReferralUnknown, handLevelMissing(p)
			r.Reason = "whether " + me.ID + " was the mentor's to mentor is not known: the mentor's level on " + handDate(handDay(me.Since)) +
				", when mentoring began, is not recorded" + handLevelSettle(p)
		case handUnpublished:
			r.Status = ladder.ReferralUnpublished
			r.Reason = "whether " + me.ID + " was the mentor's to mentor is not published: " + string(began) + ", the mentor's level when mentoring began, publishes no mentee range"
		case handPrescribed:
			r.Status = ladder.ReferralUnpublished
			r.Reason = "mentee started at " + string(from) + ", " + handOutsideRange(began) + ", but " + handMentoredBy(from) +
				", so the mentoring is in order; no referral terms are published for it"
		case handOut:
			r.Status = ladder.ReferralIneligible
			if _, _, lo, hi, ranged := handReferralTerms(mustRank(began)); ranged {
				r.Reason = "mentee started at " + string(from) + ", outside the " + string(began) + " mentee range L" +
					strconv.Itoa(lo) + "–L" + strconv.Itoa(hi) + " when mentoring began"
			} else {
				r.Reason = "mentee started at " + string(from) + " while the mentor was " + string(began) + ", which has no mentee slots"
			}
		}
		if st != handIn {
			refs = append(refs, r)
			continue
		}
		monthly, err := pl.MonthlyRate.Cut(pct)
		if err != nil {
			r.Status, r.Reason = ladder.ReferralIneligible, "the monthly cut cannot be computed: "+err.Error()
			refs = append(refs, r)
			continue
		}
		r.Monthly = monthly
		runs := months
		if !r.PlacementEnd.IsZero() {
			runs = max(0, min(months, ladder.MonthsBetween(start, r.PlacementEnd)))
		}
		r.MonthsEarned = max(0, min(runs, ladder.MonthsBetween(start, asOf)))
		due := runs - r.MonthsEarned
		if monthly.Amount > math.MaxInt64/int64(max(r.MonthsEarned, due, 1)) {
			return nil, nil, nil, errors.New("referral amounts are too large")
		}
		r.Earned = ladder.Money{Amount: monthly.Amount * int64(r.MonthsEarned), Currency: cur}
		r.Remaining = ladder.Money{Amount: monthly.Amount * int64(due), Currency: cur}
		switch {
		case asOf.Before(start):
			r.Status = ladder.ReferralUpcoming
		case r.MonthsEarned == months:
			r.Status = ladder.ReferralComplete
		case !r.PlacementEnd.IsZero() && !asOf.Before(r.PlacementEnd):
			r.Status = ladder.ReferralEnded
			r.Reason = "the placement ended on " + handDate(r.PlacementEnd) + ", " + strconv.Itoa(r.MonthsEarned) +
				" of " + strconv.Itoa(months) + " months in"
		default:
			r.Status = ladder.ReferralActive
		}
		if earned, err = handAddMoney(earned, r.Earned); err == nil {
			remaining, err = handAddMoney(remaining, r.Remaining)
		}
		if err != nil {
			return nil, nil, nil, err
		}
		refs = append(refs, r)
	}
	return refs, earned, remaining, nil
}

// handAddMoney adds m to the total of its currency, keeping totals sorted by
// currency.
func handAddMoney(totals []ladder.Money, m ladder.Money) ([]ladder.Money, error) {
	for i, t := range totals {
		switch {
		case t.Currency == m.Currency:
			s, err := t.Add(m)
			totals[i] = s
			return totals, err
		case t.Currency > m.Currency:
			return slices.Insert(totals, i, m), nil
		}
	}
	return append(totals, m), nil
}

// TestHandWrittenMatches proves the hand-written evaluation builds the same
// report as Evaluate, field for field, on the benchmark profile and on
// variants that take its other paths: unknown inputs, unmet tenure with
// waivers that do not count, late and failed assessments, an eligible
// verdict, mentees outside the range, over the slots and not yet mentored,
// placements that ended, ineligible and upcoming referrals, two currencies.
func TestHandWrittenMatches(t *testing.T) {
	d := func(y int, m time.Month, dd int) time.Time { return time.Date(y, m, dd, 0, 0, 0, 0, time.UTC) }
	money := func(amount, currency string) ladder.Money {
		m, err := ladder.ParseMoney(amount, currency)
		require.NoError(t, err)
		return m
	}
	variants := []struct {
		name   string
		change func(p *ladder.Person)
	}{
		{"benchmark profile", func(p *ladder.Person) {}},
		{"missing inputs", func(p *ladder.Person) {
			p.Metrics = map[string]any{"feature_hit_rate": "68.5%", "products_owned": 0, "works_across_surfaces": nil}
			p.LevelSince, p.Joined, p.History = time.Time{}, time.Time{}, nil
			p.Checklist, p.Mentees = nil, nil
		}},
		{"tenure unmet, waived in vain", func(p *ladder.Person) {
			p.LevelSince, p.Joined = d(2024, 1, 31), d(2017, 2, 28)
			p.Waivers = append(p.Waivers, ladder.Waiver{Check: "track_tenure", By: "lee"},
				ladder.Waiver{Check: "tenure", By: "kai", Date: d(2027, 1, 1)})
			p.Metrics["works_across_surfaces"] = false
			p.Metrics["major_misalignment_incidents"] = 1
			p.Metrics["weeks_with_user_conversations"] = 0.9
		}},
		{"assessments", func(p *ladder.Person) {
			p.Assessments = map[string]ladder.AssessmentResult{
				"product-strategy-presentation": {Result: "passed"},
				"roadmap-defense":               {Result: "failed", Date: d(2026, 10, 1)},
				"user-research-methodology":     {Result: "passed", Date: d(2027, 1, 1)},
				"multi-product-scenario":        {Result: "passed", Date: d(2026, 11, 20)},
				"mentee-outcomes":               {Result: "passed", Date: d(2026, 2, 1)},
			}
			p.Checklist = slices.Clone(handL7Checklist[:])
		}},
		{"eligible", func(p *ladder.Person) {
			p.Assessments = map[string]ladder.AssessmentResult{}
			for _, a := range handL7Assessments {
				p.Assessments[a.id] = ladder.AssessmentResult{Result: "passed", Date: d(2026, 9, 1)}
			}
		}},
		{"mentees and referrals", func(p *ladder.Person) {
			placed := func(date time.Time, amount, currency string, until time.Time) *ladder.Placement {
				return &ladder.Placement{Date: date, MonthlyRate: money(amount, currency), Until: until}
			}
			p.Mentees = append(p.Mentees,
				ladder.Mentee{ID: "ada", Level: "L6", FromLevel: "L6", Since: d(2025, 1, 1)},
				ladder.Mentee{ID: "bo", Level: "L3", Since: d(2026, 5, 1), Placement: placed(d(2026, 6, 30), "5000.00", "EUR", d(2026, 9, 15))},
				ladder.Mentee{ID: "cy", Level: "L2", Since: d(2027, 1, 1), Placement: placed(d(2027, 2, 1), "100.00", "USD", time.Time{})},
				ladder.Mentee{ID: "di", Level: "L4", Since: d(2018, 1, 1), Until: d(2019, 1, 1), Placement: placed(d(2019, 6, 1), "7000.00", "USD", time.Time{})},
				ladder.Mentee{ID: "ed", Level: "L5", FromLevel: "L4", Since: d(2017, 6, 1), Until: d(2018, 1, 1), Placement: placed(d(2017, 8, 1), "8000.00", "USD", time.Time{})},
				ladder.Mentee{ID: "fa", Level: "L1", Since: d(2026, 8, 1), Placement: placed(d(2026, 9, 1), "0.01", "USD", time.Time{})},
			)
		}},
		// Issue 23: ranges the profile or the pages leave open.
		{"mentees of unknown range", func(p *ladder.Person) {
			placed := func(date time.Time, amount, currency string) *ladder.Placement {
				return &ladder.Placement{Date: date, MonthlyRate: money(amount, currency)}
			}
			p.Mentees = []ladder.Mentee{
				{ID: "gus", Level: "L5", FromLevel: "L3", Since: d(2015, 6, 1), Placement: placed(d(2015, 7, 1), "5000.00", "USD")},
				{ID: "hal", Level: "L4", FromLevel: "L2", Since: d(2020, 2, 3), Placement: placed(d(2023, 1, 2), "6000.00", "EUR")},
				{ID: "ivy", Level: "L7", FromLevel: "L3", Since: d(2019, 6, 3)},
				{ID: "jo", Level: "L4", FromLevel: "L2", Since: d(2023, 1, 2)},
			}
		}},
		{"no level_since: nothing before is recorded", func(p *ladder.Person) {
			p.LevelSince = time.Time{}
			p.Mentor = &ladder.Mentor{ID: "ana", Roles: []string{"founder"}}
		}},
	}
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			p := mustParse(t, benchL7)
			v.change(&p)
			want, err := ladder.Default().Evaluate(p, ladder.At(benchAsOf))
			require.NoError(t, err)
			got, err := handEvaluateL7(p, benchAsOf)
			require.NoError(t, err)
			require.Equal(t, reporttest.Comparable(want), reporttest.Comparable(got))
		})
	}
	t.Run("invalid", func(t *testing.T) {
		p := mustParse(t, benchL7)
		p.Metrics["no_such_metric"] = 1
		_, err := handEvaluateL7(p, benchAsOf)
		require.Error(t, err)
		_, err = ladder.Default().Evaluate(p, ladder.At(benchAsOf))
		require.Error(t, err)
	})
}

// BenchmarkEvaluateHandWritten is the floor of BenchmarkEvaluate/L7: the
// same profile, the same report, no rules engine.
func BenchmarkEvaluateHandWritten(b *testing.B) {
	p := mustParse(b, benchL7)
	if _, err := handEvaluateL7(p, benchAsOf); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := handEvaluateL7(p, benchAsOf); err != nil {
			b.Fatal(err)
		}
	}
}

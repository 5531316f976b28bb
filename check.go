package ladder

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ladderkit/ladder/internal/suggest"
)

// This file checks a ladder read from its files and builds the Ladder:
// known levels, metrics and roles, one promotion path through the ranks,
// rules that compile against the metrics.

// reservedCheckIDs are the ids of the promotion checks the engine makes
// itself; a standard, assessment or requirement may not take them.
var reservedCheckIDs = []string{"tenure", "track_tenure", "nomination", "standards"}

// build checks the decoded definition as a whole, resolves its references
// and compiles its rules.
func (ld *loader) build(raw *rawLadder) *Ladder {
	main, lf, defs, srcs := raw.main, raw.lf, raw.levels, raw.srcs
	l := &Ladder{
		info: Info{ID: lf.ID, Name: lf.Name, Publisher: lf.Publisher, Edition: lf.Edition,
			Sources: lf.Sources, Roles: lf.Roles},
		metricIdx: map[string]int{},
		byID:      map[LevelID]*level{},
		roles:     map[string]bool{},
	}
	if lf.ID == "" {
		ld.missingKey(main, "", "id")
	}
	if ld.overLimits(main, lf, defs) {
		return l
	}
	firstRole := map[string]int{}
	for i, r := range lf.Roles {
		p := indexPath("roles", i)
		switch {
		case r == "":
			ld.at(raw.roles, p, nil, "role must not be empty")
		case l.roles[r]:
			ld.at(raw.roles, p, nil, "duplicate role %q (first at %s)", r, ld.firstAt(raw.roles, raw.roles, indexPath("roles", firstRole[r])))
		default:
			firstRole[r] = i
		}
		l.roles[r] = true
	}
	ld.checkMetrics(l, lf.Metrics, raw.metricSrcs)
	env := compileEnv(l.metrics)

	if len(defs) == 0 {
		ld.at(main, "", nil, "the ladder has no levels: add level files beside ladder.yaml or a levels: list")
	}
	byRank := map[int]*level{}
	ld.srcOf = map[*level]levelSource{}
	for i := range defs {
		lv := &level{def: defs[i]}
		s := srcs[i]
		ld.srcOf[lv] = s
		id, rank := lv.def.ID, lv.def.Rank
		switch {
		case id == "":
			ld.missingKey(s.file, s.path(""), "id")
			ld.partial = true
		case l.byID[id] != nil:
			f, _ := s.where("id")
			ff, fp := ld.srcOf[l.byID[id]].where("id")
			ld.atLevel(s, "id", nil, "duplicate level id %q (first at %s)", id, ld.firstAt(f, ff, fp))
			ld.partial = true
		default:
			l.byID[id] = lv
		}
		rf, rp := s.where("rank")
		switch _, given := rf.dec.nodes[rp]; {
		case !given || ld.reported(rf, rp):
			ld.missingKey(rf, s.locOf("rank").path(""), "rank")
		case rank < 1:
			ld.at(rf, rp, nil, "rank must be 1 or more, got %d", rank)
		case byRank[rank] != nil:
			// Reported at the rank written last: an overlay's, when an
			// overlay gave one of the two.
			other := byRank[rank]
			at, name, first := s, other.def.ID, ld.srcOf[other]
			if of, _ := ld.srcOf[other].where("rank"); of.layer > rf.layer {
				at, name, first = ld.srcOf[other], id, s
			}
			af, _ := at.where("rank")
			ff, fp := first.where("rank")
			ld.atLevel(at, "rank", nil, "duplicate rank %d: level %s has it too, at %s", rank, name, ld.firstAt(af, ff, fp))
		default:
			byRank[rank] = lv
			l.levels = append(l.levels, lv)
		}
	}
	slices.SortFunc(l.levels, func(a, b *level) int { return a.def.Rank - b.def.Rank })
	ld.rankIdx = make(map[*level]int, len(l.levels))
	for i, lv := range l.levels {
		ld.rankIdx[lv] = i
	}
	if len(l.levels) < len(defs) {
		ld.partial = true // a level without a valid rank may belong in a gap
	}
	for i := 1; i < len(l.levels) && !ld.partial; i++ {
		if prev, cur := l.levels[i-1], l.levels[i]; cur.def.Rank != prev.def.Rank+1 {
			ld.rankGap(prev, cur)
		}
	}
	for i := range defs {
		lv := l.byID[defs[i].ID]
		if lv == nil || lv.def.Rank != defs[i].Rank {
			continue
		}
		ld.checkLevel(l, lv, srcs[i], env)
	}
	for _, lv := range l.levels {
		if lv.panelMin == 0 {
			continue
		}
		for _, to := range l.levels {
			if r := to.def.Rank; r >= lv.panelMin && r <= lv.panelMax {
				to.paneled = true
			}
		}
	}
	l.byFold = foldLevels(l.byID)
	return l
}

// overLimits reports a ladder too large to check and compile quickly; the
// limits are far above any real ladder (see limits.go).
func (ld *loader) overLimits(main *sourceFile, lf ladderFile, defs []Level) bool {
	rules := 0
	for _, d := range defs {
		rules += len(d.Standards)
		if d.Promotion != nil {
			rules += len(d.Promotion.Requirements)
		}
	}
	over := false
	for _, c := range []struct {
		what     string
		n, limit int
	}{{"levels", len(defs), maxLevels}, {"metrics", len(lf.Metrics), maxMetrics}, {"rules", rules, maxRules}} {
		if c.n > c.limit {
			ld.at(main, "", nil, "the ladder has %d %s, over the limit of %d", c.n, c.what, c.limit)
			over = true
		}
	}
	return over
}

// checkMetrics declares the valid metrics in l, and notes in ld.untyped the
// metrics declared without a valid type. srcs locates each metric.
func (ld *loader) checkMetrics(l *Ladder, metrics []Metric, srcs []loc) {
	ld.untyped = map[string]any{}
	ld.metricAt = map[string]loc{}
	ld.metricType = map[string]MetricType{}
	for i, m := range metrics {
		s := srcs[i]
		f, p := s.file, s.prefix
		switch {
		case m.ID == "":
			ld.missingKey(f, p, "id")
			continue
		case !snakeCase.MatchString(m.ID):
			ld.at(f, p+".id", nil, "metric id %q must be snake_case (lower-case letters, digits and single underscores)", m.ID)
			continue
		case slices.Contains(builtinNames, m.ID):
			ld.at(f, p+".id", nil, "metric id %q shadows the built-in of that name", m.ID)
			continue
		case reservedNames[m.ID]:
			ld.at(f, p+".id", nil, "metric id %q is a reserved word of the rule language", m.ID)
			continue
		}
		if _, dup := l.metricIdx[m.ID]; dup {
			first := ld.metricAt[m.ID]
			ld.at(f, p+".id", nil, "duplicate metric id %q (first declared as %s, at %s)", m.ID, first.prefix, ld.firstAt(f, first.file, first.prefix+".id"))
			continue
		}
		if m.Type == "" {
			ld.missingKey(f, p, "type")
			ld.untyped[m.ID] = nil
			continue
		}
		if !slices.Contains(metricTypes, string(m.Type)) {
			ld.at(f, p+".type", nil, "unknown metric type %q: want one of %s%s",
				m.Type, strings.Join(metricTypes, ", "), suggest.DidYouMean(string(m.Type), metricTypes))
			ld.untyped[m.ID] = nil
			continue
		}
		l.metricIdx[m.ID] = len(l.metrics)
		l.metrics = append(l.metrics, m)
		ld.metricAt[m.ID] = s
		ld.metricType[m.ID] = m.Type
	}
}

// levelRef resolves a level id used at path p of a level, reporting unknown
// ids.
func (ld *loader) levelRef(l *Ladder, s levelSource, p string, id LevelID) *level {
	if lv := l.byID[id]; lv != nil || ld.partial {
		return lv
	}
	f, fp := s.where(p)
	if r, ok := ld.removedLevels[id]; ok {
		if r.file.layer > f.layer {
			line, col := f.dec.pos(fp)
			ld.blame(r, f, fp, line, col, ErrUnknownLevel, fmt.Sprintf("unknown level %q", id))
		} else {
			ld.at(f, fp, ErrUnknownLevel, "unknown level %q: %s", id, removedBy(r, f))
		}
		return nil
	}
	ids := make([]string, 0, len(l.byID))
	for k := range l.byID {
		ids = append(ids, string(k))
	}
	ld.at(f, fp, ErrUnknownLevel, "unknown level %q%s", id, levelHint(l, id, ids))
	return nil
}

// levelHint helps with an unknown level id: the id it most likely is, the
// level titled so, or the ids there are.
func levelHint(l *Ladder, id LevelID, ids []string) string {
	if h := suggest.DidYouMean(string(id), ids); h != "" {
		return h
	}
	for _, lv := range l.levels {
		if lv.def.Title != "" && strings.EqualFold(lv.def.Title, string(id)) {
			return fmt.Sprintf(" (did you mean %s? %s is its title; levels are named by id)", lv.def.ID, lv.def.Title)
		}
	}
	if len(l.levels) == 0 {
		return ""
	}
	if n := len(l.levels); n > 12 {
		return fmt.Sprintf(": the levels run from %s to %s", l.levels[0].def.ID, l.levels[n-1].def.ID)
	}
	names := make([]string, len(l.levels))
	for i, lv := range l.levels {
		names[i] = string(lv.def.ID)
	}
	return ": the levels are " + strings.Join(names, ", ")
}

// required reports a missing required key of the mapping at p.
func (ld *loader) required(s levelSource, p, key, val string) bool {
	if val != "" {
		return true
	}
	f, fp := s.where(p)
	ld.missingKey(f, fp, key)
	return false
}

func (ld *loader) checkLevel(l *Ladder, lv *level, s levelSource, env map[string]any) {
	d := &lv.def
	lv.checklist = map[string]bool{}
	firstItem := map[string]string{}
	for i, c := range d.Checklist {
		p := indexPath("checklist", i)
		if !ld.required(s, p, "id", c.ID) || !ld.required(s, p, "text", c.Text) {
			continue
		}
		if lv.checklist[c.ID] {
			ld.atLevel(s, p+".id", nil, "duplicate checklist item id %q (first at %s)", c.ID, ld.firstAtLevel(s, p+".id", firstItem[c.ID]+".id"))
		} else {
			firstItem[c.ID] = p
		}
		lv.checklist[c.ID] = true
	}
	// Standards, assessments and requirements share one namespace of check ids.
	ids := map[string]string{}
	checkID := func(p, kind, id string) {
		switch {
		case slices.Contains(reservedCheckIDs, id):
			ld.atLevel(s, p+".id", nil, "%s id %q is reserved for the engine's own %s check", kind, id, id)
		case ids[id] != "":
			ld.atLevel(s, p+".id", nil, "duplicate id %q: %s has it too, at %s", id, ids[id], ld.firstAtLevel(s, p+".id", ids[id]+".id"))
		default:
			ids[id] = p
		}
	}
	lv.standards = make([]*rule, len(d.Standards))
	for i, st := range d.Standards {
		p := indexPath("standards", i)
		if !ld.required(s, p, "id", st.ID) || !ld.required(s, p, "name", st.Name) || !ld.required(s, p, "rule", st.Rule) {
			continue
		}
		checkID(p, "standard", st.ID)
		lv.standards[i] = ld.compile(s, p+".rule", st.Rule, env)
	}

	if pr := d.Promotion; pr != nil {
		ld.checkPromotion(l, lv, s, env, checkID)
	} else if ld.ranked(lv) && lv != l.levels[len(l.levels)-1] {
		ld.noPromotion(l, lv, s)
	}
	ld.checkCurriculum(lv, s)
	if d.Panel != nil {
		ld.checkPanel(l, lv, s)
	}
	if m := d.Mentorship; m != nil {
		if m.Slots != nil && *m.Slots < 0 {
			ld.atLevel(s, "mentorship.slots", nil, "slots must not be negative, got %d", *m.Slots)
		}
		if r := m.MenteeLevels; r != nil {
			p := "mentorship.mentee_levels"
			if ld.required(s, p, "min", string(r.Min)) && ld.required(s, p, "max", string(r.Max)) {
				lo, hi := ld.levelRef(l, s, p+".min", r.Min), ld.levelRef(l, s, p+".max", r.Max)
				if lo != nil && hi != nil && ld.ranked(lo) && ld.ranked(hi) {
					if lo.def.Rank > hi.def.Rank {
						ld.atLevel(s, p, nil, "mentee level range runs backwards: %s ranks above %s", r.Min, r.Max)
					}
					lv.menteeMin, lv.menteeMax = lo.def.Rank, hi.def.Rank
				}
			}
		}
		if mr := m.Mentor; mr != nil {
			ld.checkMentorRule(l, lv, s, mr)
		}
		if r := m.Referral; r != nil {
			if f, fp := s.where("mentorship.referral.percent"); !hasNode(f, fp) {
				ld.required(s, "mentorship.referral", "percent", "")
			}
			if r.Months < 1 {
				ld.atLevel(s, "mentorship.referral.months", nil, "referral months must be 1 or more, got %d", r.Months)
			} else if r.Months >= maxMonths {
				ld.atLevel(s, "mentorship.referral.months", nil, "referral months must be under %d (100 years), got %d", maxMonths, r.Months)
			}
		}
	}
}

func (ld *loader) checkPromotion(l *Ladder, lv *level, s levelSource, env map[string]any, checkID func(p, kind, id string)) {
	pr := lv.def.Promotion
	if ld.required(s, "promotion", "to", string(pr.To)) {
		// The rank order is checked between levels with valid ranks only.
		if to := ld.levelRef(l, s, "promotion.to", pr.To); to != nil && ld.ranked(lv) && ld.ranked(to) {
			i := ld.rankIdx[lv]
			switch {
			case i == len(l.levels)-1:
				ld.topPromotion(lv, s)
			case to != l.levels[i+1]:
				ld.wrongNext(lv, to, l.levels[i+1], s)
			default:
				lv.next = to
			}
		}
	}
	for key, v := range map[string]*int{"min_months": pr.MinMonths, "min_months_in_track": pr.MinMonthsInTrack} {
		if v != nil && *v < 0 {
			ld.atLevel(s, "promotion."+key, nil, "%s must not be negative, got %d", key, *v)
		} else if v != nil && *v >= maxMonths {
			ld.atLevel(s, "promotion."+key, nil, "%s must be under %d (100 years), got %d", key, maxMonths, *v)
		}
	}
	if pr.FastTrack != "" && pr.FastTrack != FastTrackAllowed && pr.FastTrack != FastTrackForbidden {
		ld.atLevel(s, "promotion.fast_track", nil, "fast_track must be %q or %q, got %q", FastTrackAllowed, FastTrackForbidden, pr.FastTrack)
	}
	if pr.Standards != "" && pr.Standards != StandardsRequired && pr.Standards != StandardsAdvisory {
		ld.atLevel(s, "promotion.standards", nil, "standards must be %q or %q, got %q", StandardsRequired, StandardsAdvisory, pr.Standards)
	}
	if n := pr.Nomination; n != nil {
		if n.Min != nil && *n.Min < 1 {
			ld.atLevel(s, "promotion.nomination.min", nil, "min must be 1 or more, got %d", *n.Min)
		}
		if n.FromMinLevel != "" {
			if from := ld.levelRef(l, s, "promotion.nomination.from_min_level", n.FromMinLevel); from != nil {
				lv.nomFromRank = from.def.Rank
			}
		}
		roles := make([]string, 0, len(l.roles))
		for r := range l.roles {
			roles = append(roles, r)
		}
		for i, r := range n.FromRoles {
			if l.roles[r] {
				continue
			}
			p := indexPath("promotion.nomination.from_roles", i)
			if ld.blameRole(s, p, r) {
				continue
			}
			ld.atLevel(s, p, nil, "unknown role %q: declare it under roles: in ladder.yaml%s", r, suggest.DidYouMean(r, roles))
		}
	}
	lv.assessments = map[string]bool{}
	for i, a := range pr.Assessments {
		p := indexPath("promotion.assessments", i)
		if ld.required(s, p, "id", a.ID) && ld.required(s, p, "name", a.Name) {
			checkID(p, "assessment", a.ID)
			lv.assessments[a.ID] = true
		}
	}
	lv.requirements = make([]*rule, len(pr.Requirements))
	for i, r := range pr.Requirements {
		p := indexPath("promotion.requirements", i)
		if ld.required(s, p, "id", r.ID) && ld.required(s, p, "name", r.Name) && ld.required(s, p, "rule", r.Rule) {
			checkID(p, "requirement", r.ID)
			lv.requirements[i] = ld.compile(s, p+".rule", r.Rule, env)
		}
	}
}

// ranked reports whether lv has a valid rank, and so a place in the order.
func (ld *loader) ranked(lv *level) bool {
	_, ok := ld.rankIdx[lv]
	return ok
}

// noPromotion reports a level below the top that has no promotion: at the
// overlay that cleared it, or that put a level above it, if any.
func (ld *loader) noPromotion(l *Ladder, lv *level, s levelSource) {
	const hint = "write promotion: {to: ..., published: false} when its criteria are unpublished"
	if _, cleared := s.keys["promotion"]; cleared {
		ld.atLevel(s, "promotion", nil, "level %s has no promotion to the next rank: %s", lv.def.ID, hint)
		return
	}
	next := l.levels[ld.rankIdx[lv]+1]
	ns := ld.srcOf[next]
	at := blameAt{ns.file, ns.path(""), "adding level " + string(next.def.ID) + " above it"}
	if rf, rp := ns.where("rank"); ns.file.layer <= s.file.layer && rf.layer > s.file.layer {
		at = blameAt{rf, rp, fmt.Sprintf("giving level %s rank %d", next.def.ID, next.def.Rank)}
	}
	if at.file.layer <= s.file.layer {
		ld.atLevel(s, "", nil, "level %s has no promotion to the next rank: %s", lv.def.ID, hint)
		return
	}
	line, col := s.file.dec.pos(s.path(""))
	ld.blame(at, s.file, s.path(""), line, col, nil,
		fmt.Sprintf("level %s has no promotion to the next rank: give it one in this ladder (promotion: {to: %s, published: false} when its criteria are unpublished)",
			lv.def.ID, next.def.ID))
}

// topPromotion reports a promotion from the top level: at the overlay's rank
// that made the level the top one, if any.
func (ld *loader) topPromotion(lv *level, s levelSource) {
	f, fp := s.where("promotion.to")
	msg := fmt.Sprintf("%s is the top level: no level ranks above it", lv.def.ID)
	if rf, rp := s.where("rank"); rf.layer > f.layer {
		line, col := f.dec.pos(fp)
		ld.blame(blameAt{rf, rp, fmt.Sprintf("giving level %s rank %d", lv.def.ID, lv.def.Rank)}, f, fp, line, col, nil, msg)
		return
	}
	ld.at(f, fp, nil, "%s", msg)
}

// wrongNext reports a promotion of lv to a level that is not the next rank:
// at the overlay's rank that made it so, if any.
func (ld *loader) wrongNext(lv, to, next *level, s levelSource) {
	f, fp := s.where("promotion.to")
	msg := fmt.Sprintf("promotion to %s (rank %d) does not go to the next rank: want %s (rank %d)",
		to.def.ID, to.def.Rank, next.def.ID, next.def.Rank)
	for _, other := range []*level{next, to} {
		if rf, rp := ld.srcOf[other].where("rank"); rf.layer > f.layer {
			line, col := f.dec.pos(fp)
			ld.blame(blameAt{rf, rp, fmt.Sprintf("giving level %s rank %d", other.def.ID, other.def.Rank)}, f, fp, line, col, nil, msg)
			return
		}
	}
	ld.at(f, fp, nil, "%s", msg)
}

// rankGap reports that cur does not rank right after prev: at the overlay
// that removed or moved the level between them, if any.
func (ld *loader) rankGap(prev, cur *level) {
	f, p := ld.srcOf[cur].where("rank")
	msg := fmt.Sprintf("rank %d skips rank %d: ranks must follow on from %d (level %s) without gaps",
		cur.def.Rank, prev.def.Rank+1, prev.def.Rank, prev.def.ID)
	for r := prev.def.Rank + 1; r < cur.def.Rank; r++ {
		if at, ok := ld.vacated[r]; ok && at.file.layer > f.layer {
			line, col := f.dec.pos(p)
			ld.blame(at, f, p, line, col, nil, msg)
			return
		}
	}
	ld.at(f, p, nil, "%s", msg)
}

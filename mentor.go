package ladder

import (
	"slices"
	"strings"

	"github.com/ladderkit/ladder/internal/suggest"
)

// checkMentorRule checks who may mentor a holder of the level.
func (ld *loader) checkMentorRule(l *Ladder, lv *level, s levelSource, mr *MentorRule) {
	const p = "mentorship.mentor"
	if mr.MinLevel == "" && len(mr.Roles) == 0 {
		ld.atLevel(s, p, nil, "say who may mentor: min_level, roles or both")
	}
	if mr.MinLevel != "" {
		if from := ld.levelRef(l, s, p+".min_level", mr.MinLevel); from != nil {
			lv.mentorRank = from.def.Rank
		}
	}
	ld.roleRefs(l, s, p+".roles", mr.Roles)
	who := "an " + string(lv.def.ID) + " is mentored by " + mr.String()
	lv.noMentor = "no mentor recorded: " + who
	lv.noMentorHere = "mentor not recorded in this input: " + who
}

// roleRefs reports the roles that ladder.yaml does not declare.
func (ld *loader) roleRefs(l *Ladder, s levelSource, path string, roles []string) {
	var known []string
	for i, r := range roles {
		if l.roles[r] {
			continue
		}
		p := indexPath(path, i)
		if ld.blameRole(s, p, r) {
			continue
		}
		if known == nil {
			for r := range l.roles {
				known = append(known, r)
			}
		}
		ld.atLevel(s, p, nil, "unknown role %q: declare it under roles: in ladder.yaml%s", r, suggest.DidYouMean(r, known))
	}
}

// mentorIssue explains why the person's mentor does not qualify under the
// level's mentor rule, or returns "" when they do, when no mentor is
// recorded, or when the level does not say who mentors it.
func (e *evaluation) mentorIssue() string {
	mt, def := e.p.Mentor, e.lv.def.Mentorship
	if mt == nil || def == nil || def.Mentor == nil {
		return ""
	}
	rule := def.Mentor
	if lv := e.l.byID[mt.Level]; lv != nil && rule.MinLevel != "" && lv.def.Rank >= e.lv.mentorRank {
		return ""
	}
	for _, r := range mt.Roles {
		if slices.Contains(rule.Roles, r) {
			return ""
		}
	}
	var b strings.Builder
	b.WriteString("mentor " + mt.ID)
	var who []string
	if mt.Level != "" {
		who = append(who, string(mt.Level))
	}
	who = append(who, mt.Roles...)
	if len(who) > 0 {
		b.WriteString(" (" + strings.Join(who, ", ") + ")")
	} else {
		b.WriteString(" (no level or role given)")
	}
	b.WriteString(" does not qualify: a mentor of an " + string(e.lv.def.ID) + " must ")
	if rule.MinLevel != "" {
		b.WriteString("be " + string(rule.MinLevel) + " or above")
		if len(rule.Roles) > 0 {
			b.WriteString(" or ")
		}
	}
	switch len(rule.Roles) {
	case 0:
	case 1:
		b.WriteString("hold the role " + rule.Roles[0])
	default:
		b.WriteString("hold one of the roles " + strings.Join(rule.Roles, ", "))
	}
	return b.String()
}

// rangeState is whether a mentee was the person's to mentor, by the level
// the person held on the day mentoring began (one definition for the rules'
// in_range, the mentorship notes, slots and referrals).
type rangeState uint8

const (
	// rangeIn: within the mentee range that level publishes, or the level
	// publishes slots and no range.
	rangeIn rangeState = iota
	// rangePrescribed: outside it, but the mentee's own level names that
	// level (or a role the person holds) as the one who mentors it, as the
	// L4 page names an L5 mentor. The mentoring is in order; whether it
	// takes a slot or earns a referral cut is not published.
	rangePrescribed
	// rangeOut: outside the published range (or the level has no slots),
	// and not prescribed.
	rangeOut
	// rangeNoRecord: the person's level on that day is not recorded.
	rangeNoRecord
	// rangeUnpublished: that level publishes no mentee slots or range, and
	// the mentee's level does not name it.
	rangeUnpublished
)

// known reports whether the state says if the mentee counts.
func (s rangeState) known() bool { return s <= rangeOut }

// counts reports whether the mentee counts as in range: they were the
// person's to mentor.
func (s rangeState) counts() bool { return s == rangeIn || s == rangePrescribed }

// menteeRange tells whether m was the person's to mentor, and returns the
// level the person held when mentoring began (nil when not recorded).
func (e *evaluation) menteeRange(m Mentee) (rangeState, *level) {
	mentor := e.levelOn(civil(m.Since))
	if mentor == nil {
		return rangeNoRecord, nil
	}
	from := e.l.byID[fromLevel(m)]
	def := mentor.def.Mentorship
	slots := def != nil && def.Slots != nil
	switch r := from.def.Rank; {
	case mentor.menteeMin != 0 && r >= mentor.menteeMin && r <= mentor.menteeMax:
		return rangeIn, mentor
	case mentor.menteeMin == 0 && slots && *def.Slots > 0:
		return rangeIn, mentor
	case e.prescribed(from, mentor):
		return rangePrescribed, mentor
	case mentor.menteeMin != 0 || slots:
		return rangeOut, mentor
	}
	return rangeUnpublished, mentor
}

// prescribed reports whether the mentee level from names mentor (a holder
// of that level, or of one of the person's roles) as the one who mentors it.
func (e *evaluation) prescribed(from, mentor *level) bool {
	def := from.def.Mentorship
	if def == nil || def.Mentor == nil {
		return false
	}
	if def.Mentor.MinLevel != "" && mentor.def.Rank >= from.mentorRank {
		return true
	}
	for _, r := range e.p.Roles {
		if slices.Contains(def.Mentor.Roles, r) {
			return true
		}
	}
	return false
}

// rangeIsUnknown reports whether the range of the rules' mentee i is
// unknown.
func (e *evaluation) rangeIsUnknown(i int) bool {
	return len(e.unknownRange) > 0 && slices.Contains(e.unknownRange, i)
}

// menteeByID returns the profile's mentee with the id (ids are unique).
func (e *evaluation) menteeByID(id string) Mentee {
	for _, m := range e.p.Mentees {
		if m.ID == id {
			return m
		}
	}
	return Mentee{}
}

// rangeUnknown writes why the mentees of unknown range may or may not
// count, and returns the profile fields that would settle it, if any.
func (e *evaluation) rangeUnknown() (missing []string) {
	t := &e.t
	ms := e.env[builtinMentees].([]ruleMentee)
	n := len(e.unknownRange)
	t.str("; not known whether ")
	if n > maxUnknownRanges {
		t.int(n).str(" mentees count: the levels held when mentoring them began are not recorded, or publish no mentee range")
	} else {
		t.list(n, func(j int) { t.str(ms[e.unknownRange[j]].ID) })
		if n == 1 {
			t.str(" counts: ")
		} else {
			t.str(" count: ")
		}
		// Mentees taken on at a level that publishes no range are said
		// together, level by level; each not recorded on its own.
		sep := ""
		var said []LevelID
		for _, i := range e.unknownRange {
			m := e.menteeByID(ms[i].ID)
			st, began := e.menteeRange(m)
			if st == rangeUnpublished {
				if slices.Contains(said, began.def.ID) {
					continue
				}
				said = append(said, began.def.ID)
			}
			t.str(sep)
			sep = ", and "
			if st == rangeNoRecord {
				e.rangeWhy(m)
				continue
			}
			var ids []string
			for _, k := range e.unknownRange {
				if st, b := e.menteeRange(e.menteeByID(ms[k].ID)); st == rangeUnpublished && b == began {
					ids = append(ids, ms[k].ID)
				}
			}
			t.str(string(began.def.ID)).str(", the level held when mentoring ").str(strings.Join(ids, " and ")).str(" began, publishes no mentee range")
		}
	}
	for _, i := range e.unknownRange {
		if st, _ := e.menteeRange(e.menteeByID(ms[i].ID)); st == rangeNoRecord {
			return e.levelMissing()
		}
	}
	return nil
}

// rangeWhy writes why it is not known whether m was the person's to mentor.
func (e *evaluation) rangeWhy(m Mentee) {
	t := &e.t
	st, mentor := e.menteeRange(m)
	switch st {
	case rangeNoRecord:
		t.str("the level held on ").date(civil(m.Since)).str(", when mentoring ").str(m.ID).str(" began, is not recorded").str(e.levelSettle())
	case rangeUnpublished:
		t.str(string(mentor.def.ID)).str(", the level held when mentoring ").str(m.ID).str(" began, publishes no mentee range")
	}
}

// noMentorNote is the note that no mentor is recorded for a person whose
// level says who mentors it, or "" otherwise. It is a note, not an issue:
// no page makes receiving a mentor a gate. The words are the level's, made
// at load.
func (e *evaluation) noMentorNote() string {
	if e.p.Mentor != nil {
		return ""
	}
	if e.unrecorded.has(unrecordedMentor) {
		return e.lv.noMentorHere
	}
	return e.lv.noMentor
}

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

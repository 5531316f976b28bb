package ladder

import (
	"strconv"
	"strings"
)

// checkCurriculum reads the month range of each curriculum phase: "1-12",
// or "13" for a one-month phase; phases run in order without overlapping.
func (ld *loader) checkCurriculum(lv *level, s levelSource) {
	last := 0
	for i, ph := range lv.def.Curriculum {
		p := indexPath("curriculum", i) + ".months"
		from, to, ok := parseMonthRange(ph.Months)
		switch {
		case ph.Months == "":
			ld.required(s, indexPath("curriculum", i), "months", "")
			return
		case !ok:
			ld.atLevel(s, p, nil, "want a month range such as 1-12, got %q", ph.Months)
			return
		case from <= last:
			ld.atLevel(s, p, nil, "phase months %s overlap or precede the phase before, which ends in month %d", ph.Months, last)
			return
		}
		lv.phases = append(lv.phases, [2]int{from, to})
		last = to
	}
}

// parseMonthRange reads "1-12" (or "1–12") as 1, 12, and "13" as 13, 13.
func parseMonthRange(s string) (from, to int, ok bool) {
	a, b, found := strings.Cut(strings.ReplaceAll(s, "–", "-"), "-")
	if !found {
		b = a
	}
	from, err1 := strconv.Atoi(strings.TrimSpace(a))
	to, err2 := strconv.Atoi(strings.TrimSpace(b))
	if err1 != nil || err2 != nil || from < 1 || to < from || to > maxPhaseMonth {
		return 0, 0, false
	}
	return from, to, true
}

// maxPhaseMonth bounds a curriculum month, far above any real curriculum.
const maxPhaseMonth = 1200

// CurriculumPlace is where a person stands in their level's curriculum, by
// months at the level (breaks not counted): month 14 of L7 is in the phase
// whose months include 14.
type CurriculumPlace struct {
	Month    int    `json:"month"`            // the month at the level the person is in: months at the level + 1
	Phase    string `json:"phase,omitempty"`  // title of the phase that month falls in; "" when none does
	Months   string `json:"months,omitempty"` // that phase's months as written, e.g. "13-24"
	Last     int    `json:"last"`             // the curriculum's last month
	Complete bool   `json:"complete"`         // Month is past Last: every phase is behind the person
}

// curriculum places the person in the level's curriculum; nil when the
// level has none or level_since is not given.
func (e *evaluation) curriculum() *CurriculumPlace {
	if len(e.lv.phases) == 0 || e.noSince {
		return nil
	}
	month := e.env[builtinMonthsAtLevel].(int) + 1
	c := &CurriculumPlace{Month: month, Last: e.lv.phases[len(e.lv.phases)-1][1]}
	c.Complete = month > c.Last
	for i, ph := range e.lv.phases {
		if month >= ph[0] && month <= ph[1] {
			c.Phase, c.Months = e.lv.def.Curriculum[i].Title, e.lv.def.Curriculum[i].Months
		}
	}
	return c
}

// describe says where the person stands: "month 14 of L7: Execution at
// Scale (months 13-24 of 36)", or "all 36 months of the L7 curriculum
// complete (now in month 40 at L7)".
func (c *CurriculumPlace) describe(level LevelID) string {
	switch {
	case c.Complete:
		return sprintf("all %d months of the %s curriculum complete (now in month %d at %s)", c.Last, level, c.Month, level)
	case c.Phase == "":
		return sprintf("month %d of %s: between phases", c.Month, level)
	}
	return sprintf("month %d of %s: %s (months %s of %d)", c.Month, level, c.Phase, c.Months, c.Last)
}

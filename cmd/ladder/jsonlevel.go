package main

import "github.com/ladderkit/ladder"

// The JSON form of a level for levels and show: the library's Level with
// defaults resolved (published, fast_track, nomination min), every key
// present, and the referral percent written as "6%" like the report does
// (ladder.Percent itself would marshal as basis points, 600).
type (
	levelJSON struct {
		ID               ladder.LevelID         `json:"id"`
		Rank             int                    `json:"rank"`
		Title            string                 `json:"title"`
		Track            string                 `json:"track"`
		Summary          string                 `json:"summary"`
		Billing          string                 `json:"billing"`
		Responsibilities []string               `json:"responsibilities"`
		AISkills         []string               `json:"ai_skills"`
		Checklist        []ladder.ChecklistItem `json:"checklist"`
		Curriculum       []ladder.Phase         `json:"curriculum"`
		Standards        []ladder.Standard      `json:"standards"`
		Sections         []ladder.Section       `json:"sections"`
		Promotion        *promotionRuleJSON     `json:"promotion"`       // null at the top level
		Mentorship       *mentorshipRuleJSON    `json:"mentorship"`      // null when the level says nothing about it
		Panel            *ladder.LevelRange     `json:"panel,omitempty"` // promotions whose panels holders of the level sit on
	}
	promotionRuleJSON struct {
		To               ladder.LevelID       `json:"to"`
		Published        bool                 `json:"published"`
		MinMonths        *int                 `json:"min_months"`          // null when none
		MinMonthsInTrack *int                 `json:"min_months_in_track"` // null when none
		FastTrack        ladder.FastTrackMode `json:"fast_track"`          // allowed | forbidden
		Standards        ladder.StandardsMode `json:"standards"`           // required | advisory
		Nomination       *nominationRuleJSON  `json:"nomination"`          // null when none is required
		Assessments      []ladder.Assessment  `json:"assessments"`
		Requirements     []ladder.Requirement `json:"requirements"`
		PanelLooksFor    []string             `json:"panel_looks_for"`
		Unlocks          []string             `json:"unlocks"`
	}
	nominationRuleJSON struct {
		Min          int            `json:"min"`
		FromMinLevel ladder.LevelID `json:"from_min_level,omitempty"`
		FromRoles    []string       `json:"from_roles"`
		Self         bool           `json:"self"`
	}
	mentorshipRuleJSON struct {
		Receives     string             `json:"receives"`
		Mentor       *ladder.MentorRule `json:"mentor,omitempty"` // who may mentor a holder of the level
		Slots        *int               `json:"slots"`            // null when unpublished
		MenteeLevels *ladder.LevelRange `json:"mentee_levels"`    // null when unpublished
		Referral     *referralTermsJSON `json:"referral"`         // null when none
		Duties       []string           `json:"duties"`
	}
	referralTermsJSON struct {
		Percent string `json:"percent"` // "6%"
		Months  int    `json:"months"`
	}
)

func toLevelJSON(lv ladder.Level) levelJSON {
	j := levelJSON{
		ID: lv.ID, Rank: lv.Rank, Title: lv.Title, Track: lv.Track, Summary: lv.Summary, Billing: lv.Billing,
		Responsibilities: nonNil(lv.Responsibilities), AISkills: nonNil(lv.AISkills),
		Checklist: nonNil(lv.Checklist), Curriculum: nonNil(lv.Curriculum),
		Standards: nonNil(lv.Standards), Sections: nonNil(lv.Sections),
	}
	for i := range j.Curriculum {
		j.Curriculum[i].Items = nonNil(j.Curriculum[i].Items)
	}
	for i := range j.Sections {
		j.Sections[i].Items = nonNil(j.Sections[i].Items)
	}
	if p := lv.Promotion; p != nil {
		pj := &promotionRuleJSON{
			To: p.To, Published: p.IsPublished(), MinMonths: p.MinMonths, MinMonthsInTrack: p.MinMonthsInTrack,
			FastTrack: ladder.FastTrackAllowed, Standards: ladder.StandardsRequired,
			Assessments: nonNil(p.Assessments), Requirements: nonNil(p.Requirements),
			PanelLooksFor: nonNil(p.PanelLooksFor), Unlocks: nonNil(p.Unlocks),
		}
		if !p.AllowsFastTrack() {
			pj.FastTrack = ladder.FastTrackForbidden
		}
		if !p.RequiresStandards() {
			pj.Standards = ladder.StandardsAdvisory
		}
		if n := p.Nomination; n != nil && n.Required {
			pj.Nomination = &nominationRuleJSON{Min: n.MinCount(), FromMinLevel: n.FromMinLevel, FromRoles: nonNil(n.FromRoles), Self: n.Self}
		}
		j.Promotion = pj
	}
	if m := lv.Mentorship; m != nil {
		mj := &mentorshipRuleJSON{Receives: m.Receives, Mentor: m.Mentor, Slots: m.Slots, MenteeLevels: m.MenteeLevels, Duties: nonNil(m.Duties)}
		if r := m.Referral; r != nil {
			mj.Referral = &referralTermsJSON{Percent: r.Percent.String(), Months: r.Months}
		}
		j.Mentorship = mj
	}
	if pn := lv.Panel; pn != nil {
		j.Panel = pn.Levels
	}
	return j
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

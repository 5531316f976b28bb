package ladder

import (
	"slices"
	"strings"

	"github.com/ladderkit/ladder/internal/jsonform"
	"github.com/ladderkit/ladder/internal/yamlsrc"
)

// LevelID is a level's id as written in its ladder, e.g. "L7". Levels are
// ordered by their Rank, never by comparing ids.
type LevelID string

// Level is one level of a ladder as defined in its file: who the person at
// this level is, the ranking standard they are held to, and the rules to
// reach the next level. Values returned by a Ladder are copies.
type Level struct {
	ID               LevelID         `yaml:"id" json:"id"`
	Rank             int             `yaml:"rank" json:"rank"`
	Title            string          `yaml:"title" json:"title"`
	Track            string          `yaml:"track" json:"track"`
	Summary          string          `yaml:"summary" json:"summary"`
	Billing          string          `yaml:"billing" json:"billing"`
	Responsibilities []string        `yaml:"responsibilities" json:"responsibilities"`
	AISkills         []string        `yaml:"ai_skills" json:"ai_skills"`
	Checklist        []ChecklistItem `yaml:"checklist" json:"checklist"`
	Curriculum       []Phase         `yaml:"curriculum" json:"curriculum"`
	Standards        []Standard      `yaml:"standards" json:"standards"`
	Sections         []Section       `yaml:"sections" json:"sections"`
	Promotion        *PromotionRule  `yaml:"promotion" json:"promotion"`   // nil at the top level
	Mentorship       *MentorshipRule `yaml:"mentorship" json:"mentorship"` // nil when the level says nothing about it
	Panel            *PanelRule      `yaml:"panel" json:"panel,omitempty"`
}

// MarshalJSON writes the level with every key of its file present (empty
// lists as [], what is not given as null) and its promotion rule's defaults
// written out. The JSON is itself a valid level file.
func (l Level) MarshalJSON() ([]byte, error) { return jsonform.MarshalFields(l) }

// PanelRule says on which qualification panels holders of a level sit:
// panels for promotions from the levels in Levels. Published false says
// instead that the ladder does not publish the level's panel duty (and then
// Levels is nil): such a holder on a panel is noted, never held against the
// result. A level without a PanelRule sits on no panels.
type PanelRule struct {
	Levels    *LevelRange `yaml:"levels" json:"levels"`
	Published *bool       `yaml:"published" json:"published,omitempty"` // nil: true
}

// IsPublished reports whether the ladder publishes the level's panel duty.
func (p *PanelRule) IsPublished() bool { return p.Published == nil || *p.Published }

// MentorRule says who may mentor someone at a level: anyone at MinLevel or
// above, or holding one of Roles.
type MentorRule struct {
	MinLevel LevelID  `yaml:"min_level" json:"min_level,omitempty"`
	Roles    []string `yaml:"roles" json:"roles,omitempty"`
}

// String says who the rule admits: "L9 or above, or the role founder".
func (r *MentorRule) String() string {
	var parts []string
	if r.MinLevel != "" {
		parts = append(parts, string(r.MinLevel)+" or above")
	}
	switch len(r.Roles) {
	case 0:
	case 1:
		parts = append(parts, "the role "+r.Roles[0])
	default:
		parts = append(parts, "one of the roles "+strings.Join(r.Roles, ", "))
	}
	return strings.Join(parts, ", or ")
}

// Name returns "L7 Sr Product Owner", or the id alone when the level has no
// title.
func (l Level) Name() string {
	if l.Title == "" {
		return string(l.ID)
	}
	return string(l.ID) + " " + l.Title
}

// ChecklistItem is one item of a level's self-evaluation checklist.
type ChecklistItem struct {
	ID   string `yaml:"id" json:"id"`
	Text string `yaml:"text" json:"text"`
}

// Phase is one phase of a level's curriculum, e.g. months 1-12.
type Phase struct {
	Months string   `yaml:"months" json:"months"`
	Title  string   `yaml:"title" json:"title"`
	Items  []string `yaml:"items" json:"items"`
}

// Section is a free-form descriptive section of a level, such as a rubric of
// signals that someone is ready for the next level.
type Section struct {
	Title string   `yaml:"title" json:"title"`
	Items []string `yaml:"items" json:"items"`
}

// Standard is one metric of a level's ranking standard. Threshold is the
// published wording; Rule states it as a boolean expression.
type Standard struct {
	ID         string `yaml:"id" json:"id"`
	Name       string `yaml:"name" json:"name"`
	Threshold  string `yaml:"threshold" json:"threshold,omitempty"`
	MeasuredBy string `yaml:"measured_by" json:"measured_by,omitempty"`
	Rule       string `yaml:"rule" json:"rule"`
}

// PromotionRule is what it takes to move from a level to the next.
type PromotionRule struct {
	To               LevelID         `yaml:"to" json:"to"`
	Published        *bool           `yaml:"published" json:"published"`
	MinMonths        *int            `yaml:"min_months" json:"min_months"`
	MinMonthsInTrack *int            `yaml:"min_months_in_track" json:"min_months_in_track"`
	FastTrack        FastTrackMode   `yaml:"fast_track" json:"fast_track"` // allowed (default) or forbidden
	Standards        StandardsMode   `yaml:"standards" json:"standards"`   // required (default) or advisory
	Nomination       *NominationRule `yaml:"nomination" json:"nomination"`
	Assessments      []Assessment    `yaml:"assessments" json:"assessments"`
	Requirements     []Requirement   `yaml:"requirements" json:"requirements"`
	PanelLooksFor    []string        `yaml:"panel_looks_for" json:"panel_looks_for"`
	Unlocks          []string        `yaml:"unlocks" json:"unlocks"`
}

// MarshalJSON writes the rule with its defaults written out: published,
// fast_track, standards and the nomination's min; a nomination that is not
// required is null.
func (p PromotionRule) MarshalJSON() ([]byte, error) { return jsonform.MarshalFields(p.withDefaults()) }

// withDefaults returns p with its defaults written out, for MarshalJSON.
func (p PromotionRule) withDefaults() PromotionRule {
	published := p.IsPublished()
	p.Published = &published
	if p.AllowsFastTrack() {
		p.FastTrack = FastTrackAllowed
	}
	if p.RequiresStandards() {
		p.Standards = StandardsRequired
	}
	if n := p.Nomination; n != nil {
		p.Nomination = nil
		if n.Required {
			count := n.MinCount()
			c := *n
			c.Min = &count
			p.Nomination = &c
		}
	}
	return p
}

// IsPublished reports whether the ladder publishes criteria for this step.
func (p *PromotionRule) IsPublished() bool { return p.Published == nil || *p.Published }

// AllowsFastTrack reports whether tenure minimums may be waived.
func (p *PromotionRule) AllowsFastTrack() bool { return p.FastTrack != FastTrackForbidden }

// RequiresStandards reports whether the level's standards must all be met.
func (p *PromotionRule) RequiresStandards() bool { return p.Standards != StandardsAdvisory }

// FastTrackMode says whether a promotion may be fast-tracked: whether
// waivers of its tenure minimums count. Empty is FastTrackAllowed.
type FastTrackMode string

// The fast-track modes.
const (
	FastTrackAllowed   FastTrackMode = "allowed"
	FastTrackForbidden FastTrackMode = "forbidden"
)

// String returns the mode as a lower-case word.
func (m FastTrackMode) String() string { return string(m) }

// StandardsMode says whether a promotion needs the level's standards all
// met, or only reports them. Empty is StandardsRequired.
type StandardsMode string

// The standards modes.
const (
	StandardsRequired StandardsMode = "required"
	StandardsAdvisory StandardsMode = "advisory"
)

// String returns the mode as a lower-case word.
func (m StandardsMode) String() string { return string(m) }

// NominationRule says who must nominate a person for a promotion.
type NominationRule struct {
	Required     bool     `yaml:"required" json:"required"`
	Min          *int     `yaml:"min" json:"min"`                                 // default 1
	FromMinLevel LevelID  `yaml:"from_min_level" json:"from_min_level,omitempty"` // nominators at this rank or above count
	FromRoles    []string `yaml:"from_roles" json:"from_roles"`                   // nominators holding one of these roles count
	Self         bool     `yaml:"self" json:"self"`                               // whether self-nomination counts
}

// MinCount returns the number of nominations needed.
func (n *NominationRule) MinCount() int {
	if n.Min == nil {
		return 1
	}
	return *n.Min
}

// Assessment is one component of a qualification assessment. Each must be
// passed.
type Assessment struct {
	ID          string `yaml:"id" json:"id"`
	Name        string `yaml:"name" json:"name"`
	Description string `yaml:"description" json:"description,omitempty"`
}

// Requirement is a promotion gate stated as a boolean rule.
type Requirement struct {
	ID   string `yaml:"id" json:"id"`
	Name string `yaml:"name" json:"name"`
	Rule string `yaml:"rule" json:"rule"`
}

// MentorshipRule is what a level receives and gives in mentoring.
type MentorshipRule struct {
	Receives     string         `yaml:"receives" json:"receives"`
	Mentor       *MentorRule    `yaml:"mentor" json:"mentor,omitempty"` // who may mentor a holder of the level
	Slots        *int           `yaml:"slots" json:"slots"`             // nil: not published
	MenteeLevels *LevelRange    `yaml:"mentee_levels" json:"mentee_levels"`
	Referral     *ReferralTerms `yaml:"referral" json:"referral"`
	Duties       []string       `yaml:"duties" json:"duties"`
}

// LevelRange is an inclusive range of levels, by rank.
type LevelRange struct {
	Min LevelID `yaml:"min" json:"min"`
	Max LevelID `yaml:"max" json:"max"`
}

// ReferralTerms is a mentor's referral cut: Percent of each placed mentee's
// monthly rate for Months months after placement.
type ReferralTerms struct {
	Percent Percent `yaml:"percent" json:"percent"`
	Months  int     `yaml:"months" json:"months"`
}

// clone returns a deep copy of l, so callers cannot change a loaded ladder.
func (l Level) clone() Level {
	c := l
	c.Responsibilities = slices.Clone(l.Responsibilities)
	c.AISkills = slices.Clone(l.AISkills)
	c.Checklist = slices.Clone(l.Checklist)
	c.Curriculum = slices.Clone(l.Curriculum)
	for i := range c.Curriculum {
		c.Curriculum[i].Items = slices.Clone(c.Curriculum[i].Items)
	}
	c.Standards = slices.Clone(l.Standards)
	c.Sections = slices.Clone(l.Sections)
	for i := range c.Sections {
		c.Sections[i].Items = slices.Clone(c.Sections[i].Items)
	}
	if p := l.Promotion; p != nil {
		cp := *p
		cp.Published = clonePtr(p.Published)
		cp.MinMonths = clonePtr(p.MinMonths)
		cp.MinMonthsInTrack = clonePtr(p.MinMonthsInTrack)
		if p.Nomination != nil {
			n := *p.Nomination
			n.Min = clonePtr(n.Min)
			n.FromRoles = slices.Clone(n.FromRoles)
			cp.Nomination = &n
		}
		cp.Assessments = slices.Clone(p.Assessments)
		cp.Requirements = slices.Clone(p.Requirements)
		cp.PanelLooksFor = slices.Clone(p.PanelLooksFor)
		cp.Unlocks = slices.Clone(p.Unlocks)
		c.Promotion = &cp
	}
	if m := l.Mentorship; m != nil {
		cm := *m
		cm.Slots = clonePtr(m.Slots)
		cm.MenteeLevels = clonePtr(m.MenteeLevels)
		cm.Referral = clonePtr(m.Referral)
		cm.Duties = slices.Clone(m.Duties)
		if m.Mentor != nil {
			mr := *m.Mentor
			mr.Roles = slices.Clone(mr.Roles)
			cm.Mentor = &mr
		}
		c.Mentorship = &cm
	}
	if pn := l.Panel; pn != nil {
		c.Panel = &PanelRule{Levels: clonePtr(pn.Levels), Published: clonePtr(pn.Published)}
	}
	return c
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	c := *p
	return &c
}

// unmarshalNode reads a percent from its written decimal text, exactly:
// 2.5 is 250 basis points, with no float in between.
func (p *Percent) unmarshalNode(d *decoder, n *node, path string) {
	switch n.Kind {
	case yamlsrc.Int, yamlsrc.Float, yamlsrc.String:
	default:
		d.addf(n, path, nil, "want a percent such as 6 or 2.5, got %s", n.Describe())
		return
	}
	v, err := ParsePercent(n.Text)
	if err != nil {
		d.addf(n, path, nil, "%v", err)
		return
	}
	*p = v
}

package ladder

import "time"

// Report is the result of evaluating one person: every check with its
// status and the values it saw, checklist progress, the promotion verdict,
// mentorship and referral earnings. Render it with Text, Markdown or JSON.
type Report struct {
	Person     string           `json:"person"`               // person id
	Name       string           `json:"name,omitempty"`       // person name, when given
	Level      LevelID          `json:"level"`                // the person's level
	Title      string           `json:"title,omitempty"`      // the level's title, when it has one
	AsOf       time.Time        `json:"as_of"`                // the evaluation date
	Standards  []Check          `json:"standards"`            // the ranking standard of the current level
	Checklist  Progress         `json:"checklist"`            // self-evaluation progress at the current level
	Curriculum *CurriculumPlace `json:"curriculum,omitempty"` // where the person is in the level's curriculum; nil when it has none or level_since is not given
	Promotion  *Promotion       `json:"promotion"`            // nil at the top level
	Mentorship Mentorship       `json:"mentorship"`           // mentee slots and their use
	Referrals  []Referral       `json:"referrals"`            // referral cuts, one per placed mentee
	Totals     []Money          `json:"earned"`               // earned referral cuts as of AsOf, one per currency
	Upcoming   []Money          `json:"remaining"`            // referral cuts still to be earned, one per currency
	// Unrecorded is what the person's input had no place for
	// (Person.Unrecorded) and how many checks it leaves unknown; nil when
	// the input recorded everything.
	Unrecorded *Unrecorded `json:"unrecorded,omitempty"`
	// Warnings say, in words, what the report could not take into
	// account: Unrecorded.
	Warnings []string `json:"warnings,omitempty"`
}

// Progress is how far along a person is in their level's self-evaluation
// checklist.
type Progress struct {
	Done    int      `json:"done"`
	Total   int      `json:"total"`
	Missing []string `json:"missing"` // ids of the items not yet ticked, in checklist order
}

// Promotion is the verdict on promotion to the next level and the checks
// behind it.
type Promotion struct {
	To        LevelID   `json:"to"`
	Published bool      `json:"published"`          // false when the ladder publishes no criteria for the step
	Verdict   Verdict   `json:"verdict"`            // eligible | not_eligible | undetermined
	Checks    []Check   `json:"checks"`             // tenure, track_tenure, nomination, assessments, requirements, standards
	Earliest  time.Time `json:"earliest,omitempty"` // earliest date the tenure rules allow; zero when none
	Unlocks   []string  `json:"unlocks,omitempty"`  // what the next level unlocks
}

// Check is one check of a report.
type Check struct {
	ID      string    `json:"id"`
	Name    string    `json:"name"`
	Kind    CheckKind `json:"kind"`              // standard, tenure, track_tenure, nomination, assessment, requirement, standards
	Status  Status    `json:"status"`            // met | unmet | unknown | waived
	Detail  string    `json:"detail"`            // for people: the values seen and what was wanted
	Missing []string  `json:"missing,omitempty"` // inputs not provided, when unknown
	Values  []Value   `json:"values,omitempty"`  // the inputs the check read, as seen
	Gaps    []Gap     `json:"gaps,omitempty"`    // one per unmet or unknown part; empty when met or waived, or when the rule has no threshold form
}

// Value is one input a check read, formatted for people (74%, yes, 3).
type Value struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Mentorship is a mentor's use of their mentee slots on the evaluation date.
type Mentorship struct {
	Slots     int  `json:"slots"`     // mentee slots at the level; 0 when none or unpublished
	Published bool `json:"published"` // whether the level publishes its slots
	Active    int  `json:"active"`    // mentees being mentored on the evaluation date
	// Prescribed counts the active mentees outside the range whose own
	// level names the person's as the one who mentors it: the mentoring is
	// in order, but whether it takes a slot is not published, so they are
	// not counted against the slots.
	Prescribed int      `json:"prescribed,omitempty"`
	Issues     []string `json:"issues"` // slots exceeded, mentees outside the level's range, in plain words
	// Notes say, in plain words, what the ladder or the profile leaves open
	// and is not held against anyone: a mentee whose range is not known,
	// mentoring the mentee's own level prescribes outside the range, a
	// mentee at or above the person's level, no mentor recorded.
	Notes []string `json:"notes,omitempty"`
}

// Status is the outcome of a check.
type Status string

// The statuses of a check.
const (
	Met     Status = "met"
	Unmet   Status = "unmet"
	Unknown Status = "unknown" // an input the check reads was not provided
	Waived  Status = "waived"  // a tenure check waived for a fast-track promotion
)

// String returns the status as a lower-case word.
func (s Status) String() string { return string(s) }

// Verdict is the outcome of a promotion evaluation.
type Verdict string

// The promotion verdicts.
const (
	Eligible     Verdict = "eligible"     // every check met or waived
	NotEligible  Verdict = "not_eligible" // some check unmet
	Undetermined Verdict = "undetermined" // none unmet but some unknown, or criteria unpublished
)

// String returns the verdict as a lower-case word.
func (v Verdict) String() string { return string(v) }

// CheckKind says what a check checks.
type CheckKind string

// The kinds of checks.
const (
	KindStandard    CheckKind = "standard"     // one metric of the ranking standard
	KindTenure      CheckKind = "tenure"       // months at the current level
	KindTrackTenure CheckKind = "track_tenure" // months since joining the track
	KindNomination  CheckKind = "nomination"
	KindAssessment  CheckKind = "assessment"  // one qualification component
	KindRequirement CheckKind = "requirement" // another promotion gate
	KindStandards   CheckKind = "standards"   // the ranking standard as a whole
)

// String returns the kind as a lower-case word.
func (k CheckKind) String() string { return string(k) }

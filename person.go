package ladder

import (
	"github.com/ladderkit/ladder/internal/jsonform"
	"reflect"
	"strings"
	"time"
)

// Person is one person's profile: where they are on the ladder, since when,
// and the evidence the ladder's rules read. Dates are civil dates (see
// ParseDate); the zero time means "not given". ParsePerson reads a Person
// from YAML or JSON; Evaluate checks it against the ladder.
type Person struct {
	ID          string                      `yaml:"id" json:"id"`
	Name        string                      `yaml:"name" json:"name,omitempty"`
	Level       LevelID                     `yaml:"level" json:"level"`
	LevelSince  time.Time                   `yaml:"level_since" json:"level_since,omitzero"` // promotion into the current level
	Joined      time.Time                   `yaml:"joined" json:"joined,omitzero"`           // first day on the track
	History     []LevelSpan                 `yaml:"history" json:"history,omitempty"`
	Roles       []string                    `yaml:"roles" json:"roles,omitempty"`
	Metrics     map[string]any              `yaml:"metrics" json:"metrics,omitempty"` // int, float64, bool, or a string like "74%"
	Checklist   []string                    `yaml:"checklist" json:"checklist,omitempty"`
	Assessments map[string]AssessmentResult `yaml:"assessments" json:"assessments,omitempty"`
	Nominations []Nomination                `yaml:"nominations" json:"nominations,omitempty"`
	Waivers     []Waiver                    `yaml:"waivers" json:"waivers,omitempty"`
	Mentees     []Mentee                    `yaml:"mentees" json:"mentees,omitempty"`
	Mentor      *Mentor                     `yaml:"mentor" json:"mentor,omitempty"` // the person's own mentor
	Breaks      []Break                     `yaml:"breaks" json:"breaks,omitempty"` // time away, oldest first
	// Unrecorded names the list fields the person's input had no place
	// for ("assessments", "nominations", "waivers", "mentees", "mentor",
	// "history", "breaks"): a flat CSV, or tables without that table. The
	// checks that read them are unknown, not unmet.
	Unrecorded []string `yaml:"unrecorded" json:"unrecorded,omitempty"`

	src *record // where ReadPeople read the person, if it did
}

// Mentor is the person's own mentor: who they are, their level and roles,
// which the level's mentorship rule (MentorshipRule.Mentor) is checked
// against.
type Mentor struct {
	ID    string   `yaml:"id" json:"id"`
	Level LevelID  `yaml:"level" json:"level,omitempty"`
	Roles []string `yaml:"roles" json:"roles,omitempty"`
}

// Break is time away from the track: [From, Until), Until being the first
// day back. The whole months of a break that fall between level_since (or
// joined) and the evaluation date do not count towards months at the level
// (or in the track).
type Break struct {
	From  time.Time `yaml:"from" json:"from"`
	Until time.Time `yaml:"until" json:"until"`
}

// Panelist is one member of the panel that judged an assessment component:
// who, their level and their roles. Someone who holds no level, such as a
// founder, is named by roles alone.
type Panelist struct {
	By    string   `yaml:"by" json:"by"`
	Level LevelID  `yaml:"level" json:"level,omitempty"`
	Roles []string `yaml:"roles" json:"roles,omitempty"`
}

// LevelSpan is an earlier level of a person and the date they reached it.
type LevelSpan struct {
	Level LevelID   `yaml:"level" json:"level"`
	Since time.Time `yaml:"since" json:"since"`
}

// AssessmentResult is a person's result in one assessment component.
type AssessmentResult struct {
	Result Outcome    `yaml:"result" json:"result"` // passed, failed or pending
	Date   time.Time  `yaml:"date" json:"date,omitzero"`
	Panel  []Panelist `yaml:"panel" json:"panel,omitempty"` // who judged it, when recorded
}

// Outcome is a person's result in an assessment component.
type Outcome string

// The results of an assessment component.
const (
	ResultPassed  Outcome = "passed"
	ResultFailed  Outcome = "failed"
	ResultPending Outcome = "pending"
)

// String returns the outcome as a lower-case word.
func (o Outcome) String() string { return string(o) }

// Nomination is someone's nomination of the person for promotion. Level and
// Roles describe the nominator.
type Nomination struct {
	By    string    `yaml:"by" json:"by"`
	Level LevelID   `yaml:"level" json:"level,omitempty"`
	Roles []string  `yaml:"roles" json:"roles,omitempty"`
	Date  time.Time `yaml:"date" json:"date,omitzero"`
}

// Waiver waives a tenure check ("tenure" or "track_tenure") for a
// fast-track promotion. It counts only where the step allows fast-tracking.
type Waiver struct {
	Check  CheckKind `yaml:"check" json:"check"` // KindTenure or KindTrackTenure
	By     string    `yaml:"by" json:"by"`
	Reason string    `yaml:"reason" json:"reason,omitempty"`
	Date   time.Time `yaml:"date" json:"date,omitzero"`
}

// Mentee is someone the person mentors or has mentored.
type Mentee struct {
	ID        string     `yaml:"id" json:"id"`
	Level     LevelID    `yaml:"level" json:"level"`                     // the mentee's level now
	FromLevel LevelID    `yaml:"from_level" json:"from_level,omitempty"` // level when mentoring started; default Level
	Since     time.Time  `yaml:"since" json:"since"`                     // mentoring started
	Until     time.Time  `yaml:"until" json:"until,omitzero"`            // mentoring ended; zero while it goes on
	Advanced  *bool      `yaml:"advanced" json:"advanced,omitempty"`     // advanced at least one level while mentored; nil: derived from the levels
	Placement *Placement `yaml:"placement" json:"placement,omitempty"`
}

// Placement is a mentee's placement with a client, on which the mentor earns
// a referral cut.
type Placement struct {
	Date        time.Time `json:"date"`
	MonthlyRate Money     `json:"monthly_rate"`
	Until       time.Time `json:"until"` // the placement ended; zero while it runs
}

// placementFile is how a placement is written in a profile.
type placementFile struct {
	Date        time.Time `yaml:"date" json:"date"`
	MonthlyRate string    `yaml:"monthly_rate" json:"monthly_rate"`
	Currency    string    `yaml:"currency" json:"currency"`
	Until       time.Time `yaml:"until" json:"until,omitzero"`
}

// MarshalJSON writes the placement as a profile holds it: the monthly rate
// as a decimal string beside its currency.
func (p Placement) MarshalJSON() ([]byte, error) {
	return jsonform.Marshal(placementFile{Date: p.Date, MonthlyRate: p.MonthlyRate.Decimal(), Currency: p.MonthlyRate.Currency, Until: p.Until})
}

func (p *Placement) unmarshalNode(d *decoder, n *node, path string) {
	var f placementFile
	d.decodeStruct(n, reflect.ValueOf(&f).Elem(), path)
	p.Date, p.Until = f.Date, f.Until
	if field(n, "date") == nil {
		d.addf(n, path, nil, "missing required key %q", "date")
	}
	if field(n, "monthly_rate") == nil {
		d.addf(n, path, nil, "missing required key %q", "monthly_rate")
		return
	}
	m, err := ParseMoney(f.MonthlyRate, f.Currency)
	if err != nil {
		key := "monthly_rate"
		if f.Currency == "" || strings.Contains(err.Error(), "currency") {
			key = "currency"
		}
		at := field(n, key)
		if at == nil {
			at = n
		}
		d.addf(at, d.join(path, key), err, "%v", err)
		return
	}
	p.MonthlyRate = m
}

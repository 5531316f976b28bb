package ladder

import (
	"time"

	"github.com/ladderkit/ladder/internal/jsonform"
)

// Step is one promotion on a person's path up the ladder, as Path projects
// it.
type Step struct {
	From      LevelID   `json:"from"`
	To        LevelID   `json:"to"`
	Published bool      `json:"published"`          // false when the ladder publishes no criteria for the step; it ends the path
	Earliest  time.Time `json:"earliest,omitempty"` // zero when the step's criteria are unpublished or a date it needs is not given
	Needs     []string  `json:"needs"`              // check ids of the step that tenure alone will not clear (assessments, nomination, standards…)
}

// Path projects p's way from their level to the top of the ladder: each
// step with the earliest date the tenure rules allow when every earlier
// step happens on the first day it may, and never before the evaluation
// date. Months at a level count from the day the step into it happens;
// months in the track keep counting from joined. A step whose criteria are
// unpublished ends the path (Published false). For the first step, Needs
// lists the checks unmet or unknown now, waivers count and tenure that is
// unknown (level_since or joined not given) is needed; for later steps,
// Needs lists every check the step makes besides tenure, since they are
// decided at the time. The path of a person at the top level is empty.
func (l *Ladder) Path(p Person, opts ...Option) ([]Step, error) {
	r, err := l.Evaluate(p, opts...)
	if err != nil {
		return nil, err
	}
	steps := []Step{}
	lv := l.byID[r.Level] // the ladder's spelling of p.Level
	joined := civil0(p.Joined)
	var since time.Time // the day the person reaches lv; zero when unknown
	for first := true; lv != nil && lv.def.Promotion != nil; first = false {
		pr := lv.def.Promotion
		st := Step{From: lv.def.ID, To: pr.To, Published: pr.IsPublished()}
		if !st.Published {
			steps = append(steps, st)
			break
		}
		if first {
			known := true
			for _, c := range r.Promotion.Checks {
				if c.Status == Unknown && (c.Kind == KindTenure || c.Kind == KindTrackTenure) {
					known = false
				}
				if c.Status == Unknown || c.Status == Unmet && c.Kind != KindTenure && c.Kind != KindTrackTenure {
					st.Needs = append(st.Needs, c.ID)
				}
			}
			if known {
				st.Earliest = later(r.AsOf, r.Promotion.Earliest)
			}
		} else if !since.IsZero() {
			st.Earliest = since
			if pr.MinMonths != nil {
				st.Earliest = later(st.Earliest, earliestAfter(since, *pr.MinMonths, p.Breaks))
			}
			if pr.MinMonthsInTrack != nil {
				if joined.IsZero() {
					st.Earliest = time.Time{}
				} else {
					st.Earliest = later(st.Earliest, earliestAfter(joined, *pr.MinMonthsInTrack, p.Breaks))
				}
			}
		}
		if !first {
			st.Needs = stepNeeds(lv)
		}
		steps = append(steps, st)
		since = st.Earliest
		lv = l.byID[pr.To]
	}
	return steps, nil
}

// stepNeeds lists the check ids of the promotion from lv besides tenure.
func stepNeeds(lv *level) []string {
	pr := lv.def.Promotion
	var needs []string
	if pr.Nomination != nil && pr.Nomination.Required {
		needs = append(needs, "nomination")
	}
	for _, a := range pr.Assessments {
		needs = append(needs, a.ID)
	}
	for _, r := range pr.Requirements {
		needs = append(needs, r.ID)
	}
	if pr.RequiresStandards() && len(lv.def.Standards) > 0 {
		needs = append(needs, "standards")
	}
	return needs
}

// PathText says a path in one line: "L8 from 2027-03-01 at the earliest;
// L9 from 2030-03-01; L10: criteria unpublished". A path with no steps is
// "at the top level".
func PathText(steps []Step) string {
	if len(steps) == 0 {
		return "at the top level"
	}
	text := steps[0].text()
	if steps[0].Published && !steps[0].Earliest.IsZero() {
		text += " at the earliest"
	}
	if len(steps) > 1 {
		text += "; " + joined(steps[1:], "; ", Step.text)
	}
	return text
}

// text says the step alone: "L9 from 2030-03-01".
func (st Step) text() string {
	switch {
	case !st.Published:
		return string(st.To) + ": criteria unpublished"
	case st.Earliest.IsZero():
		return string(st.To) + ": no date (a date it needs is not given)"
	}
	return string(st.To) + " from " + formatDate(st.Earliest)
}

// MarshalJSON writes the step with snake_case keys and the date as
// YYYY-MM-DD (omitted when zero).
func (s Step) MarshalJSON() ([]byte, error) { return jsonform.MarshalFields(s) }

package ladder

import "github.com/ladderkit/ladder/internal/jsonform"

// Standing is how a person's metrics hold up against one level's ranking
// standard: how many of its standards are met, unmet and unknown.
type Standing struct {
	Level   LevelID `json:"level"`
	Met     int     `json:"met"`
	Unmet   int     `json:"unmet"`
	Unknown int     `json:"unknown"`
}

// MarshalJSON writes the standing with whether it meets the standard:
// {"level", "met", "unmet", "unknown", "meets"}.
func (s Standing) MarshalJSON() ([]byte, error) {
	type fields Standing
	return jsonform.MarshalFields(struct {
		fields
		Meets bool `json:"meets"`
	}{fields(s), s.Meets()})
}

// Meets reports whether the level's standard is fully met: it has
// standards and every one is met.
func (s Standing) Meets() bool { return s.Met > 0 && s.Unmet == 0 && s.Unknown == 0 }

// Standings holds p's metrics against the ranking standard of every level,
// lowest rank first. The highest level whose standard is fully met (see
// Standing.Meets and Supported) is the level the evidence supports: for
// calibration ("meets the L8 standard while at L7"), levelling a new hire,
// and points ladders, where each level's standard is its band of points.
// Built-in inputs (months_at_level, rank, checklist_done…) are the person's
// at their own level.
func (l *Ladder) Standings(p Person, opts ...Option) ([]Standing, error) {
	e, s, err := l.begin(&p, opts)
	if err != nil {
		return nil, err
	}
	defer s.release()
	out := make([]Standing, len(l.levels))
	for i, lv := range l.levels {
		st := Standing{Level: lv.def.ID}
		for _, r := range lv.standards {
			switch e.ruleStatus(r) {
			case Met:
				st.Met++
			case Unmet:
				st.Unmet++
			default:
				st.Unknown++
			}
		}
		out[i] = st
	}
	return out, nil
}

// Supported returns the highest level whose standard is fully met, and
// false when none is.
func Supported(standings []Standing) (LevelID, bool) {
	for i := len(standings) - 1; i >= 0; i-- {
		if standings[i].Meets() {
			return standings[i].Level, true
		}
	}
	return "", false
}

// ruleStatus evaluates r: met, unmet, or unknown when an input it reads is
// not given or it cannot be evaluated.
func (e *evaluation) ruleStatus(r *rule) Status {
	for _, name := range r.reads {
		if e.missingField(name) != "" {
			return Unknown
		}
	}
	out, err := e.vm.Run(r.prog, e.env)
	if err != nil {
		return Unknown
	}
	if ok, _ := out.(bool); ok {
		return Met
	}
	return Unmet
}

package ladder

import (
	"fmt"
	"strings"
)

// unrecorded is the set of a person's list fields that their input had no
// place for (Person.Unrecorded), as bits.
type unrecorded uint8

const (
	unrecordedHistory unrecorded = 1 << iota
	unrecordedAssessments
	unrecordedNominations
	unrecordedWaivers
	unrecordedMentees
	unrecordedMentor
	unrecordedBreaks

	unrecordedAll = unrecordedBreaks<<1 - 1
)

// unrecordedFields are the names Person.Unrecorded may hold, in profile
// order, by bit.
var unrecordedFields = []struct {
	name string
	bit  unrecorded
}{
	{"history", unrecordedHistory}, {"assessments", unrecordedAssessments}, {"nominations", unrecordedNominations},
	{"waivers", unrecordedWaivers}, {"mentees", unrecordedMentees}, {"mentor", unrecordedMentor}, {"breaks", unrecordedBreaks},
}

func (u unrecorded) has(bit unrecorded) bool { return u&bit != 0 }

// unrecordedNames are the names of the fields in u, in profile order.
func (u unrecorded) names() []string {
	var out []string
	for _, f := range unrecordedFields {
		if u.has(f.bit) {
			out = append(out, f.name)
		}
	}
	return out
}

// parseUnrecorded reads Person.Unrecorded: the set, and the index of the
// first name that is not a list field, or -1.
func parseUnrecorded(names []string) (unrecorded, int) {
	var u unrecorded
	for i, n := range names {
		found := false
		for _, f := range unrecordedFields {
			if f.name == n {
				u, found = u|f.bit, true
			}
		}
		if !found {
			return u, i
		}
	}
	return u, -1
}

// Unrecorded is what a person's input had no place for: the list fields
// of Person.Unrecorded, and how many checks of the report are unknown for
// that.
type Unrecorded struct {
	Fields  []string `json:"fields"`         // in profile order
	Unknown int      `json:"unknown_checks"` // checks unknown because a field is not recorded
}

// String says it in words: "not recorded in this input: assessments,
// mentees (3 checks are unknown for that)".
func (u Unrecorded) String() string {
	msg := "not recorded in this input: " + strings.Join(u.Fields, ", ")
	switch u.Unknown {
	case 0:
		return msg + " (no check is unknown for that)"
	case 1:
		return msg + " (1 check is unknown for that)"
	}
	return msg + fmt.Sprintf(" (%d checks are unknown for that)", u.Unknown)
}

// unrecordedNote counts the checks of r that are unknown because an input
// they read is not recorded.
func (e *evaluation) unrecordedNote(r *Report) *Unrecorded {
	u := &Unrecorded{Fields: e.unrecorded.names()}
	count := func(cs []Check) {
		for _, c := range cs {
			if c.Status != Unknown || c.Kind == KindStandards { // the standards are counted one by one
				continue
			}
			for _, m := range c.Missing {
				field, _, _ := strings.Cut(m, ".")
				if bit, bad := parseUnrecorded([]string{field}); bad < 0 && e.unrecorded.has(bit) {
					u.Unknown++
					break
				}
			}
		}
	}
	count(r.Standards)
	if r.Promotion != nil {
		count(r.Promotion.Checks)
	}
	return u
}

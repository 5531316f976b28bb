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

// unrecordedWarning says which fields the person's input had no place for
// and how many of the report's checks are unknown for that.
func (e *evaluation) unrecordedWarning(r *Report) []string {
	unknown := 0
	count := func(cs []Check) {
		for _, c := range cs {
			if c.Status != Unknown || c.Kind == KindStandards { // the standards are counted one by one
				continue
			}
			for _, m := range c.Missing {
				field, _, _ := strings.Cut(m, ".")
				if _, i := parseUnrecorded([]string{field}); i < 0 {
					unknown++
					break
				}
			}
		}
	}
	count(r.Standards)
	if r.Promotion != nil {
		count(r.Promotion.Checks)
	}
	msg := fmt.Sprintf("not recorded in this input: %s", strings.Join(e.unrecorded.names(), ", "))
	switch unknown {
	case 0:
		msg += " (no check is unknown for that)"
	case 1:
		msg += " (1 check is unknown for that)"
	default:
		msg += fmt.Sprintf(" (%d checks are unknown for that)", unknown)
	}
	return []string{msg}
}

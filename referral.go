package ladder

import (
	"slices"
	"strings"
	"time"

	"github.com/ladderkit/ladder/internal/jsonform"
)

// Referral is a mentor's referral cut on one placed mentee: Monthly (the
// mentee's monthly rate times the mentor's percent, rounded half up to the
// minor unit) for each of Months months of the window [Start, End).
type Referral struct {
	Mentee    string         `json:"mentee"`
	Level     LevelID        `json:"level"` // the mentor's level on the placement date, whose terms apply; "" when not recorded
	Percent   Percent        `json:"percent"`
	Months    int            `json:"months"`
	Start     time.Time      `json:"start"`         // the placement date
	End       time.Time      `json:"end,omitempty"` // Start plus Months months
	Monthly   Money          `json:"monthly"`
	Earned    Money          `json:"earned"`            // months ended on or before the evaluation date while the placement ran
	Remaining Money          `json:"remaining"`         // months still to be earned if the placement keeps running
	Status    ReferralStatus `json:"status"`            // upcoming | active | complete | ended | ineligible | unpublished | unknown
	Reason    string         `json:"reason,omitempty"`  // why ineligible, ended, unpublished or unknown, and what would settle it
	Missing   []string       `json:"missing,omitempty"` // when unknown: the profile fields that would settle it
	// MonthsEarned is how many months are earned; PlacementEnd is when the
	// placement ended, zero while it runs. Schedule uses both.
	MonthsEarned int       `json:"months_earned"`
	PlacementEnd time.Time `json:"-"`
}

// MarshalJSON writes the referral as in a report, with its schedule, and
// without a percent when the terms are unpublished (Months is 0).
func (r Referral) MarshalJSON() ([]byte, error) { return jsonform.MarshalFields(r.jsonView()) }

// referralJSON is a referral as MarshalJSON writes it.
type referralJSON struct {
	referralFields
	Percent  *Percent        `json:"percent,omitempty"`
	Schedule []ReferralMonth `json:"schedule,omitempty"`
}

type referralFields Referral

func (r *Referral) jsonView() referralJSON {
	j := referralJSON{referralFields: referralFields(*r), Schedule: r.Schedule()}
	if r.Months > 0 {
		j.Percent = &r.Percent
	}
	return j
}

// ReferralStatus is where a referral stands on the evaluation date.
type ReferralStatus string

// The statuses of a referral.
const (
	ReferralUpcoming    ReferralStatus = "upcoming"    // the placement starts after the evaluation date
	ReferralActive      ReferralStatus = "active"      // months are still being earned
	ReferralComplete    ReferralStatus = "complete"    // every month of the window is earned
	ReferralEnded       ReferralStatus = "ended"       // the placement ended before the window did
	ReferralIneligible  ReferralStatus = "ineligible"  // the mentor earns no cut on this mentee
	ReferralUnpublished ReferralStatus = "unpublished" // the ladder publishes no terms for this referral
	ReferralUnknown     ReferralStatus = "unknown"     // the profile does not record what the terms depend on (Missing names it)
)

// String returns the status as a lower-case word.
func (s ReferralStatus) String() string { return string(s) }

// Pays reports whether the referral earns anything: false when it is
// ineligible, or its terms are unpublished or unknown.
func (r Referral) Pays() bool {
	return r.Status != ReferralIneligible && r.Status != ReferralUnpublished && r.Status != ReferralUnknown
}

// ReferralMonth is one month of a referral's schedule.
type ReferralMonth struct {
	Start  time.Time   `json:"start"` // the month covers [Start, next month's Start)
	Amount Money       `json:"amount"`
	Status MonthStatus `json:"status"` // earned | due | forfeited
}

// MarshalJSON writes the month as in a report.
func (m ReferralMonth) MarshalJSON() ([]byte, error) { return jsonform.MarshalFields(m) }

// MonthStatus is where one month of a referral's schedule stands.
type MonthStatus string

// The statuses of a referral month.
const (
	MonthEarned    MonthStatus = "earned"    // ended on or before the evaluation date while the placement ran
	MonthDue       MonthStatus = "due"       // still to be earned
	MonthForfeited MonthStatus = "forfeited" // the placement ended first
)

// String returns the status as a lower-case word.
func (s MonthStatus) String() string { return string(s) }

// Schedule returns the referral month by month, for payroll export. An
// ineligible or unpublished referral has no schedule. A schedule lists at
// most the 1,199 months a ladder may give a referral, and stops at
// 9999-12-31.
func (r Referral) Schedule() []ReferralMonth {
	if !r.Pays() || r.Months <= 0 {
		return nil
	}
	n := min(r.Months, maxMonths-1)
	for n > 0 && AddMonths(r.Start, n-1).Equal(lastDate) {
		n-- // months starting on the last date are never reached
	}
	out := make([]ReferralMonth, n)
	for i := range out {
		start, end := AddMonths(r.Start, i), AddMonths(r.Start, i+1)
		st := MonthDue
		switch {
		case i < r.MonthsEarned:
			st = MonthEarned
		case !r.PlacementEnd.IsZero() && end.After(r.PlacementEnd):
			st = MonthForfeited
		}
		out[i] = ReferralMonth{Start: start, Amount: r.Monthly, Status: st}
	}
	return out
}

// mentorship counts the active mentees against the level's slots. Issues
// are what breaks a published rule: slots exceeded, a mentee who was not the
// person's to mentor, a mentor who does not qualify. Notes say what the
// ladder or the profile leaves open: a mentee whose range is unknown, a
// mentee the mentee's own level prescribes though outside the range (whose
// slot and referral are not published), a mentee at or above the person's
// level, no mentor recorded.
//
// A report of one note keeps it in *one, which the report holds.
func (e *evaluation) mentorship(one *[1]string) Mentorship {
	var m Mentorship
	def := e.lv.def.Mentorship
	if def != nil && def.Slots != nil {
		m.Published, m.Slots = true, *def.Slots
	}
	id := e.lv.def.ID
	var prescribed []string // active mentees outside the range whose own level names the person's as their mentor
	t := &e.t
	for i, me := range e.p.Mentees {
		if !menteeActive(me, e.asOf) {
			continue
		}
		m.Active++
		st, began := e.ranges[i].st, e.ranges[i].began
		from := fromLevel(me)
		switch st {
		case rangeOut:
			switch {
			case began.menteeMin == 0 && began == e.lv:
				// the level has no slots: the slot count says it
			case began.menteeMin == 0:
				m.Issues = append(m.Issues, sprintf("mentee %s started at %s while the mentor was %s, which has no mentee slots", me.ID, from, began.def.ID))
			case began == e.lv:
				m.Issues = append(m.Issues, sprintf("mentee %s started at %s, outside the %s mentee range %s", me.ID, from, id, rangeText(def.MenteeLevels)))
			default:
				m.Issues = append(m.Issues, sprintf("mentee %s started at %s, outside the %s mentee range %s (the mentor's level when mentoring began)",
					me.ID, from, began.def.ID, rangeText(began.def.Mentorship.MenteeLevels)))
			}
		case rangePrescribed:
			prescribed = append(prescribed, me.ID)
			m.Notes = append(m.Notes, sprintf("mentee %s started at %s, %s, but %s, so the mentoring is in order; whether it takes a slot or earns a referral cut is not published",
				me.ID, from, outsideRange(began), e.mentoredBy(from)))
		case rangeUnpublished:
			if began == e.lv {
				break // the level publishes no slots: the slot count says it
			}
			fallthrough
		case rangeNoRecord:
			mk := t.mark()
			t.str("not known whether mentee ").str(me.ID).str(" was in range: ")
			e.rangeWhy(me)
			m.Notes = append(m.Notes, t.since(mk))
		}
		if r := e.l.byID[me.Level]; r.def.Rank == e.lv.def.Rank {
			m.Notes = append(m.Notes, sprintf("mentee %s is now %s, the mentor's own level", me.ID, me.Level))
		} else if r.def.Rank > e.lv.def.Rank {
			m.Notes = append(m.Notes, sprintf("mentee %s is now %s, above the mentor's level %s", me.ID, me.Level, id))
		}
	}
	m.Prescribed = len(prescribed)
	slotted := m.Active - m.Prescribed // the active mentees that surely take a slot
	switch {
	case m.Published && slotted > m.Slots && m.Slots == 0:
		m.Issues = append([]string{sprintf("%s has no mentee slots, but %s", id, plural(slotted, "mentee is active", "mentees are active"))}, m.Issues...)
	case m.Published && slotted > m.Slots:
		m.Issues = append([]string{sprintf("%s for %s at %s: %d over", plural(slotted, "active mentee", "active mentees"), plural(m.Slots, "slot", "slots"), id, slotted-m.Slots)}, m.Issues...)
	case m.Published && m.Active > m.Slots:
		m.Notes = append(m.Notes, sprintf("with %s, %s for %s at %s: whether such mentoring takes a slot is not published",
			strings.Join(prescribed, ", "), plural(m.Active, "mentee is active", "mentees are active"), plural(m.Slots, "slot", "slots"), id))
	case !m.Published && slotted > 0:
		m.Issues = append([]string{sprintf("%s publishes no mentee slots; %s", id, plural(m.Active, "mentee is active", "mentees are active"))}, m.Issues...)
	case !m.Published && m.Active > 0:
		m.Notes = append(m.Notes, sprintf("%s publishes no mentee slots; %s, mentoring in order as above", id, plural(m.Active, "mentee is active", "mentees are active")))
	}
	if is := e.mentorIssue(); is != "" {
		m.Issues = append(m.Issues, is)
	}
	if note := e.noMentorNote(); note != "" {
		if m.Notes == nil {
			one[0] = note
			m.Notes = one[:]
		} else {
			m.Notes = append(m.Notes, note)
		}
	}
	return m
}

func fromLevel(m Mentee) LevelID {
	if m.FromLevel != "" {
		return m.FromLevel
	}
	return m.Level
}

func rangeText(r *LevelRange) string {
	if r.Min == r.Max {
		return string(r.Min)
	}
	return string(r.Min) + "–" + string(r.Max)
}

// levelOn returns the person's level on date, or nil when the profile does
// not record it. From level_since on it is the current level; before, it is
// the level of the history entry that covers the date: the latest one on
// or before it, which covers the dates up to the next entry, and the last
// one up to level_since. Without level_since it is not known when the last
// entry ended and the current level began, so a date from the last entry
// on is the current level only when that entry is the current level too. A
// date that no entry covers is not recorded: the current level is not
// assumed for it.
func (e *evaluation) levelOn(date time.Time) *level {
	if !e.p.LevelSince.IsZero() && !date.Before(civil(e.p.LevelSince)) {
		return e.lv
	}
	var at *level
	for i, h := range e.p.History {
		if civil(h.Since).After(date) {
			break // history is oldest first
		}
		at = e.l.byID[h.Level]
		if i == len(e.p.History)-1 && e.p.LevelSince.IsZero() && at != e.lv {
			at = nil
		}
	}
	return at
}

// referrals computes the referral cut on every placed mentee, and the
// earned and remaining totals per currency over the eligible ones. It fails
// only when an amount does not fit in int64 minor units.
func (e *evaluation) referrals() (refs []Referral, earned, remaining []Money, err error) {
	for i, me := range e.p.Mentees {
		if me.Placement == nil {
			continue
		}
		r, ok := e.referral(me, e.ranges[i])
		if ok && r.Pays() { // ineligible and unpublished referrals earn nothing in any currency
			earned, ok = addTotal(earned, r.Earned)
			if ok {
				remaining, ok = addTotal(remaining, r.Remaining)
			}
		}
		if !ok {
			return nil, nil, nil, ProfileErrors{{Path: indexPath("mentees", i) + ".placement.monthly_rate",
				Message: "referral amounts are too large to compute exactly in int64 minor units"}}
		}
		refs = append(refs, r)
	}
	return refs, earned, remaining, nil
}

// addTotal adds m to the total of its currency, keeping totals sorted by
// currency. It reports false on overflow.
func addTotal(totals []Money, m Money) ([]Money, bool) {
	i, found := slices.BinarySearchFunc(totals, m.Currency, func(t Money, c string) int { return strings.Compare(t.Currency, c) })
	if !found {
		return slices.Insert(totals, i, m), true
	}
	s, err := totals[i].Add(m)
	if err != nil {
		return totals, false // the total stays the last exact sum
	}
	totals[i] = s
	return totals, true
}

// referral computes the cut on one placed mentee; ok is false when an
// amount overflows.
func (e *evaluation) referral(me Mentee, span menteeSpan) (r Referral, ok bool) {
	pl := me.Placement
	start := civil(pl.Date)
	r = Referral{Mentee: me.ID, Start: start, Monthly: Money{Currency: pl.MonthlyRate.Currency},
		Earned: Money{Currency: pl.MonthlyRate.Currency}, Remaining: Money{Currency: pl.MonthlyRate.Currency},
		PlacementEnd: civil0(pl.Until)}
	mentor := e.levelOn(start)
	if mentor == nil {
		r.Status, r.Missing = ReferralUnknown, e.levelMissing()
		r.Reason = sprintf("the mentor's level on the placement date %s is not recorded, so neither are the terms%s", formatDate(start), e.levelSettle())
		return r, true
	}
	r.Level = mentor.def.ID
	def := mentor.def.Mentorship
	if def == nil || def.Referral == nil {
		r.Status, r.Reason = ReferralUnpublished, sprintf("%s publishes no referral terms", mentor.def.ID)
		return r, true
	}
	r.Percent, r.Months = def.Referral.Percent, def.Referral.Months
	r.End = AddMonths(start, r.Months)
	switch began := span.began; span.st {
	case rangeNoRecord:
		r.Status, r.Missing = ReferralUnknown, e.levelMissing()
		r.Reason = sprintf("whether %s was the mentor's to mentor is not known: the mentor's level on %s, when mentoring began, is not recorded%s",
			me.ID, formatDate(civil(me.Since)), e.levelSettle())
		return r, true
	case rangeUnpublished:
		r.Status = ReferralUnpublished
		r.Reason = sprintf("whether %s was the mentor's to mentor is not published: %s, the mentor's level when mentoring began, publishes no mentee range", me.ID, began.def.ID)
		return r, true
	case rangePrescribed:
		r.Status = ReferralUnpublished
		r.Reason = sprintf("mentee started at %s, %s, but %s, so the mentoring is in order; no referral terms are published for it",
			fromLevel(me), outsideRange(began), e.mentoredBy(fromLevel(me)))
		return r, true
	case rangeOut:
		r.Status = ReferralIneligible
		if began.menteeMin == 0 {
			r.Reason = sprintf("mentee started at %s while the mentor was %s, which has no mentee slots", fromLevel(me), began.def.ID)
		} else {
			r.Reason = sprintf("mentee started at %s, outside the %s mentee range%s when mentoring began", fromLevel(me), began.def.ID, rangeSuffix(began))
		}
		return r, true
	}
	monthly, err := pl.MonthlyRate.Cut(r.Percent)
	if err != nil {
		r.Status, r.Reason = ReferralIneligible, "the monthly cut cannot be computed: "+err.Error()
		return r, true
	}
	r.Monthly = monthly
	// Month i ends on AddMonths(start, i+1): it is earned when that is on or
	// before the evaluation date and the placement ran until then.
	runs := r.Months // months the placement runs through
	if !r.PlacementEnd.IsZero() {
		runs = max(0, min(r.Months, MonthsBetween(start, r.PlacementEnd)))
	}
	r.MonthsEarned = max(0, min(runs, MonthsBetween(start, e.asOf)))
	due := runs - r.MonthsEarned // months that can still be earned
	var okE, okR bool
	r.Earned, okE = times(monthly, r.MonthsEarned)
	r.Remaining, okR = times(monthly, due)
	if !okE || !okR {
		return r, false
	}
	switch {
	case e.asOf.Before(start):
		r.Status = ReferralUpcoming
	case r.MonthsEarned == r.Months:
		r.Status = ReferralComplete
	case !r.PlacementEnd.IsZero() && !e.asOf.Before(r.PlacementEnd):
		r.Status = ReferralEnded
		r.Reason = sprintf("the placement ended on %s, %d of %d months in", formatDate(r.PlacementEnd), r.MonthsEarned, r.Months)
	default:
		r.Status = ReferralActive
	}
	return r, true
}

// times returns m × n, or false when the product overflows.
func times(m Money, n int) (Money, bool) {
	if n != 0 && m.Amount > (1<<63-1)/int64(n) {
		return Money{}, false
	}
	return Money{Amount: m.Amount * int64(n), Currency: m.Currency}, true
}

// rangeSuffix is " L1–L3", the level's mentee range, or "" when it
// publishes none.
func rangeSuffix(lv *level) string {
	if def := lv.def.Mentorship; def != nil && def.MenteeLevels != nil {
		return " " + rangeText(def.MenteeLevels)
	}
	return ""
}

// outsideRange says where a mentee stood against the mentee range of the
// mentor's level lv: "outside the L5 mentee range L1–L3", "and L10
// publishes no mentee range", "and L3 has no mentee slots".
func outsideRange(lv *level) string {
	def := lv.def.Mentorship
	switch {
	case def != nil && def.MenteeLevels != nil:
		return "outside the " + string(lv.def.ID) + " mentee range " + rangeText(def.MenteeLevels)
	case def != nil && def.Slots != nil && *def.Slots == 0:
		return "and " + string(lv.def.ID) + " has no mentee slots"
	}
	return "and " + string(lv.def.ID) + " publishes no mentee range"
}

// mentoredBy says who mentors a holder of the level, by its mentor rule:
// "an L4 is mentored by L5 or above, or the role worca-leadership".
func (e *evaluation) mentoredBy(id LevelID) string {
	return "an " + string(id) + " is mentored by " + e.l.byID[id].def.Mentorship.Mentor.String()
}

// levelMissing names the profile fields that would record the person's
// level on a date before their current level.
func (e *evaluation) levelMissing() []string {
	if e.p.LevelSince.IsZero() {
		return []string{"level_since", "history"}
	}
	return []string{"history"}
}

// levelSettle says what would record the person's level on such a date.
func (e *evaluation) levelSettle() string {
	if e.p.LevelSince.IsZero() {
		return " (level_since is not given, and no history entry covers it): give level_since, or the history of levels"
	}
	return sprintf(" (before level_since %s, and no history entry covers it): add the history of levels", formatDate(e.p.LevelSince))
}

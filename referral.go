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
	Level     LevelID        `json:"level"` // the mentor's level on the placement date, whose terms apply
	Percent   Percent        `json:"percent"`
	Months    int            `json:"months"`
	Start     time.Time      `json:"start"`         // the placement date
	End       time.Time      `json:"end,omitempty"` // Start plus Months months
	Monthly   Money          `json:"monthly"`
	Earned    Money          `json:"earned"`           // months ended on or before the evaluation date while the placement ran
	Remaining Money          `json:"remaining"`        // months still to be earned if the placement keeps running
	Status    ReferralStatus `json:"status"`           // upcoming | active | complete | ended | ineligible | unpublished
	Reason    string         `json:"reason,omitempty"` // why ineligible or ended
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
	ReferralUnpublished ReferralStatus = "unpublished" // the mentor's level publishes no referral terms
)

// String returns the status as a lower-case word.
func (s ReferralStatus) String() string { return string(s) }

// Pays reports whether the referral earns anything: false when it is
// ineligible or its terms are unpublished.
func (r Referral) Pays() bool {
	return r.Status != ReferralIneligible && r.Status != ReferralUnpublished
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

// mentorship counts the active mentees against the level's slots and
// reports slots exceeded and mentees outside the level's range.
func (e *evaluation) mentorship() Mentorship {
	var m Mentorship
	def := e.lv.def.Mentorship
	if def != nil && def.Slots != nil {
		m.Published, m.Slots = true, *def.Slots
	}
	for _, me := range e.p.Mentees {
		if !menteeActive(me, e.asOf) {
			continue
		}
		m.Active++
		if e.lv.menteeMin == 0 {
			continue
		}
		from := fromLevel(me)
		if r := e.l.byID[from].def.Rank; r < e.lv.menteeMin || r > e.lv.menteeMax {
			m.Issues = append(m.Issues, sprintf("mentee %s started at %s, outside the %s mentee range %s", me.ID, from, e.lv.def.ID, rangeText(def.MenteeLevels)))
		}
	}
	id := e.lv.def.ID
	switch {
	case m.Published && m.Active > m.Slots && m.Slots == 0:
		m.Issues = append([]string{sprintf("%s has no mentee slots, but %s", id, plural(m.Active, "mentee is active", "mentees are active"))}, m.Issues...)
	case m.Published && m.Active > m.Slots:
		m.Issues = append([]string{sprintf("%s for %s at %s: %d over", plural(m.Active, "active mentee", "active mentees"), plural(m.Slots, "slot", "slots"), id, m.Active-m.Slots)}, m.Issues...)
	case !m.Published && m.Active > 0:
		m.Issues = append([]string{sprintf("%s publishes no mentee slots; %s", id, plural(m.Active, "mentee is active", "mentees are active"))}, m.Issues...)
	}
	if is := e.mentorIssue(); is != "" {
		m.Issues = append(m.Issues, is)
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

// levelOn returns the person's level on date: the latest history entry on
// or before it, or the current level when the date is on or after
// level_since or no history entry covers it. A history entry covers the
// dates up to the next entry, and the last one up to level_since; without
// level_since it is unknown when the last entry ended, so it covers no date
// (the current level applies) while earlier entries still do.
func (e *evaluation) levelOn(date time.Time) *level {
	if !e.p.LevelSince.IsZero() && !date.Before(civil(e.p.LevelSince)) {
		return e.lv
	}
	at := e.lv
	for i, h := range e.p.History {
		if civil(h.Since).After(date) {
			break // history is oldest first
		}
		if i == len(e.p.History)-1 && e.p.LevelSince.IsZero() {
			at = e.lv
		} else {
			at = e.l.byID[h.Level]
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
		r, ok := e.referral(me)
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
func (e *evaluation) referral(me Mentee) (r Referral, ok bool) {
	pl := me.Placement
	start := civil(pl.Date)
	r = Referral{Mentee: me.ID, Start: start, Monthly: Money{Currency: pl.MonthlyRate.Currency},
		Earned: Money{Currency: pl.MonthlyRate.Currency}, Remaining: Money{Currency: pl.MonthlyRate.Currency},
		PlacementEnd: civil0(pl.Until)}
	mentor := e.levelOn(start)
	r.Level = mentor.def.ID
	def := mentor.def.Mentorship
	if def == nil || def.Referral == nil {
		r.Status, r.Reason = ReferralUnpublished, sprintf("%s publishes no referral terms", mentor.def.ID)
		return r, true
	}
	r.Percent, r.Months = def.Referral.Percent, def.Referral.Months
	r.End = AddMonths(start, r.Months)
	if mentor.menteeMin > 0 {
		from := fromLevel(me)
		if rk := e.l.byID[from].def.Rank; rk < mentor.menteeMin || rk > mentor.menteeMax {
			r.Status = ReferralIneligible
			r.Reason = sprintf("mentee started at %s, outside the %s mentee range %s on the placement date", from, mentor.def.ID, rangeText(def.MenteeLevels))
			return r, true
		}
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

package ladder

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ladderkit/ladder/internal/jsonform"
)

// maxListed is how many people a Cycle names in each of its lists (invalid
// records, soon eligible); beyond it, they are only counted, so a cycle
// over millions of people stays small.
const maxListed = 100

// Cycle sums up a promotion cycle over many people: who is where and with
// what verdict, what blocks them, who becomes eligible by a date, mentee
// slots and referral money. Add each Result of EvaluateStream (or
// EvaluateAll) to it; its size does not grow with the number of people,
// except for lists capped at 100 names. Render it with Text, Markdown or
// JSON.
type Cycle struct {
	AsOf time.Time `json:"as_of"` // the evaluation date, from the first report
	// By is the end of the window for Soon: people whose promotion only
	// waits for tenure that is reached on or before By. Zero: no window.
	By       time.Time     `json:"by,omitempty"`
	People   int           `json:"people"`           // records added, valid or not
	Invalid  int           `json:"invalid"`          // records that could not be evaluated
	Failures []CycleFailed `json:"failures"`         // the first of them, in input order
	Levels   []CycleLevel  `json:"levels"`           // people per level and verdict, in level order
	Unmet    []CheckCount  `json:"unmet"`            // unmet checks by id (a ranking standard as its unmet standards), in the order first seen
	Unknown  []CheckCount  `json:"unknown"`          // checks with missing inputs by id, likewise
	Soon     []CycleSoon   `json:"eligible_by"`      // who becomes eligible by By, earliest first (the first 100 added)
	SoonMore int           `json:"eligible_by_more"` // how many more become eligible by By than Soon lists
	Mentees  CycleMentees  `json:"mentees"`
	Earned   []Money       `json:"earned"` // referral cuts earned as of AsOf, per currency
	Due      []Money       `json:"due"`    // referral cuts still to come, per currency
	// Uncounted is how many people's referral cuts are left out of Earned
	// and Due, whole, because adding them would overflow int64 minor units
	// (see [Totals]); Text, Markdown and JSON say so.
	Uncounted int `json:"money_uncounted,omitempty"`
	// Unrecorded sums up what the people's inputs had no place for (see
	// Report.Unrecorded); nil when every input recorded everything.
	Unrecorded *CycleUnrecorded `json:"unrecorded,omitempty"`
}

// CycleUnrecorded sums up the people whose input had no place for some
// list fields: how many, which fields, and how many of their checks are
// unknown for that.
type CycleUnrecorded struct {
	People  int      `json:"people"`
	Fields  []string `json:"fields"` // in the order first met
	Unknown int      `json:"unknown_checks"`
}

// Warnings say, in words, what the cycle could not take into account.
func (c *Cycle) Warnings() []string {
	u := c.Unrecorded
	if u == nil {
		return nil
	}
	return []string{sprintf("not recorded in the input of %s: %s (%s unknown for that)",
		plural(u.People, "person", "people"), strings.Join(u.Fields, ", "), plural(u.Unknown, "check is", "checks are"))}
}

// CycleFailed is a record of a cycle that could not be evaluated.
type CycleFailed struct {
	Index int    `json:"index"`          // position in the input, from 0
	Line  int    `json:"line,omitempty"` // line in the stream, when known
	ID    string `json:"id,omitempty"`   // the person's id, when it could be read
	Name  string `json:"name,omitempty"` // the person's name, likewise
	Error string `json:"error"`          // the first problem
}

// CycleLevel counts the people of one level by verdict.
type CycleLevel struct {
	Level        LevelID `json:"level"`
	People       int     `json:"people"`
	Eligible     int     `json:"eligible"`
	NotEligible  int     `json:"not_eligible"`
	Undetermined int     `json:"undetermined"`
	TopLevel     int     `json:"top_level"` // people at the top of the track
}

// CheckCount is how many people a check (by id) held back.
type CheckCount struct {
	ID     string `json:"id"`
	Name   string `json:"name"` // as in the first report seen
	People int    `json:"people"`
}

// CycleSoon is someone whose promotion waits only for tenure.
type CycleSoon struct {
	Person   string    `json:"person"`
	Name     string    `json:"name,omitempty"`
	Level    LevelID   `json:"level"`
	To       LevelID   `json:"to"`
	Earliest time.Time `json:"earliest"`
}

// MarshalJSON writes the entry with its date as YYYY-MM-DD.
func (s CycleSoon) MarshalJSON() ([]byte, error) { return jsonform.MarshalFields(s) }

// CycleMentees is the use of mentee slots across the cycle.
type CycleMentees struct {
	Slots   int `json:"slots"`   // published slots of the people who have any
	Active  int `json:"active"`  // mentees being mentored
	Mentors int `json:"mentors"` // people mentoring at least one mentee
	Over    int `json:"over"`    // mentors with more active mentees than slots
}

// Add counts one result into the cycle.
func (c *Cycle) Add(r Result) {
	c.People++
	if r.Err != nil || r.Report == nil {
		c.Invalid++
		if len(c.Failures) < maxListed {
			msg := "no report"
			if r.Err != nil {
				msg, _, _ = strings.Cut(r.Err.Error(), "\n")
			}
			c.Failures = append(c.Failures, CycleFailed{Index: r.Index, Line: r.Line, ID: r.ID, Name: r.Name, Error: msg})
		}
		return
	}
	rep := r.Report
	if c.AsOf.IsZero() {
		c.AsOf = rep.AsOf
	}
	if u := rep.Unrecorded; u != nil {
		if c.Unrecorded == nil {
			c.Unrecorded = &CycleUnrecorded{}
		}
		c.Unrecorded.People++
		c.Unrecorded.Unknown += u.Unknown
		for _, f := range u.Fields {
			if !slices.Contains(c.Unrecorded.Fields, f) {
				c.Unrecorded.Fields = append(c.Unrecorded.Fields, f)
			}
		}
	}
	i, found := slices.BinarySearchFunc(c.Levels, rep.Level, func(l CycleLevel, id LevelID) int {
		return compareNatural(string(l.Level), string(id))
	})
	if !found {
		c.Levels = slices.Insert(c.Levels, i, CycleLevel{Level: rep.Level})
	}
	lv := &c.Levels[i]
	lv.People++
	if p := rep.Promotion; p == nil {
		lv.TopLevel++
	} else {
		switch p.Verdict {
		case Eligible:
			lv.Eligible++
		case NotEligible:
			lv.NotEligible++
		default:
			lv.Undetermined++
		}
		onlyTenure := p.Verdict == NotEligible
		for _, ch := range p.Checks {
			switch ch.Status {
			case Unmet:
				c.Unmet = countCheck(c.Unmet, ch, rep.Standards)
				onlyTenure = onlyTenure && (ch.Kind == KindTenure || ch.Kind == KindTrackTenure)
			case Unknown:
				c.Unknown = countCheck(c.Unknown, ch, rep.Standards)
				onlyTenure = false
			}
		}
		if onlyTenure && !c.By.IsZero() && !p.Earliest.IsZero() && !p.Earliest.After(c.By) {
			if len(c.Soon) < maxListed {
				c.Soon = append(c.Soon, CycleSoon{Person: rep.Person, Name: rep.Name, Level: rep.Level, To: p.To, Earliest: p.Earliest})
			} else {
				c.SoonMore++
			}
		}
	}
	m := rep.Mentorship
	c.Mentees.Slots += m.Slots
	c.Mentees.Active += m.Active
	if m.Active > 0 {
		c.Mentees.Mentors++
		if m.Published && m.Active-m.Prescribed > m.Slots {
			c.Mentees.Over++
		}
	}
	// All of this person's money or none of it.
	earned, due := Totals{sums: c.Earned}, Totals{sums: c.Due}
	if !earned.fits(rep.Totals) || !due.fits(rep.Upcoming) {
		c.Uncounted++
		return
	}
	earned.Add(rep.Totals...)
	due.Add(rep.Upcoming...)
	c.Earned, c.Due = earned.sums, due.sums
}

// countCheck counts a check by id; the ranking standard as a whole counts
// as its standards with the same status.
func countCheck(counts []CheckCount, ch Check, standards []Check) []CheckCount {
	if ch.Kind == KindStandards {
		for _, sc := range standards {
			if sc.Status == ch.Status {
				counts = countCheck(counts, sc, nil)
			}
		}
		return counts
	}
	for i := range counts {
		if counts[i].ID == ch.ID {
			counts[i].People++
			return counts
		}
	}
	return append(counts, CheckCount{ID: ch.ID, Name: ch.Name, People: 1})
}

// byCount orders check counts most frequent first, then by id.
func byCount(counts []CheckCount) []CheckCount {
	out := slices.Clone(counts)
	slices.SortStableFunc(out, func(a, b CheckCount) int {
		if a.People != b.People {
			return b.People - a.People
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}

func (c *Cycle) soon() []CycleSoon {
	out := slices.Clone(c.Soon)
	slices.SortStableFunc(out, func(a, b CycleSoon) int { return a.Earliest.Compare(b.Earliest) })
	return out
}

// The marks of the verdict bars in Text.
const (
	barEligible     = "█"
	barNotEligible  = "▒"
	barUndetermined = "░"
	barTop          = "▪"
	barWidth        = 30
)

func (c *Cycle) heading() string {
	s := fmt.Sprintf("Promotion cycle · %s · as of %s", plural(c.People, "record", "records"), formatDate(c.AsOf))
	if c.Invalid > 0 {
		s += fmt.Sprintf(" · %d invalid", c.Invalid)
	}
	return s
}

// Text renders the cycle for a person at a terminal, with a bar of
// verdicts per level.
func (c *Cycle) Text() string {
	var b strings.Builder
	b.WriteString(c.heading() + "\n\n")
	for _, w := range c.Warnings() {
		b.WriteString("Warning: " + w + "\n\n")
	}
	b.WriteString("Verdicts by level  (" + barEligible + " eligible  " + barNotEligible + " not eligible  " +
		barUndetermined + " undetermined  " + barTop + " top level)\n")
	most := 0
	for _, l := range c.Levels {
		most = max(most, l.People)
	}
	for _, l := range c.Levels {
		cells := func(n int) int { return (n*barWidth + most - 1) / most }
		bars := strings.Repeat(barEligible, cells(l.Eligible)) + strings.Repeat(barNotEligible, cells(l.NotEligible)) +
			strings.Repeat(barUndetermined, cells(l.Undetermined)) + strings.Repeat(barTop, cells(l.TopLevel))
		fmt.Fprintf(&b, "  %s %s %s\n", pad(string(l.Level), 4), pad(bars, barWidth+3), l.countsText())
	}
	if len(c.Levels) == 0 {
		b.WriteString("  nobody evaluated\n")
	}
	writeCounts := func(title string, counts []CheckCount) {
		if len(counts) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n%s\n", title)
		w := 0
		for _, cc := range counts {
			w = max(w, len(cc.ID))
		}
		for _, cc := range byCount(counts) {
			fmt.Fprintf(&b, "  %6d  %s  %s\n", cc.People, pad(cc.ID, w), cc.Name)
		}
	}
	writeCounts("Unmet checks (people)", c.Unmet)
	writeCounts("Unknown checks: not recorded or not published (people)", c.Unknown)
	if !c.By.IsZero() {
		fmt.Fprintf(&b, "\nEligible by %s once tenure is reached: %d\n", formatDate(c.By), len(c.Soon)+c.SoonMore)
		for _, s := range c.soon() {
			fmt.Fprintf(&b, "  %s  %s → %s  %s\n", formatDate(s.Earliest), pad(string(s.Level), 3), pad(string(s.To), 3), who(s.Person, s.Name))
		}
		andMore(&b, "  %s\n", c.SoonMore)
	}
	fmt.Fprintf(&b, "\n%s\n%s\n", c.menteesText(), c.moneyText())
	if c.Invalid > 0 {
		fmt.Fprintf(&b, "\nInvalid records: %d\n", c.Invalid)
		for _, f := range c.Failures {
			fmt.Fprintf(&b, "  %s: %s\n", f.where(), f.Error)
		}
		andMore(&b, "  %s\n", c.Invalid-len(c.Failures))
	}
	return b.String()
}

func (l CycleLevel) countsText() string {
	var parts []string
	for _, p := range []struct {
		n    int
		word string
	}{{l.Eligible, "eligible"}, {l.NotEligible, "not eligible"}, {l.Undetermined, "undetermined"}, {l.TopLevel, "top level"}} {
		if p.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", p.n, p.word))
		}
	}
	return fmt.Sprintf("%d: %s", l.People, strings.Join(parts, ", "))
}

// where is the record and, when they could be read, who it is: "record 17
// (line 17), Maya Chen (maya)".
func (f CycleFailed) where() string {
	s := fmt.Sprintf("record %d", f.Index+1)
	if f.Line > 0 {
		s += fmt.Sprintf(" (line %d)", f.Line)
	}
	switch {
	case f.ID != "":
		s += ", " + who(f.ID, f.Name)
	case f.Name != "":
		s += ", " + f.Name
	}
	return s
}

func who(id, name string) string {
	if name == "" {
		return id
	}
	return name + " (" + id + ")"
}

// Markdown renders the cycle as Markdown tables, for a calibration
// document.
func (c *Cycle) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", mdEscape(c.heading()))
	for _, w := range c.Warnings() {
		fmt.Fprintf(&b, "> **Warning:** %s\n\n", mdEscape(w))
	}
	b.WriteString("## Verdicts by level\n\n| Level | People | Eligible | Not eligible | Undetermined | Top level |\n|---|--:|--:|--:|--:|--:|\n")
	for _, l := range c.Levels {
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %d | %d |\n", mdEscape(string(l.Level)), l.People, l.Eligible, l.NotEligible, l.Undetermined, l.TopLevel)
	}
	writeCounts := func(title string, counts []CheckCount) {
		if len(counts) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n## %s\n\n| Check | Name | People |\n|---|---|--:|\n", title)
		for _, cc := range byCount(counts) {
			fmt.Fprintf(&b, "| `%s` | %s | %d |\n", cc.ID, mdEscape(cc.Name), cc.People)
		}
	}
	writeCounts("Unmet checks", c.Unmet)
	writeCounts("Unknown checks (not recorded or not published)", c.Unknown)
	if !c.By.IsZero() {
		fmt.Fprintf(&b, "\n## Eligible by %s once tenure is reached: %d\n\n", formatDate(c.By), len(c.Soon)+c.SoonMore)
		if len(c.Soon) > 0 {
			b.WriteString("| Earliest | Person | Level | To |\n|---|---|---|---|\n")
			for _, s := range c.soon() {
				fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", formatDate(s.Earliest), mdEscape(who(s.Person, s.Name)), s.Level, s.To)
			}
		}
		andMore(&b, "\n%s.\n", c.SoonMore)
	}
	fmt.Fprintf(&b, "\n## Mentees and referrals\n\n- %s\n- %s\n", c.menteesText(), c.moneyText())
	if c.Invalid > 0 {
		fmt.Fprintf(&b, "\n## Invalid records: %d\n\n| Record | Problem |\n|---|---|\n", c.Invalid)
		for _, f := range c.Failures {
			fmt.Fprintf(&b, "| %s | %s |\n", mdEscape(f.where()), mdEscape(f.Error))
		}
		andMore(&b, "\n%s.\n", c.Invalid-len(c.Failures))
	}
	return b.String()
}

// MarshalJSON writes the cycle with snake_case keys, dates as YYYY-MM-DD,
// money as exact decimals, the checks by count and the eligible by date.
func (c Cycle) MarshalJSON() ([]byte, error) {
	type fields Cycle
	f := struct {
		fields
		Warnings []string `json:"warnings,omitempty"`
	}{fields(c), c.Warnings()}
	f.Unmet, f.Unknown, f.Soon = byCount(c.Unmet), byCount(c.Unknown), c.soon()
	return jsonform.MarshalFields(f)
}

// JSON renders the cycle as indented JSON, ending in a newline.
func (c *Cycle) JSON() ([]byte, error) {
	compact, err := c.MarshalJSON()
	if err != nil {
		return nil, err
	}
	return append(jsonform.Indent(nil, compact), '\n'), nil
}

// andMore writes "… and n more" in format when n is over 0.
func andMore(b *strings.Builder, format string, n int) {
	if n > 0 {
		fmt.Fprintf(b, format, sprintf("… and %d more", n))
	}
}

// menteesText says the use of mentee slots, for Text and Markdown.
func (c *Cycle) menteesText() string {
	return sprintf("Mentees: %d active in %d slots; %s, %d over their slots",
		c.Mentees.Active, c.Mentees.Slots, plural(c.Mentees.Mentors, "mentor", "mentors"), c.Mentees.Over)
}

// moneyText says the referral money, for Text and Markdown.
func (c *Cycle) moneyText() string {
	return sprintf("Referral cuts: earned %s; still to come %s%s", moneyList(c.Earned), moneyList(c.Due), c.uncounted())
}

// uncounted says whose money the totals leave out, if anyone's.
func (c *Cycle) uncounted() string {
	if c.Uncounted == 0 {
		return ""
	}
	return sprintf(" (leaving out the cuts of %s: too large to add exactly)", plural(c.Uncounted, "person", "people"))
}

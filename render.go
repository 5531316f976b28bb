package ladder

import (
	"fmt"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/ladderkit/ladder/internal/jsonform"
)

// This file renders a Report for people (Text, Markdown) and for programs
// (JSON). Every rendering is deterministic: the same report, the same bytes.

// mark is the symbol of a status in text and Markdown.
func mark(s Status) string {
	switch s {
	case Met:
		return "✓"
	case Unmet:
		return "✗"
	case Waived:
		return "~"
	}
	return "?"
}

// bar draws a progress bar of width cells for done out of total.
func bar(done, total, width int) string {
	filled := width
	if total > 0 && done < total {
		filled = max(0, done) * width / total
	}
	return "[" + strings.Repeat("█", filled) + strings.Repeat("░", width-filled) + "]"
}

func pad(s string, width int) string {
	if n := utf8.RuneCountInString(s); n < width {
		return s + strings.Repeat(" ", width-n)
	}
	return s
}

func verdictText(v Verdict) string { return strings.ReplaceAll(string(v), "_", " ") }

// heading returns "Maya Chen (maya) · L7 Sr Product Owner".
func (r *Report) heading() string {
	who := r.Person
	if r.Name != "" {
		who = r.Name + " (" + r.Person + ")"
	}
	lvl := string(r.Level)
	if r.Title != "" {
		lvl += " " + r.Title
	}
	return who + " · " + lvl
}

// Text renders the report for a person at a terminal: a line per check with
// ✓ (met), ✗ (unmet), ? (unknown) or ~ (waived), progress bars for the
// checklist and tenure, dates and reasons.
func (r *Report) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s · as of %s\n", r.heading(), formatDate(r.AsOf))

	b.WriteString("\nRanking standard")
	if len(r.Standards) == 0 {
		b.WriteString(": none published for this level\n")
	} else {
		fmt.Fprintf(&b, " · %d of %d met\n", countStatus(r.Standards, Met), len(r.Standards))
		writeChecks(&b, r.Standards, nil)
	}

	c := r.Checklist
	if c.Total == 0 {
		b.WriteString("\nChecklist: none published for this level\n")
	} else {
		fmt.Fprintf(&b, "\nChecklist %s %d of %d done\n", bar(c.Done, c.Total, 20), c.Done, c.Total)
		if len(c.Missing) > 0 {
			fmt.Fprintf(&b, "  to do: %s\n", strings.Join(c.Missing, ", "))
		}
	}
	if cu := r.Curriculum; cu != nil {
		fmt.Fprintf(&b, "\nCurriculum: %s\n", cu.describe(r.Level))
	}

	if p := r.Promotion; p == nil {
		b.WriteString("\nPromotion: none, this is the top level\n")
	} else {
		fmt.Fprintf(&b, "\nPromotion to %s: %s\n", p.To, strings.ToUpper(verdictText(p.Verdict)))
		if !p.Published {
			b.WriteString("  the ladder publishes no criteria for this step\n")
		}
		writeChecks(&b, p.Checks, r.tenureBar)
		if !p.Earliest.IsZero() {
			fmt.Fprintf(&b, "  earliest date tenure allows: %s\n", formatDate(p.Earliest))
		}
		if len(p.Unlocks) > 0 {
			fmt.Fprintf(&b, "  unlocks at %s:\n", p.To)
			for _, u := range p.Unlocks {
				fmt.Fprintf(&b, "    - %s\n", u)
			}
		}
	}

	m := r.Mentorship
	if m.shown() {
		fmt.Fprintf(&b, "\nMentorship: %s\n", m.use())
		for _, is := range m.Issues {
			fmt.Fprintf(&b, "  ! %s\n", is)
		}
		for _, n := range m.Notes {
			fmt.Fprintf(&b, "  note: %s\n", n)
		}
	}

	if len(r.Referrals) > 0 {
		b.WriteString("\nReferrals\n")
		w := 0
		for _, f := range r.Referrals {
			w = max(w, utf8.RuneCountInString(f.Mentee))
		}
		for _, f := range r.Referrals {
			fmt.Fprintf(&b, "  %s  %s\n", pad(f.Mentee, w), referralLine(f, r.Level))
		}
		if len(r.Totals) > 0 {
			fmt.Fprintf(&b, "  earned in all: %s; still to come: %s\n", moneyList(r.Totals), moneyList(r.Upcoming))
		}
	}
	return b.String()
}

// tenureBar returns a progress bar for tenure checks, "" for others.
func (r *Report) tenureBar(c Check) string {
	if c.Kind != KindTenure && c.Kind != KindTrackTenure || c.Status == Unknown {
		return ""
	}
	var done, total int
	if _, err := fmt.Sscanf(c.Detail, "%d of %d", &done, &total); err == nil {
		return bar(done, total, 10) + " "
	}
	return bar(1, 1, 10) + " "
}

func writeChecks(b *strings.Builder, checks []Check, extra func(Check) string) {
	w := 0
	for _, c := range checks {
		w = max(w, utf8.RuneCountInString(c.Name))
	}
	for _, c := range checks {
		x := ""
		if extra != nil {
			x = extra(c)
		}
		fmt.Fprintf(b, "  %s %s  %s%s\n", mark(c.Status), pad(c.Name, w), x, c.Detail)
		if len(c.Gaps) > 0 {
			fmt.Fprintf(b, "      %s→ %s\n", pad("", w), gapsText(c.Gaps))
		}
	}
}

func countStatus(checks []Check, s Status) int {
	n := 0
	for _, c := range checks {
		if c.Status == s {
			n++
		}
	}
	return n
}

// shown reports whether a report says anything of the mentorship.
func (m Mentorship) shown() bool {
	return m.Slots > 0 || m.Active > 0 || len(m.Issues) > 0 || len(m.Notes) > 0
}

// use says how the slots are used: "2 of 3 slots in use", "1 active
// mentee, slots not published".
func (m Mentorship) use() string {
	if m.Published && m.Prescribed > 0 {
		return sprintf("%d of %s in use, and %s whose slot is not published", m.Active-m.Prescribed, plural(m.Slots, "slot", "slots"),
			plural(m.Prescribed, "mentee", "mentees"))
	}
	if m.Published {
		return sprintf("%d of %s in use", m.Active, plural(m.Slots, "slot", "slots"))
	}
	return plural(m.Active, "active mentee", "active mentees") + ", slots not published"
}

// referralLine describes a referral on one line; now is the mentor's level
// now, and terms of another level say whose they are.
func referralLine(f Referral, now LevelID) string {
	if !f.Pays() {
		return string(f.Status) + ": " + f.Reason
	}
	terms := ""
	if f.Level != now {
		terms = string(f.Level) + " terms (the level on the placement date): "
	}
	s := fmt.Sprintf("%s%s for %d months, %s to %s: %s a month, earned %s, remaining %s, %s",
		terms, f.Percent, f.Months, formatDate(f.Start), formatDate(f.End), f.Monthly, f.Earned, f.Remaining, f.Status)
	if f.Reason != "" {
		s += " (" + f.Reason + ")"
	}
	return s
}

func moneyList(ms []Money) string {
	if len(ms) == 0 {
		return "nothing"
	}
	return joined(ms, ", ", Money.String)
}

// Markdown renders the report as Markdown, a table per section, to paste
// into a ticket or a calibration document.
func (r *Report) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "## %s\n\nAs of %s.\n", mdEscape(r.heading()), formatDate(r.AsOf))

	fmt.Fprintf(&b, "\n### Ranking standard\n\n")
	if len(r.Standards) == 0 {
		b.WriteString("None published for this level.\n")
	} else {
		fmt.Fprintf(&b, "%d of %d met.\n\n", countStatus(r.Standards, Met), len(r.Standards))
		mdChecks(&b, r.Standards)
	}

	c := r.Checklist
	b.WriteString("\n### Checklist\n\n")
	if c.Total == 0 {
		b.WriteString("None published for this level.\n")
	} else {
		fmt.Fprintf(&b, "%d of %d done.", c.Done, c.Total)
		if len(c.Missing) > 0 {
			fmt.Fprintf(&b, " To do: %s.", "`"+strings.Join(c.Missing, "`, `")+"`")
		}
		b.WriteString("\n")
	}
	if cu := r.Curriculum; cu != nil {
		d := cu.describe(r.Level)
		fmt.Fprintf(&b, "\n### Curriculum\n\n%s.\n", mdEscape(strings.ToUpper(d[:1])+d[1:]))
	}

	if p := r.Promotion; p == nil {
		b.WriteString("\n### Promotion\n\nNone: this is the top level.\n")
	} else {
		fmt.Fprintf(&b, "\n### Promotion to %s: %s\n\n", p.To, verdictText(p.Verdict))
		if !p.Published {
			b.WriteString("The ladder publishes no criteria for this step.\n")
		} else {
			mdChecks(&b, p.Checks)
		}
		if !p.Earliest.IsZero() {
			fmt.Fprintf(&b, "\nEarliest date tenure allows: **%s**.\n", formatDate(p.Earliest))
		}
		if len(p.Unlocks) > 0 {
			fmt.Fprintf(&b, "\nUnlocks at %s:\n\n", p.To)
			for _, u := range p.Unlocks {
				fmt.Fprintf(&b, "- %s\n", mdEscape(u))
			}
		}
	}

	m := r.Mentorship
	if m.shown() {
		fmt.Fprintf(&b, "\n### Mentorship\n\n%s.\n", m.use())
		for _, is := range m.Issues {
			fmt.Fprintf(&b, "\n- %s", mdEscape(is))
		}
		for _, n := range m.Notes {
			fmt.Fprintf(&b, "\n- Note: %s", mdEscape(n))
		}
		if len(m.Issues)+len(m.Notes) > 0 {
			b.WriteString("\n")
		}
	}

	if len(r.Referrals) > 0 {
		b.WriteString("\n### Referrals\n\n| Mentee | Terms | Window | Monthly | Earned | Remaining | Status |\n|---|---|---|---|---|---|---|\n")
		for _, f := range r.Referrals {
			terms, window := "", ""
			if f.Months > 0 && f.Level != r.Level {
				terms = fmt.Sprintf("%s for %d months (%s terms: the level on the placement date)", f.Percent, f.Months, f.Level)
			} else if f.Months > 0 {
				terms = fmt.Sprintf("%s for %d months (%s)", f.Percent, f.Months, f.Level)
				window = formatDate(f.Start) + " to " + formatDate(f.End)
			}
			status := string(f.Status)
			if f.Reason != "" {
				status += ": " + f.Reason
			}
			monthly, earned, remaining := f.Monthly.String(), f.Earned.String(), f.Remaining.String()
			if !f.Pays() {
				monthly, earned, remaining = "—", "—", "—"
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s |\n", mdEscape(f.Mentee), terms, window,
				monthly, earned, remaining, mdEscape(status))
		}
		if len(r.Totals) > 0 {
			fmt.Fprintf(&b, "\nEarned in all: **%s**; still to come: %s.\n", moneyList(r.Totals), moneyList(r.Upcoming))
		}
	}
	return b.String()
}

func mdChecks(b *strings.Builder, checks []Check) {
	b.WriteString("| | Check | Status | Detail |\n|---|---|---|---|\n")
	for _, c := range checks {
		detail := mdEscape(c.Detail)
		if len(c.Gaps) > 0 {
			detail += " → **" + mdEscape(gapsText(c.Gaps)) + "**"
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s |\n", mark(c.Status), mdEscape(c.Name), c.Status, detail)
	}
}

var mdReplacer = strings.NewReplacer("|", `\|`, "\n", " ", "<", "&lt;", ">", "&gt;")

func mdEscape(s string) string { return mdReplacer.Replace(s) }

// The report's types write themselves field by field from their json tags,
// and money and percents append to the output.
func init() {
	jsonform.Fields(reflect.TypeFor[Report](), reflect.TypeFor[Promotion](), reflect.TypeFor[Gap](),
		reflect.TypeFor[ReferralMonth](), reflect.TypeFor[Step](), reflect.TypeFor[CycleSoon]())
	jsonform.Custom(func(b []byte, m *Money) ([]byte, error) { return m.appendJSON(b) })
	jsonform.Custom(func(b []byte, r *Referral) ([]byte, error) { return jsonform.AppendFields(b, r.jsonView()) })
	jsonform.Custom(func(b []byte, p *Percent) ([]byte, error) { return p.appendJSON(b), nil })
}

// MarshalJSON writes the report in the JSON form of its fields' tags:
// statuses and verdicts as lower-case words, dates as YYYY-MM-DD, money as
// exact decimals, an unknown gap's have as null and empty lists as [].
func (r Report) MarshalJSON() ([]byte, error) { return jsonform.MarshalFields(r) }

// MarshalJSON writes the promotion as in a report.
func (p Promotion) MarshalJSON() ([]byte, error) { return jsonform.MarshalFields(p) }

// JSON renders the report as indented JSON, ending in a newline. Unlike
// encoding/json's default, it leaves <, > and & unescaped, so rules read as
// written.
func (r *Report) JSON() ([]byte, error) {
	compact, err := jsonform.AppendFields(make([]byte, 0, 8<<10), *r)
	if err != nil {
		return nil, err
	}
	return append(jsonform.Indent(make([]byte, 0, 2*len(compact)), compact), '\n'), nil
}

// gapsText says what a check's gaps need, in one line.
func gapsText(gaps []Gap) string {
	return joined(gaps, "; ", Gap.String)
}

package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/ladderkit/ladder"
)

var referralsCmd = &command{
	name:    "referrals",
	args:    "PROFILE...",
	minArgs: 1,
	short:   "referral cuts: earned, still to come, month by month",
	help: `
Lists each person's referral cuts on placed mentees as of --at: the mentee, the
mentor's level on the placement date (whose terms apply for the whole window,
even after a promotion), the terms, the window, the monthly cut, what is
earned, what remains, and the status with the reason: upcoming, active,
complete or ended; ineligible (the mentee was outside the range); unpublished
(the ladder publishes no terms for it); unknown (the profile does not record
the mentor's level on the date that decides it: add history). Only the first
four earn money; the person's totals per currency follow. Amounts are exact,
in the currency's minor units.

PROFILE is as for evaluate: a file, a folder or - for standard input.
--format json writes one object for one profile and an array for several,
each referral as in the report's JSON, with its schedule.

Flags:
  --schedule           also list every referral month by month (month start,
                       amount, earned / due / forfeited), for payroll (JSON
                       always has it)
  --due YYYY-MM        the payroll sheet of that month instead: one row per
                       referral month whose period ends in it (mentor, mentee,
                       currency, amount, placement date, month number), then
                       the totals per currency; --format csv writes it as CSV
                       (RFC 4180, header row, amounts as plain decimals such
                       as 1800.00, a cell that would start a formula with a
                       leading '), --format xlsx as a workbook to a file
                       (sheets payroll and totals; amounts as numbers in the
                       currency's minor units, dates as dates). Rows are
                       written as the people are read. A total too large to
                       add exactly leaves out the referral months that would
                       overflow it, and says how many.

Example:
  ladder referrals --at 2026-11-20 maya.yaml
  ladder referrals --schedule --format json team/
  ladder referrals --due 2026-11 --format csv people.jsonl > payroll-2026-11.csv
  ladder referrals --due 2026-11 --format xlsx people.jsonl > payroll-2026-11.xlsx
`,
	flags: func(fs *flagSet) {
		fs.BoolVar(&fs.s.schedule, "schedule", false, "")
		fs.StringVar(&fs.s.due, "due", "", "")
	},
	run: runReferrals,
}

func runReferrals(s *session, args []string) int {
	if s.due != "" {
		return runPayroll(s, args)
	}
	if s.format == formatCSV || s.format == formatXLSX {
		return s.usageError("--format %s is for the payroll sheet: add --due YYYY-MM", s.format)
	}
	set, status, ok := s.evaluateArgs(args)
	if !ok {
		return exitInvalid
	}
	switch s.format {
	case formatJSON:
		people := make([]personReferralsJSON, len(set.reports))
		for i, e := range set.reports {
			people[i] = toReferralsJSON(e.report)
		}
		var v any = people
		if !set.many {
			if len(people) == 0 {
				return status
			}
			v = people[0]
		}
		if err := writeJSON(s.stdout, v); err != nil {
			s.errorf("ladder referrals: %v", err)
			return exitInvalid
		}
		return status
	case formatMarkdown:
		for i, e := range set.reports {
			if i > 0 {
				fmt.Fprintln(s.stdout)
			}
			referralsMarkdown(s.stdout, e.report, s.schedule)
		}
	default:
		for i, e := range set.reports {
			if i > 0 {
				fmt.Fprintln(s.stdout)
			}
			s.referralsText(e.report)
		}
	}
	if len(set.reports) > 1 {
		var earned, remaining ladder.Totals
		for _, e := range set.reports {
			earned.Add(e.report.Totals...)
			remaining.Add(e.report.Upcoming...)
		}
		line := fmt.Sprintf("All %d people: earned %s%s; still to come %s%s", len(set.reports),
			moneyList(earned.Sums()), leftOutNote(&earned, "person's cuts", "people's cuts"),
			moneyList(remaining.Sums()), leftOutNote(&remaining, "person's cuts", "people's cuts"))
		if s.format == formatMarkdown {
			line = "**" + line + ".**"
		}
		fmt.Fprintf(s.stdout, "\n%s\n", line)
	}
	return status
}

// heading is "Maya Chen (maya) · L7 Sr Product Owner · as of 2026-11-20".
func heading(r *ladder.Report) string {
	return headingOf(r.Person, r.Name, r.Level, r.Title, date(r.AsOf))
}

// headingOf is the heading of a person's block, as heading and
// personHeading write it; name and title may be empty.
func headingOf(id, name string, level ladder.LevelID, title, at string) string {
	who := id
	if name != "" {
		who = name + " (" + id + ")"
	}
	lvl := string(level)
	if title != "" {
		lvl += " " + title
	}
	return who + " · " + lvl + " · as of " + at
}

func date(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Format(time.DateOnly)
}

func statusColor(st ladder.ReferralStatus) string {
	switch st {
	case ladder.ReferralActive, ladder.ReferralComplete:
		return green
	case ladder.ReferralEnded:
		return yellow
	case ladder.ReferralIneligible:
		return red
	case ladder.ReferralUnpublished, ladder.ReferralUnknown:
		return yellow
	}
	return ""
}

// referralCells are the columns of a referral in text and Markdown:
// mentee, mentor level, terms, window, monthly, earned, remaining, status.
func referralCells(f ladder.Referral) []cell {
	st := string(f.Status)
	if f.Reason != "" {
		st += ": " + f.Reason
	}
	if !f.Pays() {
		level := string(f.Level)
		if level == "" {
			level = "not recorded"
		}
		return []cell{{text: f.Mentee}, {text: level}, {text: "—"}, {text: "—"},
			{text: "—"}, {text: "—"}, {text: "—"}, {st, statusColor(f.Status)}}
	}
	return []cell{{text: f.Mentee}, {text: string(f.Level)}, {text: termsText(f.Percent, f.Months)},
		{text: date(f.Start) + " → " + date(f.End)}, {text: f.Monthly.String()}, {text: f.Earned.String()},
		{text: f.Remaining.String()}, {st, statusColor(f.Status)}}
}

var referralHeader = []string{"Mentee", "Mentor level", "Terms", "Window", "Monthly", "Earned", "Remaining", "Status"}

func (s *session) referralsText(r *ladder.Report) {
	fmt.Fprintln(s.stdout, paint(s.color, bold, heading(r)))
	if len(r.Referrals) == 0 {
		fmt.Fprintln(s.stdout, "  no placed mentees, so no referral cuts")
		return
	}
	fmt.Fprintln(s.stdout)
	t := &table{header: referralHeader, right: map[int]bool{4: true, 5: true, 6: true}}
	for _, f := range r.Referrals {
		t.add(referralCells(f)...)
	}
	t.write(s.stdout, "  ", s.color)
	fmt.Fprintf(s.stdout, "\n  Earned: %s; still to come: %s\n", moneyList(r.Totals), moneyList(r.Upcoming))
	if !s.schedule {
		return
	}
	for _, f := range r.Referrals {
		fmt.Fprintln(s.stdout)
		if !f.Pays() {
			fmt.Fprintf(s.stdout, "  %s: no schedule (%s)\n", f.Mentee, f.Status)
			continue
		}
		fmt.Fprintf(s.stdout, "  Schedule for %s: %s from %s\n", f.Mentee, termsText(f.Percent, f.Months), date(f.Start))
		t := &table{header: []string{"Month", "Amount", "Status"}, right: map[int]bool{1: true}}
		for _, m := range f.Schedule() {
			t.add(cell{text: date(m.Start)}, cell{text: m.Amount.String()}, cell{string(m.Status), monthColor(m.Status)})
		}
		t.write(s.stdout, "    ", s.color)
	}
}

func monthColor(st ladder.MonthStatus) string {
	switch st {
	case ladder.MonthEarned:
		return green
	case ladder.MonthForfeited:
		return red
	}
	return ""
}

func referralsMarkdown(w io.Writer, r *ladder.Report, schedule bool) {
	fmt.Fprintf(w, "## %s\n\n", mdEscape(heading(r)))
	if len(r.Referrals) == 0 {
		fmt.Fprintln(w, "No placed mentees, so no referral cuts.")
		return
	}
	fmt.Fprintf(w, "| %s |\n|---|---|---|---|---:|---:|---:|---|\n", strings.Join(referralHeader, " | "))
	for _, f := range r.Referrals {
		cells := referralCells(f)
		texts := make([]string, len(cells))
		for i, c := range cells {
			texts[i] = c.text
		}
		fmt.Fprintf(w, "| %s |\n", strings.Join(mdCells(texts), " | "))
	}
	fmt.Fprintf(w, "\nEarned: **%s**; still to come: %s.\n", moneyList(r.Totals), moneyList(r.Upcoming))
	if !schedule {
		return
	}
	for _, f := range r.Referrals {
		if !f.Pays() {
			continue
		}
		fmt.Fprintf(w, "\n### Schedule for %s: %s from %s\n\n| Month | Amount | Status |\n|---|---:|---|\n",
			mdEscape(f.Mentee), termsText(f.Percent, f.Months), date(f.Start))
		for _, m := range f.Schedule() {
			fmt.Fprintf(w, "| %s | %s | %s |\n", date(m.Start), m.Amount, m.Status)
		}
	}
}

// moneyList is "USD 1,800.00, EUR 95.00", or "nothing".
func moneyList(ms []ladder.Money) string {
	var parts []string
	for _, m := range ms {
		if m.Currency != "" {
			parts = append(parts, m.String())
		}
	}
	if len(parts) == 0 {
		return "nothing"
	}
	return strings.Join(parts, ", ")
}

// personReferralsJSON is the referrals of one person in --format json: the
// report's own JSON of them, schedules included.
type personReferralsJSON struct {
	Person    string            `json:"person"`
	Name      string            `json:"name,omitempty"`
	Level     ladder.LevelID    `json:"level"`
	AsOf      string            `json:"as_of"`
	Referrals []ladder.Referral `json:"referrals"`
	Earned    []ladder.Money    `json:"earned"`    // per currency
	Remaining []ladder.Money    `json:"remaining"` // per currency
}

func toReferralsJSON(r *ladder.Report) personReferralsJSON {
	return personReferralsJSON{Person: r.Person, Name: r.Name, Level: r.Level, AsOf: date(r.AsOf),
		Referrals: r.Referrals, Earned: r.Totals, Remaining: r.Upcoming}
}

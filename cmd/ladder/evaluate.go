package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/ladderkit/ladder"
)

var evaluateCmd = &command{
	name:    "evaluate",
	args:    "PROFILE...",
	minArgs: 1,
	short:   "a report per profile: standards, checklist, promotion, referrals",
	help: `
Evaluates each profile against the ladder as of --at: the ranking standard of
the person's level metric by metric, checklist progress, the promotion verdict
(eligible, not eligible or undetermined) with every check and why, the
earliest date tenure allows, mentorship slots and referral cuts.

A PROFILE is a YAML or JSON file, a folder (every *.yaml, *.yml and *.json in
it, in name order) or - for standard input. For one profile the output is its
report; for several (or a folder) a summary table comes first: person, level,
verdict, the earliest date tenure allows, and what blocks them (the unmet
checks, or the unknown ones when nothing is unmet). --format json writes one
report object for one profile and an array for several.

An invalid profile is reported on stderr as FILE:LINE:COL: problem, one line
per problem; the other profiles are still reported and the exit status is 1.

Flags:
  --summary            several profiles: print only the summary table

Example:
  ladder evaluate --at 2026-11-20 maya.yaml
  ladder evaluate --summary team/
  cat maya.json | ladder evaluate --format json -
`,
	flags: func(fs *flagSet) { fs.BoolVar(&fs.s.summary, "summary", false, "") },
	run:   runEvaluate,
}

func runEvaluate(s *session, args []string) int {
	set, status, ok := s.evaluateArgs(args)
	if !ok {
		return exitInvalid
	}
	if !set.many {
		if len(set.reports) == 1 {
			if err := s.writeReport(set.reports[0].report); err != nil {
				s.errorf("%s: %v", set.reports[0].file, err)
				return exitInvalid
			}
		}
		return status
	}

	if len(set.reports) == 0 && s.format != formatJSON {
		return status
	}
	rows := make([]summaryRow, len(set.reports))
	for i, e := range set.reports {
		rows[i] = summarize(e)
	}
	switch s.format {
	case formatJSON:
		var v any = rows
		if !s.summary {
			reports := make([]*ladder.Report, len(set.reports))
			for i, e := range set.reports {
				reports[i] = e.report
			}
			v = reports
		}
		if err := writeJSON(s.stdout, v); err != nil {
			s.errorf("ladder evaluate: %v", err)
			return exitInvalid
		}
		return status
	case formatMarkdown:
		writeSummaryMarkdown(s.stdout, rows)
	default:
		s.writeSummaryText(rows)
	}
	if !s.summary {
		for _, e := range set.reports {
			if s.format == formatText {
				fmt.Fprintf(s.stdout, "\n%s\n\n", strings.Repeat("─", 72))
			} else {
				fmt.Fprintln(s.stdout)
			}
			if err := s.writeReport(e.report); err != nil {
				s.errorf("%s: %v", e.file, err)
				status = exitInvalid
			}
		}
	}
	return status
}

// writeReport writes one report in the session's format.
func (s *session) writeReport(r *ladder.Report) error {
	switch s.format {
	case formatJSON:
		b, err := r.JSON()
		if err != nil {
			return err
		}
		_, err = s.stdout.Write(b)
		return err
	case formatMarkdown:
		_, err := io.WriteString(s.stdout, r.Markdown())
		return err
	}
	text := r.Text()
	if s.color {
		text = colorReport(text)
	}
	_, err := io.WriteString(s.stdout, text)
	return err
}

// summaryRow is one person's line in the summary of several profiles.
type summaryRow struct {
	File        string         `json:"file"`
	Person      string         `json:"person"`
	Name        string         `json:"name,omitempty"`
	Level       ladder.LevelID `json:"level"`
	To          ladder.LevelID `json:"to,omitempty"`
	Verdict     string         `json:"verdict"`               // eligible | not_eligible | undetermined | top_level
	Unpublished bool           `json:"unpublished,omitempty"` // the ladder publishes no criteria for the step
	BlockedBy   []string       `json:"blocked_by"`            // names of the unmet checks
	Unknown     []string       `json:"unknown"`               // names of the checks whose inputs are missing
	Earliest    string         `json:"earliest,omitempty"`    // the earliest date tenure allows
}

func summarize(e evaluated) summaryRow {
	r := e.report
	row := summaryRow{File: e.file, Person: r.Person, Name: r.Name, Level: r.Level, BlockedBy: []string{}, Unknown: []string{}}
	p := r.Promotion
	if p == nil {
		row.Verdict = "top_level"
		return row
	}
	row.To, row.Verdict, row.Unpublished = p.To, string(p.Verdict), !p.Published
	if !p.Earliest.IsZero() {
		row.Earliest = date(p.Earliest)
	}
	row.BlockedBy = checkNames(p.Checks, ladder.Unmet)
	row.Unknown = checkNames(p.Checks, ladder.Unknown)
	return row
}

func checkNames(checks []ladder.Check, st ladder.Status) []string {
	names := []string{}
	for _, c := range checks {
		if c.Status == st {
			names = append(names, c.Name)
		}
	}
	return names
}

func (row summaryRow) who() string {
	if row.Name == "" {
		return row.Person
	}
	return row.Name + " (" + row.Person + ")"
}

// verdictCell is the verdict in words with its colour.
func (row summaryRow) verdictCell() cell {
	switch row.Verdict {
	case string(ladder.Eligible):
		return cell{"eligible for " + string(row.To), green}
	case string(ladder.NotEligible):
		return cell{"not eligible", red}
	case string(ladder.Undetermined):
		return cell{"undetermined", yellow}
	}
	return cell{"top level", ""}
}

// blockedText is what blocks the promotion: the unmet checks, else the
// unknown ones, else "criteria unpublished", else "—".
func (row summaryRow) blockedText() string {
	switch {
	case row.Unpublished:
		return "criteria unpublished"
	case len(row.BlockedBy) > 0:
		return strings.Join(row.BlockedBy, ", ")
	case len(row.Unknown) > 0:
		return "unknown: " + strings.Join(row.Unknown, ", ")
	}
	return "—"
}

func (s *session) writeSummaryText(rows []summaryRow) {
	t := &table{header: []string{"Person", "Level", "Verdict", "Earliest", "Blocked by"}}
	for _, row := range rows {
		t.add(cell{text: row.who()}, cell{text: string(row.Level)}, row.verdictCell(),
			cell{text: orDash(row.Earliest)}, cell{text: row.blockedText()})
	}
	t.write(s.stdout, "", s.color)
}

func writeSummaryMarkdown(w io.Writer, rows []summaryRow) {
	fmt.Fprintf(w, "## Summary\n\n| Person | Level | Verdict | Earliest | Blocked by |\n|---|---|---|---|---|\n")
	for _, row := range rows {
		fmt.Fprintf(w, "| %s |\n", strings.Join(mdCells([]string{row.who(), string(row.Level), row.verdictCell().text,
			orDash(row.Earliest), row.blockedText()}), " | "))
	}
}

// colorReport colours the marks and the verdict of a text report.
func colorReport(text string) string {
	lines := strings.SplitAfter(text, "\n")
	marks := map[string]string{"✓": green, "✗": red, "?": yellow, "~": yellow}
	verdicts := []struct{ word, color string }{
		{"NOT ELIGIBLE", red}, {"ELIGIBLE", green}, {"UNDETERMINED", yellow},
	}
	for i, line := range lines {
		if rest, ok := strings.CutPrefix(line, "  "); ok {
			for m, c := range marks {
				if after, ok := strings.CutPrefix(rest, m+" "); ok {
					lines[i] = "  " + c + m + reset + " " + after
					break
				}
			}
		}
		if strings.HasPrefix(line, "Promotion to ") {
			for _, v := range verdicts {
				if strings.Contains(line, ": "+v.word) {
					lines[i] = strings.Replace(line, ": "+v.word, ": "+v.color+v.word+reset, 1)
					break
				}
			}
		}
	}
	return strings.Join(lines, "")
}

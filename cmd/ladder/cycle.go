package main

import (
	"github.com/ladderkit/ladder"
)

var cycleCmd = &command{
	name:    "cycle",
	args:    "PROFILE...",
	minArgs: 1,
	short:   "a promotion cycle over many people: verdicts per level, blockers, money",
	help: `
Evaluates every person as of --at and sums up the promotion cycle: people per
level and verdict (with a bar chart in the text form), the records that could
not be evaluated, the unmet and unknown checks by id with how many people
each holds back, who becomes eligible by --by once tenure is reached (tenure
the only thing unmet), mentee slots in use and over, and referral cuts
earned and still to come per currency.

PROFILE is as for evaluate: profile files, streams of people (.jsonl,
.ndjson, .csv, YAML documents separated by ---), folders or - for standard
input. People are evaluated on every core as they are read; the cycle keeps
counts, not people, so memory stays flat. It lists at most 100 people in each
list and counts the rest.

--format html writes one page that stands alone (its style inline, no
scripts): the same page as the cycle page of ladder serve, with a bar chart
of verdicts per level as inline SVG, to mail or to print.

--format xlsx writes a workbook, to a file (> cycle.xlsx), with the sheets
cycle (the counts and dates), levels, blockers, eligible_by, money and
invalid: dates as dates, money as numbers in each currency's minor units.

When the referral cuts are too large to add exactly, the totals leave out
the people whose cuts would overflow them, and every form says how many.

Flags:
  --by YYYY-MM-DD      the end of the window for "eligible by" (default: six
                       months after --at)

Example:
  ladder cycle --at 2026-11-20 --by 2027-05-20 people.jsonl
  ladder cycle --format markdown team/ > cycle.md
  ladder cycle --format html people.csv > cycle.html
  ladder cycle --format xlsx people.jsonl > cycle.xlsx
`,
	flags: func(fs *flagSet) { fs.StringVar(&fs.s.by, "by", "", "") },
	run:   runCycle,
}

func runCycle(s *session, args []string) int {
	c := &ladder.Cycle{By: ladder.AddMonths(s.at, 6)}
	if s.by != "" {
		by, err := ladder.ParseDate(s.by)
		if err != nil {
			return s.usageError("--by: %v", err)
		}
		c.By = by
	}
	l, in, status, ok := s.ladderAndInputs(args)
	if !ok {
		return exitInvalid
	}
	prog := s.progress()
	for e := range s.evaluate(l, in.files) {
		prog.add()
		if e.err != nil {
			s.reportProblem(e)
			status = exitInvalid
		}
		c.Add(ladder.Result{Index: e.index, Line: e.line, ID: e.id, Name: e.name, Report: e.report, Err: e.err})
	}
	prog.done()
	if c.AsOf.IsZero() {
		c.AsOf = s.at
	}
	var out []byte
	switch s.format {
	case formatJSON:
		b, err := c.JSON()
		if err != nil {
			s.errorf("ladder cycle: %v", err)
			return exitInvalid
		}
		out = b
	case formatMarkdown:
		out = []byte(c.Markdown())
	case formatXLSX:
		if err := writeCycleXLSX(s.stdout, c); err != nil {
			s.errorf("ladder cycle: %v", err)
			return exitInvalid
		}
		return status
	case formatHTML:
		if err := writeCycleHTML(s.stdout, l, c); err != nil {
			s.errorf("ladder cycle: %v", err)
			return exitInvalid
		}
		return status
	default:
		out = []byte(c.Text())
	}
	if _, err := s.stdout.Write(out); err != nil {
		s.errorf("ladder cycle: %v", err)
		return exitInvalid
	}
	return status
}

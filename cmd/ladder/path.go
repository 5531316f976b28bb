package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/ladderkit/ladder"
)

var pathCmd = &command{
	name:    "path",
	args:    "PROFILE...",
	minArgs: 1,
	short:   "the way to the top: the earliest date of each step and what it needs",
	help: `
Projects each person's path from their level to the top of the ladder: every
step with the earliest date the tenure rules allow when each earlier step
happens on the first day it may (never before --at), months in the track
counted from joined, and the checks each step needs beyond time. A step whose
criteria are unpublished ends the path.

PROFILE is as for evaluate: a file, a folder or - for standard input.
--format json writes one object for one profile and an array for several.

Example:
  ladder path --at 2026-11-20 maya.yaml
`,
	run: runPath,
}

var standingsCmd = &command{
	name:    "standings",
	args:    "PROFILE...",
	minArgs: 1,
	short:   "the person's metrics against every level's ranking standard",
	help: `
Holds each person's metrics against the ranking standard of every level,
lowest first, and names the highest level whose standard is fully met: the
level the evidence supports ("meets the L8 standard while at L7"). Useful for
calibration, for levelling a new hire and on points ladders.

PROFILE is as for evaluate: a file, a folder or - for standard input.
--format json writes one object for one profile and an array for several.

Example:
  ladder standings --at 2026-11-20 maya.yaml
`,
	run: runStandings,
}

// person is a profile given on the command line, parsed.
type person struct {
	file string
	p    ladder.Person
}

// people reads the PROFILE arguments as evaluate does (files, streams,
// folders, -); problems go to stderr and make invalid true.
func (s *session) people(args []string) (out []person, many, invalid bool) {
	in, invalid := s.expand(args)
	many = in.many
	for _, f := range in.files {
		name, r, closeFn, err := s.openProfile(f)
		if err != nil {
			s.reportProblem(evaluated{file: name, err: err})
			invalid = true
			continue
		}
		for p, err := range ladder.ReadPeople(r) {
			many = many || isStreamFile(name)
			if err != nil {
				s.reportProblem(evaluated{file: name, err: err})
				invalid = true
				continue
			}
			out = append(out, person{file: name, p: p})
		}
		closeFn()
	}
	return out, many || len(out) > 1, invalid
}

// ladderSpelling is a level id as the ladder spells it: evaluation matches
// the level of a profile regardless of case (l7 is L7), and what the
// command writes of the person says it as the report does. An id that is
// no level's, or that folds to several, is left as written.
func ladderSpelling(l *ladder.Ladder, id ladder.LevelID) ladder.LevelID {
	if _, ok := l.Level(id); ok {
		return id
	}
	found := id
	for _, lv := range l.Levels() {
		if strings.EqualFold(string(lv.ID), string(id)) {
			if found != id {
				return id
			}
			found = lv.ID
		}
	}
	return found
}

// personHeading is "Maya Chen (maya) · L7 Sr Product Owner · as of 2026-11-20".
func personHeading(l *ladder.Ladder, p ladder.Person, at string) string {
	var title string
	if def, ok := l.Level(p.Level); ok {
		title = def.Title
	}
	return headingOf(p.ID, p.Name, p.Level, title, at)
}

// forEachPerson runs do for each valid person and writes the results: JSON
// (one object, or an array for several) or text blocks separated by blank
// lines. It returns the exit status.
func (s *session) forEachPerson(args []string, do func(l *ladder.Ladder, p ladder.Person) (any, string, error)) int {
	l, ok := s.ladder()
	if !ok {
		return exitInvalid
	}
	people, many, invalid := s.people(args)
	var values []any
	var texts []string
	for _, pp := range people {
		pp.p.Level = ladderSpelling(l, pp.p.Level)
		v, text, err := do(l, pp.p)
		if err != nil {
			s.reportProblem(evaluated{file: pp.file, err: err})
			invalid = true
			continue
		}
		values, texts = append(values, v), append(texts, text)
	}
	status := exitOK
	if invalid {
		status = exitInvalid
	}
	if s.format == formatJSON {
		var v any = values
		if !many {
			if len(values) == 0 {
				return status
			}
			v = values[0]
		}
		if values == nil {
			v = []any{}
		}
		if err := writeJSON(s.stdout, v); err != nil {
			s.errorf("ladder %s: %v", s.cmd.name, err)
			return exitInvalid
		}
		return status
	}
	fmt.Fprint(s.stdout, strings.Join(texts, "\n"))
	return status
}

func runPath(s *session, args []string) int {
	return s.forEachPerson(args, func(l *ladder.Ladder, p ladder.Person) (any, string, error) {
		v, err := pathOf(l, p, s.at)
		if err != nil {
			return nil, "", err
		}
		steps := v.Path
		var b strings.Builder
		head := personHeading(l, p, v.AsOf)
		if s.format == formatMarkdown {
			fmt.Fprintf(&b, "## %s\n\n%s.\n", head, ladder.PathText(steps))
			if len(steps) > 0 {
				b.WriteString("\n| Step | Earliest | Also needs |\n|---|---|---|\n")
				for _, st := range steps {
					fmt.Fprintf(&b, "| %s → %s | %s | %s |\n", st.From, st.To, stepWhen(st), stepNeeds(st, "`"))
				}
			}
			return v, b.String(), nil
		}
		fmt.Fprintf(&b, "%s\n%s\n", head, ladder.PathText(steps))
		rows := make([][2]string, len(steps))
		w := 0
		for i, st := range steps {
			rows[i][0] = string(st.From) + " → " + string(st.To)
			w = max(w, len([]rune(rows[i][0])))
		}
		for i, st := range steps {
			fmt.Fprintf(&b, "  %s%s  %s", rows[i][0], strings.Repeat(" ", w-len([]rune(rows[i][0]))), stepWhen(st))
			if needs := stepNeeds(st, ""); needs != "" {
				fmt.Fprintf(&b, "; also needs: %s", needs)
			}
			b.WriteString("\n")
		}
		return v, b.String(), nil
	})
}

func stepWhen(st ladder.Step) string {
	switch {
	case !st.Published:
		return "criteria unpublished"
	case st.Earliest.IsZero():
		return "no date: a date it needs is not given"
	}
	return "from " + date(st.Earliest)
}

func stepNeeds(st ladder.Step, quote string) string {
	if len(st.Needs) == 0 {
		return ""
	}
	return quote + strings.Join(st.Needs, quote+", "+quote) + quote
}

func runStandings(s *session, args []string) int {
	return s.forEachPerson(args, func(l *ladder.Ladder, p ladder.Person) (any, string, error) {
		v, err := standingsOf(l, p, s.at)
		if err != nil {
			return nil, "", err
		}
		verdict := "meets no level's ranking standard in full"
		switch {
		case v.Supported == p.Level:
			verdict = "meets the " + string(v.Supported) + " standard, at their own level"
		case v.Supported != "":
			verdict = "meets the " + string(v.Supported) + " standard while at " + string(p.Level)
		}
		var b strings.Builder
		head := personHeading(l, p, v.AsOf)
		if s.format == formatMarkdown {
			fmt.Fprintf(&b, "## %s\n\n%s.\n\n| Level | Met | Unmet | Unknown |\n|---|---|---|---|\n", head, strings.ToUpper(verdict[:1])+verdict[1:])
		} else {
			fmt.Fprintf(&b, "%s\n%s\n", head, verdict)
		}
		for _, st := range v.Standings {
			if s.format == formatMarkdown {
				fmt.Fprintf(&b, "| %s | %d | %d | %d |\n", st.Level, st.Met, st.Unmet, st.Unknown)
				continue
			}
			total := st.Met + st.Unmet + st.Unknown
			mark := "✗"
			if st.Meets() {
				mark = "✓"
			}
			line := fmt.Sprintf("%d of %d met", st.Met, total)
			if total == 0 {
				mark, line = "·", "no standard published"
			}
			if st.Unmet > 0 {
				line += fmt.Sprintf(", %d unmet", st.Unmet)
			}
			if st.Unknown > 0 {
				line += fmt.Sprintf(", %d unknown", st.Unknown)
			}
			if st.Level == p.Level {
				line += "  ← current level"
			}
			fmt.Fprintf(&b, "  %s %-4s %s\n", mark, st.Level, line)
		}
		return v, b.String(), nil
	})
}

// pathJSON is a person's path as "ladder path --format json" and POST
// /v1/path write it.
type pathJSON struct {
	Person string         `json:"person"`
	Level  ladder.LevelID `json:"level"`
	AsOf   string         `json:"as_of"`
	Path   []ladder.Step  `json:"path"`
}

// standingsJSON is a person's standings as "ladder standings --format
// json" and POST /v1/standings write them.
type standingsJSON struct {
	Person    string            `json:"person"`
	Level     ladder.LevelID    `json:"level"`
	AsOf      string            `json:"as_of"`
	Supported ladder.LevelID    `json:"supported,omitempty"`
	Standings []ladder.Standing `json:"standings"`
}

// pathOf is p's path to the top as of at, for "ladder path" and POST
// /v1/path.
func pathOf(l *ladder.Ladder, p ladder.Person, at time.Time) (pathJSON, error) {
	steps, err := l.Path(p, ladder.At(at))
	return pathJSON{p.ID, p.Level, date(at), steps}, err
}

// standingsOf is p's standings as of at, for "ladder standings" and POST
// /v1/standings.
func standingsOf(l *ladder.Ladder, p ladder.Person, at time.Time) (standingsJSON, error) {
	standings, err := l.Standings(p, ladder.At(at))
	if err != nil {
		return standingsJSON{}, err
	}
	v := standingsJSON{Person: p.ID, Level: p.Level, AsOf: date(at), Standings: standings}
	if supported, ok := ladder.Supported(standings); ok {
		v.Supported = supported
	}
	return v, nil
}

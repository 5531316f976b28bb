package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/ladderkit/ladder"
	"github.com/ladderkit/ladder/internal/workbook"
)

var templateCmd = &command{
	name:  "template",
	args:  "[DIR]",
	short: "empty tables of people to fill in, as a workbook or CSV files",
	help: `
Writes the empty tables of people for the ladder (--ladder, or the embedded
track), ready to fill in and read back with any command:

  --format xlsx   a workbook on standard output (redirect it to a file): a
                  sheet per table with its header, a note on each metric's
                  header with its description and type, drop-down lists for
                  levels, booleans, assessment results and waived checks,
                  date columns formatted as dates, and a sheet "columns"
                  that describes every column
  --format csv    with DIR, the folder of CSV tables (people.csv,
                  mentees.csv, …), headers only; without DIR, the header of
                  people.csv on standard output

The people table has a metrics.<id> column for every metric of the ladder,
or with --level only for those that level's checks read.

Flags:
  --level LEVEL        only the metrics this level's checks read
  --force              overwrite DIR's files when they exist

Example:
  ladder template --level L7 --format xlsx > people.xlsx
  ladder cycle people.xlsx
`,
	flags: func(fs *flagSet) {
		fs.StringVar(&fs.s.only, "level", "", "")
		fs.BoolVar(&fs.s.force, "force", false, "")
	},
	run: runTemplate,
}

func runTemplate(s *session, args []string) int {
	if len(args) > 1 {
		return s.usageError("unexpected argument %q: template writes one DIR", args[1])
	}
	switch s.format {
	case formatXLSX:
		if len(args) > 0 {
			return s.usageError("--format xlsx writes to standard output: redirect it to a file")
		}
		if isTerminal(s.stdout) {
			return s.usageError("--format xlsx writes a workbook: redirect standard output to a file (> people.xlsx)")
		}
	case formatCSV:
	default:
		return s.usageError("--format: want xlsx or csv, got %q", s.format)
	}
	l, ok := s.ladder()
	if !ok {
		return exitInvalid
	}
	metrics := l.Metrics()
	if s.only != "" {
		lv, ok := findLevel(l, s.only)
		if !ok {
			return s.usageError("--level: unknown level %q", s.only)
		}
		metrics, _ = l.MetricsRead(lv.ID)
	}
	ids := make([]string, len(metrics))
	for i, m := range metrics {
		ids[i] = m.ID
	}
	tables := ladder.PeopleTables(ids)
	if s.format == formatCSV {
		if len(args) == 0 {
			w := newCSVWriter(s.stdout)
			w.Write(header(tables[0]))
			w.Flush()
			return exitOK
		}
		t, err := newCSVTables(args[0], tables, s.force)
		if err == nil {
			err = t.close()
		}
		if err != nil {
			s.errorf("ladder template: %v", err)
			return exitInvalid
		}
		fmt.Fprintf(s.stdout, "wrote %d tables into %s\n", len(tables), filepath.Clean(args[0]))
		return exitOK
	}
	if err := writeTemplate(s, l, tables, metrics); err != nil {
		s.errorf("ladder template: %v", err)
		return exitInvalid
	}
	return exitOK
}

func header(t ladder.Table) []string {
	out := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		out[i] = c.Name
	}
	return out
}

// columnNotes say what each column of the tables holds, by table and
// column; metrics are described from the ladder.
var columnNotes = map[string]string{
	"people.id":                      "the person's id: unique, and what the other tables' person column names (required)",
	"people.name":                    "the person's name",
	"people.level":                   "the person's level now (required)",
	"people.level_since":             "the date of promotion into the current level",
	"people.joined":                  "the first day on the track",
	"people.roles":                   "roles the person holds, separated by ;",
	"people.checklist":               "ids of the self-evaluation items ticked at the current level, separated by ;",
	"people.mentor.id":               "the person's own mentor",
	"people.mentor.level":            "the mentor's level",
	"people.mentor.roles":            "the mentor's roles, separated by ;",
	"people.unrecorded":              "list fields not recorded for this person, separated by ; (their checks are unknown); leave empty",
	"person":                         "the id of the person (in table people) this row belongs to (required)",
	"history.level":                  "an earlier level of the person",
	"history.since":                  "the date they reached it (oldest first)",
	"assessments.assessment":         "the assessment component's id",
	"assessments.result":             "passed, failed or pending",
	"assessments.date":               "the date of the result",
	"panel.assessment":               "the assessment component the panelist judged",
	"panel.by":                       "the panelist",
	"panel.level":                    "the panelist's level (or leave it empty and give roles, for a founder)",
	"panel.roles":                    "the panelist's roles, separated by ;",
	"nominations.by":                 "who nominated the person",
	"nominations.level":              "the nominator's level",
	"nominations.roles":              "the nominator's roles, separated by ;",
	"nominations.date":               "the date of the nomination",
	"waivers.check":                  "the tenure check waived: tenure or track_tenure",
	"waivers.by":                     "who granted the waiver",
	"waivers.reason":                 "why",
	"waivers.date":                   "the date of the waiver",
	"mentees.id":                     "the mentee",
	"mentees.level":                  "the mentee's level now",
	"mentees.from_level":             "the mentee's level when mentoring started (default: level)",
	"mentees.since":                  "when mentoring started",
	"mentees.until":                  "when mentoring ended; empty while it goes on",
	"mentees.advanced":               "whether the mentee advanced a level while mentored (default: from the levels)",
	"mentees.placement.date":         "the date the mentee was placed with a client",
	"mentees.placement.monthly_rate": "the placement's monthly rate, an exact amount such as 12000.00",
	"mentees.placement.currency":     "the rate's ISO 4217 currency code, such as USD",
	"mentees.placement.until":        "when the placement ended; empty while it runs",
	"breaks.from":                    "the first day away",
	"breaks.until":                   "the first day back",
}

func columnNote(table, column string) string {
	if table != "people" && column == "person" {
		return columnNotes["person"]
	}
	return columnNotes[table+"."+column]
}

// writeTemplate writes the workbook template on standard output.
func writeTemplate(s *session, l *ladder.Ladder, tables []ladder.Table, metrics []ladder.Metric) error {
	byID := map[string]ladder.Metric{}
	for _, m := range metrics {
		byID[m.ID] = m
	}
	var levels []string
	for _, lv := range l.Levels() {
		levels = append(levels, string(lv.ID))
	}
	wb := workbook.New()
	defer wb.Close()
	type described struct{ table, column, kind, note string }
	var rows []described
	for _, t := range tables {
		cols := make([]workbook.Column, len(t.Columns))
		for i, c := range t.Columns {
			col := workbook.Column{Name: c.Name, Kind: tableKinds[c.Kind], Digits: 2, Note: columnNote(t.Name, c.Name)}
			kind := string(c.Kind)
			switch c.Kind {
			case ladder.ColumnMetric:
				m := byID[strings.TrimPrefix(c.Name, "metrics.")]
				col.Kind, col.Digits = metricKind(m.Type), 0
				kind = "metric: " + string(m.Type)
				col.Note = fmt.Sprintf("%s (%s", m.Description, m.Type)
				if m.Unit != "" {
					col.Note += ", " + m.Unit
				}
				col.Note += ")"
				if m.Type == ladder.MetricBool {
					col.Choices = []string{"TRUE", "FALSE"}
				}
			case ladder.ColumnLevel:
				col.Choices = levels
			case ladder.ColumnBool:
				col.Choices = []string{"TRUE", "FALSE"}
			case ladder.ColumnResult:
				col.Choices = []string{"passed", "failed", "pending"}
			}
			if t.Name == "waivers" && c.Name == "check" {
				col.Choices = []string{"tenure", "track_tenure"}
			}
			if len(strings.Join(col.Choices, ",")) > 255 {
				col.Choices = nil // Excel's limit for a list written in place
			}
			cols[i] = col
			rows = append(rows, described{t.Name, c.Name, kind, col.Note})
		}
		if _, err := wb.Sheet(t.Name, cols); err != nil {
			return err
		}
	}
	sh, err := wb.Sheet("columns", []workbook.Column{
		{Name: "table", Kind: workbook.KindText}, {Name: "column", Kind: workbook.KindText},
		{Name: "kind", Kind: workbook.KindText}, {Name: "what it holds", Kind: workbook.KindText, Width: 80}})
	if err != nil {
		return err
	}
	for _, d := range rows {
		if err := sh.Row(d.table, d.column, d.kind, d.note); err != nil {
			return err
		}
	}
	out := newOutput(s.stdout)
	if err := wb.Write(out); err != nil {
		return err
	}
	return out.Flush()
}

package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/ladderkit/ladder"
	"github.com/ladderkit/ladder/internal/jsonform"
	"github.com/ladderkit/ladder/internal/natural"
	"github.com/ladderkit/ladder/internal/suggest"
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

A PROFILE is a YAML or JSON file, a stream of people (JSON Lines in .jsonl or
.ndjson, CSV with a header row in .csv, or YAML documents separated by ---),
a folder (every such file in it, in natural order: p2 before p10) or - for
standard input (JSON Lines, CSV or YAML, told apart by the first line).
Records are evaluated on every core and written in input order as they are
ready, so memory stays flat however many people there are.

For one profile the output is its report. For several, a summary table comes
first (person, level, verdict, the earliest date tenure allows, and what
blocks them: the ids of the unmet checks, or of the unknown ones and the
missing inputs), then the reports; past 1,000 people the reports are written
as they come, without the table (use --summary for it). --format json writes
one report object for one profile and an array for several; --format jsonl
writes one JSON object a line: a report, or for a record that could not be
evaluated {"index", "source": "FILE:LINE", "errors": [...]}.

An invalid record is reported on stderr as FILE:LINE:COL: problem, one line
per problem; the other records are still reported and the exit status is 1.

Flags:
  --summary            only the summary: one row a record, invalid records as
                       rows with verdict invalid and their first problem;
                       with --format csv, RFC 4180 CSV with a header row (a
                       cell that would start a formula gets a leading ');
                       with --format xlsx, a workbook with typed cells, to
                       a file (> summary.xlsx)
  --only VERDICT       summary rows of one verdict: eligible, not_eligible,
                       undetermined, top_level or invalid
  --sort KEY           summary rows sorted by verdict, level or earliest
                       (holds the summary rows in memory until the end)

Example:
  ladder evaluate --at 2026-11-20 maya.yaml
  ladder evaluate --summary team/
  ladder evaluate --summary --format csv --only eligible people.jsonl > eligible.csv
  cat maya.json | ladder evaluate --format json -
`,
	flags: func(fs *flagSet) {
		fs.BoolVar(&fs.s.summary, "summary", false, "")
		fs.StringVar(&fs.s.only, "only", "", "")
		fs.StringVar(&fs.s.sortBy, "sort", "", "")
	},
	run: runEvaluate,
}

// The formats only some commands write.
const (
	formatJSONL = "jsonl"
	formatCSV   = "csv"
	formatHTML  = "html"
)

// extraFormats are the --format values a command takes besides text,
// markdown and json.
var extraFormats = map[string][]string{
	"evaluate":  {formatJSONL, formatCSV, formatXLSX},
	"referrals": {formatCSV, formatXLSX},
	"cycle":     {formatHTML, formatXLSX},
	"template":  {formatXLSX, formatCSV},
}

// The verdicts of a summary row besides the promotion verdicts.
const (
	verdictTop     = "top_level"
	verdictInvalid = "invalid"
)

var rowVerdicts = []string{string(ladder.Eligible), string(ladder.NotEligible), string(ladder.Undetermined), verdictTop, verdictInvalid}

// bufferedPeople is how many records evaluate holds to lay out a summary
// table before the reports; past it, reports are written as they come.
const bufferedPeople = 1000

// output writes to stdout through a buffer that is flushed at least every
// tenth of a second, so a long run shows its rows as they are made and a
// fast one does not make a system call per row.
type output struct {
	*bufio.Writer
	last time.Time
}

func newOutput(w io.Writer) *output {
	return &output{Writer: bufio.NewWriterSize(w, 64<<10), last: time.Now()}
}

// tick flushes when the last flush is a tenth of a second old.
func (o *output) tick() {
	if now := time.Now(); now.Sub(o.last) >= 100*time.Millisecond {
		o.last = now
		o.Flush()
	}
}

func runEvaluate(s *session, args []string) int {
	if s.format == formatCSV || s.format == formatXLSX {
		s.summary = true
	}
	if !s.summary && (s.only != "" || s.sortBy != "") {
		return s.usageError("--only and --sort work on the summary: add --summary")
	}
	if s.only != "" && !slices.Contains(rowVerdicts, s.only) {
		return s.usageError("--only: want one of %s, got %q%s", strings.Join(rowVerdicts, ", "), s.only, suggest.DidYouMean(s.only, rowVerdicts))
	}
	switch s.sortBy {
	case "", "verdict", "level", "earliest":
	default:
		return s.usageError("--sort: want verdict, level or earliest, got %q%s", s.sortBy, suggest.DidYouMean(s.sortBy, []string{"verdict", "level", "earliest"}))
	}
	l, in, status, ok := s.ladderAndInputs(args)
	if !ok {
		return exitInvalid
	}
	out := newOutput(s.clearsProgress(s.stdout))
	defer out.Flush()
	prog := s.progress()
	defer prog.done()
	results := func(yield func(evaluated) bool) {
		for e := range s.evaluate(l, in.files) {
			prog.add()
			if e.err != nil {
				s.reportProblem(e)
				status = exitInvalid
			}
			if !yield(e) {
				return
			}
		}
	}
	var err error
	switch {
	case s.summary:
		err = s.writeSummary(out, results)
	case s.format == formatJSONL:
		err = writeJSONLines(out, results)
	default:
		err = s.writeReports(out, in.many, results)
	}
	if err != nil {
		s.errorf("ladder evaluate: %v", err)
		return exitInvalid
	}
	return status
}

// writeReports writes one report, or for several records a summary table
// and the reports (text, markdown) or an array (json).
func (s *session) writeReports(out *output, many bool, results func(func(evaluated) bool)) error {
	var held []evaluated
	streaming := false
	first := true
	write := func(e evaluated) error {
		if s.format == formatJSON {
			sep := ",\n"
			if first {
				sep = "[\n"
			}
			first = false
			b, err := reportOrError(e, true)
			if err != nil {
				return err
			}
			out.WriteString(sep)
			out.Write(b)
			return nil
		}
		if e.err != nil {
			return nil
		}
		if !first {
			if s.format == formatText {
				fmt.Fprintf(out, "\n%s\n\n", strings.Repeat("─", 72))
			} else {
				fmt.Fprintln(out)
			}
		}
		first = false
		return s.writeReport(out, e.report)
	}
	for e := range results {
		if streaming {
			if err := write(e); err != nil {
				return err
			}
			out.tick()
			continue
		}
		held = append(held, e)
		if len(held) > bufferedPeople || (s.format == formatJSON && len(held) > 1) {
			if s.format != formatJSON {
				s.errorf("ladder evaluate: more than %d people: the reports follow as they are ready, without the summary table (use --summary for it)", bufferedPeople)
			}
			streaming = true
			for _, h := range held {
				if err := write(h); err != nil {
					return err
				}
			}
			held = nil
			out.tick()
		}
	}
	if streaming {
		if s.format == formatJSON {
			out.WriteString("\n]\n")
		}
		return nil
	}
	if !many && len(held) <= 1 {
		if len(held) == 1 && held[0].err == nil {
			return s.writeReport(out, held[0].report)
		}
		return nil
	}
	if s.format == formatJSON {
		if len(held) == 0 {
			out.WriteString("[]\n")
			return nil
		}
		for _, h := range held {
			if err := write(h); err != nil {
				return err
			}
		}
		out.WriteString("\n]\n")
		return nil
	}
	var valid []evaluated
	rows := make([]summaryRow, len(held))
	for i, e := range held {
		rows[i] = summarize(e)
		if e.err == nil {
			valid = append(valid, e)
		}
	}
	if len(valid) == 0 && len(held) <= 1 {
		return nil
	}
	if s.format == formatMarkdown {
		writeSummaryMarkdownHeader(out)
		for _, row := range rows {
			writeSummaryMarkdownRow(out, row)
		}
	} else {
		t := summaryTable()
		for _, row := range rows {
			t.add(row.cells()...)
		}
		t.write(out, "", s.color)
	}
	for _, e := range valid {
		if s.format == formatText {
			fmt.Fprintf(out, "\n%s\n\n", strings.Repeat("─", 72))
		} else {
			fmt.Fprintln(out)
		}
		if err := s.writeReport(out, e.report); err != nil {
			return err
		}
	}
	return nil
}

// writeJSONLines writes one compact JSON object a line: a report, or the
// problems of a record that could not be evaluated.
func writeJSONLines(out *output, results func(func(evaluated) bool)) error {
	for e := range results {
		b, err := reportOrError(e, false)
		if err != nil {
			return err
		}
		out.Write(b)
		out.WriteByte('\n')
		out.tick()
	}
	return nil
}

// recordErrorJSON is a record that could not be evaluated, in JSON.
type recordErrorJSON struct {
	Index  int                    `json:"index"`
	Source string                 `json:"source"`
	ID     string                 `json:"id,omitempty"`   // the person's id, when it could be read
	Name   string                 `json:"name,omitempty"` // likewise
	Errors []*ladder.ProfileError `json:"errors"`
}

// reportOrError is the JSON of a record: its report, or its problems.
func reportOrError(e evaluated, indent bool) ([]byte, error) {
	if e.err == nil {
		if indent {
			b, err := e.report.JSON()
			return indentBy(b, "  "), err
		}
		return e.report.MarshalJSON()
	}
	j := recordErrorJSON{Index: e.index, Source: e.source(), ID: e.id, Name: e.name}
	var pes ladder.ProfileErrors
	if errors.As(e.err, &pes) {
		j.Errors = pes
	} else {
		j.Errors = []*ladder.ProfileError{{Message: e.err.Error()}}
	}
	if indent {
		b, err := jsonText(j)
		return indentBy(b, "  "), err
	}
	return jsonform.Marshal(j)
}

// indentBy indents every line of an indented JSON document, dropping its
// final newline, to nest it in an array.
func indentBy(b []byte, prefix string) []byte {
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	return []byte(prefix + strings.Join(lines, "\n"+prefix))
}

// writeReport writes one report in the session's format.
func (s *session) writeReport(w io.Writer, r *ladder.Report) error {
	switch s.format {
	case formatJSON:
		b, err := r.JSON()
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	case formatMarkdown:
		_, err := io.WriteString(w, r.Markdown())
		return err
	}
	text := r.Text()
	if s.color {
		text = colorReport(text)
	}
	_, err := io.WriteString(w, text)
	return err
}

// summaryRow is one record's row in the summary.
type summaryRow struct {
	Source      string         `json:"source"` // the file, or FILE:LINE for a record of a stream
	Person      string         `json:"person"`
	Name        string         `json:"name,omitempty"`
	Level       ladder.LevelID `json:"level"`
	To          ladder.LevelID `json:"to,omitempty"`
	Verdict     string         `json:"verdict"`               // eligible | not_eligible | undetermined | top_level | invalid
	Unpublished bool           `json:"unpublished,omitempty"` // the ladder publishes no criteria for the step
	Earliest    string         `json:"earliest,omitempty"`    // the earliest date tenure allows, waivers aside
	Waived      []string       `json:"waived,omitempty"`      // ids of the tenure checks a waiver cleared
	Unmet       []string       `json:"unmet"`                 // ids of the unmet checks
	Unknown     []string       `json:"unknown"`               // ids of the checks whose inputs are missing
	Missing     []string       `json:"missing"`               // the missing inputs
	Error       string         `json:"error,omitempty"`       // invalid records: the first problem
}

func summarize(e evaluated) summaryRow {
	row := summaryRow{Source: e.source(), Unmet: []string{}, Unknown: []string{}, Missing: []string{}}
	if e.err != nil {
		row.Verdict = verdictInvalid
		row.Person, row.Name = e.id, e.name // as far as they could be read
		row.Error = strings.TrimPrefix(problemLines(e)[0], e.file+":")
		return row
	}
	r := e.report
	row.Person, row.Name, row.Level = r.Person, r.Name, r.Level
	p := r.Promotion
	if p == nil {
		row.Verdict = verdictTop
		return row
	}
	row.To, row.Verdict, row.Unpublished = p.To, string(p.Verdict), !p.Published
	if !p.Earliest.IsZero() {
		row.Earliest = date(p.Earliest)
	}
	for _, c := range p.Checks {
		switch c.Status {
		case ladder.Waived:
			row.Waived = append(row.Waived, c.ID)
			if !e.tenureDate.IsZero() {
				row.Earliest = date(e.tenureDate)
			}
		case ladder.Unmet:
			row.Unmet = appendCheckIDs(row.Unmet, c, r.Standards, ladder.Unmet)
		case ladder.Unknown:
			row.Unknown = appendCheckIDs(row.Unknown, c, r.Standards, ladder.Unknown)
			row.Missing = appendNew(row.Missing, c.Missing...)
			if c.Kind == ladder.KindStandards {
				for _, sc := range r.Standards {
					if sc.Status == ladder.Unknown {
						row.Missing = appendNew(row.Missing, sc.Missing...)
					}
				}
			}
		}
	}
	return row
}

// appendCheckIDs adds the id of a check, or for the ranking standard as a
// whole the ids of its standards with the status.
func appendCheckIDs(ids []string, c ladder.Check, standards []ladder.Check, st ladder.Status) []string {
	if c.Kind != ladder.KindStandards {
		return appendNew(ids, c.ID)
	}
	for _, sc := range standards {
		if sc.Status == st {
			ids = appendNew(ids, sc.ID)
		}
	}
	return ids
}

func appendNew(list []string, items ...string) []string {
	for _, it := range items {
		if !slices.Contains(list, it) {
			list = append(list, it)
		}
	}
	return list
}

func (row summaryRow) who() string {
	if row.Verdict == verdictInvalid {
		switch {
		case row.Person == "" && row.Name == "":
			return row.Source
		case row.Person == "" || row.Name == "":
			return row.Person + row.Name + ", " + row.Source
		}
		return row.Name + " (" + row.Person + "), " + row.Source
	}
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
	case verdictInvalid:
		return cell{"invalid", red}
	}
	return cell{"top level", ""}
}

// blockedText is what blocks the promotion: the unmet checks, else the
// unknown ones and the missing inputs, else "criteria unpublished", else "—";
// for an invalid record, its first problem.
func (row summaryRow) blockedText() string {
	switch {
	case row.Verdict == verdictInvalid:
		return row.Error
	case row.Unpublished:
		return "criteria unpublished"
	case len(row.Unmet) > 0:
		return strings.Join(row.Unmet, ", ")
	case len(row.Unknown) > 0:
		s := "unknown: " + strings.Join(row.Unknown, ", ")
		if len(row.Missing) > 0 {
			s += " (missing " + strings.Join(row.Missing, ", ") + ")"
		}
		return s
	}
	return "—"
}

func (row summaryRow) cells() []cell {
	return []cell{{text: row.who()}, {text: orDash(string(row.Level))}, row.verdictCell(),
		{text: row.earliestText()}, {text: row.blockedText()}}
}

// earliestText is the Earliest cell: the date, "waived" after it when a
// waiver cleared tenure before it.
func (row summaryRow) earliestText() string {
	if len(row.Waived) > 0 && row.Earliest != "" {
		return row.Earliest + " (waived)"
	}
	return orDash(row.Earliest)
}

func summaryTable() *table {
	return &table{header: []string{"Person", "Level", "Verdict", "Earliest", "Blocked by"}}
}

func writeSummaryMarkdownHeader(w io.Writer) {
	fmt.Fprintf(w, "## Summary\n\n| Person | Level | Verdict | Earliest | Blocked by |\n|---|---|---|---|---|\n")
}

func writeSummaryMarkdownRow(w io.Writer, row summaryRow) {
	fmt.Fprintf(w, "| %s |\n", strings.Join(mdCells([]string{row.who(), orDash(string(row.Level)), row.verdictCell().text,
		row.earliestText(), row.blockedText()}), " | "))
}

// csvHeader is the header row of the summary as CSV.
var csvHeader = []string{"source", "person", "name", "level", "to", "verdict", "earliest", "unmet", "unknown", "missing", "error"}

func (row summaryRow) csvRecord() []string {
	return []string{row.Source, row.Person, row.Name, string(row.Level), string(row.To), row.Verdict, row.Earliest,
		strings.Join(row.Unmet, ";"), strings.Join(row.Unknown, ";"), strings.Join(row.Missing, ";"), row.Error}
}

// writeSummary writes one summary row a record, as they come, or all at
// the end when sorted.
func (s *session) writeSummary(out *output, results func(func(evaluated) bool)) error {
	rows := func(yield func(summaryRow) bool) {
		for e := range results {
			row := summarize(e)
			if s.only != "" && row.Verdict != s.only {
				continue
			}
			if !yield(row) {
				return
			}
		}
	}
	if s.sortBy != "" {
		var held []summaryRow // only the rows: a few hundred bytes a person
		for row := range rows {
			held = append(held, row)
		}
		slices.SortStableFunc(held, s.compareRows)
		rows = slices.Values(held)
	}
	switch s.format {
	case formatXLSX:
		return writeSummaryXLSX(out, rows)
	case formatCSV:
		cw := newCSVWriter(out)
		cw.Write(csvHeader)
		for row := range rows {
			cw.Write(row.csvRecord())
			cw.Flush()
			out.tick()
		}
		cw.Flush()
		return cw.Error()
	case formatJSON, formatJSONL:
		n := 0
		for row := range rows {
			b, err := jsonform.Marshal(row)
			if err != nil {
				return err
			}
			switch {
			case s.format == formatJSONL:
			case n == 0:
				out.WriteString("[\n  ")
			default:
				out.WriteString(",\n  ")
			}
			out.Write(b)
			if s.format == formatJSONL {
				out.WriteByte('\n')
			}
			n++
			out.tick()
		}
		if s.format == formatJSON {
			if n == 0 {
				out.WriteString("[]\n")
			} else {
				out.WriteString("\n]\n")
			}
		}
		return nil
	case formatMarkdown:
		writeSummaryMarkdownHeader(out)
		for row := range rows {
			writeSummaryMarkdownRow(out, row)
			out.tick()
		}
		return nil
	}
	// Text: the columns are sized on the first rows, then kept.
	t := summaryTable()
	for row := range rows {
		t.add(row.cells()...)
		if len(t.rows) == bufferedPeople || t.widths != nil {
			t.write(out, "", s.color)
			out.tick()
		}
	}
	if len(t.rows) > 0 || !t.headed {
		t.write(out, "", s.color)
	}
	return nil
}

// compareRows orders summary rows by --sort: verdict (eligible first),
// level (in natural order) or earliest date (none last).
func (s *session) compareRows(a, b summaryRow) int {
	switch s.sortBy {
	case "verdict":
		return slices.Index(rowVerdicts, a.Verdict) - slices.Index(rowVerdicts, b.Verdict)
	case "level":
		return natural.Compare(string(a.Level), string(b.Level))
	}
	switch {
	case a.Earliest == b.Earliest:
		return 0
	case a.Earliest == "":
		return 1
	case b.Earliest == "":
		return -1
	}
	return strings.Compare(a.Earliest, b.Earliest)
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

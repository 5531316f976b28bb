package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/goccy/go-yaml"

	"github.com/ladderkit/ladder"
	"github.com/ladderkit/ladder/internal/jsonform"
	"github.com/ladderkit/ladder/internal/workbook"
)

var convertCmd = &command{
	name:    "convert",
	args:    "INPUT OUTPUT",
	minArgs: 2,
	short:   "convert people between JSON Lines, YAML, CSV tables and workbooks",
	help: `
Converts the people of INPUT (any form the other commands read: profiles,
JSON Lines, YAML streams, a flat CSV, a folder of CSV tables, an .xlsx
workbook) into the form --to names, losing nothing:

  jsonl   one JSON profile a line (OUTPUT a file, or - for standard output)
  yaml    a YAML stream, documents separated by --- (a file, or -)
  csv     a folder of CSV tables: people.csv, history.csv, assessments.csv,
          panel.csv, nominations.csv, waivers.csv, mentees.csv, breaks.csv
          (OUTPUT the folder, created if needed)
  xlsx    a workbook with one sheet a table, typed cells (OUTPUT a file)

The tables have a metrics.<id> column for every metric of the ladder
(--ladder, or the embedded track): a person's metric the ladder does not
declare has no column, and the person is reported instead of written.
Every record that cannot be read or written is reported on stderr with its
position, and the exit status is 1.

Flags:
  --to FORM            jsonl, yaml, csv or xlsx (required)
  --force              overwrite OUTPUT's files when they exist

Example:
  ladder convert --to xlsx people.jsonl people.xlsx
  ladder convert --to jsonl people.xlsx -
`,
	flags: func(fs *flagSet) {
		fs.StringVar(&fs.s.to, "to", "", "")
		fs.BoolVar(&fs.s.force, "force", false, "")
	},
	run: runConvert,
}

// The forms of people convert writes.
var convertForms = []string{"jsonl", "yaml", "csv", "xlsx"}

func runConvert(s *session, args []string) int {
	if len(args) > 2 {
		return s.usageError("unexpected argument %q: convert reads one INPUT and writes one OUTPUT", args[2])
	}
	in, out := args[0], args[1]
	switch s.to {
	case "":
		return s.usageError("missing --to: want %s", strings.Join(convertForms, ", "))
	case "jsonl", "yaml":
	case "csv", "xlsx":
		if out == "-" && s.to == "csv" {
			return s.usageError("--to csv writes a folder of tables: name the folder, not -")
		}
		if out == "-" && isTerminal(s.stdout) {
			return s.usageError("--to xlsx writes a workbook: name a file, or redirect standard output")
		}
	default:
		return s.usageError("--to: want %s, got %q", strings.Join(convertForms, ", "), s.to)
	}
	l, ok := s.ladder()
	if !ok {
		return exitInvalid
	}
	sink, err := s.newSink(l, s.to, out)
	if err != nil {
		s.errorf("ladder convert: %v", err)
		return exitInvalid
	}
	files, bad := s.expand([]string{in})
	status := exitOK
	if bad {
		sink.abort()
		return exitInvalid
	}
	kinds := metricKinds(l)
	for r := range s.readAll(files.files) {
		if r.err == nil {
			typeMetrics(r.person, kinds)
			r.err = sink.add(r.person)
		}
		if r.err != nil {
			s.reportProblem(evaluated{file: r.file, err: r.err})
			status = exitInvalid
		}
	}
	if err := sink.close(); err != nil {
		s.errorf("ladder convert: %v", err)
		return exitInvalid
	}
	return status
}

// personSink is where convert writes people.
type personSink interface {
	add(ladder.Person) error
	close() error
	abort()
}

func (s *session) newSink(l *ladder.Ladder, form, out string) (personSink, error) {
	tables := l.Tables()
	kinds := metricKinds(l)
	switch form {
	case "csv":
		return newCSVTables(out, tables, s.force)
	case "xlsx":
		w, err := s.outFile(out)
		if err != nil {
			return nil, err
		}
		return newWorkbookSink(w, tables, kinds)
	}
	w, err := s.outFile(out)
	if err != nil {
		return nil, err
	}
	return &streamSink{w: w, bw: bufio.NewWriter(w), yaml: form == "yaml"}, nil
}

// outFile opens the output file, or standard output for "-". A file that
// exists is not overwritten without --force.
func (s *session) outFile(name string) (io.WriteCloser, error) {
	if name == "-" {
		return nopCloser{s.stdout}, nil
	}
	flags := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	if !s.force {
		flags |= os.O_EXCL
	}
	f, err := os.OpenFile(name, flags, 0o644)
	if errors.Is(err, os.ErrExist) {
		return nil, fmt.Errorf("%s already exists (--force overwrites it)", name)
	}
	return f, err
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// streamSink writes JSON Lines or a YAML stream.
type streamSink struct {
	w    io.WriteCloser
	bw   *bufio.Writer
	yaml bool
	n    int
}

func (t *streamSink) add(p ladder.Person) error {
	b, err := jsonform.Marshal(p)
	if err != nil {
		return err
	}
	if t.yaml {
		y, err := yaml.JSONToYAML(b)
		if err != nil {
			return err
		}
		t.bw.WriteString("---\n")
		t.bw.Write(y)
	} else {
		t.bw.Write(b)
		t.bw.WriteByte('\n')
	}
	t.n++
	return nil
}

func (t *streamSink) close() error {
	err := t.bw.Flush()
	return errors.Join(err, t.w.Close())
}

func (t *streamSink) abort() { t.w.Close() }

// csvTables writes a folder of CSV tables.
type csvTables struct {
	tables []ladder.Table
	files  map[string]*os.File
	w      map[string]*csvWriter
}

func newCSVTables(dir string, tables []ladder.Table, force bool) (*csvTables, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	t := &csvTables{tables: tables, files: map[string]*os.File{}, w: map[string]*csvWriter{}}
	flags := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	if !force {
		flags |= os.O_EXCL
	}
	for _, tb := range tables {
		name := filepath.Join(dir, tb.Name+".csv")
		f, err := os.OpenFile(name, flags, 0o644)
		if err != nil {
			t.abort()
			if errors.Is(err, os.ErrExist) {
				return nil, fmt.Errorf("%s already exists (--force overwrites it)", name)
			}
			return nil, err
		}
		t.files[tb.Name] = f
		w := newCSVWriter(f)
		header := make([]string, len(tb.Columns))
		for i, c := range tb.Columns {
			header[i] = c.Name
		}
		w.Write(header)
		t.w[tb.Name] = w
	}
	return t, nil
}

func (t *csvTables) add(p ladder.Person) error {
	return ladder.TableRows(p, t.tables, func(table string, cells []any) {
		row := make([]string, len(cells))
		for i, c := range cells {
			row[i] = cellText(c)
		}
		t.w[table].Write(row)
	})
}

// cellText is a table cell as CSV text: dates as YYYY-MM-DD, numbers as
// the shortest text that reads back to them.
func cellText(c any) string {
	switch c := c.(type) {
	case nil:
		return ""
	case string:
		return c
	case time.Time:
		return c.Format(time.DateOnly)
	case bool:
		return strconv.FormatBool(c)
	case int64:
		return strconv.FormatInt(c, 10)
	case float64:
		return strconv.FormatFloat(c, 'g', -1, 64)
	}
	return fmt.Sprint(c)
}

func (t *csvTables) close() error {
	var errs []error
	for _, tb := range t.tables {
		w := t.w[tb.Name]
		w.Flush()
		errs = append(errs, w.Error(), t.files[tb.Name].Close())
	}
	return errors.Join(errs...)
}

func (t *csvTables) abort() {
	for _, f := range t.files {
		f.Close()
	}
}

// workbookSink writes the tables as the sheets of a workbook.
type workbookSink struct {
	out    io.WriteCloser
	wb     *workbook.Workbook
	tables []ladder.Table
	sheets map[string]*workbook.Sheet
	kinds  map[string]ladder.MetricType
}

// tableKinds are the workbook kinds of the tables' columns.
var tableKinds = map[ladder.ColumnKind]workbook.Kind{
	ladder.ColumnText: workbook.KindText, ladder.ColumnList: workbook.KindText, ladder.ColumnLevel: workbook.KindText,
	ladder.ColumnResult: workbook.KindText, ladder.ColumnDate: workbook.KindDate, ladder.ColumnBool: workbook.KindBool,
	ladder.ColumnMoney: workbook.KindMoney,
}

// metricKinds are the ladder's metric types by metric id.
func metricKinds(l *ladder.Ladder) map[string]ladder.MetricType {
	out := map[string]ladder.MetricType{}
	for _, m := range l.Metrics() {
		out[m.ID] = m.Type
	}
	return out
}

func newWorkbookSink(out io.WriteCloser, tables []ladder.Table, kinds map[string]ladder.MetricType) (*workbookSink, error) {
	w := &workbookSink{out: out, wb: workbook.New(), tables: tables, sheets: map[string]*workbook.Sheet{}, kinds: kinds}
	for _, t := range tables {
		cols := make([]workbook.Column, len(t.Columns))
		for i, c := range t.Columns {
			cols[i] = workbook.Column{Name: c.Name, Kind: tableKinds[c.Kind], Digits: 2}
			if c.Kind == ladder.ColumnMetric {
				cols[i].Kind = metricKind(kinds[strings.TrimPrefix(c.Name, "metrics.")])
			}
		}
		sh, err := w.wb.Sheet(t.Name, cols)
		if err != nil {
			w.abort()
			return nil, err
		}
		w.sheets[t.Name] = sh
	}
	return w, nil
}

// metricKind is the workbook kind of a metric's column.
func metricKind(t ladder.MetricType) workbook.Kind {
	switch t {
	case ladder.MetricBool:
		return workbook.KindBool
	case ladder.MetricInt:
		return workbook.KindInt
	case ladder.MetricPercent:
		return workbook.KindPercent
	}
	return workbook.KindNumber
}

func (w *workbookSink) add(p ladder.Person) error {
	type row struct {
		table string
		cells []any
	}
	var rows []row
	err := ladder.TableRows(p, w.tables, func(table string, cells []any) { rows = append(rows, row{table, cells}) })
	if err != nil {
		return err
	}
	people := rows[0].cells
	for i, c := range w.tables[0].Columns {
		if c.Kind != ladder.ColumnMetric || people[i] == nil {
			continue
		}
		v, err := metricCell(w.kinds[strings.TrimPrefix(c.Name, "metrics.")], people[i])
		if err != nil {
			return ladder.ProfileErrors{{Path: c.Name, Message: err.Error()}}
		}
		people[i] = v
	}
	for _, r := range rows {
		if err := w.sheets[r.table].Row(r.cells...); err != nil {
			return err
		}
	}
	return nil
}

// typeMetrics writes metric values in one form whatever the input's:
// the 1 and 0 of a bool metric (as a workbook stores a boolean) as true
// and false, a percent written "74%" as 0.74; so that every form converts
// to the same profiles. A value that does not fit its type is left as it
// is, for the evaluation to report.
func typeMetrics(p ladder.Person, kinds map[string]ladder.MetricType) {
	for k, v := range p.Metrics {
		switch t := kinds[k]; t {
		case ladder.MetricBool, ladder.MetricPercent:
			if _, isText := v.(string); t == ladder.MetricPercent && !isText {
				continue
			}
			if typed, err := metricCell(t, v); err == nil {
				p.Metrics[k] = typed
			}
		}
	}
}

// metricCell is a metric's value as its column's kind takes it: a percent
// written "74%" as 0.74, a whole number as an int64.
func metricCell(t ladder.MetricType, v any) (any, error) {
	switch t {
	case ladder.MetricPercent:
		if s, ok := v.(string); ok {
			num, found := strings.CutSuffix(strings.TrimSpace(s), "%")
			f, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
			if !found || err != nil {
				return nil, fmt.Errorf("want a percent such as 0.74 or \"74%%\", got %q", s)
			}
			return f / 100, nil
		}
		if i, ok := v.(int64); ok {
			return float64(i), nil
		}
	case ladder.MetricInt:
		if f, ok := v.(float64); ok && f == float64(int64(f)) {
			return int64(f), nil
		}
	case ladder.MetricNumber:
		if i, ok := v.(int64); ok {
			return float64(i), nil
		}
	case ladder.MetricBool:
		if i, ok := v.(int64); ok && (i == 0 || i == 1) {
			return i == 1, nil
		}
	}
	return v, nil
}

func (w *workbookSink) close() error {
	err := w.wb.Write(w.out)
	return errors.Join(err, w.out.Close())
}

func (w *workbookSink) abort() {
	w.wb.Close()
	w.out.Close()
}

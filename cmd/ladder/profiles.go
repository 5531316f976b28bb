package main

import (
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ladderkit/ladder"
	"github.com/ladderkit/ladder/internal/natural"
)

// profileExts are the files a folder is searched for: single profiles,
// YAML streams, JSON Lines and CSV exports.
var profileExts = []string{".yaml", ".yml", ".json", ".jsonl", ".ndjson", ".csv", ".xlsx"}

// evaluated is one record of the PROFILE arguments and its outcome.
type evaluated struct {
	file   string // as typed, a file found in a folder, or "<stdin>"
	tables bool   // file is a folder of CSV tables
	line   int    // the line the record starts on in file (the row of the people table), when known
	index  int    // position among every record, from 0
	report *ladder.Report
	err    error // the record could not be read or evaluated
	// id and name are the person's, as far as they could be read (also
	// of an invalid record).
	id, name string
	// tenureDate is, for the summary, the date tenure alone allows when a
	// waiver cleared tenure (Promotion.Earliest is zero then); zero
	// otherwise.
	tenureDate time.Time
}

// source is "file:line" for a record of a stream ("folder/people.csv:row"
// for one of CSV tables), else the file.
func (e evaluated) source() string {
	if e.tables && e.line > 0 {
		return fmt.Sprintf("%s:%d", filepath.Join(e.file, "people.csv"), e.line)
	}
	if e.line > 0 {
		return fmt.Sprintf("%s:%d", e.file, e.line)
	}
	return e.file
}

// inputs is what the PROFILE arguments name, in order.
type inputs struct {
	files []string // files, and "-" for standard input
	many  bool     // more than one argument, a folder, or a stream file
}

// isStreamFile reports whether a file is by its name a stream of people.
func isStreamFile(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".jsonl", ".ndjson", ".csv", ".xlsx":
		return true
	}
	return false
}

// ladderAndInputs loads the ladder and expands the PROFILE arguments. The
// status is exitInvalid when an argument names nothing to read; ok is
// false when the ladder did not load (its problems are on stderr).
func (s *session) ladderAndInputs(args []string) (l *ladder.Ladder, in inputs, status int, ok bool) {
	if l, ok = s.ladder(); !ok {
		return nil, inputs{}, exitInvalid, false
	}
	in, bad := s.expand(args)
	if bad {
		return l, in, exitInvalid, true
	}
	return l, in, exitOK, true
}

// expand lists the files the PROFILE arguments name: files as given,
// folders' profile files in natural order (p2 before p10), "-" for
// standard input. A missing file or an empty folder is reported on stderr
// and makes bad true.
func (s *session) expand(args []string) (in inputs, bad bool) {
	in.many = len(args) > 1
	for _, arg := range args {
		if arg == "-" {
			in.files = append(in.files, arg)
			continue
		}
		fi, err := os.Stat(arg)
		if err != nil {
			s.errorf("%s: %v", arg, unwrapPath(err))
			bad = true
			continue
		}
		if !fi.IsDir() {
			in.files = append(in.files, arg)
			in.many = in.many || isStreamFile(arg)
			continue
		}
		in.many = true
		if isTablesDir(arg) {
			in.files = append(in.files, arg)
			continue
		}
		found, err := profilesIn(arg)
		if err != nil {
			s.errorf("%s: %v", arg, unwrapPath(err))
			bad = true
			continue
		}
		if len(found) == 0 {
			s.errorf("%s: no profiles in this folder (want *.yaml, *.yml, *.json, *.jsonl, *.ndjson or *.csv files)", arg)
			bad = true
		}
		in.files = append(in.files, found...)
	}
	return in, bad
}

// profilesIn lists the profile files in dir, in natural order.
func profilesIn(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && slices.Contains(profileExts, strings.ToLower(filepath.Ext(e.Name()))) {
			names = append(names, e.Name())
		}
	}
	slices.SortFunc(names, func(a, b string) int {
		if c := natural.Compare(a, b); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = filepath.Join(dir, n)
	}
	return out, nil
}

// fileStart is where the records of one file start among all records.
type fileStart struct {
	index  int
	name   string
	tables bool // a folder of CSV tables
}

// evaluate reads every file as a stream of people (ReadPeople: a single
// profile is a stream of one) and evaluates them on every core, yielding
// each record in input order as soon as it is ready. Files are opened one
// at a time; memory does not grow with the number of people.
func (s *session) evaluate(l *ladder.Ladder, files []string) iter.Seq[evaluated] {
	return func(yield func(evaluated) bool) {
		var mu sync.Mutex
		var starts []fileStart        // appended by the reader, consumed in order
		waived := map[int]time.Time{} // tenure dates by record index, for the summary
		people := func(yield func(ladder.Person, error) bool) {
			n := 0
			for r := range s.readAll(files) {
				if r.first {
					mu.Lock()
					starts = append(starts, fileStart{n, r.file, r.tables})
					mu.Unlock()
				}
				n++
				if r.err == nil && s.summary && len(r.person.Waivers) > 0 {
					if d := tenureDate(l, r.person, s.at); !d.IsZero() {
						mu.Lock()
						waived[n-1] = d
						mu.Unlock()
					}
				}
				if !yield(r.person, r.err) {
					return
				}
			}
		}
		var cur fileStart
		var missing unrecordedCount
		for r := range l.EvaluateStream(people, ladder.At(s.at)) {
			mu.Lock()
			for len(starts) > 0 && starts[0].index <= r.Index {
				s.warnUnrecorded(cur.name, &missing)
				cur, starts = starts[0], starts[1:]
			}
			if r.Report != nil && r.Report.Unrecorded != nil {
				missing.add(r.Report.Unrecorded)
			}
			d := waived[r.Index]
			delete(waived, r.Index)
			mu.Unlock()
			e := evaluated{file: cur.name, tables: cur.tables, line: r.Line, index: r.Index, report: r.Report, err: r.Err, tenureDate: d, id: r.ID, name: r.Name}
			if r.Index == cur.index && !isStreamFile(cur.name) && !cur.tables {
				e.line = 0 // a profile file: its name is enough
			}
			if !yield(e) {
				return
			}
		}
		s.warnUnrecorded(cur.name, &missing)
	}
}

// unrecordedCount sums up what the people of one input had no place for.
type unrecordedCount struct {
	people  int
	fields  []string
	unknown int
}

func (u *unrecordedCount) add(n *ladder.Unrecorded) {
	u.people++
	u.unknown += n.Unknown
	for _, f := range n.Fields {
		if !slices.Contains(u.fields, f) {
			u.fields = append(u.fields, f)
		}
	}
}

// warnUnrecorded says once for an input, on stderr, which fields it had no
// place for and how many checks are unknown for that, and starts counting
// afresh.
func (s *session) warnUnrecorded(file string, u *unrecordedCount) {
	if u.people > 0 {
		s.errorf("%s: warning: not recorded in this input: %s; %s unknown for that, of %s (docs/format.md, \"People as tables\")",
			file, strings.Join(u.fields, ", "), plural(u.unknown, "check is", "checks are"), plural(u.people, "person", "people"))
	}
	*u = unrecordedCount{}
}

// read is one record of the PROFILE arguments, as read.
type read struct {
	file   string // as typed, a file found in a folder, or "<stdin>"
	tables bool   // file is a folder of CSV tables
	first  bool   // the first record of its file
	person ladder.Person
	err    error
}

// readAll reads every file as a stream of people (ReadPeople: a single
// profile is a stream of one; ReadTables for a folder of CSV tables),
// files one at a time, in order. A person whose id was read before, in
// this file or an earlier one, is an error at the later record, naming
// where the first was: a person is counted and paid once.
func (s *session) readAll(files []string) iter.Seq[read] {
	return func(yield func(read) bool) {
		seen := map[string]string{} // where each id was first read
		for _, f := range files {
			tables := f != "-" && isTablesDir(f)
			name, people, closeFn, err := s.openPeople(f, tables)
			if err != nil {
				if !yield(read{file: name, tables: tables, first: true, err: err}) {
					return
				}
				continue
			}
			first := true
			for p, err := range people {
				if err == nil && s.due != "" && slices.Contains(p.Unrecorded, "mentees") {
					// A payroll sheet of people whose mentees are not
					// recorded would be empty, not right.
					err = ladder.ProfileErrors{{Message: "mentees are not recorded in this input (a flat CSV, or tables without a mentees table): " +
						"the payroll sheet cannot be drawn up from it; give the people as JSON Lines, YAML, or tables with a mentees table"}}
					if !yield(read{file: name, tables: tables, first: first, err: err}) {
						closeFn()
						return
					}
					first = false
					break // the rest of this input
				}
				if err == nil {
					if where, dup := seen[p.ID]; dup && !strings.HasPrefix(where, name+":") {
						err = ladder.ProfileErrors{{Path: "id", Message: fmt.Sprintf("person %q appears again: first read in %s", p.ID, where)}}
					} else if !dup {
						seen[p.ID] = name + ":" + strconv.Itoa(p.Line())
					}
				}
				ok := yield(read{file: name, tables: tables, first: first, person: p, err: err})
				first = false
				if !ok {
					closeFn()
					return
				}
			}
			closeFn()
		}
	}
}

// openPeople opens the people of one PROFILE argument: a file, standard
// input for "-", or (tables) a folder of CSV tables.
func (s *session) openPeople(file string, tables bool) (name string, people iter.Seq2[ladder.Person, error], closeFn func(), err error) {
	if tables {
		return file, ladder.ReadTables(os.DirFS(file), "."), func() {}, nil
	}
	name, r, closeFn, err := s.openProfile(file)
	if err != nil {
		return name, nil, nil, err
	}
	return name, ladder.ReadPeople(r), closeFn, nil
}

// isTablesDir reports whether dir is a folder of CSV tables: one that
// holds a people.csv.
func isTablesDir(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if !e.IsDir() && strings.EqualFold(e.Name(), "people.csv") {
			return true
		}
	}
	return false
}

// tenureDate is the earliest date the tenure rules alone allow p's
// promotion, waivers aside: the date the summary shows for a person whose
// tenure a waiver cleared. The library's Promotion.Earliest is zero then,
// since tenure does not block; the summary keeps the meaning of its
// Earliest column the same for everyone (add_months(level_since,
// min_months), DESIGN §5) and marks the row as waived. Zero when it cannot
// be told.
func tenureDate(l *ladder.Ladder, p ladder.Person, at time.Time) time.Time {
	p.Waivers = nil
	r, err := l.Evaluate(p, ladder.At(at))
	if err != nil || r.Promotion == nil {
		return time.Time{}
	}
	return r.Promotion.Earliest
}

// openProfile opens a profile file, or standard input for "-".
func (s *session) openProfile(file string) (name string, r io.Reader, closeFn func(), err error) {
	if file == "-" {
		return "<stdin>", s.stdin, func() {}, nil
	}
	f, err := os.Open(file)
	if err != nil {
		return file, nil, nil, unwrapPath(err)
	}
	return file, f, func() { f.Close() }, nil
}

// reportProblem writes each problem of a record on its own line:
// "maya.yaml:12:3: metrics.feature_hit_rate: want percent between 0 and 1, got 74".
func (s *session) reportProblem(e evaluated) {
	for _, line := range problemLines(e) {
		s.errorf("%s", line)
	}
}

// problemLines are the problems of a record as "FILE:LINE:COL: problem",
// or for tables as a spreadsheet user finds the cell: "people.xlsx: sheet
// people, row 17, column H (metrics.feature_hit_rate): problem", "tables/
// mentees.csv: row 5, column C (since): problem".
func problemLines(e evaluated) []string {
	var pes ladder.ProfileErrors
	if !errors.As(e.err, &pes) {
		return []string{e.source() + ": " + e.err.Error()}
	}
	out := make([]string, len(pes))
	for i, pe := range pes {
		pos := e.file
		switch {
		case pe.Table != "":
			where := pe.Where() // "table mentees, row 5, column C (since)"
			if strings.EqualFold(filepath.Ext(e.file), ".xlsx") {
				pos = e.file + ": sheet " + strings.TrimPrefix(where, "table ")
			} else {
				pos = filepath.Join(e.file, pe.Table+".csv") + ": " + strings.TrimPrefix(strings.TrimPrefix(where, "table "+pe.Table), ", ")
			}
		case pe.Line > 0:
			pos = fmt.Sprintf("%s:%d:%d", e.file, pe.Line, pe.Column)
			if pe.Header != "" && pe.Header != pe.Path {
				pos += " (" + pe.Header + ")"
			}
		case e.line > 0:
			pos = e.source()
		}
		if pe.Path != "" && (pe.Table == "" || pe.Path != pe.Header) { // a table's position names its column already
			out[i] = fmt.Sprintf("%s: %s: %s", pos, pe.Path, pe.Message)
		} else {
			out[i] = fmt.Sprintf("%s: %s", pos, pe.Message)
		}
	}
	return out
}

// progress writes a progress line to stderr every second when stderr is
// a terminal, for long runs; done clears it. Whatever else is written to
// that terminal clears it first (see session.errorf and clearsProgress),
// so a problem line is never printed over it; the next tick draws it
// again. It is used from one goroutine.
type progress struct {
	w     io.Writer // nil when off
	start time.Time
	last  time.Time
	n     int
	shown bool // the line is on the screen
}

func (s *session) progress() *progress {
	p := &progress{start: time.Now()}
	if isTerminal(s.stderr) {
		p.w = s.stderr
		p.last = p.start
	}
	s.prog = p
	return p
}

// add counts one record.
func (p *progress) add() {
	p.n++
	if p.w == nil || p.n%1024 != 0 {
		return
	}
	if now := time.Now(); now.Sub(p.last) >= time.Second {
		p.last = now
		rate := float64(p.n) / now.Sub(p.start).Seconds()
		fmt.Fprintf(p.w, "\r%d people, %.0f/s ", p.n, rate)
		p.shown = true
	}
}

// clear takes the progress line off the screen, if it is on it.
func (p *progress) clear() {
	if p != nil && p.shown {
		fmt.Fprint(p.w, "\r\033[K")
		p.shown = false
	}
}

// done clears the progress line, if one was written.
func (p *progress) done() { p.clear() }

// clearsProgress returns w, for a terminal wrapped so that each write
// first clears the progress line: standard output on the same terminal as
// standard error would otherwise go on after it.
func (s *session) clearsProgress(w io.Writer) io.Writer {
	if !isTerminal(w) {
		return w
	}
	return progressClearer{w, s}
}

type progressClearer struct {
	w io.Writer
	s *session
}

func (c progressClearer) Write(b []byte) (int, error) {
	c.s.prog.clear()
	return c.w.Write(b)
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// profileSet is the outcome of evaluating every PROFILE argument, held in
// memory: for the commands whose output needs every report at once.
type profileSet struct {
	reports []evaluated // the valid records, in input order
	many    bool        // more than one record, or a folder or stream
	invalid bool        // some input could not be read or evaluated
}

// evaluateArgs loads the ladder and evaluates the PROFILE arguments,
// reporting invalid records on stderr. It returns the outcome and the exit
// status it calls for, or false when the ladder did not load.
func (s *session) evaluateArgs(args []string) (profileSet, int, bool) {
	l, ok := s.ladder()
	if !ok {
		return profileSet{}, exitInvalid, false
	}
	in, bad := s.expand(args)
	set := profileSet{many: in.many, invalid: bad}
	n := 0
	for e := range s.evaluate(l, in.files) {
		n++
		if e.err != nil {
			s.reportProblem(e)
			set.invalid = true
			continue
		}
		set.reports = append(set.reports, e)
	}
	set.many = set.many || n > 1
	if set.invalid {
		return set, exitInvalid, true
	}
	return set, exitOK, true
}

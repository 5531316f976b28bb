package ladder

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ladderkit/ladder/internal/workbook"
)

// ReadTables reads people from their tables (docs/format.md, "People as
// tables"): name is a workbook (.xlsx) with sheets named after the tables,
// or a folder holding people.csv and the other tables as CSV files
// (mentees.csv, assessments.csv, …). Only the people table is required; a
// list field whose table is absent is recorded in each person's
// Unrecorded, so that the checks that read it are unknown rather than
// unmet.
//
// The list tables are read first and held in memory, grouped by person;
// the people table is then read row by row and each person yielded with
// their rows. A problem is reported with its table, row and column; a row
// of a list table whose person has no row in the people table is an error
// of its own, never dropped.
func ReadTables(fsys fs.FS, name string) iter.Seq2[Person, error] {
	return func(yield func(Person, error) bool) {
		fi, err := fs.Stat(fsys, name)
		if err != nil {
			yield(Person{src: &record{line: 1}}, ProfileErrors{{Message: err.Error(), Err: err}})
			return
		}
		if !fi.IsDir() {
			f, err := fsys.Open(name)
			if err != nil {
				yield(Person{src: &record{line: 1}}, ProfileErrors{{Message: err.Error(), Err: err}})
				return
			}
			defer f.Close()
			for p, err := range ReadPeople(f) {
				if !yield(p, err) {
					return
				}
			}
			return
		}
		seen := map[string]int{}
		readTables(csvFolder{fsys: fsys, dir: name}, func(p Person, err error) bool {
			if dup := duplicate(p, seen); err == nil {
				err = dup
			}
			return yield(p, err)
		})
	}
}

// readWorkbook reads the people of a workbook of at most maxWorkbookSize
// bytes.
func readWorkbook(r io.Reader, yield func(Person, error) bool) {
	data, err := io.ReadAll(io.LimitReader(r, maxWorkbookSize+1))
	if err == nil && len(data) > maxWorkbookSize {
		err = fmt.Errorf("workbook is over the limit of %d bytes", maxWorkbookSize)
	}
	if err != nil {
		yield(Person{src: &record{line: 1}}, ProfileErrors{{Message: err.Error(), Err: err}})
		return
	}
	b, err := workbook.Open(bytes.NewReader(data))
	if err != nil {
		yield(Person{src: &record{line: 1}}, ProfileErrors{{Message: err.Error(), Err: err}})
		return
	}
	defer b.Close()
	readTables(book{b}, yield)
}

// tableSource is where tables are read from: a workbook or a folder of CSV
// files.
type tableSource interface {
	// rows calls yield with each row of the table, its number from 1 and its
	// cells; it reports false when the input has no such table.
	rows(table string, yield func(row int, cells []string) bool) (found bool, err error)
	excel() bool
}

type book struct{ b *workbook.Book }

func (b book) excel() bool { return true }

func (b book) rows(table string, yield func(int, []string) bool) (bool, error) {
	for _, s := range b.b.Sheets() {
		if strings.EqualFold(strings.TrimSpace(s), table) {
			return true, b.b.Rows(s, yield)
		}
	}
	return false, nil
}

type csvFolder struct {
	fsys fs.FS
	dir  string
}

func (c csvFolder) excel() bool { return false }

func (c csvFolder) rows(table string, yield func(int, []string) bool) (bool, error) {
	entries, err := fs.ReadDir(c.fsys, c.dir)
	if err != nil {
		return false, err
	}
	i := slices.IndexFunc(entries, func(e fs.DirEntry) bool { return !e.IsDir() && strings.EqualFold(e.Name(), table+".csv") })
	if i < 0 {
		return false, nil
	}
	f, err := c.fsys.Open(path.Join(c.dir, entries[i].Name()))
	if err != nil {
		return true, err
	}
	defer f.Close()
	return true, readCSVRows(f, yield)
}

// readCSVRows reads the rows of a CSV table: a UTF-8 byte-order mark is
// skipped, the separator (",", ";" or tab) is told from the header line.
func readCSVRows(r io.Reader, yield func(int, []string) bool) error {
	br := bufio.NewReaderSize(r, 64<<10)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.Comma = separator(peekLine(br))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	for {
		row, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		line, _ := cr.FieldPos(0)
		for i, cell := range row {
			row[i] = unquoteCell(cell)
		}
		if !yield(line, row) {
			return nil
		}
	}
}

// peekLine is the first line of br, without consuming it.
func peekLine(br *bufio.Reader) []byte {
	head, _ := br.Peek(br.Size())
	line, _, _ := bytes.Cut(head, []byte("\n"))
	return line
}

// separator tells a CSV header line's separator: the one of ",", ";" and
// tab that it holds most of, "," when it holds none.
func separator(header []byte) rune {
	best, n := ',', bytes.Count(header, []byte(","))
	for _, sep := range []rune{';', '\t'} {
		if c := bytes.Count(header, []byte(string(sep))); c > n {
			best, n = sep, c
		}
	}
	return best
}

// tablePos is where the rows of one person are in the tables, so that the
// problems Evaluate finds by field path can be put at their cell.
type tablePos struct {
	headers     map[string]map[string]int // column numbers by table and column name
	people      int                       // the row in the people table
	rows        map[string][]int          // the rows of each list field's entries, in order
	assessments map[string]int            // the assessments row of each component
	panel       map[string][]int          // the panel rows of each component
}

// place returns where in the tables the field path is.
func (tp *tablePos) place(fieldPath string) (table string, row, col int, header string) {
	first, rest := fieldPath, ""
	if i := strings.IndexAny(fieldPath, ".["); i >= 0 {
		first, rest = fieldPath[:i], fieldPath[i:]
	}
	column := func(table, name string) (string, int, int, string) {
		name, _, _ = strings.Cut(name, "[")
		if c, ok := tp.headers[table][name]; ok {
			return table, row, c, name
		}
		return table, row, 0, ""
	}
	switch first {
	case "history", "nominations", "waivers", "mentees", "breaks":
		i, after, ok := indexOf(rest)
		if rows := tp.rows[first]; ok && i < len(rows) {
			row = rows[i]
			return column(first, strings.TrimPrefix(after, "."))
		}
		return first, 0, 0, ""
	case "assessments":
		id, after, _ := strings.Cut(strings.TrimPrefix(rest, "."), ".")
		if pn, ok := strings.CutPrefix(after, "panel"); ok {
			i, after, ok := indexOf(pn)
			if rows := tp.panel[id]; ok && i < len(rows) {
				row = rows[i]
				return column("panel", strings.TrimPrefix(after, "."))
			}
			return "panel", 0, 0, ""
		}
		row = tp.assessments[id]
		if after == "" {
			after = "assessment"
		}
		return column("assessments", after)
	}
	row = tp.people
	if first == "metrics" || first == "mentor" {
		return column("people", fieldPath)
	}
	return column("people", first)
}

// indexOf reads "[i]" at the start of s.
func indexOf(s string) (i int, rest string, ok bool) {
	inner, rest, found := strings.Cut(strings.TrimPrefix(s, "["), "]")
	if !found || !strings.HasPrefix(s, "[") {
		return 0, s, false
	}
	i, err := strconv.Atoi(inner)
	return i, rest, err == nil
}

// locate puts each problem of pes that has no position at its cell.
func (tp *tablePos) locate(pes ProfileErrors) {
	for _, e := range pes {
		if e.Table != "" || e.Line != 0 {
			continue
		}
		e.Table, e.Line, e.Column, e.Header = tp.place(e.Path)
		if e.Line == 0 {
			e.Table, e.Line = "people", tp.people
		}
	}
}

// tabled is a person being put together from their rows.
type tabled struct {
	p     Person
	pos   *tablePos
	errs  ProfileErrors
	first string // the first row that named the person, for a person missing from the people table
}

// tableHeader is a table's header: the column of each cell, or -1 for a
// cell of an unknown or empty trailing column.
type tableHeader struct {
	table Table
	names []string // by cell; "" for a cell to ignore
}

func readHeader(t Table, row int, cells []string, errs *ProfileErrors) *tableHeader {
	h := &tableHeader{table: t, names: make([]string, len(cells))}
	last := len(cells)
	for last > 0 && strings.TrimSpace(cells[last-1]) == "" {
		last--
	}
	for i, cell := range cells[:last] {
		name := strings.ToLower(strings.TrimSpace(cell))
		fail := func(format string, args ...any) {
			*errs = append(*errs, &ProfileError{Table: t.Name, Line: row, Column: i + 1, Header: strings.TrimSpace(cell), Message: fmt.Sprintf(format, args...)})
		}
		switch {
		case name == "":
			fail("empty column name in table %s", t.Name)
		case slices.Contains(h.names[:i], name):
			fail("column %q appears twice in table %s", name, t.Name)
		case slices.ContainsFunc(t.Columns, func(c Column) bool { return c.Name == name }),
			t.Name == "people" && strings.HasPrefix(name, "metrics.") && len(name) > len("metrics."):
			h.names[i] = name
		default:
			fail("%s", unknownColumn(t, name))
		}
	}
	need := []string{"person"}
	switch t.Name {
	case "people":
		need = []string{"id", "level"}
	case "assessments", "panel":
		need = append(need, "assessment")
	}
	for _, n := range need {
		if !slices.Contains(h.names, n) {
			*errs = append(*errs, &ProfileError{Table: t.Name, Line: row, Column: 1, Message: fmt.Sprintf("missing column %q in table %s", n, t.Name)})
		}
	}
	return h
}

// cells are the named cells of a row: trimmed, by column name, with their
// positions; ok is false for a row with no text in it.
func (h *tableHeader) cells(row int, cells []string, excel bool, errs *ProfileErrors) (map[string]tableCell, bool) {
	out := make(map[string]tableCell, len(h.names))
	blank := true
	for i, cell := range cells {
		cell = strings.TrimSpace(cell)
		if cell == "" {
			continue
		}
		blank = false
		if i >= len(h.names) || h.names[i] == "" {
			*errs = append(*errs, &ProfileError{Table: h.table.Name, Line: row, Column: i + 1,
				Message: fmt.Sprintf("cell %q is beyond the header's %d columns: put a cell that holds the separator in double quotes", cell, countNamed(h.names))})
			continue
		}
		out[h.names[i]] = tableCell{text: cell, row: row, col: i + 1, header: h.names[i], excel: excel}
	}
	return out, !blank
}

func countNamed(names []string) int {
	n := 0
	for _, s := range names {
		if s != "" {
			n++
		}
	}
	return n
}

// readTables reads people from src's tables.
func readTables(src tableSource, yield func(Person, error) bool) {
	var headerErrs ProfileErrors
	people := map[string]*tabled{}
	var order []string // ids in the order first met in the list tables
	var stray []ProfileErrors
	var unrecorded []string
	headers := map[string]map[string]int{}
	for _, t := range listTables {
		var h *tableHeader
		found, err := src.rows(t.Name, func(row int, cells []string) bool {
			if h == nil {
				n := len(headerErrs)
				h = readHeader(t, row, cells, &headerErrs)
				headers[t.Name] = columnsOf(h)
				return len(headerErrs) == n
			}
			var errs ProfileErrors
			named, ok := h.cells(row, cells, src.excel(), &errs)
			if !ok {
				return true
			}
			who, has := named["person"]
			if !has {
				errs = append(errs, &ProfileError{Table: t.Name, Line: row, Column: headers[t.Name]["person"], Header: "person", Message: "missing: whose row this is (the person's id)"})
				stray = append(stray, errs)
				return true
			}
			tp := people[who.text]
			if tp == nil {
				tp = &tabled{pos: &tablePos{headers: headers}, first: fmt.Sprintf("table %s, row %d", t.Name, row)}
				people[who.text] = tp
				order = append(order, who.text)
			}
			tp.errs = append(tp.errs, errs...)
			tp.addRow(t, named, row)
			return true
		})
		if err != nil {
			headerErrs = append(headerErrs, &ProfileError{Table: t.Name, Message: "reading the table: " + err.Error(), Err: err})
		}
		if !found && t.Name != "panel" {
			unrecorded = append(unrecorded, t.Field)
		}
	}
	var h *tableHeader
	var errs ProfileErrors
	stop := false
	found, err := src.rows("people", func(row int, cells []string) bool {
		if h == nil {
			h = readHeader(Table{Name: "people", Columns: peopleColumns}, row, cells, &headerErrs)
			headers["people"] = columnsOf(h)
			if len(headerErrs) > 0 {
				stop = !yield(Person{src: &record{line: row}}, headerErrs)
				return false
			}
			if _, ok := headers["people"]["mentor.id"]; !ok {
				unrecorded = append(unrecorded, "mentor")
			}
			return true
		}
		errs = nil
		named, ok := h.cells(row, cells, src.excel(), &errs)
		if !ok {
			return true
		}
		var tp *tabled
		if id, ok := named["id"]; ok && people[id.text] != nil {
			tp = people[id.text]
			delete(people, id.text)
		} else {
			tp = &tabled{pos: &tablePos{headers: headers}}
		}
		tp.pos.people = row
		tp.errs = append(errs, tp.errs...)
		tp.readPerson(named, row)
		tp.p.Unrecorded = append(tp.p.Unrecorded, unrecorded...)
		tp.p.src = &record{line: row, table: tp.pos}
		if len(tp.errs) > 0 {
			// The person holds what did read, so that evaluating them
			// reports the ladder's problems of those fields too.
			tp.errs.sortByTable()
			tp.p.src.failed, tp.p.src.decoded = tp.errs, true
			stop = !yield(tp.p, tp.errs)
			return !stop
		}
		stop = !yield(tp.p, nil)
		return !stop
	})
	switch {
	case stop:
		return
	case err != nil:
		yield(Person{src: &record{line: 1}}, ProfileErrors{{Table: "people", Message: "reading the table: " + err.Error(), Err: err}})
		return
	case !found:
		yield(Person{src: &record{line: 1}}, ProfileErrors{{Message: "no people table: want a sheet or a file named people, one row a person"}})
		return
	case h == nil && len(headerErrs) > 0:
		yield(Person{src: &record{line: 1}}, headerErrs)
		return
	}
	for _, id := range order {
		tp := people[id]
		if tp == nil {
			continue
		}
		errs := ProfileErrors{{Path: "id", Table: "people", Message: fmt.Sprintf("person %q has rows in other tables (first: %s) but no row in table people", id, tp.first)}}
		if !yield(Person{ID: id, src: &record{line: 1}}, errs) {
			return
		}
	}
	for _, errs := range stray {
		if !yield(Person{src: &record{line: errs[0].Line}}, errs) {
			return
		}
	}
}

func columnsOf(h *tableHeader) map[string]int {
	out := make(map[string]int, len(h.names))
	for i, n := range h.names {
		if n != "" {
			out[n] = i + 1
		}
	}
	return out
}

// readPerson reads the people table's cells of a person.
func (tp *tabled) readPerson(named map[string]tableCell, row int) {
	r := tableRow{table: "people", errs: &tp.errs}
	p := &tp.p
	for name, c := range named {
		switch name {
		case "id":
			p.ID = c.text
		case "name":
			p.Name = c.text
		case "level":
			p.Level = LevelID(c.text)
		case "level_since":
			p.LevelSince = r.date(c, name)
		case "joined":
			p.Joined = r.date(c, name)
		case "roles":
			p.Roles = splitList(c.text)
		case "checklist":
			p.Checklist = splitList(c.text)
		case "unrecorded":
			p.Unrecorded = splitList(c.text)
		case "mentor.id", "mentor.level", "mentor.roles":
			if p.Mentor == nil {
				p.Mentor = &Mentor{}
			}
			switch name {
			case "mentor.id":
				p.Mentor.ID = c.text
			case "mentor.level":
				p.Mentor.Level = LevelID(c.text)
			default:
				p.Mentor.Roles = splitList(c.text)
			}
		default:
			if p.Metrics == nil {
				p.Metrics = map[string]any{}
			}
			p.Metrics[strings.TrimPrefix(name, "metrics.")] = csvValue(c.text)
		}
	}
	for _, need := range []string{"id", "level"} {
		if _, ok := named[need]; !ok {
			*r.errs = append(*r.errs, &ProfileError{Path: need, Table: "people", Line: row, Column: tp.pos.headers["people"][need], Header: need, Message: "missing required value"})
		}
	}
}

// addRow adds one row of a list table to the person.
func (tp *tabled) addRow(t Table, named map[string]tableCell, row int) {
	p := &tp.p
	if tp.pos.rows == nil {
		tp.pos.rows = map[string][]int{}
	}
	var r tableRow
	r.table, r.errs = t.Name, &tp.errs
	get := func(name string) (tableCell, bool) { c, ok := named[name]; return c, ok }
	str := func(name string) string { return named[name].text }
	date := func(name, path string) (d time.Time) {
		if c, ok := get(name); ok {
			d = r.date(c, path)
		}
		return d
	}
	need := func(path string, names ...string) {
		for _, n := range names {
			if _, ok := named[n]; !ok {
				r.fail(tableCell{row: row, col: tp.pos.headers[t.Name][n], header: n}, path+"."+n, "missing required value")
			}
		}
	}
	at := func(field string, n int) string { return fmt.Sprintf("%s[%d]", field, n) }
	switch t.Name {
	case "history":
		path := at("history", len(p.History))
		need(path, "level", "since")
		p.History = append(p.History, LevelSpan{Level: LevelID(str("level")), Since: date("since", path+".since")})
	case "assessments":
		id := str("assessment")
		path := "assessments." + id
		if prev, dup := tp.pos.assessments[id]; dup {
			r.fail(named["assessment"], path, "assessment %q appears again for this person: first in row %d", id, prev)
			return
		}
		need(path, "result")
		a := p.Assessments[id]
		a.Result, a.Date = Outcome(str("result")), date("date", path+".date")
		if p.Assessments == nil {
			p.Assessments = map[string]AssessmentResult{}
			tp.pos.assessments = map[string]int{}
		}
		p.Assessments[id] = a
		tp.pos.assessments[id] = row
		return
	case "panel":
		id := str("assessment")
		a, ok := p.Assessments[id]
		if !ok {
			r.fail(named["assessment"], "assessments."+id+".panel", "no result for assessment %q of this person in table assessments", id)
			return
		}
		path := at("assessments."+id+".panel", len(a.Panel))
		need(path, "by", "level")
		a.Panel = append(a.Panel, Panelist{By: str("by"), Level: LevelID(str("level"))})
		p.Assessments[id] = a
		if tp.pos.panel == nil {
			tp.pos.panel = map[string][]int{}
		}
		tp.pos.panel[id] = append(tp.pos.panel[id], row)
		return
	case "nominations":
		path := at("nominations", len(p.Nominations))
		need(path, "by")
		p.Nominations = append(p.Nominations, Nomination{By: str("by"), Level: LevelID(str("level")), Roles: splitList(str("roles")), Date: date("date", path+".date")})
	case "waivers":
		path := at("waivers", len(p.Waivers))
		need(path, "check", "by")
		p.Waivers = append(p.Waivers, Waiver{Check: CheckKind(str("check")), By: str("by"), Reason: str("reason"), Date: date("date", path+".date")})
	case "mentees":
		path := at("mentees", len(p.Mentees))
		need(path, "id", "level", "since")
		m := Mentee{ID: str("id"), Level: LevelID(str("level")), FromLevel: LevelID(str("from_level")),
			Since: date("since", path+".since"), Until: date("until", path+".until")}
		if c, ok := get("advanced"); ok {
			if b, ok := r.boolean(c, path+".advanced"); ok {
				m.Advanced = &b
			}
		}
		_, hasDate := get("placement.date")
		_, hasRate := get("placement.monthly_rate")
		_, hasCur := get("placement.currency")
		_, hasUntil := get("placement.until")
		if hasDate || hasRate || hasCur || hasUntil {
			need(path+".placement", "placement.date", "placement.monthly_rate")
			m.Placement = &Placement{Date: date("placement.date", path+".placement.date"), Until: date("placement.until", path+".placement.until")}
			if hasRate {
				if money, ok := r.money(named["placement.monthly_rate"], named["placement.currency"], path+".placement.monthly_rate"); ok {
					m.Placement.MonthlyRate = money
				}
			}
		}
		p.Mentees = append(p.Mentees, m)
	case "breaks":
		path := at("breaks", len(p.Breaks))
		need(path, "from", "until")
		p.Breaks = append(p.Breaks, Break{From: date("from", path+".from"), Until: date("until", path+".until")})
	}
	tp.pos.rows[t.Name] = append(tp.pos.rows[t.Name], row)
}

// sortByTable puts problems in the order of the tables, then rows and
// columns.
func (es ProfileErrors) sortByTable() {
	rank := func(t string) int {
		if t == "people" || t == "" {
			return 0
		}
		return 1 + slices.IndexFunc(listTables, func(lt Table) bool { return lt.Name == t })
	}
	slices.SortStableFunc(es, func(a, b *ProfileError) int {
		if c := rank(a.Table) - rank(b.Table); c != 0 {
			return c
		}
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Column - b.Column
	})
}

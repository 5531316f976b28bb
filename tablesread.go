package ladder

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/csv"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
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
		for p, err := range readRecords(func(emit func(rawRecord) bool) { readTables(csvFolder{fsys: fsys, dir: name}, emit) }) {
			if !yield(p, err) {
				return
			}
		}
	}
}

// readWorkbook reads the people of a workbook of at most maxWorkbookSize
// bytes.
func readWorkbook(r io.Reader, emit func(rawRecord) bool) {
	yield := func(p Person, err error) bool { return emit(rawRecord{p: p, err: err, parsed: true}) }
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
	readTables(book{b}, emit)
}

// tableSource is where tables are read from: a workbook or a folder of CSV
// files.
type tableSource interface {
	// rows calls yield with each row of the table, its number from 1 and its
	// cells, which are valid until yield returns; it reports false when the
	// input has no such table.
	rows(table string, yield func(row int, cells []string) bool) (found bool, err error)
	// form is how the source's cells hold numbers and dates.
	form() cellForm
	// concurrent reports whether several tables may be read at once.
	concurrent() bool
}

type book struct{ b *workbook.Book }

func (b book) form() cellForm {
	if b.b.Date1904() {
		return excel1904Cells
	}
	return excelCells
}

func (b book) concurrent() bool { return true }

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

func (c csvFolder) form() cellForm { return textCells }

func (c csvFolder) concurrent() bool { return true }

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
	if bom, _ := br.Peek(len(utf8BOM)); bytes.Equal(bom, utf8BOM) {
		br.Discard(len(utf8BOM))
	}
	cr := csv.NewReader(br)
	cr.Comma = csvSeparator(peekHead(br))
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

// tablePos is where the rows of one person are in the tables, so that the
// problems Evaluate finds by field path can be put at their cell.
type tablePos struct {
	headers     map[string]*tableHeader // the tables' headers, shared by every person of one input
	people      int                     // the row in the people table
	rows        [numListTables][]int    // by list table (listTables' order): the rows of the field's entries, in order
	assessments []keyRow                // the assessments row of each component
	panel       []keyRow                // the panel rows, each with its component
}

// keyRow is the row of an entry of a field keyed by id: an assessment
// component, or a panelist of one.
type keyRow struct {
	key string
	row int
}

// place returns where in the tables the field path is.
func (tp *tablePos) place(fieldPath string) (table string, row, col int, header string) {
	first, rest := fieldPath, ""
	if i := strings.IndexAny(fieldPath, ".["); i >= 0 {
		first, rest = fieldPath[:i], fieldPath[i:]
	}
	column := func(table, name string) (string, int, int, string) {
		name, _, _ = strings.Cut(name, "[")
		if h := tp.headers[table]; h != nil {
			if c, ok := h.index[name]; ok {
				return table, row, c + 1, name
			}
		}
		return table, row, 0, ""
	}
	switch first {
	case "history", "nominations", "waivers", "mentees", "breaks":
		i, after, ok := indexOf(rest)
		if rows := tp.rowsOf(first); ok && i < len(rows) {
			row = rows[i]
			return column(first, strings.TrimPrefix(after, "."))
		}
		return first, 0, 0, ""
	case "assessments":
		id, after, _ := strings.Cut(strings.TrimPrefix(rest, "."), ".")
		if pn, ok := strings.CutPrefix(after, "panel"); ok {
			i, after, ok := indexOf(pn)
			for _, k := range tp.panel {
				if k.key != id {
					continue
				}
				if ok && i == 0 {
					row = k.row
					return column("panel", strings.TrimPrefix(after, "."))
				}
				i--
			}
			return "panel", 0, 0, ""
		}
		for _, k := range tp.assessments {
			if k.key == id {
				row = k.row
			}
		}
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

// rowsOf is the rows of the list field's entries.
func (tp *tablePos) rowsOf(field string) []int {
	for i, t := range listTables {
		if t.Name == field {
			return tp.rows[i]
		}
	}
	return nil
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

// tableHeader is a table's header as read: the column name of each cell.
type tableHeader struct {
	table Table
	names []string       // by cell: the column's name; "" for a cell past the named ones
	index map[string]int // the cell of each column name
}

func readHeader(t Table, row int, cells []string, errs *ProfileErrors) *tableHeader {
	last := len(cells)
	for last > 0 && strings.TrimSpace(cells[last-1]) == "" {
		last--
	}
	h := &tableHeader{table: t, names: make([]string, last), index: make(map[string]int, last)}
	for i, cell := range cells[:last] {
		name := strings.ToLower(strings.TrimSpace(cell))
		fail := func(format string, args ...any) {
			*errs = append(*errs, &ProfileError{Table: t.Name, Line: row, Column: i + 1, Header: strings.TrimSpace(cell), Message: fmt.Sprintf(format, args...)})
		}
		_, twice := h.index[name]
		switch {
		case name == "":
			fail("empty column name in table %s", t.Name)
		case twice:
			fail("column %q appears twice in table %s", name, t.Name)
		case slices.ContainsFunc(t.Columns, func(c Column) bool { return c.Name == name }),
			t.Name == "people" && strings.HasPrefix(name, "metrics.") && len(name) > len("metrics."):
			h.names[i] = name
			h.index[name] = i
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
		if _, ok := h.index[n]; !ok {
			*errs = append(*errs, &ProfileError{Table: t.Name, Line: row, Column: 1, Message: fmt.Sprintf("missing column %q in table %s", n, t.Name)})
		}
	}
	return h
}

// rowCells are the cells of one row of a table, trimmed, by cell. Its
// buffer is reused from row to row.
type rowCells struct {
	h     *tableHeader
	row   int
	form  cellForm
	texts []string
}

// read reads a row into rc and reports whether it holds any text. A cell
// past the header's columns is a problem.
func (rc *rowCells) read(h *tableHeader, row int, cells []string, form cellForm, errs *ProfileErrors) bool {
	rc.h, rc.row, rc.form = h, row, form
	rc.texts = slices.Grow(rc.texts[:0], len(h.names))[:len(h.names)]
	clear(rc.texts)
	blank := true
	for i, cell := range cells {
		cell = strings.TrimSpace(cell)
		if cell == "" {
			continue
		}
		blank = false
		if i >= len(h.names) || h.names[i] == "" {
			*errs = append(*errs, &ProfileError{Table: h.table.Name, Line: row, Column: i + 1,
				Message: fmt.Sprintf("cell %q is beyond the header's %d columns: put a cell that holds the separator in double quotes", cell, len(h.index))})
			continue
		}
		rc.texts[i] = cell
	}
	return !blank
}

// cell is the i-th cell, with its position.
func (rc *rowCells) cell(i int) tableCell {
	return tableCell{text: rc.texts[i], row: rc.row, col: i + 1, header: rc.h.names[i], form: rc.form}
}

// get returns the cell of the named column, and whether it holds text.
func (rc *rowCells) get(name string) (tableCell, bool) {
	i, ok := rc.h.index[name]
	if !ok {
		return tableCell{}, false
	}
	return rc.cell(i), rc.texts[i] != ""
}

// text returns the text of the named column's cell.
func (rc *rowCells) text(name string) string {
	if i, ok := rc.h.index[name]; ok {
		return rc.texts[i]
	}
	return ""
}

// childRow is a row of a list table kept until its person's row in the
// people table is read: its table (an index in listTables), its row and
// its cells, packed into one string (packCells) so that a few hundred
// thousand rows take little memory.
type childRow struct {
	table int32
	row   int32
	cells string
}

// packCells packs cells into one string: each cell's length as a uvarint,
// then its bytes; the trailing empty cells are left out.
// buf is working memory, kept from call to call.
func packCells(buf *[]byte, cells []string) string {
	last := len(cells)
	for last > 0 && cells[last-1] == "" {
		last--
	}
	b := (*buf)[:0]
	for _, c := range cells[:last] {
		b = binary.AppendUvarint(b, uint64(len(c)))
		b = append(b, c...)
	}
	*buf = b
	return string(b)
}

// unpackCells appends the cells packed in s to out; they share s's memory.
func unpackCells(s string, out []string) []string {
	for len(s) > 0 {
		n, w := binary.Uvarint([]byte(s[:min(len(s), binary.MaxVarintLen64)]))
		s = s[w:]
		out = append(out, s[:n])
		s = s[n:]
	}
	return out
}

// listTable is one list table as read in the first pass: its rows by person.
type listTable struct {
	header  *tableHeader
	found   bool
	pending map[string][]childRow // the rows by person
	order   []string              // the persons of pending in the order first met
	stray   []ProfileErrors       // rows that name no person
	errs    ProfileErrors         // problems of the header, or of reading the table
}

// readList reads list table ti of src, keeping each row packed under its
// person's id.
func readList(src tableSource, ti int) *listTable {
	t := listTables[ti]
	lr := &listTable{pending: map[string][]childRow{}}
	var buf []byte
	var rc rowCells
	var err error
	lr.found, err = src.rows(t.Name, func(row int, cells []string) bool {
		h := lr.header
		if h == nil {
			lr.header = readHeader(t, row, cells, &lr.errs)
			return len(lr.errs) == 0
		}
		who := ""
		if i, ok := h.index["person"]; ok && i < len(cells) {
			who = strings.TrimSpace(cells[i])
		}
		if who == "" {
			var errs ProfileErrors
			if !rc.read(h, row, cells, src.form(), &errs) {
				return true // an empty row
			}
			errs = append(errs, &ProfileError{Table: t.Name, Line: row, Column: h.index["person"] + 1, Header: "person", Message: "missing: whose row this is (the person's id)"})
			lr.stray = append(lr.stray, errs)
			return true
		}
		rows, seen := lr.pending[who]
		if !seen {
			lr.order = append(lr.order, who)
		}
		lr.pending[who] = append(rows, childRow{table: int32(ti), row: int32(row), cells: packCells(&buf, cells)})
		return true
	})
	if err != nil {
		lr.errs = append(lr.errs, &ProfileError{Table: t.Name, Message: "reading the table: " + err.Error(), Err: err})
	}
	return lr
}

// tableInput is what every person of one input read as tables shares.
type tableInput struct {
	lists      []*listTable            // by list table
	headers    map[string]*tableHeader // every table's header
	unrecorded []string                // the fields the input has no table for
	form       cellForm
}

// rowWork is the working memory of putting a person together, reused.
type rowWork struct {
	rc    rowCells
	cells []string
}

var rowPool = sync.Pool{New: func() any { return new(rowWork) }}

// tableRaw is a row of the people table with the person's rows in the
// list tables, as split off, to be put together on any core.
type tableRaw struct {
	in    *tableInput
	cells []string   // the people row's cells
	kids  []childRow // the person's rows of the list tables, table by table
}

// readTables splits src's tables into records, one a person: the list
// tables are read first (at once, when src allows), then the people table
// row by row. Each row is emitted with the person's rows of the list
// tables, for parseRecord to put the person together; problems of the
// tables as a whole, rows of people missing from the people table and
// rows that name no person are emitted as records of their own.
func readTables(src tableSource, emit func(rawRecord) bool) {
	fail := func(line int, errs ProfileErrors) bool {
		return emit(rawRecord{p: Person{src: &record{line: line}}, err: errs, parsed: true})
	}
	in := &tableInput{lists: make([]*listTable, len(listTables)), headers: map[string]*tableHeader{}, form: src.form()}
	var wg sync.WaitGroup
	for ti := range listTables {
		if !src.concurrent() {
			in.lists[ti] = readList(src, ti)
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			in.lists[ti] = readList(src, ti)
		}()
	}
	wg.Wait()
	var headerErrs ProfileErrors
	for ti, lr := range in.lists {
		t := listTables[ti]
		headerErrs = append(headerErrs, lr.errs...)
		if lr.header != nil {
			in.headers[t.Name] = lr.header
		}
		if !lr.found && t.Name != "panel" {
			in.unrecorded = append(in.unrecorded, t.Field)
		}
	}
	var h *tableHeader
	var rc rowCells
	stop := false
	found, err := src.rows("people", func(row int, cells []string) bool {
		if h == nil {
			h = readHeader(Table{Name: "people", Columns: peopleColumns}, row, cells, &headerErrs)
			in.headers["people"] = h
			if len(headerErrs) > 0 {
				stop = !fail(row, headerErrs)
				return false
			}
			if _, ok := h.index["mentor.id"]; !ok {
				in.unrecorded = append(in.unrecorded, "mentor")
			}
			return true
		}
		id := ""
		if i, ok := h.index["id"]; ok && i < len(cells) {
			id = strings.TrimSpace(cells[i])
		}
		raw := &tableRaw{in: in, cells: slices.Clone(cells)}
		if id != "" {
			for _, lr := range in.lists {
				if len(lr.pending) == 0 {
					continue
				}
				if kids, ok := lr.pending[id]; ok {
					raw.kids = append(raw.kids, kids...)
					delete(lr.pending, id)
				}
			}
		} else if !rc.read(h, row, cells, textCells, new(ProfileErrors)) {
			return true // an empty row
		}
		stop = !emit(rawRecord{line: row, table: raw})
		return !stop
	})
	switch {
	case stop:
		return
	case err != nil:
		fail(1, ProfileErrors{{Table: "people", Message: "reading the table: " + err.Error(), Err: err}})
		return
	case !found:
		fail(1, ProfileErrors{{Message: "no people table: want a sheet or a file named people, one row a person"}})
		return
	case h == nil && len(headerErrs) > 0:
		fail(1, headerErrs)
		return
	}
	reported := map[string]bool{}
	for _, lr := range in.lists {
		for _, id := range lr.order {
			rows := lr.pending[id]
			if rows == nil || reported[id] {
				continue
			}
			reported[id] = true
			first := fmt.Sprintf("table %s, row %d", listTables[rows[0].table].Name, rows[0].row)
			errs := ProfileErrors{{Path: "id", Table: "people", Message: fmt.Sprintf("person %q has rows in other tables (first: %s) but no row in table people", id, first)}}
			if !emit(rawRecord{p: Person{ID: id, src: &record{line: 1}}, err: errs, parsed: true}) {
				return
			}
		}
	}
	for _, lr := range in.lists {
		for _, errs := range lr.stray {
			if !fail(errs[0].Line, errs) {
				return
			}
		}
	}
}

// person puts the person of a people row together with their rows of the
// list tables.
func (raw *tableRaw) person(row int) rawRecord {
	in := raw.in
	tp := &tabled{pos: &tablePos{headers: in.headers, people: row}}
	w := rowPool.Get().(*rowWork)
	defer rowPool.Put(w)
	rc := &w.rc
	rc.read(in.headers["people"], row, raw.cells, in.form, &tp.errs)
	tp.readPerson(rc, row)
	for _, cr := range raw.kids {
		t := listTables[cr.table]
		w.cells = unpackCells(cr.cells, w.cells[:0])
		rc.read(in.headers[t.Name], int(cr.row), w.cells, in.form, &tp.errs)
		tp.addRow(int(cr.table), rc, int(cr.row))
	}
	clear(w.cells)
	clear(rc.texts)
	for _, f := range in.unrecorded {
		if !slices.Contains(tp.p.Unrecorded, f) {
			tp.p.Unrecorded = append(tp.p.Unrecorded, f)
		}
	}
	tp.p.src = &record{line: row, table: tp.pos}
	if len(tp.errs) == 0 {
		return rawRecord{p: tp.p, parsed: true}
	}
	// The person holds what did read, so that evaluating them reports the
	// ladder's problems of those fields too.
	tp.errs.sortByTable()
	tp.p.src.failed, tp.p.src.decoded = tp.errs, true
	return rawRecord{p: tp.p, err: tp.errs, parsed: true}
}

// tabled is a person being put together from their rows.
type tabled struct {
	p    Person
	pos  *tablePos
	errs ProfileErrors
}

// readPerson reads the people table's cells of a person.
func (tp *tabled) readPerson(rc *rowCells, row int) {
	r := tableRow{table: "people", errs: &tp.errs}
	p := &tp.p
	for i, text := range rc.texts {
		if text == "" {
			continue
		}
		c := rc.cell(i)
		switch name := rc.h.names[i]; name {
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
		if _, ok := rc.get(need); !ok {
			*r.errs = append(*r.errs, &ProfileError{Path: need, Table: "people", Line: row, Column: rc.h.index[need] + 1, Header: need, Message: "missing required value"})
		}
	}
}

// addRow adds one row of a list table (an index in listTables) to the
// person.
func (tp *tabled) addRow(ti int, rc *rowCells, row int) {
	t := listTables[ti]
	p := &tp.p
	r := tableRow{table: t.Name, errs: &tp.errs}
	str := rc.text
	date := func(name string) (d time.Time) {
		if c, ok := rc.get(name); ok {
			d = r.date(c, name)
		}
		return d
	}
	need := func(names ...string) {
		for _, n := range names {
			if _, ok := rc.get(n); !ok {
				r.fail(tableCell{row: row, col: rc.h.index[n] + 1, header: n}, r.path(n), "missing required value")
			}
		}
	}
	switch t.Name {
	case "history":
		r.index = len(p.History)
		need("level", "since")
		p.History = append(p.History, LevelSpan{Level: LevelID(str("level")), Since: date("since")})
	case "assessments":
		r.key = str("assessment")
		for _, k := range tp.pos.assessments {
			if k.key == r.key {
				c, _ := rc.get("assessment")
				r.fail(c, r.path(""), "assessment %q appears again for this person: first in row %d", r.key, k.row)
				return
			}
		}
		need("result")
		if p.Assessments == nil {
			p.Assessments = map[string]AssessmentResult{}
		}
		p.Assessments[r.key] = AssessmentResult{Result: Outcome(str("result")), Date: date("date")}
		tp.pos.assessments = append(tp.pos.assessments, keyRow{r.key, row})
		return
	case "panel":
		r.key = str("assessment")
		a, ok := p.Assessments[r.key]
		if !ok {
			c, _ := rc.get("assessment")
			r.fail(c, "assessments."+r.key+".panel", "no result for assessment %q of this person in table assessments", r.key)
			return
		}
		r.index = len(a.Panel)
		need("by") // the level, or roles for a founder: the profile's own check
		a.Panel = append(a.Panel, Panelist{By: str("by"), Level: LevelID(str("level")), Roles: splitList(str("roles"))})
		p.Assessments[r.key] = a
		tp.pos.panel = append(tp.pos.panel, keyRow{r.key, row})
		return
	case "nominations":
		r.index = len(p.Nominations)
		need("by")
		p.Nominations = append(p.Nominations, Nomination{By: str("by"), Level: LevelID(str("level")), Roles: splitList(str("roles")), Date: date("date")})
	case "waivers":
		r.index = len(p.Waivers)
		need("check", "by")
		p.Waivers = append(p.Waivers, Waiver{Check: CheckKind(str("check")), By: str("by"), Reason: str("reason"), Date: date("date")})
	case "mentees":
		r.index = len(p.Mentees)
		need("id", "level", "since")
		m := Mentee{ID: str("id"), Level: LevelID(str("level")), FromLevel: LevelID(str("from_level")), Since: date("since"), Until: date("until")}
		if c, ok := rc.get("advanced"); ok {
			if b, ok := r.boolean(c, "advanced"); ok {
				m.Advanced = &b
			}
		}
		_, hasDate := rc.get("placement.date")
		rate, hasRate := rc.get("placement.monthly_rate")
		currency, hasCur := rc.get("placement.currency")
		_, hasUntil := rc.get("placement.until")
		if hasDate || hasRate || hasCur || hasUntil {
			need("placement.date", "placement.monthly_rate")
			m.Placement = &Placement{Date: date("placement.date"), Until: date("placement.until")}
			if hasRate {
				if money, ok := r.money(rate, currency); ok {
					m.Placement.MonthlyRate = money
				}
			}
		}
		p.Mentees = append(p.Mentees, m)
	case "breaks":
		r.index = len(p.Breaks)
		need("from", "until")
		p.Breaks = append(p.Breaks, Break{From: date("from"), Until: date("until")})
	}
	tp.pos.rows[ti] = append(tp.pos.rows[ti], row)
}

// sortByTable puts problems in the order of the tables, then rows and
// columns.
func (es ProfileErrors) sortByTable() {
	rank := func(t string) int {
		if t == "people" || t == "" {
			return 0
		}
		return 1 + slices.IndexFunc(listTables[:], func(lt Table) bool { return lt.Name == t })
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

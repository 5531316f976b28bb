package ladder

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ladderkit/ladder/internal/suggest"
	"github.com/ladderkit/ladder/internal/workbook"
)

// This file holds the tabular form of people (docs/format.md, "People as
// tables"): the tables and their columns, a person as rows, and rows as a
// person. The readers of workbooks and folders of CSV files are in
// tablesread.go.

// Table is one table of the tabular form of people: "people", one row a
// person, or one of its list fields ("history", "assessments", "panel",
// "nominations", "waivers", "mentees", "breaks"), whose rows start with the
// person's id.
type Table struct {
	Name    string   `json:"name"`
	Columns []Column `json:"columns"`
	Field   string   `json:"field,omitempty"` // the profile field the table holds; "" for people
}

// Column is one column of a Table. Its Name is the field path of the
// profile it holds, relative to the table's rows: "level_since",
// "metrics.products_owned", "placement.monthly_rate".
type Column struct {
	Name string     `json:"name"`
	Kind ColumnKind `json:"kind"`
}

// ColumnKind is what a column's cells hold.
type ColumnKind string

// The kinds of columns.
const (
	ColumnText   ColumnKind = "text"
	ColumnList   ColumnKind = "list"   // words separated by ";"
	ColumnDate   ColumnKind = "date"   // a civil date: YYYY-MM-DD, or an Excel date
	ColumnBool   ColumnKind = "bool"   // true/false, yes/no, y/n, 1/0, in any case
	ColumnMetric ColumnKind = "metric" // a metric's value, of the metric's type
	ColumnMoney  ColumnKind = "money"  // an exact decimal amount; its currency is in its own column
	ColumnLevel  ColumnKind = "level"  // a level id
	ColumnResult ColumnKind = "result" // passed, failed or pending
)

// The profile fields that tables hold, besides the people table's own.
var listTables = [numListTables]Table{
	{Name: "history", Field: "history", Columns: cols("person", ColumnText, "level", ColumnLevel, "since", ColumnDate)},
	{Name: "assessments", Field: "assessments", Columns: cols("person", ColumnText, "assessment", ColumnText, "result", ColumnResult, "date", ColumnDate)},
	{Name: "panel", Field: "assessments", Columns: cols("person", ColumnText, "assessment", ColumnText, "by", ColumnText, "level", ColumnLevel, "roles", ColumnList)},
	{Name: "nominations", Field: "nominations", Columns: cols("person", ColumnText, "by", ColumnText, "level", ColumnLevel, "roles", ColumnList, "date", ColumnDate)},
	{Name: "waivers", Field: "waivers", Columns: cols("person", ColumnText, "check", ColumnText, "by", ColumnText, "reason", ColumnText, "date", ColumnDate)},
	{Name: "mentees", Field: "mentees", Columns: cols("person", ColumnText, "id", ColumnText, "level", ColumnLevel, "from_level", ColumnLevel,
		"since", ColumnDate, "until", ColumnDate, "advanced", ColumnBool,
		"placement.date", ColumnDate, "placement.monthly_rate", ColumnMoney, "placement.currency", ColumnText, "placement.until", ColumnDate)},
	{Name: "breaks", Field: "breaks", Columns: cols("person", ColumnText, "from", ColumnDate, "until", ColumnDate)},
}

// numListTables is how many list tables there are.
const numListTables = 7

// peopleColumns are the people table's columns before metrics.<id>.
var peopleColumns = cols("id", ColumnText, "name", ColumnText, "level", ColumnLevel, "level_since", ColumnDate, "joined", ColumnDate,
	"roles", ColumnList, "checklist", ColumnList, "mentor.id", ColumnText, "mentor.level", ColumnLevel, "mentor.roles", ColumnList,
	"unrecorded", ColumnList)

func cols(pairs ...any) []Column {
	out := make([]Column, 0, len(pairs)/2)
	for i := 0; i < len(pairs); i += 2 {
		out = append(out, Column{Name: pairs[i].(string), Kind: pairs[i+1].(ColumnKind)})
	}
	return out
}

// PeopleTables returns the tables of the tabular form of people, people
// first, with a metrics.<id> column for each of metrics.
func PeopleTables(metrics []string) []Table {
	people := Table{Name: "people", Columns: slices.Clone(peopleColumns)}
	for _, m := range metrics {
		people.Columns = append(people.Columns, Column{Name: "metrics." + m, Kind: ColumnMetric})
	}
	return append([]Table{people}, listTables[:]...)
}

// Tables returns the tables of people for this ladder: a metrics.<id>
// column for each metric it declares, in declaration order.
func (l *Ladder) Tables() []Table { return PeopleTables(l.metricIDs()) }

// MetricsRead returns the metrics that the checks of a level read (its
// ranking standard and the requirements of its promotion), in declaration
// order; false when the ladder has no such level.
func (l *Ladder) MetricsRead(id LevelID) ([]Metric, bool) {
	lv := l.byID[id]
	if lv == nil {
		return nil, false
	}
	read := map[string]bool{}
	for _, r := range slices.Concat(lv.standards, lv.requirements) {
		for _, name := range r.reads {
			read[name] = true
		}
	}
	var out []Metric
	for _, m := range l.metrics {
		if read[m.ID] {
			out = append(out, m)
		}
	}
	return out, true
}

// TableRows calls row with each row of p in tables (as PeopleTables returns
// them), table by table: its cells, one per column, are a string, a
// time.Time (a date), a bool, an int64, a float64 or nil for an empty cell.
// A money column's cell is the amount as a decimal string ("12000.00").
// It is an error, and no row is written, when p holds something the tables
// have no place for: a metric without a column.
func TableRows(p Person, tables []Table, row func(table string, cells []any)) error {
	if len(tables) == 0 || tables[0].Name != "people" {
		return fmt.Errorf("want the tables of PeopleTables, people first")
	}
	people := tables[0]
	var missing []string
	for _, k := range sortedKeys(p.Metrics) {
		if !slices.ContainsFunc(people.Columns, func(c Column) bool { return c.Name == "metrics."+k }) {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		return ProfileErrors{{Path: "metrics." + missing[0], Message: fmt.Sprintf("no column for metric %s in the people table: the ladder declares no such metric", strings.Join(missing, ", "))}}
	}
	cells := make([]any, len(people.Columns))
	for i, c := range people.Columns {
		cells[i] = peopleCell(p, c.Name)
	}
	row("people", cells)
	for _, t := range tables[1:] {
		for _, r := range listRows(p, t.Name) {
			out := make([]any, len(t.Columns))
			for i, c := range t.Columns {
				out[i] = r[c.Name]
			}
			row(t.Name, out)
		}
	}
	return nil
}

func peopleCell(p Person, name string) any {
	switch name {
	case "id":
		return p.ID
	case "name":
		return text(p.Name)
	case "level":
		return string(p.Level)
	case "level_since":
		return dateCell(p.LevelSince)
	case "joined":
		return dateCell(p.Joined)
	case "roles":
		return listCell(p.Roles)
	case "checklist":
		return listCell(p.Checklist)
	case "unrecorded":
		return listCell(p.Unrecorded)
	case "mentor.id", "mentor.level", "mentor.roles":
		if p.Mentor == nil {
			return nil
		}
		switch name {
		case "mentor.id":
			return p.Mentor.ID
		case "mentor.level":
			return text(string(p.Mentor.Level))
		}
		return listCell(p.Mentor.Roles)
	}
	v, ok := p.Metrics[strings.TrimPrefix(name, "metrics.")]
	if !ok {
		return nil
	}
	switch v := v.(type) {
	case int:
		return int64(v)
	case int64, float64, bool, string:
		return v
	}
	return fmt.Sprint(v)
}

// listRows are the rows of p in one list table, each as cells by column.
func listRows(p Person, table string) []map[string]any {
	var out []map[string]any
	add := func(cells map[string]any) {
		cells["person"] = p.ID
		out = append(out, cells)
	}
	switch table {
	case "history":
		for _, h := range p.History {
			add(map[string]any{"level": string(h.Level), "since": dateCell(h.Since)})
		}
	case "assessments", "panel":
		for _, id := range sortedKeys(p.Assessments) {
			a := p.Assessments[id]
			if table == "assessments" {
				add(map[string]any{"assessment": id, "result": string(a.Result), "date": dateCell(a.Date)})
				continue
			}
			for _, pn := range a.Panel {
				add(map[string]any{"assessment": id, "by": pn.By, "level": text(string(pn.Level)), "roles": listCell(pn.Roles)})
			}
		}
	case "nominations":
		for _, n := range p.Nominations {
			add(map[string]any{"by": n.By, "level": text(string(n.Level)), "roles": listCell(n.Roles), "date": dateCell(n.Date)})
		}
	case "waivers":
		for _, w := range p.Waivers {
			add(map[string]any{"check": string(w.Check), "by": w.By, "reason": text(w.Reason), "date": dateCell(w.Date)})
		}
	case "mentees":
		for _, m := range p.Mentees {
			cells := map[string]any{"id": m.ID, "level": string(m.Level), "from_level": text(string(m.FromLevel)),
				"since": dateCell(m.Since), "until": dateCell(m.Until)}
			if m.Advanced != nil {
				cells["advanced"] = *m.Advanced
			}
			if pl := m.Placement; pl != nil {
				cells["placement.date"] = dateCell(pl.Date)
				cells["placement.monthly_rate"] = pl.MonthlyRate.Decimal()
				cells["placement.currency"] = pl.MonthlyRate.Currency
				cells["placement.until"] = dateCell(pl.Until)
			}
			add(cells)
		}
	case "breaks":
		for _, b := range p.Breaks {
			add(map[string]any{"from": dateCell(b.From), "until": dateCell(b.Until)})
		}
	}
	return out
}

func text(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func dateCell(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return civil(t)
}

func listCell(words []string) any {
	if len(words) == 0 {
		return nil
	}
	return strings.Join(words, ";")
}

// tableCell is one cell read from a table, with where it is.
type tableCell struct {
	text   string
	row    int
	col    int      // from 1
	header string   // the column's name
	form   cellForm // how the cell holds numbers and dates
}

// cellForm is how the cells of an input hold numbers and dates: as text,
// or as a workbook stores them (numbers as numbers, dates as day serials
// in the workbook's date system).
type cellForm uint8

const (
	textCells      cellForm = iota
	excelCells              // a workbook in the 1900 date system
	excel1904Cells          // a workbook in the 1904 date system
)

// excel reports whether the cells are a workbook's.
func (f cellForm) excel() bool { return f != textCells }

// tableRow reads the cells of one row of a table into a person: the
// people table's fields, or one entry of a list field. Problems are added
// with the cell's position.
type tableRow struct {
	table string
	errs  *ProfileErrors
	key   string // the assessment's id, in tables assessments and panel
	index int    // the entry's index in its list field (a panelist's among the assessment's)
}

// path is the field path of the row's cell of column name (the path of
// the entry itself for ""), built only for a problem.
func (r tableRow) path(name string) string {
	var base string
	switch r.table {
	case "people":
		return name
	case "assessments":
		base = "assessments." + r.key
	case "panel":
		base = "assessments." + r.key + ".panel[" + strconv.Itoa(r.index) + "]"
	default:
		base = r.table + "[" + strconv.Itoa(r.index) + "]"
	}
	if name == "" {
		return base
	}
	return base + "." + name
}

func (r tableRow) fail(c tableCell, path, format string, args ...any) {
	*r.errs = append(*r.errs, &ProfileError{Path: path, Table: r.table, Line: c.row, Column: c.col, Header: c.header, Message: fmt.Sprintf(format, args...)})
}

// date reads the date cell of column name: YYYY-MM-DD, or in a workbook an
// Excel date.
func (r tableRow) date(c tableCell, name string) time.Time {
	if c.form.excel() {
		if t, ok := workbook.Date(c.text, c.form == excel1904Cells); ok {
			return t
		}
	}
	t, err := ParseDate(c.text)
	if err != nil {
		r.fail(c, r.path(name), "%v", err)
	}
	return t
}

// boolean reads the yes-or-no cell of column name.
func (r tableRow) boolean(c tableCell, name string) (bool, bool) {
	if b, ok := parseBool(c.text); ok {
		return b, true
	}
	r.fail(c, r.path(name), "want true or false (or yes/no, y/n, 1/0), got %q", c.text)
	return false, false
}

// unquoteCell drops the "'" that a CSV written for spreadsheets puts
// before a cell a spreadsheet would run as a formula (one that starts
// with =, +, -, @, a tab or a carriage return), or before a cell that
// itself starts with "'" and one of those: "'=1+2" reads as "=1+2", a
// doubled mark before "=x" as one, and "'abc" stays as it is. See
// docs/format.md, "Spreadsheet output".
func unquoteCell(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.IndexByte("=+-@\t\r'", s[1]) >= 0 {
		return s[1:]
	}
	return s
}

// parseBool reads true/false, yes/no, y/n and 1/0 in any case.
func parseBool(s string) (value, ok bool) {
	switch strings.ToLower(s) {
	case "true", "yes", "y", "1":
		return true, true
	case "false", "no", "n", "0":
		return false, true
	}
	return false, false
}

// money reads an amount cell. A workbook may hold the amount as a number,
// which is read at the currency's minor units when it has no more digits
// than that (1234.5 is "1234.50" in USD).
func (r tableRow) money(c, currency tableCell) (Money, bool) {
	amount := c.text
	if c.form.excel() {
		if exp, err := currencyExponent(currency.text); err == nil {
			if f, err := strconv.ParseFloat(amount, 64); err == nil && f >= 0 {
				scaled := f * math.Pow10(exp)
				if math.Abs(scaled-math.Round(scaled)) < 1e-6*math.Max(1, scaled) && scaled < 1<<53 {
					amount = strconv.FormatFloat(f, 'f', exp, 64)
				}
			}
		}
	}
	m, err := ParseMoney(amount, currency.text)
	if err != nil {
		if currency.text == "" || strings.Contains(err.Error(), "currency") {
			r.fail(currency, r.path("placement.currency"), "%v", err)
		} else {
			r.fail(c, r.path("placement.monthly_rate"), "%v", err)
		}
		return Money{}, false
	}
	return m, true
}

// unknownColumn is the problem of a header cell that names no column of
// the table.
func unknownColumn(t Table, name string) string {
	names := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		names[i] = c.Name
	}
	extra := ""
	if t.Name == "people" {
		extra = ", or metrics.<id>"
	}
	return fmt.Sprintf("unknown column %q in table %s%s (want %s%s)", name, t.Name, suggest.DidYouMean(name, names), strings.Join(names, ", "), extra)
}

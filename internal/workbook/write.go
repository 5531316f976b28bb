// Package workbook reads and writes .xlsx workbooks of tables. Writing is
// over excelize; reading is a streaming scanner of its own over
// archive/zip (Open, Sheets, Rows, Date), one allocation a row, bounded
// against hostile archives, and safe for Rows of several sheets at once.
//
// A Workbook written with New, Sheet, Row and Write has one sheet a table:
// a frozen header row with an autofilter, a number format per column
// (dates as dates, money with its currency's minor units, percents as
// percents), and optionally a note on a header cell and a drop-down list of
// the values a column allows. Rows are streamed (excelize's stream
// writer): a sheet of 200,000 rows keeps a few MiB in memory and spills
// the rest to temporary files, which Write and Close remove. The workbook
// is written with its parts in a fixed order, so the same rows give the
// same bytes.
package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Kind is the type of the cells of a column.
type Kind int

// The kinds of column. The zero Kind is invalid.
const (
	_           Kind = iota
	KindText         // a string, formatted as text ("@") so that Excel keeps what is typed as is
	KindInt          // a whole number: int or int64
	KindNumber       // a number: float64, int or int64, in Excel's General format
	KindPercent      // a fraction as a float64 (0.745 is 74.5%), shown with Digits decimals of percent
	KindDate         // a civil date: a time.Time, written as an Excel date "yyyy-mm-dd"
	KindBool         // a bool, written as an Excel boolean
	KindMoney        // an amount as a float64 or an exact decimal string, shown "#,##0.00" with Digits minor units
)

var kindNames = [...]string{"invalid", "text", "int", "number", "percent", "date", "bool", "money"}

// String returns the kind's name in lower case, e.g. "date".
func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return "Kind(" + strconv.Itoa(int(k)) + ")"
	}
	return kindNames[k]
}

// Column describes a column of a sheet.
type Column struct {
	Name string // the header text
	Kind Kind
	// Digits is, for Money, the minor-unit digits of the currency (2 for
	// USD, 0 for JPY, 3 for KWD) and, for Percent, the decimals of the
	// percentage (0 gives "74%", 1 gives "74.5%"). Other kinds ignore it.
	Digits int
	// Note, when set, is a comment on the header cell: what the column
	// holds, e.g. a metric's description and type.
	Note string
	// Choices, when set, makes every cell under the header a drop-down
	// list of these values (data validation); Excel refuses other values.
	// Joined by commas they may be at most 255 characters long.
	Choices []string
	// Width is the column width in characters; 0 picks one from the
	// header and the kind.
	Width float64
}

// Amount is a value of a Money column with its own minor-unit digits, for
// a column whose rows are in several currencies: Amount{"1800.00", 2} and
// Amount{"1800", 0} (JPY) are shown "1,800.00" and "1,800". Decimal is as
// Row takes it for Money.
type Amount struct {
	Decimal string
	Digits  int
}

// Excel's limits.
const (
	// MaxRows is the most rows a sheet holds, its header included.
	MaxRows = excelize.TotalRows
	// maxCellChars is the most UTF-16 units a cell holds.
	maxCellChars = excelize.TotalCellChars
	// maxDigits is the most significant digits Excel keeps of a number.
	maxDigits = 15
)

// Workbook is an .xlsx workbook being written. Make one with New, add
// sheets with Sheet and rows with Sheet.Row (to any sheet, in any order),
// then call Write once. Call Close to drop a workbook that is not written.
// A Workbook is not safe for concurrent use.
type Workbook struct {
	f      *excelize.File
	sheets []*Sheet
	styles map[style]int // cell styles made so far
	header int           // the style of header cells
	done   bool          // written or closed
}

// style is a cell style: a built-in number format, or a custom one.
type style struct {
	numFmt int
	custom string
}

// Sheet is a sheet of a Workbook, with its columns.
type Sheet struct {
	w     *Workbook
	name  string
	cols  []Column
	style []int // cell style per column
	sw    *excelize.StreamWriter
	rows  int // rows written, the header included
	cells []any
}

// New returns an empty workbook.
func New() *Workbook {
	return &Workbook{f: excelize.NewFile(), styles: map[style]int{}}
}

// Sheet adds a sheet named name with a header row of the columns' names,
// frozen, with an autofilter over the columns, a number format per column,
// the notes on the header cells and the columns' drop-down lists. Sheets
// appear in the order they are added. A name is at most 31 characters and
// has none of : \ / ? * [ ]; two sheets may not share a name, regardless of
// case.
func (w *Workbook) Sheet(name string, cols []Column) (*Sheet, error) {
	if w.done {
		return nil, errors.New("workbook already written")
	}
	for _, s := range w.sheets {
		if strings.EqualFold(s.name, name) {
			return nil, fmt.Errorf("sheet %q: the workbook already has a sheet %q", name, s.name)
		}
	}
	if len(cols) == 0 {
		return nil, fmt.Errorf("sheet %q: no columns", name)
	}
	if len(cols) > excelize.MaxColumns {
		return nil, fmt.Errorf("sheet %q: %d columns, Excel holds at most %d", name, len(cols), excelize.MaxColumns)
	}
	if w.header == 0 {
		id, err := w.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, NumFmt: 49})
		if err != nil {
			return nil, err
		}
		w.header = id
	}
	s := &Sheet{w: w, name: name, cols: slices.Clone(cols), style: make([]int, len(cols)), cells: make([]any, len(cols))}
	header := make([]any, len(cols))
	for i, c := range cols {
		if c.Kind <= 0 || int(c.Kind) >= len(kindNames) {
			return nil, fmt.Errorf("sheet %q: column %q: invalid kind %v", name, c.Name, c.Kind)
		}
		if c.Digits < 0 || c.Digits > 10 {
			return nil, fmt.Errorf("sheet %q: column %q: digits %d out of range 0 to 10", name, c.Name, c.Digits)
		}
		id, err := w.style(numberFormat(c))
		if err != nil {
			return nil, err
		}
		s.style[i] = id
		header[i] = excelize.Cell{StyleID: w.header, Value: c.Name}
	}
	if err := w.addSheet(name); err != nil {
		return nil, err
	}
	sw, err := w.f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	s.sw = sw
	// excelize puts each column it is given first in the sheet's list,
	// and Excel wants the list in column order: the last column goes first.
	for i := len(cols) - 1; i >= 0; i-- {
		c := cols[i]
		width := c.Width
		if width == 0 {
			width = defaultWidth(c)
		}
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return nil, fmt.Errorf("sheet %q: column %q: %w", name, c.Name, err)
		}
		if err := sw.SetColStyle(i+1, i+1, s.style[i]); err != nil {
			return nil, err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return nil, err
	}
	for i, c := range cols {
		if err := s.decorate(i, c); err != nil {
			return nil, err
		}
	}
	if err := sw.SetRow("A1", header); err != nil {
		return nil, err
	}
	s.rows = 1
	w.sheets = append(w.sheets, s)
	return s, nil
}

// addSheet adds a sheet to the file: the first takes the place of the
// file's default "Sheet1".
func (w *Workbook) addSheet(name string) error {
	if len(w.sheets) == 0 {
		if err := w.f.SetSheetName("Sheet1", name); err != nil {
			return fmt.Errorf("sheet %q: %w", name, err)
		}
		return nil
	}
	if _, err := w.f.NewSheet(name); err != nil {
		return fmt.Errorf("sheet %q: %w", name, err)
	}
	return nil
}

// decorate adds the note and the drop-down list of column i.
func (s *Sheet) decorate(i int, c Column) error {
	col, _ := excelize.ColumnNumberToName(i + 1)
	if c.Note != "" {
		if err := s.w.f.AddComment(s.name, excelize.Comment{Cell: col + "1", Author: "ladder", Text: c.Note}); err != nil {
			return fmt.Errorf("sheet %q: column %q: note: %w", s.name, c.Name, err)
		}
	}
	if len(c.Choices) == 0 {
		return nil
	}
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(fmt.Sprintf("%s2:%s%d", col, col, MaxRows))
	for _, ch := range c.Choices {
		if strings.Contains(ch, ",") {
			return fmt.Errorf("sheet %q: column %q: choice %q has a comma, which a drop-down list cannot hold", s.name, c.Name, ch)
		}
	}
	if err := dv.SetDropList(c.Choices); err != nil {
		return fmt.Errorf("sheet %q: column %q: %d choices are too long for a drop-down list (255 characters with their commas)",
			s.name, c.Name, len(c.Choices))
	}
	title, msg := "Not a choice", "Pick a value from the list."
	dv.SetError(excelize.DataValidationErrorStyleStop, title, msg)
	return s.w.f.AddDataValidation(s.name, dv)
}

// numberFormat is the number format of a column's cells.
func numberFormat(c Column) style {
	switch c.Kind {
	case KindText:
		return style{numFmt: 49} // @
	case KindInt:
		return style{numFmt: 1} // 0
	case KindDate:
		return style{custom: "yyyy-mm-dd"}
	case KindPercent:
		switch c.Digits {
		case 0:
			return style{numFmt: 9} // 0%
		case 2:
			return style{numFmt: 10} // 0.00%
		}
		return style{custom: "0." + strings.Repeat("0", c.Digits) + "%"}
	case KindMoney:
		switch c.Digits {
		case 0:
			return style{numFmt: 3} // #,##0
		case 2:
			return style{numFmt: 4} // #,##0.00
		}
		return style{custom: "#,##0." + strings.Repeat("0", c.Digits)}
	}
	return style{} // General
}

// style returns the id of a cell style with the number format st, made
// once per workbook.
func (w *Workbook) style(st style) (int, error) {
	if id, ok := w.styles[st]; ok {
		return id, nil
	}
	es := &excelize.Style{NumFmt: st.numFmt}
	if st.custom != "" {
		es.CustomNumFmt = &st.custom
	}
	id, err := w.f.NewStyle(es)
	if err != nil {
		return 0, err
	}
	w.styles[st] = id
	return id, nil
}

// defaultWidth is a column's width when it gives none: wide enough for its
// header and its filter button, and for a date.
func defaultWidth(c Column) float64 {
	w := float64(utf8.RuneCountInString(c.Name)) + 4
	switch c.Kind {
	case KindDate:
		w = max(w, 12)
	case KindMoney:
		w = max(w, 14)
	}
	return min(max(w, 8), 60)
}

// Name returns the sheet's name.
func (s *Sheet) Name() string { return s.name }

// Row appends a row to the sheet, one value per column in column order;
// fewer values leave the last cells empty. A value is nil (an empty cell)
// or of the column's kind: a string for Text; an int or int64 for Int; a
// float64, int or int64 for Number; a float64 fraction for Percent; a
// time.Time for Date (its civil date; the zero time is an empty cell); a
// bool for Bool; a float64, a decimal string such as "1800.00" or "-3.5",
// or an Amount for Money.
//
// Excel keeps 15 significant digits of a number: an Int, or a Money given
// as a decimal string or an Amount, with more digits is written as text holding its
// exact digits rather than rounded. Row returns an error, and writes
// nothing, for a value of another type, a string longer than Excel's
// 32,767 characters or holding a character XML cannot carry, a decimal
// that is not one, a NaN or infinite number, or a row past Excel's
// 1,048,576.
func (s *Sheet) Row(cells ...any) error {
	if s.w.done {
		return errors.New("workbook already written")
	}
	if len(cells) > len(s.cols) {
		return fmt.Errorf("sheet %q, row %d: %d cells for %d columns", s.name, s.rows+1, len(cells), len(s.cols))
	}
	if s.rows >= MaxRows {
		return fmt.Errorf("sheet %q: more than %d rows, the most a sheet holds", s.name, MaxRows)
	}
	clear(s.cells)
	for i, v := range cells {
		c, err := s.cell(i, v)
		if err != nil {
			col, _ := excelize.ColumnNumberToName(i + 1)
			return fmt.Errorf("sheet %q, row %d, column %s (%s): %w", s.name, s.rows+1, col, s.cols[i].Name, err)
		}
		s.cells[i] = c
	}
	if err := s.sw.SetRow("A"+strconv.Itoa(s.rows+1), s.cells[:len(cells)]); err != nil {
		return fmt.Errorf("sheet %q, row %d: %w", s.name, s.rows+1, err)
	}
	s.rows++
	return nil
}

// cell is the value v of column i as a styled excelize cell, or nil.
func (s *Sheet) cell(i int, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	c := s.cols[i]
	st := s.style[i]
	bad := func() (any, error) { return nil, fmt.Errorf("want %s, got %T", kindTakes[c.Kind], v) }
	var out any
	switch c.Kind {
	case KindText:
		t, ok := v.(string)
		if !ok {
			return bad()
		}
		if err := checkText(t); err != nil {
			return nil, err
		}
		out = t
	case KindInt:
		var n int64
		switch v := v.(type) {
		case int:
			n = int64(v)
		case int64:
			n = v
		default:
			return bad()
		}
		if u, _ := abs(n); u >= 1e15 {
			out, st = strconv.FormatInt(n, 10), s.w.textStyle()
		} else {
			out = n
		}
	case KindNumber, KindPercent:
		switch v := v.(type) {
		case float64:
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("%v is not a number a cell can hold", v)
			}
			out = v
		case int, int64:
			if c.Kind == KindPercent {
				return bad()
			}
			out = v
		default:
			return bad()
		}
	case KindDate:
		t, ok := v.(time.Time)
		if !ok {
			return bad()
		}
		if t.IsZero() {
			return nil, nil
		}
		y, m, d := t.Date()
		if y < 1900 || y > 9999 {
			return nil, fmt.Errorf("date %s is outside Excel's years 1900 to 9999", t.Format(time.DateOnly))
		}
		out = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	case KindBool:
		b, ok := v.(bool)
		if !ok {
			return bad()
		}
		out = b
	case KindMoney:
		switch v := v.(type) {
		case float64:
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("%v is not an amount", v)
			}
			out = v
		case string:
			f, exact, err := decimal(v)
			if err != nil {
				return nil, err
			}
			if exact {
				out = f
			} else {
				out, st = v, s.w.textStyle()
			}
		case Amount:
			if v.Digits < 0 || v.Digits > 10 {
				return nil, fmt.Errorf("digits %d out of range 0 to 10", v.Digits)
			}
			f, exact, err := decimal(v.Decimal)
			if err != nil {
				return nil, err
			}
			if !exact {
				out, st = v.Decimal, s.w.textStyle()
				break
			}
			c.Digits = v.Digits
			if st, err = s.w.style(numberFormat(c)); err != nil {
				return nil, err
			}
			out = f
		default:
			return bad()
		}
	}
	return excelize.Cell{StyleID: st, Value: out}, nil
}

// kindTakes says what Row takes for each kind, for its errors.
var kindTakes = map[Kind]string{
	KindText: "a string", KindInt: "an int or int64", KindNumber: "a float64, int or int64", KindPercent: "a float64 fraction",
	KindDate: "a time.Time", KindBool: "a bool", KindMoney: "a float64, a decimal string or an Amount",
}

// textStyle is the style of a number written as text, to keep its digits.
func (w *Workbook) textStyle() int {
	id, err := w.style(style{numFmt: 49})
	if err != nil {
		return 0
	}
	return id
}

// checkText returns an error for a string a cell cannot hold as it is.
func checkText(t string) error {
	n := 0
	for i, r := range t {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(t[i:], "\uFFFD"):
			return fmt.Errorf("text is not valid UTF-8 at byte %d", i)
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r', r == 0xFFFE, r == 0xFFFF:
			return fmt.Errorf("text holds the character %U, which a workbook cannot", r)
		}
		n += utf16.RuneLen(r)
	}
	if n > maxCellChars {
		return fmt.Errorf("text of %d characters is longer than the %d a cell holds", n, maxCellChars)
	}
	return nil
}

// decimal parses a decimal string: an optional minus sign, digits, and an
// optional point with more digits. exact reports whether the float64 keeps
// every significant digit as Excel shows it (at most 15 of them).
func decimal(s string) (f float64, exact bool, err error) {
	t := strings.TrimPrefix(s, "-")
	whole, frac, dot := strings.Cut(t, ".")
	digits := func(d string) bool {
		for i := 0; i < len(d); i++ {
			if d[i] < '0' || d[i] > '9' {
				return false
			}
		}
		return d != ""
	}
	if !digits(whole) || (dot && !digits(frac)) {
		return 0, false, fmt.Errorf("amount %q is not a decimal such as 1800.00", s)
	}
	f, err = strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, false, fmt.Errorf("amount %q is out of range", s)
	}
	sig := strings.TrimLeft(whole+frac, "0")
	sig = strings.TrimRight(sig, "0")
	return f, len(sig) <= maxDigits && math.Abs(f) < 1e15, nil
}

// abs returns |n| and whether n is negative.
func abs(n int64) (uint64, bool) {
	if n < 0 {
		return -uint64(n), true
	}
	return uint64(n), false
}

// Write ends every sheet and writes the workbook to out, then closes it.
// A workbook with no sheet is an error. Write may be called once.
func (w *Workbook) Write(out io.Writer) error {
	if w.done {
		return errors.New("workbook already written")
	}
	defer w.Close()
	if len(w.sheets) == 0 {
		return errors.New("a workbook needs at least one sheet")
	}
	// Nothing may read a sheet once it is flushed: excelize would decode
	// the whole of it back into memory. The first sheet, which took the
	// place of Sheet1, is the active one.
	for _, s := range w.sheets {
		last, _ := excelize.CoordinatesToCellName(len(s.cols), s.rows)
		if err := w.f.AutoFilter(s.name, "A1:"+last, nil); err != nil {
			return fmt.Errorf("sheet %q: %w", s.name, err)
		}
	}
	for _, s := range w.sheets {
		if err := s.sw.Flush(); err != nil {
			return fmt.Errorf("sheet %q: %w", s.name, err)
		}
	}
	z := &sortedZip{}
	defer z.discard()
	w.f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return z })
	if _, err := w.f.WriteToBuffer(); err != nil {
		return err
	}
	return z.copyTo(out)
}

// Close drops the workbook and removes its temporary files. It is safe to
// call more than once and after Write.
func (w *Workbook) Close() error {
	if w.done && w.f == nil {
		return nil
	}
	w.done = true
	err := w.f.Close()
	w.f = nil
	return err
}

// sortedZip is the excelize.ZipWriter Write gives excelize: it takes the
// parts of the workbook in the order excelize makes them (the streamed
// sheets in map order) and deflates them into a spool (a temporary file,
// or memory if none can be made); copyTo then copies them to the output in
// a fixed order, [Content_Types].xml first then by name, so that the same
// workbook is the same bytes, and excelize never holds the whole workbook
// in memory.
type sortedZip struct {
	spool *zip.Writer
	file  *os.File      // the spool's file, or nil
	mem   *bytes.Buffer // the spool in memory, when no file could be made
}

// start makes the spool.
func (z *sortedZip) start() {
	if z.spool != nil {
		return
	}
	if f, err := os.CreateTemp("", "ladder-xlsx-"); err == nil {
		z.file = f
		z.spool = zip.NewWriter(f)
		return
	}
	z.mem = new(bytes.Buffer)
	z.spool = zip.NewWriter(z.mem)
}

// Create starts a part of the workbook.
func (z *sortedZip) Create(name string) (io.Writer, error) {
	z.start()
	return z.spool.Create(name)
}

// AddFS is not used by excelize to write a workbook.
func (z *sortedZip) AddFS(fs.FS) error { return errors.New("workbook: AddFS is not supported") }

// Close ends the spool.
func (z *sortedZip) Close() error {
	z.start()
	return z.spool.Close()
}

// copyTo writes the spooled parts to out in order.
func (z *sortedZip) copyTo(out io.Writer) error {
	var r *zip.Reader
	var err error
	if z.file != nil {
		var fi os.FileInfo
		if fi, err = z.file.Stat(); err != nil {
			return err
		}
		r, err = zip.NewReader(z.file, fi.Size())
	} else {
		r, err = zip.NewReader(bytes.NewReader(z.mem.Bytes()), int64(z.mem.Len()))
	}
	if err != nil {
		return err
	}
	files := slices.Clone(r.File)
	slices.SortStableFunc(files, func(a, b *zip.File) int {
		const first = "[Content_Types].xml"
		switch {
		case a.Name == first && b.Name != first:
			return -1
		case b.Name == first && a.Name != first:
			return 1
		}
		return strings.Compare(a.Name, b.Name)
	})
	zw := zip.NewWriter(out)
	for _, f := range files {
		if err := zw.Copy(f); err != nil {
			return err
		}
	}
	return zw.Close()
}

// discard removes the spool.
func (z *sortedZip) discard() {
	if z.file != nil {
		z.file.Close()
		os.Remove(z.file.Name())
		z.file = nil
	}
	z.mem = nil
}

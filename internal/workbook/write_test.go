package workbook

import (
	"archive/zip"
	"bytes"
	"io"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// payCols are the columns of the sheet most tests write: one of each kind.
var payCols = []Column{
	{Name: "mentor", Kind: KindText, Note: "the mentor's id"},
	{Name: "placed", Kind: KindDate},
	{Name: "month", Kind: KindInt},
	{Name: "currency", Kind: KindText, Choices: []string{"EUR", "JPY", "USD"}},
	{Name: "amount", Kind: KindMoney, Digits: 2},
	{Name: "yen", Kind: KindMoney, Digits: 0},
	{Name: "rate", Kind: KindPercent, Digits: 1},
	{Name: "score", Kind: KindNumber},
	{Name: "active", Kind: KindBool},
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// written writes a workbook made by build and returns its bytes.
func written(t testing.TB, build func(w *Workbook)) []byte {
	t.Helper()
	w := New()
	build(w)
	var b bytes.Buffer
	require.NoError(t, w.Write(&b))
	return b.Bytes()
}

// reopen reads back a written workbook with excelize.
func reopen(t testing.TB, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	return f
}

// part returns a part of a written workbook, e.g. "xl/worksheets/sheet1.xml".
func part(t testing.TB, b []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	require.NoError(t, err)
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			require.NoError(t, err)
			defer rc.Close()
			data, err := io.ReadAll(rc)
			require.NoError(t, err)
			return string(data)
		}
	}
	t.Fatalf("no part %s", name)
	return ""
}

// numFmt is the number format of a cell: a built-in id, or a custom format.
func numFmt(t testing.TB, f *excelize.File, sheet, cell string) (int, string) {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	require.NoError(t, err)
	st, err := f.GetStyle(id)
	require.NoError(t, err)
	custom := ""
	if st.CustomNumFmt != nil {
		custom = *st.CustomNumFmt
	}
	return st.NumFmt, custom
}

func TestWriteTypedCells(t *testing.T) {
	b := written(t, func(w *Workbook) {
		pay, err := w.Sheet("payroll", payCols)
		require.NoError(t, err)
		totals, err := w.Sheet("totals", []Column{{Name: "currency", Kind: KindText}, {Name: "total", Kind: KindMoney, Digits: 3}})
		require.NoError(t, err)
		// Rows go to both sheets in turn, as a stream of people gives them.
		require.NoError(t, pay.Row("maya", day(2026, 3, 2), 4, "EUR", "588.00", "1800", 0.745, 3.25, true))
		require.NoError(t, totals.Row("KWD", "1.500"))
		require.NoError(t, pay.Row("=HYPERLINK(\"http://evil.example\")", time.Time{}, int64(12), "JPY", 12.5, nil, 0.0, 7, false))
		require.NoError(t, totals.Row("JPY", nil))
		require.NoError(t, pay.Row("short row"))
	})
	f := reopen(t, b)
	assert.Equal(t, []string{"payroll", "totals"}, f.GetSheetList(), "Sheet1 does not linger")

	rows, err := f.GetRows("payroll")
	require.NoError(t, err)
	assert.Equal(t, [][]string{
		{"mentor", "placed", "month", "currency", "amount", "yen", "rate", "score", "active"},
		{"maya", "2026-03-02", "4", "EUR", "588.00", "1,800", "74.5%", "3.25", "TRUE"},
		{`=HYPERLINK("http://evil.example")`, "", "12", "JPY", "12.50", "", "0.0%", "7", "FALSE"},
		{"short row"},
	}, rows)
	raw, err := f.GetRows("payroll", excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	assert.Equal(t, []string{"maya", "46083", "4", "EUR", "588", "1800", "0.745", "3.25", "1"}, raw[1], "a date is a serial number, money a number")

	tests := []struct {
		cell   string
		typ    excelize.CellType
		numFmt int
		custom string
	}{
		{"A2", excelize.CellTypeInlineString, 49, ""},
		{"B2", excelize.CellTypeUnset, 0, "yyyy-mm-dd"}, // a number: t is absent
		{"C2", excelize.CellTypeUnset, 1, ""},
		{"D2", excelize.CellTypeInlineString, 49, ""},
		{"E2", excelize.CellTypeUnset, 4, ""},
		{"F2", excelize.CellTypeUnset, 3, ""},
		{"G2", excelize.CellTypeUnset, 0, "0.0%"},
		{"H2", excelize.CellTypeUnset, 0, ""},
		{"I2", excelize.CellTypeBool, 0, ""},
		{"A3", excelize.CellTypeInlineString, 49, ""}, // a formula-like text stays text
	}
	for _, tt := range tests {
		t.Run(tt.cell, func(t *testing.T) {
			typ, err := f.GetCellType("payroll", tt.cell)
			require.NoError(t, err)
			assert.Equal(t, tt.typ, typ)
			n, custom := numFmt(t, f, "payroll", tt.cell)
			assert.Equal(t, tt.numFmt, n)
			assert.Equal(t, tt.custom, custom)
		})
	}
	formula, err := f.GetCellFormula("payroll", "A3")
	require.NoError(t, err)
	assert.Empty(t, formula)

	totals, err := f.GetRows("totals")
	require.NoError(t, err)
	assert.Equal(t, [][]string{{"currency", "total"}, {"KWD", "1.500"}, {"JPY"}}, totals)
	n, custom := numFmt(t, f, "totals", "B2")
	assert.Equal(t, 0, n)
	assert.Equal(t, "#,##0.000", custom)
}

func TestWriteHeaderPanesFilterValidationNotes(t *testing.T) {
	b := written(t, func(w *Workbook) {
		s, err := w.Sheet("payroll", payCols)
		require.NoError(t, err)
		require.NoError(t, s.Row("maya"))
		require.NoError(t, s.Row("noor"))
		_, err = w.Sheet("empty", []Column{{Name: "id", Kind: KindText}, {Name: "level", Kind: KindText}})
		require.NoError(t, err)
	})
	f := reopen(t, b)
	for _, sheet := range []string{"payroll", "empty"} {
		panes, err := f.GetPanes(sheet)
		require.NoError(t, err)
		assert.True(t, panes.Freeze, sheet)
		assert.Equal(t, 1, panes.YSplit, sheet)
		assert.Equal(t, 0, panes.XSplit, sheet)
		assert.Equal(t, "A2", panes.TopLeftCell, sheet)
		bold, err := f.GetCellStyle(sheet, "A1")
		require.NoError(t, err)
		st, err := f.GetStyle(bold)
		require.NoError(t, err)
		require.NotNil(t, st.Font, sheet)
		assert.True(t, st.Font.Bold, sheet)
	}
	sheet1 := part(t, b, "xl/worksheets/sheet1.xml")
	assert.Contains(t, sheet1, `<autoFilter ref="$A$1:$I$3"></autoFilter>`)
	cols := regexp.MustCompile(`<col min="(\d+)" max="(\d+)"`).FindAllStringSubmatch(sheet1, -1)
	require.Len(t, cols, len(payCols))
	for i, c := range cols {
		assert.Equal(t, []string{strconv.Itoa(i + 1), strconv.Itoa(i + 1)}, c[1:], "Excel wants the columns in order")
	}
	assert.Contains(t, part(t, b, "xl/worksheets/sheet2.xml"), `<autoFilter ref="$A$1:$B$1"></autoFilter>`)
	var filters []string
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" {
			filters = append(filters, dn.RefersTo)
		}
	}
	assert.ElementsMatch(t, []string{"'payroll'!$A$1:$I$3", "'empty'!$A$1:$B$1"}, filters)

	dvs, err := f.GetDataValidations("payroll")
	require.NoError(t, err)
	require.Len(t, dvs, 1)
	assert.Equal(t, "D2:D1048576", dvs[0].Sqref)
	assert.Equal(t, `"EUR,JPY,USD"`, dvs[0].Formula1)
	dvs, err = f.GetDataValidations("empty")
	require.NoError(t, err)
	assert.Empty(t, dvs)

	comments, err := f.GetComments("payroll")
	require.NoError(t, err)
	require.Len(t, comments, 1)
	assert.Equal(t, "A1", comments[0].Cell)
	assert.Equal(t, "ladder", comments[0].Author)
	var text strings.Builder
	for _, r := range comments[0].Paragraph {
		text.WriteString(r.Text)
	}
	assert.Contains(t, comments[0].Text+text.String(), "the mentor's id")
}

func TestWriteSameBytes(t *testing.T) {
	build := func(w *Workbook) {
		var sheets []*Sheet
		for _, name := range []string{"a", "b", "c", "d"} {
			s, err := w.Sheet(name, payCols[:3])
			require.NoError(t, err)
			sheets = append(sheets, s)
		}
		for i := range 50 {
			for _, s := range sheets {
				require.NoError(t, s.Row(s.Name(), day(2026, 1, 1+i%28), i))
			}
		}
	}
	first := written(t, build)
	for range 5 {
		assert.Equal(t, first, written(t, build), "the streamed sheets come in map order from excelize; Write sorts them")
	}
	zr, err := zip.NewReader(bytes.NewReader(first), int64(len(first)))
	require.NoError(t, err)
	assert.Equal(t, "[Content_Types].xml", zr.File[0].Name)
}

func TestWriteExactDigits(t *testing.T) {
	b := written(t, func(w *Workbook) {
		s, err := w.Sheet("money", []Column{{Name: "amount", Kind: KindMoney}, {Name: "count", Kind: KindInt}})
		require.NoError(t, err)
		require.NoError(t, s.Row("553402322211286548", int64(553402322211286548)))
		require.NoError(t, s.Row("999999999999999", 999999999999999))
		require.NoError(t, s.Row("-3", -3))
		require.NoError(t, s.Row("0.000000000000000001", math.MinInt64))
	})
	f := reopen(t, b)
	tests := []struct {
		cell string
		typ  excelize.CellType
		raw  string
	}{
		{"A2", excelize.CellTypeInlineString, "553402322211286548"},
		{"B2", excelize.CellTypeInlineString, "553402322211286548"},
		{"A3", excelize.CellTypeUnset, "999999999999999"},
		{"B3", excelize.CellTypeUnset, "999999999999999"},
		{"A4", excelize.CellTypeUnset, "-3"},
		{"B4", excelize.CellTypeUnset, "-3"},
		{"A5", excelize.CellTypeUnset, "0.000000000000000001"},
		{"B5", excelize.CellTypeInlineString, "-9223372036854775808"},
	}
	for _, tt := range tests {
		t.Run(tt.cell, func(t *testing.T) {
			typ, err := f.GetCellType("money", tt.cell)
			require.NoError(t, err)
			assert.Equal(t, tt.typ, typ, "more than 15 digits are kept as text, not rounded")
			v, err := f.GetCellValue("money", tt.cell, excelize.Options{RawCellValue: true})
			require.NoError(t, err)
			assert.Equal(t, tt.raw, v)
		})
	}
}

func TestRowErrors(t *testing.T) {
	tests := []struct {
		name  string
		cells []any
		want  string
	}{
		{"text takes a string", []any{3}, `sheet "payroll", row 2, column A (mentor): want a string, got int`},
		{"date takes a time", []any{"maya", "2026-03-02"}, `sheet "payroll", row 2, column B (placed): want a time.Time, got string`},
		{"int takes an int", []any{"maya", nil, 1.5}, `sheet "payroll", row 2, column C (month): want an int or int64, got float64`},
		{"money decimal", []any{"maya", nil, nil, "EUR", "1,800.00"}, `sheet "payroll", row 2, column E (amount): amount "1,800.00" is not a decimal such as 1800.00`},
		{"money exponent", []any{"maya", nil, nil, "EUR", "1e3"}, `sheet "payroll", row 2, column E (amount): amount "1e3" is not a decimal such as 1800.00`},
		{"money NaN", []any{"maya", nil, nil, "EUR", math.NaN()}, `sheet "payroll", row 2, column E (amount): NaN is not an amount`},
		{"money int", []any{"maya", nil, nil, "EUR", 5}, `sheet "payroll", row 2, column E (amount): want a float64, a decimal string or an Amount, got int`},
		{"percent int", []any{"maya", nil, nil, nil, nil, nil, 74}, `sheet "payroll", row 2, column G (rate): want a float64 fraction, got int`},
		{"number infinite", []any{"maya", nil, nil, nil, nil, nil, nil, math.Inf(1)}, `sheet "payroll", row 2, column H (score): +Inf is not a number a cell can hold`},
		{"bool", []any{"maya", nil, nil, nil, nil, nil, nil, nil, "TRUE"}, `sheet "payroll", row 2, column I (active): want a bool, got string`},
		{"too many cells", make([]any, 10), `sheet "payroll", row 2: 10 cells for 9 columns`},
		{"control character", []any{"ma\x01ya"}, `sheet "payroll", row 2, column A (mentor): text holds the character U+0001, which a workbook cannot`},
		{"invalid UTF-8", []any{"ma\xffya"}, `sheet "payroll", row 2, column A (mentor): text is not valid UTF-8 at byte 2`},
		{"too long", []any{strings.Repeat("é", 32768)}, `sheet "payroll", row 2, column A (mentor): text of 32768 characters is longer than the 32767 a cell holds`},
		{"date before 1900", []any{"maya", day(1899, 12, 31)}, `sheet "payroll", row 2, column B (placed): date 1899-12-31 is outside Excel's years 1900 to 9999`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := New()
			defer w.Close()
			s, err := w.Sheet("payroll", payCols)
			require.NoError(t, err)
			require.EqualError(t, s.Row(tt.cells...), tt.want)
			require.NoError(t, s.Row("next"), "a refused row writes nothing and the next one goes on")
			var b bytes.Buffer
			require.NoError(t, w.Write(&b))
			rows, err := reopen(t, b.Bytes()).GetRows("payroll")
			require.NoError(t, err)
			assert.Equal(t, [][]string{{"mentor", "placed", "month", "currency", "amount", "yen", "rate", "score", "active"}, {"next"}}, rows)
		})
	}
}

func TestRowPastTheLastRow(t *testing.T) {
	w := New()
	defer w.Close()
	s, err := w.Sheet("big", payCols[:1])
	require.NoError(t, err)
	s.rows = MaxRows - 1
	require.NoError(t, s.Row("the last row Excel holds"))
	require.EqualError(t, s.Row("one too many"), `sheet "big": more than 1048576 rows, the most a sheet holds`)
}

func TestSheetErrors(t *testing.T) {
	tests := []struct {
		name  string
		sheet string
		cols  []Column
		want  string
	}{
		{"no columns", "s", nil, `sheet "s": no columns`},
		{"no kind", "s", []Column{{Name: "id"}}, `sheet "s": column "id": invalid kind invalid`},
		{"bad kind", "s", []Column{{Name: "id", Kind: 42}}, `sheet "s": column "id": invalid kind Kind(42)`},
		{"digits", "s", []Column{{Name: "amount", Kind: KindMoney, Digits: -1}}, `sheet "s": column "amount": digits -1 out of range 0 to 10`},
		{"same name", "People", []Column{{Name: "id", Kind: KindText}}, `sheet "People": the workbook already has a sheet "people"`},
		{"bad name", "a/b", []Column{{Name: "id", Kind: KindText}}, `sheet "a/b": the sheet can not contain any of the characters :\/?*[or]`},
		{"long name", strings.Repeat("x", 32), []Column{{Name: "id", Kind: KindText}}, `sheet "` + strings.Repeat("x", 32) + `": the sheet name length exceeds the 31 characters limit`},
		{"comma choice", "s", []Column{{Name: "level", Kind: KindText, Choices: []string{"L1", "L2,L3"}}}, `sheet "s": column "level": choice "L2,L3" has a comma, which a drop-down list cannot hold`},
		{"long choices", "s", []Column{{Name: "level", Kind: KindText, Choices: strings.Split(strings.Repeat("abcdefghi,", 26), ",")}}, `sheet "s": column "level": 27 choices are too long for a drop-down list (255 characters with their commas)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := New()
			defer w.Close()
			_, err := w.Sheet("people", []Column{{Name: "id", Kind: KindText}})
			require.NoError(t, err)
			_, err = w.Sheet(tt.sheet, tt.cols)
			require.EqualError(t, err, tt.want)
		})
	}
}

func TestWriteOnce(t *testing.T) {
	w := New()
	require.EqualError(t, w.Write(io.Discard), "a workbook needs at least one sheet")
	require.EqualError(t, w.Write(io.Discard), "workbook already written")

	w = New()
	s, err := w.Sheet("people", []Column{{Name: "id", Kind: KindText}})
	require.NoError(t, err)
	require.NoError(t, w.Write(io.Discard))
	require.EqualError(t, s.Row("late"), "workbook already written")
	_, err = w.Sheet("more", []Column{{Name: "id", Kind: KindText}})
	require.EqualError(t, err, "workbook already written")
	require.NoError(t, w.Close())
}

func TestKindString(t *testing.T) {
	var names []string
	for k := KindText; k <= KindMoney; k++ {
		names = append(names, k.String())
	}
	assert.Equal(t, []string{"text", "int", "number", "percent", "date", "bool", "money"}, names)
	assert.Equal(t, "invalid", Kind(0).String())
	assert.Equal(t, "Kind(-1)", Kind(-1).String())
}

// TestWriteTempFiles checks that Write leaves no spool behind.
func TestWriteTempFiles(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	b := written(t, func(w *Workbook) {
		s, err := w.Sheet("people", []Column{{Name: "id", Kind: KindText}})
		require.NoError(t, err)
		require.NoError(t, s.Row("maya"))
	})
	assert.Regexp(t, regexp.MustCompile(`^PK`), string(b[:2]))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries)
}

// A money column of several currencies shows each amount with its own
// minor units.
func TestWriteAmounts(t *testing.T) {
	b := written(t, func(w *Workbook) {
		s, err := w.Sheet("pay", []Column{{Name: "currency", Kind: KindText}, {Name: "amount", Kind: KindMoney, Digits: 2}})
		require.NoError(t, err)
		require.NoError(t, s.Row("EUR", Amount{"588.00", 2}))
		require.NoError(t, s.Row("JPY", Amount{"1800", 0}))
		require.NoError(t, s.Row("KWD", Amount{"1.500", 3}))
		require.NoError(t, s.Row("JPY", Amount{"553402322211286548", 0}))
		require.EqualError(t, s.Row("JPY", Amount{"1,800", 0}), `sheet "pay", row 6, column B (amount): amount "1,800" is not a decimal such as 1800.00`)
		require.EqualError(t, s.Row("JPY", Amount{"1", 11}), `sheet "pay", row 6, column B (amount): digits 11 out of range 0 to 10`)
	})
	f := reopen(t, b)
	rows, err := f.GetRows("pay")
	require.NoError(t, err)
	assert.Equal(t, [][]string{{"currency", "amount"}, {"EUR", "588.00"}, {"JPY", "1,800"}, {"KWD", "1.500"}, {"JPY", "553402322211286548"}}, rows)
	tests := []struct {
		cell   string
		typ    excelize.CellType
		numFmt int
		custom string
	}{
		{"B2", excelize.CellTypeUnset, 4, ""},
		{"B3", excelize.CellTypeUnset, 3, ""},
		{"B4", excelize.CellTypeUnset, 0, "#,##0.000"},
		{"B5", excelize.CellTypeInlineString, 49, ""},
	}
	for _, tt := range tests {
		typ, err := f.GetCellType("pay", tt.cell)
		require.NoError(t, err)
		assert.Equal(t, tt.typ, typ, tt.cell)
		n, custom := numFmt(t, f, "pay", tt.cell)
		assert.Equal(t, tt.numFmt, n, tt.cell)
		assert.Equal(t, tt.custom, custom, tt.cell)
	}
}

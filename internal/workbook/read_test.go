package workbook

import (
	"archive/zip"
	"bytes"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// sheetRows are the rows of a sheet as Rows yields them.
type sheetRows struct {
	Name string
	Rows []readRow
}

type readRow struct {
	N     int
	Cells []string
}

// readBook reads every sheet of the workbook data with Book.
func readBook(t testing.TB, data []byte) []sheetRows {
	t.Helper()
	b, err := Open(bytes.NewReader(data))
	require.NoError(t, err)
	defer b.Close()
	var out []sheetRows
	for _, name := range b.Sheets() {
		s := sheetRows{Name: name}
		err := b.Rows(name, func(n int, cells []string) bool {
			s.Rows = append(s.Rows, readRow{n, slices.Clone(cells)})
			return true
		})
		require.NoError(t, err, name)
		out = append(out, s)
	}
	return out
}

// readExcelize reads every sheet of the workbook data as Book read it
// when it was built over excelize.
func readExcelize(t testing.TB, data []byte) []sheetRows {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	require.NoError(t, err)
	defer f.Close()
	var out []sheetRows
	for _, name := range f.GetSheetList() {
		s := sheetRows{Name: name}
		rows, err := f.Rows(name)
		require.NoError(t, err, name)
		for n := 1; rows.Next(); n++ {
			cells, err := rows.Columns(excelize.Options{RawCellValue: true})
			require.NoError(t, err, name)
			if len(cells) > 0 {
				s.Rows = append(s.Rows, readRow{n, cells})
			}
		}
		require.NoError(t, rows.Close())
		out = append(out, s)
	}
	return out
}

func civil(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// excelizeBook is a workbook written with excelize's usual API: shared
// strings, rich text, formulas, booleans, dates, sparse cells and rows.
func excelizeBook(t testing.TB, date1904 bool) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if date1904 {
		require.NoError(t, f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &date1904}))
	}
	require.NoError(t, f.SetSheetName("Sheet1", "people"))
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	require.NoError(t, err)
	set := func(sheet, cell string, v any) {
		t.Helper()
		require.NoError(t, f.SetCellValue(sheet, cell, v))
	}
	for i, v := range []any{"id", "name", "level", "level_since", "rate", "active", "owned", "pay", "left"} {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		set("people", cell, v)
	}
	for i, v := range []any{"maya", "Maya Chen", "L7", civil(2022, 9, 1), 0.74, true, 2, 12000.5, false} {
		cell, _ := excelize.CoordinatesToCellName(i+1, 2)
		set("people", cell, v)
	}
	require.NoError(t, f.SetCellStyle("people", "D2", "D2", dateStyle))
	// Row 3 is empty; row 4 is sparse; row 5 has only a styled empty cell.
	set("people", "A4", "rui")
	set("people", "D4", 45300)
	set("people", "G4", "x")
	require.NoError(t, f.SetCellStyle("people", "B5", "B5", dateStyle))
	for i, v := range []any{`a & b < c > d "e" 'f'`, "line1\nline2", "tab\there", " padded ", "_x0041_ literal _x005F_",
		"Zoë 🙂 漢字", "cr\rhere", "", "trailing"} {
		cell, _ := excelize.CoordinatesToCellName(i+1, 6)
		set("people", cell, v)
	}
	require.NoError(t, f.SetCellRichText("people", "A7", []excelize.RichTextRun{
		{Text: "Bold", Font: &excelize.Font{Bold: true}}, {Text: " and "}, {Text: "italic", Font: &excelize.Font{Italic: true}},
	}))
	set("people", "B8", 3)
	require.NoError(t, f.SetCellFormula("people", "B8", "1+2"))
	require.NoError(t, f.SetCellFormula("people", "D8", "SUM(B8,1)")) // no cached value
	set("people", "A9", int64(123456789012345))
	set("people", "B9", 1e-7)
	set("people", "C9", -3.5)
	set("people", "D9", 1e20)

	_, err = f.NewSheet("R&D <lab>")
	require.NoError(t, err)
	set("R&D <lab>", "C3", 1)
	set("R&D <lab>", "A1", "first")
	_, err = f.NewSheet("empty")
	require.NoError(t, err)

	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))
	return buf.Bytes()
}

// writerBook is a workbook written by this package's Workbook, which
// writes inline strings through excelize's stream writer.
func writerBook(t testing.TB) []byte {
	t.Helper()
	w := New()
	cols := []Column{
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
	pay, err := w.Sheet("payroll", cols)
	require.NoError(t, err)
	require.NoError(t, pay.Row("maya", civil(2026, 3, 2), 4, "EUR", "588.00", "1800", 0.745, 3.25, true))
	require.NoError(t, pay.Row(`x & "y" <z>`+"\nnext", time.Time{}, int64(1234567890123456789), "JPY", 12.5, nil, 0.0, 7, false))
	require.NoError(t, pay.Row(nil, nil, nil, nil, Amount{"1800", 0}))
	require.NoError(t, pay.Row("short row"))
	require.NoError(t, pay.Row())
	require.NoError(t, pay.Row(nil, nil, nil, nil, nil, nil, nil, nil, true))
	totals, err := w.Sheet("totals", []Column{{Name: "currency", Kind: KindText}, {Name: "total", Kind: KindMoney, Digits: 3}})
	require.NoError(t, err)
	require.NoError(t, totals.Row("KWD", "1.500"))
	var buf bytes.Buffer
	require.NoError(t, w.Write(&buf))
	return buf.Bytes()
}

func TestRowsAsExcelize(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		// some of the rows it must give, by sheet, lest both readers be
		// wrong alike
		want map[string][]readRow
	}{
		{name: "excelize", data: excelizeBook(t, false), want: map[string][]readRow{
			"people": {
				{1, []string{"id", "name", "level", "level_since", "rate", "active", "owned", "pay", "left"}},
				{2, []string{"maya", "Maya Chen", "L7", "44805", "0.74", "1", "2", "12000.5", "0"}},
				{4, []string{"rui", "", "", "45300", "", "", "x"}},
				// excelize writes a shared string's _x0041_ as it is, so
				// that it reads back as A.
				{6, []string{`a & b < c > d "e" 'f'`, "line1\nline2", "tab\there", " padded ", "A literal _",
					"Zoë 🙂 漢字", "cr\rhere", "", "trailing"}},
				{7, []string{"Bold and italic"}},
				{8, []string{"", "3", "", ""}},
				{9, []string{"123456789012345", "0.0000001", "-3.5", "100000000000000000000"}},
			},
			"R&D <lab>": {{1, []string{"first"}}, {3, []string{"", "", "1"}}},
		}},
		{name: "excelize 1904", data: excelizeBook(t, true), want: map[string][]readRow{
			"people": {{2, []string{"maya", "Maya Chen", "L7", "43343", "0.74", "1", "2", "12000.5", "0"}}},
		}},
		{name: "workbook writer", data: writerBook(t), want: map[string][]readRow{
			"payroll": {
				{2, []string{"maya", "46083", "4", "EUR", "588", "1800", "0.745", "3.25", "1"}},
				{3, []string{`x & "y" <z>` + "\nnext", "", "1234567890123456789", "JPY", "12.5", "", "0", "7", "0"}},
				{4, []string{"", "", "", "", "1800"}},
				{5, []string{"short row"}},
				{7, []string{"", "", "", "", "", "", "", "", "1"}},
			},
			"totals": {{1, []string{"currency", "total"}}, {2, []string{"KWD", "1.5"}}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := readBook(t, tt.data)
			assert.Equal(t, readExcelize(t, tt.data), got)
			for _, s := range got {
				for _, want := range tt.want[s.Name] {
					i := slices.IndexFunc(s.Rows, func(r readRow) bool { return r.N == want.N })
					if assert.GreaterOrEqual(t, i, 0, "sheet %s, row %d", s.Name, want.N) {
						assert.Equal(t, want, s.Rows[i])
					}
				}
			}
			for name := range tt.want {
				assert.True(t, slices.ContainsFunc(got, func(s sheetRows) bool { return s.Name == name }), name)
			}
		})
	}
}

func TestRowsLastCell(t *testing.T) {
	data := zipOf(t, handmade(`<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>corner</t></is></c></row>`, "none"))
	got := readBook(t, data)
	assert.Equal(t, readExcelize(t, data), got)
	rows := got[0].Rows
	require.Len(t, rows, 1)
	assert.Equal(t, MaxRows, rows[0].N)
	assert.Len(t, rows[0].Cells, lastColumn)
	assert.Equal(t, "corner", rows[0].Cells[lastColumn-1])
}

func TestSheets(t *testing.T) {
	b, err := Open(bytes.NewReader(excelizeBook(t, false)))
	require.NoError(t, err)
	assert.Equal(t, []string{"people", "R&D <lab>", "empty"}, b.Sheets())
	require.EqualError(t, b.Rows("People", func(int, []string) bool { return true }), `no sheet "People" in the workbook`,
		"names match exactly")
	n := 0
	require.NoError(t, b.Rows("people", func(int, []string) bool { n++; return n < 2 }))
	assert.Equal(t, 2, n, "yield returning false stops")
	require.NoError(t, b.Close())
	require.EqualError(t, b.Rows("people", func(int, []string) bool { return true }), "workbook is closed")
}

func TestBookDate(t *testing.T) {
	for _, date1904 := range []bool{false, true} {
		t.Run(fmt.Sprint("1904=", date1904), func(t *testing.T) {
			b, err := Open(bytes.NewReader(excelizeBook(t, date1904)))
			require.NoError(t, err)
			var cell string
			require.NoError(t, b.Rows("people", func(n int, cells []string) bool { cell = cells[3]; return n < 2 }))
			got, ok := b.Date(cell)
			require.True(t, ok, cell)
			assert.Equal(t, civil(2022, 9, 1), got)
			assert.Equal(t, date1904, b.Date1904())
			got, ok = Date(cell, false)
			require.True(t, ok)
			if date1904 {
				assert.Equal(t, civil(2018, 8, 31), got, "read in the 1900 system, a 1904 serial is four years early")
			} else {
				assert.Equal(t, civil(2022, 9, 1), got)
			}
		})
	}
}

func TestDate(t *testing.T) {
	tests := []struct {
		cell     string
		date1904 bool
		want     time.Time // zero: not a date
	}{
		{cell: "45292", want: civil(2024, 1, 1)},
		{cell: "45300.75", want: civil(2024, 1, 9)},
		{cell: "1", want: civil(1900, 1, 1)},
		{cell: "59", want: civil(1900, 2, 28)},
		{cell: "60"}, // 1900-02-29, which Excel counts and the calendar has not
		{cell: "61", want: civil(1900, 3, 1)},
		{cell: "2958465", want: civil(9999, 12, 31)},
		{cell: "2958466"},
		{cell: "0.5"},
		{cell: "0"},
		{cell: "-1"},
		{cell: "2024-01-08"},
		{cell: "1/8/2024"},
		{cell: "45 300"},
		{cell: "NaN"},
		{cell: "Inf"},
		{cell: ""},
		{cell: "x"},
		{cell: "0", date1904: true, want: civil(1904, 1, 1)},
		{cell: "43830", date1904: true, want: civil(2024, 1, 1)},
		{cell: "2957003", date1904: true, want: civil(9999, 12, 31)},
		{cell: "2957004", date1904: true},
		{cell: "-1", date1904: true},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.cell, " 1904=", tt.date1904), func(t *testing.T) {
			b := &Book{date1904: tt.date1904}
			got, ok := b.Date(tt.cell)
			assert.Equal(t, !tt.want.IsZero(), ok)
			assert.Equal(t, tt.want, got)
			got, ok = Date(tt.cell, tt.date1904)
			assert.Equal(t, !tt.want.IsZero(), ok)
			assert.Equal(t, tt.want, got)
		})
	}
}

// TestDateAsExcelize checks Date against excelize's conversion, which Date
// used before, from 1900-03-01 on (excelize is a day off before it).
func TestDateAsExcelize(t *testing.T) {
	for _, date1904 := range []bool{false, true} {
		for n := 61.0; n < 2957003; n = math.Ceil(n * 1.01) {
			want, err := excelize.ExcelDateToTime(n, date1904)
			require.NoError(t, err)
			got, ok := (&Book{date1904: date1904}).Date(strconv.FormatFloat(n+0.25, 'f', -1, 64))
			require.True(t, ok, n)
			require.Equal(t, want, got, "serial %v, 1904 %v", n, date1904)
		}
	}
}

// Parts of a workbook written by hand.
const (
	contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`
	packageRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	workbookXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr%s/><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`
	workbookRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="%s"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`
	sheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1"/><sheetData>`
	sheetTail = `</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`
)

// zipOf is a zip of parts, by name.
func zipOf(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	names := make([]string, 0, len(parts))
	for name := range parts {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		w, err := z.Create(name)
		require.NoError(t, err)
		_, err = w.Write([]byte(parts[name]))
		require.NoError(t, err)
	}
	require.NoError(t, z.Close())
	return buf.Bytes()
}

// handmade are the parts of a workbook of one sheet, Sheet1, holding rows
// (the inside of sheetData), with the shared strings sst (the inside of
// <sst>, or no part if "none").
func handmade(rows, sst string) map[string]string {
	parts := map[string]string{
		"[Content_Types].xml":        contentTypes,
		"_rels/.rels":                packageRels,
		"xl/workbook.xml":            fmt.Sprintf(workbookXML, ""),
		"xl/_rels/workbook.xml.rels": fmt.Sprintf(workbookRels, "worksheets/sheet1.xml"),
		"xl/worksheets/sheet1.xml":   sheetHead + rows + sheetTail,
	}
	if sst != "none" {
		parts["xl/sharedStrings.xml"] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="9" uniqueCount="9">` + sst + `</sst>`
	}
	return parts
}

func TestRowsHandmade(t *testing.T) {
	const sst = `<si><t>zero</t></si><si><r><rPr><b/></rPr><t>ri</t></r><r><t xml:space="preserve">ch </t></r></si>` +
		`<si><t>漢字</t><rPh sb="0" eb="2"><t>カンジ</t></rPh><phoneticPr fontId="1" type="noConversion"/></si>` +
		`<si><t/></si><si><t>a_x000D__x000A_b</t></si>`
	tests := []struct {
		name   string
		rows   string
		want   []readRow
		reason string
		// unlikeExcelize says why excelize reads the sheet otherwise, or
		// is empty when the two must agree.
		unlikeExcelize string
	}{
		{
			name:   "no r attributes",
			rows:   `<row><c><v>1</v></c><c t="inlineStr"><is><t>x</t></is></c></row><row r="4"><c r="C4"><v>2</v></c><c><v>3</v></c></row><row><c><v>4</v></c></row>`,
			want:   []readRow{{1, []string{"1", "x"}}, {4, []string{"", "", "2", "3"}}, {5, []string{"4"}}},
			reason: "a row without r follows the one before, a cell without r too",
		},
		{
			name: "types",
			rows: `<row r="1"><c r="A1" t="d"><v>2024-01-15T00:00:00Z</v></c><c r="B1" t="e"><f>1/0</f><v>#DIV/0!</v></c>` +
				`<c r="C1" t="e"><v>#N/A</v></c><c r="D1" t="str"><f>A1&amp;"x"</f><v>ax</v></c><c r="E1" t="b"><v>1</v></c>` +
				`<c r="F1" t="b"><v>0</v></c><c r="G1" t="n"><v>1.5E-3</v></c><c r="H1"><v>12000.5</v></c></row>`,
			want: []readRow{{1, []string{"2024-01-15T00:00:00Z", "#DIV/0!", "#N/A", "ax", "1", "0", "1.5E-3", "12000.5"}}},
		},
		{
			name: "shared strings",
			rows: `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>` +
				`<c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v> 4 </v></c><c r="F1" t="s"><v>3</v></c></row>` +
				`<row r="2"><c r="A2" t="s"><v>3</v></c></row>`,
			want:   []readRow{{1, []string{"zero", "rich ", "漢字", "", "a\r\nb"}}},
			reason: "runs concatenated, phonetic runs left out; an empty string is no value",
		},
		{
			name: "inline rich text",
			rows: `<row r="1"><c r="A1" t="inlineStr"><is><r><rPr><b/><sz val="11"/></rPr><t>Bold</t></r><r><t xml:space="preserve"> and plain</t></r>` +
				`<rPh sb="0" eb="1"><t>ふりがな</t></rPh><phoneticPr fontId="1"/></is></c><c r="B1" t="inlineStr"><v>from v</v></c></row>`,
			want:   []readRow{{1, []string{"Bold and plain", "from v"}}},
			reason: "an inline string without <is> is its <v>",
		},
		{
			name: "entities",
			rows: `<row r="1"><c r="A1" t="inlineStr"><is><t>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;&#10;&#x41;&#65;&#x1F600;</t></is></c>` +
				`<c r="B1" t="inlineStr"><is><t><![CDATA[<raw> & ]]]]><![CDATA[>]]></t></is></c>` +
				`<c r="C1"><v>1<!-- a comment -->2<?pi x?></v></c></row>`,
			want: []readRow{{1, []string{"a & b <c> \"d\" 'e'\nAA😀", "<raw> & ]]>", "12"}}},
		},
		{
			name: "line ends",
			rows: "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a\r\nb\rc\nd&#13;e&#xD;&#xA;f</t></is></c>" +
				"<c r=\"B1\" t=\"inlineStr\"><is><t><![CDATA[g\r\nh]]></t></is></c></row>",
			want:   []readRow{{1, []string{"a\nb\nc\nd\re\r\nf", "g\nh"}}},
			reason: "XML makes a written \\r\\n or \\r a \\n, not a character reference",
		},
		{
			name: "escapes",
			rows: `<row r="1"><c r="A1" t="inlineStr"><is><t>a_x0001_b_x005F_x0041_c_x00e9__x00E9_</t></is></c>` +
				`<c r="B1" t="inlineStr"><is><t>_x12_ _x004G_ _x0041 x0041_</t></is></c>` +
				`<c r="C1" t="str"><v>_x0041_</v></c><c r="D1" t="inlineStr"><is><r><t>_x00</t></r><r><t>41_</t></r></is></c></row>`,
			want:   []readRow{{1, []string{"a\x01b_x0041_céé", "_x12_ _x004G_ _x0041 x0041_", "_x0041_", "A"}}},
			reason: "strings decode _xHHHH_; a formula's string is left as it is, as excelize does",
		},
		{
			name:           "surrogate escapes",
			rows:           `<row r="1"><c r="A1" t="inlineStr"><is><t>_xD83D__xDE00_ _xD800_</t></is></c></row>`,
			want:           []readRow{{1, []string{"😀 \uFFFD"}}},
			unlikeExcelize: "excelize drops an escaped surrogate",
		},
		{
			name: "namespace prefixes and quotes",
			rows: `<row r="1"><c r="A1" t="s"><v>0</v></c><c r = 'B1' t = 'inlineStr' ><is><t>b</t></is></c></row>`,
			want: []readRow{{1, []string{"zero", "b"}}},
		},
		{
			name:   "formulas without a value",
			rows:   `<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f>SUM(A1)</f></c></row><row r="2"><c r="C2"><f t="shared" ref="C2:C3" si="0">A2</f></c></row>`,
			want:   []readRow{{1, []string{"1", ""}}, {2, []string{"", "", ""}}},
			reason: "a formula cell counts as holding a value, as excelize has it",
		},
		{
			name:   "no value",
			rows:   `<row r="1"/><row r="2" spans="1:3"></row><row r="3"><c r="A3" s="1"/><c r="B3" t="s"/><c r="C3"><v></v></c><c r="D3" t="inlineStr"><is><t></t></is></c></row><row r="4"><c r="A4"><v>1</v></c><c r="B4" s="2"/></row>`,
			want:   []readRow{{4, []string{"1"}}},
			reason: "rows of empty cells are not given; a row ends at its last value",
		},
		{
			name: "values with spaces",
			rows: `<row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve">  two  </t></is></c><c r="B1" t="inlineStr"><is><t>` + "\n\t" + `</t></is></c></row>`,
			want: []readRow{{1, []string{"  two  ", "\n\t"}}},
		},
		{
			name:           "elements to skip",
			rows:           `<row r="1"><extLst><ext><c r="Z9"><v>no</v></c></ext></extLst><c r="A1"><v>1</v><extLst><ext uri="x"/></extLst></c></row>`,
			want:           []readRow{{1, []string{"1"}}},
			unlikeExcelize: "excelize takes a <c> for a cell however deep it is",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := zipOf(t, handmade(tt.rows, sst))
			got := readBook(t, data)
			require.Len(t, got, 1)
			assert.Equal(t, tt.want, got[0].Rows)
			if tt.unlikeExcelize == "" {
				assert.Equal(t, readExcelize(t, data), got)
			}
		})
	}
}

func TestRowsPackages(t *testing.T) {
	const rows = `<row r="2"><c r="B2" t="inlineStr"><is><t>b</t></is></c></row>`
	want := []sheetRows{{Name: "Sheet1", Rows: []readRow{{2, []string{"", "b"}}}}}
	tests := []struct {
		name   string
		change func(parts map[string]string)
		want   []sheetRows
	}{
		{name: "absolute target", change: func(p map[string]string) {
			p["xl/_rels/workbook.xml.rels"] = fmt.Sprintf(workbookRels, "/xl/worksheets/sheet1.xml")
		}},
		{name: "another workbook part", change: func(p map[string]string) {
			p["book/wb.xml"] = p["xl/workbook.xml"]
			p["book/_rels/wb.xml.rels"] = fmt.Sprintf(workbookRels, "../xl/worksheets/sheet1.xml")
			p["_rels/.rels"] = strings.Replace(packageRels, "xl/workbook.xml", "book/wb.xml", 1)
			delete(p, "xl/workbook.xml")
		}},
		{name: "prefixed elements", change: func(p map[string]string) {
			p["xl/worksheets/sheet1.xml"] = `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>` +
				`<x:row r="2"><x:c r="B2" t="inlineStr"><x:is><x:t>b</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`
		}},
		{name: "no sheetData", change: func(p map[string]string) {
			p["xl/worksheets/sheet1.xml"] = `<chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews/><drawing r:id="rId1"/></chartsheet>`
		}, want: []sheetRows{{Name: "Sheet1"}}},
		{name: "empty sheetData", change: func(p map[string]string) {
			p["xl/worksheets/sheet1.xml"] = `<worksheet><sheetData/></worksheet>`
		}, want: []sheetRows{{Name: "Sheet1"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parts := handmade(rows, "none")
			tt.change(parts)
			if tt.want == nil {
				tt.want = want
			}
			assert.Equal(t, tt.want, readBook(t, zipOf(t, parts)))
		})
	}
}

func TestDate1904Handmade(t *testing.T) {
	for _, tt := range []struct {
		pr   string
		want time.Time
	}{
		{` date1904="1"`, civil(2024, 1, 9)},
		{` date1904="true"`, civil(2024, 1, 9)},
		{` date1904="false"`, civil(2020, 1, 8)},
		{``, civil(2020, 1, 8)},
	} {
		parts := handmade(`<row r="1"><c r="A1"><v>43838</v></c></row>`, "none")
		parts["xl/workbook.xml"] = fmt.Sprintf(workbookXML, tt.pr)
		b, err := Open(bytes.NewReader(zipOf(t, parts)))
		require.NoError(t, err)
		got, ok := b.Date("43838")
		assert.True(t, ok)
		assert.Equal(t, tt.want, got, tt.pr)
	}
}

func TestOpenErrors(t *testing.T) {
	good := excelizeBook(t, false)
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"truncated zip", good[:len(good)/2], "not a readable .xlsx workbook: zip: not a valid zip file"},
		{"not a zip", []byte("id,name\n"), "not a readable .xlsx workbook: zip: not a valid zip file"},
		{"no workbook part", zipOf(t, map[string]string{"a.xml": "<a/>"}), "not a readable .xlsx workbook: no workbook part xl/workbook.xml"},
		{"workbook part not XML", zipOf(t, map[string]string{"xl/workbook.xml": "<workbook><sheets>"}),
			"not a readable .xlsx workbook: xl/workbook.xml: XML syntax error on line 1: unexpected EOF"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Open(bytes.NewReader(tt.data))
			require.EqualError(t, err, tt.want)
		})
	}
}

func TestRowsErrors(t *testing.T) {
	defer func(sheet, sst int64) { maxSheetXML, maxStringXML = sheet, sst }(maxSheetXML, maxStringXML)
	const row1 = `<row r="1"><c r="A1"><v>1</v></c></row>`
	tests := []struct {
		name     string
		parts    map[string]string
		limit    int64  // the most bytes of a sheet, if not 0
		openErr  string // Open's error
		want     string // Rows' error
		wantRows int    // rows given before the error
	}{
		{name: "cut off", parts: map[string]string{"xl/worksheets/sheet1.xml": sheetHead + row1 + `<row r="2"><c r="A2"><v>2`},
			want: `sheet "Sheet1", row 2: unexpected end of the XML`, wantRows: 1},
		{name: "cut off in a tag", parts: map[string]string{"xl/worksheets/sheet1.xml": sheetHead + row1 + `<row r="2"><c r="A2`},
			want: `sheet "Sheet1", row 2: unexpected end of the XML`, wantRows: 1},
		{name: "cut off between rows", parts: map[string]string{"xl/worksheets/sheet1.xml": sheetHead + row1},
			want: `sheet "Sheet1", after row 1: unexpected end of the XML`, wantRows: 1},
		{name: "cut off before sheetData", parts: map[string]string{"xl/worksheets/sheet1.xml": `<worksheet><dimension ref="A1"/>`},
			want: `sheet "Sheet1": unexpected end of the XML`},
		{name: "row past the last", parts: handmade(row1+`<row r="99999999"><c r="A99999999"><v>2</v></c></row>`, "none"),
			want: `sheet "Sheet1", after row 1: row number 99999999 is past a sheet's last row, 1048576`, wantRows: 1},
		{name: "row number too long", parts: handmade(`<row r="12345678901"></row>`, "none"),
			want: `sheet "Sheet1": invalid row number "12345678901"`},
		{name: "row number 0", parts: handmade(`<row r="0"></row>`, "none"),
			want: `sheet "Sheet1": invalid row number 0`},
		{name: "rows out of order", parts: handmade(`<row r="3"></row><row r="2"></row>`, "none"),
			want: `sheet "Sheet1", after row 3: row number 2 is not after the row before it, 3`},
		{name: "row past the last, counted", parts: handmade(`<row r="1048576"></row><row></row>`, "none"),
			want: `sheet "Sheet1", after row 1048576: row number 1048577 is past a sheet's last row, 1048576`},
		{name: "cell past XFD", parts: handmade(`<row r="1"><c r="ZZZZ1"><v>1</v></c></row>`, "none"),
			want: `sheet "Sheet1", row 1: cell ZZZZ1 is past column XFD, a sheet's last`},
		{name: "cell past XFD, counted", parts: handmade(`<row r="1"><c r="XFD1"><v>1</v></c><c><v>2</v></c></row>`, "none"),
			want: `sheet "Sheet1", row 1: a cell after column XFD, a sheet's last`},
		{name: "cell reference", parts: handmade(`<row r="1"><c r="1A"><v>1</v></c></row>`, "none"),
			want: `sheet "Sheet1", row 1: cell reference "1A" is not one`},
		{name: "cells out of order", parts: handmade(`<row r="1"><c r="B1"><v>1</v></c><c r="A1"><v>2</v></c></row>`, "none"),
			want: `sheet "Sheet1", row 1: cell A1 is not after the cell before it`},
		{name: "no shared strings", parts: handmade(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`, "none"),
			want: `sheet "Sheet1", row 1: cell A1: shared string 0, but the workbook has no shared strings`},
		{name: "shared string out of range", parts: handmade(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>2</v></c></row>`, `<si><t>a</t></si><si><t>b</t></si>`),
			want: `sheet "Sheet1", row 1: cell B1: shared string 2, but the workbook has 2`},
		{name: "shared string index", parts: handmade(`<row r="1"><c r="A1" t="s"><v>-1</v></c></row>`, `<si><t>a</t></si>`),
			want: `sheet "Sheet1", row 1: cell A1: invalid shared string index "-1"`},
		{name: "end tag", parts: handmade(`<row r="1"><c r="A1"><v>1</v></row>`, "none"),
			want: `sheet "Sheet1", row 1: element <c> closed by </row>`},
		{name: "unknown entity", parts: handmade(`<row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row>`, "none"),
			want: `sheet "Sheet1", row 1: unknown entity &nbsp;`},
		{name: "bare ampersand", parts: handmade(`<row r="1"><c r="A1" t="inlineStr"><is><t>a & b</t></is></c></row>`, "none"),
			want: `sheet "Sheet1", row 1: an & that starts no entity: "& b</t></is>"`},
		{name: "character reference", parts: handmade(`<row r="1"><c r="A1" t="inlineStr"><is><t>&#1;</t></is></c></row>`, "none"),
			want: `sheet "Sheet1", row 1: invalid character reference &#1;`},
		{name: "document type", parts: map[string]string{"xl/worksheets/sheet1.xml": `<!DOCTYPE x [<!ENTITY a "b">]><worksheet><sheetData/></worksheet>`},
			want: `sheet "Sheet1": a document type declaration, which a workbook does not have`},
		{name: "attribute", parts: handmade(`<row r="1"><c r=A1><v>1</v></c></row>`, "none"),
			want: `sheet "Sheet1", row 1: a tag with attributes not written name="value"`},
		{name: "tag without end", parts: handmade(`<row r="1"><c r="A1" x="`+strings.Repeat("a", 2<<20)+`"><v>1</v></c></row>`, "none"),
			want: `sheet "Sheet1", row 1: markup longer than 1048576 bytes`},
		{name: "value too long", parts: handmade(`<row r="1"><c r="A1" t="inlineStr"><is><t>`+strings.Repeat("a", 1<<20+1)+`</t></is></c></row>`, "none"),
			want: `sheet "Sheet1", row 1: a value longer than 1048576 bytes`},
		{name: "sheet bomb", parts: handmade(row1+strings.Repeat(" ", 64<<20)+`<row r="2"><c r="A2"><v>2</v></c></row>`, "none"), limit: 16 << 20,
			want: `sheet "Sheet1", after row 1: more than 16777216 bytes uncompressed`, wantRows: 1},
		{name: "strings bomb", parts: handmade(row1, `<si><t>`+strings.Repeat("a", 2000)+`</t></si>`), limit: 1000,
			openErr: `not a readable .xlsx workbook: xl/sharedStrings.xml: string 0: more than 1000 bytes uncompressed`},
		{name: "strings cut off", parts: map[string]string{"xl/sharedStrings.xml": `<sst><si><t>a</t></si><si><t>b`},
			openErr: `not a readable .xlsx workbook: xl/sharedStrings.xml: string 1: unexpected end of the XML`},
		{name: "no sheet part", parts: map[string]string{"xl/worksheets/sheet1.xml": ""},
			want: `sheet "Sheet1": its part xl/worksheets/sheet1.xml is missing`},
		{name: "no relationship", parts: map[string]string{"xl/_rels/workbook.xml.rels": strings.Replace(fmt.Sprintf(workbookRels, "x"), `"rId1"`, `"rId9"`, 1)},
			want: `sheet "Sheet1": the workbook names no part for it (relationship "rId1")`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parts := handmade(row1, "none")
			for name, p := range tt.parts {
				parts[name] = p
				if p == "" {
					delete(parts, name)
				}
			}
			maxSheetXML, maxStringXML = 4<<30, 1<<30
			if tt.limit != 0 {
				maxSheetXML, maxStringXML = tt.limit, tt.limit
			}
			b, err := Open(bytes.NewReader(zipOf(t, parts)))
			if tt.openErr != "" {
				require.EqualError(t, err, tt.openErr)
				return
			}
			require.NoError(t, err)
			n := 0
			err = b.Rows("Sheet1", func(int, []string) bool { n++; return true })
			require.EqualError(t, err, tt.want)
			assert.Equal(t, tt.wantRows, n)
		})
	}
}

func TestUnescapeX(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain", "plain"},
		{"_x0041_", "A"},
		{"_x005F_x0041_", "_x0041_"},
		{"_x005f_", "_"},
		{"a_x000D__x000A_b", "a\r\nb"},
		{"_x0000_", "\x00"},
		{"_xD83D__xDE00_", "😀"},
		{"_xDE00__xD83D_", "\uFFFD\uFFFD"},
		{"_xD83D_x", "\uFFFDx"},
		{"__x0041__", "_A_"},
		{"_x041_", "_x041_"},
		{"_X0041_", "_X0041_"},
		{"_x0041", "_x0041"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, string(unescapeX([]byte(tt.in))), tt.in)
	}
}

func TestCellName(t *testing.T) {
	for col, want := range map[int]string{0: "A1", 25: "Z1", 26: "AA1", 701: "ZZ1", 702: "AAA1", 16383: "XFD1"} {
		assert.Equal(t, want, cellName(col, 1))
		got, err := column([]byte(want))
		require.NoError(t, err)
		assert.Equal(t, col, got)
	}
}

// FuzzRows reads mutated sheets: Rows returns rows or an error, and never
// panics or hangs.
func FuzzRows(f *testing.F) {
	for _, s := range []string{
		`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><r><t>a</t></r><rPh><t>b</t></rPh></is></c></row>`,
		`<row><c><v>1</v></c><c t="b"><f>TRUE()</f><v>1</v></c></row><row r="9"><c r="B9" t="str"><v>x&amp;y&#10;</v></c></row>`,
		`<row r="2"><c r="A2" t="inlineStr"><is><t><![CDATA[a]]>_x0041_<!-- c --></t></is></c></row>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, rows string) {
		data := zipOf(t, handmade(rows, `<si><t>zero</t></si>`))
		b, err := Open(bytes.NewReader(data))
		require.NoError(t, err)
		last := 0
		err = b.Rows("Sheet1", func(n int, cells []string) bool {
			if n <= last || n > MaxRows || len(cells) == 0 || len(cells) > lastColumn {
				t.Fatalf("row %d after %d with %d cells", n, last, len(cells))
			}
			last = n
			return true
		})
		if err != nil && !strings.HasPrefix(err.Error(), `sheet "Sheet1"`) {
			t.Fatalf("error without the sheet: %v", err)
		}
	})
}

// benchSheet is a workbook of one sheet of n rows of people like those
// ladder reads: 12 cells, text either shared (as Excel writes it) or
// inline (as Workbook writes it).
func benchSheet(b *testing.B, n int, inline bool) []byte {
	b.Helper()
	var rows, sst strings.Builder
	levels := []string{"L3", "L4", "L5", "L6", "L7"}
	text := func(col string, row int, s string, shared int) string {
		if inline {
			return fmt.Sprintf(`<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>`, col, row, s)
		}
		return fmt.Sprintf(`<c r="%s%d" t="s"><v>%d</v></c>`, col, row, shared)
	}
	for _, l := range levels {
		fmt.Fprintf(&sst, "<si><t>%s</t></si>", l)
	}
	for i := range n {
		r := i + 2
		fmt.Fprintf(&sst, "<si><t>p%07d</t></si><si><t>Person Number %d</t></si>", i, i)
		fmt.Fprintf(&rows, `<row r="%d" spans="1:12">`, r)
		rows.WriteString(text("A", r, fmt.Sprintf("p%07d", i), len(levels)+2*i))
		rows.WriteString(text("B", r, fmt.Sprintf("Person Number %d", i), len(levels)+2*i+1))
		rows.WriteString(text("C", r, levels[i%len(levels)], i%len(levels)))
		fmt.Fprintf(&rows, `<c r="D%d" s="1"><v>%d</v></c><c r="E%d" s="1"><v>%d</v></c>`, r, 44000+i%900, r, 42000+i%3000)
		fmt.Fprintf(&rows, `<c r="F%d"><v>%d</v></c><c r="G%d" s="2"><v>0.%03d</v></c><c r="H%d" t="b"><v>%d</v></c>`, r, i%7, r, i%1000, r, i%2)
		fmt.Fprintf(&rows, `<c r="I%d"><v>%d.5</v></c><c r="J%d"><v>%d</v></c><c r="K%d"><v>%d</v></c>`, r, 1000+i%5000, r, i%13, r, i%3)
		fmt.Fprintf(&rows, `<c r="L%d"><v>0.%d</v></c></row>`, r, i%97)
	}
	if inline {
		return zipOf(b, handmade(rows.String(), "none"))
	}
	return zipOf(b, handmade(rows.String(), sst.String()))
}

func BenchmarkRows(b *testing.B) {
	const n = 100_000
	for _, inline := range []bool{false, true} {
		name := "shared"
		if inline {
			name = "inline"
		}
		b.Run(name, func(b *testing.B) {
			data := benchSheet(b, n, inline)
			b.ReportAllocs()
			b.ResetTimer()
			rows := 0
			for range b.N {
				book, err := Open(bytes.NewReader(data))
				if err != nil {
					b.Fatal(err)
				}
				err = book.Rows("Sheet1", func(int, []string) bool { rows++; return true })
				if err != nil {
					b.Fatal(err)
				}
			}
			if rows != n*b.N {
				b.Fatalf("%d rows, want %d", rows, n*b.N)
			}
			b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

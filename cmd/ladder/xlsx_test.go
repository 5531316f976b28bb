package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// openXLSX reads a workbook the command wrote.
func openXLSX(t testing.TB, out string) *excelize.File {
	t.Helper()
	require.True(t, strings.HasPrefix(out, "PK"), "a workbook is a zip file")
	f, err := excelize.OpenReader(strings.NewReader(out))
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	return f
}

// sheetRows are the rows of a sheet as Excel shows them (dates as
// YYYY-MM-DD, amounts with their minor units and grouping).
func sheetRows(t testing.TB, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	require.NoError(t, err)
	return rows
}

// assertTable checks what every sheet of the command's workbooks has: a
// frozen header row and an autofilter over the header and the rows.
func assertTable(t testing.TB, f *excelize.File, sheet string, cols, rows int) {
	t.Helper()
	panes, err := f.GetPanes(sheet)
	require.NoError(t, err)
	assert.True(t, panes.Freeze, "%s: frozen header", sheet)
	assert.Equal(t, 1, panes.YSplit, sheet)
	assert.Equal(t, "A2", panes.TopLeftCell, sheet)
	last, err := excelize.CoordinatesToCellName(cols, rows)
	require.NoError(t, err)
	col, row, _ := excelize.SplitCellName(last)
	want := fmt.Sprintf("'%s'!$A$1:$%s$%d", sheet, col, row)
	var filters []string
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" && dn.Scope == sheet {
			filters = append(filters, dn.RefersTo)
		}
	}
	assert.Equal(t, []string{want}, filters, "%s: autofilter", sheet)
}

// cellKind is a cell's type and number format, for the assertions:
// "text", "bool", "date" (a number shown yyyy-mm-dd), "money2" (a number
// shown #,##0.00), "money0", "int", "percent", "number".
func cellKind(t testing.TB, f *excelize.File, sheet, cell string) string {
	t.Helper()
	typ, err := f.GetCellType(sheet, cell)
	require.NoError(t, err)
	switch typ {
	case excelize.CellTypeInlineString, excelize.CellTypeSharedString:
		return "text"
	case excelize.CellTypeBool:
		return "bool"
	case excelize.CellTypeUnset:
	default:
		return fmt.Sprintf("type %d", typ)
	}
	raw, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	if raw == "" {
		return "empty"
	}
	_, err = strconv.ParseFloat(raw, 64)
	require.NoError(t, err, "%s!%s holds %q", sheet, cell, raw)
	id, err := f.GetCellStyle(sheet, cell)
	require.NoError(t, err)
	st, err := f.GetStyle(id)
	require.NoError(t, err)
	switch {
	case st.CustomNumFmt != nil && *st.CustomNumFmt == "yyyy-mm-dd":
		return "date"
	case st.CustomNumFmt != nil && strings.HasSuffix(*st.CustomNumFmt, "%"), st.NumFmt == 9, st.NumFmt == 10:
		return "percent"
	case st.NumFmt == 4:
		return "money2"
	case st.NumFmt == 3:
		return "money0"
	case st.NumFmt == 1:
		return "int"
	}
	return "number"
}

func TestSummaryXLSX(t *testing.T) {
	args := []string{"evaluate", "--summary", "--at", at, "testdata/stream/people.jsonl"}
	csvOut := runLadder(t, "", append(args, "--format", "csv")...)
	got := runLadder(t, "", append(args, "--format", "xlsx")...)
	assert.Equal(t, csvOut.code, got.code)
	assert.Equal(t, csvOut.stderr, got.stderr, "the same problems on stderr")
	f := openXLSX(t, got.stdout)
	assert.Equal(t, []string{"summary"}, f.GetSheetList())

	want := readCSV(t, csvOut.stdout)
	rows := sheetRows(t, f, "summary")
	require.Len(t, rows, len(want))
	for i := range want {
		for len(rows[i]) < len(want[i]) {
			rows[i] = append(rows[i], "") // GetRows drops trailing empty cells
		}
	}
	assert.Equal(t, want, rows, "the same cells as the CSV")
	assertTable(t, f, "summary", len(csvHeader), len(want))

	earliest := -1
	for i, r := range want[1:] {
		if r[6] != "" && earliest < 0 {
			earliest = i + 2
		}
	}
	require.Positive(t, earliest, "a row with an earliest date")
	assert.Equal(t, "date", cellKind(t, f, "summary", fmt.Sprintf("G%d", earliest)))
	assert.Equal(t, "text", cellKind(t, f, "summary", "B2"))
}

func TestCycleXLSX(t *testing.T) {
	args := []string{"cycle", "--by", "2027-05-20", "--at", at, "testdata/stream/people.jsonl"}
	js := runLadder(t, "", append(args, "--format", "json")...)
	got := runLadder(t, "", append(args, "--format", "xlsx")...)
	assert.Equal(t, js.code, got.code)
	var c struct {
		AsOf     string `json:"as_of"`
		By       string `json:"by"`
		People   int    `json:"people"`
		Invalid  int    `json:"invalid"`
		Failures []struct {
			Index int    `json:"index"`
			Line  int    `json:"line"`
			ID    string `json:"id"`
			Name  string `json:"name"`
			Error string `json:"error"`
		} `json:"failures"`
		Levels []struct {
			Level                          string
			People, Eligible, Undetermined int
			NotEligible                    int `json:"not_eligible"`
			TopLevel                       int `json:"top_level"`
		} `json:"levels"`
		Unmet, Unknown []struct {
			ID, Name string
			People   int
		}
		Soon []struct {
			Person, Name, Level, To, Earliest string
		} `json:"eligible_by"`
		Mentees struct{ Slots, Active, Mentors, Over int }
		Earned  []struct{ Amount, Currency string } `json:"earned"`
		Due     []struct{ Amount, Currency string } `json:"due"`
	}
	require.NoError(t, json.Unmarshal([]byte(js.stdout), &c))
	require.NotEmpty(t, c.Failures, "the stream has invalid records")
	require.NotEmpty(t, c.Unmet)

	f := openXLSX(t, got.stdout)
	assert.Equal(t, []string{"cycle", "levels", "blockers", "eligible_by", "money", "invalid"}, f.GetSheetList())

	n := func(i int) string { return strconv.Itoa(i) }
	cycle := sheetRows(t, f, "cycle")
	assert.Equal(t, [][]string{
		{"as_of", "by", "people", "invalid", "eligible_by", "mentee_slots", "mentees_active", "mentors", "mentors_over", "money_uncounted"},
		{c.AsOf, c.By, n(c.People), n(c.Invalid), n(len(c.Soon)), n(c.Mentees.Slots), n(c.Mentees.Active), n(c.Mentees.Mentors), n(c.Mentees.Over), "0"},
	}, cycle)
	assert.Equal(t, "date", cellKind(t, f, "cycle", "A2"))
	assert.Equal(t, "int", cellKind(t, f, "cycle", "C2"))
	assertTable(t, f, "cycle", 10, 2)

	levels := sheetRows(t, f, "levels")
	require.Len(t, levels, len(c.Levels)+1)
	for i, l := range c.Levels {
		assert.Equal(t, []string{l.Level, n(l.People), n(l.Eligible), n(l.NotEligible), n(l.Undetermined), n(l.TopLevel)}, levels[i+1][:6], l.Level)
		if l.People > l.TopLevel {
			require.Len(t, levels[i+1], 7, l.Level)
			assert.Equal(t, fmt.Sprintf("%.1f%%", 100*float64(l.Eligible)/float64(l.People)), levels[i+1][6], l.Level)
			assert.Equal(t, "percent", cellKind(t, f, "levels", fmt.Sprintf("G%d", i+2)))
		} else {
			assert.Len(t, levels[i+1], 6, "%s: no share of eligible people at the top level", l.Level)
		}
	}
	assertTable(t, f, "levels", 7, len(c.Levels)+1)

	var blockers [][]string
	for _, b := range c.Unmet {
		blockers = append(blockers, []string{"unmet", b.ID, b.Name, n(b.People)})
	}
	for _, b := range c.Unknown {
		blockers = append(blockers, []string{"unknown", b.ID, b.Name, n(b.People)})
	}
	assert.Equal(t, blockers, sheetRows(t, f, "blockers")[1:])

	var soon [][]string
	for _, s := range c.Soon {
		soon = append(soon, []string{s.Earliest, s.Person, s.Name, s.Level, s.To})
	}
	assert.Equal(t, soon, sheetRows(t, f, "eligible_by")[1:])
	if len(soon) > 0 {
		assert.Equal(t, "date", cellKind(t, f, "eligible_by", "A2"))
	}

	var money [][]string
	for _, m := range c.Earned {
		money = append(money, []string{"earned", m.Currency, grouped(m.Amount)})
	}
	for _, m := range c.Due {
		money = append(money, []string{"still to come", m.Currency, grouped(m.Amount)})
	}
	require.NotEmpty(t, money)
	assert.Equal(t, money, sheetRows(t, f, "money")[1:])
	assert.Equal(t, "money2", cellKind(t, f, "money", "C2"))

	var invalid [][]string
	for _, fl := range c.Failures {
		invalid = append(invalid, []string{n(fl.Index + 1), n(fl.Line), fl.ID, fl.Name, fl.Error})
	}
	assert.Equal(t, invalid, sheetRows(t, f, "invalid")[1:])
	assert.Contains(t, invalid, []string{"9", "10", "typo", "Tim Typo", `10:45: level: unknown level "L44" (did you mean L4?)`},
		"an invalid record names its person as far as it was read")
	assertTable(t, f, "invalid", 5, len(invalid)+1)
}

// grouped is a plain decimal amount with its thousands grouped, as Excel
// shows #,##0.00.
func grouped(amount string) string {
	whole, frac, dot := strings.Cut(amount, ".")
	var b strings.Builder
	for i := range len(whole) {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(whole[i])
	}
	if dot {
		b.WriteString("." + frac)
	}
	return b.String()
}

func TestPayrollXLSX(t *testing.T) {
	args := []string{"referrals", "--due", "2026-06", "--at", at, "../../examples/cycle/people.jsonl"}
	csvOut := runLadder(t, "", append(args, "--format", "csv")...)
	js := runLadder(t, "", append(args, "--format", "json")...)
	got := runLadder(t, "", append(args, "--format", "xlsx")...)
	require.Equal(t, exitOK, got.code, got.stderr)
	f := openXLSX(t, got.stdout)
	assert.Equal(t, []string{"payroll", "totals"}, f.GetSheetList())

	want := readCSV(t, csvOut.stdout)
	require.Greater(t, len(want), 1)
	for _, r := range want[1:] {
		r[3] = grouped(r[3])
	}
	assert.Equal(t, want, sheetRows(t, f, "payroll"))
	assertTable(t, f, "payroll", len(payrollHeader), len(want))
	for col, kind := range map[string]string{"A": "text", "C": "text", "D": "money2", "E": "date", "F": "int", "G": "int", "H": "date"} {
		assert.Equal(t, kind, cellKind(t, f, "payroll", col+"2"), col)
	}

	var sheet struct {
		Totals []struct{ Amount, Currency string } `json:"totals"`
	}
	require.NoError(t, json.Unmarshal([]byte(js.stdout), &sheet))
	require.NotEmpty(t, sheet.Totals)
	var totals [][]string
	for _, m := range sheet.Totals {
		months := 0
		for _, r := range want[1:] {
			if r[2] == m.Currency {
				months++
			}
		}
		totals = append(totals, []string{"2026-06", m.Currency, grouped(m.Amount), strconv.Itoa(months), "0"})
	}
	assert.Equal(t, append([][]string{{"month", "currency", "total", "referral_months", "left_out", "note"}}, totals...), sheetRows(t, f, "totals"))
	assert.Equal(t, "money2", cellKind(t, f, "totals", "C2"))
	assertTable(t, f, "totals", 6, len(totals)+1)
}

// bigYenPeople are n mentors, each paid one referral month of JPY
// 553,402,322,211,286,548 in 2026-06 (6% of a monthly rate of JPY
// 9,223,372,036,854,775,800), and one paid EUR 588.00.
func bigYenPeople(t testing.TB, n int) string {
	t.Helper()
	var b strings.Builder
	maya := personLine(t, "maya")
	for i := range n + 1 {
		rec := mapOf(t, maya)
		rec["id"] = fmt.Sprintf("mentor-%02d", i+1)
		mentees := rec["mentees"].([]any)
		ines := mentees[len(mentees)-1].(map[string]any)
		if i < n {
			placement := ines["placement"].(map[string]any)
			placement["currency"], placement["monthly_rate"] = "JPY", "9223372036854775800"
		}
		rec["mentees"] = []any{ines}
		line, err := json.Marshal(rec)
		require.NoError(t, err)
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.String()
}

// TestPayrollTotalsNeverSilentlyShort: 20 referral months of JPY
// 553,402,322,211,286,548 total more than int64 minor units hold; the
// command summed them to JPY 8,854,437,155,380,584,768 (16 of them) and
// said nothing (issue 22). Every form now says that 4 are left out.
func TestPayrollTotalsNeverSilentlyShort(t *testing.T) {
	people := bigYenPeople(t, 20)
	const partial = "8,854,437,155,380,584,768" // 16 × 553,402,322,211,286,548
	args := []string{"referrals", "--due", "2026-06", "--at", at, "-"}

	text := runLadder(t, people, args...)
	require.Equal(t, exitOK, text.code, text.stderr)
	assert.Contains(t, text.stdout, "\n21 referral months; total EUR 588.00, JPY "+partial+
		" (leaving out 4 referral months in JPY: too large to add exactly)\n")

	md := runLadder(t, people, append(args, "--format", "markdown")...)
	assert.Contains(t, md.stdout, "\n21 referral months; total **EUR 588.00, JPY "+partial+
		"** (leaving out 4 referral months in JPY: too large to add exactly).\n")

	js := runLadder(t, people, append(args, "--format", "json")...)
	var sheet struct {
		Rows       []json.RawMessage `json:"rows"`
		Totals     []struct{ Amount, Currency string }
		Uncounted  int      `json:"money_uncounted"`
		Incomplete []string `json:"money_incomplete"`
	}
	require.NoError(t, json.Unmarshal([]byte(js.stdout), &sheet), js.stdout)
	assert.Len(t, sheet.Rows, 21)
	assert.Equal(t, 4, sheet.Uncounted)
	assert.Equal(t, []string{"JPY"}, sheet.Incomplete)

	csvOut := runLadder(t, people, append(args, "--format", "csv")...)
	assert.Len(t, readCSV(t, csvOut.stdout), 22, "every row is written")
	assert.Equal(t, "ladder referrals: the rows are complete, but their total in JPY is too large to add exactly: 4 of 21 referral months would overflow it\n", csvOut.stderr)

	book := runLadder(t, people, append(args, "--format", "xlsx")...)
	require.Equal(t, exitOK, book.code, book.stderr)
	f := openXLSX(t, book.stdout)
	assert.Len(t, sheetRows(t, f, "payroll"), 22)
	assert.Equal(t, [][]string{
		{"month", "currency", "total", "referral_months", "left_out", "note"},
		{"2026-06", "EUR", "588.00", "1", "0"},
		{"2026-06", "JPY", "8854437155380584768", "16", "4", "the total leaves out 4 referral months: too large to add exactly"},
	}, sheetRows(t, f, "totals"), "past 15 digits the total is text holding every digit")

	several := runLadder(t, people, "referrals", "--at", at, "-")
	assert.Regexp(t, `All 21 people: earned EUR [0-9,.]+, JPY [0-9,]+ \(leaving out \d+ people's cuts in JPY: too large to add exactly\); `+
		`still to come EUR [0-9,.]+, JPY [0-9,]+ \(leaving out \d+ people's cuts in JPY: too large to add exactly\)`, several.stdout)
}

// TestXLSXRefusals: a workbook is written to a file, and only by the
// commands that have one.
func TestXLSXRefusals(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"levels", []string{"levels", "--format", "xlsx"},
			"ladder levels: --format xlsx is for evaluate --summary, cycle, referrals --due and template; ladder levels writes text, markdown or json\n"},
		{"path", []string{"path", "--format", "xlsx", "testdata/profiles/maya.yaml"},
			"ladder path: --format xlsx is for evaluate --summary, cycle, referrals --due and template; ladder path writes text, markdown or json\n"},
		{"referrals without --due", []string{"referrals", "--format", "xlsx", "testdata/profiles/maya.yaml"},
			"ladder referrals: --format xlsx is for the payroll sheet: add --due YYYY-MM\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runLadder(t, "", tt.args...)
			assert.Equal(t, exitUsage, got.code)
			assert.Empty(t, got.stdout)
			first, _, _ := strings.Cut(got.stderr, "run 'ladder")
			assert.Equal(t, tt.want, first)
		})
	}

	// A terminal is a character device; /dev/zero is one too, and not the
	// null device, which is fine to write to.
	for _, tc := range []struct {
		dev  string
		code int
	}{{"/dev/zero", exitUsage}, {os.DevNull, exitOK}} {
		t.Run(tc.dev, func(t *testing.T) {
			dev, err := os.OpenFile(tc.dev, os.O_WRONLY, 0)
			if err != nil {
				t.Skipf("no %s: %v", tc.dev, err)
			}
			defer dev.Close()
			var errOut bytes.Buffer
			code := run([]string{"cycle", "--format", "xlsx", "--at", at, "testdata/natural"}, strings.NewReader(""), dev, &errOut)
			assert.Equal(t, tc.code, code, errOut.String())
			if tc.code == exitUsage {
				assert.Contains(t, errOut.String(), "ladder cycle: --format xlsx writes a workbook, not text: redirect it to a file, e.g. > cycle.xlsx\n")
			}
		})
	}
}

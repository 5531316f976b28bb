package ladder_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ladderkit/ladder"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Issue 22, point 7: every problem of a record at once, and the id and name
// of an invalid record wherever they could be read.

// analystProfile has four problems: a US date (a problem of reading it),
// an unknown level, a percent written 74 and a misspelt metric (problems
// the ladder finds). They used to come one round of fixes at a time.
const analystProfile = `id: maya
name: Maya Chen
level: L77
level_since: 01/08/2024
metrics:
  feature_hit_rate: 74
  products_ownd: 2
`

// analystProblems are analystProfile's problems, in document order.
var analystProblems = []string{
	`3:8: level: unknown level "L77" (did you mean L7?)`,
	`4:14: level_since: want a date as YYYY-MM-DD, got "01/08/2024"`,
	`6:21: metrics.feature_hit_rate: want percent between 0 and 1, got 74`,
	`7:3: metrics.products_ownd: unknown metric "products_ownd" (did you mean products_owned?)`,
}

// problemLines is each problem of err as Error gives it.
func problemLines(t *testing.T, err error) []string {
	t.Helper()
	var pes ladder.ProfileErrors
	require.ErrorAs(t, err, &pes)
	out := make([]string, len(pes))
	for i, pe := range pes {
		out[i] = pe.Error()
	}
	return out
}

func TestEveryProblemAtOnce(t *testing.T) {
	var results []ladder.Result
	for r := range ladder.Default().EvaluateStream(ladder.ReadPeople(strings.NewReader(analystProfile)), batchDate) {
		results = append(results, r)
	}
	require.Len(t, results, 1)
	r := results[0]
	assert.Nil(t, r.Report)
	assert.Equal(t, analystProblems, problemLines(t, r.Err))
	assert.ErrorIs(t, r.Err, ladder.ErrUnknownLevel)
	assert.ErrorIs(t, r.Err, ladder.ErrUnknownMetric)
	assert.Equal(t, "maya", r.ID)
	assert.Equal(t, "Maya Chen", r.Name)
}

// TestEveryProblemAtOnceParsePerson: the single-profile path (the server's)
// parses with ParsePerson, which reports the problems of reading; the
// Person it returns with them gives every problem when evaluated, and
// never a report.
func TestEveryProblemAtOnceParsePerson(t *testing.T) {
	p, err := ladder.ParsePerson([]byte(analystProfile))
	require.Error(t, err)
	assert.Equal(t, analystProblems[1:2], problemLines(t, err), "ParsePerson reports what it finds itself")
	assert.Equal(t, "maya", p.ID, "the fields that decoded")
	assert.Equal(t, ladder.LevelID("L77"), p.Level)
	assert.True(t, p.LevelSince.IsZero())
	for range 2 { // the problems are the same each time: none is moved twice
		r, err := ladder.Default().Evaluate(p, batchDate)
		assert.Nil(t, r)
		assert.Equal(t, analystProblems, problemLines(t, err))
	}
	_, err = ladder.Default().Standings(p, batchDate)
	assert.Equal(t, analystProblems, problemLines(t, err))
	_, err = ladder.Default().Path(p, batchDate)
	assert.Equal(t, analystProblems, problemLines(t, err))
}

// TestPartialPersonNeverEvaluates: a person that did not read whole has
// no report even when the ladder finds nothing wrong with the rest.
func TestPartialPersonNeverEvaluates(t *testing.T) {
	p, err := ladder.ParsePerson([]byte("id: maya\nlevel: L7\nlevel_since: 2022-09-01\njoined: 01/05/2014\n"))
	require.Error(t, err)
	r, err := ladder.Default().Evaluate(p, batchDate)
	assert.Nil(t, r)
	assert.Equal(t, []string{`4:9: joined: want a date as YYYY-MM-DD, got "01/05/2014"`}, problemLines(t, err))
	got := ladder.Default().EvaluateAll([]ladder.Person{p}, batchDate)
	require.Len(t, got, 1)
	assert.Nil(t, got[0].Report)
	assert.Equal(t, []string{`4:9: joined: want a date as YYYY-MM-DD, got "01/05/2014"`}, problemLines(t, got[0].Err))
	assert.Equal(t, "maya", got[0].ID)
}

// TestEveryProblemAtOnceInStreams checks the problems of records that did
// not read whole, in each form of stream, where the record is not the
// first: each problem is at its line and column in the stream, once.
func TestEveryProblemAtOnceInStreams(t *testing.T) {
	tests := []struct {
		name, stream string
		want         []string
		reason       string
	}{{
		name: "JSON Lines",
		stream: `{"id": "ok", "level": "L2"}` + "\n\n" +
			`{"id": "maya", "level": "L77", "level_since": "01/08/2024", "metrics": {"feature_hit_rate": 74, "products_ownd": 2}}` + "\n",
		want: []string{
			"line 1: ok L2",
			`line 3: 3:25: level: unknown level "L77" (did you mean L7?) | ` +
				`3:47: level_since: want a date as YYYY-MM-DD, got "01/08/2024" | ` +
				`3:93: metrics.feature_hit_rate: want percent between 0 and 1, got 74 | ` +
				`3:97: metrics.products_ownd: unknown metric "products_ownd" (did you mean products_owned?)`,
		},
	}, {
		name:   "YAML stream",
		stream: "id: ok\nlevel: L2\n---\n" + analystProfile,
		want: []string{
			"line 1: ok L2",
			`line 4: 6:8: level: unknown level "L77" (did you mean L7?) | ` +
				`7:14: level_since: want a date as YYYY-MM-DD, got "01/08/2024" | ` +
				`9:21: metrics.feature_hit_rate: want percent between 0 and 1, got 74 | ` +
				`10:3: metrics.products_ownd: unknown metric "products_ownd" (did you mean products_owned?)`,
		},
	}, {
		name: "CSV",
		stream: "id,name,level,level_since,metrics.feature_hit_rate,metrics.products_ownd\n" +
			"ok,,L2,,,\n" +
			"maya,Maya Chen,L77,01/08/2024,74,2\n",
		want: []string{
			"line 2: ok L2",
			`line 3: 3:16 (level): level: unknown level "L77" (did you mean L7?) | ` +
				`3:20 (level_since): level_since: want a date as YYYY-MM-DD, got "01/08/2024" | ` +
				`3:31 (metrics.feature_hit_rate): metrics.feature_hit_rate: want percent between 0 and 1, got 74 | ` +
				`3:34 (metrics.products_ownd): metrics.products_ownd: unknown metric "products_ownd" (did you mean products_owned?)`,
		},
	}, {
		name:   "a field that failed to read is not missing too",
		stream: "id: a\nlevel: [L7]\nmentees: [{id: sam, level: L2, since: 13/01/2025}, {id: kim, level: L9, since: 2025-01-06, placement: {monthly_rate: \"100\", currency: USD}}]\n",
		want: []string{
			`line 1: 2:8: level: want text, got a list | ` +
				`3:39: mentees[0].since: want a date as YYYY-MM-DD, got "13/01/2025" | ` +
				`3:103: mentees[1].placement: missing required key "date"`,
		},
		reason: "not: level: missing, mentees[0].since: missing, mentees[1].placement.date: missing",
	}, {
		name:   "a missing key is not missing twice",
		stream: "level: L77\n",
		want: []string{
			`line 1: 1:1: missing required key "id" | 1:8: level: unknown level "L77" (did you mean L7?)`,
		},
	}, {
		name:   "a document that is no mapping has no fields to check",
		stream: "just words\n",
		want:   []string{`line 1: 1:1: want a mapping of keys to values, got "just words"`},
	}, {
		name:   "a syntax error has no fields to check",
		stream: "id: maya\nlevel: [L77\n",
		want:   []string{"line 1: 2:8: invalid YAML: sequence end token ']' not found"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, streamResults(t, tt.stream), tt.reason)
		})
	}
}

// TestInvalidRecordsKeepTheirIDAndName: a Result names the person of an
// invalid record as far as the record could be read.
func TestInvalidRecordsKeepTheirIDAndName(t *testing.T) {
	tests := []struct {
		name, stream string
		want         [][2]string // id and name of each record
	}{{
		name: "JSON Lines",
		stream: `{"id": "a", "name": "Ann", "level": "L77"}` + "\n" +
			`{"id": "b", "name": "Bo", "level": "L2", "joined": "2014"}` + "\n" +
			`{"id": "c", "name": "Cy", "level": ` + "\n" +
			`{"name": "Dee", "level": "L2"}` + "\n" +
			`{"id": "e", "name": "Eve", "level": "L2"}` + "\n",
		want: [][2]string{{"a", "Ann"}, {"b", "Bo"}, {"", ""}, {"", "Dee"}, {"e", "Eve"}},
	}, {
		name:   "CSV",
		stream: "id,name,level,joined\na,Ann,L77,\nb,Bo,L2,2014\nc,\"Chen, Cy\",L2\n,Dee,L2,\ne,Eve,L2,\n",
		want:   [][2]string{{"a", "Ann"}, {"b", "Bo"}, {"", ""}, {"", "Dee"}, {"e", "Eve"}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got [][2]string
			for r := range ladder.Default().EvaluateStream(ladder.ReadPeople(strings.NewReader(tt.stream)), batchDate) {
				got = append(got, [2]string{r.ID, r.Name})
				if r.ID == "e" {
					require.NoError(t, r.Err)
				} else {
					require.Error(t, r.Err, "record %d", r.Index)
				}
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

// TestCycleFailuresName: the cycle's list of invalid records names the
// people, as far as they could be read, in every rendering.
func TestCycleFailuresName(t *testing.T) {
	stream := `{"id": "a", "name": "Ann Lee", "level": "L77"}` + "\n" +
		`{"id": "b", "level": "L2", "joined": "2014"}` + "\n" +
		`{"id": "c", "level": ` + "\n"
	c := &ladder.Cycle{}
	for r := range ladder.Default().EvaluateStream(ladder.ReadPeople(strings.NewReader(stream)), batchDate) {
		c.Add(r)
	}
	require.Len(t, c.Failures, 3)
	assert.Equal(t, []ladder.CycleFailed{
		{Index: 0, Line: 1, ID: "a", Name: "Ann Lee", Error: `1:41: level: unknown level "L77" (did you mean L7?)`},
		{Index: 1, Line: 2, ID: "b", Error: `2:38: joined: want a date as YYYY-MM-DD, got "2014"`},
		{Index: 2, Line: 3, Error: "3:21: invalid JSON: the document ends where a value should follow"},
	}, c.Failures)
	text := c.Text()
	for _, want := range []string{
		`  record 1 (line 1), Ann Lee (a): 1:41: level: unknown level "L77" (did you mean L7?)`,
		`  record 2 (line 2), b: 2:38: joined:`,
		`  record 3 (line 3): 3:21: invalid JSON`,
	} {
		assert.Contains(t, text, want)
	}
	assert.Contains(t, c.Markdown(), `| record 1 (line 1), Ann Lee (a) | 1:41: level: unknown level "L77" (did you mean L7?) |`)
	b, err := c.JSON()
	require.NoError(t, err)
	assert.Contains(t, string(b), `"index": 0,
      "line": 1,
      "id": "a",
      "name": "Ann Lee",`)
}

// TestPartialRecordsManyProblems: a record with more problems than an
// error lists says how many more there are, counting both kinds.
func TestPartialRecordsManyProblems(t *testing.T) {
	var b strings.Builder
	b.WriteString("id: a\nlevel: L2\nlevel_since: 2022-09-01\nhistory:\n")
	for i := range 60 {
		fmt.Fprintf(&b, "  - {level: L%d, since: 2019/01/%02d}\n", 90+i, i%28+1) // a bad date and an unknown level each
	}
	p, err := ladder.ParsePerson([]byte(b.String()))
	require.Error(t, err)
	_, err = ladder.Default().Evaluate(p, ladder.At(time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)))
	lines := problemLines(t, err)
	require.Len(t, lines, 101)
	assert.Equal(t, "and 20 more problems (only the first 100 are listed)", lines[100])
	assert.Equal(t, `5:13: history[0].level: unknown level "L90"`, lines[0])
	assert.Equal(t, `5:25: history[0].since: want a date as YYYY-MM-DD, got "2019/01/01"`, lines[1])
}

package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Issue 22, point 7: every problem of a profile at once, and invalid
// records named by their id and name in every output.

// analystProfile has a problem of reading (a US date) and three the ladder
// finds (an unknown level, a percent written 74, a misspelt metric).
const analystProfile = `id: maya
name: Maya Chen
level: L77
level_since: 01/08/2024
metrics:
  feature_hit_rate: 74
  products_ownd: 2
`

func TestEveryProblemAtOnceServer(t *testing.T) {
	s := testServer(t)
	for _, path := range []string{"/v1/evaluate", "/v1/path", "/v1/standings"} {
		t.Run(path, func(t *testing.T) {
			w := do(s, "POST", path+"?at="+at, "application/yaml", strings.NewReader(analystProfile))
			require.Equal(t, http.StatusUnprocessableEntity, w.Code, w.Body.String())
			var got apiError
			require.NoError(t, json.Unmarshal(w.Body.Bytes(), &got))
			assert.Equal(t, []problem{
				{Path: "level", Line: 3, Column: 8, Message: `unknown level "L77" (did you mean L7?)`},
				{Path: "level_since", Line: 4, Column: 14, Message: `want a date as YYYY-MM-DD, got "01/08/2024"`},
				{Path: "metrics.feature_hit_rate", Line: 6, Column: 21, Message: "want percent between 0 and 1, got 74"},
				{Path: "metrics.products_ownd", Line: 7, Column: 3, Message: `unknown metric "products_ownd" (did you mean products_owned?)`},
			}, got.Problems)
		})
	}
}

func TestEveryProblemAtOnceCommand(t *testing.T) {
	got := runLadder(t, analystProfile, "evaluate", "--at", at, "-")
	assert.Equal(t, exitInvalid, got.code)
	assert.Equal(t, `<stdin>:3:8: level: unknown level "L77" (did you mean L7?)
<stdin>:4:14: level_since: want a date as YYYY-MM-DD, got "01/08/2024"
<stdin>:6:21: metrics.feature_hit_rate: want percent between 0 and 1, got 74
<stdin>:7:3: metrics.products_ownd: unknown metric "products_ownd" (did you mean products_owned?)
`, got.stderr)
}

// TestInvalidRowsKeepTheirIDAndName checks every output of evaluate that
// lists an invalid record: it names the person as far as the record could
// be read.
func TestInvalidRowsKeepTheirIDAndName(t *testing.T) {
	const stream = `{"id": "ann", "name": "Ann Lee", "level": "L77"}
{"id": "bo", "level": "L2", "joined": "2014"}
{"id": "cy", "level": 
{"id": "dee", "name": "Dee Diaz", "level": "L2"}
`
	tests := []struct {
		name string
		args []string
		want []string // lines of stdout, in order
	}{{
		name: "summary as text",
		args: []string{"--summary"},
		want: []string{
			"Ann Lee (ann), <stdin>  —      invalid ",
			"bo, <stdin>:2           —      invalid ",
			"<stdin>:3               —      invalid ",
			"Dee Diaz (dee)          L2     undetermined ",
		},
	}, {
		name: "summary as CSV",
		args: []string{"--summary", "--format", "csv"},
		want: []string{
			"source,person,name,level,to,verdict,earliest,unmet,unknown,missing,error",
			`<stdin>,ann,Ann Lee,,,invalid,,,,,"1:43: level: unknown level ""L77"" (did you mean L7?)"`,
			`<stdin>:2,bo,,,,invalid,,,,,"2:39: joined: want a date as YYYY-MM-DD, got ""2014"""`,
			"<stdin>:3,,,,,invalid,,,,,3:22: invalid JSON: the document ends where a value should follow",
			"<stdin>:4,dee,Dee Diaz,L2,L3,undetermined,",
		},
	}, {
		name: "summary as JSON Lines",
		args: []string{"--summary", "--format", "jsonl"},
		want: []string{
			`{"source":"<stdin>","person":"ann","name":"Ann Lee","level":"","verdict":"invalid"`,
			`{"source":"<stdin>:2","person":"bo","level":"","verdict":"invalid"`,
			`{"source":"<stdin>:3","person":"","level":"","verdict":"invalid"`,
			`{"source":"<stdin>:4","person":"dee","name":"Dee Diaz","level":"L2"`,
		},
	}, {
		name: "JSON Lines",
		args: []string{"--format", "jsonl"},
		want: []string{
			`{"index":0,"source":"<stdin>","id":"ann","name":"Ann Lee","errors":[{"path":"level","line":1,"column":43,"message":"unknown level \"L77\" (did you mean L7?)"}]}`,
			`{"index":1,"source":"<stdin>:2","id":"bo","errors":[{"path":"joined","line":2,"column":39,"message":"want a date as YYYY-MM-DD, got \"2014\""}]}`,
			`{"index":2,"source":"<stdin>:3","errors":[{"line":3,"column":22,"message":"invalid JSON: the document ends where a value should follow"}]}`,
			`{"person":"dee","name":"Dee Diaz","level":"L2"`,
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runLadder(t, stream, append([]string{"evaluate", "--at", at}, append(tt.args, "-")...)...)
			assert.Equal(t, exitInvalid, got.code, got.stderr)
			lines := strings.Split(strings.TrimRight(got.stdout, "\n"), "\n")
			if len(lines) > len(tt.want) { // the text summary's header row
				lines = lines[len(lines)-len(tt.want):]
			}
			require.Len(t, lines, len(tt.want), got.stdout)
			for i, want := range tt.want {
				assert.True(t, strings.HasPrefix(lines[i], want), "line %d:\n got %s\nwant %s…", i, lines[i], want)
			}
		})
	}
}

// TestServeStreamErrorsName: the server's JSON Lines answer names the
// person of an invalid record too.
func TestServeStreamErrorsName(t *testing.T) {
	s := testServer(t)
	body := `{"id": "ann", "name": "Ann Lee", "level": "L77"}` + "\n" + `{"id": "cy", "level": ` + "\n"
	w := do(s, "POST", "/v1/evaluate?at="+at, "application/x-ndjson", strings.NewReader(body))
	require.Equal(t, http.StatusOK, w.Code)
	assert.Equal(t, `{"index":0,"line":1,"id":"ann","name":"Ann Lee","errors":[{"path":"level","line":1,"column":43,"message":"unknown level \"L77\" (did you mean L7?)"}]}
{"index":1,"line":2,"errors":[{"path":"","line":2,"column":22,"message":"invalid JSON: the document ends where a value should follow"}]}
`, w.Body.String())
}

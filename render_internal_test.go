package ladder

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var indentJSONCases = []string{
	`{}`, `[]`, `{"a":{}}`, `{"a":[]}`, `[[],{},[[]]]`, `{"a":1,"b":[1,2,{"c":null}]}`,
	`"x"`, `12`, `true`, `{"a\"b":"c\\","d":"\\\"","e":"{[,:]}"}`, `{"x":"\u2028 é"}`,
	`[{"a":[{"b":{"c":[1]}}]}]`,
}

// indentJSON writes exactly what json.Indent writes, on hand-picked JSON and
// on the JSON of every example report.
func TestIndentJSONMatchesEncodingJSON(t *testing.T) {
	docs := indentJSONCases
	for name, data := range yamlProfiles(t) {
		p, err := ParsePerson(data)
		require.NoError(t, err, name)
		r, err := Default().Evaluate(p, At(time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)))
		if err != nil {
			continue // a profile of another ladder
		}
		js, err := r.MarshalJSON()
		require.NoError(t, err)
		docs = append(docs, string(js))
	}
	require.Greater(t, len(docs), len(indentJSONCases)+5)
	for _, doc := range docs {
		var want bytes.Buffer
		require.NoError(t, json.Indent(&want, []byte(doc), "", "  "))
		assert.Equal(t, want.String(), string(indentJSON(nil, []byte(doc))))
	}
}

// FuzzIndentJSON compares indentJSON with json.Indent on compact JSON.
func FuzzIndentJSON(f *testing.F) {
	for _, c := range indentJSONCases {
		f.Add([]byte(c))
	}
	if data, err := os.ReadFile("examples/profiles/maya.yaml"); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var compact bytes.Buffer
		if json.Compact(&compact, data) != nil {
			return
		}
		var want bytes.Buffer
		require.NoError(t, json.Indent(&want, compact.Bytes(), "", "  "))
		if got := indentJSON(nil, compact.Bytes()); !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("indentJSON(%q)\n got %q\nwant %q", compact.Bytes(), got, want.Bytes())
		}
	})
}

package ladder

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/ladderkit/ladder/internal/jsonform"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// jsonform.Indent writes exactly what json.Indent writes on the JSON of
// every example report.
func TestReportJSONIndent(t *testing.T) {
	var docs []string
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
	require.Greater(t, len(docs), 5)
	for _, doc := range docs {
		var want bytes.Buffer
		require.NoError(t, json.Indent(&want, []byte(doc), "", "  "))
		assert.Equal(t, want.String(), string(jsonform.Indent(nil, []byte(doc))))
	}
}

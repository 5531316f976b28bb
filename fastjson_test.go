package ladder

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// jsonProfiles returns every example profile written as JSON, by the path
// of its YAML file.
func jsonProfiles(t testing.TB) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for name, data := range yamlProfiles(t) {
		var v any
		require.NoError(t, yaml.Unmarshal(data, &v))
		js, err := json.MarshalIndent(v, "", "  ")
		require.NoError(t, err)
		out[name] = js
	}
	return out
}

// The JSON fast path gives exactly the Person the full path gives, for the
// same profile in YAML and in JSON.
func TestJSONFastPathMatchesFullPath(t *testing.T) {
	yamlDocs := yamlProfiles(t)
	for name, js := range jsonProfiles(t) {
		t.Run(filepath.Base(name), func(t *testing.T) {
			fast, ok := parseJSONPerson(js)
			require.True(t, ok, "a plain JSON profile takes the fast path")
			slow, err := parseYAMLPerson(js)
			require.NoError(t, err)
			assert.Equal(t, slow, fast)
			fromYAML, err := parseYAMLPerson(yamlDocs[name])
			require.NoError(t, err)
			// Converting YAML to JSON writes 1.0 as 1; compare metric values
			// as numbers and everything else exactly.
			for _, m := range []map[string]any{fromYAML.Metrics, fast.Metrics} {
				for k, v := range m {
					m[k] = fmt.Sprint(v)
				}
			}
			assert.Equal(t, fromYAML, fast)
		})
	}
}

// Documents the fast path must leave to the full path, which is stricter
// than encoding/json or reports the problem with its position.
func TestJSONFastPathDeclines(t *testing.T) {
	for name, doc := range map[string]string{
		"key in another case":  `{"ID": "x", "id": "y", "level": "L1"}`,
		"duplicate key":        `{"id": "x", "id": "y", "level": "L1"}`,
		"duplicate nested key": `{"id": "x", "level": "L1", "metrics": {"a": 1, "a": 2}}`,
		"unknown key":          `{"id": "x", "level": "L1", "lvl": "L2"}`,
		"invalid UTF-8":        "{\"id\": \"x\xff\", \"level\": \"L1\"}",
		"control character":    "{\"id\": \"x\x01\", \"level\": \"L1\"}",
		"trailing data":        `{"id": "x", "level": "L1"} {}`,
		"bad date":             `{"id": "x", "level": "L1", "joined": "2026-02-30"}`,
		"missing level":        `{"id": "x"}`,
		"bad money":            `{"id": "x", "level": "L1", "mentees": [{"id": "m", "placement": {"date": "2020-01-01", "monthly_rate": "1.005", "currency": "USD"}}]}`,
		"list as metric":       `{"id": "x", "level": "L1", "metrics": {"a": [1]}}`,
		"huge integer":         `{"id": "x", "level": "L1", "metrics": {"a": 99999999999999999999}}`,
		"yaml":                 "id: x\nlevel: L1\n",
	} {
		t.Run(name, func(t *testing.T) {
			_, ok := parseJSONPerson([]byte(doc))
			assert.False(t, ok)
		})
	}
}

// The fast path reads a number in a text field as the full path does, as
// its written text, since the same decoder reads both.
func TestJSONFastPathReadsNumbersAsText(t *testing.T) {
	doc := []byte(`{"id": 7, "level": "L1", "name": 1.50}`)
	fast, ok := parseJSONPerson(doc)
	require.True(t, ok)
	slow, err := parseYAMLPerson(doc)
	require.NoError(t, err)
	assert.Equal(t, slow, fast)
	assert.Equal(t, "7", fast.ID)
	assert.Equal(t, "1.50", fast.Name)
}

// FuzzParsePersonJSON checks that whenever the fast path accepts a
// document, the full path accepts it too and gives the same Person.
func FuzzParsePersonJSON(f *testing.F) {
	for _, js := range jsonProfiles(f) {
		f.Add(js)
	}
	f.Add([]byte(`{"id": "x", "level": "L1", "metrics": {"a": 1.5e3, "b": -0, "c": null, "d": "74%"}}`))
	f.Fuzz(func(t *testing.T, data []byte) { checkFastPath(t, parseJSONPerson, data) })
}

// The fast readers reuse their memory from one profile to the next; a
// Person read before keeps its values while others are read after it, in
// JSON and in YAML, on several goroutines.
func TestFastPathPersonsOutliveTheirMemory(t *testing.T) {
	docs := map[string][]byte{}
	for name, data := range yamlProfiles(t) {
		docs[name] = data
	}
	for name, data := range jsonProfiles(t) {
		docs[name+".json"] = data
	}
	kept := map[string]Person{}
	for name, data := range docs {
		p, err := ParsePerson(data)
		require.NoError(t, err, name)
		kept[name] = p
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				for _, data := range docs {
					_, _ = ParsePerson(data)
				}
			}
		}()
	}
	wg.Wait()
	for name, data := range docs {
		want, err := parseYAMLPerson(data)
		require.NoError(t, err)
		assert.Equal(t, want, kept[name], name)
	}
}

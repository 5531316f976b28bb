package ladder

// The JSON Schemas in schema/ are written by hand. These tests keep them
// true to the decoder: their keys are the Go types' keys, every valid file
// in the repository validates, and the bad corpora are rejected where the
// problem is one a schema can express. No JSON Schema library is a
// dependency, so schemaValidator below implements exactly the keywords the
// schemas use, and fails on any other.

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// schemaValidator validates values decoded from YAML or JSON against one
// schema document.
type schemaValidator struct {
	root map[string]any
	errs []string
}

// schemaKeywords are the keywords the validator understands; a schema
// using any other fails the test, so that the validator cannot silently
// ignore a constraint.
var schemaKeywords = []string{"$schema", "$id", "$defs", "$ref", "title", "description",
	"type", "properties", "additionalProperties", "required", "items", "enum", "pattern",
	"minimum", "maximum", "minLength", "anyOf"}

func loadSchema(t testing.TB, kind string) map[string]any {
	t.Helper()
	data, err := Schema(kind)
	require.NoError(t, err)
	var s map[string]any
	require.NoError(t, json.Unmarshal(data, &s), kind)
	return s
}

// validate returns the problems of v, each as "path: what".
func validate(schema map[string]any, v any) []string {
	sv := &schemaValidator{root: schema}
	sv.check(schema, v, "")
	return sv.errs
}

func (sv *schemaValidator) fail(path, format string, args ...any) {
	if path == "" {
		path = "(root)"
	}
	sv.errs = append(sv.errs, path+": "+fmt.Sprintf(format, args...))
}

func (sv *schemaValidator) check(s map[string]any, v any, path string) {
	for k := range s {
		if !slices.Contains(schemaKeywords, k) {
			sv.fail(path, "schema keyword %q is not supported by the test's validator", k)
		}
	}
	if ref, ok := s["$ref"].(string); ok {
		name, ok := strings.CutPrefix(ref, "#/$defs/")
		def, found := sv.root["$defs"].(map[string]any)[name].(map[string]any)
		if !ok || !found {
			sv.fail(path, "unresolvable $ref %q", ref)
			return
		}
		sv.check(def, v, path)
	}
	if t, ok := s["type"]; ok {
		var types []string
		switch t := t.(type) {
		case string:
			types = []string{t}
		case []any:
			for _, x := range t {
				types = append(types, x.(string))
			}
		}
		if !slices.ContainsFunc(types, func(t string) bool { return hasType(v, t) }) {
			sv.fail(path, "want %s, got %s", strings.Join(types, " or "), describeJSON(v))
			return
		}
	}
	if e, ok := s["enum"].([]any); ok && !slices.ContainsFunc(e, func(x any) bool { return jsonEqual(x, v) }) {
		sv.fail(path, "want one of %v, got %s", e, describeJSON(v))
	}
	if str, ok := v.(string); ok {
		if p, ok := s["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(str) {
			sv.fail(path, "%q does not match %s", str, p)
		}
		if n, ok := s["minLength"].(float64); ok && utf8.RuneCountInString(str) < int(n) {
			sv.fail(path, "want at least %v characters", n)
		}
	}
	if f, ok := toFloat(v); ok {
		if m, ok := s["minimum"].(float64); ok && f < m {
			sv.fail(path, "want at least %v, got %v", m, f)
		}
		if m, ok := s["maximum"].(float64); ok && f > m {
			sv.fail(path, "want at most %v, got %v", m, f)
		}
	}
	if m, ok := v.(map[string]any); ok {
		props, _ := s["properties"].(map[string]any)
		for _, k := range sortedKeys(m) {
			p := joinPath(path, k)
			if ps, ok := props[k].(map[string]any); ok {
				sv.check(ps, m[k], p)
				continue
			}
			switch ap := s["additionalProperties"].(type) {
			case bool:
				if !ap {
					sv.fail(p, "unknown key %q", k)
				}
			case map[string]any:
				sv.check(ap, m[k], p)
			}
		}
		if req, ok := s["required"].([]any); ok {
			for _, k := range req {
				if _, given := m[k.(string)]; !given {
					sv.fail(path, "missing required key %q", k)
				}
			}
		}
	}
	if a, ok := v.([]any); ok {
		if items, ok := s["items"].(map[string]any); ok {
			for i, x := range a {
				sv.check(items, x, indexPath(path, i))
			}
		}
	}
	if alts, ok := s["anyOf"].([]any); ok {
		var all []string
		for _, alt := range alts {
			sub := &schemaValidator{root: sv.root}
			sub.check(alt.(map[string]any), v, path)
			if len(sub.errs) == 0 {
				return
			}
			all = append(all, sub.errs...)
		}
		sv.fail(path, "matches none of the alternatives: %s", strings.Join(all, "; "))
	}
}

func hasType(v any, t string) bool {
	switch t {
	case "null":
		return v == nil
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "number":
		_, ok := toFloat(v)
		return ok
	case "integer":
		switch x := v.(type) {
		case int64, uint64, int:
			return true
		case float64:
			return x == math.Trunc(x) && !math.IsInf(x, 0)
		}
	}
	return false
}

func jsonEqual(a, b any) bool {
	fa, aNum := toFloat(a)
	fb, bNum := toFloat(b)
	if aNum || bNum {
		return aNum && bNum && fa == fb
	}
	return a == b
}

func describeJSON(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case string:
		return fmt.Sprintf("%q", v)
	}
	return fmt.Sprint(v)
}

// readData parses a YAML or JSON file into generic values, with every
// mapping as map[string]any, as an editor's YAML language server sees it.
func readData(path string) (any, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var v any
	if err := yaml.UnmarshalWithOptions(data, &v, yaml.UseOrderedMap()); err != nil {
		return nil, err
	}
	return normalize(v), nil
}

func normalize(v any) any {
	switch x := v.(type) {
	case yaml.MapSlice:
		m := make(map[string]any, len(x))
		for _, item := range x {
			m[fmt.Sprint(item.Key)] = normalize(item.Value)
		}
		return m
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = normalize(e)
		}
		return m
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = normalize(e)
		}
		return out
	}
	return v
}

// schemaKindOf returns the schema of a file of a ladder directory or of a
// profile.
func schemaKindOf(path string) string {
	switch {
	case filepath.Base(path) == "ladder.yaml":
		return "ladder"
	case strings.Contains(filepath.ToSlash(path), "profiles/") || strings.Contains(filepath.ToSlash(path), "/team/") ||
		strings.HasPrefix(filepath.ToSlash(path), "cmd/ladder/testdata/invalid/"):
		return "profile"
	}
	return "level"
}

// checkFileSchema validates one file with the schema of its kind and
// returns the problems; a file that does not parse gives one problem.
func checkFileSchema(t testing.TB, path string) []string {
	t.Helper()
	v, err := readData(path)
	if err != nil {
		return []string{"does not parse: " + err.Error()}
	}
	return validate(loadSchema(t, schemaKindOf(path)), v)
}

// ladderFiles returns the YAML files Load reads in a ladder directory.
func ladderFiles(t testing.TB, dir string) []string {
	t.Helper()
	var files []string
	for _, pat := range []string{"*.yaml", "*.yml"} {
		m, err := filepath.Glob(filepath.Join(dir, pat))
		require.NoError(t, err)
		files = append(files, m...)
	}
	sort.Strings(files)
	return files
}

func globs(t testing.TB, patterns ...string) []string {
	t.Helper()
	var out []string
	for _, p := range patterns {
		m, err := filepath.Glob(p)
		require.NoError(t, err)
		require.NotEmpty(t, m, p)
		out = append(out, m...)
	}
	return out
}

// TestSchemasValidateGoodFiles validates every ladder and profile in the
// repository that loads or evaluates without error.
func TestSchemasValidateGoodFiles(t *testing.T) {
	var files []string
	for _, dir := range globs(t, "levels/worca", "testdata/ladders/*", "examples/ladders/*", "cmd/ladder/testdata/ladders/small") {
		files = append(files, ladderFiles(t, dir)...)
	}
	files = append(files, globs(t, "examples/profiles/*.yaml", "examples/ladders/*/profiles/*.yaml",
		"cmd/ladder/testdata/profiles/*", "cmd/ladder/testdata/team/*.yaml", "cmd/ladder/testdata/team/*.json")...)
	for _, f := range files {
		if filepath.Base(f) == "zed.yaml" {
			continue // invalid: see TestSchemasAgainstBadCorpora
		}
		t.Run(f, func(t *testing.T) {
			assert.Empty(t, checkFileSchema(t, f))
		})
	}
}

// The bad cases a schema can see (wrong keys, types, enums, formats,
// bounds, a document that is not a mapping) and those it cannot
// (references, rules, duplicates, YAML features that parse into valid data,
// values that depend on the ladder or the evaluation date). Each case of
// the corpora is in exactly one list, and the test fails when a case moves:
// after a change to a schema or a corpus, move it and say why in review.
var (
	schemaRejects = []string{
		"bad-ladders/binary-junk", // parses as one long string, not a mapping
		"bad-ladders/empty-ladder-yaml",
		"bad-ladders/fast-track-misspelt",
		"bad-ladders/inline-level-not-mapping",
		"bad-ladders/inline-level-unknown-key",
		"bad-ladders/metric-id-not-snake-case",
		"bad-ladders/metric-missing-type",
		"bad-ladders/metric-type-unknown",
		"bad-ladders/min-months-in-track-negative",
		"bad-ladders/min-months-negative",
		"bad-ladders/missing-level-id",
		"bad-ladders/missing-standard-rule",
		"bad-ladders/nomination-min-zero",
		"bad-ladders/percent-over-100",
		"bad-ladders/rank-negative",
		"bad-ladders/rank-out-of-range",
		"bad-ladders/rank-string",
		"bad-ladders/rank-zero",
		"bad-ladders/referral-months-zero",
		"bad-ladders/referral-percent-missing",
		"bad-ladders/rule-mapping",
		"bad-ladders/several-errors",
		"bad-ladders/slots-negative",
		"bad-ladders/standards-bad-enum",
		"bad-ladders/title-list",
		"bad-ladders/unknown-key-level",
		"bad-ladders/unknown-key-nested",
		"bad-ladders/unknown-key-promotion",
		"bad-ladders/unknown-key-top",

		"bad-extends/extends-absolute",
		"bad-extends/extends-empty",
		"bad-extends/extends-list",
		"bad-extends/overlay-level-errors",
		"bad-extends/remove-twice",

		"bad-profiles/assessment-bad-result",
		"bad-profiles/binary",
		"bad-profiles/breaks-problems", // a break without until; not the dates' order
		"bad-profiles/bool-metric-yes", // yes is a string in YAML 1.2: not a percent
		"bad-profiles/currency-missing",
		"bad-profiles/currency-unknown",
		"bad-profiles/date-wrong-format",
		"bad-profiles/date-before-1900",
		"bad-profiles/empty",
		"bad-profiles/int-metric-out-of-range", // too large for a number: parses as text
		"bad-profiles/json-metric-wrong-type",
		"bad-profiles/json-wrong-type",
		"bad-profiles/mentee-missing-since",
		"bad-profiles/mentor-and-panel-problems", // the missing mentor id and panelist fields; not the levels
		"bad-profiles/missing-id",
		"bad-profiles/money-negative",
		"bad-profiles/nomination-missing-by",
		"bad-profiles/number-metric-text",
		"bad-profiles/percent-string-over-100",
		"bad-profiles/percent-string-without-sign",
		"bad-profiles/several-problems",
		"bad-profiles/unknown-key",
		"bad-profiles/waiver-of-nomination",
		"bad-profiles/wrong-type",

		"cmd/ladder/testdata/ladders/misspelt", // its unknown key; not its misspelt rule
	}
	schemaCannotSee = []string{
		"bad-ladders/check-id-duplicate",
		"bad-ladders/check-id-reserved",
		"bad-ladders/checklist-duplicate-id",
		"bad-ladders/duplicate-level-id",
		"bad-ladders/duplicate-level-id-copy",
		"bad-ladders/duplicate-rank",
		"bad-ladders/empty-level-file", // null: a level schema allows null, for overlays
		"bad-ladders/from-min-level-beyond",
		"bad-ladders/from-min-level-unknown",
		"bad-ladders/inline-level-null",
		"bad-ladders/invalid-utf8",        // the parser takes the bytes as text
		"bad-ladders/ladder-yaml-missing", // no file to validate
		"bad-ladders/mentee-levels-backwards",
		"bad-ladders/mentee-levels-unknown",
		"bad-ladders/metric-duplicate-id",
		"bad-ladders/metric-named-len",
		"bad-ladders/metric-shadows-builtin",
		"bad-ladders/missing-rank", // rank is optional in an overlay's level
		"bad-ladders/null-level-file",
		"bad-ladders/percent-three-decimals", // 7.125 is a number from 0 to 100
		"bad-ladders/promotion-missing",
		"bad-ladders/promotion-on-top-level",
		"bad-ladders/promotion-skips-rank",
		"bad-ladders/promotion-to-lowercase",
		"bad-ladders/promotion-to-unknown",
		"bad-ladders/rank-gap",
		"bad-ladders/role-duplicate",
		"bad-ladders/role-undeclared",
		"bad-ladders/rule-block-literal",
		"bad-ladders/rule-date",
		"bad-ladders/rule-folded",
		"bad-ladders/rule-not-bool",
		"bad-ladders/rule-now",
		"bad-ladders/rule-plain-multiline",
		"bad-ladders/rule-quoted",
		"bad-ladders/rule-quoted-escapes",
		"bad-ladders/rule-syntax-error",
		"bad-ladders/rule-unknown-name",
		"bad-ladders/several-documents", // the parser reads the first
		"bad-ladders/yaml-alias",        // the parser resolves it
		"bad-ladders/yaml-merge-key",    // the parser merges it

		"bad-extends/extends-cycle",
		"bad-extends/extends-missing",
		"bad-extends/extends-outside",
		"bad-extends/extends-self",
		"bad-extends/level-added-above-top",
		"bad-extends/metric-type-changed",
		"bad-extends/overlay-base-path",
		"bad-extends/overlay-promotes-to-removed",
		"bad-extends/overlay-rule-misspelt",
		"bad-extends/rank-duplicated",
		"bad-extends/rank-moved",
		"bad-extends/remove-metric-still-read",
		"bad-extends/remove-middle-level",
		"bad-extends/remove-top-level",
		"bad-extends/remove-unknown",
		"bad-extends/remove-without-extends",
		"bad-extends/roles-replaced",

		"bad-profiles/alias",
		"bad-profiles/history-unknown-level",
		"bad-profiles/impossible-date", // 2026-02-30 has the shape of a date
		"bad-profiles/int-metric-fraction",
		"bad-profiles/joined-after-level-since",
		"bad-profiles/level-since-after-evaluation",
		"bad-profiles/mentee-advanced-contradicts",
		"bad-profiles/mentee-duplicate-id",
		"bad-profiles/mentee-until-before-since",
		"bad-profiles/money-overflow",
		"bad-profiles/money-three-decimals", // decimals depend on the currency
		"bad-profiles/percent-as-whole-number",
		"bad-profiles/placement-until-before-date",
		"bad-profiles/unknown-assessment",
		"bad-profiles/unknown-checklist-item",
		"bad-profiles/unknown-level",
		"bad-profiles/unknown-metric",
		"bad-profiles/unknown-role",
		"bad-profiles/yaml-merge-key",

		"cmd/ladder/testdata/team/zed", // a misspelt metric name
	}
	// schemaNotData are the cases that do not parse as YAML or JSON: an
	// editor's parser reports them before any schema applies.
	schemaNotData = []string{
		"bad-ladders/key-duplicate",
		"bad-ladders/key-over-indented",
		"bad-ladders/key-under-indented",
		"bad-ladders/list-unclosed",
		"bad-ladders/rule-colon-unquoted",
		"bad-ladders/rule-quote-then-text",
		"bad-ladders/rule-quote-unclosed",
		"bad-ladders/text-bracket-then-text",
		"bad-ladders/text-colon-unquoted",
		"bad-ladders/value-reserved-char",
		"bad-ladders/yaml-tab-indent",
		"bad-profiles/duplicate-key",
		"bad-profiles/json-syntax-error",
		"bad-profiles/tab-indent",
		"cmd/ladder/testdata/invalid/bad-syntax",
	}
)

// TestSchemasAgainstBadCorpora runs the schemas over every bad ladder,
// overlay and profile, and checks each case against the lists above.
func TestSchemasAgainstBadCorpora(t *testing.T) {
	type badCase struct {
		name  string
		files []string
	}
	var cases []badCase
	for _, corpus := range []string{"testdata/bad-ladders", "testdata/bad-extends"} {
		for _, dir := range globs(t, corpus+"/*") {
			if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
				continue
			}
			name := strings.TrimPrefix(filepath.ToSlash(filepath.Clean(dir)), "testdata/")
			cases = append(cases, badCase{name, ladderFiles(t, dir)})
		}
	}
	for _, f := range globs(t, "testdata/bad-profiles/*.yaml", "testdata/bad-profiles/*.json") {
		name := strings.TrimPrefix(strings.TrimSuffix(filepath.ToSlash(f), filepath.Ext(f)), "testdata/")
		cases = append(cases, badCase{name, []string{f}})
	}
	cases = append(cases,
		badCase{"cmd/ladder/testdata/ladders/misspelt", ladderFiles(t, "cmd/ladder/testdata/ladders/misspelt")},
		badCase{"cmd/ladder/testdata/team/zed", []string{"cmd/ladder/testdata/team/zed.yaml"}},
		badCase{"cmd/ladder/testdata/invalid/bad-syntax", []string{"cmd/ladder/testdata/invalid/bad-syntax.yaml"}},
	)

	var seen []string
	for _, c := range cases {
		seen = append(seen, c.name)
		t.Run(c.name, func(t *testing.T) {
			var problems []string
			notData := false
			for _, f := range c.files {
				for _, p := range checkFileSchema(t, f) {
					notData = notData || strings.HasPrefix(p, "does not parse: ")
					problems = append(problems, filepath.Base(f)+": "+p)
				}
			}
			switch {
			case slices.Contains(schemaNotData, c.name):
				assert.True(t, notData, "want a parse failure, got %v", problems)
			case slices.Contains(schemaRejects, c.name):
				assert.NotEmpty(t, problems, "the schema should reject this case")
				assert.False(t, notData, "%v", problems)
			case slices.Contains(schemaCannotSee, c.name):
				assert.Empty(t, problems, "the schema rejects this case: move it to schemaRejects")
			default:
				t.Errorf("case %s is in no list; its schema problems: %v", c.name, problems)
			}
		})
	}
	for _, name := range slices.Concat(schemaRejects, schemaCannotSee, schemaNotData) {
		assert.Contains(t, seen, name, "listed case %s does not exist", name)
	}
	all := slices.Concat(schemaRejects, schemaCannotSee, schemaNotData)
	slices.Sort(all)
	assert.Equal(t, len(all), len(slices.Compact(all)), "a case is in more than one list")
}

// TestSchemaKeysMatchTypes checks that each object of the schemas has
// exactly the keys the decoder reads into its Go type.
func TestSchemaKeysMatchTypes(t *testing.T) {
	ladderSchema, levelSchema, profileSchema := loadSchema(t, "ladder"), loadSchema(t, "level"), loadSchema(t, "profile")
	keys := func(s map[string]any) []string {
		var out []string
		for k := range s["properties"].(map[string]any) {
			out = append(out, k)
		}
		slices.Sort(out)
		return out
	}
	yamlKeys := func(v any) []string {
		var out []string
		for _, f := range fieldsOf(reflect.TypeOf(v)) {
			out = append(out, f.name)
		}
		slices.Sort(out)
		return out
	}
	def := func(s map[string]any, name string) map[string]any {
		d, ok := s["$defs"].(map[string]any)[name].(map[string]any)
		require.True(t, ok, "no $defs entry %q", name)
		return d
	}
	assert.Equal(t, yamlKeys(ladderFile{}), keys(ladderSchema), "ladder.yaml")
	for name, v := range map[string]any{
		"metric": Metric{}, "level": Level{}, "checklistItem": ChecklistItem{}, "phase": Phase{}, "section": Section{},
		"standard": Standard{}, "promotion": PromotionRule{}, "nomination": NominationRule{}, "assessment": Assessment{},
		"requirement": Requirement{}, "mentorship": MentorshipRule{}, "levelRange": LevelRange{}, "referral": ReferralTerms{},
	} {
		assert.Equal(t, yamlKeys(v), keys(def(ladderSchema, name)), "$defs/%s", name)
	}
	assert.Equal(t, yamlKeys(Person{}), keys(profileSchema), "profile")
	for name, v := range map[string]any{
		"levelSpan": LevelSpan{}, "assessmentResult": AssessmentResult{}, "nomination": Nomination{},
		"waiver": Waiver{}, "mentee": Mentee{}, "placement": placementFile{},
	} {
		assert.Equal(t, yamlKeys(v), keys(def(profileSchema, name)), "profile $defs/%s", name)
	}

	// level.schema.json is the level of ladder.schema.json, with the same
	// definitions.
	ladderDefs := copyMap(ladderSchema["$defs"])
	delete(ladderDefs, "metric")
	assert.Equal(t, ladderDefs, levelSchema["$defs"], "level.schema.json $defs differ from ladder.schema.json's")
	assert.Equal(t, "#/$defs/level", levelSchema["$ref"])

	// The enums are the values the loader and the evaluation accept.
	assert.Equal(t, []any{string(FastTrackAllowed), string(FastTrackForbidden), nil}, def(levelSchema, "promotion")["properties"].(map[string]any)["fast_track"].(map[string]any)["enum"])
	assert.Equal(t, []any{string(StandardsRequired), string(StandardsAdvisory), nil}, def(levelSchema, "promotion")["properties"].(map[string]any)["standards"].(map[string]any)["enum"])
	var types []any
	for _, mt := range metricTypes {
		types = append(types, mt)
	}
	assert.Equal(t, types, def(ladderSchema, "metric")["properties"].(map[string]any)["type"].(map[string]any)["enum"])
	assert.Equal(t, []any{string(ResultPassed), string(ResultFailed), string(ResultPending)}, def(profileSchema, "assessmentResult")["properties"].(map[string]any)["result"].(map[string]any)["enum"])
	assert.Equal(t, snakeCase.String(), def(ladderSchema, "metric")["properties"].(map[string]any)["id"].(map[string]any)["pattern"])
}

func copyMap(v any) map[string]any {
	out := map[string]any{}
	for k, x := range v.(map[string]any) {
		out[k] = x
	}
	return out
}

// TestSchemaFiles checks the embedded schemas: the files of schema/, valid
// JSON, draft 2020-12, each with its $id at the repository's raw URL.
func TestSchemaFiles(t *testing.T) {
	for _, kind := range []string{"ladder", "level", "profile"} {
		data, err := Schema(kind)
		require.NoError(t, err)
		file, err := os.ReadFile(filepath.Join("schema", kind+".schema.json"))
		require.NoError(t, err)
		assert.Equal(t, string(file), string(data))
		s := loadSchema(t, kind)
		assert.Equal(t, "https://json-schema.org/draft/2020-12/schema", s["$schema"])
		assert.Equal(t, "https://raw.githubusercontent.com/ladderkit/ladder/main/schema/"+kind+".schema.json", s["$id"])
	}
	_, err := Schema("person")
	assert.EqualError(t, err, `no schema for "person": want ladder, level or profile`)
}

// TestSchemaValidator checks the test's own validator on small cases.
func TestSchemaValidator(t *testing.T) {
	s := map[string]any{}
	require.NoError(t, json.Unmarshal([]byte(`{
		"type": "object", "additionalProperties": false, "required": ["a"],
		"properties": {
			"a": {"type": ["integer", "null"], "minimum": 1},
			"b": {"$ref": "#/$defs/b"},
			"c": {"anyOf": [{"type": "string", "pattern": "^x"}, {"type": "number", "maximum": 5}]},
			"d": {"type": "array", "items": {"enum": ["p", "q"]}},
			"e": {"type": "object", "additionalProperties": {"type": "boolean"}}
		},
		"$defs": {"b": {"type": "string", "minLength": 2}}
	}`), &s))
	tests := []struct {
		doc  string
		want []string
	}{
		{"a: 1\nb: xy\nc: xz\nd: [p, q]\ne: {k: true}", nil},
		{"a: 2.0", nil},
		{"a: ~", nil},
		{"b: x", []string{`b: want at least 2 characters`, `(root): missing required key "a"`}},
		{"a: 0\nz: 1", []string{"a: want at least 1, got 0", `z: unknown key "z"`}},
		{"a: 1.5", []string{"a: want integer or null, got 1.5"}},
		{"a: 1\nc: 7", []string{`c: matches none of the alternatives: c: want string, got 7; c: want at most 5, got 7`}},
		{"a: 1\nd: [r]\ne: {k: 1}", []string{"d[0]: want one of [p q], got \"r\"", "e.k: want boolean, got 1"}},
	}
	for _, tt := range tests {
		var v any
		require.NoError(t, yaml.Unmarshal([]byte(tt.doc), &v))
		assert.Equal(t, tt.want, validate(s, normalize(v)), tt.doc)
	}
}

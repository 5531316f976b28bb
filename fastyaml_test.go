package ladder

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ParseFastYAMLPerson lets the benchmarks check that the typical profile
// takes the fast path.
var ParseFastYAMLPerson = parseFastYAMLPerson

// ParseYAMLPerson is ParsePerson's full path, for its benchmark.
var ParseYAMLPerson = parseYAMLPerson

// yamlProfiles returns every example profile, by its path.
func yamlProfiles(t testing.TB) map[string][]byte {
	t.Helper()
	files, err := filepath.Glob("examples/profiles/*.yaml")
	require.NoError(t, err)
	more, err := filepath.Glob("examples/ladders/*/profiles/*.yaml")
	require.NoError(t, err)
	out := map[string][]byte{}
	for _, f := range append(files, more...) {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		out[f] = data
	}
	require.NotEmpty(t, out)
	return out
}

// fastYAMLAccepts lists documents inside the fast path's subset, each with
// a feature the reader must get exactly right.
var fastYAMLAccepts = map[string]string{
	"minimal":            "id: x\nlevel: L1",
	"byte order mark":    "\uFEFFid: x\nlevel: L1\n",
	"comments":           "# who\nid: x # the id\n\n   # indented comment\nlevel: L1 #L1\nname: a b\n",
	"null values":        "id: x\nlevel: L1\nname:\njoined: ~\nlevel_since: null\nroles: Null\nmetrics:\nmentees: NULL\n",
	"text from numbers":  "id: 007\nlevel: 7\nname: 1.50\n",
	"text from booleans": "id: true\nlevel: no\nname: .inf\n",
	"quoted text":        "id: 'it''s'\nlevel: \"L\\\"1\\\\\"\nname: \"tab\\there\\nnewline\"\n",
	"quoted keys chars":  "id: \"a: b # c, [d]\"\nlevel: 'L1 {x}'\n",
	"apostrophe":         "id: x\nlevel: L1\nname: Seán O'Brien, Jr.\n",
	"unicode":            "id: ø\nlevel: L1\nname: 王小明 \n",
	"compact list":       "id: x\nlevel: L1\nroles:\n- founder\n- cto\nchecklist:\n- a\n",
	"indented list":      "id: x\nlevel: L1\nroles:\n    -   founder\n    - cto\n",
	"list of mappings": `id: x
level: L1
history:
  - level: L1
    since: 2020-01-01
  -   level: L2
      since: 2021-02-28
nominations:
- by: ana
  roles:
  - founder
  date: 2026-01-01
`,
	"flow": `id: x
level: L1
history: [{level: L1, since: 2020-01-01}, {level: L2, since: 2021-02-28}]
roles: []
metrics: {}
checklist: [ a , 'b', "c" ]
waivers: [{check: tenure, by: ana, reason: "late, but fine", date: 2026-01-01}]
`,
	"mentor, breaks and panels": `id: x
level: L4
mentor: {id: ana, level: L5, roles: [worca-leadership]}
breaks:
  - {from: 2024-01-31, until: 2024-03-31}
  - from: 2025-06-01
    until: 2025-09-01
assessments:
  mentee-outcome: {result: passed, panel: [{by: lee, level: L7}, {by: kim, level: L5}]}
  live-scope-exercise:
    result: passed
    panel:
      - by: lee
        level: L7
mentees:
  - {id: sam, level: L2, from_level: L1, since: 2025-01-06}
`,
	"flow over lines": `id: x
level: L1
mentees:
  - {id: eva, level: L6, from_level: L5, since: 2023-01-09, advanced: true,
     placement: {date: 2023-03-01, monthly_rate: "15000.00", currency: USD}}
  - {
      id: jon,
      level: L5,
      since: 2024-09-01
    }
roles: [a,
  b]
`,
	"metrics": `id: x
level: L1
metrics:
  i: 42
  neg: -7
  zero: 0
  big: 123456789012345678
  f: 0.74
  one: 1.0
  negf: -0.5
  t: true
  f2: false
  word: excellent
  quoted: "74%"
  single: '12'
  empty:
  tilde: ~
`,
	"null items":  "id: x\nlevel: L1\nroles: [~, a]\nhistory:\n  - ~\nassessments:\n  a: ~\n",
	"assessments": "id: x\nlevel: L1\nassessments:\n  a-b_c: {result: passed, date: 2026-06-01}\n  d:\n    result: pending\n",
	"mentee": `id: x
level: L1
mentees:
  - id: m
    level: L2
    since: 2020-01-31
    until: 2021-02-28
    advanced: false
    placement:
      date: 2020-02-29
      monthly_rate: 1234.5
      currency: EUR
      until: ~
  - {id: n, level: L3, since: 2020-01-01, advanced: ~, placement: ~}
`,
	"money as number":  "id: x\nlevel: L1\nmentees: [{id: m, level: L1, since: 2020-01-01, placement: {date: 2020-01-01, monthly_rate: 12000, currency: EUR}}]\n",
	"no final newline": "id: x\nlevel: L1\nroles:\n  - a",
	"trailing spaces":  "id: x   \nlevel: L1  \t",
}

// Every example profile and every document of the subset takes the fast
// path, which gives exactly the Person the full path gives.
func TestYAMLFastPathMatchesFullPath(t *testing.T) {
	docs := map[string][]byte{}
	for name, data := range yamlProfiles(t) {
		docs[name] = data
	}
	for name, doc := range fastYAMLAccepts {
		docs[name] = []byte(doc)
	}
	delete(docs, "trailing spaces") // has a tab; checked below to decline
	for name, data := range docs {
		t.Run(name, func(t *testing.T) {
			fast, ok := parseFastYAMLPerson(data)
			require.True(t, ok, "the fast path declined:\n%s", data)
			slow, err := parseYAMLPerson(data)
			require.NoError(t, err)
			assert.Equal(t, slow, fast)
		})
	}
}

// Documents the fast path must leave to the full path: YAML outside its
// subset, values whose type YAML readers may disagree on, and every error.
func TestYAMLFastPathDeclines(t *testing.T) {
	for name, doc := range map[string]string{
		"tab":                   "id: x\nlevel: L1  \t",
		"carriage return":       "id: x\r\nlevel: L1\r\n",
		"document marker":       "---\nid: x\nlevel: L1\n",
		"document end":          "id: x\nlevel: L1\n...\n",
		"two documents":         "id: x\nlevel: L1\n---\nid: y\n",
		"anchor":                "id: &a x\nlevel: L1\n",
		"alias":                 "id: x\nlevel: L1\nname: *a\n",
		"tag":                   "id: !!str x\nlevel: L1\n",
		"block scalar":          "id: x\nlevel: L1\nname: |\n  Maya\n",
		"folded scalar":         "id: x\nlevel: L1\nname: >\n  Maya\n",
		"multi-line plain":      "id: x\nlevel: L1\nname: Maya\n  Chen\n",
		"plain on next line":    "id: x\nlevel: L1\nname:\n  Maya\n",
		"multi-line quoted":     "id: x\nlevel: L1\nname: \"Maya\n  Chen\"\n",
		"multi-line flow plain": "id: x\nlevel: L1\nroles: [a\n  b]\n",
		"flow at block indent":  "id: x\nlevel: L1\nroles: [a,\nb]\n",
		"comment in flow":       "id: x\nlevel: L1\nroles: [a, # c\n  b]\n",
		"trailing comma":        "id: x\nlevel: L1\nroles: [a, b,]\n",
		"empty flow value":      "id: x\nlevel: L1\nassessments: {a: }\n",
		"unicode escape":        "id: \"\\u0078\"\nlevel: L1\n",
		"colon in plain":        "id: a:b\nlevel: L1\n",
		"quoted key":            "\"id\": x\nlevel: L1\n",
		"key with space":        "id : x\nlevel: L1\n",
		"indented document":     "  id: x\n  level: L1\n",
		"flow document":         "{id: x, level: L1}\n",
		"list in list":          "id: x\nlevel: L1\nroles:\n- - a\n",
		"item below dash":       "id: x\nlevel: L1\nroles:\n-\n  a\n",
		"uneven keys":           "id: x\n level: L1\n",
		"uneven item keys":      "id: x\nlevel: L1\nhistory:\n  - level: L1\n     since: 2020-01-01\n",
		"yes metric":            "id: x\nlevel: L1\nmetrics:\n  a: yes\n",
		"True metric":           "id: x\nlevel: L1\nmetrics:\n  a: True\n",
		"hex metric":            "id: x\nlevel: L1\nmetrics:\n  a: 0x1F\n",
		"octal metric":          "id: x\nlevel: L1\nmetrics:\n  a: 017\n",
		"exponent metric":       "id: x\nlevel: L1\nmetrics:\n  a: 1e3\n",
		"underscore metric":     "id: x\nlevel: L1\nmetrics:\n  a: 1_000\n",
		"plus metric":           "id: x\nlevel: L1\nmetrics:\n  a: +1\n",
		"infinite metric":       "id: x\nlevel: L1\nmetrics:\n  a: .inf\n",
		"percent metric":        "id: x\nlevel: L1\nmetrics:\n  a: 74%\n",
		"huge metric":           "id: x\nlevel: L1\nmetrics:\n  a: 99999999999999999999\n",
		"list metric":           "id: x\nlevel: L1\nmetrics:\n  a: [1]\n",
		"duplicate key":         "id: x\nlevel: L1\nid: y\n",
		"duplicate flow key":    "id: x\nlevel: L1\nassessments: {a: {result: passed, result: failed}}\n",
		"unknown key":           "id: x\nlevel: L1\nlvl: L2\n",
		"unknown nested key":    "id: x\nlevel: L1\nhistory: [{level: L1, snce: 2020-01-01}]\n",
		"missing id":            "level: L1\n",
		"empty id":              "id: ''\nlevel: L1\n",
		"bad date":              "id: x\nlevel: L1\njoined: 2026-02-30\n",
		"number date":           "id: x\nlevel: L1\njoined: 20260101\n",
		"quoted boolean":        "id: x\nlevel: L1\nmentees: [{id: m, level: L1, since: 2020-01-01, advanced: \"true\"}]\n",
		"list for text":         "id: [x]\nlevel: L1\n",
		"text for list":         "id: x\nlevel: L1\nroles: founder\n",
		"missing rate":          "id: x\nlevel: L1\nmentees: [{id: m, level: L1, since: 2020-01-01, placement: {date: 2020-01-01}}]\n",
		"null placement date":   "id: x\nlevel: L1\nmentees: [{id: m, level: L1, since: 2020-01-01, placement: {date: ~, monthly_rate: 1, currency: USD}}]\n",
		"bad money":             "id: x\nlevel: L1\nmentees: [{id: m, level: L1, since: 2020-01-01, placement: {date: 2020-01-01, monthly_rate: 1.005, currency: USD}}]\n",
		"null key":              "id: x\nlevel: L1\nmetrics:\n  null: 1\n",
		"next-line line sep":    "id: x\u2028\nlevel: L1\n",
		"control character":     "id: x\x01\nlevel: L1\n",
		"invalid UTF-8":         "id: x\xff\nlevel: L1\n",
		"empty":                 "",
		"only a comment":        "# nothing\n",
		"json":                  `{"id": "x", "level": "L1"}`,
		"deep":                  "id: x\nlevel: L1\nroles:\n" + strings.Repeat(" ", 70) + "- a\n",
	} {
		t.Run(name, func(t *testing.T) {
			_, ok := parseFastYAMLPerson([]byte(doc))
			assert.False(t, ok)
		})
	}
}

// No profile of the bad-profile corpus takes the fast path: each is an
// error, which only the full path reports.
func TestYAMLFastPathDeclinesBadProfiles(t *testing.T) {
	files, err := filepath.Glob("testdata/bad-profiles/*.yaml")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		if _, err := parseYAMLPerson(data); err == nil {
			continue // a problem Evaluate finds against the ladder
		}
		_, ok := parseFastYAMLPerson(data)
		assert.False(t, ok, f)
	}
}

// FuzzParsePersonYAML checks that whenever the YAML fast path accepts a
// document, the full path accepts it too and gives the same Person.
func FuzzParsePersonYAML(f *testing.F) {
	for _, data := range yamlProfiles(f) {
		f.Add(data)
	}
	for _, doc := range fastYAMLAccepts {
		f.Add([]byte(doc))
	}
	for _, doc := range HostileProfileSeeds() {
		f.Add([]byte(doc))
	}
	g := yamlGen{r: rand.New(rand.NewPCG(1, 2))}
	for i := range 40 {
		g.b.Reset()
		g.noise = []int{0, 40, 10}[i%3]
		g.block("", 0, "")
		f.Add([]byte(g.b.String()))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkFastPath(t, parseFastYAMLPerson, data) })
}

// checkFastPath fails when the fast path accepts data but the full path
// refuses it or gives another Person.
func checkFastPath(t *testing.T, fastPath func([]byte) (Person, bool), data []byte) {
	t.Helper()
	fast, ok := fastPath(data)
	if !ok {
		return
	}
	slow, err := parseYAMLPerson(data)
	if err != nil {
		t.Fatalf("the fast path accepted what the full path refuses: %v\n%q", err, data)
	}
	if !reflect.DeepEqual(slow, fast) {
		t.Fatalf("paths differ:\nfast %#v\nslow %#v\n%q", fast, slow, data)
	}
}

// yamlGen writes random profiles in many YAML styles, with scalars chosen
// to sit on the edges of YAML's typing rules.
type yamlGen struct {
	r     *rand.Rand
	b     strings.Builder
	noise int // one scalar in noise is any scalar at all; 0 for none
}

var yamlGenScalars = []string{
	"x", "L1", "L7", "a b", "a  b", "Seán O'Brien", "王", "a, b", "0", "-0", "00", "007", "1", "-1", "42",
	"123456789012345678", "1234567890123456789", "99999999999999999999", "0.0", "-0.0", "0.74", "1.0", "1.", ".5",
	"1e3", "1E3", "0x1F", "0o17", "1_000", "+1", "+1.5", ".inf", "-.inf", ".nan", "~", "null", "Null", "NULL", "nUll",
	"true", "false", "True", "FALSE", "yes", "no", "on", "off", "y", "n", "2020-01-01", "2020-1-1", "2020-02-30",
	"2024-02-29", "2020-01-01T00:00:00Z", "12:30", "74%", "100%", "'it''s'", "''", `""`, `"a\"b"`, `"a\\b"`,
	`"tab\there"`, `"\u0041"`, `"x"`, "'L1'", "passed", "failed", "pending", "tenure", "track_tenure", "USD", "EUR",
	"JPY", "1200.00", "1,200.00", "12000", "-5.00", "a#b", "a #b", "-a", "- a", "?a", ":a", "a:", "a:b", "[a]", "{}",
	"[]", "a]", "!a", "&a", "*a", "|", ">", "@a", "`a", "%a",
}

var yamlGenKeys = map[string][]string{
	"":          {"id", "name", "level", "level_since", "joined", "history", "roles", "metrics", "checklist", "assessments", "nominations", "waivers", "mentees", "mentor", "breaks"},
	"span":      {"level", "since"},
	"result":    {"result", "date", "panel"},
	"panelist":  {"by", "level"},
	"mentor":    {"id", "level", "roles"},
	"break":     {"from", "until"},
	"nom":       {"by", "level", "roles", "date"},
	"waiver":    {"check", "by", "reason", "date"},
	"mentee":    {"id", "level", "from_level", "since", "until", "advanced", "placement"},
	"placement": {"date", "monthly_rate", "currency", "until"},
}

// yamlGenRequired are the keys a valid profile cannot leave out or empty.
var yamlGenRequired = map[string]bool{"id": true, "level": true, "date": true, "monthly_rate": true, "currency": true}

func (g *yamlGen) pick(s []string) string { return pick(g.r, s) }

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

// scalar is a scalar for key: usually one of the right kind, sometimes any.
func (g *yamlGen) scalar(key string) string {
	if g.noise > 0 && g.r.IntN(g.noise) == 0 {
		return g.pick(yamlGenScalars)
	}
	switch key {
	case "level", "from_level":
		return g.pick([]string{"L1", "L4", "L7", "'L2'"})
	case "level_since", "joined", "since", "until", "date", "from":
		return g.pick([]string{"2020-01-31", "2024-02-29", "2026-10-01", "\"2021-06-30\""})
	case "result":
		return g.pick([]string{"passed", "failed", "pending"})
	case "check":
		return g.pick([]string{"tenure", "track_tenure"})
	case "advanced":
		return g.pick([]string{"true", "false"})
	case "monthly_rate":
		return g.pick([]string{"\"1200.00\"", "12000", "99.5", "'7.25'"})
	case "currency":
		return g.pick([]string{"USD", "EUR", "GBP"})
	}
	return g.pick([]string{"x", "ana", "a b", "it's", "\"q\"", "42", "0.5", "true"})
}

// kindOf is what the value of key holds: a struct kind, a list of one, a
// list of text, a map, or "" for a scalar.
func kindOf(parent, key string) string {
	switch {
	case parent == "" && key == "history":
		return "[]span"
	case parent == "" && key == "assessments":
		return "{}result"
	case parent == "" && key == "nominations":
		return "[]nom"
	case parent == "" && key == "waivers":
		return "[]waiver"
	case parent == "" && key == "mentees":
		return "[]mentee"
	case parent == "" && key == "metrics":
		return "{}"
	case parent == "" && key == "mentor":
		return "mentor"
	case parent == "" && key == "breaks":
		return "[]break"
	case parent == "result" && key == "panel":
		return "[]panelist"
	case key == "roles" || key == "checklist":
		return "[]"
	case key == "placement":
		return "placement"
	}
	return ""
}

// flowValue writes a value of kind inline.
func (g *yamlGen) flowValue(kind, key string) string {
	switch {
	case kind == "":
		return g.scalar(key)
	case kind == "{}" || kind == "{}result":
		var parts []string
		for i := range g.r.IntN(3) {
			k := g.pick([]string{"a", "b-c", "d_e", "f" + strconv.Itoa(i)})
			v := g.scalar(k)
			if kind == "{}result" {
				v = g.flowValue("result", "")
			}
			parts = append(parts, k+": "+v)
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case strings.HasPrefix(kind, "[]"):
		var parts []string
		for range g.r.IntN(3) {
			parts = append(parts, g.flowValue(strings.TrimPrefix(kind, "[]"), key))
		}
		sep := g.pick([]string{", ", ",", " , ", ",\n" + strings.Repeat(" ", g.r.IntN(9))})
		return "[" + strings.Join(parts, sep) + "]"
	}
	keys := yamlGenKeys[kind]
	var parts []string
	for _, k := range keys {
		if yamlGenRequired[k] && kind != "result" || g.r.IntN(3) > 0 {
			parts = append(parts, k+": "+g.flowValue(kindOf(kind, k), k))
		}
	}
	return "{" + strings.Join(parts, g.pick([]string{", ", ",\n" + strings.Repeat(" ", g.r.IntN(9)), "\n  , "})) + "}"
}

// block writes the entries of a mapping of kind at indent.
func (g *yamlGen) block(kind string, indent int, first string) {
	keys := yamlGenKeys[kind]
	if kind == "{}" || kind == "{}result" {
		keys = []string{"a", "b-c", "d_e", "Fg", "h1"}
	}
	pad := strings.Repeat(" ", indent)
	for n, k := range keys {
		if g.r.IntN(4) == 0 && (!yamlGenRequired[k] || kind == "result") {
			continue
		}
		if n > 0 || first == "" {
			g.b.WriteString(pad)
		} else {
			g.b.WriteString(first)
		}
		first = "x"
		g.b.WriteString(k + ":")
		vk := kindOf(kind, k)
		if kind == "{}result" {
			vk = "result"
		}
		switch {
		case g.r.IntN(12) == 0 && (!yamlGenRequired[k] || kind == "result"):
			g.b.WriteString(g.pick([]string{"", " ", " ~", " # none"}) + "\n")
		case vk == "" || g.r.IntN(2) == 0:
			g.b.WriteString(g.pick([]string{" ", "  "}) + g.flowValue(vk, k) + g.pick([]string{"", " ", " # c"}) + "\n")
		case strings.HasPrefix(vk, "[]"):
			g.b.WriteString("\n")
			in := indent + pick(g.r, []int{0, 2, 4})
			for range 1 + g.r.IntN(3) {
				dash := strings.Repeat(" ", in) + "-" + g.pick([]string{" ", "  "})
				item := strings.TrimPrefix(vk, "[]")
				if item == "" || g.r.IntN(3) == 0 {
					g.b.WriteString(dash + g.flowValue(item, k) + "\n")
				} else {
					g.block(item, len(dash), dash)
				}
			}
		default:
			g.b.WriteString(g.pick([]string{"", " # below"}) + "\n")
			if g.r.IntN(5) == 0 {
				g.b.WriteString("\n# a comment\n")
			}
			g.block(vk, indent+pick(g.r, []int{1, 2, 4}), "")
		}
	}
}

// The fast path agrees with the full path on thousands of generated
// profiles written every way the subset allows and many ways it does not,
// and takes most of them.
func TestYAMLFastPathRandomProfiles(t *testing.T) {
	g := yamlGen{r: rand.New(rand.NewPCG(2026, 11))}
	const n = 5000
	fastCount, valid := 0, 0
	for i := range n {
		g.b.Reset()
		g.noise = pick(g.r, []int{0, 0, 40, 10, 3})
		g.block("", 0, "")
		if i < 3 {
			t.Logf("document %d:\n%s", i, g.b.String())
		}
		data := []byte(g.b.String())
		fast, ok := parseFastYAMLPerson(data)
		slow, err := parseYAMLPerson(data)
		if err == nil {
			valid++
		}
		if !ok {
			continue
		}
		fastCount++
		require.NoError(t, err, "document %d: the fast path accepted what the full path refuses:\n%s", i, data)
		require.Equal(t, slow, fast, "document %d:\n%s", i, data)
	}
	t.Logf("%d documents, %d valid, %d on the fast path", n, valid, fastCount)
	assert.Greater(t, fastCount, valid/3, "the fast path should take most plain profiles")
}

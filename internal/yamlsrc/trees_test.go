package yamlsrc

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// dump writes a tree one node a line: position, kind and text. A Scalar (a
// plain scalar ParseFast did not type) matches any scalar of the same text.
func dump(b *strings.Builder, n *Node, indent string) {
	kind := fmt.Sprint(n.Kind)
	switch n.Kind {
	case Bool, Int, Float, Special, Scalar:
		kind = "scalar"
	}
	if n.Kind == String && n.Style == Plain {
		kind = "scalar"
	}
	text := n.Text
	if n.Kind == String {
		text = n.Str
	}
	fmt.Fprintf(b, "%s%d:%d %s %q\n", indent, n.Line, n.Col, kind, text)
	for _, e := range n.Entries {
		dump(b, e.Key, indent+"  ")
		dump(b, e.Value, indent+"    ")
	}
	for _, it := range n.Items {
		dump(b, it, indent+"  ")
	}
}

func tree(n *Node) string {
	var b strings.Builder
	dump(&b, n, "")
	return b.String()
}

// The fast readers give the tree Parse gives, positions included.
func TestFastTreesMatchParse(t *testing.T) {
	docs := []struct {
		name, doc string
		read      func([]byte) (*Node, bool)
	}{
		{"yaml block", "id: sam\nlevel: L4\nlevel_since: 2025-01-31\nmetrics:\n  a: 1\n  b: 0.5\n  c: true\n  d: \"74%\"\n", ParseFast},
		{"yaml lists", "id: sam\nroles:\n  - lead\n  - 'o''k'\nhistory:\n- {level: L3, since: 2024-01-01}\n- level: L2\n  since: 2023-01-01\n", ParseFast},
		{"yaml flow", "id: x # note\nassessments: {a: {result: passed, date: 2026-06-01}, b: {}}\nchecklist: [x, \"y\\tz\", w]\nmentor:\n", ParseFast},
		{"json", "{\"id\": \"sam\", \"level\": \"L4\",\n \"metrics\": {\"a\": 1, \"b\": -2.5e3, \"c\": false, \"d\": null},\n \"roles\": [\"a\\u00e9\", \"b\\n\"], \"x\": []}", ParseJSON},
	}
	for _, tc := range docs {
		t.Run(tc.name, func(t *testing.T) {
			fast, ok := tc.read([]byte(tc.doc))
			require.True(t, ok, "the fast reader takes it")
			full, _, p := Parse([]byte(tc.doc))
			require.Nil(t, p)
			assert.Equal(t, tree(full), tree(fast))
		})
	}
}

// An Arena read into again and again gives each document the tree a fresh
// reader gives, also when a document needs more than one chunk or a list
// longer than a chunk, and when one before it was declined half-way.
func TestArenaReuse(t *testing.T) {
	var long, wide strings.Builder
	long.WriteString("id: sam\nhistory:\n")
	for i := range 400 {
		fmt.Fprintf(&long, "- {level: L%d, since: 2024-01-01}\n", i)
	}
	wide.WriteString(`{"id": "sam", "checklist": [`)
	for i := range 600 {
		if i > 0 {
			wide.WriteString(", ")
		}
		fmt.Fprintf(&wide, `"item %d"`, i)
	}
	wide.WriteString("]}")
	docs := []struct {
		doc  string
		read func(*Arena, []byte) (*Node, bool)
		want func([]byte) (*Node, bool)
	}{
		{"id: sam\nlevel: L4\nmetrics: {a: 1, b: [x, y]}\n", (*Arena).ParseFast, ParseFast},
		{long.String(), (*Arena).ParseFast, ParseFast},
		{`{"id": "x", "a": [1, 2`, (*Arena).ParseJSON, ParseJSON}, // declined
		{"id: x\nroles: [a, b\n", (*Arena).ParseFast, ParseFast},  // declined
		{wide.String(), (*Arena).ParseJSON, ParseJSON},
		{`{"id": "sam", "metrics": {"a": 1, "b": {"c": [true]}}}`, (*Arena).ParseJSON, ParseJSON},
		{"id: sam\n", (*Arena).ParseFast, ParseFast},
	}
	a := new(Arena)
	for round := range 2 {
		for i, tc := range docs {
			want, wantOK := tc.want([]byte(tc.doc))
			got, ok := tc.read(a, []byte(tc.doc))
			require.Equal(t, wantOK, ok, "round %d, document %d", round, i)
			if ok {
				require.Equal(t, tree(want), tree(got), "round %d, document %d", round, i)
			}
		}
	}
	a.Release()
}

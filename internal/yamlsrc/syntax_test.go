package yamlsrc

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Each common YAML mistake gets a message that says how to fix it, at the
// line that is wrong. The ladder corpus (testdata/bad-ladders) shows them in
// whole files; this table covers the shapes one by one.
func TestSyntaxHints(t *testing.T) {
	tests := []struct {
		name, doc, want string
	}{
		{"rule with ?:", "a:\n  rule: x * 3 + (o ? 2 : 0) >= 10\n",
			`2:9: invalid YAML: a value holding ": " must be quoted: write rule: "x * 3 + (o ? 2 : 0) >= 10"`},
		{"text with : in a list item", "- text: what? yes: no # why\n",
			`1:9: invalid YAML: a value holding ": " must be quoted: write text: "what? yes: no"`},
		{"value holding a double quote", "a: say \"hi\": now\n",
			`1:4: invalid YAML: a value holding ": " must be quoted: write a: 'say "hi": now'`},
		{"key indented too deep", "p:\n  to: IC2\n    min_months: 18\n",
			`3:5: invalid YAML: key "min_months" is indented deeper than the line above: indent it to column 3, as "to" is, or nest it under a key that ends with ":"`},
		{"key indented too deep after a list item", "p:\n  - to: IC2\n     min_months: 18\n",
			`3:6: invalid YAML: key "min_months" is indented deeper than the line above: indent it to column 5, as "to" is, or nest it under a key that ends with ":"`},
		{"key indented too deep after a comment", "a: x\n# note\n\n  b: 1\n",
			`4:3: invalid YAML: key "b" is indented deeper than the line above: indent it to column 1, as "a" is, or nest it under a key that ends with ":"`},
		{"key indented too little", "p:\n  to: IC2\n min_months: 18\n",
			`3:2: invalid YAML: this line is indented to column 2, which lines up with no key above it: indent it to column 3, as "to" is, or to column 1, as "p" is`},
		{"key indented too little, deep inside", "levels:\n  - id: L1\n    promotion:\n      to: L2\n      nomination:\n        required: true\n   min: 2\n",
			`7:4: invalid YAML: this line is indented to column 4, which lines up with no key above it: indent it to column 5, as "promotion" is, or to column 1, as "levels" is`},
		{"list item indented off", "- a: 1\n - b: 2\n",
			`2:2: invalid YAML: this line is indented to column 2, which lines up with no key above it: indent it to column 3, as "a" is`},
		{"double quote not closed", "a:\n  rule: \"x >= 3\nb: 1\n",
			`2:9: invalid YAML: a value opened with " is not closed on its line: add the closing ", or use '…' if the value holds "`},
		{"single quote not closed", "a: 'x\n",
			`1:4: invalid YAML: a value opened with ' is not closed on its line: add the closing ' (write '' for a ' inside it), or use "…"`},
		{"list not closed", "a: [x, y\nb: 1\n",
			`2:1: invalid YAML: want "," before this item, or ] to close the [ on line 1`},
		{"mapping not closed", "a: {x: 1\nb: 1\n",
			`2:1: invalid YAML: want "," before this item, or } to close the { on line 1`},
		{"starts with %", "a: %57\n", `1:4: invalid YAML: a value starting with % must be quoted: write a: "%57"`},
		{"starts with @", "a: @foo\n", `1:4: invalid YAML: a value starting with @ must be quoted: write a: "@foo"`},
		{"starts with a backquote", "a: `x`\n", "1:4: invalid YAML: a value starting with ` must be quoted: write a: \"`x`\""},
		{"quoted, then more", "a:\n  rule: \"a\" >= 3\n",
			`2:9: invalid YAML: a value starting with " is read as a quoted text up to its closing ", and text follows it: quote the whole value: write rule: '"a" >= 3'`},
		{"list, then more", "a:\n  name: [draft] lead\n",
			`2:9: invalid YAML: a value starting with [ is read as a list up to its closing ], and text follows it: quote the whole value: write name: "[draft] lead"`},
		{"duplicate key", "a: 1\na: 2\n", `2:1: invalid YAML: duplicate key "a" (first at line 1, column 1): keep one`},
		{"unknown escape", "a: \"x\\q\"\n",
			`1:7: invalid YAML: found unknown escape character 'q': in "…" a backslash starts an escape: write \\ for a backslash, or quote with '…'`},
		{"tab", "a:\n\t- x\n", `2:1: invalid YAML: a tab cannot indent YAML: indent with spaces`},
		// No hint fits: the parser's message stands.
		{"list item among keys", "a:\n  - x\n  b: 1\n", `3:3: invalid YAML: value is not allowed in this context`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, p := Parse([]byte(tc.doc))
			require.NotNil(t, p, "want a syntax error")
			assert.Equal(t, tc.want, fmt.Sprintf("%d:%d: %s", p.Line, p.Col, p.Msg))
		})
	}
}

// Valid documents that look like the mistakes above parse as they are.
func TestSyntaxHintsLeaveValidYAML(t *testing.T) {
	for _, doc := range []string{
		"rule: \"x ? 1 : 0\"\n",
		"rule: 'say \"a\": b'\n",
		"a: [x, y] # list\n",
		"url: https://example.com/a\n",
		"p:\n  to: IC2\n  min_months: 18\n",
	} {
		_, _, p := Parse([]byte(doc))
		assert.Nil(t, p, "%q", doc)
	}
}

// The parser counts a lone \r as a line break, so it can report a line past
// the document's last "\n" line; the hints then leave its message as it is
// (FuzzParsePerson found the panic this was).
func TestSyntaxHintsLoneCarriageReturns(t *testing.T) {
	for _, doc := range []string{
		"\r\r\r*00000 00",
		"a: 1\r  b: 2\r   c: 3\r",
		"\r\r\r\r\r\r- a\r - b",
		"a:\r  - x\r - y: [1,\r",
	} {
		assert.NotPanics(t, func() { Parse([]byte(doc)) }, "%q", doc)
	}
	_, _, p := Parse([]byte("\r\r\r*00000 00"))
	require.NotNil(t, p)
	assert.Equal(t, 4, p.Line, "the parser's line")
}

// JSON is read as JSON: its syntax errors in JSON's terms, and no trailing
// comma, comment or single quote, which YAML would take (issue 24).
func TestParseJSONStrictly(t *testing.T) {
	for _, tc := range []struct {
		name, doc, want string // want: "line:col: message", or "" when it parses
	}{
		{"valid", `{"id": "x", "level": "L7"}`, ""},
		{"valid after white space", " \n {\"id\": \"x\"}\n", ""},
		{"empty object", `{}`, ""},
		{"YAML flow mapping", `{id: x, level: L7}`, ""},
		{"trailing comma", `{"id":"x","level":"L7",}`, "1:24: invalid JSON: a comma before }: JSON allows no comma after the last item"},
		{"trailing comma in a list", "{\"id\": \"x\",\n \"roles\": [\"a\",\n ]}", "3:2: invalid JSON: a comma before ]: JSON allows no comma after the last item"},
		{"missing comma", `{"id":"x" "level":"L7"}`, `1:11: invalid JSON: want "," before this item, or } to close the { on line 1`},
		{"missing comma in a list", "{\"roles\": [\n\"a\"\n\"b\"]}", `3:1: invalid JSON: want "," before this item, or ] to close the [ on line 1`},
		{"missing colon", `{"id" "x"}`, `1:7: invalid JSON: want ":" after the key`},
		{"bare key", `{"id":"x",level:"L7"}`, "1:11: invalid JSON: want a key in double quotes"},
		{"bare value", `{"id":x}`, "1:7: invalid JSON: want a value: a string in double quotes, a number, true, false, null, an object or a list"},
		{"unclosed object", `{"id":"x","level":"L7"`, "1:23: invalid JSON: the document ends before the } that closes the { on line 1"},
		{"unclosed list", "{\"id\": \"x\",\n \"roles\": [\"a\",\n \"b\"\n", "3:5: invalid JSON: the document ends before the ] that closes the [ on line 2"},
		{"ends after a key", `{"id": "broken", "level": "L4", "joined": `, "1:42: invalid JSON: the document ends where a value should follow"},
		{"ends after a comma", `{"id": "x",`, "1:12: invalid JSON: the document ends where a key should follow"},
		{"unclosed string", `{"id":"x","name":"é`, `1:20: invalid JSON: the document ends inside a string: close it with "`},
		{"comment", `{"id":"x"} // note`, "1:12: invalid JSON: want nothing after the document's closing }"},
		{"tab in a string", "{\"id\":\"x\ty\"}", `1:9: invalid JSON: a string holds a character JSON does not allow there: escape it (\n, \t, \", \\ or \uXXXX)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, p := Parse([]byte(tc.doc))
			if tc.want == "" {
				assert.Nil(t, p)
				return
			}
			require.NotNil(t, p)
			assert.Equal(t, tc.want, fmt.Sprintf("%d:%d: %s", p.Line, p.Col, p.Msg))
		})
	}
}

package yamlsrc

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A profile is a short document in a small part of YAML: block mappings and
// lists, one-line scalars, and flow lists and mappings such as
// {result: passed, date: 2026-06-01}. General YAML parsing is most of the
// cost of reading a profile, so ParseFast reads that small part directly.
// It is strictly a fast reader: it gives a tree only when Parse would give
// the same one, and leaves everything else — anchors, tags, block scalars,
// multi-line plain or quoted scalars, tabs, carriage returns, unusual
// escapes, and every syntax error — to Parse. A plain scalar whose type it
// cannot tell the way Parse would is a Scalar: only its text is known.

// yamlReader reads the profile subset of YAML from s. Its methods return
// false when the text is outside the subset.
type yamlReader struct {
	s string
	i int // read position

	// The line and start of line of offset at, for pos.
	at, atLine, atStart int

	*arena
}

// ParseFast reads a document in the profile subset of YAML, a block mapping
// at its top, or returns false when data must go to Parse.
func ParseFast(data []byte) (*Node, bool) { return parseFast(data, new(arena)) }

// parseFast is ParseFast into the arena a.
func parseFast(data []byte, a *arena) (*Node, bool) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !fastText(data) {
		return nil, false
	}
	r := yamlReader{s: string(data), atLine: 1, arena: a}
	if r.next() != 0 || !r.isKey() {
		return nil, false
	}
	root, ok := r.blockMap(0)
	if !ok || r.next() != -1 {
		return nil, false
	}
	return root, true
}

// pos returns the 1-based line and column (in bytes) of offset off. Offsets
// mostly come in increasing order, so it counts lines on from the last one.
func (r *yamlReader) pos(off int) (line, col int32) {
	if off < r.at {
		r.at, r.atLine, r.atStart = 0, 1, 0
	}
	for {
		k := strings.IndexByte(r.s[r.at:off], '\n')
		if k < 0 {
			break
		}
		r.at += k + 1
		r.atLine++
		r.atStart = r.at
	}
	r.at = off
	return int32(r.atLine), int32(off - r.atStart + 1)
}

// boolOrNull reports whether s is, in any ASCII case, a word some YAML reader
// takes for a boolean or for null.
func boolOrNull(s string) bool {
	var b [len("false")]byte
	if len(s) > len(b) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	switch string(b[:len(s)]) {
	case "true", "false", "yes", "no", "on", "off", "y", "n", "null":
		return true
	}
	return false
}

// plainScalar types a plain scalar the way every YAML reader types it:
// true, false, decimal integers and decimal fractions, and words that
// start with a letter and are not YAML 1.1 booleans. Anything else is a
// Scalar.
func plainScalar(n *Node, s string) {
	n.Text = s
	switch s {
	case "true":
		n.Kind, n.Bool = Bool, true
		return
	case "false":
		n.Kind = Bool
		return
	}
	n.Kind = Scalar
	c := s[0]
	if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
		if boolOrNull(s) {
			return
		}
		n.Kind, n.Style, n.Str = String, Plain, s
		return
	}
	digits, frac, isFrac := strings.Cut(strings.TrimPrefix(s, "-"), ".")
	if !decimalDigits(digits) || len(digits) > 18 || len(digits) > 1 && digits[0] == '0' {
		return
	}
	if !isFrac {
		i, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return
		}
		n.Kind, n.Int = Int, i
		return
	}
	if !decimalDigits(frac) || len(frac) > 17 {
		return
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return
	}
	n.Kind, n.Float = Float, f
}

// decimalDigits reports whether s is one or more digits 0-9.
func decimalDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// fastMaxColumn is the deepest indentation the fast path reads, checked
// by fastText and for list items; deeper documents go the full way, which
// enforces maxIndent.
const fastMaxColumn = 64

// fastMaxDepth bounds flow nesting on the fast path.
const fastMaxDepth = 8

// fastText reports whether data is text the fast path may read: valid
// UTF-8 within the line limit, indented no deeper than fastMaxColumn,
// without tabs, carriage returns or other control characters, and without
// the characters some YAML readers take as line breaks or byte order marks.
func fastText(data []byte) bool {
	if len(data) == 0 || bytes.Count(data, []byte{'\n'}) >= MaxLines-1 || !utf8.Valid(data) {
		return false
	}
	indent := 0 // spaces so far at the start of the line, or -1 past them
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case ' ' < c && c < 0x7f: // most of a profile
			indent = -1
			continue
		case c == ' ':
			if indent >= 0 {
				if indent++; indent > fastMaxColumn {
					return false
				}
			}
			continue
		case c == '\n':
			indent = 0
			continue
		}
		indent = -1
		switch {
		case c < 0x20, c == 0x7f:
			return false
		case c == 0xc2 && i+1 < len(data) && data[i+1] < 0xa0: // U+0080–U+009F, NEL among them
			return false
		case c == 0xe2 && i+2 < len(data) && data[i+1] == 0x80 && (data[i+2] == 0xa8 || data[i+2] == 0xa9): // U+2028, U+2029
			return false
		case c == 0xef && i+2 < len(data) && data[i+1] == 0xbb && data[i+2] == 0xbf: // U+FEFF
			return false
		}
	}
	return true
}

// next moves to the start of the next line with content, past blank and
// comment lines, and returns its indentation, or -1 at the end of the text.
func (r *yamlReader) next() int {
	for r.i < len(r.s) {
		j := r.i
		for j < len(r.s) && r.s[j] == ' ' {
			j++
		}
		if j == len(r.s) {
			r.i = j
			return -1
		}
		switch r.s[j] {
		case '\n':
			r.i = j + 1
			continue
		case '#':
			r.skipLine(j)
			continue
		}
		return j - r.i
	}
	return -1
}

// skipLine moves past the end of the line that holds position j.
func (r *yamlReader) skipLine(j int) {
	if k := strings.IndexByte(r.s[j:], '\n'); k >= 0 {
		r.i = j + k + 1
	} else {
		r.i = len(r.s)
	}
}

// lineEnds moves past the rest of the line when it holds only spaces and a
// comment, and reports whether it did.
func (r *yamlReader) lineEnds() bool {
	j := r.i
	for j < len(r.s) && r.s[j] == ' ' {
		j++
	}
	switch {
	case j == len(r.s):
		r.i = j
	case r.s[j] == '\n':
		r.i = j + 1
	case r.s[j] == '#' && j > r.i:
		r.skipLine(j)
	default:
		return false
	}
	return true
}

// dashAt reports whether position j starts a block list item.
func (r *yamlReader) dashAt(j int) bool {
	return j < len(r.s) && r.s[j] == '-' && (j+1 == len(r.s) || r.s[j+1] == ' ' || r.s[j+1] == '\n')
}

// keyEnd returns the end of a plain key at the read position (letters,
// digits, _ and -, not starting with -) followed by a colon and a space or
// line end, or -1.
func (r *yamlReader) keyEnd() int {
	j := r.i
	for j < len(r.s) {
		c := r.s[j]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-' && j > r.i {
			j++
			continue
		}
		break
	}
	if j == r.i || j == len(r.s) || r.s[j] != ':' {
		return -1
	}
	if j+1 < len(r.s) && r.s[j+1] != ' ' && r.s[j+1] != '\n' {
		return -1
	}
	switch r.s[r.i:j] {
	case "null", "Null", "NULL":
		return -1
	}
	return j
}

func (r *yamlReader) isKey() bool { return r.keyEnd() >= 0 }

// key reads a plain key and its colon.
func (r *yamlReader) key() (*Node, bool) {
	j := r.keyEnd()
	if j < 0 {
		return nil, false
	}
	k := r.s[r.i:j]
	line, col := r.pos(r.i)
	r.i = j + 1
	return r.node(Node{Kind: String, Style: Plain, Line: line, Col: col, Text: k, Str: k}), true
}

// hasKey reports whether a mapping already has key k, and records k in set
// when it does not. It scans entries while they are few and switches to
// set once there are many, so that a mapping of n keys is read in time
// linear in n.
func hasKey(entries []Entry, set *map[string]bool, k string) bool {
	if *set == nil {
		if len(entries) < 16 {
			for _, e := range entries {
				if e.Key.Str == k {
					return true
				}
			}
			return false
		}
		*set = make(map[string]bool, 2*len(entries))
		for _, e := range entries {
			(*set)[e.Key.Str] = true
		}
	}
	if (*set)[k] {
		return true
	}
	(*set)[k] = true
	return false
}

// blockMap reads a block mapping whose keys stand at column indent; the
// read position is at its first key. It stops at the start of the first
// line indented less.
func (r *yamlReader) blockMap(indent int) (*Node, bool) {
	line, col := r.pos(r.i)
	n := r.node(Node{Kind: Map, Line: line, Col: col})
	var set map[string]bool
	base := len(r.entries)
	for {
		kn, ok := r.key()
		if !ok || hasKey(r.entries[base:], &set, kn.Str) {
			return n, false
		}
		v, ok := r.value(indent)
		if !ok {
			return n, false
		}
		r.entries = append(r.entries, Entry{Key: kn, Value: v})
		m := r.next()
		switch {
		case m < indent: // -1 at the end
			n.Entries = r.takeEntries(base)
			return n, true
		case m > indent:
			return n, false
		}
		r.i += m
	}
}

// value reads the value after a key's colon in a block mapping at column
// indent.
func (r *yamlReader) value(indent int) (*Node, bool) {
	line, col := r.pos(r.i)
	col++ // where Parse places nothing: past the colon and a space
	if r.lineEnds() {
		m := r.next()
		switch {
		case m > indent:
			r.i += m
			if r.dashAt(r.i) {
				return r.blockList(m)
			}
			if !r.isKey() {
				return nil, false // a multi-line scalar, say
			}
			return r.blockMap(m)
		case m == indent && r.dashAt(r.i+m):
			r.i += m
			return r.blockList(m)
		}
		return r.node(Node{Kind: Null, Line: line, Col: col}), true // nothing: the next key follows
	}
	for r.s[r.i] == ' ' {
		r.i++
	}
	v, ok := r.inline(indent, 0, false)
	return v, ok && r.lineEnds()
}

// blockList reads a block list whose dashes stand at column indent; the
// read position is at its first dash.
func (r *yamlReader) blockList(indent int) (*Node, bool) {
	line, col := r.pos(r.i)
	n := r.node(Node{Kind: Seq, Line: line, Col: col})
	base := len(r.items)
	for {
		r.i++ // the dash
		sp := 0
		for r.i < len(r.s) && r.s[r.i] == ' ' {
			r.i++
			sp++
		}
		if sp == 0 || r.i == len(r.s) || r.s[r.i] == '\n' || r.s[r.i] == '#' || r.dashAt(r.i) || indent+1+sp > fastMaxColumn {
			return n, false // an item on the lines below, or a list in a list
		}
		var item *Node
		var ok bool
		if r.isKey() {
			item, ok = r.blockMap(indent + 1 + sp)
		} else {
			item, ok = r.inline(indent, 0, false)
			ok = ok && r.lineEnds()
		}
		if !ok {
			return n, false
		}
		r.items = append(r.items, item)
		m := r.next()
		switch {
		case m == indent && r.dashAt(r.i+m):
			r.i += m
		case m <= indent: // -1 at the end
			n.Items = r.takeItems(base)
			return n, true
		default:
			return n, false
		}
	}
}

// inline reads a value written in place: a flow list or mapping, a quoted
// scalar or a plain one. indent is the column of the block that holds it;
// flow values may go on over lines indented more. depth counts the flow
// collections around the value, and inFlow says there is one.
func (r *yamlReader) inline(indent, depth int, inFlow bool) (*Node, bool) {
	switch r.s[r.i] {
	case '[', '{':
		return r.flow(indent, depth)
	case '"', '\'':
		return r.quoted()
	}
	return r.plain(inFlow)
}

// plain reads a plain scalar. In a flow collection it ends at , ] or }.
// Scalars that YAML readers may treat specially (a colon, a bracket or a
// # anywhere, an indicator first) are left to the full path.
func (r *yamlReader) plain(flow bool) (*Node, bool) {
	start := r.i
	switch c := r.s[start]; c {
	case '-':
		if start+1 >= len(r.s) || r.s[start+1] < '0' || r.s[start+1] > '9' {
			return nil, false
		}
	case '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', ' ', '\n':
		return nil, false
	}
	j := start
scan:
	for ; j < len(r.s); j++ {
		switch r.s[j] {
		case '\n':
			break scan
		case ',', ']', '}':
			if flow {
				break scan
			}
			if r.s[j] != ',' {
				return nil, false
			}
		case ' ':
			if j+1 < len(r.s) && r.s[j+1] == '#' {
				break scan
			}
		case ':', '#', '[', '{', '"', '\\':
			return nil, false
		}
	}
	r.i = j
	text := strings.TrimRight(r.s[start:j], " ")
	line, col := r.pos(start)
	switch text {
	case "~", "null", "Null", "NULL":
		return r.node(Node{Kind: Null, Line: line, Col: col}), true
	}
	n := r.node(Node{Line: line, Col: col})
	plainScalar(n, text)
	return n, true
}

// quoted reads a one-line quoted scalar. In single quotes, two single
// quotes in a row stand for one; in double quotes, only the escapes \\,
// \", \n and \t are read.
func (r *yamlReader) quoted() (*Node, bool) {
	open, q := r.i, r.s[r.i]
	var b []byte // the text so far, once it has an escape
	escaped := false
	start := open + 1
	for j := start; j < len(r.s); j++ {
		c := r.s[j]
		switch {
		case c == '\n':
			return nil, false
		case q == '\'' && c == '\'' && j+1 < len(r.s) && r.s[j+1] == '\'':
			b = append(b, r.s[start:j+1]...)
			escaped, j, start = true, j+1, j+2
		case q == '"' && c == '\\':
			if j+1 >= len(r.s) {
				return nil, false
			}
			b = append(b, r.s[start:j]...)
			switch r.s[j+1] {
			case '\\', '"':
				b = append(b, r.s[j+1])
			case 'n':
				b = append(b, '\n')
			case 't':
				b = append(b, '\t')
			default:
				return nil, false
			}
			escaped, j, start = true, j+1, j+2
		case c == q:
			r.i = j + 1
			text := r.s[start:j]
			if escaped {
				text = string(append(b, text...))
			}
			style := SingleQuoted
			if q == '"' {
				style = DoubleQuoted
			}
			line, col := r.pos(open)
			return r.node(Node{Kind: String, Style: style, Line: line, Col: col, Str: text, Text: text}), true
		}
	}
	return nil, false
}

// flowSpace skips spaces and line breaks inside a flow collection. Lines
// it goes on to must be indented more than indent and hold content.
func (r *yamlReader) flowSpace(indent int) bool {
	for r.i < len(r.s) {
		switch r.s[r.i] {
		case ' ':
			r.i++
		case '\n':
			r.i++
			j := r.i
			for j < len(r.s) && r.s[j] == ' ' {
				j++
			}
			if j-r.i <= indent || j == len(r.s) || r.s[j] == '\n' || r.s[j] == '#' {
				return false
			}
			r.i = j
		default:
			return r.s[r.i] != '#'
		}
	}
	return false
}

// flow reads a flow list or mapping. Empty values, trailing commas and
// comments inside are left to the full path.
func (r *yamlReader) flow(indent, depth int) (*Node, bool) {
	if depth >= fastMaxDepth {
		return nil, false
	}
	list := r.s[r.i] == '['
	line, col := r.pos(r.i)
	closer := byte('}')
	n := r.node(Node{Kind: Map, Line: line, Col: col, Entries: []Entry{}})
	var set map[string]bool
	if list {
		closer = ']'
		*n = Node{Kind: Seq, Line: line, Col: col, Items: []*Node{}}
	}
	g := r.gather(n)
	r.i++
	if !r.flowSpace(indent) {
		return n, false
	}
	if r.s[r.i] == closer {
		r.i++
		return n, true
	}
	for {
		var kn *Node
		if !list {
			var ok bool
			if kn, ok = r.key(); !ok || hasKey(r.entries[g.ebase:], &set, kn.Str) || !r.flowSpace(indent) {
				return n, false
			}
		}
		v, ok := r.inline(indent, depth+1, true)
		if !ok || !r.flowSpace(indent) || !r.add(g, kn, v) {
			return n, false
		}
		switch r.s[r.i] {
		case ',':
			r.i++
			if !r.flowSpace(indent) || r.s[r.i] == closer {
				return n, false
			}
		case closer:
			r.i++
			r.close(g)
			return n, true
		default:
			return n, false
		}
	}
}

package yamlsrc

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Profiles exported from other systems are mostly JSON. ParseJSON reads a
// well-formed JSON object into the same tree Parse gives for it (JSON is
// YAML), without the YAML parser. It is strictly a fast reader: it declines
// what Parse might read differently — keys other than plain lower-case
// names, a key repeated in one object, control characters, escapes of
// surrogates, numbers too large for 64 bits — and every syntax error.

// jsonReader reads JSON from s. Its methods return false when the text is
// outside what ParseJSON reads.
type jsonReader struct {
	s         string
	i         int // read position
	line      int // the line of the read position, 1-based
	lineStart int // the offset where that line starts
	depth     int
	*arena
}

// ParseJSON reads a JSON document whose top is an object, or returns false
// when data must go to Parse.
func ParseJSON(data []byte) (*Node, bool) { return parseJSON(data, new(arena)) }

// parseJSON is ParseJSON into the arena a.
func parseJSON(data []byte, a *arena) (*Node, bool) {
	// Look for the { before copying the document: YAML comes here first.
	t := bytes.TrimLeft(data, " \t\r\n")
	if len(t) == 0 || t[0] != '{' || !utf8.Valid(data) {
		return nil, false
	}
	r := jsonReader{s: string(data), line: 1, arena: a}
	if !r.space() {
		return nil, false
	}
	n, ok := r.value()
	if !ok || r.space() || r.line > MaxLines-1 {
		return nil, false // trailing data, or too many lines
	}
	return n, true
}

// space skips white space and reports whether anything follows it.
func (r *jsonReader) space() bool {
	for ; r.i < len(r.s); r.i++ {
		switch r.s[r.i] {
		case ' ', '\t', '\r':
		case '\n':
			r.line++
			r.lineStart = r.i + 1
		default:
			return true
		}
	}
	return false
}

// node returns a node of kind k at the read position.
func (r *jsonReader) node(k Kind) *Node {
	return r.arena.node(Node{Kind: k, Line: int32(r.line), Col: int32(r.i - r.lineStart + 1)})
}

// value reads the value at the read position, which is not white space.
func (r *jsonReader) value() (*Node, bool) {
	switch c := r.s[r.i]; {
	case c == '{' || c == '[':
		return r.collection()
	case c == '"':
		n := r.node(String)
		n.Style = DoubleQuoted
		s, ok := r.str()
		n.Str, n.Text = s, s
		return n, ok
	case c == '-' || '0' <= c && c <= '9':
		return r.number()
	}
	for _, lit := range [...]string{"true", "false", "null"} {
		if strings.HasPrefix(r.s[r.i:], lit) {
			n := r.node(Bool)
			switch lit {
			case "true":
				n.Bool, n.Text = true, lit
			case "false":
				n.Text = lit
			case "null":
				n.Kind = Null
			}
			r.i += len(lit)
			return n, true
		}
	}
	return nil, false
}

// collection reads an object or an array; the read position is at its {
// or [.
func (r *jsonReader) collection() (*Node, bool) {
	if r.depth++; r.depth > MaxNesting {
		return nil, false
	}
	object := r.s[r.i] == '{'
	n, closer := r.node(Seq), byte(']')
	n.Items = []*Node{}
	if object {
		n.Kind, n.Items, n.Entries, closer = Map, nil, []Entry{}, '}'
	}
	var set map[string]bool
	g := r.gather(n)
	r.i++
	if !r.space() {
		return nil, false
	}
	if r.s[r.i] == closer {
		r.i++
		r.depth--
		return n, true
	}
	for {
		var k *Node
		if object {
			if k = r.key(r.entries[g.ebase:], &set); k == nil {
				return nil, false
			}
		}
		v, ok := r.value()
		if !ok || !r.space() || !r.add(g, k, v) {
			return nil, false
		}
		switch r.s[r.i] {
		case ',':
			r.i++
			if !r.space() {
				return nil, false
			}
		case closer:
			r.i++
			r.depth--
			r.close(g)
			return n, true
		default:
			return nil, false
		}
	}
}

// key reads an object's key and its colon, up to its value: nil when the
// key is not a plain one new to the object, whose entries so far are
// entries (and set, see hasKey).
func (r *jsonReader) key(entries []Entry, set *map[string]bool) *Node {
	if r.s[r.i] != '"' {
		return nil
	}
	k := r.node(String)
	key, ok := r.str()
	if !ok || !plainKey(key) || hasKey(entries, set, key) {
		return nil
	}
	k.Style, k.Str, k.Text = DoubleQuoted, key, key
	if !r.space() || r.s[r.i] != ':' {
		return nil
	}
	r.i++
	if !r.space() {
		return nil
	}
	return k
}

// str reads a string; the read position is at its opening quote.
func (r *jsonReader) str() (string, bool) {
	start := r.i + 1
	var b []byte // the string so far, once it has an escape
	for j := start; j < len(r.s); j++ {
		c := r.s[j]
		switch {
		case c == '"':
			r.i = j + 1
			if b == nil {
				return r.s[start:j], true
			}
			return string(append(b, r.s[start:j]...)), true
		case c < 0x20 || c == 0x7f:
			return "", false
		case c == '\\':
			if j+1 >= len(r.s) {
				return "", false
			}
			b = append(b, r.s[start:j]...)
			switch e := r.s[j+1]; e {
			case '"', '\\', '/':
				b = append(b, e)
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'u':
				if j+6 > len(r.s) {
					return "", false
				}
				v, err := strconv.ParseUint(r.s[j+2:j+6], 16, 32)
				if err != nil || 0xd800 <= v && v <= 0xdfff || v < 0x20 || v == 0x7f {
					return "", false
				}
				b = utf8.AppendRune(b, rune(v))
				j += 4
			default:
				return "", false
			}
			j++
			start = j + 1
		}
	}
	return "", false
}

// number reads a number as JSON writes it: an Int when it has neither a
// fraction nor an exponent, else a Float.
func (r *jsonReader) number() (*Node, bool) {
	start := r.i
	j := start
	if r.s[j] == '-' {
		j++
	}
	digits := func() int {
		k := j
		for j < len(r.s) && '0' <= r.s[j] && r.s[j] <= '9' {
			j++
		}
		return j - k
	}
	intStart := j
	if n := digits(); n == 0 || n > 1 && r.s[intStart] == '0' {
		return nil, false
	}
	isFloat := false
	if j < len(r.s) && r.s[j] == '.' {
		j++
		if digits() == 0 {
			return nil, false
		}
		isFloat = true
	}
	if j < len(r.s) && (r.s[j] == 'e' || r.s[j] == 'E') {
		j++
		if j < len(r.s) && (r.s[j] == '+' || r.s[j] == '-') {
			j++
		}
		if digits() == 0 {
			return nil, false
		}
		isFloat = true
	}
	n := r.node(Int)
	n.Text = r.s[start:j]
	r.i = j
	if isFloat {
		f, err := strconv.ParseFloat(n.Text, 64)
		n.Kind, n.Float = Float, f
		return n, err == nil
	}
	i, err := strconv.ParseInt(n.Text, 10, 64)
	n.Int = i
	return n, err == nil
}

// plainKey reports whether k is made of lower-case ASCII letters, digits,
// _ and -.
func plainKey(k string) bool {
	if k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// IsJSON reports whether data reads as a JSON document: it starts with {
// and then a double-quoted key or the closing }. Such a document must be
// JSON exactly (CheckJSON): YAML, which would also read it, takes a
// trailing comma, single quotes or a comment, and says what is wrong in
// its own terms.
func IsJSON(data []byte) bool {
	t := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\uFEFF")), " \t\r\n")
	if len(t) == 0 || t[0] != '{' {
		return false
	}
	t = bytes.TrimLeft(t[1:], " \t\r\n")
	return len(t) > 0 && (t[0] == '"' || t[0] == '}')
}

// CheckJSON returns the first syntax error of the JSON document data, in
// JSON's terms and at its line and column, or nil when data is JSON.
func CheckJSON(data []byte) *Problem {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	var v json.RawMessage
	err := json.Unmarshal(data, &v)
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		return nil // valid, or (beyond syntax) nothing JSON can say
	}
	at := min(max(int(se.Offset)-1, 0), len(data)) // the byte the error is at
	msg := jsonMessage(data, at, se.Error())
	if strings.HasPrefix(se.Error(), "unexpected end of JSON input") {
		at = len(bytes.TrimRight(data, " \t\r\n"))
	}
	line := 1 + bytes.Count(data[:at], []byte("\n"))
	lineStart := bytes.LastIndexByte(data[:at], '\n') + 1
	return &Problem{Line: line, Col: utf8.RuneCount(data[lineStart:at]) + 1, Msg: "invalid JSON: " + msg}
}

// jsonMessage says what encoding/json's message msg means for the byte at
// of data, in the words a person fixing the file needs.
func jsonMessage(data []byte, at int, msg string) string {
	end := strings.HasPrefix(msg, "unexpected end of JSON input")
	if end {
		at = len(data)
	}
	closer, openLine, inString := openAt(data, at)
	c := byte(0)
	if at < len(data) {
		c = data[at]
	}
	before := bytes.TrimRight(data[:at], " \t\r\n")
	switch {
	case end:
		if inString {
			return `the document ends inside a string: close it with "`
		}
		last := byte(0)
		if len(before) > 0 {
			last = before[len(before)-1]
		}
		switch {
		case last == ',' && closer == '}':
			return "the document ends where a key should follow"
		case closer == 0 || last == ':' || last == ',' || last == '[':
			return "the document ends where a value should follow"
		}
		return fmt.Sprintf("the document ends before the %c that closes the %c on line %d", closer, opener(closer), openLine)
	case (c == '}' || c == ']') && len(before) > 0 && before[len(before)-1] == ',':
		return fmt.Sprintf("a comma before %c: JSON allows no comma after the last item", c)
	case strings.Contains(msg, "after object key:value pair"), strings.Contains(msg, "after array element"):
		return fmt.Sprintf("want \",\" before this item, or %c to close the %c on line %d", closer, opener(closer), openLine)
	case strings.Contains(msg, "after object key"):
		return `want ":" after the key`
	case strings.Contains(msg, "looking for beginning of object key string"):
		return "want a key in double quotes"
	case strings.Contains(msg, "after top-level value"):
		return "want nothing after the document's closing }"
	case strings.Contains(msg, "looking for beginning of value"):
		return "want a value: a string in double quotes, a number, true, false, null, an object or a list"
	case strings.Contains(msg, "in string literal"), strings.Contains(msg, "in string escape code"):
		return "a string holds a character JSON does not allow there: escape it (\\n, \\t, \\\", \\\\ or \\uXXXX)"
	}
	return msg
}

// opener is the bracket that closer closes.
func opener(closer byte) byte {
	if closer == ']' {
		return '['
	}
	return '{'
}

// openAt returns, at offset at of data, what closes the innermost open
// collection (} or ], or 0 when none is open) and the line it was opened
// on, and whether at is inside a string.
func openAt(data []byte, at int) (closer byte, line int, inString bool) {
	type open struct {
		closer byte
		line   int
	}
	var stack []open
	escaped, ln := false, 1
	for _, c := range data[:at] {
		switch {
		case c == '\n':
			ln++
		case escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case c == '"':
			inString = !inString
		case inString:
		case c == '{':
			stack = append(stack, open{'}', ln})
		case c == '[':
			stack = append(stack, open{']', ln})
		case (c == '}' || c == ']') && len(stack) > 0:
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) == 0 {
		return 0, 0, inString
	}
	top := stack[len(stack)-1]
	return top.closer, top.line, inString
}

package ladder

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
	"github.com/ladderkit/ladder/internal/suggest"
)

// This file decodes YAML (and JSON, which goccy/go-yaml parses as YAML) into
// Go values by walking the syntax tree, so that every problem is collected
// with its position and field path instead of stopping at the first one.

// problem is one decoding or validation problem, before it becomes a
// DefinitionError or a ProfileError.
type problem struct {
	path      string
	line, col int
	msg       string
	err       error
}

// decoder walks a YAML syntax tree into Go values, collecting problems and
// remembering the node of every path it decoded.
type decoder struct {
	lines    []string
	problems []problem
	dropped  int // problems not recorded, over maxProblems
	nodes    map[string]ast.Node
}

// nodeUnmarshaler is implemented by types that decode themselves from a node.
type nodeUnmarshaler interface {
	unmarshalNode(d *decoder, n ast.Node, path string)
}

// parseYAML parses one YAML document. It returns the document's body (nil
// for an empty document) or the syntax problem.
func parseYAML(data []byte) (ast.Node, []string, *problem) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF")) // a byte order mark, as some editors write
	lines := strings.Split(string(data), "\n")
	if p := checkText(lines); p != nil {
		return nil, lines, p
	}
	if n := len(lines); n > maxLines {
		return nil, lines, &problem{line: maxLines + 1, col: 1, msg: fmt.Sprintf("file has %d lines, over the limit of %d", n, maxLines)}
	}
	if p := checkNesting(data); p != nil {
		return nil, lines, p
	}
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		msg := syntaxMessage(err)
		if strings.Contains(msg, "'\t'") {
			msg = "a tab cannot indent YAML: indent with spaces"
		}
		p := &problem{}
		var ye interface{ GetToken() *token.Token }
		if errors.As(err, &ye) && ye.GetToken() != nil && ye.GetToken().Position != nil {
			p.line, p.col = ye.GetToken().Position.Line, ye.GetToken().Position.Column
		}
		msg, p.line, p.col = syntaxHint(msg, lines, p.line, p.col)
		p.msg = "invalid YAML: " + msg
		return nil, lines, p
	}
	var docs []*ast.DocumentNode
	for _, doc := range f.Docs {
		if doc == nil || doc.Body == nil {
			continue
		}
		if _, null := doc.Body.(*ast.NullNode); null {
			continue // "~" alone holds nothing
		}
		docs = append(docs, doc)
	}
	switch len(docs) {
	case 0:
		return nil, lines, nil
	case 1:
		return docs[0].Body, lines, nil
	default:
		p := &problem{msg: "want one YAML document, got several"}
		if tk := docs[1].Start; tk != nil && tk.Position != nil {
			p.line, p.col = tk.Position.Line, tk.Position.Column // its "---"
		} else {
			p.line, p.col = nodePos(docs[1].Body)
		}
		return nil, lines, p
	}
}

// checkText reports the first byte that is not valid UTF-8, or the first
// control character other than tab, line feed and carriage return, which
// YAML does not allow: such a file is binary or in another encoding.
func checkText(lines []string) *problem {
	for i, l := range lines {
		col := 1
		for len(l) > 0 {
			r, size := utf8.DecodeRuneInString(l)
			switch {
			case r == utf8.RuneError && size == 1:
				return &problem{msg: "file is not valid UTF-8 text", line: i + 1, col: col}
			case r != '\t' && r != '\r' && (r < 0x20 || r == 0x7f):
				return &problem{msg: fmt.Sprintf("file is not text: it holds the control character %U", r), line: i + 1, col: col}
			}
			l = l[size:]
			col++
		}
	}
	return nil
}

// syntaxMessage returns the parser's message without its position prefix.
func syntaxMessage(err error) string {
	var ye interface{ GetMessage() string }
	if errors.As(err, &ye) {
		return strings.TrimSpace(ye.GetMessage())
	}
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return msg
}

func newDecoder(lines []string) *decoder {
	return &decoder{lines: lines, nodes: map[string]ast.Node{}}
}

// addf records a problem at node n (which may be nil).
func (d *decoder) addf(n ast.Node, path string, err error, format string, args ...any) {
	if len(d.problems) >= maxProblems {
		d.dropped++
		return
	}
	p := problem{path: path, msg: fmt.Sprintf(format, args...), err: err}
	p.line, p.col = nodePos(n)
	d.problems = append(d.problems, p)
}

// moreProblems is the last line of an error that lists maxProblems
// problems and leaves out n more.
func moreProblems(n int) string {
	return fmt.Sprintf("and %d more problems (only the first %d are listed)", n, maxProblems)
}

// nodePos returns the 1-based line and column where n starts.
func nodePos(n ast.Node) (int, int) {
	if n == nil || reflect.ValueOf(n).IsNil() {
		return 0, 0
	}
	if mv, ok := n.(*ast.MappingValueNode); ok && mv.Key != nil {
		n = mv.Key
	}
	// A block mapping's token is the first colon; it starts at its first key.
	if m, ok := n.(*ast.MappingNode); ok && !m.IsFlowStyle && len(m.Values) > 0 && m.Values[0].Key != nil {
		n = m.Values[0].Key
	}
	tk := n.GetToken()
	if tk == nil || tk.Position == nil {
		return 0, 0
	}
	return tk.Position.Line, tk.Position.Column
}

// pos returns the position of the node decoded at path, or of the nearest
// decoded ancestor when the path itself was absent from the file.
func (d *decoder) pos(path string) (int, int) {
	for {
		if n, ok := d.nodes[path]; ok {
			return nodePos(n)
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			if n, ok := d.nodes[""]; ok {
				return nodePos(n)
			}
			return 0, 0
		}
		path = path[:i]
	}
}

// keyPos returns the position of the key of a field path (its name in the
// file) when it is there, else that of the nearest ancestor.
func (d *decoder) keyPos(path string) (int, int) {
	if n, ok := d.nodes[path+"#key"]; ok {
		return nodePos(n)
	}
	return d.pos(path)
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func indexPath(path string, i int) string { return fmt.Sprintf("%s[%d]", path, i) }

// resolve strips anchors, and refuses aliases and tags: ladders and profiles
// are plain data, and aliases are the door to "billion laughs" documents.
func (d *decoder) resolve(n ast.Node, path string) ast.Node {
	for {
		switch t := n.(type) {
		case *ast.AnchorNode:
			n = t.Value
		case *ast.AliasNode:
			d.addf(n, path, nil, "YAML aliases are not supported: write the value out")
			return nil
		case *ast.TagNode:
			d.addf(n, path, nil, "YAML tags are not supported")
			return nil
		case *ast.MergeKeyNode: // a key, resolved with the path of its mapping
			d.addf(n, joinPath(path, "<<"), nil, "YAML merge keys are not supported: write the keys out")
			return nil
		case *ast.NullNode:
			return nil
		case *ast.CommentGroupNode:
			return nil
		default:
			return n
		}
		if n == nil {
			return nil
		}
	}
}

var (
	timeType = reflect.TypeFor[time.Time]()
)

// decode decodes node n into v, which must be addressable.
func (d *decoder) decode(n ast.Node, v reflect.Value, path string) {
	if n = d.resolve(n, path); n == nil {
		return
	}
	d.nodes[path] = n
	if v.CanAddr() {
		if u, ok := v.Addr().Interface().(nodeUnmarshaler); ok {
			u.unmarshalNode(d, n, path)
			return
		}
	}
	if v.Type() == timeType {
		if t, ok := d.date(n, path); ok {
			v.Set(reflect.ValueOf(t))
		}
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		e := reflect.New(v.Type().Elem())
		d.decode(n, e.Elem(), path)
		v.Set(e)
	case reflect.String:
		if s, ok := d.scalarText(n, path); ok {
			v.SetString(s)
		}
	case reflect.Bool:
		b, ok := n.(*ast.BoolNode)
		if !ok {
			d.addf(n, path, nil, "want true or false, got %s", describe(n))
			return
		}
		v.SetBool(b.Value)
	case reflect.Int, reflect.Int64, reflect.Int32:
		i, ok := d.integer(n, path)
		if ok && v.OverflowInt(i) {
			d.addf(n, path, nil, "integer %d is out of range", i)
			return
		}
		if ok {
			v.SetInt(i)
		}
	case reflect.Float64:
		switch t := n.(type) {
		case *ast.IntegerNode:
			if i, ok := d.integer(n, path); ok {
				v.SetFloat(float64(i))
			}
		case *ast.FloatNode:
			if _, msg := numberForm(n); msg != "" {
				d.addf(n, path, nil, "%s", msg)
				return
			}
			v.SetFloat(t.Value)
		default:
			switch x, msg := numberForm(n); x := x.(type) {
			case nil:
				if msg != "" {
					d.addf(n, path, nil, "%s", msg)
					return
				}
			case int64:
				v.SetFloat(float64(x))
				return
			case float64:
				v.SetFloat(x)
				return
			}
			d.addf(n, path, nil, "want a number, got %s", describe(n))
		}
	case reflect.Slice:
		seq, ok := n.(*ast.SequenceNode)
		if !ok {
			d.addf(n, path, nil, "want a list, got %s", describe(n))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(seq.Values), len(seq.Values))
		for i, item := range seq.Values {
			d.decode(item, s.Index(i), indexPath(path, i))
		}
		v.Set(s)
	case reflect.Map:
		m, ok := d.mapping(n, path)
		if !ok {
			return
		}
		out := reflect.MakeMapWithSize(v.Type(), len(m))
		for _, kv := range m {
			key, _ := d.scalarText(kv.Key, path)
			p := joinPath(path, key)
			d.nodes[p+"#key"] = kv.Key
			e := reflect.New(v.Type().Elem()).Elem()
			d.decode(kv.Value, e, p)
			out.SetMapIndex(reflect.ValueOf(key).Convert(v.Type().Key()), e)
		}
		v.Set(out)
	case reflect.Struct:
		d.decodeStruct(n, v, path)
	case reflect.Interface:
		d.decodeAny(n, v, path)
	default:
		d.addf(n, path, nil, "cannot decode into %s", v.Type())
	}
}

// mapping returns the key-value pairs of a mapping node.
func (d *decoder) mapping(n ast.Node, path string) ([]*ast.MappingValueNode, bool) {
	switch t := n.(type) {
	case *ast.MappingNode:
		return t.Values, true
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{t}, true
	}
	d.addf(n, path, nil, "want a mapping of keys to values, got %s", describe(n))
	return nil, false
}

type structField struct {
	name  string
	index int
}

var structFields sync.Map // reflect.Type → []structField

func fieldsOf(t reflect.Type) []structField {
	if f, ok := structFields.Load(t); ok {
		return f.([]structField)
	}
	var fields []structField
	for i := range t.NumField() {
		tag := t.Field(i).Tag.Get("yaml")
		name, _, _ := strings.Cut(tag, ",")
		if name == "" || name == "-" {
			continue
		}
		fields = append(fields, structField{name, i})
	}
	structFields.Store(t, fields)
	return fields
}

func (d *decoder) decodeStruct(n ast.Node, v reflect.Value, path string) {
	m, ok := d.mapping(n, path)
	if !ok {
		return
	}
	fields := fieldsOf(v.Type())
	for _, kv := range m {
		key, ok := d.scalarText(kv.Key, path)
		if !ok {
			continue
		}
		i := slicesIndexFunc(fields, func(f structField) bool { return f.name == key })
		if i < 0 {
			names := make([]string, len(fields))
			for j, f := range fields {
				names[j] = f.name
			}
			d.addf(kv.Key, joinPath(path, key), nil, "unknown key %q%s", key, suggest.DidYouMean(key, names))
			continue
		}
		p := joinPath(path, key)
		d.nodes[p+"#key"] = kv.Key
		d.decode(kv.Value, v.Field(fields[i].index), p)
	}
}

func slicesIndexFunc[T any](s []T, f func(T) bool) int {
	for i, x := range s {
		if f(x) {
			return i
		}
	}
	return -1
}

// decodeAny decodes a scalar into an interface value: int64, float64, bool
// or string.
func (d *decoder) decodeAny(n ast.Node, v reflect.Value, path string) {
	var x any
	if x, msg := numberForm(n); msg != "" {
		d.addf(n, path, nil, "%s", msg)
		return
	} else if x != nil {
		v.Set(reflect.ValueOf(x))
		return
	}
	switch t := n.(type) {
	case *ast.IntegerNode:
		i, ok := d.integer(n, path)
		if !ok {
			return
		}
		x = i
	case *ast.FloatNode:
		x = t.Value
	case *ast.BoolNode:
		x = t.Value
	case *ast.StringNode, *ast.LiteralNode:
		if outOfRange(n) {
			d.addf(n, path, nil, "integer %s is out of range", t.GetToken().Value)
			return
		}
		s, _ := d.scalarText(n, path)
		x = s
	case *ast.InfinityNode, *ast.NanNode:
		d.addf(n, path, nil, "want a finite number, got %s", t.GetToken().Value)
		return
	default:
		d.addf(n, path, nil, "want a single value, got %s", describe(n))
		return
	}
	v.Set(reflect.ValueOf(x))
}

// scalarText returns the text of a scalar. Numbers and booleans are accepted
// as their written text (a title of 2024 is the string "2024").
func (d *decoder) scalarText(n ast.Node, path string) (string, bool) {
	if n = d.resolve(n, path); n == nil {
		return "", false
	}
	switch t := n.(type) {
	case *ast.StringNode:
		return t.Value, true
	case *ast.LiteralNode:
		return t.Value.Value, true
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		return t.GetToken().Value, true
	}
	d.addf(n, path, nil, "want text, got %s", describe(n))
	return "", false
}

func (d *decoder) integer(n ast.Node, path string) (int64, bool) {
	switch x, msg := numberForm(n); x := x.(type) {
	case nil:
		if msg != "" {
			d.addf(n, path, nil, "%s", msg)
			return 0, false
		}
	case int64:
		return x, true
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return int64(x), true
		}
		d.addf(n, path, nil, "want a whole number, got %s", describe(n))
		return 0, false
	}
	in, ok := n.(*ast.IntegerNode)
	if !ok {
		if f, ok := n.(*ast.FloatNode); ok && f.Value == math.Trunc(f.Value) && math.Abs(f.Value) < 1<<53 {
			return int64(f.Value), true
		}
		if outOfRange(n) {
			d.addf(n, path, nil, "integer %s is out of range", n.GetToken().Value)
			return 0, false
		}
		d.addf(n, path, nil, "want a whole number, got %s", describe(n))
		return 0, false
	}
	switch x := in.Value.(type) {
	case int64:
		return x, true
	case uint64:
		if x <= math.MaxInt64 {
			return int64(x), true
		}
	}
	d.addf(n, path, nil, "integer %s is out of range", in.GetToken().Value)
	return 0, false
}

// outOfRange reports whether n is a whole number too large for 64 bits,
// which goccy/go-yaml reads as a string when it is written without quotes.
func outOfRange(n ast.Node) bool {
	s, ok := n.(*ast.StringNode)
	if !ok || s.Token == nil || s.Token.Type != token.StringType {
		return false
	}
	digits := strings.TrimLeft(s.Value, "+-")
	return len(s.Value)-len(digits) <= 1 && digits != "" && strings.Trim(digits, "0123456789") == ""
}

// date decodes a civil date written as YYYY-MM-DD.
func (d *decoder) date(n ast.Node, path string) (time.Time, bool) {
	s, ok := d.scalarText(n, path)
	if !ok {
		return time.Time{}, false
	}
	t, err := ParseDate(s)
	if err != nil {
		d.addf(n, path, nil, "%v", err)
		return time.Time{}, false
	}
	return t, true
}

// describe names what a node holds, for "want X, got Y" messages.
func describe(n ast.Node) string {
	switch t := n.(type) {
	case nil:
		return "nothing"
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	case *ast.StringNode:
		return quoteShort(t.Value)
	case *ast.LiteralNode:
		return quoteShort(t.Value.Value)
	case *ast.BoolNode:
		return fmt.Sprint(t.Value)
	case *ast.IntegerNode, *ast.FloatNode, *ast.InfinityNode, *ast.NanNode:
		return t.GetToken().Value
	}
	return strings.ToLower(strings.TrimSuffix(n.Type().String(), "Type"))
}

// quoteShort quotes s for a message, cut to its first 40 runes.
func quoteShort(s string) string {
	n := 0
	for i := range s {
		if n == 40 {
			return fmt.Sprintf("%q…", s[:i])
		}
		n++
	}
	return fmt.Sprintf("%q", s)
}

// numberForm checks a plain scalar written as a number in a form other
// than decimal digits, which YAML readers turn into a value its digits do
// not say (010 is 8 in YAML 1.1) or read differently from JSON. A whole
// number with leading zeros is read as its decimal digits say (010 is 10,
// as a person reads it) and a number with an exponent as JSON reads it
// (1.5e3 is 1500): x is then its value, an int64 or a float64.
// Hexadecimal, octal and binary numbers and underscores return a message
// that says how to write the number instead. Otherwise x is nil and msg "".
func numberForm(n ast.Node) (x any, msg string) {
	switch n.(type) {
	case *ast.IntegerNode, *ast.FloatNode:
	case *ast.StringNode:
		if tk := n.GetToken(); tk == nil || tk.Type != token.StringType {
			return nil, "" // quoted: text, as written
		}
	default:
		return nil, ""
	}
	tk := n.GetToken()
	if tk == nil {
		return nil, ""
	}
	text := tk.Value
	body := strings.TrimLeft(text, "+-")
	if len(body) < 2 || body[0] < '0' || body[0] > '9' && body[0] != '.' {
		return nil, ""
	}
	for j := 0; j < len(body); j++ {
		c := body[j]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || c == '.' || c == '+' || c == '-') {
			return nil, "" // text such as 9:30 or 1/2
		}
	}
	plain := func() string { // the value in decimal digits, when it has one
		if v, err := strconv.ParseInt(strings.ReplaceAll(text, "_", ""), 0, 64); err == nil {
			return strconv.FormatInt(v, 10)
		}
		if f, err := strconv.ParseFloat(strings.ReplaceAll(text, "_", ""), 64); err == nil && !math.IsInf(f, 0) {
			if s := strconv.FormatFloat(f, 'f', -1, 64); len(s) <= 40 {
				return s
			}
		}
		return ""
	}
	say := func(what string) string {
		if p := plain(); p != "" {
			return fmt.Sprintf("%s %s; write numbers in decimal digits, here %s", text, what, p)
		}
		return fmt.Sprintf("%s %s; write numbers in decimal digits", text, what)
	}
	lower := strings.ToLower(body)
	switch {
	case strings.HasPrefix(lower, "0x"):
		return nil, say("is a hexadecimal number")
	case strings.HasPrefix(lower, "0o"):
		return nil, say("is an octal number")
	case strings.HasPrefix(lower, "0b"):
		return nil, say("is a binary number")
	case strings.Contains(body, "_"):
		return nil, say("holds underscores")
	case strings.ContainsAny(body, "eE"):
		f, err := strconv.ParseFloat(text, 64)
		switch {
		case err == nil:
			return f, ""
		case errors.Is(err, strconv.ErrRange):
			return nil, fmt.Sprintf("number %s is out of range", text)
		}
	case body[0] == '0' && decimalDigits(body):
		v, err := strconv.ParseInt(text, 10, 64)
		if err != nil {
			return nil, fmt.Sprintf("integer %s is out of range", text)
		}
		return v, ""
	}
	return nil, ""
}

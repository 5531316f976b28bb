package yamlsrc

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
)

// Limits of the full reader, which the caller states in its documentation.
const (
	// MaxLines bounds the lines of one document: the YAML parser's cost
	// grows with the square of the number of keys in one block mapping.
	MaxLines = 5000
	// MaxNesting bounds how deeply collections nest: the YAML parser's cost
	// grows with the square of the depth.
	MaxNesting = 64
	// MaxIndent bounds the column where a line's content starts, which
	// bounds block nesting the same way.
	MaxIndent = 256
	// MaxFlowItems bounds the items of one flow collection ([a, b] or
	// {k: v}): the YAML parser's cost of a long one, duplicate keys and all,
	// is seconds near the size limit.
	MaxFlowItems = 5000
)

// Parse parses one YAML document (JSON is YAML too) with the full parser.
// It returns the document's body (nil for an empty document) and its lines,
// or the syntax problem. A document that reads as JSON (IsJSON) must be
// JSON exactly, and its syntax problem is said in JSON's terms.
func Parse(data []byte) (*Node, []string, *Problem) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF")) // a byte order mark, as some editors write
	lines := strings.Split(string(data), "\n")
	if p := checkText(lines); p != nil {
		return nil, lines, p
	}
	if n := len(lines); n > MaxLines {
		return nil, lines, &Problem{Line: MaxLines + 1, Col: 1, Msg: fmt.Sprintf("file has %d lines, over the limit of %d", n, MaxLines)}
	}
	if IsJSON(data) {
		if p := CheckJSON(data); p != nil {
			return nil, lines, p
		}
	}
	if p := CheckNesting(data); p != nil {
		return nil, lines, p
	}
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		msg := syntaxMessage(err)
		if strings.Contains(msg, "'\t'") {
			msg = "a tab cannot indent YAML: indent with spaces"
		}
		p := &Problem{}
		var ye interface{ GetToken() *token.Token }
		if errors.As(err, &ye) && ye.GetToken() != nil && ye.GetToken().Position != nil {
			p.Line, p.Col = ye.GetToken().Position.Line, ye.GetToken().Position.Column
		}
		msg, p.Line, p.Col = syntaxHint(msg, lines, p.Line, p.Col)
		p.Msg = "invalid YAML: " + msg
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
		return convert(docs[0].Body), lines, nil
	default:
		p := &Problem{Msg: "want one YAML document, got several"}
		if tk := docs[1].Start; tk != nil && tk.Position != nil {
			p.Line, p.Col = tk.Position.Line, tk.Position.Column // its "---"
		} else {
			p.Line, p.Col = nodePos(docs[1].Body)
		}
		return nil, lines, p
	}
}

// checkText reports the first byte that is not valid UTF-8, or the first
// control character other than tab, line feed and carriage return, which
// YAML does not allow: such a file is binary or in another encoding.
func checkText(lines []string) *Problem {
	for i, l := range lines {
		col := 1
		for len(l) > 0 {
			r, size := utf8.DecodeRuneInString(l)
			switch {
			case r == utf8.RuneError && size == 1:
				return &Problem{Msg: "file is not valid UTF-8 text", Line: i + 1, Col: col}
			case r != '\t' && r != '\r' && (r < 0x20 || r == 0x7f):
				return &Problem{Msg: fmt.Sprintf("file is not text: it holds the control character %U", r), Line: i + 1, Col: col}
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

// convert turns goccy's syntax tree into Nodes. Anchors are transparent;
// nil is a Null without a position.
func convert(n ast.Node) *Node {
	if n == nil || reflect.ValueOf(n).IsNil() {
		return &Node{Kind: Null}
	}
	out := &Node{}
	line, col := nodePos(n)
	out.Line, out.Col = int32(line), int32(col)
	text := func() string {
		if tk := n.GetToken(); tk != nil {
			return tk.Value
		}
		return ""
	}
	typ := strings.ToLower(strings.TrimSuffix(n.Type().String(), "Type"))
	switch t := n.(type) {
	case *ast.AnchorNode:
		return convert(t.Value)
	case *ast.AliasNode:
		out.Kind, out.Text = Alias, typ
	case *ast.TagNode:
		out.Kind, out.Text = Tag, typ
	case *ast.MergeKeyNode:
		out.Kind, out.Text = MergeKey, typ
	case *ast.NullNode, *ast.CommentGroupNode:
		return &Node{Kind: Null, Line: out.Line, Col: out.Col}
	case *ast.MappingNode:
		out.Kind = Map
		out.Entries = make([]Entry, len(t.Values))
		for i, kv := range t.Values {
			out.Entries[i] = Entry{Key: convert(kv.Key), Value: convert(kv.Value)}
		}
	case *ast.MappingValueNode:
		out.Kind = Map
		out.Entries = []Entry{{Key: convert(t.Key), Value: convert(t.Value)}}
	case *ast.SequenceNode:
		out.Kind = Seq
		out.Items = make([]*Node, len(t.Values))
		for i, item := range t.Values {
			out.Items[i] = convert(item)
		}
	case *ast.BoolNode:
		out.Kind, out.Bool, out.Text = Bool, t.Value, text()
	case *ast.IntegerNode:
		out.Kind, out.Text = Int, text()
		switch x := t.Value.(type) {
		case int64:
			out.Int = x
		case uint64:
			if x <= math.MaxInt64 {
				out.Int = int64(x)
			} else {
				out.Overflow = true
			}
		default:
			out.Overflow = true
		}
	case *ast.FloatNode:
		out.Kind, out.Float, out.Text = Float, t.Value, text()
	case *ast.InfinityNode, *ast.NanNode:
		out.Kind, out.Text = Special, text()
	case *ast.StringNode:
		out.Kind, out.Str, out.Text, out.Style = String, t.Value, text(), Typed
		if t.Token != nil {
			switch t.Token.Type {
			case token.DoubleQuoteType:
				out.Style = DoubleQuoted
			case token.SingleQuoteType:
				out.Style = SingleQuoted
			case token.StringType:
				out.Style = Plain
			}
		}
	case *ast.LiteralNode:
		out.Kind, out.Style = String, Block
		if t.Value != nil {
			out.Str = t.Value.Value
		}
		out.Text = out.Str
	default:
		out.Kind, out.Text = Other, typ
	}
	return out
}

// Package yamlsrc reads YAML and JSON documents into a small tree of nodes
// that keep their line and column, for the ladder package's decoder. It
// holds the three readers: the full YAML parser (goccy/go-yaml, with
// messages that say how to fix common mistakes), and fast readers for the
// block-and-flow YAML that profiles are usually written in and for plain
// JSON. All three give the same tree for the same document; the fast ones
// decline (return false) what they do not read exactly as the full one.
package yamlsrc

// Kind is what a Node holds.
type Kind uint8

// The kinds of nodes.
const (
	Null     Kind = iota // nothing: an empty value, ~ or null
	Bool                 // true or false
	Int                  // a whole number
	Float                // a number with a fraction or an exponent
	String               // text, quoted or not
	Special              // .inf, -.inf or .nan
	Map                  // a mapping
	Seq                  // a list
	Alias                // an alias (*name)
	Tag                  // a tagged value (!tag)
	MergeKey             // a merge key (<<)
	Other                // anything else YAML allows; Text says what
	Scalar               // a plain scalar ParseFast did not type: only Text is known
)

// Style is how a String was written.
type Style uint8

// The styles of strings.
const (
	Plain        Style = iota // unquoted
	DoubleQuoted              // "…"
	SingleQuoted              // '…'
	Block                     // a block scalar, | or >
	Typed                     // unquoted, but typed by the parser (a timestamp, say): never a number
)

// Node is one value of a document.
// Its fields are ordered, and its position is in 32 bits, to keep it small:
// a profile is a hundred or more nodes.
type Node struct {
	Kind      Kind
	Style     Style   // a String's style
	Overflow  bool    // an Int too large for an int64
	Bool      bool    // a Bool's value
	Line, Col int32   // where it starts, 1-based; 0 when unknown
	Text      string  // a scalar as written (a quoted string without its quotes, unescaped)
	Str       string  // a String's value
	Int       int64   // an Int's value
	Float     float64 // a Float's value
	Entries   []Entry // a Map's keys and values, in order
	Items     []*Node // a Seq's items
}

// Entry is one key and its value in a mapping.
type Entry struct {
	Key, Value *Node
}

// Problem is a problem reading a document, at a 1-based line and column
// (0 when unknown).
type Problem struct {
	Line, Col int
	Msg       string
}

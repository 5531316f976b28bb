package yamlsrc

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// This file turns the YAML parser's syntax messages into ones that say how to
// fix the mistake, for the mistakes people make most while writing a ladder
// or a profile by hand: a value holding ": " left unquoted, a key indented
// too deep, a quote opened and not closed. Each hint points at the line that
// is wrong, which is not always the one the parser stopped at.

// syntaxHint returns the message and position to report for the parser's
// message msg at line:col (1-based) of lines, or msg and line:col unchanged
// when it knows no better.
func syntaxHint(msg string, lines []string, line, col int) (string, int, int) {
	text := func(n int) string {
		if n < 1 || n > len(lines) {
			return ""
		}
		return strings.TrimSuffix(lines[n-1], "\r")
	}
	if line > len(lines) {
		// The parser counts a lone \r as a line break; lines do not.
		return msg, line, col
	}
	cur := text(line)
	key, value := splitKeyValue(cur)
	switch {
	case msg == "mapping value is not allowed in this context":
		// Either the value on this line holds ": " (a plain value cannot),
		// or the next line's key is indented deeper than this line's.
		if key != "" && (strings.Contains(value, ": ") || strings.HasSuffix(value, ":")) {
			return fmt.Sprintf("a value holding \": \" must be quoted: write %s: %s", key, quote(value)), line, col
		}
		if next, n := nextContent(lines, line); n > 0 {
			if m, ok := overIndented(cur, next); ok {
				return m, n, indent(next) + 1
			}
		}
	case msg == "value is not allowed in this context. map key-value is pre-defined":
		// The key at line sits deeper than the key: value line above it.
		if prev := prevContent(lines, line); prev != "" {
			if m, ok := overIndented(prev, cur); ok {
				return m, line, indent(cur) + 1
			}
		}
	case msg == "value is not allowed in this context", msg == "non-map value is specified":
		prev := prevContent(lines, line)
		if in := indent(cur); strings.TrimSpace(cur) != "" && in < indent(prev)+dashWidth(prev) && !linesUp(lines, line, in) {
			return fmt.Sprintf("this line is indented to column %d, which lines up with no key above it: indent it %s", in+1, alignments(lines, line, in)), line, in + 1
		}
	case msg == "',' or ']' must be specified", msg == "',' or '}' must be specified":
		open, end := byte('['), msg[8]
		if end == '}' {
			open = '{'
		}
		for n := line; n >= 1 && n >= line-maxFlowLines; n-- {
			l := text(n)
			if i := strings.LastIndexByte(l, open); i >= 0 && strings.Count(l, string(open)) > strings.Count(l, string(end)) {
				return fmt.Sprintf("want \",\" before this item, or %c to close the %c on line %d", end, open, n), line, col
			}
		}
	case strings.HasPrefix(msg, "could not find end character of double-quoted text"):
		return `a value opened with " is not closed on its line: add the closing ", or use '…' if the value holds "`, line, col
	case strings.HasPrefix(msg, "could not find end character of single-quoted text"):
		return `a value opened with ' is not closed on its line: add the closing ' (write '' for a ' inside it), or use "…"`, line, col
	case strings.HasSuffix(msg, "is a reserved character"), strings.HasPrefix(msg, "unexpected directive value"):
		if key != "" && value != "" {
			return fmt.Sprintf("a value starting with %c must be quoted: write %s: %s", value[0], key, quote(value)), line, col
		}
	case strings.HasPrefix(msg, "found unknown escape character"):
		if key != "" {
			return fmt.Sprintf(`%s: in "…" a backslash starts an escape: write \\ for a backslash, or quote with '…'`, msg), line, col
		}
	case strings.HasPrefix(msg, "mapping key ") && strings.Contains(msg, " already defined at ["):
		// mapping key "a" already defined at [1:1]
		if m := alreadyDefined.FindStringSubmatch(msg); m != nil {
			return fmt.Sprintf("duplicate key %s (first at line %s, column %s): keep one", m[1], m[2], m[3]), line, col
		}
	}
	// A value that starts with a quote or a bracket and goes on after it:
	// the parser read the quoted or bracketed part as the whole value.
	if key != "" && len(value) > 1 && strings.ContainsRune(`"'[{`, rune(value[0])) && !closedAlone(value) {
		return fmt.Sprintf("a value starting with %c is read as %s up to its closing %c, and text follows it: quote the whole value: write %s: %s",
			value[0], map[byte]string{'"': "a quoted text", '\'': "a quoted text", '[': "a list", '{': "a mapping"}[value[0]],
			map[byte]byte{'"': '"', '\'': '\'', '[': ']', '{': '}'}[value[0]], key, quote(value)), line, strings.Index(cur, value) + 1
	}
	return msg, line, col
}

// maxFlowLines is how far back an unclosed [ or { is looked for.
const maxFlowLines = 50

// linesUp reports whether some line above line n starts a key or a list item
// at column in+1, so that a line indented by in belongs beside it.
func linesUp(lines []string, n, in int) bool {
	for i := min(n-2, len(lines)-1); i >= 0; i-- {
		l := strings.TrimSuffix(lines[i], "\r")
		if t := strings.TrimSpace(l); t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if indent(l) == in || indent(l)+dashWidth(l) == in {
			return true
		}
	}
	return false
}

// alignments says where a line at line n, indented by in, could go: to the
// column of the enclosing key above it indented closest deeper, or of the
// nearest enclosing key indented less.
func alignments(lines []string, n, in int) string {
	var deeper, shallower string
	limit := -1 // the keys above that still enclose line n are indented less than this
	for i := min(n-2, len(lines)-1); i >= 0 && shallower == ""; i-- {
		l := strings.TrimSuffix(lines[i], "\r")
		k := keyName(l)
		if k == "" || strings.HasPrefix(strings.TrimSpace(l), "#") {
			continue
		}
		c := indent(l) + dashWidth(l)
		if limit >= 0 && c >= limit {
			continue
		}
		limit = c
		at := fmt.Sprintf("to column %d, as %q is", c+1, k)
		if c > in {
			deeper = at // the last one seen is the closest above in
		} else if c < in {
			shallower = at
		}
	}
	switch {
	case deeper != "" && shallower != "":
		return deeper + ", or " + shallower
	case deeper != "":
		return deeper
	case shallower != "":
		return shallower
	}
	return "as the keys it belongs with"
}

var alreadyDefined = regexp.MustCompile(`^mapping key ("[^"]*") already defined at \[(\d+):(\d+)\]`)

// splitKeyValue splits a "  - key: value # comment" line into its key and its
// value without the comment; key is "" when the line holds no "key: ".
func splitKeyValue(line string) (key, value string) {
	s := strings.TrimLeft(line, " ")
	for strings.HasPrefix(s, "- ") {
		s = strings.TrimLeft(s[2:], " ")
	}
	k, v, ok := strings.Cut(s, ": ")
	if !ok || k == "" || strings.ContainsAny(k, `"'[]{}#`) || strings.Contains(k, " ") {
		if k, ok := strings.CutSuffix(s, ":"); ok && k != "" && !strings.Contains(k, " ") {
			return k, ""
		}
		return "", ""
	}
	v = strings.TrimSpace(v)
	if i := strings.Index(v, " #"); i >= 0 && !strings.ContainsAny(v[:1], `"'`) {
		v = strings.TrimSpace(v[:i])
	}
	return k, v
}

// closedAlone reports whether value is one quoted or bracketed item with
// nothing after it, a form the parser reads whole.
func closedAlone(value string) bool {
	end := map[byte]byte{'"': '"', '\'': '\'', '[': ']', '{': '}'}[value[0]]
	i := strings.IndexByte(value[1:], end)
	if i < 0 {
		return true // not closed: another message says so
	}
	rest := strings.TrimSpace(value[i+2:])
	return rest == "" || strings.HasPrefix(rest, "#")
}

// quote returns value as a YAML quoted text, double-quoted unless it holds a
// " or a backslash.
func quote(value string) string {
	if !strings.ContainsAny(value, `"\`) {
		return `"` + value + `"`
	}
	if !strings.Contains(value, "'") {
		return "'" + value + "'"
	}
	return strconv.Quote(value)
}

// overIndented returns the message for a key on line next indented deeper
// than the key: value on line cur, just above it.
func overIndented(cur, next string) (string, bool) {
	nk, _ := splitKeyValue(next)
	if nk == "" || keyName(cur) == "" || indent(next) <= indent(cur)+dashWidth(cur) {
		return "", false
	}
	return fmt.Sprintf("key %q is indented deeper than the line above: indent it to column %d, as %q is, or nest it under a key that ends with \":\"",
		nk, indent(cur)+1+dashWidth(cur), keyName(cur)), true
}

// prevContent returns the last line before line n that is neither blank nor
// a comment, or "".
func prevContent(lines []string, n int) string {
	for i := min(n-2, len(lines)-1); i >= 0; i-- {
		l := strings.TrimSuffix(lines[i], "\r")
		if t := strings.TrimSpace(l); t != "" && !strings.HasPrefix(t, "#") {
			return l
		}
	}
	return ""
}

// nextContent returns the first line after line n that is neither blank nor
// a comment, and its number (0 when there is none).
func nextContent(lines []string, n int) (string, int) {
	for i := n; i < len(lines); i++ {
		l := strings.TrimSuffix(lines[i], "\r")
		if t := strings.TrimSpace(l); t != "" && !strings.HasPrefix(t, "#") {
			return l, i + 1
		}
	}
	return "", 0
}

// indent is the number of spaces a line starts with.
func indent(line string) int { return len(line) - len(strings.TrimLeft(line, " ")) }

// dashWidth is the width of the "- " markers after a line's indentation,
// which its keys are indented past.
func dashWidth(line string) int {
	s := line[indent(line):]
	t := strings.TrimLeft(s, "- ")
	if t == s {
		return 0
	}
	return len(s) - len(t)
}

// keyName returns the key of a "key: value" line, as text to show.
func keyName(line string) string {
	k, _ := splitKeyValue(line)
	return k
}

package yamlsrc

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// OutOfRange reports whether n is a whole number too large for 64 bits,
// which goccy/go-yaml reads as a string when it is written without quotes.
func (n *Node) OutOfRange() bool {
	if n.Kind != String || n.Style != Plain {
		return false
	}
	digits := strings.TrimLeft(n.Str, "+-")
	return len(n.Str)-len(digits) <= 1 && digits != "" && strings.Trim(digits, "0123456789") == ""
}

// Describe names what a node holds, for "want X, got Y" messages.
func (n *Node) Describe() string {
	if n == nil {
		return "nothing"
	}
	switch n.Kind {
	case Map:
		return "a mapping"
	case Seq:
		return "a list"
	case String:
		return quoteShort(n.Str)
	case Scalar:
		return quoteShort(n.Text)
	case Bool:
		return fmt.Sprint(n.Bool)
	case Null:
		return "null"
	}
	return n.Text
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

// NumberForm checks a plain scalar written as a number in a form other
// than decimal digits, which YAML readers turn into a value its digits do
// not say (010 is 8 in YAML 1.1) or read differently from JSON. A whole
// number with leading zeros is read as its decimal digits say (010 is 10,
// as a person reads it) and a number with an exponent as JSON reads it
// (1.5e3 is 1500): x is then its value, an int64 or a float64.
// Hexadecimal, octal and binary numbers and underscores return a message
// that says how to write the number instead. Otherwise x is nil and msg "".
func (n *Node) NumberForm() (x any, msg string) {
	switch n.Kind {
	case Int, Float:
	case String:
		if n.Style != Plain {
			return nil, "" // quoted: text, as written
		}
	default:
		return nil, ""
	}
	text := n.Text
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

package main

import (
	"encoding/csv"
	"io"
	"strings"
)

// csvWriter writes CSV (RFC 4180) for a spreadsheet to open: a cell that
// would start a formula is neutralised (see safeCell). Every CSV the
// command writes goes through one.
type csvWriter struct {
	w   *csv.Writer
	rec []string
}

func newCSVWriter(w io.Writer) *csvWriter { return &csvWriter{w: csv.NewWriter(w)} }

// Write writes one record, its cells made safe.
func (c *csvWriter) Write(record []string) error {
	c.rec = c.rec[:0]
	for _, s := range record {
		c.rec = append(c.rec, safeCell(s))
	}
	return c.w.Write(c.rec)
}

// Flush writes any buffered data to the underlying writer.
func (c *csvWriter) Flush() { c.w.Flush() }

// Error returns the first error of a Write or Flush.
func (c *csvWriter) Error() error { return c.w.Error() }

// safeCell neutralises a cell that a spreadsheet would read as a formula,
// as the OWASP guidance on CSV injection says: one that starts with =, +,
// -, @, a tab or a carriage return and is not a number gets a leading ',
// which makes it text. "-3" and "+1.5" stay as they are; "=1+2" becomes
// "'=1+2" and "-2+3" "'-2+3". A cell that starts with ' and one of those
// gets one more ', so that ladder's readers, which drop one, read it back
// as it was.
func safeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '@', '\t', '\r':
		return "'" + s
	case '\'':
		// A cell that starts with the mark itself keeps it through a
		// reader that drops one (ladder's do: "'=x" is written "''=x").
		if len(s) > 1 && strings.IndexByte("=+-@\t\r'", s[1]) >= 0 {
			return "'" + s
		}
	case '+', '-':
		if !isDecimal(s[1:]) {
			return "'" + s
		}
	}
	return s
}

// isDecimal reports whether s is a plain decimal number with no sign:
// digits with an optional fraction ("3", "1.50", ".5"), optionally
// followed by an exponent ("1e-3").
func isDecimal(s string) bool {
	digits := func(i int) int {
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i
	}
	i := digits(0)
	n := i
	if i < len(s) && s[i] == '.' {
		j := digits(i + 1)
		n += j - i - 1
		i = j
	}
	if n == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		j := digits(i)
		if j == i {
			return false
		}
		i = j
	}
	return i == len(s)
}

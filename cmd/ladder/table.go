package main

import (
	"io"
	"strings"
	"unicode/utf8"

	"github.com/ladderkit/ladder/internal/jsonform"
)

// ANSI colours for marks and verdicts, used only at a terminal.
const (
	green  = "\x1b[32m"
	red    = "\x1b[31m"
	yellow = "\x1b[33m"
	bold   = "\x1b[1m"
	reset  = "\x1b[0m"
)

// paint wraps s in colour c when color is on.
func paint(color bool, c, s string) string {
	if !color || c == "" || s == "" {
		return s
	}
	return c + s + reset
}

// cell is one table cell: its text and, at a terminal, its colour.
type cell struct {
	text  string
	color string
}

// table lays out rows in columns aligned by rune count, so ✓, – and ×
// take one column each. The last column is not padded.
type table struct {
	header []string
	rows   [][]cell
	right  map[int]bool // right-aligned columns (amounts)
	// widths are measured by the first write; a table written in blocks
	// as its rows come keeps them, and its header is written once.
	widths []int
	headed bool
}

func (t *table) add(cells ...cell) { t.rows = append(t.rows, cells) }

// addText adds a row of uncoloured cells.
func (t *table) addText(texts ...string) {
	cells := make([]cell, len(texts))
	for i, s := range texts {
		cells[i] = cell{text: s}
	}
	t.add(cells...)
}

func (t *table) write(w io.Writer, indent string, color bool) {
	widths := t.widths
	fixed := widths != nil
	measure := func(i int, s string) {
		if fixed {
			return
		}
		for len(widths) <= i {
			widths = append(widths, 0)
		}
		widths[i] = max(widths[i], utf8.RuneCountInString(s))
	}
	for i, h := range t.header {
		measure(i, h)
	}
	for _, r := range t.rows {
		for i, c := range r {
			measure(i, c.text)
		}
	}
	line := func(cells []cell, headerRow bool) {
		var b strings.Builder
		b.WriteString(indent)
		for i, c := range cells {
			last := i == len(cells)-1
			width := 0
			if i < len(widths) {
				width = widths[i]
			}
			gap := strings.Repeat(" ", max(0, width-utf8.RuneCountInString(c.text)))
			text := c.text
			if headerRow {
				text = paint(color, bold, text)
			} else {
				text = paint(color, c.color, text)
			}
			switch {
			case t.right[i]:
				b.WriteString(gap + text)
			case last:
				b.WriteString(text)
			default:
				b.WriteString(text + gap)
			}
			if !last {
				b.WriteString("  ")
			}
		}
		io.WriteString(w, strings.TrimRight(b.String(), " ")+"\n")
	}
	t.widths = widths
	if len(t.header) > 0 && !t.headed {
		t.headed = true
		h := make([]cell, len(t.header))
		for i, s := range t.header {
			h[i] = cell{text: s}
		}
		line(h, true)
	}
	for _, r := range t.rows {
		line(r, false)
	}
	t.rows = t.rows[:0]
}

// wrap writes text as lines of at most width runes (a longer word stays
// whole), the first prefixed by first and the others by rest.
func wrap(w io.Writer, text, first, rest string, width int) {
	prefix := first
	var cur strings.Builder
	n := 0
	flush := func() {
		io.WriteString(w, prefix+cur.String()+"\n")
		cur.Reset()
		n = 0
		prefix = rest
	}
	for _, word := range strings.Fields(text) {
		wl := utf8.RuneCountInString(word)
		if n > 0 && utf8.RuneCountInString(prefix)+n+1+wl > width {
			flush()
		}
		if n > 0 {
			cur.WriteByte(' ')
			n++
		}
		cur.WriteString(word)
		n += wl
	}
	if n > 0 || prefix == first {
		flush()
	}
}

// textWidth is the width prose is wrapped to in text output.
const textWidth = 88

// writeJSON writes v as indented JSON ending in a newline. Like
// Report.JSON, it leaves <, > and & unescaped, so rules read as written.
func writeJSON(w io.Writer, v any) error {
	b, err := jsonText(v)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// jsonText is v as the command writes JSON: the library's JSON form,
// indented by two spaces, <, > and & as they are, ending in a newline.
func jsonText(v any) ([]byte, error) {
	compact, err := jsonform.Marshal(v)
	if err != nil {
		return nil, err
	}
	return append(jsonform.Indent(make([]byte, 0, 2*len(compact)), compact), '\n'), nil
}

package ladder

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/ladderkit/ladder/internal/suggest"
)

// csvHeader is the header row of a CSV stream: the field each column holds.
type csvHeader struct {
	names []string // "id", "level", "metrics.feature_hit_rate", …
}

// flatUnrecorded are the fields a flat CSV has no place for.
var flatUnrecorded = unrecordedAll.names()

// csvColumns are the columns of a CSV stream besides metrics.<id>.
var csvColumns = []string{"id", "name", "level", "level_since", "joined", "roles", "checklist"}

// fieldFor returns the column that holds the field path, or -1.
func (h *csvHeader) fieldFor(path string) int {
	name := path
	if !strings.HasPrefix(path, "metrics.") {
		name, _, _ = strings.Cut(path, "[")
		name, _, _ = strings.Cut(name, ".")
	}
	return slices.Index(h.names, name)
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r     io.Reader
	n     int64
	limit func(read int64) error
	err   error
}

func (c *countingReader) Read(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	if c.err = c.limit(c.n); c.err != nil {
		return 0, c.err // for good: the stream cannot be resynchronised
	}
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

var errRecordTooLong = fmt.Errorf("record is over the limit of %d bytes", maxFileSize)

func readCSV(br *bufio.Reader, yield func(Person, error) bool) {
	var cr *csv.Reader
	// The record limit is checked before each read of csv's 4 KiB buffer
	// on the bytes read past the end of the last whole line, so a row is
	// stopped within a few KiB past 1 MiB; the stream ends there.
	counter := &countingReader{r: br}
	counter.limit = func(read int64) error {
		if read-cr.InputOffset() > maxFileSize {
			return errRecordTooLong
		}
		return nil
	}
	cr = csv.NewReader(counter)
	cr.ReuseRecord = true
	cr.TrimLeadingSpace = true
	row, err := cr.Read()
	if err != nil {
		yield(Person{src: &record{line: 1}}, csvError(err, 1))
		return
	}
	h, err := readCSVHeader(cr, row)
	if err != nil {
		yield(Person{src: &record{line: 1}}, err)
		return
	}
	lastLine := 1
	for {
		row, err := cr.Read()
		if err == io.EOF {
			return
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) || errors.Is(err, errRecordTooLong) {
				line := lastLine + 1 // the record after the last one read
				if pe != nil {
					line = pe.StartLine
				}
				yield(Person{src: &record{line: line}}, csvError(err, line))
				return
			}
			if !yield(Person{src: &record{line: pe.StartLine}}, csvError(err, pe.StartLine)) {
				return
			}
			continue
		}
		if len(row) == 1 && strings.TrimSpace(row[0]) == "" {
			continue
		}
		line, _ := cr.FieldPos(0)
		lastLine = line
		rec := &record{line: line, csv: h, cols: make([]int, len(row))}
		for i := range row {
			_, rec.cols[i] = cr.FieldPos(i)
		}
		p, err := h.person(row, rec)
		p.src = rec
		if err == nil {
			p.Unrecorded = flatUnrecorded // a flat CSV has no place for the list fields
		}
		if !yield(p, err) {
			return
		}
	}
}

// csvError is a CSV syntax or reading error at its line and column, or
// else at line.
func csvError(err error, line int) ProfileErrors {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := pe.Err.Error()
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			msg = "wrong number of fields: want one per column of the header"
		}
		return ProfileErrors{{Line: pe.Line, Column: max(pe.Column, 1), Message: "invalid CSV: " + msg, Err: pe.Err}}
	}
	if errors.Is(err, errRecordTooLong) {
		return tooLongError(line)
	}
	return readError(line, err)
}

func readCSVHeader(cr *csv.Reader, row []string) (*csvHeader, error) {
	h := &csvHeader{names: make([]string, len(row))}
	var errs ProfileErrors
	for i, name := range row {
		name = strings.TrimSpace(name)
		h.names[i] = name
		line, col := cr.FieldPos(i)
		switch {
		case slices.Contains(h.names[:i], name):
			errs = append(errs, &ProfileError{Line: line, Column: col, Message: fmt.Sprintf("column %q appears twice", name)})
		case slices.Contains(csvColumns, name):
		case strings.HasPrefix(name, "metrics.") && len(name) > len("metrics."):
		default:
			errs = append(errs, &ProfileError{Line: line, Column: col,
				Message: fmt.Sprintf("unknown column %q%s (want %s, or metrics.<id>)", name,
					suggest.DidYouMean(name, csvColumns), strings.Join(csvColumns, ", "))})
		}
	}
	for _, need := range []string{"id", "level"} {
		if !slices.Contains(h.names, need) {
			errs = append(errs, &ProfileError{Line: 1, Column: 1, Message: fmt.Sprintf("missing column %q", need)})
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return h, nil
}

// person builds the person of one CSV row. An empty cell is "not given".
func (h *csvHeader) person(row []string, rec *record) (Person, error) {
	var p Person
	var errs ProfileErrors
	add := func(i int, path, format string, args ...any) {
		errs = append(errs, &ProfileError{Path: path, Line: rec.line, Column: rec.cols[i], Message: fmt.Sprintf(format, args...)})
	}
	for i, cell := range row {
		cell = strings.TrimSpace(cell)
		name := h.names[i]
		if cell == "" {
			continue
		}
		switch name {
		case "id":
			p.ID = cell
		case "name":
			p.Name = cell
		case "level":
			p.Level = LevelID(cell)
		case "level_since", "joined":
			t, err := ParseDate(cell)
			if err != nil {
				add(i, name, "%v", err)
				continue
			}
			if name == "joined" {
				p.Joined = t
			} else {
				p.LevelSince = t
			}
		case "roles":
			p.Roles = splitList(cell)
		case "checklist":
			p.Checklist = splitList(cell)
		default:
			if p.Metrics == nil {
				p.Metrics = map[string]any{}
			}
			p.Metrics[strings.TrimPrefix(name, "metrics.")] = csvValue(cell)
		}
	}
	for _, need := range []string{"id", "level"} {
		if i := slices.Index(h.names, need); i >= 0 && strings.TrimSpace(row[i]) == "" {
			add(i, need, "missing required value")
		}
	}
	if len(errs) > 0 {
		return Person{}, errs
	}
	return p, nil
}

// splitList splits a ";"-separated cell, dropping empty items.
func splitList(cell string) []string {
	var out []string
	for item := range strings.SplitSeq(cell, ";") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// csvValue reads a metric cell as YAML would read the same plain scalar:
// an integer (int64), a number (float64), true or false, or else the text ("74%").
func csvValue(cell string) any {
	if n, err := strconv.ParseInt(cell, 10, 64); err == nil {
		return n
	}
	if f, err := strconv.ParseFloat(cell, 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
		return f
	}
	switch cell {
	case "true":
		return true
	case "false":
		return false
	}
	return cell
}

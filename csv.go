package ladder

import (
	"bufio"
	"bytes"
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
	names []string // the fields, lower-case: "id", "level", "metrics.feature_hit_rate", …
	raw   []string // the header cells as written (trimmed): "Level", "Metrics.Feature_Hit_Rate"
	sep   rune     // the separator: ',', ';' or '\t'
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

// header returns the header of column i as written, or "".
func (h *csvHeader) header(i int) string {
	if i < 0 || i >= len(h.raw) {
		return ""
	}
	return h.raw[i]
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

// utf8BOM is the byte-order mark Excel writes at the start of "CSV UTF-8".
var utf8BOM = []byte("\xef\xbb\xbf")

func readCSV(br *bufio.Reader, yield func(Person, error) bool) {
	if bom, _ := br.Peek(len(utf8BOM)); bytes.Equal(bom, utf8BOM) {
		br.Discard(len(utf8BOM))
	}
	sep := csvSeparator(peekHead(br))
	var cr *csv.Reader
	// The record limit is checked before each read of csv's 4 KiB buffer
	// on the bytes read past the end of the last whole record, so a row is
	// stopped within a few KiB past 1 MiB, however many line breaks its
	// quoted cells hold; the stream ends there.
	var recordStart int64 // where the record being read began
	counter := &countingReader{r: br}
	counter.limit = func(read int64) error {
		if read-recordStart > maxFileSize {
			return errRecordTooLong
		}
		return nil
	}
	cr = csv.NewReader(counter)
	cr.Comma = sep
	cr.FieldsPerRecord = -1 // rows are checked against the header here, to say more
	cr.ReuseRecord = true
	// With a tab as the separator, trimming leading white space would
	// swallow the tabs of empty cells; cells are trimmed when read anyway.
	cr.TrimLeadingSpace = sep != '\t'
	row, err := cr.Read()
	if err != nil {
		yield(Person{src: &record{line: 1}}, csvError(err, 1))
		return
	}
	h, err := readCSVHeader(cr, row, sep)
	if err != nil {
		yield(Person{src: &record{line: 1}}, err)
		return
	}
	lastLine := 1
	for {
		recordStart = cr.InputOffset()
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
		if allBlank(row) {
			continue // an empty row, such as ",,,," from a spreadsheet
		}
		line, _ := cr.FieldPos(0)
		lastLine = line
		if n := len(h.names); len(row) != n {
			if len(row) < n || !allBlank(row[n:]) {
				if !yield(Person{src: &record{line: line}}, h.cellCountError(line, len(row))) {
					return
				}
				continue
			}
			row = row[:n] // trailing empty cells, under trailing unnamed columns
		}
		rec := &record{line: line, csv: h, cols: make([]int, len(row))}
		for i := range row {
			_, rec.cols[i] = cr.FieldPos(i)
		}
		p, err := h.person(row, rec)
		if err != nil {
			rec.failed, rec.decoded = err.(ProfileErrors), true // p holds what was read
		}
		p.src = rec
		p.Unrecorded = flatUnrecorded // a flat CSV has no place for the list fields
		if !yield(p, err) {
			return
		}
	}
}

// csvSeparator tells the separator of a CSV stream from its header line,
// the first non-blank line of head: the one of ",", ";" (European Excel)
// and tab that it holds most of outside double quotes, "," when it holds
// none.
func csvSeparator(head []byte) rune {
	head = bytes.TrimLeft(head, " \t\r\n")
	first, _, _ := bytes.Cut(head, []byte("\n"))
	var counts [3]int // ",", ";", tab
	quoted := false
	for _, c := range first {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == ',':
			counts[0]++
		case c == ';':
			counts[1]++
		case c == '\t':
			counts[2]++
		}
	}
	best, most := ',', counts[0]
	for i, sep := range []rune{';', '\t'} {
		if counts[i+1] > most {
			best, most = sep, counts[i+1]
		}
	}
	return best
}

// allBlank reports whether every cell is empty or white space.
func allBlank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// cellCountError is the problem of a row whose cells do not match the
// header's columns.
func (h *csvHeader) cellCountError(line, cells int) ProfileErrors {
	msg := fmt.Sprintf("row has %d cells, the header has %d: ", cells, len(h.names))
	if cells < len(h.names) {
		msg += "write a cell for every column, empty when the value is not given"
	} else {
		switch h.sep {
		case ';':
			msg += `put a cell that holds a semicolon in double quotes ("Chen; Maya")`
		case '\t':
			msg += "put a cell that holds a tab in double quotes"
		default:
			msg += `put a cell that holds a comma in double quotes ("Chen, Maya")`
		}
	}
	return ProfileErrors{{Line: line, Column: 1, Message: msg}}
}

// csvError is a CSV syntax or reading error at its line and column, or
// else at line.
func csvError(err error, line int) ProfileErrors {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return ProfileErrors{{Line: pe.Line, Column: max(pe.Column, 1), Message: "invalid CSV: " + pe.Err.Error(), Err: pe.Err}}
	}
	if errors.Is(err, errRecordTooLong) {
		return tooLongError(line)
	}
	return readError(line, err)
}

// readCSVHeader reads the header row. Names are matched regardless of case
// ("Level", "Metrics.Products_Owned"); empty names at the end (a
// spreadsheet's trailing empty columns) are dropped.
func readCSVHeader(cr *csv.Reader, row []string, sep rune) (*csvHeader, error) {
	n := len(row)
	for n > 0 && strings.TrimSpace(row[n-1]) == "" {
		n--
	}
	h := &csvHeader{names: make([]string, n), raw: make([]string, n), sep: sep}
	var errs ProfileErrors
	dropped := 0                     // problems over maxProblems, counted
	seen := make(map[string]bool, n) // a header may have as many columns as fit in a record
	for i, raw := range row[:n] {
		raw = strings.TrimSpace(raw)
		name := strings.ToLower(raw)
		h.names[i], h.raw[i] = name, raw
		fail := func(format string, args ...any) {
			if len(errs) >= maxProblems {
				dropped++
				return
			}
			line, col := cr.FieldPos(i)
			errs = append(errs, &ProfileError{Line: line, Column: col, Message: fmt.Sprintf(format, args...)})
		}
		repeated := seen[name]
		seen[name] = true
		switch {
		case name == "":
			fail("column %s has no name: name it, or delete the column", columnName(i+1))
		case repeated:
			fail("column %q appears twice", raw)
		case slices.Contains(csvColumns, name):
		case strings.HasPrefix(name, "metrics.") && len(name) > len("metrics."):
		default:
			fail("unknown column %q%s (want %s, or metrics.<id>)", raw,
				suggest.DidYouMean(name, csvColumns), strings.Join(csvColumns, ", "))
		}
	}
	for _, need := range []string{"id", "level"} {
		if !seen[need] {
			errs = append(errs, &ProfileError{Line: 1, Column: 1, Message: fmt.Sprintf("missing column %q", need)})
		}
	}
	if dropped > 0 {
		errs = append(errs, &ProfileError{Message: moreProblems(dropped)})
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return h, nil
}

// person builds the person of one CSV row, which has a cell for each
// column. An empty cell is "not given". On problems, the person holds what
// could be read.
func (h *csvHeader) person(row []string, rec *record) (Person, error) {
	var p Person
	var errs ProfileErrors
	add := func(i int, path, format string, args ...any) {
		errs = append(errs, &ProfileError{Path: path, Line: rec.line, Column: rec.cols[i], Header: h.raw[i], Message: fmt.Sprintf(format, args...)})
	}
	for i, cell := range row {
		cell = unquoteCell(strings.TrimSpace(cell))
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
		return p, errs
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

// csvValue reads a metric cell as YAML would read the same plain scalar,
// with a spreadsheet's booleans: an integer (int64; 1 and 0 too, which a
// bool metric takes), a number (float64), true/false, yes/no or y/n in any
// case (bool), or else the text ("74%").
func csvValue(cell string) any {
	if n, err := strconv.ParseInt(cell, 10, 64); err == nil {
		return n
	}
	if f, err := strconv.ParseFloat(cell, 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
		return f
	}
	if len(cell) <= len("false") {
		switch strings.ToLower(cell) {
		case "true", "yes", "y":
			return true
		case "false", "no", "n":
			return false
		}
	}
	return cell
}

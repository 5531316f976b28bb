package ladder

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"runtime"

	"github.com/ladderkit/ladder/internal/ordered"
)

// record is where a person read by ReadPeople came from: the line its record
// starts on and the record itself, so that problems Evaluate finds by field
// path can be pointed at in the stream.
type record struct {
	line int    // first line of the record in the stream, from 1
	doc  []byte // the JSON or YAML document; nil for CSV
	csv  *csvHeader
	cols []int // CSV: the column of each field of the row, from 1
	// table is where the person's rows are, for a person read from tables.
	table *tablePos
	// failed holds the problems of a record that did not read whole,
	// placed in the stream: evaluating its person reports them, with the
	// ladder's problems of the fields that did read when decoded is set
	// (the person holds those fields).
	failed  ProfileErrors
	decoded bool
}

// locate sets the line and column of each problem of err in the stream.
// A problem that cannot be placed more precisely is put at the record's
// first line.
func (rec *record) locate(err error) {
	var pes ProfileErrors
	if rec == nil || !errors.As(err, &pes) {
		return
	}
	if rec.table != nil {
		rec.table.locate(pes)
		return
	}
	if rec.csv != nil {
		for _, e := range pes {
			if e.Line == 0 {
				e.Line, e.Column = rec.line, 1
				if i := rec.csv.fieldFor(e.Path); i >= 0 && i < len(rec.cols) {
					e.Column, e.Header = rec.cols[i], rec.csv.header(i)
				}
			}
		}
		return
	}
	var unplaced bool
	for _, e := range pes {
		unplaced = unplaced || (e.Line == 0 && e.Path != "")
	}
	if unplaced {
		pes.Locate(rec.doc)
	}
	for _, e := range pes {
		if e.Line > 0 {
			e.Line += rec.line - 1
		} else {
			e.Line, e.Column = rec.line, 1
		}
	}
}

// ReadPeople reads a stream of profiles, one record at a time: JSON Lines
// (one JSON profile a line, blank lines skipped) when the first non-blank
// byte is "{" (a single JSON profile written over several lines is read
// as one record), CSV with a header row when the first line is a list of
// column names (see docs/format.md), and otherwise a YAML stream of
// documents separated by "---" lines.
//
// A record that does not parse yields its ProfileErrors, each with the Line
// (and Column) where the problem is in the stream, and reading goes on with
// the next record. The Person yielded with them holds the fields that did
// read, such as the id and name; EvaluateStream reports the ladder's
// problems of those fields with them, and never evaluates it. A record may be at most 1 MiB; a longer one is an error
// and is skipped. Memory does not grow with the length of the stream.
// People read here keep their record's position, so that EvaluateStream
// can place the problems it finds at their line too.
func ReadPeople(r io.Reader) iter.Seq2[Person, error] {
	return func(yield func(Person, error) bool) {
		split := func(emit func(rawRecord) bool) {
			br := bufio.NewReaderSize(r, 64<<10)
			yield := func(p Person, err error) bool { return emit(rawRecord{p: p, err: err, parsed: true}) }
			switch sniff(br) {
			case streamJSONLines:
				readJSONLines(br, emit)
			case streamJSONDoc:
				readJSONDoc(br, emit)
			case streamCSV:
				readCSV(br, yield)
			case streamWorkbook:
				readWorkbook(br, emit)
			case streamJSONArray:
				yield(Person{src: &record{line: 1}}, ProfileErrors{{Line: 1, Column: 1,
					Message: "a JSON array of people: write one profile a line (JSON Lines) instead"}})
			default:
				readYAMLStream(br, emit)
			}
		}
		for p, err := range readRecords(split) {
			if !yield(p, err) {
				return
			}
		}
	}
}

// readRecords parses the records split off by split on every core and
// yields them in order, a person whose id was read before an error at the
// later record. Records are split in order on one goroutine and parsed on
// every core: parsing is most of the cost.
func readRecords(split func(emit func(rawRecord) bool)) iter.Seq2[Person, error] {
	return func(yield func(Person, error) bool) {
		seen := map[string]int{} // the line or row of each id read
		for rec := range ordered.Map(split, runtime.GOMAXPROCS(0), parseRecord) {
			if err := duplicate(rec.p, seen); rec.err == nil {
				rec.err = err
			}
			if !yield(rec.p, rec.err) {
				return
			}
		}
	}
}

// duplicate is the error of a person whose id was read before in the
// stream, at the line (or row) seen holds, or nil; it notes p's line
// otherwise. The person is counted and paid once, at the first record.
func duplicate(p Person, seen map[string]int) error {
	if p.ID == "" {
		return nil
	}
	first, dup := seen[p.ID]
	if !dup {
		seen[p.ID] = p.Line()
		return nil
	}
	where := fmt.Sprintf("line %d", first)
	if p.src != nil && p.src.table != nil {
		where = fmt.Sprintf("row %d of table people", first)
	}
	errs := ProfileErrors{{Path: "id", Message: fmt.Sprintf("person %q appears again: first at %s", p.ID, where)}}
	p.src.locate(errs)
	return errs
}

// Line returns the line where ReadPeople read the person's record (the
// row, for a person read from tables), or 0 for a person not read from a
// stream.
func (p Person) Line() int {
	if p.src == nil {
		return 0
	}
	return p.src.line
}

// rawRecord is one record of a stream, as split off: a JSON or YAML
// document still to be parsed, or a person (or error) already made.
type rawRecord struct {
	line   int
	doc    []byte
	table  *tableRaw // a row of a people table, with the person's rows of the list tables
	p      Person
	err    error
	parsed bool
}

// parseRecord parses the document of a raw record that needs it.
func parseRecord(raw rawRecord) rawRecord {
	if raw.parsed {
		return raw
	}
	if raw.table != nil {
		return raw.table.person(raw.line)
	}
	rec := &record{line: raw.line, doc: raw.doc}
	p, errs, decoded := parsePerson(raw.doc)
	if errs != nil && topLevelList(raw.doc) {
		errs, decoded = ProfileErrors{{Line: 1, Column: 1,
			Message: "a YAML list of people: write each profile as its own document, with --- between them"}}, false
	}
	var err error
	if errs != nil {
		// The person keeps the fields that decoded, so that
		// EvaluateStream reports the ladder's problems of those too.
		rec.locate(errs)
		rec.failed, rec.decoded, err = errs, decoded, errs
		if !decoded {
			p = Person{}
		}
	}
	p.src = rec
	return rawRecord{p: p, err: err, parsed: true}
}

// topLevelList reports whether a YAML document is a list at its top: its first
// line that is not blank or a comment starts with "- ".
func topLevelList(doc []byte) bool {
	for len(doc) > 0 {
		var line []byte
		line, doc, _ = bytes.Cut(doc, []byte("\n"))
		t := bytes.TrimSpace(line)
		if len(t) == 0 || t[0] == '#' || string(t) == "---" {
			continue
		}
		return bytes.HasPrefix(t, []byte("- ")) || string(t) == "-"
	}
	return false
}

type streamKind int

const (
	streamYAML streamKind = iota
	streamJSONLines
	streamJSONDoc // "{" whose first line is not a whole JSON value
	streamJSONArray
	streamCSV
	streamWorkbook // a zip archive: an .xlsx workbook
)

// sniff tells the kind of stream from its first non-blank line, without
// consuming it.
func sniff(br *bufio.Reader) streamKind {
	if magic, _ := br.Peek(4); string(magic) == "PK\x03\x04" {
		return streamWorkbook
	}
	head := peekHead(br)
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	head = bytes.TrimLeft(head, " \t\r\n")
	if len(head) == 0 {
		return streamYAML
	}
	first, _, _ := bytes.Cut(head, []byte("\n"))
	switch head[0] {
	case '{':
		if json.Valid(first) {
			return streamJSONLines
		}
		return streamJSONDoc
	case '[':
		return streamJSONArray
	case '#', '-', '%':
		return streamYAML
	}
	// A header row: column names separated by ",", ";" (European Excel)
	// or tabs, and no ":" as a YAML key would have.
	if bytes.ContainsAny(first, ",;\t") && bytes.IndexByte(first, ':') < 0 {
		return streamCSV
	}
	return streamYAML
}

// peekHead peeks at the start of the stream, without consuming it, until
// its first non-blank line is whole, the buffer is full or the stream
// ends: a stream sent live (a request body) is told apart as soon as its
// first record is in, not once 64 KiB have come.
func peekHead(br *bufio.Reader) []byte {
	for n := 1; ; {
		_, err := br.Peek(n)
		head, _ := br.Peek(br.Buffered())
		if err != nil || len(head) >= br.Size() {
			return head
		}
		t := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
		if bytes.IndexByte(t, '\n') >= 0 {
			return head
		}
		n = len(head) + 1
	}
}

// lineReader reads a stream line by line and counts the lines.
type lineReader struct {
	br   *bufio.Reader
	n    int    // lines read
	long []byte // a line longer than the reader's buffer
	err  error
}

// next returns the next line without its line ending, valid until the next
// call, and false at the end of the stream. A line over maxFileSize is
// skipped and reported as tooLong.
func (l *lineReader) next() (line []byte, tooLong, ok bool) {
	if l.err != nil {
		return nil, false, false
	}
	l.long = l.long[:0]
	for {
		b, err := l.br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			if !tooLong {
				l.long = append(l.long, b...)
				if len(l.long) > maxFileSize {
					tooLong, l.long = true, l.long[:0]
				}
			}
			continue
		}
		if err != nil {
			l.err = err
			if err != io.EOF || len(b) == 0 && len(l.long) == 0 && !tooLong {
				// Nothing more, or a line cut off by a failed read: a
				// cut record is not a record.
				return nil, false, false
			}
		}
		l.n++
		if len(l.long) > 0 {
			l.long = append(l.long, b...)
			b = l.long
			if len(b) > maxFileSize+2 {
				tooLong = true
			}
		}
		if tooLong {
			return nil, true, true
		}
		b = bytes.TrimSuffix(b, []byte("\n"))
		b = bytes.TrimSuffix(b, []byte("\r"))
		if l.n == 1 {
			b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
		}
		return b, false, true
	}
}

func tooLongError(line int) ProfileErrors {
	return ProfileErrors{{Line: line, Column: 1,
		Message: fmt.Sprintf("record is over the limit of %d bytes", maxFileSize)}}
}

func readJSONLines(br *bufio.Reader, emit func(rawRecord) bool) {
	ls := &lineReader{br: br}
	for {
		line, tooLong, ok := ls.next()
		if !ok {
			break
		}
		if tooLong {
			if !emit(failed(ls.n, tooLongError(ls.n))) {
				return
			}
			continue
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if !emit(rawRecord{line: ls.n, doc: bytes.Clone(line)}) {
			return
		}
	}
	if ls.err != io.EOF {
		emit(failed(ls.n+1, readError(ls.n+1, ls.err)))
	}
}

// readJSONDoc reads a stream that starts with "{" but not with a whole
// JSON line: one JSON profile written over several lines, such as an
// indented one, or else JSON Lines whose first line is broken.
func readJSONDoc(br *bufio.Reader, emit func(rawRecord) bool) {
	data, err := io.ReadAll(io.LimitReader(br, maxFileSize+1))
	if err != nil {
		emit(failed(1, readError(1, err)))
		return
	}
	if len(data) <= maxFileSize && json.Valid(data) {
		emit(rawRecord{line: 1, doc: data})
		return
	}
	readJSONLines(bufio.NewReaderSize(io.MultiReader(bytes.NewReader(data), br), 64<<10), emit)
}

func readError(line int, err error) ProfileErrors {
	return ProfileErrors{{Line: line, Column: 1, Message: "reading the stream: " + err.Error(), Err: err}}
}

// failed is a record that could not be split off, at line.
func failed(line int, err error) rawRecord {
	return rawRecord{p: Person{src: &record{line: line}}, err: err, parsed: true}
}

// isDocSeparator reports whether line starts or ends a YAML document.
func isDocSeparator(line []byte) bool {
	for _, mark := range []string{"---", "..."} {
		if rest, ok := bytes.CutPrefix(line, []byte(mark)); ok {
			if len(rest) == 0 || rest[0] == ' ' || rest[0] == '\t' || rest[0] == '\r' {
				return len(bytes.TrimSpace(rest)) == 0 || bytes.TrimSpace(rest)[0] == '#'
			}
		}
	}
	return false
}

func readYAMLStream(br *bufio.Reader, emit func(rawRecord) bool) {
	ls := &lineReader{br: br}
	var doc []byte
	start, content, tooLong := 1, false, false
	flush := func() bool {
		defer func() { doc, content, tooLong, start = nil, false, false, ls.n+1 }()
		switch {
		case tooLong:
			return emit(failed(start, tooLongError(start)))
		case content:
			return emit(rawRecord{line: start, doc: doc})
		}
		return true
	}
	for {
		line, long, ok := ls.next()
		if !ok {
			break
		}
		if isDocSeparator(line) {
			if !flush() {
				return
			}
			continue
		}
		if long || len(doc)+len(line) > maxFileSize {
			tooLong, doc = true, nil
		}
		if tooLong {
			continue
		}
		if t := bytes.TrimSpace(line); len(t) > 0 && t[0] != '#' {
			content = true
		}
		doc = append(doc, line...)
		doc = append(doc, '\n')
	}
	if ls.err != io.EOF {
		// The document being read was cut off by the failed read: report
		// the failure, never the part of a profile that arrived.
		emit(failed(ls.n+1, readError(ls.n+1, ls.err)))
		return
	}
	flush()
}

package workbook

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Limits on what Open and Rows read, so that a hostile workbook (a zip
// bomb, a tag without end, a cell past Excel's last) is an error rather
// than a hang or an exhausted memory.
const (
	maxBookSize = 256 << 20 // bytes of the .xlsx file
	maxSmallXML = 64 << 20  // uncompressed bytes of the workbook part and its relationships
	maxMarkup   = 1 << 20   // bytes of one tag, comment or processing instruction
	maxValue    = 1 << 20   // decoded bytes of one value or shared string
	maxRowText  = 64 << 20  // decoded bytes of the values of one row
	lastColumn  = 16384     // XFD, the last column of a sheet
)

// The most uncompressed bytes read of a worksheet part and of the shared
// strings part: variables, so that tests can lower them.
var (
	maxSheetXML  int64 = 4 << 30
	maxStringXML int64 = 1 << 30
)

// Book is a workbook opened for reading. Its sheets are read with Rows, a
// row at a time, straight from the workbook's compressed parts; only the
// shared strings, read once by Open, are kept in memory. A Book is safe
// for concurrent use: several sheets may be read at once.
type Book struct {
	sheets   []bookSheet
	strings  []string // the shared strings
	shared   bool     // whether the workbook has a shared strings part
	date1904 bool     // whether dates count from 1904 rather than 1900
	closed   bool
}

// bookSheet is a sheet of a Book: its name and its worksheet part, or why
// it has none.
type bookSheet struct {
	name    string
	part    *zip.File
	missing string
}

// Open reads a workbook (.xlsx) of at most 256 MiB from r. It reads the
// list of sheets, the date system and the shared strings; the sheets
// themselves are read by Rows.
func Open(r io.Reader) (*Book, error) {
	var buf bytes.Buffer
	if l, ok := r.(interface{ Len() int }); ok { // a bytes.Reader, say: one allocation
		buf.Grow(min(l.Len(), maxBookSize) + bytes.MinRead)
	}
	_, err := buf.ReadFrom(io.LimitReader(r, maxBookSize+1))
	data := buf.Bytes()
	if err != nil {
		return nil, fmt.Errorf("not a readable .xlsx workbook: %w", err)
	}
	if len(data) > maxBookSize {
		return nil, fmt.Errorf("not a readable .xlsx workbook: larger than %d bytes", maxBookSize)
	}
	b, err := openZip(data)
	if err != nil {
		return nil, fmt.Errorf("not a readable .xlsx workbook: %w", err)
	}
	return b, nil
}

// openZip reads the workbook part, its relationships and the shared
// strings of the .xlsx file data.
func openZip(data []byte) (*Book, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, err
	}
	parts := make(map[string]*zip.File, len(zr.File))
	for _, f := range zr.File {
		if _, dup := parts[f.Name]; !dup {
			parts[f.Name] = f
		}
	}
	find := func(name string) *zip.File {
		if f := parts[name]; f != nil {
			return f
		}
		for n, f := range parts {
			if strings.EqualFold(n, name) {
				return f
			}
		}
		return nil
	}

	// The workbook part is named by the package's relationships, and is
	// xl/workbook.xml in every workbook Excel writes.
	wbName := "xl/workbook.xml"
	if f := find("_rels/.rels"); f != nil {
		rels, err := readRels(f, "")
		if err != nil {
			return nil, err
		}
		for _, r := range rels {
			if strings.HasSuffix(r.typ, "/officeDocument") && find(r.target) != nil {
				wbName = r.target
				break
			}
		}
	}
	wb := find(wbName)
	if wb == nil {
		return nil, fmt.Errorf("no workbook part %s", wbName)
	}
	b := &Book{}
	ids, err := b.readWorkbook(wb)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", wbName, err)
	}
	dir, base := path.Split(wbName)
	targets := map[string]string{}
	var sst *zip.File
	if f := find(dir + "_rels/" + base + ".rels"); f != nil {
		rels, err := readRels(f, dir)
		if err != nil {
			return nil, err
		}
		for _, r := range rels {
			targets[r.id] = r.target
			if strings.HasSuffix(r.typ, "/sharedStrings") && sst == nil {
				sst = find(r.target)
			}
		}
	}
	if sst == nil {
		sst = find(dir + "sharedStrings.xml")
	}
	for i, id := range ids {
		s := &b.sheets[i]
		switch target, ok := targets[id]; {
		case id == "" || !ok:
			s.missing = fmt.Sprintf("the workbook names no part for it (relationship %q)", id)
		default:
			if s.part = find(target); s.part == nil {
				s.missing = fmt.Sprintf("its part %s is missing", target)
			}
		}
	}
	if sst != nil {
		b.shared = true
		if b.strings, err = readSharedStrings(sst); err != nil {
			return nil, fmt.Errorf("%s: %w", sst.Name, err)
		}
	}
	return b, nil
}

// readPart returns the uncompressed bytes of a small part, at most limit.
func readPart(f *zip.File, limit int64) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Name, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s: more than %d bytes uncompressed", f.Name, limit)
	}
	return data, nil
}

// readWorkbook reads the sheets (their names into b, their relationship
// ids returned) and the date system of the workbook part f.
func (b *Book) readWorkbook(f *zip.File) (ids []string, err error) {
	data, err := readPart(f, maxSmallXML)
	if err != nil {
		return nil, err
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return ids, nil
		}
		if err != nil {
			return nil, err
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "workbookPr":
			for _, a := range se.Attr {
				if a.Name.Local == "date1904" {
					v := strings.TrimSpace(a.Value)
					b.date1904 = v == "1" || v == "true"
				}
			}
		case "sheet":
			var name, id string
			for _, a := range se.Attr {
				switch {
				case a.Name.Local == "name" && a.Name.Space == "":
					name = a.Value
				case a.Name.Local == "id" && a.Name.Space != "":
					id = a.Value
				}
			}
			b.sheets = append(b.sheets, bookSheet{name: name})
			ids = append(ids, id)
		}
	}
}

// rel is a relationship of a part.
type rel struct {
	id, typ string
	target  string // the part it names, resolved
}

// readRels reads the relationships part f, whose relative targets are
// relative to the folder dir ("" or "xl/"). External targets are left out.
func readRels(f *zip.File, dir string) ([]rel, error) {
	data, err := readPart(f, maxSmallXML)
	if err != nil {
		return nil, err
	}
	var rels []rel
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return rels, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "Relationship" {
			continue
		}
		var r rel
		external := false
		for _, a := range se.Attr {
			switch a.Name.Local {
			case "Id":
				r.id = a.Value
			case "Type":
				r.typ = a.Value
			case "Target":
				r.target = a.Value
			case "TargetMode":
				external = a.Value == "External"
			}
		}
		if external || r.target == "" {
			continue
		}
		if strings.HasPrefix(r.target, "/") {
			r.target = path.Clean(r.target)[1:]
		} else {
			r.target = path.Join(dir, r.target)
		}
		rels = append(rels, r)
	}
}

// Close releases the workbook; Rows fails after it. It must not be called
// while Rows runs.
func (b *Book) Close() error {
	b.closed = true
	b.strings = nil
	return nil
}

// Sheets lists the names of the workbook's sheets in order.
func (b *Book) Sheets() []string {
	names := make([]string, len(b.sheets))
	for i, s := range b.sheets {
		names[i] = s.name
	}
	return names
}

// Rows calls yield with each row of sheet (its name exactly as Sheets
// gives it) that holds a cell, with its row number from 1 and its cells as
// stored: text as text, numbers (dates among them) as Excel writes them
// ("45300", "0.74"), booleans as "1" or "0", errors as their text
// ("#N/A"), a formula as its last computed value. cells[0] is column A;
// cells missing in the middle of a row are "", and the row ends at its
// last cell that holds a value. It stops when yield returns false.
//
// The slice cells is reused for the next row: it is valid only until
// yield returns. The strings in it may be kept.
func (b *Book) Rows(sheet string, yield func(row int, cells []string) bool) error {
	if b.closed {
		return errors.New("workbook is closed")
	}
	var sh *bookSheet
	for i := range b.sheets {
		if b.sheets[i].name == sheet {
			sh = &b.sheets[i]
			break
		}
	}
	if sh == nil {
		return fmt.Errorf("no sheet %q in the workbook", sheet)
	}
	if sh.part == nil {
		return fmt.Errorf("sheet %q: %s", sheet, sh.missing)
	}
	rc, err := sh.part.Open()
	if err != nil {
		return fmt.Errorf("sheet %q: %w", sheet, err)
	}
	defer rc.Close()
	rr := rowReader{s: newScanner(rc, maxSheetXML), strings: b.strings, shared: b.shared}
	if err := rr.read(yield); err != nil {
		switch {
		case rr.row > 0:
			return fmt.Errorf("sheet %q, row %d: %w", sheet, rr.row, err)
		case rr.last > 0:
			return fmt.Errorf("sheet %q, after row %d: %w", sheet, rr.last, err)
		}
		return fmt.Errorf("sheet %q: %w", sheet, err)
	}
	return nil
}

// Date reads a cell that holds a date as the workbook stores it, a serial
// number of days in its date system (1900 or 1904), as a civil date. ok is
// false when the cell is not such a number.
func (b *Book) Date(cell string) (t time.Time, ok bool) {
	return Date(cell, b.date1904)
}

// Date1904 reports whether the workbook counts its dates from 1904 (Excel
// for the Mac before 2011) rather than from 1900.
func (b *Book) Date1904() bool { return b.date1904 }

// Date reads a cell that holds a date as Excel stores it, a serial number
// of days in the 1900 date system, or the 1904 one when date1904 is true,
// as a civil date. ok is false when the cell is not such a number.
func Date(cell string, date1904 bool) (t time.Time, ok bool) {
	return serialDate(cell, date1904)
}

// serialDate reads a date serial: in the 1900 date system, 1 is 1900-01-01
// and 61 is 1900-03-01, 60 being the 29 February 1900 Excel counts but
// the calendar does not have; in the 1904 system, 0 is 1904-01-01. A time
// of day is dropped.
func serialDate(cell string, date1904 bool) (time.Time, bool) {
	if cell == "" || strings.ContainsAny(cell, "-/ ") {
		return time.Time{}, false
	}
	f, err := strconv.ParseFloat(cell, 64)
	if err != nil || math.IsNaN(f) {
		return time.Time{}, false
	}
	f = math.Floor(f)
	if date1904 {
		if f < 0 || f > 2957003 { // 2957003 is 9999-12-31
			return time.Time{}, false
		}
		return time.Date(1904, time.January, 1+int(f), 0, 0, 0, 0, time.UTC), true
	}
	switch {
	case f < 1 || f > 2958465 || f == 60: // 2958465 is 9999-12-31
		return time.Time{}, false
	case f < 60:
		return time.Date(1899, time.December, 31+int(f), 0, 0, 0, 0, time.UTC), true
	}
	return time.Date(1899, time.December, 30+int(f), 0, 0, 0, 0, time.UTC), true
}

// rowReader reads the rows of a worksheet part.
type rowReader struct {
	s       scanner
	strings []string // the workbook's shared strings
	shared  bool     // whether the workbook has shared strings
	row     int      // the row being read, for errors; 0 between rows
	last    int      // the last row read, or 0
	text    []byte   // the values of the row being read, decoded
	vals    []cellValue
	cells   []string
}

// cellValue is a cell of the row being read that holds a value: a shared
// string, or text[start:end].
type cellValue struct {
	col        int // from 0
	str        string
	start, end int
	isShared   bool
}

// The types of a cell that Rows tells apart.
const (
	typeOther  = iota // a number, a boolean, an error, a date, a formula's string: its <v> as it is
	typeShared        // an index into the shared strings
	typeInline        // an inline string, <is>
)

// read reads the worksheet up to the end of its sheetData and calls yield
// with each row that holds a value.
func (rr *rowReader) read(yield func(int, []string) bool) error {
	s := &rr.s
	// Everything before <sheetData> is skipped; a part with none (a
	// chart sheet) has no rows.
	depth := 0
	for {
		tok, err := s.next()
		if err == io.EOF && depth == 0 {
			return nil
		}
		if err != nil {
			return unexpectedEOF(err)
		}
		if tok == tokEnd {
			depth--
			continue
		}
		if string(s.name) == "sheetData" {
			if s.empty {
				return nil
			}
			break
		}
		if !s.empty {
			depth++
		}
	}
	for {
		tok, err := s.next()
		if err != nil {
			return unexpectedEOF(err)
		}
		if tok == tokEnd {
			return s.wantEnd("sheetData")
		}
		if string(s.name) != "row" {
			if err := s.skip(); err != nil {
				return err
			}
			continue
		}
		ok, err := rr.readRow()
		if err != nil {
			return err
		}
		if ok && !yield(rr.row, rr.cells) {
			return nil
		}
		rr.row = 0
	}
}

// readRow reads the row whose start tag the scanner is on into rr.cells,
// and reports whether it holds a value.
func (rr *rowReader) readRow() (bool, error) {
	s := &rr.s
	n := rr.last + 1
	ref, err := attr(s.attrs, "r")
	if err != nil {
		return false, err
	}
	if ref != nil {
		var ok bool
		if n, ok = number(ref); !ok {
			return false, fmt.Errorf("invalid row number %q", ref)
		}
	}
	switch {
	case n < 1:
		return false, fmt.Errorf("invalid row number %d", n)
	case n > MaxRows:
		return false, fmt.Errorf("row number %d is past a sheet's last row, %d", n, MaxRows)
	case n <= rr.last:
		return false, fmt.Errorf("row number %d is not after the row before it, %d", n, rr.last)
	}
	rr.row, rr.last = n, n
	if s.empty {
		return false, nil
	}
	rr.text = rr.text[:0]
	rr.vals = rr.vals[:0]
	col := -1
	for {
		tok, err := s.next()
		if err != nil {
			return false, unexpectedEOF(err)
		}
		if tok == tokEnd {
			if err := s.wantEnd("row"); err != nil {
				return false, err
			}
			break
		}
		if string(s.name) != "c" {
			if err := s.skip(); err != nil {
				return false, err
			}
			continue
		}
		if col, err = rr.readCell(col); err != nil {
			return false, err
		}
		if len(rr.text) > maxRowText {
			return false, fmt.Errorf("more than %d bytes of values", maxRowText)
		}
	}
	if len(rr.vals) == 0 {
		return false, nil
	}
	text := string(rr.text)
	width := rr.vals[len(rr.vals)-1].col + 1
	if cap(rr.cells) < width {
		rr.cells = make([]string, width, max(width, 2*cap(rr.cells)))
	}
	rr.cells = rr.cells[:width]
	clear(rr.cells)
	for _, v := range rr.vals {
		if v.isShared {
			rr.cells[v.col] = v.str
		} else {
			rr.cells[v.col] = text[v.start:v.end]
		}
	}
	return true, nil
}

// readCell reads the cell whose start tag the scanner is on, the cell
// after column prev (from 0), adds its value to rr.vals if it holds one,
// and returns its column.
func (rr *rowReader) readCell(prev int) (int, error) {
	s := &rr.s
	col := prev + 1
	typ := typeOther
	for a := s.attrs; ; {
		name, val, rest, err := nextAttr(a)
		if err != nil {
			return 0, err
		}
		if name == nil {
			break
		}
		a = rest
		switch string(name) {
		case "r":
			c, err := column(val)
			if err != nil {
				return 0, err
			}
			if c <= prev {
				return 0, fmt.Errorf("cell %s is not after the cell before it", val)
			}
			col = c
		case "t":
			switch string(val) {
			case "s":
				typ = typeShared
			case "inlineStr":
				typ = typeInline
			}
		}
	}
	if col >= lastColumn {
		return 0, fmt.Errorf("a cell after column XFD, a sheet's last")
	}
	if s.empty {
		return col, nil
	}
	start := len(rr.text)
	v, is := [2]int{-1, -1}, [2]int{-1, -1}
	formula := false
	for {
		// What nearly every cell holds, <v>…</v></c>, is read without next.
		if s.end-s.pos >= 3 && string(s.buf[s.pos:s.pos+3]) == "<v>" {
			s.pos += 3
			at := len(rr.text)
			var err error
			if rr.text, err = s.text(rr.text, at); err != nil {
				return 0, err
			}
			if s.end-s.pos >= 4 && string(s.buf[s.pos:s.pos+4]) == "</v>" {
				s.pos += 4
			} else if rr.text, err = s.elementText(rr.text, at); err != nil {
				return 0, err
			}
			v = [2]int{at, len(rr.text)}
			continue
		}
		// And an inline string of one <t>, as Workbook writes them.
		if s.end-s.pos >= 7 && string(s.buf[s.pos:s.pos+7]) == "<is><t>" {
			s.pos += 7
			at := len(rr.text)
			var err error
			if rr.text, err = s.text(rr.text, at); err != nil {
				return 0, err
			}
			if s.end-s.pos >= 9 && string(s.buf[s.pos:s.pos+9]) == "</t></is>" {
				s.pos += 9
			} else {
				// The rest of the <t>, then of the <is>.
				if rr.text, err = s.elementText(rr.text, at); err != nil {
					return 0, err
				}
				if rr.text, err = s.richText(rr.text, at); err != nil {
					return 0, err
				}
			}
			rr.text = rr.text[:at+len(unescapeX(rr.text[at:]))]
			is = [2]int{at, len(rr.text)}
			continue
		}
		if s.end-s.pos >= 4 && string(s.buf[s.pos:s.pos+4]) == "</c>" {
			s.pos += 4
			break
		}
		tok, err := s.next()
		if err != nil {
			return 0, unexpectedEOF(err)
		}
		if tok == tokEnd {
			if err := s.wantEnd("c"); err != nil {
				return 0, err
			}
			break
		}
		switch string(s.name) {
		case "v":
			at := len(rr.text)
			if !s.empty {
				if rr.text, err = s.elementText(rr.text, at); err != nil {
					return 0, err
				}
			}
			v = [2]int{at, len(rr.text)}
		case "is":
			at := len(rr.text)
			if !s.empty {
				if rr.text, err = s.richText(rr.text, at); err != nil {
					return 0, err
				}
				rr.text = rr.text[:at+len(unescapeX(rr.text[at:]))]
			}
			is = [2]int{at, len(rr.text)}
		case "f":
			formula = true
			err = s.skip()
		default:
			err = s.skip()
		}
		if err != nil {
			return 0, err
		}
	}
	if typ == typeShared {
		str := ""
		if v[0] >= 0 && v[1] > v[0] {
			i, ok := number(bytes.TrimSpace(rr.text[v[0]:v[1]]))
			switch {
			case !ok:
				return 0, fmt.Errorf("cell %s: invalid shared string index %q", cellName(col, rr.row), rr.text[v[0]:v[1]])
			case !rr.shared:
				return 0, fmt.Errorf("cell %s: shared string %d, but the workbook has no shared strings", cellName(col, rr.row), i)
			case i >= len(rr.strings):
				return 0, fmt.Errorf("cell %s: shared string %d, but the workbook has %d", cellName(col, rr.row), i, len(rr.strings))
			}
			str = rr.strings[i]
		}
		rr.text = rr.text[:start]
		if str != "" || formula {
			rr.vals = append(rr.vals, cellValue{col: col, str: str, isShared: true})
		}
		return col, nil
	}
	if typ == typeInline && is[0] >= 0 {
		v = is
	}
	if v[0] < 0 {
		v = [2]int{start, start}
	}
	if v[1] > v[0] || formula {
		rr.vals = append(rr.vals, cellValue{col: col, start: v[0], end: v[1]})
	}
	return col, nil
}

// readSharedStrings reads the shared strings part f.
func readSharedStrings(f *zip.File) ([]string, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	s := newScanner(rc, maxStringXML)
	var out []string
	// The strings are decoded into chunk, then made strings a chunk at a
	// time: ends are where those not yet made end in it.
	var chunk []byte
	var ends []int
	flush := func() {
		all := string(chunk)
		from := 0
		for _, e := range ends {
			out = append(out, all[from:e])
			from = e
		}
		chunk, ends = chunk[:0], ends[:0]
	}
	depth := 0
	for {
		tok, err := s.next()
		if err == io.EOF && depth == 0 {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("string %d: %w", len(out)+len(ends), unexpectedEOF(err))
		}
		if tok == tokEnd {
			if depth--; depth == 0 {
				break
			}
			continue
		}
		switch string(s.name) {
		case "sst":
			if out == nil {
				a, _ := attr(s.attrs, "uniqueCount")
				n, _ := number(a)
				out = make([]string, 0, min(n, 1<<20))
			}
		case "si":
			if !s.empty {
				at := len(chunk)
				if chunk, err = s.richText(chunk, at); err != nil {
					return nil, fmt.Errorf("string %d: %w", len(out)+len(ends), err)
				}
				chunk = chunk[:at+len(unescapeX(chunk[at:]))]
			}
			ends = append(ends, len(chunk))
			if len(chunk) >= 64<<10 {
				flush()
			}
			continue
		}
		if !s.empty {
			depth++
		}
	}
	flush()
	return out, nil
}

// attr returns the raw value of the attribute of attrs with the local
// name, or nil if it has none.
func attr(attrs []byte, name string) ([]byte, error) {
	for {
		n, v, rest, err := nextAttr(attrs)
		if n == nil || err != nil {
			return nil, err
		}
		if string(n) == name {
			return v, nil
		}
		attrs = rest
	}
}

// nextAttr returns the first attribute of a (a tag's text after its name):
// its local name and its raw value, and the attributes after it. name is
// nil when there is none.
func nextAttr(a []byte) (name, val, rest []byte, err error) {
	i := 0
	for i < len(a) && isSpace(a[i]) {
		i++
	}
	if i == len(a) {
		return nil, nil, nil, nil
	}
	j := i
	for j < len(a) && a[j] != '=' && !isSpace(a[j]) {
		j++
	}
	name = a[i:j]
	for j < len(a) && isSpace(a[j]) {
		j++
	}
	if len(name) == 0 || j >= len(a) || a[j] != '=' {
		return nil, nil, nil, errBadAttribute
	}
	j++
	for j < len(a) && isSpace(a[j]) {
		j++
	}
	if j >= len(a) || (a[j] != '"' && a[j] != '\'') {
		return nil, nil, nil, errBadAttribute
	}
	end := bytes.IndexByte(a[j+1:], a[j])
	if end < 0 {
		return nil, nil, nil, errBadAttribute
	}
	return local(name), a[j+1 : j+1+end], a[j+2+end:], nil
}

var errBadAttribute = errors.New("a tag with attributes not written name=\"value\"")

// number parses the decimal digits b, at most 9 of them.
func number(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// column returns the column, from 0, of a cell reference such as "B7".
func column(ref []byte) (int, error) {
	i, col := 0, 0
	for ; i < len(ref) && i < 4; i++ {
		c := ref[i] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a'+1)
	}
	row, ok := number(ref[i:])
	switch {
	case i == 0 || !ok || row == 0:
		return 0, fmt.Errorf("cell reference %q is not one", ref)
	case col > lastColumn:
		return 0, fmt.Errorf("cell %s is past column XFD, a sheet's last", ref)
	case row > MaxRows:
		return 0, fmt.Errorf("cell %s is past row %d, a sheet's last", ref, MaxRows)
	}
	return col - 1, nil
}

// cellName is the name of the cell at column col (from 0) and row, e.g.
// "B7".
func cellName(col, row int) string {
	var b [3]byte
	i := len(b)
	for col++; col > 0; col = (col - 1) / 26 {
		i--
		b[i] = byte('A' + (col-1)%26)
	}
	return string(b[i:]) + strconv.Itoa(row)
}

// unescapeX decodes the escapes _xHHHH_ of b in place, which OOXML writes
// for the characters XML cannot hold (and _x005F_ for an underscore that
// starts what would read as one), a surrogate pair of them as one
// character; it returns the decoded bytes.
func unescapeX(b []byte) []byte {
	i := bytes.Index(b, []byte("_x"))
	if i < 0 {
		return b
	}
	w := i
	for r := i; r < len(b); {
		u, ok := escapeAt(b, r)
		if !ok {
			b[w] = b[r]
			w, r = w+1, r+1
			continue
		}
		r += 7
		c := rune(u)
		if utf16IsHigh(u) {
			if lo, ok := escapeAt(b, r); ok && utf16IsLow(lo) {
				c = 0x10000 + (rune(u)-0xD800)<<10 + rune(lo) - 0xDC00
				r += 7
			}
		}
		w += utf8.EncodeRune(b[w:], c) // a lone surrogate is U+FFFD
	}
	return b[:w]
}

// escapeAt returns the code unit of the escape _xHHHH_ at b[i:], if there
// is one.
func escapeAt(b []byte, i int) (uint16, bool) {
	if i+7 > len(b) || b[i] != '_' || b[i+1] != 'x' || b[i+6] != '_' {
		return 0, false
	}
	var u uint16
	for _, c := range b[i+2 : i+6] {
		d, ok := hexDigit(c)
		if !ok {
			return 0, false
		}
		u = u<<4 | uint16(d)
	}
	return u, true
}

func utf16IsHigh(u uint16) bool { return u >= 0xD800 && u < 0xDC00 }
func utf16IsLow(u uint16) bool  { return u >= 0xDC00 && u < 0xE000 }

func hexDigit(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// local is name without its namespace prefix.
func local(name []byte) []byte {
	for i, c := range name {
		if c == ':' {
			return name[i+1:]
		}
	}
	return name
}

// unexpectedEOF turns the end of a part where more is expected into an
// error that says so.
func unexpectedEOF(err error) error {
	if err == io.EOF {
		return errors.New("unexpected end of the XML")
	}
	return err
}

// scanner reads an XML part a tag at a time, from a buffer it refills and
// reuses: the tags' names and attributes it gives are valid until the
// next call. It reads well-formed XML as encoding/xml does, with less
// checking: it decodes character data, entities, character references and
// CDATA sections, and skips comments and processing instructions; it
// rejects a document type declaration.
type scanner struct {
	r        io.Reader
	buf      []byte
	pos, end int   // the unread bytes are buf[pos:end]
	read     int64 // bytes read from r
	limit    int64 // the most bytes to read from r
	err      error // why r gives no more, io.EOF at its end

	// The tag next returned:
	name  []byte // its local name
	attrs []byte // a start tag's attributes, as written
	empty bool   // whether a start tag is self-closing
}

type token int

const (
	tokStart token = iota + 1
	tokEnd
)

func newScanner(r io.Reader, limit int64) scanner {
	return scanner{r: r, buf: make([]byte, 64<<10), limit: limit}
}

// fill reads more of the part into the buffer, keeping its unread bytes;
// it returns io.EOF at the end of the part.
func (s *scanner) fill() error {
	if s.err != nil {
		return s.err
	}
	if s.pos > 0 {
		s.end = copy(s.buf, s.buf[s.pos:s.end])
		s.pos = 0
	}
	if s.end == len(s.buf) {
		if len(s.buf) >= maxMarkup {
			s.err = fmt.Errorf("markup longer than %d bytes", maxMarkup)
			return s.err
		}
		s.buf = append(s.buf, make([]byte, len(s.buf))...)
	}
	for range 100 {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		s.read += int64(n)
		if s.read > s.limit {
			s.err = fmt.Errorf("more than %d bytes uncompressed", s.limit)
			return s.err
		}
		if err != nil {
			s.err = err
			if n > 0 {
				return nil
			}
			return err
		}
		if n > 0 {
			return nil
		}
	}
	s.err = io.ErrNoProgress
	return s.err
}

// ensure makes n unread bytes buffered, if the part has them.
func (s *scanner) ensure(n int) error {
	for s.end-s.pos < n {
		if err := s.fill(); err != nil {
			return err
		}
	}
	return nil
}

// has reports whether the unread bytes start with p.
func (s *scanner) has(p string) bool {
	return s.ensure(len(p)) == nil && string(s.buf[s.pos:s.pos+len(p)]) == p
}

// next reads up to the next start or end tag, skipping character data,
// comments and processing instructions, and returns it. It returns io.EOF
// at the end of the part.
func (s *scanner) next() (token, error) {
	for {
		i := 0
		if s.pos >= s.end || s.buf[s.pos] != '<' {
			i = bytes.IndexByte(s.buf[s.pos:s.end], '<')
		}
		if i < 0 {
			s.pos = s.end
			if err := s.fill(); err != nil {
				return 0, err
			}
			continue
		}
		s.pos += i
		if s.end-s.pos < 2 {
			if err := s.ensure(2); err != nil {
				return 0, unexpectedEOF(err)
			}
		}
		switch s.buf[s.pos+1] {
		case '/':
			j := 2
			for s.pos+j < s.end && s.buf[s.pos+j] != '>' {
				j++
			}
			if s.pos+j == s.end {
				var err error
				if j, err = s.find('>', j); err != nil {
					return 0, err
				}
			}
			name := s.buf[s.pos+2 : s.pos+j]
			for len(name) > 0 && isSpace(name[len(name)-1]) {
				name = name[:len(name)-1]
			}
			s.name = local(name)
			s.pos += j + 1
			return tokEnd, nil
		case '?':
			if err := s.skipPast("?>"); err != nil {
				return 0, err
			}
		case '!':
			switch {
			case s.has("<!--"):
				if err := s.skipPast("-->"); err != nil {
					return 0, err
				}
			case s.has("<![CDATA["):
				if err := s.skipPast("]]>"); err != nil {
					return 0, err
				}
			default:
				return 0, errors.New("a document type declaration, which a workbook does not have")
			}
		default:
			j, err := s.tagEnd()
			if err != nil {
				return 0, err
			}
			tag := s.buf[s.pos+1 : s.pos+j]
			s.empty = len(tag) > 0 && tag[len(tag)-1] == '/'
			if s.empty {
				tag = tag[:len(tag)-1]
			}
			k := 0
			for k < len(tag) && !isSpace(tag[k]) {
				k++
			}
			if k == 0 {
				return 0, errors.New("a tag without a name")
			}
			s.name, s.attrs = local(tag[:k]), tag[k:]
			s.pos += j + 1
			return tokStart, nil
		}
	}
}

// tagStop are the bytes tagEnd stops at.
var tagStop = [256]bool{'>': true, '"': true, '\'': true, '<': true}

// tagEnd returns the offset from s.pos of the '>' that ends the tag at
// s.pos, outside its attributes' quotes.
func (s *scanner) tagEnd() (int, error) {
	for i := 1; ; {
		b := s.buf[s.pos:s.end]
	scan:
		for i < len(b) {
			c := b[i]
			if !tagStop[c] {
				i++
				continue
			}
			switch c {
			case '>':
				return i, nil
			case '<':
				return 0, errors.New("a tag not closed by >")
			}
			k := i + 1 // the end of the quoted value
			for k < len(b) && b[k] != c {
				k++
			}
			if k == len(b) {
				break scan // from the quote, once more is read
			}
			i = k + 1
		}
		if err := s.fill(); err != nil {
			return 0, unexpectedEOF(err)
		}
	}
}

// find returns the offset from s.pos of the first c at or after offset
// from.
func (s *scanner) find(c byte, from int) (int, error) {
	for {
		if k := bytes.IndexByte(s.buf[s.pos+from:s.end], c); k >= 0 {
			return from + k, nil
		}
		from = s.end - s.pos
		if err := s.fill(); err != nil {
			return 0, unexpectedEOF(err)
		}
	}
}

// skipPast skips the unread bytes up to the end of the next p.
func (s *scanner) skipPast(p string) error {
	for from := 0; ; {
		if i := bytes.Index(s.buf[s.pos+from:s.end], []byte(p)); i >= 0 {
			s.pos += from + i + len(p)
			return nil
		}
		from = max(0, s.end-s.pos-len(p)+1)
		if err := s.fill(); err != nil {
			return unexpectedEOF(err)
		}
	}
}

// skip skips the element whose start tag next returned.
func (s *scanner) skip() error {
	if s.empty {
		return nil
	}
	for depth := 1; depth > 0; {
		tok, err := s.next()
		if err != nil {
			return unexpectedEOF(err)
		}
		if tok == tokStart && !s.empty {
			depth++
		} else if tok == tokEnd {
			depth--
		}
	}
	return nil
}

// wantEnd returns an error unless the end tag next returned is name's.
func (s *scanner) wantEnd(name string) error {
	if string(s.name) != name {
		return fmt.Errorf("element <%s> closed by </%s>", name, s.name)
	}
	return nil
}

// elementText appends to dst the character data of the element whose
// start tag next returned, up to its end tag, that of elements in it
// included; the value being read began at start in dst.
func (s *scanner) elementText(dst []byte, start int) ([]byte, error) {
	for depth := 1; ; {
		var err error
		if dst, err = s.text(dst, start); err != nil {
			return dst, err
		}
		tok, err := s.next()
		if err != nil {
			return dst, unexpectedEOF(err)
		}
		switch {
		case tok == tokEnd:
			if depth--; depth == 0 {
				return dst, nil
			}
		case !s.empty:
			depth++
		}
	}
}

// richText appends to dst the text of the string item (<si> or <is>)
// whose start tag next returned: that of its <t>, or of the <t> of its
// runs <r>; phonetic runs <rPh> are left out. The value being read began
// at start in dst.
func (s *scanner) richText(dst []byte, start int) ([]byte, error) {
	for depth := 1; ; {
		tok, err := s.next()
		if err != nil {
			return dst, unexpectedEOF(err)
		}
		if tok == tokEnd {
			if depth--; depth == 0 {
				return dst, nil
			}
			continue
		}
		switch string(s.name) {
		case "t":
			if !s.empty {
				if dst, err = s.elementText(dst, start); err != nil {
					return dst, err
				}
			}
		case "r":
			if !s.empty {
				depth++
			}
		default:
			if err := s.skip(); err != nil {
				return dst, err
			}
		}
	}
}

// textStop are the bytes text stops at.
var textStop = [256]bool{'<': true, '&': true, '\r': true}

// text appends to dst the character data up to the next tag, decoded:
// entities and character references replaced, CDATA sections unwrapped,
// comments and processing instructions dropped, line ends "\r\n" and "\r"
// made "\n". The value being read began at start in dst.
func (s *scanner) text(dst []byte, start int) ([]byte, error) {
	for {
		b := s.buf[s.pos:s.end]
		i := 0
		for i < len(b) && !textStop[b[i]] {
			i++
		}
		dst = append(dst, b[:i]...)
		s.pos += i
		if len(dst)-start > maxValue {
			return dst, fmt.Errorf("a value longer than %d bytes", maxValue)
		}
		if i == len(b) {
			if err := s.fill(); err != nil {
				return dst, unexpectedEOF(err)
			}
			continue
		}
		var err error
		switch b[i] {
		case '\r':
			dst = append(dst, '\n')
			s.pos++
			if s.ensure(1) == nil && s.buf[s.pos] == '\n' {
				s.pos++
			}
		case '&':
			dst, err = s.reference(dst)
		case '<':
			if err := s.ensure(2); err != nil {
				return dst, unexpectedEOF(err)
			}
			switch {
			case s.buf[s.pos+1] == '?':
				err = s.skipPast("?>")
			case s.buf[s.pos+1] != '!':
				return dst, nil
			case s.has("<!--"):
				err = s.skipPast("-->")
			case s.has("<![CDATA["):
				dst, err = s.cdata(dst, start)
			default:
				return dst, errors.New("a document type declaration, which a workbook does not have")
			}
		}
		if err != nil {
			return dst, err
		}
	}
}

// reference appends the character of the entity or character reference
// at s.pos to dst.
func (s *scanner) reference(dst []byte) ([]byte, error) {
	s.ensure(32)
	b := s.buf[s.pos:s.end]
	end := bytes.IndexByte(b[:min(len(b), 32)], ';')
	if end < 0 {
		return dst, fmt.Errorf("an & that starts no entity: %q", b[:min(len(b), 12)])
	}
	ref := b[1:end]
	s.pos += end + 1
	switch string(ref) {
	case "amp":
		return append(dst, '&'), nil
	case "lt":
		return append(dst, '<'), nil
	case "gt":
		return append(dst, '>'), nil
	case "quot":
		return append(dst, '"'), nil
	case "apos":
		return append(dst, '\''), nil
	}
	if len(ref) < 2 || ref[0] != '#' {
		return dst, fmt.Errorf("unknown entity &%s;", ref)
	}
	var n uint64
	var err error
	if ref[1] == 'x' {
		n, err = strconv.ParseUint(string(ref[2:]), 16, 32)
	} else {
		n, err = strconv.ParseUint(string(ref[1:]), 10, 32)
	}
	r := rune(n)
	if err != nil || !(r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= utf8.MaxRune) {
		return dst, fmt.Errorf("invalid character reference &%s;", ref)
	}
	return utf8.AppendRune(dst, r), nil
}

// cdata appends the text of the CDATA section at s.pos to dst.
func (s *scanner) cdata(dst []byte, start int) ([]byte, error) {
	s.pos += len("<![CDATA[")
	at := len(dst)
	for {
		b := s.buf[s.pos:s.end]
		if i := bytes.Index(b, []byte("]]>")); i >= 0 {
			dst = append(dst, b[:i]...)
			s.pos += i + 3
			break
		}
		n := max(0, len(b)-2)
		dst = append(dst, b[:n]...)
		s.pos += n
		if len(dst)-start > maxValue {
			return dst, fmt.Errorf("a value longer than %d bytes", maxValue)
		}
		if err := s.fill(); err != nil {
			return dst, unexpectedEOF(err)
		}
	}
	// Line ends, as in other character data.
	w := at
	for r := at; r < len(dst); r++ {
		c := dst[r]
		if c == '\r' {
			c = '\n'
			if r+1 < len(dst) && dst[r+1] == '\n' {
				r++
			}
		}
		dst[w] = c
		w++
	}
	return dst[:w], nil
}

package ladder

import (
	"cmp"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/ladderkit/ladder/internal/natural"
)

// ErrUnknownLevel is wrapped by every error about a level id that the ladder
// does not define, in a ladder file or in a profile.
var ErrUnknownLevel = errors.New("unknown level")

// ErrUnknownMetric is wrapped by every error about a metric name that the
// ladder does not declare, in a rule or in a profile.
var ErrUnknownMetric = errors.New("unknown metric")

// DefinitionError is one problem in a ladder definition, located in its file.
// Line and Column are 1-based; Column counts runes. Error renders
// "file:line:col: path: message" followed by the offending line and a caret.
type DefinitionError struct {
	File    string `json:"file"`             // the file as named in the fs.FS given to Load, e.g. "levels/worca/L07.yaml"; files of the embedded track, reached through extends: worca, are named as DefaultFS names them
	Line    int    `json:"line,omitempty"`   // 1-based position in File; zero when the file as a whole is at fault
	Column  int    `json:"column,omitempty"` // likewise
	Path    string `json:"path,omitempty"`   // the field path inside the file, e.g. "standards[2].rule"
	Message string `json:"message"`          // what is wrong, lower-case, without position
	Snippet string `json:"-"`                // the source line, or "" when there is none
	Err     error  `json:"-"`                // the cause, if any (e.g. ErrUnknownMetric); returned by Unwrap
}

// Error returns the problem with its position and a caret snippet.
func (e *DefinitionError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Line, e.Column)
	}
	b.WriteString(": ")
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Message)
	if e.Snippet != "" && e.Column > 0 {
		b.WriteString("\n | ")
		b.WriteString(e.Snippet)
		b.WriteString("\n | ")
		b.WriteString(strings.Repeat(".", e.Column-1))
		b.WriteString("^")
	}
	return b.String()
}

// Unwrap returns the cause of the problem.
func (e *DefinitionError) Unwrap() error { return e.Err }

// DefinitionErrors is every problem found in a ladder definition, sorted by
// file (folder by folder, ladder.yaml first, level files in natural order),
// line and column. Load returns it as its error; errors.As reaches each
// *DefinitionError and errors.Is each cause.
type DefinitionErrors []*DefinitionError

// Error returns every problem, one per paragraph.
func (es DefinitionErrors) Error() string { return joinErrors(es) }

// Unwrap returns the problems for errors.Is and errors.As.
func (es DefinitionErrors) Unwrap() []error { return asErrors(es) }

func (es DefinitionErrors) sort() {
	slices.SortStableFunc(es, func(a, b *DefinitionError) int {
		return cmp.Or(compareFiles(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
}

// compareFiles orders file names as a reader of the ladder meets them:
// folder by folder, ladder.yaml first, then the level files in natural
// order (L2 before L10).
func compareFiles(a, b string) int {
	dirA, baseA := path.Split(a)
	dirB, baseB := path.Split(b)
	if c := cmp.Compare(dirA, dirB); c != 0 {
		return c
	}
	switch {
	case baseA == baseB:
		return 0
	case baseA == "ladder.yaml":
		return -1
	case baseB == "ladder.yaml":
		return 1
	}
	return cmp.Or(compareNatural(baseA, baseB), strings.Compare(baseA, baseB))
}

// compareNatural compares strings with runs of digits compared as numbers.
func compareNatural(a, b string) int { return natural.Compare(a, b) }

// ProfileError is one problem in a person's profile, named by its field path
// (e.g. "metrics.feature_hit_rate"). Line and Column are set when the problem
// was found while parsing a document, and are zero otherwise. A problem in
// people read from tables (a workbook or a folder of CSV files) also names
// its Table, and Line and Column are the row and column of the cell there;
// in any CSV, Header names the cell's column.
type ProfileError struct {
	Path    string `json:"path,omitempty"`   // field path, e.g. "mentees[0].placement.monthly_rate"; "" for the whole document
	Table   string `json:"table,omitempty"`  // the table (sheet or CSV file) the problem is in: "people", "mentees", …; "" for a document or a flat CSV
	Line    int    `json:"line,omitempty"`   // 1-based position in the parsed document (the row of a table), when known
	Column  int    `json:"column,omitempty"` // likewise (the column of a table, from 1)
	Header  string `json:"header,omitempty"` // the column's header, for a cell of a CSV or a table
	Message string `json:"message"`          // what is wrong, lower-case
	Err     error  `json:"-"`                // the cause, if any; returned by Unwrap
}

// Error returns "path: message", with the document position when known:
// "12:3: " in a document, "sheet mentees, row 5, column C (since): " in a
// table.
func (e *ProfileError) Error() string {
	var b strings.Builder
	b.WriteString(e.Where())
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Message)
	return b.String()
}

// Unwrap returns the cause of the problem.
func (e *ProfileError) Unwrap() error { return e.Err }

// Where is the problem's position as a reader of its input finds it:
// "12:3" in a document or a flat CSV ("12:3 (metrics.feature_hit_rate)"
// with the CSV column's header), "table people, row 17, column H
// (metrics.feature_hit_rate)" in tables; "" when not known.
func (e *ProfileError) Where() string {
	var b strings.Builder
	switch {
	case e.Table != "":
		fmt.Fprintf(&b, "table %s", e.Table)
		if e.Line > 0 {
			fmt.Fprintf(&b, ", row %d", e.Line)
		}
		if e.Column > 0 {
			fmt.Fprintf(&b, ", column %s", columnName(e.Column))
		}
	case e.Line > 0:
		fmt.Fprintf(&b, "%d:%d", e.Line, e.Column)
	}
	if e.Header != "" && b.Len() > 0 {
		fmt.Fprintf(&b, " (%s)", e.Header)
	}
	return b.String()
}

// columnName is a spreadsheet's name of column n, from 1: A, B, …, Z, AA.
func columnName(n int) string {
	var b []byte
	for ; n > 0; n = (n - 1) / 26 {
		b = append(b, byte('A'+(n-1)%26))
	}
	slices.Reverse(b)
	return string(b)
}

// ProfileErrors is every problem found in one profile. ParsePerson returns
// them in document order; Evaluate, which has the Person but not its
// document, returns them by field path, and Locate puts them in document
// order once it has found their positions.
type ProfileErrors []*ProfileError

// sortByPosition puts the problems in document order, by line and column;
// problems without a position keep their order after those with one.
func (es ProfileErrors) sortByPosition() {
	unplaced := func(e *ProfileError) int {
		if e.Line > 0 {
			return 0
		}
		return 1
	}
	slices.SortStableFunc(es, func(a, b *ProfileError) int {
		return cmp.Or(cmp.Compare(unplaced(a), unplaced(b)), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
}

// Error returns every problem, one per line.
func (es ProfileErrors) Error() string { return joinErrors(es) }

// Unwrap returns the problems for errors.Is and errors.As.
func (es ProfileErrors) Unwrap() []error { return asErrors(es) }

// joinErrors is the Error of a list of problems: each one's, one per line.
func joinErrors[E error](es []E) string { return joined(es, "\n", E.Error) }

// asErrors is the Unwrap of a list of problems.
func asErrors[E error](es []E) []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

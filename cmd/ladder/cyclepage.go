package main

import (
	"bufio"
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"html/template"
	"io"
	"mime/multipart"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/ladderkit/ladder"
)

// This file holds the cycle page of ladder serve and the same page as
// "ladder cycle --format html" writes it.

// cycleView is a Cycle as the page shows it: the chart of verdicts per
// level, the lists in the order the text form gives them.
type cycleView struct {
	*ladder.Cycle
	Links        bool // link levels to their pages (the server's page)
	Chart        verdictChart
	Unmet        []ladder.CheckCount // most people first, then by id
	Unknown      []ladder.CheckCount
	Soon         []ladder.CycleSoon // earliest first
	Failures     []string           // "record 4 (line 4): problem"
	FailuresMore int
	Earned, Due  string
}

func newCycleView(c *ladder.Cycle, links bool) *cycleView {
	v := &cycleView{Cycle: c, Links: links, Unmet: byPeople(c.Unmet), Unknown: byPeople(c.Unknown),
		Soon: slices.Clone(c.Soon), Earned: moneyList(c.Earned), Due: moneyList(c.Due) + uncountedNote(c),
		FailuresMore: c.Invalid - len(c.Failures)}
	slices.SortStableFunc(v.Soon, func(a, b ladder.CycleSoon) int { return a.Earliest.Compare(b.Earliest) })
	for _, f := range c.Failures {
		where := fmt.Sprintf("record %d", f.Index+1)
		if f.Line > 0 {
			where += fmt.Sprintf(" (line %d)", f.Line)
		}
		switch {
		case f.ID != "" && f.Name != "":
			where += ", " + f.Name + " (" + f.ID + ")"
		case f.ID != "" || f.Name != "":
			where += ", " + f.ID + f.Name
		}
		v.Failures = append(v.Failures, where+": "+f.Error)
	}
	levels := make([]ladder.LevelID, len(c.Levels))
	counts := map[ladder.LevelID]map[string]int{}
	for i, l := range c.Levels {
		levels[i] = l.Level
		counts[l.Level] = map[string]int{string(ladder.Eligible): l.Eligible, string(ladder.NotEligible): l.NotEligible,
			string(ladder.Undetermined): l.Undetermined, verdictTop: l.TopLevel}
	}
	v.Chart = newVerdictChart(levels, counts)
	return v
}

// byPeople orders check counts as the Cycle's text does: most people
// first, then by id.
func byPeople(counts []ladder.CheckCount) []ladder.CheckCount {
	out := slices.Clone(counts)
	slices.SortStableFunc(out, func(a, b ladder.CheckCount) int {
		return cmp.Or(b.People-a.People, strings.Compare(a.ID, b.ID))
	})
	return out
}

// cyclePageView is the cycle page: the form, and the cycle or what is
// wrong with what was sent.
type cyclePageView struct {
	At, By      string // as typed
	Today       string
	Cycle       *cycleView
	Error       string
	Problems    []problem
	StreamLimit int64
}

const cycleTitle = "Promotion cycle"

func (s *server) cycleForm(w http.ResponseWriter, _ *http.Request) {
	s.render(w, http.StatusOK, "cycle.html", cycleTitle, cyclePageView{Today: date(s.today()), StreamLimit: s.streamLimit})
}

// cyclePage sums up the people of the form's file, or of the text pasted,
// in a Cycle. The file is read as it arrives, never stored: the form puts
// the dates before it.
// pasteLimit bounds a cycle form sent without a file (people pasted into
// the text box), which is held in memory while it is read.
const pasteLimit = 4 << 20

func (s *server) cyclePage(w http.ResponseWriter, r *http.Request) {
	v := cyclePageView{Today: date(s.today()), StreamLimit: s.streamLimit}
	fail := func(status int, msg string, problems []problem) {
		v.Error, v.Problems = msg, problems
		s.render(w, status, "cycle.html", cycleTitle, v)
	}
	if kind, mt := kindOf(r); kind != bodyForm {
		fail(http.StatusUnsupportedMediaType, fmt.Sprintf("unsupported Content-Type %q: send the form", mt), nil)
		return
	}
	// An uploaded file streams through; pasted text is read into memory
	// (net/http parses the whole form), so it has a smaller limit.
	limit := int64(pasteLimit)
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		limit = s.streamLimit + 64<<10 // the people and the rest of the form
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	s.bodyDeadline(w) // for the dates and pasted text; a file is read as a stream
	fields, people, rest, err := cycleFormPeople(r)
	if !s.formReadOK(err, limit, fail) {
		return
	}
	v.At, v.By = fields["at"], fields["by"]
	at, by := s.today(), time.Time{}
	for _, f := range []struct {
		label, text string
		t           *time.Time
	}{{"Evaluation date", v.At, &at}, {"Eligible by", v.By, &by}} {
		if f.text == "" {
			continue
		}
		t, err := ladder.ParseDate(f.text)
		if err != nil {
			fail(http.StatusBadRequest, f.label+": "+err.Error(), nil)
			return
		}
		*f.t = t
	}
	if by.IsZero() {
		by = ladder.AddMonths(at, 6)
	}
	if msg := byBeforeAt(at, by); msg != "" {
		fail(http.StatusBadRequest, "Eligible by: "+msg+".", nil)
		return
	}
	if people == nil {
		fail(http.StatusBadRequest, "Choose a file or paste people.", nil)
		return
	}
	people = http.MaxBytesReader(w, io.NopCloser(people), s.streamLimit)
	c, ok := s.cycleOfBody(w, r, people, at, by, func(status int, msg string, problems []problem) {
		fail(status, strings.ToUpper(msg[:1])+msg[1:]+".", problems)
	})
	if !ok {
		return
	}
	if !s.formReadOK(rest(), limit, fail) {
		return
	}
	v.Cycle = newCycleView(c, true)
	s.render(w, http.StatusOK, "cycle.html", cycleTitle, v)
}

// maxFormField bounds the small fields of the cycle form (the dates).
const maxFormField = 256

// cycleFields are the fields of the cycle form: the dates, and the people
// as a file or as text pasted. Any other field is refused, so that a form
// cannot make the server hold fields it does not use (issue 24).
var cycleFields = []string{"at", "by", "file", "people"}

// errFormField is a cycle form with a field it does not have, or one given
// twice or too late.
type errFormField struct{ msg string }

func (e *errFormField) Error() string { return e.msg }

// cycleFormPeople reads the cycle form: the dates, then the people as a
// stream: the part "file" when a file was chosen, else the part "people"
// (the text pasted). With multipart/form-data the parts are read in the
// order sent, and the people are not read into memory; the dates must come
// before them (the page sends them first), and rest, called once the people
// have been read, refuses a date or any other field sent after them.
// people is nil when neither holds anything.
func cycleFormPeople(r *http.Request) (fields map[string]string, people io.Reader, rest func() error, err error) {
	fields = map[string]string{}
	none := func() error { return nil }
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		if err := r.ParseForm(); err != nil {
			return nil, nil, nil, err
		}
		for name, values := range r.PostForm {
			if !slices.Contains(cycleFields, name) {
				return nil, nil, nil, &errFormField{fmt.Sprintf("the form has no field %q: its fields are %s", name, strings.Join(cycleFields, ", "))}
			}
			if len(values) > 1 {
				return nil, nil, nil, &errFormField{fmt.Sprintf("the field %q is given %d times", name, len(values))}
			}
		}
		fields["at"], fields["by"] = strings.TrimSpace(r.PostFormValue("at")), strings.TrimSpace(r.PostFormValue("by"))
		if text := r.PostFormValue("people"); strings.TrimSpace(text) != "" {
			people = strings.NewReader(text)
		}
		return fields, people, none, nil
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, nil, nil, err
	}
	seen := map[string]bool{}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return fields, nil, none, nil
		}
		if err != nil {
			return nil, nil, nil, err
		}
		name := part.FormName()
		switch {
		case !slices.Contains(cycleFields, name):
			return nil, nil, nil, &errFormField{fmt.Sprintf("the form has no field %q: its fields are %s", name, strings.Join(cycleFields, ", "))}
		case seen[name]:
			return nil, nil, nil, &errFormField{fmt.Sprintf("the field %q is given twice", name)}
		}
		seen[name] = true
		switch name {
		case "file", "people":
			if name == "file" && part.FileName() == "" {
				continue // no file chosen
			}
			if br, ok := nonBlank(part); ok {
				return fields, br, func() error { return restOfForm(mr, seen) }, nil
			}
		default:
			b, err := io.ReadAll(io.LimitReader(part, maxFormField+1))
			if err != nil {
				return nil, nil, nil, err
			}
			if len(b) > maxFormField {
				return nil, nil, nil, &errFormField{fmt.Sprintf("the field %q is longer than %d bytes", name, maxFormField)}
			}
			fields[name] = strings.TrimSpace(string(b))
		}
	}
}

// restOfForm reads the parts of a cycle form after the people: only the
// other of file and people may follow (the text box, or a file input left
// empty, which the people read replace), not a date, which would have come
// too late to apply.
func restOfForm(mr *multipart.Reader, seen map[string]bool) error {
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		name := part.FormName()
		switch {
		case name == "at" || name == "by":
			return &errFormField{fmt.Sprintf("the field %q comes after the people, too late to apply: send the dates before the file", name)}
		case !slices.Contains(cycleFields, name):
			return &errFormField{fmt.Sprintf("the form has no field %q: its fields are %s", name, strings.Join(cycleFields, ", "))}
		case seen[name]:
			return &errFormField{fmt.Sprintf("the field %q is given twice", name)}
		}
		seen[name] = true
	}
}

// nonBlank reports whether the part holds anything besides white space,
// reading only as far as it takes to tell; the reader returned reads the
// whole part.
func nonBlank(p *multipart.Part) (io.Reader, bool) {
	br := bufio.NewReaderSize(p, 64<<10)
	for n := 1; ; n++ {
		head, err := br.Peek(n)
		if len(bytes.TrimSpace(head)) > 0 {
			return br, true
		}
		if err != nil || n >= br.Size() {
			return nil, false
		}
		n = max(n, br.Buffered())
	}
}

// formReadOK tells fail what went wrong reading the cycle form, and
// returns false, or returns true when err is nil.
func (s *server) formReadOK(err error, limit int64, fail func(status int, msg string, problems []problem)) bool {
	var mbe *http.MaxBytesError
	var ff *errFormField
	switch {
	case err == nil:
		return true
	case errors.As(err, &mbe):
		fail(http.StatusRequestEntityTooLarge, fmt.Sprintf("The form is larger than the limit of %d bytes; upload the file instead of pasting it.", limit), nil)
	case errors.As(err, &ff):
		fail(http.StatusBadRequest, "The form could not be read: "+ff.msg+".", nil)
	default:
		status, msg := readFailure(err, limit)
		fail(status, "The form could not be read: "+msg+".", nil)
	}
	return false
}

// writeCycleHTML writes the cycle as a page that stands alone: the style
// sheet inline, no links to a server. "ladder cycle --format html".
func writeCycleHTML(w io.Writer, l *ladder.Ladder, c *ladder.Cycle) error {
	pages, err := parsePages()
	if err != nil {
		return err
	}
	css, err := webFS.ReadFile("web/style.css")
	if err != nil {
		return err
	}
	info := l.Info()
	var b bytes.Buffer
	err = pages.ExecuteTemplate(&b, "cycle.html", page{Title: cycleTitle, Ladder: cmp.Or(info.Name, info.ID),
		Standalone: true, Style: template.CSS(css), Body: cyclePageView{Cycle: newCycleView(c, false)}})
	if err != nil {
		return err
	}
	_, err = w.Write(b.Bytes())
	return err
}

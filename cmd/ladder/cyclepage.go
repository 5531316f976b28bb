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
	fields, people, err := cycleFormPeople(r)
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		fail(http.StatusRequestEntityTooLarge, fmt.Sprintf("The form is larger than the limit of %d bytes; upload the file instead of pasting it.", limit), nil)
		return
	case err != nil:
		fail(http.StatusBadRequest, "The form could not be read: "+err.Error(), nil)
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
	v.Cycle = newCycleView(c, true)
	s.render(w, http.StatusOK, "cycle.html", cycleTitle, v)
}

// maxFormField bounds the small fields of the cycle form (the dates).
const maxFormField = 256

// cycleFormPeople reads the cycle form: the dates, then the people as a
// stream: the part "file" when a file was chosen, else the part "people"
// (the text pasted). With multipart/form-data the parts are read in the
// order sent, and the people are not read into memory; fields after them
// are not read. people is nil when neither holds anything.
func cycleFormPeople(r *http.Request) (fields map[string]string, people io.Reader, err error) {
	fields = map[string]string{}
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		if err := r.ParseForm(); err != nil {
			return nil, nil, err
		}
		fields["at"], fields["by"] = strings.TrimSpace(r.PostFormValue("at")), strings.TrimSpace(r.PostFormValue("by"))
		if text := r.PostFormValue("people"); strings.TrimSpace(text) != "" {
			people = strings.NewReader(text)
		}
		return fields, people, nil
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, nil, err
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return fields, nil, nil
		}
		if err != nil {
			return nil, nil, err
		}
		switch name := part.FormName(); name {
		case "file", "people":
			if name == "file" && part.FileName() == "" {
				continue
			}
			if br, ok := nonBlank(part); ok {
				return fields, br, nil
			}
		default:
			b, err := io.ReadAll(io.LimitReader(part, maxFormField+1))
			if err != nil {
				return nil, nil, err
			}
			if len(b) > maxFormField {
				return nil, nil, fmt.Errorf("the field %q is longer than %d bytes", name, maxFormField)
			}
			fields[name] = strings.TrimSpace(string(b))
		}
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

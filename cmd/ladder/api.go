package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"strings"
	"time"

	"github.com/ladderkit/ladder"
	"github.com/ladderkit/ladder/internal/jsonform"
	"github.com/ladderkit/ladder/internal/suggest"
)

// This file holds the JSON API: /v1/…, /healthz and /openapi.json.

func (s *server) healthz(w http.ResponseWriter, _ *http.Request) {
	writeJSONStatus(w, http.StatusOK, map[string]string{"status": "ok"})
}

func (s *server) openAPI(w http.ResponseWriter, _ *http.Request) {
	b, err := webFS.ReadFile("web/openapi.json")
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error(), nil)
		return
	}
	writeBody(w, http.StatusOK, b)
}

func (s *server) apiLadder(w http.ResponseWriter, _ *http.Request) {
	writeJSONStatus(w, http.StatusOK, ladderJSON{s.l.Info(), s.l.Levels()})
}

func (s *server) apiLevel(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	lv, ok := findLevel(s.l, id)
	if !ok {
		ids := s.levelIDs()
		writeError(w, http.StatusNotFound, fmt.Sprintf("unknown level %q%s; the levels are %s",
			id, suggest.DidYouMean(id, ids), strings.Join(ids, ", ")), nil)
		return
	}
	writeJSONStatus(w, http.StatusOK, lv)
}

func (s *server) apiSchema(w http.ResponseWriter, r *http.Request) {
	kind := r.PathValue("kind")
	data, err := ladder.Schema(kind)
	if err != nil {
		kinds := []string{"ladder", "level", "profile"}
		writeError(w, http.StatusNotFound, fmt.Sprintf("no schema %q%s: want ladder, level or profile",
			kind, suggest.DidYouMean(kind, kinds)), nil)
		return
	}
	w.Header().Set("Content-Type", "application/schema+json")
	w.Write(data)
}

// apiEvaluate evaluates one profile (YAML or JSON) or, with Content-Type
// application/x-ndjson or text/csv, a stream of them.
func (s *server) apiEvaluate(w http.ResponseWriter, r *http.Request) {
	if kind, _ := kindOf(r); kind == bodyStream {
		if at, ok := dateParam(w, r, "at", s.today()); ok {
			s.evaluateStream(w, r, at)
		}
		return
	}
	s.onePerson(w, r, func(p ladder.Person, at time.Time) (any, error) {
		return s.l.Evaluate(p, ladder.At(at))
	})
}

// profileBody reads the body of a request that sends one profile, as YAML
// or JSON: it answers 415 for another Content-Type, 413 for a body over
// maxProfileSize and 400 for an empty one, and then returns false.
func (s *server) profileBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	if kind, mt := kindOf(r); kind != bodyProfile {
		msg := fmt.Sprintf("unsupported Content-Type %q: send a profile as application/yaml or application/json", mt)
		if r.URL.Path == "/v1/evaluate" {
			msg += ", or a stream as application/x-ndjson, text/csv or an .xlsx workbook (" + xlsxType + ")"
		}
		writeError(w, http.StatusUnsupportedMediaType, msg, nil)
		return nil, false
	}
	data, err := readLimited(w, r, maxProfileSize)
	if !bodyReadOK(w, err, maxProfileSize) {
		return nil, false
	}
	if len(bytes.TrimSpace(data)) == 0 {
		writeError(w, http.StatusBadRequest, "empty body: send a profile as YAML or JSON", nil)
		return nil, false
	}
	return data, true
}

// dateParam reads the query parameter name as YYYY-MM-DD; empty gives
// def. A bad date is answered with 400 and false.
func dateParam(w http.ResponseWriter, r *http.Request, name string, def time.Time) (time.Time, bool) {
	t, err := queryDate(r, name)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error(), []problem{{Path: name, Message: err.Error()}})
		return time.Time{}, false
	}
	if t.IsZero() {
		t = def
	}
	return t, true
}

// onePerson answers a request about one profile: it reads the date and
// the profile, parses it, and answers do's value as JSON (writeJSONStatus), or
// 422 with the located problems of the profile.
func (s *server) onePerson(w http.ResponseWriter, r *http.Request, do func(p ladder.Person, at time.Time) (any, error)) {
	at, ok := dateParam(w, r, "at", s.today())
	if !ok {
		return
	}
	data, ok := s.profileBody(w, r)
	if !ok {
		return
	}
	release, ok := s.acquire(w, r)
	if !ok {
		return
	}
	var v any
	p, err := ladder.ParsePerson(data)
	if err == nil {
		p.Level = ladderSpelling(s.l, p.Level)
		v, err = do(p, at)
	} else if _, all := s.l.Evaluate(p, ladder.At(at)); all != nil {
		err = all // the profile's problems with those the ladder finds in what did read
	}
	release()
	if err != nil {
		writeError(w, http.StatusUnprocessableEntity, "invalid profile", problemsOf(err, data))
		return
	}
	writeJSONStatus(w, http.StatusOK, v)
}

// apiPath answers a person's path to the top, as "ladder path --format
// json".
func (s *server) apiPath(w http.ResponseWriter, r *http.Request) {
	s.onePerson(w, r, func(p ladder.Person, at time.Time) (any, error) {
		return pathOf(s.l, p, at)
	})
}

// apiStandings answers a person's standings against every level's
// ranking standard, as "ladder standings --format json".
func (s *server) apiStandings(w http.ResponseWriter, r *http.Request) {
	s.onePerson(w, r, func(p ladder.Person, at time.Time) (any, error) {
		return standingsOf(s.l, p, at)
	})
}

// apiCycle answers the Cycle of a stream of people (JSON Lines, CSV or
// YAML documents), as "ladder cycle --format json": ?at= is the
// evaluation date, ?by= the end of the window for "eligible by" (default
// six months after at). Records that cannot be evaluated are counted in
// the cycle; a body over the stream limit is a 413.
func (s *server) apiCycle(w http.ResponseWriter, r *http.Request) {
	c, ok := s.cycleOf(w, r, func(status int, msg string, problems []problem) {
		writeError(w, status, msg, problems)
	})
	if ok {
		writeJSONStatus(w, http.StatusOK, c)
	}
}

// cycleOf reads ?at=, ?by= and the stream of people of r and sums them up
// in a Cycle. What is wrong with the request goes to fail, and ok is
// false.
func (s *server) cycleOf(w http.ResponseWriter, r *http.Request, fail func(status int, msg string, problems []problem)) (c *ladder.Cycle, ok bool) {
	var at, by time.Time
	for _, p := range []struct {
		name string
		t    *time.Time
	}{{"at", &at}, {"by", &by}} {
		t, err := queryDate(r, p.name)
		if err != nil {
			fail(http.StatusBadRequest, err.Error(), []problem{{Path: p.name, Message: err.Error()}})
			return nil, false
		}
		*p.t = t
	}
	if at.IsZero() {
		at = s.today()
	}
	if by.IsZero() {
		by = ladder.AddMonths(at, 6)
	}
	if kind, mt := kindOf(r); kind != bodyStream && kind != bodyProfile {
		fail(http.StatusUnsupportedMediaType, fmt.Sprintf("unsupported Content-Type %q: send people as application/x-ndjson (JSON Lines), text/csv, application/yaml (documents separated by ---) or an .xlsx workbook (%s)", mt, xlsxType), nil)
		return nil, false
	}
	return s.cycleOfBody(w, r, http.MaxBytesReader(w, r.Body, s.streamLimit), at, by, fail)
}

// cycleOfBody sums up the stream of people read from body, evaluated as
// of at, in a Cycle with the window up to by.
func (s *server) cycleOfBody(w http.ResponseWriter, r *http.Request, body io.Reader, at, by time.Time, fail func(status int, msg string, problems []problem)) (*ladder.Cycle, bool) {
	release, ok := s.take(r, s.streams)
	if !ok {
		w.Header().Set("Retry-After", "1")
		fail(http.StatusServiceUnavailable, "too many evaluations at once; try again shortly", nil)
		return nil, false
	}
	defer release()
	c := &ladder.Cycle{By: by}
	for res, stop := range s.streamResults(w, body, at) {
		if stop != nil {
			status := http.StatusBadRequest
			if stop.tooLarge {
				status = http.StatusRequestEntityTooLarge
			}
			fail(status, stop.msg, nil)
			return nil, false
		}
		c.Add(res)
	}
	if c.People == 0 {
		fail(http.StatusBadRequest, "no people in the body: send JSON Lines, CSV with a header row, or YAML documents", nil)
		return nil, false
	}
	if c.AsOf.IsZero() {
		c.AsOf = at
	}
	return c, true
}

// bodyReadOK answers 413 or 400 when reading the body failed.
func bodyReadOK(w http.ResponseWriter, err error, limit int64) bool {
	var mbe *http.MaxBytesError
	switch {
	case err == nil:
		return true
	case errors.As(err, &mbe):
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("body is larger than the limit of %d bytes", limit), nil)
	default:
		writeError(w, http.StatusBadRequest, "reading the body: "+err.Error(), nil)
	}
	return false
}

// streamError is the line of a stream record that could not be evaluated.
type streamError struct {
	Index  int       `json:"index"`          // 0-based, counting records (blank lines are not records)
	Line   int       `json:"line"`           // 1-based line the record starts on in the stream
	ID     string    `json:"id,omitempty"`   // the person's id, when it could be read
	Name   string    `json:"name,omitempty"` // likewise
	Errors []problem `json:"errors"`         // lines and columns are in the stream
}

// evaluateStream answers a stream of people with JSON Lines: a report or a
// streamError per record, in input order, each written as soon as it is
// ready. A body over s.streamLimit ends the stream with a final
// {"error": …} line; a record over maxProfileSize is an error line and the
// stream goes on.
func (s *server) evaluateStream(w http.ResponseWriter, r *http.Request, at time.Time) {
	release, ok := s.take(r, s.streams)
	if !ok {
		w.Header().Set("Retry-After", "1")
		writeError(w, http.StatusServiceUnavailable, "too many streams at once; try again shortly", nil)
		return
	}
	defer release()
	rc := http.NewResponseController(w)
	_ = rc.EnableFullDuplex() // answer record by record while the client still sends
	w.Header().Set("Content-Type", "application/x-ndjson")
	w.WriteHeader(http.StatusOK)
	_ = rc.Flush() // the status now: the first record may take a while to come
	line := func(v any) {
		if b, err := jsonform.Marshal(v); err == nil {
			w.Write(append(b, '\n'))
		}
	}
	for res, stop := range s.streamResults(w, http.MaxBytesReader(w, r.Body, s.streamLimit), at) {
		switch {
		case stop != nil:
			line(apiError{Error: stop.msg, Problems: []problem{}})
			return
		case res.Err != nil:
			line(streamError{Index: res.Index, Line: res.Line, ID: res.ID, Name: res.Name, Errors: streamProblems(res.Err)})
		default:
			line(res.Report)
		}
		_ = rc.SetWriteDeadline(time.Now().Add(streamRecordTime)) // the body may be in long before the last answer
		if rc.Flush() != nil {
			return // the client went away
		}
	}
}

// streamStop is why a stream ended before its end.
type streamStop struct {
	msg      string
	tooLarge bool // the body is over the stream limit
}

// streamResults reads body (a request's, size-limited) as a stream of people (ReadPeople:
// JSON Lines, CSV with a header row, or YAML documents separated by ---)
// and evaluates them on every core with EvaluateStream, yielding each
// result in input order as soon as it is ready. Memory stays flat whatever
// the length of the stream. The read and write deadlines move on as the
// body is read. When the stream cannot go on (the body is over
// s.streamLimit, or reading it failed) the last thing yielded is the
// reason, with a zero Result. The caller holds an evaluation slot.
func (s *server) streamResults(w http.ResponseWriter, src io.Reader, at time.Time) iter.Seq2[ladder.Result, *streamStop] {
	return func(yield func(ladder.Result, *streamStop) bool) {
		body := &wholeLines{r: &deadlineReader{r: src, rc: http.NewResponseController(w), max: s.streamTime}}
		last := 0 // the line the last record started on
		for res := range s.l.EvaluateStream(ladder.ReadPeople(body), ladder.At(at)) {
			if res.Err != nil && body.failed(res.Err) {
				stop := &streamStop{msg: "reading the stream: " + body.err.Error()}
				var mbe *http.MaxBytesError
				if errors.As(body.err, &mbe) {
					stop = &streamStop{tooLarge: true,
						msg: fmt.Sprintf("the stream is larger than the limit of %d bytes; it stopped after the record on line %d", s.streamLimit, last)}
				}
				yield(ladder.Result{}, stop)
				return
			}
			last = res.Line
			if !yield(res, nil) {
				return
			}
		}
	}
}

// streamProblems lists the problems of a stream record; ReadPeople and
// EvaluateStream have placed them in the stream already.
func streamProblems(err error) []problem {
	var pes ladder.ProfileErrors
	if !errors.As(err, &pes) {
		return []problem{{Message: err.Error()}}
	}
	out := make([]problem, len(pes))
	for i, pe := range pes {
		out[i] = problem{Path: pe.Path, Table: pe.Table, Line: pe.Line, Column: pe.Column, Header: pe.Header, Message: pe.Message}
	}
	return out
}

// deadlineReader moves the read and write deadlines of a request on before
// each read of its body, so a long stream is bounded per chunk rather than
// as a whole, and a client that stops sending times out.
// A whole stream is bounded too, by streamMaxTime from its first read, so
// that a client sending a byte now and then cannot hold a stream token
// for ever.
type deadlineReader struct {
	r     io.Reader
	rc    *http.ResponseController
	max   time.Duration // the whole stream's time, streamMaxTime
	start time.Time
}

// streamMaxTime bounds how long one stream may take to send.
const streamMaxTime = 10 * time.Minute

func (d *deadlineReader) Read(p []byte) (int, error) {
	now := time.Now()
	if d.start.IsZero() {
		d.start = now
	}
	deadline := now.Add(streamRecordTime)
	_ = d.rc.SetWriteDeadline(deadline) // room to answer, and to say why a stream stopped
	if end := d.start.Add(d.max); deadline.After(end) {
		deadline = end
	}
	_ = d.rc.SetReadDeadline(deadline)
	return d.r.Read(p)
}

// maxHeld bounds the part of a line wholeLines holds back; a longer line is
// passed on as it comes (ReadPeople rejects it as over the record limit).
const maxHeld = maxProfileSize + 64<<10

// wholeLines passes on the bytes of r up to the end of the last whole line
// and holds the rest back until its line ends, or r ends cleanly. When
// reading r fails (the body is over its limit, the client went away) the
// line cut off is dropped, so that it is not read as a broken record, and
// the error is kept in err.
type wholeLines struct {
	r           io.Reader
	ready, held []byte
	buf         []byte
	err         error // the error r returned other than io.EOF
	eof         bool
}

func (h *wholeLines) Read(p []byte) (int, error) {
	for len(h.ready) == 0 {
		switch {
		case h.err != nil:
			return 0, h.err
		case h.eof && len(h.held) > 0:
			h.ready, h.held = h.held, nil
			continue
		case h.eof:
			return 0, io.EOF
		}
		if h.buf == nil {
			h.buf = make([]byte, 32<<10)
		}
		n, err := h.r.Read(h.buf)
		data := append(h.held, h.buf[:n]...)
		cut := bytes.LastIndexByte(data, '\n') + 1
		if len(data)-cut > maxHeld {
			cut = len(data)
		}
		h.ready, h.held = data[:cut], bytes.Clone(data[cut:])
		switch {
		case err == io.EOF:
			h.eof = true
		case err != nil:
			h.err, h.held = err, nil
		}
	}
	n := copy(p, h.ready)
	h.ready = h.ready[n:]
	return n, nil
}

// failed reports whether err is the error reading the body met, as
// ReadPeople reports it at the end of the stream.
func (h *wholeLines) failed(err error) bool {
	return h.err != nil && errors.Is(err, h.err)
}

// acquireQuiet takes an evaluation slot like acquire but answers nothing
// when none comes free: a stream has already sent its status.
func (s *server) acquireQuiet(r *http.Request) (release func(), ok bool) {
	return s.take(r, s.slots)
}

// take takes a token of tokens, waiting up to s.wait.
func (s *server) take(r *http.Request, tokens chan struct{}) (release func(), ok bool) {
	t := time.NewTimer(s.wait)
	defer t.Stop()
	select {
	case tokens <- struct{}{}:
		return func() { <-tokens }, true
	case <-t.C:
	case <-r.Context().Done():
	}
	return nil, false
}

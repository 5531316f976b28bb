package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"iter"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
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
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
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
	s.bodyDeadline(w)
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
	if msg := byBeforeAt(at, by); msg != "" {
		fail(http.StatusBadRequest, "by: "+msg, []problem{{Path: "by", Message: msg}})
		return nil, false
	}
	if kind, mt := kindOf(r); kind != bodyStream && kind != bodyProfile {
		fail(http.StatusUnsupportedMediaType, fmt.Sprintf("unsupported Content-Type %q: send people as application/x-ndjson (JSON Lines), text/csv, application/yaml (documents separated by ---) or an .xlsx workbook (%s)", mt, xlsxType), nil)
		return nil, false
	}
	return s.cycleOfBody(w, r, http.MaxBytesReader(w, r.Body, s.streamLimit), at, by, fail)
}

// byBeforeAt says what is wrong with a cycle's window when it ends (by)
// before the evaluation date (at), or returns "".
func byBeforeAt(at, by time.Time) string {
	if !by.Before(at) {
		return ""
	}
	return fmt.Sprintf("%s is before the evaluation date %s: the window for \"eligible by\" ends on or after it", date(by), date(at))
}

// cycleOfBody sums up the stream of people read from body, evaluated as
// of at, in a Cycle with the window up to by.
func (s *server) cycleOfBody(w http.ResponseWriter, r *http.Request, body io.Reader, at, by time.Time, fail func(status int, msg string, problems []problem)) (*ladder.Cycle, bool) {
	sb := s.newStreamBody(w, r, body)
	defer sb.close()
	if err := sb.begin(); err != nil {
		status, msg := s.streamFailure(err, 0)
		if status == http.StatusServiceUnavailable {
			w.Header().Set("Retry-After", "1")
		}
		fail(status, msg, nil)
		return nil, false
	}
	c := &ladder.Cycle{By: by}
	for res, stop := range s.streamResults(sb, at) {
		if stop != nil {
			if stop.status == http.StatusServiceUnavailable {
				w.Header().Set("Retry-After", "1")
			}
			fail(stop.status, stop.msg, nil)
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

// streamFailure says why a stream's body stopped, with the status it
// answers (when it can still answer one); last is the line of the last
// record read, 0 when none was.
func (s *server) streamFailure(err error, last int) (int, string) {
	limit := s.streamLimit
	var mbe *http.MaxBytesError
	after := ""
	if last > 0 {
		after = fmt.Sprintf("; it stopped after the record on line %d", last)
	}
	switch {
	case errors.As(err, &mbe):
		return http.StatusRequestEntityTooLarge, fmt.Sprintf("the stream is larger than the limit of %d bytes%s", limit, after)
	case errors.Is(err, errStreamIdle):
		return http.StatusRequestTimeout, fmt.Sprintf("the stream sent nothing for %v, and was closed%s", s.streamIdle, after)
	case errors.Is(err, errStreamSlow):
		return http.StatusRequestTimeout, fmt.Sprintf("the stream took longer than %v to arrive, and was closed%s", s.streamTime, after)
	case errors.Is(err, errStreamBusy):
		return http.StatusServiceUnavailable, "too many streams at once" + after + "; try again shortly"
	}
	status, msg := readFailure(err, limit)
	return status, "reading the stream: " + strings.TrimPrefix(msg, "reading the body failed: ") + after
}

// bodyReadOK answers 413, 408 or 400 when reading the body failed.
func bodyReadOK(w http.ResponseWriter, err error, limit int64) bool {
	if err == nil {
		return true
	}
	status, msg := readFailure(err, limit)
	writeError(w, status, msg, nil)
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
// ready. The body is read ahead of the answers (streamBody), so a client
// may send it whole before it reads. A body over s.streamLimit, one that
// stops arriving, or a server too busy to go on, ends the stream with a
// final {"error": …} line; a record over maxProfileSize is an error line
// and the stream goes on.
func (s *server) evaluateStream(w http.ResponseWriter, r *http.Request, at time.Time) {
	sb := s.newStreamBody(w, r, http.MaxBytesReader(w, r.Body, s.streamLimit))
	defer sb.close()
	if err := sb.begin(); err != nil {
		status, msg := s.streamFailure(err, 0)
		if status == http.StatusServiceUnavailable {
			w.Header().Set("Retry-After", "1")
			msg = "too many streams at once; try again shortly"
		}
		writeError(w, status, msg, nil)
		return
	}
	rc := http.NewResponseController(w)
	_ = rc.EnableFullDuplex() // answer record by record while the client still sends
	w.Header().Set("Content-Type", "application/x-ndjson")
	w.WriteHeader(http.StatusOK)
	line := func(v any) {
		if b, err := jsonform.Marshal(v); err == nil {
			w.Write(append(b, '\n'))
		}
	}
	for res, stop := range s.streamResults(sb, at) {
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
	status int // the status it would answer before the stream started
	msg    string
}

// streamResults reads body (streamBody: ReadPeople's JSON Lines, CSV with
// a header row, YAML documents separated by ---, or a workbook) and
// evaluates the people on every core with EvaluateStream, yielding each
// result in input order as soon as it is ready. Memory stays flat
// whatever the length of the stream. When the stream cannot go on (the
// body is over s.streamLimit, stopped arriving, or no stream token came
// free) the last thing yielded is the reason, with a zero Result.
func (s *server) streamResults(sb *streamBody, at time.Time) iter.Seq2[ladder.Result, *streamStop] {
	return func(yield func(ladder.Result, *streamStop) bool) {
		body := &wholeLines{r: sb}
		last := 0 // the line the last record started on
		for res := range s.l.EvaluateStream(ladder.ReadPeople(body), ladder.At(at)) {
			if res.Err != nil && body.failed(res.Err) {
				status, msg := s.streamFailure(body.err, last)
				yield(ladder.Result{}, &streamStop{status: status, msg: msg})
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

// streamMaxTime bounds how long one stream may take to send.
const streamMaxTime = 10 * time.Minute

// streamIdleTime is how long a stream may send nothing before it is
// closed.
const streamIdleTime = 10 * time.Second

// maxReadAhead bounds the bytes of streams read ahead of their answers and
// not yet worked on, all streams together (a stream stops reading while it
// is over, give or take one read of each).
const maxReadAhead = 128 << 20

// readAheadChunk is the most one read of a stream's body takes.
const readAheadChunk = 64 << 10

// Why a stream's body stopped, besides its end and its size limit.
var (
	errStreamIdle = errors.New("the stream sent nothing for a while")
	errStreamSlow = errors.New("the stream took too long to arrive")
	errStreamBusy = errors.New("too many streams at once")
	errStopped    = errors.New("the stream was stopped")
)

// streamBody reads the body of a stream request ahead of its answers: a
// goroutine, the pump, reads the body as it arrives and queues its bytes,
// so that a client that sends the whole stream before it reads the answer
// (as most HTTP libraries do) is read to its end while the answers wait in
// the connection, up to maxReadAhead bytes queued for all streams at once.
// And the stream holds a token of s.streams only while there are bytes to
// work on: a client that is slow to send holds none while it is awaited,
// and one that sends nothing for s.streamIdle is cut off (errStreamIdle),
// as is one whose stream takes longer than s.streamTime (errStreamSlow).
// Read and begin are for one goroutine; close must be called when the
// request is done.
type streamBody struct {
	s       *server
	r       *http.Request
	rc      *http.ResponseController
	src     io.Reader
	held    bool   // a token of s.streams
	release func() // gives the token back

	mu       sync.Mutex
	queue    [][]byte // bytes read and not yet consumed
	queued   int      // their length, counted against s.ahead
	ended    bool     // the pump has stopped, for err
	err      error    // io.EOF at the body's end
	stopping bool     // close was called
	ready    chan struct{}
	stop     chan struct{}
	done     chan struct{}
}

// newStreamBody starts reading src, the body of r (size-limited), ahead.
func (s *server) newStreamBody(w http.ResponseWriter, r *http.Request, src io.Reader) *streamBody {
	b := &streamBody{s: s, r: r, rc: http.NewResponseController(w), src: src,
		ready: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
	go b.pump()
	return b
}

// pump reads the body into the queue until it ends or fails, or close.
func (b *streamBody) pump() {
	defer close(b.done)
	start := time.Now()
	buf := make([]byte, readAheadChunk)
	for {
		// Wait for room before reading, but take only what was read: a
		// stream awaiting its client holds none of the budget.
		if !b.s.ahead.waitFor(b.stop, readAheadChunk) {
			b.end(errStopped)
			return
		}
		b.mu.Lock()
		if b.stopping {
			b.mu.Unlock()
			b.end(errStopped)
			return
		}
		now := time.Now()
		deadline, end := now.Add(b.s.streamIdle), start.Add(b.s.streamTime)
		if deadline.After(end) {
			deadline = end
		}
		_ = b.rc.SetReadDeadline(deadline)
		_ = b.rc.SetWriteDeadline(now.Add(streamRecordTime)) // the answers wait while the client sends
		b.mu.Unlock()
		n, err := b.src.Read(buf)
		b.s.ahead.take(n)
		if n > 0 {
			b.mu.Lock()
			b.queue = append(b.queue, bytes.Clone(buf[:n]))
			b.queued += n
			b.mu.Unlock()
			b.signal()
		}
		if err != nil {
			if isTimeout(err) {
				err = errStreamIdle
				if !time.Now().Before(end) {
					err = errStreamSlow
				}
			}
			b.end(err)
			return
		}
	}
}

// isTimeout reports whether err is a read deadline passing.
func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, os.ErrDeadlineExceeded) || errors.As(err, &ne) && ne.Timeout()
}

// end records why the pump stopped.
func (b *streamBody) end(err error) {
	b.mu.Lock()
	b.ended, b.err = true, err
	b.mu.Unlock()
	b.signal()
}

func (b *streamBody) signal() {
	select {
	case b.ready <- struct{}{}:
	default:
	}
}

// wait waits until there are bytes to work on or the body has ended, with
// no token held meanwhile, and then takes one; it reports whether bytes
// are queued, or else returns why the body ended.
func (b *streamBody) wait() (bool, error) {
	for {
		b.mu.Lock()
		queued, ended, err := len(b.queue) > 0, b.ended, b.err
		b.mu.Unlock()
		if queued || ended {
			if queued && !b.held {
				release, ok := b.s.take(b.r, b.s.streams)
				if !ok {
					return false, errStreamBusy
				}
				b.held, b.release = true, release
			}
			return queued, err
		}
		b.idle()
		<-b.ready
	}
}

// begin waits for the first bytes of the body and takes a token for them:
// it returns errStreamBusy when none came free in time, the error the body
// ended with before any bytes came, or nil.
func (b *streamBody) begin() error {
	queued, err := b.wait()
	if queued || err == io.EOF {
		return nil // a failure after the first bytes is the stream's last answer
	}
	return err
}

// Read reads the bytes queued, waiting for more when there are none.
func (b *streamBody) Read(p []byte) (int, error) {
	queued, err := b.wait()
	if !queued {
		return 0, err
	}
	b.mu.Lock()
	n := copy(p, b.queue[0])
	if b.queue[0] = b.queue[0][n:]; len(b.queue[0]) == 0 {
		b.queue[0] = nil
		b.queue = b.queue[1:]
	}
	b.queued -= n
	b.mu.Unlock()
	b.s.ahead.release(n)
	return n, nil
}

// idle gives the stream's token back while it waits for the client.
func (b *streamBody) idle() {
	if b.held {
		b.release()
		b.held = false
	}
}

// close stops the pump, waits for it (a handler may not read its body once
// it returns), and gives back the token and what was queued.
func (b *streamBody) close() {
	b.idle()
	b.mu.Lock()
	if !b.stopping {
		b.stopping = true
		close(b.stop)
		if !b.ended {
			_ = b.rc.SetReadDeadline(time.Now()) // ends a read in progress
		}
	}
	b.mu.Unlock()
	<-b.done
	b.mu.Lock()
	b.s.ahead.release(b.queued)
	b.queue, b.queued = nil, 0
	b.mu.Unlock()
}

// byteBudget is a count of bytes that goroutines take and give back; a
// goroutine waits for room before it reads, and then takes what it read,
// so the count may go over by what is read at once.
type byteBudget struct {
	mu      sync.Mutex
	free    int
	changed chan struct{} // closed and replaced when bytes are given back
}

func newByteBudget(n int) *byteBudget { return &byteBudget{free: n, changed: make(chan struct{})} }

// waitFor waits until n bytes are free or stop is closed; it reports
// whether they are.
func (b *byteBudget) waitFor(stop <-chan struct{}, n int) bool {
	for {
		b.mu.Lock()
		if b.free >= n {
			b.mu.Unlock()
			return true
		}
		changed := b.changed
		b.mu.Unlock()
		select {
		case <-changed:
		case <-stop:
			return false
		}
	}
}

// take takes n bytes.
func (b *byteBudget) take(n int) {
	b.mu.Lock()
	b.free -= n
	b.mu.Unlock()
}

// release gives n bytes back.
func (b *byteBudget) release(n int) {
	if n == 0 {
		return
	}
	b.mu.Lock()
	b.free += n
	close(b.changed)
	b.changed = make(chan struct{})
	b.mu.Unlock()
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
	select {
	case tokens <- struct{}{}: // a free one first, even when the request is ending
		return func() { <-tokens }, true
	default:
	}
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

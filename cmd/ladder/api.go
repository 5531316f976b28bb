package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"strings"
	"time"

	"github.com/ladderkit/ladder"
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
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(b)
}

// ladderJSON is the body of GET /v1/ladder, the same as "ladder levels
// --format json".
type ladderJSON struct {
	Ladder ladder.Info `json:"ladder"`
	Levels []levelJSON `json:"levels"`
}

func (s *server) apiLadder(w http.ResponseWriter, _ *http.Request) {
	levels := s.l.Levels()
	out := ladderJSON{s.l.Info(), make([]levelJSON, len(levels))}
	for i, lv := range levels {
		out.Levels[i] = toLevelJSON(lv)
	}
	writeJSONStatus(w, http.StatusOK, out)
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
	writeJSONStatus(w, http.StatusOK, toLevelJSON(lv))
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
// application/x-ndjson, a stream of them.
func (s *server) apiEvaluate(w http.ResponseWriter, r *http.Request) {
	at, err := s.atOf(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error(), []problem{{Path: "at", Message: err.Error()}})
		return
	}
	kind, mt := kindOf(r)
	switch kind {
	case bodyStream:
		s.evaluateStream(w, r, at)
		return
	case bodyProfile:
	default:
		writeError(w, http.StatusUnsupportedMediaType, fmt.Sprintf("unsupported Content-Type %q: send a profile as application/yaml or application/json, or a stream as application/x-ndjson", mt), nil)
		return
	}
	data, err := readLimited(w, r, maxProfileSize)
	if !bodyReadOK(w, err, maxProfileSize) {
		return
	}
	if len(bytes.TrimSpace(data)) == 0 {
		writeError(w, http.StatusBadRequest, "empty body: send a profile as YAML or JSON", nil)
		return
	}
	release, ok := s.acquire(w, r)
	if !ok {
		return
	}
	rep, err := s.evaluate(data, at)
	release()
	if err != nil {
		writeError(w, http.StatusUnprocessableEntity, "invalid profile", problemsOf(err, data))
		return
	}
	b, err := rep.JSON()
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error(), nil)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(b)
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
	Index  int       `json:"index"`  // 0-based, counting records (blank lines are not records)
	Line   int       `json:"line"`   // 1-based line of the record in the stream
	Errors []problem `json:"errors"` // line and column are within the record
}

// evaluateStream answers a JSON Lines stream with JSON Lines: a report or a
// streamError per record, in input order, each written as soon as it is
// ready. A body over maxStreamSize, a line over maxProfileSize, or no
// evaluation slot in time ends the stream with a final {"error": …} line.
func (s *server) evaluateStream(w http.ResponseWriter, r *http.Request, at time.Time) {
	rc := http.NewResponseController(w)
	_ = rc.EnableFullDuplex() // answer record by record while the client still sends
	w.Header().Set("Content-Type", "application/x-ndjson")
	w.WriteHeader(http.StatusOK)
	enc := json.NewEncoder(w)
	for res := range s.evaluateLines(w, r, at) {
		switch {
		case res.stop != "":
			enc.Encode(apiError{Error: res.stop, Problems: []problem{}})
			return
		case res.err != nil:
			enc.Encode(streamError{Index: res.index, Line: res.line, Errors: problemsOf(res.err, res.data)})
		default:
			if b, err := res.report.MarshalJSON(); err == nil {
				w.Write(append(b, '\n'))
			}
		}
		_ = rc.SetWriteDeadline(time.Now().Add(streamRecordTime))
		if rc.Flush() != nil {
			return // the client went away
		}
	}
}

// streamResult is one record of a stream, evaluated, or the reason the
// stream stopped.
type streamResult struct {
	index, line int    // 0-based record, 1-based line
	data        []byte // the record, for locating its problems; valid until the next record
	report      *ladder.Report
	err         error
	stop        string // why the stream ends here; the other fields are unset
}

// evaluateLines reads the body of r as JSON Lines (blank lines skipped) and
// evaluates each record in order, one at a time, so that memory stays flat
// whatever the size of the stream. The read deadline moves on with each
// record. It is the one place that reads streams: the cycle, and the
// library's ReadPeople and EvaluateStream once they land, plug in here.
func (s *server) evaluateLines(w http.ResponseWriter, r *http.Request, at time.Time) iter.Seq[streamResult] {
	return func(yield func(streamResult) bool) {
		rc := http.NewResponseController(w)
		body := &errTrap{r: http.MaxBytesReader(w, r.Body, s.streamLimit)}
		sc := bufio.NewScanner(body)
		sc.Buffer(make([]byte, 0, 64<<10), maxProfileSize)
		sc.Split(func(data []byte, atEOF bool) (int, []byte, error) {
			if atEOF && body.err != nil && bytes.IndexByte(data, '\n') < 0 {
				return 0, nil, body.err // a line cut off by a failed read is not a record
			}
			return bufio.ScanLines(data, atEOF)
		})
		line, index := 0, 0
		for {
			_ = rc.SetReadDeadline(time.Now().Add(streamRecordTime))
			if !sc.Scan() {
				break
			}
			line++
			data := sc.Bytes()
			if len(bytes.TrimSpace(data)) == 0 {
				continue
			}
			release, ok := s.acquireQuiet(r)
			if !ok {
				yield(streamResult{stop: "too many evaluations at once; the stream stopped here"})
				return
			}
			rep, err := s.evaluate(data, at)
			release()
			if !yield(streamResult{index: index, line: line, data: data, report: rep, err: err}) {
				return
			}
			index++
		}
		if err := sc.Err(); err != nil {
			var mbe *http.MaxBytesError
			msg := "reading the stream: " + err.Error()
			switch {
			case errors.As(err, &mbe):
				msg = fmt.Sprintf("the stream is larger than the limit of %d bytes; it stopped after line %d", s.streamLimit, line)
			case errors.Is(err, bufio.ErrTooLong):
				msg = fmt.Sprintf("line %d is longer than the limit of %d bytes; the stream stopped there", line+1, maxProfileSize)
			}
			yield(streamResult{stop: msg})
		}
	}
}

// errTrap keeps the first error other than io.EOF that reading r met.
type errTrap struct {
	r   io.Reader
	err error
}

func (t *errTrap) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	if err != nil && err != io.EOF && t.err == nil {
		t.err = err
	}
	return n, err
}

// acquireQuiet takes an evaluation slot like acquire but answers nothing
// when none comes free: a stream has already sent its status.
func (s *server) acquireQuiet(r *http.Request) (release func(), ok bool) {
	t := time.NewTimer(s.wait)
	defer t.Stop()
	select {
	case s.slots <- struct{}{}:
		return func() { <-s.slots }, true
	case <-t.C:
	case <-r.Context().Done():
	}
	return nil, false
}

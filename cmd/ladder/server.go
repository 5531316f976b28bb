package main

import (
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"maps"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/ladderkit/ladder"
	"github.com/ladderkit/ladder/internal/suggest"
)

// The web assets: page templates, the style sheet and the OpenAPI document.
//
//go:embed web
var webFS embed.FS

// Limits of ladder serve (documented in its help and in openapi.json).
const (
	maxStreamSize = 64 << 20         // a JSON Lines stream; each line is at most maxProfileSize
	slotWait      = 10 * time.Second // how long a request waits for an evaluation slot before 503
	// streamRecordTime is how long the answer of a stream may wait to be
	// written; the write deadline moves on with every record and every
	// read of the body.
	streamRecordTime = 30 * time.Second
	// bodyMaxTime bounds how long the body of one profile or form may
	// take to arrive.
	bodyMaxTime = 30 * time.Second
)

// server answers the API and the web pages for one ladder. It keeps
// nothing a client sends beyond the request that sent it.
type server struct {
	l     *ladder.Ladder
	mux   *http.ServeMux
	pages *template.Template
	slots chan struct{} // one token per evaluation running
	// streams has one token per stream or cycle being worked on: a stream
	// holds its token only while it has bytes read to work on, never
	// while the client is awaited (streamBody), so idle or slow senders
	// keep no other stream waiting.
	streams chan struct{}
	wait    time.Duration // how long to wait for a slot

	streamLimit int64         // the largest stream body, maxStreamSize
	streamTime  time.Duration // the longest a stream may take to arrive, streamMaxTime
	streamIdle  time.Duration // the longest a stream may send nothing, streamIdleTime
	bodyTime    time.Duration // the longest the body of one profile or form may take, bodyMaxTime
	ahead       *byteBudget   // the bytes of streams read ahead of their answers, maxReadAhead
	today       func() time.Time
}

// route is one path of the server and its handlers by method.
type route struct {
	pattern string // as http.ServeMux and OpenAPI both write it: /v1/levels/{id}
	api     bool   // part of the JSON API (and of openapi.json)
	methods map[string]http.HandlerFunc
	query   []string // the query parameters an API route takes; any other is a 400
}

// newServer returns the handler of ladder serve for l.
func newServer(l *ladder.Ladder) *server {
	s := &server{
		l:       l,
		mux:     http.NewServeMux(),
		pages:   template.Must(parsePages()),
		slots:   make(chan struct{}, max(4, 2*runtime.GOMAXPROCS(0))),
		streams: make(chan struct{}, max(2, runtime.GOMAXPROCS(0))),
		wait:    slotWait,

		streamLimit: maxStreamSize,
		streamTime:  streamMaxTime,
		streamIdle:  streamIdleTime,
		bodyTime:    bodyMaxTime,
		ahead:       newByteBudget(maxReadAhead),
		today:       ladder.Today,
	}
	for _, rt := range s.routes() {
		s.mux.Handle(rt.pattern, rt)
	}
	s.mux.HandleFunc("/v1/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such API route: "+r.URL.Path+"; see /openapi.json", nil)
	})
	s.mux.HandleFunc("/", s.notFoundPage)
	return s
}

// routes lists every route. openapi.json describes exactly the api ones
// (a test holds them together).
func (s *server) routes() []route {
	return []route{
		{pattern: "/healthz", api: true, methods: map[string]http.HandlerFunc{"GET": s.healthz}},
		{pattern: "/openapi.json", api: true, methods: map[string]http.HandlerFunc{"GET": s.openAPI}},
		{pattern: "/v1/ladder", api: true, methods: map[string]http.HandlerFunc{"GET": s.apiLadder}},
		{pattern: "/v1/levels/{id}", api: true, methods: map[string]http.HandlerFunc{"GET": s.apiLevel}},
		{pattern: "/v1/evaluate", api: true, methods: map[string]http.HandlerFunc{"POST": s.apiEvaluate}, query: []string{"at"}},
		{pattern: "/v1/cycle", api: true, methods: map[string]http.HandlerFunc{"POST": s.apiCycle}, query: []string{"at", "by"}},
		{pattern: "/v1/path", api: true, methods: map[string]http.HandlerFunc{"POST": s.apiPath}, query: []string{"at"}},
		{pattern: "/v1/standings", api: true, methods: map[string]http.HandlerFunc{"POST": s.apiStandings}, query: []string{"at"}},
		{pattern: "/v1/schema/{kind}", api: true, methods: map[string]http.HandlerFunc{"GET": s.apiSchema}},

		{pattern: "/{$}", methods: map[string]http.HandlerFunc{"GET": s.ladderPage}},
		{pattern: "/levels/{id}", methods: map[string]http.HandlerFunc{"GET": s.levelPage}},
		{pattern: "/evaluate", methods: map[string]http.HandlerFunc{"GET": s.evaluateForm, "POST": s.evaluatePage}},
		{pattern: "/cycle", methods: map[string]http.HandlerFunc{"GET": s.cycleForm, "POST": s.cyclePage}},
		{pattern: "/style.css", methods: map[string]http.HandlerFunc{"GET": s.styleSheet}},
	}
}

// ServeHTTP dispatches on the method: HEAD goes where GET does, and any
// other method the route lacks is a 405 naming the allowed ones.
func (rt route) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	m := r.Method
	if m == http.MethodHead {
		m = http.MethodGet
	}
	h, ok := rt.methods[m]
	if !ok {
		allowed := make([]string, 0, len(rt.methods)+1)
		for m := range rt.methods {
			allowed = append(allowed, m)
		}
		if rt.methods["GET"] != nil {
			allowed = append(allowed, "HEAD")
		}
		sort.Strings(allowed)
		w.Header().Set("Allow", strings.Join(allowed, ", "))
		msg := fmt.Sprintf("method %s not allowed on %s; use %s", r.Method, rt.pattern, strings.Join(allowed, " or "))
		if rt.api {
			writeError(w, http.StatusMethodNotAllowed, msg, nil)
		} else {
			http.Error(w, msg, http.StatusMethodNotAllowed)
		}
		return
	}
	if rt.api {
		if msg := rt.unknownQuery(r); msg != "" {
			writeError(w, http.StatusBadRequest, msg, nil)
			return
		}
	}
	h(w, r)
}

// unknownQuery says what is wrong with the query parameters of a request
// to an API route: one it does not take (a misspelt ?date= would
// otherwise be ignored and the answer be as of today), or one given twice.
func (rt route) unknownQuery(r *http.Request) string {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return "the query cannot be read: " + err.Error()
	}
	takes := "takes none"
	if len(rt.query) > 0 {
		takes = "takes " + strings.Join(rt.query, " and ")
	}
	for _, name := range slices.Sorted(maps.Keys(q)) {
		switch {
		case !slices.Contains(rt.query, name):
			return fmt.Sprintf("unknown query parameter %q%s: %s %s", name, suggest.DidYouMean(name, rt.query), rt.pattern, takes)
		case len(q[name]) > 1:
			return fmt.Sprintf("query parameter %q is given %d times: give it once", name, len(q[name]))
		}
	}
	return ""
}

// ServeHTTP answers one request. A bug answers 500 without a stack trace
// and without echoing the request.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			writeError(w, http.StatusInternalServerError, "internal error; please report it with the request that caused it", nil)
		}
	}()
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-store") // reports are personal data
	if ce := r.Header.Values("Content-Encoding"); len(ce) > 0 && !(len(ce) == 1 && strings.EqualFold(strings.TrimSpace(ce[0]), "identity")) {
		// A compressed body would be read as text; decompressing it would
		// need limits of its own. It is refused before it is read.
		msg := fmt.Sprintf("unsupported Content-Encoding %q: send the body uncompressed", strings.Join(ce, ", "))
		if strings.HasPrefix(r.URL.Path, "/v1/") {
			writeError(w, http.StatusUnsupportedMediaType, msg, nil)
		} else {
			http.Error(w, msg, http.StatusUnsupportedMediaType)
		}
		return
	}
	s.mux.ServeHTTP(w, r)
}

// contentSecurityPolicy is sent with every HTML page: the pages load only
// their own style sheet, run no script, submit their forms only to this
// server and may not be framed.
const contentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// htmlHeaders sets the headers of an HTML answer of b bytes.
func htmlHeaders(w http.ResponseWriter, n int) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", contentSecurityPolicy)
	w.Header().Set("X-Frame-Options", "DENY")
	w.Header().Set("Content-Length", strconv.Itoa(n))
}

// acquire takes an evaluation slot, waiting up to s.wait; release gives it
// back. It returns false (and answers 503) when none came free in time or
// the client went away.
func (s *server) acquire(w http.ResponseWriter, r *http.Request) (release func(), ok bool) {
	if release, ok := s.acquireQuiet(r); ok {
		return release, true
	}
	w.Header().Set("Retry-After", "1")
	writeError(w, http.StatusServiceUnavailable, "too many evaluations at once; try again shortly", nil)
	return nil, false
}

// problem is one located problem of an input, as the API reports it.
type problem struct {
	Path    string `json:"path"`
	Table   string `json:"table,omitempty"` // for people read from a workbook's sheets: the sheet
	Line    int    `json:"line"`            // the row, in a table
	Column  int    `json:"column"`
	Header  string `json:"header,omitempty"` // the column's header, in CSV and tables
	Message string `json:"message"`
}

// apiError is the body of every error answer of the API.
type apiError struct {
	Error    string    `json:"error"`
	Problems []problem `json:"problems"`
}

// writeError answers status with {"error": msg, "problems": [...]}.
func writeError(w http.ResponseWriter, status int, msg string, problems []problem) {
	if problems == nil {
		problems = []problem{}
	}
	writeJSONStatus(w, status, apiError{msg, problems})
}

// writeJSONStatus answers status with v as the command writes JSON.
func writeJSONStatus(w http.ResponseWriter, status int, v any) {
	b, err := jsonText(v)
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"error":"internal error","problems":[]}`+"\n")
	}
	writeBody(w, status, b)
}

// writeBody answers status with b, a JSON document.
func writeBody(w http.ResponseWriter, status int, b []byte) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(b))) // HEAD answers say it too
	w.WriteHeader(status)
	w.Write(b)
}

// problemsOf turns the error of parsing or evaluating a profile into
// located problems; data is the document, for the positions of problems
// found against the ladder.
func problemsOf(err error, data []byte) []problem {
	var pes ladder.ProfileErrors
	if !errors.As(err, &pes) {
		return []problem{{Message: err.Error()}}
	}
	pes.Locate(data)
	out := make([]problem, len(pes))
	for i, pe := range pes {
		out[i] = problem{Path: pe.Path, Line: pe.Line, Column: pe.Column, Message: pe.Message}
	}
	return out
}

// bodyKind is what a request body holds, by its Content-Type.
type bodyKind int

const (
	bodyProfile bodyKind = iota // one profile, YAML or JSON
	bodyStream                  // JSON Lines, one profile a line, or CSV
	bodyForm                    // an HTML form
	bodyUnsupported
)

// kindOf reads the Content-Type of r. No Content-Type means one profile,
// told apart as ParsePerson does.
// xlsxType is the media type of an .xlsx workbook.
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

func kindOf(r *http.Request) (bodyKind, string) {
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		return bodyProfile, ""
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return bodyUnsupported, ct
	}
	switch mt {
	case "application/json", "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain":
		return bodyProfile, mt
	case "application/x-ndjson", "application/jsonl", "application/x-jsonlines", "text/csv", xlsxType:
		return bodyStream, mt
	case "application/x-www-form-urlencoded", "multipart/form-data":
		return bodyForm, mt
	}
	return bodyUnsupported, mt
}

// readLimited reads all of body, at most limit bytes; more is a
// *http.MaxBytesError.
func readLimited(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	return io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
}

// bodyDeadline gives the body of a request that is read whole (one
// profile, a form) s.bodyTime to arrive: one sent a byte at a time is a
// 408.
func (s *server) bodyDeadline(w http.ResponseWriter) {
	_ = http.NewResponseController(w).SetReadDeadline(time.Now().Add(s.bodyTime))
}

// readFailure says why reading a request's body failed, and with which
// status: 413 over the limit, 408 when it did not arrive in time, 400
// otherwise. It never names the connection's addresses, which a
// *net.OpError would.
func readFailure(err error, limit int64) (int, string) {
	var mbe *http.MaxBytesError
	var ne net.Error
	var oe *net.OpError
	switch {
	case errors.As(err, &mbe):
		return http.StatusRequestEntityTooLarge, fmt.Sprintf("the body is larger than the limit of %d bytes", limit)
	case errors.Is(err, os.ErrDeadlineExceeded) || errors.As(err, &ne) && ne.Timeout():
		return http.StatusRequestTimeout, "the body did not arrive in time: send it without pauses"
	case errors.As(err, &oe) && oe.Err != nil:
		return http.StatusBadRequest, "reading the body failed: " + oe.Err.Error()
	}
	return http.StatusBadRequest, "reading the body failed: " + err.Error()
}

// queryDate reads the query parameter name as YYYY-MM-DD; zero when it
// is not given.
func queryDate(r *http.Request, name string) (time.Time, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return time.Time{}, nil
	}
	t, err := ladder.ParseDate(v)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s: %v", name, err)
	}
	return t, nil
}

// levelIDs lists the ids of the ladder's levels, lowest first.
func (s *server) levelIDs() []string {
	levels := s.l.Levels()
	ids := make([]string, len(levels))
	for i, lv := range levels {
		ids[i] = string(lv.ID)
	}
	return ids
}

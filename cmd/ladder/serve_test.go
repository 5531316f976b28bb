package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/ladderkit/ladder"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testServer is the server of the embedded track with today fixed at the
// date of every test.
func testServer(t testing.TB) *server {
	t.Helper()
	s := newServer(ladder.Default())
	day, err := ladder.ParseDate(at)
	require.NoError(t, err)
	s.today = func() time.Time { return day }
	return s
}

func readFile(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	require.NoError(t, err)
	return string(b)
}

// do sends one request to h and returns the recorded answer.
func do(h http.Handler, method, target, contentType string, body io.Reader) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, body)
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// form builds a multipart form like the evaluate page sends.
func form(t testing.TB, fields map[string]string, file string) (string, io.Reader) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		require.NoError(t, mw.WriteField(k, fields[k]))
	}
	fw, err := mw.CreateFormFile("file", "profile.yaml")
	require.NoError(t, err)
	_, err = fw.Write([]byte(file))
	require.NoError(t, err)
	require.NoError(t, mw.Close())
	return mw.FormDataContentType(), &b
}

func TestServeRoutes(t *testing.T) {
	s := testServer(t)
	maya := readFile(t, "testdata/profiles/maya.yaml")
	dev := readFile(t, "testdata/profiles/dev.json")
	people := readFile(t, "testdata/stream/people.jsonl")
	peopleCSV := readFile(t, "testdata/stream/people.csv")
	huge := "id: x\nlevel: L2\n# " + strings.Repeat("x", maxProfileSize) + "\n"
	mayaForm, mayaBody := form(t, map[string]string{"profile": maya, "at": at}, "")
	uploadForm, uploadBody := form(t, map[string]string{"profile": "ignored when a file is chosen"}, dev)
	badDateForm, badDateBody := form(t, map[string]string{"profile": maya, "at": "2026-02-30"}, "")
	emptyForm, emptyBody := form(t, map[string]string{"profile": "  "}, "")
	badForm, badBody := form(t, map[string]string{"profile": "id: x\nlevel: L99\n"}, "")
	hugeForm, hugeBody := form(t, nil, huge)

	cases := []struct {
		name, method, target, ctype string
		body                        io.Reader
		status                      int
		wantType                    string   // the start of the answer's Content-Type
		contains                    []string // in the body
	}{
		{"healthz", "GET", "/healthz", "", nil, 200, "application/json", []string{`"status": "ok"`}},
		{"healthz head", "HEAD", "/healthz", "", nil, 200, "application/json", nil},
		{"openapi", "GET", "/openapi.json", "", nil, 200, "application/json", []string{`"openapi": "3.1.0"`}},
		{"ladder", "GET", "/v1/ladder", "", nil, 200, "application/json", []string{`"id": "worca-ai-first-business-manager"`, `"id": "L10"`}},
		{"level", "GET", "/v1/levels/L7", "", nil, 200, "application/json", []string{`"title": "Sr Product Owner"`}},
		{"level lower case", "GET", "/v1/levels/l8", "", nil, 200, "application/json", []string{`"id": "L8"`}},
		{"level unknown", "GET", "/v1/levels/L11", "", nil, 404, "application/json", []string{`unknown level \"L11\"; the levels are L1, L2, L3`}},
		{"schema", "GET", "/v1/schema/profile", "", nil, 200, "application/schema+json", []string{`"$schema"`}},
		{"schema unknown", "GET", "/v1/schema/levl", "", nil, 404, "application/json", []string{`no schema \"levl\" (did you mean level?)`}},
		{"api unknown", "GET", "/v1/levels", "", nil, 404, "application/json", []string{`no such API route: /v1/levels`}},
		{"api method", "DELETE", "/v1/ladder", "", nil, 405, "application/json", []string{`method DELETE not allowed on /v1/ladder; use GET or HEAD`}},
		{"evaluate method", "GET", "/v1/evaluate", "", nil, 405, "application/json", []string{`use POST`}},
		{"evaluate yaml", "POST", "/v1/evaluate?at=" + at, "application/yaml", strings.NewReader(maya), 200, "application/json", []string{`"verdict": "not_eligible"`, `"as_of": "2026-11-20"`}},
		{"evaluate json", "POST", "/v1/evaluate?at=" + at, "application/json; charset=utf-8", strings.NewReader(dev), 200, "application/json", []string{`"person": "dev"`}},
		{"evaluate no type", "POST", "/v1/evaluate?at=" + at, "", strings.NewReader(maya), 200, "application/json", []string{`"person": "maya"`}},
		{"evaluate today", "POST", "/v1/evaluate", "application/yaml", strings.NewReader(maya), 200, "application/json", []string{`"as_of": "2026-11-20"`}},
		{"evaluate bad at", "POST", "/v1/evaluate?at=2026-13-01", "application/yaml", strings.NewReader(maya), 400, "application/json", []string{`"path": "at"`}},
		{"evaluate empty", "POST", "/v1/evaluate", "application/yaml", strings.NewReader("\n"), 400, "application/json", []string{`empty body`}},
		{"evaluate too large", "POST", "/v1/evaluate", "application/yaml", strings.NewReader(huge), 413, "application/json", []string{`larger than the limit of 1048576 bytes`}},
		{"evaluate csv", "POST", "/v1/evaluate?at=" + at, "text/csv", strings.NewReader(peopleCSV), 200, "application/x-ndjson", []string{`"person":"maya"`, `"as_of":"2026-11-20"`}},
		{"evaluate media type", "POST", "/v1/evaluate", "application/pdf", strings.NewReader("%PDF"), 415, "application/json", []string{`unsupported Content-Type \"application/pdf\"`, `text/csv or an .xlsx workbook`}},
		{"evaluate bad media type", "POST", "/v1/evaluate", "/;;", strings.NewReader("a"), 415, "application/json", nil},

		{"cycle jsonl", "POST", "/v1/cycle?at=" + at + "&by=2027-05-20", "application/x-ndjson", strings.NewReader(people), 200, "application/json", []string{`"people": 15`, `"invalid": 2`, `"by": "2027-05-20"`, `"line": 10`}},
		{"cycle csv", "POST", "/v1/cycle?at=" + at, "text/csv", strings.NewReader(peopleCSV), 200, "application/json", []string{`"people": 14`, `"by": "2027-05-20"`}},
		{"cycle yaml", "POST", "/v1/cycle?at=" + at, "application/yaml", strings.NewReader(maya + "---\n" + dev), 200, "application/json", []string{`"people": 2`, `"invalid": 0`}},
		{"cycle no type", "POST", "/v1/cycle", "", strings.NewReader(people), 200, "application/json", []string{`"as_of": "2026-11-20"`}},
		{"cycle bad at", "POST", "/v1/cycle?at=2026-11", "application/x-ndjson", strings.NewReader(people), 400, "application/json", []string{`"path": "at"`}},
		{"cycle bad by", "POST", "/v1/cycle?by=soon", "application/x-ndjson", strings.NewReader(people), 400, "application/json", []string{`"path": "by"`}},
		{"cycle empty", "POST", "/v1/cycle", "application/x-ndjson", strings.NewReader("\n\n"), 400, "application/json", []string{`no people in the body`}},
		{"cycle media type", "POST", "/v1/cycle", "application/pdf", strings.NewReader("%PDF"), 415, "application/json", []string{`unsupported Content-Type \"application/pdf\"`}},
		{"cycle method", "GET", "/v1/cycle", "", nil, 405, "application/json", []string{`use POST`}},
		{"path", "POST", "/v1/path?at=" + at, "application/yaml", strings.NewReader(maya), 200, "application/json", []string{`"person": "maya"`, `"from": "L7"`, `"to": "L10"`, `"as_of": "2026-11-20"`}},
		{"path json", "POST", "/v1/path?at=" + at, "application/json", strings.NewReader(dev), 200, "application/json", []string{`"person": "dev"`}},
		{"path invalid", "POST", "/v1/path", "application/yaml", strings.NewReader("id: x\nlevel: L99\n"), 422, "application/json", []string{`"line": 2`, `unknown level \"L99\"`}},
		{"path bad at", "POST", "/v1/path?at=x", "application/yaml", strings.NewReader(maya), 400, "application/json", []string{`"path": "at"`}},
		{"path empty", "POST", "/v1/path", "application/yaml", strings.NewReader(" "), 400, "application/json", []string{`empty body`}},
		{"path too large", "POST", "/v1/path", "application/yaml", strings.NewReader(huge), 413, "application/json", []string{`larger than the limit`}},
		{"path stream", "POST", "/v1/path", "application/x-ndjson", strings.NewReader(people), 415, "application/json", []string{`send a profile as application/yaml or application/json"`}},
		{"path method", "GET", "/v1/path", "", nil, 405, "application/json", nil},
		{"standings", "POST", "/v1/standings?at=" + at, "application/yaml", strings.NewReader(maya), 200, "application/json", []string{`"person": "maya"`, `"level": "L10"`, `"meets": `}},
		{"standings invalid", "POST", "/v1/standings", "application/yaml", strings.NewReader("id: x\nlevel: L99\n"), 422, "application/json", []string{`unknown level`}},
		{"standings media type", "POST", "/v1/standings", "text/csv", strings.NewReader("id,level\n"), 415, "application/json", nil},
		{"standings method", "PUT", "/v1/standings", "", nil, 405, "application/json", nil},

		{"ladder page", "GET", "/", "", nil, 200, "text/html", []string{`<svg`, `<a href="/levels/L7">L7</a>`}},
		{"level page", "GET", "/levels/L8", "", nil, 200, "text/html", []string{`<h1>L8 Lead Product Owner</h1>`, `rel="prev" href="/levels/L7"`}},
		{"top level page", "GET", "/levels/L10", "", nil, 200, "text/html", []string{`None: this is the top level.`}},
		{"level page unknown", "GET", "/levels/L0", "", nil, 404, "text/html", []string{`There is no page at <code>/levels/L0</code>`}},
		{"page unknown", "GET", "/nowhere", "", nil, 404, "text/html", nil},
		{"page method", "PUT", "/levels/L8", "", nil, 405, "text/plain", []string{`use GET or HEAD`}},
		{"style", "GET", "/style.css", "", nil, 200, "text/css", []string{`@media print`}},
		{"form", "GET", "/evaluate", "", nil, 200, "text/html", []string{`<form method="post" action="/evaluate" enctype="multipart/form-data"`}},
		{"form paste", "POST", "/evaluate", mayaForm, mayaBody, 200, "text/html", []string{`data-verdict="not_eligible"`}},
		{"form urlencoded", "POST", "/evaluate", "application/x-www-form-urlencoded", strings.NewReader("at=" + at + "&profile=id%3A+kim%0D%0Alevel%3A+L4%0D%0Alevel_since%3A+2026-01-01"), 200, "text/html", []string{`<h1 id="report-h">kim · L4`}},
		{"form upload", "POST", "/evaluate", uploadForm, uploadBody, 200, "text/html", []string{`(dev) · L`}},
		{"form bad date", "POST", "/evaluate", badDateForm, badDateBody, 400, "text/html", []string{`Evaluation date: `}},
		{"form empty", "POST", "/evaluate", emptyForm, emptyBody, 400, "text/html", []string{`Paste a profile or choose a file.`}},
		{"form invalid", "POST", "/evaluate", badForm, badBody, 422, "text/html", []string{`line 2, column 8: <code>level</code>: unknown level &#34;L99&#34; (did you mean L9?)`}},
		{"form too large", "POST", "/evaluate", hugeForm, hugeBody, 413, "text/html", []string{`larger than the limit`}},
		{"form media type", "POST", "/evaluate", "application/yaml", strings.NewReader(maya), 415, "text/html", []string{`send the form`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := do(s, tc.method, tc.target, tc.ctype, tc.body)
			assert.Equal(t, tc.status, w.Code, w.Body.String())
			assert.True(t, strings.HasPrefix(w.Header().Get("Content-Type"), tc.wantType), "Content-Type %q", w.Header().Get("Content-Type"))
			if tc.target != "/style.css" {
				assert.Equal(t, "no-store", w.Header().Get("Cache-Control"), "answers are not cached")
			}
			for _, c := range tc.contains {
				assert.Contains(t, w.Body.String(), c)
			}
			if strings.HasPrefix(tc.wantType, "application/json") && tc.method != "HEAD" {
				var v map[string]any
				require.NoError(t, json.Unmarshal(w.Body.Bytes(), &v), "valid JSON")
				if tc.status >= 400 {
					assert.Contains(t, v, "error")
					assert.Contains(t, v, "problems")
				}
			}
			if tc.status == 405 {
				assert.NotEmpty(t, w.Header().Get("Allow"))
			}
		})
	}
}

// TestServeProblems checks the located problems of an invalid profile
// exactly: positions come from the document, also for problems found
// against the ladder.
func TestServeProblems(t *testing.T) {
	s := testServer(t)
	body := "id: x\nlevel: L7\nlevel_since: 2020-01-01\nmetrics:\n  feature_hitrate: 0.7\n  feature_hit_rate: 74\n"
	w := do(s, "POST", "/v1/evaluate?at="+at, "application/yaml", strings.NewReader(body))
	require.Equal(t, http.StatusUnprocessableEntity, w.Code)
	var got apiError
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &got))
	assert.Equal(t, "invalid profile", got.Error)
	require.Len(t, got.Problems, 2, w.Body.String())
	byPath := map[string]problem{}
	for _, p := range got.Problems {
		byPath[p.Path] = p
	}
	assert.Equal(t, problem{Path: "metrics.feature_hitrate", Line: 5, Column: 3,
		Message: `unknown metric "feature_hitrate" (did you mean feature_hit_rate?)`}, byPath["metrics.feature_hitrate"])
	assert.Equal(t, problem{Path: "metrics.feature_hit_rate", Line: 6, Column: 21,
		Message: "want percent between 0 and 1, got 74"}, byPath["metrics.feature_hit_rate"])

	w = do(s, "POST", "/v1/evaluate", "application/yaml", strings.NewReader("id: [x\n"))
	require.Equal(t, http.StatusUnprocessableEntity, w.Code)
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &got))
	require.NotEmpty(t, got.Problems)
	assert.Positive(t, got.Problems[0].Line, "a syntax error has its line")
}

// TestServeBusy: when every evaluation slot is taken, a request waits and
// then gets 503 with Retry-After; the read-only routes still answer.
func TestServeBusy(t *testing.T) {
	s := testServer(t)
	s.wait = 10 * time.Millisecond
	for range cap(s.slots) {
		s.slots <- struct{}{}
	}
	w := do(s, "POST", "/v1/evaluate", "application/yaml", strings.NewReader("id: x\nlevel: L2\n"))
	assert.Equal(t, http.StatusServiceUnavailable, w.Code)
	assert.Equal(t, "1", w.Header().Get("Retry-After"))
	assert.Contains(t, w.Body.String(), "too many evaluations at once")
	assert.Equal(t, http.StatusOK, do(s, "GET", "/v1/ladder", "", nil).Code)

	<-s.slots
	assert.Equal(t, http.StatusOK, do(s, "POST", "/v1/evaluate", "application/yaml", strings.NewReader("id: x\nlevel: L2\n")).Code)
}

func TestServeStream(t *testing.T) {
	s := testServer(t)
	in := `{"id":"a","level":"L2"}` + "\n\n" +
		`{"id":"b","level":"L77"}` + "\n" +
		`{"id":"c","level":"L8","level_since":"2023-04-01"}` + "\n" +
		`{"id": [` + "\n"
	w := do(s, "POST", "/v1/evaluate?at="+at, "application/x-ndjson", strings.NewReader(in))
	require.Equal(t, http.StatusOK, w.Code)
	assert.Equal(t, "application/x-ndjson", w.Header().Get("Content-Type"))
	lines := strings.Split(strings.TrimSuffix(w.Body.String(), "\n"), "\n")
	require.Len(t, lines, 4, w.Body.String())
	var rec []map[string]any
	for _, l := range lines {
		var v map[string]any
		require.NoError(t, json.Unmarshal([]byte(l), &v), l)
		rec = append(rec, v)
	}
	assert.Equal(t, "a", rec[0]["person"])
	assert.Equal(t, "2026-11-20", rec[0]["as_of"])
	assert.Equal(t, float64(1), rec[1]["index"])
	assert.Equal(t, float64(3), rec[1]["line"], "the blank line counts as a line, not as a record")
	assert.Contains(t, lines[1], `unknown level \"L77\" (did you mean L7?)`)
	assert.Equal(t, "c", rec[2]["person"])
	assert.Equal(t, float64(3), rec[3]["index"])
	assert.Equal(t, float64(5), rec[3]["line"])

	t.Run("a line over the limit is an error line and the stream goes on", func(t *testing.T) {
		in := `{"id":"a","level":"L2"}` + "\n" + `{"id":"` + strings.Repeat("x", maxProfileSize) + `"}` + "\n" + `{"id":"c","level":"L2"}` + "\n"
		w := do(s, "POST", "/v1/evaluate", "application/x-ndjson", strings.NewReader(in))
		lines := strings.Split(strings.TrimSuffix(w.Body.String(), "\n"), "\n")
		require.Len(t, lines, 3)
		assert.Contains(t, lines[0], `"person":"a"`)
		assert.Equal(t, `{"index":1,"line":2,"errors":[{"path":"","line":2,"column":1,"message":"record is over the limit of 1048576 bytes"}]}`, lines[1])
		assert.Contains(t, lines[2], `"person":"c"`)
	})
	t.Run("a stream over the limit ends with an error line", func(t *testing.T) {
		s := testServer(t)
		s.streamLimit = 60
		in := `{"id":"a","level":"L2"}` + "\n" + `{"id":"b","level":"L2"}` + "\n" + `{"id":"c","level":"L2"}` + "\n"
		w := do(s, "POST", "/v1/evaluate", "application/x-ndjson", strings.NewReader(in))
		lines := strings.Split(strings.TrimSuffix(w.Body.String(), "\n"), "\n")
		require.Len(t, lines, 3, "the record cut off by the limit is not read as a broken record: %s", w.Body.String())
		assert.Contains(t, lines[1], `"person":"b"`)
		assert.Equal(t, `{"error":"the stream is larger than the limit of 60 bytes; it stopped after the record on line 2","problems":[]}`, lines[2])
	})
	t.Run("no stream token is a 503 before the stream starts", func(t *testing.T) {
		s := testServer(t)
		s.wait = time.Millisecond
		for range cap(s.streams) {
			s.streams <- struct{}{}
		}
		w := do(s, "POST", "/v1/evaluate", "application/x-ndjson", strings.NewReader(in))
		assert.Equal(t, http.StatusServiceUnavailable, w.Code)
		assert.Contains(t, w.Body.String(), "too many streams at once")
		// Streams held by slow senders never keep a single profile waiting.
		w = do(s, "POST", "/v1/evaluate", "application/yaml", strings.NewReader("id: a\nlevel: L2\n"))
		assert.Equal(t, http.StatusOK, w.Code, w.Body.String())
	})
	t.Run("CSV and YAML streams are read like JSON Lines", func(t *testing.T) {
		for name, tc := range map[string]struct{ in, second string }{
			"csv":  {"id,level,level_since\na,L2,\nb,L77,\n", `{"index":1,"line":3,"id":"b","errors":[{"path":"level","line":3,"column":3,`},
			"yaml": {"id: a\nlevel: L2\n---\nid: b\nlevel: L77\n", `{"index":1,"line":4,"id":"b","errors":[{"path":"level","line":5,"column":8,`},
		} {
			in := tc.in
			w := do(s, "POST", "/v1/evaluate?at="+at, "application/x-ndjson", strings.NewReader(in))
			lines := strings.Split(strings.TrimSuffix(w.Body.String(), "\n"), "\n")
			require.Len(t, lines, 2, name)
			assert.Contains(t, lines[0], `"person":"a"`, name)
			assert.True(t, strings.HasPrefix(lines[1], tc.second), "%s: %s", name, lines[1])
			assert.Contains(t, lines[1], `unknown level \"L77\"`, name)
		}
	})
	t.Run("a bad date is a 400 before the stream starts", func(t *testing.T) {
		w := do(s, "POST", "/v1/evaluate?at=yesterday", "application/x-ndjson", strings.NewReader(in))
		assert.Equal(t, http.StatusBadRequest, w.Code)
	})
}

// TestOpenAPIMatchesRoutes holds openapi.json and the API routes together,
// both ways: every documented operation has a handler that answers it, and
// every API handler is documented.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	s := testServer(t)
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	b, err := webFS.ReadFile("web/openapi.json")
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &doc))
	assert.Equal(t, "3.1.0", doc.OpenAPI)

	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for method := range ops {
			documented[strings.ToUpper(method)+" "+path] = true
		}
	}
	handled := map[string]bool{}
	for _, rt := range s.routes() {
		if !rt.api {
			assert.False(t, strings.HasPrefix(rt.pattern, "/v1/"), "%s is under /v1/ but not marked api", rt.pattern)
			continue
		}
		for m := range rt.methods {
			handled[m+" "+rt.pattern] = true
		}
	}
	assert.Equal(t, sortedKeys(handled), sortedKeys(documented))

	// Every documented operation answers something other than "no such
	// route" or "wrong method".
	param := regexp.MustCompile(`\{[a-z]+\}`)
	for op := range documented {
		method, path, _ := strings.Cut(op, " ")
		target := param.ReplaceAllStringFunc(path, func(p string) string {
			return map[string]string{"{id}": "L7", "{kind}": "profile"}[p]
		})
		w := do(s, method, target, "application/yaml", strings.NewReader("id: x\nlevel: L2\n"))
		assert.Equal(t, http.StatusOK, w.Code, "%s %s", method, target)
	}
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// TestReportPageMatchesText: the report page shows every check of the text
// report with the same mark, name and detail, and the same verdict.
func TestReportPageMatchesText(t *testing.T) {
	s := testServer(t)
	sawGaps := false
	defer func() { assert.True(t, sawGaps, "some profile has gaps") }()
	day, _ := ladder.ParseDate(at)
	for _, f := range []string{"testdata/profiles/maya.yaml", "testdata/profiles/lee.yaml", "testdata/profiles/noor.yaml",
		"testdata/profiles/top.yaml", "testdata/profiles/dev.json",
		"../../examples/profiles/l4-missing-metrics.yaml", "../../examples/profiles/l4-blocked-by-tenure.yaml"} {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data := readFile(t, f)
			ct, body := form(t, map[string]string{"profile": data, "at": at}, "")
			w := do(s, "POST", "/evaluate", ct, body)
			require.Equal(t, http.StatusOK, w.Code, w.Body.String())
			page := html.UnescapeString(w.Body.String())

			p, err := ladder.ParsePerson([]byte(data))
			require.NoError(t, err)
			rep, err := ladder.Default().Evaluate(p, ladder.At(day))
			require.NoError(t, err)
			text := rep.Text()
			checks := rep.Standards
			if rep.Promotion != nil {
				checks = append(slices.Clone(checks), rep.Promotion.Checks...)
				verdict := strings.ToUpper(strings.ReplaceAll(string(rep.Promotion.Verdict), "_", " "))
				require.Contains(t, text, "Promotion to "+string(rep.Promotion.To)+": "+verdict)
				assert.Contains(t, page, `data-verdict="`+string(rep.Promotion.Verdict)+`"`)
				assert.Contains(t, strings.ToUpper(page), "PROMOTION TO "+string(rep.Promotion.To)+": "+verdict)
			} else {
				assert.Contains(t, page, "this is the top level")
			}
			for _, c := range checks {
				m := checkMark(c.Status)
				require.Regexp(t, regexp.QuoteMeta(m+" "+c.Name)+` +.*`+regexp.QuoteMeta(c.Detail), text, "the text report has the check")
				assert.Contains(t, page, `<span aria-hidden="true">`+m+`</span> <span class="sr">`+string(c.Status)+`</span></td><th scope="row">`+c.Name+`</th><td>`+c.Detail)
				if len(c.Gaps) > 0 {
					gaps := "→ " + gapsText(c.Gaps)
					require.Contains(t, text, gaps, "the text report says the gaps")
					assert.Contains(t, page, `<span class="gap">`+gaps+`</span>`)
					sawGaps = true
				}
			}
			steps, err := ladder.Default().Path(p, ladder.At(day))
			require.NoError(t, err)
			assert.Contains(t, page, `<h2 id="path-h">Path to the top</h2>`+"\n<p>"+ladder.PathText(steps)+".</p>")
			for _, st := range steps {
				assert.Contains(t, page, `<th scope="row">`+string(st.From)+` → <a href="/levels/`+string(st.To)+`">`+string(st.To)+`</a></th><td>`+stepWhen(st)+`</td>`)
			}
			if c := rep.Checklist; c.Total > 0 {
				assert.Contains(t, page, fmt.Sprintf("%d of %d done", c.Done, c.Total))
			}
			if pr := rep.Promotion; pr != nil && !pr.Earliest.IsZero() {
				assert.Contains(t, page, "Earliest date tenure allows: <strong><time datetime=\""+date(pr.Earliest))
			}
			for _, f := range rep.Referrals {
				assert.Contains(t, page, `<th scope="row">`+f.Mentee+`</th>`)
			}
		})
	}
}

// TestServePagesGolden keeps the pages as people read them.
func TestServePagesGolden(t *testing.T) {
	s := testServer(t)
	maya := readFile(t, "testdata/profiles/maya.yaml")
	ct, body := form(t, map[string]string{"profile": maya, "at": at}, "")
	cycleCT, cycleBody := cycleForm(t, map[string]string{"at": at, "by": "2027-05-20"}, readFile(t, "testdata/stream/people.jsonl"))
	for _, tc := range []struct {
		name, method, target, ctype string
		body                        io.Reader
	}{
		{"serve-ladder.html", "GET", "/", "", nil},
		{"serve-level-L8.html", "GET", "/levels/L8", "", nil},
		{"serve-report-maya.html", "POST", "/evaluate", ct, body},
		{"serve-cycle.html", "POST", "/cycle", cycleCT, cycleBody},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := do(s, tc.method, tc.target, tc.ctype, tc.body)
			require.Equal(t, http.StatusOK, w.Code)
			checkPageGolden(t, tc.name, w.Body.String())
		})
	}
}

// checkPageGolden compares a page with testdata/pages/NAME.golden;
// -update rewrites it.
func checkPageGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "pages", name+".golden")
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, string(want), got, "%s differs; run 'go test ./cmd/ladder -update' to accept the new output", path)
}

// TestServeLoad runs 32 clients of 50 requests each against a real
// listener on loopback: every request is answered, none is lost.
func TestServeLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("1600 requests on loopback; skipped with -short")
	}
	srv := httptest.NewUnstartedServer(nil)
	srv.Config = newHTTPServer(testServer(t))
	srv.Start()
	defer srv.Close()
	maya := []byte(readFile(t, "testdata/profiles/maya.yaml"))

	const clients, perClient = 32, 50
	var ok, failed atomic.Int64
	var firstErr sync.Once
	var errMsg atomic.Value
	var wg sync.WaitGroup
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	defer client.CloseIdleConnections()
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perClient {
				var resp *http.Response
				var err error
				switch (c + i) % 4 {
				case 0, 1:
					resp, err = client.Post(srv.URL+"/v1/evaluate?at="+at, "application/yaml", bytes.NewReader(maya))
				case 2:
					resp, err = client.Get(srv.URL + "/v1/levels/L7")
				default:
					resp, err = client.Get(srv.URL + "/")
				}
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if err == nil && resp.StatusCode != http.StatusOK {
						err = fmt.Errorf("status %d", resp.StatusCode)
					}
				}
				if err != nil {
					failed.Add(1)
					firstErr.Do(func() { errMsg.Store(err.Error()) })
					continue
				}
				ok.Add(1)
			}
		}()
	}
	wg.Wait()
	assert.Equal(t, int64(clients*perClient), ok.Load(), "failed: %d, first error: %v", failed.Load(), errMsg.Load())
}

// TestServeSignal runs the built command, holds a stream open, sends
// SIGTERM, and checks that the request in flight finishes and the process
// exits 0.
func TestServeSignal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	bin := buildLadder(t)
	cmd, base, stderr := startServe(t, bin)

	// Nothing a client sends is logged: an invalid profile with a secret in it.
	resp, err := http.Post(base+"/v1/evaluate", "application/yaml", strings.NewReader("id: secret-person-4711\nlevel: L99\n"))
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)

	// A stream that stays open until we say so.
	pr, pw := io.Pipe()
	req, err := http.NewRequest("POST", base+"/v1/evaluate?at="+at, pr)
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-ndjson")
	respc := make(chan *http.Response, 1)
	errc := make(chan error, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			errc <- err
			return
		}
		respc <- resp
	}()
	_, err = io.WriteString(pw, `{"id":"a","level":"L2"}`+"\n")
	require.NoError(t, err)
	select {
	case resp = <-respc:
	case err := <-errc:
		t.Fatal(err)
	case <-time.After(10 * time.Second):
		t.Fatal("no answer to the stream")
	}
	defer resp.Body.Close()
	rd := bufio.NewReader(resp.Body)
	first, err := rd.ReadString('\n')
	require.NoError(t, err)
	assert.Contains(t, first, `"person":"a"`)

	require.NoError(t, cmd.Process.Signal(os.Interrupt))
	time.Sleep(200 * time.Millisecond) // the server is draining now
	_, err = http.Get(base + "/healthz")
	assert.Error(t, err, "no new connections while draining")

	_, err = io.WriteString(pw, `{"id":"b","level":"L3"}`+"\n")
	require.NoError(t, err)
	require.NoError(t, pw.Close())
	rest, err := io.ReadAll(rd)
	require.NoError(t, err)
	assert.Contains(t, string(rest), `"person":"b"`, "the request in flight finished")

	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		assert.NoError(t, err, "exit status 0")
		assert.Empty(t, stderr.String(), "nothing logged")
	case <-time.After(drainTimeout + 5*time.Second):
		cmd.Process.Kill()
		t.Fatal("the server did not stop")
	}
}

// TestServeSignalIdle: SIGTERM with nothing in flight stops at once, exit 0.
func TestServeSignalIdle(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	cmd, base, _ := startServe(t, buildLadder(t))
	resp, err := http.Get(base + "/healthz")
	require.NoError(t, err)
	resp.Body.Close()
	start := time.Now()
	require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
	require.NoError(t, cmd.Wait(), "exit status 0")
	assert.Less(t, time.Since(start), 5*time.Second)
}

var buildOnce = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "ladder-serve-test")
	if err != nil {
		return "", err
	}
	bin := dir + "/ladder"
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
})

func buildLadder(t *testing.T) string {
	t.Helper()
	bin, err := buildOnce()
	require.NoError(t, err)
	return bin
}

// startServe starts "ladder serve" on a free port and returns it and its
// base URL, read from the first line it prints.
func startServe(t *testing.T, bin string) (*exec.Cmd, string, *lockedBuffer) {
	t.Helper()
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0")
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	stderr := &lockedBuffer{}
	cmd.Stderr = stderr
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	require.NoError(t, err, "stderr: %s", stderr.String())
	require.Regexp(t, `^listening on http://127\.0\.0\.1:[1-9][0-9]*\n$`, line)
	return cmd, strings.TrimSpace(strings.TrimPrefix(line, "listening on ")), stderr
}

// lockedBuffer is a bytes.Buffer that a child process may write while the
// test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// FuzzServeEvaluate: whatever the body, POST /v1/evaluate answers valid
// JSON with a status the API documents, never a 500.
func FuzzServeEvaluate(f *testing.F) {
	for _, name := range []string{"maya.yaml", "lee.yaml", "dev.json", "top.yaml"} {
		f.Add([]byte(readFile(f, "testdata/profiles/"+name)), uint8(0))
	}
	f.Add([]byte("id: [x\n"), uint8(1))
	f.Add([]byte(`{"id":"a","level":"L2"}`+"\n"+`{"id":`), uint8(2))
	f.Add([]byte("id,level\na,L2\nb,L77\n"), uint8(6))
	f.Add([]byte("id: a\nlevel: L2\n---\nid: [\n"), uint8(4))
	f.Add([]byte(readFile(f, "testdata/profiles/maya.yaml")), uint8(8))
	s := testServer(f)
	types := []string{"application/yaml", "application/json", "application/x-ndjson", ""}
	f.Fuzz(func(t *testing.T, body []byte, ct uint8) {
		ctype := types[int(ct)%len(types)]
		route := []string{"/v1/evaluate", "/v1/cycle", "/v1/path"}[int(ct)/len(types)%3]
		done := make(chan *httptest.ResponseRecorder, 1)
		go func() { done <- do(s, "POST", route+"?at="+at, ctype, bytes.NewReader(body)) }()
		var w *httptest.ResponseRecorder
		select {
		case w = <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("no answer in 5 s for %s %q", ctype, body)
		}
		switch {
		case w.Code == 200, w.Code == 400, w.Code == 413, w.Code == 422:
		case w.Code == 415 && route == "/v1/path" && ctype == "application/x-ndjson":
		default:
			t.Fatalf("%s: status %d for %q: %s", route, w.Code, body, w.Body.String())
		}
		if ctype == "application/x-ndjson" && route == "/v1/evaluate" {
			for _, line := range strings.Split(strings.TrimSuffix(w.Body.String(), "\n"), "\n") {
				if line != "" && !json.Valid([]byte(line)) {
					t.Fatalf("invalid JSON line %q", line)
				}
			}
			return
		}
		if !json.Valid(w.Body.Bytes()) {
			t.Fatalf("invalid JSON: %s", w.Body.String())
		}
	})
}

// TestVerdictChart draws a chart of a few levels and checks the bars: in
// proportion, in verdict order, and the chart in words.
func TestVerdictChart(t *testing.T) {
	c := newVerdictChart([]ladder.LevelID{"L4", "L7", "L8"}, map[ladder.LevelID]map[string]int{
		"L4": {"eligible": 2, "not_eligible": 2},
		"L7": {"not_eligible": 1, "undetermined": 1, "invalid": 1},
	})
	require.Len(t, c.Rows, 3)
	assert.Equal(t, "L4: 2 eligible, 2 not eligible; L7: 1 not eligible, 1 undetermined, 1 invalid; L8: nobody.", c.Desc)
	l4 := c.Rows[0]
	assert.Equal(t, 4, l4.Total)
	require.Len(t, l4.Bars, 2)
	assert.Equal(t, chartBar{Verdict: "eligible", Label: "eligible", X: chartLabelW, W: chartBarW / 2, Count: 2}, l4.Bars[0])
	assert.Equal(t, chartBar{Verdict: "not_eligible", Label: "not eligible", X: chartLabelW + chartBarW/2, W: chartBarW / 2, Count: 2}, l4.Bars[1])
	assert.Equal(t, chartBarW/4, c.Rows[1].Bars[0].W, "1 of the longest bar's 4")
	assert.Empty(t, c.Rows[2].Bars)
	var legend []string
	for _, k := range c.Legend {
		legend = append(legend, k.Verdict)
	}
	assert.Equal(t, []string{"eligible", "not_eligible", "undetermined", "invalid"}, legend, "no top level drawn, none in the legend")

	var b bytes.Buffer
	require.NoError(t, testServer(t).pages.ExecuteTemplate(&b, "verdict-chart", c))
	svg := b.String()
	assert.Contains(t, svg, `<rect class="bar not_eligible" x="288" y="28" width="240" height="20"><title>2 not eligible</title></rect>`)
	assert.Contains(t, svg, `<text class="count" x="534" y="43">4</text>`)
	assert.Contains(t, svg, `<desc id="chart-desc">L4: 2 eligible`)
}

// TestServeLadderFlag: --ladder serves that ladder; one that does not load
// is reported with its positions and nothing is served.
func TestServeLadderFlag(t *testing.T) {
	got := runLadder(t, "", "serve", "--ladder", "testdata/ladders/misspelt", "--addr", "127.0.0.1:0")
	assert.Equal(t, exitInvalid, got.code)
	assert.Empty(t, got.stdout, "no listening line")
	assert.Regexp(t, `^testdata/ladders/misspelt/\S+:\d+:\d+: `, got.stderr)

	got = runLadder(t, "", "serve", "--addr", "256.0.0.1:0")
	assert.Equal(t, exitInvalid, got.code)
	assert.Contains(t, got.stderr, "ladder serve: listen tcp")

	l, err := ladder.LoadDir("testdata/ladders/small")
	require.NoError(t, err)
	w := do(newServer(l), "GET", "/v1/ladder", "", nil)
	require.Equal(t, http.StatusOK, w.Code)
	var body ladderJSON
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &body))
	assert.Equal(t, l.Info().ID, body.Ladder.ID)
	assert.Len(t, body.Levels, len(l.Levels()))
}

// TestServeCycle: POST /v1/cycle answers what "ladder cycle --format json"
// writes for the same people; a body over the stream limit is a 413 and a
// busy server a 503.
func TestServeCycle(t *testing.T) {
	s := testServer(t)
	people := readFile(t, "../../examples/cycle/people.jsonl")
	w := do(s, "POST", "/v1/cycle?at="+at+"&by=2027-05-20", "application/x-ndjson", strings.NewReader(people))
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	assert.Equal(t, readFile(t, "testdata/golden/cycle-json.stdout"), w.Body.String())

	t.Run("over the limit", func(t *testing.T) {
		s := testServer(t)
		s.streamLimit = 100
		w := do(s, "POST", "/v1/cycle", "application/x-ndjson", strings.NewReader(people))
		assert.Equal(t, http.StatusRequestEntityTooLarge, w.Code)
		assert.Contains(t, w.Body.String(), "the stream is larger than the limit of 100 bytes")
	})
	t.Run("busy", func(t *testing.T) {
		s := testServer(t)
		s.wait = time.Millisecond
		for range cap(s.streams) {
			s.streams <- struct{}{}
		}
		w := do(s, "POST", "/v1/cycle", "application/x-ndjson", strings.NewReader(people))
		assert.Equal(t, http.StatusServiceUnavailable, w.Code)
		assert.Equal(t, "1", w.Header().Get("Retry-After"))
	})
}

// TestServePath: POST /v1/path and /v1/standings answer what "ladder path"
// and "ladder standings" write with --format json.
func TestServePath(t *testing.T) {
	s := testServer(t)
	for _, cmd := range []string{"path", "standings"} {
		got := runLadder(t, "", cmd, "--at", at, "--format", "json", "testdata/profiles/maya.yaml")
		require.Equal(t, exitOK, got.code, got.stderr)
		w := do(s, "POST", "/v1/"+cmd+"?at="+at, "application/yaml", strings.NewReader(readFile(t, "testdata/profiles/maya.yaml")))
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		assert.JSONEq(t, got.stdout, w.Body.String(), cmd)
	}
}

// cycleForm builds a multipart form like the cycle page sends: the dates
// first, then the file.
func cycleForm(t testing.TB, fields map[string]string, file string) (string, io.Reader) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for _, k := range []string{"at", "by"} {
		require.NoError(t, mw.WriteField(k, fields[k]))
	}
	fw, err := mw.CreateFormFile("file", "people.jsonl")
	require.NoError(t, err)
	_, err = fw.Write([]byte(file))
	require.NoError(t, err)
	require.NoError(t, mw.WriteField("people", fields["people"]))
	require.NoError(t, mw.Close())
	return mw.FormDataContentType(), &b
}

// TestServeCyclePage: the cycle page draws the chart of verdicts per level
// of the people sent, the same counts as "ladder cycle", and says what is
// wrong with a bad form.
func TestServeCyclePage(t *testing.T) {
	s := testServer(t)
	people := readFile(t, "testdata/stream/people.jsonl")
	csv := readFile(t, "testdata/stream/people.csv")

	t.Run("form", func(t *testing.T) {
		w := do(s, "GET", "/cycle", "", nil)
		require.Equal(t, http.StatusOK, w.Code)
		assert.Contains(t, w.Body.String(), `<form method="post" action="/cycle" enctype="multipart/form-data"`)
		assert.Contains(t, do(s, "GET", "/", "", nil).Body.String(), `<a href="/cycle">Promotion cycle</a>`, "linked from the nav")
	})
	t.Run("upload", func(t *testing.T) {
		ct, body := cycleForm(t, map[string]string{"at": at, "by": "2027-05-20"}, people)
		w := do(s, "POST", "/cycle", ct, body)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		page := w.Body.String()
		assert.Contains(t, page, `<svg viewBox="0 0 576 172" role="img" aria-labelledby="chart-title chart-desc"`)
		assert.Contains(t, page, `<desc id="chart-desc">L1: 1 undetermined; L4: 2 eligible, 1 not eligible, 1 undetermined; L7: 1 eligible, 4 not eligible; L8: 1 eligible, 1 not eligible; L10: 1 top level.</desc>`)
		assert.Contains(t, page, `<rect class="bar not_eligible" x="144" y="84" width="384" height="20"><title>4 not eligible</title></rect>`)
		assert.Contains(t, page, `15 records · as of <time datetime="2026-11-20">2026-11-20</time> · 2 invalid`)
		assert.Contains(t, page, `<li>record 9 (line 10), Tim Typo (typo): 10:45: level: unknown level &#34;L44&#34; (did you mean L4?)</li>`)
	})
	t.Run("paste", func(t *testing.T) {
		ct, body := cycleForm(t, map[string]string{"at": at, "people": strings.ReplaceAll(csv, "\n", "\r\n")}, "")
		w := do(s, "POST", "/cycle", ct, body)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		assert.Contains(t, w.Body.String(), `14 records · as of`)
		assert.Contains(t, w.Body.String(), `Eligible by <time datetime="2027-05-20">2027-05-20</time>`, "six months after the evaluation date")
	})
	t.Run("urlencoded", func(t *testing.T) {
		w := do(s, "POST", "/cycle", "application/x-www-form-urlencoded", strings.NewReader("at="+at+"&people=id%2Clevel%0D%0Aa%2CL2%0D%0A"))
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		assert.Contains(t, w.Body.String(), `1 record · as of`)
	})
	for _, tc := range []struct {
		name   string
		fields map[string]string
		file   string
		status int
		want   string
	}{
		{"nothing sent", map[string]string{"people": " \n"}, "", 400, "Choose a file or paste people."},
		{"bad date", map[string]string{"at": "2026-02-30"}, people, 400, "Evaluation date: "},
		{"bad by", map[string]string{"by": "soon"}, people, 400, "Eligible by: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ct, body := cycleForm(t, tc.fields, tc.file)
			w := do(s, "POST", "/cycle", ct, body)
			assert.Equal(t, tc.status, w.Code)
			assert.Contains(t, w.Body.String(), tc.want)
			assert.Contains(t, w.Body.String(), `role="alert"`)
		})
	}
	t.Run("too large", func(t *testing.T) {
		s := testServer(t)
		s.streamLimit = 200
		ct, body := cycleForm(t, map[string]string{"at": at}, people)
		w := do(s, "POST", "/cycle", ct, body)
		assert.Equal(t, http.StatusRequestEntityTooLarge, w.Code, w.Body.String())
		assert.Contains(t, w.Body.String(), "larger than the limit of 200 bytes")
	})
	t.Run("pasted too large", func(t *testing.T) {
		form := url.Values{"people": {strings.Repeat(people, pasteLimit/len(people)+1)}}.Encode()
		w := do(s, "POST", "/cycle", "application/x-www-form-urlencoded", strings.NewReader(form))
		assert.Equal(t, http.StatusRequestEntityTooLarge, w.Code)
		assert.Contains(t, w.Body.String(), "upload the file instead of pasting it")
	})
	t.Run("media type", func(t *testing.T) {
		w := do(s, "POST", "/cycle", "application/x-ndjson", strings.NewReader(people))
		assert.Equal(t, http.StatusUnsupportedMediaType, w.Code)
	})
}

// TestCycleHTMLStandsAlone: "ladder cycle --format html" is the cycle page
// with its style inline, no links and no scripts.
func TestCycleHTMLStandsAlone(t *testing.T) {
	got := runLadder(t, "", "cycle", "--at", at, "--format", "html", "testdata/stream/people.jsonl")
	page := got.stdout
	assert.Contains(t, page, "<style>\n/* ladder serve: one small style sheet")
	assert.Contains(t, page, ".bar.eligible { fill: var(--met); }", "the chart's colours are inline")
	assert.Contains(t, page, `<desc id="chart-desc">L1: 1 undetermined;`)
	assert.NotContains(t, page, "<script")
	assert.NotContains(t, page, `<link rel="stylesheet"`)
	assert.Equal(t, []string{`href="#main"`}, regexp.MustCompile(`href="[^"]*"`).FindAllString(page, -1), "the only link is the skip link")
}

// chunks reads its pieces one per Read, then fails with err (io.EOF for a
// clean end).
type chunks struct {
	pieces []string
	err    error
}

func (c *chunks) Read(p []byte) (int, error) {
	if len(c.pieces) == 0 {
		return 0, c.err
	}
	n := copy(p, c.pieces[0])
	if c.pieces[0] = c.pieces[0][n:]; c.pieces[0] == "" {
		c.pieces = c.pieces[1:]
	}
	return n, nil
}

// TestWholeLines: the bytes of a line are passed on once it ends, or the
// body ends cleanly; a line cut off by a failed read is dropped.
func TestWholeLines(t *testing.T) {
	broken := errors.New("connection reset")
	for _, tc := range []struct {
		name   string
		pieces []string
		err    error
		want   string
	}{
		{"whole lines", []string{"a\nb", "c\n", "d\n"}, io.EOF, "a\nbc\nd\n"},
		{"last line without a newline", []string{"a\n", "bc"}, io.EOF, "a\nbc"},
		{"a line cut off", []string{"a\nb", "c"}, broken, "a\n"},
		{"cut off at a line end", []string{"a\n"}, broken, "a\n"},
		{"a line longer than held back", []string{strings.Repeat("x", maxHeld+10), "y"}, broken, strings.Repeat("x", maxHeld+10)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := &wholeLines{r: &chunks{pieces: slices.Clone(tc.pieces), err: tc.err}}
			got, err := io.ReadAll(h)
			assert.Equal(t, tc.want, string(got))
			if tc.err == io.EOF {
				assert.NoError(t, err)
				assert.False(t, h.failed(err))
			} else {
				assert.ErrorIs(t, err, tc.err)
				assert.True(t, h.failed(fmt.Errorf("wrapped: %w", err)))
			}
		})
	}
}

// A stream sent a little at a time, each part well within the per-record
// deadline, still ends when the whole stream's time is up, so a slow
// sender cannot hold a stream token for ever.
func TestServeStreamTimeIsBounded(t *testing.T) {
	s := testServer(t)
	s.streamTime = 300 * time.Millisecond
	ts := httptest.NewServer(s)
	defer ts.Close()
	pr, pw := io.Pipe()
	go func() {
		defer pw.Close()
		for i := 0; ; i++ {
			if _, err := fmt.Fprintf(pw, "{\"id\": \"p%d\", \"level\": \"L2\"}\n", i); err != nil {
				return // the server has hung up
			}
			time.Sleep(50 * time.Millisecond)
			if i > 200 {
				return // 10 s: the bound did not hold; the assertions below say so
			}
		}
	}()
	req, err := http.NewRequest("POST", ts.URL+"/v1/evaluate?at="+at, pr)
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-ndjson")
	start := time.Now()
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	lines := strings.Split(strings.TrimSpace(string(body)), "\n")
	assert.Less(t, time.Since(start), 5*time.Second, "the stream was cut off near its time limit")
	assert.Less(t, len(lines), 100, "records answered before the limit")
	assert.Contains(t, lines[len(lines)-1], `"error":"the stream took longer than 300ms to arrive, and was closed; it stopped after the record on line`, "the last line says why the stream ended")
}

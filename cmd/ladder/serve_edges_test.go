package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The server's edges (issue 24): what a hostile or unusual client sends at
// the HTTP level, beyond the profiles themselves.

// watchdog bounds how long a raw connection of these tests may block: far
// above what the server takes, so that a server that hangs fails the test
// instead of hanging it. It is not an assertion on time.
const watchdog = 60 * time.Second

// rawRequest sends req over a fresh connection to ts, whole, before
// reading anything (as Python's http.client and most HTTP libraries do),
// and then reads the answer. The client's send buffer is small, as over a
// network, so that the connection cannot hold what the client sends while
// the server is blocked answering.
func rawRequest(t *testing.T, ts *httptest.Server, req string) *http.Response {
	t.Helper()
	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	require.NoError(t, conn.(*net.TCPConn).SetWriteBuffer(16<<10))
	require.NoError(t, conn.SetDeadline(time.Now().Add(watchdog)))
	_, err = io.WriteString(conn, req)
	require.NoError(t, err, "the server stopped reading the request")
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	require.NoError(t, err)
	return resp
}

// A client that writes a whole 5 MB stream before it reads a byte of the
// answer gets every answer: the server reads the body ahead of its answers
// instead of blocking on them (it used to reset the connection after 30 s).
func TestIssue24_ClientThatWritesFirst(t *testing.T) {
	s := testServer(t)
	ts := httptest.NewServer(s)
	defer ts.Close()
	var body strings.Builder
	n := 0
	for ; body.Len() < 5<<20; n++ {
		fmt.Fprintf(&body, `{"id":"p%d","name":"%s","level":"L7","level_since":"2022-09-01","joined":"2014-05-01"}`+"\n", n, strings.Repeat("x", 900))
	}
	resp := rawRequest(t, ts, fmt.Sprintf("POST /v1/evaluate?at=%s HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-ndjson\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s", at, body.Len(), body.String()))
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(nil, 1<<20)
	lines := 0
	for sc.Scan() {
		var v map[string]any
		require.NoError(t, json.Unmarshal(sc.Bytes(), &v))
		require.NotContains(t, v, "error", "line %d: %s", lines+1, sc.Text())
		assert.Equal(t, fmt.Sprintf("p%d", lines), v["person"])
		lines++
	}
	require.NoError(t, sc.Err())
	assert.Equal(t, n, lines, "an answer for every record")
}

// idleStream opens a stream request whose body never comes, and returns
// once the server's handler is reading it: the server has answered its
// Expect: 100-continue (or, had it answered before reading, its status).
func idleStream(t *testing.T, ts *httptest.Server, path string) (net.Conn, *bufio.Reader) {
	t.Helper()
	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	require.NoError(t, conn.SetDeadline(time.Now().Add(watchdog)))
	_, err = fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-ndjson\r\nContent-Length: 1000\r\nExpect: 100-continue\r\n\r\n", path)
	require.NoError(t, err)
	br := bufio.NewReader(conn)
	status, err := br.ReadString('\n')
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(status, "HTTP/1.1 "), status)
	if strings.HasPrefix(status, "HTTP/1.1 100 ") {
		blank, err := br.ReadString('\n') // the end of the interim answer
		require.NoError(t, err)
		require.Equal(t, "\r\n", blank)
	}
	return conn, br
}

// Streams that send nothing hold no stream token: other streams and
// cycles are answered, not turned away with 503 for as long as the idle
// ones last.
func TestIssue24_IdleStreamsHoldNoToken(t *testing.T) {
	s := testServer(t)
	s.wait = 200 * time.Millisecond
	ts := httptest.NewServer(s)
	defer ts.Close()
	var idle []net.Conn
	defer func() {
		for _, c := range idle {
			c.Close() // before the server closes, which waits for their handlers
		}
	}()
	for i := range cap(s.streams) {
		path := "/v1/evaluate"
		if i%2 == 1 {
			path = "/v1/cycle"
		}
		c, _ := idleStream(t, ts, path)
		idle = append(idle, c)
	}
	for _, path := range []string{"/v1/evaluate?at=" + at, "/v1/cycle?at=" + at} {
		resp, err := http.Post(ts.URL+path, "application/x-ndjson", strings.NewReader(`{"id":"a","level":"L2"}`+"\n"))
		require.NoError(t, err)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		assert.Equal(t, http.StatusOK, resp.StatusCode, "%s: %s", path, b)
	}
}

// A stream that pauses after some records holds no token while it waits:
// another stream is answered meanwhile.
func TestIssue24_PausedStreamsHoldNoToken(t *testing.T) {
	s := testServer(t)
	s.wait = 200 * time.Millisecond
	ts := httptest.NewServer(s)
	defer ts.Close()
	var paused []net.Conn
	defer func() {
		for _, c := range paused {
			c.Close()
		}
	}()
	for range cap(s.streams) {
		conn, err := net.Dial("tcp", ts.Listener.Addr().String())
		require.NoError(t, err)
		paused = append(paused, conn)
		require.NoError(t, conn.SetDeadline(time.Now().Add(watchdog)))
		record := `{"id":"a","level":"L2"}` + "\n"
		_, err = fmt.Fprintf(conn, "POST /v1/evaluate?at=%s HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n", at, len(record), record)
		require.NoError(t, err)
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		first, err := bufio.NewReader(resp.Body).ReadString('\n') // the record is answered: the stream now waits
		require.NoError(t, err)
		require.Contains(t, first, `"person":"a"`)
	}
	resp, err := http.Post(ts.URL+"/v1/evaluate?at="+at, "application/x-ndjson", strings.NewReader(`{"id":"b","level":"L2"}`+"\n"))
	require.NoError(t, err)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode, string(b))
}

// A stream that sends nothing for the idle time is closed with 408, and
// the answer names no socket address.
func TestIssue24_IdleStreamIsClosed(t *testing.T) {
	for _, path := range []string{"/v1/evaluate", "/v1/cycle"} {
		t.Run(path, func(t *testing.T) {
			s := testServer(t)
			s.streamIdle = 300 * time.Millisecond
			ts := httptest.NewServer(s)
			defer ts.Close()
			_, br := idleStream(t, ts, path)
			resp, err := http.ReadResponse(br, nil)
			require.NoError(t, err)
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			assert.Equal(t, http.StatusRequestTimeout, resp.StatusCode)
			assert.Contains(t, string(b), `"error": "the stream sent nothing for 300ms, and was closed"`)
			assert.NotContains(t, string(b), "127.0.0.1")
		})
	}
}

// A profile or a form sent too slowly is a 408 that names no socket
// address (it was a 400 quoting "read tcp 127.0.0.1:…->…: i/o timeout").
func TestIssue24_SlowBodyIs408(t *testing.T) {
	for _, tc := range []struct{ path, ctype, wantType, want string }{
		{"/v1/evaluate", "application/yaml", "application/json", `"error": "the body did not arrive in time: send it without pauses"`},
		{"/v1/path", "application/json", "application/json", `"error": "the body did not arrive in time: send it without pauses"`},
		{"/evaluate", "application/x-www-form-urlencoded", "text/html", `The form could not be read: the body did not arrive in time: send it without pauses.`},
		{"/cycle", "application/x-www-form-urlencoded", "text/html", `The form could not be read: the body did not arrive in time: send it without pauses.`},
	} {
		t.Run(tc.path, func(t *testing.T) {
			s := testServer(t)
			s.bodyTime = 300 * time.Millisecond
			ts := httptest.NewServer(s)
			defer ts.Close()
			conn, err := net.Dial("tcp", ts.Listener.Addr().String())
			require.NoError(t, err)
			defer conn.Close()
			require.NoError(t, conn.SetDeadline(time.Now().Add(watchdog)))
			_, err = fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: %s\r\nContent-Length: 100\r\n\r\nid: x\n", tc.path, tc.ctype)
			require.NoError(t, err)
			resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
			require.NoError(t, err)
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			assert.Equal(t, http.StatusRequestTimeout, resp.StatusCode, string(b))
			assert.True(t, strings.HasPrefix(resp.Header.Get("Content-Type"), tc.wantType))
			assert.Contains(t, string(b), tc.want)
			assert.NotContains(t, string(b), "127.0.0.1")
		})
	}
}

// readRecorder is a body that records whether it was read.
type readRecorder struct {
	r    io.Reader
	read bool
}

func (r *readRecorder) Read(p []byte) (int, error) {
	r.read = true
	return r.r.Read(p)
}

// A compressed body is refused with 415 naming its encoding, before a
// byte of it is read: a gzip bomb costs nothing (it used to be read as
// text and refused for a control character).
func TestIssue24_ContentEncoding(t *testing.T) {
	var bomb bytes.Buffer
	zw, err := gzip.NewWriterLevel(&bomb, gzip.BestCompression)
	require.NoError(t, err)
	zeros := make([]byte, 1<<20)
	for range 64 {
		_, err = zw.Write(zeros)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	s := testServer(t)
	for _, tc := range []struct{ path, ctype, encoding, wantType, want string }{
		{"/v1/evaluate", "application/json", "gzip", "application/json", `"error": "unsupported Content-Encoding \"gzip\": send the body uncompressed"`},
		{"/v1/evaluate", "application/x-ndjson", "gzip", "application/json", `unsupported Content-Encoding \"gzip\"`},
		{"/v1/cycle", "text/csv", "deflate", "application/json", `unsupported Content-Encoding \"deflate\"`},
		{"/v1/standings", "application/yaml", "br", "application/json", `unsupported Content-Encoding \"br\"`},
		{"/evaluate", "application/x-www-form-urlencoded", "gzip", "text/plain", `unsupported Content-Encoding "gzip": send the body uncompressed`},
		{"/cycle", "application/x-www-form-urlencoded", "gzip", "text/plain", `unsupported Content-Encoding "gzip"`},
	} {
		t.Run(tc.path+" "+tc.encoding, func(t *testing.T) {
			body := &readRecorder{r: bytes.NewReader(bomb.Bytes())}
			r := httptest.NewRequest("POST", tc.path, body)
			r.Header.Set("Content-Type", tc.ctype)
			r.Header.Set("Content-Encoding", tc.encoding)
			w := httptest.NewRecorder()
			s.ServeHTTP(w, r)
			assert.Equal(t, http.StatusUnsupportedMediaType, w.Code)
			assert.True(t, strings.HasPrefix(w.Header().Get("Content-Type"), tc.wantType), w.Header().Get("Content-Type"))
			assert.Contains(t, w.Body.String(), tc.want)
			assert.False(t, body.read, "the body was read")
		})
	}
	t.Run("identity is no encoding", func(t *testing.T) {
		r := httptest.NewRequest("POST", "/v1/evaluate?at="+at, strings.NewReader("id: a\nlevel: L2\n"))
		r.Header.Set("Content-Type", "application/yaml")
		r.Header.Set("Content-Encoding", "identity")
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		assert.Equal(t, http.StatusOK, w.Code, w.Body.String())
	})
}

// Every HTML answer forbids scripts, foreign styles, forms to elsewhere and
// framing; JSON answers need none of it.
func TestIssue24_HTMLAnswersHaveCSP(t *testing.T) {
	s := testServer(t)
	formType, formBody := cycleForm(t, map[string]string{"at": at}, `{"id":"a","level":"L2"}`+"\n")
	badType, badBody := form(t, map[string]string{"profile": "id: x\nlevel: L99\n"}, "")
	for _, tc := range []struct {
		name, method, path, ctype string
		body                      io.Reader
		status                    int
	}{
		{"ladder page", "GET", "/", "", nil, 200},
		{"level page", "GET", "/levels/L7", "", nil, 200},
		{"evaluate form", "GET", "/evaluate", "", nil, 200},
		{"cycle form", "GET", "/cycle", "", nil, 200},
		{"not found", "GET", "/nowhere", "", nil, 404},
		{"cycle page", "POST", "/cycle", formType, formBody, 200},
		{"invalid profile page", "POST", "/evaluate", badType, badBody, 422},
		{"form media type", "POST", "/evaluate", "application/yaml", strings.NewReader("id: x"), 415},
		{"head", "HEAD", "/", "", nil, 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := do(s, tc.method, tc.path, tc.ctype, tc.body)
			require.Equal(t, tc.status, w.Code)
			require.True(t, strings.HasPrefix(w.Header().Get("Content-Type"), "text/html"))
			assert.Equal(t, "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'", w.Header().Get("Content-Security-Policy"))
			assert.Equal(t, "DENY", w.Header().Get("X-Frame-Options"))
		})
	}
	w := do(s, "GET", "/v1/ladder", "", nil)
	assert.Empty(t, w.Header().Get("Content-Security-Policy"), "JSON answers")
}

// A HEAD answer carries the Content-Length its GET has, and no body.
func TestIssue24_HeadHasContentLength(t *testing.T) {
	ts := httptest.NewServer(testServer(t))
	defer ts.Close()
	for _, path := range []string{"/healthz", "/openapi.json", "/v1/ladder", "/v1/levels/L7", "/v1/levels/L99", "/v1/schema/profile",
		"/", "/levels/L7", "/evaluate", "/cycle", "/style.css", "/nowhere"} {
		t.Run(path, func(t *testing.T) {
			get, err := http.Get(ts.URL + path)
			require.NoError(t, err)
			body, err := io.ReadAll(get.Body)
			get.Body.Close()
			require.NoError(t, err)
			head, err := http.Head(ts.URL + path)
			require.NoError(t, err)
			rest, _ := io.ReadAll(head.Body)
			head.Body.Close()
			assert.Equal(t, get.StatusCode, head.StatusCode)
			assert.Equal(t, fmt.Sprint(len(body)), head.Header.Get("Content-Length"))
			assert.Equal(t, int64(len(body)), head.ContentLength)
			assert.Empty(t, rest)
		})
	}
}

// The API refuses query parameters it does not take, and one given twice,
// naming those it takes (a misspelt ?date= was ignored and the answer was
// as of today).
func TestIssue24_QueryParameters(t *testing.T) {
	s := testServer(t)
	maya := readFile(t, "testdata/profiles/maya.yaml")
	for _, tc := range []struct {
		name, method, target, ctype, body string
		status                            int
		want                              string
	}{
		{"unknown on evaluate", "POST", "/v1/evaluate?date=2026-01-01", "application/yaml", maya, 400, `"error": "unknown query parameter \"date\" (did you mean at?): /v1/evaluate takes at"`},
		{"misspelt", "POST", "/v1/evaluate?att=2026-01-01", "application/yaml", maya, 400, `"error": "unknown query parameter \"att\" (did you mean at?): /v1/evaluate takes at"`},
		{"unknown on a stream", "POST", "/v1/evaluate?format=csv", "application/x-ndjson", `{"id":"a","level":"L2"}`, 400, `unknown query parameter \"format\"`},
		{"unknown on cycle", "POST", "/v1/cycle?at=" + at + "&until=2027-01-01", "application/x-ndjson", `{"id":"a","level":"L2"}`, 400, `"error": "unknown query parameter \"until\": /v1/cycle takes at and by"`},
		{"given twice", "POST", "/v1/path?at=2026-01-01&at=2026-02-01", "application/yaml", maya, 400, `"error": "query parameter \"at\" is given 2 times: give it once"`},
		{"none taken", "GET", "/v1/ladder?pretty=1", "", "", 400, `"error": "unknown query parameter \"pretty\": /v1/ladder takes none"`},
		{"on a level", "GET", "/v1/levels/L7?x", "", "", 400, `unknown query parameter \"x\": /v1/levels/{id} takes none`},
		{"known", "POST", "/v1/standings?at=" + at, "application/yaml", maya, 200, `"person": "maya"`},
		{"pages take any", "GET", "/?utm_source=mail", "", "", 200, `<svg`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var body io.Reader
			if tc.body != "" {
				body = strings.NewReader(tc.body)
			}
			w := do(s, tc.method, tc.target, tc.ctype, body)
			assert.Equal(t, tc.status, w.Code, w.Body.String())
			assert.Contains(t, w.Body.String(), tc.want)
		})
	}
}

// A cycle's window may not end before its evaluation date.
func TestIssue24_ByBeforeAt(t *testing.T) {
	s := testServer(t)
	people := `{"id":"a","level":"L2"}` + "\n"
	w := do(s, "POST", "/v1/cycle?at=2026-11-20&by=1900-01-01", "application/x-ndjson", strings.NewReader(people))
	assert.Equal(t, http.StatusBadRequest, w.Code)
	var got apiError
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &got))
	assert.Equal(t, apiError{Error: `by: 1900-01-01 is before the evaluation date 2026-11-20: the window for "eligible by" ends on or after it`,
		Problems: []problem{{Path: "by", Message: `1900-01-01 is before the evaluation date 2026-11-20: the window for "eligible by" ends on or after it`}}}, got)

	w = do(s, "POST", "/v1/cycle?at=2026-11-20&by=2026-11-20", "application/x-ndjson", strings.NewReader(people))
	assert.Equal(t, http.StatusOK, w.Code, "a window of one day")

	ct, body := cycleForm(t, map[string]string{"at": "2026-11-20", "by": "2026-11-19"}, people)
	w = do(s, "POST", "/cycle", ct, body)
	assert.Equal(t, http.StatusBadRequest, w.Code)
	assert.Contains(t, w.Body.String(), `Eligible by: 2026-11-19 is before the evaluation date 2026-11-20`)
}

// JSON is JSON: a trailing comma is refused in JSON's terms, at its line
// and column.
func TestIssue24_JSONIsJSON(t *testing.T) {
	s := testServer(t)
	w := do(s, "POST", "/v1/evaluate", "application/json", strings.NewReader(`{"id":"x","level":"L7",}`))
	assert.Equal(t, http.StatusUnprocessableEntity, w.Code)
	var got apiError
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &got))
	assert.Equal(t, []problem{{Line: 1, Column: 24, Message: "invalid JSON: a comma before }: JSON allows no comma after the last item"}}, got.Problems)

	w = do(s, "POST", "/v1/evaluate", "application/json", strings.NewReader(`{"id":"x","level":`))
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &got))
	assert.Equal(t, []problem{{Line: 1, Column: 19, Message: "invalid JSON: the document ends where a value should follow"}}, got.Problems)
}

// multipartForm builds a multipart form of parts in the order given:
// name, value pairs, where a name "file" is a file part.
func multipartForm(t *testing.T, parts ...string) (string, io.Reader) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for i := 0; i+1 < len(parts); i += 2 {
		if parts[i] == "file" {
			fw, err := mw.CreateFormFile("file", "people.jsonl")
			require.NoError(t, err)
			_, err = io.WriteString(fw, parts[i+1])
			require.NoError(t, err)
			continue
		}
		require.NoError(t, mw.WriteField(parts[i], parts[i+1]))
	}
	require.NoError(t, mw.Close())
	return mw.FormDataContentType(), &b
}

// The cycle form holds the dates and the people, in that order: a date
// sent after the people is refused (it was ignored, and the cycle was as
// of today), and so is a field the form does not have, at once, so that a
// form cannot make the server hold fields it does not use.
func TestIssue24_CycleFormFields(t *testing.T) {
	s := testServer(t)
	people := `{"id":"a","level":"L2","level_since":"2026-01-01"}` + "\n"
	many := []string{}
	for i := range 10000 {
		many = append(many, fmt.Sprintf("f%d", i), "x")
	}
	for _, tc := range []struct {
		name   string
		parts  []string
		status int
		want   string
	}{
		{"dates first", []string{"at", at, "by", "2027-01-01", "file", people, "people", ""}, 200, `1 record · as of <time datetime="2026-11-20">`},
		{"pasted", []string{"at", at, "file", "", "people", people}, 200, `1 record · as of <time datetime="2026-11-20">`},
		{"date after the file", []string{"file", people, "at", "2025-01-01"}, 400, `The form could not be read: the field &#34;at&#34; comes after the people, too late to apply: send the dates before the file.`},
		{"date after the text", []string{"file", "", "people", people, "by", "2027-01-01"}, 400, `the field &#34;by&#34; comes after the people`},
		{"unknown field", []string{"at", at, "date", "2025-01-01", "file", people}, 400, `The form could not be read: the form has no field &#34;date&#34;: its fields are at, by, file, people.`},
		{"unknown after the file", []string{"file", people, "x", "y"}, 400, `the form has no field &#34;x&#34;`},
		{"a date twice", []string{"at", at, "at", "2025-01-01", "file", people}, 400, `the field &#34;at&#34; is given twice`},
		{"thousands of fields", append(many, "file", people), 400, `the form has no field &#34;f0&#34;`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ct, body := multipartForm(t, tc.parts...)
			w := do(s, "POST", "/cycle", ct, body)
			assert.Equal(t, tc.status, w.Code)
			assert.Contains(t, w.Body.String(), tc.want)
		})
	}
	t.Run("urlencoded", func(t *testing.T) {
		w := do(s, "POST", "/cycle", "application/x-www-form-urlencoded", strings.NewReader("at="+at+"&people=id%2Clevel%0Aa%2CL2%0A&extra=1"))
		assert.Equal(t, http.StatusBadRequest, w.Code)
		assert.Contains(t, w.Body.String(), `the form has no field &#34;extra&#34;`)
	})
}

// openapi.json says the answers of the edges: every operation may answer
// 400 (a query parameter it does not take) and 415 (a Content-Encoding),
// and every one that takes a body 408 (a body too slow); it says which
// clients must stream.
func TestIssue24_OpenAPISaysTheEdges(t *testing.T) {
	b, err := webFS.ReadFile("web/openapi.json")
	require.NoError(t, err)
	var doc struct {
		Info  struct{ Description string }                                         `json:"info"`
		Paths map[string]map[string]struct{ Responses map[string]json.RawMessage } `json:"paths"`
	}
	require.NoError(t, json.Unmarshal(b, &doc))
	for path, ops := range doc.Paths {
		for method, op := range ops {
			want := []string{"400", "415"}
			if method == "post" {
				want = append(want, "408")
			}
			for _, status := range want {
				assert.Contains(t, op.Responses, status, "%s %s", method, path)
			}
		}
	}
	assert.Contains(t, doc.Info.Description, "a client may send it whole before it reads the answer")
	assert.Contains(t, doc.Info.Description, "a client must read the answer while it sends")
}

// The read-ahead budget makes a reader wait for room, and only a reader
// that has room reads; what it read is taken after.
func TestByteBudget(t *testing.T) {
	b := newByteBudget(10)
	require.True(t, b.waitFor(nil, 10))
	b.take(8)
	stopped := make(chan struct{})
	close(stopped)
	assert.False(t, b.waitFor(stopped, 5), "2 bytes free: it waits, and gives up when stopped")
	done := make(chan bool)
	go func() { done <- b.waitFor(nil, 5) }()
	b.release(3)
	assert.True(t, <-done, "5 bytes free once 3 came back")
	b.take(64) // 5 - 64: over, by one read
	assert.False(t, b.waitFor(stopped, 1), "over the budget")
	b.release(69)
	assert.True(t, b.waitFor(stopped, 10), "10 free again")
}

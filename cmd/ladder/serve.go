package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

var serveCmd = &command{
	name:  "serve",
	short: "an HTTP JSON API and web pages for the ladder",
	help: `
Serves the ladder over HTTP until interrupted: a JSON API under /v1/ for HR
tools in any language, and web pages for people (the track, each level, a
form to paste or upload a profile and read its report with its gaps and path,
and the promotion cycle of a file of people with a chart of verdicts). /openapi.json
describes the API (OpenAPI 3.1); /healthz answers {"status":"ok"}.

The first line printed is "listening on http://HOST:PORT"; with port 0 the
system picks a free port. SIGINT or SIGTERM stops accepting connections,
lets the requests in flight finish (at most 10 seconds) and exits 0.

Limits: a profile body is at most 1 MiB and must arrive within 30 seconds, a
stream of people (JSON Lines, CSV or YAML documents) at most 64 MiB, each
record at most 1 MiB; a stream that sends nothing for 10 seconds is closed
(408), and a whole stream must arrive within 10 minutes; bodies are not
compressed (415). A stream's body is read ahead of its answers, so a client
may send it whole before reading (up to 128 MiB of streams held so at once).
At most a fixed number of evaluations run at once, others wait their turn
(503 after 10 seconds); a stream takes its turn only while it has bytes to
work on. Nothing a client sends is logged or stored.

Flags:
  --addr HOST:PORT     where to listen (default 127.0.0.1:8080)

--ladder applies as for every command. --at and --format do not: each
request gives its own date (?at=YYYY-MM-DD, default today) and gets JSON or
HTML.

Example:
  ladder serve --addr 127.0.0.1:0
  ladder serve --ladder my-ladder/ --addr :8080
`,
	flags: func(fs *flagSet) { fs.StringVar(&fs.s.addr, "addr", "127.0.0.1:8080", "") },
	run:   runServe,
}

// serve comes last in the overview; registering it here keeps main.go's
// list of commands out of this file's changes.
func init() { commands = append(commands, serveCmd) }

// drainTimeout bounds how long a stopping server waits for requests in flight.
const drainTimeout = 10 * time.Second

func runServe(s *session, _ []string) int {
	l, ok := s.ladder()
	if !ok {
		return exitInvalid
	}
	ln, err := net.Listen("tcp", s.addr)
	if err != nil {
		s.errorf("ladder serve: %v", err)
		return exitInvalid
	}
	srv := newHTTPServer(newServer(l))
	// Errors of the server itself (accept failures, TLS); never request data.
	srv.ErrorLog = log.New(s.stderr, "ladder serve: ", 0)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	fmt.Fprintf(s.stdout, "listening on http://%s\n", ln.Addr())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		s.errorf("ladder serve: %v", err)
		return exitInvalid
	case <-ctx.Done():
	}
	stop() // a second signal kills the process the usual way
	drain, cancel := context.WithTimeout(context.Background(), drainTimeout)
	defer cancel()
	if err := srv.Shutdown(drain); err != nil {
		s.errorf("ladder serve: stopped with requests still in flight: %v", err)
		srv.Close()
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		s.errorf("ladder serve: %v", err)
	}
	return exitOK
}

// newHTTPServer wraps h in a server with the timeouts of ladder serve.
func newHTTPServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second, // streams extend it record by record
		WriteTimeout:      60 * time.Second, // likewise
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
}

// maxProfileSize bounds the body of one profile; the library rejects
// larger files too.
const maxProfileSize = 1 << 20

package main

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/ladderkit/ladder"
)

// BenchmarkServeEvaluate measures POST /v1/evaluate on loopback: a real
// listener, keep-alive connections, the full L7 profile of maya.yaml, on
// every core. Compare with BenchmarkServeEvaluateDirect, the same work
// without HTTP (docs/performance.md).
func BenchmarkServeEvaluate(b *testing.B) {
	srv := httptest.NewUnstartedServer(nil)
	srv.Config = newHTTPServer(testServer(b))
	srv.Start()
	defer srv.Close()
	body := []byte(readFile(b, "testdata/profiles/maya.yaml"))
	url := srv.URL + "/v1/evaluate?at=" + at
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	defer client.CloseIdleConnections()

	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			resp, err := client.Post(url, "application/yaml", bytes.NewReader(body))
			if err != nil {
				b.Error(err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				b.Errorf("status %d", resp.StatusCode)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}

// BenchmarkServeEvaluateDirect does what the handler does for one request
// without HTTP: parse the profile, evaluate it, render the report JSON.
func BenchmarkServeEvaluateDirect(b *testing.B) {
	body := []byte(readFile(b, "testdata/profiles/maya.yaml"))
	day, err := ladder.ParseDate(at)
	if err != nil {
		b.Fatal(err)
	}
	l := ladder.Default()
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			p, err := ladder.ParsePerson(body)
			if err != nil {
				b.Error(err)
				return
			}
			r, err := l.Evaluate(p, ladder.At(day))
			if err != nil {
				b.Error(err)
				return
			}
			if _, err := r.JSON(); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}

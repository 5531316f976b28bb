//go:build linux

package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// writeBenchPeople writes n generated people as JSON Lines: ids, names,
// levels L1 to L10, dates, four metrics, checklist items at L7, and every
// 50th with an unknown metric (an invalid record), like an HR export.
func writeBenchPeople(w io.Writer, n int) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	for i := range n {
		lvl := 1 + i%10
		extra, checklist := "", ""
		if i%50 == 49 {
			extra = `, "no_such_metric": 1`
		}
		if lvl == 7 {
			checklist = `, "checklist": ["owns-roadmap", "weekly-users"]`
		}
		fmt.Fprintf(bw, `{"id": "p%07d", "name": "Person %d", "level": "L%d", "level_since": "%d-%02d-%02d", "joined": "%d-01-05", `+
			`"metrics": {"products_owned": %d, "feature_hit_rate": 0.%02d, "product_decisions_adopted": %d, "preventable_outages": %d%s}%s}`+"\n",
			i, i, lvl, 2018+i%7, 1+i%12, 1+i%28, 2010+i%5, i%3, i%100, i%5, i%2, extra, checklist)
	}
	return bw.Flush()
}

// BenchmarkEvaluateSummaryCSV runs the built command end to end, as a
// child process, on a generated JSON Lines file of 200,000 and 2,000,000
// people: ladder evaluate --summary --format csv FILE > /dev/null. It
// reports people/s over the whole run and the child's peak resident set
// (peak-RSS-MiB, from its rusage). The files (about 50 and 500 MB) are
// written to a temporary folder once per size. Run it with -benchtime 1x;
// -short skips it. It is not run by go test ./... (no -bench).
func BenchmarkEvaluateSummaryCSV(b *testing.B) {
	if testing.Short() {
		b.Skip("builds the command and writes up to 500 MB; skipped with -short")
	}
	dir := b.TempDir()
	bin := filepath.Join(dir, "ladder")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	for _, n := range []int{200_000, 2_000_000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			file := filepath.Join(dir, fmt.Sprintf("people-%d.jsonl", n))
			f, err := os.Create(file)
			if err != nil {
				b.Fatal(err)
			}
			if err := writeBenchPeople(f, n); err != nil {
				b.Fatal(err)
			}
			if err := f.Close(); err != nil {
				b.Fatal(err)
			}
			var peak int64
			var elapsed time.Duration
			b.ResetTimer()
			for range b.N {
				cmd := exec.Command(bin, "evaluate", "--at", "2026-11-20", "--summary", "--format", "csv", file)
				cmd.Stdout = io.Discard
				start := time.Now()
				err := cmd.Run()
				elapsed += time.Since(start)
				if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != exitInvalid {
					b.Fatalf("want exit status 1 (some records invalid), got %v", err)
				}
				if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
					peak = max(peak, ru.Maxrss*1024) // kilobytes on Linux
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/elapsed.Seconds(), "people/s")
			b.ReportMetric(float64(peak)/(1<<20), "peak-RSS-MiB")
		})
	}
}

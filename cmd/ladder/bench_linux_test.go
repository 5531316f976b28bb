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
	"strings"
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
			b.ResetTimer()
			elapsed, peak := runMeasured(b, bin, exitInvalid, "evaluate", "--at", "2026-11-20", "--summary", "--format", "csv", file)
			b.ReportMetric(float64(n)*float64(b.N)/elapsed.Seconds(), "people/s")
			b.ReportMetric(float64(peak)/(1<<20), "peak-RSS-MiB")
		})
	}
}

// runMeasured runs the command b.N times with its output discarded and
// returns the time the runs took and the child's largest peak resident
// set, in bytes. Each run must exit with status code.
func runMeasured(b *testing.B, bin string, code int, args ...string) (elapsed time.Duration, peak int64) {
	b.Helper()
	for range b.N {
		cmd := exec.Command(bin, args...)
		cmd.Stdout = io.Discard
		start := time.Now()
		err := cmd.Run()
		elapsed += time.Since(start)
		status := 0
		if ee, ok := err.(*exec.ExitError); ok {
			status = ee.ExitCode()
		} else if err != nil {
			b.Fatal(err)
		}
		if status != code {
			b.Fatalf("want exit status %d, got %d", code, status)
		}
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			peak = max(peak, ru.Maxrss*1024) // kilobytes on Linux
		}
	}
	return elapsed, peak
}

// writeBenchTablePeople writes n generated people as JSON Lines with what
// the list tables hold. With every set, every person (at L3 to L5) has a
// placed mentee and those at L4 four assessment results; otherwise the
// people are those of writeBenchPeople (L1 to L10, without its invalid
// records) and every fourth has a mentee, every eighth a placed one, and
// those at L4 and L7 their step's assessment results.
func writeBenchTablePeople(w io.Writer, n int, every bool) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	l4 := `"live-scope-exercise": {"result": "passed", "date": "2026-10-05"}, "mentee-outcome": {"result": "passed", "date": "2026-10-06"}, ` +
		`"product-decision-portfolio": {"result": "pending", "date": "2026-10-07"}, "team-building-simulation": {"result": "failed", "date": "2026-10-08"}`
	l7 := `"product-strategy-presentation": {"result": "passed", "date": "2026-06-01"}, "roadmap-defense": {"result": "passed", "date": "2026-06-15"}, ` +
		`"user-research-methodology": {"result": "failed", "date": "2026-07-06"}, "multi-product-scenario": {"result": "passed", "date": "2026-07-20"}, ` +
		`"mentee-outcomes": {"result": "pending", "date": "2026-08-03"}`
	for i := range n {
		lvl := 1 + i%10
		if every {
			lvl = 3 + i%3
		}
		var extra strings.Builder
		switch lvl {
		case 4:
			extra.WriteString(`, "assessments": {` + l4 + `}`)
		case 7:
			extra.WriteString(`, "assessments": {` + l7 + `}, "checklist": ["owns-roadmap", "weekly-users"]`)
		}
		switch {
		case every || i%8 == 0:
			fmt.Fprintf(&extra, `, "mentees": [{"id": "m%07d", "level": "L2", "from_level": "L1", "since": "2025-02-03", "placement": {"date": "2025-03-03", "monthly_rate": "9000.00", "currency": "EUR"}}]`, i)
		case i%4 == 0:
			fmt.Fprintf(&extra, `, "mentees": [{"id": "m%07d", "level": "L2", "from_level": "L1", "since": "2025-02-03"}]`, i)
		}
		fmt.Fprintf(bw, `{"id": "p%07d", "name": "Person %d", "level": "L%d", "level_since": "%d-%02d-%02d", "joined": "%d-01-05", `+
			`"metrics": {"products_owned": %d, "feature_hit_rate": 0.%02d, "product_decisions_adopted": %d, "preventable_outages": %d}%s}`+"\n",
			i, i, lvl, 2018+i%7, 1+i%12, 1+i%28, 2010+i%5, i%3, i%100, i%5, i%2, extra.String())
	}
	return bw.Flush()
}

// BenchmarkEvaluateSummaryTables runs ladder evaluate --summary --format
// csv end to end on 200,000 generated people with mentees and assessments
// (writeBenchTablePeople: "mixed", and "every" person with a placed
// mentee), read from JSON Lines, from a workbook (sheets people, mentees,
// assessments …) and from a folder of CSV tables, both made by ladder
// convert from the JSON Lines. It reports people/s and the child's peak
// resident set. Run it with -benchtime 1x; -short skips it.
func BenchmarkEvaluateSummaryTables(b *testing.B) {
	if testing.Short() {
		b.Skip("builds the command and writes 200,000-person workbooks; skipped with -short")
	}
	dir := b.TempDir()
	bin := filepath.Join(dir, "ladder")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	const n = 200_000
	for _, people := range []string{"mixed", "every"} {
		jsonl := filepath.Join(dir, people+".jsonl")
		f, err := os.Create(jsonl)
		if err != nil {
			b.Fatal(err)
		}
		if err := writeBenchTablePeople(f, n, people == "every"); err != nil {
			b.Fatal(err)
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
		for _, form := range []struct{ name, to, out string }{
			{"jsonl", "", jsonl},
			{"xlsx", "xlsx", filepath.Join(dir, people+".xlsx")},
			{"csv-tables", "csv", filepath.Join(dir, people+"-tables")},
		} {
			if form.to != "" {
				if out, err := exec.Command(bin, "convert", "--to", form.to, jsonl, form.out).CombinedOutput(); err != nil {
					b.Fatalf("convert --to %s: %v\n%s", form.to, err, out)
				}
			}
			b.Run(people+"/"+form.name, func(b *testing.B) {
				elapsed, peak := runMeasured(b, bin, exitOK, "evaluate", "--at", "2026-11-20", "--summary", "--format", "csv", form.out)
				b.ReportMetric(float64(n)*float64(b.N)/elapsed.Seconds(), "people/s")
				b.ReportMetric(float64(peak)/(1<<20), "peak-RSS-MiB")
			})
		}
	}
}

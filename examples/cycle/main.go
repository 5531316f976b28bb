// Command cycle runs a promotion cycle over a folder of profiles with the
// ladder library: it evaluates everyone on the embedded Worca track and
// prints who is eligible, who is blocked and by what, and who cannot be
// decided yet.
//
//	go run ./examples/cycle examples/profiles 2026-11-20
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/ladderkit/ladder"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: cycle DIR YYYY-MM-DD")
		os.Exit(2)
	}
	at, err := ladder.ParseDate(os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, "cycle:", err)
		os.Exit(2)
	}
	files, _ := filepath.Glob(filepath.Join(os.Args[1], "*.yaml"))
	sort.Strings(files)
	byVerdict := map[ladder.Verdict][]string{}
	failed := false
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err == nil {
			var p ladder.Person
			if p, err = ladder.ParsePerson(data); err == nil {
				var r *ladder.Report
				if r, err = ladder.Evaluate(p, ladder.At(at)); err == nil {
					if r.Promotion == nil {
						fmt.Printf("%-28s %s is at the top level\n", r.Person, r.Level)
						continue
					}
					line := fmt.Sprintf("%s (%s→%s)", r.Person, r.Level, r.Promotion.To)
					if blockers := blocking(r.Promotion.Checks); len(blockers) > 0 {
						line += ": " + strings.Join(blockers, ", ")
					}
					byVerdict[r.Promotion.Verdict] = append(byVerdict[r.Promotion.Verdict], line)
					continue
				}
			}
		}
		failed = true
		fmt.Fprintf(os.Stderr, "%s: %v\n", f, err)
	}
	for _, v := range []ladder.Verdict{ladder.Eligible, ladder.NotEligible, ladder.Undetermined} {
		fmt.Printf("\n%s (%d)\n", v, len(byVerdict[v]))
		for _, line := range byVerdict[v] {
			fmt.Println("  " + line)
		}
	}
	if failed {
		os.Exit(1)
	}
}

// blocking names the checks that are not met or waived.
func blocking(checks []ladder.Check) []string {
	var out []string
	for _, c := range checks {
		if c.Status == ladder.Unmet || c.Status == ladder.Unknown {
			out = append(out, c.Name+" ("+c.Status.String()+")")
		}
	}
	return out
}

// Command cycle runs a promotion cycle over an export of people with the
// ladder library: it reads the export record by record (JSON Lines, CSV or
// a YAML stream) with ReadPeople, evaluates everyone on the embedded Worca
// track on every core with EvaluateStream, and prints the cycle: verdicts
// per level, what blocks people, who becomes eligible within six months,
// mentee slots and referral money. Memory stays flat however long the
// export is. Records that cannot be evaluated are listed on stderr with
// their line, and the exit status is 1.
//
//	go run ./examples/cycle examples/cycle/people.jsonl 2026-11-20
package main

import (
	"fmt"
	"os"

	"github.com/ladderkit/ladder"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: cycle PEOPLE.jsonl|.csv|.yaml YYYY-MM-DD")
		os.Exit(2)
	}
	at, err := ladder.ParseDate(os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, "cycle:", err)
		os.Exit(2)
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "cycle:", err)
		os.Exit(1)
	}
	defer f.Close()

	cycle := &ladder.Cycle{By: ladder.AddMonths(at, 6)}
	failed := false
	for r := range ladder.Default().EvaluateStream(ladder.ReadPeople(f), ladder.At(at)) {
		if r.Err != nil {
			failed = true
			fmt.Fprintf(os.Stderr, "%s: record %d (line %d): %v\n", os.Args[1], r.Index+1, r.Line, r.Err)
		}
		cycle.Add(r)
	}
	fmt.Print(cycle.Text())
	if failed {
		f.Close()
		os.Exit(1)
	}
}

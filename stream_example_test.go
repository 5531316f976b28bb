package ladder_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/ladderkit/ladder"
)

func ExampleReadPeople() {
	export := `{"id": "ann", "level": "L2", "level_since": "2025-01-06"}
{"id": "bob", "level": "L2", "level_since":
{"id": "cy", "level": "L22"}
`
	for p, err := range ladder.ReadPeople(strings.NewReader(export)) {
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Println(p.ID, p.Level)
	}
	// Output:
	// ann L2
	// error: 2:44: invalid JSON: the document ends where a value should follow
	// cy L22
}

func ExampleLadder_EvaluateStream() {
	export := `id,name,level,level_since,metrics.products_owned
ann,Ann Lee,L2,2025-01-06,
cy,Cy Young,L22,,
`
	at := ladder.At(time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC))
	for r := range ladder.Default().EvaluateStream(ladder.ReadPeople(strings.NewReader(export)), at) {
		if r.Err != nil {
			fmt.Printf("record %d (%s), line %d: %v\n", r.Index, r.ID, r.Line, r.Err)
			continue
		}
		fmt.Println(r.Report.Person, r.Report.Promotion.Verdict)
	}
	// Output:
	// ann undetermined
	// record 1 (cy), line 3: 3:13 (level): level: unknown level "L22" (did you mean L2?)
}

func ExampleCycle() {
	export := `{"id": "ann", "level": "L4", "level_since": "2026-01-05"}
{"id": "bob", "level": "L4", "level_since": "2024-02-05"}
{"id": "cy", "level": "L10"}
`
	at := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	c := &ladder.Cycle{By: ladder.AddMonths(at, 6)}
	for r := range ladder.Default().EvaluateStream(ladder.ReadPeople(strings.NewReader(export)), ladder.At(at)) {
		c.Add(r)
	}
	for _, l := range c.Levels {
		fmt.Printf("%s: %d not eligible, %d at the top\n", l.Level, l.NotEligible, l.TopLevel)
	}
	for _, u := range c.Unmet {
		if u.ID == "tenure" {
			fmt.Printf("%s (%s) holds back %d\n", u.ID, u.Name, u.People)
		}
	}
	// Output:
	// L4: 2 not eligible, 0 at the top
	// L10: 0 not eligible, 1 at the top
	// tenure (Months at level) holds back 1
}

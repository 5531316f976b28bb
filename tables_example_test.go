package ladder_test

import (
	"fmt"
	"testing/fstest"
	"time"

	"github.com/ladderkit/ladder"
)

// People kept as spreadsheets: a folder of CSV tables, a row a person in
// people.csv and a row a mentee in mentees.csv. The folder has no
// assessments table, so the assessment checks are unknown, not failed.
func ExampleReadTables() {
	fsys := fstest.MapFS{
		"hr/people.csv": {Data: []byte("id;name;level;level_since;joined;metrics.product_decisions_adopted;metrics.feature_instrumentation_rate;metrics.data_driven_kills;metrics.mentee_improving;metrics.helpful_review_citations;metrics.client_trust;metrics.client_retention\n" +
			"ana;Ana;l4;2024-01-08;2022-01-03;3;100%;1;TRUE;2;yes;Y\n")},
		"hr/mentees.csv": {Data: []byte("person;id;level;from_level;since\nana;kid;L2;L1;2024-03-04\n")},
	}
	at := ladder.At(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	for r := range ladder.Default().EvaluateStream(ladder.ReadTables(fsys, "hr"), at) {
		if r.Err != nil {
			fmt.Println(r.Err)
			continue
		}
		fmt.Println(r.Report.Person, r.Report.Level, r.Report.Promotion.Verdict)
		fmt.Println(r.Report.Warnings[0])
	}
	// Output:
	// ana L4 undetermined
	// not recorded in this input: history, assessments, nominations, waivers, mentor, breaks (4 checks are unknown for that)
}

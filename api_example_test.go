package ladder_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/ladderkit/ladder"
)

// EvaluateAll evaluates many people at once, on every core; a person whose
// profile is invalid gets an error of their own and does not stop the rest.
func ExampleLadder_EvaluateAll() {
	at := ladder.At(time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC))
	people := []ladder.Person{
		{ID: "sam", Level: "L4", LevelSince: time.Date(2025, 1, 31, 0, 0, 0, 0, time.UTC)},
		{ID: "kim", Level: "L99"},
	}
	for _, res := range ladder.Default().EvaluateAll(people, at) {
		if res.Err != nil {
			fmt.Println(res.Index, "error:", res.Err)
			continue
		}
		fmt.Println(res.Index, res.Report.Person, res.Report.Promotion.Verdict)
	}
	// Output:
	// 0 sam not_eligible
	// 1 error: level: unknown level "L99" (did you mean L9?)
}

// EvaluateSeq evaluates people as they come, from any sequence, and yields
// the results in input order.
func ExampleLadder_EvaluateSeq() {
	at := ladder.At(time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC))
	people := slices.Values([]ladder.Person{
		{ID: "ana", Level: "L2", LevelSince: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)},
		{ID: "bo", Level: "L3", LevelSince: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)},
	})
	for res := range ladder.Default().EvaluateSeq(people, at) {
		if res.Err != nil {
			fmt.Println(res.Index, "error:", res.Err)
			continue
		}
		fmt.Println(res.Index, res.Report.Person, res.Report.Level, res.Report.Promotion.Verdict)
	}
	// Output:
	// 0 ana L2 undetermined
	// 1 bo L3 undetermined
}

// A report's JSON has snake_case keys; dates are YYYY-MM-DD and money is
// an amount in minor units with its currency.
func ExampleReport_JSON() {
	p := ladder.Person{ID: "sam", Level: "L4", LevelSince: time.Date(2025, 1, 31, 0, 0, 0, 0, time.UTC)}
	r, err := ladder.Evaluate(p, ladder.At(time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)))
	if err != nil {
		fmt.Println(err)
		return
	}
	data, err := r.JSON()
	if err != nil {
		fmt.Println(err)
		return
	}
	var top struct {
		Person    string `json:"person"`
		Level     string `json:"level"`
		AsOf      string `json:"as_of"`
		Promotion struct {
			To      string `json:"to"`
			Verdict string `json:"verdict"`
		} `json:"promotion"`
	}
	if err := json.Unmarshal(data, &top); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(top.Person, top.Level, top.AsOf, "→", top.Promotion.To, top.Promotion.Verdict)
	// Output:
	// sam L4 2026-06-01 → L5 not_eligible
}

// Money is an integer amount of minor units: parsing never goes through a
// float, and arithmetic refuses to mix currencies.
func ExampleMoney() {
	rate, err := ladder.ParseMoney("7250.50", "USD")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rate.Amount, rate.Currency)
	fmt.Println(rate)
	_, err = ladder.ParseMoney("1.005", "USD")
	fmt.Println(err)
	// Output:
	// 725050 USD
	// USD 7,250.50
	// amount "1.005" has 3 decimal places, USD allows 2
}

// ParsePerson reports every problem of a profile at once, each with its
// field path, line and column.
func ExampleParsePerson_errors() {
	_, err := ladder.ParsePerson([]byte(`id: sam
level: L4
level_since: 2025-02-30
metrics: {products_owned: 0x1F}
lvl: L5
`))
	var perrs ladder.ProfileErrors
	if errors.As(err, &perrs) {
		for _, e := range perrs {
			fmt.Println(e)
		}
	}
	// Output:
	// 3:14: level_since: no such date "2025-02-30"
	// 4:27: metrics.products_owned: 0x1F is a hexadecimal number; write numbers in decimal digits, here 31
	// 5:1: lvl: unknown key "lvl" (did you mean level?)
}

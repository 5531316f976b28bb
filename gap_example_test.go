package ladder_test

import (
	"fmt"
	"os"
	"time"

	"github.com/ladderkit/ladder"
)

// An unmet check says what it still needs: in numbers for programs, in
// words for people.
func ExampleGap() {
	p := ladder.Person{
		ID: "omar", Level: "L7",
		LevelSince: time.Date(2025, 1, 31, 0, 0, 0, 0, time.UTC),
		Joined:     time.Date(2017, 2, 28, 0, 0, 0, 0, time.UTC),
		Metrics:    map[string]any{"successful_scope_cuts": 2, "feature_hit_rate": 0.69},
	}
	r, err := ladder.Evaluate(p, ladder.At(time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range append(r.Standards, r.Promotion.Checks[:2]...) {
		for _, g := range c.Gaps {
			if g.Known() {
				fmt.Printf("%-21s %s %v of %v, short %.2g: %s\n", g.Input, g.Op, g.Have, g.Want, g.Short, g)
			}
		}
	}
	// Output:
	// feature_hit_rate      >= 0.69 of 0.7, short 0.01: feature hit rate at 69% of 70%
	// successful_scope_cuts >= 2 of 3, short 1: needs 1 more successful scope cut (2 of 3)
	// mentees               >= 0 of 2, short 2: needs 2 more mentees in range with rank >= 4 (0 of 2)
	// months_at_level       >= 21 of 36, short 15: clears on 2028-01-31 (15 more months at L7)
	// months_in_track       >= 116 of 120, short 4: clears on 2027-02-28 (4 more months in the track)
}

// Path projects the way to the top: the earliest date of each step when
// every earlier step happens on the first day it may.
func ExampleLadder_Path() {
	p := ladder.Person{
		ID: "kenji", Level: "L7",
		LevelSince: time.Date(2023, 7, 3, 0, 0, 0, 0, time.UTC),
		Joined:     time.Date(2017, 9, 4, 0, 0, 0, 0, time.UTC),
	}
	steps, err := ladder.Default().Path(p, ladder.At(time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ladder.PathText(steps))
	// Output:
	// L8 from 2027-09-04 at the earliest; L9 from 2030-09-04; L10: criteria unpublished
}

// Standings holds a person's metrics against every level's standard; on a
// points ladder the highest standard met is the person's band.
func ExampleLadder_Standings() {
	l, err := ladder.Load(os.DirFS("examples/ladders/points"), ".")
	if err != nil {
		fmt.Println(err)
		return
	}
	p := ladder.Person{ID: "cy", Level: "P2", Metrics: map[string]any{
		"delivery": 3, "craft": 3, "communication": 3, "initiative": 2, "mentorship": 2, "community": 1}}
	standings, err := l.Standings(p, ladder.At(time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range standings {
		fmt.Println(s.Level, s.Meets())
	}
	level, _ := ladder.Supported(standings)
	fmt.Println("meets the", level, "standard while at", p.Level)
	// Output:
	// P1 true
	// P2 true
	// P3 true
	// P4 false
	// P5 false
	// meets the P3 standard while at P2
}

package main

import (
	"fmt"
	"strings"

	"github.com/ladderkit/ladder"
)

// verdictChart is a horizontal stacked bar chart of verdicts per level, drawn
// as inline SVG by the template "verdict-chart" (web/chart.html): a bar per
// level, a segment per verdict, with its count written beside the bar and
// the whole chart in words for screen readers. The cycle page draws it from
// the Cycle's people per level and verdict.
type verdictChart struct {
	Width, Height int
	Rows          []chartRow
	Legend        []chartKey
	Desc          string
}

type chartRow struct {
	Level           ladder.LevelID
	Y, TextY, Total int
	TotalX          int
	Bars            []chartBar
}

type chartBar struct {
	Verdict, Label string
	X, W, Count    int
}

type chartKey struct {
	Verdict, Label string
	X              int
}

// chartVerdicts are the segments of a bar, in order, with their words.
var chartVerdicts = []struct{ key, label string }{
	{string(ladder.Eligible), "eligible"},
	{string(ladder.NotEligible), "not eligible"},
	{string(ladder.Undetermined), "undetermined"},
	{"top_level", "top level"},
	{"invalid", "invalid"},
}

const (
	chartLabelW, chartBarW, chartRowH, chartBarH, chartLegendH = 48, 480, 28, 20, 28
)

// newVerdictChart draws counts[level][verdict] for levels in the order
// given; the longest bar spans the chart, and the legend names the
// verdicts that have a segment.
func newVerdictChart(levels []ladder.LevelID, counts map[ladder.LevelID]map[string]int) verdictChart {
	c := verdictChart{Width: chartLabelW + chartBarW + 48, Height: chartLegendH + len(levels)*chartRowH + 4}
	most := 1
	for _, lv := range levels {
		n := 0
		for _, v := range counts[lv] {
			n += v
		}
		most = max(most, n)
	}
	var words []string
	used := map[string]bool{}
	for i, lv := range levels {
		row := chartRow{Level: lv, Y: chartLegendH + i*chartRowH, TextY: chartLegendH + i*chartRowH + chartBarH - 5}
		x := chartLabelW
		var parts []string
		for _, v := range chartVerdicts {
			n := counts[lv][v.key]
			if n == 0 {
				continue
			}
			w := n * chartBarW / most
			row.Bars = append(row.Bars, chartBar{Verdict: v.key, Label: v.label, X: x, W: max(w, 2), Count: n})
			x += max(w, 2)
			row.Total += n
			used[v.key] = true
			parts = append(parts, fmt.Sprintf("%d %s", n, v.label))
		}
		row.TotalX = x + 6
		c.Rows = append(c.Rows, row)
		if len(parts) == 0 {
			parts = []string{"nobody"}
		}
		words = append(words, string(lv)+": "+strings.Join(parts, ", "))
	}
	x := chartLabelW
	for _, v := range chartVerdicts {
		if !used[v.key] {
			continue // the legend names only the verdicts drawn
		}
		c.Legend = append(c.Legend, chartKey{Verdict: v.key, Label: v.label, X: x})
		x += 32 + 7*len(v.label) // a box, the words at about 7 px a letter, a gap
	}
	c.Desc = strings.Join(words, "; ") + "."
	return c
}

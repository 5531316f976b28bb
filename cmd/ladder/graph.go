package main

import (
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/ladderkit/ladder"
)

var graphCmd = &command{
	name:  "graph",
	short: "the track as a Mermaid flowchart",
	help: `
Draws the track as a Mermaid flowchart: a node per level and an arrow per
promotion, labelled with its gates (tenure, fast-tracking, nomination,
assessments, requirements). Steps whose criteria are unpublished are dotted.

The default output is raw Mermaid (flowchart TD …), to pipe into a renderer
such as mmdc. --format markdown wraps it in a mermaid code fence, which
GitHub and many wikis render; --format json writes the nodes and edges.

Example:
  ladder graph > track.mmd
  ladder graph --format markdown >> README.md
`,
	run: runGraph,
}

// graphEdge is a promotion arrow and its gates.
type graphEdge struct {
	From      ladder.LevelID `json:"from"`
	To        ladder.LevelID `json:"to"`
	Published bool           `json:"published"`
	Gates     []string       `json:"gates"`
}

type graphNode struct {
	ID    ladder.LevelID `json:"id"`
	Rank  int            `json:"rank"`
	Title string         `json:"title"`
}

func runGraph(s *session, _ []string) int {
	l, ok := s.ladder()
	if !ok {
		return exitInvalid
	}
	levels := l.Levels()
	nodes := make([]graphNode, len(levels))
	var edges []graphEdge
	for i, lv := range levels {
		nodes[i] = graphNode{lv.ID, lv.Rank, lv.Title}
		if p := lv.Promotion; p != nil {
			edges = append(edges, graphEdge{From: lv.ID, To: p.To, Published: p.IsPublished(), Gates: gates(p)})
		}
	}
	switch s.format {
	case formatJSON:
		out := struct {
			Nodes []graphNode `json:"nodes"`
			Edges []graphEdge `json:"edges"`
		}{nodes, edges}
		if err := writeJSON(s.stdout, out); err != nil {
			s.errorf("ladder graph: %v", err)
			return exitInvalid
		}
		return exitOK
	case formatMarkdown:
		fmt.Fprintln(s.stdout, "```mermaid")
		writeMermaid(s.stdout, nodes, edges)
		fmt.Fprintln(s.stdout, "```")
		return exitOK
	}
	writeMermaid(s.stdout, nodes, edges)
	return exitOK
}

// gates lists what a promotion takes, briefly: "36 mo", "no fast-track",
// "10 yrs in track", "nomination: L10+ or founder", "5 assessments".
func gates(p *ladder.PromotionRule) []string {
	if !p.IsPublished() {
		return []string{"criteria unpublished"}
	}
	var g []string
	if p.MinMonths != nil {
		g = append(g, fmt.Sprintf("%d mo", *p.MinMonths))
	}
	if !p.AllowsFastTrack() {
		g = append(g, "no fast-track")
	}
	if p.MinMonthsInTrack != nil {
		g = append(g, durationText(*p.MinMonthsInTrack)+" in track")
	}
	if n := p.Nomination; n != nil && n.Required {
		g = append(g, "nomination: "+nominators(n))
	}
	if n := len(p.Assessments); n > 0 {
		g = append(g, plural(n, "assessment", "assessments"))
	}
	if n := len(p.Requirements); n > 0 {
		g = append(g, plural(n, "requirement", "requirements"))
	}
	if len(g) == 0 {
		g = append(g, "no published gates")
	}
	return g
}

// durationText writes whole years as "10 yrs", other spans in months.
func durationText(months int) string {
	if months >= 24 && months%12 == 0 {
		return fmt.Sprintf("%d yrs", months/12)
	}
	return fmt.Sprintf("%d mo", months)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

var notNodeID = regexp.MustCompile(`[^A-Za-z0-9_]`)

// writeMermaid writes a flowchart: a node per level, lowest rank on top,
// and an arrow per promotion, dotted when its criteria are unpublished.
func writeMermaid(w io.Writer, nodes []graphNode, edges []graphEdge) {
	ids := map[ladder.LevelID]string{}
	used := map[string]bool{"end": true, "graph": true, "flowchart": true, "subgraph": true}
	nodeID := func(id ladder.LevelID) string {
		if n, ok := ids[id]; ok {
			return n
		}
		n := notNodeID.ReplaceAllString(string(id), "_")
		for base, i := n, 2; n == "" || used[strings.ToLower(n)]; i++ {
			n = fmt.Sprintf("%s_%d", base, i)
		}
		used[strings.ToLower(n)] = true
		ids[id] = n
		return n
	}
	fmt.Fprintln(w, "flowchart TD")
	for _, n := range nodes {
		label := mermaidText(string(n.ID))
		if n.Title != "" {
			label += "<br/>" + mermaidText(n.Title)
		}
		fmt.Fprintf(w, "    %s[\"%s\"]\n", nodeID(n.ID), label)
	}
	for _, e := range edges {
		arrow := "-->"
		if !e.Published {
			arrow = "-.->"
		}
		fmt.Fprintf(w, "    %s %s|\"%s\"| %s\n", nodeID(e.From), arrow, mermaidText(strings.Join(e.Gates, " · ")), nodeID(e.To))
	}
}

// mermaidText escapes text for a quoted Mermaid label.
var mermaidText = strings.NewReplacer(`"`, "#quot;", "<", "#lt;", ">", "#gt;", "|", "#124;").Replace

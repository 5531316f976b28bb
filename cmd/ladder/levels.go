package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/ladderkit/ladder"
)

var levelsCmd = &command{
	name:  "levels",
	short: "the track as a table, one row per level",
	help: `
Lists every level of the track, lowest first: rank, id, title, sub-track, the
minimum months at the level before promotion to the next, whether fast-tracking
(waiving tenure) is allowed, who must nominate, mentee slots with the levels
mentees may come from, and the referral cut mentors earn. Steps whose criteria
the ladder does not publish say "unpublished".

--format json writes {"ladder": {...}, "levels": [...]} with every field of
every level.

Example:
  ladder levels
  ladder levels --ladder my-ladder/ --format markdown
`,
	run: runLevels,
}

// ladderJSON is "ladder levels --format json" and the body of GET
// /v1/ladder: the ladder's info and its levels.
type ladderJSON struct {
	Ladder ladder.Info    `json:"ladder"`
	Levels []ladder.Level `json:"levels"`
}

func runLevels(s *session, _ []string) int {
	l, ok := s.ladder()
	if !ok {
		return exitInvalid
	}
	levels := l.Levels()
	switch s.format {
	case formatJSON:
		if err := writeJSON(s.stdout, ladderJSON{l.Info(), levels}); err != nil {
			s.errorf("ladder levels: %v", err)
			return exitInvalid
		}
		return exitOK
	case formatMarkdown:
		fmt.Fprintf(s.stdout, "## %s\n\n", mdEscape(ladderTitle(l.Info())))
		fmt.Fprintln(s.stdout, "| Rank | ID | Title | Sub-track | Min months to next | Fast-track | Nomination | Mentee slots | Referral |")
		fmt.Fprintln(s.stdout, "|---:|---|---|---|---|---|---|---|---|")
		for _, lv := range levels {
			fmt.Fprintf(s.stdout, "| %s |\n", strings.Join(mdCells(levelRow(lv)), " | "))
		}
		return exitOK
	}
	fmt.Fprintf(s.stdout, "%s · %d levels\n\n", ladderTitle(l.Info()), len(levels))
	t := &table{header: []string{"Rank", "ID", "Title", "Sub-track", "Min months to next", "Fast-track", "Nomination", "Mentee slots", "Referral"},
		right: map[int]bool{0: true}}
	for _, lv := range levels {
		t.addText(levelRow(lv)...)
	}
	t.write(s.stdout, "", s.color)
	fmt.Fprintln(s.stdout, "\nRun 'ladder show LEVEL' for a level in full.")
	return exitOK
}

// levelRow is a level's row in the levels table.
func levelRow(lv ladder.Level) []string {
	return []string{strconv.Itoa(lv.Rank), string(lv.ID), orDash(lv.Title), orDash(lv.Track),
		minMonthsText(lv.Promotion), fastTrackText(lv.Promotion), nominationText(lv.Promotion),
		slotsText(lv.Mentorship), referralText(lv.Mentorship)}
}

// ladderTitle is "AI-First Business Manager (worca-…) · Worca, February 2026".
func ladderTitle(info ladder.Info) string {
	s := info.ID
	if info.Name != "" {
		s = info.Name + " (" + info.ID + ")"
	}
	var by []string
	for _, x := range []string{info.Publisher, info.Edition} {
		if x != "" {
			by = append(by, x)
		}
	}
	if len(by) > 0 {
		s += " · " + strings.Join(by, ", ")
	}
	return s
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// minMonthsText is "36", "36 (120 in track)", "unpublished" or "top level".
func minMonthsText(p *ladder.PromotionRule) string {
	switch {
	case p == nil:
		return "top level"
	case !p.IsPublished():
		return "unpublished"
	case p.MinMonths == nil && p.MinMonthsInTrack == nil:
		return "none"
	case p.MinMonthsInTrack == nil:
		return strconv.Itoa(*p.MinMonths)
	case p.MinMonths == nil:
		return fmt.Sprintf("%d in track", *p.MinMonthsInTrack)
	}
	return fmt.Sprintf("%d (%d in track)", *p.MinMonths, *p.MinMonthsInTrack)
}

func fastTrackText(p *ladder.PromotionRule) string {
	switch {
	case p == nil:
		return "—"
	case p.AllowsFastTrack():
		return "allowed"
	}
	return "forbidden"
}

// nominationText is "L10+ or founder", "none", "unpublished" or "—".
func nominationText(p *ladder.PromotionRule) string {
	switch {
	case p == nil:
		return "—"
	case !p.IsPublished():
		return "unpublished"
	case p.Nomination == nil || !p.Nomination.Required:
		return "none"
	}
	return nominators(p.Nomination)
}

// nominators is who may nominate: "L10+ or founder", "2 from L8+", "anyone".
func nominators(n *ladder.NominationRule) string {
	s := nominatorsWho(n)
	if n.MinCount() != 1 {
		s = fmt.Sprintf("%d from %s", n.MinCount(), s)
	}
	if n.Self {
		s += ", self allowed"
	}
	return s
}

// nominatorsWho is whose nominations count: "L10+ or founder", "anyone".
func nominatorsWho(n *ladder.NominationRule) string {
	var who []string
	if n.FromMinLevel != "" {
		who = append(who, string(n.FromMinLevel)+"+")
	}
	who = append(who, n.FromRoles...)
	if len(who) == 0 {
		return "anyone"
	}
	return strings.Join(who, " or ")
}

// slotsText is "4 (L1–L5)", "0", or "—" when the level publishes no slots.
func slotsText(m *ladder.MentorshipRule) string {
	if m == nil || m.Slots == nil {
		return "—"
	}
	s := strconv.Itoa(*m.Slots)
	if r := m.MenteeLevels; r != nil {
		s += " (" + rangeText(r) + ")"
	}
	return s
}

func rangeText(r *ladder.LevelRange) string {
	if r.Min == r.Max {
		return string(r.Min)
	}
	return string(r.Min) + "–" + string(r.Max)
}

// referralText is "6% × 12 mo", or "—" when the level has no referral cut.
func referralText(m *ladder.MentorshipRule) string {
	if m == nil || m.Referral == nil {
		return "—"
	}
	return termsText(m.Referral.Percent, m.Referral.Months)
}

func termsText(p ladder.Percent, months int) string {
	return fmt.Sprintf("%s × %d mo", p, months)
}

var mdReplacer = strings.NewReplacer("|", `\|`, "\n", " ", "<", "&lt;", ">", "&gt;")

// mdEscape makes s safe inside a Markdown table cell or list item.
func mdEscape(s string) string { return mdReplacer.Replace(s) }

func mdCells(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = mdEscape(c)
	}
	return out
}

// writeList writes items as "  - item" lines wrapped to the text width.
func writeList(w io.Writer, indent string, items []string) {
	for _, it := range items {
		wrap(w, it, indent+"- ", indent+"  ", textWidth)
	}
}

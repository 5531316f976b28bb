package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ladderkit/ladder"
	"github.com/ladderkit/ladder/internal/suggest"
)

var showCmd = &command{
	name:    "show",
	args:    "LEVEL",
	minArgs: 1,
	short:   "one level in full",
	help: `
Shows one level in full: title, sub-track, summary, billing, responsibilities,
AI skills, the self-evaluation checklist (ids and text), the curriculum, the
ranking standard (threshold, how it is measured, the rule), descriptive
sections, the rules of promotion to the next level and mentorship.

LEVEL is a level id as the ladder writes it (L7); l7 and the rank (7) work too.
An unknown level is an error (exit 1) that lists the valid ids.

Example:
  ladder show L7
  ladder show L8 --format markdown > L8.md
`,
	run: runShow,
}

func runShow(s *session, args []string) int {
	if len(args) > 1 {
		return s.usageError("show takes one LEVEL, got %d", len(args))
	}
	l, ok := s.ladder()
	if !ok {
		return exitInvalid
	}
	lv, ok := findLevel(l, args[0])
	if !ok {
		levels := l.Levels()
		ids := make([]string, len(levels))
		for i, lv := range levels {
			ids[i] = string(lv.ID)
		}
		s.errorf("ladder show: unknown level %q%s; the levels are %s", args[0], suggest.DidYouMean(args[0], ids), strings.Join(ids, ", "))
		return exitInvalid
	}
	switch s.format {
	case formatJSON:
		if err := writeJSON(s.stdout, lv); err != nil {
			s.errorf("ladder show: %v", err)
			return exitInvalid
		}
	case formatMarkdown:
		showMarkdown(s.stdout, lv, l.Levels())
	default:
		showText(s.stdout, lv, l.Levels(), s.color)
	}
	return exitOK
}

// findLevel finds a level by id (L7), by id in any case (l7), or by rank (7).
func findLevel(l *ladder.Ladder, arg string) (ladder.Level, bool) {
	if lv, ok := l.Level(ladder.LevelID(arg)); ok {
		return lv, true
	}
	rank, err := strconv.Atoi(arg)
	for _, lv := range l.Levels() {
		if strings.EqualFold(string(lv.ID), arg) || (err == nil && lv.Rank == rank) {
			return lv, true
		}
	}
	return ladder.Level{}, false
}

// kv is a label and its value in a block of aligned "label: value" lines.
type kv struct{ k, v string }

// writeKV writes aligned "label  value" lines, values wrapped with a
// hanging indent.
func writeKV(w io.Writer, indent string, pairs []kv) {
	width := 0
	for _, p := range pairs {
		width = max(width, utf8.RuneCountInString(p.k))
	}
	for _, p := range pairs {
		label := p.k + ":" + strings.Repeat(" ", width-utf8.RuneCountInString(p.k)+1)
		wrap(w, p.v, indent+label, indent+strings.Repeat(" ", width+2), textWidth)
	}
}

func showText(w io.Writer, lv ladder.Level, levels []ladder.Level, color bool) {
	fmt.Fprintln(w, paint(color, bold, lv.Name()))
	head := []string{fmt.Sprintf("rank %d", lv.Rank)}
	if lv.Track != "" {
		head = append(head, "sub-track "+lv.Track)
	}
	if lv.Title == "" {
		head = append(head, "title not published")
	}
	fmt.Fprintln(w, strings.Join(head, " · "))
	if lv.Summary != "" {
		fmt.Fprintln(w)
		wrap(w, lv.Summary, "", "", textWidth)
	}
	section := func(title string) { fmt.Fprintf(w, "\n%s\n", paint(color, bold, title)) }
	if lv.Billing != "" {
		section("Billing")
		wrap(w, lv.Billing, "  ", "  ", textWidth)
	}
	if len(lv.Responsibilities) > 0 {
		section("Responsibilities")
		writeList(w, "  ", lv.Responsibilities)
	}
	if len(lv.AISkills) > 0 {
		section("AI skills")
		writeList(w, "  ", lv.AISkills)
	}
	if len(lv.Checklist) > 0 {
		section(fmt.Sprintf("Self-evaluation checklist (%d items)", len(lv.Checklist)))
		width := 0
		for _, it := range lv.Checklist {
			width = max(width, utf8.RuneCountInString(it.ID))
		}
		for _, it := range lv.Checklist {
			first := "  " + it.ID + strings.Repeat(" ", width-utf8.RuneCountInString(it.ID)+2)
			wrap(w, it.Text, first, strings.Repeat(" ", width+4), textWidth)
		}
	}
	if len(lv.Curriculum) > 0 {
		section("Curriculum")
		for _, ph := range lv.Curriculum {
			fmt.Fprintf(w, "  Months %s · %s\n", ph.Months, ph.Title)
			writeList(w, "    ", ph.Items)
		}
	}
	if len(lv.Standards) > 0 {
		section(fmt.Sprintf("Ranking standard (%d)", len(lv.Standards)))
		for i, st := range lv.Standards {
			if i > 0 {
				fmt.Fprintln(w)
			}
			fmt.Fprintf(w, "  %s (%s)\n", st.Name, st.ID)
			var pairs []kv
			if st.Threshold != "" {
				pairs = append(pairs, kv{"threshold", st.Threshold})
			}
			if st.MeasuredBy != "" {
				pairs = append(pairs, kv{"measured by", st.MeasuredBy})
			}
			pairs = append(pairs, kv{"rule", st.Rule})
			writeKV(w, "    ", pairs)
		}
	}
	for _, sec := range lv.Sections {
		section(sec.Title)
		writeList(w, "  ", sec.Items)
	}

	if p := lv.Promotion; p == nil {
		section("Promotion")
		fmt.Fprintln(w, "  none: this is the top level")
	} else {
		section("Promotion to " + string(p.To))
		showPromotionText(w, lv, p, levels)
	}

	if pn := lv.Panel; pn != nil && lv.Mentorship == nil {
		section("Panels")
		fmt.Fprintf(w, "  %s\n", panelText(pn))
	}
	if m := lv.Mentorship; m != nil {
		section("Mentorship")
		var pairs []kv
		if m.Receives != "" {
			pairs = append(pairs, kv{"receives", m.Receives})
		}
		if m.Mentor != nil {
			pairs = append(pairs, kv{"mentored by", m.Mentor.String()})
		}
		slots := slotsText(m)
		if slots == "—" {
			slots = "not published"
		}
		pairs = append(pairs, kv{"mentee slots", slots})
		ref := referralText(m)
		if ref == "—" {
			ref = "none published"
		} else {
			ref = fmt.Sprintf("%s of each placed mentee's monthly rate for %d months", m.Referral.Percent, m.Referral.Months)
		}
		pairs = append(pairs, kv{"referral cut", ref})
		if pn := lv.Panel; pn != nil {
			pairs = append(pairs, kv{"panels", panelText(pn)})
		}
		writeKV(w, "  ", pairs)
		if len(m.Duties) > 0 {
			fmt.Fprintln(w, "  duties:")
			writeList(w, "    ", m.Duties)
		}
	}
}

// promotionPairs describes the gates of a published promotion rule; levels
// are the ladder's, for who sits on its panels.
func promotionPairs(lv ladder.Level, p *ladder.PromotionRule, levels []ladder.Level) []kv {
	var pairs []kv
	if p.MinMonths != nil {
		pairs = append(pairs, kv{"tenure", fmt.Sprintf("%d months at %s", *p.MinMonths, lv.ID)})
	}
	if p.MinMonthsInTrack != nil {
		pairs = append(pairs, kv{"track tenure", fmt.Sprintf("%d months since joining the track", *p.MinMonthsInTrack)})
	}
	if p.MinMonths == nil && p.MinMonthsInTrack == nil {
		pairs = append(pairs, kv{"tenure", "no minimum"})
	}
	if p.AllowsFastTrack() {
		pairs = append(pairs, kv{"fast-track", "allowed: a waiver can lift the tenure minimums"})
	} else {
		pairs = append(pairs, kv{"fast-track", "forbidden: tenure minimums cannot be waived"})
	}
	if p.RequiresStandards() {
		pairs = append(pairs, kv{"ranking standard", "every standard of " + string(lv.ID) + " must be met"})
	} else {
		pairs = append(pairs, kv{"ranking standard", "advisory"})
	}
	if n := p.Nomination; n == nil || !n.Required {
		pairs = append(pairs, kv{"nomination", "not required"})
	} else {
		need := "1 nomination"
		if n.MinCount() != 1 {
			need = fmt.Sprintf("%d nominations", n.MinCount())
		}
		self := "self-nomination does not count"
		if n.Self {
			self = "self-nomination counts"
		}
		pairs = append(pairs, kv{"nomination", fmt.Sprintf("%s from %s; %s", need, nominatorsWho(n), self)})
	}
	if len(p.Assessments) > 0 {
		pairs = append(pairs, kv{"panel", panelWho(lv, levels)})
	}
	return pairs
}

// panelWho says who may sit on the qualification panels of a promotion
// from lv, by the levels' panel rules, and the rule that no one judges their
// own assessment, which is ladder's own, not the ladder's.
func panelWho(lv ladder.Level, levels []ladder.Level) string {
	rank := map[ladder.LevelID]int{}
	for _, l := range levels {
		rank[l.ID] = l.Rank
	}
	var sit, unpublished []string
	for _, l := range levels {
		switch pn := l.Panel; {
		case pn == nil:
		case !pn.IsPublished():
			unpublished = append(unpublished, string(l.ID))
		case pn.Levels != nil && rank[pn.Levels.Min] <= lv.Rank && lv.Rank <= rank[pn.Levels.Max]:
			sit = append(sit, string(l.ID))
		}
	}
	const own = "no one judges their own assessment (a rule of this tool, not of the ladder)"
	if len(sit) == 0 {
		return "the ladder names no level that sits on panels for promotions from " + string(lv.ID) + ", so a recorded panel is checked only for this: " + own
	}
	s := strings.Join(sit, ", ") + " sit on these panels"
	if len(unpublished) > 0 {
		s += "; " + strings.Join(unpublished, ", ") + ": panel duty not published (such a panelist is noted, not held against the result)"
	}
	return s + "; any other level may not; " + own
}

func showPromotionText(w io.Writer, lv ladder.Level, p *ladder.PromotionRule, levels []ladder.Level) {
	if !p.IsPublished() {
		pairs := []kv{{"criteria", "unpublished: the ladder publishes no criteria for this step"}}
		if !p.AllowsFastTrack() {
			pairs = append(pairs, kv{"fast-track", "forbidden"})
		}
		writeKV(w, "  ", pairs)
	} else {
		writeKV(w, "  ", promotionPairs(lv, p, levels))
	}
	if len(p.Assessments) > 0 {
		fmt.Fprintln(w, "  assessments (each must be passed):")
		for _, a := range p.Assessments {
			fmt.Fprintf(w, "    %s (%s)\n", a.Name, a.ID)
			if a.Description != "" {
				wrap(w, a.Description, "      ", "      ", textWidth)
			}
		}
	}
	if len(p.Requirements) > 0 {
		fmt.Fprintln(w, "  requirements:")
		for _, r := range p.Requirements {
			fmt.Fprintf(w, "    %s (%s)\n", r.Name, r.ID)
			fmt.Fprintf(w, "      rule: %s\n", r.Rule)
		}
	}
	if len(p.PanelLooksFor) > 0 {
		fmt.Fprintln(w, "  the panel looks for:")
		writeList(w, "    ", p.PanelLooksFor)
	}
	if len(p.Unlocks) > 0 {
		fmt.Fprintf(w, "  unlocks at %s:\n", p.To)
		writeList(w, "    ", p.Unlocks)
	}
}

func showMarkdown(w io.Writer, lv ladder.Level, levels []ladder.Level) {
	fmt.Fprintf(w, "## %s\n\n", mdEscape(lv.Name()))
	head := []string{fmt.Sprintf("Rank %d", lv.Rank)}
	if lv.Track != "" {
		head = append(head, "sub-track "+mdEscape(lv.Track))
	}
	fmt.Fprintf(w, "%s.\n", strings.Join(head, " · "))
	if lv.Summary != "" {
		fmt.Fprintf(w, "\n%s\n", mdEscape(lv.Summary))
	}
	if lv.Billing != "" {
		fmt.Fprintf(w, "\n**Billing:** %s\n", mdEscape(lv.Billing))
	}
	list := func(title string, items []string) {
		if len(items) == 0 {
			return
		}
		fmt.Fprintf(w, "\n### %s\n\n", mdEscape(title))
		for _, it := range items {
			fmt.Fprintf(w, "- %s\n", mdEscape(it))
		}
	}
	list("Responsibilities", lv.Responsibilities)
	list("AI skills", lv.AISkills)
	if len(lv.Checklist) > 0 {
		fmt.Fprintf(w, "\n### Self-evaluation checklist\n\n")
		for _, it := range lv.Checklist {
			fmt.Fprintf(w, "- [ ] `%s` %s\n", it.ID, mdEscape(it.Text))
		}
	}
	if len(lv.Curriculum) > 0 {
		fmt.Fprintf(w, "\n### Curriculum\n")
		for _, ph := range lv.Curriculum {
			fmt.Fprintf(w, "\n#### Months %s: %s\n\n", mdEscape(ph.Months), mdEscape(ph.Title))
			for _, it := range ph.Items {
				fmt.Fprintf(w, "- %s\n", mdEscape(it))
			}
		}
	}
	if len(lv.Standards) > 0 {
		fmt.Fprintf(w, "\n### Ranking standard\n\n| Standard | Threshold | Measured by | Rule |\n|---|---|---|---|\n")
		for _, st := range lv.Standards {
			fmt.Fprintf(w, "| %s (`%s`) | %s | %s | `%s` |\n", mdEscape(st.Name), st.ID, mdEscape(st.Threshold), mdEscape(st.MeasuredBy), mdEscape(st.Rule))
		}
	}
	for _, sec := range lv.Sections {
		list(sec.Title, sec.Items)
	}
	p := lv.Promotion
	if p == nil {
		fmt.Fprintf(w, "\n### Promotion\n\nNone: this is the top level.\n")
	} else {
		fmt.Fprintf(w, "\n### Promotion to %s\n\n", p.To)
		if !p.IsPublished() {
			fmt.Fprintln(w, "The ladder publishes no criteria for this step.")
			if !p.AllowsFastTrack() {
				fmt.Fprintln(w, "\n- **Fast-track:** forbidden")
			}
		} else {
			for _, kv := range promotionPairs(lv, p, levels) {
				fmt.Fprintf(w, "- **%s:** %s\n", upperFirst(kv.k), mdEscape(kv.v))
			}
		}
		if len(p.Assessments) > 0 {
			fmt.Fprintf(w, "\n#### Assessments (each must be passed)\n\n")
			for _, a := range p.Assessments {
				fmt.Fprintf(w, "- **%s** (`%s`): %s\n", mdEscape(a.Name), a.ID, mdEscape(a.Description))
			}
		}
		if len(p.Requirements) > 0 {
			fmt.Fprintf(w, "\n#### Requirements\n\n| Requirement | Rule |\n|---|---|\n")
			for _, r := range p.Requirements {
				fmt.Fprintf(w, "| %s (`%s`) | `%s` |\n", mdEscape(r.Name), r.ID, mdEscape(r.Rule))
			}
		}
		if len(p.PanelLooksFor) > 0 {
			fmt.Fprintf(w, "\n#### The panel looks for\n\n")
			for _, it := range p.PanelLooksFor {
				fmt.Fprintf(w, "- %s\n", mdEscape(it))
			}
		}
		if len(p.Unlocks) > 0 {
			fmt.Fprintf(w, "\n#### Unlocks at %s\n\n", p.To)
			for _, it := range p.Unlocks {
				fmt.Fprintf(w, "- %s\n", mdEscape(it))
			}
		}
	}
	if pn := lv.Panel; pn != nil && lv.Mentorship == nil {
		fmt.Fprintf(w, "\n### Panels\n\n%s.\n", upperFirst(panelText(pn)))
	}
	if m := lv.Mentorship; m != nil {
		fmt.Fprintf(w, "\n### Mentorship\n\n")
		if m.Receives != "" {
			fmt.Fprintf(w, "- **Receives:** %s\n", mdEscape(m.Receives))
		}
		if m.Mentor != nil {
			fmt.Fprintf(w, "- **Mentored by:** %s\n", mdEscape(m.Mentor.String()))
		}
		slots := slotsText(m)
		if slots == "—" {
			slots = "not published"
		}
		fmt.Fprintf(w, "- **Mentee slots:** %s\n", slots)
		ref := referralText(m)
		if ref == "—" {
			ref = "none published"
		}
		fmt.Fprintf(w, "- **Referral cut:** %s\n", ref)
		if pn := lv.Panel; pn != nil {
			fmt.Fprintf(w, "- **Panels:** %s\n", panelText(pn))
		}
		for _, d := range m.Duties {
			fmt.Fprintf(w, "- **Duty:** %s\n", mdEscape(d))
		}
	}
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return strings.ToUpper(string(r)) + s[n:]
}

// panelText says which promotions' panels a level sits on.
func panelText(p *ladder.PanelRule) string {
	if !p.IsPublished() || p.Levels == nil {
		return "panel duty not published"
	}
	r := p.Levels
	if r.Min == r.Max {
		return "qualification panels for promotions from " + string(r.Min)
	}
	return "qualification panels for promotions from " + string(r.Min) + "–" + string(r.Max)
}

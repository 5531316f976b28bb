package ladder_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladderkit/ladder"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// issue23Case is one profile of testdata/issue23 evaluated on one date: the
// report and path as text against <name>.txt (or <name>@<at>.txt when the
// profile is evaluated on several dates), and what the case is about,
// worked out by hand from the profile and the published Worca rules.
type issue23Case struct {
	file    string // in testdata/issue23, without .yaml
	at      string
	verdict ladder.Verdict // "" when not checked
	checks  []wantCheck    // promotion checks
	more    func(t *testing.T, r *ladder.Report, path []ladder.Step)
	invalid bool // the profile is refused; the text is its problems
}

// TestIssue23 holds the cases of issue 23, "never guess a verdict or a
// payout": what the pages do not publish or the profile does not record is
// unknown or unpublished, said with its reason, never a silent yes, no,
// zero or payout. Regenerate the texts with: go test -run TestIssue23 -update .
func TestIssue23(t *testing.T) {
	seen := map[string]bool{}
	for _, tc := range issue23Cases {
		name := tc.file + "@" + tc.at
		require.False(t, seen[name], "duplicate case %s", name)
		seen[name] = true
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata/issue23", tc.file+".yaml"))
			require.NoError(t, err)
			p, err := ladder.ParsePerson(data)
			require.NoError(t, err)
			at := ladder.At(date(t, tc.at))
			r, err := ladder.Evaluate(p, at)
			text := filepath.Join("testdata/issue23", tc.file+"@"+tc.at+".txt")
			if tc.invalid {
				var perrs ladder.ProfileErrors
				require.ErrorAs(t, err, &perrs)
				assert.Nil(t, r)
				golden(t, text, err.Error())
				return
			}
			require.NoError(t, err)
			path, err := ladder.Default().Path(p, at)
			require.NoError(t, err)
			if tc.verdict != "" {
				require.NotNil(t, r.Promotion)
				assert.Equal(t, tc.verdict, r.Promotion.Verdict)
			}
			for _, w := range tc.checks {
				c := check(t, r, w.id)
				assert.Equal(t, w.status, c.Status, "%s: %s", w.id, c.Detail)
				for _, d := range w.detail {
					assert.Contains(t, c.Detail, d, w.id)
				}
				if w.missing != nil {
					assert.Equal(t, w.missing, c.Missing, w.id)
				}
			}
			if tc.more != nil {
				tc.more(t, r, path)
			}
			golden(t, text, r.Text()+"\npath: "+ladder.PathText(path))
		})
	}
}

// TestIssue23FilesUsed fails on a profile or text of testdata/issue23 that
// no case reads.
func TestIssue23FilesUsed(t *testing.T) {
	used := map[string]bool{}
	for _, tc := range issue23Cases {
		used[tc.file+".yaml"] = true
		used[tc.file+"@"+tc.at+".txt"] = true
	}
	entries, err := os.ReadDir("testdata/issue23")
	require.NoError(t, err)
	for _, e := range entries {
		assert.True(t, used[e.Name()], "testdata/issue23/%s is used by no case of TestIssue23", e.Name())
	}
}

var issue23Cases = []issue23Case{
	{
		file: "01-panel-duty-unpublished", at: "2026-12-01", verdict: ladder.Eligible,
		checks: []wantCheck{
			{id: "mentee-outcome", status: ladder.Met, detail: []string{
				"a8 (L8) on the panel: L8's panel duty is not published, so it does not count against the result",
				"a6 (L6) on the panel: L6's panel duty is not published"}},
			{id: "product-decision-portfolio", status: ladder.Met},
			{id: "team-building-simulation", status: ladder.Met},
		},
		more: func(t *testing.T, r *ladder.Report, path []ladder.Step) {
			require.NotEmpty(t, path)
			assert.Empty(t, path[0].Needs, "a component passed before a panel whose duty is unpublished needs nothing more")
		},
	},
	{
		file: "02-break-running", at: "2026-02-01", verdict: ladder.NotEligible,
		checks: []wantCheck{
			{id: "tenure", status: ladder.Unmet, detail: []string{
				"34 of 36 months at L7, not counting 2 months away; on a break until 2026-06-01, whose rest does not count either; tenure allows promotion from 2026-07-10"}},
		},
		more: func(t *testing.T, r *ladder.Report, path []ladder.Step) {
			assert.Equal(t, date(t, "2026-07-10"), r.Promotion.Earliest)
			assert.Equal(t, date(t, "2026-07-10"), path[0].Earliest)
			assert.Equal(t, date(t, "2029-07-10"), path[1].Earliest)
		},
	},
	{
		file: "02-break-running", at: "2026-06-01", verdict: ladder.NotEligible,
		checks: []wantCheck{
			{id: "tenure", status: ladder.Unmet, detail: []string{"34 of 36 months at L7, not counting 6 months away; tenure allows promotion from 2026-07-10"}},
		},
		more: func(t *testing.T, r *ladder.Report, path []ladder.Step) {
			assert.Equal(t, date(t, "2026-07-10"), path[0].Earliest)
		},
	},
	{
		file: "03-level-not-recorded", at: "2026-12-01",
		more: func(t *testing.T, r *ladder.Report, _ []ladder.Step) {
			c := standardOf(t, r, "mentee-advancement")
			assert.Equal(t, ladder.Unknown, c.Status, c.Detail)
			assert.Equal(t, []string{"history"}, c.Missing)
			assert.Contains(t, c.Detail, "m20 (L5, advanced, range unknown, past), m21 (L4, advanced); not known whether m20 counts: "+
				"the level held on 2020-03-02, when mentoring m20 began, is not recorded (before level_since 2023-01-02, and no history entry covers it): add the history of levels")
			require.Len(t, c.Gaps, 1)
			assert.False(t, c.Gaps[0].Known(), "how many count is not known")
			f := referralOf(t, r, "m20")
			assert.Equal(t, ladder.ReferralUnknown, f.Status)
			assert.Equal(t, []string{"history"}, f.Missing)
			assert.Equal(t, ladder.LevelID(""), f.Level)
			assert.False(t, f.Pays())
			assert.Empty(t, r.Totals, "no money for an unknown referral")
			assert.Empty(t, r.Upcoming)
		},
	},
	{file: "04-mentoring-before-joined", at: "2026-12-01", invalid: true},
	{
		file: "05-one-range", at: "2026-12-01",
		more: func(t *testing.T, r *ladder.Report, _ []ladder.Step) {
			c := standardOf(t, r, "mentee-advancement")
			assert.Equal(t, ladder.Unknown, c.Status, c.Detail)
			assert.Contains(t, c.Detail, "not known whether s1, s2 count: L6, the level held when mentoring s1 and s2 began, publishes no mentee range")
			assert.Empty(t, c.Missing, "nothing in the profile settles what the pages do not publish")
			assert.Empty(t, r.Mentorship.Issues, "no mentee is said to be outside the range")
			assert.Equal(t, []string{
				"not known whether mentee s1 was in range: L6, the level held when mentoring s1 began, publishes no mentee range",
				"not known whether mentee s2 was in range: L6, the level held when mentoring s2 began, publishes no mentee range",
				"mentee s2 is now L7, the mentor's own level",
			}, r.Mentorship.Notes)
		},
	},
	{
		file: "06-l4-gate-in-range", at: "2026-12-01", verdict: ladder.NotEligible,
		checks: []wantCheck{{id: "mentee-advanced", status: ladder.Unmet, detail: []string{"y (L4, advanced, started at L3, outside the range)"}}},
		more: func(t *testing.T, r *ladder.Report, _ []ladder.Step) {
			assert.Equal(t, ladder.Unmet, standardOf(t, r, "mentee-progress").Status, "the active mentee is not the L4's to mentor")
			assert.Equal(t, []string{"mentee y started at L3, outside the L4 mentee range L1–L2"}, r.Mentorship.Issues)
		},
	},
	{
		file: "07a-l5-mentors-l4", at: "2026-12-01",
		more: func(t *testing.T, r *ladder.Report, _ []ladder.Step) {
			assert.Equal(t, ladder.Mentorship{Slots: 2, Published: true, Active: 2, Prescribed: 1, Notes: []string{
				"mentee b4 started at L4, outside the L5 mentee range L1–L3, but an L4 is mentored by L5 or above, or the role worca-leadership, so the mentoring is in order; whether it takes a slot or earns a referral cut is not published",
			}}, r.Mentorship)
			f := referralOf(t, r, "b4")
			assert.Equal(t, ladder.ReferralUnpublished, f.Status, "not ineligible: the L4 page prescribes the mentoring")
			assert.Equal(t, "mentee started at L4, outside the L5 mentee range L1–L3, but an L4 is mentored by L5 or above, or the role worca-leadership, so the mentoring is in order; no referral terms are published for it", f.Reason)
			assert.Empty(t, r.Totals)
		},
	},
	{
		file: "07b-l10-mentors-l8", at: "2026-12-01",
		more: func(t *testing.T, r *ladder.Report, _ []ladder.Step) {
			assert.Empty(t, r.Mentorship.Issues)
			assert.Equal(t, 2, r.Mentorship.Prescribed)
			assert.Contains(t, r.Mentorship.Notes, "mentee c9 is now L10, the mentor's own level")
			assert.Contains(t, r.Mentorship.Notes, "L10 publishes no mentee slots; 2 mentees are active, mentoring in order as above")
		},
	},
	{
		file: "08-founder-on-panel", at: "2026-12-01", verdict: ladder.Eligible,
		checks: []wantCheck{
			{id: "live-scope-exercise", status: ladder.Met, detail: []string{
				"passed on 2026-06-15; ana (founder) on the panel: the panel duty of a founder is not published, so it does not count against the result"}},
		},
		more: func(t *testing.T, r *ladder.Report, _ []ladder.Step) {
			c := check(t, r, "live-scope-exercise")
			assert.NotContains(t, c.Detail, "wil", "an L7 sits on L4 panels, whatever else they hold")
		},
	},
	{
		file: "09-terms-at-placement", at: "2026-12-01",
		more: func(t *testing.T, r *ladder.Report, _ []ladder.Step) {
			f := referralOf(t, r, "kai")
			assert.Equal(t, ladder.LevelID("L4"), f.Level, "the terms of the level on the placement date, for the whole window")
			assert.Equal(t, ladder.Percent(300), f.Percent)
			assert.Equal(t, 6, f.Months)
			assert.Contains(t, r.Text(), "  kai  L4 terms (the level on the placement date): 3% for 6 months, 2025-02-03 to 2025-08-03")
			assert.Contains(t, r.Markdown(), "| kai | 3% for 6 months (L4 terms: the level on the placement date) |")
		},
	},
}

// TestIssue23ProfilesSayTheirCase checks that every profile of the issue
// starts with a comment naming its case.
func TestIssue23ProfilesSayTheirCase(t *testing.T) {
	for _, tc := range issue23Cases {
		data, err := os.ReadFile(filepath.Join("testdata/issue23", tc.file+".yaml"))
		require.NoError(t, err)
		assert.True(t, strings.HasPrefix(string(data), "# Issue 23, "), "%s.yaml should say which case of issue 23 it shows", tc.file)
	}
}

// TestIssue23BreakEarliestDate: the earliest date tenure allows is the same
// on every evaluation date inside a recorded break, and never inside it;
// while away, tenure is not met even where the months counted so far would
// reach the minimum, so the verdict does not flip from day to day within
// the break.
func TestIssue23BreakEarliestDate(t *testing.T) {
	const running = "id: a\nlevel: L7\nlevel_since: 2023-01-10\njoined: 2014-01-15\nbreaks: [{from: 2025-12-01, until: 2026-06-01}]"
	// 2025-12-15 to 2026-03-01 is 2 whole months: 36 + 2 months from
	// 2023-01-10 is 2026-03-10. On 2026-01-12 and 2026-02-12, 36 months
	// are counted so far; tenure was met on those days before.
	const short = "id: a\nlevel: L7\nlevel_since: 2023-01-10\njoined: 2014-01-15\nbreaks: [{from: 2025-12-15, until: 2026-03-01}]"
	tests := []struct {
		name, profile, at string
		status            ladder.Status
		earliest          string
	}{
		{"running, first day away", running, "2025-12-01", ladder.Unmet, "2026-07-10"},
		{"running, in the middle", running, "2026-02-01", ladder.Unmet, "2026-07-10"},
		{"running, last day away", running, "2026-05-31", ladder.Unmet, "2026-07-10"},
		{"ended", running, "2026-06-01", ladder.Unmet, "2026-07-10"},
		{"ended, tenure reached", running, "2026-07-10", ladder.Met, "2026-07-10"},
		{"months reached while away", short, "2026-01-12", ladder.Unmet, "2026-03-10"},
		{"months reached while away, again", short, "2026-02-12", ladder.Unmet, "2026-03-10"},
		{"months short while away", short, "2026-02-20", ladder.Unmet, "2026-03-10"},
		{"back", short, "2026-03-01", ladder.Unmet, "2026-03-10"},
		{"tenure reached", short, "2026-03-10", ladder.Met, "2026-03-10"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := person(t, tt.profile)
			at := ladder.At(date(t, tt.at))
			r, err := ladder.Evaluate(p, at)
			require.NoError(t, err)
			c := check(t, r, "tenure")
			assert.Equal(t, tt.status, c.Status, c.Detail)
			assert.Equal(t, date(t, tt.earliest), r.Promotion.Earliest)
			path, err := ladder.Default().Path(p, at)
			require.NoError(t, err)
			want := date(t, tt.earliest)
			if want.Before(date(t, tt.at)) {
				want = date(t, tt.at)
			}
			assert.Equal(t, want, path[0].Earliest)
			for _, b := range p.Breaks {
				assert.False(t, !path[0].Earliest.Before(b.From) && path[0].Earliest.Before(b.Until), "the earliest date %s is inside a break", path[0].Earliest)
			}
		})
	}
}

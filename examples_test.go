package ladder_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ladderkit/ladder"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The example profiles in examples/profiles are evaluated at this fixed date,
// so their reports (and the golden files) do not change with the calendar.
const examplesDate = "2026-11-20"

// evalExample parses and evaluates the profile file at path on ladder l
// (the embedded Worca track when l is nil) as of examplesDate.
func evalExample(t testing.TB, l *ladder.Ladder, path string) *ladder.Report {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	p, err := ladder.ParsePerson(data)
	require.NoError(t, err, path)
	if l == nil {
		l = ladder.Default()
	}
	r, err := l.Evaluate(p, ladder.At(date(t, examplesDate)))
	require.NoError(t, err, path)
	return r
}

// assertGoldenFile compares got with the file at path byte for byte, or
// writes it there when the tests run with -update.
func assertGoldenFile(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "to create it, run: go test -run 'TestExampleProfiles|TestProductKnowledgeLadder' -update .")
	assert.Equal(t, string(want), string(got), path)
}

// exampleProfiles returns the names (without .yaml) of examples/profiles/*.yaml.
func exampleProfiles(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob("examples/profiles/*.yaml")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = strings.TrimSuffix(filepath.Base(f), ".yaml")
	}
	return names
}

// TestExampleProfiles renders every example profile as text, Markdown and
// JSON and compares the reports with testdata/golden/profiles. Regenerate
// with: go test -run TestExampleProfiles -update .
func TestExampleProfiles(t *testing.T) {
	profiles := exampleProfiles(t)
	goldens, err := filepath.Glob("testdata/golden/profiles/*")
	require.NoError(t, err)
	for _, g := range goldens {
		name := strings.TrimSuffix(filepath.Base(g), filepath.Ext(g))
		assert.Contains(t, profiles, name, "%s has no profile in examples/profiles: delete it", g)
	}

	verdicts := map[ladder.Verdict]bool{}
	for _, name := range profiles {
		t.Run(name, func(t *testing.T) {
			r := evalExample(t, nil, filepath.Join("examples/profiles", name+".yaml"))
			if r.Promotion != nil {
				verdicts[r.Promotion.Verdict] = true
			}
			js, err := r.JSON()
			require.NoError(t, err)
			assert.True(t, json.Valid(js), "the JSON report is not valid JSON")
			base := filepath.Join("testdata/golden/profiles", name)
			assertGoldenFile(t, base+".txt", []byte(r.Text()))
			assertGoldenFile(t, base+".md", []byte(r.Markdown()))
			assertGoldenFile(t, base+".json", js)
		})
	}
	assert.Equal(t, map[ladder.Verdict]bool{ladder.Eligible: true, ladder.NotEligible: true, ladder.Undetermined: true}, verdicts,
		"the example profiles should show every verdict")
}

// TestExampleGoldenJSON checks that every JSON golden file is valid JSON
// that round-trips through the report's snake_case shape.
func TestExampleGoldenJSON(t *testing.T) {
	for _, name := range exampleProfiles(t) {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata/golden/profiles", name+".json"))
			require.NoError(t, err)
			require.True(t, json.Valid(data))
			var doc struct {
				Person    string `json:"person"`
				AsOf      string `json:"as_of"`
				Promotion *struct {
					Verdict string `json:"verdict"`
				} `json:"promotion"`
			}
			require.NoError(t, json.Unmarshal(data, &doc))
			assert.Equal(t, examplesDate, doc.AsOf)
			assert.NotEmpty(t, doc.Person)
		})
	}
}

// wantCheck is the expected state of one check of a report.
type wantCheck struct {
	id      string
	status  ladder.Status
	detail  []string // substrings of Detail
	missing []string // exactly Missing
}

// exampleOutcome is what an example profile is about, computed by hand from
// the profile and the published Worca rules, not copied from a report.
type exampleOutcome struct {
	name      string
	verdict   ladder.Verdict // "" at the top level (no promotion)
	checks    []wantCheck    // promotion checks
	standards []wantCheck    // ranking standard checks
	onlyUnmet []string       // when set, exactly these promotion checks are unmet
	earliest  string         // Promotion.Earliest; "" for the zero time
	checklist *ladder.Progress
	more      func(t *testing.T, r *ladder.Report)
}

func money(t testing.TB, amount, currency string) ladder.Money {
	t.Helper()
	m, err := ladder.ParseMoney(amount, currency)
	require.NoError(t, err)
	return m
}

// referralOf returns the referral on the given mentee.
func referralOf(t testing.TB, r *ladder.Report, mentee string) ladder.Referral {
	t.Helper()
	for _, f := range r.Referrals {
		if f.Mentee == mentee {
			return f
		}
	}
	t.Fatalf("no referral on mentee %q", mentee)
	return ladder.Referral{}
}

func standardOf(t testing.TB, r *ladder.Report, id string) ladder.Check {
	t.Helper()
	for _, c := range r.Standards {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("no standard %q", id)
	return ladder.Check{}
}

func assertCheck(t testing.TB, want wantCheck, got ladder.Check) {
	t.Helper()
	assert.Equal(t, want.status, got.Status, "status of %s: %s", want.id, got.Detail)
	for _, s := range want.detail {
		assert.Contains(t, got.Detail, s, "detail of %s", want.id)
	}
	if want.missing != nil {
		assert.Equal(t, want.missing, got.Missing, "missing inputs of %s", want.id)
	}
}

// The four L4 → L5 assessments and the five L7 → L8 and L8 → L9 ones.
var (
	l4Assessments = []string{"product-decision-portfolio", "team-building-simulation", "mentee-outcome", "live-scope-exercise"}
	l7Assessments = []string{"product-strategy-presentation", "roadmap-defense", "user-research-methodology", "multi-product-scenario", "mentee-outcomes"}
	l8Assessments = []string{"technical-strategy-portfolio", "team-building-case-study", "cross-product-architecture-review", "founder-references", "mentee-network"}
)

func allMet(ids ...string) []wantCheck {
	out := make([]wantCheck, len(ids))
	for i, id := range ids {
		out[i] = wantCheck{id: id, status: ladder.Met}
	}
	return out
}

func exampleOutcomes() []exampleOutcome {
	return []exampleOutcome{
		{
			// Promoted 2024-09-02: 2026-11-02 is 26 whole months later, and
			// 18 months after it is 2026-03-02.
			name:    "l4-ready-for-l5",
			verdict: ladder.Eligible,
			checks: append(allMet(append(l4Assessments, "mentee-advanced", "client-retention", "standards")...),
				wantCheck{id: "tenure", status: ladder.Met, detail: []string{"26 months at L4 since 2024-09-02"}}),
			onlyUnmet: []string{},
			earliest:  "2026-03-02",
			checklist: &ladder.Progress{Done: 9, Total: 9},
			more: func(t *testing.T, r *ladder.Report) {
				assert.Equal(t, ladder.Mentorship{Slots: 1, Published: true, Active: 1,
					Notes: []string{"no mentor recorded: an L4 is mentored by L5 or above, or the role worca-leadership"}}, r.Mentorship)
				// 3% of USD 6,500.00 = USD 195.00 a month for 6 months from
				// 2025-08-04: all earned by 2026-02-04.
				f := referralOf(t, r, "tobias-lind")
				assert.Equal(t, ladder.LevelID("L4"), f.Level)
				assert.Equal(t, ladder.Percent(300), f.Percent)
				assert.Equal(t, money(t, "195.00", "USD"), f.Monthly)
				assert.Equal(t, money(t, "1170.00", "USD"), f.Earned)
				assert.Equal(t, date(t, "2026-02-04"), f.End)
				assert.Equal(t, ladder.ReferralComplete, f.Status)
			},
		},
		{
			// Promoted 2025-08-31: 2026-10-31 is 14 months later, and
			// 2027-02-31 does not exist, so 18 months clamp to 2027-02-28.
			name:    "l4-blocked-by-tenure",
			verdict: ladder.NotEligible,
			checks: append(allMet(append(l4Assessments, "mentee-advanced", "client-retention", "standards")...),
				wantCheck{id: "tenure", status: ladder.Unmet, detail: []string{"14 of 18 months at L4", "2027-02-28"}}),
			onlyUnmet: []string{"tenure"},
			earliest:  "2027-02-28",
			checklist: &ladder.Progress{Done: 6, Total: 9, Missing: []string{"explains-hidden-cost", "peers-seek-advice", "four-stacks"}},
		},
		{
			// Promoted 2025-12-01: 11 months; the founder's waiver counts on
			// L4 → L5, so tenure no longer gives an earliest date.
			name:    "l4-fast-track",
			verdict: ladder.Eligible,
			checks: append(allMet(append(l4Assessments, "mentee-advanced", "client-retention", "standards")...),
				wantCheck{id: "tenure", status: ladder.Waived, detail: []string{"11 of 18 months at L4", "waived by ana-silva"}}),
			onlyUnmet: []string{},
		},
		{
			name:    "l4-missing-metrics",
			verdict: ladder.Undetermined,
			checks: append(allMet(append(l4Assessments, "tenure", "mentee-advanced")...),
				wantCheck{id: "client-retention", status: ladder.Unknown, detail: []string{"client_retention"}, missing: []string{"client_retention"}},
				wantCheck{id: "standards", status: ladder.Unknown, detail: []string{"5 of 6 standards met", "unknown: feature-instrumentation"}}),
			standards: append(allMet("product-decisions-adopted", "data-driven-kills", "mentee-progress", "code-review-impact", "client-trust"),
				wantCheck{id: "feature-instrumentation", status: ladder.Unknown, detail: []string{"feature_instrumentation_rate"},
					missing: []string{"feature_instrumentation_rate"}}),
			onlyUnmet: []string{},
			earliest:  "2026-05-04",
		},
		{
			// 2023-07-03 to 2026-11-20 is 40 months at L7; 2017-09-04 to
			// 2026-11-20 is 110 months in the track, 120 reached 2027-09-04.
			name:    "l7-ten-year-rule",
			verdict: ladder.NotEligible,
			checks: append(allMet(append(l7Assessments, "works-across-surfaces", "standards")...),
				wantCheck{id: "tenure", status: ladder.Met, detail: []string{"40 months at L7"}},
				wantCheck{id: "track_tenure", status: ladder.Unmet, detail: []string{"110 of 120 months in the track", "2027-09-04"}}),
			onlyUnmet: []string{"track_tenure"},
			earliest:  "2027-09-04",
		},
		{
			// 2024-10-01 to 2026-11-20 is 25 months; 36 months is 2027-10-01.
			// 2014-02-03 to 2026-11-20 is 153 months in the track.
			name:    "l7-fast-track-refused",
			verdict: ladder.NotEligible,
			checks: append(allMet(append(l7Assessments, "works-across-surfaces", "standards")...),
				wantCheck{id: "tenure", status: ladder.Unmet, detail: []string{"25 of 36 months at L7", "2027-10-01", "ana-silva", "fast-tracking is not allowed"}},
				wantCheck{id: "track_tenure", status: ladder.Met, detail: []string{"153 months in the track"}}),
			onlyUnmet: []string{"tenure"},
			earliest:  "2027-10-01",
		},
		{
			// 2025-03-03 to 2026-11-20 is 20 months; 36 months is 2028-03-03.
			name:    "l7-mentor-over-slots",
			verdict: ladder.NotEligible,
			checks: []wantCheck{
				{id: "tenure", status: ladder.Unmet, detail: []string{"20 of 36 months at L7"}},
				{id: "track_tenure", status: ladder.Met},
				{id: "roadmap-defense", status: ladder.Unmet, detail: []string{"no result recorded"}},
				{id: "standards", status: ladder.Met},
			},
			onlyUnmet: append([]string{"tenure"}, l7Assessments...),
			earliest:  "2028-03-03",
			more: func(t *testing.T, r *ladder.Report) {
				m := r.Mentorship
				assert.Equal(t, 4, m.Slots)
				assert.Equal(t, 5, m.Active)
				require.Len(t, m.Issues, 2)
				assert.Contains(t, m.Issues[0], "1 over")
				assert.Contains(t, m.Issues[1], "omar-haddad")
				assert.Contains(t, m.Issues[1], "L1–L5")

				// 6% of USD 8,000.00 = USD 480.00; the placement ran
				// 2025-06-02 to 2026-03-16, so 9 months ended in time.
				kai := referralOf(t, r, "kai-johansson")
				assert.Equal(t, money(t, "480.00", "USD"), kai.Monthly)
				assert.Equal(t, 9, kai.MonthsEarned)
				assert.Equal(t, money(t, "4320.00", "USD"), kai.Earned)
				assert.Equal(t, ladder.ReferralEnded, kai.Status)

				// 6% of EUR 11,250.00 = EUR 675.00; from 2026-04-06, 7
				// months have ended by 2026-11-20 and 5 remain.
				lena := referralOf(t, r, "lena-fischer")
				assert.Equal(t, money(t, "675.00", "EUR"), lena.Monthly)
				assert.Equal(t, money(t, "4725.00", "EUR"), lena.Earned)
				assert.Equal(t, money(t, "3375.00", "EUR"), lena.Remaining)
				assert.Equal(t, ladder.ReferralActive, lena.Status)

				omar := referralOf(t, r, "omar-haddad")
				assert.Equal(t, ladder.ReferralIneligible, omar.Status)
				assert.Contains(t, omar.Reason, "L6")

				// Placed 2026-12-01, after the evaluation date.
				zoe := referralOf(t, r, "zoe-adeyemi")
				assert.Equal(t, ladder.ReferralUpcoming, zoe.Status)
				assert.Equal(t, money(t, "270.00", "USD"), zoe.Monthly)
				assert.Equal(t, money(t, "3240.00", "USD"), zoe.Remaining)

				assert.Equal(t, []ladder.Money{money(t, "4725.00", "EUR"), money(t, "4320.00", "USD")}, r.Totals)
				assert.Equal(t, []ladder.Money{money(t, "3375.00", "EUR"), money(t, "3240.00", "USD")}, r.Upcoming)
			},
		},
		{
			// 2025-11-03 to 2026-11-20 is 12 months; 36 months is 2028-11-03.
			name:    "l7-checklist-halfway",
			verdict: ladder.NotEligible,
			checks: []wantCheck{
				{id: "tenure", status: ladder.Unmet, detail: []string{"12 of 36 months at L7"}},
				{id: "track_tenure", status: ladder.Met},
				{id: "works-across-surfaces", status: ladder.Unmet},
				{id: "standards", status: ladder.Unmet, detail: []string{"4 of 7 standards met"}},
			},
			standards: []wantCheck{
				{id: "roadmap-ownership", status: ladder.Met},
				{id: "user-research-cadence", status: ladder.Unmet, detail: []string{"92%"}},
				{id: "prioritization-accuracy", status: ladder.Met, detail: []string{"70%"}}, // exactly on the threshold
				{id: "scope-management", status: ladder.Met},
				{id: "stakeholder-alignment", status: ladder.Met},
				{id: "mentee-advancement", status: ladder.Unmet},
				{id: "external-contribution", status: ladder.Unmet},
			},
			earliest: "2028-11-03",
			checklist: &ladder.Progress{Done: 5, Total: 10, Missing: []string{
				"weekly-users", "cut-major-feature", "competitive-positioning", "mentees-think-business", "board-product-review"}},
		},
		{
			// 2022-05-02 to 2026-11-20 is 54 months at L8.
			name:    "l8-self-nominated",
			verdict: ladder.NotEligible,
			checks: append(allMet(append(l8Assessments, "industry-recognition", "standards")...),
				wantCheck{id: "tenure", status: ladder.Met, detail: []string{"54 months at L8"}},
				wantCheck{id: "nomination", status: ladder.Unmet, detail: []string{"0 of 1 nomination", "hannah-kowalski", "self-nomination"}}),
			onlyUnmet: []string{"nomination"},
			earliest:  "2025-05-02",
		},
		{
			// 2023-02-06 plus 36 months is 2026-02-06.
			name:    "l8-nominated-by-founder",
			verdict: ladder.Eligible,
			checks: append(allMet(append(l8Assessments, "tenure", "industry-recognition", "standards")...),
				wantCheck{id: "nomination", status: ladder.Met, detail: []string{"1 of 1 nomination", "counted: ana-silva", "rachel-kim (L9)"}}),
			onlyUnmet: []string{},
			earliest:  "2026-02-06",
		},
		{
			// The live scope exercise passed, but an L4 sat on its panel;
			// the L7 on it (panels for L1–L6) is allowed. 2024-09-02 plus
			// 18 months is 2026-03-02.
			name:    "l4-panelist-not-allowed",
			verdict: ladder.NotEligible,
			checks: append(allMet("tenure", "product-decision-portfolio", "team-building-simulation", "mentee-outcome",
				"mentee-advanced", "client-retention", "standards"),
				wantCheck{id: "live-scope-exercise", status: ladder.Unmet, detail: []string{
					"passed on 2026-10-20", "tomas-novak (L4) may not sit on the panel: L4 sits on no qualification panels"}}),
			onlyUnmet: []string{"live-scope-exercise"},
			earliest:  "2026-03-02",
			more: func(t *testing.T, r *ladder.Report) {
				// The L5 mentor qualifies; the mentee advanced L1 → L2 with
				// no flag given, and is active, so Mentee progress is met.
				assert.Empty(t, r.Mentorship.Issues)
				assert.Equal(t, ladder.Met, standardOf(t, r, "mentee-progress").Status)
			},
		},
		{
			// The mentor is an L8; an L7's must be L9+ or a founder. The
			// mentee who started at L6 is outside L1–L5 and does not count
			// towards 2+ mentees at L4+.
			name:    "l7-mentor-does-not-qualify",
			verdict: ladder.NotEligible,
			checks: append(allMet(append(l7Assessments, "tenure", "track_tenure", "works-across-surfaces")...),
				wantCheck{id: "standards", status: ladder.Unmet, detail: []string{"unmet: mentee-advancement"}}),
			standards: []wantCheck{{id: "mentee-advancement", status: ladder.Unmet,
				detail: []string{"sven-olsen (L6, started at L6, outside the range)"}}},
			onlyUnmet: []string{"standards"},
			earliest:  "2026-01-09",
			more: func(t *testing.T, r *ladder.Report) {
				assert.Equal(t, []string{
					"mentee sven-olsen started at L6, outside the L7 mentee range L1–L5",
					"mentor lukas-meyer (L8) does not qualify: a mentor of an L7 must be L9 or above or hold the role founder",
				}, r.Mentorship.Issues)
			},
		},
		{
			// 2016-03-14 to 2026-11-20 is 128 calendar months; the break
			// 2019-02-01 to 2020-04-01 is 14 whole months, so 114 count,
			// and 120 + 14 months from 2016-03-14 is 2027-05-14.
			name:    "l7-break-moves-ten-year",
			verdict: ladder.NotEligible,
			checks: append(allMet(append(l7Assessments, "works-across-surfaces", "standards")...),
				wantCheck{id: "tenure", status: ladder.Met, detail: []string{"53 months at L7 since 2022-06-06 (36 required)"}},
				wantCheck{id: "track_tenure", status: ladder.Unmet, detail: []string{
					"114 of 120 months in the track, not counting 14 months away", "2027-05-14"}}),
			onlyUnmet: []string{"track_tenure"},
			earliest:  "2027-05-14",
			more: func(t *testing.T, r *ladder.Report) {
				assert.Empty(t, r.Mentorship.Issues, "a founder may mentor an L7")
				require.NotNil(t, r.Curriculum)
				assert.Equal(t, ladder.CurriculumPlace{Month: 54, Last: 36, Complete: true}, *r.Curriculum)
			},
		},
		{
			name:      "l1-criteria-unpublished",
			verdict:   ladder.Undetermined,
			checklist: &ladder.Progress{},
			more: func(t *testing.T, r *ladder.Report) {
				assert.False(t, r.Promotion.Published)
				assert.Equal(t, ladder.LevelID("L2"), r.Promotion.To)
				assert.Empty(t, r.Promotion.Checks)
				assert.Empty(t, r.Standards)
				assert.Equal(t, ladder.Mentorship{Slots: 0, Published: true}, r.Mentorship)
			},
		},
		{
			name: "l10-top-level",
			more: func(t *testing.T, r *ladder.Report) {
				assert.Nil(t, r.Promotion)
				// The L8 page names an L10 (or founder) mentor: mentoring
				// an L8 is in order, though L10 publishes no slots (issue 23,
				// case 7; it was an issue before).
				assert.Equal(t, ladder.Mentorship{Active: 1, Prescribed: 1, Notes: []string{
					"mentee samuel-achebe started at L8, and L10 publishes no mentee range, but an L8 is mentored by L10 or above, or the role founder, so the mentoring is in order; whether it takes a slot or earns a referral cut is not published",
					"L10 publishes no mentee slots; 1 mentee is active, mentoring in order as above",
				}}, r.Mentorship)
			},
		},
		{
			// 2022-09-01 to 2026-11-20: 50 months at L7 (36 reached
			// 2025-09-01); 2014-05-01 to 2026-11-20: 150 months in the
			// track (120 reached 2024-05-01).
			name:    "maya",
			verdict: ladder.Eligible,
			checks: append(allMet(append(l7Assessments, "works-across-surfaces", "standards")...),
				wantCheck{id: "tenure", status: ladder.Met, detail: []string{"50 months at L7"}},
				wantCheck{id: "track_tenure", status: ladder.Met, detail: []string{"150 months in the track"}}),
			onlyUnmet: []string{},
			earliest:  "2025-09-01",
			checklist: &ladder.Progress{Done: 8, Total: 10, Missing: []string{"competitive-positioning", "board-product-review"}},
			more: func(t *testing.T, r *ladder.Report) {
				assert.Equal(t, ladder.Mentorship{Slots: 4, Published: true, Active: 1,
					Notes: []string{"no mentor recorded: an L7 is mentored by L9 or above, or the role founder"}}, r.Mentorship)

				// Placed 2022-04-04, while Maya was L6 (history), which
				// publishes no referral terms.
				rosa := referralOf(t, r, "rosa-alvarez")
				assert.Equal(t, ladder.LevelID("L6"), rosa.Level)
				assert.Equal(t, ladder.ReferralUnpublished, rosa.Status)
				assert.Equal(t, "L6 publishes no referral terms", rosa.Reason)

				// L7 terms: 6% of USD 14,000.00 = USD 840.00 for 12 months.
				jonas := referralOf(t, r, "jonas-berg")
				assert.Equal(t, ladder.LevelID("L7"), jonas.Level)
				assert.Equal(t, money(t, "840.00", "USD"), jonas.Monthly)
				assert.Equal(t, money(t, "10080.00", "USD"), jonas.Earned)
				assert.Equal(t, ladder.ReferralComplete, jonas.Status)

				// 6% of EUR 9,800.00 = EUR 588.00; from 2026-02-02, 9 months
				// have ended by 2026-11-20 and 3 remain.
				ines := referralOf(t, r, "ines-moreno")
				assert.Equal(t, money(t, "588.00", "EUR"), ines.Monthly)
				assert.Equal(t, money(t, "5292.00", "EUR"), ines.Earned)
				assert.Equal(t, money(t, "1764.00", "EUR"), ines.Remaining)
				assert.Equal(t, ladder.ReferralActive, ines.Status)

				assert.Equal(t, []ladder.Money{money(t, "5292.00", "EUR"), money(t, "10080.00", "USD")}, r.Totals)
			},
		},
	}
}

// TestExampleProfileOutcomes asserts, through the API, the outcome each
// example profile exists to show. The expected values are worked out by
// hand; they are what make the golden reports trustworthy.
func TestExampleProfileOutcomes(t *testing.T) {
	outcomes := exampleOutcomes()
	var names []string
	for _, o := range outcomes {
		names = append(names, o.name)
	}
	slices.Sort(names)
	require.Equal(t, exampleProfiles(t), names, "every example profile needs an outcome here, and every outcome a profile")

	for _, o := range outcomes {
		t.Run(o.name, func(t *testing.T) {
			r := evalExample(t, nil, filepath.Join("examples/profiles", o.name+".yaml"))
			if o.verdict == "" {
				assert.Nil(t, r.Promotion)
			} else {
				require.NotNil(t, r.Promotion)
				assert.Equal(t, o.verdict, r.Promotion.Verdict)
				want := time.Time{}
				if o.earliest != "" {
					want = date(t, o.earliest)
				}
				assert.Equal(t, want, r.Promotion.Earliest, "earliest")
			}
			for _, w := range o.checks {
				assertCheck(t, w, check(t, r, w.id))
			}
			for _, w := range o.standards {
				assertCheck(t, w, standardOf(t, r, w.id))
			}
			if o.onlyUnmet != nil {
				unmet := []string{}
				for _, c := range r.Promotion.Checks {
					if c.Status == ladder.Unmet {
						unmet = append(unmet, c.ID)
					}
				}
				assert.ElementsMatch(t, o.onlyUnmet, unmet, "unmet promotion checks")
			}
			if o.checklist != nil {
				assert.Equal(t, *o.checklist, r.Checklist)
			}
			if o.more != nil {
				o.more(t, r)
			}
		})
	}
}

// TestProductKnowledgeLadder loads the custom ladder in
// examples/ladders/product-knowledge (a generic Level 4 rubric, not Worca)
// and evaluates its example profile.
func TestProductKnowledgeLadder(t *testing.T) {
	const dir = "examples/ladders/product-knowledge"
	l, err := ladder.Load(os.DirFS(dir), ".")
	require.NoError(t, err)

	levels := l.Levels()
	require.Len(t, levels, 2)
	p4 := levels[0]
	assert.Equal(t, ladder.LevelID("P4"), p4.ID)
	assert.Equal(t, 4, p4.Rank)
	var titles []string
	for _, s := range p4.Sections {
		titles = append(titles, s.Title)
	}
	assert.Equal(t, []string{"Key behaviors", "Common struggles", "Success indicators", "Mindset shift",
		"Questions to ask yourself", "Build these habits", "Seek feedback", "Focus summary"}, titles)
	var items []string
	for _, c := range p4.Checklist {
		items = append(items, c.ID)
	}
	assert.Equal(t, []string{"strategic-voice", "shapes-why-and-how-well", "raises-the-bar"}, items)
	require.NotNil(t, p4.Promotion)
	assert.False(t, p4.Promotion.IsPublished())
	assert.Empty(t, l.Metrics())

	r := evalExample(t, l, filepath.Join(dir, "profiles/jordan-ellis.yaml"))
	assert.Equal(t, ladder.Progress{Done: 1, Total: 3, Missing: []string{"shapes-why-and-how-well", "raises-the-bar"}}, r.Checklist)
	require.NotNil(t, r.Promotion)
	assert.Equal(t, ladder.Undetermined, r.Promotion.Verdict)
	assert.Equal(t, ladder.LevelID("P5"), r.Promotion.To)
	assert.Empty(t, r.Standards)
	assertGoldenFile(t, "testdata/golden/product-knowledge/jordan-ellis.txt", []byte(r.Text()))
}

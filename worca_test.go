package ladder_test

import (
	"bufio"
	"encoding/json"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ladderkit/ladder"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// These tests pin the embedded Worca track (levels/worca) to the published
// facts in worca-facts.md, and levels/worca/README.md to the YAML.

func intPtr(n int) *int { return &n }

// wantPromotion is the published promotion rule of one Worca step.
type wantPromotion struct {
	to               ladder.LevelID
	published        bool
	minMonths        *int
	minMonthsInTrack *int
	fastTrack        bool // whether tenure waivers count
	assessments      int
	requirements     []string // the rules, in order
	nomination       *ladder.NominationRule
}

// wantMentorship is what a Worca level gives in mentoring.
type wantMentorship struct {
	slots    *int // nil: not published
	mentees  *ladder.LevelRange
	referral *ladder.ReferralTerms
}

func TestDefault(t *testing.T) {
	l := ladder.Default()
	require.NotNil(t, l)
	assert.Same(t, l, ladder.Default(), "Default loads once")
	info := l.Info()
	assert.Equal(t, "worca-ai-first-business-manager", info.ID)
	assert.Equal(t, "Worca", info.Publisher)
	assert.Equal(t, "February 2026", info.Edition)
	assert.Equal(t, []string{"founder", "worca-leadership"}, info.Roles)

	unpublished := func(to ladder.LevelID) *wantPromotion {
		return &wantPromotion{to: to, fastTrack: true}
	}
	builder := func(lo, hi ladder.LevelID) *ladder.LevelRange { return &ladder.LevelRange{Min: lo, Max: hi} }
	tests := []struct {
		id         ladder.LevelID
		rank       int
		title      string // "" where the title is not published
		promotion  *wantPromotion
		mentorship wantMentorship
	}{
		{"L1", 1, "Product Builder, Trainee", unpublished("L2"), wantMentorship{slots: intPtr(0)}},
		{"L2", 2, "Product Builder, Intern", unpublished("L3"), wantMentorship{slots: intPtr(0)}},
		{"L3", 3, "", unpublished("L4"), wantMentorship{slots: intPtr(0)}},
		{"L4", 4, "Senior Product Builder", &wantPromotion{
			to: "L5", published: true, minMonths: intPtr(18), fastTrack: true, assessments: 4,
			requirements: []string{"count(mentees, .advanced && .in_range) >= 1", "client_retention"},
		}, wantMentorship{intPtr(1), builder("L1", "L2"), &ladder.ReferralTerms{Percent: 300, Months: 6}}},
		{"L5", 5, "", unpublished("L6"), wantMentorship{intPtr(2), builder("L1", "L3"), &ladder.ReferralTerms{Percent: 400, Months: 9}}},
		{"L6", 6, "Product Owner", unpublished("L7"), wantMentorship{}},
		{"L7", 7, "Sr Product Owner", &wantPromotion{
			to: "L8", published: true, minMonths: intPtr(36), minMonthsInTrack: intPtr(120), assessments: 5,
			requirements: []string{"works_across_surfaces"},
		}, wantMentorship{intPtr(4), builder("L1", "L5"), &ladder.ReferralTerms{Percent: 600, Months: 12}}},
		{"L8", 8, "Lead Product Owner", &wantPromotion{
			to: "L9", published: true, minMonths: intPtr(36), assessments: 5,
			requirements: []string{"industry_recognition"},
			nomination:   &ladder.NominationRule{Required: true, Min: intPtr(1), FromMinLevel: "L10", FromRoles: []string{"founder"}, Self: false},
		}, wantMentorship{intPtr(5), builder("L1", "L6"), &ladder.ReferralTerms{Percent: 700, Months: 18}}},
		{"L9", 9, "Principal Product Owner", &wantPromotion{to: "L10"}, // unpublished, and no fast-tracking past L7
			wantMentorship{intPtr(7), builder("L1", "L7"), &ladder.ReferralTerms{Percent: 800, Months: 24}}},
		{"L10", 10, "", nil, wantMentorship{}},
	}

	levels := l.Levels()
	require.Len(t, levels, len(tests))
	for i, tt := range tests {
		t.Run(string(tt.id), func(t *testing.T) {
			lv := levels[i]
			assert.Equal(t, tt.id, lv.ID)
			assert.Equal(t, tt.rank, lv.Rank)
			assert.Equal(t, tt.title, lv.Title)
			byID, ok := l.Level(tt.id)
			require.True(t, ok)
			assert.Equal(t, lv, byID)

			if tt.promotion == nil {
				assert.Nil(t, lv.Promotion, "the top level has no promotion")
			} else {
				pr := lv.Promotion
				want := tt.promotion
				require.NotNil(t, pr)
				assert.Equal(t, want.to, pr.To)
				assert.Equal(t, want.published, pr.IsPublished(), "published")
				assert.Equal(t, want.minMonths, pr.MinMonths, "min_months")
				assert.Equal(t, want.minMonthsInTrack, pr.MinMonthsInTrack, "min_months_in_track")
				assert.Equal(t, want.fastTrack, pr.AllowsFastTrack(), "fast-track allowed")
				assert.Len(t, pr.Assessments, want.assessments, "assessments")
				var rules []string
				for _, r := range pr.Requirements {
					rules = append(rules, r.Rule)
				}
				assert.Equal(t, want.requirements, rules, "requirements")
				assert.Equal(t, want.nomination, pr.Nomination, "nomination")
				assert.True(t, pr.RequiresStandards(), "standards required")
			}

			var got wantMentorship
			if m := lv.Mentorship; m != nil {
				got = wantMentorship{m.Slots, m.MenteeLevels, m.Referral}
			}
			assert.Equal(t, tt.mentorship, got, "mentorship")
		})
	}
}

// TestDefaultAssessmentIDs pins the qualification components of the three
// published steps, in the order the pages list them.
func TestDefaultAssessmentIDs(t *testing.T) {
	tests := []struct {
		level ladder.LevelID
		want  []string
	}{
		{"L4", l4Assessments},
		{"L7", l7Assessments},
		{"L8", l8Assessments},
	}
	for _, tt := range tests {
		t.Run(string(tt.level), func(t *testing.T) {
			lv, ok := ladder.Default().Level(tt.level)
			require.True(t, ok)
			require.NotNil(t, lv.Promotion)
			var ids []string
			for _, a := range lv.Promotion.Assessments {
				ids = append(ids, a.ID)
			}
			assert.Equal(t, tt.want, ids)
		})
	}
}

// readmeMetricRow is one row of the metrics table in levels/worca/README.md.
type readmeMetricRow struct {
	line                             int
	metric, typ, level, wanted, rule string
}

// readmeMetricTable parses the table whose header is
// "| metric | type | level | published threshold | rule |".
func readmeMetricTable(t testing.TB, path string) []readmeMetricRow {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	const header = "| metric | type | level | published threshold | rule |"
	var rows []readmeMetricRow
	in, n := false, 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == header:
			require.False(t, in || rows != nil, "%s:%d: a second metrics table", path, n)
			in = true
		case !in:
		case strings.HasPrefix(line, "|---"):
		case strings.HasPrefix(line, "|"):
			cells := strings.Split(strings.Trim(line, "|"), "|")
			require.Len(t, cells, 5, "%s:%d: want 5 cells (a rule with | cannot be in this table): %s", path, n, line)
			for i := range cells {
				cells[i] = strings.TrimSpace(cells[i])
			}
			code := func(s string) string {
				require.True(t, len(s) > 2 && s[0] == '`' && s[len(s)-1] == '`', "%s:%d: want `code`, got %s", path, n, s)
				return s[1 : len(s)-1]
			}
			rows = append(rows, readmeMetricRow{line: n, metric: code(cells[0]), typ: cells[1], level: cells[2], wanted: cells[3], rule: code(cells[4])})
		default:
			in = false
		}
	}
	require.NoError(t, sc.Err())
	require.NotEmpty(t, rows, "%s: no metrics table with header %s", path, header)
	return rows
}

// TestWorcaReadmeMetricTable fails when levels/worca/README.md and the YAML
// drift apart: every declared metric is in the table once with its type,
// every row's rule is a standard or promotion requirement of its level,
// byte for byte, with the same published threshold (or requirement name),
// and every rule that reads a metric has its row.
func TestWorcaReadmeMetricTable(t *testing.T) {
	const path = "levels/worca/README.md"
	l := ladder.Default()
	rows := readmeMetricTable(t, path)

	types := map[string]string{}
	for _, m := range l.Metrics() {
		types[m.ID] = string(m.Type)
	}
	seen := map[string]int{}
	covered := map[string]bool{} // level + " " + rule
	for _, row := range rows {
		where := path + ":" + strconv.Itoa(row.line)
		seen[row.metric]++
		typ, declared := types[row.metric]
		if assert.True(t, declared, "%s: metric %s is not declared in ladder.yaml", where, row.metric) {
			assert.Equal(t, typ, row.typ, "%s: type of %s", where, row.metric)
		}
		assert.Regexp(t, `(^|[^a-z0-9_])`+regexp.QuoteMeta(row.metric)+`($|[^a-z0-9_])`, row.rule, "%s: the rule does not read %s", where, row.metric)

		lv, ok := l.Level(ladder.LevelID(row.level))
		if !assert.True(t, ok, "%s: no level %s", where, row.level) {
			continue
		}
		covered[row.level+" "+row.rule] = true
		found := false
		for _, st := range lv.Standards {
			if st.Rule == row.rule {
				found = true
				assert.Equal(t, st.Threshold, row.wanted, "%s: threshold of standard %s", where, st.ID)
			}
		}
		if lv.Promotion != nil {
			for _, rq := range lv.Promotion.Requirements {
				if rq.Rule == row.rule {
					found = true
					assert.Equal(t, rq.Name, row.wanted, "%s: name of requirement %s", where, rq.ID)
				}
			}
		}
		assert.True(t, found, "%s: %s has no standard or promotion requirement with rule %q", where, row.level, row.rule)
	}
	for id := range types {
		assert.Equal(t, 1, seen[id], "metric %s should appear exactly once in the README table", id)
	}

	// The other way round: every rule that reads a declared metric is listed.
	reads := func(rule string) bool {
		for id := range types {
			if regexp.MustCompile(`(^|[^a-z0-9_])` + id + `($|[^a-z0-9_])`).MatchString(rule) {
				return true
			}
		}
		return false
	}
	for _, lv := range l.Levels() {
		var rules []string
		for _, st := range lv.Standards {
			rules = append(rules, st.Rule)
		}
		if lv.Promotion != nil {
			for _, rq := range lv.Promotion.Requirements {
				rules = append(rules, rq.Rule)
			}
		}
		for _, r := range rules {
			if reads(r) {
				assert.True(t, covered[string(lv.ID)+" "+r], "%s rule %q reads a metric but has no row in %s", lv.ID, r, path)
			}
		}
	}
}

// TestDefaultEvaluateMinimalPerson evaluates the smallest valid profile at
// every level of the embedded track: no panic, no error, a report that
// renders, and never an eligible verdict without evidence.
func TestDefaultEvaluateMinimalPerson(t *testing.T) {
	at := ladder.At(date(t, examplesDate))
	for _, lv := range ladder.Default().Levels() {
		for _, p := range []ladder.Person{
			{ID: "x", Level: lv.ID},
			{ID: "x", Level: lv.ID, LevelSince: date(t, "2010-01-01"), Joined: date(t, "2000-01-01")},
		} {
			name := string(lv.ID)
			if !p.LevelSince.IsZero() {
				name += " with dates"
			}
			t.Run(name, func(t *testing.T) {
				r, err := ladder.Evaluate(p, at)
				require.NoError(t, err)
				require.NotNil(t, r)
				assert.Equal(t, lv.ID, r.Level)
				assert.Len(t, r.Standards, len(lv.Standards))
				assert.Equal(t, len(lv.Checklist), r.Checklist.Total)
				if lv.Promotion == nil {
					assert.Nil(t, r.Promotion)
				} else {
					require.NotNil(t, r.Promotion)
					assert.NotEqual(t, ladder.Eligible, r.Promotion.Verdict, "eligible with no evidence")
				}
				assert.NotEmpty(t, r.Text())
				assert.NotEmpty(t, r.Markdown())
				js, err := r.JSON()
				require.NoError(t, err)
				assert.True(t, json.Valid(js))
			})
		}
	}
}

// TestDefaultEvaluateEmptyPerson: a zero Person is an error naming the
// missing fields, not a panic.
func TestDefaultEvaluateEmptyPerson(t *testing.T) {
	var r *ladder.Report
	var err error
	require.NotPanics(t, func() { r, err = ladder.Evaluate(ladder.Person{}, ladder.At(date(t, examplesDate))) })
	require.Error(t, err)
	assert.Nil(t, r)
	assert.Contains(t, err.Error(), "id")
	assert.Contains(t, err.Error(), "level")
}

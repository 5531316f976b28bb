package main

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestServeReportMentorshipNotes: the report page says the mentorship notes
// and leaves prescribed mentoring out of the slots in use, as the text
// report does (issue 23, case 7).
func TestServeReportMentorshipNotes(t *testing.T) {
	s := testServer(t)
	tests := []struct {
		name, profile string
		want          []string
	}{
		{"an L5 mentoring an L4", "../../testdata/issue23/07a-l5-mentors-l4.yaml", []string{
			"<p>1 of 2 slots in use, and 1 mentored in order whose slot is not published</p>",
			"<li>Note: mentee b4 started at L4, outside the L5 mentee range L1–L3, but an L4 is mentored by L5 or above, or the role worca-leadership, so the mentoring is in order; whether it takes a slot or earns a referral cut is not published</li>",
		}},
		{"an L10 mentoring L8s", "../../testdata/issue23/07b-l10-mentors-l8.yaml", []string{
			"<p>2 active mentees, slots not published (2 of them mentored in order)</p>",
			"<li>Note: mentee c9 is now L10, the mentor&#39;s own level</li>",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ct, body := form(t, map[string]string{"profile": readFile(t, tt.profile), "at": "2026-12-01"}, "")
			w := do(s, "POST", "/evaluate", ct, body)
			require.Equal(t, http.StatusOK, w.Code)
			for _, want := range tt.want {
				assert.Contains(t, w.Body.String(), want)
			}
			assert.NotContains(t, w.Body.String(), `class="issues"`, "prescribed mentoring is no issue")
		})
	}
}

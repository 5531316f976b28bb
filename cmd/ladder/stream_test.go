package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ladderkit/ladder"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// writeStream writes a JSON Lines file of n generated people with a broken
// line where i%37 == 11 and an unknown level where i%41 == 7, and returns
// its path and, by index, the line of each bad record.
func writeStream(t *testing.T, n int) (string, map[int]int) {
	var b strings.Builder
	bad := map[int]int{}
	for i := range n {
		switch {
		case i%37 == 11:
			fmt.Fprintf(&b, "{\"id\": \"p%d\", \"level\": \n", i)
			bad[i] = i + 1
		case i%41 == 7:
			fmt.Fprintf(&b, "{\"id\": \"p%d\", \"level\": \"L0\"}\n", i)
			bad[i] = i + 1
		default:
			fmt.Fprintf(&b, "{\"id\": \"p%d\", \"level\": \"L%d\", \"level_since\": \"2024-%02d-01\", \"joined\": \"2019-01-07\"}\n", i, 1+i%10, 1+i%12)
		}
	}
	path := filepath.Join(t.TempDir(), "people.jsonl")
	require.NoError(t, os.WriteFile(path, []byte(b.String()), 0o644))
	return path, bad
}

func TestSummaryCSVHasARowPerRecord(t *testing.T) {
	const n = 1500
	path, bad := writeStream(t, n)
	got := runLadder(t, "", "evaluate", "--at", at, "--summary", "--format", "csv", path)
	assert.Equal(t, exitInvalid, got.code)
	rows, err := csv.NewReader(strings.NewReader(got.stdout)).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, n+1, "a header and a row per record")
	assert.Equal(t, csvHeader, rows[0])
	for i, row := range rows[1:] {
		assert.Equal(t, fmt.Sprintf("%s:%d", path, i+1), row[0])
		if line, ok := bad[i]; ok {
			assert.Equal(t, "invalid", row[5], "record %d", i)
			assert.True(t, strings.HasPrefix(row[10], fmt.Sprintf("%d:", line)), "record %d: %q", i, row[10])
		} else {
			assert.Equal(t, fmt.Sprintf("p%d", i), row[1])
			assert.NotEqual(t, "invalid", row[5])
		}
	}
	assert.Len(t, strings.Split(strings.TrimSpace(got.stderr), "\n"), len(bad), "one problem a bad record on stderr")

	// --format jsonl: the same records, invalid ones as error objects.
	got = runLadder(t, "", "evaluate", "--at", at, "--format", "jsonl", path)
	lines := strings.Split(strings.TrimSuffix(got.stdout, "\n"), "\n")
	require.Len(t, lines, n)
	for i, line := range lines {
		var v map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &v), "line %d", i+1)
		if l, ok := bad[i]; ok {
			assert.Equal(t, float64(i), v["index"])
			assert.Equal(t, fmt.Sprintf("%s:%d", path, l), v["source"])
		} else {
			assert.Equal(t, fmt.Sprintf("p%d", i), v["person"])
		}
	}
}

// mentorJSON is a mentor at L5, L7 or L8 with placed mentees in USD, EUR
// and JPY, some placements ended early.
func mentorJSON(i int) string {
	level := []string{"L5", "L7", "L8"}[i%3]
	var mentees []string
	for j, cur := range []struct{ rate, currency string }{{"5200.00", "USD"}, {"4100.50", "EUR"}, {"812345", "JPY"}} {
		if (i+j)%4 == 3 {
			continue
		}
		placed := time.Date(2024, time.Month(1+(i*5+j*3)%12), 1+(i+j)%28, 0, 0, 0, 0, time.UTC)
		until := ""
		if (i+j)%5 == 0 {
			until = fmt.Sprintf(", \"until\": %q", ladder.AddMonths(placed, 4).Format(time.DateOnly))
		}
		mentees = append(mentees, fmt.Sprintf(`{"id": "m%d-%d", "level": "L2", "from_level": "L1", "since": "2023-06-01", "until": "2025-06-01", "advanced": true, `+
			`"placement": {"date": %q, "monthly_rate": %q, "currency": %q%s}}`, i, j, placed.Format(time.DateOnly), cur.rate, cur.currency, until))
	}
	return fmt.Sprintf(`{"id": "mentor%d", "level": %q, "level_since": "2023-01-02", "joined": "2015-01-05", "mentees": [%s]}`,
		i, level, strings.Join(mentees, ", "))
}

func TestPayrollSheetAgreesWithReports(t *testing.T) {
	var b strings.Builder
	for i := range 60 {
		b.WriteString(mentorJSON(i) + "\n")
	}
	path := filepath.Join(t.TempDir(), "mentors.jsonl")
	require.NoError(t, os.WriteFile(path, []byte(b.String()), 0o644))
	asOf, err := ladder.ParseDate(at)
	require.NoError(t, err)

	// What the reports say: every month of every schedule, by the month its
	// period ends in, and the reports' own totals.
	wantByMonth := map[string]map[string]int64{}
	wantAll := map[string]int64{}
	for p, err := range ladder.ReadPeople(strings.NewReader(b.String())) {
		require.NoError(t, err)
		r, err := ladder.Evaluate(p, ladder.At(asOf))
		require.NoError(t, err)
		for _, m := range append(r.Totals, r.Upcoming...) {
			wantAll[m.Currency] += m.Amount
		}
		for _, f := range r.Referrals {
			for i, m := range f.Schedule() {
				if m.Status == "forfeited" {
					continue
				}
				month := ladder.AddMonths(f.Start, i+1).Format("2006-01")
				if wantByMonth[month] == nil {
					wantByMonth[month] = map[string]int64{}
				}
				wantByMonth[month][m.Amount.Currency] += m.Amount.Amount
			}
		}
	}
	require.Len(t, wantAll, 3, "USD, EUR and JPY")

	gotAll := map[string]int64{}
	paid := 0 // months with rows
	for month := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC); month.Year() < 2027; month = month.AddDate(0, 1, 0) {
		due := month.Format("2006-01")
		got := runLadder(t, "", "referrals", "--at", at, "--due", due, "--format", "csv", path)
		require.Equal(t, exitOK, got.code, got.stderr)
		rows, err := csv.NewReader(strings.NewReader(got.stdout)).ReadAll()
		require.NoError(t, err)
		require.Equal(t, payrollHeader, rows[0])
		sheet := map[string]int64{}
		for _, row := range rows[1:] {
			m, err := ladder.ParseMoney(row[3], row[2])
			require.NoError(t, err, "amount %q is a plain decimal", row[3])
			sheet[m.Currency] += m.Amount
			gotAll[m.Currency] += m.Amount
		}
		if len(rows) > 1 {
			paid++
		}
		want := wantByMonth[due]
		if want == nil {
			want = map[string]int64{}
		}
		assert.Equal(t, want, sheet, due)

		// The JSON totals agree with the CSV rows.
		got = runLadder(t, "", "referrals", "--at", at, "--due", due, "--format", "json", path)
		var sheetJSON struct {
			Totals []ladder.Money `json:"totals"`
		}
		require.NoError(t, json.Unmarshal([]byte(got.stdout), &sheetJSON), got.stdout)
		totals := map[string]int64{}
		for _, m := range sheetJSON.Totals {
			totals[m.Currency] = m.Amount
		}
		assert.Equal(t, want, totals, due)
	}
	assert.Greater(t, paid, 20)
	for _, cur := range []string{"USD", "EUR", "JPY"} {
		assert.Positive(t, gotAll[cur], cur)
	}
	assert.Equal(t, wantAll, gotAll, "the sheets of every month sum to the reports' earned and still to come, to the cent")
}

func TestManyReportsStreamWithoutTheTable(t *testing.T) {
	const n = bufferedPeople + 100
	path, bad := writeStream(t, n)
	got := runLadder(t, "", "evaluate", "--at", at, path)
	assert.Equal(t, exitInvalid, got.code)
	assert.NotContains(t, got.stdout, "Blocked by", "no summary table past the buffer")
	assert.Equal(t, n-len(bad), strings.Count(got.stdout, " · as of 2026-11-20\n"), "a report per valid record")
	assert.Contains(t, got.stderr, "the reports follow as they are ready, without the summary table (use --summary for it)")

	// JSON: one array, reports and error objects in input order.
	got = runLadder(t, "", "evaluate", "--at", at, "--format", "json", path)
	var all []map[string]any
	require.NoError(t, json.Unmarshal([]byte(got.stdout), &all))
	require.Len(t, all, n)
	for i, v := range all {
		if _, ok := bad[i]; ok {
			assert.Equal(t, float64(i), v["index"])
			assert.NotEmpty(t, v["errors"])
		} else {
			assert.Equal(t, fmt.Sprintf("p%d", i), v["person"])
		}
	}
}

// TestProgressClearedBeforeProblems: on a terminal, a problem line or a
// row of output first takes the progress line off the screen, so neither
// is printed over it or after it on the same line.
func TestProgressClearedBeforeProblems(t *testing.T) {
	var term bytes.Buffer // stands for the terminal both streams go to
	s := &session{stderr: &term}
	long := time.Now().Add(-time.Hour)
	s.prog = &progress{w: &term, start: long, last: long}
	tick := func() {
		s.prog.last = long
		for range 1024 {
			s.prog.add()
		}
	}
	tick()
	require.Regexp(t, `^\r1024 people, \d+/s $`, term.String())
	s.reportProblem(evaluated{file: "people.jsonl", line: 7, err: errors.New("broken")})
	assert.True(t, strings.HasSuffix(term.String(), " \r\x1b[Kpeople.jsonl:7: broken\n"), "%q", term.String())

	tick()
	out := progressClearer{&term, s}
	_, err := out.Write([]byte("a row\n"))
	require.NoError(t, err)
	assert.True(t, strings.HasSuffix(term.String(), "/s \r\x1b[Ka row\n"), "%q", term.String())

	before := term.Len()
	s.reportProblem(evaluated{file: "people.jsonl", line: 9, err: errors.New("broken")})
	assert.Equal(t, "people.jsonl:9: broken\n", term.String()[before:], "nothing to clear when no line is shown")
	s.prog.done()
	assert.Equal(t, before+len("people.jsonl:9: broken\n"), term.Len())
}

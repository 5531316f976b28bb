package workbook

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// Book is a workbook opened for reading, one sheet at a time.
type Book struct {
	f *excelize.File
}

// Open reads a workbook (.xlsx). Sheets larger than a few MiB are unzipped
// to temporary files rather than kept in memory, so reading a large sheet
// row by row keeps memory flat; Close removes them.
func Open(r io.Reader) (*Book, error) {
	f, err := excelize.OpenReader(r, excelize.Options{UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		return nil, fmt.Errorf("not a readable .xlsx workbook: %w", err)
	}
	return &Book{f: f}, nil
}

// Close releases the workbook and its temporary files.
func (b *Book) Close() error { return b.f.Close() }

// Sheets lists the workbook's sheets in order.
func (b *Book) Sheets() []string { return b.f.GetSheetList() }

// Rows calls yield with each row of sheet that holds a cell, with its row
// number from 1 and its cells as stored: text as text, numbers (dates
// among them) as Excel writes them ("45300", "0.74"), booleans as "1" or
// "0". It stops when yield returns false.
func (b *Book) Rows(sheet string, yield func(row int, cells []string) bool) error {
	rows, err := b.f.Rows(sheet)
	if err != nil {
		return err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return fmt.Errorf("row %d: %w", n, err)
		}
		if len(cells) == 0 {
			continue
		}
		if !yield(n, cells) {
			return nil
		}
	}
	return rows.Error()
}

// Date reads a cell that holds a date as Excel stores it, a serial number
// of days (the 1900 date system), as a civil date. ok is false when the
// cell is not such a number.
func Date(cell string) (t time.Time, ok bool) {
	if cell == "" || strings.ContainsAny(cell, "-/ ") {
		return time.Time{}, false
	}
	f, err := strconv.ParseFloat(cell, 64)
	if err != nil || f < 1 || f > 2958465 || math.IsNaN(f) { // 9999-12-31
		return time.Time{}, false
	}
	t, err = excelize.ExcelDateToTime(math.Floor(f), false)
	if err != nil {
		return time.Time{}, false
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), true
}

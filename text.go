package ladder

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// textBuf accumulates every string of one report in a single buffer. Each
// piece is a substring of it, so a report's details cost one allocation
// rather than one per check. Bytes once written are never changed (a
// strings.Builder only appends), so the substrings stay valid.
type textBuf struct {
	b       strings.Builder
	scratch [24]byte
}

// mark returns the position where the next piece starts.
func (t *textBuf) mark() int { return t.b.Len() }

// since returns the text written since mark m.
func (t *textBuf) since(m int) string { return t.b.String()[m:] }

func (t *textBuf) str(s string) *textBuf {
	t.b.WriteString(s)
	return t
}

// joined is f of each x, separated by sep.
func joined[T any](xs []T, sep string, f func(T) string) string {
	var b strings.Builder
	for i, x := range xs {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(f(x))
	}
	return b.String()
}

// list writes n items, each by item, separated by ", "; "none" when n is 0.
func (t *textBuf) list(n int, item func(i int)) {
	if n == 0 {
		t.str("none")
		return
	}
	for i := range n {
		if i > 0 {
			t.str(", ")
		}
		item(i)
	}
}

func (t *textBuf) int(n int) *textBuf {
	t.b.Write(strconv.AppendInt(t.scratch[:0], int64(n), 10))
	return t
}

// count writes "1 month" or "3 months".
func (t *textBuf) count(n int, one, many string) *textBuf {
	t.int(n).str(" ")
	if n == 1 {
		return t.str(one)
	}
	return t.str(many)
}

// date writes d as YYYY-MM-DD.
func (t *textBuf) date(d time.Time) *textBuf {
	y, m, day := d.Date()
	if y < 0 || y > 9999 {
		return t.str(d.Format(time.DateOnly))
	}
	s := t.scratch[:10]
	s[0], s[1], s[2], s[3] = byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10)
	s[4], s[7] = '-', '-'
	s[5], s[6] = byte('0'+m/10), byte('0'+m%10)
	s[8], s[9] = byte('0'+day/10), byte('0'+day%10)
	t.b.Write(s)
	return t
}

// value writes a rule input as people read it: 74% for a percent, yes or
// no for a bool.
func (t *textBuf) value(typ MetricType, v any) *textBuf {
	switch x := v.(type) {
	case bool:
		if x {
			return t.str("yes")
		}
		return t.str("no")
	case int:
		return t.int(x)
	case float64:
		if typ == MetricPercent {
			t.b.Write(strconv.AppendFloat(t.scratch[:0], roundPercent(x), 'f', -1, 64))
			return t.str("%")
		}
		t.b.Write(strconv.AppendFloat(t.scratch[:0], x, 'f', -1, 64))
		return t
	}
	return t.str("?")
}

// roundPercent turns a fraction into a percent rounded to two decimals:
// 0.705 is 70.5.
func roundPercent(f float64) float64 { return math.Round(f*10000) / 100 }

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

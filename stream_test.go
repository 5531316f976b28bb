package ladder_test

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ladderkit/ladder"
	"github.com/ladderkit/ladder/internal/reporttest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// jsonLine is person i of a generated stream as one JSON line.
func jsonLine(i int, level string) string {
	return fmt.Sprintf(`{"id": "p%d", "level": %q, "level_since": "2021-%02d-01", "joined": "2015-01-01", `+
		`"metrics": {"products_owned": %d, "feature_hit_rate": 0.%02d}}`, i, level, 1+i%12, i%3, i%100)
}

// brokenStream is a JSON Lines stream of n records with a blank line every
// 50 records, a broken line where i%97 == 13 and an unknown level where
// i%89 == 5. It returns the stream and, by index, the line of each bad record.
func brokenStream(n int) (string, map[int]int, map[int]bool) {
	var b strings.Builder
	bad, unknownLevel := map[int]int{}, map[int]bool{}
	line := 0
	for i := range n {
		if i%50 == 0 {
			b.WriteString("\n")
			line++
		}
		line++
		switch {
		case i%97 == 13:
			fmt.Fprintf(&b, `{"id": "p%d", "level": "L3", "joined": `+"\n", i)
			bad[i] = line
		case i%89 == 5:
			b.WriteString(jsonLine(i, "L99") + "\n")
			bad[i], unknownLevel[i] = line, true
		default:
			b.WriteString(jsonLine(i, []string{"L2", "L4", "L7"}[i%3]) + "\n")
		}
	}
	return b.String(), bad, unknownLevel
}

func TestEvaluateStreamBrokenLines(t *testing.T) {
	const n = 3000
	stream, bad, unknownLevel := brokenStream(n)
	require.NotEmpty(t, bad)
	i := 0
	for r := range ladder.Default().EvaluateStream(ladder.ReadPeople(strings.NewReader(stream)), batchDate) {
		require.Equal(t, i, r.Index)
		if line, ok := bad[i]; ok {
			require.Error(t, r.Err, "record %d", i)
			assert.Nil(t, r.Report)
			assert.Equal(t, line, r.Line, "record %d", i)
			var pes ladder.ProfileErrors
			require.ErrorAs(t, r.Err, &pes)
			assert.Equal(t, line, pes[0].Line, "record %d: %v", i, r.Err)
			if unknownLevel[i] {
				assert.ErrorIs(t, r.Err, ladder.ErrUnknownLevel)
				assert.Equal(t, "level", pes[0].Path)
				assert.Equal(t, len(`{"id": "p5", "level": `)+len(fmt.Sprint(i))-len("5")+1, pes[0].Column, "%v", r.Err)
			}
		} else {
			require.NoError(t, r.Err, "record %d", i)
			assert.Equal(t, fmt.Sprintf("p%d", i), r.Report.Person)
		}
		i++
	}
	assert.Equal(t, n, i)
}

func TestEvaluateStreamStopsEarly(t *testing.T) {
	stream, _, _ := brokenStream(20000)
	r := &countingReader{r: strings.NewReader(stream)}
	n := 0
	for range ladder.Default().EvaluateStream(ladder.ReadPeople(r), batchDate) {
		n++
		if n == 700 {
			break
		}
	}
	assert.Equal(t, 700, n)
	read := r.n.Load()
	assert.Less(t, read, int64(len(stream)/4), "reading stopped soon after the consumer did")
	time.Sleep(50 * time.Millisecond)
	assert.Equal(t, read, r.n.Load(), "nothing read once the iteration has returned")
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// streamResults reads and evaluates a stream and returns, per record, the
// person id or the error.
func streamResults(t *testing.T, stream string) []string {
	t.Helper()
	var out []string
	for r := range ladder.Default().EvaluateStream(ladder.ReadPeople(strings.NewReader(stream)), batchDate) {
		if r.Err != nil {
			out = append(out, fmt.Sprintf("line %d: %v", r.Line, strings.ReplaceAll(r.Err.Error(), "\n", " | ")))
			continue
		}
		out = append(out, fmt.Sprintf("line %d: %s %s", r.Line, r.Report.Person, r.Report.Level))
	}
	return out
}

func TestReadPeopleFormats(t *testing.T) {
	tests := []struct {
		name, stream string
		want         []string
	}{{
		name: "YAML stream",
		stream: "# the team\nid: a\nlevel: L2\n---\n\n---\nid: b\nlevel: L99\n--- # three\nid: c\nlevel: [\n...\nid: d\nlevel: L4\n" +
			"metrics: {products_owned: x}\n",
		want: []string{
			"line 1: a L2",
			"line 7: 8:8: level: unknown level \"L99\" (did you mean L9?)",
			"line 10: 11:8: invalid YAML: sequence end token ']' not found",
			"line 13: 15:27: metrics.products_owned: want a whole number, got \"x\"",
		},
	}, {
		name: "CSV",
		stream: "id,name,level,level_since,joined,roles,checklist,metrics.products_owned,metrics.feature_hit_rate\n" +
			"a,Ann,L4,2022-01-01,2015-01-01,,client-adopted-alternative; data-driven-descope,2,0.74\n" +
			"\n" +
			"b,,L99,,,,,,\n" +
			"c,,L4,2022-13-01,,,,,\n" +
			",Nobody,L4,,,,,,\n" +
			"d,\"Dee, quoted\",L2,,,,,1,\n" +
			"e,short,L2\n" +
			"f,,L4,,,,,,74%\n",
		want: []string{
			"line 2: a L4",
			"line 4: 4:4 (level): level: unknown level \"L99\" (did you mean L9?)",
			"line 5: 5:7 (level_since): level_since: no such date \"2022-13-01\"",
			"line 6: 6:1 (id): id: missing required value",
			"line 7: d L2",
			"line 8: 8:1: row has 3 cells, the header has 9: write a cell for every column, empty when the value is not given",
			"line 9: f L4",
		},
	}, {
		name:   "CSV unknown column",
		stream: "id,level,metrics.products_owned,level_snce\na,L2,1,\n",
		want: []string{
			"line 1: 1:33: unknown column \"level_snce\" (did you mean level_since?) (want id, name, level, level_since, joined, roles, checklist, or metrics.<id>)",
		},
	}, {
		name:   "JSON array",
		stream: "  [{\"id\": \"a\", \"level\": \"L2\"}]\n",
		want:   []string{"line 1: 1:1: a JSON array of people: write one profile a line (JSON Lines) instead"},
	}, {
		name:   "empty",
		stream: "\n \n",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, streamResults(t, tt.stream))
		})
	}
}

func TestReadPeopleRecordLimit(t *testing.T) {
	long := `{"id": "big", "level": "L2", "name": "` + strings.Repeat("x", 1<<20) + `"}`
	for _, stream := range []string{
		jsonLine(0, "L2") + "\n" + long + "\n" + jsonLine(2, "L4") + "\n",
		"id: p0\nlevel: L2\n---\nid: big\nlevel: L2\nname: " + strings.Repeat("x", 1<<20) + "\n---\nid: p2\nlevel: L4\n",
	} {
		got := streamResults(t, stream)
		require.Len(t, got, 3)
		assert.Contains(t, got[0], "p0 L2")
		assert.Regexp(t, `^line \d: \d:1: record is over the limit of 1048576 bytes$`, got[1])
		assert.Contains(t, got[2], "p2 L4")
	}
}

func TestReadPeopleMatchesParsePerson(t *testing.T) {
	for i := range 20 {
		line := jsonLine(i, "L4")
		want, err := ladder.ParsePerson([]byte(line))
		require.NoError(t, err)
		for got, err := range ladder.ReadPeople(strings.NewReader(line)) {
			require.NoError(t, err)
			wr, err := ladder.Default().Evaluate(want, batchDate)
			require.NoError(t, err)
			gr, err := ladder.Default().Evaluate(got, batchDate)
			require.NoError(t, err)
			assert.Equal(t, reporttest.Comparable(wr), reporttest.Comparable(gr))
		}
	}
}

type failingReader struct{ data *strings.Reader }

func (f failingReader) Read(p []byte) (int, error) {
	n, err := f.data.Read(p)
	if err != nil {
		return n, errors.New("disk on fire")
	}
	return n, nil
}

func TestReadPeopleReadError(t *testing.T) {
	got := []string{}
	for p, err := range ladder.ReadPeople(failingReader{strings.NewReader(jsonLine(0, "L2") + "\n")}) {
		if err != nil {
			got = append(got, err.Error())
		} else {
			got = append(got, p.ID)
		}
	}
	assert.Equal(t, []string{"p0", "2:1: reading the stream: disk on fire"}, got)
}

// A read that fails part way through a record never yields the part that
// arrived as a profile: a YAML document or a JSON line cut off by the error.
func TestReadPeopleReadErrorCutsNoRecord(t *testing.T) {
	for name, stream := range map[string]string{
		"yaml":  "id: a\nlevel: L2\n---\nid: b\nlevel: L2\nmetrics:\n",
		"jsonl": jsonLine(0, "L2") + "\n" + `{"id": "p1", "level": "L2"`,
	} {
		got := []string{}
		for p, err := range ladder.ReadPeople(failingReader{strings.NewReader(stream)}) {
			if err != nil {
				got = append(got, "error")
			} else {
				got = append(got, p.ID)
			}
		}
		assert.Len(t, got, 2, name)
		assert.Equal(t, "error", got[len(got)-1], name)
	}
}

func TestReadPeopleIndentedJSON(t *testing.T) {
	got := streamResults(t, "{\n  \"id\": \"a\",\n  \"level\": \"L2\"\n}\n")
	assert.Equal(t, []string{"line 1: a L2"}, got)
	got = streamResults(t, "{\"id\": \"a\",\n\"level\": \"L99\"}\n")
	assert.Equal(t, []string{"line 1: 2:10: level: unknown level \"L99\" (did you mean L9?)"}, got)
	got = streamResults(t, "{\"id\": \"a\", \"level\":\n"+jsonLine(1, "L2")+"\n")
	assert.Equal(t, []string{"line 1: 1:21: invalid JSON: the document ends where a value should follow", "line 2: p1 L2"}, got)
}

// endless is a reader of JSON Lines that never ends, counting what it gives.
type endless struct {
	n    int
	read int
	buf  []byte
}

func (e *endless) Read(p []byte) (int, error) {
	if len(e.buf) == 0 {
		e.buf = []byte(jsonLine(e.n, "L4") + "\n")
		e.n++
	}
	k := copy(p, e.buf)
	e.buf = e.buf[k:]
	e.read += k
	return k, nil
}

func TestEvaluateStreamReadsABoundedWindow(t *testing.T) {
	src := &endless{}
	n := 0
	for r := range ladder.Default().EvaluateStream(ladder.ReadPeople(src), batchDate) {
		require.NoError(t, r.Err)
		require.Equal(t, fmt.Sprintf("p%d", n), r.Report.Person)
		if n++; n == 3000 {
			break
		}
	}
	// Two stages (reading, evaluating) each hold at most 4 chunks of 64
	// people a core and two more chunks, plus the reader's 64 KiB buffer
	// (lines are over 100 bytes) and the line being read.
	assert.LessOrEqual(t, src.n-n, 2*(4*runtime.GOMAXPROCS(0)+2)*64+64<<10/100+1, "people read ahead of the results")
}

// FuzzReadPeople checks that no stream makes ReadPeople or EvaluateStream
// panic or hang, that every record is yielded once in order, and that every
// error carries a line in the stream.
func FuzzReadPeople(f *testing.F) {
	for _, seed := range []string{
		jsonLine(1, "L4") + "\n" + jsonLine(2, "L99") + "\n{\"id\": \n",
		"id: a\nlevel: L2\n---\nid: b\nlevel: [\n...\n",
		"id,level,metrics.products_owned\na,L7,2\nb,L7,\"x\n",
		"id,levl\n",
		"{\n\"id\": \"a\", \"level\": \"L2\"}\n",
		"[1]",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, stream string) {
		i := 0
		for r := range ladder.Default().EvaluateStream(ladder.ReadPeople(strings.NewReader(stream)), batchDate) {
			require.Equal(t, i, r.Index)
			i++
			if r.Err == nil {
				require.NotNil(t, r.Report)
				continue
			}
			var pes ladder.ProfileErrors
			require.ErrorAs(t, r.Err, &pes)
			for _, pe := range pes {
				require.Positive(t, pe.Line, "%v", r.Err)
			}
		}
	})
}

func TestReadPeopleCSVRecordLimit(t *testing.T) {
	stream := "id,level,name\na,L2,Ann\nb,L2,\"" + strings.Repeat("x", 1<<20+8<<10) + "\"\nc,L2,\n"
	got := streamResults(t, stream)
	assert.Equal(t, []string{"line 2: a L2", "line 3: 3:1: record is over the limit of 1048576 bytes"}, got,
		"a CSV record over the limit stops the stream: where the next row starts is unknown")
}

// TestReadPeopleLive: a stream still being written (a request body) yields
// its first record as soon as its line is whole, in every format.
func TestReadPeopleLive(t *testing.T) {
	for name, first := range map[string]string{
		"jsonl": jsonLine(0, "L2") + "\n",
		"csv":   "id,level\np0,L2\n",
	} {
		t.Run(name, func(t *testing.T) {
			pr, pw := io.Pipe()
			defer pw.Close()
			go io.WriteString(pw, first)
			got := make(chan string, 1)
			go func() {
				for p, err := range ladder.ReadPeople(pr) {
					if err == nil {
						got <- p.ID
					}
					return
				}
			}()
			select {
			case id := <-got:
				assert.Equal(t, "p0", id)
			case <-time.After(5 * time.Second):
				t.Fatal("the first record waited for more of the stream")
			}
		})
	}
}

package jsonform

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type inner struct {
	A string `json:"a"`
	B int    `json:"b,omitempty"`
	C bool   `json:"c"`
}

type outer struct {
	inner
	B    string    `json:"b"` // takes the place of inner's b
	When time.Time `json:"when,omitempty"`
	Day  time.Time `json:"day"`
	F    float64   `json:"f"`
	List []string  `json:"list"`
	Opt  []string  `json:"opt,omitempty"`
	Ptr  *inner    `json:"ptr"`
	Skip int       `json:"-"`
	Map  map[string]int
	priv int
}

type percent int

func (p percent) MarshalJSON() ([]byte, error) { return []byte(`"` + string(rune('0'+p)) + `%"`), nil }

type self struct {
	P percent `json:"p"`
	N int     `json:"n"`
}

func (s self) MarshalJSON() ([]byte, error) { return MarshalFields(s) }

// view writes itself other than by its fields.
type view struct {
	N int `json:"n"`
}

func (v view) MarshalJSON() ([]byte, error) { return []byte(`"view"`), nil }

func TestMarshalCallsTheMethod(t *testing.T) {
	got, err := Marshal(view{N: 1})
	require.NoError(t, err)
	assert.Equal(t, `"view"`, string(got))
	got, err = MarshalFields(view{N: 1})
	require.NoError(t, err)
	assert.Equal(t, `{"n":1}`, string(got))
	got, err = Marshal([]*view{{N: 1}, nil})
	require.NoError(t, err)
	assert.Equal(t, `["view",null]`, string(got))
}

func TestMarshal(t *testing.T) {
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		v    any
		want string
	}{
		{"zero struct", outer{}, `{"a":"","b":"","c":false,"day":"","f":0,"list":[],"ptr":null,"Map":null}`},
		{"filled", outer{inner: inner{A: "x<y>&z", B: 3, C: true}, B: "b", When: day, Day: day, F: 0.5,
			List: []string{"1"}, Opt: []string{"2"}, Ptr: &inner{A: "p"}, Skip: 9, Map: map[string]int{"k": 1}, priv: 1},
			`{"a":"x<y>&z","b":"b","c":true,"when":"2026-03-01","day":"2026-03-01","f":0.5,"list":["1"],"opt":["2"],"ptr":{"a":"p","c":false},"Map":{"k":1}}`},
		{"NaN is null", outer{F: math.NaN()}, `{"a":"","b":"","c":false,"day":"","f":null,"list":[],"ptr":null,"Map":null}`},
		{"Inf is null", []float64{math.Inf(1), math.Inf(-1), 1e21, 1e-7, 123.25}, `[null,null,1e+21,1e-7,123.25]`},
		{"nil slice", []int(nil), `[]`},
		{"nil", nil, `null`},
		{"own method skipped, nested called", self{P: 6, N: 2}, `{"p":"6%","n":2}`},
		{"nested self", []self{{P: 1}}, `[{"p":"1%","n":0}]`},
		{"pointer", &inner{A: "q"}, `{"a":"q","c":false}`},
		{"escapes", "tab\t\"q\" \\ \x01 \u2028 é \xff", `"tab\t\"q\" \\ \u0001 \u2028 é \ufffd"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := MarshalFields(tt.v)
			require.NoError(t, err)
			assert.Equal(t, tt.want, string(got))
			assert.True(t, json.Valid(got), "invalid JSON: %s", got)
		})
	}
}

type failing struct{}

func (failing) MarshalJSON() ([]byte, error) { return nil, assert.AnError }

func TestMarshalError(t *testing.T) {
	_, err := Marshal(struct {
		F failing `json:"f"`
	}{})
	require.ErrorIs(t, err, assert.AnError)
	assert.Contains(t, err.Error(), "jsonform.failing")
}

// encodingJSON is what encoding/json writes for v without HTML escaping.
func encodingJSON(t *testing.T, v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	require.NoError(t, enc.Encode(v))
	return strings.TrimSuffix(b.String(), "\n")
}

// FuzzMarshalScalars compares strings and numbers with encoding/json.
func FuzzMarshalScalars(f *testing.F) {
	f.Add("plain", 1.5, int64(-3))
	f.Add("<&>\u2028\u2029\x00\x7f\xc3", 1e-7, int64(1)<<62)
	f.Add("\"\\/\b\f\n\r\t", 1e21, int64(0))
	f.Add("", 0.000001, int64(-1)<<63)
	f.Fuzz(func(t *testing.T, s string, x float64, n int64) {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return
		}
		v := struct {
			S string  `json:"s"`
			X float64 `json:"x"`
			F float32 `json:"f"`
			N int64   `json:"n"`
		}{s, x, float32(x), n}
		if math.IsInf(float64(v.F), 0) {
			v.F = 0
		}
		got, err := MarshalFields(v)
		require.NoError(t, err)
		require.Equal(t, encodingJSON(t, v), string(got))
	})
}

var indentCases = []string{
	`{}`, `[]`, `{"a":{}}`, `{"a":[]}`, `[[],{},[[]]]`, `{"a":1,"b":[1,2,{"c":null}]}`,
	`"x"`, `12`, `true`, `{"a\"b":"c\\","d":"\\\"","e":"{[,:]}"}`, `{"x":"\u2028 é"}`,
	`[{"a":[{"b":{"c":[1]}}]}]`,
}

func TestIndent(t *testing.T) {
	for _, doc := range indentCases {
		var want bytes.Buffer
		require.NoError(t, json.Indent(&want, []byte(doc), "", "  "))
		assert.Equal(t, want.String(), string(Indent(nil, []byte(doc))))
	}
}

// FuzzIndent compares Indent with json.Indent on compact JSON.
func FuzzIndent(f *testing.F) {
	for _, c := range indentCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var compact bytes.Buffer
		if json.Compact(&compact, data) != nil {
			return
		}
		var want bytes.Buffer
		require.NoError(t, json.Indent(&want, compact.Bytes(), "", "  "))
		if got := Indent(nil, compact.Bytes()); !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("Indent(%q)\n got %q\nwant %q", compact.Bytes(), got, want.Bytes())
		}
	})
}

type named struct {
	Name string `json:"name"`
	Deep string // untagged, as in other: they clash on "Deep"
}

type other struct {
	Deep string
}

type ptrMethod struct{ N int }

func (p *ptrMethod) MarshalJSON() ([]byte, error) { return []byte(`"ptr"`), nil }

type zeroer struct{ N int }

func (z zeroer) IsZero() bool { return z.N < 0 }

// Where jsonform agrees with encoding/json, it writes the same bytes.
func TestMarshalAsEncodingJSON(t *testing.T) {
	var nilMarshaler json.Marshaler
	tests := []struct {
		name string
		v    any
	}{
		{"outer field first wins over an embedded one", struct {
			Name string `json:"name"`
			named
		}{"outer", named{"inner", "d"}}},
		{"clash at one depth: neither", struct {
			named
			other
		}{named{"n", "a"}, other{"b"}}},
		{"pointer method, addressable in a slice", []ptrMethod{{1}, {2}}},
		{"pointer method, addressable field", &struct {
			P ptrMethod `json:"p"`
		}{ptrMethod{1}}},
		{"interfaces", struct {
			A any            `json:"a"`
			B any            `json:"b"`
			C json.Marshaler `json:"c"`
			D any            `json:"d"`
		}{A: 1.5, B: nil, C: nilMarshaler, D: []int{1}}},
		{"bytes", struct {
			B []byte `json:"b"`
			N []byte `json:"n"`
		}{B: []byte("hi\x00"), N: nil}},
		{"omitzero", struct {
			Z  zeroer    `json:"z,omitzero"`
			K  zeroer    `json:"k,omitzero"`
			T  time.Time `json:"t,omitzero"`
			I  int       `json:"i,omitzero"`
			P  *int      `json:"p,omitzero"`
			S  []int     `json:"s,omitzero"`
			St struct{}  `json:"st,omitzero"`
		}{Z: zeroer{-1}, K: zeroer{0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Marshal(tt.v)
			require.NoError(t, err)
			assert.Equal(t, encodingJSON(t, tt.v), string(got))
		})
	}
}

// Interfaces hold values written the jsonform way: a date, NaN as null.
func TestMarshalInterfaces(t *testing.T) {
	got, err := Marshal([]any{time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), math.NaN(), nil})
	require.NoError(t, err)
	assert.Equal(t, `["2026-03-01",null,null]`, string(got))
}

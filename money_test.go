package ladder

import (
	"encoding/json"
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// parseMoneyCase is one case of TestParseMoney; reason explains the
// non-obvious ones.
type parseMoneyCase struct {
	name             string
	amount, currency string
	want             Money
	wantErr          string
	reason           string
}

// parseMoneyCases is shared by TestParseMoney and the FuzzMoney seed corpus.
var parseMoneyCases = []parseMoneyCase{
	{name: "whole", amount: "12000", currency: "USD", want: Money{1200000, "USD"}},
	{name: "one decimal", amount: "12000.5", currency: "USD", want: Money{1200050, "USD"}},
	{name: "two decimals", amount: "12000.50", currency: "USD", want: Money{1200050, "USD"}},
	{name: "one cent", amount: "0.01", currency: "USD", want: Money{1, "USD"}},
	{name: "zero", amount: "0", currency: "USD", want: Money{0, "USD"}},
	{name: "zero cents", amount: "0.00", currency: "EUR", want: Money{0, "EUR"}},
	{name: "leading zeros", amount: "007.5", currency: "GBP", want: Money{750, "GBP"}},
	{name: "yen", amount: "1800", currency: "JPY", want: Money{1800, "JPY"}},
	{name: "won", amount: "1000000", currency: "KRW", want: Money{1000000, "KRW"}},
	{name: "dinar three places", amount: "1.500", currency: "KWD", want: Money{1500, "KWD"}},
	{name: "dinar one place", amount: "1.5", currency: "BHD", want: Money{1500, "BHD"}},
	{name: "four places", amount: "1.2345", currency: "CLF", want: Money{12345, "CLF"}},
	{name: "new code", amount: "5", currency: "XCG", want: Money{500, "XCG"}, reason: "XCG replaced ANG in 2025"},
	{name: "max USD", amount: "92233720368547758.07", currency: "USD", want: Money{math.MaxInt64, "USD"}},
	{name: "max JPY", amount: "9223372036854775807", currency: "JPY", want: Money{math.MaxInt64, "JPY"}},
	{name: "max KWD", amount: "9223372036854775.807", currency: "KWD", want: Money{math.MaxInt64, "KWD"}},

	{name: "negative", amount: "-5", currency: "USD", wantErr: `amount "-5" is negative`},
	{name: "negative fraction", amount: "-0.50", currency: "USD", wantErr: `amount "-0.50" is negative`},
	{name: "grouped", amount: "12,000", currency: "USD", wantErr: `invalid amount "12,000": want digits with an optional decimal point`},
	{name: "exponent", amount: "1e3", currency: "USD", wantErr: `invalid amount "1e3": want digits with an optional decimal point`},
	{name: "leading space", amount: " 12", currency: "USD", wantErr: `invalid amount " 12": want digits with an optional decimal point`},
	{name: "trailing space", amount: "12 ", currency: "USD", wantErr: `invalid amount "12 ": want digits with an optional decimal point`},
	{name: "trailing point", amount: "12.", currency: "USD", wantErr: `invalid amount "12.": want digits with an optional decimal point`},
	{name: "leading point", amount: ".5", currency: "USD", wantErr: `invalid amount ".5": want digits with an optional decimal point`},
	{name: "two points", amount: "1.2.3", currency: "USD", wantErr: `invalid amount "1.2.3": want digits with an optional decimal point`},
	{name: "plus sign", amount: "+5", currency: "USD", wantErr: `invalid amount "+5": want digits with an optional decimal point`},
	{name: "minus only", amount: "-", currency: "USD", wantErr: `invalid amount "-": want digits with an optional decimal point`},
	{name: "double minus", amount: "--5", currency: "USD", wantErr: `invalid amount "--5": want digits with an optional decimal point`},
	{name: "hex", amount: "0x10", currency: "USD", wantErr: `invalid amount "0x10": want digits with an optional decimal point`},
	{name: "fullwidth digits", amount: "１２", currency: "USD", wantErr: `invalid amount "１２": want digits with an optional decimal point`},
	{name: "currency sign", amount: "$12", currency: "USD", wantErr: `invalid amount "$12": want digits with an optional decimal point`},
	{name: "NaN", amount: "NaN", currency: "USD", wantErr: `invalid amount "NaN": want digits with an optional decimal point`},
	{name: "empty amount", amount: "", currency: "USD", wantErr: `missing amount`},
	{name: "amount checked first", amount: "1,0", currency: "usd", wantErr: `invalid amount "1,0": want digits with an optional decimal point`},
	{name: "too many places", amount: "1.005", currency: "USD", wantErr: `amount "1.005" has 3 decimal places, USD allows 2`},
	{name: "trailing zero place", amount: "1.000", currency: "USD", wantErr: `amount "1.000" has 3 decimal places, USD allows 2`, reason: "places are counted as written, like ParsePercent"},
	{name: "yen fraction", amount: "5.5", currency: "JPY", wantErr: `amount "5.5" has 1 decimal place, JPY allows 0`},
	{name: "yen zero fraction", amount: "5.0", currency: "JPY", wantErr: `amount "5.0" has 1 decimal place, JPY allows 0`},
	{name: "dinar four places", amount: "1.0005", currency: "KWD", wantErr: `amount "1.0005" has 4 decimal places, KWD allows 3`},
	{name: "unknown currency", amount: "5", currency: "USX", wantErr: `unknown currency "USX"`},
	{name: "missing currency", amount: "5", currency: "", wantErr: `missing currency`},
	{name: "lower-case currency", amount: "5", currency: "usd", wantErr: `unknown currency "usd" (did you mean USD?)`},
	{name: "mixed-case currency", amount: "5", currency: "Eur", wantErr: `unknown currency "Eur" (did you mean EUR?)`},
	{name: "padded currency", amount: "5", currency: " USD", wantErr: `unknown currency " USD" (did you mean USD?)`},
	{name: "two letters", amount: "5", currency: "US", wantErr: `unknown currency "US"`},
	{name: "withdrawn lev", amount: "5", currency: "BGN", wantErr: `unknown currency "BGN"`, reason: "Bulgaria adopted the euro on 2026-01-01"},
	{name: "withdrawn guilder", amount: "5", currency: "ANG", wantErr: `unknown currency "ANG"`},
	{name: "withdrawn kuna", amount: "5", currency: "HRK", wantErr: `unknown currency "HRK"`},
	{name: "gold", amount: "5", currency: "XAU", wantErr: `currency "XAU" has no minor unit and cannot hold money`},
	{name: "no currency code", amount: "5", currency: "XXX", wantErr: `currency "XXX" has no minor unit and cannot hold money`},
	{name: "lower-case gold", amount: "5", currency: "xau", wantErr: `unknown currency "xau"`},
	{name: "too large", amount: "99999999999999999999", currency: "USD", wantErr: `amount "99999999999999999999" is too large`},
	{name: "just over max USD", amount: "92233720368547758.08", currency: "USD", wantErr: `amount "92233720368547758.08" is too large`},
	{name: "just over max JPY", amount: "9223372036854775808", currency: "JPY", wantErr: `amount "9223372036854775808" is too large`},
	{name: "over max after scaling", amount: "92233720368547759", currency: "USD", wantErr: `amount "92233720368547759" is too large`},
	{name: "far too large", amount: "100000000000000000000000000000000000000000", currency: "JPY", wantErr: `amount "100000000000000000000000000000000000000000" is too large`},
}

func TestParseMoney(t *testing.T) {
	seen := map[string]bool{}
	for _, tt := range parseMoneyCases {
		require.NotEmpty(t, tt.name, "unnamed case")
		require.False(t, seen[tt.name], "duplicate case %q", tt.name)
		seen[tt.name] = true
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseMoney(tt.amount, tt.currency)
			if tt.wantErr != "" {
				require.EqualError(t, err, tt.wantErr, tt.reason)
				assert.Equal(t, Money{}, got)
				return
			}
			require.NoError(t, err, tt.reason)
			assert.Equal(t, tt.want, got, tt.reason)
		})
	}
}

func TestISO4217Table(t *testing.T) {
	assert.Len(t, iso4217MinorUnits, 178, "ISO 4217 list one, 2026-01-01")
	for code, exp := range iso4217MinorUnits {
		assert.Regexp(t, `^[A-Z]{3}$`, code)
		assert.Contains(t, []int8{-1, 0, 2, 3, 4}, exp, code)
	}
	for code, want := range map[string]int8{
		"USD": 2, "EUR": 2, "GBP": 2, "CHF": 2, "JPY": 0, "KRW": 0, "ISK": 0, "VND": 0,
		"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "LYD": 3, "IQD": 3,
		"CLF": 4, "UYW": 4, "ZWG": 2, "SLE": 2, "VED": 2, "XCG": 2, "XAU": -1, "XDR": -1,
	} {
		assert.Equal(t, want, iso4217MinorUnits[code], code)
	}
}

func TestMoneyFormat(t *testing.T) {
	tests := []struct {
		name        string
		m           Money
		wantString  string
		wantDecimal string
	}{
		{"zero value", Money{}, "0", "0"},
		{"zero dollars", Money{0, "USD"}, "USD 0.00", "0.00"},
		{"one cent", Money{1, "USD"}, "USD 0.01", "0.01"},
		{"ten cents", Money{10, "USD"}, "USD 0.10", "0.10"},
		{"999 cents", Money{999, "USD"}, "USD 9.99", "9.99"},
		{"999 dollars", Money{99999, "USD"}, "USD 999.99", "999.99"},
		{"1000 dollars", Money{100000, "USD"}, "USD 1,000.00", "1000.00"},
		{"1800 dollars", Money{180000, "USD"}, "USD 1,800.00", "1800.00"},
		{"100k dollars", Money{10000000, "EUR"}, "EUR 100,000.00", "100000.00"},
		{"a million", Money{100000000, "USD"}, "USD 1,000,000.00", "1000000.00"},
		{"max int64", Money{math.MaxInt64, "USD"}, "USD 92,233,720,368,547,758.07", "92233720368547758.07"},
		{"negative", Money{-180000, "USD"}, "USD -1,800.00", "-1800.00"},
		{"negative cent", Money{-1, "USD"}, "USD -0.01", "-0.01"},
		{"min int64", Money{math.MinInt64, "USD"}, "USD -92,233,720,368,547,758.08", "-92233720368547758.08"},
		{"yen zero", Money{0, "JPY"}, "JPY 0", "0"},
		{"yen 999", Money{999, "JPY"}, "JPY 999", "999"},
		{"yen 1800", Money{1800, "JPY"}, "JPY 1,800", "1800"},
		{"yen max", Money{math.MaxInt64, "JPY"}, "JPY 9,223,372,036,854,775,807", "9223372036854775807"},
		{"dinar", Money{1500, "KWD"}, "KWD 1.500", "1.500"},
		{"one fils", Money{1, "KWD"}, "KWD 0.001", "0.001"},
		{"dinar thousands", Money{1234567, "KWD"}, "KWD 1,234.567", "1234.567"},
		{"four places", Money{12345, "CLF"}, "CLF 1.2345", "1.2345"},
		{"unknown currency", Money{150, "XYZ"}, "XYZ 150", "150"},
		{"no minor unit", Money{5, "XAU"}, "XAU 5", "5"},
		{"no currency", Money{150, ""}, "150", "150"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.wantString, tt.m.String())
			assert.Equal(t, tt.wantDecimal, tt.m.Decimal())
		})
	}
}

func TestMoneyJSON(t *testing.T) {
	type placement struct {
		Rate   Money  `json:"rate"`
		Bonus  Money  `json:"bonus,omitzero"`
		Ptr    *Money `json:"ptr,omitempty"`
		Earned Money  `json:"earned"`
	}
	in := placement{Rate: Money{1200050, "USD"}, Ptr: &Money{1500, "KWD"}}
	data, err := json.Marshal(in)
	require.NoError(t, err)
	assert.Equal(t, `{"rate":{"amount":"12000.50","currency":"USD"},"ptr":{"amount":"1.500","currency":"KWD"},"earned":null}`, string(data))

	var out placement
	require.NoError(t, json.Unmarshal(data, &out))
	assert.Equal(t, in, out)

	for _, m := range []Money{{0, "USD"}, {1, "USD"}, {1800, "JPY"}, {math.MaxInt64, "USD"}, {math.MaxInt64, "KWD"}} {
		data, err := json.Marshal(m)
		require.NoError(t, err)
		var got Money
		require.NoError(t, json.Unmarshal(data, &got), string(data))
		assert.Equal(t, m, got)
	}

	t.Run("null leaves the value", func(t *testing.T) {
		m := Money{5, "USD"}
		require.NoError(t, json.Unmarshal([]byte(`null`), &m))
		assert.Equal(t, Money{5, "USD"}, m)
	})

	t.Run("marshal errors", func(t *testing.T) {
		_, err := json.Marshal(Money{5, "XYZ"})
		require.EqualError(t, err, `json: error calling MarshalJSON for type ladder.Money: unknown currency "XYZ"`)
		_, err = json.Marshal(Money{5, ""})
		require.EqualError(t, err, `json: error calling MarshalJSON for type ladder.Money: missing currency`)
	})

	unmarshalErrors := []struct {
		name, in, wantErr string
	}{
		{"number amount", `{"amount":1800,"currency":"USD"}`, `amount 1800 must be a string, e.g. "1800.00"`},
		{"bad amount", `{"amount":"1,800","currency":"USD"}`, `invalid amount "1,800": want digits with an optional decimal point`},
		{"negative amount", `{"amount":"-1","currency":"USD"}`, `amount "-1" is negative`},
		{"missing amount", `{"currency":"USD"}`, `missing amount`},
		{"null amount", `{"amount":null,"currency":"USD"}`, `missing amount`},
		{"missing currency", `{"amount":"1"}`, `missing currency`},
		{"lower-case currency", `{"amount":"1","currency":"usd"}`, `unknown currency "usd" (did you mean USD?)`},
		{"unknown key", `{"amount":"1","currency":"USD","rate":2}`, `invalid money: want {"amount": "1800.00", "currency": "USD"}: json: unknown field "rate"`},
		{"not an object", `"1800.00"`, `invalid money: want {"amount": "1800.00", "currency": "USD"}: json: cannot unmarshal string into Go value of type ladder.moneyJSON`},
		{"number currency", `{"amount":"1","currency":840}`, `invalid money: want {"amount": "1800.00", "currency": "USD"}: json: cannot unmarshal number into Go struct field moneyJSON.currency of type string`},
	}
	for _, tt := range unmarshalErrors {
		t.Run(tt.name, func(t *testing.T) {
			var m Money
			require.EqualError(t, json.Unmarshal([]byte(tt.in), &m), tt.wantErr)
			assert.Equal(t, Money{}, m)
		})
	}
}

func TestMoneyAdd(t *testing.T) {
	tests := []struct {
		name    string
		a, b    Money
		want    Money
		wantErr string
	}{
		{name: "same currency", a: Money{150, "USD"}, b: Money{250, "USD"}, want: Money{400, "USD"}},
		{name: "zero value left", a: Money{}, b: Money{250, "EUR"}, want: Money{250, "EUR"}},
		{name: "zero value right", a: Money{250, "EUR"}, b: Money{}, want: Money{250, "EUR"}},
		{name: "both zero values", a: Money{}, b: Money{}, want: Money{}},
		{name: "zero dollars is not the zero value", a: Money{0, "USD"}, b: Money{1, "EUR"}, wantErr: `cannot add EUR 0.01 to USD 0.00: currencies differ`},
		{name: "to max", a: Money{math.MaxInt64 - 1, "USD"}, b: Money{1, "USD"}, want: Money{math.MaxInt64, "USD"}},
		{name: "currency mismatch", a: Money{200, "USD"}, b: Money{100, "EUR"}, wantErr: `cannot add EUR 1.00 to USD 2.00: currencies differ`},
		{name: "overflow", a: Money{math.MaxInt64, "USD"}, b: Money{1, "USD"}, wantErr: `USD 92,233,720,368,547,758.07 + USD 0.01 overflows`},
		{name: "negative overflow", a: Money{math.MinInt64, "JPY"}, b: Money{-1, "JPY"}, wantErr: `JPY -9,223,372,036,854,775,808 + JPY -1 overflows`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.a.Add(tt.b)
			if tt.wantErr != "" {
				require.EqualError(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestParsePercent(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    Percent
		wantErr string
	}{
		{name: "whole", in: "6", want: 600},
		{name: "one decimal", in: "2.5", want: 250},
		{name: "two decimals", in: "2.55", want: 255},
		{name: "quarter", in: "0.25", want: 25},
		{name: "one basis point", in: "0.01", want: 1},
		{name: "hundred", in: "100", want: 10000},
		{name: "hundred with decimals", in: "100.00", want: 10000},
		{name: "zero", in: "0", want: 0},
		{name: "leading zeros", in: "007", want: 700},
		{name: "percent sign", in: "6%", want: 600},
		{name: "decimal percent sign", in: "2.5%", want: 250},

		{name: "three decimals", in: "2.555", wantErr: `percent "2.555" has more than 2 decimal places`},
		{name: "over 100", in: "150", wantErr: `percent "150" is over 100`},
		{name: "just over 100", in: "100.01", wantErr: `percent "100.01" is over 100`},
		{name: "huge", in: "99999999999999999999999999", wantErr: `percent "99999999999999999999999999" is over 100`},
		{name: "negative", in: "-5", wantErr: `percent "-5" is negative`},
		{name: "negative with sign", in: "-2.5%", wantErr: `percent "-2.5%" is negative`},
		{name: "empty", in: "", wantErr: `missing percent`},
		{name: "sign only", in: "%", wantErr: `invalid percent "%": want a number from 0 to 100 with at most 2 decimal places`},
		{name: "double sign", in: "6%%", wantErr: `invalid percent "6%%": want a number from 0 to 100 with at most 2 decimal places`},
		{name: "space before sign", in: "6 %", wantErr: `invalid percent "6 %": want a number from 0 to 100 with at most 2 decimal places`},
		{name: "exponent", in: "1e2", wantErr: `invalid percent "1e2": want a number from 0 to 100 with at most 2 decimal places`},
		{name: "leading point", in: ".5", wantErr: `invalid percent ".5": want a number from 0 to 100 with at most 2 decimal places`},
		{name: "trailing point", in: "5.", wantErr: `invalid percent "5.": want a number from 0 to 100 with at most 2 decimal places`},
		{name: "plus", in: "+5", wantErr: `invalid percent "+5": want a number from 0 to 100 with at most 2 decimal places`},
		{name: "fraction of one", in: "0.06", want: 6},
		{name: "arabic-indic digits", in: "٦", wantErr: `invalid percent "٦": want a number from 0 to 100 with at most 2 decimal places`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParsePercent(tt.in)
			if tt.wantErr != "" {
				require.EqualError(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestPercentString(t *testing.T) {
	tests := []struct {
		p    Percent
		want string
	}{
		{600, "6%"}, {250, "2.5%"}, {255, "2.55%"}, {25, "0.25%"}, {1, "0.01%"}, {10, "0.1%"},
		{0, "0%"}, {1000, "10%"}, {1050, "10.5%"}, {10000, "100%"}, {-250, "-2.5%"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.p.String())
	}
	for p := Percent(0); p <= 10000; p++ {
		got, err := ParsePercent(p.String())
		require.NoError(t, err)
		require.Equal(t, p, got)
	}
}

func TestPercentJSON(t *testing.T) {
	for _, p := range []Percent{0, 1, 250, 600, 755, 10000} {
		data, err := json.Marshal(p)
		require.NoError(t, err)
		assert.Equal(t, `"`+p.String()+`"`, string(data))
		var back Percent
		require.NoError(t, json.Unmarshal(data, &back))
		assert.Equal(t, p, back)
	}
	tests := []struct{ in, err string }{
		{`600`, `a percent in JSON is a string such as "6%", got 600`},
		{`6`, `got 6`},
		{`"101%"`, `100`},
		{`"6.555"`, `more than 2 decimal places`},
		{`true`, `got true`},
	}
	for _, tt := range tests {
		var p Percent
		err := json.Unmarshal([]byte(tt.in), &p)
		require.Error(t, err, tt.in)
		assert.Contains(t, err.Error(), tt.err, tt.in)
	}
	p := Percent(600)
	require.NoError(t, json.Unmarshal([]byte(`null`), &p))
	assert.Equal(t, Percent(600), p, "null leaves it as it is")
}

func TestMoneyCut(t *testing.T) {
	tests := []struct {
		name    string
		m       Money
		p       Percent
		want    int64
		wantErr string
	}{
		{name: "spec example", m: Money{1234, "USD"}, p: 250, want: 31}, // 30.85
		{name: "monthly rate", m: Money{1200000, "USD"}, p: 600, want: 72000},
		{name: "exactly half rounds up", m: Money{50, "USD"}, p: 100, want: 1},     // 0.5
		{name: "one and a half rounds up", m: Money{150, "USD"}, p: 100, want: 2},  // 1.5
		{name: "just below half", m: Money{49, "USD"}, p: 100, want: 0},            // 0.49
		{name: "just below one and a half", m: Money{149, "USD"}, p: 100, want: 1}, // 1.49
		{name: "one cent at half", m: Money{1, "USD"}, p: 5000, want: 1},           // 0.5
		{name: "one cent below half", m: Money{1, "USD"}, p: 4999, want: 0},        // 0.4999
		{name: "one basis point below half", m: Money{4999, "USD"}, p: 1, want: 0}, // 0.4999
		{name: "one basis point at half", m: Money{5000, "USD"}, p: 1, want: 1},    // 0.5
		{name: "yen", m: Money{1999, "JPY"}, p: 250, want: 50},                     // 49.975
		{name: "dinar", m: Money{1500, "KWD"}, p: 333, want: 50},                   // 49.95
		{name: "zero amount", m: Money{0, "USD"}, p: 600, want: 0},
		{name: "zero percent", m: Money{math.MaxInt64, "USD"}, p: 0, want: 0},
		{name: "hundred percent", m: Money{123456, "USD"}, p: 10000, want: 123456},
		{name: "max at hundred percent", m: Money{math.MaxInt64, "USD"}, p: 10000, want: math.MaxInt64},
		{name: "max at 99.99%", m: Money{math.MaxInt64, "USD"}, p: 9999, want: 9222449699651090329},
		{name: "max at half", m: Money{math.MaxInt64, "USD"}, p: 5000, want: 4611686018427387904},
		{name: "max at one basis point", m: Money{math.MaxInt64, "USD"}, p: 1, want: 922337203685478},
		{name: "negative at half", m: Money{-50, "USD"}, p: 100, want: -1},
		{name: "negative below half", m: Money{-49, "USD"}, p: 100, want: 0},
		{name: "min at hundred percent", m: Money{math.MinInt64, "USD"}, p: 10000, want: math.MinInt64},
		{name: "huge percent of a cent", m: Money{1, "USD"}, p: math.MaxInt64, want: 922337203685478},
		{name: "over hundred percent fits", m: Money{100, "USD"}, p: 20000, want: 200},
		{name: "over hundred percent overflows", m: Money{math.MaxInt64, "USD"}, p: 10001, wantErr: `cut of 100.01% of USD 92,233,720,368,547,758.07 overflows`},
		{name: "negated min overflows", m: Money{math.MinInt64, "USD"}, p: -10000, wantErr: `cut of -100% of USD -92,233,720,368,547,758.08 overflows`},
		{name: "128-bit quotient overflows", m: Money{math.MaxInt64, "JPY"}, p: math.MaxInt64, wantErr: `cut of 92233720368547758.07% of JPY 9,223,372,036,854,775,807 overflows`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.m.Cut(tt.p)
			if tt.wantErr != "" {
				require.EqualError(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, Money{tt.want, tt.m.Currency}, got)
		})
	}
}

// cutReference is m × bp / 10000 rounded half away from zero, computed with
// math/big.Rat, independently of Money.Cut.
func cutReference(amount int64, bp Percent) *big.Int {
	x := new(big.Rat).SetFrac(new(big.Int).Mul(big.NewInt(amount), big.NewInt(int64(bp))), big.NewInt(10000))
	neg := x.Sign() < 0
	x.Abs(x)
	x.Add(x, big.NewRat(1, 2))
	q := new(big.Int).Div(x.Num(), x.Denom()) // floor, as both are positive
	if neg {
		q.Neg(q)
	}
	return q
}

func TestMoneyProperties(t *testing.T) {
	var codes []string
	for code, exp := range iso4217MinorUnits {
		if exp >= 0 {
			codes = append(codes, code)
		}
	}
	slices.Sort(codes) // map order is random; keep the run deterministic
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 100_000; i++ {
		var amount int64
		switch r.IntN(4) {
		case 0:
			amount = r.Int64N(1_000_000)
		case 1:
			amount = r.Int64()
		case 2:
			amount = math.MaxInt64 - r.Int64N(1_000_000)
		case 3:
			amount = -r.Int64() - r.Int64N(2) // reaches math.MinInt64
		}
		p := Percent(r.Int64N(10001))
		m := Money{amount, codes[r.IntN(len(codes))]}

		got, err := m.Cut(p)
		require.NoError(t, err, "%v × %v", m, p)
		want := cutReference(amount, p)
		require.True(t, want.IsInt64(), "%v × %v", m, p)
		require.Equal(t, want.Int64(), got.Amount, "%v × %v", m, p)

		if amount < 0 {
			continue
		}
		back, err := ParseMoney(m.Decimal(), m.Currency)
		require.NoError(t, err, "%#v", m)
		require.Equal(t, m, back)
		data, err := json.Marshal(m)
		require.NoError(t, err)
		var fromJSON Money
		require.NoError(t, json.Unmarshal(data, &fromJSON), string(data))
		require.Equal(t, m, fromJSON)
	}
}

// FuzzMoney checks that ParseMoney never panics and that whatever it accepts
// formats back to text it parses to the same Money.
func FuzzMoney(f *testing.F) {
	for _, tt := range parseMoneyCases {
		f.Add(tt.amount, tt.currency)
	}
	f.Fuzz(func(t *testing.T, amount, currency string) {
		m, err := ParseMoney(amount, currency)
		if err != nil {
			return
		}
		if m.Amount < 0 || m.Currency != currency {
			t.Fatalf("ParseMoney(%q, %q) = %#v", amount, currency, m)
		}
		_ = m.String()
		back, err := ParseMoney(m.Decimal(), m.Currency)
		if err != nil || back != m {
			t.Fatalf("ParseMoney(%q, %q) = %#v; its Decimal %q parses to %#v, %v", amount, currency, m, m.Decimal(), back, err)
		}
	})
}

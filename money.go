package ladder

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"strconv"
	"strings"
)

// Money is an exact amount of one currency. Amount counts the currency's
// minor units (cents for USD, yen for JPY, fils for KWD); Currency is an
// active ISO 4217 code. Money never goes through a float.
//
// The zero Money, Money{}, means "no amount": it prints as "0", marshals to
// JSON null, and is the identity of [Money.Add], so a total can start from it.
type Money struct {
	Amount   int64  // minor units (cents)
	Currency string // ISO 4217 code
}

// ParseMoney parses an exact decimal amount of a currency: ParseMoney("12000.50",
// "USD") is 1200050 cents. The amount is ASCII digits, optionally followed by
// a decimal point and more digits, with at most as many decimal places as the
// currency has minor-unit digits: "12000", "12000.5" and "12000.50" are valid
// USD, "1.005" and "1.000" are not. Signs, exponents, grouping, spaces and
// negative amounts are rejected, and so is an amount that does not fit in an
// int64 of minor units. The currency must be an active ISO 4217 code with a
// minor unit, in upper case; a lower-case code gets a "did you mean" hint.
func ParseMoney(amount, currency string) (Money, error) {
	if amount == "" {
		return Money{}, errors.New("missing amount")
	}
	whole, frac, ok := splitDecimalText(amount)
	if !ok {
		if _, _, ok := splitDecimalText(strings.TrimPrefix(amount, "-")); ok {
			return Money{}, fmt.Errorf("amount %q is negative", amount)
		}
		return Money{}, fmt.Errorf("invalid amount %q: want digits with an optional decimal point", amount)
	}
	exp, err := currencyExponent(currency)
	if err != nil {
		return Money{}, err
	}
	if len(frac) > exp {
		places := "places"
		if len(frac) == 1 {
			places = "place"
		}
		return Money{}, fmt.Errorf("amount %q has %d decimal %s, %s allows %d", amount, len(frac), places, currency, exp)
	}
	// Append zeros so that the digits count minor units, then accumulate
	// with an overflow check on every step.
	digits := whole + frac + strings.Repeat("0", exp-len(frac))
	var v uint64
	for i := 0; i < len(digits); i++ {
		hi, lo := bits.Mul64(v, 10)
		lo, carry := bits.Add64(lo, uint64(digits[i]-'0'), 0)
		if hi != 0 || carry != 0 || lo > math.MaxInt64 {
			return Money{}, fmt.Errorf("amount %q is too large", amount)
		}
		v = lo
	}
	return Money{Amount: int64(v), Currency: currency}, nil
}

// String formats m for people: the currency code, then the amount with its
// minor-unit digits and thousands grouped by commas, e.g. "USD 1,800.00",
// "JPY 1,800", "KWD 1.500". The zero Money prints "0". A Money whose
// currency is not a known code prints its code and its Amount in minor units,
// ungrouped, e.g. "XYZ 150".
func (m Money) String() string {
	if m.Currency == "" {
		return m.Decimal()
	}
	exp, err := currencyExponent(m.Currency)
	if err != nil {
		return m.Currency + " " + m.Decimal()
	}
	return m.Currency + " " + formatMinorUnits(m.Amount, exp, true)
}

// Decimal returns the amount as a plain exact decimal with the currency's
// minor-unit digits and no grouping, e.g. "1800.00", "1800" (JPY), "1.500"
// (KWD), for export. [ParseMoney] accepts it back when m is not negative and
// its currency is known. A
// Money whose currency is not a known code, such as the zero Money, gives its
// Amount in minor units ("0").
func (m Money) Decimal() string {
	exp, err := currencyExponent(m.Currency)
	if err != nil {
		exp = 0
	}
	return formatMinorUnits(m.Amount, exp, false)
}

// Add returns m + o. Both must have the same currency, except that the zero
// Money adds as nothing: Money{}.Add(o) is o. It returns an error when the
// currencies differ or the sum overflows.
func (m Money) Add(o Money) (Money, error) {
	switch {
	case m == Money{}:
		return o, nil
	case o == Money{}:
		return m, nil
	case m.Currency != o.Currency:
		return Money{}, fmt.Errorf("cannot add %v to %v: currencies differ", o, m)
	}
	sum := m.Amount + o.Amount
	if (o.Amount > 0 && sum < m.Amount) || (o.Amount < 0 && sum > m.Amount) {
		return Money{}, fmt.Errorf("%v + %v overflows", m, o)
	}
	return Money{Amount: sum, Currency: m.Currency}, nil
}

// Cut returns the share p of m, rounded half up to the minor unit: amount ×
// basis points / 10000, where exactly half a minor unit rounds up (1234 cents
// × 2.5% = 30.85 cents gives 31 cents). The product is computed in 128 bits,
// so the result is exact for every amount. For negative amounts or percents,
// the magnitude is rounded half up and the sign put back. Cut returns an
// error only when the result does not fit in an int64, which cannot happen
// when p is between 0% and 100%.
func (m Money) Cut(p Percent) (Money, error) {
	a, negA := unsignedAbs(m.Amount)
	b, negB := unsignedAbs(int64(p))
	neg := negA != negB
	hi, lo := bits.Mul64(a, b)
	lo, carry := bits.Add64(lo, 5000, 0) // + half of 10000: round half up
	hi += carry
	if hi < 10000 { // else the quotient needs more than 64 bits
		q, _ := bits.Div64(hi, lo, 10000)
		if q <= math.MaxInt64 || (neg && q == 1<<63) {
			amount := int64(q) // for q == 1<<63 this is MinInt64 and stays so
			if neg {
				amount = -amount
			}
			return Money{Amount: amount, Currency: m.Currency}, nil
		}
	}
	return Money{}, fmt.Errorf("cut of %v of %v overflows", p, m)
}

// MarshalJSON encodes m as {"amount":"1800.00","currency":"USD"}, the amount
// an exact decimal string, never a JSON number. The zero Money encodes as
// null, so a struct field tagged omitzero leaves it out. A currency that is
// not an active ISO 4217 code is an error. A negative amount is written as
// is, although UnmarshalJSON, like ParseMoney, rejects it.
func (m Money) MarshalJSON() ([]byte, error) { return m.appendJSON(make([]byte, 0, 48)) }

// appendJSON appends m as MarshalJSON writes it.
func (m *Money) appendJSON(b []byte) ([]byte, error) {
	if *m == (Money{}) {
		return append(b, "null"...), nil
	}
	if _, err := currencyExponent(m.Currency); err != nil {
		return nil, err
	}
	// The amount is digits, a sign and a point, and the currency three
	// capital letters: nothing to escape.
	b = append(b, `{"amount":"`...)
	b = append(b, m.Decimal()...)
	b = append(b, `","currency":"`...)
	b = append(b, m.Currency...)
	return append(b, `"}`...), nil
}

// UnmarshalJSON decodes {"amount":"1800.00","currency":"USD"} with
// [ParseMoney]. The amount must be a JSON string; other keys are errors.
// JSON null leaves m unchanged, like encoding/json does for other types.
func (m *Money) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	var raw moneyJSON
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&raw); err != nil {
		return fmt.Errorf(`invalid money: want {"amount": "1800.00", "currency": "USD"}: %w`, err)
	}
	var amount string
	if len(raw.Amount) > 0 {
		if err := json.Unmarshal(raw.Amount, &amount); err != nil {
			return fmt.Errorf(`amount %s must be a string, e.g. "1800.00"`, raw.Amount)
		}
	}
	v, err := ParseMoney(amount, raw.Currency)
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// moneyJSON is the JSON form of Money as decoded; the amount stays raw so
// that a JSON number can be told apart from a string.
type moneyJSON struct {
	Amount   json.RawMessage `json:"amount"`
	Currency string          `json:"currency"`
}

// Percent is a rate in basis points: 600 is 6%, 250 is 2.5%, 25 is 0.25%,
// 10000 is 100%.
type Percent int64

// ParsePercent parses a percentage written as a decimal number of percent,
// as in a ladder file: "6" is 600 basis points, "2.5" is 250, "2.55" is 255.
// It is exact, allows at most 2 decimal places and an optional trailing "%",
// and must be between 0 and 100 inclusive.
func ParsePercent(s string) (Percent, error) {
	if s == "" {
		return 0, errors.New("missing percent")
	}
	whole, frac, ok := splitDecimalText(strings.TrimSuffix(s, "%"))
	if !ok {
		if _, _, ok := splitDecimalText(strings.TrimSuffix(strings.TrimPrefix(s, "-"), "%")); ok {
			return 0, fmt.Errorf("percent %q is negative", s)
		}
		return 0, fmt.Errorf("invalid percent %q: want a number from 0 to 100 with at most 2 decimal places", s)
	}
	if len(frac) > 2 {
		return 0, fmt.Errorf("percent %q has more than 2 decimal places", s)
	}
	var bp int64
	for _, c := range whole + frac + strings.Repeat("0", 2-len(frac)) {
		bp = bp*10 + int64(c-'0') // never decreases, so it cannot overflow
		if bp > 10000 {
			return 0, fmt.Errorf("percent %q is over 100", s)
		}
	}
	return Percent(bp), nil
}

// String formats p as a percentage with no trailing zeros: "6%", "2.5%",
// "2.55%", "0.25%".
func (p Percent) String() string {
	s := formatMinorUnits(int64(p), 2, false) // always has a point: "6.00"
	return strings.TrimSuffix(strings.TrimRight(s, "0"), ".") + "%"
}

// MarshalJSON writes the percent as a string, "6%" or "7.5%", which a
// ladder file also accepts.
func (p Percent) MarshalJSON() ([]byte, error) { return p.appendJSON(nil), nil }

// appendJSON appends p as MarshalJSON writes it.
func (p Percent) appendJSON(b []byte) []byte {
	return append(append(append(b, '"'), p.String()...), '"')
}

// UnmarshalJSON reads a percent as MarshalJSON writes it, a string such as
// "6%", with [ParsePercent]. A bare number is an error: it would be
// ambiguous with the basis points that json.Marshal wrote for a Percent
// before it had MarshalJSON (600 for 6%).
func (p *Percent) UnmarshalJSON(data []byte) error {
	s := string(data)
	if s == "null" {
		return nil
	}
	if !strings.HasPrefix(s, `"`) {
		return fmt.Errorf("a percent in JSON is a string such as \"6%%\", got %s", s)
	}
	s, err := strconv.Unquote(s)
	if err != nil {
		return fmt.Errorf("a percent in JSON is a string such as \"6%%\", got %s", data)
	}
	v, err := ParsePercent(s)
	if err != nil {
		return err
	}
	*p = v
	return nil
}

// splitDecimalText splits s, of the form digits or digits.digits (ASCII
// digits only), into its whole and fraction digits.
func splitDecimalText(s string) (whole, frac string, ok bool) {
	whole, frac, dot := strings.Cut(s, ".")
	isDigits := func(t string) bool {
		for i := 0; i < len(t); i++ {
			if t[i] < '0' || t[i] > '9' {
				return false
			}
		}
		return t != ""
	}
	return whole, frac, isDigits(whole) && (!dot || isDigits(frac))
}

// formatMinorUnits formats an amount of minor units as a decimal with exp
// fraction digits, grouping thousands with commas when group is set.
func formatMinorUnits(amount int64, exp int, group bool) string {
	u, neg := unsignedAbs(amount)
	s := strconv.FormatUint(u, 10)
	if len(s) <= exp {
		s = strings.Repeat("0", exp-len(s)+1) + s
	}
	whole, frac := s[:len(s)-exp], s[len(s)-exp:]
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i := 0; i < len(whole); i++ {
		if group && i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(whole[i])
	}
	if exp > 0 {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// unsignedAbs returns |v| as a uint64 (exact also for math.MinInt64) and
// whether v is negative.
func unsignedAbs(v int64) (uint64, bool) {
	if v < 0 {
		return -uint64(v), true
	}
	return uint64(v), false
}

// currencyExponent returns the number of minor-unit digits of an active
// ISO 4217 currency code, or an error naming what is wrong with the code.
func currencyExponent(code string) (int, error) {
	if code == "" {
		return 0, errors.New("missing currency")
	}
	exp, ok := iso4217MinorUnits[code]
	switch {
	case ok && exp >= 0:
		return int(exp), nil
	case ok:
		return 0, fmt.Errorf("currency %q has no minor unit and cannot hold money", code)
	}
	up := strings.ToUpper(strings.TrimSpace(code))
	if exp, ok := iso4217MinorUnits[up]; ok && exp >= 0 && up != code {
		return 0, fmt.Errorf("unknown currency %q (did you mean %s?)", code, up)
	}
	return 0, fmt.Errorf("unknown currency %q", code)
}

// iso4217MinorUnits maps every code of ISO 4217 list one (current
// currencies and funds, as published 2026-01-01, amendment 180: 178 codes)
// to its number of minor-unit digits; -1 marks codes whose minor unit is
// "N.A." (precious metals, bond-market units, XDR, XSU, XUA, XTS, XXX).
// Withdrawn codes (BGN, ANG, CUC, HRK, SLL, ZWL, …) are not listed.
var iso4217MinorUnits = map[string]int8{
	"AED": 2, "AFN": 2, "ALL": 2, "AMD": 2, "AOA": 2, "ARS": 2, "AUD": 2, "AWG": 2, "AZN": 2,
	"BAM": 2, "BBD": 2, "BDT": 2, "BHD": 3, "BIF": 0, "BMD": 2, "BND": 2, "BOB": 2, "BOV": 2,
	"BRL": 2, "BSD": 2, "BTN": 2, "BWP": 2, "BYN": 2, "BZD": 2,
	"CAD": 2, "CDF": 2, "CHE": 2, "CHF": 2, "CHW": 2, "CLF": 4, "CLP": 0, "CNY": 2, "COP": 2,
	"COU": 2, "CRC": 2, "CUP": 2, "CVE": 2, "CZK": 2,
	"DJF": 0, "DKK": 2, "DOP": 2, "DZD": 2,
	"EGP": 2, "ERN": 2, "ETB": 2, "EUR": 2,
	"FJD": 2, "FKP": 2,
	"GBP": 2, "GEL": 2, "GHS": 2, "GIP": 2, "GMD": 2, "GNF": 0, "GTQ": 2, "GYD": 2,
	"HKD": 2, "HNL": 2, "HTG": 2, "HUF": 2,
	"IDR": 2, "ILS": 2, "INR": 2, "IQD": 3, "IRR": 2, "ISK": 0,
	"JMD": 2, "JOD": 3, "JPY": 0,
	"KES": 2, "KGS": 2, "KHR": 2, "KMF": 0, "KPW": 2, "KRW": 0, "KWD": 3, "KYD": 2, "KZT": 2,
	"LAK": 2, "LBP": 2, "LKR": 2, "LRD": 2, "LSL": 2, "LYD": 3,
	"MAD": 2, "MDL": 2, "MGA": 2, "MKD": 2, "MMK": 2, "MNT": 2, "MOP": 2, "MRU": 2, "MUR": 2,
	"MVR": 2, "MWK": 2, "MXN": 2, "MXV": 2, "MYR": 2, "MZN": 2,
	"NAD": 2, "NGN": 2, "NIO": 2, "NOK": 2, "NPR": 2, "NZD": 2,
	"OMR": 3,
	"PAB": 2, "PEN": 2, "PGK": 2, "PHP": 2, "PKR": 2, "PLN": 2, "PYG": 0,
	"QAR": 2,
	"RON": 2, "RSD": 2, "RUB": 2, "RWF": 0,
	"SAR": 2, "SBD": 2, "SCR": 2, "SDG": 2, "SEK": 2, "SGD": 2, "SHP": 2, "SLE": 2, "SOS": 2,
	"SRD": 2, "SSP": 2, "STN": 2, "SVC": 2, "SYP": 2, "SZL": 2,
	"THB": 2, "TJS": 2, "TMT": 2, "TND": 3, "TOP": 2, "TRY": 2, "TTD": 2, "TWD": 2, "TZS": 2,
	"UAH": 2, "UGX": 0, "USD": 2, "USN": 2, "UYI": 0, "UYU": 2, "UYW": 4, "UZS": 2,
	"VED": 2, "VES": 2, "VND": 0, "VUV": 0,
	"WST": 2,
	"XAD": 2, "XAF": 0, "XAG": -1, "XAU": -1, "XBA": -1, "XBB": -1, "XBC": -1, "XBD": -1,
	"XCD": 2, "XCG": 2, "XDR": -1, "XOF": 0, "XPD": -1, "XPF": 0, "XPT": -1, "XSU": -1,
	"XTS": -1, "XUA": -1, "XXX": -1,
	"YER": 2,
	"ZAR": 2, "ZMW": 2, "ZWG": 2,
}

package ladder

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAnalyseRule lists the parts found in each rule shape, and that other
// shapes give none.
func TestAnalyseRule(t *testing.T) {
	env := compileEnv([]Metric{{ID: "a", Type: MetricInt}, {ID: "b", Type: MetricBool},
		{ID: "p", Type: MetricPercent}, {ID: "n", Type: MetricNumber}})
	type want struct {
		input, op string
		want      float64
	}
	tests := []struct {
		src   string
		parts []want
	}{
		{"a >= 3", []want{{"a", ">=", 3}}},
		{"a > -1", []want{{"a", ">", -1}}},
		{"3 > a", []want{{"a", "<", 3}}},
		{"0.5 <= p", []want{{"p", ">=", 0.5}}},
		{"n != 2.5", []want{{"n", "!=", 2.5}}},
		{"b", []want{{"b", "==", 1}}},
		{"!b", []want{{"b", "==", 0}}},
		{"b == false", []want{{"b", "==", 0}}},
		{"false != b", []want{{"b", "==", 1}}},
		{"months_at_level >= 12 and rank == 7", []want{{"months_at_level", ">=", 12}, {"rank", "==", 7}}},
		{"count(mentees, .rank >= 4 && .active) > 1", []want{{"mentees", ">", 1}}},
		{"len(roles) >= 1", []want{{"roles", ">=", 1}}},
		{"let x = a * 2; x >= 8 && b", []want{{"x", ">=", 8}, {"b", "==", 1}}},
		{"a >= 1 || b", nil},
		{"a >= 1 && (b || p > 0.5)", nil},
		{"a + 1 >= 3", nil},
		{"a >= n", nil},
		{"1 >= 0", nil},
		{"b == b", nil},
		{"'x' in roles", nil},
		{"any(mentees, .advanced)", nil},
		{"len(roles) >= 1 ? a > 1 : b", nil},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			_, fe := compileRule(tt.src, env)
			require.Nil(t, fe)
			parts := analyseRule(tt.src, env)
			var got []want
			for _, p := range parts {
				got = append(got, want{p.input, p.op, p.want})
			}
			assert.Equal(t, tt.parts, got)
		})
	}
}

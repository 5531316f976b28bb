package ladder

import (
	"strconv"
	"strings"
	"testing"
)

// HostileProfileSeeds (for tests only) are profiles of the families of issues 12 and 24:
// number forms other than decimal digits, JSON that YAML would take, and a
// long flow mapping.
func HostileProfileSeeds() []string {
	seeds := []string{}
	for _, v := range []string{"010", "-010", "09", "+1", "1e3", "1.5e3", "0x1F", "0o12", "1_000", "0b101", "1e400", ".5", "1."} {
		seeds = append(seeds, "id: x\nlevel: L1\nmetrics: {m: "+v+"}\n", "id: x\nlevel: L1\nmetrics:\n  m: "+v+"\n")
	}
	var b strings.Builder
	b.WriteString("id: x\nlevel: L1\nmetrics: {")
	for i := range 2000 {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("m" + strconv.Itoa(i) + ": " + strconv.Itoa(i))
	}
	b.WriteString("}\n")
	// Issue 24: JSON that YAML would take, and the smallest whole number.
	seeds = append(seeds, `{"id":"x","level":"L1",}`, `{"id":"x","level":`, `{"id":"x"} // c`,
		`{"id":"x","level":"L1","metrics":{"m":-9223372036854775808}}`, "id: x\nlevel: L1\nmetrics: {m: -9223372036854775808}\n")
	return append(seeds, b.String())
}

// A rule without arithmetic compiles as expr compiles it: it pays nothing
// for the checks arithmetic gets.
func TestRuleWithoutArithmeticIsNotRewritten(t *testing.T) {
	env := compileEnv([]Metric{{ID: "rate", Type: MetricPercent}, {ID: "n", Type: MetricInt}})
	plain, fe := compileRule("rate >= 0.70 and count(mentees, .rank >= 4) >= 2", env)
	if fe != nil {
		t.Fatal(fe)
	}
	if d := plain.prog.Disassemble(); strings.Contains(d, "$arith") || strings.Contains(d, "$finite") {
		t.Errorf("a rule without arithmetic was rewritten:\n%s", d)
	}
	arith, fe := compileRule("n / 2 >= 1", env)
	if fe != nil {
		t.Fatal(fe)
	}
	if d := arith.prog.Disassemble(); !strings.Contains(d, "$arith") {
		t.Errorf("a rule with arithmetic was not rewritten:\n%s", d)
	}
}

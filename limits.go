package ladder

// Limits that keep a hostile ladder or profile from hanging or crashing the
// program that loads it. They are far above what a real ladder or profile
// needs, and docs/format.md states them. The limits of the YAML text itself
// (lines, nesting, indentation) are internal/yamlsrc's MaxLines, MaxNesting
// and MaxIndent.
const (
	// maxFileSize bounds every ladder or profile file.
	maxFileSize = 1 << 20
	// maxWorkbookSize bounds a workbook (.xlsx) of people, compressed as it
	// is stored; its sheets are unzipped to temporary files as they are
	// read, not into memory.
	maxWorkbookSize = 256 << 20
	// maxProblems bounds how many problems one error lists; the rest are
	// counted in a last line.
	maxProblems = 100
	// maxRuleLength bounds the text of one rule.
	maxRuleLength = 4096
	// maxRuleNodes bounds the size of a compiled rule (expr's node limit).
	maxRuleNodes = 1000
	// maxPatternSize bounds the program a matches pattern compiles to, in
	// instructions of Go's regexp machine, and maxLadderPatternSize the
	// programs of all the patterns of a ladder's rules: a 4 KB pattern can
	// compile to half a million instructions (a{1000} repeated), 0.3 s
	// and 140 MB. Each instruction costs about 250 bytes while a rule
	// compiles, so a ladder's patterns cost at most some 25 MB.
	maxPatternSize       = 10_000
	maxLadderPatternSize = 100_000
	// maxLevels, maxMetrics and maxRules bound a ladder's size, so that
	// checking and compiling it stays fast: every rule is checked against
	// every metric.
	maxLevels  = 200
	maxMetrics = 500
	maxRules   = 2000
	// maxMonths bounds every month count in a ladder (min_months,
	// min_months_in_track, referral months): a career is shorter than a
	// hundred years, and a referral schedule is built month by month.
	maxMonths = 1200
	// maxLadderBytes bounds the YAML of one ladder directory, checked
	// before any of it is parsed.
	maxLadderBytes = 8 << 20
)

package ladder

import "github.com/ladderkit/ladder/internal/yamlsrc"

// Limits that keep a hostile ladder or profile from hanging or crashing the
// program that loads it. They are far above what a real ladder or profile
// needs, and docs/format.md states them.
const (
	// maxFileSize bounds every ladder or profile file.
	maxFileSize = 1 << 20
	// maxLines bounds the lines of one file: the YAML parser's cost grows
	// with the square of the number of keys in one block mapping.
	maxLines = yamlsrc.MaxLines
	// maxProblems bounds how many problems one error lists; the rest are
	// counted in a last line.
	maxProblems = 100
	// maxNesting bounds how deeply YAML collections nest: the YAML parser's
	// cost grows with the square of the depth.
	maxNesting = yamlsrc.MaxNesting
	// maxIndent bounds the column where a line's content starts, which
	// bounds block nesting the same way.
	maxIndent = yamlsrc.MaxIndent
	// maxRuleLength bounds the text of one rule.
	maxRuleLength = 4096
	// maxRuleNodes bounds the size of a compiled rule (expr's node limit).
	maxRuleNodes = 1000
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

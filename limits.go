package ladder

// Limits that keep a hostile ladder or profile from hanging or crashing the
// program that loads it. They are far above what a real ladder or profile
// needs, and docs/format.md states them.
const (
	// maxFileSize bounds every ladder or profile file.
	maxFileSize = 1 << 20
	// maxLines bounds the lines of one file: the YAML parser's cost grows
	// with the square of the number of keys in one block mapping.
	maxLines = 5000
	// maxProblems bounds how many problems one error lists; the rest are
	// counted in a last line.
	maxProblems = 100
	// maxNesting bounds how deeply YAML collections nest: the YAML parser's
	// cost grows with the square of the depth.
	maxNesting = 64
	// maxIndent bounds the column where a line's content starts, which
	// bounds block nesting the same way.
	maxIndent = 256
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

// checkNesting finds the first place where data nests deeper than the
// limits allow, before the YAML parser sees it. It follows flow collections
// ([ and {) outside quotes and comments, and the indentation of block
// collections, counting "- " sequence indicators as indentation.
func checkNesting(data []byte) *problem {
	line, col := 1, 1
	depth := 0
	lineStart := true // still in the indentation of the line
	for i := 0; i < len(data); i++ {
		c := data[i]
		if lineStart {
			switch {
			case c == ' ' || c == '\t':
			case c == '-' && i+1 < len(data) && (data[i+1] == ' ' || data[i+1] == '\t'):
			default:
				lineStart = false
			}
			if lineStart && col > maxIndent {
				return &problem{line: line, col: col, msg: "nested too deeply: content starts past column 256"}
			}
		}
		switch c {
		case '\n':
			line, col, lineStart = line+1, 1, true
			continue
		case '#':
			if i == 0 || data[i-1] == ' ' || data[i-1] == '\t' || data[i-1] == '\n' {
				for i+1 < len(data) && data[i+1] != '\n' {
					i++
				}
			}
		case '"', '\'':
			if i > 0 && !quoteStart(data[i-1]) {
				break // an apostrophe inside a plain scalar: Worca's
			}
			// Skip the quoted scalar; "\" escapes in double quotes, '' in single.
			for i+1 < len(data) {
				i++
				col++
				if data[i] == '\n' {
					line, col = line+1, 0
				}
				if c == '"' && data[i] == '\\' && i+1 < len(data) {
					i++
					col++
					continue
				}
				if data[i] == c {
					if c == '\'' && i+1 < len(data) && data[i+1] == '\'' {
						i++
						col++
						continue
					}
					break
				}
			}
		case '[', '{':
			if depth++; depth > maxNesting {
				return &problem{line: line, col: col, msg: "nested too deeply: more than 64 levels of [ or {"}
			}
		case ']', '}':
			depth = max(0, depth-1)
		}
		col++
	}
	return nil
}

// quoteStart reports whether a quote after byte b opens a quoted scalar.
func quoteStart(b byte) bool {
	switch b {
	case ' ', '\t', '\n', '[', '{', ',', ':', '-':
		return true
	}
	return false
}

package yamlsrc

// CheckNesting finds the first place where data nests deeper than the
// limits allow, before the YAML parser sees it. It follows flow collections
// ([ and {) outside quotes and comments, and the indentation of block
// collections, counting "- " sequence indicators as indentation, and the
// items of flow collections.
func CheckNesting(data []byte) *Problem {
	line, col := 1, 1
	depth := 0
	var items [MaxNesting + 1]int // items of each open flow collection, by depth
	lineStart := true             // still in the indentation of the line
	for i := 0; i < len(data); i++ {
		c := data[i]
		if lineStart {
			switch {
			case c == ' ' || c == '\t':
			case c == '-' && i+1 < len(data) && (data[i+1] == ' ' || data[i+1] == '\t'):
			default:
				lineStart = false
			}
			if lineStart && col > MaxIndent {
				return &Problem{Line: line, Col: col, Msg: "nested too deeply: content starts past column 256"}
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
			if depth++; depth > MaxNesting {
				return &Problem{Line: line, Col: col, Msg: "nested too deeply: more than 64 levels of [ or {"}
			}
			items[depth] = 1
		case ',':
			if depth > 0 {
				if items[depth]++; items[depth] > MaxFlowItems {
					return &Problem{Line: line, Col: col, Msg: "a [ ] or { } of more than 5,000 items: write it as a block, one item a line"}
				}
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

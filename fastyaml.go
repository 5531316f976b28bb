package ladder

import (
	"bytes"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// A profile is a short document in a small part of YAML: block mappings and
// lists, one-line scalars, and flow lists and mappings such as
// {result: passed, date: 2026-06-01}. General YAML parsing is most of
// ParsePerson's cost, so parseFastYAMLPerson reads that small part directly.
// Like parseJSONPerson, it is strictly a fast path: it accepts a document
// only when the full path would accept it and give the same Person, and it
// leaves everything else — anchors, tags, block scalars, multi-line plain or
// quoted scalars, tabs, carriage returns, unusual escapes, values whose YAML
// type could be read two ways, and every error — to that path.

// yamlKind is what a yamlNode holds.
type yamlKind uint8

const (
	yamlNull   yamlKind = iota // nothing: an empty value, ~ or null
	yamlPlain                  // a plain (unquoted) scalar
	yamlQuoted                 // a single- or double-quoted scalar
	yamlMap                    // a mapping
	yamlList                   // a sequence
)

// yamlNode is a value the fast path read.
type yamlNode struct {
	kind    yamlKind
	text    string      // a scalar's text
	entries []yamlEntry // a mapping's keys and values, in order
	items   []yamlNode  // a list's items
}

type yamlEntry struct {
	key string
	val yamlNode
}

// fastYAMLMaxColumn is the deepest indentation the fast path reads, checked
// by fastYAMLText and for list items; deeper documents go the full way, which
// enforces maxIndent.
const fastYAMLMaxColumn = 64

// fastYAMLMaxDepth bounds flow nesting on the fast path.
const fastYAMLMaxDepth = 8

// yamlReader reads the profile subset of YAML from s. Its methods return
// false when the text is outside the subset.
type yamlReader struct {
	s string
	i int // read position
}

// parseFastYAMLPerson returns the profile in data and true, or false when
// data must go the full way.
func parseFastYAMLPerson(data []byte) (Person, bool) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !fastYAMLText(data) {
		return Person{}, false
	}
	r := yamlReader{s: string(data)}
	if r.next() != 0 || !r.isKey() {
		return Person{}, false
	}
	root, ok := r.blockMap(0)
	if !ok || r.next() != -1 {
		return Person{}, false
	}
	return personFromYAML(root)
}

// fastYAMLText reports whether data is text the fast path may read: valid
// UTF-8 within the line limit, indented no deeper than fastYAMLMaxColumn,
// without tabs, carriage returns or other control characters, and without
// the characters some YAML readers take as line breaks or byte order marks.
func fastYAMLText(data []byte) bool {
	if len(data) == 0 || bytes.Count(data, []byte{'\n'}) >= maxLines-1 || !utf8.Valid(data) {
		return false
	}
	indent := 0 // spaces so far at the start of the line, or -1 past them
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case c == ' ' && indent >= 0:
			if indent++; indent > fastYAMLMaxColumn {
				return false
			}
		case c == '\n':
			indent = 0
		default:
			indent = -1
		}
		switch {
		case c < 0x20 && c != '\n', c == 0x7f:
			return false
		case c == 0xc2 && i+1 < len(data) && data[i+1] < 0xa0: // U+0080–U+009F, NEL among them
			return false
		case c == 0xe2 && i+2 < len(data) && data[i+1] == 0x80 && (data[i+2] == 0xa8 || data[i+2] == 0xa9): // U+2028, U+2029
			return false
		case c == 0xef && i+2 < len(data) && data[i+1] == 0xbb && data[i+2] == 0xbf: // U+FEFF
			return false
		}
	}
	return true
}

// next moves to the start of the next line with content, past blank and
// comment lines, and returns its indentation, or -1 at the end of the text.
func (r *yamlReader) next() int {
	for r.i < len(r.s) {
		j := r.i
		for j < len(r.s) && r.s[j] == ' ' {
			j++
		}
		if j == len(r.s) {
			r.i = j
			return -1
		}
		switch r.s[j] {
		case '\n':
			r.i = j + 1
			continue
		case '#':
			r.skipLine(j)
			continue
		}
		return j - r.i
	}
	return -1
}

// skipLine moves past the end of the line that holds position j.
func (r *yamlReader) skipLine(j int) {
	if k := strings.IndexByte(r.s[j:], '\n'); k >= 0 {
		r.i = j + k + 1
	} else {
		r.i = len(r.s)
	}
}

// lineEnds moves past the rest of the line when it holds only spaces and a
// comment, and reports whether it did.
func (r *yamlReader) lineEnds() bool {
	j := r.i
	for j < len(r.s) && r.s[j] == ' ' {
		j++
	}
	switch {
	case j == len(r.s):
		r.i = j
	case r.s[j] == '\n':
		r.i = j + 1
	case r.s[j] == '#' && j > r.i:
		r.skipLine(j)
	default:
		return false
	}
	return true
}

// dashAt reports whether position j starts a block list item.
func (r *yamlReader) dashAt(j int) bool {
	return j < len(r.s) && r.s[j] == '-' && (j+1 == len(r.s) || r.s[j+1] == ' ' || r.s[j+1] == '\n')
}

// keyEnd returns the end of a plain key at the read position (letters,
// digits, _ and -, not starting with -) followed by a colon and a space or
// line end, or -1.
func (r *yamlReader) keyEnd() int {
	j := r.i
	for j < len(r.s) {
		c := r.s[j]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-' && j > r.i {
			j++
			continue
		}
		break
	}
	if j == r.i || j == len(r.s) || r.s[j] != ':' {
		return -1
	}
	if j+1 < len(r.s) && r.s[j+1] != ' ' && r.s[j+1] != '\n' {
		return -1
	}
	switch r.s[r.i:j] {
	case "null", "Null", "NULL":
		return -1
	}
	return j
}

func (r *yamlReader) isKey() bool { return r.keyEnd() >= 0 }

// key reads a plain key and its colon.
func (r *yamlReader) key() (string, bool) {
	j := r.keyEnd()
	if j < 0 {
		return "", false
	}
	k := r.s[r.i:j]
	r.i = j + 1
	return k, true
}

// hasKey reports whether a mapping already has key k, and records k in set
// when it does not. It scans entries while they are few and switches to
// set once there are many, so that a mapping of n keys is read in time
// linear in n.
func hasKey(entries []yamlEntry, set *map[string]bool, k string) bool {
	if *set == nil {
		if len(entries) < 16 {
			for _, e := range entries {
				if e.key == k {
					return true
				}
			}
			return false
		}
		*set = make(map[string]bool, 2*len(entries))
		for _, e := range entries {
			(*set)[e.key] = true
		}
	}
	if (*set)[k] {
		return true
	}
	(*set)[k] = true
	return false
}

// blockMap reads a block mapping whose keys stand at column indent; the
// read position is at its first key. It stops at the start of the first
// line indented less.
func (r *yamlReader) blockMap(indent int) (yamlNode, bool) {
	n := yamlNode{kind: yamlMap}
	var set map[string]bool
	for {
		k, ok := r.key()
		if !ok || hasKey(n.entries, &set, k) {
			return n, false
		}
		v, ok := r.value(indent)
		if !ok {
			return n, false
		}
		n.entries = append(n.entries, yamlEntry{k, v})
		m := r.next()
		switch {
		case m < indent: // -1 at the end
			return n, true
		case m > indent:
			return n, false
		}
		r.i += m
	}
}

// value reads the value after a key's colon in a block mapping at column
// indent.
func (r *yamlReader) value(indent int) (yamlNode, bool) {
	if r.lineEnds() {
		m := r.next()
		switch {
		case m > indent:
			r.i += m
			if r.dashAt(r.i) {
				return r.blockList(m)
			}
			if !r.isKey() {
				return yamlNode{}, false // a multi-line scalar, say
			}
			return r.blockMap(m)
		case m == indent && r.dashAt(r.i+m):
			r.i += m
			return r.blockList(m)
		}
		return yamlNode{}, true // nothing: the next key follows
	}
	for r.s[r.i] == ' ' {
		r.i++
	}
	v, ok := r.inline(indent, 0, false)
	return v, ok && r.lineEnds()
}

// blockList reads a block list whose dashes stand at column indent; the
// read position is at its first dash.
func (r *yamlReader) blockList(indent int) (yamlNode, bool) {
	n := yamlNode{kind: yamlList}
	for {
		r.i++ // the dash
		sp := 0
		for r.i < len(r.s) && r.s[r.i] == ' ' {
			r.i++
			sp++
		}
		if sp == 0 || r.i == len(r.s) || r.s[r.i] == '\n' || r.s[r.i] == '#' || r.dashAt(r.i) || indent+1+sp > fastYAMLMaxColumn {
			return n, false // an item on the lines below, or a list in a list
		}
		var item yamlNode
		var ok bool
		if r.isKey() {
			item, ok = r.blockMap(indent + 1 + sp)
		} else {
			item, ok = r.inline(indent, 0, false)
			ok = ok && r.lineEnds()
		}
		if !ok {
			return n, false
		}
		n.items = append(n.items, item)
		m := r.next()
		switch {
		case m == indent && r.dashAt(r.i+m):
			r.i += m
		case m <= indent: // -1 at the end
			return n, true
		default:
			return n, false
		}
	}
}

// inline reads a value written in place: a flow list or mapping, a quoted
// scalar or a plain one. indent is the column of the block that holds it;
// flow values may go on over lines indented more. depth counts the flow
// collections around the value, and inFlow says there is one.
func (r *yamlReader) inline(indent, depth int, inFlow bool) (yamlNode, bool) {
	switch r.s[r.i] {
	case '[', '{':
		return r.flow(indent, depth)
	case '"':
		return r.doubleQuoted()
	case '\'':
		return r.singleQuoted()
	}
	return r.plain(inFlow)
}

// plain reads a plain scalar. In a flow collection it ends at , ] or }.
// Scalars that YAML readers may treat specially (a colon, a bracket or a
// # anywhere, an indicator first) are left to the full path.
func (r *yamlReader) plain(flow bool) (yamlNode, bool) {
	start := r.i
	switch c := r.s[start]; c {
	case '-':
		if start+1 >= len(r.s) || r.s[start+1] < '0' || r.s[start+1] > '9' {
			return yamlNode{}, false
		}
	case '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', ' ', '\n':
		return yamlNode{}, false
	}
	j := start
scan:
	for ; j < len(r.s); j++ {
		switch r.s[j] {
		case '\n':
			break scan
		case ',', ']', '}':
			if flow {
				break scan
			}
			if r.s[j] != ',' {
				return yamlNode{}, false
			}
		case ' ':
			if j+1 < len(r.s) && r.s[j+1] == '#' {
				break scan
			}
		case ':', '#', '[', '{', '"', '\\':
			return yamlNode{}, false
		}
	}
	r.i = j
	text := strings.TrimRight(r.s[start:j], " ")
	switch text {
	case "~", "null", "Null", "NULL":
		return yamlNode{}, true
	}
	return yamlNode{kind: yamlPlain, text: text}, true
}

// singleQuoted reads a one-line single-quoted scalar, in which two single
// quotes in a row stand for one.
func (r *yamlReader) singleQuoted() (yamlNode, bool) {
	var b strings.Builder
	escaped := false
	start := r.i + 1
	for j := start; j < len(r.s); j++ {
		switch r.s[j] {
		case '\n':
			return yamlNode{}, false
		case '\'':
			if j+1 < len(r.s) && r.s[j+1] == '\'' {
				b.WriteString(r.s[start : j+1])
				escaped = true
				j++
				start = j + 1
				continue
			}
			return r.quotedEnd(&b, escaped, start, j)
		}
	}
	return yamlNode{}, false
}

// quotedEnd ends a quoted scalar whose closing quote is at j: its text is
// what b holds plus s[start:j], or just s[start:j] when nothing was escaped.
func (r *yamlReader) quotedEnd(b *strings.Builder, escaped bool, start, j int) (yamlNode, bool) {
	r.i = j + 1
	if !escaped {
		return yamlNode{kind: yamlQuoted, text: r.s[start:j]}, true
	}
	b.WriteString(r.s[start:j])
	return yamlNode{kind: yamlQuoted, text: b.String()}, true
}

// doubleQuoted reads a one-line double-quoted scalar with the escapes \\,
// \", \n and \t.
func (r *yamlReader) doubleQuoted() (yamlNode, bool) {
	var b strings.Builder
	escaped := false
	start := r.i + 1
	for j := start; j < len(r.s); j++ {
		switch r.s[j] {
		case '\n':
			return yamlNode{}, false
		case '\\':
			if j+1 >= len(r.s) {
				return yamlNode{}, false
			}
			b.WriteString(r.s[start:j])
			switch r.s[j+1] {
			case '\\':
				b.WriteByte('\\')
			case '"':
				b.WriteByte('"')
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			default:
				return yamlNode{}, false
			}
			escaped = true
			j++
			start = j + 1
		case '"':
			return r.quotedEnd(&b, escaped, start, j)
		}
	}
	return yamlNode{}, false
}

// flowSpace skips spaces and line breaks inside a flow collection. Lines
// it goes on to must be indented more than indent and hold content.
func (r *yamlReader) flowSpace(indent int) bool {
	for r.i < len(r.s) {
		switch r.s[r.i] {
		case ' ':
			r.i++
		case '\n':
			r.i++
			j := r.i
			for j < len(r.s) && r.s[j] == ' ' {
				j++
			}
			if j-r.i <= indent || j == len(r.s) || r.s[j] == '\n' || r.s[j] == '#' {
				return false
			}
			r.i = j
		default:
			return r.s[r.i] != '#'
		}
	}
	return false
}

// flow reads a flow list or mapping. Empty values, trailing commas and
// comments inside are left to the full path.
func (r *yamlReader) flow(indent, depth int) (yamlNode, bool) {
	if depth >= fastYAMLMaxDepth {
		return yamlNode{}, false
	}
	list := r.s[r.i] == '['
	closer := byte('}')
	n := yamlNode{kind: yamlMap, entries: []yamlEntry{}}
	var set map[string]bool
	if list {
		closer = ']'
		n = yamlNode{kind: yamlList, items: []yamlNode{}}
	}
	r.i++
	if !r.flowSpace(indent) {
		return n, false
	}
	if r.s[r.i] == closer {
		r.i++
		return n, true
	}
	for {
		var k string
		if !list {
			var ok bool
			if k, ok = r.key(); !ok || hasKey(n.entries, &set, k) || !r.flowSpace(indent) {
				return n, false
			}
		}
		v, ok := r.inline(indent, depth+1, true)
		if !ok || !r.flowSpace(indent) {
			return n, false
		}
		if list {
			n.items = append(n.items, v)
		} else {
			n.entries = append(n.entries, yamlEntry{k, v})
		}
		switch r.s[r.i] {
		case ',':
			r.i++
			if !r.flowSpace(indent) || r.s[r.i] == closer {
				return n, false
			}
		case closer:
			r.i++
			return n, true
		default:
			return n, false
		}
	}
}

// The conversion below mirrors what the full path's decoder does with each
// field, and gives up wherever the decoder would report a problem.

// personFromYAML converts the document's top mapping to a Person.
func personFromYAML(n yamlNode) (Person, bool) {
	var p Person
	ok := true
	for _, e := range n.entries {
		v := e.val
		switch e.key {
		case "id":
			p.ID, ok = yamlText(v)
		case "name":
			p.Name, ok = yamlText(v)
		case "level":
			p.Level, ok = yamlLevel(v)
		case "level_since":
			p.LevelSince, ok = yamlDate(v)
		case "joined":
			p.Joined, ok = yamlDate(v)
		case "history":
			p.History, ok = yamlListOf(v, yamlSpan)
		case "roles":
			p.Roles, ok = yamlListOf(v, yamlText)
		case "metrics":
			p.Metrics, ok = yamlMapOf(v, yamlMetric)
		case "checklist":
			p.Checklist, ok = yamlListOf(v, yamlText)
		case "assessments":
			p.Assessments, ok = yamlMapOf(v, yamlAssessment)
		case "nominations":
			p.Nominations, ok = yamlListOf(v, yamlNomination)
		case "waivers":
			p.Waivers, ok = yamlListOf(v, yamlWaiver)
		case "mentees":
			p.Mentees, ok = yamlListOf(v, yamlMentee)
		case "mentor":
			p.Mentor, ok = yamlMentor(v)
		case "breaks":
			p.Breaks, ok = yamlListOf(v, yamlBreak)
		default:
			return Person{}, false // the full path names the unknown key
		}
		if !ok {
			return Person{}, false
		}
	}
	if p.ID == "" || p.Level == "" {
		return Person{}, false // the full path reports the missing key
	}
	return p, true
}

func yamlSpan(v yamlNode) (LevelSpan, bool) {
	var s LevelSpan
	ok := yamlStruct(v, func(k string, v yamlNode) (ok bool) {
		switch k {
		case "level":
			s.Level, ok = yamlLevel(v)
		case "since":
			s.Since, ok = yamlDate(v)
		}
		return ok
	})
	return s, ok
}

func yamlAssessment(v yamlNode) (AssessmentResult, bool) {
	var a AssessmentResult
	ok := yamlStruct(v, func(k string, v yamlNode) (ok bool) {
		switch k {
		case "result":
			a.Result, ok = yamlText(v)
		case "date":
			a.Date, ok = yamlDate(v)
		case "panel":
			a.Panel, ok = yamlListOf(v, yamlPanelist)
		}
		return ok
	})
	return a, ok
}

func yamlPanelist(v yamlNode) (Panelist, bool) {
	var pn Panelist
	ok := yamlStruct(v, func(k string, v yamlNode) (ok bool) {
		switch k {
		case "by":
			pn.By, ok = yamlText(v)
		case "level":
			pn.Level, ok = yamlLevel(v)
		}
		return ok
	})
	return pn, ok
}

// yamlMentor is the person's mentor; like the full path, null is none.
func yamlMentor(v yamlNode) (*Mentor, bool) {
	if v.kind == yamlNull {
		return nil, true
	}
	var m Mentor
	ok := yamlStruct(v, func(k string, v yamlNode) (ok bool) {
		switch k {
		case "id":
			m.ID, ok = yamlText(v)
		case "level":
			m.Level, ok = yamlLevel(v)
		case "roles":
			m.Roles, ok = yamlListOf(v, yamlText)
		}
		return ok
	})
	if !ok {
		return nil, false
	}
	return &m, true
}

func yamlBreak(v yamlNode) (Break, bool) {
	var b Break
	ok := yamlStruct(v, func(k string, v yamlNode) (ok bool) {
		switch k {
		case "from":
			b.From, ok = yamlDate(v)
		case "until":
			b.Until, ok = yamlDate(v)
		}
		return ok
	})
	return b, ok
}

func yamlNomination(v yamlNode) (Nomination, bool) {
	var n Nomination
	ok := yamlStruct(v, func(k string, v yamlNode) (ok bool) {
		switch k {
		case "by":
			n.By, ok = yamlText(v)
		case "level":
			n.Level, ok = yamlLevel(v)
		case "roles":
			n.Roles, ok = yamlListOf(v, yamlText)
		case "date":
			n.Date, ok = yamlDate(v)
		}
		return ok
	})
	return n, ok
}

func yamlWaiver(v yamlNode) (Waiver, bool) {
	var w Waiver
	ok := yamlStruct(v, func(k string, v yamlNode) (ok bool) {
		switch k {
		case "check":
			w.Check, ok = yamlText(v)
		case "by":
			w.By, ok = yamlText(v)
		case "reason":
			w.Reason, ok = yamlText(v)
		case "date":
			w.Date, ok = yamlDate(v)
		}
		return ok
	})
	return w, ok
}

func yamlMentee(v yamlNode) (Mentee, bool) {
	var m Mentee
	ok := yamlStruct(v, func(k string, v yamlNode) (ok bool) {
		switch k {
		case "id":
			m.ID, ok = yamlText(v)
		case "level":
			m.Level, ok = yamlLevel(v)
		case "from_level":
			m.FromLevel, ok = yamlLevel(v)
		case "since":
			m.Since, ok = yamlDate(v)
		case "until":
			m.Until, ok = yamlDate(v)
		case "advanced":
			switch {
			case v.kind == yamlNull:
				ok = true
			case v.kind == yamlPlain && (v.text == "true" || v.text == "false"):
				adv := v.text == "true"
				m.Advanced, ok = &adv, true
			}
		case "placement":
			if v.kind == yamlNull {
				return true
			}
			m.Placement, ok = yamlPlacement(v)
		}
		return ok
	})
	return m, ok
}

// yamlPlacement is a placement; like the full path, it needs a date and a
// monthly rate, and the rate must parse as money in the currency.
func yamlPlacement(v yamlNode) (*Placement, bool) {
	var pl Placement
	var rate, currency string
	var hasDate, hasRate bool
	ok := yamlStruct(v, func(k string, v yamlNode) (ok bool) {
		switch k {
		case "date":
			hasDate = v.kind != yamlNull
			pl.Date, ok = yamlDate(v)
		case "monthly_rate":
			hasRate = v.kind != yamlNull
			rate, ok = yamlText(v)
		case "currency":
			currency, ok = yamlText(v)
		case "until":
			pl.Until, ok = yamlDate(v)
		}
		return ok
	})
	if !ok || !hasDate || !hasRate {
		return nil, false
	}
	m, err := ParseMoney(rate, currency)
	if err != nil {
		return nil, false
	}
	pl.MonthlyRate = m
	return &pl, true
}

// yamlStruct calls field for each key of a mapping; field reports false for
// an unknown key or a value it cannot take. Nothing is a zero struct.
func yamlStruct(v yamlNode, field func(k string, v yamlNode) bool) bool {
	switch v.kind {
	case yamlNull:
		return true
	case yamlMap:
		for _, e := range v.entries {
			if !field(e.key, e.val) {
				return false
			}
		}
		return true
	}
	return false
}

// yamlListOf converts each item of a list; nothing is a nil list, and an
// empty item the zero value.
func yamlListOf[T any](v yamlNode, item func(yamlNode) (T, bool)) ([]T, bool) {
	switch v.kind {
	case yamlNull:
		return nil, true
	case yamlList:
		out := make([]T, len(v.items))
		for i, it := range v.items {
			if it.kind == yamlNull {
				continue
			}
			x, ok := item(it)
			if !ok {
				return nil, false
			}
			out[i] = x
		}
		return out, true
	}
	return nil, false
}

// yamlMapOf converts each value of a mapping; nothing is a nil map, and an
// empty value the zero value.
func yamlMapOf[T any](v yamlNode, value func(yamlNode) (T, bool)) (map[string]T, bool) {
	switch v.kind {
	case yamlNull:
		return nil, true
	case yamlMap:
		out := make(map[string]T, len(v.entries))
		for _, e := range v.entries {
			var x T
			if e.val.kind != yamlNull {
				var ok bool
				if x, ok = value(e.val); !ok {
					return nil, false
				}
			}
			out[e.key] = x
		}
		return out, true
	}
	return nil, false
}

// yamlText is a text field: a scalar's text as written, as the full path
// takes numbers and booleans in text fields.
func yamlText(v yamlNode) (string, bool) {
	switch v.kind {
	case yamlNull:
		return "", true
	case yamlPlain, yamlQuoted:
		return v.text, true
	}
	return "", false
}

func yamlLevel(v yamlNode) (LevelID, bool) {
	s, ok := yamlText(v)
	return LevelID(s), ok
}

func yamlDate(v yamlNode) (time.Time, bool) {
	if v.kind == yamlNull {
		return time.Time{}, true
	}
	s, ok := yamlText(v)
	if !ok {
		return time.Time{}, false
	}
	t, err := ParseDate(s)
	return t, err == nil
}

// yamlMetric is a metric value as the full path reads it: int64, float64,
// bool or string. Plain scalars are taken only in forms every YAML reader
// types alike: true, false, decimal integers and decimal fractions, and
// words that start with a letter and are not YAML 1.1 booleans.
func yamlMetric(v yamlNode) (any, bool) {
	switch v.kind {
	case yamlQuoted:
		return v.text, true
	case yamlPlain:
	default:
		return nil, false
	}
	s := v.text
	switch s {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	c := s[0]
	if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
		switch strings.ToLower(s) {
		case "true", "false", "yes", "no", "on", "off", "y", "n", "null":
			return nil, false
		}
		return s, true
	}
	digits, frac, isFrac := strings.Cut(strings.TrimPrefix(s, "-"), ".")
	if !decimalDigits(digits) || len(digits) > 18 || len(digits) > 1 && digits[0] == '0' {
		return nil, false
	}
	if !isFrac {
		i, err := strconv.ParseInt(s, 10, 64)
		return i, err == nil
	}
	if !decimalDigits(frac) || len(frac) > 17 {
		return nil, false
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

func decimalDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

package ladder

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/ladderkit/ladder/internal/yamlsrc"
)

// This file reads a profile (YAML or JSON) into a Person.
//
// Most profiles are plain JSON, or YAML in the block-and-flow style people
// write by hand, and general YAML parsing is most of ParsePerson's cost. The
// fast readers of internal/yamlsrc read those into the same node tree as the
// full parser, and the same decoder reads the Person from it. A document the
// fast readers decline, or one with a problem, goes the full way, which
// reports every problem with its position.

// ParsePerson parses a profile written in YAML or JSON. It is strict: unknown
// keys and values of the wrong type are errors. Every problem is reported at
// once, as ProfileErrors naming each field path with its line and column.
// Checks that need the ladder (known levels, metrics, checklist items)
// happen in Evaluate.
//
// On problems, the Person returned holds the fields that did decode, and
// remembers the problems: evaluating it (Ladder.Evaluate, Standings, Path)
// never gives a report, but the problems again together with those the
// ladder finds in the fields that decoded (an unknown level, a misspelt
// metric), all in document order, so that a profile's problems come at
// once rather than one round of fixes at a time.
func ParsePerson(data []byte) (Person, error) {
	p, errs, decoded := parsePerson(data)
	if errs == nil {
		return p, nil
	}
	p.src = &record{line: 1, doc: data, failed: errs, decoded: decoded}
	return p, errs
}

// parsePerson is ParsePerson: the person, and on problems the problems and
// whether the person holds the fields that decoded (false when nothing
// could be read, such as a YAML syntax error).
func parsePerson(data []byte) (Person, ProfileErrors, bool) {
	if len(data) > maxFileSize {
		return Person{}, ProfileErrors{{Message: fmt.Sprintf("profile is %d bytes, over the limit of %d", len(data), maxFileSize)}}, false
	}
	if fast, ok := parseJSONPerson(data); ok {
		return fast, nil, true
	}
	if fast, ok := parseFastYAMLPerson(data); ok {
		return fast, nil, true
	}
	return parseYAMLPartial(data)
}

// parseJSONPerson reads a plain JSON profile, or returns false when data
// must go the full way.
func parseJSONPerson(data []byte) (Person, bool) {
	a := yamlsrc.NewArena()
	defer a.Release() // the Person holds no node, only strings and values copied out
	return fastPerson(a.ParseJSON(data))
}

// parseFastYAMLPerson reads a profile in the usual subset of YAML, or
// returns false when data must go the full way.
func parseFastYAMLPerson(data []byte) (Person, bool) {
	a := yamlsrc.NewArena()
	defer a.Release()
	return fastPerson(a.ParseFast(data))
}

// fastPerson decodes the profile a fast reader read, when it read one: the
// Person, and whether it holds no problem.
func fastPerson(root *node, read bool) (Person, bool) {
	if !read {
		return Person{}, false
	}
	p, d := decodePerson(root, nil, true)
	return p, len(d.problems) == 0
}

// decodePerson decodes the profile in the document root, whose lines are
// lines, and checks that it has the keys every profile needs.
func decodePerson(root *node, lines []string, fast bool) (Person, *decoder) {
	var p Person
	d := &decoder{fast: true}
	if !fast {
		d = newDecoder(lines)
	}
	d.decode(root, reflect.ValueOf(&p).Elem(), "")
	if len(d.problems) == 0 {
		if p.ID == "" {
			d.addf(root, "", missingKey("id"), "missing required key %q", "id")
		}
		if p.Level == "" {
			d.addf(root, "", missingKey("level"), "missing required key %q", "level")
		}
	}
	return p, d
}

// parseYAMLPerson is ParsePerson's full path: every document, and every
// problem with its position and field path.
func parseYAMLPerson(data []byte) (Person, error) {
	p, errs, _ := parseYAMLPartial(data)
	if errs != nil {
		return p, errs
	}
	return p, nil
}

// parseYAMLPartial is parseYAMLPerson, with the person as far as it
// decoded when there are problems, and whether it did (parsePerson).
func parseYAMLPartial(data []byte) (Person, ProfileErrors, bool) {
	root, lines, prob := parseYAML(data)
	if prob != nil {
		msg := prob.msg
		if trimmed := bytes.TrimSpace(data); len(trimmed) > 0 && trimmed[0] == '{' {
			msg = strings.Replace(msg, "invalid YAML: ", "invalid JSON: ", 1) // JSON parses as YAML
		}
		return Person{}, ProfileErrors{{Line: prob.line, Column: prob.col, Message: msg}}, false
	}
	if root == nil {
		return Person{}, ProfileErrors{{Message: "profile is empty"}}, false
	}
	p, d := decodePerson(root, lines, false)
	if len(d.problems) > 0 {
		errs := make(ProfileErrors, len(d.problems))
		for i, pr := range d.problems {
			errs[i] = &ProfileError{Path: pr.path, Line: pr.line, Column: pr.col, Message: pr.msg, Err: pr.err}
		}
		errs.sortByPosition()
		if d.dropped > 0 {
			// Past the limit, the problems the ladder would find are not
			// worth adding: the person is not kept.
			errs = append(errs, &ProfileError{Message: moreProblems(d.dropped)})
			return Person{}, errs, false
		}
		// A document that is not a mapping decoded nothing.
		return p, errs, root.Kind == yamlsrc.Map
	}
	return p, nil, true
}

// missingKey is the cause of a problem about a required key of a profile
// that is absent: the ladder's "missing" complaint about that field is the
// same problem.
type missingKey string

func (k missingKey) Error() string { return fmt.Sprintf("missing required key %q", string(k)) }

// Locate sets Line and Column on the problems that have none, by finding
// their field paths in data, the document the profile was parsed from, and
// then puts the problems in document order.
// Evaluate reports problems by field path alone, so that it needs nothing
// but the Person; a caller that still has the document, such as a command
// reporting on files, can point at the line too.
func (es ProfileErrors) Locate(data []byte) {
	root, lines, prob := parseYAML(data)
	if prob != nil || root == nil {
		return
	}
	d := newDecoder(lines)
	var p Person
	d.decode(root, reflect.ValueOf(&p).Elem(), "")
	for _, e := range es {
		switch {
		case e.Line != 0 || e.Path == "":
		case errors.Is(e.Err, ErrUnknownMetric):
			e.Line, e.Column = d.keyPos(e.Path) // the name is what is wrong
		default:
			e.Line, e.Column = d.pos(e.Path)
		}
	}
	es.sortByPosition()
}

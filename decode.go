package ladder

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ladderkit/ladder/internal/suggest"
	"github.com/ladderkit/ladder/internal/yamlsrc"
)

// This file decodes a document's node tree (internal/yamlsrc reads YAML and
// JSON into one) into Go values, so that every problem is collected with its
// position and field path instead of stopping at the first one. Each of the
// readers gives the same tree, so each field is read here and nowhere else.

// node is a value of a YAML or JSON document, with its position.
type node = yamlsrc.Node

// problem is one decoding or validation problem, before it becomes a
// DefinitionError or a ProfileError.
type problem struct {
	path      string
	line, col int
	msg       string
	err       error
}

// decoder walks a YAML syntax tree into Go values, collecting problems and
// remembering the node of every path it decoded.
type decoder struct {
	lines    []string
	problems []problem
	dropped  int // problems not recorded, over maxProblems
	nodes    map[string]*node
	// fast is set for the fast readers' trees: the decoder keeps no
	// positions or paths, and a problem only says that there is one, for
	// the document then goes the full way.
	fast bool
}

// nodeUnmarshaler is implemented by types that decode themselves from a node.
type nodeUnmarshaler interface {
	unmarshalNode(d *decoder, n *node, path string)
}

// parseYAML parses one YAML document with the full parser: its body (nil
// for an empty document) and lines, or the syntax problem.
func parseYAML(data []byte) (*node, []string, *problem) {
	root, lines, p := yamlsrc.Parse(data)
	if p != nil {
		return nil, lines, &problem{line: p.Line, col: p.Col, msg: p.Msg}
	}
	return root, lines, nil
}

func newDecoder(lines []string) *decoder {
	return &decoder{lines: lines, nodes: map[string]*node{}}
}

// addf records a problem at node n (which may be nil).
func (d *decoder) addf(n *node, path string, err error, format string, args ...any) {
	if d.fast {
		d.problems = append(d.problems, problem{})
		return
	}
	if len(d.problems) >= maxProblems {
		d.dropped++
		return
	}
	p := problem{path: path, msg: fmt.Sprintf(format, args...), err: err}
	p.line, p.col = nodePos(n)
	d.problems = append(d.problems, p)
}

// moreProblems is the last line of an error that lists maxProblems
// problems and leaves out n more.
func moreProblems(n int) string {
	return fmt.Sprintf("and %d more problems (only the first %d are listed)", n, maxProblems)
}

// nodePos returns the 1-based line and column where n starts.
func nodePos(n *node) (int, int) {
	if n == nil {
		return 0, 0
	}
	return int(n.Line), int(n.Col)
}

// pos returns the position of the node decoded at path, or of the nearest
// decoded ancestor when the path itself was absent from the file.
func (d *decoder) pos(path string) (int, int) {
	for {
		if n, ok := d.nodes[path]; ok {
			return nodePos(n)
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			if n, ok := d.nodes[""]; ok {
				return nodePos(n)
			}
			return 0, 0
		}
		path = path[:i]
	}
}

// keyPos returns the position of the key of a field path (its name in the
// file) when it is there, else that of the nearest ancestor.
func (d *decoder) keyPos(path string) (int, int) {
	if n, ok := d.nodes[path+"#key"]; ok {
		return nodePos(n)
	}
	return d.pos(path)
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func indexPath(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

// join is joinPath, but for a fast decoder, which keeps no paths.
func (d *decoder) join(path, key string) string {
	if d.fast {
		return ""
	}
	return joinPath(path, key)
}

// index is indexPath, but for a fast decoder, which keeps no paths.
func (d *decoder) index(path string, i int) string {
	if d.fast {
		return ""
	}
	return indexPath(path, i)
}

// record remembers that the node at path is n, for positions.
func (d *decoder) record(path string, n *node) {
	if !d.fast {
		d.nodes[path] = n
	}
}

// recordKey remembers that the key of the field at path is n, for keyPos.
func (d *decoder) recordKey(path string, n *node) {
	if !d.fast {
		d.nodes[path+"#key"] = n
	}
}

// field returns the value of key in mapping n, or nil when n is not a
// mapping or the key is absent or holds nothing.
func field(n *node, key string) *node {
	if n == nil || n.Kind != yamlsrc.Map {
		return nil
	}
	for _, kv := range n.Entries {
		k := kv.Key.Str
		if kv.Key.Kind != yamlsrc.String {
			k = kv.Key.Text
		}
		if k == key {
			switch v := kv.Value; v.Kind {
			case yamlsrc.Null, yamlsrc.Alias, yamlsrc.Tag, yamlsrc.MergeKey:
				return nil
			default:
				return v
			}
		}
	}
	return nil
}

// resolve refuses aliases, tags and merge keys, and returns nil for
// nothing: ladders and profiles are plain data, and aliases are the door to
// "billion laughs" documents.
func (d *decoder) resolve(n *node, path string) *node {
	if n == nil {
		return nil
	}
	switch n.Kind {
	case yamlsrc.Alias:
		d.addf(n, path, nil, "YAML aliases are not supported: write the value out")
		return nil
	case yamlsrc.Tag:
		d.addf(n, path, nil, "YAML tags are not supported")
		return nil
	case yamlsrc.MergeKey: // a key, resolved with the path of its mapping
		d.addf(n, joinPath(path, "<<"), nil, "YAML merge keys are not supported: write the keys out")
		return nil
	case yamlsrc.Null:
		return nil
	}
	return n
}

var (
	timeType        = reflect.TypeFor[time.Time]()
	unmarshalerType = reflect.TypeFor[nodeUnmarshaler]()
)

// A plan is what decoding needs to know of a type, worked out once so that
// decoding a value asks reflection as little as it can: whether the type
// decodes itself, and the plans of its elements or fields.
type plan struct {
	self   bool  // a pointer to the type is a nodeUnmarshaler
	time   bool  // a time.Time: a civil date
	elem   *plan // a pointer's, list's or map's element
	fields []structField
	names  []string // the fields' names, for did-you-mean
}

// structField is a struct field that has a name in YAML.
type structField struct {
	name  string
	index int
	plan  *plan
}

var plans sync.Map // reflect.Type → *plan

// planOf returns the plan of type t.
func planOf(t reflect.Type) *plan {
	if p, ok := plans.Load(t); ok {
		return p.(*plan)
	}
	p, _ := plans.LoadOrStore(t, buildPlan(t, map[reflect.Type]*plan{}))
	return p.(*plan)
}

// buildPlan works out the plan of t; seen holds the plans being built, for
// types that hold themselves.
func buildPlan(t reflect.Type, seen map[reflect.Type]*plan) *plan {
	if p := seen[t]; p != nil {
		return p
	}
	p := &plan{self: reflect.PointerTo(t).Implements(unmarshalerType), time: t == timeType}
	seen[t] = p
	if p.self || p.time {
		return p
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map:
		p.elem = buildPlan(t.Elem(), seen)
	case reflect.Struct:
		for i := range t.NumField() {
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
			if name == "" || name == "-" {
				continue
			}
			p.fields = append(p.fields, structField{name, i, buildPlan(t.Field(i).Type, seen)})
			p.names = append(p.names, name)
		}
	}
	return p
}

// field returns the struct field named name in YAML, or nil.
func (p *plan) field(name string) *structField {
	for i := range p.fields {
		if p.fields[i].name == name {
			return &p.fields[i]
		}
	}
	return nil
}

// fieldsOf returns the fields of struct type t that have a name in YAML.
func fieldsOf(t reflect.Type) []structField { return planOf(t).fields }

// decode decodes node n into v, which must be addressable.
func (d *decoder) decode(n *node, v reflect.Value, path string) {
	d.decodePlan(n, v, planOf(v.Type()), path)
}

// decodePlan is decode, with the plan of v's type.
func (d *decoder) decodePlan(n *node, v reflect.Value, pl *plan, path string) {
	if n = d.resolve(n, path); n == nil {
		return
	}
	d.record(path, n)
	if pl.self && v.CanAddr() {
		v.Addr().Interface().(nodeUnmarshaler).unmarshalNode(d, n, path)
		return
	}
	if pl.time {
		if t, ok := d.date(n, path); ok {
			if v.CanAddr() {
				*v.Addr().Interface().(*time.Time) = t // without boxing t
			} else {
				v.Set(reflect.ValueOf(t))
			}
		}
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		e := reflect.New(v.Type().Elem())
		d.decodePlan(n, e.Elem(), pl.elem, path)
		v.Set(e)
	case reflect.String:
		if s, ok := d.scalarText(n, path); ok {
			v.SetString(s)
		}
	case reflect.Bool:
		if n.Kind != yamlsrc.Bool {
			d.addf(n, path, nil, "want true or false, got %s", n.Describe())
			return
		}
		v.SetBool(n.Bool)
	case reflect.Int, reflect.Int64, reflect.Int32:
		i, ok := d.integer(n, path)
		if ok && v.OverflowInt(i) {
			d.addf(n, path, nil, "integer %d is out of range", i)
			return
		}
		if ok {
			v.SetInt(i)
		}
	case reflect.Float64:
		d.float(n, v, path)
	case reflect.Slice:
		if n.Kind != yamlsrc.Seq {
			d.addf(n, path, nil, "want a list, got %s", n.Describe())
			return
		}
		if len(n.Items) == 0 {
			v.Set(reflect.MakeSlice(v.Type(), 0, 0)) // empty, not nil
			return
		}
		// Grown in place, the list is one allocation, where MakeSlice is two.
		v.SetZero()
		v.Grow(len(n.Items))
		v.SetLen(len(n.Items))
		for i, item := range n.Items {
			d.decodePlan(item, v.Index(i), pl.elem, d.index(path, i))
		}
	case reflect.Map:
		m, ok := d.mapping(n, path)
		if !ok {
			return
		}
		out := reflect.MakeMapWithSize(v.Type(), len(m))
		// One key and one value serve every entry: SetMapIndex copies them.
		k := reflect.New(v.Type().Key()).Elem()
		e := reflect.New(v.Type().Elem()).Elem()
		for _, kv := range m {
			key, _ := d.scalarText(kv.Key, path)
			p := d.join(path, key)
			d.recordKey(p, kv.Key)
			e.SetZero()
			d.decodePlan(kv.Value, e, pl.elem, p)
			k.SetString(key)
			out.SetMapIndex(k, e)
		}
		v.Set(out)
	case reflect.Struct:
		d.decodeStructPlan(n, v, pl, path)
	case reflect.Interface:
		d.decodeAny(n, v, path)
	default:
		d.addf(n, path, nil, "cannot decode into %s", v.Type())
	}
}

// float decodes a number into the float64 v.
func (d *decoder) float(n *node, v reflect.Value, path string) {
	switch n.Kind {
	case yamlsrc.Int:
		if i, ok := d.integer(n, path); ok {
			v.SetFloat(float64(i))
		}
		return
	case yamlsrc.Float:
		if _, msg := n.NumberForm(); msg != "" {
			d.addf(n, path, nil, "%s", msg)
			return
		}
		v.SetFloat(n.Float)
		return
	}
	switch x, msg := n.NumberForm(); x := x.(type) {
	case nil:
		if msg != "" {
			d.addf(n, path, nil, "%s", msg)
			return
		}
	case int64:
		v.SetFloat(float64(x))
		return
	case float64:
		v.SetFloat(x)
		return
	}
	d.addf(n, path, nil, "want a number, got %s", n.Describe())
}

// mapping returns the key-value pairs of a mapping node.
func (d *decoder) mapping(n *node, path string) ([]yamlsrc.Entry, bool) {
	if n.Kind == yamlsrc.Map {
		return n.Entries, true
	}
	d.addf(n, path, nil, "want a mapping of keys to values, got %s", n.Describe())
	return nil, false
}

// decodeStruct decodes mapping n into the struct v.
func (d *decoder) decodeStruct(n *node, v reflect.Value, path string) {
	d.decodeStructPlan(n, v, planOf(v.Type()), path)
}

// decodeStructPlan is decodeStruct, with the plan of v's type.
func (d *decoder) decodeStructPlan(n *node, v reflect.Value, pl *plan, path string) {
	m, ok := d.mapping(n, path)
	if !ok {
		return
	}
	for _, kv := range m {
		key, ok := d.scalarText(kv.Key, path)
		if !ok {
			continue
		}
		f := pl.field(key)
		if f == nil {
			d.addf(kv.Key, joinPath(path, key), nil, "unknown key %q%s", key, suggest.DidYouMean(key, pl.names))
			continue
		}
		p := d.join(path, key)
		d.recordKey(p, kv.Key)
		d.decodePlan(kv.Value, v.Field(f.index), f.plan, p)
	}
}

// decodeAny decodes a scalar into an interface value: int64, float64, bool
// or string.
func (d *decoder) decodeAny(n *node, v reflect.Value, path string) {
	var x any
	if x, msg := n.NumberForm(); msg != "" {
		d.addf(n, path, nil, "%s", msg)
		return
	} else if x != nil {
		v.Set(reflect.ValueOf(x))
		return
	}
	switch n.Kind {
	case yamlsrc.Int:
		i, ok := d.integer(n, path)
		if !ok {
			return
		}
		x = i
	case yamlsrc.Float:
		x = n.Float
	case yamlsrc.Bool:
		x = n.Bool
	case yamlsrc.String:
		if n.OutOfRange() {
			d.addf(n, path, nil, "integer %s is out of range", n.Text)
			return
		}
		x = n.Str
	case yamlsrc.Special:
		d.addf(n, path, nil, "want a finite number, got %s", n.Text)
		return
	default:
		d.addf(n, path, nil, "want a single value, got %s", n.Describe())
		return
	}
	v.Set(reflect.ValueOf(x))
}

// scalarText returns the text of a scalar. Numbers and booleans are accepted
// as their written text (a title of 2024 is the string "2024").
func (d *decoder) scalarText(n *node, path string) (string, bool) {
	if n = d.resolve(n, path); n == nil {
		return "", false
	}
	switch n.Kind {
	case yamlsrc.String:
		return n.Str, true
	case yamlsrc.Int, yamlsrc.Float, yamlsrc.Bool, yamlsrc.Special, yamlsrc.Scalar:
		return n.Text, true
	}
	d.addf(n, path, nil, "want text, got %s", n.Describe())
	return "", false
}

func (d *decoder) integer(n *node, path string) (int64, bool) {
	switch x, msg := n.NumberForm(); x := x.(type) {
	case nil:
		if msg != "" {
			d.addf(n, path, nil, "%s", msg)
			return 0, false
		}
	case int64:
		return x, true
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return int64(x), true
		}
		d.addf(n, path, nil, "want a whole number, got %s", n.Describe())
		return 0, false
	}
	if n.Kind != yamlsrc.Int {
		if n.Kind == yamlsrc.Float && n.Float == math.Trunc(n.Float) && math.Abs(n.Float) < 1<<53 {
			return int64(n.Float), true
		}
		if n.OutOfRange() {
			d.addf(n, path, nil, "integer %s is out of range", n.Text)
			return 0, false
		}
		d.addf(n, path, nil, "want a whole number, got %s", n.Describe())
		return 0, false
	}
	if n.Overflow {
		d.addf(n, path, nil, "integer %s is out of range", n.Text)
		return 0, false
	}
	return n.Int, true
}

// date decodes a civil date written as YYYY-MM-DD.
func (d *decoder) date(n *node, path string) (time.Time, bool) {
	s, ok := d.scalarText(n, path)
	if !ok {
		return time.Time{}, false
	}
	t, err := ParseDate(s)
	if err != nil {
		d.addf(n, path, nil, "%v", err)
		return time.Time{}, false
	}
	return t, true
}

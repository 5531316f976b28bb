// Package jsonform writes values in the ladder package's JSON form, from
// their types' json tags: keys in the order the fields are declared,
// time.Time as a civil date (YYYY-MM-DD), a NaN as null, a nil slice as []
// unless the field is omitempty, and <, > and & left as they are, so that
// rules read as written.
//
// Marshal calls a type's MarshalJSON where it has one. MarshalFields writes
// a value by its fields even when its type has the method, so that the
// method itself can be
//
//	func (x X) MarshalJSON() ([]byte, error) { return jsonform.MarshalFields(x) }
//
// A type whose MarshalJSON is that can say so with Fields, and is then
// written field by field where it is met; Custom gives a type a writer that
// appends to the output, in place of a MarshalJSON that returns a new slice.
package jsonform

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Marshal returns v in compact JSON.
func Marshal(v any) ([]byte, error) {
	return appendValue(make([]byte, 0, 256), v, false)
}

// MarshalFields returns v in compact JSON, written by its fields: a
// MarshalJSON method of v's own type is not called; those of the values v
// holds are.
func MarshalFields(v any) ([]byte, error) {
	return appendValue(make([]byte, 0, 256), v, true)
}

// AppendFields is MarshalFields appending to dst.
func AppendFields(dst []byte, v any) ([]byte, error) {
	return appendValue(dst, v, true)
}

func appendValue(dst []byte, v any, fields bool) ([]byte, error) {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() {
		return append(dst, "null"...), nil
	}
	if rv.Kind() == reflect.Struct {
		// An addressable copy, so that fields are read in place, not
		// boxed in an interface each.
		p := reflect.New(rv.Type()).Elem()
		p.Set(rv)
		rv = p
	}
	return encoderFor(rv.Type(), fields)(dst, rv)
}

// Indent appends compact, valid JSON to dst indented by two spaces, as
// json.Indent(dst, compact, "", "  ") would, without its validation: the
// JSON comes from Marshal.
func Indent(dst, compact []byte) []byte {
	depth := 0
	newline := func() {
		dst = append(dst, '\n')
		for range depth {
			dst = append(dst, "  "...)
		}
	}
	for i := 0; i < len(compact); i++ {
		c := compact[i]
		switch c {
		case '"':
			j := i + 1
			for compact[j] != '"' {
				if compact[j] == '\\' {
					j++
				}
				j++
			}
			dst = append(dst, compact[i:j+1]...)
			i = j
		case '{', '[':
			dst = append(dst, c)
			if i+1 < len(compact) && (compact[i+1] == '}' || compact[i+1] == ']') {
				dst = append(dst, compact[i+1])
				i++
				continue
			}
			depth++
			newline()
		case '}', ']':
			depth--
			newline()
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			newline()
		case ':':
			dst = append(dst, ':', ' ')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// Fields marks types whose MarshalJSON is MarshalFields of the value
// itself: they are written field by field where they are met, without
// calling it.
func Fields(types ...reflect.Type) {
	for _, t := range types {
		byFields.Store(t, true)
	}
}

// Custom has write append values of type T wherever they are met.
func Custom[T any](write func(dst []byte, v *T) ([]byte, error)) {
	custom.Store(reflect.TypeFor[T](), encoder(func(dst []byte, v reflect.Value) ([]byte, error) {
		if v.CanAddr() {
			return write(dst, v.Addr().Interface().(*T))
		}
		x := v.Interface().(T)
		return write(dst, &x)
	}))
}

type encoder func(dst []byte, v reflect.Value) ([]byte, error)

type cacheKey struct {
	t    reflect.Type
	self bool // v's own MarshalJSON is skipped
}

var (
	byFields sync.Map // reflect.Type → true
	custom   sync.Map // reflect.Type → encoder
	encoders sync.Map // cacheKey → encoder
	timeType = reflect.TypeFor[time.Time]()
	marshal  = reflect.TypeFor[json.Marshaler]()
)

func encoderFor(t reflect.Type, skipMethod bool) encoder {
	key := cacheKey{t, skipMethod}
	if e, ok := encoders.Load(key); ok {
		return e.(encoder)
	}
	// A recursive type finds this indirection while its encoder is built.
	var (
		wg sync.WaitGroup
		f  encoder
	)
	wg.Add(1)
	if e, loaded := encoders.LoadOrStore(key, encoder(func(dst []byte, v reflect.Value) ([]byte, error) {
		wg.Wait()
		return f(dst, v)
	})); loaded {
		return e.(encoder)
	}
	defer wg.Done()
	f = newEncoder(t, skipMethod)
	encoders.Store(key, f)
	return f
}

func newEncoder(t reflect.Type, skipMethod bool) encoder {
	if e, ok := custom.Load(t); ok && !skipMethod {
		return e.(encoder)
	}
	if t.Kind() == reflect.Interface {
		// The value it holds, by that value's type.
		return func(dst []byte, v reflect.Value) ([]byte, error) {
			if v.IsNil() {
				return append(dst, "null"...), nil
			}
			e := v.Elem()
			return encoderFor(e.Type(), false)(dst, e)
		}
	}
	if _, fields := byFields.Load(t); !fields && !skipMethod && t != timeType {
		switch {
		case t.Implements(marshal):
			// A pointer to a type that has the method itself is written
			// through that type, which may be written by fields.
			if t.Kind() != reflect.Pointer || !t.Elem().Implements(marshal) {
				return marshalerEncoder
			}
		case t.Kind() != reflect.Pointer && reflect.PointerTo(t).Implements(marshal):
			// The method is on the pointer: called where the value is
			// addressable, as encoding/json does. Marshal copies a struct
			// it is given, so its fields always are.
			plain := newEncoder(t, true)
			return func(dst []byte, v reflect.Value) ([]byte, error) {
				if v.CanAddr() {
					return marshalerEncoder(dst, v.Addr())
				}
				return plain(dst, v)
			}
		}
	}
	switch t {
	case timeType:
		return func(dst []byte, v reflect.Value) ([]byte, error) {
			if v.CanAddr() {
				return appendString(dst, date(*v.Addr().Interface().(*time.Time))), nil
			}
			return appendString(dst, date(v.Interface().(time.Time))), nil
		}
	}
	switch t.Kind() {
	case reflect.String:
		return func(dst []byte, v reflect.Value) ([]byte, error) { return appendString(dst, v.String()), nil }
	case reflect.Bool:
		return func(dst []byte, v reflect.Value) ([]byte, error) { return strconv.AppendBool(dst, v.Bool()), nil }
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return func(dst []byte, v reflect.Value) ([]byte, error) { return strconv.AppendInt(dst, v.Int(), 10), nil }
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return func(dst []byte, v reflect.Value) ([]byte, error) { return strconv.AppendUint(dst, v.Uint(), 10), nil }
	case reflect.Float32, reflect.Float64:
		bits := t.Bits()
		return func(dst []byte, v reflect.Value) ([]byte, error) { return appendFloat(dst, v.Float(), bits) }
	case reflect.Pointer:
		elem := encoderFor(t.Elem(), false)
		return func(dst []byte, v reflect.Value) ([]byte, error) {
			if v.IsNil() {
				return append(dst, "null"...), nil
			}
			return elem(dst, v.Elem())
		}
	case reflect.Slice, reflect.Array:
		if t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8 && !reflect.PointerTo(t.Elem()).Implements(marshal) {
			// Bytes as base64, as encoding/json writes them.
			return func(dst []byte, v reflect.Value) ([]byte, error) {
				if v.IsNil() {
					return append(dst, "null"...), nil
				}
				dst = append(dst, '"')
				dst = base64.StdEncoding.AppendEncode(dst, v.Bytes())
				return append(dst, '"'), nil
			}
		}
		elem := encoderFor(t.Elem(), false)
		return func(dst []byte, v reflect.Value) (_ []byte, err error) {
			dst = append(dst, '[')
			for i := range v.Len() {
				if i > 0 {
					dst = append(dst, ',')
				}
				if dst, err = elem(dst, v.Index(i)); err != nil {
					return dst, err
				}
			}
			return append(dst, ']'), nil
		}
	case reflect.Struct:
		return structEncoder(t)
	case reflect.Map:
		if t.Key().Kind() == reflect.String {
			return mapEncoder(t)
		}
	}
	// Interfaces and the rest: as encoding/json writes them.
	return func(dst []byte, v reflect.Value) ([]byte, error) {
		var b strings.Builder
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v.Interface()); err != nil {
			return dst, err
		}
		return append(dst, strings.TrimSuffix(b.String(), "\n")...), nil
	}
}

// mapEncoder writes a map with string keys as an object, its keys in
// sorted order, its values as this package writes them.
func mapEncoder(t reflect.Type) encoder {
	elem := encoderFor(t.Elem(), false)
	return func(dst []byte, v reflect.Value) (_ []byte, err error) {
		if v.IsNil() {
			return append(dst, "null"...), nil
		}
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
		dst = append(dst, '{')
		for i, k := range keys {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendString(dst, k.String())
			dst = append(dst, ':')
			if dst, err = elem(dst, v.MapIndex(k)); err != nil {
				return dst, err
			}
		}
		return append(dst, '}'), nil
	}
}

func marshalerEncoder(dst []byte, v reflect.Value) ([]byte, error) {
	if (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) && v.IsNil() {
		return append(dst, "null"...), nil
	}
	b, err := v.Interface().(json.Marshaler).MarshalJSON()
	if err != nil {
		return dst, fmt.Errorf("json: error calling MarshalJSON for type %s: %w", v.Type(), err)
	}
	return append(dst, b...), nil
}

// field is one written field of a struct.
type field struct {
	index     []int
	name      string
	key       []byte // `"name":`; nil for a name two fields clash on
	omitEmpty bool
	omitZero  bool
	enc       encoder
}

func structEncoder(t reflect.Type) encoder {
	fields := structFields(t, nil)
	return func(dst []byte, v reflect.Value) (_ []byte, err error) {
		dst = append(dst, '{')
		first := true
		for i := range fields {
			f := &fields[i]
			fv, ok := fieldByIndex(v, f.index)
			if !ok || f.omitEmpty && isEmpty(fv) || f.omitZero && isZero(fv) {
				continue
			}
			if !first {
				dst = append(dst, ',')
			}
			first = false
			dst = append(dst, f.key...)
			if dst, err = f.enc(dst, fv); err != nil {
				return dst, err
			}
		}
		return append(dst, '}'), nil
	}
}

// structFields lists the written fields of t in declaration order. The
// fields of an embedded struct stand in its place. Where two fields have
// the same name, the shallower one is written, in the place of the first
// of them (so a field of the outer struct can take the place of an
// embedded one); two at the same depth are both left out, as encoding/json
// does.
func structFields(t reflect.Type, at []int) []field {
	fields := collectFields(t, at)
	out := fields[:0]
	for _, f := range fields {
		if f.key != nil {
			out = append(out, f)
		}
	}
	return out
}

func collectFields(t reflect.Type, at []int) []field {
	var out []field
	for i := range t.NumField() {
		sf := t.Field(i)
		index := append(append([]int(nil), at...), i)
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if sf.Anonymous && name == "" {
			et := sf.Type
			if et.Kind() == reflect.Pointer {
				et = et.Elem()
			}
			if et.Kind() == reflect.Struct {
				for _, f := range collectFields(et, index) {
					out = replace(out, f)
				}
				continue
			}
		}
		if !sf.IsExported() {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		out = replace(out, field{
			index:     index,
			name:      name,
			key:       append(appendString(nil, name), ':'),
			omitEmpty: strings.Contains(","+opts+",", ",omitempty,"),
			omitZero:  strings.Contains(","+opts+",", ",omitzero,"),
			enc:       encoderFor(sf.Type, false),
		})
	}
	return out
}

// replace adds f to fields, or settles its clash with the field of the
// same name: the shallower one stays in that place; at the same depth the
// place is kept with no field (a nil key), so that neither is written.
func replace(fields []field, f field) []field {
	for i := range fields {
		old := &fields[i]
		if old.name != f.name {
			continue
		}
		switch {
		case len(f.index) < len(old.index):
			*old = f
		case len(f.index) == len(old.index):
			old.key = nil
		}
		return fields
	}
	return append(fields, f)
}

func fieldByIndex(v reflect.Value, index []int) (reflect.Value, bool) {
	for i, x := range index {
		if i > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return v, false
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v, true
}

// isZero is omitzero's test: the zero value, or IsZero where the type has
// it.
func isZero(v reflect.Value) bool {
	if z, ok := v.Interface().(interface{ IsZero() bool }); ok {
		if v.Kind() == reflect.Pointer && v.IsNil() {
			return true
		}
		return z.IsZero()
	}
	return v.IsZero()
}

func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Slice, reflect.Map, reflect.String, reflect.Array:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return v.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return v.Float() == 0
	case reflect.Pointer, reflect.Interface:
		return v.IsNil()
	case reflect.Struct:
		if v.Type() == timeType {
			if v.CanAddr() {
				return v.Addr().Interface().(*time.Time).IsZero()
			}
			return v.Interface().(time.Time).IsZero()
		}
	}
	return false
}

func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// appendFloat writes f as encoding/json does, and NaN or ±Inf as null.
func appendFloat(dst []byte, f float64, bits int) ([]byte, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(dst, "null"...), nil
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21)) {
		format = 'e'
	}
	dst = strconv.AppendFloat(dst, f, format, -1, bits)
	if format == 'e' {
		// clean up e-09 to e-9
		n := len(dst)
		if n >= 4 && dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
			dst[n-2] = dst[n-1]
			dst = dst[:n-1]
		}
	}
	return dst, nil
}

// appendString writes s quoted as encoding/json does without HTML
// escaping: invalid UTF-8 as U+FFFD, and U+2028 and U+2029 escaped.
func appendString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

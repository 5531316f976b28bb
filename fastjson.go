package ladder

import (
	"bytes"
	"encoding/json"
	"strings"
	"time"
	"unicode/utf8"
)

// Profiles exported from other systems are mostly JSON, and the YAML parser
// is most of ParsePerson's cost. parseJSONPerson reads a well-formed JSON
// profile with encoding/json instead. It is strictly a fast path: it
// accepts a document only when the full YAML path would accept it and give
// the same Person, and leaves everything else (including every error, with
// its position and field path) to that path.

// parseJSONPerson returns the profile in data and true, or false when data
// must go the full way.
func parseJSONPerson(data []byte) (Person, bool) {
	var p Person
	if !jsonKeysPlain(data) {
		return p, false
	}
	var f personJSON
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	dec.UseNumber()
	if dec.Decode(&f) != nil || dec.More() {
		return p, false
	}
	if _, err := dec.Token(); err == nil { // trailing data after the object
		return p, false
	}
	if f.ID == "" || f.Level == "" {
		return p, false
	}
	p = Person{ID: f.ID, Name: f.Name, Level: f.Level, LevelSince: f.LevelSince.t, Joined: f.Joined.t,
		Roles: f.Roles, Checklist: f.Checklist, Nominations: nil, Waivers: nil}
	for _, h := range f.History {
		p.History = append(p.History, LevelSpan{Level: h.Level, Since: h.Since.t})
	}
	if f.Metrics != nil {
		p.Metrics = make(map[string]any, len(f.Metrics))
		for k, v := range f.Metrics {
			x, ok := jsonScalar(v)
			if !ok {
				return Person{}, false
			}
			p.Metrics[k] = x
		}
	}
	if f.Assessments != nil {
		p.Assessments = make(map[string]AssessmentResult, len(f.Assessments))
		for k, a := range f.Assessments {
			r := AssessmentResult{Result: a.Result, Date: a.Date.t}
			if a.Panel != nil {
				r.Panel = make([]Panelist, len(a.Panel))
				for i, pn := range a.Panel {
					r.Panel[i] = Panelist{By: pn.By, Level: pn.Level}
				}
			}
			p.Assessments[k] = r
		}
	}
	for _, n := range f.Nominations {
		p.Nominations = append(p.Nominations, Nomination{By: n.By, Level: n.Level, Roles: n.Roles, Date: n.Date.t})
	}
	for _, w := range f.Waivers {
		p.Waivers = append(p.Waivers, Waiver{Check: w.Check, By: w.By, Reason: w.Reason, Date: w.Date.t})
	}
	if mt := f.Mentor; mt != nil {
		p.Mentor = &Mentor{ID: mt.ID, Level: mt.Level, Roles: mt.Roles}
	}
	if f.Breaks != nil {
		p.Breaks = make([]Break, len(f.Breaks))
		for i, b := range f.Breaks {
			p.Breaks[i] = Break{From: b.From.t, Until: b.Until.t}
		}
	}
	for _, m := range f.Mentees {
		me := Mentee{ID: m.ID, Level: m.Level, FromLevel: m.FromLevel, Since: m.Since.t, Until: m.Until.t, Advanced: m.Advanced}
		if pl := m.Placement; pl != nil {
			if pl.MonthlyRate == nil || pl.Date.t.IsZero() {
				return Person{}, false // the full path reports the missing key
			}
			rate, err := ParseMoney(*pl.MonthlyRate, pl.Currency)
			if err != nil {
				return Person{}, false
			}
			me.Placement = &Placement{Date: pl.Date.t, MonthlyRate: rate, Until: pl.Until.t}
		}
		p.Mentees = append(p.Mentees, me)
	}
	return p, true
}

// jsonScalar converts a metric value as encoding/json decoded it to what
// the YAML path gives: int64 for an integer, float64 for other numbers.
func jsonScalar(v any) (any, bool) {
	switch x := v.(type) {
	case nil, bool, string:
		return x, true
	case json.Number:
		if !strings.ContainsAny(string(x), ".eE") {
			i, err := x.Int64()
			return i, err == nil
		}
		f, err := x.Float64()
		return f, err == nil
	}
	return nil, false // a list or an object: the full path explains
}

// jsonKeysPlain reports whether data is a JSON object whose keys are all
// plain ASCII names (letters, digits, _ and -), no object repeats a key, and
// the text is valid UTF-8 without control characters and within the line
// limit. encoding/json matches keys regardless of case and lets a later
// duplicate win, and it would pass invalid UTF-8; the full path refuses all
// of these, so such documents take it.
func jsonKeysPlain(data []byte) bool {
	data = bytes.TrimLeft(data, " \t\r\n")
	if len(data) == 0 || data[0] != '{' || !utf8.Valid(data) || bytes.Count(data, []byte{'\n'}) >= maxLines {
		return false
	}
	type level struct {
		object bool
		keys   []string        // the object's keys so far
		set    map[string]bool // the same, once there are many
	}
	var stack []level
	expectKey := false
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case c < 0x20 && c != '\n' && c != '\r' && c != '\t':
			return false
		case c == '{' || c == '[':
			stack = append(stack, level{object: c == '{'})
			expectKey = c == '{'
		case c == '}' || c == ']':
			if len(stack) == 0 {
				return false
			}
			stack = stack[:len(stack)-1]
			expectKey = false
		case c == ',':
			expectKey = len(stack) > 0 && stack[len(stack)-1].object
		case c == '"':
			j := i + 1
			for j < len(data) && data[j] != '"' {
				if data[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(data) {
				return false
			}
			if expectKey {
				key := string(data[i+1 : j])
				if !plainKey(key) || len(stack) == 0 {
					return false
				}
				top := &stack[len(stack)-1]
				if top.set == nil && len(top.keys) >= 16 {
					top.set = make(map[string]bool, 2*len(top.keys))
					for _, k := range top.keys {
						top.set[k] = true
					}
				}
				if top.set != nil {
					if top.set[key] {
						return false
					}
					top.set[key] = true
				} else {
					for _, k := range top.keys {
						if k == key {
							return false
						}
					}
					top.keys = append(top.keys, key)
				}
				expectKey = false
			}
			i = j
		}
	}
	return len(stack) == 0
}

// plainKey reports whether k is made of lower-case ASCII letters, digits,
// _ and -: encoding/json matches such a key to a field exactly as the full
// path does.
func plainKey(k string) bool {
	if k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// jsonDate is a civil date in a JSON profile.
type jsonDate struct{ t time.Time }

func (d *jsonDate) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	t, err := ParseDate(s)
	d.t = t
	return err
}

// personJSON mirrors Person as written in a JSON profile.
type personJSON struct {
	ID          string         `json:"id"`
	Name        string         `json:"name"`
	Level       LevelID        `json:"level"`
	LevelSince  jsonDate       `json:"level_since"`
	Joined      jsonDate       `json:"joined"`
	History     []spanJSON     `json:"history"`
	Roles       []string       `json:"roles"`
	Metrics     map[string]any `json:"metrics"`
	Checklist   []string       `json:"checklist"`
	Assessments map[string]struct {
		Result string   `json:"result"`
		Date   jsonDate `json:"date"`
		Panel  []struct {
			By    string  `json:"by"`
			Level LevelID `json:"level"`
		} `json:"panel"`
	} `json:"assessments"`
	Mentor *struct {
		ID    string   `json:"id"`
		Level LevelID  `json:"level"`
		Roles []string `json:"roles"`
	} `json:"mentor"`
	Breaks []struct {
		From  jsonDate `json:"from"`
		Until jsonDate `json:"until"`
	} `json:"breaks"`
	Nominations []struct {
		By    string   `json:"by"`
		Level LevelID  `json:"level"`
		Roles []string `json:"roles"`
		Date  jsonDate `json:"date"`
	} `json:"nominations"`
	Waivers []struct {
		Check  string   `json:"check"`
		By     string   `json:"by"`
		Reason string   `json:"reason"`
		Date   jsonDate `json:"date"`
	} `json:"waivers"`
	Mentees []struct {
		ID        string   `json:"id"`
		Level     LevelID  `json:"level"`
		FromLevel LevelID  `json:"from_level"`
		Since     jsonDate `json:"since"`
		Until     jsonDate `json:"until"`
		Advanced  *bool    `json:"advanced"`
		Placement *struct {
			Date        jsonDate `json:"date"`
			MonthlyRate *string  `json:"monthly_rate"`
			Currency    string   `json:"currency"`
			Until       jsonDate `json:"until"`
		} `json:"placement"`
	} `json:"mentees"`
}

type spanJSON struct {
	Level LevelID  `json:"level"`
	Since jsonDate `json:"since"`
}

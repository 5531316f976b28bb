package ladder

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
)

// ladderFile is the content of ladder.yaml.
type ladderFile struct {
	ID        string   `yaml:"id"`
	Name      string   `yaml:"name"`
	Publisher string   `yaml:"publisher"`
	Edition   string   `yaml:"edition"`
	Sources   []string `yaml:"sources"`
	Roles     []string `yaml:"roles"`
	Metrics   []Metric `yaml:"metrics"`
	Levels    []Level  `yaml:"levels"`
}

// levelSource locates a level in its file, for error positions.
type levelSource struct {
	file   *sourceFile
	prefix string // "" for a level file, "levels[i]" for an inline level
}

// sourceFile is one decoded file of a ladder.
type sourceFile struct {
	name string
	dec  *decoder
}

// loader collects the problems of one Load.
type loader struct {
	errs DefinitionErrors
	// partial is set when a level could not be read or identified. Its id
	// and rank are then unknown, so references to levels that are not found
	// and gaps between ranks are not reported: they would be consequences.
	partial bool
	// untyped holds the ids of metrics declared without a valid type. Rules
	// that read them cannot be checked; their errors would be consequences.
	untyped map[string]any
	// rankIdx is the index in Ladder.levels of each level with a valid rank.
	rankIdx map[*level]int
	// problemAt holds file + "\x00" + path of every problem recorded.
	problemAt map[string]bool
}

// reported reports whether a problem was already recorded at path p of f,
// such as a value of the wrong type, which decodes as the zero value.
func (ld *loader) reported(f *sourceFile, p string) bool {
	return ld.problemAt[f.name+"\x00"+p]
}

// ranked reports whether lv has a valid rank, and so a place in the order.
func (ld *loader) ranked(lv *level) bool {
	_, ok := ld.rankIdx[lv]
	return ok
}

// missingKey reports that the mapping at path p of f lacks key, unless the
// key was given and a problem with its value is already reported, or the
// mapping has a merge key (<<), reported, that may have been meant to give it.
func (ld *loader) missingKey(f *sourceFile, p, key string) {
	if !ld.reported(f, joinPath(p, key)) && !ld.reported(f, joinPath(p, "<<")) {
		ld.at(f, p, nil, "missing required key %q", key)
	}
}

func (ld *loader) add(f *sourceFile, line, col int, p string, err error, format string, args ...any) {
	e := &DefinitionError{File: f.name, Line: line, Column: col, Path: p, Message: fmt.Sprintf(format, args...), Err: err}
	if line > 0 && line <= len(f.dec.lines) {
		e.Snippet = snippet(f.dec.lines[line-1])
	}
	ld.errs = append(ld.errs, e)
	ld.problemAt[f.name+"\x00"+p] = true
}

// snippet returns a source line fit to print under a message: tabs become
// spaces, and control characters and invalid UTF-8 become U+FFFD, one per
// rune or byte, so that the caret line below stays aligned.
func snippet(line string) string {
	line = strings.TrimSuffix(line, "\r")
	var b strings.Builder
	for i, r := range line {
		switch {
		case r == '\t':
			b.WriteByte(' ')
		case r == utf8.RuneError && !strings.HasPrefix(line[i:], "\uFFFD"), unicode.IsControl(r):
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// at records a problem at the field path p of file f.
func (ld *loader) at(f *sourceFile, p string, err error, format string, args ...any) {
	line, col := f.dec.pos(p)
	ld.add(f, line, col, p, err, format, args...)
}

// atKey records a problem at the key of the field path p.
func (ld *loader) atKey(f *sourceFile, p string, err error, format string, args ...any) {
	line, col := f.dec.keyPos(p)
	ld.add(f, line, col, p, err, format, args...)
}

// Load reads, checks and compiles the ladder in directory dir of fsys:
// dir/ladder.yaml and every other *.yaml file in dir, one level each.
// Levels may also be written inline under levels: in ladder.yaml.
//
// Every problem found is reported at once: the error is a DefinitionErrors
// whose entries name file, line and column.
func Load(fsys fs.FS, dir string) (*Ladder, error) {
	ld := &loader{problemAt: map[string]bool{}}
	read := func(name string) *sourceFile {
		data, err := fs.ReadFile(fsys, name)
		f := &sourceFile{name: name, dec: newDecoder(nil)}
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				err = fs.ErrNotExist // the same message on every system
			}
			ld.add(f, 0, 0, "", err, "cannot read: %v", unwrapPathError(err))
			return nil
		}
		if len(data) > maxFileSize {
			ld.add(f, 0, 0, "", nil, "file is %d bytes, over the limit of %d", len(data), maxFileSize)
			return nil
		}
		root, lines, p := parseYAML(data)
		f.dec = newDecoder(lines)
		if p != nil {
			ld.add(f, p.line, p.col, "", nil, "%s", p.msg)
			return nil
		}
		if root == nil {
			ld.add(f, 0, 0, "", nil, "file is empty")
			return nil
		}
		f.dec.nodes[""] = root
		return f
	}

	var lf ladderFile
	var levels []Level
	var sources []levelSource
	main := read(path.Join(dir, "ladder.yaml"))
	if main != nil {
		main.dec.decode(main.dec.nodes[""], reflect.ValueOf(&lf).Elem(), "")
		ld.fromDecoder(main)
		if !ld.isMappingAt(main, "") {
			main = nil // the rest would be consequences
		}
	}
	if main != nil {
		for i := range lf.Levels {
			if !ld.isMappingAt(main, indexPath("levels", i)) {
				ld.partial = true
				continue
			}
			levels = append(levels, lf.Levels[i])
			sources = append(sources, levelSource{main, indexPath("levels", i)})
		}
	}
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil && main != nil {
		ld.add(main, 0, 0, "", err, "cannot list the ladder directory: %v", unwrapPathError(err))
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || name == "ladder.yaml" || !(strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")) {
			continue
		}
		f := read(path.Join(dir, name))
		if f == nil {
			ld.partial = true
			continue
		}
		var lv Level
		f.dec.decode(f.dec.nodes[""], reflect.ValueOf(&lv).Elem(), "")
		ld.fromDecoder(f)
		if !ld.isMappingAt(f, "") {
			ld.partial = true
			continue
		}
		levels = append(levels, lv)
		sources = append(sources, levelSource{f, ""})
	}
	if main == nil {
		ld.errs.sort()
		return nil, ld.errs
	}
	l := ld.build(main, lf, levels, sources)
	if len(ld.errs) > 0 {
		ld.errs.sort()
		return nil, ld.errs
	}
	return l, nil
}

// isMappingAt reports whether the node at path p of f is a mapping, and
// makes sure that a problem says so when it is not.
func (ld *loader) isMappingAt(f *sourceFile, p string) bool {
	switch f.dec.nodes[p].(type) {
	case *ast.MappingNode, *ast.MappingValueNode:
		return true
	}
	if !ld.reported(f, p) { // by the decoder, for a value of another kind
		ld.at(f, p, nil, "want a mapping of keys to values, got nothing")
	}
	return false
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// fromDecoder turns the decoding problems of f into definition errors.
func (ld *loader) fromDecoder(f *sourceFile) {
	for _, p := range f.dec.problems {
		ld.add(f, p.line, p.col, p.path, p.err, "%s", p.msg)
	}
	f.dec.problems = nil
}

// reservedCheckIDs are the ids of the promotion checks the engine makes
// itself; a standard, assessment or requirement may not take them.
var reservedCheckIDs = []string{"tenure", "track_tenure", "nomination", "standards"}

// build checks the decoded definition as a whole, resolves its references
// and compiles its rules.
func (ld *loader) build(main *sourceFile, lf ladderFile, defs []Level, srcs []levelSource) *Ladder {
	l := &Ladder{
		info: Info{ID: lf.ID, Name: lf.Name, Publisher: lf.Publisher, Edition: lf.Edition,
			Sources: lf.Sources, Roles: lf.Roles},
		metricIdx: map[string]int{},
		byID:      map[LevelID]*level{},
		roles:     map[string]bool{},
	}
	if lf.ID == "" {
		ld.missingKey(main, "", "id")
	}
	if ld.overLimits(main, lf, defs) {
		return l
	}
	for i, r := range lf.Roles {
		p := indexPath("roles", i)
		switch {
		case r == "":
			ld.at(main, p, nil, "role must not be empty")
		case l.roles[r]:
			ld.at(main, p, nil, "duplicate role %q", r)
		}
		l.roles[r] = true
	}
	ld.checkMetrics(main, l, lf.Metrics)
	env := compileEnv(l.metrics)

	if len(defs) == 0 {
		ld.at(main, "", nil, "the ladder has no levels: add level files beside ladder.yaml or a levels: list")
	}
	byRank := map[int]*level{}
	srcOf := map[*level]levelSource{}
	for i := range defs {
		lv := &level{def: defs[i]}
		s := srcs[i]
		srcOf[lv] = s
		id, rank := lv.def.ID, lv.def.Rank
		switch {
		case id == "":
			ld.missingKey(s.file, s.path(""), "id")
			ld.partial = true
		case l.byID[id] != nil:
			ld.at(s.file, s.path("id"), nil, "duplicate level id %q", id)
			ld.partial = true
		default:
			l.byID[id] = lv
		}
		switch _, given := s.file.dec.nodes[s.path("rank")]; {
		case !given || ld.reported(s.file, s.path("rank")):
			ld.missingKey(s.file, s.path(""), "rank")
		case rank < 1:
			ld.at(s.file, s.path("rank"), nil, "rank must be 1 or more, got %d", rank)
		case byRank[rank] != nil:
			ld.at(s.file, s.path("rank"), nil, "duplicate rank %d: level %s has it too", rank, byRank[rank].def.ID)
		default:
			byRank[rank] = lv
			l.levels = append(l.levels, lv)
		}
	}
	slices.SortFunc(l.levels, func(a, b *level) int { return a.def.Rank - b.def.Rank })
	ld.rankIdx = make(map[*level]int, len(l.levels))
	for i, lv := range l.levels {
		ld.rankIdx[lv] = i
	}
	if len(l.levels) < len(defs) {
		ld.partial = true // a level without a valid rank may belong in a gap
	}
	for i := 1; i < len(l.levels) && !ld.partial; i++ {
		if prev, cur := l.levels[i-1], l.levels[i]; cur.def.Rank != prev.def.Rank+1 {
			s := srcOf[cur]
			ld.at(s.file, s.path("rank"), nil, "rank %d skips rank %d: ranks must follow on from %d (level %s) without gaps",
				cur.def.Rank, prev.def.Rank+1, prev.def.Rank, prev.def.ID)
		}
	}
	for i := range defs {
		lv := l.byID[defs[i].ID]
		if lv == nil || lv.def.Rank != defs[i].Rank {
			continue
		}
		ld.checkLevel(l, lv, srcs[i], env)
	}
	return l
}

// overLimits reports a ladder too large to check and compile quickly; the
// limits are far above any real ladder (see limits.go).
func (ld *loader) overLimits(main *sourceFile, lf ladderFile, defs []Level) bool {
	rules := 0
	for _, d := range defs {
		rules += len(d.Standards)
		if d.Promotion != nil {
			rules += len(d.Promotion.Requirements)
		}
	}
	over := false
	for _, c := range []struct {
		what     string
		n, limit int
	}{{"levels", len(defs), maxLevels}, {"metrics", len(lf.Metrics), maxMetrics}, {"rules", rules, maxRules}} {
		if c.n > c.limit {
			ld.at(main, "", nil, "the ladder has %d %s, over the limit of %d", c.n, c.what, c.limit)
			over = true
		}
	}
	return over
}

// path returns the field path of sub inside the level.
func (s levelSource) path(sub string) string {
	switch {
	case s.prefix == "":
		return sub
	case sub == "":
		return s.prefix
	}
	return s.prefix + "." + sub
}

// checkMetrics declares the valid metrics in l, and notes in ld.untyped the
// metrics declared without a valid type.
func (ld *loader) checkMetrics(main *sourceFile, l *Ladder, metrics []Metric) {
	ld.untyped = map[string]any{}
	for i, m := range metrics {
		p := indexPath("metrics", i)
		switch {
		case m.ID == "":
			ld.missingKey(main, p, "id")
			continue
		case !snakeCase.MatchString(m.ID):
			ld.at(main, p+".id", nil, "metric id %q must be snake_case (lower-case letters, digits and single underscores)", m.ID)
			continue
		case slices.Contains(builtinNames, m.ID):
			ld.at(main, p+".id", nil, "metric id %q shadows the built-in of that name", m.ID)
			continue
		case reservedNames[m.ID]:
			ld.at(main, p+".id", nil, "metric id %q is a reserved word of the rule language", m.ID)
			continue
		}
		if j, dup := l.metricIdx[m.ID]; dup {
			ld.at(main, p+".id", nil, "duplicate metric id %q (first declared as metrics[%d])", m.ID, j)
			continue
		}
		if m.Type == "" {
			ld.missingKey(main, p, "type")
			ld.untyped[m.ID] = nil
			continue
		}
		if !slices.Contains(metricTypes, string(m.Type)) {
			ld.at(main, p+".type", nil, "unknown metric type %q: want one of %s%s",
				m.Type, strings.Join(metricTypes, ", "), didYouMean(string(m.Type), metricTypes))
			ld.untyped[m.ID] = nil
			continue
		}
		l.metricIdx[m.ID] = len(l.metrics)
		l.metrics = append(l.metrics, m)
	}
}

// levelRef resolves a level id used at path p, reporting unknown ids.
func (ld *loader) levelRef(l *Ladder, s levelSource, p string, id LevelID) *level {
	if lv := l.byID[id]; lv != nil || ld.partial {
		return lv
	}
	ids := make([]string, 0, len(l.byID))
	for k := range l.byID {
		ids = append(ids, string(k))
	}
	ld.at(s.file, s.path(p), ErrUnknownLevel, "unknown level %q%s", id, didYouMean(string(id), ids))
	return nil
}

// required reports a missing required key of the mapping at p.
func (ld *loader) required(s levelSource, p, key, val string) bool {
	if val != "" {
		return true
	}
	ld.missingKey(s.file, s.path(p), key)
	return false
}

// compile compiles the rule at path p, mapping any error onto the file.
func (ld *loader) compile(s levelSource, p, src string, env map[string]any) *rule {
	r, fe := compileRule(src, env)
	if fe == nil {
		return r
	}
	if len(ruleNames(src, ld.untyped)) > 0 {
		return nil // it reads a metric whose type is reported as wrong
	}
	dec := s.file.dec
	n := dec.nodes[s.path(p)]
	line, col := exprPos(n, dec.lines, src, max(fe.Line, 1), fe.Column)
	ld.add(s.file, line, col, s.path(p), fe.Prev, "%s", fe.Message)
	return nil
}

func (ld *loader) checkLevel(l *Ladder, lv *level, s levelSource, env map[string]any) {
	d := &lv.def
	lv.checklist = map[string]bool{}
	for i, c := range d.Checklist {
		p := indexPath("checklist", i)
		if !ld.required(s, p, "id", c.ID) || !ld.required(s, p, "text", c.Text) {
			continue
		}
		if lv.checklist[c.ID] {
			ld.at(s.file, s.path(p+".id"), nil, "duplicate checklist item id %q", c.ID)
		}
		lv.checklist[c.ID] = true
	}
	// Standards, assessments and requirements share one namespace of check ids.
	ids := map[string]string{}
	checkID := func(p, kind, id string) {
		switch {
		case slices.Contains(reservedCheckIDs, id):
			ld.at(s.file, s.path(p+".id"), nil, "%s id %q is reserved for the engine's own %s check", kind, id, id)
		case ids[id] != "":
			ld.at(s.file, s.path(p+".id"), nil, "duplicate id %q: %s has it too", id, ids[id])
		default:
			ids[id] = p
		}
	}
	lv.standards = make([]*rule, len(d.Standards))
	for i, st := range d.Standards {
		p := indexPath("standards", i)
		if !ld.required(s, p, "id", st.ID) || !ld.required(s, p, "name", st.Name) || !ld.required(s, p, "rule", st.Rule) {
			continue
		}
		checkID(p, "standard", st.ID)
		lv.standards[i] = ld.compile(s, p+".rule", st.Rule, env)
	}

	if pr := d.Promotion; pr != nil {
		ld.checkPromotion(l, lv, s, env, checkID)
	} else if ld.ranked(lv) && lv != l.levels[len(l.levels)-1] {
		ld.at(s.file, s.path(""), nil, "level %s has no promotion to the next rank: write promotion: {to: ..., published: false} when its criteria are unpublished", d.ID)
	}
	if m := d.Mentorship; m != nil {
		if m.Slots != nil && *m.Slots < 0 {
			ld.at(s.file, s.path("mentorship.slots"), nil, "slots must not be negative, got %d", *m.Slots)
		}
		if r := m.MenteeLevels; r != nil {
			p := "mentorship.mentee_levels"
			if ld.required(s, p, "min", string(r.Min)) && ld.required(s, p, "max", string(r.Max)) {
				lo, hi := ld.levelRef(l, s, p+".min", r.Min), ld.levelRef(l, s, p+".max", r.Max)
				if lo != nil && hi != nil && ld.ranked(lo) && ld.ranked(hi) {
					if lo.def.Rank > hi.def.Rank {
						ld.at(s.file, s.path(p), nil, "mentee level range runs backwards: %s ranks above %s", r.Min, r.Max)
					}
					lv.menteeMin, lv.menteeMax = lo.def.Rank, hi.def.Rank
				}
			}
		}
		if r := m.Referral; r != nil {
			if _, given := s.file.dec.nodes[s.path("mentorship.referral.percent")]; !given {
				ld.missingKey(s.file, s.path("mentorship.referral"), "percent")
			}
			if r.Months < 1 {
				ld.at(s.file, s.path("mentorship.referral.months"), nil, "referral months must be 1 or more, got %d", r.Months)
			}
		}
	}
}

func (ld *loader) checkPromotion(l *Ladder, lv *level, s levelSource, env map[string]any, checkID func(p, kind, id string)) {
	pr := lv.def.Promotion
	if ld.required(s, "promotion", "to", string(pr.To)) {
		// The rank order is checked between levels with valid ranks only.
		if to := ld.levelRef(l, s, "promotion.to", pr.To); to != nil && ld.ranked(lv) && ld.ranked(to) {
			i := ld.rankIdx[lv]
			switch {
			case i == len(l.levels)-1:
				ld.at(s.file, s.path("promotion.to"), nil, "%s is the top level: no level ranks above it", lv.def.ID)
			case to != l.levels[i+1]:
				next := l.levels[i+1]
				ld.at(s.file, s.path("promotion.to"), nil, "promotion to %s (rank %d) does not go to the next rank: want %s (rank %d)",
					pr.To, to.def.Rank, next.def.ID, next.def.Rank)
			default:
				lv.next = to
			}
		}
	}
	for key, v := range map[string]*int{"min_months": pr.MinMonths, "min_months_in_track": pr.MinMonthsInTrack} {
		if v != nil && *v < 0 {
			ld.at(s.file, s.path("promotion."+key), nil, "%s must not be negative, got %d", key, *v)
		}
	}
	if pr.FastTrack != "" && pr.FastTrack != FastTrackAllowed && pr.FastTrack != FastTrackForbidden {
		ld.at(s.file, s.path("promotion.fast_track"), nil, "fast_track must be %q or %q, got %q", FastTrackAllowed, FastTrackForbidden, pr.FastTrack)
	}
	if pr.Standards != "" && pr.Standards != StandardsRequired && pr.Standards != StandardsAdvisory {
		ld.at(s.file, s.path("promotion.standards"), nil, "standards must be %q or %q, got %q", StandardsRequired, StandardsAdvisory, pr.Standards)
	}
	if n := pr.Nomination; n != nil {
		if n.Min != nil && *n.Min < 1 {
			ld.at(s.file, s.path("promotion.nomination.min"), nil, "min must be 1 or more, got %d", *n.Min)
		}
		if n.FromMinLevel != "" {
			if from := ld.levelRef(l, s, "promotion.nomination.from_min_level", n.FromMinLevel); from != nil {
				lv.nomFromRank = from.def.Rank
			}
		}
		roles := make([]string, 0, len(l.roles))
		for r := range l.roles {
			roles = append(roles, r)
		}
		for i, r := range n.FromRoles {
			if !l.roles[r] {
				ld.at(s.file, s.path(indexPath("promotion.nomination.from_roles", i)), nil,
					"unknown role %q: declare it under roles: in ladder.yaml%s", r, didYouMean(r, roles))
			}
		}
	}
	lv.assessments = map[string]bool{}
	for i, a := range pr.Assessments {
		p := indexPath("promotion.assessments", i)
		if ld.required(s, p, "id", a.ID) && ld.required(s, p, "name", a.Name) {
			checkID(p, "assessment", a.ID)
			lv.assessments[a.ID] = true
		}
	}
	lv.requirements = make([]*rule, len(pr.Requirements))
	for i, r := range pr.Requirements {
		p := indexPath("promotion.requirements", i)
		if ld.required(s, p, "id", r.ID) && ld.required(s, p, "name", r.Name) && ld.required(s, p, "rule", r.Rule) {
			checkID(p, "requirement", r.ID)
			lv.requirements[i] = ld.compile(s, p+".rule", r.Rule, env)
		}
	}
}

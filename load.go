package ladder

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ladderkit/ladder/internal/suggest"
	"github.com/ladderkit/ladder/internal/yamlsrc"
)

// ladderFile is the content of ladder.yaml.
type ladderFile struct {
	ID        string   `yaml:"id"`
	Name      string   `yaml:"name"`
	Publisher string   `yaml:"publisher"`
	Edition   string   `yaml:"edition"`
	Sources   []string `yaml:"sources"`
	Roles     []string `yaml:"roles"`
	Extends   string   `yaml:"extends"` // "worca" or a ladder directory relative to this one
	Remove    []string `yaml:"remove"`  // ids of the base's levels and metrics to drop
	Metrics   []Metric `yaml:"metrics"`
	Levels    []Level  `yaml:"levels"`
}

// loc is where a mapping was written: a file and the field path of the
// mapping in it.
type loc struct {
	file   *sourceFile
	prefix string // "" for a level file, "levels[i]" for an inline level, "metrics[i]"…
}

// path returns the field path of sub inside the mapping.
func (s loc) path(sub string) string {
	switch {
	case s.prefix == "":
		return sub
	case sub == "":
		return s.prefix
	}
	return s.prefix + "." + sub
}

// levelSource locates a level's keys in their files, for error positions. A
// level of an extended ladder may take each top-level key from another file.
type levelSource struct {
	loc                 // where the level was first defined
	keys map[string]loc // the top-level keys an overlay gave, and where
}

// locOf returns where the value at field path sub of the level (such as
// "promotion.to") was written: the file that gave its top-level key.
func (s levelSource) locOf(sub string) loc {
	key := sub
	if i := strings.IndexAny(sub, ".["); i >= 0 {
		key = sub[:i]
	}
	if k, ok := s.keys[key]; ok && key != "" {
		return k
	}
	return s.loc
}

// where returns the file and the field path in it of the value at field
// path sub of the level.
func (s levelSource) where(sub string) (*sourceFile, string) {
	l := s.locOf(sub)
	return l.file, l.path(sub)
}

// sourceFile is one decoded file of a ladder.
type sourceFile struct {
	name     string
	dec      *decoder
	layer    int  // 0 for the base of an extends chain, one more for each overlay
	embedded bool // a file of the embedded Worca track
}

// loader collects the problems of one Load.
type loader struct {
	errs    DefinitionErrors
	dropped int // problems not recorded, over maxProblems
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
	// srcOf locates each level's keys.
	srcOf map[*level]levelSource
	// metricAt locates the declaration of each valid metric, and
	// metricType holds its type.
	metricAt   map[string]loc
	metricType map[string]MetricType

	// What the overlays of an extends chain changed, so that a problem
	// they cause in their bases' content is reported at the change.
	metricHistory  map[string][]metricDecl // replaced declarations, oldest first
	removedLevels  map[LevelID]blameAt
	removedMetrics map[string]blameAt
	droppedRoles   map[string]*sourceFile // roles left out of an overlay's roles: list, and by which file
	vacated        map[int]blameAt        // ranks left empty by removing or moving a level
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
	ld.problemAt[f.name+"\x00"+p] = true
	if len(ld.errs) >= maxProblems {
		ld.dropped++
		return
	}
	e := &DefinitionError{File: f.name, Line: line, Column: col, Path: p, Message: fmt.Sprintf(format, args...), Err: err}
	if line > 0 && line <= len(f.dec.lines) {
		e.Snippet = snippet(f.dec.lines[line-1])
	}
	ld.errs = append(ld.errs, e)
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
// A ladder.yaml with extends: starts from another ladder and overrides it
// (see "Extending a ladder" in docs/format.md): extends: worca names the
// embedded track, any other value a ladder directory relative to dir,
// resolved inside fsys. The merged ladder is checked as a whole.
//
// Every problem found is reported at once: the error is a DefinitionErrors
// whose entries name file, line and column. A problem is reported in the
// file that gave the offending value; files of the embedded track are named
// as DefaultFS names them (levels/worca/L05.yaml).
//
// dir is an fs.FS path: unrooted and slash-separated ("ladders/acme"), never
// "/abs/path" nor "../up". For a directory on disk, use LoadDir.
func Load(fsys fs.FS, dir string) (*Ladder, error) {
	if !fs.ValidPath(path.Clean(dir)) {
		return nil, DefinitionErrors{{File: dir, Message: fmt.Sprintf(
			"%q is not an fs.FS path: fs paths are unrooted and slash-separated, with no . or .. elements, such as \"ladders/acme\"; for a directory on disk, use LoadDir", dir)}}
	}
	ld := &loader{problemAt: map[string]bool{}}
	raw := ld.readChain(fsys, path.Clean(dir), false, nil)
	if raw == nil {
		return nil, ld.result()
	}
	l := ld.build(raw)
	if len(ld.errs) > 0 {
		return nil, ld.result()
	}
	return l, nil
}

// LoadDir loads the ladder in the directory dir on disk, relative to the
// working directory or absolute, as Load does for a directory of an fs.FS.
// Problems name the files as dir does: "ladders/acme/L07.yaml:41:13: …". An
// extends: may name a ladder directory anywhere on the same volume, such as
// ../../shared/base.
func LoadDir(dir string) (*Ladder, error) {
	fail := func(err error) error { return DefinitionErrors{{File: dir, Message: err.Error(), Err: err}} }
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fail(err)
	}
	if fi, err := os.Stat(abs); errors.Is(err, fs.ErrNotExist) {
		return nil, fail(fs.ErrNotExist) // the same message on every system
	} else if err != nil {
		return nil, fail(unwrapPathError(err))
	} else if !fi.IsDir() {
		return nil, fail(errors.New("not a directory"))
	}
	// The file system is rooted at the volume's root, so that extends: can
	// reach a ladder outside dir.
	root := filepath.VolumeName(abs) + string(filepath.Separator)
	name := filepath.ToSlash(strings.TrimPrefix(abs, root))
	if name == "" {
		name = "."
	}
	l, err := Load(os.DirFS(root), name)
	var des DefinitionErrors
	if !errors.As(err, &des) {
		return l, err
	}
	_, embedded := DefaultFS()
	for _, de := range des {
		if strings.HasPrefix(de.File, embedded+"/") && !strings.HasPrefix(name, embedded+"/") {
			continue // a file of the embedded track, reached through extends: worca
		}
		if rel, err := filepath.Rel(abs, filepath.Join(root, filepath.FromSlash(de.File))); err == nil {
			de.File = filepath.Join(dir, rel)
		}
	}
	return nil, des
}

// result returns the problems found, sorted, with a last line counting
// those left out over maxProblems.
func (ld *loader) result() DefinitionErrors {
	ld.errs.sort()
	if ld.dropped > 0 {
		last := ld.errs[len(ld.errs)-1]
		ld.errs = append(ld.errs, &DefinitionError{File: last.File, Message: moreProblems(ld.dropped)})
	}
	return ld.errs
}

// rawLadder is a ladder as read from its files, before it is checked: one
// directory, or the merge of an extends chain.
type rawLadder struct {
	main       *sourceFile // ladder.yaml of the directory Load was given (the last overlay)
	lf         ladderFile
	levels     []Level
	srcs       []levelSource // parallel to levels
	metricSrcs []loc         // parallel to lf.Metrics
	roles      *sourceFile   // the file whose roles: list is in effect
	files      []*sourceFile // the files read from this directory
	layer      int
}

// read reads and parses one file of a ladder; nil when it cannot be read.
func (ld *loader) read(fsys fs.FS, name string, embedded bool) *sourceFile {
	f := &sourceFile{name: name, dec: newDecoder(nil), embedded: embedded}
	data, err := readLimited(fsys, name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			err = fs.ErrNotExist // the same message on every system
		}
		var le *limitError
		if errors.As(err, &le) {
			ld.add(f, 0, 0, "", nil, "%s", le.msg)
		} else {
			ld.add(f, 0, 0, "", err, "cannot read: %v", unwrapPathError(err))
		}
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

// limitError is a file refused before it is read: not a regular file, or
// over the size limit.
type limitError struct{ msg string }

func (e *limitError) Error() string { return e.msg }

// readLimited reads file name of fsys after checking that it is a regular
// file (following symbolic links) of at most maxFileSize bytes, and reads
// it through a limit, so that a device, a named pipe or a file that grows
// is refused rather than read without end.
func readLimited(fsys fs.FS, name string) ([]byte, error) {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if msg := notRegular(info.Mode()); msg != "" {
		return nil, &limitError{msg}
	}
	if info.Size() > maxFileSize {
		return nil, &limitError{fmt.Sprintf("file is %d bytes, over the limit of %d", info.Size(), maxFileSize)}
	}
	file, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, maxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxFileSize {
		return nil, &limitError{fmt.Sprintf("file is over the limit of %d bytes", maxFileSize)}
	}
	return data, nil
}

// notRegular says what kind of file mode describes when it is not a
// regular file, or returns "".
func notRegular(mode fs.FileMode) string {
	var kind string
	switch {
	case mode.IsRegular():
		return ""
	case mode&fs.ModeDir != 0:
		kind = "a directory"
	case mode&fs.ModeNamedPipe != 0:
		kind = "a named pipe (FIFO)"
	case mode&fs.ModeSocket != 0:
		kind = "a socket"
	case mode&fs.ModeCharDevice != 0:
		kind = "a character device"
	case mode&fs.ModeDevice != 0:
		kind = "a device"
	case mode&fs.ModeSymlink != 0:
		kind = "a symbolic link"
	default:
		kind = "not a regular file (" + mode.Type().String() + ")"
		return "cannot read: " + kind
	}
	return "cannot read: it is " + kind + ", not a regular file"
}

// withinBudget checks, before any file of directory dir is parsed, that
// the directory holds at most maxLevels level files and at most
// maxLadderBytes bytes of YAML in all. Files it cannot measure are left to
// read, which reports them.
func (ld *loader) withinBudget(fsys fs.FS, dir string, levelFiles []string) bool {
	f := &sourceFile{name: dir, dec: newDecoder(nil)}
	if len(levelFiles) > maxLevels {
		ld.add(f, 0, 0, "", nil, "the ladder directory holds %d level files, over the limit of %d", len(levelFiles), maxLevels)
		return false
	}
	var total int64
	for _, name := range append([]string{"ladder.yaml"}, levelFiles...) {
		if info, err := fs.Stat(fsys, path.Join(dir, name)); err == nil && info.Mode().IsRegular() {
			total += info.Size()
		}
	}
	if total > maxLadderBytes {
		ld.add(f, 0, 0, "", nil, "the ladder directory holds %d bytes of YAML, over the limit of %d", total, maxLadderBytes)
		return false
	}
	return true
}

// readDir reads the ladder in directory dir of fsys, without following
// extends. It returns nil when ladder.yaml cannot be read as a mapping.
func (ld *loader) readDir(fsys fs.FS, dir string, embedded bool) *rawLadder {
	raw := &rawLadder{}
	entries, listErr := fs.ReadDir(fsys, dir)
	var levelFiles []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || name == "ladder.yaml" || !(strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")) {
			continue
		}
		levelFiles = append(levelFiles, name)
	}
	if !ld.withinBudget(fsys, dir, levelFiles) {
		return nil
	}
	main := ld.read(fsys, path.Join(dir, "ladder.yaml"), embedded)
	if main != nil {
		main.dec.decode(main.dec.nodes[""], reflect.ValueOf(&raw.lf).Elem(), "")
		ld.fromDecoder(main)
		if !ld.isMappingAt(main, "") {
			main = nil // the rest would be consequences
		}
	}
	if main != nil {
		raw.main, raw.roles, raw.files = main, main, []*sourceFile{main}
		for i := range raw.lf.Metrics {
			raw.metricSrcs = append(raw.metricSrcs, loc{main, indexPath("metrics", i)})
		}
		for i := range raw.lf.Levels {
			if !ld.isMappingAt(main, indexPath("levels", i)) {
				ld.partial = true
				continue
			}
			raw.levels = append(raw.levels, raw.lf.Levels[i])
			raw.srcs = append(raw.srcs, levelSource{loc: loc{main, indexPath("levels", i)}})
		}
	}
	if listErr != nil && main != nil {
		ld.add(main, 0, 0, "", listErr, "cannot list the ladder directory: %v", unwrapPathError(listErr))
	}
	for _, name := range levelFiles {
		f := ld.read(fsys, path.Join(dir, name), embedded)
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
		raw.files = append(raw.files, f)
		raw.levels = append(raw.levels, lv)
		raw.srcs = append(raw.srcs, levelSource{loc: loc{f, ""}})
	}
	if main == nil {
		return nil
	}
	return raw
}

// isMappingAt reports whether the node at path p of f is a mapping, and
// makes sure that a problem says so when it is not.
func (ld *loader) isMappingAt(f *sourceFile, p string) bool {
	if n := f.dec.nodes[p]; n != nil && n.Kind == yamlsrc.Map {
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
	ld.dropped += f.dec.dropped
	f.dec.problems, f.dec.dropped = nil, 0
}

// reservedCheckIDs are the ids of the promotion checks the engine makes
// itself; a standard, assessment or requirement may not take them.
var reservedCheckIDs = []string{"tenure", "track_tenure", "nomination", "standards"}

// build checks the decoded definition as a whole, resolves its references
// and compiles its rules.
func (ld *loader) build(raw *rawLadder) *Ladder {
	main, lf, defs, srcs := raw.main, raw.lf, raw.levels, raw.srcs
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
	firstRole := map[string]int{}
	for i, r := range lf.Roles {
		p := indexPath("roles", i)
		switch {
		case r == "":
			ld.at(raw.roles, p, nil, "role must not be empty")
		case l.roles[r]:
			ld.at(raw.roles, p, nil, "duplicate role %q (first at %s)", r, ld.firstAt(raw.roles, raw.roles, indexPath("roles", firstRole[r])))
		default:
			firstRole[r] = i
		}
		l.roles[r] = true
	}
	ld.checkMetrics(l, lf.Metrics, raw.metricSrcs)
	env := compileEnv(l.metrics)

	if len(defs) == 0 {
		ld.at(main, "", nil, "the ladder has no levels: add level files beside ladder.yaml or a levels: list")
	}
	byRank := map[int]*level{}
	ld.srcOf = map[*level]levelSource{}
	for i := range defs {
		lv := &level{def: defs[i]}
		s := srcs[i]
		ld.srcOf[lv] = s
		id, rank := lv.def.ID, lv.def.Rank
		switch {
		case id == "":
			ld.missingKey(s.file, s.path(""), "id")
			ld.partial = true
		case l.byID[id] != nil:
			f, _ := s.where("id")
			ff, fp := ld.srcOf[l.byID[id]].where("id")
			ld.atLevel(s, "id", nil, "duplicate level id %q (first at %s)", id, ld.firstAt(f, ff, fp))
			ld.partial = true
		default:
			l.byID[id] = lv
		}
		rf, rp := s.where("rank")
		switch _, given := rf.dec.nodes[rp]; {
		case !given || ld.reported(rf, rp):
			ld.missingKey(rf, s.locOf("rank").path(""), "rank")
		case rank < 1:
			ld.at(rf, rp, nil, "rank must be 1 or more, got %d", rank)
		case byRank[rank] != nil:
			// Reported at the rank written last: an overlay's, when an
			// overlay gave one of the two.
			other := byRank[rank]
			at, name, first := s, other.def.ID, ld.srcOf[other]
			if of, _ := ld.srcOf[other].where("rank"); of.layer > rf.layer {
				at, name, first = ld.srcOf[other], id, s
			}
			af, _ := at.where("rank")
			ff, fp := first.where("rank")
			ld.atLevel(at, "rank", nil, "duplicate rank %d: level %s has it too, at %s", rank, name, ld.firstAt(af, ff, fp))
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
			ld.rankGap(prev, cur)
		}
	}
	for i := range defs {
		lv := l.byID[defs[i].ID]
		if lv == nil || lv.def.Rank != defs[i].Rank {
			continue
		}
		ld.checkLevel(l, lv, srcs[i], env)
	}
	for _, lv := range l.levels {
		if lv.panelMin == 0 {
			continue
		}
		for _, to := range l.levels {
			if r := to.def.Rank; r >= lv.panelMin && r <= lv.panelMax {
				to.paneled = true
			}
		}
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

// firstAt names where the value at field path p of f was written, for
// problems reported in file from: "L1.yaml:1:5", the file relative to
// from's directory, so that both are named as the user sees them.
func (ld *loader) firstAt(from, f *sourceFile, p string) string {
	line, col := f.dec.pos(p)
	name := f.name
	if f.embedded == from.embedded {
		name = relativeTo(from.name, f.name)
	}
	return fmt.Sprintf("%s:%d:%d", name, line, col)
}

// firstAtLevel is firstAt for two field paths of one level: first, written
// first, and p, where the problem is reported.
func (ld *loader) firstAtLevel(s levelSource, p, first string) string {
	from, _ := s.where(p)
	f, fp := s.where(first)
	return ld.firstAt(from, f, fp)
}

// relativeTo returns the slash-separated file name to, as seen from the
// directory of the file from: "L1.yaml" beside it, "../base/L1.yaml"
// elsewhere.
func relativeTo(from, to string) string {
	fromDir := strings.Split(path.Dir(from), "/")
	toParts := strings.Split(to, "/")
	if path.Dir(from) == "." {
		fromDir = nil
	}
	n := 0
	for n < len(fromDir) && n < len(toParts)-1 && fromDir[n] == toParts[n] {
		n++
	}
	if n == 0 && len(fromDir) > 0 {
		return to // nothing in common: the full name says more than ../../..
	}
	return strings.Repeat("../", len(fromDir)-n) + strings.Join(toParts[n:], "/")
}

// atLevel records a problem at the field path p of a level.
func (ld *loader) atLevel(s levelSource, p string, err error, format string, args ...any) {
	f, fp := s.where(p)
	ld.at(f, fp, err, format, args...)
}

// checkMetrics declares the valid metrics in l, and notes in ld.untyped the
// metrics declared without a valid type. srcs locates each metric.
func (ld *loader) checkMetrics(l *Ladder, metrics []Metric, srcs []loc) {
	ld.untyped = map[string]any{}
	ld.metricAt = map[string]loc{}
	ld.metricType = map[string]MetricType{}
	for i, m := range metrics {
		s := srcs[i]
		f, p := s.file, s.prefix
		switch {
		case m.ID == "":
			ld.missingKey(f, p, "id")
			continue
		case !snakeCase.MatchString(m.ID):
			ld.at(f, p+".id", nil, "metric id %q must be snake_case (lower-case letters, digits and single underscores)", m.ID)
			continue
		case slices.Contains(builtinNames, m.ID):
			ld.at(f, p+".id", nil, "metric id %q shadows the built-in of that name", m.ID)
			continue
		case reservedNames[m.ID]:
			ld.at(f, p+".id", nil, "metric id %q is a reserved word of the rule language", m.ID)
			continue
		}
		if _, dup := l.metricIdx[m.ID]; dup {
			first := ld.metricAt[m.ID]
			ld.at(f, p+".id", nil, "duplicate metric id %q (first declared as %s, at %s)", m.ID, first.prefix, ld.firstAt(f, first.file, first.prefix+".id"))
			continue
		}
		if m.Type == "" {
			ld.missingKey(f, p, "type")
			ld.untyped[m.ID] = nil
			continue
		}
		if !slices.Contains(metricTypes, string(m.Type)) {
			ld.at(f, p+".type", nil, "unknown metric type %q: want one of %s%s",
				m.Type, strings.Join(metricTypes, ", "), suggest.DidYouMean(string(m.Type), metricTypes))
			ld.untyped[m.ID] = nil
			continue
		}
		l.metricIdx[m.ID] = len(l.metrics)
		l.metrics = append(l.metrics, m)
		ld.metricAt[m.ID] = s
		ld.metricType[m.ID] = m.Type
	}
}

// levelRef resolves a level id used at path p of a level, reporting unknown
// ids.
func (ld *loader) levelRef(l *Ladder, s levelSource, p string, id LevelID) *level {
	if lv := l.byID[id]; lv != nil || ld.partial {
		return lv
	}
	f, fp := s.where(p)
	if r, ok := ld.removedLevels[id]; ok {
		if r.file.layer > f.layer {
			line, col := f.dec.pos(fp)
			ld.blame(r, f, fp, line, col, ErrUnknownLevel, fmt.Sprintf("unknown level %q", id))
		} else {
			ld.at(f, fp, ErrUnknownLevel, "unknown level %q: %s", id, removedBy(r, f))
		}
		return nil
	}
	ids := make([]string, 0, len(l.byID))
	for k := range l.byID {
		ids = append(ids, string(k))
	}
	ld.at(f, fp, ErrUnknownLevel, "unknown level %q%s", id, levelHint(l, id, ids))
	return nil
}

// levelHint helps with an unknown level id: the id it most likely is, the
// level titled so, or the ids there are.
func levelHint(l *Ladder, id LevelID, ids []string) string {
	if h := suggest.DidYouMean(string(id), ids); h != "" {
		return h
	}
	for _, lv := range l.levels {
		if lv.def.Title != "" && strings.EqualFold(lv.def.Title, string(id)) {
			return fmt.Sprintf(" (did you mean %s? %s is its title; levels are named by id)", lv.def.ID, lv.def.Title)
		}
	}
	if len(l.levels) == 0 {
		return ""
	}
	if n := len(l.levels); n > 12 {
		return fmt.Sprintf(": the levels run from %s to %s", l.levels[0].def.ID, l.levels[n-1].def.ID)
	}
	names := make([]string, len(l.levels))
	for i, lv := range l.levels {
		names[i] = string(lv.def.ID)
	}
	return ": the levels are " + strings.Join(names, ", ")
}

// required reports a missing required key of the mapping at p.
func (ld *loader) required(s levelSource, p, key, val string) bool {
	if val != "" {
		return true
	}
	f, fp := s.where(p)
	ld.missingKey(f, fp, key)
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
	f, fp := s.where(p)
	n := f.dec.nodes[fp]
	line, col := exprPos(n, f.dec.lines, src, max(fe.Line, 1), fe.Column)
	if ld.blameRule(f, fp, line, col, src, env, fe.Prev, fe.Message) {
		return nil
	}
	ld.add(f, line, col, fp, fe.Prev, "%s", fe.Message)
	return nil
}

func (ld *loader) checkLevel(l *Ladder, lv *level, s levelSource, env map[string]any) {
	d := &lv.def
	lv.checklist = map[string]bool{}
	firstItem := map[string]string{}
	for i, c := range d.Checklist {
		p := indexPath("checklist", i)
		if !ld.required(s, p, "id", c.ID) || !ld.required(s, p, "text", c.Text) {
			continue
		}
		if lv.checklist[c.ID] {
			ld.atLevel(s, p+".id", nil, "duplicate checklist item id %q (first at %s)", c.ID, ld.firstAtLevel(s, p+".id", firstItem[c.ID]+".id"))
		} else {
			firstItem[c.ID] = p
		}
		lv.checklist[c.ID] = true
	}
	// Standards, assessments and requirements share one namespace of check ids.
	ids := map[string]string{}
	checkID := func(p, kind, id string) {
		switch {
		case slices.Contains(reservedCheckIDs, id):
			ld.atLevel(s, p+".id", nil, "%s id %q is reserved for the engine's own %s check", kind, id, id)
		case ids[id] != "":
			ld.atLevel(s, p+".id", nil, "duplicate id %q: %s has it too, at %s", id, ids[id], ld.firstAtLevel(s, p+".id", ids[id]+".id"))
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
		ld.noPromotion(l, lv, s)
	}
	ld.checkCurriculum(lv, s)
	if d.Panel != nil {
		ld.checkPanel(l, lv, s)
	}
	if m := d.Mentorship; m != nil {
		if m.Slots != nil && *m.Slots < 0 {
			ld.atLevel(s, "mentorship.slots", nil, "slots must not be negative, got %d", *m.Slots)
		}
		if r := m.MenteeLevels; r != nil {
			p := "mentorship.mentee_levels"
			if ld.required(s, p, "min", string(r.Min)) && ld.required(s, p, "max", string(r.Max)) {
				lo, hi := ld.levelRef(l, s, p+".min", r.Min), ld.levelRef(l, s, p+".max", r.Max)
				if lo != nil && hi != nil && ld.ranked(lo) && ld.ranked(hi) {
					if lo.def.Rank > hi.def.Rank {
						ld.atLevel(s, p, nil, "mentee level range runs backwards: %s ranks above %s", r.Min, r.Max)
					}
					lv.menteeMin, lv.menteeMax = lo.def.Rank, hi.def.Rank
				}
			}
		}
		if mr := m.Mentor; mr != nil {
			ld.checkMentorRule(l, lv, s, mr)
		}
		if r := m.Referral; r != nil {
			if f, fp := s.where("mentorship.referral.percent"); !hasNode(f, fp) {
				ld.required(s, "mentorship.referral", "percent", "")
			}
			if r.Months < 1 {
				ld.atLevel(s, "mentorship.referral.months", nil, "referral months must be 1 or more, got %d", r.Months)
			} else if r.Months >= maxMonths {
				ld.atLevel(s, "mentorship.referral.months", nil, "referral months must be under %d (100 years), got %d", maxMonths, r.Months)
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
				ld.topPromotion(lv, s)
			case to != l.levels[i+1]:
				ld.wrongNext(lv, to, l.levels[i+1], s)
			default:
				lv.next = to
			}
		}
	}
	for key, v := range map[string]*int{"min_months": pr.MinMonths, "min_months_in_track": pr.MinMonthsInTrack} {
		if v != nil && *v < 0 {
			ld.atLevel(s, "promotion."+key, nil, "%s must not be negative, got %d", key, *v)
		} else if v != nil && *v >= maxMonths {
			ld.atLevel(s, "promotion."+key, nil, "%s must be under %d (100 years), got %d", key, maxMonths, *v)
		}
	}
	if pr.FastTrack != "" && pr.FastTrack != FastTrackAllowed && pr.FastTrack != FastTrackForbidden {
		ld.atLevel(s, "promotion.fast_track", nil, "fast_track must be %q or %q, got %q", FastTrackAllowed, FastTrackForbidden, pr.FastTrack)
	}
	if pr.Standards != "" && pr.Standards != StandardsRequired && pr.Standards != StandardsAdvisory {
		ld.atLevel(s, "promotion.standards", nil, "standards must be %q or %q, got %q", StandardsRequired, StandardsAdvisory, pr.Standards)
	}
	if n := pr.Nomination; n != nil {
		if n.Min != nil && *n.Min < 1 {
			ld.atLevel(s, "promotion.nomination.min", nil, "min must be 1 or more, got %d", *n.Min)
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
			if l.roles[r] {
				continue
			}
			p := indexPath("promotion.nomination.from_roles", i)
			if ld.blameRole(s, p, r) {
				continue
			}
			ld.atLevel(s, p, nil, "unknown role %q: declare it under roles: in ladder.yaml%s", r, suggest.DidYouMean(r, roles))
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

// hasNode reports whether a value was decoded at path p of f.
func hasNode(f *sourceFile, p string) bool {
	_, ok := f.dec.nodes[p]
	return ok
}

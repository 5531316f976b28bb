package ladder

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"reflect"
	"slices"
	"strings"

	"github.com/ladderkit/ladder/internal/suggest"
)

// This file reads an extends chain (ladder.yaml with extends: names the
// ladder it starts from) and merges it into one definition, remembering
// which file gave each value, so that every check of the merged ladder
// points at the file to edit. The merge rules are those of "Extending a
// ladder" in docs/format.md.

// maxExtends bounds the length of an extends chain: an overlay of an overlay
// of … is allowed, up to this many ladders besides the first.
const maxExtends = 8

// worcaBase is the value of extends: that names the embedded Worca track.
const worcaBase = "worca"

// blameAt is a place in an overlay that changed its base, kept so that a
// problem the change causes in the base's content is reported at the change.
type blameAt struct {
	file *sourceFile
	path string // the field path of the change, e.g. "remove[1]"
	what string // the change, e.g. "removing level L10"
}

// metricDecl is a declaration of a metric that a later file replaced.
type metricDecl struct {
	m  Metric
	at loc
}

// readChain reads the ladder in dir of fsys and, when its ladder.yaml
// extends another, the ladders it extends, merged. chain holds the keys of
// the ladders that extend this one, outermost first. It returns nil when
// the chain cannot be read; the problems are recorded.
func (ld *loader) readChain(fsys fs.FS, dir string, embedded bool, chain []string) *rawLadder {
	raw := ld.readDir(fsys, dir, embedded)
	if raw == nil {
		return nil
	}
	main := raw.main
	if _, given := main.dec.nodes["extends#key"]; !given {
		if _, given := main.dec.nodes["remove#key"]; given {
			ld.atKey(main, "remove", nil, "only a ladder that extends another can remove levels and metrics: add extends:")
		}
		return raw
	}
	if ld.reported(main, "extends") {
		return nil // a value of the wrong kind
	}
	key := dir
	if embedded {
		key = "embedded:" + dir
	}
	chain = append(chain, key)

	ext := raw.lf.Extends
	var (
		bfs       fs.FS
		bdir      string
		bembedded bool
	)
	switch {
	case ext == "":
		ld.atKey(main, "extends", nil, "want the ladder to start from: %s, or a directory relative to this one", worcaBase)
		return nil
	case ext == worcaBase:
		bfs, bdir, bembedded = worcaFS, "levels/worca", true
	case embedded:
		ld.at(main, "extends", nil, "an embedded ladder can extend only %s", worcaBase)
		return nil
	case strings.HasPrefix(ext, "/") || strings.Contains(ext, `\`) || (len(ext) > 1 && ext[1] == ':'):
		ld.at(main, "extends", nil, "%q: want %s or a directory relative to this one, written with /", ext, worcaBase)
		return nil
	default:
		bfs, bdir = fsys, path.Join(dir, ext)
		if !fs.ValidPath(bdir) {
			ld.at(main, "extends", nil, "%q leads outside the directory tree the ladder was loaded from", ext)
			return nil
		}
	}
	bkey := bdir
	if bembedded {
		bkey = "embedded:" + bdir
	}
	if i := slices.Index(chain, bkey); i >= 0 {
		names := make([]string, 0, len(chain)-i+1)
		for _, k := range append(chain[i:], bkey) {
			if k == key {
				names = append(names, "this ladder")
			} else {
				names = append(names, relDir(dir, k))
			}
		}
		ld.at(main, "extends", nil, "%q makes a cycle: %s", ext, strings.Join(names, " → "))
		return nil
	}
	if len(chain) > maxExtends {
		ld.at(main, "extends", nil, "%q makes the chain of extended ladders longer than %d", ext, maxExtends)
		return nil
	}
	if _, err := fs.Stat(bfs, path.Join(bdir, "ladder.yaml")); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			ld.at(main, "extends", fs.ErrNotExist, "cannot extend %q: it has no ladder.yaml", ext)
		} else {
			ld.at(main, "extends", err, "cannot extend %q: %v", ext, unwrapPathError(err))
		}
		return nil
	}
	base := ld.readChain(bfs, bdir, bembedded, chain)
	if base == nil {
		return nil
	}
	raw.layer = base.layer + 1
	for _, f := range raw.files {
		f.layer = raw.layer
	}
	return ld.merge(base, raw)
}

// relDir names the ladder of chain key k for a message about the ladder in
// dir: the embedded track as worca, others relative to dir.
func relDir(dir, k string) string {
	if strings.HasPrefix(k, "embedded:") {
		return worcaBase
	}
	return relPath(dir, k)
}

// relPath returns the slash path of to from directory dir, both paths of
// one fs.FS.
func relPath(dir, to string) string {
	if dir == to {
		return "."
	}
	split := func(p string) []string {
		if p == "." || p == "" {
			return nil
		}
		return strings.Split(p, "/")
	}
	d, t := split(dir), split(to)
	n := 0
	for n < len(d) && n < len(t) && d[n] == t[n] {
		n++
	}
	parts := slices.Repeat([]string{".."}, len(d)-n)
	return path.Join(append(parts, t[n:]...)...)
}

// merge applies the overlay over to base and returns the merged ladder.
func (ld *loader) merge(base, over *rawLadder) *rawLadder {
	main := over.main
	given := func(key string) bool {
		_, ok := main.dec.nodes[key+"#key"]
		return ok
	}
	m := &rawLadder{main: main, lf: base.lf, roles: base.roles, files: over.files, layer: over.layer}
	if given("id") {
		m.lf.ID = over.lf.ID
	}
	if given("name") {
		m.lf.Name = over.lf.Name
	}
	if given("publisher") {
		m.lf.Publisher = over.lf.Publisher
	}
	if given("edition") {
		m.lf.Edition = over.lf.Edition
	}
	if given("sources") {
		m.lf.Sources = over.lf.Sources
	}
	if given("roles") {
		for _, r := range base.lf.Roles {
			if r != "" && !slices.Contains(over.lf.Roles, r) {
				if ld.droppedRoles == nil {
					ld.droppedRoles = map[string]*sourceFile{}
				}
				ld.droppedRoles[r] = main
			}
		}
		m.lf.Roles, m.roles = over.lf.Roles, main
	}
	m.lf.Extends, m.lf.Remove, m.lf.Levels = over.lf.Extends, over.lf.Remove, nil

	dropLevels, dropMetrics := ld.removals(base, over)

	// Metrics: matched by id; a new id is added at the end.
	m.lf.Metrics = nil
	for i, mt := range base.lf.Metrics {
		if !dropMetrics[mt.ID] {
			m.lf.Metrics = append(m.lf.Metrics, mt)
			m.metricSrcs = append(m.metricSrcs, base.metricSrcs[i])
		}
	}
	nBase := len(m.lf.Metrics)
	replaced := map[string]bool{}
	for i, mt := range over.lf.Metrics {
		s := over.metricSrcs[i]
		j := slices.IndexFunc(m.lf.Metrics[:nBase], func(b Metric) bool { return b.ID == mt.ID })
		if mt.ID == "" || j < 0 || replaced[mt.ID] {
			m.lf.Metrics = append(m.lf.Metrics, mt)
			m.metricSrcs = append(m.metricSrcs, s)
			continue
		}
		replaced[mt.ID] = true
		if ld.metricHistory == nil {
			ld.metricHistory = map[string][]metricDecl{}
		}
		ld.metricHistory[mt.ID] = append(ld.metricHistory[mt.ID], metricDecl{m.lf.Metrics[j], m.metricSrcs[j]})
		m.lf.Metrics[j], m.metricSrcs[j] = mt, s
	}

	// Levels: matched by id; each top-level key the overlay gives replaces
	// the base's; a new id is added.
	for i, lv := range base.levels {
		if !dropLevels[lv.ID] {
			m.levels = append(m.levels, lv)
			m.srcs = append(m.srcs, base.srcs[i])
		}
	}
	nBase = len(m.levels)
	patched := map[LevelID]bool{}
	for i, lv := range over.levels {
		s := over.srcs[i]
		j := slices.IndexFunc(m.levels[:nBase], func(b Level) bool { return b.ID == lv.ID })
		if lv.ID == "" || j < 0 || patched[lv.ID] {
			m.levels = append(m.levels, lv)
			m.srcs = append(m.srcs, s)
			continue
		}
		patched[lv.ID] = true
		if hasNode(s.file, s.path("rank")) && !ld.reported(s.file, s.path("rank")) && lv.Rank != m.levels[j].Rank && m.levels[j].Rank > 0 {
			ld.vacate(m.levels[j].Rank, blameAt{s.file, s.path("rank"),
				fmt.Sprintf("moving level %s from rank %d to rank %d", lv.ID, m.levels[j].Rank, lv.Rank)})
		}
		m.levels[j], m.srcs[j] = patchLevel(m.levels[j], m.srcs[j], lv, s)
	}
	return m
}

// removals checks the overlay's remove: list against its base and returns
// the level and metric ids to drop.
func (ld *loader) removals(base, over *rawLadder) (levels map[LevelID]bool, metrics map[string]bool) {
	levels, metrics = map[LevelID]bool{}, map[string]bool{}
	main := over.main
	for i, id := range over.lf.Remove {
		p := indexPath("remove", i)
		if id == "" {
			if !ld.reported(main, p) {
				ld.at(main, p, nil, "want the id of a level or a metric of the base ladder")
			}
			continue
		}
		if slices.Contains(over.lf.Remove[:i], id) {
			ld.at(main, p, nil, "%q is listed twice", id)
			continue
		}
		found := false
		for _, lv := range base.levels {
			if lv.ID == LevelID(id) {
				found, levels[lv.ID] = true, true
				at := blameAt{main, p, "removing level " + id}
				if ld.removedLevels == nil {
					ld.removedLevels = map[LevelID]blameAt{}
				}
				ld.removedLevels[lv.ID] = at
				if lv.Rank > 0 {
					ld.vacate(lv.Rank, at)
				}
				break
			}
		}
		for _, mt := range base.lf.Metrics {
			if mt.ID == id {
				found, metrics[id] = true, true
				if ld.removedMetrics == nil {
					ld.removedMetrics = map[string]blameAt{}
				}
				ld.removedMetrics[id] = blameAt{main, p, "removing metric " + id}
				break
			}
		}
		if found {
			continue
		}
		// Not found: name the likelier kind, by the closest id or by shape
		// (metric ids are snake_case, level ids usually not).
		var levelIDs, metricIDs []string
		for _, lv := range base.levels {
			levelIDs = append(levelIDs, string(lv.ID))
		}
		for _, mt := range base.lf.Metrics {
			metricIDs = append(metricIDs, mt.ID)
		}
		hint := suggest.DidYouMean(id, append(slices.Clone(levelIDs), metricIDs...))
		isMetric := snakeCase.MatchString(id)
		if hint != "" {
			isMetric = suggest.DidYouMean(id, levelIDs) == ""
		}
		if isMetric {
			ld.at(main, p, ErrUnknownMetric, "unknown metric %q: the base ladder has no level or metric of that id%s", id, hint)
		} else {
			ld.at(main, p, ErrUnknownLevel, "unknown level %q: the base ladder has no level or metric of that id%s", id, hint)
		}
	}
	return levels, metrics
}

// vacate notes that a change left a rank empty.
func (ld *loader) vacate(rank int, at blameAt) {
	if ld.vacated == nil {
		ld.vacated = map[int]blameAt{}
	}
	ld.vacated[rank] = at
}

// patchLevel returns base with every top-level key that the overlay level
// over gives (even as null) replaced, and the sources of the result.
func patchLevel(base Level, bs levelSource, over Level, ps levelSource) (Level, levelSource) {
	out := base
	src := levelSource{loc: bs.loc, keys: maps.Clone(bs.keys)}
	if src.keys == nil {
		src.keys = map[string]loc{}
	}
	ov, mv := reflect.ValueOf(over), reflect.ValueOf(&out).Elem()
	for _, f := range fieldsOf(ov.Type()) {
		if f.name == "id" {
			continue
		}
		if _, given := ps.file.dec.nodes[ps.path(f.name)+"#key"]; !given {
			continue
		}
		mv.Field(f.index).Set(ov.Field(f.index))
		src.keys[f.name] = ps.loc
	}
	return out, src
}

// removedBy says that the change at removed what a problem in file f names.
func removedBy(at blameAt, f *sourceFile) string {
	where := at.path
	if at.file != f {
		line, col := at.file.dec.pos(at.path)
		where = fmt.Sprintf("%s:%d:%d", fileRef(f, at.file), line, col)
	}
	return where + " removes it"
}

// fileRef names file f in a message about a problem in file from: relative
// to from's directory, or as DefaultFS names it for the embedded track.
func fileRef(from, f *sourceFile) string {
	if f.embedded != from.embedded {
		return f.name
	}
	return relPath(path.Dir(from.name), f.name)
}

// blame records a problem that shows in file f, at field path p and
// line:col, but that a change in an overlay caused: it is reported at the
// change, naming where it shows.
func (ld *loader) blame(at blameAt, f *sourceFile, p string, line, col int, err error, msg string) {
	where := fileRef(at.file, f)
	if line > 0 {
		where += fmt.Sprintf(":%d:%d", line, col)
	}
	if p != "" {
		where += " (" + p + ")"
	}
	ld.at(at.file, at.path, err, "%s breaks %s: %s", at.what, where, msg)
}

// blameRule reports a rule of file f that does not compile because an
// overlay removed a metric it reads, or changed the metric's type; it
// reports whether it did.
func (ld *loader) blameRule(f *sourceFile, p string, line, col int, src string, env map[string]any, err error, msg string) bool {
	if len(ld.removedMetrics) > 0 {
		gone := map[string]any{}
		for id := range ld.removedMetrics {
			if _, back := env[id]; !back {
				gone[id] = nil
			}
		}
		if names := ruleNames(src, gone); len(names) > 0 {
			at := ld.removedMetrics[names[0]]
			if at.file.layer > f.layer {
				ld.blame(at, f, p, line, col, err, msg)
			} else {
				ld.add(f, line, col, p, err, "%s; %s", msg, removedBy(at, f))
			}
			return true
		}
	}
	for _, name := range ruleNames(src, env) {
		cur, ok := ld.metricAt[name]
		if !ok || cur.file.layer <= f.layer {
			continue
		}
		var seen *Metric // the declaration the rule's own file saw
		for _, d := range ld.metricHistory[name] {
			if d.at.file.layer <= f.layer {
				seen = &d.m
			}
		}
		if seen == nil || !slices.Contains(metricTypes, string(seen.Type)) {
			continue
		}
		before := maps.Clone(env)
		before[name] = compileEnv([]Metric{*seen})[name]
		if _, fe := compileRule(src, before); fe != nil {
			continue // the rule is wrong either way
		}
		ld.blame(blameAt{cur.file, cur.path("type"), fmt.Sprintf("changing metric %s from %s to %s", name, seen.Type, ld.metricType[name])},
			f, p, line, col, err, msg)
		return true
	}
	return false
}

// blameRole reports an undeclared role at path p of a level when an overlay
// left it out of its roles: list; it reports whether it did.
func (ld *loader) blameRole(s levelSource, p, role string) bool {
	f, fp := s.where(p)
	o := ld.droppedRoles[role]
	if o == nil || o.layer <= f.layer {
		return false
	}
	line, col := f.dec.pos(fp)
	ld.blame(blameAt{o, "roles", fmt.Sprintf("leaving role %q out of roles: (which replaces the base's whole list)", role)},
		f, fp, line, col, nil, fmt.Sprintf("unknown role %q", role))
	return true
}

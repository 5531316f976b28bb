package ladder

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ladderkit/ladder/internal/rulesafe"
)

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

	// patterns bounds the programs of the ladder's matches patterns.
	patterns *rulesafe.PatternBudget
}

// reported reports whether a problem was already recorded at path p of f,
// such as a value of the wrong type, which decodes as the zero value.
func (ld *loader) reported(f *sourceFile, p string) bool {
	return ld.problemAt[f.name+"\x00"+p]
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
//
// A file of a ladder directory that is a symbolic link is read only when it
// leads to a file inside that directory, which fsys must be able to tell
// (an fs.FS with ReadLink and Lstat, as os.DirFS has from Go 1.25); any
// other link is refused, naming only the link.
func Load(fsys fs.FS, dir string) (*Ladder, error) {
	if !fs.ValidPath(path.Clean(dir)) {
		return nil, DefinitionErrors{{File: dir, Message: fmt.Sprintf(
			"%q is not an fs.FS path: fs paths are unrooted and slash-separated, with no . or .. elements, such as \"ladders/acme\"; for a directory on disk, use LoadDir", dir)}}
	}
	ld := &loader{problemAt: map[string]bool{}, patterns: newPatternBudget()}
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
	l, err := Load(volumeFS{os.DirFS(root), root}, name)
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

// volumeFS is os.DirFS of a volume's root, for LoadDir, with the symbolic
// links told as Load needs them: an absolute target is given relative to
// the link's directory, as a path inside the file system.
type volumeFS struct {
	fs.FS
	root string
}

func (v volumeFS) Stat(name string) (fs.FileInfo, error)      { return fs.Stat(v.FS, name) }
func (v volumeFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(v.FS, name) }

func (v volumeFS) Lstat(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "lstat", Path: name, Err: fs.ErrInvalid}
	}
	return os.Lstat(filepath.Join(v.root, filepath.FromSlash(name)))
}

func (v volumeFS) ReadLink(name string) (string, error) {
	if !fs.ValidPath(name) {
		return "", &fs.PathError{Op: "readlink", Path: name, Err: fs.ErrInvalid}
	}
	full := filepath.Join(v.root, filepath.FromSlash(name))
	target, err := os.Readlink(full)
	if err != nil {
		return "", err
	}
	if filepath.IsAbs(target) {
		if rel, err := filepath.Rel(filepath.Dir(full), target); err == nil {
			target = rel // else on another volume: left absolute, and refused
		}
	}
	return filepath.ToSlash(target), nil
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

// fromDecoder turns the decoding problems of f into definition errors.
func (ld *loader) fromDecoder(f *sourceFile) {
	for _, p := range f.dec.problems {
		ld.add(f, p.line, p.col, p.path, p.err, "%s", p.msg)
	}
	ld.dropped += f.dec.dropped
	f.dec.problems, f.dec.dropped = nil, 0
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

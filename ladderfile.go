package ladder

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"reflect"
	"strings"

	"github.com/ladderkit/ladder/internal/yamlsrc"
)

// This file reads a ladder's files: the ladder.yaml, the level files and
// the directories they stand in, within the limits, into a rawLadder that
// keeps where each value was written.

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
	if mode.IsRegular() {
		return ""
	}
	for _, k := range fileKinds {
		if mode&k.mode != 0 {
			return "cannot read: it is " + k.name + ", not a regular file"
		}
	}
	return "cannot read: not a regular file (" + mode.Type().String() + ")"
}

// fileKinds names the kinds of files that are not regular, the first that
// a mode has naming it (a character device is also a device).
var fileKinds = []struct {
	mode fs.FileMode
	name string
}{
	{fs.ModeDir, "a directory"},
	{fs.ModeNamedPipe, "a named pipe (FIFO)"},
	{fs.ModeSocket, "a socket"},
	{fs.ModeCharDevice, "a character device"},
	{fs.ModeDevice, "a device"},
	{fs.ModeSymlink, "a symbolic link"},
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

// linkFS is the part of fs.ReadLinkFS (Go 1.25) that Load needs to tell
// where a symbolic link leads, declared here for Go 1.24. os.DirFS has it
// from Go 1.25, and so has the file system LoadDir reads.
type linkFS interface {
	fs.FS
	ReadLink(name string) (string, error)
	Lstat(name string) (fs.FileInfo, error)
}

// maxLinks bounds the symbolic links followed to resolve one file.
const maxLinks = 40

// linkProblem says why the file name of directory dir, a symbolic link,
// is refused: it leads outside dir (a level file that is a link to
// /elsewhere/secret would be read and echoed in problems), or where it
// leads cannot be told. It returns "" for a link that resolves inside dir,
// or to nothing (reading it then says so). Every link on the way is
// followed, the directories' too, and only the link is ever named.
func linkProblem(fsys fs.FS, dir, name string) string {
	const outside = "cannot read: it is a symbolic link that leads outside the ladder directory"
	lfs, ok := fsys.(linkFS)
	if !ok {
		return "cannot read: it is a symbolic link, and the file system it is on cannot tell where it leads"
	}
	rel, links := name, 0 // rel is the path being resolved, relative to dir
walk:
	for {
		parts := strings.Split(rel, "/")
		for i := range parts {
			at := strings.Join(parts[:i+1], "/")
			info, err := lfs.Lstat(path.Join(dir, at))
			if err != nil {
				return "" // reading it says what is wrong
			}
			if info.Mode()&fs.ModeSymlink == 0 {
				continue
			}
			if links++; links > maxLinks {
				return fmt.Sprintf("cannot read: it is a symbolic link that leads through more than %d links", maxLinks)
			}
			target, err := lfs.ReadLink(path.Join(dir, at))
			if err != nil {
				return "cannot read: it is a symbolic link that cannot be read"
			}
			if path.IsAbs(target) || strings.Contains(target, `\`) || (len(target) > 1 && target[1] == ':') {
				return outside // not a path inside the file system: an absolute path, or another system's
			}
			rel = path.Join(path.Dir(at), target, strings.Join(parts[i+1:], "/"))
			if rel == ".." || strings.HasPrefix(rel, "../") {
				return outside
			}
			continue walk
		}
		return ""
	}
}

// readDir reads the ladder in directory dir of fsys, without following
// extends. It returns nil when ladder.yaml cannot be read as a mapping.
// A file that is a symbolic link leading outside dir is refused before it
// is measured or read.
func (ld *loader) readDir(fsys fs.FS, dir string, embedded bool) *rawLadder {
	raw := &rawLadder{}
	entries, listErr := fs.ReadDir(fsys, dir)
	var levelFiles []string
	mainRefused := false
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !(strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")) {
			continue
		}
		if e.Type()&fs.ModeSymlink != 0 {
			if msg := linkProblem(fsys, dir, name); msg != "" {
				ld.add(&sourceFile{name: path.Join(dir, name), dec: newDecoder(nil)}, 0, 0, "", nil, "%s", msg)
				ld.partial = true
				mainRefused = mainRefused || name == "ladder.yaml"
				continue
			}
		}
		if name != "ladder.yaml" {
			levelFiles = append(levelFiles, name)
		}
	}
	if mainRefused || !ld.withinBudget(fsys, dir, levelFiles) {
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

// hasNode reports whether a value was decoded at path p of f.
func hasNode(f *sourceFile, p string) bool {
	_, ok := f.dec.nodes[p]
	return ok
}

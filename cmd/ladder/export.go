package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/ladderkit/ladder"
)

var exportCmd = &command{
	name:    "export",
	args:    "DIR",
	minArgs: 1,
	short:   "write the embedded track out as files to edit",
	help: `
Writes every file of the embedded Worca track (ladder.yaml, L01.yaml …
L10.yaml and README.md) into DIR, byte for byte as embedded, creating DIR if
needed, and prints each file written. Edit the copy and use it with
--ladder DIR; or, to change only a few things, write a ladder.yaml with
extends: worca instead (see docs/format.md, "Extending a ladder").

With --ladder LADDER, writes that ladder instead, as it loads: a ladder that
extends another is written merged, as one ladder.yaml without extends: and
one file per level, which loads to the same ladder.

Nothing is written when a file of the track already exists in DIR: the
command names the files and exits 1. --force overwrites them.

Flags:
  --force              overwrite files that already exist in DIR

Example:
  ladder export my-ladder/
  ladder lint my-ladder/
`,
	flags: func(fs *flagSet) { fs.BoolVar(&fs.s.force, "force", false, "") },
	run:   runExport,
}

type exportJSON struct {
	Dir   string   `json:"dir"`
	Files []string `json:"files"`
}

func runExport(s *session, args []string) int {
	if len(args) > 1 {
		return s.usageError("unexpected argument %q: export writes into one DIR", args[1])
	}
	dir := args[0]
	var contents []exportFile
	what := "of the Worca track"
	if s.ladderDir != "" {
		l, ok := s.ladder()
		if !ok {
			return exitInvalid
		}
		var err error
		if contents, err = mergedFiles(l); err != nil {
			s.errorf("ladder export: %v", err)
			return exitInvalid
		}
		what = "of the ladder " + l.Info().ID
	} else {
		var err error
		if contents, err = trackFiles(); err != nil {
			s.errorf("ladder export: %v", err)
			return exitInvalid
		}
	}
	type file struct {
		dst  string
		data []byte
	}
	var files []file
	var existing []string
	for _, c := range contents {
		dst := filepath.Join(dir, c.name)
		files = append(files, file{dst, c.data})
		if _, err := os.Lstat(dst); err == nil {
			existing = append(existing, dst)
		} else if !errors.Is(err, fs.ErrNotExist) {
			s.errorf("%s: %v", dst, unwrapPath(err))
			return exitInvalid
		}
	}
	if len(existing) > 0 && !s.force {
		for _, f := range existing {
			s.errorf("%s: already exists", f)
		}
		s.errorf("ladder export: nothing written; use --force to overwrite %s", plural(len(existing), "file", "files"))
		return exitInvalid
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		s.errorf("%s: %v", dir, unwrapPath(err))
		return exitInvalid
	}
	out := exportJSON{Dir: dir, Files: []string{}}
	for _, f := range files {
		if err := os.WriteFile(f.dst, f.data, 0o644); err != nil {
			s.errorf("%s: %v", f.dst, unwrapPath(err))
			return exitInvalid
		}
		out.Files = append(out.Files, f.dst)
	}
	if s.format == formatJSON {
		if err := writeJSON(s.stdout, out); err != nil {
			s.errorf("ladder export: %v", err)
			return exitInvalid
		}
		return exitOK
	}
	for _, f := range out.Files {
		fmt.Fprintf(s.stdout, "wrote %s\n", f)
	}
	fmt.Fprintf(s.stdout, "%s: %s %s; use it with --ladder %s\n", dir, plural(len(out.Files), "file", "files"), what, dir)
	return exitOK
}

// exportFile is one file to write: its name in DIR and its content.
type exportFile struct {
	name string
	data []byte
}

// trackFiles returns the files of the embedded track, as embedded.
func trackFiles() ([]exportFile, error) {
	fsys, root := ladder.DefaultFS()
	entries, err := fs.ReadDir(fsys, root)
	if err != nil {
		return nil, err
	}
	var files []exportFile
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		data, err := fs.ReadFile(fsys, path.Join(root, e.Name()))
		if err != nil {
			return nil, err
		}
		files = append(files, exportFile{e.Name(), data})
	}
	return files, nil
}

// mergedLadder is ladder.yaml of an exported ladder: no extends:, no levels:.
type mergedLadder struct {
	ladder.Info `yaml:",inline"`
	Metrics     []ladder.Metric `yaml:"metrics"`
}

// safeFileName matches level ids that can name their file as they are.
var safeFileName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// mergedFiles writes l as files: ladder.yaml and one file per level, named
// after the level's id (or its rank, for an id unfit for a file name).
func mergedFiles(l *ladder.Ladder) ([]exportFile, error) {
	opts := []yaml.EncodeOption{
		yaml.OmitEmpty(), yaml.Indent(2), yaml.IndentSequence(true), yaml.UseLiteralStyleIfMultiline(true),
		// A percent is written as in a ladder file, "7.5", not in basis
		// points, and a referral keeps a percent of 0, which OmitEmpty drops.
		yaml.CustomMarshaler(func(r ladder.ReferralTerms) ([]byte, error) {
			return fmt.Appendf(nil, "{percent: %s, months: %d}", strings.TrimSuffix(r.Percent.String(), "%"), r.Months), nil
		}),
	}
	info := l.Info()
	header := fmt.Sprintf("# The ladder %s, merged as it loads: written by ladder export.\n", info.ID)
	main, err := yaml.MarshalWithOptions(mergedLadder{info, l.Metrics()}, opts...)
	if err != nil {
		return nil, err
	}
	files := []exportFile{{"ladder.yaml", append([]byte(header), main...)}}
	for _, lv := range l.Levels() {
		data, err := yaml.MarshalWithOptions(lv, opts...)
		if err != nil {
			return nil, err
		}
		name := string(lv.ID) + ".yaml"
		if !safeFileName.MatchString(string(lv.ID)) || name == "ladder.yaml" {
			name = fmt.Sprintf("level-%d.yaml", lv.Rank)
		}
		files = append(files, exportFile{name, data})
	}
	return files, nil
}

package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"

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
	if s.ladderDir != "" {
		return s.usageError("--ladder does not apply: export writes the embedded track")
	}
	dir := args[0]
	fsys, root := ladder.DefaultFS()
	entries, err := fs.ReadDir(fsys, root)
	if err != nil {
		s.errorf("ladder export: %v", err)
		return exitInvalid
	}
	type file struct {
		dst  string
		data []byte
	}
	var files []file
	var existing []string
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		data, err := fs.ReadFile(fsys, path.Join(root, e.Name()))
		if err != nil {
			s.errorf("ladder export: %v", err)
			return exitInvalid
		}
		dst := filepath.Join(dir, e.Name())
		files = append(files, file{dst, data})
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
	fmt.Fprintf(s.stdout, "%s: %s of the Worca track; use it with --ladder %s\n", dir, plural(len(out.Files), "file", "files"), dir)
	return exitOK
}

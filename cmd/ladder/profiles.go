package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/ladderkit/ladder"
)

// maxProfileSize bounds how much of a profile is read; the library rejects
// anything larger anyway.
const maxProfileSize = 1 << 20

// evaluated is one profile given on the command line and its outcome.
type evaluated struct {
	file   string // as typed, a file found in a folder, or "<stdin>"
	report *ladder.Report
}

// profileSet is the outcome of evaluating every PROFILE argument.
type profileSet struct {
	reports []evaluated // the valid profiles, in argument order
	many    bool        // more than one profile was named, or a folder was
	invalid bool        // some input could not be read or evaluated
}

// evaluateArgs loads the ladder and evaluates the PROFILE arguments. It
// returns the outcome and the exit status it calls for, or false when the
// ladder did not load.
func (s *session) evaluateArgs(args []string) (profileSet, int, bool) {
	l, ok := s.ladder()
	if !ok {
		return profileSet{}, exitInvalid, false
	}
	set := s.evaluateProfiles(l, args)
	if set.invalid {
		return set, exitInvalid, true
	}
	return set, exitOK, true
}

// evaluateProfiles reads and evaluates each PROFILE argument: a file, every
// *.yaml, *.yml and *.json file in a folder (in name order), or "-" for
// standard input. Problems go to stderr as "FILE: error", one line per
// problem; the valid profiles are still evaluated.
func (s *session) evaluateProfiles(l *ladder.Ladder, args []string) profileSet {
	var set profileSet
	var files []string
	for _, arg := range args {
		if arg == "-" {
			files = append(files, arg)
			continue
		}
		fi, err := os.Stat(arg)
		if err != nil {
			s.errorf("%s: %v", arg, unwrapPath(err))
			set.invalid = true
			continue
		}
		if !fi.IsDir() {
			files = append(files, arg)
			continue
		}
		set.many = true
		found, err := profilesIn(arg)
		if err != nil {
			s.errorf("%s: %v", arg, unwrapPath(err))
			set.invalid = true
			continue
		}
		if len(found) == 0 {
			s.errorf("%s: no profiles in this folder (want *.yaml, *.yml or *.json files)", arg)
			set.invalid = true
		}
		files = append(files, found...)
	}
	if len(args) > 1 {
		set.many = true
	}
	// Read and parse every file in order, evaluate the valid people on every
	// core, then report in file order.
	type input struct {
		name    string
		data    []byte
		readErr error // the file could not be read
		err     error // the profile did not parse or evaluate
		person  int   // index into people when parsed
	}
	inputs := make([]input, 0, len(files))
	var people []ladder.Person
	for _, f := range files {
		name, data, err := s.readProfile(f)
		in := input{name: name, data: data, readErr: err, person: -1}
		if err == nil {
			var p ladder.Person
			if p, in.err = ladder.ParsePerson(data); in.err == nil {
				in.person = len(people)
				people = append(people, p)
			}
		}
		inputs = append(inputs, in)
	}
	results := l.EvaluateAll(people, ladder.At(s.at))
	for _, in := range inputs {
		var r *ladder.Report
		if in.person >= 0 {
			r, in.err = results[in.person].Report, results[in.person].Err
		}
		switch {
		case in.readErr != nil:
			s.errorf("%s: %v", in.name, in.readErr)
			set.invalid = true
		case in.err != nil:
			if msg := unsupportedInput(in.name, in.data); msg != "" && in.person < 0 {
				s.errorf("%s: %s", in.name, msg)
			} else {
				s.reportProfileError(in.name, in.data, in.err)
			}
			set.invalid = true
		default:
			set.reports = append(set.reports, evaluated{file: in.name, report: r})
		}
	}
	return set
}

// profilesIn lists the profiles in dir, in name order.
func profilesIn(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		switch strings.ToLower(filepath.Ext(e.Name())) {
		case ".yaml", ".yml", ".json":
			if !e.IsDir() {
				out = append(out, filepath.Join(dir, e.Name()))
			}
		}
	}
	return out, nil
}

// readProfile reads a profile file, or standard input for "-".
func (s *session) readProfile(file string) (name string, data []byte, err error) {
	var r io.Reader
	if file == "-" {
		name, r = "<stdin>", s.stdin
	} else {
		f, err := os.Open(file)
		if err != nil {
			return file, nil, unwrapPath(err)
		}
		defer f.Close()
		name, r = file, f
	}
	data, err = io.ReadAll(io.LimitReader(r, maxProfileSize+1))
	if err != nil {
		return name, nil, unwrapPath(err)
	}
	if len(data) > maxProfileSize {
		return name, nil, fmt.Errorf("profile is larger than the limit of %d bytes", maxProfileSize)
	}
	return name, data, nil
}

// reportProfileError writes each problem of a profile on its own line:
// "maya.yaml:12:3: metrics.feature_hit_rate: want percent between 0 and 1, got 74".
func (s *session) reportProfileError(name string, data []byte, err error) {
	var pes ladder.ProfileErrors
	if !errors.As(err, &pes) {
		s.errorf("%s: %v", name, err)
		return
	}
	pes.Locate(data) // problems found against the ladder carry a path only
	for _, pe := range pes {
		pos := name
		if pe.Line > 0 {
			pos = fmt.Sprintf("%s:%d:%d", name, pe.Line, pe.Column)
		}
		if pe.Path != "" {
			s.errorf("%s: %s: %s", pos, pe.Path, pe.Message)
		} else {
			s.errorf("%s: %s", pos, pe.Message)
		}
	}
}

package main

import (
	"errors"
	"fmt"

	"github.com/ladderkit/ladder"
)

var lintCmd = &command{
	name:  "lint",
	args:  "DIR...",
	short: "check ladder definitions and report every problem",
	help: `
Loads each ladder directory (ladder.yaml plus one YAML file per level) the way
--ladder would, and reports every problem at once on stderr, each as
FILE:LINE:COL: field: message followed by the offending line and a caret: a
misspelt metric in a rule, a non-boolean rule, an unknown key, a level that does
not exist… A good ladder prints "DIR: ok (N levels, M metrics)" on stdout.
With no DIR, lint checks the --ladder directory.

A ladder whose ladder.yaml extends another (extends: worca, or a directory) is
checked as merged, and each problem is reported in the file that gave the
offending value; a change that breaks what the ladder kept from its base (a
removed metric that a base rule reads…) is reported at the change.

--format json writes an array with one object per DIR: {"dir", "ok",
"levels", "metrics", "problems": [{"file", "line", "column", "path",
"message"}]}; markdown prints the same as text.

The exit status is 1 when any problem is found.

Example:
  ladder lint my-ladder/
  ladder lint --format json ladders/*/
`,
	run: runLint,
}

type lintJSON struct {
	Dir      string                  `json:"dir"`
	OK       bool                    `json:"ok"`
	Levels   int                     `json:"levels"`
	Metrics  int                     `json:"metrics"`
	Problems ladder.DefinitionErrors `json:"problems"`
}

func runLint(s *session, dirs []string) int {
	if len(dirs) == 0 {
		if s.ladderDir == "" {
			return s.usageError("missing DIR")
		}
		dirs = []string{s.ladderDir}
	}
	status := exitOK
	var results []lintJSON
	for _, dir := range dirs {
		res := lintJSON{Dir: dir}
		l, err := ladder.LoadDir(dir)
		if err == nil {
			res.OK, res.Levels, res.Metrics = true, len(l.Levels()), len(l.Metrics())
			if s.format != formatJSON {
				fmt.Fprintf(s.stdout, "%s: %s (%s, %s)\n", dir, paint(s.color, green, "ok"),
					plural(res.Levels, "level", "levels"), plural(res.Metrics, "metric", "metrics"))
			}
			results = append(results, res)
			continue
		}
		status = exitInvalid
		var des ladder.DefinitionErrors
		if !errors.As(err, &des) {
			des = ladder.DefinitionErrors{{File: dir, Message: err.Error(), Err: err}}
		}
		res.Problems = des
		if s.format != formatJSON {
			fmt.Fprintln(s.stderr, des)
			if len(des) > 1 || des[0].File != dir {
				fmt.Fprintf(s.stderr, "%s: %s\n", dir, plural(len(des), "problem", "problems"))
			}
		}
		results = append(results, res)
	}
	if s.format == formatJSON {
		if err := writeJSON(s.stdout, results); err != nil {
			s.errorf("ladder lint: %v", err)
			return exitInvalid
		}
	}
	return status
}

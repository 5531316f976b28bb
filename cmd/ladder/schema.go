package main

import (
	"github.com/ladderkit/ladder"
	"github.com/ladderkit/ladder/internal/suggest"
)

var schemaCmd = &command{
	name:    "schema",
	args:    "KIND",
	minArgs: 1,
	short:   "print the JSON Schema of ladder.yaml, a level file or a profile",
	help: `
Prints the JSON Schema (draft 2020-12) of a kind of file: ladder (ladder.yaml),
level (a level file beside it) or profile. Editors use it for completion and
validation as you type; with the YAML language server (VS Code's YAML
extension and others), a first line such as

  # yaml-language-server: $schema=https://raw.githubusercontent.com/ladderkit/ladder/main/schema/level.schema.json

or the path of a saved copy applies it to a file. ladder lint remains the
authority: it also checks references between levels, metrics and rules, and
the rules themselves. The output is JSON whatever --format says.

Example:
  ladder schema level > level.schema.json
  ladder schema profile
`,
	run: runSchema,
}

func runSchema(s *session, args []string) int {
	if len(args) > 1 {
		return s.usageError("unexpected argument %q", args[1])
	}
	kinds := []string{"ladder", "level", "profile"}
	data, err := ladder.Schema(args[0])
	if err != nil {
		return s.usageError("unknown KIND %q%s: want ladder, level or profile", args[0], suggest.DidYouMean(args[0], kinds))
	}
	s.stdout.Write(data)
	return exitOK
}

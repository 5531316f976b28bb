package ladder

import (
	"embed"
	"fmt"
)

// schemaFS holds the JSON Schemas (draft 2020-12) of the file formats.
//
//go:embed schema/*.schema.json
var schemaFS embed.FS

// Schema returns the JSON Schema (draft 2020-12) of a kind of file: "ladder"
// for ladder.yaml, "level" for a level file beside it, or "profile" for a
// person's profile. They are the files of this module's schema/ directory.
//
// Editors use them for completion and validation as you type. Load and
// ParsePerson remain the authority: they also check what a schema cannot
// see, such as references between levels, metrics and rules, the rules
// themselves, and profile values that depend on the ladder.
func Schema(kind string) ([]byte, error) {
	switch kind {
	case "ladder", "level", "profile":
		return schemaFS.ReadFile("schema/" + kind + ".schema.json")
	}
	return nil, fmt.Errorf("no schema for %q: want ladder, level or profile", kind)
}

package main

import (
	"bytes"
	"path/filepath"
	"strings"
)

// unsupportedInput explains a profile input that failed to parse because it
// is in a shape the command does not read: a CSV table or a list of
// profiles. It returns "" for any other input, whose own problems are
// reported instead.
func unsupportedInput(name string, data []byte) string {
	const supported = "give one profile per YAML or JSON file (a mapping such as {id: maya, level: L7, …}), " +
		"a folder of such files, or - for one on standard input"
	body := bytes.TrimPrefix(data, []byte("\uFEFF"))
	first := firstContentLine(body)
	switch ext := strings.ToLower(filepath.Ext(name)); {
	case ext == ".csv" || ext == ".tsv" || (strings.Contains(first, ",") && !strings.Contains(first, ":") && !strings.HasPrefix(first, "[") && !strings.HasPrefix(first, "{")):
		return "CSV is not supported: " + supported
	case strings.HasPrefix(first, "[") || strings.HasPrefix(first, "- ") || first == "-":
		return "a list of profiles is not supported: " + supported
	}
	return ""
}

// firstContentLine returns the first line of data that is neither blank nor
// a YAML comment, trimmed.
func firstContentLine(data []byte) string {
	for _, l := range strings.Split(string(data), "\n") {
		if t := strings.TrimSpace(l); t != "" && !strings.HasPrefix(t, "#") {
			return t
		}
	}
	return ""
}

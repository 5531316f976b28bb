// Command ladder checks people against a career ladder: promotion
// eligibility with reasons, ranking standards, checklist progress,
// mentorship slots and referral cuts. It uses the embedded Worca track
// unless --ladder names a ladder directory.
//
// Usage:
//
//	ladder levels                        the track as a table
//	ladder show LEVEL                    one level in full
//	ladder evaluate PROFILE...           a report per profile
//	ladder cycle PROFILE...              a promotion cycle: verdicts per level, blockers, money
//	ladder referrals PROFILE...          referral cuts, with --schedule month by month
//	ladder path PROFILE...               the earliest date of every step to the top
//	ladder standings PROFILE...          metrics against every level's ranking standard
//	ladder lint DIR...                   check ladder definitions
//	ladder graph                         the track as a Mermaid flowchart
//	ladder export DIR                    write the embedded track out as files
//	ladder schema KIND                   the JSON Schema of ladder, level or profile files
//	ladder convert --to FORM IN OUT      people as JSON Lines, YAML, CSV tables or a workbook
//	ladder template                      empty tables of people to fill in
//	ladder serve                         an HTTP JSON API and web pages
//
// Every command takes --ladder DIR, --at YYYY-MM-DD and --format
// text|markdown|json, before the command or after it. Run "ladder help"
// for the details. The exit status is
// 0 on success, 1 when an input was invalid (the valid ones are still
// reported) and 2 on a usage error.
package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/ladderkit/ladder/internal/suggest"
)

func main() {
	tuneGC()
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// The command's garbage collector settings, unless the environment sets
// GOGC or GOMEMLIMIT. A cycle keeps only a few MiB live however many people
// it reads, so at Go's default GOGC of 100 the collector runs every few MiB
// allocated and takes a good part of the time; at 800 a 2,000,000-person
// cycle peaks near 65 MiB, flat in the number of people
// (docs/performance.md). The soft memory limit keeps a run with a large
// live heap from growing to nine times it: people read from tables keep
// their rows of the list tables live until their row of the people table
// comes (about 90 MiB for 200,000 people with mentees and assessments),
// and a long-running ladder serve may hold large requests. Near the limit
// the collector runs sooner, whatever GOGC says.
const (
	gcPercent   = 800
	memoryLimit = 256 << 20
)

// tuneGC applies gcPercent and memoryLimit where the environment does not
// say otherwise.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
}

// Exit statuses.
const (
	exitOK      = 0 // success
	exitInvalid = 1 // an input (profile, ladder, level) was invalid; the valid ones are still reported
	exitUsage   = 2 // the command line itself is wrong
)

// command is one subcommand of ladder.
type command struct {
	name    string
	args    string // the positional arguments, as shown in usage: "PROFILE..."
	minArgs int    // how many positional arguments are required
	short   string // one line for the overview
	help    string // what the command does, its own flags and an example
	flags   func(*flagSet)
	run     func(*session, []string) int
}

// commands lists the subcommands in the order the overview shows them.
var commands = []*command{levelsCmd, showCmd, evaluateCmd, cycleCmd, referralsCmd, pathCmd, standingsCmd, lintCmd, graphCmd, exportCmd, schemaCmd, convertCmd, templateCmd}

func lookup(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

// run runs ladder with args (without the program name) and returns the exit
// status. It never writes to its inputs.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (status int) {
	defer func() {
		// A bug must not greet the user with a stack trace.
		if v := recover(); v != nil {
			fmt.Fprintf(stderr, "ladder: internal error: %v\nplease report this, with the command line that caused it\n", v)
			status = exitInvalid
		}
	}()
	if len(args) == 0 {
		fmt.Fprint(stderr, overview())
		return exitUsage
	}
	lead, args, status := leadingFlags(args, stderr)
	if status >= 0 {
		return status
	}
	name := args[0]
	switch name {
	case "version", "-version", "--version":
		fmt.Fprintf(stdout, "ladder %s\n", version(debug.ReadBuildInfo()))
		return exitOK
	case "help", "-h", "-help", "--help":
		if name == "help" && len(args) > 1 && !isHelpFlag(args[1]) {
			if c := lookup(args[1]); c != nil {
				fmt.Fprint(stdout, c.usage())
				return exitOK
			}
			return unknownCommand(stderr, args[1])
		}
		fmt.Fprint(stdout, overview())
		return exitOK
	}
	c := lookup(name)
	if c == nil {
		if strings.HasPrefix(name, "-") {
			fmt.Fprintf(stderr, "ladder: only --ladder, --at and --format may come before the command; %s goes after it, e.g. 'ladder evaluate %s ...'\nrun 'ladder --help' for usage\n", name, name)
			return exitUsage
		}
		return unknownCommand(stderr, name)
	}
	s := &session{cmd: c, stdin: stdin, stdout: stdout, stderr: stderr, color: wantColor(stdout)}
	pos, status := s.parse(append(lead, args[1:]...))
	if status >= 0 {
		return status
	}
	return c.run(s, pos)
}

// commonFlags are the flags every command takes, which may also come before
// the command: ladder --ladder DIR evaluate maya.yaml.
var commonFlags = []string{"ladder", "at", "format"}

// leadingFlags takes the common flags that come before the command off
// args, each with its value, and returns them and the rest, which starts
// with the command. status is an exit status when the command line stops
// there (a flag without its value, no command after the flags), else -1.
func leadingFlags(args []string, stderr io.Writer) (lead, rest []string, status int) {
	for len(args) > 0 {
		arg := args[0]
		name, _, hasValue := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(arg, "-"), "-"), "=")
		if !strings.HasPrefix(arg, "-") || !slices.Contains(commonFlags, name) {
			break
		}
		if hasValue {
			lead, args = append(lead, arg), args[1:]
			continue
		}
		if len(args) < 2 {
			fmt.Fprintf(stderr, "ladder: %s needs a value, e.g. 'ladder %s %s evaluate maya.yaml'\nrun 'ladder --help' for usage\n", arg, arg, flagExample(name))
			return nil, nil, exitUsage
		}
		lead, args = append(lead, arg, args[1]), args[2:]
	}
	if len(args) == 0 {
		fmt.Fprintf(stderr, "ladder: a command must follow %s, e.g. 'ladder %s evaluate maya.yaml'\nrun 'ladder --help' for usage\n", strings.Join(lead, " "), strings.Join(lead, " "))
		return nil, nil, exitUsage
	}
	return lead, args, -1
}

// flagExample is a value of a common flag, for a message.
func flagExample(name string) string {
	switch name {
	case "at":
		return "2026-11-20"
	case "format":
		return "json"
	}
	return "my-ladder/"
}

// isHelpFlag reports whether arg asks for help, as in "ladder help --help".
func isHelpFlag(arg string) bool {
	return arg == "-h" || arg == "-help" || arg == "--help"
}

// version is the module version of the running binary, from its build
// information: a release tag for "go install …@v1.2.3", a pseudo-version for
// a build from a git checkout, and "(devel)" when the build recorded none.
func version(info *debug.BuildInfo, ok bool) string {
	if !ok || info == nil || info.Main.Version == "" {
		return "(devel)"
	}
	return info.Main.Version
}

func unknownCommand(stderr io.Writer, name string) int {
	names := make([]string, len(commands))
	for i, c := range commands {
		names[i] = c.name
	}
	fmt.Fprintf(stderr, "ladder: unknown command %q%s\nrun 'ladder --help' for usage\n", name, suggest.DidYouMean(name, names))
	return exitUsage
}

// overview is the text of "ladder help".
func overview() string {
	var b strings.Builder
	b.WriteString(`ladder checks people against a career ladder: ranking standards, checklist
progress, promotion eligibility with every reason, mentorship slots and
referral cuts. It uses the embedded Worca "AI-First Business Manager" track
(L1–L10) unless --ladder names another ladder.

Usage:
  ladder COMMAND [flags] [arguments]

Commands:
`)
	w := 0
	for _, c := range commands {
		w = max(w, len(c.name+" "+c.args))
	}
	for _, c := range commands {
		fmt.Fprintf(&b, "  %-*s  %s\n", w, c.name+" "+c.args, c.short)
	}
	fmt.Fprintf(&b, "  %-*s  %s\n", w, "help [COMMAND]", "this overview, or a command's usage")
	fmt.Fprintf(&b, "  %-*s  %s\n", w, "version", "the version of this command")
	b.WriteString(`
Flags (every command; before the command, or before or after the arguments):
` + commonFlagsHelp + `
A PROFILE is a YAML or JSON file, a stream of people (.jsonl, .ndjson, .csv
or YAML documents separated by ---), a folder (every such file in it, in
natural order) or - for standard input.

Examples:
  ladder levels
  ladder show L7
  ladder evaluate --at 2026-11-20 maya.yaml
  ladder evaluate --summary team/
  ladder referrals --schedule maya.yaml
  ladder cycle --by 2027-05-20 people.jsonl
  ladder referrals --due 2026-11 --format csv people.jsonl
  ladder path maya.yaml
  ladder standings --ladder examples/ladders/points cy.yaml
  ladder lint my-ladder/
  ladder graph --format markdown > track.md
  ladder export my-ladder/
  ladder schema level
  ladder serve --addr 127.0.0.1:0

Exit status: 0 success; 1 an input was invalid (errors on stderr with file
and position; the valid inputs are still reported); 2 usage error.
Run 'ladder COMMAND --help' for a command's own flags and examples.
`)
	return b.String()
}

const commonFlagsHelp = `  --ladder DIR         the ladder directory to use (default: the embedded track)
  --at YYYY-MM-DD      the evaluation date (default: today, UTC)
  --format FORMAT      text, markdown or json (default: text)
  -h, --help           show this help
  --                   end of the flags: what follows are arguments
`

// usage is the text of "ladder COMMAND --help".
func (c *command) usage() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Usage: ladder %s [flags] %s\n\n", c.name, c.args)
	b.WriteString(strings.TrimLeft(c.help, "\n"))
	b.WriteString("\nCommon flags (before or after the arguments):\n")
	b.WriteString(commonFlagsHelp)
	b.WriteString("\nExit status: 0 success; 1 an input was invalid; 2 usage error.\n")
	return b.String()
}

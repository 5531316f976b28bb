package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/ladderkit/ladder"
	"github.com/ladderkit/ladder/internal/suggest"
)

// session is one run of a command: its streams and its parsed flags.
type session struct {
	cmd                       *command
	stdin                     io.Reader
	stdout, stderr            io.Writer
	color                     bool // ANSI colour in text output
	ladderDir, atText, format string
	at                        time.Time
	summary, schedule, force  bool // command-specific flags
	only, sortBy, by, due     string
	to                        string // convert: the form to write

	addr string // serve: where to listen

	prog *progress // the progress line on stderr, while one may be shown
}

// flagSet is the flag.FlagSet of a command with its session, so commands
// can add their own flags.
type flagSet struct {
	*flag.FlagSet
	s *session
}

// The output formats.
const (
	formatText     = "text"
	formatMarkdown = "markdown"
	formatJSON     = "json"
)

// parse parses the command's flags, which may come before, between or after
// the positional arguments ("--" ends the flags). It returns the positional
// arguments and -1, or an exit status when the command should stop (help
// shown, usage error).
func (s *session) parse(args []string) ([]string, int) {
	fs := flag.NewFlagSet("ladder "+s.cmd.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&s.ladderDir, "ladder", "", "")
	fs.StringVar(&s.atText, "at", "", "")
	fs.StringVar(&s.format, "format", formatText, "")
	if s.cmd.flags != nil {
		s.cmd.flags(&flagSet{fs, s})
	}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(s.stdout, s.cmd.usage())
				return nil, exitOK
			}
			msg := err.Error()
			if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
				msg = unknownFlag(fs, strings.TrimPrefix(name, "-"))
			}
			return nil, s.usageError("%s", msg)
		}
		rest := fs.Args()
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			pos = append(pos, rest...)
			break
		}
		if len(rest) == 0 {
			break
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}

	switch extra := extraFormats[s.cmd.name]; {
	case s.format == formatText || s.format == formatMarkdown || s.format == formatJSON:
	case slices.Contains(extra, s.format):
		if s.format == formatXLSX && atTerminal(s.stdout) {
			return nil, s.usageError("--format xlsx writes a workbook, not text: redirect it to a file, e.g. > %s.xlsx", s.cmd.name)
		}
	case s.format == formatXLSX:
		return nil, s.usageError("--format xlsx is for %s; ladder %s writes text, markdown or json%s", xlsxCommands, s.cmd.name, orFormats(extra))
	default:
		all := append([]string{formatText, formatMarkdown, formatJSON}, extra...)
		return nil, s.usageError("--format: want %s or %s, got %q", strings.Join(all[:len(all)-1], ", "), all[len(all)-1], s.format)
	}
	if s.format != formatText {
		s.color = false
	}
	s.at = ladder.Today()
	if s.atText != "" {
		t, err := ladder.ParseDate(s.atText)
		if err != nil {
			return nil, s.usageError("--at: %v", err)
		}
		s.at = t
	}
	if len(pos) < s.cmd.minArgs {
		return nil, s.usageError("missing %s", strings.TrimSuffix(s.cmd.args, "..."))
	}
	if s.cmd.minArgs == 0 && s.cmd.args == "" && len(pos) > 0 {
		return nil, s.usageError("unexpected argument %q", pos[0])
	}
	return pos, -1
}

// orFormats is the formats of a command beyond text, markdown and json as
// " (or csv, html)", or "" for none, for the usage error of --format xlsx.
func orFormats(extra []string) string {
	if len(extra) == 0 {
		return ""
	}
	return " (or " + strings.Join(extra, ", ") + ")"
}

// unknownFlag is the message for --name, which fs does not define, with the
// flag the user most likely meant: "unknown flag --sumary (did you mean --summary?)".
func unknownFlag(fs *flag.FlagSet, name string) string {
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	names = append(names, "help")
	hint := suggest.DidYouMean(name, names)
	return "unknown flag --" + name + strings.Replace(hint, "did you mean ", "did you mean --", 1)
}

// usageError reports a usage error on one line with a hint and returns the
// usage exit status.
func (s *session) usageError(format string, args ...any) int {
	fmt.Fprintf(s.stderr, "ladder %s: %s\nrun 'ladder %s --help' for usage\n", s.cmd.name, fmt.Sprintf(format, args...), s.cmd.name)
	return exitUsage
}

// errorf reports a problem with an input on stderr.
func (s *session) errorf(format string, args ...any) {
	s.prog.clear()
	fmt.Fprintf(s.stderr, format+"\n", args...)
}

// ladder returns the ladder to use: --ladder DIR, or the embedded track. A
// ladder that does not load is reported on stderr and ok is false.
func (s *session) ladder() (l *ladder.Ladder, ok bool) {
	if s.ladderDir == "" {
		return ladder.Default(), true
	}
	l, err := ladder.LoadDir(s.ladderDir)
	if err != nil {
		s.errorf("%v", err)
		return nil, false
	}
	return l, true
}

// unwrapPath drops the operation and path of an *fs.PathError, which the
// caller already names.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// wantColor reports whether to colour text written to w: only a terminal,
// and only when NO_COLOR is unset.
func wantColor(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("NO_COLOR") != "" {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

//go:build unix

package ladder_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/ladderkit/ladder"
)

// hostileUnixCases are the hostile files only a Unix system can make: a
// named pipe (FIFO), which would block a reader for ever, a symbolic link
// to /dev/zero, which never ends, and symbolic links that lead out of the
// ladder directory to a file that must not be read and echoed (issue 24).
// Each case makes ruleLadder("n > 1") in x/ of a temporary directory, and
// elsewhere/secret beside it, and loads it with LoadDir; the temporary
// directory is named $TMP in the outcome.
func hostileUnixCases(t *testing.T) []hostileCase {
	dir := func(extra func(dir string) error) string {
		d, err := os.MkdirTemp("", "hostile")
		if err != nil {
			return err.Error()
		}
		defer os.RemoveAll(d)
		files := ruleLadder("n > 1")
		for name, f := range files {
			if err := os.MkdirAll(filepath.Join(d, filepath.Dir(name)), 0o755); err != nil {
				return err.Error()
			}
			if err := os.WriteFile(filepath.Join(d, name), f.Data, 0o644); err != nil {
				return err.Error()
			}
		}
		if err := os.MkdirAll(filepath.Join(d, "elsewhere"), 0o755); err != nil {
			return err.Error()
		}
		if err := os.WriteFile(filepath.Join(d, "elsewhere", "secret"), []byte("SECRET_TOKEN=abc123: x\n"), 0o644); err != nil {
			return err.Error()
		}
		if err := extra(filepath.Join(d, "x")); err != nil {
			return err.Error()
		}
		if _, err := ladder.LoadDir(filepath.Join(d, "x")); err != nil {
			return strings.ReplaceAll(err.Error(), d, "$TMP")
		}
		return "loaded"
	}
	symlink := func(target, link string) func(d string) error {
		return func(d string) error {
			return os.Symlink(strings.ReplaceAll(target, "$X", d), filepath.Join(d, link))
		}
	}
	// write writes files (name, content) into d, making their directories.
	write := func(then func(d string) error, files ...string) func(d string) error {
		return func(d string) error {
			for i := 0; i+1 < len(files); i += 2 {
				name := filepath.Join(d, files[i])
				if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
					return err
				}
				if err := os.WriteFile(name, []byte(files[i+1]), 0o644); err != nil {
					return err
				}
			}
			return then(d)
		}
	}
	level9 := "id: L9\nrank: 9\n"
	return []hostileCase{
		{"fifo", func() string {
			return dir(func(d string) error { return syscall.Mkfifo(filepath.Join(d, "L9.yaml"), 0o644) })
		}},
		{"symlink-regular", func() string {
			return dir(write(symlink("real.txt", "L9.yaml"), "real.txt", level9))
		}},
		{"symlink-dev-zero", func() string { return dir(symlink("/dev/zero", "L9.yaml")) }},
		// Links that stay inside the ladder directory are read.
		{"symlink-subdirectory", func() string {
			return dir(write(symlink("sub/../sub/L9.txt", "L9.yaml"), "sub/L9.txt", level9))
		}},
		{"symlink-absolute-inside", func() string {
			return dir(write(symlink("$X/sub/L9.txt", "L9.yaml"), "sub/L9.txt", level9))
		}},
		{"symlink-chain-inside", func() string {
			return dir(write(func(d string) error {
				if err := symlink("sub", "link")(d); err != nil {
					return err
				}
				return symlink("link/L9.txt", "L9.yaml")(d)
			}, "sub/L9.txt", level9))
		}},
		// Links that lead outside it are refused, naming only the link.
		{"symlink-outside-relative", func() string { return dir(symlink("../elsewhere/secret", "L02.yaml")) }},
		{"symlink-outside-absolute", func() string { return dir(symlink("$X/../elsewhere/secret", "L02.yaml")) }},
		{"symlink-outside-etc", func() string { return dir(symlink("/etc/passwd", "L02.yaml")) }},
		{"symlink-outside-through-directory", func() string {
			return dir(func(d string) error {
				if err := symlink("../elsewhere", "inner")(d); err != nil {
					return err
				}
				return symlink("inner/secret", "L02.yaml")(d)
			})
		}},
		{"symlink-outside-chain", func() string {
			return dir(func(d string) error {
				if err := symlink("../elsewhere/secret", "hop.txt")(d); err != nil {
					return err
				}
				return symlink("hop.txt", "L02.yaml")(d)
			})
		}},
		{"symlink-ladder-yaml-outside", func() string {
			return dir(func(d string) error {
				if err := os.Remove(filepath.Join(d, "ladder.yaml")); err != nil {
					return err
				}
				return symlink("../elsewhere/secret", "ladder.yaml")(d)
			})
		}},
		{"symlink-loop", func() string {
			return dir(func(d string) error {
				if err := symlink("L03.yaml", "L02.yaml")(d); err != nil {
					return err
				}
				return symlink("L02.yaml", "L03.yaml")(d)
			})
		}},
	}
}

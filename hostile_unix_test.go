//go:build unix

package ladder_test

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/ladderkit/ladder"
)

// hostileUnixCases are the hostile files only a Unix system can make: a
// named pipe (FIFO), which would block a reader for ever, and a symbolic
// link to /dev/zero, which never ends.
func hostileUnixCases(t *testing.T) []hostileCase {
	dir := func(extra func(dir string) error) string {
		d, err := os.MkdirTemp("", "hostile")
		if err != nil {
			return err.Error()
		}
		defer os.RemoveAll(d)
		for name, f := range ruleLadder("n > 1") {
			if err := os.MkdirAll(filepath.Join(d, filepath.Dir(name)), 0o755); err != nil {
				return err.Error()
			}
			if err := os.WriteFile(filepath.Join(d, name), f.Data, 0o644); err != nil {
				return err.Error()
			}
		}
		if err := extra(filepath.Join(d, "x")); err != nil {
			return err.Error()
		}
		if _, err := ladder.Load(os.DirFS(d), "x"); err != nil {
			return err.Error()
		}
		return "loaded"
	}
	return []hostileCase{
		{"fifo", func() string {
			return dir(func(d string) error { return syscall.Mkfifo(filepath.Join(d, "L9.yaml"), 0o644) })
		}},
		{"symlink-regular", func() string {
			return dir(func(d string) error {
				if err := os.WriteFile(filepath.Join(d, "real.txt"), []byte("id: L9\nrank: 9\n"), 0o644); err != nil {
					return err
				}
				return os.Symlink("real.txt", filepath.Join(d, "L9.yaml"))
			})
		}},
		{"symlink-dev-zero", func() string {
			return dir(func(d string) error { return os.Symlink("/dev/zero", filepath.Join(d, "L9.yaml")) })
		}},
	}
}

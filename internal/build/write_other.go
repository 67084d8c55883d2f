//go:build !linux || portable

package build

import (
	"errors"
	"os"
)

// markTopDir does nothing: the placement hint is ext4's (write_linux.go).
func markTopDir(string) {}

// exchange is not offered: swap renames twice.
func exchange(string, string) error { return errors.ErrUnsupported }

func mkdir(name string) error { return os.Mkdir(name, 0o755) }

// create writes a new file, refusing one that exists.
func create(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

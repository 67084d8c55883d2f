//go:build !linux || portable

package build

// The portable way to read and write, for every system but Linux, and for
// Linux with the tag portable, so that make test runs it there too.

import (
	"io/fs"
	"os"
)

// folder is one folder's Root; files are opened through it.
type folder struct {
	root *os.Root
}

func newFolder(r *os.Root) (*folder, error) { return &folder{root: r}, nil }

func (fo *folder) close() {}

func (f *Folders) Open(name string) (fs.File, error) {
	fo, file, err := f.folder(name)
	if err != nil {
		return nil, err
	}
	if err := fo.linked(file, true); err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return fo.root.Open(file)
}

func (f *Folders) ReadFile(name string) ([]byte, error) {
	fo, file, err := f.folder(name)
	if err != nil {
		return nil, err
	}
	if err := fo.linked(file, false); err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return fo.root.ReadFile(file)
}

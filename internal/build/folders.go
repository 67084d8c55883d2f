package build

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"strings"
	"sync"
)

// Folders reads a site for one build or check through os.Root, with one
// Root per folder a file is read from. os.Root opens every folder of a
// path again for each file it opens: for a section of thousands of
// entries that was most of the system calls of reading the site. Each
// folder's Root is opened through the site's, and never leaves its
// folder, so a link out of the site is refused as before; a regular file
// is opened in its folder with openat(2) and O_NOFOLLOW on Linux (see
// folders_linux.go), a link, and every file elsewhere, through the Root;
// a pipe or a device is refused either way. Folders are opened once: a folder
// replaced while the build runs is not seen, which is why the preview
// server, which reads for as long as it runs, does not use this.
type Folders struct {
	root *os.Root
	fsys fs.FS // root.FS(), for listings and stats

	mu   sync.Mutex
	dirs map[string]*folder
}

func NewFolders(root *os.Root) *Folders {
	return &Folders{root: root, fsys: root.FS(), dirs: map[string]*folder{}}
}

// folder returns the folder of a file and the file's name in it.
func (f *Folders) folder(name string) (*folder, string, error) {
	if !fs.ValidPath(name) {
		return nil, "", &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	dir, file := path.Split(name)
	dir = strings.TrimSuffix(dir, "/")
	f.mu.Lock()
	defer f.mu.Unlock()
	fo, ok := f.dirs[dir]
	if !ok {
		r := f.root
		if dir != "" {
			var err error
			if r, err = f.root.OpenRoot(dir); err != nil {
				return nil, "", err
			}
		}
		var err error
		if fo, err = newFolder(r); err != nil {
			if r != f.root {
				r.Close()
			}
			return nil, "", err
		}
		f.dirs[dir] = fo
	}
	return fo, file, nil
}

var errNotRegular = errors.New("not a regular file")

// linked checks, before os.Root opens what a link names, that it is a
// regular file (or, with folders, a folder) and not a pipe or a device;
// os.Root refuses a link that leaves the site.
func (fo *folder) linked(file string, folders bool) error {
	fi, err := fo.root.Stat(file)
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() && !(folders && fi.IsDir()) {
		return errNotRegular
	}
	return nil
}

func (f *Folders) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(f.fsys, name) }

func (f *Folders) Stat(name string) (fs.FileInfo, error) { return fs.Stat(f.fsys, name) }

// Close closes every folder (not the site's Root).
func (f *Folders) Close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, fo := range f.dirs {
		fo.close()
		if fo.root != f.root {
			fo.root.Close()
		}
	}
	f.dirs = nil
	return nil
}

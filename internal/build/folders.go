package build

import (
	"io/fs"
	"os"
	"path"
	"sync"
)

// Folders reads a site for one build or check through os.Root, with one
// Root per folder a file is read from. os.Root opens every folder of a
// path again for each file it opens: for a section of thousands of
// entries that was most of the system calls of reading the site. Each folder's Root is
// opened through the site's, and never leaves its folder, so a link out
// of the site is refused as before. Folders are opened once: a folder
// replaced while the build runs is not seen, which is why the preview
// server, which reads for as long as it runs, does not use this.
type Folders struct {
	root *os.Root
	fsys fs.FS // root.FS(), for listings and stats

	mu   sync.Mutex
	dirs map[string]*os.Root
}

func NewFolders(root *os.Root) *Folders {
	return &Folders{root: root, fsys: root.FS(), dirs: map[string]*os.Root{}}
}

// folder returns the Root of dir and the file's name in it.
func (f *Folders) folder(name string) (*os.Root, string, error) {
	if !fs.ValidPath(name) {
		return nil, "", &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	dir, file := path.Split(name)
	if dir == "" {
		return f.root, file, nil
	}
	dir = dir[:len(dir)-1]
	f.mu.Lock()
	defer f.mu.Unlock()
	r, ok := f.dirs[dir]
	if !ok {
		var err error
		if r, err = f.root.OpenRoot(dir); err != nil {
			return nil, "", err
		}
		f.dirs[dir] = r
	}
	return r, file, nil
}

func (f *Folders) Open(name string) (fs.File, error) {
	r, file, err := f.folder(name)
	if err != nil {
		return nil, err
	}
	return r.Open(file)
}

func (f *Folders) ReadFile(name string) ([]byte, error) {
	r, file, err := f.folder(name)
	if err != nil {
		return nil, err
	}
	return r.ReadFile(file)
}

func (f *Folders) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(f.fsys, name) }

func (f *Folders) Stat(name string) (fs.FileInfo, error) { return fs.Stat(f.fsys, name) }

// Close closes every folder's Root (not the site's).
func (f *Folders) Close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, r := range f.dirs {
		r.Close()
	}
	f.dirs = nil
	return nil
}

package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/tdewolff/minify/v2"

	"github.com/storyhub/storyhub/internal/render"
)

// Marker is the file that marks a folder as storyhub's output, safe to
// replace on the next build.
const Marker = ".storyhub-output"

// minifiable maps a copied file's extension to its media type.
func minifiable(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".css":
		return "text/css"
	case ".js":
		return "application/javascript"
	case ".svg":
		return "image/svg+xml"
	case ".json":
		return "application/json"
	}
	return ""
}

// checkOutDir refuses output folders that would overwrite the site itself.
func checkOutDir(siteDir, outDir string) error {
	site, err := filepath.Abs(siteDir)
	if err != nil {
		return err
	}
	out, err := filepath.Abs(outDir)
	if err != nil {
		return err
	}
	if real, err := filepath.EvalSymlinks(site); err == nil {
		site = real
	}
	if real, err := filepath.EvalSymlinks(filepath.Dir(out)); err == nil {
		out = filepath.Join(real, filepath.Base(out))
	}
	within := func(dir, parent string) bool {
		rel, err := filepath.Rel(parent, dir)
		return err == nil && (rel == "." || (rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))))
	}
	if within(site, out) {
		return fmt.Errorf("output folder %s holds the site itself; choose another -o", outDir)
	}
	for _, dir := range []string{"content", "static", "themes"} {
		if within(out, filepath.Join(site, dir)) {
			return fmt.Errorf("output folder %s is inside the site's %s/; choose another -o, such as public", outDir, dir)
		}
	}
	info, err := os.Stat(out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !info.IsDir():
		return fmt.Errorf("output %s is a file, not a folder; remove it or choose another -o", outDir)
	}
	if _, err := os.Stat(filepath.Join(out, Marker)); err == nil {
		return nil
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return fmt.Errorf("output folder %s is not empty and was not made by storyhub; nothing was written (remove it or choose another -o)", outDir)
	}
	return nil
}

// write renders every output into a new folder beside cfg.OutDir and swaps
// it in.
func write(ctx context.Context, cfg Config, outs []render.Output, copies []render.Copy) error {
	out, err := filepath.Abs(cfg.OutDir)
	if err != nil {
		return err
	}
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("output folder: %w", err)
	}
	removeStale(parent, filepath.Base(out))
	// The work folder holds the new site while it is written, and the old
	// one once they are swapped; it goes in every case.
	work, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".tmp-")
	if err != nil {
		return fmt.Errorf("output folder: %w", err)
	}
	defer os.RemoveAll(work)
	markTopDir(work)
	dir, err := os.MkdirTemp(work, "site-")
	if err != nil {
		return fmt.Errorf("output folder: %w", err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		return err
	}
	w := &writer{dir: dir, minify: !cfg.NoMinify, m: render.NewMinifier(), dirs: map[string]bool{}}
	if err := w.all(ctx, outs, copies); err != nil {
		return err
	}
	if err := w.file(Marker, []byte("This folder is replaced by every storyhub build.\n")); err != nil {
		return err
	}
	return swap(dir, out)
}

// removeStale deletes temporary folders a killed build left beside out.
func removeStale(parent, base string) {
	stale, _ := filepath.Glob(filepath.Join(parent, "."+base+".tmp-*"))
	for _, s := range stale {
		os.RemoveAll(s)
	}
}

// swap puts the new folder dir in place of out in one step where the
// system can exchange two names atomically, and with two renames
// elsewhere. The old site ends up in dir's folder, to be removed with it.
func swap(dir, out string) error {
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(dir, out)
	}
	if err := exchange(dir, out); err == nil {
		return nil
	}
	old := dir + ".old"
	if err := os.Rename(out, old); err != nil {
		return fmt.Errorf("replacing %s: %w", out, err)
	}
	if err := os.Rename(dir, out); err != nil {
		os.Rename(old, out)
		return fmt.Errorf("replacing %s: %w", out, err)
	}
	return nil
}

type writer struct {
	// dir is the new output folder: made by this build with MkdirTemp,
	// so nothing inside it is a link. Paths are checked to stay inside.
	dir    string
	minify bool
	m      *minify.M
	mu     sync.Mutex
	dirs   map[string]bool
}

// all makes every output and copy on every core, and one worker more,
// which runs while another waits on the disk.
func (w *writer) all(ctx context.Context, outs []render.Output, copies []render.Copy) error {
	return forEach(ctx, len(outs)+len(copies), 1, func(i int, a, b *bytes.Buffer) error {
		if i < len(outs) {
			return w.output(outs[i], a, b)
		}
		return w.copy(copies[i-len(outs)], a, b)
	})
}

func (w *writer) output(o render.Output, a, b *bytes.Buffer) error {
	data, err := produce(o, w.minify, w.m, a, b)
	if err != nil {
		return err
	}
	return w.file(o.Path, data)
}

func (w *writer) copy(c render.Copy, a, b *bytes.Buffer) error {
	data, err := readCopy(c, w.minify, w.m, a, b)
	if err != nil {
		return err
	}
	return w.file(c.Path, data)
}

// produce renders one output into a (and minifies it into b); the result
// aliases one of the buffers.
func produce(o render.Output, minify bool, m *minify.M, a, b *bytes.Buffer) ([]byte, error) {
	a.Reset()
	if err := o.Render(a); err != nil {
		return nil, fmt.Errorf("%s: %w", o.Path, err)
	}
	if !minify || !minified(o.MediaType) {
		return a.Bytes(), nil
	}
	b.Reset()
	if err := m.Minify(o.MediaType, b, a); err != nil {
		return nil, fmt.Errorf("minifying %s: %w", o.Path, err)
	}
	return b.Bytes(), nil
}

// minified reports whether outputs of a media type go through the
// minifier: pages come minified from the renderer, feeds and the search
// index compact from their encoders, and a zip is binary, so only the
// sitemap and styles do.
func minified(mediaType string) bool {
	switch mediaType {
	case render.HTML, render.Text, render.Feed, render.Zip, render.JSON:
		return false
	}
	return true
}

// readCopy reads a copied file into a (and minifies it into b when it is
// a minifiable static file).
func readCopy(c render.Copy, minify bool, m *minify.M, a, b *bytes.Buffer) ([]byte, error) {
	f, err := c.FS.Open(c.Src)
	if err != nil {
		return nil, fmt.Errorf("copying %s: %w", c.Src, err)
	}
	defer f.Close()
	a.Reset()
	// Into the buffer's own space: io.Copy would go through the file's
	// WriteTo, which makes a new buffer for every file.
	if _, err := a.ReadFrom(f); err != nil {
		return nil, fmt.Errorf("copying %s: %w", c.Src, err)
	}
	mt := minifiable(c.Path)
	if !minify || !c.Minify || mt == "" {
		return a.Bytes(), nil
	}
	b.Reset()
	if err := m.Minify(mt, b, a); err != nil {
		return nil, fmt.Errorf("minifying %s: %w", c.Src, err)
	}
	return b.Bytes(), nil
}

func (w *writer) file(name string, data []byte) error {
	if !filepath.IsLocal(name) {
		return fmt.Errorf("writing %s: the path leaves the output folder", name)
	}
	if err := w.mkdir(path.Dir(name)); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err := create(filepath.Join(w.dir, filepath.FromSlash(name)), data); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}

// mkdir makes the folder dir of the new site, and its parents, unless this
// build has made them already.
func (w *writer) mkdir(dir string) error {
	if dir == "." {
		return nil
	}
	w.mu.Lock()
	known := w.dirs[dir]
	w.mu.Unlock()
	if known {
		return nil
	}
	if err := w.mkdir(path.Dir(dir)); err != nil {
		return err
	}
	full := filepath.Join(w.dir, filepath.FromSlash(dir))
	// Another worker may have made it since: that is fine.
	if err := mkdir(full); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	w.mu.Lock()
	w.dirs[dir] = true
	w.mu.Unlock()
	return nil
}

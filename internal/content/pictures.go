package content

import (
	"bufio"
	"image"
	_ "image/gif" // header decoders, for sizes
	_ "image/jpeg"
	_ "image/png"
	"io/fs"
	"path"
	"strings"

	_ "golang.org/x/image/webp"
)

// Picture is a raster picture a page shows: its size in pixels, read
// from its header once per change of the file, and its SHA-256, which
// the resized copies are cached by.
type Picture struct {
	Width, Height int
	SHA256        string // hex
}

// pictureSize reads the width and height from the header of a raster
// picture; 0, 0 for one whose header cannot be read (AVIF, or bytes that
// are not the picture's format, reported where the file is checked).
func pictureSize(fsys fs.FS, name string) (int, int) {
	f, err := fsys.Open(name)
	if err != nil {
		return 0, 0
	}
	defer f.Close()
	cfg, _, err := image.DecodeConfig(bufio.NewReader(f))
	if err != nil {
		return 0, 0
	}
	return cfg.Width, cfg.Height
}

// raster reports whether a file is a picture with pixels: published as
// an image, and not SVG.
func raster(name string) bool {
	t, ok := TypeOf(name)
	return ok && t.Use == Image && t.Bytes != "svg"
}

// SitePath is the site path of a picture or file the front matter
// names, as localPath wrote it back: under static/ from /, else in the
// bundle.
func (d *Doc) SitePath(typed string) string {
	if rest, ok := strings.CutPrefix(typed, "/"); ok {
		return "static/" + rest
	}
	return path.Join(path.Dir(d.Path), typed)
}

// findPictures sets d.Pictures: the front matter's image, the people's
// portraits and the bundle's raster pictures, by site path, with their sizes and hashes
// (kept in the cache until the file changes).
func (c *Cache) findPictures(fsys fs.FS, d *Doc, imageSrc string) {
	add := func(src string) {
		if !raster(src) {
			return
		}
		if _, ok := d.Pictures[src]; ok {
			return
		}
		s, err := c.hashFile(fsys, src)
		if err != nil || s.looks != "" || s.width == 0 {
			return // reported where the file is checked
		}
		if d.Pictures == nil {
			d.Pictures = map[string]Picture{}
		}
		d.Pictures[src] = Picture{Width: s.width, Height: s.height, SHA256: s.sum}
	}
	if imageSrc != "" {
		add(imageSrc)
	}
	for _, people := range [][]Person{d.Authors, d.Speakers, d.Owners} {
		for _, p := range people {
			if p.Image != "" {
				add(d.SitePath(p.Image))
			}
		}
	}
	if d.Bundle {
		dir := path.Dir(d.Path)
		for _, r := range d.Resources {
			if badPath(r) == "" {
				add(path.Join(dir, r))
			}
		}
	}
}

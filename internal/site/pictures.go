package site

import (
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/images"
	"github.com/storyhub/storyhub/internal/markdown"
)

// Picture is a raster picture as the site serves it: the original, and
// its copies at the widths of images.Ladder narrower than it. An
// original wider than the widest copy is not linked from any page (a
// phone would load it whole); from a bundle, it is not published at all
// unless the page offers it as a download.
type Picture struct {
	Source        string // site path of the original
	URL           string // site path the original is published at
	Width, Height int
	SHA256        string
	Resize        bool          // copies are made (PNG, JPEG)
	Copies        []PictureCopy // narrowest first
	// Page is the first page that shows it, in the order of Site.Pages:
	// what a copy depends on.
	Page *Page
}

// PictureCopy is one resized copy of a picture.
type PictureCopy struct {
	URL           string // site path
	Width, Height int
}

// Linked reports whether pages link the original: it is no wider than
// the widest copy, or is served as it is.
func (p *Picture) Linked() bool {
	return len(p.Copies) == 0 || p.Width <= images.Ladder[len(images.Ladder)-1]
}

// Src is the site path for an img's src, and its size: the original
// when it is linked, or else the widest copy.
func (p *Picture) Src() (string, int, int) {
	if p.Linked() {
		return p.URL, p.Width, p.Height
	}
	c := p.Copies[len(p.Copies)-1]
	return c.URL, c.Width, c.Height
}

// Srcset is the srcset of the picture, each site path under base (the
// site's base path): every copy, and the original when it is linked; ""
// when there is nothing to choose between.
func (p *Picture) Srcset(base string) string {
	if len(p.Copies) == 0 {
		return ""
	}
	var b strings.Builder
	entry := func(u string, w int) {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		// Escaped: a space would end the entry.
		b.WriteString((&url.URL{Path: base + strings.TrimPrefix(u, "/")}).EscapedPath() + " " + strconv.Itoa(w) + "w")
	}
	for _, c := range p.Copies {
		entry(c.URL, c.Width)
	}
	if p.Linked() {
		entry(p.URL, p.Width)
	}
	return b.String()
}

// Sizes is the sizes attribute of a picture in a page's column: the
// column is at most 44rem wide (the theme's measure), the screen's width
// on a phone.
const Sizes = "(max-width: 46rem) calc(100vw - 2rem), 44rem"

// pictures makes the site's pictures from every published page's, once
// each however many pages show them, and gives each page its image.
func (s *Site) pictures() {
	s.pictureBy = map[string]*Picture{}
	for _, p := range s.Pages {
		dir := path.Dir(p.Path)
		for _, src := range sortedKeys(p.Doc.Pictures) {
			if _, ok := s.pictureBy[src]; ok {
				continue
			}
			d := p.Doc.Pictures[src]
			pic := &Picture{Source: src, Width: d.Width, Height: d.Height, SHA256: d.SHA256, Resize: images.Resizable(src), Page: p}
			if rest, ok := strings.CutPrefix(src, "static/"); ok {
				pic.URL = "/" + rest
			} else {
				pic.URL = p.URL + strings.TrimPrefix(src, dir+"/")
			}
			if pic.Resize {
				for _, w := range images.Widths(d.Width) {
					pic.Copies = append(pic.Copies, PictureCopy{URL: path.Dir(pic.URL) + "/" + images.Name(path.Base(pic.URL), w), Width: w, Height: images.Height(d.Width, d.Height, w)})
				}
			}
			s.pictureBy[src] = pic
			s.Pictures = append(s.Pictures, pic)
		}
		if p.Doc.Image != "" {
			p.Picture = s.pictureBy[imageSource(p.Doc)]
			if p.Picture != nil {
				// An original too wide to send is not linked, from the
				// page, its preview or its structured data.
				p.ImageURL, _, _ = p.Picture.Src()
			}
		}
	}
	slices.SortFunc(s.Pictures, func(a, b *Picture) int { return strings.Compare(a.Source, b.Source) })
}

// imageSource is the site path of a document's front matter image.
func imageSource(d *content.Doc) string {
	if rest, ok := strings.CutPrefix(d.Image, "/"); ok {
		return "static/" + rest
	}
	return path.Join(path.Dir(d.Path), d.Image)
}

// PictureAt is the picture at a site path, nil when the site has none
// there.
func (s *Site) PictureAt(src string) *Picture { return s.pictureBy[src] }

// Hidden reports whether a bundle file is not published: a picture
// wider than its widest copy that no page offers as a download.
func (pic *Picture) Hidden(downloads map[string]bool) bool {
	return !pic.Linked() && !strings.HasPrefix(pic.Source, "static/") && !downloads[pic.Source]
}

// imager is the markdown.Links Image of page p: a bundle picture's size
// and copies.
func (s *Site) imager(p *Page, base string) func(dest string) *markdown.Image {
	return func(dest string) *markdown.Image {
		if strings.Contains(dest, "://") || strings.HasPrefix(dest, "#") {
			return nil
		}
		dest, _, _ = strings.Cut(dest, "#")
		dest, _, _ = strings.Cut(dest, "?")
		src := ""
		if rest, ok := strings.CutPrefix(dest, "/"); ok {
			src = "static/" + rest
		} else {
			src = path.Join(path.Dir(p.Path), dest)
		}
		pic := s.pictureBy[src]
		if pic == nil || pic.Width == 0 {
			return nil
		}
		url, w, h := pic.Src()
		return &markdown.Image{URL: base + strings.TrimPrefix(url, "/"), Width: w, Height: h, Srcset: pic.Srcset(base), Sizes: Sizes}
	}
}

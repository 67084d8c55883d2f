package site

import (
	"net/url"
	"path"
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
	ladder        []int         // the widths copies may have
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
	return len(p.Copies) == 0 || p.Width <= p.ladder[len(p.ladder)-1]
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
// each however many pages show them, and gives each page its image. A
// portrait is a picture of its own, with copies of the portrait ladder,
// even when the same file is a page's picture too.
func (s *Site) pictures() {
	s.pictureBy, s.portraitBy, s.downloads = map[string]*Picture{}, map[string]*Picture{}, map[string]bool{}
	portraits := map[string]bool{}
	for _, p := range s.AllPages() {
		for _, f := range p.Files {
			s.downloads[f.Source] = true
		}
		clear(portraits)
		for _, people := range [][]content.Person{p.Authors, p.Speakers, p.Owners} {
			for _, person := range people {
				if person.Image != "" {
					portraits[p.Doc.SitePath(person.Image)] = true
				}
			}
		}
		for _, src := range sortedKeys(p.Doc.Pictures) {
			// The page's image, and the bundle's pictures a body may
			// show; a file only for a portrait has portrait copies only.
			if p.Doc.Image != "" && src == p.Doc.SitePath(p.Doc.Image) || bundlePicture(p, src) && !portraits[src] {
				s.picture(s.pictureBy, p, src, images.Ladder)
			}
			if portraits[src] {
				s.picture(s.portraitBy, p, src, images.Portrait)
			}
		}
		if p.Doc.Image != "" {
			p.Picture = s.pictureBy[p.Doc.SitePath(p.Doc.Image)]
			if p.Picture != nil {
				// An original too wide to send is not linked, from the
				// page, its preview or its structured data.
				p.ImageURL, _, _ = p.Picture.Src()
			}
		}
	}
	for _, by := range []map[string]*Picture{s.pictureBy, s.portraitBy} {
		for _, src := range sortedKeys(by) {
			s.Pictures = append(s.Pictures, by[src])
		}
	}
}

// bundlePicture reports whether src is a file of p's bundle.
func bundlePicture(p *Page, src string) bool {
	return p.Bundle && strings.HasPrefix(src, path.Dir(p.Path)+"/")
}

// picture adds the picture at src, shown by p, to by, once.
func (s *Site) picture(by map[string]*Picture, p *Page, src string, ladder []int) {
	if _, ok := by[src]; ok {
		return
	}
	d := p.Doc.Pictures[src]
	pic := &Picture{Source: src, Width: d.Width, Height: d.Height, SHA256: d.SHA256, Resize: images.Resizable(src), Page: p, ladder: ladder}
	if rest, ok := strings.CutPrefix(src, "static/"); ok {
		pic.URL = "/" + rest
	} else {
		pic.URL = p.URL + strings.TrimPrefix(src, path.Dir(p.Path)+"/")
	}
	if pic.Resize {
		for _, w := range images.Widths(ladder, d.Width) {
			pic.Copies = append(pic.Copies, PictureCopy{URL: path.Dir(pic.URL) + "/" + images.Name(path.Base(pic.URL), w), Width: w, Height: images.Height(d.Width, d.Height, w)})
		}
	}
	by[src] = pic
}

// Hidden reports whether a bundle file at src is not published: a
// picture wider than its widest copy, as page picture and as portrait,
// that no page offers as a download.
func (s *Site) Hidden(src string) bool {
	pic, portrait := s.pictureBy[src], s.portraitBy[src]
	if pic == nil && portrait == nil || strings.HasPrefix(src, "static/") || s.downloads[src] {
		return false
	}
	return (pic == nil || !pic.Linked()) && (portrait == nil || !portrait.Linked())
}

// Portrait is the portrait of a person of page p, nil when none.
func (s *Site) Portrait(p *Page, person content.Person) *Picture {
	if person.Image == "" {
		return nil
	}
	return s.portraitBy[p.Doc.SitePath(person.Image)]
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

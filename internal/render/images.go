package render

import (
	"bytes"
	"cmp"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"sync"

	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/images"
	"github.com/storyhub/storyhub/internal/site"
)

// pictureOutputs are the resized copies of every picture of the site
// (site.Picture): outputs like pages, so they are made on every core and
// their paths checked with the others. A copy is made from its source's
// bytes, cached by the source's SHA-256, the widths and images.Version,
// so a second build reads them from the cache and resizes nothing.
func pictureOutputs(s *site.Site, siteFS fs.FS) []Output {
	var outs []Output
	for _, pic := range s.Pictures {
		for _, c := range pic.Copies {
			outs = append(outs, Output{Path: OutputPath(c.URL), MediaType: mediaTypeOf(pic.Source),
				render: func(buf *bytes.Buffer, pass *Pass, rec *recorder) error {
					data, err := pass.picture(siteFS, pic, c.Width, rec)
					buf.Write(data)
					return err
				},
				cacheKey: func(pass *Pass) string { return pass.pictureKey(pic, c.Width) },
				Claim:    made("the " + strconv.Itoa(c.Width) + " px copy of " + pic.Source),
			})
		}
	}
	return outs
}

// mediaTypeOf is the media type of a copy of a picture: its source's.
func mediaTypeOf(src string) string {
	if strings.HasSuffix(strings.ToLower(src), ".png") {
		return "image/png"
	}
	return "image/jpeg"
}

// pictureCopies are the copies of one picture, made once per pass.
type pictureCopies struct {
	once sync.Once
	mu   sync.Mutex
	data map[int][]byte // by width, each let go of once taken
	err  error
}

// pictureKey is the cache's key of pic's copy width pixels wide. Each
// copy is scaled from the one above it, so its bytes depend on every
// width of the picture's copies.
func (p *Pass) pictureKey(pic *site.Picture, width int) string {
	var all []byte
	for _, c := range pic.Copies {
		all = strconv.AppendInt(append(all, ' '), int64(c.Width), 10)
	}
	return p.Cache.Key("image", []byte(images.Version), []byte(pic.SHA256), all, []byte(strconv.Itoa(width)))
}

// picture returns the copy of pic width pixels wide: from the cache, or
// made with every other copy of pic, from one reading of its source.
func (p *Pass) picture(fsys fs.FS, pic *site.Picture, width int, rec *recorder) ([]byte, error) {
	rec.add(dep{pageMeta, pic.Page.Path}) // the page's pictures, with their hashes
	key := func(w int) string { return p.pictureKey(pic, w) }
	if data, ok := p.Cache.Get(key(width)); ok {
		return data, nil
	}
	p.mu.Lock()
	set, ok := p.pictures[pic]
	if !ok {
		set = &pictureCopies{}
		p.pictures[pic] = set
	}
	p.mu.Unlock()
	set.once.Do(func() {
		src, err := fs.ReadFile(fsys, pic.Source)
		if err != nil {
			set.err = err
			return
		}
		widths := make([]int, len(pic.Copies))
		for i, c := range pic.Copies {
			widths[i] = c.Width
		}
		copies, err := images.Resize(src, widths)
		if err != nil {
			set.err = fmt.Errorf("%s: %w", pic.Source, err)
			return
		}
		set.data = map[int][]byte{}
		for i, w := range widths {
			set.data[w] = copies[i]
			// A cache that cannot be written costs time, not
			// correctness: the copy is made again next time.
			_ = p.Cache.Put(key(w), copies[i])
		}
	})
	if set.err != nil {
		return nil, set.err
	}
	set.mu.Lock()
	defer set.mu.Unlock()
	data, ok := set.data[width]
	if !ok {
		return nil, fmt.Errorf("%s: no copy %d pixels wide made", pic.Source, width)
	}
	delete(set.data, width) // each copy is one output, made once a pass
	return data, nil
}

// Img is what a template's img of a picture says: src, width and
// height (so the page does not move while it loads), and srcset and
// sizes to choose between the copies; URLs under the base path.
type Img struct {
	Src           string
	Width, Height int
	Srcset, Sizes string
}

// Img is the img of pic for a place sizes wide ("" for a page's column,
// site.Sizes).
func (v *View) Img(pic *site.Picture, sizes string) *Img {
	src, w, h := pic.Src()
	return &Img{Src: v.Rel(src), Width: w, Height: h, Srcset: pic.Srcset(v.Site.BasePath()), Sizes: cmp.Or(sizes, site.Sizes)}
}

// Portrait is the img of a person's portrait on page p, nil when the
// person has none; it is shown 3rem wide.
func (v *View) Portrait(p Page, person content.Person) *Img {
	v.rec.add(dep{pageMeta, p.Path})
	pic := v.Site.siteSite.Portrait(p.sitePage, person)
	if pic == nil {
		return nil
	}
	return v.Img(pic, "3rem")
}

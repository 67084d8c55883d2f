package render

import (
	"encoding/binary"
	"hash/maphash"
	"io/fs"
	"slices"
	"time"

	"github.com/storyhub/storyhub/internal/site"
	"github.com/storyhub/storyhub/themes"
)

// A page's key is a hash of everything it shows: the templates, the site's
// settings and navigation, and the data of the pages it lists or links.
// Two builds that give a page the same key give it the same bytes, so a
// server that keeps rendered pages re-renders only pages whose key
// changed. The built-in templates' needs are written out below; a theme
// with its own templates may show anything, so for it every page's key
// also covers every page's listing data (bodies excepted).

// templateSum hashes every template file of a theme.
func templateSum(seed maphash.Seed, theme fs.FS) (uint64, error) {
	var h maphash.Hash
	h.SetSeed(seed)
	files, err := fs.Glob(theme, "templates/*.html")
	if err != nil {
		return 0, err
	}
	partials, _ := fs.Glob(theme, "templates/partials/*.html")
	files = append(files, partials...)
	slices.Sort(files)
	for _, f := range files {
		b, err := fs.ReadFile(theme, f)
		if err != nil {
			return 0, err
		}
		h.WriteString(f)
		h.WriteByte(0)
		h.Write(b)
		h.WriteByte(0)
	}
	return h.Sum64(), nil
}

// customTemplates reports whether a theme's templates differ from the
// built-in ones.
func customTemplates(seed maphash.Seed, sum uint64) bool {
	builtin, err := templateSum(seed, themes.Default())
	return err != nil || builtin != sum
}

// digest feeds values into a hash, each delimited so that no two lists
// of values hash alike by running together.
type digest struct {
	h    *maphash.Hash
	sums map[*site.Page]uint64 // card hashes, computed once per plan
}

func (d digest) str(ss ...string) {
	for _, s := range ss {
		d.h.WriteString(s)
		d.h.WriteByte(0)
	}
}

func (d digest) num(n int64) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(n))
	d.h.Write(b[:])
}

func (d digest) time(t time.Time) { d.num(t.UnixNano()) }

func (d digest) flag(b bool) {
	if b {
		d.h.WriteByte(1)
	} else {
		d.h.WriteByte(0)
	}
}

// card is what a list shows of a page.
func (d digest) card(p *site.Page) {
	if p == nil {
		d.num(0)
		return
	}
	d.num(int64(d.sums[p]))
}

// cardSums hashes, once, what a list shows of each page.
func (r *Renderer) cardSums(s *site.Site) map[*site.Page]uint64 {
	sums := make(map[*site.Page]uint64, len(s.Pages))
	var h maphash.Hash
	h.SetSeed(r.seed)
	d := digest{h: &h}
	for _, p := range s.Pages {
		h.Reset()
		d.str(p.URL, p.Title, p.Summary, p.Kind.Name())
		d.time(p.Date)
		d.flag(p.Draft)
		if p.Community != nil {
			d.str(p.Community.Name, p.Community.URL)
		}
		sums[p] = h.Sum64() | 1 // never 0, which stands for no page
	}
	return sums
}

func (d digest) cards(ps []*site.Page) {
	d.num(int64(len(ps)))
	for _, p := range ps {
		d.card(p)
	}
}

// entry is what an entry's own page shows of it.
func (d digest) entry(p *site.Page) {
	d.h.Write(p.Hash[:])
	d.num(int64(p.HTMLSum))
	d.str(p.URL, p.Slug)
	d.num(int64(p.Words))
	for _, f := range p.Files {
		d.str(f.Source, f.Label, f.Format, f.SHA256)
		d.num(f.Size)
	}
	for _, t := range p.Tags {
		d.str(t.Name, t.URL)
	}
	d.card(p)
	d.card(p.Prev)
	d.card(p.Next)
	d.cards(p.Related)
}

// global is what every page shows: settings, navigation and templates.
func (r *Renderer) global(s *site.Site, cards map[*site.Page]uint64) uint64 {
	var h maphash.Hash
	h.SetSeed(r.seed)
	d := digest{&h, cards}
	c := s.Config
	d.num(int64(r.templates64))
	d.str(c.Title, c.Description, c.BaseURL, c.Language, c.Theme)
	d.num(int64(c.PageSize))
	d.num(int64(c.FeedLimit))
	d.flag(c.FeedFullContent == nil || *c.FeedFullContent)
	for _, sec := range s.Sections {
		d.str(sec.Title, sec.URL)
	}
	if r.custom {
		for _, p := range s.Pages {
			d.card(p)
			d.str(p.Doc.Community, p.Region)
			d.h.Write(p.Hash[:])
			for _, t := range p.Tags {
				d.str(t.Name)
			}
		}
		for _, c := range s.Communities {
			d.str(c.Slug, c.Name, c.Description)
		}
	}
	return h.Sum64()
}

// viewKey hashes what a page built from v shows.
func (r *Renderer) viewKey(global uint64, cards map[*site.Page]uint64, v *View) uint64 {
	var h maphash.Hash
	h.SetSeed(r.seed)
	d := digest{&h, cards}
	d.num(int64(global))
	d.str(v.Template, v.URL, v.Title, v.Summary, v.FeedURL)
	if p := v.Page; p != nil {
		d.entry(p)
		if p.Kind.Name() == "guide" && v.Section != nil {
			d.cards(v.Section.Pages) // the guide navigation
		}
	}
	if pg := v.Pager; pg != nil {
		d.num(int64(pg.Number))
		d.num(int64(pg.Total))
		d.str(pg.PrevURL, pg.NextURL)
		d.cards(pg.Pages)
	}
	if t := v.Tag; t != nil {
		d.str(t.Name, t.URL)
		d.num(int64(len(t.Pages)))
	}
	if c := v.Community; c != nil {
		d.str(c.Name, c.Description, c.URL)
		d.cards(c.TalkingPoints)
		d.cards(c.Decks)
		d.cards(c.Stories)
	}
	if a := v.Alias; a != nil {
		d.str(a.From)
		d.card(a.To)
	}
	s := v.Site
	switch v.Template {
	case "home":
		d.cards(s.Featured[:min(3, len(s.Featured))])
		for _, sec := range s.Sections {
			d.cards(sec.Pages[:min(6, len(sec.Pages))])
		}
		communityList(d, s)
	case "communities":
		communityList(d, s)
	case "tags":
		for _, t := range s.Tags {
			d.str(t.Name, t.URL)
			d.num(int64(len(t.Pages)))
		}
	}
	return h.Sum64()
}

func communityList(d digest, s *site.Site) {
	for _, c := range s.Communities {
		d.str(c.Name, c.URL, c.Description)
	}
}

// feedKey hashes what a feed of pages shows.
func (r *Renderer) feedKey(global uint64, cards map[*site.Page]uint64, title, desc, pageURL string, pages []*site.Page, limit int) uint64 {
	var h maphash.Hash
	h.SetSeed(r.seed)
	d := digest{&h, cards}
	d.num(int64(global))
	d.str(title, desc, pageURL)
	for _, p := range newestPages(pages, limit) {
		d.card(p)
		d.num(int64(p.HTMLSum))
		for _, a := range p.Authors {
			d.str(a.Name)
		}
		for _, a := range p.Speakers {
			d.str(a.Name)
		}
		for _, t := range p.Tags {
			d.str(t.Name)
		}
		if len(p.Files) > 0 {
			f := p.Files[0]
			d.str(fileURL(p, f), f.MediaType)
			d.num(f.Size)
		}
	}
	return h.Sum64()
}

// sitemapKey hashes every URL the sitemap lists, with dates.
func (r *Renderer) sitemapKey(global uint64, s *site.Site) uint64 {
	var h maphash.Hash
	h.SetSeed(r.seed)
	d := digest{h: &h}
	d.num(int64(global))
	for _, p := range s.Pages {
		d.str(p.URL)
		d.time(p.Date)
	}
	for _, t := range s.Tags {
		d.str(t.URL)
	}
	for _, c := range s.Communities {
		d.str(c.URL)
	}
	return h.Sum64()
}

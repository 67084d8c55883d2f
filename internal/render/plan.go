package render

import (
	"bytes"
	"cmp"
	"html/template"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"sync"

	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/markdown"
	"github.com/storyhub/storyhub/internal/site"
)

// Media types of outputs, which also choose the minifier. Text and Feed
// are written as they are: feeds come compact from the encoder.
const (
	HTML = "text/html"
	XML  = "application/xml"
	Text = "text/plain"
	Feed = "application/feed+xml"
)

// Output is one generated file: its path under the output folder and how
// to produce its bytes. Outputs are independent, so they can be made in
// parallel and streamed to disk one at a time.
type Output struct {
	Path      string
	MediaType string
	Render    func(buf *bytes.Buffer) error
	// Key hashes everything the output shows (see keys.go): equal keys
	// within one Renderer mean equal bytes.
	Key func() uint64
	// Bodies lists the pages whose body (rendered Markdown, file bytes)
	// the output shows: an entry's own page, a feed's items. Only these
	// outputs can change when nothing but bodies changed.
	Bodies []*site.Page
	Claim  Claim // what makes it, for the check that each path is made once
}

// Copy is one file copied as it is.
type Copy struct {
	Path string // under the output folder
	FS   fs.FS
	Src  string // path in FS
	// Minify is true for the theme's and the site's static files, and
	// false for downloads, whose published size and hash must hold.
	Minify bool
	// Site is true when FS is the site folder (Src is a site path), false
	// for the theme.
	Site  bool
	Claim Claim
}

// Plan lists every file of the built site. siteFS is the site folder, for
// bundle files and static, the list of its static files (StaticFiles).
// When two outputs would be one file (see paths.go), the error is the
// content.ErrorList of every such problem, and nothing is planned.
func (r *Renderer) Plan(s *site.Site, siteFS fs.FS, static []string) ([]Output, []Copy, error) {
	// About as many outputs as there will be: the list is long (a page
	// per entry, tag and alias, and feeds), so growing it costs.
	outs := make([]Output, 0, 2*len(s.Pages)+len(s.Aliases)+3*len(s.Tags)+2*len(s.Communities)+32)
	// Keys are computed only when asked for (by a server), from one
	// table of card hashes made on the first ask.
	var cards map[*site.Page]uint64
	var global uint64
	var once sync.Once
	cardsOnce := &cardCache{r: r, cards: map[*site.Page]template.HTML{}}
	prepare := func() {
		once.Do(func() {
			cards = r.cardSums(s)
			global = r.global(s, cards)
			cardsOnce.sums, cardsOnce.global = cards, global
		})
	}
	page := func(url, tmpl string, v *View, c Claim) {
		v.Site, v.Template, v.URL, v.cards = s, tmpl, url, cardsOnce
		outs = append(outs, Output{Path: OutputPath(url), MediaType: HTML,
			Render: func(buf *bytes.Buffer) error { return r.execute(tmpl, v, buf) },
			Key:    func() uint64 { prepare(); return r.viewKey(global, cards, v) },
			Claim:  c,
		})
	}

	page("/", "home", &View{Summary: s.Config.Description, FeedURL: "/feed.xml"}, made("the home page"))
	for _, sec := range s.Sections {
		paginate(sec.URL, sec.Pages, s.Config.PageSize, func(url string, pg *Pager) {
			page(url, "list", &View{Title: sec.Title, Summary: sectionSummary(sec), Section: sec, Pager: pg, FeedURL: sec.URL + "feed.xml"}, made(pageOf(pg, listName(sec))))
		})
		for _, p := range sec.Pages {
			page(p.URL, p.Kind.Name(), &View{Title: p.Title, Summary: p.Summary, Page: p, Section: sec}, pageClaim(p))
			outs[len(outs)-1].Bodies = []*site.Page{p}
		}
	}
	page(site.TagsURL, "tags", &View{Title: "Tags", Summary: "Every topic on " + s.Config.Title + "."}, made("the list of tags"))
	for _, t := range s.Tags {
		paginate(t.URL, t.Pages, s.Config.PageSize, func(url string, pg *Pager) {
			page(url, "tag", &View{Title: "Tagged " + t.Name, Summary: "Entries tagged " + t.Name + ".", Tag: t, Pager: pg, FeedURL: t.URL + "feed.xml"}, made(pageOf(pg, "the page of tag "+t.Name)))
		})
	}
	page(site.CommunitiesURL, "communities", &View{Title: "Communities", Summary: "Talking points, decks and stories for each audience."}, made("the list of communities"))
	for _, c := range s.Communities {
		v := &View{Title: c.Name, Summary: cmp.Or(c.Description, "Talking points, decks and stories for "+c.Name+"."), Community: c}
		if len(c.TalkingPoints)+len(c.Decks) > 0 {
			k := &kit{c: c, siteFS: siteFS}
			v.kit, v.Download = k, &Download{URL: c.URL + "kit.zip"}
			outs = append(outs, Output{Path: strings.TrimPrefix(c.URL, "/") + "kit.zip", MediaType: Zip,
				Render: func(buf *bytes.Buffer) error {
					data, err := k.bytes()
					buf.Write(data)
					return err
				},
				Key:    func() uint64 { prepare(); return k.key(r, global) },
				Bodies: k.pages(),
				Claim:  made("the kit of community " + c.Slug),
			})
		}
		page(c.URL, "community", v, made("the page of community "+c.Slug))
		if v.kit != nil {
			// The page shows the kit's size: it changes with the kit.
			out := &outs[len(outs)-1]
			key := out.Key
			out.Key = func() uint64 {
				k := key() // first: it makes global
				return k ^ v.kit.key(r, global)
			}
			out.Bodies = v.kit.pages()
		}
	}
	for _, a := range s.Aliases {
		page(a.From, "alias", &View{Title: a.To.Title, Summary: a.To.Summary, Alias: &a}, aliasClaim(&a))
	}
	page("/404.html", "404", &View{Title: "Page not found", Summary: "This page does not exist."}, made("the page for missing pages"))
	// Search: the page, and the index its script loads.
	page("/"+searchFolder, "search", &View{Title: "Search", Summary: "Search every story, deck, talking point and guide on " + s.Config.Title + "."}, made("the search page"))
	outs = append(outs, r.searchOutput(s, func() (uint64, map[*site.Page]uint64) { prepare(); return global, cards }))

	outs = append(outs, r.feeds(s, func() (uint64, map[*site.Page]uint64) { prepare(); return global, cards })...)
	outs = append(outs,
		Output{Path: "sitemap.xml", MediaType: XML,
			Render: func(buf *bytes.Buffer) error { return sitemap(s, buf) },
			Key:    func() uint64 { prepare(); return r.sitemapKey(global, s) },
			Claim:  made("the sitemap"),
		},
		Output{Path: "css/syntax.css", MediaType: "text/css",
			Render: func(buf *bytes.Buffer) error {
				css, err := markdown.SyntaxCSS()
				buf.Write(css)
				return err
			},
			Key:   func() uint64 { prepare(); return global },
			Claim: made("the stylesheet of highlighted code"),
		},
		Output{Path: "robots.txt", MediaType: Text,
			Render: func(buf *bytes.Buffer) error {
				buf.WriteString("User-agent: *\nAllow: /\n\nSitemap: " + absURL(s, "/sitemap.xml") + "\n")
				return nil
			},
			Key:   func() uint64 { prepare(); return global },
			Claim: made("the site's robots.txt"),
		},
	)

	copies := r.copies(s, siteFS, static)
	if errs := checkPaths(outs, copies, r.reserved(s)); len(errs) > 0 {
		errs.Sort()
		return nil, nil, errs
	}
	return outs, copies, nil
}

// pageOf names page n of a paginated list in messages.
func pageOf(pg *Pager, list string) string {
	if pg.Number == 1 {
		return list
	}
	return "page " + strconv.Itoa(pg.Number) + " of " + list
}

func sectionSummary(sec *site.Section) string {
	return map[content.Kind]string{
		content.Story:         "Success stories from people and organizations in our community.",
		content.Deck:          "Slide decks to download and present at your meetup.",
		content.TalkingPoints: "Short, compelling points for each community.",
		content.Guide:         "How-to guides for user-group organizers.",
	}[sec.Kind]
}

// paginate calls each for every page of a list: url, url/page/2/, ...
func paginate(url string, pages []*site.Page, size int, each func(string, *Pager)) {
	total := max(1, (len(pages)+size-1)/size)
	pageURL := func(n int) string {
		if n == 1 {
			return url
		}
		return url + "page/" + strconv.Itoa(n) + "/"
	}
	for n := 1; n <= total; n++ {
		lo, hi := (n-1)*size, min(n*size, len(pages))
		pg := &Pager{Number: n, Total: total, Pages: pages[lo:hi], First: lo + 1}
		if n > 1 {
			pg.PrevURL = pageURL(n - 1)
		}
		if n < total {
			pg.NextURL = pageURL(n + 1)
		}
		each(pageURL(n), pg)
	}
}

// OutputPath maps a site URL path to a file under the output folder.
func OutputPath(url string) string {
	p := strings.TrimPrefix(url, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
}

// copies lists static files (the theme's, then the site's; a site's file
// replaces the theme's of the same name), and the files of every
// published bundle.
func (r *Renderer) copies(s *site.Site, siteFS fs.FS, static []string) []Copy {
	downloads := map[string]bool{}
	for _, p := range s.Pages {
		for _, f := range p.Files {
			downloads[f.Source] = true
		}
	}
	var out []Copy
	theme := map[string]int{} // output path → index in out
	for _, p := range r.static {
		theme[strings.TrimPrefix(p, "static/")] = len(out)
		out = append(out, Copy{Path: strings.TrimPrefix(p, "static/"), FS: r.theme, Src: p, Minify: true,
			Claim: Claim{at: content.Pos{File: r.dir + "/" + p}, by: byTheme}})
	}
	for _, p := range static {
		c := Copy{Path: strings.TrimPrefix(p, "static/"), FS: siteFS, Src: p, Minify: !downloads[p], Site: true,
			Claim: Claim{at: content.Pos{File: p}, by: byStatic}}
		if i, ok := theme[c.Path]; ok {
			out[i] = c
			continue
		}
		out = append(out, c)
	}
	for _, p := range s.Pages {
		dir := path.Dir(p.Path)
		for _, res := range p.Resources {
			src := path.Join(dir, res)
			out = append(out, Copy{Path: strings.TrimPrefix(p.URL, "/") + res, FS: siteFS, Src: src, Site: true,
				Claim: Claim{at: content.Pos{File: src}, by: byWriter}})
		}
	}
	return out
}

// StaticFiles lists the files under static/ in fsys that a build copies,
// sorted; hidden and editors' files are left out. A link or device there is not copied, and is reported as a warning
// at its path, so a writer learns why the file is missing from the site.
func StaticFiles(fsys fs.FS) ([]string, content.ErrorList, error) {
	var files []string
	var skipped content.ErrorList
	if _, err := fs.Stat(fsys, "static"); err != nil {
		return nil, nil, nil
	}
	err := fs.WalkDir(fsys, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != "static" && content.Ignored(d.Name()) {
			return fs.SkipDir
		}
		switch {
		case content.Ignored(d.Name()) || d.IsDir():
		case d.Type().IsRegular():
			files = append(files, p)
		default:
			skipped.Warn(content.Pos{File: p}, "not a regular file (a link or device), so it is not copied to the site", "replace it with the file itself")
		}
		return nil
	})
	return files, skipped, err
}

package render

import (
	"bytes"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

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
	// Calendar is iCalendar (RFC 5545): the calendars of events.
	Calendar = "text/calendar"
)

// Output is one generated file: its path under the output folder and how
// to produce its bytes (Pass.Make). Outputs are independent, so they can
// be made in parallel and streamed to disk one at a time.
type Output struct {
	Path      string
	MediaType string
	render    func(buf *bytes.Buffer, pass *Pass, rec *recorder) error
	// template is a page's template: with what it read (its view's
	// objects and values included, see view.make), everything its bytes
	// depend on.
	template string
	// Claim is what makes it, for the check that each path is made
	// once; nil once the plan is checked.
	Claim *Claim
	// cacheKey, when not nil, is the build cache's key of the output's
	// bytes (a preview card, a resized picture): see Pass.Cached.
	cacheKey func(pass *Pass) string
	// Warnings are what planning found to warn of in what the output
	// shows (text a preview card cannot draw); see Warnings.
	Warnings content.ErrorList
}

// Warnings are the warnings of a plan's outputs.
func Warnings(outs []Output) content.ErrorList {
	var list content.ErrorList
	for i := range outs {
		list = append(list, outs[i].Warnings...)
	}
	return list
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
	Claim *Claim // as Output.Claim
}

// Plan lists every file of the built site. siteFS is the site folder, for
// bundle files and static, the list of its static files (StaticFiles).
// When two outputs would be one file (see paths.go), the error is the
// content.ErrorList of every such problem, and nothing is planned.
func (r *Renderer) Plan(s *site.Site, siteFS fs.FS, static []string) ([]Output, []Copy, error) {
	// About as many outputs as there will be: the list is long (a page
	// per entry, tag and alias, and feeds), so growing it costs.
	outs := make([]Output, 0, 3*len(s.Pages)+len(s.Aliases)+3*len(s.Tags)+3*len(s.Communities)+32)
	// The search index first: it gathers something of every page, and
	// what it gathered is gone before the pages' cards pile up.
	outs = append(outs, searchOutput(s))
	cp, err := newCardPlan(s, siteFS)
	if err != nil {
		return nil, nil, err
	}
	// Each entry's card, kept for the aliases that redirect to it.
	entryCards := make(map[*site.Page]*cardSpec, len(s.Pages))
	page := func(v *view, c *Claim) {
		v.cards = cp
		outs = append(outs, Output{Path: OutputPath(v.url), MediaType: HTML,
			render: func(buf *bytes.Buffer, pass *Pass, rec *recorder) error {
				return r.execute(v.template, v.make(s, r, pass, rec), buf)
			},
			template: v.template,
			Claim:    c,
		})
	}

	page(&view{template: "home", url: "/", summary: s.Config.Description, feedURL: "/feed.xml"}, made("the home page"))
	for _, sec := range s.Sections {
		kind, feedURL := &s.Kinds[sec.Kind], ""
		if kind.Feed {
			feedURL = sec.URL + "feed.xml"
		}
		paginate(sec.URL, sec.Pages, s.Config.PageSize, "section/"+sec.Name, func(url string, pg *Pager) {
			page(&view{template: "list", url: url, title: sec.Title, summary: sec.Summary, section: sec, pager: pg, feedURL: feedURL}, made(pagerName(pg, listName(sec))))
		})
		for _, f := range sec.Filters {
			title := sec.Title + ": " + f.Name
			paginate(f.URL, f.Pages, s.Config.PageSize, "filter/"+filterID(f), func(url string, pg *Pager) {
				page(&view{template: "list", url: url, title: title, summary: sec.Title + " — " + f.Title + ": " + f.Name + ".", section: sec, filter: f, pager: pg},
					made(pagerName(pg, "the list of "+sec.Name+" of "+f.Facet+" "+f.Value)))
			})
		}
		for _, p := range sec.Pages {
			card := cp.forPage(s, p, sec)
			entryCards[p] = card
			page(&view{template: kind.Template, url: p.URL, title: p.Title, summary: p.Summary, page: p, section: sec, card: card}, pageClaim(p))
			if card != cp.site {
				outs = append(outs, cp.output(card, s))
			}
		}
	}
	page(&view{template: "tags", url: site.TagsURL, title: "Tags", summary: "Every topic on " + s.Config.Title + "."}, made("the list of tags"))
	for _, t := range s.Tags {
		paginate(t.URL, t.Pages, s.Config.PageSize, "tag/"+t.Slug, func(url string, pg *Pager) {
			page(&view{template: "tag", url: url, title: "Tagged " + t.Name, summary: "Entries tagged " + t.Name + ".", tag: t, pager: pg, feedURL: t.URL + "feed.xml"}, made(pagerName(pg, "the page of tag "+t.Name)))
		})
	}
	outs = append(outs, r.eventOutputs(s, page)...)
	page(&view{template: "communities", url: site.CommunitiesURL, title: "Communities", summary: "Talking points, decks and stories for each audience."}, made("the list of communities"))
	for _, c := range s.Communities {
		v := &view{template: "community", url: c.URL, title: c.Name, summary: communitySummary(c), community: c, card: cp.forCommunity(s, c)}
		if v.card != cp.site {
			outs = append(outs, cp.output(v.card, s))
		}
		if hasKit(c) {
			k := &kit{c: c, s: s, r: r, siteFS: siteFS}
			v.kit = k
			outs = append(outs, Output{Path: strings.TrimPrefix(c.URL, "/") + "kit.zip", MediaType: Zip,
				render: func(buf *bytes.Buffer, pass *Pass, rec *recorder) error {
					data, err := pass.kit(k, rec)
					buf.Write(data)
					return err
				},
				Claim: made("the kit of community " + c.Slug),
			})
		}
		page(v, made("the page of community "+c.Slug))
	}
	for i := range s.Aliases {
		a := &s.Aliases[i]
		page(&view{template: "alias", url: a.From, title: a.To.Title, summary: a.To.Summary, alias: a, card: entryCards[a.To]}, aliasClaim(a))
	}
	peoplePages(s, page)
	outs = append(outs, newsletterOutputs(s, page)...)
	statsPage(s, page)
	brochurePage(s, page)
	page(&view{template: "404", url: "/404.html", title: "Page not found", summary: "This page does not exist."}, made("the page for missing pages"))
	// Search: the page, and the index its script loads.
	page(&view{template: "search", url: "/" + searchFolder, title: "Search", summary: "Search the " + searchedKinds(s) + " of " + s.Config.Title + "."}, made("the search page"))
	siteCard := cp.output(cp.site, s)
	siteCard.Warnings = cp.problems
	outs = append(outs, siteCard)

	outs = append(outs, r.feeds(s)...)
	outs = append(outs, r.peopleFeeds(s)...)
	outs = append(outs, pictureOutputs(s, siteFS)...)
	outs = append(outs,
		Output{Path: "sitemap.xml", MediaType: XML,
			render: func(buf *bytes.Buffer, _ *Pass, rec *recorder) error { return sitemap(siteOf(s, rec), buf) },
			Claim:  made("the sitemap"),
		},
		Output{Path: "css/syntax.css", MediaType: "text/css",
			render: func(buf *bytes.Buffer, _ *Pass, _ *recorder) error {
				css, err := markdown.SyntaxCSS()
				buf.Write(css)
				return err
			},
			Claim: made("the stylesheet of highlighted code"),
		},
		Output{Path: "robots.txt", MediaType: Text,
			render: func(buf *bytes.Buffer, _ *Pass, _ *recorder) error {
				buf.WriteString("User-agent: *\nAllow: /\n\nSitemap: " + absURL(s, "/sitemap.xml") + "\n")
				return nil
			},
			Claim: made("the site's robots.txt"),
		},
	)

	copies := r.copies(s, siteFS, static)
	if errs := checkPaths(outs, copies, r.reserved(s)); len(errs) > 0 {
		errs.Sort()
		return nil, nil, errs
	}
	// The plan lives as long as the build: without the claims, checked,
	// nor the room appending left at its end.
	for i := range outs {
		outs[i].Claim = nil
	}
	for i := range copies {
		copies[i].Claim = nil
	}
	return slices.Clone(outs), copies, nil
}

// pagerName names page n of a paginated list in messages.
func pagerName(pg *Pager, list string) string {
	if pg.Number == 1 {
		return list
	}
	return "page " + strconv.Itoa(pg.Number) + " of " + list
}

// paginate calls each for every page of a list: url, url/page/2/, ...
// of names the list for the pages' dependencies (pagerPage).
func paginate(url string, pages []*site.Page, size int, of string, each func(string, *Pager)) {
	total := max(1, (len(pages)+size-1)/size)
	pageURL := func(n int) string {
		if n == 1 {
			return url
		}
		return url + "page/" + strconv.Itoa(n) + "/"
	}
	for n := 1; n <= total; n++ {
		lo, hi := (n-1)*size, min(n*size, len(pages))
		pg := &Pager{Number: n, Total: total, pages: pages[lo:hi], First: lo + 1, Count: len(pages), list: dep{pagerPage, of + "/" + strconv.Itoa(n)}}
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
// published bundle: an entry's, a profile's or an event entry's alike
// (site.AllPages), each under its page's URL.
func (r *Renderer) copies(s *site.Site, siteFS fs.FS, static []string) []Copy {
	pages := s.AllPages()
	downloads := map[string]bool{}
	for _, p := range pages {
		for _, f := range p.Files {
			downloads[f.Source] = true
		}
	}
	var out []Copy
	theme := map[string]int{} // output path → index in out
	for _, p := range r.static {
		theme[strings.TrimPrefix(p, "static/")] = len(out)
		out = append(out, Copy{Path: strings.TrimPrefix(p, "static/"), FS: r.theme, Src: p, Minify: true,
			Claim: &Claim{at: content.Pos{File: r.dir + "/" + p}, by: byTheme}})
	}
	for _, p := range static {
		c := Copy{Path: strings.TrimPrefix(p, "static/"), FS: siteFS, Src: p, Minify: !downloads[p], Site: true,
			Claim: &Claim{at: content.Pos{File: p}, by: byStatic}}
		if i, ok := theme[c.Path]; ok {
			out[i] = c
			continue
		}
		out = append(out, c)
	}
	for _, p := range pages {
		dir, folder, in := path.Dir(p.Path), strings.TrimPrefix(p.URL, "/"), ""
		if s.Kinds[p.Kind].Describes != content.NoIndex {
			in = fileKey(folder) // its page is the site's: see Claim.in
		}
		for _, res := range p.Resources {
			src := path.Join(dir, res)
			if s.Hidden(src) {
				continue // too wide to send to a page: its copies are
			}
			out = append(out, Copy{Path: folder + res, FS: siteFS, Src: src, Site: true,
				Claim: &Claim{at: content.Pos{File: src}, by: byWriter, in: in}})
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

// searchedKinds names what the search index holds, from the kinds table
// (every kind's entries are in it): "stories, decks, … and groups".
func searchedKinds(s *site.Site) string {
	var names []string
	for _, spec := range s.Kinds.All() {
		names = append(names, strings.ToLower(spec.Title))
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

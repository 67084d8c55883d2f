package render

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/site"
)

// A link from the site root (/stories/x/, /files/slides.pdf) is checked
// against every output of the plan: pages, paginated lists, aliases,
// feeds, bundle and static files. A dead one is an error at the link,
// with the nearest path the site has as a hint. Only the plan knows every
// output, so the check is here and not in package site.

// OutputIndex is every path a plan makes, as site URLs, for the link check.
type OutputIndex struct {
	files map[string]bool // output paths, like stories/x/index.html
	// urls are the same as readers see them (/stories/x/), made only
	// when a link is dead, for the nearest one.
	urls []string
}

// NewOutputIndex indexes the paths of a plan.
func NewOutputIndex(outs []Output, copies []Copy) *OutputIndex {
	x := &OutputIndex{files: make(map[string]bool, len(outs)+len(copies))}
	for _, o := range outs {
		x.files[o.Path] = true
	}
	for _, c := range copies {
		x.files[c.Path] = true
	}
	return x
}

// has reports whether a site path is an output: a file, or a folder with
// an index.html, with or without its trailing slash, as web servers
// answer it.
func (x *OutputIndex) has(p string) bool {
	return x.files[OutputPath(p)] || !strings.HasSuffix(p, "/") && x.files[OutputPath(p+"/")]
}

// mostNearest bounds the hints worked out in one check: each compares a path
// with every output, and a site moved to new URLs may have thousands of
// dead links, every one reported all the same.
const mostNearest = 50

// CheckSiteLinks reports each link of s to a site path that no output is,
// and each #fragment of a link to a page that has no such heading.
func (x *OutputIndex) CheckSiteLinks(s *site.Site) content.ErrorList {
	var errs content.ErrorList
	var pages map[string]*site.Page // by URL, made for the first #fragment
	base := s.BasePath()
	hinted := 0
	for _, l := range s.SiteLinks {
		u, err := url.Parse(l.Dest)
		if err != nil {
			continue // the resolver reported it
		}
		written := u.Path
		if u.Scheme != "" { // the site's own address, written in full
			written = "/" + strings.TrimPrefix(u.Path+"/", base)
			written = written[:len(written)-1]
			if written == "" {
				written = "/"
			}
		}
		p := path.Clean(written)
		if strings.HasSuffix(written, "/") && p != "/" {
			p += "/"
		}
		shown := p // as the writer wrote it, in messages
		if u.Scheme != "" {
			shown = l.Dest
		}
		what := "link to"
		if l.Image {
			what = "image"
		}
		if !x.has(p) {
			hint := ""
			if left, why, hint, ok := s.Unpublished(strings.TrimSuffix(p, "/") + "/"); ok {
				errs.Add(l.Pos, fmt.Sprintf("%s %s: %s %s, so the page is not on the site", what, shown, left, why), hint)
				continue
			}
			if hinted < mostNearest {
				hinted++
				hint = x.nearest(p, base)
			}
			errs.Add(l.Pos, fmt.Sprintf("%s %s: the site has no such %s", what, shown, pageOrFile(p)), hint)
			continue
		}
		if u.Fragment == "" || l.Image {
			continue
		}
		if pages == nil {
			all := s.AllPages() // a profile's or event's page shows its body too
			pages = make(map[string]*site.Page, len(all))
			for _, pg := range all {
				pages[pg.URL] = pg
			}
		}
		target, ok := pages[p]
		if !ok {
			target, ok = pages[p+"/"]
		}
		if !ok {
			continue // a list, a feed or a file: their ids are the theme's
		}
		if found, hint := target.HasHeading(u.Fragment); !found {
			errs.Warn(l.Pos, fmt.Sprintf("link to %s#%s: %s has no such heading", strings.TrimSuffix(shown, "#"+u.Fragment), u.Fragment, target.Path), hint)
		}
	}
	return errs
}

// pageOrFile is what a path names, in words.
func pageOrFile(p string) string {
	if ext := path.Ext(p); ext != "" && ext != ".html" && !strings.HasSuffix(p, "/") {
		return "file"
	}
	return "page"
}

// nearest is a hint naming the output most like p, or saying how site
// paths are written when none is near.
func (x *OutputIndex) nearest(p, base string) string {
	if base != "/" && strings.HasPrefix(p, base) && x.has("/"+strings.TrimPrefix(p, base)) {
		return fmt.Sprintf("links start at the site root, without %s: write /%s", strings.TrimSuffix(base, "/"), strings.TrimPrefix(p, base))
	}
	if list, ok := strings.CutSuffix(p, "page/1/"); ok && x.has(list) {
		return "the first page of a list is the list itself: " + list
	}
	// A content file named from the root, as GitHub shows the
	// repository: /content/stories/a.md, /stories/a/index.md.
	if md, ok := strings.CutSuffix(strings.TrimPrefix(p, "/content/"), ".md"); ok {
		u := "/" + strings.TrimPrefix(strings.TrimSuffix(md, "/index"), "/") + "/"
		if x.has(u) {
			return "link a page by its URL, " + u + ", or by its .md file relative to this one"
		}
	}
	if x.urls == nil {
		x.urls = make([]string, 0, len(x.files))
		for f := range x.files {
			u := "/" + strings.TrimSuffix(f, "index.html")
			x.urls = append(x.urls, u)
		}
		slices.Sort(x.urls) // the same hint on every run
	}
	// Near names include those that differ in case or Unicode
	// normalization alone: a server on Linux tells /Stories/ from
	// /stories/, and é typed one way from é typed another.
	if u, ok := site.NearestPath(p, slices.Values(x.urls)); ok {
		return "did you mean " + u + "?"
	}
	if pageOrFile(p) == "file" {
		return "a file under static/ is linked as its path there (static/files/a.pdf is /files/a.pdf); a file in a bundle, relative to its index.md"
	}
	return "link a page by its URL, like /stories/my-story/, or by its .md file, relative to this one"
}

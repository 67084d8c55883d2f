package render

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/site"
)

// Every output path is claimed once. Plan lists every file of the built
// site, and checkPaths compares them all before anything is written: two
// files at one path, a file where another needs a folder, and paths that
// are one file on macOS and Windows (they differ only in case, Unicode
// normalization, or trailing dots and spaces) are errors at the line or
// file that asked for the path, naming what else is there. Writers' paths
// (pages, aliases, bundle files) may besides not enter the folders the
// site keeps for itself (see reserved), so a page the site makes later,
// such as the first page of a new tag, never finds a writer's file there;
// a profile's or event entry's bundle file is beside the page the site
// makes for it, so the space that holds that page's folder (people/ for
// a profile's portrait) is no objection, but the page's own later pages
// (people/ada/page/) are.

// Claim says what makes an output and who asked for it, for the message
// when two outputs would write one file. Its words are made only for a
// message: a plan claims thousands of paths.
type Claim struct {
	what  string      // what the site makes: "the home page"
	at    content.Pos // where a writer or maintainer asked for it; zero for what the site makes
	alias string      // for an alias's page, the alias
	by    maker
	// in is, for a bundle file of an entry that describes an index's
	// key (a profile, an event entry), the folder of its page, which
	// the site makes in a space it keeps (people/ada/): the file may be
	// there, as a profile's portrait is. A writer's own page answers for
	// its folder's space itself, so its files have none.
	in string
}

// maker is who asked for an output. A collision is reported at the
// claims whose maker ranks highest: a writer's alias, not the page it
// collides with; a site's static file, not the theme's.
type maker int

const (
	bySite   maker = iota // pages, feeds and files the site makes
	byCard                // an entry's preview card (at is the entry's file)
	byTheme               // the theme's static files (at is the file)
	byStatic              // the site's static files (at is the file)
	byPage                // a document's page (at is its slug, or the file)
	byWriter              // a document's alias or bundle file (at is the alias, or the file)
)

func made(what string) *Claim { return &Claim{what: what} }

func pageClaim(p *site.Page) *Claim {
	at := content.Pos{File: p.Path}
	if pos, ok := p.Field("slug"); ok {
		at = pos
	}
	return &Claim{at: at, by: byPage}
}

func aliasClaim(a *site.Alias) *Claim { return &Claim{at: a.Pos, alias: a.From, by: byWriter} }

// noun names what makes the output: "the page of content/stories/a.md".
func (c *Claim) noun() string {
	switch {
	case c.alias != "":
		return "the alias " + c.alias + " at " + c.at.String()
	case c.by == byPage:
		return "the page of " + c.at.File
	case c.by == byCard:
		return "the preview card of " + c.at.File
	case c.by == byWriter:
		return "the bundle file " + c.at.File
	case c.by == byStatic:
		return "the site's file " + c.at.File
	case c.by == byTheme:
		return "the theme's file " + c.at.File
	}
	return c.what
}

// subject opens the message when c is at fault, when its position alone
// does not say what is there: "alias /old/: ".
func (c *Claim) subject() string {
	if c.alias == "" {
		return ""
	}
	return "alias " + c.alias + ": "
}

// space is a part of the site's URLs that the site keeps for itself: a
// folder (ending in /), a file, or, when anywhere, a name in any folder.
type space struct {
	path     string
	what     string
	anywhere bool
}

// spaces are the reserved spaces, the folders and files by their first
// segment.
type spaces struct {
	names []space
	byTop map[string][]space
}

// reserved is the one table of the URL spaces the site makes pages in, now
// or in a coming version, and that no writer's page, alias or bundle file
// may enter, even where nothing is written yet: the first story with a new
// tag, or the 21st story that makes /stories/page/2/, must not meet a
// writer's file. Pages of these spaces that exist now are in the plan too,
// which checks them like every other output.
func (r *Renderer) reserved(s *site.Site) *spaces {
	list := []space{
		{path: site.TagsURL[1:], what: "the tag pages"},
		{path: site.CommunitiesURL[1:], what: "the community pages and kits"},
		{path: searchFolder, what: "the search page and its index"},
		{path: "feed.xml", what: "feeds", anywhere: true},
		{path: "atom.xml", what: "feeds", anywhere: true},
		// Profiles, events, the newsletter, the numbers and the printable
		// brochure (pages the site makes).
		// User groups are a section, whose folder is its own.
		{path: "people/", what: "the people's pages"},
		{path: "events/", what: "the event pages"},
		{path: "events.ics", what: "the calendar of events"},
		{path: site.NewsletterURL[1:], what: "the newsletter"},
		{path: site.StatsURL[1:], what: "the site's numbers"},
		{path: brochureURL[1:], what: "the brochure"},
	}
	for _, sec := range s.Sections {
		list = append(list, space{path: strings.TrimPrefix(sec.URL, "/") + "page/", what: "the later pages of " + listName(sec)})
	}
	// The theme's folders (css/, js/): the theme may add files there.
	// A section's folder holds writers' pages, so it is never the theme's.
	for _, p := range r.static {
		dir, _, ok := strings.Cut(strings.TrimPrefix(p, "static/"), "/")
		dir = fileKey(dir)
		if _, section := s.Kinds.OfSection(dir); ok && !section && !slices.ContainsFunc(list, func(sp space) bool { return sp.path == dir+"/" }) {
			list = append(list, space{path: dir + "/", what: "the theme's files"})
		}
	}
	sp := &spaces{byTop: map[string][]space{}}
	for _, e := range list {
		if e.anywhere {
			sp.names = append(sp.names, e)
			continue
		}
		top, _, _ := strings.Cut(e.path, "/")
		sp.byTop[top] = append(sp.byTop[top], e)
	}
	return sp
}

// listName names a section's list in messages: the list of stories.
func listName(sec *site.Section) string { return "the list of " + strings.ToLower(sec.Title) }

// claimed is one output path in the table.
type claimed struct {
	path string // as written
	key  string // the file it is on every file system (fileKey)
	*Claim
}

// checkPaths reports every output path claimed twice, every path that is
// a file where another output needs a folder, and every writer's path in
// a reserved space.
func checkPaths(outs []Output, copies []Copy, spaces *spaces) content.ErrorList {
	var errs content.ErrorList
	all := make([]claimed, 0, len(outs)+len(copies))
	for i := range outs {
		all = append(all, claimed{outs[i].Path, fileKey(outs[i].Path), outs[i].Claim})
	}
	for i := range copies {
		all = append(all, claimed{copies[i].Path, fileKey(copies[i].Path), copies[i].Claim})
	}
	reported := make([]bool, len(all))
	byKey := make(map[string]int, len(all))
	for i, c := range all {
		if c.by >= byPage {
			if msg, ok := spaces.holds(c.key, c.in); ok {
				errs.Add(c.at, c.subject()+c.path+msg, fix(c.Claim, nil))
				reported[i] = true
				continue
			}
		}
		if j, ok := byKey[c.key]; ok {
			o := all[j]
			blame(&errs, c, o, c.path+" is also "+o.noun()+sameFile(c.path, o.path), o.path+" is also "+c.noun()+sameFile(o.path, c.path))
			reported[i] = true
			continue
		}
		byKey[c.key] = i
	}
	// A file where another output needs a folder: look up each output's
	// folders among the files.
	for i, c := range all {
		if reported[i] {
			continue
		}
		for k := strings.IndexByte(c.key, '/'); k >= 0; k = next(c.key, k) {
			j, ok := byKey[c.key[:k]]
			if !ok {
				continue
			}
			o := all[j]
			blame(&errs, c, o,
				fmt.Sprintf("%s needs the folder %s, which is also %s", c.path, o.path, o.noun()),
				fmt.Sprintf("%s is a file, but %s needs it to be a folder (for %s)", o.path, c.noun(), c.path))
			break
		}
	}
	return errs
}

// next is the index of the '/' after the one at i in s, or -1.
func next(s string, i int) int {
	j := strings.IndexByte(s[i+1:], '/')
	if j < 0 {
		return -1
	}
	return i + 1 + j
}

// sameFile explains, when other is not written as p, why they are one
// file.
func sameFile(p, other string) string {
	if p == other {
		return ""
	}
	return ", written " + other + ": on macOS and Windows these are one file"
}

// blame reports a collision between c and o at whichever made it: the
// claim whose maker ranks higher, or both when they rank alike. msgC is
// said at c, msgO at o.
func blame(errs *content.ErrorList, c, o claimed, msgC, msgO string) {
	switch {
	case c.by == byCard && o.by == byCard:
		// Two cards collide when their pages do, which is reported.
	case c.by > o.by:
		errs.Add(c.at, c.subject()+msgC, fix(c.Claim, o.Claim))
	case o.by > c.by:
		errs.Add(o.at, o.subject()+msgO, fix(o.Claim, c.Claim))
	case c.by == bySite: // the site's own mistake: no line to point at
		errs.Add(content.Pos{File: site.ConfigFile}, msgC, "")
	default:
		errs.Add(c.at, c.subject()+msgC, fix(c.Claim, o.Claim))
		errs.Add(o.at, o.subject()+msgO, fix(o.Claim, c.Claim))
	}
}

// fix is the hint for a claim at fault, which collides with other, or,
// when other is nil, is in a reserved space.
func fix(c, other *Claim) string {
	switch {
	case c.alias != "" && other == nil:
		return "an alias may only be a URL the site does not make; remove it"
	case c.alias != "":
		return "remove the alias, or give it an old URL that no page has"
	case c.by == byPage && other != nil && other.by == byPage:
		return "give one of them another slug"
	case c.by == byPage:
		return "give it another slug"
	case c.by == byWriter:
		return "rename or remove the file"
	case c.by == byStatic:
		return "remove or rename the file under static/: the build makes this path itself"
	case c.by == byTheme:
		return "remove or rename the theme's file"
	}
	return ""
}

// holds says, when key is in a reserved space, which one: the end of a
// sentence that starts with the path. Of a space holding the folder in
// (a bundle file's page's, as a fileKey), only in's page/ is kept.
func (sp *spaces) holds(key, in string) (string, bool) {
	for _, name := range sp.names {
		if !strings.Contains(key, name.path) {
			continue
		}
		for seg := range strings.SplitSeq(key, "/") {
			if seg == name.path {
				return " uses the name " + name.path + ", which the site keeps for " + name.what + ", in every folder", true
			}
		}
	}
	top, _, _ := strings.Cut(key, "/")
	for _, f := range sp.byTop[top] {
		folder := strings.TrimSuffix(f.path, "/")
		if key != folder && !strings.HasPrefix(key, folder+"/") {
			continue
		}
		if in != "" && strings.HasPrefix(in, f.path) {
			// Its page's folder, where the site makes that page's
			// later pages alone.
			if strings.HasPrefix(strings.TrimPrefix(key, in), "page/") {
				return " is in /" + in + "page/, which the site keeps for the later pages of /" + in, true
			}
			continue
		}
		return " is in /" + f.path + ", which the site keeps for " + f.what, true
	}
	return "", false
}

// fileKey is the file a path names on every file system the site may be
// built on: macOS and Windows fold case (simple folding: ß is not ss) and
// macOS Unicode normalization, and Windows drops trailing dots and spaces
// of a name.
func fileKey(p string) string {
	ascii := true
	for i := range len(p) {
		if p[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		p = strings.ToLower(p)
	} else {
		p = strings.Map(foldRune, norm.NFC.String(p))
	}
	if strings.Contains(p, "./") || strings.Contains(p, " /") || strings.HasSuffix(p, ".") || strings.HasSuffix(p, " ") {
		segs := strings.Split(p, "/")
		for i, s := range segs {
			segs[i] = strings.TrimRight(s, ". ")
		}
		p = strings.Join(segs, "/")
	}
	return p
}

// foldRune is the smallest rune of r's case folding orbit (k, K and the
// Kelvin sign are one).
func foldRune(r rune) rune {
	least := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		least = min(least, f)
	}
	return least
}

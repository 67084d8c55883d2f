// Package render turns the site model into output files: HTML pages from
// the theme's html/template files, RSS and Atom feeds, the sitemap,
// robots.txt and redirect pages for aliases, plus the list of files to
// copy (static/, the theme's static/, bundle files). Plan lists them all
// and checks that each output path is claimed once (see paths.go): a
// collision is an error at the line or file that asked for the path.
// Since only the plan knows every output, links from the site root in
// Markdown are checked against it here too (sitelinks.go).
//
// html/template's contextual escaping is the security model: a value a
// writer typed is never marked safe. The only HTML inserted as-is is the
// Markdown renderer's output, which has raw HTML turned off.
//
// A theme is a folder with templates/ and static/. Each page template
// defines "main" (and may define "head"); templates/base.html lays out the
// page around it; templates/partials/ holds shared pieces. A site's own
// themes/<name>/ overrides the built-in theme file by file. What every
// page of one kind in one section shows alike (the header, the footer) is
// a partial inserted with .Shared, rendered once per build, a page's card
// with .Card (a list of them with .Cards), once per page, and what shows
// one item of the model alike wherever it is listed (a tag's link) with
// .Each, once per item (per pass; a preview keeps them across passes
// while what they read is unchanged). Templates see the model through
// model.go: an object's own values as fields, its links and lists as
// methods with the same names, which record what each output reads
// (deps.go). With minifying on, the templates are
// minified as they are parsed (see minify.go) and bodies come minified
// from the Markdown renderer, so no page needs minifying whole.
package render

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/site"
	"github.com/storyhub/storyhub/internal/weburl"
)

// pageTemplates are the page kinds a theme must provide: the site's
// own, and each kind's template for its entries.
func pageTemplates(kinds content.KindTable) []string {
	names := []string{"home", "list", "tags", "tag", "community", "communities", "events", "event", "404", "alias", "search", kitPrintTemplate, "people", "person", "newsletter", "newsletter-month", "stats", "brochure"}
	for _, k := range kinds {
		if !slices.Contains(names, k.Template) {
			names = append(names, k.Template)
		}
	}
	return names
}

// Renderer holds a parsed theme.
type Renderer struct {
	theme fs.FS
	// templates are what pages are made with: source, or with minify
	// the minified source, one set per page kind.
	templates map[string]*template.Template
	source    map[string]*template.Template
	dir       string            // the theme's folder in the site
	files     map[string]string // template name → file in the theme
	texts     map[string]string // template name → its text, for columns
	static    []string          // the theme's static files
	pages     []string          // pageTemplates
}

// New parses the templates of theme (a folder with templates/ and static/)
// for a site of kinds.
//
// dir is where the theme's files are in the site (themes/NAME): problems
// in templates are reported there, at their line, as content.Errors.
// With minifyHTML, the templates are minified: given a site whose
// Markdown was minified too, every HTML output comes out minified.
func New(theme fs.FS, dir string, kinds content.KindTable, minifyHTML bool) (*Renderer, error) {
	r := &Renderer{theme: theme, dir: dir, pages: pageTemplates(kinds), files: map[string]string{}, texts: map[string]string{}}
	var err error
	if r.static, _, err = StaticFiles(theme); err != nil {
		return nil, fmt.Errorf("theme: %w", err)
	}
	srcs, err := r.readTemplates()
	if err != nil {
		return nil, fmt.Errorf("theme: %w", err)
	}
	if r.source, err = r.parse(srcs); err != nil {
		return nil, err
	}
	r.templates = r.source
	if minifyHTML {
		r.templates = r.parseMinified(srcs)
	}
	return r, nil
}

// templateFile is one template file of a theme.
type templateFile struct {
	name string // as templates call it: base.html, card.html, story.html
	src  string
}

// readTemplates reads the theme's templates: base.html, then the
// partials, then one file per page kind.
func (r *Renderer) readTemplates() ([]templateFile, error) {
	files := []string{"templates/base.html"}
	partials, _ := fs.Glob(r.theme, "templates/partials/*.html")
	slices.Sort(partials)
	files = append(files, partials...)
	for _, name := range r.pages {
		files = append(files, "templates/"+name+".html")
	}
	srcs := make([]templateFile, len(files))
	for i, file := range files {
		src, err := fs.ReadFile(r.theme, file)
		if err != nil {
			return nil, err
		}
		srcs[i] = templateFile{path.Base(file), string(src)}
		r.files[srcs[i].name] = file
		r.texts[srcs[i].name] = srcs[i].src
	}
	return srcs, nil
}

// parse makes one template set per page kind: base.html and the partials
// with that kind's file.
func (r *Renderer) parse(srcs []templateFile) (map[string]*template.Template, error) {
	base := template.New("base.html").Funcs(funcs())
	if _, err := base.Parse(srcs[0].src); err != nil {
		return nil, r.templateError(err)
	}
	pages := srcs[len(srcs)-len(r.pages):]
	for _, p := range srcs[1 : len(srcs)-len(pages)] {
		if _, err := base.New(p.name).Parse(p.src); err != nil {
			return nil, r.templateError(err)
		}
	}
	sets := make(map[string]*template.Template, len(pages))
	for _, p := range pages {
		t, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := t.New(p.name).Parse(p.src); err != nil {
			return nil, r.templateError(err)
		}
		sets[strings.TrimSuffix(p.name, ".html")] = t
	}
	return sets, nil
}

// templateError turns html/template's "template: x.html:3:5: msg" into a
// problem at the template file's line in the site, so the terminal and
// the preview's overlay show it like any other.
func (r *Renderer) templateError(err error) error {
	m := templatePos.FindStringSubmatch(err.Error())
	if m == nil {
		return fmt.Errorf("theme %s: %s", r.dir, strings.TrimPrefix(err.Error(), "template: "))
	}
	file, ok := r.files[m[1]]
	if !ok {
		file = "templates/" + m[1]
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	if m[3] != "" {
		// text/template counts bytes from 0; editors, characters from 1.
		if lines := strings.Split(r.texts[m[1]], "\n"); line >= 1 && line <= len(lines) {
			l := lines[line-1]
			col = utf8.RuneCountInString(l[:min(col, len(l))]) + 1
		}
	}
	return content.ErrorList{&content.Error{
		Pos:  content.Pos{File: r.dir + "/" + file, Line: line, Col: col},
		Msg:  "template: " + m[4],
		Hint: "fix the theme template, or remove it from the site to use the built-in one",
	}}
}

var templatePos = regexp.MustCompile(`^template: ([^:]+):(\d+)(?::(\d+))?: (?s)(.*)$`)

// execute renders one page template with v into buf.
func (r *Renderer) execute(name string, v *View, buf *bytes.Buffer) error {
	return r.run(buf, name, "base.html", v)
}

// run executes the template called name in the set of a page kind,
// appending to w.
func (r *Renderer) run(w *bytes.Buffer, kind, name string, data any) error {
	start := w.Len()
	err := r.templates[kind].ExecuteTemplate(w, name, data)
	if err != nil && r.templates[kind] != r.source[kind] {
		// A minified template's positions are not the file's: the
		// template as written says where the problem is, or, should it
		// have none (a fault of the minifier), makes the page.
		w.Truncate(start)
		err = r.source[kind].ExecuteTemplate(w, name, data)
	}
	var inner content.ErrorList
	if errors.As(err, &inner) {
		return inner // a partial's own problem, where it is
	}
	if err != nil {
		return r.templateError(err)
	}
	return nil
}

// View is what a template sees. It is made for each rendering from the
// plan's view (what the output is of) and the pass's recorder.
type View struct {
	Site      Site
	Template  string // the page kind: home, story, list, ...
	Title     string // the page's own title ("" on the home page)
	Summary   string // the description for search engines and previews
	URL       string // this page's path from the site root
	Page      *Page
	Section   *Section
	Tag       *Tag
	Community *Community
	Pager     *Pager
	Alias     *Alias
	// Filter is what a list of some of a section's entries (the decks
	// of one level) is of.
	Filter *Filter
	Event  *Event
	// Person is whose page it is; People, the page of the list of
	// everyone it is (people.go).
	Person *Someone
	People *PeoplePage
	// Newsletter is the newsletter's archive, on its page; Month, the
	// month's issue, on a month's (newsletter.go).
	Newsletter *Newsletter
	Month      *NewsletterMonth
	// Impact is the site's numbers, on their page (stats.go).
	Impact *Impact
	// Brochure is the featured stories, on the brochure (brochure.go).
	Brochure *Brochure
	// FeedURL is the page's own feed, if it has one.
	FeedURL string
	// Download is a community's kit archive, when there is one.
	Download *Download
	// Item is the list item an Each partial renders; such a partial
	// sees .Site and .Template besides, nothing else.
	Item any

	r     *Renderer
	pass  *Pass
	rec   *recorder
	kit   *kit
	card  *cardSpec // nil: the site's
	cards *cardPlan
}

// view is what the plan knows of a page: what it is of, before any
// rendering.
type view struct {
	template, title, summary, url, feedURL string
	page                                   *site.Page
	section                                *site.Section
	tag                                    *site.Tag
	community                              *site.Community
	pager                                  *Pager
	alias                                  *site.Alias
	filter                                 *site.Filter
	event                                  *site.Event
	person                                 *site.Person
	peoplePage, peopleSize                 int // the page of the list of people, and its size
	archive                                *[]site.Month
	impact                                 bool // the page of the site's numbers
	month                                  *site.Month
	brochure                               bool
	kit                                    *kit
	card                                   *cardSpec // nil: the site's
	cards                                  *cardPlan
}

// make is the View of v for one rendering. It records what the view
// holds, so an output's reads cover its view: the objects it is of, the
// page of a list it shows, an alias's page.
func (v *view) make(s *site.Site, r *Renderer, pass *Pass, rec *recorder) *View {
	out := &View{Site: siteOf(s, rec), Template: v.template, Title: v.title, Summary: v.summary, URL: v.url, FeedURL: v.feedURL,
		Page: pageOf(v.page, rec), Section: sectionOf(v.section, rec), Tag: tagOf(v.tag, rec),
		Community: communityOf(v.community, rec), Alias: aliasOf(v.alias, rec), Filter: filterOf(v.filter, rec),
		Event: eventOf(v.event, rec),
		r:     r, pass: pass, rec: rec, kit: v.kit, card: v.card, cards: v.cards}
	if v.pager != nil {
		rec.add(v.pager.list) // which page of which list, and its neighbours
		pg := *v.pager
		pg.rec = rec
		out.Pager = &pg
	}
	if v.alias != nil {
		rec.add(dep{pageMeta, v.alias.To.Path}) // its title and summary
	}
	if v.person != nil {
		out.Person = personOf(v.person, rec)
		rec.add(dep{personPages, v.person.Slug}) // its summary
	}
	if v.peoplePage > 0 {
		out.People = peopleListPage(s, v.peoplePage, v.peopleSize, rec)
	}
	if v.archive != nil {
		out.Newsletter = newsletterOf(*v.archive, rec)
	}
	if v.month != nil {
		m := monthOf(v.month, rec)
		out.Month = &m
	}
	if v.impact {
		out.Impact = impactOf(s, rec)
	}
	if v.brochure {
		out.Brochure = &Brochure{site: out.Site}
	}
	if v.kit != nil {
		out.Download = &Download{URL: v.community.URL + "kit.zip"}
	}
	return out
}

// Download is a file offered for download, made at build time.
type Download struct {
	URL string
}

// KitSize is the size of the community kit, made for the asking.
func (v *View) KitSize() (int64, error) {
	data, err := v.pass.kit(v.kit, v.rec)
	return int64(len(data)), err
}

// KitDeckSlides is how many of the community's decks the kit holds
// slides of (the others' are hosted elsewhere, or are a recording).
func (v *View) KitDeckSlides() int { return packedDecks(v.Community.Decks()) }

// KitGuides are the guides the community kit holds.
func (v *View) KitGuides() []Page { return kitGuides(v.kit.s, v.rec) }

// Pager is one page of a paginated list.
type Pager struct {
	Number, Total int
	First         int // 1-based index of the first page shown
	Count         int // entries in the whole list
	PrevURL       string
	NextURL       string
	pages         []*site.Page
	list          dep // which page of which list (pagerPage)
	rec           *recorder
}

// Pages are the entries shown on this page of the list.
func (pg *Pager) Pages() []Page {
	out := make([]Page, len(pg.pages))
	for i, p := range pg.pages {
		out[i] = *pageOf(p, pg.rec)
	}
	return out
}

// languageNames is content.LanguageName of each tag asked, kept: every
// deck page asks for the name of one of a few tags, and working a name
// out takes microseconds.
type languageNames struct{ names sync.Map }

func (l *languageNames) name(tag string) string {
	if n, ok := l.names.Load(tag); ok {
		return n.(string)
	}
	n := content.LanguageName(tag)
	l.names.Store(tag, n)
	return n
}

func funcs() template.FuncMap {
	var languages languageNames
	return template.FuncMap{
		// body is the rendered Markdown of a page: the Markdown renderer
		// drops raw HTML and unsafe URLs, so this is the one trusted HTML.
		"body": func(p Page) template.HTML { return template.HTML(p.HTML()) },
		"date": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.Format("2 January 2006")
		},
		"isodate": func(t time.Time) string { return t.Format("2006-01-02") },
		"rfc3339": func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"size":    content.HumanSize,
		"minutes": func(words int) int { return max(1, (words+110)/220) },
		"add":     func(a, b int) int { return a + b },
		// A deck's values as readers see them.
		"language":     languages.name,
		"level":        content.LevelName,
		"country":      content.CountryName,
		"duration":     duration,
		"lower":        strings.ToLower,
		"formats":      formats,
		"downloadName": downloadName,
		"host":         weburl.Host,
		"first":        func(n int, pages []Page) []Page { return pages[:min(n, len(pages))] },
		// except is the first n pages not in drop: the home page's latest
		// stories without the featured ones it shows above them.
		"except": except,
		// dict passes several values to a partial.
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, errors.New("dict needs key, value pairs")
			}
			m := make(map[string]any, len(kv)/2)
			for i := 0; i < len(kv); i += 2 {
				k, ok := kv[i].(string)
				if !ok {
					return nil, fmt.Errorf("dict key %v is not a string", kv[i])
				}
				m[k] = kv[i+1]
			}
			return m, nil
		},
		"title": func(v *View) string {
			return cmp.Or(v.Title, v.Site.Config.Title)
		},
	}
}

// except is the first n of pages that are not in drop.
func except(n int, pages, drop []Page) []Page {
	out := make([]Page, 0, min(n, len(pages)))
	for _, p := range pages {
		if len(out) == n {
			break
		}
		if !slices.ContainsFunc(drop, func(d Page) bool { return d.URL == p.URL }) {
			out = append(out, p)
		}
	}
	return out
}

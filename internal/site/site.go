// Package site is the model of a built hub: which documents are published,
// their URLs, sections, tags, communities, ordering, pagination,
// previous/next and related entries, and every check that needs more than
// one document (broken links between documents, unknown communities); that
// no two outputs claim one path, and that each link from the site root
// (SiteLinks) names an output, are checked by package render, where every
// output is listed. It renders each document's Markdown, because link
// resolution needs every URL. It does no I/O: documents come from package
// content, and the result goes to package render. What sections there
// are, how each is ordered, which community list an entry joins and
// which entries list related ones all come from the kinds table the
// documents were loaded with (Options.Kinds).
//
// URLs: / · /<section>/ and /<section>/page/N/ · /<section>/<slug>/ ·
// /tags/ · /tags/<tag>/ (paginated like sections) · /communities/<slug>/ ·
// /<section>/<facet>/<value>/, the entries with one value of a field the
// kind names as a facet (/decks/level/beginner/: content.KindSpec.Facets),
// paginated like sections · /people/ and /people/<slug>/, a page for each
// person entries name (people.go).
// Every URL is a path from the site root, without the base URL's path,
// which render adds.
package site

import (
	"bytes"
	"cmp"
	"fmt"
	"hash/fnv"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
	"unsafe"

	"github.com/klauspost/compress/s2"

	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/markdown"
	"github.com/storyhub/storyhub/internal/parallel"
)

// The folders of the pages made for each tag and each community, and of
// their lists.
const (
	TagsURL        = "/tags/"
	CommunitiesURL = "/communities/"
	// StatsURL is the page of the site's numbers (internal/stats).
	StatsURL = "/stats/"
)

// Options choose which documents are published.
type Options struct {
	Drafts bool      // include drafts
	Future bool      // include entries dated after Now
	Now    time.Time // the moment of the build
	// CheckOnly skips writing HTML: every check still runs, but pages
	// have no HTML (for storyhub check).
	CheckOnly bool
	// FrontMatterOnly skips the Markdown altogether: pages have no
	// HTML, words, headings or links, and their bodies are not checked.
	FrontMatterOnly bool
	// DropBodies lets go of each page's Markdown once it is rendered,
	// but for the kinds whose entries the community kits pack as they
	// are (content.CommunityTalkingPoints): for a build that makes the
	// site once.
	DropBodies bool
	// Kinds is the table the documents were loaded with;
	// content.DefaultKinds when nil.
	Kinds content.KindTable
}

// Page is one published document with everything the model adds to it.
type Page struct {
	*content.Doc
	URL string // e.g. /stories/my-story/
	// Permalink is the absolute URL, under the base URL: for feeds,
	// the sitemap and search engines.
	Permalink string
	// ImageURL is the site path of the front matter's image: in the
	// bundle, under URL, or under static/ when the path starts with /.
	ImageURL string
	// Picture is the front matter's image, nil when it has none or it
	// is an SVG.
	Picture *Picture
	Slug    string
	// html is the rendered body, compressed (see HTML).
	html    []byte
	HTMLSum uint64 // a hash of the rendered body, to tell changed bodies apart cheaply
	// Highlighted is true when the body has highlighted code, so that
	// the page links the syntax stylesheet.
	Highlighted bool
	Headings    []markdown.Heading
	Words       int
	Tags        []*Tag
	// Community shadows Doc.Community (the slug typed): the community
	// itself, nil when none.
	Community *Community
	Prev      *Page // the older or earlier entry in its section
	Next      *Page
	Related   []*Page
	// Filters are the keys of the filters of its section it is in
	// (level/beginner), which follow from its own values.
	Filters []string
	// Event shadows Doc.Event (the name typed): the event, nil when none.
	Event *Event
	// Of a group (groups.go): the communities it names, and the events
	// in its city.
	GroupCommunities []*Community
	CityEvents       []*Event

	people []namedPerson // each name of its authors, speakers and owners as written, and who it is (PersonOf)
	rank   int           // index in its section when it has related pages, for ranking them; -1 otherwise
	front  *content.Doc  // Doc without its body, for Front
}

// Front is the page's document without its body: what the writer wrote
// above it. Templates see it as .Doc, since a page's body is shown
// through its HTML, and a build lets go of the Markdown once rendered.
func (p *Page) Front() *content.Doc {
	if p.front == nil { // a page made by hand, as in tests
		return frontOf(p.Doc)
	}
	return p.front
}

// frontOf is d without its body: d itself when its body is gone, so a
// build holds one copy of each document, not two.
func frontOf(d *content.Doc) *content.Doc {
	if d.Body == nil {
		return d
	}
	front := *d
	front.Body = nil
	return &front
}

// setDoc gives the page its document.
func (p *Page) setDoc(d *content.Doc) {
	p.Doc, p.front = d, nil // until render has let go of the body
}

// Tag is a topic and the pages that carry it, newest first (in the order
// of Site.Pages).
type Tag struct {
	Name  string
	Slug  string
	URL   string
	Pages []*Page
}

// Community is one audience and its ambassador kit.
type Community struct {
	Slug          string
	Name          string
	Description   string
	URL           string
	Groups        []*Page // the groups that name it, by name
	TalkingPoints []*Page
	Decks         []*Page
	Stories       []*Page
	Guides        []*Page
	// Ambassadors are the people whose profiles name them ambassador of
	// the community, by name.
	Ambassadors []*Person
	// Listed are the section lists narrowed to the community (the
	// decks' community filter, /decks/community/web/), by the list of
	// the community's page they hold in full; nil when no section has
	// a community facet.
	Listed map[content.CommunityList]*Filter
}

// Section is one kind's pages in display order.
type Section struct {
	Kind    content.Kind
	Name    string // e.g. stories
	Title   string // e.g. Stories
	Summary string // what the section holds, in a sentence
	URL     string
	Pages   []*Page
	// Filters are the lists of its entries with one value of one of
	// the kind's facets (content.KindSpec.Facets), facet by facet.
	Filters []*Filter
}

// Filter is the entries of a section with one value of one facet
// (the decks of level beginner), in the section's order.
type Filter struct {
	Facet string // the facet's field: level
	Title string // the facet's: Level
	Value string // as written: beginner, pt-BR
	Name  string // as readers see it: Beginner
	// Key is the end of its URL, facet and value: level/beginner. Its
	// entries list it in their Filters.
	Key   string
	URL   string // /decks/level/beginner/
	Pages []*Page
}

// SiteLink is a link or image to a path from the site root, like
// /decks/intro/ or /files/slides.pdf.
type SiteLink struct {
	Dest  string // as written
	Image bool
	Pos   content.Pos
	From  *Page
}

// Alias is an old URL that redirects to a page.
type Alias struct {
	From string
	To   *Page
	Pos  content.Pos // where the alias is written
}

// Site is the whole model.
type Site struct {
	Config Config
	Kinds  content.KindTable // what makes each kind, by content.Kind
	Pages  []*Page           // every published page, newest first
	// Sections are one per kind with pages of its own, in the kinds'
	// order: every kind but those that describe an index's keys.
	Sections []*Section
	// Described are the published entries of the kinds that describe an
	// index's keys (content.KindSpec.Describes: people's profiles, event
	// entries), by URL. They are in no section or list: the index's model
	// shows each on its key's page, which has the entry's URL.
	Described   []*Page
	sectionOf   []*Section     // Sections by content.Kind; nil for a describing kind
	months      func() []Month // NewsletterMonths, worked out once: the plan, the model's index and the sitemap ask
	Tags        []*Tag         // by name
	Communities []*Community   // by slug
	Events      []*Event       // in the order of their list (SortEvents)
	Aliases     []Alias        // by From
	Featured    []*Page        // featured entries, newest first
	// People are everyone entries name, and everyone with a profile,
	// by name, accents and case aside (people.go).
	People       []*Person
	personBySlug map[string]*Person
	// SiteLinks are the links and images of every page's Markdown to a
	// path from the site root, in page order: render, which lists every
	// output, checks that each is one.
	SiteLinks []SiteLink
	// Pictures are the raster pictures of every page, by source path.
	Pictures  []*Picture
	pictureBy map[string]*Picture // page pictures by source
	// portraitBy are people's portraits by source.
	portraitBy map[string]*Picture
	downloads  map[string]bool // every page's files, by source

	exists    map[string]bool  // every document's path, published or not
	published map[string]*Page // published pages by document path
	// unpublished are the documents left out (drafts, scheduled,
	// expired) by the URL they would have and by path (a URL starts with
	// /, a path with content/), for the message of a link there. Only
	// what the message says is kept: a hub with many scheduled entries
	// would otherwise hold every one of them until the build ends.
	unpublished map[string]*leftOut

	now time.Time // the build's moment
	// From Config.BaseURL, parsed once: every link on every page uses them.
	basePath, origin string
}

// New builds the model from decoded documents. It returns every problem it
// finds; the site is usable only when none is an error.
func New(cfg Config, docs []*content.Doc, opts Options, md *markdown.Renderer, memo *Memo) (*Site, content.ErrorList) {
	fp := fingerprint(cfg, docs, opts)
	if s, errs, ok := memo.sameShape(fp, docs); ok {
		// Only bodies changed: the pages, their order and every list are
		// as they were. The pages take the new documents, and Markdown
		// and the checks that read it run again.
		s.render(md, memo, opts, true, &errs)
		errs.Sort()
		return s, errs
	}
	var errs content.ErrorList
	s := &Site{Config: cfg, Kinds: opts.Kinds, exists: map[string]bool{}, published: map[string]*Page{}, unpublished: map[string]*leftOut{}}
	if s.Kinds == nil {
		s.Kinds = content.DefaultKinds()
	}
	s.basePath, s.origin, s.now = basePath(cfg.BaseURL), origin(cfg.BaseURL), opts.Now
	s.months = sync.OnceValue(s.newsletterMonths)
	for _, d := range docs {
		s.exists[d.Path] = true
	}

	// Published pages and their URLs. Whether two outputs claim one path
	// is checked where every output is listed (render's Plan).
	s.sectionOf = make([]*Section, len(s.Kinds))
	for k, spec := range s.Kinds.All() {
		if spec.Describes == content.NoIndex {
			s.sectionOf[k] = &Section{Kind: k, Name: spec.Section, Title: spec.Title, Summary: spec.Summary, URL: "/" + spec.Section + "/"}
			s.Sections = append(s.Sections, s.sectionOf[k])
		}
	}
	for _, d := range docs {
		if d.Date.After(opts.Now) {
			errs.Note(d.FieldPos("date"), "scheduled: appears on the site on "+d.Date.Format("2 January 2006"),
				"storyhub build --future shows it now")
		} else if expired(d, opts.Now) && d.ExpiryDate.After(d.Date) {
			// Said, since an entry leaving the site is otherwise silent
			// (an expiry before the date is an error of its own).
			errs.Note(d.FieldPos("expiry_date"), "expired: left the site on "+d.ExpiryDate.Format("2 January 2006"),
				"remove expiry_date, or set a later one, to publish it again")
		}
		slug := cmp.Or(d.Slug, d.Name)
		url := "/" + s.Kinds[d.Kind].Section + "/" + slug + "/"
		if !publishable(d, opts) {
			l := &leftOut{Path: d.Path, Draft: d.Draft, Date: d.Date, ExpiryDate: d.ExpiryDate}
			s.unpublished[url], s.unpublished[d.Path] = l, l
			continue
		}
		p := &Page{Slug: slug, URL: url}
		p.setDoc(d)
		p.Permalink = s.AbsURL(p.URL)
		if d.Image != "" {
			p.ImageURL = d.Image
			if !strings.HasPrefix(d.Image, "/") {
				p.ImageURL = p.URL + d.Image
			}
		}
		s.published[d.Path] = p
		if s.Kinds[d.Kind].Describes != content.NoIndex {
			s.Described = append(s.Described, p)
			continue
		}
		s.Pages = append(s.Pages, p)
	}
	SortNewestFirst(s.Pages)
	slices.SortFunc(s.Described, func(a, b *Page) int { return strings.Compare(a.URL, b.URL) })
	s.pictures()
	for _, p := range s.Pages {
		for i, a := range p.Aliases {
			s.Aliases = append(s.Aliases, Alias{From: a, To: p, Pos: p.AliasPos[i]})
		}
	}
	slices.SortFunc(s.Aliases, func(a, b Alias) int { return strings.Compare(a.From, b.From) })

	s.communities(cfg, &errs)
	s.people(memo, &errs)
	s.sections()
	s.tags(&errs)
	s.events(&errs)
	s.groups(&errs)
	for _, sec := range s.Sections {
		if s.Kinds[sec.Kind].Related {
			s.related(sec)
		}
	}
	memo.keepShape(fp, s, errs)
	s.render(md, memo, opts, false, &errs)
	errs.Sort()
	return s, errs
}

// fingerprint hashes everything the shape of the site depends on: the
// settings, and of each document everything but its body. Two loads with
// one fingerprint give the same pages, order, lists and problems outside
// Markdown.
func fingerprint(cfg Config, docs []*content.Doc, opts Options) uint64 {
	h := fnv.New64a()
	full := cfg.FeedFullContent == nil || *cfg.FeedFullContent
	cfg.FeedFullContent = nil // a pointer prints as an address
	fmt.Fprintf(h, "%+v|%v|%v|%v|", cfg, full, opts.Drafts, opts.Future)
	var b [3]byte
	for _, d := range docs {
		h.Write([]byte(d.Path))
		h.Write(d.MetaHash[:])
		h.Write([]byte(d.Name))
		for _, r := range d.Resources {
			h.Write([]byte(r))
			h.Write([]byte{0})
		}
		for _, src := range sortedKeys(d.Pictures) {
			fmt.Fprintf(h, "%s|%+v|", src, d.Pictures[src])
		}
		b[0], b[1], b[2] = boolByte(d.Bundle), boolByte(publishable(d, opts)), boolByte(d.Date.After(opts.Now))
		h.Write(b[:])
	}
	return h.Sum64()
}

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// leftOut is what a link's message says of a document left out of the
// site.
type leftOut struct {
	Path             string
	Draft            bool
	Date, ExpiryDate time.Time
}

// Unpublished is the path of the document left out of the site that
// would have the URL, or has the path; why it is left out, and what a
// link there can do.
func (s *Site) Unpublished(urlOrPath string) (path, why, hint string, ok bool) {
	d, ok := s.unpublished[urlOrPath]
	switch {
	case !ok:
		return "", "", "", false
	case d.Draft:
		return d.Path, "is a draft", "remove the link until it is published; storyhub build --drafts shows both", true
	case expiredBy(d.ExpiryDate, s.now):
		return d.Path, "expired on " + d.ExpiryDate.Format("2 January 2006"), "remove the link, or the expiry_date of " + d.Path, true
	}
	return d.Path, "is scheduled for " + d.Date.Format("2 January 2006"), "remove the link until then; storyhub build --future shows both", true
}

// Publishable reports whether a document is on the site built with o.
func Publishable(d *content.Doc, o Options) bool { return publishable(d, o) }

func publishable(d *content.Doc, o Options) bool {
	switch {
	case d.Draft && !o.Drafts:
		return false
	case d.Date.After(o.Now) && !o.Future:
		return false
	case expired(d, o.Now):
		return false
	}
	return true
}

// expired reports whether d has left the site by now: its expiry_date
// is the last moment it is shown.
func expired(d *content.Doc, now time.Time) bool { return expiredBy(d.ExpiryDate, now) }

func expiredBy(expiry, now time.Time) bool { return !expiry.IsZero() && !expiry.After(now) }

// SortNewestFirst sorts pages by date, newest first, then by title and
// URL: the order of Site.Pages, tag lists and the sections ordered
// content.NewestFirst. Dates are compared as integers first: the whole
// site is sorted on every rebuild.
func SortNewestFirst(pages []*Page) {
	type keyed struct {
		at int64
		p  *Page
	}
	ks := make([]keyed, len(pages))
	for i, p := range pages {
		ks[i] = keyed{p.Date.Unix(), p}
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		if a.at != b.at {
			return cmp.Compare(b.at, a.at)
		}
		return newestFirst(a.p, b.p)
	})
	for i, k := range ks {
		pages[i] = k.p
	}
}

func newestFirst(a, b *Page) int {
	return cmp.Or(b.Date.Compare(a.Date), strings.Compare(a.Title, b.Title), strings.Compare(a.URL, b.URL))
}

// communities links pages to their community; site.toml's list is the
// law when it has one, else the communities are those the content names.
func (s *Site) communities(cfg Config, errs *content.ErrorList) {
	byslug := map[string]*Community{}
	listed := sortedKeys(cfg.Communities)
	for _, slug := range listed {
		c := cfg.Communities[slug]
		byslug[slug] = &Community{Slug: slug, Name: c.Name, Description: c.Description, URL: CommunitiesURL + slug + "/"}
	}
	for _, p := range s.Pages {
		if p.Doc.Community == "" {
			continue
		}
		c, ok := byslug[p.Doc.Community]
		if !ok {
			pos := p.FieldPos("community")
			if len(listed) > 0 {
				hint := "add it under [communities] in site.toml, or use one of: " + strings.Join(listed, ", ")
				if h := suggestName(p.Doc.Community, listed); h != "" {
					hint = h
				}
				errs.Add(pos, fmt.Sprintf("community %q is not listed in site.toml", p.Doc.Community), hint)
				continue
			}
			if !content.ValidSlug(p.Doc.Community) {
				errs.Add(pos, fmt.Sprintf("community %q is not a slug", p.Doc.Community), fmt.Sprintf("try %q", content.Slugify(p.Doc.Community)))
				continue
			}
			c = &Community{Slug: p.Doc.Community, Name: titleCase(p.Doc.Community), URL: CommunitiesURL + p.Doc.Community + "/"}
			byslug[p.Doc.Community] = c
		}
		p.Community = c
		if l := c.list(s.Kinds[p.Kind].Community); l != nil {
			*l = append(*l, p)
		}
	}
	for _, slug := range sortedKeys(byslug) {
		s.Communities = append(s.Communities, byslug[slug])
	}
}

// CommunityPages is the list of c's page that l names (nil for none).
// A function, not a method, so templates reach the lists only through
// what render hands out.
func CommunityPages(c *Community, l content.CommunityList) []*Page {
	if list := c.list(l); list != nil {
		return *list
	}
	return nil
}

// list is the list of the community's page that l names; nil for none,
// and for no community.
func (c *Community) list(l content.CommunityList) *[]*Page {
	if c == nil {
		return nil
	}
	switch l {
	case content.CommunityStories:
		return &c.Stories
	case content.CommunityDecks:
		return &c.Decks
	case content.CommunityTalkingPoints:
		return &c.TalkingPoints
	case content.CommunityGuides:
		return &c.Guides
	case content.CommunityGroups:
		return &c.Groups
	}
	return nil
}

func suggestName(word string, names []string) string {
	if n, ok := content.Nearest(word, slices.Values(names)); ok {
		return fmt.Sprintf("did you mean %q?", n)
	}
	for _, n := range names {
		if strings.Contains(n, word) || strings.Contains(word, n) {
			return fmt.Sprintf("did you mean %q?", n)
		}
	}
	return ""
}

func titleCase(slug string) string {
	words := strings.Split(slug, "-")
	for i, w := range words {
		if w != "" {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}

// sections fills each section in its order and links neighbours.
func (s *Site) sections() {
	for _, p := range s.Pages {
		sec := s.sectionOf[p.Kind]
		sec.Pages = append(sec.Pages, p)
	}
	for _, sec := range s.Sections {
		order := s.Kinds[sec.Kind].Order
		switch order { // content.NewestFirst is the order of s.Pages
		case content.ByWeight:
			slices.SortStableFunc(sec.Pages, func(a, b *Page) int {
				return cmp.Or(cmp.Compare(a.Weight, b.Weight), strings.Compare(a.Title, b.Title))
			})
		case content.ByTitle:
			slices.SortStableFunc(sec.Pages, func(a, b *Page) int {
				return cmp.Or(strings.Compare(a.Title, b.Title), strings.Compare(a.URL, b.URL))
			})
		}
		for i, p := range sec.Pages {
			// Newest-first lists read "previous" as older; others read in order.
			if i > 0 {
				p.Prev = sec.Pages[i-1]
			}
			if i+1 < len(sec.Pages) {
				p.Next = sec.Pages[i+1]
			}
			if order == content.NewestFirst {
				p.Prev, p.Next = p.Next, p.Prev
			}
		}
	}
	for _, p := range s.Pages {
		if p.Featured {
			s.Featured = append(s.Featured, p)
		}
	}
	for _, sec := range s.Sections {
		s.filters(sec)
	}
}

// filters fills sec's filters: one per value its entries have of each
// of its kind's facets. A value is a slug in the URL; a community is
// named by its name, and a community unknown to the site (an error of
// its own) has no list.
func (s *Site) filters(sec *Section) {
	for _, facet := range s.Kinds[sec.Kind].Facets {
		byValue := map[string]*Filter{}
		var list []*Filter
		for _, p := range sec.Pages {
			v := facet.Value(p.Doc)
			if v == "" {
				continue
			}
			f := byValue[v]
			if f == nil {
				name := v
				if facet.Name != nil {
					name = facet.Name(v)
				} else if p.Community != nil {
					name = p.Community.Name
				} else {
					continue
				}
				key := facet.Field + "/" + content.Slugify(v)
				f = &Filter{Facet: facet.Field, Title: facet.Title, Value: v, Name: cmp.Or(name, v), Key: key, URL: sec.URL + key + "/"}
				byValue[v] = f
				list = append(list, f)
			}
			f.Pages = append(f.Pages, p)
			p.Filters = append(p.Filters, f.Key)
			if c := p.Community; facet.Field == "community" && c != nil && c.Slug == v && len(f.Pages) == 1 {
				if c.Listed == nil {
					c.Listed = map[content.CommunityList]*Filter{}
				}
				c.Listed[s.Kinds[sec.Kind].Community] = f
			}
		}
		slices.SortFunc(list, func(a, b *Filter) int {
			ia, ib := slices.Index(facet.Values, a.Value), slices.Index(facet.Values, b.Value)
			return cmp.Or(cmp.Compare(ia, ib), strings.Compare(a.Name, b.Name), strings.Compare(a.Value, b.Value))
		})
		sec.Filters = append(sec.Filters, list...)
	}
}

// tags groups pages by tag slug: tags that differ only in case, spaces
// or punctuation are one tag. Its name is the spelling that is already a
// slug when some page uses it, else the first seen; other spellings are
// warned about, so the hub converges on one.
func (s *Site) tags(errs *content.ErrorList) {
	bySlug := map[string]*Tag{}
	type spelling struct {
		p    *Page
		name string
		tag  *Tag
	}
	var others []spelling // spellings that are not slugs, checked at the end
	// The first page that writes each tag's slug as it is, and the first
	// that writes it at all: where a warning finds the other spelling.
	slugPage, firstPage := map[*Tag]*Page{}, map[*Tag]*Page{}
	for _, p := range s.Pages {
		for i, name := range p.Doc.Tags {
			slug := p.TagSlugs[i]
			if slug == "" {
				errs.Add(p.FieldPos("tags"), fmt.Sprintf("tag %q has no ASCII letters or digits to make its URL from", name),
					"write the tag with latin letters, like a transliteration")
				continue
			}
			t, ok := bySlug[slug]
			if !ok {
				t = &Tag{Name: name, Slug: slug, URL: TagsURL + slug + "/"}
				bySlug[slug] = t
				firstPage[t] = p
			}
			if _, seen := slugPage[t]; !seen && name == slug {
				slugPage[t] = p
			}
			if slices.Contains(p.Tags, t) {
				continue // the same tag twice on one page
			}
			if name == slug {
				t.Name = name
			} else {
				others = append(others, spelling{p, name, t})
			}
			t.Pages = append(t.Pages, p)
			p.Tags = append(p.Tags, t)
		}
	}
	for _, o := range others {
		t := o.tag
		if o.name == t.Name {
			continue
		}
		other := firstPage[t]
		if t.Name == t.Slug {
			other = slugPage[t]
		}
		errs.Warn(o.p.FieldPos("tags"), fmt.Sprintf("tag %q is written %q in %s", o.name, t.Name, other.Path),
			fmt.Sprintf("write %q so readers find one tag, not two spellings", t.Name))
	}
	for _, slug := range sortedKeys(bySlug) {
		s.Tags = append(s.Tags, bySlug[slug])
	}
}

// related ranks the other entries of a section by shared tags (and a
// shared community), looking only at the newest entries of each tag so
// the cost stays linear, and keeping the best few without sorting every
// candidate.
func (s *Site) related(sec *Section) {
	const perTag, keep = 24, 3
	pages, list := sec.Pages, s.Kinds[sec.Kind].Community
	for _, p := range s.Pages {
		p.rank = -1
	}
	for i, p := range pages {
		p.rank = i
	}
	onEveryCore(len(pages), func() func(int) {
		score := make([]int, len(pages)) // scratch, one per worker
		var touched []int
		return func(i int) {
			p := pages[i]
			touched = touched[:0]
			bump := func(q *Page, by int, onlyKnown bool) {
				j := q.rank
				if j < 0 || j == i || (onlyKnown && score[j] == 0) {
					return
				}
				if score[j] == 0 {
					touched = append(touched, j)
				}
				score[j] += by
			}
			for _, t := range p.Tags {
				for _, q := range t.Pages[:min(len(t.Pages), perTag)] {
					bump(q, 2, false)
				}
			}
			if l := p.Community.list(list); l != nil {
				for _, q := range (*l)[:min(len(*l), perTag)] {
					bump(q, 1, true)
				}
			}
			better := func(a, b int) bool { // a ranks above b; ties go to the one listed first
				if score[a] != score[b] {
					return score[a] > score[b]
				}
				return a < b
			}
			var best []int
			for _, j := range touched {
				k := len(best)
				for k > 0 && better(j, best[k-1]) {
					k--
				}
				if k < keep {
					best = slices.Insert(best, k, j)
					if len(best) > keep {
						best = best[:keep]
					}
				}
			}
			p.Related = make([]*Page, len(best))
			for k, j := range best {
				p.Related[k] = pages[j]
			}
			for _, j := range touched {
				score[j] = 0
			}
		}
	})
}

// onEveryCore calls the function made by worker for each of n items, on
// every core; each worker gets its own function, so its own scratch.
func onEveryCore(n int, worker func() func(int)) {
	parallel.Each(n, 0, func() func(int) bool {
		do := worker()
		return func(i int) bool { do(i); return true }
	})
}

// render converts every page's Markdown on every core, resolving links
// between documents. kept says the pages are the memo's last site's, as
// they were but for new documents.
func (s *Site) render(md *markdown.Renderer, memo *Memo, opts Options, kept bool, errs *content.ErrorList) {
	pages := s.AllPages()
	if opts.FrontMatterOnly {
		for _, p := range pages {
			p.front = frontOf(p.Doc)
		}
		return
	}
	perPage := make([]content.ErrorList, len(pages))
	fragments := make([][]fragment, len(pages))
	siteLinks := make([][]SiteLink, len(pages))
	results := make([]memoEntry, len(pages))
	rendered := make([]bool, len(pages)) // not found in the memo
	base := s.BasePath()
	self := "" // the site's own address, without the scheme
	if _, host, ok := strings.Cut(s.Origin(), "://"); ok && host != "" {
		self = host + base
	}
	onEveryCore(len(pages), func() func(int) {
		return func(i int) {
			p := pages[i]
			links := markdown.Links{Resolve: s.resolver(p, base), Image: s.imager(p, base), Self: self}
			e, ok := memoEntry{}, false
			if opts.CheckOnly {
				e, ok = memoEntry{res: md.Check(p.Body, links)}, true
			} else {
				e, ok = memo.lookup(p.Doc, links)
			}
			if !ok {
				var err error
				rendered[i] = true
				e, err = memo.render(md, p.Doc, links)
				if err != nil {
					perPage[i].Add(content.Pos{File: p.Path, Line: p.BodyLine}, "cannot render Markdown: "+err.Error(), "")
					return
				}
			}
			if memo != nil { // a build without one keeps the body, compressed, alone
				results[i] = e
			}
			res := e.res
			// Compressed once per rendering (Memo.render): a memo's entry
			// holds it, so a page whose body is unchanged costs none.
			p.html, p.Highlighted = e.html, e.highlighted
			p.HTMLSum, p.Headings, p.Words = e.sum, res.Headings, res.Words
			for _, pr := range res.Problems {
				perPage[i].Add(bodyPos(p.Doc, pr.Offset), pr.Msg, pr.Hint)
			}
			// Positions now, while the body is at hand: anchors are
			// checked once every page's headings are known.
			for _, f := range res.Fragments {
				fragments[i] = append(fragments[i], fragment{f.Dest, bodyPos(p.Doc, f.Offset)})
			}
			for _, l := range res.SitePaths {
				siteLinks[i] = append(siteLinks[i], SiteLink{Dest: l.Dest, Image: l.Image, Pos: bodyPos(p.Doc, l.Offset), From: p})
			}
			if opts.DropBodies && s.Kinds[p.Kind].Community != content.CommunityTalkingPoints {
				p.Body = nil
			}
			if p.front == nil { // else the document is the one it was made of
				p.front = frontOf(p.Doc)
			}
		}
	})
	if !opts.CheckOnly { // a check renders no HTML to remember
		memo.keep(pages, results, rendered, kept)
	}
	for _, l := range perPage {
		*errs = append(*errs, l...)
	}
	s.SiteLinks = slices.Concat(siteLinks...)
	for i, p := range pages {
		for _, f := range fragments[i] {
			s.checkAnchor(p, f, errs)
		}
	}
}

// AllPages are every page, then the described entries: each document
// the site publishes, whose Markdown it renders and whose values outputs
// read.
func (s *Site) AllPages() []*Page {
	if len(s.Described) == 0 {
		return s.Pages
	}
	return slices.Concat(s.Pages, s.Described)
}

// fragment is a link with a #fragment and where it is in its file.
type fragment struct {
	dest string
	pos  content.Pos
}

func (s *Site) checkAnchor(p *Page, f fragment, errs *content.ErrorList) {
	u, err := url.Parse(f.dest)
	if err != nil || u.Fragment == "" || strings.HasPrefix(u.Fragment, "fn:") || strings.HasPrefix(u.Fragment, "fnref:") {
		return
	}
	target := p
	if u.Path != "" {
		if path.Ext(u.Path) != ".md" || u.Scheme != "" || strings.HasPrefix(u.Path, "/") {
			return
		}
		q, ok := s.published[path.Join(path.Dir(p.Path), u.Path)]
		if !ok {
			return // reported as a broken link already
		}
		target = q
	}
	if ok, hint := target.HasHeading(u.Fragment); !ok {
		errs.Warn(f.pos, fmt.Sprintf("link to #%s: %s has no such heading", u.Fragment, target.Path), hint)
	}
}

// HasHeading reports whether the page has a heading with the id, and
// when it has not, which ones it has.
func (p *Page) HasHeading(id string) (bool, string) {
	var ids []string
	for _, h := range p.Headings {
		if h.ID == id {
			return true, ""
		}
		ids = append(ids, h.ID)
	}
	if len(ids) == 0 {
		return false, "the page has no headings to link to"
	}
	return false, "headings there: #" + strings.Join(ids, ", #")
}

// bodyPos turns an offset into the body into a file position, the
// column in characters, as editors count it.
func bodyPos(d *content.Doc, off int) content.Pos {
	off = min(max(off, 0), len(d.Body))
	before := d.Body[:off]
	line := d.BodyLine + strings.Count(string(before), "\n")
	col := utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + 1
	return content.Pos{File: d.Path, Line: line, Col: col}
}

// resolver maps a page's relative links: a .md file becomes that page's
// URL; another name must be a file of the page's bundle.
func (s *Site) resolver(p *Page, base string) markdown.Resolve {
	return func(dest string) (string, string, string) {
		u, err := url.Parse(dest)
		if err != nil {
			return "", fmt.Sprintf("link %q is not a valid URL", dest), ""
		}
		if u.Path == "" { // only a #fragment or ?query
			return dest, "", ""
		}
		suffix := ""
		if u.RawQuery != "" {
			suffix += "?" + u.RawQuery
		}
		if u.Fragment != "" {
			suffix += "#" + u.EscapedFragment()
		}
		if strings.HasPrefix(u.Path, "/") {
			return base + strings.TrimPrefix(dest, "/"), "", ""
		}
		dir := path.Dir(p.Path)
		target := path.Join(dir, u.Path)
		if path.Ext(u.Path) == ".md" {
			if !s.exists[target] {
				var ok bool
				if target, ok = s.sameDoc(target); !ok {
					return "", fmt.Sprintf("link to %s: no such content file", u.Path), s.nearDoc(dir, target, "link to the .md file of another entry, relative to this file, like ../decks/intro.md")
				}
			}
			q, ok := s.published[target]
			if !ok {
				if left, why, hint, ok := s.Unpublished(target); ok {
					return "", fmt.Sprintf("link to %s: %s %s, so the page is not on the site", u.Path, left, why), hint
				}
				return "", fmt.Sprintf("link to %s, which is not published", u.Path), "remove the link until it is published"
			}
			return base + strings.TrimPrefix(q.URL, "/") + suffix, "", ""
		}
		if p.Bundle {
			rel := strings.TrimPrefix(target, dir+"/")
			if _, found := slices.BinarySearch(p.Resources, rel); !found {
				rel, found = sameName(rel, slices.Values(p.Resources))
				if !found {
					return "", fmt.Sprintf("link to %s: no such file in this bundle", u.Path), s.nearFile(p, rel, dir, target)
				}
			}
			if s.Hidden(path.Join(dir, rel)) {
				// A link to a photo too wide to publish: its widest copy.
				pic := cmp.Or(s.pictureBy[path.Join(dir, rel)], s.portraitBy[path.Join(dir, rel)])
				u, _, _ := pic.Src()
				return base + strings.TrimPrefix(u, "/") + suffix, "", ""
			}
			return base + strings.TrimPrefix(p.URL, "/") + rel + suffix, "", ""
		}
		return "", fmt.Sprintf("link to %s: relative links must name a .md file", u.Path),
			s.nearDoc(dir, target, "link another entry by its .md file, like ../decks/intro.md; put images in a bundle (NAME/index.md)")
	}
}

// basePath is the path of the base URL, always ending in a slash.
func basePath(baseURL string) string {
	u, err := url.Parse(baseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	return strings.TrimSuffix(u.Path, "/") + "/"
}

// origin is the scheme and host of the base URL, like https://example.org.
func origin(baseURL string) string {
	u, err := url.Parse(baseURL)
	if err != nil {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

// HTML is the rendered body. Bodies are most of what a built site
// holds, and each is read a few times (its page, the search index, a
// feed or two): they are held compressed with S2, at about 40 % of their
// size, which takes a few microseconds to undo.
func (p *Page) HTML() string {
	if len(p.html) == 0 {
		return ""
	}
	b, err := s2.Decode(nil, p.html)
	if err != nil {
		panic("site: a rendered body held compressed does not decompress: " + err.Error())
	}
	// b is new and nothing else holds it, so the string may share it
	// rather than copy it, as strings.Builder does.
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// HTMLLen is the length of the rendered body.
func (p *Page) HTMLLen() int {
	n, err := s2.DecodedLen(p.html)
	if err != nil {
		return 0
	}
	return n
}

// compressHTML is a rendered body as a page holds it.
func compressHTML(h string) []byte {
	if h == "" {
		return nil
	}
	// Encode returns a slice of room for the worst case: only what it
	// filled is kept.
	return bytes.Clone(s2.Encode(nil, []byte(h)))
}

// Now is the build's moment, the day the site's numbers are counted on.
func (s *Site) Now() time.Time { return s.now }

// BasePath is the path under which the site is served, like / or /hub/.
func (s *Site) BasePath() string {
	if s.basePath == "" { // a Site made by hand, as in tests
		return basePath(s.Config.BaseURL)
	}
	return s.basePath
}

// Origin is the scheme and host of the base URL, like https://example.org.
func (s *Site) Origin() string {
	if s.basePath == "" { // a Site made by hand, as in tests
		return origin(s.Config.BaseURL)
	}
	return s.origin
}

// FileURL is the site path of one of the page's files: in its bundle,
// under the page's URL, or under static/, from the site root.
func (p *Page) FileURL(f content.File) string {
	if f.Bundled {
		return p.URL + strings.TrimPrefix(f.Source, p.Path[:strings.LastIndexByte(p.Path, '/')+1])
	}
	return "/" + strings.TrimPrefix(f.Source, "static/")
}

// AbsURL is the absolute URL of a site path.
func (s *Site) AbsURL(p string) string {
	o := s.Origin()
	if o == "" {
		return p
	}
	return o + s.BasePath() + strings.TrimPrefix(p, "/")
}

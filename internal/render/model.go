package render

import (
	"errors"
	"strconv"
	"time"

	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/markdown"
	"github.com/storyhub/storyhub/internal/site"
)

// What templates and the code that writes feeds, kits and indexes see of
// the model: each object's own values as fields, and every way to another
// object (a list, a neighbour, a tag, a community) or to a body as a
// method. The methods record what they hand out (see deps.go), so an
// output's recorded reads are what it showed, and nothing is written out
// by hand. The model object is embedded under an unexported name, so a
// template cannot reach around the methods to the model's own fields.

type (
	sitePage      = site.Page
	siteSite      = site.Site
	siteSection   = site.Section
	siteTag       = site.Tag
	siteCommunity = site.Community
	siteAlias     = site.Alias
	siteFilter    = site.Filter
)

// Site is the whole hub: its settings (.Config) and its lists.
type Site struct {
	*siteSite
	// Config is the site's settings, a field of its own: templates read
	// it on every page, and a promoted field is looked up the long way.
	Config *site.Config
	rec    *recorder
}

func siteOf(s *site.Site, rec *recorder) Site { return Site{s, &s.Config, rec} }

// Pages is every published page, newest first.
func (s Site) Pages() []Page {
	s.rec.add(dep{sitePages, ""})
	return pagesOf(s.siteSite.Pages, s.rec)
}

// Dated is where every published page is, and its date, newest first.
func (s Site) Dated() []Dated {
	s.rec.add(dep{siteDates, ""})
	out := make([]Dated, len(s.siteSite.Pages))
	for i, p := range s.siteSite.Pages {
		out[i] = Dated{p.Permalink, p.Date}
	}
	return out
}

// Dated is a page's permalink and date, for a sitemap.
type Dated struct {
	Permalink string
	Date      time.Time
}

// Featured is the featured stories, newest first.
func (s Site) Featured() []Page {
	s.rec.add(dep{siteFeatured, ""})
	return pagesOf(s.siteSite.Featured, s.rec)
}

// Sections is one section per kind, in the kinds' order.
func (s Site) Sections() []Section {
	s.rec.add(dep{siteSections, ""})
	out := make([]Section, len(s.siteSite.Sections))
	for i, sec := range s.siteSite.Sections {
		out[i] = sectionIn(sec, s.rec)
	}
	return out
}

// Tags is every tag, by name.
func (s Site) Tags() []Tag {
	s.rec.add(dep{siteTags, ""})
	out := make([]Tag, len(s.siteSite.Tags))
	for i, t := range s.siteSite.Tags {
		out[i] = tagIn(t, s.rec)
	}
	return out
}

// Communities is every community, by slug.
func (s Site) Communities() []Community {
	s.rec.add(dep{siteCommunities, ""})
	out := make([]Community, len(s.siteSite.Communities))
	for i, c := range s.siteSite.Communities {
		out[i] = communityIn(c, s.rec)
	}
	return out
}

// Aliases is every old URL that redirects, by path.
func (s Site) Aliases() []Alias {
	s.rec.add(dep{siteAliases, ""})
	out := make([]Alias, len(s.siteSite.Aliases))
	for i := range s.siteSite.Aliases {
		out[i] = Alias{&s.siteSite.Aliases[i], s.rec}
	}
	return out
}

// Page is one published entry. Its front matter is .Doc (or each field
// directly: .Title); its body is read through body, .Words and .Headings.
type Page struct {
	*sitePage
	// URL and Doc (what the writer wrote, without the body: see body,
	// Words and Headings for what the body gives) are fields of their
	// own: lists read them of every page, and a promoted field or a
	// method is looked up the long way.
	URL string
	Doc *content.Doc
	rec *recorder
}

// pageOf hands out one page: it records the page's own values.
func pageOf(p *site.Page, rec *recorder) *Page {
	if p == nil {
		return nil
	}
	rec.add(dep{pageMeta, p.Path})
	return &Page{p, p.URL, p.Front(), rec}
}

// pagesOf hands out a list whose dependency (with what each page shows
// of itself) the caller has recorded.
func pagesOf(ps []*site.Page, rec *recorder) []Page {
	out := make([]Page, len(ps))
	for i, p := range ps {
		out[i] = Page{p, p.URL, p.Front(), rec}
	}
	return out
}

func (p Page) body() *site.Page {
	p.rec.add(dep{pageBody, p.Path})
	return p.sitePage
}

// HTML is the rendered body.
func (p Page) HTML() string { return p.body().HTML() }

// Body stands for the Markdown, which pages do not show: a build lets
// go of it once it is rendered (see body for the HTML; .Doc has no
// body).
func (p Page) Body() ([]byte, error) { return nil, errMarkdown }

var errMarkdown = errors.New("a page's Markdown is not kept for templates: show its HTML with {{body .Page}}")

// markdown is the body as written, which site.Options.DropBodies keeps
// for talking points alone: for the community kits.
func (p Page) markdown() []byte { return p.body().Doc.Body }

// Highlighted reports whether the body has highlighted code: a page
// links the syntax stylesheet only then.
func (p Page) Highlighted() bool { return p.body().Highlighted }

// Words counts the words of the body.
func (p Page) Words() int { return p.body().Words }

// Headings are the body's headings.
func (p Page) Headings() []markdown.Heading { return p.body().Headings }

// HTMLSum stands for the body; it is not for templates.
func (p Page) HTMLSum() uint64 { return p.body().HTMLSum }

// Hash stands for the file's bytes; it is not for templates.
func (p Page) Hash() [32]byte { return p.body().Doc.Hash }

func (p Page) links() *site.Page {
	p.rec.add(dep{pageLinks, p.Path})
	return p.sitePage
}

// Prev is the older or earlier entry of its section, or nil.
func (p Page) Prev() *Page { return pageOf(p.links().Prev, p.rec) }

// Next is the newer or later entry of its section, or nil.
func (p Page) Next() *Page { return pageOf(p.links().Next, p.rec) }

// Related is a few entries that share its tags.
func (p Page) Related() []Page {
	rel := p.links().Related
	out := make([]Page, len(rel))
	for i, q := range rel {
		p.rec.add(dep{pageMeta, q.Path})
		out[i] = Page{q, q.URL, q.Front(), p.rec}
	}
	return out
}

// Tags are the page's tags.
func (p Page) Tags() []Tag {
	tags := p.links().Tags
	out := make([]Tag, len(tags))
	for i, t := range tags {
		p.rec.add(dep{tagMeta, t.Slug})
		out[i] = tagIn(t, p.rec)
	}
	return out
}

// Community is the page's community, or nil.
func (p Page) Community() *Community { return communityOf(p.links().Community, p.rec) }

// Section is one kind's pages in display order.
type Section struct {
	*siteSection
	Name, Title, URL string // fields of their own, found without a search
	rec              *recorder
}

func sectionOf(s *site.Section, rec *recorder) *Section {
	if s == nil {
		return nil
	}
	rec.add(dep{sectionMeta, s.Name})
	sec := sectionIn(s, rec)
	return &sec
}

// sectionIn wraps s for a list whose read the caller recorded.
func sectionIn(s *site.Section, rec *recorder) Section {
	return Section{s, s.Name, s.Title, s.URL, rec}
}

// Pages are the section's entries in display order.
func (s Section) Pages() []Page {
	s.rec.add(dep{sectionPages, s.Name})
	return pagesOf(s.siteSection.Pages, s.rec)
}

// Facets are the fields its list can be narrowed by, each with the
// lists of its entries with one value (the decks of one level).
func (s Section) Facets() []Facet {
	s.rec.add(dep{sectionFilters, s.Name})
	var out []Facet
	for _, f := range s.siteSection.Filters {
		if len(out) == 0 || out[len(out)-1].Field != f.Facet {
			out = append(out, Facet{Field: f.Facet, Title: f.Title})
		}
		last := &out[len(out)-1]
		last.Filters = append(last.Filters, Filter{f, len(f.Pages)})
	}
	return out
}

// Facet is a field a section's list can be narrowed by, and its values'
// lists.
type Facet struct {
	Field, Title string
	Filters      []Filter
}

// Filter is one value of one facet of a section: its field (.Facet,
// .Title), the value (.Value, .Name), its list's URL and, as .Count,
// how many entries it has. Its pages are shown through a Pager.
type Filter struct {
	*siteFilter
	Count int
}

func filterOf(f *site.Filter, rec *recorder) *Filter {
	if f == nil {
		return nil
	}
	rec.add(dep{filterMeta, filterID(f)})
	return &Filter{f, len(f.Pages)}
}

// Tag is a topic.
type Tag struct {
	*siteTag
	Name, URL string // fields of their own, found without a search
	rec       *recorder
}

func tagOf(t *site.Tag, rec *recorder) *Tag {
	if t == nil {
		return nil
	}
	rec.add(dep{tagMeta, t.Slug})
	tag := tagIn(t, rec)
	return &tag
}

// tagIn wraps t for a list whose read the caller recorded.
func tagIn(t *site.Tag, rec *recorder) Tag { return Tag{t, t.Name, t.URL, rec} }

// Pages are the tag's entries, newest first.
func (t Tag) Pages() []Page {
	t.rec.add(dep{tagPages, t.Slug})
	return pagesOf(t.siteTag.Pages, t.rec)
}

// Community is one audience.
type Community struct {
	*siteCommunity
	Name, URL string // fields of their own, found without a search
	rec       *recorder
}

func communityOf(c *site.Community, rec *recorder) *Community {
	if c == nil {
		return nil
	}
	rec.add(dep{communityMeta, c.Slug})
	com := communityIn(c, rec)
	return &com
}

// communityIn wraps c for a list whose read the caller recorded.
func communityIn(c *site.Community, rec *recorder) Community { return Community{c, c.Name, c.URL, rec} }

// list hands out one of the community's lists.
func (c Community) list(l content.CommunityList) []Page {
	c.rec.add(dep{communityLists, c.Slug + "/" + strconv.Itoa(int(l))})
	return pagesOf(site.CommunityPages(c.siteCommunity, l), c.rec)
}

// TalkingPoints are the community's talking points.
func (c Community) TalkingPoints() []Page { return c.list(content.CommunityTalkingPoints) }

// Decks are the community's decks.
func (c Community) Decks() []Page { return c.list(content.CommunityDecks) }

// Ambassadors are the community's ambassadors, by name: who its page
// shows above the kit. Who they are follows from every profile's roles.
func (c Community) Ambassadors() []Someone {
	c.rec.add(dep{sitePeople, ""})
	out := make([]Someone, len(c.siteCommunity.Ambassadors))
	for i, x := range c.siteCommunity.Ambassadors {
		out[i] = *personOf(x, c.rec)
	}
	return out
}

// DecksListed is the address of the list of every deck of the
// community (the decks' community filter), where its page shows only
// the newest; "" when there is none.
func (c Community) DecksListed() string {
	c.rec.add(dep{communityLists, c.Slug + "/" + strconv.Itoa(int(content.CommunityDecks))})
	if f := c.Listed[content.CommunityDecks]; f != nil {
		return f.URL
	}
	return ""
}

// Stories are the community's stories.
func (c Community) Stories() []Page { return c.list(content.CommunityStories) }

// Guides are the community's guides.
func (c Community) Guides() []Page { return c.list(content.CommunityGuides) }

// Groups are the local user groups that serve the community.
func (c Community) Groups() []Page { return c.list(content.CommunityGroups) }

// Alias is an old URL that redirects to a page.
type Alias struct {
	*siteAlias
	rec *recorder
}

func aliasOf(a *site.Alias, rec *recorder) *Alias {
	if a == nil {
		return nil
	}
	rec.add(dep{aliasTo, a.From})
	return &Alias{a, rec}
}

// To is the page the alias redirects to.
func (a Alias) To() *Page { return pageOf(a.siteAlias.To, a.rec) }

// rebound is a handed-out object bound to another recorder: a partial
// made once for many outputs records into its own.
type rebound interface {
	model() dep // the object's own values
	bind(rec *recorder) any
}

func (p Page) model() dep                  { return dep{pageMeta, p.Path} }
func (p Page) bind(rec *recorder) any      { return *pageOf(p.sitePage, rec) }
func (t Tag) model() dep                   { return dep{tagMeta, t.Slug} }
func (t Tag) bind(rec *recorder) any       { return *tagOf(t.siteTag, rec) }
func (c Community) model() dep             { return dep{communityMeta, c.Slug} }
func (c Community) bind(rec *recorder) any { return *communityOf(c.siteCommunity, rec) }
func (s Section) model() dep               { return dep{sectionMeta, s.Name} }
func (s Section) bind(rec *recorder) any   { return *sectionOf(s.siteSection, rec) }

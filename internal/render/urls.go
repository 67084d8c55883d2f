package render

import (
	"bytes"
	"fmt"
	"html/template"
	"reflect"
	"strings"
	"time"

	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/site"
)

// Rel is the link to a site path, under the base URL's path.
func (v *View) Rel(p string) string { return v.Site.BasePath() + strings.TrimPrefix(p, "/") }

// Abs is the absolute URL of a site path.
func (v *View) Abs(p string) string { return v.Site.AbsURL(p) }

// FileURL is the site path of a deck's or guide's file.
func (v *View) FileURL(p Page, f content.File) string { return p.sitePage.FileURL(f) }

func absURL(s *site.Site, p string) string { return s.AbsURL(p) }

// Card is the card partial for p, as lists show it. A page's card is the
// same in every list, so it is rendered once per pass and reused: it is
// html/template's own output, escaped in the same context it is inserted
// in, not a value a writer typed. The partial sees .V (the site and
// methods such as .Rel) and .P, the page.
func (v *View) Card(p Page) (template.HTML, error) {
	h, err := pieceFor(v.pass, v.pass.cards, cardKey{p.Path}, v.rec, func(own *recorder) (string, error) {
		only := &View{Site: siteOf(v.Site.siteSite, own), Template: "list", r: v.r, pass: v.pass, rec: own}
		var b bytes.Buffer
		err := v.r.run(&b, "list", "card", map[string]any{"V": only, "P": *pageOf(p.sitePage, own)})
		return b.String(), err
	})
	return template.HTML(h), err
}

// The keys of pieces name what they show by name, not by pointer, so a
// piece outlives the model it was made from while what it read is
// unchanged.
type cardKey struct{ page string }

// Cards is Card for each of pages, one after the other: one call for a
// whole list.
func (v *View) Cards(pages []Page) (template.HTML, error) {
	cards := make([]template.HTML, len(pages))
	size := 0
	for i, p := range pages {
		h, err := v.Card(p)
		if err != nil {
			return "", err
		}
		cards[i], size = h, size+len(h)
	}
	var b strings.Builder
	b.Grow(size)
	for _, h := range cards {
		b.WriteString(string(h))
	}
	return template.HTML(b.String()), nil
}

// Each is the partial name rendered for every item of a list (tags,
// pages, communities), one after the other. The partial sees .Site and
// .Item and nothing of the page listing it (and methods such as .Rel
// that read nothing else), so an item's rendering is made once per pass
// and page kind and reused on every page that lists it. Themes use it for
// links to tags.
func (v *View) Each(name string, items any) (template.HTML, error) {
	list := reflect.ValueOf(items)
	if list.Kind() != reflect.Slice {
		return "", fmt.Errorf("Each %q: %T is not a list", name, items)
	}
	var b strings.Builder
	for i := range list.Len() {
		h, err := v.item(name, list.Index(i).Interface())
		if err != nil {
			return "", err
		}
		b.WriteString(string(h))
	}
	return template.HTML(b.String()), nil
}

type itemKey struct {
	name, template string
	item           dep
}

func (v *View) item(name string, item any) (template.HTML, error) {
	// Only items of the model are kept: they name one object, and other
	// values need not be comparable.
	m, ok := item.(rebound)
	if !ok {
		only := &View{Site: v.Site, Template: v.Template, Item: item, r: v.r, pass: v.pass, rec: v.rec}
		var b bytes.Buffer
		err := v.r.run(&b, v.Template, name, only)
		return template.HTML(b.String()), err
	}
	h, err := pieceFor(v.pass, v.pass.fragments, any(itemKey{name, v.Template, m.model()}), v.rec, func(own *recorder) (string, error) {
		only := &View{Site: siteOf(v.Site.siteSite, own), Template: v.Template, Item: m.bind(own), r: v.r, pass: v.pass, rec: own}
		var b bytes.Buffer
		err := v.r.run(&b, v.Template, name, only)
		return b.String(), err
	})
	return template.HTML(h), err
}

// Shared is the partial name as every page of one kind in one section
// (and, on a list narrowed by a filter, one filter) shows it: the partial
// sees only .Site, .Section, .Filter and .Template (and methods such as
// .Rel that read nothing else), so it is rendered once per section, kind
// and filter in a pass and reused. Themes use it for the site's header,
// footer, the links in every page's head and a list's filters.
func (v *View) Shared(name string) (template.HTML, error) {
	var sec *site.Section
	if v.Section != nil {
		sec = v.Section.siteSection
	}
	var filter *site.Filter
	if v.Filter != nil {
		filter = v.Filter.siteFilter
	}
	key := sharedKey{name: name, template: v.Template}
	if sec != nil {
		key.section = sec.Name
	}
	if filter != nil {
		key.filter = filterID(filter)
	}
	h, err := pieceFor(v.pass, v.pass.fragments, any(key), v.rec, func(own *recorder) (string, error) {
		only := &View{Site: siteOf(v.Site.siteSite, own), Section: sectionOf(sec, own), Filter: filterOf(filter, own), Template: v.Template, r: v.r, pass: v.pass, rec: own}
		var b bytes.Buffer
		err := v.r.run(&b, v.Template, name, only)
		return b.String(), err
	})
	return template.HTML(h), err
}

type sharedKey struct {
	name     string
	section  string
	template string
	filter   string // "" on every page but a filter's list
}

// Article is the schema.org Article that describes a story page to
// search engines. html/template writes it as JSON inside the script
// element, escaping <, > and & so a value can never close the element.
func (v *View) Article() *Article {
	p := v.Page
	url := p.Permalink
	a := &Article{
		Context:       "https://schema.org",
		Type:          "Article",
		Headline:      p.Title,
		Description:   p.Summary,
		DatePublished: p.Date.UTC().Format(time.RFC3339),
		MainEntity:    url,
		URL:           url,
		Publisher:     &Organization{Type: "Organization", Name: v.Site.Config.Title, URL: v.Abs("/")},
	}
	for _, person := range p.Authors {
		a.Author = append(a.Author, Person{Type: "Person", Name: person.Name, URL: person.URL})
	}
	if p.ImageURL != "" {
		a.Image = v.Abs(p.ImageURL)
	}
	if p.CanonicalURL != "" {
		a.MainEntity = p.CanonicalURL
	}
	for _, t := range p.Tags() {
		a.Keywords = append(a.Keywords, t.Name)
	}
	return a
}

// Article is schema.org's Article, its keys in alphabetical order as a
// map's would be.
type Article struct {
	Context       string        `json:"@context"`
	Type          string        `json:"@type"`
	Author        []Person      `json:"author,omitempty"`
	DatePublished string        `json:"datePublished"`
	Description   string        `json:"description"`
	Headline      string        `json:"headline"`
	Image         string        `json:"image,omitempty"`
	Keywords      []string      `json:"keywords,omitempty"`
	MainEntity    string        `json:"mainEntityOfPage"`
	Publisher     *Organization `json:"publisher"`
	URL           string        `json:"url"`
}

// Person is schema.org's Person.
type Person struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

// Organization is schema.org's Organization.
type Organization struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url"`
}

package render

import (
	"bytes"
	"fmt"
	"html/template"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/site"
)

// Rel is the link to a site path, under the base URL's path.
func (v *View) Rel(p string) string { return v.Site.BasePath() + strings.TrimPrefix(p, "/") }

// Abs is the absolute URL of a site path.
func (v *View) Abs(p string) string { return absURL(v.Site, p) }

// FileURL is the site path of a deck's or guide's file.
func (v *View) FileURL(p *site.Page, f content.File) string { return fileURL(p, f) }

func absURL(s *site.Site, p string) string { return s.AbsURL(p) }

func fileURL(p *site.Page, f content.File) string {
	if f.Bundled {
		return p.URL + strings.TrimPrefix(f.Source, p.Path[:strings.LastIndexByte(p.Path, '/')+1])
	}
	return "/" + strings.TrimPrefix(f.Source, "static/")
}

// Card is the card partial for p, as lists show it. With the built-in
// templates a page's card is the same in every list, so it is rendered
// once per build and reused: it is html/template's own output, escaped in
// the same context it is inserted in, not a value a writer typed.
func (v *View) Card(p *site.Page) (template.HTML, error) {
	return v.cards.get(v, p)
}

// Cards is Card for each of pages, one after the other: one call for a
// whole list.
func (v *View) Cards(pages []*site.Page) (template.HTML, error) {
	cards := make([]template.HTML, len(pages))
	size := 0
	for i, p := range pages {
		h, err := v.cards.get(v, p)
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
// that read nothing else), so an item's rendering is made once per build
// and page kind and reused on every page that lists it. Themes use it for
// links to tags.
func (v *View) Each(name string, items any) (template.HTML, error) {
	list := reflect.ValueOf(items)
	if list.Kind() != reflect.Slice {
		return "", fmt.Errorf("Each %q: %T is not a list", name, items)
	}
	var b strings.Builder
	for i := range list.Len() {
		h, err := v.cards.item(v, name, list.Index(i).Interface())
		if err != nil {
			return "", err
		}
		b.WriteString(string(h))
	}
	return template.HTML(b.String()), nil
}

type itemKey struct {
	name, template string
	item           any
}

func (c *cardCache) item(v *View, name string, item any) (template.HTML, error) {
	only := &View{Site: v.Site, Template: v.Template, Item: item, cards: v.cards}
	// Only items that are pointers are kept: a pointer names one item
	// of the model, and other values need not be comparable.
	if reflect.ValueOf(item).Kind() != reflect.Pointer {
		var b bytes.Buffer
		err := c.r.run(&b, v.Template, name, only)
		return template.HTML(b.String()), err
	}
	return c.fragment(itemKey{name, v.Template, item}, name, only)
}

// Shared is the partial name as every page of one kind in one section
// shows it: the partial sees only .Site, .Section and .Template (and
// methods such as .Rel that read nothing else), so it is rendered once
// per section and kind in a build and reused. Themes use it for the
// site's header, footer and the links in every page's head.
func (v *View) Shared(name string) (template.HTML, error) {
	return v.cards.shared(v, name)
}

type sharedKey struct {
	name     string
	section  *site.Section
	template string
}

func (c *cardCache) shared(v *View, name string) (template.HTML, error) {
	only := &View{Site: v.Site, Section: v.Section, Template: v.Template, cards: v.cards}
	return c.fragment(sharedKey{name, v.Section, v.Template}, name, only)
}

// fragment is the partial name rendered with the view only, made once
// per key in this plan.
func (c *cardCache) fragment(key any, name string, only *View) (template.HTML, error) {
	c.mu.Lock()
	h, ok := c.fragments[key]
	c.mu.Unlock()
	if ok {
		return h, nil
	}
	var b bytes.Buffer
	if err := c.r.run(&b, only.Template, name, only); err != nil {
		return "", err
	}
	h = template.HTML(b.String())
	c.mu.Lock()
	if c.fragments == nil {
		c.fragments = map[any]template.HTML{}
	}
	c.fragments[key] = h
	c.mu.Unlock()
	return h, nil
}

// cardCache holds each page's card for one plan. When the plan's keys
// are computed (by a server), cards are also kept across plans in the
// Renderer, keyed by the hash of what a card shows.
type cardCache struct {
	r     *Renderer
	mu    sync.Mutex
	cards map[*site.Page]template.HTML
	// fragments are the Shared and Each partials of this plan, by
	// sharedKey and itemKey.
	fragments map[any]template.HTML
	// Set once the plan's keys are made, before any page is rendered.
	sums   map[*site.Page]uint64
	global uint64
}

func (c *cardCache) get(v *View, p *site.Page) (template.HTML, error) {
	if c.r.custom { // a theme's own card may show anything
		return c.render(v, p)
	}
	if c.sums != nil {
		key := c.global*0x9e3779b97f4a7c15 ^ c.sums[p]
		c.r.cardMu.Lock()
		h, ok := c.r.cardMemo[key]
		c.r.cardMu.Unlock()
		if ok {
			return h, nil
		}
		h, err := c.render(v, p)
		if err == nil {
			c.r.cardMu.Lock()
			if len(c.r.cardMemo) > 4*len(c.sums)+1000 { // old cards pile up as pages change
				c.r.cardMemo = map[uint64]template.HTML{}
			}
			c.r.cardMemo[key] = h
			c.r.cardMu.Unlock()
		}
		return h, err
	}
	c.mu.Lock()
	h, ok := c.cards[p]
	c.mu.Unlock()
	if ok {
		return h, nil
	}
	h, err := c.render(v, p)
	if err == nil {
		c.mu.Lock()
		c.cards[p] = h
		c.mu.Unlock()
	}
	return h, err
}

func (c *cardCache) render(v *View, p *site.Page) (template.HTML, error) {
	var b bytes.Buffer
	if err := c.r.run(&b, "list", "card", map[string]any{"V": v, "P": p}); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// Article is the schema.org Article that describes a story page to
// search engines. html/template writes it as JSON inside the script
// element, escaping <, > and & so a value can never close the element.
func (v *View) Article() *Article {
	p := v.Page
	url := v.Abs(p.URL)
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
	if p.Image != "" {
		a.Image = url + p.Image
	}
	if p.CanonicalURL != "" {
		a.MainEntity = p.CanonicalURL
	}
	for _, t := range p.Tags {
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

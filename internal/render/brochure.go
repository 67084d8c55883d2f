package render

import (
	"html/template"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/site"
)

// The brochure: /brochure/, the featured stories (front matter
// featured: true) as one document to print for a print shop or a
// sponsor meeting. A cover (the site's title, description and the day
// it was built from, the newest featured story's date, so the bytes are
// the content's alone), a table of contents linking to each story's
// section, then one story a printed page, newest first, each with its
// title, organization, authors, pull quote, photo and body. The theme's
// print rules hide the site's header, footer and search; @page sets
// margins and no paper size, so it prints on A4 and Letter alike.
//
// A story's body is shown here beside others, so it is the Markdown
// renderer's HTML parsed and written again (brochureBody): its ids and
// the links to them take the story's own prefix, so two stories'
// headings or footnotes never share an id, and its headings go one
// level down, under the story's title. No writer's value becomes markup.
//
// With no featured story the page still exists (a link to it keeps
// working) and says how to feature one; then no list links to it, the
// sitemap leaves it out and search engines are asked not to index it.
// What the page shows follows from the featured stories (Site.Featured
// records it), their bodies and pictures, as every page's reads are
// recorded, so serve renders it again when any of them changes.

// brochureURL is the brochure's address.
const brochureURL = "/brochure/"

// Brochure is the brochure as a template sees it: .Stories, the
// featured stories, newest first.
type Brochure struct {
	site Site
}

// BrochureStory is one story of the brochure: .Page, .ID (the prefix
// of its ids, the anchor of its section) and .Body, its body fit to
// stand beside the others'.
type BrochureStory struct {
	Page Page
	ID   string
	Body template.HTML
}

// Stories are the featured stories, each with its body.
func (b *Brochure) Stories() ([]BrochureStory, error) {
	pages := b.site.Featured()
	out := make([]BrochureStory, len(pages))
	for i, p := range pages {
		id := "story-" + p.Slug
		body, err := brochureBody(p.HTML(), id+":")
		if err != nil {
			return nil, err
		}
		out[i] = BrochureStory{Page: p, ID: id, Body: body}
	}
	return out, nil
}

// Highlighted reports whether a story's body has highlighted code: the
// page links the syntax stylesheet only then.
func (b *Brochure) Highlighted() bool {
	for _, p := range b.site.Featured() {
		if p.Highlighted() {
			return true
		}
	}
	return false
}

// Brochure is the brochure's URL when it has stories of sec (of any
// section, when sec is nil), or "": the list of stories links to it.
func (s Site) Brochure(sec *Section) string {
	if sec != nil && sec.Kind != content.Story {
		return "" // only stories are featured: other lists read nothing
	}
	for _, p := range s.Featured() {
		if sec == nil || p.Kind == sec.Kind {
			return brochureURL
		}
	}
	return ""
}

// brochurePage plans the brochure.
func brochurePage(s *site.Site, page func(*view, *Claim)) {
	page(&view{template: "brochure", url: brochureURL, title: "Brochure: featured stories",
		summary: "The featured stories of " + s.Config.Title + ", to print.", brochure: true}, made("the brochure"))
}

// brochureBody is body with every id and in-page link (#name) prefixed
// by prefix, its headings one level down (h6 stays h6), and its
// pictures loaded with the page, not lazily: a page printed at once
// must not wait for a scroll that never comes. The prefix
// is the story's section id and a colon, which no slug holds, so no two
// stories' ids, nor a story's and a section's, are one.
func brochureBody(body, prefix string) (template.HTML, error) {
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(body), ctx)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, n := range nodes {
		prefixIDs(n, prefix)
		if err := html.Render(&b, n); err != nil {
			return "", err
		}
	}
	// The Markdown renderer's HTML, which has raw HTML off, parsed and
	// written again: no writer's value becomes markup here.
	return template.HTML(b.String()), nil
}

// headingBelow is the heading one level below each.
var headingBelow = map[atom.Atom]atom.Atom{atom.H1: atom.H2, atom.H2: atom.H3, atom.H3: atom.H4, atom.H4: atom.H5, atom.H5: atom.H6}

// prefixIDs rewrites n and what is under it (see brochureBody).
func prefixIDs(n *html.Node, prefix string) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		prefixIDs(c, prefix)
	}
	if n.Type != html.ElementNode {
		return
	}
	if h, ok := headingBelow[n.DataAtom]; ok {
		n.DataAtom, n.Data = h, h.String()
	}
	if n.DataAtom == atom.Img {
		n.Attr = slices.DeleteFunc(n.Attr, func(a html.Attribute) bool { return a.Key == "loading" })
	}
	for i, a := range n.Attr {
		switch {
		case a.Key == "id":
			n.Attr[i].Val = prefix + a.Val
		case a.Key == "href" && strings.HasPrefix(a.Val, "#") && len(a.Val) > 1:
			n.Attr[i].Val = "#" + prefix + a.Val[1:]
		case a.Key == "aria-labelledby" || a.Key == "aria-describedby":
			names := strings.Fields(a.Val)
			for j := range names {
				names[j] = prefix + names[j]
			}
			n.Attr[i].Val = strings.Join(names, " ")
		}
	}
}

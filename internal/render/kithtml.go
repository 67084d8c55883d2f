package render

import (
	"html/template"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// standalone is a body the Markdown renderer made, fit for a page read
// from a file: a site path (/decks/intro/, as the renderer writes them,
// under the base path) becomes an address under origin, and an image
// becomes a link to it, labelled by its alt text, so the page loads
// nothing. A fragment (#heading) stays, for the page's own headings.
// It works on the parsed tree, never on the text. With no origin (a site
// without a base URL) site paths stay as they are.
func standalone(body, origin string) (template.HTML, error) {
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(body), ctx)
	if err != nil {
		return "", err
	}
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	unload(root, origin)
	var b strings.Builder
	for n := root.FirstChild; n != nil; n = n.NextSibling {
		if err := html.Render(&b, n); err != nil {
			return "", err
		}
	}
	// The Markdown renderer's HTML, which has raw HTML off, parsed and
	// written again: no writer's value becomes markup here.
	return template.HTML(b.String()), nil
}

// unload rewrites n and what is under it (see standalone).
func unload(n *html.Node, origin string) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		unload(c, origin)
		c = next
	}
	if n.Type != html.ElementNode {
		return
	}
	switch n.DataAtom {
	case atom.Source: // of a picture: the img inside it is the link
		n.Parent.RemoveChild(n)
		return
	case atom.Picture: // its img, now a link, takes its place
		for c := n.FirstChild; c != nil; c = n.FirstChild {
			n.RemoveChild(c)
			n.Parent.InsertBefore(c, n)
		}
		n.Parent.RemoveChild(n)
		return
	case atom.Img:
		alt := attr(n, "alt")
		if alt == "" {
			alt = "Image"
		}
		text := &html.Node{Type: html.TextNode, Data: alt}
		if inLink(n) { // a linked image: its text, in the link
			n.Parent.InsertBefore(text, n)
			n.Parent.RemoveChild(n)
			return
		}
		n.Data, n.DataAtom = "a", atom.A
		n.Attr = []html.Attribute{{Key: "href", Val: absolute(attr(n, "src"), origin)}}
		n.AppendChild(text)
		return
	}
	for i, a := range n.Attr {
		if a.Key == "href" {
			n.Attr[i].Val = absolute(a.Val, origin)
		}
	}
}

// absolute is a site path under origin; any other address as it is.
func absolute(u, origin string) string {
	if strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//") {
		return origin + u
	}
	return u
}

// inLink reports whether n is inside a link.
func inLink(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.DataAtom == atom.A {
			return true
		}
	}
	return false
}

// attr is the value of n's attribute key, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

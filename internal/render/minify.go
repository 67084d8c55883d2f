package render

import (
	"html/template"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// NewMinifier returns the minifier for every media type a site has. HTML
// keeps its document tags, end tags and attribute quotes: a page still
// reads as written when viewed as source, and whitespace is most of what
// there is to save.
func NewMinifier() *minify.M {
	return newMinifier(&html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true})
}

func newMinifier(h *html.Minifier) *minify.M {
	m := minify.New()
	m.Add(HTML, h)
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFunc("application/json", json.Minify)
	m.AddFunc(XML, xml.Minify)
	return m
}

// parseMinified parses the templates minified, with the same settings
// as pages, leaving every {{action}} as it is. What a template writes
// around its actions is then minified once per build rather than on every
// page, and what actions insert needs nothing more: html/template escapes
// writers' values without adding space, partials come from minified
// templates, and bodies come minified from the Markdown renderer of a
// build that minifies. Should the minified templates not parse, which
// would be a fault of the minifier, pages are made as written: larger by
// about one per cent, but right.
func (r *Renderer) parseMinified(srcs []templateFile) map[string]*template.Template {
	m := newMinifier(&html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true,
		TemplateDelims: [2]string{"{{", "}}"}})
	small := make([]templateFile, len(srcs))
	for i, f := range srcs {
		s, err := m.String(HTML, f.src)
		if err != nil {
			return r.source
		}
		small[i] = templateFile{f.name, s}
	}
	sets, err := r.parse(small)
	if err != nil {
		return r.source
	}
	return sets
}

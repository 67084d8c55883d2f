package render

import (
	"net/url"
	"strings"

	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/site"
)

// Rel is the link to a site path, under the base URL's path.
func (v *View) Rel(p string) string { return v.Site.BasePath() + strings.TrimPrefix(p, "/") }

// Abs is the absolute URL of a site path.
func (v *View) Abs(p string) string { return absURL(v.Site, p) }

// FileURL is the site path of a deck's or guide's file.
func (v *View) FileURL(p *site.Page, f content.File) string { return fileURL(p, f) }

func absURL(s *site.Site, p string) string {
	u, err := url.Parse(s.Config.BaseURL)
	if err != nil {
		return p
	}
	return u.Scheme + "://" + u.Host + s.BasePath() + strings.TrimPrefix(p, "/")
}

func fileURL(p *site.Page, f content.File) string {
	if f.Bundled {
		return p.URL + strings.TrimPrefix(f.Source, p.Path[:strings.LastIndexByte(p.Path, '/')+1])
	}
	return "/" + strings.TrimPrefix(f.Source, "static/")
}

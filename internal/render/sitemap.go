package render

import (
	"bytes"
	"encoding/xml"
	"slices"
	"strings"

	"github.com/storyhub/storyhub/internal/site"
)

type urlset struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// sitemap lists every HTML page a search engine should see: the home
// page, section and tag lists, entries, communities, people and events,
// the newsletter's months, the numbers, the brochure when it has
// stories, each list's first page (not aliases).
func sitemap(sv Site, buf *bytes.Buffer) error {
	s := sv.siteSite
	set := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	add := func(p, lastmod string) { set.URLs = append(set.URLs, sitemapURL{Loc: absURL(s, p), LastMod: lastmod}) }

	add("/", "")
	for _, sec := range sv.Sections() {
		add(sec.URL, "")
	}
	for _, p := range sv.Dated() {
		u := sitemapURL{Loc: p.Permalink}
		if !p.Date.IsZero() { // a group has no date
			u.LastMod = p.Date.UTC().Format("2006-01-02")
		}
		set.URLs = append(set.URLs, u)
	}
	add(site.TagsURL, "")
	for _, t := range sv.Tags() {
		add(t.URL, "")
	}
	add(site.CommunitiesURL, "")
	for _, c := range sv.Communities() {
		add(c.URL, "")
	}
	add(site.PeopleURL, "")
	for _, x := range sv.People() {
		add(escapedPath(x.URL), "")
	}
	add(site.EventsURL, "")
	for _, e := range sv.Events() {
		add(escapedPath(e.URL), "")
	}
	add(site.NewsletterURL, "")
	for _, m := range sv.NewsletterMonths() {
		add(m.URL, "")
	}
	add(site.StatsURL, "")
	if u := sv.Brochure(nil); u != "" {
		add(u, "")
	}
	slices.SortFunc(set.URLs, func(a, b sitemapURL) int { return strings.Compare(a.Loc, b.Loc) })
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(buf)
	if err := enc.Encode(set); err != nil {
		return err
	}
	buf.WriteByte('\n')
	return enc.Close()
}

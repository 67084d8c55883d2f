package render

import (
	"bytes"
	"slices"
	"strings"

	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/feed"
	"github.com/storyhub/storyhub/internal/site"
)

// feeds lists the RSS feeds of the whole site, each section and each tag,
// and the site's Atom feed.
func (r *Renderer) feeds(s *site.Site, keys func() (uint64, map[*site.Page]uint64)) []Output {
	var outs []Output
	add := func(outPath, title, desc, pageURL string, pages []*site.Page, what string) {
		ch := channel(s, title, desc, pageURL, "/"+outPath, pages)
		outs = append(outs, Output{Path: outPath, MediaType: Feed,
			Render: func(buf *bytes.Buffer) error {
				return feed.RSS(buf, ch())
			},
			Key: func() uint64 {
				global, cards := keys()
				return r.feedKey(global, cards, "rss"+title, desc, pageURL, pages, s.Config.FeedLimit)
			},
			Bodies: newestPages(pages, s.Config.FeedLimit),
			Claim:  made(what),
		})
	}
	add("feed.xml", s.Config.Title, s.Config.Description, "/", s.Pages, "the site's RSS feed")
	for _, sec := range s.Sections {
		pages := sec.Pages
		if sec.Kind == content.Guide || sec.Kind == content.TalkingPoints {
			// Shown in reading order; a feed is newest first.
			pages = slices.Clone(pages)
			site.SortNewestFirst(pages)
		}
		add(strings.TrimPrefix(sec.URL, "/")+"feed.xml", sec.Title+" · "+s.Config.Title, sectionSummary(sec), sec.URL, pages, "the RSS feed of "+listName(sec))
	}
	for _, t := range s.Tags {
		add(strings.TrimPrefix(t.URL, "/")+"feed.xml", "Tagged "+t.Name+" · "+s.Config.Title, "Entries tagged "+t.Name+".", t.URL, t.Pages, "the RSS feed of tag "+t.Name)
	}
	atom := channel(s, s.Config.Title, s.Config.Description, "/", "/atom.xml", s.Pages)
	outs = append(outs, Output{Path: "atom.xml", MediaType: Feed,
		Render: func(buf *bytes.Buffer) error {
			return feed.Atom(buf, atom())
		},
		Key: func() uint64 {
			global, cards := keys()
			return r.feedKey(global, cards, "atom"+s.Config.Title, s.Config.Description, "/", s.Pages, s.Config.FeedLimit)
		},
		Bodies: newestPages(s.Pages, s.Config.FeedLimit),
		Claim:  made("the site's Atom feed"),
	})
	return outs
}

// channel describes a feed of the newest pages; it is computed when the
// feed is rendered, so its items are made in parallel with other outputs.
func channel(s *site.Site, title, desc, pageURL, feedURL string, pages []*site.Page) func() feed.Channel {
	return func() feed.Channel {
		ch := feed.Channel{
			Title:       title,
			Description: desc,
			Link:        absURL(s, pageURL),
			FeedURL:     absURL(s, feedURL),
			Language:    s.Config.Language,
		}
		full, origin := s.Config.FeedFullContent == nil || *s.Config.FeedFullContent, s.Origin()
		for _, p := range newestPages(pages, s.Config.FeedLimit) {
			link := absURL(s, p.URL)
			it := feed.Item{
				Title:     p.Title,
				Link:      link,
				ID:        link,
				Published: p.Date,
				Summary:   p.Summary,
			}
			if full {
				it.Content = absoluteLinks(p.HTML, origin)
			}
			// Two loops, not append(p.Authors, ...): that could write into
			// the spare room of the page's own slice while other feeds read it.
			for _, a := range p.Authors {
				it.Authors = append(it.Authors, a.Name)
			}
			for _, a := range p.Speakers {
				it.Authors = append(it.Authors, a.Name)
			}
			for _, t := range p.Tags {
				it.Categories = append(it.Categories, t.Name)
			}
			if len(p.Files) > 0 {
				f := p.Files[0]
				it.Enclosure = &feed.Enclosure{URL: absURL(s, fileURL(p, f)), Length: f.Size, Type: f.MediaType}
			}
			ch.Items = append(ch.Items, it)
			if p.Date.After(ch.Updated) {
				ch.Updated = p.Date
			}
		}
		return ch
	}
}

// newestPages returns the first n pages of a list that is newest first.
func newestPages(pages []*site.Page, n int) []*site.Page {
	return pages[:min(n, len(pages))]
}

// absoluteLinks makes the site paths in rendered Markdown absolute, since
// feed readers show an item away from the site. Minified, the Markdown
// may have quotes in text (a code sample with ` href="/`), but never a
// bare "<": so ` href="/` or ` src="/` begins an attribute only inside a
// tag, after a "<" with no ">" since. A link's href and an image's src
// are the first attribute the renderer writes, so no earlier value (an
// alt text with a ">") can hide one.
func absoluteLinks(body, origin string) string {
	var out strings.Builder
	out.Grow(len(body) + 8*len(origin))
	for {
		i := indexAttr(body)
		if i < 0 {
			out.WriteString(body)
			return out.String()
		}
		out.WriteString(body[:i])
		out.WriteString(origin)
		body = body[i:]
	}
}

// indexAttr returns the offset of the "/" that starts a site path in an
// href or src attribute, or -1.
func indexAttr(s string) int {
	for off := 0; ; {
		i := strings.Index(s[off:], `="/`)
		if i < 0 {
			return -1
		}
		name, slash := s[:off+i], off+i+2
		siteRelative := slash+1 == len(s) || s[slash+1] != '/' // not //host/
		if siteRelative && (strings.HasSuffix(name, " href") || strings.HasSuffix(name, " src")) &&
			strings.LastIndexByte(name, '<') > strings.LastIndexByte(name, '>') {
			return slash
		}
		off = slash + 1
	}
}

package render

import (
	"bytes"
	"strings"

	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/feed"
	"github.com/storyhub/storyhub/internal/site"
)

// feeds lists the RSS feeds of the whole site, each section of a kind
// with a feed and each tag, and the site's Atom feed. Each reads its
// list through the model's methods when it is rendered, so what it
// shows is recorded.
func (r *Renderer) feeds(s *site.Site) []Output {
	var outs []Output
	add := func(outPath, title, desc, pageURL, what string, atom bool, list func(Site) []Page) {
		outs = append(outs, feedOutput(s, outPath, title, desc, pageURL, what, atom, list))
	}
	all := func(sv Site) []Page { return sv.Pages() }
	add("feed.xml", s.Config.Title, s.Config.Description, "/", "the site's RSS feed", false, all)
	for _, sec := range s.Sections {
		kind := &s.Kinds[sec.Kind]
		if !kind.Feed {
			continue
		}
		reorder := kind.Order != content.NewestFirst
		add(strings.TrimPrefix(sec.URL, "/")+"feed.xml", sec.Title+" · "+s.Config.Title, sec.Summary, sec.URL, "the RSS feed of "+listName(sec), false,
			func(sv Site) []Page {
				pages := sectionOf(sec, sv.rec).Pages()
				if !reorder {
					return pages
				}
				// Shown in reading order; a feed is newest first.
				ps := make([]*site.Page, len(pages))
				for i, p := range pages {
					ps[i] = p.sitePage
				}
				site.SortNewestFirst(ps)
				return pagesOf(ps, sv.rec)
			})
	}
	for _, t := range s.Tags {
		add(strings.TrimPrefix(t.URL, "/")+"feed.xml", "Tagged "+t.Name+" · "+s.Config.Title, "Entries tagged "+t.Name+".", t.URL, "the RSS feed of tag "+t.Name, false,
			func(sv Site) []Page { return tagOf(t, sv.rec).Pages() })
	}
	add("atom.xml", s.Config.Title, s.Config.Description, "/", "the site's Atom feed", true, all)
	return outs
}

// feedOutput is the feed at outPath of the newest pages of list, RSS or
// Atom; what names it in messages.
func feedOutput(s *site.Site, outPath, title, desc, pageURL, what string, atom bool, list func(Site) []Page) Output {
	return Output{Path: outPath, MediaType: Feed,
		render: func(buf *bytes.Buffer, _ *Pass, rec *recorder) error {
			ch := channel(siteOf(s, rec), title, desc, pageURL, "/"+outPath, list)
			if atom {
				return feed.Atom(buf, ch)
			}
			return feed.RSS(buf, ch)
		},
		Claim: made(what),
	}
}

// channel describes a feed of the newest pages of list.
func channel(sv Site, title, desc, pageURL, feedURL string, list func(Site) []Page) feed.Channel {
	s := sv.siteSite
	ch := feed.Channel{
		Title:       title,
		Description: desc,
		Link:        absURL(s, pageURL),
		FeedURL:     absURL(s, feedURL),
		Language:    s.Config.Language,
	}
	full, origin := s.Config.FeedFullContent == nil || *s.Config.FeedFullContent, s.Origin()
	pages := list(sv)
	for _, p := range pages[:min(s.Config.FeedLimit, len(pages))] {
		link := p.Permalink
		it := feed.Item{
			Title:     p.Title,
			Link:      link,
			ID:        link,
			Published: p.Date,
			Summary:   p.Summary,
		}
		if full {
			it.Content = absoluteLinks(p.HTML(), origin)
		}
		// Two loops, not append(p.Authors, ...): that could write into
		// the spare room of the page's own slice while other feeds read it.
		for _, a := range p.Authors {
			it.Authors = append(it.Authors, a.Name)
		}
		for _, a := range p.Speakers {
			it.Authors = append(it.Authors, a.Name)
		}
		for _, t := range p.Tags() {
			it.Categories = append(it.Categories, t.Name)
		}
		// The first file the hub serves: a hosted one has no length or
		// type a podcast client could trust.
		for _, f := range p.Files {
			if !f.Hosted() {
				it.Enclosure = &feed.Enclosure{URL: absURL(s, p.sitePage.FileURL(f)), Length: f.Size, Type: f.MediaType}
				break
			}
		}
		ch.Items = append(ch.Items, it)
		if p.Date.After(ch.Updated) {
			ch.Updated = p.Date
		}
	}
	return ch
}

// absoluteLinks makes the site paths in rendered Markdown absolute, since
// feed readers show an item away from the site. Minified, the Markdown
// may have quotes in text (a code sample with ` href="/`), but never a
// bare "<": so ` href="/` or ` src="/` begins an attribute only inside a
// tag, after a "<" with no ">" since. A link's href and an image's src
// are the first attribute the renderer writes, so no earlier value (an
// alt text with a ">") can hide one.
func absoluteLinks(body, origin string) string {
	if indexAttr(body) < 0 { // most bodies: nothing to change, nothing to copy
		return body
	}
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

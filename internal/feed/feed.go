// Package feed writes RSS 2.0 and Atom 1.0 documents from a neutral
// description of a channel. Documents are encoding/xml structs (never text
// templates), so every value is escaped by the encoder; output is
// deterministic for the same input.
//
// Every value of a Channel but Item.Content is plain text. RSS readers
// render a description as HTML, so there a plain-text value is escaped as
// HTML before the encoder escapes it as XML: a summary reading
// "<svg onload=…>" reaches the reader as those characters, never as an
// element. Titles, names and categories are plain text in RSS as in Atom
// (whose summary is type="text"), and are escaped once.
//
// A reader shows an item away from its page, where a link to a fragment
// resolves against the feed's address: so Content's heading anchors
// (<a href="#id" class="anchor">, as internal/markdown writes them) are
// dropped, and its other links to a fragment (footnotes and their
// back-links) point into the item's Link.
package feed

import (
	"bytes"
	"encoding/xml"
	"html"
	"strings"
	"time"
	"unicode/utf8"
)

// Channel is a format-neutral description of a feed.
type Channel struct {
	Title       string
	Description string
	Link        string    // absolute URL of the HTML page the feed describes
	FeedURL     string    // absolute URL of this feed document itself (rel="self")
	Language    string    // e.g. "en"
	Updated     time.Time // newest item's date; zero if no items
	Items       []Item
}

// Item is one entry of a Channel.
type Item struct {
	Title      string
	Link       string // absolute URL
	ID         string // stable id; RSS guid (isPermaLink="true" when equal to Link), Atom id
	Published  time.Time
	Updated    time.Time // zero means same as Published
	Summary    string    // plain text
	Content    string    // sanitized HTML fragment (may be empty: then only Summary is used)
	Authors    []string
	Categories []string
	Enclosure  *Enclosure
}

// Enclosure is a media file attached to an Item.
type Enclosure struct {
	URL    string // absolute
	Length int64
	Type   string // media type
}

const (
	generator = "storyhub"

	nsAtom    = "http://www.w3.org/2005/Atom"
	nsContent = "http://purl.org/rss/1.0/modules/content/"
	nsDC      = "http://purl.org/dc/elements/1.1/"
)

// Prefixed names ("atom:link", "xmlns:dc") are written literally rather than
// through encoding/xml's namespace support, which would emit a default
// xmlns on every such element instead of one declaration on the root.

type rssDoc struct {
	XMLName      xml.Name   `xml:"rss"`
	Version      string     `xml:"version,attr"`
	XMLNSAtom    string     `xml:"xmlns:atom,attr"`
	XMLNSContent string     `xml:"xmlns:content,attr"`
	XMLNSDC      string     `xml:"xmlns:dc,attr"`
	Channel      rssChannel `xml:"channel"`
}

type rssChannel struct {
	// title, link and description are required by RSS 2.0, so never omitted.
	Title         string       `xml:"title"`
	Link          string       `xml:"link"`
	Description   string       `xml:"description"`
	AtomLink      *rssAtomLink `xml:"atom:link"`
	Language      string       `xml:"language,omitempty"`
	LastBuildDate string       `xml:"lastBuildDate,omitempty"`
	Generator     string       `xml:"generator"`
	Items         []rssItem    `xml:"item"`
}

type rssAtomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

type rssItem struct {
	Title       string        `xml:"title,omitempty"`
	Link        string        `xml:"link,omitempty"`
	GUID        *rssGUID      `xml:"guid"`
	PubDate     string        `xml:"pubDate,omitempty"`
	Description string        `xml:"description,omitempty"`
	Content     *cdata        `xml:"content:encoded"`
	Creators    []string      `xml:"dc:creator"`
	Categories  []string      `xml:"category"`
	Enclosure   *rssEnclosure `xml:"enclosure"`
}

type rssGUID struct {
	IsPermaLink bool   `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

type rssEnclosure struct {
	URL    string `xml:"url,attr"`
	Length int64  `xml:"length,attr"` // required by RSS 2.0, even when 0
	Type   string `xml:"type,attr"`
}

// RSS writes ch to w as an RSS 2.0 document.
func RSS(w *bytes.Buffer, ch Channel) error {
	doc := rssDoc{
		Version:      "2.0",
		XMLNSAtom:    nsAtom,
		XMLNSContent: nsContent,
		XMLNSDC:      nsDC,
		Channel: rssChannel{
			Title:         clean(ch.Title),
			Link:          clean(ch.Link),
			Description:   textHTML(ch.Description),
			Language:      clean(ch.Language),
			LastBuildDate: rssDate(ch.Updated),
			Generator:     generator,
		},
	}
	if ch.FeedURL != "" {
		doc.Channel.AtomLink = &rssAtomLink{Href: clean(ch.FeedURL), Rel: "self", Type: "application/rss+xml"}
	}
	for _, it := range ch.Items {
		ri := rssItem{
			Title:       clean(it.Title),
			Link:        clean(it.Link),
			PubDate:     rssDate(it.Published),
			Description: textHTML(it.Summary),
			Content:     newCDATA(content(it.Content, it.Link)),
			Creators:    cleanAll(it.Authors),
			Categories:  cleanAll(it.Categories),
		}
		if it.ID != "" {
			ri.GUID = &rssGUID{IsPermaLink: it.ID == it.Link, Value: clean(it.ID)}
		}
		if e := it.Enclosure; e != nil {
			ri.Enclosure = &rssEnclosure{URL: clean(e.URL), Length: e.Length, Type: clean(e.Type)}
		}
		doc.Channel.Items = append(doc.Channel.Items, ri)
	}
	return marshal(w, doc, sizeHint(ch))
}

type atomFeed struct {
	XMLName  xml.Name    `xml:"feed"`
	XMLNS    string      `xml:"xmlns,attr"`
	Lang     string      `xml:"xml:lang,attr,omitempty"`
	ID       string      `xml:"id"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	Updated  string      `xml:"updated"`
	Links    []atomLink  `xml:"link"`
	Author   *atomPerson `xml:"author"`
	Entries  []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel    string `xml:"rel,attr"`
	Href   string `xml:"href,attr"`
	Type   string `xml:"type,attr,omitempty"`
	Length int64  `xml:"length,attr,omitempty"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

type atomText struct {
	Type  string `xml:"type,attr"`
	Value string `xml:",chardata"`
}

// atomHTML is HTML content, as CDATA.
type atomHTML struct {
	Type  string `xml:"type,attr"`
	Value string `xml:",cdata"`
}

// cdata is an element whose text is written as CDATA: item content is
// HTML, and escaping every < and & of every item of every feed was most
// of the time spent on feeds (encoding/xml splits a "]]>" in the text).
type cdata struct {
	Value string `xml:",cdata"`
}

// newCDATA is the content s, cleaned, or nil when there is none.
func newCDATA(s string) *cdata {
	if s == "" {
		return nil
	}
	return &cdata{clean(s)}
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      string         `xml:"title"`
	Links      []atomLink     `xml:"link"`
	Published  string         `xml:"published,omitempty"`
	Updated    string         `xml:"updated"`
	Authors    []atomPerson   `xml:"author"`
	Categories []atomCategory `xml:"category"`
	Summary    *atomText      `xml:"summary"`
	Content    *atomHTML      `xml:"content"`
}

// Atom writes ch to w as an Atom 1.0 document.
func Atom(w *bytes.Buffer, ch Channel) error {
	doc := atomFeed{
		XMLNS:    nsAtom,
		Lang:     clean(ch.Language),
		ID:       clean(ch.Link),
		Title:    clean(ch.Title),
		Subtitle: clean(ch.Description),
		Updated:  atomDate(ch.Updated),
	}
	if ch.Link != "" {
		doc.Links = append(doc.Links, atomLink{Rel: "alternate", Href: clean(ch.Link), Type: "text/html"})
	}
	if ch.FeedURL != "" {
		doc.Links = append(doc.Links, atomLink{Rel: "self", Href: clean(ch.FeedURL), Type: "application/atom+xml"})
	}
	for _, it := range ch.Items {
		updated := it.Updated
		if updated.IsZero() {
			updated = it.Published
		}
		e := atomEntry{
			ID:      clean(it.ID),
			Title:   clean(it.Title),
			Updated: atomDate(updated),
		}
		if e.ID == "" {
			// atom:id is required; the link is the next most stable identifier.
			e.ID = clean(it.Link)
		}
		if !it.Published.IsZero() {
			e.Published = atomDate(it.Published)
		}
		if it.Link != "" {
			e.Links = append(e.Links, atomLink{Rel: "alternate", Href: clean(it.Link), Type: "text/html"})
		}
		if enc := it.Enclosure; enc != nil {
			e.Links = append(e.Links, atomLink{Rel: "enclosure", Href: clean(enc.URL), Type: clean(enc.Type), Length: enc.Length})
		}
		for _, a := range it.Authors {
			e.Authors = append(e.Authors, atomPerson{Name: clean(a)})
		}
		if len(e.Authors) == 0 {
			// Atom requires an author per entry, inherited from the feed
			// when the entry has none.
			doc.Author = &atomPerson{Name: clean(ch.Title)}
		}
		for _, c := range it.Categories {
			e.Categories = append(e.Categories, atomCategory{Term: clean(c)})
		}
		if it.Summary != "" {
			e.Summary = &atomText{Type: "text", Value: clean(it.Summary)}
		}
		if it.Content != "" {
			e.Content = &atomHTML{Type: "html", Value: clean(content(it.Content, it.Link))}
		}
		doc.Entries = append(doc.Entries, e)
	}
	return marshal(w, doc, sizeHint(ch))
}

// marshal writes a document without indentation: feeds are published as
// they are, since an XML minifier's time grows with the square of a text
// full of entities, as full HTML content is.
func marshal(w *bytes.Buffer, v any, size int) error {
	w.Grow(size)
	w.WriteString(xml.Header)
	if err := xml.NewEncoder(w).Encode(v); err != nil {
		return err
	}
	w.WriteByte('\n')
	return nil
}

// sizeHint guesses a feed's encoded size, so the buffer grows once:
// content goes in as CDATA, as long as it was.
func sizeHint(ch Channel) int {
	n := 2048
	for _, it := range ch.Items {
		n += 512 + len(it.Title) + len(it.Summary) + len(it.Content)
	}
	return n
}

// rssDate formats t as RFC 1123Z in UTC so output does not depend on the
// build machine's zone; zero yields "" so the element is omitted.
func rssDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC1123Z)
}

// atomDate formats t as RFC 3339 in UTC. Atom requires updated dates, so a
// zero time becomes the Unix epoch rather than an empty element.
func atomDate(t time.Time) string {
	if t.IsZero() {
		t = time.Unix(0, 0)
	}
	return t.UTC().Format(time.RFC3339)
}

// clean removes what XML 1.0 cannot carry: invalid UTF-8 and characters
// outside the Char production. encoding/xml would turn them into U+FFFD,
// which keeps the document well-formed but alters the visible text.
func clean(s string) string {
	if legalXML(s) {
		return s // common case: nothing to strip, no allocation
	}
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !xmlChar(r, n) {
			break
		}
		i += n
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if xmlChar(r, n) {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// legalXML reports whether every character of s is a legal XML 1.0
// Char, quickly: in valid UTF-8 the only illegal ones are C0 controls but
// tab, line feed and carriage return, and U+FFFE and U+FFFF.
func legalXML(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return utf8.ValidString(s) && !strings.Contains(s, "\uFFFE") && !strings.Contains(s, "\uFFFF")
}

// xmlChar reports whether the rune r, decoded from n bytes, is a legal XML
// 1.0 Char. A RuneError of width 1 is an invalid byte, not a real U+FFFD.
func xmlChar(r rune, n int) bool {
	switch {
	case r == utf8.RuneError && n == 1:
		return false
	case r == 0x09 || r == 0x0A || r == 0x0D:
		return true
	case r < 0x20:
		return false
	case r <= 0xD7FF:
		return true
	case r < 0xE000:
		return false // surrogates; unreachable from valid UTF-8 but cheap to state
	case r <= 0xFFFD:
		return true
	case r < 0x10000:
		return false // U+FFFE, U+FFFF
	default:
		return r <= utf8.MaxRune
	}
}

// textHTML is plain text s as the HTML that an RSS description holds.
func textHTML(s string) string { return html.EscapeString(clean(s)) }

func cleanAll(ss []string) []string {
	if len(ss) == 0 {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = clean(s)
	}
	return out
}

// content is an item's HTML with its fragment links taken care of (see
// the package comment). Content is rendered Markdown, where a "<" is
// always a tag's, and a link's href is its first attribute.
func content(s, link string) string {
	const open = `<a href="#`
	if link == "" || !strings.Contains(s, open) {
		return s
	}
	page, _, _ := strings.Cut(link, "#")
	var out strings.Builder
	out.Grow(len(s) + 4*len(page))
	for {
		i := strings.Index(s, open)
		if i < 0 {
			out.WriteString(s)
			return out.String()
		}
		end := strings.IndexByte(s[i:], '>')
		if end < 0 {
			out.WriteString(s)
			return out.String()
		}
		tag := s[i : i+end+1]
		if strings.Contains(tag, ` class="anchor"`) {
			if close := strings.Index(s[i:], "</a>"); close >= 0 {
				out.WriteString(s[:i])
				s = s[i+close+len("</a>"):]
				continue
			}
		}
		out.WriteString(s[:i+len(open)-1])
		out.WriteString(page)
		s = s[i+len(open)-1:]
	}
}

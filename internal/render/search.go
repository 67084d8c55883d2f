package render

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/storyhub/storyhub/internal/site"
)

// JSON is the media type of the search index.
const JSON = "application/json"

// SearchIndexPath is where the search index is written; the search page's
// script (static/js/search.js) loads it from there.
const SearchIndexPath = searchFolder + "index.json"

// searchFolder holds the search page and its index.
const searchFolder = "search/"

// searchIndex is the search index, /search/index.json. Names that repeat
// (kinds, communities, tags) are listed once and referred to by their
// position, which keeps the file small:
//
//	{"v":1,
//	 "kinds":["story","deck","talking-points","guide"],
//	 "communities":["Education", ...],
//	 "tags":["python", ...],
//	 "pages":[[url, title, summary, kind, community, [tag, ...], [person, ...]], ...]}
//
// In a page, url is the link to it (under the base URL's path), kind
// indexes kinds, community indexes communities or is -1 for none, each
// tag indexes tags, and people are the names of its authors and speakers.
// Pages are in the order of Site.Pages: newest first.
type searchIndex struct {
	V           int
	Kinds       []string
	Communities []string
	Tags        []string
	Pages       []searchEntry
}

// searchEntry is one page of the index, encoded as an array.
type searchEntry struct {
	URL, Title, Summary string
	Kind, Community     int
	Tags                []int
	People              []string
}

// write appends the index as JSON, each entry an array. (Arrays of
// values, not a MarshalJSON method: encoding/json validates again what
// such a method returns, which made the index the dearest output of a
// rebuild.)
func (idx *searchIndex) write(buf *bytes.Buffer) error {
	pages := make([][]any, len(idx.Pages))
	for i, e := range idx.Pages {
		pages[i] = []any{e.URL, e.Title, e.Summary, e.Kind, e.Community, e.Tags, e.People}
	}
	return json.NewEncoder(buf).Encode(struct {
		V           int      `json:"v"`
		Kinds       []string `json:"kinds"`
		Communities []string `json:"communities"`
		Tags        []string `json:"tags"`
		Pages       [][]any  `json:"pages"`
	}{idx.V, idx.Kinds, idx.Communities, idx.Tags, pages})
}

// newSearchIndex lists every published page of the site.
func newSearchIndex(sv Site) *searchIndex {
	pages := sv.Pages()
	idx := &searchIndex{V: 1, Communities: []string{}, Tags: []string{}, Pages: make([]searchEntry, 0, len(pages))}
	for _, k := range sv.Kinds {
		idx.Kinds = append(idx.Kinds, k.Name)
	}
	communities := map[*site.Community]int{}
	for i, c := range sv.Communities() {
		communities[c.siteCommunity] = i
		idx.Communities = append(idx.Communities, c.Name)
	}
	tags := map[*site.Tag]int{}
	for i, t := range sv.Tags() {
		tags[t.siteTag] = i
		idx.Tags = append(idx.Tags, t.Name)
	}
	base := sv.BasePath() // as View.Rel
	for _, p := range pages {
		e := searchEntry{URL: base + strings.TrimPrefix(p.URL, "/"), Title: p.Title, Summary: p.Summary, Kind: int(p.Kind), Community: -1, Tags: []int{}, People: []string{}}
		if c := p.Community(); c != nil {
			e.Community = communities[c.siteCommunity]
		}
		for _, t := range p.Tags() {
			e.Tags = append(e.Tags, tags[t.siteTag])
		}
		for _, a := range p.Authors {
			e.People = append(e.People, a.Name)
		}
		for _, a := range p.Speakers {
			e.People = append(e.People, a.Name)
		}
		idx.Pages = append(idx.Pages, e)
	}
	return idx
}

// searchOutput is the search index: one file, loaded by the search page
// alone.
func searchOutput(s *site.Site) Output {
	return Output{Path: SearchIndexPath, MediaType: JSON,
		render: func(buf *bytes.Buffer, _ *Pass, rec *recorder) error {
			// encoding/json escapes <, >, & and U+2028/U+2029, so the
			// index is safe wherever it ends up.
			return newSearchIndex(siteOf(s, rec)).write(buf)
		},
		Claim: made("the search index"),
	}
}

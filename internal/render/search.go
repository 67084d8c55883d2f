package render

import (
	"bytes"
	"encoding/json"
	"hash/maphash"
	"strings"

	"github.com/storyhub/storyhub/internal/content"
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

// newSearchIndex lists every published page of s.
func newSearchIndex(s *site.Site) *searchIndex {
	idx := &searchIndex{V: 1, Communities: []string{}, Tags: []string{}, Pages: make([]searchEntry, 0, len(s.Pages))}
	for _, k := range content.Kinds() {
		idx.Kinds = append(idx.Kinds, k.Name())
	}
	communities := map[*site.Community]int{}
	for i, c := range s.Communities {
		communities[c] = i
		idx.Communities = append(idx.Communities, c.Name)
	}
	tags := map[*site.Tag]int{}
	for i, t := range s.Tags {
		tags[t] = i
		idx.Tags = append(idx.Tags, t.Name)
	}
	base := s.BasePath() // as View.Rel
	for _, p := range s.Pages {
		e := searchEntry{URL: base + strings.TrimPrefix(p.URL, "/"), Title: p.Title, Summary: p.Summary, Kind: int(p.Kind), Community: -1, Tags: []int{}, People: []string{}}
		if c, ok := communities[p.Community]; ok {
			e.Community = c
		}
		for _, t := range p.Tags {
			e.Tags = append(e.Tags, tags[t])
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

// searchOutput is the search index: one file, loaded by the
// search page alone. It shows no bodies, so it has no Bodies.
func (r *Renderer) searchOutput(s *site.Site, keys func() (uint64, map[*site.Page]uint64)) Output {
	return Output{Path: SearchIndexPath, MediaType: JSON,
		Render: func(buf *bytes.Buffer) error {
			// encoding/json escapes <, >, & and U+2028/U+2029, so the
			// index is safe wherever it ends up.
			return newSearchIndex(s).write(buf)
		},
		Key: func() uint64 {
			global, cards := keys()
			return r.searchKey(global, cards, s)
		},
		Claim: made("the search index"),
	}
}

// searchKey hashes what the search index shows: every page's card data
// (URL, title, summary, kind, community), its tags and its people, and
// the lists of communities and tags.
func (r *Renderer) searchKey(global uint64, cards map[*site.Page]uint64, s *site.Site) uint64 {
	var h maphash.Hash
	h.SetSeed(r.seed)
	d := digest{&h, cards}
	d.num(int64(global))
	d.str("search")
	d.num(int64(len(s.Communities)))
	for _, c := range s.Communities {
		d.str(c.Name)
	}
	d.num(int64(len(s.Tags)))
	for _, t := range s.Tags {
		d.str(t.Name)
	}
	d.num(int64(len(s.Pages)))
	for _, p := range s.Pages {
		d.card(p)
		d.num(int64(len(p.Tags)))
		for _, t := range p.Tags {
			d.str(t.Name)
		}
		d.num(int64(len(p.Authors) + len(p.Speakers)))
		for _, a := range p.Authors {
			d.str(a.Name)
		}
		for _, a := range p.Speakers {
			d.str(a.Name)
		}
	}
	return h.Sum64()
}

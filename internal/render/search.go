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

// The search index, /search/index.json. Names that repeat (kinds,
// communities, tags) are listed once and referred to by their position,
// which keeps the file small:
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
// Pages are in the order of Site.Pages: newest first. Each page's entry
// is made once and kept (a piece, like a card) while what it shows is
// unchanged, so an edit makes one entry again, not ten thousand.

// searchOutput is the search index: one file, loaded by the search page
// alone.
func searchOutput(s *site.Site) Output {
	return Output{Path: SearchIndexPath, MediaType: JSON,
		render: func(buf *bytes.Buffer, pass *Pass, rec *recorder) error {
			if rec != nil { // it reads every page: one read of each kind
				rec.wide = true
			}
			return writeSearchIndex(buf, siteOf(s, rec), pass)
		},
		Claim: made("the search index"),
	}
}

// searchKey names a page's entry among the pieces of a pass.
type searchKey struct{ page string }

func writeSearchIndex(buf *bytes.Buffer, sv Site, pass *Pass) error {
	var kinds []string
	for _, k := range sv.Kinds {
		kinds = append(kinds, k.Name)
	}
	communities := map[string]int{}
	names := []string{}
	for i, c := range sv.Communities() {
		communities[c.Slug] = i
		names = append(names, c.Name)
	}
	tags := map[string]int{}
	tagNames := []string{}
	for i, t := range sv.Tags() {
		tags[t.Slug] = i
		tagNames = append(tagNames, t.Name)
	}
	// encoding/json escapes <, >, & and U+2028/U+2029, so the index is
	// safe wherever it ends up.
	head, err := json.Marshal(struct {
		V           int      `json:"v"`
		Kinds       []string `json:"kinds"`
		Communities []string `json:"communities"`
		Tags        []string `json:"tags"`
	}{1, kinds, names, tagNames})
	if err != nil {
		return err
	}
	buf.Write(head[:len(head)-1])
	buf.WriteString(`,"pages":[`)
	base := sv.BasePath() // as View.Rel
	for i, p := range sv.Pages() {
		entry, err := pieceFor(pass, pass.entries, searchKey{p.Path}, sv.rec, func(own *recorder) (string, error) {
			// The positions of its tags and community are in the lists.
			own.add(dep{siteTags, ""})
			own.add(dep{siteCommunities, ""})
			q := pageOf(p.sitePage, own)
			community := -1
			if c := q.Community(); c != nil {
				community = communities[c.Slug]
			}
			tagIndexes := []int{}
			for _, t := range q.Tags() {
				tagIndexes = append(tagIndexes, tags[t.Slug])
			}
			people := []string{}
			for _, a := range q.Authors {
				people = append(people, a.Name)
			}
			for _, a := range q.Speakers {
				people = append(people, a.Name)
			}
			data, err := json.Marshal([]any{base + strings.TrimPrefix(q.URL, "/"), q.Title, q.Summary, int(q.Kind), community, tagIndexes, people})
			return string(data), err
		})
		if err != nil {
			return err
		}
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString(entry)
	}
	buf.WriteString("]}\n")
	return nil
}

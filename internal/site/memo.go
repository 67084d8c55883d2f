package site

import (
	"hash/fnv"
	"slices"
	"strings"
	"sync"

	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/markdown"
)

// Memo remembers each document's rendered Markdown between builds of the
// same site. An entry is reused only when the document's bytes are the
// same and every link it resolved resolves the same way now, so a reused
// result is exactly what rendering again would give. A nil *Memo
// remembers nothing.
//
// It also remembers the last site's shape: when a load changes only
// bodies, the pages of the last site are reused and take the new
// documents (the site is the builder's own; nothing else reads it).
type Memo struct {
	mu      sync.RWMutex
	entries map[string]memoEntry // by document path

	shape     uint64            // fingerprint of the last site
	last      *Site             // the last site built from scratch
	shapeErrs content.ErrorList // its problems outside Markdown

	// The people's keys of the last site and content.NearNames of them:
	// most edits leave the names as they are, and comparing every pair
	// takes longer than the rest of the people's pages.
	nearKeys  []string
	nearPairs []content.NamePair
}

// nearNames is content.NearNames(keys), kept for the next call.
func (m *Memo) nearNames(keys []string) []content.NamePair {
	if m == nil {
		return content.NearNames(keys)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if !slices.Equal(m.nearKeys, keys) {
		m.nearKeys, m.nearPairs = keys, content.NearNames(keys)
	}
	return m.nearPairs
}

// sameShape returns the last site, its pages given the new documents,
// when its fingerprint is fp.
func (m *Memo) sameShape(fp uint64, docs []*content.Doc) (*Site, content.ErrorList, bool) {
	if m == nil || m.last == nil || m.shape != fp {
		return nil, nil, false
	}
	for _, d := range docs {
		if p, ok := m.last.published[d.Path]; ok && p.Doc != d {
			p.setDoc(d)
		}
	}
	return m.last, append(content.ErrorList(nil), m.shapeErrs...), true
}

// keepShape remembers a site built from scratch and its problems so far.
func (m *Memo) keepShape(fp uint64, s *Site, errs content.ErrorList) {
	if m == nil {
		return
	}
	m.shape, m.last, m.shapeErrs = fp, s, append(content.ErrorList(nil), errs...)
}

// NewMemo returns an empty memo.
func NewMemo() *Memo { return &Memo{entries: map[string]memoEntry{}} }

type memoEntry struct {
	hash    [32]byte
	self    string // the site's address the rendering was for
	answers []answer
	images  []imageAnswer
	res     *markdown.Result
	sum     uint64 // of res.HTML
	// html is res.HTML compressed, as pages hold it (see body), and
	// highlighted whether it has highlighted code.
	html        []byte
	highlighted bool
}

// body fills in what a page keeps of res.HTML. Made once per rendering,
// it is shared by the pages of every later build the entry serves, and
// never changed.
func (e *memoEntry) body(res *markdown.Result) {
	e.html = compressHTML(res.HTML)
	e.highlighted = strings.Contains(res.HTML, markdown.HighlightClass)
}

// answer is one resolution the rendering asked for.
type answer struct{ dest, url, problem, hint string }

// imageAnswer is what the rendering was told of one picture.
type imageAnswer struct {
	dest string
	info *markdown.Image
}

func (m *Memo) lookup(d *content.Doc, links markdown.Links) (memoEntry, bool) {
	if m == nil {
		return memoEntry{}, false
	}
	m.mu.RLock()
	e, ok := m.entries[d.Path]
	m.mu.RUnlock()
	if !ok || e.hash != d.Hash || e.self != links.Self {
		return memoEntry{}, false
	}
	for _, a := range e.answers {
		if u, p, h := links.Resolve(a.dest); u != a.url || p != a.problem || h != a.hint {
			return memoEntry{}, false
		}
	}
	for _, a := range e.images {
		info := links.Image(a.dest)
		if (info == nil) != (a.info == nil) || info != nil && *info != *a.info {
			return memoEntry{}, false
		}
	}
	return e, true
}

// render renders d, recording each resolution for later lookups. The sum
// of the HTML is only for a memo's later comparisons: a nil memo skips it.
func (m *Memo) render(md *markdown.Renderer, d *content.Doc, links markdown.Links) (memoEntry, error) {
	e := memoEntry{hash: d.Hash, self: links.Self}
	recorded := markdown.Links{Self: links.Self, Resolve: func(dest string) (string, string, string) {
		u, p, h := links.Resolve(dest)
		e.answers = append(e.answers, answer{dest, u, p, h})
		return u, p, h
	}}
	if links.Image != nil {
		recorded.Image = func(dest string) *markdown.Image {
			info := links.Image(dest)
			e.images = append(e.images, imageAnswer{dest, info})
			return info
		}
	}
	res, err := md.Render(d.Body, recorded)
	e.res = res
	if res != nil {
		e.body(res)
		if m != nil {
			e.sum = htmlSum(res.HTML)
		}
	}
	return e, err
}

// keep replaces the memo's entries with this build's. When the pages
// are those the entries were kept for (same), only the ones rendered
// again are replaced.
func (m *Memo) keep(pages []*Page, results []memoEntry, rendered []bool, same bool) {
	if m == nil {
		return
	}
	if same {
		m.mu.Lock()
		defer m.mu.Unlock()
		for i, p := range pages {
			switch {
			case !rendered[i]:
			case results[i].res != nil:
				m.entries[p.Path] = results[i]
			default:
				delete(m.entries, p.Path)
			}
		}
		return
	}
	entries := make(map[string]memoEntry, len(pages))
	for i, p := range pages {
		if results[i].res != nil {
			entries[p.Path] = results[i]
		}
	}
	m.mu.Lock()
	m.entries = entries
	m.mu.Unlock()
}

// htmlSum is FNV-1a of a rendered body: stable across runs, so equal
// bodies always give equal sums.
func htmlSum(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

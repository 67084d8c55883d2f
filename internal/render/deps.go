package render

import (
	"cmp"
	"encoding/binary"
	"encoding/json"
	"hash/maphash"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/parallel"
	"github.com/storyhub/storyhub/internal/site"
	"github.com/storyhub/storyhub/internal/stats"
)

// An output's dependencies are what its rendering read of the model, as
// the methods of model.go recorded it: a page's own values, its body, its
// links, a list, which entries a page of a list shows; what its view is
// of is recorded the same way (view.make). Deps holds, for the model of
// the last pass, the value of every dependency any output recorded, and
// which outputs read it; an output kept from an earlier pass is still
// right while none of its dependencies changed and its template is the
// same. Outside the model, every output depends on the settings and the
// theme: when either changes, everything is rendered again.

// depKind is what of a model object an output read.
type depKind uint8

const (
	pageMeta         depKind = iota // front matter, path, URL, files, bundle resources
	pageBody                        // rendered body, words, headings, Markdown
	pageLinks                       // previous, next, related, tags, community (which ones)
	sectionMeta                     // name, title, URL
	sectionPages                    // which pages, and each one's own values
	tagMeta                         // name, URL
	tagPages                        // which pages, and each one's own values
	communityMeta                   // name, description, URL
	communityLists                  // one of its lists (id: slug/content.CommunityList), and each page's own values
	aliasTo                         // the page an alias redirects to
	sitePages                       // every page, and each one's own values
	siteFeatured                    // the featured stories
	siteSections                    // the sections, and each one's own values
	siteTags                        // the tags, and each one's own values
	siteCommunities                 // the communities, and each one's own values
	siteAliases                     // the aliases and their pages
	siteLinks                       // every page's links (see recorder.wide)
	siteDates                       // every page's permalink and date
	pagerPage                       // one page of a paginated list (id: section/NAME/N, tag/SLUG/N, event/SLUG/N, person/SLUG/N or filter/SECTION/FACET/VALUE/N)
	sectionFilters                  // the section's filters: each one's own values and how many entries it has
	filterMeta                      // a filter's own values (id: SECTION/FACET/VALUE, its URL's segments)
	eventMeta                       // an event's own values: name, URL, dates, place
	eventPages                      // which decks an event has, and each one's own values
	siteEvents                      // the events in their order, and each one's own values
	personMeta                      // a person's own values: name, URL, link, roles, profile (id: slug)
	personPages                     // what a person wrote, gave and keeps, and each page's own values (id: slug)
	sitePeople                      // everyone: each person's own values and how many entries name them
	newsletterMonths                // the newsletter's months: each one's slug, title, URL and what its issue mentions (newsletterMonth)
	newsletterMonth                 // one month's issue: which entries it mentions and when, and which events (id: its slug, 2024-05)
	siteStats                       // the site's numbers (stats.Report) as of the build's day
	siteBodies                      // every page's rendered body (see recorder.wide)
)

// holdsPages reports whether a dependency's value holds the own values
// of the pages of a list.
func (k depKind) holdsPages() bool {
	switch k {
	case sectionPages, tagPages, communityLists, sitePages, siteFeatured, siteDates, eventPages, personPages, newsletterMonths, newsletterMonth, siteStats:
		return true
	}
	return false
}

// dep names one value of the model: a kind of read and the object read
// (a document path, section name, tag or community slug, alias path).
type dep struct {
	kind depKind
	id   string
}

// recorder collects the dependencies of one rendering. A nil recorder
// records nothing (a build that is written once).
type recorder struct {
	deps []dep
	// wide records a read of one page, tag or community as a read of
	// the same values of every one (a page's links or body as every
	// page's links or bodies): an output that reads them of every page
	// (the search index) records a few dependencies, not thousands. The
	// wider read holds the narrow one, so it is never less right.
	wide bool
	// seen is what a wide recorder holds, to find each read at once.
	seen map[dep]struct{}
}

// widened is what a wide recorder records for d.
func widened(d dep) dep {
	switch d.kind {
	case pageMeta:
		return dep{sitePages, ""}
	case pageLinks:
		return dep{siteLinks, ""}
	case pageBody:
		return dep{siteBodies, ""}
	case tagMeta:
		return dep{siteTags, ""}
	case communityMeta:
		return dep{siteCommunities, ""}
	case eventMeta:
		return dep{siteEvents, ""}
	}
	return d
}

func (r *recorder) add(d dep) {
	if r == nil {
		return
	}
	if r.wide {
		// Widened, each read is recorded once.
		d = widened(d)
		if _, ok := r.seen[d]; ok {
			return
		}
		if r.seen == nil {
			r.seen = map[dep]struct{}{}
		}
		r.seen[d] = struct{}{}
	} else if n := len(r.deps); n > 0 && r.deps[n-1] == d {
		return
	}
	r.deps = append(r.deps, d)
}

// merge adds what a shared piece (a card, a partial, a kit) read.
func (r *recorder) merge(deps []dep) {
	if r == nil {
		return
	}
	if r.wide {
		for _, d := range deps {
			r.add(d)
		}
		return
	}
	r.deps = append(r.deps, deps...)
}

// distinct is the recorded dependencies, each once.
func (r *recorder) distinct() []dep {
	if r == nil {
		return nil
	}
	if len(r.deps) > 64 { // an index or a feed of every page
		seen := make(map[dep]struct{}, len(r.deps)/4)
		out := r.deps[:0]
		for _, d := range r.deps {
			if _, ok := seen[d]; !ok {
				seen[d] = struct{}{}
				out = append(out, d)
			}
		}
		return out
	}
	slices.SortFunc(r.deps, func(a, b dep) int {
		if a.kind != b.kind {
			return int(a.kind) - int(b.kind)
		}
		return strings.Compare(a.id, b.id)
	})
	return slices.Compact(r.deps)
}

// Deps is the value, in the current model, of every dependency recorded
// so far, each numbered once, and which outputs read each.
type Deps struct {
	mu     sync.Mutex
	seed   maphash.Seed
	ids    map[dep]int32
	list   []dep
	vals   []uint64
	lists  []int32 // the dependencies whose values hold pages' own values
	global uint64  // the settings'
	// renderer is the theme's: a new one (a template changed) makes
	// every output again.
	renderer *Renderer
	idx      *modelIndex
	// readers lists, for each dependency, the outputs that read it
	// (an output made again is added again; stale ones go in compact).
	readers [][]string
	entries int // in readers
	live    int // entries the kept outputs hold, at the last count
	// stale is the outputs that read a dependency whose value changed
	// in the last Update.
	stale map[string]bool
	// gen counts updates; changedAt is, for each dependency, the update
	// in which its value last changed.
	gen       uint32
	changedAt []uint32
	// pieces are the cards and partials made in earlier passes.
	pieces map[any]*kept
	epoch  uint32 // counts fresh starts: reads of an earlier one are void
	limit  int    // of dependencies before a fresh start; 0: by the site's size
	// search is the search index's last assembly, made of its pieces
	// alone, so it is right for any pass that compares them.
	search *searchPostings
}

// kept is a piece made in an earlier pass, right while none of its
// dependencies changed since.
type kept struct {
	piece
	ids    []int32
	madeAt uint32
}

// NewDeps returns an empty table.
func NewDeps() *Deps {
	return &Deps{seed: maphash.MakeSeed(), ids: map[dep]int32{}, pieces: map[any]*kept{}}
}

// Reads is what one output read.
type Reads struct {
	epoch    uint32
	global   uint64
	renderer *Renderer
	template string
	ids      []int32
}

// Update takes the model of the next pass: every dependency gets its
// value there, and the outputs that read one whose value changed are
// stale. A model that is the last one with new documents (site.Memo
// keeps a site whose shape is unchanged) is updated for those documents
// alone.
func (d *Deps) Update(r *Renderer, s *site.Site) {
	d.mu.Lock()
	defer d.mu.Unlock()
	cfg, _ := json.Marshal(s.Config)
	var h maphash.Hash
	h.SetSeed(d.seed)
	h.Write(cfg)
	global := h.Sum64()
	if global != d.global || r != d.renderer || len(d.pieces) > 4*len(s.Pages)+1000 {
		d.pieces = map[any]*kept{}
	}
	d.global, d.renderer = global, r
	d.stale = nil
	d.gen++
	if len(d.list) > cmp.Or(d.limit, 8*len(s.Pages)+100_000) { // old names pile up: start again
		d.ids, d.list, d.vals, d.lists, d.readers, d.entries, d.changedAt = map[dep]int32{}, nil, nil, nil, nil, 0, nil
		d.pieces = map[any]*kept{}
		d.epoch++ // and nothing made before is kept
	}
	var changed []int32
	update := func(id int32) bool {
		v := d.idx.value(d.list[id])
		if v == d.vals[id] {
			return false
		}
		d.vals[id], d.changedAt[id] = v, d.gen
		changed = append(changed, id)
		return true
	}
	if d.idx != nil && d.idx.s == s {
		metas := false
		refreshed := d.idx.refresh()
		for _, p := range refreshed {
			for _, k := range []depKind{pageMeta, pageBody, pageLinks} {
				if id, ok := d.ids[dep{k, p.Path}]; ok && update(id) && k == pageMeta {
					metas = true
				}
			}
		}
		if id, ok := d.ids[dep{siteBodies, ""}]; ok && len(refreshed) > 0 {
			update(id)
		}
		if metas {
			for _, id := range d.lists {
				update(id)
			}
		}
	} else {
		d.idx = newModelIndex(d.seed, s, d.idx)
		// Every value again, on every core, then compared.
		vals := make([]uint64, len(d.list))
		const chunk = 1024
		parallel.Each((len(d.list)+chunk-1)/chunk, 0, func() func(int) bool {
			return func(c int) bool {
				for id := c * chunk; id < min((c+1)*chunk, len(d.list)); id++ {
					vals[id] = d.idx.value(d.list[id])
				}
				return true
			}
		})
		for id, v := range vals {
			if v != d.vals[id] {
				d.vals[id], d.changedAt[id] = v, d.gen
				changed = append(changed, int32(id))
			}
		}
	}
	for _, id := range changed {
		for _, path := range d.readers[id] {
			if d.stale == nil {
				d.stale = map[string]bool{}
			}
			d.stale[path] = true
		}
	}
}

// Fresh reports whether the output at path, which read what reads says
// when it was made with template, would be made the same now.
func (d *Deps) Fresh(path string, reads *Reads, template string) bool {
	return reads != nil && reads.epoch == d.epoch && reads.global == d.global && reads.renderer == d.renderer && reads.template == template && !d.stale[path]
}

// reads numbers what the rendering of the output at path recorded.
func (d *Deps) reads(path string, rec *recorder, template string) *Reads {
	deps := rec.distinct()
	out := &Reads{template: template}
	d.mu.Lock()
	defer d.mu.Unlock()
	out.epoch, out.global, out.renderer = d.epoch, d.global, d.renderer
	out.ids = d.number(deps)
	for _, id := range out.ids {
		d.readers[id] = append(d.readers[id], path)
	}
	d.entries += len(deps)
	return out
}

// number gives each dependency its number, new ones their value; d.mu
// is held.
func (d *Deps) number(deps []dep) []int32 {
	ids := make([]int32, len(deps))
	for i, dp := range deps {
		id, ok := d.ids[dp]
		if !ok {
			id = int32(len(d.list))
			d.ids[dp] = id
			d.list = append(d.list, dp)
			d.vals = append(d.vals, d.idx.value(dp))
			d.changedAt = append(d.changedAt, d.gen)
			d.readers = append(d.readers, nil)
			if dp.kind.holdsPages() {
				d.lists = append(d.lists, id)
			}
		}
		ids[i] = id
	}
	return ids
}

// piece returns the piece kept under key, if none of its dependencies
// changed since it was made.
func (d *Deps) piece(key any) (piece, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	k, ok := d.pieces[key]
	if !ok {
		return piece{}, false
	}
	for _, id := range k.ids {
		if d.changedAt[id] > k.madeAt {
			delete(d.pieces, key)
			return piece{}, false
		}
	}
	return k.piece, true
}

// keep remembers a piece made in this pass.
func (d *Deps) keep(key any, pc piece) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.pieces[key] = &kept{piece: pc, ids: d.number(pc.deps), madeAt: d.gen}
}

// takeSearch returns the search index's last assembly, or nil; the
// caller owns it until it keeps it again.
func (d *Deps) takeSearch() *searchPostings {
	d.mu.Lock()
	defer d.mu.Unlock()
	sp := d.search
	d.search = nil
	return sp
}

// keepSearch keeps the search index's assembly for the next pass.
func (d *Deps) keepSearch(sp *searchPostings) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.search = sp
}

// Compact forgets readers that no longer read, given what every kept
// output read, once the list has grown to twice what is kept.
func (d *Deps) Compact(kept func(yield func(path string, reads *Reads) bool)) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.entries < 2*d.live+10_000 {
		return
	}
	live := 0
	for _, r := range kept {
		live += len(r.ids)
	}
	d.live = live
	if d.entries < 2*live+10_000 {
		return
	}
	for i := range d.readers {
		d.readers[i] = d.readers[i][:0]
	}
	for path, r := range kept {
		for _, id := range r.ids {
			d.readers[id] = append(d.readers[id], path)
		}
	}
	d.entries = live
}

// modelIndex finds the objects of one model by name and hashes their
// values.
type modelIndex struct {
	seed     maphash.Seed
	s        *site.Site
	pages    map[string]*site.Page
	tags     map[string]*site.Tag
	sections map[string]*site.Section
	comms    map[string]*site.Community
	aliases  map[string]*site.Alias
	filters  map[string]*site.Filter // by filterID
	events   map[string]*site.Event  // by slug
	people   map[string]*site.Person // by slug
	metas    map[*site.Page]uint64
	// all are the pages and the described entries (profiles), whose
	// own values outputs read alike; docs, each one's document when its
	// meta was hashed.
	all  []*site.Page
	docs []*content.Doc
	// months are the newsletter's months, found once, when first read.
	months func() []site.Month
}

// refresh hashes again the own values of the pages whose document was
// replaced (site.Memo's reused site), and returns them.
func (x *modelIndex) refresh() []*site.Page {
	var changed []*site.Page
	var h maphash.Hash
	h.SetSeed(x.seed)
	for i, p := range x.all {
		if x.docs[i] == p.Doc {
			continue
		}
		x.docs[i] = p.Doc
		h.Reset()
		hashMeta(&h, p)
		x.metas[p] = h.Sum64() | 1
		changed = append(changed, p)
	}
	return changed
}

// newModelIndex indexes s. A page whose document and URLs are those it
// had in prev keeps its hashed own values.
func newModelIndex(seed maphash.Seed, s *site.Site, prev *modelIndex) *modelIndex {
	x := &modelIndex{seed: seed, s: s,
		pages:    make(map[string]*site.Page, len(s.Pages)+len(s.Described)),
		tags:     make(map[string]*site.Tag, len(s.Tags)),
		sections: make(map[string]*site.Section, len(s.Sections)),
		comms:    make(map[string]*site.Community, len(s.Communities)),
		aliases:  make(map[string]*site.Alias, len(s.Aliases)),
		filters:  map[string]*site.Filter{},
		events:   make(map[string]*site.Event, len(s.Events)),
		people:   make(map[string]*site.Person, len(s.People)),
		metas:    make(map[*site.Page]uint64, len(s.Pages)+len(s.Described)),
		all:      s.AllPages(),
		months:   sync.OnceValue(s.NewsletterMonths),
	}
	x.docs = make([]*content.Doc, len(x.all))
	for _, p := range s.People {
		x.people[p.Slug] = p
	}
	var h maphash.Hash
	h.SetSeed(seed)
	for i, p := range x.all {
		x.pages[p.Path] = p
		x.docs[i] = p.Doc
		if prev != nil {
			if old := prev.pages[p.Path]; old != nil && old.Doc == p.Doc && old.URL == p.URL && old.Permalink == p.Permalink && old.Slug == p.Slug {
				x.metas[p] = prev.metas[old]
				continue
			}
		}
		h.Reset()
		hashMeta(&h, p)
		x.metas[p] = h.Sum64() | 1
	}
	for _, t := range s.Tags {
		x.tags[t.Slug] = t
	}
	for _, sec := range s.Sections {
		x.sections[sec.Name] = sec
		for _, f := range sec.Filters {
			x.filters[filterID(f)] = f
		}
	}
	for _, c := range s.Communities {
		x.comms[c.Slug] = c
	}
	for _, e := range s.Events {
		x.events[e.Slug] = e
	}
	for i := range s.Aliases {
		x.aliases[s.Aliases[i].From] = &s.Aliases[i]
	}
	return x
}

// hashMeta hashes a page's own values: everything Page shows as a field.
func hashMeta(h *maphash.Hash, p *site.Page) {
	d := p.Doc
	str(h, d.Path, d.Name, p.URL, p.Permalink, p.Slug, d.ImageSHA256)
	h.Write(d.MetaHash[:])
	num(h, int64(d.Kind), int64(d.BodyLine), flag(d.Bundle))
	for _, r := range d.Resources {
		str(h, r)
	}
	for _, src := range slices.Sorted(maps.Keys(d.Pictures)) {
		pic := d.Pictures[src]
		str(h, src, pic.SHA256)
		num(h, int64(pic.Width), int64(pic.Height))
	}
	for _, f := range d.Files {
		str(h, f.Path, f.URL, f.Source, f.Label, f.Format, f.MediaType, f.SHA256)
		num(h, f.Size, int64(f.Pages), flag(f.Bundled))
	}
	str(h, p.Filters...)
}

// value is the hash of dp's value in this model; 0 when its object is
// gone.
func (x *modelIndex) value(dp dep) uint64 {
	var h maphash.Hash
	h.SetSeed(x.seed)
	h.WriteByte(byte(dp.kind))
	pages := func(ps []*site.Page) {
		num(&h, int64(len(ps)))
		for _, p := range ps {
			num(&h, int64(x.metas[p]))
		}
	}
	switch dp.kind {
	case pageMeta, pageBody, pageLinks:
		p := x.pages[dp.id]
		if p == nil {
			return 0
		}
		switch dp.kind {
		case pageMeta:
			return x.metas[p]
		case pageBody:
			h.Write(p.Doc.Hash[:])
			num(&h, int64(p.HTMLSum), int64(p.Words), int64(p.HTMLLen()))
		case pageLinks:
			hashLinks(&h, p)
		}
	case sectionMeta, sectionPages:
		sec := x.sections[dp.id]
		if sec == nil {
			return 0
		}
		if dp.kind == sectionMeta {
			hashSection(&h, sec)
		} else {
			pages(sec.Pages)
		}
	case sectionFilters:
		sec := x.sections[dp.id]
		if sec == nil {
			return 0
		}
		for _, f := range sec.Filters {
			hashFilter(&h, f)
			num(&h, int64(len(f.Pages)))
		}
	case filterMeta:
		f := x.filters[dp.id]
		if f == nil {
			return 0
		}
		hashFilter(&h, f)
	case tagMeta, tagPages:
		t := x.tags[dp.id]
		if t == nil {
			return 0
		}
		if dp.kind == tagMeta {
			str(&h, t.Name, t.Slug, t.URL)
		} else {
			pages(t.Pages)
		}
	case communityMeta:
		c := x.comms[dp.id]
		if c == nil {
			return 0
		}
		str(&h, c.Slug, c.Name, c.Description, c.URL)
	case communityLists:
		slug, list, _ := strings.Cut(dp.id, "/")
		c := x.comms[slug]
		l, err := strconv.Atoi(list)
		if c == nil || err != nil {
			return 0
		}
		pages(site.CommunityPages(c, content.CommunityList(l)))
	case eventMeta, eventPages:
		e := x.events[dp.id]
		if e == nil {
			return 0
		}
		if dp.kind == eventMeta {
			hashEvent(&h, e)
		} else {
			pages(e.Pages)
		}
	case siteEvents:
		for _, e := range x.s.Events {
			hashEvent(&h, e)
		}
	case aliasTo:
		a := x.aliases[dp.id]
		if a == nil {
			return 0
		}
		str(&h, a.From, a.To.Path)
	case sitePages:
		pages(x.s.Pages)
	case siteFeatured:
		pages(x.s.Featured)
	case siteSections:
		for _, sec := range x.s.Sections {
			hashSection(&h, sec)
		}
	case siteTags:
		for _, t := range x.s.Tags {
			str(&h, t.Name, t.Slug, t.URL)
		}
	case siteCommunities:
		for _, c := range x.s.Communities {
			str(&h, c.Slug, c.Name, c.Description, c.URL)
		}
	case siteAliases:
		for _, a := range x.s.Aliases {
			str(&h, a.From, a.To.Path)
		}
	case siteLinks:
		for _, p := range x.s.Pages {
			hashLinks(&h, p)
		}
	case siteBodies:
		for _, p := range x.all {
			str(&h, p.Path)
			h.Write(p.Doc.Hash[:])
			num(&h, int64(p.HTMLSum), int64(p.Words), int64(p.HTMLLen()))
		}
	case siteDates:
		for _, p := range x.s.Pages {
			str(&h, p.Permalink)
			num(&h, p.Date.UnixNano())
		}
	case personMeta, personPages:
		person := x.people[dp.id]
		if person == nil {
			return 0
		}
		if dp.kind == personMeta {
			hashPerson(&h, person)
		} else {
			for _, list := range [][]*site.Page{person.Wrote, person.Gave, person.Keeps, person.Organizes} {
				pages(list)
			}
		}
	case sitePeople:
		for _, person := range x.s.People {
			hashPerson(&h, person)
			num(&h, int64(len(person.Pages)))
		}
	case newsletterMonths:
		months := x.months()
		for i := range months {
			hashMonth(&h, &months[i])
		}
	case newsletterMonth:
		months := x.months()
		i := slices.IndexFunc(months, func(m site.Month) bool { return m.Slug == dp.id })
		if i < 0 {
			return 0
		}
		hashMonth(&h, &months[i])
	case siteStats:
		// The report is every number the page shows, as its JSON says,
		// and the day they are counted on (its now): the build's moment
		// itself differs in every build.
		data, err := json.Marshal(stats.Compute(x.s, x.s.Now()))
		if err != nil {
			return 0
		}
		h.Write(data)
	case pagerPage:
		kind, rest, _ := strings.Cut(dp.id, "/")
		last := strings.LastIndexByte(rest, '/')
		of, n := rest[:max(0, last)], rest[last+1:]
		var url string
		var list []*site.Page
		switch kind {
		case "section":
			if sec := x.sections[of]; sec != nil {
				url, list = sec.URL, sec.Pages
			}
		case "filter":
			if f := x.filters[of]; f != nil {
				url, list = f.URL, f.Pages
			}
		case "event":
			if e := x.events[of]; e != nil {
				url, list = e.URL, e.Pages
			}
		case "person":
			if person := x.people[of]; person != nil {
				url, list = person.URL, personEntries(person)
			}
		default:
			if t := x.tags[of]; t != nil {
				url, list = t.URL, t.Pages
			}
		}
		if url == "" {
			return 0
		}
		// The pages shown, how many there are, and the list's URL: its
		// neighbours' URLs are made from it.
		size := max(1, x.s.Config.PageSize)
		page, _ := strconv.Atoi(n)
		lo, hi := min((page-1)*size, len(list)), min(page*size, len(list))
		str(&h, url)
		num(&h, int64(len(list)), int64(size))
		for _, p := range list[lo:hi] {
			str(&h, p.Path)
		}
	}
	return h.Sum64() | 1
}

// hashLinks hashes which pages, tags and community a page links to.
func hashLinks(h *maphash.Hash, p *site.Page) {
	for _, q := range []*site.Page{p.Prev, p.Next} {
		if q != nil {
			str(h, q.Path)
		} else {
			str(h, "")
		}
	}
	for _, q := range p.Related {
		str(h, q.Path)
	}
	h.WriteByte(0)
	for _, t := range p.Tags {
		str(h, t.Slug)
	}
	h.WriteByte(0)
	if p.Community != nil {
		str(h, p.Community.Slug)
	}
	h.WriteByte(0)
	for _, list := range [][]content.Person{p.Authors, p.Speakers, p.Owners} {
		for _, named := range list {
			if person := p.PersonOf(named.Name); person != nil {
				str(h, person.Name, person.URL)
			}
		}
	}
}

// hashPerson hashes a person's own values: everything Person shows as a
// field, and which profile is theirs.
func hashPerson(h *maphash.Hash, x *site.Person) {
	str(h, x.Key, x.Slug, x.Name, x.URL, x.Link, x.Letter)
	if x.Profile != nil {
		str(h, x.Profile.Path)
	}
	h.WriteByte(0)
	for _, r := range x.Roles {
		str(h, r.Role, r.Name)
		if r.Community != nil {
			str(h, r.Community.Slug, r.Community.Name, r.Community.URL)
		}
		h.WriteByte(0)
	}
}

// hashMonth hashes a newsletter month: its names, and which entries and
// events its issue mentions, and when; what each shows of itself is
// recorded where it is shown.
func hashMonth(h *maphash.Hash, m *site.Month) {
	str(h, m.Slug, m.Title, m.URL)
	num(h, m.Issue.Since.UnixNano(), m.Issue.Until.UnixNano())
	for _, part := range m.Issue.Parts {
		str(h, part.Title, part.Of, part.URL)
		num(h, int64(part.Kind), int64(part.Mention), int64(len(part.Entries)))
		for _, e := range part.Entries {
			str(h, e.Page.Path)
			num(h, e.When.UnixNano())
		}
	}
	h.WriteByte(0)
	for _, e := range m.Issue.Events {
		str(h, e.Slug)
	}
}

func hashFilter(h *maphash.Hash, f *site.Filter) {
	str(h, f.Facet, f.Title, f.Value, f.Name, f.URL)
}

// filterID names a filter in dependencies: its URL's segments,
// decks/level/beginner.
func filterID(f *site.Filter) string { return strings.Trim(f.URL, "/") }

func hashSection(h *maphash.Hash, sec *site.Section) {
	str(h, sec.Name, sec.Title, sec.Summary, sec.URL)
	num(h, int64(sec.Kind))
}

// str and num feed values into a hash, each delimited so that no two
// lists of values hash alike by running together.
func str(h *maphash.Hash, ss ...string) {
	for _, s := range ss {
		h.WriteString(s)
		h.WriteByte(0)
	}
}

func num(h *maphash.Hash, ns ...int64) {
	var b [8]byte
	for _, n := range ns {
		binary.LittleEndian.PutUint64(b[:], uint64(n))
		h.Write(b[:])
	}
}

func flag(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

package build

import (
	"bytes"
	"context"
	"maps"
	"strings"
	"sync"

	"github.com/tdewolff/minify/v2"

	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/render"
	"github.com/storyhub/storyhub/internal/site"
)

// Snapshot is a whole built site in memory: the same files, with the same
// bytes, that a build writes to disk.
type Snapshot struct {
	Files map[string][]byte // output path → bytes
}

// memory keeps a Builder's rendered outputs between snapshots.
type memory struct {
	m      *minify.M
	pages  map[string]keyed // output path → key and bytes
	copies map[string]keyed // output path → source and bytes

	// The last snapshot's plan, for a model that was reused (see
	// site.Memo): its outputs, which outputs show each page's body, the
	// document each page had, and the files.
	site     *site.Site
	renderer *render.Renderer
	outs     []render.Output
	copyList []render.Copy
	bodies   map[*site.Page][]int
	docs     map[*site.Page]*content.Doc
	files    map[string][]byte
}

type keyed struct {
	key  uint64
	src  string // for copies: the source path
	data []byte
}

// Snapshot renders m into memory. Outputs whose key is unchanged since the
// last snapshot keep their bytes; copies are read again only when their
// source changed since the last snapshot.
func (b *Builder) Snapshot(ctx context.Context, m *Model) (*Snapshot, error) {
	changed := b.pending
	if b.mem == nil || b.pendingAll {
		b.mem = &memory{m: render.NewMinifier(), pages: map[string]keyed{}, copies: map[string]keyed{}}
	}
	mem := b.mem
	if mem.site == m.Site && mem.renderer == m.Renderer && !touches(changed, "static") && !touches(changed, "themes") {
		return b.bodiesOnly(ctx, m)
	}
	outs, copies := m.Outputs, m.Copies
	minify := !b.cfg.NoMinify
	snap := &Snapshot{Files: make(map[string][]byte, len(outs)+len(copies))}
	pages := mem.pages // updated in place: a key always goes with its bytes
	var mu sync.Mutex
	// Outputs go to the workers in chunks: most only need their key
	// checked, which costs less than handing them over one by one.
	const chunk = 128
	chunks := (len(outs) + chunk - 1) / chunk
	kept := make(map[string]keyed, len(copies))
	output := func(part []render.Output, a, b *bytes.Buffer) error {
		keys := make([]uint64, len(part))
		olds := make([]keyed, len(part))
		found := make([]bool, len(part))
		for i, o := range part {
			keys[i] = o.Key()
		}
		mu.Lock()
		for i, o := range part {
			olds[i], found[i] = pages[o.Path]
		}
		mu.Unlock()
		datas := make([][]byte, len(part))
		for i, o := range part {
			datas[i] = olds[i].data
			if !found[i] || olds[i].key != keys[i] {
				made, err := produce(o, minify, mem.m, a, b)
				if err != nil {
					return err
				}
				datas[i] = bytes.Clone(made)
			}
		}
		mu.Lock()
		for i, o := range part {
			if !found[i] || olds[i].key != keys[i] {
				pages[o.Path] = keyed{key: keys[i], data: datas[i]}
			}
			snap.Files[o.Path] = datas[i]
		}
		mu.Unlock()
		return nil
	}
	copyOne := func(c render.Copy, a, b *bytes.Buffer) error {
		src := sourceName(c)
		mu.Lock()
		old, ok := mem.copies[c.Path]
		mu.Unlock()
		data := old.data
		if !ok || old.src != src || changedPath(changed, c) {
			made, err := readCopy(c, minify, mem.m, a, b)
			if err != nil {
				return err
			}
			data = bytes.Clone(made)
		}
		mu.Lock()
		kept[c.Path] = keyed{src: src, data: data}
		snap.Files[c.Path] = data
		mu.Unlock()
		return nil
	}
	err := forEach(ctx, chunks+len(copies), 0, func(i int, a, b *bytes.Buffer) error {
		if i < chunks {
			return output(outs[i*chunk:min((i+1)*chunk, len(outs))], a, b)
		}
		return copyOne(copies[i-chunks], a, b)
	})
	if err != nil {
		return nil, err
	}
	if len(pages) != len(outs) { // outputs went away: forget them
		for p := range pages {
			if _, ok := snap.Files[p]; !ok {
				delete(pages, p)
			}
		}
	}
	mem.copies = kept
	mem.remember(m, outs, copies, snap)
	b.pending, b.pendingAll = nil, false
	return snap, nil
}

// remember keeps a full snapshot's plan for later body-only snapshots.
func (mem *memory) remember(m *Model, outs []render.Output, copies []render.Copy, snap *Snapshot) {
	mem.site, mem.renderer, mem.outs, mem.copyList, mem.files = m.Site, m.Renderer, outs, copies, snap.Files
	mem.bodies = map[*site.Page][]int{}
	for i, o := range outs {
		for _, p := range o.Bodies {
			mem.bodies[p] = append(mem.bodies[p], i)
		}
	}
	mem.docs = make(map[*site.Page]*content.Doc, len(m.Site.Pages))
	for _, p := range m.Site.Pages {
		mem.docs[p] = p.Doc
	}
}

// bodiesOnly makes a snapshot when the model was reused, so only bodies
// changed: every output keeps its key and bytes except those showing the
// body of a page whose document changed; copied files are read again
// when their source changed.
func (b *Builder) bodiesOnly(ctx context.Context, m *Model) (*Snapshot, error) {
	mem := b.mem
	minify := !b.cfg.NoMinify
	files := maps.Clone(mem.files)
	var a, c bytes.Buffer
	var changedPages []*site.Page
	for _, p := range m.Site.Pages {
		if mem.docs[p] != p.Doc {
			changedPages = append(changedPages, p)
		}
	}
	for _, p := range changedPages {
		for _, i := range mem.bodies[p] {
			o := mem.outs[i]
			key := o.Key()
			if old, ok := mem.pages[o.Path]; ok && old.key == key {
				continue
			}
			made, err := produce(o, minify, mem.m, &a, &c)
			if err != nil {
				return nil, err
			}
			data := bytes.Clone(made)
			mem.pages[o.Path] = keyed{key: key, data: data}
			files[o.Path] = data
		}
	}
	for _, cp := range mem.copyList {
		if !changedPath(b.pending, cp) {
			continue
		}
		made, err := readCopy(cp, minify, mem.m, &a, &c)
		if err != nil {
			return nil, err
		}
		data := bytes.Clone(made)
		mem.copies[cp.Path] = keyed{src: sourceName(cp), data: data}
		files[cp.Path] = data
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for _, p := range changedPages {
		mem.docs[p] = p.Doc
	}
	mem.files = files
	b.pending, b.pendingAll = nil, false
	return &Snapshot{Files: files}, nil
}

// sourceName tells copies from the site and from the built-in theme apart.
func sourceName(c render.Copy) string {
	if c.Site {
		return "site:" + c.Src
	}
	return "theme:" + c.Src
}

// changedPath reports whether a copy's source is among the changed site
// paths. Theme files are compared by their place under themes/.
func changedPath(changed []string, c render.Copy) bool {
	if !c.Site {
		// A theme file of the site shadows or stops shadowing a built-in
		// one: read the whole theme again.
		return touches(changed, "themes")
	}
	for _, p := range changed {
		if p == c.Src || strings.HasPrefix(c.Src, p+"/") {
			return true
		}
	}
	return false
}

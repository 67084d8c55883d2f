package render

import (
	"bytes"
	"fmt"
	"github.com/storyhub/storyhub/internal/buildcache"
	"path"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"github.com/tdewolff/minify/v2"

	"github.com/storyhub/storyhub/internal/site"
)

// Pass is one making of a plan's outputs: what several outputs share
// (cards, shared partials, kits) is made once per pass, with what it
// read. Made with Deps, a pass records what each output reads, so a
// later pass can keep the outputs whose reads are unchanged (see
// deps.go); without, it records nothing. Every byte that is minified is
// minified here or, for pages, by templates and the Markdown renderer
// set up in this package (minify.go).
type Pass struct {
	deps   *Deps // nil: nothing is recorded
	minify bool
	m      *minify.M
	// Cache keeps expensive outputs (resized images, preview cards)
	// between builds, by the hash of what they are made from; nil caches
	// nothing.
	Cache *buildcache.Cache

	mu        sync.Mutex
	cards     map[cardKey]piece
	entries   map[searchKey]piece
	fragments map[any]piece // partials, by itemKey and sharedKey
	kits      map[*site.Community]*kitPiece
	pictures  map[*site.Picture]*pictureCopies
	// held is the block the pieces' text is copied into: kept to the
	// pass's end side by side, pieces leave no part-used spans among
	// the pages' short-lived garbage, which on a large site held a
	// tenth of the heap.
	held []byte
}

// holdBlock is the size of a block of held text.
const holdBlock = 256 << 10

// hold returns s, copied into the pass's block when it is small; call
// it with p.mu held. Held bytes are never written again.
func (p *Pass) hold(s string) string {
	if len(s) == 0 || len(s) > holdBlock/16 {
		return s
	}
	if cap(p.held)-len(p.held) < len(s) {
		p.held = make([]byte, 0, holdBlock)
	}
	start := len(p.held)
	p.held = append(p.held, s...)
	return unsafe.String(&p.held[start], len(s))
}

// piece is a part made once per pass and what it read.
type piece struct {
	text string
	deps []dep
}

// NewPass starts a pass over the outputs of a plan. With deps, what each
// output reads is recorded; call deps.Update with the plan's renderer and
// model first. With minify, static files and the sitemap are minified.
func NewPass(deps *Deps, minify bool) *Pass {
	return &Pass{deps: deps, minify: minify, m: NewMinifier(),
		cards: map[cardKey]piece{}, entries: map[searchKey]piece{}, fragments: map[any]piece{}, kits: map[*site.Community]*kitPiece{}, pictures: map[*site.Picture]*pictureCopies{}}
}

// Fresh reports whether an output made in an earlier pass, which read
// what reads says, would be made the same in this one.
func (p *Pass) Fresh(o *Output, reads *Reads) bool {
	return p.deps != nil && p.deps.Fresh(o.Path, reads, o.template)
}

// Make renders o; the bytes alias a or b. With a recording pass it also
// returns what o read.
func (p *Pass) Make(o *Output, a, b *bytes.Buffer) ([]byte, *Reads, error) {
	var rec *recorder
	if p.deps != nil {
		rec = &recorder{}
	}
	a.Reset()
	if err := o.render(a, p, rec); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", o.Path, err)
	}
	data := a.Bytes()
	if p.minify && Minified(o.MediaType) {
		b.Reset()
		if err := p.m.Minify(o.MediaType, b, a); err != nil {
			return nil, nil, fmt.Errorf("minifying %s: %w", o.Path, err)
		}
		data = b.Bytes()
	}
	var reads *Reads
	if p.deps != nil {
		reads = p.deps.reads(o.Path, rec, o.template)
	}
	return data, reads, nil
}

// Cached is the build cache's file that holds o's bytes, when o is an
// expensive output (see Output.cacheKey) made before: a build may
// publish that file as it is instead of calling Make. Never in a pass
// that records reads (a preview keeps bytes, not files).
func (p *Pass) Cached(o *Output) (string, bool) {
	if o.cacheKey == nil || p.deps != nil || p.Cache == nil {
		return "", false
	}
	return p.Cache.File(o.cacheKey(p))
}

// Minified reports whether outputs of a media type go through the
// minifier here: pages come minified from their templates and bodies,
// feeds, calendars and the search index compact from their encoders, and a zip or
// a picture is binary, so only the sitemap and styles do.
func Minified(mediaType string) bool {
	switch mediaType {
	case HTML, Text, Feed, Zip, JSON, PNG, Calendar, "image/jpeg":
		return false
	}
	return true
}

// Copy reads a copied file into a, minified into b when it is a static
// file of a kind the minifier knows; the bytes alias a or b.
func (p *Pass) Copy(c *Copy, a, b *bytes.Buffer) ([]byte, error) {
	f, err := c.FS.Open(c.Src)
	if err != nil {
		return nil, fmt.Errorf("copying %s: %w", c.Src, err)
	}
	defer f.Close()
	a.Reset()
	// Into the buffer's own space: io.Copy would go through the file's
	// WriteTo, which makes a new buffer for every file.
	if _, err := a.ReadFrom(f); err != nil {
		return nil, fmt.Errorf("copying %s: %w", c.Src, err)
	}
	mt := minifiableCopy(c.Path)
	if !p.minify || !c.Minify || mt == "" {
		return a.Bytes(), nil
	}
	b.Reset()
	if err := p.m.Minify(mt, b, a); err != nil {
		return nil, fmt.Errorf("minifying %s: %w", c.Src, err)
	}
	return b.Bytes(), nil
}

// minifiableCopy is the media type a copied file is minified as, or "".
func minifiableCopy(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".css":
		return "text/css"
	case ".js":
		return "application/javascript"
	case ".svg":
		return "image/svg+xml"
	case ".json":
		return JSON
	}
	return ""
}

// pieceFor returns the piece under key, made once per pass with its own
// recorder (kept across passes by Deps); what it read is added to rec.
// local is the pass's map for pieces of key's kind: typed, so a lookup
// boxes nothing.
func pieceFor[K comparable](p *Pass, local map[K]piece, key K, rec *recorder, build func(own *recorder) (string, error)) (string, error) {
	pc, err := pieceOf(p, local, key, build)
	if err != nil {
		return "", err
	}
	rec.merge(pc.deps)
	return pc.text, nil
}

// pieceOf is pieceFor without a recorder: the piece itself, for a caller
// that adds what it read later.
func pieceOf[K comparable](p *Pass, local map[K]piece, key K, build func(own *recorder) (string, error)) (piece, error) {
	p.mu.Lock()
	pc, ok := local[key]
	p.mu.Unlock()
	if !ok && p.deps != nil {
		pc, ok = p.deps.piece(key)
	}
	if !ok {
		var own *recorder
		if p.deps != nil {
			own = &recorder{}
		}
		h, err := build(own)
		if err != nil {
			return piece{}, err
		}
		pc = piece{h, slices.Clone(own.distinct())}
		p.mu.Lock()
		pc.text = p.hold(pc.text)
		local[key] = pc
		p.mu.Unlock()
		if p.deps != nil {
			p.deps.keep(key, pc)
		}
	}
	return pc, nil
}

// kitPiece is a community's kit, made once per pass.
type kitPiece struct {
	once sync.Once
	data []byte
	deps []dep
	err  error
}

// kit is the archive of c, made once per pass; what it read is added to
// rec.
func (p *Pass) kit(spec *kit, rec *recorder) ([]byte, error) {
	p.mu.Lock()
	k, ok := p.kits[spec.c]
	if !ok {
		k = &kitPiece{}
		p.kits[spec.c] = k
	}
	p.mu.Unlock()
	k.once.Do(func() {
		var own *recorder
		if p.deps != nil {
			own = &recorder{}
		}
		k.data, k.err = spec.make(p, communityOf(spec.c, own), own)
		k.deps = own.distinct()
	})
	rec.merge(k.deps)
	return k.data, k.err
}

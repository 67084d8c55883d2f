package build

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"strings"
	"sync"

	"github.com/storyhub/storyhub/internal/parallel"
	"github.com/storyhub/storyhub/internal/render"
)

// The one loop that makes a site: every output and copied file of a
// model, on every core, handed to a sink. A build's sink writes each file
// to the new output folder (write.go); the preview's keeps them in
// memory, with what each output read, so that the next pass makes again
// only the outputs whose reads changed (render.Deps) and copies again
// only files whose source changed.

// sink takes each file of a pass: put a file made, from many
// goroutines; keep a file kept from the last pass, from one; link a file
// of the build cache as it is (see render.Pass.Cached), from many, or
// fail, and the file is made instead.
type sink interface {
	put(path string, data []byte, made *madeFile) error
	keep(path string, old *madeFile) error
	link(path, cached string) error
}

// madeFile is a file as the memory sink keeps it.
type madeFile struct {
	data  []byte
	reads *render.Reads // outputs: what the output read
	src   string        // copies: where it came from (sourceName)
}

// makeAll runs the pass over m into out. kept, if not nil, is the last
// pass's files: an output whose reads are unchanged, and a copy whose
// source is unchanged (not under a changed path), is handed over as it
// was; the rest are made on every core and extra goroutines more.
func makeAll(ctx context.Context, m *Model, pass *render.Pass, kept map[string]*madeFile, changed []string, extra int, out sink) error {
	outs, copies := m.Outputs, m.Copies
	todo := make([]int, 0, len(outs)+len(copies))
	// Which outputs are fresh, on every core.
	fresh := make([]bool, len(outs))
	if kept != nil {
		const chunk = 256
		parallel.Each((len(outs)+chunk-1)/chunk, 0, func() func(int) bool {
			return func(c int) bool {
				for i := c * chunk; i < min((c+1)*chunk, len(outs)); i++ {
					old := kept[outs[i].Path]
					fresh[i] = old != nil && pass.Fresh(&outs[i], old.reads)
				}
				return true
			}
		})
	}
	for i := range outs {
		if !fresh[i] {
			todo = append(todo, i)
		} else if err := out.keep(outs[i].Path, kept[outs[i].Path]); err != nil {
			return err
		}
	}
	for i := range copies {
		c := &copies[i]
		if old := kept[c.Path]; old != nil && old.src == sourceName(c) && !changedPath(changed, c) {
			if err := out.keep(c.Path, old); err != nil {
				return err
			}
			continue
		}
		todo = append(todo, len(outs)+i)
	}
	return forEach(ctx, len(todo), extra, func(k int, a, b *bytes.Buffer) error {
		i := todo[k]
		if i < len(outs) {
			o := &outs[i]
			if cached, ok := pass.Cached(o); ok && out.link(o.Path, cached) == nil {
				return nil
			}
			data, reads, err := pass.Make(o, a, b)
			if err != nil {
				return err
			}
			return out.put(o.Path, data, &madeFile{reads: reads})
		}
		c := &copies[i-len(outs)]
		data, err := pass.Copy(c, a, b)
		if err != nil {
			return err
		}
		return out.put(c.Path, data, &madeFile{src: sourceName(c)})
	})
}

// Snapshot is a whole built site in memory: the same files, with the same
// bytes, that a build writes to disk.
type Snapshot struct {
	Files map[string][]byte // output path → bytes
}

// memory is the preview's sink: the files of one pass. Given the last
// pass's files of the same plan (same outputs and copies), it starts from
// them, so that a pass that keeps most files costs what it makes.
type memory struct {
	mu     sync.Mutex
	files  map[string][]byte
	made   map[string]*madeFile
	filled bool // files and made hold the last pass's
}

func (mem *memory) put(path string, data []byte, made *madeFile) error {
	made.data = bytes.Clone(data) // data is a worker's buffer
	mem.mu.Lock()
	mem.files[path], mem.made[path] = made.data, made
	mem.mu.Unlock()
	return nil
}

// link fails: a preview keeps every file's bytes.
func (mem *memory) link(string, string) error { return errors.ErrUnsupported }

func (mem *memory) keep(path string, old *madeFile) error {
	if !mem.filled {
		mem.files[path], mem.made[path] = old.data, old
	}
	return nil
}

// Snapshot makes m in memory, keeping from the last snapshot every file
// whose inputs are unchanged.
func (b *Builder) Snapshot(ctx context.Context, m *Model) (*Snapshot, error) {
	if b.deps == nil || b.pendingAll {
		b.deps, b.kept, b.files = render.NewDeps(), nil, nil
	}
	b.deps.Update(m.Renderer, m.Site)
	var mem *memory
	if b.files != nil && b.keptPlan.same(m) {
		mem = &memory{files: maps.Clone(b.files), made: b.kept, filled: true}
	} else {
		n := len(m.Outputs) + len(m.Copies)
		mem = &memory{files: make(map[string][]byte, n), made: make(map[string]*madeFile, n)}
	}
	pass := newPass(b.deps, b.cfg)
	if err := makeAll(ctx, m, pass, b.kept, b.pending, 0, mem); err != nil {
		// What was kept may be half replaced: start again next time.
		b.deps, b.kept, b.files = nil, nil, nil
		return nil, err
	}
	b.kept, b.files, b.keptPlan = mem.made, mem.files, planOf(m)
	b.pending, b.pendingAll = nil, false
	b.deps.Compact(func(yield func(string, *render.Reads) bool) {
		for path, f := range b.kept {
			if f.reads != nil && !yield(path, f.reads) {
				return
			}
		}
	})
	return &Snapshot{Files: mem.files}, nil
}

// plan names a model's list of files by the lists themselves: a model
// kept as it was (site.Memo) has the very same.
type plan struct {
	outs   *render.Output
	copies *render.Copy
	n, c   int
}

func planOf(m *Model) plan {
	p := plan{n: len(m.Outputs), c: len(m.Copies)}
	if p.n > 0 {
		p.outs = &m.Outputs[0]
	}
	if p.c > 0 {
		p.copies = &m.Copies[0]
	}
	return p
}

func (p plan) same(m *Model) bool { return p == planOf(m) }

// sourceName tells copies from the site and from the built-in theme apart.
func sourceName(c *render.Copy) string {
	if c.Site {
		return "site:" + c.Src
	}
	return "theme:" + c.Src
}

// changedPath reports whether a copy's source is among the changed site
// paths. Theme files are compared by their place under themes/.
func changedPath(changed []string, c *render.Copy) bool {
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

// newPass starts a pass of the build cfg asks for.
func newPass(deps *render.Deps, cfg Config) *render.Pass {
	pass := render.NewPass(deps, !cfg.NoMinify)
	pass.Cache = cfg.Cache
	return pass
}

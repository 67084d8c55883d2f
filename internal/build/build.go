// Package build runs the pipeline: read the site, model it, plan every
// output, and make every file in one loop (pipeline.go) into a sink:
// the output folder, written atomically, for build; memory, for the
// preview, which keeps between runs what is unchanged.
//
// The site folder is read through os.Root, so a symbolic link that points
// outside the site is never followed. Nothing is written until the whole
// site has been checked, every output path claimed once (Load plans every
// output, for check as for build and serve): on any problem the output
// folder is left exactly as it was. The new site is written into a temporary folder beside the
// output folder and swapped in with one rename, so a failed or killed
// build never leaves half a site. The output folder carries a marker file;
// a folder without it that is not empty is never replaced, so a mistyped
// -o cannot delete a user's files.
//
// static/ is the maintainers', copied as it is, but an SVG there is
// opened on the hub's own origin like a bundle's: each is checked with
// content.CheckSVG, and a problem stops the build and check alike.
package build

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"io/fs"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/storyhub/storyhub/internal/buildcache"
	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/markdown"
	"github.com/storyhub/storyhub/internal/render"
	"github.com/storyhub/storyhub/internal/site"
	"github.com/storyhub/storyhub/themes"
)

// Config is what to build and how.
type Config struct {
	SiteDir  string
	OutDir   string
	Drafts   bool
	Future   bool
	BaseURL  string    // overrides site.toml when set
	NoMinify bool      // write outputs as rendered
	Now      time.Time // the build's moment; zero means time.Now()
	// CheckOnly checks the site without rendering pages (storyhub check).
	CheckOnly bool
	// FrontMatterOnly reads the front matter alone, for what needs no
	// body and no page (storyhub stats and digest): bodies are neither
	// rendered nor checked, and the Model has no theme or plan.
	FrontMatterOnly bool
	// Kinds are the kinds of content, one section each;
	// content.DefaultKinds when nil.
	Kinds content.KindTable
	// Cache keeps resized images and preview cards between builds
	// (buildcache); nil makes them again every time (--no-cache).
	Cache *buildcache.Cache
}

// kinds is the table of c, and what is wrong with it.
func (c Config) kinds() (content.KindTable, error) {
	if c.Kinds == nil {
		return content.DefaultKinds(), nil
	}
	return c.Kinds, c.Kinds.Check()
}

// Phase is the duration of one step of the build.
type Phase struct {
	Name     string
	Duration time.Duration
}

// Result describes a finished build.
type Result struct {
	Pages    int // rendered outputs (HTML, feeds, sitemap, ...)
	Files    int // copied files
	Warnings content.ErrorList
	Phases   []Phase
}

// Model is a checked site, ready to render: its plan lists every output,
// each path claimed once.
type Model struct {
	Site     *site.Site
	SiteFS   fs.FS
	Static   []string // the site's static files
	Renderer *render.Renderer
	Outputs  []render.Output
	Copies   []render.Copy
	Warnings content.ErrorList
}

// Builder runs the pipeline on one site and keeps what it can between
// runs, each piece by its inputs: decoded files by their bytes, rendered
// Markdown by its bytes and link answers, the theme until a theme file
// changes, each output while what it read is unchanged (render.Deps). A
// Builder is used by one goroutine at a time.
type Builder struct {
	cfg       Config
	kinds     content.KindTable
	kindsErr  error // what is wrong with cfg.Kinds
	siteFS    fs.FS
	content   *content.Cache
	memo      *site.Memo
	md        *markdown.Renderer
	renderer  *render.Renderer
	themeName string // the theme the renderer was made for
	seed      maphash.Seed
	static    []string // the site's static files, listed again when static/ changes
	// staticSkipped warns of the links and devices in static/, and
	// holds the problems of its SVGs.
	staticSkipped content.ErrorList
	planned       planned // the last plan, for a model kept as it was
	// deps and kept are the last snapshot's: what each output read, and
	// every file made.
	deps     *render.Deps
	kept     map[string]*madeFile
	files    map[string][]byte // the last snapshot's
	keptPlan plan              // the plan kept and files were made for
	// pending is every path changed since the last Snapshot, so a change
	// made while the site had errors is not forgotten once they are fixed.
	pending    []string
	pendingAll bool
	limits     content.Limits // the site's, as the last Load read site.toml
}

// NewBuilder returns a builder for the site in siteFS that keeps what it
// can between runs.
func NewBuilder(cfg Config, siteFS fs.FS) *Builder {
	kinds, err := cfg.kinds()
	return &Builder{cfg: cfg, kinds: kinds, kindsErr: err, siteFS: siteFS, content: content.NewCache(kinds), memo: site.NewMemo(), md: newMarkdown(cfg), seed: maphash.MakeSeed()}
}

// newMarkdown is the Markdown renderer for a build: it minifies the HTML
// unless the build does not minify (the templates are minified with the
// theme, see render.New).
func newMarkdown(cfg Config) *markdown.Renderer {
	if cfg.NoMinify {
		return markdown.New(nil)
	}
	return markdown.New(render.NewMinifier())
}

// Load reads and checks the site in siteFS once: configuration, content,
// model, theme and the plan of every output. Nothing is kept for a later run, so documents that are
// not published (drafts, scheduled) are not held while the site is
// written. When the content has errors, the error is the ErrorList of
// every problem found, warnings and notes included.
func Load(ctx context.Context, cfg Config, siteFS fs.FS, phases *[]Phase) (*Model, error) {
	kinds, err := cfg.kinds()
	b := &Builder{cfg: cfg, kinds: kinds, kindsErr: err, siteFS: siteFS, md: newMarkdown(cfg), seed: maphash.MakeSeed()}
	return b.Load(ctx, nil, phases)
}

// Load reads and checks the site. changed lists the site paths that may
// have changed since the last Load (nil: unknown, read everything).
func (b *Builder) Load(ctx context.Context, changed []string, phases *[]Phase) (*Model, error) {
	if b.kindsErr != nil {
		return nil, b.kindsErr
	}
	now := b.cfg.Now
	if now.IsZero() {
		now = time.Now()
	}
	if changed == nil {
		b.pendingAll = true
	}
	b.pending = append(b.pending, changed...)
	timer := newTimer(phases)

	var problems content.ErrorList
	scfg := site.DefaultConfig()
	// Within the default limit of a Markdown file: site.toml sets the limits.
	if data, err := content.ReadFile(b.siteFS, site.ConfigFile, content.DefaultLimits().File); err == nil {
		var errs content.ErrorList
		scfg, errs = site.ParseConfig(data)
		problems = append(problems, errs...)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", site.ConfigFile, err)
	}
	if scfg.CardFont != "" && touches(b.pending, scfg.CardFont) {
		// Every card, and every page's choice of card, is drawn with it.
		b.pendingAll = true
	}
	if b.cfg.BaseURL != "" {
		if err := scfg.WithBaseURL(b.cfg.BaseURL); err != nil {
			return nil, err
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// One run (no content cache): a page's body goes once it is rendered.
	opts := site.Options{Drafts: b.cfg.Drafts, Future: b.cfg.Future, Now: now, CheckOnly: b.cfg.CheckOnly || b.cfg.FrontMatterOnly, FrontMatterOnly: b.cfg.FrontMatterOnly, DropBodies: b.content == nil, Kinds: b.kinds}
	cache := b.content
	if cache == nil {
		// One run: the cache goes with this call, and documents that are
		// not published keep no body.
		cache = content.NewCache(b.kinds)
		cache.OneRun = true
		cache.KeepBody = func(d *content.Doc) bool { return !opts.FrontMatterOnly && site.Publishable(d, opts) }
	}
	cache.Limits = scfg.Limits()
	b.limits = cache.Limits
	docs, errs := cache.Load(b.siteFS, changed)
	problems = append(problems, errs...)
	timer.done("load")
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s, errs := site.New(scfg, docs, opts, b.md, b.memo)
	problems = append(problems, errs...)
	timer.done("model")
	if b.cfg.FrontMatterOnly {
		// What reads the front matter alone needs no theme, static
		// files or plan: the content's own problems are the errors.
		problems.Sort()
		if problems.Count(content.SeverityError) > 0 {
			return nil, problems.Capped(content.MaxProblemsPerFile)
		}
		return &Model{Site: s, SiteFS: b.siteFS, Warnings: problems.Advice().Capped(content.MaxProblemsPerFile)}, nil
	}
	// static/ is the maintainers', but an SVG there is still opened on
	// the hub's origin: it is checked as a bundle's is.
	if b.static == nil || b.pendingAll || touches(b.pending, "static") {
		static, skipped, err := render.StaticFiles(b.siteFS)
		if err != nil {
			return nil, fmt.Errorf("static: %w", err)
		}
		for _, p := range static {
			if t, _ := content.TypeOf(p); t.Bytes == "svg" {
				skipped = append(skipped, content.CheckSVGFile(b.siteFS, p)...)
			}
		}
		b.static, b.staticSkipped = static, skipped
	}
	problems = append(problems, b.staticSkipped...)
	// The plan is made even when the content has errors, so that paths
	// claimed twice are reported with them: a plan only lists outputs.
	failed := func(err error) (*Model, error) {
		var list content.ErrorList
		if errors.As(err, &list) {
			problems = append(problems, list...)
		} else if problems.Count(content.SeverityError) == 0 {
			return nil, err
		}
		problems.Sort()
		// Every file's problems, warnings too, a page of them at most.
		return nil, problems.Capped(content.MaxProblemsPerFile)
	}
	if err := b.theme(scfg.Theme); err != nil {
		return failed(err)
	}
	timer.done("theme")
	outs, copies, err := b.plan(s)
	if err != nil {
		return failed(err)
	}
	problems = append(problems, b.planned.index.CheckSiteLinks(s)...)
	problems = append(problems, render.Warnings(outs)...)
	timer.done("plan")
	problems.Sort()
	if problems.Count(content.SeverityError) > 0 {
		return nil, problems.Capped(content.MaxProblemsPerFile)
	}
	return &Model{Site: s, SiteFS: b.siteFS, Static: b.static, Renderer: b.renderer, Outputs: outs, Copies: copies, Warnings: problems.Advice().Capped(content.MaxProblemsPerFile)}, nil
}

// plan lists every output of s, checked. A model kept from the last load
// (only bodies changed, see site.Memo) with the same theme and static
// files has the same outputs: its checked plan is kept.
func (b *Builder) plan(s *site.Site) ([]render.Output, []render.Copy, error) {
	p := &b.planned
	if p.site == s && p.renderer == b.renderer && slices.Equal(p.static, b.static) && !b.pendingAll {
		return p.outs, p.copies, nil
	}
	outs, copies, err := b.renderer.Plan(s, b.siteFS, b.static)
	if err != nil {
		*p = planned{}
		return nil, nil, err
	}
	*p = planned{s, b.renderer, b.static, outs, copies, render.NewOutputIndex(outs, copies)}
	return outs, copies, nil
}

// planned is the last checked plan and what it was made from.
type planned struct {
	site     *site.Site
	renderer *render.Renderer
	static   []string
	outs     []render.Output
	copies   []render.Copy
	index    *render.OutputIndex // of outs and copies, for the links to them
}

// theme makes the renderer for the named theme, again only when the
// theme may have changed.
func (b *Builder) theme(name string) error {
	if b.renderer == nil || b.themeName != name || b.pendingAll || touches(b.pending, "themes") {
		theme, err := themeFS(b.siteFS, name)
		if err != nil {
			return err
		}
		r, err := render.New(theme, "themes/"+name, b.kinds, !b.cfg.NoMinify)
		if err != nil {
			b.renderer = nil
			return err
		}
		b.renderer, b.themeName = r, name
	}
	return nil
}

// Limits are the file size limits of the site as the last Load found
// them.
func (b *Builder) Limits() content.Limits { return b.limits }

// touches reports whether a changed path is dir or inside it.
func touches(changed []string, dir string) bool {
	for _, p := range changed {
		if p == dir || strings.HasPrefix(p, dir+"/") {
			return true
		}
	}
	return false
}

// Build checks the site and writes it to cfg.OutDir.
func Build(ctx context.Context, cfg Config) (*Result, error) {
	res := &Result{}
	if err := checkOutDir(cfg.SiteDir, cfg.OutDir); err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(cfg.SiteDir)
	if err != nil {
		return nil, fmt.Errorf("site folder: %w", err)
	}
	defer root.Close()
	site := NewFolders(root)
	defer site.Close()
	m, err := Load(ctx, cfg, site, &res.Phases)
	if err != nil {
		return nil, err
	}
	res.Warnings = m.Warnings
	timer := newTimer(&res.Phases)
	outs, copies := m.Outputs, m.Copies
	if err := write(ctx, cfg, m); err != nil {
		return nil, err
	}
	timer.done("render and write")
	res.Pages, res.Files = len(outs), len(copies)
	return res, nil
}

// themeFS layers the site's themes/<name>/ over the built-in theme.
func themeFS(siteFS fs.FS, name string) (fs.FS, error) {
	dir := "themes/" + name
	own, err := fs.Stat(siteFS, dir)
	switch {
	case err == nil && own.IsDir():
		sub, err := fs.Sub(siteFS, dir)
		if err != nil {
			return nil, err
		}
		return layered{sub, themes.Default()}, nil
	case name != "default":
		return nil, fmt.Errorf("%s: theme %q: no folder %s/ in the site", site.ConfigFile, name, dir)
	}
	return themes.Default(), nil
}

// layered is a file system made of layers: a name is looked up in each
// layer in turn, so an upper layer overrides a lower one file by file.
type layered []fs.FS

func (l layered) Open(name string) (fs.File, error) {
	var first error
	for _, f := range l {
		file, err := f.Open(name)
		if err == nil {
			return file, nil
		}
		if first == nil {
			first = err
		}
	}
	return nil, first
}

type timer struct {
	phases *[]Phase
	start  time.Time
}

func newTimer(phases *[]Phase) *timer { return &timer{phases, time.Now()} }

func (t *timer) done(name string) {
	now := time.Now()
	if t.phases != nil {
		*t.phases = append(*t.phases, Phase{name, now.Sub(t.start)})
	}
	t.start = now
}

// ReadDir merges a folder's entries across layers; the upper layer's entry
// wins when both have a name.
func (l layered) ReadDir(name string) ([]fs.DirEntry, error) {
	seen := map[string]bool{}
	var out []fs.DirEntry
	var first error
	found := false
	for _, f := range l {
		entries, err := fs.ReadDir(f, name)
		if err != nil {
			if first == nil {
				first = err
			}
			continue
		}
		found = true
		for _, e := range entries {
			if !seen[e.Name()] {
				seen[e.Name()] = true
				out = append(out, e)
			}
		}
	}
	if !found {
		return nil, first
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return out, nil
}

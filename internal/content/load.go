package content

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"gopkg.in/yaml.v3"

	"github.com/storyhub/storyhub/internal/parallel"
)

// Load reads every document under content/ in fsys (the site root), one
// section for each of kinds. It returns the documents that decoded,
// sorted by path, and every problem found, errors and warnings, sorted.
func Load(fsys fs.FS, kinds KindTable) ([]*Doc, ErrorList) {
	return NewCache(kinds).Load(fsys, nil)
}

// Cache remembers the content tree between loads: the list of files, each
// file's decoded front matter keyed by the hash of its bytes, and the size
// and hash of each listed download. A load after a few edits then reads
// only the files that changed. A Cache is used by one goroutine at a time.
type Cache struct {
	// KeepBody, when set, says which documents keep their body: a build
	// that publishes some documents only need not hold the others'.
	KeepBody func(*Doc) bool
	// OneRun says the cache serves a single load: nothing is kept for a
	// next one, and each document is decoded into the one returned
	// rather than copied from a kept original, so a large hub is held
	// once, not twice, while it loads.
	OneRun bool
	// Limits bound each file's size; NewCache sets DefaultLimits.
	Limits Limits
	// limitsUsed are those of the last load: other limits read everything
	// again.
	limitsUsed Limits
	kinds      KindTable

	files    []string  // regular files below the section folders, sorted
	scanErrs ErrorList // problems found listing the tree
	scanned  bool
	parsed   map[string]parsed
	grouped  *grouping            // c.files sorted out; nil when the list changed
	done     map[string]finished  // the documents of the last load
	sums     map[string]fileSum   // download path → size and hash
	judged   map[string]ErrorList // bundle file → why it may not be published
	sumsMu   sync.Mutex
	copyBufs sync.Pool // of *[]byte, for hashing downloads
}

type parsed struct {
	hash [32]byte
	doc  *Doc // as Parse returned it; copied before every use
	errs ErrorList
	// unread: the file could not be read (too large, unreadable), so
	// no earlier version of it may stand in for it; it is read again on
	// every load.
	unread bool
}

// finished is a document as the last load returned it. It is returned
// again while neither its file, its bundle's files nor its downloads
// change; documents are never changed once returned.
type finished struct {
	doc  *Doc
	errs ErrorList
}

// filesStale reports whether a download or image of d changed.
func (c *Cache) filesStale(d *Doc, stale map[string]bool) bool {
	if len(stale) == 0 {
		return false
	}
	if d.Bundle && bundleStale(d, stale) {
		return true
	}
	for _, f := range d.Files {
		if f.Hosted() {
			continue // nothing of it is read
		}
		if f.Source == "" {
			return true
		}
		for p := range stale { // a file, or a folder above it
			if f.Source == p || strings.HasPrefix(f.Source, p+"/") {
				return true
			}
		}
	}
	return d.Image != "" // cheap to check again, and rare
}

type fileSum struct {
	size  int64
	sum   string
	looks string // what the bytes look like when not what the name says
	// width and height of a raster picture, from its header
	width, height int
	pages         int // of a PDF that could be read, else 0
}

// NewCache returns an empty cache for a site of kinds.
func NewCache(kinds KindTable) *Cache {
	return &Cache{Limits: DefaultLimits(), kinds: kinds, parsed: map[string]parsed{}, done: map[string]finished{}, sums: map[string]fileSum{}, judged: map[string]ErrorList{}}
}

// Load reads the tree. changed lists the site paths (files or folders,
// slash-separated) that may have changed since the last Load; nil means
// unknown, and the whole tree is listed and every file read again.
func (c *Cache) Load(fsys fs.FS, changed []string) ([]*Doc, ErrorList) {
	if c.Limits != c.limitsUsed {
		changed, c.limitsUsed = nil, c.Limits // a file refused or let in before may not be now
	}
	stale := c.invalidate(fsys, changed)
	if !c.scanned {
		var errs ErrorList
		files, err := listContent(fsys, c.kinds, &errs)
		if err != nil {
			errs = append(errs, &Error{Pos: Pos{File: "content"}, Msg: err.Error()})
			return nil, errs
		}
		c.files, c.scanErrs, c.scanned, c.grouped = files, errs, true, nil
	}
	if c.grouped == nil {
		c.grouped = group(c.files, c.kinds)
		c.prune()
	}
	g := c.grouped
	errs := append(append(ErrorList(nil), c.scanErrs...), g.errs...)

	// Documents whose inputs did not change are the ones returned last
	// time; the rest are read and decoded on every core.
	docs := make([]*Doc, len(g.entries))
	perDoc := make([]ErrorList, len(g.entries))
	var work []int
	for i, e := range g.entries {
		if prev, ok := c.done[e.path]; ok && !stale[e.path] && !c.filesStale(prev.doc, stale) {
			docs[i], perDoc[i] = prev.doc, prev.errs
			continue
		}
		work = append(work, i)
	}
	fresh := make([]*parsed, len(g.entries))
	schemas := newSchemas(c.kinds)
	parallel.Each(len(work), 0, func() func(int) bool {
		return func(k int) bool {
			i := work[k]
			docs[i], perDoc[i], fresh[i] = c.load(fsys, g.entries[i], g.resources, stale, schemas)
			return true
		}
	})

	for _, i := range work {
		if c.OneRun {
			break // nothing is kept for a next load
		}
		e := g.entries[i]
		if fresh[i] != nil {
			c.parsed[e.path] = *fresh[i]
		}
		if docs[i] != nil {
			c.done[e.path] = finished{doc: docs[i], errs: perDoc[i]}
		} else {
			delete(c.done, e.path)
		}
	}

	var out []*Doc
	for i, d := range docs {
		errs = append(errs, perDoc[i]...)
		if d != nil {
			out = append(out, d)
		}
	}
	errs.Sort()
	return out, errs
}

// entry is a document file and how it sits in its section.
type entry struct {
	kind   Kind
	path   string
	name   string
	bundle bool
	twin   string // another entry whose name makes the same slug, if any
}

// grouping is the file list sorted into documents and bundle files.
type grouping struct {
	entries   []entry
	resources map[string][]string // bundle folder → its files, sorted
	errs      ErrorList
}

// group sorts files into documents, and the resources of each bundle.
func group(files []string, kinds KindTable) *grouping {
	g := &grouping{resources: map[string][]string{}}
	bundles := map[string]bool{}
	for _, p := range files {
		parts := strings.Split(p, "/")[1:] // drop "content"
		kind, ok := kinds.OfSection(parts[0])
		if !ok {
			continue // reported by listContent
		}
		switch {
		case len(parts) == 2:
			name := strings.TrimSuffix(parts[1], ".md")
			if ext := path.Ext(parts[1]); ext != ".md" {
				if markdownExt(ext) {
					g.errs.Add(Pos{File: p}, fmt.Sprintf("%s is a Markdown file, but only names ending in .md are read", parts[1]),
						"rename it to "+strings.TrimSuffix(parts[1], ext)+".md")
					continue
				}
				g.errs.Add(Pos{File: p}, fmt.Sprintf("%s is not a Markdown file", parts[1]),
					"files a document uses go in its bundle folder (NAME/index.md) or under static/")
				continue
			}
			if name == "_index" || name == "index" {
				g.errs.Add(Pos{File: p}, "section pages are generated; "+parts[1]+" is not used",
					"remove it, or rename it to become an entry")
				continue
			}
			g.entries = append(g.entries, entry{kind: kind, path: p, name: name})
		case len(parts) >= 3:
			folder := path.Join("content", parts[0], parts[1])
			if len(parts) == 3 && parts[2] == "index.md" {
				bundles[folder] = true
				g.entries = append(g.entries, entry{kind: kind, path: p, name: parts[1], bundle: true})
			} else if ext := path.Ext(parts[2]); len(parts) == 3 && markdownExt(ext) && strings.EqualFold(strings.TrimSuffix(parts[2], ext), "index") {
				g.errs.Add(Pos{File: p}, fmt.Sprintf("%s is not read: a bundle's page is index.md", strings.Join(parts[1:], "/")),
					"rename it to index.md")
			} else {
				g.resources[folder] = append(g.resources[folder], strings.Join(parts[2:], "/"))
			}
		}
	}
	g.twins()
	for _, folder := range slices.Sorted(maps.Keys(g.resources)) {
		rs := g.resources[folder]
		slices.Sort(rs)
		if !bundles[folder] {
			g.errs.Add(Pos{File: path.Join(folder, rs[0])}, "folder "+folder+" has no index.md",
				"a bundle is NAME/index.md with its files beside it; add index.md or move the files")
		}
	}
	return g
}

// markdownExt reports whether ext is one Markdown files are often given
// other than .md (.markdown, .mdown, or .MD).
func markdownExt(ext string) bool {
	switch strings.ToLower(ext) {
	case ".md", ".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn":
		return true
	}
	return false
}

// twins notes, for each entry whose name is not a slug, another entry of
// its section whose name makes the same slug (My-Story.md and
// my-story.md), so that the warning about the name does not suggest the
// one it collides with. Most sites have no such names, and pay nothing.
func (g *grouping) twins() {
	var odd []int
	for i, e := range g.entries {
		if !ValidSlug(e.name) {
			odd = append(odd, i)
		}
	}
	if len(odd) == 0 {
		return
	}
	type key struct {
		kind Kind
		slug string
	}
	bySlug := map[key][]int{}
	for i, e := range g.entries {
		s := e.name
		if !ValidSlug(s) {
			s = Slugify(s)
		}
		bySlug[key{e.kind, s}] = append(bySlug[key{e.kind, s}], i)
	}
	for _, i := range odd {
		e := &g.entries[i]
		s := Slugify(e.name)
		for _, j := range bySlug[key{e.kind, s}] {
			if s == "" {
				break // reported as a name no slug comes from
			}
			if j != i {
				e.twin = g.entries[j].path
				break
			}
		}
	}
}

// prune forgets documents whose files are gone, and finished documents
// whose bundle may have changed.
func (c *Cache) prune() {
	present := make(map[string]bool, len(c.grouped.entries))
	for _, e := range c.grouped.entries {
		present[e.path] = true
	}
	for p := range c.parsed {
		if !present[p] {
			delete(c.parsed, p)
		}
	}
	// The file list changed: a finished document may have a different
	// bundle or resources now, so only decoded front matter is kept.
	c.done = map[string]finished{}
}

// load decodes one document (from the cache when its bytes are the same)
// and fills in what depends on its place in the tree.
func (c *Cache) load(fsys fs.FS, e entry, resources map[string][]string, stale map[string]bool, schemas schemas) (*Doc, ErrorList, *parsed) {
	var fresh *parsed
	pr, ok := c.parsed[e.path]
	if !ok || stale[e.path] || pr.unread {
		src, err := ReadFile(fsys, e.path, c.Limits.File)
		if err != nil {
			var list ErrorList
			if !sizeProblem(&list, Pos{File: e.path}, "the file", "Markdown file", err) {
				list.Add(Pos{File: e.path}, "cannot read: "+errText(err), "")
			}
			return nil, list, &parsed{errs: list, unread: true}
		}
		sum := sha256.Sum256(src)
		if !ok || sum != pr.hash {
			d, list := parse(e.path, e.kind, src, sum, schemas)
			pr = parsed{hash: sum, doc: d, errs: list}
			fresh = &pr
		}
	}
	if pr.doc == nil {
		return nil, pr.errs, fresh
	}
	// A copy, so documents of an earlier load stay as they were; one
	// run has no earlier load and keeps no original.
	d := pr.doc
	if !c.OneRun {
		copied := *pr.doc
		copied.Files = slices.Clone(copied.Files)
		d = &copied
	}
	list := append(ErrorList(nil), pr.errs...)
	d.Name, d.Bundle = e.name, e.bundle
	_, slugKey := schemas[d.Kind].byName["slug"]
	checkName(d, e.twin, slugKey, &list)
	read, imageSrc := c.resolveFiles(fsys, d, &list)
	if e.bundle {
		d.Resources = resources[path.Dir(e.path)]
		c.checkResources(fsys, d, read, &list)
	}
	d.Pictures = nil
	c.findPictures(fsys, d, imageSrc)
	if c.KeepBody != nil && !c.KeepBody(d) {
		d.Body = nil
		if fresh != nil {
			fresh.doc.Body = nil // the kept original (d itself in one run)
		}
	}
	return d, list, fresh
}

// invalidate applies a list of changed paths: files to read again, and
// the file list to update. It returns the files whose bytes may differ.
func (c *Cache) invalidate(fsys fs.FS, changed []string) map[string]bool {
	stale := map[string]bool{}
	if changed == nil {
		c.scanned = false
		c.sums = map[string]fileSum{}
		c.judged = map[string]ErrorList{}
		c.parsed = map[string]parsed{}
		c.done = map[string]finished{}
		c.grouped = nil
		return stale
	}
	for _, p := range changed {
		p = path.Clean(p)
		stale[p] = true
		// What was found of the file, or of the files in the folder, goes.
		under := func(k string) bool { return k == p || strings.HasPrefix(k, p+"/") }
		maps.DeleteFunc(c.sums, func(k string, _ fileSum) bool { return under(k) })
		maps.DeleteFunc(c.judged, func(k string, _ ErrorList) bool { return under(k) })
		if !strings.HasPrefix(p, "content/") || !c.scanned {
			continue
		}
		// A plain file changed, appeared or went inside a section: update
		// the list. Anything else (a folder, a section) is listed again.
		info, err := fs.Lstat(fsys, p)
		depth := strings.Count(p, "/")
		switch {
		case depth < 2 || Ignored(path.Base(p)):
			if depth < 2 {
				c.scanned = false
			}
		case errors.Is(err, fs.ErrNotExist):
			if i, found := slices.BinarySearch(c.files, p); found {
				c.files = slices.Delete(c.files, i, i+1)
				c.grouped = nil
			} else {
				c.scanned = false // perhaps a folder
			}
		case err != nil || !info.Mode().IsRegular():
			c.scanned = false
		default:
			if i, found := slices.BinarySearch(c.files, p); !found {
				c.files = slices.Insert(c.files, i, p)
				c.grouped = nil
			}
		}
	}
	return stale
}

// listContent walks content/ and returns the regular files below the
// section folders of kinds, skipping hidden and editor files. Anything
// else at the top of content/ is reported.
func listContent(fsys fs.FS, kinds KindTable, errs *ErrorList) ([]string, error) {
	if _, err := fs.Stat(fsys, "content"); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, errors.New("no content/ folder here; run storyhub in a site folder or pass -s SITE")
		}
		return nil, err
	}
	var files []string
	sections, folders := make([]string, len(kinds)), make([]string, len(kinds))
	for i, k := range kinds {
		sections[i], folders[i] = k.Section, k.Section+"/"
	}
	err := fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs.Add(Pos{File: p}, "cannot read: "+errText(err), "")
			return nil
		}
		if p == "content" {
			return nil
		}
		name := d.Name()
		if Ignored(name) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		depth := strings.Count(p, "/")
		if depth == 1 {
			if _, ok := kinds.OfSection(name); !ok || !d.IsDir() {
				errs.Add(Pos{File: p}, fmt.Sprintf("%q is not a section of the site", name),
					strings.TrimSpace(suggest(name, sections)+" content goes in content/"+OrList(folders)))
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
		}
		if d.Type().IsRegular() {
			files = append(files, p)
		} else if !d.IsDir() {
			errs.Add(Pos{File: p}, "not a regular file (a link or device) and is not read", "replace it with the file itself")
		}
		return nil
	})
	slices.Sort(files)
	return files, err
}

// Ignored reports whether a file is hidden or an editor's own: swap,
// backup and lock files and save probes. Such files are never read, copied
// or watched, so a half-saved file never reaches a site.
func Ignored(name string) bool {
	switch {
	case strings.HasPrefix(name, "."), name == "4913", name == "Thumbs.db":
		return true
	case strings.HasSuffix(name, "~"), strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swo"),
		strings.HasSuffix(name, ".swx"), strings.HasSuffix(name, ".bck"),
		strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"):
		return true
	case strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"):
		return true
	}
	return false
}

func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// Parse decodes one content file of kind, one of kinds. It returns nil
// and the problems when nothing usable could be read.
func Parse(file string, kinds KindTable, kind Kind, src []byte) (*Doc, ErrorList) {
	return parse(file, kind, src, sha256.Sum256(src), newSchemas(kinds))
}

// parse is Parse for a file whose SHA-256 is known.
func parse(file string, kind Kind, src []byte, sum [32]byte, schemas schemas) (*Doc, ErrorList) {
	var errs ErrorList
	at := func(line, col int) Pos { return Pos{File: file, Line: line, Col: col} }
	if i := bytes.IndexByte(src, 0); i >= 0 {
		l, c := lineCol(src, i)
		errs.Add(at(l, c), "the file contains a NUL byte", "save it as plain UTF-8 text")
		return nil, errs
	}
	if !utf8.Valid(src) {
		i := 0
		for i < len(src) {
			r, n := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			i += n
		}
		l, c := lineCol(src, i)
		errs.Add(at(l, c), "the file is not valid UTF-8", "save it with the UTF-8 encoding")
		return nil, errs
	}
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(src, '\r') >= 0 {
		// Old Mac line endings count as line breaks too, as YAML counts them.
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	}
	if len(bytes.TrimSpace(src)) == 0 {
		errs.Add(at(1, 0), "the file is empty", "start it with front matter: a line ---, title: ..., and another ---")
		return nil, errs
	}
	fm, body, bodyLine, err := split(src)
	if err != nil {
		var e *Error
		switch {
		case errors.As(err, &e):
			e.Pos.File = file
			errs = append(errs, e)
		case errors.Is(err, errNoFrontMatter):
			errs.Add(at(1, 1), "the file has no front matter",
				"start it with a line ---, then title:, summary: and date:, then another ---")
		default:
			errs.Add(at(1, 0), err.Error(), "")
		}
		return nil, errs
	}
	root, perr := fm.tree()
	if perr != nil {
		perr.Pos.File = file
		errs = append(errs, perr)
		return nil, errs
	}
	if root.Kind != yaml.MappingNode {
		errs.Add(at(root.Line, root.Column), "front matter must be key: value pairs, not "+kindName(root), "write one field per line, like title: My story")
		return nil, errs
	}
	d := &Doc{Kind: kind, Path: file, Hash: sum, MetaHash: metaHash(fm.data), Body: body, BodyLine: bodyLine}
	if parts := schemas[kind].kind.Parts; parts != nil {
		parts(d)
	}
	decode(d, root, fm, schemas, &errs)
	return d, errs
}

// maxSummary is the length past which search engines and social cards
// cut a summary.
const maxSummary = 200

// kindSchema is the field table of a kind, looked up by key. It is made
// once per kind and load, and only read while documents are decoded.
type kindSchema struct {
	kind   *KindSpec
	fields []Field
	byName map[string]Field
	names  []string // without aliases, for suggestions
}

func newKindSchema(k *KindSpec) *kindSchema {
	s := &kindSchema{kind: k, fields: k.Schema(), byName: map[string]Field{}}
	for _, f := range s.fields {
		s.byName[f.Name] = f
		if f.Alias == "" {
			s.names = append(s.names, f.Name)
		}
	}
	return s
}

// schemas holds the field table of every kind, by Kind.
type schemas []*kindSchema

func newSchemas(kinds KindTable) schemas {
	s := make(schemas, len(kinds))
	for k, spec := range kinds.All() {
		s[k] = newKindSchema(spec)
	}
	return s
}

// decode fills d from the front-matter mapping, checking every key against
// the kind's fields.
func decode(d *Doc, root *yaml.Node, fm *frontMatter, schemas schemas, errs *ErrorList) {
	schema := schemas[d.Kind]
	phrase := schema.kind.Phrase
	e := &decodeErrs{file: d.Path, list: errs, fm: fm, fields: schema.byName}
	opening := fm.line - 1 // the line of the opening delimiter
	fields, byName := schema.fields, schema.byName
	seen := make(map[string]string, len(root.Content)/2) // field → the key that set it
	// The fields whose decoding found an error, for the kind's Check.
	var failed []string
	d.Fields = make([]FieldAt, 0, len(root.Content)/2)
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		f, ok := byName[k.Value]
		if !ok {
			hint := ""
			if len(*errs) < MaxProblemsPerFile { // past it, a problem is counted, not shown
				hint = unknownKeyHint(k.Value, schema, schemas)
			}
			e.at(k, fmt.Sprintf("unknown key %q for %s", k.Value, phrase), hint)
			continue
		}
		if f.Alias != "" {
			f = byName[f.Alias]
		}
		if prev, dup := seen[f.Name]; dup {
			if prev == k.Value {
				e.at(k, fmt.Sprintf("%s is given twice", f.Name), "keep one")
			} else {
				e.at(k, fmt.Sprintf("%s is given twice (as %s and %s)", f.Name, prev, k.Value), "keep one")
			}
			continue
		}
		seen[f.Name] = k.Value
		d.Fields = append(d.Fields, FieldAt{f.Name, int32(v.Line), int32(v.Column)})
		if v.Kind == yaml.AliasNode {
			e.at(v, "YAML aliases (*name) are not supported in front matter", "write the value out")
			continue
		}
		before := errs.Count(SeverityError)
		f.decode(d, v, e)
		if errs.Count(SeverityError) > before {
			failed = append(failed, f.Name)
		}
	}
	open := Pos{File: d.Path, Line: max(opening, 1), Col: 1}
	for _, f := range fields {
		if f.Required {
			if _, ok := seen[f.Name]; !ok {
				errs.Add(open, fmt.Sprintf("missing required field %q for %s", f.Name, phrase),
					fmt.Sprintf("add %s: %s", f.Name, f.Doc))
			}
		}
	}
	if n := utf8.RuneCountInString(d.Summary); n > maxSummary {
		errs.Warn(d.FieldPos("summary"), fmt.Sprintf("summary is %d characters; cards and previews cut it after about %d", n, maxSummary),
			"keep it to one or two sentences")
	}
	if check := schema.kind.Check; check != nil {
		check(d, func(f string) bool { return slices.Contains(failed, f) }, errs)
	}
	checkDates(d, errs)
	if d.Image != "" && d.ImageAlt == "" {
		errs.Add(d.FieldPos("image"), "image has no image_alt", "add image_alt: a sentence saying what the image shows")
	}
	if d.QuoteBy != "" && d.PullQuote == "" {
		errs.Add(d.FieldPos("quote_by"), "quote_by without pull_quote", "add pull_quote: the words quoted, or remove quote_by")
	}
}

// unknownKeyHint is the hint for key, which schema's kind does not
// take: a near name of its own, else every kind that takes it (a common
// field, like slug, that a kind leaves out is not just a story's).
func unknownKeyHint(key string, schema *kindSchema, all schemas) string {
	if h := suggest(key, schema.names); h != "" {
		return h
	}
	var takers []string
	for _, other := range all {
		if _, ok := other.byName[key]; ok {
			takers = append(takers, other.kind.Phrase)
		}
	}
	if len(takers) > 0 {
		return fmt.Sprintf("%s is a field of %s, not of %s", key, OrList(takers), schema.kind.Phrase)
	}
	return "allowed: " + strings.Join(schema.names, ", ")
}

// checkName warns when a file name is not already a slug. twin is
// another document of the section whose name makes the same slug, or "".
// slugKey tells whether the kind takes slug:, which the hints offer only
// then.
func checkName(d *Doc, twin string, slugKey bool, errs *ErrorList) {
	if ValidSlug(d.Name) {
		return
	}
	if reservedName(d.Name) && d.Slug == "" {
		hint := "rename the file"
		if slugKey {
			hint += ", or add slug: to the front matter"
		}
		errs.Add(Pos{File: d.Path}, fmt.Sprintf("%q is a name Windows reserves for devices", d.Name), hint)
		return
	}
	s, ownSlug := Slugify(d.Name), d.Slug != ""
	if d.Slug == "" {
		if s == "" {
			hint := "rename the file to a name with letters or digits"
			if slugKey {
				hint = "add slug: to the front matter, or rename the file"
			}
			errs.Add(Pos{File: d.Path}, fmt.Sprintf("no slug can be made from the file name %q", d.Name), hint)
			return
		}
		d.Slug = s
	}
	hint := fmt.Sprintf("rename it to %s", s)
	switch {
	case twin != "" && ownSlug: // the pages differ, but the names would not
		hint = fmt.Sprintf("rename it to a lowercase name other than %s, which is the slug of %s", s, twin)
	case twin != "" && slugKey:
		hint = fmt.Sprintf("%s makes the slug %s too, so the two collide: rename one of them to another name, or give one a slug: of its own", twin, s)
	case twin != "":
		hint = fmt.Sprintf("%s makes the slug %s too, so the two collide: rename one of them to another name", twin, s)
	}
	errs.Warn(Pos{File: d.Path}, fmt.Sprintf("file name %q has capitals, spaces or other characters", d.Name), hint)
}

// resolveFiles finds each listed file and the image, and computes size,
// format and hash; a file whose bytes are not what its name says is an
// error at the entry that names it. It returns the site paths it read, so
// checkResources does not judge them again, and the site path of the
// image.
func (c *Cache) resolveFiles(fsys fs.FS, d *Doc, errs *ErrorList) ([]string, string) {
	var read []string
	imageSrc := ""
	for i := range d.Files {
		f := &d.Files[i]
		if f.Hosted() {
			continue
		}
		src, bundled, ok := localPath(fsys, d, &f.Path, f.Pos, "file", errs)
		if !ok {
			continue
		}
		f.Source, f.Bundled = src, bundled
		read = append(read, src)
		s, err := c.hashFile(fsys, src)
		if sizeProblem(errs, f.Pos, fmt.Sprintf("file %q", f.Path), "download", err) {
			continue
		}
		if err != nil {
			errs.Add(f.Pos, fmt.Sprintf("file %q: %s", f.Path, errText(err)), whereHint(fsys, d, f.Path, src, bundled))
			continue
		}
		// A bundle's SVG is read whole, and judged, by checkResources.
		// Other downloads are a warning: the page stands, and formats
		// have variants their first bytes may not show (an old binary
		// deck, a placeholder kept while the slides are written).
		if t, _ := TypeOf(f.Path); s.looks != "" && !(bundled && t.Bytes == "svg") {
			errs.Warn(f.Pos, fmt.Sprintf("file %q is not %s: %s", f.Path, named(t), s.looks), saveAgain(t, "file"))
		}
		f.Size, f.SHA256, f.Pages = s.size, s.sum, s.pages
		if f.Label == "" {
			f.Label = path.Base(f.Path)
		}
	}
	if d.Image != "" {
		if imageSrc, d.ImageSHA256 = c.checkImage(fsys, d, &d.Image, d.FieldPos("image"), "image", errs); imageSrc != "" {
			read = append(read, imageSrc)
		}
	}
	for _, people := range [][]Person{d.Authors, d.Speakers, d.Owners} {
		for i := range people {
			if p := &people[i]; p.Image != "" {
				if src, _ := c.checkImage(fsys, d, &p.Image, p.ImagePos, "image of "+p.Name, errs); src != "" {
					read = append(read, src)
				}
			}
		}
	}
	return read, imageSrc
}

// checkImage checks a picture the front matter names (what, at pos):
// its type, its path, that its bytes are what its name says; it returns
// its site path, "" when it has a problem, and its SHA-256 when it has
// none. typed is written back as it is published (see localPath).
func (c *Cache) checkImage(fsys fs.FS, d *Doc, typed *string, pos Pos, what string, errs *ErrorList) (string, string) {
	t, ok := TypeOf(*typed)
	if !ok || t.Use != Image {
		errs.Add(pos, fmt.Sprintf("%s %q is not a picture", what, *typed),
			"give a picture of one of these types: "+publishable(Image))
		return "", ""
	}
	src, bundled, ok := localPath(fsys, d, typed, pos, what, errs)
	if !ok {
		return "", ""
	}
	s, err := c.hashFile(fsys, src)
	switch {
	case sizeProblem(errs, pos, fmt.Sprintf("%s %q", what, *typed), "picture", err):
	case err != nil:
		errs.Add(pos, fmt.Sprintf("%s %q: %s", what, *typed, errText(err)), whereHint(fsys, d, *typed, src, bundled))
	case s.looks != "" && !(bundled && t.Bytes == "svg"):
		errs.Add(pos, fmt.Sprintf("%s %q is not %s: %s", what, *typed, named(t), s.looks), saveAgain(t, "picture"))
	default:
		return src, s.sum
	}
	return src, ""
}

// saveAgain is the hint for a file of type t whose bytes are not t's.
func saveAgain(t FileType, what string) string {
	if t.Bytes == "text" {
		return "save the " + what + " as UTF-8 text, or fix the file name"
	}
	return "save or export the " + what + " as " + strings.ToUpper(t.Ext) + " again, or fix the file name"
}

// localPath maps a path typed in front matter to a slash path in the site:
// "/x" is static/x, anything else is inside the bundle. It refuses paths
// that would leave their folder. It writes the typed path back as it is
// to be published: without a leading ./ (./photo.png is photo.png), and
// with a name found on disk in another Unicode normalization written as
// it is there (café.png typed in NFC, saved in NFD by macOS).
func localPath(fsys fs.FS, d *Doc, typed *string, pos Pos, what string, errs *ErrorList) (string, bool, bool) {
	p := *typed
	for strings.HasPrefix(p, "./") {
		p = strings.TrimLeft(p[2:], "/")
	}
	rel := strings.TrimPrefix(p, "/")
	if strings.Contains(p, "://") {
		hint := "copy the file into the bundle or static/ so readers are not tracked and it cannot vanish"
		if what == "file" {
			hint = "write url: instead of path: for a file hosted elsewhere"
		}
		errs.Add(pos, fmt.Sprintf("%s %q is on another site", what, p), hint)
		return "", false, false
	}
	if segmentProblem := badPath(rel); segmentProblem != "" && fs.ValidPath(rel) {
		errs.Add(pos, fmt.Sprintf("%s path %q %s", what, p, segmentProblem), "rename the file")
		return "", false, false
	}
	if !fs.ValidPath(rel) || strings.ContainsAny(rel, "\\:*?\"<>|") || rel == "." {
		errs.Add(pos, fmt.Sprintf("%s path %q is not a plain path inside the site", what, p),
			"use a name in the bundle like slides.pdf, or /decks/slides.pdf for static/decks/slides.pdf; no .., backslashes or special characters")
		return "", false, false
	}
	static := strings.HasPrefix(p, "/")
	if !static && !d.Bundle {
		errs.Add(pos, fmt.Sprintf("%s %q is relative, but %s is not a bundle", what, p, path.Base(d.Path)),
			fmt.Sprintf("move %s to %s/index.md and put the file beside it, or start the path with / for a file under static/", path.Base(d.Path), d.Name))
		return "", false, false
	}
	base := "static"
	if !static {
		base = path.Dir(d.Path)
	}
	rel = onDisk(fsys, base, rel)
	if *typed = rel; static {
		*typed = "/" + rel
	}
	return path.Join(base, rel), !static, true
}

// onDisk is rel, a path under dir, with each name that is not there
// replaced by the one that is and differs only in Unicode normalization.
// Names in ASCII, as most are, are taken as they are.
func onDisk(fsys fs.FS, dir, rel string) string {
	if isASCII(rel) {
		return rel
	}
	if _, err := fs.Stat(fsys, path.Join(dir, rel)); err == nil {
		return rel
	}
	segs := strings.Split(rel, "/")
	for i, seg := range segs {
		at := path.Join(dir, path.Join(segs[:i]...))
		if isASCII(seg) {
			continue
		}
		if _, err := fs.Stat(fsys, path.Join(at, seg)); err == nil {
			continue
		}
		entries, _ := fs.ReadDir(fsys, at)
		for _, e := range entries {
			if norm.NFC.String(e.Name()) == norm.NFC.String(seg) {
				segs[i] = e.Name()
				break
			}
		}
	}
	return strings.Join(segs, "/")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// whereHint is the hint for a file typed in front matter that is not at
// src: the name beside it that was most likely meant (slides.pdf for
// slides.PDF), or where to put it.
func whereHint(fsys fs.FS, d *Doc, typed, src string, bundled bool) string {
	if entries, err := fs.ReadDir(fsys, path.Dir(src)); err == nil {
		names := func(yield func(string) bool) {
			for _, e := range entries {
				if !e.IsDir() && !Ignored(e.Name()) && !yield(e.Name()) {
					return
				}
			}
		}
		if near, ok := Nearest(path.Base(src), names); ok {
			return fmt.Sprintf("did you mean %s?", path.Join(path.Dir(typed), near))
		}
	}
	if bundled {
		return "put it beside " + d.Path + ", or fix the name"
	}
	return "put it under static/, or fix the path"
}

// hashFile returns a file's size and SHA-256, and what its first bytes
// look like when they are not what its name says (see notWhatNamed),
// from the cache when the file has not changed. Workers call it
// concurrently.
func (c *Cache) hashFile(fsys fs.FS, name string) (fileSum, error) {
	c.sumsMu.Lock()
	s, ok := c.sums[name]
	c.sumsMu.Unlock()
	if ok {
		return s, nil
	}
	buf, _ := c.copyBufs.Get().(*[]byte)
	if buf == nil {
		b := make([]byte, 32<<10)
		buf = &b
	}
	size, sum, head, err := hashFile(fsys, name, c.Limits.Download, *buf)
	c.copyBufs.Put(buf)
	if err != nil {
		return fileSum{}, err
	}
	s = fileSum{size: size, sum: sum, looks: notWhatNamed(name, head)}
	if raster(name) && s.looks == "" {
		s.width, s.height = pictureSize(fsys, name)
	}
	if t, _ := TypeOf(name); t.Bytes == "application/pdf" && s.looks == "" {
		s.pages = pdfPages(fsys, name, c.Limits.Download)
	}
	c.sumsMu.Lock()
	c.sums[name] = s
	c.sumsMu.Unlock()
	return s, nil
}

// hashFile returns the size, SHA-256 and first sniffLen bytes of a file
// of at most limit bytes, refusing a larger one before reading it.
func hashFile(fsys fs.FS, name string, limit int64, buf []byte) (int64, string, []byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return 0, "", nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return 0, "", nil, err
	}
	if info.Size() > limit {
		return 0, "", nil, &TooLargeError{Size: info.Size(), Limit: limit}
	}
	h := &headWriter{w: sha256.New(), head: make([]byte, 0, sniffLen)}
	// Through Read alone and a buffer of the caller's: io.Copy would take
	// the file's WriteTo, which makes a new buffer for every file.
	n, err := io.CopyBuffer(h, io.LimitReader(f, limit+1), buf)
	if err != nil {
		return 0, "", nil, err
	}
	if n > limit {
		return 0, "", nil, &TooLargeError{Size: limit, Limit: limit, Grew: true}
	}
	return n, hex.EncodeToString(h.w.Sum(nil)), h.head, nil
}

// headWriter hashes what is written and keeps its first cap(head) bytes,
// for recognising the file without reading it twice.
type headWriter struct {
	w    hash.Hash
	head []byte
}

func (h *headWriter) Write(p []byte) (int, error) {
	h.head = append(h.head, p[:min(len(p), cap(h.head)-len(h.head))]...)
	return h.w.Write(p)
}

// metaHash is Doc.MetaHash of front matter data.
func metaHash(data []byte) (h [16]byte) {
	sum := sha256.Sum256(data)
	copy(h[:], sum[:])
	return h
}

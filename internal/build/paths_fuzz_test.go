package build

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/markdown"
	"github.com/storyhub/storyhub/internal/render"
	"github.com/storyhub/storyhub/internal/site"
	"github.com/storyhub/storyhub/internal/sitetest"
	"github.com/storyhub/storyhub/themes"
)

// FuzzOutputPaths: whatever a writer types as a slug, alias or file name,
// the output path it leads to stays inside the output folder; and when
// the plan accepts a site whose writers typed it (as an alias of one
// story, in capitals as an alias of another, and as a file of a bundle),
// no two outputs are one file, even on a file system that folds case,
// none is a file where another needs a folder, and no alias is in a
// folder the site keeps.
func FuzzOutputPaths(f *testing.F) {
	for _, s := range []string{"story", "../../etc/passwd", "/a/../../b", "C:\\x", "con", "a/./b", "//x", "\x00", "ü/ß.html", strings.Repeat("a/", 200),
		"/index.html", "/stories/a/", "/stories/a/index.html", "/tags/x/", "/feed.xml", "/x.html", "/stories/page/2/", "index.html", "/Stories/B/"} {
		f.Add(s)
	}
	r, err := render.New(themes.Default(), "themes/default", content.DefaultKinds(), false)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if slug := content.Slugify(s); slug != "" && (len(slug) > 100 || !slugShape.MatchString(slug)) {
			t.Fatalf("Slugify(%q) = %q, not a slug", s, slug)
		}
		for _, url := range []string{"/stories/" + content.Slugify(s) + "/", cleanOrEmpty(s)} {
			if url == "" || url == "/stories//" {
				continue
			}
			out := render.OutputPath(url)
			if !filepath.IsLocal(out) || strings.Contains(out, "\\") {
				t.Fatalf("%q leads to %q, outside the output folder", s, out)
			}
		}
		if utf8.ValidString(s) { // as front matter must be
			planClaimsOnce(t, r, s)
		}
	})
}

// planClaimsOnce plans stories a (a bundle) and b, with s as an alias of
// each (in capitals for b) and as a file of a's bundle, and checks an
// accepted plan.
func planClaimsOnce(t *testing.T, r *render.Renderer, s string) {
	var docs []*content.Doc
	for i, name := range []string{"a", "b"} {
		file := "content/stories/" + name + ".md"
		if i == 0 {
			file = "content/stories/a/index.md"
		}
		d, errs := content.Parse(file, content.DefaultKinds(), content.Story, []byte("---\ntitle: T\nsummary: S.\ndate: 2026-01-01\nauthors: [A]\ntags: [x]\n---\n"))
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		d.Name, d.Bundle = name, i == 0
		alias := s
		if i == 1 {
			alias = strings.ToUpper(s)
		}
		if p, problem := content.CleanURLPath(alias); problem == "" {
			d.Aliases, d.AliasPos = []string{p}, []content.Pos{{File: file, Line: 6, Col: 11}}
		}
		docs = append(docs, d)
	}
	if res := strings.TrimPrefix(s, "/"); fs.ValidPath(res) && res != "." && res != "index.md" {
		docs[0].Resources = []string{res}
	}
	m, errs := site.New(site.DefaultConfig(), docs, site.Options{Now: now, CheckOnly: true}, markdown.New(nil), nil)
	if errs.Count(content.SeverityError) > 0 {
		return
	}
	outs, copies, err := r.Plan(m, fstest.MapFS{}, nil)
	var list content.ErrorList
	if errors.As(err, &list) {
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{} // lower case → as written
	var paths []string
	for _, o := range outs {
		paths = append(paths, o.Path)
	}
	for _, c := range copies {
		paths = append(paths, c.Path)
	}
	for _, p := range paths {
		low := strings.ToLower(p)
		if other, ok := files[low]; ok {
			t.Fatalf("%q: %s and %s are one file", s, p, other)
		}
		files[low] = p
	}
	for _, p := range paths {
		low := strings.ToLower(p)
		for i := range len(low) {
			if other, ok := files[low[:i]]; ok && low[i] == '/' {
				t.Fatalf("%q: %s is a file, and %s needs it to be a folder", s, other, p)
			}
		}
	}
	for _, a := range m.Aliases {
		for _, kept := range []string{"/tags/", "/communities/", "/search/", "/css/", "/js/", "/stories/page/"} {
			if strings.HasPrefix(strings.ToLower(a.From), kept) {
				t.Fatalf("%q: alias %s accepted in %s", s, a.From, kept)
			}
		}
	}
}

var slugShape = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func cleanOrEmpty(s string) string {
	p, problem := content.CleanURLPath(s)
	if problem != "" {
		return ""
	}
	return p
}

// TestFileDeletedDuringBuild: a file that goes away between reading the
// site and writing it gives an error naming it, and the old site stays.
func TestFileDeletedDuringBuild(t *testing.T) {
	site := sitetest.WriteFiles(t, map[string]string{"content/stories/a.md": story, "static/doomed.css": "a { color: red }"})
	out := filepath.Join(t.TempDir(), "public")
	cfg := Config{SiteDir: site, OutDir: out, Now: now}
	if _, err := Build(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(site)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	m, err := Load(context.Background(), cfg, root.FS(), nil)
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(site, "static/doomed.css"))
	err = write(context.Background(), cfg, m)
	if err == nil || !strings.Contains(err.Error(), "static/doomed.css") {
		t.Fatalf("write after a file went away: %v, want an error naming it", err)
	}
	if _, err := os.Stat(filepath.Join(out, "doomed.css")); err != nil {
		t.Error("the old site lost a file")
	}
}

package build

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/edits"
	"github.com/storyhub/storyhub/internal/sitetest"
)

// TestSnapshotMatchesBuild: after every one of many random edits, what a
// long-lived Builder holds is byte for byte what a fresh build writes.
func TestSnapshotMatchesBuild(t *testing.T) {
	matchesBuildThroughEdits(t, edits.Start(), 7, 150)
}

// matchesBuildThroughEdits makes steps random edits (by seed) to the site
// of files, and checks after each that a long-lived Builder holds byte
// for byte what a fresh build writes. At least half the steps must build.
func matchesBuildThroughEdits(t *testing.T, files map[string]string, seed uint64, steps int) {
	t.Helper()
	site := sitetest.WriteFiles(t, files)
	e := edits.New(t, site, seed)
	root, err := os.OpenRoot(site)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	b := NewBuilder(Config{SiteDir: site, Now: now}, root.FS())
	var changed []string
	compared := 0
	for step := range steps {
		if step > 0 {
			changed = e.Edit()
		}
		m, err := b.Load(context.Background(), changed, nil)
		var list content.ErrorList
		if errors.As(err, &list) {
			continue // a broken step: the next good one must still match
		}
		if err != nil {
			t.Fatalf("step %d: %v", step, err)
		}
		snap, err := b.Snapshot(context.Background(), m)
		if err != nil {
			t.Fatalf("step %d: %v", step, err)
		}
		out := filepath.Join(t.TempDir(), "out")
		if _, err := Build(context.Background(), Config{SiteDir: site, OutDir: out, Now: now}); err != nil {
			t.Fatalf("step %d: fresh build: %v", step, err)
		}
		edits.Same(t, fmt.Sprintf("step %d (%v)", step, e.Last), snap.Files, out, Marker)
		compared++
	}
	if compared < steps/2 {
		t.Errorf("only %d of %d steps built; the edits break the site too often to test much", compared, steps)
	}
}

// TestSnapshotReadsWhatTemplatesRead: a theme whose pages show much of
// the site (every page's title, words and neighbours, related entries'
// bodies and Markdown, tags' pages, the next entry's headings) is kept
// byte for byte a fresh build through random edits: what a page depends
// on is what it read while it rendered, whatever the templates read.
func TestSnapshotReadsWhatTemplatesRead(t *testing.T) {
	files := edits.Start()
	files["themes/default/templates/story.html"] = `{{define "main"}}{{$p := .Page}}<h1>{{$p.Title}}</h1>{{body $p}}
<ul>{{range .Site.Pages}}<li>{{.Title}} {{.Words}} {{len .Tags}}{{with .Prev}} after {{.Title}}{{end}}</li>{{end}}</ul>
{{range $p.Related}}<div>{{body .}} {{.Doc.Title}}</div>{{end}}
{{range $p.Tags}}<p>{{.Name}} {{len .Pages}}{{range .Pages}} {{.Summary}}{{end}}</p>{{end}}
{{range .Site.Sections}}{{.Title}} {{len .Pages}} {{end}}
{{with $p.Next}}{{range .Headings}}{{.Text}}{{end}}{{end}}
{{end}}`
	files["themes/default/templates/guide.html"] = `{{define "main"}}{{range .Site.Featured}}{{.Title}} {{body .}}{{end}}{{range .Site.Tags}}{{.Name}}{{end}}{{end}}`
	matchesBuildThroughEdits(t, files, 11, 120)
}

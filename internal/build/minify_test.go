package build

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/storyhub/storyhub/internal/render"
)

// TestMinifiedTemplates: pages made from minified templates, with bodies
// minified by the Markdown renderer, are what minifying each whole page
// gives, but for whitespace next to a template's actions, which the
// minifier keeps when it meets it in a template.
func TestMinifiedTemplates(t *testing.T) {
	snapshot := func(noMinify bool) map[string][]byte {
		root, err := os.OpenRoot("../..")
		if err != nil {
			t.Fatal(err)
		}
		defer root.Close()
		b := NewBuilder(Config{SiteDir: "../..", Now: now, NoMinify: noMinify}, root.FS())
		m, err := b.Load(context.Background(), nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		snap, err := b.Snapshot(context.Background(), m)
		if err != nil {
			t.Fatal(err)
		}
		return snap.Files
	}
	minified, plain := snapshot(false), snapshot(true)
	m := render.NewMinifier()
	whole := func(page []byte) []byte {
		var out bytes.Buffer
		if err := m.Minify(render.HTML, &out, bytes.NewReader(page)); err != nil {
			t.Fatal(err)
		}
		return out.Bytes()
	}
	pages, size, left, plainSize := 0, 0, 0, 0
	for name, page := range minified {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		want := whole(plain[name])
		if got := whole(page); !bytes.Equal(got, want) {
			t.Errorf("%s: minified again, it is not the whole page minified:\n%s\nwant\n%s", name, got, want)
		}
		size += len(page)
		left += len(page) - len(want)
		plainSize += len(plain[name])
	}
	if pages < 50 {
		t.Fatalf("%d pages, want the whole hub", pages)
	}
	t.Logf("%d pages: %d bytes as rendered, %d minified, %d left to the minifier", pages, plainSize, size, left)
	if left > size/100 {
		t.Errorf("%d of %d bytes would still go by minifying pages whole; want under 1%%", left, size)
	}
	if size >= plainSize {
		t.Errorf("minified pages are %d bytes, as rendered %d", size, plainSize)
	}
}

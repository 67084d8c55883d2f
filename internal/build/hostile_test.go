package build

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/sitetest"
)

// hung is how long a build of one hostile file may run before the test
// calls it hung: minutes, where each takes a few seconds at most.
const hung = 5 * time.Minute

// allocBound is the most a build of one story of n bytes may allocate: the
// theme and the pages around the story (some 3 MB), and a hundred times
// the story (a 9 MB story allocates some 70 times its size), where a path
// that is quadratic or worse in the input takes gigabytes.
func allocBound(n int) uint64 { return 32<<20 + 100*uint64(n) }

// TestHostileInput builds sites made of the worst a stranger's pull
// request can hold: each gives a clear error or a correct site, never a
// panic or a hang, and costs work in proportion to its size, told by what
// the build allocates rather than by the clock, which a busy machine
// slows.
func TestHostileInput(t *testing.T) {
	front := "---\ntitle: T\nsummary: S.\ndate: 2025-01-01\nauthors: [A]\n%s---\n"
	tests := []struct {
		name    string
		file    string
		wantErr string // "" means the build succeeds
	}{
		{"9 MB of Markdown", fmt.Sprintf(front, "") + strings.Repeat("Words and *more* words, [a link](https://example.org/).\n\n", 9<<20/58), ""},
		{"50 MB of Markdown", fmt.Sprintf(front, "") + strings.Repeat("Words and *more* words, [a link](https://example.org/).\n\n", 50<<20/58),
			"the file is 51.5 MB; a Markdown file may be at most 10.0 MB (split it, or raise max_file_mb in site.toml)"},
		{"a 9 MB line", fmt.Sprintf(front, "") + strings.Repeat("word ", 9<<20/5), ""},
		{"10,000 tags", fmt.Sprintf(front, "tags: ["+strings.Repeat("t, ", 9999)+"t]\n"), "10000 tags; at most 50"},
		{"3,000 different tags", fmt.Sprintf(front, "tags: [t0"+func() string {
			var b strings.Builder
			for i := 1; i < 3000; i++ {
				fmt.Fprintf(&b, ", t%d", i)
			}
			return b.String()
		}()+"]\n"), "3000 tags; at most 50"},
		{"10,000 different tags", fmt.Sprintf(front, "tags: [t0"+func() string {
			var b strings.Builder
			for i := 1; i < 10000; i++ {
				fmt.Fprintf(&b, ", t%d", i)
			}
			return b.String()
		}()+"]\n"), "front matter is longer than 32.0 kB"},
		{"2,000 nested lists", fmt.Sprintf(front, "") + func() string {
			var b strings.Builder
			for i := range 2000 {
				b.WriteString(strings.Repeat("  ", i) + "- item\n")
			}
			return b.String()
		}(), "nested 101 levels deep; over 100 levels takes too long to render"},
		{"10,000 nested quotes", fmt.Sprintf(front, "") + strings.Repeat(">", 10000) + " deep\n", "nested 10000 levels deep"},
		{"100 nested quotes", fmt.Sprintf(front, "") + strings.Repeat("> ", 100) + " deep\n", ""},
		{"10,000 nested brackets", fmt.Sprintf(front, "") + strings.Repeat("[", 10000) + "x" + strings.Repeat("](https://example.org/)", 10000) + "\n", "too many brackets and emphasis marks"},
		{"2 MB of open links", fmt.Sprintf(front, "") + strings.Repeat("[a](b.md \"", 200_000) + "\n", "too many brackets and emphasis marks"},
		{"invalid UTF-8", fmt.Sprintf(front, "") + "bad \xff\xfe bytes\n", "not valid UTF-8"},
		{"a NUL byte", fmt.Sprintf(front, "") + "nul \x00 byte\n", "NUL byte"},
		{"deep YAML", "---\ntitle: " + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + "\n---\n", "title must be a string"},
		{"a YAML bomb", "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ntitle: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n---\n", "title must be a string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if raceEnabled && len(tt.file) > 1<<20 {
				t.Skip("too slow under the race detector; make test runs it without")
			}
			site := sitetest.WriteFiles(t, map[string]string{"content/stories/x.md": tt.file})
			out := filepath.Join(t.TempDir(), "out")
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			done := make(chan error, 1)
			go func() {
				_, err := Build(context.Background(), Config{SiteDir: site, OutDir: out, Now: now})
				done <- err
			}()
			var err error
			select {
			case err = <-done:
			case <-time.After(hung):
				t.Fatalf("the build hung: still running after %v", hung)
			}
			runtime.ReadMemStats(&after)
			if got, bound := after.TotalAlloc-before.TotalAlloc, allocBound(len(tt.file)); got > bound {
				t.Errorf("the build allocated %d MB for a file of %d kB, over the bound of %d MB: its work grows faster than its input",
					got>>20, len(tt.file)>>10, bound>>20)
			}
			var list content.ErrorList
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("build failed: %.500v", err)
			case tt.wantErr != "" && !errors.As(err, &list):
				t.Errorf("build error %v, want a problem mentioning %q", err, tt.wantErr)
			case tt.wantErr != "" && !strings.Contains(list.Error(), tt.wantErr):
				t.Errorf("problems %.500v, want one mentioning %q", list, tt.wantErr)
			}
		})
	}
}

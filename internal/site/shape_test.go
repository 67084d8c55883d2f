package site

import (
	"testing"

	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/markdown"
)

// TestShapeReused: when only a body changes, the model is reused and the
// page shows the new body; when front matter changes, it is built anew.
func TestShapeReused(t *testing.T) {
	memo := NewMemo()
	md := markdown.New(nil)
	a1 := doc(t, "content/stories/a.md", story("2026-01-01", "tags: [x]\n", "First body.\n"))
	b := doc(t, "content/stories/b.md", story("2026-01-02", "tags: [x]\n", "[a](a.md)\n"))
	s1, _ := New(DefaultConfig(), []*content.Doc{a1, b}, Options{Now: now}, md, memo)
	a2 := doc(t, "content/stories/a.md", story("2026-01-01", "tags: [x]\n", "Second body.\n"))
	s2, _ := New(DefaultConfig(), []*content.Doc{a2, b}, Options{Now: now}, md, memo)
	if s2 != s1 {
		t.Fatal("a body edit built the model anew")
	}
	if p := s2.published["content/stories/a.md"]; p.HTML() != "<p>Second body.</p>\n" || p.Doc != a2 {
		t.Errorf("the reused page shows %q", p.HTML())
	}
	a3 := doc(t, "content/stories/a.md", story("2026-01-01", "tags: [y]\n", "Second body.\n"))
	s3, _ := New(DefaultConfig(), []*content.Doc{a3, b}, Options{Now: now}, md, memo)
	if s3 == s2 || len(s3.Tags) != 2 {
		t.Errorf("a front-matter edit reused the model: %d tags", len(s3.Tags))
	}
}

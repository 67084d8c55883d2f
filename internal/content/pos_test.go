package content

import "testing"

func TestFileNamesQuotedInPositions(t *testing.T) {
	tests := []struct {
		pos  Pos
		want string
	}{
		{Pos{File: "content/stories/café.md", Line: 3, Col: 2}, "content/stories/café.md:3:2"},
		{Pos{File: "content/stories/a\x1b[31m.md", Line: 3}, `"content/stories/a\x1b[31m.md":3`},
		{Pos{File: "content/stories/gpj\u202e.md"}, `"content/stories/gpj\u202e.md"`},
		{Pos{File: `content/stories/say "hi".md`, Line: 1, Col: 1}, `"content/stories/say \"hi\".md":1:1`},
	}
	for _, tt := range tests {
		if got := tt.pos.String(); got != tt.want {
			t.Errorf("Pos%+v.String() = %s; want %s", tt.pos, got, tt.want)
		}
	}
}

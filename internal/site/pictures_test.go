package site

import (
	"strconv"
	"testing"

	"github.com/storyhub/storyhub/internal/images"
)

func TestPictureSrcset(t *testing.T) {
	copies := func(url string, ws ...int) []PictureCopy {
		var out []PictureCopy
		for _, w := range ws {
			out = append(out, PictureCopy{URL: url + "-" + strconv.Itoa(w), Width: w})
		}
		return out
	}
	for _, tc := range []struct {
		name   string
		pic    Picture
		base   string
		src    string
		srcset string
	}{
		{"no copies", Picture{URL: "/s/a/small.png", Width: 300}, "/", "/s/a/small.png", ""},
		{"original on top", Picture{URL: "/s/a/d.png", Width: 1200, Copies: copies("/s/a/d", 480, 960), ladder: images.Ladder}, "/",
			"/s/a/d.png", "/s/a/d-480 480w, /s/a/d-960 960w, /s/a/d.png 1200w"},
		{"too wide: the widest copy", Picture{URL: "/s/a/p.jpg", Width: 2400, Copies: copies("/s/a/p", 480, 960, 1600), ladder: images.Ladder}, "/hub/",
			"/s/a/p-1600", "/hub/s/a/p-480 480w, /hub/s/a/p-960 960w, /hub/s/a/p-1600 1600w"},
		{"a portrait wider than its ladder", Picture{URL: "/s/a/me.png", Width: 500, Copies: copies("/s/a/me", 96, 192), ladder: images.Portrait}, "/",
			"/s/a/me-192", "/s/a/me-96 96w, /s/a/me-192 192w"},
		{"a space is escaped", Picture{URL: "/s/a/my photo.png", Width: 600, Copies: []PictureCopy{{URL: "/s/a/my photo-480w.png", Width: 480}}, ladder: images.Ladder}, "/",
			"/s/a/my photo.png", "/s/a/my%20photo-480w.png 480w, /s/a/my%20photo.png 600w"},
	} {
		src, _, _ := tc.pic.Src()
		if got := tc.pic.Srcset(tc.base); src != tc.src || got != tc.srcset {
			t.Errorf("%s: src %q, srcset %q; want %q, %q", tc.name, src, got, tc.src, tc.srcset)
		}
	}
}

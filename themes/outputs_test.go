package themes_test

import (
	"bytes"
	"image"
	_ "image/jpeg"
	_ "image/png"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestThemeOutputs reads every page of the built hub as a link preview,
// a phone and a feed reader would: each page's og:image is a 1200×630
// PNG or JPEG the site has; each raster <img> has its width and height,
// and one whose source is wider than 1000 px offers a srcset of at least
// two files of the site, each smaller than the source; feeds hold no link
// to a bare #fragment, which a reader resolves against the feed.
func TestThemeOutputs(t *testing.T) {
	t.Parallel()
	hub := serveHub(t)
	base, err := url.Parse(hub.url)
	if err != nil {
		t.Fatal(err)
	}
	// local maps an address of the site to its file, or "".
	local := func(pageURL *url.URL, ref string) string {
		u, err := pageURL.Parse(ref)
		if err != nil || u.Host != base.Host {
			return ""
		}
		f := filepath.Join(hub.out, filepath.FromSlash(strings.TrimPrefix(u.Path, "/")))
		if strings.HasSuffix(u.Path, "/") {
			f = filepath.Join(f, "index.html")
		}
		return f
	}
	size := func(f string) (int, int, string, bool) {
		r, err := os.Open(f)
		if err != nil {
			return 0, 0, "", false
		}
		defer r.Close()
		c, format, err := image.DecodeConfig(r)
		return c.Width, c.Height, format, err == nil
	}
	pages, wide := 0, 0
	err = filepath.WalkDir(hub.out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, hub.out+string(filepath.Separator)))
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		switch {
		case strings.HasSuffix(rel, ".xml") && bytes.Contains(data, []byte("<channel>")) || bytes.Contains(data, []byte(`<feed xmlns="http://www.w3.org/2005/Atom"`)):
			for _, frag := range []string{`href="#`, `href=&quot;#`, `href=&#34;#`} {
				if bytes.Contains(data, []byte(frag)) {
					t.Errorf("feed %s links a bare #fragment (%s…)", rel, frag)
				}
			}
			return nil
		case !strings.HasSuffix(rel, ".html"):
			return nil
		}
		doc, perr := html.Parse(bytes.NewReader(data))
		if perr != nil {
			t.Errorf("%s: %v", rel, perr)
			return nil
		}
		if bytes.Contains(data, []byte(`http-equiv="refresh"`)) {
			return nil // an alias's redirect page
		}
		pages++
		pageURL, _ := base.Parse(strings.TrimSuffix(rel, "index.html"))
		var ogImage string
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode {
				continue
			}
			attr := map[string]string{}
			for _, a := range n.Attr {
				attr[a.Key] = a.Val
			}
			switch {
			case n.Data == "meta" && attr["property"] == "og:image":
				ogImage = attr["content"]
			case n.Data == "img":
				src := attr["src"]
				if strings.HasSuffix(strings.ToLower(src), ".svg") {
					continue
				}
				if attr["width"] == "" || attr["height"] == "" {
					t.Errorf("%s: <img src=%q> has no width and height", rel, src)
				}
				w, _, _, ok := size(local(pageURL, src))
				if !ok {
					t.Errorf("%s: <img src=%q> is no picture of the site", rel, src)
					continue
				}
				source := local(pageURL, src)
				srcInfo, _ := os.Stat(source)
				if w > 1000 {
					wide++
				}
				if w > 1000 || attr["srcset"] != "" {
					n := 0
					for _, c := range strings.Split(attr["srcset"], ",") {
						f := strings.Fields(c)
						if len(f) == 0 {
							continue
						}
						info, err := os.Stat(local(pageURL, f[0]))
						if err != nil {
							t.Errorf("%s: srcset of %q names %q, which the site lacks", rel, src, f[0])
							continue
						}
						if srcInfo != nil && info.Size() < srcInfo.Size() || w <= 1000 {
							n++
						}
					}
					if w > 1000 && n < 2 {
						t.Errorf("%s: <img src=%q> is %d px wide but its srcset offers %d smaller files (srcset %q)", rel, src, w, n, attr["srcset"])
					}
				}
			}
		}
		if ogImage == "" {
			t.Errorf("%s has no og:image", rel)
			return nil
		}
		if u, err := url.Parse(ogImage); err != nil || !u.IsAbs() {
			t.Errorf("%s: og:image %q is not an absolute address", rel, ogImage)
		}
		w, h, format, ok := size(local(pageURL, ogImage))
		if !ok || w != 1200 || h != 630 || (format != "png" && format != "jpeg") {
			t.Errorf("%s: og:image %q is not a 1200×630 PNG or JPEG of the site (%d×%d %s)", rel, ogImage, w, h, format)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 20 || wide == 0 {
		t.Fatalf("read %d pages of the hub, showing %d pictures wider than 1000 px; the checks need more of both", pages, wide)
	}
}

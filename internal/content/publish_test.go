package content

import (
	"archive/zip"
	"bytes"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// zipOf makes a zip archive of the named entries, the first stored as an
// OpenDocument's mimetype entry is.
func zipOf(t *testing.T, entries ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for i := 0; i+1 < len(entries); i += 2 {
		f, err := w.CreateHeader(&zip.FileHeader{Name: entries[i], Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte(entries[i+1]))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encoded(t *testing.T, enc func(*bytes.Buffer, image.Image) error) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := enc(&b, image.NewGray(image.Rect(0, 0, 2, 2))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestCheckBundleFile(t *testing.T) {
	odp := "application/vnd.oasis.opendocument.presentation"
	tests := []struct {
		name string
		data []byte
		want string // part of the first problem, "" for none
	}{
		{"a.png", encoded(t, func(b *bytes.Buffer, m image.Image) error { return png.Encode(b, m) }), ""},
		{"a.PNG", encoded(t, func(b *bytes.Buffer, m image.Image) error { return png.Encode(b, m) }), ""},
		{"a.jpg", encoded(t, func(b *bytes.Buffer, m image.Image) error { return jpeg.Encode(b, m, nil) }), ""},
		{"a.jpeg", encoded(t, func(b *bytes.Buffer, m image.Image) error { return jpeg.Encode(b, m, nil) }), ""},
		{"a.gif", encoded(t, func(b *bytes.Buffer, m image.Image) error { return gif.Encode(b, m, nil) }), ""},
		{"a.webp", []byte("RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00"), ""},
		{"a.avif", []byte("\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf"), ""},
		{"chart.svg", []byte(chart), ""},
		{"slides.pdf", []byte("%PDF-1.4\n1 0 obj <<>> endobj\n"), ""},
		{"slides.odp", zipOf(t, "mimetype", odp, "content.xml", "<x/>"), ""},
		{"notes.odt", zipOf(t, "mimetype", "application/vnd.oasis.opendocument.text", "content.xml", "<x/>"), ""},
		{"slides.pptx", zipOf(t, "[Content_Types].xml", "<Types/>", "ppt/presentation.xml", "<p/>"), ""},
		{"notes.docx", zipOf(t, "[Content_Types].xml", "<Types/>", "word/document.xml", "<w/>"), ""},
		{"slides.key", zipOf(t, "Index/Document.iwa", "x"), ""},
		{"code.zip", zipOf(t, "main.py", "print('hi')\n"), ""},
		{"notes.txt", []byte("Talking points\n- one\n"), ""},
		{"data.csv", []byte("year,visits\n2024,10\n2025,12\n"), ""},
		{"one-column.csv", []byte("name\nAda\n"), ""},
		{"demo.ipynb", []byte(`{"cells": [], "nbformat": 4}`), ""},
		{"talk.mp4", []byte("\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom\x00\x00\x00\x08free"), ""},

		{"notes.html", []byte("<script>alert(1)</script>"), "a bundle may not publish files of type .html"},
		{"page.HTM", []byte("hi"), "a bundle may not publish files of type .htm"},
		{"data.xml", []byte(`<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>`), "a bundle may not publish files of type .xml"},
		{"page.xhtml", []byte("x"), "files of type .xhtml"},
		{"app.js", []byte("alert(1)"), "files of type .js"},
		{"data.json", []byte("{}"), "files of type .json"},
		{"other.md", []byte("# x"), "files of type .md"},
		{"run.exe", []byte("MZ\x90\x00"), "files of type .exe"},
		{"README", []byte("text"), "files without an extension"},
		{"page.shtml", []byte("x"), "files of type .shtml"},

		{"fake.png", []byte("<!DOCTYPE html><script>alert(1)</script>"), "named .png but its bytes are not image/png; they look like text/html"},
		{"fake.jpg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`), "named .jpg but its bytes are not image/jpeg; they look like image/svg+xml"},
		{"fake.gif", encoded(t, func(b *bytes.Buffer, m image.Image) error { return png.Encode(b, m) }), "not image/gif; they look like image/png"},
		{"fake.pdf", []byte("<html><body onload=alert(1)>"), "named .pdf but its bytes are not application/pdf"},
		{"fake.odp", zipOf(t, "index.html", "<script>x</script>"), "not application/vnd.oasis.opendocument.presentation"},
		{"fake.odp", zipOf(t, "mimetype", "application/vnd.oasis.opendocument.text"), "not application/vnd.oasis.opendocument.presentation"},
		{"fake.pptx", []byte("<html>"), "not a zip archive, as PPTX files are"},
		{"notes.txt", []byte("  <html><script>alert(1)</script>"), "named .txt but its bytes are markup (text/html)"},
		{"data.csv", []byte(`<?xml version="1.0"?><x/>`), "named .csv but its bytes are markup (text/xml)"},
		{"notes.txt", []byte("\x00\x01\x02binary"), "named .txt but its bytes are not plain text"},
		{"empty.png", nil, "the file is empty"},
		{"evil.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`), "1:41: an event handler onload="},
		{"html.svg", []byte(`<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>`), "the file is not an SVG"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := "content/stories/x/" + tt.name
			errs := CheckBundleFile(fstest.MapFS{name: {Data: tt.data}}, name)
			if tt.want == "" {
				if len(errs) > 0 {
					t.Fatalf("refused: %v", errs)
				}
				return
			}
			if len(errs) == 0 {
				t.Fatalf("accepted; want %q", tt.want)
			}
			if got := errs[0].Error(); !strings.Contains(got, tt.want) || !strings.HasPrefix(got, name) || errs[0].Hint == "" {
				t.Errorf("got %v\nwant it to name %s, contain %q and give a hint", errs[0], name, tt.want)
			}
		})
	}
}

// TestFileTypes checks the table: one row per extension, every type a
// bundle publishes has a way to recognise its bytes, and the media types
// announced for downloads are the ones the pages and feeds have used.
func TestFileTypes(t *testing.T) {
	seen := map[string]bool{}
	for _, ft := range fileTypes {
		if seen[ft.Ext] || ft.Ext != strings.ToLower(ft.Ext) || strings.HasPrefix(ft.Ext, ".") {
			t.Errorf("extension %q repeated or not lower case without a dot", ft.Ext)
		}
		seen[ft.Ext] = true
		if (ft.Use != SiteOnly) != (ft.Bytes != "") {
			t.Errorf("%s: a published type needs Bytes, and only a published type has them", ft.Ext)
		}
	}
	for _, tt := range []struct{ name, format, media string }{
		{"slides.pdf", "PDF", "application/pdf"},
		{"x/slides.ODP", "ODP", "application/vnd.oasis.opendocument.presentation"},
		{"deck.pptx", "PPTX", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
		{"a.key", "KEY", "application/vnd.apple.keynote"},
		{"notes.txt", "TXT", "text/plain"},
		{"/slides/index.html", "HTML", "text/html"},
		{"LICENSE", "FILE", "application/octet-stream"},
		{"x.unknown", "UNKNOWN", "application/octet-stream"},
	} {
		if f, m := formatOf(tt.name); f != tt.format || m != tt.media {
			t.Errorf("formatOf(%q) = %q, %q; want %q, %q", tt.name, f, m, tt.format, tt.media)
		}
	}
}

// TestContributingListsTypes keeps the writers' guide in step with the
// table: every type a bundle may publish is named there.
func TestContributingListsTypes(t *testing.T) {
	data, err := os.ReadFile("../../CONTRIBUTING.md")
	if err != nil {
		t.Fatal(err)
	}
	_, list, ok := strings.Cut(string(data), "A bundle may hold pictures")
	list, _, _ = strings.Cut(list, "and nothing else")
	if !ok {
		t.Fatal("CONTRIBUTING.md does not say what a bundle may hold")
	}
	for _, ft := range fileTypes {
		if ft.Use != SiteOnly && !strings.Contains(strings.ToLower(list), ft.Ext) && ft.Ext != "jpg" {
			t.Errorf("CONTRIBUTING.md does not list .%s among the files a bundle may hold", ft.Ext)
		}
	}
}

// TestBundleFileNames: a bundle file Windows cannot hold is an error, and
// one whose name hides a character a warning, whatever its type.
func TestBundleFileNames(t *testing.T) {
	png := sized(pngSignature, 100)
	fsys := fstest.MapFS{
		"content/stories/a/index.md":       {Data: []byte(okStory)},
		"content/stories/a/con.png":        {Data: png},
		"content/stories/a/pics/aux.1.png": {Data: png},
		"content/stories/a/pic\u200b.png":  {Data: png},
		"content/stories/a/fine.png":       {Data: png},
	}
	_, errs := Load(fsys, DefaultKinds())
	var got []string
	for _, e := range errs {
		got = append(got, e.Severity.String()+": "+e.Error())
	}
	want := []string{
		`error: content/stories/a/con.png: the file's path uses "con.png", a name Windows reserves for devices (rename the file)`,
		`error: content/stories/a/pics/aux.1.png: the file's path uses "aux.1.png", a name Windows reserves for devices (rename the file)`,
		`warning: "content/stories/a/pic\u200b.png": the file's name contains U+200B ZERO WIDTH SPACE, which a reader cannot see (rename the file without it: its address would differ from what it seems)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

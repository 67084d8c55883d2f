package build

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/sitetest"
)

// TestPublishedSiteRunsNothing builds a site whose bundles hold every type
// a bundle may publish and many files that try to run script on the hub's
// origin. Each of those must be refused by name; once they are gone, the
// site builds, and every file in it is opened as a browser would take it
// (by extension, or by sniffing its bytes when a host sends no type):
// nothing in a page, picture or feed runs script, but the theme's own;
// then Chromium opens each of them and nothing runs there either.
func TestPublishedSiteRunsNothing(t *testing.T) {
	files := map[string]string{"site.toml": "title = \"Hub\"\nbase_url = \"https://hub.example.org/\"\n"}
	for name, data := range cleanBundle(t) {
		files["content/decks/every-type/"+name] = string(data)
	}
	// Markup in a writer's text stays text.
	files["content/stories/words/index.md"] = "---\ntitle: \"<script>alert(1)</script>\"\nsummary: \"\\\"><svg onload=alert(1)>\"\ndate: 2025-01-01\nauthors: [\"<img src=x onerror=alert(1)>\"]\nimage: photo.png\nimage_alt: \"\\\" onload=\\\"alert(1)\"\ntags: [\"<b>\"]\n---\n" +
		"<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\nText with <svg onload=alert(1)> inline, ![chart](chart.svg).\n"
	files["content/stories/words/photo.png"] = string(cleanBundle(t)["photo.png"])
	files["content/stories/words/chart.svg"] = plainChart

	evil := map[string]string{
		"content/stories/evil/index.md":      "---\ntitle: E\nsummary: S.\ndate: 2025-01-01\nauthors: [A]\n---\n![x](onload.svg)\n",
		"content/stories/evil/onload.svg":    `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.domain)"/>`,
		"content/stories/evil/upper.svg":     `<svg xmlns="http://www.w3.org/2000/svg"><rect ONCLICK="alert(1)"/></svg>`,
		"content/stories/evil/script.svg":    `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`,
		"content/stories/evil/prefixed.svg":  `<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:script>alert(1)</s:script></s:svg>`,
		"content/stories/evil/xhtml.svg":     `<svg xmlns="http://www.w3.org/2000/svg"><h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script></svg>`,
		"content/stories/evil/link.svg":      `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>`,
		"content/stories/evil/tab.svg":       `<svg xmlns="http://www.w3.org/2000/svg"><a href=" jav&#x09;ascript:alert(1)"><text>x</text></a></svg>`,
		"content/stories/evil/foreign.svg":   `<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></body></foreignObject></svg>`,
		"content/stories/evil/entity.svg":    "<?xml version=\"1.0\"?>\n<!DOCTYPE svg [<!ENTITY x \"&#60;script&#62;alert(1)&#60;/script&#62;\">]>\n<svg xmlns=\"http://www.w3.org/2000/svg\">&x;</svg>",
		"content/stories/evil/smil.svg":      `<svg xmlns="http://www.w3.org/2000/svg"><a><set attributeName="href" to="javascript:alert(1)"/><text>x</text></a></svg>`,
		"content/stories/evil/external.svg":  `<svg xmlns="http://www.w3.org/2000/svg"><image href="https://tracker.example/p.png"/></svg>`,
		"content/stories/evil/css.svg":       `<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://evil.example/x.css);</style></svg>`,
		"content/stories/evil/xsl.svg":       "<?xml version=\"1.0\"?>\n<?xml-stylesheet type=\"text/xsl\" href=\"evil.xsl\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
		"content/stories/evil/notes.html":    "<script>alert(document.domain)</script>",
		"content/stories/evil/page.htm":      "<script>alert(document.domain)</script>",
		"content/stories/evil/data.xml":      `<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>`,
		"content/stories/evil/page.xhtml":    `<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>`,
		"content/stories/evil/style.xsl":     `<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="1.0"/>`,
		"content/stories/evil/app.js":        "alert(document.domain)",
		"content/stories/evil/run.exe":       "MZ\x90\x00",
		"content/stories/evil/noext":         "<script>alert(1)</script>",
		"content/stories/evil/fake.png":      "<!DOCTYPE html><script>alert(1)</script>",
		"content/stories/evil/fake.jpg":      `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`,
		"content/stories/evil/fake.gif":      "<html><body onload=alert(1)>",
		"content/stories/evil/fake.pdf":      "<html><script>alert(1)</script>",
		"content/stories/evil/fake.webp":     `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>`,
		"content/stories/evil/fake.txt":      "<!doctype html><script>alert(1)</script>",
		"content/stories/evil/fake.csv":      "<script>alert(1)</script>",
		"content/stories/evil/fake.zip":      "<script>alert(1)</script>",
		"content/stories/evil/fake.svg.html": "<script>alert(1)</script>",
		"static/evil.svg":                    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="javascript:alert(document.domain)"><text>x</text></a></svg>`,
	}
	for p, b := range evil {
		files[p] = b
	}
	dir := sitetest.WriteFiles(t, files)
	out := filepath.Join(t.TempDir(), "out")

	_, err := Build(context.Background(), Config{SiteDir: dir, OutDir: out, Now: now})
	var list content.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("build with hostile files: %v, want the problems", err)
	}
	refused := map[string]bool{}
	for _, e := range list.Errors() {
		refused[e.Pos.File] = true
	}
	for p := range evil {
		if !refused[p] && !strings.HasSuffix(p, "index.md") {
			t.Errorf("%s was not refused", p)
		}
	}
	for p := range refused {
		if _, ok := evil[p]; !ok {
			t.Errorf("%s, a clean file, was refused: %v", p, list)
		}
	}
	if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a refused build wrote %s", out)
	}

	for p := range evil {
		os.Remove(filepath.Join(dir, filepath.FromSlash(p)))
	}
	if _, err := Build(context.Background(), Config{SiteDir: dir, OutDir: out, Now: now}); err != nil {
		t.Fatalf("the clean remainder did not build: %v", err)
	}
	for name := range cleanBundle(t) {
		if name == "index.md" {
			continue // the page itself
		}
		if _, err := os.Stat(filepath.Join(out, "decks", "every-type", name)); err != nil {
			t.Errorf("the allowed file %s was not published: %v", name, err)
		}
	}
	scanned := map[string]int{}
	forEachOpened(t, out, func(rel string, kinds []string, data []byte) {
		for _, kind := range kinds {
			scanned[kind]++
			for _, problem := range scanFile(kind, data) {
				t.Errorf("%s, opened as %s: %s", rel, kind, problem)
			}
		}
	})
	if scanned["html"] < 5 || scanned["svg"] < 2 || scanned["xml"] < 3 {
		t.Errorf("scanned %v; want pages, pictures and feeds", scanned)
	}
	openInBrowser(t, out)
}

// forEachOpened calls each for every file of the built site in out that
// a browser opens as a document (see browserKinds), with its path in the
// site, how a browser may take it, and its bytes.
func forEachOpened(t *testing.T, out string, each func(rel string, kinds []string, data []byte)) {
	t.Helper()
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, out+string(filepath.Separator)))
		if kinds := browserKinds(rel, data); len(kinds) > 0 {
			each(rel, kinds, data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// cleanBundle is one file of every type a bundle may publish, with the
// bytes such files start with, and the deck that offers the downloads.
func cleanBundle(t *testing.T) map[string][]byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 2, 2))
	var pngB, jpgB, gifB bytes.Buffer
	if err := errors.Join(png.Encode(&pngB, img), jpeg.Encode(&jpgB, img, nil), gif.Encode(&gifB, img, nil)); err != nil {
		t.Fatal(err)
	}
	zipped := func(entries ...string) []byte {
		var b bytes.Buffer
		w := zip.NewWriter(&b)
		for i := 0; i+1 < len(entries); i += 2 {
			f, _ := w.CreateHeader(&zip.FileHeader{Name: entries[i], Method: zip.Store})
			io.WriteString(f, entries[i+1])
		}
		w.Close()
		return b.Bytes()
	}
	odp, err := os.ReadFile("../../content/decks/python-in-the-classroom/slides.odp")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{
		"photo.png":   pngB.Bytes(),
		"photo.jpg":   jpgB.Bytes(),
		"photo.jpeg":  jpgB.Bytes(),
		"anim.gif":    gifB.Bytes(),
		"photo.webp":  []byte("RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00"),
		"photo.avif":  []byte("\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf"),
		"chart.svg":   []byte(plainChart),
		"slides.pdf":  []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n"),
		"slides.odp":  odp,
		"notes.odt":   zipped("mimetype", "application/vnd.oasis.opendocument.text", "content.xml", "<x/>"),
		"sheet.ods":   zipped("mimetype", "application/vnd.oasis.opendocument.spreadsheet", "content.xml", "<x/>"),
		"slides.pptx": zipped("[Content_Types].xml", "<Types/>", "ppt/presentation.xml", "<p/>"),
		"notes.docx":  zipped("[Content_Types].xml", "<Types/>", "word/document.xml", "<w/>"),
		"sheet.xlsx":  zipped("[Content_Types].xml", "<Types/>", "xl/workbook.xml", "<w/>"),
		"slides.key":  zipped("Index/Document.iwa", "x"),
		"code.zip":    zipped("index.html", "<script>alert(1)</script>"), // a download, never opened as a page
		"notes.txt":   []byte("Talking points, with <script>alert(1)</script> further down.\n"),
		"data.csv":    []byte("month,visits\njan,10\n"),
		"demo.ipynb":  []byte(`{"cells": [], "nbformat": 4}`),
		"talk.mp4":    []byte("\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom\x00\x00\x00\x08free"),
		"talk.webm":   []byte("\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\xf2\x81\x04\x42\xf3\x81\x08\x42\x82\x84webm"),
	}
	var deck strings.Builder
	deck.WriteString("---\ntitle: Every type\nsummary: S.\ndate: 2025-01-01\nspeakers: [A]\nlicense: MIT\nimage: photo.png\nimage_alt: A grey square.\nfiles:\n")
	for name := range out {
		deck.WriteString("  - " + name + "\n")
	}
	deck.WriteString("---\n![chart](chart.svg) ![photo](photo.webp)\n")
	out["index.md"] = []byte(deck.String())
	return out
}

const plainChart = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 50">
  <defs><linearGradient id="g"><stop offset="0" stop-color="#36c"/></linearGradient><rect id="a" width="10" height="30"/></defs>
  <style>rect { fill: url(#g) }</style>
  <use href="#a" x="10"/><use xlink:href="#a" x="30"/>
  <text x="50" y="40">Jan &amp; Feb</text>
</svg>
`

// browserKinds is how a browser may take a published file: by its
// extension, as hosts serve it, and, when a host sends no type, by what
// its bytes look like.
func browserKinds(name string, data []byte) []string {
	byExt := map[string]string{".html": "html", ".htm": "html", ".shtml": "html", ".xhtml": "xml", ".xht": "xml",
		".svg": "svg", ".svgz": "svg", ".xml": "xml", ".xsl": "xml", ".rss": "xml", ".atom": "xml"}
	var kinds []string
	if k, ok := byExt[strings.ToLower(path.Ext(name))]; ok {
		kinds = append(kinds, k)
	}
	switch sniffed, _, _ := strings.Cut(http.DetectContentType(data), ";"); sniffed {
	case "text/html":
		kinds = append(kinds, "html")
	case "text/xml":
		kinds = append(kinds, "xml")
	}
	return kinds
}

// themeScripts are the scripts the default theme loads itself.
var themeScripts = map[string]bool{"/js/search.js": true}

// scanFile lists what could run script in data opened as kind.
func scanFile(kind string, data []byte) []string {
	if kind == "html" {
		return scanHTML(data, false)
	}
	var problems []string
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	// Feed elements that readers show as HTML: Atom's of type html or
	// xhtml, and RSS's content:encoded and description.
	var inHTML []bool
	for {
		tok, err := d.Token()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				problems = append(problems, "not well-formed: "+err.Error())
			}
			return problems
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch strings.ToLower(t.Name.Local) {
			case "script", "foreignobject", "iframe", "embed", "object", "handler":
				problems = append(problems, "a <"+t.Name.Local+"> element")
			}
			isHTML := t.Name.Local == "encoded" || t.Name.Local == "description"
			for _, a := range t.Attr {
				problems = append(problems, attrProblems(a.Name.Local, a.Value)...)
				if a.Name.Local == "type" && (a.Value == "html" || a.Value == "xhtml") {
					isHTML = true
				}
			}
			inHTML = append(inHTML, isHTML)
		case xml.EndElement:
			inHTML = inHTML[:max(len(inHTML)-1, 0)]
		case xml.CharData:
			if len(inHTML) > 0 && inHTML[len(inHTML)-1] {
				problems = append(problems, scanHTML(t, true)...)
			}
		case xml.ProcInst:
			if t.Target != "xml" {
				problems = append(problems, "a processing instruction <?"+t.Target+"?>")
			}
		case xml.Directive:
			problems = append(problems, "a directive <!"+string(t)+">")
		}
	}
}

// scanHTML lists the scripts, handlers and script URLs in an HTML page or
// fragment that the theme did not put there.
func scanHTML(data []byte, fragment bool) []string {
	var problems []string
	var doc *html.Node
	var err error
	if fragment {
		var nodes []*html.Node
		nodes, err = html.ParseFragment(bytes.NewReader(data), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
		doc = &html.Node{Type: html.DocumentNode}
		for _, n := range nodes {
			doc.AppendChild(n)
		}
	} else {
		doc, err = html.Parse(bytes.NewReader(data))
	}
	if err != nil {
		return []string{err.Error()}
	}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		attr := map[string]string{}
		for _, a := range n.Attr {
			attr[a.Key] = a.Val
			problems = append(problems, attrProblems(a.Key, a.Val)...)
		}
		switch n.Data {
		case "script":
			switch {
			case attr["type"] == "application/ld+json":
				if n.FirstChild == nil || !json.Valid([]byte(n.FirstChild.Data)) {
					problems = append(problems, "JSON-LD that is not JSON")
				}
			case !themeScripts[attr["src"]] || n.FirstChild != nil:
				problems = append(problems, "a <script> the theme did not put there: src="+attr["src"])
			}
		case "iframe", "embed", "object", "base", "foreignobject", "frame":
			problems = append(problems, "a <"+n.Data+"> element")
		case "meta":
			if _, u, ok := strings.Cut(strings.ToLower(attr["content"]), "url="); ok && strings.EqualFold(attr["http-equiv"], "refresh") {
				problems = append(problems, attrProblems("href", u)...)
			}
		}
	}
	return problems
}

// attrProblems reports an event handler, or a URL a browser would run.
func attrProblems(name, value string) []string {
	name = strings.ToLower(name[strings.LastIndexByte(name, ':')+1:])
	if strings.HasPrefix(name, "on") {
		return []string{"an event handler " + name + "="}
	}
	plain := strings.ToLower(strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, value))
	for _, scheme := range []string{"javascript:", "vbscript:", "data:text/html", "data:image/svg", "data:application"} {
		if strings.HasPrefix(plain, scheme) {
			return []string{"a " + scheme + " URL in " + name + "="}
		}
	}
	return nil
}

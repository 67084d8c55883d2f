package content

import (
	"bytes"
	"image"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"
	"testing/fstest"
)

// TestNotWhatNamed: the bytes of a download or image named in front
// matter must be what its name says, for every type a bundle publishes.
func TestNotWhatNamed(t *testing.T) {
	pngBytes := encoded(t, func(b *bytes.Buffer, m image.Image) error { return png.Encode(b, m) })
	jpgBytes := encoded(t, func(b *bytes.Buffer, m image.Image) error { return jpeg.Encode(b, m, nil) })
	odp := "application/vnd.oasis.opendocument.presentation"
	html := []byte("<!DOCTYPE html>\n<html><body>Not found</body></html>\n")
	tests := []struct {
		name string
		data []byte
		want string // "" when the bytes are what the name says
	}{
		{"a.png", pngBytes, ""},
		{"a.jpg", jpgBytes, ""},
		{"a.JPEG", jpgBytes, ""},
		{"a.gif", []byte("GIF89a\x02\x00\x02\x00\x00\x00\x00;"), ""},
		{"a.webp", []byte("RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00"), ""},
		{"a.avif", []byte("\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf"), ""},
		{"a.svg", []byte(chart), ""},
		{"slides.pdf", []byte("%PDF-1.4\n1 0 obj <<>> endobj\n"), ""},
		{"slides.odp", zipOf(t, "mimetype", odp, "content.xml", "<x/>"), ""},
		{"slides.pptx", zipOf(t, "[Content_Types].xml", "<Types/>", "ppt/presentation.xml", "<p/>"), ""},
		{"sheet.xlsx", zipOf(t, "[Content_Types].xml", "<Types/>", "xl/workbook.xml", "<w/>"), ""},
		{"code.zip", zipOf(t, "main.py", "print('hi')\n"), ""},
		{"notes.txt", []byte("Café, naïve — UTF-8\n"), ""},
		{"data.csv", []byte("year,visits\n2024,10\n"), ""},
		{"talk.mp4", []byte("\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom\x00\x00\x00\x08free"), ""},
		// The table says nothing of the bytes of these: not judged here.
		{"page.html", []byte("%PDF-1.4"), ""},
		{"LICENSE", []byte("MIT"), ""},

		{"slides.pdf", html, "its bytes begin like an HTML page"},
		{"slides.pdf", []byte("slides go here\n"), "its bytes begin like plain text"},
		{"slides.pdf", nil, "the file is empty"},
		{"slides.pdf", pngBytes, "its bytes begin like a PNG"},
		{"a.png", []byte("hello\n"), "its bytes begin like plain text"},
		{"a.png", jpgBytes, "its bytes begin like a JPG"},
		{"a.jpg", pngBytes, "its bytes begin like a PNG"},
		{"a.gif", []byte("\x00\x01\x02\x03\x04"), "its bytes begin like no format it knows"},
		{"a.svg", []byte("just words"), "its bytes begin like plain text"},
		{"slides.odp", zipOf(t, "index.html", "<p>"), "its bytes begin like a ZIP"},
		{"slides.odp", []byte("%PDF-1.4\n"), "its bytes begin like a PDF"},
		{"slides.pptx", []byte("%PDF-1.4\n"), "its bytes begin like a PDF"},
		{"notes.txt", []byte("caf\xe9 cr\xe8me\n"), "its bytes begin like text in an encoding other than UTF-8"},
		{"data.csv", html, "its bytes begin like an HTML page"},
		{"a.webp", pngBytes, "its bytes begin like a PNG"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := notWhatNamed(tt.name, tt.data); got != tt.want {
				t.Errorf("notWhatNamed(%q, %.20q) = %q, want %q", tt.name, tt.data, got, tt.want)
			}
		})
	}
}

// TestUTF8Head: a character cut by the end of a full head is not a fault
// of the file, one cut by the end of the whole file is.
func TestUTF8Head(t *testing.T) {
	full := strings.Repeat("a", sniffLen-1) + "é" // é is two bytes
	for _, tt := range []struct {
		head string
		want bool
	}{
		{"plain", true},
		{"café", true},
		{"caf\xe9", false},
		{full[:sniffLen], true},
		{strings.Repeat("a", sniffLen-2) + "\xe9a", false},
		{"caf\xc3", false}, // the whole file ends inside a character
	} {
		if got := utf8Head([]byte(tt.head)); got != tt.want {
			t.Errorf("utf8Head(%.12q… %d bytes) = %v, want %v", tt.head, len(tt.head), got, tt.want)
		}
	}
}

// TestHashFileKeepsHead: the bytes are judged from what hashing read,
// across the reads of a small buffer, and the verdict is cached until the
// file changes.
func TestHashFileKeepsHead(t *testing.T) {
	fsys := fstest.MapFS{
		"static/slides.pdf": {Data: []byte("<!DOCTYPE html>\n<html><body>" + strings.Repeat("x", 5000) + "</body></html>\n")},
		"static/good.pdf":   {Data: []byte("%PDF-1.4\n" + strings.Repeat("x", 5000))},
	}
	size, sum, head, err := hashFile(fsys, "static/slides.pdf", 1<<20, make([]byte, 7))
	if err != nil || size != int64(len(fsys["static/slides.pdf"].Data)) || len(sum) != 64 || len(head) != sniffLen {
		t.Fatalf("hashFile = %d, %q, %d bytes of head, %v", size, sum, len(head), err)
	}
	if !bytes.Equal(head, fsys["static/slides.pdf"].Data[:sniffLen]) {
		t.Fatal("the head is not the file's first bytes")
	}
	c := NewCache(DefaultKinds())
	for _, tt := range []struct{ name, want string }{
		{"static/slides.pdf", "its bytes begin like an HTML page"},
		{"static/good.pdf", ""},
	} {
		s, err := c.hashFile(fsys, tt.name)
		if err != nil || s.looks != tt.want {
			t.Errorf("%s: looks %q, %v; want %q", tt.name, s.looks, err, tt.want)
		}
	}
	fsys["static/slides.pdf"] = &fstest.MapFile{Data: []byte("%PDF-1.7\n")}
	if s, _ := c.hashFile(fsys, "static/slides.pdf"); s.looks == "" {
		t.Error("an unchanged file was read again: the cached verdict should stand until the file is said to change")
	}
	c.invalidate(fsys, []string{"static/slides.pdf"})
	if s, _ := c.hashFile(fsys, "static/slides.pdf"); s.looks != "" || s.size != 9 {
		t.Errorf("after a change: looks %q, size %d; want the new file's verdict", s.looks, s.size)
	}
}

func TestCheckLicense(t *testing.T) {
	tests := []struct {
		typed, id, problem, hint string
	}{
		{"CC-BY-SA-4.0", "CC-BY-SA-4.0", "", ""},
		{"cc-by-4.0", "CC-BY-4.0", "", ""},
		{"mit", "MIT", "", ""},
		{"Apache-2.0", "Apache-2.0", "", ""},
		{"CC BY-SA 4.0", "", `license "CC BY-SA 4.0" is not an SPDX licence identifier`, "write license: CC-BY-SA-4.0 (the SPDX identifier)"},
		{"Apache 2", "", `license "Apache 2" is not an SPDX licence identifier`, "write license: Apache-2.0 (the SPDX identifier)"},
		{"Apache License, Version 2.0", "", `license "Apache License, Version 2.0" is not an SPDX licence identifier`, "write license: Apache-2.0 (the SPDX identifier)"},
		{"MIT License", "", `license "MIT License" is not an SPDX licence identifier`, "write license: MIT (the SPDX identifier)"},
		{"GPLv3", "", `license "GPLv3" is not an SPDX licence identifier`, "write license: GPL-3.0-only or license: GPL-3.0-or-later (the SPDX identifiers)"},
		{"GNU General Public License v2", "", `license "GNU General Public License v2" is not an SPDX licence identifier`, "write license: GPL-2.0-only or license: GPL-2.0-or-later (the SPDX identifiers)"},
		{"Creative Commons Attribution-ShareAlike 4.0 International", "", `license "Creative Commons Attribution-ShareAlike 4.0 International" is not an SPDX licence identifier`, "write license: CC-BY-SA-4.0 (the SPDX identifier)"},
		{"CC0", "", `license "CC0" is not an SPDX licence identifier`, "write license: CC0-1.0 (the SPDX identifier)"},
		{"CC-BY-SA4.0", "", `license "CC-BY-SA4.0" is not an SPDX licence identifier`, "write license: CC-BY-SA-4.0 (the SPDX identifier)"},
		{"BSD", "", `license "BSD" is not an SPDX licence identifier`, "write the licence's SPDX identifier, like license: CC-BY-4.0, license: CC-BY-SA-4.0 or license: MIT (the SPDX licence list has them all)"},
		{"MIT OR Apache-2.0", "", `license "MIT OR Apache-2.0" is an SPDX expression; a deck names the one licence its slides are under`, "write one SPDX identifier, like license: CC-BY-4.0"},
		{"GPL-3.0", "GPL-3.0", "license GPL-3.0 is a deprecated SPDX identifier", "write license: GPL-3.0-only or license: GPL-3.0-or-later (the SPDX identifiers)"},
		{"GPL-2.0+", "GPL-2.0+", "license GPL-2.0+ is a deprecated SPDX identifier", "write license: GPL-2.0-or-later (the SPDX identifier)"},
	}
	for _, tt := range tests {
		id, problem, hint := checkLicense(tt.typed, func(id string) string { return "license: " + id })
		if id != tt.id || problem != tt.problem || hint != tt.hint {
			t.Errorf("checkLicense(%q) =\n%q, %q, %q\nwant\n%q, %q, %q", tt.typed, id, problem, hint, tt.id, tt.problem, tt.hint)
		}
	}
}

func TestCommaItems(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{"python", nil},
		{"python, teaching, open-data", []string{"python", "teaching", "open-data"}},
		{"a,b,,c, ", []string{"a", "b", "c"}},
		{",", nil},
	} {
		if got := commaItems(tt.in); strings.Join(got, "|") != strings.Join(tt.want, "|") || (got == nil) != (tt.want == nil) {
			t.Errorf("commaItems(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct {
		in   []string
		want string
	}{
		{[]string{"python", "open-data"}, "[python, open-data]"},
		{[]string{"3.12", "true", "a: b", "C#", "yes"}, `["3.12", "true", "a: b", "C#", yes]`},
	} {
		if got := flowList(tt.in); got != tt.want {
			t.Errorf("flowList(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// TestMeaningProblems: front matter that decodes but would change what
// the writer meant, each reported where it was typed; and the forms that
// mean what they say pass.
func TestMeaningProblems(t *testing.T) {
	const head = "---\ntitle: T\ndate: 2026-05-14\nauthors: [Ada]\n"
	tests := []struct {
		name string
		src  string // after head, before the closing line
		want []string
		tags []string
	}{
		{"expiry before date", "summary: s\nexpiry_date: 2026-05-01\n",
			[]string{`error: f.md:6:14: expiry_date 2026-05-01 is not after date 2026-05-14, so the entry would never be shown (set expiry_date after 2026-05-14, or remove it)`}, nil},
		{"expiry at date", "summary: s\nexpiry_date: 2026-05-14\n",
			[]string{`error: f.md:6:14: expiry_date 2026-05-14 is not after date 2026-05-14, so the entry would never be shown (set expiry_date after 2026-05-14, or remove it)`}, nil},
		{"expiry with a time", "summary: s\nexpiry_date: 2026-05-13T22:00:00Z\n",
			[]string{`error: f.md:6:14: expiry_date 2026-05-13T22:00:00Z is not after date 2026-05-14, so the entry would never be shown (set expiry_date after 2026-05-14, or remove it)`}, nil},
		{"expiry after date", "summary: s\nexpiry_date: 2026-06-01\n", nil, nil},

		{"tags as one string", "summary: s\ntags: python, teaching, open-data\n",
			[]string{`error: f.md:6:7: tags is one string holding commas, which would make one tag "python, teaching, open-data" (write a list: tags: [python, teaching, open-data])`},
			[]string{"python", "teaching", "open-data"}},
		{"a tag item with commas", "summary: s\ntags:\n  - python, data\n  - web\n",
			[]string{`error: f.md:7:5: the tag "python, data" holds commas (give each tag a line of its own: - python, - data)`},
			[]string{"python", "data", "web"}},
		{"aliases as one string", "summary: s\naliases: /2019/a/, /old/a/\n",
			[]string{`error: f.md:6:10: aliases is one string holding commas, which would be one address (write a list: aliases: [/2019/a/, /old/a/])`}, nil},
		{"tags as a list", "summary: s\ntags: [python, teaching]\n", nil, []string{"python", "teaching"}},
		{"one tag", "summary: s\ntags: python\n", nil, []string{"python"}},
		{"people as one string", "---\ntitle: T\ndate: 2026-05-14\nsummary: s\nauthors: Ada Lovelace, Grace Hopper\n",
			[]string{`warning: f.md:5:10: authors is one string holding commas, which names one person "Ada Lovelace, Grace Hopper" (for several people write a list: authors: [Ada Lovelace, Grace Hopper]; for one name with a comma, put it in quotes)`}, nil},

		{"summary cut by #", "summary: We are the #1 user group\n",
			[]string{`warning: f.md:5:21: summary stops before "#1 user group": YAML reads " #" as the start of a comment (put the whole value in quotes: summary: "We are the #1 user group", or the comment on a line of its own)`}, nil},
		{"after characters", "summary: Café — the #1 group\n",
			[]string{`warning: f.md:5:21: summary stops before "#1 group": YAML reads " #" as the start of a comment (put the whole value in quotes: summary: "Café — the #1 group", or the comment on a line of its own)`}, nil},
		{"a long value", "summary: We are\n  the #1 group\n",
			[]string{`warning: f.md:6:7: summary stops before "#1 group": YAML reads " #" as the start of a comment (put the whole value in quotes: summary: "We are the #1 group", or the comment on a line of its own)`}, nil},
		{"a tag item", "summary: s\ntags:\n  - c #sharp\n",
			[]string{`warning: f.md:7:7: tags item stops before "#sharp": YAML reads " #" as the start of a comment (put the whole value in quotes: - "c #sharp", or the comment on a line of its own)`}, []string{"c"}},
		{"quoted #", "summary: \"We are the #1 user group\"\n", nil, nil},
		{"# inside a word", "summary: We love C# and F#\n", nil, nil},
		{"comment after quotes", "summary: \"We\" # the team\n", nil, nil},
		{"comment on its own line", "# the team\nsummary: We\n", nil, nil},
		{"comment after a list", "summary: s\ntags: [a, b] # more later\n", nil, []string{"a", "b"}},
		{"comment after a date", "summary: s\nexpiry_date: 2027-01-01 # a year\n", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := head + tt.src + "---\n"
			if strings.HasPrefix(tt.src, "---") { // without head's authors
				src = tt.src + "---\n"
			}
			d, errs := Parse("f.md", DefaultKinds(), Story, []byte(src))
			errs.Sort()
			var got []string
			for _, e := range errs {
				got = append(got, e.Severity.String()+": "+e.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if d != nil && strings.Join(d.Tags, "|") != strings.Join(tt.tags, "|") {
				t.Errorf("tags %q, want %q", d.Tags, tt.tags)
			}
		})
	}
}

// TestMeaningOtherSyntaxes: TOML and JSON strings are quoted, so a # in
// them is text; a name with a comma in quotes is one name.
func TestMeaningOtherSyntaxes(t *testing.T) {
	for _, src := range []string{
		"+++\ntitle = \"T\"\nsummary = \"We are the #1 user group\" # a comment\ndate = 2026-05-14\nauthors = [\"Ada\"]\n+++\n",
		"{\n\"title\": \"T\", \"summary\": \"We are the #1\", \"date\": \"2026-05-14\", \"authors\": \"Lovelace, Ada\"\n}\n\n",
		"---\ntitle: T\nsummary: s\ndate: 2026-05-14\nauthors: \"Lovelace, Ada\"\n---\n",
	} {
		d, errs := Parse("f.md", DefaultKinds(), Story, []byte(src))
		if len(errs) > 0 || d == nil {
			t.Errorf("%q: %v", src, errs)
			continue
		}
		if !strings.Contains(d.Summary, "#1") && d.Authors[0].Name != "Lovelace, Ada" {
			t.Errorf("%q: summary %q, authors %q", src, d.Summary, d.Authors)
		}
	}
}

// TestHintsInTheFileSyntax: what a hint says to write is in the syntax of
// the file it is for. (Positions in TOML are another matter: only the
// message and the hint are compared.)
func TestHintsInTheFileSyntax(t *testing.T) {
	tests := []struct {
		kind      Kind
		src, want string
	}{
		{Story, "+++\ntitle = \"T\"\nsummary = \"s\"\ndate = 2026-05-14\nauthors = [\"Ada\"]\ntags = \"python, open-data\"\n+++\n",
			`tags is one string holding commas, which would make one tag "python, open-data" (write a list: tags = ["python", "open-data"])`},
		{Story, "{\n\"title\": \"T\", \"summary\": \"s\", \"date\": \"2026-05-14\", \"authors\": [\"Ada\"], \"aliases\": \"/a/, /b/\"\n}\n\n",
			`aliases is one string holding commas, which would be one address (write a list: "aliases": ["/a/", "/b/"])`},
		{Deck, "+++\ntitle = \"T\"\nsummary = \"s\"\ndate = 2026-05-14\nspeakers = [\"Ada\"]\nfiles = [\"/s.pdf\"]\nlicense = \"CC BY 4.0\"\n+++\n",
			`license "CC BY 4.0" is not an SPDX licence identifier (write license = "CC-BY-4.0" (the SPDX identifier))`},
		{Deck, "---\ntitle: T\nsummary: s\ndate: 2026-05-14\nspeakers: [Ada]\nfiles: [/s.pdf]\nlicense: Apache 2\n---\n",
			`license "Apache 2" is not an SPDX licence identifier (write license: Apache-2.0 (the SPDX identifier))`},
	}
	for _, tt := range tests {
		_, errs := Parse("f.md", DefaultKinds(), tt.kind, []byte(tt.src))
		if len(errs) != 1 || errs[0].Message() != tt.want {
			t.Errorf("%q:\n%v\nwant one problem: %s", tt.src, errs, tt.want)
		}
	}
}

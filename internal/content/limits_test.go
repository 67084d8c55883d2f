package content

import (
	"bytes"
	"fmt"
	"io/fs"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
)

// hostileFrontMatter are front matters made to cost as much as a file
// of their size can, in each syntax.
func hostileFrontMatter() []struct {
	name  string
	src   string
	first string // the first problem as printed
	last  string // the last, once capped
	total int    // every problem, counted
} {
	keys := func(format string, n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, format, i)
		}
		return b.String()
	}
	head := "title: T\nsummary: S.\ndate: 2025-01-01\nauthors: [A]\n"
	return []struct {
		name  string
		src   string
		first string
		last  string
		total int
	}{
		{"YAML: 500,000 keys in 5 MB", "---\n" + head + keys("k%d: 1\n", 500_000) + "---\nbody\n", "f.md:3679: front matter is longer than 32.0 kB (keep to the fields; long text goes in the body, after the closing line)", "", 1},
		{"YAML: 3,000 keys in 32 kB", "---\n" + head + keys("k%d: 1\n", 3000) + "---\nbody\n", `f.md:6:1: unknown key "k0" for a story (allowed: title, summary, date, tags, draft, slug, aliases, image, image_alt, expiry_date, authors, organization, community, region, pull_quote, quote_by, featured, canonical_url, link)`, "f.md:56:1: and 2950 more problems in this file (fix the ones above and check again)", 3000},
		{"YAML: 3,800 short keys in 32 kB", "---\n" + keys("a%x: 1\n", 3800) + "---\nbody\n", `f.md:1:1: missing required field "authors" for a story (add authors: who wrote it: names, or {name, url})`, "f.md:48:1: and 3754 more problems in this file (fix the ones above and check again)", 3804},
		{"YAML: a 5 MB line", "---\n" + head + "region: " + strings.Repeat("x", 5<<20) + "\n---\nbody\n", "f.md:6: front matter is longer than 32.0 kB (keep to the fields; long text goes in the body, after the closing line)", "", 1},
		{"YAML: at the limit", "---\n" + head + "region: " + strings.Repeat("x", maxFrontMatter-len(head)-len("region: \n")) + "\n---\nbody\n", "", "", 0},
		{"YAML: one byte over", "---\n" + head + "region: " + strings.Repeat("x", maxFrontMatter-len(head)-len("region: \n")+1) + "\n---\nbody\n", "f.md:6: front matter is longer than 32.0 kB (keep to the fields; long text goes in the body, after the closing line)", "", 1},
		{"YAML: nested 15,000 deep", "---\n" + head + "region: " + strings.Repeat("[", 15_000) + strings.Repeat("]", 15_000) + "\n---\n", "f.md:6:1: YAML front matter: exceeded max depth of 10000 (check quotes, colons and indentation; a value with ': ' or '#' needs quotes)", "", 1},
		{"YAML: 10,000 tags", "---\n" + head + "tags: [" + strings.Repeat("t, ", 10_000) + "t]\n---\n", "f.md:6:7: 10001 tags; at most 50 are allowed (keep the few that say what the entry is about)", "", 1},
		{"YAML: aliases", "---\n" + head + "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nregion: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n" + keys("k%d: *c\n", 2500) + "---\n", `f.md:6:1: unknown key "a" for a story (allowed: title, summary, date, tags, draft, slug, aliases, image, image_alt, expiry_date, authors, organization, community, region, pull_quote, quote_by, featured, canonical_url, link)`, "f.md:56:1: and 2454 more problems in this file (fix the ones above and check again)", 2504},
		{"TOML: 500,000 keys in 5 MB", "+++\n" + keys("k%d = 1\n", 500_000) + "+++\nbody\n", "f.md:3313: front matter is longer than 32.0 kB (keep to the fields; long text goes in the body, after the closing line)", "", 1},
		{"TOML: 3,000 keys in 32 kB", "+++\n" + keys("k%d = 1\n", 3000) + "+++\nbody\n", `f.md:1:1: missing required field "authors" for a story (add authors: who wrote it: names, or {name, url})`, "f.md:48:1: and 2954 more problems in this file (fix the ones above and check again)", 3004},
		{"TOML: 3,800 short keys in 32 kB", "+++\n" + keys("a%x=1\n", 3800) + "+++\nbody\n", `f.md:1:1: missing required field "authors" for a story (add authors: who wrote it: names, or {name, url})`, "f.md:48:1: and 3754 more problems in this file (fix the ones above and check again)", 3804},
		{"TOML: nested 15,000 deep", "+++\nregion = " + strings.Repeat("[", 15_000) + strings.Repeat("]", 15_000) + "\n+++\n", `f.md:2:10010: TOML front matter: arrays and inline tables are nested more than the maximum of 10000 levels deep (TOML strings need quotes; lists are ["a", "b"])`, "", 1},
		{"JSON: 500,000 keys in 5 MB", "{\n" + keys("\"k%d\": 1,\n", 500_000) + "\"title\": \"T\"\n}\n\nbody\n", "f.md:2761: front matter is longer than 32.0 kB (keep to the fields; long text goes in the body, after the closing line)", "", 1},
		{"JSON: 2,500 keys in 32 kB", "{\n" + keys("\"k%d\": 1,\n", 2500) + "\"title\": \"T\"\n}\n\nbody\n", `f.md:1:1: missing required field "authors" for a story (add authors: who wrote it: names, or {name, url})`, "f.md:49:1: and 2453 more problems in this file (fix the ones above and check again)", 2503},
		{"JSON: nested 15,000 deep", "{\n\"region\": " + strings.Repeat("[", 15_000) + strings.Repeat("]", 15_000) + "\n}\n\nbody\n", "f.md:2:10010: JSON front matter: invalid character '[' exceeded max depth (JSON needs double-quoted keys and strings and no trailing commas)", "", 1},
	}
}

// TestHostileFrontMatter checks that each costly front matter gives its
// problems, a page of them at most, from a bounded amount of memory.
func TestHostileFrontMatter(t *testing.T) {
	for _, tt := range hostileFrontMatter() {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, errs := Parse("f.md", DefaultKinds(), Story, []byte(tt.src))
			runtime.ReadMemStats(&after)
			// What parsing allocated, the input aside: a few times the
			// front matter that is decoded.
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 50<<20 {
				t.Errorf("parsing allocated %d MB, want under 50", alloc>>20)
			}
			errs.Sort()
			total := len(errs)
			errs = errs.Capped(MaxProblemsPerFile)
			if len(errs) > MaxProblemsPerFile+1 {
				t.Errorf("%d problems once capped, want at most %d", len(errs), MaxProblemsPerFile+1)
			}
			if total != tt.total || errs.Count(SeverityError) != tt.total {
				t.Errorf("%d problems, counted %d once capped, want %d", total, errs.Count(SeverityError), tt.total)
			}
			if tt.first != "" && (len(errs) == 0 || errs[0].Error() != tt.first) {
				t.Fatalf("first problem:\n%.500v\nwant:\n%s", errs, tt.first)
			}
			if tt.last != "" && errs[len(errs)-1].Error() != tt.last {
				t.Errorf("last problem:\n%s\nwant:\n%s", errs[len(errs)-1], tt.last)
			}
		})
	}
}

// BenchmarkHostileFrontMatter measures each costly front matter.
func BenchmarkHostileFrontMatter(b *testing.B) {
	for _, tt := range hostileFrontMatter() {
		b.Run(strings.NewReplacer(" ", "_", ",", "").Replace(tt.name), func(b *testing.B) {
			src, kinds := []byte(tt.src), DefaultKinds()
			b.ReportAllocs()
			for b.Loop() {
				Parse("f.md", kinds, Story, src)
			}
		})
	}
}

func TestCapped(t *testing.T) {
	list := func(file string, sev ...Severity) ErrorList {
		var l ErrorList
		for i, s := range sev {
			l = append(l, &Error{Pos: Pos{File: file, Line: i + 1}, Severity: s, Msg: "m"})
		}
		return l
	}
	repeat := func(n int, s Severity) []Severity {
		out := make([]Severity, n)
		for i := range out {
			out[i] = s
		}
		return out
	}
	tests := []struct {
		name string
		in   ErrorList
		want []string
		// counts of errors, warnings, notes once capped
		errors, warnings, notes int
	}{
		{"a few", list("a.md", SeverityError, SeverityWarning), []string{"a.md:1: m", "a.md:2: m"}, 1, 1, 0},
		{"one more than the cap is shown", list("a.md", repeat(4, SeverityWarning)...),
			[]string{"a.md:1: m", "a.md:2: m", "a.md:3: m", "a.md:4: m"}, 0, 4, 0},
		{"the rest counted at the first hidden, as the worst of them", list("a.md", append(repeat(4, SeverityNote), SeverityWarning, SeverityError, SeverityNote)...),
			[]string{"a.md:1: m", "a.md:2: m", "a.md:3: m", "error a.md:4: and 4 more problems in this file"}, 1, 1, 5},
		{"each file on its own", append(list("a.md", repeat(5, SeverityWarning)...), list("b.md", repeat(2, SeverityError)...)...),
			[]string{"a.md:1: m", "a.md:2: m", "a.md:3: m", "warning a.md:4: and 2 more problems in this file", "b.md:1: m", "b.md:2: m"}, 2, 5, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.in.Capped(3)
			var lines []string
			for _, e := range got {
				s := e.Pos.String() + ": " + e.Msg
				if e.Hidden != nil {
					s = e.Severity.String() + " " + s
				}
				lines = append(lines, s)
			}
			if strings.Join(lines, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("capped:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(tt.want, "\n"))
			}
			if e, w, n := got.Count(SeverityError), got.Count(SeverityWarning), got.Count(SeverityNote); e != tt.errors || w != tt.warnings || n != tt.notes {
				t.Errorf("counted %d errors, %d warnings, %d notes; want %d, %d, %d", e, w, n, tt.errors, tt.warnings, tt.notes)
			}
			if again := got.Capped(3); len(again) != len(got) || again.Count(SeverityNote) != tt.notes {
				t.Errorf("capping again changed the list")
			}
		})
	}
}

// The first bytes of files of a type, by which the type is known.
const (
	pdf          = "%PDF-1.7\n"
	pngSignature = "\x89PNG\r\n\x1a\n"
)

// sized is a file of n bytes that starts as its type does.
func sized(start string, n int) []byte {
	return append([]byte(start), make([]byte, n-len(start))...)
}

// TestFileLimits checks that files over their limit are refused with
// what to do, and the others read.
func TestFileLimits(t *testing.T) {
	deck := "---\ntitle: T\nsummary: S.\ndate: 2025-01-01\nspeakers: [A]\nlicense: CC-BY-4.0\nfiles: [slides.pdf, /big.pdf]\n---\n"
	fsys := fstest.MapFS{
		"content/stories/ok.md":              {Data: []byte(okStory)},
		"content/stories/big.md":             {Data: []byte(okStory + strings.Repeat("x", 1000))},
		"content/decks/talk/index.md":        {Data: []byte(deck)},
		"content/decks/talk/slides.pdf":      {Data: sized(pdf, 2001)},
		"content/decks/talk/photo.png":       {Data: sized(pngSignature, 2001)},
		"content/decks/talk/small.png":       {Data: sized(pngSignature, 2000)},
		"static/big.pdf":                     {Data: sized(pdf, 2500)},
		"content/guides/g/index.md":          {Data: []byte("---\ntitle: T\nsummary: S.\ndate: 2025-01-01\n---\n")},
		"content/guides/g/exactly-limit.pdf": {Data: sized(pdf, 2000)},
	}
	c := NewCache(DefaultKinds())
	c.Limits = Limits{File: 1000, Download: 2000}
	docs, errs := c.Load(fsys, nil)
	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
	}
	want := []string{
		"content/decks/talk/index.md:7:9: file \"slides.pdf\" is 2.0 kB; a download may be at most 2.0 kB (make it smaller, or raise max_download_mb in site.toml)",
		"content/decks/talk/index.md:7:21: file \"/big.pdf\" is 2.5 kB; a download may be at most 2.0 kB (make it smaller, or raise max_download_mb in site.toml)",
		"content/decks/talk/photo.png: the file is 2.0 kB; a file in a bundle may be at most 2.0 kB (make it smaller, or raise max_download_mb in site.toml)",
		"content/stories/big.md: the file is 1.1 kB; a Markdown file may be at most 1.0 kB (split it, or raise max_file_mb in site.toml)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(docs) != 3 {
		t.Errorf("%d documents, want the guide, the deck and ok.md", len(docs))
	}

	// Raised limits let the same files in, on the same cache.
	c.Limits = Limits{File: 2000, Download: 3000}
	if _, errs := c.Load(fsys, []string{}); len(errs) != 0 {
		t.Errorf("with raised limits: %v", errs)
	}
}

func TestHumanSize(t *testing.T) {
	tests := map[int64]string{0: "0 bytes", 999: "999 bytes", 1000: "1.0 kB", 7168: "7.2 kB", 2_500_000: "2.5 MB", 3e9: "3.0 GB"}
	for in, want := range tests {
		if got := HumanSize(in); got != want {
			t.Errorf("HumanSize(%d) = %q, want %q", in, got, want)
		}
	}
}

// lying is a file system of one file whose size, as Stat tells it, is
// not what reading it gives: a file that grows, or shrinks, meanwhile.
type lying struct {
	statSize int64
	data     []byte
	reads    *int
}

func (l lying) Open(string) (fs.File, error) {
	return &lyingFile{l, bytes.NewReader(l.data)}, nil
}

type lyingFile struct {
	lying
	r *bytes.Reader
}

func (f *lyingFile) Read(p []byte) (int, error) { *f.reads++; return f.r.Read(p) }
func (f *lyingFile) Close() error               { return nil }
func (f *lyingFile) Stat() (fs.FileInfo, error) {
	return fstest.MapFS{"f": {Data: make([]byte, f.statSize)}}.Stat("f")
}

func TestReadFile(t *testing.T) {
	tests := []struct {
		name     string
		statSize int64
		size     int
		want     string // the error, or "" for the file's bytes
		reads    bool   // whether it is read at all
	}{
		{"under the limit", 10, 10, "", true},
		{"at the limit", 100, 100, "", true},
		{"over, refused unread", 101, 101, "the file is 101 bytes; the limit is 100 bytes", false},
		{"grew while read", 10, 5000, "the file is over 100 bytes; the limit is 100 bytes", true},
		{"grew, but not past the limit", 10, 100, "", true},
		{"shrank", 90, 20, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reads := 0
			data := bytes.Repeat([]byte("x"), tt.size)
			got, err := ReadFile(lying{tt.statSize, data, &reads}, "f", 100)
			switch {
			case tt.want == "" && (err != nil || !bytes.Equal(got, data)):
				t.Errorf("read %d bytes, %v; want the %d bytes", len(got), err, tt.size)
			case tt.want != "" && (err == nil || err.Error() != tt.want):
				t.Errorf("error %v, want %s", err, tt.want)
			}
			if (reads > 0) != tt.reads {
				t.Errorf("%d reads, want reads: %v", reads, tt.reads)
			}
		})
	}
}

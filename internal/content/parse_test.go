package content

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

const okStory = "---\ntitle: Hello\nsummary: A story.\ndate: 2026-05-14\nauthors: [Ada]\n---\nBody text.\n"

func TestParseProblems(t *testing.T) {
	tests := []struct {
		name string
		kind Kind
		src  string
		want []string // every problem, in order, as printed
	}{
		{"valid story", Story, okStory, nil},
		{"unknown key with suggestion", Story,
			"---\ntittle: Hello\ntitle: Hello\nsummary: s\ndate: 2026-05-14\nauthors: [Ada]\n---\n",
			[]string{`f.md:2:1: unknown key "tittle" for a story (did you mean "title"?)`}},
		{"key of another kind", Story,
			"---\ntitle: T\nsummary: s\ndate: 2026-05-14\nauthors: [Ada]\nspeakers: [Bo]\n---\n",
			[]string{`f.md:6:1: unknown key "speakers" for a story (speakers is a field of a deck, not of a story)`}},
		{"missing required fields", Story, "---\ntitle: T\n---\nbody\n",
			[]string{
				`f.md:1:1: missing required field "authors" for a story (add authors: who wrote it: names, or {name, url})`,
				`f.md:1:1: missing required field "date" for a story (add date: publication date, 2026-05-14 or RFC 3339; a future date schedules the entry)`,
				`f.md:1:1: missing required field "summary" for a story (add summary: one or two sentences for cards, feeds and social previews)`,
			}},
		{"wrong types", Story,
			"---\ntitle: [a, b]\nsummary: s\ndate: 2026-05-14\nauthors: [Ada]\nfeatured: \"yes\"\ntags: {a: 1}\n---\n",
			[]string{
				`f.md:2:8: title must be a string, not a list`,
				`f.md:6:11: featured must be true or false, not "yes" (write true or false without quotes)`,
				`f.md:7:7: tags must be a list, not a mapping (write ["a", "b"] or one "- item" per line)`,
			}},
		{"bad date", Story, "---\ntitle: T\nsummary: s\ndate: 14/05/2026\nauthors: [Ada]\n---\n",
			[]string{`f.md:4:7: date "14/05/2026" is not a date (write it like 2026-05-14, 2026-05-14T09:30:00Z, 2026-05-14 09:30:00 +02:00, 2026-05-14T09:30 or 2026-05-14 09:30+02:00; a time without a zone is UTC)`}},
		{"non-http URL", Story, "---\ntitle: T\nsummary: s\ndate: 2026-05-14\nauthors: [Ada]\ncanonical_url: javascript:alert(1)\n---\n",
			[]string{`f.md:6:16: canonical_url "javascript:alert(1)" is not an http(s) URL (write a full address starting with https://)`}},
		{"URL with a quote", Story, "---\ntitle: T\nsummary: s\ndate: 2026-05-14\nauthors: [{name: A, url: 'https://e.org/\"x'}]\n---\n",
			[]string{`f.md:5:26: authors.url "https://e.org/\"x" contains a space or characters that must be percent-encoded (copy the address from the browser's address bar)`}},
		{"URL with a user name", Story, "---\ntitle: T\nsummary: s\ndate: 2026-05-14\nauthors: [Ada]\ncanonical_url: https://user:pass@good.example@evil.example/\norganization: {name: O, url: 'https://good.example\\@evil.example/'}\n---\n",
			[]string{
				`f.md:6:16: canonical_url "https://user:pass@good.example@evil.example/" has a user name or password before @, so it reads as one host and leads to evil.example (remove everything between // and @)`,
				`f.md:7:30: organization.url "https://good.example\\@evil.example/" contains a backslash, a control character or a bidirectional control, which browsers or readers see differently (write the address without it)`,
			}},
		{"URL with a bad host", Story, "---\ntitle: T\nsummary: s\ndate: 2026-05-14\nauthors: [{name: A, url: 'https://xn--zzzz-.example/'}]\norganization: {name: O, url: http://0x7f.1/}\n---\n",
			[]string{
				`f.md:5:26: authors.url "https://xn--zzzz-.example/" has a host name that is not valid (invalid label "zzzz-") (check the spelling of the host)`,
				`f.md:6:30: organization.url "http://0x7f.1/" has a host browsers read as a numeric IP address (write the host name, or the address as four numbers like 192.0.2.1)`,
			}},
		{"unterminated", Story, "---\ntitle: T\nsummary: s\n\nbody\n",
			[]string{`f.md:1:1: front matter opened with "---" on line 1 is never closed (add a line with only "---" after the last field)`}},
		{"no front matter", Story, "just text\n",
			[]string{`f.md:1:1: the file has no front matter (start it with a line ---, then title:, summary: and date:, then another ---)`}},
		{"empty file", Story, "  \n\n",
			[]string{`f.md:1: the file is empty (start it with front matter: a line ---, title: ..., and another ---)`}},
		{"yaml syntax error in file lines", Story, "\n---\ntitle: T\nsummary: s: t\n---\n",
			[]string{`f.md:4:11: YAML front matter: mapping values are not allowed in this context (check quotes, colons and indentation; a value with ': ' or '#' needs quotes)`}},
		{"yaml: text after a quoted value", Story, "---\ntitle: T\nsummary: \"S: x\" extra\n---\n",
			[]string{`f.md:3:17: YAML front matter: text follows the closing quote (put the whole value inside the quotes, or leave the quotes out)`}},
		{"yaml: unclosed list", Story, "---\ntitle: T\nauthors: [\"A\"\nx: 1\n---\n",
			[]string{`f.md:3:10: YAML front matter: the [ opened here is never closed (close the list with ])`}},
		{"yaml: tab indentation", Story, "---\ntitle: T\nsummary: S\n\tregion: x\n---\n",
			[]string{`f.md:4:1: YAML front matter: a tab indents this line (YAML indents with spaces, not tabs: replace it with spaces)`}},
		{"json without blank line", Story, "{\n\"title\": \"T\"\n}\nbody\n",
			[]string{`f.md:1:1: JSON front matter opened with { on line 1 does not end with a line holding only }, then an empty line (put the closing } on its own line and leave an empty line after it)`}},
		{"toml syntax error", Story, "+++\ntitle = \"T\"\nsummary = s\n+++\n",
			[]string{`f.md:3:11: TOML front matter: unexpected character U+0073 's' at start of value (TOML strings need quotes; lists are ["a", "b"])`}},
		{"json syntax error", Story, "{\n\"title\": \"T\",\n\"summary\": s\n}\n\nbody\n",
			[]string{`f.md:3:12: JSON front matter: invalid character 's' looking for beginning of value (JSON needs double-quoted keys and strings and no trailing commas)`}},
		{"image without alt", Story, "---\ntitle: T\nsummary: s\ndate: 2026-05-14\nauthors: [Ada]\nimage: /a.png\n---\n",
			[]string{`f.md:6:8: image has no image_alt (add image_alt: a sentence saying what the image shows)`}},
		{"slug that escapes", Story, "---\ntitle: T\nsummary: s\ndate: 2026-05-14\nauthors: [Ada]\nslug: ../../etc\n---\n",
			[]string{`f.md:6:7: slug "../../etc" is not lowercase letters, digits and hyphens (try "etc")`}},
		{"reserved slug", Story, "---\ntitle: T\nsummary: s\ndate: 2026-05-14\nauthors: [Ada]\nslug: con\n---\n",
			[]string{`f.md:6:7: slug "con" is a name Windows reserves for devices (choose another slug)`}},
		{"reserved alias", Story, "---\ntitle: T\nsummary: s\ndate: 2026-05-14\nauthors: [Ada]\naliases: [/old/aux.html]\n---\n",
			[]string{`f.md:6:11: alias "/old/aux.html" uses "aux.html", a name Windows reserves for devices (write a path on this site starting with /, like /old/story/)`}},
		{"alias that escapes", Story, "---\ntitle: T\nsummary: s\ndate: 2026-05-14\nauthors: [Ada]\naliases: [/a/../../b]\n---\n",
			[]string{`f.md:6:11: alias "/a/../../b" may not contain . or .. segments (write a path on this site starting with /, like /old/story/)`}},
		{"alias and field twice", Story, "---\ntitle: T\nsummary: s\ndate: 2026-05-14\nauthors: [Ada]\nauthor: Bo\n---\n",
			[]string{`f.md:6:1: authors is given twice (as authors and author) (keep one)`}},
		{"deck enum and number", Deck, "---\ntitle: T\nsummary: s\ndate: 2026-05-14\nspeakers: [Ada]\nfiles: [/a.pdf]\nlicense: CC-BY-4.0\nlevel: Expert\nduration_minutes: half an hour\n---\n",
			[]string{
				`f.md:8:8: level "Expert" is not one of beginner, intermediate, advanced`,
				`f.md:9:19: duration_minutes must be a whole number, not "half an hour" (write digits without quotes, like 30)`,
			}},
		{"NUL byte", Story, "---\ntitle: T\x00\n---\n", []string{`f.md:2:9: the file contains a NUL byte (save it as plain UTF-8 text)`}},
		{"invalid UTF-8", Story, "---\ntitle: \xff\n---\n", []string{`f.md:2:8: the file is not valid UTF-8 (save it with the UTF-8 encoding)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := Parse("f.md", DefaultKinds(), tt.kind, []byte(tt.src))
			wantProblems(t, errs, tt.want)
		})
	}
}

func TestParseFormatsAgree(t *testing.T) {
	srcs := map[string]string{
		"yaml":      okStory,
		"yaml+bom":  "\xef\xbb\xbf" + okStory,
		"yaml+crlf": strings.ReplaceAll(okStory, "\n", "\r\n"),
		"toml":      "+++\ntitle = \"Hello\"\nsummary = \"A story.\"\ndate = 2026-05-14\nauthors = [\"Ada\"]\n+++\nBody text.\n",
		"json":      "{\n\"title\": \"Hello\",\n\"summary\": \"A story.\",\n\"date\": \"2026-05-14\",\n\"authors\": [\"Ada\"]\n}\n\nBody text.\n",
		"json;;;":   ";;;\n{\"title\": \"Hello\", \"summary\": \"A story.\", \"date\": \"2026-05-14\", \"authors\": [\"Ada\"]}\n;;;\nBody text.\n",
	}
	for name, src := range srcs {
		d, errs := Parse("f.md", DefaultKinds(), Story, []byte(src))
		if len(errs) > 0 {
			t.Errorf("%s: %v", name, errs)
			continue
		}
		want := time.Date(2026, 5, 14, 0, 0, 0, 0, time.UTC)
		if d.Title != "Hello" || d.Summary != "A story." || !d.Date.Equal(want) || len(d.Authors) != 1 || d.Authors[0].Name != "Ada" {
			t.Errorf("%s: decoded %+v", name, d)
		}
		if strings.TrimSpace(string(d.Body)) != "Body text." {
			t.Errorf("%s: body %q", name, d.Body)
		}
	}
}

func TestBodyLine(t *testing.T) {
	d, errs := Parse("f.md", DefaultKinds(), Story, []byte("\n"+okStory))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if d.BodyLine != 8 {
		t.Errorf("body starts on line %d, want 8", d.BodyLine)
	}
	if p := d.FieldPos("date"); p.Line != 5 || p.Col != 7 {
		t.Errorf("date at %v, want line 5", p)
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"2026-05-14", "2026-05-14T00:00:00Z", true},
		{"2026-05-14T09:30:00Z", "2026-05-14T09:30:00Z", true},
		{"2026-05-14T09:30:00+02:00", "2026-05-14T07:30:00Z", true},
		{"2026-05-14 09:30:00", "2026-05-14T09:30:00Z", true},
		{"2026-05-14T09:30:00.250+02:00", "2026-05-14T07:30:00Z", true},
		// YAML timestamps: a space before the time, and before the zone.
		{"2026-05-14 09:30:00 +02:00", "2026-05-14T07:30:00Z", true},
		{"2026-05-14 09:30:00+02:00", "2026-05-14T07:30:00Z", true},
		{"2026-05-14 09:30:00Z", "2026-05-14T09:30:00Z", true},
		{"2026-05-14 09:30:00 Z", "2026-05-14T09:30:00Z", true},
		{"2026-05-14 09:30 +02:00", "2026-05-14T07:30:00Z", true},
		{"2026-05-14 09:30", "2026-05-14T09:30:00Z", true},
		{"2026-05-14T09:30", "2026-05-14T09:30:00Z", true},
		{"2026-05-14T09:30-05:00", "2026-05-14T14:30:00Z", true},
		{" 2026-05-14 ", "2026-05-14T00:00:00Z", true},
		{"2026-05-14 09:30:00 +0200", "", false},
		{"2026-05-14 25:00", "", false},
		{"2026-02-30", "", false},
		{"May 14, 2026", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := ParseDate(tt.in)
		if ok != tt.ok || (ok && got.Format(time.RFC3339) != tt.want) {
			t.Errorf("ParseDate(%q) = %v, %v; want %s, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// Every example the hint gives is a date ParseDate reads.
func TestDateHint(t *testing.T) {
	examples := strings.Split(strings.TrimPrefix(strings.Split(dateHint, ";")[0], "write it like "), ", ")
	last := examples[len(examples)-1]
	examples = append(examples[:len(examples)-1], strings.Split(last, " or ")...)
	if len(examples) != 1+len(dateTimes) {
		t.Fatalf("hint %q gives %d examples, want %d", dateHint, len(examples), 1+len(dateTimes))
	}
	for _, ex := range examples {
		if _, ok := ParseDate(ex); !ok {
			t.Errorf("hint example %q is not read by ParseDate", ex)
		}
	}
}

func TestSlugify(t *testing.T) {
	tests := map[string]string{
		"Hello World":         "hello-world",
		"Café Python 2026":    "cafe-python-2026",
		"  --Already-slug-- ": "already-slug",
		"../../etc/passwd":    "etc-passwd",
		"日本語":                 "",
		"C++ & Python!":       "c-python",
	}
	for in, want := range tests {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
		if got := Slugify(in); got != "" && !ValidSlug(got) {
			t.Errorf("Slugify(%q) = %q is not a valid slug", in, got)
		}
	}
}

func TestTagSlug(t *testing.T) {
	tests := map[string]string{"Python": "python", "open data": "open-data", "Open-Data!": "open-data", "C++": "c-plus-plus", "C#": "c-sharp", "C": "c", "日本語": ""}
	for in, want := range tests {
		if got := TagSlug(in); got != want {
			t.Errorf("TagSlug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCleanURLPath(t *testing.T) {
	tests := []struct{ in, want, problem string }{
		{"/old/story", "/old/story/", ""},
		{"/old/story/", "/old/story/", ""},
		{"/2019/post.html", "/2019/post.html", ""},
		{"old", "", "must start with a single /"},
		{"//evil.example/", "", "must start with a single /"},
		{"/a/../b", "", "may not contain . or .. segments"},
		{`/a\b`, "", "may not contain backslashes, control characters, ?, #, % or :"},
		{"/", "", "would replace the home page"},
	}
	for _, tt := range tests {
		got, problem := CleanURLPath(tt.in)
		if got != tt.want || problem != tt.problem {
			t.Errorf("CleanURLPath(%q) = %q, %q; want %q, %q", tt.in, got, problem, tt.want, tt.problem)
		}
	}
}

func TestSuggest(t *testing.T) {
	names := []string{"title", "summary", "date", "tags", "authors"}
	tests := map[string]string{
		"tittle":  `did you mean "title"?`,
		"sumary":  `did you mean "summary"?`,
		"Title":   `did you mean "title"?`,
		"autohrs": `did you mean "authors"?`,
		"colour":  "",
		"TAGS":    `did you mean "tags"?`,
		"title":   "", // an exact match needs no hint
	}
	for in, want := range tests {
		if got := suggest(in, names); got != want {
			t.Errorf("suggest(%q) = %q, want %q", in, got, want)
		}
	}
	// Enum values, whose case-only differences were once skipped.
	levels := []string{"beginner", "intermediate", "advanced"}
	for in, want := range map[string]string{
		"Beginner":  `did you mean "beginner"?`,
		"ADVANCED":  `did you mean "advanced"?`,
		"beginer":   `did you mean "beginner"?`,
		"expert":    "",
		"Approved":  "", // not a level
		"café":      "", // nothing near
		"beginner":  "",
		"Intermedi": `did you mean "intermediate"?`,
	} {
		if got := suggest(in, levels); got != want {
			t.Errorf("suggest(%q, levels) = %q, want %q", in, got, want)
		}
	}
	// The same name typed in NFC, found in NFD (as macOS writes it).
	nfc, nfd := "caf\u00e9.png", "cafe\u0301.png"
	want := `did you mean "` + nfd + `"? The two differ only in Unicode normalization (how accents are encoded)`
	if got := suggest(nfc, []string{"other.png", nfd}); got != want {
		t.Errorf("suggest(NFC café) = %q, want %q", got, want)
	}
}

func TestNearest(t *testing.T) {
	tests := []struct {
		word       string
		candidates []string
		want       string // "" for none
	}{
		{"story", []string{"decks", "stories", "guides"}, "stories"},
		{"talking-point", []string{"stories", "talking-points"}, "talking-points"},
		{"Stories", []string{"decks", "stories"}, "stories"},
		{"content/story/other.md", []string{"content/stories/other.md", "content/decks/other.md"}, "content/stories/other.md"},
		{"content/stories/othre.md", []string{"content/stories/other.md", "content/stories/others.md"}, "content/stories/other.md"},
		{"content/stories/x.md", []string{"content/decks/intro/index.md"}, ""},
		{"slides.PDF", []string{"notes.pdf", "slides.pdf"}, "slides.pdf"},
		// Ties go to the first in sorted order, whatever order they come in.
		{"ab", []string{"ac", "aa"}, "aa"},
		{"ab", []string{"aa", "ac"}, "aa"},
		{"same", []string{"same"}, ""},
		{"nope.md", []string{"good.md"}, ""},
		// Every letter changed is another name, however short.
		{"b.md", []string{"a.md"}, ""},
		{"x", []string{"y"}, ""},
		{"cafè.png", []string{"café.png"}, "café.png"},
		{"content/stories/cafe.md", []string{"content/stories/café.md"}, "content/stories/café.md"},
	}
	for _, tt := range tests {
		got, ok := Nearest(tt.word, slices.Values(tt.candidates))
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("Nearest(%q, %q) = %q, %v; want %q", tt.word, tt.candidates, got, ok, tt.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add(okStory)
	f.Add("+++\ntitle = \"T\"\n+++\n")
	f.Add("{\n\"title\": 1\n}\n\n")
	f.Add("---\ntags: [a, {b: c}]\nfiles: [{path: ../x}]\naliases: [/a/]\n---\n")
	f.Add("\xef\xbb\xbf---\r\ndate: 2026-01-01\r\n---\r\n")
	f.Fuzz(func(t *testing.T, src string) {
		kinds := DefaultKinds()
		for k := range kinds.All() {
			d, errs := Parse("f.md", kinds, k, []byte(src))
			// A lone CR is a line break too, as editors and YAML count it.
			lines := strings.Count(strings.ReplaceAll(src, "\r\n", "\n"), "\n") + strings.Count(src, "\r") - strings.Count(src, "\r\n") + 1
			for _, e := range errs {
				if e.Pos.File != "f.md" || e.Pos.Line < 0 || e.Pos.Line > lines+1 {
					t.Fatalf("problem outside the file: %v (file has %d lines)", e, lines)
				}
			}
			if d != nil {
				// The body is the end of the file, starting on BodyLine.
				norm := strings.ReplaceAll(strings.ReplaceAll(strings.TrimPrefix(src, "\ufeff"), "\r\n", "\n"), "\r", "\n")
				head, found := strings.CutSuffix(norm, string(d.Body))
				if !found || strings.Count(head, "\n")+1 != d.BodyLine {
					t.Fatalf("body %q on line %d is not the end of %q", d.Body, d.BodyLine, norm)
				}
			}
			if d != nil && d.Slug != "" && !ValidSlug(d.Slug) {
				t.Fatalf("invalid slug accepted: %q", d.Slug)
			}
			if d != nil {
				for _, a := range d.Aliases {
					if strings.Contains(a, "..") || !strings.HasPrefix(a, "/") {
						t.Fatalf("unsafe alias accepted: %q", a)
					}
				}
			}
		}
	})
}

func TestReservedFileName(t *testing.T) {
	fsys := fstest.MapFS{"content/stories/con.md": {Data: []byte(okStory)}, "content/stories/fine.md": {Data: []byte(okStory)}}
	docs, errs := Load(fsys, DefaultKinds())
	if len(errs) != 1 || errs[0].Error() != `content/stories/con.md: "con" is a name Windows reserves for devices (rename the file, or add slug: to the front matter)` {
		t.Errorf("problems %v", errs)
	}
	if len(docs) != 2 {
		t.Errorf("%d documents", len(docs))
	}
}

// TestReservedName: the names Windows keeps for devices, with any
// extension and in any case, and names that only start like one.
func TestReservedName(t *testing.T) {
	for name, want := range map[string]bool{
		"con": true, "NUL.txt": true, "aux.tar.png": true, "com1": true, "LPT9.pdf": true, "com0": true,
		"conin$": true, "CONOUT$.png": true, "com¹": true, "lpt³.png": true, "COM².pdf": true,
		"console": false, "com10": false, "com": false, "lpt⁴": false, "conin": false, "comx": false, "icon.png": false,
	} {
		if got := reservedName(name); got != want {
			t.Errorf("reservedName(%q) = %v, want %v", name, got, want)
		}
	}
}

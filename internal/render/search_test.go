package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/markdown"
	"github.com/storyhub/storyhub/internal/site"
	"github.com/storyhub/storyhub/themes"
)

const hostile = "</script><script>alert(1)</script> \"q\" 'a'\u2028b\u2029c & <!--"

// searchSite builds a small site of files (path → source) with cfg.
func searchSite(t *testing.T, cfg site.Config, files map[string]string) *site.Site {
	t.Helper()
	var docs []*content.Doc
	kinds := content.DefaultKinds()
	for path, src := range files {
		parts := strings.Split(path, "/")
		kind, ok := kinds.OfSection(parts[1])
		if !ok {
			t.Fatalf("bad test path %s", path)
		}
		d, errs := content.Parse(path, kinds, kind, []byte(src))
		if d == nil || errs.Err() != nil {
			t.Fatalf("%s: %v", path, errs)
		}
		d.Name = strings.TrimSuffix(parts[2], ".md")
		docs = append(docs, d)
	}
	s, errs := site.New(cfg, docs, site.Options{Now: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)}, markdown.New(nil), nil)
	if errs.Err() != nil {
		t.Fatal(errs)
	}
	return s
}

func searchFiles() map[string]string {
	return map[string]string{
		"content/stories/a.md": "---\ntitle: Python in schools\nsummary: How a school district moved to Python.\ndate: 2026-03-01\n" +
			"authors: [Ada Lovelace, {name: Grace Hopper, url: 'https://example.org/g'}]\ntags: [python, Education]\ncommunity: education\n---\nbody\n",
		"content/stories/evil.md": "---\ntitle: '" + strings.ReplaceAll(hostile, "'", "''") + "'\nsummary: '" + strings.ReplaceAll(hostile, "'", "''") + "'\n" +
			"date: 2026-02-01\nauthors: ['" + strings.ReplaceAll(hostile, "'", "''") + "']\ntags: [python]\n---\nbody\n",
		"content/decks/intro.md":          "---\ntitle: Intro deck\nsummary: Slides.\ndate: 2026-01-01\nspeakers: [Bo, Cy]\nfiles: [/d.pdf]\nlicense: CC-BY-4.0\ncommunity: education\nevent: PyCon US 2026\n---\n",
		"content/talking-points/edu.md":   "---\ntitle: Why Python\nsummary: Points.\ndate: 2025-12-01\ncommunity: education\n---\n## One\n",
		"content/guides/start.md":         "---\ntitle: Starting a group\nsummary: First steps.\ndate: 2025-11-01\n---\nBook a **café** room.\n\n```\nsecretcode\n```\n",
		"content/people/ada-lovelace.md":  "---\nname: Ada Lovelace\nalso_known_as: [Ada King]\nroles: [{role: ambassador, community: education}]\n---\nWrote the *first* program, e.g. for engines. Also poems.\n",
		"content/events/pycon-us-2026.md": "---\ntitle: PyCon US 2026\nstart: 2026-05-14\nend: 2026-05-22\ncity: Pittsburgh\ncountry: US\nvenue: Convention Center\n---\nThe long body of the event stays out of the index.\n",
		"content/events/ny-night.md":      "---\ntitle: NY Night\nstart: 2026-03-07 18:00\nend: 2026-03-08T01:00\ntimezone: America/New_York\n---\n",
	}
}

// searchJSON renders the site's search index, checking its path, media
// type and that it is valid JSON.
func searchJSON(t *testing.T, r *Renderer, s *site.Site) ([]byte, Output) {
	t.Helper()
	outs, _, err := r.Plan(s, fstest.MapFS{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var found []Output
	for _, o := range outs {
		if o.Path == SearchIndexPath {
			found = append(found, o)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d outputs at %s, want 1", len(found), SearchIndexPath)
	}
	o := found[0]
	if o.MediaType != JSON {
		t.Errorf("index output: media type %q", o.MediaType)
	}
	var a, b bytes.Buffer
	data, _, err := NewPass(nil, false).Make(&o, &a, &b)
	if err != nil {
		t.Fatal(err)
	}
	if !json.Valid(data) {
		t.Fatalf("index is not valid JSON:\n%s", data)
	}
	return bytes.Clone(data), o
}

// decoded is an index entry with its positions resolved to names, and
// the terms whose postings list it.
type decoded struct {
	Title, Summary, Kind, Community string
	Tags, People                    []string
	Terms                           []string
}

// decodePostings reads a posting list written by appendPostings.
func decodePostings(t *testing.T, s string) []int {
	t.Helper()
	var out []int
	prev, gap, shift := -1, 0, 0
	for _, c := range []byte(s) {
		d := strings.IndexByte(postingDigits, c)
		if d < 0 {
			t.Fatalf("posting list %q: %q is no digit", s, c)
		}
		gap |= (d & 31) << shift
		shift += 5
		if d < 32 {
			prev += gap + 1
			out = append(out, prev)
			gap, shift = 0, 0
		}
	}
	if shift != 0 {
		t.Fatalf("posting list %q ends inside a number", s)
	}
	return out
}

func decodeIndex(t *testing.T, data []byte) map[string]decoded {
	t.Helper()
	var idx struct {
		V                  int
		Kinds, Communities []string
		Tags, Stop         []string
		Pages              [][]json.RawMessage
		Terms, Postings    []string
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&idx); err != nil {
		t.Fatal(err)
	}
	if idx.V != 2 {
		t.Errorf("version %d, want 2", idx.V)
	}
	if len(idx.Terms) != len(idx.Postings) {
		t.Fatalf("%d terms and %d posting lists", len(idx.Terms), len(idx.Postings))
	}
	if !slices.IsSorted(idx.Terms) {
		t.Errorf("terms are not sorted: %q", idx.Terms)
	}
	terms := make([][]string, len(idx.Pages))
	for i, term := range idx.Terms {
		for _, p := range decodePostings(t, idx.Postings[i]) {
			if p >= len(idx.Pages) {
				t.Fatalf("term %q lists page %d of %d", term, p, len(idx.Pages))
			}
			terms[p] = append(terms[p], term)
		}
	}
	out := map[string]decoded{}
	for pi, p := range idx.Pages {
		if len(p) != 7 {
			t.Fatalf("entry of %d fields, want 7: %s", len(p), p)
		}
		var url string
		var e decoded
		var kind, community int
		var tags []int
		for i, dst := range []any{&url, &e.Title, &e.Summary, &kind, &community, &tags, &e.People} {
			if err := json.Unmarshal(p[i], dst); err != nil {
				t.Fatalf("field %d of %s: %v", i, p, err)
			}
		}
		e.Kind = idx.Kinds[kind]
		if community >= 0 {
			e.Community = idx.Communities[community]
		}
		for _, ti := range tags {
			e.Tags = append(e.Tags, idx.Tags[ti])
		}
		e.Terms = terms[pi]
		out[url] = e
	}
	return out
}

func TestSearchIndex(t *testing.T) {
	r, err := New(themes.Default(), "themes/default", content.DefaultKinds(), true)
	if err != nil {
		t.Fatal(err)
	}
	cfg := site.DefaultConfig()
	cfg.BaseURL = "https://example.org/hub/"
	cfg.Communities = map[string]site.CommunityConfig{"education": {Name: "Education & " + hostile, Description: "Teachers and schools."}}
	data, _ := searchJSON(t, r, searchSite(t, cfg, searchFiles()))
	got := decodeIndex(t, data)
	edu := "Education & " + hostile
	spaced := strings.Join(strings.Fields(hostile), " ")
	tests := []struct {
		url  string
		want decoded
	}{
		{"/hub/stories/a/", decoded{"Python in schools", "How a school district moved to Python.", "story", edu, []string{"python", "Education"}, []string{"Ada Lovelace", "Grace Hopper"},
			[]string{"ada", "alert", "body", "district", "education", "grace", "hopper", "lovelace", "moved", "python", "school", "schools", "script"}}},
		// "q", "a", "b" and "c" are one letter: no terms.
		{"/hub/stories/evil/", decoded{hostile, hostile, "story", "", []string{"python"}, []string{hostile}, []string{"alert", "body", "python", "script"}}},
		{"/hub/decks/intro/", decoded{"Intro deck", "Slides.", "deck", edu, nil, []string{"Bo", "Cy"}, []string{"alert", "bo", "cy", "deck", "education", "intro", "script", "slides"}}},
		{"/hub/talking-points/edu/", decoded{"Why Python", "Points.", "talking-points", edu, nil, []string{}, []string{"alert", "education", "one", "points", "python", "script"}}},
		// The body's words, accents folded, without its code block.
		{"/hub/guides/start/", decoded{"Starting a group", "First steps.", "guide", "", nil, []string{}, []string{"book", "cafe", "first", "group", "room", "starting", "steps"}}},
		{"/hub/communities/education/", decoded{edu, "Teachers and schools.", "community", edu, nil, []string{}, []string{"alert", "education", "schools", "script", "teachers"}}},
		// A person: their bio's first sentence ("e.g." does not end
		// it), other names and roles, not the rest of the bio.
		{"/hub/people/ada-lovelace/", decoded{"Ada Lovelace", "Wrote the first program, e.g. for engines.", "person", "", nil, []string{},
			[]string{"ada", "alert", "ambassador", "education", "engines", "first", "king", "lovelace", "program", "script", "wrote"}}},
		// Without a profile, what they have on the site.
		{"/hub/people/grace-hopper/", decoded{"Grace Hopper", "Grace Hopper wrote a story.", "person", "", nil, []string{}, []string{"grace", "hopper", "story", "wrote"}}},
		// A name's line separators are spaces (site.Person.Name).
		{"/hub/people/script-script-alert-1-script-q-a-b-c/", decoded{spaced, spaced + " wrote a story.", "person", "", nil, []string{}, []string{"alert", "script", "story", "wrote"}}},
		{"/hub/people/bo/", decoded{"Bo", "Bo gives a talk.", "person", "", nil, []string{}, []string{"bo", "gives", "talk"}}},
		{"/hub/people/cy/", decoded{"Cy", "Cy gives a talk.", "person", "", nil, []string{}, []string{"cy", "gives", "talk"}}},
		// An event: its days and city, its venue among the terms, not its body.
		{"/hub/events/pycon-us-2026/", decoded{"PyCon US 2026", "14–22 May 2026 · Pittsburgh, United States", "event", "", nil, []string{},
			[]string{"14", "2026", "22", "center", "convention", "may", "pittsburgh", "pycon", "states", "united"}}},
		// A timed event's days are in its time zone: it ends at 01:00 on the 8th in New York.
		{"/hub/events/ny-night/", decoded{"NY Night", "7–8 March 2026", "event", "", nil, []string{}, []string{"2026", "march", "night", "ny"}}},
	}

	for _, tt := range tests {
		e, ok := got[tt.url]
		if !ok {
			t.Errorf("no entry for %s", tt.url)
			continue
		}
		if !reflect.DeepEqual(e, tt.want) {
			t.Errorf("%s:\n got %#v\nwant %#v", tt.url, e, tt.want)
		}
	}
	if len(got) != len(tests) {
		t.Errorf("%d entries, want %d", len(got), len(tests))
	}
	// Hostile values stay inside their strings, whatever page the
	// index is pasted into: no markup and no raw line separators.
	for _, bad := range []string{"<", ">", "&", "\u2028", "\u2029"} {
		if bytes.Contains(data, []byte(bad)) {
			t.Errorf("index contains a raw %q", bad)
		}
	}
}

// TestSearchReads checks that the index, as a preview keeps it, is made
// again when what it shows changes, and only then: what it read while it
// was rendered is what it shows.
func TestSearchReads(t *testing.T) {
	r, err := New(themes.Default(), "themes/default", content.DefaultKinds(), true)
	if err != nil {
		t.Fatal(err)
	}
	deps := NewDeps()
	var reads *Reads
	render := func(s *site.Site) (*Output, []byte) {
		t.Helper()
		data, o := searchJSON(t, r, s)
		deps.Update(r, s)
		var a, b bytes.Buffer
		_, reads, err = NewPass(deps, false).Make(&o, &a, &b)
		if err != nil {
			t.Fatal(err)
		}
		return &o, data
	}
	_, baseData := render(searchSite(t, site.DefaultConfig(), searchFiles()))
	base := reads
	key := func(edit func(map[string]string)) (bool, []byte) {
		files := searchFiles()
		edit(files)
		s := searchSite(t, site.DefaultConfig(), files)
		data, o := searchJSON(t, r, s)
		deps.Update(r, s)
		return NewPass(deps, false).Fresh(&o, base), data
	}
	replace := func(path, old, new string) func(map[string]string) {
		return func(f map[string]string) {
			if !strings.Contains(f[path], old) {
				t.Fatalf("%s has no %q", path, old)
			}
			f[path] = strings.Replace(f[path], old, new, 1)
		}
	}
	// The index reads bodies, so it is made again when one changes,
	// but it may come out the same.
	tests := []struct {
		name      string
		edit      func(map[string]string)
		same      bool
		sameBytes bool
	}{
		{"body, its terms the same", replace("content/guides/start.md", "Book a", "Book the"), false, true},
		{"body, a new word", replace("content/guides/start.md", "Book a", "Book a quiet"), false, false},
		{"title", replace("content/guides/start.md", "Starting a group", "Starting a meetup"), false, false},
		{"summary", replace("content/decks/intro.md", "Slides.", "Slides!"), false, false},
		{"author", replace("content/stories/a.md", "Ada Lovelace", "Ada King"), false, false},
		{"speaker", replace("content/decks/intro.md", "[Bo, Cy]", "[Bo]"), false, false},
		{"tag", replace("content/stories/a.md", "Education]", "Schools]"), false, false},
		{"community", replace("content/decks/intro.md", "community: education", "community: web"), false, false},
		{"bio, its first sentence", replace("content/people/ada-lovelace.md", "Wrote the", "Wrote a"), false, false},
		{"bio, after its first sentence", replace("content/people/ada-lovelace.md", "Also poems.", "Also songs."), false, true},
		{"event's city", replace("content/events/pycon-us-2026.md", "Pittsburgh", "Long Beach"), false, false},
		{"event's body", replace("content/events/pycon-us-2026.md", "long body", "short body"), false, true},
	}
	for _, tt := range tests {
		fresh, data := key(tt.edit)
		if sameBytes := bytes.Equal(data, baseData); sameBytes != tt.sameBytes {
			t.Errorf("%s: index bytes unchanged = %v, want %v", tt.name, sameBytes, tt.sameBytes)
		}
		if fresh != tt.same {
			t.Errorf("%s: kept as it was = %v, want %v", tt.name, fresh, tt.same)
		}
	}
}

func TestFirstSentence(t *testing.T) {
	long := strings.Repeat("word ", 40)
	for _, tt := range []struct{ text, want string }{
		{"", ""},
		{"One. Two.", "One."},
		{"  Spread\n over   lines.  Next.", "Spread over lines."},
		{"No end", "No end"},
		{"Asks? Yes.", "Asks?"},
		{"Uses e.g. and i.e. inside. Then more.", "Uses e.g. and i.e. inside."},
		{"Version 3.12 is out. Next.", "Version 3.12 is out."},
		{"日本語の文。次の文。", "日本語の文。"},
		{long, strings.TrimSpace(long[:160]) + "…"},
		{strings.Repeat("x", 200), strings.Repeat("x", 160) + "…"},
	} {
		if got := firstSentence(tt.text); got != tt.want {
			t.Errorf("firstSentence(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// searchTermCases are texts and their terms; the theme's tests check that
// search.js cuts them the same way in Chromium.
var searchTermCases = []struct{ text, want string }{
	{"", ""},
	{"Python in the Schools", "python schools"},
	{"José Núñez, Zoë and Ærø", "aero jose nunez zoe"},
	{"Straße Łódź Đà Nẵng þing", "da lodz nang strasse thing"},
	{"ΣΟΦΟΣ σοφός", "σοφοσ"},
	{"Ｐｙｔｈｏｎ ﬁle", "file python"},
	{"don't x 42 3.14 C++", "14 42 don"},
	{"self-hosted, e-mail: a@b.org", "hosted mail org self"},
	{"aaaaaaaaaabbbbbbbbbbccccccccccdddd", "aaaaaaaaaabbbbbbbbbbcccc"},
	{"東京 Москва हिन्दी", "москва हिनदी 東京"}, // the virama is a nonspacing mark,
	{"the and of to a", ""},
}

func TestSearchTerms(t *testing.T) {
	for _, tt := range searchTermCases {
		if got := strings.Join(SearchTerms(tt.text), " "); got != tt.want {
			t.Errorf("SearchTerms(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestSearchPatched checks that the index a preview patches, edit after
// edit, is byte for byte the index a fresh build makes, and that the
// edits of a page or two are patched rather than assembled again.
func TestSearchPatched(t *testing.T) {
	r, err := New(themes.Default(), "themes/default", content.DefaultKinds(), true)
	if err != nil {
		t.Fatal(err)
	}
	cfg := site.DefaultConfig()
	cfg.Communities = map[string]site.CommunityConfig{"education": {Name: "Education", Description: "Teachers and schools."}}
	files := searchFiles()
	for i := range 30 {
		files[fmt.Sprintf("content/stories/s%02d.md", i)] = fmt.Sprintf("---\ntitle: Story %d\nsummary: Told by word%d.\ndate: 2025-%02d-%02d\nauthors: [Writer %d]\ntags: [tag%d, python]\n---\nThe common body, and unique%d.\n",
			i, i, 1+i%12, 1+i%28, i, i%3, i)
	}
	replace := func(path, old, new string) func(map[string]string) {
		return func(f map[string]string) {
			if !strings.Contains(f[path], old) {
				t.Fatalf("%s has no %q", path, old)
			}
			f[path] = strings.Replace(f[path], old, new, 1)
		}
	}
	const s07 = "content/stories/s07.md"
	// Each edit applies to the files as the ones before left them.
	tests := []struct {
		name    string
		edit    func(map[string]string)
		patched bool
	}{
		{"nothing", func(map[string]string) {}, true},
		{"body, a word for another", replace(s07, "common body", "common text"), true},
		{"body, its only word of a term gone", replace(s07, "unique7", "plain"), true},
		{"body, a word no page had", replace(s07, "plain", "zebra"), true},
		{"title", replace(s07, "title: Story 7", "title: Edited seven"), true},
		{"summary of another page, the same terms", replace("content/stories/s03.md", "Told by", "told by"), true},
		{"two pages", func(f map[string]string) {
			replace(s07, "zebra", "giraffe")(f)
			replace("content/guides/start.md", "café", "tea")(f)
		}, true},
		{"new page", func(f map[string]string) {
			f["content/stories/new.md"] = "---\ntitle: A new one\nsummary: Fresh.\ndate: 2026-05-01\nauthors: [Ada]\ntags: [python]\n---\nNewest words.\n"
		}, false},
		{"body of the new page", replace("content/stories/new.md", "Newest", "Latest"), true},
		{"deleted page", func(f map[string]string) { delete(f, "content/stories/s12.md") }, false},
		{"tag", replace(s07, "[tag1, python]", "[tag1, rust]"), false},
		{"a new tag", replace("content/stories/s05.md", "[tag2, python]", "[tag2, aardvark]"), false},
		{"community", replace("content/decks/intro.md", "community: education\n", ""), false},
		{"a person's bio", replace("content/people/ada-lovelace.md", "first", "second"), true},
		{"an event's days", replace("content/events/pycon-us-2026.md", "end: 2026-05-22", "end: 2026-05-20"), true},
	}
	deps := NewDeps()
	pass := func() []byte {
		t.Helper()
		s := searchSite(t, cfg, files)
		fresh, o := searchJSON(t, r, s)
		deps.Update(r, s)
		var a, b bytes.Buffer
		data, _, err := NewPass(deps, false).Make(&o, &a, &b)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(data, fresh) {
			i := 0
			for i < min(len(data), len(fresh)) && data[i] == fresh[i] {
				i++
			}
			at := func(b []byte) []byte { return b[max(0, i-60):min(len(b), i+60)] }
			t.Errorf("the kept index differs from a fresh build's at byte %d:\n kept  …%s…\n fresh …%s…", i, at(data), at(fresh))
		}
		return data
	}
	lastBytes := pass()
	for _, tt := range tests {
		last := deps.search
		tt.edit(files)
		data := pass()
		if t.Failed() {
			t.Fatalf("after %q", tt.name)
		}
		if patched := deps.search == last; tt.patched && !patched {
			t.Errorf("%s: assembled again, want patched", tt.name)
		}
		if tt.name != "nothing" && bytes.Equal(data, lastBytes) {
			t.Errorf("%s: the index did not change", tt.name)
		}
		lastBytes = data
	}
}

// FuzzFoldFastPaths checks that the short ways of folding text (all of
// it ASCII, or the ASCII characters of any text) give the words that
// the Unicode tables give for every character.
func FuzzFoldFastPaths(f *testing.F) {
	for _, tt := range searchTermCases {
		f.Add(tt.text)
	}
	f.Add("C++ & 3.14\tTabs\x00NUL\x7f ~`|")
	f.Add("Café “quoted” Łukasz ß naïve İstanbul \u212a")
	f.Fuzz(func(t *testing.T, text string) {
		var b strings.Builder
		for _, r := range strings.ToLower(norm.NFKD.String(text)) {
			foldWordRune(&b, r)
		}
		want := strings.Fields(b.String())
		if got := strings.Fields(foldUnicode(text)); !slices.Equal(got, want) {
			t.Errorf("foldUnicode(%q) gives %q, the tables alone %q", text, got, want)
		}
		if !ascii(text) {
			return
		}
		if got := strings.Fields(foldASCII(text)); !slices.Equal(got, want) {
			t.Errorf("foldASCII(%q) gives %q, the tables alone %q", text, got, want)
		}
	})
}

package scaffold

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/storyhub/storyhub/internal/content"
)

var day = time.Date(2026, 3, 4, 15, 0, 0, 0, time.UTC)

// kind is the hub's kind k.
func kind(k content.Kind) *content.KindSpec { return &content.DefaultKinds()[k] }

// TestNewFilesDecode: every kind's new file decodes, and the only problems
// are the ones the writer is told to fix next.
func TestNewFilesDecode(t *testing.T) {
	tests := []struct {
		kind content.Kind
		path string
		want []string
	}{
		{content.Story, "content/stories/how-we-teach-python.md", []string{`3:10: summary is empty`}},
		{content.Deck, "content/decks/how-we-teach-python/index.md", []string{`3:10: summary is empty`}},
		{content.TalkingPoints, "content/talking-points/how-we-teach-python.md", []string{`3:10: summary is empty`, `5:12: community is empty`}},
		{content.Guide, "content/guides/how-we-teach-python.md", []string{`3:10: summary is empty`}},
	}
	for _, tt := range tests {
		name := kind(tt.kind).Name
		f, err := New(Entry{Kind: kind(tt.kind), Title: `How "we" teach: Python`, Date: day, Authors: []content.Person{{Name: "Ada"}}})
		if err != nil {
			t.Fatal(err)
		}
		if f.Path != tt.path {
			t.Errorf("%v: path %s, want %s", name, f.Path, tt.path)
		}
		d, errs := content.Parse(f.Path, content.DefaultKinds(), tt.kind, f.Data)
		var got []string
		for _, e := range errs {
			got = append(got, strings.TrimPrefix(e.Pos.String(), f.Path+":")+": "+e.Msg)
		}
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("%s: problems %q, want %q\n%s", name, got, tt.want, f.Data)
		}
		if d == nil || d.Title != `How "we" teach: Python` || !d.Date.Equal(time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("%s: decoded %+v", name, d)
		}
		if len(f.Next) < 2 {
			t.Errorf("%s: next steps %q", name, f.Next)
		}
	}
}

func TestNewRefusesBadSlugs(t *testing.T) {
	for _, e := range []Entry{
		{Kind: kind(content.Story), Title: ""},
		{Kind: kind(content.Story), Title: "日本語"},
		{Kind: kind(content.Story), Title: "Fine", Slug: "../../etc"},
	} {
		if f, err := New(e); err == nil {
			t.Errorf("New(%+v) = %s, want an error", e, f.Path)
		}
	}
}

func TestWriteNeverReplaces(t *testing.T) {
	site := t.TempDir()
	f, err := New(Entry{Kind: kind(content.Deck), Title: "Talk", Date: day})
	if err != nil {
		t.Fatal(err)
	}
	if err := Write(site, f); err != nil {
		t.Fatal(err)
	}
	mine := filepath.Join(site, "content/decks/talk/index.md")
	os.WriteFile(mine, []byte("my words"), 0o644)
	if err := Write(site, f); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("second write: %v, want already exists", err)
	}
	os.Remove(mine)
	if err := Write(site, f); err == nil {
		t.Error("a bundle folder that exists without index.md was written into")
	}
}

func TestFromIssue(t *testing.T) {
	body := "### Title\n\nOur \"first\" sprint\n\n### Summary\n\nWe ran a sprint.\nIt went well.\n\n### Your name\n\nAda Lovelace\n\n" +
		"### Your website\n\njavascript:alert(1)\n\n### Organization\n\nPyLadies Somewhere\n\n### Organization website\n\nhttps://example.org/\n\n" +
		"### Community\n\n_No response_\n\n### Region\n\n_No response_\n\n### Pull quote\n\nIt was fun.\n\n### Tags\n\nsprints, Community ,\n\n" +
		"### Your story\n\n## How it started\r\n\r\nWe met.\n\n### Publishing\n\n- [X] I wrote this story\n"
	e, notes, err := FromIssue(kind(content.Story), []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	if e.Title != `Our "first" sprint` || e.Summary != "We ran a sprint. It went well." || e.Authors[0] != (content.Person{Name: "Ada Lovelace"}) ||
		e.Organization != (content.Link{Name: "PyLadies Somewhere", URL: "https://example.org/"}) || e.Community != "" || e.Region != "" ||
		e.PullQuote != "It was fun." || strings.Join(e.Tags, "|") != "sprints|Community" || e.Body != "## How it started\n\nWe met." {
		t.Errorf("entry %+v", e)
	}
	if len(notes) != 1 || !strings.Contains(notes[0], "javascript:alert(1)") {
		t.Errorf("notes %q", notes)
	}
	e.Date = day
	f, err := New(e)
	if err != nil {
		t.Fatal(err)
	}
	if _, errs := content.Parse(f.Path, content.DefaultKinds(), content.Story, f.Data); len(errs) > 0 {
		t.Errorf("the story from the issue has problems: %v\n%s", errs, f.Data)
	}
	if _, _, err := FromIssue(kind(content.Story), []byte("### Title\n\nOnly a title\n")); err == nil || !strings.Contains(err.Error(), `"Summary", "Your name", "Your story"`) {
		t.Errorf("incomplete issue: %v", err)
	}
}

// issueBody is the body GitHub makes from the story form with these
// answers to its text fields, and every other answer filled in.
func issueBody(title, summary, story string) string {
	return "### Title\n\n" + title + "\n\n### Summary\n\n" + summary + "\n\n### Your name\n\nAda\n\n" +
		"### Your website\n\nhttps://ada.example/\n\n### Organization\n\nPyLadies\n\n### Organization website\n\n_No response_\n\n" +
		"### Community\n\neducation\n\n### Region\n\nEurope\n\n### Pull quote\n\nFun.\n\n### Tags\n\nsprints\n\n" +
		"### Your story\n\n" + story + "\n\n### Publishing\n\n- [X] I wrote this story and agree to publish it\n"
}

// TestFromIssueKeepsTheStory: only the form's labels, in order, divide
// the answers, so a story keeps its own headings, fences and all.
func TestFromIssueKeepsTheStory(t *testing.T) {
	for _, story := range []string{
		"Intro.\n\n### The first year\n\nWe met.\n\n### The second year\n\nWe grew.",
		"### Summary\n\nIn short: it worked.\n\n### Tags\n\nWe never used tags.",
		"```markdown\n### Title\n```\n\n### Publishing\n\nWe publish a zine.",
		"#### Your story\n\nA level-four heading is no label.",
		"    print(\"an indented code block opens the story\")\n\nThen prose.",
	} {
		e, _, err := FromIssue(kind(content.Story), []byte(issueBody("T", "S", story)))
		if err != nil {
			t.Errorf("%q: %v", story, err)
			continue
		}
		if e.Body != story || e.Title != "T" || e.Summary != "S" || e.Authors[0].Name != "Ada" || strings.Join(e.Tags, ",") != "sprints" {
			t.Errorf("%q: entry %+v", story, e)
		}
	}
}

// TestFromIssueRefusesAmbiguous: a line that copies a label the form has
// passed could be the writer's or the form's; the issue is refused,
// saying which line, rather than split one way silently.
func TestFromIssueRefusesAmbiguous(t *testing.T) {
	for _, tt := range []struct{ title, summary, story, want string }{
		{"T", "S\n### Your name\nB", "Story.", `line 11: the answer to "Your name" has a line "### Your name"`},
		{"T", "S\n### Tags\nB", "Story.", `the answer to "Tags" has a line "### Your name"`},
		{"T", "S\n### Your story\nB", "Story.", `the answer to "Your story" has a line "### Your story"`},
		{"T\n### Summary\nX", "S", "Story.", `the answer to "Summary" has a line "### Summary"`},
		{"T", "S", "Part one.\n### Your story\nPart two.", `the answer to "Your story" has a line "### Your story"`},
	} {
		_, _, err := FromIssue(kind(content.Story), []byte(issueBody(tt.title, tt.summary, tt.story)))
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "edit the issue") {
			t.Errorf("%q/%q/%q: error %v, want %q", tt.title, tt.summary, tt.story, err, tt.want)
		}
	}
}

// TestFromIssueURLs: an address the content check would refuse is left
// out with a note, so the story made from the issue passes the check.
func TestFromIssueURLs(t *testing.T) {
	for _, bad := range []string{"https://example.org/a b", `https://example.org/"><x`, "ftp://example.org/", "https:///nohost", "https://good.example@evil.example/"} {
		body := "### Title\n\nT\n\n### Summary\n\nS\n\n### Your name\n\nN\n\n### Organization\n\nO\n\n### Organization website\n\n" + bad + "\n\n### Your story\n\nB\n"
		e, notes, err := FromIssue(kind(content.Story), []byte(body))
		if err != nil {
			t.Fatal(err)
		}
		if e.Organization.URL != "" || len(notes) != 1 || !strings.Contains(notes[0], "so it was left out") {
			t.Errorf("%q: organization %+v, notes %q", bad, e.Organization, notes)
		}
		e.Date = day
		f, err := New(e)
		if err != nil {
			t.Fatal(err)
		}
		if _, errs := content.Parse(f.Path, content.DefaultKinds(), content.Story, f.Data); len(errs) > 0 {
			t.Errorf("%q: the story from the issue has problems: %v", bad, errs)
		}
	}
}

// FuzzFromIssue: whatever a stranger types into the form, every line of
// it reaches the story (or the issue is refused, saying why), and the
// story file made from it is well-formed front matter that stays in its
// folder.
func FuzzFromIssue(f *testing.F) {
	f.Add("T", "S", "B", "https://x.org/")
	f.Add("---", "'\"", "---\nx: 1\n---\n", ":")
	f.Add("T", "S\n### Your name\nX", "### The first year\n\nWe met.\n### Publishing\n", "https://x.org/")
	f.Add("T", "S", "```\n### Tags\n```\r\n### Summary\r\n_No response_", "")
	f.Fuzz(func(t *testing.T, title, summary, story, website string) {
		body := issueBody(title, summary, story) + "\n### Your website\n\n" + website + "\n"
		e, _, err := FromIssue(kind(content.Story), []byte(body))
		if err != nil {
			if !strings.Contains(err.Error(), "is it made with the story form") && !strings.Contains(err.Error(), "edit the issue") {
				t.Fatalf("refused without saying why: %v", err)
			}
			return
		}
		answer := func(s string) string {
			s = trimBlankLines(strings.ReplaceAll(s, "\r\n", "\n"))
			if strings.TrimSpace(s) == "_No response_" {
				return ""
			}
			return s
		}
		if want := answer(story); e.Body != want {
			t.Fatalf("story = %q, want %q", e.Body, want)
		}
		if want := oneLine(answer(title)); e.Title != want {
			t.Fatalf("title = %q, want %q", e.Title, want)
		}
		if want := oneLine(answer(summary)); e.Summary != want {
			t.Fatalf("summary = %q, want %q", e.Summary, want)
		}
		e.Date = day
		file, err := New(e)
		if err != nil {
			return
		}
		if !strings.HasPrefix(file.Path, "content/stories/") || strings.Contains(file.Path, "..") {
			t.Fatalf("path %q", file.Path)
		}
		if !bytes.HasSuffix(file.Data, []byte(e.Body+"\n")) {
			t.Fatalf("the file does not end with the story:\n%s", file.Data)
		}
		_, errs := content.Parse(file.Path, content.DefaultKinds(), content.Story, file.Data)
		for _, pe := range errs {
			if strings.Contains(pe.Msg, "front matter") || strings.Contains(pe.Msg, "unknown key") {
				t.Fatalf("%v\n%s", pe, file.Data)
			}
		}
	})
}

// TestFromIssueConsent: an issue whose Publishing box is not ticked (a
// form edited by hand) still becomes a story, with a note to ask first.
func TestFromIssueConsent(t *testing.T) {
	body := strings.Replace(issueBody("T", "S", "Story."), "- [X]", "- [ ]", 1)
	_, notes, err := FromIssue(kind(content.Story), []byte(body))
	if err != nil || len(notes) != 1 || !strings.Contains(notes[0], "did not tick the Publishing box") {
		t.Errorf("notes %q, error %v; want one note about consent", notes, err)
	}
	if _, notes, _ := FromIssue(kind(content.Story), []byte(issueBody("T", "S", "Story."))); len(notes) != 0 {
		t.Errorf("a ticked box gave notes %q", notes)
	}
}

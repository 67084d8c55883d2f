package content

import (
	"fmt"
	"strings"
	"testing"
)

// TestDeckFiles checks what a deck's files decode to, local and hosted,
// and every problem of them, at its line and column.
func TestDeckFiles(t *testing.T) {
	const head = "---\ntitle: T\nsummary: s\ndate: 2026-05-14\nspeakers: [Ada]\nlicense: CC-BY-4.0\n"
	tests := []struct {
		name  string
		rest  string   // front matter after head, up to the closing ---
		files []string // each file decoded: path|url|label|format
		want  []string // every problem, sorted, as printed
	}{
		{"local", "files: [{path: /a.pdf, label: Slides}, b.odp]\n",
			[]string{"/a.pdf||Slides|PDF", "b.odp|||ODP"}, nil},
		{"hosted, format from the address", "files:\n  - {url: https://speakerdeck.com/example/talk, label: Slides}\n  - url: https://example.org/talks/t.PDF\n",
			[]string{"|https://speakerdeck.com/example/talk|Slides|", "|https://example.org/talks/t.PDF||PDF"}, nil},
		{"hosted, format typed", "files: [{url: \"https://docs.google.com/presentation/d/x\", format: .pptx}, {url: \"https://example.org/t.pdf\", format: html}]\n",
			[]string{"|https://docs.google.com/presentation/d/x||PPTX", "|https://example.org/t.pdf||HTML"}, nil},
		{"hosted as a bare address", "files: [\"HTTPS://Slides.Example.com/t/\"]\n",
			[]string{"|https://slides.example.com/t/||"}, nil},
		{"a query is not an extension", "files: [\"https://example.org/view?file=t.pdf\"]\n",
			[]string{"|https://example.org/view?file=t.pdf||"}, nil},
		{"video alone", "video_url: https://www.youtube.com/watch?v=example\n", nil, nil},
		{"both path and url", "files:\n  - {path: a.pdf, url: \"https://speakerdeck.com/example/t\"}\n", nil,
			[]string{"f.md:8:5: a file has both path and url (keep path for a file beside the entry or under static/, or url for one hosted elsewhere, and list the other as a file of its own)"}},
		{"neither", "files:\n  - {label: Slides}\n", nil,
			[]string{"f.md:8:5: a file has no path or url (add path: slides.pdf for a file beside the entry, or url: https://... for one hosted elsewhere)"}},
		{"bad url", "files:\n  - {url: \"javascript:alert(1)\"}\n  - url: https://exa mple.org/\n", nil,
			[]string{
				`f.md:8:11: files.url "javascript:alert(1)" is not an http(s) URL (write a full address starting with https://)`,
				`f.md:9:10: files.url "https://exa mple.org/" has the host "exa mple.org", which is not a valid host name (check the address; a host has no spaces or %)`,
			}},
		{"unknown format", "files: [{url: \"https://example.org/t\", format: doc}]\n", nil,
			[]string{`f.md:7:48: format "doc" is not a format storyhub knows (write one of ` + strings.Join(hostedFormats(), ", ") + `, or leave format out)`}},
		{"local format that does not match", "files: [{path: a.pdf, format: odp}]\n", []string{"a.pdf|||PDF"},
			[]string{`f.md:7:9: format "odp" does not match the file a.pdf (leave format out: it is computed from the file)`}},
		{"no file and no video", "", nil,
			[]string{"f.md:2:8: a deck needs at least one file or a video_url (list the slides, like files: [{path: slides.pdf}] for a file beside the deck or files: [{url: https://speakerdeck.com/...}] for slides hosted elsewhere, or give video_url: the recording)"}},
		{"an empty list", "files: []\n", nil,
			[]string{"f.md:7:8: a deck needs at least one file or a video_url (list the slides, like files: [{path: slides.pdf}] for a file beside the deck or files: [{url: https://speakerdeck.com/...}] for slides hosted elsewhere, or give video_url: the recording)"}},
		// One mistake, one problem: the refused file is not also "no file".
		{"a refused file is not also a missing one", "files: [{url: \"ftp://example.org/t.pdf\"}]\n", nil,
			[]string{`f.md:7:15: files.url "ftp://example.org/t.pdf" is not an http(s) URL (write a full address starting with https://)`}},
		{"a refused video is not also a missing one", "video_url: ftp://example.org/t.mp4\n", nil,
			[]string{`f.md:7:12: video_url "ftp://example.org/t.mp4" is not an http(s) URL (write a full address starting with https://)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, errs := Parse("f.md", DefaultKinds(), Deck, []byte(head+tt.rest+"---\n"))
			wantProblems(t, errs, tt.want)
			var files []string
			for _, f := range d.Files {
				files = append(files, fmt.Sprintf("%s|%s|%s|%s", f.Path, f.URL, f.Label, f.Format))
				if f.Hosted() != (f.URL != "") || f.Hosted() == (f.Path != "") {
					t.Errorf("file %+v: Hosted() = %v", f, f.Hosted())
				}
			}
			if strings.Join(files, "\n") != strings.Join(tt.files, "\n") {
				t.Errorf("files:\n%s\nwant:\n%s", strings.Join(files, "\n"), strings.Join(tt.files, "\n"))
			}
		})
	}
}

// TestGuideFiles: a guide may have no files, and hosted ones.
func TestGuideFiles(t *testing.T) {
	for _, rest := range []string{"", "files: [{url: \"https://example.org/checklist.pdf\", label: Checklist}]\n"} {
		_, errs := Parse("f.md", DefaultKinds(), Guide, []byte("---\ntitle: T\nsummary: s\ndate: 2026-05-14\n"+rest+"---\n"))
		if len(errs) > 0 {
			t.Errorf("guide with %q: %v", rest, errs)
		}
	}
}

func TestHostedFormat(t *testing.T) {
	tests := []struct{ url, want string }{
		{"https://example.org/talk.pdf", "PDF"},
		{"https://example.org/talk.KEY", "KEY"},
		{"https://example.org/slides/index.html", "HTML"},
		{"https://example.org/t.odp?download=1#p2", "ODP"},
		{"https://speakerdeck.com/example/talk", ""},
		{"https://example.org/talk.v2", ""},
		{"https://example.org/talk.exe", ""},
		{"https://example.org/picture.png", ""}, // a picture is no format of slides
		{"https://example.org/", ""},
		{"https://example.org", ""},
	}
	for _, tt := range tests {
		if got := hostedFormat(tt.url); got != tt.want {
			t.Errorf("hostedFormat(%q) = %q, want %q", tt.url, got, tt.want)
		}
	}
}

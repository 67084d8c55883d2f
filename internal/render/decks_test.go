package render

import (
	"slices"
	"testing"

	"github.com/storyhub/storyhub/internal/content"
)

func TestDuration(t *testing.T) {
	tests := []struct {
		minutes int
		want    string
	}{
		{0, ""},
		{-5, ""},
		{1, "1 minute"},
		{45, "45 minutes"},
		{60, "1 hour"},
		{61, "1 hour 1 minute"},
		{90, "1 hour 30 minutes"},
		{120, "2 hours"},
		{135, "2 hours 15 minutes"},
	}
	for _, tt := range tests {
		if got := duration(tt.minutes); got != tt.want {
			t.Errorf("duration(%d) = %q, want %q", tt.minutes, got, tt.want)
		}
	}
}

func TestFormats(t *testing.T) {
	files := []content.File{{Format: "PDF"}, {Format: "ODP"}, {Format: "PDF"}, {}, {Format: "PPTX"}}
	if got, want := formats(files), []string{"PDF", "ODP", "PPTX"}; !slices.Equal(got, want) {
		t.Errorf("formats = %q, want %q", got, want)
	}
	if got := formats(nil); got != nil {
		t.Errorf("formats(nil) = %q, want none", got)
	}
}

func TestDownloadName(t *testing.T) {
	file := func(p, label string) content.File { return content.File{Path: p, Label: label} }
	tests := []struct {
		name  string
		files []content.File
		i     int
		want  string
	}{
		{"alone", []content.File{file("slides.pdf", "Slides (PDF)")}, 0, "intro.pdf"},
		{"one of each format", []content.File{file("slides.pdf", "Slides"), file("slides.odp", "Editable")}, 1, "intro.odp"},
		{"extension in any case", []content.File{file("Slides.PDF", "Slides")}, 0, "intro.pdf"},
		{"static path", []content.File{file("/decks/intro/talk.pdf", "Talk")}, 0, "intro.pdf"},
		{"two PDFs, by label", []content.File{file("a.pdf", "Slides"), file("b.pdf", "Speaker notes")}, 1, "intro-speaker-notes.pdf"},
		{"two PDFs, .PDF and .pdf", []content.File{file("a.PDF", "Slides"), file("b.pdf", "Handout")}, 0, "intro-slides.pdf"},
		{"label left to the name", []content.File{file("a.pdf", "Slides"), file("notes/handout.pdf", "handout.pdf")}, 1, "intro-handout.pdf"},
		{"accents in the label", []content.File{file("a.pdf", "Diapositivas"), file("b.pdf", "Guión")}, 1, "intro-guion.pdf"},
		{"labels alike", []content.File{file("a.pdf", "Slides"), file("b.pdf", "slides!")}, 1, "intro-2.pdf"},
		{"a label with no letters", []content.File{file("a.pdf", "Slides"), file("b.pdf", "¡!")}, 1, "intro-2.pdf"},
	}
	for _, tt := range tests {
		if got := downloadName("intro", tt.files, tt.i); got != tt.want {
			t.Errorf("%s: downloadName = %q, want %q", tt.name, got, tt.want)
		}
	}
}

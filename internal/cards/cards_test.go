package cards

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/image/math/fixed"

	"github.com/storyhub/storyhub/internal/buildcache/versioncheck"
)

// runes measures a string as one unit per character, so that the tests
// say in characters where lines break.
func runes(s string) fixed.Int26_6 { return fixed.I(utf8.RuneCountInString(s)) }

func TestWrap(t *testing.T) {
	tests := []struct {
		text     string
		width    int
		maxLines int
		want     []string
		fits     bool
	}{
		{"", 10, 3, nil, true},
		{"one", 10, 3, []string{"one"}, true},
		{"one two three", 10, 3, []string{"one two", "three"}, true},
		{"one two three", 13, 1, []string{"one two three"}, true},
		// Exactly the width fits.
		{"aaaa bbbb", 9, 1, []string{"aaaa bbbb"}, true},
		// Too many words: the last line is cut, at a word, with an ellipsis.
		{"one two three four five six", 9, 2, []string{"one two", "three…"}, false},
		{"one two three", 10, 1, []string{"one two…"}, false},
		// A word longer than a line is broken between characters.
		{"abcdefghijkl", 5, 3, []string{"abcde", "fghij", "kl"}, true},
		{"abcdefghijkl", 5, 2, []string{"abcde", "fghi…"}, false},
		// Characters outside ASCII count as one each.
		{"été à Zürich", 8, 2, []string{"été à", "Zürich"}, true},
	}
	for _, tt := range tests {
		got, fits := wrap(strings.Fields(tt.text), fixed.I(tt.width), tt.maxLines, runes, "…")
		if !slices.Equal(got, tt.want) || fits != tt.fits {
			t.Errorf("wrap(%q, %d, %d) = %q, %v; want %q, %v", tt.text, tt.width, tt.maxLines, got, fits, tt.want, tt.fits)
		}
		for _, l := range got {
			if w := runes(l); w > fixed.I(tt.width) {
				t.Errorf("wrap(%q, %d): line %q is %d wide", tt.text, tt.width, l, w.Round())
			}
		}
	}
}

func TestCut(t *testing.T) {
	tests := []struct {
		s     string
		width int
		want  string
	}{
		{"short", 10, "short"},
		{"a long line of words", 12, "a long line…"},
		// No space near the end: cut between characters.
		{"Supercalifragilistic", 8, "Superca…"},
		// Punctuation before the ellipsis goes.
		{"one, two, three", 6, "one…"},
	}
	for _, tt := range tests {
		if got := cut(tt.s, fixed.I(tt.width), runes, "…"); got != tt.want {
			t.Errorf("cut(%q, %d) = %q, want %q", tt.s, tt.width, got, tt.want)
		}
	}
}

func TestMissing(t *testing.T) {
	f := GoFonts()
	tests := []struct {
		s    string
		want []rune
	}{
		{"How Django moved a city to Python", nil},
		{"Zürich, São Paulo, Łódź, Ελλάδα, Москва", nil},
		{"Tabs\tand  spaces\u00a0too", nil},
		{"Django 在 PyCon 中国", []rune{'在', '中', '国'}},
		{"李李 twice", []rune{'李'}},
		{"😀 emoji", []rune{'😀'}},
		// Invisible format characters are drawn as nothing.
		{"joined\u200d and \u202ereversed", nil},
	}
	for _, tt := range tests {
		if got := f.Missing(tt.s); !slices.Equal(got, tt.want) {
			t.Errorf("Missing(%q) = %q, want %q", tt.s, got, tt.want)
		}
	}
}

// drawCard makes c and checks it is a 1200×630 PNG.
func drawCard(t *testing.T, f *Font, c *Card) image.Image {
	t.Helper()
	var buf bytes.Buffer
	if err := f.Draw(c, &buf); err != nil {
		t.Fatal(err)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(buf.Bytes()))
	if err != nil || format != "png" || cfg.Width != Width || cfg.Height != Height {
		t.Fatalf("card: %s %d×%d, %v; want a png 1200×630", format, cfg.Width, cfg.Height, err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// inked counts the pixels of r that are not c.
func inked(img image.Image, r image.Rectangle, c color.Color) int {
	n := 0
	cr, cg, cb, _ := c.RGBA()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if pr, pg, pb, _ := img.At(x, y).RGBA(); pr != cr || pg != cg || pb != cb {
				n++
			}
		}
	}
	return n
}

func TestDrawPlain(t *testing.T) {
	f := GoFonts()
	c := &Card{Kicker: "Stories · Web", Title: "A title", Byline: "By Ada Lovelace", Site: "Hub"}
	img := drawCard(t, f, c)
	// The title's first line is where the layout puts it, in ink.
	titleBand := image.Rect(margin, 150, Width-margin, 240)
	if n := inked(img, titleBand, background); n < 500 {
		t.Errorf("%d pixels of the title band are not background; want the title drawn", n)
	}
	// Right of a short title is background.
	if n := inked(img, image.Rect(700, 150, Width, 240), background); n != 0 {
		t.Errorf("%d pixels right of a short title are not background", n)
	}
	// Without a title, the band is empty: what was found above was it.
	img = drawCard(t, f, &Card{Kicker: c.Kicker, Site: c.Site})
	if n := inked(img, image.Rect(margin, 150, Width-margin, 190), background); n != 0 {
		t.Errorf("%d pixels of an empty title band are not background", n)
	}
}

func TestDrawPhoto(t *testing.T) {
	photo := image.NewRGBA(image.Rect(0, 0, 2400, 1600))
	white := color.RGBA{0xff, 0xff, 0xff, 0xff}
	for i := range photo.Pix {
		photo.Pix[i] = 0xff
	}
	var j bytes.Buffer
	if err := jpeg.Encode(&j, photo, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	img := drawCard(t, GoFonts(), &Card{Title: "Over a photo", Site: "Hub", Photo: j.Bytes()})
	// The top shows the photo as it is; the band is darkened.
	if n := inked(img, image.Rect(0, 0, Width, 200), white); n > Width*200/100 {
		t.Errorf("%d pixels of a white photo's top are not white", n)
	}
	if r, _, _, _ := img.At(Width-10, Height-10).RGBA(); r>>8 > 0x60 {
		t.Errorf("the band's corner is %#x red; want the photo darkened", r>>8)
	}
	// A photo that is not PNG or JPEG is refused, with a reason.
	err := GoFonts().Draw(&Card{Title: "x", Photo: []byte("GIF89a")}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "photo") {
		t.Errorf("Draw of a bad photo: %v; want an error about the photo", err)
	}
}

// TestDrawSame: a card is a function of what it shows, so the cache can
// key it by that, and a long title at the smallest size still fits.
func TestDrawSame(t *testing.T) {
	f := GoFonts()
	long := &Card{Kicker: "Decks", Title: strings.Repeat("Lengthy words for a title ", 12), Byline: strings.Repeat("Speaker Name, ", 20), Site: "Hub"}
	var a, b bytes.Buffer
	if err := f.Draw(long, &a); err != nil {
		t.Fatal(err)
	}
	if err := GoFonts().Draw(long, &b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same card drawn twice, by two fonts, differs")
	}
	lines, fc := f.fitTitle(clean(long.Title), titleSizes)
	if len(lines) != titleLines || !strings.HasSuffix(lines[len(lines)-1], "…") || fc.size != int(titleSizes[len(titleSizes)-1]) {
		t.Errorf("a long title: %q at %d px; want %d lines at the smallest size, cut", lines, fc.size, titleLines)
	}
	for _, l := range lines {
		if w := fc.measure(l); w > fixed.I(textWidth) {
			t.Errorf("line %q is %d px, wider than %d", l, w.Round(), textWidth)
		}
	}
	if lines, fc := f.fitTitle("Short", titleSizes); len(lines) != 1 || fc.size != int(titleSizes[0]) {
		t.Errorf("a short title: %q at %d px; want one line at the largest size", lines, fc.size)
	}
}

func TestParseFont(t *testing.T) {
	if _, err := ParseFont([]byte("not a font")); err == nil {
		t.Error("ParseFont of text: no error")
	}
}

// BenchmarkDraw is the time to draw one card without a photo, glyphs
// already rasterized (as for every card after the first few).
func BenchmarkDraw(b *testing.B) {
	f := GoFonts()
	c := &Card{Kicker: "Stories · Python Web", Title: "How a small library became the heart of our city's meetup", Byline: "By Ada Lovelace and Grace Hopper", Site: "Python Community Stories"}
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := f.Draw(c, &buf); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes/card")
}

// BenchmarkDrawPhoto is one card over a 2400×1600 JPEG photo.
func BenchmarkDrawPhoto(b *testing.B) {
	photo := image.NewRGBA(image.Rect(0, 0, 2400, 1600))
	for i := range photo.Pix {
		photo.Pix[i] = uint8(i * 7)
	}
	var j bytes.Buffer
	jpeg.Encode(&j, photo, nil)
	f := GoFonts()
	c := &Card{Title: "Over a photo", Site: "Hub", Photo: j.Bytes()}
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := f.Draw(c, &buf); err != nil {
			b.Fatal(err)
		}
	}
}

// TestVersion: the build cache keys cards by Version, so a change to
// the bytes Draw makes must change it (versioncheck).
func TestVersion(t *testing.T) {
	photo := image.NewRGBA(image.Rect(0, 0, 300, 200))
	for i := range photo.Pix {
		photo.Pix[i] = uint8(i * 13)
	}
	var j bytes.Buffer
	if err := jpeg.Encode(&j, photo, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	var sample bytes.Buffer
	for _, c := range []*Card{
		{Kicker: "Stories", Title: "A title long enough to wrap onto a second line of the card", Byline: "Ada Lovelace, Grace Hopper", Site: "Hub"},
		{Title: "Over a photo", Site: "Hub", Photo: j.Bytes()},
	} {
		if err := GoFonts().Draw(c, &sample); err != nil {
			t.Fatal(err)
		}
	}
	versioncheck.Check(t, Version, sample.Bytes())
}

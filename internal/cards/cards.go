// Package cards draws link preview cards: the 1200×630 PNG images that
// social sites and chat apps show for a shared link. A card shows a
// kicker (what and where: "Stories · Python Web"), the title, wrapped
// and shrunk to fit in at most a few lines and cut with an ellipsis
// beyond them, a byline (the people, or a description), and the site's
// name. Given a photo (PNG or JPEG), the card is the photo cropped to
// fill it, with the text over a darkened band; otherwise it is the text
// on the theme's dark background.
//
// Text is drawn with one font (a site's own, or the Go fonts, bold for
// the title). Drawing is cheap: a card without a photo is a 16-shade
// paletted image, encoded at the fastest compression, and each glyph is
// rasterized once per face and size for all the cards a Font draws.
// Missing reports the characters a font has no glyph for, so that the
// caller can warn instead of drawing empty boxes; Draw leaves them out.
//
// Drawing is a pure function of a Card and the font's bytes: the same
// inputs give the same bytes, so cards can be cached by a key of what
// they show (Version, Font.Sum and the Card's fields).
package cards

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"io"
	"strings"
	"sync"
	"unicode"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// The size of every card, the one social sites ask for.
const (
	Width  = 1200
	Height = 630
)

// Version names this way of drawing: it changes whenever a card drawn
// from the same inputs would look different, so cached cards are drawn
// anew.
const Version = "cards/1"

// MaxPhotoPixels bounds the photos a card is drawn from: decoding one
// costs memory in proportion (a 50-megapixel photo takes 200 MB).
const MaxPhotoPixels = 50_000_000

// Card is what one card shows.
type Card struct {
	Kicker string // small, above the title; may be empty
	Title  string
	Byline string // below the title, at most two lines; may be empty
	Site   string // the site's name, at the foot
	// Photo is the bytes of a PNG or JPEG image to fill the card with;
	// nil draws the plain background.
	Photo []byte
}

// Font is the typeface cards are drawn with, and the glyphs it has
// rasterized so far. It is safe for concurrent use.
type Font struct {
	regular, bold *sfnt.Font
	sum           [32]byte
	// drawable caches whether each ASCII character can be drawn: titles
	// are mostly ASCII, and looking a glyph up costs a search.
	drawable [128]bool
	bufs     sync.Pool // of *sfnt.Buffer
	ellipsis string    // "…", or "..." in a font without it

	mu    sync.Mutex
	faces map[faceKey]*face
}

// GoFonts is the Go fonts, bundled with the program: Go Bold for titles
// and Go Regular for the rest. They cover Latin, Greek and Cyrillic.
func GoFonts() *Font {
	f, err := newFont(goregular.TTF, gobold.TTF)
	if err != nil {
		panic("cards: the bundled Go fonts: " + err.Error()) // the program's own bytes
	}
	return f
}

// ParseFont reads a TrueType or OpenType font (not a collection) to draw
// every text of a card with.
func ParseFont(data []byte) (*Font, error) {
	return newFont(data, nil)
}

func newFont(regular, bold []byte) (*Font, error) {
	r, err := opentype.Parse(regular)
	if err != nil {
		return nil, err
	}
	f := &Font{regular: r, bold: r, faces: map[faceKey]*face{}}
	h := sha256.New()
	h.Write(regular)
	if bold != nil {
		if f.bold, err = opentype.Parse(bold); err != nil {
			return nil, err
		}
		h.Write([]byte{0})
		h.Write(bold)
	}
	h.Sum(f.sum[:0])
	f.bufs.New = func() any { return new(sfnt.Buffer) }
	// A font with none of the letters is no font for cards.
	if !f.has('A') && !f.has('a') {
		return nil, errors.New("the font has no Latin letters")
	}
	for r := range rune(len(f.drawable)) {
		f.drawable[r] = f.has(r)
	}
	f.ellipsis = "…"
	if !f.has('…') {
		f.ellipsis = "..."
	}
	return f, nil
}

// Sum is the SHA-256 of the font's bytes, for cache keys.
func (f *Font) Sum() [32]byte { return f.sum }

// has reports whether both faces have a glyph for r.
func (f *Font) has(r rune) bool {
	b := f.bufs.Get().(*sfnt.Buffer)
	defer f.bufs.Put(b)
	for _, fnt := range []*sfnt.Font{f.regular, f.bold} {
		if x, err := fnt.GlyphIndex(b, r); err != nil || x == 0 {
			return false
		}
	}
	return true
}

// canDraw reports whether r can be drawn. White space always can (it is
// drawn as space), and so can invisible format characters (joiners,
// direction marks), which are drawn as nothing.
func (f *Font) canDraw(r rune) bool {
	if r < rune(len(f.drawable)) && r >= 0 {
		return f.drawable[r] || unicode.IsSpace(r)
	}
	return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) || f.has(r)
}

// Missing is the characters of s the font has no glyph for, each once,
// in the order they first appear; nil when it can draw all of s.
func (f *Font) Missing(s string) []rune {
	var out []rune
	for _, r := range s {
		if !f.canDraw(r) && !containsRune(out, r) {
			out = append(out, r)
		}
	}
	return out
}

func containsRune(rs []rune, r rune) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// The card's colours: the default theme's dark scheme (see style.css).
var (
	background = color.RGBA{0x15, 0x18, 0x1b, 0xff}
	foreground = color.RGBA{0xe6, 0xe8, 0xea, 0xff}
	accent     = color.RGBA{0x8a, 0xb4, 0xf8, 0xff}
)

// levels is the number of shades from background to foreground a plain
// card's text is drawn with.
const levels = 14

// Shades of text: full for the title and the site, dimmer for the
// kicker and byline (about the theme's muted grey).
const (
	full  = levels
	muted = 10
)

// palette is a plain card's colours: index k (0..levels) is k/levels of
// the way from background to foreground, then the accent.
var palette = func() color.Palette {
	p := make(color.Palette, 0, levels+2)
	mix := func(a, b uint8, k int) uint8 { return uint8((int(a)*(levels-k) + int(b)*k + levels/2) / levels) }
	for k := range levels + 1 {
		p = append(p, color.RGBA{mix(background.R, foreground.R, k), mix(background.G, foreground.G, k), mix(background.B, foreground.B, k), 0xff})
	}
	// One colour more than 16, unused: the PNG encoder copies the rows of
	// an 8-bit image as they are, but packs 4-bit ones a pixel at a time,
	// which takes longer than compressing twice the bytes.
	return append(p, accent, accent)
}()

const accentIndex = levels + 1

// Layout, in pixels.
const (
	margin      = 80
	textWidth   = Width - 2*margin
	kickerSize  = 30
	bylineSize  = 32
	siteSize    = 30
	accentBar   = 12 // the strip along the top of a plain card
	titleLines  = 3
	bylineLines = 2
)

// titleSizes are the sizes a title is tried at, largest first: the
// first it fits at in titleLines lines is used; at the last, it is cut.
var titleSizes = []float64{76, 68, 60, 52}

// photoTitleSizes are the same on a photo, where the band is lower.
var photoTitleSizes = []float64{64, 58, 52, 46}

// Draw writes c as a PNG to w.
func (f *Font) Draw(c *Card, w io.Writer) error {
	var photo image.Image
	if c.Photo != nil {
		var err error
		if photo, err = decodePhoto(c.Photo); err != nil {
			return err
		}
	}
	var dst draw.Image
	var text painter
	if photo == nil {
		p := image.NewPaletted(image.Rect(0, 0, Width, Height), palette)
		// The background is index 0, as the image starts; the strip:
		for i := range accentBar * p.Stride {
			p.Pix[i] = accentIndex
		}
		dst, text = p, paletted{p}
	} else {
		rgba := image.NewRGBA(image.Rect(0, 0, Width, Height))
		cover(rgba, photo)
		darken(rgba, bandTop)
		dst, text = rgba, rgbaPainter{rgba}
	}
	f.layout(c, photo != nil, text)
	enc := png.Encoder{CompressionLevel: png.BestSpeed, BufferPool: &encoderBuffers}
	return enc.Encode(w, dst)
}

// encoderBuffers keeps the PNG encoder's buffers between cards.
var encoderBuffers pool

type pool struct{ p sync.Pool }

func (p *pool) Get() *png.EncoderBuffer {
	b, _ := p.p.Get().(*png.EncoderBuffer)
	return b
}
func (p *pool) Put(b *png.EncoderBuffer) { p.p.Put(b) }

// decodePhoto decodes a PNG or JPEG photo, refusing one too large to
// hold.
func decodePhoto(data []byte) (image.Image, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("reading the photo: %w", err)
	}
	if cfg.Width*cfg.Height > MaxPhotoPixels || cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, fmt.Errorf("the photo is %d×%d pixels, more than a card is drawn from (%d megapixels)", cfg.Width, cfg.Height, MaxPhotoPixels/1_000_000)
	}
	var img image.Image
	switch format {
	case "png":
		img, err = png.Decode(bytes.NewReader(data))
	case "jpeg":
		img, err = jpeg.Decode(bytes.NewReader(data))
	default:
		return nil, fmt.Errorf("the photo is %s, not PNG or JPEG", format)
	}
	if err != nil {
		return nil, fmt.Errorf("reading the photo: %w", err)
	}
	return img, nil
}

// cover scales src to fill dst, cropping what overflows on either side
// equally (CSS's object-fit: cover). A photo is mostly several times
// the card's size: it is first averaged down by a whole factor, which
// is quick and keeps the detail, then scaled the rest of the way.
func cover(dst *image.RGBA, src image.Image) {
	b := src.Bounds()
	sw, sh := b.Dx(), b.Dy()
	crop := b
	if sw*Height > sh*Width { // wider than the card: cut the sides
		w := max(1, sh*Width/Height)
		crop.Min.X += (sw - w) / 2
		crop.Max.X = crop.Min.X + w
	} else {
		h := max(1, sw*Height/Width)
		crop.Min.Y += (sh - h) / 2
		crop.Max.Y = crop.Min.Y + h
	}
	// image/draw converts the decoders' images (YCbCr, NRGBA, Gray) to
	// RGBA in fast loops of its own.
	rgba := image.NewRGBA(image.Rect(0, 0, crop.Dx(), crop.Dy()))
	draw.Draw(rgba, rgba.Bounds(), src, crop.Min, draw.Src)
	if k := min(crop.Dx()/Width, crop.Dy()/Height); k >= 2 {
		rgba = shrink(rgba, k)
	}
	xdraw.ApproxBiLinear.Scale(dst, dst.Bounds(), rgba, rgba.Bounds(), xdraw.Src, nil)
}

// shrink averages each k×k block of src into one pixel.
func shrink(src *image.RGBA, k int) *image.RGBA {
	w, h := src.Rect.Dx()/k, src.Rect.Dy()/k
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	sums := make([]uint32, 4*w)
	n := uint32(k * k)
	for y := range h {
		clear(sums)
		for dy := range k {
			row := src.Pix[(y*k+dy)*src.Stride:]
			for x := range w {
				s := sums[4*x : 4*x+4 : 4*x+4]
				for dx := range k {
					p := row[4*(x*k+dx) : 4*(x*k+dx)+4 : 4*(x*k+dx)+4]
					s[0] += uint32(p[0])
					s[1] += uint32(p[1])
					s[2] += uint32(p[2])
					s[3] += uint32(p[3])
				}
			}
		}
		out := dst.Pix[y*dst.Stride:]
		for i, v := range sums {
			out[i] = uint8((v + n/2) / n)
		}
	}
	return dst
}

// bandTop is where the darkened band of a photo card starts; it darkens
// over fade pixels, down to what remains of the photo's light.
const (
	bandTop = 250
	fade    = 90
	remain  = 64 // of 256
)

// darken dims dst below top, so light text on it can be read whatever
// the photo.
func darken(dst *image.RGBA, top int) {
	for y := top; y < Height; y++ {
		k := 256 - (256-remain)*min(y-top, fade)/fade
		row := dst.Pix[y*dst.Stride : y*dst.Stride+Width*4]
		for i := 0; i < len(row); i += 4 {
			row[i] = uint8(int(row[i]) * k >> 8)
			row[i+1] = uint8(int(row[i+1]) * k >> 8)
			row[i+2] = uint8(int(row[i+2]) * k >> 8)
		}
	}
}

// line is one line of text to draw: its baseline's left end.
type line struct {
	text  string
	face  *face
	x, y  int
	shade int // full or muted
}

// layout places the card's text and paints it. A plain card reads from
// the top down; a photo card from its band up, leaving the photo's top
// clear.
func (f *Font) layout(c *Card, photo bool, p painter) {
	sizes := titleSizes
	if photo {
		sizes = photoTitleSizes
	}
	kicker := f.face(false, kickerSize)
	byline := f.face(false, bylineSize)
	site := f.face(true, siteSize)
	title, titleFace := f.fitTitle(clean(c.Title), sizes)
	bylines, _ := wrap(strings.Fields(c.Byline), fixed.I(textWidth), bylineLines, byline.measure, f.ellipsis)

	var lines []line
	lead := func(fc *face, factor float64) int { return int(float64(fc.size) * factor) }
	// The block: kicker, a gap, title lines, a gap, byline lines.
	var block []line
	y := 0
	if k := clean(c.Kicker); k != "" {
		kl, _ := wrap(strings.Fields(k), fixed.I(textWidth), 1, kicker.measure, f.ellipsis)
		y += lead(kicker, 1)
		block = append(block, line{text: kl[0], face: kicker, y: y, shade: muted})
		y += lead(kicker, 0.7)
	}
	for _, t := range title {
		y += lead(titleFace, 1.12)
		block = append(block, line{text: t, face: titleFace, y: y, shade: full})
	}
	if len(bylines) > 0 {
		y += lead(byline, 0.6)
	}
	for _, b := range bylines {
		y += lead(byline, 1.3)
		block = append(block, line{text: b, face: byline, y: y, shade: muted})
	}
	siteY := Height - 56
	// A plain card starts its block at the top; a photo card ends it
	// above the site's name, inside the band.
	top := 112 - lead(kicker, 1)
	if photo {
		top = max(bandTop+fade/2-lead(kicker, 1), siteY-siteSize-48-y)
	}
	for _, l := range block {
		l.x, l.y = margin, top+l.y
		lines = append(lines, l)
	}
	if s := clean(c.Site); s != "" {
		sl, _ := wrap(strings.Fields(s), fixed.I(textWidth), 1, site.measure, f.ellipsis)
		lines = append(lines, line{text: sl[0], face: site, x: margin, y: siteY, shade: full})
	}
	p.accentMark(margin, siteY+14, 56, 5)
	for _, l := range lines {
		l.face.draw(p, l.text, l.x, l.y, l.shade)
	}
}

// clean is s on one line, its runs of white space single spaces.
func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

// fitTitle wraps title at the first of sizes where it fits in titleLines
// lines, or cuts it at the last.
func (f *Font) fitTitle(title string, sizes []float64) ([]string, *face) {
	words := strings.Fields(title)
	var lines []string
	var fc *face
	for _, size := range sizes {
		fc = f.face(true, size)
		var fits bool
		if lines, fits = wrap(words, fixed.I(textWidth), titleLines, fc.measure, f.ellipsis); fits {
			break
		}
	}
	return lines, fc
}

// wrap breaks words into lines no wider than width, at most maxLines of
// them. A word wider than a line on its own is broken between
// characters. When the words do not fit, the last line ends in
// ellipsis and fits is false. measure is the width of a string.
func wrap(words []string, width fixed.Int26_6, maxLines int, measure func(string) fixed.Int26_6, ellipsis string) (lines []string, fits bool) {
	var cur string
	for i := 0; i < len(words); i++ {
		w := words[i]
		next := w
		if cur != "" {
			next = cur + " " + w
		}
		if measure(next) <= width {
			cur = next
			continue
		}
		if cur == "" { // one word wider than the line: break it
			head, tail := breakWord(w, width, measure)
			cur = head
			words = append(words[:i+1:i+1], append([]string{tail}, words[i+1:]...)...)
		} else {
			i-- // w starts the next line
		}
		if len(lines) == maxLines-1 {
			// The last line there is room for: cut it.
			rest := cur
			if i+1 < len(words) {
				rest += " " + strings.Join(words[i+1:], " ")
			}
			return append(lines, cut(rest, width, measure, ellipsis)), false
		}
		lines, cur = append(lines, cur), ""
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines, true
}

// breakWord splits w after the most characters (at least one) that fit
// in width.
func breakWord(w string, width fixed.Int26_6, measure func(string) fixed.Int26_6) (string, string) {
	rs := []rune(w)
	n := 1
	for n < len(rs) && measure(string(rs[:n+1])) <= width {
		n++
	}
	return string(rs[:n]), string(rs[n:])
}

// cut shortens s, with an ellipsis, to fit in width: at a space where
// one is near the end, else between characters.
func cut(s string, width fixed.Int26_6, measure func(string) fixed.Int26_6, ellipsis string) string {
	if measure(s) <= width {
		return s
	}
	rs := []rune(s)
	n := len(rs)
	for n > 0 && measure(strings.TrimRight(string(rs[:n]), " ")+ellipsis) > width {
		n--
	}
	head := string(rs[:n])
	if sp := strings.LastIndexByte(head, ' '); sp > 0 && len(head)-sp < 12 {
		head = head[:sp]
	}
	return strings.TrimRight(head, " ,;:–—-") + ellipsis
}

// painter is a card's image, for drawing glyphs and marks.
type painter interface {
	// glyph paints a glyph's coverage at (x, y) in a shade of text.
	glyph(mask *image.Alpha, x, y, shade int)
	accentMark(x, y, w, h int)
}

// paletted paints a plain card. Text lies on the background alone, so a
// pixel's shade is its palette index: coverage picks the shade, the
// higher of two overlapping glyphs' wins.
type paletted struct{ p *image.Paletted }

func (p paletted) glyph(mask *image.Alpha, x, y, shade int) {
	r := mask.Rect.Add(image.Pt(x, y)).Intersect(p.p.Rect)
	for py := r.Min.Y; py < r.Max.Y; py++ {
		src := mask.Pix[mask.PixOffset(r.Min.X-x, py-y):]
		dst := p.p.Pix[p.p.PixOffset(r.Min.X, py):]
		for i := range r.Dx() {
			k := uint8((int(src[i])*shade + 127) / 255)
			if k > dst[i] && dst[i] != accentIndex {
				dst[i] = k
			}
		}
	}
}

func (p paletted) accentMark(x, y, w, h int) {
	for py := y; py < y+h; py++ {
		row := p.p.Pix[p.p.PixOffset(x, py):]
		for i := range w {
			row[i] = accentIndex
		}
	}
}

// rgbaPainter paints a photo card.
type rgbaPainter struct{ p *image.RGBA }

func (p rgbaPainter) glyph(mask *image.Alpha, x, y, shade int) {
	c := palette[shade]
	r := mask.Rect.Add(image.Pt(x, y))
	draw.DrawMask(p.p, r, image.NewUniform(c), image.Point{}, mask, mask.Rect.Min, draw.Over)
}

func (p rgbaPainter) accentMark(x, y, w, h int) {
	draw.Draw(p.p, image.Rect(x, y, x+w, y+h), image.NewUniform(accent), image.Point{}, draw.Src)
}

// faceKey is one face: bold or regular, at a size in pixels.
type faceKey struct {
	bold bool
	size float64
}

// face is a font at one size, with the glyphs it has rasterized and the
// kerning it has looked up.
type face struct {
	size int
	mu   sync.Mutex // for f, glyphs and kerns, which grow as cards are drawn
	f    font.Face
	// glyphs are never changed once made: they are painted without mu.
	glyphs map[rune]*glyph
	kerns  map[[2]rune]fixed.Int26_6
}

// glyph is one rasterized glyph: its coverage, placed relative to the
// dot, and how far it moves the dot.
type glyph struct {
	mask    *image.Alpha // nil for a glyph with no ink (a space)
	advance fixed.Int26_6
}

func (f *Font) face(bold bool, size float64) *face {
	k := faceKey{bold, size}
	f.mu.Lock()
	defer f.mu.Unlock()
	fc, ok := f.faces[k]
	if !ok {
		src := f.regular
		if bold {
			src = f.bold
		}
		ff, err := opentype.NewFace(src, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
		if err != nil {
			panic(err) // NewFace returns no error
		}
		fc = &face{size: int(size), f: ff, glyphs: map[rune]*glyph{}, kerns: map[[2]rune]fixed.Int26_6{}}
		f.faces[k] = fc
	}
	return fc
}

// glyph returns r's glyph, rasterized the first time; fc.mu is held.
func (fc *face) glyph(r rune) *glyph {
	if g, ok := fc.glyphs[r]; ok {
		return g
	}
	if unicode.IsSpace(r) {
		r = ' '
	}
	dr, mask, mp, adv, ok := fc.f.Glyph(fixed.Point26_6{}, r)
	g := &glyph{advance: adv}
	if !ok {
		g.advance = 0 // a character the font lacks is left out, not drawn as a box
	} else if !dr.Empty() {
		m := image.NewAlpha(dr)
		draw.Draw(m, dr, mask, mp, draw.Src)
		g.mask = m
	}
	fc.glyphs[r] = g
	return g
}

func (fc *face) kern(a, b rune) fixed.Int26_6 {
	k := [2]rune{a, b}
	if v, ok := fc.kerns[k]; ok {
		return v
	}
	v := fc.f.Kern(a, b)
	fc.kerns[k] = v
	return v
}

// measure is the width of s drawn in fc.
func (fc *face) measure(s string) fixed.Int26_6 {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	var w fixed.Int26_6
	prev := rune(-1)
	for _, r := range s {
		if prev >= 0 {
			w += fc.kern(prev, r)
		}
		w += fc.glyph(r).advance
		prev = r
	}
	return w
}

// draw paints s with its baseline's left end at (x, y). The glyphs are
// looked up under the lock and painted outside it, so cards drawn on
// several cores at once do not wait for each other.
func (fc *face) draw(p painter, s string, x, y, shade int) {
	type placed struct {
		mask *image.Alpha
		x    int
	}
	var buf [64]placed
	list := buf[:0]
	fc.mu.Lock()
	dot := fixed.I(x)
	prev := rune(-1)
	for _, r := range s {
		if prev >= 0 {
			dot += fc.kern(prev, r)
		}
		g := fc.glyph(r)
		if g.mask != nil {
			list = append(list, placed{g.mask, dot.Round()})
		}
		dot += g.advance
		prev = r
	}
	fc.mu.Unlock()
	for _, g := range list {
		p.glyph(g.mask, g.x, y, shade)
	}
}

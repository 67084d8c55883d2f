// Package images makes the resized copies of a site's pictures: which
// widths a picture gets (Widths), what the copies are called (Name), and
// the copies themselves (Resize). A picture is served at a few widths of
// one ladder, never wider than its source, so a phone never loads a
// photo meant for a wide screen; the page's srcset lists them and the
// browser picks.
//
// Copies keep the source's format: a JPEG source gives JPEG copies, a
// PNG source PNG copies (its transparency kept). WebP copies are not
// made: the pure-Go encoder at hand runs libwebp compiled to WebAssembly,
// and it encodes 4 to 9 times slower than JPEG, adds about a second of
// compiling at each start and 4 MB to the program, and uses the
// system's libwebp instead where one is installed, so the same source
// would give other bytes on another machine (docs/PERFORMANCE.md). GIF
// (which may be animated), WebP and AVIF are published as they are, as
// SVG is. Scaling is Catmull-Rom (scale.go), and encoding is
// deterministic: the same source and settings give the same bytes, so
// copies can be cached by the hash of their source (Version names the algorithm in cache keys).
package images

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"path"
	"strconv"
	"strings"
)

// Version names how copies are made; a change to scaling or encoding
// changes it, so cached copies of the old way are not reused.
const Version = "catmullrom-fixed-q82-2"

// Ladder is the widths copies are made at, in pixels, narrowest first.
var Ladder = []int{480, 960, 1600}

// Portrait is the ladder of a person's portrait, shown small.
var Portrait = []int{96, 192}

// JPEGQuality is the quality of JPEG copies.
const JPEGQuality = 82

// Resizable reports whether copies of a picture named name are made:
// PNG and JPEG. Other pictures are published as they are.
func Resizable(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".png", ".jpg", ".jpeg":
		return true
	}
	return false
}

// Widths are the widths to make copies of a picture width pixels wide
// at: each width of ladder narrower than the source.
func Widths(ladder []int, width int) []int {
	var out []int
	for _, w := range ladder {
		if w < width {
			out = append(out, w)
		}
	}
	return out
}

// Height is the height of a copy width wide of a source w×h, rounded.
func Height(w, h, width int) int {
	return max(1, (h*width+w/2)/w)
}

// Name is the file name of the copy of name width pixels wide:
// photo.jpg at 960 is photo-960w.jpg.
func Name(name string, width int) string {
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "-" + strconv.Itoa(width) + "w" + ext
}

// Resize decodes a PNG or JPEG once and returns its copies at widths
// (narrowest first, each narrower than the source), in its format. The
// widest is scaled from the source, each narrower one from the copy
// above it: a kernel's reach grows with the reduction, so three small
// steps cost less than three from the full picture, and look the same.
func Resize(src []byte, widths []int) ([][]byte, error) {
	img, format, err := image.Decode(bytes.NewReader(src))
	if err != nil {
		return nil, err
	}
	if format != "jpeg" && format != "png" {
		return nil, fmt.Errorf("cannot resize a %s picture", format)
	}
	out := make([][]byte, len(widths))
	full := img.Bounds()
	from := toRGBA(img)
	for i := len(widths) - 1; i >= 0; i-- {
		width := widths[i]
		if width <= 0 || width >= full.Dx() || width > from.Rect.Dx() {
			return nil, fmt.Errorf("cannot resize a picture %d pixels wide to %d", full.Dx(), width)
		}
		from = scale(from, width, Height(full.Dx(), full.Dy(), width))
		var buf bytes.Buffer
		if format == "jpeg" {
			err = jpeg.Encode(&buf, from, &jpeg.Options{Quality: JPEGQuality})
		} else {
			enc := png.Encoder{CompressionLevel: png.BestCompression}
			err = enc.Encode(&buf, from)
		}
		if err != nil {
			return nil, err
		}
		out[i] = buf.Bytes()
	}
	return out, nil
}

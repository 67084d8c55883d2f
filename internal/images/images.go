// Package images makes the resized copies of a site's pictures: which
// widths a picture gets (Widths), what the copies are called (Name), and
// the copies themselves (Resize). A picture is served at a few widths of
// one ladder, never wider than its source, so a phone never loads a
// photo meant for a wide screen; the page's srcset lists them and the
// browser picks.
//
// Copies keep the source's format: a JPEG source gives JPEG copies, a
// PNG source PNG copies (its transparency kept). WebP is not made: the
// pure-Go encoders run libwebp under a WebAssembly runtime, a large
// dependency that compiles its module on every start, for files a
// browser takes as JPEG anyway. GIF (which may be animated), WebP and
// AVIF are published as they are, as SVG is. Scaling is Catmull-Rom
// (golang.org/x/image/draw), and encoding is deterministic: the same
// source and settings give the same bytes, so copies can be cached by
// the hash of their source (Version names the algorithm in cache keys).
package images

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"image/png"
	"path"
	"strconv"
	"strings"

	xdraw "golang.org/x/image/draw"
)

// Version names how copies are made; a change to scaling or encoding
// changes it, so cached copies of the old way are not reused.
const Version = "catmullrom-q82-1"

// Ladder is the widths copies are made at, in pixels, narrowest first.
var Ladder = []int{480, 960, 1600}

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
// at: each width of the ladder narrower than the source.
func Widths(width int) []int {
	var out []int
	for _, w := range Ladder {
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

// Resize decodes a PNG or JPEG and returns its copy width pixels wide,
// in the same format.
func Resize(src []byte, width int) ([]byte, error) {
	img, format, err := image.Decode(bytes.NewReader(src))
	if err != nil {
		return nil, err
	}
	b := img.Bounds()
	if width <= 0 || width > b.Dx() {
		return nil, fmt.Errorf("cannot resize a picture %d pixels wide to %d", b.Dx(), width)
	}
	rect := image.Rect(0, 0, width, Height(b.Dx(), b.Dy(), width))
	var out bytes.Buffer
	switch format {
	case "jpeg":
		dst := image.NewRGBA(rect)
		xdraw.CatmullRom.Scale(dst, rect, img, b, draw.Src, nil)
		err = jpeg.Encode(&out, dst, &jpeg.Options{Quality: JPEGQuality})
	case "png":
		dst := image.NewNRGBA(rect)
		xdraw.CatmullRom.Scale(dst, rect, img, b, draw.Src, nil)
		enc := png.Encoder{CompressionLevel: png.BestCompression}
		err = enc.Encode(&out, dst)
	default:
		return nil, fmt.Errorf("cannot resize a %s picture", format)
	}
	return out.Bytes(), err
}

package images

import (
	"bytes"
	"image"
	"image/jpeg"
	"testing"
)

// BenchmarkResizePhoto makes every copy of a 2400×1600 JPEG photo.
func BenchmarkResizePhoto(b *testing.B) {
	img := image.NewYCbCr(image.Rect(0, 0, 2400, 1600), image.YCbCrSubsampleRatio420)
	for i := range img.Y {
		img.Y[i] = uint8(i*7 + i/2400)
	}
	var src bytes.Buffer
	if err := jpeg.Encode(&src, img, nil); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Resize(src.Bytes(), Widths(Ladder, 2400)); err != nil {
			b.Fatal(err)
		}
	}
}

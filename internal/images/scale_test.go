package images

import (
	"image"
	"image/color"
	"image/draw"
	"math/rand/v2"
	"testing"

	xdraw "golang.org/x/image/draw"
)

// The fixed-point scaler gives what golang.org/x/image/draw's
// Catmull-Rom gives, to within rounding, on
// reductions and an enlargement, opaque and with transparency.
func TestScaleMatchesCatmullRom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	src := image.NewRGBA(image.Rect(0, 0, 300, 200))
	for y := range 200 {
		for x := range 300 {
			a := uint8(255)
			if x > 200 {
				a = uint8(255 - (x-200)*2)
			}
			c := color.NRGBA{uint8(x + rng.IntN(40)), uint8(y + rng.IntN(40)), uint8((x + y) / 2), a}
			src.Set(x, y, c)
		}
	}
	for _, size := range []image.Point{{150, 100}, {97, 61}, {40, 30}, {450, 300}} {
		got := scale(src, size.X, size.Y)
		want := image.NewRGBA(image.Rect(0, 0, size.X, size.Y))
		xdraw.CatmullRom.Scale(want, want.Rect, src, src.Rect, draw.Src, nil)
		worst := 0
		at := 0
		for i := range got.Pix {
			if d := abs(int(got.Pix[i]) - int(want.Pix[i])); d > worst {
				worst, at = d, i
			}
		}
		if worst > 2 {
			t.Errorf("scaled to %v: a sample at byte %d differs from x/image/draw's by %d", size, at, worst)
		}
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

package images

import (
	"image"
	"image/draw"
	"math"
)

// Scaling is Catmull-Rom, separable, in fixed point on premultiplied
// RGBA: a row pass into 16-bit samples (the kernel's lobes overshoot
// 0..255 at sharp edges; clamping there would shift the next pass), then
// a column pass. Its result is
// that of golang.org/x/image/draw's CatmullRom to within rounding, at a
// few times its speed, which matters for the first build of a site with
// hundreds of photos.

// fracBits is the precision of the weights.
const fracBits = 14

// taps are the weights of one output sample: the first input sample
// they apply to, and one weight for each input sample from there.
type taps struct {
	first int
	w     []int32
}

// catmullRom is the kernel, of support 2.
func catmullRom(x float64) float64 {
	x = math.Abs(x)
	switch {
	case x < 1:
		return (1.5*x-2.5)*x*x + 1
	case x < 2:
		return ((-0.5*x+2.5)*x-4)*x + 2
	}
	return 0
}

// weights are the taps of each of out samples made from in samples. A
// reduction widens the kernel by its factor, so every input sample
// counts.
func weights(in, out int) []taps {
	scale := float64(in) / float64(out)
	stretch := max(scale, 1)
	support := 2 * stretch
	ts := make([]taps, out)
	for i := range ts {
		center := (float64(i) + 0.5) * scale
		lo := max(0, int(math.Floor(center-support)))
		hi := min(in, int(math.Ceil(center+support)))
		fw := make([]float64, hi-lo)
		sum := 0.0
		for j := range fw {
			fw[j] = catmullRom((float64(lo+j) + 0.5 - center) / stretch)
			sum += fw[j]
		}
		w := make([]int32, len(fw))
		for j := range fw {
			w[j] = int32(math.Round(fw[j] / sum * (1 << fracBits)))
		}
		ts[i] = taps{lo, w}
	}
	return ts
}

// clamp8 is a fixed-point sum as a sample, rounded, within 0..255.
func clamp8(v int32) uint8 {
	v = (v + 1<<(fracBits-1)) >> fracBits
	return uint8(min(max(v, 0), 255))
}

// round16 is a fixed-point sum rounded to a sample, overshoot kept.
func round16(v int32) int16 {
	return int16(min(max((v+1<<(fracBits-1))>>fracBits, -1<<15), 1<<15-1))
}

// toRGBA is img as premultiplied RGBA, converted once: scaling reads
// each pixel many times.
func toRGBA(img image.Image) *image.RGBA {
	if rgba, ok := img.(*image.RGBA); ok && rgba.Rect.Min == (image.Point{}) {
		return rgba
	}
	b := img.Bounds()
	rgba := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(rgba, rgba.Rect, img, b.Min, draw.Src)
	return rgba
}

// scale returns src scaled to w×h.
func scale(src *image.RGBA, w, h int) *image.RGBA {
	sw, sh := src.Rect.Dx(), src.Rect.Dy()
	// Rows: sw → w, for every source row.
	mid := make([]int16, w*4*sh)
	xs := weights(sw, w)
	for y := range sh {
		row := src.Pix[y*src.Stride : y*src.Stride+sw*4]
		out := mid[y*w*4 : (y+1)*w*4]
		for x, t := range xs {
			var r, g, b, a int32
			p := row[t.first*4:]
			for j, wt := range t.w {
				q := p[j*4 : j*4+4 : j*4+4]
				r += wt * int32(q[0])
				g += wt * int32(q[1])
				b += wt * int32(q[2])
				a += wt * int32(q[3])
			}
			o := out[x*4 : x*4+4 : x*4+4]
			o[0], o[1], o[2], o[3] = round16(r), round16(g), round16(b), round16(a)
		}
	}
	// Columns: sh → h. Colour never exceeds alpha, as premultiplied
	// samples must not, though the kernel's negative lobes may push it.
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	ys := weights(sh, h)
	acc := make([]int32, w*4)
	for y, t := range ys {
		clear(acc)
		for j, wt := range t.w {
			row := mid[(t.first+j)*w*4 : (t.first+j+1)*w*4]
			for i, v := range row {
				acc[i] += wt * int32(v)
			}
		}
		out := dst.Pix[y*dst.Stride : y*dst.Stride+w*4]
		for i := 0; i < len(out); i += 4 {
			a := clamp8(acc[i+3])
			out[i], out[i+1], out[i+2], out[i+3] = min(clamp8(acc[i]), a), min(clamp8(acc[i+1]), a), min(clamp8(acc[i+2]), a), a
		}
	}
	return dst
}

package images

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"slices"
	"testing"

	"github.com/storyhub/storyhub/internal/buildcache/versioncheck"
)

func TestWidths(t *testing.T) {
	for _, tc := range []struct {
		width int
		want  []int
	}{
		{100, nil},
		{480, nil}, // a copy as wide as the source is the source
		{481, []int{480}},
		{1200, []int{480, 960}},
		{1600, []int{480, 960}},
		{2400, []int{480, 960, 1600}},
	} {
		if got := Widths(Ladder, tc.width); !slices.Equal(got, tc.want) {
			t.Errorf("Widths(%d) = %v, want %v", tc.width, got, tc.want)
		}
	}
}

func TestNameAndHeight(t *testing.T) {
	for _, tc := range []struct {
		name      string
		width     int
		want      string
		w, h, got int
	}{
		{"photo.jpg", 960, "photo-960w.jpg", 2400, 1600, 640},
		{"a.b.PNG", 480, "a.b-480w.PNG", 1000, 333, 160},
		{"photo.jpg", 1600, "photo-1600w.jpg", 2400, 1601, 1067},
		{"tall.png", 480, "tall-480w.png", 4800, 1, 1},
	} {
		if got := Name(tc.name, tc.width); got != tc.want {
			t.Errorf("Name(%q, %d) = %q, want %q", tc.name, tc.width, got, tc.want)
		}
		if got := Height(tc.w, tc.h, tc.width); got != tc.got {
			t.Errorf("Height(%d, %d, %d) = %d, want %d", tc.w, tc.h, tc.width, got, tc.got)
		}
	}
}

func TestResize(t *testing.T) {
	src := image.NewNRGBA(image.Rect(0, 0, 1000, 500))
	for y := range 500 {
		for x := range 1000 {
			src.Set(x, y, color.NRGBA{uint8(x), uint8(y), 200, uint8(255 - x/4)})
		}
	}
	var p, j bytes.Buffer
	if err := png.Encode(&p, src); err != nil {
		t.Fatal(err)
	}
	if err := jpeg.Encode(&j, src, nil); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		data   []byte
		format string
	}{{"png", p.Bytes(), "png"}, {"jpeg", j.Bytes(), "jpeg"}} {
		out, err := Resize(tc.data, []int{240, 480})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		for i, want := range []image.Rectangle{image.Rect(0, 0, 240, 120), image.Rect(0, 0, 480, 240)} {
			img, format, err := image.Decode(bytes.NewReader(out[i]))
			if err != nil || format != tc.format || img.Bounds() != want {
				t.Fatalf("%s: copy %d is %s %v (%v), want %s %v", tc.name, i, format, img.Bounds(), err, tc.format, want)
			}
			if tc.format == "png" {
				if _, _, _, a := img.At(want.Dx()-5, 10).RGBA(); a>>8 > 20 {
					t.Errorf("png copy %d lost transparency: alpha %d at the right", i, a>>8)
				}
			}
		}
		again, _ := Resize(tc.data, []int{240, 480})
		if !bytes.Equal(out[0], again[0]) || !bytes.Equal(out[1], again[1]) {
			t.Errorf("%s: two copies of one source differ", tc.name)
		}
	}
	if _, err := Resize(p.Bytes(), []int{480, 1000}); err == nil {
		t.Error("a copy as wide as its source was made")
	}
}

// TestVersion: the build cache keys copies by Version, so a change to
// the bytes Resize makes must change it (versioncheck).
func TestVersion(t *testing.T) {
	src := image.NewNRGBA(image.Rect(0, 0, 640, 427))
	for y := range 427 {
		for x := range 640 {
			src.Set(x, y, color.NRGBA{uint8(x * 7), uint8(y * 3), uint8(x ^ y), 255})
		}
	}
	var p, j bytes.Buffer
	if err := png.Encode(&p, src); err != nil {
		t.Fatal(err)
	}
	if err := jpeg.Encode(&j, src, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	var sample []byte
	for _, data := range [][]byte{p.Bytes(), j.Bytes()} {
		out, err := Resize(data, []int{97, 320})
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range out {
			sample = append(sample, o...)
		}
	}
	versioncheck.Check(t, Version, sample)
}

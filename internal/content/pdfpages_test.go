package content

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

// minimalPDF is a valid PDF of n empty pages, its cross-reference table
// pointing at each object's offset.
func minimalPDF(n int) string {
	var b strings.Builder
	var offs []int
	obj := func(body string) {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offs), body)
	}
	b.WriteString("%PDF-1.4\n")
	kids := make([]string, n)
	for i := range kids {
		kids[i] = fmt.Sprintf("%d 0 R", i+3)
	}
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n))
	for range n {
		obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >>")
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f\r\n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n\r\n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, xref)
	return b.String()
}

func TestPDFPages(t *testing.T) {
	three := minimalPDF(3)
	tests := []struct {
		name, data string
		limit      int64
		want       int
		// mended is a count that is right too: the reader may mend a
		// file or give up on it.
		mended int
	}{
		{"one page", minimalPDF(1), 1 << 20, 1, 0},
		{"three pages", three, 1 << 20, 3, 0},
		{"placeholder", "%PDF-1.4\n", 1 << 20, 0, 0},
		{"not a PDF", "hello", 1 << 20, 0, 0},
		// Damage the reader can mend is mended; a file without its
		// page tree has no count.
		{"no table", strings.Replace(three, "xref", "xxxx", 1), 1 << 20, 3, 0},
		{"cut in its catalog", three[:30], 1 << 20, 0, 0},
		// Hostile files, which must end without a crash: a table that is
		// its own previous one, and numbers far beyond the file.
		{"table its own previous", strings.Replace(three, "/Size 6 /Root 1 0 R", "/Size 6 /Root 1 0 R /Prev "+strconv.Itoa(strings.Index(three, "xref")), 1), 1 << 20, 0, 3},
		{"huge numbers", strings.Replace(strings.Replace(three, "/Size 6", "/Size 999999999999", 1), "xref\n0 6", "xref\n999999999990 6", 1), 1 << 20, 0, 3},
		{"huge count", strings.Replace(three, "/Count 3", "/Count 99999999999999999999", 1), 1 << 20, 0, 0},
		{"over the limit", three, 10, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"d.pdf": {Data: []byte(tt.data)}}
			if got := pdfPages(fsys, "d.pdf", tt.limit); got != tt.want && (tt.mended == 0 || got != tt.mended) {
				t.Errorf("pdfPages = %d, want %d", got, tt.want)
			}
		})
	}
	if got := pdfPages(fstest.MapFS{}, "missing.pdf", 1<<20); got != 0 {
		t.Errorf("pdfPages of a missing file = %d, want 0", got)
	}
}

// A PDF's count comes with its size and hash, and a file whose bytes are
// not a PDF has none.
func TestHashFileCountsPages(t *testing.T) {
	c := NewCache(DefaultKinds())
	fsys := fstest.MapFS{"static/a.pdf": {Data: []byte(minimalPDF(2))}, "static/b.odp": {Data: []byte(minimalPDF(2))}}
	for name, want := range map[string]int{"static/a.pdf": 2, "static/b.odp": 0} {
		s, err := c.hashFile(fsys, name)
		if err != nil || s.pages != want {
			t.Errorf("hashFile(%s) pages = %d, %v; want %d", name, s.pages, err, want)
		}
	}
}

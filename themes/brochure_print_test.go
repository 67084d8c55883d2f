package themes_test

import (
	"bufio"
	"bytes"
	"context"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/storyhub/storyhub/internal/browsertest"
)

// TestBrochurePrints prints the hub's /brochure/ in headless Chromium on
// A4 and on Letter, and reads the PDF with pdfcpu: it has the paper's
// size and a page for the cover, one for the contents and one for each
// featured story of content/stories, so every story starts on a page of
// its own and fits it.
func TestBrochurePrints(t *testing.T) {
	t.Parallel()
	featured := featuredStories(t, "../content/stories")
	if featured == 0 {
		t.Fatal("no story of ../content/stories is featured: the brochure has nothing to print")
	}
	chrome := browsertest.Chromium(t)
	hub := serveHub(t)
	ctx, cancel := context.WithTimeout(t.Context(), 3*hang)
	t.Cleanup(cancel) // last: the browser stops first
	b := startBrowser(t, ctx, chrome)
	url := hub.url + "brochure/"
	step(t, b, "opening "+url, hang, chromedp.Navigate(url))
	waitLoaded(t, b, url)

	for _, paper := range []struct {
		name string
		size chromedp.PaperSize
	}{{"A4", chromedp.PaperA4}, {"Letter", chromedp.PaperLetter}} {
		t.Run(paper.name, func(t *testing.T) {
			// The page's @page margins, not the browser's.
			pdf, err := run(b, hang, chromedp.PrintToPDF(chromedp.PDFPaper(paper.size), chromedp.PDFPreferCSSPageSize()))
			if err != nil {
				t.Fatalf("printing %s on %s: %v", url, paper.name, err)
			}
			if dir := os.Getenv("STORYHUB_ARTIFACTS"); dir != "" {
				os.WriteFile(filepath.Join(dir, "brochure-"+paper.name+".pdf"), pdf, 0o644)
			}
			conf := &model.Configuration{Reader15: true, ValidationMode: model.ValidationRelaxed, Limits: model.DefaultResourceLimits(), Offline: true}
			doc, err := pdfcpu.ReadWithContext(t.Context(), bytes.NewReader(pdf), conf)
			if err != nil {
				t.Fatalf("reading the PDF of %s: %v", paper.name, err)
			}
			if err := doc.EnsurePageCount(); err != nil {
				t.Fatalf("counting the pages of the PDF of %s: %v", paper.name, err)
			}
			if want := 2 + featured; doc.PageCount != want {
				t.Errorf("the brochure prints on %d %s pages, want %d: a cover, the contents and one for each of the %d featured stories", doc.PageCount, paper.name, want, featured)
			}
			dims, err := doc.PageDims()
			if err != nil {
				t.Fatal(err)
			}
			// 72 points an inch; Chromium rounds to whole points.
			w, h := paper.size.Width*72, paper.size.Height*72
			for i, d := range dims {
				if math.Abs(d.Width-w) > 1 || math.Abs(d.Height-h) > 1 {
					t.Errorf("page %d of the %s PDF is %.1f×%.1f pt, want %.1f×%.1f", i+1, paper.name, d.Width, d.Height, w, h)
				}
			}
			t.Logf("%s: %d pages", paper.name, doc.PageCount)
		})
	}
}

// featuredStories counts the stories under dir whose front matter says
// featured: true.
func featuredStories(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for fences := 0; fences < 2 && sc.Scan(); {
			switch line := strings.TrimSpace(sc.Text()); {
			case line == "---":
				fences++
			case fences == 1 && line == "featured: true":
				n++
			}
		}
		return sc.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

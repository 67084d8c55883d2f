package main

import (
	"archive/zip"
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the scripts' expected output files (cmp targets) from the actual output")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"storyhub": main,
	})
}

// TestScripts runs the end-to-end scripts in testdata/script: each is a
// tiny whole site in txtar form, built with the real storyhub command.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"crlf":         cmdCRLF,
			"bom":          cmdBOM,
			"unescape":     cmdUnescape,
			"unescapename": cmdUnescapeName,
			"freeport":     cmdFreePort,
			"httpget":      cmdHTTPGet,
			"png":          cmdPNG,
			"unzip":        cmdUnzip,
			"picture":      cmdPicture,
			"ogimages":     cmdOGImages,
			"ical":         cmdICal,
		},
		Condition: scriptCondition,
	})
}

// cmdCRLF rewrites each named file with CRLF line endings: crlf FILE...
// (txtar cannot hold a carriage return readably).
func cmdCRLF(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! crlf")
	}
	if len(args) == 0 {
		ts.Fatalf("usage: crlf FILE...")
	}
	for _, name := range args {
		rewrite(ts, name, func(b []byte) []byte {
			b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
			return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))
		})
	}
}

// cmdBOM prepends a UTF-8 byte order mark to each named file: bom FILE...
func cmdBOM(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! bom")
	}
	if len(args) == 0 {
		ts.Fatalf("usage: bom FILE...")
	}
	for _, name := range args {
		rewrite(ts, name, func(b []byte) []byte {
			return append([]byte("\uFEFF"), b...)
		})
	}
}

// goEscape is an escape of Go and YAML double-quoted strings.
var goEscape = regexp.MustCompile(`\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})`)

// unescape replaces \xHH, \uHHHH and \UHHHHHHHH in s with what they stand
// for: bytes, and characters as UTF-8.
func unescape(s string) string {
	return goEscape.ReplaceAllStringFunc(s, func(e string) string {
		n, _ := strconv.ParseUint(e[2:], 16, 32)
		if e[1] == 'x' {
			return string([]byte{byte(n)})
		}
		return string(rune(n))
	})
}

// cmdUnescape writes each named file with its escapes (\x1b, \u202e)
// replaced by the bytes they stand for: unescape FILE... (txtar cannot
// hold control and invisible characters readably).
func cmdUnescape(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: unescape FILE...")
	}
	for _, name := range args {
		rewrite(ts, name, func(b []byte) []byte { return []byte(unescape(string(b))) })
	}
}

// cmdUnescapeName renames each named file to its name with its escapes
// replaced: unescapename FILE...
func cmdUnescapeName(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: unescapename FILE...")
	}
	for _, name := range args {
		ts.Check(os.Rename(ts.MkAbs(name), ts.MkAbs(unescape(name))))
	}
}

func rewrite(ts *testscript.TestScript, name string, edit func([]byte) []byte) {
	path := ts.MkAbs(name)
	b, err := os.ReadFile(path)
	ts.Check(err)
	ts.Check(os.WriteFile(path, edit(b), 0o666))
}

// cmdPNG writes a real picture to each named file: png [-size BYTES]
// [-px WIDTHxHEIGHT] [-jpeg] FILE.... It is a 2×2 grey PNG, or with -px
// a gradient of that size, as JPEG with -jpeg; padded to BYTES (txtar
// cannot hold binary bytes readably).
func cmdPNG(ts *testscript.TestScript, neg bool, args []string) {
	size, w, h, asJPEG := 0, 0, 0, false
	for len(args) > 0 {
		switch {
		case args[0] == "-size" && len(args) > 1:
			n, err := strconv.Atoi(args[1])
			ts.Check(err)
			size, args = n, args[2:]
			continue
		case args[0] == "-px" && len(args) > 1:
			_, err := fmt.Sscanf(args[1], "%dx%d", &w, &h)
			ts.Check(err)
			args = args[2:]
			continue
		case args[0] == "-jpeg":
			asJPEG, args = true, args[1:]
			continue
		}
		break
	}
	if neg || len(args) == 0 {
		ts.Fatalf("usage: png [-size BYTES] [-px WIDTHxHEIGHT] [-jpeg] FILE...")
	}
	var img image.Image = image.NewGray(image.Rect(0, 0, 2, 2))
	if w > 0 {
		g := image.NewRGBA(image.Rect(0, 0, w, h))
		for y := range h {
			for x := range w {
				g.Set(x, y, color.RGBA{uint8(255 * x / w), uint8(255 * y / h), 128, 255})
			}
		}
		img = g
	}
	for _, name := range args {
		var b bytes.Buffer
		if asJPEG {
			ts.Check(jpeg.Encode(&b, img, nil))
		} else {
			ts.Check(png.Encode(&b, img))
		}
		if b.Len() > size && size > 0 {
			ts.Fatalf("png: %d bytes is less than the picture, %d", size, b.Len())
		}
		// Bytes after the end chunk are ignored by readers.
		b.Write(bytes.Repeat([]byte{0}, max(size-b.Len(), 0)))
		path := ts.MkAbs(name)
		ts.Check(os.MkdirAll(filepath.Dir(path), 0o777))
		ts.Check(os.WriteFile(path, b.Bytes(), 0o666))
	}
}

// cmdUnzip unpacks a zip archive into a folder: unzip ZIP DIR. Each
// entry's name must be a local path (filepath.IsLocal), else it fails.
func cmdUnzip(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: unzip ZIP DIR")
	}
	z, err := zip.OpenReader(ts.MkAbs(args[0]))
	ts.Check(err)
	defer z.Close()
	for _, f := range z.File {
		if !filepath.IsLocal(f.Name) {
			ts.Fatalf("unzip: %s: entry %q is not a local path", args[0], f.Name)
		}
		r, err := f.Open()
		ts.Check(err)
		data, err := io.ReadAll(r)
		r.Close()
		ts.Check(err)
		path := filepath.Join(ts.MkAbs(args[1]), filepath.FromSlash(f.Name))
		ts.Check(os.MkdirAll(filepath.Dir(path), 0o777))
		ts.Check(os.WriteFile(path, data, 0o666))
	}
}

// cmdPicture checks that FILE is a picture of that format and size,
// decoded whole: picture FILE png|jpeg|gif WIDTHxHEIGHT.
func cmdPicture(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: picture FILE FORMAT WIDTHxHEIGHT")
	}
	if err := pictureIs(ts.MkAbs(args[0]), args[1], args[2]); err != nil {
		ts.Fatalf("%s: %v", args[0], err)
	}
}

// pictureIs reports how the picture in name is not of the format and
// size (WIDTHxHEIGHT) given.
func pictureIs(name, format, size string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	img, got, err := image.Decode(f)
	if err != nil {
		return err
	}
	if got := fmt.Sprintf("%s %dx%d", got, img.Bounds().Dx(), img.Bounds().Dy()); got != format+" "+size {
		return fmt.Errorf("is %s, want %s %s", got, format, size)
	}
	return nil
}

// ogMeta finds a page's Open Graph image and its stated size.
var ogMeta = regexp.MustCompile(`<meta property="og:image(|:width|:height)" content="([^"]*)">`)

// cmdOGImages checks every page under DIR: its og:image is under BASE,
// is a file in DIR, and is a PNG of the width and height the page
// states: ogimages DIR BASE.
func cmdOGImages(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: ogimages DIR BASE")
	}
	dir, base := ts.MkAbs(args[0]), args[1]
	pages := 0
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || filepath.Ext(p) != ".html" {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		pages++
		rel, _ := filepath.Rel(dir, p)
		meta := map[string]string{}
		for _, m := range ogMeta.FindAllSubmatch(b, -1) {
			meta[string(m[1])] = string(m[2])
		}
		img, ok := meta[""]
		if !ok || !strings.HasPrefix(img, base) {
			ts.Fatalf("%s: og:image %q, want one under %s", filepath.ToSlash(rel), img, base)
		}
		file := filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(img, base)))
		if err := pictureIs(file, "png", meta[":width"]+"x"+meta[":height"]); err != nil {
			ts.Fatalf("%s: og:image %s (%s×%s): %v", filepath.ToSlash(rel), img, meta[":width"], meta[":height"], err)
		}
		return nil
	})
	ts.Check(err)
	ts.Logf("%d pages, each with its og:image", pages)
}

// cmdFreePort sets an environment variable to a free loopback port:
// freeport VAR.
func cmdFreePort(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: freeport VAR")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	ts.Check(err)
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	ln.Close()
	ts.Setenv(args[0], port)
}

// cmdHTTPGet fetches a URL, retrying while the server starts, and writes
// the status line and body to FILE: httpget URL FILE [HOST].
func cmdHTTPGet(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 || len(args) > 3 {
		ts.Fatalf("usage: httpget URL FILE [HOST]")
	}
	req, err := http.NewRequest("GET", args[0], nil)
	ts.Check(err)
	if len(args) == 3 {
		req.Host = args[2]
	}
	// Waiting is for the server to start; a server that has not answered
	// in a minute has hung.
	deadline := time.Now().Add(time.Minute)
	for {
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			ts.Check(err)
			out := fmt.Sprintf("%s\n%s", resp.Status, body)
			ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(out), 0o666))
			return
		}
		if time.Now().After(deadline) {
			ts.Fatalf("httpget %s: no answer within a minute: %v", args[0], err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

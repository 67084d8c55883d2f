package content

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/gabriel-vasile/mimetype"
)

// Use says where a type of file may be published from.
type Use int

const (
	// SiteOnly files (pages, scripts, styles, data) are known so they are
	// served with the right type, but only the maintainers' static/ and
	// themes/ may hold them: from a bundle they could run on the hub's
	// origin.
	SiteOnly Use = iota
	Image        // shown in pages and cards
	Download     // offered as a file
)

// FileType is one row of the table of file types.
type FileType struct {
	Ext       string // lower case, without the dot
	MediaType string
	Use       Use
	// Bytes is the media type the file's first bytes must be recognised
	// as (by gabriel-vasile/mimetype, it or a more specific type of it),
	// so a name cannot pass one kind of file off as another. "text" means
	// plain text that a browser would not take for markup; "svg" means
	// the whole file is read and checked by CheckSVG.
	Bytes string
}

// fileTypes is the one table of file types: what a bundle may publish,
// the media type its pages, feeds and kits announce, and how its bytes
// are recognised. A bundle file of another type, or whose bytes are not
// what its name says, is an error.
var fileTypes = []FileType{
	{"png", "image/png", Image, "image/png"},
	{"jpg", "image/jpeg", Image, "image/jpeg"},
	{"jpeg", "image/jpeg", Image, "image/jpeg"},
	{"gif", "image/gif", Image, "image/gif"},
	{"webp", "image/webp", Image, "image/webp"},
	{"avif", "image/avif", Image, "image/avif"},
	{"svg", "image/svg+xml", Image, "svg"},

	{"pdf", "application/pdf", Download, "application/pdf"},
	// OpenDocument files open with a stored entry named mimetype that
	// holds their media type.
	{"odp", "application/vnd.oasis.opendocument.presentation", Download, "application/vnd.oasis.opendocument.presentation"},
	{"odt", "application/vnd.oasis.opendocument.text", Download, "application/vnd.oasis.opendocument.text"},
	{"ods", "application/vnd.oasis.opendocument.spreadsheet", Download, "application/vnd.oasis.opendocument.spreadsheet"},
	// OOXML and Keynote files are zip archives with no fixed first entry.
	{"pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", Download, "application/zip"},
	{"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Download, "application/zip"},
	{"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Download, "application/zip"},
	{"key", "application/vnd.apple.keynote", Download, "application/zip"},
	{"zip", "application/zip", Download, "application/zip"},
	{"txt", "text/plain", Download, "text"},
	{"csv", "text/csv", Download, "text"},
	{"ipynb", "application/x-ipynb+json", Download, "text"},
	{"mp4", "video/mp4", Download, "video/mp4"},
	{"webm", "video/webm", Download, "video/webm"},

	{"html", "text/html", SiteOnly, ""},
	{"css", "text/css", SiteOnly, ""},
	{"js", "text/javascript", SiteOnly, ""},
	{"json", "application/json", SiteOnly, ""},
	{"xml", "application/xml", SiteOnly, ""},
	{"ics", "text/calendar", SiteOnly, ""},
	{"md", "text/markdown", SiteOnly, ""},
	{"ico", "image/x-icon", SiteOnly, ""},
	{"woff2", "font/woff2", SiteOnly, ""},
}

// TypeOf returns the row of the table for a file name, by its extension
// in any case.
func TypeOf(name string) (FileType, bool) {
	ext := strings.ToLower(strings.TrimPrefix(path.Ext(name), "."))
	for _, t := range fileTypes {
		if t.Ext == ext {
			return t, true
		}
	}
	return FileType{}, false
}

// MediaType is the media type a file is published with: from the table,
// or application/octet-stream for a type the table does not know.
func MediaType(name string) string {
	if t, ok := TypeOf(name); ok {
		return t.MediaType
	}
	return "application/octet-stream"
}

// formatOf names a file's format and media type from its extension, from
// the fixed table so the same site builds the same bytes on every machine.
func formatOf(p string) (string, string) {
	ext := strings.TrimPrefix(path.Ext(p), ".")
	if ext == "" {
		return "FILE", MediaType(p)
	}
	return strings.ToUpper(ext), MediaType(p)
}

// publishable lists the types a bundle may hold, for hints.
func publishable(u Use) string {
	var names []string
	for _, t := range fileTypes {
		if t.Use == u && t.Ext != "jpeg" {
			names = append(names, strings.ToUpper(t.Ext))
		}
	}
	return strings.Join(names, ", ")
}

// sniffLen is how much of a file is read to recognise it: what the
// mimetype library looks at by default, enough for a zip's first entries.
const sniffLen = 3072

// maxSVG bounds the SVG files read whole to be checked.
const maxSVG = 2 << 20

// CheckBundleFile reports why the bundle file name (a site path) may not
// be published: its type is not one a bundle may publish, its bytes are
// not what its name says, or, for an SVG, anything in it that could run
// or load something (see CheckSVG).
func CheckBundleFile(fsys fs.FS, name string) ErrorList {
	var errs ErrorList
	at := Pos{File: name}
	t, ok := TypeOf(name)
	if !ok || t.Use == SiteOnly {
		what := "files of type ." + strings.ToLower(strings.TrimPrefix(path.Ext(name), "."))
		if path.Ext(name) == "" {
			what = "files without an extension"
		}
		errs.Add(at, "a bundle may not publish "+what,
			"a bundle holds images ("+publishable(Image)+") and downloads ("+publishable(Download)+"); write text in index.md, and remove this file")
		return errs
	}
	if t.Bytes == "svg" {
		return CheckSVGFile(fsys, name)
	}
	f, err := fsys.Open(name)
	if err != nil {
		errs.Add(at, "cannot read: "+errText(err), "")
		return errs
	}
	defer f.Close()
	head := make([]byte, sniffLen)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		errs.Add(at, "cannot read: "+errText(err), "")
		return errs
	}
	if msg := sniff(t, head[:n]); msg != "" {
		errs.Add(at, msg, "save or export the file again in the format its name says; a bundle publishes only the listed types")
	}
	return errs
}

// CheckSVGFile reads the SVG file name (at most a little over its size
// limit) and checks it with CheckSVG.
func CheckSVGFile(fsys fs.FS, name string) ErrorList {
	var errs ErrorList
	f, err := fsys.Open(name)
	if err != nil {
		errs.Add(Pos{File: name}, "cannot read: "+errText(err), "")
		return errs
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxSVG+1))
	if err != nil {
		errs.Add(Pos{File: name}, "cannot read: "+errText(err), "")
		return errs
	}
	return CheckSVG(name, data)
}

// markup is the media types a browser may run script in.
var markup = []string{"text/html", "application/xhtml+xml", "image/svg+xml", "text/xml"}

// sniff says how head, the first bytes of a file of type t, differ from
// what t's bytes look like, or "" when they match.
func sniff(t FileType, head []byte) string {
	if len(head) == 0 {
		return "the file is empty"
	}
	ok, m := recognise(t, head)
	if ok {
		return ""
	}
	found, _, _ := strings.Cut(m.String(), ";")
	switch {
	case t.Bytes == "text" && isA(m, markup...):
		return fmt.Sprintf("the file is named .%s but its bytes are markup (%s), which a browser could run", t.Ext, found)
	case t.Bytes == "text" && isA(m, "text/plain"):
		return fmt.Sprintf("the file is named .%s but its bytes are not UTF-8 text", t.Ext)
	}
	return fmt.Sprintf("the file is named .%s but its bytes are not %s; they look like %s", t.Ext, what(t), found)
}

// recognise reports whether head, the first bytes of a file of type t,
// are what t's bytes must be (see FileType.Bytes; an SVG must look like
// one), and what they were detected as. Text must be UTF-8: a browser
// shows other encodings garbled. A type with no Bytes is never
// recognised.
func recognise(t FileType, head []byte) (bool, *mimetype.MIME) {
	m := mimetype.Detect(head)
	switch t.Bytes {
	case "":
		return false, m
	case "text":
		return !isA(m, markup...) && isA(m, "text/plain") && utf8Head(head), m
	case "svg":
		return isA(m, "image/svg+xml"), m
	}
	return isA(m, t.Bytes), m
}

// isA reports whether m is one of want or a more specific type of one.
func isA(m *mimetype.MIME, want ...string) bool {
	for k := m; k != nil; k = k.Parent() {
		for _, w := range want {
			if k.Is(w) {
				return true
			}
		}
	}
	return false
}

// utf8Head reports whether head, the start of a file, is UTF-8, but for
// a character its end may cut.
func utf8Head(head []byte) bool {
	for range utf8.UTFMax - 1 {
		if utf8.Valid(head) {
			return true
		}
		if len(head) < sniffLen || len(head) == 0 {
			return false
		}
		head = head[:len(head)-1]
	}
	return utf8.Valid(head)
}

func what(t FileType) string {
	switch t.Bytes {
	case "text":
		return "plain text"
	case "application/zip":
		return "a zip archive, as " + strings.ToUpper(t.Ext) + " files are"
	}
	return t.MediaType
}

// checkResources reports the files of d's bundle that may not be
// published: a path Windows cannot hold (con.png), over the download
// limit, from their size alone, or of a type a bundle may not publish
// (the files in read, those the front matter names, are judged by size
// and bytes where they are hashed, and reported there); a name holding an
// invisible or bidirectional character is warned of. Each file's verdict on
// its type is kept until the file changes, so a rebuild reads none of the
// files that did not. Workers call it concurrently.
func (c *Cache) checkResources(fsys fs.FS, d *Doc, read []string, errs *ErrorList) {
	dir := path.Dir(d.Path)
	for _, r := range d.Resources {
		name := path.Join(dir, r)
		if problem := badPath(r); problem != "" {
			errs.Add(Pos{File: name}, fmt.Sprintf("the file's path %s", problem), "rename the file")
			continue
		}
		if at, c, _ := spoofing(r); at >= 0 {
			errs.Warn(Pos{File: name}, fmt.Sprintf("the file's name contains %s, which a reader cannot see", runeName(c)),
				"rename the file without it: its address would differ from what it seems")
		}
		info, err := fs.Stat(fsys, name)
		if err != nil {
			continue // a file that went is reported where it is copied
		}
		isRead := slices.Contains(read, name)
		if t, ok := TypeOf(name); isRead && ok && t.Use != SiteOnly && t.Bytes != "svg" {
			continue // an SVG is still read whole, and a type no bundle may hold refused
		}
		if info.Size() > c.Limits.Download {
			if !isRead {
				sizeProblem(errs, Pos{File: name}, "the file", "file in a bundle", &TooLargeError{Size: info.Size(), Limit: c.Limits.Download})
			}
			continue
		}
		c.sumsMu.Lock()
		v, ok := c.judged[name]
		c.sumsMu.Unlock()
		if !ok {
			v = CheckBundleFile(fsys, name)
			c.sumsMu.Lock()
			c.judged[name] = v
			c.sumsMu.Unlock()
		}
		*errs = append(*errs, v...)
	}
}

// bundleStale reports whether a changed path is d's bundle folder, in it, or
// a folder above it.
func bundleStale(d *Doc, stale map[string]bool) bool {
	dir := path.Dir(d.Path)
	for p := range stale {
		if p != d.Path && (p == dir || strings.HasPrefix(p, dir+"/") || strings.HasPrefix(dir, p+"/")) {
			return true
		}
	}
	return false
}

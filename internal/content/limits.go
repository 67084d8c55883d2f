package content

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"
)

// Limits bound what one file of the site may cost, so that a file from a
// stranger cannot take a check's or a preview's time and memory. A file
// over its limit is refused from its size alone, before it is read.
type Limits struct {
	// File is for a Markdown file, which is read into memory whole.
	File int64
	// Download is for any other file of a bundle and for each file a
	// deck or guide lists: they are hashed as they are read, but copied
	// whole into the site (and held in memory by the preview), and
	// readers download them.
	Download int64
}

// DefaultLimits are the limits of a site whose site.toml sets none: a
// Markdown file of 10 MB is some 1,500 pages of text, and 100 MB is the
// largest file GitHub accepts in a repository.
func DefaultLimits() Limits { return Limits{File: 10 * MB, Download: 100 * MB} }

// MB is a megabyte as sizes are printed (see HumanSize).
const MB = 1000 * 1000

// maxFrontMatter is the most front matter a file may have. Real front
// matter is a few kilobytes; past this, decoding and checking it would
// cost more than the rest of the file.
const maxFrontMatter = 32 * 1000

// MaxProblemsPerFile is how many problems of one file are listed; the
// rest are counted in one entry after them (see ErrorList.Capped).
const MaxProblemsPerFile = 50

// HumanSize prints a byte count the way people read it.
func HumanSize(n int64) string {
	switch {
	case n < 1000:
		return strconv.FormatInt(n, 10) + " bytes"
	case n < 1000*1000:
		return fmt.Sprintf("%.1f kB", float64(n)/1000)
	case n < 1000*1000*1000:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
	return fmt.Sprintf("%.1f GB", float64(n)/1e9)
}

// TooLargeError is a file refused for its size.
type TooLargeError struct {
	Size  int64 // the file's size, or the limit it went past when Grew
	Limit int64
	Grew  bool // it was under the limit when it was opened
}

func (e *TooLargeError) Error() string {
	more := ""
	if e.Grew {
		more = "over "
	}
	return fmt.Sprintf("the file is %s%s; the limit is %s", more, HumanSize(e.Size), HumanSize(e.Limit))
}

// ReadFile reads a file of at most limit bytes. A larger one is refused
// from its size before anything is read, and one that grows past the
// limit while it is read is refused once it has read past it.
func ReadFile(fsys fs.FS, name string, limit int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("not a regular file")}
	}
	if info.Size() > limit {
		return nil, &TooLargeError{Size: info.Size(), Limit: limit}
	}
	// One byte more than the size, for the read that finds the end.
	data := make([]byte, 0, info.Size()+1)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if int64(len(data)) > limit {
			return nil, &TooLargeError{Size: limit, Limit: limit, Grew: true}
		}
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
	}
}

// sizeProblem adds the problem of a file refused for its size, if err
// is one: subject names the file ("the file", "file \"slides.pdf\""),
// what says what it is for the limit ("Markdown file", "download").
func sizeProblem(errs *ErrorList, pos Pos, subject, what string, err error) bool {
	var tl *TooLargeError
	if !errors.As(err, &tl) {
		return false
	}
	fix := "make it smaller, or raise max_download_mb in site.toml"
	if what == "Markdown file" {
		fix = "split it, or raise max_file_mb in site.toml"
	}
	more := ""
	if tl.Grew {
		more = "over "
	}
	errs.Add(pos, fmt.Sprintf("%s is %s%s; a %s may be at most %s", subject, more, HumanSize(tl.Size), what, HumanSize(tl.Limit)), fix)
	return true
}

// frontMatterEnd is the offset in src past which front matter would be
// over maxFrontMatter: the opening line (after blank ones), the most
// front matter there may be, and room for the closing line.
func frontMatterEnd(src []byte) int {
	off := 0
	for l := range bytes.Lines(src) {
		off += len(l)
		if len(bytes.TrimSpace(l)) > 0 {
			break
		}
	}
	return min(len(src), off+maxFrontMatter+len("\n---\n\n"))
}

// frontMatterTooLong refuses the front matter whose data starts on line
// first, at the line that crosses the limit.
func frontMatterTooLong(src []byte, first int) *Error {
	start := 0
	for range first - 1 {
		start += bytes.IndexByte(src[start:], '\n') + 1
	}
	end := min(len(src), start+maxFrontMatter)
	return &Error{Pos: Pos{Line: first + bytes.Count(src[start:end], []byte("\n"))},
		Msg:  "front matter is longer than " + HumanSize(maxFrontMatter),
		Hint: "keep to the fields; long text goes in the body, after the closing line"}
}

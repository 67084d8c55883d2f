package render

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"path"
	"time"

	"github.com/storyhub/storyhub/internal/site"
)

// Zip is the media type of a community's kit; it is written as it is.
const Zip = "application/zip"

// kit is a community's ambassador kit: its talking points (as Markdown)
// and its decks' files, in one archive made at build time. The archive is
// made once per pass (Pass.kit), when the first of the kit file and the
// community page needs it (the page shows its size).
type kit struct {
	c      *site.Community
	siteFS fs.FS
}

// kitTime is the time every entry of a kit carries, so the same inputs
// give the same bytes.
func kitTime() time.Time { return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC) }

// make writes the archive of c, read through the model's methods so that
// what it holds is recorded: the talking points' text, the decks' files
// (whose bytes a page's own values stand for by their hashes).
func (k *kit) make(c *Community) ([]byte, error) {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	chunk := make([]byte, 32<<10)
	add := func(name string, r io.Reader) error {
		w, err := z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: kitTime()})
		if err != nil {
			return err
		}
		// Through Read and one buffer for the kit: io.Copy would take a
		// file's WriteTo, which makes a buffer for every file.
		_, err = io.CopyBuffer(w, struct{ io.Reader }{r}, chunk)
		return err
	}
	for _, p := range c.TalkingPoints() {
		text := "# " + p.Title + "\n\n" + p.Summary + "\n\n" + string(p.markdown())
		if err := add("talking-points/"+p.Slug+".md", bytes.NewReader([]byte(text))); err != nil {
			return nil, err
		}
	}
	for _, p := range c.Decks() {
		for _, f := range p.Files {
			file, err := k.siteFS.Open(f.Source)
			if err != nil {
				return nil, fmt.Errorf("kit for %s: %w", c.Slug, err)
			}
			err = add("decks/"+p.Slug+"/"+path.Base(f.Source), file)
			file.Close()
			if err != nil {
				return nil, err
			}
		}
	}
	if err := z.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

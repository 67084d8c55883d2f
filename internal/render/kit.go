package render

import (
	"archive/zip"
	"bytes"
	"fmt"
	"hash/maphash"
	"io"
	"io/fs"
	"path"
	"sync"
	"time"

	"github.com/storyhub/storyhub/internal/site"
)

// Zip is the media type of a community's kit; it is written as it is.
const Zip = "application/zip"

// kit is a community's ambassador kit: its talking points (as Markdown)
// and its decks' files, in one archive made at build time. The archive is
// made once, when the first of the kit file and the community page needs
// it (the page shows its size).
type kit struct {
	c      *site.Community
	siteFS fs.FS
	once   sync.Once
	data   []byte
	err    error

	keyOnce sync.Once
	sum     uint64 // kitKey, made once: the kit and its community's page need it
}

// kitTime is the time every entry of a kit carries, so the same inputs
// give the same bytes.
func kitTime() time.Time { return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC) }

func (k *kit) bytes() ([]byte, error) {
	k.once.Do(func() { k.data, k.err = k.make() })
	return k.data, k.err
}

func (k *kit) make() ([]byte, error) {
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
	for _, p := range k.c.TalkingPoints {
		text := "# " + p.Title + "\n\n" + p.Summary + "\n\n" + string(p.Body)
		if err := add("talking-points/"+p.Slug+".md", bytes.NewReader([]byte(text))); err != nil {
			return nil, err
		}
	}
	for _, p := range k.c.Decks {
		for _, f := range p.Files {
			file, err := k.siteFS.Open(f.Source)
			if err != nil {
				return nil, fmt.Errorf("kit for %s: %w", k.c.Slug, err)
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

// pages are the entries whose files or text the kit holds.
func (k *kit) pages() []*site.Page {
	return append(append([]*site.Page(nil), k.c.TalkingPoints...), k.c.Decks...)
}

// key is kitKey of k, made once per plan.
func (k *kit) key(r *Renderer, global uint64) uint64 {
	k.keyOnce.Do(func() { k.sum = r.kitKey(global, k) })
	return k.sum
}

// kitKey hashes what the kit holds.
func (r *Renderer) kitKey(global uint64, k *kit) uint64 {
	var h maphash.Hash
	h.SetSeed(r.seed)
	d := digest{h: &h}
	d.num(int64(global))
	for _, p := range k.pages() {
		d.str(p.Slug, p.Title, p.Summary)
		d.h.Write(p.Hash[:])
		for _, f := range p.Files {
			d.str(f.Source, f.SHA256)
		}
	}
	return h.Sum64()
}

package content

import (
	"bytes"
	"io"
	"io/fs"

	pdfreader "rsc.io/pdf"
)

// pdfPages is the number of pages of the PDF file name, or 0 when it
// cannot be read as one (a placeholder, a damaged or encrypted file): a
// count is a courtesy to readers, never a reason to fail a build. It
// reads at most limit bytes; hashFile calls it once per file version.
func pdfPages(fsys fs.FS, name string, limit int64) (pages int) {
	f, err := fsys.Open(name)
	if err != nil {
		return 0
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil || int64(len(data)) > limit {
		return 0
	}
	// The reader panics on some malformed files; any such file simply
	// has no count.
	defer func() {
		if recover() != nil {
			pages = 0
		}
	}()
	r, err := pdfreader.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return 0
	}
	return max(0, r.NumPage())
}

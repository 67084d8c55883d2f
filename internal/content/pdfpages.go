package content

import (
	"bytes"
	"context"
	"io"
	"io/fs"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// pdfPages is the number of pages of the PDF file name, or 0 when it
// cannot be read as one (a placeholder, a damaged or encrypted file): a
// count is a courtesy to readers, never a reason to fail a build. It
// reads at most limit bytes; hashFile calls it once per file version.
// The reader is pdfcpu's, which survives the loops and huge numbers a
// hostile file may hold; it is given its settings here, so it reads no
// configuration folder.
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
	conf := &model.Configuration{Reader15: true, ValidationMode: model.ValidationRelaxed, Limits: model.DefaultResourceLimits(), Offline: true}
	ctx, err := pdfcpu.ReadWithContext(context.Background(), bytes.NewReader(data), conf)
	if err != nil || ctx.EnsurePageCount() != nil {
		return 0
	}
	return max(0, ctx.PageCount)
}

package render

import (
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/storyhub/storyhub/internal/content"
)

// duration is a talk's length as a reader says it: "45 minutes",
// "1 hour 30 minutes"; "" for none.
func duration(minutes int) string {
	if minutes <= 0 {
		return ""
	}
	unit := func(n int, one string) string {
		if n == 1 {
			return "1 " + one
		}
		return strconv.Itoa(n) + " " + one + "s"
	}
	h, m := minutes/60, minutes%60
	switch {
	case h == 0:
		return unit(m, "minute")
	case m == 0:
		return unit(h, "hour")
	}
	return unit(h, "hour") + " " + unit(m, "minute")
}

// formats are the files' formats, each once, in the order of the files:
// PDF, ODP.
func formats(files []content.File) []string {
	var out []string
	for _, f := range files {
		if f.Format != "" && !slices.Contains(out, f.Format) {
			out = append(out, f.Format)
		}
	}
	return out
}

// downloadName is the name a browser saves files[i] of the entry slug
// under: slug.pdf, or slug-<label>.pdf when another file has its format
// (slug-2.pdf when the label gives no word of its own), so a reader's
// folder does not fill with "slides (3).pdf".
func downloadName(slug string, files []content.File, i int) string {
	f := files[i]
	ext := strings.ToLower(path.Ext(f.Path))
	shared := false
	for j, g := range files {
		shared = shared || (j != i && strings.ToLower(path.Ext(g.Path)) == ext)
	}
	if !shared {
		return slug + ext
	}
	part := func(j int) string {
		g := files[j]
		label := g.Label
		if label == "" || label == path.Base(g.Path) {
			label = strings.TrimSuffix(path.Base(g.Path), path.Ext(g.Path))
		}
		return content.Slugify(label)
	}
	own := part(i)
	for j := range files {
		if j != i && strings.ToLower(path.Ext(files[j].Path)) == ext && part(j) == own {
			own = ""
		}
	}
	if own == "" {
		own = strconv.Itoa(i + 1)
	}
	return slug + "-" + own + ext
}

package site

import (
	"iter"
	"maps"
	"slices"
	"strings"

	"github.com/storyhub/storyhub/internal/content"
	"golang.org/x/text/unicode/norm"
)

// Hints for broken relative links. They are worked out only for a link
// that is broken, so a site whose links all resolve pays nothing.

// sameName returns the candidate that is name in another Unicode
// normalization (café typed in NFC, saved in NFD as macOS does), which is
// the same name to the writer; or name and false.
func sameName(name string, candidates iter.Seq[string]) (string, bool) {
	if isASCII(name) {
		return name, false
	}
	want := norm.NFC.String(name)
	for c := range candidates {
		if !isASCII(c) && norm.NFC.String(c) == want {
			return c, true
		}
	}
	return name, false
}

// sameDoc is sameName among the site's documents.
func (s *Site) sameDoc(target string) (string, bool) {
	return sameName(target, maps.Keys(s.exists))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// nearDoc is the hint for a relative link to target, a content path that
// is no document: the document most likely meant, written relative to
// dir, the linking file's folder, or otherwise.
func (s *Site) nearDoc(dir, target, otherwise string) string {
	if near, ok := s.nearestDoc(target); ok {
		return "did you mean " + relPath(dir, near) + "?"
	}
	return otherwise
}

// nearestDoc is the document a link to target most likely meant: the
// same entry as a bundle or a single file (intro.md, intro/index.md), the
// entry's .md file for a link to its folder, or the content file nearest
// by name.
func (s *Site) nearestDoc(target string) (string, bool) {
	stem, ok := strings.CutSuffix(target, "/index.md")
	if !ok {
		stem = strings.TrimSuffix(target, ".md")
	}
	for _, alt := range []string{stem + ".md", stem + "/index.md"} {
		if alt != target && s.exists[alt] {
			return alt, true
		}
	}
	if !strings.HasSuffix(target, ".md") {
		return "", false
	}
	return NearestPath(target, maps.Keys(s.exists))
}

// nearFile is the hint for a link from the bundle page p to rel, a
// name that is not among its files (target is rel from the site root,
// dir p's folder): the bundle file meant, or the document meant.
func (s *Site) nearFile(p *Page, rel, dir, target string) string {
	if near, ok := NearestPath(rel, slices.Values(p.Resources)); ok {
		return "did you mean " + near + "?"
	}
	return s.nearDoc(dir, target, "put the file beside index.md, or link another entry by its .md file")
}

// NearestPath is the candidate path most likely meant by target: one with
// as many folders, each of its names equal or near the one typed (see
// content.Near), the fewest edits away in all. Comparing name by name
// keeps a long shared folder from making two file names look close, and
// stops at the first name that differs too much. A folder matches a
// target typed without its slash.
func NearestPath(target string, candidates iter.Seq[string]) (string, bool) {
	want := strings.Split(target, "/")
	slash := strings.HasSuffix(target, "/")
	best, bestDist := "", 0
	for c := range candidates {
		seen := c
		if !slash {
			seen = strings.TrimSuffix(c, "/")
		}
		if c == target || strings.Count(seen, "/") != len(want)-1 {
			continue
		}
		total, i := 0, 0
		for seg := range strings.SplitSeq(seen, "/") {
			if seg != want[i] {
				d, ok := content.Near(want[i], seg)
				if !ok {
					total = -1
					break
				}
				total += d
			}
			i++
		}
		if total >= 0 && (best == "" || total < bestDist || total == bestDist && c < best) {
			best, bestDist = c, total
		}
	}
	return best, best != ""
}

// relPath is the path of target relative to the folder dir, both slash
// paths from the site root.
func relPath(dir, target string) string {
	d, t := strings.Split(dir, "/"), strings.Split(target, "/")
	i := 0
	for i < len(d) && i < len(t)-1 && d[i] == t[i] {
		i++
	}
	return strings.Repeat("../", len(d)-i) + strings.Join(t[i:], "/")
}

package content

import (
	"fmt"
	"iter"
	"path"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Slugify turns a title or file name into a slug: lowercase ASCII words
// joined by hyphens, accents dropped ("Café Python" → "cafe-python").
func Slugify(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		default:
			hyphen = true
		}
	}
	out := b.String()
	if len(out) > 80 {
		out = strings.TrimRight(out[:80], "-")
	}
	return out
}

// TagSlug is the URL segment of a tag. Tags that differ only in case,
// spaces or punctuation share it, but + and # count ("C++" is not "C").
func TagSlug(tag string) string {
	if strings.ContainsAny(tag, "+#") {
		tag = strings.ReplaceAll(strings.ReplaceAll(tag, "+", " plus "), "#", " sharp ")
	}
	return Slugify(tag)
}

// suggest returns a "did you mean" hint for a word close to one of
// candidates, or "". A word that differs only in case is close (Beginner
// for beginner); one that differs only in how its accents are encoded
// (NFC or NFD, as macOS writes file names) is said to be so, since the
// two look the same.
func suggest(word string, candidates []string) string {
	best, ok := Nearest(word, slices.Values(candidates))
	if !ok {
		return ""
	}
	if norm.NFC.String(word) == norm.NFC.String(best) {
		return fmt.Sprintf("did you mean %q? The two differ only in Unicode normalization (how accents are encoded)", best)
	}
	return fmt.Sprintf("did you mean %q?", best)
}

// Nearest returns the candidate closest to word, and whether it is close
// enough to be what the writer meant (see Near). An exact match is never
// returned; of equally close candidates, the first in sorted order is, so
// a map's keys give the same answer every time.
func Nearest(word string, candidates iter.Seq[string]) (string, bool) {
	best, bestDist := "", 0
	for c := range candidates {
		if c == word {
			continue
		}
		d, ok := Near(word, c)
		if ok && (best == "" || d < bestDist || d == bestDist && c < best) {
			best, bestDist = c, d
		}
	}
	return best, best != ""
}

// Near returns how far apart a word typed and a candidate are, and
// whether the candidate is close enough to be what was meant: at most a
// few edits away (one for a short word), comparing without case or
// Unicode normalization, or the singular or plural of the word (story
// for stories).
func Near(word, candidate string) (int, bool) {
	key, ck := nameKey(word), nameKey(candidate)
	limit := max(1, min(3, utf8.RuneCountInString(ck)/3))
	if n := len(ck) - len(key); n > limit*utf8.UTFMax || -n > limit*utf8.UTFMax {
		return 0, false // too far apart to measure
	}
	d := distance(trimCommon(key, ck))
	if d > 1 && (plural(key) == ck || plural(ck) == key) {
		d = 1
	}
	// A name every letter of which is changed is another name, however
	// short (b.md is not a typo of a.md).
	if stem := strings.TrimSuffix(key, path.Ext(key)); d > 0 && d >= utf8.RuneCountInString(stem) {
		return d, false
	}
	return d, d <= limit
}

// nameKey is a name as it is compared for suggestions.
func nameKey(s string) string {
	return strings.ToLower(norm.NFC.String(s))
}

// trimCommon drops what a and b begin and end with alike, which leaves
// their distance as it is and makes paths that share a folder cheap to
// compare.
func trimCommon(a, b string) (string, string) {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	for i > 0 && i < len(a) && !utf8.RuneStart(a[i]) || i > 0 && i < len(b) && !utf8.RuneStart(b[i]) {
		i--
	}
	a, b = a[i:], b[i:]
	j := 0
	for j < len(a) && j < len(b) && a[len(a)-1-j] == b[len(b)-1-j] {
		j++
	}
	for j > 0 && !utf8.RuneStart(a[len(a)-j]) {
		j--
	}
	return a[:len(a)-j], b[:len(b)-j]
}

// plural is the English plural of a lowercase word, as section folders
// name their kind (story, stories).
func plural(w string) string {
	if s, ok := strings.CutSuffix(w, "y"); ok {
		return s + "ies"
	}
	return w + "s"
}

// Suggest is the hint for a word that is none of candidates: did you
// mean the closest of them, or, when none is close, the list of them.
func Suggest(word string, candidates []string) string { return suggestOr(word, candidates) }

// suggestOr is suggest, or the list of allowed words when none is close.
func suggestOr(word string, candidates []string) string {
	if h := suggest(word, candidates); h != "" {
		return h
	}
	return "allowed here: " + strings.Join(candidates, ", ")
}

// distance is the Levenshtein edit distance, with a swap of two
// neighbouring letters counted as one edit (the commonest typo).
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

package content

import (
	"fmt"
	"strings"
	"unicode"

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
// candidates, or "".
func suggest(word string, candidates []string) string {
	best, bestDist := "", 0
	for _, c := range candidates {
		if word == c {
			continue
		}
		d := distance(strings.ToLower(word), c)
		if best == "" || d < bestDist {
			best, bestDist = c, d
		}
	}
	if best == "" || bestDist > max(1, min(3, len(best)/3)) {
		return ""
	}
	return fmt.Sprintf("did you mean %q?", best)
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

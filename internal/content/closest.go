package content

import "unicode/utf8"

// Closest returns the candidate nearest to word by edit distance, when
// it is near enough to be the one meant (at most a quarter of its
// letters differ), or "". Candidates whose length alone puts them too
// far are skipped unmeasured, so a long list costs little.
func Closest(word string, candidates []string) string {
	n := utf8.RuneCountInString(word)
	most := max(1, n/4)
	best, bestDist := "", most+1
	for _, c := range candidates {
		if c == word {
			continue
		}
		if d := utf8.RuneCountInString(c) - n; d > most || -d > most {
			continue
		}
		if d := distance(word, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

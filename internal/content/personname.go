package content

import (
	"hash/fnv"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// A person is named by strangers, each in their own way: "Guido van
// Rossum" and "guido  van rossum", "Russell Keith-Magee" and "Russell
// Keith Magee", "Anders Hovmöller" typed in NFC and in NFD. PersonKey
// is the one identity of all such spellings; PersonSlug is the URL
// segment of the person's page. Names that differ in more than that
// ("Letícia Portella" and "Leticia Portella" may be two people) have
// keys of their own: NearNames finds them, for a warning.

// PersonKey is the identity of a person's name: composed Unicode (NFC),
// lower case, hyphens and dashes as spaces, one space between words. A
// slug typed for a name (guido-van-rossum) has the key of the name.
func PersonKey(name string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFC.String(name) {
		if unicode.IsSpace(r) || unicode.Is(unicode.Pd, r) || r == '_' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// maxPersonSlug bounds a slug in bytes, well under a file name's 255.
const maxPersonSlug = 80

// PersonSlug is the URL segment of a person's page, made from their
// name: lowercase ASCII words joined by hyphens, accents dropped and
// Latin letters without a decomposition spelled out (Łukasz Langa →
// lukasz-langa, Søren → soren, Straße → strasse), Greek and Cyrillic
// transliterated (Ελένη → eleni, Юлия → yuliya). Letters of other
// scripts (Chinese, Japanese, Arabic, Devanagari...) are kept as they
// are, composed (NFC) and lowercased, between hyphens: a reader's
// address bar shows 山田太郎 readably, where a hash or a guessed
// romanization would be neither readable nor the person's own name, and
// it follows from the name alone, so it is stable. A name with no
// letter or digit at all has "person-" and a hash of its key.
func PersonSlug(name string) string {
	var b strings.Builder
	hyphen := false
	word := func(s string) {
		if hyphen && b.Len() > 0 {
			b.WriteByte('-')
		}
		hyphen = false
		b.WriteString(s)
	}
	prevKept := false // the last rune was a letter kept as it is: marks after it stay with it
	// ου is one sound, written ou (ELOT 743).
	for _, r := range strings.ReplaceAll(norm.NFD.String(PersonKey(name)), "ου", "ou") {
		switch {
		case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			word(string(r))
			prevKept = false
		case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) || unicode.Is(unicode.Me, r):
			if prevKept {
				b.WriteRune(r)
			}
		case latinLetters[r] != "":
			word(latinLetters[r])
			prevKept = false
		case greekCyrillic[r] != "":
			word(greekCyrillic[r])
			prevKept = false
		case r == 'ъ' || r == 'ь': // Cyrillic signs with no letter of their own
			prevKept = false
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			word(string(r))
			prevKept = !unicode.Is(unicode.Latin, r) && !unicode.Is(unicode.Greek, r) && !unicode.Is(unicode.Cyrillic, r)
		default:
			hyphen, prevKept = true, false
		}
	}
	out := norm.NFC.String(b.String())
	if len(out) > maxPersonSlug {
		cut := maxPersonSlug
		for cut > 0 && !utf8.RuneStart(out[cut]) {
			cut--
		}
		out = strings.TrimRight(out[:cut], "-")
	}
	if out == "" || reservedName(out) {
		h := fnv.New32a()
		h.Write([]byte(PersonKey(name)))
		return "person-" + strconv.FormatUint(uint64(h.Sum32()), 16)
	}
	return out
}

// ValidPersonSlug reports whether s is what PersonSlug makes: hyphenated
// words of letters, digits and their marks, lowercase, composed, never a
// name Windows keeps for devices.
func ValidPersonSlug(s string) bool {
	if s == "" || len(s) > 100 || reservedName(s) || !norm.NFC.IsNormalString(s) || strings.HasPrefix(s, "-") || strings.HasSuffix(s, "-") || strings.Contains(s, "--") {
		return false
	}
	for _, r := range s {
		switch {
		case r == '-':
		case r < utf8.RuneSelf && !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			return false
		case unicode.IsUpper(r) || !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r)):
			return false
		}
	}
	return true
}

// latinLetters are the Latin letters that no decomposition takes to
// ASCII, as they are commonly written without their mark.
var latinLetters = map[rune]string{
	'ł': "l", 'ø': "o", 'ß': "ss", 'æ': "ae", 'œ': "oe", 'đ': "d", 'ð': "d",
	'þ': "th", 'ı': "i", 'ħ': "h", 'ŀ': "l", 'ŧ': "t", 'ŋ': "ng", 'ĸ': "k",
	'ƒ': "f", 'ȷ': "j", 'ɨ': "i", 'ʉ': "u", 'ə': "e", 'ɛ': "e", 'ɔ': "o",
}

// greekCyrillic transliterates the base letters of Greek (after ELOT
// 743, simplified) and Cyrillic (Russian, Ukrainian, Belarusian,
// Serbian and Bulgarian letters, simplified): a name's accents and
// breves are taken off by decomposition first.
var greekCyrillic = map[rune]string{
	'α': "a", 'β': "v", 'γ': "g", 'δ': "d", 'ε': "e", 'ζ': "z", 'η': "i", 'θ': "th",
	'ι': "i", 'κ': "k", 'λ': "l", 'μ': "m", 'ν': "n", 'ξ': "x", 'ο': "o", 'π': "p",
	'ρ': "r", 'σ': "s", 'ς': "s", 'τ': "t", 'υ': "y", 'φ': "f", 'χ': "ch", 'ψ': "ps", 'ω': "o",
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ж': "zh", 'з': "z",
	'и': "i", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r",
	'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh",
	'щ': "shch", 'ы': "y", 'э': "e", 'ю': "yu", 'я': "ya", 'і': "i", 'є': "ye", 'ґ': "g",
	'ђ': "dj", 'ј': "j", 'љ': "lj", 'њ': "nj", 'ћ': "c", 'џ': "dz", 'ѕ': "dz",
}

// NameMatch is why two names are probably one person's.
type NameMatch int

const (
	// ButForAccents: the same letters but for accents or punctuation
	// (their slugs are one).
	ButForAccents NameMatch = iota + 1
	// WordOrder: the same words in another order.
	WordOrder
	// OneEdit: one letter added, dropped, changed or two swapped.
	OneEdit
)

// String is the reason as a message says it.
func (m NameMatch) String() string {
	switch m {
	case ButForAccents:
		return "the names differ only in accents or punctuation"
	case WordOrder:
		return "the names have the same words in another order"
	case OneEdit:
		return "the names are one letter apart"
	}
	return ""
}

// NamePair is two of the keys given to NearNames, by index, A < B.
type NamePair struct {
	A, B int
	Why  NameMatch
}

// minEditRunes is the shortest key compared for one edit: in a short
// name one letter is a name of its own (Jan, Jon).
const minEditRunes = 10

// NearNames returns the pairs of keys (PersonKey values, each once) that
// are probably one person's, each pair once with its first reason,
// sorted. It never compares every pair: keys meet in buckets of their
// slug, of their sorted words, and of their one-deletion neighbourhood
// (a key and each key with one rune dropped: two keys one edit apart
// share one), so 15,000 names cost about fifteen map entries each.
func NearNames(keys []string) []NamePair {
	seen := map[[2]int]bool{}
	var out []NamePair
	pair := func(a, b int, why NameMatch) {
		if a == b {
			return
		}
		if a > b {
			a, b = b, a
		}
		if seen[[2]int{a, b}] {
			return
		}
		seen[[2]int{a, b}] = true
		out = append(out, NamePair{a, b, why})
	}
	meet := func(bucket map[string][]int, key string, i int, why NameMatch, ok func(j int) bool) {
		for _, j := range bucket[key] {
			if ok == nil || ok(j) {
				pair(j, i, why)
			}
		}
		bucket[key] = append(bucket[key], i)
	}
	slugs := make([]string, len(keys))
	bySlug, byWords := map[string][]int{}, map[string][]int{}
	for i, k := range keys {
		slugs[i] = PersonSlug(k)
		meet(bySlug, slugs[i], i, ButForAccents, nil)
	}
	for i := range keys {
		words := strings.Split(slugs[i], "-")
		if len(words) < 2 {
			continue
		}
		slices.Sort(words)
		meet(byWords, strings.Join(words, " "), i, WordOrder, func(j int) bool { return slugs[j] != slugs[i] })
	}
	// Deletion neighbourhoods: each variant holds the keys it comes
	// from and the rune dropped (-1: the key itself). Two keys one edit
	// apart share a variant: the shorter key itself, the rune both drop
	// for a changed letter, or neighbouring ones for two swapped; keys
	// that share only a variant of runes far apart are two edits apart,
	// told without measuring.
	type from struct{ key, at int }
	byDeletion := make(map[string][]from, 16*len(keys))
	for i, k := range keys {
		rs := []rune(k)
		if len(rs) < minEditRunes || strings.ContainsFunc(k, unicode.IsDigit) {
			continue // a number is no typo of another
		}
		add := func(v string, at int) {
			for _, o := range byDeletion[v] {
				if o.key == i {
					continue
				}
				if o.at < 0 || at < 0 || o.at == at || (o.at-at == 1 || at-o.at == 1) && distance(keys[o.key], k) <= 1 {
					pair(o.key, i, OneEdit)
				}
			}
			byDeletion[v] = append(byDeletion[v], from{i, at})
		}
		add(k, -1)
		for d := range rs {
			add(string(rs[:d])+string(rs[d+1:]), d)
		}
	}
	slices.SortFunc(out, func(a, b NamePair) int {
		if a.A != b.A {
			return a.A - b.A
		}
		return a.B - b.B
	})
	return out
}

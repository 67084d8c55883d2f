package content

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestPersonKeyAndSlug(t *testing.T) {
	for _, tc := range []struct {
		name, key, slug string
	}{
		{"Guido van Rossum", "guido van rossum", "guido-van-rossum"},
		{"Guido Van Rossum", "guido van rossum", "guido-van-rossum"},
		{"  Guido   van\tRossum ", "guido van rossum", "guido-van-rossum"},
		{"guido-van-rossum", "guido van rossum", "guido-van-rossum"},
		{"Russell Keith-Magee", "russell keith magee", "russell-keith-magee"},
		{"Russell Keith Magee", "russell keith magee", "russell-keith-magee"},
		{"Russell Keith–Magee", "russell keith magee", "russell-keith-magee"}, // an en dash
		{"Saket  Bhushan", "saket bhushan", "saket-bhushan"},
		{"Anders Hovm\u00f6ller", "anders hovm\u00f6ller", "anders-hovmoller"},  // NFC
		{"Anders Hovmo\u0308ller", "anders hovm\u00f6ller", "anders-hovmoller"}, // NFD
		{"Łukasz Langa", "łukasz langa", "lukasz-langa"},
		{"Letícia Portella", "letícia portella", "leticia-portella"},
		{"Leticia Portella", "leticia portella", "leticia-portella"},
		{"Søren Straße", "søren straße", "soren-strasse"},
		{"Ævar Arnfjörð Bjarmason", "ævar arnfjörð bjarmason", "aevar-arnfjord-bjarmason"},
		{"Kenneth O'Brien Jr.", "kenneth o'brien jr.", "kenneth-o-brien-jr"},
		{"Ελένη Παπαδοπούλου", "ελένη παπαδοπούλου", "eleni-papadopoulou"},
		{"Юлия Ёлкина", "юлия ёлкина", "yuliya-elkina"},
		{"山田 太郎", "山田 太郎", "山田-太郎"},
		{"日本語", "日本語", "日本語"},
		{"李 Wei", "李 wei", "李-wei"},
		{"हिन्दी नाम", "हिन्दी नाम", "हिन्दी-नाम"}, // marks stay with their letters
		{"CON", "con", "person-" + fnvHex("con")},
		{"???", "???", "person-" + fnvHex("???")},
	} {
		if got := PersonKey(tc.name); got != tc.key {
			t.Errorf("PersonKey(%q) = %q, want %q", tc.name, got, tc.key)
		}
		got := PersonSlug(tc.name)
		if got != tc.slug {
			t.Errorf("PersonSlug(%q) = %q, want %q", tc.name, got, tc.slug)
		}
		if !ValidPersonSlug(got) {
			t.Errorf("PersonSlug(%q) = %q, which ValidPersonSlug refuses", tc.name, got)
		}
	}
}

func fnvHex(key string) string {
	h := uint32(2166136261)
	for i := range len(key) {
		h ^= uint32(key[i])
		h *= 16777619
	}
	return fmt.Sprintf("%x", h)
}

func TestValidPersonSlug(t *testing.T) {
	for s, want := range map[string]bool{
		"ada": true, "ada-lovelace": true, "山田-太郎": true, "": false, "-ada": false, "ada-": false,
		"ada--b": false, "Ada": false, "a/b": false, "a.b": false, "..": false, "nul": false, "a b": false,
		"Ελένη": false, "ελένη": true, "hovmo\u0308ller": false,
	} {
		if got := ValidPersonSlug(s); got != want {
			t.Errorf("ValidPersonSlug(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestNearNames(t *testing.T) {
	names := []string{
		"Letícia Portella", "Leticia Portella", // 0, 1: accents
		"Guido van Rossum", "van Rossum Guido", // 2, 3: word order
		"Guido van Rosum",        // 4: one edit from 2
		"Jon Smith", "Jan Smith", // 5, 6: too short to be one edit
		"Carol Willing", "Carol Wiling", // 7, 8: one deletion
		"Brett Cannon", "Brett Cannno", // 9, 10: two letters swapped
		"Ada Lovelace", "Grace Hopper", // 11, 12: nothing alike
	}
	keys := make([]string, len(names))
	for i, n := range names {
		keys[i] = PersonKey(n)
	}
	var got []string
	for _, p := range NearNames(keys) {
		got = append(got, fmt.Sprintf("%d-%d %s", p.A, p.B, p.Why))
	}
	want := []string{
		"0-1 " + ButForAccents.String(),
		"2-3 " + WordOrder.String(),
		"2-4 " + OneEdit.String(),
		"7-8 " + OneEdit.String(),
		"9-10 " + OneEdit.String(),
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("pairs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestNearNamesAtScale: 15,000 names, a few of them near one another,
// are compared without comparing every pair (which would take minutes
// at this size with the edit distance).
func TestNearNamesAtScale(t *testing.T) {
	// 15,000 names of made-up syllables, two letters apart at least.
	syll := []string{"ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "we", "zu", "ba", "de"}
	word := func(n int) string {
		w := ""
		for range 3 {
			w += syll[n%len(syll)]
			n /= len(syll)
		}
		return strings.ToUpper(w[:1]) + w[1:]
	}
	var keys []string
	for i := range 15000 {
		keys = append(keys, PersonKey(word(i%1728)+" "+word(i/1728+i%7*11)+"son"))
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	n := len(keys)
	// One edit from a key above, and a swap of two letters.
	keys = append(keys, keys[10][:len(keys[10])-1], keys[20][:3]+keys[20][4:5]+keys[20][3:4]+keys[20][5:])
	var found []string
	for _, p := range NearNames(keys) {
		if p.B >= n {
			found = append(found, keys[p.A]+" ~ "+keys[p.B])
		}
	}
	if len(found) < 2 {
		t.Errorf("near pairs of the added names: %q; want one each", found)
	}
}

func FuzzPersonSlug(f *testing.F) {
	for _, s := range []string{"Guido van Rossum", "Łukasz Langa", "山田 太郎", "Anders Hovmo\u0308ller", "---", "a\u0301\u0301", "ǅ", "ﬃ", "ΐ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		key := PersonKey(name)
		if PersonKey(key) != key {
			t.Errorf("PersonKey is not idempotent on %q: %q, then %q", name, key, PersonKey(key))
		}
		slug := PersonSlug(name)
		if !ValidPersonSlug(slug) {
			t.Errorf("PersonSlug(%q) = %q, not a valid segment", name, slug)
		}
		if PersonSlug(key) != slug {
			t.Errorf("the slug of %q is %q, of its key %q", name, slug, PersonSlug(key))
		}
	})
}

package corpus

import (
	"regexp"
	"slices"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// TestNameLists: the lists keep speakers apart. Within a list two names
// differ in two letters or more once accents are folded; no name is in
// two lists; each is NFC and folds to ASCII letters.
func TestNameLists(t *testing.T) {
	given := slices.Concat(givenShe, givenHe)
	seen := map[string]string{}
	for _, list := range [][]string{given, family} {
		for i, a := range list {
			if !norm.NFC.IsNormalString(a) {
				t.Errorf("%q is not NFC", a)
			}
			if s := slug(a); !regexp.MustCompile(`^[a-z]+(-[a-z]+)*$`).MatchString(s) {
				t.Errorf("%q has the slug %q", a, s)
			}
			if other, ok := seen[fold(a)]; ok {
				t.Errorf("%q and %q fold alike", a, other)
			}
			seen[fold(a)] = a
			for _, b := range list[i+1:] {
				if withinOne(fold(a), fold(b)) {
					t.Errorf("%q and %q are one edit apart", a, b)
				}
			}
		}
	}
}

func TestWithinOne(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"ana silva", "ana silva", true}, {"ana silva", "ana silvo", true}, {"ana silva", "anna silva", true},
		{"ana silva", "ana silv", true}, {"", "a", true}, {"ab", "ba", false}, {"ana silva", "ana salvo", false},
		{"ana silva", "ana silvaaa", false}, {"nick", "rick", true}, {"nick", "rock", false},
	} {
		if got := withinOne(tt.a, tt.b); got != tt.want {
			t.Errorf("withinOne(%q, %q) = %v", tt.a, tt.b, got)
		}
		if got := withinOne(tt.b, tt.a); got != tt.want {
			t.Errorf("withinOne(%q, %q) = %v", tt.b, tt.a, got)
		}
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Łukasz Langa":        "lukasz-langa",
		"Letícia Ólafsdóttir": "leticia-olafsdottir",
		"Anders Hovmöller":    "anders-hovmoller",
		"Ana van der Berg":    "ana-van-der-berg",
		"Søren Nguyễn":        "soren-nguyen",
		"  Jiří  Dvořák ":     "jiri-dvorak",
	} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}

// withinOne reports whether a and b (ASCII) are one edit apart or
// equal: a letter changed, added or taken away.
func withinOne(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if len(a) == len(b) {
		return a[min(i+1, len(a)):] == b[min(i+1, len(b)):]
	}
	return a[i:] == b[i+1:]
}

package site

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/storyhub/storyhub/internal/content"
)

// TestPeople: names that are one person's make one person, listing what
// they wrote, gave and keep, newest first; a profile names them and
// takes its other spellings; a slug written for a name is the profile's
// person.
func TestPeople(t *testing.T) {
	s, msgs := newSite(t, Config{Title: "Hub", BaseURL: "https://hub.example.org/"}, Options{Now: now},
		doc(t, "content/stories/a.md", "---\ntitle: A\nsummary: s\ndate: 2026-01-01\nauthors: [Anders Hovm\u00f6ller, Guido Van Rossum]\n---\n"),
		doc(t, "content/stories/b.md", "---\ntitle: B\nsummary: s\ndate: 2026-02-01\nauthors: [\"anders  hovmo\u0308ller\", {name: Anders Hovm\u00f6ller, url: https://anders.example/}]\n---\n"),
		doc(t, "content/decks/d.md", "---\ntitle: D\nsummary: s\ndate: 2026-03-01\nspeakers: [guido, Anders Hovm\u00f6ller]\nfiles: [/f.pdf]\nlicense: CC0-1.0\n---\n"),
		doc(t, "content/talking-points/t.md", "---\ntitle: T\nsummary: s\ndate: 2026-01-15\ncommunity: python\nowners: [Łukasz Langa]\n---\n"),
		doc(t, "content/people/guido.md", "---\nname: Guido van Rossum\nalso_known_as: [Guido Van Rossum]\nurl: https://gvanrossum.example/\n---\nBDFL emeritus.\n"),
	)
	if len(msgs) > 0 {
		t.Fatalf("problems: %v", msgs)
	}
	var got []string
	for _, x := range s.People {
		var pages []string
		for _, p := range x.Pages {
			pages = append(pages, p.Slug)
		}
		got = append(got, fmt.Sprintf("%s %s %s %s w%d g%d k%d %s", x.Letter, x.Name, x.URL, x.Link, len(x.Wrote), len(x.Gave), len(x.Keeps), strings.Join(pages, ",")))
	}
	want := []string{
		"A Anders Hovmöller /people/anders-hovmoller/ https://anders.example/ w2 g1 k0 d,b,a",
		"G Guido van Rossum /people/guido/ https://gvanrossum.example/ w1 g1 k0 d,a",
		"L Łukasz Langa /people/lukasz-langa/  w0 g0 k1 t",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("people:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if x := s.Pages[0].PersonOf("guido"); x == nil || x.Profile == nil || s.Person("guido") != x {
		t.Errorf("the deck's guido is %+v", x)
	}
}

// TestPeopleOfOneSlug: names of one slug that are not one person (the
// same letters but for accents) have pages of their own, the plain name
// keeping the plain slug, and are warned about at each file and line.
func TestPeopleOfOneSlug(t *testing.T) {
	s, msgs := newSite(t, Config{Title: "Hub"}, Options{Now: now},
		doc(t, "content/stories/a.md", "---\ntitle: A\nsummary: s\ndate: 2026-01-01\nauthors:\n  - Letícia Portella\n---\n"),
		doc(t, "content/stories/b.md", "---\ntitle: B\nsummary: s\ndate: 2026-02-01\nauthors: [Ada]\n---\n"),
		doc(t, "content/stories/c.md", "---\ntitle: C\nsummary: s\ndate: 2026-02-01\nauthors: [Ada, Leticia Portella]\n---\n"),
	)
	var urls []string
	for _, x := range s.People {
		urls = append(urls, x.URL)
	}
	if got := strings.Join(urls, " "); !strings.HasPrefix(got, "/people/ada/ /people/leticia-portella/ /people/leticia-portella-") {
		t.Errorf("URLs %s", got)
	}
	want := `warning: content/stories/a.md:6:5: "Letícia Portella" may be "Leticia Portella", written at content/stories/c.md:5:16: the names differ only in accents or punctuation` +
		` (if they are one person, add content/people/leticia-portella.md with name: Leticia Portella and also_known_as: [Letícia Portella]; if they are two, give each a profile)`
	if strings.Join(msgs, "\n") != want {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), want)
	}
}

// TestNearNamesKept checks that the memo's near names follow the keys:
// the same pairs for the same keys, new ones when a name changes.
func TestNearNamesKept(t *testing.T) {
	memo := NewMemo()
	for _, tt := range []struct {
		keys  []string
		pairs int
	}{
		{[]string{"guido van rossum", "guido vanrossum", "ada lovelace"}, 1},
		{[]string{"guido van rossum", "guido vanrossum", "ada lovelace"}, 1},
		{[]string{"guido van rossum", "grace hopper", "ada lovelace"}, 0},
		{[]string{"grace hopper", "ada lovelace", "ada lovelase"}, 1},
		{nil, 0},
	} {
		keys, want := tt.keys, content.NearNames(tt.keys)
		if len(want) != tt.pairs {
			t.Fatalf("NearNames(%q) = %v: the case wants %d pairs", keys, want, tt.pairs)
		}
		if got := memo.nearNames(slices.Clone(keys)); !reflect.DeepEqual(got, want) {
			t.Errorf("nearNames(%q) = %v, want %v", keys, got, want)
		}
	}
}

package content

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// TestKindTableCheck: the hub's table is sound, and each way a table
// can be unusable is named.
func TestKindTableCheck(t *testing.T) {
	if err := DefaultKinds().Check(); err != nil {
		t.Fatalf("the hub's table: %v", err)
	}
	tale := func(edit func(k *KindSpec)) KindTable {
		k := KindSpec{Section: "tales", Name: "tale", Phrase: "a tale", Title: "Tales", Template: "tale"}
		edit(&k)
		return append(DefaultKinds(), k)
	}
	field := func(name string) Field {
		for _, f := range DefaultKinds()[Deck].Fields {
			if f.Name == name {
				return f
			}
		}
		t.Fatalf("decks have no %s", name)
		return Field{}
	}
	tests := []struct {
		name  string
		kinds KindTable
		want  string
	}{
		{"empty", KindTable{}, "the table is empty"},
		{"no template", tale(func(k *KindSpec) { k.Template = "" }), `kind "tales" needs a name, phrase, title and template`},
		{"folder not a slug", tale(func(k *KindSpec) { k.Section = "Tales/../x" }), `folder "Tales/../x" of tale is not a slug`},
		{"reserved folder", tale(func(k *KindSpec) { k.Section = "con" }), `folder "con" of tale is not a slug`},
		{"folder twice", tale(func(k *KindSpec) { k.Section = "decks" }), `deck and tale have the folder "decks"`},
		{"name twice", tale(func(k *KindSpec) { k.Name = "guide" }), `guides/ and tales/ have the name "guide"`},
		{"common field again", tale(func(k *KindSpec) { k.Fields = DefaultKinds()[Story].Schema()[:1] }), `tale has the field "title" twice`},
		{"alias of nothing", tale(func(k *KindSpec) { k.Fields = []Field{field("audience")} }), `tale's field "audience" is another name for "community", which is not a field`},
		{"field without decoding", tale(func(k *KindSpec) { k.Fields = []Field{{Name: "mood"}} }), `field "mood" of tale reads nothing`},
		{"scaffold of no field", tale(func(k *KindSpec) { k.Scaffold.Fields = []Preset{{Key: "speakers"}} }), `the new-entry fields of tale name "speakers", which is not a field`},
		{"common field of no name", tale(func(k *KindSpec) { k.Common = map[string]bool{"mood": false} }), `tale takes the common field "mood", which is not one`},
		{"describing kind with a feed", tale(func(k *KindSpec) { k.Describes, k.Feed = PeopleIndex, true }), `tale describes an index's keys, so it has no feed`},
		{"people not scaffolded", tale(func(k *KindSpec) { k.Fields, k.Scaffold.People = []Field{field("speakers")}, "speakers" }), `the new-entry fields of tale lack "speakers"`},
	}
	for _, tt := range tests {
		err := tt.kinds.Check()
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
	if err := tale(func(k *KindSpec) {
		k.Template = "story"
		k.Fields = []Field{field("speakers"), field("community"), field("audience")}
	}).Check(); err != nil {
		t.Errorf("a kind with the story template and fields of decks: %v", err)
	}
}

// TestNewSectionIsLoaded: a kind added to the table is a section of the
// tree, decoded with its own fields and named in its problems.
func TestNewSectionIsLoaded(t *testing.T) {
	kinds := append(DefaultKinds(), KindSpec{Section: "tales", Name: "tale", Phrase: "a tale", Title: "Tales", Template: "tale",
		Fields: DefaultKinds()[Story].Fields[:1]}) // authors
	docs, errs := Load(fstest.MapFS{
		"content/tales/a.md": {Data: []byte("---\ntitle: A\nsummary: S.\ndate: 2026-01-01\nauthors: [Ada]\n---\n")},
		"content/tales/b.md": {Data: []byte("---\ntitle: B\nsummary: S.\ndate: 2026-01-01\nspeakers: [Ada]\n---\n")},
		"content/poems/c.md": {Data: []byte("---\ntitle: C\n---\n")},
	}, kinds)
	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
	}
	var folders []string
	for _, k := range kinds {
		folders = append(folders, k.Section+"/")
	}
	want := []string{
		`content/poems: "poems" is not a section of the site (content goes in content/` + OrList(folders) + `)`,
		`content/tales/b.md:1:1: missing required field "authors" for a tale (add authors: who wrote it: names, or {name, url})`,
		`content/tales/b.md:5:1: unknown key "speakers" for a tale (speakers is a field of a deck, not of a tale)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(docs) != 2 || docs[0].Kind != Kind(len(kinds)-1) || docs[0].Authors[0].Name != "Ada" {
		t.Errorf("documents %+v", docs)
	}
}

// TestCommonFieldsOfAKind: a kind that names its common fields takes
// those alone, required as it says; the others are unknown keys.
func TestCommonFieldsOfAKind(t *testing.T) {
	kinds := append(DefaultKinds(), KindSpec{Section: "tales", Name: "tale", Phrase: "a tale", Title: "Tales", Template: "tale",
		Describes: PeopleIndex, Common: map[string]bool{"title": true, "date": false}})
	var names []string
	for _, f := range kinds[len(kinds)-1].Schema() {
		names = append(names, fmt.Sprintf("%s:%v", f.Name, f.Required))
	}
	if got := strings.Join(names, " "); got != "title:true date:false" {
		t.Errorf("schema %s, want title:true date:false", got)
	}
	_, errs := Load(fstest.MapFS{
		"content/tales/a.md": {Data: []byte("---\ntitle: A\n---\n")},
		"content/tales/b.md": {Data: []byte("---\ndate: 2026-01-01\nsummary: S.\n---\n")},
	}, kinds)
	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
	}
	want := []string{
		`content/tales/b.md:1:1: missing required field "title" for a tale (add title: the headline, shown on the page, cards and feeds)`,
		`content/tales/b.md:3:1: unknown key "summary" for a tale (summary is a field of a story, a deck, talking points, a guide, an event or a group, not of a tale)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestOrList(t *testing.T) {
	for in, want := range map[string]string{"": "", "a": "a", "a b": "a or b", "a b c": "a, b or c"} {
		if got := OrList(strings.Fields(in)); got != want {
			t.Errorf("OrList(%q) = %q, want %q", in, got, want)
		}
	}
}

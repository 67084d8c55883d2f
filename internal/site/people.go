package site

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/storyhub/storyhub/internal/content"
)

// PeopleURL is the folder of people's pages, /people/<slug>/, and of
// their list.
const PeopleURL = "/people/"

// Person is everyone a name in entries stands for (the authors,
// speakers and owners whose names have one content.PersonKey, or one
// profile's name or also_known_as), with a page at URL.
type Person struct {
	Key  string // content.PersonKey of the name
	Slug string
	// Name is as it is shown: the profile's, else the spelling most
	// entries use (of equally many, the oldest entry's).
	Name string
	URL  string // /people/<slug>/
	// Profile is the person's profile entry (a page of site.Described),
	// nil when they have none.
	Profile *Page
	// Link is their own site: the profile's url, else the first url an
	// entry gives with their name.
	Link  string
	Roles []PersonRole
	// Wrote, Gave and Keeps are the stories, decks and talking points
	// naming them, and Pages all three, newest first (what their feed
	// holds); Organizes are the groups naming them as organizers, by
	// name, which are not publications.
	Wrote, Gave, Keeps, Organizes, Pages []*Page
	// Spellings are the ways entries write the name, each with where it
	// is first written, in the order first seen.
	Spellings []Spelling
	// Letter is the initial the list of people files them under: A to
	// Z, or # for a name that starts with neither.
	Letter string

	order string // what the list of people sorts by
	named bool   // Name is the profile's
}

// PersonRole is a part a person plays, with the community it is for
// (nil for the whole hub, or a community the site does not have).
type PersonRole struct {
	Role      string // content.Roles
	Name      string // as readers see it: Ambassador
	Community *Community
}

// Spelling is one way entries write a person's name.
type Spelling struct {
	Name  string
	Pos   content.Pos // where it is first written
	Count int         // how many times it is written
	ref   bool        // written as a slug (guido-van-rossum): shown only for want of a name
}

// PersonOf is the person a name on the page (an author, speaker or
// owner, as written) stands for; nil for a name the page does not have.
func (p *Page) PersonOf(name string) *Person {
	for _, n := range p.people {
		if n.name == name {
			return n.person
		}
	}
	return nil
}

// namedPerson is a name as a page writes it and the person it is: a page
// names a few, so a list is smaller than a map and as fast.
type namedPerson struct {
	name   string
	person *Person
}

// Person is the person whose page is at slug, or nil.
func (s *Site) Person(slug string) *Person { return s.personBySlug[slug] }

// people makes Site.People: a person for each profile and for each
// name an entry gives, one for names that are one person's, and warns
// of two people who are probably one.
func (s *Site) people(memo *Memo, errs *content.ErrorList) {
	byKey := map[string]*Person{}
	profileOf := map[string]*Person{} // by the profile's slug
	s.personBySlug = map[string]*Person{}
	var all []*Person
	for _, p := range s.Described {
		if s.Kinds[p.Kind].Describes != content.PeopleIndex {
			continue
		}
		prof := p.Profile
		person := &Person{Key: content.PersonKey(prof.Name), Slug: p.Slug, Name: norm.NFC.String(prof.Name), Profile: p, Link: prof.URL, named: true}
		claim := func(key string, pos content.Pos, what string) bool {
			if other, ok := byKey[key]; ok && other != person {
				errs.Add(pos, fmt.Sprintf("%s %q is also the name of %s", what, key, other.Profile.Path),
					"one person has one profile: merge the two, or remove the name from one")
				return false
			}
			byKey[key] = person
			return true
		}
		if !claim(person.Key, p.FieldPos("name"), "name") {
			continue
		}
		for i, aka := range prof.AlsoKnownAs {
			claim(content.PersonKey(aka), prof.AlsoKnownAsPos[i], "also_known_as")
		}
		profileOf[p.Slug] = person
		for _, r := range prof.Roles {
			person.Roles = append(person.Roles, s.role(r, errs))
		}
		all = append(all, person)
	}
	for _, p := range s.Pages {
		var organizers []content.Person
		if g := p.Doc.Group; g != nil {
			organizers = g.Organizers
		}
		for _, field := range []struct {
			names []content.Person
			list  func(*Person) *[]*Page
			dated bool // the page is a publication, in Pages
		}{
			{p.Authors, func(x *Person) *[]*Page { return &x.Wrote }, true},
			{p.Speakers, func(x *Person) *[]*Page { return &x.Gave }, true},
			{p.Owners, func(x *Person) *[]*Page { return &x.Keeps }, true},
			{organizers, func(x *Person) *[]*Page { return &x.Organizes }, false},
		} {
			for _, named := range field.names {
				person, ref := profileOf[named.Name], true
				if person == nil {
					key := content.PersonKey(named.Name)
					if key == "" {
						continue
					}
					ref = false
					if person = byKey[key]; person == nil {
						person = &Person{Key: key}
						byKey[key] = person
						all = append(all, person)
					}
				}
				if p.PersonOf(named.Name) == nil {
					p.people = append(p.people, namedPerson{named.Name, person})
				}
				person.spell(named, ref)
				if person.Link == "" {
					person.Link = named.URL
				}
				if l := field.list(person); len(*l) == 0 || (*l)[len(*l)-1] != p {
					*l = append(*l, p)
				}
				if field.dated && (len(person.Pages) == 0 || person.Pages[len(person.Pages)-1] != p) {
					person.Pages = append(person.Pages, p)
				}
			}
		}
	}
	for _, person := range all {
		if !person.named {
			person.Name = person.shownName()
		}
	}
	s.personSlugs(all)
	for _, person := range all {
		person.URL = PeopleURL + person.Slug + "/"
		person.order = strings.ReplaceAll(content.PersonSlug(person.Name), "-", " ") + "\x00" + person.Key
		person.Letter = "#"
		if c := person.order[0]; c >= 'a' && c <= 'z' {
			person.Letter = string(c - 'a' + 'A')
		}
		s.personBySlug[person.Slug] = person
	}
	slices.SortFunc(all, func(a, b *Person) int {
		return cmp.Or(cmp.Compare(boolByte(a.Letter == "#"), boolByte(b.Letter == "#")), strings.Compare(a.order, b.order), strings.Compare(a.Slug, b.Slug))
	})
	s.People = all
	// Each community's ambassadors, in the list's order (by name).
	for _, person := range all {
		for _, r := range person.Roles {
			if c := r.Community; r.Role == "ambassador" && c != nil && !slices.Contains(c.Ambassadors, person) {
				c.Ambassadors = append(c.Ambassadors, person)
			}
		}
	}
	s.nearPeople(memo, errs)
}

// spell counts one writing of the person's name.
func (x *Person) spell(named content.Person, ref bool) {
	name := strings.Join(strings.Fields(norm.NFC.String(named.Name)), " ")
	for i := range x.Spellings {
		if x.Spellings[i].Name == name {
			x.Spellings[i].Count++
			return
		}
	}
	x.Spellings = append(x.Spellings, Spelling{Name: name, Pos: named.Pos, Count: 1, ref: ref})
}

// shownName is the spelling written most often, of equally many the
// one of the oldest entry (seen last, newest first), which a new entry
// does not change; a slug typed for the name only when there is no
// other.
func (x *Person) shownName() string {
	best := -1
	for i, sp := range x.Spellings {
		if best < 0 || x.Spellings[best].ref && !sp.ref || sp.ref == x.Spellings[best].ref && sp.Count >= x.Spellings[best].Count {
			best = i
		}
	}
	if best < 0 {
		return x.Key
	}
	return x.Spellings[best].Name
}

// personSlugs gives each person a slug of their own. A profile's is its
// file name; the others', their name's (content.PersonSlug). Where two
// people would have one, the profile keeps it, else the person whose
// name is the slug's words with no accent or punctuation, else the
// first by key; the others' slug ends in a hash of their key, which
// stays as long as the name does.
func (s *Site) personSlugs(all []*Person) {
	bySlug := map[string][]*Person{}
	for _, x := range all {
		if x.Profile == nil {
			x.Slug = content.PersonSlug(x.Key)
		}
		bySlug[x.Slug] = append(bySlug[x.Slug], x)
	}
	for slug, claimants := range bySlug {
		if len(claimants) < 2 {
			continue
		}
		rank := func(x *Person) int {
			switch {
			case x.Profile != nil:
				return 0
			case strings.ReplaceAll(x.Key, " ", "-") == slug:
				return 1
			}
			return 2
		}
		slices.SortFunc(claimants, func(a, b *Person) int { return cmp.Or(cmp.Compare(rank(a), rank(b)), strings.Compare(a.Key, b.Key)) })
		for _, x := range claimants[1:] {
			if x.Profile != nil {
				continue // two profiles of one file name cannot be
			}
			h := fnv.New32a()
			h.Write([]byte(x.Key))
			x.Slug = slug + "-" + strconv.FormatUint(uint64(h.Sum32()), 16)
		}
	}
}

// role is a profile's role with its community: one site.toml lists,
// when it lists any, else a slug.
func (s *Site) role(r content.Role, errs *content.ErrorList) PersonRole {
	out := PersonRole{Role: r.Role, Name: content.RoleName(r.Role)}
	if r.Community == "" {
		return out
	}
	i := slices.IndexFunc(s.Communities, func(c *Community) bool { return c.Slug == r.Community })
	if i >= 0 {
		out.Community = s.Communities[i]
		return out
	}
	if listed := sortedKeys(s.Config.Communities); len(listed) > 0 {
		hint := "add it under [communities] in site.toml, or use one of: " + strings.Join(listed, ", ")
		if h := suggestName(r.Community, listed); h != "" {
			hint = h
		}
		errs.Add(r.Pos, fmt.Sprintf("community %q is not listed in site.toml", r.Community), hint)
	} else if !content.ValidSlug(r.Community) {
		errs.Add(r.Pos, fmt.Sprintf("community %q is not a slug", r.Community), fmt.Sprintf("try %q", content.Slugify(r.Community)))
	}
	return out
}

// nearPeople warns of two people whose names are probably one person's
// (content.NearNames), at the spelling of the one with fewer entries,
// naming where the other is written, and suggests the profile that
// makes them one. Two people with a profile each are two people.
func (s *Site) nearPeople(memo *Memo, errs *content.ErrorList) {
	keys := make([]string, len(s.People))
	for i, x := range s.People {
		keys[i] = x.Key
	}
	for _, pair := range memo.nearNames(keys) {
		a, b := s.People[pair.A], s.People[pair.B]
		if a.Profile != nil && b.Profile != nil {
			continue
		}
		// a is the one that stays: the one with a profile, else more entries.
		if b.Profile != nil || a.Profile == nil && len(b.Pages) > len(a.Pages) {
			a, b = b, a
		}
		if len(b.Spellings) == 0 {
			continue
		}
		var where content.Pos
		if a.Profile != nil {
			where = a.Profile.FieldPos("name")
		} else {
			where = a.Spellings[0].Pos
		}
		hint := fmt.Sprintf("if they are one person, add content/people/%s.md with name: %s and also_known_as: [%s]; if they are two, give each a profile", a.Slug, content.YAMLScalar(a.Name), content.YAMLScalar(b.Name))
		if a.Profile != nil {
			hint = fmt.Sprintf("if they are one person, add %q under also_known_as in %s; if they are two, give %s a profile too", b.Name, a.Profile.Path, b.Name)
		}
		errs.Warn(b.Spellings[0].Pos, fmt.Sprintf("%q may be %q, written at %s: %s", b.Name, a.Name, where, pair.Why), hint)
	}
}

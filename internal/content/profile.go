package content

import (
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// Profile is what a person's profile entry (content/people/<slug>.md)
// says of them; the body is their bio, the file name their slug.
type Profile struct {
	Name string
	// AlsoKnownAs are other spellings of the name, merged into the
	// person; AlsoKnownAsPos is where each is written.
	AlsoKnownAs    []string
	AlsoKnownAsPos []Pos
	Pronouns       string
	URL            string
	Links          []Link
	Roles          []Role
}

// Role is a part a person plays for a community: an ambassador of it.
type Role struct {
	Role      string // one of Roles
	Community string // a community's slug, checked by the site; "" for the whole hub
	Pos       Pos
}

// Roles are the parts a profile may name.
var Roles = []string{"ambassador", "organizer", "speaker-coach", "mentor"}

// RoleName is a role as readers see it: Speaker coach.
func RoleName(role string) string { return LevelName(strings.ReplaceAll(role, "-", " ")) }

// profileKind is the kind of people's profiles: entries that describe
// the keys of the people index (see KindSpec.Describes), with no title,
// summary or date of their own.
func profileKind() KindSpec {
	p := func(d *Doc) *Profile { return d.Profile }
	return KindSpec{
		Section: "people", Name: "person", Phrase: "a person's profile", Title: "People",
		Summary:  "Everyone who wrote, gave or keeps something on the hub.",
		Template: "person", Describes: PeopleIndex,
		Common: map[string]bool{"image": false, "image_alt": false, "draft": false},
		Fields: []Field{
			text("name", "the person's name, as it is shown", true, func(d *Doc) *string { return &p(d).Name }),
			alsoKnownAs(),
			text("pronouns", "how to refer to them, like she/her", false, func(d *Doc) *string { return &p(d).Pronouns }),
			webURL("url", "their own site", func(d *Doc) *string { return &p(d).URL }),
			links(),
			roles(),
		},
		Parts: func(d *Doc) { d.Profile = &Profile{} },
	}
}

func alsoKnownAs() Field {
	return placedStrings("also_known_as", "other spellings of the name in entries: they are this person", func(d *Doc) (*[]string, *[]Pos) {
		return &d.Profile.AlsoKnownAs, &d.Profile.AlsoKnownAsPos
	})
}

// placedStrings is a list of strings each kept with where it is
// written, for the site's later checks of each (blank items are
// dropped, the others trimmed).
func placedStrings(name, doc string, dst func(*Doc) (*[]string, *[]Pos)) Field {
	return field(name, "list of strings", doc, false, func(d *Doc, n *yaml.Node, e *decodeErrs) {
		values, places := dst(d)
		list(n, name, e, func(c *yaml.Node) {
			if s, ok := scalar(c, name+" item", e); ok && strings.TrimSpace(s) != "" {
				*values = append(*values, strings.TrimSpace(s))
				*places = append(*places, Pos{File: e.file, Line: c.Line, Col: c.Column})
			}
		})
	})
}

func links() Field {
	return field("links", "list of {name, url}", "elsewhere on the web: [{name: Mastodon, url: https://...}]", false, func(d *Doc, n *yaml.Node, e *decodeErrs) {
		list(n, "links", e, func(c *yaml.Node) {
			l, ok := decodeLink(c, "links", e, nil)
			if !ok {
				return
			}
			if l.URL == "" {
				e.at(c, fmt.Sprintf("link %q has no url", l.Name), "write {name: "+l.Name+", url: https://...}")
				return
			}
			d.Profile.Links = append(d.Profile.Links, l)
		})
	})
}

func roles() Field {
	return field("roles", "list of {role, community}", "parts they play: role is "+OrList(Roles)+"; community, one of the site's communities (slug)", false, func(d *Doc, n *yaml.Node, e *decodeErrs) {
		list(n, "roles", e, func(c *yaml.Node) {
			if c.Kind != yaml.MappingNode {
				e.at(c, "each of roles must be {role, community}, not "+kindName(c), "write {role: ambassador, community: education}")
				return
			}
			r := Role{Pos: Pos{File: e.file, Line: c.Line, Col: c.Column}}
			ok := true
			mapping(c, e, []string{"role", "community"}, func(k string, v *yaml.Node) {
				s, good := scalar(v, "roles."+k, e)
				if !good {
					ok = false
					return
				}
				s = strings.TrimSpace(s)
				switch k {
				case "role":
					if !slices.Contains(Roles, s) {
						e.at(v, fmt.Sprintf("role %q is not one of %s", s, strings.Join(Roles, ", ")), suggestOr(s, Roles))
						ok = false
					}
					r.Role = s
				case "community":
					r.Community = s
				}
			})
			if ok && r.Role == "" {
				e.at(c, "a role has no role", "add role: "+OrList(Roles))
				ok = false
			}
			if ok {
				d.Profile.Roles = append(d.Profile.Roles, r)
			}
		})
	})
}

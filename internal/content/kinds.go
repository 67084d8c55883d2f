package content

import (
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"
)

// KindSpec is everything that makes documents of one kind what they are:
// the folder they are written in, what they are called, their fields,
// how their section is ordered and shown, and how `storyhub new` starts
// one. Every package reads these properties instead of naming kinds, so
// a new kind is one entry in a KindTable, its template and its fields
// (with the Doc fields they fill). What its pages show (a guide's list
// of the guides) is its template's: the renderer records what each page
// reads.
type KindSpec struct {
	Section string // the folder under content/ and the URL segment: stories
	Name    string // in messages, the schema and `storyhub new`: story
	Phrase  string // in a sentence: "a story", "talking points"
	Title   string // of the section's list and in the navigation: Stories
	Summary string // of the section's list and feed
	// Template is the theme's template for its pages,
	// templates/<Template>.html.
	Template string
	// Fields are its own front-matter keys, after the common ones (see
	// Schema).
	Fields []Field
	Order  Order
	Feed   bool // the section has a feed, /<section>/feed.xml
	// Community is the list of a community's page its entries join,
	// by their community field.
	Community CommunityList
	// Related: each page lists the entries of its section most like it
	// (shared tags, then a shared community).
	Related bool
	// Newsletter is how its entries come into an issue of the
	// newsletter: as new by their date, as updated by their review, or
	// not at all.
	Newsletter Mention
	// Facets are the fields its list can be narrowed by: each value
	// has a list of its own, /<section>/<field>/<value>/.
	Facets []Facet
	// Describes is the index whose keys the kind's entries describe (a
	// person's profile, an event's dates and place), or NoIndex. Such an
	// entry has no page of its own and is in no section, list or feed:
	// it shows on its key's page, /<Section>/<slug>/, which the site
	// makes for every key that entries name, described or not.
	Describes Index
	// Common are the common fields the kind takes (see Schema), each
	// mapped to whether it is required; nil takes them all, as
	// commonFields says. A profile has no date; an event's is optional.
	Common map[string]bool
	// Check reports what is wrong with an entry as a whole once its
	// fields are decoded (a deck with neither files nor a video); failed
	// says whether a field's own decoding found an error, so one mistake
	// is not reported twice. nil when the fields say it all.
	Check func(d *Doc, failed func(field string) bool, errs *ErrorList)
	// Parts gives a new document of the kind the parts of Doc that only
	// its kind has (a group's, a place), before its fields are decoded;
	// nil when it has none.
	Parts    func(d *Doc)
	Scaffold Scaffold
}

// Index is a list the site makes from what entries name, with a page
// for each key: the people they name, the events decks were given at.
type Index int

const (
	NoIndex Index = iota
	PeopleIndex
	EventIndex
)

// Facet is a field a section's list can be narrowed by.
type Facet struct {
	Field string // the front-matter key, and the URL segment: level
	Title string // as a filter is labelled: Level
	Value func(*Doc) string
	// Name is a value as readers see it; nil when the value is a
	// community's slug, which the site names.
	Name func(string) string
	// Values orders the values, when they have an order of their own
	// (beginner before advanced); others are in the order of their names.
	Values []string
}

// Kind is a kind of document: its index in the KindTable it was loaded
// with.
type Kind int

// KindTable is every kind of a site, in the order sections are shown.
// Load, the site model and the renderer take it as a value, so a site
// (or a test) may bring kinds of its own.
type KindTable []KindSpec

// The kinds of DefaultKinds, by index.
const (
	Story Kind = iota
	Deck
	TalkingPoints
	Guide
	Event
	// PersonProfile is a person's profile (profile.go): it describes a
	// key of the people index.
	PersonProfile
	// GroupKind is a local user group (groups.go).
	GroupKind
)

// Mention is how a kind's entries come into the newsletter.
type Mention int

const (
	NotMentioned Mention = iota
	// MentionNew: an entry is in the issue of the days its date is in.
	MentionNew
	// MentionUpdated: an entry is in the issue of the days it was last
	// reviewed in (its date when never reviewed), as updated.
	MentionUpdated
)

// Order is how a section lists its entries.
type Order int

const (
	// NewestFirst is by date, newest first, then by title and URL: the
	// order of the whole site. Previous is the older entry.
	NewestFirst Order = iota
	// ByWeight is by weight, lowest first, then by title: pages read in
	// sequence, the previous one first.
	ByWeight
	// ByTitle is by title, then by URL.
	ByTitle
)

// CommunityList is a list of a community's page (and kit).
type CommunityList int

const (
	NoCommunityList CommunityList = iota
	CommunityStories
	CommunityDecks
	// CommunityTalkingPoints are packed, as written, into the community's kit.
	CommunityTalkingPoints
	CommunityGuides
	// CommunityGroups are the groups naming the community among their
	// communities (a list: a group may serve several).
	CommunityGroups
)

// Scaffold is how `storyhub new` starts an entry of a kind: after title,
// summary and date come Fields, in order, then the body. A field the
// writer gave a value for (a name with --author, the answers of an
// issue) takes it; the others start as written here.
type Scaffold struct {
	// Bundle starts the entry as NAME/index.md, for the files beside it.
	Bundle bool
	// People is the field the writer's name goes in (--author); "" when
	// the kind names nobody.
	People string
	// FromIssue: an issue made with the "Share your story" form becomes
	// an entry of this kind (storyhub new --from-issue).
	FromIssue bool
	Fields    []Preset
	Body      string
	// Next are the writer's next steps, after those of the fields left
	// empty; {folder} stands for the entry's folder.
	Next []string
}

// Preset is one front-matter field of a new entry.
type Preset struct {
	Key string
	// Value is the starting value: a string, a number, a []any, or a
	// []Preset for a mapping.
	Value any
	// Optional fields are written only when the writer gave a value.
	Optional bool
	// Ask is the writer's next step when the field is left as it starts.
	Ask string
}

// DefaultKinds is the hub's table: stories, decks, talking points,
// guides, the entries that describe events (events.go) and people's
// profiles (profile.go). Each call makes a new table, which its caller
// may extend.
func DefaultKinds() KindTable {
	levels := []string{"beginner", "intermediate", "advanced"}
	return KindTable{
		Story: {
			Section: "stories", Name: "story", Phrase: "a story", Title: "Stories",
			Summary:  "Success stories from people and organizations in our community.",
			Template: "story",
			Fields: []Field{
				people("authors", "who wrote it: names, or {name, url}", true, func(d *Doc) *[]Person { return &d.Authors }),
				alias("author", "authors"),
				link("organization", "the organization: a name, or {name, url}", func(d *Doc) *Link { return &d.Organization }),
				text("community", "one of the site's communities (slug)", false, func(d *Doc) *string { return &d.Community }),
				text("region", "where it happened", false, func(d *Doc) *string { return &d.Region }),
				text("pull_quote", "a short quote set apart on the page", false, func(d *Doc) *string { return &d.PullQuote }),
				text("quote_by", "who said the pull quote; the first author when left out", false, func(d *Doc) *string { return &d.QuoteBy }),
				boolean("featured", "true shows the story on the home page and in the brochure", func(d *Doc) *bool { return &d.Featured }),
				webURL("canonical_url", "the original, when first published elsewhere", func(d *Doc) *string { return &d.CanonicalURL }),
				webURL("link", "a post, video or talk elsewhere that the story points to; a story with a link needs no body", func(d *Doc) *string { return &d.Link }),
			},
			Order: NewestFirst, Feed: true, Community: CommunityStories, Related: true, Newsletter: MentionNew,
			Scaffold: Scaffold{
				People: "authors", FromIssue: true,
				Fields: []Preset{
					{Key: "authors", Value: []any{}, Ask: "Add your name under authors."},
					{Key: "organization", Optional: true},
					{Key: "community", Value: "", Ask: "Set community to one of the site's communities (storyhub schema lists the fields), or remove the line."},
					{Key: "region", Optional: true},
					{Key: "pull_quote", Optional: true},
					{Key: "tags", Value: []any{}},
					{Key: "link", Optional: true},
				},
				Body: "Tell the story here: who you are, what you built with Python, and what changed.\n\n## What we did\n\n## What we learned",
				Next: []string{"Write the story in Markdown below the front matter."},
			},
		},
		Deck: {
			Section: "decks", Name: "deck", Phrase: "a deck", Title: "Decks",
			Summary:  "Slide decks to download and present at your meetup.",
			Template: "deck",
			Fields: []Field{
				people("speakers", "who gives the talk: names, or {name, url}", true, func(d *Doc) *[]Person { return &d.Speakers }),
				files("the slides: a file in the bundle, a path under static/ starting with /, or {url} hosted elsewhere; a deck needs files or a video_url"),
				license("SPDX licence id, for example CC-BY-4.0", func(d *Doc) *string { return &d.License }),
				link("event", "where it was given: a name, or {name, url}", func(d *Doc) *Link { return &d.Event }),
				text("community", "one of the site's communities (slug)", false, func(d *Doc) *string { return &d.Community }),
				alias("audience", "community"),
				enum("level", "who it suits", levels, func(d *Doc) *string { return &d.Level }),
				integer("duration_minutes", "length of the talk", func(d *Doc) *int { return &d.DurationMinutes }),
				languageField("language", "language of the slides: an ISO 639 code, for example en or spa, with a region if it matters (pt-BR)", func(d *Doc) *string { return &d.Language }),
				webURL("video_url", "a recording; a deck may have one and no files", func(d *Doc) *string { return &d.VideoURL }),
				webURL("source_url", "where the slides' sources live", func(d *Doc) *string { return &d.SourceURL }),
				date("last_reviewed", "when someone last checked it is current", false, func(d *Doc) *time.Time { return &d.LastReviewed }),
			},
			Order: NewestFirst, Feed: true, Community: CommunityDecks, Check: needsSlides, Newsletter: MentionNew,
			Facets: []Facet{
				{Field: "community", Title: "Community", Value: func(d *Doc) string { return d.Community }},
				{Field: "level", Title: "Level", Value: func(d *Doc) string { return d.Level }, Name: LevelName, Values: levels},
				{Field: "language", Title: "Language", Value: func(d *Doc) string { return d.Language }, Name: LanguageName},
			},
			Scaffold: Scaffold{
				Bundle: true, People: "speakers",
				Fields: []Preset{
					{Key: "speakers", Value: []any{}},
					{Key: "files", Value: []any{[]Preset{{Key: "path", Value: "slides.pdf"}, {Key: "label", Value: "Slides (PDF)"}}}},
					{Key: "license", Value: "CC-BY-SA-4.0"},
					{Key: "community", Value: ""},
					{Key: "level", Value: "beginner"},
					{Key: "duration_minutes", Value: 30},
					{Key: "tags", Value: []any{}},
				},
				Body: "What the talk covers, who it is for, and how an organizer can adapt it.",
				Next: []string{
					"Put the slides beside the file as {folder}/slides.pdf (add more entries under files for other formats), or give their address with url: in place of path: when they are hosted elsewhere.",
					"Check license, level and duration_minutes.",
				},
			},
		},
		TalkingPoints: {
			Section: "talking-points", Name: "talking-points", Phrase: "talking points", Title: "Talking points",
			Summary:  "Short, compelling points for each community.",
			Template: "talking-points",
			Fields: []Field{
				text("community", "the community these points are for (slug)", true, func(d *Doc) *string { return &d.Community }),
				alias("audience", "community"),
				enum("status", "review state", []string{"draft", "approved", "retired"}, func(d *Doc) *string { return &d.Status }),
				date("last_reviewed", "when someone last checked them", false, func(d *Doc) *time.Time { return &d.LastReviewed }),
				people("owners", "who keeps them current", false, func(d *Doc) *[]Person { return &d.Owners }),
			},
			Order: ByTitle, Feed: true, Community: CommunityTalkingPoints, Newsletter: MentionUpdated,
			Scaffold: Scaffold{
				People: "owners",
				Fields: []Preset{
					{Key: "community", Value: "", Ask: "Set community to the audience these points are for."},
					{Key: "status", Value: "draft"},
					{Key: "owners", Value: []any{}},
				},
				Body: "## The first point\n\nTwo or three sentences an ambassador can say out loud.",
				Next: []string{"Write one ## heading per point, with two or three sentences under it."},
			},
		},
		Guide: {
			Section: "guides", Name: "guide", Phrase: "a guide", Title: "Guides",
			Summary:  "How-to guides for user-group organizers.",
			Template: "guide",
			Fields: []Field{
				integer("weight", "order among guides, lowest first", func(d *Doc) *int { return &d.Weight }),
				text("part", "the group of guides it belongs to", false, func(d *Doc) *string { return &d.Part }),
				stringList("checklist", "steps shown as checkboxes", func(d *Doc) *[]string { return &d.Checklist }),
				files("downloads: a file in the bundle, a path under static/ starting with /, or {url} hosted elsewhere"),
				date("last_reviewed", "when someone last checked it", false, func(d *Doc) *time.Time { return &d.LastReviewed }),
			},
			Order: ByWeight, Feed: true, Community: CommunityGuides, Newsletter: MentionNew,
			Scaffold: Scaffold{
				Fields: []Preset{
					{Key: "weight", Value: 10},
					{Key: "part", Value: ""},
					{Key: "checklist", Value: []any{}},
				},
				Body: "## Before you start",
				Next: []string{"Set weight to order the guide among the others.", "Write the guide with ## and ### headings; add checklist items."},
			},
		},
		Event:         eventKind(),
		PersonProfile: profileKind(),
		GroupKind:     groupKind(),
	}
}

// LevelName is a level as a value standing alone: Intermediate.
func LevelName(level string) string {
	if level == "" {
		return ""
	}
	return strings.ToUpper(level[:1]) + level[1:]
}

// All yields each kind of the table with its properties, in order.
func (t KindTable) All() iter.Seq2[Kind, *KindSpec] {
	return func(yield func(Kind, *KindSpec) bool) {
		for i := range t {
			if !yield(Kind(i), &t[i]) {
				return
			}
		}
	}
}

// OfSection returns the kind whose folder is section.
func (t KindTable) OfSection(section string) (Kind, bool) {
	i := slices.IndexFunc(t, func(k KindSpec) bool { return k.Section == section })
	return Kind(i), i >= 0
}

// Schema is every front-matter key of the kind, common ones first.
func (k *KindSpec) Schema() []Field {
	common := commonFields()
	if k.Common != nil {
		common = slices.DeleteFunc(common, func(f Field) bool {
			_, ok := k.Common[f.Name]
			return !ok
		})
		for i := range common {
			if common[i].Required && !k.Common[common[i].Name] {
				common[i] = optional(common[i])
			}
			common[i].Required = k.Common[common[i].Name]
		}
	}
	return append(common, k.Fields...)
}

// Check reports what makes a table unusable: no kinds, a folder that is
// not a slug, two kinds with one folder or name, a field given
// twice or an alias of no field, a scaffold naming a field the kind does
// not have.
func (t KindTable) Check() error {
	if len(t) == 0 {
		return errors.New("kinds: the table is empty")
	}
	var errs []error
	seen := map[string]string{}
	once := func(what, value, kind string) {
		if prev, dup := seen[what+value]; dup {
			errs = append(errs, fmt.Errorf("kinds: %s and %s have the %s %q", prev, kind, what, value))
		}
		seen[what+value] = kind
	}
	for _, k := range t.All() {
		if k.Name == "" || k.Phrase == "" || k.Title == "" || k.Template == "" {
			errs = append(errs, fmt.Errorf("kinds: kind %q needs a name, phrase, title and template", k.Section))
		}
		if !ValidSlug(k.Section) {
			errs = append(errs, fmt.Errorf("kinds: folder %q of %s is not a slug", k.Section, k.Name))
		}
		once("folder", k.Section, k.Name)
		once("name", k.Name, k.Section+"/")
		fields := map[string]Field{}
		for _, f := range k.Schema() {
			if _, dup := fields[f.Name]; dup {
				errs = append(errs, fmt.Errorf("kinds: %s has the field %q twice", k.Name, f.Name))
			}
			fields[f.Name] = f
		}
		for _, f := range k.Fields {
			if f.Alias == "" && f.decode == nil {
				errs = append(errs, fmt.Errorf("kinds: field %q of %s reads nothing", f.Name, k.Name))
			}
			if of, ok := fields[f.Alias]; f.Alias != "" && (!ok || of.Alias != "") {
				errs = append(errs, fmt.Errorf("kinds: %s's field %q is another name for %q, which is not a field", k.Name, f.Name, f.Alias))
			}
		}
		for _, f := range k.Facets {
			if _, ok := fields[f.Field]; !ok || f.Value == nil || f.Title == "" {
				errs = append(errs, fmt.Errorf("kinds: the facet %q of %s needs a title, a value and a field of that name", f.Field, k.Name))
			}
		}
		for name := range k.Common {
			if !slices.ContainsFunc(commonFields(), func(f Field) bool { return f.Name == name }) {
				errs = append(errs, fmt.Errorf("kinds: %s takes the common field %q, which is not one", k.Name, name))
			}
		}
		if k.Describes != NoIndex && (k.Feed || k.Community != NoCommunityList || k.Related || len(k.Facets) > 0) {
			errs = append(errs, fmt.Errorf("kinds: %s describes an index's keys, so it has no feed, community list, related entries or facets of its own", k.Name))
		}
		for _, p := range k.Scaffold.Fields {
			if _, ok := fields[p.Key]; !ok {
				errs = append(errs, fmt.Errorf("kinds: the new-entry fields of %s name %q, which is not a field", k.Name, p.Key))
			}
		}
		if p := k.Scaffold.People; p != "" && !slices.ContainsFunc(k.Scaffold.Fields, func(f Preset) bool { return f.Key == p }) {
			errs = append(errs, fmt.Errorf("kinds: the new-entry fields of %s lack %q, where the writer's name goes", k.Name, p))
		}
	}
	return errors.Join(errs...)
}

// OrList joins words as a sentence lists them: "a, b or c".
func OrList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

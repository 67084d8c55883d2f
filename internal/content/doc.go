// Package content reads a site's content tree into documents, strictly.
//
// The tree is content/<section>/NAME.md or content/<section>/NAME/index.md
// (a bundle, whose other files belong to the document), one section per
// kind of a KindTable (DefaultKinds: stories, decks, talking-points,
// guides and events; kinds.go, events.go). Each file starts with front
// matter in YAML (---), TOML (+++) or JSON, found by adrg/frontmatter
// and decoded against the fields of its kind (see KindSpec.Schema): unknown keys,
// missing required fields, wrong types, bad dates and non-http(s) URLs are
// errors with the file's own line and column and, where one helps, a hint
// ("did you mean title?"). Web addresses follow internal/weburl and are
// kept in the form it gives (an international host in ASCII); a string
// value holding a bidirectional control or an invisible character is a
// warning at the character (spoof.go says which are let be). A position
// shows a file name holding a control or invisible character in double
// quotes, escaped, as git does. A byte-order mark and CRLF line endings are
// normal input. Files a deck or guide lists are read here, so their size,
// format and SHA-256 are computed, never typed (a file hosted elsewhere,
// {url, label, format}, is only an address, checked like any other);
// their bytes, and the image's, must be what their names say, judged as
// they are hashed and reported at the entry (looks.go); a PDF's pages are counted then, once
// per version of the file, and a PDF that cannot be read has no count
// (pdfpages.go). A deck's language is an ISO 639 code, with a script or
// region if it matters (pt-BR), kept in its canonical form (eng is en;
// language.go). A kind may check an entry as a whole once its fields are
// decoded (KindSpec.Check): a deck needs a file or a video_url. Front
// matter that decodes but would change what the writer meant is reported
// where it was typed (meaning.go): an expiry_date not after date, tags in
// one string with commas, a plain YAML value cut at " #"; a licence must
// be an SPDX identifier (license.go).
//
// A bundle's other files are published on the hub's own origin, so only
// the types in one table (see TypeOf) may be there: images (PNG, JPEG,
// GIF, WebP, AVIF, SVG) and downloads (PDF, OpenDocument, OOXML, Keynote,
// zip, plain text, CSV, notebooks, video). A file is judged by its name
// and its first bytes (gabriel-vasile/mimetype): a .png that is HTML, or a
// .txt a browser would read as markup, is refused. An SVG is read whole
// and refused, at its line and column, if it holds anything that could
// run or load something (see CheckSVG); nothing is cleaned. Every other
// file in a bundle (HTML, scripts, XML, programs, unknown types) is an
// error naming it. Verdicts are kept in the Cache until the file changes.
//
// A file costs a bounded time and memory (see Limits): a Markdown file
// or bundle file over its size limit is refused from its size before it
// is read, and front matter over 32 kB at the line that crosses it.
//
// Load reports every problem in the tree at once as an ErrorList; it never
// stops at the first. Outputs show a file's first MaxProblemsPerFile
// problems and count the rest (ErrorList.Capped). It knows nothing of URLs or of other documents: those
// checks belong to the site model.
package content

import (
	"time"

	"github.com/storyhub/storyhub/internal/weburl"
)

// Person is an author, speaker or owner: a name and, optionally, a link.
type Person struct {
	Name string
	URL  string
	// Image is a portrait: a picture in the bundle, or a path under
	// static/ from /, checked like the page's image. It needs no alt
	// text: the name is written beside it.
	Image    string
	ImagePos Pos
	Pos      Pos // where the name is written
}

// Link is a named thing with an optional link: an organization, an event.
type Link struct {
	Name string
	URL  string
}

// File is a file a deck or guide offers: a download read from the site
// (Path), or one hosted elsewhere (URL), of which nothing is read: it has
// no size, hash or pages, and its format is the one typed or its
// address's extension when that is a known format (hostedFormat).
type File struct {
	Path      string // as typed in front matter; "" for a hosted file
	URL       string // of a hosted file, checked as WebURL publishes it; else ""
	Source    string // slash path relative to the site root
	Bundled   bool   // inside the document's bundle (else under static/)
	Label     string
	Format    string // short upper-case name: PDF, ODP, ...; "" for a hosted file of unknown format
	MediaType string // "" for a hosted file
	Size      int64
	SHA256    string // hex
	Pages     int    // of a PDF whose pages could be counted, else 0
	Pos       Pos
}

// Hosted reports whether the file is on another site, so the hub has
// none of its bytes: no copy, no enclosure, no place in a kit.
func (f File) Hosted() bool { return f.URL != "" }

// Host is the name of the site a hosted file is on, as readers know it
// (speakerdeck.com); "" for a local file.
func (f File) Host() string { return weburl.Host(f.URL) }

// Doc is one content file, decoded and validated on its own.
type Doc struct {
	Kind   Kind
	Path   string // slash path relative to the site root
	Bundle bool   // NAME/index.md; its folder holds Resources
	// Draft and Featured (a story's) sit beside Bundle: bools apart each
	// take a word, and a document one size class larger is 128 bytes
	// more on every page.
	Draft    bool
	Featured bool
	// Resources are the other files of a bundle, slash paths relative to
	// the bundle folder, sorted.
	Resources []string
	// Pictures are the raster pictures of the page, by site path: the
	// front matter's image and the bundle's PNG, JPEG, GIF and WebP
	// files, with their sizes.
	Pictures map[string]Picture
	Name     string   // the file or bundle name, the default slug
	Hash     [32]byte // of the file's bytes
	// MetaHash is of the front matter alone: equal between two versions
	// of a file whose body alone changed. Half a SHA-256 is ample to tell
	// two versions apart.
	MetaHash [16]byte

	// Every kind.
	Title        string
	Summary      string
	Date         time.Time
	Tags         []string
	TagSlugs     []string // TagSlug of each of Tags
	Slug         string
	Aliases      []string
	AliasPos     []Pos // where each of Aliases was written
	Image        string
	ImageAlt     string
	ImageSHA256  string // hex, of the image's bytes: what is made of them (a preview card) follows them
	ExpiryDate   time.Time
	LastReviewed time.Time

	// Stories.
	Authors      []Person
	Organization Link
	Community    string
	Region       string
	PullQuote    string
	QuoteBy      string // who said the pull quote; the first author when empty
	CanonicalURL string
	Link         string // a link story: the post, video or talk it points to; its body may be empty

	// Decks.
	Speakers        []Person
	Files           []File
	License         string
	Event           Link
	Level           string
	DurationMinutes int
	Language        string
	VideoURL        string
	SourceURL       string

	// Talking points.
	Status string
	Owners []Person

	// The parts of one kind's documents, nil in every other kind's (see
	// KindSpec.Parts): held apart, a document of another kind does not
	// carry their room.
	Profile   *Profile   // people's profiles
	Group     *Group     // groups (see groups.go)
	Place     *Place     // events and groups: where
	Happening *Happening // events (see events.go): when

	// Guides.
	Weight    int
	Part      string
	Checklist []string

	Body     []byte // Markdown, with CRLF turned into LF
	BodyLine int    // the file line the body starts on

	// Fields lists each front-matter key present with where its value
	// was written, so later checks can point at the right place.
	Fields []FieldAt
}

// Place is where an event is held or a group meets, and its own site.
type Place struct {
	Venue     string
	City      string
	Country   string // ISO 3166 alpha-2, upper case
	Latitude  float64
	Longitude float64
	HasGeo    bool   // both coordinates are given
	Website   string // the event's or group's own site
}

// Happening is what an event entry says of when it is.
type Happening struct {
	Kind     string    // conference, sprint or meetup
	Start    time.Time // the first day (at midnight UTC) when AllDay, else the first moment
	End      time.Time // the last day or moment; zero when not given
	AllDay   bool
	TimeZone string         // an IANA name, as typed
	Zone     *time.Location // TimeZone's; nil when none
	// CFPDeadline is the last day to propose a talk.
	CFPDeadline time.Time
	// As typed, read by checkEvent once the time zone is known.
	startText, endText whenText
}

// FieldAt is where one front-matter key's value was written, in the
// document's own file: a document lists a few dozen at most, so a list
// is smaller than a map and as fast to search.
type FieldAt struct {
	Key       string
	Line, Col int32
}

// FieldPos is where key's value was written, or the file's first line.
func (d *Doc) FieldPos(key string) Pos {
	if p, ok := d.Field(key); ok {
		return p
	}
	return Pos{File: d.Path, Line: 1, Col: 1}
}

// Field is where key's value was written, and whether key was written.
func (d *Doc) Field(key string) (Pos, bool) {
	for _, f := range d.Fields {
		if f.Key == key {
			return Pos{File: d.Path, Line: int(f.Line), Col: int(f.Col)}, true
		}
	}
	return Pos{}, false
}

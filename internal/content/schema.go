package content

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/storyhub/storyhub/internal/weburl"
	"gopkg.in/yaml.v3"
)

// Field is one front-matter key of a kind: what a writer may type. The
// fields of a kind are in its KindSpec.
type Field struct {
	Name     string
	Type     string // as shown to writers: string, date, list of strings, ...
	Required bool
	Doc      string
	// Alias names the field this key is another spelling of (author for
	// authors), so a writer from another tool is not stopped by a name.
	Alias  string
	decode func(d *Doc, n *yaml.Node, errs *decodeErrs)
}

// decodeErrs collects a file's problems in file coordinates.
type decodeErrs struct {
	file string
	list *ErrorList
	fm   *frontMatter // for the columns of characters in values; may be nil
	// fields are the kind's own, for a key written where it does not
	// belong.
	fields map[string]Field
}

func (e *decodeErrs) at(n *yaml.Node, msg, hint string) {
	e.list.Add(Pos{File: e.file, Line: n.Line, Col: n.Column}, msg, hint)
}

// commonFields are the front-matter keys of every kind.
func commonFields() []Field {
	return []Field{
		text("title", "the headline, shown on the page, cards and feeds", true, func(d *Doc) *string { return &d.Title }),
		text("summary", "one or two sentences for cards, feeds and social previews", true, func(d *Doc) *string { return &d.Summary }),
		date("date", "publication date, 2026-05-14 or RFC 3339; a future date schedules the entry", true, func(d *Doc) *time.Time { return &d.Date }),
		tags(),
		boolean("draft", "true keeps the entry out of the published site", func(d *Doc) *bool { return &d.Draft }),
		slug(),
		aliases(),
		text("image", "an image in the bundle or a path under static/", false, func(d *Doc) *string { return &d.Image }),
		text("image_alt", "what the image shows, for readers who cannot see it; required with image", false, func(d *Doc) *string { return &d.ImageAlt }),
		date("expiry_date", "the entry leaves the site after this moment", false, func(d *Doc) *time.Time { return &d.ExpiryDate }),
	}
}

func field(name, typ, doc string, required bool, decode func(*Doc, *yaml.Node, *decodeErrs)) Field {
	return Field{Name: name, Type: typ, Doc: doc, Required: required, decode: decode}
}

// optional is a required field made optional: an empty value is then
// one not given.
func optional(f Field) Field {
	f.Required = false
	decode := f.decode
	f.decode = func(d *Doc, n *yaml.Node, e *decodeErrs) {
		if n.Kind == yaml.ScalarNode && n.Tag == "!!str" && strings.TrimSpace(n.Value) == "" {
			return
		}
		decode(d, n, e)
	}
	return f
}

func alias(name, of string) Field {
	return Field{Name: name, Alias: of, Doc: "another name for " + of}
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.AliasNode:
		return "an alias"
	}
	switch n.Tag {
	case "!!int", "!!float":
		return "a number"
	case "!!bool":
		return "true/false"
	case "!!null":
		return "nothing"
	case "!!timestamp":
		return "a date"
	}
	return fmt.Sprintf("%q", n.Value)
}

// scalar returns n's text if n is a scalar that reads as a string.
func scalar(n *yaml.Node, key string, e *decodeErrs) (string, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		e.at(n, fmt.Sprintf("%s must be a string, not %s", key, kindName(n)), "")
		return "", false
	}
	e.spoof(n, key, n.Value)
	e.cutByComment(n, key)
	return n.Value, true
}

func text(name, doc string, required bool, dst func(*Doc) *string) Field {
	return field(name, "string", doc, required, func(d *Doc, n *yaml.Node, e *decodeErrs) {
		if s, ok := scalar(n, name, e); ok {
			if strings.TrimSpace(s) == "" && required {
				e.at(n, name+" is empty", "write the "+name)
				return
			}
			*dst(d) = strings.TrimSpace(s)
		}
	})
}

func enum(name, doc string, values []string, dst func(*Doc) *string) Field {
	return field(name, strings.Join(values, " | "), doc, false, func(d *Doc, n *yaml.Node, e *decodeErrs) {
		s, ok := scalar(n, name, e)
		if !ok {
			return
		}
		if !slices.Contains(values, s) {
			e.at(n, fmt.Sprintf("%s %q is not one of %s", name, s, strings.Join(values, ", ")), suggest(s, values))
			return
		}
		*dst(d) = s
	})
}

func boolean(name, doc string, dst func(*Doc) *bool) Field {
	return field(name, "true | false", doc, false, func(d *Doc, n *yaml.Node, e *decodeErrs) {
		b, err := strconv.ParseBool(n.Value)
		if n.Kind != yaml.ScalarNode || n.Tag == "!!str" || err != nil {
			e.at(n, fmt.Sprintf("%s must be true or false, not %s", name, kindName(n)), "write true or false without quotes")
			return
		}
		*dst(d) = b
	})
}

func integer(name, doc string, dst func(*Doc) *int) Field {
	return field(name, "whole number", doc, false, func(d *Doc, n *yaml.Node, e *decodeErrs) {
		i, err := strconv.Atoi(n.Value)
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || err != nil {
			e.at(n, fmt.Sprintf("%s must be a whole number, not %s", name, kindName(n)), "write digits without quotes, like 30")
			return
		}
		*dst(d) = i
	})
}

// A date is a day, then optionally a time after T or a space, with or
// without seconds, then optionally a zone, right after the time or after
// a space, as YAML timestamps have it (2026-05-14 09:30:00 +02:00). A
// time without a zone is UTC. dateLayouts is every such form, and
// dateHint shows each part of them.
const dateDay = "2006-01-02"

var (
	dateTimes   = []string{"T15:04:05", " 15:04:05", "T15:04", " 15:04"}
	dateZones   = []string{"Z07:00", " Z07:00", ""}
	dateLayouts = func() []string {
		l := []string{dateDay}
		for _, t := range dateTimes {
			for _, z := range dateZones {
				l = append(l, dateDay+t+z)
			}
		}
		return l
	}()
	dateHint = func() string {
		// One example of each time, each with another zone, so that every
		// part of every layout is shown once.
		ex := []string{dateDay}
		for i, t := range dateTimes {
			ex = append(ex, dateDay+t+dateZones[i%len(dateZones)])
		}
		for i, l := range ex {
			zone := time.FixedZone("", 2*60*60)
			if i == 1 {
				zone = time.UTC // written Z
			}
			ex[i] = time.Date(2026, 5, 14, 9, 30, 0, 0, zone).Format(l)
		}
		return "write it like " + strings.Join(ex[:len(ex)-1], ", ") + " or " + ex[len(ex)-1] +
			"; a time without a zone is UTC"
	}()
)

// ParseDate reads a date as writers type it; times without a zone are UTC.
func ParseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

func date(name, doc string, required bool, dst func(*Doc) *time.Time) Field {
	return field(name, "date", doc, required, func(d *Doc, n *yaml.Node, e *decodeErrs) {
		if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
			e.at(n, fmt.Sprintf("%s must be a date, not %s", name, kindName(n)), dateHint)
			return
		}
		t, ok := ParseDate(n.Value)
		if !ok {
			e.at(n, fmt.Sprintf("%s %q is not a date", name, n.Value), dateHint)
			return
		}
		*dst(d) = t
	})
}

// WebURL checks an address a writer gives in front matter and returns it
// in the form to publish: weburl's rules (http(s), no user name, a host
// as browsers read it, in ASCII), and no character that needs
// percent-encoding, so no writer's URL can close a quoted attribute
// anywhere it is shown. The second and third results are a problem, a
// clause to follow the quoted address, and its hint.
func WebURL(s string) (string, string, string) {
	u, problem, hint := weburl.Check(s)
	if problem == "" && strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune("\"<>^`{|}", r) }) {
		return "", "contains a space or characters that must be percent-encoded", "copy the address from the browser's address bar"
	}
	return u, problem, hint
}

func webURL(name, doc string, dst func(*Doc) *string) Field {
	return field(name, "URL", doc, false, func(d *Doc, n *yaml.Node, e *decodeErrs) {
		s, ok := scalar(n, name, e)
		if !ok {
			return
		}
		u, problem, hint := WebURL(s)
		if problem != "" {
			e.at(n, fmt.Sprintf("%s %q %s", name, s, problem), hint)
			return
		}
		*dst(d) = u
	})
}

// list calls each for every element of a list; a single scalar counts as
// a list of one, as writers often type it.
func list(n *yaml.Node, name string, e *decodeErrs, each func(*yaml.Node)) {
	switch {
	case n.Kind == yaml.SequenceNode:
		for _, c := range n.Content {
			each(c)
		}
	case n.Kind == yaml.ScalarNode && n.Tag != "!!null":
		each(n)
	default:
		e.at(n, fmt.Sprintf("%s must be a list, not %s", name, kindName(n)), `write ["a", "b"] or one "- item" per line`)
	}
}

func stringList(name, doc string, dst func(*Doc) *[]string) Field {
	return field(name, "list of strings", doc, false, func(d *Doc, n *yaml.Node, e *decodeErrs) {
		list(n, name, e, func(c *yaml.Node) {
			if s, ok := scalar(c, name+" item", e); ok && strings.TrimSpace(s) != "" {
				*dst(d) = append(*dst(d), strings.TrimSpace(s))
			}
		})
	})
}

// maxTags bounds the tags of one entry.
const maxTags = 50

func tags() Field {
	f := stringList("tags", "topics, lowercase words with hyphens", func(d *Doc) *[]string { return &d.Tags })
	list := f.decode
	f.decode = func(d *Doc, n *yaml.Node, e *decodeErrs) {
		if split := commaTags(n, e, false); split != nil {
			d.Tags = split
		} else {
			list(d, n, e)
			if n.Kind == yaml.SequenceNode {
				d.Tags = d.Tags[:0]
				for _, c := range n.Content {
					if split := commaTags(c, e, true); split != nil {
						d.Tags = append(d.Tags, split...)
					} else if c.Kind == yaml.ScalarNode && strings.TrimSpace(c.Value) != "" && c.Tag != "!!null" {
						d.Tags = append(d.Tags, strings.TrimSpace(c.Value))
					}
				}
			}
		}
		if len(d.Tags) > maxTags {
			// Every tag is a page and a feed listing the entry.
			e.at(n, fmt.Sprintf("%d tags; at most %d are allowed", len(d.Tags), maxTags), "keep the few that say what the entry is about")
			d.Tags = nil
		}
		// Made once here, with the decoded file, not on every rebuild.
		d.TagSlugs = make([]string, len(d.Tags))
		for i, t := range d.Tags {
			d.TagSlugs[i] = TagSlug(t)
		}
	}
	return f
}

// slugPattern is the only shape a slug may have: it can never name
// another folder.
var slugPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// ValidSlug reports whether s is lowercase ASCII words joined by hyphens.
func ValidSlug(s string) bool {
	return len(s) <= 100 && slugPattern.MatchString(s) && !reservedName(s)
}

// reservedName reports whether a file name is one Windows keeps for
// devices (con, nul, conin$, com1…, com¹…, with any extension): a site with such a page
// could not be checked out or published from Windows.
func reservedName(name string) bool {
	base, _, _ := strings.Cut(strings.ToLower(name), ".")
	switch base {
	case "con", "prn", "aux", "nul", "conin$", "conout$":
		return true
	}
	// COM and LPT with a digit, superscripts ¹ ² ³ included.
	for _, dev := range []string{"com", "lpt"} {
		if n, ok := strings.CutPrefix(base, dev); ok && (len(n) == 1 && n[0] >= '0' && n[0] <= '9' || n == "¹" || n == "²" || n == "³") {
			return true
		}
	}
	return false
}

// badPath says what is wrong with the first bad segment of a path, or "".
func badPath(p string) string {
	for seg := range strings.SplitSeq(p, "/") {
		if problem := badSegment(seg); problem != "" {
			return problem
		}
	}
	return ""
}

// badSegment says what is wrong with one segment of a path, or "".
func badSegment(seg string) string {
	switch {
	case seg == "." || seg == "..":
		return "may not contain . or .. segments"
	case len(seg) > 255:
		return "has a part longer than 255 characters"
	case reservedName(seg):
		return fmt.Sprintf("uses %q, a name Windows reserves for devices", seg)
	}
	return ""
}

func slug() Field {
	return field("slug", "string", "the last part of the URL: lowercase letters, digits and hyphens", false, func(d *Doc, n *yaml.Node, e *decodeErrs) {
		s, ok := scalar(n, "slug", e)
		if !ok {
			return
		}
		if reservedName(s) {
			e.at(n, fmt.Sprintf("slug %q is a name Windows reserves for devices", s), "choose another slug")
			return
		}
		if !ValidSlug(s) {
			e.at(n, fmt.Sprintf("slug %q is not lowercase letters, digits and hyphens", s), fmt.Sprintf("try %q", Slugify(s)))
			return
		}
		d.Slug = s
	})
}

func aliases() Field {
	return field("aliases", "list of URL paths", "old URLs that redirect here, like /2019/my-story/", false, func(d *Doc, n *yaml.Node, e *decodeErrs) {
		if items := commaItems(n.Value); n.Kind == yaml.ScalarNode && len(items) > 1 && !slices.ContainsFunc(items, func(s string) bool { return !strings.HasPrefix(s, "/") }) {
			e.at(n, "aliases is one string holding commas, which would be one address", "write a list: "+e.writeList("aliases", items))
			return
		}
		list(n, "aliases", e, func(c *yaml.Node) {
			s, ok := scalar(c, "aliases item", e)
			if !ok {
				return
			}
			p, err := CleanURLPath(s)
			if err != "" {
				e.at(c, fmt.Sprintf("alias %q %s", s, err), "write a path on this site starting with /, like /old/story/")
				return
			}
			d.Aliases = append(d.Aliases, p)
			d.AliasPos = append(d.AliasPos, Pos{File: e.file, Line: c.Line, Col: c.Column})
		})
	})
}

// CleanURLPath checks a site path typed by a writer and returns it in the
// form the site uses (leading slash; a folder path ends in a slash). The
// second result says what is wrong, or is empty.
func CleanURLPath(s string) (string, string) {
	switch {
	case !strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//"):
		return "", "must start with a single /"
	case strings.ContainsAny(s, "\\\x00?#%:") || strings.ContainsFunc(s, func(r rune) bool { return r < ' ' || r == 0x7f }):
		return "", "may not contain backslashes, control characters, ?, #, % or :"
	case len(s) > 200:
		return "", "is longer than 200 characters"
	}
	if problem := badPath(s); problem != "" {
		return "", problem
	}
	p := path.Clean(s)
	if p == "/" {
		return "", "would replace the home page"
	}
	if path.Ext(p) != ".html" {
		p += "/"
	}
	return p, ""
}

func people(name, doc string, required bool, dst func(*Doc) *[]Person) Field {
	return field(name, "list of names or {name, url, image}", doc, required, func(d *Doc, n *yaml.Node, e *decodeErrs) {
		commaPeople(n, name, e)
		list(n, name, e, func(c *yaml.Node) {
			p := Person{Pos: Pos{File: e.file, Line: c.Line, Col: c.Column}}
			l, ok := decodeLink(c, name, e, &p)
			if ok && l.Name != "" {
				p.Name, p.URL = l.Name, l.URL
				*dst(d) = append(*dst(d), p)
			}
		})
		if required && n.Kind == yaml.SequenceNode && len(n.Content) == 0 {
			e.at(n, name+" is empty", "add at least one name, like "+name+": [Ada Lovelace]")
		}
	})
}

func link(name, doc string, dst func(*Doc) *Link) Field {
	return field(name, "name or {name, url}", doc, false, func(d *Doc, n *yaml.Node, e *decodeErrs) {
		if l, ok := decodeLink(n, name, e, nil); ok {
			*dst(d) = l
		}
	})
}

// decodeLink reads "Name" or {name: ..., url: ...}; with a person to
// fill, {name, url, image}: a portrait's path and where it is written.
func decodeLink(n *yaml.Node, name string, e *decodeErrs, person *Person) (Link, bool) {
	if n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
		e.spoof(n, name, n.Value)
		e.cutByComment(n, name)
		return Link{Name: strings.TrimSpace(n.Value)}, true
	}
	if n.Kind != yaml.MappingNode {
		e.at(n, fmt.Sprintf("%s must be a name or {name, url}, not %s", name, kindName(n)), "")
		return Link{}, false
	}
	var l Link
	ok := true
	keys := []string{"name", "url"}
	if person != nil {
		keys = append(keys, "image")
	}
	mapping(n, e, keys, func(k string, v *yaml.Node) {
		s, good := scalar(v, name+"."+k, e)
		if !good {
			ok = false
			return
		}
		switch k {
		case "name":
			l.Name = strings.TrimSpace(s)
		case "url":
			u, problem, hint := WebURL(s)
			if problem != "" {
				e.at(v, fmt.Sprintf("%s.url %q %s", name, s, problem), hint)
				ok = false
				return
			}
			l.URL = u
		case "image":
			person.Image, person.ImagePos = strings.TrimSpace(s), Pos{File: e.file, Line: v.Line, Col: v.Column}
		}
	})
	if l.Name == "" && ok {
		e.at(n, name+" has no name", "add name: ...")
		ok = false
	}
	return l, ok
}

// mapping calls each for every key of n, reporting unknown and repeated
// keys against allowed.
func mapping(n *yaml.Node, e *decodeErrs, allowed []string, each func(key string, v *yaml.Node)) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !slices.Contains(allowed, k.Value) {
			e.at(k, fmt.Sprintf("unknown key %q", k.Value), e.unknownHint(n, k.Value, allowed))
			continue
		}
		each(k.Value, v)
	}
}

// files is a deck's or guide's list of files: each local ({path, label}:
// a bundle file, or a path under static/ from /), or hosted elsewhere
// ({url, label, format}), never both. A bare string is a path, or an
// address when it starts with http:// or https://.
func files(doc string) Field {
	return field("files", "list of {path, label} or {url, label, format}", doc, false, func(d *Doc, n *yaml.Node, e *decodeErrs) {
		list(n, "files", e, func(c *yaml.Node) {
			f := File{Pos: Pos{File: e.file, Line: c.Line, Col: c.Column}}
			var format string
			var addr, formatAt *yaml.Node
			switch c.Kind {
			case yaml.ScalarNode:
				s, ok := scalar(c, "files item", e)
				if !ok {
					return
				}
				if isAddress(s) {
					addr = c
				} else {
					f.Path = s
				}
			case yaml.MappingNode:
				mapping(c, e, []string{"path", "url", "label", "format"}, func(k string, v *yaml.Node) {
					s, ok := scalar(v, "files."+k, e)
					if !ok {
						return
					}
					switch k {
					case "path":
						f.Path = s
					case "url":
						addr = v
					case "label":
						f.Label = strings.TrimSpace(s)
					case "format":
						format, formatAt = strings.TrimSpace(s), v
					}
				})
			default:
				e.at(c, "each of files must be {path, label} or {url, label}, not "+kindName(c), "")
				return
			}
			switch {
			case addr != nil && f.Path != "":
				e.at(c, "a file has both path and url", "keep path for a file beside the entry or under static/, or url for one hosted elsewhere, and list the other as a file of its own")
				return
			case addr != nil:
				u, problem, hint := WebURL(addr.Value)
				if problem != "" {
					e.at(addr, fmt.Sprintf("files.url %q %s", addr.Value, problem), hint)
					return
				}
				f.URL = u
				if format == "" {
					f.Format = hostedFormat(u)
				} else if f.Format = knownFormat(format); f.Format == "" {
					e.at(formatAt, fmt.Sprintf("format %q is not a format storyhub knows", format), "write one of "+strings.Join(hostedFormats(), ", ")+", or leave format out")
					return
				}
				if t, ok := TypeOf("x." + f.Format); ok {
					f.MediaType = t.MediaType
				}
			case f.Path == "":
				e.at(c, "a file has no path or url", "add path: slides.pdf for a file beside the entry, or url: https://... for one hosted elsewhere")
				return
			default:
				f.Format, f.MediaType = formatOf(f.Path)
				if format != "" && !strings.EqualFold(format, f.Format) {
					e.at(c, fmt.Sprintf("format %q does not match the file %s", format, f.Path), "leave format out: it is computed from the file")
				}
			}
			d.Files = append(d.Files, f)
		})
	})
}

// isAddress reports whether a file typed as a bare string is a web
// address rather than a path.
func isAddress(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")
}

// hostedFormats are the formats a hosted file may be said to have: the
// downloads a bundle may hold, and HTML, slides shown as a web page.
func hostedFormats() []string {
	var out []string
	for _, t := range fileTypes {
		if t.Use == Download || t.Ext == "html" {
			out = append(out, t.Ext)
		}
	}
	return out
}

// knownFormat is a format typed for a hosted file (pdf, PDF, .pdf) as
// pages show it, or "" when it is none of hostedFormats.
func knownFormat(s string) string {
	s = strings.ToLower(strings.TrimPrefix(strings.TrimSpace(s), "."))
	if slices.Contains(hostedFormats(), s) {
		return strings.ToUpper(s)
	}
	return ""
}

// hostedFormat is the format of a hosted file from its address: the
// extension of its path when that is a known format
// (https://example.org/talk.pdf is PDF), else "" (a Speaker Deck page
// names none).
func hostedFormat(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	ext := path.Ext(p.Path)
	if ext == "" {
		return ""
	}
	return knownFormat(ext)
}

// needsSlides is a deck's Check: a deck is something to present or to
// watch, so it needs a file or a recording. The problem is at files when
// it is written (an empty list), else at the title.
func needsSlides(d *Doc, failed func(string) bool, errs *ErrorList) {
	if len(d.Files) > 0 || d.VideoURL != "" || failed("files") || failed("video_url") {
		return
	}
	pos, ok := d.Field("files")
	if !ok {
		pos = d.FieldPos("title")
	}
	errs.Add(pos, "a deck needs at least one file or a video_url",
		"list the slides, like files: [{path: slides.pdf}] for a file beside the deck or files: [{url: https://speakerdeck.com/...}] for slides hosted elsewhere, or give video_url: the recording")
}

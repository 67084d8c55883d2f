// Package scaffold starts new content for writers: a file of the right
// kind, in the right folder, with every required field present and today's
// date, so the first thing a new writer sees is a file that only needs
// their words. It also turns the body of an issue made with the hub's
// "Share your story" form into such a file.
//
// Files are created, never replaced: an existing file or bundle is an
// error. Values are written with a YAML encoder, so a title with quotes or
// colons cannot break the front matter, and the slug comes from
// content.Slugify, so a title cannot name another folder.
package scaffold

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/storyhub/storyhub/internal/content"
)

// Entry is what a writer gives for a new file. What a new file of its
// kind holds is the kind's content.Scaffold.
type Entry struct {
	Kind    *content.KindSpec
	Title   string
	Slug    string // from the title when empty
	Date    time.Time
	Authors []content.Person // for the kind's Scaffold.People: authors, speakers, owners

	// From the story form; all optional.
	Summary      string
	Organization content.Link
	Community    string
	Region       string
	PullQuote    string
	Tags         []string
	Body         string
	Link         string // a link story's address; it needs no body
}

// File is a new content file: where it goes and what it holds.
type File struct {
	Path string // slash path relative to the site root
	Data []byte
	Next []string // what the writer does next, one step a line
}

// New prepares the file for e without writing it.
func New(e Entry) (*File, error) {
	slug := e.Slug
	if slug == "" {
		slug = content.Slugify(e.Title)
	}
	if strings.TrimSpace(e.Title) == "" {
		return nil, errors.New("a new entry needs a title")
	}
	if !content.ValidSlug(slug) {
		return nil, fmt.Errorf("no file name can be made from %q; pass --slug with lowercase letters, digits and hyphens", cmp.Or(e.Slug, e.Title))
	}
	dir := "content/" + e.Kind.Section
	f := &File{Path: dir + "/" + slug + ".md"}
	if e.Kind.Scaffold.Bundle {
		f.Path = dir + "/" + slug + "/index.md"
	}
	fm, body, next := frontMatter(e, f.Path)
	var buf bytes.Buffer
	buf.WriteString("---\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(fm); err != nil {
		return nil, err
	}
	enc.Close()
	buf.WriteString("---\n\n")
	buf.WriteString(trimBlankLines(body))
	buf.WriteString("\n")
	f.Data = buf.Bytes()
	f.Next = next
	return f, nil
}

// field is one key and value of the front matter, kept in writing order.
type field struct {
	key   string
	value any
}

type fields []field

// MarshalYAML writes the fields as a mapping in their order.
func (fs fields) MarshalYAML() (any, error) {
	n := &yaml.Node{Kind: yaml.MappingNode}
	for _, f := range fs {
		var v yaml.Node
		if err := v.Encode(f.value); err != nil {
			return nil, err
		}
		if seq, ok := f.value.([]any); ok && len(seq) > 0 && isScalars(seq) {
			v.Style = yaml.FlowStyle
		}
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: f.key}, &v)
	}
	return n, nil
}

func isScalars(seq []any) bool {
	for _, v := range seq {
		if _, ok := v.(string); !ok {
			return false
		}
	}
	return true
}

func peopleList(ps []content.Person) []any {
	out := []any{}
	for _, p := range ps {
		if p.URL != "" {
			out = append(out, map[string]string{"name": p.Name, "url": p.URL})
		} else {
			out = append(out, p.Name)
		}
	}
	return out
}

func strs(ss []string) []any {
	out := []any{}
	for _, s := range ss {
		out = append(out, s)
	}
	return out
}

// frontMatter lays out the fields of e's kind, the body and the next steps.
func frontMatter(e Entry, file string) (fields, string, []string) {
	// A plain YAML date, as writers type it, not a quoted string.
	date := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: e.Date.Format("2006-01-02")}
	// Of the common fields, those the kind takes: a kind whose title is
	// a name (a group's) takes the title as its name.
	schema := map[string]bool{}
	for _, f := range e.Kind.Schema() {
		schema[f.Name] = true
	}
	var fm fields
	for _, f := range (fields{{"title", e.Title}, {"summary", e.Summary}, {"date", date}}) {
		if schema[f.key] {
			fm = append(fm, f)
		}
	}
	named := !schema["title"] && schema["name"]
	next := []string{}
	if e.Summary == "" {
		next = append(next, "Write the summary: one or two sentences for cards, feeds and previews.")
	}
	sc := e.Kind.Scaffold
	for _, p := range sc.Fields {
		v, given := e.given(p.Key, sc.People)
		if named && p.Key == "name" {
			v, given = e.Title, true
		}
		if !given {
			if p.Optional {
				continue
			}
			v = value(p.Value)
			if p.Ask != "" {
				next = append(next, p.Ask)
			}
		}
		fm = append(fm, field{p.Key, v})
	}
	folder := strings.NewReplacer("{folder}", path.Dir(file))
	for _, step := range sc.Next {
		next = append(next, folder.Replace(step))
	}
	next = append(next, "Run storyhub check to see what is left to fix, then open a pull request.")
	body := cmp.Or(e.Body, sc.Body)
	if e.Link != "" {
		body = e.Body // a link story is told where it links to
	}
	return fm, body, next
}

// given is the value the writer gave for key, if any; people is the key
// their names go in.
func (e Entry) given(key, people string) (any, bool) {
	switch key {
	case people:
		return peopleList(e.Authors), len(e.Authors) > 0
	case "organization":
		if e.Organization.URL != "" {
			return map[string]string{"name": e.Organization.Name, "url": e.Organization.URL}, e.Organization.Name != ""
		}
		return e.Organization.Name, e.Organization.Name != ""
	case "community":
		return e.Community, e.Community != ""
	case "region":
		return e.Region, e.Region != ""
	case "pull_quote":
		return e.PullQuote, e.PullQuote != ""
	case "tags":
		return strs(e.Tags), len(e.Tags) > 0
	case "link":
		return e.Link, e.Link != ""
	}
	return nil, false
}

// value is a starting value of a kind's scaffold, its mappings in the
// order they are written.
func value(v any) any {
	switch v := v.(type) {
	case []content.Preset:
		m := make(fields, len(v))
		for i, p := range v {
			m[i] = field{p.Key, value(p.Value)}
		}
		return m
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = value(x)
		}
		return out
	}
	return v
}

// Write creates f under the site folder; it never replaces anything.
func Write(siteDir string, f *File) error {
	root, err := os.OpenRoot(siteDir)
	if err != nil {
		return fmt.Errorf("site folder: %w", err)
	}
	defer root.Close()
	if path.Base(f.Path) == "index.md" {
		if _, err := root.Stat(path.Dir(f.Path)); err == nil {
			return fmt.Errorf("%s already exists; choose another title or pass --slug", path.Dir(f.Path))
		}
	}
	if err := root.MkdirAll(path.Dir(f.Path), 0o755); err != nil {
		return err
	}
	out, err := root.OpenFile(f.Path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists; choose another title or pass --slug", f.Path)
	}
	if err != nil {
		return err
	}
	if _, err := out.Write(f.Data); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

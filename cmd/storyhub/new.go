package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/scaffold"
)

// runNew writes a new content file: storyhub new KIND "Title".
func runNew(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("new", stderr)
	siteDir := fs.String("s", ".", "the site `folder`")
	author := fs.String("author", "", "your `name`: the author of a story, speaker of a deck, owner of talking points")
	slug := fs.String("slug", "", "the file name and URL `slug` (default: from the title)")
	fromIssue := fs.String("from-issue", "", "make a story from the Markdown body of a \"Share your story\" or \"Share a link\" issue in `FILE`")
	kinds := content.DefaultKinds()
	names, issueKind := newKinds(kinds)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: storyhub "+strings.Join(newSynopsis(kinds), "\n       storyhub "))
		fs.PrintDefaults()
	}
	// Flags may come after the kind and title, as people type them.
	kindTitle, flagArgs := splitArgs(args)
	if err := parseFlags(fs, flagArgs); err != nil {
		return err
	}
	if len(kindTitle) == 0 {
		fs.Usage()
		return usageError{}
	}
	kind := kindNamed(kinds, kindTitle[0])
	if kind == nil {
		return usageError{fmt.Sprintf("storyhub new: unknown kind %q; want %s", kindTitle[0], content.OrList(names))}
	}
	if byHand(kind) {
		return usageError{fmt.Sprintf("storyhub new: %s is written by hand, as content/%s/<slug>.md; storyhub schema lists its fields", kind.Phrase, kind.Section)}
	}
	e := scaffold.Entry{Kind: kind, Slug: *slug, Date: time.Now()}
	var notes []string
	switch {
	case *fromIssue != "":
		if !kind.Scaffold.FromIssue || len(kindTitle) > 1 {
			return usageError{"storyhub new: --from-issue makes a " + issueKind + " and takes no title: storyhub " + fromIssueSynopsis(issueKind)}
		}
		body, err := os.ReadFile(*fromIssue)
		if err != nil {
			return err
		}
		var issueNotes []string
		date := e.Date
		e, issueNotes, err = scaffold.FromIssue(kind, body)
		if err != nil {
			return fmt.Errorf("%s: %w", *fromIssue, err)
		}
		e.Slug, e.Date = *slug, date
		notes = issueNotes
	case len(kindTitle) != 2:
		return usageError{`storyhub new: give the kind and the title in quotes, like: storyhub new story "How we teach Python"`}
	default:
		e.Title = kindTitle[1]
		if *author != "" {
			if kind.Scaffold.People == "" {
				return usageError{"storyhub new: " + strings.ToLower(kind.Title) + " have no author field"}
			}
			e.Authors = []content.Person{{Name: *author}}
		}
	}
	f, err := scaffold.New(e)
	if err != nil {
		return err
	}
	if err := scaffold.Write(*siteDir, f); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created %s\n", path.Join(filepath.ToSlash(*siteDir), f.Path))
	for _, n := range notes {
		fmt.Fprintf(stdout, "note: %s\n", n)
	}
	fmt.Fprintln(stdout, "next:")
	for _, step := range f.Next {
		fmt.Fprintf(stdout, "  - %s\n", step)
	}
	return nil
}

// splitArgs separates positional words from flags, wherever they stand.
func splitArgs(args []string) (words, flags []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return append(words, args[i+1:]...), flags
		case strings.HasPrefix(a, "-") && len(a) > 1:
			flags = append(flags, a)
			if !strings.Contains(a, "=") && i+1 < len(args) && takesValue(a) {
				flags = append(flags, args[i+1])
				i++
			}
		default:
			words = append(words, a)
		}
	}
	return words, flags
}

func takesValue(flag string) bool {
	switch strings.TrimLeft(flag, "-") {
	case "s", "author", "slug", "from-issue":
		return true
	}
	return false
}

// kindNamed is the kind called name, or whose folder it is; nil for none.
func kindNamed(kinds content.KindTable, name string) *content.KindSpec {
	for _, k := range kinds.All() {
		if name == k.Name || name == k.Section {
			return k
		}
	}
	return nil
}

// newKinds are the names of the kinds storyhub new starts, in the
// table's order (every kind but those written by hand, see byHand), and
// the kind an issue becomes ("" for none).
func newKinds(kinds content.KindTable) (names []string, issueKind string) {
	for _, k := range kinds.All() {
		if byHand(k) {
			continue
		}
		names = append(names, k.Name)
		if k.Scaffold.FromIssue && issueKind == "" {
			issueKind = k.Name
		}
	}
	return names, issueKind
}

// newSynopsis is how storyhub new is called, a line a way, without
// "storyhub ": for new -h and storyhub's own usage.
func newSynopsis(kinds content.KindTable) []string {
	names, issueKind := newKinds(kinds)
	lines := []string{"new " + strings.Join(names, "|") + ` "Title" [--author NAME] [--slug SLUG] [-s SITE]`}
	if issueKind != "" {
		lines = append(lines, fromIssueSynopsis(issueKind))
	}
	return lines
}

// fromIssueSynopsis is how storyhub new makes an entry of kind from an
// issue.
func fromIssueSynopsis(kind string) string { return "new " + kind + " --from-issue FILE" }

// byHand: a kind with no start of its own (a person's profile: no title
// or date to start from, and a few fields, each the writer's own) is
// written by hand.
func byHand(k *content.KindSpec) bool {
	return len(k.Scaffold.Fields) == 0 && k.Scaffold.Body == ""
}

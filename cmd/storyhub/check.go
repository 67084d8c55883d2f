package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/storyhub/storyhub/internal/build"
	"github.com/storyhub/storyhub/internal/content"
)

// runCheck runs every check a build runs and writes nothing.
func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("check", stderr)
	siteDir := fs.String("s", ".", "the site `folder`")
	format := fs.String("format", "text", "output `format`: text, github (annotations on pull requests) or json")
	strict := fs.Bool("strict", false, "fail on warnings too")
	drafts := fs.Bool("drafts", false, "check as a build with --drafts would")
	future := fs.Bool("future", false, "check as a build with --future would")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	var write func(io.Writer, content.ErrorList) error
	switch *format {
	case "text":
		write = writeText
	case "github":
		write = writeGitHub
	case "json":
		write = writeJSON
	default:
		return usageError{fmt.Sprintf("storyhub check: --format %q: want text, github or json", *format)}
	}
	root, err := os.OpenRoot(*siteDir)
	if err != nil {
		return fmt.Errorf("site folder: %w", err)
	}
	defer root.Close()
	var list content.ErrorList
	site := build.NewFolders(root)
	defer site.Close()
	m, err := build.Load(ctx, build.Config{SiteDir: *siteDir, Drafts: *drafts, Future: *future, CheckOnly: true}, site, nil)
	switch {
	case errors.As(err, &list):
	case err != nil:
		return err
	default:
		list = m.Warnings
	}
	if err := write(stdout, list); err != nil {
		return err
	}
	if list.Count(content.SeverityError) > 0 || (*strict && list.Count(content.SeverityWarning) > 0) {
		return errReported
	}
	return nil
}

func writeText(w io.Writer, list content.ErrorList) error {
	for _, e := range list {
		fmt.Fprintf(w, "%s: %s: %s\n", e.Pos, e.Severity, e.Message())
	}
	counts := []string{
		count(list.Count(content.SeverityError), "error", "errors"),
		count(list.Count(content.SeverityWarning), "warning", "warnings"),
	}
	if n := list.Count(content.SeverityNote); n > 0 {
		counts = append(counts, count(n, "note", "notes"))
	}
	_, err := fmt.Fprintln(w, strings.Join(counts, ", "))
	return err
}

func count(n int, one, many string) string { return strconv.Itoa(n) + " " + plural(n, one, many) }

// writeGitHub writes workflow commands, which GitHub shows on the lines of
// a pull request's changed files.
func writeGitHub(w io.Writer, list content.ErrorList) error {
	for _, e := range list {
		cmd := map[content.Severity]string{content.SeverityError: "error", content.SeverityWarning: "warning", content.SeverityNote: "notice"}[e.Severity]
		// A problem of the whole file is on its first line: without a
		// line, a pull request shows it only in the run's summary.
		props := "file=" + ghProperty(e.Pos.File) + ",line=" + strconv.Itoa(max(e.Pos.Line, 1))
		if e.Pos.Col > 0 {
			props += ",col=" + strconv.Itoa(e.Pos.Col)
		}
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", cmd, props, ghData(e.Message())); err != nil {
			return err
		}
	}
	return nil
}

// ghData escapes a workflow command's message.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a workflow command's property value.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

func writeJSON(w io.Writer, list content.ErrorList) error {
	out := make([]content.Problem, 0, len(list))
	for _, e := range list {
		out = append(out, e.Problem())
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(jsonQuoteControls(b), '\n'))
	return err
}

package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/storyhub/storyhub/internal/content"
)

// runSchema prints every kind's front-matter fields.
func runSchema(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("schema", stderr)
	md := fs.Bool("markdown", false, "print Markdown tables (as in CONTRIBUTING.md)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *md {
		_, err := io.WriteString(stdout, schemaMarkdown())
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	for i, k := range content.DefaultKinds().All() {
		if i > 0 {
			fmt.Fprintln(tw)
		}
		fmt.Fprintf(tw, "%s (content/%s/)\n", k.Name, k.Section)
		for _, f := range k.Schema() {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", f.Name, fieldType(f), required(f), f.Doc)
		}
	}
	return tw.Flush()
}

func fieldType(f content.Field) string {
	if f.Alias != "" {
		return "(alias)"
	}
	return f.Type
}

func required(f content.Field) string {
	if f.Required {
		return "required"
	}
	return "optional"
}

// schemaMarkdown is one table per kind.
func schemaMarkdown() string {
	var b strings.Builder
	for i, k := range content.DefaultKinds().All() {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "#### %s (`content/%s/`)\n\n", k.Name, k.Section)
		b.WriteString("| field | type | required | meaning |\n|---|---|---|---|\n")
		for _, f := range k.Schema() {
			req := ""
			if f.Required {
				req = "yes"
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", f.Name, strings.ReplaceAll(fieldType(f), "|", "\\|"), req, f.Doc)
		}
	}
	return b.String()
}

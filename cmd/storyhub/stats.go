package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/storyhub/storyhub/internal/build"
	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/stats"
)

// runStats prints the site's impact figures (internal/stats).
func runStats(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("stats", stderr)
	siteDir := fs.String("s", ".", "the site `folder`")
	format := fs.String("format", "text", "output `format`: text, json or csv")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	var write func(io.Writer, stats.Report) error
	switch *format {
	case "text":
		write = stats.WriteText
	case "json":
		write = stats.WriteJSON
	case "csv":
		write = stats.WriteCSV
	default:
		return usageError{fmt.Sprintf("storyhub stats: --format %q: want text, json or csv", *format)}
	}
	root, err := os.OpenRoot(*siteDir)
	if err != nil {
		return fmt.Errorf("site folder: %w", err)
	}
	defer root.Close()
	folders := build.NewFolders(root)
	defer folders.Close()
	readOnce()
	now := time.Now()
	m, err := build.Load(ctx, build.Config{SiteDir: *siteDir, Now: now, FrontMatterOnly: true}, folders, nil)
	var list content.ErrorList
	if errors.As(err, &list) {
		if err := writeText(stderr, list); err != nil {
			return err
		}
		return errReported
	}
	if err != nil {
		return err
	}
	return write(stdout, stats.Compute(m.Site, now))
}

package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/storyhub/storyhub/internal/build"
	"github.com/storyhub/storyhub/internal/digest"
)

// runDigest writes an issue of the newsletter for a range of days.
func runDigest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("digest", stderr)
	siteDir := fs.String("s", ".", "the site `folder`")
	since := fs.String("since", "", "the first `day` the issue covers, YYYY-MM-DD (required)")
	until := fs.String("until", "", "the last `day` the issue covers, YYYY-MM-DD (default today)")
	out := fs.String("o", "", "write the issue to `file` (default standard output)")
	format := fs.String("format", "html", "`format`: html (the stylesheet inlined, for email) or text")
	baseURL := fs.String("base-url", "", "the `URL` the site is published at (overrides site.toml)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	f := digest.Format(*format)
	if f != digest.HTML && f != digest.Text {
		return usageError{fmt.Sprintf("storyhub digest: --format %q: want html or text", *format)}
	}
	if *since == "" {
		return usageError{"storyhub digest: --since is required: the first day the issue covers, like --since 2024-05-01 (YYYY-MM-DD)"}
	}
	readOnce()
	now := time.Now()
	first, err := day("since", *since)
	if err != nil {
		return err
	}
	// Without --until, up to this moment: the events after it are to come.
	end := now
	if *until != "" {
		last, err := day("until", *until)
		if err != nil {
			return err
		}
		if last.Before(first) {
			return usageError{fmt.Sprintf("storyhub digest: --until %s is before --since %s", *until, *since)}
		}
		end = last.AddDate(0, 0, 1)
	}
	root, err := os.OpenRoot(*siteDir)
	if err != nil {
		return fmt.Errorf("site folder: %w", err)
	}
	defer root.Close()
	folders := build.NewFolders(root)
	defer folders.Close()
	m, err := build.Load(ctx, build.Config{SiteDir: *siteDir, Now: now, BaseURL: *baseURL, FrontMatterOnly: true}, folders, nil)
	if err != nil {
		return report(err, stderr)
	}
	if err := digest.CheckBaseURL(m.Site); err != nil {
		return err
	}
	var b bytes.Buffer
	if err := digest.Write(&b, m.Site, m.Site.Issue(first, end), f); err != nil {
		return err
	}
	if *out == "" {
		_, err := stdout.Write(b.Bytes())
		return err
	}
	return writeFile(*out, b.Bytes())
}

// day reads the value of a flag that is a day.
func day(flag, value string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, value)
	if err != nil {
		return time.Time{}, usageError{fmt.Sprintf("storyhub digest: --%s %q is not a date: write it as YYYY-MM-DD, like 2024-05-01", flag, value)}
	}
	return t, nil
}

// writeFile replaces file with data in one rename, so the file is
// always a whole issue: the one before, or this one. A file that is not
// a regular one (/dev/stdout, a pipe, a device) is written to as it is:
// a rename would put a file in its place.
func writeFile(file string, data []byte) error {
	if info, err := os.Stat(file); err == nil && info.IsDir() {
		return fmt.Errorf("-o %s is a folder: give the name of the file to write", file)
	} else if err == nil && !info.Mode().IsRegular() {
		f, err := os.OpenFile(file, os.O_WRONLY, 0)
		if err != nil {
			return err
		}
		_, err = f.Write(data)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), "."+filepath.Base(file)+".*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(0o644) // as os.Create makes it; a temporary file is the owner's alone
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), file)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

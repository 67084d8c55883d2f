package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/storyhub/storyhub/internal/build"
	"github.com/storyhub/storyhub/internal/content"
)

// newFlags returns a flag set that reports instead of exiting.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("storyhub "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parseFlags parses a command's flags. The flag package has already
// printed any problem, and the usage for -h.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errHelp
		}
		return usageError{}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("%s: unexpected argument %q", fs.Name(), fs.Arg(0))}
	}
	return nil
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("build", stderr)
	siteDir := fs.String("s", ".", "the site `folder`")
	out := fs.String("o", "", "the output `folder` (default SITE/public)")
	drafts := fs.Bool("drafts", false, "include drafts")
	future := fs.Bool("future", false, "include entries dated in the future")
	baseURL := fs.String("base-url", "", "the `URL` the site is published at (overrides site.toml)")
	noMinify := fs.Bool("no-minify", false, "do not minify the output")
	timings := fs.Bool("timings", false, "print each phase's duration")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" {
		*out = filepath.Join(*siteDir, "public")
	}
	start := time.Now()
	res, err := build.Build(ctx, build.Config{
		SiteDir: *siteDir, OutDir: *out, Drafts: *drafts, Future: *future,
		BaseURL: *baseURL, NoMinify: *noMinify,
	})
	if err != nil {
		return report(err, stderr)
	}
	printProblems(res.Warnings, stderr)
	fmt.Fprintf(stdout, "built %d pages and %d files into %s in %v\n", res.Pages, res.Files, *out, time.Since(start).Round(time.Millisecond))
	if *timings {
		for _, p := range res.Phases {
			fmt.Fprintf(stdout, "  %-18s %v\n", p.Name, p.Duration.Round(time.Microsecond))
		}
	}
	return nil
}

// report prints a list of problems one per line with a count, or returns
// any other error as it is.
func report(err error, stderr io.Writer) error {
	var list content.ErrorList
	if !errors.As(err, &list) {
		return err
	}
	printProblems(list, stderr)
	n := list.Count(content.SeverityError)
	fmt.Fprintf(stderr, "%d %s; nothing was written\n", n, plural(n, "error", "errors"))
	return errReported
}

// printProblems writes errors as path:line:col: message (hint), and
// warnings and notes with their severity after the position.
func printProblems(list content.ErrorList, w io.Writer) {
	for _, e := range list {
		if e.Severity == content.SeverityError {
			fmt.Fprintln(w, e.Error())
			continue
		}
		msg := e.Msg
		if e.Hint != "" {
			msg += " (" + e.Hint + ")"
		}
		fmt.Fprintf(w, "%s: %s: %s\n", e.Pos, e.Severity, msg)
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// version is the module version, or the source revision for a build from
// a checkout.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := info.Main.Version
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && (v == "" || v == "(devel)") {
			v = "devel " + s.Value[:min(12, len(s.Value))]
		}
	}
	if v == "" {
		v = "(devel)"
	}
	return v
}

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
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
	timings := fs.Bool("timings", false, "print each phase's duration and the page and file counts")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile to `file`")
	memProfile := fs.String("memprofile", "", "write a heap profile to `file` after the build")
	cache := addCacheFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	// Most of a build's heap is the model, which lives to the end, and
	// each page's garbage is small: collecting when the heap has grown by
	// 40 % (not all) of what is live keeps the footprint near the model's
	// for a few per cent more collector time (docs/PERFORMANCE.md). The
	// collector also works harder as the heap nears 800 MiB, so a large
	// hub builds in a bounded footprint (GOGC and GOMEMLIMIT override).
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(40)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(800 << 20)
	}
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	if *memProfile != "" {
		defer writeHeapProfile(*memProfile, stderr)
	}
	if *out == "" {
		*out = filepath.Join(*siteDir, "public")
	}
	start := time.Now()
	res, err := build.Build(ctx, build.Config{
		SiteDir: *siteDir, OutDir: *out, Drafts: *drafts, Future: *future,
		BaseURL: *baseURL, NoMinify: *noMinify, Cache: cache.open(stderr),
	})
	if err != nil {
		return report(err, stderr)
	}
	// Warnings here; notes (scheduled entries) are for storyhub check.
	printProblems(slices.DeleteFunc(slices.Clone(res.Warnings), func(e *content.Error) bool { return e.Severity == content.SeverityNote }), stderr)
	if n := res.Warnings.Count(content.SeverityNote); n > 0 {
		fmt.Fprintf(stderr, "%d %s (storyhub check lists them)\n", n, plural(n, "note", "notes"))
	}
	fmt.Fprintf(stdout, "built %d pages and %d files into %s in %v\n", res.Pages, res.Files, *out, time.Since(start).Round(time.Millisecond))
	if *timings {
		for _, p := range res.Phases {
			fmt.Fprintf(stdout, "  %-18s %v\n", p.Name, p.Duration.Round(time.Microsecond))
		}
		fmt.Fprintf(stdout, "  %-18s %d\n  %-18s %d\n", "pages", res.Pages, "copied files", res.Files)
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
		fmt.Fprintf(w, "%s: %s: %s\n", e.Pos, e.Severity, e.Message())
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

// startCPUProfile profiles the CPU into file until stop is called.
func startCPUProfile(file string) (stop func(), err error) {
	f, err := os.Create(file)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// writeHeapProfile writes the heap as it is now to file.
func writeHeapProfile(file string, stderr io.Writer) {
	f, err := os.Create(file)
	if err == nil {
		runtime.GC() // the profile shows live memory as of the last collection
		err = pprof.WriteHeapProfile(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintln(stderr, "storyhub: memory profile:", err)
	}
}

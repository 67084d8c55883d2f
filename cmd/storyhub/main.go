// Command storyhub builds and previews a community stories hub, with
// the commands build, serve, check, digest (an issue of the newsletter),
// stats, new, schema and version; "storyhub
// help" prints how each is called (usage), naming every kind new starts
// from the kinds table new uses.
//
// Whatever it prints, to a terminal or a CI log, goes through one edge
// (terminal): a control, bidirectional or invisible character from a
// writer's file is shown escaped, as Go's %q writes it, never acted on.
// Positions show a file name holding one in double quotes, as git does.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/storyhub/storyhub/internal/content"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// Everything printed goes through terminal, libraries' logs too.
	stdout, stderr := terminal{os.Stdout}, terminal{os.Stderr}
	log.SetOutput(stderr)
	err := run(ctx, os.Args[1:], stdout, stderr)
	stop()
	if errors.Is(err, errHelp) {
		return
	}
	if err != nil {
		var u usageError
		if errors.As(err, &u) {
			if u.msg != "" {
				fmt.Fprintln(stderr, err)
			}
			os.Exit(2)
		}
		if !errors.Is(err, errReported) {
			fmt.Fprintln(stderr, "storyhub:", err)
		}
		os.Exit(1)
	}
}

// errReported means the problems were already printed.
var errReported = errors.New("problems reported")

// errHelp means a command printed its usage because -h asked for it.
var errHelp = errors.New("help shown")

type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

// usage is storyhub's usage text. The kinds new starts are those of
// the table new uses (newSynopsis), so the text names each of them.
func usage() string {
	var b strings.Builder
	b.WriteString(`storyhub builds and previews a community stories hub.

Usage:
  storyhub build   [-s SITE] [-o OUT] [--drafts] [--future] [--base-url URL] [--no-minify]
  storyhub serve   [-s SITE] [--addr 127.0.0.1:1313] [--future]
  storyhub check   [-s SITE] [--format text|github|json] [--strict] [--drafts] [--future]
  storyhub digest  --since DATE [--until DATE] [-s SITE] [-o FILE] [--format html|text] [--base-url URL]
  storyhub stats   [-s SITE] [--format text|json|csv]
`)
	for _, line := range newSynopsis(content.DefaultKinds()) {
		command, rest, _ := strings.Cut(line, " ")
		fmt.Fprintf(&b, "  storyhub %-7s %s\n", command, rest)
	}
	b.WriteString(`  storyhub schema  [--markdown]
  storyhub version

Run "storyhub COMMAND -h" for a command's flags.`)
	return b.String()
}

// run is the whole program; main only calls it.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usageError{usage()}
	}
	switch args[0] {
	case "build":
		return runBuild(ctx, args[1:], stdout, stderr)
	case "serve":
		return runServe(ctx, args[1:], stdout, stderr)
	case "check":
		return runCheck(ctx, args[1:], stdout, stderr)
	case "digest":
		return runDigest(ctx, args[1:], stdout, stderr)
	case "new":
		return runNew(ctx, args[1:], stdout, stderr)
	case "stats":
		return runStats(ctx, args[1:], stdout, stderr)
	case "schema":
		return runSchema(ctx, args[1:], stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, "storyhub", version())
		return nil
	case "help", "-h", "--help":
		fmt.Fprintln(stdout, usage())
		return nil
	}
	return usageError{fmt.Sprintf("storyhub: unknown command %q\n\n%s", args[0], usage())}
}

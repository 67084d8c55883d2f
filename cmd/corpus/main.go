// Command corpus writes the deterministic test and benchmark site of
// package corpus (internal/corpus) into a new folder: the stories, the
// deck index, or both. make bench builds what it writes, with storyhub
// and with Hugo.
//
//	corpus [-seed N] [-tags N] [-stories N [-photos N]] [-decks N [-events M] [-speakers S]] DIR
//
// DIR must not exist, or be empty: corpus never writes over a file.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"

	"github.com/storyhub/storyhub/internal/corpus"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	var u usageError
	switch {
	case errors.Is(err, flag.ErrHelp):
	case errors.As(err, &u):
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	case err != nil:
		fmt.Fprintln(os.Stderr, "corpus:", err)
		os.Exit(1)
	}
}

type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

const usage = `usage: corpus [-seed N] [-tags N] [-stories N [-photos N]] [-decks N [-events M] [-speakers S]] DIR

Writes the test and benchmark site into DIR, which must not exist or be
empty: -stories N success stories (with decks, talking points and guides
in proportion), -decks N the deck index, or both.`

// run is the whole program; main only calls it.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o corpus.Options
	flags := flag.NewFlagSet("corpus", flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.Usage = func() {
		fmt.Fprintln(stderr, usage+"\n\nFlags:")
		flags.PrintDefaults()
	}
	flags.IntVar(&o.Stories, "stories", 0, "success stories")
	flags.IntVar(&o.Photos, "photos", 0, "stories, of those, with a large photo")
	flags.IntVar(&o.Tags, "tags", 0, "the tag vocabulary (300 when 0)")
	flags.Uint64Var(&o.Seed, "seed", 1, "the same seed writes the same bytes")
	flags.IntVar(&o.DeckIndex.Decks, "decks", 0, "decks of the deck index")
	flags.IntVar(&o.DeckIndex.Events, "events", 0, "events of the deck index (decks/46 when 0)")
	flags.IntVar(&o.DeckIndex.Speakers, "speakers", 0, "speakers of the deck index (three fifths of the decks when 0)")
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{}
	}
	if flags.NArg() != 1 {
		return usageError{usage}
	}
	if o.Stories <= 0 && o.DeckIndex.Decks <= 0 {
		return usageError{"corpus: nothing to write: give -stories, -decks or both\n\n" + usage}
	}
	dir := flags.Arg(0)
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return err
	case len(entries) > 0:
		return fmt.Errorf("%s is not empty: corpus never writes over a file; name a new folder", filepath.ToSlash(dir))
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return corpus.Write(dir, o)
}

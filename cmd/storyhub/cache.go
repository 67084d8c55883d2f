package main

import (
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/storyhub/storyhub/internal/buildcache"
)

// cacheFlags are the build cache's flags, the same for build and serve.
type cacheFlags struct {
	dir *string
	off *bool
}

func addCacheFlags(fs *flag.FlagSet) cacheFlags {
	return cacheFlags{
		dir: fs.String("cache-dir", "", "keep resized images and preview cards in `folder` (default: the user's cache folder)"),
		off: fs.Bool("no-cache", false, "make resized images and preview cards again instead of using the cache"),
	}
}

// open returns the cache the flags ask for, pruned of entries no build
// used for a month; nil with --no-cache, or with a warning when there is
// no cache folder, since a build needs no cache to be right.
func (f cacheFlags) open(stderr io.Writer) *buildcache.Cache {
	if *f.off {
		return nil
	}
	dir := *f.dir
	if dir == "" {
		d, err := buildcache.DefaultDir()
		if err != nil {
			fmt.Fprintf(stderr, "warning: no build cache: %v (use --cache-dir)\n", err)
			return nil
		}
		dir = d
	}
	c := buildcache.Open(dir)
	if err := c.Prune(time.Now()); err != nil {
		fmt.Fprintf(stderr, "warning: pruning the build cache: %v\n", err)
	}
	return c
}

package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"runtime/debug"

	"github.com/storyhub/storyhub/internal/server"
)

// runServe builds the site into memory, serves it on loopback and
// rebuilds on every change. It never writes into the site folder.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", stderr)
	siteDir := fs.String("s", ".", "the site `folder`")
	addr := fs.String("addr", "127.0.0.1:1313", "the `address` to listen on; port 0 picks a free one")
	drafts := fs.Bool("drafts", true, "show drafts, marked as drafts")
	future := fs.Bool("future", false, "show entries dated in the future")
	poll := fs.Bool("poll", false, "find changes by polling instead of file notifications")
	cache := addCacheFlags(fs)
	var allow []string
	fs.Func("allow-host", "answer requests that name this machine `NAME` too (a name on the local network, like mybox.local; "+
		"may be given more than once); requests naming other hosts are refused", func(name string) error {
		allow = append(allow, name)
		return nil
	})
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	// The preview holds the whole site and rebuilds often: trade memory
	// for fewer collections, which keeps rebuilds quick.
	debug.SetGCPercent(400)
	ln, hosts, err := server.Listen(*addr, allow, stderr)
	if err != nil {
		return err
	}
	defer ln.Close()
	base := "http://" + shownAddr(ln.Addr().String()) + "/"
	srv, err := server.New(ctx, server.Config{SiteDir: *siteDir, Drafts: *drafts, Future: *future, Poll: *poll, Log: stderr, Cache: cache.open(stderr)}, base)
	if err != nil {
		return err
	}
	defer srv.Close()
	if err := srv.Watch(ctx); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "serving %s at %s (Ctrl-C to stop)\n", *siteDir, base)
	return srv.Serve(ctx, ln, hosts)
}

// shownAddr is the address to print and build links with: one listening
// on every interface (0.0.0.0, [::]) is reached on this machine as
// localhost.
func shownAddr(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if ip := net.ParseIP(host); err == nil && ip != nil && ip.IsUnspecified() {
		return net.JoinHostPort("localhost", port)
	}
	return addr
}

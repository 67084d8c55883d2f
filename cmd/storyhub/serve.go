package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/storyhub/storyhub/internal/build"
)

// runServe builds the site once into a temporary folder and serves it on
// loopback. It never writes into the site folder.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", stderr)
	siteDir := fs.String("s", ".", "the site `folder`")
	addr := fs.String("addr", "127.0.0.1:1313", "the `address` to listen on")
	future := fs.Bool("future", false, "include entries dated in the future")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w (is another server running? try --addr 127.0.0.1:0)", *addr, err)
	}
	defer ln.Close()
	if host, _, _ := net.SplitHostPort(*addr); !net.ParseIP(host).IsLoopback() && host != "localhost" {
		fmt.Fprintf(stderr, "warning: serving on %s, which other machines can reach\n", *addr)
	}
	tmp, err := os.MkdirTemp("", "storyhub-serve-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, "site")
	base := "http://" + ln.Addr().String() + "/"
	res, err := build.Build(ctx, build.Config{SiteDir: *siteDir, OutDir: out, Drafts: true, Future: *future, BaseURL: base})
	if err != nil {
		return report(err, stderr)
	}
	printProblems(res.Warnings, stderr)
	fmt.Fprintf(stdout, "serving %d pages at %s (Ctrl-C to stop)\n", res.Pages, base)
	srv := &http.Server{Handler: http.FileServer(http.Dir(out)), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

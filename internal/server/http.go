package server

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"net"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/storyhub/storyhub/internal/content"
)

// The live-reload script, served at liveJS and added to every HTML page.
//
//go:embed live.js
var liveScript []byte

// svgPolicy is the Content-Security-Policy of every SVG served.
const svgPolicy = "default-src 'none'; style-src 'unsafe-inline'"

const (
	liveJS    = "/__storyhub/live.js"
	eventsURL = "/__storyhub/events"
)

// ServeHTTP answers one request from the in-memory site.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "no-referrer")
	if s.hosts != nil && !s.hosts[strings.ToLower(r.Host)] {
		// A page elsewhere reaching this server by a name of its own
		// (DNS rebinding), or a name of this machine not given.
		name, _, err := net.SplitHostPort(r.Host)
		if err != nil {
			name = r.Host
		}
		http.Error(w, fmt.Sprintf("storyhub serve answers only to localhost, the addresses it listens on and the names given with --allow-host, "+
			"not to %q: to open the preview by that name, start it with --allow-host %s", r.Host, strings.Trim(name, "[]")), http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "only GET and HEAD", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case liveJS:
		h.Set("Content-Type", contentType(liveJS))
		w.Write(liveScript)
		return
	case eventsURL:
		s.events(w, r)
		return
	}
	st := s.state.Load()
	if st.snap == nil {
		s.unbuilt(w, r, st)
		return
	}
	name, redirect, ok := lookup(st.snap.Files, r.URL.Path)
	if redirect != "" {
		http.Redirect(w, r, redirect, http.StatusMovedPermanently)
		return
	}
	status := http.StatusOK
	if !ok {
		status, name = http.StatusNotFound, "404.html"
	}
	data, found := st.snap.Files[name]
	if !found {
		http.Error(w, "404 page not found", http.StatusNotFound)
		return
	}
	h.Set("X-Storyhub-Build", strconv.FormatUint(st.id, 10))
	ctype := contentType(name)
	h.Set("Content-Type", ctype)
	if ctype == "image/svg+xml" {
		// Defence in depth for a picture opened on its own: nothing in it
		// may run or load, even if a check missed something.
		h.Set("Content-Security-Policy", svgPolicy)
	}
	if strings.HasPrefix(ctype, "text/html") {
		data = inject(data, st.id)
	}
	h.Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// unbuilt answers while the site has never built: a page asked for is
// the problems, with the live script, which reloads it once the site
// builds; anything else is a short text saying so.
func (s *Server) unbuilt(w http.ResponseWriter, r *http.Request, st *state) {
	h := w.Header()
	if ext := path.Ext(r.URL.Path); ext != "" && ext != ".html" {
		http.Error(w, "the site does not build yet: open a page of it, or see the terminal, for why", http.StatusServiceUnavailable)
		return
	}
	var page bytes.Buffer
	if err := problemsPage.Execute(&page, st.problems); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	data := inject(page.Bytes(), st.id)
	h.Set("Content-Type", contentType("index.html"))
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("X-Storyhub-Build", strconv.FormatUint(st.id, 10))
	w.WriteHeader(http.StatusServiceUnavailable)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// problemsPage shows the problems of a site that never built, readable
// without the script, which shows them as the overlay over it.
var problemsPage = template.Must(template.New("problems").Funcs(template.FuncMap{
	"where": func(p Problem) string { return content.Pos{File: p.File, Line: p.Line, Col: p.Col}.String() },
	"count": errorCount,
	"add":   func(a, b int) int { return a + b },
}).Parse(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>The site does not build</title></head>
<body style="font:16px/1.5 system-ui,sans-serif;margin:2rem;max-width:60rem">
<h1>{{with count .}}{{if eq . 1}}1 problem stops{{else}}{{.}} problems stop{{end}}{{end}} the build</h1>
<p>Nothing of the site can be shown until it builds. Fix the file, and this page shows the site by itself.</p>
{{range .}}<section>
<p>{{if .File}}<code>{{where .}}</code> {{end}}{{.Severity}}: {{.Message}}{{if .Hint}}<br>{{.Hint}}{{end}}</p>
{{if .Excerpt}}<pre style="overflow:auto;background:#f3f3f3;padding:.5rem">{{$p := .}}{{range $i, $l := .Excerpt}}{{printf "%5d" (add $p.First $i)}}  {{$l}}
{{end}}</pre>{{end}}
</section>
{{end}}</body></html>
`))

// errorCount is how many errors the overlay entries stand for.
func errorCount(ps []Problem) int {
	n := 0
	for _, p := range ps {
		switch {
		case p.Errors > 0:
			n += p.Errors
		case p.Severity == "error":
			n++
		}
	}
	return n
}

// lookup maps a URL path to a file of the site: /a/ is a/index.html, and
// /a redirects to /a/ when that is a folder page. The path is cleaned, so
// it can only name files of the site.
func lookup(files map[string][]byte, urlPath string) (name, redirect string, ok bool) {
	clean := path.Clean("/" + urlPath)
	name = strings.TrimPrefix(clean, "/")
	if strings.HasSuffix(urlPath, "/") || name == "" {
		name = strings.TrimPrefix(path.Join(name, "index.html"), "/")
		_, ok = files[name]
		return name, "", ok
	}
	if _, ok := files[name]; ok {
		return name, "", true
	}
	if _, ok := files[name+"/index.html"]; ok {
		return "", clean + "/", false
	}
	return name, "", false
}

// contentType is the media type of the one table of file types
// (content.MediaType), with the charset of text, so the answer never
// depends on the machine.
func contentType(name string) string {
	mt := content.MediaType(name)
	if strings.HasPrefix(mt, "text/") {
		mt += "; charset=utf-8"
	}
	return mt
}

// inject adds the live-reload script to a page as served (never to the
// built files): before </body>, or at the end.
func inject(page []byte, id uint64) []byte {
	tag := `<script src="` + liveJS + `" data-build="` + strconv.FormatUint(id, 10) + `"></script>`
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}

// events streams build events to one page until it leaves or the server
// stops. The first event tells the current state, so a page that loaded
// during a rebuild catches up.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	ch, ok := s.hub.subscribe()
	if !ok {
		http.Error(w, "stopping", http.StatusServiceUnavailable)
		return
	}
	defer s.hub.unsubscribe(ch)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream") // no-store is set for every answer
	w.WriteHeader(http.StatusOK)
	st := s.state.Load()
	first := event{name: "ok", data: strconv.FormatUint(st.id, 10)}
	if st.problems != nil {
		first = event{name: "problems", data: st.sent}
	}
	writeEvent(w, first)
	flusher.Flush()
	ping := time.NewTicker(20 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case ev, ok := <-ch:
			if !ok {
				return
			}
			writeEvent(w, ev)
		case <-ping.C:
			fmt.Fprint(w, ": ping\n\n")
		}
		flusher.Flush()
	}
}

func writeEvent(w http.ResponseWriter, ev event) {
	fmt.Fprintf(w, "event: %s\n", ev.name)
	for _, line := range strings.Split(ev.data, "\n") {
		fmt.Fprintf(w, "data: %s\n", line)
	}
	fmt.Fprint(w, "\n")
}

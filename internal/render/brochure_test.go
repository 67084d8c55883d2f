package render

import "testing"

func TestBrochureBody(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"heading and its anchor",
			`<h2 id="results">Results<a class="anchor" href="#results">#</a></h2>`,
			`<h3 id="s:results">Results<a class="anchor" href="#s:results">#</a></h3>`},
		{"every level down, h6 stays",
			`<h1 id="a">A</h1><h5 id="e">E</h5><h6 id="f">F</h6>`,
			`<h2 id="s:a">A</h2><h6 id="s:e">E</h6><h6 id="s:f">F</h6>`},
		{"footnote and its reference",
			`<p>x<sup id="fnref:1"><a class="footnote-ref" href="#fn:1" role="doc-noteref">1</a></sup></p><div class="footnotes" role="doc-endnotes"><ol><li id="fn:1"><p>n <a class="footnote-backref" href="#fnref:1" role="doc-backlink">↩︎</a></p></li></ol></div>`,
			`<p>x<sup id="s:fnref:1"><a class="footnote-ref" href="#s:fn:1" role="doc-noteref">1</a></sup></p><div class="footnotes" role="doc-endnotes"><ol><li id="s:fn:1"><p>n <a class="footnote-backref" href="#s:fnref:1" role="doc-backlink">↩︎</a></p></li></ol></div>`},
		{"other links and a lone #",
			`<p><a href="/stories/b/#top">b</a> <a href="https://x.example/#y">x</a> <a href="#">top</a></p>`,
			`<p><a href="/stories/b/#top">b</a> <a href="https://x.example/#y">x</a> <a href="#">top</a></p>`},
		{"names an element by id",
			`<div role="region" aria-labelledby="t1 t2"><p id="t1">T</p></div>`,
			`<div role="region" aria-labelledby="s:t1 s:t2"><p id="s:t1">T</p></div>`},
		{"text stays text",
			`<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; id="x"</p>`,
			`<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; id=&#34;x&#34;</p>`},
		{"a picture loads with the page",
			`<p><img src="/stories/a/p.jpg" alt="A" width="4" height="3" loading="lazy" decoding="async"></p>`,
			`<p><img src="/stories/a/p.jpg" alt="A" width="4" height="3" decoding="async"/></p>`},
		{"empty", ``, ``},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := brochureBody(tt.body, "s:")
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("brochureBody(%q)\n got %s\nwant %s", tt.body, got, tt.want)
			}
		})
	}
}

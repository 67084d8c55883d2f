package content

import "testing"

// TestFrontMatterURLsInASCII: an international host name is published in
// its ASCII form, which browsers show as written, instead of being
// percent-encoded into an address that leads nowhere.
func TestFrontMatterURLsInASCII(t *testing.T) {
	src := "---\ntitle: T\nsummary: s\ndate: 2026-05-14\n" +
		"authors: [{name: A, url: 'https://BÜCHER.example/über'}]\n" +
		"organization: {name: O, url: 'https://xn--bcher-kva.example/'}\n" +
		"canonical_url: https://bücher.example/a?b=c\n---\n"
	d, errs := Parse("f.md", DefaultKinds(), Story, []byte(src))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for got, want := range map[string]string{
		d.Authors[0].URL:   "https://xn--bcher-kva.example/über",
		d.Organization.URL: "https://xn--bcher-kva.example/",
		d.CanonicalURL:     "https://xn--bcher-kva.example/a?b=c",
	} {
		if got != want {
			t.Errorf("got %q; want %q", got, want)
		}
	}
}

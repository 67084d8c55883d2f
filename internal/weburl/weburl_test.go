package weburl

import (
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	tests := []struct {
		in, want string // want "" means refused
		problem  string // a word of the problem, when refused
	}{
		{"https://example.org/", "https://example.org/", ""},
		{"http://example.org", "http://example.org", ""},
		{"https://example.org:8443/a/b?c=d&e=f#g", "https://example.org:8443/a/b?c=d&e=f#g", ""},
		{"HTTPS://Example.ORG/Path", "https://example.org/Path", ""},
		{"https://example.org/bücher?q=ü", "https://example.org/bücher?q=ü", ""},

		// International host names are published in their ASCII form.
		{"https://bücher.example/", "https://xn--bcher-kva.example/", ""},
		{"https://BÜCHER.example/x", "https://xn--bcher-kva.example/x", ""},
		{"https://xn--bcher-kva.example/", "https://xn--bcher-kva.example/", ""},
		{"https://straße.de/", "https://xn--strae-oqa.de/", ""},
		{"https://пример.рф/", "https://xn--e1afmkfd.xn--p1ai/", ""},
		{"https://ｅｘａｍｐｌｅ.org/", "https://example.org/", ""},
		{"https://xn--zzzz-.example/", "", "not valid"},
		{"https://xn--a.example/", "", "not valid"},
		{"https://xn--.example/", "", "not valid"},
		{"https://a..example/", "", "not valid"},
		{"https://-bad.example/", "", "not valid"},
		{"https://ex_ample.org/", "", "not valid"},
		{"https://b%C3%BCcher.example/", "", "percent-encoded"},
		{"https://" + strings.Repeat("a", 64) + ".example/", "", "not valid"},
		// Latin "p" and "l" with Cyrillic "а": looks like paypal.
		{"https://pаypal.example/", "", "mixing"},

		// User names and passwords make one host read as another.
		{"https://user:pass@good.example@evil.example/", "", "user name"},
		{"https://good.example@evil.example/", "", "user name"},
		{"https://@evil.example/", "", "user name"},
		{"https://good.example%40evil.example/", "", "not a valid host name"},

		// Numbers browsers read as IP addresses.
		{"http://192.0.2.1/", "http://192.0.2.1/", ""},
		{"http://[2001:db8::1]:8080/x", "http://[2001:db8::1]:8080/x", ""},
		{"http://[::ffff:192.0.2.1]/", "http://[::ffff:192.0.2.1]/", ""},
		{"http://3232235521/", "", "numeric"},
		{"http://0x7f.1/", "", "numeric"},
		{"http://0300.0250.0.1/", "", "numeric"},
		{"http://192.168.0.1.example/", "http://192.168.0.1.example/", ""},
		{"http://[fe80::1%25eth0]/", "", "percent-encoded"},

		// Ports browsers refuse, or that lead nowhere.
		{"https://example.org:65535/", "https://example.org:65535/", ""},
		{"https://example.org:99999/", "", "port"},
		{"https://example.org:0/", "", "port"},
		{"http://[2001:db8::1]:70000/", "", "port"},

		// What browsers read differently from how it looks.
		{`https://evil.example\@good.example/`, "", "backslash"},
		{`https://example.org/a\b`, "", "backslash"},
		{"https://exa mple.org/", "", "not a valid host name"},
		{"https://exa\u00a0mple.org/", "", "not valid"},
		{"https://example.org/a b", "https://example.org/a b", ""}, // written %20
		{"https://evil.exa\tmple/", "", "control"},
		{"https://example.org/\u0085", "", "control"},
		{"https://example.org/\u202egpj.exe", "", "bidirectional"},
		{"https://exa\u202emple.org/", "", "bidirectional"},

		// Not web addresses at all.
		{"ftp://example.org/", "", "http(s)"},
		{"javascript:alert(1)", "", "http(s)"},
		{"https:example.org", "", "http(s)"},
		{"//example.org/", "", "http(s)"},
		{"https:///path", "", "no host"},
		{"https://", "", "no host"},

		// Addresses net/url refuses: a host problem says so, the rest
		// say what is wrong.
		{"https://www.youtube%20.com/watch?v=abc", "", `has the host "www.youtube%20.com", which is not a valid host name`},
		{"HTTPS://user@bad%2Fhost:8080/", "", `has the host "bad%2Fhost", which is not a valid host name`},
		{"https://example.org:port/", "", `is not a valid URL (invalid port ":port" after host)`},
		{"https://example.org/%zz", "", `is not a valid URL (invalid URL escape "%zz")`},
	}
	for _, tt := range tests {
		got, problem, hint := Check(tt.in)
		if got != tt.want {
			t.Errorf("Check(%q) = %q (%s); want %q", tt.in, got, problem, tt.want)
			continue
		}
		if tt.want == "" && (!strings.Contains(problem, tt.problem) || hint == "") {
			t.Errorf("Check(%q): problem %q, hint %q; want a problem saying %q, and a hint", tt.in, problem, hint, tt.problem)
		}
		if tt.want != "" && problem != "" {
			t.Errorf("Check(%q) = %q and problem %q", tt.in, got, problem)
		}
	}
}

func FuzzCheck(f *testing.F) {
	for _, s := range []string{"https://bücher.example/", "https://a@b@c/", "http://[::1]:80/x?y#z", "http://0x7f.1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, problem, _ := Check(s)
		if problem != "" {
			return
		}
		// What is published passes again, unchanged.
		again, problem, _ := Check(u)
		if problem != "" || again != u {
			t.Errorf("Check(%q) = %q, which checks as %q, %q", s, u, again, problem)
		}
	})
}

func TestHost(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://speakerdeck.com/example/talk", "speakerdeck.com"},
		{"https://www.slideshare.net/example/talk", "slideshare.net"},
		{"https://WWW.Example.org:8443/x", "example.org"},
		{"https://www.example/", "www.example"}, // www is the whole name
		{"https://docs.google.com/presentation/d/x", "docs.google.com"},
		{"https://xn--bcher-kva.example/a.pdf", "xn--bcher-kva.example"},
		{"https://[2001:db8::1]/slides.pdf", "2001:db8::1"},
		{"https://192.0.2.1:8080/", "192.0.2.1"},
		{"", ""},
		{"%", ""},
	}
	for _, tt := range tests {
		// Most addresses here are as Check publishes them; the others are
		// taken as well as they can be.
		if got := Host(tt.in); got != tt.want {
			t.Errorf("Host(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

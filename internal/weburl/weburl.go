// Package weburl checks a web address a writer typed, in front matter or
// in Markdown, and gives the form to publish. It is a leaf: content and
// markdown both use it, so every address on the site follows one rule.
//
// An address must be http or https, with a host and nothing a browser
// reads differently from how a reviewer reads it:
//
//   - no user name or password (https://user:pass@good.example@evil.example/
//     leads to evil.example);
//   - no backslash, control character or bidirectional control anywhere
//     (browsers turn \ into / and drop tabs and newlines; U+202E reorders
//     what a reader sees), and no space in the host;
//   - a host that is an internationalized domain name valid under IDNA
//     2008 (UTS #46, golang.org/x/net/idna), published in its ASCII form
//     (bücher.example becomes xn--bcher-kva.example, which every browser
//     shows as bücher.example again), with no label mixing Latin letters
//     with Cyrillic or Greek ones, the commonest way to look like another
//     address;
//   - or an IP address written plainly: 192.0.2.1 or [2001:db8::1], not a
//     number browsers read as an address (0x7f.1, 3232235521);
//   - and a port, if any, from 1 to 65535.
//
// A host is mapped as browsers map it (EXAMPLE.org and ｅｘａｍｐｌｅ.org are
// example.org), so the address published leads where a browser would go.
// Host names the site an address leads to, as a link's text says it.
package weburl

import (
	"errors"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// Check returns s in the form to publish, or a problem (a clause to follow
// the address in a message, like "has a user name or password before @")
// and a hint saying how to mend it.
func Check(s string) (u, problem, hint string) {
	if !utf8.ValidString(s) {
		return "", "is not valid UTF-8", "save the file as UTF-8"
	}
	if strings.ContainsFunc(s, func(r rune) bool {
		if r < utf8.RuneSelf {
			return r == '\\' || r < ' ' || r == 0x7f
		}
		return unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r)
	}) {
		return "", "contains a backslash, a control character or a bidirectional control, which browsers or readers see differently",
			"write the address without it"
	}
	p, err := url.Parse(s)
	if err != nil {
		// Most addresses that do not parse have a bad host; saying so
		// beats a vague "not a valid URL", and an http(s) address is
		// never told it has the wrong scheme.
		if host, ok := typedHost(s); ok && strings.ContainsFunc(host, forbiddenInHost) {
			return "", "has the host " + strconv.Quote(host) + ", which is not a valid host name", "check the address; a host has no spaces or %"
		}
		return "", "is not a valid URL (" + parseReason(err) + ")", "copy the address from the browser's address bar"
	}
	if p.Opaque != "" || (p.Scheme != "http" && p.Scheme != "https") {
		return "", "is not an http(s) URL", "write a full address starting with https://"
	}
	if p.User != nil {
		return "", "has a user name or password before @, so it reads as one host and leads to " + hostOrNone(p.Hostname()),
			"remove everything between // and @"
	}
	_, rest, _ := strings.Cut(s, "//")
	authority := rest[:strings.IndexAny(rest+"/", "/?#")]
	if strings.Contains(authority, "%") {
		return "", "has a percent-encoded host", "write the host as it reads, like bücher.example"
	}
	host := p.Hostname()
	if host == "" {
		return "", "has no host", "write a full address like https://example.org/page"
	}
	ascii, problem, hint := checkHost(host)
	if problem != "" {
		return "", problem, hint
	}
	if port := p.Port(); port != "" {
		// Browsers refuse a URL with a port past 65535; port 0 leads
		// nowhere.
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
			return "", "has the port " + port + ", which is not one from 1 to 65535", "write the port the site uses, or none"
		}
		ascii += ":" + port
	}
	if authority == ascii && strings.HasPrefix(s, p.Scheme) {
		return s, "", "" // as written, as most are
	}
	// The authority replaced, so nothing else of the address changes.
	return p.Scheme + "://" + ascii + rest[len(authority):], "", ""
}

// typedHost is the host of an http(s) address as typed, without user
// name and port, found without parsing the rest; ok is false for another
// scheme, or an IP v6 address.
func typedHost(s string) (string, bool) {
	scheme, rest, ok := strings.Cut(s, "://")
	if !ok || !strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") {
		return "", false
	}
	host := rest[:strings.IndexAny(rest+"/", "/?#")]
	host = host[strings.LastIndexByte(host, '@')+1:]
	if strings.HasPrefix(host, "[") {
		return "", false
	}
	if i := strings.LastIndexByte(host, ':'); i >= 0 {
		host = host[:i]
	}
	return host, true
}

// forbiddenInHost reports whether r may never be part of a host name
// (the WHATWG URL standard's forbidden host code points, and %).
func forbiddenInHost(r rune) bool {
	return r <= ' ' || strings.ContainsRune("#%/:<>?@[\\]^|", r)
}

// parseReason is what net/url found wrong, without the address it
// repeats.
func parseReason(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return err.Error()
}

func hostOrNone(h string) string {
	if h == "" {
		return "no host"
	}
	return h
}

// hosts is UTS #46 processing as browsers do it (idna.Lookup), which
// also refuses empty and overlong labels (xn--.example).
var hosts = idna.New(idna.MapForLookup(), idna.BidiRule(), idna.VerifyDNSLength(true))

// checkHost returns a host name or IP address in its ASCII form, IPv6 in
// brackets.
func checkHost(host string) (string, string, string) {
	if a, err := netip.ParseAddr(host); err == nil {
		if a.Zone() != "" {
			return "", "has an IPv6 zone, which names a network of one machine", "link to a host name"
		}
		if a.Is6() {
			return "[" + a.String() + "]", "", ""
		}
		return a.String(), "", ""
	}
	labels := strings.Split(strings.TrimSuffix(host, "."), ".")
	if last := labels[len(labels)-1]; last != "" && (strings.Trim(last, "0123456789") == "" || strings.HasPrefix(strings.ToLower(last), "0x")) {
		return "", "has a host browsers read as a numeric IP address", "write the host name, or the address as four numbers like 192.0.2.1"
	}
	ascii, err := hosts.ToASCII(host)
	if err != nil {
		return "", "has a host name that is not valid (" + strings.TrimPrefix(err.Error(), "idna: ") + ")", "check the spelling of the host"
	}
	if !strings.Contains(ascii, "xn--") {
		return ascii, "", "" // ASCII letters only: one script
	}
	unicodeHost, _ := hosts.ToUnicode(ascii)
	for label := range strings.SplitSeq(unicodeHost, ".") {
		if mixedScripts(label) {
			return "", "has a host name mixing Latin letters with Cyrillic or Greek ones, which makes it look like another address",
				"write the host in one alphabet"
		}
	}
	return ascii, "", ""
}

// mixedScripts reports whether a label has Latin letters and Cyrillic or
// Greek ones.
func mixedScripts(label string) bool {
	var latin, other bool
	for _, r := range label {
		latin = latin || unicode.Is(unicode.Latin, r)
		other = other || unicode.In(r, unicode.Cyrillic, unicode.Greek)
	}
	return latin && other
}

// Host is the host of an address Check published, as readers know a site
// by it: without a port or a leading www. (speakerdeck.com). It is the
// ASCII form Check gives, so no look-alike letters hide where a link
// leads. "" for an address with no host.
func Host(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	h := strings.ToLower(p.Hostname())
	if rest, ok := strings.CutPrefix(h, "www."); ok && strings.Contains(rest, ".") {
		return rest
	}
	return h
}

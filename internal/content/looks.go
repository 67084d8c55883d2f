package content

import (
	"strings"

	"github.com/gabriel-vasile/mimetype"
)

// A download or image the front matter names is judged by its first
// bytes while it is hashed (Cache.hashFile reads every byte once), against
// the Bytes of its row in fileTypes, and a mismatch is reported at the
// entry or key that names it: a slides.pdf that is an HTML page would be
// offered as "PDF · 37 bytes", and a photo.png that is text shown as a
// broken picture.

// notWhatNamed says what head, the first bytes of the file name, look like
// when they are not what its type's bytes must be ("an HTML page"), or ""
// when they are, or when the table says nothing of such bytes.
func notWhatNamed(name string, head []byte) string {
	t, ok := TypeOf(name)
	if !ok || t.Bytes == "" {
		return ""
	}
	if len(head) == 0 {
		return "the file is empty"
	}
	good, m := recognise(t, head)
	if good {
		return ""
	}
	return "its bytes begin like " + looksLike(m, head)
}

// looksLike names in words what mimetype found, for a writer who knows
// files by what opens them.
func looksLike(m *mimetype.MIME, head []byte) string {
	for k := m; k != nil; k = k.Parent() {
		switch {
		case k.Is("text/html"):
			return "an HTML page"
		case k.Is("image/svg+xml"):
			return "an SVG picture"
		case k.Is("text/plain") && !utf8Head(head):
			return "text in an encoding other than UTF-8"
		case k.Is("text/plain"):
			return "plain text"
		case k.Is("application/octet-stream"):
			return "no format it knows"
		}
		if t, ok := TypeOf("x" + k.Extension()); ok && k.Extension() != "" && t.Use != SiteOnly && t.Bytes != "text" {
			return named(t)
		}
	}
	return "a file of type " + m.String()
}

// named is a type as a sentence names it: "a PDF", "an ODP".
func named(t FileType) string {
	if t.Bytes == "text" {
		return "plain text"
	}
	f := strings.ToUpper(t.Ext)
	if t.Ext == "jpeg" {
		f = "JPG"
	}
	// Letters whose names start with a vowel sound.
	if strings.ContainsRune("AEFHILMNORSX", rune(f[0])) {
		return "an " + f
	}
	return "a " + f
}

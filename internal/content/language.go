package content

import (
	"gopkg.in/yaml.v3"

	"fmt"
	"strings"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// ParseLanguage reads a deck's language: an ISO 639-1 or 639-3 code
// (en, eng, es, spa), or a BCP 47 tag (pt-BR), in any case. It returns
// the canonical tag (en for eng), so one language is one filter however
// it was typed.
func ParseLanguage(s string) (string, error) {
	t, err := language.Parse(s)
	if err != nil || t == language.Und || LanguageName(t.String()) == "" {
		return "", fmt.Errorf("language %q is not a known language code", s)
	}
	return t.String(), nil
}

// LanguageName is a language tag as its speakers write it, capitalized
// as a value standing alone ("English", "Español"), or in English when
// that is unknown; "" for a tag that names no known language.
func LanguageName(tag string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return ""
	}
	if n := display.Self.Name(t); n != "" {
		return cases.Title(t).String(n)
	}
	if n := display.English.Languages().Name(t); n != "" && !strings.HasPrefix(n, "Unknown") {
		return n
	}
	return ""
}

// languageField is the deck's language, checked and kept canonical.
func languageField(name, doc string, dst func(*Doc) *string) Field {
	return field(name, "language code", doc, false, func(d *Doc, n *yaml.Node, e *decodeErrs) {
		s, ok := scalar(n, name, e)
		if !ok {
			return
		}
		tag, err := ParseLanguage(strings.TrimSpace(s))
		if err != nil {
			e.at(n, err.Error(), "write an ISO 639 code, like en or eng for English, es or spa for Spanish")
			return
		}
		*dst(d) = tag
	})
}

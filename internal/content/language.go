package content

import (
	"gopkg.in/yaml.v3"

	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// ParseLanguage reads a deck's language: an ISO 639-1 or 639-3 code
// (en, eng, es, spa), or a BCP 47 tag of a language with its script or
// region (pt-BR, zh-Hant), in any case. It returns the canonical tag (en
// for eng), so one language is one filter however it was typed. A tag
// with more (a variant, an extension, private use) is refused: each
// would be a filter of its own under the same name.
func ParseLanguage(s string) (string, error) {
	t, err := language.Parse(s)
	if err != nil || t == language.Und || LanguageName(t.String()) == "" {
		return "", fmt.Errorf("language %q is not a known language code", s)
	}
	if len(t.Variants()) > 0 || len(t.Extensions()) > 0 {
		return "", fmt.Errorf("language %q says more than a language, its script and its region", s)
	}
	return t.String(), nil
}

// languageHint is the fix for a language ParseLanguage refused: the
// code of the language when s is its name, in English or in itself
// (English, Español); else how codes look.
func languageHint(s string) string {
	if code := codeOfName(s); code != "" {
		return fmt.Sprintf("write %s, the code of %s", code, s)
	}
	if t, err := language.Parse(s); err == nil {
		if b, conf := t.Base(); conf == language.Exact {
			plain, _ := language.Compose(b)
			if sc, conf := t.Script(); conf == language.Exact {
				plain, _ = language.Compose(b, sc)
			}
			if r, conf := t.Region(); conf == language.Exact {
				plain, _ = language.Compose(plain, r)
			}
			return "write " + plain.String()
		}
	}
	return "write an ISO 639 code, like en or eng for English, es or spa for Spanish, or a code with a region, like pt-BR"
}

// codeOfName finds the ISO 639 code of a language from its name in
// English or in itself, in any case: the two-letter code where there is
// one, else the three-letter one; "" when no language has that name. It
// tries every code, which is cheap enough for a message.
func codeOfName(s string) string {
	s = strings.TrimSpace(s)
	if len(s) < 3 {
		return ""
	}
	for _, n := range []int{2, 3} {
		for i := range pow(26, n) {
			code := make([]byte, n)
			for j := n - 1; j >= 0; j-- {
				code[j], i = byte('a'+i%26), i/26
			}
			b, err := language.ParseBase(string(code))
			if err != nil {
				continue
			}
			for _, name := range []string{display.English.Languages().Name(b), display.Self.Name(b)} {
				if name != "" && strings.EqualFold(name, s) {
					return b.String()
				}
			}
		}
	}
	return ""
}

func pow(a, n int) int {
	p := 1
	for range n {
		p *= a
	}
	return p
}

// LanguageName is a language tag as its speakers write it, its first
// letter capitalized as a value standing alone ("English", "Español"), or in English when
// that is unknown; "" for a tag that names no known language. A tag
// with a region or script whose name is the language's own is told
// apart by it ("Português (Brasil)" beside "Português"), so two
// filters never have one name.
func LanguageName(tag string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return ""
	}
	name := display.Self.Name(t)
	if name == "" {
		if n := display.English.Languages().Name(t); n != "" && !strings.HasPrefix(n, "Unknown") {
			return n
		}
		return ""
	}
	// The script when the language alone has the same name, then the
	// region when the language in its script has it.
	b, _ := t.Base()
	less, _ := language.Compose(b)
	var part []string
	if sc, conf := t.Script(); conf == language.Exact {
		if with, _ := language.Compose(b, sc); display.Self.Name(less) == display.Self.Name(with) {
			part = append(part, display.Scripts(t).Name(sc))
		}
		less, _ = language.Compose(b, sc)
	}
	if r, conf := t.Region(); conf == language.Exact && display.Self.Name(less) == name {
		part = append(part, display.Regions(t).Name(r))
	}
	if len(part) > 0 {
		name += " (" + strings.Join(part, ", ") + ")"
	}
	// The first letter alone: "Español latinoamericano", as Spanish
	// writes it, not "Español Latinoamericano".
	_, n := utf8.DecodeRuneInString(name)
	return cases.Upper(t).String(name[:n]) + name[n:]
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
			e.at(n, err.Error(), languageHint(strings.TrimSpace(s)))
			return
		}
		*dst(d) = tag
	})
}

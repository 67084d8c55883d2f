package content

import (
	"strings"
	"testing"
)

func TestSpoofing(t *testing.T) {
	tests := []struct {
		in    string
		at    int // in runes; -1: nothing to flag
		count int
	}{
		{"Plain title", -1, 0},
		{"Café, 日本語, שלום עולם, مرحبا", -1, 0},
		// Bidirectional controls.
		{"Invoice\u202Efdp.exe", 7, 1},
		{"a\u202Ab\u202Cc", 1, 2},
		{"\u2066isolate\u2069", 0, 2},
		{"mark\u200E", 4, 1},
		{"mark\u200F", 4, 1},
		{"arabic letter mark\u061C", 18, 1},
		// Invisible characters.
		{"zero\u200Bwidth", 4, 1},
		{"word\u2060joiner", 4, 1},
		{"invisible\u2062times", 9, 1},
		{"bom\uFEFFinside", 3, 1},
		{"soft\u00ADhyphen", 4, 1},
		{"mongolian\u180Evowel", 9, 1},
		{"\u3164", 0, 1},        // Hangul filler, a name that looks empty
		{"ab\u034Fc", 2, 1},     // combining grapheme joiner
		{"tag\U000E0041", 3, 1}, // a tag character alone
		{"\uFE0F", 0, 1},        // a variation selector with nothing to vary
		{"a \uFE0Fb", 2, 1},
		{"a\u200Db", 1, 1}, // a joiner between Latin letters
		{"a\u200Cb", 1, 1}, // a non-joiner between Latin letters
		{"\u200D👩", 0, 1},  // a joiner before, not between, emoji
		{"👩\u200D", 1, 1},  // and after
		{"👩\u200Dx", 1, 1},
		{"T\x1b[31mred\a", 1, 2}, // control characters, written "\e" and "\a" in YAML
		{"delete\x7f", 6, 1},
		{"next\u0085line", 4, 1}, // a C1 control
		{"a\tb\nc\r\n", -1, 0},   // tab and line breaks are text
		// What is let be.
		{"👨\u200D👩\u200D👧", -1, 0}, // a family
		{"👩🏽\u200D💻", -1, 0},       // a skin tone before the joiner
		{"❤\uFE0F\u200D🔥", -1, 0},  // a variation selector before it
		{"👩\u200D❤\uFE0F\u200D👨", -1, 0},
		{"می\u200Cخواهم", -1, 0},         // Persian: a non-joiner inside a word
		{"क्\u200Dष", -1, 0},             // Devanagari: a joiner after a virama
		{"ন্\u200Cত", -1, 0},             // Bengali
		{"1\uFE0F\u20E3 ❤\uFE0F", -1, 0}, // keycap and a red heart
		{"🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F Scotland", -1, 0},
		{"🏴\U000E0067\U000E007F\U000E0041", 3, 1}, // a tag after the flag's end
		{"\u0600\u0661", -1, 0}, // an Arabic number sign shows
	}
	for _, tt := range tests {
		at, r, count := spoofing(tt.in)
		if at != tt.at || count != tt.count {
			t.Errorf("spoofing(%+q) = %d, %U, %d; want %d, %d", tt.in, at, r, count, tt.at, tt.count)
			continue
		}
		if at >= 0 && []rune(tt.in)[at] != r {
			t.Errorf("spoofing(%+q) = %d but %U", tt.in, at, r)
		}
	}
}

// TestSpoofWarnings: a warning names the character and is at its own
// column where it is written as it is on the value's line, and at the
// value otherwise.
func TestSpoofWarnings(t *testing.T) {
	tests := []struct {
		name, kind, front string
		want              []string
	}{
		{"plain title", "story", "title: Invoice \u202Efdp.exe\n", []string{
			"f.md:2:16: title contains U+202E RIGHT-TO-LEFT OVERRIDE, which reorders the text around it (remove it; if the title is really in a right-to-left script, no control character is needed)"}},
		{"quoted title after accents", "story", "title: \"Café Zürich\u200B\"\n", []string{
			"f.md:2:20: title contains U+200B ZERO WIDTH SPACE, which is invisible (remove it: a reader cannot see it, and the text reads the same without it)"}},
		{"escaped in double quotes", "story", "title: \"Invoice \\u202Efdp\"\n", []string{
			"f.md:2:8: title contains U+202E RIGHT-TO-LEFT OVERRIDE, which reorders the text around it (remove it; if the title is really in a right-to-left script, no control character is needed)"}},
		{"folded", "story", "title: >\n  A long\n  title\u2060\n", []string{
			"f.md:2:8: title contains U+2060 WORD JOINER, which is invisible (remove it: a reader cannot see it, and the text reads the same without it)"}},
		{"two in one value", "story", "title: a\u200Bb\u200Bc\n", []string{
			"f.md:2:9: title contains U+200B ZERO WIDTH SPACE, which is invisible (and 1 more such characters) (remove it: a reader cannot see it, and the text reads the same without it)"}},
		{"names and tags", "story", "title: T\nauthors: [Ada, \"Bob\u202E\", {name: \"Eve\u200D\"}]\norganization: {name: Acme\u2066}\ntags: [web, \u3164]\n", []string{
			"f.md:3:20: authors contains U+202E RIGHT-TO-LEFT OVERRIDE, which reorders the text around it (remove it; if the authors is really in a right-to-left script, no control character is needed)",
			"f.md:3:35: authors.name contains U+200D ZERO WIDTH JOINER, which is invisible (remove it: a reader cannot see it, and the text reads the same without it)",
			"f.md:4:26: organization.name contains U+2066 LEFT-TO-RIGHT ISOLATE, which reorders the text around it (remove it; if the organization.name is really in a right-to-left script, no control character is needed)",
			"f.md:5:13: tags item contains U+3164 HANGUL FILLER, which is invisible (remove it: a reader cannot see it, and the text reads the same without it)"}},
		{"emoji and Persian", "story", "title: \"👩\u200D💻 می\u200Cخواهم\"\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			front := tt.front
			if !strings.Contains(front, "authors:") {
				front += "authors: [Ada]\n"
			}
			src := "---\n" + front + "summary: s\ndate: 2026-05-14\n---\n"
			_, errs := Parse("f.md", DefaultKinds(), Story, []byte(src))
			var got []string
			for _, e := range errs {
				got = append(got, e.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			for _, e := range errs {
				if e.Severity != SeverityWarning {
					t.Errorf("%s is not a warning", e)
				}
			}
		})
	}
}

func TestSpoofWarningsTOMLAndJSON(t *testing.T) {
	for name, src := range map[string]string{
		"toml": "+++\ntitle = \"Invoice \u202Efdp\"\nsummary = \"s\"\ndate = 2026-05-14\nauthors = [\"Ada\"]\n+++\n",
		"json": "{\n  \"title\": \"Invoice \u202Efdp\",\n  \"summary\": \"s\", \"date\": \"2026-05-14\", \"authors\": [\"Ada\"]\n}\n\n",
	} {
		_, errs := Parse("f.md", DefaultKinds(), Story, []byte(src))
		want := map[string]string{"toml": "f.md:2:18: title contains U+202E", "json": "f.md:2:21: title contains U+202E"}[name]
		if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), want) {
			t.Errorf("%s: %v; want %s…", name, errs, want)
		}
	}
}

package content

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/runenames"
	"gopkg.in/yaml.v3"
)

// Text a page shows should read as the reviewer of a pull request read it.
// A front-matter value holding a bidirectional control (U+202E reorders
// what follows it) or an invisible character (zero-width spaces, word
// joiners, fillers, tag characters, control characters other than tab
// and line breaks) gets a warning, as code hosts flag
// them in diffs. Legitimate uses are let be, by a simple rule:
//
//   - a zero-width joiner (U+200D) between two symbols (an emoji
//     sequence: 👩‍💻), skin tones and variation selectors aside;
//   - a zero-width joiner or non-joiner (U+200C) after a letter or mark of
//     a script that shapes with them (joiningScripts: Persian, Indic);
//   - tag characters after U+1F3F4 WAVING BLACK FLAG (a flag of a region:
//     🏴󠁧󠁢󠁳󠁣󠁴󠁿);
//   - a variation selector after a character it can vary (anything but
//     the start of the value, a space or another invisible character).

// joiningScripts are the scripts whose words need U+200C and U+200D.
var joiningScripts = []*unicode.RangeTable{
	unicode.Arabic, unicode.Syriac, unicode.Nko, unicode.Mongolian,
	unicode.Devanagari, unicode.Bengali, unicode.Gurmukhi, unicode.Gujarati,
	unicode.Oriya, unicode.Tamil, unicode.Telugu, unicode.Kannada,
	unicode.Malayalam, unicode.Sinhala, unicode.Myanmar, unicode.Khmer,
}

// spoofing finds the first character of s that makes it read other than
// it is. It returns its index in runes and the rune, and how many such
// characters s holds; the index is -1 when there is none.
func spoofing(s string) (at int, first rune, count int) {
	at = -1
	if printableASCII(s) {
		return at, 0, 0 // most values: nothing here can hide
	}
	rs := []rune(s)
	flag := false // inside a flag's tag sequence
	for i, r := range rs {
		var prev, next rune
		if i > 0 {
			prev = rs[i-1]
		}
		if i+1 < len(rs) {
			next = rs[i+1]
		}
		bad := false
		switch {
		case unicode.Is(unicode.Bidi_Control, r):
			bad = true
		case r >= 0xE0000 && r <= 0xE007F: // tags
			flag = flag || prev == 0x1F3F4
			bad = !flag
			if r == 0xE007F {
				flag = false
			}
			if !bad {
				continue
			}
		case r == 0x200D && unicode.Is(unicode.So, emojiBase(rs[:i])) && unicode.Is(unicode.So, next):
		case (r == 0x200C || r == 0x200D) && joins(prev):
		case unicode.Is(unicode.Variation_Selector, r):
			bad = i == 0 || unicode.IsSpace(prev) || invisible(prev)
		case invisible(r), unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r':
			// A control character (ESC, BEL, U+0085) shows as nothing
			// on a page; YAML lets "\e" write one.
			bad = true
		}
		flag = false
		if bad {
			if at < 0 {
				at, first = i, r
			}
			count++
		}
	}
	return at, first, count
}

// invisible reports whether r shows nothing: a format character (other
// than the Arabic signs that show as numbers) or another default
// ignorable one, like U+3164 HANGUL FILLER.
func invisible(r rune) bool {
	return unicode.Is(unicode.Cf, r) && !unicode.Is(unicode.Prepended_Concatenation_Mark, r) ||
		unicode.In(r, unicode.Other_Default_Ignorable_Code_Point, unicode.Variation_Selector)
}

// emojiBase is the last character of before that is not a skin tone or a
// variation selector: what a joiner after them joins.
func emojiBase(before []rune) rune {
	for i := len(before) - 1; i >= 0; i-- {
		r := before[i]
		if !(r >= 0x1F3FB && r <= 0x1F3FF) && !unicode.Is(unicode.Variation_Selector, r) {
			return r
		}
	}
	return 0
}

// joins reports whether r is a letter or mark of a script that shapes with
// joiners.
func joins(r rune) bool {
	return (unicode.IsLetter(r) || unicode.IsMark(r)) && unicode.In(r, joiningScripts...)
}

// runeName is "U+202E RIGHT-TO-LEFT OVERRIDE".
func runeName(r rune) string {
	if name := runenames.Name(r); name != "" && !strings.HasPrefix(name, "<") {
		return fmt.Sprintf("U+%04X %s", r, name)
	}
	return fmt.Sprintf("U+%04X", r)
}

// spoof warns when a front-matter value holds what spoofing finds, at the
// character itself when it is written as it is on the value's first line,
// else at the value.
func (e *decodeErrs) spoof(n *yaml.Node, key, s string) {
	at, r, count := spoofing(s)
	if at < 0 {
		return
	}
	msg := fmt.Sprintf("%s contains %s, which is invisible", key, runeName(r))
	hint := "remove it: a reader cannot see it, and the text reads the same without it"
	if unicode.Is(unicode.Bidi_Control, r) {
		msg = fmt.Sprintf("%s contains %s, which reorders the text around it", key, runeName(r))
		hint = "remove it; if the " + key + " is really in a right-to-left script, no control character is needed"
	}
	if count > 1 {
		msg += fmt.Sprintf(" (and %d more such characters)", count-1)
	}
	e.list.Warn(Pos{File: e.file, Line: n.Line, Col: e.column(n, r)}, msg, hint)
}

// column is the column of the first r written as it is on n's line, at or
// after n's own column, or n's column when the line has none (r was
// written as an escape, or on a later line of a long value).
func (e *decodeErrs) column(n *yaml.Node, r rune) int {
	if e.fm == nil {
		return n.Column
	}
	i := n.Line - e.fm.line
	lines := strings.Split(string(e.fm.data), "\n")
	if i < 0 || i >= len(lines) {
		return n.Column
	}
	line := []rune(lines[i])
	for c := max(n.Column-1, 0); c < len(line); c++ {
		if line[c] == r {
			return c + 1
		}
	}
	return n.Column
}

// printableASCII reports whether s is printable ASCII, tabs and line
// breaks only, none of which spoofing looks for.
func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x7F || c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}

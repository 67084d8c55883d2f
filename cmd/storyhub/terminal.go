package main

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// terminal is the edge between storyhub and a terminal or CI log: every
// character Go's %q escapes, other than newline and tab, is written
// escaped as %q writes it (\x1b, \r, \u009b, \u202e), and so is each byte
// that is not UTF-8. File names and values come from strangers' pull
// requests; messages quote them already, and this makes sure no escape
// sequence, carriage return, bidirectional control or invisible character
// reaches the screen whichever way it got into a message.
//
// Each Write is quoted on its own: fmt, log and encoding/json write whole
// runes in one call.
type terminal struct{ w io.Writer }

func (t terminal) Write(p []byte) (int, error) {
	if !bytes.ContainsFunc(p, quoted) && utf8.Valid(p) {
		return t.w.Write(p)
	}
	if _, err := t.w.Write(quoteControls(p)); err != nil {
		return 0, err
	}
	return len(p), nil
}

// quoted reports whether a terminal is shown r escaped.
func quoted(r rune) bool {
	return r != '\n' && r != '\t' && !strconv.IsPrint(r)
}

// quoteControls escapes what quoted reports and the bytes that are not
// UTF-8, leaving the rest as it is.
func quoteControls(p []byte) []byte {
	out := make([]byte, 0, len(p)+16)
	for len(p) > 0 {
		r, n := utf8.DecodeRune(p)
		switch {
		case r == utf8.RuneError && n == 1:
			out = fmt.Appendf(out, `\x%02x`, p[0])
		case quoted(r):
			q := strconv.QuoteRune(r) // '\x1b'
			out = append(out, q[1:len(q)-1]...)
		default:
			out = append(out, p[:n]...)
		}
		p = p[n:]
	}
	return out
}

// jsonQuoteControls escapes, in JSON's own form (\u202e, and a surrogate
// pair past U+FFFF), what a terminal would be shown escaped: encoding/json
// leaves DEL, C1 controls and invisible characters as they are, and the
// terminal's Go-style escapes would make the output invalid JSON. Outside
// its strings JSON output is printable ASCII and newlines, so only the
// strings change, and they still decode to the same text.
func jsonQuoteControls(p []byte) []byte {
	if !bytes.ContainsFunc(p, quoted) {
		return p
	}
	out := make([]byte, 0, len(p)+16)
	for _, r := range string(p) {
		if !quoted(r) {
			out = utf8.AppendRune(out, r)
			continue
		}
		if r1, r2 := utf16.EncodeRune(r); r1 != utf8.RuneError {
			out = fmt.Appendf(out, `\u%04x\u%04x`, r1, r2)
			continue
		}
		out = fmt.Appendf(out, `\u%04x`, r)
	}
	return out
}

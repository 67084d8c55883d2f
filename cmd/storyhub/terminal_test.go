package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/storyhub/storyhub/internal/content"
)

func TestTerminalQuotesControls(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text, café, 日本語, שלום\n", "plain text, café, 日本語, שלום\n"},
		{"tab\tand newline\n", "tab\tand newline\n"},
		{"\x1b[31mred\x1b[0m", `\x1b[31mred\x1b[0m`},
		{"\x1b]52;c;aGk=\x07", `\x1b]52;c;aGk=\a`},         // OSC 52 writes the clipboard
		{"hidden\rshown", `hidden\rshown`},                 // a carriage return overwrites the line
		{"erase\b\b\b", `erase\b\b\b`},                     // backspaces
		{"del\x7f", `del\x7f`},                             // DEL
		{"csi\u009b31m", `csi\u009b31m`},                   // C1 CSI, as UTF-8
		{"raw\x9b31m", `raw\x9b31m`},                       // C1 CSI as a byte, not UTF-8
		{"abc\u202Efdp.exe", `abc\u202efdp.exe`},           // right-to-left override
		{"a\u2066b\u2069", `a\u2066b\u2069`},               // isolates
		{"zero\u200Bwidth\uFEFF", `zero\u200bwidth\ufeff`}, // invisible
		{"tag\U000E0041", `tag\U000e0041`},                 // a Unicode tag character
		{"line\u2028sep", `line\u2028sep`},                 // a line separator
		{"cut\xe2\x80", `cut\xe2\x80`},                     // a truncated rune
	}
	for _, tt := range tests {
		var b bytes.Buffer
		n, err := terminal{&b}.Write([]byte(tt.in))
		if err != nil || n != len(tt.in) {
			t.Errorf("Write(%q) = %d, %v; want %d, nil", tt.in, n, err, len(tt.in))
		}
		if got := b.String(); got != tt.want {
			t.Errorf("Write(%q) wrote %q; want %q", tt.in, got, tt.want)
		}
	}
}

// TestProblemsReachNoTerminalRaw writes a problem in a file named with an
// escape sequence, holding a right-to-left override in its message, in
// every format, and checks what reaches the terminal holds no control or
// invisible character, and that JSON still decodes to the exact text.
func TestProblemsReachNoTerminalRaw(t *testing.T) {
	file := "content/stories/\x1b[2Kevil\u202e.md"
	msg := "title \"a\u202eb\x7f\u0085\U000E0041\" is odd"
	list := content.ErrorList{{Pos: content.Pos{File: file, Line: 2, Col: 8}, Msg: msg, Hint: "fix\x1b]52;c;eA==\x07 it"}}
	for name, write := range map[string]func(*bytes.Buffer) error{
		"text":   func(b *bytes.Buffer) error { return writeText(terminal{b}, list) },
		"github": func(b *bytes.Buffer) error { return writeGitHub(terminal{b}, list) },
		"json":   func(b *bytes.Buffer) error { return writeJSON(terminal{b}, list) },
		"build":  func(b *bytes.Buffer) error { printProblems(list, terminal{b}); return nil },
	} {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if i := strings.IndexFunc(out, quoted); i >= 0 {
			t.Errorf("%s: raw %q reaches the terminal in %q", name, []rune(out[i:])[0], out)
		}
		if name == "json" {
			var got []content.Problem
			if err := json.Unmarshal(b.Bytes(), &got); err != nil {
				t.Fatalf("json: %v in %s", err, out)
			}
			if len(got) != 1 || got[0].File != file || got[0].Message != msg {
				t.Errorf("json: decoded %+v; want file %q, message %q", got, file, msg)
			}
		}
	}
}

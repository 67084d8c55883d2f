package content

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Front matter that decodes but would change what the writer meant:
// an expiry before the date, a list typed as one string with commas, a
// value YAML cut at " #". Each is reported where it was typed.

// checkDates reports an expiry_date at or before date.
func checkDates(d *Doc, errs *ErrorList) {
	if d.ExpiryDate.IsZero() || d.Date.IsZero() || d.ExpiryDate.After(d.Date) {
		return
	}
	// An error: the entry would leave the site before it is ever shown,
	// which no writer asks for.
	errs.Add(d.FieldPos("expiry_date"),
		fmt.Sprintf("expiry_date %s is not after date %s, so the entry would never be shown", showDate(d.ExpiryDate), showDate(d.Date)),
		fmt.Sprintf("set expiry_date after %s, or remove it", showDate(d.Date)))
}

// showDate writes t as a writer would type it: the day alone at midnight.
func showDate(t time.Time) string {
	if t.Equal(t.Truncate(24 * time.Hour)) {
		return t.Format("2006-01-02")
	}
	return t.Format(time.RFC3339)
}

// commaItems splits a plain value holding commas, as a writer who meant a
// list typed it ("python, teaching, open-data"), or returns nil when s
// holds no comma.
func commaItems(s string) []string {
	if !strings.Contains(s, ",") {
		return nil
	}
	var items []string
	for it := range strings.SplitSeq(s, ",") {
		if it = strings.TrimSpace(it); it != "" {
			items = append(items, it)
		}
	}
	return items
}

// flowList writes items as a YAML flow list, quoting those that need it.
func flowList(items []string) string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = YAMLScalar(it)
	}
	return "[" + strings.Join(out, ", ") + "]"
}

// writeScalar is key set to the string s as the file's syntax writes it,
// for a hint the writer can copy.
func (e *decodeErrs) writeScalar(key, s string) string {
	switch e.syntax() {
	case formatTOML:
		return key + " = " + strconv.Quote(s)
	case formatJSON:
		return strconv.Quote(key) + ": " + strconv.Quote(s)
	}
	return key + ": " + YAMLScalar(s)
}

// writeList is key set to the list items, as writeScalar.
func (e *decodeErrs) writeList(key string, items []string) string {
	if f := e.syntax(); f != formatYAML {
		quoted := make([]string, len(items))
		for i, it := range items {
			quoted[i] = strconv.Quote(it)
		}
		sep := " = "
		if f == formatJSON {
			key, sep = strconv.Quote(key), ": "
		}
		return key + sep + "[" + strings.Join(quoted, ", ") + "]"
	}
	return key + ": " + flowList(items)
}

func (e *decodeErrs) syntax() format {
	if e.fm == nil {
		return formatYAML
	}
	return e.fm.format
}

// YAMLScalar writes s as YAML reads it back (in a hint that shows what
// to type): plain when it can be, else
// in double quotes.
func YAMLScalar(s string) string {
	var n yaml.Node
	if s != "" && !strings.ContainsAny(s, ",[]{}#&*!|>'\"%@`:") && yaml.Unmarshal([]byte(s), &n) == nil &&
		len(n.Content) == 1 && n.Content[0].Tag == "!!str" && n.Content[0].Value == s {
		return s
	}
	return strconv.Quote(s)
}

// commaTags reports a tag typed with commas, which would be one tag:
// tags typed as one string ("python, teaching, open-data"), or an item
// of the list. It returns the tags the writer meant, or nil when n holds
// no comma.
func commaTags(n *yaml.Node, e *decodeErrs, item bool) []string {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return nil
	}
	items := commaItems(n.Value)
	if items == nil {
		return nil
	}
	// An error, though the tags are taken as meant for the checks after
	// it: no tag holds a comma, and this one would be a page of its own.
	msg := fmt.Sprintf("tags is one string holding commas, which would make one tag %q", strings.TrimSpace(n.Value))
	hint := "write a list: " + e.writeList("tags", items)
	if item {
		msg = fmt.Sprintf("the tag %q holds commas", strings.TrimSpace(n.Value))
		lines := make([]string, len(items))
		for i, it := range items {
			lines[i] = "- " + YAMLScalar(it)
		}
		hint = "give each tag a line of its own: " + strings.Join(lines, ", ")
	}
	e.at(n, msg, hint)
	return items
}

// commaPeople warns of a list of people typed as one plain YAML string
// holding commas: one person named "Ada Lovelace, Grace Hopper". A warning,
// as a name may be written "Lovelace, Ada"; quotes say it is one name.
func commaPeople(n *yaml.Node, key string, e *decodeErrs) {
	if n.Kind != yaml.ScalarNode || n.Style != 0 || n.Tag != "!!str" || e.syntax() != formatYAML {
		return
	}
	items := commaItems(n.Value)
	if len(items) < 2 {
		return
	}
	e.list.Warn(Pos{File: e.file, Line: n.Line, Col: n.Column},
		fmt.Sprintf("%s is one string holding commas, which names one person %q", key, strings.TrimSpace(n.Value)),
		fmt.Sprintf("for several people write a list: %s: %s; for one name with a comma, put it in quotes", key, flowList(items)))
}

// cutByComment warns when a plain YAML scalar is followed by a comment on
// its line: YAML ends the value at " #", so "We are the #1 user group"
// reads as "We are the". A warning, at the #, as the writer may have meant
// the comment; quotes keep the text, a line of its own keeps the comment.
// TOML and JSON need no check: their strings are quoted.
func (e *decodeErrs) cutByComment(n *yaml.Node, key string) {
	if n.Kind != yaml.ScalarNode || n.Style != 0 || n.LineComment == "" || e.fm == nil || e.syntax() != formatYAML {
		return
	}
	line, col, typed := e.commentAt(n)
	whole := strings.TrimSpace(n.Value + " " + n.LineComment)
	if typed != "" {
		whole = typed
	}
	field := key
	if i := strings.LastIndexByte(key, '.'); i >= 0 {
		field = key[i+1:]
	}
	quoted := field + ": " + strconv.Quote(whole)
	if strings.HasSuffix(key, " item") {
		quoted = "- " + strconv.Quote(whole)
	}
	e.list.Warn(Pos{File: e.file, Line: line, Col: col},
		fmt.Sprintf("%s stops before %q: YAML reads \" #\" as the start of a comment", key, n.LineComment),
		"put the whole value in quotes: "+quoted+", or the comment on a line of its own")
}

// commentAt finds n's line comment in the front matter: the line and
// column (in characters) of its #, and the text from n to the line's end
// when n is on that line. It falls back to n's own place.
func (e *decodeErrs) commentAt(n *yaml.Node) (line, col int, typed string) {
	lines := strings.Split(string(e.fm.data), "\n")
	// A plain value may go on over several lines; its comment ends the last.
	for l := n.Line; l-e.fm.line < len(lines) && l-e.fm.line >= 0; l++ {
		text := strings.TrimRight(lines[l-e.fm.line], " \t")
		if !strings.HasSuffix(text, n.LineComment) {
			continue
		}
		hash := len(text) - len(n.LineComment)
		col = utf8.RuneCountInString(text[:hash]) + 1
		if l == n.Line {
			if start := runeOffset(text, n.Column-1); start <= hash {
				typed = text[start:]
			}
		}
		return l, col, typed
	}
	return n.Line, n.Column, ""
}

// runeOffset is the byte offset of the character at index i of s.
func runeOffset(s string, i int) int {
	for off := range s {
		if i == 0 {
			return off
		}
		i--
	}
	return len(s)
}

package content

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// yamlError turns yaml.v3's error for data into a problem where the
// writer went wrong. The parser names the line where it gave up, often
// the one after the mistake or none at all, and never a column; so the
// text is read again here for the mistakes writers make: a quote or
// bracket left open, a tab in the indentation, text after a closing
// quote. first is the file line of data's first line.
func yamlError(data []byte, first int, err error) *Error {
	idx := newTextIndex(data)
	at := func(off int) Pos {
		l, c := idx.lineCol(off)
		return Pos{Line: first + l - 1, Col: c}
	}
	last := len(idx.starts)
	if bytes.HasSuffix(data, []byte("\n")) && last > 1 {
		last-- // the line after the last newline is the closing ---
	}
	msg, line := yamlMessage(err, last)
	runsOn := func(q *yamlOpener) *Error {
		return &Error{Pos: at(q.off), Msg: fmt.Sprintf("YAML front matter: the quote opened here runs on to line %d", at(q.end).Line), Hint: quoteHint(q.c)}
	}
	var found *Error
	s := scanYAML(data)
	switch {
	case s.found != nil:
		f := s.found
		found = &Error{Pos: at(f.off), Msg: "YAML front matter: " + f.msg, Hint: f.hint}
	case s.runOn != nil:
		found = runsOn(s.runOn)
	case s.quote != nil:
		q := s.quote
		found = &Error{Pos: at(q.off), Msg: "YAML front matter: the quote opened here is never closed", Hint: quoteHint(q.c)}
	case len(s.flow) > 0:
		o := s.flow[len(s.flow)-1]
		found = &Error{Pos: at(o.off), Msg: fmt.Sprintf("YAML front matter: the %c opened here is never closed", o.c), Hint: flowHint(o.c)}
	}
	// What the reading found is the parser's mistake unless it is past
	// the line the parser gave up on: then the parser met another first.
	if found != nil && (line == 0 || found.Pos.Line-first+1 <= line+1) {
		return found
	}
	for _, q := range s.long {
		open, _ := idx.lineCol(q.off)
		closed, _ := idx.lineCol(q.end)
		// The parser gives up on the line after the string, or on the
		// line it ends on, or names none (lines of data here).
		if line == 0 || open <= line && line <= closed+1 {
			return runsOn(&q)
		}
	}
	line = max(line, 1)
	text := data[idx.starts[line-1]:]
	if i := bytes.IndexByte(text, '\n'); i >= 0 {
		text = text[:i]
	}
	col := len(text) - len(bytes.TrimLeft(text, " \t")) // the first word of the line
	if strings.HasPrefix(msg, "mapping values are not allowed") {
		// The colon the parser took for a second key's.
		if c := secondColon(text); c >= 0 {
			col = c
		}
	}
	return &Error{Pos: at(idx.starts[line-1] + col), Msg: "YAML front matter: " + msg,
		Hint: "check quotes, colons and indentation; a value with ': ' or '#' needs quotes"}
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlMessage is yaml.v3's message without its prefix, and the line it
// names (0 for none, at most last).
func yamlMessage(err error, last int) (string, int) {
	msg, line := err.Error(), 0
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		line, msg = n, m[2]
		// yaml.v3 counts these parser errors' lines from zero.
		if strings.HasPrefix(msg, "did not find expected") || strings.Contains(msg, "tab character") {
			line++
		}
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	// The parser may point past the end of the data at end of stream.
	return msg, min(line, last)
}

func quoteHint(q byte) string {
	return fmt.Sprintf("close it with %c on the same line, or use a block scalar (|) for text over several lines", q)
}

func flowHint(c byte) string {
	if c == '{' {
		return "close the mapping with }"
	}
	return "close the list with ]"
}

// secondColon is the offset of the second ": " of a line, outside
// quotes, or -1.
func secondColon(line []byte) int {
	seen := 0
	var quote byte
	for i, c := range line {
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == ':' && (i+1 == len(line) || line[i+1] == ' '):
			if seen++; seen == 2 {
				return i
			}
		}
	}
	return -1
}

// yamlOpener is a quote or bracket and where it is: the byte offset of
// the opener, and for a quote the offset of its closing quote.
type yamlOpener struct {
	c   byte
	off int
	end int
}

// yamlFinding is a mistake found while reading: a tab in the
// indentation, text after a closing quote, a bracket closed by the
// other kind.
type yamlFinding struct {
	off       int
	msg, hint string
}

// yamlScan is what scanYAML found: the first mistake; else what was
// still open at the end; and the quoted strings that run over lines.
type yamlScan struct {
	found *yamlFinding
	runOn *yamlOpener // closed by the quote of a later value
	quote *yamlOpener
	flow  []yamlOpener
	long  []yamlOpener
}

// scanYAML reads YAML as far as quotes, flow brackets, comments, block
// scalars and indentation go, which is enough to find where a writer
// left something open. It does not judge anything else.
func scanYAML(data []byte) yamlScan {
	var s yamlScan
	var quote *yamlOpener
	lineStart, start := true, true // at the start of a line; where a value may start
	indent := 0                    // of the current line
	block := -1                    // the indentation a block scalar's lines are deeper than, or -1
	for i := 0; i < len(data); i++ {
		c := data[i]
		if lineStart {
			lineStart = false
			n := i
			for n < len(data) && (data[n] == ' ' || data[n] == '\t') {
				n++
			}
			blank := n == len(data) || data[n] == '\n' || data[n] == '#'
			if block >= 0 {
				if blank || n-i > block {
					if j := bytes.IndexByte(data[i:], '\n'); j >= 0 {
						i += j
						lineStart = true
						continue
					}
					break
				}
				block = -1
			}
			if quote == nil && len(s.flow) == 0 && !blank {
				if tab := bytes.IndexByte(data[i:n], '\t'); tab >= 0 {
					s.found = &yamlFinding{i + tab, "a tab indents this line", "YAML indents with spaces, not tabs: replace it with spaces"}
					return s
				}
			}
			indent, start = n-i, true
			if quote == nil {
				i = n - 1
				continue
			}
		}
		if c == '\n' {
			lineStart = true
			if quote == nil && len(s.flow) > 0 {
				start = true
			}
			continue
		}
		if quote != nil {
			switch {
			case c == '\\' && quote.c == '"':
				i++
			case c == quote.c && quote.c == '\'' && i+1 < len(data) && data[i+1] == '\'':
				i++ // '' is a quote within
			case c == quote.c:
				quote.end = i
				long := bytes.IndexByte(data[quote.off:i], '\n') >= 0
				// After a quoted value: a comment, a colon, a comma or
				// bracket in a list, or the end of the line.
				j := i + 1
				for j < len(data) && (data[j] == ' ' || data[j] == '\t') {
					j++
				}
				if j < len(data) && !strings.ContainsRune("\n#:", rune(data[j])) && (len(s.flow) == 0 || !strings.ContainsRune(",]}", rune(data[j]))) {
					if long { // closed by the quote of a later value
						s.runOn = quote
						return s
					}
					s.found = &yamlFinding{j, "text follows the closing quote", "put the whole value inside the quotes, or leave the quotes out"}
					return s
				}
				if long {
					s.long = append(s.long, *quote)
				}
				quote = nil
				i = j - 1
			}
			continue
		}
		switch {
		case c == ' ' || c == '\t':
			continue
		case c == '#' && (i == 0 || data[i-1] == ' ' || data[i-1] == '\t'):
			j := bytes.IndexByte(data[i:], '\n')
			if j < 0 {
				return s.end(quote)
			}
			i += j - 1
			continue
		case start && (c == '"' || c == '\''):
			quote = &yamlOpener{c: c, off: i}
			continue
		case start && (c == '|' || c == '>') && len(s.flow) == 0:
			block = indent
		case start && (c == '@' || c == '`' || c == '%'):
			s.found = &yamlFinding{i, fmt.Sprintf("a value cannot start with %c", c), "put the value in quotes"}
			return s
		case c == '[' || c == '{':
			if start || len(s.flow) > 0 {
				s.flow = append(s.flow, yamlOpener{c: c, off: i})
				start = true
				continue
			}
		case c == ']' || c == '}':
			if n := len(s.flow); n > 0 {
				if o := s.flow[n-1]; (o.c == '[') != (c == ']') {
					s.found = &yamlFinding{o.off, fmt.Sprintf("the %c opened here is never closed (a %c comes first)", o.c, c), flowHint(o.c)}
					return s
				}
				s.flow = s.flow[:n-1]
			}
		case c == ',' && len(s.flow) > 0:
			start = true
			continue
		case c == ':' && (len(s.flow) > 0 || i+1 == len(data) || data[i+1] == ' ' || data[i+1] == '\n' || data[i+1] == '\t'):
			start = true
			continue
		case c == '-' && start && (i+1 == len(data) || data[i+1] == ' ' || data[i+1] == '\n'):
			continue
		case (c == '&' || c == '!') && start:
			// An anchor or a tag: the value follows it.
			for i+1 < len(data) && data[i+1] != ' ' && data[i+1] != '\n' {
				i++
			}
			continue
		}
		start = false
	}
	return s.end(quote)
}

// end is s with quote, when one was left open.
func (s yamlScan) end(quote *yamlOpener) yamlScan {
	if quote != nil {
		quote.end = -1
		s.quote = quote
	}
	return s
}

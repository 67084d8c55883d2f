package content

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/adrg/frontmatter"
	"gopkg.in/yaml.v3"
)

// format is a front-matter syntax.
type format int

const (
	formatYAML format = iota
	formatTOML
	formatJSON
)

func (f format) String() string { return [...]string{"YAML", "TOML", "JSON"}[f] }

// frontMatter is the raw front matter of a file and where it sits.
type frontMatter struct {
	format format
	data   []byte
	line   int // file line of data's first line
	// tables holds, for TOML, the header that opened each table.
	tables map[*yaml.Node]tomlHeader
}

// split finds the front matter of src (CRLF already turned into LF, BOM
// removed) and returns it with the body and the line the body starts on.
func split(src []byte) (fm *frontMatter, body []byte, bodyLine int, err error) {
	var got *frontMatter
	// adrg/frontmatter copies everything after the front matter into a
	// buffer of its own; the reader stops once the front matter is found,
	// and the body is taken from src as it is.
	// It stops too past the most front matter there may be, so that a
	// huge one costs no more than one of that size.
	r := &stopReader{src: src, max: frontMatterEnd(src)}
	capture := func(f format) frontmatter.UnmarshalFunc {
		return func(data []byte, _ any) error {
			got = &frontMatter{format: f, data: slices.Clone(data)}
			r.stop = true
			return nil
		}
	}
	// adrg/frontmatter's default formats, with our own unmarshal so the raw
	// bytes come back to us: we decode them ourselves to keep positions.
	formats := []*frontmatter.Format{
		{Start: "---", End: "---", Unmarshal: capture(formatYAML)},
		{Start: "---yaml", End: "---", Unmarshal: capture(formatYAML)},
		{Start: "+++", End: "+++", Unmarshal: capture(formatTOML)},
		{Start: "---toml", End: "---", Unmarshal: capture(formatTOML)},
		{Start: ";;;", End: ";;;", Unmarshal: capture(formatJSON)},
		{Start: "---json", End: "---", Unmarshal: capture(formatJSON)},
		{Start: "{", End: "}", Unmarshal: capture(formatJSON), UnmarshalDelims: true, RequiresNewLine: true},
	}
	// The library reads through a bufio.Reader, and takes one that is
	// already as it is instead of making one for every file.
	br := lineReaders.Get().(*bufio.Reader)
	defer func() {
		br.Reset(nil) // not to keep this file's bytes while pooled
		lineReaders.Put(br)
	}()
	br.Reset(r)
	rest, err := frontmatter.Parse(br, nil, formats...)
	if err != nil {
		return nil, nil, 0, err
	}
	// The opening line: the first line that is not blank.
	first, openLine := "", 0
	line := 0
	for l := range bytes.Lines(src) {
		line++
		if t := bytes.TrimSpace(l); len(t) > 0 {
			first, openLine = string(t), line
			break
		}
	}
	opened := first == "{" || slices.ContainsFunc(formats, func(f *frontmatter.Format) bool { return f.Start == first })
	if (r.cut && opened) || (got != nil && len(got.data) > maxFrontMatter) {
		dataLine := openLine + 1
		if first == "{" {
			dataLine = openLine // the braces are the JSON's own
		}
		return nil, nil, 0, frontMatterTooLong(src, dataLine)
	}
	if got == nil {
		if first == "{" {
			return nil, nil, 0, &Error{Pos: Pos{Line: openLine, Col: 1},
				Msg:  "JSON front matter opened with { on line " + strconv.Itoa(openLine) + " does not end with a line holding only }, then an empty line",
				Hint: "put the closing } on its own line and leave an empty line after it"}
		}
		if opened {
			return nil, nil, 0, &Error{Pos: Pos{Line: openLine, Col: 1},
				Msg:  fmt.Sprintf("front matter opened with %q on line %d is never closed", first, openLine),
				Hint: fmt.Sprintf("add a line with only %q after the last field", closing(first))}
		}
		return nil, nil, 0, errNoFrontMatter
	}
	got.line = openLine + 1
	if got.format == formatJSON && first == "{" {
		got.line = openLine
	}
	// rest is what the library read past the front matter before the
	// reader stopped.
	bodyStart := r.off - len(rest)
	body = src[bodyStart:]
	if !bytes.HasPrefix(body, rest) {
		return nil, nil, 0, fmt.Errorf("front matter: the body does not follow it (%d bytes in)", bodyStart)
	}
	return got, body, bytes.Count(src[:bodyStart], []byte("\n")) + 1, nil
}

// stopReader reads src a line at a time until told to stop, so that the
// library has read little past the front matter when it stops.
type stopReader struct {
	src  []byte
	off  int
	stop bool
	max  int  // the offset it stops at
	cut  bool // it stopped there
}

func (r *stopReader) Read(p []byte) (int, error) {
	if r.stop || r.off == len(r.src) {
		return 0, io.EOF
	}
	if r.off >= r.max {
		r.cut = true
		return 0, io.EOF
	}
	line := r.src[r.off:r.max]
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i+1]
	}
	n := copy(p, line)
	r.off += n
	return n, nil
}

// lineReaders are the buffered readers split hands the library.
var lineReaders = sync.Pool{New: func() any { return bufio.NewReader(nil) }}

var errNoFrontMatter = errors.New("no front matter")

func closing(start string) string {
	switch start {
	case "+++":
		return "+++"
	case ";;;":
		return ";;;"
	}
	return "---"
}

// tree decodes front matter into a YAML node tree, whatever its syntax, so
// one decoder with positions serves all three. Positions in the tree are
// file lines.
func (fm *frontMatter) tree() (*yaml.Node, *Error) {
	switch fm.format {
	case formatJSON:
		return fm.jsonTree()
	case formatTOML:
		return fm.tomlTree()
	}
	return fm.yamlTree()
}

func (fm *frontMatter) yamlTree() (*yaml.Node, *Error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(fm.data, &doc); err != nil {
		return nil, yamlError(fm.data, fm.line, err)
	}
	shift(&doc, fm.line-1)
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return &yaml.Node{Kind: yaml.MappingNode, Line: fm.line, Column: 1}, nil
	}
	return doc.Content[0], nil
}

func shift(n *yaml.Node, by int) {
	n.Line += by
	for _, c := range n.Content {
		shift(c, by)
	}
}

func (fm *frontMatter) jsonTree() (*yaml.Node, *Error) {
	var v any
	if err := json.Unmarshal(fm.data, &v); err != nil {
		line, col := 1, 1
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		off := int64(-1)
		if errors.As(err, &se) {
			off = se.Offset - 1 // the offset after the offending byte
		} else if errors.As(err, &te) {
			// The offset after the value: a number too big for
			// float64, the only value decoding into any refuses.
			off = te.Offset
			for off > 0 && strings.IndexByte(" \t\n", fm.data[off-1]) >= 0 {
				off--
			}
			for off > 0 && strings.IndexByte("0123456789+-.eE", fm.data[off-1]) >= 0 {
				off--
			}
		}
		if off >= 0 {
			line, col = lineCol(fm.data, int(off))
		}
		return nil, &Error{Pos: Pos{Line: fm.line + line - 1, Col: col},
			Msg:  "JSON front matter: " + strings.TrimPrefix(err.Error(), "json: "),
			Hint: "JSON needs double-quoted keys and strings and no trailing commas"}
	}
	if _, ok := v.(map[string]any); !ok {
		return nil, &Error{Pos: Pos{Line: fm.line, Col: 1}, Msg: "JSON front matter must be an object of fields"}
	}
	return jsonNodes(fm.data, fm.line), nil
}

// jsonNodes is the node tree of data, valid JSON, each node at the line
// and column its value starts at, lines counted from line. (Not every
// JSON document is YAML: a key over 1024 characters or an escaped emoji
// is not, so the YAML parser cannot read it for positions.)
func jsonNodes(data []byte, line int) *yaml.Node {
	idx := newTextIndex(data)
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	off := 0 // where the last token ended
	bad := false
	next := func() (json.Token, int) {
		// The next token starts past spaces and a colon or comma.
		start := off
		for start < len(data) && strings.IndexByte(" \t\r\n:,", data[start]) >= 0 {
			start++
		}
		tok, err := dec.Token()
		if err != nil { // not for data json.Unmarshal read
			bad = true
		}
		off = int(dec.InputOffset())
		return tok, start
	}
	var node func(tok json.Token, start int) *yaml.Node
	node = func(tok json.Token, start int) *yaml.Node {
		l, c := idx.lineCol(start)
		n := &yaml.Node{Kind: yaml.ScalarNode, Line: line + l - 1, Column: c}
		switch t := tok.(type) {
		case json.Delim:
			n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
			if t == '{' {
				n.Kind, n.Tag = yaml.MappingNode, "!!map"
			}
			for !bad && dec.More() {
				if n.Kind == yaml.MappingNode {
					n.Content = append(n.Content, node(next()))
				}
				n.Content = append(n.Content, node(next()))
			}
			next() // the closing } or ]
		case string:
			n.Tag, n.Value = "!!str", t
		case json.Number:
			n.Tag, n.Value = "!!float", t.String()
			if _, err := strconv.ParseInt(n.Value, 10, 64); err == nil {
				n.Tag = "!!int"
			}
		case bool:
			n.Tag, n.Value = "!!bool", strconv.FormatBool(t)
		default:
			n.Tag, n.Value = "!!null", "null"
		}
		return n
	}
	return node(next())
}

// unknownHint is the hint for a key not allowed in the mapping n. When n
// is a TOML table and the key a field of the entry, the writer meant it
// above the table's header: every key after a header is the table's.
func (e *decodeErrs) unknownHint(n *yaml.Node, key string, allowed []string) string {
	if e.fm != nil {
		if h, ok := e.fm.tables[n]; ok {
			if _, top := e.fields[key]; top {
				return fmt.Sprintf("%s is under %s, which starts on line %d; move it above that line", key, h.written, h.line)
			}
		}
	}
	return suggestOr(key, allowed)
}

// lineCol turns a byte offset into a 1-based line and column, the column
// in characters.
func lineCol(b []byte, off int) (int, int) {
	return newTextIndex(b).lineCol(off)
}

func (fm *frontMatter) tomlTree() (*yaml.Node, *Error) {
	root, headers, err := tomlTree(fm.data, fm.line)
	if err != nil {
		err.Msg = "TOML front matter: " + err.Msg
		err.Hint = "TOML strings need quotes; lists are [\"a\", \"b\"]"
		return nil, err
	}
	fm.tables = headers
	return root, nil
}

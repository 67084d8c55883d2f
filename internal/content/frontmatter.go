package content

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/adrg/frontmatter"
	"github.com/pelletier/go-toml/v2"
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

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func (fm *frontMatter) yamlTree() (*yaml.Node, *Error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(fm.data, &doc); err != nil {
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
		line = min(max(line, 1), bytes.Count(fm.data, []byte("\n"))+1)
		return nil, &Error{Pos: Pos{Line: fm.line + line - 1},
			Msg:  "YAML front matter: " + msg,
			Hint: "check quotes, colons and indentation; a value with ': ' or '#' needs quotes"}
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
			off = te.Offset
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
	// Valid JSON is valid YAML: parse again for positions.
	return fm.yamlTree()
}

// lineCol turns a byte offset into a 1-based line and column.
func lineCol(b []byte, off int) (int, int) {
	off = min(max(off, 0), len(b))
	line := bytes.Count(b[:off], []byte("\n")) + 1
	col := off - bytes.LastIndexByte(b[:off], '\n')
	return line, col
}

var tomlTopKey = regexp.MustCompile(`^\s*\[*\s*(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+))`)

func (fm *frontMatter) tomlTree() (*yaml.Node, *Error) {
	var m map[string]any
	if err := toml.Unmarshal(fm.data, &m); err != nil {
		line, col := 1, 0
		var de *toml.DecodeError
		msg := err.Error()
		if errors.As(err, &de) {
			line, col = de.Position()
		}
		return nil, &Error{Pos: Pos{Line: fm.line + line - 1, Col: col},
			Msg:  "TOML front matter: " + strings.TrimPrefix(msg, "toml: "),
			Hint: "TOML strings need quotes; lists are [\"a\", \"b\"]"}
	}
	// The library gives values but not positions: find the line each
	// top-level key is first written on.
	lines := map[string]int{}
	for i, l := range strings.Split(string(fm.data), "\n") {
		t := strings.TrimSpace(l)
		if t == "" || t[0] == '#' {
			continue
		}
		if sm := tomlTopKey.FindStringSubmatch(l); sm != nil {
			key := sm[1] + sm[2] + sm[3]
			if _, seen := lines[key]; !seen {
				lines[key] = fm.line + i
			}
		}
	}
	root := &yaml.Node{Kind: yaml.MappingNode, Line: fm.line, Column: 1}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int { return lines[a] - lines[b] })
	for _, k := range keys {
		line := cmp.Or(lines[k], fm.line)
		root.Content = append(root.Content,
			&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k, Line: line, Column: 1},
			valueNode(m[k], line))
	}
	return root, nil
}

// valueNode turns a decoded TOML value into a node on line.
func valueNode(v any, line int) *yaml.Node {
	n := &yaml.Node{Line: line, Column: 1, Kind: yaml.ScalarNode}
	switch v := v.(type) {
	case string:
		n.Tag, n.Value = "!!str", v
	case bool:
		n.Tag, n.Value = "!!bool", strconv.FormatBool(v)
	case int64:
		n.Tag, n.Value = "!!int", strconv.FormatInt(v, 10)
	case float64:
		n.Tag, n.Value = "!!float", strconv.FormatFloat(v, 'g', -1, 64)
	case time.Time:
		n.Tag, n.Value = "!!timestamp", v.Format(time.RFC3339Nano)
	case toml.LocalDate, toml.LocalDateTime, toml.LocalTime:
		n.Tag, n.Value = "!!timestamp", fmt.Sprint(v)
	case []any:
		n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
		for _, e := range v {
			n.Content = append(n.Content, valueNode(e, line))
		}
	case map[string]any:
		n.Kind, n.Tag = yaml.MappingNode, "!!map"
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			n.Content = append(n.Content,
				&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k, Line: line, Column: 1},
				valueNode(v[k], line))
		}
	default:
		n.Tag, n.Value = "!!str", fmt.Sprint(v)
	}
	return n
}

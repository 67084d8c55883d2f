package content

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
	"gopkg.in/yaml.v3"
)

// TOMLTree decodes a TOML document into a YAML node tree, as front matter
// is decoded, so that every key and value in it carries the line and
// column (in characters) it is written at. The error, if any, is at its
// place in data, with go-toml's message.
func TOMLTree(data []byte) (*yaml.Node, *Error) {
	root, _, err := tomlTree(data, 1)
	return root, err
}

// tomlTree is TOMLTree with lines counted from line, and for each mapping
// a [table] or [[array of tables]] header opened, that header.
//
// Values are go-toml's, decoded as a whole; positions come from walking
// the same text with go-toml's own parser, which gives each key and
// value the bytes it was read from.
func tomlTree(data []byte, line int) (*yaml.Node, map[*yaml.Node]tomlHeader, *Error) {
	idx := newTextIndex(data)
	var values map[string]any
	if err := toml.Unmarshal(data, &values); err != nil {
		l, c := 1, 0
		var de *toml.DecodeError
		if errors.As(err, &de) {
			l, c = idx.byteColumn(de.Position())
		}
		return nil, nil, &Error{Pos: Pos{Line: line + l - 1, Col: c}, Msg: strings.TrimPrefix(err.Error(), "toml: ")}
	}
	b := &tomlBuilder{idx: idx, line: line, headers: map[*yaml.Node]tomlHeader{}}
	root := b.node(yaml.MappingNode, 0)
	root.Column = 1
	cur := root
	p := &unstable.Parser{}
	p.Reset(data)
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.KeyValue:
			b.keyValue(cur, e)
		case unstable.Table, unstable.ArrayTable:
			cur = b.table(root, e)
		}
	}
	// go-toml read the same text without error just now.
	if err := p.Error(); err != nil {
		return nil, nil, &Error{Pos: Pos{Line: line, Col: 1}, Msg: err.Error()}
	}
	fillTOML(root, values)
	return root, b.headers, nil
}

// tomlHeader is a [table] or [[array of tables]] header as written, and
// its line.
type tomlHeader struct {
	written string
	line    int
}

// tomlBuilder makes the node tree of one TOML document.
type tomlBuilder struct {
	idx     *textIndex
	line    int // the line of the text's first line
	headers map[*yaml.Node]tomlHeader
}

// node is an empty node of kind at the byte offset off.
func (b *tomlBuilder) node(kind yaml.Kind, off int) *yaml.Node {
	l, c := b.idx.lineCol(off)
	n := &yaml.Node{Kind: kind, Line: b.line + l - 1, Column: c}
	switch kind {
	case yaml.MappingNode:
		n.Tag = "!!map"
	case yaml.SequenceNode:
		n.Tag = "!!seq"
	}
	return n
}

func (b *tomlBuilder) key(k *unstable.Node) *yaml.Node {
	n := b.node(yaml.ScalarNode, int(k.Raw.Offset))
	n.Tag, n.Value = "!!str", string(k.Data)
	return n
}

// keyParts are the parts of a dotted key, as written.
func keyParts(e *unstable.Node) []*unstable.Node {
	var out []*unstable.Node
	for it := e.Key(); it.Next(); {
		out = append(out, it.Node())
	}
	return out
}

// keyEnd is the byte offset just past a key.
func keyEnd(k *unstable.Node) int { return int(k.Raw.Offset + k.Raw.Length) }

// child returns the value of key in mapping m, made at the key's place
// as a mapping if m has none. A key holding an array of tables stands
// for its last table, as TOML reads [a.b] after [[a]].
func (b *tomlBuilder) child(m *yaml.Node, k *unstable.Node, at int) *yaml.Node {
	name := string(k.Data)
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == name {
			v := m.Content[i+1]
			if v.Kind == yaml.SequenceNode && len(v.Content) > 0 {
				return v.Content[len(v.Content)-1]
			}
			return v
		}
	}
	v := b.node(yaml.MappingNode, at)
	m.Content = append(m.Content, b.key(k), v)
	return v
}

// keyValue adds key = value to the mapping m.
func (b *tomlBuilder) keyValue(m *yaml.Node, e *unstable.Node) {
	ks := keyParts(e)
	for _, k := range ks[:len(ks)-1] {
		m = b.child(m, k, int(k.Raw.Offset))
	}
	last := ks[len(ks)-1]
	// The value starts after the =, past spaces.
	off := keyEnd(last)
	data := b.idx.text
	for off < len(data) && (data[off] == ' ' || data[off] == '\t' || data[off] == '=') {
		off++
	}
	v, _ := b.value(e.Value(), off)
	m.Content = append(m.Content, b.key(last), v)
}

// value is the node of v, which starts at the byte offset off, and the
// offset just past it. Scalars and inline tables know their bytes;
// arrays are found from what they hold.
func (b *tomlBuilder) value(v *unstable.Node, off int) (*yaml.Node, int) {
	data := b.idx.text
	switch v.Kind {
	case unstable.Array:
		n := b.node(yaml.SequenceNode, off)
		off++ // [
		for it := v.Children(); it.Next(); {
			var c *yaml.Node
			c, off = b.value(it.Node(), skipBetween(data, off))
			n.Content = append(n.Content, c)
		}
		return n, closeAt(data, off, ']')
	case unstable.InlineTable:
		n := b.node(yaml.MappingNode, int(v.Raw.Offset))
		off = int(v.Raw.Offset) + 1
		for it := v.Children(); it.Next(); {
			kv := it.Node()
			b.keyValue(n, kv)
			off = int(kv.Raw.Offset + kv.Raw.Length)
		}
		return n, closeAt(data, off, '}')
	}
	return b.node(yaml.ScalarNode, int(v.Raw.Offset)), int(v.Raw.Offset + v.Raw.Length)
}

// skipBetween skips what may sit between two values of an array or
// inline table: spaces, line breaks, comments and commas.
func skipBetween(data []byte, off int) int {
	for off < len(data) {
		switch data[off] {
		case ' ', '\t', '\r', '\n', ',':
			off++
		case '#':
			if i := bytes.IndexByte(data[off:], '\n'); i >= 0 {
				off += i
			} else {
				off = len(data)
			}
		default:
			return off
		}
	}
	return off
}

// closeAt is the offset just past the closing byte that ends an array
// or inline table after its last value, at off.
func closeAt(data []byte, off int, closing byte) int {
	off = skipBetween(data, off)
	if off < len(data) && data[off] == closing {
		off++
	}
	return off
}

// table opens the [table] or [[array of tables]] of the header e and
// returns its mapping.
func (b *tomlBuilder) table(root *yaml.Node, e *unstable.Node) *yaml.Node {
	ks := keyParts(e)
	open := int(ks[0].Raw.Offset)
	for open > 0 && b.idx.text[open] != '[' {
		open--
	}
	if e.Kind == unstable.ArrayTable && open > 0 {
		open-- // the first of [[
	}
	m := root
	for _, k := range ks[:len(ks)-1] {
		m = b.child(m, k, int(k.Raw.Offset))
	}
	last := ks[len(ks)-1]
	written := string(b.idx.text[ks[0].Raw.Offset:keyEnd(last)])
	l, _ := b.idx.lineCol(open)
	header := tomlHeader{"[" + written + "]", b.line + l - 1}
	if e.Kind == unstable.Table {
		// Made here, or by a table within it written first.
		t := b.child(m, last, open)
		b.headers[t] = header
		return t
	}
	var seq *yaml.Node
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == string(last.Data) {
			seq = m.Content[i+1]
		}
	}
	if seq == nil {
		seq = b.node(yaml.SequenceNode, open)
		m.Content = append(m.Content, b.key(last), seq)
	}
	t := b.node(yaml.MappingNode, open)
	seq.Content = append(seq.Content, t)
	header.written = "[" + header.written + "]"
	b.headers[t] = header
	return t
}

// fillTOML gives the nodes of the tree n the values go-toml decoded, v. A
// node whose shape is not v's (which go-toml's reading of the same text
// rules out) becomes v, all at n's place.
func fillTOML(n *yaml.Node, v any) {
	switch v := v.(type) {
	case map[string]any:
		if n.Kind == yaml.MappingNode && len(n.Content) == 2*len(v) {
			for i := 0; i+1 < len(n.Content); i += 2 {
				if c, ok := v[n.Content[i].Value]; ok {
					fillTOML(n.Content[i+1], c)
				}
			}
			return
		}
	case []any:
		if n.Kind == yaml.SequenceNode && len(n.Content) == len(v) {
			for i, c := range v {
				fillTOML(n.Content[i], c)
			}
			return
		}
	}
	*n = *valueNode(v, n.Line, n.Column)
}

// valueNode turns a decoded TOML value into a node at line and col.
func valueNode(v any, line, col int) *yaml.Node {
	n := &yaml.Node{Line: line, Column: col, Kind: yaml.ScalarNode}
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
			n.Content = append(n.Content, valueNode(e, line, col))
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
				&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k, Line: line, Column: col},
				valueNode(v[k], line, col))
		}
	default:
		n.Tag, n.Value = "!!str", fmt.Sprint(v)
	}
	return n
}

// textIndex finds the line and column of byte offsets into a text.
// Columns count characters, as editors and pull-request annotations do.
type textIndex struct {
	text   []byte
	starts []int // the offset each line starts at
}

func newTextIndex(b []byte) *textIndex {
	x := &textIndex{text: b, starts: []int{0}}
	for i, c := range b {
		if c == '\n' {
			x.starts = append(x.starts, i+1)
		}
	}
	return x
}

// lineCol is the 1-based line and column of the byte at off, or of the
// character it is part of.
func (x *textIndex) lineCol(off int) (int, int) {
	off = min(max(off, 0), len(x.text))
	for off > 0 && off < len(x.text) && !utf8.RuneStart(x.text[off]) {
		off-- // within a character: at its start
	}
	i := sort.SearchInts(x.starts, off+1) - 1
	return i + 1, utf8.RuneCount(x.text[x.starts[i]:off]) + 1
}

// byteColumn turns a line and a column counted in bytes, as go-toml
// gives them, into the line and a column counted in characters.
func (x *textIndex) byteColumn(line, col int) (int, int) {
	if line < 1 || line > len(x.starts) {
		return line, col
	}
	return x.lineCol(x.starts[line-1] + max(col-1, 0))
}

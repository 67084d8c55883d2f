package content

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

const (
	svgNS    = "http://www.w3.org/2000/svg"
	xhtmlNS  = "http://www.w3.org/1999/xhtml"
	mathmlNS = "http://www.w3.org/1998/Math/MathML"
	xmlNS    = "http://www.w3.org/XML/1998/namespace"
)

// maxSVGProblems bounds the problems reported for one SVG: past a few,
// the file is not a plain picture and the rest add nothing.
const maxSVGProblems = 20

// CheckSVG reports, at its line and column, everything in an SVG file
// that could run script or load anything when the file is opened on the
// hub's own origin: script elements, event-handler attributes (on*),
// links and references other than to an #id of the file itself
// (javascript:, data:, http(s) and other files), animations that change
// a link or a handler, <foreignObject> and HTML elements, DOCTYPE and
// entity declarations, processing instructions other than the XML
// declaration, and CSS with @import, or url() to anything but an #id.
// The file must be well-formed UTF-8 XML with one <svg> root in the SVG
// namespace, so a browser reads it as the checker did. Nothing is cleaned:
// a file with a problem is refused whole.
func CheckSVG(file string, data []byte) ErrorList {
	var errs ErrorList
	at := func(off int) Pos {
		l, c := lineCol(data, off)
		return Pos{File: file, Line: l, Col: c}
	}
	add := func(off int, msg, hint string) {
		if len(errs) < maxSVGProblems {
			errs.Add(at(off), msg, hint)
		}
	}
	const redraw = "an SVG published here may hold only shapes, text, styles and references to its own #ids; remove it, or export the picture as PNG"
	if len(data) > maxSVG {
		errs.Add(Pos{File: file}, fmt.Sprintf("the SVG is over %d MiB", maxSVG>>20), "simplify it, or export it as PNG")
		return errs
	}
	if !utf8.Valid(data) {
		i := 0
		for i < len(data) {
			r, n := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			i += n
		}
		add(i, "the SVG is not valid UTF-8", "save it with the UTF-8 encoding")
		return errs
	}
	src := data
	base := 0
	if bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) {
		src, base = src[3:], 3
	}
	d := xml.NewDecoder(bytes.NewReader(src))
	depth, styleDepth := 0, 0
	var style []byte
	styleAt := 0
	root := false
	for {
		off := base + int(d.InputOffset())
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			msg := err.Error()
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				msg = se.Msg
			}
			add(base+int(d.InputOffset()), "the SVG is not well-formed XML: "+msg,
				"save it again from an SVG editor as plain SVG, in UTF-8")
			return errs
		}
		end := base + int(d.InputOffset())
		switch t := tok.(type) {
		case xml.StartElement:
			name := localName(t.Name.Local)
			lname := strings.ToLower(name)
			if bytes.IndexByte(data[off+1:end], '<') >= 0 {
				// Browsers refuse a < inside a tag; so do we, so both read
				// the same elements.
				add(off+1+bytes.IndexByte(data[off+1:end], '<'), "a < inside the tag <"+name+">", "write it as &lt;")
			}
			if depth == 0 {
				switch {
				case root:
					add(off, "the SVG has a second root element <"+name+">", "keep one <svg> element around the picture")
				case name != "svg" || t.Name.Space != svgNS:
					add(off, "the file is not an SVG: its root element is <"+name+"> in namespace "+strconv.Quote(t.Name.Space),
						`an SVG starts with <svg xmlns="http://www.w3.org/2000/svg">`)
				}
				root = true
			}
			depth++
			switch {
			case t.Name.Space == xhtmlNS || t.Name.Space == mathmlNS:
				add(off, "an HTML or MathML element <"+name+"> in an SVG", redraw)
			case lname == "script" || lname == "handler" || lname == "listener":
				add(off, "a <"+name+"> element in an SVG: its script would run on the hub's own site", redraw)
			case lname == "foreignobject":
				add(off, "a <"+name+"> element in an SVG: it embeds HTML", redraw)
			case lname == "style":
				styleDepth, styleAt, style = depth, end, style[:0]
			}
			animation := lname == "set" || strings.HasPrefix(lname, "animate")
			for _, a := range t.Attr {
				checkSVGAttr(t.Name, a, animation, data, off, end, add)
			}
		case xml.EndElement:
			if depth == styleDepth {
				if p, msg := cssProblem(string(style)); msg != "" {
					add(styleAt+p, "the <style> element "+msg, "keep styles inside the file: url(#id) only, no @import")
				}
				styleDepth = 0
			}
			depth--
		case xml.CharData:
			if styleDepth > 0 {
				style = append(style, t...)
			}
		case xml.ProcInst:
			if t.Target != "xml" || off != base {
				add(off, "a processing instruction <?"+t.Target+"?> in an SVG", "remove it; only the <?xml ...?> declaration at the top is allowed")
			}
		case xml.Directive:
			add(off, "a DOCTYPE or entity declaration in an SVG", "remove the <!DOCTYPE ...> or <!ENTITY ...>; a plain SVG needs none")
		}
	}
	if !root {
		add(len(data), "the file has no <svg> element", `an SVG starts with <svg xmlns="http://www.w3.org/2000/svg">`)
	}
	return errs
}

// checkSVGAttr reports an attribute of the element el (whose tag is
// data[start:end]) that could run script or load something.
func checkSVGAttr(el xml.Name, a xml.Attr, animation bool, data []byte, start, end int, add func(int, string, string)) {
	name := localName(a.Name.Local)
	lname := strings.ToLower(name)
	if a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns") {
		return // a namespace name is never loaded
	}
	off := attrOffset(data, start, end, a.Name.Local)
	shown := a.Name.Local
	if off > start {
		// The name as written, with its prefix.
		raw := data[off:end]
		if i := bytes.IndexAny(raw, "= \t\r\n"); i > 0 {
			shown = string(raw[:i])
		}
	}
	const fix = "an SVG published here may hold only shapes, text, styles and references to its own #ids; remove the attribute"
	switch {
	case strings.HasPrefix(lname, "on"):
		add(off, "an event handler "+shown+"= in an SVG: its script would run on the hub's own site", fix)
		return
	case lname == "href" || lname == "src" || (lname == "base" && a.Name.Space == xmlNS):
		v := strings.TrimSpace(a.Value)
		switch {
		case strings.HasPrefix(v, "#") && (lname != "base"):
		case scriptScheme(v) != "":
			add(off, fmt.Sprintf("a %s link %s=%q in an SVG", scriptScheme(v), shown, a.Value), fix)
			return
		default:
			add(off, fmt.Sprintf("an external reference %s=%q in an SVG", shown, a.Value),
				"refer only to an #id in the same file; put what it loads into the file, or link it from the page instead")
			return
		}
	case animation && lname == "attributename":
		target := strings.ToLower(localName(strings.TrimSpace(a.Value)))
		if target == "href" || target == "src" || strings.HasPrefix(target, "on") {
			add(off, fmt.Sprintf("an animation <%s> that changes %s in an SVG", localName(el.Local), a.Value), fix)
			return
		}
	}
	if s := scriptScheme(a.Value); s != "" {
		add(off, fmt.Sprintf("a %s URL in %s=%q in an SVG", s, shown, a.Value), fix)
		return
	}
	if _, msg := cssProblem(a.Value); msg != "" {
		add(off, "the attribute "+shown+"= "+msg, "keep styles inside the file: url(#id) only, no @import")
	}
}

// localName drops every prefix of a qualified name: a name with two
// colons is not one browsers accept, and its last part is what counts.
func localName(s string) string {
	if i := strings.LastIndexByte(s, ':'); i >= 0 {
		return s[i+1:]
	}
	return s
}

// attrOffset finds where the attribute local starts in the tag
// data[start:end], or returns start.
func attrOffset(data []byte, start, end int, local string) int {
	tag := data[start:end]
	for i := 0; ; {
		j := bytes.Index(tag[i:], []byte(local))
		if j < 0 {
			return start
		}
		k := i + j
		after := bytes.TrimLeft(tag[k+len(local):], " \t\r\n")
		if k > 0 && (isXMLSpace(tag[k-1]) || tag[k-1] == ':') && len(after) > 0 && after[0] == '=' {
			for k > 0 && tag[k-1] != ' ' && !isXMLSpace(tag[k-1]) {
				k-- // to the start of a prefix
			}
			return start + k
		}
		i = k + 1
	}
}

func isXMLSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// scriptScheme returns the scheme of a URL that runs script or carries
// its own document (javascript:, vbscript:, data:), read as a browser
// reads it: with the whitespace and control characters it ignores
// removed, in any case.
func scriptScheme(v string) string {
	var b strings.Builder
	for _, r := range v {
		if r <= ' ' || r == 0x7f {
			continue
		}
		b.WriteRune(r)
		if b.Len() > len("javascript:") {
			break
		}
	}
	s := strings.ToLower(b.String())
	for _, scheme := range []string{"javascript:", "vbscript:", "data:"} {
		if strings.HasPrefix(s, scheme) {
			return scheme
		}
	}
	return ""
}

// cssProblem finds, in CSS text, what would load something from outside
// the file: @import, url() to anything but an #id, image-set(), src()
// and expression(). It returns the offset in css and what it found, or
// "" when there is nothing. CSS escapes and comments are undone first,
// as a browser undoes them.
func cssProblem(css string) (int, string) {
	if !strings.ContainsAny(css, "(@\\") {
		return 0, ""
	}
	plain, offs := unescapeCSS(css)
	lower := strings.ToLower(plain)
	orig := func(i int) int { return offs[min(i, len(offs)-1)] }
	if i := strings.Index(lower, "@import"); i >= 0 {
		return orig(i), "has an @import, which loads another file"
	}
	for _, fn := range []string{"image-set(", "src(", "expression("} {
		if i := strings.Index(lower, fn); i >= 0 && (i == 0 || !isNameByte(lower[i-1]) || fn == "image-set(") {
			return orig(i), "uses " + fn + "), which loads or runs something"
		}
	}
	for i := 0; ; {
		j := strings.Index(lower[i:], "url(")
		if j < 0 {
			return 0, ""
		}
		k := i + j + len("url(")
		arg := lower[k:]
		if e := strings.IndexByte(arg, ')'); e >= 0 {
			arg = arg[:e]
		}
		arg = strings.Trim(strings.TrimSpace(arg), `"'`)
		if !strings.HasPrefix(strings.TrimSpace(arg), "#") {
			return orig(i + j), fmt.Sprintf("refers to url(%s) outside the file", strings.TrimSpace(arg))
		}
		i = k
	}
}

func isNameByte(b byte) bool {
	return b == '-' || b == '_' || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
}

// unescapeCSS undoes CSS escapes (\75 and \u) and drops comments. It
// returns the text and, for each of its bytes, the offset in css it came
// from.
func unescapeCSS(css string) (string, []int) {
	var b strings.Builder
	offs := make([]int, 0, len(css)+1)
	for i := 0; i < len(css); {
		switch {
		case strings.HasPrefix(css[i:], "/*"):
			e := strings.Index(css[i+2:], "*/")
			if e < 0 {
				i = len(css)
			} else {
				i += 2 + e + 2
			}
		case css[i] == '\\' && i+1 < len(css):
			start := i
			j := i + 1
			for j < len(css) && j < i+7 && isHex(css[j]) {
				j++
			}
			if j > i+1 {
				n, _ := strconv.ParseUint(css[i+1:j], 16, 32)
				if j < len(css) && (css[j] == ' ' || css[j] == '\t' || css[j] == '\n') {
					j++
				}
				r := rune(n)
				if n == 0 || n > utf8.MaxRune || (n >= 0xd800 && n <= 0xdfff) {
					r = utf8.RuneError
				}
				for range utf8.RuneLen(r) {
					offs = append(offs, start)
				}
				b.WriteRune(r)
				i = j
				continue
			}
			_, n := utf8.DecodeRuneInString(css[i+1:])
			for range n {
				offs = append(offs, start)
			}
			b.WriteString(css[i+1 : i+1+n])
			i += 1 + n
		default:
			offs = append(offs, i)
			b.WriteByte(css[i])
			i++
		}
	}
	offs = append(offs, len(css))
	return b.String(), offs
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

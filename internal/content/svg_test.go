package content

import (
	"regexp"
	"strings"
	"testing"
)

// chart is a plain SVG picture as an editor or a plotting library writes
// it: it must pass untouched.
const chart = `<?xml version="1.0" encoding="UTF-8"?>
<!-- Made by hand -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="200" height="100" viewBox="0 0 200 100" role="img" aria-labelledby="t">
  <title id="t">Visits per month</title>
  <defs>
    <linearGradient id="g" x1="0" x2="0" y1="0" y2="1">
      <stop offset="0" stop-color="#36c"/><stop offset="1" stop-color="#9cf"/>
    </linearGradient>
    <rect id="a" width="20" height="60"/>
    <marker id="m"><path d="M0,0 L4,2 L0,4 z"/></marker>
  </defs>
  <style>rect { fill: url(#g); } .label { font: 12px sans-serif; }</style>
  <use href="#a" x="10" y="30"/>
  <use xlink:href="#a" x="40" y="20" style="fill: url('#g')"/>
  <line x1="0" y1="95" x2="200" y2="95" stroke="#333" marker-end="url(#m)"/>
  <a href="#t"><text x="10" y="20" class="label">Jan &amp; Feb &lt;3</text></a>
  <g transform="rotate(-5 100 50)"><circle cx="150" cy="50" r="10" fill="url(#g)"/></g>
  <text><![CDATA[a < b]]></text>
</svg>
`

const svgOpen = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">`

func TestCheckSVG(t *testing.T) {
	tests := []struct {
		name, svg string
		want      string // "line:col: part of the message", "" for none
	}{
		{"chart", chart, ""},
		{"bom and no declaration", "\ufeff" + svgOpen + "<rect/></svg>", ""},
		{"inkscape namespaces", `<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" inkscape:version="1.3"><rect inkscape:label="bar"/></svg>`, ""},

		{"onload", `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.domain)"/>`, "1:41: an event handler onload="},
		{"ONLOAD", `<svg xmlns="http://www.w3.org/2000/svg"` + "\n  ONLOAD=\"alert(1)\"/>", "2:3: an event handler ONLOAD="},
		{"onclick on a child", svgOpen + "\n<rect\n onclick='x()'/></svg>", "3:2: an event handler onclick="},
		{"handler in another namespace", svgOpen + `<rect xmlns:e="urn:e" e:onmouseover="x()"/></svg>`, "1:106: an event handler e:onmouseover="},
		{"script", svgOpen + "\n<script>alert(1)</script></svg>", "2:1: a <script> element"},
		{"SCRIPT with svg prefix", `<svg:svg xmlns:svg="http://www.w3.org/2000/svg">` + "\n <svg:SCRIPT>alert(1)</svg:SCRIPT></svg:svg>", "2:2: a <SCRIPT> element"},
		{"xhtml script", svgOpen + `<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script></svg>`, "1:84: an HTML or MathML element <script>"},
		{"script with href", svgOpen + `<script href="x.js"/></svg>`, "1:84: a <script> element"},
		{"xlink javascript", svgOpen + "\n<a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>", "2:4: a javascript: link xlink:href="},
		{"href javascript with tab entity", svgOpen + "<a href=\" jav&#x09;ascript:alert(1)\"><text>x</text></a></svg>", "1:87: a javascript: link href="},
		{"a href javascript", svgOpen + `<a href="JavaScript:alert(1)">x</a></svg>`, "1:87: a javascript: link href="},
		{"data image", svgOpen + "\n<image href=\"data:image/svg+xml;base64,PHN2Zz4=\"/></svg>", "2:8: a data: link href="},
		{"image https", svgOpen + "\n<image href=\"https://tracker.example/p.png\"/></svg>", "2:8: an external reference href="},
		{"use http", svgOpen + "\n<use href=\"http://evil.example/x.svg#a\"/></svg>", "2:6: an external reference href="},
		{"use another file", svgOpen + "\n<use xlink:href=\"other.svg#a\"/></svg>", "2:6: an external reference xlink:href="},
		{"a to another site", svgOpen + "\n<a href=\"https://example.org/\">x</a></svg>", "2:4: an external reference href="},
		{"foreignObject", svgOpen + "\n<foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\">x</div></foreignObject></svg>", "2:1: a <foreignObject> element"},
		{"doctype with entities", "<?xml version=\"1.0\"?>\n<!DOCTYPE svg [<!ENTITY x \"y\">]>\n" + svgOpen + "</svg>", "2:1: a DOCTYPE or entity declaration"},
		{"stylesheet processing instruction", "<?xml version=\"1.0\"?>\n<?xml-stylesheet href=\"https://evil.example/x.css\"?>\n" + svgOpen + "</svg>", "2:1: a processing instruction <?xml-stylesheet?>"},
		{"style url http", svgOpen + "\n<rect style=\"fill: url(https://evil.example/p)\"/></svg>", "2:7: the attribute style= refers to url(https://evil.example/p)"},
		{"style url escaped", svgOpen + `<rect style="background: \75 rl(//evil.example/p)"/></svg>`, "1:90: the attribute style= refers to url(//evil.example/p)"},
		{"presentation attribute url", svgOpen + `<rect fill="url(http://evil.example/#g)"/></svg>`, "1:90: the attribute fill= refers to url(http://evil.example/#g)"},
		{"style element import", svgOpen + "\n<style>\n@import url(#x);\nrect{}</style></svg>", "3:1: the <style> element has an @import"},
		{"style element url", svgOpen + "<style>rect { fill: url(x.svg#g) }</style></svg>", "1:104: the <style> element refers to url(x.svg#g)"},
		{"style element image-set", svgOpen + "<style>rect { background: image-set('https://e.example/a.png' 1x) }</style></svg>", "the <style> element uses image-set("},
		{"set href", svgOpen + "<a><set attributeName=\"href\" to=\"javascript:alert(1)\"/><text>x</text></a></svg>", "1:92: an animation <set> that changes href"},
		{"animate xlink:href", svgOpen + "<a><animate attributeName=\"xlink:href\" values=\"#a;https://e.example/\"/></a></svg>", "1:96: an animation <animate> that changes xlink:href"},
		{"set onload", svgOpen + "<set attributeName=\"onload\" to=\"alert(1)\"/></svg>", "1:89: an animation <set> that changes onload"},
		{"javascript in values", svgOpen + "<a><animate attributeName=\"x\" values=\"javascript:alert(1)\"/></a></svg>", "a javascript: URL in values="},
		{"xml:base", svgOpen + "<g xml:base=\"https://evil.example/\"><use href=\"#a\"/></g></svg>", "1:87: an external reference xml:base="},
		{"not svg root", `<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>`, "1:1: the file is not an SVG"},
		{"no namespace", `<svg onload="x()"/>`, "1:1: the file is not an SVG"},
		{"two roots", svgOpen + "</svg>\n" + svgOpen + "</svg>", "2:1: the SVG has a second root element"},
		{"empty", "", "the file has no <svg> element"},
		{"undefined entity", svgOpen + "<text>&nbsp;</text></svg>", "not well-formed XML"},
		{"latin-1 declaration", `<?xml version="1.0" encoding="ISO-8859-1"?>` + svgOpen + "</svg>", "not well-formed XML"},
		{"invalid utf-8", svgOpen + "<text>\xff</text></svg>", "1:90: the SVG is not valid UTF-8"},
		{"lt in attribute", svgOpen + `<rect id="<script>"/></svg>`, "not well-formed XML"},
		{"mathml href", svgOpen + `<m:math xmlns:m="http://www.w3.org/1998/Math/MathML"><m:mi href="javascript:alert(1)">x</m:mi></m:math></svg>`, "HTML or MathML element <math>"},
		{"too big", svgOpen + strings.Repeat(" ", maxSVG) + "</svg>", "the SVG is over 2 MiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs := CheckSVG("content/stories/x/pic.svg", []byte(tt.svg))
			if tt.want == "" {
				if len(errs) > 0 {
					t.Fatalf("refused a plain SVG:\n%v", errs)
				}
				return
			}
			if len(errs) == 0 {
				t.Fatalf("accepted; want %q", tt.want)
			}
			got := errs[0].Error()
			if !strings.Contains(got, tt.want) {
				t.Errorf("got\n%v\nwant the first to contain %q", errs, tt.want)
			}
			if !strings.HasPrefix(got, "content/stories/x/pic.svg") || errs[0].Hint == "" {
				t.Errorf("%v: want the file named and a hint", errs[0])
			}
		})
	}
}

// scriptElement finds a script element in XML text without parsing it:
// outside comments, CDATA and processing instructions a < always starts
// markup.
var (
	notMarkup     = regexp.MustCompile(`(?s)<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>`)
	scriptElement = regexp.MustCompile(`(?i)<([^\s<>/!?:="']+:)*script[\s/>]`)
)

func FuzzCheckSVG(f *testing.F) {
	f.Add(chart)
	f.Add(svgOpen + "<script>alert(1)</script></svg>")
	f.Add(svgOpen + "<svg:script xmlns:svg=\"http://www.w3.org/2000/svg\"/></svg>")
	f.Add(svgOpen + "<!-- <script> --><text><![CDATA[<script>]]></text></svg>")
	f.Add(svgOpen + `<a href=" jav&#x09;ascript:x"/><rect style="fill:url(#a)" onload="x"/></svg>`)
	f.Add("<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY e \"<script>\">]>" + svgOpen + "&e;</svg>")
	f.Fuzz(func(t *testing.T, svg string) {
		errs := CheckSVG("x.svg", []byte(svg))
		for _, e := range errs {
			if e.Pos.File != "x.svg" || e.Msg == "" {
				t.Fatalf("bad problem %#v", e)
			}
		}
		if len(errs) == 0 && scriptElement.MatchString(notMarkup.ReplaceAllString(svg, "")) {
			t.Fatalf("accepted an SVG with a script element:\n%q", svg)
		}
	})
}

package markdown

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestSyntaxContrast computes, for every token class the syntax
// stylesheet colours, its WCAG contrast with its background (its own, or
// the code block's) in light mode and in dark mode, where the dark rules
// win over the light ones as in a browser; each must reach 4.5:1.
func TestSyntaxContrast(t *testing.T) {
	css, err := SyntaxCSS()
	if err != nil {
		t.Fatal(err)
	}
	lightCSS, darkCSS, ok := strings.Cut(string(css), "@media screen and (prefers-color-scheme: dark) {")
	if !ok {
		t.Fatal("the stylesheet has no dark block")
	}
	light := cssRules(lightCSS)
	dark := cascade(light, cssRules(darkCSS))
	for _, mode := range []struct {
		name  string
		rules map[string]map[string]string
	}{{"light", light}, {"dark", dark}} {
		codeBg := mode.rules["chroma"]["background-color"]
		if codeBg == "" {
			t.Fatalf("%s: the code block has no background", mode.name)
		}
		checked := 0
		for class, props := range mode.rules {
			fg := props["color"]
			if class == "chroma" || fg == "" || fg == "inherit" {
				continue
			}
			bg := props["background-color"]
			if bg == "" {
				bg = codeBg
			}
			c, err := contrast(fg, bg)
			if err != nil {
				t.Fatalf("%s .hl-%s: %v", mode.name, class, err)
			}
			if c < 4.5 {
				t.Errorf("%s .hl-%s: %s on %s is %.2f:1, under 4.5:1", mode.name, class, fg, bg, c)
			}
			checked++
		}
		if checked < 40 {
			t.Errorf("%s: only %d classes checked; the stylesheet was not read", mode.name, checked)
		}
	}
	// The classes that had no dark colour.
	for _, class := range []string{"p", "na", "nx", "nb", "bp", "ge"} {
		if _, ok := cssRules(darkCSS)[class]["color"]; !ok {
			t.Errorf("dark .hl-%s has no colour of its own", class)
		}
	}
}

var cssRule = regexp.MustCompile(`\.hl-chroma(?: \.hl-([a-z0-9]+))? \{([^}]*)\}`)

// cssRules maps each class (without its prefix; "chroma" for the code
// block) to its properties.
func cssRules(css string) map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, m := range cssRule.FindAllStringSubmatch(css, -1) {
		class := m[1]
		if class == "" {
			class = "chroma"
		}
		if out[class] == nil {
			out[class] = map[string]string{}
		}
		for _, decl := range strings.Split(m[2], ";") {
			k, v, ok := strings.Cut(decl, ":")
			if ok {
				out[class][strings.TrimSpace(k)] = strings.TrimSpace(v)
			}
		}
	}
	return out
}

// cascade is base with over's properties written over it.
func cascade(base, over map[string]map[string]string) map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, rules := range []map[string]map[string]string{base, over} {
		for class, props := range rules {
			if out[class] == nil {
				out[class] = map[string]string{}
			}
			for k, v := range props {
				out[class][k] = v
			}
		}
	}
	return out
}

// contrast is the WCAG 2 contrast ratio of two #rrggbb colours.
func contrast(a, b string) (float64, error) {
	la, err := luminance(a)
	if err != nil {
		return 0, err
	}
	lb, err := luminance(b)
	if err != nil {
		return 0, err
	}
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05), nil
}

func luminance(hex string) (float64, error) {
	if len(hex) != 7 || hex[0] != '#' {
		return 0, fmt.Errorf("colour %q is not #rrggbb", hex)
	}
	v, err := strconv.ParseUint(hex[1:], 16, 32)
	if err != nil {
		return 0, fmt.Errorf("colour %q: %v", hex, err)
	}
	channel := func(c uint64) float64 {
		s := float64(c) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*channel(v>>16&0xff) + 0.7152*channel(v>>8&0xff) + 0.0722*channel(v&0xff), nil
}

func TestContrast(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want float64
	}{
		{"#000000", "#ffffff", 21},
		{"#ffffff", "#000000", 21},
		{"#777777", "#777777", 1},
		{"#6a737d", "#f7f7f7", 4.49}, // github's NameBuiltinPseudo, under AA
		{"#1f2328", "#0d1117", 1.20}, // light punctuation on dark
	} {
		got, err := contrast(tc.a, tc.b)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(got-tc.want) > 0.01 {
			t.Errorf("contrast(%s, %s) = %.3f, want %.2f", tc.a, tc.b, got, tc.want)
		}
	}
	if _, err := contrast("#12345", "#000000"); err == nil {
		t.Error("contrast of a short colour: no error")
	}
}

package content

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// positions is every key and value of a front matter's tree, by path:
// "k:a.b" is where the key b of a is, "v:a.b[1]" where that value is, as
// line:col in the file.
func positions(t *testing.T, src string) map[string]string {
	t.Helper()
	fm, _, _, err := split([]byte(src))
	if err != nil {
		t.Fatalf("split: %v", err)
	}
	root, perr := fm.tree()
	if perr != nil {
		t.Fatalf("tree: %v", perr)
	}
	out := map[string]string{}
	var walk func(n *yaml.Node, path string)
	walk = func(n *yaml.Node, path string) {
		out["v:"+path] = fmt.Sprintf("%d:%d", n.Line, n.Column)
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				p := strings.TrimPrefix(path+"."+n.Content[i].Value, ".")
				out["k:"+p] = fmt.Sprintf("%d:%d", n.Content[i].Line, n.Content[i].Column)
				walk(n.Content[i+1], p)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				walk(c, fmt.Sprintf("%s[%d]", path, i))
			}
		}
	}
	walk(root, "")
	return out
}

func TestFrontMatterPositions(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want map[string]string // a few entries of positions
	}{
		{"toml: a key inside a multi-line string is text", "+++\ntitle = \"T\"\nsummary = \"\"\"\ndate = fake\n\"\"\"\ndate = 2026-05-14\n+++\n",
			map[string]string{"k:title": "2:1", "v:title": "2:9", "v:summary": "3:11", "k:date": "6:1", "v:date": "6:8"}},
		{"toml: arrays of tables", "+++\ntitle = \"T\"\nsummary = \"S\"\n\n[[files]]\npath = \"a.pdf\"\n\n[[files]]\npath = \"b.pdf\"\n\n\n\n  lable = \"B\"\n+++\n",
			map[string]string{"k:files": "5:3", "v:files": "5:1", "v:files[0]": "5:1", "k:files[0].path": "6:1", "v:files[0].path": "6:8",
				"v:files[1]": "8:1", "k:files[1].path": "9:1", "k:files[1].lable": "13:3", "v:files[1].lable": "13:11"}},
		{"toml: nested tables", "+++\ntitle = \"T\"\n[organization]\nname = \"O\"\n  [organization.where]\n  city = \"Lyon\"\n+++\n",
			map[string]string{"k:organization": "3:2", "v:organization": "3:1", "k:organization.name": "4:1", "v:organization.name": "4:8",
				"k:organization.where": "5:17", "v:organization.where": "5:3", "k:organization.where.city": "6:3", "v:organization.where.city": "6:10"}},
		{"toml: a table after one within it", "+++\n[a.b]\nx = 1\n[a]\ny = 2\n+++\n",
			map[string]string{"k:a": "2:2", "k:a.b": "2:4", "k:a.b.x": "3:1", "k:a.y": "5:1", "v:a.y": "5:5"}},
		{"toml: dotted keys", "+++\norganization.name = \"O\"\norganization . url = 'https://o.example/'\n+++\n",
			map[string]string{"k:organization": "2:1", "k:organization.name": "2:14", "v:organization.name": "2:21",
				"k:organization.url": "3:16", "v:organization.url": "3:22"}},
		{"toml: inline tables", "+++\norganization = { name = \"O\", url = \"https://o.example/\" }\nauthors = [{name = \"A\"}, { name = \"B\" }]\n+++\n",
			map[string]string{"v:organization": "2:16", "k:organization.name": "2:18", "v:organization.name": "2:25", "k:organization.url": "2:30", "v:organization.url": "2:36",
				"v:authors": "3:11", "v:authors[0]": "3:12", "v:authors[0].name": "3:20", "v:authors[1]": "3:26", "k:authors[1].name": "3:28", "v:authors[1].name": "3:35"}},
		{"toml: arrays over lines, with comments, nested", "+++\ntags = [\n  \"a\", # first, [x]\n  # \"z\",\n  \"b\",\n]\nx = [ [1, 2], [], [ [3] ] ]\n+++\n",
			map[string]string{"v:tags": "2:8", "v:tags[0]": "3:3", "v:tags[1]": "5:3",
				"v:x": "7:5", "v:x[0]": "7:7", "v:x[0][1]": "7:11", "v:x[1]": "7:15", "v:x[2]": "7:19", "v:x[2][0]": "7:21", "v:x[2][0][0]": "7:22"}},
		{"toml: quoted keys", "+++\n\"title\" = \"T\"\n'sum mary' = 1\n[communities.\"Data Science\"]\nname = \"DS\"\n+++\n",
			map[string]string{"k:title": "2:1", "v:title": "2:11", "k:sum mary": "3:1", "v:sum mary": "3:14",
				"k:communities": "4:2", "k:communities.Data Science": "4:14", "k:communities.Data Science.name": "5:1"}},
		{"toml: characters before the value are counted, not bytes", "+++\n\"Çà—\" = \"x\"\nauthors = [\"Zoë\", \"Ana\"]\n+++\n",
			map[string]string{"v:Çà—": "2:9", "v:authors[1]": "3:19"}},
		{"toml: front matter after blank lines, ---toml", "\n\n---toml\ntitle = \"T\"\n---\n",
			map[string]string{"k:title": "4:1", "v:title": "4:9"}},
		{"yaml: characters before the value are counted, not bytes", "---\n\"Çà—\": x\nauthors: [Zoë, Ana]\n---\n",
			map[string]string{"v:Çà—": "2:8", "v:authors[1]": "3:16"}},
		{"yaml: block scalars and lists of mappings", "---\nsummary: |\n  a: b\nfiles:\n  - path: a.pdf\n    label: A\n---\n",
			map[string]string{"v:summary": "2:10", "k:files": "4:1", "v:files[0]": "5:5", "k:files[0].label": "6:5", "v:files[0].label": "6:12"}},
		{"json", "{\n  \"title\": \"Zoë\", \"summary\": \"S\",\n\t\"files\": [{\"path\": \"a.pdf\"}]\n}\n\n",
			map[string]string{"k:title": "2:3", "v:title": "2:12", "k:summary": "2:19", "v:summary": "2:30", "k:files": "3:2", "v:files[0].path": "3:21"}},
		{"json between ;;;", ";;;\n{\"title\": \"Ça\",\n\"date\": \"2026-05-14\"}\n;;;\n",
			map[string]string{"k:title": "2:2", "v:title": "2:11", "k:date": "3:1", "v:date": "3:9"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := positions(t, tt.src)
			for k, want := range tt.want {
				if got[k] != want {
					t.Errorf("%s at %s, want %s", k, got[k], want)
				}
			}
		})
	}
}

func TestTOMLProblemPositions(t *testing.T) {
	tests := []struct {
		name string
		kind Kind
		src  string
		want []string
	}{
		{"a mistake in the second of [[files]]", Deck,
			"+++\ntitle = \"T\"\nsummary = \"S\"\ndate = 2026-05-14\nspeakers = [\"A\"]\nlicense = \"CC-BY-4.0\"\n\n[[files]]\npath = \"/a.pdf\"\n\n[[files]]\npath = \"/b.pdf\"\nlable = \"B\"\n+++\n",
			[]string{`f.md:13:1: unknown key "lable" (did you mean "label"?)`}},
		{"a field after [organization]", Story,
			"+++\ntitle = \"T\"\ndate = 2026-05-14\nauthors = [\"Ada\"]\n[organization]\nname = \"O\"\nsummary = \"S\"\n+++\n",
			[]string{
				`f.md:1:1: missing required field "summary" for a story (add summary: one or two sentences for cards, feeds and social previews)`,
				`f.md:7:1: unknown key "summary" (summary is under [organization], which starts on line 5; move it above that line)`,
			}},
		{"a field after [[files]]", Deck,
			"+++\ntitle = \"T\"\nsummary = \"S\"\ndate = 2026-05-14\nspeakers = [\"A\"]\nlicense = \"CC-BY-4.0\"\n[[files]]\npath = \"/a.pdf\"\n  level = \"beginner\"\n+++\n",
			[]string{`f.md:9:3: unknown key "level" (level is under [[files]], which starts on line 7; move it above that line)`}},
		{"a typo inside a table is only a typo", Story,
			"+++\ntitle = \"T\"\nsummary = \"S\"\ndate = 2026-05-14\nauthors = [\"Ada\"]\n[organization]\nnmae = \"O\"\n+++\n",
			[]string{
				`f.md:6:1: organization has no name (add name: ...)`,
				`f.md:7:1: unknown key "nmae" (did you mean "name"?)`,
			}},
		{"a value with a mistake, after non-ASCII text", Story,
			"+++\ntitle = \"Ça été\"; summary = \"S\"\n+++\n",
			[]string{`f.md:2:17: TOML front matter: expected newline but got U+003B ';' (TOML strings need quotes; lists are ["a", "b"])`}},
		{"a value of the wrong type in an inline table", Story,
			"+++\ntitle = \"T\"\nsummary = \"S\"\ndate = 2026-05-14\nauthors = [\"Ada\"]\norganization = { name = \"Ça\", url = [3] }\n+++\n",
			[]string{`f.md:6:37: organization.url must be a string, not a list`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := Parse("f.md", DefaultKinds(), tt.kind, []byte(tt.src))
			wantProblems(t, errs, tt.want)
		})
	}
}

func TestYAMLSyntaxErrorPositions(t *testing.T) {
	const head = "---\ntitle: T\n" // the front matter's first field is on line 2
	tests := []struct {
		name, src, want string
	}{
		{"a double quote never closed", head + "date: 2026-05-14\nsummary: \"It was\nauthors: [Ada]\n---\n",
			`f.md:4:10: YAML front matter: the quote opened here is never closed (close it with " on the same line, or use a block scalar (|) for text over several lines)`},
		{"a single quote never closed, '' within", head + "summary: 'It''s\n---\n",
			`f.md:3:10: YAML front matter: the quote opened here is never closed (close it with ' on the same line, or use a block scalar (|) for text over several lines)`},
		{"a quote closed by the next value's", head + "summary: \"It was\ndate: 2026-05-14\nauthors: [\"Ada\"]\n---\n",
			`f.md:3:10: YAML front matter: the quote opened here runs on to line 5 (close it with " on the same line, or use a block scalar (|) for text over several lines)`},
		{"a list never closed", head + "authors: [unclosed\ndate: 2026-05-14\n---\n",
			`f.md:3:10: YAML front matter: the [ opened here is never closed (close the list with ])`},
		{"a mapping never closed, after non-ASCII text", head + "\"Çà—\": {name: O\ndate: 2026-05-14\n---\n",
			`f.md:3:8: YAML front matter: the { opened here is never closed (close the mapping with })`},
		{"a list closed by }", head + "authors: [{name: A}}\n---\n",
			`f.md:3:10: YAML front matter: the [ opened here is never closed (a } comes first) (close the list with ])`},
		{"a quote in a comment or a block scalar is text", head + "# don't\nsummary: |\n  it's \"x\n  # [\nauthors: [A\n---\n",
			`f.md:7:10: YAML front matter: the [ opened here is never closed (close the list with ])`},
		{"a tab indents a line", head + "organization:\n  name: O\n \turl: https://o.example/\n---\n",
			`f.md:5:2: YAML front matter: a tab indents this line (YAML indents with spaces, not tabs: replace it with spaces)`},
		{"a tab indents a list item", head + "authors:\n\t- Ada\n---\n",
			`f.md:4:1: YAML front matter: a tab indents this line (YAML indents with spaces, not tabs: replace it with spaces)`},
		{"text after the closing quote", head + "summary: \"Zoë\" wrote it\n---\n",
			`f.md:3:16: YAML front matter: text follows the closing quote (put the whole value inside the quotes, or leave the quotes out)`},
		{"a value starting with @", head + "authors: [@ada]\n---\n",
			`f.md:3:11: YAML front matter: a value cannot start with @ (put the value in quotes)`},
		{"a second colon", head + "summary: Ça: x\n---\n",
			`f.md:3:12: YAML front matter: mapping values are not allowed in this context (check quotes, colons and indentation; a value with ': ' or '#' needs quotes)`},
		{"a line that is not a key", head + "summary: S\n- Ada\n---\n",
			`f.md:4:1: YAML front matter: did not find expected key (check quotes, colons and indentation; a value with ': ' or '#' needs quotes)`},
		{"a mistake before a bracket left open", head + "- Ada\nsummary: S\nauthors: [Ada\n---\n",
			`f.md:3:1: YAML front matter: did not find expected key (check quotes, colons and indentation; a value with ': ' or '#' needs quotes)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := Parse("f.md", DefaultKinds(), Story, []byte(tt.src))
			if len(errs) != 1 || errs[0].Error() != tt.want {
				t.Errorf("problems:\n%v\nwant:\n%s", errs, tt.want)
			}
		})
	}
}

func TestJSONProblemPositions(t *testing.T) {
	const rest = "\"summary\": \"S\", \"date\": \"2026-05-14\", \"authors\": [\"Ada\"]"
	tests := []struct {
		name, src string
		want      []string
	}{
		{"a syntax error after non-ASCII text", "{\n\"title\": \"Zoë\", \"summary\": s\n}\n\n",
			[]string{`f.md:2:28: JSON front matter: invalid character 's' looking for beginning of value (JSON needs double-quoted keys and strings and no trailing commas)`}},
		{"a trailing comma", ";;;\n{\"title\": \"Ça\",\n\"x\": [1,]}\n;;;\n",
			[]string{`f.md:3:9: JSON front matter: invalid character ']' looking for beginning of value (JSON needs double-quoted keys and strings and no trailing commas)`}},
		{"a number too big", "{\n\"title\": \"T\", " + rest + ",\n\"featured\":  1e400\n}\n\n",
			[]string{`f.md:3:14: JSON front matter: cannot unmarshal number 1e400 into Go value of type float64 (JSON needs double-quoted keys and strings and no trailing commas)`}},
		{"an escaped emoji, which YAML cannot read", "{\n\"title\": \"\\ud83d\\ude00 \\u00e9\", " + rest + ",\n\"featured\": \"yes\"\n}\n\n",
			[]string{`f.md:3:13: featured must be true or false, not "yes" (write true or false without quotes)`}},
		{"a key over 1024 characters, which YAML cannot read", "{\n\"title\": \"T\", " + rest + ",\n\"" + strings.Repeat("é", 1100) + "\": 1\n}\n\n",
			[]string{`f.md:3:1: unknown key "` + strings.Repeat("é", 1100) + `" for a story (` + unknownKeyHint(strings.Repeat("é", 1100), newSchemas(DefaultKinds())[Story], newSchemas(DefaultKinds())) + `)`}},
		{"a key given twice", "{\n\"title\": \"T\", " + rest + ",\n  \"title\": \"U\"\n}\n\n",
			[]string{`f.md:3:3: title is given twice (keep one)`}},
		{"a value of the wrong type", "{\n\"title\": \"T\", " + rest + ", \"featured\": null\n}\n\n",
			[]string{`f.md:2:85: featured must be true or false, not nothing (write true or false without quotes)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := Parse("f.md", DefaultKinds(), Story, []byte(tt.src))
			wantProblems(t, errs, tt.want)
		})
	}
}

// FuzzFrontMatterPositions checks that every problem Parse reports lies
// inside the file, and that every key of the front matter's tree is at
// the text that wrote it, in YAML, TOML and JSON alike. Text that is not
// UTF-8, or holds a NUL, is refused before anything else is read, and is
// left to FuzzParse.
func FuzzFrontMatterPositions(f *testing.F) {
	f.Add(okStory)
	f.Add("---\n\"Çà—\": {name: O\ndate: 2026-05-14\n---\n")
	f.Add("---\ntitle: T\nsummary: \"It was\ndate: 2026-05-14\nauthors: [\"Ada\"]\n---\n")
	f.Add("---\n# don't\nsummary: |\n  it's \"x\nauthors: [A\n---\n")
	f.Add("---\nauthors:\n\t- Ada\n---\n")
	f.Add("+++\ntitle = \"T\"\nsummary = \"\"\"\ndate = fake\n\"\"\"\n[[files]]\npath = \"a\"\n[organization]\nname.x = 'O'\n\"Çà\" = [[1], {a = 2}]\n+++\n")
	f.Add("\r\n---toml\r\ntitle = \"T\" ; x\r\n---\r\n")
	f.Add("{\n  \"title\": \"Zoë\", \"summary\": \"S\",\n\t\"files\": [{\"path\": \"a.pdf\"}]\n}\n\n")
	f.Add(";;;\n{\"title\": \"\\ud83d\\ude00\", \"x\": [1,]}\n;;;\n")
	f.Fuzz(func(t *testing.T, src string) {
		if !utf8.ValidString(src) || strings.ContainsRune(src, 0) {
			return
		}
		// The file as Parse reads it: no BOM, every line break a \n.
		text := strings.TrimPrefix(src, "\ufeff")
		text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
		lines := strings.Split(text, "\n")
		inside := func(line, col int) bool {
			return line >= 1 && line <= len(lines) && col >= 0 && col <= utf8.RuneCountInString(lines[line-1])+1
		}
		kinds := DefaultKinds()
		for k := range kinds.All() {
			_, errs := Parse("f.md", kinds, k, []byte(src))
			for _, e := range errs {
				if !inside(e.Pos.Line, e.Pos.Col) {
					t.Fatalf("problem outside the file: %v (file: %q)", e, text)
				}
			}
		}
		fm, _, _, err := split([]byte(text))
		if err != nil {
			return
		}
		root, perr := fm.tree()
		if perr != nil {
			return
		}
		var walk func(n *yaml.Node)
		walk = func(n *yaml.Node) {
			if !inside(n.Line, n.Column) || n.Column == 0 {
				t.Fatalf("node %q at %d:%d, outside the file %q", n.Value, n.Line, n.Column, text)
			}
			for i, c := range n.Content {
				if n.Kind == yaml.MappingNode && i%2 == 0 && c.Kind == yaml.ScalarNode && c.Value != "" {
					at := string([]rune(lines[c.Line-1])[c.Column-1:])
					first, _ := utf8.DecodeRuneInString(c.Value)
					if !strings.HasPrefix(at, string(first)) && !strings.ContainsAny(at[:1], "\"'&!?") {
						t.Fatalf("key %q at %d:%d, where the text is %q", c.Value, c.Line, c.Column, at)
					}
				}
				walk(c)
			}
		}
		walk(root)
	})
}

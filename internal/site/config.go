package site

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"reflect"
	"slices"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"gopkg.in/yaml.v3"

	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/weburl"
)

// Config is site.toml. Every field has a default, so a site needs none.
type Config struct {
	Title           string `toml:"title"`
	Description     string `toml:"description"`
	BaseURL         string `toml:"base_url"`
	Language        string `toml:"language"`
	Theme           string `toml:"theme"`
	PageSize        int    `toml:"page_size"`
	FeedLimit       int    `toml:"feed_limit"`
	FeedFullContent *bool  `toml:"feed_full_content"`
	// MaxFileMB and MaxDownloadMB are content.Limits in megabytes.
	MaxFileMB     float64 `toml:"max_file_mb"`
	MaxDownloadMB float64 `toml:"max_download_mb"`
	// ShareURL is where a reader shares a story (the home page's call to
	// action); without it, Repository's story issue form (see Share).
	ShareURL string `toml:"share_url"`
	// Repository is the hub's GitHub repository, https://github.com/OWNER/REPO.
	Repository string `toml:"repository"`
	// Communities maps a slug to its name and description.
	Communities map[string]CommunityConfig `toml:"communities"`
	// CardFont is a TrueType or OpenType font in the site (a slash path
	// such as static/fonts/X.ttf) to draw preview cards with; empty for
	// the Go fonts. CardFontPos is where it was written.
	CardFont    string      `toml:"card_font"`
	CardFontPos content.Pos `toml:"-" json:"-"`
}

// CommunityConfig describes one audience in site.toml.
type CommunityConfig struct {
	Name        string `toml:"name"`
	Description string `toml:"description"`
}

// ConfigFile is the name of the site's configuration file.
const ConfigFile = "site.toml"

// DefaultConfig is what a site without site.toml gets.
func DefaultConfig() Config {
	full := true
	limits := content.DefaultLimits()
	return Config{
		Title:           "Community Stories",
		Description:     "Stories, talks and guides from our community.",
		BaseURL:         "http://localhost:1313/",
		Language:        "en",
		Theme:           "default",
		PageSize:        20,
		FeedLimit:       20,
		FeedFullContent: &full,
		MaxFileMB:       float64(limits.File) / content.MB,
		MaxDownloadMB:   float64(limits.Download) / content.MB,
	}
}

// ParseConfig reads site.toml strictly: unknown keys and bad values are
// errors at the line and column of the key or value.
func ParseConfig(data []byte) (Config, content.ErrorList) {
	cfg := DefaultConfig()
	var errs content.ErrorList
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // editors on Windows add a BOM
	const typesHint = "see README.md for the keys and their types"
	root, perr := content.TOMLTree(data)
	if perr != nil {
		perr.Pos.File, perr.Hint = ConfigFile, typesHint
		errs = append(errs, perr)
		root = &yaml.Node{Kind: yaml.MappingNode}
	}
	// find returns the key and value at a key path, or nil.
	find := func(path []string) (key, value *yaml.Node) {
		value = root
		for _, k := range path {
			m := value
			key, value = nil, nil
			for j := 0; j+1 < len(m.Content); j += 2 {
				if m.Content[j].Value == k {
					key, value = m.Content[j], m.Content[j+1]
				}
			}
			if key == nil {
				return nil, nil
			}
		}
		return key, value
	}
	pos := func(n *yaml.Node) content.Pos {
		if n == nil {
			return content.Pos{File: ConfigFile, Line: 1}
		}
		return content.Pos{File: ConfigFile, Line: n.Line, Col: n.Column}
	}
	// at is where the value at a key path is written; keyAt, its key.
	at := func(path ...string) content.Pos { _, v := find(path); return pos(v) }
	keyAt := func(path ...string) content.Pos { k, _ := find(path); return pos(k) }
	undecoded := perr != nil
	if perr == nil {
		unknownKeys(root, &errs)
		// go-toml leaves out the keys Config does not have.
		if err := toml.Unmarshal(data, &cfg); err != nil {
			where := content.Pos{File: ConfigFile, Line: 1}
			var de *toml.DecodeError
			if errors.As(err, &de) {
				where = at(de.Key()...)
			}
			errs.Add(where, strings.TrimPrefix(err.Error(), "toml: "), typesHint)
			undecoded = true
		}
	}
	// The limits hold even when the rest could not be read: a bad one is
	// reported, and the default used meanwhile.
	def := DefaultConfig()
	for _, l := range []struct {
		key  string
		mb   *float64
		def  float64
		most float64
	}{
		{"max_file_mb", &cfg.MaxFileMB, def.MaxFileMB, 1000},
		{"max_download_mb", &cfg.MaxDownloadMB, def.MaxDownloadMB, 100_000},
	} {
		switch {
		case undecoded:
			*l.mb = l.def // perhaps half decoded
		case !(*l.mb > 0 && *l.mb <= l.most): // NaN too
			errs.Add(at(l.key), fmt.Sprintf("%s must be more than 0 and at most %g", l.key, l.most), "a size in megabytes, like 10 or 0.5")
			*l.mb = l.def
		}
	}
	if undecoded {
		return cfg, errs
	}
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		errs.Add(at("base_url"), fmt.Sprintf("base_url %q is not an http(s) URL", cfg.BaseURL), "write it like https://stories.example.org/")
	}
	for _, k := range []struct {
		key string
		v   *string
	}{{"share_url", &cfg.ShareURL}, {"repository", &cfg.Repository}} {
		if *k.v == "" {
			continue
		}
		checked, problem, hint := weburl.Check(*k.v)
		if problem != "" {
			errs.Add(at(k.key), fmt.Sprintf("%s %q %s", k.key, *k.v, problem), hint)
			continue
		}
		*k.v = checked
	}
	if cfg.Repository != "" && repoPath(cfg.Repository) == "" {
		errs.Add(at("repository"), fmt.Sprintf("repository %q is not a GitHub repository's address", cfg.Repository),
			"write it like https://github.com/OWNER/REPO, or set share_url to the page where stories are shared")
	}
	if cfg.PageSize < 1 {
		errs.Add(at("page_size"), "page_size must be at least 1", "")
	}
	if cfg.FeedLimit < 1 {
		errs.Add(at("feed_limit"), "feed_limit must be at least 1", "")
	}
	// Markdown files are held in memory whole; downloads are copied whole.
	if !content.ValidSlug(cfg.Theme) {
		errs.Add(at("theme"), fmt.Sprintf("theme %q is not a folder name", cfg.Theme), "use the name of a folder under themes/")
	}
	if cfg.CardFont != "" {
		cfg.CardFontPos = at("card_font")
		ext := strings.ToLower(path.Ext(cfg.CardFont))
		if !fs.ValidPath(cfg.CardFont) || strings.Contains(cfg.CardFont, "\\") || (ext != ".ttf" && ext != ".otf") {
			errs.Add(cfg.CardFontPos, fmt.Sprintf("card_font %q is not a .ttf or .otf file in the site", cfg.CardFont), "write the font's path from the site folder, like static/fonts/NotoSans-Bold.ttf")
		}
	}
	for _, slug := range sortedKeys(cfg.Communities) {
		if !content.ValidSlug(slug) {
			errs.Add(keyAt("communities", slug), fmt.Sprintf("community %q is not a slug", slug), fmt.Sprintf("try %q", content.Slugify(slug)))
		}
		if strings.TrimSpace(cfg.Communities[slug].Name) == "" {
			errs.Add(keyAt("communities", slug), fmt.Sprintf("community %q has no name", slug), "add name = \"...\"")
		}
	}
	return cfg, errs
}

// unknownKeys reports the keys of site.toml, root, that Config and
// CommunityConfig do not have, with the one meant.
func unknownKeys(root *yaml.Node, errs *content.ErrorList) {
	check := func(m *yaml.Node, allowed []string, prefix string, each func(k string, v *yaml.Node)) {
		for i := 0; i+1 < len(m.Content); i += 2 {
			k := m.Content[i]
			if !slices.Contains(allowed, k.Value) {
				errs.Add(content.Pos{File: ConfigFile, Line: k.Line, Col: k.Column}, fmt.Sprintf("unknown key %q", prefix+k.Value), content.Suggest(k.Value, allowed))
				continue
			}
			each(k.Value, m.Content[i+1])
		}
	}
	check(root, tomlKeys(reflect.TypeFor[Config]()), "", func(k string, v *yaml.Node) {
		if k != "communities" || v.Kind != yaml.MappingNode {
			return // a value of the wrong type is go-toml's to report
		}
		for i := 0; i+1 < len(v.Content); i += 2 {
			if c := v.Content[i+1]; c.Kind == yaml.MappingNode {
				check(c, tomlKeys(reflect.TypeFor[CommunityConfig]()), "communities."+v.Content[i].Value+".", func(string, *yaml.Node) {})
			}
		}
	})
}

// tomlKeys are the keys of a struct's toml tags, in order: the keys
// site.toml may hold, said once, where they are decoded.
func tomlKeys(t reflect.Type) []string {
	var keys []string
	for f := range t.Fields() {
		if k, _, _ := strings.Cut(f.Tag.Get("toml"), ","); k != "" && k != "-" {
			keys = append(keys, k)
		}
	}
	return keys
}

// StoryForm is the file name of the story issue form under
// .github/ISSUE_TEMPLATE/, the form a repository's share link opens.
const StoryForm = "story.yml"

// Share is where the home page invites readers to share a story:
// share_url, or else the story issue form of repository, or "" when
// site.toml has neither.
func (c *Config) Share() string {
	if c.ShareURL != "" {
		return c.ShareURL
	}
	if p := repoPath(c.Repository); p != "" {
		return "https://github.com/" + p + "/issues/new?template=" + StoryForm
	}
	return ""
}

// repoPath is OWNER/REPO of a checked https://github.com/OWNER/REPO
// address (a trailing / or .git allowed), or "".
func repoPath(addr string) string {
	u, err := url.Parse(addr)
	if err != nil || u.Scheme != "https" || u.Host != "github.com" || u.RawQuery != "" || u.Fragment != "" {
		return ""
	}
	p := strings.TrimSuffix(strings.TrimSuffix(strings.TrimPrefix(u.Path, "/"), "/"), ".git")
	owner, repo, ok := strings.Cut(p, "/")
	if !ok || owner == "" || repo == "" || strings.Contains(repo, "/") {
		return ""
	}
	return p
}

// Limits are the file size limits the configuration sets.
func (c *Config) Limits() content.Limits {
	return content.Limits{File: int64(c.MaxFileMB * content.MB), Download: int64(c.MaxDownloadMB * content.MB)}
}

// WithBaseURL checks and sets the base URL (from --base-url).
func (c *Config) WithBaseURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("--base-url %q is not an http(s) URL like https://stories.example.org/", raw)
	}
	c.BaseURL = raw
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

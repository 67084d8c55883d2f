package site

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/pelletier/go-toml/v2"

	"github.com/storyhub/storyhub/internal/content"
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
	// Communities maps a slug to its name and description.
	Communities map[string]CommunityConfig `toml:"communities"`
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
// errors naming the line.
func ParseConfig(data []byte) (Config, content.ErrorList) {
	cfg := DefaultConfig()
	var errs content.ErrorList
	at := func(line, col int) content.Pos { return content.Pos{File: ConfigFile, Line: line, Col: col} }
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // editors on Windows add a BOM
	dec := toml.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	err := dec.Decode(&cfg)
	var strict *toml.StrictMissingError
	var de *toml.DecodeError
	switch {
	case errors.As(err, &strict):
		keys := []string{"title", "description", "base_url", "language", "theme", "page_size", "feed_limit", "feed_full_content", "max_file_mb", "max_download_mb", "communities"}
		for _, e := range strict.Errors {
			l, c := e.Position()
			k := e.Key()
			name := strings.Join(k, ".")
			hint := "allowed: " + strings.Join(keys, ", ")
			if len(k) > 2 && k[0] == "communities" {
				hint = "a community has name and description"
			}
			errs.Add(at(l, c), fmt.Sprintf("unknown key %q", name), hint)
		}
	case errors.As(err, &de):
		l, c := de.Position()
		errs.Add(at(l, c), strings.TrimPrefix(de.Error(), "toml: "), "see README.md for the keys and their types")
	case err != nil:
		errs.Add(at(1, 0), strings.TrimPrefix(err.Error(), "toml: "), "")
	}
	lineOf := func(key string) int {
		for i, l := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(strings.TrimSpace(l), key) {
				return i + 1
			}
		}
		return 1
	}
	// The limits hold even when the rest could not be read: a bad one is
	// reported, and the default used meanwhile.
	def, undecoded := DefaultConfig(), len(errs) > 0
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
			errs.Add(at(lineOf(l.key), 0), fmt.Sprintf("%s must be more than 0 and at most %g", l.key, l.most), "a size in megabytes, like 10 or 0.5")
			*l.mb = l.def
		}
	}
	if len(errs) > 0 {
		return cfg, errs
	}
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		errs.Add(at(lineOf("base_url"), 0), fmt.Sprintf("base_url %q is not an http(s) URL", cfg.BaseURL), "write it like https://stories.example.org/")
	}
	if cfg.PageSize < 1 {
		errs.Add(at(lineOf("page_size"), 0), "page_size must be at least 1", "")
	}
	if cfg.FeedLimit < 1 {
		errs.Add(at(lineOf("feed_limit"), 0), "feed_limit must be at least 1", "")
	}
	// Markdown files are held in memory whole; downloads are copied whole.
	if !content.ValidSlug(cfg.Theme) {
		errs.Add(at(lineOf("theme"), 0), fmt.Sprintf("theme %q is not a folder name", cfg.Theme), "use the name of a folder under themes/")
	}
	for _, slug := range sortedKeys(cfg.Communities) {
		if !content.ValidSlug(slug) {
			errs.Add(at(lineOf("[communities."+slug), 0), fmt.Sprintf("community %q is not a slug", slug), fmt.Sprintf("try %q", content.Slugify(slug)))
		}
		if strings.TrimSpace(cfg.Communities[slug].Name) == "" {
			errs.Add(at(lineOf("[communities."+slug), 0), fmt.Sprintf("community %q has no name", slug), "add name = \"...\"")
		}
	}
	return cfg, errs
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

package scaffold

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"

	"github.com/storyhub/storyhub/internal/content"
)

// The labels of the "Share your story" issue form
// (.github/ISSUE_TEMPLATE/story.yml); GitHub writes each answer under a
// "### <label>" heading.
const (
	labelTitle      = "Title"
	labelSummary    = "Summary"
	labelName       = "Your name"
	labelWebsite    = "Your website"
	labelOrg        = "Organization"
	labelOrgWebsite = "Organization website"
	labelCommunity  = "Community"
	labelRegion     = "Region"
	labelPullQuote  = "Pull quote"
	labelTags       = "Tags"
	labelStory      = "Your story"
)

// FromIssue reads the Markdown body GitHub makes from the story form into
// an entry. Problems come back as notes for the maintainer: the entry is
// still made, so nothing the writer sent is lost.
func FromIssue(body []byte) (Entry, []string, error) {
	answers, err := sections(body)
	if err != nil {
		return Entry{}, nil, err
	}
	var notes []string
	get := func(label string) string { return answers[strings.ToLower(label)] }
	var missing []string
	for _, l := range []string{labelTitle, labelSummary, labelName, labelStory} {
		if get(l) == "" {
			missing = append(missing, fmt.Sprintf("%q", l))
		}
	}
	if len(missing) > 0 {
		return Entry{}, nil, fmt.Errorf("the issue has no answer for %s; is it made with the story form?", strings.Join(missing, ", "))
	}
	web := func(label string) string {
		v := get(label)
		if v == "" {
			return ""
		}
		u, problem, _ := content.WebURL(v)
		if problem != "" {
			notes = append(notes, fmt.Sprintf("%s %q %s, so it was left out", label, v, problem))
			return ""
		}
		return u
	}
	e := Entry{
		Kind:         content.Story,
		Title:        oneLine(get(labelTitle)),
		Summary:      oneLine(get(labelSummary)),
		Authors:      []content.Person{{Name: oneLine(get(labelName)), URL: web(labelWebsite)}},
		Organization: content.Link{Name: oneLine(get(labelOrg)), URL: web(labelOrgWebsite)},
		Community:    get(labelCommunity),
		Region:       oneLine(get(labelRegion)),
		PullQuote:    oneLine(get(labelPullQuote)),
		Body:         get(labelStory),
	}
	if e.Organization.Name == "" && e.Organization.URL != "" {
		notes = append(notes, "an organization website was given without a name and was left out")
		e.Organization.URL = ""
	}
	for _, t := range strings.Split(get(labelTags), ",") {
		if t = strings.TrimSpace(t); t != "" {
			e.Tags = append(e.Tags, t)
		}
	}
	return e, notes, nil
}

// sections maps each "### Heading" (lower-cased) to the text under it,
// trimmed; GitHub's "_No response_" counts as empty.
// Lines end at LF or CRLF.
func sections(body []byte) (map[string]string, error) {
	out := map[string]string{}
	var label string
	var text strings.Builder
	flush := func() {
		if label != "" {
			v := strings.TrimSpace(text.String())
			if v == "_No response_" {
				v = ""
			}
			out[label] = v
		}
		text.Reset()
	}
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	for sc.Scan() {
		line := sc.Text()
		if h, ok := strings.CutPrefix(line, "### "); ok {
			flush()
			label = strings.ToLower(strings.TrimSpace(h))
			continue
		}
		text.WriteString(line)
		text.WriteByte('\n')
	}
	flush()
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading the issue: %w", err)
	}
	return out, nil
}

// oneLine joins the lines of a short answer.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

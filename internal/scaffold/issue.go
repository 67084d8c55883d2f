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
// "### <label>" heading, in the form's order (FormLabels).
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
	labelPublishing = "Publishing"
)

// FormLabels lists the story form's labels in the form's order.
func FormLabels() []string {
	return []string{labelTitle, labelSummary, labelName, labelWebsite, labelOrg, labelOrgWebsite,
		labelCommunity, labelRegion, labelPullQuote, labelTags, labelStory, labelPublishing}
}

// FromIssue reads the Markdown body GitHub makes from the story form into
// an entry of kind (one whose Scaffold.FromIssue is set). Problems come
// back as notes for the maintainer: the entry is still made, so nothing
// the writer sent is lost.
func FromIssue(kind *content.KindSpec, body []byte) (Entry, []string, error) {
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
		Kind:         kind,
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
	if consent, ok := answers[strings.ToLower(labelPublishing)]; ok && !strings.Contains(strings.ToLower(consent), "- [x]") {
		notes = append(notes, "the writer did not tick the Publishing box: ask them before the story is published")
	}
	for _, t := range strings.Split(get(labelTags), ",") {
		if t = strings.TrimSpace(t); t != "" {
			e.Tags = append(e.Tags, t)
		}
	}
	return e, notes, nil
}

// sections maps each label of the form (lower-cased) to the text of its
// answer, trimmed; GitHub's "_No response_" counts as empty. Lines end at
// LF or CRLF.
//
// Only the form's labels, in the form's order, divide the answers: any
// other line, "### The first year" included, is part of an answer. The
// story runs to the last "### Publishing" line, so it may hold any
// heading. A line that copies a label the form has already passed is
// ambiguous outside the story (the writer's text, or a later answer?), and
// the issue is refused with the reason rather than split wrongly.
func sections(body []byte) (map[string]string, error) {
	labels := FormLabels()
	index := make(map[string]int, len(labels))
	for i, l := range labels {
		index[strings.ToLower(l)] = i
	}
	story, last := index[strings.ToLower(labelStory)], len(labels)-1
	labelOf := func(line string) (int, bool) {
		h, ok := strings.CutPrefix(line, "### ")
		if !ok {
			return 0, false
		}
		i, ok := index[strings.ToLower(strings.TrimSpace(h))]
		return i, ok
	}

	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	lastPublishing := -1
	for sc.Scan() {
		if i, ok := labelOf(sc.Text()); ok && i == last {
			lastPublishing = len(lines)
		}
		lines = append(lines, sc.Text())
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading the issue: %w", err)
	}

	out := map[string]string{}
	cur := -1 // the answer being read; -1 before the first label
	var text strings.Builder
	flush := func() {
		if cur >= 0 {
			v := trimBlankLines(text.String())
			if strings.TrimSpace(v) == "_No response_" {
				v = ""
			}
			out[strings.ToLower(labels[cur])] = v
		}
		text.Reset()
	}
	for n, line := range lines {
		i, isLabel := labelOf(line)
		switch {
		case isLabel && i > cur && (i != last || n == lastPublishing):
			flush()
			cur = i
			continue
		case isLabel && cur >= 0 && cur != last && (cur != story || i == story):
			return nil, fmt.Errorf("line %d: the answer to %q has a line %q, which the form writes between answers, so the answers cannot be told apart; "+
				"edit the issue so that line reads differently (for example #### instead of ###) and run this again", n+1, labels[cur], line)
		}
		text.WriteString(line)
		text.WriteByte('\n')
	}
	flush()
	return out, nil
}

// trimBlankLines removes the blank lines around s and the spaces that end
// it, keeping the indentation of its first line: a story may open with
// indented code.
func trimBlankLines(s string) string {
	s = strings.TrimRight(s, " \t\r\n")
	for {
		line, rest, found := strings.Cut(s, "\n")
		if !found || strings.TrimSpace(line) != "" {
			return s
		}
		s = rest
	}
}

// oneLine joins the lines of a short answer.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

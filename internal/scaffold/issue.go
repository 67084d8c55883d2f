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

// The labels the "Share a link" form (.github/ISSUE_TEMPLATE/share-a-link.yml)
// adds; its other answers share the story form's labels.
const (
	labelLink  = "Link"
	labelAbout = "About it"
)

// FormLabels lists the story form's labels in the form's order.
func FormLabels() []string {
	return []string{labelTitle, labelSummary, labelName, labelWebsite, labelOrg, labelOrgWebsite,
		labelCommunity, labelRegion, labelPullQuote, labelTags, labelStory, labelPublishing}
}

// LinkFormLabels lists the "Share a link" form's labels in its order. Its
// second label, Link, is how FromIssue tells the two forms apart.
func LinkFormLabels() []string {
	return []string{labelTitle, labelLink, labelAbout, labelCommunity, labelName, labelPublishing}
}

// FromIssue reads the Markdown body GitHub makes from the story form, or
// from the "Share a link" form, into an entry of kind (one whose
// Scaffold.FromIssue is set). Problems come back as notes for the
// maintainer: the entry is still made, so nothing the writer sent is lost.
func FromIssue(kind *content.KindSpec, body []byte) (Entry, []string, error) {
	if isLinkForm(body) {
		return fromLinkIssue(kind, body)
	}
	answers, err := sections(body, FormLabels(), labelStory)
	if err != nil {
		return Entry{}, nil, err
	}
	var notes []string
	get := func(label string) string { return answers[strings.ToLower(label)] }
	if err := needAnswers(get, "the story form", labelTitle, labelSummary, labelName, labelStory); err != nil {
		return Entry{}, nil, err
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
	notes = append(notes, consentNotes(answers)...)
	for _, t := range strings.Split(get(labelTags), ",") {
		if t = strings.TrimSpace(t); t != "" {
			e.Tags = append(e.Tags, t)
		}
	}
	return e, notes, nil
}

// needAnswers says which of the required labels have no answer.
func needAnswers(get func(string) string, form string, required ...string) error {
	var missing []string
	for _, l := range required {
		if get(l) == "" {
			missing = append(missing, fmt.Sprintf("%q", l))
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("the issue has no answer for %s; is it made with %s?", strings.Join(missing, ", "), form)
	}
	return nil
}

// consentNotes asks the maintainer to check with the writer when the
// Publishing box was left unticked.
func consentNotes(answers map[string]string) []string {
	if consent, ok := answers[strings.ToLower(labelPublishing)]; ok && !strings.Contains(strings.ToLower(consent), "- [x]") {
		return []string{"the writer did not tick the Publishing box: ask them before the story is published"}
	}
	return nil
}

// isLinkForm: the "Share a link" form's second heading is its Link.
func isLinkForm(body []byte) bool {
	n := 0
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	for sc.Scan() {
		if h, ok := strings.CutPrefix(sc.Text(), "### "); ok {
			if n++; n == 2 {
				return strings.EqualFold(strings.TrimSpace(h), labelLink)
			}
		}
	}
	return false
}

// fromLinkIssue reads a "Share a link" issue: a short story whose link
// tells it, with no body.
func fromLinkIssue(kind *content.KindSpec, body []byte) (Entry, []string, error) {
	answers, err := sections(body, LinkFormLabels(), "")
	if err != nil {
		return Entry{}, nil, err
	}
	get := func(label string) string { return answers[strings.ToLower(label)] }
	if err := needAnswers(get, `the "Share a link" form`, labelTitle, labelLink, labelAbout, labelName); err != nil {
		return Entry{}, nil, err
	}
	link := oneLine(get(labelLink))
	u, problem, hint := content.WebURL(link)
	if problem != "" {
		return Entry{}, nil, fmt.Errorf("the link %q %s (%s); ask the writer for the full address and edit the issue", link, problem, hint)
	}
	e := Entry{
		Kind:      kind,
		Title:     oneLine(get(labelTitle)),
		Summary:   oneLine(get(labelAbout)),
		Authors:   []content.Person{{Name: oneLine(get(labelName))}},
		Community: get(labelCommunity),
		Link:      u,
	}
	return e, consentNotes(answers), nil
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
//
// labels are the form's, Publishing last; storyLabel is the free-form
// answer that may hold headings ("" for none).
func sections(body []byte, labels []string, storyLabel string) (map[string]string, error) {
	index := make(map[string]int, len(labels))
	for i, l := range labels {
		index[strings.ToLower(l)] = i
	}
	story, ok := index[strings.ToLower(storyLabel)]
	if !ok {
		story = -2 // no answer is free-form
	}
	last := len(labels) - 1
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

package main

import (
	"encoding/json"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/storyhub/storyhub/internal/scaffold"
)

const (
	storyWorkflowPath = workflowsDir + "/story-from-issue.yml"
	storyScriptPath   = githubDir + "/scripts/story-from-issue.sh"
	storyEventPath    = "testdata/github/issues-labeled.json"
)

// TestWorkflowStoryFromIssue checks the workflow that turns an accepted
// issue into a pull request asks for no more than it needs and hands the
// issue to its script through the environment only.
func TestWorkflowStoryFromIssue(t *testing.T) {
	w := loadWorkflow(t, storyWorkflowPath)
	on := triggers(t, w.On)
	if len(on) != 1 {
		t.Errorf("triggers = %v, want issues only", on)
	}
	var issues struct {
		Types []string `yaml:"types"`
	}
	ghRemarshal(t, on["issues"], &issues)
	if !slices.Equal(issues.Types, []string{"labeled"}) {
		t.Errorf("issues types = %v, want [labeled]", issues.Types)
	}
	if p := permissions(t, w.Permissions); p == nil || len(p) != 0 {
		t.Errorf("top-level permissions = %v, want {}", p)
	}
	if len(w.Jobs) != 1 {
		t.Fatalf("%d jobs, want one", len(w.Jobs))
	}
	data, err := os.ReadFile(storyWorkflowPath)
	if err != nil {
		t.Fatal(err)
	}
	var raw struct {
		Jobs map[string]struct {
			If string `yaml:"if"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"contents": "write", "pull-requests": "write", "issues": "write"}
	for name, j := range w.Jobs {
		if got := permissions(t, j.Permissions); !maps.Equal(got, want) {
			t.Errorf("job %s permissions = %v, want %v", name, got, want)
		}
		if cond := raw.Jobs[name].If; !strings.Contains(cond, "github.event.label.name == 'story:accepted'") {
			t.Errorf("job %s runs if %q, which does not check the label story:accepted", name, cond)
		}
		checkCommonSteps(t, j.Steps)
		for _, s := range j.Steps {
			if strings.Contains(s.Run, "${{") {
				t.Errorf("step %q interpolates ${{ }} into its script; pass values through env", s.Name)
			}
		}
		if _, ok := findStep(j.Steps, func(s ghStep) bool { return strings.TrimSpace(s.Run) == ".github/scripts/story-from-issue.sh" }); !ok {
			t.Errorf("job %s: no step runs .github/scripts/story-from-issue.sh", name)
		}
	}
}

// TestStoryFromIssueScript runs the workflow's script on a sample event,
// with its env resolved from the event as GitHub would, a local remote
// for git push and a fake gh that records its arguments: the story is
// made and pushed on its branch, the pull request credits the writer and
// closes the issue, the issue gets the link, and no text of the issue
// ever runs.
func TestStoryFromIssueScript(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Fatal("the workflow's script needs bash")
	}
	script, err := filepath.Abs(storyScriptPath)
	if err != nil {
		t.Fatal(err)
	}
	env := storyStepEnv(t)

	dir := t.TempDir()
	remote, work, calls, fakes := filepath.Join(dir, "remote.git"), filepath.Join(dir, "work"), filepath.Join(dir, "calls"), filepath.Join(dir, "bin")
	for _, d := range []string{calls, fakes, filepath.Join(work, "content")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// gh records each call's arguments, and the file a --body-file names,
	// before the script deletes it.
	fakeGH := `#!/bin/sh
n=$(ls "$GH_CALLS" | grep -c 'args$')
printf '%s\n' "$@" >"$GH_CALLS/$n.args"
prev=
for a in "$@"; do
	if [ "$prev" = --body-file ]; then cp "$a" "$GH_CALLS/$n.body"; fi
	prev=$a
done
if [ "$1 $2" = "pr create" ]; then echo https://github.com/storyhub/storyhub/pull/43; fi
`
	if err := os.WriteFile(filepath.Join(fakes, "gh"), []byte(fakeGH), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(work, "content", ".keep"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	base := []string{"PATH=" + fakes + string(os.PathListSeparator) + os.Getenv("PATH"), "HOME=" + dir,
		"GIT_CONFIG_NOSYSTEM=1", "GH_CALLS=" + calls, "STORYHUB=storyhub"}
	git := func(dir string, args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=T", "-c", "user.email=t@example.org"}, args...)...)
		cmd.Dir, cmd.Env = dir, base
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	git(dir, "init", "-q", "--bare", remote)
	git(work, "init", "-q", "-b", "main")
	git(work, "add", ".")
	git(work, "commit", "-q", "-m", "start")
	git(work, "remote", "add", "origin", remote)
	git(work, "push", "-q", "origin", "main")

	cmd := exec.Command(bash, "--noprofile", "--norc", script)
	cmd.Dir, cmd.Env = work, append(base, env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the script failed: %v\n%s", err, out)
	}
	for _, f := range []string{"pwned", "pwned2", "pwned3"} {
		if _, err := os.Stat(filepath.Join(work, f)); err == nil {
			t.Errorf("text from the issue ran as a command: %s exists", f)
		}
	}

	const branch, file = "story/issue-42", "content/stories/teaching-python-with-robots.md"
	story := git(dir, "--git-dir", remote, "show", branch+":"+file)
	for _, want := range []string{"title: Teaching Python with robots\n", "authors: [Ada Lovelace]\n", "community: education\n",
		"A box of motors and $(touch pwned) `touch pwned2`;"} {
		if !strings.Contains(story, want) {
			t.Errorf("the pushed %s lacks %q:\n%s", file, want, story)
		}
	}
	const coauthor = "Co-authored-by: ada-l <1815+ada-l@users.noreply.github.com>"
	const title = "Story: Teaching Python with robots $(touch pwned3)"
	msg := git(dir, "--git-dir", remote, "log", "-1", "--format=%B", branch)
	if !strings.HasPrefix(msg, title+"\n") || !strings.Contains(msg, "\n"+coauthor+"\n") {
		t.Errorf("commit message:\n%s\nwant the title %q and %q", msg, title, coauthor)
	}
	if got := git(dir, "--git-dir", remote, "diff", "--name-only", "main", branch); got != file+"\n" {
		t.Errorf("the branch changes %q, want only %s", got, file)
	}

	args := func(n string) []string {
		data, err := os.ReadFile(filepath.Join(calls, n+".args"))
		if err != nil {
			t.Fatalf("gh call %s: %v", n, err)
		}
		return strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	}
	pr := args("0")
	if len(pr) != 10 || !slices.Equal(pr[:8], []string{"pr", "create", "--base", "main", "--head", branch, "--title", title}) || pr[8] != "--body-file" {
		t.Errorf("gh %q, want pr create --base main --head %s --title %q --body-file FILE", pr, branch, title)
	}
	body, err := os.ReadFile(filepath.Join(calls, "0.body"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"@ada-l", "#42", "\nCloses #42\n", "\n" + coauthor + "\n"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("pull request body lacks %q:\n%s", want, body)
		}
	}
	comment := args("1")
	if len(comment) != 5 || !slices.Equal(comment[:4], []string{"issue", "comment", "42", "--body"}) ||
		!strings.Contains(comment[4], "https://github.com/storyhub/storyhub/pull/43") || !strings.Contains(comment[4], "@ada-l") {
		t.Errorf("gh %q, want issue comment 42 --body with the pull request's link", comment)
	}
	if n, _ := filepath.Glob(filepath.Join(calls, "*.args")); len(n) != 2 {
		t.Errorf("gh called %d times, want 2", len(n))
	}
}

// storyStepEnv is the env of the workflow's script step, each
// ${{ expression }} resolved against the sample event.
func storyStepEnv(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile(storyEventPath)
	if err != nil {
		t.Fatal(err)
	}
	var event map[string]any
	if err := json.Unmarshal(data, &event); err != nil {
		t.Fatalf("%s: %v", storyEventPath, err)
	}
	w := loadWorkflow(t, storyWorkflowPath)
	var step ghStep
	for _, j := range w.Jobs {
		step, _ = findStep(j.Steps, func(s ghStep) bool { return strings.Contains(s.Run, "story-from-issue.sh") })
	}
	if step.Env == nil {
		t.Fatal("no step with an env runs story-from-issue.sh")
	}
	expr := regexp.MustCompile(`^\$\{\{ *([a-z_.]+) *\}\}$`)
	var env []string
	for k, v := range step.Env {
		m := expr.FindStringSubmatch(v)
		if m == nil {
			t.Fatalf("env %s = %q, want one ${{ expression }}", k, v)
		}
		var val any
		switch path := m[1]; {
		case path == "github.token":
			val = "fake-token"
		case path == "github.repository":
			val = event["repository"].(map[string]any)["full_name"]
		case strings.HasPrefix(path, "github.event."):
			val = any(event)
			for _, key := range strings.Split(strings.TrimPrefix(path, "github.event."), ".") {
				obj, ok := val.(map[string]any)
				if !ok {
					t.Fatalf("env %s: %s is not in %s", k, path, storyEventPath)
				}
				val = obj[key]
			}
		default:
			t.Fatalf("env %s: unknown expression %s", k, path)
		}
		switch v := val.(type) {
		case string:
			env = append(env, k+"="+v)
		case float64:
			env = append(env, k+"="+strconv.FormatFloat(v, 'f', -1, 64))
		default:
			t.Fatalf("env %s: %s is %#v in %s", k, m[1], val, storyEventPath)
		}
	}
	return env
}

// TestLinkIssueForm: the "Share a link" form writes the labels
// --from-issue reads, and offers exactly the site's communities.
func TestLinkIssueForm(t *testing.T) {
	const formPath = githubDir + "/ISSUE_TEMPLATE/share-a-link.yml"
	data, err := os.ReadFile(formPath)
	if err != nil {
		t.Fatal(err)
	}
	var f issueForm
	if err := yaml.Unmarshal(data, &f); err != nil {
		t.Fatalf("%s: %v", formPath, err)
	}
	if f.Name != "Share a link" || !slices.Contains(f.Labels, "story") {
		t.Errorf("name, labels = %q, %v; want Share a link with the story label, which the workflow needs", f.Name, f.Labels)
	}
	var labels []string
	var community formElement
	required := map[string]bool{}
	for _, el := range f.Body {
		if el.Type == "markdown" {
			continue
		}
		labels = append(labels, el.Attributes.Label)
		required[el.Attributes.Label] = el.Validations.Required
		if el.Attributes.Label == "Community" {
			community = el
		}
	}
	if want := scaffold.LinkFormLabels(); !slices.Equal(labels, want) {
		t.Errorf("form labels = %q, but --from-issue reads %q", labels, want)
	}
	for _, l := range []string{"Title", "Link", "About it", "Your name"} {
		if !required[l] {
			t.Errorf("%q is not required, but --from-issue needs it", l)
		}
	}
	var options []string
	ghRemarshal(t, community.Attributes.Options, &options)
	sort.Strings(options)
	if community.Type != "dropdown" || !slices.Equal(options, communitySlugs(t)) {
		t.Errorf("Community: %s with options %v, want a dropdown of the communities in site.toml %v", community.Type, options, communitySlugs(t))
	}
}

package main

import (
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/pelletier/go-toml/v2"
	"github.com/storyhub/storyhub/internal/browsertest"
	"github.com/storyhub/storyhub/internal/content"
	"gopkg.in/yaml.v3"

	"github.com/storyhub/storyhub/internal/scaffold"
)

// Paths are relative to the package directory, where go test runs.
const (
	githubDir      = "../../.github"
	workflowsDir   = githubDir + "/workflows"
	issueFormPath  = githubDir + "/ISSUE_TEMPLATE/story.yml"
	prTemplatePath = githubDir + "/PULL_REQUEST_TEMPLATE.md"
	siteConfigPath = "../../site.toml"
)

// ghWorkflow is the part of a GitHub Actions workflow the tests look at.
// On and Permissions take several shapes (string, list or map), so they
// stay untyped and are normalised by triggers and permissions.
type ghWorkflow struct {
	Name        string           `yaml:"name"`
	On          any              `yaml:"on"`
	Permissions any              `yaml:"permissions"`
	Concurrency map[string]any   `yaml:"concurrency"`
	Jobs        map[string]ghJob `yaml:"jobs"`
}

type ghJob struct {
	RunsOn         any            `yaml:"runs-on"`
	Container      any            `yaml:"container"`
	Needs          any            `yaml:"needs"`
	Permissions    any            `yaml:"permissions"`
	Environment    map[string]any `yaml:"environment"`
	TimeoutMinutes int            `yaml:"timeout-minutes"`
	Steps          []ghStep       `yaml:"steps"`
	Strategy       struct {
		Matrix map[string]any `yaml:"matrix"`
	} `yaml:"strategy"`
}

type ghStep struct {
	ID   string            `yaml:"id"`
	Name string            `yaml:"name"`
	Uses string            `yaml:"uses"`
	Run  string            `yaml:"run"`
	With map[string]any    `yaml:"with"`
	Env  map[string]string `yaml:"env"`
}

func loadWorkflow(t *testing.T, path string) ghWorkflow {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var w ghWorkflow
	if err := yaml.Unmarshal(data, &w); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(w.Jobs) == 0 {
		t.Fatalf("%s: no jobs", path)
	}
	return w
}

// triggers returns the workflow's events, keyed by name, whichever of the
// three forms `on:` is written in.
func triggers(t *testing.T, on any) map[string]any {
	t.Helper()
	out := map[string]any{}
	switch v := on.(type) {
	case string:
		out[v] = nil
	case []any:
		for _, e := range v {
			out[fmt.Sprint(e)] = nil
		}
	case map[string]any:
		for k, e := range v {
			out[k] = e
		}
	default:
		t.Fatalf("unexpected on: %#v", on)
	}
	return out
}

// permissions returns a permissions block as scope → access. A string form
// such as "read-all" or "write-all" comes back under the key "*".
func permissions(t *testing.T, p any) map[string]string {
	t.Helper()
	out := map[string]string{}
	switch v := p.(type) {
	case nil:
		return nil
	case string:
		out["*"] = v
	case map[string]any:
		for k, e := range v {
			out[k] = fmt.Sprint(e)
		}
	default:
		t.Fatalf("unexpected permissions: %#v", p)
	}
	return out
}

func (w ghWorkflow) steps() []ghStep {
	var all []ghStep
	names := make([]string, 0, len(w.Jobs))
	for name := range w.Jobs {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		all = append(all, w.Jobs[name].Steps...)
	}
	return all
}

// uses reports whether the step runs the action, at any version.
func (s ghStep) uses(action string) bool {
	return s.Uses == action || strings.HasPrefix(s.Uses, action+"@")
}

func findStep(steps []ghStep, match func(ghStep) bool) (ghStep, bool) {
	for _, s := range steps {
		if match(s) {
			return s, true
		}
	}
	return ghStep{}, false
}

// checkCommonSteps asserts what every workflow that builds the site needs:
// a checkout that does not keep the token, Go from go.mod, and make build.
func checkCommonSteps(t *testing.T, steps []ghStep) {
	t.Helper()
	checkGoSteps(t, steps)
	if _, ok := findStep(steps, func(s ghStep) bool { return strings.Contains(s.Run, "make build") }); !ok {
		t.Errorf("no step with make build")
	}
}

// checkGoSteps asserts a checkout that does not keep the token, and Go
// from go.mod.
func checkGoSteps(t *testing.T, steps []ghStep) {
	t.Helper()
	for _, s := range steps {
		if s.uses("actions/checkout") {
			if got := fmt.Sprint(s.With["persist-credentials"]); got != "false" {
				t.Errorf("%s: persist-credentials = %s, want false", s.Uses, got)
			}
		}
	}
	checks := []struct {
		what  string
		match func(ghStep) bool
	}{
		{"actions/checkout", func(s ghStep) bool { return s.uses("actions/checkout") }},
		{"actions/setup-go with go-version-file go.mod", func(s ghStep) bool {
			return s.uses("actions/setup-go") && fmt.Sprint(s.With["go-version-file"]) == "go.mod"
		}},
	}
	for _, c := range checks {
		if _, ok := findStep(steps, c.match); !ok {
			t.Errorf("no step with %s", c.what)
		}
	}
}

func TestWorkflowCheck(t *testing.T) {
	w := loadWorkflow(t, filepath.Join(workflowsDir, "check.yml"))
	if w.Name != "Check content" {
		t.Errorf("name = %q, want %q", w.Name, "Check content")
	}

	on := triggers(t, w.On)
	if _, ok := on["pull_request"]; !ok {
		t.Error("not triggered by pull_request")
	}
	if _, ok := on["pull_request_target"]; ok {
		t.Error("triggered by pull_request_target: strangers' code would run with secrets")
	}

	if got, want := permissions(t, w.Permissions), map[string]string{"contents": "read"}; !maps.Equal(got, want) {
		t.Errorf("permissions = %v, want %v", got, want)
	}
	for name, j := range w.Jobs {
		if j.Permissions != nil {
			t.Errorf("job %s widens permissions: %v", name, j.Permissions)
		}
		if j.TimeoutMinutes <= 0 || j.TimeoutMinutes > 30 {
			t.Errorf("job %s: timeout-minutes = %d, want 1..30", name, j.TimeoutMinutes)
		}
	}
	if w.Concurrency["group"] == nil || w.Concurrency["cancel-in-progress"] != true {
		t.Errorf("concurrency = %v, want a group with cancel-in-progress: true", w.Concurrency)
	}

	steps := w.steps()
	checkCommonSteps(t, steps)
	if s, _ := findStep(steps, func(s ghStep) bool { return s.uses("actions/checkout") }); fmt.Sprint(s.With["fetch-depth"]) != "0" {
		t.Errorf("checkout fetch-depth = %v, want 0: the flag step diffs against the base commit", s.With["fetch-depth"])
	}
	runs := []string{
		"storyhub check --format github",
		"storyhub build -s . -o public",
	}
	for _, want := range runs {
		if _, ok := findStep(steps, func(s ghStep) bool { return strings.Contains(s.Run, want) }); !ok {
			t.Errorf("no step runs %q", want)
		}
	}
}

// TestWorkflowFlagsMaintainersCode runs the pull-request check's flag
// step as GitHub runs it, in a repository whose pull request adds content
// and changes the maintainers' code, some under hostile file names: each
// file outside content/ gets one warning, its name escaped so it cannot
// end the annotation or start another.
func TestWorkflowFlagsMaintainersCode(t *testing.T) {
	w := loadWorkflow(t, filepath.Join(workflowsDir, "check.yml"))
	step, ok := findStep(w.steps(), func(s ghStep) bool { return strings.Contains(s.Name, "maintainers' code") })
	if !ok {
		t.Fatal("no step flags changes to the maintainers' code")
	}
	if step.Env["BASE"] != "${{ github.event.pull_request.base.sha }}" {
		t.Errorf("env BASE = %q, want the pull request's base commit", step.Env["BASE"])
	}
	if strings.Contains(step.Run, "${{") {
		t.Errorf("the script interpolates ${{ }}; pass values through env:\n%s", step.Run)
	}
	git := browsertest.Tool(t, "git", "apt-get install git")
	bash := browsertest.Tool(t, "bash", "apt-get install bash")

	dir := t.TempDir()
	env := append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=a", "GIT_AUTHOR_EMAIL=a@example.org", "GIT_COMMITTER_NAME=a", "GIT_COMMITTER_EMAIL=a@example.org")
	run := func(name string, args ...string) string {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
		return string(out)
	}
	write := func(files ...string) {
		for _, f := range files {
			p := filepath.Join(dir, filepath.FromSlash(f))
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		run(git, "add", "-A")
		run(git, "commit", "-q", "-m", "c")
	}
	run(git, "init", "-q", "-b", "main")
	write("content/stories/a.md", "static/old.css", "themes/default/templates/base.html")
	base := strings.TrimSpace(run(git, "rev-parse", "HEAD"))
	run(git, "rm", "-q", "static/old.css")
	write("content/stories/b/index.md", "content/stories/b/pic.svg",
		"static/evil.svg", "static/a:b,c%d.svg", "static/line\n::error::forged.svg", "static/cr\r.svg",
		"themes/default/templates/base.html.new", "site.toml", ".github/workflows/x.yml", "Makefile", "content.md")

	cmd := exec.Command(bash, "--noprofile", "--norc", "-eo", "pipefail", "-c", step.Run)
	cmd.Dir, cmd.Env = dir, append(env, "BASE="+base)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the step failed: %v\n%s", err, out)
	}
	const msg = "::This pull request changes the maintainers' code, outside content/: review this file as code"
	var want []string
	for _, f := range []string{".github/workflows/x.yml", "Makefile", "content.md", "site.toml",
		"static/a%3Ab%2Cc%25d.svg", "static/cr%0D.svg", "static/evil.svg", "static/line%0A%3A%3Aerror%3A%3Aforged.svg",
		"static/old.css", "themes/default/templates/base.html.new"} {
		want = append(want, "::warning file="+f+msg)
	}
	want = append(want, "::warning::This pull request changes 10 file(s) outside content/ (static/, themes/, site.toml, .github/ or the tool): the maintainers' code, to review line by line")
	if got := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n"); !slices.Equal(got, want) {
		t.Errorf("the step printed\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// A base the checkout lacks (fetch-depth too small) fails the step
	// instead of flagging nothing.
	cmd = exec.Command(bash, "--noprofile", "--norc", "-eo", "pipefail", "-c", step.Run)
	cmd.Dir, cmd.Env = dir, append(env, "BASE=0123456789012345678901234567890123456789")
	if out, err := cmd.CombinedOutput(); err == nil {
		t.Errorf("the step passed with an unknown base commit:\n%s", out)
	}
}

func TestWorkflowDeploy(t *testing.T) {
	w := loadWorkflow(t, filepath.Join(workflowsDir, "deploy.yml"))
	if w.Name != "Deploy" {
		t.Errorf("name = %q, want %q", w.Name, "Deploy")
	}

	on := triggers(t, w.On)
	var push struct {
		Branches []string `yaml:"branches"`
	}
	ghRemarshal(t, on["push"], &push)
	if !slices.Contains(push.Branches, "main") {
		t.Errorf("push branches = %v, want main", push.Branches)
	}
	var schedule []struct {
		Cron string `yaml:"cron"`
	}
	ghRemarshal(t, on["schedule"], &schedule)
	if len(schedule) == 0 || len(strings.Fields(schedule[0].Cron)) != 5 {
		t.Errorf("schedule = %v, want a five-field cron", schedule)
	}
	if _, ok := on["workflow_dispatch"]; !ok {
		t.Error("no workflow_dispatch trigger")
	}

	if got, want := permissions(t, w.Permissions), map[string]string{"contents": "read"}; !maps.Equal(got, want) {
		t.Errorf("top-level permissions = %v, want %v", got, want)
	}
	pagesWrite := map[string]string{"pages": "write", "id-token": "write"}
	for name, j := range w.Jobs {
		got := permissions(t, j.Permissions)
		if name == "deploy" {
			if !maps.Equal(got, pagesWrite) {
				t.Errorf("job deploy permissions = %v, want %v", got, pagesWrite)
			}
			continue
		}
		if got != nil {
			t.Errorf("job %s has permissions %v; only deploy may widen them", name, got)
		}
	}
	deploy, ok := w.Jobs["deploy"]
	if !ok {
		t.Fatal("no deploy job")
	}
	if fmt.Sprint(deploy.Needs) != "build" && fmt.Sprint(deploy.Needs) != "[build]" {
		t.Errorf("deploy needs %v, want build", deploy.Needs)
	}
	if deploy.Environment["name"] != "github-pages" {
		t.Errorf("deploy environment = %v, want github-pages", deploy.Environment)
	}
	if w.Concurrency["group"] != "pages" || w.Concurrency["cancel-in-progress"] != false {
		t.Errorf("concurrency = %v, want group pages without cancel-in-progress", w.Concurrency)
	}

	build, ok := w.Jobs["build"]
	if !ok {
		t.Fatal("no build job")
	}
	checkCommonSteps(t, build.Steps)
	checks := []struct {
		job, what string
		match     func(ghStep) bool
	}{
		{"build", "actions/configure-pages", func(s ghStep) bool { return s.uses("actions/configure-pages") }},
		{"build", "a site build with --base-url", func(s ghStep) bool {
			return strings.Contains(s.Run, "storyhub build") && strings.Contains(s.Run, "--base-url")
		}},
		{"build", "actions/upload-pages-artifact of public", func(s ghStep) bool {
			return s.uses("actions/upload-pages-artifact") && fmt.Sprint(s.With["path"]) == "public"
		}},
		{"deploy", "actions/deploy-pages", func(s ghStep) bool { return s.uses("actions/deploy-pages") }},
	}
	for _, c := range checks {
		if _, ok := findStep(w.Jobs[c.job].Steps, c.match); !ok {
			t.Errorf("job %s: no step with %s", c.job, c.what)
		}
	}
}

// TestWorkflowTest: every push and pull request runs every test on Linux
// as CI does, and go test on macOS and Windows, each job with Go from
// go.mod and no token left in the checkout.
func TestWorkflowTest(t *testing.T) {
	w := loadWorkflow(t, filepath.Join(workflowsDir, "test.yml"))
	on := triggers(t, w.On)
	for _, want := range []string{"push", "pull_request"} {
		if _, ok := on[want]; !ok {
			t.Errorf("not triggered by %s", want)
		}
	}
	if got, want := permissions(t, w.Permissions), map[string]string{"contents": "read"}; !maps.Equal(got, want) {
		t.Errorf("permissions = %v, want %v", got, want)
	}
	for name, j := range w.Jobs {
		if j.Permissions != nil {
			t.Errorf("job %s widens permissions: %v", name, j.Permissions)
		}
		if j.TimeoutMinutes <= 0 || j.TimeoutMinutes > 90 {
			t.Errorf("job %s: timeout-minutes = %d, want 1..90", name, j.TimeoutMinutes)
		}
		checkGoSteps(t, j.Steps)
	}
	jobs := []struct {
		name, runsOn, run string
		matrix            string // the matrix's os list, or ""
	}{
		{"linux", "ubuntu-latest", "bash .ci/run", ""},
		{"portable", "${{ matrix.os }}", "go test ./...", "[macos-latest windows-latest]"},
	}
	for _, want := range jobs {
		j, ok := w.Jobs[want.name]
		if !ok {
			t.Errorf("no job %s", want.name)
			continue
		}
		if fmt.Sprint(j.RunsOn) != want.runsOn {
			t.Errorf("job %s runs on %v, want %s", want.name, j.RunsOn, want.runsOn)
		}
		if want.matrix != "" && fmt.Sprint(j.Strategy.Matrix["os"]) != want.matrix {
			t.Errorf("job %s: matrix os = %v, want %s", want.name, j.Strategy.Matrix["os"], want.matrix)
		}
		if _, ok := findStep(j.Steps, func(s ghStep) bool { return strings.TrimSpace(s.Run) == want.run }); !ok {
			t.Errorf("job %s: no step runs %q", want.name, want.run)
		}
	}
	// .ci/run installs with apt-get as root: Debian's, in a container.
	var container struct {
		Image string `yaml:"image"`
	}
	ghRemarshal(t, w.Jobs["linux"].Container, &container)
	if !strings.HasPrefix(container.Image, "debian:") {
		t.Errorf("job linux runs in %q, want a debian image for .ci/run", container.Image)
	}
}

func TestWorkflowsNeverRunStrangersWithSecrets(t *testing.T) {
	entries, err := os.ReadDir(workflowsDir)
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, e := range entries {
		ext := filepath.Ext(e.Name())
		if e.IsDir() || (ext != ".yml" && ext != ".yaml") {
			continue
		}
		seen++
		t.Run(e.Name(), func(t *testing.T) {
			w := loadWorkflow(t, filepath.Join(workflowsDir, e.Name()))
			on := triggers(t, w.On)
			for _, bad := range []string{"pull_request_target", "workflow_run"} {
				if _, ok := on[bad]; ok {
					t.Errorf("triggered by %s, which runs with secrets on behalf of strangers", bad)
				}
			}
			scopes := map[string]any{"top level": w.Permissions}
			for name, j := range w.Jobs {
				scopes["job "+name] = j.Permissions
			}
			for where, p := range scopes {
				if permissions(t, p)["*"] == "write-all" {
					t.Errorf("%s: permissions: write-all", where)
				}
			}
		})
	}
	if seen == 0 {
		t.Fatalf("no workflows in %s", workflowsDir)
	}
}

// issueForm is a GitHub issue form.
type issueForm struct {
	Name        string        `yaml:"name"`
	Description string        `yaml:"description"`
	Title       string        `yaml:"title"`
	Labels      []string      `yaml:"labels"`
	Body        []formElement `yaml:"body"`
}

type formElement struct {
	Type       string `yaml:"type"`
	ID         string `yaml:"id"`
	Attributes struct {
		Label       string `yaml:"label"`
		Description string `yaml:"description"`
		Value       string `yaml:"value"`
		// Options are strings for a dropdown and {label, required}
		// maps for checkboxes.
		Options []any `yaml:"options"`
	} `yaml:"attributes"`
	Validations struct {
		Required bool `yaml:"required"`
	} `yaml:"validations"`
}

func loadIssueForm(t testing.TB) issueForm {
	t.Helper()
	data, err := os.ReadFile(issueFormPath)
	if err != nil {
		t.Fatal(err)
	}
	var f issueForm
	if err := yaml.Unmarshal(data, &f); err != nil {
		t.Fatalf("%s: %v", issueFormPath, err)
	}
	return f
}

// formLabels returns the labels of the story form's fields in order: the
// "### <label>" headings GitHub writes into an issue made from the form,
// which `storyhub new story --from-issue` reads back.
func formLabels(t testing.TB) []string {
	t.Helper()
	var labels []string
	for _, el := range loadIssueForm(t).Body {
		if el.Type != "markdown" {
			labels = append(labels, el.Attributes.Label)
		}
	}
	return labels
}

func TestIssueForm(t *testing.T) {
	f := loadIssueForm(t)
	if f.Name != "Share your story" || f.Description == "" {
		t.Errorf("name, description = %q, %q", f.Name, f.Description)
	}
	if f.Title != "Story: " {
		t.Errorf("title = %q, want %q", f.Title, "Story: ")
	}
	if !slices.Contains(f.Labels, "story") {
		t.Errorf("labels = %v, want story", f.Labels)
	}
	if len(f.Body) == 0 || f.Body[0].Type != "markdown" ||
		!strings.Contains(f.Body[0].Attributes.Value, "storyhub new story --from-issue") {
		t.Error("the form should open with a markdown element that mentions `storyhub new story --from-issue`")
	}

	byLabel := map[string]formElement{}
	ids := map[string]bool{}
	for i, el := range f.Body {
		if el.Type == "markdown" {
			continue
		}
		if el.ID == "" {
			t.Errorf("body[%d] (%q) has no id", i, el.Attributes.Label)
		} else if ids[el.ID] {
			t.Errorf("duplicate id %q", el.ID)
		}
		ids[el.ID] = true
		// --from-issue finds answers by heading, so labels must be unique too.
		if _, dup := byLabel[el.Attributes.Label]; dup || el.Attributes.Label == "" {
			t.Errorf("body[%d]: label %q is empty or repeated", i, el.Attributes.Label)
		}
		byLabel[el.Attributes.Label] = el
	}

	fields := []struct {
		id, label, typ string
		required       bool
		description    string // checked when not empty
	}{
		{"title", "Title", "input", true, ""},
		{"summary", "Summary", "textarea", true, "One or two sentences for cards, feeds and previews."},
		{"author", "Your name", "input", true, ""},
		{"author_url", "Your website", "input", false, "A full address starting with https://"},
		{"organization", "Organization", "input", false, ""},
		{"organization_url", "Organization website", "input", false, ""},
		{"community", "Community", "dropdown", false, ""},
		{"region", "Region", "input", false, ""},
		{"pull_quote", "Pull quote", "input", false, ""},
		{"tags", "Tags", "input", false, "Comma-separated, like teaching, open-data"},
		{"story", "Your story", "textarea", true, "Markdown is welcome. Use ## for section headings."},
		{"consent", "Publishing", "checkboxes", false, ""},
	}
	for _, want := range fields {
		el, ok := byLabel[want.label]
		if !ok {
			t.Errorf("no field labelled %q", want.label)
			continue
		}
		if el.ID != want.id || el.Type != want.typ || el.Validations.Required != want.required {
			t.Errorf("%q: id, type, required = %q, %q, %v; want %q, %q, %v",
				want.label, el.ID, el.Type, el.Validations.Required, want.id, want.typ, want.required)
		}
		if want.description != "" && el.Attributes.Description != want.description {
			t.Errorf("%q: description = %q, want %q", want.label, el.Attributes.Description, want.description)
		}
	}
	var wantLabels []string
	for _, f := range fields {
		wantLabels = append(wantLabels, f.label)
	}
	if got := formLabels(t); !slices.Equal(got, wantLabels) {
		t.Errorf("form labels = %q, want %q: change the form, this table and --from-issue together", got, wantLabels)
	}
	if got := formLabels(t); !slices.Equal(got, scaffold.FormLabels()) {
		t.Errorf("form labels = %q, but --from-issue reads %q", got, scaffold.FormLabels())
	}

	// The consent box must be ticked before the form can be submitted.
	var consent []struct {
		Label    string `yaml:"label"`
		Required bool   `yaml:"required"`
	}
	ghRemarshal(t, byLabel["Publishing"].Attributes.Options, &consent)
	if len(consent) != 1 || !consent[0].Required || !strings.Contains(consent[0].Label, "agree to publish") {
		t.Errorf("Publishing options = %+v, want one required agreement", consent)
	}

	// The dropdown offers exactly the site's communities.
	var options []string
	ghRemarshal(t, byLabel["Community"].Attributes.Options, &options)
	slugs := communitySlugs(t)
	sort.Strings(options)
	if !slices.Equal(options, slugs) {
		t.Errorf("Community options = %v, want the communities in site.toml %v", options, slugs)
	}
}

// communitySlugs returns the keys of site.toml's communities table, sorted.
func communitySlugs(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile(siteConfigPath)
	if err != nil {
		t.Fatal(err)
	}
	var site struct {
		Communities map[string]any `toml:"communities"`
	}
	if err := toml.Unmarshal(data, &site); err != nil {
		t.Fatalf("%s: %v", siteConfigPath, err)
	}
	if len(site.Communities) == 0 {
		t.Fatalf("%s: no communities", siteConfigPath)
	}
	slugs := make([]string, 0, len(site.Communities))
	for slug := range site.Communities {
		slugs = append(slugs, slug)
	}
	sort.Strings(slugs)
	return slugs
}

func TestPullRequestTemplate(t *testing.T) {
	data, err := os.ReadFile(prTemplatePath)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	if !strings.Contains(text, "storyhub check") {
		t.Error("the template does not mention `storyhub check`")
	}
	if n := strings.Count(text, "- [ ]"); n < 4 {
		t.Errorf("%d checklist items, want at least 4", n)
	}
	if n := strings.Count(strings.TrimRight(text, "\n"), "\n") + 1; n >= 25 {
		t.Errorf("%d lines; keep it under 25 for first-time writers", n)
	}
}

// ghRemarshal converts a generically decoded YAML value into a typed one.
func ghRemarshal(t testing.TB, in, out any) {
	t.Helper()
	data, err := yaml.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, out); err != nil {
		t.Fatalf("%s: %v", data, err)
	}
}

// TestGitHubAnnotationsOnTheFile checks every problem names a line, so a
// pull request shows it on the file: one of the whole file on line 1.
func TestGitHubAnnotationsOnTheFile(t *testing.T) {
	tests := []struct {
		pos  content.Pos
		sev  content.Severity
		want string
	}{
		{content.Pos{File: "content/stories/a.md", Line: 3, Col: 7}, content.SeverityError, "::error file=content/stories/a.md,line=3,col=7::m (h)\n"},
		{content.Pos{File: "content/stories/a.md", Line: 3}, content.SeverityWarning, "::warning file=content/stories/a.md,line=3::m (h)\n"},
		{content.Pos{File: "content/stories/a.png"}, content.SeverityError, "::error file=content/stories/a.png,line=1::m (h)\n"},
		{content.Pos{File: "site.toml"}, content.SeverityNote, "::notice file=site.toml,line=1::m (h)\n"},
	}
	for _, tt := range tests {
		var b strings.Builder
		if err := writeGitHub(&b, content.ErrorList{{Pos: tt.pos, Severity: tt.sev, Msg: "m", Hint: "h"}}); err != nil {
			t.Fatal(err)
		}
		if b.String() != tt.want {
			t.Errorf("%v: %q, want %q", tt.pos, b.String(), tt.want)
		}
	}
}

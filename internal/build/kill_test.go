package build

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// childEnv asks the test binary to run one build and exit, so a test can
// kill a real build process at any moment.
const childEnv = "STORYHUB_TEST_BUILD_CHILD"

func TestMain(m *testing.M) {
	if spec := os.Getenv(childEnv); spec != "" {
		var site, out string
		fmt.Sscanf(spec, "%s %s", &site, &out)
		if _, err := Build(context.Background(), Config{SiteDir: site, OutDir: out, Now: now}); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestKilledBuild kills builds with SIGKILL at random moments: the output
// folder always holds the previous site or the complete new one.
func TestKilledBuild(t *testing.T) {
	site := t.TempDir()
	write := func(version int) {
		for i := range 300 {
			p := filepath.Join(site, "content/stories", fmt.Sprintf("s%03d.md", i))
			os.MkdirAll(filepath.Dir(p), 0o755)
			body := fmt.Sprintf("---\ntitle: Story %d, version %d\nsummary: S.\ndate: 2025-01-01\nauthors: [A]\ntags: [t%d]\n---\n%s\n",
				i, version, i%7, "Some words for the page. ")
			if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	out := filepath.Join(t.TempDir(), "public")
	write(1)
	if _, err := Build(context.Background(), Config{SiteDir: site, OutDir: out, Now: now}); err != nil {
		t.Fatal(err)
	}
	old := fmt.Sprint(tree(t, out))
	write(2)
	ref := filepath.Join(t.TempDir(), "ref")
	if _, err := Build(context.Background(), Config{SiteDir: site, OutDir: ref, Now: now}); err != nil {
		t.Fatal(err)
	}
	fresh := fmt.Sprint(tree(t, ref))

	rng := rand.New(rand.NewPCG(3, 4))
	olds, news := 0, 0
	for trial := range 12 {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), childEnv+"="+site+" "+out)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.IntN(400)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		switch fmt.Sprint(tree(t, out)) {
		case old:
			olds++
		case fresh:
			news++
			// Put the old site back for the next trial.
			write(1)
			if _, err := Build(context.Background(), Config{SiteDir: site, OutDir: out, Now: now}); err != nil {
				t.Fatal(err)
			}
			write(2)
		default:
			t.Fatalf("trial %d: after a kill the output is neither the old site nor the new one", trial)
		}
	}
	t.Logf("%d kills left the old site, %d the new one", olds, news)
	// Leftovers of killed builds go with the next build.
	if _, err := Build(context.Background(), Config{SiteDir: site, OutDir: out, Now: now}); err != nil {
		t.Fatal(err)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.tmp-*")); len(left) > 0 {
		t.Errorf("temporary folders left after a good build: %v", left)
	}
}

package build

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storyhub/storyhub/internal/browsertest"
	"github.com/storyhub/storyhub/internal/sitetest"
)

// smallDisk mounts a tmpfs of the given size for the test. A disk of its
// own needs a mount, which needs root: CI runs as root, so there it must
// work; elsewhere the test is skipped.
func smallDisk(t *testing.T, size string) string {
	t.Helper()
	disk := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", disk).CombinedOutput(); err != nil {
		browsertest.Need(t, fmt.Sprintf("cannot mount a small tmpfs here (needs root): %v: %s", err, out), "")
	}
	t.Cleanup(func() { exec.Command("umount", disk).Run() })
	return disk
}

// TestFullDisk builds onto a disk that fills up: the error says so and
// the old site is left as it was.
func TestFullDisk(t *testing.T) {
	disk := smallDisk(t, "2m")

	files := map[string]string{}
	for i := range 20 {
		files[fmt.Sprintf("content/stories/s%02d.md", i)] = story
	}
	site := sitetest.WriteFiles(t, files)
	out := filepath.Join(disk, "public")
	if _, err := Build(context.Background(), Config{SiteDir: site, OutDir: out, Now: now}); err != nil {
		t.Fatalf("the first, small site does not fit: %v", err)
	}
	before := fmt.Sprint(tree(t, out))
	for i := range 400 { // far more than the disk holds
		p := filepath.Join(site, fmt.Sprintf("content/stories/big%03d.md", i))
		os.WriteFile(p, []byte(story+strings.Repeat("Many words on a page. ", 400)), 0o644)
	}
	_, err := Build(context.Background(), Config{SiteDir: site, OutDir: out, Now: now})
	if err == nil || !strings.Contains(err.Error(), "no space left on device") {
		t.Fatalf("build onto a full disk: %v, want an error saying the disk is full", err)
	}
	if after := fmt.Sprint(tree(t, out)); after != before {
		t.Error("the old site changed")
	}
	if left, _ := filepath.Glob(filepath.Join(disk, ".public.tmp-*")); len(left) > 0 {
		t.Errorf("the half-written new site was left: %v", left)
	}
}

// TestReadOnlyOutput builds into a folder that cannot be written: the
// error says why and the old site stays. (Permissions do not stop root,
// which CI runs as, so the disk itself is made read-only.)
func TestReadOnlyOutput(t *testing.T) {
	disk := smallDisk(t, "4m")
	site := sitetest.WriteFiles(t, map[string]string{"content/stories/a.md": story})
	out := filepath.Join(disk, "public")
	if _, err := Build(context.Background(), Config{SiteDir: site, OutDir: out, Now: now}); err != nil {
		t.Fatal(err)
	}
	before := fmt.Sprint(tree(t, out))
	if msg, err := exec.Command("mount", "-o", "remount,ro", disk).CombinedOutput(); err != nil {
		t.Fatalf("making the disk read-only: %v\n%s", err, msg)
	}
	_, err := Build(context.Background(), Config{SiteDir: site, OutDir: out, Now: now})
	if err == nil || !strings.Contains(err.Error(), "read-only file system") {
		t.Fatalf("build into a read-only folder: %v, want an error saying so", err)
	}
	if after := fmt.Sprint(tree(t, out)); after != before {
		t.Error("the old site changed")
	}
}

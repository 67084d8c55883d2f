//go:build linux && !portable

package build

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

// TestMarkTopDir checks the placement hint reaches the file system where
// it keeps inode flags (ext4, as on the project's machines), and that
// nothing fails where it does not (tmpfs).
func TestMarkTopDir(t *testing.T) {
	for _, base := range []string{t.TempDir(), "/dev/shm"} {
		dir, err := os.MkdirTemp(base, "topdir-")
		if err != nil {
			t.Logf("%s: %v", base, err)
			continue
		}
		defer os.RemoveAll(dir)
		markTopDir(dir)
		f, err := os.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		flags, err := unix.IoctlGetInt(int(f.Fd()), unix.FS_IOC_GETFLAGS)
		f.Close()
		var st unix.Statfs_t
		if serr := unix.Statfs(dir, &st); serr != nil || st.Type != unix.EXT4_SUPER_MAGIC {
			t.Logf("%s: not ext2-4; the hint may be ignored (flags %#x, %v)", base, flags, err)
		} else if err != nil || flags&fsTopDirFlag == 0 {
			t.Errorf("%s: flags %#x (%v) lack the top-folder flag", dir, flags, err)
		}
		// A folder made inside it, as the new site is, builds normally.
		if err := os.WriteFile(filepath.Join(dir, "x"), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

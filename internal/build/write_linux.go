//go:build linux && !portable

package build

import (
	"io/fs"
	"os"

	"golang.org/x/sys/unix"
)

// fsTopDirFlag is FS_TOPDIR_FL of linux/fs.h (chattr +T).
const fsTopDirFlag = 0x00020000

// markTopDir tells the file system that the folders made in work start
// new trees, as chattr +T does, where it understands the hint (ext2-4):
// ext4 then puts the new site, which has a random name, in a block group
// with few folders, rather than beside the old output. Right after an old
// output is deleted, the groups it used are full of inodes ext4 will not
// reuse for a minute or more, and it scans past them one by one for every
// new file: with the hint, a 10,000-story build written just after the
// last one was deleted spends, in most runs, a fifth of the system time
// (docs/PERFORMANCE.md). Where the hint is not understood (tmpfs, other
// systems), nothing changes.
func markTopDir(work string) {
	f, err := os.Open(work)
	if err != nil {
		return
	}
	defer f.Close()
	fd := int(f.Fd())
	flags, err := unix.IoctlGetInt(fd, unix.FS_IOC_GETFLAGS)
	if err != nil {
		return
	}
	_ = unix.IoctlSetPointerInt(fd, unix.FS_IOC_SETFLAGS, flags|fsTopDirFlag)
}

// exchange swaps the names dir and out in one step.
func exchange(dir, out string) error {
	return unix.Renameat2(unix.AT_FDCWD, dir, unix.AT_FDCWD, out, unix.RENAME_EXCHANGE)
}

// mkdir makes one folder with a system call of its own.
func mkdir(name string) error {
	if err := unix.Mkdir(name, 0o755); err != nil {
		return &fs.PathError{Op: "mkdir", Path: name, Err: err}
	}
	return nil
}

// create writes a new file with system calls of its own: os.OpenFile also
// offers every file to the network poller, which refuses regular files
// after five more calls, for each of the site's thousands of files.
func create(name string, data []byte) error {
	fd, err := -1, error(unix.EINTR)
	for err == unix.EINTR {
		fd, err = unix.Open(name, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_CLOEXEC, 0o644)
	}
	if err != nil {
		return &fs.PathError{Op: "open", Path: name, Err: err}
	}
	for len(data) > 0 {
		n, err := unix.Write(fd, data)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			unix.Close(fd)
			return &fs.PathError{Op: "write", Path: name, Err: err}
		}
		data = data[n:]
	}
	if err := unix.Close(fd); err != nil {
		return &fs.PathError{Op: "close", Path: name, Err: err}
	}
	return nil
}

//go:build unix

package server

import (
	"io/fs"
	"syscall"
)

// identity tells files apart where a name does not: the device and inode
// of info, so a poll sees a folder or file replaced by another of the same
// name, size and time (two folders swapped by rename, content/ replaced
// by a copy made with cp -a).
func identity(info fs.FileInfo) [2]uint64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return [2]uint64{uint64(st.Dev), uint64(st.Ino)}
	}
	return [2]uint64{}
}

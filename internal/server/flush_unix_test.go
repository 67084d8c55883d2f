//go:build unix

package server

import "syscall"

// flushDisk writes what the system holds for its disks.
func flushDisk() { syscall.Sync() }

package server

// flushDisk does nothing: Windows has no system-wide sync.
func flushDisk() {}

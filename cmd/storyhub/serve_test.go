package main

import "testing"

func TestShownAddr(t *testing.T) {
	tests := map[string]string{
		"127.0.0.1:1313":   "127.0.0.1:1313",
		"0.0.0.0:1313":     "localhost:1313",
		"[::]:8080":        "localhost:8080",
		"192.168.1.5:1313": "192.168.1.5:1313",
		"[::1]:1313":       "[::1]:1313",
	}
	for in, want := range tests {
		if got := shownAddr(in); got != want {
			t.Errorf("shownAddr(%q) = %q, want %q", in, got, want)
		}
	}
}

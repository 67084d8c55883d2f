package main

import (
	"bytes"
	"flag"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the scripts' expected output files (cmp targets) from the actual output")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"storyhub": main,
	})
}

// TestScripts runs the end-to-end scripts in testdata/script: each is a
// tiny whole site in txtar form, built with the real storyhub command.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"crlf": cmdCRLF,
			"bom":  cmdBOM,
		},
	})
}

// cmdCRLF rewrites each named file with CRLF line endings: crlf FILE...
// (txtar cannot hold a carriage return readably).
func cmdCRLF(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! crlf")
	}
	if len(args) == 0 {
		ts.Fatalf("usage: crlf FILE...")
	}
	for _, name := range args {
		rewrite(ts, name, func(b []byte) []byte {
			b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
			return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))
		})
	}
}

// cmdBOM prepends a UTF-8 byte order mark to each named file: bom FILE...
func cmdBOM(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! bom")
	}
	if len(args) == 0 {
		ts.Fatalf("usage: bom FILE...")
	}
	for _, name := range args {
		rewrite(ts, name, func(b []byte) []byte {
			return append([]byte("\uFEFF"), b...)
		})
	}
}

func rewrite(ts *testscript.TestScript, name string, edit func([]byte) []byte) {
	path := ts.MkAbs(name)
	b, err := os.ReadFile(path)
	ts.Check(err)
	ts.Check(os.WriteFile(path, edit(b), 0o666))
}

// Package themes holds the built-in theme, embedded in the binary so
// storyhub builds any folder; a site's own themes/<name>/ overrides it
// file by file.
package themes

import (
	"embed"
	"io/fs"
)

//go:embed default
var builtin embed.FS

// Default returns the built-in theme: templates/ and static/.
func Default() fs.FS {
	sub, err := fs.Sub(builtin, "default")
	if err != nil {
		panic(err) // the embedded folder is part of the binary
	}
	return sub
}

// Package tools pins the versions of the developer tools that make test
// runs (go get -tool adds them), apart from the project's own module.
package tools

package content

import (
	"strings"
	"testing"
)

// wantProblems fails t unless errs, in the order Sort gives, are want.
func wantProblems(t *testing.T, errs ErrorList, want []string) {
	t.Helper()
	errs.Sort()
	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

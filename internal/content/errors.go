package content

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Pos is a place in a file of the site, in the file's own coordinates:
// File is slash-separated and relative to the site root; Line and Col are
// 1-based (Col 0 means the whole line, Line 0 the whole file).
type Pos struct {
	File string
	Line int
	Col  int
}

func (p Pos) String() string {
	file := quotedFile(p.File)
	switch {
	case p.Line == 0:
		return file
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", file, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", file, p.Line, p.Col)
}

// quotedFile is a file name as a message shows it: as it is, or, when it
// holds a character Go's %q escapes (a control, a bidirectional override,
// an invisible character) or a quote or backslash, in double quotes with
// those escaped, as git shows such names.
func quotedFile(name string) string {
	if q := strconv.Quote(name); q[1:len(q)-1] != name {
		return q
	}
	return name
}

// Severity tells whether a problem stops the build.
type Severity int

const (
	SeverityError   Severity = iota
	SeverityWarning          // worth fixing; fails only check --strict
	SeverityNote             // for the writer's information, like "scheduled"
)

func (s Severity) String() string {
	return [...]string{"error", "warning", "note"}[s]
}

// Error is one problem in one file: where, what, and what to do about it.
type Error struct {
	Pos      Pos
	Severity Severity
	Msg      string
	Hint     string // the fix, when one is known; may be empty
	// Hidden is set on the entry a capped list puts after a file's first
	// problems: how many of each severity it stands for.
	Hidden *[SeverityNote + 1]int
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Message() }

// Message is the problem and, in brackets, its fix when one is known.
func (e *Error) Message() string {
	if e.Hint == "" {
		return e.Msg
	}
	return e.Msg + " (" + e.Hint + ")"
}

// Problem is an Error as tools read it (storyhub check --format json, the
// preview's error overlay).
type Problem struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Hint     string `json:"hint"`
}

// Problem is e as a Problem.
func (e *Error) Problem() Problem {
	return Problem{e.Pos.File, e.Pos.Line, e.Pos.Col, e.Severity.String(), e.Msg, e.Hint}
}

// ErrorList is every problem found in a run, in the shape of
// go/scanner.ErrorList: report them all at once, sorted by position.
type ErrorList []*Error

// Add appends an error at pos.
func (l *ErrorList) Add(pos Pos, msg, hint string) {
	*l = append(*l, &Error{Pos: pos, Msg: msg, Hint: hint})
}

// Warn appends a warning at pos.
func (l *ErrorList) Warn(pos Pos, msg, hint string) {
	*l = append(*l, &Error{Pos: pos, Severity: SeverityWarning, Msg: msg, Hint: hint})
}

// Note appends a note at pos.
func (l *ErrorList) Note(pos Pos, msg, hint string) {
	*l = append(*l, &Error{Pos: pos, Severity: SeverityNote, Msg: msg, Hint: hint})
}

// Sort orders the list by file, line, column, then message.
func (l ErrorList) Sort() {
	slices.SortStableFunc(l, func(a, b *Error) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
}

// Errors returns only the entries that stop a build.
func (l ErrorList) Errors() ErrorList {
	var out ErrorList
	for _, e := range l {
		if e.Severity == SeverityError {
			out = append(out, e)
		}
	}
	return out
}

// Advice returns the entries that do not stop a build: warnings and notes.
func (l ErrorList) Advice() ErrorList {
	var out ErrorList
	for _, e := range l {
		if e.Severity != SeverityError {
			out = append(out, e)
		}
	}
	return out
}

// Count returns how many problems of severity s the list holds, those a
// capped list no longer shows included.
func (l ErrorList) Count(s Severity) int {
	n := 0
	for _, e := range l {
		switch {
		case e.Hidden != nil:
			n += e.Hidden[s]
		case e.Severity == s:
			n++
		}
	}
	return n
}

func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Err returns the list sorted as an error if it holds any error-severity
// entry, and nil otherwise.
func (l ErrorList) Err() error {
	errs := l.Errors()
	if len(errs) == 0 {
		return nil
	}
	errs.Sort()
	return errs
}

// Capped returns a sorted list with at most n problems of each file;
// the rest of a file's are one entry, where the first of them is, with
// the highest severity among them. A file with thousands of problems is
// then a page of reading, not thousands, in every output, and Count
// still counts them all.
func (l ErrorList) Capped(n int) ErrorList {
	out := make(ErrorList, 0, len(l))
	for i := 0; i < len(l); {
		j := i + 1
		for j < len(l) && l[j].Pos.File == l[i].Pos.File {
			j++
		}
		if j-i <= n+1 { // one more is shown rather than counted
			out = append(out, l[i:j]...)
			i = j
			continue
		}
		out = append(out, l[i:i+n]...)
		more := &Error{Pos: l[i+n].Pos, Severity: SeverityNote, Hidden: new([SeverityNote + 1]int),
			Hint: "fix the ones above and check again"}
		for _, e := range l[i+n : j] {
			more.Severity = min(more.Severity, e.Severity) // SeverityError is the least
			if e.Hidden != nil {
				for s, k := range e.Hidden {
					more.Hidden[s] += k
				}
			} else {
				more.Hidden[e.Severity]++
			}
		}
		more.Msg = fmt.Sprintf("and %d more problems in this file", more.Hidden[0]+more.Hidden[1]+more.Hidden[2])
		out = append(out, more)
		i = j
	}
	return out
}

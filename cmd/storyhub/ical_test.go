package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"

	"github.com/rogpeppe/go-internal/testscript"
)

// Calendars are read back by a real iCalendar parser, Python's
// icalendar (Debian's python3-icalendar), not by the library that wrote
// them.

// icalPython is the Python that has icalendar, or "" when none has.
var icalPython = sync.OnceValue(func() string {
	for _, py := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(py, "-c", "import icalendar").Run() == nil {
			return py
		}
	}
	return ""
})

// scriptCondition is the scripts' own conditions: [icalendar] holds
// when the iCalendar parser is there. Missing on CI, it fails the
// script instead, so the calendars are never left unread there.
func scriptCondition(cond string) (bool, error) {
	if cond != "icalendar" {
		return false, fmt.Errorf("unknown condition %q", cond)
	}
	if icalPython() != "" {
		return true, nil
	}
	if os.Getenv("CI") == "true" {
		return false, errors.New("no python3 with icalendar: apt-get install python3-icalendar")
	}
	return false, nil
}

// readICS prints, for each .ics file, its events as the parser read
// them: the values decoded (dates as dates, date-times in UTC), so a
// script compares what a calendar program would see.
const readICS = `
import sys, datetime, icalendar
for name in sys.argv[1:]:
    cal = icalendar.Calendar.from_ical(open(name, 'rb').read())
    print('==', name)
    for k in ('VERSION', 'PRODID', 'CALSCALE', 'X-WR-CALNAME'):
        if k in cal:
            print(k, cal[k])
    for ev in cal.walk('VEVENT'):
        print('VEVENT')
        for k in ('UID', 'DTSTAMP', 'DTSTART', 'DTEND', 'SUMMARY', 'DESCRIPTION', 'LOCATION', 'GEO', 'URL'):
            if k not in ev:
                continue
            if k == 'GEO':
                print(' ', k, '%s;%s' % (ev[k].latitude, ev[k].longitude))
                continue
            v = ev.decoded(k)
            if isinstance(v, datetime.datetime):
                v = 'date-time ' + v.astimezone(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M:%S UTC')
            elif isinstance(v, datetime.date):
                v = 'date ' + v.isoformat()
            elif isinstance(v, bytes):
                v = v.decode()
            print(' ', k, v)
`

// cmdICal reads every .ics file under a folder with the iCalendar
// parser and prints their events, sorted by path: ical DIR. Each file
// must besides be made of CRLF-ended lines of at most 75 octets, as RFC
// 5545 says and a lenient parser does not check.
func cmdICal(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: ical DIR")
	}
	py := icalPython()
	if py == "" {
		ts.Fatalf("no python3 with icalendar: apt-get install python3-icalendar (guard the script with [!icalendar] skip)")
	}
	dir := ts.MkAbs(args[0])
	var files []string
	ts.Check(filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".ics") {
			files = append(files, p)
		}
		return err
	}))
	if len(files) == 0 {
		ts.Fatalf("ical: no .ics file under %s", args[0])
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		ts.Check(err)
		if !bytes.HasSuffix(data, []byte("\r\n")) {
			ts.Fatalf("ical: %s does not end with CRLF", f)
		}
		for i, line := range bytes.Split(bytes.TrimSuffix(data, []byte("\r\n")), []byte("\r\n")) {
			if bytes.ContainsAny(line, "\r\n") || len(line) > 75 {
				ts.Fatalf("ical: %s line %d is not a line of at most 75 octets ended by CRLF: %q", f, i+1, line)
			}
		}
	}
	for i, f := range files {
		rel, err := filepath.Rel(dir, f)
		ts.Check(err)
		files[i] = filepath.ToSlash(rel)
	}
	cmd := exec.Command(py, append([]string{"-c", readICS}, files...)...)
	cmd.Dir = dir
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		ts.Fatalf("ical: the parser failed (%v):\n%s", err, errOut.String())
	}
	ts.Stdout().Write(out.Bytes())
}

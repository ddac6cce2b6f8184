package calendar

// Every iCalendar file Convene writes must be read without complaint by three
// parsers that share no code with golang-ical or with each other: libical
// (through GObject introspection, as Evolution and GNOME read it),
// python-icalendar and ical.js (as Thunderbird and web clients read it). The
// checkers are scripts in testdata/parsers; each prints one line per problem
// as "FILE: parser: message" and exits non-zero when there was one. They run
// over every .ics file under testdata/golden and testdata/crossparse-samples.
//
// `make deps-test` installs the parsers: the Debian packages python3-gi,
// gir1.2-ical-3.0 and python3-icalendar, and ical.js as a devDependency of
// frontend/ (npm ci). Without them the tests skip, or fail when CI is set.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

const (
	crossParseDir     = "testdata/parsers"
	crossParseSamples = "testdata/crossparse-samples"
	crossParseBroken  = "testdata/crossparse-samples/broken"
	crossParseGolden  = "testdata/golden"
	// Debian's python: the Debian packages install into its dist-packages,
	// which a python3 earlier on PATH (pyenv, a venv) does not see.
	crossParsePython = "/usr/bin/python3"
	// The exit status a checker uses when its parser is not installed.
	crossParseMissing = 3
)

// crossParseChecker is one parser's checker script.
type crossParseChecker struct {
	name    string   // subtest name, and the parser's name in output lines
	argv    []string // the command before the files
	install string   // what to install when the interpreter itself is missing
}

func crossParseCheckers() []crossParseChecker {
	return []crossParseChecker{
		{"libical", []string{crossParsePython, filepath.Join(crossParseDir, "libical_check.py")},
			"the Debian packages python3, python3-gi and gir1.2-ical-3.0 (make deps-test)"},
		{"icalendar", []string{crossParsePython, filepath.Join(crossParseDir, "icalendar_check.py")},
			"the Debian packages python3 and python3-icalendar (make deps-test)"},
		{"ical.js", []string{"node", filepath.Join(crossParseDir, "icaljs_check.mjs")},
			"Node.js, and ical.js with `npm ci` in frontend/ (make deps-npm)"},
	}
}

// crossParseMissingTool skips, or fails under CI, naming what to install.
func crossParseMissingTool(t *testing.T, msg string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("parser not installed: %s", msg)
	}
	t.Skipf("parser not installed (set CI to make this a failure): %s", msg)
}

type crossParseResult struct {
	code   int
	lines  []string // stdout, one problem a line
	stderr string
}

func crossParseRun(t *testing.T, c crossParseChecker, args ...string) crossParseResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, c.argv[0], append(c.argv[1:len(c.argv):len(c.argv)], args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	r := crossParseResult{stderr: strings.TrimSpace(stderr.String())}
	for _, l := range strings.Split(strings.TrimSpace(stdout.String()), "\n") {
		if l = strings.TrimRight(l, "\r"); l != "" {
			r.lines = append(r.lines, l)
		}
	}
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit) && exit.Exited():
		r.code = exit.ExitCode()
	case ctx.Err() != nil:
		t.Fatalf("%s: timed out: %v", c.name, ctx.Err())
	default:
		t.Fatalf("%s: %v", c.name, err)
	}
	return r
}

// crossParseReady skips or fails when the checker cannot run, and logs which
// parser version it found.
func crossParseReady(t *testing.T, c crossParseChecker) {
	t.Helper()
	if _, err := exec.LookPath(c.argv[0]); err != nil {
		crossParseMissingTool(t, fmt.Sprintf("%s: install %s", err, c.install))
	}
	r := crossParseRun(t, c, "--version")
	switch r.code {
	case 0:
		t.Log(strings.Join(r.lines, "; "))
	case crossParseMissing:
		crossParseMissingTool(t, strings.Join(r.lines, "; "))
	default:
		t.Fatalf("%s --version exited %d: %s %s", c.name, r.code, strings.Join(r.lines, "\n"), r.stderr)
	}
}

// crossParseFiles lists the .ics files under dir and its subfolders, leaving
// out the folders named in skip.
func crossParseFiles(t *testing.T, dir string, skip ...string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != dir {
			for _, s := range skip {
				if path == s {
					return filepath.SkipDir
				}
			}
		}
		if !d.IsDir() && strings.HasSuffix(path, ".ics") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	sort.Strings(files)
	return files
}

// crossParseLineProblems checks what none of the three parsers does: content
// lines end in CRLF, are at most 75 octets, and a fold never splits a UTF-8
// sequence (ical.js decodes the file before unfolding, so a split letter
// becomes two U+FFFD; libical and python-icalendar rejoin the octets).
func crossParseLineProblems(data []byte) []string {
	var problems []string
	if len(data) > 0 && !bytes.HasSuffix(data, []byte("\r\n")) {
		problems = append(problems, "the last line does not end in CRLF")
	}
	for i, l := range bytes.Split(bytes.TrimSuffix(data, []byte("\r\n")), []byte("\r\n")) {
		n := i + 1
		if bytes.ContainsAny(l, "\r\n") {
			problems = append(problems, fmt.Sprintf("line %d: a bare CR or LF (lines end in CRLF)", n))
			continue
		}
		if len(l) > 75 {
			problems = append(problems, fmt.Sprintf("line %d: %d octets, more than 75", n, len(l)))
		}
		if !utf8.Valid(l) {
			problems = append(problems, fmt.Sprintf("line %d: not UTF-8 on its own (a fold split a letter?)", n))
		}
	}
	return problems
}

func TestCrossParse(t *testing.T) {
	golden := crossParseFiles(t, crossParseGolden)
	samples := crossParseFiles(t, crossParseSamples, crossParseBroken)
	if len(samples) == 0 {
		t.Fatalf("no samples in %s", crossParseSamples)
	}
	if len(golden) == 0 {
		t.Logf("no golden files in %s yet: checking the samples only", crossParseGolden)
	}
	files := append(golden, samples...)

	t.Run("lines", func(t *testing.T) {
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range crossParseLineProblems(data) {
				t.Errorf("%s: %s", f, p)
			}
		}
	})
	for _, c := range crossParseCheckers() {
		t.Run(c.name, func(t *testing.T) {
			crossParseReady(t, c)
			r := crossParseRun(t, c, files...)
			for _, l := range r.lines {
				t.Error(l)
			}
			if r.code != 0 {
				t.Errorf("%s exited %d over %d files %s", c.name, r.code, len(files), r.stderr)
			} else if len(r.lines) > 0 {
				t.Errorf("%s printed problems but exited 0", c.name)
			} else {
				t.Logf("%d files pass %s", len(files), c.name)
			}
		})
	}
}

// TestCrossParseRejectsBroken proves that each checker can fail: every file
// in testdata/crossparse-samples/broken must be rejected by the checkers
// named for it (the others may accept it; what each accepts is logged).
func TestCrossParseRejectsBroken(t *testing.T) {
	mustReject := map[string][]string{
		// A line with neither ':' nor ';', a parameter without '='.
		"garbage-lines.ics": {"libical", "icalendar", "ical.js"},
		// BEGIN:VCALENDAR and BEGIN:VEVENT never ended.
		"unterminated.ics": {"libical", "icalendar", "ical.js"},
		// A VCARD.
		"not-a-calendar.ics": {"libical", "icalendar", "ical.js"},
		// DTSTART in month 13, DTEND:tomorrow, SEQUENCE:two. libical and
		// ical.js take the impossible DTSTART, libical reads "two" as 0.
		"bad-values.ics": {"libical", "icalendar", "ical.js"},
		// A PUBLISH VEVENT without UID and DTSTART: not a parse error to
		// libical, which checks RFC 5546 only for REQUEST and CANCEL here.
		"vevent-without-uid-dtstart.ics": {"icalendar", "ical.js"},
		// RFC 5546 restrictions, which only libical knows.
		"request-without-organizer.ics": {"libical"},
		"cancel-without-sequence.ics":   {"libical"},
		// What golang-ical v0.3.4 writes for a CN with ':' or ',':
		// CN=Convene\: Events. Nobody reports an error, but libical keeps the
		// backslash, python-icalendar drops it and ical.js ends the
		// parameters at the ':' and takes " Events:mailto:..." as the address.
		"escaped-parameters.ics": {"libical", "ical.js"},
		// TZID=Europe/Copenhagen without its VTIMEZONE: ical.js reads the
		// time as floating.
		"tzid-without-vtimezone.ics": {"ical.js"},
		// LF line ends, an 85-octet line, a fold splitting 'ø'. Only the
		// libical checker notices, and only because the split letter makes
		// the file not UTF-8.
		"bad-lines.ics": {"lines", "libical"},
	}
	files := crossParseFiles(t, crossParseBroken)
	if len(files) == 0 {
		t.Fatalf("no files in %s", crossParseBroken)
	}
	for _, f := range files {
		if _, ok := mustReject[filepath.Base(f)]; !ok {
			t.Errorf("%s: add it to mustReject with the checkers that must reject it", f)
		}
	}
	rejects := func(checker, file string) bool {
		for _, c := range mustReject[filepath.Base(file)] {
			if c == checker {
				return true
			}
		}
		return false
	}

	t.Run("lines", func(t *testing.T) {
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			problems := crossParseLineProblems(data)
			if rejects("lines", f) && len(problems) == 0 {
				t.Errorf("%s: the line check found nothing wrong", f)
			}
		}
	})
	for _, c := range crossParseCheckers() {
		t.Run(c.name, func(t *testing.T) {
			crossParseReady(t, c)
			rejected := 0
			var accepted []string
			for _, f := range files {
				r := crossParseRun(t, c, f)
				for _, l := range r.lines {
					if !strings.HasPrefix(l, f+": "+c.name+": ") {
						t.Errorf("%s: line not in the form \"FILE: %s: message\": %q", f, c.name, l)
					}
				}
				switch {
				case r.code == 0 && len(r.lines) > 0:
					t.Errorf("%s: %s printed problems but exited 0", f, c.name)
				case r.code == 0:
					accepted = append(accepted, filepath.Base(f))
					if rejects(c.name, f) {
						t.Errorf("%s: %s accepted it, but must reject it", f, c.name)
					}
				case r.code == 1 && len(r.lines) == 0:
					t.Errorf("%s: %s exited 1 without saying why: %s", f, c.name, r.stderr)
				case r.code == 1:
					rejected++
					t.Logf("rejects %s", strings.Join(r.lines, "\n\t"))
				default:
					t.Errorf("%s: %s exited %d: %s %s", f, c.name, r.code, strings.Join(r.lines, "\n"), r.stderr)
				}
			}
			if len(accepted) > 0 {
				t.Logf("%s accepts %s", c.name, strings.Join(accepted, ", "))
			}
			if rejected == 0 {
				t.Errorf("%s rejected none of the broken files", c.name)
			}
		})
	}
}

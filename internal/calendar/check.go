package calendar

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Check applies the rules of RFC 5545 that parsers forgive, so that a
// mistake is caught here rather than in one client: CRLF line endings
// only, no line longer than 75 octets, valid UTF-8, a VTIMEZONE for every
// TZID used, and exactly one UID and one DTSTAMP in every VEVENT. It
// returns every problem found, or nil.
func Check(data []byte) error {
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	if !utf8.Valid(data) {
		add("not valid UTF-8")
	}
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		add("does not end with CRLF")
	}
	lines := bytes.Split(bytes.TrimSuffix(data, []byte("\r\n")), []byte("\r\n"))
	var unfolded []string
	for i, l := range lines {
		if bytes.ContainsAny(l, "\r\n") {
			add("line %d: a bare CR or LF", i+1)
		}
		if len(l) > 75 {
			add("line %d: %d octets, more than 75", i+1, len(l))
		}
		if len(l) > 0 && (l[0] == ' ' || l[0] == '\t') && len(unfolded) > 0 {
			if !utf8.Valid(l[1:]) {
				add("line %d: folded inside a character", i+1)
			}
			unfolded[len(unfolded)-1] += string(l[1:])
			continue
		}
		if !utf8.Valid(l) {
			add("line %d: folded inside a character", i+1)
		}
		unfolded = append(unfolded, string(l))
	}
	zones := map[string]bool{}
	var used []string
	inEvent, uids, stamps, events := false, 0, 0, 0
	for _, l := range unfolded {
		name, params, _ := splitLine(l)
		switch {
		case l == "BEGIN:VEVENT":
			inEvent, uids, stamps = true, 0, 0
			events++
		case l == "END:VEVENT":
			if uids != 1 || stamps != 1 {
				add("event %d: %d UID and %d DTSTAMP, want one of each", events, uids, stamps)
			}
			inEvent = false
		case inEvent && name == "UID":
			uids++
		case inEvent && name == "DTSTAMP":
			stamps++
		case name == "TZID" && params == "":
			zones[strings.TrimPrefix(l, "TZID:")] = true
		}
		for _, p := range strings.Split(params, ";") {
			if v, ok := strings.CutPrefix(p, "TZID="); ok {
				used = append(used, strings.Trim(v, `"`))
			}
		}
	}
	if !bytes.HasPrefix(data, []byte("BEGIN:VCALENDAR\r\n")) || len(unfolded) == 0 || unfolded[len(unfolded)-1] != "END:VCALENDAR" {
		add("not one VCALENDAR")
	}
	for _, z := range used {
		if !zones[z] {
			add("TZID %s has no VTIMEZONE", z)
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("calendar: %s", strings.Join(problems, "; "))
	}
	return nil
}

// splitLine splits an unfolded content line into its name, its parameters
// (without the leading semicolon) and its value. Quoted parameter values
// may hold colons.
func splitLine(l string) (name, params, value string) {
	quoted := false
	for i, r := range l {
		switch {
		case r == '"':
			quoted = !quoted
		case r == ':' && !quoted:
			head := l[:i]
			name, params, _ = strings.Cut(head, ";")
			return name, params, l[i+1:]
		}
	}
	return l, "", ""
}

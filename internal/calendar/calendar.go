package calendar

import (
	"bytes"
	"strings"
	"time"
	"unicode"

	"convene/internal/event"
	"convene/internal/setting"

	ics "github.com/arran4/golang-ical"
)

// ProdID names Convene as the producer of every object.
const ProdID = "-//Convene//Convene Events//DA"

// Method is an iTIP method (RFC 5546), or none for files and feeds.
type Method string

// The methods Convene sends.
const (
	MethodNone    Method = ""
	MethodRequest Method = "REQUEST"
	MethodCancel  Method = "CANCEL"
)

// Organizer is who holds the events: the department, from Settings.
type Organizer struct {
	Name  string
	Email string
}

// Person is an attendee an invitation is addressed to.
type Person struct {
	Name  string
	Email string
	// Invited marks someone asked to come rather than registered: their
	// PARTSTAT is NEEDS-ACTION, not ACCEPTED.
	Invited bool
}

// Builder writes calendar objects for one organiser and public site.
type Builder struct {
	Org Organizer
	// PublicURL is the public site's base URL, for the events' links.
	PublicURL string
	// Lang picks the title and description (da or en).
	Lang string
}

// EventURL is an event's public page.
func (b Builder) EventURL(e event.Event) string {
	return strings.TrimRight(b.PublicURL, "/") + "/e/" + e.Slug
}

func (b Builder) title(e event.Event) string {
	if b.Lang == "en" && e.TitleEN != "" {
		return e.TitleEN
	}
	return e.Title
}

// Location is where an event is, as one line: venue and address, or the
// online link.
func Location(e event.Event) string {
	var parts []string
	for _, p := range []string{e.Venue, e.Address} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 && e.OnlineURL != "" {
		return e.OnlineURL
	}
	return strings.Join(parts, ", ")
}

// description is the event's text as calendars show it: plain text (the
// organiser's Markdown reads well as it is), then the online link and the
// public page. A cancelled event says so first, with the reason.
func (b Builder) description(e event.Event) string {
	var parts []string
	if e.Status == event.StatusCancelled {
		line := "AFLYST"
		if b.Lang == "en" {
			line = "CANCELLED"
		}
		if e.CancelMessage != "" {
			line += ": " + e.CancelMessage
		}
		parts = append(parts, line)
	}
	desc := e.Description
	if b.Lang == "en" && e.DescriptionEN != "" {
		desc = e.DescriptionEN
	}
	if desc = strings.TrimSpace(desc); desc != "" {
		parts = append(parts, desc)
	}
	if e.OnlineURL != "" {
		parts = append(parts, e.OnlineURL)
	}
	parts = append(parts, b.EventURL(e))
	return strings.Join(parts, "\n\n")
}

// text makes a value safe for a TEXT property: golang-ical escapes
// backslashes, semicolons, commas and newlines, but leaves carriage returns
// and other control characters, which no calendar wants.
func text(s string) string {
	clean := true
	for i := 0; i < len(s) && clean; i++ {
		c := s[i]
		clean = (c >= 0x20 && c != 0x7f && c != 0xef) || c == '\n' || c == '\t'
	}
	if clean {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if unicode.IsControl(r) || r == '\uFEFF' {
			return -1
		}
		return r
	}, s)
}

// paramValue makes a parameter value (a CN) safe. golang-ical escapes
// parameter values with backslashes, which RFC 5545 does not allow, and a
// parameter value can hold no double quote, so the characters that would
// need either are replaced.
func paramValue(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsControl(r):
			return ' '
		case r == '"' || r == '\\':
			return -1
		case r == ',' || r == ';' || r == ':':
			return ' '
		case r == '\'':
			return '’'
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// vevent builds one event. stamp is its DTSTAMP: the event's last change
// in feeds and files (so they are the same bytes until it changes), the
// moment of sending in invitations.
func (b Builder) vevent(e event.Event, stamp time.Time, orgCN string) *ics.VEvent {
	v := ics.NewEvent(e.UID)
	v.SetDtStampTime(stamp)
	v.SetSequence(e.Sequence)
	v.SetStartAt(e.StartsAt)
	v.SetEndAt(e.EndsAt)
	v.SetSummary(text(b.title(e)))
	v.SetDescription(text(b.description(e)))
	if loc := Location(e); loc != "" {
		v.SetLocation(text(loc))
	}
	v.SetURL(b.EventURL(e))
	if b.Org.Email != "" {
		v.SetOrganizer("mailto:"+b.Org.Email, ics.WithCN(orgCN))
	}
	if e.Status == event.StatusCancelled {
		v.SetStatus(ics.ObjectStatusCancelled)
	} else {
		v.SetStatus(ics.ObjectStatusConfirmed)
	}
	if !e.CreatedAt.IsZero() {
		v.SetCreatedTime(e.CreatedAt)
	}
	if !e.UpdatedAt.IsZero() {
		v.SetModifiedAt(e.UpdatedAt)
	}
	return v
}

func newCalendar(method Method) *ics.Calendar {
	cal := ics.NewCalendarFor("Convene")
	cal.SetProductId(ProdID)
	cal.SetCalscale("GREGORIAN")
	if method != MethodNone {
		cal.SetMethod(ics.Method(method))
	}
	return cal
}

func serialize(cal *ics.Calendar) []byte {
	var buf bytes.Buffer
	_ = cal.SerializeTo(&buf, ics.WithNewLineWindows)
	return buf.Bytes()
}

// File is one event as a download (`/e/{slug}.ics`): no METHOD, stamped
// with the event's last change.
func (b Builder) File(e event.Event) []byte {
	cal := newCalendar(MethodNone)
	cal.AddVEvent(b.vevent(e, e.UpdatedAt, paramValue(b.Org.Name)))
	return serialize(cal)
}

// Invitation is the iTIP object a registration mail carries: REQUEST to
// add or update the event in the attendees' calendars, CANCEL to take it
// out. A cancellation of the event, or of the attendee's registration,
// says STATUS:CANCELLED.
func (b Builder) Invitation(e event.Event, method Method, to []Person, now time.Time) []byte {
	cal := newCalendar(method)
	v := b.vevent(e, now, paramValue(b.Org.Name))
	if method == MethodCancel {
		v.SetStatus(ics.ObjectStatusCancelled)
	}
	params := []ics.PropertyParameter{&ics.KeyValues{Key: string(ics.ParameterRsvp), Value: []string{"FALSE"}},
		&ics.KeyValues{Key: string(ics.ParameterRole), Value: []string{"REQ-PARTICIPANT"}}}
	for _, p := range to {
		ps := params
		if method == MethodRequest {
			status := "ACCEPTED"
			if p.Invited {
				status = "NEEDS-ACTION"
			}
			ps = append(ps[:len(ps):len(ps)], &ics.KeyValues{Key: string(ics.ParameterParticipationStatus), Value: []string{status}})
		}
		if name := paramValue(p.Name); name != "" {
			ps = append(ps[:len(ps):len(ps)], ics.WithCN(name))
		}
		v.AddAttendee("mailto:"+p.Email, ps...)
	}
	cal.AddVEvent(v)
	return serialize(cal)
}

// OrganizerFrom is the organiser as Settings name it: the department of
// the municipality, with its e-mail.
func OrganizerFrom(st setting.Settings) Organizer {
	name := st.OrganiserName
	if st.Department != "" {
		name += ", " + st.Department
	}
	return Organizer{Name: name, Email: st.Email}
}

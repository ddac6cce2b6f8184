package calendar

import (
	"fmt"
	"time"

	"convene/internal/event"
)

// Feed is a calendar people subscribe to.
type Feed struct {
	// Name is the display name clients show for the subscription.
	Name        string
	Description string
	// Refresh is how often clients should fetch it again.
	Refresh time.Duration
}

// duration writes d as an RFC 5545 DURATION of whole minutes (PT1H,
// PT30M), at least one minute.
func duration(d time.Duration) string {
	m := max(int(d.Minutes()), 1)
	switch {
	case m%60 == 0:
		return fmt.Sprintf("PT%dH", m/60)
	}
	return fmt.Sprintf("PT%dM", m)
}

// Feed writes a subscription holding events. Each event is stamped with
// its last change, so the bytes change only when an event does, and
// cancelled events stay in with STATUS:CANCELLED, which is how a
// subscribed calendar learns of a cancellation.
func (b Builder) Feed(f Feed, events []event.Event) []byte {
	cal := newCalendar(MethodNone)
	if f.Name != "" {
		name := text(f.Name)
		cal.SetXWRCalName(name)
		cal.SetName(name)
	}
	if f.Description != "" {
		cal.SetXWRCalDesc(text(f.Description))
		cal.SetDescription(text(f.Description))
	}
	if f.Refresh > 0 {
		cal.SetRefreshInterval(duration(f.Refresh)) // golang-ical adds VALUE=DURATION
		cal.SetXPublishedTTL(duration(f.Refresh))
	}
	cn := paramValue(b.Org.Name)
	for _, e := range events {
		cal.AddVEvent(b.vevent(e, e.UpdatedAt, cn))
	}
	return serialize(cal)
}

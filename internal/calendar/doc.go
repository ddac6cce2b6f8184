// Package calendar writes Convene's iCalendar (RFC 5545) objects: the
// public and personal feeds, one event's download, and the invitations
// (RFC 5546 REQUEST and CANCEL) that registration mails carry. It builds on
// github.com/arran4/golang-ical and mends what that library gets wrong:
// parameter values are made safe here, carriage returns are removed, and
// DTSTAMP is always set by the caller's clock. Times are written in UTC,
// so no VTIMEZONE is needed and every client agrees on the instant.
package calendar

// Package registration takes companies' registrations for events: seats
// taken by one atomic write so a room is never overbooked, a waitlist
// promoted in order, and a personal link to change or cancel.
package registration

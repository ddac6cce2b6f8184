// Package event holds the department's events: network meetings,
// information meetings, sustainability events, courses and the nytårskur,
// from draft to published, cancelled or completed, one by one or as a
// series.
package event

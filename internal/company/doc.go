// Package company is the department's business register: companies with
// their CVR numbers, production units, clusters, business areas, tags and
// yearly financials, and the contacts who work there with their marketing
// consent as a record.
package company

// Package report answers the department's questions in figures: the
// overview of what needs attention now, and the reports of what the events
// achieved and for whom, seen against the policy's tracks and themes.
// Every report is a table, so it can be charted, shown and exported alike.
package report

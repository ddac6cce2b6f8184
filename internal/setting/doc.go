// Package setting keeps the settings staff change at run time (the
// organiser's details, public base URL, language, time zone) in the database.
package setting

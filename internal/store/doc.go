// Package store opens Convene's embedded SQLite database through GORM, keeps
// its schema current with versioned migrations, carries transactions in the
// context and takes online backups.
package store

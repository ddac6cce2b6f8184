// Package award runs the yearly gazelle award: it evaluates the register
// with the gazelle engine, keeps every verdict with its evidence, records
// the jury's shortlist, notes and decisions with who made them, publishes
// the winners, makes their diplomas and the nytårskur where they are
// celebrated.
package award

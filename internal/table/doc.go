// Package table writes tables of text as the files staff open in a
// spreadsheet: CSV for Danish Excel, or XLSX.
package table

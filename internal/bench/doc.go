// Package bench measures Convene's performance figures for `make bench`:
// each part runs its workload and its baseline in the same run, and the
// report prints a table plus one `bench <part>.<figure> <value> <unit>` line
// per figure for scripts.
package bench

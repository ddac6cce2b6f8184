// Command convene-bench prints Convene's performance table: `make bench`
// runs every part, `make bench BENCH=name` one of them.
package main

import (
	"context"
	"fmt"
	"os"
	"runtime/pprof"
	"strings"

	"convene/internal/bench"
)

func main() {
	want := map[string]bool{}
	for _, a := range os.Args[1:] {
		for _, p := range strings.Split(a, ",") {
			if p != "" {
				want[p] = true
			}
		}
	}
	dir, cleanup, err := bench.TempDir()
	if err != nil {
		fmt.Fprintln(os.Stderr, "convene-bench:", err)
		os.Exit(1)
	}
	defer cleanup()
	// CONVENE_BENCH_CPUPROFILE=file writes a CPU profile of the run.
	if path := os.Getenv("CONVENE_BENCH_CPUPROFILE"); path != "" {
		f, err := os.Create(path)
		if err == nil && pprof.StartCPUProfile(f) == nil {
			defer pprof.StopCPUProfile()
		}
	}
	var r bench.Report
	ran := 0
	var names []string
	for _, p := range bench.Parts() {
		names = append(names, p.Name)
		if len(want) > 0 && !want[p.Name] {
			continue
		}
		ran++
		if err := p.Run(context.Background(), dir, &r); err != nil {
			fmt.Fprintf(os.Stderr, "convene-bench: %s: %v\n", p.Name, err)
			cleanup()
			os.Exit(1)
		}
	}
	if ran == 0 {
		fmt.Fprintf(os.Stderr, "convene-bench: no part named %v; parts: %s\n", os.Args[1:], strings.Join(names, ", "))
		os.Exit(2)
	}
	r.Print(os.Stdout)
}

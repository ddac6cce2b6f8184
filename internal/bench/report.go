package bench

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// Figure is one measured number.
type Figure struct {
	Part  string
	Name  string
	Value float64
	Unit  string
	Note  string
}

// Report collects the figures of a run.
type Report struct {
	figures []Figure
}

// Add records a figure.
func (r *Report) Add(part, name string, value float64, unit, note string) {
	r.figures = append(r.figures, Figure{Part: part, Name: name, Value: value, Unit: unit, Note: note})
}

// Figures returns what was recorded.
func (r *Report) Figures() []Figure { return r.figures }

func format(v float64) string {
	switch {
	case v == float64(int64(v)) && v < 1e12:
		return fmt.Sprintf("%d", int64(v))
	case v >= 100:
		return fmt.Sprintf("%.0f", v)
	case v >= 1:
		return fmt.Sprintf("%.2f", v)
	}
	return fmt.Sprintf("%.3f", v)
}

// Print writes the table, then the machine-readable lines.
func (r *Report) Print(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "part\tfigure\tvalue\tunit\t")
	for _, f := range r.figures {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t  %s\n", f.Part, f.Name, format(f.Value), f.Unit, f.Note)
	}
	tw.Flush()
	fmt.Fprintln(w, strings.Repeat("-", 40))
	for _, f := range r.figures {
		fmt.Fprintf(w, "bench %s.%s %s %s\n", f.Part, f.Name, format(f.Value), f.Unit)
	}
}

package gazelle

// span is the number of annual reports a period holds.
const span = 4

// period is the four financial years that end with the award year, and the
// reports found for them.
type period struct {
	from, to int
	reports  [span]*Financial
	// missing lists the years without a report.
	missing []int
	// duplicate is a year with more than one report, or 0.
	duplicate int
	// extra are the second and later reports of duplicated years.
	extra []Financial
}

// collect picks the reports of the period that ends with year from fs.
func collect(fs []Financial, year int) period {
	p := period{from: year - span + 1, to: year}
	for i := range fs {
		y := fs[i].Year
		if y < p.from || y > p.to {
			continue
		}
		if p.reports[y-p.from] != nil {
			if p.duplicate == 0 {
				p.duplicate = y
			}
			p.extra = append(p.extra, fs[i])
			continue
		}
		p.reports[y-p.from] = &fs[i]
	}
	for i, r := range p.reports {
		if r == nil {
			p.missing = append(p.missing, p.from+i)
		}
	}
	return p
}

// complete reports whether the period has exactly one report a year.
func (p period) complete() bool { return len(p.missing) == 0 && p.duplicate == 0 }

// found returns copies of the reports present, oldest first, with a
// duplicated year's reports next to each other so a reviewer sees both.
func (p period) found() []Financial {
	out := make([]Financial, 0, span+len(p.extra))
	for _, r := range p.reports {
		if r == nil {
			continue
		}
		out = append(out, *r)
		for _, e := range p.extra {
			if e.Year == r.Year {
				out = append(out, e)
			}
		}
	}
	return out
}

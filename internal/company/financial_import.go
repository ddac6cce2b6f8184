package company

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"convene/internal/i18n"
)

// FinancialFields are the columns a financials file maps to.
var FinancialFields = []string{"cvr", "year", "months", "netRevenue", "grossProfit", "operatingResult"}

var financialHeaderNames = map[string][]string{
	"cvr": {"cvr", "cvr-nr", "cvr nr", "cvr-nummer", "cvr number"}, "year": {"år", "regnskabsår", "year"},
	"months": {"måneder", "mdr", "periode (mdr)", "months"}, "netRevenue": {"omsætning", "nettoomsætning", "revenue", "net revenue"},
	"grossProfit":     {"bruttofortjeneste", "bruttoresultat", "gross profit"},
	"operatingResult": {"primært resultat", "driftsresultat", "resultat af primær drift", "operating result", "ebit"},
}

// SuggestFinancialMapping guesses a financials file's mapping.
func SuggestFinancialMapping(header []string) Mapping {
	m := Mapping{}
	for col, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		for field, names := range financialHeaderNames {
			for _, n := range names {
				if _, taken := m[field]; h == n && !taken {
					m[field] = col
				}
			}
		}
	}
	return m
}

// parseAmount reads an amount in DKK as accountants write it: "1.234.567",
// "1 234 567", "-12.500", "1234567,00" (the decimals dropped), "(12.500)"
// for a negative number.
func parseAmount(s string) (int64, error) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "kr."))
	neg := strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")")
	s = strings.Trim(s, "()")
	if i := strings.LastIndexByte(s, ','); i >= 0 && len(s)-i <= 3 {
		s = s[:i]
	}
	s = strings.NewReplacer(".", "", " ", "", "\u00a0", "", "'", "").Replace(s)
	n, err := strconv.ParseInt(s, 10, 64)
	if neg {
		n = -n
	}
	return n, err
}

// ImportFinancials checks every row of a financials file (CVR, year,
// months, revenue, gross profit, operating result) and, unless dryRun or
// any row fails, writes them all in one transaction; a year already held
// for a company is replaced. Rows name the companies by CVR, which must be
// in the register; the same company and year twice in a file is an error.
func (s *Service) ImportFinancials(ctx context.Context, sh Sheet, m Mapping, dryRun bool) (ImportResult, error) {
	res := ImportResult{DryRun: dryRun, Rows: []RowResult{}}
	for _, f := range []string{"cvr", "year"} {
		if m.col(f) < 0 {
			return res, i18n.NewError("company.error.map_field", map[string]any{"field": f})
		}
	}
	if m.col("netRevenue") < 0 && m.col("grossProfit") < 0 {
		return res, i18n.NewError("company.error.map_field", map[string]any{"field": "netRevenue"})
	}
	var known []struct {
		ID   int64
		CVR  string
		Name string
	}
	if err := s.store.R(ctx).Raw("SELECT id, cvr, name FROM companies WHERE cvr IS NOT NULL").Scan(&known).Error; err != nil {
		return res, err
	}
	byCVR := map[string]int64{}
	names := map[int64]string{}
	for _, k := range known {
		byCVR[k.CVR], names[k.ID] = k.ID, k.Name
	}
	var held []struct {
		CompanyID int64
		Year      int
	}
	if err := s.store.R(ctx).Raw("SELECT company_id, year FROM company_financials").Scan(&held).Error; err != nil {
		return res, err
	}
	exists := map[[2]int64]bool{}
	for _, h := range held {
		exists[[2]int64{h.CompanyID, int64(h.Year)}] = true
	}
	seen := map[[2]int64]int{}
	var plan []Financial
	thisYear := time.Now().Year()
	for i, rec := range sh.Rows {
		row := RowResult{Row: i + 2, Action: "create"}
		get := func(f string) string { return cell(rec, m.col(f)) }
		bad := func(field, key string, params map[string]any) {
			row.Errors = append(row.Errors, ImportError{Column: header(sh.Header, m.col(field)), Key: key, Params: params})
		}
		f := Financial{Months: 12, Source: "import"}
		cvr := NormalizeCVR(get("cvr"))
		switch id, ok := byCVR[cvr]; {
		case cvr == "":
			bad("cvr", "error.required", nil)
		case !ValidCVR(cvr):
			bad("cvr", "company.error.cvr", nil)
		case !ok:
			bad("cvr", "company.error.cvr_unknown", map[string]any{"cvr": cvr})
		default:
			f.CompanyID = id
			row.Company = names[id]
		}
		if y, err := strconv.Atoi(strings.TrimSpace(get("year"))); err != nil || y < 1990 || y > thisYear+1 {
			bad("year", "company.error.year", nil)
		} else {
			f.Year = y
		}
		if v := strings.TrimSpace(get("months")); v != "" {
			if n, err := strconv.Atoi(v); err != nil || n < 1 || n > 24 {
				bad("months", "company.error.months", nil)
			} else {
				f.Months = n
			}
		}
		for field, dst := range map[string]**int64{"netRevenue": &f.NetRevenue, "grossProfit": &f.GrossProfit, "operatingResult": &f.OperatingResult} {
			if v := get(field); strings.TrimSpace(v) != "" {
				n, err := parseAmount(v)
				if err != nil {
					bad(field, "company.error.amount", nil)
					continue
				}
				*dst = &n
			}
		}
		if f.NetRevenue == nil && f.GrossProfit == nil {
			bad("netRevenue", "company.error.no_figures", nil)
		}
		key := [2]int64{f.CompanyID, int64(f.Year)}
		if f.CompanyID != 0 && f.Year != 0 {
			if first, dup := seen[key]; dup {
				bad("year", "company.error.year_twice", map[string]any{"row": first})
			}
			seen[key] = row.Row
			if exists[key] {
				row.Action = "update"
			}
		}
		if len(row.Errors) > 0 {
			row.Action = "error"
			res.Failed++
		} else {
			plan = append(plan, f)
			if row.Action == "update" {
				res.FinancialsUpdated++
			} else {
				res.FinancialsCreated++
			}
		}
		res.Rows = append(res.Rows, row)
	}
	if dryRun || res.Failed > 0 {
		return res, nil
	}
	err := s.store.Tx(ctx, func(ctx context.Context) error {
		for _, f := range plan {
			if err := s.store.W(ctx).Exec(`INSERT INTO company_financials (company_id, year, months, net_revenue, gross_profit, operating_result, source)
				VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(company_id, year) DO UPDATE SET months = excluded.months,
				net_revenue = excluded.net_revenue, gross_profit = excluded.gross_profit, operating_result = excluded.operating_result,
				source = excluded.source`, f.CompanyID, f.Year, f.Months, f.NetRevenue, f.GrossProfit, f.OperatingResult, f.Source).Error; err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return res, fmt.Errorf("import financials: %w", err)
	}
	res.Applied = true
	return res, nil
}

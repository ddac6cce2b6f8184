package company

import (
	"context"
	"fmt"
	"strings"
	"time"

	"convene/internal/i18n"
)

// Financial is one annual report's figures, in whole DKK. A nil figure
// was not published.
type Financial struct {
	ID              int64  `json:"id"`
	CompanyID       int64  `json:"companyId"`
	Year            int    `json:"year"`
	Months          int    `json:"months"`
	NetRevenue      *int64 `json:"netRevenue"`
	GrossProfit     *int64 `json:"grossProfit"`
	OperatingResult *int64 `json:"operatingResult"`
	Source          string `json:"source"`
}

// TableName is the financials table.
func (Financial) TableName() string { return "company_financials" }

// Financials returns a company's annual figures, oldest first.
func (s *Service) Financials(ctx context.Context, companyID int64) ([]Financial, error) {
	out := []Financial{}
	err := s.store.R(ctx).Where("company_id = ?", companyID).Order("year").Find(&out).Error
	return out, err
}

// SaveFinancial stores the figures of one year, replacing that year's.
func (s *Service) SaveFinancial(ctx context.Context, f Financial) (Financial, error) {
	f.Source = strings.TrimSpace(f.Source)
	var v i18n.Validation
	if f.Year < 1990 || f.Year > time.Now().Year()+1 {
		v.Add("year", "company.error.year", nil)
	}
	if f.Months < 1 || f.Months > 24 {
		v.Add("months", "company.error.months", nil)
	}
	if f.NetRevenue == nil && f.GrossProfit == nil {
		v.Add("netRevenue", "company.error.no_figures", nil)
	}
	if err := v.Err(); err != nil {
		return Financial{}, err
	}
	if _, err := s.Get(ctx, f.CompanyID); err != nil {
		return Financial{}, err
	}
	err := s.store.W(ctx).Exec(`INSERT INTO company_financials (company_id, year, months, net_revenue, gross_profit, operating_result, source)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(company_id, year) DO UPDATE SET months = excluded.months,
		net_revenue = excluded.net_revenue, gross_profit = excluded.gross_profit, operating_result = excluded.operating_result,
		source = excluded.source`, f.CompanyID, f.Year, f.Months, f.NetRevenue, f.GrossProfit, f.OperatingResult, f.Source).Error
	if err != nil {
		return Financial{}, fmt.Errorf("save %d figures of company %d: %w", f.Year, f.CompanyID, err)
	}
	var out Financial
	err = s.store.R(ctx).Where("company_id = ? AND year = ?", f.CompanyID, f.Year).Take(&out).Error
	return out, err
}

// DeleteFinancial removes one year's figures.
func (s *Service) DeleteFinancial(ctx context.Context, id int64) error {
	return s.store.W(ctx).Delete(&Financial{}, id).Error
}

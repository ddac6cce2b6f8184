package company

import (
	"context"
	"fmt"

	"convene/internal/i18n"
)

var errMergeSelf = i18n.NewError("company.error.merge_self", nil)

// MergeCompanies folds the duplicate drop into keep: drop's contacts, tags,
// P-numbers and financials move to keep, keep's empty fields take drop's
// values, and drop is deleted. keep's CVR wins; if keep has none it takes
// drop's.
func (s *Service) MergeCompanies(ctx context.Context, keepID, dropID int64) (Company, error) {
	if keepID == dropID {
		return Company{}, errMergeSelf
	}
	err := s.store.Tx(ctx, func(ctx context.Context) error {
		keep, err := s.Get(ctx, keepID)
		if err != nil {
			return err
		}
		drop, err := s.Get(ctx, dropID)
		if err != nil {
			return err
		}
		db := s.store.W(ctx)
		stmts := []struct {
			q    string
			args []any
		}{
			{"UPDATE contacts SET company_id = ? WHERE company_id = ?", []any{keepID, dropID}},
			{"INSERT OR IGNORE INTO company_tags (company_id, tag) SELECT ?, tag FROM company_tags WHERE company_id = ?", []any{keepID, dropID}},
			{"UPDATE company_p_numbers SET company_id = ? WHERE company_id = ?", []any{keepID, dropID}},
			{"UPDATE OR IGNORE company_financials SET company_id = ? WHERE company_id = ?", []any{keepID, dropID}},
		}
		for _, st := range stmts {
			if err := db.Exec(st.q, st.args...).Error; err != nil {
				return err
			}
		}
		merged := fillEmpty(keep, drop)
		if err := db.Exec("DELETE FROM companies WHERE id = ?", dropID).Error; err != nil {
			return err
		}
		merged.Tags, merged.PNumbers = nil, nil
		row := companyRow{Company: merged, NameKey: nameKey(merged.Name)}
		row.UpdatedAt = s.now()
		return db.Model(&companyRow{}).Where("id = ?", keepID).Select("*").Omit("id", "created_at").Updates(&row).Error
	})
	if err != nil {
		return Company{}, fmt.Errorf("merge company %d into %d: %w", dropID, keepID, err)
	}
	return s.Get(ctx, keepID)
}

// fillEmpty gives keep's empty fields drop's values.
func fillEmpty(keep, drop Company) Company {
	if keep.CVR == nil {
		keep.CVR = drop.CVR
	}
	for _, f := range []struct{ k, d *string }{
		{&keep.Form, &drop.Form}, {&keep.BranchCode, &drop.BranchCode}, {&keep.Area, &drop.Area}, {&keep.Address, &drop.Address},
		{&keep.Postcode, &drop.Postcode}, {&keep.City, &drop.City}, {&keep.Website, &drop.Website},
	} {
		if *f.k == "" {
			*f.k = *f.d
		}
	}
	if keep.Cluster == ClusterOther {
		keep.Cluster = drop.Cluster
	}
	if keep.Employees == nil {
		keep.Employees = drop.Employees
	}
	keep.Symbiosis = keep.Symbiosis || drop.Symbiosis
	if drop.Notes != "" && drop.Notes != keep.Notes {
		if keep.Notes != "" {
			keep.Notes += "\n\n"
		}
		keep.Notes += drop.Notes
	}
	return keep
}

// MergeContacts folds the duplicate contact drop into keep: consents move,
// keep's empty fields take drop's values, and drop is deleted.
func (s *Service) MergeContacts(ctx context.Context, keepID, dropID int64) (Contact, error) {
	if keepID == dropID {
		return Contact{}, errMergeSelf
	}
	err := s.store.Tx(ctx, func(ctx context.Context) error {
		keep, err := s.GetContact(ctx, keepID)
		if err != nil {
			return err
		}
		drop, err := s.GetContact(ctx, dropID)
		if err != nil {
			return err
		}
		db := s.store.W(ctx)
		if err := db.Exec("UPDATE contact_consents SET contact_id = ? WHERE contact_id = ?", keepID, dropID).Error; err != nil {
			return err
		}
		for _, f := range []struct{ k, d *string }{{&keep.Phone, &drop.Phone}, {&keep.JobTitle, &drop.JobTitle}} {
			if *f.k == "" {
				*f.k = *f.d
			}
		}
		if keep.CompanyID == nil {
			keep.CompanyID = drop.CompanyID
		}
		if err := db.Exec("DELETE FROM contacts WHERE id = ?", dropID).Error; err != nil {
			return err
		}
		row := contactRow{Contact: keep, NameKey: nameKey(keep.Name)}
		row.UpdatedAt = s.now()
		return db.Model(&contactRow{}).Where("id = ?", keepID).Select("*").Omit("id", "created_at").Updates(&row).Error
	})
	if err != nil {
		return Contact{}, fmt.Errorf("merge contact %d into %d: %w", dropID, keepID, err)
	}
	return s.GetContact(ctx, keepID)
}

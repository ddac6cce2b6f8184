package company

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Query filters, sorts and pages the company list.
type Query struct {
	// Search matches the start of a name, a CVR or P-number, or a
	// contact's e-mail address.
	Search      string  `json:"search"`
	Cluster     Cluster `json:"cluster"`
	Area        string  `json:"area"`
	Tag         string  `json:"tag"`
	Symbiosis   *bool   `json:"symbiosis"`
	HasContacts *bool   `json:"hasContacts"`
	// SegmentID keeps the members of a companies segment.
	SegmentID int64 `json:"segmentId,omitempty"`
	// Sort is "name" (default) or "created".
	Sort     string `json:"sort"`
	Desc     bool   `json:"desc"`
	After    string `json:"after"`
	PageSize int    `json:"pageSize"`
}

// Page is one page of companies.
type Page struct {
	Items []Company `json:"items"`
	Total int64     `json:"total"`
	// Next continues the list after this page; empty on the last page.
	Next string `json:"next"`
}

// List returns one page of companies matching q.
func (s *Service) List(ctx context.Context, q Query) (Page, error) {
	db := s.store.R(ctx).Model(&companyRow{})
	switch kind, v := searchKind(q.Search); kind {
	case "name":
		lo, hi := prefixRange(v)
		db = db.Where("(companies.name_key >= ? AND companies.name_key < ?) OR companies.id IN (SELECT rowid FROM companies_fts WHERE companies_fts MATCH ?)",
			lo, hi, ftsQuery(v))
	case "number":
		lo, hi := prefixRange(v)
		db = db.Where("(companies.cvr >= ? AND companies.cvr < ?) OR companies.id IN (SELECT company_id FROM company_p_numbers WHERE p_number >= ? AND p_number < ?)", lo, hi, lo, hi)
	case "email":
		lo, hi := prefixRange(v)
		db = db.Where("companies.id IN (SELECT company_id FROM contacts WHERE email >= ? AND email < ? AND company_id IS NOT NULL)", lo, hi)
	}
	if q.Cluster != "" {
		db = db.Where("companies.cluster = ?", q.Cluster)
	}
	if q.Area != "" {
		db = db.Where("companies.area = ?", q.Area)
	}
	if tags := cleanTags([]string{q.Tag}); len(tags) == 1 {
		db = db.Where("EXISTS (SELECT 1 FROM company_tags t WHERE t.company_id = companies.id AND t.tag = ?)", tags[0])
	}
	if q.Symbiosis != nil {
		db = db.Where("companies.symbiosis = ?", *q.Symbiosis)
	}
	if q.HasContacts != nil {
		cond := "EXISTS (SELECT 1 FROM contacts c WHERE c.company_id = companies.id)"
		if !*q.HasContacts {
			cond = "NOT " + cond
		}
		db = db.Where(cond)
	}
	if q.SegmentID != 0 {
		members, err := s.members(ctx, q.SegmentID, "companies")
		if err != nil {
			return Page{}, err
		}
		db = db.Where("companies.id IN (?)", members)
	}
	page := Page{Items: []Company{}}
	if err := db.Session(&gorm.Session{}).Count(&page.Total).Error; err != nil {
		return Page{}, fmt.Errorf("count companies: %w", err)
	}
	rows, next, err := fetchPage(db, "companies", q.Sort, q.Desc, q.After, pageSize(q.PageSize),
		func(r companyRow) (string, time.Time, int64) { return r.Name, r.CreatedAt, r.ID })
	if err != nil {
		return Page{}, fmt.Errorf("list companies: %w", err)
	}
	page.Next = next
	for _, r := range rows {
		page.Items = append(page.Items, r.Company)
	}
	return page, s.fillListDetails(ctx, page.Items)
}

// fillListDetails adds tags and contact counts to a page in two queries.
func (s *Service) fillListDetails(ctx context.Context, items []Company) error {
	if len(items) == 0 {
		return nil
	}
	ids := make([]int64, len(items))
	at := map[int64]int{}
	for i := range items {
		ids[i] = items[i].ID
		at[items[i].ID] = i
		items[i].Tags = []string{}
		items[i].PNumbers = []string{}
	}
	var tags []struct {
		CompanyID int64
		Tag       string
	}
	db := s.store.R(ctx)
	if err := db.Raw("SELECT company_id, tag FROM company_tags WHERE company_id IN ? ORDER BY tag", ids).Scan(&tags).Error; err != nil {
		return err
	}
	for _, t := range tags {
		items[at[t.CompanyID]].Tags = append(items[at[t.CompanyID]].Tags, t.Tag)
	}
	var counts []struct {
		CompanyID int64
		N         int64
	}
	if err := db.Raw("SELECT company_id, count(*) AS n FROM contacts WHERE company_id IN ? GROUP BY company_id", ids).Scan(&counts).Error; err != nil {
		return err
	}
	for _, c := range counts {
		items[at[c.CompanyID]].Contacts = c.N
	}
	return nil
}

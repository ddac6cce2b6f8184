package company

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// ContactQuery filters, sorts and pages the contact list.
type ContactQuery struct {
	// Search matches the start of a name or an e-mail address.
	Search    string `json:"search"`
	CompanyID int64  `json:"companyId"`
	// Consent filters on marketing consent in force ("yes"/"no"/"").
	Consent string `json:"consent"`
	// SegmentID keeps the members of a contacts segment.
	SegmentID int64  `json:"segmentId,omitempty"`
	Sort      string `json:"sort"`
	Desc      bool   `json:"desc"`
	After     string `json:"after"`
	PageSize  int    `json:"pageSize"`
}

// ContactPage is one page of contacts.
type ContactPage struct {
	Items []Contact `json:"items"`
	Total int64     `json:"total"`
	Next  string    `json:"next"`
}

const activeConsent = "EXISTS (SELECT 1 FROM contact_consents k WHERE k.contact_id = contacts.id AND k.withdrawn_at IS NULL)"

// ListContacts returns one page of contacts matching q.
func (s *Service) ListContacts(ctx context.Context, q ContactQuery) (ContactPage, error) {
	db := s.store.R(ctx).Model(&contactRow{})
	switch kind, v := searchKind(q.Search); kind {
	case "email":
		lo, hi := prefixRange(v)
		db = db.Where("contacts.email >= ? AND contacts.email < ?", lo, hi)
	case "name", "number":
		lo, hi := prefixRange(nameKey(q.Search))
		db = db.Where("contacts.name_key >= ? AND contacts.name_key < ?", lo, hi)
	}
	if q.CompanyID != 0 {
		db = db.Where("contacts.company_id = ?", q.CompanyID)
	}
	switch q.Consent {
	case "yes":
		db = db.Where(activeConsent)
	case "no":
		db = db.Where("NOT " + activeConsent)
	}
	if q.SegmentID != 0 {
		members, err := s.members(ctx, q.SegmentID, "contacts")
		if err != nil {
			return ContactPage{}, err
		}
		db = db.Where("contacts.id IN (?)", members)
	}
	page := ContactPage{Items: []Contact{}}
	if err := db.Session(&gorm.Session{}).Count(&page.Total).Error; err != nil {
		return ContactPage{}, fmt.Errorf("count contacts: %w", err)
	}
	rows, next, err := fetchPage(db, "contacts", q.Sort, q.Desc, q.After, pageSize(q.PageSize),
		func(r contactRow) (string, time.Time, int64) { return r.Name, r.CreatedAt, r.ID })
	if err != nil {
		return ContactPage{}, fmt.Errorf("list contacts: %w", err)
	}
	page.Next = next
	for _, r := range rows {
		page.Items = append(page.Items, r.Contact)
	}
	return page, s.fillContactDetails(ctx, page.Items)
}

// fillContactDetails adds company names, consents and suppressions.
func (s *Service) fillContactDetails(ctx context.Context, items []Contact) error {
	if len(items) == 0 {
		return nil
	}
	db := s.store.R(ctx)
	ids, emails, companyIDs := []int64{}, []string{}, []int64{}
	for _, c := range items {
		ids = append(ids, c.ID)
		emails = append(emails, c.Email)
		if c.CompanyID != nil {
			companyIDs = append(companyIDs, *c.CompanyID)
		}
	}
	names := map[int64]string{}
	if len(companyIDs) > 0 {
		var rows []struct {
			ID   int64
			Name string
		}
		if err := db.Raw("SELECT id, name FROM companies WHERE id IN ?", companyIDs).Scan(&rows).Error; err != nil {
			return err
		}
		for _, r := range rows {
			names[r.ID] = r.Name
		}
	}
	var consents []Consent
	if err := db.Where("contact_id IN ? AND withdrawn_at IS NULL", ids).Order("given_at").Find(&consents).Error; err != nil {
		return err
	}
	active := map[int64]Consent{}
	for _, c := range consents {
		active[c.ContactID] = c
	}
	var sup []struct {
		Address string
		Reason  string
	}
	if err := db.Raw("SELECT address, reason FROM mail_suppressions WHERE address IN ?", emails).Scan(&sup).Error; err != nil {
		return err
	}
	reasons := map[string]string{}
	for _, r := range sup {
		reasons[r.Address] = r.Reason
	}
	for i := range items {
		if items[i].CompanyID != nil {
			items[i].CompanyName = names[*items[i].CompanyID]
		}
		if c, ok := active[items[i].ID]; ok {
			items[i].Consent = &c
		}
		items[i].Suppressed = reasons[items[i].Email]
	}
	return nil
}

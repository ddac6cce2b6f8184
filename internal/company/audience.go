package company

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// AudienceMember is a contact as a mailing sees it: who, where, and what
// stands in the way of writing to them.
type AudienceMember struct {
	ContactID   int64
	Name        string
	Email       string
	Language    string
	CompanyID   *int64
	CompanyName string
	// Consent is true when marketing consent is in force.
	Consent bool
	// Suppressed is the suppression list's reason for the address, if any.
	Suppressed string
}

// Audience returns the contacts of the given segments (a companies segment
// contributes every contact of its companies) and of the hand-picked
// contact ids, in a stable order (by contact id), each once.
func (s *Service) Audience(ctx context.Context, segmentIDs, contactIDs []int64) ([]AudienceMember, error) {
	db := s.store.R(ctx)
	var parts []*gorm.DB
	for _, id := range segmentIDs {
		seg, err := s.segment(ctx, id)
		if err != nil {
			return nil, err
		}
		q := s.segmentQuery(ctx, seg.Target, seg.Filter).Select(seg.Target + ".id")
		if seg.Target == "companies" {
			parts = append(parts, db.Model(&contactRow{}).Select("contacts.id").Where("contacts.company_id IN (?)", q))
			continue
		}
		parts = append(parts, q)
	}
	var members []AudienceMember
	cond := db.Where("1 = 0")
	for _, p := range parts {
		cond = cond.Or("c.id IN (?)", p)
	}
	if len(contactIDs) > 0 {
		cond = cond.Or("c.id IN ?", contactIDs)
	}
	err := db.Table("contacts c").
		Select(`c.id AS contact_id, c.name, c.email, c.language, c.company_id, coalesce(co.name, '') AS company_name,
			EXISTS (SELECT 1 FROM contact_consents k WHERE k.contact_id = c.id AND k.withdrawn_at IS NULL) AS consent,
			coalesce((SELECT reason FROM mail_suppressions m WHERE m.address = c.email), '') AS suppressed`).
		Joins("LEFT JOIN companies co ON co.id = c.company_id").
		Where(cond).Order("c.id").Scan(&members).Error
	if err != nil {
		return nil, fmt.Errorf("resolve audience: %w", err)
	}
	return members, nil
}

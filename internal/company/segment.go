package company

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"convene/internal/i18n"

	"gorm.io/gorm"
)

// Filter selects companies, or the contacts of companies, for a segment.
// Empty lists and nil flags do not filter.
type Filter struct {
	Clusters  []Cluster `json:"clusters"`
	Areas     []string  `json:"areas"`
	Tags      []string  `json:"tags"`
	Symbiosis *bool     `json:"symbiosis"`
	// Consent, for contacts, keeps those with marketing consent in force.
	Consent *bool `json:"consent"`
	// HasContacts, for companies, keeps those with (or without) contacts.
	HasContacts *bool `json:"hasContacts"`
}

// Segment is a saved, named filter: the recipients of invitations and
// campaigns.
type Segment struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	Target    string    `json:"target"` // "companies" or "contacts"
	Filter    Filter    `json:"filter" gorm:"serializer:json"`
	Count     int64     `json:"count" gorm:"-"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
}

// TableName is the segments table.
func (Segment) TableName() string { return "segments" }

// companyFilter applies the company conditions of f.
func companyFilter(db *gorm.DB, f Filter) *gorm.DB {
	if len(f.Clusters) > 0 {
		db = db.Where("companies.cluster IN ?", f.Clusters)
	}
	if len(f.Areas) > 0 {
		db = db.Where("companies.area IN ?", f.Areas)
	}
	if tags := cleanTags(f.Tags); len(tags) > 0 {
		db = db.Where("EXISTS (SELECT 1 FROM company_tags t WHERE t.company_id = companies.id AND t.tag IN ?)", tags)
	}
	if f.Symbiosis != nil {
		db = db.Where("companies.symbiosis = ?", *f.Symbiosis)
	}
	return db
}

// query builds the segment's member query.
func (s *Service) segmentQuery(ctx context.Context, target string, f Filter) *gorm.DB {
	db := s.store.R(ctx)
	if target == "contacts" {
		q := db.Table("contacts")
		if len(f.Clusters)+len(f.Areas)+len(f.Tags) > 0 || f.Symbiosis != nil {
			sub := companyFilter(db.Table("companies").Select("companies.id"), f)
			q = q.Where("contacts.company_id IN (?)", sub)
		}
		if f.Consent != nil {
			cond := activeConsent
			if !*f.Consent {
				cond = "NOT " + cond
			}
			q = q.Where(cond)
		}
		return q
	}
	q := companyFilter(db.Table("companies"), f)
	if f.HasContacts != nil {
		cond := "EXISTS (SELECT 1 FROM contacts c WHERE c.company_id = companies.id)"
		if !*f.HasContacts {
			cond = "NOT " + cond
		}
		q = q.Where(cond)
	}
	return q
}

// CountFilter is the live count of a filter while staff build a segment.
func (s *Service) CountFilter(ctx context.Context, target string, f Filter) (int64, error) {
	if target != "companies" && target != "contacts" {
		return 0, i18n.NewError("company.error.segment_target", nil)
	}
	var n int64
	err := s.segmentQuery(ctx, target, f).Count(&n).Error
	return n, err
}

// SegmentMembers returns the ids of a segment's companies or contacts.
func (s *Service) SegmentMembers(ctx context.Context, id int64) ([]int64, error) {
	seg, err := s.segment(ctx, id)
	if err != nil {
		return nil, err
	}
	var ids []int64
	err = s.segmentQuery(ctx, seg.Target, seg.Filter).Pluck(seg.Target+".id", &ids).Error
	return ids, err
}

// members is the subquery of a segment's member ids; the segment must be
// of target.
func (s *Service) members(ctx context.Context, id int64, target string) (*gorm.DB, error) {
	seg, err := s.segment(ctx, id)
	if err != nil {
		return nil, err
	}
	if seg.Target != target {
		return nil, i18n.NewError("company.error.segment_target", nil)
	}
	return s.segmentQuery(ctx, target, seg.Filter).Select(target + ".id"), nil
}

func (s *Service) segment(ctx context.Context, id int64) (Segment, error) {
	var seg Segment
	err := s.store.R(ctx).Take(&seg, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Segment{}, i18n.NewError("company.error.segment_not_found", nil)
	}
	return seg, err
}

// Segments lists the segments with their live counts.
func (s *Service) Segments(ctx context.Context) ([]Segment, error) {
	out := []Segment{}
	if err := s.store.R(ctx).Order("name").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list segments: %w", err)
	}
	for i := range out {
		n, err := s.CountFilter(ctx, out[i].Target, out[i].Filter)
		if err != nil {
			return nil, err
		}
		out[i].Count = n
	}
	return out, nil
}

// SaveSegment creates (ID 0) or updates a segment.
func (s *Service) SaveSegment(ctx context.Context, in Segment) (Segment, error) {
	in.Name = strings.Join(strings.Fields(in.Name), " ")
	var v i18n.Validation
	switch {
	case in.Name == "":
		v.Add("name", "error.required", nil)
	case len([]rune(in.Name)) > 100:
		v.Add("name", "error.too_long", map[string]any{"max": 100})
	}
	if in.Target != "companies" && in.Target != "contacts" {
		v.Add("target", "company.error.segment_target", nil)
	}
	if err := v.Err(); err != nil {
		return Segment{}, err
	}
	now := s.now()
	in.UpdatedAt = now
	err := s.store.Tx(ctx, func(ctx context.Context) error {
		var n int64
		if err := s.store.W(ctx).Model(&Segment{}).Where("name = ? AND id <> ?", in.Name, in.ID).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			e := i18n.NewError("error.validation", nil)
			e.Fields = map[string]i18n.Message{"name": {Key: "company.error.segment_name_taken"}}
			return e
		}
		if in.ID == 0 {
			in.CreatedAt = now
			return s.store.W(ctx).Create(&in).Error
		}
		res := s.store.W(ctx).Model(&Segment{}).Where("id = ?", in.ID).
			Select("name", "target", "filter", "updated_at").Updates(&in)
		if res.Error == nil && res.RowsAffected == 0 {
			return i18n.NewError("company.error.segment_not_found", nil)
		}
		return res.Error
	})
	if err != nil {
		return Segment{}, err
	}
	in.Count, err = s.CountFilter(ctx, in.Target, in.Filter)
	return in, err
}

// DeleteSegment removes a segment.
func (s *Service) DeleteSegment(ctx context.Context, id int64) error {
	return s.store.W(ctx).Delete(&Segment{}, id).Error
}

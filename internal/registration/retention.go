package registration

import (
	"context"
	"time"

	"convene/internal/audit"
)

// RetentionPreview is what an anonymisation run removes.
type RetentionPreview struct {
	// Before is the cut-off: events that ended before it lose the
	// personal data of their registrations.
	Before        time.Time `json:"before"`
	Events        int64     `json:"events"`
	Registrations int64     `json:"registrations"`
	Attendees     int64     `json:"attendees"`
}

const retentionScope = `FROM registrations r JOIN events e ON e.id = r.event_id WHERE e.ends_at < ? AND r.anonymised_at IS NULL`

// PreviewRetention tells what anonymising everything older than months
// would remove, changing nothing.
func (s *Service) PreviewRetention(ctx context.Context, months int) (RetentionPreview, error) {
	p := RetentionPreview{Before: s.now().AddDate(0, -months, 0)}
	err := s.store.R(ctx).Raw(`SELECT count(DISTINCT r.event_id), count(*), coalesce(sum(r.seats), 0) `+retentionScope, p.Before).
		Row().Scan(&p.Events, &p.Registrations, &p.Attendees)
	return p, err
}

// Anonymise removes the personal data of registrations to events that
// ended more than months ago: attendees' names, e-mails and job titles,
// the contact address, answers, notes and the personal link. What the
// reports count stays: the event, the company, status, seats and who
// attended. The run is written to the audit log.
func (s *Service) Anonymise(ctx context.Context, months int) (RetentionPreview, error) {
	p, err := s.PreviewRetention(ctx, months)
	if err != nil || p.Registrations == 0 {
		return p, err
	}
	err = s.store.Tx(ctx, func(ctx context.Context) error {
		db := s.store.W(ctx)
		var ids []int64
		if err := db.Raw("SELECT r.id "+retentionScope, p.Before).Scan(&ids).Error; err != nil {
			return err
		}
		now := s.now()
		for start := 0; start < len(ids); start += 500 {
			part := ids[start:min(start+500, len(ids))]
			if err := db.Exec(`UPDATE registration_attendees SET name = '', email = 'anonymised-' || id || '@invalid', job_title = ''
				WHERE registration_id IN ?`, part).Error; err != nil {
				return err
			}
			for _, id := range part {
				// A new random token kills the personal link.
				if err := db.Exec(`UPDATE registrations SET email = '', answers = '{}', note = '', invitation = '', token = ?, anonymised_at = ?
					WHERE id = ?`, newToken(), now, id).Error; err != nil {
					return err
				}
			}
		}
		return audit.Log(ctx, db, "retention", 0, "anonymise", p)
	})
	return p, err
}

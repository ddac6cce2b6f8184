package registration

import (
	"context"
	"encoding/json"
	"fmt"

	"convene/internal/audit"
	"convene/internal/event"
	"convene/internal/i18n"

	"gorm.io/gorm"
)

// Change is an edit of a registration: its company, attendees and answers.
// Note is staff's remark and is ignored from the public page.
type Change struct {
	CompanyName string          `json:"companyName"`
	CVR         string          `json:"cvr"`
	Attendees   []AttendeeInput `json:"attendees"`
	Answers     map[string]any  `json:"answers"`
	Note        string          `json:"note"`
}

// Update applies a registrant's change from their personal page, until the
// event starts, and confirms it by mail. More attendees need free seats
// (taken atomically, as on registration); fewer give seats back to the
// waitlist.
func (s *Service) Update(ctx context.Context, token string, c Change) (Registration, error) {
	if len(token) < 16 {
		return Registration{}, ErrNotFound
	}
	return s.update(ctx, func(db *gorm.DB) *gorm.DB { return db.Where("token = ?", token) }, c, false)
}

// UpdateByID applies staff's change, at any time before the registration
// is cancelled; the registrant is not mailed.
func (s *Service) UpdateByID(ctx context.Context, id int64, c Change) (Registration, error) {
	return s.update(ctx, func(db *gorm.DB) *gorm.DB { return db.Where("id = ?", id) }, c, true)
}

// CanChange reports whether the registrant may still change or cancel r.
func (s *Service) CanChange(r Registration, e event.Event) bool {
	return r.Status != StatusCancelled && e.Status == event.StatusPublished && s.now().Before(e.StartsAt)
}

func (s *Service) update(ctx context.Context, which func(*gorm.DB) *gorm.DB, c Change, staff bool) (Registration, error) {
	var out Registration
	err := s.store.Tx(ctx, func(ctx context.Context) error {
		db := s.store.W(ctx)
		r, err := s.load(ctx, which(db))
		if err != nil {
			return err
		}
		e, err := s.events.Get(ctx, r.EventID)
		if err != nil {
			return err
		}
		if r.Status == StatusCancelled {
			return ErrRegistrationOff
		}
		if !staff && !s.CanChange(r, e) {
			return ErrClosed
		}
		req := normalize(Request{EventID: e.ID, CompanyName: c.CompanyName, CVR: c.CVR, Attendees: c.Attendees, Answers: c.Answers, Lang: r.Lang})
		if err := validate(req, e); err != nil {
			return err
		}
		if err := s.checkNotElsewhere(db, r, req.Attendees); err != nil {
			return err
		}
		delta := len(req.Attendees) - r.Seats
		if r.Status == StatusConfirmed && delta > 0 {
			took, err := takeSeats(db, e.ID, delta)
			if err != nil {
				return err
			}
			if !took {
				var v i18n.Validation
				v.Add("attendees", "registration.error.no_seats_to_add", nil)
				return v.Err()
			}
		}
		now := s.now()
		fields := map[string]any{"company_name": req.CompanyName, "cvr": nilIfEmpty(req.CVR), "email": req.Attendees[0].Email,
			"answers": jsonText(req.Answers), "seats": len(req.Attendees), "updated_at": now}
		if staff {
			fields["note"] = c.Note
		}
		if err := db.Model(&Registration{}).Where("id = ?", r.ID).Updates(fields).Error; err != nil {
			return err
		}
		if err := replaceAttendees(db, r, req.Attendees); err != nil {
			return err
		}
		if out, err = s.load(ctx, db.Where("id = ?", r.ID)); err != nil {
			return err
		}
		if err := audit.Log(ctx, db, "registration", r.ID, "update", map[string]any{"event": r.EventID, "seats": len(req.Attendees), "by_staff": staff}); err != nil {
			return err
		}
		if r.Status == StatusConfirmed && delta < 0 {
			if err := freeSeats(db, e.ID, -delta); err != nil {
				return err
			}
			if err := s.promote(ctx, e); err != nil {
				return err
			}
		}
		if staff {
			return nil
		}
		return s.notify(ctx, Notice{Kind: NoticeUpdated, Reg: out, Event: e})
	})
	if err != nil {
		return Registration{}, fmt.Errorf("change registration: %w", err)
	}
	return out, nil
}

// checkNotElsewhere refuses an attendee who already holds a place at the
// event through another registration.
func (s *Service) checkNotElsewhere(db *gorm.DB, r Registration, attendees []AttendeeInput) error {
	emails := make([]string, len(attendees))
	for i, a := range attendees {
		emails[i] = a.Email
	}
	var taken []string
	err := db.Raw(`SELECT a.email FROM registration_attendees a JOIN registrations r ON r.id = a.registration_id
		WHERE a.event_id = ? AND a.email IN ? AND a.registration_id <> ? AND r.status <> 'cancelled'`, r.EventID, emails, r.ID).Scan(&taken).Error
	if err != nil || len(taken) == 0 {
		return err
	}
	var v i18n.Validation
	for i, a := range attendees {
		for _, t := range taken {
			if a.Email == t {
				v.Add(fmt.Sprintf("attendees.%d.email", i), "registration.error.already_registered", nil)
			}
		}
	}
	return v.Err()
}

// replaceAttendees makes a registration's attendees the given list,
// keeping the rows (and check-ins) of those who stay.
func replaceAttendees(db *gorm.DB, r Registration, list []AttendeeInput) error {
	old := map[string]Attendee{}
	for _, a := range r.Attendees {
		old[a.Email] = a
	}
	keep := map[int64]bool{}
	for _, in := range list {
		if a, ok := old[in.Email]; ok {
			keep[a.ID] = true
			if err := db.Model(&Attendee{}).Where("id = ?", a.ID).Updates(map[string]any{"name": in.Name, "job_title": in.JobTitle}).Error; err != nil {
				return err
			}
			continue
		}
		if err := db.Create(&Attendee{RegistrationID: r.ID, EventID: r.EventID, Name: in.Name, Email: in.Email, JobTitle: in.JobTitle}).Error; err != nil {
			return err
		}
	}
	for _, a := range r.Attendees {
		if !keep[a.ID] {
			if err := db.Delete(&Attendee{}, a.ID).Error; err != nil {
				return err
			}
		}
	}
	return nil
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// jsonText is answers as the registrations table stores them.
func jsonText(v map[string]any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "{}"
	}
	return string(b)
}

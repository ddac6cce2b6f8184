package registration

import (
	"context"

	"convene/internal/audit"
	"convene/internal/event"

	"gorm.io/gorm"
)

// Cancel cancels the registration behind a personal link. Its seats go to
// the waitlist in order: each waitlisted company whose attendees now fit is
// confirmed and told, and the first that does not fit stops the promotion,
// so nobody is passed over.
func (s *Service) Cancel(ctx context.Context, token string) (Registration, error) {
	if len(token) < 16 {
		return Registration{}, ErrNotFound
	}
	return s.cancel(ctx, func(db *gorm.DB) *gorm.DB { return db.Where("token = ?", token) }, true)
}

// CancelByID cancels a registration for staff; notify says whether the
// registrant is told by mail.
func (s *Service) CancelByID(ctx context.Context, id int64, notify bool) (Registration, error) {
	return s.cancel(ctx, func(db *gorm.DB) *gorm.DB { return db.Where("id = ?", id) }, notify)
}

func (s *Service) cancel(ctx context.Context, which func(*gorm.DB) *gorm.DB, notify bool) (Registration, error) {
	var out Registration
	err := s.store.Tx(ctx, func(ctx context.Context) error {
		db := s.store.W(ctx)
		r, err := s.load(ctx, which(db))
		if err != nil {
			return err
		}
		out = r
		if r.Status == StatusCancelled {
			return nil
		}
		e, err := s.events.Get(ctx, r.EventID)
		if err != nil {
			return err
		}
		now := s.now()
		wasConfirmed := r.Status == StatusConfirmed
		if err := db.Model(&Registration{}).Where("id = ?", r.ID).
			Updates(map[string]any{"status": StatusCancelled, "cancelled_at": now, "updated_at": now}).Error; err != nil {
			return err
		}
		out.Status, out.CancelledAt = StatusCancelled, &now
		if err := audit.Log(ctx, db, "registration", r.ID, "cancel", map[string]any{"event": r.EventID, "company": r.CompanyName, "notified": notify}); err != nil {
			return err
		}
		if wasConfirmed {
			if err := freeSeats(db, r.EventID, r.Seats); err != nil {
				return err
			}
		}
		if notify {
			if err := s.notify(ctx, Notice{Kind: NoticeCancelled, Reg: out, Event: e}); err != nil {
				return err
			}
		}
		if wasConfirmed && e.Status == event.StatusPublished {
			return s.promote(ctx, e)
		}
		return nil
	})
	return out, err
}

// promote confirms waitlisted registrations in order while they fit.
func (s *Service) promote(ctx context.Context, e event.Event) error {
	db := s.store.W(ctx)
	var waiting []Registration
	if err := db.Preload("Attendees").Where("event_id = ? AND status = ?", e.ID, StatusWaitlisted).Order("id").Find(&waiting).Error; err != nil {
		return err
	}
	for _, w := range waiting {
		took, err := takeSeats(db, e.ID, w.Seats)
		if err != nil || !took {
			return err
		}
		if err := s.confirm(ctx, w, e); err != nil {
			return err
		}
	}
	return nil
}

// confirm marks a waitlisted registration, whose seats are taken, as
// confirmed and tells it.
func (s *Service) confirm(ctx context.Context, w Registration, e event.Event) error {
	if err := s.store.W(ctx).Model(&Registration{}).Where("id = ?", w.ID).
		Updates(map[string]any{"status": StatusConfirmed, "updated_at": s.now()}).Error; err != nil {
		return err
	}
	w.Status = StatusConfirmed
	if err := audit.Log(ctx, s.store.W(ctx), "registration", w.ID, "promote", map[string]any{"event": e.ID, "company": w.CompanyName}); err != nil {
		return err
	}
	return s.notify(ctx, Notice{Kind: NoticePromoted, Reg: w, Event: e})
}

// Promote moves one waitlisted registration to a place, out of turn: staff
// may choose whom to let in. It fails when its attendees do not fit.
func (s *Service) Promote(ctx context.Context, id int64) (Registration, error) {
	var out Registration
	err := s.store.Tx(ctx, func(ctx context.Context) error {
		db := s.store.W(ctx)
		r, err := s.load(ctx, db.Where("id = ?", id))
		if err != nil {
			return err
		}
		if r.Status != StatusWaitlisted {
			return ErrNotWaitlisted
		}
		e, err := s.events.Get(ctx, r.EventID)
		if err != nil {
			return err
		}
		took, err := takeSeats(db, e.ID, r.Seats)
		if err != nil {
			return err
		}
		if !took {
			return ErrFull
		}
		out = r
		out.Status = StatusConfirmed
		return s.confirm(ctx, r, e)
	})
	return out, err
}

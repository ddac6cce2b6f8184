package registration

import (
	"context"
	"errors"

	"convene/internal/audit"
	"convene/internal/i18n"
)

// ErrUnknownCode is a typed or scanned code that matches no registration
// of the event.
var ErrUnknownCode = i18n.NewError("registration.error.unknown_code", nil)

// ByCode finds the registration of an event behind an entrance code, as
// typed or scanned (case, dashes and look-alike characters forgiven).
func (s *Service) ByCode(ctx context.Context, eventID int64, code string) (Registration, error) {
	c := normalizeCode(code)
	if c == "" {
		return Registration{}, ErrUnknownCode
	}
	r, err := s.load(ctx, s.store.R(ctx).Where("event_id = ? AND checkin_code = ?", eventID, c))
	if errors.Is(err, ErrNotFound) {
		return Registration{}, ErrUnknownCode
	}
	if err != nil {
		return Registration{}, err
	}
	if r.Status == StatusWaitlisted {
		r.Position, err = s.position(ctx, r)
	}
	return r, err
}

// CheckIn marks attendees as arrived (attended) or takes the mark back.
// Only attendees of confirmed registrations can be checked in.
func (s *Service) CheckIn(ctx context.Context, attendeeIDs []int64, attended bool) (Registration, error) {
	if len(attendeeIDs) == 0 {
		return Registration{}, ErrNotFound
	}
	var out Registration
	err := s.store.Tx(ctx, func(ctx context.Context) error {
		db := s.store.W(ctx)
		var regIDs []int64
		if err := db.Model(&Attendee{}).Where("id IN ?", attendeeIDs).Distinct().Pluck("registration_id", &regIDs).Error; err != nil {
			return err
		}
		if len(regIDs) != 1 {
			return ErrNotFound
		}
		r, err := s.load(ctx, db.Where("id = ?", regIDs[0]))
		if err != nil {
			return err
		}
		if r.Status != StatusConfirmed {
			return i18n.NewError("registration.error.checkin_status", map[string]any{"status": string(r.Status)})
		}
		var at any
		if attended {
			at = s.now()
		}
		q := db.Model(&Attendee{}).Where("id IN ?", attendeeIDs)
		if attended {
			// A second scan keeps the first arrival time.
			q = q.Where("attended_at IS NULL")
		}
		if err := q.Update("attended_at", at).Error; err != nil {
			return err
		}
		action := "checkin"
		if !attended {
			action = "checkin_undo"
		}
		if err := audit.Log(ctx, db, "registration", r.ID, action, attendeeIDs); err != nil {
			return err
		}
		out, err = s.load(ctx, db.Where("id = ?", r.ID))
		return err
	})
	return out, err
}

// BackfillCodes gives registrations made before entrance codes were
// stored their code, once, at start-up.
func (s *Service) BackfillCodes(ctx context.Context) error {
	var rows []struct {
		ID    int64
		Token string
	}
	if err := s.store.R(ctx).Raw("SELECT id, token FROM registrations WHERE checkin_code = ''").Scan(&rows).Error; err != nil || len(rows) == 0 {
		return err
	}
	return s.store.Tx(ctx, func(ctx context.Context) error {
		for _, r := range rows {
			if err := s.store.W(ctx).Exec("UPDATE registrations SET checkin_code = ? WHERE id = ?", CheckinCode(r.Token), r.ID).Error; err != nil {
				return err
			}
		}
		return nil
	})
}

package registration

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"time"

	"convene/internal/event"
	"convene/internal/i18n"
	"convene/internal/store"

	"gorm.io/gorm"
)

// Errors of registration.
var (
	ErrNotFound   = i18n.NewError("registration.error.not_found", nil)
	ErrClosed     = i18n.NewError("registration.error.closed", nil)
	ErrNotOpenYet = i18n.NewError("registration.error.not_open", nil)
	ErrFull       = i18n.NewError("registration.error.full", nil)
	ErrCancelled  = i18n.NewError("registration.error.event_cancelled", nil)
)

// Notifier hears of the changes that registrants are told about by mail;
// it is called inside the transaction, so a mail is queued exactly when
// the change is made.
type Notifier interface {
	Registered(ctx context.Context, r Registration, e event.Event) error
	Promoted(ctx context.Context, r Registration, e event.Event) error
	Cancelled(ctx context.Context, r Registration, e event.Event) error
}

// ConsentRecorder records the marketing consent given on the form.
type ConsentRecorder interface {
	RecordConsent(ctx context.Context, name, email string, companyID *int64, source, wording string) error
}

// ConsentWording is the version of the consent text on the public form;
// change it whenever the text changes.
const ConsentWording = "tilmelding-v1"

// Service takes registrations.
type Service struct {
	store    *store.Store
	events   *event.Service
	notifier Notifier
	consents ConsentRecorder
	now      func() time.Time
}

// NewService returns the registration service; notifier and consents may
// be nil.
func NewService(st *store.Store, events *event.Service, notifier Notifier, consents ConsentRecorder) *Service {
	return &Service{store: st, events: events, notifier: notifier, consents: consents, now: func() time.Time { return time.Now().UTC() }}
}

// newToken is the personal link's secret: 128 random bits.
func newToken() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// CheckOpen reports why an event does not take registrations now, or nil.
func (s *Service) CheckOpen(e event.Event) error {
	now := s.now()
	switch {
	case e.Status == event.StatusCancelled:
		return ErrCancelled
	case e.Status != event.StatusPublished:
		return ErrClosed
	case e.RegistrationOpensAt != nil && now.Before(*e.RegistrationOpensAt):
		return ErrNotOpenYet
	case e.RegistrationDeadline != nil && !now.Before(*e.RegistrationDeadline):
		return ErrClosed
	case !now.Before(e.StartsAt):
		return ErrClosed
	}
	return nil
}

// Register takes a registration. Seats are taken by one conditional
// UPDATE of the event's counter inside the transaction, so confirmed seats
// never exceed capacity however many requests race; a full event puts the
// company on its waitlist when it has one. A second submit with an
// attendee already registered returns the existing registration (existing
// is true) instead of a new one.
func (s *Service) Register(ctx context.Context, req Request) (reg Registration, existing bool, err error) {
	req = normalize(req)
	e, err := s.events.Get(ctx, req.EventID)
	if err != nil {
		return Registration{}, false, err
	}
	if err := s.CheckOpen(e); err != nil {
		return Registration{}, false, err
	}
	if err := validate(req, e); err != nil {
		return Registration{}, false, err
	}
	err = s.store.Tx(ctx, func(ctx context.Context) error {
		db := s.store.W(ctx)
		emails := make([]string, len(req.Attendees))
		for i, a := range req.Attendees {
			emails[i] = a.Email
		}
		var prior []int64
		if err := db.Raw(`SELECT r.id FROM registrations r JOIN registration_attendees a ON a.registration_id = r.id
			WHERE r.event_id = ? AND r.status <> 'cancelled' AND a.email IN ? ORDER BY r.id LIMIT 1`, e.ID, emails).Scan(&prior).Error; err != nil {
			return err
		}
		if len(prior) > 0 {
			existing = true
			reg, err = s.load(ctx, db.Where("id = ?", prior[0]))
			return err
		}
		now := s.now()
		reg = Registration{EventID: e.ID, Token: newToken(), Seats: len(req.Attendees), CompanyName: req.CompanyName,
			Email: req.Attendees[0].Email, Lang: req.Lang, Answers: req.Answers, MarketingConsent: req.MarketingConsent,
			Source: req.Source, CreatedAt: now, UpdatedAt: now}
		if req.CVR != "" {
			cvr := req.CVR
			reg.CVR = &cvr
			var ids []int64
			db.Raw("SELECT id FROM companies WHERE cvr = ?", cvr).Scan(&ids)
			if len(ids) == 1 {
				reg.CompanyID = &ids[0]
			}
		}
		took, err := takeSeats(db, e.ID, reg.Seats)
		if err != nil {
			return err
		}
		switch {
		case took:
			reg.Status = StatusConfirmed
		case e.Waitlist:
			reg.Status = StatusWaitlisted
		default:
			return ErrFull
		}
		if err := db.Omit("Attendees").Create(&reg).Error; err != nil {
			return err
		}
		for _, a := range req.Attendees {
			att := Attendee{RegistrationID: reg.ID, EventID: e.ID, Name: a.Name, Email: a.Email, JobTitle: a.JobTitle}
			if err := db.Create(&att).Error; err != nil {
				return err
			}
			reg.Attendees = append(reg.Attendees, att)
		}
		if req.MarketingConsent && s.consents != nil {
			a := req.Attendees[0]
			if err := s.consents.RecordConsent(ctx, a.Name, a.Email, reg.CompanyID, "tilmelding: "+e.Title, ConsentWording); err != nil {
				return err
			}
		}
		if reg.Status == StatusWaitlisted {
			var n int64
			if err := db.Model(&Registration{}).Where("event_id = ? AND status = ? AND id <= ?", e.ID, StatusWaitlisted, reg.ID).Count(&n).Error; err != nil {
				return err
			}
			reg.Position = int(n)
		}
		if s.notifier != nil {
			return s.notifier.Registered(ctx, reg, e)
		}
		return nil
	})
	if err != nil {
		return Registration{}, false, fmt.Errorf("register for event %d: %w", req.EventID, err)
	}
	if existing && reg.Status == StatusWaitlisted {
		reg.Position, err = s.position(ctx, reg)
	}
	return reg, existing, err
}

// takeSeats is the one atomic write that enforces capacity: it adds n to
// the event's taken seats only if they still fit. It is correct under any
// concurrency on SQLite and PostgreSQL alike.
func takeSeats(db *gorm.DB, eventID int64, n int) (bool, error) {
	res := db.Exec("UPDATE events SET seats_taken = seats_taken + ? WHERE id = ? AND seats_taken + ? <= capacity", n, eventID, n)
	return res.RowsAffected == 1, res.Error
}

func (s *Service) load(ctx context.Context, q *gorm.DB) (Registration, error) {
	var r Registration
	err := q.Preload("Attendees", func(db *gorm.DB) *gorm.DB { return db.Order("id") }).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Registration{}, ErrNotFound
	}
	return r, err
}

// position is a waitlisted registration's place in the queue.
func (s *Service) position(ctx context.Context, r Registration) (int, error) {
	var n int64
	err := s.store.R(ctx).Model(&Registration{}).Where("event_id = ? AND status = ? AND id <= ?", r.EventID, StatusWaitlisted, r.ID).Count(&n).Error
	return int(n), err
}

// ByToken returns the registration behind a personal link, with its event.
func (s *Service) ByToken(ctx context.Context, token string) (Registration, event.Event, error) {
	if len(token) < 16 {
		return Registration{}, event.Event{}, ErrNotFound
	}
	r, err := s.load(ctx, s.store.R(ctx).Where("token = ?", token))
	if err != nil {
		return Registration{}, event.Event{}, err
	}
	e, err := s.events.Get(ctx, r.EventID)
	if err != nil {
		return Registration{}, event.Event{}, err
	}
	if r.Status == StatusWaitlisted {
		r.Position, err = s.position(ctx, r)
	}
	return r, e, err
}

// Cancel cancels a registration. Its seats go to the waitlist in order:
// each waitlisted company whose attendees now fit is confirmed and told,
// and the first that does not fit stops the promotion, so nobody is
// passed over.
func (s *Service) Cancel(ctx context.Context, token string) (Registration, error) {
	var out Registration
	err := s.store.Tx(ctx, func(ctx context.Context) error {
		db := s.store.W(ctx)
		r, err := s.load(ctx, db.Where("token = ?", token))
		if err != nil {
			return err
		}
		if r.Status == StatusCancelled {
			out = r
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
		r.Status, r.CancelledAt = StatusCancelled, &now
		if wasConfirmed {
			if err := db.Exec("UPDATE events SET seats_taken = seats_taken - ? WHERE id = ?", r.Seats, r.EventID).Error; err != nil {
				return err
			}
		}
		if s.notifier != nil {
			if err := s.notifier.Cancelled(ctx, r, e); err != nil {
				return err
			}
		}
		out = r
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
		if err := db.Model(&Registration{}).Where("id = ?", w.ID).
			Updates(map[string]any{"status": StatusConfirmed, "updated_at": s.now()}).Error; err != nil {
			return err
		}
		w.Status = StatusConfirmed
		if s.notifier != nil {
			if err := s.notifier.Promoted(ctx, w, e); err != nil {
				return err
			}
		}
	}
	return nil
}

// Counts are an event's seats and registrations.
type Counts struct {
	Capacity     int   `json:"capacity"`
	SeatsTaken   int   `json:"seatsTaken"`
	SeatsLeft    int   `json:"seatsLeft"`
	Confirmed    int64 `json:"confirmed"`
	Waitlisted   int64 `json:"waitlisted"`
	Cancelled    int64 `json:"cancelled"`
	WaitingSeats int   `json:"waitingSeats"`
}

// Counts returns an event's seats and registrations.
func (s *Service) Counts(ctx context.Context, eventID int64) (Counts, error) {
	var c Counts
	db := s.store.R(ctx)
	if err := db.Raw("SELECT capacity, seats_taken FROM events WHERE id = ?", eventID).Row().Scan(&c.Capacity, &c.SeatsTaken); err != nil {
		return Counts{}, err
	}
	var rows []struct {
		Status Status
		N      int64
		Seats  int
	}
	if err := db.Raw("SELECT status, count(*) AS n, coalesce(sum(seats), 0) AS seats FROM registrations WHERE event_id = ? GROUP BY status", eventID).Scan(&rows).Error; err != nil {
		return Counts{}, err
	}
	for _, r := range rows {
		switch r.Status {
		case StatusConfirmed:
			c.Confirmed = r.N
		case StatusWaitlisted:
			c.Waitlisted, c.WaitingSeats = r.N, r.Seats
		case StatusCancelled:
			c.Cancelled = r.N
		}
	}
	c.SeatsLeft = max(c.Capacity-c.SeatsTaken, 0)
	return c, nil
}

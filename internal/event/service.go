package event

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"errors"
	"fmt"
	"strings"
	"time"

	"convene/internal/audit"
	"convene/internal/i18n"
	"convene/internal/store"

	"gorm.io/gorm"
)

// Errors of the events service.
var (
	ErrNotFound   = i18n.NewError("event.error.not_found", nil)
	ErrWrongState = i18n.NewError("event.error.state", nil)
)

// Listener hears of the changes to a published event that its registrants
// must be told about (time, place, cancellation). It is called inside the
// transaction that makes the change.
type Listener interface {
	EventChanged(ctx context.Context, before, after Event) error
}

// Service keeps the events.
type Service struct {
	store *store.Store
	now   func() time.Time
	// uidDomain is the domain part of calendar UIDs.
	uidDomain string
	listener  Listener
}

// SetListener sets who hears of significant changes; the registrations
// service, which is built after this one.
func (s *Service) SetListener(l Listener) { s.listener = l }

// NewService returns the events service; uidDomain names the organiser in
// calendar UIDs (e.g. balk.dk).
func NewService(st *store.Store, uidDomain string) *Service {
	if uidDomain == "" {
		uidDomain = "convene.local"
	}
	return &Service{store: st, now: func() time.Time { return time.Now().UTC() }, uidDomain: uidDomain}
}

func randomToken(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b))
}

// slugFor makes a short, readable, stable slug: the title's words and a
// random suffix, since slugs end up on printed material.
func slugFor(title string) string {
	r := strings.NewReplacer("æ", "ae", "ø", "oe", "å", "aa", "é", "e", "ü", "u", "ö", "o", "ä", "a")
	words := strings.FieldsFunc(r.Replace(strings.ToLower(title)), func(c rune) bool {
		return !(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9')
	})
	base := ""
	for _, w := range words {
		if len(base)+len(w)+1 > 48 {
			break
		}
		if base != "" {
			base += "-"
		}
		base += w
	}
	if base == "" {
		base = "arrangement"
	}
	return base + "-" + randomToken(3)[:4]
}

// Save creates (ID 0) a draft or updates an event. Published events stay
// valid for publishing, and a change of time or place raises the calendar
// SEQUENCE.
func (s *Service) Save(ctx context.Context, in Event) (Event, error) {
	e := normalize(in)
	var v i18n.Validation
	validateDraft(e, &v)
	if err := v.Err(); err != nil {
		return Event{}, err
	}
	err := s.store.Tx(ctx, func(ctx context.Context) error {
		db := s.store.W(ctx)
		now := s.now()
		e.UpdatedAt = now
		if e.ID == 0 {
			d := e.Reminder()
			e.ReminderDays = &d
			e.Status, e.Sequence, e.CreatedAt = StatusDraft, 0, now
			e.Slug, e.UID = slugFor(e.Title), randomToken(16)+"@"+s.uidDomain
			if err := db.Create(&e).Error; err != nil {
				return err
			}
			return audit.Log(ctx, db, "event", e.ID, "create", e.Title)
		}
		var before Event
		if err := db.Take(&before, e.ID).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return ErrNotFound
			}
			return err
		}
		// A published event must stay publishable; the stored status
		// decides, not what the form sent.
		if before.Status == StatusPublished {
			var pv i18n.Validation
			validatePublish(e, &pv)
			if err := pv.Err(); err != nil {
				return err
			}
		}
		// Identity and life-cycle fields change only through their actions.
		e.Slug, e.UID, e.Status, e.CreatedAt, e.SeriesID, e.CancelMessage = before.Slug, before.UID, before.Status, before.CreatedAt, before.SeriesID, before.CancelMessage
		e.Sequence = before.Sequence
		if e.ReminderDays == nil {
			e.ReminderDays = before.ReminderDays
		}
		changed := before.Status != StatusDraft && significant(before, e)
		if changed {
			e.Sequence++
		}
		if err := db.Select("*").Omit("id").Updates(&e).Error; err != nil {
			return err
		}
		// A new start time deserves its own reminder.
		if !before.StartsAt.Equal(e.StartsAt) || before.Reminder() != e.Reminder() {
			if err := db.Exec("UPDATE events SET reminded_at = NULL WHERE id = ?", e.ID).Error; err != nil {
				return err
			}
		}
		if err := audit.Log(ctx, db, "event", e.ID, "update", changes(before, e)); err != nil {
			return err
		}
		if changed && before.Status == StatusPublished && s.listener != nil {
			return s.listener.EventChanged(ctx, before, e)
		}
		return nil
	})
	if err != nil {
		return Event{}, fmt.Errorf("save event %q: %w", e.Title, err)
	}
	return s.Get(ctx, e.ID)
}

// Get returns one event.
func (s *Service) Get(ctx context.Context, id int64) (Event, error) {
	var e Event
	err := s.store.R(ctx).Take(&e, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Event{}, ErrNotFound
	}
	return e, err
}

// BySlug returns the event with slug.
func (s *Service) BySlug(ctx context.Context, slug string) (Event, error) {
	var e Event
	err := s.store.R(ctx).Where("slug = ?", slug).Take(&e).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Event{}, ErrNotFound
	}
	return e, err
}

// transition changes an event's status from one of from, in a transaction
// that also applies edit; edit may queue work in the same transaction.
func (s *Service) transition(ctx context.Context, id int64, from []Status, edit func(context.Context, *Event, *i18n.Validation) error) (Event, error) {
	err := s.store.Tx(ctx, func(ctx context.Context) error {
		var e Event
		if err := s.store.W(ctx).Take(&e, id).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return ErrNotFound
			}
			return err
		}
		ok := false
		for _, f := range from {
			ok = ok || e.Status == f
		}
		if !ok {
			return ErrWrongState
		}
		var v i18n.Validation
		e.UpdatedAt = s.now()
		if err := edit(ctx, &e, &v); err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		if err := s.store.W(ctx).Select("*").Omit("id").Updates(&e).Error; err != nil {
			return err
		}
		return audit.Log(ctx, s.store.W(ctx), "event", e.ID, string(e.Status), e.CancelMessage)
	})
	if err != nil {
		return Event{}, err
	}
	return s.Get(ctx, id)
}

// Publish makes a draft public after checking it in full: dates in order,
// a positive capacity, a place, and a deadline before the start.
func (s *Service) Publish(ctx context.Context, id int64) (Event, error) {
	return s.transition(ctx, id, []Status{StatusDraft}, func(_ context.Context, e *Event, v *i18n.Validation) error {
		validateDraft(*e, v)
		validatePublish(*e, v)
		e.Status = StatusPublished
		return nil
	})
}

// Cancel cancels an event with a message for those registered; the
// calendar SEQUENCE goes up so calendars show the cancellation.
func (s *Service) Cancel(ctx context.Context, id int64, message string) (Event, error) {
	message = strings.TrimSpace(message)
	return s.transition(ctx, id, []Status{StatusDraft, StatusPublished}, func(ctx context.Context, e *Event, v *i18n.Validation) error {
		if message == "" && e.Status == StatusPublished {
			v.Add("cancelMessage", "error.required", nil)
			return nil
		}
		before := *e
		e.Status, e.CancelMessage = StatusCancelled, message
		e.Sequence++
		if before.Status == StatusPublished && s.listener != nil {
			return s.listener.EventChanged(ctx, before, *e)
		}
		return nil
	})
}

// Complete marks a held event as completed.
func (s *Service) Complete(ctx context.Context, id int64) (Event, error) {
	return s.transition(ctx, id, []Status{StatusPublished}, func(_ context.Context, e *Event, _ *i18n.Validation) error {
		e.Status = StatusCompleted
		return nil
	})
}

// Delete removes a draft; other events are cancelled instead.
func (s *Service) Delete(ctx context.Context, id int64) error {
	res := s.store.W(ctx).Where("id = ? AND status = ?", id, StatusDraft).Delete(&Event{})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 1 {
		return audit.Log(ctx, s.store.W(ctx), "event", id, "delete", nil)
	}
	if res.RowsAffected == 0 {
		if _, err := s.Get(ctx, id); err != nil {
			return err
		}
		return ErrWrongState
	}
	return nil
}

// Duplicate copies an event as a new draft ("copy as new event").
func (s *Service) Duplicate(ctx context.Context, id int64) (Event, error) {
	e, err := s.Get(ctx, id)
	if err != nil {
		return Event{}, err
	}
	e.ID, e.SeriesID, e.CancelMessage = 0, "", ""
	return s.Save(ctx, e)
}

// changes names the fields an edit changed, for the audit log.
func changes(before, after Event) []string {
	var out []string
	add := func(changed bool, name string) {
		if changed {
			out = append(out, name)
		}
	}
	add(before.Title != after.Title || before.TitleEN != after.TitleEN, "title")
	add(before.Description != after.Description || before.DescriptionEN != after.DescriptionEN, "description")
	add(!before.StartsAt.Equal(after.StartsAt) || !before.EndsAt.Equal(after.EndsAt), "time")
	add(before.Venue != after.Venue || before.Address != after.Address || before.OnlineURL != after.OnlineURL, "place")
	add(before.Capacity != after.Capacity || before.SeatsPerCompany != after.SeatsPerCompany, "capacity")
	add(before.Visibility != after.Visibility, "visibility")
	add(before.Reminder() != after.Reminder(), "reminder")
	return out
}

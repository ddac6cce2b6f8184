package registration

import (
	"context"
	"strings"

	"convene/internal/event"
)

// FeedToken returns the token of the personal calendar feed of email,
// making one the first time. The feed lists every event the address is
// registered for; its token is its own (128 random bits), so a feed URL
// given to a calendar service grants nothing else.
func (s *Service) FeedToken(ctx context.Context, email string) (string, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	var token string
	err := s.store.R(ctx).Raw("SELECT token FROM calendar_feeds WHERE email = ?", email).Scan(&token).Error
	if err != nil || token != "" {
		return token, err
	}
	err = s.store.W(ctx).Exec("INSERT INTO calendar_feeds (token, email, created_at) VALUES (?, ?, ?) ON CONFLICT(email) DO NOTHING",
		newToken(), email, s.now()).Error
	if err != nil {
		return "", err
	}
	err = s.store.W(ctx).Raw("SELECT token FROM calendar_feeds WHERE email = ?", email).Scan(&token).Error
	return token, err
}

// FeedEvents returns the events of a personal feed: those its address
// holds a confirmed place at (as attendee or contact; a waitlisted place
// is not a seat, so it shows when promoted), the last
// 90 days and all future ones. A cancelled event stays, so the
// subscriber's calendar shows the cancellation.
func (s *Service) FeedEvents(ctx context.Context, token string) (string, []event.Event, error) {
	if len(token) < 16 {
		return "", nil, ErrNotFound
	}
	var email string
	if err := s.store.R(ctx).Raw("SELECT email FROM calendar_feeds WHERE token = ?", token).Scan(&email).Error; err != nil {
		return "", nil, err
	}
	if email == "" {
		return "", nil, ErrNotFound
	}
	out := []event.Event{}
	err := s.store.R(ctx).Model(&event.Event{}).
		Where(`status IN ? AND starts_at >= ? AND id IN (SELECT r.event_id FROM registrations r WHERE r.status = 'confirmed'
			AND (r.email = ? OR r.id IN (SELECT registration_id FROM registration_attendees WHERE email = ?)))`,
			[]event.Status{event.StatusPublished, event.StatusCancelled, event.StatusCompleted}, s.now().Add(-event.FeedWindow), email, email).
		Order("starts_at, id").Find(&out).Error
	return email, out, err
}

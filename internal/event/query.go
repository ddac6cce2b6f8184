package event

import (
	"context"
	"fmt"
	"time"
)

// Query filters the event lists.
type Query struct {
	// Scope is "upcoming" (default), "past" or "all".
	Scope  string `json:"scope"`
	Kind   Kind   `json:"kind"`
	Theme  string `json:"theme"`
	Status Status `json:"status"`
}

// List returns the events matching q: upcoming ones soonest first, past
// ones latest first.
func (s *Service) List(ctx context.Context, q Query) ([]Event, error) {
	db := s.store.R(ctx).Model(&Event{})
	now := s.now()
	switch q.Scope {
	case "past":
		db = db.Where("ends_at < ?", now).Order("starts_at DESC, id DESC")
	case "all":
		db = db.Order("starts_at DESC, id DESC")
	default:
		db = db.Where("ends_at >= ?", now).Order("starts_at, id")
	}
	if q.Kind != "" {
		db = db.Where("kind = ?", q.Kind)
	}
	if q.Status != "" {
		db = db.Where("status = ?", q.Status)
	}
	if q.Theme != "" {
		db = db.Where("EXISTS (SELECT 1 FROM json_each(events.themes) WHERE lower(json_each.value) = lower(?))", q.Theme)
	}
	out := []Event{}
	if err := db.Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list events: %w", err)
	}
	return out, nil
}

// PublicUpcoming returns the published, public events that have not
// ended, soonest first, for the public site.
func (s *Service) PublicUpcoming(ctx context.Context, theme string) ([]Event, error) {
	all, err := s.List(ctx, Query{Scope: "upcoming", Theme: theme})
	if err != nil {
		return nil, err
	}
	out := []Event{}
	for _, e := range all {
		if e.Visibility == "public" && (e.Status == StatusPublished || e.Status == StatusCancelled) {
			out = append(out, e)
		}
	}
	return out, nil
}

// FeedWindow is how far back the public calendar feeds reach.
const FeedWindow = 90 * 24 * time.Hour

// FeedQuery picks the events of a public calendar feed.
type FeedQuery struct {
	Theme string
	// Track is a policy track (1-4); 0 means any.
	Track int
}

// PublicFeed returns the public events a subscribed calendar should hold:
// those started in the last 90 days and all future ones, published,
// held or cancelled (a cancellation must reach the subscribers), soonest
// first.
func (s *Service) PublicFeed(ctx context.Context, q FeedQuery) ([]Event, error) {
	db := s.store.R(ctx).Model(&Event{}).
		Where("visibility = 'public' AND status IN ? AND starts_at >= ?", []Status{StatusPublished, StatusCancelled, StatusCompleted}, s.now().Add(-FeedWindow))
	if q.Theme != "" {
		db = db.Where("EXISTS (SELECT 1 FROM json_each(events.themes) WHERE lower(json_each.value) = lower(?))", q.Theme)
	}
	if q.Track != 0 {
		db = db.Where("track = ?", q.Track)
	}
	out := []Event{}
	if err := db.Order("starts_at, id").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("feed events: %w", err)
	}
	return out, nil
}

package registration

import (
	"context"
	"strings"

	"gorm.io/gorm"
)

// The list filters beyond the statuses.
const (
	FilterAttended = "attended"
	FilterNoShow   = "noshow"
)

// Query filters an event's registrations for staff.
type Query struct {
	EventID int64 `json:"eventId"`
	// Filter is a status, "attended", "noshow" or empty for all.
	Filter string `json:"filter"`
	// Search matches company, CVR, attendee names and e-mails, and codes.
	Search   string `json:"search"`
	Page     int    `json:"page"`
	PageSize int    `json:"pageSize"`
}

// Page is one page of registrations.
type Page struct {
	Items []Registration `json:"items"`
	Total int64          `json:"total"`
}

const attendedExists = "EXISTS (SELECT 1 FROM registration_attendees x WHERE x.registration_id = registrations.id AND x.attended_at IS NOT NULL)"

func (q Query) apply(db *gorm.DB) *gorm.DB {
	db = db.Model(&Registration{}).Where("event_id = ?", q.EventID)
	switch q.Filter {
	case string(StatusConfirmed), string(StatusWaitlisted), string(StatusCancelled):
		db = db.Where("status = ?", q.Filter)
	case FilterAttended:
		db = db.Where(attendedExists)
	case FilterNoShow:
		db = db.Where("status = ? AND NOT "+attendedExists, StatusConfirmed)
	}
	if s := strings.TrimSpace(q.Search); s != "" {
		like := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(strings.ToLower(s)) + "%"
		code := normalizeCode(s)
		db = db.Where(`lower(company_name) LIKE ? ESCAPE '\' OR cvr LIKE ? ESCAPE '\' OR checkin_code = ? OR id IN
			(SELECT registration_id FROM registration_attendees WHERE event_id = ? AND (lower(name) LIKE ? ESCAPE '\' OR email LIKE ? ESCAPE '\'))`,
			like, like, code, q.EventID, like, like)
	}
	return db
}

// List returns an event's registrations: waitlisted ones first in queue
// order with their positions, then the others, newest first.
func (s *Service) List(ctx context.Context, q Query) (Page, error) {
	if q.PageSize <= 0 || q.PageSize > 500 {
		q.PageSize = 50
	}
	q.Page = max(q.Page, 1)
	db := s.store.R(ctx)
	var p Page
	if err := q.apply(db).Count(&p.Total).Error; err != nil {
		return Page{}, err
	}
	p.Items = []Registration{}
	err := q.apply(db).Preload("Attendees", func(db *gorm.DB) *gorm.DB { return db.Order("id") }).
		Order("CASE status WHEN 'waitlisted' THEN 0 ELSE 1 END, CASE status WHEN 'waitlisted' THEN id ELSE -id END").
		Limit(q.PageSize).Offset((q.Page - 1) * q.PageSize).Find(&p.Items).Error
	if err != nil {
		return Page{}, err
	}
	return p, s.fillPositions(ctx, q.EventID, p.Items)
}

// fillPositions sets the waitlist position of the waitlisted items.
func (s *Service) fillPositions(ctx context.Context, eventID int64, items []Registration) error {
	var ids []int64
	if err := s.store.R(ctx).Model(&Registration{}).Where("event_id = ? AND status = ?", eventID, StatusWaitlisted).
		Order("id").Pluck("id", &ids).Error; err != nil {
		return err
	}
	pos := make(map[int64]int, len(ids))
	for i, id := range ids {
		pos[id] = i + 1
	}
	for i := range items {
		items[i].Position = pos[items[i].ID]
	}
	return nil
}

// Get returns one registration with its attendees.
func (s *Service) Get(ctx context.Context, id int64) (Registration, error) {
	r, err := s.load(ctx, s.store.R(ctx).Where("id = ?", id))
	if err != nil {
		return Registration{}, err
	}
	if r.Status == StatusWaitlisted {
		r.Position, err = s.position(ctx, r)
	}
	return r, err
}

// Counts are an event's seats, registrations and check-ins.
type Counts struct {
	Capacity     int   `json:"capacity"`
	SeatsTaken   int   `json:"seatsTaken"`
	SeatsLeft    int   `json:"seatsLeft"`
	Confirmed    int64 `json:"confirmed"`
	Waitlisted   int64 `json:"waitlisted"`
	Cancelled    int64 `json:"cancelled"`
	WaitingSeats int   `json:"waitingSeats"`
	// Attendees are the people of confirmed registrations; Attended those
	// of them checked in.
	Attendees int64 `json:"attendees"`
	Attended  int64 `json:"attended"`
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
	err := db.Raw(`SELECT count(*), count(a.attended_at) FROM registration_attendees a JOIN registrations r ON r.id = a.registration_id
		WHERE a.event_id = ? AND r.status = 'confirmed'`, eventID).Row().Scan(&c.Attendees, &c.Attended)
	if err != nil {
		return Counts{}, err
	}
	c.SeatsLeft = max(c.Capacity-c.SeatsTaken, 0)
	return c, nil
}

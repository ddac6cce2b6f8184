package report

import (
	"context"
	"time"
)

// NextEvent is an upcoming event with its seats.
type NextEvent struct {
	ID         int64     `json:"id"`
	Title      string    `json:"title"`
	Kind       string    `json:"kind"`
	StartsAt   time.Time `json:"startsAt"`
	Capacity   int       `json:"capacity"`
	SeatsTaken int       `json:"seatsTaken"`
	Waitlisted int64     `json:"waitlisted"`
}

// Task is something staff should look at; Kind names it.
type Task struct {
	Kind  string     `json:"kind"` // mail_no_server, deadline_no_reminder, draft_soon, round_open
	ID    int64      `json:"id"`
	Title string     `json:"title"`
	When  *time.Time `json:"when"`
}

// Overview is the start page: what is coming and what needs attention.
type Overview struct {
	Next              []NextEvent `json:"next"`
	MailHeld          int64       `json:"mailHeld"`
	MailFailed        int64       `json:"mailFailed"`
	RegistrationsWeek int64       `json:"registrationsWeek"`
	Tasks             []Task      `json:"tasks"`
}

// Overview gathers the start page's figures.
func (s *Service) Overview(ctx context.Context) (Overview, error) {
	db := s.store.R(ctx)
	now := s.now()
	o := Overview{Next: []NextEvent{}, Tasks: []Task{}}
	err := db.Raw(`SELECT e.id, e.title, e.kind, e.starts_at, e.capacity, e.seats_taken,
		(SELECT count(*) FROM registrations r WHERE r.event_id = e.id AND r.status = 'waitlisted') AS waitlisted
		FROM events e WHERE e.status = 'published' AND e.ends_at >= ? ORDER BY e.starts_at LIMIT 8`, now).Scan(&o.Next).Error
	if err != nil {
		return Overview{}, err
	}
	if err := db.Raw(`SELECT coalesce(sum(state = 'held'), 0), coalesce(sum(state = 'failed'), 0) FROM mail_messages
		WHERE state IN ('held', 'failed')`).Row().Scan(&o.MailHeld, &o.MailFailed); err != nil {
		return Overview{}, err
	}
	if err := db.Raw(`SELECT count(*) FROM registrations WHERE created_at >= ? AND status <> 'cancelled'`, now.AddDate(0, 0, -7)).
		Scan(&o.RegistrationsWeek).Error; err != nil {
		return Overview{}, err
	}
	var rows []struct {
		Kind  string
		ID    int64
		Title string
		When  *time.Time
	}
	// Mail waits for a mail server to be set up (ID is how many); first,
	// as every other mail waits behind it. Then: registration closed, the
	// event is near, and no reminder has gone (none set, or it failed to
	// run).
	err = db.Raw(`SELECT 'deadline_no_reminder' AS kind, id, title, starts_at AS "when" FROM events
		WHERE status = 'published' AND registration_deadline < ? AND starts_at > ? AND reminded_at IS NULL
		UNION ALL
		SELECT 'draft_soon', id, title, starts_at FROM events WHERE status = 'draft' AND starts_at BETWEEN ? AND ?
		UNION ALL
		SELECT 'round_open', id, CAST(year AS TEXT), NULL FROM award_rounds WHERE status = 'draft'
		ORDER BY 4`, now, now, now, now.AddDate(0, 0, 21)).Scan(&rows).Error
	if err != nil {
		return Overview{}, err
	}
	var waiting int64
	if err := db.Raw(`SELECT count(*) FROM mail_messages WHERE state = 'held' AND hold_reason <> 'paused'`).Scan(&waiting).Error; err != nil {
		return Overview{}, err
	}
	if waiting > 0 {
		o.Tasks = append(o.Tasks, Task{Kind: "mail_no_server", ID: waiting})
	}
	for _, r := range rows {
		o.Tasks = append(o.Tasks, Task{Kind: r.Kind, ID: r.ID, Title: r.Title, When: r.When})
	}
	return o, nil
}

// Engagement is a company's part in the department's events.
type Engagement struct {
	Registrations int64 `json:"registrations"`
	EventsJoined  int64 `json:"eventsJoined"`
	Attended      int64 `json:"attended"`
	Invited       int64 `json:"invited"`
	Answered      int64 `json:"answered"`
	Declined      int64 `json:"declined"`
	// Events are the company's registrations, newest first.
	Events []EngagementEvent `json:"events"`
}

// EngagementEvent is one event a company registered for.
type EngagementEvent struct {
	EventID  int64     `json:"eventId"`
	Title    string    `json:"title"`
	StartsAt time.Time `json:"startsAt"`
	Status   string    `json:"status"`
	Seats    int       `json:"seats"`
	Attended int64     `json:"attended"`
}

// Engagement tells how a company has taken part: events registered for
// and attended, invitations answered.
func (s *Service) Engagement(ctx context.Context, companyID int64) (Engagement, error) {
	db := s.store.R(ctx)
	g := Engagement{Events: []EngagementEvent{}}
	err := db.Raw(`SELECT e.id AS event_id, e.title, e.starts_at, r.status, r.seats,
		(SELECT count(*) FROM registration_attendees a WHERE a.registration_id = r.id AND a.attended_at IS NOT NULL) AS attended
		FROM registrations r JOIN events e ON e.id = r.event_id WHERE r.company_id = ? ORDER BY e.starts_at DESC LIMIT 200`, companyID).
		Scan(&g.Events).Error
	if err != nil {
		return Engagement{}, err
	}
	joined := map[int64]bool{}
	for _, e := range g.Events {
		if e.Status != "cancelled" {
			g.Registrations++
			joined[e.EventID] = true
		}
		if e.Attended > 0 {
			g.Attended++
		}
	}
	g.EventsJoined = int64(len(joined))
	err = db.Raw(`SELECT count(*), coalesce(sum(rc.declined_at IS NOT NULL OR EXISTS (SELECT 1 FROM registrations g
			WHERE g.event_id = c.event_id AND g.status <> 'cancelled' AND (g.invitation = rc.token OR g.company_id = ?))), 0),
		coalesce(sum(rc.declined_at IS NOT NULL), 0)
		FROM campaign_recipients rc JOIN campaigns c ON c.id = rc.campaign_id
		WHERE c.kind = 'invitation' AND (rc.company_id = ? OR rc.contact_id IN (SELECT id FROM contacts WHERE company_id = ?))`,
		companyID, companyID, companyID).Row().Scan(&g.Invited, &g.Answered, &g.Declined)
	return g, err
}

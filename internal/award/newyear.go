package award

import (
	"context"

	"time"

	"convene/internal/event"
	"convene/internal/i18n"
	"convene/internal/registration"
)

// NewYearTemplate is what staff choose when the nytårskur is made from
// the round.
type NewYearTemplate struct {
	// Theme is the year's theme, e.g. "Grøn omstilling".
	Theme string `json:"theme"`
	// Date is the evening, in January of the year after the award year;
	// empty means the second Thursday of January.
	Date     string `json:"date"` // YYYY-MM-DD
	Capacity int    `json:"capacity"`
}

// secondThursday is the default date of the nytårskur.
func secondThursday(year int) time.Time {
	d := time.Date(year, time.January, 1, 0, 0, 0, 0, time.UTC)
	for d.Weekday() != time.Thursday {
		d = d.AddDate(0, 0, 1)
	}
	return d.AddDate(0, 0, 7)
}

// CreateNewYear makes the nytårskur of a round from the template: an
// event of kind nytårskur in January after the award year, 17.00-20.00
// local time, with the year's theme and the usual programme, linked to the
// round. It is a draft: staff check it, publish it, and invite with a
// campaign.
func (s *Service) CreateNewYear(ctx context.Context, roundID int64, t NewYearTemplate, l i18n.Localizer, loc *time.Location) (event.Event, error) {
	r, err := s.Round(ctx, roundID)
	if err != nil {
		return event.Event{}, err
	}
	day := secondThursday(r.Year + 1)
	if t.Date != "" {
		d, err := time.Parse("2006-01-02", t.Date)
		if err != nil || d.Year() != r.Year+1 || d.Month() != time.January {
			var v i18n.Validation
			v.Add("date", "award.error.newyear_date", map[string]any{"year": r.Year + 1})
			return event.Event{}, v.Err()
		}
		day = d
	}
	if t.Capacity <= 0 {
		t.Capacity = 250
	}
	start := time.Date(day.Year(), day.Month(), day.Day(), 17, 0, 0, 0, loc)
	e := event.Event{Kind: event.KindNewYear, Title: l.T("award.newyear.title", "year", r.Year+1), Visibility: "public",
		Description: l.T("award.newyear.description", "year", r.Year, "theme", t.Theme), StartsAt: start, EndsAt: start.Add(3 * time.Hour),
		Capacity: t.Capacity, SeatsPerCompany: 3, Waitlist: true, Track: 4,
		Agenda: []event.AgendaItem{
			{Time: "17.00", Title: l.T("award.newyear.agenda_welcome")},
			{Time: "17.15", Title: l.T("award.newyear.agenda_theme", "theme", t.Theme)},
			{Time: "18.00", Title: l.T("award.newyear.agenda_gazelles", "year", r.Year)},
			{Time: "18.30", Title: l.T("award.newyear.agenda_network")},
		}}
	if t.Theme != "" {
		e.Themes = []string{t.Theme}
	}
	e, err = s.events.Save(ctx, e)
	if err != nil {
		return event.Event{}, err
	}
	err = s.store.W(ctx).Model(&Round{}).Where("id = ?", r.ID).Updates(map[string]any{"event_id": e.ID, "updated_at": s.now()}).Error
	return e, err
}

// Guest is a gazelle of the round and where its registration stands at
// the round's nytårskur.
type Guest struct {
	Entry
	// Registered is the registration's status ("" when not registered).
	Registered registration.Status `json:"registered"`
	Seats      int                 `json:"seats"`
}

// Guests shows the round's gazelles (decided, or else the candidates) and
// their registrations for the nytårskur, at a glance.
func (s *Service) Guests(ctx context.Context, roundID int64) ([]Guest, error) {
	r, err := s.Round(ctx, roundID)
	if err != nil {
		return nil, err
	}
	es, err := s.decided(ctx, roundID)
	if err != nil {
		return nil, err
	}
	if len(es) == 0 {
		if es, err = s.Entries(ctx, EntryQuery{RoundID: roundID, List: ListCandidates, Limit: 1000}); err != nil {
			return nil, err
		}
	}
	out := make([]Guest, 0, len(es))
	for _, e := range es {
		g := Guest{Entry: e}
		if r.EventID != nil {
			var rows []struct {
				Status registration.Status
				Seats  int
			}
			if err := s.store.R(ctx).Raw(`SELECT status, seats FROM registrations WHERE event_id = ? AND company_id = ? AND status <> 'cancelled'
				ORDER BY status = 'confirmed' DESC LIMIT 1`, *r.EventID, e.CompanyID).Scan(&rows).Error; err != nil {
				return nil, err
			}
			if len(rows) == 1 {
				g.Registered, g.Seats = rows[0].Status, rows[0].Seats
			}
		}
		out = append(out, g)
	}
	return out, nil
}

// Slide is one gazelle on the nytårskur's screen.
type Slide struct {
	CompanyName string   `json:"companyName"`
	Winner      bool     `json:"winner"`
	Growth      *float64 `json:"growth"`
	From        int      `json:"from"`
	To          int      `json:"to"`
	// Measure and Points are the growth chart: the figure grown on
	// (revenue or gross profit) by year.
	Measure string  `json:"measure"`
	Points  []Point `json:"points"`
}

// Point is one year of a slide's chart.
type Point struct {
	Year  int   `json:"year"`
	Value int64 `json:"value"`
}

// Presentation is the slides of a round: the gazelle list by growth, and
// Årets Gazelle last, for the evening's climax.
func (s *Service) Presentation(ctx context.Context, roundID int64) ([]Slide, error) {
	es, err := s.decided(ctx, roundID)
	if err != nil {
		return nil, err
	}
	if len(es) == 0 {
		return nil, ErrNoneDecided
	}
	var slides []Slide
	var winner *Slide
	for _, e := range es {
		sl := Slide{CompanyName: e.CompanyName, Winner: e.Decision == DecisionWinner, Growth: e.Growth, From: e.Verdict.From, To: e.Verdict.Year,
			Measure: string(e.Verdict.Evidence.Series.Measure)}
		for _, p := range e.Verdict.Evidence.Series.Points {
			sl.Points = append(sl.Points, Point{Year: p.Year, Value: p.Value})
		}
		if sl.Winner {
			w := sl
			winner = &w
			continue
		}
		slides = append(slides, sl)
	}
	if winner != nil {
		slides = append(slides, *winner)
	}
	return slides, nil
}

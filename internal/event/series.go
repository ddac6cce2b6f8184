package event

import (
	"context"
	"time"

	"convene/internal/i18n"
)

// Repetition describes a monthly series such as "the first Tuesday of
// each month for six months".
type Repetition struct {
	// Ordinal is the week of the month: 1 to 4, or -1 for the last.
	Ordinal int          `json:"ordinal"`
	Weekday time.Weekday `json:"weekday"`
	// Count is how many occurrences to create after the event itself.
	Count int `json:"count"`
}

// nthWeekday returns the day of month of the ordinal weekday, or 0.
func nthWeekday(year int, month time.Month, ordinal int, wd time.Weekday, loc *time.Location) int {
	first := time.Date(year, month, 1, 12, 0, 0, 0, loc)
	offset := (int(wd) - int(first.Weekday()) + 7) % 7
	if ordinal > 0 {
		return 1 + offset + 7*(ordinal-1)
	}
	day := 1 + offset
	last := time.Date(year, month+1, 0, 12, 0, 0, 0, loc).Day()
	for day+7 <= last {
		day += 7
	}
	return day
}

// Repeat creates the occurrences of a monthly series as drafts, each its
// own event, keeping the local time of day (across summer time) and the
// duration. The original joins the series.
func (s *Service) Repeat(ctx context.Context, id int64, r Repetition, loc *time.Location) ([]Event, error) {
	var v i18n.Validation
	if r.Ordinal < -1 || r.Ordinal > 4 || r.Ordinal == 0 {
		v.Add("ordinal", "event.error.ordinal", nil)
	}
	if r.Weekday < time.Sunday || r.Weekday > time.Saturday {
		v.Add("weekday", "event.error.weekday", nil)
	}
	if r.Count < 1 || r.Count > 24 {
		v.Add("count", "event.error.count", map[string]any{"max": 24})
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	src, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if loc == nil {
		loc = time.UTC
	}
	var out []Event
	err = s.store.Tx(ctx, func(ctx context.Context) error {
		series := src.SeriesID
		if series == "" {
			series = randomToken(8)
			if err := s.store.W(ctx).Model(&Event{}).Where("id = ?", src.ID).Update("series_id", series).Error; err != nil {
				return err
			}
		}
		start := src.StartsAt.In(loc)
		duration := src.EndsAt.Sub(src.StartsAt)
		for i := 1; i <= r.Count; i++ {
			m := time.Date(start.Year(), start.Month()+time.Month(i), 1, 0, 0, 0, 0, loc)
			day := nthWeekday(m.Year(), m.Month(), r.Ordinal, r.Weekday, loc)
			at := time.Date(m.Year(), m.Month(), day, start.Hour(), start.Minute(), 0, 0, loc)
			e := src
			e.ID, e.CancelMessage = 0, ""
			e.StartsAt, e.EndsAt = at.UTC(), at.Add(duration).UTC()
			shift := e.StartsAt.Sub(src.StartsAt)
			if src.RegistrationDeadline != nil {
				d := src.RegistrationDeadline.Add(shift)
				e.RegistrationDeadline = &d
			}
			if src.RegistrationOpensAt != nil {
				o := src.RegistrationOpensAt.Add(shift)
				e.RegistrationOpensAt = &o
			}
			saved, err := s.Save(ctx, e)
			if err != nil {
				return err
			}
			if err := s.store.W(ctx).Model(&Event{}).Where("id = ?", saved.ID).Update("series_id", series).Error; err != nil {
				return err
			}
			saved.SeriesID = series
			out = append(out, saved)
		}
		return nil
	})
	return out, err
}

package registration

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"convene/internal/event"
	"convene/internal/i18n"
	"convene/internal/table"
)

// Export writes an event's registrations as "csv" or "xlsx": one row per
// attendee (what name badges and door lists need), the registration's
// details beside each, and every registration question as its own column.
// Headers and statuses are in lang.
func (s *Service) Export(ctx context.Context, eventID int64, format string, l i18n.Localizer, loc *time.Location) (table.File, error) {
	e, err := s.events.Get(ctx, eventID)
	if err != nil {
		return table.File{}, err
	}
	var regs []Registration
	if err := s.store.R(ctx).Preload("Attendees").Where("event_id = ?", eventID).
		Order("CASE status WHEN 'confirmed' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END, id").Find(&regs).Error; err != nil {
		return table.File{}, err
	}
	if err := s.fillPositions(ctx, eventID, regs); err != nil {
		return table.File{}, err
	}
	header := []string{}
	for _, k := range []string{"status", "position", "company", "cvr", "name", "email", "job_title", "attended", "code", "registered", "source", "consent", "note"} {
		header = append(header, l.T("registration.export."+k))
	}
	for _, q := range e.Questions {
		header = append(header, questionLabel(q, l.Lang))
	}
	rows := [][]string{header}
	for _, r := range regs {
		for _, a := range r.Attendees {
			pos, cvr, attended := "", "", ""
			if r.Position > 0 {
				pos = strconv.Itoa(r.Position)
			}
			if r.CVR != nil {
				cvr = *r.CVR
			}
			if a.AttendedAt != nil {
				attended = a.AttendedAt.In(loc).Format("2006-01-02 15:04")
			}
			consent := l.T("registration.export.no")
			if r.MarketingConsent {
				consent = l.T("registration.export.yes")
			}
			row := []string{l.T("registration.status." + string(r.Status)), pos, r.CompanyName, cvr, a.Name, a.Email, a.JobTitle,
				attended, r.CheckinCode, r.CreatedAt.In(loc).Format("2006-01-02 15:04"), r.Source, consent, r.Note}
			for _, q := range e.Questions {
				row = append(row, answerText(r.Answers[q.ID], l))
			}
			rows = append(rows, row)
		}
	}
	return table.Write("tilmeldinger-"+e.Slug, format, rows)
}

func questionLabel(q event.Question, lang string) string {
	if lang == "en" && q.LabelEN != "" {
		return q.LabelEN
	}
	return q.Label
}

// answerText is an answer as one cell.
func answerText(a any, l i18n.Localizer) string {
	switch v := a.(type) {
	case nil:
		return ""
	case bool:
		if v {
			return l.T("registration.export.yes")
		}
		return l.T("registration.export.no")
	case []any:
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = fmt.Sprint(x)
		}
		return strings.Join(parts, "; ")
	}
	return fmt.Sprint(a)
}

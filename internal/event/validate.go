package event

import (
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	"convene/internal/i18n"
	"convene/internal/setting"
)

var agendaTime = regexp.MustCompile(`^([01]\d|2[0-3])[:.][0-5]\d$`)

// normalize tidies an event as typed.
func normalize(e Event) Event {
	for _, f := range []*string{&e.Title, &e.TitleEN, &e.Venue, &e.Address, &e.OnlineURL, &e.ContactName, &e.ContactEmail} {
		*f = strings.Join(strings.Fields(*f), " ")
	}
	e.Description, e.DescriptionEN = strings.TrimSpace(e.Description), strings.TrimSpace(e.DescriptionEN)
	e.ContactEmail = strings.ToLower(e.ContactEmail)
	if e.Visibility == "" {
		e.Visibility = "public"
	}
	if e.Kind == "" {
		e.Kind = KindNetwork
	}
	var themes []string
	seen := map[string]bool{}
	for _, t := range e.Themes {
		t = strings.Join(strings.Fields(t), " ")
		if t != "" && !seen[strings.ToLower(t)] {
			seen[strings.ToLower(t)] = true
			themes = append(themes, t)
		}
	}
	e.Themes = themes
	if e.Themes == nil {
		e.Themes = []string{}
	}
	if e.Questions == nil {
		e.Questions = []Question{}
	}
	if e.Agenda == nil {
		e.Agenda = []AgendaItem{}
	}
	e.StartsAt, e.EndsAt = e.StartsAt.UTC(), e.EndsAt.UTC()
	return e
}

// validateDraft checks what any saved event must satisfy.
func validateDraft(e Event, v *i18n.Validation) {
	switch {
	case e.Title == "":
		v.Add("title", "error.required", nil)
	case utf8.RuneCountInString(e.Title) > 200:
		v.Add("title", "error.too_long", map[string]any{"max": 200})
	}
	known := false
	for _, k := range Kinds {
		known = known || k == e.Kind
	}
	if !known {
		v.Add("kind", "event.error.kind", nil)
	}
	if e.Visibility != "public" && e.Visibility != "invite" {
		v.Add("visibility", "event.error.visibility", nil)
	}
	if e.Track < 0 || e.Track > 4 {
		v.Add("track", "event.error.track", nil)
	}
	if e.StartsAt.IsZero() {
		v.Add("startsAt", "error.required", nil)
	}
	if !e.StartsAt.IsZero() && !e.EndsAt.After(e.StartsAt) {
		v.Add("endsAt", "event.error.ends_before_start", nil)
	}
	if e.Capacity < 0 {
		v.Add("capacity", "event.error.capacity", nil)
	}
	if e.ReminderDays != nil && (*e.ReminderDays < 0 || *e.ReminderDays > 30) {
		v.Add("reminderDays", "event.error.reminder_days", map[string]any{"max": 30})
	}
	if e.SeatsPerCompany < 0 {
		v.Add("seatsPerCompany", "event.error.seats_per_company", nil)
	}
	if e.OnlineURL != "" {
		if u, err := url.Parse(e.OnlineURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			v.Add("onlineUrl", "company.error.website", nil)
		}
	}
	if e.ContactEmail != "" && !setting.ValidEmail(e.ContactEmail) {
		v.Add("contactEmail", "error.email", nil)
	}
	for i, q := range e.Questions {
		switch q.Type {
		case QuestionShort, QuestionLong, QuestionYesNo:
		case QuestionSingle, QuestionMulti:
			if len(q.Options) < 2 {
				v.Add("questions", "event.error.question_options", map[string]any{"n": i + 1})
			}
		default:
			v.Add("questions", "event.error.question_type", map[string]any{"n": i + 1})
		}
		if strings.TrimSpace(q.Label) == "" {
			v.Add("questions", "event.error.question_label", map[string]any{"n": i + 1})
		}
	}
	for i, a := range e.Agenda {
		if a.Time != "" && !agendaTime.MatchString(a.Time) {
			v.Add("agenda", "event.error.agenda_time", map[string]any{"n": i + 1})
		}
	}
}

// validatePublish adds what a published event must also satisfy.
func validatePublish(e Event, v *i18n.Validation) {
	if e.Capacity <= 0 {
		v.Add("capacity", "event.error.capacity_positive", nil)
	}
	if e.Venue == "" && e.OnlineURL == "" {
		v.Add("venue", "event.error.no_place", nil)
	}
	if d := e.RegistrationDeadline; d != nil && !d.Before(e.StartsAt) {
		v.Add("registrationDeadline", "event.error.deadline_after_start", nil)
	}
	if o, d := e.RegistrationOpensAt, e.RegistrationDeadline; o != nil && d != nil && !o.Before(*d) {
		v.Add("registrationOpensAt", "event.error.opens_after_deadline", nil)
	}
}

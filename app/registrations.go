package app

import (
	"convene/internal/i18n"
	"convene/internal/registration"
)

// Registrations are the staff side of an event's registrations: the list,
// changes by hand, exports, mail to registrants and the check-in desk.
type Registrations struct{ call }

// List returns one page of an event's registrations matching q.
func (r *Registrations) List(q registration.Query) (registration.Page, error) {
	return r.deps.Registrations.List(r.ctx, q)
}

// Get returns one registration.
func (r *Registrations) Get(id int64) (registration.Registration, error) {
	return r.deps.Registrations.Get(r.ctx, id)
}

// Counts returns an event's seats, registrations and check-ins.
func (r *Registrations) Counts(eventID int64) (registration.Counts, error) {
	return r.deps.Registrations.Counts(r.ctx, eventID)
}

// Add registers a company by hand. Staff may add after the deadline, but
// capacity holds: a full event puts the company on the waitlist.
func (r *Registrations) Add(req registration.Request) (registration.Registration, error) {
	req.Source = "staff"
	reg, _, err := r.deps.Registrations.Register(r.ctx, req)
	if err != nil {
		return registration.Registration{}, err
	}
	return r.deps.Registrations.Get(r.ctx, reg.ID)
}

// Update changes a registration's company, attendees, answers and note.
func (r *Registrations) Update(id int64, c registration.Change) (registration.Registration, error) {
	return r.deps.Registrations.UpdateByID(r.ctx, id, c)
}

// Cancel cancels a registration; notify mails the registrant.
func (r *Registrations) Cancel(id int64, notify bool) (registration.Registration, error) {
	return r.deps.Registrations.CancelByID(r.ctx, id, notify)
}

// Promote moves a waitlisted registration to a place, when it fits.
func (r *Registrations) Promote(id int64) (registration.Registration, error) {
	return r.deps.Registrations.Promote(r.ctx, id)
}

// Export writes an event's registrations, one row per attendee with the
// answers as columns, as "csv" or "xlsx".
func (r *Registrations) Export(eventID int64, format string) (FileData, error) {
	st, err := r.deps.Settings.Get(r.ctx)
	if err != nil {
		return FileData{}, err
	}
	loc := st.Location()
	l := i18n.Localizer{Lang: st.DefaultLanguage, Catalog: r.deps.Catalog}
	return fileData(r.deps.Registrations.Export(r.ctx, eventID, format, l, loc))
}

// Mail sends staff's message to the event's registrants as service mail
// and says how many mails were queued.
func (r *Registrations) Mail(msg registration.Message) (int, error) {
	return r.deps.Registrations.MailRegistrants(r.ctx, msg)
}

// ByCode finds the registration behind an entrance code, typed or scanned.
func (r *Registrations) ByCode(eventID int64, code string) (registration.Registration, error) {
	return r.deps.Registrations.ByCode(r.ctx, eventID, code)
}

// CheckIn marks attendees of one registration as arrived, or takes the
// mark back.
func (r *Registrations) CheckIn(attendeeIDs []int64, attended bool) (registration.Registration, error) {
	return r.deps.Registrations.CheckIn(r.ctx, attendeeIDs, attended)
}

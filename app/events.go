package app

import (
	"convene/internal/event"
)

// Events plans the department's events.
type Events struct{ call }

// EventOptions are the choices the event form offers.
type EventOptions struct {
	Kinds  []event.Kind `json:"kinds"`
	Themes []string     `json:"themes"`
}

// Options lists the kinds and the themes (from Settings).
func (e *Events) Options() (EventOptions, error) {
	st, err := e.deps.Settings.Get(e.ctx)
	if err != nil {
		return EventOptions{}, err
	}
	return EventOptions{Kinds: event.Kinds, Themes: st.Themes}, nil
}

// List returns the events matching q.
func (e *Events) List(q event.Query) ([]event.Event, error) { return e.deps.Events.List(e.ctx, q) }

// Get returns one event.
func (e *Events) Get(id int64) (event.Event, error) { return e.deps.Events.Get(e.ctx, id) }

// Save creates a draft or updates an event.
func (e *Events) Save(in event.Event) (event.Event, error) { return e.deps.Events.Save(e.ctx, in) }

// Publish checks a draft in full and makes it public.
func (e *Events) Publish(id int64) (event.Event, error) { return e.deps.Events.Publish(e.ctx, id) }

// Cancel cancels an event with a message for those registered.
func (e *Events) Cancel(id int64, message string) (event.Event, error) {
	return e.deps.Events.Cancel(e.ctx, id, message)
}

// Complete marks a held event as completed.
func (e *Events) Complete(id int64) (event.Event, error) { return e.deps.Events.Complete(e.ctx, id) }

// Delete removes a draft.
func (e *Events) Delete(id int64) error { return e.deps.Events.Delete(e.ctx, id) }

// Duplicate copies an event as a new draft.
func (e *Events) Duplicate(id int64) (event.Event, error) { return e.deps.Events.Duplicate(e.ctx, id) }

// Repeat creates a monthly series of drafts from an event, in the
// organiser's time zone.
func (e *Events) Repeat(id int64, r event.Repetition) ([]event.Event, error) {
	st, err := e.deps.Settings.Get(e.ctx)
	if err != nil {
		return nil, err
	}
	loc := st.Location()
	return e.deps.Events.Repeat(e.ctx, id, r, loc)
}

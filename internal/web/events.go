package web

import (
	"bytes"
	"context"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"time"

	"convene/internal/event"

	"github.com/yuin/goldmark"
)

// EventSource is what the public site needs of the events.
type EventSource interface {
	PublicUpcoming(ctx context.Context, theme string) ([]event.Event, error)
	BySlug(ctx context.Context, slug string) (event.Event, error)
}

// eventView is an event as the public pages show it, in local time.
type eventView struct {
	event.Event
	Start, End  time.Time
	TitleText   string
	Description template.HTML
	MapURL      string
}

// markdown renders staff-written Markdown. goldmark drops raw HTML and
// dangerous link schemes (javascript: and the like) unless told otherwise.
var markdown = goldmark.New()

func (s *Server) viewOf(e event.Event, lang string, loc *time.Location) eventView {
	v := eventView{Event: e, Start: e.StartsAt.In(loc), End: e.EndsAt.In(loc), TitleText: e.Title}
	desc := e.Description
	if lang == "en" {
		if e.TitleEN != "" {
			v.TitleText = e.TitleEN
		}
		if e.DescriptionEN != "" {
			desc = e.DescriptionEN
		}
	}
	var buf bytes.Buffer
	if err := markdown.Convert([]byte(desc), &buf); err == nil {
		v.Description = template.HTML(buf.String()) // goldmark output without raw HTML
	}
	if e.Address != "" {
		v.MapURL = "https://www.openstreetmap.org/search?query=" + url.QueryEscape(e.Address)
	}
	return v
}

func (s *Server) location(ctx context.Context) *time.Location {
	st, err := s.cfg.Settings.Get(ctx)
	if err == nil {
		if loc, err := time.LoadLocation(st.TimeZone); err == nil {
			return loc
		}
	}
	return time.UTC
}

// eventPage serves /e/{slug}: the event, its programme and place.
// Drafts are not found here, nor invitation-only events without their
// invitation.
func (s *Server) eventPage(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Events == nil {
		s.notFound(w, r)
		return
	}
	e, err := s.cfg.Events.BySlug(r.Context(), r.PathValue("slug"))
	if errors.Is(err, event.ErrNotFound) || (err == nil && e.Status == event.StatusDraft) {
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.cfg.Log.Error("load event", "slug", r.PathValue("slug"), "err", err)
		s.fail(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	// An invite-only event opens only with its invitation link (?i=...),
	// and looks to everyone else as if it did not exist.
	invitation := r.URL.Query().Get("i")
	if e.Visibility != "public" {
		if s.cfg.Registrations == nil || s.cfg.Registrations.CheckInvitation(r.Context(), e, invitation) != nil {
			s.notFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("X-Robots-Tag", "noindex")
	}
	d := s.eventData(w, r, e)
	d.Invitation = invitation
	s.renderEvent(w, r, http.StatusOK, d)
}

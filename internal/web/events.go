package web

import (
	"bytes"
	"context"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"time"

	"convene/internal/event"
	"convene/internal/i18n"
	"convene/internal/setting"

	"github.com/yuin/goldmark"
)

// EventSource is what the public site needs of the events.
type EventSource interface {
	PublicUpcoming(ctx context.Context, theme string) ([]event.Event, error)
	PublicFeed(ctx context.Context, q event.FeedQuery) ([]event.Event, error)
	BySlug(ctx context.Context, slug string) (event.Event, error)
}

// eventView is an event as the public pages show it, in local time.
type eventView struct {
	event.Event
	Start, End  time.Time
	TitleText   string
	Description template.HTML
	MapURL      string
	Links       calendarLinks
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
	v.Links = linksFor(e, s.publicURL(context.Background()), lang)
	return v
}

// publicURL is the public site's base URL.
func (s *Server) publicURL(ctx context.Context) string {
	st, err := s.cfg.Settings.Get(ctx)
	if err != nil {
		st = setting.Defaults()
	}
	return st.PublicURL(s.cfg.BaseURLOverride, s.cfg.Addr)
}

func (s *Server) location(ctx context.Context) *time.Location {
	st, err := s.cfg.Settings.Get(ctx)
	if err != nil {
		return time.UTC
	}
	return st.Location()
}

// eventPage serves /e/{slug}: the event, its programme and place.
// Drafts are not found here, nor invitation-only events without their
// invitation. Public pages come from the page cache when they can.
func (s *Server) eventPage(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Events == nil {
		s.notFound(w, r)
		return
	}
	slug := r.PathValue("slug")
	if strings.HasSuffix(slug, ".ics") {
		s.eventFile(w, r, strings.TrimSuffix(slug, ".ics"))
		return
	}
	key := slug + "\x00" + s.requestLang(w, r)
	gen, now := s.generation(), time.Now()
	if p, ok := s.pageCache.get(key, gen, now); ok {
		p.write(w, s.formToken(w, r))
		return
	}
	e, err := s.cfg.Events.BySlug(r.Context(), slug)
	if errors.Is(err, event.ErrNotFound) || (err == nil && e.Status == event.StatusDraft) {
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.cfg.Log.Error("load event", "slug", slug, "err", err)
		s.fail(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	// An invite-only event opens only with its invitation link (?i=...),
	// and looks to everyone else as if it did not exist. It is never cached.
	invitation := r.URL.Query().Get("i")
	if e.Visibility != "public" {
		if s.cfg.Registrations == nil || s.cfg.Registrations.CheckInvitation(r.Context(), e, invitation) != nil {
			s.notFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("X-Robots-Tag", "noindex")
		d := s.eventData(w, r, e)
		d.Invitation = invitation
		s.renderEvent(w, r, http.StatusOK, d)
		return
	}
	token := s.formToken(w, r)
	d := s.eventData(w, r, e)
	d.Form.CSRF = csrfSlot
	page, err := s.page(w, r, "event.html", func(i18n.Localizer) string { return d.TitleText }, d)
	if err != nil {
		s.cfg.Log.Error("render page", "page", "event.html", "err", err)
		s.fail(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	p, ok := splitPage(page)
	if !ok {
		d.Form.CSRF = token
		s.renderEvent(w, r, http.StatusOK, d)
		return
	}
	s.pageCache.put(key, gen, now, p)
	p.write(w, token)
}

package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"convene/internal/calendar"
	"convene/internal/event"
	"convene/internal/i18n"
	"convene/internal/registration"
	"convene/internal/setting"
)

// feedCacheFor is how long a rendered feed may live without a local write.
const feedCacheFor = 30 * time.Second

// feedRefresh is the refresh interval feeds suggest to their clients.
const feedRefresh = time.Hour

// calendarFile is a rendered calendar answer with its validators.
type calendarFile struct {
	body     []byte
	etag     string
	modified time.Time
}

func newCalendarFile(body []byte, events []event.Event, st setting.Settings) calendarFile {
	sum := sha256.Sum256(body)
	f := calendarFile{body: body, etag: `"` + base64.RawURLEncoding.EncodeToString(sum[:18]) + `"`, modified: st.UpdatedAt}
	for _, e := range events {
		if e.UpdatedAt.After(f.modified) {
			f.modified = e.UpdatedAt
		}
	}
	return f
}

// serve answers with the file, or 304 Not Modified when the client's
// If-None-Match or If-Modified-Since says it has it (http.ServeContent
// applies RFC 9110's rules). The answer is the same whatever the Accept
// header says.
func (f calendarFile) serve(w http.ResponseWriter, r *http.Request, filename, cacheControl string) {
	h := w.Header()
	h.Set("Content-Type", "text/calendar; charset=utf-8")
	h.Set("ETag", f.etag)
	h.Set("Cache-Control", cacheControl)
	if filename != "" {
		h.Set("Content-Disposition", `attachment; filename="`+filename+`"`)
	}
	http.ServeContent(w, r, "", f.modified, bytes.NewReader(f.body))
}

// calendarBuilder is the builder for the public site, in the organiser's
// language: feeds are fetched by calendar services, which carry no
// language cookie, and must be the same bytes for everyone.
func (s *Server) calendarBuilder(st setting.Settings) calendar.Builder {
	return calendar.Builder{Org: calendar.OrganizerFrom(st), PublicURL: st.PublicURL(s.cfg.BaseURLOverride, s.cfg.Addr), Lang: st.DefaultLanguage}
}

// CalendarName is the public feed's display name.
func calendarName(st setting.Settings, l i18n.Localizer) string {
	if st.CalendarName != "" {
		return st.CalendarName
	}
	return l.T("calendar.default_name", "organiser", st.OrganiserName)
}

// publicFeed serves /calendar.ics: every public event of the last 90 days
// and the future, optionally of one theme (?theme=) or track (?track=).
func (s *Server) publicFeed(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Events == nil {
		s.notFound(w, r)
		return
	}
	q := event.FeedQuery{Theme: strings.TrimSpace(r.URL.Query().Get("theme"))}
	if t := r.URL.Query().Get("track"); t != "" {
		n, err := strconv.Atoi(t)
		if err != nil || n < 1 || n > 4 {
			s.fail(w, r, http.StatusBadRequest, "calendar.error.track")
			return
		}
		q.Track = n
	}
	key := "feed\x00" + q.Theme + "\x00" + strconv.Itoa(q.Track)
	s.serveFeed(w, r, key, "public, max-age=900", func(st setting.Settings) ([]byte, []event.Event, error) {
		events, err := s.cfg.Events.PublicFeed(r.Context(), q)
		if err != nil {
			return nil, nil, err
		}
		l := i18n.Localizer{Lang: st.DefaultLanguage, Catalog: s.cfg.Catalog}
		name := calendarName(st, l)
		if q.Theme != "" {
			name += " – " + q.Theme
		}
		if q.Track != 0 {
			name += " – " + l.T("calendar.track", "track", q.Track)
		}
		f := calendar.Feed{Name: name, Description: l.T("calendar.description", "organiser", st.OrganiserName), Refresh: feedRefresh}
		return s.calendarBuilder(st).Feed(f, events), events, nil
	})
}

// personalFeed serves /f/{token}.ics: the events one person is registered
// for.
func (s *Server) personalFeed(w http.ResponseWriter, r *http.Request) {
	token, ok := strings.CutSuffix(r.PathValue("file"), ".ics")
	if !ok || s.cfg.Registrations == nil {
		s.notFound(w, r)
		return
	}
	w.Header().Set("X-Robots-Tag", "noindex")
	s.serveFeed(w, r, "personal\x00"+token, "private, max-age=900", func(st setting.Settings) ([]byte, []event.Event, error) {
		_, events, err := s.cfg.Registrations.FeedEvents(r.Context(), token)
		if err != nil {
			return nil, nil, err
		}
		l := i18n.Localizer{Lang: st.DefaultLanguage, Catalog: s.cfg.Catalog}
		f := calendar.Feed{Name: l.T("calendar.personal_name", "organiser", st.OrganiserName), Refresh: feedRefresh}
		return s.calendarBuilder(st).Feed(f, events), events, nil
	})
}

// serveFeed answers with a feed from the cache, or renders and keeps it.
func (s *Server) serveFeed(w http.ResponseWriter, r *http.Request, key, cacheControl string, render func(setting.Settings) ([]byte, []event.Event, error)) {
	gen, now := s.generation(), time.Now()
	if f, ok := s.feedCache.get(key, gen, now); ok {
		f.serve(w, r, "", cacheControl)
		return
	}
	st, err := s.cfg.Settings.Get(r.Context())
	if err != nil {
		s.cfg.Log.Error("load settings for feed", "err", err)
		s.fail(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	body, events, err := render(st)
	if errors.Is(err, registration.ErrNotFound) {
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.cfg.Log.Error("render feed", "err", err)
		s.fail(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	f := newCalendarFile(body, events, st)
	s.feedCache.put(key, gen, now, f)
	f.serve(w, r, "", cacheControl)
}

// eventFile serves /e/{slug}.ics: one event to add to a calendar.
func (s *Server) eventFile(w http.ResponseWriter, r *http.Request, slug string) {
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
	if e.Visibility != "public" && (s.cfg.Registrations == nil || s.cfg.Registrations.CheckInvitation(r.Context(), e, r.URL.Query().Get("i")) != nil) {
		s.notFound(w, r)
		return
	}
	s.serveEventFile(w, r, e, "public, max-age=300")
}

// serveEventFile answers with one event as a calendar file.
func (s *Server) serveEventFile(w http.ResponseWriter, r *http.Request, e event.Event, cacheControl string) {
	st, err := s.cfg.Settings.Get(r.Context())
	if err != nil {
		s.cfg.Log.Error("load settings for event file", "err", err)
		s.fail(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	newCalendarFile(s.calendarBuilder(st).File(e), []event.Event{e}, st).serve(w, r, e.Slug+".ics", cacheControl)
}

// registrationFile serves /r/{token}/event.ics: the event of a
// registration, for the holder of its personal link, whatever the event's
// visibility.
func (s *Server) registrationFile(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Registrations == nil {
		s.notFound(w, r)
		return
	}
	_, e, err := s.cfg.Registrations.ByToken(r.Context(), r.PathValue("token"))
	if errors.Is(err, registration.ErrNotFound) {
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.cfg.Log.Error("load registration", "err", err)
		s.fail(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	w.Header().Set("X-Robots-Tag", "noindex")
	s.serveEventFile(w, r, e, "private, max-age=300")
}

// calendarLinks are an event's "add to calendar" links.
type calendarLinks struct {
	ICS, Google, Outlook string
}

// linksFor makes the add-to-calendar links of an event: the .ics file,
// and Google's and Outlook.com's forms filled in (times in UTC).
func linksFor(e event.Event, publicURL, lang string) calendarLinks {
	b := calendar.Builder{PublicURL: publicURL, Lang: lang}
	title := e.Title
	if lang == "en" && e.TitleEN != "" {
		title = e.TitleEN
	}
	details := b.EventURL(e)
	const g = "20060102T150405Z"
	google := url.Values{"action": {"TEMPLATE"}, "text": {title}, "dates": {e.StartsAt.UTC().Format(g) + "/" + e.EndsAt.UTC().Format(g)},
		"details": {details}, "location": {calendar.Location(e)}}
	outlook := url.Values{"path": {"/calendar/action/compose"}, "rru": {"addevent"}, "subject": {title},
		"startdt": {e.StartsAt.UTC().Format(time.RFC3339)}, "enddt": {e.EndsAt.UTC().Format(time.RFC3339)}, "body": {details},
		"location": {calendar.Location(e)}}
	return calendarLinks{ICS: "/e/" + e.Slug + ".ics",
		Google:  "https://calendar.google.com/calendar/render?" + google.Encode(),
		Outlook: "https://outlook.live.com/calendar/0/deeplink/compose?" + outlook.Encode()}
}

// subscribeLinks are the ways to subscribe to a feed: the https address,
// the webcal:// one calendar apps open directly, and Google's "add by URL".
type subscribeLinks struct {
	HTTPS, Google string
	// Webcal is trusted as a URL: html/template allows only http(s) and
	// mailto links otherwise.
	Webcal template.URL
}

func subscribeFor(feedURL string) subscribeLinks {
	webcal := "webcal://" + strings.TrimPrefix(strings.TrimPrefix(feedURL, "https://"), "http://")
	return subscribeLinks{HTTPS: feedURL, Webcal: template.URL(webcal), // built here from the base URL
		Google: "https://calendar.google.com/calendar/r?cid=" + url.QueryEscape(webcal)}
}

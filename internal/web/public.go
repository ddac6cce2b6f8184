package web

import (
	"encoding/json"
	"errors"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

// accessibilityReviewed is when the accessibility statement was last
// reviewed against the pages; update it with every review.
var accessibilityReviewed = time.Date(2026, time.November, 28, 0, 0, 0, 0, time.UTC)

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	var events []eventView
	if s.cfg.Events != nil {
		list, err := s.cfg.Events.PublicUpcoming(r.Context(), r.URL.Query().Get("theme"))
		if err != nil {
			s.cfg.Log.Error("list public events", "err", err)
			s.fail(w, r, http.StatusInternalServerError, "error.internal")
			return
		}
		loc, lang := s.location(r.Context()), s.requestLang(w, r)
		for _, e := range list {
			events = append(events, s.viewOf(e, lang, loc))
		}
	}
	feed := subscribeFor(s.publicURL(r.Context()) + "/calendar.ics")
	s.render(w, r, http.StatusOK, "home.html", "public.home_title", struct {
		Events []eventView
		Feed   subscribeLinks
	}{events, feed})
}

func (s *Server) accessibility(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "accessibility.html", "public.a11y_title", accessibilityReviewed)
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		s.fail(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	s.render(w, r, http.StatusNotFound, "notfound.html", "public.not_found_title", nil)
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	if err := s.cfg.Store.Ping(r.Context()); err != nil {
		s.cfg.Log.Error("health check failed", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		_ = json.NewEncoder(w).Encode(map[string]string{"status": "unavailable", "database": "error"})
		return
	}
	_ = json.NewEncoder(w).Encode(map[string]string{"status": "ok", "database": "ok", "version": s.cfg.Version})
}

func (s *Server) static(w http.ResponseWriter, r *http.Request) {
	name := path.Clean(r.PathValue("file"))
	data, err := staticFS.ReadFile("static/" + name)
	if err != nil {
		s.notFound(w, r)
		return
	}
	if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	w.Header().Set("Cache-Control", "public, max-age=3600")
	_, _ = w.Write(data)
}

// fail answers an error: JSON for API calls, a page otherwise.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, status int, key string) {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		writeJSON(w, status, s.problem(key))
		return
	}
	if status == http.StatusNotFound {
		s.render(w, r, status, "notfound.html", "public.not_found_title", nil)
		return
	}
	s.render(w, r, status, "error.html", "public.error_title", key)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// tooLarge reports whether err came from the body size limit.
func tooLarge(err error) bool {
	var mbe *http.MaxBytesError
	return errors.As(err, &mbe)
}

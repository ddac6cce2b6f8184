package web

import (
	"context"
	"crypto/subtle"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"convene/internal/audit"
	"convene/internal/auth"
)

// Content security: the public site runs no script at all; the staff UI runs
// only its own bundle (its component library sets inline styles).
const (
	cspPublic = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
	cspAdmin  = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'self'; frame-ancestors 'none'"
)

func (s *Server) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		csp := cspPublic
		if strings.HasPrefix(r.URL.Path, "/admin") {
			csp = cspAdmin
		}
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		if s.secure(r) {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.cfg.Log.Error("panic serving request", "path", r.URL.Path, "panic", v)
				s.fail(w, r, http.StatusInternalServerError, "error.internal")
			}
		}()
		next.ServeHTTP(w, r)
	})
}

type actorKey struct{}
type sessionKey struct{}

// guard applies a route's access rule and body limit.
func (s *Server) guard(rt route) http.Handler {
	limit := rt.Limit
	if limit == 0 {
		limit = defaultBodyLimit
	}
	deadline := rt.Deadline
	if deadline == 0 {
		deadline = defaultDeadline
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		ctx, cancel := context.WithTimeout(r.Context(), deadline)
		defer cancel()
		r = r.WithContext(ctx)
		if rt.Access == public {
			// Changes made from the public site are the public's.
			rt.Handler(w, r.WithContext(audit.WithActor(r.Context(), "public")))
			return
		}
		sess, user, err := s.session(r)
		if err != nil {
			if !errors.Is(err, auth.ErrNoSession) {
				s.cfg.Log.Error("session lookup failed", "err", err)
				s.fail(w, r, http.StatusInternalServerError, "error.internal")
				return
			}
			if rt.Access == staffAPI {
				s.fail(w, r, http.StatusUnauthorized, "error.unauthorized")
				return
			}
			http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		if rt.Access == staffAPI && !validCSRF(r.Header.Get(csrfHeader), sess.CSRFToken) {
			s.fail(w, r, http.StatusForbidden, "error.csrf")
			return
		}
		ctx = context.WithValue(r.Context(), actorKey{}, auth.ActorFor(user))
		ctx = context.WithValue(ctx, sessionKey{}, sess)
		rt.Handler(w, r.WithContext(ctx))
	})
}

func validCSRF(got, want string) bool {
	return got != "" && want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

func actorFrom(ctx context.Context) auth.Actor {
	a, _ := ctx.Value(actorKey{}).(auth.Actor)
	return a
}

func sessionFrom(ctx context.Context) auth.Session {
	s, _ := ctx.Value(sessionKey{}).(auth.Session)
	return s
}

// secure reports whether cookies must be Secure: the request came over TLS,
// through a proxy that says so, or the public base URL is https.
func (s *Server) secure(r *http.Request) bool {
	if r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https") {
		return true
	}
	return strings.HasPrefix(s.cfg.BaseURLOverride, "https://")
}

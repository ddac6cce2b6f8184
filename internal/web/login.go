package web

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"convene/internal/auth"
	"convene/internal/i18n"
)

const (
	sessionCookie   = "convene_session"
	csrfCookie      = "convene_csrf"
	loginCSRFCookie = "convene_login_csrf"
	csrfHeader      = "X-CSRF-Token"
	loginWindow     = 15 * time.Minute
)

type loginView struct {
	Email  string
	Next   string
	CSRF   string
	Error  *i18n.Message
	Notice string
}

func msg(key string, params map[string]any) *i18n.Message {
	return &i18n.Message{Key: key, Params: params}
}

func (s *Server) session(r *http.Request) (auth.Session, auth.User, error) {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return auth.Session{}, auth.User{}, auth.ErrNoSession
	}
	return s.cfg.Users.Lookup(r.Context(), c.Value)
}

// safeNext keeps redirects after sign-in inside the staff UI.
func safeNext(next string) string {
	if strings.HasPrefix(next, "/admin/") && !strings.HasPrefix(next, "//") && !strings.Contains(next, "\\") {
		return next
	}
	return "/admin/"
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	if _, _, err := s.session(r); err == nil {
		http.Redirect(w, r, safeNext(r.URL.Query().Get("next")), http.StatusSeeOther)
		return
	}
	v := loginView{Next: safeNext(r.URL.Query().Get("next"))}
	if r.URL.Query().Get("out") == "1" {
		v.Notice = "login.logged_out"
	}
	s.renderLogin(w, r, http.StatusOK, v)
}

// renderLogin shows the form with a fresh login CSRF token (a double-submit
// cookie: there is no session yet to hold it).
func (s *Server) renderLogin(w http.ResponseWriter, r *http.Request, status int, v loginView) {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	v.CSRF = base64.RawURLEncoding.EncodeToString(b)
	http.SetCookie(w, &http.Cookie{Name: loginCSRFCookie, Value: v.CSRF, Path: "/login", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: s.secure(r), MaxAge: 3600})
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, status, "login.html", "login.title", v)
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		status, key := http.StatusBadRequest, "error.bad_request"
		if tooLarge(err) {
			status, key = http.StatusRequestEntityTooLarge, "error.too_large"
		}
		s.fail(w, r, status, key)
		return
	}
	email := strings.ToLower(strings.TrimSpace(r.PostFormValue("email")))
	v := loginView{Email: email, Next: safeNext(r.PostFormValue("next"))}
	c, err := r.Cookie(loginCSRFCookie)
	if err != nil || !validCSRF(r.PostFormValue("csrf"), c.Value) {
		v.Error = msg("error.csrf", nil)
		s.renderLogin(w, r, http.StatusForbidden, v)
		return
	}
	ip := s.clientIP(r)
	for _, key := range []string{"email:" + email, "ip:" + ip} {
		limiter := s.throttle
		if strings.HasPrefix(key, "ip:") {
			limiter = s.ipLimit
		}
		if ok, wait := limiter.Allow(key); !ok {
			v.Error = msg("auth.error.throttled", map[string]any{"minutes": int(math.Ceil(wait.Minutes()))})
			w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
			s.renderLogin(w, r, http.StatusTooManyRequests, v)
			return
		}
	}
	user, err := s.cfg.Users.Authenticate(r.Context(), email, r.PostFormValue("password"))
	if errors.Is(err, auth.ErrBadCredentials) {
		s.throttle.Fail("email:" + email)
		s.ipLimit.Fail("ip:" + ip)
		s.cfg.Log.Warn("sign-in refused", "email", email, "ip", ip)
		v.Error = msg("auth.error.bad_credentials", nil)
		s.renderLogin(w, r, http.StatusUnauthorized, v)
		return
	}
	if err != nil {
		s.cfg.Log.Error("sign-in failed", "err", err)
		v.Error = msg("error.internal", nil)
		s.renderLogin(w, r, http.StatusInternalServerError, v)
		return
	}
	s.throttle.Reset("email:" + email)
	sess, err := s.cfg.Users.CreateSession(r.Context(), user.ID, r.UserAgent(), ip)
	if err != nil {
		s.cfg.Log.Error("create session", "err", err)
		v.Error = msg("error.internal", nil)
		s.renderLogin(w, r, http.StatusInternalServerError, v)
		return
	}
	s.cfg.Log.Info("signed in", "user_id", user.ID, "email", user.Email)
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: sess.Token, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.secure(r), Expires: sess.ExpiresAt.Add(auth.MaxLifetime)})
	s.setCSRFCookie(w, r, sess.CSRFToken)
	http.SetCookie(w, &http.Cookie{Name: loginCSRFCookie, Value: "", Path: "/login", MaxAge: -1})
	http.Redirect(w, r, v.Next, http.StatusSeeOther)
}

// logout ends the session. It needs the session's CSRF token, from the
// staff UI's header or a form field, so no other site can sign staff out.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	sess, _, err := s.session(r)
	if err == nil {
		token := r.Header.Get(csrfHeader)
		if token == "" {
			token = r.PostFormValue("csrf")
		}
		if !validCSRF(token, sess.CSRFToken) {
			s.fail(w, r, http.StatusForbidden, "error.csrf")
			return
		}
		if err := s.cfg.Users.DeleteSession(r.Context(), sess.Token); err != nil {
			s.cfg.Log.Error("delete session", "err", err)
		}
	}
	for _, name := range []string{sessionCookie, csrfCookie} {
		http.SetCookie(w, &http.Cookie{Name: name, Value: "", Path: "/", MaxAge: -1, Secure: s.secure(r)})
	}
	http.Redirect(w, r, "/login?out=1", http.StatusSeeOther)
}

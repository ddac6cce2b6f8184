package web

import (
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

func (s *Server) adminRedirect(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/admin/", http.StatusMovedPermanently)
}

// admin serves the built staff UI. The page itself is never cached; its
// hashed assets are. With every page it hands the session's CSRF token to
// the UI in a cookie that scripts on this origin can read.
func (s *Server) admin(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(path.Clean("/"+r.PathValue("path")), "/")
	if name == "" {
		name = "index.html"
	}
	if s.cfg.Admin == nil {
		s.fail(w, r, http.StatusServiceUnavailable, "admin.not_built")
		return
	}
	data, err := fs.ReadFile(s.cfg.Admin, name)
	if err != nil && name != "index.html" && !strings.Contains(path.Base(name), ".") {
		// A client-side route: answer with the app.
		name = "index.html"
		data, err = fs.ReadFile(s.cfg.Admin, name)
	}
	if err != nil {
		if name == "index.html" {
			s.fail(w, r, http.StatusServiceUnavailable, "admin.not_built")
			return
		}
		s.fail(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	if name == "index.html" {
		w.Header().Set("Cache-Control", "no-store")
		s.setCSRFCookie(w, r, sessionFrom(r.Context()).CSRFToken)
	} else if strings.HasPrefix(name, "assets/") {
		w.Header().Set("Cache-Control", "private, max-age=31536000, immutable")
	}
	_, _ = w.Write(data)
}

// setCSRFCookie hands the session's CSRF token to the staff UI, which sends
// it back in a header; another site can neither read nor send it.
func (s *Server) setCSRFCookie(w http.ResponseWriter, r *http.Request, token string) {
	http.SetCookie(w, &http.Cookie{Name: csrfCookie, Value: token, Path: "/",
		SameSite: http.SameSiteStrictMode, Secure: s.secure(r)})
}

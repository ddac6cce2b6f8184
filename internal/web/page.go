package web

import (
	"bytes"
	"embed"
	"html/template"
	"net/http"

	"convene/internal/i18n"
	"convene/internal/setting"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

func parseTemplates() (*template.Template, error) {
	return template.New("").Funcs(template.FuncMap{
		"add1": func(i int) int { return i + 1 },
		"calendarArgs": func(p pageData, links calendarLinks, invitation string) any {
			return struct {
				P          pageData
				Links      calendarLinks
				Invitation string
			}{p, links, invitation}
		},
		"subscribeArgs": func(p pageData, links subscribeLinks) any {
			return struct {
				P     pageData
				Links subscribeLinks
			}{p, links}
		},
	}).ParseFS(templateFS, "templates/*.html")
}

// pageData is what every public page template receives.
type pageData struct {
	L        i18n.Localizer
	Settings setting.Settings
	Title    string
	Path     string
	Data     any
}

const langCookie = "convene_lang"

// lang picks a request's language: ?lang= (remembered in a cookie), the
// cookie, then the organiser's default. The browser's Accept-Language is
// not used: the department's audience is Danish even when their browsers
// are set to English, and the switch is one click away.
func (s *Server) lang(w http.ResponseWriter, r *http.Request, def string) string {
	if q := r.URL.Query().Get("lang"); i18n.Supported(q) {
		http.SetCookie(w, &http.Cookie{Name: langCookie, Value: q, Path: "/", MaxAge: 365 * 24 * 3600,
			HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secure(r)})
		return q
	}
	if c, err := r.Cookie(langCookie); err == nil && i18n.Supported(c.Value) {
		return c.Value
	}
	if i18n.Supported(def) {
		return def
	}
	return i18n.Default
}

// render writes a page, or a plain error if the template fails: the page is
// rendered into a buffer first so a failure never sends half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name, titleKey string, data any) {
	s.renderTitled(w, r, status, name, func(l i18n.Localizer) string { return l.T(titleKey) }, data)
}

// renderTitled is render with a page title made in the request's language.
func (s *Server) renderTitled(w http.ResponseWriter, r *http.Request, status int, name string, title func(i18n.Localizer) string, data any) {
	page, err := s.page(w, r, name, title, data)
	if err != nil {
		s.cfg.Log.Error("render page", "page", name, "err", err)
		http.Error(w, s.localizer(w, r).T("error.internal"), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(page)
}

// page renders a page into bytes.
func (s *Server) page(w http.ResponseWriter, r *http.Request, name string, title func(i18n.Localizer) string, data any) ([]byte, error) {
	st, err := s.cfg.Settings.Get(r.Context())
	if err != nil {
		s.cfg.Log.Error("load settings for page", "err", err)
		st = setting.Defaults()
	}
	l := i18n.Localizer{Lang: s.lang(w, r, st.DefaultLanguage), Catalog: s.cfg.Catalog}
	pd := pageData{L: l, Settings: st, Title: title(l), Path: r.URL.Path, Data: data}
	var buf bytes.Buffer
	if err := s.pages.ExecuteTemplate(&buf, name, pd); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// requestLang is the language of the request's page.
func (s *Server) requestLang(w http.ResponseWriter, r *http.Request) string {
	def := i18n.Default
	if st, err := s.cfg.Settings.Get(r.Context()); err == nil {
		def = st.DefaultLanguage
	}
	return s.lang(w, r, def)
}

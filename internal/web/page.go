package web

import (
	"bytes"
	"embed"
	"html/template"
	"net/http"
	"time"

	"convene/internal/i18n"
	"convene/internal/setting"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

func parseTemplates() (*template.Template, error) {
	return template.New("").ParseFS(templateFS, "templates/*.html")
}

// Localizer translates for one request's language; templates call
// {{.L.T "key" "name" value ...}}.
type Localizer struct {
	Lang    string
	catalog *i18n.Catalog
}

// T translates key, with parameters given as name, value pairs.
func (l Localizer) T(key string, kv ...any) string {
	var params map[string]any
	if len(kv) > 1 {
		params = make(map[string]any, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			if name, ok := kv[i].(string); ok {
				params[name] = kv[i+1]
			}
		}
	}
	return l.catalog.T(l.Lang, key, params)
}

// Msg translates a message with its parameters.
func (l Localizer) Msg(m i18n.Message) string { return l.catalog.T(l.Lang, m.Key, m.Params) }

// Date writes t in the language's prose style.
func (l Localizer) Date(t time.Time) string { return i18n.FormatDate(l.Lang, t) }

// Other is the language the switch offers.
func (l Localizer) Other() string {
	if l.Lang == "da" {
		return "en"
	}
	return "da"
}

// pageData is what every public page template receives.
type pageData struct {
	L        Localizer
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
	st, err := s.cfg.Settings.Get(r.Context())
	if err != nil {
		s.cfg.Log.Error("load settings for page", "err", err)
		st = setting.Defaults()
	}
	l := Localizer{Lang: s.lang(w, r, st.DefaultLanguage), catalog: s.cfg.Catalog}
	pd := pageData{L: l, Settings: st, Title: l.T(titleKey), Path: r.URL.Path, Data: data}
	var buf bytes.Buffer
	if err := s.pages.ExecuteTemplate(&buf, name, pd); err != nil {
		s.cfg.Log.Error("render page", "page", name, "err", err)
		http.Error(w, l.T("error.internal"), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

package web

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"convene/internal/auth"
	"convene/internal/campaign"
	"convene/internal/company"
	"convene/internal/event"
	"convene/internal/i18n"
	"convene/internal/mail"
	"convene/internal/registration"
	"convene/internal/setting"
	"convene/internal/store"
	"convene/internal/store/storetest"
)

// Echo is a bound service for the endpoint's tests.
type Echo struct {
	ctx   context.Context
	actor auth.Actor
}

type greeting struct {
	Text  string `json:"text"`
	Actor string `json:"actor"`
}

func (e *Echo) Hello(name string, n int) (greeting, error) {
	return greeting{Text: strings.Repeat(name, n), Actor: e.actor.Email}, nil
}
func (e *Echo) Invalid() error {
	var v i18n.Validation
	v.Add("email", "error.email", nil)
	return v.Err()
}
func (e *Echo) AdminOnly() (string, error) {
	if err := e.actor.RequireAdmin(); err != nil {
		return "", err
	}
	return "secret", nil
}
func (e *Echo) Boom() error { return errors.New("disk on fire at /var/secret") }

type fixture struct {
	t        *testing.T
	srv      *httptest.Server
	s        *Server
	users    *auth.Service
	settings *setting.Service
	events   *event.Service
	regs     *registration.Service
	camps    *campaign.Service
	register *company.Service
	outbox   *mail.Outbox
	store    *store.Store
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	st := storetest.New(t)
	f := &fixture{t: t, users: auth.NewService(st), settings: setting.NewService(st), events: event.NewService(st, "balk.dk")}
	f.regs = registration.NewService(st, f.events, nil, nil)
	cat := i18n.MustLoad()
	renderer, err := mail.NewRenderer(cat, f.settings)
	if err != nil {
		t.Fatal(err)
	}
	f.store, f.outbox, f.register = st, mail.NewOutbox(st, renderer), company.NewService(st)
	f.camps = campaign.NewService(st, f.settings, cat, f.register, f.events, f.outbox, func(context.Context) string { return "http://127.0.0.1:0" })
	f.regs.SetInvitations(f.camps)
	s, err := New(Config{
		Store: st, Settings: f.settings, Users: f.users, Catalog: i18n.MustLoad(),
		Log:   slog.New(slog.NewTextHandler(io.Discard, nil)),
		Admin: fstest.MapFS{"index.html": {Data: []byte("<!doctype html><title>staff</title>")}, "assets/app.js": {Data: []byte("console.log(1)")}},
		Services: func(ctx context.Context, a auth.Actor) []any {
			return []any{&Echo{ctx: ctx, actor: a}}
		},
		Addr: "127.0.0.1:0", Version: "test", Events: f.events, Registrations: f.regs, Campaigns: f.camps,
	})
	if err != nil {
		t.Fatal(err)
	}
	f.s = s
	f.srv = httptest.NewServer(s)
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fixture) addUser(email string, role auth.Role) {
	f.t.Helper()
	if _, err := f.users.AddUser(context.Background(), auth.NewUser{Email: email, Role: role, Password: "long enough pw"}); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// login signs c in and returns the CSRF token the staff UI would use.
func (f *fixture) login(c *http.Client, email, password string) (*http.Response, string) {
	f.t.Helper()
	resp, err := c.Get(f.srv.URL + "/login")
	if err != nil {
		f.t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := csrfField.FindSubmatch(body)
	if m == nil {
		f.t.Fatalf("no csrf field on the login page")
	}
	resp, err = c.PostForm(f.srv.URL+"/login", url.Values{"csrf": {string(m[1])}, "email": {email}, "password": {password}, "next": {"/admin/"}})
	if err != nil {
		f.t.Fatal(err)
	}
	resp.Body.Close()
	u, _ := url.Parse(f.srv.URL)
	for _, ck := range c.Jar.Cookies(u) {
		if ck.Name == csrfCookie {
			return resp, ck.Value
		}
	}
	return resp, ""
}

func (f *fixture) rpc(c *http.Client, csrf, method, body string) (int, string) {
	f.t.Helper()
	req, _ := http.NewRequest("POST", f.srv.URL+"/api/rpc/"+method, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if csrf != "" {
		req.Header.Set(csrfHeader, csrf)
	}
	resp, err := c.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestRPC(t *testing.T) {
	f := newFixture(t)
	f.addUser("staff@balk.dk", auth.RoleStaff)
	c := f.client()
	resp, csrf := f.login(c, "staff@balk.dk", "long enough pw")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/" || csrf == "" {
		t.Fatalf("login: %d to %q, csrf %q", resp.StatusCode, resp.Header.Get("Location"), csrf)
	}
	for _, tc := range []struct {
		name, csrf, method, body string
		status                   int
		want                     string
	}{
		{"call", csrf, "Echo/Hello", `["ab", 2]`, 200, `{"text":"abab","actor":"staff@balk.dk"}`},
		{"validation", csrf, "Echo/Invalid", `[]`, 422, `"fields":{"email":{"key":"error.email"}}`},
		{"role", csrf, "Echo/AdminOnly", `[]`, 403, `"key":"error.forbidden"`},
		{"internal error hides its cause", csrf, "Echo/Boom", `[]`, 500, `"key":"error.internal"`},
		{"no csrf", "", "Echo/Hello", `["a", 1]`, 403, `"key":"error.csrf"`},
		{"wrong csrf", csrf + "x", "Echo/Hello", `["a", 1]`, 403, `"key":"error.csrf"`},
		{"unknown method", csrf, "Echo/Nope", `[]`, 404, `"key":"error.unknown_method"`},
		{"unknown service", csrf, "Nope/Hello", `[]`, 404, `"key":"error.unknown_method"`},
		{"wrong arity", csrf, "Echo/Hello", `["a"]`, 400, `"key":"error.bad_request"`},
		{"wrong type", csrf, "Echo/Hello", `[1, "a"]`, 400, `"key":"error.bad_request"`},
		{"not an array", csrf, "Echo/Hello", `{}`, 400, `"key":"error.bad_request"`},
		{"too large", csrf, "Echo/Hello", `["` + strings.Repeat("a", rpcBodyLimit) + `", 1]`, 413, `"key":"error.too_large"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body := f.rpc(c, tc.csrf, tc.method, tc.body)
			if status != tc.status || !strings.Contains(body, tc.want) {
				t.Fatalf("%s = %d %s, want %d with %s", tc.method, status, body, tc.status, tc.want)
			}
			if strings.Contains(body, "fire") {
				t.Fatal("the error's cause leaked to the client")
			}
		})
	}
}

func TestLoginFlow(t *testing.T) {
	f := newFixture(t)
	f.addUser("admin@balk.dk", auth.RoleAdmin)
	c := f.client()
	resp, _ := f.login(c, "admin@balk.dk", "wrong password")
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("wrong password: %d", resp.StatusCode)
	}
	if status, _ := f.rpc(c, "", "Echo/Hello", `["a",1]`); status != http.StatusUnauthorized {
		t.Fatalf("rpc after refused login: %d", status)
	}
	// A login post without the form's token is refused.
	resp, err := c.PostForm(f.srv.URL+"/login", url.Values{"email": {"admin@balk.dk"}, "password": {"long enough pw"}})
	if err != nil || resp.StatusCode != http.StatusForbidden {
		t.Fatalf("login without csrf: %v %d", err, resp.StatusCode)
	}
	resp, csrf := f.login(c, "admin@balk.dk", "long enough pw")
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login: %d", resp.StatusCode)
	}
	r, _ := c.Get(f.srv.URL + "/admin/")
	b, _ := io.ReadAll(r.Body)
	if r.StatusCode != 200 || !strings.Contains(string(b), "staff") || r.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("/admin/ after login: %d %q", r.StatusCode, b)
	}
	r, _ = c.Get(f.srv.URL + "/admin/settings")
	if r.StatusCode != 200 {
		t.Fatalf("client route: %d", r.StatusCode)
	}
	r, _ = c.Get(f.srv.URL + "/admin/assets/app.js")
	if r.StatusCode != 200 || !strings.Contains(r.Header.Get("Cache-Control"), "immutable") {
		t.Fatalf("asset: %d %q", r.StatusCode, r.Header.Get("Cache-Control"))
	}
	r, _ = c.Get(f.srv.URL + "/admin/assets/missing.js")
	if r.StatusCode != 404 {
		t.Fatalf("missing asset: %d", r.StatusCode)
	}
	// Logout needs the token.
	r, _ = c.Post(f.srv.URL+"/logout", "", nil)
	if r.StatusCode != http.StatusForbidden {
		t.Fatalf("logout without csrf: %d", r.StatusCode)
	}
	req, _ := http.NewRequest("POST", f.srv.URL+"/logout", nil)
	req.Header.Set(csrfHeader, csrf)
	r, _ = c.Do(req)
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout: %d", r.StatusCode)
	}
	if status, _ := f.rpc(c, csrf, "Echo/Hello", `["a",1]`); status != http.StatusUnauthorized {
		t.Fatalf("rpc after logout: %d", status)
	}
	r, _ = c.Get(f.srv.URL + "/admin/")
	if r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/login?next=") {
		t.Fatalf("/admin/ after logout: %d %q", r.StatusCode, r.Header.Get("Location"))
	}
}

func TestLoginThrottle(t *testing.T) {
	f := newFixture(t)
	f.addUser("admin@balk.dk", auth.RoleAdmin)
	c := f.client()
	for i := 0; i < 5; i++ {
		if resp, _ := f.login(c, "admin@balk.dk", "guess"); resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("attempt %d: %d", i, resp.StatusCode)
		}
	}
	resp, _ := f.login(c, "admin@balk.dk", "long enough pw")
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("sixth attempt: %d, Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
}

func TestNextRedirectStaysInside(t *testing.T) {
	for in, want := range map[string]string{
		"/admin/#/settings": "/admin/#/settings", "//evil.example/admin/": "/admin/", "https://evil.example": "/admin/",
		"/admin/\\evil": "/admin/", "": "/admin/",
	} {
		if got := safeNext(in); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPublicPages(t *testing.T) {
	f := newFixture(t)
	st := setting.Defaults()
	st.OrganiserName = "Herlev & Co <Kommune>"
	if _, err := f.settings.Save(context.Background(), st, "test"); err != nil {
		t.Fatal(err)
	}
	c := f.client()
	for _, tc := range []struct {
		path   string
		status int
		want   []string
	}{
		{"/", 200, []string{`<html lang="da">`, "Herlev &amp; Co &lt;Kommune&gt;", "Der er ingen kommende arrangementer", "Hold-an Vej 7"}},
		{"/?lang=en", 200, []string{`<html lang="en">`, "There are no upcoming events", `href="/?lang=da"`}},
		{"/tilgaengelighed?lang=da", 200, []string{"Tilgængelighedserklæring", "WCAG 2.1", "28. november 2026"}},
		{"/nowhere", 404, []string{"Siden findes ikke"}},
		{"/healthz", 200, []string{`"status":"ok"`}},
		{"/static/site.css", 200, []string{"--brand"}},
		{"/login", 200, []string{`autocomplete="current-password"`}},
	} {
		resp, err := c.Get(f.srv.URL + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.status {
			t.Errorf("%s: status %d, want %d", tc.path, resp.StatusCode, tc.status)
		}
		for _, w := range tc.want {
			if !strings.Contains(string(b), w) {
				t.Errorf("%s: body lacks %q", tc.path, w)
			}
		}
		for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"} {
			if resp.Header.Get(h) == "" {
				t.Errorf("%s: no %s header", tc.path, h)
			}
		}
		if strings.Contains(string(b), "<script") {
			t.Errorf("%s: the public site must work without JavaScript", tc.path)
		}
	}
	// The language choice is remembered.
	c.Get(f.srv.URL + "/?lang=en")
	resp, _ := c.Get(f.srv.URL + "/tilgaengelighed")
	b, _ := io.ReadAll(resp.Body)
	if !strings.Contains(string(b), `<html lang="en">`) {
		t.Error("the English choice was not remembered")
	}
}

func TestBodyLimitAndCrossOrigin(t *testing.T) {
	f := newFixture(t)
	c := f.client()
	resp, err := c.Post(f.srv.URL+"/login", "application/x-www-form-urlencoded", strings.NewReader("email="+strings.Repeat("a", defaultBodyLimit+1)))
	if err != nil || resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("huge login form: %v %d", err, resp.StatusCode)
	}
	req, _ := http.NewRequest("POST", f.srv.URL+"/login", strings.NewReader("email=a"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err = c.Do(req)
	if err != nil || resp.StatusCode != http.StatusForbidden {
		t.Fatalf("cross-site post: %v %d", err, resp.StatusCode)
	}
}

func TestClientAddressBehindTrustedProxies(t *testing.T) {
	proxies, err := ParseProxies("10.0.0.5, 192.168.1.0/24")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParseProxies("10.0.0.5,not-an-ip"); err == nil {
		t.Fatal("a bad proxy was accepted")
	}
	s := &Server{cfg: Config{TrustedProxies: proxies}}
	for _, c := range []struct{ remote, xff, want string }{
		{"203.0.113.9:5000", "", "203.0.113.9"},
		{"203.0.113.9:5000", "1.2.3.4", "203.0.113.9"},                 // an untrusted peer cannot claim another address
		{"10.0.0.5:443", "198.51.100.7", "198.51.100.7"},               // the proxy names the client
		{"10.0.0.5:443", "6.6.6.6, 198.51.100.7", "198.51.100.7"},      // the client's own entry on the left is ignored
		{"10.0.0.5:443", "198.51.100.7, 192.168.1.20", "198.51.100.7"}, // two proxies
		{"10.0.0.5:443", "garbage", "10.0.0.5"},
	} {
		r := httptest.NewRequest("POST", "/e/x/register", nil)
		r.RemoteAddr = c.remote
		if c.xff != "" {
			r.Header.Set("X-Forwarded-For", c.xff)
		}
		if got := s.clientIP(r); got != c.want {
			t.Errorf("%s via %q: %s, want %s", c.remote, c.xff, got, c.want)
		}
	}
}

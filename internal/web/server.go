package web

import (
	"context"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/netip"
	"time"

	"convene/internal/auth"
	"convene/internal/i18n"
	"convene/internal/setting"
	"convene/internal/store"
)

// ServiceFactory returns the bound services acting for actor; the RPC
// endpoint calls it once per request.
type ServiceFactory func(ctx context.Context, actor auth.Actor) []any

// Config is what the web layer needs.
type Config struct {
	Store    *store.Store
	Settings *setting.Service
	Users    *auth.Service
	Catalog  *i18n.Catalog
	Log      *slog.Logger
	// Admin holds the built staff UI (frontend/dist); nil serves none.
	Admin fs.FS
	// Events feeds the public event pages; nil shows none.
	Events EventSource
	// Registrations takes registrations on the event pages; nil offers none.
	Registrations Registrations
	// Campaigns answers invitation, unsubscribe and newsletter links; nil
	// answers none.
	Campaigns Campaigns
	// Awards lists the published gazelles; nil lists none.
	Awards Awards
	// FormPostsPerAddress caps public form posts per client address in 10
	// minutes; 0 means 600, negative means no cap (as for a benchmark
	// whose clients all share one address).
	FormPostsPerAddress int
	// TrustedProxies are the reverse proxies whose X-Forwarded-For names
	// the client (see clientIP); none means the peer is the client.
	TrustedProxies []netip.Prefix
	// Services makes the RPC endpoint's services; nil disables /api/rpc.
	Services ServiceFactory
	// FormatError turns a service error into the JSON the frontend reads.
	FormatError func(error) any
	// BaseURLOverride and Addr decide the public base URL with the settings.
	BaseURLOverride string
	Addr            string
	Version         string
}

// Server is the HTTP side of Convene.
type Server struct {
	cfg       Config
	pages     *template.Template
	throttle  *auth.Throttle
	ipLimit   *auth.Throttle
	formLimit *auth.Throttle
	pageCache *memo[cachedPage]
	feedCache *memo[calendarFile]
	rpc       *rpcTable
	handler   http.Handler
	routeList []route
}

// New builds the server and its routes.
func New(cfg Config) (*Server, error) {
	pages, err := parseTemplates()
	if err != nil {
		return nil, err
	}
	s := &Server{
		cfg:       cfg,
		pages:     pages,
		throttle:  auth.NewThrottle(5, loginWindow),
		ipLimit:   auth.NewThrottle(30, loginWindow),
		pageCache: newMemo[cachedPage](pageCacheFor),
		feedCache: newMemo[calendarFile](feedCacheFor),
	}
	// Public form posts per address: generous, since a town hall or a
	// business park may share one address, but a script posting thousands
	// is stopped.
	switch n := cfg.FormPostsPerAddress; {
	case n == 0:
		s.formLimit = auth.NewThrottle(600, 10*time.Minute)
	case n > 0:
		s.formLimit = auth.NewThrottle(n, 10*time.Minute)
	}
	if cfg.Services != nil {
		s.rpc = newRPCTable(cfg.Services)
	}
	s.routeList = s.routes()
	mux := http.NewServeMux()
	for _, rt := range s.routeList {
		mux.Handle(rt.Method+" "+rt.Pattern, s.guard(rt))
	}
	mux.HandleFunc("/", s.notFound)
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, http.StatusForbidden, "error.csrf")
	}))
	s.handler = s.recoverer(s.securityHeaders(cop.Handler(mux)))
	return s, nil
}

// ServeHTTP makes Server an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// access says who may reach a route.
type access int

const (
	public   access = iota // anyone
	staff                  // a signed-in user, redirected to /login otherwise
	staffAPI               // a signed-in user, 401 otherwise, CSRF checked
)

// route is one entry of the route table. The table is data so a test can
// walk it and prove every staff route refuses a request without a session.
type route struct {
	Method  string
	Pattern string
	Access  access
	// Limit caps the request body; 0 means defaultBodyLimit.
	Limit int64
	// Deadline bounds the request's work; 0 means defaultDeadline.
	Deadline time.Duration
	Handler  http.HandlerFunc
}

const (
	defaultBodyLimit = 64 << 10
	rpcBodyLimit     = 32 << 20 // an import file of 20 MB, base64-encoded
	// defaultDeadline is how long a request may keep the database busy;
	// a visitor waiting longer is better told to try again.
	defaultDeadline = 15 * time.Second
	// rpcDeadline allows the staff UI's imports and exports of a whole
	// register.
	rpcDeadline = 5 * time.Minute
)

func (s *Server) routes() []route {
	return []route{
		{Method: "GET", Pattern: "/{$}", Access: public, Handler: s.home},
		{Method: "GET", Pattern: "/tilgaengelighed", Access: public, Handler: s.accessibility},
		{Method: "GET", Pattern: "/e/{slug}", Access: public, Handler: s.eventPage},
		{Method: "POST", Pattern: "/e/{slug}/register", Access: public, Handler: s.register},
		{Method: "GET", Pattern: "/r/{token}", Access: public, Handler: s.registrationPage},
		{Method: "POST", Pattern: "/r/{token}/cancel", Access: public, Handler: s.cancelRegistration},
		{Method: "GET", Pattern: "/r/{token}/change", Access: public, Handler: s.changePage},
		{Method: "GET", Pattern: "/r/{token}/event.ics", Access: public, Handler: s.registrationFile},
		{Method: "POST", Pattern: "/r/{token}/change", Access: public, Handler: s.changeRegistration},
		{Method: "GET", Pattern: "/i/{token}", Access: public, Handler: s.invitationPage},
		{Method: "POST", Pattern: "/i/{token}/decline", Access: public, Handler: s.declineInvitation},
		{Method: "GET", Pattern: "/u/{token}", Access: public, Handler: s.unsubscribePage},
		{Method: "POST", Pattern: "/u/{token}", Access: public, Handler: s.unsubscribe},
		{Method: "GET", Pattern: "/tilmeld-nyhedsbrev", Access: public, Handler: s.newsletterPage},
		{Method: "POST", Pattern: "/tilmeld-nyhedsbrev", Access: public, Handler: s.newsletterSignUp},
		{Method: "GET", Pattern: "/tilmeld-nyhedsbrev/{token}", Access: public, Handler: s.newsletterConfirmPage},
		{Method: "POST", Pattern: "/tilmeld-nyhedsbrev/{token}", Access: public, Handler: s.newsletterConfirm},
		{Method: "GET", Pattern: "/gazeller", Access: public, Handler: s.gazelles},
		{Method: "GET", Pattern: "/calendar.ics", Access: public, Handler: s.publicFeed},
		{Method: "GET", Pattern: "/f/{file}", Access: public, Handler: s.personalFeed},
		{Method: "GET", Pattern: "/healthz", Access: public, Handler: s.healthz},
		{Method: "GET", Pattern: "/static/{file}", Access: public, Handler: s.static},
		{Method: "GET", Pattern: "/login", Access: public, Handler: s.loginPage},
		{Method: "POST", Pattern: "/login", Access: public, Handler: s.login},
		{Method: "POST", Pattern: "/logout", Access: public, Handler: s.logout},
		{Method: "GET", Pattern: "/admin", Access: staff, Handler: s.adminRedirect},
		{Method: "GET", Pattern: "/admin/{path...}", Access: staff, Handler: s.admin},
		{Method: "POST", Pattern: "/api/rpc/{service}/{method}", Access: staffAPI, Limit: rpcBodyLimit, Deadline: rpcDeadline, Handler: s.rpcCall},
	}
}

// RouteInfo describes one route for tests and documentation.
type RouteInfo struct {
	Method  string
	Pattern string
	// Staff is true when the route needs a signed-in user.
	Staff bool
}

// Routes lists the route table.
func (s *Server) Routes() []RouteInfo {
	out := make([]RouteInfo, 0, len(s.routeList))
	for _, rt := range s.routeList {
		out = append(out, RouteInfo{Method: rt.Method, Pattern: rt.Pattern, Staff: rt.Access != public})
	}
	return out
}

// RPCMethods lists every "Service.Method" the RPC endpoint answers.
func (s *Server) RPCMethods() []string {
	if s.rpc == nil {
		return nil
	}
	return s.rpc.Methods()
}

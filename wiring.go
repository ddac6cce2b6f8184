package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"syscall"
	"time"

	"convene/app"
	"convene/internal/auth"
	"convene/internal/award"
	"convene/internal/calendar"
	"convene/internal/campaign"
	"convene/internal/company"
	"convene/internal/event"
	"convene/internal/housekeeping"
	"convene/internal/i18n"
	"convene/internal/mail"
	"convene/internal/privacy"
	"convene/internal/registration"
	"convene/internal/report"
	"convene/internal/setting"
	"convene/internal/store"
	"convene/internal/web"
)

// system is the running program: the store, the services and the web
// server, built in one place so every mode wires them the same way.
type system struct {
	cfg    config
	log    *slog.Logger
	store  *store.Store
	deps   *app.Deps
	web    *web.Server
	mailer *mail.Worker
	// reminders queues the reminder mails before events.
	reminders *registration.Reminders
	// campaigns starts scheduled campaigns and writes their mails.
	campaigns *campaign.Scheduler
	// keeper takes the automatic backups and runs the retention job.
	keeper *housekeeping.Keeper
}

// open opens the database and builds the services. Only a new database is
// migrated here; an existing one with pending migrations is refused so an
// upgrade never changes data without the backup 'convene migrate' takes.
func open(ctx context.Context, cio cmdIO, cfg config, mode string) (*system, error) {
	log := newLogger(cio.stderr, cfg.LogLevel)
	st, err := store.Open(ctx, cfg.dbPath(), store.Options{})
	if err != nil {
		return nil, err
	}
	settings := setting.NewService(st)
	renderer, err := mail.NewRenderer(cio.cat, settings)
	if err != nil {
		st.Close()
		return nil, err
	}
	outbox := mail.NewOutbox(st, renderer)
	register := company.NewService(st)
	org, err := settings.Get(ctx)
	if err != nil {
		st.Close()
		return nil, err
	}
	// Calendar UIDs name the organiser's mail domain.
	uidDomain := org.Email[strings.LastIndexByte(org.Email, '@')+1:]
	events := event.NewService(st, uidDomain)
	publicURL := func(ctx context.Context) string {
		st, err := settings.Get(ctx)
		if err != nil {
			return cfg.BaseURL
		}
		return st.PublicURL(cfg.BaseURL, cfg.Addr)
	}
	organizer := func(ctx context.Context) calendar.Organizer {
		st, err := settings.Get(ctx)
		if err != nil {
			return calendar.Organizer{}
		}
		return calendar.OrganizerFrom(st)
	}
	notifier := registration.NewMailNotifier(outbox, publicURL).WithCalendar(organizer)
	registrations := registration.NewService(st, events, notifier, register)
	if err := registrations.BackfillCodes(ctx); err != nil {
		st.Close()
		return nil, err
	}
	campaigns := campaign.NewService(st, settings, cio.cat, register, events, outbox, publicURL)
	registrations.SetInvitations(campaigns)
	deps := &app.Deps{
		Store: st, Settings: settings, Users: auth.NewService(st), Outbox: outbox, MailSettings: mail.NewSettings(st, outbox),
		Register: register, Privacy: privacy.NewService(st, register, outbox), Events: events, Registrations: registrations, Campaigns: campaigns, Awards: award.NewService(st, events), Reports: report.NewService(st, settings),
		Catalog: cio.cat, Log: log, Version: version, Mode: mode, DataDir: cfg.DataDir, BaseURLOverride: cfg.BaseURL, Addr: cfg.Addr,
	}
	return &system{cfg: cfg, log: log, store: st, deps: deps}, nil
}

// start binds the listen address first, so a port in use is reported
// before the database is touched, then opens the system and its web server.
// The caller closes the system; serveUntil closes the listener.
func start(ctx context.Context, cio cmdIO, cfg config, mode string, admin fs.FS, withRPC bool) (*system, net.Listener, error) {
	ln, err := listen(cfg.Addr)
	if err != nil {
		return nil, nil, err
	}
	sys, err := open(ctx, cio, cfg, mode)
	if err != nil {
		ln.Close()
		return nil, nil, err
	}
	if err := sys.newWeb(admin, withRPC); err != nil {
		ln.Close()
		sys.close()
		return nil, nil, err
	}
	// The mail worker runs wherever the app serves: desktop or server.
	sys.mailer = mail.NewWorker(sys.deps.Outbox, mail.WorkerOptions{Log: sys.log.With("part", "mail")})
	if err := sys.mailer.Start(ctx); err != nil {
		ln.Close()
		sys.close()
		return nil, nil, err
	}
	// Reminders are checked every few minutes; a reminder is due days
	// ahead, so minutes of delay do not matter.
	sys.reminders = registration.NewReminders(sys.deps.Registrations, 5*time.Minute, sys.log.With("part", "reminders"))
	sys.reminders.Start(ctx)
	sys.campaigns = campaign.NewScheduler(sys.deps.Campaigns, 15*time.Second, sys.log.With("part", "campaigns"))
	sys.campaigns.Start(ctx)
	sys.keeper = housekeeping.New(sys.store, sys.deps.Settings, sys.deps.Registrations, sys.deps.BackupDir(), 15*time.Minute, sys.log.With("part", "housekeeping"))
	sys.keeper.Start(ctx)
	return sys, ln, nil
}

// newWeb builds the HTTP server for the public site (and, in serve mode,
// the staff UI and RPC).
func (s *system) newWeb(admin fs.FS, withRPC bool) error {
	proxies, _ := web.ParseProxies(s.cfg.TrustedProxies) // checked with the flags
	cfg := web.Config{
		TrustedProxies: proxies,
		Store:          s.store, Settings: s.deps.Settings, Users: s.deps.Users, Catalog: s.deps.Catalog, Log: s.log,
		Admin: admin, Events: s.deps.Events, Registrations: s.deps.Registrations, Campaigns: s.deps.Campaigns, Awards: s.deps.Awards, FormatError: s.deps.FormatError, BaseURLOverride: s.cfg.BaseURL, Addr: s.cfg.Addr, Version: version,
	}
	if withRPC {
		cfg.Services = func(ctx context.Context, actor auth.Actor) []any { return app.Bound(ctx, s.deps, actor) }
	}
	srv, err := web.New(cfg)
	if err != nil {
		return err
	}
	s.web = srv
	return nil
}

// listen binds the public site's address with a clear message when taken.
func listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return nil, i18n.Wrap(err, "cli.addr_in_use", map[string]any{"addr": addr})
		}
		return nil, i18n.Wrap(err, "cli.addr_invalid", map[string]any{"addr": addr, "cause": err.Error()})
	}
	return ln, nil
}

// serveUntil serves HTTP on ln until ctx ends, then drains requests.
func (s *system) serveUntil(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.web,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("stop web server: %w", err)
	}
	return nil
}

// close stops the mail worker, then closes the database once every user of
// it has stopped.
func (s *system) close() {
	if s.reminders != nil {
		s.reminders.Stop()
	}
	if s.campaigns != nil {
		s.campaigns.Stop()
	}
	if s.keeper != nil {
		s.keeper.Stop()
	}
	// Registrations waiting for the group commit are written before the
	// database closes.
	s.deps.Registrations.Close()
	if s.mailer != nil {
		s.mailer.Stop()
		s.log.Info("mail worker stopped")
	}
	if err := s.store.Close(); err != nil {
		s.log.Error("close database", "err", err)
		return
	}
	s.log.Info("database closed")
}

package app

import (
	"context"
	"log/slog"
	"path/filepath"

	"convene/internal/audit"
	"convene/internal/auth"
	"convene/internal/award"
	"convene/internal/campaign"
	"convene/internal/company"
	"convene/internal/event"
	"convene/internal/i18n"
	"convene/internal/mail"
	"convene/internal/privacy"
	"convene/internal/registration"
	"convene/internal/report"
	"convene/internal/setting"
	"convene/internal/store"
)

// Deps are what the services need, built once by main.
type Deps struct {
	Store    *store.Store
	Settings *setting.Service
	Users    *auth.Service
	// Outbox and MailSettings are the mail delivery's services.
	Outbox       *mail.Outbox
	MailSettings *mail.Settings
	// Register is the business register of companies and contacts.
	Register *company.Service
	// Privacy answers a person's export and erasure requests.
	Privacy *privacy.Service
	// Events are the department's events.
	Events *event.Service
	// Registrations are the companies' registrations for events.
	Registrations *registration.Service
	// Campaigns are the mailings and invitations.
	Campaigns *campaign.Service
	// Awards are the gazelle award rounds.
	Awards *award.Service
	// Reports are the overview and the reports.
	Reports *report.Service
	Catalog *i18n.Catalog
	Log     *slog.Logger
	// Version is the program's version.
	Version string
	// Mode is "desktop" or "serve".
	Mode string
	// DataDir is the folder holding the database and its backups.
	DataDir string
	// BaseURLOverride is the public base URL given by flag or environment;
	// it wins over the saved setting.
	BaseURLOverride string
	// Addr is where the public site listens.
	Addr string
}

// BackupDir is where backups taken from the UI go.
func (d *Deps) BackupDir() string { return filepath.Join(d.DataDir, "backups") }

// call is what every service carries: the request's context, the actor, and
// the dependencies.
type call struct {
	ctx   context.Context
	actor auth.Actor
	deps  *Deps
}

// Bound returns one value of every bound service, acting for actor. The
// desktop binds one set for the local user; the RPC endpoint makes a set per
// request for the signed-in user. Wails cannot pass a context or an actor to
// a bound method, so they travel in the service value.
func Bound(ctx context.Context, d *Deps, actor auth.Actor) []any {
	// The audit log names whoever acts through these services.
	c := call{ctx: audit.WithActor(ctx, actor.Label()), actor: actor, deps: d}
	return []any{&Settings{c}, &System{c}, &Users{c}, &Mail{c}, &Companies{c}, &Contacts{c}, &Segments{c}, &Events{c}, &Registrations{c}, &Campaigns{c}, &Gazelles{c}, &Reports{c}}
}

// FormatError turns an error from a bound method into the Problem the
// frontend translates, logging an unexpected cause once. Wails uses it as
// its ErrorFormatter; the RPC endpoint does the same for serve mode.
func (d *Deps) FormatError(err error) any {
	p, internal := d.Catalog.Describe(err, i18n.Default)
	if internal {
		d.Log.Error("service call failed", "err", err)
	}
	return p
}

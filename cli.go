package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"convene/internal/i18n"
	"convene/internal/web"
)

// config holds the settings every command shares: flags win over
// CONVENE_* environment variables, which win over the defaults.
type config struct {
	DataDir  string
	Addr     string
	BaseURL  string
	LogLevel string
	// TrustedProxies lists the reverse proxies whose X-Forwarded-For is
	// believed, comma-separated addresses or CIDR prefixes.
	TrustedProxies string
}

func (c config) dbPath() string { return filepath.Join(c.DataDir, "convene.db") }

// env is how commands read the environment; tests pass their own.
type env func(string) string

// cmdIO is what a command reads and writes.
type cmdIO struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv env
	cat    *i18n.Catalog
	lang   string
}

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, io cmdIO, args []string) error
}

func commands() []command {
	return []command{
		{"desktop", "open the staff desktop app and the public site (the default)", cmdDesktop},
		{"serve", "run the public site, the staff UI at /admin/ and the RPC API, headless", cmdServe},
		{"migrate", "bring the database schema up to date (a backup is taken first)", cmdMigrate},
		{"backup", "write an online backup of the database to FILE", cmdBackup},
		{"restore", "replace the database with a checked backup FILE (stop Convene first)", cmdRestore},
		{"user", "manage staff accounts: user add | passwd | list", cmdUser},
		{"import", "import companies and contacts from CSV or XLSX: import companies FILE", cmdImport},
		{"version", "print the version", cmdVersion},
	}
}

// errUsage means the command line was wrong; the usage is already printed.
var errUsage = errors.New("usage")

func run(ctx context.Context, args []string, getenv env, stdin io.Reader, stdout, stderr io.Writer) int {
	cat := i18n.MustLoad()
	cio := cmdIO{stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv, cat: cat,
		lang: i18n.Match(firstNonEmpty(getenv("LC_ALL"), getenv("LC_MESSAGES"), getenv("LANG")))}
	name, explicit := "desktop", false
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args, explicit = args[0], args[1:], true
	}
	if !explicit && len(args) > 0 && isHelp(args[0]) || name == "help" {
		usage(stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name == name {
			err := c.run(ctx, cio, args)
			switch {
			case err == nil:
				return 0
			case errors.Is(err, flag.ErrHelp):
				return 0
			case errors.Is(err, errUsage):
				return 2
			}
			fmt.Fprintln(stderr, "convene: "+describe(cio, err))
			return 1
		}
	}
	fmt.Fprintf(stderr, "convene: unknown command %q\n\n", name)
	usage(stderr)
	return 2
}

// describe gives the user's-language message of errors that have one.
func describe(cio cmdIO, err error) string {
	var keyed i18n.Keyed
	var ue *i18n.Error
	if errors.As(err, &keyed) || errors.As(err, &ue) {
		p, _ := cio.cat.Describe(err, cio.lang)
		msg := p.Message
		for f, m := range p.Fields {
			msg += fmt.Sprintf("\n  %s: %s", f, cio.cat.T(cio.lang, m.Key, m.Params))
		}
		return msg
	}
	return err.Error()
}

func isHelp(arg string) bool {
	return arg == "-h" || arg == "-help" || arg == "--help"
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Convene: events and network meetings for a business department.")
	fmt.Fprintln(w, "\nUsage: convene [command] [flags]")
	fmt.Fprintln(w, "\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'convene COMMAND --help' for a command's flags.")
}

// newFlags makes a command's flag set with the shared flags bound to cfg.
func newFlags(cio cmdIO, name, argsUsage string, cfg *config) *flag.FlagSet {
	fs := flag.NewFlagSet("convene "+name, flag.ContinueOnError)
	fs.SetOutput(cio.stderr)
	def := defaults(cio.getenv)
	fs.StringVar(&cfg.DataDir, "data", def.DataDir, "data folder holding the database and backups (env CONVENE_DATA)")
	fs.StringVar(&cfg.Addr, "addr", def.Addr, "listen address of the public site, HOST:PORT (env CONVENE_ADDR)")
	fs.StringVar(&cfg.BaseURL, "base-url", def.BaseURL, "public base URL used in links and mails (env CONVENE_BASE_URL)")
	fs.StringVar(&cfg.LogLevel, "log-level", def.LogLevel, "log level: debug, info, warn, error (env CONVENE_LOG_LEVEL)")
	fs.StringVar(&cfg.TrustedProxies, "trusted-proxies", def.TrustedProxies,
		"reverse proxies whose X-Forwarded-For names the client, e.g. 10.0.0.5,192.168.1.0/24 (env CONVENE_TRUSTED_PROXIES)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: convene %s [flags] %s\n\nFlags:\n", name, argsUsage)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags into cfg and checks the shared ones; a wrong flag
// prints usage and gives errUsage.
func parse(fs *flag.FlagSet, args []string, cfg *config) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	return cfg.validate()
}

func defaults(getenv env) config {
	c := config{
		DataDir:        getenv("CONVENE_DATA"),
		Addr:           firstNonEmpty(getenv("CONVENE_ADDR"), "127.0.0.1:8080"),
		BaseURL:        getenv("CONVENE_BASE_URL"),
		LogLevel:       firstNonEmpty(getenv("CONVENE_LOG_LEVEL"), "info"),
		TrustedProxies: getenv("CONVENE_TRUSTED_PROXIES"),
	}
	if c.DataDir == "" {
		if dir, err := os.UserConfigDir(); err == nil {
			c.DataDir = filepath.Join(dir, "convene")
		} else {
			c.DataDir = "convene-data"
		}
	}
	return c
}

// validate checks the shared flags once parsed.
func (c *config) validate() error {
	if _, err := web.ParseProxies(c.TrustedProxies); err != nil {
		return fmt.Errorf("--trusted-proxies: %w", err)
	}
	if c.BaseURL != "" {
		c.BaseURL = strings.TrimRight(c.BaseURL, "/")
		if !strings.HasPrefix(c.BaseURL, "http://") && !strings.HasPrefix(c.BaseURL, "https://") {
			return fmt.Errorf("--base-url %q must start with http:// or https://", c.BaseURL)
		}
	}
	abs, err := filepath.Abs(c.DataDir)
	if err != nil {
		return err
	}
	c.DataDir = abs
	return nil
}

func newLogger(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		l = slog.LevelInfo
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l}))
}

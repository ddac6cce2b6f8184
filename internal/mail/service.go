package mail

import (
	"context"
	"fmt"
	"strings"
	"time"

	"convene/internal/i18n"
	"convene/internal/store"

	gomail "github.com/wneessen/go-mail"
)

// Settings keeps the SMTP configuration and sends test mails.
type Settings struct {
	store  *store.Store
	outbox *Outbox
	now    func() time.Time
}

// NewSettings returns the SMTP settings service.
func NewSettings(st *store.Store, outbox *Outbox) *Settings {
	return &Settings{store: st, outbox: outbox, now: func() time.Time { return time.Now().UTC() }}
}

// Config returns the full configuration, secrets included, for Go callers.
func (s *Settings) Config(ctx context.Context) (Config, error) { return loadConfig(ctx, s.store) }

// View returns the configuration without its secrets.
func (s *Settings) View(ctx context.Context) (SettingsView, error) {
	c, err := loadConfig(ctx, s.store)
	if err != nil {
		return SettingsView{}, err
	}
	return c.View(), nil
}

// Save validates and stores the form. Once SMTP is configured, mail that
// was held for want of it is queued and sent.
func (s *Settings) Save(ctx context.Context, in SettingsInput, actor string) (SettingsView, error) {
	var out Config
	err := s.store.Tx(ctx, func(ctx context.Context) error {
		cur, err := loadConfig(ctx, s.store)
		if err != nil {
			return err
		}
		c := cur.apply(in)
		if err := c.validate(); err != nil {
			return err
		}
		c.UpdatedAt, c.UpdatedBy = s.now().Truncate(time.Second), actor
		if err := saveConfig(ctx, s.store, c); err != nil {
			return fmt.Errorf("save smtp settings: %w", err)
		}
		if c.Configured() {
			if _, err := s.outbox.ReleaseHeld(ctx); err != nil {
				return err
			}
		}
		out = c
		return nil
	})
	if err != nil {
		return SettingsView{}, err
	}
	s.outbox.wake()
	return out.View(), nil
}

// GenerateDKIMKey makes a new RSA-2048 signing key and stores it; the view
// then carries the DNS record to publish.
func (s *Settings) GenerateDKIMKey(ctx context.Context, actor string) (SettingsView, error) {
	key, err := newDKIMKey()
	if err != nil {
		return SettingsView{}, err
	}
	var out Config
	err = s.store.Tx(ctx, func(ctx context.Context) error {
		c, err := loadConfig(ctx, s.store)
		if err != nil {
			return err
		}
		c.DKIMKeyPEM = key
		c.UpdatedAt, c.UpdatedBy = s.now().Truncate(time.Second), actor
		out = c
		return saveConfig(ctx, s.store, c)
	})
	return out.View(), err
}

// TestResult is the outcome of a test mail: the server's last answer and
// the whole SMTP conversation, without credentials.
type TestResult struct {
	OK         bool     `json:"ok"`
	Reply      string   `json:"reply"`
	Transcript []string `json:"transcript"`
	MailID     int64    `json:"mailId"`
}

// TestData is what the test mail template shows.
type TestData struct {
	Host   string
	SentAt time.Time
}

// SendTest sends a test mail to address at once, with the saved settings,
// and reports exactly what the server answered. The mail is also recorded
// in the outbox.
func (s *Settings) SendTest(ctx context.Context, address string) (TestResult, error) {
	address = strings.ToLower(strings.TrimSpace(address))
	if !validAddress(address) {
		e := i18n.NewError("error.validation", nil)
		e.Fields = map[string]i18n.Message{"to": {Key: "error.email"}}
		return TestResult{}, e
	}
	cfg, err := loadConfig(ctx, s.store)
	if err != nil {
		return TestResult{}, err
	}
	if !cfg.Configured() {
		return TestResult{}, i18n.NewError("mail.error.not_configured", nil)
	}
	now := s.now()
	r, err := s.outbox.renderer.Render(ctx, "test", "", TestData{Host: cfg.Host, SentAt: now})
	if err != nil {
		return TestResult{}, err
	}
	m := Message{
		MessageID: newMessageID(cfg.FromAddress, now), Kind: KindService, Template: "test", Lang: r.Lang,
		FromName: cfg.FromName, FromAddress: cfg.FromAddress, ReplyTo: cfg.ReplyTo, ToAddress: address,
		Subject: r.Subject, TextBody: r.Text, HTMLBody: r.HTML, Headers: map[string]string{},
		Attempts: 1, NextAttemptAt: now, CreatedAt: now, UpdatedAt: now,
	}
	tr := &transcript{}
	res := TestResult{}
	msg, err := buildMsg(&m, cfg, now)
	if err == nil {
		var client *gomail.Client
		client, err = dial(ctx, cfg, tr)
		if err == nil {
			err = client.Send(msg)
			if err == nil {
				// go-mail does not log the message or the answer to its end.
				tr.afterData("C: <message, "+fmt.Sprint(len(m.TextBody)+len(m.HTMLBody))+" bytes of text and HTML>", "S: "+acceptedReply(msg))
			}
			_ = client.Close()
		}
	}
	res.Transcript = tr.lines
	res.Reply = tr.lastReply()
	if err == nil {
		res.Reply = acceptedReply(msg)
	}
	if err != nil {
		res.Reply = serverReply(err)
		m.State = StateFailed
	} else {
		res.OK = true
		m.State = StateSent
		m.SentAt = &now
	}
	m.LastReply = truncate(res.Reply, 1000)
	if err := insertMessage(s.store.W(ctx), &m); err != nil {
		return TestResult{}, fmt.Errorf("record test mail: %w", err)
	}
	res.MailID = m.ID
	return res, nil
}
